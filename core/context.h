// The request context (spec §0, §2.1): condition keys and their values for one authorization
// check. Keys are case-insensitive (spec §1.4), so they are stored lower-cased with the spelling
// first given kept for display. A key is absent, single-valued or multivalued (a list, possibly
// empty); absent keys are simply not stored.
#ifndef POLICYLAB_CORE_CONTEXT_H_
#define POLICYLAB_CORE_CONTEXT_H_

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
  // Sets (replaces) a single-valued key.
  void Set(std::string_view key, std::string value);
  // Sets (replaces) a multivalued key.
  void SetList(std::string_view key, std::vector<std::string> values);
  void Erase(std::string_view key);
  // Lookup by lower-cased key; nullptr when absent.
  const ContextEntry* FindLower(std::string_view lower_key) const;
  const ContextEntry* Find(std::string_view key) const;
  const std::vector<ContextEntry>& entries() const { return entries_; }

 private:
  ContextEntry& Slot(std::string_view key);
  std::vector<ContextEntry> entries_;
};

}  // namespace policylab

#endif  // POLICYLAB_CORE_CONTEXT_H_
