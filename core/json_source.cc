// Tested by tests/unit/json_source_test.cc
#include "core/json_source.h"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/limits.h"

namespace policylab {
namespace {

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Messages must stay valid UTF-8 on one line: they are serialised into the
// result JSON (nlohmann refuses to dump ill-formed UTF-8) and printed as
// `file:line:col: message`. Ill-formed bytes become `\xNN`, control characters
// `\uNNNN`, and long input is cut at a code-point boundary.
std::string Printable(std::string_view text, std::size_t max_bytes = 80) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  std::size_t i = 0;
  while (i < text.size() && out.size() < max_bytes) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t n = b < 0x80                  ? 1
                    : (b >= 0xC2 && b < 0xE0) ? 2
                    : (b >= 0xE0 && b < 0xF0) ? 3
                    : (b >= 0xF0 && b < 0xF5) ? 4
                                              : 0;
    for (std::size_t k = 1; k < n; ++k) {
      if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) n = 0;
    }
    if (n == 0) {
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
      ++i;
    } else if (b < 0x20 || b == 0x7F) {
      out += "\\u00";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  if (i < text.size()) out += "...";
  return out;
}

// nlohmann's exception text, e.g. "[json.exception.parse_error.101] parse error
// at line 1, column 5: syntax error while parsing value - invalid literal; last
// read: 'tru}'", becomes "syntax error while parsing value - invalid literal;
// last read: `tru}`": our own line and column (in code points) replace
// nlohmann's, and the user's text goes in backticks (STYLE.md).
std::string SyntaxMessage(std::string_view what, std::string_view last_token) {
  if (const std::size_t bracket = what.find("] "); what.starts_with("[") && bracket != what.npos) {
    what.remove_prefix(bracket + 2);
  }
  if (what.starts_with("parse error")) {
    const std::size_t colon = what.find(": ");
    if (colon != what.npos) what.remove_prefix(colon + 2);
  }
  std::string out;
  const std::string quoted = "'" + std::string(last_token) + "'";
  const std::size_t at = last_token.empty() ? what.npos : what.find(quoted);
  if (at == what.npos) {
    out = Printable(what, 200);
  } else {
    // Keep the end of a long token: that is where the parser stopped.
    constexpr std::size_t kKeep = 40;
    std::string_view token = last_token;
    std::string cut_mark;
    if (token.size() > kKeep) {
      std::size_t cut = token.size() - kKeep;
      while (cut < token.size() && (static_cast<unsigned char>(token[cut]) & 0xC0) == 0x80) ++cut;
      token.remove_prefix(cut);
      cut_mark = "...";
    }
    out = Printable(what.substr(0, at), 200) + "`" + cut_mark + Printable(token, kKeep + 8) + "`" +
          Printable(what.substr(at + quoted.size()), 200);
  }
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] + 32);
  return out;
}

// Builds the DOM from SAX events while enforcing the limits and the
// duplicate-key rule. Every check runs before nlohmann descends into a
// container, so depth is bounded before any work is done for the next level
// (nlohmann's parser itself is iterative, with a heap stack).
class StrictHandler {
 public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  bool null() { return Put(Json(nullptr)) != nullptr; }
  bool boolean(bool value) { return Put(Json(value)) != nullptr; }
  bool number_integer(number_integer_t value) { return Put(Json(value)) != nullptr; }
  bool number_unsigned(number_unsigned_t value) { return Put(Json(value)) != nullptr; }
  bool number_float(number_float_t value, const string_t& /*raw*/) {
    return Put(Json(value)) != nullptr;
  }
  bool string(string_t& value) {
    if (value.size() > limits::kMaxStringBytes) {
      NextChild();
      return Fail("limit-exceeded",
                  "string of " + std::to_string(value.size()) + " bytes is longer than " +
                      std::to_string(limits::kMaxStringBytes) + " (limit kMaxStringBytes)",
                  ValuePointer());
    }
    return Put(Json(std::move(value))) != nullptr;
  }
  bool binary(binary_t& value) { return Put(Json::binary(std::move(value))) != nullptr; }

  bool start_object(std::size_t /*elements*/) { return Open(Json::object()); }
  bool start_array(std::size_t /*elements*/) { return Open(Json::array()); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }

