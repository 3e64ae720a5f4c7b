// Stage "resolve": a scenario request -> the authorization checks it needs, each with its full
// request context (spec §0): the keys the request gives plus the ones AWS fills in from the
// principal (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:username,
// aws:PrincipalTag/*, aws:PrincipalOrgID, ...) and from the request (aws:CurrentTime,
// aws:EpochTime, aws:SecureTransport, aws:RequestedRegion). Keys the request gives win.
#ifndef POLICYLAB_CORE_RESOLVE_H_
#define POLICYLAB_CORE_RESOLVE_H_

#include <memory>
#include <string>

#include "core/authorize.h"
#include "core/scenario.h"

namespace policylab {

// Builds the check for an `action` + `resource` request (or for one action of an API call).
// `who` is the request's principal; `is_caller` tells whether it is the scenario's caller.
AuthorizationCheck MakeCheck(const Scenario& scenario, const RequestPrincipal& who, bool is_caller,
                             std::string action, std::string resource,
                             const RequestContext& request_context);

// The same, given the keys that depend on the principal and the scenario alone
// (PrincipalContext), which the checks of one principal share: the check's context starts from
// them (context.h) instead of a copy.
AuthorizationCheck MakeCheck(const Scenario& scenario,
                             std::shared_ptr<const RequestContext> principal_context,
                             const RequestPrincipal& who, bool is_caller, std::string action,
                             std::string resource, const RequestContext& request_context);

// The context keys of a check that do not depend on its action, resource or request: the
// principal's (aws:PrincipalArn, aws:PrincipalTag/*, ...) and aws:CurrentTime, aws:EpochTime,
// aws:SecureTransport. Every key but aws:RequestedRegion and the request's own.
RequestContext PrincipalContext(const Scenario& scenario, const RequestPrincipal& who,
                                bool is_caller);

// The instant used for aws:CurrentTime: the scenario's "now", else the system clock.
Instant ScenarioNow(const Scenario& scenario);

}  // namespace policylab

#endif  // POLICYLAB_CORE_RESOLVE_H_
