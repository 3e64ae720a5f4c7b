// Tested by tests/unit/authorize_test.cc and the conformance corpus (tests/corpus/authorize).
#include "core/authorize.h"

#include <array>
#include <string_view>

#include "core/arn.h"
#include "core/diagnostic.h"
#include "core/match_statement.h"

namespace policylab {
namespace {

// The statements of one policy that matched the check.
struct PolicyOutcome {
  const CompiledPolicy* policy = nullptr;
  std::vector<int> allows;
  std::vector<int> denies;
  PrincipalMatch best_allow = PrincipalMatch::kNone;  // strongest principal form among allows
  bool Allows() const { return !allows.empty(); }
};

class Evaluator {
 public:
  Evaluator(const AuthorizationCheck& check, bool with_trace, bool has_boundary)
      : trace_(with_trace), has_boundary_(has_boundary) {
    arn_ = SplitArn(check.resource);
    action_lower_ = AsciiLower(check.action);
    view_ = {check.action, action_lower_, check.resource, &arn_, &check.principal, &check.context};
    if (trace_) traces_ = Json::array();
  }

  // Matches every statement of `policy`; records the outcome and, with a trace, its trace.
  PolicyOutcome Run(const CompiledPolicy& policy) {
    PolicyOutcome out;
    out.policy = &policy;
    Json statements = trace_ ? Json::array() : Json();
    for (const CompiledStatement& st : policy.statements) {
      Json st_trace;
      StatementMatch m =
          MatchStatement(policy, st, view_, has_boundary_, trace_ ? &st_trace : nullptr);
      if (trace_) statements.push_back(std::move(st_trace));
      if (!m.matched) continue;
      if (st.effect == Effect::kDeny) {
        out.denies.push_back(st.index);
      } else {
        out.allows.push_back(st.index);
        if (m.principal > out.best_allow) out.best_allow = m.principal;
      }
    }
    if (trace_) {
      traces_.push_back({{"policy", policy.source.id},
                         {"kind", PolicyKindName(policy.source.kind)},
                         {"pointer", policy.source.pointer},
                         {"applies", true},
                         {"statements", std::move(statements)}});
    }
    return out;
  }

  // A policy that exists but does not take part in this check, with the reason.
  void Skip(const CompiledPolicy& policy, const std::string& note) {
    if (!trace_) return;
    traces_.push_back({{"policy", policy.source.id},
                       {"kind", PolicyKindName(policy.source.kind)},
                       {"pointer", policy.source.pointer},
                       {"applies", false},
                       {"note", note},
                       {"statements", Json::array()}});
  }

  const std::optional<ArnParts>& arn() const { return arn_; }
  Json TakeTrace() { return std::move(traces_); }

 private:
  bool trace_;
  bool has_boundary_;
  std::optional<ArnParts> arn_;
  std::string action_lower_;
  CheckView view_;
  Json traces_;
};

void AddStatements(const PolicyOutcome& o, const std::vector<int>& which,
                   std::vector<DecidingStatement>& out) {
  for (int i : which) out.push_back({o.policy, i});
}

std::string StatementName(const CompiledPolicy& p, int index) {
  const Statement& s = p.source.statements[index];
  std::string name = Quote(p.source.id) + " statement " + std::to_string(index);
  if (s.has_sid) name += " (Sid " + Quote(s.sid) + ")";
  return name;
}

std::string_view ServiceOf(std::string_view action) {
  size_t colon = action.find(':');
  return colon == std::string_view::npos ? std::string_view() : action.substr(0, colon);
}

}  // namespace

const char* DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kAllowed:
      return "allowed";
    case Decision::kExplicitDeny:
      return "explicitDeny";
    case Decision::kImplicitDeny:
      return "implicitDeny";
  }
  return "implicitDeny";
}

bool IsRcpService(std::string_view service) {
  // Organizations guide, "Resource control policies", supported services (2026 snapshot).
  static constexpr std::array<std::string_view, 14> kServices = {"s3",
                                                                 "sts",
                                                                 "kms",
                                                                 "sqs",
                                                                 "secretsmanager",
                                                                 "dynamodb",
                                                                 "ecr",
                                                                 "logs",
                                                                 "cognito-identity",
                                                                 "cognito-idp",
                                                                 "aoss",
                                                                 "es",
                                                                 "bedrock",
                                                                 "elasticfilesystem"};
  for (std::string_view s : kServices) {
    if (EqualsIgnoreCase(s, service)) return true;
  }
  return false;
}

