// The JSON API (core/evaluate.h): the result document of DESIGN.md ("The result
// document"): engine, diagnostics with line/column, results with
// request/decision/checks/decidedBy/trace, summary; expectations (expect,
// expectDecidedBy) and the DESIGN.md example scenario.
#include "core/evaluate.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "core/json_source.h"

namespace policylab {
namespace {

const std::string kFn = "arn:aws:lambda:us-east-1:111122223333:function:f";

Json Evaluate(const std::string& text) {
  std::string out = EvaluateScenarioJson(text);
  Json result = Json::parse(out, nullptr, false);
  EXPECT_FALSE(result.is_discarded()) << out;
  return result;
}

// 1-based line and column of the first occurrence of `needle` in `text` (ASCII
// text).
std::pair<int, int> LineColumn(const std::string& text, const std::string& needle) {
  size_t offset = text.find(needle);
  EXPECT_NE(offset, std::string::npos) << needle;
  int line = 1;
  int column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

const Json* FindDiagnostic(const Json& result, const std::string& code) {
  for (const Json& d : result["diagnostics"]) {
    if (d["code"] == code) return &d;
  }
  return nullptr;
}

// A scenario: user alice with one identity policy (Sid "Invoke" allows
// InvokeFunction on f; Sid "NoDelete" denies DeleteFunction), and `requests`.
std::string Scenario(const std::string& requests) {
  return R"({
  "scenario": 1,
  "now": "2026-01-01T00:00:00Z",
  "caller": {
    "principal": "arn:aws:iam::111122223333:user/alice",
    "identityPolicies": [
      {"name": "p", "document": {"Version": "2012-10-17", "Statement": [
        {"Sid": "Invoke", "Effect": "Allow", "Action": "lambda:InvokeFunction",
         "Resource": "arn:aws:lambda:us-east-1:111122223333:function:f"},
        {"Sid": "NoDelete", "Effect": "Deny", "Action": "lambda:DeleteFunction", "Resource": "*"}
      ]}}
    ]
  },
  "requests": )" +
         requests + "\n}\n";
}

const std::string kInvokeF =
    R"({"action": "lambda:InvokeFunction",
        "resource": "arn:aws:lambda:us-east-1:111122223333:function:f")";

// ---- Result document shape
// -------------------------------------------------------------------

TEST(EvaluateTest, ResultDocumentShape) {
  Json r = Evaluate(Scenario("[" + kInvokeF + "}]"));
  ASSERT_TRUE(r.is_object());
  ASSERT_TRUE(r["engine"].is_string());
  EXPECT_EQ(r["engine"].get<std::string>().rfind("policylab ", 0), 0u);
  EXPECT_EQ(r["engine"], EngineVersion());
  ASSERT_TRUE(r["diagnostics"].is_array());
  for (const Json& d : r["diagnostics"]) EXPECT_NE(d["severity"], "error") << d.dump();
  ASSERT_TRUE(r["results"].is_array());
  ASSERT_EQ(r["results"].size(), 1u);
  EXPECT_EQ(r["summary"], Json({{"requests", 1}, {"passed", 1}, {"failed", 0}}));

  const Json& result = r["results"][0];
  EXPECT_EQ(result["request"], 0);
  EXPECT_EQ(result["decision"], "allowed");
  EXPECT_TRUE(result["reason"].is_string());
  EXPECT_FALSE(result.contains("pass"));  // no expectation given
  ASSERT_TRUE(result["checks"].is_array());
  ASSERT_EQ(result["checks"].size(), 1u);

  const Json& check = result["checks"][0];
  EXPECT_EQ(check["action"], "lambda:InvokeFunction");
  EXPECT_EQ(check["resource"], kFn);
  EXPECT_EQ(check["principal"], "arn:aws:iam::111122223333:user/alice");
  EXPECT_EQ(check["decision"], "allowed");
  ASSERT_TRUE(check["decidedBy"].is_array());
  ASSERT_EQ(check["decidedBy"].size(), 1u);
  const Json& by = check["decidedBy"][0];
  EXPECT_EQ(by["policy"], "identity:p");
  EXPECT_EQ(by["statement"], 0);
  EXPECT_EQ(by["sid"], "Invoke");
  EXPECT_EQ(by["effect"], "Allow");
  EXPECT_EQ(by["pointer"], "/caller/identityPolicies/0/document/Statement/0");
  EXPECT_TRUE(check["blockedBy"].is_array());
  EXPECT_TRUE(check["blockedBy"].empty());
  ASSERT_TRUE(check["context"].is_object());
  EXPECT_EQ(check["context"]["aws:username"], "alice");
  EXPECT_EQ(check["context"]["aws:CurrentTime"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(check["context"]["aws:EpochTime"], "1767225600");

  // The trace: one entry per policy, one per statement, one per element.
  ASSERT_TRUE(check["trace"].is_array());
  ASSERT_EQ(check["trace"].size(), 1u);
  const Json& policy = check["trace"][0];
  EXPECT_EQ(policy["policy"], "identity:p");
  EXPECT_EQ(policy["kind"], "identity");
  EXPECT_EQ(policy["applies"], true);
  ASSERT_EQ(policy["statements"].size(), 2u);
  const Json& st0 = policy["statements"][0];
  EXPECT_EQ(st0["statement"], 0);
  EXPECT_EQ(st0["sid"], "Invoke");
  EXPECT_EQ(st0["effect"], "Allow");
  EXPECT_EQ(st0["matched"], true);
  ASSERT_TRUE(st0["elements"].is_array());
  ASSERT_GE(st0["elements"].size(), 2u);
  EXPECT_EQ(st0["elements"][0]["element"], "Action");
  EXPECT_EQ(st0["elements"][1]["element"], "Resource");
  EXPECT_EQ(policy["statements"][1]["matched"], false);
}

TEST(EvaluateTest, ImplicitDenyNamesTheGate) {
  Json r =
      Evaluate(Scenario(R"([{"action": "lambda:GetFunction", "resource": ")" + kFn + R"("}])"));
  ASSERT_EQ(r["results"].size(), 1u);
  const Json& check = r["results"][0]["checks"][0];
  EXPECT_EQ(r["results"][0]["decision"], "implicitDeny");
  EXPECT_EQ(check["decision"], "implicitDeny");
  EXPECT_TRUE(check["decidedBy"].empty());
  ASSERT_EQ(check["blockedBy"].size(), 1u);
  EXPECT_EQ(check["blockedBy"][0]["gate"], "identity");
  EXPECT_TRUE(check["blockedBy"][0]["message"].is_string());
}

TEST(EvaluateTest, ExplicitDenyNamesTheStatement) {
  Json r =
      Evaluate(Scenario(R"([{"action": "lambda:DeleteFunction", "resource": ")" + kFn + R"("}])"));
  const Json& result = r["results"][0];
  EXPECT_EQ(result["decision"], "explicitDeny");
  ASSERT_EQ(result["checks"][0]["decidedBy"].size(), 1u);
  const Json& by = result["checks"][0]["decidedBy"][0];
  EXPECT_EQ(by["policy"], "identity:p");
  EXPECT_EQ(by["statement"], 1);
  EXPECT_EQ(by["sid"], "NoDelete");
  EXPECT_EQ(by["effect"], "Deny");
}

TEST(EvaluateTest, NoteIsCopied) {
  Json r = Evaluate(Scenario("[" + kInvokeF + R"(, "note": "alice invokes f"}])"));
  EXPECT_EQ(r["results"][0]["note"], "alice invokes f");
}

TEST(EvaluateTest, SameInputSameOutput) {
  std::string text = Scenario("[" + kInvokeF + "}]");
  EXPECT_EQ(EvaluateScenarioJson(text), EvaluateScenarioJson(text));
}

// ---- Expectations
// ------------------------------------------------------------------------------

struct ExpectCase {
  std::string name;
  std::string extra;  // members added to the InvokeFunction request
  bool pass;
};

class ExpectationTest : public testing::TestWithParam<ExpectCase> {};

TEST_P(ExpectationTest, PassOrFail) {
  const ExpectCase& c = GetParam();
  Json r = Evaluate(Scenario("[" + kInvokeF + ", " + c.extra + "}]"));
  ASSERT_EQ(r["results"].size(), 1u) << r.dump(2);
  const Json& result = r["results"][0];
  EXPECT_EQ(result["pass"], c.pass) << result.dump(2);
  EXPECT_EQ(result.contains("failure"), !c.pass);
  EXPECT_EQ(r["summary"]["requests"], 1);
  EXPECT_EQ(r["summary"]["passed"], c.pass ? 1 : 0);
  EXPECT_EQ(r["summary"]["failed"], c.pass ? 0 : 1);
}

INSTANTIATE_TEST_SUITE_P(
    ExpectAndDecidedBy, ExpectationTest,
    testing::Values(
        ExpectCase{"ExpectHolds", R"("expect": "allowed")", true},
        ExpectCase{"ExpectFails", R"("expect": "implicitDeny")", false},
        ExpectCase{"ExpectExplicitDenyFails", R"("expect": "explicitDeny")", false},
        ExpectCase{"ExpectErrorFails", R"("expect": "error:AccessDeniedException")", false},
        ExpectCase{"DecidedByHolds",
                   R"("expectDecidedBy": [{"policy": "identity:p", "statement": 0}])", true},
        ExpectCase{"DecidedByWrongStatement",
                   R"("expectDecidedBy": [{"policy": "identity:p", "statement": 1}])", false},
        ExpectCase{"DecidedByWrongPolicy",
                   R"("expectDecidedBy": [{"policy": "identity:q", "statement": 0}])", false},
        ExpectCase{"DecidedByEmptyFails", R"("expectDecidedBy": [])", false},
        ExpectCase{"DecidedByExtraStatementFails",
                   R"("expectDecidedBy": [{"policy": "identity:p", "statement": 0},
                                          {"policy": "identity:p", "statement": 1}])",
                   false},
        ExpectCase{"BothHold",
                   R"("expect": "allowed",
                      "expectDecidedBy": [{"policy": "identity:p", "statement": 0}])",
                   true},
        ExpectCase{"DecisionHoldsDecidedByFails",
                   R"("expect": "allowed",
                      "expectDecidedBy": [{"policy": "identity:p", "statement": 1}])",
                   false}),
    [](const testing::TestParamInfo<ExpectCase>& p) { return p.param.name; });

