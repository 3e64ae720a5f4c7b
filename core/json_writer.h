// Compact JSON text written straight into a string, byte for byte what nlohmann's
// `dump(-1, ' ', false, error_handler_t::replace)` prints for the same document: no whitespace,
// `"key":value`, strings escaped as nlohmann escapes them (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`,
// `\t`, other control characters as `\u00xx`, everything else as is; ill-formed UTF-8 replaced
// by U+FFFD), integers in decimal.
//
// The result document (evaluate.cc) is written with it instead of being built as an nlohmann
// DOM and dumped: a DOM of std::map nodes costs an allocation per member and most of the time
// of the batch API (issue #5). The writer does not sort: objects must be written with their
// keys in byte order, as nlohmann's std::map would print them (tests/unit/json_writer_test.cc
// and the round-trip test of tests/unit/evaluate_test.cc hold the writer to that).
#ifndef POLICYLAB_CORE_JSON_WRITER_H_
#define POLICYLAB_CORE_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_source.h"

namespace policylab {

class JsonWriter {
 public:
  // Containers. A member is Key() followed by exactly one value (a scalar or a container).
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);

  // Scalars.
  void String(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();
  // Any nlohmann value (objects are std::maps, so their keys are already in byte order).
  void Value(const Json& value);

  // Shorthands for one member.
  void Member(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void Member(std::string_view key, const char* value) { Member(key, std::string_view(value)); }
  void Member(std::string_view key, const std::string& value) {
    Member(key, std::string_view(value));
  }
  void Member(std::string_view key, int64_t value) {
    Key(key);
    Int(value);
  }
  void Member(std::string_view key, int value) { Member(key, static_cast<int64_t>(value)); }
  void Member(std::string_view key, bool value) {
    Key(key);
    Bool(value);
  }
  void Member(std::string_view key, const Json& value) {
    Key(key);
    Value(value);
  }

  // Room for `bytes` of text, so that a large document is not copied on every doubling.
  void Reserve(size_t bytes) { out_.reserve(bytes); }

  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  // Writes the comma before a value, unless it is a member's value or a container's first.
  void Separate() {
    if (after_key_) {
      after_key_ = false;
    } else if (!first_.empty()) {
      if (!first_.back()) out_ += ',';
      first_.back() = false;
    }
  }
  void Open(char c) {
    Separate();
    out_ += c;
    first_.push_back(true);
  }
  void Close(char c) {
    first_.pop_back();
    out_ += c;
  }
  void Escaped(std::string_view value);
  void ValueTree(const Json& value);

  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace policylab

#endif  // POLICYLAB_CORE_JSON_WRITER_H_
