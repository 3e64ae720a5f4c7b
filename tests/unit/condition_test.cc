// Condition evaluation (core/match_statement.h EvaluateCondition): the §2.2
// missing-key table, the §2.4 set operators, multi-value OR/AND (§2.1),
// IfExists, Null and every operator family of §2.3. Conditions are built
// through ParsePolicy + CompilePolicy from a small policy document, exactly as
// the engine builds them.
#include <gtest/gtest.h>

#include <iterator>
#include <memory>
#include <string>

#include "core/compile.h"
#include "core/condition_operator.h"
#include "core/context.h"
#include "core/match_statement.h"
#include "core/parse_policy.h"

namespace policylab {
namespace {

struct CaseName {
  template <typename T>
  std::string operator()(const testing::TestParamInfo<T>& p) const {
    return p.param.name;
  }
};

// A request context from a JSON object: strings, numbers and booleans are
// single-valued keys, arrays are multivalued keys (possibly empty).
RequestContext ContextFrom(const std::string& json) {
  RequestContext ctx;
  const Json parsed = Json::parse(json);
  for (const auto& [key, value] : parsed.items()) {
    if (value.is_array()) {
      std::vector<std::string> list;
      for (const Json& v : value) list.push_back(v.get<std::string>());
      ctx.SetList(key, std::move(list));
    } else if (value.is_string()) {
      ctx.Set(key, value.get<std::string>());
    } else {
      ctx.Set(key, value.dump());
    }
  }
  return ctx;
}

// Compiles {"Condition": condition} in an Allow-everything identity statement.
std::shared_ptr<const CompiledPolicy> CompileCondition(const std::string& condition,
                                                       const std::string& version) {
  std::string doc = R"({"Version": ")" + version +
                    R"(", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                       "Condition": )" +
                    condition + "}]}";
  Diagnostics diags;
  Policy p = ParsePolicy(Json::parse(doc), PolicyKind::kIdentity, "identity:t", "t", "", diags);
  for (const Diagnostic& d : diags) {
    EXPECT_NE(d.severity, Severity::kError) << d.code << " at " << d.pointer << ": " << d.message;
  }
  return CompilePolicy(std::move(p));
}

struct ConditionCase {
  std::string name;
  std::string condition;  // one operator with one key
  std::string context;    // JSON object
  bool want;
  std::string version = "2012-10-17";
};

class EvaluateConditionTest : public testing::TestWithParam<ConditionCase> {};

TEST_P(EvaluateConditionTest, Evaluates) {
  const ConditionCase& c = GetParam();
  std::shared_ptr<const CompiledPolicy> policy = CompileCondition(c.condition, c.version);
  ASSERT_EQ(policy->statements.size(), 1u);
  ASSERT_EQ(policy->statements[0].conditions.size(), 1u);
  const CompiledCondition& cc = policy->statements[0].conditions[0];
  const ConditionEntry& entry = policy->source.statements[0].conditions[cc.entry];
  RequestContext ctx = ContextFrom(c.context);
  std::string detail;
  EXPECT_EQ(EvaluateCondition(cc, entry, ctx, &detail), c.want) << detail;
  EXPECT_FALSE(detail.empty());
  // Without a detail sink the answer is the same.
  EXPECT_EQ(EvaluateCondition(cc, entry, ctx, nullptr), c.want);
}

// ---- spec §2.2: key absent from the context
// --------------------------------------------------

