// Tested by tests/corpus_runner.cc (every corpus file) and tests/unit/evaluate_test.cc.
#include "core/evaluate.h"

#include <algorithm>
#include <exception>
#include <set>

#include "core/authorize.h"
#include "core/catalog.h"
#include "core/json_source.h"
#include "core/lambda_operations.h"
#include "core/lambda_store.h"
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

// AWS's JSON-string payloads ("Policy", "Statement") are compared as the JSON they hold.
bool ContainsValue(const Json& actual, const Json& expected) {
  if (expected.is_object()) {
    const Json* a = &actual;
    Json parsed;
    if (actual.is_string()) {
      parsed = Json::parse(actual.get<std::string>(), nullptr, false);
      a = &parsed;
    }
    if (!a->is_object()) return false;
    for (const auto& [k, v] : expected.items()) {
      auto it = a->find(k);
      if (it == a->end() || !ContainsValue(*it, v)) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    const Json* a = &actual;
    Json parsed;
    if (actual.is_string()) {
      parsed = Json::parse(actual.get<std::string>(), nullptr, false);
      a = &parsed;
    }
    if (!a->is_array() || a->size() != expected.size()) return false;
    for (size_t i = 0; i < expected.size(); ++i) {
      if (!ContainsValue((*a)[i], expected[i])) return false;
    }
    return true;
  }
  return actual == expected;
}

// The function a resource ARN belongs to (its unqualified ARN), or "".
std::string FunctionOf(const std::string& resource) {
  size_t pos = resource.find(":function:");
  if (pos == std::string::npos || resource.rfind("arn:", 0) != 0) return "";
  size_t end = resource.find(':', pos + 10);
  return end == std::string::npos ? resource : resource.substr(0, end);
}

// Runs the requests of one valid scenario in order, against a simulated Lambda service whose
// policies the permission-management calls change (DESIGN.md: requests run in order).
class Run {
 public:
  Run(const Scenario& scenario, bool trace)
      : scenario_(scenario), store_(scenario), trace_(trace) {}

  Json Request(const RequestSpec& spec) {
    Json out = {{"request", spec.index}};
    if (!spec.note.empty()) out["note"] = spec.note;
    // A request naming the caller's own principal is the caller's request (DESIGN.md: only
    // *another* principal comes without policies).
    const RequestPrincipal& caller = scenario_.caller.principal;
    const bool is_caller =
        !spec.principal.has_value() ||
        (spec.principal->kind == caller.kind && spec.principal->arn == caller.arn &&
         spec.principal->role_arn == caller.role_arn);
    const RequestPrincipal& who = is_caller ? caller : *spec.principal;

    if (spec.kind == RequestSpec::Kind::kCheck) {
      std::vector<AuthorizationCheck> checks;
      checks.push_back(
          MakeCheck(scenario_, who, is_caller, spec.action, spec.resource, spec.context));
      Authorized a = AuthorizeAll(checks, out);
      Expect(spec, DecisionName(a.decision), a.decided, out);
      return out;
    }

    const LambdaCall& call = *spec.call;
    CallEnvironment env;
    env.partition =
        scenario_.caller.principal.partition.empty() ? "aws" : scenario_.caller.principal.partition;
    env.region = call.region.value_or(scenario_.region);
    env.account = scenario_.caller.principal.account;
    env.principal = &who;
    out["operation"] = call.operation;
    out["parameters"] = call.parameters;

    if (who.kind == PrincipalKind::kAnonymous && call.operation != "InvokeFunctionUrl") {
      // spec §3.1 step 1: unsigned requests reach Lambda only through function URLs.
      out["decision"] = "implicitDeny";
      out["reason"] =
          "the lambda api accepts only signed requests; anonymous callers can only "
          "use function urls with auth type NONE";
      out["error"] = {{"code", "MissingAuthenticationTokenException"},
                      {"message", "Missing Authentication Token"},
                      {"status", 403}};
      out["checks"] = Json::array();
      Expect(spec, "implicitDeny", {}, out);
      return out;
    }

    ApiPlan plan = PrepareCall(call, env, store_);
    if (plan.error) {
      SetError(out, *plan.error);
      out["reason"] = "rejected before authorization: " + plan.error->message;
      out["checks"] = Json::array();
      Expect(spec, "error", {}, out);
      return out;
    }
    std::vector<AuthorizationCheck> checks;
    for (const PlannedCheck& pc : plan.checks) {
      RequestContext ctx = pc.context;
      for (const ContextEntry& e : spec.context.entries()) {  // the request's keys win
        if (e.multivalued) {
          ctx.SetList(e.display_key, e.values);
        } else {
          ctx.Set(e.display_key, e.values.front());
        }
      }
      if (const FunctionRecord* f = store_.FindFunction(FunctionOf(pc.resource))) {
        for (const auto& [k, v] : f->tags) {
          if (ctx.Find("aws:ResourceTag/" + k) == nullptr) ctx.Set("aws:ResourceTag/" + k, v);
        }
      }
      AuthorizationCheck check = MakeCheck(scenario_, who, is_caller, pc.action, pc.resource, ctx);
      // Function URLs of auth type AWS_IAM need SigV4: an anonymous request never gets in
      // (spec §3.4 row 12, T34).
      checks.push_back(std::move(check));
    }
    if (plan.function_url && who.kind == PrincipalKind::kAnonymous &&
        checks.front().context.Find("lambda:FunctionUrlAuthType")->values.front() == "AWS_IAM") {
      out["decision"] = "implicitDeny";
      out["reason"] = "the function url has auth type AWS_IAM: requests must be signed (SigV4)";
      out["response"] = {{"StatusCode", 403}, {"Message", "Forbidden"}};
      out["checks"] = Json::array();
      Expect(spec, "implicitDeny", {}, out);
      return out;
    }
    Authorized a = AuthorizeAll(checks, out);
    if (a.decision != Decision::kAllowed) {
      if (plan.function_url) {
        out["response"] = {{"StatusCode", 403}, {"Message", "Forbidden"}};
      } else {
        out["error"] = {
            {"code", "AccessDeniedException"},
            {"message", AccessDeniedMessage(who, a.denied_action, a.denied_resource,
                                            a.decision == Decision::kExplicitDeny, a.gate)},
            {"status", 403}};
      }
      Expect(spec, DecisionName(a.decision), a.decided, out);
      return out;
    }
    ApiOutcome outcome = ApplyCall(plan, env, store_);
    if (outcome.error) {
      SetError(out, *outcome.error);
      out["reason"] = "authorized, then failed: " + outcome.error->message;
      Expect(spec, "error", a.decided, out);
      return out;
    }
    out["status"] = outcome.status;
    out["response"] = Json::parse(outcome.response.dump(), nullptr, false);
    Expect(spec, "allowed", a.decided, out);
    return out;
  }

  int failed() const { return failed_; }

 private:
  struct Authorized {
    Decision decision = Decision::kAllowed;
    std::vector<ExpectedStatement> decided;
    std::string denied_action;
    std::string denied_resource;
    std::string gate;
  };

  // The policy a check is evaluated against: the one attached to its exact resource (spec
  // §5.4). `$LATEST` cannot hold a policy; a `f:$LATEST` request is evaluated against the
  // function-level document (spec §5.4 [UNSURE], README "Decisions").
  const CompiledPolicy* ResourcePolicyFor(const std::string& resource) const {
    constexpr std::string_view kLatest = ":$LATEST";
    if (resource.size() > kLatest.size() && resource.find(":function:") != std::string::npos &&
        resource.compare(resource.size() - kLatest.size(), kLatest.size(), kLatest) == 0) {
      return store_.PolicyFor(resource.substr(0, resource.size() - kLatest.size()));
    }
    return store_.PolicyFor(resource);
  }

  static void SetError(Json& out, const ApiError& e) {
    out["decision"] = "error";
    out["error"] = {{"code", e.code}, {"message", e.message}, {"status", e.status}};
  }

  // Authorizes every check; the request is allowed only if every check is, and an explicit deny
  // outranks an implicit one.
  Authorized AuthorizeAll(const std::vector<AuthorizationCheck>& checks, Json& out) {
    Authorized a;
    Json checks_json = Json::array();
    std::string reason;
    for (const AuthorizationCheck& check : checks) {
      AuthorizationInput input;
      input.caller = &scenario_.caller;
      input.resource_policy = ResourcePolicyFor(check.resource);
      input.rcps = &scenario_.rcps;
      AuthorizationResult r = Authorize(input, check, trace_);
      Json decided_by = Json::array();
      for (const DecidingStatement& d : r.decided_by) {
        decided_by.push_back(StatementRefJson(d));
        a.decided.push_back({d.policy->source.id, d.statement});
      }
      Json blocked = Json::array();
      for (const Gate& g : r.blocked_by) {
        Json gj = {{"gate", g.gate}, {"message", g.message}};
        if (!g.policy.empty()) gj["policy"] = g.policy;
        blocked.push_back(std::move(gj));
      }
      bool worse =
          (r.decision == Decision::kExplicitDeny && a.decision != Decision::kExplicitDeny) ||
          (r.decision == Decision::kImplicitDeny && a.decision == Decision::kAllowed);
      if (worse) {
        a.decision = r.decision;
        reason = r.reason;
        a.denied_action = check.action;
        a.denied_resource = check.resource;
        a.gate = r.blocked_by.empty() ? "" : r.blocked_by.front().gate;
      } else if (reason.empty()) {
        reason = r.reason;
      }
      Json check_json = {{"action", check.action},
                         {"resource", check.resource},
                         {"principal", PrincipalText(check.principal)},
                         {"decision", DecisionName(r.decision)},
                         {"reason", r.reason},
                         {"decidedBy", std::move(decided_by)},
                         {"blockedBy", std::move(blocked)}};
      if (trace_) {
        check_json["context"] = ContextJson(check.context);
        check_json["trace"] = std::move(r.trace);
      }
      checks_json.push_back(std::move(check_json));
    }
    out["decision"] = DecisionName(a.decision);
    out["reason"] = reason;
    out["checks"] = std::move(checks_json);
    return a;
  }

  // Records the expectation and whether it holds.
  void Expect(const RequestSpec& spec, const std::string& decision,
              std::vector<ExpectedStatement> decided, Json& out) {
    if (!spec.expect && !spec.expect_decided_by && !spec.expect_response) return;
    bool pass = true;
    std::string failure;
    auto fail = [&](const std::string& why) {
      pass = false;
      failure += (failure.empty() ? "" : "; ") + why;
    };
    if (spec.expect) {
      out["expect"] = *spec.expect;
      std::string actual = decision;
      if (decision == "error" && out.contains("error")) {
        actual = "error:" + out["error"]["code"].get<std::string>();
      }
      if (actual != *spec.expect) fail("expected `" + *spec.expect + "`, got `" + actual + "`");
    }
    if (spec.expect_decided_by) {
      std::vector<ExpectedStatement> want = *spec.expect_decided_by;
      std::sort(want.begin(), want.end());
      std::sort(decided.begin(), decided.end());
      decided.erase(std::unique(decided.begin(), decided.end()), decided.end());
      if (want != decided) {
        std::string got;
        for (const ExpectedStatement& d : decided) {
          got += (got.empty() ? "" : ", ") + d.policy + "#" + std::to_string(d.statement);
        }
        fail("deciding statements differ: got [" + got + "]");
      }
    }
    if (spec.expect_response) {
      if (!out.contains("response") || !ContainsValue(out["response"], *spec.expect_response)) {
        fail("the response does not contain the expected value");
      }
    }
    out["pass"] = pass;
    if (!pass) {
      out["failure"] = failure;
      ++failed_;
    }
  }

  const Scenario& scenario_;
  LambdaStore store_;
  bool trace_;
  int failed_ = 0;
};

Json Evaluate(std::string_view text, const EvaluateOptions& options) {
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
      Run run(scenario, options.trace);
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

std::string EvaluateScenarioJson(std::string_view scenario_text, const EvaluateOptions& options) {
  try {
    return Evaluate(scenario_text, options).dump(-1, ' ', false, Json::error_handler_t::replace);
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
  for (const catalog::ConditionKeyInfo& k : catalog::GlobalConditionKeys()) {
    if (seen_keys.insert(std::string(k.name)).second) {
      keys.push_back({{"name", k.name}, {"type", k.type}});
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
