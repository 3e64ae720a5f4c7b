// Glob matching (spec §1.5): table cases, an exhaustive small-scope comparison
// with the naive reference in naive_glob.h, Unicode `?`, and a timing bound on
// a pathological pattern.
#include "core/wildcard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "tests/unit/naive_glob.h"

namespace policylab {
namespace {

using testing::NaiveGlobMatch;

struct GlobCase {
  const char* note;
  const char* pattern;
  const char* text;
  CaseMode mode;
  bool matches;
};

class GlobTableTest : public ::testing::TestWithParam<GlobCase> {};

TEST_P(GlobTableTest, Matches) {
  const GlobCase& c = GetParam();
  EXPECT_EQ(Glob::Compile(c.pattern, c.mode).Matches(c.text), c.matches) << c.note;
}

constexpr CaseMode kCs = CaseMode::kSensitive;
constexpr CaseMode kCi = CaseMode::kInsensitive;

INSTANTIATE_TEST_SUITE_P(
    Cases, GlobTableTest,
    ::testing::Values(
        GlobCase{"empty pattern matches only empty text", "", "", kCs, true},
        GlobCase{"empty pattern rejects text", "", "a", kCs, false},
        GlobCase{"star matches empty", "*", "", kCs, true},
        GlobCase{"star matches anything", "*", "lambda:InvokeFunction", kCs, true},
        GlobCase{"literal equals", "lambda:GetPolicy", "lambda:GetPolicy", kCs, true},
        GlobCase{"literal is case-sensitive", "lambda:GetPolicy", "lambda:getpolicy", kCs, false},
        GlobCase{"action prefix glob also catches InvokeAsync (spec §1.5)", "lambda:Invoke*",
                 "lambda:InvokeAsync", kCi, true},
        GlobCase{"action match ignores case (spec §1.4)", "LAMBDA:invoke*",
                 "lambda:InvokeFunctionUrl", kCi, true},
        GlobCase{"question mark is exactly one character", "lambda:Get?olicy", "lambda:GetPolicy",
                 kCs, true},
        GlobCase{"question mark is not zero characters", "ab?", "ab", kCs, false},
        GlobCase{"question mark is not two characters", "a?c", "abbc", kCs, false},
        GlobCase{"star crosses slash and colon in one string", "b/*/test/*", "b/1/2/test/x", kCs,
                 true},
        GlobCase{"suffix anchored at end", "*.txt", "a.txt.bak", kCs, false},
        GlobCase{"prefix and suffix may not overlap", "ab*ba", "aba", kCs, false},
        GlobCase{"prefix and suffix adjacent", "ab*ba", "abba", kCs, true},
        GlobCase{"middle segment leftmost", "*ab*ab*", "xabyab", kCs, true},
        GlobCase{"middle segments in order", "*b*a*", "ab", kCs, false},
        GlobCase{"question in middle segment", "*a?c*", "xxabcxx", kCs, true},
        GlobCase{"question in last segment", "*?b", "ab", kCs, true},
        GlobCase{"question in last segment needs a char", "*?b", "b", kCs, false},
        GlobCase{"double star", "a**b", "axyb", kCs, true},
        GlobCase{"question matches a 2-byte code point", "caf?", "caf\xC3\xA9", kCs, true},
        GlobCase{"question matches a 4-byte code point", "?", "\xF0\x9F\x98\x80", kCs, true},
        GlobCase{"two questions are not one code point", "??", "\xC3\xA9", kCs, false},
        GlobCase{"question before suffix with euro sign", "*?\xE2\x82\xAC", "x\xE2\x82\xAC", kCs,
                 true},
        GlobCase{"insensitive folds only ASCII", "\xC3\xA9", "\xC3\x89", kCi, false}));

// Every pattern over {a, b, *, ?} of length 0..5 against every text over
// `text_alphabet` of length 0..max_text: the engine must agree with the naive
// reference everywhere.
std::vector<std::string> AllStrings(const std::string& alphabet, std::size_t max_len) {
  std::vector<std::string> out{""};
  std::size_t begin = 0;
  for (std::size_t len = 1; len <= max_len; ++len) {
    const std::size_t end = out.size();
    for (std::size_t i = begin; i < end; ++i) {
      for (char c : alphabet) out.push_back(out[i] + c);
    }
    begin = end;
  }
  return out;
}

int CompareExhaustively(const std::string& pattern_alphabet, const std::string& text_alphabet,
                        std::size_t max_text, CaseMode mode) {
  const std::vector<std::string> patterns = AllStrings(pattern_alphabet, 5);
  const std::vector<std::string> texts = AllStrings(text_alphabet, max_text);
  int checked = 0;
  for (const std::string& p : patterns) {
    const Glob glob = Glob::Compile(p, mode);
    for (const std::string& t : texts) {
      const bool want = NaiveGlobMatch(p, t, mode == CaseMode::kInsensitive);
      EXPECT_EQ(glob.Matches(t), want) << "pattern `" << p << "` text `" << t << "`";
      ++checked;
    }
  }
  return checked;
}

TEST(GlobExhaustiveTest, SensitiveAgreesWithNaiveReference) {
  EXPECT_EQ(CompareExhaustively("ab*?", "ab", 5, kCs), 1365 * 63);
}

TEST(GlobExhaustiveTest, InsensitiveAgreesWithNaiveReferenceOnUpperCaseTexts) {
  EXPECT_EQ(CompareExhaustively("ab*?", "AB", 5, kCi), 1365 * 63);
  EXPECT_EQ(CompareExhaustively("ab*?", "aBAb", 4, kCi), 1365 * 341);
}

TEST(GlobExhaustiveTest, InsensitiveFoldsPatternLiterals) {
  EXPECT_EQ(CompareExhaustively("Ab*?", "aB", 5, kCi), 1365 * 63);
}

TEST(GlobExhaustiveTest, SensitiveStaysSensitive) {
  EXPECT_EQ(CompareExhaustively("aB*?", "abAB", 4, kCs), 1365 * 341);
}

// Random patterns and texts over multi-byte code points: `?` is one code point
// everywhere.
TEST(GlobRandomTest, UnicodeAgreesWithNaiveReference) {
  const std::vector<std::string> pattern_atoms{"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                                               "*", "?"};
  const std::vector<std::string> text_atoms{"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
  std::mt19937 rng(12345);
  for (int round = 0; round < 20000; ++round) {
    std::string p;
    std::string t;
    const int plen = static_cast<int>(rng() % 7);
    const int tlen = static_cast<int>(rng() % 8);
    for (int i = 0; i < plen; ++i) p += pattern_atoms[rng() % pattern_atoms.size()];
    for (int i = 0; i < tlen; ++i) t += text_atoms[rng() % text_atoms.size()];
    EXPECT_EQ(Glob::Compile(p).Matches(t), NaiveGlobMatch(p, t))
        << "pattern `" << p << "` text `" << t << "`";
  }
}

TEST(GlobBuilderTest, LiteralStarAndQuestionStayLiteral) {
  // spec §2.5: ${*} and ${?} substitute literal characters.
  GlobBuilder builder;
  builder.AddPattern("a").AddLiteral("*?").AddStar();
  const Glob glob = std::move(builder).Build();
  EXPECT_TRUE(glob.Matches("a*?"));
  EXPECT_TRUE(glob.Matches("a*?xyz"));
  EXPECT_FALSE(glob.Matches("ab?"));
  EXPECT_FALSE(glob.Matches("a*x"));
}

TEST(GlobBuilderTest, AnyCharAfterLiteralInSameSegment) {
  GlobBuilder builder;
  builder.AddLiteral("ab").AddAnyChar().AddLiteral("d");
  const Glob glob = std::move(builder).Build();
  EXPECT_TRUE(glob.Matches("abcd"));
  EXPECT_FALSE(glob.Matches("abd"));
  EXPECT_FALSE(glob.IsLiteral());
}

TEST(GlobBuilderTest, InsensitiveLiteralIsFolded) {
  GlobBuilder builder(kCi);
  builder.AddLiteral("LAMBDA:").AddStar();
  const Glob glob = std::move(builder).Build();
  EXPECT_TRUE(glob.Matches("lambda:GetFunction"));
  EXPECT_TRUE(glob.Matches("Lambda:X"));
}

TEST(GlobTest, Properties) {
  EXPECT_TRUE(Glob::Compile("abc").IsLiteral());
  EXPECT_FALSE(Glob::Compile("a*").IsLiteral());
  EXPECT_FALSE(Glob::Compile("a?").IsLiteral());
  EXPECT_TRUE(Glob::Compile("*").MatchesEverything());
  EXPECT_TRUE(Glob::Compile("***").MatchesEverything());
  EXPECT_FALSE(Glob::Compile("*?").MatchesEverything());
  EXPECT_FALSE(Glob::Compile("").MatchesEverything());
  EXPECT_TRUE(Glob().Matches(""));
  EXPECT_FALSE(Glob().Matches("a"));
}

TEST(GlobTest, CaseHelpers) {
  EXPECT_EQ(AsciiLower("Lambda:InvokeFunction-\xC3\x89"), "lambda:invokefunction-\xC3\x89");
  EXPECT_TRUE(EqualsIgnoreCase("AWS:SourceArn", "aws:sourcearn"));
  EXPECT_FALSE(EqualsIgnoreCase("aws:SourceArn", "aws:SourceAr"));
  EXPECT_FALSE(EqualsIgnoreCase("a", "b"));
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
}

// Median wall time of `runs` calls, in microseconds.
template <typename Fn>
double MedianMicros(int runs, Fn fn) {
  std::vector<double> micros;
  for (int run = 0; run < runs; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    const auto t1 = std::chrono::steady_clock::now();
    micros.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  std::sort(micros.begin(), micros.end());
  return micros[micros.size() / 2];
}

// "*a*a*...*a*b" (1,000 characters) against 10,000 'a's: a backtracking matcher
// explodes here; the segment search must stay linear.
TEST(GlobTimingTest, PathologicalPatternIsFast) {
  std::string pattern;
  while (pattern.size() < 998) pattern += "*a";
  pattern += "*b";
  ASSERT_EQ(pattern.size(), 1000u);
  const std::string text(10000, 'a');
  const std::string text_b = text + "b";
  const Glob glob = Glob::Compile(pattern);
  EXPECT_FALSE(glob.Matches(text));
  EXPECT_TRUE(glob.Matches(text_b));
  // Variant where both ends match and a middle segment has to scan the whole
  // remainder.
  const Glob scan = Glob::Compile(pattern.substr(0, 998) + "*c*");
  EXPECT_FALSE(scan.Matches(text));

  bool sink = false;
  const double miss = MedianMicros(15, [&] { sink ^= glob.Matches(text); });
  const double hit = MedianMicros(15, [&] { sink ^= glob.Matches(text_b); });
  const double scanned = MedianMicros(15, [&] { sink ^= scan.Matches(text); });
  std::printf(
      "pathological glob, median per match: miss %.2f us, hit %.2f us, scan "
      "%.2f us%s\n",
      miss, hit, scanned, sink ? "" : " ");
  EXPECT_LT(miss, 1000.0);
  EXPECT_LT(hit, 1000.0);
  EXPECT_LT(scanned, 1000.0);
}

}  // namespace
}  // namespace policylab
