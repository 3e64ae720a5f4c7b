// The request context (spec §0, §2.1): condition keys and their values for one authorization
// check. Keys are case-insensitive (spec §1.4), so they are stored lower-cased with the spelling
// first given kept for display. A key is absent, single-valued or multivalued (a list, possibly
// empty); absent keys are simply not stored.
//
// A context can start from a shared, immutable base (the keys every check of one principal
// has, resolve.h's PrincipalContext): it then behaves exactly as a copy of the base with its
// own keys set on top, without copying the base for every check.
#ifndef POLICYLAB_CORE_CONTEXT_H_
#define POLICYLAB_CORE_CONTEXT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace policylab {

struct ContextEntry {
  std::string key;                  // lower-cased
  std::string display_key;          // as first written
  std::vector<std::string> values;  // one value when !multivalued
  bool multivalued = false;
};

class RequestContext {
 public:
  RequestContext() = default;
  // Every key of `base` (which must not change any more), and nothing set yet on top.
  explicit RequestContext(std::shared_ptr<const RequestContext> base);

  // Sets (replaces) a single-valued key.
  void Set(std::string_view key, std::string value);
  // Sets (replaces) a multivalued key.
  void SetList(std::string_view key, std::vector<std::string> values);
  void Erase(std::string_view key);
  // Lookup by lower-cased key; nullptr when absent.
  const ContextEntry* FindLower(std::string_view lower_key) const;
  const ContextEntry* Find(std::string_view key) const;
  // Calls f(const ContextEntry&) for every key, in the order first set (a base's keys first).
  template <typename F>
  void ForEach(F&& f) const {
    if (base_ != nullptr) {
      for (const ContextEntry& b : base_->entries_) {
        const ContextEntry* own = FindOwn(b.key);
        f(own != nullptr ? *own : b);
      }
      for (const ContextEntry& e : entries_) {
        if (base_->FindOwn(e.key) == nullptr) f(e);
      }
      return;
    }
    for (const ContextEntry& e : entries_) f(e);
  }

 private:
  ContextEntry& Slot(std::string_view key);
  const ContextEntry* FindOwn(std::string_view key) const;
  std::vector<ContextEntry> entries_;
  std::shared_ptr<const RequestContext> base_;  // has no base itself
};

}  // namespace policylab

#endif  // POLICYLAB_CORE_CONTEXT_H_
