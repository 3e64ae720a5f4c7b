// Stage "parse" (core/parse_policy.h): every error and warning code with its
// JSON pointer, the normalisations of spec §1.1 (Statement object vs array,
// scalars vs lists, JSON numbers and booleans in condition values) and operator
// parsing (spec §1.4, §1.6, §2.3, §2.4).
#include "core/parse_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/limits.h"

namespace policylab {
namespace {

// Names parameterized tests after their TestCase's `name`.
struct CaseName {
  template <typename T>
  std::string operator()(const testing::TestParamInfo<T>& p) const {
    return p.param.name;
  }
};

struct Parsed {
  Policy policy;
  Diagnostics diagnostics;
};

Parsed Parse(const std::string& text, PolicyKind kind = PolicyKind::kIdentity) {
  Parsed out;
  Json doc = Json::parse(text);
  out.policy = ParsePolicy(doc, kind, "identity:t", "t", "", out.diagnostics);
  return out;
}

bool HasDiagnostic(const Diagnostics& diags, const std::string& code, const std::string& pointer,
                   Severity severity) {
  for (const Diagnostic& d : diags) {
    if (d.code == code && d.pointer == pointer && d.severity == severity) return true;
  }
  return false;
}

std::string Codes(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags) {
    out += std::string(SeverityName(d.severity)) + " " + d.code + " at `" + d.pointer + "`\n";
  }
  return out;
}

// A one-statement identity policy whose statement is `body` (members without
// braces).
std::string Identity(const std::string& body) {
  return R"({"Version": "2012-10-17", "Statement": [{)" + body + "}]}";
}
// A one-statement resource policy.
std::string Resource(const std::string& body) {
  return R"({"Version": "2012-10-17", "Statement": [{)" + body + "}]}";
}

constexpr const char* kAllowAll = R"("Effect": "Allow", "Action": "*", "Resource": "*")";
constexpr const char* kRbpBase =
    R"("Effect": "Allow", "Action": "lambda:InvokeFunction",
       "Resource": "arn:aws:lambda:us-east-1:111122223333:function:f")";

std::string WithCondition(const std::string& condition) {
  return Identity(std::string(kAllowAll) + R"(, "Condition": )" + condition);
}

struct DiagnosticCase {
  std::string name;
  std::string document;
  PolicyKind kind;
  std::string code;
  std::string pointer;
  Severity severity = Severity::kError;
};

class ParsePolicyDiagnosticTest : public testing::TestWithParam<DiagnosticCase> {};

TEST_P(ParsePolicyDiagnosticTest, ReportsCodeAtPointer) {
  const DiagnosticCase& c = GetParam();
  Parsed p = Parse(c.document, c.kind);
  EXPECT_TRUE(HasDiagnostic(p.diagnostics, c.code, c.pointer, c.severity))
      << "want " << SeverityName(c.severity) << " " << c.code << " at `" << c.pointer << "`, got:\n"
      << Codes(p.diagnostics);
  if (c.severity == Severity::kWarning) {
    EXPECT_FALSE(HasErrors(p.diagnostics)) << Codes(p.diagnostics);
  }
}

const PolicyKind kId = PolicyKind::kIdentity;
const PolicyKind kRes = PolicyKind::kResource;

