// Tested by tests/unit/principal_test.cc.
#include "core/principal.h"

#include <cctype>
#include <vector>

#include "core/arn.h"

namespace policylab {
namespace {

bool IsAccountId(std::string_view s) {
  if (s.size() != 12) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string_view LastPathComponent(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

const char* PrincipalKindName(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::kIamUser:
      return "User";
    case PrincipalKind::kAssumedRole:
      return "AssumedRole";
    case PrincipalKind::kFederatedUser:
      return "FederatedUser";
    case PrincipalKind::kRoot:
      return "Account";
    case PrincipalKind::kService:
      return "Service";
    case PrincipalKind::kAnonymous:
      return "Anonymous";
  }
  return "Anonymous";
}

const char* PrincipalMatchName(PrincipalMatch match) {
  switch (match) {
    case PrincipalMatch::kNone:
      return "none";
    case PrincipalMatch::kAccount:
      return "account";
    case PrincipalMatch::kStar:
      return "everyone";
    case PrincipalMatch::kRole:
      return "role";
    case PrincipalMatch::kService:
      return "service";
    case PrincipalMatch::kFederatedUser:
      return "federated user";
    case PrincipalMatch::kSession:
      return "role session";
    case PrincipalMatch::kUser:
      return "user";
  }
  return "none";
}

std::string RequestPrincipal::PrincipalArn() const {
  return kind == PrincipalKind::kAssumedRole ? role_arn : arn;
}

std::optional<RequestPrincipal> ParseRequestPrincipal(std::string_view text, std::string* error) {
  RequestPrincipal p;
  p.text = std::string(text);
  if (text == "*") {
    p.kind = PrincipalKind::kAnonymous;
    return p;
  }
  if (IsAccountId(text)) {
    p.kind = PrincipalKind::kRoot;
    p.account = std::string(text);
    p.partition = "aws";
    p.arn = "arn:aws:iam::" + p.account + ":root";
    return p;
  }
  if (text.rfind("arn:", 0) != 0) {
    // Service principals are DNS-like names: s3.amazonaws.com, alexa-appkit.amazon.com.
    bool dns = !text.empty() && text.find('.') != std::string_view::npos;
    for (char c : text) {
      dns = dns && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-');
    }
    if (dns) {
      p.kind = PrincipalKind::kService;
      p.service = std::string(text);
      return p;
    }
    if (error) {
      *error = "principal `" + std::string(text) +
               "` is not `*`, an account id, a service principal or an arn";
    }
    return std::nullopt;
  }
  std::optional<ArnParts> arn = SplitArn(text);
  auto fail = [&]() -> std::optional<RequestPrincipal> {
    if (error) {
      *error = "principal `" + std::string(text) +
               "` is not the arn of an iam user, role, role session, federated user or account "
               "root";
    }
    return std::nullopt;
  };
  if (!arn || !IsAccountId(arn->account()) || !arn->region().empty()) return fail();
  p.partition = std::string(arn->partition());
  p.account = std::string(arn->account());
  std::string_view res = arn->resource();
  if (arn->service() == "iam") {
    if (res == "root") {
      p.kind = PrincipalKind::kRoot;
      p.arn = std::string(text);
      return p;
    }
    if (res.rfind("user/", 0) == 0 && res.size() > 5) {
      p.kind = PrincipalKind::kIamUser;
      p.arn = std::string(text);
      p.user_name = std::string(LastPathComponent(res));
      return p;
    }
    if (res.rfind("role/", 0) == 0 && res.size() > 5) {
      p.kind = PrincipalKind::kAssumedRole;
      p.role_arn = std::string(text);
      p.role_name = std::string(LastPathComponent(res));
      p.service_linked_role = res.rfind("role/aws-service-role/", 0) == 0;
      p.role_path_known = true;
      // A session of this role whose session name is unknown.
      p.arn = "arn:" + p.partition + ":sts::" + p.account + ":assumed-role/" + p.role_name;
      return p;
    }
    return fail();
  }
  if (arn->service() == "sts") {
    if (res.rfind("assumed-role/", 0) == 0) {
      std::string_view rest = res.substr(13);
      size_t slash = rest.find('/');
      if (slash == std::string_view::npos || slash == 0 || slash + 1 >= rest.size()) return fail();
      p.kind = PrincipalKind::kAssumedRole;
      p.arn = std::string(text);
      p.role_name = std::string(rest.substr(0, slash));
      p.session_name = std::string(rest.substr(slash + 1));
      // The session ARN omits the role's path (spec §1.3); the role ARN is rebuilt without it.
      p.role_arn = "arn:" + p.partition + ":iam::" + p.account + ":role/" + p.role_name;
      return p;
    }
    if (res.rfind("federated-user/", 0) == 0 && res.size() > 15) {
      p.kind = PrincipalKind::kFederatedUser;
      p.arn = std::string(text);
      p.user_name = std::string(res.substr(15));
      return p;
    }
  }
  return fail();
}

CompiledPrincipal CompilePrincipal(const PrincipalEntry& entry) {
  CompiledPrincipal c;
  c.type = entry.type;
  c.text = entry.value;
  if (entry.value == "*" && (entry.type == "*" || entry.type == "AWS")) {
    c.kind = CompiledPrincipal::Kind::kStar;  // spec §1.3: "*" == {"AWS": "*"}
    return c;
  }
  if (entry.type == "Service") {
    c.kind = CompiledPrincipal::Kind::kService;
    return c;
  }
  if (entry.type != "AWS") return c;  // Federated, CanonicalUser: never a Lambda caller
  if (IsAccountId(entry.value)) {
    c.kind = CompiledPrincipal::Kind::kAccount;
    c.account = entry.value;
    return c;
  }
  std::optional<ArnParts> arn = SplitArn(entry.value);
  if (!arn || !IsAccountId(arn->account())) return c;
  c.account = std::string(arn->account());
  std::string_view res = arn->resource();
  if (arn->service() == "iam" && res == "root") {
    c.kind = CompiledPrincipal::Kind::kAccount;
  } else if (arn->service() == "iam" && res.rfind("user/", 0) == 0) {
    c.kind = CompiledPrincipal::Kind::kUser;
    c.arn = entry.value;
  } else if (arn->service() == "iam" && res.rfind("role/", 0) == 0) {
    c.kind = CompiledPrincipal::Kind::kRole;
    c.name = std::string(LastPathComponent(res));
    c.arn = entry.value;
  } else if (arn->service() == "sts" && res.rfind("assumed-role/", 0) == 0) {
    c.kind = CompiledPrincipal::Kind::kSession;
    c.arn = entry.value;
  } else if (arn->service() == "sts" && res.rfind("federated-user/", 0) == 0) {
    c.kind = CompiledPrincipal::Kind::kFederatedUser;
    c.arn = entry.value;
  }
  return c;
}

PrincipalMatch MatchPrincipal(const CompiledPrincipal& entry, const RequestPrincipal& caller) {
  using Kind = CompiledPrincipal::Kind;
  switch (entry.kind) {
    case Kind::kStar:
      return PrincipalMatch::kStar;
    case Kind::kService:
      return caller.kind == PrincipalKind::kService && caller.service == entry.text
                 ? PrincipalMatch::kService
                 : PrincipalMatch::kNone;
    case Kind::kAccount:
      // spec §1.3: the account, not the root user: every principal of that account.
      return caller.IsIam() && caller.account == entry.account ? PrincipalMatch::kAccount
                                                               : PrincipalMatch::kNone;
    case Kind::kUser:
      return caller.kind == PrincipalKind::kIamUser && caller.arn == entry.arn
                 ? PrincipalMatch::kUser
                 : PrincipalMatch::kNone;
    case Kind::kRole:
      // spec §1.3 / T56: a role ARN matches every session of the role. A session ARN has no
      // path, so then the role is identified by account and name (role names are unique in an
      // account, whatever the path); when the caller's role ARN is known, it must be that ARN.
      if (caller.kind != PrincipalKind::kAssumedRole) return PrincipalMatch::kNone;
      if (caller.role_path_known) {
        return caller.role_arn == entry.arn ? PrincipalMatch::kRole : PrincipalMatch::kNone;
      }
      return caller.account == entry.account && caller.role_name == entry.name
                 ? PrincipalMatch::kRole
                 : PrincipalMatch::kNone;
    case Kind::kSession:
      return caller.kind == PrincipalKind::kAssumedRole && !caller.session_name.empty() &&
                     caller.arn == entry.arn
                 ? PrincipalMatch::kSession
                 : PrincipalMatch::kNone;
    case Kind::kFederatedUser:
      return caller.kind == PrincipalKind::kFederatedUser && caller.arn == entry.arn
                 ? PrincipalMatch::kFederatedUser
                 : PrincipalMatch::kNone;
    case Kind::kNever:
      return PrincipalMatch::kNone;
  }
  return PrincipalMatch::kNone;
}

bool NotPrincipalApplies(const std::vector<CompiledPrincipal>& listed,
                         const RequestPrincipal& caller, std::string* unlisted) {
  using Kind = CompiledPrincipal::Kind;
  auto listed_as = [&](auto&& pred) {
    for (const CompiledPrincipal& p : listed) {
      if (p.kind == Kind::kStar || pred(p)) return true;
    }
    return false;
  };
  auto report = [&](std::string what) {
    if (unlisted) *unlisted = std::move(what);
    return true;
  };
  switch (caller.kind) {
    case PrincipalKind::kAnonymous:
      return listed_as([](const CompiledPrincipal&) { return false; })
                 ? false
                 : report("the anonymous caller");
    case PrincipalKind::kService:
      return listed_as([&](const CompiledPrincipal& p) {
        return p.kind == Kind::kService && p.text == caller.service;
      })
                 ? false
                 : report("service `" + caller.service + "`");
    default:
      break;
  }
  // The chain: the account, then the role (sessions), then the user/session itself.
  if (!listed_as([&](const CompiledPrincipal& p) {
        return p.kind == Kind::kAccount && p.account == caller.account;
      })) {
    return report("account `" + caller.account + "`");
  }
  if (caller.kind == PrincipalKind::kAssumedRole) {
    if (!listed_as([&](const CompiledPrincipal& p) {
          return p.kind == Kind::kRole && p.account == caller.account && p.name == caller.role_name;
        })) {
      return report("role `" + caller.role_arn + "`");
    }
    if (!listed_as([&](const CompiledPrincipal& p) {
          return p.kind == Kind::kSession && p.arn == caller.arn;
        })) {
      return report("session `" + caller.arn + "`");
    }
  }
  if (caller.kind == PrincipalKind::kIamUser || caller.kind == PrincipalKind::kFederatedUser) {
    Kind k = caller.kind == PrincipalKind::kIamUser ? Kind::kUser : Kind::kFederatedUser;
    if (!listed_as(
            [&](const CompiledPrincipal& p) { return p.kind == k && p.arn == caller.arn; })) {
      return report("`" + caller.arn + "`");
    }
  }
  return false;
}

}  // namespace policylab