INSTANTIATE_TEST_SUITE_P(
    MissingKey, EvaluateConditionTest,
    testing::Values(
        // Positive operators: false.
        ConditionCase{"StringEquals", R"({"StringEquals": {"aws:SourceAccount": "1"}})", "{}",
                      false},
        ConditionCase{"StringEqualsIgnoreCase",
                      R"({"StringEqualsIgnoreCase": {"aws:SourceAccount": "a"}})", "{}", false},
        ConditionCase{"StringLike", R"({"StringLike": {"aws:SourceAccount": "*"}})", "{}", false},
        ConditionCase{"NumericEquals", R"({"NumericEquals": {"s3:max-keys": "1"}})", "{}", false},
        ConditionCase{"NumericLessThan", R"({"NumericLessThan": {"s3:max-keys": "1"}})", "{}",
                      false},
        ConditionCase{"NumericGreaterThanEquals",
                      R"({"NumericGreaterThanEquals": {"s3:max-keys": "1"}})", "{}", false},
        ConditionCase{"DateEquals", R"({"DateEquals": {"aws:TokenIssueTime": "2020-01-01"}})", "{}",
                      false},
        ConditionCase{"DateLessThan",
                      R"({"DateLessThan": {"aws:TokenIssueTime": "2020-01-01T00:00:00Z"}})", "{}",
                      false},
        ConditionCase{"Bool", R"({"Bool": {"aws:MultiFactorAuthPresent": "false"}})", "{}", false},
        ConditionCase{"BinaryEquals", R"({"BinaryEquals": {"aws:x": "QmluYXJ5"}})", "{}", false},
        ConditionCase{"IpAddress", R"({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})", "{}", false},
        ConditionCase{"ArnEquals", R"({"ArnEquals": {"aws:SourceArn": "arn:*:*:*:*:*"}})", "{}",
                      false},
        ConditionCase{"ArnLike", R"({"ArnLike": {"aws:SourceArn": "arn:*:*:*:*:*"}})", "{}", false},
        // Negated operators: true.
        ConditionCase{"StringNotEquals", R"({"StringNotEquals": {"aws:SourceAccount": "1"}})", "{}",
                      true},
        ConditionCase{"StringNotEqualsIgnoreCase",
                      R"({"StringNotEqualsIgnoreCase": {"aws:SourceAccount": "a"}})", "{}", true},
        ConditionCase{"StringNotLike", R"({"StringNotLike": {"aws:SourceAccount": "*"}})", "{}",
                      true},
        ConditionCase{"NumericNotEquals", R"({"NumericNotEquals": {"s3:max-keys": "1"}})", "{}",
                      true},
        ConditionCase{"DateNotEquals", R"({"DateNotEquals": {"aws:TokenIssueTime": "2020-01-01"}})",
                      "{}", true},
        ConditionCase{"ArnNotEquals", R"({"ArnNotEquals": {"aws:SourceArn": "arn:aws:s3:::b"}})",
                      "{}", true},
        ConditionCase{"ArnNotLike", R"({"ArnNotLike": {"aws:SourceArn": "arn:aws:s3:::b"}})", "{}",
                      true},
        ConditionCase{"NotIpAddress", R"({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})", "{}",
                      true},
        // ...IfExists: true, for positive and negated operators alike (T38).
        ConditionCase{"StringEqualsIfExists",
                      R"({"StringEqualsIfExists": {"aws:SourceAccount": "1"}})", "{}", true},
        ConditionCase{"StringNotEqualsIfExists",
                      R"({"StringNotEqualsIfExists": {"aws:SourceAccount": "1"}})", "{}", true},
        ConditionCase{"NumericLessThanIfExists",
                      R"({"NumericLessThanIfExists": {"s3:max-keys": "1"}})", "{}", true},
        ConditionCase{"ArnLikeIfExists",
                      R"({"ArnLikeIfExists": {"aws:SourceArn": "arn:aws:s3:::b"}})", "{}", true},
        ConditionCase{"BoolIfExists", R"({"BoolIfExists": {"aws:SecureTransport": "true"}})", "{}",
                      true},
        // Null.
        ConditionCase{"NullTrueAbsent", R"({"Null": {"aws:SourceAccount": "true"}})", "{}", true},
        ConditionCase{"NullFalseAbsent", R"({"Null": {"aws:SourceAccount": "false"}})", "{}",
                      false},
        // Set operators: ForAllValues true, ForAnyValue false.
        ConditionCase{"ForAllValues", R"({"ForAllValues:StringEquals": {"aws:TagKeys": "a"}})",
                      "{}", true},
        ConditionCase{"ForAllValuesNegated",
                      R"({"ForAllValues:StringNotEquals": {"aws:TagKeys": "a"}})", "{}", true},
        ConditionCase{"ForAnyValue", R"({"ForAnyValue:StringEquals": {"aws:TagKeys": "a"}})", "{}",
                      false},
        ConditionCase{"ForAnyValueNegated",
                      R"({"ForAnyValue:StringNotEquals": {"aws:TagKeys": "a"}})", "{}", false},
        ConditionCase{"ForAnyValueIfExists",
                      R"({"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "a"}})", "{}", false},
        // Key names are case-insensitive: the key is present (spec §1.4, T48).
        ConditionCase{"KeyCaseInsensitive",
                      R"({"StringEquals": {"AWS:SourceArn": "arn:aws:s3:::b"}})",
                      R"({"aws:sourcearn": "arn:aws:s3:::b"})", true},
        ConditionCase{"NullKeyCaseInsensitive", R"({"Null": {"AWS:SOURCEACCOUNT": "true"}})",
                      R"({"aws:SourceAccount": "1"})", false}),
    CaseName());

// ---- IfExists and Null with the key present
// ------------------------------------------------

INSTANTIATE_TEST_SUITE_P(
    KeyPresent, EvaluateConditionTest,
    testing::Values(
        ConditionCase{"IfExistsEvaluatesLikeBaseMatch",
                      R"({"StringEqualsIfExists": {"aws:SourceAccount": "1"}})",
                      R"({"aws:SourceAccount": "1"})", true},
        ConditionCase{"IfExistsEvaluatesLikeBaseMismatch",
                      R"({"StringEqualsIfExists": {"aws:SourceAccount": "1"}})",
                      R"({"aws:SourceAccount": "2"})", false},
        ConditionCase{"NegatedIfExistsPresentEqual",
                      R"({"StringNotEqualsIfExists": {"aws:SourceAccount": "1"}})",
                      R"({"aws:SourceAccount": "1"})", false},
        ConditionCase{"NullTruePresent", R"({"Null": {"aws:SourceAccount": "true"}})",
                      R"({"aws:SourceAccount": "1"})", false},
        ConditionCase{"NullFalsePresent", R"({"Null": {"aws:SourceAccount": false}})",
                      R"({"aws:SourceAccount": "1"})", true},
        ConditionCase{"NullFalsePresentMultivalued", R"({"Null": {"lambda:Layer": "false"}})",
                      R"({"lambda:Layer": ["arn:aws:lambda:us-east-1:1:layer:x:1"]})", true},
        ConditionCase{"NullTrueEmptySetCountsAsAbsent", R"({"Null": {"aws:TagKeys": "true"}})",
                      R"({"aws:TagKeys": []})", true},
        ConditionCase{"NullPresentEmptyString", R"({"Null": {"aws:SourceAccount": "false"}})",
                      R"({"aws:SourceAccount": ""})", true}),
    CaseName());

// ---- spec §2.4: set operators
// -----------------------------------------------------------------

