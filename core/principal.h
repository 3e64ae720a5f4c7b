// Principals: who makes a request (spec §0, §3.2) and how policy Principal entries match them
// (spec §1.3, §3.3).
#ifndef POLICYLAB_CORE_PRINCIPAL_H_
#define POLICYLAB_CORE_PRINCIPAL_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/policy.h"

namespace policylab {

enum class PrincipalKind { kIamUser, kAssumedRole, kFederatedUser, kRoot, kService, kAnonymous };

const char* PrincipalKindName(PrincipalKind kind);  // aws:PrincipalType values

// The caller of a request.
struct RequestPrincipal {
  PrincipalKind kind = PrincipalKind::kAnonymous;
  std::string text;       // as given in the scenario
  std::string arn;        // user / session / federated-user / root ARN ("" for service, anonymous)
  std::string partition;  // "aws" ...
  std::string account;    // 12 digits ("" for service, anonymous)
  std::string user_name;  // IAM user name (kIamUser), federated user name (kFederatedUser)
  std::string role_arn;   // kAssumedRole: arn:aws:iam::ACCT:role/[path/]NAME
  std::string role_name;  // kAssumedRole: NAME (without path)
  std::string session_name;  // kAssumedRole: "" when the caller was given as a role ARN
  // kAssumedRole: the caller was given as a role ARN, so role_arn carries the role's real path
  // (a session ARN omits it).
  bool role_path_known = false;
  std::string service;  // kService: "s3.amazonaws.com"
  // Roles under the path aws-service-role/ are service-linked: SCPs do not apply (spec §3.1).
  bool service_linked_role = false;

  bool IsIam() const {
    return kind != PrincipalKind::kService && kind != PrincipalKind::kAnonymous;
  }
  // aws:PrincipalArn (spec §3.5): the role ARN for role sessions.
  std::string PrincipalArn() const;
};

// Parses "*" (anonymous), a 12-digit account (its root), a service principal
// ("s3.amazonaws.com"), or the ARN of an IAM user, role (meaning: a session of that role),
// assumed-role session, federated user or account root. nullopt + `error` otherwise.
std::optional<RequestPrincipal> ParseRequestPrincipal(std::string_view text, std::string* error);

// How a policy principal entry matched the caller. The strength decides which implicit denies
// a same-account resource-policy grant overrides (spec §3.3): ordered weakest first.
enum class PrincipalMatch {
  kNone,
  kAccount,        // account or account root ARN: delegation, identity must also allow
  kStar,           // "*" or {"AWS": "*"}
  kRole,           // role ARN, caller is a session of it
  kService,        // {"Service": ...}
  kFederatedUser,  // federated-user session ARN
  kSession,        // assumed-role session ARN
  kUser,           // IAM user ARN
};

const char* PrincipalMatchName(PrincipalMatch match);

// A policy principal entry, compiled.
struct CompiledPrincipal {
  enum class Kind { kStar, kAccount, kUser, kRole, kSession, kFederatedUser, kService, kNever };
  Kind kind = Kind::kNever;
  std::string type;     // "AWS", "Service", ...
  std::string text;     // value as written
  std::string account;  // kAccount, kUser, kRole, kSession, kFederatedUser
  std::string name;     // kRole: role name without path
  std::string arn;      // kUser, kRole, kSession, kFederatedUser: the full ARN
};

CompiledPrincipal CompilePrincipal(const PrincipalEntry& entry);

// Principal element (spec §1.3): how `entry` matches `caller`.
PrincipalMatch MatchPrincipal(const CompiledPrincipal& entry, const RequestPrincipal& caller);

// NotPrincipal element: AWS evaluates the caller as each identity of its chain (account, role,
// session / user); the statement applies when any of them is not listed (spec §1.3: "with Deny
// you must list the account ARN, the role ARN and the session ARN of the exempted identity").
// `unlisted` receives a short description of the first identity not listed.
bool NotPrincipalApplies(const std::vector<CompiledPrincipal>& listed,
                         const RequestPrincipal& caller, std::string* unlisted);

}  // namespace policylab

#endif  // POLICYLAB_CORE_PRINCIPAL_H_
