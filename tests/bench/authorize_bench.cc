// Decisions per second (issue #2 budgets on the 2-core reference machine: >= 1,000,000/s for
// the small case, >= 100,000/s for the large one). Policies are compiled once, as in a scenario;
// each iteration is one full authorization (all applicable policies, every statement).
//   build/policylab_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <string>

#include "core/authorize.h"
#include "core/evaluate.h"
#include "core/json_source.h"
#include "core/resolve.h"
#include "core/scenario.h"

namespace policylab {
namespace {

constexpr const char* kFunction = "arn:aws:lambda:us-east-1:111111111111:function:orders-prod";

Json SmallScenario() {
  return Json::parse(R"({
    "scenario": 1,
    "now": "2026-06-01T00:00:00Z",
    "caller": {"principal": "arn:aws:sts::111111111111:assumed-role/Dev/s1",
      "identityPolicies": [{"name": "dev", "document": {"Version": "2012-10-17", "Statement": [
        {"Sid": "List", "Effect": "Allow", "Action": "lambda:ListFunctions", "Resource": "*"},
        {"Sid": "Read", "Effect": "Allow", "Action": ["lambda:Get*", "lambda:List*"],
         "Resource": "arn:aws:lambda:us-east-1:111111111111:function:*"},
        {"Sid": "Invoke", "Effect": "Allow", "Action": "lambda:InvokeFunction",
         "Resource": "arn:aws:lambda:us-east-1:111111111111:function:orders-*"}]}}]},
    "requests": []})");
}

// 5 identity policies x 20 statements (wildcards, conditions, variables) + a 50-statement
// function policy. The request is allowed by the last identity statement, so every statement
// of every policy is looked at.
Json LargeScenario() {
  Json identity = Json::array();
  for (int p = 0; p < 5; ++p) {
    Json statements = Json::array();
    for (int s = 0; s < 20; ++s) {
      std::string n = std::to_string(p) + "x" + std::to_string(s);
      Json st = {{"Sid", "S" + std::to_string(p) + "x" + std::to_string(s)},
                 {"Effect", "Allow"},
                 {"Action", {"lambda:Get*", "lambda:List" + n + "*", "s3:Get?bject"}},
                 {"Resource",
                  {"arn:aws:lambda:*:111111111111:function:team-" + n + "-*",
                   "arn:aws:lambda:us-east-1:111111111111:function:${aws:PrincipalTag/team}-" + n}},
                 {"Condition",
                  {{"StringEquals", {{"aws:PrincipalTag/team", {"payments", "orders"}}}},
                   {"StringLike", {{"aws:RequestedRegion", "us-*"}}},
                   {"IpAddressIfExists", {{"aws:SourceIp", "10.0.0.0/8"}}}}}};
      if (p == 4 && s == 19) {
        st["Action"] = {"lambda:Invoke*"};
        st["Resource"] = "arn:aws:lambda:us-east-1:111111111111:function:orders-*";
      }
      statements.push_back(st);
    }
    identity.push_back({{"name", "policy-" + std::to_string(p)},
                        {"document", {{"Version", "2012-10-17"}, {"Statement", statements}}}});
  }
  Json rbp = Json::array();
  for (int s = 0; s < 50; ++s) {
    rbp.push_back({{"Sid", "grant-" + std::to_string(s)},
                   {"Effect", "Allow"},
                   {"Principal", {{"Service", "svc" + std::to_string(s) + ".amazonaws.com"}}},
                   {"Action", "lambda:InvokeFunction"},
                   {"Resource", kFunction},
                   {"Condition",
                    {{"ArnLike", {{"AWS:SourceArn", "arn:aws:s3:::bucket-" + std::to_string(s)}}},
                     {"StringEquals", {{"AWS:SourceAccount", "111111111111"}}}}}});
  }
  return {{"scenario", 1},
          {"now", "2026-06-01T00:00:00Z"},
          {"caller",
           {{"principal", "arn:aws:sts::111111111111:assumed-role/Dev/s1"},
            {"tags", {{"team", "orders"}}},
            {"identityPolicies", identity}}},
          {"resourcePolicies",
           {{{"attachedTo", kFunction},
             {"document", {{"Version", "2012-10-17"}, {"Statement", rbp}}}}}},
          {"requests", Json::array()}};
}

void RunDecisions(benchmark::State& state, const Json& document, bool trace) {
  Diagnostics diags;
  Scenario scenario = ParseScenario(document, diags);
  if (HasErrors(diags)) {
    state.SkipWithError(diags.front().message.c_str());
    return;
  }
  AuthorizationCheck check = MakeCheck(scenario, scenario.caller.principal, true,
                                       "lambda:InvokeFunction", kFunction, RequestContext());
  AuthorizationInput input;
  input.caller = &scenario.caller;
  const ResourcePolicySlot* slot = scenario.FindResourcePolicy(kFunction);
  input.resource_policy = slot ? slot->policy.get() : nullptr;
  input.rcps = &scenario.rcps;
  for (auto _ : state) {
    AuthorizationResult r = Authorize(input, check, trace);
    if (r.decision != Decision::kAllowed) {
      state.SkipWithError("unexpected decision");
      break;
    }
    benchmark::DoNotOptimize(r);
  }
  state.counters["decisions_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_Small(benchmark::State& state) { RunDecisions(state, SmallScenario(), false); }
void BM_Large(benchmark::State& state) { RunDecisions(state, LargeScenario(), false); }
void BM_SmallWithTrace(benchmark::State& state) { RunDecisions(state, SmallScenario(), true); }
void BM_LargeWithTrace(benchmark::State& state) { RunDecisions(state, LargeScenario(), true); }

// The whole JSON API for one scenario with one request: parse, compile, evaluate, trace, print.
void BM_EvaluateScenarioJson(benchmark::State& state) {
  Json doc = SmallScenario();
  doc["requests"] = {{{"action", "lambda:InvokeFunction"}, {"resource", kFunction}}};
  std::string text = doc.dump();
  for (auto _ : state) benchmark::DoNotOptimize(EvaluateScenarioJson(text));
}

BENCHMARK(BM_Small);
BENCHMARK(BM_Large);
BENCHMARK(BM_SmallWithTrace);
BENCHMARK(BM_LargeWithTrace);
BENCHMARK(BM_EvaluateScenarioJson);

}  // namespace
}  // namespace policylab

BENCHMARK_MAIN();