INSTANTIATE_TEST_SUITE_P(
    SetOperators, EvaluateConditionTest,
    testing::Values(
        ConditionCase{"ForAllValuesSubset",
                      R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["project", "team"]}})",
                      R"({"aws:TagKeys": ["project"]})", true},
        ConditionCase{"ForAllValuesEqualSet",
                      R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["project", "team"]}})",
                      R"({"aws:TagKeys": ["team", "project"]})", true},
        ConditionCase{"ForAllValuesOneOutside",
                      R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["project", "team"]}})",
                      R"({"aws:TagKeys": ["project", "cost"]})", false},
        ConditionCase{"ForAllValuesEmptySet",
                      R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["project"]}})",
                      R"({"aws:TagKeys": []})", true},
        ConditionCase{"ForAllValuesStringLikeLayerInAccount",
                      R"({"ForAllValues:StringLike":
                           {"lambda:Layer": ["arn:aws:lambda:*:111122223333:layer:*:*"]}})",
                      R"({"lambda:Layer": ["arn:aws:lambda:us-east-1:111122223333:layer:x:3"]})",
                      true},
        ConditionCase{"ForAllValuesStringLikeLayerOutside",  // T40
                      R"({"ForAllValues:StringLike":
                           {"lambda:Layer": ["arn:aws:lambda:*:111122223333:layer:*:*"]}})",
                      R"({"lambda:Layer": ["arn:aws:lambda:us-east-1:111122223333:layer:a:1",
                                           "arn:aws:lambda:us-east-1:444455556666:layer:x:3"]})",
                      false},
        ConditionCase{"ForAnyValueOneMatches",
                      R"({"ForAnyValue:StringEquals": {"lambda:SubnetIds": ["subnet-1"]}})",
                      R"({"lambda:SubnetIds": ["subnet-2", "subnet-1"]})", true},
        ConditionCase{"ForAnyValueNoneMatches",
                      R"({"ForAnyValue:StringEquals": {"lambda:SubnetIds": ["subnet-1"]}})",
                      R"({"lambda:SubnetIds": ["subnet-2", "subnet-3"]})", false},
        ConditionCase{"ForAnyValueEmptySet",
                      R"({"ForAnyValue:StringEquals": {"lambda:SubnetIds": ["subnet-1"]}})",
                      R"({"lambda:SubnetIds": []})", false},
        ConditionCase{"ForAllValuesNotEqualsNoneListed",
                      R"({"ForAllValues:StringNotEquals": {"aws:TagKeys": ["secret"]}})",
                      R"({"aws:TagKeys": ["a", "b"]})", true},
        ConditionCase{"ForAllValuesNotEqualsOneListed",
                      R"({"ForAllValues:StringNotEquals": {"aws:TagKeys": ["secret", "x"]}})",
                      R"({"aws:TagKeys": ["a", "secret"]})", false},
        ConditionCase{"ForAllValuesNotEqualsEmptySet",
                      R"({"ForAllValues:StringNotEquals": {"aws:TagKeys": ["secret"]}})",
                      R"({"aws:TagKeys": []})", true},
        ConditionCase{"ForAnyValueNotEqualsOneUnlisted",
                      R"({"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["a"]}})",
                      R"({"aws:TagKeys": ["a", "b"]})", true},
        ConditionCase{"ForAnyValueNotEqualsAllListed",
                      R"({"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["a", "b"]}})",
                      R"({"aws:TagKeys": ["b", "a"]})", false},
        ConditionCase{"ForAnyValueNotLike",
                      R"({"ForAnyValue:StringNotLike": {"aws:TagKeys": ["team-*"]}})",
                      R"({"aws:TagKeys": ["team-a", "cost"]})", true},
        ConditionCase{"ForAllValuesOnSingleValuedKey",
                      R"({"ForAllValues:StringEquals": {"aws:SourceAccount": ["1", "2"]}})",
                      R"({"aws:SourceAccount": "2"})", true},
        ConditionCase{"ForAnyValueOnSingleValuedKey",
                      R"({"ForAnyValue:StringEquals": {"aws:SourceAccount": "1"}})",
                      R"({"aws:SourceAccount": "2"})", false},
        // spec §2.4 [UNSURE]: plain operators on a multivalued key act on the
        // set.
        ConditionCase{"PlainPositiveOnSetIsAnyValue",
                      R"({"StringEquals": {"aws:TagKeys": "project"}})",
                      R"({"aws:TagKeys": ["cost", "project"]})", true},
        ConditionCase{"PlainNegatedOnSetNoneListed",
                      R"({"StringNotEquals": {"aws:TagKeys": "project"}})",
                      R"({"aws:TagKeys": ["cost", "team"]})", true},
        ConditionCase{"PlainNegatedOnSetOneListed",
                      R"({"StringNotEquals": {"aws:TagKeys": "project"}})",
                      R"({"aws:TagKeys": ["cost", "project"]})", false}),
    CaseName());

// ---- spec §2.1: several values for one key
// --------------------------------------------------

INSTANTIATE_TEST_SUITE_P(
    MultipleValues, EvaluateConditionTest,
    testing::Values(
        ConditionCase{"PositiveIsOr",
                      R"({"StringEquals": {"aws:PrincipalAccount": ["111122223333",
                                                                   "444455556666"]}})",
                      R"({"aws:PrincipalAccount": "444455556666"})", true},
        ConditionCase{"PositiveNoneEqual",
                      R"({"StringEquals": {"aws:PrincipalAccount": ["111122223333",
                                                                   "444455556666"]}})",
                      R"({"aws:PrincipalAccount": "777788889999"})", false},
        ConditionCase{"NegatedIsAndListed",  // T53
                      R"({"StringNotEquals": {"aws:PrincipalAccount": ["111122223333",
                                                                      "444455556666"]}})",
                      R"({"aws:PrincipalAccount": "444455556666"})", false},
        ConditionCase{"NegatedIsAndUnlisted",
                      R"({"StringNotEquals": {"aws:PrincipalAccount": ["111122223333",
                                                                      "444455556666"]}})",
                      R"({"aws:PrincipalAccount": "777788889999"})", true},
        ConditionCase{"NotIpAddressIsAnd",
                      R"({"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}})",
                      R"({"aws:SourceIp": "192.168.1.1"})", false},
        ConditionCase{"ArnNotLikeIsAnd",
                      R"({"ArnNotLike": {"aws:SourceArn": ["arn:aws:s3:::a", "arn:aws:s3:::b*"]}})",
                      R"({"aws:SourceArn": "arn:aws:s3:::bkt"})", false},
        ConditionCase{"NumericNotEqualsIsAnd",
                      R"({"NumericNotEquals": {"s3:max-keys": ["1", "2"]}})",
                      R"({"s3:max-keys": "3"})", true},
        ConditionCase{"DateNotEqualsIsAnd",
                      R"({"DateNotEquals": {"aws:TokenIssueTime": ["2020-01-01T00:00:00Z",
                                                                   "2021-01-01T00:00:00Z"]}})",
                      R"({"aws:TokenIssueTime": "2021-01-01T00:00:00Z"})", false}),
    CaseName());

