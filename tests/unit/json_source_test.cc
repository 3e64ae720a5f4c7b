// Strict JSON parsing (duplicate keys, limits, syntax errors with positions),
// offsets to line:column, and JSON pointers back to text offsets.
#include "core/json_source.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "core/limits.h"

namespace policylab {
namespace {

// Runs fn and returns the wall time in milliseconds.
template <typename Fn>
double Millis(Fn fn) {
  const auto t0 = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// The one diagnostic of a failed parse (by value: callers pass temporaries).
Diagnostic OnlyDiagnostic(const JsonParseResult& r) {
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.diagnostics.size(), 1u);
  return r.diagnostics.empty() ? Diagnostic{} : r.diagnostics[0];
}

TEST(ParseJsonStrictTest, ParsesAPolicy) {
  const JsonParseResult r = ParseJsonStrict(
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:*",
          "Resource": "*", "Condition": {"NumericLessThan": {"k": 1.5}}}], "n": -3, "u": 7,
          "b": true, "z": null})");
  ASSERT_TRUE(r.ok);
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_EQ(r.value["Statement"][0]["Effect"], "Allow");
  EXPECT_EQ(r.value["Statement"][0]["Condition"]["NumericLessThan"]["k"], 1.5);
  EXPECT_EQ(r.value["n"], -3);
  EXPECT_EQ(r.value["u"], 7);
  EXPECT_EQ(r.value["b"], true);
  EXPECT_TRUE(r.value["z"].is_null());
}

TEST(ParseJsonStrictTest, ScalarsAndEmptyContainersAtTopLevel) {
  EXPECT_EQ(ParseJsonStrict(" 42 ").value, 42);
  EXPECT_EQ(ParseJsonStrict(R"("x")").value, "x");
  EXPECT_TRUE(ParseJsonStrict("{}").value.is_object());
  EXPECT_TRUE(ParseJsonStrict("[]").value.is_array());
  EXPECT_EQ(ParseJsonStrict("[[], {}, [1]]").value.dump(), "[[],{},[1]]");
}

TEST(ParseJsonStrictTest, DuplicateKeyHasPointerAndPositionOfSecondKey) {
  // spec §1.1/§1.6: nlohmann would silently keep the last `Effect`; we reject
  // the document.
  const std::string text =
      "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Effect\": "
      "\"Deny\"}\n  ]\n}";
  const Diagnostic d = OnlyDiagnostic(ParseJsonStrict(text));
  EXPECT_EQ(d.code, "json-duplicate-key");
  EXPECT_EQ(d.message, "duplicate key `Effect`");
  EXPECT_EQ(d.pointer, "/Statement/0/Effect");
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.column, 25);
}

TEST(ParseJsonStrictTest, DuplicateKeyWithEscapesInPointer) {
  const Diagnostic d = OnlyDiagnostic(ParseJsonStrict(R"({"a/~b": {"x": 1, "\u0078": 2}})"));
  EXPECT_EQ(d.code, "json-duplicate-key");
  EXPECT_EQ(d.pointer, "/a~1~0b/x");
  EXPECT_EQ(d.line, 1);
  EXPECT_EQ(d.column, 19);  // the escaped spelling of the second `x`
}

TEST(ParseJsonStrictTest, SameKeyInSiblingObjectsIsFine) {
  EXPECT_TRUE(ParseJsonStrict(R"([{"Effect": 1}, {"Effect": 2}, {"a": {"Effect": 3}}])").ok);
}

TEST(ParseJsonStrictTest, DeepNestingStopsAtTheLimitQuickly) {
  // 100,000 levels: must neither overflow the stack nor take long.
  const std::string text = std::string(100000, '[') + std::string(100000, ']');
  JsonParseResult r;
  const double ms = Millis([&] { r = ParseJsonStrict(text); });
  const Diagnostic d = OnlyDiagnostic(r);
  EXPECT_EQ(d.code, "limit-exceeded");
  EXPECT_EQ(d.message, "nesting deeper than 64 levels (limit kMaxJsonDepth)");
  EXPECT_EQ(d.line, 1);
  EXPECT_EQ(d.column, 65);  // the 65th `[`
  EXPECT_LT(ms, 100.0);
  // Mixed objects and arrays, unclosed.
  std::string mixed;
  for (int i = 0; i < 100000; ++i) mixed += i % 2 ? "[" : "{\"k\":";
  EXPECT_EQ(OnlyDiagnostic(ParseJsonStrict(mixed)).code, "limit-exceeded");
}

TEST(ParseJsonStrictTest, DepthAtTheLimitIsAccepted) {
  const std::size_t n = limits::kMaxJsonDepth;
  EXPECT_TRUE(ParseJsonStrict(std::string(n, '[') + std::string(n, ']')).ok);
  EXPECT_FALSE(ParseJsonStrict(std::string(n + 1, '[') + std::string(n + 1, ']')).ok);
}

