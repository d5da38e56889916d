#include "shared/http/response.h"

namespace gatehouse::http {

void write_json(httplib::Response& res, int status, const nlohmann::json& body) {
  // `replace` keeps a handler's bad UTF-8 from throwing mid-response.
  write_json_text(res, status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void write_json_text(httplib::Response& res, int status, std::string body) {
  res.status = status;
  res.body = std::move(body);
  res.set_header("Content-Type", kJsonContentType);
}

void write_oauth_error(httplib::Response& res, int status, std::string_view error,
                       std::string_view description) {
  nlohmann::json body = {{"error", error}};
  if (!description.empty()) body["error_description"] = description;
  write_json(res, status, body);
  res.set_header("Cache-Control", "no-store");
  res.set_header("Pragma", "no-cache");
}

void write_matrix_error(httplib::Response& res, int status, std::string_view errcode,
                        std::string_view message, const nlohmann::json& extra) {
  nlohmann::json body = nlohmann::json::object();
  if (extra.is_object()) body = extra;
  body["errcode"] = errcode;
  body["error"] = message;
  write_json(res, status, body);
}

void write_jsonapi_error(httplib::Response& res, int status, std::string_view title) {
  write_json(res, status, {{"errors", nlohmann::json::array({{{"title", title}}})}});
}

bool is_admin_api_path(std::string_view path) { return path.starts_with("/api/"); }

bool is_matrix_path(std::string_view path) {
  return path.starts_with("/_matrix/") || path == "/_matrix";
}

void write_error(httplib::Response& res, ErrorForm form, int status,
                 std::string_view matrix_errcode, std::string_view oauth_error,
                 std::string_view message) {
  if (form == ErrorForm::kMatrix) {
    write_matrix_error(res, status, matrix_errcode, message);
  } else if (form == ErrorForm::kJsonApi) {
    write_jsonapi_error(res, status, message);
  } else {
    write_oauth_error(res, status, oauth_error, message);
  }
}

}  // namespace gatehouse::http
