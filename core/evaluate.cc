// Tested by tests/corpus_runner.cc (every corpus file) and tests/unit/evaluate_test.cc.
#include "core/evaluate.h"

#include <algorithm>
#include <exception>
#include <set>

#include "core/authorize.h"
#include "core/catalog.h"
#include "core/json_source.h"
#include "core/managed_policies.h"
#include "core/resolve.h"
#include "core/scenario.h"

namespace policylab {
namespace {

Json DiagnosticsJson(const Diagnostics& diags) {
  Json out = Json::array();
  for (const Diagnostic& d : diags) {
    Json j = {{"severity", SeverityName(d.severity)},
              {"code", d.code},
              {"message", d.message},
              {"pointer", d.pointer}};
    if (d.line > 0) {
      j["line"] = d.line;
      j["column"] = d.column;
    }
    out.push_back(std::move(j));
  }
  return out;
}

Json StatementRefJson(const DecidingStatement& d) {
  const Policy& p = d.policy->source;
  const Statement& s = p.statements[d.statement];
  return {{"policy", p.id},
          {"pointer", s.pointer},
          {"statement", d.statement},
          {"sid", s.has_sid ? Json(s.sid) : Json()},
          {"effect", EffectName(s.effect)}};
}

Json ContextJson(const RequestContext& ctx) {
  Json out = Json::object();
  for (const ContextEntry& e : ctx.entries()) {
    out[e.display_key] = e.multivalued ? Json(e.values) : Json(e.values.front());
  }
  return out;
}

std::string PrincipalText(const RequestPrincipal& p) {
  switch (p.kind) {
    case PrincipalKind::kService:
      return p.service;
    case PrincipalKind::kAnonymous:
      return "*";
    default:
      return p.arn.empty() ? p.text : p.arn;
  }
}

// Runs the requests of one valid scenario in order.
class Run {
 public:
  explicit Run(const Scenario& scenario) : scenario_(scenario) {}

  Json Request(const RequestSpec& spec) {
    Json out = {{"request", spec.index}};
    if (!spec.note.empty()) out["note"] = spec.note;
    const bool is_caller = !spec.principal.has_value();
    const RequestPrincipal& who = is_caller ? scenario_.caller.principal : *spec.principal;

    std::vector<AuthorizationCheck> checks;
    switch (spec.kind) {
      case RequestSpec::Kind::kCheck:
        checks.push_back(MakeCheck(scenario_, who, is_caller, spec.action, spec.resource,
                                   spec.context));
        break;
      case RequestSpec::Kind::kOperation:
      case RequestSpec::Kind::kCli:
        // TODO(#3): Lambda API calls and `aws lambda` command lines.
        out["decision"] = "error";
        out["reason"] = "lambda api calls are not supported yet";
        out["error"] = {{"code", "UnsupportedRequest"},
                        {"message", "`operation` and `cli` requests need the lambda api layer "
                                    "(issue #3); use `action` + `resource`"}};
        out["checks"] = Json::array();
        Expect(spec, "error", {}, out);
        return out;
    }

    Json checks_json = Json::array();
    Decision overall = Decision::kAllowed;
    std::string reason;
    std::vector<ExpectedStatement> decided;
    for (const AuthorizationCheck& check : checks) {
      AuthorizationInput input;
      input.caller = &scenario_.caller;
      const ResourcePolicySlot* slot = scenario_.FindResourcePolicy(check.resource);
      input.resource_policy = slot ? slot->policy.get() : nullptr;
      input.rcps = &scenario_.rcps;
      AuthorizationResult r = Authorize(input, check, /*with_trace=*/true);
      Json decided_by = Json::array();
      for (const DecidingStatement& d : r.decided_by) {
        decided_by.push_back(StatementRefJson(d));
        decided.push_back({d.policy->source.id, d.statement});
      }
      Json blocked = Json::array();
      for (const Gate& g : r.blocked_by) {
        Json gj = {{"gate", g.gate}, {"message", g.message}};
        if (!g.policy.empty()) gj["policy"] = g.policy;
        blocked.push_back(std::move(gj));
      }
      checks_json.push_back({{"action", check.action},
                             {"resource", check.resource},
                             {"principal", PrincipalText(check.principal)},
                             {"decision", DecisionName(r.decision)},
                             {"reason", r.reason},
                             {"decidedBy", std::move(decided_by)},
                             {"blockedBy", std::move(blocked)},
                             {"context", ContextJson(check.context)},
                             {"trace", std::move(r.trace)}});
      // The request is allowed only if every check is; an explicit deny outranks the rest.
      bool worse = (r.decision == Decision::kExplicitDeny && overall != Decision::kExplicitDeny) ||
                   (r.decision == Decision::kImplicitDeny && overall == Decision::kAllowed);
      if (worse) {
        overall = r.decision;
        reason = r.reason;
      } else if (reason.empty()) {
        reason = r.reason;
      }
    }
    out["decision"] = DecisionName(overall);
    out["reason"] = reason;
    out["checks"] = std::move(checks_json);
    Expect(spec, DecisionName(overall), decided, out);
    return out;
  }

