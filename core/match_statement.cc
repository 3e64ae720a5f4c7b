// Tested by tests/unit/condition_test.cc, tests/unit/match_statement_test.cc and the corpus.
#include "core/match_statement.h"

#include <string>

#include "core/condition_operator.h"
#include "core/diagnostic.h"
#include "core/parse_policy.h"

namespace policylab {
namespace {

std::string QuoteList(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    if (i == 8 && items.size() > 9) {
      out += "… (" + std::to_string(items.size() - 8) + " more)";
      break;
    }
    out += Quote(items[i]);
  }
  return out;
}

// ---- Condition operators (spec §2.3) --------------------------------------------------------

// ARN pattern from a resolved (marked) condition value.
std::optional<ArnPattern> ArnPatternFromMarked(const MarkedString& s) {
  if (s.text.rfind("arn:", 0) != 0) return std::nullopt;
  std::array<Glob, 6> fields;
  size_t start = 0;
  for (int f = 0; f < 5; ++f) {
    size_t colon = s.text.find(':', start);
    if (colon == std::string::npos) return std::nullopt;
    fields[f] = GlobFromMarked(s, start, colon);
    start = colon + 1;
  }
  fields[5] = GlobFromMarked(s, start, s.text.size());
  return ArnPattern::FromFields(std::move(fields));
}

// The positive comparison of one context value with one policy value: for negated operators
// this is the comparison of their positive counterpart. `unresolved` is set when the policy
// value holds a variable without a value (it then matches nothing, spec §2.5).
bool Compare(ConditionOperator op, const CompiledConditionValue& v, std::string_view value,
             const RequestContext& context, bool* unresolved) {
  MarkedString resolved;
  if (v.has_variables) {
    if (!v.tmpl.Resolve(context, resolved)) {
      *unresolved = true;
      return false;
    }
  }
  switch (FamilyOf(op)) {
    case OperatorFamily::kString:
      return value == (v.has_variables ? resolved.text : v.text);  // `*` is literal here
    case OperatorFamily::kStringIgnoreCase:
      return EqualsIgnoreCase(value, v.has_variables ? resolved.text : v.lower);
    case OperatorFamily::kStringLike:
      if (v.has_variables) return GlobFromMarked(resolved, 0, resolved.text.size()).Matches(value);
      return v.glob.Matches(value);
    case OperatorFamily::kNumeric: {
      std::optional<Decimal> n = Decimal::Parse(value);
      if (!n || !v.number) return false;
      return Holds(RelationOf(op), Decimal::Compare(*n, *v.number), 0);
    }
    case OperatorFamily::kDate: {
      std::optional<Instant> t = ParseInstant(value);
      if (!t || !v.instant) return false;
      return Holds(RelationOf(op), *t, *v.instant);
    }
    case OperatorFamily::kBool: {
      std::optional<bool> b = ParseBool(value);
      bool expected = v.boolean;
      if (v.has_variables) {
        std::optional<bool> r = ParseBool(resolved.text);
        if (!r) return false;
        expected = *r;
      }
      return b && *b == expected;
    }
    case OperatorFamily::kBinary: {
      std::optional<std::string> bytes = DecodeBase64(value);
      return bytes ? *bytes == v.bytes : value == v.bytes;
    }
    case OperatorFamily::kIp: {
      std::optional<IpBlock> ip = ParseIpBlock(value);
      return ip && v.ip && IpInBlock(*ip, *v.ip);
    }
    case OperatorFamily::kArn: {
      // spec §2.3 [INFERRED]: a context value that is not an ARN never matches.
      std::optional<ArnParts> parts = SplitArn(value);
      if (!parts) return false;
      if (v.has_variables) {
        std::optional<ArnPattern> pattern = ArnPatternFromMarked(resolved);
        return pattern && pattern->Matches(*parts);
      }
      return v.arn && v.arn->Matches(*parts);
    }
    case OperatorFamily::kNull:
      return false;  // handled by the caller
  }
  return false;
}

// One request value against the policy values of one key (spec §2.1): positive operators need
// some policy value to match (OR); negated operators need every policy value to differ (AND).
bool MatchValue(const CompiledCondition& c, std::string_view value, const RequestContext& context,
                bool negated, bool* unresolved) {
  for (const CompiledConditionValue& v : c.values) {
    bool hit = Compare(c.op, v, value, context, unresolved);
    if (hit) return !negated;
  }
  return negated;
}

}  // namespace

