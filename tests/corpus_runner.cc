// The conformance corpus runner: every scenario under tests/corpus/ is evaluated through the
// JSON API (the same entry point as the CLI and the wasm module) and every request's
// expectation, including the statements that decided it, must hold. Files under
// tests/corpus/invalid/ must instead produce the diagnostic listed in invalid/expected.json.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/evaluate.h"
#include "core/json_source.h"

namespace policylab {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(POLICYLAB_SOURCE_DIR) / "tests" / "corpus";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> CorpusFiles(bool invalid) {
  std::vector<std::string> files;
  if (!fs::exists(kCorpus)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    std::string rel = fs::relative(entry.path(), kCorpus).generic_string();
    bool in_invalid = rel.rfind("invalid/", 0) == 0;
    if (in_invalid != invalid || rel == "invalid/expected.json") continue;
    files.push_back(rel);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string TestName(const testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

class CorpusTest : public testing::TestWithParam<std::string> {};

TEST_P(CorpusTest, EveryExpectationHolds) {
  std::string text = ReadFile(kCorpus / GetParam());
  Json result = Json::parse(EvaluateScenarioJson(text), nullptr, false);
  ASSERT_FALSE(result.is_discarded());
  for (const Json& d : result["diagnostics"]) {
    EXPECT_NE(d["severity"], "error") << GetParam() << ": " << d.dump();
  }
  Json scenario = Json::parse(text, nullptr, false);
  ASSERT_TRUE(scenario.is_object());
  ASSERT_EQ(result["results"].size(), scenario["requests"].size());
  for (const Json& r : result["results"]) {
    std::string note = r.value("note", std::string("(no note)"));
    SCOPED_TRACE(GetParam() + " request " + r["request"].dump() + ": " + note);
    // Every corpus request states what it expects (OPA style: one expectation per case).
    EXPECT_TRUE(r.contains("expect")) << "corpus requests need `expect`";
    EXPECT_TRUE(r.value("pass", false))
        << r.value("failure", std::string()) << "\nreason: " << r.value("reason", std::string());
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusTest, testing::ValuesIn(CorpusFiles(false)), TestName);

class InvalidCorpusTest : public testing::TestWithParam<std::string> {};

TEST_P(InvalidCorpusTest, ProducesTheExpectedDiagnostic) {
  Json expected = Json::parse(ReadFile(kCorpus / "invalid" / "expected.json"), nullptr, false);
  ASSERT_TRUE(expected.is_object());
  std::string file = GetParam().substr(std::string("invalid/").size());
  ASSERT_TRUE(expected.contains(file)) << "invalid/expected.json has no entry for " << file;
  const Json& want = expected[file];
  Json result = Json::parse(EvaluateScenarioJson(ReadFile(kCorpus / GetParam())), nullptr, false);
  ASSERT_FALSE(result.is_discarded());
  EXPECT_TRUE(result["results"].empty());
  bool found = false;
  for (const Json& d : result["diagnostics"]) {
    if (d["severity"] != "error" || d["code"] != want["code"]) continue;
    if (want.contains("pointer") && d["pointer"] != want["pointer"]) continue;
    found = true;
    EXPECT_GT(d.value("line", 0), 0) << "diagnostics carry a line";
    EXPECT_GT(d.value("column", 0), 0) << "diagnostics carry a column";
  }
  EXPECT_TRUE(found) << "expected " << want.dump() << "\ngot " << result["diagnostics"].dump(2);
}

INSTANTIATE_TEST_SUITE_P(Corpus, InvalidCorpusTest, testing::ValuesIn(CorpusFiles(true)), TestName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(InvalidCorpusTest);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CorpusTest);

}  // namespace
}  // namespace policylab
