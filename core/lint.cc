// Tested by tests/unit/lint_test.cc.
#include "core/lint.h"

#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "core/arn.h"
#include "core/catalog.h"
#include "core/wildcard.h"

namespace policylab {
namespace {

void Warn(Diagnostics& d, std::string code, std::string message, std::string pointer,
          Severity severity = Severity::kWarning) {
  d.push_back({severity, std::move(code), std::move(message), std::move(pointer)});
}

std::string_view ServiceOf(std::string_view action) {
  size_t colon = action.find(':');
  return colon == std::string_view::npos ? std::string_view() : action.substr(0, colon);
}

bool HasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

// The kind of a Lambda resource from the sixth ARN field: "function", "layer", ... ("" when the
// field starts with a wildcard).
std::string ResourceKind(std::string_view field6) {
  size_t end = field6.find_first_of(":/");
  std::string_view kind = field6.substr(0, end);
  if (HasWildcard(kind)) return "";
  return std::string(kind);
}

// The resource kinds an action accepts ("function", "layer", ...); empty for "*" actions.
std::set<std::string> AcceptedKinds(const catalog::ActionInfo& action) {
  std::set<std::string> kinds;
  for (const catalog::ActionResource& r : action.resources) {
    const catalog::ResourceTypeInfo* type =
        catalog::FindResourceType(action.service, r.resource_type);
    if (type == nullptr) continue;
    std::optional<ArnParts> parts = SplitArn(type->arn_format);
    if (parts) kinds.insert(ResourceKind(parts->resource()));
  }
  return kinds;
}

// AcceptedKinds(action).count(kind) != 0, without the set.
bool AcceptsKind(const catalog::ActionInfo& action, std::string_view kind) {
  for (const catalog::ActionResource& r : action.resources) {
    const catalog::ResourceTypeInfo* type =
        catalog::FindResourceType(action.service, r.resource_type);
    if (type == nullptr) continue;
    std::optional<ArnParts> parts = SplitArn(type->arn_format);
    if (parts && ResourceKind(parts->resource()) == kind) return true;
  }
  return false;
}

std::string Join(const std::set<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "`" : ", `") + s + "`";
  return out;
}

// The actions a statement's Action element names exactly (no wildcard), from the catalog.
std::vector<const catalog::ActionInfo*> ExactActions(const Statement& s) {
  std::vector<const catalog::ActionInfo*> out;
  if (s.not_action) return out;
  for (const std::string& a : s.actions) {
    if (HasWildcard(a)) continue;
    if (const catalog::ActionInfo* info = catalog::FindAction(a)) out.push_back(info);
  }
  return out;
}

// Does `pattern` (with wildcards) name at least one action of `service`?
bool MatchesSomeAction(const catalog::ServiceInfo& service, std::string_view pattern) {
  Glob glob = Glob::Compile(pattern, CaseMode::kInsensitive);
  std::string name;
  for (const catalog::ActionInfo& a : service.actions) {
    name.assign(service.prefix);
    name += ':';
    name.append(a.name);
    if (glob.Matches(name)) return true;
  }
  return false;
}

void LintActions(const Statement& s, Diagnostics& d) {
  for (size_t i = 0; i < s.actions.size(); ++i) {
    const std::string& a = s.actions[i];
    std::string ptr =
        s.actions.size() > 1 ? s.action_pointer + "/" + std::to_string(i) : s.action_pointer;
    // A pointer to a scalar Action is the element itself; to an array entry, the entry.
    std::string_view service = ServiceOf(a);
    if (a == "*" || service.empty() || HasWildcard(service)) continue;
    const catalog::ServiceInfo* info = catalog::FindService(service);
    if (info == nullptr) {
      Warn(d, "action-service-unknown",
           "service prefix `" + std::string(service) +
               "` is not in the catalog; if it is a typo (e.g. `cloudwatchlog` for `logs`), `" + a +
               "` matches no action",
           ptr);
      continue;
    }
    if (HasWildcard(a)) {
      if (!MatchesSomeAction(*info, a)) {
        Warn(d, "action-unknown",
             "`" + a + "` matches no known " + std::string(service) + " action", ptr);
      }
    } else if (catalog::FindAction(a) == nullptr) {
      Warn(d, "action-unknown",
           "`" + a + "` is not an action of `" + std::string(service) + "`: it matches nothing",
           ptr);
    }
  }
}

void LintResources(const Policy& policy, const Statement& s, Diagnostics& d) {
  bool has_star = false;
  for (const std::string& r : s.resources) has_star = has_star || r == "*";
  std::vector<const catalog::ActionInfo*> actions = ExactActions(s);
  for (size_t i = 0; i < s.resources.size(); ++i) {
    const std::string& r = s.resources[i];
    std::string ptr =
        s.resources.size() > 1 ? s.resource_pointer + "/" + std::to_string(i) : s.resource_pointer;
    std::optional<ArnParts> parts = SplitArn(r);
    if (!parts || parts->service() != "lambda") continue;
    if (HasWildcard(parts->account())) {
      // spec §1.5 [DISAGREE]: matched with normal IAM rules, with a note.
      Warn(d, "lambda-arn-account-wildcard",
           "the lambda guide says the account id cannot be a wildcard, yet aws's own policies use "
           "one; `" +
               r + "` is matched with the normal iam rules",
           ptr);
    }
    if (s.not_resource) continue;
    std::string kind = ResourceKind(parts->resource());
    if (kind.empty()) continue;
    for (const catalog::ActionInfo* a : actions) {
      if (a->service != "lambda") continue;
      std::set<std::string> kinds = AcceptedKinds(*a);
      std::string name = "lambda:" + std::string(a->name);
      if (kinds.empty() && !has_star) {
        Warn(d, "resource-type-mismatch",
             "`" + name + "` has no resource type: it is authorized on `*`, so `" + r +
                 "` never matches it",
             ptr);
      } else if (!kinds.empty() && kinds.count(kind) == 0) {
        Warn(d, "resource-type-mismatch",
             "`" + name + "` acts on " + Join(kinds) + " resources, so the " + kind + " arn `" + r +
                 "` never matches it",
             ptr);
      }
    }
  }
  (void)policy;
}

void LintConditions(const Policy& policy, const Statement& s, Diagnostics& d) {
  std::vector<const catalog::ActionInfo*> actions = ExactActions(s);
  bool has_source = false;
  for (const ConditionEntry& c : s.conditions) {
    std::string key = AsciiLower(c.key);
    has_source = has_source || key == "aws:sourcearn" || key == "aws:sourceaccount";
    const catalog::ConditionKeyInfo* info = catalog::FindConditionKey(c.key);
    if (key.rfind("lambda:", 0) == 0) {
      if (info == nullptr) {
        Warn(d, "condition-key-unknown", "`" + c.key + "` is not a lambda condition key",
             c.pointer);
        continue;
      }
      if (key == "lambda:sourcefunctionarn" && policy.kind == PolicyKind::kResource) {
        Warn(d, "source-function-arn-in-resource-policy",
             "`lambda:SourceFunctionArn` cannot be used in resource-based policies, only in "
             "identity policies and SCPs (spec §4.5)",
             c.pointer);
      }
      // Does any of the statement's (exact) lambda actions support the key?
      bool any_lambda = false;
      bool supported = false;
      for (const catalog::ActionInfo* a : actions) {
        if (a->service != "lambda") continue;
        any_lambda = true;
        for (std::string_view k : a->condition_keys)
          supported = supported || EqualsIgnoreCase(k, c.key);
      }
      if (any_lambda && !supported && actions.size() == s.actions.size()) {
        Warn(d, "condition-key-unsupported",
             "none of this statement's actions supports `" + c.key +
                 "`: the key is absent from their requests",
             c.pointer);
      }
    }
    if (info != nullptr && c.qualifier == SetQualifier::kNone && c.op != ConditionOperator::kNull &&
        std::string_view(info->type).rfind("ArrayOf", 0) == 0) {
      Warn(d, "condition-multivalued-key",
           "`" + c.key + "` is multivalued: use `ForAllValues:` or `ForAnyValue:` with `" +
               c.operator_text + "` (spec §2.4); evaluated here as `ForAnyValue`",
           c.pointer);
    }
  }
  if (policy.kind == PolicyKind::kResource && s.effect == Effect::kAllow && !has_source) {
    for (const PrincipalEntry& p : s.principals) {
      if (p.type == "Service" && !s.not_principal) {
        Warn(d, "service-principal-without-source",
             "`" + p.value +
                 "` is granted without an `aws:SourceArn` or `aws:SourceAccount` condition: "
                 "resources of any account can use this grant (spec §3.5)",
             p.pointer);
      }
    }
  }
}

}  // namespace

