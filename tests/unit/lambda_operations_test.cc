// The Lambda API layer (core/lambda_operations.h, core/lambda_store.h): which checks an API call
// needs (spec §4.3-§4.5) and what the permission-management calls do to the store (spec §5).
#include "core/lambda_operations.h"

#include <gtest/gtest.h>

#include <string>

#include "core/scenario.h"

namespace policylab {
namespace {

constexpr const char* kFn = "arn:aws:lambda:us-east-1:111111111111:function:f";

class LambdaOperationsTest : public testing::Test {
 protected:
  LambdaOperationsTest() {
    Diagnostics diags;
    scenario_ = ParseScenario(Json::parse(R"({"scenario": 1,
        "caller": {"principal": "arn:aws:iam::111111111111:user/admin"}, "requests": []})"),
                              diags);
    EXPECT_FALSE(HasErrors(diags));
    store_ = std::make_unique<LambdaStore>(scenario_);
    env_.account = "111111111111";
    env_.principal = &scenario_.caller.principal;
  }

  ApiPlan Prepare(const std::string& op, const char* params) {
    return PrepareCall(LambdaCall{op, Json::parse(params), std::nullopt}, env_, *store_);
  }
  ApiOutcome Call(const std::string& op, const char* params) {
    ApiPlan plan = Prepare(op, params);
    EXPECT_FALSE(plan.error) << plan.error->message;
    return ApplyCall(plan, env_, *store_);
  }

  Scenario scenario_;
  std::unique_ptr<LambdaStore> store_;
  CallEnvironment env_;
};

TEST_F(LambdaOperationsTest, InvokeChecksInvokeFunctionOnTheQualifiedArn) {
  ApiPlan plan = Prepare("Invoke", R"({"FunctionName": "f", "Qualifier": "1"})");
  ASSERT_FALSE(plan.error);
  ASSERT_EQ(plan.checks.size(), 1u);
  EXPECT_EQ(plan.checks[0].action, "lambda:InvokeFunction");
  EXPECT_EQ(plan.checks[0].resource, std::string(kFn) + ":1");  // spec §4.4, T05
}

TEST_F(LambdaOperationsTest, DerivedQualifierMismatchIsRejectedBeforeAuthorization) {
  ApiPlan plan = Prepare("Invoke", R"({"FunctionName": "f:1", "Qualifier": "2"})");
  ASSERT_TRUE(plan.error);  // T09
  EXPECT_EQ(plan.error->code, "InvalidParameterValueException");
  EXPECT_TRUE(plan.checks.empty());
}

TEST_F(LambdaOperationsTest, GetLayerVersionByArnChecksGetLayerVersion) {
  ApiPlan plan = Prepare("GetLayerVersionByArn",
                         R"({"Arn": "arn:aws:lambda:us-east-1:222222222222:layer:l:3"})");
  ASSERT_FALSE(plan.error);
  EXPECT_EQ(plan.checks[0].action, "lambda:GetLayerVersion");
  EXPECT_EQ(plan.checks[0].resource, "arn:aws:lambda:us-east-1:222222222222:layer:l:3");
}

TEST_F(LambdaOperationsTest, CreateFunctionNeedsEveryActionWithItsContext) {
  ApiPlan plan = Prepare("CreateFunction", R"({"FunctionName": "f",
      "Role": "arn:aws:iam::111111111111:role/exec",
      "Layers": ["arn:aws:lambda:us-east-1:333333333333:layer:x:3"],
      "VpcConfig": {"SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"]},
      "Tags": {"team": "payments"}})");
  ASSERT_FALSE(plan.error);
  ASSERT_EQ(plan.checks.size(), 4u);
  const PlannedCheck& create = plan.checks[0];
  EXPECT_EQ(create.action, "lambda:CreateFunction");
  EXPECT_EQ(create.resource, kFn);
  EXPECT_EQ(create.context.Find("lambda:Layer")->values.size(), 1u);
  EXPECT_TRUE(create.context.Find("lambda:Layer")->multivalued);
  EXPECT_EQ(create.context.Find("lambda:SubnetIds")->values.front(), "subnet-1");
  EXPECT_EQ(create.context.Find("aws:RequestTag/team")->values.front(), "payments");
  EXPECT_EQ(create.context.Find("aws:TagKeys")->values.front(), "team");
  EXPECT_EQ(plan.checks[1].action, "iam:PassRole");
  EXPECT_EQ(plan.checks[1].context.Find("iam:PassedToService")->values.front(),
            "lambda.amazonaws.com");
  EXPECT_EQ(plan.checks[2].action, "lambda:GetLayerVersion");
  EXPECT_EQ(plan.checks[3].action, "lambda:TagResource");
}

