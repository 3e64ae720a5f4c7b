// Stage "authorize" (core/authorize.h): the decision table of spec §3.4 (rows
// 1-11), the same-account principal-type table of spec §3.3, SCP/RCP rules of
// §3.1, and the §7 cases that exercise them. Every case asserts the decision,
// the deciding statements (policy id and statement index) and the gates that
// kept an implicit deny in place.
//
// Inputs are built through the scenario API (ParseScenario + MakeCheck), as the
// engine does.
#include "core/authorize.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/resolve.h"
#include "core/scenario.h"

namespace policylab {
namespace {

struct CaseName {
  template <typename T>
  std::string operator()(const testing::TestParamInfo<T>& p) const {
    return p.param.name;
  }
};

// Accounts: A owns the function; B is another account.
const std::string kA = "111122223333";
const std::string kB = "444455556666";
const std::string kFn = "arn:aws:lambda:us-east-1:111122223333:function:f";
const std::string kFnG = "arn:aws:lambda:us-east-1:111122223333:function:g";
const std::string kRbp = "resource:" + kFn;
const std::string kUserA = "arn:aws:iam::111122223333:user/alice";
const std::string kRoleA = "arn:aws:iam::111122223333:role/Dev";
const std::string kSessA = "arn:aws:sts::111122223333:assumed-role/Dev/s1";
const std::string kSessA2 = "arn:aws:sts::111122223333:assumed-role/Dev/s2";
const std::string kFedA = "arn:aws:sts::111122223333:federated-user/bob";
const std::string kSessB = "arn:aws:sts::444455556666:assumed-role/R/s";
const std::string kInvoke = "lambda:InvokeFunction";

// ---- Policy document builders
// ----------------------------------------------------------------

std::string Doc(const std::string& statements) {
  return R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}";
}
std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

std::string Stmt(const std::string& effect, const std::string& action, const std::string& resource,
                 const std::string& extra = "") {
  return R"({"Effect": ")" + effect + R"(", "Action": )" + Quoted(action) + R"(, "Resource": )" +
         Quoted(resource) + (extra.empty() ? "" : ", " + extra) + "}";
}
std::string Allow(const std::string& action, const std::string& resource = "*",
                  const std::string& extra = "") {
  return Stmt("Allow", action, resource, extra);
}
std::string Deny(const std::string& action, const std::string& resource = "*",
                 const std::string& extra = "") {
  return Stmt("Deny", action, resource, extra);
}
// A resource-policy statement on kFn; `principal` is the JSON value of
// Principal.
std::string Grant(const std::string& principal, const std::string& action = kInvoke,
                  const std::string& extra = "", const std::string& effect = "Allow") {
  return Stmt(effect, action, kFn,
              R"("Principal": )" + principal + (extra.empty() ? "" : ", " + extra));
}
std::string Aws(const std::string& arn) { return R"({"AWS": ")" + arn + R"("})"; }

const std::string kAllowInvoke = Doc(Allow(kInvoke, kFn));
const std::string kOnlyGetCallerIdentity = Doc(Allow("sts:GetCallerIdentity"));
const std::string kAllowEverything = Doc(Allow("*"));

// ---- The table
// -------------------------------------------------------------------------------

struct AuthCase {
  std::string name;
  std::string caller = kUserA;
  std::vector<std::string> identity = {};           // named id0, id1, ...
  std::string boundary = "";                        // "" = none
  std::string session = "";                         // "" = none
  std::vector<std::vector<std::string>> scps = {};  // named s0, s1, ... per level
  std::vector<std::vector<std::string>> rcps = {};  // named r0, r1, ... per level
  std::string org_id = "";
  std::string tags = "";       // JSON object of principal tags
  std::string rbp = "";        // attached to kFn
  std::string principal = "";  // request principal override
  std::string action = kInvoke;
  std::string resource = kFn;
  std::string context = "{}";
  Decision want = Decision::kImplicitDeny;
  std::vector<std::pair<std::string, int>> decided_by = {};
  std::vector<std::string> gates = {};
};

Json Levels(const std::vector<std::vector<std::string>>& levels, char prefix) {
  Json out = Json::array();
  for (const std::vector<std::string>& level : levels) {
    Json l = Json::array();
    for (size_t i = 0; i < level.size(); ++i) {
      l.push_back({{"name", std::string(1, prefix) + std::to_string(i)},
                   {"document", Json::parse(level[i])}});
    }
    out.push_back(std::move(l));
  }
  return out;
}

Json ScenarioDocument(const AuthCase& c) {
  Json caller = {{"principal", c.caller}};
  Json identity = Json::array();
  for (size_t i = 0; i < c.identity.size(); ++i) {
    identity.push_back(
        {{"name", "id" + std::to_string(i)}, {"document", Json::parse(c.identity[i])}});
  }
  caller["identityPolicies"] = identity;
  if (!c.boundary.empty()) {
    caller["permissionsBoundary"] = {{"name", "boundary"}, {"document", Json::parse(c.boundary)}};
  }
  if (!c.session.empty()) caller["sessionPolicy"] = {{"document", Json::parse(c.session)}};
  if (!c.scps.empty()) caller["scps"] = Levels(c.scps, 's');
  if (!c.org_id.empty()) caller["orgId"] = c.org_id;
  if (!c.tags.empty()) caller["tags"] = Json::parse(c.tags);
  Json doc = {{"scenario", 1}, {"caller", caller}, {"requests", Json::array()}};
  if (!c.rbp.empty()) {
    doc["resourcePolicies"] = {{{"attachedTo", kFn}, {"document", Json::parse(c.rbp)}}};
  }
  if (!c.rcps.empty()) doc["rcps"] = Levels(c.rcps, 'r');
  return doc;
}

RequestContext ContextFrom(const std::string& json) {
  RequestContext ctx;
  const Json parsed = Json::parse(json);
  for (const auto& [key, value] : parsed.items()) {
    if (value.is_array()) {
      ctx.SetList(key, value.get<std::vector<std::string>>());
    } else {
      ctx.Set(key, value.get<std::string>());
    }
  }
  return ctx;
}

std::string Describe(const AuthorizationResult& r) {
  std::string out = std::string("decision ") + DecisionName(r.decision) + "; decidedBy [";
  for (const DecidingStatement& d : r.decided_by) {
    out += d.policy->source.id + "#" + std::to_string(d.statement) + " ";
  }
  out += "]; blockedBy [";
  for (const Gate& g : r.blocked_by) out += g.gate + " ";
  return out + "]; reason: " + r.reason;
}

class AuthorizeTest : public testing::TestWithParam<AuthCase> {};

TEST_P(AuthorizeTest, Decides) {
  const AuthCase& c = GetParam();
  Diagnostics diags;
  Scenario scenario = ParseScenario(ScenarioDocument(c), diags);
  for (const Diagnostic& d : diags) {
    ASSERT_NE(d.severity, Severity::kError) << d.code << " at " << d.pointer << ": " << d.message;
  }
  RequestPrincipal who = scenario.caller.principal;
  bool is_caller = c.principal.empty();
  if (!is_caller) {
    std::string error;
    std::optional<RequestPrincipal> p = ParseRequestPrincipal(c.principal, &error);
    ASSERT_TRUE(p.has_value()) << error;
    who = *p;
  }
  AuthorizationCheck check =
      MakeCheck(scenario, who, is_caller, c.action, c.resource, ContextFrom(c.context));
  AuthorizationInput input;
  input.caller = &scenario.caller;
  const ResourcePolicySlot* slot = scenario.FindResourcePolicy(c.resource);
  input.resource_policy = slot != nullptr ? slot->policy.get() : nullptr;
  input.rcps = &scenario.rcps;

  for (bool with_trace : {false, true}) {
    AuthorizationResult r = Authorize(input, check, with_trace);
    SCOPED_TRACE(Describe(r));
    EXPECT_EQ(r.decision, c.want);
    std::vector<std::pair<std::string, int>> decided;
    for (const DecidingStatement& d : r.decided_by) {
      decided.emplace_back(d.policy->source.id, d.statement);
    }
    std::vector<std::pair<std::string, int>> want_decided = c.decided_by;
    std::sort(decided.begin(), decided.end());
    std::sort(want_decided.begin(), want_decided.end());
    EXPECT_EQ(decided, want_decided);
    std::vector<std::string> gates;
    for (const Gate& g : r.blocked_by) gates.push_back(g.gate);
    std::vector<std::string> want_gates = c.gates;
    std::sort(gates.begin(), gates.end());
    std::sort(want_gates.begin(), want_gates.end());
    EXPECT_EQ(gates, want_gates);
    EXPECT_FALSE(r.reason.empty());
    if (c.want == Decision::kAllowed) {
      EXPECT_TRUE(r.blocked_by.empty());
    }
    if (with_trace) {
      EXPECT_TRUE(r.trace.is_array());
    } else {
      EXPECT_TRUE(r.trace.is_null());
    }
  }
}

const Decision kAllowed = Decision::kAllowed;
const Decision kExplicit = Decision::kExplicitDeny;
const Decision kImplicit = Decision::kImplicitDeny;

// Row 1: an explicit deny anywhere wins.
INSTANTIATE_TEST_SUITE_P(
    Row1ExplicitDeny, AuthorizeTest,
    testing::Values(
        AuthCase{.name = "IdentityDenyBeatsIdentityAllow",  // T10
                 .identity = {Doc(Allow("lambda:*") + "," + Deny(kInvoke))},
                 .want = kExplicit,
                 .decided_by = {{"identity:id0", 1}}},
        AuthCase{
            .name = "DenyInSecondIdentityPolicy",
            .identity = {Doc(Allow("lambda:*")), Doc(Deny("lambda:Invoke*"))},
            .want = kExplicit,
            .decided_by = {{"identity:id1", 0}}},
        AuthCase{.name = "ResourcePolicyDenyBeatsUserGrant",
                 .rbp = Doc(Grant(Aws(kUserA)) + "," +
                            Grant("\"*\"", kInvoke, "", "Deny")),
                 .want = kExplicit,
                 .decided_by = {{kRbp, 1}}},
        AuthCase{.name = "BoundaryDeny",
                 .identity = {kAllowInvoke},
                 .boundary = Doc(Allow("*") + "," + Deny("lambda:Invoke*")),
                 .want = kExplicit,
                 .decided_by = {{"boundary:boundary", 1}}},
        AuthCase{.name = "SessionPolicyDeny",
                 .caller = kSessA,
                 .identity = {kAllowInvoke},
                 .session = Doc(Deny("lambda:*")),
                 .want = kExplicit,
                 .decided_by = {{"session", 0}}},
        AuthCase{.name = "ScpDenyBindsResourcePolicyUserGrant",  // T28
                 .scps = {{kAllowEverything, Doc(Deny("lambda:*"))}},
                 .rbp = Doc(Grant(Aws(kUserA))),
                 .want = kExplicit,
                 .decided_by = {{"scp:0:s1", 0}}},
        AuthCase{.name = "NegatedOperatorAbsentKeyDenies",  // T37
                 .identity = {Doc(Allow("lambda:*") + "," +
                                  Deny("lambda:*", "*",
                                       R"("Condition": {"StringNotEquals":
                                                         {"aws:SourceAccount": "111122223333"}})"))},
                 .want = kExplicit,
                 .decided_by = {{"identity:id0", 1}}},
        AuthCase{
            .name = "NegatedIfExistsAbsentKeyStillDenies",  // T38
            .identity = {Doc(Allow("lambda:*") + "," +
                             Deny("lambda:*", "*",
                                  R"("Condition": {"StringNotEqualsIfExists":
                                                         {"aws:SourceAccount": "111122223333"}})"))},
            .want = kExplicit,
            .decided_by = {{"identity:id0", 1}}},
        AuthCase{.name = "NullFalseExemptsDirectCall",
                 .identity = {Doc(Allow("lambda:*") + "," +
                                  Deny("lambda:*", "*",
                                       R"("Condition": {"StringNotEquals":
                                                         {"aws:SourceAccount": "111122223333"},
                                                        "Null": {"aws:SourceAccount": "false"}})"))},
                 .want = kAllowed,
                 .decided_by = {{"identity:id0", 0}}},
        AuthCase{
            .name = "NegatedMultiValueIsAnd",  // T53
            .caller = kSessB,
            .identity = {Doc(
                Allow("lambda:*") + "," +
                Deny(
                    "lambda:*", "*",
                    R"("Condition": {"StringNotEquals": {"aws:PrincipalAccount":
                                           ["111122223333", "444455556666"]}})"))},
            .rbp = Doc(Grant(Aws(kB))),
            .want = kAllowed,
            .decided_by = {{kRbp, 0}, {"identity:id0", 0}}},
        AuthCase{
            .name = "NotResourceDeny",  // T64
            .identity = {Doc(
                Allow("lambda:*") + "," +
                R"({"Effect": "Deny", "Action": "lambda:*", "NotResource": ")" +
                kFn + R"("})")},
            .resource = kFnG,
            .want = kExplicit,
            .decided_by = {{"identity:id0", 1}}},
        AuthCase{
            .name = "NotResourceExcluded",  // T64
            .identity = {Doc(
                Allow("lambda:*") + "," +
                R"({"Effect": "Deny", "Action": "lambda:*", "NotResource": ")" +
                kFn + R"("})")},
            .want = kAllowed,
            .decided_by = {{"identity:id0", 0}}},
        // spec §1.3: Deny + NotPrincipal always applies to a principal with a
        // boundary.
        AuthCase{
            .name = "NotPrincipalDenyHitsPrincipalWithBoundary",
            .boundary = Doc(Allow("lambda:*")),
            .rbp = Doc(
                Grant(Aws(kUserA)) + "," +
                R"({"Effect": "Deny", "Action": "lambda:InvokeFunction", "Resource": ")" +
                kFn +
                R"(", "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:root", ")" +
                kUserA + R"("]}})"),
            .want = kExplicit,
            .decided_by = {{kRbp, 1}}},
        AuthCase{
            .name = "NotPrincipalDenySparesListedPrincipal",
            .rbp = Doc(
                Grant(Aws(kUserA)) + "," +
                R"({"Effect": "Deny", "Action": "lambda:InvokeFunction", "Resource": ")" +
                kFn +
                R"(", "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:root", ")" +
                kUserA + R"("]}})"),
            .want = kAllowed,
            .decided_by = {{kRbp, 0}}},
        AuthCase{
            .name = "NotPrincipalDenyHitsUnlistedSession",
            .caller = kSessA,
            .identity = {kAllowInvoke},
            .rbp = Doc(
                R"({"Effect": "Deny", "Action": "lambda:InvokeFunction", "Resource": ")" +
                kFn +
                R"(", "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:root", ")" +
                kRoleA + R"("]}})"),
            .want = kExplicit,
            .decided_by = {{kRbp, 0}}}),
    CaseName());

