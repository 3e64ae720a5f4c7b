// The scenario document (core/scenario.h, DESIGN.md "The scenario document"):
// validation codes with their pointers, attachedTo inference, policy ids, and
// how requests are read.
#include "core/scenario.h"

#include <gtest/gtest.h>

#include <string>

namespace policylab {
namespace {

struct CaseName {
  template <typename T>
  std::string operator()(const testing::TestParamInfo<T>& p) const {
    return p.param.name;
  }
};

const std::string kFn = "arn:aws:lambda:us-east-1:111122223333:function:f";
const std::string kUser = "arn:aws:iam::111122223333:user/alice";

// An identity policy document that parses without diagnostics.
const std::string kDoc =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:*",
        "Resource": "*"}]})";
// A resource policy on kFn.
const std::string kRbpDoc =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
        "Action": "lambda:InvokeFunction",
        "Resource": "arn:aws:lambda:us-east-1:111122223333:function:f"}]})";

// A minimal valid scenario with `patch` (a JSON object) merged in (RFC 7386
// merge patch; a null value removes a key).
Json ScenarioWith(const std::string& patch) {
  Json doc = {
      {"scenario", 1},
      {"caller", {{"principal", kUser}}},
      {"requests", Json::array({{{"action", "lambda:InvokeFunction"}, {"resource", kFn}}})}};
  doc.merge_patch(Json::parse(patch));
  return doc;
}

bool HasDiagnostic(const Diagnostics& diags, const std::string& code, const std::string& pointer,
                   Severity severity = Severity::kError) {
  for (const Diagnostic& d : diags) {
    if (d.code == code && d.pointer == pointer && d.severity == severity) return true;
  }
  return false;
}

std::string Codes(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags) {
    out += std::string(SeverityName(d.severity)) + " " + d.code + " at `" + d.pointer +
           "`: " + d.message + "\n";
  }
  return out;
}

TEST(ParseScenarioTest, MinimalScenarioIsValid) {
  Diagnostics diags;
  Scenario s = ParseScenario(ScenarioWith("{}"), diags);
  EXPECT_FALSE(HasErrors(diags)) << Codes(diags);
  EXPECT_EQ(s.caller.principal.arn, kUser);
  EXPECT_EQ(s.region, "us-east-1");
  ASSERT_EQ(s.requests.size(), 1u);
  EXPECT_EQ(s.requests[0].kind, RequestSpec::Kind::kCheck);
  EXPECT_EQ(s.requests[0].pointer, "/requests/0");
  EXPECT_EQ(s.requests[0].action, "lambda:InvokeFunction");
  EXPECT_EQ(s.requests[0].resource, kFn);
  EXPECT_FALSE(s.requests[0].principal.has_value());
  EXPECT_FALSE(s.requests[0].expect.has_value());
}

// ---- Validation codes
// ----------------------------------------------------------------------

struct InvalidCase {
  std::string name;
  std::string patch;  // merged into the minimal scenario
  std::string code;
  std::string pointer;
};

class ParseScenarioInvalidTest : public testing::TestWithParam<InvalidCase> {};

TEST_P(ParseScenarioInvalidTest, ReportsCodeAtPointer) {
  const InvalidCase& c = GetParam();
  Diagnostics diags;
  ParseScenario(ScenarioWith(c.patch), diags);
  EXPECT_TRUE(HasDiagnostic(diags, c.code, c.pointer))
      << "want " << c.code << " at `" << c.pointer << "`, got:\n"
      << Codes(diags);
}

std::string Requests(const std::string& request) { return R"({"requests": [)" + request + "]}"; }
std::string Identity(const std::string& entries) {
  return R"({"caller": {"identityPolicies": [)" + entries + "]}}";
}

