// The GEOS context of the calling thread (GEOS's reentrant C API wants one per thread) and the
// capture of GEOS's error messages for Status. Used by geo/geometry.cc; no GEOS header here.
#ifndef MDHUB_GEO_INTERNAL_GEOS_CONTEXT_H_
#define MDHUB_GEO_INTERNAL_GEOS_CONTEXT_H_

#include <string>

struct GEOSContextHandle_HS;

namespace mdhub::geo::internal {

// This thread's GEOS context, created on first use with handlers that keep the last error
// (notices are dropped), and finished when the thread ends.
GEOSContextHandle_HS* GeosHandle();

// Forgets this thread's last GEOS error; call before a GEOS call whose failure is reported.
void ClearGeosError();

// GEOS's last error message on this thread (e.g. "ParseException: Unexpected EOF parsing WKB"),
// or "unknown GEOS error" when it gave none.
std::string LastGeosError();

// Copies and frees a string that GEOS allocated; "" for nullptr.
std::string TakeGeosString(char* s);

}  // namespace mdhub::geo::internal

#endif  // MDHUB_GEO_INTERNAL_GEOS_CONTEXT_H_
