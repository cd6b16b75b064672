// Backend: what the services call into, borrowed from the server that owns it.
#ifndef MDHUB_SERVICES_BACKEND_H_
#define MDHUB_SERVICES_BACKEND_H_

#include <string>

#include "common/clock.h"
#include "geo/one_map.h"
#include "resolver/record_resolver.h"
#include "services/metrics.h"
#include "services/policy.h"
#include "store/audit_log.h"
#include "store/entity_store.h"
#include "store/kv_store.h"

namespace mdhub::services {

class UnaryCalls;

struct Backend {
  store::KvStore& kv;
  store::EntityStore& entities;
  store::AuditLog& audit;
  resolver::RecordResolver& resolver;
  geo::OneMap& one_map;
  const Policy& policy;
  Metrics& metrics;
  const Clock& clock;
  // Where unary callback methods run (see ServeUnary).
  UnaryCalls& unary_calls;
  std::string backup_dir;
  bool development_mode = false;
};

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_BACKEND_H_
