#include "services/http_gateway.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "openssl/err.h"
#include "openssl/ssl.h"
#include "openssl/x509.h"
#include "services/call_scope.h"
#include "services/internal/ogc_features.h"

namespace mdhub::services {
namespace {

using internal::OgcFeatures;

constexpr size_t kMaxAgency = 256;
constexpr size_t kMaxAuditedPath = 512;

// The HTTP status and OGC exception code of a status.
std::pair<int, const char*> HttpError(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument: return {400, "InvalidParameterValue"};
    case absl::StatusCode::kUnauthenticated: return {401, "Unauthorized"};
    case absl::StatusCode::kPermissionDenied: return {403, "Forbidden"};
    case absl::StatusCode::kNotFound: return {404, "NotFound"};
    case absl::StatusCode::kUnavailable: return {503, "ServiceUnavailable"};
    default: return {500, "ServerError"};
  }
}

void WriteError(httplib::Response& res, int status, const char* code, absl::string_view text) {
  nlohmann::ordered_json body = {{"code", code}, {"description", text}};
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

void WriteError(httplib::Response& res, const absl::Status& status) {
  auto [http, code] = HttpError(status.code());
  WriteError(res, http, code, status.message());
}

// The UTF-8 common name of the verified client certificate; "" without one.
std::string ClientCommonName(const SSL* ssl) {
  if (ssl == nullptr || SSL_get_verify_result(ssl) != X509_V_OK) return "";
  X509* cert = SSL_get1_peer_certificate(ssl);
  if (cert == nullptr) return "";
  std::string name;
  X509_NAME* subject = X509_get_subject_name(cert);
  int i = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  unsigned char* utf8 = nullptr;
  int n = i < 0 ? -1
                : ASN1_STRING_to_UTF8(&utf8,
                                      X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, i)));
  if (n > 0) name.assign(reinterpret_cast<char*>(utf8), n);
  OPENSSL_free(utf8);
  X509_free(cert);
  return name;
}

absl::StatusOr<Caller> IdentifyCaller(const httplib::Request& req, bool dev_mode) {
  std::string agency;
  if (dev_mode) {
    agency = req.get_header_value("x-mdhub-agency");
    if (agency.empty()) agency = req.get_param_value("agency");
    if (agency.empty()) {
      return absl::UnauthenticatedError(
          "no agency: name it in the x-mdhub-agency header or the agency query parameter "
          "(development mode)");
    }
  } else {
    agency = ClientCommonName(req.ssl);
    if (agency.empty()) {
      return absl::UnauthenticatedError(
          "no client certificate with a common name: connect with the agency's certificate");
    }
  }
  return MakeCaller(agency.substr(0, kMaxAgency), req.get_header_value("x-mdhub-user"),
                    req.get_header_value("x-mdhub-purpose"));
}

// "scheme://host[:port]" for links: the Host header when it looks like one, else the address the
// request arrived at.
std::string BaseUrl(const httplib::Request& req, bool tls) {
  std::string host = req.get_header_value("Host");
  bool plausible = !host.empty() && host.size() < 256;
  for (char c : host) {
    plausible = plausible && (absl::ascii_isalnum(c) || c == '.' || c == '-' || c == ':' ||
                              c == '[' || c == ']' || c == '_');
  }
  if (!plausible) {
    const bool v6 = req.local_addr.find(':') != std::string::npos;
    host = absl::StrCat(v6 ? "[" : "", req.local_addr, v6 ? "]" : "", ":", req.local_port);
  }
  return absl::StrCat(tls ? "https://" : "http://", host);
}

// The request's parameters; INVALID_ARGUMENT for one given twice.
absl::Status ParseRequest(const httplib::Request& req, bool dev_mode, internal::OgcRequest* out) {
  out->base_url = BaseUrl(req, !dev_mode);
  for (const auto& [name, value] : req.params) {
    if (name == "agency") {
      // Names the agency in development mode (links keep it for browsers); ignored otherwise.
      if (dev_mode) out->link_params[name] = value;
      continue;
    }
    if (!out->params.emplace(name, value).second) {
      return absl::InvalidArgumentError(absl::StrCat(name, ": given more than once"));
    }
  }
  if (req.matches.size() > 1) out->collection_id = req.matches[1];
  if (req.matches.size() > 2) out->feature_id = req.matches[2];
  return absl::OkStatus();
}

// One /ogc request: identify, authorise, run the resource, audit, answer.
void Serve(Backend& backend, const OgcFeatures& ogc, const OgcFeatures::Route& route,
           const httplib::Request& req, httplib::Response& res) {
  const bool dev_mode = backend.development_mode;
  CallScope call(backend, IdentifyCaller(req, dev_mode),
                 {absl::StrCat("mdhub.v1.SpatialService/", route.method),
                  absl::StrCat("ogcapi:GET ", req.path.substr(0, kMaxAuditedPath)),
                  absl::StrCat("ogcapi:", route.name)});
  if (!call.admission().ok()) return WriteError(res, call.Complete(call.admission()));
  internal::OgcRequest request;
  absl::Status parsed = ParseRequest(req, dev_mode, &request);
  absl::StatusOr<internal::OgcResponse> out =
      parsed.ok() ? (ogc.*route.handler)(call, request) : parsed;
  if (absl::Status s = call.Complete(out.status()); !s.ok()) return WriteError(res, s);
  for (const auto& [name, value] : out->headers) res.set_header(name.c_str(), value);
  res.set_content(std::move(out->body), out->content_type.c_str());
}