TEST_F(LambdaOperationsTest, AddPermissionPutsThePrincipalInContext) {
  ApiPlan plan = Prepare("AddPermission", R"({"FunctionName": "f", "StatementId": "s3",
      "Action": "lambda:InvokeFunction", "Principal": "s3.amazonaws.com"})");
  ASSERT_FALSE(plan.error);
  EXPECT_EQ(plan.checks[0].action, "lambda:AddPermission");
  EXPECT_EQ(plan.checks[0].context.Find("lambda:Principal")->values.front(), "s3.amazonaws.com");
}

TEST_F(LambdaOperationsTest, AddPermissionValidatesItsParameters) {
  ApiPlan bad_sid = Prepare("AddPermission", R"({"FunctionName": "f", "StatementId": "a.b",
      "Action": "lambda:InvokeFunction", "Principal": "*"})");
  ASSERT_TRUE(bad_sid.error);
  EXPECT_EQ(bad_sid.error->code, "ValidationException");
  ApiPlan bad_action = Prepare("AddPermission", R"({"FunctionName": "f", "StatementId": "a",
      "Action": "lambda:Get*", "Principal": "*"})");
  ASSERT_TRUE(bad_action.error);
  EXPECT_EQ(bad_action.error->code, "ValidationException");
}

TEST_F(LambdaOperationsTest, AddPermissionStoresTheRecordedShape) {
  // spec §5.2, the recorded AWS output for these parameters.
  ApiOutcome out = Call("AddPermission", R"({"FunctionName": "fn", "StatementId": "urlPermission",
      "Action": "lambda:InvokeFunctionUrl", "Principal": "*", "SourceArn": "arn:aws:s3:::b",
      "SourceAccount": "111111111111", "PrincipalOrgID": "o-1234567890",
      "FunctionUrlAuthType": "NONE"})");
  ASSERT_FALSE(out.error);
  EXPECT_EQ(out.status, 201);
  EXPECT_EQ(out.response["Statement"].get<std::string>(),
            R"({"Sid":"urlPermission","Effect":"Allow","Principal":"*",)"
            R"("Action":"lambda:InvokeFunctionUrl",)"
            R"("Resource":"arn:aws:lambda:us-east-1:111111111111:function:fn",)"
            R"("Condition":{"StringEquals":{"AWS:SourceAccount":"111111111111",)"
            R"("lambda:FunctionUrlAuthType":"NONE","aws:PrincipalOrgID":"o-1234567890"},)"
            R"("ArnLike":{"AWS:SourceArn":"arn:aws:s3:::b"}}})");
}

TEST_F(LambdaOperationsTest, AccountPrincipalIsStoredAsRootArn) {
  ApiOutcome out = Call("AddPermission", R"({"FunctionName": "f", "StatementId": "x",
      "Action": "lambda:InvokeFunction", "Principal": "222222222222"})");
  ASSERT_FALSE(out.error);  // T67
  Json statement = Json::parse(out.response["Statement"].get<std::string>());
  EXPECT_EQ(statement["Principal"], Json({{"AWS", "arn:aws:iam::222222222222:root"}}));
  EXPECT_TRUE(statement["Action"].is_string());
}

TEST_F(LambdaOperationsTest, AddPermissionErrors) {  // T66
  ApiOutcome latest = Call("AddPermission", R"({"FunctionName": "f", "Qualifier": "$LATEST",
      "StatementId": "a", "Action": "lambda:InvokeFunction", "Principal": "*"})");
  ASSERT_TRUE(latest.error);
  EXPECT_EQ(latest.error->message, "We currently do not support adding policies for $LATEST.");
  ApiOutcome bad = Call("AddPermission", R"({"FunctionName": "f", "StatementId": "a",
      "Action": "lambda:InvokeFunction", "Principal": "foo"})");
  ASSERT_TRUE(bad.error);
  EXPECT_EQ(bad.error->code, "InvalidParameterValueException");
  ASSERT_FALSE(Call("AddPermission", R"({"FunctionName": "f", "StatementId": "a",
      "Action": "lambda:InvokeFunction", "Principal": "*"})")
                   .error);
  ApiOutcome dup = Call("AddPermission", R"({"FunctionName": "f", "StatementId": "a",
      "Action": "lambda:InvokeFunction", "Principal": "*"})");
  ASSERT_TRUE(dup.error);
  EXPECT_EQ(dup.error->code, "ResourceConflictException");
  EXPECT_EQ(dup.error->status, 409);
}