// ---- spec §2.3: operator families
// -------------------------------------------------------------

INSTANTIATE_TEST_SUITE_P(
    Strings, EvaluateConditionTest,
    testing::Values(
        ConditionCase{"EqualsExact", R"({"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}})",
                      R"({"lambda:FunctionUrlAuthType": "NONE"})", true},
        ConditionCase{"EqualsCaseSensitive",
                      R"({"StringEquals": {"lambda:FunctionUrlAuthType": "none"}})",
                      R"({"lambda:FunctionUrlAuthType": "NONE"})", false},
        ConditionCase{"EqualsStarIsLiteral",  // T51
                      R"({"StringEquals": {"lambda:FunctionUrlAuthType": "*"}})",
                      R"({"lambda:FunctionUrlAuthType": "NONE"})", false},
        ConditionCase{"EqualsStarMatchesStar",
                      R"({"StringEquals": {"lambda:FunctionUrlAuthType": "*"}})",
                      R"({"lambda:FunctionUrlAuthType": "*"})", true},
        ConditionCase{"NotEqualsDifferent", R"({"StringNotEquals": {"aws:SourceAccount": "1"}})",
                      R"({"aws:SourceAccount": "2"})", true},
        ConditionCase{"EqualsIgnoreCase",
                      R"({"StringEqualsIgnoreCase": {"lambda:FunctionUrlAuthType": "none"}})",
                      R"({"lambda:FunctionUrlAuthType": "NONE"})", true},
        ConditionCase{"NotEqualsIgnoreCase",
                      R"({"StringNotEqualsIgnoreCase": {"lambda:FunctionUrlAuthType": "none"}})",
                      R"({"lambda:FunctionUrlAuthType": "NoNe"})", false},
        ConditionCase{"LikeStar", R"({"StringLike": {"aws:userid": "AIDA*"}})",
                      R"({"aws:userid": "AIDAEXAMPLE"})", true},
        ConditionCase{"LikeQuestion", R"({"StringLike": {"aws:userid": "a?c"}})",
                      R"({"aws:userid": "abc"})", true},
        ConditionCase{"LikeQuestionNeedsOneChar", R"({"StringLike": {"aws:userid": "a?c"}})",
                      R"({"aws:userid": "ac"})", false},
        ConditionCase{"LikeNeedsWildcardForPartial", R"({"StringLike": {"aws:userid": "AIDA"}})",
                      R"({"aws:userid": "AIDAEXAMPLE"})", false},
        ConditionCase{"LikeCaseSensitive", R"({"StringLike": {"aws:userid": "aida*"}})",
                      R"({"aws:userid": "AIDAEXAMPLE"})", false},
        ConditionCase{"NotLikeMatch", R"({"StringNotLike": {"aws:userid": "AIDA*"}})",
                      R"({"aws:userid": "AIDAEXAMPLE"})", false},
        ConditionCase{"LikeEscapedStar", R"({"StringLike": {"aws:userid": "a${*}"}})",
                      R"({"aws:userid": "ab"})", false},
        ConditionCase{"LikeEscapedStarLiteral", R"({"StringLike": {"aws:userid": "a${*}"}})",
                      R"({"aws:userid": "a*"})", true}),
    CaseName());

INSTANTIATE_TEST_SUITE_P(
    Numbers, EvaluateConditionTest,
    testing::Values(
        ConditionCase{"EqualsTrailingZeros", R"({"NumericEquals": {"s3:max-keys": "10"}})",
                      R"({"s3:max-keys": "10.0"})", true},
        ConditionCase{"EqualsDecimal", R"({"NumericEquals": {"s3:max-keys": 0.1}})",
                      R"({"s3:max-keys": "0.10"})", true},
        ConditionCase{"EqualsExponent", R"({"NumericEquals": {"s3:max-keys": "1e3"}})",
                      R"({"s3:max-keys": "1000"})", true},
        ConditionCase{"EqualsExactBeyondDouble",
                      R"({"NumericEquals": {"s3:max-keys": "9007199254740993"}})",
                      R"({"s3:max-keys": "9007199254740992"})", false},
        ConditionCase{"EqualsJsonNumber", R"({"NumericEquals": {"s3:max-keys": 10}})",
                      R"({"s3:max-keys": 10})", true},
        ConditionCase{"NotEqualsSame", R"({"NumericNotEquals": {"s3:max-keys": "5"}})",
                      R"({"s3:max-keys": "5"})", false},
        ConditionCase{"LessThan", R"({"NumericLessThan": {"s3:max-keys": "10"}})",
                      R"({"s3:max-keys": "9.99"})", true},
        ConditionCase{"LessThanEqualBoundary", R"({"NumericLessThan": {"s3:max-keys": "10"}})",
                      R"({"s3:max-keys": "10"})", false},
        ConditionCase{"LessThanEquals", R"({"NumericLessThanEquals": {"s3:max-keys": "10"}})",
                      R"({"s3:max-keys": "10"})", true},
        ConditionCase{"GreaterThan", R"({"NumericGreaterThan": {"s3:max-keys": "-1"}})",
                      R"({"s3:max-keys": "-0.5"})", true},
        ConditionCase{"GreaterThanBoundary", R"({"NumericGreaterThan": {"s3:max-keys": "10"}})",
                      R"({"s3:max-keys": "10"})", false},
        ConditionCase{"GreaterThanEqualsNegative",
                      R"({"NumericGreaterThanEquals": {"s3:max-keys": "-1"}})",
                      R"({"s3:max-keys": "-1"})", true},
        ConditionCase{"ContextNotANumber", R"({"NumericEquals": {"s3:max-keys": "1"}})",
                      R"({"s3:max-keys": "one"})", false},
        ConditionCase{"EpochTimeAsNumber",
                      R"({"NumericLessThan": {"aws:EpochTime": "1577836800"}})",
                      R"({"aws:EpochTime": "1577836799"})", true}),
    CaseName());