TEST(EvaluateTest, ExpectIsEchoed) {
  Json r = Evaluate(Scenario("[" + kInvokeF + R"(, "expect": "implicitDeny"}])"));
  EXPECT_EQ(r["results"][0]["expect"], "implicitDeny");
  EXPECT_EQ(r["results"][0]["decision"], "allowed");
}

TEST(EvaluateTest, SummaryCountsEveryRequest) {
  Json r = Evaluate(Scenario("[" + kInvokeF + R"(, "expect": "allowed"}, )" + kInvokeF +
                             R"(, "expect": "explicitDeny"}, )" + kInvokeF + "}]"));
  ASSERT_EQ(r["results"].size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(r["results"][i]["request"], i);
  EXPECT_EQ(r["summary"], Json({{"requests", 3}, {"passed", 2}, {"failed", 1}}));
}

// ---- Diagnostics
// ------------------------------------------------------------------------------

TEST(EvaluateTest, InvalidPolicyGivesPositionedDiagnosticAndNoResults) {
  std::string text = R"({
  "scenario": 1,
  "caller": {
    "principal": "arn:aws:iam::111122223333:user/alice",
    "identityPolicies": [
      {"name": "p", "document": {"Version": "2012-10-17", "Statement": [
        {"Effect": "allow", "Action": "*", "Resource": "*"}]}}
    ]
  },
  "requests": [{"action": "lambda:GetFunction", "resource": "*"}]
}
)";
  Json r = Evaluate(text);
  const Json* d = FindDiagnostic(r, "effect-invalid");
  ASSERT_NE(d, nullptr) << r.dump(2);
  EXPECT_EQ((*d)["severity"], "error");
  EXPECT_EQ((*d)["pointer"], "/caller/identityPolicies/0/document/Statement/0/Effect");
  EXPECT_TRUE((*d)["message"].is_string());
  auto [line, column] = LineColumn(text, R"("allow")");
  EXPECT_EQ((*d)["line"], line);
  EXPECT_EQ((*d)["column"], column);
  EXPECT_TRUE(r["results"].empty());
  EXPECT_EQ(r["summary"], Json({{"requests", 0}, {"passed", 0}, {"failed", 0}}));
}

