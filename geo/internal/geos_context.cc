#include "geo/internal/geos_context.h"

#include <geos_c.h>

namespace mdhub::geo::internal {
namespace {

class GeosContext {
 public:
  GeosContext() : handle_(GEOS_init_r()) {
    GEOSContext_setNoticeMessageHandler_r(handle_, &IgnoreNotice, nullptr);
    GEOSContext_setErrorMessageHandler_r(handle_, &KeepError, this);
  }
  ~GeosContext() { GEOS_finish_r(handle_); }
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;

  GEOSContextHandle_t handle() const { return handle_; }
  std::string& last_error() { return last_error_; }

 private:
  // Notices (e.g. where a geometry is invalid) are not errors: the callers ask for reasons.
  static void IgnoreNotice(const char*, void*) {}
  static void KeepError(const char* message, void* self) {
    static_cast<GeosContext*>(self)->last_error_ = message;
  }

  GEOSContextHandle_t handle_;
  std::string last_error_;
};

GeosContext& Context() {
  thread_local GeosContext context;
  return context;
}

}  // namespace

GEOSContextHandle_HS* GeosHandle() { return Context().handle(); }

void ClearGeosError() { Context().last_error().clear(); }

std::string LastGeosError() {
  const std::string& error = Context().last_error();
  return error.empty() ? std::string("unknown GEOS error") : error;
}

std::string TakeGeosString(char* s) {
  if (s == nullptr) return "";
  std::string result(s);
  GEOSFree_r(GeosHandle(), s);
  return result;
}

}  // namespace mdhub::geo::internal
