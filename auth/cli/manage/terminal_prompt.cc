#include "auth/cli/manage/terminal_prompt.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace gatehouse::cli::manage {

bool stdin_is_terminal() { return isatty(STDIN_FILENO) == 1; }

std::string ask(std::string_view question, bool hidden) {
  std::cerr << question << std::flush;
  termios saved{};
  const bool mute = hidden && tcgetattr(STDIN_FILENO, &saved) == 0;
  if (mute) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (mute) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  return line;
}

bool confirm(std::string_view question) {
  const std::string answer = ask(std::string(question) + " [y/N] ");
  return answer == "y" || answer == "Y" || answer == "yes";
}

}  // namespace gatehouse::cli::manage
