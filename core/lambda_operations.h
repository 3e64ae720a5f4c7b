// Lambda API operations as authorization checks and as state changes (spec §4.3-§4.5, §5).
//
// An API call is handled in two stages, the way Lambda does it:
//   Prepare: validate parameters, resolve FunctionName/Qualifier (spec §4.4) and list the
//            authorization checks the call needs (spec §4.3: some operations need several
//            actions, all of which must be allowed), each with the context keys of §4.5.
//   Apply:   once every check is allowed, perform the call against the LambdaStore (AddPermission
//            writes a statement shaped as §5.2, GetPolicy returns the policy as a JSON string,
//            ...) and produce AWS's response or AWS's error (§5.3).
#ifndef POLICYLAB_CORE_LAMBDA_OPERATIONS_H_
#define POLICYLAB_CORE_LAMBDA_OPERATIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/context.h"
#include "core/lambda_request.h"
#include "core/lambda_store.h"
#include "core/principal.h"

namespace policylab {

struct PlannedCheck {
  std::string action;
  std::string resource;
  RequestContext context;  // keys the call itself contributes (lambda:Principal, ...)
};

// Where the call is made from: the caller's partition, region and account.
struct CallEnvironment {
  std::string partition = "aws";
  std::string region = "us-east-1";
  std::string account;
  const RequestPrincipal* principal = nullptr;
};

struct ApiPlan {
  LambdaCall call;
  std::optional<ApiError> error;  // rejected before authorization
  std::vector<PlannedCheck> checks;
  std::optional<FunctionRef> function;
  std::optional<LayerVersionRef> layer;
  // Function URL invocations answer with HTTP statuses rather than API errors.
  bool function_url = false;
};

struct ApiOutcome {
  std::optional<ApiError> error;
  OrderedJson response = OrderedJson::object();
  int status = 200;
};

// True when `operation` is a Lambda API operation this engine knows (including
// "InvokeFunctionUrl", which stands for an HTTP request to a function URL).
bool IsKnownOperation(const std::string& operation);

ApiPlan PrepareCall(const LambdaCall& call, const CallEnvironment& env, const LambdaStore& store);

// Performs an authorized call. Mutates `store` for the permission-management operations.
ApiOutcome ApplyCall(const ApiPlan& plan, const CallEnvironment& env, LambdaStore& store);

// AWS's AccessDeniedException text for a denied check (spec §3: identity vs resource side).
std::string AccessDeniedMessage(const RequestPrincipal& who, const std::string& action,
                                const std::string& resource, bool explicit_deny,
                                const std::string& blocking_gate);

}  // namespace policylab

#endif  // POLICYLAB_CORE_LAMBDA_OPERATIONS_H_