TEST(ParseJsonStrictTest, TenMegabyteStringIsRefusedQuickly) {
  const std::string text = "{\"a\": \"" + std::string(10 * 1024 * 1024, 'x') + "\"}";
  JsonParseResult r;
  const double ms = Millis([&] { r = ParseJsonStrict(text); });
  const Diagnostic d = OnlyDiagnostic(r);
  EXPECT_EQ(d.code, "limit-exceeded");
  EXPECT_NE(d.message.find("kMaxDocumentBytes"), std::string::npos) << d.message;
  EXPECT_EQ(d.line, 1);
  EXPECT_LT(ms, 100.0);
}

TEST(ParseJsonStrictTest, StringOverTheStringLimit) {
  const std::string text =
      "{\"ok\": \"a\",\n \"list\": [1, \"" + std::string(limits::kMaxStringBytes + 1, 'x') + "\"]}";
  const Diagnostic d = OnlyDiagnostic(ParseJsonStrict(text));
  EXPECT_EQ(d.code, "limit-exceeded");
  EXPECT_NE(d.message.find("kMaxStringBytes"), std::string::npos) << d.message;
  EXPECT_EQ(d.pointer, "/list/1");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, 14);
  // A string of exactly the limit is fine; so is an over-long key refused.
  EXPECT_TRUE(ParseJsonStrict("\"" + std::string(limits::kMaxStringBytes, 'x') + "\"").ok);
  const std::string long_key = "{\"" + std::string(limits::kMaxStringBytes + 1, 'k') + "\": 1}";
  EXPECT_EQ(OnlyDiagnostic(ParseJsonStrict(long_key)).code, "limit-exceeded");
}

TEST(ParseJsonStrictTest, EmptyDocument) {
  for (const char* text : {"", " ", "\n\t\r\n "}) {
    const Diagnostic d = OnlyDiagnostic(ParseJsonStrict(text));
    EXPECT_EQ(d.code, "json-empty");
    EXPECT_EQ(d.line, 1);
  }
}

struct SyntaxCase {
  const char* note;
  const char* text;
  int line;
  int column;
};

class SyntaxErrorTest : public ::testing::TestWithParam<SyntaxCase> {};

TEST_P(SyntaxErrorTest, HasCodeLineAndColumn) {
  const SyntaxCase& c = GetParam();
  const Diagnostic d = OnlyDiagnostic(ParseJsonStrict(c.text));
  EXPECT_EQ(d.code, "json-syntax") << c.note;
  EXPECT_EQ(d.line, c.line) << c.note << ": " << d.message;
  EXPECT_EQ(d.column, c.column) << c.note << ": " << d.message;
  EXPECT_EQ(d.message.find('\n'), std::string::npos) << d.message;
  EXPECT_FALSE(d.message.starts_with("[json.exception")) << d.message;
  EXPECT_FALSE(d.message.empty());
  EXPECT_TRUE(d.message[0] < 'A' || d.message[0] > 'Z') << d.message;
  // The message must be valid UTF-8 so that it can itself be serialised as
  // JSON.
  EXPECT_NO_THROW((void)Json(d.message).dump()) << c.note;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SyntaxErrorTest,
    ::testing::Values(SyntaxCase{"bad literal", R"({"a": tru})", 1, 10},
                      SyntaxCase{"end of input", R"({"a": 1)", 1, 8},
                      SyntaxCase{"trailing comma", R"({"a": 1,})", 1, 9},
                      SyntaxCase{"missing comma: at the end of the unexpected `\"b\"`",
                                 "{\n  \"a\": 1\n  \"b\": 2\n}", 3, 5},
                      SyntaxCase{"column counts code points", "{\"\xC3\xA9\xE2\x82\xAC\": x}", 1,
                                 8},
                      SyntaxCase{"garbage after the value", "{} x", 1, 4},
                      SyntaxCase{"raw newline in a string", "[\"a\nb\"]", 1, 4},
                      SyntaxCase{"ill-formed UTF-8 in a string", "[\"\xFF\"]", 1, 3},
                      SyntaxCase{"number overflow", "[1e400]", 1, 6},
                      SyntaxCase{"single quotes", "{'a': 1}", 1, 2}));

TEST(ParseJsonStrictTest, SyntaxMessageQuotesUserTextInBackticks) {
  const Diagnostic d = OnlyDiagnostic(ParseJsonStrict("[nul]"));
  EXPECT_NE(d.message.find("; last read: `"), std::string::npos) << d.message;
  EXPECT_TRUE(d.message.ends_with("nul]`")) << d.message;
  // A long unterminated string is cut, not copied whole into the message.
  const Diagnostic e = OnlyDiagnostic(ParseJsonStrict("[\"" + std::string(60000, 'y')));
  EXPECT_LT(e.message.size(), 300u) << e.message;
}

// ---- OffsetToPosition ----

