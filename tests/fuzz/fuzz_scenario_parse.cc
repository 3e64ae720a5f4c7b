// libFuzzer target: strict JSON parsing and scenario validation/compilation (issue #5).
// Any input must give a value or diagnostics, never a crash, hang, leak or undefined behaviour.
// Property checked: a document ParseJsonStrict accepts is re-parsed identically from its own
// serialisation (parse -> dump -> parse -> dump is stable, as nlohmann/json's fuzzers check).
//   scripts/fuzz fuzz_scenario_parse 60
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/json_source.h"
#include "core/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  policylab::JsonParseResult parsed = policylab::ParseJsonStrict(text);
  if (!parsed.ok) {
    // At most one error, and it must say something.
    if (parsed.diagnostics.empty()) std::abort();
    return 0;
  }
  std::string once = parsed.value.dump();
  policylab::JsonParseResult again = policylab::ParseJsonStrict(once);
  if (!again.ok || again.value.dump() != once) std::abort();

  policylab::Diagnostics diagnostics;
  policylab::Scenario scenario = policylab::ParseScenario(parsed.value, diagnostics);
  (void)scenario;
  return 0;
}
