// Stage "authorize": one authorization check -> Decision, by the evaluation logic of spec §3.
//
// Authorize() reads like the spec: a short sequence of named steps (explicit deny pass, SCP
// gate, RCP rule, resource-based policy, identity policies, permissions boundary, session
// policy), each citing the rule it implements. Statement matching lives in match_statement.h.
#ifndef POLICYLAB_CORE_AUTHORIZE_H_
#define POLICYLAB_CORE_AUTHORIZE_H_

#include <memory>
#include <string>
#include <vector>

#include "core/compile.h"
#include "core/context.h"
#include "core/json_source.h"
#include "core/principal.h"

namespace policylab {

using PolicyPtr = std::shared_ptr<const CompiledPolicy>;
using PolicyLevels = std::vector<std::vector<PolicyPtr>>;  // SCP / RCP levels, root first

// The caller's side of the evaluation (spec §3.2): its policies belong to it alone.
struct Caller {
  RequestPrincipal principal;
  std::vector<PolicyPtr> identity;
  PolicyPtr boundary;  // null when absent
  PolicyPtr session;   // null when absent
  PolicyLevels scps;   // empty: no organization
};

struct AuthorizationCheck {
  std::string action;    // IAM action, e.g. "lambda:InvokeFunction"
  std::string resource;  // exact ARN, or "*" for actions without a resource type
  RequestPrincipal principal;
  bool principal_is_caller = true;  // false: an override principal without policies
  RequestContext context;
};

// Everything the authorizer reads besides the check.
struct AuthorizationInput {
  const Caller* caller = nullptr;
  const CompiledPolicy* resource_policy = nullptr;  // policy attached to the exact resource
  const PolicyLevels* rcps = nullptr;               // resource control policies
};

enum class Decision { kAllowed, kExplicitDeny, kImplicitDeny };
const char* DecisionName(Decision decision);  // "allowed", "explicitDeny", "implicitDeny"

struct DecidingStatement {
  const CompiledPolicy* policy = nullptr;
  int statement = 0;
};

// Something that kept an implicit deny in place: the gate and a one-line explanation.
struct Gate {
  std::string gate;     // "scp", "identity", "boundary", "session", "resource"
  std::string message;  // "SCP level 1 allows nothing that matches"
  std::string policy;   // policy id when one policy is to blame
};

struct AuthorizationResult {
  Decision decision = Decision::kImplicitDeny;
  std::vector<DecidingStatement> decided_by;
  std::vector<Gate> blocked_by;
  std::string reason;  // one line
  Json trace;          // array of per-policy traces (null without trace)
};

// Evaluates one check. With `with_trace`, the result carries the full explanation.
AuthorizationResult Authorize(const AuthorizationInput& input, const AuthorizationCheck& check,
                              bool with_trace);

// spec §3.1 step 4: services whose resources RCPs apply to (Organizations guide, 2026 list).
// `lambda` is not one of them.
bool IsRcpService(std::string_view service_prefix);

}  // namespace policylab

#endif  // POLICYLAB_CORE_AUTHORIZE_H_
