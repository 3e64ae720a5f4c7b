// libFuzzer target: the whole JSON API, scenario text in, result text out (issue #5), as the CLI,
// the wasm module and the page call it. Properties checked on every input:
//   * no crash, hang, leak or undefined behaviour (ASan + UBSan);
//   * the result is valid JSON (strict parser), an object with "engine", "diagnostics" and
//     "results", and it re-parses to the same value after printing (round trip);
//   * a scenario that fixes "now" evaluates to the same text twice (the clock is read only for
//     scenarios without "now").
//   scripts/fuzz fuzz_evaluate 60
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/evaluate.h"
#include "core/json_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string result = policylab::EvaluateScenarioJson(text);
  policylab::JsonParseResult parsed = policylab::ParseJsonStrict(result);
  if (!parsed.ok || !parsed.value.is_object()) std::abort();
  const policylab::Json& r = parsed.value;
  if (!r.contains("engine") || !r.contains("diagnostics") || !r["diagnostics"].is_array() ||
      !r.contains("results") || !r["results"].is_array()) {
    std::abort();
  }
  // Round trip: the printed result re-parses to the same value.
  if (policylab::ParseJsonStrict(r.dump()).value != r) std::abort();
  // Determinism for reproducible scenarios (those that fix "now").
  policylab::JsonParseResult input = policylab::ParseJsonStrict(text);
  if (input.ok && input.value.is_object() && input.value.contains("now") &&
      policylab::EvaluateScenarioJson(text) != result) {
    std::abort();
  }
  return 0;
}