INSTANTIATE_TEST_SUITE_P(
    Dates, EvaluateConditionTest,
    testing::Values(
        // T55: ISO 8601 and epoch seconds are the same instant and give
        // identical answers.
        ConditionCase{"LessThanIso",
                      R"({"DateLessThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}})",
                      R"({"aws:CurrentTime": "2026-03-01T12:00:00Z"})", false},
        ConditionCase{"LessThanEpoch", R"({"DateLessThan": {"aws:CurrentTime": "1577836800"}})",
                      R"({"aws:CurrentTime": "2026-03-01T12:00:00Z"})", false},
        ConditionCase{"GreaterThanIso",
                      R"({"DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}})",
                      R"({"aws:CurrentTime": "2026-03-01T12:00:00Z"})", true},
        ConditionCase{"GreaterThanEpoch", R"({"DateGreaterThan": {"aws:CurrentTime": 1577836800}})",
                      R"({"aws:CurrentTime": "2026-03-01T12:00:00Z"})", true},
        ConditionCase{"EqualsIsoAndEpoch",
                      R"({"DateEquals": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}})",
                      R"({"aws:CurrentTime": "1577836800"})", true},
        ConditionCase{"EqualsAcrossZones",
                      R"({"DateEquals": {"aws:CurrentTime": "2020-01-01T02:00:00+02:00"}})",
                      R"({"aws:CurrentTime": "2020-01-01T00:00:00Z"})", true},
        ConditionCase{"EqualsFraction",
                      R"({"DateEquals": {"aws:CurrentTime": "2020-01-01T00:00:00.000Z"}})",
                      R"({"aws:CurrentTime": "2020-01-01T00:00:00Z"})", true},
        ConditionCase{"DateOnlyIsMidnight",
                      R"({"DateLessThanEquals": {"aws:CurrentTime": "2020-01-01"}})",
                      R"({"aws:CurrentTime": "2020-01-01T00:00:00Z"})", true},
        ConditionCase{"DateOnlyLessThan", R"({"DateLessThan": {"aws:CurrentTime": "2020-01-01"}})",
                      R"({"aws:CurrentTime": "2019-12-31T23:59:59Z"})", true},
        ConditionCase{"GreaterThanEqualsBoundary",
                      R"({"DateGreaterThanEquals": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}})",
                      R"({"aws:CurrentTime": "2020-01-01T00:00:00Z"})", true},
        ConditionCase{"NotEqualsDifferent",
                      R"({"DateNotEquals": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}})",
                      R"({"aws:CurrentTime": "2020-01-01T00:00:01Z"})", true},
        ConditionCase{"ContextNotADate",
                      R"({"DateLessThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}})",
                      R"({"aws:CurrentTime": "yesterday"})", false}),
    CaseName());

INSTANTIATE_TEST_SUITE_P(
    IpAddresses, EvaluateConditionTest,
    testing::Values(
        ConditionCase{"BareIpv4IsSlash32Match",  // T54
                      R"({"IpAddress": {"aws:SourceIp": ["203.0.113.7"]}})",
                      R"({"aws:SourceIp": "203.0.113.7"})", true},
        ConditionCase{"BareIpv4IsSlash32NoMatch",
                      R"({"IpAddress": {"aws:SourceIp": ["203.0.113.7"]}})",
                      R"({"aws:SourceIp": "203.0.113.8"})", false},
        ConditionCase{"Ipv4Cidr", R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
                      R"({"aws:SourceIp": "203.0.113.200"})", true},
        ConditionCase{"Ipv4CidrOutside", R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
                      R"({"aws:SourceIp": "203.0.114.1"})", false},
        ConditionCase{"Ipv4SlashZero", R"({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})",
                      R"({"aws:SourceIp": "8.8.8.8"})", true},
        ConditionCase{"Ipv6Cidr", R"({"IpAddress": {"aws:SourceIp": "2001:DB8:1234:5678::/64"}})",
                      R"({"aws:SourceIp": "2001:db8:1234:5678::1"})", true},
        ConditionCase{"Ipv6CidrOutside",
                      R"({"IpAddress": {"aws:SourceIp": "2001:DB8:1234:5678::/64"}})",
                      R"({"aws:SourceIp": "2001:db8:1234:5679::1"})", false},
        ConditionCase{"BareIpv6IsSlash128", R"({"IpAddress": {"aws:SourceIp": "2001:db8::1"}})",
                      R"({"aws:SourceIp": "2001:db8::2"})", false},
        ConditionCase{"Ipv4NeverInIpv6Block", R"({"IpAddress": {"aws:SourceIp": "::/0"}})",
                      R"({"aws:SourceIp": "10.0.0.1"})", false},
        ConditionCase{"MixedFamilies",
                      R"({"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]}})",
                      R"({"aws:SourceIp": "2001:db8::5"})", true},
        ConditionCase{"NotIpAddressInside", R"({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})",
                      R"({"aws:SourceIp": "10.1.2.3"})", false},
        ConditionCase{"NotIpAddressOutside", R"({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})",
                      R"({"aws:SourceIp": "11.0.0.1"})", true},
        ConditionCase{"ContextNotAnIp", R"({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})",
                      R"({"aws:SourceIp": "localhost"})", false}),
    CaseName());

