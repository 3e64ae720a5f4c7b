// NEVER USE IN PRODUCTION. A deliberately naive, exponential-time, recursive
// glob matcher that exists only as the reference for the exhaustive small-scope
// tests in wildcard_test.cc (the re2 habit: compare the real engine with an
// obviously-correct one on every small input). It backtracks without bound and
// copies strings; on a policy-sized input it can take forever.
#ifndef POLICYLAB_TESTS_UNIT_NAIVE_GLOB_H_
#define POLICYLAB_TESTS_UNIT_NAIVE_GLOB_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace policylab::testing {

// Splits valid UTF-8 into code points (one string each).
inline std::vector<std::string> NaiveCodePoints(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    out.emplace_back(text.substr(i, n));
    i += n;
  }
  return out;
}

inline std::string NaiveFold(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

inline bool NaiveMatchFrom(const std::vector<std::string>& p, std::size_t i,
                           const std::vector<std::string>& t, std::size_t j, bool fold) {
  if (i == p.size()) return j == t.size();
  if (p[i] == "*") {
    // Try every possible length for the star, shortest first.
    for (std::size_t k = j; k <= t.size(); ++k) {
      if (NaiveMatchFrom(p, i + 1, t, k, fold)) return true;
    }
    return false;
  }
  if (j == t.size()) return false;
  if (p[i] == "?") return NaiveMatchFrom(p, i + 1, t, j + 1, fold);
  const bool same = fold ? NaiveFold(p[i]) == NaiveFold(t[j]) : p[i] == t[j];
  return same && NaiveMatchFrom(p, i + 1, t, j + 1, fold);
}

// `*` = any run of code points, `?` = one code point, everything else literal.
inline bool NaiveGlobMatch(std::string_view pattern, std::string_view text, bool fold = false) {
  return NaiveMatchFrom(NaiveCodePoints(pattern), 0, NaiveCodePoints(text), 0, fold);
}

}  // namespace policylab::testing

#endif  // POLICYLAB_TESTS_UNIT_NAIVE_GLOB_H_
