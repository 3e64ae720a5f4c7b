// The policy model: what stage "parse" produces from a policy document (spec §1).
//
// A Policy is the validated, normalised form of one AWS policy document: statements as an
// array, scalars as lists, every element remembered with its JSON pointer so that the trace and
// the editors can point at it. Values keep their case; matching-time normalisation (lower-casing
// actions and condition keys, splitting ARNs, parsing typed values) belongs to stage "compile"
// (compile.h). Objects are immutable after parsing.
#ifndef POLICYLAB_CORE_POLICY_H_
#define POLICYLAB_CORE_POLICY_H_

#include <string>
#include <vector>

namespace policylab {

enum class Effect { kAllow, kDeny };

// Where a policy is attached; decides which elements it must and must not have (spec §1.2).
enum class PolicyKind {
  kIdentity,  // identity-based: no Principal, Resource required
  kResource,  // resource-based (Lambda function or layer policy): Principal required
  kBoundary,  // permissions boundary: written like an identity policy
  kSession,   // session policy: written like an identity policy
  kScp,       // service control policy: identity-policy grammar, no Principal
  kRcp,       // resource control policy: "Principal": "*" required
};

const char* PolicyKindName(PolicyKind kind);  // "identity", "resource", ...
const char* EffectName(Effect effect);        // "Allow" / "Deny"

// One entry of Principal / NotPrincipal (spec §1.3), as written.
struct PrincipalEntry {
  std::string type;   // "*" (bare star), "AWS", "Service", "Federated", "CanonicalUser"
  std::string value;  // "*" for the bare star
  std::string pointer;
};

// Operator families of spec §2.3. Negated forms are separate so the §2.2 table reads directly.
enum class ConditionOperator {
  kStringEquals,
  kStringNotEquals,
  kStringEqualsIgnoreCase,
  kStringNotEqualsIgnoreCase,
  kStringLike,
  kStringNotLike,
  kNumericEquals,
  kNumericNotEquals,
  kNumericLessThan,
  kNumericLessThanEquals,
  kNumericGreaterThan,
  kNumericGreaterThanEquals,
  kDateEquals,
  kDateNotEquals,
  kDateLessThan,
  kDateLessThanEquals,
  kDateGreaterThan,
  kDateGreaterThanEquals,
  kBool,
  kBinaryEquals,
  kIpAddress,
  kNotIpAddress,
  kArnEquals,
  kArnLike,
  kArnNotEquals,
  kArnNotLike,
  kNull,
};

enum class SetQualifier { kNone, kForAllValues, kForAnyValue };

// One key of one operator block: "StringEquals": {"aws:SourceAccount": ["1", "2"]}.
struct ConditionEntry {
  std::string operator_text;  // as written, e.g. "ForAnyValue:StringLikeIfExists"
  ConditionOperator op = ConditionOperator::kStringEquals;
  SetQualifier qualifier = SetQualifier::kNone;
  bool if_exists = false;
  std::string key;                  // as written (case kept for display)
  std::vector<std::string> values;  // JSON numbers and booleans as their text
  std::string pointer;              // to the key inside the operator block
};

struct Statement {
  int index = 0;
  std::string pointer;  // "/.../Statement/0" (or ".../Statement" for a single object)
  std::string sid;
  bool has_sid = false;
  Effect effect = Effect::kAllow;

  bool not_action = false;
  std::vector<std::string> actions;
  std::string action_pointer;

  bool has_resource = false;  // Resource or NotResource present
  bool not_resource = false;
  std::vector<std::string> resources;
  std::string resource_pointer;

  bool has_principal = false;  // Principal or NotPrincipal present
  bool not_principal = false;
  std::vector<PrincipalEntry> principals;
  std::string principal_pointer;

  std::vector<ConditionEntry> conditions;
};

struct Policy {
  std::string id;    // "identity:<name>", "resource:<arn>", "boundary:<name>", "session", ...
  std::string name;  // display name
  PolicyKind kind = PolicyKind::kIdentity;
  std::string pointer;             // pointer of the document in the scenario
  std::string version;             // "" when absent
  bool variables_enabled = false;  // Version 2012-10-17 only (spec §2.5)
  std::vector<Statement> statements;
};

}  // namespace policylab

#endif  // POLICYLAB_CORE_POLICY_H_
