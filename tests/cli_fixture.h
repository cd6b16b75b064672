// CliTest: the fixture of the command-line tests. The real mdhub binary (MDHUB_CLI) runs as a
// child process against the in-process server of E2eTest over mutual TLS, as an agency of the
// test policy; helpers read its JSON output.
#ifndef MDHUB_TESTS_CLI_FIXTURE_H_
#define MDHUB_TESTS_CLI_FIXTURE_H_

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "store/testing/temp_db.h"
#include "tests/cli_runner.h"
#include "tests/e2e_fixture.h"

namespace mdhub::tests {

// The message printed as JSON by the CLI; a parse failure fails the test.
template <typename Message>
Message ParseJson(const std::string& json) {
  Message m;
  auto s = google::protobuf::util::JsonStringToMessage(json, &m);
  EXPECT_TRUE(s.ok()) << s.ToString() << " in:\n" << json;
  return m;
}

// The value of a golden attribute, "" when the entity has none.
inline std::string Golden(const v1::Entity& e, const std::string& name) {
  for (const v1::GoldenAttribute& a : e.attributes()) {
    if (a.name() == name) return a.value();
  }
  return "";
}

class CliTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    dir_ = store::testing::FreshTempDir("mdhub-cli");
  }
  void TearDown() override {
    E2eTest::TearDown();
    std::filesystem::remove_all(dir_);
  }

  // Writes `contents` to a file of the test's temporary directory and returns its path.
  std::string WriteFile(const std::string& name, const std::string& contents) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }

  // Runs `mdhub args... CONNECTION`, connecting to the test server as `agency`.
  CliRun As(const std::string& agency, std::vector<std::string> args) {
    for (const std::string& a :
         {std::string("--server"), absl::StrCat("127.0.0.1:", server().port()),
          std::string("--ca"), certs_dir() + "/ca.crt", std::string("--cert"),
          absl::StrCat(certs_dir(), "/", agency, ".crt"), std::string("--cert-key"),
          absl::StrCat(certs_dir(), "/", agency, ".key")}) {
      args.push_back(a);
    }
    return RunMdhub(args);
  }

  // `mdhub lookup person citizen_id` as ps: the entity, or an empty one (and a failure) when the
  // lookup did not succeed.
  v1::Entity Lookup(const std::string& citizen_id) {
    CliRun r = As("ps", {"lookup", "person", citizen_id});
    EXPECT_EQ(r.exit_code, 0) << "lookup " << citizen_id << ": " << Describe(r);
    if (r.exit_code != 0) return v1::Entity();
    return ParseJson<v1::Entity>(r.out);
  }

  // `mdhub record person --source source --key key` as ps: the entity id of that record.
  std::string EntityOfRecord(const std::string& key) { return EntityOfRecord("ps.hukou", key); }
  std::string EntityOfRecord(const std::string& source, const std::string& key) {
    CliRun r = As("ps", {"record", "person", "--source", source, "--key", key});
    EXPECT_EQ(r.exit_code, 0) << "record " << key << ": " << Describe(r);
    if (r.exit_code != 0) return "";
    return ParseJson<v1::SourceRecord>(r.out).entity_id();
  }

  // Expects `citizen_id` to be known as the person called `name`, linked to record ps.hukou/key.
  void ExpectPerson(const std::string& citizen_id, const std::string& name,
                    const std::string& key) {
    SCOPED_TRACE(absl::StrCat(key, " ", name, " ", citizen_id));
    v1::Entity e = Lookup(citizen_id);
    EXPECT_FALSE(e.id().empty());
    EXPECT_EQ(Golden(e, "name"), name);
    EXPECT_EQ(EntityOfRecord(key), e.id());
  }

  // Expects `lookup person citizen_id` to answer NOT_FOUND (exit code 3).
  void ExpectNoPerson(const std::string& citizen_id) {
    CliRun r = As("ps", {"lookup", "person", citizen_id});
    EXPECT_EQ(r.exit_code, 3) << "lookup " << citizen_id << ": " << Describe(r);
    EXPECT_THAT(r.err, ::testing::HasSubstr("NOT_FOUND"));
  }

  std::string dir_;
};

}  // namespace mdhub::tests

#endif  // MDHUB_TESTS_CLI_FIXTURE_H_
