// Native side of scripts/bench: decisions per second of the C++ engine on a scenario file.
//   native_bench FILE...   prints one JSON line per file:
//   {"file": ..., "decision": ..., "compiledPerSec": ..., "jsonApiPerSec": ...}
// compiledPerSec: policies compiled once, Authorize() per decision (as tests/bench/
// authorize_bench.cc, no trace); jsonApiPerSec: EvaluateScenarioJson on the scenario with its
// request repeated n times (1,000, fewer for big documents: parse, compile, evaluate without the
// trace, print), divided by n: the same call and the same unit as the wasm module's
// evaluateDecisions().
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "core/authorize.h"
#include "core/evaluate.h"
#include "core/json_source.h"
#include "core/resolve.h"
#include "core/scenario.h"

namespace policylab {
namespace {

template <typename F>
double CallsPerSecond(F&& f, double min_seconds) {
  using Clock = std::chrono::steady_clock;
  long runs = 0;
  auto start = Clock::now();
  double elapsed = 0;
  do {
    f();
    ++runs;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < min_seconds);
  return static_cast<double>(runs) / elapsed;
}

int Bench(const char* file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  JsonParseResult parsed = ParseJsonStrict(ss.str());
  if (!parsed.ok) return 1;
  Diagnostics diags;
  Scenario scenario = ParseScenario(parsed.value, diags);
  if (HasErrors(diags)) {
    std::fprintf(stderr, "%s: %s\n", file, diags.front().message.c_str());
    return 1;
  }
  const RequestSpec& spec = scenario.requests.front();
  AuthorizationCheck check = MakeCheck(scenario, scenario.caller.principal, true, spec.action,
                                       spec.resource, spec.context);
  AuthorizationInput input;
  input.caller = &scenario.caller;
  const ResourcePolicySlot* slot = scenario.FindResourcePolicy(spec.resource);
  input.resource_policy = slot ? slot->policy.get() : nullptr;
  input.rcps = &scenario.rcps;
  Decision decision = Decision::kImplicitDeny;
  double compiled = CallsPerSecond(
      [&] { decision = Authorize(input, check, /*with_trace=*/false).decision; }, 1.0);

  // The request repeated as often as the 4 MiB document limit allows (at most 1,000 times).
  Json many = parsed.value;
  const int n = static_cast<int>(
      std::max<std::size_t>(1, std::min<std::size_t>(1000, 3000000 / many.dump().size())));
  Json requests = Json::array();
  for (int i = 0; i < n; ++i) requests.push_back(many["requests"][0]);
  many["requests"] = requests;
  std::string text = many.dump();
  // Without the trace, as the wasm column (evaluateDecisions) measures it.
  double json_api =
      n * CallsPerSecond([&] { (void)EvaluateScenarioJson(text, {.trace = false}); }, 1.0);
  std::printf(
      "{\"file\": \"%s\", \"decision\": \"%s\", \"compiledPerSec\": %.0f, "
      "\"jsonApiPerSec\": %.0f}\n",
      file, DecisionName(decision), compiled, json_api);
  return 0;
}

}  // namespace
}  // namespace policylab

int main(int argc, char** argv) {
  int rc = 0;
  for (int i = 1; i < argc; ++i) rc |= policylab::Bench(argv[i]);
  return rc;
}
