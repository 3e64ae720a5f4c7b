// Tested by tests/unit/parse_policy_test.cc and tests/corpus/invalid/.
#include "core/parse_policy.h"

#include <array>
#include <cctype>
#include <set>
#include <string_view>
#include <utility>

#include "core/condition_operator.h"
#include "core/limits.h"
#include "core/values.h"

namespace policylab {
namespace {

struct OperatorName {
  std::string_view name;
  ConditionOperator op;
};

constexpr std::array<OperatorName, 27> kOperators = {{
    {"StringEquals", ConditionOperator::kStringEquals},
    {"StringNotEquals", ConditionOperator::kStringNotEquals},
    {"StringEqualsIgnoreCase", ConditionOperator::kStringEqualsIgnoreCase},
    {"StringNotEqualsIgnoreCase", ConditionOperator::kStringNotEqualsIgnoreCase},
    {"StringLike", ConditionOperator::kStringLike},
    {"StringNotLike", ConditionOperator::kStringNotLike},
    {"NumericEquals", ConditionOperator::kNumericEquals},
    {"NumericNotEquals", ConditionOperator::kNumericNotEquals},
    {"NumericLessThan", ConditionOperator::kNumericLessThan},
    {"NumericLessThanEquals", ConditionOperator::kNumericLessThanEquals},
    {"NumericGreaterThan", ConditionOperator::kNumericGreaterThan},
    {"NumericGreaterThanEquals", ConditionOperator::kNumericGreaterThanEquals},
    {"DateEquals", ConditionOperator::kDateEquals},
    {"DateNotEquals", ConditionOperator::kDateNotEquals},
    {"DateLessThan", ConditionOperator::kDateLessThan},
    {"DateLessThanEquals", ConditionOperator::kDateLessThanEquals},
    {"DateGreaterThan", ConditionOperator::kDateGreaterThan},
    {"DateGreaterThanEquals", ConditionOperator::kDateGreaterThanEquals},
    {"Bool", ConditionOperator::kBool},
    {"BinaryEquals", ConditionOperator::kBinaryEquals},
    {"IpAddress", ConditionOperator::kIpAddress},
    {"NotIpAddress", ConditionOperator::kNotIpAddress},
    {"ArnEquals", ConditionOperator::kArnEquals},
    {"ArnLike", ConditionOperator::kArnLike},
    {"ArnNotEquals", ConditionOperator::kArnNotEquals},
    {"ArnNotLike", ConditionOperator::kArnNotLike},
    {"Null", ConditionOperator::kNull},
}};

// Collects diagnostics for one policy document.
class PolicyParser {
 public:
  PolicyParser(PolicyKind kind, Diagnostics& diagnostics) : kind_(kind), diags_(diagnostics) {}

  void Error(std::string code, std::string message, std::string pointer) {
    diags_.push_back({Severity::kError, std::move(code), std::move(message), std::move(pointer)});
  }
  void Warn(std::string code, std::string message, std::string pointer) {
    diags_.push_back({Severity::kWarning, std::move(code), std::move(message), std::move(pointer)});
  }

  bool IdentityLike() const {
    return kind_ == PolicyKind::kIdentity || kind_ == PolicyKind::kBoundary ||
           kind_ == PolicyKind::kSession || kind_ == PolicyKind::kScp;
  }

