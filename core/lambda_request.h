// Lambda API requests before authorization (spec §4.3, §4.4): turning an `aws lambda ...`
// command line into an API call, and a FunctionName (+ Qualifier) into the exact resource ARN.
// Both are pure functions: no policies, no store.
#ifndef POLICYLAB_CORE_LAMBDA_REQUEST_H_
#define POLICYLAB_CORE_LAMBDA_REQUEST_H_

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/json_source.h"

namespace policylab {

// An error as the Lambda API returns it: exception name, HTTP status and AWS's message.
struct ApiError {
  std::string code;  // "InvalidParameterValueException"
  std::string message;
  int status = 400;
};

// One Lambda API call: the operation name of the API reference ("AddPermission", "Invoke") and
// its parameters with the API's own (PascalCase) names.
struct LambdaCall {
  std::string operation;
  Json parameters = Json::object();
  std::optional<std::string> region;  // --region of a command line
};

// Parses a command line such as
//   aws lambda add-permission --function-name helloworld --statement-id 1 \ (newline)
//       --principal s3.amazonaws.com --action lambda:InvokeFunction --region us-west-2
// like a shell would (single and double quotes, backslash escapes, `\` + newline continuations
// and a lone `\` token as pasted from documentation pages), `--flag value` and `--flag=value`.
// Supported commands (kebab-case of the operation): add-permission, remove-permission,
// get-policy, add-layer-version-permission, remove-layer-version-permission,
// get-layer-version-policy, get-layer-version, get-layer-version-by-arn, invoke,
// get-function, get-function-configuration, list-functions, create-function,
// update-function-configuration, delete-function, publish-version, create-alias,
// create-function-url-config, create-event-source-mapping, tag-resource, list-tags.
// --region sets the region; --profile, --output, --query, --no-cli-pager, --debug,
// --cli-binary-format, --no-paginate are accepted and ignored; `invoke`'s positional outfile is
// ignored. JSON-valued options (--vpc-config, --tags, --layers as a list, --environment) accept
// JSON text and the CLI shorthand (SubnetIds=a,b,SecurityGroupIds=c / Key=Value,Key2=Value2).
// Boolean flags (--invoked-via-function-url / --no-invoked-via-function-url) need no value.
// Errors name the unknown command or flag: nullopt + `error` ("unknown option `--foo` for
// `aws lambda add-permission`").
std::optional<LambdaCall> ParseAwsCli(std::string_view line, std::string* error);

// A function resource named by a request.
struct FunctionRef {
  std::string partition = "aws";
  std::string region;
  std::string account;
  std::string name;
  std::string qualifier;               // "" when unqualified
  std::string UnqualifiedArn() const;  // arn:PART:lambda:REGION:ACCT:function:NAME
  std::string Arn() const;             // + ":" + qualifier when qualified
};

// spec §4.4: FunctionName is `name`, `name:qualifier`, a partial ARN
// `ACCT:function:name[:qualifier]` or a full ARN; missing parts default to the caller's
// partition/region/account. Errors (as AWS words them):
//   * embedded qualifier != Qualifier → InvalidParameterValueException "The derived qualifier
//     from the function name does not match the specified qualifier."
//   * full ARN in another region → ResourceNotFoundException "Functions from 'X' are not
//     reachable in this region ('Y')"
//   * malformed names → ValidationException "1 validation error detected: Value 'x' at
//     'functionName' failed to satisfy constraint: Member must satisfy regular expression
//     pattern: ..."
std::variant<FunctionRef, ApiError> ResolveFunctionName(std::string_view function_name,
                                                        std::string_view qualifier,
                                                        std::string_view partition,
                                                        std::string_view region,
                                                        std::string_view account);

// A layer version named by LayerName (name or layer ARN) + VersionNumber, or by a
// layer-version ARN (GetLayerVersionByArn, CreateFunction's Layers).
struct LayerVersionRef {
  std::string partition = "aws";
  std::string region;
  std::string account;
  std::string name;
  int64_t version = 0;
  std::string LayerArn() const;  // arn:PART:lambda:REGION:ACCT:layer:NAME
  std::string Arn() const;       // + ":" + version
};
std::variant<LayerVersionRef, ApiError> ResolveLayerVersion(std::string_view layer_name,
                                                            int64_t version,
                                                            std::string_view partition,
                                                            std::string_view region,
                                                            std::string_view account);
std::variant<LayerVersionRef, ApiError> ParseLayerVersionArn(std::string_view arn);

}  // namespace policylab

#endif  // POLICYLAB_CORE_LAMBDA_REQUEST_H_