INSTANTIATE_TEST_SUITE_P(
    Codes, ParseScenarioInvalidTest,
    testing::Values(
        InvalidCase{"UnknownTopLevelKey", R"({"bogus": 1})", "scenario-unknown-key", "/bogus"},
        InvalidCase{"UnknownCallerKey", R"({"caller": {"roles": []}})", "scenario-unknown-key",
                    "/caller/roles"},
        InvalidCase{"UnknownPolicyEntryKey",
                    Identity(R"({"name": "p", "document": )" + kDoc + R"(, "arn": "x"})"),
                    "scenario-unknown-key", "/caller/identityPolicies/0/arn"},
        InvalidCase{"UnknownResourcePolicyKey",
                    R"({"resourcePolicies": [{"attachedTo": ")" + kFn + R"(", "document": )" +
                        kRbpDoc + R"(, "policy": 1}]})",
                    "scenario-unknown-key", "/resourcePolicies/0/policy"},
        InvalidCase{"KeyWithSlashIsEscaped", R"({"a/b": 1})", "scenario-unknown-key", "/a~1b"},
        InvalidCase{"CallerNotObject", R"({"caller": 5})", "scenario-type", "/caller"},
        InvalidCase{"TitleNotString", R"({"title": 5})", "scenario-type", "/title"},
        InvalidCase{"NowNotInstant", R"({"now": "yesterday"})", "scenario-type", "/now"},
        InvalidCase{"RegionNotString", R"({"caller": {"region": 1}})", "scenario-type",
                    "/caller/region"},
        InvalidCase{"RequestsNotArray", R"({"requests": {}})", "scenario-type", "/requests"},
        InvalidCase{"IdentityPoliciesNotArray", R"({"caller": {"identityPolicies": {}}})",
                    "scenario-type", "/caller/identityPolicies"},
        InvalidCase{"PolicyEntryNotObject", Identity(R"("p")"), "scenario-type",
                    "/caller/identityPolicies/0"},
        InvalidCase{"ManagedNotString", Identity(R"({"managed": 5})"), "scenario-type",
                    "/caller/identityPolicies/0/managed"},
        InvalidCase{"ScpsNotArray", R"({"caller": {"scps": {}}})", "scenario-type", "/caller/scps"},
        InvalidCase{"ScpLevelNotArray", R"({"caller": {"scps": [{}]}})", "scenario-type",
                    "/caller/scps/0"},
        InvalidCase{"TagsNotObject", R"({"caller": {"tags": ["a"]}})", "scenario-type",
                    "/caller/tags"},
        InvalidCase{"TagValueNotString", R"({"caller": {"tags": {"team": 1}}})", "scenario-type",
                    "/caller/tags/team"},
        InvalidCase{"ResourcePoliciesNotArray", R"({"resourcePolicies": {}})", "scenario-type",
                    "/resourcePolicies"},
        InvalidCase{"ScenarioVersionMissing", R"({"scenario": null})", "scenario-missing", ""},
        InvalidCase{"CallerMissing", R"({"caller": null})", "scenario-missing", ""},
        InvalidCase{"RequestsMissing", R"({"requests": null})", "scenario-missing", ""},
        InvalidCase{"PrincipalMissing", R"({"caller": {"principal": null}})", "scenario-missing",
                    "/caller"},
        InvalidCase{"PolicyEntryEmpty", Identity("{}"), "scenario-missing",
                    "/caller/identityPolicies/0"},
        InvalidCase{"PolicyEntryBothDocumentAndManaged",
                    Identity(R"({"document": )" + kDoc + R"(, "managed": "AWSLambdaRole"})"),
                    "scenario-missing", "/caller/identityPolicies/0"},
        InvalidCase{"ResourcePolicyWithoutDocument",
                    R"({"resourcePolicies": [{"attachedTo": ")" + kFn + R"("}]})",
                    "scenario-missing", "/resourcePolicies/0"},
        InvalidCase{"CheckWithoutResource", Requests(R"({"action": "lambda:GetFunction"})"),
                    "scenario-missing", "/requests/0"},
        InvalidCase{"VersionTwo", R"({"scenario": 2})", "scenario-version", "/scenario"},
        InvalidCase{"VersionString", R"({"scenario": "1"})", "scenario-version", "/scenario"},
        InvalidCase{"VersionFloat", R"({"scenario": 1.5})", "scenario-version", "/scenario"},
        InvalidCase{"RequestNotObject", Requests("5"), "request-invalid", "/requests/0"},
        InvalidCase{
            "RequestUnknownKey",
            Requests(R"({"action": "lambda:GetFunction", "resource": "*", "expected": "allowed"})"),
            "request-invalid", "/requests/0/expected"},
        InvalidCase{"RequestEmpty", Requests("{}"), "request-invalid", "/requests/0"},
        InvalidCase{"RequestActionAndOperation",
                    Requests(R"({"action": "lambda:GetFunction", "resource": "*",
                                 "operation": "GetFunction"})"),
                    "request-invalid", "/requests/0"},
        InvalidCase{"RequestActionAndCli",
                    Requests(R"({"action": "lambda:GetFunction", "resource": "*",
                                 "cli": "aws lambda get-function --function-name f"})"),
                    "request-invalid", "/requests/0"},
        InvalidCase{"ActionWithoutPrefix",
                    Requests(R"({"action": "GetFunction", "resource": "*"})"), "request-invalid",
                    "/requests/0/action"},
        InvalidCase{"ActionWithWildcard", Requests(R"({"action": "lambda:Get*", "resource": "*"})"),
                    "request-invalid", "/requests/0/action"},
        InvalidCase{"ResourceNotArn",
                    Requests(R"({"action": "lambda:GetFunction", "resource": "function:f"})"),
                    "request-invalid", "/requests/0/resource"},
        InvalidCase{"ParametersNotObject",
                    Requests(R"({"operation": "GetFunction", "parameters": []})"),
                    "request-invalid", "/requests/0/parameters"},
        InvalidCase{"ContextNotObject",
                    Requests(R"({"action": "lambda:GetFunction", "resource": "*", "context": []})"),
                    "request-invalid", "/requests/0/context"},
        InvalidCase{"ContextKeyWithoutPrefix",
                    Requests(R"({"action": "lambda:GetFunction", "resource": "*",
                                 "context": {"SourceArn": "x"}})"),
                    "request-invalid", "/requests/0/context/SourceArn"},
        InvalidCase{"ContextKeyTwiceDifferentCase",
                    Requests(R"({"action": "lambda:GetFunction", "resource": "*",
                                 "context": {"aws:SourceArn": "x", "AWS:SOURCEARN": "y"}})"),
                    "request-invalid", "/requests/0/context/aws:SourceArn"},
        InvalidCase{"ContextListOfNumbers",
                    Requests(R"({"action": "lambda:GetFunction", "resource": "*",
                                 "context": {"aws:TagKeys": [1, 2]}})"),
                    "request-invalid", "/requests/0/context/aws:TagKeys"},
        InvalidCase{"ContextValueObject",
                    Requests(R"({"action": "lambda:GetFunction", "resource": "*",
                                 "context": {"aws:x": {}}})"),
                    "request-invalid", "/requests/0/context/aws:x"},
        InvalidCase{"ExpectUnknown", Requests(R"({"action": "lambda:GetFunction", "resource": "*",
                                 "expect": "allow"})"),
                    "request-invalid", "/requests/0/expect"},
        InvalidCase{"ExpectErrorWithoutCode",
                    Requests(R"({"action": "lambda:GetFunction", "resource": "*",
                                 "expect": "error:"})"),
                    "request-invalid", "/requests/0/expect"},
        InvalidCase{"ExpectDecidedByNotList",
                    Requests(R"({"action": "lambda:GetFunction", "resource": "*",
                                 "expectDecidedBy": {"policy": "identity:p", "statement": 0}})"),
                    "request-invalid", "/requests/0/expectDecidedBy"},
        InvalidCase{"ExpectDecidedByExtraKey",
                    Requests(R"({"action": "lambda:GetFunction", "resource": "*",
                                 "expectDecidedBy": [{"policy": "identity:p", "statement": 0,
                                                      "sid": "x"}]})"),
                    "request-invalid", "/requests/0/expectDecidedBy"},
        InvalidCase{"ExpectDecidedByStatementNotInteger",
                    Requests(R"({"action": "lambda:GetFunction", "resource": "*",
                                 "expectDecidedBy": [{"policy": "identity:p", "statement": "0"}]})"),
                    "request-invalid", "/requests/0/expectDecidedBy"},
        InvalidCase{"PolicyNameDuplicate",
                    Identity(R"({"name": "p", "document": )" + kDoc +
                             R"(}, {"name": "p", "document": )" + kDoc + "}"),
                    "policy-name-duplicate", "/caller/identityPolicies/1/name"},
        InvalidCase{"ResourcePolicyDuplicate",
                    R"({"resourcePolicies": [{"document": )" + kRbpDoc + R"(}, {"attachedTo": ")" +
                        kFn + R"(", "document": )" + kRbpDoc + "}]}",
                    "resource-policy-duplicate", "/resourcePolicies/1"},
        InvalidCase{"ResourcePolicyAttachmentAmbiguous",
                    R"({"resourcePolicies": [{"document": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction",
                         "Resource": "arn:aws:lambda:us-east-1:111122223333:function:f"},
                        {"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction",
                         "Resource": "arn:aws:lambda:us-east-1:111122223333:function:g"}]}}]})",
                    "resource-policy-attachment", "/resourcePolicies/0"},
        InvalidCase{"ResourcePolicyAttachmentStar",
                    R"({"resourcePolicies": [{"document": {"Version": "2012-10-17", "Statement": {
                        "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction",
                        "Resource": "*"}}}]})",
                    "resource-policy-attachment", "/resourcePolicies/0"},
        InvalidCase{"ResourcePolicyAttachmentNoResource",
                    R"({"resourcePolicies": [{"document": {"Version": "2012-10-17", "Statement": {
                        "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction"}}}]})",
                    "resource-policy-attachment", "/resourcePolicies/0"},
        InvalidCase{"AttachedToNotArn",
                    R"({"resourcePolicies": [{"attachedTo": "f", "document": )" + kRbpDoc + "}]}",
                    "resource-not-arn", "/resourcePolicies/0/attachedTo"},
        InvalidCase{"ManagedPolicyUnknown", Identity(R"({"managed": "NoSuchPolicy"})"),
                    "managed-policy-unknown", "/caller/identityPolicies/0/managed"},
        InvalidCase{"ManagedPolicyUnknownInBoundary",
                    R"({"caller": {"permissionsBoundary": {"managed": "NoSuchBoundaryPolicy"}}})",
                    "managed-policy-unknown", "/caller/permissionsBoundary/managed"},
        InvalidCase{"CallerIsService", R"({"caller": {"principal": "s3.amazonaws.com"}})",
                    "principal-invalid", "/caller/principal"},
        InvalidCase{"CallerIsAnonymous", R"({"caller": {"principal": "*"}})", "principal-invalid",
                    "/caller/principal"},
        InvalidCase{"CallerNotAPrincipal", R"({"caller": {"principal": "alice"}})",
                    "principal-invalid", "/caller/principal"},
        InvalidCase{"RequestPrincipalInvalid",
                    Requests(R"({"action": "lambda:GetFunction", "resource": "*",
                                 "principal": "arn:aws:iam::1:user/x"})"),
                    "principal-invalid", "/requests/0/principal"},
        InvalidCase{"OperationUnknown", Requests(R"({"operation": "FrobnicateFunction"})"),
                    "operation-unknown", "/requests/0/operation"},
        InvalidCase{"PolicyErrorsCarryScenarioPointer",
                    Identity(R"({"document": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "allow", "Action": "*", "Resource": "*"}]}})"),
                    "effect-invalid", "/caller/identityPolicies/0/document/Statement/0/Effect"},
        InvalidCase{"ResourcePolicyErrorsCarryScenarioPointer",
                    R"({"resourcePolicies": [{"attachedTo": ")" + kFn +
                        R"(", "document": {
                        "Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Action": "lambda:InvokeFunction", "Resource": ")" +
                        kFn + R"("}]}}]})",
                    "principal-missing", "/resourcePolicies/0/document/Statement/0"},
        InvalidCase{"ScpWithPrincipal",
                    R"({"caller": {"scps": [[{"document": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": "*"}]}}]]}})",
                    "principal-forbidden", "/caller/scps/0/0/document/Statement/0/Principal"}),
    CaseName());