TEST(EvaluateTest, UnknownKeyIsPositioned) {
  std::string text =
      "{\"scenario\": 1,\n \"caller\": {\"principal\": \"111122223333\"},\n"
      " \"requests\": [],\n  \"bogus\": true}\n";
  Json r = Evaluate(text);
  const Json* d = FindDiagnostic(r, "scenario-unknown-key");
  ASSERT_NE(d, nullptr) << r.dump(2);
  EXPECT_EQ((*d)["pointer"], "/bogus");
  EXPECT_EQ((*d)["line"], 4);
  EXPECT_GE((*d)["column"].get<int>(), 3);
  EXPECT_TRUE(r["results"].empty());
}

struct JsonErrorCase {
  std::string name;
  std::string text;
  std::string code;
};

class JsonErrorTest : public testing::TestWithParam<JsonErrorCase> {};

TEST_P(JsonErrorTest, Diagnosed) {
  const JsonErrorCase& c = GetParam();
  Json r = Evaluate(c.text);
  const Json* d = FindDiagnostic(r, c.code);
  ASSERT_NE(d, nullptr) << r.dump(2);
  EXPECT_EQ((*d)["severity"], "error");
  EXPECT_TRUE(r["results"].empty());
  EXPECT_EQ(r["summary"]["requests"], 0);
  EXPECT_TRUE(r["engine"].is_string());
}

