// Policy variables (spec §2.5): `${key}`, `${key, 'default'}` and the escapes `${*}`, `${?}`,
// `${$}`. A Template is parsed once at compile time; Resolve substitutes at evaluation time.
//
// Substituted text is marked literal, so that a `*` coming from `${*}` or from a context value
// never acts as a wildcard in StringLike, ArnLike or Resource patterns.
#ifndef POLICYLAB_CORE_VARIABLES_H_
#define POLICYLAB_CORE_VARIABLES_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/context.h"
#include "core/wildcard.h"

namespace policylab {

// Text where some characters are literal (never wildcards).
struct MarkedString {
  std::string text;
  std::vector<bool> literal;  // same length as text
  void Clear() {
    text.clear();
    literal.clear();
  }
};

// Builds a glob from [begin, end) of `s`: unmarked `*`/`?` are wildcards, marked ones literal.
Glob GlobFromMarked(const MarkedString& s, size_t begin, size_t end,
                    CaseMode mode = CaseMode::kSensitive);

class Template {
 public:
  Template() = default;
  // With `variables_enabled` false (Version 2008-10-17 or none), `${...}` is plain text.
  static Template Parse(std::string_view text, bool variables_enabled);

  bool has_variables() const { return has_variables_; }
  const std::string& text() const { return text_; }

  // Substitutes every variable from `context`. Returns false when a variable is absent (or
  // multivalued) and has no default: then the value is null (spec §2.5). The names of the
  // missing variables are appended to `missing` when given.
  bool Resolve(const RequestContext& context, MarkedString& out,
               std::vector<std::string>* missing = nullptr) const;

 private:
  struct Piece {
    enum class Kind { kText, kLiteral, kVariable };
    Kind kind = Kind::kText;
    std::string text;       // kText: raw text; kLiteral: the escaped char; kVariable: key
    std::string key_lower;  // kVariable
    bool has_default = false;
    std::string default_value;
  };
  std::string text_;
  std::vector<Piece> pieces_;
  bool has_variables_ = false;
};

}  // namespace policylab

#endif  // POLICYLAB_CORE_VARIABLES_H_
