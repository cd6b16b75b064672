// End-to-end tests of the mdhub command-line tool: the real binary (MDHUB_CLI) runs as a child
// process against the in-process server of E2eTest over mutual TLS, and the tests check what a
// user relies on: exit codes, the JSON on stdout, and the FILE:LINE reports and summaries on
// stderr — for import (CSV, JSON Lines, bad rows, bad mappings, offline into a data directory),
// lookups, the change feed, denied calls, backup and restore, the audit check and --help. The
// person commands are in cli_person_test.cc.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "store/audit_log.h"
#include "store/entity_store.h"
#include "store/rocksdb_kv_store.h"
#include "store/testing/temp_db.h"
#include "tests/cli_fixture.h"

namespace mdhub::tests {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

// Citizen identity numbers (valid check digits) of the people in the test files.
constexpr char kWei[] = "450102199003071238";
constexpr char kHuang[] = "45010319851112246X";
constexpr char kLu[] = "45010319880808007X";
constexpr char kQin[] = "450107199912310138";
constexpr char kMeng[] = "450122197801010014";
constexpr char kNong[] = "450107198506152029";
constexpr char kHuangZm[] = "45010319920420331X";
constexpr char kLi[] = "450122197009090049";

// The mapping of the household-registration CSV files below.
constexpr char kHukouMapping[] = R"(# household registration extract
source = "ps.hukou"
kind = "person"
key = "hukou_no"

[attributes]
name = "姓名"
citizen_id = "身份证号"
address = "住址"
)";

TEST_F(CliTest, ImportCsvCreatesPersonsAndReimportLeavesThemUnchanged) {
  const std::string mapping = WriteFile("hukou.toml", kHukouMapping);
  const std::string csv = WriteFile(
      "hukou.csv",
      absl::StrCat("\xEF\xBB\xBFhukou_no,姓名,身份证号,住址\r\n",  // a BOM and CRLF, as Excel saves
                   "H-1,韦小宝,", kWei, ",\"广西南宁市兴宁区民生路12号, 3栋\"\r\n",  //
                   "H-2,黄丽华,", kHuang, ",南宁市青秀区竹溪大道8号\r\n",           //
                   "H-3,陆建国,", kLu, ",\"南宁市青秀区\"\"东葛路\"\"35号\"\r\n"));

  CliRun r = As("ps", {"import", "--mapping", mapping, csv});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("imported 3 records"));
  EXPECT_THAT(r.err, HasSubstr("3 created, 0 updated, 0 unchanged, 0 rejected")) << r.err;

  ExpectPerson(kWei, "韦小宝", "H-1");
  ExpectPerson(kHuang, "黄丽华", "H-2");
  ExpectPerson(kLu, "陆建国", "H-3");
  // Any spelling of the citizen id finds the person (here a lower-case check letter).
  EXPECT_EQ(Lookup(absl::AsciiStrToLower(kHuang)).id(), EntityOfRecord("H-2"));
  v1::Entity wei = Lookup(kWei);
  EXPECT_EQ(Golden(wei, "address"), "广西南宁市兴宁区民生路12号, 3栋");
  EXPECT_EQ(Golden(Lookup(kLu), "address"), "南宁市青秀区\"东葛路\"35号");

  r = As("ps", {"import", "--mapping", mapping, csv});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("0 created, 0 updated, 3 unchanged, 0 rejected")) << r.err;
  EXPECT_EQ(Lookup(kWei).version(), wei.version());
}

