// Tested by tests/unit/lambda_operations_test.cc and tests/corpus/lambda/.
#include "core/lambda_operations.h"

#include <array>
#include <cctype>
#include <string_view>

#include "core/catalog.h"

namespace policylab {
namespace {

// How an operation names its resource.
enum class Target {
  kFunction,      // FunctionName (+ Qualifier): the qualified or unqualified function ARN
  kFunctionBase,  // FunctionName: always the unqualified ARN (e.g. CreateFunction)
  kLayerVersion,  // LayerName + VersionNumber
  kLayer,         // LayerName
  kResourceArn,   // Resource (TagResource, UntagResource, ListTags)
  kEsm,           // UUID -> event-source-mapping ARN
  kNone,          // "*": actions without a resource type
};

struct Operation {
  std::string_view name;
  Target target;
  std::string_view action;  // "" = "lambda:" + name
};

// spec §4.3: operations whose action differs from their name, and how each names its resource.
// Operations not listed here but present in the catalog map to lambda:<Operation>, on the
// function when they take a FunctionName and on "*" otherwise.
constexpr std::array<Operation, 33> kOperations = {{
    {"Invoke", Target::kFunction, "lambda:InvokeFunction"},
    {"InvokeWithResponseStream", Target::kFunction, "lambda:InvokeFunction"},
    {"InvokeAsync", Target::kFunction, "lambda:InvokeAsync"},
    {"InvokeFunctionUrl", Target::kFunction, "lambda:InvokeFunctionUrl"},
    {"GetLayerVersionByArn", Target::kLayerVersion, "lambda:GetLayerVersion"},
    {"CreateFunction", Target::kFunctionBase, ""},
    {"UpdateFunctionConfiguration", Target::kFunction, ""},
    {"UpdateFunctionCode", Target::kFunction, ""},
    {"AddPermission", Target::kFunction, ""},
    {"RemovePermission", Target::kFunction, ""},
    {"GetPolicy", Target::kFunction, ""},
    {"GetFunction", Target::kFunction, ""},
    {"GetFunctionConfiguration", Target::kFunction, ""},
    {"DeleteFunction", Target::kFunction, ""},
    {"PublishVersion", Target::kFunctionBase, ""},
    {"CreateAlias", Target::kFunctionBase, ""},
    {"ListAliases", Target::kFunctionBase, ""},
    {"ListVersionsByFunction", Target::kFunctionBase, ""},
    {"CreateFunctionUrlConfig", Target::kFunction, ""},
    {"GetFunctionUrlConfig", Target::kFunction, ""},
    {"UpdateFunctionUrlConfig", Target::kFunction, ""},
    {"DeleteFunctionUrlConfig", Target::kFunction, ""},
    {"AddLayerVersionPermission", Target::kLayerVersion, ""},
    {"RemoveLayerVersionPermission", Target::kLayerVersion, ""},
    {"GetLayerVersionPolicy", Target::kLayerVersion, ""},
    {"GetLayerVersion", Target::kLayerVersion, ""},
    {"DeleteLayerVersion", Target::kLayerVersion, ""},
    {"PublishLayerVersion", Target::kLayer, ""},
    {"TagResource", Target::kResourceArn, ""},
    {"UntagResource", Target::kResourceArn, ""},
    {"ListTags", Target::kResourceArn, ""},
    {"CreateEventSourceMapping", Target::kNone, ""},
    {"GetEventSourceMapping", Target::kEsm, ""},
}};

const Operation* FindOperation(const std::string& name) {
  for (const Operation& op : kOperations) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

ApiError Validation(const std::string& value, const std::string& field, const std::string& rule) {
  return {"ValidationException",
          "1 validation error detected: Value '" + value + "' at '" + field +
              "' failed to satisfy constraint: " + rule,
          400};
}

ApiError Missing(const std::string& field) {
  return {"ValidationException",
          "1 validation error detected: Value null at '" + field +
              "' failed to satisfy constraint: Member must not be null",
          400};
}

std::string Param(const Json& params, const char* key) {
  auto it = params.find(key);
  if (it == params.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

bool AllOf(std::string_view s, bool (*pred)(char)) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}
bool IsStatementIdChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsLowerAlnum(char c) { return std::islower(static_cast<unsigned char>(c)) || IsDigit(c); }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

std::optional<ApiError> CheckStatementId(const std::string& sid) {
  if (sid.empty()) return Missing("statementId");
  if (sid.size() > 100 || !AllOf(sid, IsStatementIdChar)) {
    return Validation(sid, "statementId",
                      "Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)");
  }
  return std::nullopt;
}

bool IsServicePrincipal(std::string_view p) {
  if (p.find('.') == std::string_view::npos || p.find(':') != std::string_view::npos) return false;
  for (char c : p) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') return false;
  }
  return true;
}

// spec §5.2: how AddPermission's Principal parameter is stored.
std::optional<OrderedJson> StoredPrincipal(const std::string& p, const std::string& partition) {
  if (p == "*") return OrderedJson("*");
  if (p.size() == 12 && AllOf(p, IsDigit)) {
    return OrderedJson{{"AWS", "arn:" + partition + ":iam::" + p + ":root"}};
  }
  if (p.rfind("arn:", 0) == 0) {
    std::optional<RequestPrincipal> rp = ParseRequestPrincipal(p, nullptr);
    // spec §5.2 [UNSURE] STS session ARNs: accepted like other IAM principal ARNs.
    if (rp && rp->IsIam()) return OrderedJson{{"AWS", p}};
    return std::nullopt;
  }
  if (IsServicePrincipal(p)) return OrderedJson{{"Service", p}};
  return std::nullopt;
}

// The value lambda:Principal carries for RemovePermission: spec §4.5 [UNSURE]; we use the
// principal of the statement being removed, in AddPermission's parameter form.
std::string PrincipalParameterOf(const OrderedJson& principal) {
  if (principal.is_string()) return principal.get<std::string>();
  if (principal.contains("Service")) return principal["Service"].get<std::string>();
  if (principal.contains("AWS")) {
    std::string arn = principal["AWS"].get<std::string>();
    std::optional<RequestPrincipal> rp = ParseRequestPrincipal(arn, nullptr);
    if (rp && rp->kind == PrincipalKind::kRoot) return rp->account;
    return arn;
  }
  return principal.dump();
}

ApiError FunctionNotFound(const std::string& arn) {
  return {"ResourceNotFoundException", "Function not found: " + arn, 404};
}

// Existence of the function / version / alias a call names (spec §5.3, §5.4).
std::optional<ApiError> CheckExists(const FunctionRef& f, const LambdaStore& store) {
  if (!store.strict_functions()) return std::nullopt;
  const FunctionRecord* r = store.FindFunction(f.UnqualifiedArn());
  if (r == nullptr) return FunctionNotFound(f.UnqualifiedArn());
  if (f.qualifier.empty() || f.qualifier == "$LATEST") return std::nullopt;
  if (AllOf(f.qualifier, IsDigit)) {
    if (r->versions.count(f.qualifier) == 0) return FunctionNotFound(f.Arn());
  } else if (r->aliases.count(f.qualifier) == 0) {
    return ApiError{"ResourceNotFoundException", "Cannot find alias arn: " + f.Arn(), 404};
  }
  return std::nullopt;
}

OrderedJson EmptyPolicy() {
  return OrderedJson{
      {"Version", "2012-10-17"}, {"Id", "default"}, {"Statement", OrderedJson::array()}};
}

std::string CompactDump(const OrderedJson& j) {
  return j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

// Shared by AddPermission and AddLayerVersionPermission (spec §5.3).
std::optional<ApiError> CheckRevisionAndSid(const StoredPolicy* existing,
                                            const std::string& revision, const std::string& sid,
                                            const char* get_api) {
  if (!revision.empty() && (existing == nullptr || existing->revision_id != revision)) {
    return ApiError{"PreconditionFailedException",
                    std::string("The Revision Id provided does not match the latest Revision Id. "
                                "Call the ") +
                        get_api + " API to retrieve the latest Revision Id",
                    412};
  }
  if (existing != nullptr) {
    for (const OrderedJson& s : existing->document["Statement"]) {
      if (s.value("Sid", "") == sid) {
        return ApiError{"ResourceConflictException",
                        "The statement id (" + sid +
                            ") provided already exists. Please provide a new statement id, or "
                            "remove the existing statement.",
                        409};
      }
    }
  }
  return std::nullopt;
}

ApiOutcome AddPermission(const ApiPlan& plan, const CallEnvironment& env, LambdaStore& store) {
  const Json& p = plan.call.parameters;
  const FunctionRef& f = *plan.function;
  ApiOutcome out;
  if (f.qualifier == "$LATEST") {
    out.error = ApiError{"InvalidParameterValueException",
                         "We currently do not support adding policies for $LATEST.", 400};
    return out;
  }
  if (std::optional<ApiError> e = CheckExists(f, store)) {
    out.error = e;
    return out;
  }
  std::string principal = Param(p, "Principal");
  std::optional<OrderedJson> stored_principal = StoredPrincipal(principal, f.partition);
  if (!stored_principal) {
    out.error = ApiError{"InvalidParameterValueException",
                         "The provided principal was invalid. Please check the principal and try "
                         "again.",
                         400};
    return out;
  }
  std::string action = Param(p, "Action");
  std::string url_auth = Param(p, "FunctionUrlAuthType");
  if (!url_auth.empty() && action != "lambda:InvokeFunctionUrl") {
    out.error =
        ApiError{"InvalidParameterValueException",
                 "FunctionUrlAuthType is only supported for lambda:InvokeFunctionUrl action", 400};
    return out;
  }
  bool via_url = p.contains("InvokedViaFunctionUrl") && p["InvokedViaFunctionUrl"].is_boolean() &&
                 p["InvokedViaFunctionUrl"].get<bool>();
  if (via_url && action != "lambda:InvokeFunction") {
    out.error =
        ApiError{"InvalidParameterValueException",
                 "InvokedViaFunctionUrl is only supported for lambda:InvokeFunction action", 400};
    return out;
  }
  const std::string arn = f.Arn();
  const StoredPolicy* existing = store.Find(arn);
  std::string sid = Param(p, "StatementId");
  if (std::optional<ApiError> e =
          CheckRevisionAndSid(existing, Param(p, "RevisionId"), sid, "GetPolicy")) {
    out.error = e;
    return out;
  }
  // spec §5.2: Sid, Effect, Principal, Action, Resource, Condition; Action as a string.
  OrderedJson statement = {{"Sid", sid},
                           {"Effect", "Allow"},
                           {"Principal", *stored_principal},
                           {"Action", action},
                           {"Resource", arn}};
  OrderedJson condition = OrderedJson::object();
  OrderedJson string_equals = OrderedJson::object();
  if (std::string v = Param(p, "SourceAccount"); !v.empty()) string_equals["AWS:SourceAccount"] = v;
  if (!url_auth.empty()) string_equals["lambda:FunctionUrlAuthType"] = url_auth;
  if (std::string v = Param(p, "PrincipalOrgID"); !v.empty())
    string_equals["aws:PrincipalOrgID"] = v;
  if (std::string v = Param(p, "EventSourceToken"); !v.empty()) {
    string_equals["lambda:EventSourceToken"] = v;
  }
  if (!string_equals.empty()) condition["StringEquals"] = std::move(string_equals);
  if (std::string v = Param(p, "SourceArn"); !v.empty()) {
    condition["ArnLike"] = {{"AWS:SourceArn", v}};
  }
  if (via_url) condition["Bool"] = {{"lambda:InvokedViaFunctionUrl", "true"}};
  if (!condition.empty()) statement["Condition"] = std::move(condition);

  OrderedJson document = existing ? existing->document : EmptyPolicy();
  document["Statement"].push_back(statement);
  if (CompactDump(document).size() > 20 * 1024) {  // spec §5.3: fixed 20 KB quota
    out.error = ApiError{"PolicyLengthExceededException",
                         "The final policy size is bigger than the limit.", 400};
    return out;
  }
  store.Put(arn, std::move(document));
  (void)env;
  out.status = 201;
  out.response = {{"Statement", CompactDump(statement)}};
  return out;
}

ApiOutcome RemovePermission(const ApiPlan& plan, LambdaStore& store, const std::string& arn,
                            const char* get_api) {
  const Json& p = plan.call.parameters;
  ApiOutcome out;
  if (plan.function) {
    if (std::optional<ApiError> e = CheckExists(*plan.function, store)) {
      out.error = e;
      return out;
    }
  }
  const StoredPolicy* existing = store.Find(arn);
  if (existing == nullptr) {
    out.error = ApiError{"ResourceNotFoundException",
                         "No policy is associated with the given resource.", 404};
    return out;
  }
  std::string revision = Param(p, "RevisionId");
  if (!revision.empty() && existing->revision_id != revision) {
    out.error = ApiError{"PreconditionFailedException",
                         std::string("The Revision Id provided does not match the latest Revision "
                                     "Id. Call the ") +
                             get_api + " API to retrieve the latest Revision Id",
                         412};
    return out;
  }
  std::string sid = Param(p, "StatementId");
  OrderedJson document = existing->document;
  OrderedJson& statements = document["Statement"];
  for (size_t i = 0; i < statements.size(); ++i) {
    if (statements[i].value("Sid", "") == sid) {
      statements.erase(i);
      store.Put(arn, std::move(document));
      out.status = 204;
      return out;
    }
  }
  out.error = ApiError{"ResourceNotFoundException",
                       "Statement " + sid + " is not found in resource policy.", 404};
  return out;
}

ApiOutcome GetPolicy(const LambdaStore& store, const std::string& arn, const FunctionRef* f) {
  ApiOutcome out;
  if (f != nullptr) {
    if (std::optional<ApiError> e = CheckExists(*f, store)) {
      out.error = e;
      return out;
    }
  }
  const StoredPolicy* existing = store.Find(arn);
  if (existing == nullptr) {
    out.error = ApiError{f ? "ResourceNotFoundException" : "ResourceNotFoundException",
                         f ? "The resource you requested does not exist."
                           : "No policy is associated with the given resource.",
                         404};
    return out;
  }
  out.response = {{"Policy", CompactDump(existing->document)},
                  {"RevisionId", existing->revision_id}};
  return out;
}

ApiOutcome AddLayerVersionPermission(const ApiPlan& plan, LambdaStore& store) {
  const Json& p = plan.call.parameters;
  const LayerVersionRef& l = *plan.layer;
  ApiOutcome out;
  const std::string arn = l.Arn();
  if (!store.LayerVersionExists(arn)) {
    out.error =
        ApiError{"ResourceNotFoundException", "Layer version " + arn + " does not exist.", 404};
    return out;
  }
  const StoredPolicy* existing = store.Find(arn);
  std::string sid = Param(p, "StatementId");
  if (std::optional<ApiError> e =
          CheckRevisionAndSid(existing, Param(p, "RevisionId"), sid, "GetLayerPolicy")) {
    out.error = e;
    return out;
  }
  std::string principal = Param(p, "Principal");
  OrderedJson stored_principal =
      principal == "*"
          ? OrderedJson("*")
          : OrderedJson{{"AWS", principal.rfind("arn:", 0) == 0
                                    ? principal
                                    : "arn:" + l.partition + ":iam::" + principal + ":root"}};
  OrderedJson statement = {{"Sid", sid},
                           {"Effect", "Allow"},
                           {"Principal", stored_principal},
                           {"Action", "lambda:GetLayerVersion"},
                           {"Resource", arn}};
  if (std::string org = Param(p, "OrganizationId"); !org.empty()) {
    statement["Condition"] = {{"StringEquals", {{"aws:PrincipalOrgID", org}}}};
  }
  OrderedJson document = existing ? existing->document : EmptyPolicy();
  document["Statement"].push_back(statement);
  store.Put(arn, std::move(document));
  out.status = 201;
  out.response = {{"Statement", CompactDump(statement)},
                  {"RevisionId", store.Find(arn)->revision_id}};
  return out;
}

std::string FunctionUrlOf(const FunctionRef& f) {
  // Deterministic stand-in for the URL id (AWS's are random): derived from the ARN.
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : f.Arn()) {
    h = (h ^ c) * 1099511628211ULL;
  }
  std::string id;
  for (int i = 0; i < 32; ++i) {
    id += "abcdefghijklmnopqrstuvwxyz234567"[h % 32];
    h = h / 32 + 0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(i + 1);
  }
  return "https://" + id + ".lambda-url." + f.region + ".on.aws/";
}

}  // namespace

bool IsKnownOperation(const std::string& operation) {
  if (FindOperation(operation) != nullptr) return true;
  if (operation == "ListFunctions" || operation == "GetAccountSettings") return true;
  return catalog::FindAction("lambda:" + operation) != nullptr;
}

std::string AccessDeniedMessage(const RequestPrincipal& who, const std::string& action,
                                const std::string& resource, bool explicit_deny,
                                const std::string& blocking_gate) {
  std::string subject = who.kind == PrincipalKind::kService     ? who.service
                        : who.kind == PrincipalKind::kAnonymous ? "anonymous"
                                                                : who.arn;
  std::string why;
  if (explicit_deny) {
    why = "with an explicit deny";
  } else if (blocking_gate == "scp") {
    why = "because no service control policy allows the " + action + " action";
  } else if (blocking_gate == "boundary") {
    why = "because no permissions boundary allows the " + action + " action";
  } else if (blocking_gate == "session") {
    why = "because no session policy allows the " + action + " action";
  } else if (blocking_gate == "resource") {
    why = "because no resource-based policy allows the " + action + " action";
  } else {
    why = "because no identity-based policy allows the " + action + " action";
  }
  return "User: " + subject + " is not authorized to perform: " + action +
         " on resource: " + resource + " " + why;
}

ApiPlan PrepareCall(const LambdaCall& call, const CallEnvironment& env, const LambdaStore& store) {
  ApiPlan plan;
  plan.call = call;
  const Json& p = call.parameters;
  const std::string region = call.region.value_or(env.region);
  const Operation* op = FindOperation(call.operation);
  Target target =
      op ? op->target : (p.contains("FunctionName") ? Target::kFunction : Target::kNone);
  if (call.operation == "ListFunctions" || call.operation == "GetAccountSettings") {
    target = Target::kNone;
  }
  std::string action =
      op && !op->action.empty() ? std::string(op->action) : "lambda:" + call.operation;
  plan.function_url = call.operation == "InvokeFunctionUrl";

  auto fail = [&](ApiError e) {
    plan.error = std::move(e);
    plan.checks.clear();
    return plan;
  };

  // Parameter validation that Lambda does before authorization.
  if (call.operation == "AddPermission" || call.operation == "AddLayerVersionPermission") {
    if (std::optional<ApiError> e = CheckStatementId(Param(p, "StatementId"))) return fail(*e);
    if (Param(p, "Action").empty()) return fail(Missing("action"));
    if (Param(p, "Principal").empty()) return fail(Missing("principal"));
    std::string a = Param(p, "Action");
    if (call.operation == "AddPermission") {
      // spec §5.1: lambda:[*] | lambda:[a-zA-Z]+ | *
      bool ok = a == "*" || a == "lambda:*" ||
                (a.rfind("lambda:", 0) == 0 && AllOf(std::string_view(a).substr(7), IsAlpha));
      if (!ok) {
        return fail(Validation(a, "action",
                               "Member must satisfy regular expression pattern: "
                               "(lambda:[*]|lambda:[a-zA-Z]+|[*])"));
      }
      std::string account = Param(p, "SourceAccount");
      if (!account.empty() && !(account.size() == 12 && AllOf(account, IsDigit))) {
        return fail(Validation(account, "sourceAccount",
                               "Member must satisfy regular expression pattern: \\d{12}"));
      }
      std::string org = Param(p, "PrincipalOrgID");
      if (!org.empty() && (org.rfind("o-", 0) != 0 || org.size() < 12 || org.size() > 34 ||
                           !AllOf(std::string_view(org).substr(2), IsLowerAlnum))) {
        return fail(
            Validation(org, "principalOrgID",
                       "Member must satisfy regular expression pattern: ^o-[a-z0-9]{10,32}$"));
      }
      std::string url = Param(p, "FunctionUrlAuthType");
      if (!url.empty() && url != "NONE" && url != "AWS_IAM") {
        return fail(Validation(url, "functionUrlAuthType",
                               "Member must satisfy enum value set: [NONE, AWS_IAM]"));
      }
    } else {
      if (a != "lambda:GetLayerVersion") {
        return fail(Validation(a, "action",
                               "Member must satisfy regular expression pattern: "
                               "lambda:GetLayerVersion"));
      }
      std::string pr = Param(p, "Principal");
      bool account = pr.size() == 12 && AllOf(pr, IsDigit);
      std::optional<RequestPrincipal> rp = ParseRequestPrincipal(pr, nullptr);
      bool root_arn = rp && rp->kind == PrincipalKind::kRoot && pr.rfind("arn:", 0) == 0;
      if (pr != "*" && !account && !root_arn) {
        return fail(Validation(pr, "principal",
                               "Member must satisfy regular expression pattern: "
                               "\\d{12}|\\*|arn:(aws[a-zA-Z-]*):iam::\\d{12}:root"));
      }
    }
  }
  if (call.operation == "RemovePermission" || call.operation == "RemoveLayerVersionPermission") {
    if (Param(p, "StatementId").empty()) return fail(Missing("statementId"));
  }

  // Resolve the resource.
  std::string resource = "*";
  switch (target) {
    case Target::kFunction:
    case Target::kFunctionBase: {
      std::string name = Param(p, "FunctionName");
      if (name.empty()) return fail(Missing("functionName"));
      std::string qualifier = target == Target::kFunction ? Param(p, "Qualifier") : "";
      auto resolved = ResolveFunctionName(name, qualifier, env.partition, region, env.account);
      if (const ApiError* e = std::get_if<ApiError>(&resolved)) return fail(*e);
      FunctionRef f = std::get<FunctionRef>(resolved);
      if (target == Target::kFunctionBase && !f.qualifier.empty() &&
          call.operation != "CreateFunction") {
        f.qualifier.clear();
      }
      plan.function = f;
      resource = f.Arn();
      break;
    }
    case Target::kLayerVersion: {
      std::variant<LayerVersionRef, ApiError> resolved =
          call.operation == "GetLayerVersionByArn"
              ? ParseLayerVersionArn(Param(p, "Arn"))
              : ResolveLayerVersion(
                    Param(p, "LayerName"),
                    p.contains("VersionNumber") && p["VersionNumber"].is_number_integer()
                        ? p["VersionNumber"].get<int64_t>()
                        : 0,
                    env.partition, region, env.account);
      if (const ApiError* e = std::get_if<ApiError>(&resolved)) return fail(*e);
      plan.layer = std::get<LayerVersionRef>(resolved);
      resource = plan.layer->Arn();
      break;
    }
    case Target::kLayer: {
      auto resolved =
          ResolveLayerVersion(Param(p, "LayerName"), 1, env.partition, region, env.account);
      if (const ApiError* e = std::get_if<ApiError>(&resolved)) return fail(*e);
      resource = std::get<LayerVersionRef>(resolved).LayerArn();
      break;
    }
    case Target::kResourceArn:
      resource = Param(p, "Resource");
      if (resource.empty()) return fail(Missing("resource"));
      break;
    case Target::kEsm:
      resource = "arn:" + env.partition + ":lambda:" + region + ":" + env.account +
                 ":event-source-mapping:" + Param(p, "UUID");
      break;
    case Target::kNone:
      break;
  }

  PlannedCheck main{action, resource, {}};
  RequestContext& ctx = main.context;
  const std::string& op_name = call.operation;

  if (op_name == "AddPermission" || op_name == "RemovePermission") {
    // spec §4.5: lambda:Principal, lambda:FunctionUrlAuthType.
    if (op_name == "AddPermission") {
      ctx.Set("lambda:Principal", Param(p, "Principal"));
      if (std::string v = Param(p, "FunctionUrlAuthType"); !v.empty()) {
        ctx.Set("lambda:FunctionUrlAuthType", v);
      }
    } else if (const StoredPolicy* sp = store.Find(resource)) {
      for (const OrderedJson& s : sp->document["Statement"]) {
        if (s.value("Sid", "") != Param(p, "StatementId")) continue;
        ctx.Set("lambda:Principal", PrincipalParameterOf(s["Principal"]));
        if (s.contains("Condition") && s["Condition"].contains("StringEquals") &&
            s["Condition"]["StringEquals"].contains("lambda:FunctionUrlAuthType")) {
          ctx.Set("lambda:FunctionUrlAuthType",
                  s["Condition"]["StringEquals"]["lambda:FunctionUrlAuthType"].get<std::string>());
        }
      }
    }
  }
  if (op_name.find("FunctionUrlConfig") != std::string::npos && plan.function) {
    ctx.Set("lambda:FunctionArn", plan.function->Arn());
    std::string auth = Param(p, "AuthType");
    if (auth.empty()) {
      if (const FunctionRecord* r = store.FindFunction(plan.function->UnqualifiedArn())) {
        auto it = r->urls.find(plan.function->qualifier);
        if (it != r->urls.end()) auth = it->second.auth_type;
      }
    }
    if (!auth.empty()) ctx.Set("lambda:FunctionUrlAuthType", auth);
  }
  if (op_name == "CreateEventSourceMapping") {
    std::string name = Param(p, "FunctionName");
    auto resolved = ResolveFunctionName(name, "", env.partition, region, env.account);
    if (const ApiError* e = std::get_if<ApiError>(&resolved)) return fail(*e);
    ctx.Set("lambda:FunctionArn", std::get<FunctionRef>(resolved).Arn());
  }

  std::vector<PlannedCheck> extra;
  if (op_name == "CreateFunction" || op_name == "UpdateFunctionConfiguration") {
    // spec §4.5: lambda:Layer, lambda:SubnetIds, lambda:SecurityGroupIds, lambda:VpcIds (the
    // VPC is derived from the subnets by AWS; give it as a request context key).
    std::vector<std::string> layers;
    if (p.contains("Layers") && p["Layers"].is_array()) {
      for (const Json& l : p["Layers"]) {
        if (l.is_string()) layers.push_back(l.get<std::string>());
      }
      ctx.SetList("lambda:Layer", layers);
    }
    if (p.contains("VpcConfig") && p["VpcConfig"].is_object()) {
      for (const char* key : {"SubnetIds", "SecurityGroupIds"}) {
        std::vector<std::string> ids;
        const Json& vc = p["VpcConfig"];
        if (vc.contains(key) && vc[key].is_array()) {
          for (const Json& x : vc[key]) {
            if (x.is_string()) ids.push_back(x.get<std::string>());
          }
          ctx.SetList(std::string("lambda:") + key, ids);
        }
      }
    }
    if (std::string csc = Param(p, "CodeSigningConfigArn"); !csc.empty()) {
      ctx.Set("lambda:CodeSigningConfigArn", csc);
    }
    if (std::string role = Param(p, "Role"); !role.empty()) {
      PlannedCheck pass{"iam:PassRole", role, {}};
      pass.context.Set("iam:PassedToService", "lambda.amazonaws.com");
      extra.push_back(std::move(pass));
    } else if (op_name == "CreateFunction") {
      return fail(Missing("role"));
    }
    for (const std::string& layer : layers) {
      auto lv = ParseLayerVersionArn(layer);
      if (const ApiError* e = std::get_if<ApiError>(&lv)) return fail(*e);
      extra.push_back({"lambda:GetLayerVersion", layer, {}});
    }
  }
  if ((op_name == "CreateFunction" || op_name == "TagResource") && p.contains("Tags") &&
      p["Tags"].is_object()) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : p["Tags"].items()) {
      keys.push_back(k);
      ctx.Set("aws:RequestTag/" + k, v.is_string() ? v.get<std::string>() : v.dump());
    }
    ctx.SetList("aws:TagKeys", keys);
    if (op_name == "CreateFunction") {
      PlannedCheck tag{"lambda:TagResource", resource, {}};
      ctx.ForEach([&](const ContextEntry& e) {
        if (e.key.rfind("aws:requesttag/", 0) == 0 || e.key == "aws:tagkeys") {
          if (e.multivalued) {
            tag.context.SetList(e.display_key, e.values);
          } else {
            tag.context.Set(e.display_key, e.values.front());
          }
        }
      });
      extra.push_back(std::move(tag));
    }
  }
  if (op_name == "UntagResource" && p.contains("TagKeys") && p["TagKeys"].is_array()) {
    std::vector<std::string> keys;
    for (const Json& k : p["TagKeys"]) {
      if (k.is_string()) keys.push_back(k.get<std::string>());
    }
    ctx.SetList("aws:TagKeys", keys);
  }