TEST(ParseScenarioTest, NotAnObject) {
  Diagnostics diags;
  ParseScenario(Json::array(), diags);
  EXPECT_TRUE(HasDiagnostic(diags, "scenario-type", "")) << Codes(diags);
}

// ---- attachedTo inference (DESIGN.md; spec §5.4)
// -------------------------------------------

struct AttachCase {
  std::string name;
  std::string entry;  // one resourcePolicies entry
  std::string attached_to;
};

class AttachedToTest : public testing::TestWithParam<AttachCase> {};

TEST_P(AttachedToTest, Infers) {
  const AttachCase& c = GetParam();
  Diagnostics diags;
  Scenario s = ParseScenario(ScenarioWith(R"({"resourcePolicies": [)" + c.entry + "]}"), diags);
  ASSERT_FALSE(HasErrors(diags)) << Codes(diags);
  ASSERT_EQ(s.resource_policies.size(), 1u);
  const ResourcePolicySlot& slot = s.resource_policies[0];
  EXPECT_EQ(slot.attached_to, c.attached_to);
  EXPECT_EQ(slot.pointer, "/resourcePolicies/0");
  ASSERT_NE(slot.policy, nullptr);
  EXPECT_EQ(slot.policy->source.id, "resource:" + c.attached_to);
  EXPECT_EQ(slot.policy->source.kind, PolicyKind::kResource);
  EXPECT_EQ(s.FindResourcePolicy(c.attached_to), &slot);
  EXPECT_EQ(s.FindResourcePolicy(c.attached_to + ":1"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(
    Inference, AttachedToTest,
    testing::Values(
        AttachCase{"FromScalarResource", R"({"document": )" + kRbpDoc + "}", kFn},
        AttachCase{"FromStatementObject",
                   R"({"document": {"Version": "2012-10-17", "Id": "default", "Statement": {
                       "Sid": "1", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
                       "Action": "lambda:InvokeFunction",
                       "Resource": "arn:aws:lambda:us-east-1:111122223333:function:f:prod"}}})",
                   kFn + ":prod"},
        AttachCase{"FromSeveralStatementsNamingOneArn",
                   R"({"document": {"Version": "2012-10-17", "Statement": [
                       {"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction",
                        "Resource": ["arn:aws:lambda:us-east-1:111122223333:function:f"]},
                       {"Effect": "Allow", "Principal": "*", "Action": "lambda:GetFunction",
                        "Resource": "arn:aws:lambda:us-east-1:111122223333:function:f"}]}})",
                   kFn},
        AttachCase{"ExplicitWins",
                   R"({"attachedTo": "arn:aws:lambda:us-east-1:111122223333:function:f:1",
                       "document": )" +
                       kRbpDoc + "}",
                   kFn + ":1"}),
    CaseName());