  void ParseDocument(const Json& doc, const std::string& ptr, Policy& policy) {
    if (!doc.is_object()) {
      Error("policy-type", "a policy document must be a json object", ptr);
      return;
    }
    const Json* statements = nullptr;
    for (const auto& [key, value] : doc.items()) {
      std::string member = ptr + "/" + EscapePointerToken(key);
      if (key == "Version") {
        if (!value.is_string() || (value.get_ref<const std::string&>() != "2012-10-17" &&
                                   value.get_ref<const std::string&>() != "2008-10-17")) {
          Error("policy-version-invalid",
                "`Version` must be `2012-10-17` or `2008-10-17`, got `" + Short(value) + "`",
                member);
        } else {
          policy.version = value.get<std::string>();
        }
      } else if (key == "Id") {
        if (!value.is_string()) Error("policy-type", "`Id` must be a string", member);
      } else if (key == "Statement") {
        statements = &value;
      } else {
        Error("policy-unknown-element", "unknown policy element `" + key + "`", member);
      }
    }
    if (!doc.contains("Version")) {
      // spec §1.1 [UNSURE]: accept, evaluate as the 2008 language (no variables), warn.
      Warn("policy-version-missing",
           "no `Version`: evaluated as the 2008-10-17 language, policy variables are not "
           "substituted",
           ptr);
    }
    policy.variables_enabled = policy.version == "2012-10-17";
    if (statements == nullptr) {
      Error("policy-statement-missing", "a policy needs a `Statement`", ptr);
      return;
    }
    std::string sptr = ptr + "/Statement";
    if (statements->is_object()) {
      ParseStatement(*statements, sptr, 0, policy);
    } else if (statements->is_array()) {
      if (statements->size() > limits::kMaxStatementsPerPolicy) {
        Error("limit-exceeded",
              "more than " + std::to_string(limits::kMaxStatementsPerPolicy) +
                  " statements (limit kMaxStatementsPerPolicy)",
              sptr);
        return;
      }
      int i = 0;
      for (const Json& st : *statements) {
        ParseStatement(st, sptr + "/" + std::to_string(i), i, policy);
        ++i;
      }
    } else {
      Error("policy-type", "`Statement` must be an object or an array of objects", sptr);
    }
  }

 private:
  static std::string Short(const Json& value) {
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return text;
  }

  // A string or a non-empty array of strings -> list. Returns false (with a diagnostic) otherwise.
  bool StringList(const Json& value, const std::string& ptr, std::string_view element,
                  std::vector<std::string>& out) {
    if (value.is_string()) {
      out.push_back(value.get<std::string>());
      return true;
    }
    if (value.is_array()) {
      size_t i = 0;
      for (const Json& item : value) {
        if (!item.is_string()) {
          Error("policy-type", "`" + std::string(element) + "` entries must be strings",
                ptr + "/" + std::to_string(i));
          return false;
        }
        out.push_back(item.get<std::string>());
        ++i;
      }
      return true;
    }
    Error("policy-type", "`" + std::string(element) + "` must be a string or an array of strings",
          ptr);
    return false;
  }

  bool CheckPatternLength(const std::string& text, const std::string& ptr) {
    if (text.size() > limits::kMaxPatternBytes) {
      Error("limit-exceeded",
            "pattern longer than " + std::to_string(limits::kMaxPatternBytes) +
                " bytes (limit kMaxPatternBytes)",
            ptr);
      return false;
    }
    return true;
  }