bool EvaluateCondition(const CompiledCondition& c, const ConditionEntry& entry,
                       const RequestContext& context, std::string* detail) {
  const ContextEntry* e = context.FindLower(c.key_lower);
  // An empty multivalued key counts as absent: both make ForAllValues true and ForAnyValue
  // false (spec §2.2, §2.4); for Null this is our answer to the §2.3 [UNSURE] point.
  bool absent = e == nullptr || e->values.empty();
  std::string key = Quote(entry.key);

  if (c.op == ConditionOperator::kNull) {
    for (const CompiledConditionValue& v : c.values) {
      if (v.boolean == absent) {
        if (detail) {
          *detail = key + (absent ? " is absent" : " is present") + ", as `Null: " + v.text +
                    "` requires";
        }
        return true;
      }
    }
    if (detail) {
      *detail = key + (absent ? " is absent" : " is present") +
                ", but `Null: " + c.values.front().text + "` requires it " +
                (c.values.front().boolean ? "absent" : "present");
    }
    return false;
  }

  bool negated = IsNegatedOperator(c.op);
  if (absent) {
    // spec §2.2: the missing-key table.
    bool result;
    std::string why;
    if (c.qualifier == SetQualifier::kForAllValues) {
      result = true;
      why = "`ForAllValues` is true for an absent key or empty set (spec §2.4)";
    } else if (c.qualifier == SetQualifier::kForAnyValue) {
      result = false;
      why = "`ForAnyValue` is false for an absent key or empty set (spec §2.4)";
    } else if (c.if_exists) {
      result = true;
      why = "`…IfExists` is true when the key is absent (spec §2.2)";
    } else if (negated) {
      result = true;
      why = "a negated operator is true when the key is absent (spec §2.2)";
    } else {
      result = false;
      why = "a positive operator is false when the key is absent (spec §2.2)";
    }
    if (detail) *detail = key + " is absent from the request: " + why;
    return result;
  }

  bool unresolved = false;
  bool result;
  std::string why;
  if (c.qualifier == SetQualifier::kForAllValues) {
    result = true;
    for (const std::string& v : e->values) {
      if (!MatchValue(c, v, context, negated, &unresolved)) {
        result = false;
        why = "request value " + Quote(v) + (negated ? " is one of " : " matches none of ") +
              QuoteList(entry.values) + ", so not every value qualifies";
        break;
      }
    }
    if (result) why = "every request value qualifies against " + QuoteList(entry.values);
  } else if (c.qualifier == SetQualifier::kForAnyValue || e->multivalued) {
    // spec §2.4 [UNSURE]: a plain operator on a multivalued key is evaluated against the set:
    // positive operators as ForAnyValue, negated ones as "no request value is listed".
    result = negated && c.qualifier == SetQualifier::kNone;
    for (const std::string& v : e->values) {
      bool m = MatchValue(c, v, context, negated, &unresolved);
      if (c.qualifier == SetQualifier::kForAnyValue || !negated) {
        if (m) {
          result = true;
          why = "request value " + Quote(v) + " qualifies against " + QuoteList(entry.values);
          break;
        }
      } else if (!m) {
        result = false;
        why = "request value " + Quote(v) + " is one of " + QuoteList(entry.values);
        break;
      }
    }
    if (why.empty()) {
      why = result ? "no request value is one of " + QuoteList(entry.values)
                   : "no request value qualifies against " + QuoteList(entry.values);
    }
  } else {
    const std::string& v = e->values.front();
    result = MatchValue(c, v, context, negated, &unresolved);
    if (negated) {
      why = Quote(v) + (result ? " differs from every one of " : " equals one of ") +
            QuoteList(entry.values);
    } else {
      why = Quote(v) + (result ? " matches " : " does not match ") +
            (entry.values.size() > 1 ? "any of " : "") + QuoteList(entry.values);
    }
  }
  if (detail) {
    *detail = key + " " + why;
    if (unresolved) {
      *detail += "; a policy variable has no value, so that value matches nothing (spec §2.5)";
    }
  }
  return result;
}

