// Stage "parse": one policy document (nlohmann::json) -> Policy, with the validation of
// spec §1.6. Everything §1.6 lists is an error diagnostic with a stable code and the JSON
// pointer of the offending element; lints that AWS accepts are warnings.
#ifndef POLICYLAB_CORE_PARSE_POLICY_H_
#define POLICYLAB_CORE_PARSE_POLICY_H_

#include <string>

#include "core/diagnostic.h"
#include "core/json_source.h"
#include "core/policy.h"

namespace policylab {

// Parses `document` (located at `pointer` in the scenario) as a policy of `kind`. Diagnostics are
// appended; the returned Policy is only meaningful when no error was added.
//
// Error codes: policy-type, policy-unknown-element, policy-version-invalid,
// policy-statement-missing, sid-duplicate, effect-missing, effect-invalid, action-missing,
// action-and-notaction, action-no-prefix, resource-missing, resource-and-notresource,
// resource-not-arn, principal-forbidden, principal-missing, principal-and-notprincipal,
// principal-invalid, principal-unknown-type, principal-partial-wildcard,
// condition-operator-unknown, condition-set-prefix-unknown, condition-null-ifexists,
// condition-key-no-prefix, condition-value-invalid, condition-value-missing, limit-exceeded.
// Warning codes: policy-version-missing, sid-not-alphanumeric, not-principal-with-allow,
// principal-unique-id, variable-in-bool.
Policy ParsePolicy(const Json& document, PolicyKind kind, std::string id, std::string name,
                   const std::string& pointer, Diagnostics& diagnostics);

// Parses an operator name such as "ForAnyValue:StringLikeIfExists" into `entry`'s op, qualifier
// and if_exists. Returns the diagnostic code on failure ("" on success).
std::string ParseConditionOperator(std::string_view text, ConditionEntry& entry);

// The operator's base name without set prefix and IfExists ("StringLike").
const char* ConditionOperatorName(ConditionOperator op);

}  // namespace policylab

#endif  // POLICYLAB_CORE_PARSE_POLICY_H_