INSTANTIATE_TEST_SUITE_P(
    JsonText, JsonErrorTest,
    testing::Values(JsonErrorCase{"Empty", "", "json-empty"},
                    JsonErrorCase{"Whitespace", " \n\t ", "json-empty"},
                    JsonErrorCase{"Syntax", "{\"scenario\": 1,", "json-syntax"},
                    JsonErrorCase{"TrailingGarbage", "{} x", "json-syntax"},
                    JsonErrorCase{"DuplicateKey",
                                  R"({"scenario": 1, "scenario": 1, "caller": {}, "requests": []})",
                                  "json-duplicate-key"},
                    JsonErrorCase{"DeepNesting", std::string(100, '[') + std::string(100, ']'),
                                  "limit-exceeded"},
                    JsonErrorCase{"NotAnObject", "[]", "scenario-type"}),
    [](const testing::TestParamInfo<JsonErrorCase>& p) { return p.param.name; });

TEST(EvaluateTest, SyntaxErrorHasPosition) {
  std::string text = "{\n  \"scenario\": 1,\n  \"caller\": ]\n}";
  Json r = Evaluate(text);
  const Json* d = FindDiagnostic(r, "json-syntax");
  ASSERT_NE(d, nullptr) << r.dump(2);
  EXPECT_EQ((*d)["line"], 3);
  EXPECT_GT((*d)["column"].get<int>(), 0);
}

// ---- The DESIGN.md example scenario
// ---------------------------------------------------------
//
// DESIGN.md's example leaves the policy documents as `{}` placeholders; they
// are filled in here with what the title says (AddPermission's statement for
// S3, FullAWSAccess as the root SCP).