AuthorizationResult Authorize(const AuthorizationInput& input, const AuthorizationCheck& check,
                              bool with_trace) {
  const Caller& caller = *input.caller;
  const RequestPrincipal& who = check.principal;
  // The caller's own policies apply only when the caller makes the request (spec §3.2); an
  // override principal has none, and service principals and anonymous callers never have any.
  const bool caller_side = check.principal_is_caller && who.IsIam();
  const bool has_boundary = caller_side && caller.boundary != nullptr;
  Evaluator eval(check, with_trace, has_boundary);
  AuthorizationResult result;

  // Whose resource is it? The account field of the ARN; S3-style ARNs without an account and
  // "*" resources belong to the caller's account.
  std::string resource_account = caller.principal.account;
  if (eval.arn() && !eval.arn()->account().empty()) {
    resource_account = std::string(eval.arn()->account());
  }
  const bool cross_account = who.IsIam() && who.account != resource_account;

  // ---- Collect: which statements of which applicable policy match (spec §3.1 steps 2-8). ----
  std::vector<PolicyOutcome> scp_outcomes;
  std::vector<std::pair<size_t, bool>> scp_level_allows;  // (level, some SCP allows)
  bool scps_apply = caller_side && !caller.scps.empty() && !who.service_linked_role;
  for (size_t level = 0; level < caller.scps.size(); ++level) {
    bool level_allows = false;
    for (const PolicyPtr& p : caller.scps[level]) {
      if (!scps_apply) {
        eval.Skip(*p, !caller_side
                          ? "SCPs apply only to IAM principals of the caller's "
                            "organization, not to this principal (spec §3.1 step 3)"
                          : "SCPs do not apply to service-linked roles (spec §3.1 step 3)");
        continue;
      }
      scp_outcomes.push_back(eval.Run(*p));
      level_allows = level_allows || scp_outcomes.back().Allows();
    }
    // An empty level is ignored (the scenario parser warns): AWS requires one SCP per level.
    if (scps_apply && !caller.scps[level].empty()) {
      scp_level_allows.emplace_back(level, level_allows);
    }
  }

  std::vector<PolicyOutcome> rcp_outcomes;
  if (input.rcps != nullptr) {
    bool rcps_apply = IsRcpService(ServiceOf(check.action)) && !who.service_linked_role;
    for (const auto& level : *input.rcps) {
      for (const PolicyPtr& p : level) {
        if (rcps_apply) {
          rcp_outcomes.push_back(eval.Run(*p));
        } else {
          eval.Skip(*p, who.service_linked_role
                            ? "RCPs do not apply to service-linked roles (spec §3.1 step 4)"
                            : "RCPs have no effect on " + Quote(ServiceOf(check.action)) +
                                  " actions: the service is not in the RCP list (spec §3.1 "
                                  "step 4)");
        }
      }
    }
  }

  PolicyOutcome rbp;
  if (input.resource_policy != nullptr) rbp = eval.Run(*input.resource_policy);

  std::vector<PolicyOutcome> identity;
  PolicyOutcome boundary;
  PolicyOutcome session;
  for (const PolicyPtr& p : caller.identity) {
    if (caller_side) {
      identity.push_back(eval.Run(*p));
    } else {
      eval.Skip(*p, "identity policies belong to the caller, not to " + Quote(who.text));
    }
  }
  if (caller.boundary) {
    if (caller_side) {
      boundary = eval.Run(*caller.boundary);
    } else {
      eval.Skip(*caller.boundary, "the boundary belongs to the caller, not to " + Quote(who.text));
    }
  }
  if (caller.session) {
    if (caller_side) {
      session = eval.Run(*caller.session);
    } else {
      eval.Skip(*caller.session, "the session policy belongs to the caller");
    }
  }
  if (with_trace) result.trace = eval.TakeTrace();

  // ---- Step 2: explicit deny anywhere wins (spec §3.1 step 2, §3.4 row 1). -----------------
  auto collect_denies = [&](const PolicyOutcome& o) {
    if (o.policy != nullptr) AddStatements(o, o.denies, result.decided_by);
  };
  for (const PolicyOutcome& o : scp_outcomes) collect_denies(o);
  for (const PolicyOutcome& o : rcp_outcomes) collect_denies(o);
  collect_denies(rbp);
  for (const PolicyOutcome& o : identity) collect_denies(o);
  collect_denies(boundary);
  collect_denies(session);
  if (!result.decided_by.empty()) {
    result.decision = Decision::kExplicitDeny;
    const DecidingStatement& d = result.decided_by.front();
    result.reason = "explicitly denied by " + StatementName(*d.policy, d.statement);
    return result;
  }

  // ---- Step 3: SCP gate: every level must allow (spec §3.1 step 3). ------------------------
  for (const auto& [level, allows] : scp_level_allows) {
    if (!allows) {
      result.blocked_by.push_back({"scp",
                                   "SCP level " + std::to_string(level) +
                                       " allows nothing that matches " + Quote(check.action),
                                   "scp:" + std::to_string(level)});
    }
  }

  // ---- Step 4: RCPs never grant; RCPFullAWSAccess is always attached (spec §3.1 step 4). ----

  // ---- Steps 5-8: resource policy, identity, boundary, session (spec §3.3, §3.4). ----------
  bool identity_allows = false;
  for (const PolicyOutcome& o : identity) identity_allows = identity_allows || o.Allows();
  if (who.kind == PrincipalKind::kRoot && caller_side) {
    identity_allows = true;  // spec §3.1 step 9: the root user is allowed by default
  }
  const bool boundary_ok = !caller_side || !caller.boundary || boundary.Allows();
  const bool session_ok = !caller_side || !caller.session || session.Allows();
  const bool rbp_allows = rbp.Allows();

  auto need_identity = [&]() {
    if (!identity_allows) {
      result.blocked_by.push_back(
          {"identity",
           caller_side ? "no identity-based policy allows " + Quote(check.action) + " on " +
                             Quote(check.resource)
                       : Quote(who.text) + " has no identity-based policies in this scenario "
                                           "(only the caller's are known)",
           ""});
    }
  };
  auto need_boundary = [&]() {
    if (!boundary_ok) {
      result.blocked_by.push_back({"boundary",
                                   "the permissions boundary does not allow " + Quote(check.action),
                                   caller.boundary->source.id});
    }
  };
  auto need_session = [&]() {
    if (!session_ok) {
      result.blocked_by.push_back({"session",
                                   "the session policy does not allow " + Quote(check.action),
                                   caller.session->source.id});
    }
  };

  bool granted_by_identity = false;
  bool granted_by_rbp = false;
  if (who.kind == PrincipalKind::kService || who.kind == PrincipalKind::kAnonymous) {
    // spec §3.2, §3.4 rows 10-11: only the resource-based policy counts.
    if (rbp_allows) {
      granted_by_rbp = true;
    } else {
      result.blocked_by.push_back(
          {"resource",
           who.kind == PrincipalKind::kService
               ? "the resource policy grants nothing to service " + Quote(who.service) +
                     " (service principals need a resource-policy grant)"
               : "no resource-policy statement allows anonymous callers (`\"Principal\": "
                 "\"*\"`)",
           input.resource_policy ? input.resource_policy->source.id : ""});
    }
  } else if (cross_account) {
    // spec §3.4 rows 7-9: both sides must allow.
    need_identity();
    need_boundary();
    need_session();
    if (!rbp_allows) {
      result.blocked_by.push_back({"resource",
                                   "cross-account caller (account " + Quote(who.account) +
                                       ", resource in account " + Quote(resource_account) +
                                       ") has no resource-policy grant",
                                   input.resource_policy ? input.resource_policy->source.id : ""});
    }
    granted_by_identity = identity_allows;
    granted_by_rbp = rbp_allows;
  } else {
    // Same account (spec §3.3): how the resource policy named the caller decides which implicit
    // denies it overrides.
    PrincipalMatch grant = rbp_allows ? rbp.best_allow : PrincipalMatch::kNone;
    if (grant == PrincipalMatch::kStar) {
      // spec §3.3 [INFERRED]: a "*" grant acts as for the caller type.
      switch (who.kind) {
        case PrincipalKind::kIamUser:
          grant = PrincipalMatch::kUser;
          break;
        case PrincipalKind::kAssumedRole:
          grant = PrincipalMatch::kRole;
          break;
        case PrincipalKind::kFederatedUser:
          grant = PrincipalMatch::kFederatedUser;
          break;
        default:
          grant = PrincipalMatch::kUser;  // root
          break;
      }
    }
    switch (grant) {
      case PrincipalMatch::kUser:
      case PrincipalMatch::kSession:
      case PrincipalMatch::kFederatedUser:
      case PrincipalMatch::kService:
        granted_by_rbp = true;  // rows 3, 5: only S
        break;
      case PrincipalMatch::kRole:
        need_boundary();  // row 4: S ∧ B ∧ P
        need_session();
        granted_by_rbp = true;
        break;
      case PrincipalMatch::kAccount:
      case PrincipalMatch::kStar:
      case PrincipalMatch::kNone:
        need_identity();  // rows 2, 6: S ∧ I ∧ B ∧ P
        need_boundary();
        need_session();
        granted_by_rbp = rbp_allows;
        break;
    }
    granted_by_identity = identity_allows;
    if (grant == PrincipalMatch::kAccount || grant == PrincipalMatch::kNone) {
      granted_by_rbp = rbp_allows && identity_allows;
    }
  }

  if (!result.blocked_by.empty()) {
    result.decision = Decision::kImplicitDeny;
    result.reason = result.blocked_by.front().message;
    for (size_t i = 1; i < result.blocked_by.size(); ++i) {
      result.reason += "; " + result.blocked_by[i].message;
    }
    return result;
  }

  result.decision = Decision::kAllowed;
  if (granted_by_rbp) AddStatements(rbp, rbp.allows, result.decided_by);
  if (granted_by_identity) {
    for (const PolicyOutcome& o : identity) AddStatements(o, o.allows, result.decided_by);
  }
  if (result.decided_by.empty()) {
    result.reason = "the account root user is allowed by default (spec §3.1 step 9)";
  } else {
    const DecidingStatement& d = result.decided_by.front();
    result.reason = "allowed by " + StatementName(*d.policy, d.statement);
    if (result.decided_by.size() > 1) {
      result.reason += " and " + std::to_string(result.decided_by.size() - 1) + " more";
    }
  }
  return result;
}

}  // namespace policylab
