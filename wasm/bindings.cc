// The Embind module `policylab`: the JSON API of core/evaluate.h, nothing more. Strings cross the
// boundary (no C++ class handles, which would leak unless JavaScript freed them by hand), and
// there is no logic here, so the native tests of EvaluateScenarioJson cover the wasm build too.
// Tested by tests/wasm/module.test.mjs and tests/wasm/corpus.test.mjs.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>

#include "core/evaluate.h"

namespace {

using emscripten::val;

// A result document as a JavaScript string, decoded by TextDecoder straight from wasm memory.
// Embind's std::string return first scans every byte in JavaScript (for embedded NULs, then for
// the end), which was a fifth of evaluateDecisions() for a batch (scripts/bench). Result
// documents are valid UTF-8 without NULs, so the string is the same.
val ToJs(const std::string& text) {
  static const val decoder = val::global("TextDecoder").new_();
  return decoder.call<val>(
      "decode", val(emscripten::typed_memory_view(text.size(),
                                                  reinterpret_cast<const uint8_t*>(text.data()))));
}

// Embind passes JavaScript strings as std::string (UTF-8).
val Evaluate(const std::string& scenario_json) {
  return ToJs(policylab::EvaluateScenarioJson(scenario_json));
}

// The same without the per-statement trace, for batch use (tests, benchmarks, tooling).
val EvaluateDecisions(const std::string& scenario_json) {
  return ToJs(policylab::EvaluateScenarioJson(scenario_json, {.trace = false}));
}

}  // namespace

EMSCRIPTEN_BINDINGS(policylab) {
  emscripten::function("evaluate", &Evaluate);
  emscripten::function("evaluateDecisions", &EvaluateDecisions);
  emscripten::function("catalog", &policylab::CatalogJson);
  emscripten::function("version", &policylab::EngineVersion);
}
