// The scenario document (DESIGN.md, "The scenario document"): the one format for CLI input,
// share links, examples and test cases. ParseScenario validates it strictly (unknown keys are
// errors, so a shared link never silently means something else) and compiles its policies once.
//
// Keys beyond DESIGN.md's example, all optional: "description"; "now" (ISO 8601 instant for
// aws:CurrentTime and aws:EpochTime, so that results are reproducible); "rcps" (resource control
// policies, levels like "scps"); "functions" and "layers" (the Lambda resources that exist, see
// lambda_store.h); per request "note" (a sentence naming the case), "expectDecidedBy" (the
// statements expected to decide it) and "expectResponse" (part of the expected API response).
#ifndef POLICYLAB_CORE_SCENARIO_H_
#define POLICYLAB_CORE_SCENARIO_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/authorize.h"
#include "core/diagnostic.h"
#include "core/json_source.h"
#include "core/lambda_request.h"
#include "core/values.h"

namespace policylab {

inline constexpr int kScenarioFormatVersion = 1;

struct ExpectedStatement {
  std::string policy;  // policy id
  int statement = 0;
  // Written out: Emscripten 3.1.6's libc++ has no operator<=> for std::string.
  friend bool operator==(const ExpectedStatement& a, const ExpectedStatement& b) {
    return a.policy == b.policy && a.statement == b.statement;
  }
  friend bool operator<(const ExpectedStatement& a, const ExpectedStatement& b) {
    return a.policy != b.policy ? a.policy < b.policy : a.statement < b.statement;
  }
};

struct RequestSpec {
  enum class Kind { kCheck, kOperation, kCli };
  Kind kind = Kind::kCheck;
  int index = 0;
  std::string pointer;  // "/requests/3"
  std::string note;
  // kCheck
  std::string action;
  std::string resource;
  // kOperation
  std::string operation;
  Json parameters;  // an object (null for the other kinds)
  // kCli
  std::string cli;
  // kOperation and kCli: the API call (a command line is parsed when the scenario is read).
  std::optional<LambdaCall> call;
  // Principal override (spec: service principal, "*", or another IAM principal).
  std::optional<RequestPrincipal> principal;
  RequestContext context;  // keys given in the request
  std::optional<std::string> expect;
  std::optional<std::vector<ExpectedStatement>> expect_decided_by;
  // A JSON value the API response must contain (objects compared key by key; AWS's JSON-string
  // payloads such as GetPolicy's "Policy" are parsed before comparing).
  std::optional<Json> expect_response;
};

// A resource-based policy attached to one exact resource ARN (spec §5.4).
struct ResourcePolicySlot {
  std::string attached_to;
  std::string pointer;  // "/resourcePolicies/0"
  PolicyPtr policy;
  Json document;  // as given
};

struct Scenario {
  std::string title;
  std::string description;
  std::optional<Instant> now;
  std::string region = "us-east-1";
  Caller caller;
  std::map<std::string, std::string> principal_tags;
  std::optional<std::string> org_id;
  std::vector<ResourcePolicySlot> resource_policies;
  PolicyLevels rcps;
  std::vector<RequestSpec> requests;
  Json document;  // the validated scenario document, without its "requests"

  // The policy attached to exactly `arn`, or nullptr.
  const ResourcePolicySlot* FindResourcePolicy(std::string_view arn) const;
};

// Validates and compiles `document`. Diagnostics are appended (pointers, no positions yet);
// the scenario is meaningful only when no error was added.
Scenario ParseScenario(const Json& document, Diagnostics& diagnostics);

// Parses a resource policy document from JSON: used for the scenario's resourcePolicies and by
// the Lambda policy store when AddPermission changes a policy.
// With `lint`, the warnings of lint.h are added too.
PolicyPtr ParseResourcePolicy(const Json& document, const std::string& attached_to,
                              const std::string& pointer, Diagnostics& diagnostics,
                              bool lint = false);

}  // namespace policylab

#endif  // POLICYLAB_CORE_SCENARIO_H_