  if (plan.function_url) {
    // spec §3.4 rows 11-12, §4.3: lambda:InvokeFunctionUrl with the URL's auth type, plus, for
    // URLs created since October 2025, lambda:InvokeFunction via the URL.
    FunctionUrl url;
    bool configured = false;
    if (const FunctionRecord* r = store.FindFunction(plan.function->UnqualifiedArn())) {
      auto it = r->urls.find(plan.function->qualifier);
      if (it != r->urls.end()) {
        url = it->second;
        configured = true;
      }
    }
    if (std::string auth = Param(p, "AuthType"); !auth.empty()) {
      url.auth_type = auth;
      configured = true;
    }
    if (!configured) {
      return fail({"ResourceNotFoundException",
                   "The resource you requested does not exist. (no function URL is configured "
                   "for " +
                       plan.function->Arn() + ")",
                   404});
    }
    ctx.Set("lambda:FunctionUrlAuthType", url.auth_type);
    ctx.Set("lambda:FunctionArn", plan.function->Arn());
    if (!url.created_before_2025_october) {
      PlannedCheck invoke{"lambda:InvokeFunction", resource, {}};
      invoke.context.Set("lambda:InvokedViaFunctionUrl", "true");
      invoke.context.Set("lambda:FunctionUrlAuthType", url.auth_type);
      extra.push_back(std::move(invoke));
    }
  }

