// IAM wildcard patterns: `*` = any sequence (possibly empty), `?` = exactly one character
// (spec §1.5), i.e. one Unicode code point of the UTF-8 text (one byte only where the text is
// not well-formed UTF-8). Used for Action (case-insensitive), ARN pattern fields and StringLike.
//
// A Glob is compiled once: the pattern is cut at each `*` into segments (which may hold `?`),
// and matching is greedy leftmost-segment search: O(text * longest segment) in the worst case,
// never exponential, no recursion, no regex, no allocation in Matches().
// Literal `*`/`?` (from the policy variables ${*} and ${?}, spec §2.5) are added through
// GlobBuilder::AddLiteral, so they never act as wildcards.
#ifndef POLICYLAB_CORE_WILDCARD_H_
#define POLICYLAB_CORE_WILDCARD_H_

#include <string>
#include <string_view>
#include <vector>

namespace policylab {

enum class CaseMode { kSensitive, kInsensitive };  // insensitive = ASCII case folding

class Glob {
 public:
  Glob() = default;  // matches only the empty string

  // `*` and `?` in `pattern` are wildcards; every other character is literal.
  static Glob Compile(std::string_view pattern, CaseMode mode = CaseMode::kSensitive);

  bool Matches(std::string_view text) const;

  // True when the pattern has no wildcard at all (then Matches is a plain comparison).
  bool IsLiteral() const { return segments_.size() == 1 && !segments_[0].has_any; }
  // True for the pattern "*" (or "**"...): matches everything.
  bool MatchesEverything() const { return match_all_; }

 private:
  friend class GlobBuilder;
  struct Segment {
    std::string chars;      // literal characters (lower-cased in kInsensitive mode)
    std::vector<bool> any;  // any[i]: position i is `?` (empty when !has_any)
    bool has_any = false;
  };
  // segments_ are the pieces between stars: pattern = s0 * s1 * ... * sk. With no star there
  // is exactly one segment. Leading/trailing stars give empty first/last segments.
  std::vector<Segment> segments_{Segment{}};
  CaseMode mode_ = CaseMode::kSensitive;
  bool match_all_ = false;
};

// Builds a Glob piece by piece, so that substituted text stays literal.
class GlobBuilder {
 public:
  explicit GlobBuilder(CaseMode mode = CaseMode::kSensitive);
  GlobBuilder& AddLiteral(std::string_view text);  // `*` and `?` in text are literal
  GlobBuilder& AddPattern(std::string_view text);  // `*` and `?` in text are wildcards
  GlobBuilder& AddStar();
  GlobBuilder& AddAnyChar();
  Glob Build() &&;

 private:
  Glob glob_;
};

// ASCII lower-casing (IAM action names and condition keys are ASCII).
std::string AsciiLower(std::string_view text);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace policylab

#endif  // POLICYLAB_CORE_WILDCARD_H_
