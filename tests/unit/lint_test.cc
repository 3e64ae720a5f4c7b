// Policy and request warnings (core/lint.h): each code fires on its case and not on the
// well-formed counterpart.
#include "core/lint.h"

#include <gtest/gtest.h>

#include <string>

#include "core/json_source.h"
#include "core/parse_policy.h"

namespace policylab {
namespace {

Diagnostics Lint(const char* text, PolicyKind kind = PolicyKind::kIdentity) {
  Diagnostics diags;
  Policy p = ParsePolicy(Json::parse(text), kind, "identity:p", "p", "/p", diags);
  EXPECT_FALSE(HasErrors(diags));
  diags.clear();
  LintPolicy(p, diags);
  return diags;
}

bool Has(const Diagnostics& diags, const std::string& code, const std::string& pointer = "") {
  for (const Diagnostic& d : diags) {
    if (d.code == code && (pointer.empty() || d.pointer == pointer)) return true;
  }
  return false;
}

struct LintCase {
  const char* name;
  const char* policy;
  PolicyKind kind;
  const char* code;  // "" = no warning at all
};

class LintTest : public testing::TestWithParam<LintCase> {};

TEST_P(LintTest, Warns) {
  const LintCase& c = GetParam();
  Diagnostics diags = Lint(c.policy, c.kind);
  if (std::string(c.code).empty()) {
    EXPECT_TRUE(diags.empty()) << diags.front().code << ": " << diags.front().message;
  } else {
    EXPECT_TRUE(Has(diags, c.code)) << c.name;
    for (const Diagnostic& d : diags) EXPECT_NE(d.severity, Severity::kError);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LintTest,
    testing::Values(
        LintCase{"CleanInvoke",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
                   "Action":"lambda:InvokeFunction",
                   "Resource":"arn:aws:lambda:us-east-1:111111111111:function:f"}})",
                 PolicyKind::kIdentity, ""},
        LintCase{"SeedTypoPrefix",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
                   "Action":"cloudwatchlog:GetLogEvents","Resource":"*"}})",
                 PolicyKind::kIdentity, "action-service-unknown"},
        LintCase{"SeedTypoAction",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
                   "Action":"lambda:ListEventSourceMapping","Resource":"*"}})",
                 PolicyKind::kIdentity, "action-unknown"},
        LintCase{"GlobMatchingNothing",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
                   "Action":"lambda:Frobnicate*","Resource":"*"}})",
                 PolicyKind::kIdentity, "action-unknown"},
        LintCase{"ListFunctionsOnFunctionArn",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
                   "Action":"lambda:ListFunctions",
                   "Resource":"arn:aws:lambda:us-east-1:111111111111:function:f"}})",
                 PolicyKind::kIdentity, "resource-type-mismatch"},
        LintCase{"InvokeOnLayerArn",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
                   "Action":"lambda:InvokeFunction",
                   "Resource":"arn:aws:lambda:us-east-1:111111111111:layer:l:1"}})",
                 PolicyKind::kIdentity, "resource-type-mismatch"},
        LintCase{"AccountWildcard",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
                   "Action":"lambda:InvokeFunction",
                   "Resource":"arn:aws:lambda:*:*:function:intern-*"}})",
                 PolicyKind::kIdentity, "lambda-arn-account-wildcard"},
        LintCase{"UnsupportedKey",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
                   "Action":"lambda:InvokeFunction","Resource":"*",
                   "Condition":{"StringEquals":{"lambda:Principal":"s3.amazonaws.com"}}}})",
                 PolicyKind::kIdentity, "condition-key-unsupported"},
        LintCase{"UnknownLambdaKey",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
                   "Action":"lambda:InvokeFunction","Resource":"*",
                   "Condition":{"StringEquals":{"lambda:Nonsense":"x"}}}})",
                 PolicyKind::kIdentity, "condition-key-unknown"},
        LintCase{"MultivaluedWithoutSetOperator",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
                   "Action":"lambda:CreateFunction","Resource":"*",
                   "Condition":{"StringLike":{"lambda:Layer":"arn:aws:lambda:*:111111111111:layer:*"}}}})",
                 PolicyKind::kIdentity, "condition-multivalued-key"},
        LintCase{"SourceFunctionArnInResourcePolicy",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*",
                   "Action":"lambda:InvokeFunction",
                   "Resource":"arn:aws:lambda:us-east-1:111111111111:function:f",
                   "Condition":{"ArnEquals":{"lambda:SourceFunctionArn":"arn:aws:lambda:us-east-1:111111111111:function:g"}}}})",
                 PolicyKind::kResource, "source-function-arn-in-resource-policy"},
        LintCase{"ServicePrincipalWithoutSource",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
                   "Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction",
                   "Resource":"arn:aws:lambda:us-east-1:111111111111:function:f"}})",
                 PolicyKind::kResource, "service-principal-without-source"},
        LintCase{"ServicePrincipalWithSource",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
                   "Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction",
                   "Resource":"arn:aws:lambda:us-east-1:111111111111:function:f",
                   "Condition":{"StringEquals":{"AWS:SourceAccount":"111111111111"}}}})",
                 PolicyKind::kResource, ""},
        LintCase{"DenyInFunctionPolicy",
                 R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*",
                   "Action":"lambda:InvokeFunction",
                   "Resource":"arn:aws:lambda:us-east-1:111111111111:function:f"}})",
                 PolicyKind::kResource, "resource-policy-not-producible"}),
    [](const testing::TestParamInfo<LintCase>& case_info) {
      return std::string(case_info.param.name);
    });

TEST(LintCheckRequestTest, ActionsAndResources) {
  Diagnostics d;
  LintCheckRequest("lambda:ListFunctions", "arn:aws:lambda:us-east-1:111111111111:function:f",
                   "/requests/0", d);
  EXPECT_TRUE(Has(d, "resource-type-mismatch", "/requests/0/resource"));
  d.clear();
  LintCheckRequest("lambda:ListFunctions", "*", "/requests/0", d);
  EXPECT_TRUE(d.empty());
  LintCheckRequest("lambda:InvokeFunctoin", "*", "/requests/1", d);
  EXPECT_TRUE(Has(d, "action-unknown", "/requests/1/action"));
  d.clear();
  LintCheckRequest("lambda:GetLayerVersion", "arn:aws:lambda:us-east-1:111111111111:function:f",
                   "/requests/2", d);
  EXPECT_TRUE(Has(d, "resource-type-mismatch"));
}

}  // namespace
}  // namespace policylab
