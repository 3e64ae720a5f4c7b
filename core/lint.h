// Policy and request warnings (issue #3 item 6): things AWS accepts but that almost certainly
// do not mean what the author wanted. Each is a diagnostic with severity warning (or info), a
// stable code and the pointer of the element; none changes a decision.
//
// Codes:
//   action-unknown            an action (or pattern) that names no action of a known service
//   action-service-unknown    a service prefix the catalog does not know (e.g. `cloudwatchlog:`)
//   resource-type-mismatch    a resource no resource type of the action accepts, so the
//                             statement can never apply to it (lambda:ListFunctions on a
//                             function ARN)
//   condition-key-unsupported a lambda: condition key that none of the statement's actions
//                             supports
//   condition-key-unknown     a lambda: condition key that does not exist
//   condition-multivalued-key a multivalued key (lambda:Layer, aws:TagKeys, ...) used without
//                             ForAllValues:/ForAnyValue: (spec §2.4)
//   lambda-arn-account-wildcard  a wildcard in the account field of a Lambda ARN (spec §1.5)
//   source-function-arn-in-resource-policy  lambda:SourceFunctionArn in a resource policy,
//                             where it does not work (spec §4.5 [DISAGREE])
//   service-principal-without-source  a service principal grant without aws:SourceArn or
//                             aws:SourceAccount: any account's resources may use it (spec §3.5)
//   resource-policy-not-producible (info)  a function policy the Lambda API could not have
//                             written (Deny, NotPrincipal, NotAction, ...; spec §5)
#ifndef POLICYLAB_CORE_LINT_H_
#define POLICYLAB_CORE_LINT_H_

#include <string>

#include "core/diagnostic.h"
#include "core/policy.h"

namespace policylab {

void LintPolicy(const Policy& policy, Diagnostics& diagnostics);

// Warnings for an `action` + `resource` request: unknown action, or a resource the action can
// never be authorized on.
void LintCheckRequest(const std::string& action, const std::string& resource,
                      const std::string& pointer, Diagnostics& diagnostics);

}  // namespace policylab

#endif  // POLICYLAB_CORE_LINT_H_