  int failed() const { return failed_; }

 private:
  // Records the expectation and whether it holds.
  void Expect(const RequestSpec& spec, const std::string& decision,
              std::vector<ExpectedStatement> decided, Json& out) {
    if (!spec.expect && !spec.expect_decided_by) return;
    bool pass = true;
    std::string failure;
    if (spec.expect) {
      out["expect"] = *spec.expect;
      std::string actual = decision;
      if (decision == "error" && out.contains("error")) {
        actual = "error:" + out["error"]["code"].get<std::string>();
      }
      if (actual != *spec.expect) {
        pass = false;
        failure = "expected `" + *spec.expect + "`, got `" + actual + "`";
      }
    }
    if (spec.expect_decided_by) {
      std::vector<ExpectedStatement> want = *spec.expect_decided_by;
      std::sort(want.begin(), want.end());
      std::sort(decided.begin(), decided.end());
      decided.erase(std::unique(decided.begin(), decided.end()), decided.end());
      if (want != decided) {
        pass = false;
        std::string got;
        for (const ExpectedStatement& d : decided) {
          got += (got.empty() ? "" : ", ") + d.policy + "#" + std::to_string(d.statement);
        }
        if (!failure.empty()) failure += "; ";
        failure += "deciding statements differ: got [" + got + "]";
      }
    }
    out["pass"] = pass;
    if (!pass) {
      out["failure"] = failure;
      ++failed_;
    }
  }

  const Scenario& scenario_;
  int failed_ = 0;
};

Json Evaluate(std::string_view text) {
  Json result = {{"engine", EngineVersion()}};
  Diagnostics diags;
  JsonParseResult parsed = ParseJsonStrict(text);
  Json results = Json::array();
  int requests = 0;
  int failed = 0;
  if (!parsed.ok) {
    diags = std::move(parsed.diagnostics);
  } else {
    Scenario scenario = ParseScenario(parsed.value, diags);
    AttachPositions(text, diags);
    if (!HasErrors(diags)) {
      Run run(scenario);
      for (const RequestSpec& spec : scenario.requests) results.push_back(run.Request(spec));
      requests = static_cast<int>(scenario.requests.size());
      failed = run.failed();
    }
  }
  result["diagnostics"] = DiagnosticsJson(diags);
  result["results"] = std::move(results);
  result["summary"] = {{"requests", requests}, {"passed", requests - failed}, {"failed", failed}};
  return result;
}

}  // namespace

std::string EvaluateScenarioJson(std::string_view scenario_text) {
  try {
    return Evaluate(scenario_text).dump(-1, ' ', false, Json::error_handler_t::replace);
  } catch (const std::exception& e) {
    // Engine defect, not user error: still a well-formed result document.
    Json result = {{"engine", EngineVersion()},
                   {"diagnostics",
                    {{{"severity", "error"},
                      {"code", "internal-error"},
                      {"message", std::string("internal error: ") + e.what()},
                      {"pointer", ""}}}},
                   {"results", Json::array()},
                   {"summary", {{"requests", 0}, {"passed", 0}, {"failed", 0}}}};
    return result.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

std::string CatalogJson() {
  Json actions = Json::array();
  Json keys = Json::array();
  std::set<std::string> seen_keys;
  for (const catalog::ServiceInfo& service : catalog::Services()) {
    for (const catalog::ActionInfo& a : service.actions) {
      actions.push_back({{"name", std::string(service.prefix) + ":" + std::string(a.name)},
                         {"accessLevel", a.access_level}});
    }
    for (const catalog::ConditionKeyInfo& k : service.condition_keys) {
      if (seen_keys.insert(std::string(k.name)).second) {
        keys.push_back({{"name", k.name}, {"type", k.type}});
      }
    }
  }
  Json managed = Json::array();
  for (const managed::ManagedPolicy& p : managed::ManagedPolicies()) managed.push_back(p.name);
  Json out = {{"actions", std::move(actions)},
              {"conditionKeys", std::move(keys)},
              {"managedPolicies", std::move(managed)},
              {"dataSource", catalog::DataSource()},
              {"dataDate", catalog::DataDate()}};
  return out.dump();
}

std::string EngineVersion() {
  return std::string("policylab ") + POLICYLAB_VERSION + " (data " +
         std::string(catalog::DataDate()) + ")";
}

}  // namespace policylab
