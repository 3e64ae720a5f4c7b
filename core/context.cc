// Tested by tests/unit/condition_test.cc.
#include "core/context.h"

#include <algorithm>

#include "core/wildcard.h"

namespace policylab {

namespace {

// `key` (any case) equals the stored lower-cased `lower`, without lower-casing a copy.
bool SameKey(std::string_view lower, std::string_view key) {
  if (lower.size() != key.size()) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

}  // namespace

ContextEntry& RequestContext::Slot(std::string_view key) {
  for (ContextEntry& e : entries_) {
    if (SameKey(e.key, key)) return e;
  }
  entries_.push_back({AsciiLower(key), std::string(key), {}, false});
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
  for (const ContextEntry& e : entries_) {
    if (SameKey(e.key, key)) return &e;
  }
  return nullptr;
}

}  // namespace policylab