TEST_F(LambdaOperationsTest, GetPolicyRemovePermissionAndRevisions) {
  ApiOutcome none = Call("GetPolicy", R"({"FunctionName": "f"})");
  ASSERT_TRUE(none.error);
  EXPECT_EQ(none.error->message, "The resource you requested does not exist.");
  ASSERT_FALSE(Call("AddPermission", R"({"FunctionName": "f", "StatementId": "1",
      "Action": "lambda:InvokeFunction", "Principal": "s3.amazonaws.com"})")
                   .error);
  ApiOutcome got = Call("GetPolicy", R"({"FunctionName": "f"})");
  ASSERT_FALSE(got.error);
  Json policy = Json::parse(got.response["Policy"].get<std::string>());
  EXPECT_EQ(policy["Version"], "2012-10-17");
  EXPECT_EQ(policy["Id"], "default");
  EXPECT_EQ(policy["Statement"].size(), 1u);
  ApiOutcome stale = Call("RemovePermission",
                          R"({"FunctionName": "f", "StatementId": "1", "RevisionId": "nope"})");
  ASSERT_TRUE(stale.error);
  EXPECT_EQ(stale.error->code, "PreconditionFailedException");
  ApiOutcome unknown = Call("RemovePermission", R"({"FunctionName": "f", "StatementId": "2"})");
  ASSERT_TRUE(unknown.error);
  EXPECT_EQ(unknown.error->message, "Statement 2 is not found in resource policy.");
  ApiOutcome removed = Call("RemovePermission", R"({"FunctionName": "f", "StatementId": "1"})");
  ASSERT_FALSE(removed.error);
  EXPECT_EQ(removed.status, 204);
  EXPECT_TRUE(Call("GetPolicy", R"({"FunctionName": "f"})").error);  // last statement gone
}

TEST_F(LambdaOperationsTest, EachQualifierHasItsOwnPolicy) {
  ASSERT_FALSE(Call("AddPermission", R"({"FunctionName": "f", "StatementId": "1",
      "Action": "lambda:InvokeFunction", "Principal": "222222222222"})")
                   .error);
  EXPECT_NE(store_->PolicyFor(kFn), nullptr);
  EXPECT_EQ(store_->PolicyFor(std::string(kFn) + ":prod"), nullptr);  // T57
  ASSERT_FALSE(Call("PublishVersion", R"({"FunctionName": "f"})").error);
  EXPECT_TRUE(Call("GetPolicy", R"({"FunctionName": "f", "Qualifier": "1"})").error);  // T68
}

TEST_F(LambdaOperationsTest, PolicyLengthLimit) {
  std::string long_arn = "arn:aws:s3:::" + std::string(900, 'b');
  bool exceeded = false;
  for (int i = 0; i < 40 && !exceeded; ++i) {
    Json params = {{"FunctionName", "f"},
                   {"StatementId", "s" + std::to_string(i)},
                   {"Action", "lambda:InvokeFunction"},
                   {"Principal", "s3.amazonaws.com"},
                   {"SourceArn", long_arn}};
    ApiPlan plan = PrepareCall(LambdaCall{"AddPermission", params, std::nullopt}, env_, *store_);
    ApiOutcome out = ApplyCall(plan, env_, *store_);
    if (out.error) {
      EXPECT_EQ(out.error->code, "PolicyLengthExceededException");
      exceeded = true;
    }
  }
  EXPECT_TRUE(exceeded);  // spec §5.3: 20 KB
}

TEST_F(LambdaOperationsTest, FunctionUrlNeedsBothActionsForNewUrls) {
  ApiPlan plan = Prepare("InvokeFunctionUrl", R"({"FunctionName": "f", "AuthType": "NONE"})");
  ASSERT_FALSE(plan.error);
  ASSERT_EQ(plan.checks.size(), 2u);  // spec §3.4 row 11
  EXPECT_EQ(plan.checks[0].action, "lambda:InvokeFunctionUrl");
  EXPECT_EQ(plan.checks[0].context.Find("lambda:FunctionUrlAuthType")->values.front(), "NONE");
  EXPECT_EQ(plan.checks[1].action, "lambda:InvokeFunction");
  EXPECT_EQ(plan.checks[1].context.Find("lambda:InvokedViaFunctionUrl")->values.front(), "true");
}

TEST(AccessDeniedMessageTest, NamesCallerActionResourceAndCause) {
  std::optional<RequestPrincipal> who =
      ParseRequestPrincipal("arn:aws:iam::111111111111:user/alice", nullptr);
  EXPECT_EQ(AccessDeniedMessage(*who, "lambda:InvokeFunction", kFn, false, "identity"),
            "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: "
            "lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:111111111111:function:f "
            "because no identity-based policy allows the lambda:InvokeFunction action");
}

}  // namespace
}  // namespace policylab
