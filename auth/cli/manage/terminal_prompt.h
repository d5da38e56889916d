// Questions asked on the terminal by interactive `gatehouse manage`
// commands (register-user without -y), as mas-cli's dialoguer prompts.
#pragma once

#include <string>
#include <string_view>

namespace gatehouse::cli::manage {

// Whether stdin is a terminal (prompting makes sense).
bool stdin_is_terminal();

// Prints `question` to stderr and reads one line from stdin (without the
// newline). With `hidden` the typing is not echoed (passwords).
std::string ask(std::string_view question, bool hidden = false);

// A yes/no question; anything but y/yes is no.
bool confirm(std::string_view question);

}  // namespace gatehouse::cli::manage
