// Tested by tests/unit/scenario_test.cc and tests/corpus/invalid/.
#include "core/scenario.h"

#include <set>

#include "core/lambda_operations.h"
#include "core/lambda_store.h"
#include "core/limits.h"
#include "core/lint.h"
#include "core/managed_policies.h"
#include "core/parse_policy.h"

namespace policylab {
namespace {

class ScenarioParser {
 public:
  explicit ScenarioParser(Diagnostics& diags) : diags_(diags) {}

  void Error(std::string code, std::string message, std::string pointer) {
    diags_.push_back({Severity::kError, std::move(code), std::move(message), std::move(pointer)});
  }
  void Warn(std::string code, std::string message, std::string pointer) {
    diags_.push_back({Severity::kWarning, std::move(code), std::move(message), std::move(pointer)});
  }

  // Reports every key of `object` that is not in `allowed`.
  void CheckKeys(const Json& object, const std::string& ptr,
                 std::initializer_list<std::string_view> allowed, std::string_view what,
                 std::string_view code = "scenario-unknown-key") {
    for (const auto& [key, value] : object.items()) {
      bool ok = false;
      for (std::string_view a : allowed) ok = ok || key == a;
      if (!ok) {
        std::string list;
        for (std::string_view a : allowed)
          list += (list.empty() ? "`" : ", `") + std::string(a) + "`";
        Error(std::string(code),
              "unknown key `" + key + "` in " + std::string(what) + "; expected one of " + list,
              ptr + "/" + EscapePointerToken(key));
      }
    }
  }