// ENGINE BUG: core/scenario.cc ScenarioParser::InferAttachment accepts a
// wildcard pattern as the inferred `attachedTo`. Input: a resourcePolicies
// entry without attachedTo whose only Resource is
// `arn:aws:lambda:us-east-1:111122223333:function:f*`. Expected:
// resource-policy-attachment (DESIGN.md: attachedTo may be omitted only when
// every statement names the same resource ARN; spec §1.5: Lambda resource
// policies never hold wildcards in Resource, §5.4: a policy belongs to one
// exact resource). Actual: the policy is attached to the pattern string itself,
// so it silently applies to no request.
TEST(ParseScenarioTest, AttachedToIsNotInferredFromAPattern) {
  Diagnostics diags;
  ParseScenario(ScenarioWith(
                    R"({"resourcePolicies": [{"document": {"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction",
                     "Resource": "arn:aws:lambda:us-east-1:111122223333:function:f*"}]}}]})"),
                diags);
  EXPECT_TRUE(HasDiagnostic(diags, "resource-policy-attachment", "/resourcePolicies/0"))
      << Codes(diags);
}

// ---- Policy ids and the caller
// ---------------------------------------------------------------

TEST(ParseScenarioTest, PolicyIds) {
  Diagnostics diags;
  Scenario s = ParseScenario(ScenarioWith(R"({"caller": {
      "principal": "arn:aws:sts::111122223333:assumed-role/Dev/s1",
      "region": "us-west-2",
      "identityPolicies": [{"name": "inline", "document": )" +
                                          kDoc + R"(}, {"document": )" + kDoc + R"(}],
      "permissionsBoundary": {"name": "edge", "document": )" +
                                          kDoc +
                                          R"(},
      "sessionPolicy": {"document": )" + kDoc +
                                          R"(},
      "scps": [[{"name": "full", "document": )" +
                                          kDoc + R"(}], [{"document": )" + kDoc + R"(}]],
      "tags": {"team": "payments"},
      "orgId": "o-abc1234567"}})"),
                             diags);
  ASSERT_FALSE(HasErrors(diags)) << Codes(diags);
  ASSERT_EQ(s.caller.identity.size(), 2u);
  EXPECT_EQ(s.caller.identity[0]->source.id, "identity:inline");
  EXPECT_EQ(s.caller.identity[0]->source.pointer, "/caller/identityPolicies/0/document");
  EXPECT_EQ(s.caller.identity[1]->source.id, "identity:policy-1");
  ASSERT_NE(s.caller.boundary, nullptr);
  EXPECT_EQ(s.caller.boundary->source.id, "boundary:edge");
  EXPECT_EQ(s.caller.boundary->source.kind, PolicyKind::kBoundary);
  ASSERT_NE(s.caller.session, nullptr);
  EXPECT_EQ(s.caller.session->source.id, "session");
  EXPECT_EQ(s.caller.session->source.kind, PolicyKind::kSession);
  ASSERT_EQ(s.caller.scps.size(), 2u);
  ASSERT_EQ(s.caller.scps[0].size(), 1u);
  EXPECT_EQ(s.caller.scps[0][0]->source.id, "scp:0:full");
  EXPECT_EQ(s.caller.scps[0][0]->source.kind, PolicyKind::kScp);
  EXPECT_EQ(s.caller.scps[1][0]->source.id, "scp:1:scp-0");
  EXPECT_EQ(s.region, "us-west-2");
  EXPECT_EQ(s.principal_tags.at("team"), "payments");
  EXPECT_EQ(s.org_id, "o-abc1234567");
  EXPECT_EQ(s.caller.principal.kind, PrincipalKind::kAssumedRole);
}

TEST(ParseScenarioTest, SamePolicyNameInDifferentKindsIsAllowed) {
  Diagnostics diags;
  ParseScenario(ScenarioWith(R"({"caller": {
      "identityPolicies": [{"name": "p", "document": )" +
                             kDoc +
                             R"(}],
      "permissionsBoundary": {"name": "p", "document": )" +
                             kDoc + R"(}}})"),
                diags);
  EXPECT_FALSE(HasErrors(diags)) << Codes(diags);
}

TEST(ParseScenarioTest, WarningsDoNotInvalidate) {
  Diagnostics diags;
  ParseScenario(ScenarioWith(R"({"caller": {
      "sessionPolicy": {"document": )" +
                             kDoc +
                             R"(},
      "scps": [[{"document": )" +
                             kDoc + R"(}], []]}})"),
                diags);
  EXPECT_FALSE(HasErrors(diags)) << Codes(diags);
  EXPECT_TRUE(HasDiagnostic(diags, "session-policy-not-session", "/caller/sessionPolicy",
                            Severity::kWarning))
      << Codes(diags);
  EXPECT_TRUE(HasDiagnostic(diags, "scp-level-empty", "/caller/scps/1", Severity::kWarning))
      << Codes(diags);
}

TEST(ParseScenarioTest, NowIsParsed) {
  Diagnostics diags;
  Scenario s = ParseScenario(ScenarioWith(R"({"now": "2026-01-01T00:00:00Z"})"), diags);
  ASSERT_FALSE(HasErrors(diags)) << Codes(diags);
  ASSERT_TRUE(s.now.has_value());
  EXPECT_EQ(s.now->seconds, 1767225600);
}

// ---- Requests
// -------------------------------------------------------------------------------

TEST(ParseScenarioTest, RequestFields) {
  Diagnostics diags;
  Scenario s = ParseScenario(ScenarioWith(R"({"requests": [
      {"note": "s3 invokes", "action": "lambda:InvokeFunction",
       "resource": "arn:aws:lambda:us-east-1:111122223333:function:f",
       "principal": "s3.amazonaws.com",
       "context": {"aws:SourceArn": "arn:aws:s3:::bkt", "aws:SourceAccount": 111122223333,
                   "aws:SecureTransport": true, "aws:TagKeys": ["a", "b"], "aws:Empty": []},
       "expect": "allowed",
       "expectDecidedBy": [{"policy": "resource:arn:aws:lambda:us-east-1:111122223333:function:f",
                            "statement": 0}]},
      {"operation": "GetFunction", "parameters": {"FunctionName": "f"},
       "expect": "error:ResourceNotFoundException"}]})"),
                             diags);
  ASSERT_FALSE(HasErrors(diags)) << Codes(diags);
  ASSERT_EQ(s.requests.size(), 2u);
  const RequestSpec& r = s.requests[0];
  EXPECT_EQ(r.index, 0);
  EXPECT_EQ(r.note, "s3 invokes");
  ASSERT_TRUE(r.principal.has_value());
  EXPECT_EQ(r.principal->kind, PrincipalKind::kService);
  ASSERT_NE(r.context.Find("aws:sourcearn"), nullptr);
  EXPECT_EQ(r.context.Find("aws:SourceAccount")->values, std::vector<std::string>{"111122223333"});
  EXPECT_EQ(r.context.Find("aws:SecureTransport")->values, std::vector<std::string>{"true"});
  EXPECT_TRUE(r.context.Find("aws:TagKeys")->multivalued);
  EXPECT_EQ(r.context.Find("aws:TagKeys")->values, (std::vector<std::string>{"a", "b"}));
  ASSERT_NE(r.context.Find("aws:Empty"), nullptr);
  EXPECT_TRUE(r.context.Find("aws:Empty")->values.empty());
  EXPECT_EQ(r.expect, "allowed");
  ASSERT_TRUE(r.expect_decided_by.has_value());
  ASSERT_EQ(r.expect_decided_by->size(), 1u);
  EXPECT_EQ((*r.expect_decided_by)[0].policy, "resource:" + kFn);
  EXPECT_EQ((*r.expect_decided_by)[0].statement, 0);

  const RequestSpec& op = s.requests[1];
  EXPECT_EQ(op.kind, RequestSpec::Kind::kOperation);
  EXPECT_EQ(op.operation, "GetFunction");
  EXPECT_TRUE(op.call.has_value());
  EXPECT_EQ(op.expect, "error:ResourceNotFoundException");
}

TEST(ParseScenarioTest, StarResourceAndAnonymousPrincipal) {
  Diagnostics diags;
  Scenario s = ParseScenario(ScenarioWith(R"({"requests": [
      {"action": "lambda:ListFunctions", "resource": "*", "principal": "*"}]})"),
                             diags);
  ASSERT_FALSE(HasErrors(diags)) << Codes(diags);
  ASSERT_TRUE(s.requests[0].principal.has_value());
  EXPECT_EQ(s.requests[0].principal->kind, PrincipalKind::kAnonymous);
}

TEST(ParseScenarioTest, EmptyRequestListIsValid) {
  Diagnostics diags;
  Scenario s = ParseScenario(ScenarioWith(R"({"requests": []})"), diags);
  EXPECT_FALSE(HasErrors(diags)) << Codes(diags);
  EXPECT_TRUE(s.requests.empty());
}

}  // namespace
}  // namespace policylab
