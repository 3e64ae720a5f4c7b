// Tested by tests/unit/compile_test.cc and the conformance corpus.
#include "core/compile.h"

#include <utility>

#include "core/condition_operator.h"

namespace policylab {
namespace {

CompiledResource CompileResource(const std::string& text, bool variables_enabled) {
  CompiledResource r;
  r.text = text;
  if (text == "*") {
    r.any = true;
    return r;
  }
  std::optional<ArnParts> parts = SplitArn(text);
  if (!parts) return r;
  r.is_arn = true;
  for (int i = 0; i < 5; ++i) r.fields[i] = Glob::Compile(parts->fields[i]);
  r.field6 = Template::Parse(parts->resource(), variables_enabled);
  r.field6_has_variables = r.field6.has_variables();
  if (!r.field6_has_variables) r.fields[5] = Glob::Compile(parts->resource());
  r.exact = !r.field6_has_variables && text.find_first_of("*?") == std::string::npos;
  return r;
}

CompiledConditionValue CompileValue(const std::string& text, ConditionOperator op,
                                    bool variables_enabled) {
  CompiledConditionValue v;
  v.text = text;
  if (TakesVariables(op)) {
    v.tmpl = Template::Parse(text, variables_enabled);
    v.has_variables = v.tmpl.has_variables();
  }
  switch (FamilyOf(op)) {
    case OperatorFamily::kString:
      break;
    case OperatorFamily::kStringLike:
      if (!v.has_variables) v.glob = Glob::Compile(text);
      break;
    case OperatorFamily::kStringIgnoreCase:
      if (!v.has_variables) v.lower = AsciiLower(text);
      break;
    case OperatorFamily::kArn:
      if (!v.has_variables) v.arn = ArnPattern::Compile(text);
      break;
    case OperatorFamily::kNumeric:
      v.number = Decimal::Parse(text);
      break;
    case OperatorFamily::kDate:
      v.instant = ParseInstant(text);
      break;
    case OperatorFamily::kIp:
      v.ip = ParseIpBlock(text);
      break;
    case OperatorFamily::kBool:
    case OperatorFamily::kNull:
      v.boolean = ParseBool(text).value_or(false);
      break;
    case OperatorFamily::kBinary:
      v.bytes = DecodeBase64(text).value_or("");
      break;
  }
  return v;
}

}  // namespace

std::shared_ptr<const CompiledPolicy> CompilePolicy(Policy policy) {
  auto compiled = std::make_shared<CompiledPolicy>();
  compiled->source = std::move(policy);
  const Policy& p = compiled->source;
  compiled->statements.reserve(p.statements.size());
  for (const Statement& s : p.statements) {
    CompiledStatement c;
    c.index = s.index;
    c.effect = s.effect;
    c.not_action = s.not_action;
    for (const std::string& a : s.actions) {
      // spec §1.4: actions are case-insensitive; both sides are lower-cased once, so matching
      // is a plain byte comparison.
      c.actions.push_back(Glob::Compile(AsciiLower(a)));
    }
    c.has_resource = s.has_resource;
    c.not_resource = s.not_resource;
    for (const std::string& r : s.resources) {
      c.resources.push_back(CompileResource(r, p.variables_enabled));
    }
    c.has_principal = s.has_principal;
    c.not_principal = s.not_principal;
    for (const PrincipalEntry& e : s.principals) c.principals.push_back(CompilePrincipal(e));
    for (size_t i = 0; i < s.conditions.size(); ++i) {
      const ConditionEntry& e = s.conditions[i];
      CompiledCondition cc;
      cc.entry = static_cast<int>(i);
      cc.op = e.op;
      cc.qualifier = e.qualifier;
      cc.if_exists = e.if_exists;
      cc.key_lower = AsciiLower(e.key);  // spec §1.4: condition keys are case-insensitive
      for (const std::string& v : e.values) {
        cc.values.push_back(CompileValue(v, e.op, p.variables_enabled));
      }
      c.conditions.push_back(std::move(cc));
    }
    compiled->statements.push_back(std::move(c));
  }
  return compiled;
}

}  // namespace policylab
