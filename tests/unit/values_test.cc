// Typed condition values (spec §2.3): numbers, instants, IP blocks, booleans,
// base64.
#include "core/values.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace policylab {
namespace {

// ---- Decimal ----

int CompareText(const char* a, const char* b) {
  const std::optional<Decimal> x = Decimal::Parse(a);
  const std::optional<Decimal> y = Decimal::Parse(b);
  EXPECT_TRUE(x && y) << a << " / " << b;
  return x && y ? Decimal::Compare(*x, *y) : 99;
}

struct DecimalCompareCase {
  const char* a;
  const char* b;
  int expected;
};

class DecimalCompareTest : public ::testing::TestWithParam<DecimalCompareCase> {};

TEST_P(DecimalCompareTest, Compares) {
  const DecimalCompareCase& c = GetParam();
  EXPECT_EQ(CompareText(c.a, c.b), c.expected) << c.a << " vs " << c.b;
  EXPECT_EQ(CompareText(c.b, c.a), -c.expected) << c.b << " vs " << c.a;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DecimalCompareTest,
    ::testing::Values(DecimalCompareCase{"0.1", "0.10", 0}, DecimalCompareCase{"1", "1.0", 0},
                      DecimalCompareCase{"9007199254740993", "9007199254740992", 1},
                      DecimalCompareCase{"-0", "0", 0}, DecimalCompareCase{"+5", "5", 0},
                      DecimalCompareCase{"1e3", "1000", 0},
                      DecimalCompareCase{"2.5E-2", "0.025", 0}, DecimalCompareCase{".5", "0.5", 0},
                      DecimalCompareCase{"5.", "5", 0}, DecimalCompareCase{"-1", "1", -1},
                      DecimalCompareCase{"-2", "-1", -1}, DecimalCompareCase{"0.12", "0.123", -1},
                      DecimalCompareCase{"99", "100", -1}, DecimalCompareCase{"-0.001", "0", -1},
                      DecimalCompareCase{"00012.50", "12.5", 0},
                      DecimalCompareCase{"1e-999999999", "0", 1},
                      DecimalCompareCase{"123456789012345678901234567890.1",
                                         "123456789012345678901234567890.09", 1}));

TEST(DecimalTest, RejectsNonNumbers) {
  for (const char* bad : {"", "abc", "1.2.3", "inf", "-inf", "nan", "NaN", "0x10", "1e", "1e+", ".",
                          "-", "+", " 1", "1 ", "1,5", "1e1000000000", "--1", "1..2"}) {
    EXPECT_FALSE(Decimal::Parse(bad)) << "`" << bad << "`";
  }
}

TEST(DecimalTest, CanonicalString) {
  const std::pair<const char*, const char*> cases[] = {
      {"-12.50", "-12.5"}, {"0.000", "0"},  {"-0", "0"},      {"1e3", "1000"},
      {"0.025", "0.025"},  {"120", "120"},  {"1e30", "1e30"}, {"1.5e-9", "1.5e-9"},
      {"007", "7"},        {"3.14", "3.14"}};
  for (const auto& [in, out] : cases) {
    const std::optional<Decimal> d = Decimal::Parse(in);
    ASSERT_TRUE(d) << in;
    EXPECT_EQ(d->ToString(), out) << in;
  }
}

// ---- Instants ----

struct InstantCase {
  const char* text;
  int64_t seconds;
  int32_t nanos;
};

class InstantParseTest : public ::testing::TestWithParam<InstantCase> {};

TEST_P(InstantParseTest, Parses) {
  const InstantCase& c = GetParam();
  const std::optional<Instant> t = ParseInstant(c.text);
  ASSERT_TRUE(t) << c.text;
  EXPECT_EQ(t->seconds, c.seconds) << c.text;
  EXPECT_EQ(t->nanos, c.nanos) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, InstantParseTest,
    ::testing::Values(InstantCase{"1970-01-01", 0, 0}, InstantCase{"1970-01-01T00:00:00Z", 0, 0},
                      InstantCase{"2026-01-01", 1767225600, 0},
                      InstantCase{"2026-01-01T00:00:00Z", 1767225600, 0},
                      InstantCase{"2026-01-01T00:00:00.000+02:00", 1767218400, 0},
                      InstantCase{"2026-01-01T02:30-01:15", 1767225600 + 9000 + 4500, 0},
                      InstantCase{"2026-01-01T00:00:00.5Z", 1767225600, 500000000},
                      InstantCase{"2026-01-01T00:00:00.1234567891Z", 1767225600, 123456789},
                      InstantCase{"2026-01-01T00:00:00", 1767225600, 0},  // no zone = UTC
                      InstantCase{"2000-02-29T12:00:00Z", 951825600, 0},
                      InstantCase{"1969-12-31T23:59:59Z", -1, 0},
                      InstantCase{"1600-03-01", -11670912000, 0},
                      InstantCase{"1767225600", 1767225600, 0},  // epoch seconds
                      InstantCase{"1767225600.25", 1767225600, 250000000},
                      InstantCase{"-1.25", -2, 750000000}, InstantCase{"0", 0, 0}));

TEST(InstantTest, RejectsMalformedAndPartialDates) {
  for (const char* bad : {"",
                          "2026-01",
                          "2026-13-01",
                          "2026-00-10",
                          "2026-02-29",
                          "1900-02-29",
                          "2026-04-31",
                          "2026-01-01T",
                          "2026-01-01T24:00:00Z",
                          "2026-01-01T10:60Z",
                          "2026-01-01T10:00:60Z",
                          "2026-01-01T10:00:00.Z",
                          "2026-01-01T10:00:00+0200",
                          "2026-01-01T10:00:00+24:00",
                          "2026-01-01 10:00:00Z",
                          "2026-1-01",
                          "26-01-01",
                          "2026-01-01Z",
                          "abc",
                          "1e9",
                          "1.",
                          "2026-01-01T10:00:00Zjunk",
                          "+1767225600"}) {
    EXPECT_FALSE(ParseInstant(bad)) << "`" << bad << "`";
  }
}

TEST(InstantTest, OrdersAcrossZones) {
  // The same moment written in two zones is equal; comparisons are on instants
  // (§2.3).
  EXPECT_EQ(*ParseInstant("2026-01-01T02:00:00+02:00"), *ParseInstant("2026-01-01T00:00:00Z"));
  EXPECT_LT(*ParseInstant("2025-12-31T23:59:59.999Z"), *ParseInstant("2026-01-01"));
  EXPECT_EQ(*ParseInstant("1767225600"), *ParseInstant("2026-01-01T00:00:00Z"));
}

TEST(InstantTest, FormatsAndRoundTrips) {
  EXPECT_EQ(FormatInstant(Instant{1767225600, 0}), "2026-01-01T00:00:00Z");
  EXPECT_EQ(FormatInstant(Instant{0, 0}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatInstant(Instant{-1, 0}), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatInstant(Instant{951825600, 120000000}), "2000-02-29T12:00:00.12Z");
  // Every day from 1600 to 2400 (leap rules at 1700/1900/2000/2100) survives a
  // round trip.
  for (int64_t day = -135140; day <= 157000; day += 1) {
    const Instant t{day * 86400 + 3723, 0};
    const std::string text = FormatInstant(t);
    const std::optional<Instant> back = ParseInstant(text);
    ASSERT_TRUE(back) << text;
    ASSERT_EQ(*back, t) << text;
  }
}

// ---- IP blocks ----

struct IpCase {
  const char* address;
  const char* block;
  bool inside;
};

class IpInBlockTest : public ::testing::TestWithParam<IpCase> {};

TEST_P(IpInBlockTest, Contains) {
  const IpCase& c = GetParam();
  const std::optional<IpBlock> address = ParseIpBlock(c.address);
  const std::optional<IpBlock> block = ParseIpBlock(c.block);
  ASSERT_TRUE(address) << c.address;
  ASSERT_TRUE(block) << c.block;
  EXPECT_EQ(IpInBlock(*address, *block), c.inside) << c.address << " in " << c.block;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, IpInBlockTest,
    ::testing::Values(IpCase{"203.0.113.7", "203.0.113.0/24", true},
                      IpCase{"203.0.114.7", "203.0.113.0/24", false},
                      IpCase{"203.0.113.7", "203.0.113.7", true},  // bare = /32 (§2.3)
                      IpCase{"203.0.113.8", "203.0.113.7", false},
                      IpCase{"10.1.2.3", "0.0.0.0/0", true},
                      IpCase{"203.0.113.200", "203.0.113.7/24", true},  // host bits ignored
                      IpCase{"192.168.1.130", "192.168.1.128/25", true},
                      IpCase{"192.168.1.127", "192.168.1.128/25", false},
                      IpCase{"2001:db8:1234:5678::1", "2001:DB8:1234:5678::/64", true},
                      IpCase{"2001:db8:1234:5679::1", "2001:db8:1234:5678::/64", false},
                      IpCase{"::1", "::1", true}, IpCase{"::2", "::1", false},
                      IpCase{"::ffff:203.0.113.7", "::ffff:203.0.113.0/120", true},
                      IpCase{"64:ff9b::192.0.2.33", "64:ff9b::/96", true},
                      // Families never mix, even for v4-mapped addresses and /0.
                      IpCase{"203.0.113.7", "::ffff:203.0.113.0/120", false},
                      IpCase{"::ffff:203.0.113.7", "203.0.113.0/24", false},
                      IpCase{"2001:db8::1", "0.0.0.0/0", false},
                      IpCase{"10.0.0.1", "::/0", false}));

TEST(IpBlockTest, ParsesForms) {
  const std::optional<IpBlock> v4 = ParseIpBlock("203.0.113.0/24");
  ASSERT_TRUE(v4);
  EXPECT_FALSE(v4->v6);
  EXPECT_EQ(v4->prefix, 24);
  EXPECT_EQ(v4->address[10], 0xFF);
  EXPECT_EQ(v4->address[12], 203);
  const std::optional<IpBlock> v6 = ParseIpBlock("1:2:3:4:5:6:7:8");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(v6->v6);
  EXPECT_EQ(v6->prefix, 128);
  EXPECT_EQ(v6->address[15], 8);
  EXPECT_EQ(v6->address[0], 0);
  EXPECT_EQ(v6->address[1], 1);
  const std::optional<IpBlock> tail = ParseIpBlock("1::");
  ASSERT_TRUE(tail);
  EXPECT_EQ(tail->address[1], 1);
  EXPECT_EQ(tail->address[15], 0);
  EXPECT_TRUE(ParseIpBlock("::"));
  EXPECT_TRUE(ParseIpBlock("::/0"));
  EXPECT_TRUE(ParseIpBlock("1:2:3:4:5:6::8"));
  EXPECT_TRUE(ParseIpBlock("1:2:3:4:5:6:1.2.3.4"));
}

TEST(IpBlockTest, RejectsMalformed) {
  for (const char* bad : {"",
                          "1.2.3",
                          "1.2.3.4.5",
                          "256.0.0.1",
                          "010.0.0.1",
                          "1.2.3.4/33",
                          "1.2.3.4/",
                          "1.2.3.4/-1",
                          "1.2.3.4/08",
                          "1.2.3.4/24/1",
                          "a.b.c.d",
                          "1.2.3.4 ",
                          "::1/129",
                          ":::",
                          "1:::2",
                          "1::2::3",
                          ":1",
                          "1:",
                          "1:2:3:4:5:6:7",
                          "1:2:3:4:5:6:7:8:9",
                          "1::2:3:4:5:6:7:8",
                          "12345::",
                          "fe80::1%eth0",
                          "g::1",
                          "::1.2.3.4:5",
                          "1:2:3:4:5:6:7:1.2.3.4",
                          "1.2.3.4::"}) {
    EXPECT_FALSE(ParseIpBlock(bad)) << "`" << bad << "`";
  }
}

// ---- Bool and base64 ----

TEST(BoolTest, CaseInsensitiveLiterals) {
  EXPECT_EQ(ParseBool("true"), true);
  EXPECT_EQ(ParseBool("TRUE"), true);
  EXPECT_EQ(ParseBool("False"), false);
  EXPECT_FALSE(ParseBool(""));
  EXPECT_FALSE(ParseBool("yes"));
  EXPECT_FALSE(ParseBool("1"));
  EXPECT_FALSE(ParseBool("true "));
}

TEST(Base64Test, DecodesStandardAlphabetWithPadding) {
  EXPECT_EQ(DecodeBase64(""), "");
  EXPECT_EQ(DecodeBase64("Zg=="), "f");
  EXPECT_EQ(DecodeBase64("Zm8="), "fo");
  EXPECT_EQ(DecodeBase64("Zm9v"), "foo");
  EXPECT_EQ(DecodeBase64("Zm9vYmFy"), "foobar");
  EXPECT_EQ(DecodeBase64("+/8="), std::string("\xFB\xFF", 2));
  EXPECT_EQ(DecodeBase64("AAA="), std::string(2, '\0'));
}

TEST(Base64Test, RejectsMalformed) {
  for (const char* bad :
       {"Zg", "Zg=", "Zm9", "Z===", "====", "Zg==Zg==", "Zm 9v", "Zm9v\n", "Zm-_", "Z=g="}) {
    EXPECT_FALSE(DecodeBase64(bad)) << "`" << bad << "`";
  }
}

}  // namespace
}  // namespace policylab
