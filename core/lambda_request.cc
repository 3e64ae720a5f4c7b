// Tested by tests/unit/lambda_request_test.cc; scenarios in
// tests/corpus/lambda/.
#include "core/lambda_request.h"

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace policylab {
namespace {

// ---------------------------------------------------------------------------------------------
// Character classes (no std::regex: hand-written checks, linear in the input).

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAlnum(char c) { return IsDigit(c) || IsLower(c) || IsUpper(c); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool AllChars(std::string_view s, bool (*pred)(char)) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

// [a-zA-Z0-9-_]
bool IsNameChar(char c) { return IsAlnum(c) || c == '-' || c == '_'; }
// [a-zA-Z0-9-_.] (function names; the 2026 API model allows `.`, spec §4.1)
bool IsFunctionNameChar(char c) { return IsNameChar(c) || c == '.'; }

bool IsAccount(std::string_view s) { return s.size() == 12 && AllChars(s, IsDigit); }

// aws[a-zA-Z-]*
bool IsPartition(std::string_view s) {
  if (s.substr(0, 3) != "aws") return false;
  for (char c : s.substr(3)) {
    if (!IsLower(c) && !IsUpper(c) && c != '-') return false;
  }
  return true;
}

// (eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}  (botocore's region
// part of the FunctionName pattern)
bool IsRegion(std::string_view s) {
  if (s.substr(0, 5) == "eusc-") s.remove_prefix(5);
  if (s.size() < 2 || !IsLower(s[0]) || !IsLower(s[1])) return false;
  s.remove_prefix(2);
  if (s.substr(0, 4) == "-gov") {
    s.remove_prefix(4);
  } else if (s.substr(0, 4) == "-iso") {
    s.remove_prefix(4);
    if (!s.empty() && IsLower(s[0])) s.remove_prefix(1);
  }
  // -[a-z]+-\d
  if (s.size() < 4 || s[0] != '-') return false;
  s.remove_prefix(1);
  size_t letters = 0;
  while (letters < s.size() && IsLower(s[letters])) ++letters;
  if (letters == 0) return false;
  s.remove_prefix(letters);
  return s.size() == 2 && s[0] == '-' && IsDigit(s[1]);
}

// A qualifier: a version ([0-9]+), an alias ((?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}),
// `$LATEST` or `$LATEST.PUBLISHED` (spec §4.1, §4.4). Versions and aliases
// share one character class, so "all digits = version, otherwise alias" needs
// no separate check here.
bool IsQualifier(std::string_view q) {
  if (q == "$LATEST" || q == "$LATEST.PUBLISHED") return true;
  return !q.empty() && q.size() <= 128 && AllChars(q, IsNameChar);
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

// The FunctionName pattern of the 2026 API model, quoted in ValidationException
// messages.
constexpr std::string_view kFunctionNamePattern =
    "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-["
    "a-z]+-\\d{1}:)?"
    "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-"
    "zA-Z0-9-_]+))?";
constexpr std::string_view kQualifierPattern = "(|[a-zA-Z0-9$_-]+)";
constexpr std::string_view kLayerNamePattern =
    "(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-"
    "zA-Z0-9-_]+";
constexpr std::string_view kLayerVersionArnPattern =
    "arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]"
    "+";

ApiError ValidationError(std::string_view value, std::string_view field,
                         std::string_view constraint) {
  return {"ValidationException",
          "1 validation error detected: Value '" + std::string(value) + "' at '" +
              std::string(field) + "' failed to satisfy constraint: " + std::string(constraint),
          400};
}

ApiError PatternError(std::string_view value, std::string_view field, std::string_view pattern) {
  return ValidationError(value, field,
                         "Member must satisfy regular expression pattern: " + std::string(pattern));
}

// Parses a non-negative decimal integer that fits int64 (at most 18 digits).
std::optional<int64_t> ParseNumber(std::string_view s) {
  if (s.empty() || s.size() > 18 || !AllChars(s, IsDigit)) return std::nullopt;
  int64_t v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// ---------------------------------------------------------------------------------------------
// Shell-line tokenizer.

// Splits `line` into words like a POSIX shell without expansions: '…' is
// literal, "…" keeps backslash escapes for \" \\ \$ \` and line continuations,
// an unquoted backslash escapes the next character, backslash + newline is a
// continuation. A backslash that starts a word and is followed by whitespace
// (or ends the line) is the documentation pages' flattened continuation
// (`aws lambda add-permission \ --region us-west-2 \ ...`) and is dropped.
bool Tokenize(std::string_view line, std::vector<std::string>* words, std::string* error) {
  std::string word;
  bool in_word = false;
  size_t i = 0;
  const size_t n = line.size();
  auto flush = [&] {
    if (in_word) words->push_back(word);
    word.clear();
    in_word = false;
  };
  while (i < n) {
    char c = line[i];
    if (IsSpace(c)) {
      flush();
      ++i;
      continue;
    }
    if (c == '\\') {
      if (i + 1 >= n) {  // trailing backslash: a continuation with nothing after it
        ++i;
        continue;
      }
      char next = line[i + 1];
      if (next == '\n') {
        i += 2;
        continue;
      }
      if (next == '\r' && i + 2 < n && line[i + 2] == '\n') {
        i += 3;
        continue;
      }
      if (!in_word && (next == ' ' || next == '\t' || next == '\r')) {
        i += 2;  // flattened continuation from a documentation page
        continue;
      }
      word.push_back(next);
      in_word = true;
      i += 2;
      continue;
    }
    if (c == '\'') {
      size_t close = line.find('\'', i + 1);
      if (close == std::string_view::npos) {
        *error = "unterminated single quote in the command line";
        return false;
      }
      word.append(line.substr(i + 1, close - i - 1));
      in_word = true;
      i = close + 1;
      continue;
    }
    if (c == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        char d = line[i];
        if (d == '"') {
          closed = true;
          ++i;
          break;
        }
        if (d == '\\' && i + 1 < n) {
          char e = line[i + 1];
          if (e == '"' || e == '\\' || e == '$' || e == '`') {
            word.push_back(e);
            i += 2;
            continue;
          }
          if (e == '\n') {
            i += 2;
            continue;
          }
        }
        word.push_back(d);
        ++i;
      }
      if (!closed) {
        *error = "unterminated double quote in the command line";
        return false;
      }
      in_word = true;
      continue;
    }
    word.push_back(c);
    in_word = true;
    ++i;
  }
  flush();
  return true;
}

// ---------------------------------------------------------------------------------------------
// Option tables.

enum class Kind {
  kString,
  kInteger,
  kBoolean,        // --flag / --no-flag, no value
  kStringList,     // one or more values, a JSON list, or a comma-separated value
  kStructure,      // JSON object or shorthand Key=Value,...
  kMap,            // JSON object or shorthand Key=Value,... with string values (tags)
  kStructureList,  // JSON list of objects
  kZipFile,        // --zip-file: becomes Code.ZipFile
};

struct OptionSpec {
  std::string_view flag;  // without the leading "--"
  std::string_view api;   // "" = PascalCase of the flag
  Kind kind;
};

// Every option some supported command takes. Per-command tables below list
// which ones.
constexpr OptionSpec kOptions[] = {
    {"function-name", "", Kind::kString},
    {"qualifier", "", Kind::kString},
    {"statement-id", "", Kind::kString},
    {"action", "", Kind::kString},
    {"principal", "", Kind::kString},
    {"source-arn", "", Kind::kString},
    {"source-account", "", Kind::kString},
    {"event-source-token", "", Kind::kString},
    {"revision-id", "", Kind::kString},
    {"principal-org-id", "PrincipalOrgID", Kind::kString},
    {"function-url-auth-type", "", Kind::kString},
    {"invoked-via-function-url", "", Kind::kBoolean},
    {"layer-name", "", Kind::kString},
    {"version-number", "", Kind::kInteger},
    {"organization-id", "", Kind::kString},
    {"arn", "", Kind::kString},
    {"invocation-type", "", Kind::kString},
    {"log-type", "", Kind::kString},
    {"client-context", "", Kind::kString},
    {"payload", "", Kind::kString},
    {"tenant-id", "", Kind::kString},
    {"durable-execution-name", "", Kind::kString},
    {"master-region", "", Kind::kString},
    {"function-version", "", Kind::kString},
    {"marker", "", Kind::kString},
    {"starting-token", "Marker", Kind::kString},
    {"max-items", "", Kind::kInteger},
    {"page-size", "", Kind::kInteger},
    {"runtime", "", Kind::kString},
    {"role", "", Kind::kString},
    {"handler", "", Kind::kString},
    {"code", "", Kind::kStructure},
    {"zip-file", "", Kind::kZipFile},
    {"description", "", Kind::kString},
    {"timeout", "", Kind::kInteger},
    {"memory-size", "", Kind::kInteger},
    {"publish", "", Kind::kBoolean},
    {"vpc-config", "", Kind::kStructure},
    {"package-type", "", Kind::kString},
    {"dead-letter-config", "", Kind::kStructure},
    {"environment", "", Kind::kStructure},
    {"kms-key-arn", "KMSKeyArn", Kind::kString},
    {"tracing-config", "", Kind::kStructure},
    {"tags", "", Kind::kMap},
    {"layers", "", Kind::kStringList},
    {"file-system-configs", "", Kind::kStructureList},
    {"image-config", "", Kind::kStructure},
    {"code-signing-config-arn", "", Kind::kString},
    {"architectures", "", Kind::kStringList},
    {"ephemeral-storage", "", Kind::kStructure},
    {"snap-start", "", Kind::kStructure},
    {"logging-config", "", Kind::kStructure},
    {"capacity-provider-config", "", Kind::kStructure},
    {"code-sha256", "CodeSha256", Kind::kString},
    {"name", "", Kind::kString},
    {"routing-config", "", Kind::kStructure},
    {"auth-type", "", Kind::kString},
    {"cors", "", Kind::kStructure},
    {"invoke-mode", "", Kind::kString},
    {"event-source-arn", "", Kind::kString},
    {"enabled", "", Kind::kBoolean},
    {"batch-size", "", Kind::kInteger},
    {"starting-position", "", Kind::kString},
    {"maximum-batching-window-in-seconds", "", Kind::kInteger},
    {"filter-criteria", "", Kind::kStructure},
    {"resource", "", Kind::kString},
    {"tag-keys", "", Kind::kStringList},
    {"uuid", "UUID", Kind::kString},
    {"reserved-concurrent-executions", "", Kind::kInteger},
    {"compatible-runtime", "", Kind::kString},
    {"s3-bucket", "", Kind::kString},
};

struct CommandSpec {
  std::string_view command;    // kebab-case
  std::string_view operation;  // the API operation
  std::string_view options;    // space-separated flags; a trailing '!' marks a required one
  bool outfile = false;        // takes a positional outfile (invoke)
};

constexpr CommandSpec kCommands[] = {
    {"add-permission", "AddPermission",
     "function-name! statement-id! action! principal! source-arn "
     "source-account "
     "event-source-token qualifier revision-id principal-org-id "
     "function-url-auth-type "
     "invoked-via-function-url"},
    {"remove-permission", "RemovePermission", "function-name! statement-id! qualifier revision-id"},
    {"get-policy", "GetPolicy", "function-name! qualifier"},
    {"add-layer-version-permission", "AddLayerVersionPermission",
     "layer-name! version-number! statement-id! action! principal! "
     "organization-id revision-id"},
    {"remove-layer-version-permission", "RemoveLayerVersionPermission",
     "layer-name! version-number! statement-id! revision-id"},
    {"get-layer-version-policy", "GetLayerVersionPolicy", "layer-name! version-number!"},
    {"get-layer-version", "GetLayerVersion", "layer-name! version-number!"},
    {"get-layer-version-by-arn", "GetLayerVersionByArn", "arn!"},
    {"delete-layer-version", "DeleteLayerVersion", "layer-name! version-number!"},
    {"list-layers", "ListLayers", "compatible-runtime marker max-items starting-token page-size"},
    {"list-layer-versions", "ListLayerVersions",
     "layer-name! compatible-runtime marker max-items starting-token "
     "page-size"},
    {"invoke", "Invoke",
     "function-name! invocation-type log-type client-context payload qualifier "
     "tenant-id "
     "durable-execution-name",
     true},
    {"get-function", "GetFunction", "function-name! qualifier"},
    {"get-function-configuration", "GetFunctionConfiguration", "function-name! qualifier"},
    {"list-functions", "ListFunctions",
     "master-region function-version marker max-items starting-token "
     "page-size"},
    {"create-function", "CreateFunction",
     "function-name! runtime role! handler code zip-file description timeout "
     "memory-size "
     "publish vpc-config package-type dead-letter-config environment "
     "kms-key-arn "
     "tracing-config tags layers file-system-configs image-config "
     "code-signing-config-arn "
     "architectures ephemeral-storage snap-start logging-config "
     "capacity-provider-config"},
    {"update-function-configuration", "UpdateFunctionConfiguration",
     "function-name! role handler description timeout memory-size vpc-config "
     "environment "
     "runtime dead-letter-config kms-key-arn tracing-config revision-id layers "
     "file-system-configs image-config ephemeral-storage snap-start "
     "logging-config "
     "capacity-provider-config"},
    {"update-function-code", "UpdateFunctionCode",
     "function-name! zip-file s3-bucket publish revision-id architectures"},
    {"delete-function", "DeleteFunction", "function-name! qualifier"},
    {"publish-version", "PublishVersion", "function-name! code-sha256 description revision-id"},
    {"list-versions-by-function", "ListVersionsByFunction",
     "function-name! marker max-items starting-token page-size"},
    {"create-alias", "CreateAlias",
     "function-name! name! function-version! description routing-config"},
    {"get-alias", "GetAlias", "function-name! name!"},
    {"update-alias", "UpdateAlias",
     "function-name! name! function-version description routing-config "
     "revision-id"},
    {"delete-alias", "DeleteAlias", "function-name! name!"},
    {"list-aliases", "ListAliases",
     "function-name! function-version marker max-items starting-token "
     "page-size"},
    {"create-function-url-config", "CreateFunctionUrlConfig",
     "function-name! qualifier auth-type! cors invoke-mode"},
    {"get-function-url-config", "GetFunctionUrlConfig", "function-name! qualifier"},
    {"update-function-url-config", "UpdateFunctionUrlConfig",
     "function-name! qualifier auth-type cors invoke-mode"},
    {"delete-function-url-config", "DeleteFunctionUrlConfig", "function-name! qualifier"},
    {"create-event-source-mapping", "CreateEventSourceMapping",
     "event-source-arn function-name! enabled batch-size starting-position "
     "maximum-batching-window-in-seconds filter-criteria tags"},
    {"get-event-source-mapping", "GetEventSourceMapping", "uuid!"},
    {"delete-event-source-mapping", "DeleteEventSourceMapping", "uuid!"},
    {"list-event-source-mappings", "ListEventSourceMappings",
     "event-source-arn function-name marker max-items starting-token "
     "page-size"},
    {"tag-resource", "TagResource", "resource! tags!"},
    {"untag-resource", "UntagResource", "resource! tag-keys!"},
    {"list-tags", "ListTags", "resource!"},
    {"put-function-concurrency", "PutFunctionConcurrency",
     "function-name! reserved-concurrent-executions!"},
    {"delete-function-concurrency", "DeleteFunctionConcurrency", "function-name!"},
    {"get-account-settings", "GetAccountSettings", ""},
};

// Global options of the AWS CLI: accepted anywhere; only --region has an
// effect.
struct GlobalOption {
  std::string_view flag;
  bool takes_value;
};
constexpr GlobalOption kGlobalOptions[] = {
    {"region", true},
    {"profile", true},
    {"output", true},
    {"query", true},
    {"no-cli-pager", false},
    {"debug", false},
    {"cli-binary-format", true},
    {"no-paginate", false},
    {"endpoint-url", true},
    {"no-verify-ssl", false},
    {"color", true},
    {"no-sign-request", false},
    {"ca-bundle", true},
    {"cli-read-timeout", true},
    {"cli-connect-timeout", true},
    {"cli-auto-prompt", false},
};

const CommandSpec* FindCommand(std::string_view name) {
  for (const CommandSpec& c : kCommands) {
    if (c.command == name) return &c;
  }
  return nullptr;
}

const OptionSpec* FindOption(std::string_view flag) {
  for (const OptionSpec& o : kOptions) {
    if (o.flag == flag) return &o;
  }
  return nullptr;
}

const GlobalOption* FindGlobal(std::string_view flag) {
  for (const GlobalOption& g : kGlobalOptions) {
    if (g.flag == flag) return &g;
  }
  return nullptr;
}

// "function-url-auth-type" -> "FunctionUrlAuthType"
std::string PascalCase(std::string_view flag) {
  std::string out;
  bool upper = true;
  for (char c : flag) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out.push_back(upper && IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c);
    upper = false;
  }
  return out;
}

std::string ApiName(const OptionSpec& o) {
  return o.api.empty() ? PascalCase(o.flag) : std::string(o.api);
}

// Whether `command` takes `flag`; `required` tells whether it must be given.
bool CommandTakes(const CommandSpec& command, std::string_view flag, bool* required) {
  for (std::string_view item : Split(command.options, ' ')) {
    if (item.empty()) continue;
    bool req = item.back() == '!';
    if (req) item.remove_suffix(1);
    if (item == flag) {
      if (required != nullptr) *required = req;
      return true;
    }
  }
  return false;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// ---------------------------------------------------------------------------------------------
// CLI shorthand syntax: `Key=Value,Key2=Value2`, `Key=a,b` (a list),
// `Key=[a,b]`, `Key={Inner=x}`. Returns an object; values are strings, lists of
// strings or objects.

class Shorthand {
 public:
  explicit Shorthand(std::string_view text) : s_(text) {}

  std::optional<Json> ParseObject(std::string* error) {
    Json out = Json::object();
    std::string last_key;
    while (true) {
      SkipSpaces();
      if (AtEnd() || Peek() == '}') break;
      // A segment is either `key=value` or (after a comma) another value of the
      // previous key.
      size_t eq = FindKeyEnd();
      if (eq == std::string_view::npos) {
        if (last_key.empty()) {
          *error = "expected `Key=Value` in `" + std::string(s_) + "`";
          return std::nullopt;
        }
        std::optional<Json> v = ParseValue(error);
        if (!v) return std::nullopt;
        Json& prev = out[last_key];
        if (!prev.is_array()) prev = Json::array({prev});
        prev.push_back(*v);
      } else {
        std::string key = Trim(s_.substr(pos_, eq - pos_));
        pos_ = eq + 1;
        if (key.empty()) {
          *error = "empty key in `" + std::string(s_) + "`";
          return std::nullopt;
        }
        if (out.contains(key)) {
          *error = "key `" + key + "` is given twice in `" + std::string(s_) + "`";
          return std::nullopt;
        }
        std::optional<Json> v = ParseValue(error);
        if (!v) return std::nullopt;
        out[key] = *v;
        last_key = key;
      }
      SkipSpaces();
      if (AtEnd() || Peek() == '}') break;
      if (Peek() != ',') {
        *error = "expected `,` at offset " + std::to_string(pos_) + " of `" + std::string(s_) + "`";
        return std::nullopt;
      }
      ++pos_;
    }
    return out;
  }

  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return s_[pos_]; }

 private:
  void SkipSpaces() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t')) ++pos_;
  }

  // The position of the `=` ending a key at the current position, or npos when
  // the segment is a bare value.
  size_t FindKeyEnd() const {
    for (size_t i = pos_; i < s_.size(); ++i) {
      char c = s_[i];
      if (c == '=') return i == pos_ ? std::string_view::npos : i;
      if (!IsAlnum(c) && c != '-' && c != '_' && c != '.' && c != ':' && c != '/' && c != ' ') {
        return std::string_view::npos;
      }
    }
    return std::string_view::npos;
  }

  std::optional<Json> ParseValue(std::string* error) {
    SkipSpaces();
    if (!AtEnd() && Peek() == '{') {
      ++pos_;
      std::optional<Json> inner = ParseObject(error);
      if (!inner) return std::nullopt;
      if (AtEnd() || Peek() != '}') {
        *error = "missing `}` in `" + std::string(s_) + "`";
        return std::nullopt;
      }
      ++pos_;
      return inner;
    }
    if (!AtEnd() && Peek() == '[') {
      ++pos_;
      Json list = Json::array();
      while (true) {
        SkipSpaces();
        if (AtEnd()) {
          *error = "missing `]` in `" + std::string(s_) + "`";
          return std::nullopt;
        }
        if (Peek() == ']') {
          ++pos_;
          return list;
        }
        if (Peek() == '{') {
          std::optional<Json> item = ParseValue(error);
          if (!item) return std::nullopt;
          list.push_back(*item);
        } else {
          list.push_back(Scalar("],"));
        }
        SkipSpaces();
        if (!AtEnd() && Peek() == ',') ++pos_;
      }
    }
    return Json(Scalar(",}"));
  }

  // A scalar up to one of `stops` (unquoted) or the end; "..." and '...' quote.
  std::string Scalar(std::string_view stops) {
    std::string out;
    while (!AtEnd()) {
      char c = Peek();
      if (c == '"' || c == '\'') {
        size_t close = s_.find(c, pos_ + 1);
        if (close == std::string_view::npos) close = s_.size();
        out.append(s_.substr(pos_ + 1, close - pos_ - 1));
        pos_ = close < s_.size() ? close + 1 : close;
        continue;
      }
      if (stops.find(c) != std::string_view::npos) break;
      out.push_back(c);
      ++pos_;
    }
    return Trim(out);
  }

  std::string_view s_;
  size_t pos_ = 0;
};

// Known list-valued members of the structures that take shorthand, so that
// `SubnetIds=a` is a one-element list as the CLI makes it.
bool IsListMember(std::string_view key) {
  return key == "SubnetIds" || key == "SecurityGroupIds" || key == "Architectures" ||
         key == "EntryPoint" || key == "Command" || key == "AllowOrigins" ||
         key == "AllowMethods" || key == "AllowHeaders" || key == "ExposeHeaders";
}
bool IsBooleanMember(std::string_view key) {
  return key == "Ipv6AllowedForDualStack" || key == "AllowCredentials";
}
bool IsIntegerMember(std::string_view key) { return key == "Size" || key == "MaxAge"; }

void NormalizeShorthand(Json& object) {
  for (auto& [key, value] : object.items()) {
    if (value.is_object()) {
      NormalizeShorthand(value);
    } else if (IsListMember(key) && value.is_string()) {
      value = Json::array({value});
    } else if (IsBooleanMember(key) && value.is_string() && (value == "true" || value == "false")) {
      value = value == "true";
    } else if (IsIntegerMember(key) && value.is_string()) {
      if (std::optional<int64_t> n = ParseNumber(value.get<std::string>())) value = *n;
    }
  }
}

bool LooksLikeJson(std::string_view v) {
  std::string t = Trim(v);
  return !t.empty() && (t.front() == '{' || t.front() == '[');
}

std::string QuoteFlag(std::string_view flag) { return "`--" + std::string(flag) + "`"; }

// Converts the value(s) of one option to its API parameter value.
std::optional<Json> ConvertValue(const OptionSpec& spec, const std::vector<std::string>& values,
                                 std::string_view command, std::string* error) {
  const std::string where = QuoteFlag(spec.flag) + " of `aws lambda " + std::string(command) + "`";
  if (spec.kind == Kind::kStringList) {
    Json list = Json::array();
    if (values.size() == 1 && LooksLikeJson(values[0])) {
      Json parsed = Json::parse(values[0], nullptr, false);
      if (parsed.is_discarded() || !parsed.is_array()) {
        *error = "invalid json list for " + where;
        return std::nullopt;
      }
      for (const Json& item : parsed) {
        if (!item.is_string()) {
          *error = "the list for " + where + " must hold strings";
          return std::nullopt;
        }
      }
      return parsed;
    }
    for (const std::string& v : values) {
      for (std::string_view part : Split(v, ',')) {
        std::string t = Trim(part);
        if (!t.empty()) list.push_back(t);
      }
    }
    return list;
  }
  if (values.size() != 1) {
    *error = where + " takes one value, got " + std::to_string(values.size());
    return std::nullopt;
  }
  const std::string& v = values[0];
  switch (spec.kind) {
    case Kind::kString:
    case Kind::kZipFile:
      return Json(v);
    case Kind::kInteger: {
      std::string_view digits = v;
      bool negative = !digits.empty() && digits.front() == '-';
      if (negative) digits.remove_prefix(1);
      std::optional<int64_t> n = ParseNumber(digits);
      if (!n) {
        *error = where + " needs an integer, got `" + v + "`";
        return std::nullopt;
      }
      return Json(negative ? -*n : *n);
    }
    case Kind::kBoolean:
      if (v == "true" || v == "false") return Json(v == "true");
      *error = where + " is a flag and takes no value (got `" + v + "`)";
      return std::nullopt;
    case Kind::kStructure:
    case Kind::kMap:
    case Kind::kStructureList: {
      if (v.rfind("file://", 0) == 0 || v.rfind("fileb://", 0) == 0) {
        *error = where + ": file:// values cannot be read here; paste the json instead";
        return std::nullopt;
      }
      if (LooksLikeJson(v)) {
        Json parsed = Json::parse(v, nullptr, false);
        bool want_list = spec.kind == Kind::kStructureList;
        if (parsed.is_discarded() || (want_list ? !parsed.is_array() : !parsed.is_object())) {
          *error = "invalid json " + std::string(want_list ? "list" : "object") + " for " + where;
          return std::nullopt;
        }
        if (spec.kind == Kind::kMap) {
          for (const auto& [key, value] : parsed.items()) {
            if (!value.is_string()) {
              *error = "the value of `" + key + "` in " + where + " must be a string";
              return std::nullopt;
            }
          }
        }
        return parsed;
      }
      if (spec.kind == Kind::kStructureList) {
        *error = where + " needs a json list";
        return std::nullopt;
      }
      Shorthand parser(v);
      std::string shorthand_error;
      std::optional<Json> object = parser.ParseObject(&shorthand_error);
      if (object && !parser.AtEnd()) {
        shorthand_error = "unexpected `}` in `" + v + "`";
        object.reset();
      }
      if (!object) {
        *error = "invalid value for " + where + ": " + shorthand_error;
        return std::nullopt;
      }
      if (spec.kind == Kind::kMap) {
        for (auto& [key, value] : object->items()) {
          if (value.is_array()) {  // `Key=a,b` in a map: the comma belongs to
                                   // the value
            std::string joined;
            for (const Json& part : value) {
              if (!joined.empty()) joined += ",";
              joined += part.is_string() ? part.get<std::string>() : part.dump();
            }
            value = joined;
          } else if (!value.is_string()) {
            *error = "the value of `" + key + "` in " + where + " must be a string";
            return std::nullopt;
          }
        }
      } else {
        NormalizeShorthand(*object);
      }
      return object;
    }
    case Kind::kStringList:
      break;
  }
  return std::nullopt;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::optional<LambdaCall> ParseAwsCli(std::string_view line, std::string* error) {
  std::string local_error;
  std::string& err = error != nullptr ? *error : local_error;
  err.clear();
  std::vector<std::string> words;
  if (!Tokenize(line, &words, &err)) return std::nullopt;

  LambdaCall call;
  size_t i = 0;
  if (i < words.size() && words[i] == "$") ++i;  // a pasted prompt
  if (i >= words.size() || words[i] != "aws") {
    err = words.size() <= i ? "empty command line; expected `aws lambda <command> ...`"
                            : "expected `aws lambda <command> ...`, got `" + words[i] + "`";
    return std::nullopt;
  }
  ++i;

  // Handles a global option at words[i] (which starts with "--"); returns false
  // when the word is not a global option. Sets `err` and `failed` on a missing
  // value.
  bool failed = false;
  auto take_global = [&](const std::string& word) -> bool {
    std::string_view flag = std::string_view(word).substr(2);
    std::optional<std::string> inline_value;
    if (size_t eq = flag.find('='); eq != std::string_view::npos) {
      inline_value = std::string(flag.substr(eq + 1));
      flag = flag.substr(0, eq);
    }
    const GlobalOption* g = FindGlobal(flag);
    if (g == nullptr) return false;
    std::string value;
    if (g->takes_value) {
      if (inline_value) {
        value = *inline_value;
      } else if (i + 1 < words.size() && words[i + 1].rfind("--", 0) != 0) {
        value = words[++i];
      } else {
        err = "option " + QuoteFlag(flag) + " needs a value";
        failed = true;
        return true;
      }
    } else if (inline_value) {
      err = "option " + QuoteFlag(flag) + " takes no value";
      failed = true;
      return true;
    }
    if (flag == "region") {
      if (value.empty()) {
        err = "option `--region` needs a value";
        failed = true;
        return true;
      }
      call.region = value;
    }
    return true;
  };

  // Global options may come before the service name.
  while (i < words.size() && words[i].rfind("--", 0) == 0) {
    if (!take_global(words[i])) {
      err = "unknown option `" + words[i] + "` before the service name";
      return std::nullopt;
    }
    if (failed) return std::nullopt;
    ++i;
  }
  if (i >= words.size() || words[i] != "lambda") {
    err = i >= words.size()
              ? "missing service; expected `aws lambda <command> ...`"
              : "only `aws lambda` commands are supported, got `aws " + words[i] + "`";
    return std::nullopt;
  }
  ++i;
  if (i >= words.size() || words[i].rfind("-", 0) == 0) {
    err = "missing command after `aws lambda`";
    return std::nullopt;
  }
  const CommandSpec* command = FindCommand(words[i]);
  if (command == nullptr) {
    err = "unknown command `" + words[i] + "` for `aws lambda`";
    return std::nullopt;
  }
  call.operation = std::string(command->operation);
  const std::string for_command = " for `aws lambda " + std::string(command->command) + "`";
  ++i;

  std::set<std::string> seen;
  bool have_outfile = false;
  for (; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word.rfind("--", 0) != 0 || word.size() == 2) {
      if (command->outfile && !have_outfile) {
        have_outfile = true;  // invoke's outfile: where the response would be written
        continue;
      }
      err = "unexpected argument `" + word + "`" + for_command;
      return std::nullopt;
    }
    if (take_global(word)) {
      if (failed) return std::nullopt;
      continue;
    }
    std::string_view flag = std::string_view(word).substr(2);
    std::optional<std::string> inline_value;
    if (size_t eq = flag.find('='); eq != std::string_view::npos) {
      inline_value = std::string(flag.substr(eq + 1));
      flag = flag.substr(0, eq);
    }
    // --no-<flag> for boolean options.
    bool negated = false;
    const OptionSpec* spec = CommandTakes(*command, flag, nullptr) ? FindOption(flag) : nullptr;
    if (spec == nullptr && flag.substr(0, 3) == "no-") {
      std::string_view base = flag.substr(3);
      const OptionSpec* b = CommandTakes(*command, base, nullptr) ? FindOption(base) : nullptr;
      if (b != nullptr && b->kind == Kind::kBoolean) {
        spec = b;
        negated = true;
      }
    }
    if (spec == nullptr) {
      err = "unknown option `--" + std::string(flag) + "`" + for_command;
      return std::nullopt;
    }
    std::string flag_name(spec->flag);
    if (!seen.insert(flag_name).second) {
      err = "option " + QuoteFlag(flag_name) + " is given twice" + for_command;
      return std::nullopt;
    }
    std::string api = ApiName(*spec);
    if (spec->kind == Kind::kBoolean) {
      bool value = !negated;
      if (inline_value) {
        if (negated || (*inline_value != "true" && *inline_value != "false")) {
          err = "option " + QuoteFlag(flag) + " is a flag and takes no value";
          return std::nullopt;
        }
        value = *inline_value == "true";
      }
      call.parameters[api] = value;
      continue;
    }
    if (negated) {
      err = "unknown option `--" + std::string(flag) + "`" + for_command;
      return std::nullopt;
    }
    std::vector<std::string> values;
    if (inline_value) {
      values.push_back(*inline_value);
    } else {
      // One value; list options take every value up to the next option.
      while (i + 1 < words.size() && words[i + 1].rfind("--", 0) != 0) {
        values.push_back(words[++i]);
        if (spec->kind != Kind::kStringList) break;
      }
      if (values.empty()) {
        err = "option " + QuoteFlag(flag) + " needs a value" + for_command;
        return std::nullopt;
      }
    }
    std::optional<Json> value = ConvertValue(*spec, values, command->command, &err);
    if (!value) return std::nullopt;
    if (spec->kind == Kind::kZipFile) {
      Json& code = call.parameters["Code"];
      if (!code.is_object()) code = Json::object();
      code["ZipFile"] = *value;
    } else if (api == "Code" && call.parameters.contains("Code")) {
      // --zip-file came first: merge.
      for (const auto& [k, v] : value->items()) call.parameters["Code"][k] = v;
    } else if (flag_name == "page-size") {
      // A pagination hint of the CLI; no API parameter of its own.
    } else {
      call.parameters[api] = *value;
    }
  }

  // The CLI refuses a command without its required options.
  std::string missing;
  for (std::string_view item : Split(command->options, ' ')) {
    if (item.empty() || item.back() != '!') continue;
    item.remove_suffix(1);
    if (seen.count(std::string(item)) == 0) {
      if (!missing.empty()) missing += ", ";
      missing += "--" + std::string(item);
    }
  }
  if (!missing.empty()) {
    err = "the following arguments are required" + for_command + ": " + missing;
    return std::nullopt;
  }
  return call;
}

// ---------------------------------------------------------------------------------------------

std::string FunctionRef::UnqualifiedArn() const {
  return "arn:" + partition + ":lambda:" + region + ":" + account + ":function:" + name;
}

std::string FunctionRef::Arn() const {
  return qualifier.empty() ? UnqualifiedArn() : UnqualifiedArn() + ":" + qualifier;
}

std::variant<FunctionRef, ApiError> ResolveFunctionName(std::string_view function_name,
                                                        std::string_view qualifier,
                                                        std::string_view partition,
                                                        std::string_view region,
                                                        std::string_view account) {
  if (function_name.empty()) {
    return ValidationError(function_name, "functionName",
                           "Member must have length greater than or equal to 1");
  }
  if (function_name.size() > 256) {
    return ValidationError(function_name, "functionName",
                           "Member must have length less than or equal to 256");
  }
  if (!qualifier.empty() && !IsQualifier(qualifier)) {
    return PatternError(qualifier, "qualifier", kQualifierPattern);
  }
  const ApiError malformed = PatternError(function_name, "functionName", kFunctionNamePattern);

  FunctionRef ref;
  ref.partition = std::string(partition);
  ref.region = std::string(region);
  ref.account = std::string(account);
  std::string_view embedded;
  std::vector<std::string_view> parts = Split(function_name, ':');
  std::string_view arn_region;
  if (parts[0] == "arn") {
    // arn:PART:lambda:REGION:ACCT:function:NAME[:QUALIFIER]
    if ((parts.size() != 7 && parts.size() != 8) || !IsPartition(parts[1]) ||
        parts[2] != "lambda" || !IsRegion(parts[3]) || !IsAccount(parts[4]) ||
        parts[5] != "function") {
      return malformed;
    }
    ref.partition = std::string(parts[1]);
    arn_region = parts[3];
    ref.account = std::string(parts[4]);
    ref.name = std::string(parts[6]);
    if (parts.size() == 8) embedded = parts[7];
    if (parts.size() == 8 && embedded.empty()) return malformed;
  } else if (parts.size() >= 3 && parts[1] == "function") {
    // ACCT:function:NAME[:QUALIFIER]
    if (parts.size() > 4 || !IsAccount(parts[0])) return malformed;
    ref.account = std::string(parts[0]);
    ref.name = std::string(parts[2]);
    if (parts.size() == 4) {
      embedded = parts[3];
      if (embedded.empty()) return malformed;
    }
  } else if (parts.size() <= 2) {
    // NAME[:QUALIFIER]
    ref.name = std::string(parts[0]);
    if (parts.size() == 2) {
      embedded = parts[1];
      if (embedded.empty()) return malformed;
    }
  } else {
    return malformed;
  }
  if (ref.name.empty() || ref.name.size() > 64 || !AllChars(ref.name, IsFunctionNameChar)) {
    return malformed;
  }
  if (!embedded.empty() && !IsQualifier(embedded)) return malformed;

  // spec §4.4 / §7 T09: checked before authorization.
  if (!embedded.empty() && !qualifier.empty() && embedded != qualifier) {
    return ApiError{"InvalidParameterValueException",
                    "The derived qualifier from the function name does not "
                    "match the specified "
                    "qualifier.",
                    400};
  }
  if (!arn_region.empty() && arn_region != region) {
    return ApiError{"ResourceNotFoundException",
                    "Functions from '" + std::string(arn_region) +
                        "' are not reachable in this region ('" + std::string(region) + "')",
                    404};
  }
  ref.qualifier = std::string(!embedded.empty() ? embedded : qualifier);
  return ref;
}

// ---------------------------------------------------------------------------------------------

std::string LayerVersionRef::LayerArn() const {
  return "arn:" + partition + ":lambda:" + region + ":" + account + ":layer:" + name;
}

std::string LayerVersionRef::Arn() const { return LayerArn() + ":" + std::to_string(version); }

namespace {

// arn:PART:lambda:REGION:ACCT:layer:NAME (the LayerName pattern's ARN form);
// `parts` split on ':'.
bool IsLayerArnPrefix(const std::vector<std::string_view>& parts) {
  auto loose = [](std::string_view s) {
    return !s.empty() && AllChars(s, [](char c) { return IsAlnum(c) || c == '-'; });
  };
  return parts.size() >= 7 && parts[0] == "arn" && loose(parts[1]) && parts[2] == "lambda" &&
         loose(parts[3]) && IsAccount(parts[4]) && parts[5] == "layer" && !parts[6].empty() &&
         AllChars(parts[6], IsNameChar);
}

}  // namespace

std::variant<LayerVersionRef, ApiError> ResolveLayerVersion(std::string_view layer_name,
                                                            int64_t version,
                                                            std::string_view partition,
                                                            std::string_view region,
                                                            std::string_view account) {
  if (layer_name.empty()) {
    return ApiError{"ValidationException",
                    "1 validation error detected: Value null at 'layerName' "
                    "failed to satisfy "
                    "constraint: Member must not be null",
                    400};
  }
  if (layer_name.size() > 140) {
    return ValidationError(layer_name, "layerName",
                           "Member must have length less than or equal to 140");
  }
  LayerVersionRef ref;
  ref.partition = std::string(partition);
  ref.region = std::string(region);
  ref.account = std::string(account);
  std::vector<std::string_view> parts = Split(layer_name, ':');
  if (parts.size() == 1) {
    if (!AllChars(layer_name, IsNameChar)) {
      return PatternError(layer_name, "layerName", kLayerNamePattern);
    }
    ref.name = std::string(layer_name);
  } else if (parts.size() == 7 && IsLayerArnPrefix(parts)) {
    ref.partition = std::string(parts[1]);
    ref.region = std::string(parts[3]);
    ref.account = std::string(parts[4]);
    ref.name = std::string(parts[6]);
  } else {
    return PatternError(layer_name, "layerName", kLayerNamePattern);
  }
  if (version == 0) {
    // The caller passes 0 when VersionNumber is missing.
    return ApiError{"ValidationException",
                    "1 validation error detected: Value null at 'versionNumber' failed to "
                    "satisfy constraint: Member must not be null",
                    400};
  }
  if (version < 0) {
    return ValidationError(std::to_string(version), "versionNumber",
                           "Member must have value greater than or equal to 1");
  }
  ref.version = version;
  return ref;
}

std::variant<LayerVersionRef, ApiError> ParseLayerVersionArn(std::string_view arn) {
  const ApiError malformed = PatternError(arn, "arn", kLayerVersionArnPattern);
  if (arn.empty() || arn.size() > 140) {
    return ValidationError(arn, "arn",
                           arn.empty() ? "Member must have length greater than or equal to 1"
                                       : "Member must have length less than or equal to 140");
  }
  std::vector<std::string_view> parts = Split(arn, ':');
  if (parts.size() != 8 || !IsLayerArnPrefix(parts)) return malformed;
  std::optional<int64_t> version = ParseNumber(parts[7]);
  if (!version) return malformed;
  LayerVersionRef ref;
  ref.partition = std::string(parts[1]);
  ref.region = std::string(parts[3]);
  ref.account = std::string(parts[4]);
  ref.name = std::string(parts[6]);
  ref.version = *version;
  return ref;
}

}  // namespace policylab
