// Tested by tests/unit/managed_policies_test.cc.

#include "core/managed_policies.h"

#include <span>
#include <string_view>

#include "core/data/managed_policies_data.h"

namespace policylab::managed {

std::span<const ManagedPolicy> ManagedPolicies() { return data::ManagedPolicyTable(); }

const ManagedPolicy* FindManagedPolicy(std::string_view name_or_arn) {
  // About twenty entries: a scan is simpler than an index and costs nothing.
  bool is_arn = name_or_arn.starts_with("arn:");
  for (const ManagedPolicy& p : ManagedPolicies()) {
    if ((is_arn ? p.arn : p.name) == name_or_arn) return &p;
  }
  return nullptr;
}

std::string_view ManagedPoliciesSource() { return data::SourceText(); }

}  // namespace policylab::managed
