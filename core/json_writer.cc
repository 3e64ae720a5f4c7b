// Tested by tests/unit/json_writer_test.cc (against nlohmann's dump) and
// tests/unit/evaluate_test.cc (every corpus result round-trips through nlohmann unchanged).
#include "core/json_writer.h"

#include <array>
#include <charconv>

namespace policylab {
namespace {

// Bytes copied as is: printable ASCII but the quote and the backslash.
constexpr auto kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

bool Plain(char c) { return kPlain[static_cast<unsigned char>(c)]; }

}  // namespace

void JsonWriter::Key(std::string_view key) {
  Separate();
  Escaped(key);
  out_ += ':';
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  Separate();
  Escaped(value);
}

void JsonWriter::Int(int64_t value) {
  Separate();
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)ec;  // 24 bytes hold any int64_t
  out_.append(buffer, end);
}

void JsonWriter::Bool(bool value) {
  Separate();
  out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  Separate();
  out_ += "null";
}

void JsonWriter::Value(const Json& value) {
  Separate();
  ValueTree(value);
}

void JsonWriter::Escaped(std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t run = 0;
  while (run < value.size() && Plain(value[run])) ++run;
  if (run == value.size()) {  // the common case: nothing to escape
    out_ += '"';
    out_.append(value);
    out_ += '"';
    return;
  }
  out_ += '"';
  size_t i = 0;
  while (i < value.size()) {
    run = i;
    while (run < value.size() && Plain(value[run])) ++run;
    out_.append(value.data() + i, run - i);
    if (run == value.size()) break;
    const auto c = static_cast<unsigned char>(value[run]);
    if (c >= 0x80) {
      // Non-ASCII: nlohmann's own UTF-8 decoder decides (and replaces ill-formed sequences),
      // for the rest of the string.
      std::string rest =
          Json(std::string(value.substr(run))).dump(-1, ' ', false, Json::error_handler_t::replace);
      out_.append(rest, 1, rest.size() - 1);  // without its opening quote
      return;
    }
    out_ += '\\';
    switch (c) {
      case '"':
        out_ += '"';
        break;
      case '\\':
        out_ += '\\';
        break;
      case '\b':
        out_ += 'b';
        break;
      case '\f':
        out_ += 'f';
        break;
      case '\n':
        out_ += 'n';
        break;
      case '\r':
        out_ += 'r';
        break;
      case '\t':
        out_ += 't';
        break;
      default:
        out_ += "u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 0xF];
        break;
    }
    i = run + 1;
  }
  out_ += '"';
}

// Objects and arrays directly, without the comma bookkeeping of the public interface.
void JsonWriter::ValueTree(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: {
      out_ += '{';
      bool first = true;
      for (const auto& [k, v] : value.get_ref<const Json::object_t&>()) {
        if (!first) out_ += ',';
        first = false;
        Escaped(k);
        out_ += ':';
        ValueTree(v);
      }
      out_ += '}';
      return;
    }
    case Json::value_t::array: {
      out_ += '[';
      bool first = true;
      for (const Json& v : value) {
        if (!first) out_ += ',';
        first = false;
        ValueTree(v);
      }
      out_ += ']';
      return;
    }
    case Json::value_t::string:
      Escaped(value.get_ref<const std::string&>());
      return;
    case Json::value_t::boolean:
      out_ += value.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::null:
      out_ += "null";
      return;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: {
      char buffer[24];
      auto [end, ec] = value.is_number_unsigned()
                           ? std::to_chars(buffer, buffer + sizeof buffer, value.get<uint64_t>())
                           : std::to_chars(buffer, buffer + sizeof buffer, value.get<int64_t>());
      (void)ec;
      out_.append(buffer, end);
      return;
    }
    default:
      // Floating-point numbers (nlohmann's shortest round-trip format), binary, discarded.
      out_ += value.dump(-1, ' ', false, Json::error_handler_t::replace);
      return;
  }
}

}  // namespace policylab