INSTANTIATE_TEST_SUITE_P(
    BoolAndBinary, EvaluateConditionTest,
    testing::Values(
        ConditionCase{"BoolTrue", R"({"Bool": {"aws:SecureTransport": "true"}})",
                      R"({"aws:SecureTransport": "true"})", true},
        ConditionCase{"BoolJsonFalse", R"({"Bool": {"aws:SecureTransport": false}})",
                      R"({"aws:SecureTransport": "false"})", true},
        ConditionCase{"BoolMismatch", R"({"Bool": {"aws:SecureTransport": false}})",
                      R"({"aws:SecureTransport": "true"})", false},
        ConditionCase{"BoolPolicyCaseInsensitive", R"({"Bool": {"aws:SecureTransport": "True"}})",
                      R"({"aws:SecureTransport": "true"})", true},
        ConditionCase{"BoolContextCaseInsensitive", R"({"Bool": {"aws:SecureTransport": "true"}})",
                      R"({"aws:SecureTransport": "TRUE"})", true},
        ConditionCase{"BoolContextJsonBoolean",
                      R"({"Bool": {"lambda:InvokedViaFunctionUrl": true}})",
                      R"({"lambda:InvokedViaFunctionUrl": true})", true},
        ConditionCase{"BoolContextNotABoolean", R"({"Bool": {"aws:SecureTransport": "true"}})",
                      R"({"aws:SecureTransport": "yes"})", false},
        ConditionCase{"BinaryEqualsSame", R"({"BinaryEquals": {"aws:x": "QmluYXJ5"}})",
                      R"({"aws:x": "QmluYXJ5"})", true},
        ConditionCase{"BinaryEqualsDifferent", R"({"BinaryEquals": {"aws:x": "QmluYXJ5"}})",
                      R"({"aws:x": "T3RoZXI="})", false}),
    CaseName());

