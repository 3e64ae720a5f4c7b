// Tested by tests/unit/condition_test.cc.
//
// The condition operators of spec §2.3 grouped by what they compare: the one place for the
// case lists that checking values (parse_policy.cc), compiling them (compile.cc) and comparing
// them (match_statement.cc) all need. A family holds both the positive and the negated
// operator; IsNegatedOperator tells them apart (the §2.2 missing-key table needs it).

#ifndef POLICYLAB_CORE_CONDITION_OPERATOR_H_
#define POLICYLAB_CORE_CONDITION_OPERATOR_H_

#include "core/policy.h"

namespace policylab {

enum class OperatorFamily {
  kString,            // StringEquals, StringNotEquals: exact, `*` literal
  kStringIgnoreCase,  // StringEqualsIgnoreCase, StringNotEqualsIgnoreCase
  kStringLike,        // StringLike, StringNotLike: globs
  kNumeric,           // Numeric*: decimals
  kDate,              // Date*: ISO 8601 or epoch seconds
  kBool,
  kBinary,  // BinaryEquals: base64
  kIp,      // IpAddress, NotIpAddress: CIDR blocks
  kArn,     // Arn*: six-field ARN patterns (ArnEquals behaves as ArnLike, spec §2.3)
  kNull,
};

constexpr OperatorFamily FamilyOf(ConditionOperator op) {
  switch (op) {
    case ConditionOperator::kStringEquals:
    case ConditionOperator::kStringNotEquals:
      return OperatorFamily::kString;
    case ConditionOperator::kStringEqualsIgnoreCase:
    case ConditionOperator::kStringNotEqualsIgnoreCase:
      return OperatorFamily::kStringIgnoreCase;
    case ConditionOperator::kStringLike:
    case ConditionOperator::kStringNotLike:
      return OperatorFamily::kStringLike;
    case ConditionOperator::kNumericEquals:
    case ConditionOperator::kNumericNotEquals:
    case ConditionOperator::kNumericLessThan:
    case ConditionOperator::kNumericLessThanEquals:
    case ConditionOperator::kNumericGreaterThan:
    case ConditionOperator::kNumericGreaterThanEquals:
      return OperatorFamily::kNumeric;
    case ConditionOperator::kDateEquals:
    case ConditionOperator::kDateNotEquals:
    case ConditionOperator::kDateLessThan:
    case ConditionOperator::kDateLessThanEquals:
    case ConditionOperator::kDateGreaterThan:
    case ConditionOperator::kDateGreaterThanEquals:
      return OperatorFamily::kDate;
    case ConditionOperator::kBool:
      return OperatorFamily::kBool;
    case ConditionOperator::kBinaryEquals:
      return OperatorFamily::kBinary;
    case ConditionOperator::kIpAddress:
    case ConditionOperator::kNotIpAddress:
      return OperatorFamily::kIp;
    case ConditionOperator::kArnEquals:
    case ConditionOperator::kArnLike:
    case ConditionOperator::kArnNotEquals:
    case ConditionOperator::kArnNotLike:
      return OperatorFamily::kArn;
    case ConditionOperator::kNull:
      return OperatorFamily::kNull;
  }
  return OperatorFamily::kNull;
}

constexpr bool IsNegatedOperator(ConditionOperator op) {
  switch (op) {
    case ConditionOperator::kStringNotEquals:
    case ConditionOperator::kStringNotEqualsIgnoreCase:
    case ConditionOperator::kStringNotLike:
    case ConditionOperator::kNumericNotEquals:
    case ConditionOperator::kDateNotEquals:
    case ConditionOperator::kNotIpAddress:
    case ConditionOperator::kArnNotEquals:
    case ConditionOperator::kArnNotLike:
      return true;
    default:
      return false;
  }
}

// How a request value must relate to a policy value for the (positive) operator to match.
enum class Relation { kEqual, kLess, kLessOrEqual, kGreater, kGreaterOrEqual };

constexpr Relation RelationOf(ConditionOperator op) {
  switch (op) {
    case ConditionOperator::kNumericLessThan:
    case ConditionOperator::kDateLessThan:
      return Relation::kLess;
    case ConditionOperator::kNumericLessThanEquals:
    case ConditionOperator::kDateLessThanEquals:
      return Relation::kLessOrEqual;
    case ConditionOperator::kNumericGreaterThan:
    case ConditionOperator::kDateGreaterThan:
      return Relation::kGreater;
    case ConditionOperator::kNumericGreaterThanEquals:
    case ConditionOperator::kDateGreaterThanEquals:
      return Relation::kGreaterOrEqual;
    default:
      return Relation::kEqual;
  }
}

// Does `request` stand in relation `r` to `policy`? (T has <, == and >.)
template <typename T>
constexpr bool Holds(Relation r, const T& request, const T& policy) {
  switch (r) {
    case Relation::kLess:
      return request < policy;
    case Relation::kLessOrEqual:
      return request < policy || request == policy;
    case Relation::kGreater:
      return policy < request;
    case Relation::kGreaterOrEqual:
      return policy < request || request == policy;
    case Relation::kEqual:
      return request == policy;
  }
  return false;
}

// Do the operator's policy values take policy variables (spec §2.5)? String, ARN and Bool
// operators do (Bool with a warning, see parse_policy.cc).
constexpr bool TakesVariables(ConditionOperator op) {
  switch (FamilyOf(op)) {
    case OperatorFamily::kString:
    case OperatorFamily::kStringIgnoreCase:
    case OperatorFamily::kStringLike:
    case OperatorFamily::kArn:
    case OperatorFamily::kBool:
      return true;
    default:
      return false;
  }
}

}  // namespace policylab

#endif  // POLICYLAB_CORE_CONDITION_OPERATOR_H_
