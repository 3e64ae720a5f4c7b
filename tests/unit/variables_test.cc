// Policy variables (core/variables.h, spec §2.5): substitution, defaults, the
// escapes ${*} ${?}
// ${$} (literal in globs), unresolved and multivalued keys, the 2008 language.
#include "core/variables.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/context.h"
#include "core/wildcard.h"

namespace policylab {
namespace {

struct CaseName {
  template <typename T>
  std::string operator()(const testing::TestParamInfo<T>& p) const {
    return p.param.name;
  }
};

RequestContext StandardContext() {
  RequestContext ctx;
  ctx.Set("aws:username", "alice");
  ctx.Set("aws:PrincipalTag/team", "payments");
  ctx.Set("aws:userid", "AIDA*?");  // wildcard characters inside a value
  ctx.SetList("aws:TagKeys", {"project"});
  return ctx;
}

struct ResolveCase {
  std::string name;
  std::string text;
  bool variables_enabled;
  bool has_variables;
  bool resolved;     // Resolve's return value
  std::string want;  // resolved text (when resolved)
  std::vector<std::string> missing = {};
};

class TemplateResolveTest : public testing::TestWithParam<ResolveCase> {};

TEST_P(TemplateResolveTest, Resolves) {
  const ResolveCase& c = GetParam();
  Template t = Template::Parse(c.text, c.variables_enabled);
  EXPECT_EQ(t.has_variables(), c.has_variables);
  EXPECT_EQ(t.text(), c.text);
  MarkedString out;
  std::vector<std::string> missing;
  EXPECT_EQ(t.Resolve(StandardContext(), out, &missing), c.resolved);
  if (c.resolved) {
    EXPECT_EQ(out.text, c.want);
    EXPECT_EQ(out.literal.size(), out.text.size());
  }
  EXPECT_EQ(missing, c.missing);
}

INSTANTIATE_TEST_SUITE_P(
    Substitution, TemplateResolveTest,
    testing::Values(
        ResolveCase{"Username", "${aws:username}", true, true, true, "alice"},
        ResolveCase{"InsideText", "arn:aws:lambda:*:*:function:${aws:username}-*", true, true, true,
                    "arn:aws:lambda:*:*:function:alice-*"},
        ResolveCase{"KeyCaseInsensitive", "${AWS:UserName}", true, true, true, "alice"},
        ResolveCase{"TwoVariables", "${aws:PrincipalTag/team}/${aws:username}", true, true, true,
                    "payments/alice"},
        ResolveCase{"DefaultUnused", "${aws:username, 'nobody'}", true, true, true, "alice"},
        ResolveCase{"DefaultUsed", "${aws:PrincipalTag/project, 'shared'}", true, true, true,
                    "shared"},
        ResolveCase{"DefaultWithSpaces", "${ aws:PrincipalTag/project ,  'company wide' }", true,
                    true, true, "company wide"},
        ResolveCase{"DefaultWithoutSpaceAfterComma", "${aws:PrincipalTag/project,'x'}", true, true,
                    true, "x"},
        ResolveCase{"DefaultHoldingBrace", "f-${aws:PrincipalTag/project, 'a}b'}-g", true, true,
                    true, "f-a}b-g"},
        ResolveCase{"EmptyDefault", "${aws:PrincipalTag/project, ''}", true, true, true, ""},
        ResolveCase{"EscapeStar", "${*}", true, true, true, "*"},
        ResolveCase{"EscapeQuestion", "a${?}c", true, true, true, "a?c"},
        ResolveCase{"EscapeDollar", "${$}{aws:username}", true, true, true, "${aws:username}"},
        ResolveCase{"DollarWithoutBrace", "arn:aws:lambda:*:*:function:f:$LATEST", true, false,
                    true, "arn:aws:lambda:*:*:function:f:$LATEST"},
        ResolveCase{"Unresolved",
                    "${aws:PrincipalTag/project}",
                    true,
                    true,
                    false,
                    "",
                    {"aws:PrincipalTag/project"}},
        ResolveCase{"UnresolvedKeepsSpelling",
                    "x-${AWS:SourceAccount}-${aws:username}",
                    true,
                    true,
                    false,
                    "",
                    {"AWS:SourceAccount"}},
        ResolveCase{
            "MultivaluedKeyIsUnresolved", "${aws:TagKeys}", true, true, false, "", {"aws:TagKeys"}},
        ResolveCase{"MultivaluedKeyTakesDefault", "${aws:TagKeys, 'none'}", true, true, true,
                    "none"},
        ResolveCase{"Version2008Literal", "${aws:username}", false, false, true, "${aws:username}"},
        ResolveCase{"Version2008EscapeLiteral", "${*}", false, false, true, "${*}"},
        ResolveCase{"Unterminated", "arn:aws:s3:::b/${aws:username", true, false, true,
                    "arn:aws:s3:::b/${aws:username"},
        ResolveCase{"UnterminatedAfterVariable", "${aws:username}/${aws:userid", true, true, true,
                    "alice/${aws:userid"},
        ResolveCase{"NotAKeyStaysLiteral", "${username}", true, false, true, "${username}"},
        ResolveCase{"EmptyBodyStaysLiteral", "${}", true, false, true, "${}"},
        ResolveCase{"NoVariables", "plain text", true, false, true, "plain text"}),
    CaseName());

// Builds a glob from a template resolved against StandardContext().
Glob ResolvedGlob(const std::string& text, bool variables_enabled = true) {
  Template t = Template::Parse(text, variables_enabled);
  MarkedString out;
  EXPECT_TRUE(t.Resolve(StandardContext(), out));
  return GlobFromMarked(out, 0, out.text.size());
}

struct GlobCase {
  std::string name;
  std::string pattern;
  std::string text;
  bool matches;
  bool variables_enabled = true;
};

class MarkedGlobTest : public testing::TestWithParam<GlobCase> {};

TEST_P(MarkedGlobTest, Matches) {
  const GlobCase& c = GetParam();
  EXPECT_EQ(ResolvedGlob(c.pattern, c.variables_enabled).Matches(c.text), c.matches);
}

INSTANTIATE_TEST_SUITE_P(
    EscapesStayLiteral, MarkedGlobTest,
    testing::Values(
        GlobCase{"StarEscapeMatchesStar", "${*}", "*", true},
        GlobCase{"StarEscapeIsNoWildcard", "${*}", "anything", false},
        GlobCase{"QuestionEscapeMatchesQuestion", "a${?}c", "a?c", true},
        GlobCase{"QuestionEscapeIsNoWildcard", "a${?}c", "abc", false},
        GlobCase{"DollarEscape", "f:${$}LATEST", "f:$LATEST", true},
        GlobCase{"UnescapedStarStillWildcard", "${aws:username}-*", "alice-prod", true},
        GlobCase{"UnescapedQuestionStillWildcard", "${aws:username}-?", "alice-1", true},
        GlobCase{"SubstitutedValueIsLiteral", "${aws:userid}", "AIDA*?", true},
        GlobCase{"SubstitutedStarIsNoWildcard", "${aws:userid}", "AIDAxy", false},
        GlobCase{"MixedEscapesAndWildcards", "${*}*${?}", "*abc?", true},
        GlobCase{"MixedEscapesNeedLiterals", "${*}*${?}", "xabcy", false},
        GlobCase{"Version2008StarIsWildcardText", "${*}", "${anything}", true, false},
        GlobCase{"Version2008VariableIsLiteral", "${aws:username}", "alice", false, false}),
    CaseName());

TEST(GlobFromMarkedTest, SubRange) {
  Template t = Template::Parse("x:${aws:username}*:y", true);
  MarkedString out;
  ASSERT_TRUE(t.Resolve(StandardContext(), out));
  ASSERT_EQ(out.text, "x:alice*:y");
  // Only the middle field: "alice*".
  Glob g = GlobFromMarked(out, 2, 8);
  EXPECT_TRUE(g.Matches("alice"));
  EXPECT_TRUE(g.Matches("alice-1"));
  EXPECT_FALSE(g.Matches("bob"));
}

TEST(GlobFromMarkedTest, CaseInsensitiveMode) {
  Template t = Template::Parse("${aws:username}-*", true);
  MarkedString out;
  ASSERT_TRUE(t.Resolve(StandardContext(), out));
  EXPECT_TRUE(GlobFromMarked(out, 0, out.text.size(), CaseMode::kInsensitive).Matches("ALICE-x"));
  EXPECT_FALSE(GlobFromMarked(out, 0, out.text.size()).Matches("ALICE-x"));
}

TEST(TemplateTest, LiteralMarks) {
  Template t = Template::Parse("a*${aws:username}${*}", true);
  MarkedString out;
  ASSERT_TRUE(t.Resolve(StandardContext(), out));
  ASSERT_EQ(out.text, "a*alice*");
  std::vector<bool> want = {false, false, true, true, true, true, true, true};
  EXPECT_EQ(out.literal, want);
}

TEST(TemplateTest, ResolveClearsPreviousOutput) {
  Template t = Template::Parse("${aws:username}", true);
  MarkedString out;
  out.text = "stale";
  out.literal.assign(5, false);
  ASSERT_TRUE(t.Resolve(StandardContext(), out));
  EXPECT_EQ(out.text, "alice");
}

TEST(TemplateTest, MissingListIsOptional) {
  Template t = Template::Parse("${aws:nothing}", true);
  MarkedString out;
  EXPECT_FALSE(t.Resolve(StandardContext(), out));
}

TEST(TemplateTest, EmptyMultivaluedKeyIsUnresolved) {
  RequestContext ctx;
  ctx.SetList("aws:TagKeys", {});
  Template t = Template::Parse("${aws:TagKeys}", true);
  MarkedString out;
  EXPECT_FALSE(t.Resolve(ctx, out));
}

}  // namespace
}  // namespace policylab
