// Tested by tests/unit/lambda_operations_test.cc and tests/corpus/lambda/.
#include "core/lambda_store.h"

#include <cstdio>

#include "core/scenario.h"

namespace policylab {
namespace {

uint64_t Fnv1a(const std::string& text, uint64_t seed) {
  uint64_t h = 1469598103934665603ULL ^ seed;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string FunctionArn(const std::string& partition, const std::string& region,
                        const std::string& account, const std::string& name) {
  return "arn:" + partition + ":lambda:" + region + ":" + account + ":function:" + name;
}

}  // namespace

void ValidateLambdaResources(const Json& document, const std::string& default_account,
                             const std::string& default_region, Diagnostics& diags) {
  (void)default_account;
  (void)default_region;
  auto error = [&](std::string code, std::string message, std::string pointer) {
    diags.push_back({Severity::kError, std::move(code), std::move(message), std::move(pointer)});
  };
  if (auto it = document.find("functions"); it != document.end() && !it->is_null()) {
    if (!it->is_array()) {
      error("scenario-type", "`functions` must be an array", "/functions");
    } else {
      for (size_t i = 0; i < it->size(); ++i) {
        const Json& f = (*it)[i];
        std::string p = "/functions/" + std::to_string(i);
        if (!f.is_object() || !f.contains("name") || !f["name"].is_string()) {
          error("scenario-type", "a function needs a `name`", p);
          continue;
        }
        for (const auto& [k, v] : f.items()) {
          std::string kp = p + "/" + EscapePointerToken(k);
          if (k == "name" || k == "account" || k == "region") {
            if (!v.is_string()) error("scenario-type", "`" + k + "` must be a string", kp);
          } else if (k == "versions") {
            bool ok = v.is_array();
            if (ok) {
              for (const Json& x : v) ok = ok && x.is_string();
            }
            if (!ok) error("scenario-type", "`versions` must be a list of strings", kp);
          } else if (k == "aliases" || k == "tags") {
            bool ok = v.is_object();
            if (ok) {
              for (const Json& av : v) ok = ok && av.is_string();
            }
            if (!ok) error("scenario-type", "`" + k + "` must map strings to strings", kp);
          } else if (k == "url") {
            if (!v.is_object() || !v.contains("authType") || !v["authType"].is_string() ||
                (v["authType"] != "NONE" && v["authType"] != "AWS_IAM")) {
              error("scenario-type",
                    "`url` needs `authType` `NONE` or `AWS_IAM` (and optionally `qualifier`, "
                    "`createdBefore2025October`)",
                    kp);
            }
          } else {
            error("scenario-unknown-key",
                  "unknown key `" + k +
                      "` in a function; expected `name`, `account`, `region`, `versions`, "
                      "`aliases`, `tags`, `url`",
                  kp);
          }
        }
      }
    }
  }
  if (auto it = document.find("layers"); it != document.end() && !it->is_null()) {
    if (!it->is_array()) {
      error("scenario-type", "`layers` must be an array", "/layers");
    } else {
      for (size_t i = 0; i < it->size(); ++i) {
        const Json& l = (*it)[i];
        std::string p = "/layers/" + std::to_string(i);
        if (!l.is_object() || !l.contains("name") || !l["name"].is_string() ||
            !l.contains("versions") || !l["versions"].is_array()) {
          error("scenario-type", "a layer needs a `name` and a list of integer `versions`", p);
          continue;
        }
        for (const auto& [k, v] : l.items()) {
          if (k != "name" && k != "account" && k != "region" && k != "versions") {
            error("scenario-unknown-key",
                  "unknown key `" + k +
                      "` in a layer; expected `name`, `account`, `region`, "
                      "`versions`",
                  p + "/" + EscapePointerToken(k));
          }
          (void)v;
        }
        for (const Json& v : l["versions"]) {
          if (!v.is_number_integer() || v.get<int64_t>() < 1) {
            error("scenario-type", "layer versions are positive integers", p + "/versions");
            break;
          }
        }
      }
    }
  }
}

LambdaStore::LambdaStore(const Scenario& scenario) {
  const Json& doc = scenario.document;
  const std::string& account = scenario.caller.principal.account;
  const std::string partition =
      scenario.caller.principal.partition.empty() ? "aws" : scenario.caller.principal.partition;
  if (auto it = doc.find("functions"); it != doc.end() && it->is_array()) {
    strict_functions_ = true;
    for (const Json& f : *it) {
      std::string name = f.value("name", "");
      std::string acct = f.value("account", account);
      std::string region = f.value("region", scenario.region);
      FunctionRecord& r =
          EnsureFunction(FunctionArn(partition, region, acct, name), name, acct, region);
      const Json versions = f.value("versions", Json::array());
      for (const Json& v : versions) r.versions.insert(v.get<std::string>());
      // Keep the values alive: items() of a temporary would dangle inside the loop.
      const Json aliases = f.value("aliases", Json::object());
      for (const auto& [a, v] : aliases.items()) r.aliases[a] = v.get<std::string>();
      const Json tags = f.value("tags", Json::object());
      for (const auto& [k, v] : tags.items()) r.tags[k] = v.get<std::string>();
      if (f.contains("url")) {
        const Json& u = f["url"];
        FunctionUrl url;
        url.auth_type = u.value("authType", "AWS_IAM");
        url.created_before_2025_october = u.value("createdBefore2025October", false);
        r.urls[u.value("qualifier", "")] = url;
      }
    }
  }
  if (auto it = doc.find("layers"); it != doc.end() && it->is_array()) {
    strict_layers_ = true;
    for (const Json& l : *it) {
      std::string acct = l.value("account", account);
      std::string region = l.value("region", scenario.region);
      for (const Json& v : l["versions"]) {
        layer_versions_.insert("arn:" + partition + ":lambda:" + region + ":" + acct + ":layer:" +
                               l.value("name", "") + ":" + std::to_string(v.get<int64_t>()));
      }
    }
  }
  // Policies given in the scenario seed the store as given.
  for (const ResourcePolicySlot& slot : scenario.resource_policies) {
    StoredPolicy sp;
    sp.document = OrderedJson::parse(slot.document.dump(), nullptr, false);
    sp.revision_id = NextRevisionId(slot.attached_to);
    sp.compiled = slot.policy;
    policies_[slot.attached_to] = std::move(sp);
  }
}

std::string LambdaStore::NextRevisionId(const std::string& arn) {
  uint64_t a = Fnv1a(arn, ++revision_counter_);
  uint64_t b = Fnv1a(arn, a);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%08x-%04x-4%03x-a%03x-%012llx",
                static_cast<unsigned>(a >> 32), static_cast<unsigned>((a >> 16) & 0xffff),
                static_cast<unsigned>(a & 0xfff), static_cast<unsigned>((b >> 48) & 0xfff),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buffer;
}

const StoredPolicy* LambdaStore::Find(const std::string& arn) const {
  auto it = policies_.find(arn);
  return it == policies_.end() ? nullptr : &it->second;
}

const CompiledPolicy* LambdaStore::PolicyFor(const std::string& arn) const {
  const StoredPolicy* p = Find(arn);
  return p ? p->compiled.get() : nullptr;
}

void LambdaStore::Put(const std::string& arn, OrderedJson document) {
  if (document["Statement"].empty()) {
    Erase(arn);
    return;
  }
  Diagnostics ignored;
  StoredPolicy sp;
  Json plain = Json::parse(document.dump(), nullptr, false);
  sp.compiled = ParseResourcePolicy(plain, arn, "", ignored);
  sp.document = std::move(document);
  sp.revision_id = NextRevisionId(arn);
  policies_[arn] = std::move(sp);
}

void LambdaStore::Erase(const std::string& arn) { policies_.erase(arn); }

const FunctionRecord* LambdaStore::FindFunction(const std::string& unqualified_arn) const {
  auto it = functions_.find(unqualified_arn);
  return it == functions_.end() ? nullptr : &it->second;
}

FunctionRecord& LambdaStore::EnsureFunction(const std::string& unqualified_arn,
                                            const std::string& name, const std::string& account,
                                            const std::string& region) {
  FunctionRecord& r = functions_[unqualified_arn];
  if (r.unqualified_arn.empty()) {
    r.unqualified_arn = unqualified_arn;
    r.name = name;
    r.account = account;
    r.region = region;
  }
  return r;
}

void LambdaStore::RemoveFunction(const std::string& unqualified_arn) {
  functions_.erase(unqualified_arn);
  for (auto it = policies_.begin(); it != policies_.end();) {
    bool same = it->first == unqualified_arn || it->first.rfind(unqualified_arn + ":", 0) == 0;
    it = same ? policies_.erase(it) : std::next(it);
  }
}

std::vector<const FunctionRecord*> LambdaStore::Functions() const {
  std::vector<const FunctionRecord*> out;
  for (const auto& [arn, r] : functions_) out.push_back(&r);
  return out;
}

bool LambdaStore::LayerVersionExists(const std::string& arn) const {
  return !strict_layers_ || layer_versions_.count(arn) > 0;
}

void LambdaStore::AddLayerVersion(const std::string& arn) { layer_versions_.insert(arn); }

}  // namespace policylab
