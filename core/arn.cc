// Tested by tests/unit/arn_test.cc
#include "core/arn.h"

#include <cstddef>
#include <utility>

namespace policylab {

std::optional<ArnParts> SplitArn(std::string_view text) {
  // spec §1.5: "arn:" is required (case-sensitive) and at least five colons;
  // field 6 is the remainder after the fifth colon, colons and slashes
  // included.
  if (!text.starts_with("arn:")) return std::nullopt;
  ArnParts parts;
  std::size_t begin = 0;
  for (int field = kArnPrefix; field < kArnResource; ++field) {
    const std::size_t colon = text.find(':', begin);
    if (colon == std::string_view::npos) return std::nullopt;
    parts.fields[field] = text.substr(begin, colon - begin);
    begin = colon + 1;
  }
  parts.fields[kArnResource] = text.substr(begin);
  return parts;
}

std::optional<ArnPattern> ArnPattern::Compile(std::string_view pattern) {
  // A pattern such as `arn:aws:lambda:*` has too few fields; spec §1.5 [UNSURE]
  // says to flag it (the caller does) and treat it as matching nothing, which
  // nullopt lets the caller do.
  const std::optional<ArnParts> parts = SplitArn(pattern);
  if (!parts) return std::nullopt;
  ArnPattern out;
  for (std::size_t i = 0; i < out.fields_.size(); ++i) {
    out.fields_[i] = Glob::Compile(parts->fields[i], CaseMode::kSensitive);  // spec §1.4
  }
  return out;
}

ArnPattern ArnPattern::FromFields(std::array<Glob, 6> fields) {
  ArnPattern out;
  out.fields_ = std::move(fields);
  return out;
}

bool ArnPattern::Matches(const ArnParts& arn) const {
  // Field by field, so a `*` in fields 1-5 cannot cross a colon; field 6 as a
  // whole (§1.5, §2.3).
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (!fields_[i].Matches(arn.fields[i])) return false;
  }
  return true;
}

}  // namespace policylab