namespace {

bool MatchActions(const CompiledStatement& st, const Statement& src, std::string_view action,
                  std::string_view action_lower, Json* out) {
  size_t hit = st.actions.size();
  for (size_t i = 0; i < st.actions.size(); ++i) {
    if (st.actions[i].Matches(action_lower)) {
      hit = i;
      break;
    }
  }
  bool listed = hit < st.actions.size();
  bool matched = st.not_action ? !listed : listed;
  if (out) {
    std::string detail;
    if (listed) {
      detail = Quote(action) + " matches " + Quote(src.actions[hit]);
      if (st.not_action) detail += ", which `NotAction` excludes";
    } else {
      detail = Quote(action) + " matches none of " + QuoteList(src.actions);
      if (st.not_action) detail += ", so `NotAction` applies";
    }
    *out = {{"element", st.not_action ? "NotAction" : "Action"},
            {"matched", matched},
            {"pointer", src.action_pointer},
            {"detail", detail}};
  }
  return matched;
}

// One resource pattern against the request resource. `shown` receives the pattern after
// variable substitution; `unresolved` is set when a variable has no value.
bool MatchResource(const CompiledResource& r, const CheckView& check, std::string* shown,
                   bool* unresolved) {
  if (r.any) return true;
  if (r.exact) return r.text == check.resource;  // what Lambda's own policies hold
  if (!r.is_arn || !check.resource_arn->has_value()) return false;
  const ArnParts& arn = **check.resource_arn;
  for (int i = 0; i < 5; ++i) {
    if (!r.fields[i].Matches(arn.fields[i])) return false;
  }
  if (!r.field6_has_variables) return r.fields[5].Matches(arn.resource());
  MarkedString resolved;
  std::vector<std::string> missing;
  if (!r.field6.Resolve(*check.context, resolved, &missing)) {
    // spec §2.5: an unresolved variable in Resource matches nothing.
    *unresolved = true;
    return false;
  }
  if (shown) {
    size_t cut = r.text.size() - r.field6.text().size();
    *shown = r.text.substr(0, cut) + resolved.text;
  }
  return GlobFromMarked(resolved, 0, resolved.text.size()).Matches(arn.resource());
}

bool MatchResources(const CompiledStatement& st, const Statement& src, const CheckView& check,
                    Json* out) {
  if (!st.has_resource) {
    if (out) {
      *out = {{"element", "Resource"},
              {"matched", true},
              {"detail",
               "no `Resource` element: the policy applies to the resource it is "
               "attached to"}};
    }
    return true;
  }
  size_t hit = st.resources.size();
  std::string note;
  for (size_t i = 0; i < st.resources.size(); ++i) {
    std::string shown;
    bool unresolved = false;
    bool m = MatchResource(st.resources[i], check, out ? &shown : nullptr, &unresolved);
    if (out && unresolved) {
      note += "; " + Quote(st.resources[i].text) +
              " has a policy variable without a value and matches nothing (spec §2.5)";
    } else if (out && !shown.empty()) {
      note += "; " + Quote(st.resources[i].text) + " became " + Quote(shown);
    } else if (out && !st.resources[i].any && !st.resources[i].is_arn) {
      note += "; " + Quote(st.resources[i].text) + " is not a six-field arn and matches nothing";
    }
    if (m) {
      hit = i;
      if (!out) break;
      break;
    }
  }
  bool listed = hit < st.resources.size();
  bool matched = st.not_resource ? !listed : listed;
  if (out) {
    std::string detail;
    if (listed) {
      detail = Quote(check.resource) + " matches " + Quote(src.resources[hit]);
      if (st.not_resource) detail += ", which `NotResource` excludes";
    } else {
      detail = Quote(check.resource) + " matches none of " + QuoteList(src.resources);
      if (st.not_resource) detail += ", so `NotResource` applies";
    }
    *out = {{"element", st.not_resource ? "NotResource" : "Resource"},
            {"matched", matched},
            {"pointer", src.resource_pointer},
            {"detail", detail + note}};
  }
  return matched;
}

std::string CallerText(const RequestPrincipal& p) {
  switch (p.kind) {
    case PrincipalKind::kAnonymous:
      return "the anonymous caller";
    case PrincipalKind::kService:
      return "service " + Quote(p.service);
    default:
      return Quote(p.arn);
  }
}

PrincipalMatch MatchPrincipals(const CompiledStatement& st, const Statement& src,
                               const CheckView& check, bool has_boundary, bool* boundary_pitfall,
                               Json* out) {
  if (!st.has_principal) return PrincipalMatch::kStar;  // identity-like policies: the caller
  const RequestPrincipal& caller = *check.principal;
  PrincipalMatch best = PrincipalMatch::kNone;
  std::string detail;
  if (st.not_principal) {
    std::string unlisted;
    bool applies = NotPrincipalApplies(st.principals, caller, &unlisted);
    if (!applies && has_boundary && st.effect == Effect::kDeny && caller.IsIam()) {
      // spec §1.3: Deny + NotPrincipal always denies a principal with a permissions boundary.
      applies = true;
      *boundary_pitfall = true;
      detail = CallerText(caller) +
               " is listed, but `Deny` with `NotPrincipal` always applies to a principal that "
               "has a permissions boundary (spec §1.3)";
    } else if (applies) {
      detail = "`NotPrincipal` does not list " + unlisted + ", so the statement applies";
    } else {
      detail = "`NotPrincipal` lists every identity of " + CallerText(caller);
    }
    best = applies ? PrincipalMatch::kStar : PrincipalMatch::kNone;
  } else {
    size_t hit = st.principals.size();
    for (size_t i = 0; i < st.principals.size(); ++i) {
      PrincipalMatch m = MatchPrincipal(st.principals[i], caller);
      if (m > best) {
        best = m;
        hit = i;
      }
    }
    if (out) {
      if (hit < st.principals.size()) {
        detail = CallerText(caller) + " matches " + Quote(src.principals[hit].value) + " as " +
                 PrincipalMatchName(best);
      } else {
        std::vector<std::string> listed;
        for (const PrincipalEntry& p : src.principals) listed.push_back(p.value);
        detail = CallerText(caller) + " matches none of " + QuoteList(listed);
      }
    }
  }
  if (out) {
    *out = {{"element", st.not_principal ? "NotPrincipal" : "Principal"},
            {"matched", best != PrincipalMatch::kNone},
            {"pointer", src.principal_pointer},
            {"detail", detail}};
  }
  return best;
}

}  // namespace