  void ParseStatement(const Json& st, const std::string& ptr, int index, Policy& policy) {
    if (!st.is_object()) {
      Error("policy-type", "a statement must be a json object", ptr);
      return;
    }
    Statement s;
    s.index = index;
    s.pointer = ptr;
    const Json* action = nullptr;
    const Json* not_action = nullptr;
    const Json* resource = nullptr;
    const Json* not_resource = nullptr;
    const Json* principal = nullptr;
    const Json* not_principal = nullptr;
    bool has_effect = false;
    for (const auto& [key, value] : st.items()) {
      std::string member = ptr + "/" + EscapePointerToken(key);
      if (key == "Sid") {
        if (!value.is_string()) {
          Error("policy-type", "`Sid` must be a string", member);
          continue;
        }
        s.sid = value.get<std::string>();
        s.has_sid = true;
        if (!sids_.insert(s.sid).second) {
          Error("sid-duplicate", "statement id `" + s.sid + "` is used twice in this policy",
                member);
        }
        if (IdentityLike()) {
          for (char c : s.sid) {
            if (!std::isalnum(static_cast<unsigned char>(c))) {
              // spec §1.2: IAM identity policies allow only A-Z a-z 0-9 in Sid.
              Warn("sid-not-alphanumeric",
                   "iam accepts only letters and digits in `Sid` of identity policies: `" + s.sid +
                       "`",
                   member);
              break;
            }
          }
        }
      } else if (key == "Effect") {
        has_effect = true;
        if (value.is_string() && value.get_ref<const std::string&>() == "Allow") {
          s.effect = Effect::kAllow;
        } else if (value.is_string() && value.get_ref<const std::string&>() == "Deny") {
          s.effect = Effect::kDeny;
        } else {
          // spec §1.2: Effect is case-sensitive.
          Error("effect-invalid",
                "`Effect` must be exactly `Allow` or `Deny`, got `" + Short(value) + "`", member);
        }
      } else if (key == "Action") {
        action = &value;
      } else if (key == "NotAction") {
        not_action = &value;
      } else if (key == "Resource") {
        resource = &value;
      } else if (key == "NotResource") {
        not_resource = &value;
      } else if (key == "Principal") {
        principal = &value;
      } else if (key == "NotPrincipal") {
        not_principal = &value;
      } else if (key == "Condition") {
        ParseCondition(value, member, s);
      } else {
        Error("policy-unknown-element", "unknown statement element `" + key + "`", member);
      }
    }
    if (!has_effect) Error("effect-missing", "a statement needs an `Effect`", ptr);

    // Action / NotAction: exactly one (spec §1.2).
    if (action != nullptr && not_action != nullptr) {
      Error("action-and-notaction", "a statement cannot have both `Action` and `NotAction`",
            ptr + "/NotAction");
    } else if (action == nullptr && not_action == nullptr) {
      Error("action-missing", "a statement needs `Action` or `NotAction`", ptr);
    } else {
      s.not_action = not_action != nullptr;
      s.action_pointer = ptr + (s.not_action ? "/NotAction" : "/Action");
      const Json& v = s.not_action ? *not_action : *action;
      if (StringList(v, s.action_pointer, s.not_action ? "NotAction" : "Action", s.actions)) {
        if (s.actions.empty()) {
          Error("action-missing",
                "`" + std::string(s.not_action ? "NotAction" : "Action") + "` must not be empty",
                s.action_pointer);
        }
        for (size_t i = 0; i < s.actions.size(); ++i) {
          const std::string& a = s.actions[i];
          std::string ap =
              v.is_array() ? s.action_pointer + "/" + std::to_string(i) : s.action_pointer;
          if (!CheckPatternLength(a, ap)) continue;
          size_t colon = a.find(':');
          if (a != "*" && (colon == std::string::npos || colon == 0)) {
            Error("action-no-prefix",
                  "action `" + a + "` must be prefaced by a service, e.g. `lambda:`", ap);
          }
        }
      }
    }

    // Resource / NotResource.
    if (resource != nullptr && not_resource != nullptr) {
      Error("resource-and-notresource", "a statement cannot have both `Resource` and `NotResource`",
            ptr + "/NotResource");
    } else if (resource == nullptr && not_resource == nullptr) {
      if (IdentityLike() || kind_ == PolicyKind::kRcp) {
        Error("resource-missing", "a statement needs `Resource` or `NotResource`", ptr);
      }
    } else {
      s.has_resource = true;
      s.not_resource = not_resource != nullptr;
      s.resource_pointer = ptr + (s.not_resource ? "/NotResource" : "/Resource");
      const Json& v = s.not_resource ? *not_resource : *resource;
      if (StringList(v, s.resource_pointer, s.not_resource ? "NotResource" : "Resource",
                     s.resources)) {
        if (s.resources.empty()) {
          Error("resource-missing", "`Resource` must not be empty", s.resource_pointer);
        }
        for (size_t i = 0; i < s.resources.size(); ++i) {
          const std::string& r = s.resources[i];
          std::string rp =
              v.is_array() ? s.resource_pointer + "/" + std::to_string(i) : s.resource_pointer;
          if (!CheckPatternLength(r, rp)) continue;
          if (r != "*" && r.rfind("arn:", 0) != 0) {
            Error("resource-not-arn", "resource `" + r + "` must be in arn format or `*`", rp);
          }
        }
      }
    }

    // Principal / NotPrincipal (spec §1.2, §1.3).
    if (principal != nullptr || not_principal != nullptr) {
      std::string pp = ptr + (principal != nullptr ? "/Principal" : "/NotPrincipal");
      if (IdentityLike()) {
        Error("principal-forbidden",
              std::string(kind_ == PolicyKind::kScp ? "a service control policy"
                                                    : "an identity-based policy") +
                  " must not specify a principal",
              pp);
      } else if (principal != nullptr && not_principal != nullptr) {
        Error("principal-and-notprincipal",
              "a statement cannot have both `Principal` and `NotPrincipal`", ptr + "/NotPrincipal");
      } else {
        s.has_principal = true;
        s.not_principal = not_principal != nullptr;
        s.principal_pointer = pp;
        ParsePrincipal(s.not_principal ? *not_principal : *principal, pp, s);
        if (s.not_principal && s.effect == Effect::kAllow && has_effect) {
          Warn("not-principal-with-allow",
               "`NotPrincipal` with `Allow` grants access to everyone not listed; aws strongly "
               "discourages it",
               pp);
        }
        if (kind_ == PolicyKind::kRcp &&
            (s.not_principal || s.principals.size() != 1 || s.principals[0].type != "*" ||
             s.principals[0].value != "*")) {
          Error("principal-invalid", "a resource control policy requires `\"Principal\": \"*\"`",
                pp);
        }
      }
    } else if (kind_ == PolicyKind::kResource || kind_ == PolicyKind::kRcp) {
      Error("principal-missing", "a resource-based policy statement needs a `Principal`", ptr);
    }
    policy.statements.push_back(std::move(s));
  }