void LintPolicy(const Policy& policy, Diagnostics& diagnostics) {
  for (const Statement& s : policy.statements) {
    LintActions(s, diagnostics);
    LintResources(policy, s, diagnostics);
    LintConditions(policy, s, diagnostics);
    if (policy.kind == PolicyKind::kResource &&
        (s.effect == Effect::kDeny || s.not_principal || s.not_action || s.not_resource)) {
      Warn(diagnostics, "resource-policy-not-producible",
           "the lambda api writes only `Allow` statements with `Principal`, `Action` and "
           "`Resource`; this statement could not come from AddPermission (spec §5)",
           s.pointer, Severity::kInfo);
    }
  }
}

void LintCheckRequest(const std::string& action, const std::string& resource,
                      const std::string& pointer, Diagnostics& diagnostics) {
  std::string_view service = ServiceOf(action);
  const catalog::ServiceInfo* info = catalog::FindService(service);
  if (info == nullptr) {
    Warn(diagnostics, "action-service-unknown",
         "service prefix `" + std::string(service) + "` is not in the catalog",
         pointer + "/action");
    return;
  }
  const catalog::ActionInfo* a = catalog::FindAction(action);
  if (a == nullptr) {
    Warn(diagnostics, "action-unknown",
         "`" + action + "` is not an action of `" + std::string(service) + "`",
         pointer + "/action");
    return;
  }
  if (a->service != "lambda") return;
  std::optional<ArnParts> parts = SplitArn(resource);
  // The usual case, an action on a resource of its kind, without building the set of kinds.
  if (parts && resource != "*" && AcceptsKind(*a, ResourceKind(parts->resource()))) return;
  std::set<std::string> kinds = AcceptedKinds(*a);
  if (kinds.empty() && resource != "*") {
    Warn(diagnostics, "resource-type-mismatch",
         "`" + action + "` has no resource type: aws authorizes it on `*`, never on `" + resource +
             "`",
         pointer + "/resource");
  } else if (!kinds.empty() && parts) {
    std::string kind = ResourceKind(parts->resource());
    if (!kind.empty() && kinds.count(kind) == 0) {
      Warn(diagnostics, "resource-type-mismatch",
           "`" + action + "` acts on " + Join(kinds) + " resources, not on `" + resource + "`",
           pointer + "/resource");
    }
  }
}

}  // namespace policylab