const char* const kDesignExample = R"({
  "scenario": 1,
  "title": "S3 may invoke helloworld",
  "caller": {
    "principal": "arn:aws:iam::111111111111:user/alice",
    "region": "us-west-2",
    "identityPolicies": [
      {"name": "inline-invoke", "document": {"Version": "2012-10-17", "Statement": []}},
      {"managed": "AWSLambda_ReadOnlyAccess"}
    ],
    "permissionsBoundary": null,
    "sessionPolicy": null,
    "scps": [[{"name": "root-FullAWSAccess", "document": {"Version": "2012-10-17",
               "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}], []],
    "tags": {"team": "payments"},
    "orgId": "o-abc1234567"
  },
  "resourcePolicies": [
    {"attachedTo": "arn:aws:lambda:us-west-2:111111111111:function:helloworld",
     "document": {"Version": "2012-10-17", "Id": "default", "Statement": [
       {"Sid": "1", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
        "Action": "lambda:InvokeFunction",
        "Resource": "arn:aws:lambda:us-west-2:111111111111:function:helloworld",
        "Condition": {"StringEquals": {"AWS:SourceAccount": "111111111111"},
                      "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::examplebucket"}}}]}}
  ],
  "requests": [
    {"action": "lambda:InvokeFunction",
     "resource": "arn:aws:lambda:us-west-2:111111111111:function:helloworld",
     "principal": "s3.amazonaws.com",
     "context": {"aws:SourceArn": "arn:aws:s3:::examplebucket", "aws:SourceAccount": "111111111111"},
     "expect": "allowed"},
    {"operation": "Invoke", "parameters": {"FunctionName": "helloworld", "Qualifier": "1"},
     "expect": "implicitDeny"},
    {"cli": "aws lambda add-permission --function-name helloworld --statement-id 5 --principal apigateway.amazonaws.com --action lambda:InvokeFunction --source-arn arn:aws:execute-api:us-west-2:111111111111:abc/*"}
  ]
})";

TEST(EvaluateTest, DesignExample) {
  Json r = Evaluate(kDesignExample);
  for (const Json& d : r["diagnostics"]) EXPECT_NE(d["severity"], "error") << d.dump();
  ASSERT_EQ(r["results"].size(), 3u) << r.dump(2);
  EXPECT_EQ(r["summary"]["requests"], 3);

  const Json& s3 = r["results"][0];
  EXPECT_EQ(s3["decision"], "allowed") << s3.dump(2);
  EXPECT_EQ(s3["expect"], "allowed");
  EXPECT_EQ(s3["pass"], true);
  ASSERT_EQ(s3["checks"].size(), 1u);
  const Json& check = s3["checks"][0];
  EXPECT_EQ(check["principal"], "s3.amazonaws.com");
  ASSERT_EQ(check["decidedBy"].size(), 1u);
  EXPECT_EQ(check["decidedBy"][0]["policy"],
            "resource:arn:aws:lambda:us-west-2:111111111111:function:helloworld");
  EXPECT_EQ(check["decidedBy"][0]["statement"], 0);
  EXPECT_EQ(check["decidedBy"][0]["sid"], "1");
  // SCPs, identity policies: not applied to a service principal (spec §3.2).
  bool scp_skipped = false;
  for (const Json& p : check["trace"]) {
    if (p["kind"] == "scp") scp_skipped = p["applies"] == false;
  }
  EXPECT_TRUE(scp_skipped) << check["trace"].dump(2);

  // Operation and cli requests: a decision name of the result document,
  // whatever the API layer answers.
  for (int i = 1; i < 3; ++i) {
    const Json& result = r["results"][i];
    EXPECT_EQ(result["request"], i);
    ASSERT_TRUE(result["decision"].is_string()) << result.dump(2);
    std::string decision = result["decision"].get<std::string>();
    EXPECT_TRUE(decision == "allowed" || decision == "explicitDeny" || decision == "implicitDeny" ||
                decision == "error")
        << decision;
    if (decision == "error") {
      EXPECT_TRUE(result["error"]["code"].is_string()) << result.dump(2);
    }
  }
}

// ---- The "functions" key (scenario.h)
// --------------------------------------------------------

// ENGINE BUG: core/lambda_store.cc LambdaStore::LambdaStore loops over
// `f.value("aliases", Json::object()).items()` and `f.value("tags",
// Json::object()).items()`: the temporary Json returned by value() is destroyed
// before the loop body runs (use after free), so a valid scenario whose
// function has `aliases` or `tags` yields the diagnostic `internal-error`
// ("type must be string, but is null") and no results. Expected: the scenario
// evaluates (DESIGN.md: nothing throws; scenario.h documents "functions").
TEST(EvaluateTest, FunctionsWithAliasesAndTags) {
  for (const std::string function :
       {R"({"name": "f", "aliases": {"prod": "1"}, "versions": ["1"]})",
        R"({"name": "f", "tags": {"team": "payments"}})"}) {
    std::string text =
        R"({"scenario": 1, "caller": {"principal": "111122223333"},
        "functions": [)" +
        function +
        R"(],
        "requests": [{"action": "lambda:GetFunction", "resource": ")" +
        kFn + R"("}]})";
    Json r = Evaluate(text);
    EXPECT_EQ(FindDiagnostic(r, "internal-error"), nullptr) << function << "\n" << r.dump(2);
    ASSERT_EQ(r["results"].size(), 1u) << function;
    EXPECT_EQ(r["results"][0]["decision"], "allowed");
  }
}

TEST(EvaluateTest, FunctionsWithVersions) {
  Json r = Evaluate(R"({"scenario": 1, "caller": {"principal": "111122223333"},
      "functions": [{"name": "f", "versions": ["1"]}],
      "requests": [{"operation": "Invoke", "parameters": {"FunctionName": "f", "Qualifier": "1"},
                    "expect": "allowed"}]})");
  EXPECT_EQ(FindDiagnostic(r, "internal-error"), nullptr) << r.dump(2);
  ASSERT_EQ(r["results"].size(), 1u) << r.dump(2);
  EXPECT_EQ(r["results"][0]["pass"], true) << r["results"][0].dump(2);
}

// ---- AWS managed policies (spec §6, T60-T62)
// -------------------------------------------------

struct ManagedCase {
  std::string name;
  std::string managed;
  std::string request;  // one request object
  std::string decision;
};

class ManagedPolicyTest : public testing::TestWithParam<ManagedCase> {};