// Mutual TLS: the server's certificate, and client certificates signed by the client CA
// required. *error says what failed when the result is not valid.
std::unique_ptr<httplib::Server> TlsServer(const TlsConfig& tls, std::string* error) {
  auto fail = [&](absl::string_view what, const std::string& file) {
    const char* reason = ERR_reason_error_string(ERR_get_error());
    *error = absl::StrCat("cannot use ", what, " ", file, " for HTTPS: ",
                          reason != nullptr ? reason : "unknown OpenSSL error");
    return false;
  };
  auto server = std::make_unique<httplib::SSLServer>([&](SSL_CTX& ctx) {
    SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
    if (SSL_CTX_use_certificate_chain_file(&ctx, tls.cert.c_str()) != 1) {
      return fail("tls.cert", tls.cert);
    }
    if (SSL_CTX_use_PrivateKey_file(&ctx, tls.key.c_str(), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(&ctx) != 1) {
      return fail("tls.key", tls.key);
    }
    if (SSL_CTX_load_verify_locations(&ctx, tls.client_ca.c_str(), nullptr) != 1) {
      return fail("tls.client_ca", tls.client_ca);
    }
    STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(tls.client_ca.c_str());
    if (names == nullptr) return fail("tls.client_ca", tls.client_ca);
    SSL_CTX_set_client_CA_list(&ctx, names);  // takes ownership
    SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    return true;
  });
  return server;
}

}  // namespace

HttpGateway::HttpGateway(std::unique_ptr<httplib::Server> http) : http_(std::move(http)) {}

HttpGateway::~HttpGateway() { Stop(); }

absl::StatusOr<std::unique_ptr<HttpGateway>> HttpGateway::Create(Backend& backend,
                                                                 const Options& options) {
  auto address = SplitHostPort(options.listen, "http_listen");
  if (!address.ok()) return address.status();
  absl::StatusOr<OgcFeatures> ogc = OgcFeatures::Create();
  if (!ogc.ok()) return ogc.status();
  std::unique_ptr<httplib::Server> http;
  if (options.development_mode) {
    http = std::make_unique<httplib::Server>();
  } else {
    std::string error = "cannot set up HTTPS";
    http = TlsServer(options.tls, &error);
    if (!http->is_valid()) return absl::InvalidArgumentError(error);
  }
  auto shared = std::make_shared<const OgcFeatures>(*std::move(ogc));
  for (const OgcFeatures::Route& route : OgcFeatures::Routes()) {
    http->Get(route.pattern, [&backend, shared, &route](const httplib::Request& req,
                                                        httplib::Response& res) {
      Serve(backend, *shared, route, req, res);
    });
  }
  http->set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (res.status == 404) {
      WriteError(res, 404, "NotFound",
                 absl::StrCat("no resource at ", req.path, " (the OGC API is at /ogc)"));
    } else {
      WriteError(res, res.status, "Error", absl::StrCat("HTTP ", res.status));
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  http->set_exception_handler([](const httplib::Request& req, httplib::Response& res,
                                 std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    Log(LogLevel::kError, "HTTP request failed", {{"path", req.path}, {"error", what}});
    WriteError(res, 500, "ServerError", "internal error");
  });
  http->set_keep_alive_timeout(30);
  auto [host, port] = *address;
  int bound = port == 0 ? http->bind_to_any_port(host)
                        : (http->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on http_listen ", options.listen,
                                               " (address in use or invalid?)"));
  }
  std::unique_ptr<HttpGateway> gateway(new HttpGateway(std::move(http)));
  gateway->port_ = bound;
  return gateway;
}

absl::Status HttpGateway::ServeStatic(const std::string& url_prefix, const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return absl::InvalidArgumentError(absl::StrCat("web_dir ", dir, " is not a directory"));
  }
  std::string prefix = url_prefix;
  if (prefix.empty() || prefix.front() != '/') prefix.insert(0, "/");
  if (prefix.back() != '/') prefix.push_back('/');
  if (!http_->set_mount_point(prefix, dir)) {
    return absl::InvalidArgumentError(absl::StrCat("cannot serve ", dir, " at ", prefix));
  }
  if (prefix.size() > 1) {
    http_->Get(prefix.substr(0, prefix.size() - 1),
               [prefix](const httplib::Request& req, httplib::Response& res) {
                 internal::OgcParams params(req.params.begin(), req.params.end());
                 res.set_redirect(prefix + internal::QueryString(params));
               });
  }
  return absl::OkStatus();
}

absl::Status HttpGateway::Start() {
  thread_ = std::thread([this] {
    http_->listen_after_bind();
    done_.store(true);
  });
  // httplib's stop() is lost if it comes before the listener runs; Stop relies on this wait.
  for (int i = 0; i < 5000 && !http_->is_running() && !done_.load(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (!http_->is_running()) {
    return absl::UnavailableError(absl::StrCat("HTTP gateway on port ", port_, " did not start"));
  }
  return absl::OkStatus();
}

void HttpGateway::Stop() {
  if (!thread_.joinable()) return;
  // Repeated: a stop() that came before the listener ran would be lost.
  while (!done_.load()) {
    http_->stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  thread_.join();
}

}  // namespace mdhub::services