  bool key(string_t& name) {
    Frame& top = frames_.back();
    if (name.size() > limits::kMaxStringBytes) {
      return Fail("limit-exceeded",
                  "key of " + std::to_string(name.size()) + " bytes is longer than " +
                      std::to_string(limits::kMaxStringBytes) + " (limit kMaxStringBytes)",
                  ContainerPointer());
    }
    top.child = EscapePointerToken(name);
    // spec §1.1/§1.6: a duplicate key makes the document invalid (nlohmann
    // would keep the last).
    if (top.value->contains(name)) {
      duplicate_ = true;
      return Fail("json-duplicate-key", "duplicate key `" + Printable(name) + "`", ValuePointer());
    }
    pending_ = &(*top.value)[std::move(name)];
    return true;
  }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& error) {
    syntax_offset_ = position > 0 ? position - 1 : 0;  // nlohmann counts the failing byte
    return Fail("json-syntax", SyntaxMessage(error.what(), last_token), "");
  }

  Json& root() { return root_; }
  const std::optional<Diagnostic>& failure() const { return failure_; }
  bool duplicate() const { return duplicate_; }
  std::optional<std::size_t> syntax_offset() const { return syntax_offset_; }

 private:
  struct Frame {
    Json* value;
    std::string child;  // pointer token of the member or element being built
  };

  // Sets the pointer token of the next value (for arrays, its index).
  void NextChild() {
    if (!frames_.empty() && frames_.back().value->is_array()) {
      frames_.back().child = std::to_string(frames_.back().value->size());
    }
  }

  Json* Put(Json value) {
    NextChild();
    if (frames_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& top = *frames_.back().value;
    if (top.is_array()) {
      top.push_back(std::move(value));
      return &top.back();
    }
    *pending_ = std::move(value);
    return pending_;
  }

  bool Open(Json empty) {
    if (frames_.size() >= limits::kMaxJsonDepth) {
      NextChild();
      return Fail("limit-exceeded",
                  "nesting deeper than " + std::to_string(limits::kMaxJsonDepth) +
                      " levels (limit kMaxJsonDepth)",
                  ValuePointer());
    }
    Json* slot = Put(std::move(empty));
    frames_.push_back(Frame{slot, ""});
    return true;
  }

  bool Close() {
    frames_.pop_back();
    return true;
  }

  std::string ContainerPointer() const {
    std::string out;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) out += "/" + frames_[i].child;
    return out;
  }
  std::string ValuePointer() const {
    std::string out;
    for (const Frame& f : frames_) out += "/" + f.child;
    return out;
  }

  bool Fail(std::string code, std::string message, std::string pointer) {
    if (!failure_) {
      Diagnostic d;
      d.code = std::move(code);
      d.message = std::move(message);
      d.pointer = std::move(pointer);
      failure_ = std::move(d);
    }
    return false;
  }

  Json root_;
  std::vector<Frame> frames_;
  Json* pending_ = nullptr;  // the member slot created by the last key()
  std::optional<Diagnostic> failure_;
  std::optional<std::size_t> syntax_offset_;
  bool duplicate_ = false;
};

