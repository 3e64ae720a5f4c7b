// Principals (core/principal.h): request principal parsing (spec §0, §3.2),
// policy Principal matching and its strengths (spec §1.3, §3.3), NotPrincipal
// chain semantics (spec §1.3).
#include "core/principal.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace policylab {
namespace {

struct CaseName {
  template <typename T>
  std::string operator()(const testing::TestParamInfo<T>& p) const {
    return p.param.name;
  }
};

constexpr const char* kA = "111122223333";
constexpr const char* kB = "444455556666";

RequestPrincipal Caller(const std::string& text) {
  std::string error;
  std::optional<RequestPrincipal> p = ParseRequestPrincipal(text, &error);
  EXPECT_TRUE(p.has_value()) << text << ": " << error;
  return p.value_or(RequestPrincipal{});
}

// ---- ParseRequestPrincipal
// ----------------------------------------------------------------

struct ParseCase {
  std::string name;
  std::string text;
  PrincipalKind kind;
  std::string arn;
  std::string account;
  std::string user_name = "";
  std::string role_arn = "";
  std::string role_name = "";
  std::string session_name = "";
  std::string service = "";
  bool service_linked_role = false;
};

class ParseRequestPrincipalTest : public testing::TestWithParam<ParseCase> {};

TEST_P(ParseRequestPrincipalTest, Parses) {
  const ParseCase& c = GetParam();
  std::string error;
  std::optional<RequestPrincipal> p = ParseRequestPrincipal(c.text, &error);
  ASSERT_TRUE(p.has_value()) << error;
  EXPECT_EQ(p->kind, c.kind);
  EXPECT_EQ(p->text, c.text);
  EXPECT_EQ(p->arn, c.arn);
  EXPECT_EQ(p->account, c.account);
  EXPECT_EQ(p->user_name, c.user_name);
  EXPECT_EQ(p->role_arn, c.role_arn);
  EXPECT_EQ(p->role_name, c.role_name);
  EXPECT_EQ(p->session_name, c.session_name);
  EXPECT_EQ(p->service, c.service);
  EXPECT_EQ(p->service_linked_role, c.service_linked_role);
}

INSTANTIATE_TEST_SUITE_P(
    Forms, ParseRequestPrincipalTest,
    testing::Values(
        ParseCase{"User", "arn:aws:iam::111122223333:user/alice", PrincipalKind::kIamUser,
                  "arn:aws:iam::111122223333:user/alice", kA, "alice"},
        ParseCase{"UserWithPath", "arn:aws:iam::111122223333:user/dev/team/alice",
                  PrincipalKind::kIamUser, "arn:aws:iam::111122223333:user/dev/team/alice", kA,
                  "alice"},
        ParseCase{"Role", "arn:aws:iam::111122223333:role/Dev", PrincipalKind::kAssumedRole,
                  "arn:aws:sts::111122223333:assumed-role/Dev", kA, "",
                  "arn:aws:iam::111122223333:role/Dev", "Dev"},
        ParseCase{"RoleWithPath", "arn:aws:iam::111122223333:role/team/Dev",
                  PrincipalKind::kAssumedRole, "arn:aws:sts::111122223333:assumed-role/Dev", kA, "",
                  "arn:aws:iam::111122223333:role/team/Dev", "Dev"},
        ParseCase{"ServiceLinkedRole",
                  "arn:aws:iam::111122223333:role/aws-service-role/"
                  "lambda.amazonaws.com/"
                  "AWSServiceRoleForLambda",
                  PrincipalKind::kAssumedRole,
                  "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForLambda", kA, "",
                  "arn:aws:iam::111122223333:role/aws-service-role/"
                  "lambda.amazonaws.com/"
                  "AWSServiceRoleForLambda",
                  "AWSServiceRoleForLambda", "", "", true},
        ParseCase{"AssumedRoleSession", "arn:aws:sts::111122223333:assumed-role/Dev/alice",
                  PrincipalKind::kAssumedRole, "arn:aws:sts::111122223333:assumed-role/Dev/alice",
                  kA, "", "arn:aws:iam::111122223333:role/Dev", "Dev", "alice"},
        ParseCase{"SessionNameWithSpecialCharacters",
                  "arn:aws:sts::111122223333:assumed-role/Dev/alice@example.com",
                  PrincipalKind::kAssumedRole,
                  "arn:aws:sts::111122223333:assumed-role/Dev/alice@example.com", kA, "",
                  "arn:aws:iam::111122223333:role/Dev", "Dev", "alice@example.com"},
        ParseCase{"FederatedUser", "arn:aws:sts::111122223333:federated-user/bob",
                  PrincipalKind::kFederatedUser, "arn:aws:sts::111122223333:federated-user/bob", kA,
                  "bob"},
        ParseCase{"RootArn", "arn:aws:iam::111122223333:root", PrincipalKind::kRoot,
                  "arn:aws:iam::111122223333:root", kA},
        ParseCase{"AccountId", "111122223333", PrincipalKind::kRoot,
                  "arn:aws:iam::111122223333:root", kA},
        ParseCase{"OtherPartition", "arn:aws-cn:iam::111122223333:user/alice",
                  PrincipalKind::kIamUser, "arn:aws-cn:iam::111122223333:user/alice", kA, "alice"},
        ParseCase{"ServicePrincipal", "s3.amazonaws.com", PrincipalKind::kService, "", "", "", "",
                  "", "", "s3.amazonaws.com"},
        ParseCase{"ServicePrincipalWithDash", "alexa-appkit.amazon.com", PrincipalKind::kService,
                  "", "", "", "", "", "", "alexa-appkit.amazon.com"},
        ParseCase{"Anonymous", "*", PrincipalKind::kAnonymous, "", ""}),
    CaseName());

TEST(ParseRequestPrincipalTest, PartitionIsRecorded) {
  EXPECT_EQ(Caller("arn:aws-us-gov:iam::111122223333:user/a").partition, "aws-us-gov");
  EXPECT_EQ(Caller("111122223333").partition, "aws");
}

TEST(ParseRequestPrincipalTest, SessionRoleArnOmitsThePath) {
  // spec §1.3: the session ARN carries no path, so the role ARN is rebuilt
  // without one.
  RequestPrincipal p = Caller("arn:aws:sts::111122223333:assumed-role/Dev/s");
  EXPECT_EQ(p.PrincipalArn(), "arn:aws:iam::111122223333:role/Dev");
}

TEST(ParseRequestPrincipalTest, PrincipalArn) {
  EXPECT_EQ(Caller("arn:aws:iam::111122223333:user/alice").PrincipalArn(),
            "arn:aws:iam::111122223333:user/alice");
  EXPECT_EQ(Caller("arn:aws:iam::111122223333:role/team/Dev").PrincipalArn(),
            "arn:aws:iam::111122223333:role/team/Dev");
}

TEST(ParseRequestPrincipalTest, IsIam) {
  EXPECT_TRUE(Caller("arn:aws:iam::111122223333:user/alice").IsIam());
  EXPECT_TRUE(Caller("111122223333").IsIam());
  EXPECT_TRUE(Caller("arn:aws:sts::111122223333:federated-user/bob").IsIam());
  EXPECT_FALSE(Caller("s3.amazonaws.com").IsIam());
  EXPECT_FALSE(Caller("*").IsIam());
}

TEST(PrincipalKindNameTest, PrincipalTypeValues) {
  EXPECT_STREQ(PrincipalKindName(PrincipalKind::kIamUser), "User");
  EXPECT_STREQ(PrincipalKindName(PrincipalKind::kAssumedRole), "AssumedRole");
  EXPECT_STREQ(PrincipalKindName(PrincipalKind::kFederatedUser), "FederatedUser");
  EXPECT_STREQ(PrincipalKindName(PrincipalKind::kRoot), "Account");
  EXPECT_STREQ(PrincipalKindName(PrincipalKind::kService), "Service");
  EXPECT_STREQ(PrincipalKindName(PrincipalKind::kAnonymous), "Anonymous");
}

struct InvalidCase {
  std::string name;
  std::string text;
};

class ParseRequestPrincipalInvalidTest : public testing::TestWithParam<InvalidCase> {};

TEST_P(ParseRequestPrincipalInvalidTest, Rejects) {
  std::string error;
  EXPECT_FALSE(ParseRequestPrincipal(GetParam().text, &error).has_value());
  EXPECT_FALSE(error.empty());
  // The error pointer is optional.
  EXPECT_FALSE(ParseRequestPrincipal(GetParam().text, nullptr).has_value());
}

INSTANTIATE_TEST_SUITE_P(
    Invalid, ParseRequestPrincipalInvalidTest,
    testing::Values(
        InvalidCase{"Empty", ""}, InvalidCase{"BareName", "alice"},
        InvalidCase{"ElevenDigits", "11112222333"}, InvalidCase{"ThirteenDigits", "1111222233334"},
        InvalidCase{"ServiceWithSpace", "s3 amazonaws.com"},
        InvalidCase{"ShortAccountInArn", "arn:aws:iam::1234:user/alice"},
        InvalidCase{"RegionInIamArn", "arn:aws:iam:us-east-1:111122223333:user/a"},
        InvalidCase{"Group", "arn:aws:iam::111122223333:group/devs"},
        InvalidCase{"UserWithoutName", "arn:aws:iam::111122223333:user/"},
        InvalidCase{"RoleWithoutName", "arn:aws:iam::111122223333:role/"},
        InvalidCase{"SessionWithoutSessionName", "arn:aws:sts::111122223333:assumed-role/Dev"},
        InvalidCase{"SessionEmptySessionName", "arn:aws:sts::111122223333:assumed-role/Dev/"},
        InvalidCase{"SessionEmptyRoleName", "arn:aws:sts::111122223333:assumed-role//s"},
        InvalidCase{"FederatedWithoutName", "arn:aws:sts::111122223333:federated-user/"},
        InvalidCase{"LambdaArn", "arn:aws:lambda:us-east-1:111122223333:function:f"},
        InvalidCase{"TooFewFields", "arn:aws:iam::111122223333"},
        InvalidCase{"UpperCaseArnPrefix", "ARN:aws:iam::111122223333:user/alice"}),
    CaseName());

// ---- MatchPrincipal (spec §1.3, §3.3)
// -------------------------------------------------------

struct MatchCase {
  std::string name;
  std::string type;   // "*", "AWS", "Service", "Federated", "CanonicalUser"
  std::string value;  // as written in the policy
  std::string caller;
  PrincipalMatch want;
};

class MatchPrincipalTest : public testing::TestWithParam<MatchCase> {};

TEST_P(MatchPrincipalTest, Matches) {
  const MatchCase& c = GetParam();
  CompiledPrincipal entry = CompilePrincipal(PrincipalEntry{c.type, c.value, ""});
  EXPECT_EQ(MatchPrincipal(entry, Caller(c.caller)), c.want)
      << "got " << PrincipalMatchName(MatchPrincipal(entry, Caller(c.caller))) << ", want "
      << PrincipalMatchName(c.want);
}

const char* const kUser = "arn:aws:iam::111122223333:user/alice";
const char* const kSession = "arn:aws:sts::111122223333:assumed-role/Dev/s1";

INSTANTIATE_TEST_SUITE_P(
    Strengths, MatchPrincipalTest,
    testing::Values(
        // "*" and {"AWS": "*"} are equivalent and match everyone, anonymous
        // included.
        MatchCase{"BareStarUser", "*", "*", kUser, PrincipalMatch::kStar},
        MatchCase{"BareStarService", "*", "*", "s3.amazonaws.com", PrincipalMatch::kStar},
        MatchCase{"BareStarAnonymous", "*", "*", "*", PrincipalMatch::kStar},
        MatchCase{"AwsStarSession", "AWS", "*", kSession, PrincipalMatch::kStar},
        MatchCase{"AwsStarAnonymous", "AWS", "*", "*", PrincipalMatch::kStar},
        // Account: short and ARN forms match every principal of the account.
        MatchCase{"AccountShortUser", "AWS", kA, kUser, PrincipalMatch::kAccount},
        MatchCase{"AccountShortSession", "AWS", kA, kSession, PrincipalMatch::kAccount},
        MatchCase{"AccountShortRoot", "AWS", kA, "111122223333", PrincipalMatch::kAccount},
        MatchCase{"AccountArnUser", "AWS", "arn:aws:iam::111122223333:root", kUser,
                  PrincipalMatch::kAccount},
        MatchCase{"AccountArnFederated", "AWS", "arn:aws:iam::111122223333:root",
                  "arn:aws:sts::111122223333:federated-user/bob", PrincipalMatch::kAccount},
        MatchCase{"AccountOtherAccount", "AWS", kB, kUser, PrincipalMatch::kNone},
        MatchCase{"AccountArnOtherAccount", "AWS", "arn:aws:iam::444455556666:root", kSession,
                  PrincipalMatch::kNone},
        MatchCase{"AccountNotService", "AWS", kA, "s3.amazonaws.com", PrincipalMatch::kNone},
        MatchCase{"AccountNotAnonymous", "AWS", kA, "*", PrincipalMatch::kNone},
        // Users: exact, case-sensitive.
        MatchCase{"UserExact", "AWS", kUser, kUser, PrincipalMatch::kUser},
        MatchCase{"UserWithPath", "AWS", "arn:aws:iam::111122223333:user/dev/alice",
                  "arn:aws:iam::111122223333:user/dev/alice", PrincipalMatch::kUser},
        MatchCase{"UserCaseSensitive", "AWS", "arn:aws:iam::111122223333:user/Alice", kUser,
                  PrincipalMatch::kNone},
        MatchCase{"UserOtherUser", "AWS", "arn:aws:iam::111122223333:user/bob", kUser,
                  PrincipalMatch::kNone},
        MatchCase{"UserOtherAccount", "AWS", "arn:aws:iam::444455556666:user/alice", kUser,
                  PrincipalMatch::kNone},
        MatchCase{"UserNotRoot", "AWS", kUser, "111122223333", PrincipalMatch::kNone},
        // Roles: every session; the session ARN omits the role's path (T56).
        MatchCase{"RoleSession", "AWS", "arn:aws:iam::111122223333:role/Dev", kSession,
                  PrincipalMatch::kRole},
        MatchCase{"RoleWithPathMatchesSession", "AWS", "arn:aws:iam::111122223333:role/team/Dev",
                  "arn:aws:sts::111122223333:assumed-role/Dev/s", PrincipalMatch::kRole},
        MatchCase{"RoleCallerGivenAsRoleArn", "AWS", "arn:aws:iam::111122223333:role/team/Dev",
                  "arn:aws:iam::111122223333:role/team/Dev", PrincipalMatch::kRole},
        MatchCase{"RoleOtherRole", "AWS", "arn:aws:iam::111122223333:role/Other", kSession,
                  PrincipalMatch::kNone},
        MatchCase{"RoleOtherAccount", "AWS", "arn:aws:iam::444455556666:role/Dev", kSession,
                  PrincipalMatch::kNone},
        MatchCase{"RoleNameCaseSensitive", "AWS", "arn:aws:iam::111122223333:role/dev", kSession,
                  PrincipalMatch::kNone},
        MatchCase{"RoleNotUser", "AWS", "arn:aws:iam::111122223333:role/alice", kUser,
                  PrincipalMatch::kNone},
        // Sessions: only that exact session.
        MatchCase{"SessionExact", "AWS", kSession, kSession, PrincipalMatch::kSession},
        MatchCase{"SessionOtherSession", "AWS", kSession,
                  "arn:aws:sts::111122223333:assumed-role/Dev/s2", PrincipalMatch::kNone},
        MatchCase{"SessionNotRoleCaller", "AWS", "arn:aws:sts::111122223333:assumed-role/Dev/s1",
                  "arn:aws:iam::111122223333:role/Dev", PrincipalMatch::kNone},
        // Federated users.
        MatchCase{"FederatedUserExact", "AWS", "arn:aws:sts::111122223333:federated-user/bob",
                  "arn:aws:sts::111122223333:federated-user/bob", PrincipalMatch::kFederatedUser},
        MatchCase{"FederatedUserOther", "AWS", "arn:aws:sts::111122223333:federated-user/bob",
                  "arn:aws:sts::111122223333:federated-user/carol", PrincipalMatch::kNone},
        // Service principals.
        MatchCase{"Service", "Service", "s3.amazonaws.com", "s3.amazonaws.com",
                  PrincipalMatch::kService},
        MatchCase{"ServiceOther", "Service", "s3.amazonaws.com", "sns.amazonaws.com",
                  PrincipalMatch::kNone},
        MatchCase{"ServiceNotIam", "Service", "s3.amazonaws.com", kUser, PrincipalMatch::kNone},
        // Never a Lambda caller.
        MatchCase{"FederatedType", "Federated", "accounts.google.com", kSession,
                  PrincipalMatch::kNone},
        MatchCase{"CanonicalUser", "CanonicalUser", "79a59df900b949e55d96a1e698fbace", kUser,
                  PrincipalMatch::kNone},
        MatchCase{"UniqueIdMatchesNobody", "AWS", "AROAEXAMPLEID1234", kSession,
                  PrincipalMatch::kNone}),
    CaseName());

TEST(PrincipalMatchTest, StrengthsAreOrderedWeakestFirst) {
  // spec §3.3: the strength decides which implicit denies a same-account grant
  // overrides.
  EXPECT_LT(PrincipalMatch::kNone, PrincipalMatch::kAccount);
  EXPECT_LT(PrincipalMatch::kAccount, PrincipalMatch::kStar);
  EXPECT_LT(PrincipalMatch::kStar, PrincipalMatch::kRole);
  EXPECT_LT(PrincipalMatch::kRole, PrincipalMatch::kService);
  EXPECT_LT(PrincipalMatch::kService, PrincipalMatch::kFederatedUser);
  EXPECT_LT(PrincipalMatch::kFederatedUser, PrincipalMatch::kSession);
  EXPECT_LT(PrincipalMatch::kSession, PrincipalMatch::kUser);
}

TEST(CompilePrincipalTest, Kinds) {
  using Kind = CompiledPrincipal::Kind;
  auto kind = [](const std::string& type, const std::string& value) {
    return CompilePrincipal(PrincipalEntry{type, value, ""}).kind;
  };
  EXPECT_EQ(kind("*", "*"), Kind::kStar);
  EXPECT_EQ(kind("AWS", "*"), Kind::kStar);
  EXPECT_EQ(kind("AWS", kA), Kind::kAccount);
  EXPECT_EQ(kind("AWS", "arn:aws:iam::111122223333:root"), Kind::kAccount);
  EXPECT_EQ(kind("AWS", kUser), Kind::kUser);
  EXPECT_EQ(kind("AWS", "arn:aws:iam::111122223333:role/a/b/Dev"), Kind::kRole);
  EXPECT_EQ(kind("AWS", kSession), Kind::kSession);
  EXPECT_EQ(kind("AWS", "arn:aws:sts::111122223333:federated-user/bob"), Kind::kFederatedUser);
  EXPECT_EQ(kind("Service", "s3.amazonaws.com"), Kind::kService);
  EXPECT_EQ(kind("Federated", "cognito-identity.amazonaws.com"), Kind::kNever);
  EXPECT_EQ(kind("AWS", "AIDAEXAMPLE"), Kind::kNever);
  CompiledPrincipal role =
      CompilePrincipal(PrincipalEntry{"AWS", "arn:aws:iam::111122223333:role/a/b/Dev", ""});
  EXPECT_EQ(role.name, "Dev");
  EXPECT_EQ(role.account, kA);
}

// ---- NotPrincipal (spec §1.3)
// ---------------------------------------------------------------

struct NotPrincipalCase {
  std::string name;
  std::vector<PrincipalEntry> listed;
  std::string caller;
  bool applies;
};

class NotPrincipalTest : public testing::TestWithParam<NotPrincipalCase> {};

TEST_P(NotPrincipalTest, Applies) {
  const NotPrincipalCase& c = GetParam();
  std::vector<CompiledPrincipal> listed;
  for (const PrincipalEntry& e : c.listed) listed.push_back(CompilePrincipal(e));
  std::string unlisted;
  EXPECT_EQ(NotPrincipalApplies(listed, Caller(c.caller), &unlisted), c.applies);
  if (c.applies) {
    EXPECT_FALSE(unlisted.empty());
  }
}

PrincipalEntry Aws(const std::string& value) { return PrincipalEntry{"AWS", value, ""}; }

const PrincipalEntry kAccountArn = Aws("arn:aws:iam::111122223333:root");
const PrincipalEntry kDevRole = Aws("arn:aws:iam::111122223333:role/Dev");
const PrincipalEntry kS1 = Aws(kSession);

INSTANTIATE_TEST_SUITE_P(
    Chain, NotPrincipalTest,
    testing::Values(
        NotPrincipalCase{"SessionFullChainListed", {kAccountArn, kDevRole, kS1}, kSession, false},
        NotPrincipalCase{"SessionAccountShortForm", {Aws(kA), kDevRole, kS1}, kSession, false},
        NotPrincipalCase{"SessionMissingSession", {kAccountArn, kDevRole}, kSession, true},
        NotPrincipalCase{"SessionMissingRole", {kAccountArn, kS1}, kSession, true},
        NotPrincipalCase{"SessionMissingAccount", {kDevRole, kS1}, kSession, true},
        NotPrincipalCase{"OnlySessionListed", {kS1}, kSession, true},
        NotPrincipalCase{"OtherSessionOfListedRole",
                         {kAccountArn, kDevRole, kS1},
                         "arn:aws:sts::111122223333:assumed-role/Dev/s2",
                         true},
        NotPrincipalCase{"RoleWithPathListed",
                         {kAccountArn, Aws("arn:aws:iam::111122223333:role/team/Dev"), kS1},
                         kSession,
                         false},
        NotPrincipalCase{"UserAndAccountListed", {kAccountArn, Aws(kUser)}, kUser, false},
        NotPrincipalCase{"UserOnlyListed", {Aws(kUser)}, kUser, true},
        NotPrincipalCase{"UserAccountOnlyListed", {kAccountArn}, kUser, true},
        NotPrincipalCase{"UserOtherAccount",
                         {kAccountArn, Aws(kUser)},
                         "arn:aws:iam::444455556666:user/alice",
                         true},
        NotPrincipalCase{"RootAccountListed", {kAccountArn}, "111122223333", false},
        NotPrincipalCase{"FederatedListed",
                         {kAccountArn, Aws("arn:aws:sts::111122223333:federated-user/bob")},
                         "arn:aws:sts::111122223333:federated-user/bob",
                         false},
        NotPrincipalCase{"ServiceListed",
                         {PrincipalEntry{"Service", "s3.amazonaws.com", ""}},
                         "s3.amazonaws.com",
                         false},
        NotPrincipalCase{"ServiceNotListed", {kAccountArn}, "s3.amazonaws.com", true},
        NotPrincipalCase{"AnonymousNotListed", {kAccountArn}, "*", true},
        NotPrincipalCase{"StarListsEveryone", {PrincipalEntry{"*", "*", ""}}, kSession, false}),
    CaseName());

}  // namespace
}  // namespace policylab
