// Tested by tests/unit/catalog_test.cc.
//
// Lookups over the generated tables of core/data/catalog_data.cc. The tables
// are sorted by lower-cased name (scripts/gen/gen-data.mjs), so services and
// actions are binary-searched; condition keys (a few dozen) are scanned.

#include "core/catalog.h"

#include <algorithm>
#include <cstddef>
#include <span>
#include <string_view>

#include "core/data/catalog_data.h"

namespace policylab::catalog {
namespace {

constexpr char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// Three-way ASCII comparison after case folding: the order the generator sorted
// by.
int CompareIgnoreCase(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    char x = Lower(a[i]);
    char y = Lower(b[i]);
    if (x != y) return static_cast<unsigned char>(x) < static_cast<unsigned char>(y) ? -1 : 1;
  }
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

// The element of `items` (sorted by case-folded `key`) whose key equals `name`
// ignoring case.
template <typename T, typename Key>
const T* BinaryFind(std::span<const T> items, std::string_view name, Key key) {
  auto it = std::lower_bound(
      items.begin(), items.end(), name,
      [&](const T& item, std::string_view n) { return CompareIgnoreCase(key(item), n) < 0; });
  if (it == items.end() || !EqualsIgnoreCase(key(*it), name)) return nullptr;
  return &*it;
}

bool IsPlaceholderAt(std::string_view tmpl, size_t i) {
  return i + 1 < tmpl.size() && tmpl[i] == '$' && tmpl[i + 1] == '{' &&
         tmpl.find('}', i + 2) != std::string_view::npos;
}

bool HasPlaceholder(std::string_view tmpl) {
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (IsPlaceholderAt(tmpl, i)) return true;
  }
  return false;
}

// Does `text` fit `tmpl`, where each `${...}` stands for one or more characters
// of any kind and every other character is literal? A placeholder behaves like
// the glob `?*`, so the classic greedy match with one backtrack point (the last
// placeholder seen) is exact and linear-ish.
bool FitsTemplate(std::string_view tmpl, std::string_view text, bool fold_case) {
  size_t t = 0;
  size_t s = 0;
  size_t resume_t = std::string_view::npos;  // template position after the last placeholder
  size_t resume_s = 0;                       // text position that placeholder has reached
  while (s < text.size()) {
    if (t < tmpl.size() && IsPlaceholderAt(tmpl, t)) {
      t = tmpl.find('}', t + 2) + 1;
      ++s;  // the mandatory first character
      resume_t = t;
      resume_s = s;
    } else if (t < tmpl.size() &&
               (fold_case ? Lower(tmpl[t]) == Lower(text[s]) : tmpl[t] == text[s])) {
      ++t;
      ++s;
    } else if (resume_t != std::string_view::npos) {
      t = resume_t;  // let the last placeholder absorb one more character
      s = ++resume_s;
    } else {
      return false;
    }
  }
  return t == tmpl.size();
}

bool HasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// spec §4.1 / §4.4: a version is digits, $LATEST, or (2026 model)
// $LATEST.PUBLISHED.
bool IsVersion(std::string_view s) {
  return AllDigits(s) || s == "$LATEST" || s == "$LATEST.PUBLISHED";
}

// spec §4.1: alias (?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}.
bool IsAlias(std::string_view s) {
  if (s.empty() || s.size() > 128 || AllDigits(s)) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

// Cuts an ARN (or ARN template) into at most six fields: five ':'-separated
// fields and the resource field, which keeps its own colons (spec §1.5).
// Returns the number of fields.
size_t SplitArnFields(std::string_view arn, std::string_view (&fields)[6]) {
  size_t n = 0;
  while (n < 5) {
    size_t colon = arn.find(':');
    if (colon == std::string_view::npos) break;
    fields[n++] = arn.substr(0, colon);
    arn.remove_prefix(colon + 1);
  }
  fields[n++] = arn;
  return n;
}

// Cuts `s` at every ':' into `out` (at most `max` parts; the last keeps any
// remaining colons).
template <size_t kMax>
size_t SplitColons(std::string_view s, std::string_view (&out)[kMax]) {
  size_t n = 0;
  while (n + 1 < kMax) {
    size_t colon = s.find(':');
    if (colon == std::string_view::npos) break;
    out[n++] = s.substr(0, colon);
    s.remove_prefix(colon + 1);
  }
  out[n++] = s;
  return n;
}

// The resource field of a concrete ARN against the resource field of the
// format.
bool ResourceFieldFits(const ResourceTypeInfo& type, std::string_view format,
                       std::string_view arn) {
  constexpr size_t kMaxParts = 16;
  std::string_view want[kMaxParts];
  std::string_view got[kMaxParts];
  size_t nw = SplitColons(format, want);
  size_t ng = SplitColons(arn, got);
  if (nw == kMaxParts || ng == kMaxParts) return false;  // nothing in the SAR is that deep
  std::string_view last = want[nw - 1];
  bool lambda_tail = type.service == "lambda" && last.starts_with("${") && last.ends_with("}") &&
                     last.find('}') == last.size() - 1;
  size_t compare = nw;  // leading parts matched as plain templates
  if (lambda_tail) {
    compare = nw - 1;
    std::string_view name = last.substr(2, last.size() - 3);
    if (name == "FunctionName") {
      // spec §4.2 note: function actions also accept version and alias ARNs.
      if (ng == nw + 1) {
        if (!IsVersion(got[nw]) && !IsAlias(got[nw])) return false;
      } else if (ng != nw) {
        return false;
      }
      if (got[nw - 1].empty()) return false;
    } else if (ng != nw) {
      return false;
    } else if (name == "Version") {
      if (!IsVersion(got[nw - 1])) return false;
    } else if (name == "Alias") {
      if (!IsAlias(got[nw - 1])) return false;
    } else if (name == "LayerVersion") {
      if (!AllDigits(got[nw - 1])) return false;
    } else if (got[nw - 1].empty()) {
      return false;
    }
  } else if (ng != nw) {
    return false;
  }
  for (size_t i = 0; i < compare; ++i) {
    if (!FitsTemplate(want[i], got[i], /*fold_case=*/false)) return false;
  }
  return true;
}

// A wildcard pattern's resource field against the format's: the literal text
// before the first wildcard must agree with the format's literal text before
// its first placeholder.
bool ResourceFieldMayFit(std::string_view format, std::string_view pattern) {
  for (size_t i = 0;; ++i) {
    if (i == pattern.size()) return i == format.size();  // only when the pattern has no wildcard
    if (pattern[i] == '*' || pattern[i] == '?') return true;
    if (IsPlaceholderAt(format, i)) return true;
    if (i == format.size() || format[i] != pattern[i]) return false;
  }
}

}  // namespace

std::span<const ServiceInfo> Services() { return data::ServiceTable(); }

const ServiceInfo* FindService(std::string_view prefix) {
  return BinaryFind(Services(), prefix, [](const ServiceInfo& s) { return s.prefix; });
}

const ActionInfo* FindAction(std::string_view qualified_action) {
  size_t colon = qualified_action.find(':');
  if (colon == std::string_view::npos) return nullptr;
  const ServiceInfo* service = FindService(qualified_action.substr(0, colon));
  if (service == nullptr) return nullptr;
  return BinaryFind(service->actions, qualified_action.substr(colon + 1),
                    [](const ActionInfo& a) { return a.name; });
}

std::span<const ConditionKeyInfo> GlobalConditionKeys() { return data::GlobalConditionKeyTable(); }

const ConditionKeyInfo* FindConditionKey(std::string_view key) {
  // Two passes, global table first: an exact entry, then a template that the
  // key instantiates.
  for (bool templates : {false, true}) {
    auto fits = [&](const ConditionKeyInfo& k) {
      return templates ? HasPlaceholder(k.name) && FitsTemplate(k.name, key, /*fold_case=*/true)
                       : EqualsIgnoreCase(k.name, key);
    };
    for (const ConditionKeyInfo& k : GlobalConditionKeys()) {
      if (fits(k)) return &k;
    }
    for (const ServiceInfo& s : Services()) {
      for (const ConditionKeyInfo& k : s.condition_keys) {
        if (fits(k)) return &k;
      }
    }
  }
  return nullptr;
}

const ResourceTypeInfo* FindResourceType(std::string_view service, std::string_view name) {
  const ServiceInfo* s = FindService(service);
  if (s == nullptr) return nullptr;
  for (const ResourceTypeInfo& r : s->resource_types) {
    if (r.name == name) return &r;
  }
  for (const ResourceTypeInfo& r : s->resource_types) {
    if (EqualsIgnoreCase(r.name, name)) return &r;
  }
  return nullptr;
}

bool ResourceTypeAccepts(const ResourceTypeInfo& type, std::string_view arn) {
  if (arn == "*") return true;
  std::string_view want[6];
  std::string_view got[6];
  if (SplitArnFields(type.arn_format, want) != 6 || SplitArnFields(arn, got) != 6) return false;
  bool pattern = HasWildcard(arn);
  for (size_t i = 0; i < 5; ++i) {
    if (pattern && HasWildcard(got[i])) continue;
    if (!FitsTemplate(want[i], got[i], /*fold_case=*/false)) return false;
  }
  if (HasWildcard(got[5])) return ResourceFieldMayFit(want[5], got[5]);
  return ResourceFieldFits(type, want[5], got[5]);
}

std::string_view DataSource() { return data::DataSourceText(); }
std::string_view DataDate() { return data::DataDateText(); }

}  // namespace policylab::catalog