  const Json* Member(const Json& object, const char* key) {
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

  std::optional<std::string> String(const Json& object, const char* key, const std::string& ptr,
                                    bool required) {
    const Json* v = Member(object, key);
    if (v == nullptr || v->is_null()) {
      if (required) Error("scenario-missing", "missing `" + std::string(key) + "`", ptr);
      return std::nullopt;
    }
    if (!v->is_string()) {
      Error("scenario-type", "`" + std::string(key) + "` must be a string",
            ptr + "/" + std::string(key));
      return std::nullopt;
    }
    return v->get<std::string>();
  }

  // {"name": ..., "document": {...}} or {"managed": "AWSLambda_ReadOnlyAccess"}.
  PolicyPtr NamedPolicy(const Json& entry, const std::string& ptr, PolicyKind kind,
                        const std::string& id_prefix, const std::string& default_name) {
    if (!entry.is_object()) {
      Error("scenario-type", "a policy entry must be an object with `document` or `managed`", ptr);
      return nullptr;
    }
    CheckKeys(entry, ptr, {"name", "document", "managed"}, "a policy entry");
    std::optional<std::string> name = String(entry, "name", ptr, false);
    const Json* managed = Member(entry, "managed");
    const Json* document = Member(entry, "document");
    if ((managed != nullptr) == (document != nullptr)) {
      Error("scenario-missing", "a policy entry needs exactly one of `document` and `managed`",
            ptr);
      return nullptr;
    }
    if (managed != nullptr) {
      if (!managed->is_string()) {
        Error("scenario-type", "`managed` must be the name of an aws managed policy",
              ptr + "/managed");
        return nullptr;
      }
      const std::string& mname = managed->get_ref<const std::string&>();
      const managed::ManagedPolicy* mp = managed::FindManagedPolicy(mname);
      if (mp == nullptr) {
        Error("managed-policy-unknown",
              "unknown aws managed policy `" + mname + "`; see `policylab catalog` for the list",
              ptr + "/managed");
        return nullptr;
      }
      if (mp->deprecated) {
        Warn("managed-policy-deprecated",
             "`" + mname + "` is deprecated: it can no longer be attached to new identities",
             ptr + "/managed");
      }
      Json doc = Json::parse(mp->document, nullptr, false);
      Diagnostics inner;
      std::string id = kind == PolicyKind::kSession ? "session" : id_prefix + std::string(mp->name);
      Policy p = ParsePolicy(doc, kind, id, std::string(mp->name), ptr + "/managed", inner);
      // Generated documents are valid; anything else is an engine defect worth surfacing.
      for (Diagnostic& d : inner) {
        if (d.severity == Severity::kError) diags_.push_back(std::move(d));
      }
      return CompilePolicy(std::move(p));
    }
    std::string n = name.value_or(default_name);
    if (!names_.insert(id_prefix + n).second) {
      Error("policy-name-duplicate", "two policies are named `" + n + "`", ptr + "/name");
    }
    std::string id = kind == PolicyKind::kSession ? "session" : id_prefix + n;
    Policy p = ParsePolicy(*document, kind, id, n, ptr + "/document", diags_);
    LintPolicy(p, diags_);
    CheckPolicySize(*document, ptr + "/document");
    return CompilePolicy(std::move(p));
  }

  void CheckPolicySize(const Json& document, const std::string& ptr) {
    if (document.dump().size() > limits::kMaxPolicyBytes) {
      Error("limit-exceeded",
            "policy larger than " + std::to_string(limits::kMaxPolicyBytes) +
                " bytes without whitespace (limit kMaxPolicyBytes)",
            ptr);
    }
    if (++policy_count_ > limits::kMaxPolicies) {
      Error("limit-exceeded",
            "more than " + std::to_string(limits::kMaxPolicies) + " policies (limit kMaxPolicies)",
            ptr);
    }
  }

  PolicyLevels Levels(const Json& value, const std::string& ptr, PolicyKind kind,
                      const std::string& prefix) {
    PolicyLevels levels;
    if (value.is_null()) return levels;
    if (!value.is_array()) {
      Error("scenario-type", "`" + prefix + "s` must be an array of levels (arrays of policies)",
            ptr);
      return levels;
    }
    for (size_t l = 0; l < value.size(); ++l) {
      std::string lp = ptr + "/" + std::to_string(l);
      const Json& level = value[l];
      levels.emplace_back();
      if (!level.is_array()) {
        Error("scenario-type", "each " + prefix + " level must be an array of policies", lp);
        continue;
      }
      if (level.empty()) {
        Warn("scp-level-empty",
             "an empty " + prefix + " level is ignored: aws requires at least one policy per level",
             lp);
      }
      for (size_t i = 0; i < level.size(); ++i) {
        PolicyPtr p =
            NamedPolicy(level[i], lp + "/" + std::to_string(i), kind,
                        prefix + ":" + std::to_string(l) + ":", prefix + "-" + std::to_string(i));
        if (p) levels.back().push_back(std::move(p));
      }
    }
    return levels;
  }

  void ParseCaller(const Json& c, Scenario& s) {
    const std::string ptr = "/caller";
    if (!c.is_object()) {
      Error("scenario-type", "`caller` must be an object", ptr);
      return;
    }
    CheckKeys(c, ptr,
              {"principal", "region", "identityPolicies", "permissionsBoundary", "sessionPolicy",
               "scps", "tags", "orgId"},
              "`caller`");
    if (std::optional<std::string> p = String(c, "principal", ptr, true)) {
      std::string error;
      std::optional<RequestPrincipal> rp = ParseRequestPrincipal(*p, &error);
      if (!rp) {
        Error("principal-invalid", error, ptr + "/principal");
      } else if (!rp->IsIam()) {
        Error("principal-invalid",
              "the caller must be an iam principal or account; use a request's `principal` for "
              "service principals and anonymous callers",
              ptr + "/principal");
      } else {
        s.caller.principal = std::move(*rp);
      }
    }
    if (std::optional<std::string> r = String(c, "region", ptr, false)) s.region = *r;
    if (const Json* ip = Member(c, "identityPolicies"); ip != nullptr && !ip->is_null()) {
      if (!ip->is_array()) {
        Error("scenario-type", "`identityPolicies` must be an array", ptr + "/identityPolicies");
      } else {
        for (size_t i = 0; i < ip->size(); ++i) {
          PolicyPtr p =
              NamedPolicy((*ip)[i], ptr + "/identityPolicies/" + std::to_string(i),
                          PolicyKind::kIdentity, "identity:", "policy-" + std::to_string(i));
          if (p) s.caller.identity.push_back(std::move(p));
        }
      }
    }
    if (const Json* b = Member(c, "permissionsBoundary"); b != nullptr && !b->is_null()) {
      s.caller.boundary = NamedPolicy(*b, ptr + "/permissionsBoundary", PolicyKind::kBoundary,
                                      "boundary:", "boundary");
    }
    if (const Json* sp = Member(c, "sessionPolicy"); sp != nullptr && !sp->is_null()) {
      if (s.caller.principal.kind != PrincipalKind::kAssumedRole &&
          s.caller.principal.kind != PrincipalKind::kFederatedUser) {
        Warn("session-policy-not-session",
             "session policies apply only to role and federated-user sessions; this caller is "
             "not one",
             ptr + "/sessionPolicy");
      }
      s.caller.session =
          NamedPolicy(*sp, ptr + "/sessionPolicy", PolicyKind::kSession, "", "session");
    }
    if (const Json* scps = Member(c, "scps")) {
      s.caller.scps = Levels(*scps, ptr + "/scps", PolicyKind::kScp, "scp");
    }
    if (const Json* tags = Member(c, "tags"); tags != nullptr && !tags->is_null()) {
      if (!tags->is_object()) {
        Error("scenario-type", "`tags` must be an object of strings", ptr + "/tags");
      } else {
        for (const auto& [k, v] : tags->items()) {
          if (!v.is_string()) {
            Error("scenario-type", "tag values must be strings",
                  ptr + "/tags/" + EscapePointerToken(k));
          } else {
            s.principal_tags[k] = v.get<std::string>();
          }
        }
      }
    }
    if (std::optional<std::string> org = String(c, "orgId", ptr, false)) s.org_id = *org;
  }

  // spec §5.4 / DESIGN: attachedTo may be omitted when every statement names the same ARN.
  std::optional<std::string> InferAttachment(const Json& doc) {
    if (!doc.is_object() || !doc.contains("Statement")) return std::nullopt;
    const Json& st = doc["Statement"];
    std::set<std::string> arns;
    auto collect = [&](const Json& statement) {
      if (!statement.is_object()) return;
      auto it = statement.find("Resource");
      if (it == statement.end()) return;
      if (it->is_string()) arns.insert(it->get<std::string>());
      if (it->is_array()) {
        for (const Json& r : *it) {
          if (r.is_string()) arns.insert(r.get<std::string>());
        }
      }
    };
    if (st.is_array()) {
      for (const Json& x : st) collect(x);
    } else {
      collect(st);
    }
    // Only an exact ARN: a pattern names no single resource (spec §1.5, §5.4).
    if (arns.size() == 1 && arns.begin()->find_first_of("*?") == std::string::npos) {
      return *arns.begin();
    }
    return std::nullopt;
  }

  void ParseResourcePolicies(const Json& value, Scenario& s) {
    const std::string ptr = "/resourcePolicies";
    if (value.is_null()) return;
    if (!value.is_array()) {
      Error("scenario-type", "`resourcePolicies` must be an array", ptr);
      return;
    }
    for (size_t i = 0; i < value.size(); ++i) {
      std::string ep = ptr + "/" + std::to_string(i);
      const Json& e = value[i];
      if (!e.is_object()) {
        Error("scenario-type", "a resource policy entry must be an object", ep);
        continue;
      }
      CheckKeys(e, ep, {"attachedTo", "name", "document"}, "a resource policy entry");
      const Json* doc = Member(e, "document");
      if (doc == nullptr) {
        Error("scenario-missing", "a resource policy entry needs a `document`", ep);
        continue;
      }
      std::optional<std::string> attached = String(e, "attachedTo", ep, false);
      if (!attached) attached = InferAttachment(*doc);
      if (!attached) {
        Error("resource-policy-attachment",
              "`attachedTo` is needed: the statements do not all name one resource arn", ep);
        continue;
      }
      if (attached->rfind("arn:", 0) != 0) {
        Error("resource-not-arn", "`attachedTo` must be the arn of the resource",
              ep + "/attachedTo");
        continue;
      }
      if (s.FindResourcePolicy(*attached) != nullptr) {
        Error("resource-policy-duplicate",
              "two resource policies are attached to `" + *attached +
                  "`; each resource has one policy (merge the statements)",
              ep);
        continue;
      }
      PolicyPtr p = ParseResourcePolicy(*doc, *attached, ep + "/document", diags_, /*lint=*/true);
      CheckPolicySize(*doc, ep + "/document");
      s.resource_policies.push_back({*attached, ep, std::move(p), *doc});
    }
  }

  void ParseRequest(const Json& r, const std::string& ptr, int index, Scenario& s) {
    RequestSpec spec;
    spec.index = index;
    spec.pointer = ptr;
    if (!r.is_object()) {
      Error("request-invalid", "a request must be an object", ptr);
      return;
    }
    CheckKeys(r, ptr,
              {"note", "action", "resource", "operation", "parameters", "cli", "principal",
               "context", "expect", "expectDecidedBy", "expectResponse"},
              "a request", "request-invalid");
    bool has_action = r.contains("action") || r.contains("resource");
    bool has_operation = r.contains("operation") || r.contains("parameters");
    bool has_cli = r.contains("cli");
    if (int(has_action) + int(has_operation) + int(has_cli) != 1) {
      Error("request-invalid",
            "a request needs exactly one of `action` + `resource`, `operation` + `parameters`, "
            "or `cli`",
            ptr);
      return;
    }
    if (std::optional<std::string> note = String(r, "note", ptr, false)) spec.note = *note;
    if (has_action) {
      spec.kind = RequestSpec::Kind::kCheck;
      std::optional<std::string> a = String(r, "action", ptr, true);
      std::optional<std::string> res = String(r, "resource", ptr, true);
      if (!a || !res) return;
      spec.action = *a;
      spec.resource = *res;
      if (spec.action.find(':') == std::string::npos ||
          spec.action.find_first_of("*?") != std::string::npos) {
        Error("request-invalid",
              "`action` must be one iam action such as `lambda:InvokeFunction`, got `" +
                  spec.action + "`",
              ptr + "/action");
      }
      if (spec.resource != "*" && spec.resource.rfind("arn:", 0) != 0) {
        Error("request-invalid", "`resource` must be an arn or `*`, got `" + spec.resource + "`",
              ptr + "/resource");
      } else {
        LintCheckRequest(spec.action, spec.resource, ptr, diags_);
      }
    } else if (has_operation) {
      spec.kind = RequestSpec::Kind::kOperation;
      std::optional<std::string> op = String(r, "operation", ptr, true);
      if (!op) return;
      spec.operation = *op;
      if (const Json* params = Member(r, "parameters")) {
        if (!params->is_object()) {
          Error("request-invalid", "`parameters` must be an object", ptr + "/parameters");
          return;
        }
        spec.parameters = *params;
      } else {
        spec.parameters = Json::object();
      }
      if (!IsKnownOperation(spec.operation)) {
        Error("operation-unknown",
              "unknown lambda api operation `" + spec.operation +
                  "`; use the api reference's name, e.g. `Invoke`, `AddPermission`",
              ptr + "/operation");
        return;
      }
      spec.call = LambdaCall{spec.operation, spec.parameters, std::nullopt};
    } else {
      spec.kind = RequestSpec::Kind::kCli;
      std::optional<std::string> cli = String(r, "cli", ptr, true);
      if (!cli) return;
      spec.cli = *cli;
      std::string error;
      spec.call = ParseAwsCli(spec.cli, &error);
      if (!spec.call) {
        Error("cli-invalid", error, ptr + "/cli");
        return;
      }
      if (!IsKnownOperation(spec.call->operation)) {
        Error("cli-invalid", "`" + spec.call->operation + "` is not supported", ptr + "/cli");
        return;
      }
    }
    if (const Json* er = Member(r, "expectResponse")) spec.expect_response = *er;
    if (std::optional<std::string> p = String(r, "principal", ptr, false)) {
      std::string error;
      spec.principal = ParseRequestPrincipal(*p, &error);
      if (!spec.principal) Error("principal-invalid", error, ptr + "/principal");
    }
    if (const Json* ctx = Member(r, "context"); ctx != nullptr && !ctx->is_null()) {
      if (!ctx->is_object()) {
        Error("request-invalid", "`context` must be an object of condition keys", ptr + "/context");
      } else {
        for (const auto& [k, v] : ctx->items()) {
          std::string kp = ptr + "/context/" + EscapePointerToken(k);
          if (k.find(':') == std::string::npos) {
            Error("request-invalid",
                  "context key `" + k + "` needs a service prefix such as `aws:`", kp);
          } else if (spec.context.Find(k) != nullptr) {
            Error("request-invalid",
                  "context key `" + k + "` is given twice (keys are case-insensitive)", kp);
          } else if (v.is_string()) {
            spec.context.Set(k, v.get<std::string>());
          } else if (v.is_boolean()) {
            spec.context.Set(k, v.get<bool>() ? "true" : "false");
          } else if (v.is_number()) {
            spec.context.Set(k, v.dump());
          } else if (v.is_array()) {
            std::vector<std::string> list;
            bool ok = true;
            for (const Json& item : v) {
              if (!item.is_string()) ok = false;
              if (ok) list.push_back(item.get<std::string>());
            }
            if (!ok) {
              Error("request-invalid", "a multivalued context key must be a list of strings", kp);
            } else {
              spec.context.SetList(k, std::move(list));
            }
          } else {
            Error("request-invalid",
                  "context values must be strings, numbers, booleans or lists of strings", kp);
          }
        }
      }
    }
    if (std::optional<std::string> e = String(r, "expect", ptr, false)) {
      if (*e != "allowed" && *e != "explicitDeny" && *e != "implicitDeny" &&
          !(e->rfind("error:", 0) == 0 && e->size() > 6)) {
        Error(
            "request-invalid",
            "`expect` must be `allowed`, `explicitDeny`, `implicitDeny` or `error:<Code>`, got `" +
                *e + "`",
            ptr + "/expect");
      }
      spec.expect = *e;
    }
    if (const Json* d = Member(r, "expectDecidedBy")) {
      std::vector<ExpectedStatement> list;
      bool ok = d->is_array();
      if (ok) {
        for (const Json& item : *d) {
          if (!item.is_object() || !item.contains("policy") || !item["policy"].is_string() ||
              !item.contains("statement") || !item["statement"].is_number_integer() ||
              item.size() != 2) {
            ok = false;
            break;
          }
          list.push_back({item["policy"].get<std::string>(), item["statement"].get<int>()});
        }
      }
      if (!ok) {
        Error("request-invalid",
              "`expectDecidedBy` must be a list of {\"policy\": id, \"statement\": index}",
              ptr + "/expectDecidedBy");
      } else {
        spec.expect_decided_by = std::move(list);
      }
    }
    s.requests.push_back(std::move(spec));
  }

 private:
  Diagnostics& diags_;
  std::set<std::string> names_;
  size_t policy_count_ = 0;
};

}  // namespace

const ResourcePolicySlot* Scenario::FindResourcePolicy(std::string_view arn) const {
  for (const ResourcePolicySlot& slot : resource_policies) {
    if (slot.attached_to == arn) return &slot;
  }
  return nullptr;
}

PolicyPtr ParseResourcePolicy(const Json& document, const std::string& attached_to,
                              const std::string& pointer, Diagnostics& diagnostics, bool lint) {
  Policy p = ParsePolicy(document, PolicyKind::kResource, "resource:" + attached_to, attached_to,
                         pointer, diagnostics);
  if (lint) LintPolicy(p, diagnostics);
  return CompilePolicy(std::move(p));
}

Scenario ParseScenario(const Json& document, Diagnostics& diagnostics) {
  Scenario s;
  ScenarioParser parser(diagnostics);
  if (!document.is_object()) {
    parser.Error("scenario-type", "a scenario must be a json object", "");
    return s;
  }
  // Everything but the requests, which are parsed into `requests` (and can be most of it).
  s.document = Json::object();
  for (const auto& [key, value] : document.get_ref<const Json::object_t&>()) {
    if (key != "requests") s.document.emplace(key, value);
  }
  parser.CheckKeys(document, "",
                   {"scenario", "title", "description", "now", "caller", "resourcePolicies", "rcps",
                    "functions", "layers", "requests"},
                   "the scenario");
  const Json* version = parser.Member(document, "scenario");
  if (version == nullptr) {
    parser.Error(
        "scenario-missing",
        "missing `scenario` (the format version, " + std::to_string(kScenarioFormatVersion) + ")",
        "");
  } else if (!version->is_number_integer() || version->get<int64_t>() != kScenarioFormatVersion) {
    parser.Error("scenario-version",
                 "unsupported scenario format `" + version->dump() + "`; this engine reads " +
                     std::to_string(kScenarioFormatVersion),
                 "/scenario");
  }
  if (auto t = parser.String(document, "title", "", false)) s.title = *t;
  if (auto d = parser.String(document, "description", "", false)) s.description = *d;
  if (auto now = parser.String(document, "now", "", false)) {
    s.now = ParseInstant(*now);
    if (!s.now) {
      parser.Error("scenario-type",
                   "`now` must be an iso 8601 instant such as `2026-01-01T00:00:00Z`", "/now");
    }
  }
  if (const Json* c = parser.Member(document, "caller")) {
    parser.ParseCaller(*c, s);
  } else {
    parser.Error("scenario-missing", "missing `caller`", "");
  }
  if (const Json* rp = parser.Member(document, "resourcePolicies")) {
    parser.ParseResourcePolicies(*rp, s);
  }
  if (const Json* rcps = parser.Member(document, "rcps")) {
    s.rcps = parser.Levels(*rcps, "/rcps", PolicyKind::kRcp, "rcp");
  }
  ValidateLambdaResources(document, s.caller.principal.account, s.region, diagnostics);
  const Json* requests = parser.Member(document, "requests");
  if (requests == nullptr) {
    parser.Error("scenario-missing", "missing `requests`", "");
  } else if (!requests->is_array()) {
    parser.Error("scenario-type", "`requests` must be an array", "/requests");
  } else if (requests->size() > limits::kMaxRequests) {
    parser.Error(
        "limit-exceeded",
        "more than " + std::to_string(limits::kMaxRequests) + " requests (limit kMaxRequests)",
        "/requests");
  } else {
    s.requests.reserve(requests->size());  // RequestSpec is copied, not moved, on regrowth
    for (size_t i = 0; i < requests->size(); ++i) {
      parser.ParseRequest((*requests)[i], "/requests/" + std::to_string(i), static_cast<int>(i), s);
    }
  }
  return s;
}

}  // namespace policylab
