// The simulated Lambda service state (spec §5): which functions, versions, aliases and layer
// versions exist, and the resource-based policy of each one. Every function, version, alias and
// layer version has its own policy document (spec §5.4); documents keep AWS's key order so that
// GetPolicy returns the same JSON string AWS does.
#ifndef POLICYLAB_CORE_LAMBDA_STORE_H_
#define POLICYLAB_CORE_LAMBDA_STORE_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/authorize.h"
#include "core/diagnostic.h"
#include "core/json_source.h"

namespace policylab {

using OrderedJson = nlohmann::ordered_json;

struct Scenario;

// A resource policy as Lambda stores it.
struct StoredPolicy {
  OrderedJson document;  // {"Version":"2012-10-17","Id":"default","Statement":[...]}
  std::string revision_id;
  PolicyPtr compiled;
};

struct FunctionUrl {
  std::string auth_type = "AWS_IAM";  // "NONE" | "AWS_IAM"
  // URLs created before October 2025 need only lambda:InvokeFunctionUrl (spec §3.4 row 11).
  bool created_before_2025_october = false;
};

struct FunctionRecord {
  std::string unqualified_arn;
  std::string name;
  std::string account;
  std::string region;
  std::set<std::string> versions;              // published versions ("1", "2")
  std::map<std::string, std::string> aliases;  // alias -> version
  std::map<std::string, std::string> tags;     // aws:ResourceTag/*
  std::map<std::string, FunctionUrl> urls;     // qualifier ("" = unqualified) -> url config
};

class LambdaStore {
 public:
  // Seeds the store from the scenario: its "functions", "layers" and "resourcePolicies".
  // Without "functions", every function a request names exists (lenient mode).
  explicit LambdaStore(const Scenario& scenario);

  // The policy attached to exactly `arn` (compiled), or nullptr.
  const CompiledPolicy* PolicyFor(const std::string& arn) const;
  const StoredPolicy* Find(const std::string& arn) const;
  // Replaces (or, with an empty statement list, removes) the policy of `arn`; a new RevisionId.
  void Put(const std::string& arn, OrderedJson document);
  void Erase(const std::string& arn);

  bool strict_functions() const { return strict_functions_; }
  bool strict_layers() const { return strict_layers_; }
  // The function with this unqualified ARN; in lenient mode one is made up on demand.
  const FunctionRecord* FindFunction(const std::string& unqualified_arn) const;
  FunctionRecord& EnsureFunction(const std::string& unqualified_arn, const std::string& name,
                                 const std::string& account, const std::string& region);
  void RemoveFunction(const std::string& unqualified_arn);
  std::vector<const FunctionRecord*> Functions() const;
  bool LayerVersionExists(const std::string& layer_version_arn) const;
  void AddLayerVersion(const std::string& layer_version_arn);

  // Deterministic RevisionIds (UUID-shaped), so that results are reproducible.
  std::string NextRevisionId(const std::string& arn);

 private:
  std::map<std::string, StoredPolicy> policies_;
  std::map<std::string, FunctionRecord> functions_;
  std::set<std::string> layer_versions_;
  bool strict_functions_ = false;
  bool strict_layers_ = false;
  uint64_t revision_counter_ = 0;
};

// Parses the scenario's "functions" and "layers" entries (validation only; diagnostics are
// appended). Used by ParseScenario.
void ValidateLambdaResources(const Json& document, const std::string& default_account,
                             const std::string& default_region, Diagnostics& diagnostics);

}  // namespace policylab

#endif  // POLICYLAB_CORE_LAMBDA_STORE_H_