INSTANTIATE_TEST_SUITE_P(
    Arns, EvaluateConditionTest,
    testing::Values(
        // T52: StringLike's `*` crosses colons; ArnLike's does not (per-field
        // matching).
        ConditionCase{
            "StringLikeCrossesColons",
            R"({"StringLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:t*"}})",
            R"({"aws:SourceArn": "arn:aws:sns:us-east-1:444455556666:x:111122223333:t1"})", true},
        ConditionCase{
            "ArnLikeMatchesPerField",
            R"({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:t*"}})",
            R"({"aws:SourceArn": "arn:aws:sns:us-east-1:444455556666:x:111122223333:t1"})", false},
        ConditionCase{"ArnLikeSpecExample",
                      R"({"ArnLike": {"aws:SourceArn": "arn:aws:svc:*:111122223333:finance/*"}})",
                      R"({"aws:SourceArn":
                           "arn:aws:svc:us-east-2:999999999999:store/abc:111122223333:finance/doc"})",
                      false},
        ConditionCase{
            "StringLikeSpecExample",
            R"({"StringLike": {"aws:SourceArn": "arn:aws:svc:*:111122223333:finance/*"}})",
            R"({"aws:SourceArn":
                           "arn:aws:svc:us-east-2:999999999999:store/abc:111122223333:finance/doc"})",
            true},
        ConditionCase{"ArnLikeResourceFieldCrossesSlash",  // T50
                      R"({"ArnLike": {"aws:SourceArn":
                           "arn:aws:execute-api:us-east-1:111122223333:api1/*"}})",
                      R"({"aws:SourceArn":
                           "arn:aws:execute-api:us-east-1:111122223333:api1/prod/GET/pets"})",
                      true},
        ConditionCase{"ArnLikeCaseSensitive",  // T49
                      R"({"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::ExampleBucket"}})",
                      R"({"aws:SourceArn": "arn:aws:s3:::examplebucket"})", false},
        ConditionCase{"ArnEqualsTakesWildcards",
                      R"({"ArnEquals": {"aws:SourceArn": "arn:aws:s3:::bkt*"}})",
                      R"({"aws:SourceArn": "arn:aws:s3:::bkt1"})", true},
        ConditionCase{"ArnEqualsExact", R"({"ArnEquals": {"aws:SourceArn": "arn:aws:s3:::bkt"}})",
                      R"({"aws:SourceArn": "arn:aws:s3:::bkt"})", true},
        ConditionCase{"ArnNotLikeDifferent",
                      R"({"ArnNotLike": {"aws:SourceArn": "arn:aws:s3:::bkt"}})",
                      R"({"aws:SourceArn": "arn:aws:s3:::other"})", true},
        ConditionCase{"ArnLikeContextNotAnArn",
                      R"({"ArnLike": {"aws:SourceArn": "arn:*:*:*:*:*"}})",
                      R"({"aws:SourceArn": "examplebucket"})", false},
        ConditionCase{
            "ArnLikeFieldStarDoesNotCrossColon",
            R"({"ArnLike": {"aws:SourceArn": "arn:aws:lambda:*:111122223333:function:f"}})",
            R"({"aws:SourceArn": "arn:aws:lambda:us-east-1:x:111122223333:function:f"})", false}),
    CaseName());

// ---- Policy variables in condition values (spec §2.5, T43, T44)
// ------------------------------

INSTANTIATE_TEST_SUITE_P(
    Variables, EvaluateConditionTest,
    testing::Values(
        ConditionCase{
            "VariableResolved",  // T43
            R"({"StringEquals": {"aws:ResourceTag/project":
                                           "${aws:PrincipalTag/project}"}})",
            R"({"aws:ResourceTag/Project": "alpha", "aws:PrincipalTag/project": "alpha"})", true},
        ConditionCase{"VariableDiffers",
                      R"({"StringEquals": {"aws:ResourceTag/project":
                                           "${aws:PrincipalTag/project}"}})",
                      R"({"aws:ResourceTag/project": "alpha", "aws:PrincipalTag/project": "beta"})",
                      false},
        ConditionCase{"VariableUnresolvedPositive",  // T44
                      R"({"StringEquals": {"aws:ResourceTag/project":
                                           "${aws:PrincipalTag/project}"}})",
                      R"({"aws:ResourceTag/project": "alpha"})", false},
        ConditionCase{"VariableUnresolvedNegated",
                      R"({"StringNotEquals": {"aws:ResourceTag/project":
                                              "${aws:PrincipalTag/project}"}})",
                      R"({"aws:ResourceTag/project": "alpha"})", true},
        ConditionCase{"VariableDefault",
                      R"({"StringEquals": {"aws:ResourceTag/project":
                                           "${aws:PrincipalTag/project, 'alpha'}"}})",
                      R"({"aws:ResourceTag/project": "alpha"})", true},
        ConditionCase{"VariableValueStaysLiteralInLike",
                      R"({"StringLike": {"aws:userid": "${aws:username}"}})",
                      R"({"aws:username": "*", "aws:userid": "AIDA"})", false},
        ConditionCase{"VariableInArnLike",
                      R"({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::${aws:username}-*"}})",
                      R"({"aws:username": "alice", "aws:SourceArn": "arn:aws:s3:::alice-bkt"})",
                      true},
        ConditionCase{"Version2008VariableIsLiteral",
                      R"({"StringEquals": {"aws:userid": "${aws:username}"}})",
                      R"({"aws:username": "alice", "aws:userid": "${aws:username}"})", true,
                      "2008-10-17"},
        ConditionCase{"Version2008VariableNotSubstituted",
                      R"({"StringEquals": {"aws:userid": "${aws:username}"}})",
                      R"({"aws:username": "alice", "aws:userid": "alice"})", false, "2008-10-17"}),
    CaseName());

// ---- spec §2.1: AND across operators and keys, via MatchStatement
// ----------------------------

bool StatementMatches(const std::string& condition, const std::string& context) {
  std::shared_ptr<const CompiledPolicy> policy = CompileCondition(condition, "2012-10-17");
  RequestContext ctx = ContextFrom(context);
  std::string error;
  std::optional<RequestPrincipal> who =
      ParseRequestPrincipal("arn:aws:iam::111122223333:user/alice", &error);
  std::optional<ArnParts> no_arn;
  CheckView view{"lambda:InvokeFunction", "lambda:invokefunction", "*", &no_arn, &*who, &ctx};
  bool fast = MatchStatement(*policy, policy->statements[0], view, false, nullptr).matched;
  Json trace;
  bool traced = MatchStatement(*policy, policy->statements[0], view, false, &trace).matched;
  EXPECT_EQ(fast, traced);
  EXPECT_EQ(trace.value("matched", !traced), traced);
  return fast;
}

TEST(ConditionCombinationTest, OperatorsAreAnded) {
  const std::string condition = R"({"StringEquals": {"aws:SourceAccount": "1"},
                                    "ArnLike": {"aws:SourceArn": "arn:aws:s3:::b"}})";
  EXPECT_TRUE(StatementMatches(condition,
                               R"({"aws:SourceAccount": "1", "aws:SourceArn": "arn:aws:s3:::b"})"));
  EXPECT_FALSE(StatementMatches(
      condition, R"({"aws:SourceAccount": "2", "aws:SourceArn": "arn:aws:s3:::b"})"));
  EXPECT_FALSE(StatementMatches(condition, R"({"aws:SourceAccount": "1"})"));
}

TEST(ConditionCombinationTest, KeysUnderOneOperatorAreAnded) {
  const std::string condition =
      R"({"StringEquals": {"aws:SourceAccount": "1", "lambda:FunctionUrlAuthType": "NONE"}})";
  EXPECT_TRUE(StatementMatches(
      condition, R"({"aws:SourceAccount": "1", "lambda:FunctionUrlAuthType": "NONE"})"));
  EXPECT_FALSE(StatementMatches(condition, R"({"aws:SourceAccount": "1"})"));
}

TEST(ConditionCombinationTest, NullFalseExemptsDirectCallers) {
  // spec §2.2: StringNotEquals alone hits direct callers (key absent → true);
  // adding Null false requires the key to be present.
  const std::string condition =
      R"({"StringNotEquals": {"aws:SourceAccount": "1"},
                                    "Null": {"aws:SourceAccount": "false"}})";
  EXPECT_FALSE(StatementMatches(condition, "{}"));
  EXPECT_TRUE(StatementMatches(condition, R"({"aws:SourceAccount": "2"})"));
  EXPECT_FALSE(StatementMatches(condition, R"({"aws:SourceAccount": "1"})"));
}

TEST(ConditionCombinationTest, ForAllValuesNeedsNullToDemandPresence) {
  // spec §2.4: pair ForAllValues with Null false so that an absent key does not
  // pass.
  const std::string condition =
      R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["project"]},
                                    "Null": {"aws:TagKeys": "false"}})";
  EXPECT_FALSE(StatementMatches(condition, "{}"));
  EXPECT_TRUE(StatementMatches(condition, R"({"aws:TagKeys": ["project"]})"));
}

TEST(IsNegatedOperatorTest, Classification) {
  EXPECT_TRUE(IsNegatedOperator(ConditionOperator::kStringNotEquals));
  EXPECT_TRUE(IsNegatedOperator(ConditionOperator::kStringNotEqualsIgnoreCase));
  EXPECT_TRUE(IsNegatedOperator(ConditionOperator::kStringNotLike));
  EXPECT_TRUE(IsNegatedOperator(ConditionOperator::kNumericNotEquals));
  EXPECT_TRUE(IsNegatedOperator(ConditionOperator::kDateNotEquals));
  EXPECT_TRUE(IsNegatedOperator(ConditionOperator::kNotIpAddress));
  EXPECT_TRUE(IsNegatedOperator(ConditionOperator::kArnNotEquals));
  EXPECT_TRUE(IsNegatedOperator(ConditionOperator::kArnNotLike));
  EXPECT_FALSE(IsNegatedOperator(ConditionOperator::kStringEquals));
  EXPECT_FALSE(IsNegatedOperator(ConditionOperator::kNumericLessThan));
  EXPECT_FALSE(IsNegatedOperator(ConditionOperator::kBool));
  EXPECT_FALSE(IsNegatedOperator(ConditionOperator::kNull));
  EXPECT_FALSE(IsNegatedOperator(ConditionOperator::kIpAddress));
}

TEST(OperatorFamilyTest, EveryOperatorHasItsFamilyAndRelation) {
  using Op = ConditionOperator;
  using F = OperatorFamily;
  using R = Relation;
  struct Row {
    Op op;
    F family;
    R relation;
    bool variables;
  };
  const Row rows[] = {
      {Op::kStringEquals, F::kString, R::kEqual, true},
      {Op::kStringNotEquals, F::kString, R::kEqual, true},
      {Op::kStringEqualsIgnoreCase, F::kStringIgnoreCase, R::kEqual, true},
      {Op::kStringNotEqualsIgnoreCase, F::kStringIgnoreCase, R::kEqual, true},
      {Op::kStringLike, F::kStringLike, R::kEqual, true},
      {Op::kStringNotLike, F::kStringLike, R::kEqual, true},
      {Op::kNumericEquals, F::kNumeric, R::kEqual, false},
      {Op::kNumericNotEquals, F::kNumeric, R::kEqual, false},
      {Op::kNumericLessThan, F::kNumeric, R::kLess, false},
      {Op::kNumericLessThanEquals, F::kNumeric, R::kLessOrEqual, false},
      {Op::kNumericGreaterThan, F::kNumeric, R::kGreater, false},
      {Op::kNumericGreaterThanEquals, F::kNumeric, R::kGreaterOrEqual, false},
      {Op::kDateEquals, F::kDate, R::kEqual, false},
      {Op::kDateNotEquals, F::kDate, R::kEqual, false},
      {Op::kDateLessThan, F::kDate, R::kLess, false},
      {Op::kDateLessThanEquals, F::kDate, R::kLessOrEqual, false},
      {Op::kDateGreaterThan, F::kDate, R::kGreater, false},
      {Op::kDateGreaterThanEquals, F::kDate, R::kGreaterOrEqual, false},
      {Op::kBool, F::kBool, R::kEqual, true},
      {Op::kBinaryEquals, F::kBinary, R::kEqual, false},
      {Op::kIpAddress, F::kIp, R::kEqual, false},
      {Op::kNotIpAddress, F::kIp, R::kEqual, false},
      {Op::kArnEquals, F::kArn, R::kEqual, true},
      {Op::kArnLike, F::kArn, R::kEqual, true},
      {Op::kArnNotEquals, F::kArn, R::kEqual, true},
      {Op::kArnNotLike, F::kArn, R::kEqual, true},
      {Op::kNull, F::kNull, R::kEqual, false},
  };
  EXPECT_EQ(std::size(rows), static_cast<size_t>(Op::kNull) + 1);  // every operator
  for (const Row& r : rows) {
    SCOPED_TRACE(static_cast<int>(r.op));
    EXPECT_EQ(FamilyOf(r.op), r.family);
    EXPECT_EQ(RelationOf(r.op), r.relation);
    EXPECT_EQ(TakesVariables(r.op), r.variables);
  }
}

TEST(OperatorFamilyTest, RelationsHold) {
  EXPECT_TRUE(Holds(Relation::kLess, 1, 2));
  EXPECT_FALSE(Holds(Relation::kLess, 2, 2));
  EXPECT_TRUE(Holds(Relation::kLessOrEqual, 2, 2));
  EXPECT_FALSE(Holds(Relation::kLessOrEqual, 3, 2));
  EXPECT_TRUE(Holds(Relation::kGreater, 3, 2));
  EXPECT_FALSE(Holds(Relation::kGreater, 2, 2));
  EXPECT_TRUE(Holds(Relation::kGreaterOrEqual, 2, 2));
  EXPECT_FALSE(Holds(Relation::kGreaterOrEqual, 1, 2));
  EXPECT_TRUE(Holds(Relation::kEqual, 2, 2));
  EXPECT_FALSE(Holds(Relation::kEqual, 1, 2));
}

}  // namespace
}  // namespace policylab