  void AddPrincipal(const std::string& type, const std::string& value, const std::string& ptr,
                    Statement& s) {
    if (value != "*" &&
        (value.find('*') != std::string::npos || value.find('?') != std::string::npos)) {
      // spec §1.3: no partial wildcards in principals, only the bare `*`.
      Error("principal-partial-wildcard",
            "principal `" + value + "` uses a partial wildcard; only `*` alone is allowed", ptr);
      return;
    }
    if (type == "AWS" && value != "*" && value.rfind("arn:", 0) != 0) {
      bool account = value.size() == 12;
      for (char c : value) account = account && std::isdigit(static_cast<unsigned char>(c));
      if (!account) {
        if (value.size() > 4 && (value.rfind("AROA", 0) == 0 || value.rfind("AIDA", 0) == 0)) {
          // spec §1.3: IAM stores deleted principals as unique ids; they match nobody.
          Warn("principal-unique-id",
               "principal `" + value + "` is a unique id, not an arn; it matches no caller", ptr);
        } else {
          Error("principal-invalid",
                "aws principal `" + value + "` must be `*`, a 12-digit account or an arn", ptr);
          return;
        }
      }
    }
    s.principals.push_back({type, value, ptr});
  }

  void ParsePrincipal(const Json& value, const std::string& ptr, Statement& s) {
    if (value.is_string()) {
      if (value.get_ref<const std::string&>() != "*") {
        Error("principal-invalid",
              "a principal string must be `*`; use {\"AWS\": ...} or {\"Service\": ...}", ptr);
        return;
      }
      s.principals.push_back({"*", "*", ptr});
      return;
    }
    if (!value.is_object()) {
      Error("policy-type", "a principal must be `*` or an object", ptr);
      return;
    }
    for (const auto& [type, v] : value.items()) {
      std::string tp = ptr + "/" + EscapePointerToken(type);
      if (type != "AWS" && type != "Service" && type != "Federated" && type != "CanonicalUser") {
        Error("principal-unknown-type",
              "unknown principal type `" + type +
                  "`; expected `AWS`, `Service`, `Federated` or `CanonicalUser`",
              tp);
        continue;
      }
      if (v.is_string()) {
        AddPrincipal(type, v.get<std::string>(), tp, s);
      } else if (v.is_array() && !v.empty()) {
        size_t i = 0;
        for (const Json& item : v) {
          std::string ip = tp + "/" + std::to_string(i++);
          if (!item.is_string()) {
            Error("policy-type", "principal values must be strings", ip);
            continue;
          }
          AddPrincipal(type, item.get<std::string>(), ip, s);
        }
      } else {
        Error("policy-type", "principal `" + type + "` must be a string or a non-empty array", tp);
      }
    }
  }

