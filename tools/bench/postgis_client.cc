#include "tools/bench/postgis_client.h"

#include "absl/strings/str_cat.h"
#include "libpq-fe.h"

namespace mdhub::bench {
namespace {

absl::StatusOr<std::vector<std::string>> Rows(PGresult* res, PGconn* conn) {
  const ExecStatusType st = PQresultStatus(res);
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
    absl::Status s = absl::InternalError(absl::StrCat("PostgreSQL: ", PQerrorMessage(conn)));
    PQclear(res);
    return s;
  }
  std::vector<std::string> out;
  const int n = PQntuples(res);
  out.reserve(n);
  for (int i = 0; i < n; ++i) out.emplace_back(PQgetvalue(res, i, 0));
  PQclear(res);
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<PostgisClient>> PostgisClient::Connect(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    absl::Status s = absl::UnavailableError(
        absl::StrCat("cannot connect to PostgreSQL (", conninfo, "): ", PQerrorMessage(conn)));
    PQfinish(conn);
    return s;
  }
  return std::unique_ptr<PostgisClient>(new PostgisClient(conn));
}

PostgisClient::~PostgisClient() { PQfinish(conn_); }

absl::StatusOr<std::vector<std::string>> PostgisClient::Exec(const std::string& sql) {
  return Rows(PQexec(conn_, sql.c_str()), conn_);
}

absl::Status PostgisClient::Prepare(const std::string& name, const std::string& sql, int params) {
  return Rows(PQprepare(conn_, name.c_str(), sql.c_str(), params, nullptr), conn_).status();
}

absl::StatusOr<std::vector<std::string>> PostgisClient::Run(const std::string& name,
                                                            const std::vector<std::string>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const std::string& p : params) values.push_back(p.c_str());
  return Rows(PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(),
                             nullptr, nullptr, 0),
              conn_);
}

}  // namespace mdhub::bench