INSTANTIATE_TEST_SUITE_P(
    Errors, ParsePolicyDiagnosticTest,
    testing::Values(
        DiagnosticCase{"DocumentNotObject", "[]", kId, "policy-type", ""},
        DiagnosticCase{"StatementNotObjectOrArray", R"({"Version": "2012-10-17", "Statement": 5})",
                       kId, "policy-type", "/Statement"},
        DiagnosticCase{"StatementEntryNotObject",
                       R"({"Version": "2012-10-17", "Statement": ["x"]})", kId, "policy-type",
                       "/Statement/0"},
        DiagnosticCase{"IdNotString", R"({"Version": "2012-10-17", "Id": 3, "Statement": []})", kId,
                       "policy-type", "/Id"},
        DiagnosticCase{"ActionEntryNotString",
                       Identity(R"("Effect": "Allow", "Action": ["lambda:Get*", 3],
                                   "Resource": "*")"),
                       kId, "policy-type", "/Statement/0/Action/1"},
        DiagnosticCase{"ConditionValueObject",
                       WithCondition(R"({"StringEquals": {"aws:SourceAccount": {"a": 1}}})"), kId,
                       "policy-type", "/Statement/0/Condition/StringEquals/aws:SourceAccount"},
        DiagnosticCase{"UnknownTopLevelElement",
                       R"({"Version": "2012-10-17", "Foo": 1, "Statement": []})", kId,
                       "policy-unknown-element", "/Foo"},
        DiagnosticCase{"UnknownStatementElement",
                       Identity(std::string(kAllowAll) + R"(, "Bar": 1)"), kId,
                       "policy-unknown-element", "/Statement/0/Bar"},
        DiagnosticCase{"MisCasedElement",
                       Identity(R"("effect": "Allow", "Action": "*", "Resource": "*")"), kId,
                       "policy-unknown-element", "/Statement/0/effect"},
        DiagnosticCase{"VersionOtherDate", R"({"Version": "2012-10-18", "Statement": []})", kId,
                       "policy-version-invalid", "/Version"},
        DiagnosticCase{"VersionNumber", R"({"Version": 2012, "Statement": []})", kId,
                       "policy-version-invalid", "/Version"},
        DiagnosticCase{"StatementMissing", R"({"Version": "2012-10-17"})", kId,
                       "policy-statement-missing", ""},
        DiagnosticCase{"SidDuplicate",
                       R"({"Version": "2012-10-17", "Statement": [
                            {"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"},
                            {"Sid": "A", "Effect": "Deny", "Action": "*", "Resource": "*"}]})",
                       kId, "sid-duplicate", "/Statement/1/Sid"},
        DiagnosticCase{"EffectMissing", Identity(R"("Action": "*", "Resource": "*")"), kId,
                       "effect-missing", "/Statement/0"},
        DiagnosticCase{"EffectLowerCase",
                       Identity(R"("Effect": "allow", "Action": "*", "Resource": "*")"), kId,
                       "effect-invalid", "/Statement/0/Effect"},
        DiagnosticCase{"EffectNotString",
                       Identity(R"("Effect": true, "Action": "*", "Resource": "*")"), kId,
                       "effect-invalid", "/Statement/0/Effect"},
        DiagnosticCase{"ActionMissing", Identity(R"("Effect": "Allow", "Resource": "*")"), kId,
                       "action-missing", "/Statement/0"},
        DiagnosticCase{"ActionEmptyArray",
                       Identity(R"("Effect": "Allow", "Action": [], "Resource": "*")"), kId,
                       "action-missing", "/Statement/0/Action"},
        DiagnosticCase{"ActionAndNotAction",
                       Identity(R"("Effect": "Allow", "Action": "*", "NotAction": "s3:*",
                                   "Resource": "*")"),
                       kId, "action-and-notaction", "/Statement/0/NotAction"},
        DiagnosticCase{"ActionNoPrefix", Identity(R"("Effect": "Allow", "Action": "InvokeFunction",
                                   "Resource": "*")"),
                       kId, "action-no-prefix", "/Statement/0/Action"},
        DiagnosticCase{"ActionNoPrefixInArray",
                       Identity(R"("Effect": "Allow", "Action": ["lambda:Get*", ":Get"],
                                   "Resource": "*")"),
                       kId, "action-no-prefix", "/Statement/0/Action/1"},
        DiagnosticCase{"NotActionNoPrefix",
                       Identity(R"("Effect": "Allow", "NotAction": "Get", "Resource": "*")"), kId,
                       "action-no-prefix", "/Statement/0/NotAction"},
        DiagnosticCase{"ResourceMissing", Identity(R"("Effect": "Allow", "Action": "*")"), kId,
                       "resource-missing", "/Statement/0"},
        DiagnosticCase{"ResourceEmptyArray",
                       Identity(R"("Effect": "Allow", "Action": "*", "Resource": [])"), kId,
                       "resource-missing", "/Statement/0/Resource"},
        DiagnosticCase{"ScpResourceMissing", Identity(R"("Effect": "Allow", "Action": "*")"),
                       PolicyKind::kScp, "resource-missing", "/Statement/0"},
        DiagnosticCase{"ResourceAndNotResource",
                       Identity(R"("Effect": "Allow", "Action": "*", "Resource": "*",
                                   "NotResource": "*")"),
                       kId, "resource-and-notresource", "/Statement/0/NotResource"},
        DiagnosticCase{"ResourceNotArn",
                       Identity(R"("Effect": "Allow", "Action": "*", "Resource": "function:f")"),
                       kId, "resource-not-arn", "/Statement/0/Resource"},
        DiagnosticCase{"ResourceNotArnInArray", Identity(R"("Effect": "Allow", "Action": "*",
                                   "Resource": ["*", "my-function"])"),
                       kId, "resource-not-arn", "/Statement/0/Resource/1"},
        DiagnosticCase{"IdentityWithPrincipal",
                       Identity(std::string(kAllowAll) + R"(, "Principal": "*")"), kId,
                       "principal-forbidden", "/Statement/0/Principal"},
        DiagnosticCase{"BoundaryWithPrincipal",
                       Identity(std::string(kAllowAll) + R"(, "Principal": "*")"),
                       PolicyKind::kBoundary, "principal-forbidden", "/Statement/0/Principal"},
        DiagnosticCase{
            "ScpWithNotPrincipal",
            Identity(std::string(kAllowAll) + R"(, "NotPrincipal": {"AWS": "111122223333"})"),
            PolicyKind::kScp, "principal-forbidden", "/Statement/0/NotPrincipal"},
        DiagnosticCase{"ResourcePolicyWithoutPrincipal", Resource(kRbpBase), kRes,
                       "principal-missing", "/Statement/0"},
        DiagnosticCase{"RcpWithoutPrincipal", Identity(kAllowAll), PolicyKind::kRcp,
                       "principal-missing", "/Statement/0"},
        DiagnosticCase{"PrincipalAndNotPrincipal",
                       Resource(std::string(kRbpBase) +
                                R"(, "Principal": "*", "NotPrincipal": {"AWS": "111122223333"})"),
                       kRes, "principal-and-notprincipal", "/Statement/0/NotPrincipal"},
        DiagnosticCase{
            "PrincipalStringNotStar",
            Resource(std::string(kRbpBase) + R"(, "Principal": "arn:aws:iam::111122223333:root")"),
            kRes, "principal-invalid", "/Statement/0/Principal"},
        DiagnosticCase{"AwsPrincipalNotArnOrAccount",
                       Resource(std::string(kRbpBase) + R"(, "Principal": {"AWS": "alice"})"), kRes,
                       "principal-invalid", "/Statement/0/Principal/AWS"},
        DiagnosticCase{"AwsPrincipalElevenDigits",
                       Resource(std::string(kRbpBase) + R"(, "Principal": {"AWS": "11112222333"})"),
                       kRes, "principal-invalid", "/Statement/0/Principal/AWS"},
        DiagnosticCase{
            "RcpPrincipalNotStar",
            Identity(std::string(kAllowAll) + R"(, "Principal": {"AWS": "111122223333"})"),
            PolicyKind::kRcp, "principal-invalid", "/Statement/0/Principal"},
        DiagnosticCase{"PrincipalUnknownType",
                       Resource(std::string(kRbpBase) + R"(, "Principal": {"Aws": "*"})"), kRes,
                       "principal-unknown-type", "/Statement/0/Principal/Aws"},
        DiagnosticCase{"PrincipalPartialWildcardRole",
                       Resource(std::string(kRbpBase) +
                                R"(, "Principal": {"AWS": "arn:aws:iam::444455556666:role/*"})"),
                       kRes, "principal-partial-wildcard", "/Statement/0/Principal/AWS"},
        DiagnosticCase{"PrincipalPartialWildcardInArray",
                       Resource(std::string(kRbpBase) +
                                R"(, "Principal": {"Service": ["s3.amazonaws.com",
                                                               "*.amazonaws.com"]})"),
                       kRes, "principal-partial-wildcard", "/Statement/0/Principal/Service/1"},
        DiagnosticCase{"PrincipalQuestionMark",
                       Resource(std::string(kRbpBase) +
                                R"(, "Principal": {"AWS": "arn:aws:iam::44445555666?:root"})"),
                       kRes, "principal-partial-wildcard", "/Statement/0/Principal/AWS"},
        DiagnosticCase{"OperatorMisCased",
                       WithCondition(R"({"stringEquals": {"aws:SourceAccount": "1"}})"), kId,
                       "condition-operator-unknown", "/Statement/0/Condition/stringEquals"},
        DiagnosticCase{"OperatorUnknown",
                       WithCondition(R"({"StringContains": {"aws:SourceAccount": "1"}})"), kId,
                       "condition-operator-unknown", "/Statement/0/Condition/StringContains"},
        DiagnosticCase{"OperatorIfExistsMisCased",
                       WithCondition(R"({"StringEqualsifexists": {"aws:SourceAccount": "1"}})"),
                       kId, "condition-operator-unknown",
                       "/Statement/0/Condition/StringEqualsifexists"},
        DiagnosticCase{"SetPrefixUnknown",
                       WithCondition(R"({"ForSomeValues:StringEquals": {"aws:TagKeys": "a"}})"),
                       kId, "condition-set-prefix-unknown",
                       "/Statement/0/Condition/ForSomeValues:StringEquals"},
        DiagnosticCase{"SetPrefixMisCased",
                       WithCondition(R"({"forallvalues:StringEquals": {"aws:TagKeys": "a"}})"), kId,
                       "condition-set-prefix-unknown",
                       "/Statement/0/Condition/forallvalues:StringEquals"},
        DiagnosticCase{"NullIfExists",
                       WithCondition(R"({"NullIfExists": {"aws:SourceAccount": "true"}})"), kId,
                       "condition-null-ifexists", "/Statement/0/Condition/NullIfExists"},
        DiagnosticCase{"ForAllValuesNullIfExists",
                       WithCondition(R"({"ForAllValues:NullIfExists": {"aws:TagKeys": "true"}})"),
                       kId, "condition-null-ifexists",
                       "/Statement/0/Condition/ForAllValues:NullIfExists"},
        DiagnosticCase{
            "ConditionKeyNoPrefix", WithCondition(R"({"StringEquals": {"SourceAccount": "1"}})"),
            kId, "condition-key-no-prefix", "/Statement/0/Condition/StringEquals/SourceAccount"},
        DiagnosticCase{"ConditionKeyLeadingColon",
                       WithCondition(R"({"StringEquals": {":SourceAccount": "1"}})"), kId,
                       "condition-key-no-prefix",
                       "/Statement/0/Condition/StringEquals/:SourceAccount"},
        DiagnosticCase{
            "NumericNotANumber", WithCondition(R"({"NumericLessThan": {"s3:max-keys": "abc"}})"),
            kId, "condition-value-invalid", "/Statement/0/Condition/NumericLessThan/s3:max-keys"},
        DiagnosticCase{"NumericBadInArray",
                       WithCondition(R"({"NumericEquals": {"s3:max-keys": ["1", "1.2.3"]}})"), kId,
                       "condition-value-invalid",
                       "/Statement/0/Condition/NumericEquals/s3:max-keys/1"},
        DiagnosticCase{"NumericWithVariable",
                       WithCondition(R"({"NumericEquals": {"s3:max-keys": "${aws:EpochTime}"}})"),
                       kId, "condition-value-invalid",
                       "/Statement/0/Condition/NumericEquals/s3:max-keys"},
        DiagnosticCase{
            "DateNotADate", WithCondition(R"({"DateLessThan": {"aws:CurrentTime": "yesterday"}})"),
            kId, "condition-value-invalid", "/Statement/0/Condition/DateLessThan/aws:CurrentTime"},
        DiagnosticCase{"IpNotAnAddress",
                       WithCondition(R"({"IpAddress": {"aws:SourceIp": "300.1.1.1"}})"), kId,
                       "condition-value-invalid", "/Statement/0/Condition/IpAddress/aws:SourceIp"},
        DiagnosticCase{"IpPrefixOutOfRange",
                       WithCondition(R"({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/33"}})"), kId,
                       "condition-value-invalid",
                       "/Statement/0/Condition/NotIpAddress/aws:SourceIp"},
        DiagnosticCase{
            "BoolNotBoolean", WithCondition(R"({"Bool": {"aws:SecureTransport": "yes"}})"), kId,
            "condition-value-invalid", "/Statement/0/Condition/Bool/aws:SecureTransport"},
        DiagnosticCase{"NullNotBoolean",
                       WithCondition(R"({"Null": {"aws:SourceAccount": "maybe"}})"), kId,
                       "condition-value-invalid", "/Statement/0/Condition/Null/aws:SourceAccount"},
        DiagnosticCase{"BinaryNotBase64", WithCondition(R"({"BinaryEquals": {"aws:x": "!!!"}})"),
                       kId, "condition-value-invalid", "/Statement/0/Condition/BinaryEquals/aws:x"},
        DiagnosticCase{"ConditionValueEmptyArray",
                       WithCondition(R"({"StringEquals": {"aws:SourceAccount": []}})"), kId,
                       "condition-value-missing",
                       "/Statement/0/Condition/StringEquals/aws:SourceAccount"},
        DiagnosticCase{"ConditionKeyPointerEscaped",
                       WithCondition(R"({"StringEquals": {"aws:ResourceTag/a~b": []}})"), kId,
                       "condition-value-missing",
                       "/Statement/0/Condition/StringEquals/aws:ResourceTag~1a~0b"}),
    CaseName());

INSTANTIATE_TEST_SUITE_P(
    Warnings, ParsePolicyDiagnosticTest,
    testing::Values(
        DiagnosticCase{"VersionMissing",
                       R"({"Statement": [{"Effect": "Allow", "Action": "*",
                                                             "Resource": "*"}]})",
                       kId, "policy-version-missing", "", Severity::kWarning},
        DiagnosticCase{"SidNotAlphanumeric",
                       Identity(std::string(R"("Sid": "allow-all", )") + kAllowAll), kId,
                       "sid-not-alphanumeric", "/Statement/0/Sid", Severity::kWarning},
        DiagnosticCase{
            "NotPrincipalWithAllow",
            Resource(std::string(kRbpBase) + R"(, "NotPrincipal": {"AWS": "111122223333"})"), kRes,
            "not-principal-with-allow", "/Statement/0/NotPrincipal", Severity::kWarning},
        DiagnosticCase{
            "PrincipalUniqueId",
            Resource(std::string(kRbpBase) + R"(, "Principal": {"AWS": "AROAEXAMPLEID1234"})"),
            kRes, "principal-unique-id", "/Statement/0/Principal/AWS", Severity::kWarning},
        DiagnosticCase{"VariableInBool",
                       WithCondition(R"({"Bool": {"aws:SecureTransport": "${aws:x}"}})"), kId,
                       "variable-in-bool", "/Statement/0/Condition/Bool/aws:SecureTransport",
                       Severity::kWarning}),
    CaseName());

TEST(ParsePolicyTest, StatementLimitExceeded) {
  Json doc = {{"Version", "2012-10-17"}, {"Statement", Json::array()}};
  for (size_t i = 0; i <= limits::kMaxStatementsPerPolicy; ++i) {
    doc["Statement"].push_back({{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}});
  }
  Diagnostics diags;
  ParsePolicy(doc, PolicyKind::kIdentity, "identity:t", "t", "", diags);
  EXPECT_TRUE(HasDiagnostic(diags, "limit-exceeded", "/Statement", Severity::kError))
      << Codes(diags);
}

TEST(ParsePolicyTest, PatternLimitExceeded) {
  std::string action = "lambda:" + std::string(limits::kMaxPatternBytes, 'a');
  Json doc = {{"Version", "2012-10-17"},
              {"Statement", {{{"Effect", "Allow"}, {"Action", action}, {"Resource", "*"}}}}};
  Diagnostics diags;
  ParsePolicy(doc, PolicyKind::kIdentity, "identity:t", "t", "", diags);
  EXPECT_TRUE(HasDiagnostic(diags, "limit-exceeded", "/Statement/0/Action", Severity::kError))
      << Codes(diags);
}

TEST(ParsePolicyTest, PointersArePrefixedWithTheDocumentPointer) {
  Json doc = Json::parse(Identity(R"("Effect": "allow", "Action": "*", "Resource": "*")"));
  Diagnostics diags;
  ParsePolicy(doc, PolicyKind::kIdentity, "identity:t", "t", "/caller/identityPolicies/0/document",
              diags);
  EXPECT_TRUE(HasDiagnostic(diags, "effect-invalid",
                            "/caller/identityPolicies/0/document/Statement/0/Effect",
                            Severity::kError))
      << Codes(diags);
}

// Warnings that must not appear where they do not apply.
TEST(ParsePolicyTest, SidCharactersAreFreeInResourcePolicies) {
  Parsed p = Parse(
      Resource(std::string(R"("Sid": "lambda-invoke_1", "Principal": "*", )") + kRbpBase), kRes);
  EXPECT_TRUE(p.diagnostics.empty()) << Codes(p.diagnostics);
}

TEST(ParsePolicyTest, ValidDocumentsHaveNoDiagnostics) {
  for (const std::string& doc :
       {Identity(kAllowAll), Identity(R"("Effect": "Deny", "NotAction": ["lambda:AddPermission"],
                    "NotResource": "arn:aws:lambda:*:*:function:intern-*")"),
        std::string(
            R"({"Version": "2008-10-17", "Statement": [{"Effect": "Allow",
                        "Action": "*", "Resource": "*"}]})")}) {
    Parsed p = Parse(doc);
    EXPECT_TRUE(p.diagnostics.empty()) << doc << "\n" << Codes(p.diagnostics);
  }
}

// ---- Normalisation (spec §1.1)
// -------------------------------------------------------------

TEST(ParsePolicyTest, StatementObjectEqualsOneElementArray) {
  Parsed object = Parse(R"({"Version": "2012-10-17",
                            "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}})");
  Parsed array = Parse(R"({"Version": "2012-10-17",
                           "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]})");
  ASSERT_FALSE(HasErrors(object.diagnostics)) << Codes(object.diagnostics);
  ASSERT_FALSE(HasErrors(array.diagnostics)) << Codes(array.diagnostics);
  ASSERT_EQ(object.policy.statements.size(), 1u);
  ASSERT_EQ(array.policy.statements.size(), 1u);
  EXPECT_EQ(object.policy.statements[0].pointer, "/Statement");
  EXPECT_EQ(array.policy.statements[0].pointer, "/Statement/0");
  EXPECT_EQ(object.policy.statements[0].effect, Effect::kDeny);
  EXPECT_EQ(object.policy.statements[0].actions, array.policy.statements[0].actions);
  EXPECT_EQ(object.policy.statements[0].resources, array.policy.statements[0].resources);
}

TEST(ParsePolicyTest, StatementsKeepTheirIndex) {
  Parsed p = Parse(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "*", "Resource": "*"},
      {"Sid": "Two", "Effect": "Deny", "Action": "*", "Resource": "*"}]})");
  ASSERT_EQ(p.policy.statements.size(), 2u);
  EXPECT_EQ(p.policy.statements[1].index, 1);
  EXPECT_TRUE(p.policy.statements[1].has_sid);
  EXPECT_EQ(p.policy.statements[1].sid, "Two");
  EXPECT_FALSE(p.policy.statements[0].has_sid);
}

TEST(ParsePolicyTest, EmptyStatementArrayIsValid) {
  Parsed p = Parse(R"({"Version": "2012-10-17", "Statement": []})");
  EXPECT_FALSE(HasErrors(p.diagnostics)) << Codes(p.diagnostics);
  EXPECT_TRUE(p.policy.statements.empty());
}

TEST(ParsePolicyTest, ScalarsBecomeLists) {
  Parsed scalar = Parse(Identity(
      R"("Effect": "Allow", "Action": "lambda:Get*", "Resource": "arn:aws:lambda:*:*:function:f")"));
  Parsed list = Parse(Identity(
      R"("Effect": "Allow", "Action": ["lambda:Get*"], "Resource": ["arn:aws:lambda:*:*:function:f"])"));
  ASSERT_EQ(scalar.policy.statements.size(), 1u);
  ASSERT_EQ(list.policy.statements.size(), 1u);
  const Statement& s = scalar.policy.statements[0];
  EXPECT_EQ(s.actions, std::vector<std::string>{"lambda:Get*"});
  EXPECT_EQ(s.resources, std::vector<std::string>{"arn:aws:lambda:*:*:function:f"});
  EXPECT_EQ(s.actions, list.policy.statements[0].actions);
  EXPECT_EQ(s.resources, list.policy.statements[0].resources);
  EXPECT_EQ(s.action_pointer, "/Statement/0/Action");
  EXPECT_EQ(s.resource_pointer, "/Statement/0/Resource");
  EXPECT_FALSE(s.not_action);
  EXPECT_TRUE(s.has_resource);
}

TEST(ParsePolicyTest, NotActionAndNotResourceAreFlagged) {
  Parsed p = Parse(Identity(R"("Effect": "Deny", "NotAction": "lambda:Get*",
                               "NotResource": ["arn:aws:lambda:*:*:function:f"])"));
  ASSERT_EQ(p.policy.statements.size(), 1u);
  const Statement& s = p.policy.statements[0];
  EXPECT_TRUE(s.not_action);
  EXPECT_TRUE(s.not_resource);
  EXPECT_EQ(s.action_pointer, "/Statement/0/NotAction");
  EXPECT_EQ(s.resource_pointer, "/Statement/0/NotResource");
}

TEST(ParsePolicyTest, VersionSetsVariables) {
  Parsed v2012 = Parse(Identity(kAllowAll));
  Parsed v2008 = Parse(R"({"Version": "2008-10-17", "Statement": []})");
  Parsed none = Parse(R"({"Statement": []})");
  EXPECT_EQ(v2012.policy.version, "2012-10-17");
  EXPECT_TRUE(v2012.policy.variables_enabled);
  EXPECT_EQ(v2008.policy.version, "2008-10-17");
  EXPECT_FALSE(v2008.policy.variables_enabled);
  EXPECT_EQ(none.policy.version, "");
  EXPECT_FALSE(none.policy.variables_enabled);
}

TEST(ParsePolicyTest, PrincipalForms) {
  Parsed p = Parse(Resource(std::string(kRbpBase) + R"(, "Principal": {
      "AWS": ["111122223333", "arn:aws:iam::444455556666:role/team/Dev"],
      "Service": "s3.amazonaws.com"})"),
                   kRes);
  ASSERT_FALSE(HasErrors(p.diagnostics)) << Codes(p.diagnostics);
  const Statement& s = p.policy.statements[0];
  EXPECT_TRUE(s.has_principal);
  EXPECT_FALSE(s.not_principal);
  ASSERT_EQ(s.principals.size(), 3u);
  EXPECT_EQ(s.principals[0].type, "AWS");
  EXPECT_EQ(s.principals[0].value, "111122223333");
  EXPECT_EQ(s.principals[0].pointer, "/Statement/0/Principal/AWS/0");
  EXPECT_EQ(s.principals[1].value, "arn:aws:iam::444455556666:role/team/Dev");
  EXPECT_EQ(s.principals[2].type, "Service");
  EXPECT_EQ(s.principals[2].pointer, "/Statement/0/Principal/Service");

  Parsed star = Parse(Resource(std::string(kRbpBase) + R"(, "Principal": "*")"), kRes);
  ASSERT_EQ(star.policy.statements[0].principals.size(), 1u);
  EXPECT_EQ(star.policy.statements[0].principals[0].type, "*");
  EXPECT_EQ(star.policy.statements[0].principals[0].value, "*");
}

TEST(ParsePolicyTest, RcpAcceptsStarPrincipal) {
  Parsed p = Parse(Identity(R"("Effect": "Deny", "Action": "s3:*", "Resource": "*",
                               "Principal": "*")"),
                   PolicyKind::kRcp);
  EXPECT_FALSE(HasErrors(p.diagnostics)) << Codes(p.diagnostics);
}

// spec §1.1: quotes are optional for numbers and booleans in condition values.
TEST(ParsePolicyTest, ConditionNumbersAndBooleansKeepTheirText) {
  Parsed p = Parse(WithCondition(R"({
      "Bool": {"aws:SecureTransport": false},
      "NumericLessThan": {"s3:max-keys": 10},
      "NumericGreaterThan": {"aws:MultiFactorAuthAge": [1.5, "2"]},
      "StringEquals": {"aws:SourceAccount": "111122223333"}})"));
  ASSERT_FALSE(HasErrors(p.diagnostics)) << Codes(p.diagnostics);
  const std::vector<ConditionEntry>& c = p.policy.statements[0].conditions;
  ASSERT_EQ(c.size(), 4u);
  // Object members come in no particular order: look the entries up by
  // operator.
  auto find = [&](const std::string& op) -> const ConditionEntry& {
    for (const ConditionEntry& e : c) {
      if (e.operator_text == op) return e;
    }
    ADD_FAILURE() << "no entry for " << op;
    return c.front();
  };
  EXPECT_EQ(find("Bool").op, ConditionOperator::kBool);
  EXPECT_EQ(find("Bool").values, std::vector<std::string>{"false"});
  EXPECT_EQ(find("NumericLessThan").op, ConditionOperator::kNumericLessThan);
  EXPECT_EQ(find("NumericLessThan").values, std::vector<std::string>{"10"});
  EXPECT_EQ(find("NumericGreaterThan").values, (std::vector<std::string>{"1.5", "2"}));
  const ConditionEntry& s = find("StringEquals");
  EXPECT_EQ(s.values, std::vector<std::string>{"111122223333"});
  EXPECT_EQ(s.key, "aws:SourceAccount");
  EXPECT_EQ(s.pointer, "/Statement/0/Condition/StringEquals/aws:SourceAccount");
}

TEST(ParsePolicyTest, ConditionKeysUnderOneOperatorAreSeparateEntries) {
  Parsed p = Parse(WithCondition(R"({"StringEquals": {"aws:SourceAccount": "1",
                                                      "lambda:FunctionUrlAuthType": ["NONE"]}})"));
  ASSERT_FALSE(HasErrors(p.diagnostics)) << Codes(p.diagnostics);
  const std::vector<ConditionEntry>& c = p.policy.statements[0].conditions;
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].operator_text, "StringEquals");
  EXPECT_EQ(c[1].operator_text, "StringEquals");
}

// ---- Operator names (spec §1.4, §2.3, §2.4)
// ------------------------------------------------

struct OperatorCase {
  std::string name;
  std::string text;
  std::string code;  // "" = valid
  ConditionOperator op = ConditionOperator::kStringEquals;
  SetQualifier qualifier = SetQualifier::kNone;
  bool if_exists = false;
};

class ParseConditionOperatorTest : public testing::TestWithParam<OperatorCase> {};

TEST_P(ParseConditionOperatorTest, Parses) {
  const OperatorCase& c = GetParam();
  ConditionEntry entry;
  EXPECT_EQ(ParseConditionOperator(c.text, entry), c.code);
  if (!c.code.empty()) return;
  EXPECT_EQ(entry.op, c.op);
  EXPECT_EQ(entry.qualifier, c.qualifier);
  EXPECT_EQ(entry.if_exists, c.if_exists);
}

using Op = ConditionOperator;
using Q = SetQualifier;

INSTANTIATE_TEST_SUITE_P(
    Operators, ParseConditionOperatorTest,
    testing::Values(OperatorCase{"StringEquals", "StringEquals", "", Op::kStringEquals},
                    OperatorCase{"StringNotEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "",
                                 Op::kStringNotEqualsIgnoreCase},
                    OperatorCase{"NumericGreaterThanEquals", "NumericGreaterThanEquals", "",
                                 Op::kNumericGreaterThanEquals},
                    OperatorCase{"DateNotEquals", "DateNotEquals", "", Op::kDateNotEquals},
                    OperatorCase{"Bool", "Bool", "", Op::kBool},
                    OperatorCase{"BinaryEquals", "BinaryEquals", "", Op::kBinaryEquals},
                    OperatorCase{"NotIpAddress", "NotIpAddress", "", Op::kNotIpAddress},
                    OperatorCase{"ArnNotLike", "ArnNotLike", "", Op::kArnNotLike},
                    OperatorCase{"Null", "Null", "", Op::kNull},
                    OperatorCase{"IfExists", "ArnLikeIfExists", "", Op::kArnLike, Q::kNone, true},
                    OperatorCase{"NegatedIfExists", "StringNotEqualsIfExists", "",
                                 Op::kStringNotEquals, Q::kNone, true},
                    OperatorCase{"ForAllValues", "ForAllValues:StringLike", "", Op::kStringLike,
                                 Q::kForAllValues},
                    OperatorCase{"ForAnyValue", "ForAnyValue:StringNotEquals", "",
                                 Op::kStringNotEquals, Q::kForAnyValue},
                    OperatorCase{"SetAndIfExists", "ForAllValues:StringLikeIfExists", "",
                                 Op::kStringLike, Q::kForAllValues, true},
                    OperatorCase{"LowerCaseName", "stringEquals", "condition-operator-unknown"},
                    OperatorCase{"UpperCaseName", "STRINGEQUALS", "condition-operator-unknown"},
                    OperatorCase{"Empty", "", "condition-operator-unknown"},
                    OperatorCase{"OnlyIfExists", "IfExists", "condition-operator-unknown"},
                    OperatorCase{"DoubleIfExists", "StringEqualsIfExistsIfExists",
                                 "condition-operator-unknown"},
                    OperatorCase{"SetWithoutOperator",
                                 "ForAllValues:", "condition-operator-unknown"},
                    OperatorCase{"SetPrefixMisCased", "ForAnyvalue:StringEquals",
                                 "condition-set-prefix-unknown"},
                    OperatorCase{"SetPrefixWithoutColonSuffix", "ForAllValuesStringEquals",
                                 "condition-operator-unknown"},
                    OperatorCase{"NullIfExists", "NullIfExists", "condition-null-ifexists"}),
    CaseName());

TEST(ConditionOperatorNameTest, BaseNames) {
  EXPECT_STREQ(ConditionOperatorName(ConditionOperator::kStringLike), "StringLike");
  EXPECT_STREQ(ConditionOperatorName(ConditionOperator::kNull), "Null");
  EXPECT_STREQ(ConditionOperatorName(ConditionOperator::kNotIpAddress), "NotIpAddress");
}

}  // namespace
}  // namespace policylab