TEST(OffsetToPositionTest, LinesAndCodePointColumns) {
  const std::string text = "ab\n\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80x\ny";
  EXPECT_EQ(OffsetToPosition(text, 0).line, 1);
  EXPECT_EQ(OffsetToPosition(text, 0).column, 1);
  EXPECT_EQ(OffsetToPosition(text, 2).column, 3);  // the newline itself
  EXPECT_EQ(OffsetToPosition(text, 3).line, 2);
  EXPECT_EQ(OffsetToPosition(text, 3).column, 1);
  EXPECT_EQ(OffsetToPosition(text, 5).column, 2);   // after é (2 bytes)
  EXPECT_EQ(OffsetToPosition(text, 8).column, 3);   // after € (3 bytes)
  EXPECT_EQ(OffsetToPosition(text, 12).column, 4);  // after 😀 (4 bytes): at `x`
  EXPECT_EQ(OffsetToPosition(text, 14).line, 3);
  EXPECT_EQ(OffsetToPosition(text, 14).column, 1);
  // Clamped to the end of the text.
  EXPECT_EQ(OffsetToPosition(text, 1000).line, 3);
  EXPECT_EQ(OffsetToPosition(text, 1000).column, 2);
  EXPECT_EQ(OffsetToPosition("", 5).line, 1);
  EXPECT_EQ(OffsetToPosition("", 5).column, 1);
}

// ---- LocatePointer ----

struct PointerCase {
  const char* pointer;
  bool prefer_key;
  std::optional<std::size_t> offset;
};

class LocatePointerTest : public ::testing::TestWithParam<PointerCase> {};

// Expected values are byte offsets into kDoc (value start, or the key's opening
// quote).
constexpr char kDoc[] =
    R"( {"a": {"b": [10, {"c": "x"}, [1, [2]]]}, "d\"e": 1, "f/g~": [], "\u00e9": 2, "": 3})";

TEST_P(LocatePointerTest, FindsOffset) {
  const PointerCase& c = GetParam();
  EXPECT_EQ(LocatePointer(kDoc, c.pointer, c.prefer_key), c.offset) << c.pointer;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LocatePointerTest,
    ::testing::Values(
        PointerCase{"", false, 1}, PointerCase{"/a", false, 7}, PointerCase{"/a", true, 2},
        PointerCase{"/a/b", false, 13}, PointerCase{"/a/b", true, 8},
        PointerCase{"/a/b/0", false, 14}, PointerCase{"/a/b/1", false, 18},
        PointerCase{"/a/b/1/c", false, 24}, PointerCase{"/a/b/1/c", true, 19},
        PointerCase{"/a/b/2", false, 30}, PointerCase{"/a/b/2/1", false, 34},
        PointerCase{"/a/b/2/1/0", false, 35}, PointerCase{"/d\"e", false, 50},
        PointerCase{"/d\"e", true, 42}, PointerCase{"/f~1g~0", false, 61},
        PointerCase{"/f~1g~0", true, 53}, PointerCase{"/\xC3\xA9", false, 75},
        PointerCase{"/\xC3\xA9", true, 65}, PointerCase{"/", false, 82},
        // Not resolvable.
        PointerCase{"/a/b/3", false, std::nullopt}, PointerCase{"/a/b/01", false, std::nullopt},
        PointerCase{"/a/b/-", false, std::nullopt}, PointerCase{"/a/x", false, std::nullopt},
        PointerCase{"/a/b/0/c", false, std::nullopt}, PointerCase{"/f~1g~0/0", false, std::nullopt},
        PointerCase{"/f~2", false, std::nullopt}, PointerCase{"a", false, std::nullopt}));

TEST(LocatePointerTest, SkipsNestedValuesWithBracketsInStrings) {
  const std::string text = R"({"x": {"s": "]}[{", "t": ["\"]"]}, "y": {"z": true}})";
  const std::optional<std::size_t> at = LocatePointer(text, "/y/z");
  ASSERT_TRUE(at);
  EXPECT_EQ(text.substr(*at, 4), "true");
}

TEST(LocatePointerTest, RobustOnInvalidText) {
  EXPECT_FALSE(LocatePointer("", "/a"));
  EXPECT_FALSE(LocatePointer("{\"a\"", "/a"));
  EXPECT_FALSE(LocatePointer("{\"a\": [1, ", "/a/3"));
  EXPECT_FALSE(LocatePointer("[\"unterminated", "/1"));
  EXPECT_FALSE(LocatePointer("{\"a\": 1", "/a/b"));
}

TEST(AttachPositionsTest, FillsLineAndColumnFromPointers) {
  const std::string text = "{\n  \"Statement\": [\n    {\"Effect\": \"Allw\"}\n  ]\n}";
  Diagnostics diags(4);
  diags[0].pointer = "/Statement/0/Effect";
  diags[1].pointer = "/Statement/0/Resource";  // absent: falls back to the statement
  diags[2].pointer = "";
  diags[3].pointer = "/Statement";
  diags[3].line = 7;  // already placed: left alone
  diags[3].column = 7;
  AttachPositions(text, diags);
  EXPECT_EQ(diags[0].line, 3);
  EXPECT_EQ(diags[0].column, 16);
  EXPECT_EQ(diags[1].line, 3);
  EXPECT_EQ(diags[1].column, 5);
  EXPECT_EQ(diags[2].line, 1);
  EXPECT_EQ(diags[2].column, 1);
  EXPECT_EQ(diags[3].line, 7);
  EXPECT_EQ(diags[3].column, 7);
}

}  // namespace
}  // namespace policylab