// Row 2: same account, resource policy silent: S ∧ I ∧ B ∧ P.
INSTANTIATE_TEST_SUITE_P(
    Row2SameAccountIdentity, AuthorizeTest,
    testing::Values(
        AuthCase{.name = "IdentityAllows",  // T01
                 .identity = {kAllowInvoke},
                 .want = kAllowed,
                 .decided_by = {{"identity:id0", 0}}},
        AuthCase{.name = "ActionCaseInsensitive",  // T02
                 .identity = {Doc(Allow("LAMBDA:invokefunction", kFn))},
                 .want = kAllowed,
                 .decided_by = {{"identity:id0", 0}}},
        AuthCase{.name = "NoIdentityPolicy", .want = kImplicit, .gates = {"identity"}},
        AuthCase{
            .name = "ResourceCaseSensitive",  // T03
            .identity = {Doc(Allow(kInvoke, "arn:aws:lambda:us-east-1:111122223333:function:F"))},
            .want = kImplicit,
            .gates = {"identity"}},
        AuthCase{.name = "UnqualifiedDoesNotCoverQualified",  // T04
                 .identity = {kAllowInvoke},
                 .resource = kFn + ":1",
                 .want = kImplicit,
                 .gates = {"identity"}},
        AuthCase{.name = "ColonStarNeedsQualifier",  // T06
                 .identity = {Doc(Allow(kInvoke, kFn + ":*"))},
                 .want = kImplicit,
                 .gates = {"identity"}},
        AuthCase{.name = "ColonStarCoversAlias",  // T07
                 .identity = {Doc(Allow(kInvoke, kFn + ":*"))},
                 .resource = kFn + ":prod",
                 .want = kAllowed,
                 .decided_by = {{"identity:id0", 0}}},
        AuthCase{.name = "PrefixGlobCrossesColon",  // T08
                 .identity = {Doc(Allow(kInvoke, kFn + "*"))},
                 .resource = kFn + ":1",
                 .want = kAllowed,
                 .decided_by = {{"identity:id0", 0}}},
        AuthCase{.name = "NotActionAllowsOthers",  // T36
                 .identity = {Doc(
                     R"({"Effect": "Allow", "NotAction": ["lambda:AddPermission"],
                                      "Resource": "arn:aws:lambda:*:*:function:intern-*"})")},
                 .action = "lambda:GetFunction",
                 .resource = "arn:aws:lambda:us-east-1:111122223333:function:intern-x",
                 .want = kAllowed,
                 .decided_by = {{"identity:id0", 0}}},
        AuthCase{.name = "NotActionExcludes",  // T36
                 .identity = {Doc(
                     R"({"Effect": "Allow", "NotAction": ["lambda:AddPermission"],
                                      "Resource": "arn:aws:lambda:*:*:function:intern-*"})")},
                 .action = "lambda:AddPermission",
                 .resource = "arn:aws:lambda:us-east-1:111122223333:function:intern-x",
                 .want = kImplicit,
                 .gates = {"identity"}},
        AuthCase{.name = "BoundaryLimitsIdentity",
                 .identity = {kAllowInvoke},
                 .boundary = kOnlyGetCallerIdentity,
                 .want = kImplicit,
                 .gates = {"boundary"}},
        AuthCase{.name = "BoundaryAllowsToo",
                 .identity = {kAllowInvoke},
                 .boundary = Doc(Allow("lambda:*")),
                 .want = kAllowed,
                 .decided_by = {{"identity:id0", 0}}},
        AuthCase{.name = "BoundaryAloneGrantsNothing",
                 .boundary = Doc(Allow("lambda:*")),
                 .want = kImplicit,
                 .gates = {"identity"}},
        AuthCase{.name = "SessionPolicyLimitsIdentity",
                 .caller = kSessA,
                 .identity = {kAllowInvoke},
                 .session = Doc(Allow("s3:*")),
                 .want = kImplicit,
                 .gates = {"session"}},
        AuthCase{.name = "SessionPolicyAllowsToo",
                 .caller = kSessA,
                 .identity = {kAllowInvoke},
                 .session = Doc(Allow("lambda:Invoke*")),
                 .want = kAllowed,
                 .decided_by = {{"identity:id0", 0}}},
        AuthCase{
            .name = "VariableVersion2008IsLiteral",  // T45
            .identity = {R"({"Statement": [{"Effect": "Allow", "Action": "lambda:InvokeFunction",
                     "Resource": "arn:aws:lambda:us-east-1:111122223333:function:${aws:username}"}]})"},
            .resource = "arn:aws:lambda:us-east-1:111122223333:function:alice",
            .want = kImplicit,
            .gates = {"identity"}},
        AuthCase{.name = "VariableUsername",  // T46
                 .identity = {Doc(Allow(kInvoke,
                                        "arn:aws:lambda:us-east-1:111122223333:"
                                        "function:${aws:username}"))},
                 .resource = "arn:aws:lambda:us-east-1:111122223333:function:alice",
                 .want = kAllowed,
                 .decided_by = {{"identity:id0", 0}}},
        AuthCase{.name = "VariableUsernameAbsentForRoles",  // T46
                 .caller = kSessA,
                 .identity = {Doc(Allow(kInvoke,
                                        "arn:aws:lambda:us-east-1:111122223333:"
                                        "function:${aws:username}"))},
                 .resource = "arn:aws:lambda:us-east-1:111122223333:function:alice",
                 .want = kImplicit,
                 .gates = {"identity"}},
        AuthCase{.name = "VariableDefault",  // T47
                 .identity = {Doc(Allow(kInvoke,
                                        "arn:aws:lambda:us-east-1:111122223333:function:"
                                        "${aws:PrincipalTag/team, 'shared'}"))},
                 .resource = "arn:aws:lambda:us-east-1:111122223333:function:shared",
                 .want = kAllowed,
                 .decided_by = {{"identity:id0", 0}}},
        AuthCase{.name = "PrincipalTagVariable",  // T43
                 .identity = {Doc(Allow(kInvoke, "*",
                                        R"("Condition": {"StringEquals": {"aws:ResourceTag/project":
                                            "${aws:PrincipalTag/project}"}})"))},
                 .tags = R"({"project": "alpha"})",
                 .context = R"({"aws:ResourceTag/Project": "alpha"})",
                 .want = kAllowed,
                 .decided_by = {{"identity:id0", 0}}},
        AuthCase{.name = "PrincipalTagVariableMissing",  // T44
                 .identity = {Doc(Allow(kInvoke, "*",
                                        R"("Condition": {"StringEquals": {"aws:ResourceTag/project":
                                            "${aws:PrincipalTag/project}"}})"))},
                 .context = R"({"aws:ResourceTag/Project": "alpha"})",
                 .want = kImplicit,
                 .gates = {"identity"}},
        AuthCase{.name = "ForAllValuesAbsentKeyAllows",  // T39, T63
                 .identity = {Doc(Allow("lambda:CreateFunction", "*",
                                        R"("Condition": {"ForAllValues:StringEquals":
                                                          {"aws:TagKeys": ["project"]}})"))},
                 .action = "lambda:CreateFunction",
                 .want = kAllowed,
                 .decided_by = {{"identity:id0", 0}}},
        AuthCase{.name = "ForAnyValueAbsentKeyDoesNotDeny",  // T41
                 .identity = {Doc(Allow("lambda:*") + "," +
                                  Deny("lambda:CreateFunction", "*",
                                       R"("Condition": {"ForAnyValue:StringEquals":
                                                         {"lambda:SubnetIds": ["subnet-1"]}})"))},
                 .action = "lambda:CreateFunction",
                 .want = kAllowed,
                 .decided_by = {{"identity:id0", 0}}},
        AuthCase{.name = "NullTrueDeniesWithoutVpc",  // T42
                 .identity = {Doc(Allow("lambda:*") + "," +
                                  Deny("lambda:CreateFunction", "*",
                                       R"("Condition": {"Null": {"lambda:VpcIds": "true"}})"))},
                 .action = "lambda:CreateFunction",
                 .want = kExplicit,
                 .decided_by = {{"identity:id0", 1}}},
        AuthCase{.name = "NullTrueSparesVpc",  // T42
                 .identity = {Doc(Allow("lambda:*") + "," +
                                  Deny("lambda:CreateFunction", "*",
                                       R"("Condition": {"Null": {"lambda:VpcIds": "true"}})"))},
                 .action = "lambda:CreateFunction",
                 .context = R"({"lambda:VpcIds": "vpc-1"})",
                 .want = kAllowed,
                 .decided_by = {{"identity:id0", 0}}},
        AuthCase{.name = "RootAllowedByDefault", .caller = kA, .want = kAllowed},
        AuthCase{.name = "RootBoundByExplicitDeny",
                 .caller = "arn:aws:iam::111122223333:root",
                 .identity = {Doc(Deny(kInvoke))},
                 .want = kExplicit,
                 .decided_by = {{"identity:id0", 0}}}),
    CaseName());

