// Tested by tests/unit/resolve_test.cc and the conformance corpus.
#include "core/resolve.h"

#include <chrono>

#include "core/arn.h"

namespace policylab {

Instant ScenarioNow(const Scenario& scenario) {
  if (scenario.now) return *scenario.now;
  auto since = std::chrono::system_clock::now().time_since_epoch();
  return Instant{std::chrono::duration_cast<std::chrono::seconds>(since).count(), 0};
}

RequestContext PrincipalContext(const Scenario& scenario, const RequestPrincipal& who,
                                bool is_caller) {
  RequestContext ctx;
  // Principal keys (spec §3.5).
  ctx.Set("aws:PrincipalType", PrincipalKindName(who.kind));
  switch (who.kind) {
    case PrincipalKind::kService:
      ctx.Set("aws:PrincipalServiceName", who.service);
      ctx.Set("aws:PrincipalIsAWSService", "true");
      break;
    case PrincipalKind::kAnonymous:
      ctx.Set("aws:userid", "anonymous");
      break;
    default:
      ctx.Set("aws:PrincipalArn", who.PrincipalArn());
      ctx.Set("aws:PrincipalAccount", who.account);
      ctx.Set("aws:PrincipalIsAWSService", "false");
      if (who.kind == PrincipalKind::kIamUser) ctx.Set("aws:username", who.user_name);  // §2.5
      if (who.kind == PrincipalKind::kRoot) ctx.Set("aws:userid", who.account);
      break;
  }
  if (is_caller && who.IsIam()) {
    for (const auto& [key, value] : scenario.principal_tags) {
      ctx.Set("aws:PrincipalTag/" + key, value);
    }
    if (scenario.org_id) ctx.Set("aws:PrincipalOrgID", *scenario.org_id);
  }

  // Request keys that do not depend on the request.
  Instant now = ScenarioNow(scenario);
  ctx.Set("aws:CurrentTime", FormatInstant(now));
  ctx.Set("aws:EpochTime", std::to_string(now.seconds));
  ctx.Set("aws:SecureTransport", "true");
  return ctx;
}

AuthorizationCheck MakeCheck(const Scenario& scenario, const RequestPrincipal& who, bool is_caller,
                             std::string action, std::string resource,
                             const RequestContext& request_context) {
  return MakeCheck(
      scenario, std::make_shared<const RequestContext>(PrincipalContext(scenario, who, is_caller)),
      who, is_caller, std::move(action), std::move(resource), request_context);
}

AuthorizationCheck MakeCheck(const Scenario& scenario,
                             std::shared_ptr<const RequestContext> principal_context,
                             const RequestPrincipal& who, bool is_caller, std::string action,
                             std::string resource, const RequestContext& request_context) {
  AuthorizationCheck check;
  check.action = std::move(action);
  check.resource = std::move(resource);
  check.principal = who;
  check.principal_is_caller = is_caller;
  check.context = RequestContext(std::move(principal_context));
  RequestContext& ctx = check.context;
  std::optional<ArnParts> arn = SplitArn(check.resource);
  ctx.Set("aws:RequestedRegion",
          arn && !arn->region().empty() ? std::string(arn->region()) : scenario.region);

  // The request's own keys win.
  request_context.ForEach([&](const ContextEntry& e) {
    if (e.multivalued) {
      ctx.SetList(e.display_key, e.values);
    } else {
      ctx.Set(e.display_key, e.values.front());
    }
  });
  return check;
}

}  // namespace policylab
