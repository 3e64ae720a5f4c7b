// The Embind module `policylab`: the JSON API of core/evaluate.h, nothing more. Strings cross the
// boundary (no C++ class handles, which would leak unless JavaScript freed them by hand), and
// there is no logic here, so the native tests of EvaluateScenarioJson cover the wasm build too.
// Tested by tests/wasm/module.test.mjs and tests/wasm/corpus.test.mjs.
#include <emscripten/bind.h>

#include <string>

#include "core/evaluate.h"

namespace {

// Embind passes JavaScript strings as std::string (UTF-8).
std::string Evaluate(const std::string& scenario_json) {
  return policylab::EvaluateScenarioJson(scenario_json);
}

// The same without the per-statement trace, for batch use (tests, benchmarks, tooling).
std::string EvaluateDecisions(const std::string& scenario_json) {
  return policylab::EvaluateScenarioJson(scenario_json, {.trace = false});
}

}  // namespace

EMSCRIPTEN_BINDINGS(policylab) {
  emscripten::function("evaluate", &Evaluate);
  emscripten::function("evaluateDecisions", &EvaluateDecisions);
  emscripten::function("catalog", &policylab::CatalogJson);
  emscripten::function("version", &policylab::EngineVersion);
}