StatementMatch MatchStatement(const CompiledPolicy& policy, const CompiledStatement& st,
                              const CheckView& check, bool has_boundary, Json* trace) {
  const Statement& src = policy.source.statements[st.index];
  StatementMatch result;
  if (trace == nullptr) {
    // The common path: stop at the first element that fails; no JSON, no allocation.
    bool listed = false;
    for (const Glob& g : st.actions) {
      if (g.Matches(check.action_lower)) {
        listed = true;
        break;
      }
    }
    if (listed == st.not_action) return result;
    // Principal before Resource: in resource policies it is the cheaper and the more selective.
    result.principal = PrincipalMatch::kStar;
    if (st.has_principal) {
      result.principal = MatchPrincipals(st, src, check, has_boundary,
                                         &result.not_principal_with_boundary, nullptr);
      if (result.principal == PrincipalMatch::kNone) return result;
    }
    if (!MatchResources(st, src, check, nullptr)) {
      result.principal = PrincipalMatch::kNone;
      return result;
    }
    for (const CompiledCondition& c : st.conditions) {
      if (!EvaluateCondition(c, src.conditions[c.entry], *check.context, nullptr)) return result;
    }
    result.matched = true;
    return result;
  }
  Json elements = Json::array();
  Json element;
  Json* el = trace ? &element : nullptr;
  bool ok = MatchActions(st, src, check.action, check.action_lower, el);
  if (trace) elements.push_back(std::move(element));
  if (ok || trace) {
    bool r = MatchResources(st, src, check, el);
    ok = ok && r;
    if (trace) elements.push_back(std::move(element));
  }
  if ((ok || trace) && st.has_principal) {
    result.principal =
        MatchPrincipals(st, src, check, has_boundary, &result.not_principal_with_boundary, el);
    ok = ok && result.principal != PrincipalMatch::kNone;
    if (trace) elements.push_back(std::move(element));
  } else if (!st.has_principal) {
    result.principal = PrincipalMatch::kStar;
  }
  for (const CompiledCondition& c : st.conditions) {
    if (!ok && !trace) break;
    const ConditionEntry& entry = src.conditions[c.entry];
    std::string detail;
    bool m = EvaluateCondition(c, entry, *check.context, trace ? &detail : nullptr);
    ok = ok && m;
    if (trace) {
      const ContextEntry* ce = check.context->FindLower(c.key_lower);
      Json ctx_values = ce ? Json(ce->values) : Json();
      elements.push_back({{"element", "Condition"},
                          {"matched", m},
                          {"pointer", entry.pointer},
                          {"operator", entry.operator_text},
                          {"key", entry.key},
                          {"values", entry.values},
                          {"contextValues", ctx_values},
                          {"detail", detail}});
    }
  }
  result.matched = ok;
  if (trace) {
    *trace = {{"statement", st.index},
              {"sid", src.has_sid ? Json(src.sid) : Json()},
              {"effect", EffectName(st.effect)},
              {"pointer", src.pointer},
              {"matched", ok},
              {"elements", std::move(elements)}};
  }
  return result;
}

}  // namespace policylab