// SCPs (spec §3.1 step 3) and RCPs (step 4).
INSTANTIATE_TEST_SUITE_P(
    OrganizationPolicies, AuthorizeTest,
    testing::Values(AuthCase{.name = "ScpAllows",
                             .identity = {kAllowInvoke},
                             .scps = {{kAllowEverything}},
                             .want = kAllowed,
                             .decided_by = {{"identity:id0", 0}}},
                    AuthCase{.name = "ScpGateAllowsNothing",
                             .identity = {kAllowInvoke},
                             .scps = {{Doc(Allow("s3:*"))}},
                             .want = kImplicit,
                             .gates = {"scp"}},
                    AuthCase{.name = "ScpEveryLevelMustAllow",
                             .identity = {kAllowInvoke},
                             .scps = {{kAllowEverything}, {Doc(Allow("s3:*"))}},
                             .want = kImplicit,
                             .gates = {"scp"}},
                    AuthCase{
                        .name = "ScpOnePolicyPerLevelSuffices",
                        .identity = {kAllowInvoke},
                        .scps = {{kAllowEverything}, {Doc(Allow("s3:*")), Doc(Allow("lambda:*"))}},
                        .want = kAllowed,
                        .decided_by = {{"identity:id0", 0}}},
                    AuthCase{.name = "ScpGateBindsResourcePolicyUserGrant",
                             .scps = {{Doc(Allow("s3:*"))}},
                             .rbp = Doc(Grant(Aws(kUserA))),
                             .want = kImplicit,
                             .gates = {"scp"}},
                    AuthCase{.name = "ScpGateBindsRoot",
                             .caller = kA,
                             .scps = {{Doc(Allow("s3:*"))}},
                             .want = kImplicit,
                             .gates = {"scp"}},
                    AuthCase{.name = "ScpSkipsServiceLinkedRole",
                             .caller = "arn:aws:iam::111122223333:role/aws-service-role/"
                                       "lambda.amazonaws.com/"
                                       "AWSServiceRoleForLambda",
                             .identity = {kAllowInvoke},
                             .scps = {{Doc(Deny("lambda:*"))}},
                             .want = kAllowed,
                             .decided_by = {{"identity:id0", 0}}},
                    AuthCase{.name = "ScpSkipsServicePrincipal",  // T29
                             .scps = {{Doc(Deny("lambda:*"))}},
                             .rbp = Doc(Grant(R"({"Service": "s3.amazonaws.com"})")),
                             .principal = "s3.amazonaws.com",
                             .want = kAllowed,
                             .decided_by = {{kRbp, 0}}},
                    AuthCase{.name = "RcpNoEffectOnLambda",  // T30
                             .identity = {kAllowInvoke},
                             .rcps = {{Doc(Deny("lambda:*", "*", R"("Principal": "*")"))}},
                             .want = kAllowed,
                             .decided_by = {{"identity:id0", 0}}},
                    AuthCase{.name = "RcpDeniesSupportedService",
                             .identity = {Doc(Allow("s3:*"))},
                             .rcps = {{Doc(Deny("s3:*", "*", R"("Principal": "*")"))}},
                             .action = "s3:GetObject",
                             .resource = "arn:aws:s3:::bkt/key",
                             .want = kExplicit,
                             .decided_by = {{"rcp:0:r0", 0}}}),
    CaseName());

