// Pathological wildcard check (issue #5): a 1,000-character pattern `*a*a*a…*a*b` against a
// 10,000-character value of `a`s, in a Resource and in a StringLike condition, must evaluate in
// under 1 ms. A backtracking matcher needs exponential time here; core/wildcard.cc must not.
// Prints the time per decision (compiled scenario, Authorize only) and per whole JSON API call
// (parse, compile, evaluate, print), for the non-matching (worst) and the matching value, and
// exits 1 when a decision is over budget or decides wrongly.
//   scripts/bench builds and runs it; by hand:
//   g++ -std=c++20 -O2 -I. core/*.cc core/data/*.cc tests/fuzz/pathological_wildcard.cc \
//       -DPOLICYLAB_VERSION='"0.1.0"' -o build-bench/pathological_wildcard
#include <chrono>
#include <cstdio>
#include <string>

#include "core/authorize.h"
#include "core/evaluate.h"
#include "core/json_source.h"
#include "core/resolve.h"
#include "core/scenario.h"

namespace policylab {
namespace {

constexpr const char* kPrefix = "arn:aws:lambda:us-east-1:111111111111:function:";
constexpr double kBudgetMs = 1.0;

// `*a*a…*a*b`, exactly `length` characters.
std::string Pattern(std::size_t length) {
  std::string p;
  while (p.size() + 2 < length) p += "*a";
  p += "*b";
  return p;
}

struct Case {
  const char* name;
  bool in_resource;  // else in StringLike on aws:ResourceTag/team
  bool value_matches;
};

Json ScenarioFor(const Case& c, const std::string& pattern, const std::string& value) {
  Json statement = {{"Effect", "Allow"}, {"Action", "lambda:InvokeFunction"}};
  if (c.in_resource) {
    statement["Resource"] = std::string(kPrefix) + pattern;
  } else {
    statement["Resource"] = "*";
    statement["Condition"] = {{"StringLike", {{"aws:ResourceTag/team", pattern}}}};
  }
  Json request = {{"action", "lambda:InvokeFunction"},
                  {"resource", std::string(kPrefix) + (c.in_resource ? value : "f")}};
  if (!c.in_resource) request["context"] = {{"aws:ResourceTag/team", value}};
  return {{"scenario", 1},
          {"now", "2026-06-01T00:00:00Z"},
          {"caller",
           {{"principal", "arn:aws:iam::111111111111:user/alice"},
            {"identityPolicies",
             {{{"name", "p"},
               {"document", {{"Version", "2012-10-17"}, {"Statement", {statement}}}}}}}}},
          {"requests", {request}}};
}

template <typename F>
double MillisPerCall(F&& f, int min_runs) {
  using Clock = std::chrono::steady_clock;
  int runs = 0;
  auto start = Clock::now();
  do {
    f();
    ++runs;
  } while (runs < min_runs ||
           std::chrono::duration<double, std::milli>(Clock::now() - start).count() < 200.0);
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count() / runs;
}

int Run() {
  const std::string pattern = Pattern(1000);
  std::string value(10000, 'a');
  int failures = 0;
  std::printf("| case | pattern | value | decision | ms per decision | ms per JSON call |\n");
  std::printf("|---|---|---|---|---|---|\n");
  for (const Case& c :
       {Case{"Resource, no match", true, false}, Case{"Resource, match", true, true},
        Case{"StringLike, no match", false, false}, Case{"StringLike, match", false, true}}) {
    std::string v = value;
    if (c.value_matches) v.back() = 'b';
    Json doc = ScenarioFor(c, pattern, v);
    Diagnostics diags;
    Scenario scenario = ParseScenario(doc, diags);
    if (HasErrors(diags)) {
      std::printf("%s: scenario rejected: %s\n", c.name, diags.front().message.c_str());
      ++failures;
      continue;
    }
    const RequestSpec& spec = scenario.requests.front();
    AuthorizationCheck check = MakeCheck(scenario, scenario.caller.principal, true, spec.action,
                                         spec.resource, spec.context);
    AuthorizationInput input;
    input.caller = &scenario.caller;
    input.rcps = &scenario.rcps;
    Decision decision = Decision::kImplicitDeny;
    double per_decision = MillisPerCall(
        [&] { decision = Authorize(input, check, /*with_trace=*/false).decision; }, 20);
    std::string text = doc.dump();
    double per_call = MillisPerCall([&] { (void)EvaluateScenarioJson(text); }, 5);
    Decision want = c.value_matches ? Decision::kAllowed : Decision::kImplicitDeny;
    bool ok = decision == want && per_decision < kBudgetMs;
    failures += ok ? 0 : 1;
    std::printf("| %s | %zu chars | %zu chars | %s%s | %.4f | %.3f |\n", c.name, pattern.size(),
                v.size(), decision == Decision::kAllowed ? "allowed" : "implicitDeny",
                decision == want ? "" : " (WRONG)", per_decision, per_call);
  }
  std::printf("\nbudget: < %.1f ms per decision: %s\n", kBudgetMs, failures ? "FAILED" : "met");
  return failures ? 1 : 0;
}

}  // namespace
}  // namespace policylab

int main() { return policylab::Run(); }
