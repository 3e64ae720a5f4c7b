// ARN splitting and ARN patterns (spec §1.5, §2.3 Arn* operators, §4.4
// qualifiers).
#include "core/arn.h"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <string>
#include <utility>

namespace policylab {
namespace {

TEST(SplitArnTest, SixFieldsWithResourceRemainder) {
  const std::optional<ArnParts> parts =
      SplitArn("arn:aws:lambda:us-east-1:111122223333:function:my-fn:prod");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->fields[kArnPrefix], "arn");
  EXPECT_EQ(parts->partition(), "aws");
  EXPECT_EQ(parts->service(), "lambda");
  EXPECT_EQ(parts->region(), "us-east-1");
  EXPECT_EQ(parts->account(), "111122223333");
  EXPECT_EQ(parts->resource(), "function:my-fn:prod");
}

TEST(SplitArnTest, EmptyFieldsAreKept) {
  const std::optional<ArnParts> parts = SplitArn("arn:aws:s3:::bucket/key:with:colons");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->region(), "");
  EXPECT_EQ(parts->account(), "");
  EXPECT_EQ(parts->resource(), "bucket/key:with:colons");
  const std::optional<ArnParts> bare = SplitArn("arn:::::");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->resource(), "");
}

TEST(SplitArnTest, RejectsNonArns) {
  EXPECT_FALSE(SplitArn(""));
  EXPECT_FALSE(SplitArn("*"));
  EXPECT_FALSE(SplitArn("arn:aws:lambda:*"));            // fewer than five colons (§1.5)
  EXPECT_FALSE(SplitArn("arn:aws:lambda:us-east-1:1"));  // four colons
  EXPECT_FALSE(SplitArn("ARN:aws:lambda:us-east-1:111122223333:function:f"));  // case-sensitive
  EXPECT_FALSE(SplitArn("urn:aws:lambda:us-east-1:111122223333:function:f"));
}

struct ArnCase {
  const char* note;
  const char* pattern;
  const char* arn;
  bool matches;
};

class ArnPatternTest : public ::testing::TestWithParam<ArnCase> {};

TEST_P(ArnPatternTest, Matches) {
  const ArnCase& c = GetParam();
  const std::optional<ArnPattern> pattern = ArnPattern::Compile(c.pattern);
  ASSERT_TRUE(pattern) << c.note;
  const std::optional<ArnParts> arn = SplitArn(c.arn);
  ASSERT_TRUE(arn) << c.note;
  EXPECT_EQ(pattern->Matches(*arn), c.matches) << c.note;
}

#define FN "arn:aws:lambda:us-east-1:111122223333:function:"

INSTANTIATE_TEST_SUITE_P(
    Cases, ArnPatternTest,
    ::testing::Values(
        ArnCase{"§1.5 name-star matches the unqualified function", FN "myFunction*",
                FN "myFunction", true},
        ArnCase{"§1.5 name-star matches a qualified function", FN "myFunction*", FN "myFunction:1",
                true},
        ArnCase{"§1.5 name-star also matches a longer name", FN "myFunction*", FN "myFunctionX",
                true},
        ArnCase{"§1.5 colon-star needs a qualifier: version", FN "myFunction:*", FN "myFunction:1",
                true},
        ArnCase{"§1.5 colon-star needs a qualifier: alias", FN "myFunction:*", FN "myFunction:prod",
                true},
        ArnCase{"§1.5/§4.4 colon-star does not match the unqualified function", FN "myFunction:*",
                FN "myFunction", false},
        ArnCase{"§4.4 unqualified grant does not cover a version", FN "f", FN "f:1", false},
        ArnCase{"§4.4 unqualified grant does not cover $LATEST", FN "f", FN "f:$LATEST", false},
        ArnCase{"§4.4 version grant covers only that version", FN "f:1", FN "f:prod", false},
        ArnCase{"§4.4 colon-star covers $LATEST", FN "f:*", FN "f:$LATEST", true},
        ArnCase{"§4.4 name-star also matches f-other", FN "f*", FN "f-other", true},
        ArnCase{"§1.5 resource star crosses slashes", "arn:aws:s3:::b/*/test/*",
                "arn:aws:s3:::b/1/2/test/x", true},
        ArnCase{"§2.3 ArnLike star cannot cross a colon in region",
                "arn:aws:svc:*:111122223333:finance/*",
                "arn:aws:svc:us-east-2:999999999999:store/"
                "abc:111122223333:finance/doc",
                false},
        ArnCase{"§1.4 resource ARNs are case-sensitive", FN "MyFn", FN "myfn", false},
        ArnCase{"account and region wildcards (managed-policy style, §1.5)",
                "arn:aws:lambda:*:*:function:CodeDeployHook_*",
                "arn:aws:lambda:eu-west-1:444455556666:function:CodeDeployHook_pre", true},
        ArnCase{"question mark in region is one character", "arn:aws:lambda:us-east-?:*:*", FN "f",
                true},
        ArnCase{"a star in region matches the empty region", "arn:aws:s3:*:*:b", "arn:aws:s3:::b",
                true},
        ArnCase{"partition must match", "arn:aws:lambda:*:*:*",
                "arn:aws-cn:lambda:cn-north-1:111122223333:function:f", false}));

#undef FN

TEST(ArnPatternCompileTest, RejectsNonArnPatterns) {
  EXPECT_FALSE(ArnPattern::Compile("arn:aws:lambda:*"));
  EXPECT_FALSE(ArnPattern::Compile("*"));
  EXPECT_FALSE(ArnPattern::Compile("lambda:InvokeFunction"));
}

TEST(ArnPatternCompileTest, FromFieldsUsesGivenGlobs) {
  std::array<Glob, 6> fields{Glob::Compile("arn"),          Glob::Compile("aws"),
                             Glob::Compile("lambda"),       Glob::Compile("*"),
                             Glob::Compile("111122223333"), Glob::Compile("function:f*")};
  const ArnPattern pattern = ArnPattern::FromFields(std::move(fields));
  EXPECT_TRUE(pattern.Matches(*SplitArn("arn:aws:lambda:us-east-1:111122223333:function:fx")));
  EXPECT_FALSE(pattern.Matches(*SplitArn("arn:aws:lambda:us-east-1:999999999999:function:fx")));
  EXPECT_TRUE(pattern.field(kArnRegion).MatchesEverything());
}

}  // namespace
}  // namespace policylab