// Rows 3-6 and the §3.3 principal-type table: same account, the resource policy
// names the caller in some form.
INSTANTIATE_TEST_SUITE_P(
    Rows3To6SameAccountGrants, AuthorizeTest,
    testing::Values(
        // Row 3: user ARN → only S.
        AuthCase{.name = "UserArnGrant",  // T11
                 .rbp = Doc(Grant(Aws(kUserA))),
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}}},
        AuthCase{.name = "UserArnGrantIgnoresBoundary",
                 .boundary = kOnlyGetCallerIdentity,
                 .rbp = Doc(Grant(Aws(kUserA))),
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}}},
        AuthCase{.name = "UserArnGrantWithIdentityAllow",
                 .identity = {kAllowInvoke},
                 .rbp = Doc(Grant(Aws(kUserA))),
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}, {"identity:id0", 0}}},
        AuthCase{.name = "OtherUserArnGrant",
                 .rbp = Doc(Grant(Aws("arn:aws:iam::111122223333:user/bob"))),
                 .want = kImplicit,
                 .gates = {"identity"}},
        // Row 4: role ARN, caller is a session of it → S ∧ B ∧ P.
        AuthCase{.name = "RoleArnGrant",  // T12
                 .caller = kSessA,
                 .rbp = Doc(Grant(Aws(kRoleA))),
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}}},
        AuthCase{.name = "RoleArnWithPathGrant",  // T56
                 .caller = kSessA,
                 .rbp = Doc(Grant(Aws("arn:aws:iam::111122223333:role/team/Dev"))),
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}}},
        AuthCase{.name = "RoleArnGrantLimitedByBoundary",  // T13
                 .caller = kSessA,
                 .boundary = kOnlyGetCallerIdentity,
                 .rbp = Doc(Grant(Aws(kRoleA))),
                 .want = kImplicit,
                 .gates = {"boundary"}},
        AuthCase{.name = "RoleArnGrantLimitedBySessionPolicy",
                 .caller = kSessA,
                 .session = kOnlyGetCallerIdentity,
                 .rbp = Doc(Grant(Aws(kRoleA))),
                 .want = kImplicit,
                 .gates = {"session"}},
        // Row 5: session ARN → only S.
        AuthCase{.name = "SessionArnGrantIgnoresBoundaryAndSession",  // T14
                 .caller = kSessA,
                 .boundary = kOnlyGetCallerIdentity,
                 .session = kOnlyGetCallerIdentity,
                 .rbp = Doc(Grant(Aws(kSessA))),
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}}},
        AuthCase{.name = "SessionArnGrantOtherSession",  // T15
                 .caller = kSessA2,
                 .boundary = kOnlyGetCallerIdentity,
                 .rbp = Doc(Grant(Aws(kSessA))),
                 .want = kImplicit,
                 .gates = {"identity", "boundary"}},
        AuthCase{.name = "FederatedUserArnGrant",
                 .caller = kFedA,
                 .session = kOnlyGetCallerIdentity,
                 .rbp = Doc(Grant(Aws(kFedA))),
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}}},
        // Row 6: account only → same as row 2.
        AuthCase{.name = "AccountGrantNeedsIdentity",  // T16
                 .rbp = Doc(Grant(Aws("arn:aws:iam::111122223333:root"))),
                 .want = kImplicit,
                 .gates = {"identity"}},
        AuthCase{.name = "AccountShortFormGrantNeedsIdentity",
                 .rbp = Doc(Grant(Aws(kA))),
                 .want = kImplicit,
                 .gates = {"identity"}},
        AuthCase{.name = "AccountGrantWithIdentity",
                 .identity = {kAllowInvoke},
                 .rbp = Doc(Grant(Aws("arn:aws:iam::111122223333:root"))),
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}, {"identity:id0", 0}}},
        AuthCase{.name = "AccountGrantLimitedByBoundary",
                 .caller = kSessA,
                 .identity = {kAllowInvoke},
                 .boundary = kOnlyGetCallerIdentity,
                 .rbp = Doc(Grant(Aws(kA))),
                 .want = kImplicit,
                 .gates = {"boundary"}},
        // "*": no identity needed; boundary/session as for the caller type
        // [INFERRED].
        AuthCase{.name = "StarGrantUser",
                 .rbp = Doc(Grant("\"*\"")),
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}}},
        AuthCase{.name = "StarGrantUserIgnoresBoundary",
                 .boundary = kOnlyGetCallerIdentity,
                 .rbp = Doc(Grant(Aws("*"))),
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}}},
        AuthCase{.name = "StarGrantSessionLimitedByBoundary",
                 .caller = kSessA,
                 .boundary = kOnlyGetCallerIdentity,
                 .rbp = Doc(Grant("\"*\"")),
                 .want = kImplicit,
                 .gates = {"boundary"}},
        AuthCase{.name = "StarGrantWithUnmetSourceAccount",  // T27
                 .rbp = Doc(Grant(
                     "\"*\"", kInvoke,
                     R"("Condition": {"StringEquals": {"AWS:SourceAccount": "111122223333"}})")),
                 .want = kImplicit,
                 .gates = {"identity"}},
        AuthCase{.name = "StrongestPrincipalFormWins",
                 .caller = kSessA,
                 .boundary = kOnlyGetCallerIdentity,
                 .rbp = Doc(Grant(Aws(kA)) + "," + Grant(Aws(kSessA))),
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}, {kRbp, 1}}},
        AuthCase{.name = "ResourcePolicyOfOtherResourceIgnored",  // spec §5.4
                 .rbp = Doc(Grant(Aws(kUserA))),
                 .resource = kFn + ":prod",
                 .want = kImplicit,
                 .gates = {"identity"}},
        // An IAM principal other than the caller has no policies of its own in
        // the scenario.
        AuthCase{.name = "OverridePrincipalHasNoIdentityPolicies",
                 .identity = {kAllowInvoke},
                 .principal = "arn:aws:iam::111122223333:user/bob",
                 .want = kImplicit,
                 .gates = {"identity"}},
        AuthCase{.name = "OverridePrincipalNamedByResourcePolicy",
                 .identity = {Doc(Deny("*"))},
                 .rbp = Doc(Grant(Aws("arn:aws:iam::111122223333:user/bob"))),
                 .principal = "arn:aws:iam::111122223333:user/bob",
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}}}),
    CaseName());

