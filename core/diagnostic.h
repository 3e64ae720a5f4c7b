// Diagnostics: the one way user problems are reported (DESIGN.md, "The pipeline").
//
// A diagnostic carries a stable `code` (tests assert codes, never prose), a one-line lower-case
// message with user input in backticks, a severity, and a location: a JSON pointer into the
// scenario document and, once the text is known, the 1-based line and column of that pointer.
// Engine failures are not diagnostics; there are none by design (no exception crosses the API).
#ifndef POLICYLAB_CORE_DIAGNOSTIC_H_
#define POLICYLAB_CORE_DIAGNOSTIC_H_

#include <string>
#include <string_view>
#include <vector>

namespace policylab {

enum class Severity { kError, kWarning, kInfo };

const char* SeverityName(Severity severity);

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;     // stable, kebab-case, e.g. "effect-invalid"
  std::string message;  // one line, lower case, no trailing period
  std::string pointer;  // RFC 6901 JSON pointer into the scenario document ("" = whole document)
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based, in Unicode code points; 0 when unknown
};

using Diagnostics = std::vector<Diagnostic>;

// True when any diagnostic has severity error.
bool HasErrors(const Diagnostics& diagnostics);

// User input as diagnostics and traces show it: in backticks (STYLE.md).
std::string Quote(std::string_view text);

// Escapes one reference token for a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string EscapePointerToken(std::string_view token);

}  // namespace policylab

#endif  // POLICYLAB_CORE_DIAGNOSTIC_H_
