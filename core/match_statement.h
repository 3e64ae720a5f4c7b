// Statement matching: does one compiled statement apply to one authorization check? A statement
// applies only if Action, Resource, Principal (resource-based policies) and every condition
// match (spec §2.1). This is where the §2.2 missing-key table and the §2.4 set operators live.
//
// With a trace sink, every element is evaluated (no short-circuit) and described, so that the
// explanation can say why each element did or did not match; without one, evaluation stops at
// the first element that fails and allocates nothing on the common path.
#ifndef POLICYLAB_CORE_MATCH_STATEMENT_H_
#define POLICYLAB_CORE_MATCH_STATEMENT_H_

#include <optional>
#include <string_view>

#include "core/arn.h"
#include "core/compile.h"
#include "core/context.h"
#include "core/json_source.h"
#include "core/principal.h"

namespace policylab {

// One authorization check as seen by the matcher.
struct CheckView {
  std::string_view action;                      // "lambda:InvokeFunction"
  std::string_view action_lower;                // "lambda:invokefunction" (spec §1.4)
  std::string_view resource;                    // ARN or "*"
  const std::optional<ArnParts>* resource_arn;  // split once per check
  const RequestPrincipal* principal;
  const RequestContext* context;
};

struct StatementMatch {
  bool matched = false;
  PrincipalMatch principal = PrincipalMatch::kNone;  // how Principal matched (resource policies)
  bool not_principal_with_boundary = false;          // spec §1.3 pitfall applied
};

// `has_boundary`: the caller has a permissions boundary (spec §1.3: Deny + NotPrincipal always
// applies to such a principal). `trace`, when given, receives the statement's trace object:
// {"statement","sid","effect","pointer","matched","elements":[...]}.
StatementMatch MatchStatement(const CompiledPolicy& policy, const CompiledStatement& statement,
                              const CheckView& check, bool has_boundary, Json* trace);

// Evaluates one condition entry (exposed for unit tests). `detail` receives a readable reason.
bool EvaluateCondition(const CompiledCondition& condition, const ConditionEntry& entry,
                       const RequestContext& context, std::string* detail);

}  // namespace policylab

#endif  // POLICYLAB_CORE_MATCH_STATEMENT_H_