// Rows 7-9: cross-account callers need both sides.
INSTANTIATE_TEST_SUITE_P(
    Rows7To9CrossAccount, AuthorizeTest,
    testing::Values(
        AuthCase{.name = "BothSidesAllowAccountGrant",  // T17
                 .caller = kSessB,
                 .identity = {kAllowInvoke},
                 .rbp = Doc(Grant(Aws("arn:aws:iam::444455556666:root"))),
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}, {"identity:id0", 0}}},
        AuthCase{.name = "BothSidesAllowRoleGrant",
                 .caller = kSessB,
                 .identity = {kAllowInvoke},
                 .rbp = Doc(Grant(Aws("arn:aws:iam::444455556666:role/R"))),
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}, {"identity:id0", 0}}},
        AuthCase{.name = "ResourceSideNamesOtherRole",  // T20
                 .caller = kSessB,
                 .identity = {kAllowInvoke},
                 .rbp = Doc(Grant(Aws("arn:aws:iam::444455556666:role/Other"))),
                 .want = kImplicit,
                 .gates = {"resource"}},
        AuthCase{.name = "ResourcePolicySilent",  // T19, row 8
                 .caller = kSessB,
                 .identity = {kAllowInvoke},
                 .want = kImplicit,
                 .gates = {"resource"}},
        AuthCase{.name = "IdentitySilent",  // T18, row 9
                 .caller = kSessB,
                 .rbp = Doc(Grant(Aws(kB))),
                 .want = kImplicit,
                 .gates = {"identity"}},
        AuthCase{.name = "SessionArnGrantStillNeedsIdentity",
                 .caller = kSessB,
                 .rbp = Doc(Grant(Aws(kSessB))),
                 .want = kImplicit,
                 .gates = {"identity"}},
        AuthCase{.name = "BoundaryStillApplies",
                 .caller = kSessB,
                 .identity = {kAllowInvoke},
                 .boundary = kOnlyGetCallerIdentity,
                 .rbp = Doc(Grant(Aws(kB))),
                 .want = kImplicit,
                 .gates = {"boundary"}},
        AuthCase{.name = "CallerScpsApply",
                 .caller = kSessB,
                 .identity = {kAllowInvoke},
                 .scps = {{Doc(Allow("s3:*"))}},
                 .rbp = Doc(Grant(Aws(kB))),
                 .want = kImplicit,
                 .gates = {"scp"}},
        AuthCase{
            .name = "OrgConditionSatisfied",  // T21
            .caller = kSessB,
            .identity = {kAllowInvoke},
            .org_id = "o-abc",
            .rbp = Doc(Grant("\"*\"", kInvoke,
                             R"("Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}})")),
            .want = kAllowed,
            .decided_by = {{kRbp, 0}, {"identity:id0", 0}}},
        AuthCase{
            .name = "OrgConditionWithoutOrg",  // T22
            .caller = kSessB,
            .identity = {kAllowInvoke},
            .rbp = Doc(Grant("\"*\"", kInvoke,
                             R"("Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}})")),
            .want = kImplicit,
            .gates = {"resource"}},
        AuthCase{.name = "BothSidesMissing",
                 .caller = kSessB,
                 .want = kImplicit,
                 .gates = {"identity", "resource"}}),
    CaseName());