TEST_P(ManagedPolicyTest, Decides) {
  const ManagedCase& c = GetParam();
  std::string text = R"({"scenario": 1,
      "caller": {"principal": "arn:aws:sts::111122223333:assumed-role/Dev/s",
                 "identityPolicies": [{"managed": ")" +
                     c.managed + R"("}]},
      "requests": [)" +
                     c.request + "]}";
  Json r = Evaluate(text);
  for (const Json& d : r["diagnostics"]) EXPECT_NE(d["severity"], "error") << d.dump();
  ASSERT_EQ(r["results"].size(), 1u) << r.dump(2);
  EXPECT_EQ(r["results"][0]["decision"], c.decision) << r["results"][0].dump(2);
  if (c.decision == "allowed") {
    const Json& by = r["results"][0]["checks"][0]["decidedBy"];
    ASSERT_FALSE(by.empty());
    EXPECT_EQ(by[0]["policy"], "identity:" + c.managed);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Spec, ManagedPolicyTest,
    testing::Values(
        ManagedCase{"ReadOnlyCannotInvoke", "AWSLambda_ReadOnlyAccess",
                    R"({"action": "lambda:InvokeFunction", "resource": ")" + kFn + R"("})",
                    "implicitDeny"},
        ManagedCase{"ReadOnlyGetFunction", "AWSLambda_ReadOnlyAccess",
                    R"({"action": "lambda:GetFunction", "resource": ")" + kFn + R"("})", "allowed"},
        ManagedCase{"ReadOnlyGetCoversNewActions", "AWSLambda_ReadOnlyAccess",
                    R"({"action": "lambda:GetDurableExecution",
                        "resource": ")" +
                        kFn + R"(:1/durable-execution/e/1"})",
                    "allowed"},
        ManagedCase{"FullAccessPassRoleOnlyToLambda", "AWSLambda_FullAccess",
                    R"({"action": "iam:PassRole", "resource": "arn:aws:iam::111122223333:role/r",
                        "context": {"iam:PassedToService": "ec2.amazonaws.com"}})",
                    "implicitDeny"},
        ManagedCase{"FullAccessPassRoleToLambda", "AWSLambda_FullAccess",
                    R"({"action": "iam:PassRole", "resource": "arn:aws:iam::111122223333:role/r",
                        "context": {"iam:PassedToService": "lambda.amazonaws.com"}})",
                    "allowed"},
        ManagedCase{"LambdaRoleCrossAccountNeedsResourcePolicy", "AWSLambdaRole",
                    R"({"action": "lambda:InvokeFunction",
                        "resource": "arn:aws:lambda:us-east-1:444455556666:function:f"})",
                    "implicitDeny"},
        ManagedCase{"LambdaRoleSameAccount", "AWSLambdaRole",
                    R"({"action": "lambda:InvokeFunction", "resource": ")" + kFn + R"("})",
                    "allowed"}),
    [](const testing::TestParamInfo<ManagedCase>& p) { return p.param.name; });

// ---- Catalog and version
// --------------------------------------------------------------------

// The result document is written directly (core/json_writer.h), not dumped from an nlohmann
// DOM: for every corpus scenario, with and without the trace, it must be exactly what nlohmann
// prints for the same document (members in byte order, the same escapes, no whitespace).
TEST(EvaluateTest, ResultIsNlohmannsCompactDumpForEveryCorpusFile) {
  const std::filesystem::path corpus = std::filesystem::path(POLICYLAB_SOURCE_DIR) / "tests/corpus";
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    for (bool trace : {true, false}) {
      std::string out = EvaluateScenarioJson(text.str(), {.trace = trace});
      Json parsed = Json::parse(out, nullptr, false);
      ASSERT_FALSE(parsed.is_discarded()) << entry.path();
      EXPECT_EQ(out, parsed.dump(-1, ' ', false, Json::error_handler_t::replace)) << entry.path();
    }
    ++files;
  }
  EXPECT_GT(files, 100);
}

TEST(CatalogJsonTest, Shape) {
  Json c = Json::parse(CatalogJson(), nullptr, false);
  ASSERT_TRUE(c.is_object());
  ASSERT_TRUE(c["actions"].is_array());
  ASSERT_TRUE(c["conditionKeys"].is_array());
  ASSERT_TRUE(c["managedPolicies"].is_array());
  bool invoke = false;
  for (const Json& a : c["actions"]) invoke = invoke || a["name"] == "lambda:InvokeFunction";
  EXPECT_TRUE(invoke);
  bool read_only = false;
  for (const Json& m : c["managedPolicies"])
    read_only = read_only || m == "AWSLambda_ReadOnlyAccess";
  EXPECT_TRUE(read_only);
}

}  // namespace
}  // namespace policylab