  void ParseCondition(const Json& block, const std::string& ptr, Statement& s) {
    if (!block.is_object()) {
      Error("policy-type", "`Condition` must be an object of operators", ptr);
      return;
    }
    for (const auto& [op_text, keys] : block.items()) {
      std::string op_ptr = ptr + "/" + EscapePointerToken(op_text);
      ConditionEntry proto;
      std::string code = ParseConditionOperator(op_text, proto);
      if (code == "condition-set-prefix-unknown") {
        Error(
            code,
            "unknown set operator in `" + op_text + "`; expected `ForAllValues:` or `ForAnyValue:`",
            op_ptr);
        continue;
      }
      if (code == "condition-null-ifexists") {
        Error(code, "`Null` cannot take the `IfExists` suffix: `" + op_text + "`", op_ptr);
        continue;
      }
      if (!code.empty()) {
        Error(code, "unknown condition operator `" + op_text + "` (operators are case-sensitive)",
              op_ptr);
        continue;
      }
      if (!keys.is_object()) {
        Error("policy-type", "operator `" + op_text + "` must map condition keys to values",
              op_ptr);
        continue;
      }
      for (const auto& [key, values] : keys.items()) {
        ConditionEntry entry = proto;
        entry.operator_text = op_text;
        entry.key = key;
        entry.pointer = op_ptr + "/" + EscapePointerToken(key);
        if (key.find(':') == std::string::npos || key.front() == ':') {
          Error("condition-key-no-prefix",
                "condition key `" + key + "` must be prefaced by a service, e.g. `aws:`",
                entry.pointer);
          continue;
        }
        if (!ConditionValues(values, entry)) continue;
        s.conditions.push_back(std::move(entry));
      }
    }
  }

  // Reads the values of one condition key and checks them against the operator's type.
  bool ConditionValues(const Json& values, ConditionEntry& entry) {
    auto scalar = [&](const Json& v, const std::string& ptr) -> bool {
      if (v.is_string()) {
        entry.values.push_back(v.get<std::string>());
      } else if (v.is_boolean()) {
        entry.values.push_back(v.get<bool>() ? "true" : "false");
      } else if (v.is_number()) {
        entry.values.push_back(v.dump());
      } else {
        Error("policy-type", "condition values must be strings, numbers or booleans", ptr);
        return false;
      }
      return CheckValue(entry.values.back(), entry, ptr);
    };
    if (values.is_array()) {
      if (values.empty()) {
        Error("condition-value-missing", "condition key `" + entry.key + "` has no values",
              entry.pointer);
        return false;
      }
      bool ok = true;
      size_t i = 0;
      for (const Json& v : values) ok = scalar(v, entry.pointer + "/" + std::to_string(i++)) && ok;
      return ok;
    }
    return scalar(values, entry.pointer);
  }

