// Stage 0 of the pipeline: JSON text -> nlohmann::json, strictly.
//
// nlohmann's default parser silently keeps the last of two duplicate keys and recurses without
// bound in some operations; this wrapper uses the SAX interface so that it can
//   * reject duplicate keys in one object (code "json-duplicate-key", spec §1.1),
//   * stop at limits::kMaxJsonDepth ("limit-exceeded", names the limit),
//   * refuse documents over limits::kMaxDocumentBytes and strings over kMaxStringBytes,
//   * report syntax errors with the byte offset turned into line:column ("json-syntax"),
// and never throws (safe for the wasm build).
#ifndef POLICYLAB_CORE_JSON_SOURCE_H_
#define POLICYLAB_CORE_JSON_SOURCE_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.h"

namespace policylab {

using Json = nlohmann::json;

struct TextPosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, counted in Unicode code points
};

struct JsonParseResult {
  Json value;               // discarded (null) when !ok
  Diagnostics diagnostics;  // at most one error: parsing stops at the first problem
  bool ok = false;
};

// Parses `text` strictly (see above). An empty or all-whitespace text gives "json-empty".
JsonParseResult ParseJsonStrict(std::string_view text);

// Line and column of the byte at `offset` (clamped to the text).
TextPosition OffsetToPosition(std::string_view text, std::size_t offset);

// Byte offset of the start of the value addressed by `pointer` (RFC 6901) in `text`, which must
// be valid JSON; for a pointer whose last token names an object member, the offset of the
// member's key is returned when `prefer_key` is set (useful for "unknown key" diagnostics).
// nullopt when the pointer does not resolve. Linear in the text; no allocation per character.
std::optional<std::size_t> LocatePointer(std::string_view text, std::string_view pointer,
                                         bool prefer_key = false);

// Fills line/column of every diagnostic that has a pointer and no position yet.
void AttachPositions(std::string_view text, Diagnostics& diagnostics);

}  // namespace policylab

#endif  // POLICYLAB_CORE_JSON_SOURCE_H_