// Rows 10-11: service principals and anonymous callers: the resource policy
// only.
INSTANTIATE_TEST_SUITE_P(
    Rows10To11ServiceAndAnonymous, AuthorizeTest,
    testing::Values(
        AuthCase{
            .name = "ServiceWithSourceConditions",  // T23
            .identity = {Doc(Deny("*"))},
            .rbp = Doc(Grant(R"({"Service": "s3.amazonaws.com"})", kInvoke,
                             R"("Condition": {"StringEquals": {"AWS:SourceAccount": "111122223333"},
                                                   "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::bkt"}})")),
            .principal = "s3.amazonaws.com",
            .context = R"({"aws:SourceArn": "arn:aws:s3:::bkt",
                                "aws:SourceAccount": "111122223333"})",
            .want = kAllowed,
            .decided_by = {{kRbp, 0}}},
        AuthCase{
            .name = "ServiceFromOtherAccountBucket",  // T24
            .rbp = Doc(Grant(R"({"Service": "s3.amazonaws.com"})", kInvoke,
                             R"("Condition": {"StringEquals": {"AWS:SourceAccount": "111122223333"},
                                                   "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::bkt"}})")),
            .principal = "s3.amazonaws.com",
            .context = R"({"aws:SourceArn": "arn:aws:s3:::bkt",
                                "aws:SourceAccount": "777788889999"})",
            .want = kImplicit,
            .gates = {"resource"}},
        AuthCase{.name = "ServiceWithoutConditions",  // T25
                 .rbp = Doc(Grant(R"({"Service": "s3.amazonaws.com"})")),
                 .principal = "s3.amazonaws.com",
                 .context = R"({"aws:SourceArn": "arn:aws:s3:::someone-elses",
                                "aws:SourceAccount": "777788889999"})",
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}}},
        AuthCase{.name = "OtherService",  // T26
                 .rbp = Doc(Grant(R"({"Service": "s3.amazonaws.com"})")),
                 .principal = "sns.amazonaws.com",
                 .want = kImplicit,
                 .gates = {"resource"}},
        AuthCase{.name = "ServiceIgnoresCallerIdentityAllow",
                 .identity = {kAllowInvoke},
                 .principal = "s3.amazonaws.com",
                 .want = kImplicit,
                 .gates = {"resource"}},
        AuthCase{.name = "ServiceDeniedExplicitly",
                 .rbp = Doc(Grant(R"({"Service": "s3.amazonaws.com"})") + "," +
                            Grant(R"({"Service": "s3.amazonaws.com"})", kInvoke, "", "Deny")),
                 .principal = "s3.amazonaws.com",
                 .want = kExplicit,
                 .decided_by = {{kRbp, 1}}},
        AuthCase{.name = "ServiceMatchedByStar",
                 .rbp = Doc(Grant("\"*\"")),
                 .principal = "s3.amazonaws.com",
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}}},
        AuthCase{.name = "AnonymousFunctionUrl",  // row 11
                 .rbp = Doc(Grant(
                     "\"*\"", "lambda:InvokeFunctionUrl",
                     R"("Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}})")),
                 .principal = "*",
                 .action = "lambda:InvokeFunctionUrl",
                 .context = R"({"lambda:FunctionUrlAuthType": "NONE"})",
                 .want = kAllowed,
                 .decided_by = {{kRbp, 0}}},
        AuthCase{.name = "AnonymousNeedsStarGrant",
                 .rbp = Doc(Grant(Aws(kA), "lambda:InvokeFunctionUrl")),
                 .principal = "*",
                 .action = "lambda:InvokeFunctionUrl",
                 .want = kImplicit,
                 .gates = {"resource"}},
        AuthCase{.name = "AnonymousWithoutResourcePolicy",
                 .principal = "*",
                 .want = kImplicit,
                 .gates = {"resource"}}),
    CaseName());

TEST(DecisionNameTest, Names) {
  EXPECT_STREQ(DecisionName(Decision::kAllowed), "allowed");
  EXPECT_STREQ(DecisionName(Decision::kExplicitDeny), "explicitDeny");
  EXPECT_STREQ(DecisionName(Decision::kImplicitDeny), "implicitDeny");
}

TEST(IsRcpServiceTest, LambdaIsNotInTheList) {
  EXPECT_FALSE(IsRcpService("lambda"));
  EXPECT_TRUE(IsRcpService("s3"));
  EXPECT_TRUE(IsRcpService("S3"));
  EXPECT_TRUE(IsRcpService("kms"));
  EXPECT_FALSE(IsRcpService(""));
}

}  // namespace
}  // namespace policylab