  bool CheckValue(const std::string& value, const ConditionEntry& entry, const std::string& ptr) {
    if (!CheckPatternLength(value, ptr)) return false;
    auto bad = [&](std::string_view what) {
      std::string hint = value.find("${") != std::string::npos
                             ? " (policy variables are not allowed with this operator)"
                             : "";
      Error("condition-value-invalid",
            "`" + value + "` is not " + std::string(what) + " for `" + entry.operator_text + "`" +
                hint,
            ptr);
      return false;
    };
    switch (FamilyOf(entry.op)) {
      case OperatorFamily::kNumeric:
        if (!Decimal::Parse(value)) return bad("a number");
        break;
      case OperatorFamily::kDate:
        if (!ParseInstant(value)) return bad("an iso 8601 date or epoch seconds");
        break;
      case OperatorFamily::kBool:
        if (value.find("${") != std::string::npos) {
          // spec §2.5 [DISAGREE]: the operators page allows variables with Bool, the variables
          // page does not. Recommendation "reject or warn": warn, and substitute.
          Warn("variable-in-bool",
               "aws documentation disagrees on policy variables with `Bool`; `" + value +
                   "` is substituted here",
               ptr);
        } else if (!ParseBool(value)) {
          return bad("`true` or `false`");
        }
        break;
      case OperatorFamily::kNull:
        if (!ParseBool(value)) return bad("`true` or `false`");
        break;
      case OperatorFamily::kBinary:
        if (!DecodeBase64(value)) return bad("base64");
        break;
      case OperatorFamily::kIp:
        if (!ParseIpBlock(value)) return bad("an ip address or cidr block");
        break;
      default:
        break;
    }
    return true;
  }

  PolicyKind kind_;
  Diagnostics& diags_;
  std::set<std::string> sids_;
};

}  // namespace

const char* PolicyKindName(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::kIdentity:
      return "identity";
    case PolicyKind::kResource:
      return "resource";
    case PolicyKind::kBoundary:
      return "boundary";
    case PolicyKind::kSession:
      return "session";
    case PolicyKind::kScp:
      return "scp";
    case PolicyKind::kRcp:
      return "rcp";
  }
  return "identity";
}

const char* EffectName(Effect effect) { return effect == Effect::kAllow ? "Allow" : "Deny"; }

const char* ConditionOperatorName(ConditionOperator op) {
  for (const OperatorName& o : kOperators) {
    if (o.op == op) return o.name.data();
  }
  return "?";
}

std::string ParseConditionOperator(std::string_view text, ConditionEntry& entry) {
  entry.qualifier = SetQualifier::kNone;
  size_t colon = text.find(':');
  if (colon != std::string_view::npos) {
    std::string_view prefix = text.substr(0, colon + 1);
    if (prefix == "ForAllValues:") {
      entry.qualifier = SetQualifier::kForAllValues;
    } else if (prefix == "ForAnyValue:") {
      entry.qualifier = SetQualifier::kForAnyValue;
    } else {
      return "condition-set-prefix-unknown";
    }
    text.remove_prefix(colon + 1);
  }
  entry.if_exists = false;
  constexpr std::string_view kIfExists = "IfExists";
  for (const OperatorName& o : kOperators) {
    if (text == o.name) {
      entry.op = o.op;
      return "";
    }
    if (text.size() == o.name.size() + kIfExists.size() &&
        text.substr(0, o.name.size()) == o.name && text.substr(o.name.size()) == kIfExists) {
      if (o.op == ConditionOperator::kNull) return "condition-null-ifexists";
      entry.op = o.op;
      entry.if_exists = true;
      return "";
    }
  }
  return "condition-operator-unknown";
}

Policy ParsePolicy(const Json& document, PolicyKind kind, std::string id, std::string name,
                   const std::string& pointer, Diagnostics& diagnostics) {
  Policy policy;
  policy.id = std::move(id);
  policy.name = std::move(name);
  policy.kind = kind;
  policy.pointer = pointer;
  PolicyParser parser(kind, diagnostics);
  parser.ParseDocument(document, pointer, policy);
  return policy;
}

}  // namespace policylab