  plan.checks.push_back(std::move(main));
  for (PlannedCheck& c : extra) plan.checks.push_back(std::move(c));
  return plan;
}

ApiOutcome ApplyCall(const ApiPlan& plan, const CallEnvironment& env, LambdaStore& store) {
  const std::string& op = plan.call.operation;
  const Json& p = plan.call.parameters;
  if (op == "AddPermission") return AddPermission(plan, env, store);
  if (op == "RemovePermission") {
    return RemovePermission(plan, store, plan.function->Arn(), "GetPolicy");
  }
  if (op == "GetPolicy") return GetPolicy(store, plan.function->Arn(), &*plan.function);
  if (op == "AddLayerVersionPermission") return AddLayerVersionPermission(plan, store);
  if (op == "RemoveLayerVersionPermission") {
    return RemovePermission(plan, store, plan.layer->Arn(), "GetLayerPolicy");
  }
  if (op == "GetLayerVersionPolicy") return GetPolicy(store, plan.layer->Arn(), nullptr);

  ApiOutcome out;
  if (plan.layer && !store.LayerVersionExists(plan.layer->Arn())) {
    out.error = ApiError{"ResourceNotFoundException",
                         "Layer version " + plan.layer->Arn() + " does not exist.", 404};
    return out;
  }
  if (op == "CreateFunction") {
    const FunctionRef& f = *plan.function;
    if (store.strict_functions() && store.FindFunction(f.UnqualifiedArn()) != nullptr) {
      out.error = ApiError{"ResourceConflictException", "Function already exist: " + f.name, 409};
      return out;
    }
    for (const Json& l : p.value("Layers", Json::array())) {
      if (l.is_string() && !store.LayerVersionExists(l.get<std::string>())) {
        out.error = ApiError{"InvalidParameterValueException",
                             "Layer version " + l.get<std::string>() + " does not exist.", 400};
        return out;
      }
    }
    if (store.strict_functions())
      store.EnsureFunction(f.UnqualifiedArn(), f.name, f.account, f.region);
    out.status = 201;
    out.response = {{"FunctionName", f.name},
                    {"FunctionArn", f.UnqualifiedArn()},
                    {"Role", Param(p, "Role")},
                    {"Version", "$LATEST"},
                    {"State", "Pending"}};
    return out;
  }
  if (plan.function && op != "InvokeFunctionUrl") {
    if (std::optional<ApiError> e = CheckExists(*plan.function, store)) {
      out.error = e;
      return out;
    }
  }
  if (op == "PublishVersion") {
    const FunctionRef& f = *plan.function;
    // spec §5.4: the new version gets no copy of the function policy.
    FunctionRecord& r = store.EnsureFunction(f.UnqualifiedArn(), f.name, f.account, f.region);
    int next = 1;
    for (const std::string& v : r.versions) next = std::max(next, std::stoi(v) + 1);
    r.versions.insert(std::to_string(next));
    out.status = 201;
    out.response = {{"FunctionName", f.name},
                    {"FunctionArn", f.UnqualifiedArn() + ":" + std::to_string(next)},
                    {"Version", std::to_string(next)}};
    return out;
  }
  if (op == "CreateAlias") {
    const FunctionRef& f = *plan.function;
    FunctionRecord& r = store.EnsureFunction(f.UnqualifiedArn(), f.name, f.account, f.region);
    std::string name = Param(p, "Name");
    if (r.aliases.count(name) > 0) {
      out.error = ApiError{"ResourceConflictException",
                           "Alias already exists: " + f.UnqualifiedArn() + ":" + name, 409};
      return out;
    }
    r.aliases[name] = Param(p, "FunctionVersion");
    out.status = 201;
    out.response = {{"AliasArn", f.UnqualifiedArn() + ":" + name},
                    {"Name", name},
                    {"FunctionVersion", Param(p, "FunctionVersion")}};
    return out;
  }
  if (op == "DeleteFunction") {
    const FunctionRef& f = *plan.function;
    if (store.strict_functions()) {
      if (f.qualifier.empty()) {
        store.RemoveFunction(f.UnqualifiedArn());
      }
    }
    out.status = 204;
    return out;
  }
  if (op == "Invoke" || op == "InvokeWithResponseStream") {
    out.response = {{"StatusCode", Param(p, "InvocationType") == "Event"    ? 202
                                   : Param(p, "InvocationType") == "DryRun" ? 204
                                                                            : 200},
                    {"ExecutedVersion",
                     plan.function->qualifier.empty() ? "$LATEST" : plan.function->qualifier}};
    return out;
  }
  if (op == "InvokeFunctionUrl") {
    out.response = {{"StatusCode", 200}, {"Url", FunctionUrlOf(*plan.function)}};
    return out;
  }
  if (op == "CreateFunctionUrlConfig") {
    const FunctionRef& f = *plan.function;
    FunctionRecord& r = store.EnsureFunction(f.UnqualifiedArn(), f.name, f.account, f.region);
    if (r.urls.count(f.qualifier) > 0 && store.strict_functions()) {
      out.error = ApiError{"ResourceConflictException",
                           "Failed to create function url config for [functionArn = " + f.Arn() +
                               "]. Error message:  FunctionUrlConfig exists for this Lambda "
                               "function",
                           409};
      return out;
    }
    FunctionUrl url;
    url.auth_type = Param(p, "AuthType");
    r.urls[f.qualifier] = url;
    out.status = 201;
    out.response = {
        {"FunctionUrl", FunctionUrlOf(f)}, {"FunctionArn", f.Arn()}, {"AuthType", url.auth_type}};
    return out;
  }
  if (op == "ListFunctions") {
    OrderedJson functions = OrderedJson::array();
    for (const FunctionRecord* r : store.Functions()) {
      if (r->account == env.account) {
        functions.push_back({{"FunctionName", r->name}, {"FunctionArn", r->unqualified_arn}});
      }
    }
    out.response = {{"Functions", functions}};
    return out;
  }
  if (op == "GetFunction" || op == "GetFunctionConfiguration") {
    const FunctionRef& f = *plan.function;
    OrderedJson config = {{"FunctionName", f.name},
                          {"FunctionArn", f.Arn()},
                          {"Version", f.qualifier.empty() ? "$LATEST" : f.qualifier}};
    out.response = op == "GetFunction" ? OrderedJson{{"Configuration", config}} : config;
    return out;
  }
  if (op == "GetLayerVersion" || op == "GetLayerVersionByArn") {
    out.response = {{"LayerArn", plan.layer->LayerArn()},
                    {"LayerVersionArn", plan.layer->Arn()},
                    {"Version", plan.layer->version}};
    return out;
  }
  return out;  // an authorized call without modelled side effects: 200 with an empty body
}

}  // namespace policylab