// ---- A forward-only scanner over JSON text, for pointer -> offset ----

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::size_t pos() const { return pos_; }
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }

  void SkipSpace() {
    while (!AtEnd() && IsJsonSpace(text_[pos_])) ++pos_;
  }

  bool Consume(char c) {
    SkipSpace();
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }

  // At an opening quote: moves past the closing quote.
  bool SkipString() {
    if (Peek() != '"') return false;
    for (++pos_; pos_ < text_.size(); ++pos_) {
      if (text_[pos_] == '\\') {
        ++pos_;
      } else if (text_[pos_] == '"') {
        ++pos_;
        return true;
      }
    }
    return false;
  }

  // Skips one value of any kind without recursion: containers by counting
  // brackets.
  bool SkipValue() {
    SkipSpace();
    std::size_t depth = 0;
    do {
      if (AtEnd()) return false;
      const char c = text_[pos_];
      if (c == '"') {
        if (!SkipString()) return false;
      } else if (c == '{' || c == '[') {
        ++depth;
        ++pos_;
      } else if (c == '}' || c == ']') {
        if (depth == 0) return false;
        --depth;
        ++pos_;
      } else if (depth > 0) {
        ++pos_;  // separators, whitespace and scalars inside a container
      } else {
        const std::size_t begin = pos_;
        while (!AtEnd() && !IsJsonSpace(Peek()) && Peek() != ',' && Peek() != ']' &&
               Peek() != '}') {
          ++pos_;
        }
        if (pos_ == begin) return false;
      }
    } while (depth > 0);
    return true;
  }

  // At an opening quote: does the string, with JSON escapes decoded, equal
  // `want`? Does not move.
  bool StringEquals(std::string_view want) const {
    std::size_t i = pos_ + 1;
    std::size_t w = 0;
    while (i < text_.size() && text_[i] != '"') {
      char buffer[4];
      std::size_t n = 0;
      if (text_[i] != '\\') {
        buffer[n++] = text_[i++];
      } else {
        if (i + 1 >= text_.size()) return false;
        const char e = text_[i + 1];
        i += 2;
        switch (e) {
          case 'b':
            buffer[n++] = '\b';
            break;
          case 'f':
            buffer[n++] = '\f';
            break;
          case 'n':
            buffer[n++] = '\n';
            break;
          case 'r':
            buffer[n++] = '\r';
            break;
          case 't':
            buffer[n++] = '\t';
            break;
          case 'u': {
            std::optional<uint32_t> cp = Hex4(i);
            if (!cp) return false;
            i += 4;
            if (*cp >= 0xD800 && *cp < 0xDC00 && i + 1 < text_.size() && text_[i] == '\\' &&
                text_[i + 1] == 'u') {
              const std::optional<uint32_t> low = Hex4(i + 2);
              if (low && *low >= 0xDC00 && *low < 0xE000) {
                cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
                i += 6;
              }
            }
            n = EncodeUtf8(*cp, buffer);
            break;
          }
          default:
            buffer[n++] = e;
            break;  // \" \\ \/
        }
      }
      for (std::size_t k = 0; k < n; ++k) {
        if (w >= want.size() || want[w++] != buffer[k]) return false;
      }
    }
    return i < text_.size() && w == want.size();
  }

 private:
  std::optional<uint32_t> Hex4(std::size_t at) const {
    if (at + 4 > text_.size()) return std::nullopt;
    uint32_t value = 0;
    for (std::size_t k = at; k < at + 4; ++k) {
      const char c = text_[k];
      uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return std::nullopt;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  static std::size_t EncodeUtf8(uint32_t cp, char* out) {
    if (cp < 0x80) {
      out[0] = static_cast<char>(cp);
      return 1;
    }
    if (cp < 0x800) {
      out[0] = static_cast<char>(0xC0 | (cp >> 6));
      out[1] = static_cast<char>(0x80 | (cp & 0x3F));
      return 2;
    }
    if (cp < 0x10000) {
      out[0] = static_cast<char>(0xE0 | (cp >> 12));
      out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out[2] = static_cast<char>(0x80 | (cp & 0x3F));
      return 3;
    }
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    return 4;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

// RFC 6901 §4: "~1" -> "/", "~0" -> "~"; nullopt for any other use of "~".
std::optional<std::string> UnescapeToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] != '~') {
      out += token[i];
    } else if (i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

// Array index per RFC 6901: "0" or digits without a leading zero.
std::optional<std::size_t> ParseIndex(std::string_view token) {
  if (token.empty() || token.size() > 18 || (token.size() > 1 && token[0] == '0')) {
    return std::nullopt;
  }
  std::size_t value = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return value;
}

// LocatePointer, plus: the last token's member is its `occurrence`-th
// appearance in the object (the duplicate-key diagnostic points at the second
// one).
std::optional<std::size_t> Locate(std::string_view text, std::string_view pointer, bool prefer_key,
                                  int occurrence) {
  Scanner scan(text);
  scan.SkipSpace();
  if (scan.AtEnd()) return std::nullopt;
  if (pointer.empty()) return scan.pos();
  if (pointer[0] != '/') return std::nullopt;
  pointer.remove_prefix(1);
  while (true) {
    const std::size_t slash = pointer.find('/');
    const bool last = slash == std::string_view::npos;
    const std::optional<std::string> token = UnescapeToken(pointer.substr(0, slash));
    if (!token) return std::nullopt;
    scan.SkipSpace();
    if (scan.Peek() == '{') {
      scan.Consume('{');
      int seen = 0;
      const int wanted = last ? occurrence : 1;
      while (true) {
        scan.SkipSpace();
        if (scan.Peek() != '"') return std::nullopt;  // `}` (not found) or not JSON
        const std::size_t key_at = scan.pos();
        const bool match = scan.StringEquals(*token) && ++seen == wanted;
        if (!scan.SkipString() || !scan.Consume(':')) return std::nullopt;
        if (match) {
          if (last && prefer_key) return key_at;
          break;
        }
        if (!scan.SkipValue() || !scan.Consume(',')) return std::nullopt;
      }
    } else if (scan.Peek() == '[') {
      const std::optional<std::size_t> index = ParseIndex(*token);
      if (!index) return std::nullopt;
      scan.Consume('[');
      for (std::size_t i = 0; i < *index; ++i) {
        if (!scan.SkipValue() || !scan.Consume(',')) return std::nullopt;
      }
      scan.SkipSpace();
      if (scan.Peek() == ']') return std::nullopt;
    } else {
      return std::nullopt;  // a scalar has no members
    }
    scan.SkipSpace();
    if (scan.AtEnd()) return std::nullopt;
    if (last) return scan.pos();
    pointer.remove_prefix(slash + 1);
  }
}

void SetPosition(std::string_view text, std::size_t offset, Diagnostic& d) {
  const TextPosition p = OffsetToPosition(text, offset);
  d.line = p.line;
  d.column = p.column;
}

}  // namespace

JsonParseResult ParseJsonStrict(std::string_view text) {
  JsonParseResult result;
  auto fail = [&](std::string code, std::string message) {
    Diagnostic d;
    d.code = std::move(code);
    d.message = std::move(message);
    d.line = 1;
    d.column = 1;
    result.diagnostics.push_back(std::move(d));
    return std::move(result);
  };
  // The size check comes first so that nothing, not even the lexer, sees an
  // oversized text.
  if (text.size() > limits::kMaxDocumentBytes) {
    return fail("limit-exceeded",
                "document of " + std::to_string(text.size()) + " bytes is larger than " +
                    std::to_string(limits::kMaxDocumentBytes) + " (limit kMaxDocumentBytes)");
  }
  bool blank = true;
  for (char c : text) blank = blank && IsJsonSpace(c);
  if (blank) return fail("json-empty", "document is empty");

  StrictHandler handler;
  // sax_parse does not throw for syntax errors: it reports them to
  // handler.parse_error, and our handler reports every rule violation by
  // returning false.
  const bool ok = Json::sax_parse(text, &handler, Json::input_format_t::json,
                                  /*strict=*/true,
                                  /*ignore_comments=*/false);
  if (ok && !handler.failure()) {
    result.value = std::move(handler.root());
    result.ok = true;
    return result;
  }
  Diagnostic d = handler.failure().value_or(
      Diagnostic{Severity::kError, "json-syntax", "invalid json", "", 0, 0});
  // Everything before the failure point is valid JSON, so the scanner can walk
  // to the pointer.
  std::optional<std::size_t> offset = handler.syntax_offset();
  // A duplicate points at the key of its second occurrence; other problems at
  // the value.
  if (!offset) offset = Locate(text, d.pointer, handler.duplicate(), handler.duplicate() ? 2 : 1);
  SetPosition(text, offset.value_or(0), d);
  result.diagnostics.push_back(std::move(d));
  return result;
}

TextPosition OffsetToPosition(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  TextPosition p;
  for (std::size_t i = 0; i < offset; ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++p.column;  // UTF-8 continuation bytes do not start a code point
    }
  }
  return p;
}

std::optional<std::size_t> LocatePointer(std::string_view text, std::string_view pointer,
                                         bool prefer_key) {
  return Locate(text, pointer, prefer_key, 1);
}

void AttachPositions(std::string_view text, Diagnostics& diagnostics) {
  for (Diagnostic& d : diagnostics) {
    if (d.line > 0) continue;
    // A pointer to something absent (e.g. a missing `Resource`) falls back to
    // the nearest existing ancestor, which is where the user has to add it.
    std::string_view pointer = d.pointer;
    std::optional<std::size_t> offset = LocatePointer(text, pointer);
    while (!offset && !pointer.empty()) {
      pointer = pointer.substr(0, pointer.rfind('/'));
      offset = LocatePointer(text, pointer);
    }
    if (offset) SetPosition(text, *offset, d);
  }
}

}  // namespace policylab
