// Tested by tests/unit/context_test.cc and tests/unit/condition_test.cc.
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

RequestContext::RequestContext(std::shared_ptr<const RequestContext> base) {
  if (base != nullptr && base->base_ != nullptr) {  // one level: a layered base is copied flat
    base->ForEach([&](const ContextEntry& e) { entries_.push_back(e); });
  } else {
    base_ = std::move(base);
  }
}

ContextEntry& RequestContext::Slot(std::string_view key) {
  for (ContextEntry& e : entries_) {
    if (SameKey(e.key, key)) return e;
  }
  // A key of the base is overridden here, keeping the base's spelling.
  if (const ContextEntry* b = base_ != nullptr ? base_->FindOwn(key) : nullptr) {
    entries_.push_back({b->key, b->display_key, {}, false});
  } else {
    entries_.push_back({AsciiLower(key), std::string(key), {}, false});
  }
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
  if (base_ != nullptr) {  // becomes a plain context, the base's keys copied
    std::vector<ContextEntry> all;
    ForEach([&](const ContextEntry& e) { all.push_back(e); });
    entries_ = std::move(all);
    base_ = nullptr;
  }
  std::erase_if(entries_, [&](const ContextEntry& e) { return SameKey(e.key, key); });
}

const ContextEntry* RequestContext::FindOwn(std::string_view key) const {
  for (const ContextEntry& e : entries_) {
    if (SameKey(e.key, key)) return &e;
  }
  return nullptr;
}

const ContextEntry* RequestContext::FindLower(std::string_view lower_key) const {
  for (const ContextEntry& e : entries_) {
    if (e.key == lower_key) return &e;
  }
  if (base_ != nullptr) {
    for (const ContextEntry& e : base_->entries_) {
      if (e.key == lower_key) return &e;
    }
  }
  return nullptr;
}

const ContextEntry* RequestContext::Find(std::string_view key) const {
  if (const ContextEntry* e = FindOwn(key)) return e;
  return base_ != nullptr ? base_->FindOwn(key) : nullptr;
}

}  // namespace policylab