TEST_F(CliTest, ImportReportsEachBadRowByLineAndAcceptsTheGoodRows) {
  const std::string mapping = WriteFile("hukou.toml", kHukouMapping);
  const std::string csv = WriteFile(
      "bad.csv",
      absl::StrCat("hukou_no,姓名,身份证号,住址\n",                                        // 1
                   "H-1,韦小宝,", kWei, ",南宁市兴宁区民生路12号\n",                       // 2
                   "H-2,黄丽华,", kHuang, ",南宁市青秀区竹溪大道8号,多余的字段\n",         // 3
                   "H-3,陆建国,", kLu, ",南宁市青秀区东葛路35号\n",                        // 4
                   "H-4,\xE8\xA6,", kQin, ",南宁市西乡塘区\n",  // 5: invalid UTF-8 (cut short)
                   "H-5,蒙志强,", kMeng, ",南宁市武鸣区城厢镇\n",                          // 6
                   ",农秀兰,", kNong, ",南宁市西乡塘区大学东路100号\n",  // 7: no record key
                   "H-7,黄志明,", kHuangZm, ",南宁市青秀区\n",                             // 8
                   "H-8,\"李秀英,", kLi, ",南宁市邕宁区\n",  // 9: the quote at column 5 never closes
                   "H-9,覃海燕,", kQin, ",广西南宁市西乡塘区大学东路100号\n"));            // 10

  CliRun r = As("ps", {"import", "--mapping", mapping, csv});
  EXPECT_EQ(r.exit_code, 5) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr(csv + ":3: expected 4 fields as in the header, found 5"));
  EXPECT_THAT(r.err, HasSubstr(csv + ":5: ")) << r.err;
  EXPECT_THAT(r.err, HasSubstr(csv + ":7: ")) << r.err;
  EXPECT_THAT(r.err, HasSubstr(csv + ":9:5: quoted field is not closed")) << r.err;
  // Each bad row is reported once, and good rows are not reported.
  for (int line : {1, 2, 4, 6, 8, 10}) {
    EXPECT_THAT(r.err, Not(HasSubstr(absl::StrCat(csv, ":", line, ":")))) << r.err;
  }
  // Says what is wrong with the row.
  for (absl::string_view report : absl::StrSplit(r.err, '\n')) {
    if (absl::StartsWith(report, csv + ":5: ")) {
      EXPECT_THAT(std::string(report), HasSubstr("UTF-8"));
    }
    if (absl::StartsWith(report, csv + ":7: ")) {
      EXPECT_THAT(std::string(report), HasSubstr("record_key"));
    }
  }
  EXPECT_THAT(r.err, HasSubstr("5 created, 0 updated, 0 unchanged, 4 rejected")) << r.err;

  ExpectPerson(kWei, "韦小宝", "H-1");
  ExpectPerson(kLu, "陆建国", "H-3");
  ExpectPerson(kMeng, "蒙志强", "H-5");
  ExpectPerson(kHuangZm, "黄志明", "H-7");
  ExpectPerson(kQin, "覃海燕", "H-9");
  ExpectNoPerson(kHuang);
  ExpectNoPerson(kNong);
  ExpectNoPerson(kLi);
}

TEST_F(CliTest, MappingNamingAColumnTheHeaderLacksIsAnError) {
  const std::string mapping = WriteFile("hukou.toml", absl::StrCat(kHukouMapping, "phone = \"x\"\n"));
  const std::string csv =
      WriteFile("hukou.csv", absl::StrCat("hukou_no,姓名,身份证号,住址\nH-1,韦小宝,", kWei, ",南宁\n"));

  CliRun r = As("ps", {"import", "--mapping", mapping, csv});
  EXPECT_NE(r.exit_code, 0) << Describe(r);
  EXPECT_NE(r.exit_code, 5) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr(csv + ":1: no column \"x\"")) << r.err;
  ExpectNoPerson(kWei);
}

TEST_F(CliTest, ImportJsonLinesReportsTheInvalidLine) {
  const std::string mapping = WriteFile("residents.toml", R"(
source = "ps.residence_permit"
kind = "person"
key = "permit_no"

[attributes]
name = "name"
citizen_id = "id_card"
phone = "phone"
)");
  const std::string jsonl = WriteFile(
      "residents.jsonl",
      absl::StrCat(R"({"permit_no": "R-1", "name": "韦小宝", "id_card": ")", kWei,
                   R"(", "phone": 13800771234})", "\n",                                  // 1
                   R"({"permit_no": "R-2", "name": "黄丽华", "id_card": ")", kHuang, "\n",  // 2
                   "\n",                                                                  // 3
                   R"({"permit_no": "R-3", "name": "陆建国", "id_card": ")", kLu,
                   R"(", "phone": null})", "\n"));                                       // 4

  CliRun r = As("ps", {"import", "--mapping", mapping, jsonl});
  EXPECT_EQ(r.exit_code, 5) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr(jsonl + ":2: not a JSON object on one line")) << r.err;
  EXPECT_THAT(r.err, Not(HasSubstr(jsonl + ":1:"))) << r.err;
  EXPECT_THAT(r.err, Not(HasSubstr(jsonl + ":4:"))) << r.err;
  EXPECT_THAT(r.err, HasSubstr("2 created, 0 updated, 0 unchanged, 1 rejected")) << r.err;

  v1::Entity wei = Lookup(kWei);
  EXPECT_EQ(Golden(wei, "name"), "韦小宝");
  EXPECT_EQ(Golden(wei, "phone"), "13800771234");
  EXPECT_EQ(Golden(Lookup(kLu), "name"), "陆建国");
  ExpectNoPerson(kHuang);
}

