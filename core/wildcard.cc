// Tested by tests/unit/wildcard_test.cc
#include "core/wildcard.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace policylab {
namespace {

constexpr std::size_t kNoMatch = std::string_view::npos;

char Fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Number of continuation bytes a UTF-8 lead byte announces; -1 for a byte that
// cannot lead.
int ExpectedContinuations(char c) {
  const auto b = static_cast<unsigned char>(c);
  if (b < 0x80) return 0;
  if (b >= 0xC0 && b < 0xE0) return 1;
  if (b >= 0xE0 && b < 0xF0) return 2;
  if (b >= 0xF0 && b < 0xF8) return 3;
  return -1;
}

// `?` matches one "unit": a structurally well-formed UTF-8 sequence (one code
// point), or a single byte where the text is not UTF-8. Documents reach us
// through nlohmann, which rejects ill-formed UTF-8, so in practice a unit is a
// code point (spec §1.5: "exactly one character"). The forward and backward
// readings below split any byte string the same way, which keeps the
// leftmost-segment search correct.
std::size_t UnitLengthAt(std::string_view text, std::size_t pos) {
  const int expected = ExpectedContinuations(text[pos]);
  if (expected <= 0) return 1;
  const auto n = static_cast<std::size_t>(expected);
  if (pos + n >= text.size()) return 1;  // truncated sequence
  for (std::size_t i = 1; i <= n; ++i) {
    if (!IsContinuation(text[pos + i])) return 1;
  }
  return n + 1;
}

// Length of the unit that ends just before `end` (end > 0).
std::size_t UnitLengthBefore(std::string_view text, std::size_t end) {
  std::size_t k = 0;  // continuation bytes immediately before `end`
  while (k < 3 && k < end && IsContinuation(text[end - 1 - k])) ++k;
  if (k == 0 || k == end) return 1;
  if (ExpectedContinuations(text[end - 1 - k]) == static_cast<int>(k)) return k + 1;
  return 1;
}

// Matches a segment starting at `pos`, never reading at or past `limit`.
// Returns the end position, or kNoMatch.
std::size_t MatchForward(const std::string& chars, const std::vector<bool>& any, bool has_any,
                         bool fold, std::string_view text, std::size_t pos, std::size_t limit) {
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (pos >= limit) return kNoMatch;
    if (has_any && any[i]) {
      pos += UnitLengthAt(text, pos);
      if (pos > limit) return kNoMatch;
    } else {
      const char c = fold ? Fold(text[pos]) : text[pos];
      if (c != chars[i]) return kNoMatch;
      ++pos;
    }
  }
  return pos;
}

// Matches a segment so that it ends exactly at text.size(); returns its start
// or kNoMatch.
std::size_t MatchBackward(const std::string& chars, const std::vector<bool>& any, bool has_any,
                          bool fold, std::string_view text, std::size_t floor) {
  std::size_t end = text.size();
  for (std::size_t i = chars.size(); i-- > 0;) {
    if (end <= floor) return kNoMatch;
    if (has_any && any[i]) {
      const std::size_t len = UnitLengthBefore(text, end);
      if (end - floor < len) return kNoMatch;
      end -= len;
    } else {
      const char c = fold ? Fold(text[end - 1]) : text[end - 1];
      if (c != chars[i]) return kNoMatch;
      --end;
    }
  }
  return end;
}

}  // namespace

Glob Glob::Compile(std::string_view pattern, CaseMode mode) {
  GlobBuilder builder(mode);
  builder.AddPattern(pattern);
  return std::move(builder).Build();
}

// Greedy leftmost segment search: with s0 * s1 * ... * sk, s0 is anchored at
// the start, sk at the end, and each middle segment is taken at its leftmost
// occurrence after the previous one. Taking the leftmost occurrence is always
// safe because every later segment is preceded by a star, so leaving more text
// for it can only help; hence no backtracking is needed.
bool Glob::Matches(std::string_view text) const {
  if (match_all_) return true;
  const bool fold = mode_ == CaseMode::kInsensitive;
  const Segment& first = segments_.front();
  // Fast reject on a literal first segment (most patterns: "lambda:Get*", ARN fields).
  if (!fold && !first.has_any &&
      (text.size() < first.chars.size() || text.compare(0, first.chars.size(), first.chars) != 0)) {
    return false;
  }
  if (segments_.size() == 1) {
    return MatchForward(first.chars, first.any, first.has_any, fold, text, 0, text.size()) ==
           text.size();
  }
  const std::size_t start =
      MatchForward(first.chars, first.any, first.has_any, fold, text, 0, text.size());
  if (start == kNoMatch) return false;
  const Segment& last = segments_.back();
  const std::size_t limit = MatchBackward(last.chars, last.any, last.has_any, fold, text, start);
  if (limit == kNoMatch) return false;
  std::size_t pos = start;
  for (std::size_t s = 1; s + 1 < segments_.size(); ++s) {
    const Segment& seg = segments_[s];
    std::size_t found = kNoMatch;
    // Every pattern position consumes at least one byte, so stop when the
    // segment cannot fit.
    for (std::size_t at = pos; at <= limit && limit - at >= seg.chars.size();
         at += UnitLengthAt(text, at)) {
      found = MatchForward(seg.chars, seg.any, seg.has_any, fold, text, at, limit);
      if (found != kNoMatch || at == limit) break;
    }
    if (found == kNoMatch) return false;
    pos = found;
  }
  return true;
}

GlobBuilder::GlobBuilder(CaseMode mode) { glob_.mode_ = mode; }

GlobBuilder& GlobBuilder::AddLiteral(std::string_view text) {
  Glob::Segment& seg = glob_.segments_.back();
  for (char c : text) {
    seg.chars += glob_.mode_ == CaseMode::kInsensitive ? Fold(c) : c;
    if (seg.has_any) seg.any.push_back(false);
  }
  return *this;
}

GlobBuilder& GlobBuilder::AddPattern(std::string_view text) {
  for (char c : text) {
    if (c == '*') {
      AddStar();
    } else if (c == '?') {
      AddAnyChar();
    } else {
      AddLiteral(std::string_view(&c, 1));
    }
  }
  return *this;
}

GlobBuilder& GlobBuilder::AddStar() {
  glob_.segments_.emplace_back();
  return *this;
}

GlobBuilder& GlobBuilder::AddAnyChar() {
  Glob::Segment& seg = glob_.segments_.back();
  if (!seg.has_any) {
    seg.any.assign(seg.chars.size(), false);
    seg.has_any = true;
  }
  seg.chars += '?';  // placeholder; any[i] decides
  seg.any.push_back(true);
  return *this;
}

Glob GlobBuilder::Build() && {
  bool all_empty = glob_.segments_.size() > 1;
  for (const Glob::Segment& seg : glob_.segments_) all_empty = all_empty && seg.chars.empty();
  glob_.match_all_ = all_empty;
  return std::move(glob_);
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = Fold(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Fold(a[i]) != Fold(b[i])) return false;
  }
  return true;
}

}  // namespace policylab
