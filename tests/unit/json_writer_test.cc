// The result writer (core/json_writer.h) prints what nlohmann's compact dump prints, byte for
// byte: every value here is written both ways and compared.
#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace policylab {
namespace {

std::string NlohmannDump(const Json& v) {
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string Written(const Json& v) {
  JsonWriter w;
  w.Value(v);
  return w.Take();
}

class JsonWriterValueTest : public ::testing::TestWithParam<std::string> {};

TEST_P(JsonWriterValueTest, SameAsNlohmann) {
  Json v = Json::parse(GetParam());
  EXPECT_EQ(Written(v), NlohmannDump(v));
}

INSTANTIATE_TEST_SUITE_P(
    Values, JsonWriterValueTest,
    ::testing::Values("null", "true", "false", "0", "-0", "7", "-7", "9223372036854775807",
                      "-9223372036854775808", "18446744073709551615", "1.5", "-2.25e-8", "1e300",
                      "0.1", "100000000000000000000", R"("")", R"("plain ascii text")",
                      R"("quote \" backslash \\ slash \/")", R"("\b\f\n\r\t")",
                      R"("\u0000\u0001\u001f\u007f")", R"("é ☃ 😀 \u00e9")",
                      R"("mixed \n then é then \"")", "[]", "{}", R"([1, "a", null, [true, {}]])",
                      R"({"b": 1, "a": {"y": [], "x": "\n"}, "A": 2, "aa": 3, "é": 4, "": 5})"));

TEST(JsonWriterTest, IllFormedUtf8IsReplacedAsNlohmannDoes) {
  for (std::string s : {std::string("\xff"), std::string("a\xc3"), std::string("\xe2\x98 b"),
                        std::string("ok \xed\xa0\x80 surrogate"), std::string("\"\xc0\xaf\"")}) {
    EXPECT_EQ(Written(Json(s)), NlohmannDump(Json(s))) << s;
  }
}

TEST(JsonWriterTest, ObjectsAndArraysWithMembers) {
  JsonWriter w;
  w.BeginObject();
  w.Key("a");
  w.BeginArray();
  w.Int(1);
  w.String("x\ty");
  w.BeginObject();
  w.EndObject();
  w.Null();
  w.EndArray();
  w.Member("b", true);
  w.Member("c", "text");
  w.Member("d", int64_t{-5});
  w.Member("e", Json::parse(R"({"k": [1, 2]})"));
  w.Key("f");
  w.BeginArray();
  w.EndArray();
  w.EndObject();
  EXPECT_EQ(w.text(),
            R"({"a":[1,"x\ty",{},null],"b":true,"c":"text","d":-5,"e":{"k":[1,2]},"f":[]})");
  EXPECT_EQ(w.text(), NlohmannDump(Json::parse(w.text())));
}

}  // namespace
}  // namespace policylab
