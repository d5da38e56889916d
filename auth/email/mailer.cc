#include "auth/email/mailer.h"

#include <cstring>
#include <mutex>

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include "shared/crypto/random.h"

namespace gatehouse::auth::email {
namespace {

class BlackholeMailer final : public Mailer {
 public:
  Status send(const EmailMessage& message) override {
    // Neither the address nor the subject: a subject may hold a code.
    (void)message;
    spdlog::info("email: transport blackhole: a message was not sent (set email.transport: smtp)");
    return ok();
  }
  Result<std::string> check() override {
    return std::string("transport blackhole: mail is not sent");
  }
};

// libcurl reads the message through this.
struct Upload {
  const std::string& data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

class SmtpMailer final : public Mailer {
 public:
  SmtpMailer(config::EmailConfig config, std::shared_ptr<const Clock> clock)
      : config_(std::move(config)), clock_(std::move(clock)) {
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  Result<std::string> check() override {
    auto curl = connection();
    if (!curl) return fail(ErrorCode::kUnavailable, "cannot start an SMTP client");
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, "NOOP");
    curl_easy_setopt(curl.get(), CURLOPT_NOBODY, 1L);
    const CURLcode result = curl_easy_perform(curl.get());
    if (result != CURLE_OK) {
      return fail(ErrorCode::kUnavailable, "the SMTP server " + config_.hostname + ":" +
                                               std::to_string(config_.effective_port()) +
                                               " did not answer as expected",
                  error[0] ? error : curl_easy_strerror(result));
    }
    return "smtp " + config_.mode + " " + config_.hostname + ":" +
           std::to_string(config_.effective_port()) + " answers" +
           (config_.username.empty() ? "" : " and accepts the login");
  }

  Status send(const EmailMessage& message) override {
    const std::string domain = address_of(config_.from).substr(address_of(config_.from).find('@') + 1);
    const Envelope envelope{config_.from, config_.reply_to, clock_->unix_seconds(),
                            crypto::random_alnum(24) + "@" + domain};
    const std::string data = render_message(message, envelope);
    auto curl = connection();
    if (!curl) return fail(ErrorCode::kUnavailable, "cannot start an SMTP client");
    const std::string from = "<" + address_of(config_.from) + ">";
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + address_of(message.to) + ">").c_str());
    Upload upload{data};
    char error[CURL_ERROR_SIZE] = {0};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    const CURLcode result = curl_easy_perform(c);
    curl_slist_free_all(recipients);
    if (result != CURLE_OK) {
      return fail(ErrorCode::kUnavailable,
                  "the SMTP server " + config_.hostname + " did not take the message",
                  error[0] ? error : curl_easy_strerror(result));
    }
    return ok();
  }

 private:
  using Handle = std::unique_ptr<CURL, void (*)(CURL*)>;

  // A handle set up for the server: URL, TLS as `mode` says, login,
  // timeouts. The URL lives in the mailer (libcurl keeps the pointer).
  Handle connection() const {
    Handle curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return curl;
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
    if (config_.mode == "starttls") curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!config_.username.empty()) {
      curl_easy_setopt(c, CURLOPT_USERNAME, config_.username.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, config_.password.value_or("").c_str());
    }
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    return curl;
  }

  config::EmailConfig config_;
  std::string url_ = std::string(config_.mode == "tls" ? "smtps://" : "smtp://") +
                     config_.hostname + ":" + std::to_string(config_.effective_port());
  std::shared_ptr<const Clock> clock_;
};

}  // namespace

std::shared_ptr<Mailer> make_mailer(const config::EmailConfig& config,
                                    std::shared_ptr<const Clock> clock) {
  if (config.transport == "smtp") return std::make_shared<SmtpMailer>(config, std::move(clock));
  return std::make_shared<BlackholeMailer>();
}

}  // namespace gatehouse::auth::email
