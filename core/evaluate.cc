// Tested by tests/corpus_runner.cc (every corpus file) and tests/unit/evaluate_test.cc.
#include "core/evaluate.h"

#include <algorithm>
#include <exception>
#include <set>

#include "core/authorize.h"
#include "core/catalog.h"
#include "core/json_source.h"
#include "core/json_writer.h"
#include "core/lambda_operations.h"
#include "core/lambda_store.h"
#include "core/managed_policies.h"
#include "core/resolve.h"
#include "core/scenario.h"

namespace policylab {
namespace {

void WriteDiagnostics(const Diagnostics& diags, JsonWriter& w) {
  w.BeginArray();
  for (const Diagnostic& d : diags) {
    w.BeginObject();
    w.Member("code", d.code);
    if (d.line > 0) {
      w.Member("column", d.column);
      w.Member("line", d.line);
    }
    w.Member("message", d.message);
    w.Member("pointer", d.pointer);
    w.Member("severity", SeverityName(d.severity));
    w.EndObject();
  }
  w.EndArray();
}

void WriteStatementRef(const DecidingStatement& d, JsonWriter& w) {
  const Policy& p = d.policy->source;
  const Statement& s = p.statements[d.statement];
  w.BeginObject();
  w.Member("effect", EffectName(s.effect));
  w.Member("pointer", s.pointer);
  w.Member("policy", p.id);
  w.Key("sid");
  if (s.has_sid) {
    w.String(s.sid);
  } else {
    w.Null();
  }
  w.Member("statement", d.statement);
  w.EndObject();
}

void WriteSummary(int requests, int failed, JsonWriter& w) {
  w.Key("summary");
  w.BeginObject();
  w.Member("failed", failed);
  w.Member("passed", requests - failed);
  w.Member("requests", requests);
  w.EndObject();
}

Json ContextJson(const RequestContext& ctx) {
  Json out = Json::object();
  ctx.ForEach([&](const ContextEntry& e) {
    out[e.display_key] = e.multivalued ? Json(e.values) : Json(e.values.front());
  });
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

// What a request's result says besides its checks: the members written after "checks", which
// sorts first, so that the checks can be written as they are authorized.
struct RequestOutcome {
  std::string decision;
  std::string reason;
  std::optional<ApiError> error;
  std::optional<Json> response;
  std::optional<int> status;
  // The expectation, when the request has one (Expect).
  const std::string* expect = nullptr;
  std::optional<bool> pass;
  std::string failure;
};

// Runs the requests of one valid scenario in order, against a simulated Lambda service whose
// policies the permission-management calls change (DESIGN.md: requests run in order), and
// writes one result object per request.
class Run {
 public:
  Run(const Scenario& scenario, bool trace)
      : scenario_(scenario), store_(scenario), trace_(trace) {}

  // Members in byte order, as the result document has always printed them.
  void Request(const RequestSpec& spec, JsonWriter& w) {
    w.BeginObject();
    w.Key("checks");
    RequestOutcome o;
    Evaluate(spec, o, w);
    w.Member("decision", o.decision);
    if (o.error) {
      w.Key("error");
      w.BeginObject();
      w.Member("code", o.error->code);
      w.Member("message", o.error->message);
      w.Member("status", o.error->status);
      w.EndObject();
    }
    if (o.expect != nullptr) w.Member("expect", *o.expect);
    if (o.pass && !*o.pass) w.Member("failure", o.failure);
    if (!spec.note.empty()) w.Member("note", spec.note);
    if (spec.kind != RequestSpec::Kind::kCheck) {
      w.Member("operation", spec.call->operation);
      w.Member("parameters", spec.call->parameters);
    }
    if (o.pass) w.Member("pass", *o.pass);
    w.Member("reason", o.reason);
    w.Member("request", spec.index);
    if (o.response) w.Member("response", *o.response);
    if (o.status) w.Member("status", *o.status);
    w.EndObject();
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

  static Json Forbidden() { return {{"StatusCode", 403}, {"Message", "Forbidden"}}; }

  // Evaluates the request: writes its "checks" array and fills the rest of `o`.
  void Evaluate(const RequestSpec& spec, RequestOutcome& o, JsonWriter& w) {
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
      checks.push_back(MakeCheck(scenario_, PrincipalContextOf(who, is_caller), who, is_caller,
                                 spec.action, spec.resource, spec.context));
      Authorized a = AuthorizeAll(checks, o, w);
      Expect(spec, a.decided, o);
      return;
    }

    const LambdaCall& call = *spec.call;
    CallEnvironment env;
    env.partition =
        scenario_.caller.principal.partition.empty() ? "aws" : scenario_.caller.principal.partition;
    env.region = call.region.value_or(scenario_.region);
    env.account = scenario_.caller.principal.account;
    env.principal = &who;

    auto no_checks = [&] {
      w.BeginArray();
      w.EndArray();
    };
    if (who.kind == PrincipalKind::kAnonymous && call.operation != "InvokeFunctionUrl") {
      // spec §3.1 step 1: unsigned requests reach Lambda only through function URLs.
      no_checks();
      o.decision = "implicitDeny";
      o.reason =
          "the lambda api accepts only signed requests; anonymous callers can only "
          "use function urls with auth type NONE";
      o.error =
          ApiError{"MissingAuthenticationTokenException", "Missing Authentication Token", 403};
      Expect(spec, {}, o);
      return;
    }

    ApiPlan plan = PrepareCall(call, env, store_);
    if (plan.error) {
      no_checks();
      o.decision = "error";
      o.error = *plan.error;
      o.reason = "rejected before authorization: " + plan.error->message;
      Expect(spec, {}, o);
      return;
    }
    std::vector<AuthorizationCheck> checks;
    for (const PlannedCheck& pc : plan.checks) {
      RequestContext ctx = pc.context;
      spec.context.ForEach([&](const ContextEntry& e) {  // the request's keys win
        if (e.multivalued) {
          ctx.SetList(e.display_key, e.values);
        } else {
          ctx.Set(e.display_key, e.values.front());
        }
      });
      if (const FunctionRecord* f = store_.FindFunction(FunctionOf(pc.resource))) {
        for (const auto& [k, v] : f->tags) {
          if (ctx.Find("aws:ResourceTag/" + k) == nullptr) ctx.Set("aws:ResourceTag/" + k, v);
        }
      }
      AuthorizationCheck check = MakeCheck(scenario_, PrincipalContextOf(who, is_caller), who,
                                           is_caller, pc.action, pc.resource, ctx);
      // Function URLs of auth type AWS_IAM need SigV4: an anonymous request never gets in
      // (spec §3.4 row 12, T34).
      checks.push_back(std::move(check));
    }
    if (plan.function_url && who.kind == PrincipalKind::kAnonymous &&
        checks.front().context.Find("lambda:FunctionUrlAuthType")->values.front() == "AWS_IAM") {
      no_checks();
      o.decision = "implicitDeny";
      o.reason = "the function url has auth type AWS_IAM: requests must be signed (SigV4)";
      o.response = Forbidden();
      Expect(spec, {}, o);
      return;
    }
    Authorized a = AuthorizeAll(checks, o, w);
    if (a.decision != Decision::kAllowed) {
      if (plan.function_url) {
        o.response = Forbidden();
      } else {
        o.error = ApiError{"AccessDeniedException",
                           AccessDeniedMessage(who, a.denied_action, a.denied_resource,
                                               a.decision == Decision::kExplicitDeny, a.gate),
                           403};
      }
      Expect(spec, a.decided, o);
      return;
    }
    ApiOutcome outcome = ApplyCall(plan, env, store_);
    if (outcome.error) {
      o.decision = "error";
      o.error = *outcome.error;
      o.reason = "authorized, then failed: " + outcome.error->message;
      Expect(spec, a.decided, o);
      return;
    }
    o.status = outcome.status;
    o.response = Json::parse(outcome.response.dump(), nullptr, false);
    Expect(spec, a.decided, o);
  }

  // The principal's context keys (resolve.h): the caller's are the same for every request of the
  // run, unless the scenario has no `now` and every check reads the clock.
  std::shared_ptr<const RequestContext> PrincipalContextOf(const RequestPrincipal& who,
                                                           bool is_caller) {
    if (!is_caller || !scenario_.now) {
      return std::make_shared<const RequestContext>(PrincipalContext(scenario_, who, is_caller));
    }
    if (!caller_context_) {
      caller_context_ =
          std::make_shared<const RequestContext>(PrincipalContext(scenario_, who, true));
    }
    return caller_context_;
  }

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

  // Authorizes every check and writes the "checks" array; the request is allowed only if every
  // check is, and an explicit deny outranks an implicit one.
  Authorized AuthorizeAll(const std::vector<AuthorizationCheck>& checks, RequestOutcome& o,
                          JsonWriter& w) {
    Authorized a;
    std::string reason;
    w.BeginArray();
    for (const AuthorizationCheck& check : checks) {
      AuthorizationInput input;
      input.caller = &scenario_.caller;
      input.resource_policy = ResourcePolicyFor(check.resource);
      input.rcps = &scenario_.rcps;
      AuthorizationResult r = Authorize(input, check, trace_);
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
      w.BeginObject();
      w.Member("action", check.action);
      w.Key("blockedBy");
      w.BeginArray();
      for (const Gate& g : r.blocked_by) {
        w.BeginObject();
        w.Member("gate", g.gate);
        w.Member("message", g.message);
        if (!g.policy.empty()) w.Member("policy", g.policy);
        w.EndObject();
      }
      w.EndArray();
      if (trace_) w.Member("context", ContextJson(check.context));
      w.Key("decidedBy");
      w.BeginArray();
      for (const DecidingStatement& d : r.decided_by) {
        WriteStatementRef(d, w);
        a.decided.push_back({d.policy->source.id, d.statement});
      }
      w.EndArray();
      w.Member("decision", DecisionName(r.decision));
      w.Member("principal", PrincipalText(check.principal));
      w.Member("reason", r.reason);
      w.Member("resource", check.resource);
      if (trace_) w.Member("trace", r.trace);
      w.EndObject();
    }
    w.EndArray();
    o.decision = DecisionName(a.decision);
    o.reason = std::move(reason);
    return a;
  }

  // Records the expectation and whether it holds.
  void Expect(const RequestSpec& spec, std::vector<ExpectedStatement> decided, RequestOutcome& o) {
    if (!spec.expect && !spec.expect_decided_by && !spec.expect_response) return;
    bool pass = true;
    std::string failure;
    auto fail = [&](const std::string& why) {
      pass = false;
      failure += (failure.empty() ? "" : "; ") + why;
    };
    if (spec.expect) {
      o.expect = &*spec.expect;
      std::string actual = o.decision;
      if (o.decision == "error" && o.error) actual = "error:" + o.error->code;
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
      if (!o.response || !ContainsValue(*o.response, *spec.expect_response)) {
        fail("the response does not contain the expected value");
      }
    }
    o.pass = pass;
    if (!pass) {
      o.failure = std::move(failure);
      ++failed_;
    }
  }

  const Scenario& scenario_;
  LambdaStore store_;
  std::shared_ptr<const RequestContext> caller_context_;
  bool trace_;
  int failed_ = 0;
};

// The result document, members in byte order: diagnostics, engine, results, summary.
std::string Evaluate(std::string_view text, const EvaluateOptions& options) {
  JsonWriter w;
  // A result repeats each request's action and resource at least once: twice the scenario is a
  // floor that spares most of the regrowths (each a fresh block to copy into and fault in).
  w.Reserve(2 * text.size() + 4096);
  w.BeginObject();
  Diagnostics diags;
  JsonParseResult parsed = ParseJsonStrict(text);
  if (!parsed.ok) {
    w.Key("diagnostics");
    WriteDiagnostics(parsed.diagnostics, w);
    w.Member("engine", EngineVersion());
    w.Key("results");
    w.BeginArray();
    w.EndArray();
    WriteSummary(0, 0, w);
    w.EndObject();
    return w.Take();
  }
  Scenario scenario = ParseScenario(parsed.value, diags);
  AttachPositions(text, diags);
  w.Key("diagnostics");
  WriteDiagnostics(diags, w);
  w.Member("engine", EngineVersion());
  w.Key("results");
  w.BeginArray();
  int requests = 0;
  int failed = 0;
  if (!HasErrors(diags)) {
    Run run(scenario, options.trace);
    for (const RequestSpec& spec : scenario.requests) run.Request(spec, w);
    requests = static_cast<int>(scenario.requests.size());
    failed = run.failed();
  }
  w.EndArray();
  WriteSummary(requests, failed, w);
  w.EndObject();
  return w.Take();
}

}  // namespace

std::string EvaluateScenarioJson(std::string_view scenario_text, const EvaluateOptions& options) {
  try {
    return Evaluate(scenario_text, options);
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
