// ARNs and ARN patterns (spec §1.5, §2.3 Arn* operators).
//
// An ARN is split on `:` into at most six fields: arn, partition, service, region, account and
// resource, where the sixth field is everything after the fifth colon (it may contain `:` and
// `/`). A pattern matches an ARN when fields 1-5 glob-match pairwise (so a `*` there cannot
// cross a colon) and field 6 glob-matches as a whole (so a `*` there does cross `:` and `/`).
#ifndef POLICYLAB_CORE_ARN_H_
#define POLICYLAB_CORE_ARN_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/wildcard.h"

namespace policylab {

enum ArnField { kArnPrefix = 0, kArnPartition, kArnService, kArnRegion, kArnAccount, kArnResource };

// Views into the original string; valid while it lives.
struct ArnParts {
  std::array<std::string_view, 6> fields;
  std::string_view partition() const { return fields[kArnPartition]; }
  std::string_view service() const { return fields[kArnService]; }
  std::string_view region() const { return fields[kArnRegion]; }
  std::string_view account() const { return fields[kArnAccount]; }
  std::string_view resource() const { return fields[kArnResource]; }
};

// Splits `text` into six fields. nullopt when it has fewer than five colons or does not start
// with "arn:" (case-sensitive): such a string is not an ARN.
std::optional<ArnParts> SplitArn(std::string_view text);

// A compiled ARN pattern: six globs, case-sensitive.
class ArnPattern {
 public:
  // nullopt when `pattern` is not ARN-shaped (see SplitArn).
  static std::optional<ArnPattern> Compile(std::string_view pattern);
  // Builds from already-compiled field globs (used when field 6 holds policy variables).
  static ArnPattern FromFields(std::array<Glob, 6> fields);

  bool Matches(const ArnParts& arn) const;
  const Glob& field(int i) const { return fields_[i]; }

 private:
  std::array<Glob, 6> fields_;
};

}  // namespace policylab

#endif  // POLICYLAB_CORE_ARN_H_