TEST_F(CliTest, WatchPrintsOneJsonLinePerChange) {
  std::vector<std::string> entities;
  for (const auto& [key, name, citizen_id] :
       {std::tuple{"H-1", "韦小宝", kWei}, {"H-2", "黄丽华", kHuang}, {"H-3", "陆建国", kLu}}) {
    CliRun r = As("ps", {"submit", "person", "--source", "ps.hukou", "--key", key,
                      absl::StrCat("name=", name), absl::StrCat("citizen_id=", citizen_id)});
    ASSERT_EQ(r.exit_code, 0) << Describe(r);
    v1::SubmitResult result = ParseJson<v1::SubmitResult>(r.out);
    EXPECT_EQ(result.outcome(), v1::SubmitResult::CREATED);
    EXPECT_EQ(result.record_key(), key);
    entities.push_back(result.entity_id());
  }

  CliRun r = As("health", {"watch", "person", "--after", "0", "--count", "3"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  std::vector<std::string> lines = absl::StrSplit(r.out, '\n', absl::SkipEmpty());
  ASSERT_THAT(lines, SizeIs(3)) << r.out;
  for (int i = 0; i < 3; ++i) {
    v1::ChangeEvent event = ParseJson<v1::ChangeEvent>(lines[i]);
    EXPECT_EQ(event.sequence(), i + 1) << lines[i];
    EXPECT_EQ(event.type(), v1::ChangeEvent::RECORD_UPSERTED) << lines[i];
    EXPECT_EQ(event.entity_id(), entities[i]) << lines[i];
    EXPECT_EQ(event.record().record_key(), absl::StrCat("H-", i + 1)) << lines[i];
  }

  // Resuming after sequence 2 prints only the third change.
  r = As("health", {"watch", "person", "--after", "2", "--count", "1"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  lines = absl::StrSplit(r.out, '\n', absl::SkipEmpty());
  ASSERT_THAT(lines, SizeIs(1)) << r.out;
  EXPECT_EQ(ParseJson<v1::ChangeEvent>(lines[0]).sequence(), 3);
}

TEST_F(CliTest, ErrorsHaveTheirExitCodeAndAHint) {
  // The health commission may not write household-registration records.
  CliRun r = As("health", {"submit", "person", "--source", "ps.hukou", "--key", "H-11", "name=韦小宝",
                        absl::StrCat("citizen_id=", kWei)});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("mdhub: PERMISSION_DENIED: ")) << r.err;
  EXPECT_THAT(r.err, HasSubstr("\n  hint: ")) << r.err;
  ExpectNoPerson(kWei);

  // Not found is exit code 3, with its own hint.
  r = As("health", {"lookup", "person", kWei});
  EXPECT_EQ(r.exit_code, 3) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("mdhub: NOT_FOUND: ")) << r.err;
  EXPECT_THAT(r.err, HasSubstr("\n  hint: ")) << r.err;

  // A bad attribute argument is rejected before anything is sent.
  r = As("ps", {"submit", "person", "--source", "ps.hukou", "--key", "H-11", "韦小宝"});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("must be name=value")) << r.err;
}

TEST_F(CliTest, RestoreBringsBackTheStateOfTheBackup) {
  for (const auto& [key, citizen_id] : {std::pair{"H-1", kWei}, {"H-2", kHuang}}) {
    CliRun r = As("ps", {"submit", "person", "--source", "ps.hukou", "--key", key, "name=某人",
                      absl::StrCat("citizen_id=", citizen_id)});
    ASSERT_EQ(r.exit_code, 0) << Describe(r);
  }
  CliRun r = As("admin", {"backup"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  v1::CreateBackupResponse backup = ParseJson<v1::CreateBackupResponse>(r.out);
  EXPECT_GE(backup.backup_id(), 1u) << r.out;
  EXPECT_EQ(std::filesystem::path(backup.backup_dir()).lexically_normal(),
            std::filesystem::path(config().backup_dir()).lexically_normal());
  // After the backup.
  r = As("ps", {"submit", "person", "--source", "ps.hukou", "--key", "H-3", "name=某人",
                absl::StrCat("citizen_id=", kLu)});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  const std::string wei = Lookup(kWei).id();
  const std::string huang = Lookup(kHuang).id();
  ASSERT_FALSE(Lookup(kLu).id().empty());

  StopServer();
  r = RunMdhub({"restore", "--data-dir", config().data_dir});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("restored the newest backup")) << r.out;
  StartServer();

  EXPECT_EQ(Lookup(kWei).id(), wei);
  EXPECT_EQ(Lookup(kHuang).id(), huang);
  ExpectNoPerson(kLu);
  r = As("ps", {"record", "person", "--source", "ps.hukou", "--key", "H-3"});
  EXPECT_EQ(r.exit_code, 3) << Describe(r);
}

TEST_F(CliTest, AuditVerifyReportsAnIntactChain) {
  CliRun r = As("ps", {"submit", "person", "--source", "ps.hukou", "--key", "H-1", "name=韦小宝",
                    absl::StrCat("citizen_id=", kWei)});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  r = As("admin", {"audit", "verify"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("audit chain intact")) << r.out;

  r = As("admin", {"audit", "list", "--page-size", "1"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  auto listed = ParseJson<v1::ListAuditEntriesResponse>(r.out);
  ASSERT_EQ(listed.entries_size(), 1) << r.out;
  EXPECT_EQ(listed.entries(0).agency(), "ps");
  EXPECT_THAT(listed.entries(0).method(), HasSubstr("SubmitRecord"));
}

TEST_F(CliTest, OfflineImportWritesIntoADataDirectory) {
  const std::string mapping = WriteFile("hukou.toml", kHukouMapping);
  const std::string csv = WriteFile(
      "hukou.csv", absl::StrCat("hukou_no,姓名,身份证号,住址\n",                  //
                                "H-1,韦小宝,", kWei, ",南宁市兴宁区民生路12号\n",  //
                                "H-2,黄丽华,", kHuang, ",南宁市青秀区竹溪大道8号\n"));
  const std::string data_dir = dir_ + "/offline";  // does not exist yet

  CliRun r = RunMdhub({"import", "--data-dir", data_dir, "--mapping", mapping, csv});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("2 created, 0 updated, 0 unchanged, 0 rejected")) << r.err;

  auto kv = store::OpenRocksDb({.path = data_dir + "/db", .sync_writes = false});
  ASSERT_TRUE(kv.ok()) << kv.status();
  RealClock clock;
  auto entities = store::EntityStore::Open(**kv, clock);
  ASSERT_TRUE(entities.ok()) << entities.status();
  for (const auto& [citizen_id, name] : {std::pair{kWei, "韦小宝"}, {kHuang, "黄丽华"}}) {
    auto holders = (*entities)->FindByIdentifier(store::PERSON, "citizen_id", citizen_id);
    ASSERT_TRUE(holders.ok()) << holders.status();
    ASSERT_THAT(*holders, SizeIs(1)) << citizen_id;
    auto entity = (*entities)->GetEntity(holders->front());
    ASSERT_TRUE(entity.ok()) << entity.status();
    ASSERT_EQ(entity->members_size(), 1);
    EXPECT_EQ(entity->members(0).source(), "ps.hukou");
  }
  auto record = (*entities)->GetRecord("ps.hukou", "H-2");
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_EQ(record->attributes().at("name"), "黄丽华");
  // The offline import left its own audit entry, and the chain verifies.
  auto audit = store::AuditLog::Open(**kv, clock);
  ASSERT_TRUE(audit.ok()) << audit.status();
  auto verified = (*audit)->Verify();
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(verified->entries, 1u);
}

TEST(CliHelpTest, HelpNamesTheCommandsAndTheirOptions) {
  CliRun r = RunMdhub({"--help"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  for (const char* command : {"submit", "delete", "get", "lookup", "record", "history", "person",
                              "watch", "import", "ping", "whoami", "backup", "restore", "audit"}) {
    EXPECT_THAT(r.out, HasSubstr(command)) << r.out;
  }

  r = RunMdhub({"person", "--help"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  for (const char* command : {"search", "household", "explain", "explain-pair", "merge", "split",
                              "decide", "review"}) {
    EXPECT_THAT(r.out, HasSubstr(command)) << r.out;
  }
  r = RunMdhub({"person", "decide", "--help"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  for (const char* option : {"--must-link", "--cannot-link", "--reason", "SOURCE/KEY", "--cert"}) {
    EXPECT_THAT(r.out, HasSubstr(option)) << r.out;
  }

  r = RunMdhub({"import", "--help"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  for (const char* option : {"--mapping", "--data-dir", "--quiet", "--server", "--ca", "--cert",
                             "--cert-key", "FILE:LINE"}) {
    EXPECT_THAT(r.out, HasSubstr(option)) << r.out;
  }

  // No command is a usage error.
  r = RunMdhub({});
  EXPECT_NE(r.exit_code, 0) << Describe(r);
}

}  // namespace
}  // namespace mdhub::tests
