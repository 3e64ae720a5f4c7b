// Tested by tests/unit/condition_test.cc.
#include "core/context.h"

#include <algorithm>

#include "core/wildcard.h"

namespace policylab {

ContextEntry& RequestContext::Slot(std::string_view key) {
  std::string lower = AsciiLower(key);
  for (ContextEntry& e : entries_) {
    if (e.key == lower) return e;
  }
  entries_.push_back({std::move(lower), std::string(key), {}, false});
  return entries_.back();
}

void RequestContext::Set(std::string_view key, std::string value) {
  ContextEntry& e = Slot(key);
  e.values.assign(1, std::move(value));
  e.multivalued = false;
}

void RequestContext::SetList(std::string_view key, std::vector<std::string> values) {
  ContextEntry& e = Slot(key);
  e.values = std::move(values);
  e.multivalued = true;
}

void RequestContext::Erase(std::string_view key) {
  std::string lower = AsciiLower(key);
  std::erase_if(entries_, [&](const ContextEntry& e) { return e.key == lower; });
}

const ContextEntry* RequestContext::FindLower(std::string_view lower_key) const {
  for (const ContextEntry& e : entries_) {
    if (e.key == lower_key) return &e;
  }
  return nullptr;
}

const ContextEntry* RequestContext::Find(std::string_view key) const {
  return FindLower(AsciiLower(key));
}

}  // namespace policylab
