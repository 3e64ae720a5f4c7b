// Stage "compile": Policy -> CompiledPolicy, once per scenario (DESIGN.md "compile once,
// evaluate many"). Actions become case-insensitive globs, resources six-field ARN patterns,
// principals resolved kinds, condition values parsed into their types (numbers, instants, CIDR
// blocks, bytes, globs). Statements whose values hold policy variables keep Templates that are
// resolved per request (spec §2.5).
#ifndef POLICYLAB_CORE_COMPILE_H_
#define POLICYLAB_CORE_COMPILE_H_

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/arn.h"
#include "core/policy.h"
#include "core/principal.h"
#include "core/values.h"
#include "core/variables.h"
#include "core/wildcard.h"

namespace policylab {

struct CompiledResource {
  std::string text;
  bool any = false;            // "*"
  bool is_arn = false;         // six fields; otherwise it can never match (spec §1.5 [UNSURE])
  bool exact = false;          // no wildcard, no variable: a plain comparison with `text`
  std::array<Glob, 6> fields;  // field 6 only when !field6_has_variables
  Template field6;             // spec §2.5: variables only after the fifth colon
  bool field6_has_variables = false;
};

struct CompiledConditionValue {
  std::string text;  // as written
  Template tmpl;     // String*/Arn* values (and Bool, see spec §2.5 [DISAGREE])
  bool has_variables = false;
  Glob glob;                       // StringLike/StringNotLike without variables
  std::string lower;               // *IgnoreCase without variables
  std::optional<ArnPattern> arn;   // Arn* without variables
  std::optional<Decimal> number;   // Numeric*
  std::optional<Instant> instant;  // Date*
  std::optional<IpBlock> ip;       // IpAddress/NotIpAddress
  bool boolean = false;            // Bool, Null
  std::string bytes;               // BinaryEquals (decoded)
};

struct CompiledCondition {
  int entry = 0;  // index into Statement::conditions
  ConditionOperator op = ConditionOperator::kStringEquals;
  SetQualifier qualifier = SetQualifier::kNone;
  bool if_exists = false;
  std::string key_lower;
  std::vector<CompiledConditionValue> values;
};

struct CompiledStatement {
  int index = 0;  // into Policy::statements
  Effect effect = Effect::kAllow;
  bool not_action = false;
  std::vector<Glob> actions;  // lower-cased patterns; match against the lower-cased action
  bool has_resource = false;
  bool not_resource = false;
  std::vector<CompiledResource> resources;
  bool has_principal = false;
  bool not_principal = false;
  std::vector<CompiledPrincipal> principals;
  std::vector<CompiledCondition> conditions;
};

// Immutable after construction; shared by every request of a scenario.
struct CompiledPolicy {
  Policy source;
  std::vector<CompiledStatement> statements;
};

std::shared_ptr<const CompiledPolicy> CompilePolicy(Policy policy);

}  // namespace policylab

#endif  // POLICYLAB_CORE_COMPILE_H_
