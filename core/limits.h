// Resource limits: every input is bounded, and going over a bound is a diagnostic that names
// the limit (code "limit-exceeded"), never a crash or a hang. The values are documented in
// README.md ("Limits"); keep the two in step.
#ifndef POLICYLAB_CORE_LIMITS_H_
#define POLICYLAB_CORE_LIMITS_H_

#include <cstddef>

namespace policylab::limits {

// Whole scenario document, in bytes (UTF-8).
inline constexpr std::size_t kMaxDocumentBytes = 4 * 1024 * 1024;
// Nesting depth of JSON arrays/objects in a scenario document. Policies need about 8.
inline constexpr std::size_t kMaxJsonDepth = 64;
// One string value (a pattern, an ARN, a condition value), in bytes.
inline constexpr std::size_t kMaxStringBytes = 64 * 1024;
// One policy document, serialised without whitespace (Lambda's own limit is 20 KB; IAM's are
// smaller; this bound is for the engine, the Lambda store enforces AWS's 20 KB itself).
inline constexpr std::size_t kMaxPolicyBytes = 256 * 1024;
// Statements in one policy document.
inline constexpr std::size_t kMaxStatementsPerPolicy = 1000;
// Policies of all kinds in one scenario.
inline constexpr std::size_t kMaxPolicies = 500;
// Requests in one scenario.
inline constexpr std::size_t kMaxRequests = 1000;
// Characters in one wildcard pattern (Action, Resource, StringLike/ArnLike value).
inline constexpr std::size_t kMaxPatternBytes = 4096;

}  // namespace policylab::limits

#endif  // POLICYLAB_CORE_LIMITS_H_
