// Unit tests for core/lambda_request.h: the FunctionName resolver (spec §4.4),
// the layer-version resolvers and the `aws lambda ...` command-line parser.
#include "core/lambda_request.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace policylab {
namespace {

constexpr const char* kRegion = "us-east-1";
constexpr const char* kAccount = "111111111111";

FunctionRef Resolve(std::string_view name, std::string_view qualifier = "") {
  auto r = ResolveFunctionName(name, qualifier, "aws", kRegion, kAccount);
  EXPECT_TRUE(std::holds_alternative<FunctionRef>(r)) << name << " / " << qualifier;
  if (const ApiError* e = std::get_if<ApiError>(&r)) {
    ADD_FAILURE() << e->code << ": " << e->message;
    return {};
  }
  return std::get<FunctionRef>(r);
}

ApiError ResolveError(std::string_view name, std::string_view qualifier = "",
                      std::string_view region = kRegion) {
  auto r = ResolveFunctionName(name, qualifier, "aws", region, kAccount);
  EXPECT_TRUE(std::holds_alternative<ApiError>(r)) << name << " / " << qualifier;
  if (const ApiError* e = std::get_if<ApiError>(&r)) return *e;
  return {};
}

// ---------------------------------------------------------------------------------------------
// FunctionName forms (spec §4.4)

TEST(ResolveFunctionName, PlainName) {
  FunctionRef f = Resolve("helloworld");
  EXPECT_EQ(f.partition, "aws");
  EXPECT_EQ(f.region, "us-east-1");
  EXPECT_EQ(f.account, "111111111111");
  EXPECT_EQ(f.name, "helloworld");
  EXPECT_EQ(f.qualifier, "");
  EXPECT_EQ(f.Arn(), "arn:aws:lambda:us-east-1:111111111111:function:helloworld");
  EXPECT_EQ(f.UnqualifiedArn(), f.Arn());
}

TEST(ResolveFunctionName, NameWithQualifierParameter) {
  // spec §7 T05: since 2022-01-24 the Qualifier parameter makes the ARN
  // qualified.
  FunctionRef f = Resolve("f", "1");
  EXPECT_EQ(f.qualifier, "1");
  EXPECT_EQ(f.Arn(), "arn:aws:lambda:us-east-1:111111111111:function:f:1");
  EXPECT_EQ(f.UnqualifiedArn(), "arn:aws:lambda:us-east-1:111111111111:function:f");
}

TEST(ResolveFunctionName, NameColonVersionAliasAndLatest) {
  EXPECT_EQ(Resolve("f:1").Arn(), "arn:aws:lambda:us-east-1:111111111111:function:f:1");
  EXPECT_EQ(Resolve("f:prod").Arn(), "arn:aws:lambda:us-east-1:111111111111:function:f:prod");
  EXPECT_EQ(Resolve("f:$LATEST").Arn(), "arn:aws:lambda:us-east-1:111111111111:function:f:$LATEST");
  EXPECT_EQ(Resolve("f:$LATEST.PUBLISHED").qualifier, "$LATEST.PUBLISHED");
  EXPECT_EQ(Resolve("f", "$LATEST").qualifier, "$LATEST");
  EXPECT_EQ(Resolve("f", "prod-2_b").qualifier, "prod-2_b");
}

TEST(ResolveFunctionName, EmbeddedQualifierEqualToParameterIsAccepted) {
  FunctionRef f = Resolve("f:1", "1");
  EXPECT_EQ(f.qualifier, "1");
  EXPECT_EQ(Resolve("arn:aws:lambda:us-east-1:111111111111:function:f:prod", "prod").qualifier,
            "prod");
}

TEST(ResolveFunctionName, PartialArn) {
  FunctionRef f = Resolve("222222222222:function:f");
  EXPECT_EQ(f.account,
            "222222222222");  // another account: the call is cross-account
  EXPECT_EQ(f.region, "us-east-1");
  EXPECT_EQ(f.Arn(), "arn:aws:lambda:us-east-1:222222222222:function:f");
  EXPECT_EQ(Resolve("222222222222:function:f:3").Arn(),
            "arn:aws:lambda:us-east-1:222222222222:function:f:3");
  EXPECT_EQ(Resolve("222222222222:function:f", "prod").Arn(),
            "arn:aws:lambda:us-east-1:222222222222:function:f:prod");
}

TEST(ResolveFunctionName, FullArn) {
  FunctionRef f = Resolve("arn:aws:lambda:us-east-1:222222222222:function:my-function");
  EXPECT_EQ(f.account, "222222222222");
  EXPECT_EQ(f.name, "my-function");
  EXPECT_EQ(f.qualifier, "");
  EXPECT_EQ(Resolve("arn:aws:lambda:us-east-1:222222222222:function:f:7").Arn(),
            "arn:aws:lambda:us-east-1:222222222222:function:f:7");
  EXPECT_EQ(Resolve("arn:aws:lambda:us-east-1:222222222222:function:f", "7").Arn(),
            "arn:aws:lambda:us-east-1:222222222222:function:f:7");
}

TEST(ResolveFunctionName, FullArnKeepsItsPartition) {
  auto r = ResolveFunctionName("arn:aws-us-gov:lambda:us-gov-west-1:111111111111:function:f", "",
                               "aws-us-gov", "us-gov-west-1", kAccount);
  ASSERT_TRUE(std::holds_alternative<FunctionRef>(r));
  EXPECT_EQ(std::get<FunctionRef>(r).Arn(),
            "arn:aws-us-gov:lambda:us-gov-west-1:111111111111:function:f");
}

TEST(ResolveFunctionName, CallerPartitionAndRegionAreTheDefaults) {
  auto r = ResolveFunctionName("f", "", "aws-cn", "cn-north-1", "123456789012");
  ASSERT_TRUE(std::holds_alternative<FunctionRef>(r));
  EXPECT_EQ(std::get<FunctionRef>(r).Arn(), "arn:aws-cn:lambda:cn-north-1:123456789012:function:f");
}

TEST(ResolveFunctionName, NamesWithDotsDashesUnderscoresAndMaxLength) {
  EXPECT_EQ(Resolve("my.function-name_1").name, "my.function-name_1");
  EXPECT_EQ(Resolve(std::string(64, 'a')).name, std::string(64, 'a'));
  EXPECT_EQ(Resolve("f", std::string(128, 'q')).qualifier, std::string(128, 'q'));
}

TEST(ResolveFunctionName, OtherRegionShapes) {
  for (const char* region :
       {"us-gov-west-1", "cn-north-1", "us-isob-east-1", "eusc-de-east-1", "ap-southeast-2"}) {
    std::string arn = std::string("arn:aws:lambda:") + region + ":111111111111:function:f";
    auto r = ResolveFunctionName(arn, "", "aws", region, kAccount);
    EXPECT_TRUE(std::holds_alternative<FunctionRef>(r)) << region;
  }
}

// ---------------------------------------------------------------------------------------------
// FunctionName errors

TEST(ResolveFunctionName, DerivedQualifierMismatchT09) {
  const std::string text =
      "The derived qualifier from the function name does not match the "
      "specified qualifier.";
  ApiError e = ResolveError("f:1", "2");
  EXPECT_EQ(e.code, "InvalidParameterValueException");
  EXPECT_EQ(e.message, text);
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(ResolveError("arn:aws:lambda:us-east-1:111111111111:function:f:prod", "1").message,
            text);
  EXPECT_EQ(ResolveError("111111111111:function:f:prod", "$LATEST").message, text);
  EXPECT_EQ(ResolveError("f:$LATEST", "1").code, "InvalidParameterValueException");
}

TEST(ResolveFunctionName, RegionMismatch) {
  ApiError e = ResolveError("arn:aws:lambda:us-west-2:111111111111:function:f");
  EXPECT_EQ(e.code, "ResourceNotFoundException");
  EXPECT_EQ(e.status, 404);
  EXPECT_EQ(e.message,
            "Functions from 'us-west-2' are not reachable in this region "
            "('us-east-1')");
}

TEST(ResolveFunctionName, QualifierMismatchIsReportedBeforeRegion) {
  ApiError e = ResolveError("arn:aws:lambda:us-west-2:111111111111:function:f:1", "2");
  EXPECT_EQ(e.code, "InvalidParameterValueException");
}

TEST(ResolveFunctionName, MalformedNames) {
  for (const char* bad : {"my function",
                          "f/g",
                          "f:",
                          ":f",
                          "f:1:2",
                          "f:pr od",
                          "f:$latest",
                          "f:1.0",
                          "arn:aws:lambda:us-east-1:111111111111:function:",
                          "arn:aws:lambda:us-east-1:111111111111:function",
                          "arn:aws:s3:us-east-1:111111111111:function:f",
                          "arn:aws:lambda:us-east-1:1111:function:f",
                          "arn:aws:lambda:us-east-1:111111111111:layer:f",
                          "arn:aws:lambda:region:111111111111:function:f",
                          "arn:gcp:lambda:us-east-1:111111111111:function:f",
                          "arn:aws:lambda:us-east-1:111111111111:function:f:1:2",
                          "1111:function:f",
                          "111111111111:function:f:1:2",
                          "111111111111:fn:f",
                          "us-east-1:111111111111:function:f",
                          "111111111111:function:",
                          "account-id:function:helloworld"}) {
    ApiError e = ResolveError(bad);
    EXPECT_EQ(e.code, "ValidationException") << bad;
    EXPECT_EQ(e.status, 400) << bad;
    EXPECT_EQ(e.message.rfind("1 validation error detected: Value '" + std::string(bad) +
                                  "' at 'functionName' failed to satisfy constraint: Member must "
                                  "satisfy regular expression pattern: ",
                              0),
              0u)
        << bad << ": " << e.message;
  }
}

TEST(ResolveFunctionName, NameLengthLimits) {
  EXPECT_EQ(ResolveError(std::string(65, 'a')).code, "ValidationException");
  ApiError e = ResolveError(std::string(257, 'a'));
  EXPECT_NE(e.message.find("Member must have length less than or equal to 256"), std::string::npos);
  e = ResolveError("");
  EXPECT_EQ(e.code, "ValidationException");
  EXPECT_NE(e.message.find("at 'functionName'"), std::string::npos);
  EXPECT_EQ(ResolveError("f:" + std::string(129, 'q')).code, "ValidationException");
}

TEST(ResolveFunctionName, MalformedQualifierParameter) {
  for (const char* bad : {"pr od", "1.0", "$latest", "a/b", "$LATEST.X"}) {
    ApiError e = ResolveError("f", bad);
    EXPECT_EQ(e.code, "ValidationException") << bad;
    EXPECT_NE(e.message.find("at 'qualifier'"), std::string::npos) << e.message;
  }
  EXPECT_EQ(ResolveError("f", std::string(129, 'q')).code, "ValidationException");
}

// ---------------------------------------------------------------------------------------------
// Layers

TEST(ResolveLayerVersion, NameAndArn) {
  auto r = ResolveLayerVersion("my-layer", 3, "aws", "us-east-2", "123456789012");
  ASSERT_TRUE(std::holds_alternative<LayerVersionRef>(r));
  const LayerVersionRef& l = std::get<LayerVersionRef>(r);
  EXPECT_EQ(l.LayerArn(), "arn:aws:lambda:us-east-2:123456789012:layer:my-layer");
  EXPECT_EQ(l.Arn(), "arn:aws:lambda:us-east-2:123456789012:layer:my-layer:3");

  r = ResolveLayerVersion("arn:aws:lambda:us-east-2:222222222222:layer:shared_layer", 1, "aws",
                          "us-east-2", "123456789012");
  ASSERT_TRUE(std::holds_alternative<LayerVersionRef>(r));
  EXPECT_EQ(std::get<LayerVersionRef>(r).Arn(),
            "arn:aws:lambda:us-east-2:222222222222:layer:shared_layer:1");
  EXPECT_EQ(std::get<LayerVersionRef>(r).account, "222222222222");
}

TEST(ResolveLayerVersion, Errors) {
  auto code = [](std::string_view name, int64_t version) {
    auto r = ResolveLayerVersion(name, version, "aws", "us-east-1", kAccount);
    return std::holds_alternative<ApiError>(r) ? std::get<ApiError>(r).code : "ok";
  };
  EXPECT_EQ(code("", 1), "ValidationException");
  EXPECT_EQ(code("my layer", 1), "ValidationException");
  EXPECT_EQ(code("my.layer", 1), "ValidationException");
  EXPECT_EQ(code("arn:aws:lambda:us-east-1:111111111111:layer:x:1", 1), "ValidationException");
  EXPECT_EQ(code("arn:aws:lambda:us-east-1:111111111111:function:x", 1), "ValidationException");
  EXPECT_EQ(code(std::string(141, 'a'), 1), "ValidationException");
  EXPECT_EQ(code("x", 0), "ValidationException");
  EXPECT_EQ(code("x", -2), "ValidationException");
  auto r = ResolveLayerVersion("x", 0, "aws", "us-east-1", kAccount);
  EXPECT_NE(std::get<ApiError>(r).message.find("at 'versionNumber'"), std::string::npos);
  r = ResolveLayerVersion("bad name", 1, "aws", "us-east-1", kAccount);
  EXPECT_NE(std::get<ApiError>(r).message.find("Value 'bad name' at 'layerName'"),
            std::string::npos);
}

TEST(ParseLayerVersionArn, Valid) {
  auto r = ParseLayerVersionArn("arn:aws:lambda:us-east-1:333333333333:layer:x:3");
  ASSERT_TRUE(std::holds_alternative<LayerVersionRef>(r));
  const LayerVersionRef& l = std::get<LayerVersionRef>(r);
  EXPECT_EQ(l.account, "333333333333");
  EXPECT_EQ(l.region, "us-east-1");
  EXPECT_EQ(l.name, "x");
  EXPECT_EQ(l.version, 3);
  EXPECT_EQ(l.Arn(), "arn:aws:lambda:us-east-1:333333333333:layer:x:3");
  EXPECT_EQ(l.LayerArn(), "arn:aws:lambda:us-east-1:333333333333:layer:x");
}

TEST(ParseLayerVersionArn, Invalid) {
  for (const char* bad :
       {"", "x", "arn:aws:lambda:us-east-1:333333333333:layer:x",
        "arn:aws:lambda:us-east-1:333333333333:layer:x:v3",
        "arn:aws:lambda:us-east-1:333333333333:layer:x:", "arn:aws:lambda:us-east-1:3333:layer:x:1",
        "arn:aws:lambda:us-east-1:333333333333:function:x:1",
        "arn:aws:s3:us-east-1:333333333333:layer:x:1",
        "arn:aws:lambda:us-east-1:333333333333:layer:x:1:2"}) {
    auto r = ParseLayerVersionArn(bad);
    ASSERT_TRUE(std::holds_alternative<ApiError>(r)) << bad;
    EXPECT_EQ(std::get<ApiError>(r).code, "ValidationException") << bad;
    EXPECT_NE(std::get<ApiError>(r).message.find("at 'arn'"), std::string::npos) << bad;
  }
}

// ---------------------------------------------------------------------------------------------
// The command-line parser

LambdaCall Cli(std::string_view line) {
  std::string error;
  std::optional<LambdaCall> call = ParseAwsCli(line, &error);
  EXPECT_TRUE(call.has_value()) << line << "\n  error: " << error;
  EXPECT_EQ(call.has_value(), error.empty()) << error;
  return call.value_or(LambdaCall{});
}

std::string CliError(std::string_view line) {
  std::string error;
  std::optional<LambdaCall> call = ParseAwsCli(line, &error);
  EXPECT_FALSE(call.has_value()) << line;
  EXPECT_FALSE(error.empty()) << line;
  return error;
}

// The five `aws lambda` commands of seed page 000, as pasted (flattened `\ `
// continuations).
TEST(ParseAwsCli, SeedS3AddPermission) {
  LambdaCall c =
      Cli("aws lambda add-permission \\ --region us-west-2 \\ --function-name "
          "helloworld \\ "
          "--statement-id 1 \\ --principal s3.amazonaws.com \\ --action "
          "lambda:InvokeFunction \\ "
          "--source-arn arn:aws:s3:::examplebucket \\ --source-account "
          "111111111111 \\ --profile "
          "adminuser");
  EXPECT_EQ(c.operation, "AddPermission");
  EXPECT_EQ(c.region, "us-west-2");
  EXPECT_EQ(c.parameters, Json::parse(R"({"FunctionName": "helloworld", "StatementId": "1",
      "Principal": "s3.amazonaws.com", "Action": "lambda:InvokeFunction",
      "SourceArn": "arn:aws:s3:::examplebucket", "SourceAccount": "111111111111"})"));
}

TEST(ParseAwsCli, SeedApiGatewayAddPermission) {
  LambdaCall c =
      Cli("aws lambda add-permission \\ --region us-west-2 \\ --function-name "
          "helloworld \\ "
          "--statement-id 5 \\ --principal apigateway.amazonaws.com \\ --action "
          "lambda:InvokeFunction \\ --source-arn "
          "arn:aws:execute-api:region:account-id:api-id/stage/method/resource-path "
          "\\ --profile "
          "adminuser");
  EXPECT_EQ(c.operation, "AddPermission");
  EXPECT_EQ(c.region, "us-west-2");
  EXPECT_EQ(c.parameters["Principal"], "apigateway.amazonaws.com");
  EXPECT_EQ(c.parameters["StatementId"], "5");
  EXPECT_EQ(c.parameters["SourceArn"],
            "arn:aws:execute-api:region:account-id:api-id/stage/method/"
            "resource-path");
  EXPECT_EQ(c.parameters.size(), 5u);
}

TEST(ParseAwsCli, SeedCrossAccountAddPermission) {
  LambdaCall c =
      Cli("aws lambda add-permission \\ --region us-west-2 \\ --function-name "
          "helloworld \\ "
          "--statement-id 3 \\ --principal 111111111111 \\ --action "
          "lambda:InvokeFunction \\ "
          "--profile adminuser");
  EXPECT_EQ(c.parameters, Json::parse(R"({"FunctionName": "helloworld", "StatementId": "3",
      "Principal": "111111111111", "Action": "lambda:InvokeFunction"})"));
  EXPECT_EQ(c.parameters["Principal"].is_string(), true);  // not a number
}

TEST(ParseAwsCli, SeedGetPolicyAndRemovePermission) {
  LambdaCall g =
      Cli("aws lambda get-policy \\ --function-name example \\ --profile "
          "adminuser");
  EXPECT_EQ(g.operation, "GetPolicy");
  EXPECT_FALSE(g.region.has_value());
  EXPECT_EQ(g.parameters, Json::parse(R"({"FunctionName": "example"})"));
  LambdaCall r =
      Cli("aws lambda remove-permission \\ --function-name example \\ "
          "--statement-id 1 \\ --profile "
          "adminuser");
  EXPECT_EQ(r.operation, "RemovePermission");
  EXPECT_EQ(r.parameters, Json::parse(R"({"FunctionName": "example", "StatementId": "1"})"));
}

TEST(ParseAwsCli, RealLineContinuations) {
  LambdaCall c =
      Cli("aws lambda add-permission --function-name helloworld --statement-id "
          "1 \\\n"
          "    --principal s3.amazonaws.com --action lambda:InvokeFunction "
          "--region us-west-2\\\r\n"
          "    --source-account 111111111111");
  EXPECT_EQ(c.region, "us-west-2");
  EXPECT_EQ(c.parameters["SourceAccount"], "111111111111");
  EXPECT_EQ(c.parameters["Principal"], "s3.amazonaws.com");
  // A trailing backslash is harmless.
  EXPECT_EQ(Cli("aws lambda get-policy --function-name f \\").parameters["FunctionName"], "f");
  // A continuation inside a word joins it.
  EXPECT_EQ(Cli("aws lambda get-policy --function-name hello\\\nworld").parameters["FunctionName"],
            "helloworld");
}

TEST(ParseAwsCli, QuotesAndEscapes) {
  LambdaCall c =
      Cli("aws lambda invoke --function-name 'my-function' --payload "
          "'{\"key\": \"a b\"}' "
          "--qualifier \"prod\" out.json");
  EXPECT_EQ(c.operation, "Invoke");
  EXPECT_EQ(c.parameters["FunctionName"], "my-function");
  EXPECT_EQ(c.parameters["Payload"], "{\"key\": \"a b\"}");
  EXPECT_EQ(c.parameters["Qualifier"], "prod");

  // Double quotes keep \" \\ \$ escapes, other backslashes stay.
  c = Cli(
      R"(aws lambda invoke --function-name f --payload "{\"a\": \"x\\y\", \"b\": \"\$c\n\"}" -)");
  EXPECT_EQ(c.parameters["Payload"], R"({"a": "x\y", "b": "$c\n"})");
  // Unquoted backslash escapes the next character; an escaped space stays in
  // the word.
  c = Cli(R"(aws lambda get-policy --function-name my\ fn)");
  EXPECT_EQ(c.parameters["FunctionName"], "my fn");
  c = Cli(R"(aws lambda get-policy --function-name f\$LATEST)");
  EXPECT_EQ(c.parameters["FunctionName"], "f$LATEST");
  // Adjacent quoted parts join into one word; $LATEST in single quotes is
  // literal.
  c = Cli("aws lambda get-function --function-name 'f'\"\"x --qualifier '$LATEST'");
  EXPECT_EQ(c.parameters["FunctionName"], "fx");
  EXPECT_EQ(c.parameters["Qualifier"], "$LATEST");
  // Empty quoted value is a value.
  c = Cli("aws lambda get-function --function-name f --qualifier ''");
  EXPECT_EQ(c.parameters["Qualifier"], "");
  // Tabs and several spaces separate words.
  c = Cli("aws\tlambda   get-function\t--function-name   f");
  EXPECT_EQ(c.parameters["FunctionName"], "f");
}

TEST(ParseAwsCli, UnterminatedQuotes) {
  EXPECT_NE(CliError("aws lambda get-policy --function-name 'f").find("single quote"),
            std::string::npos);
  EXPECT_NE(CliError("aws lambda get-policy --function-name \"f").find("double quote"),
            std::string::npos);
}

TEST(ParseAwsCli, FlagEqualsValue) {
  LambdaCall c =
      Cli("aws lambda add-permission --function-name=helloworld --statement-id=s3 "
          "--principal=s3.amazonaws.com --action=lambda:InvokeFunction "
          "--source-arn=arn:aws:s3:::b --region=eu-west-1 --qualifier=a=b");
  EXPECT_EQ(c.parameters["FunctionName"], "helloworld");
  EXPECT_EQ(c.parameters["StatementId"], "s3");
  EXPECT_EQ(c.parameters["SourceArn"], "arn:aws:s3:::b");
  EXPECT_EQ(c.parameters["Qualifier"], "a=b");  // only the first `=` splits
  EXPECT_EQ(c.region, "eu-west-1");
}

TEST(ParseAwsCli, AddPermissionEveryOption) {
  LambdaCall c =
      Cli("aws lambda add-permission --function-name fn --statement-id "
          "urlPermission "
          "--action lambda:InvokeFunctionUrl --principal '*' --source-arn "
          "arn:aws:s3:::b "
          "--source-account 111111111111 --principal-org-id o-1234567890 "
          "--function-url-auth-type NONE --event-source-token tok --qualifier prod "
          "--revision-id 11111111-2222-3333-4444-555555555555");
  EXPECT_EQ(c.parameters, Json::parse(R"({"FunctionName": "fn", "StatementId": "urlPermission",
      "Action": "lambda:InvokeFunctionUrl", "Principal": "*", "SourceArn": "arn:aws:s3:::b",
      "SourceAccount": "111111111111", "PrincipalOrgID": "o-1234567890",
      "FunctionUrlAuthType": "NONE", "EventSourceToken": "tok", "Qualifier": "prod",
      "RevisionId": "11111111-2222-3333-4444-555555555555"})"));
}

TEST(ParseAwsCli, BooleanFlags) {
  LambdaCall c =
      Cli("aws lambda add-permission --function-name web --statement-id s --action "
          "lambda:InvokeFunction --principal '*' --invoked-via-function-url");
  EXPECT_EQ(c.parameters["InvokedViaFunctionUrl"], true);
  c =
      Cli("aws lambda add-permission --function-name web --statement-id s --action "
          "lambda:InvokeFunction --principal '*' --no-invoked-via-function-url");
  EXPECT_EQ(c.parameters["InvokedViaFunctionUrl"], false);
  // A flag followed by another option takes no value from it.
  c =
      Cli("aws lambda add-permission --invoked-via-function-url "
          "--function-name web --statement-id "
          "s --action lambda:InvokeFunction --principal '*'");
  EXPECT_EQ(c.parameters["InvokedViaFunctionUrl"], true);
  EXPECT_EQ(c.parameters["FunctionName"], "web");
  c =
      Cli("aws lambda create-function --function-name f --role "
          "arn:aws:iam::1:role/r --publish "
          "--zip-file fileb://f.zip");
  EXPECT_EQ(c.parameters["Publish"], true);
  EXPECT_EQ(c.parameters["Code"], Json::parse(R"({"ZipFile": "fileb://f.zip"})"));
  c = Cli("aws lambda create-function --function-name f --role r --no-publish");
  EXPECT_EQ(c.parameters["Publish"], false);
  // --flag=true / --flag=false are tolerated; other values are not.
  c = Cli("aws lambda create-function --function-name f --role r --publish=false");
  EXPECT_EQ(c.parameters["Publish"], false);
  EXPECT_NE(CliError("aws lambda create-function --function-name f --role r --publish=yes")
                .find("--publish"),
            std::string::npos);
  // --no- is only for boolean options.
  EXPECT_NE(CliError("aws lambda get-policy --function-name f --no-qualifier")
                .find("unknown option `--no-qualifier`"),
            std::string::npos);
}

TEST(ParseAwsCli, IgnoredGlobalOptions) {
  LambdaCall c =
      Cli("aws --profile adminuser --region us-west-2 lambda get-function "
          "--function-name f "
          "--output json --query Configuration --no-cli-pager --debug "
          "--cli-binary-format "
          "raw-in-base64-out --no-paginate --endpoint-url http://localhost:4566");
  EXPECT_EQ(c.operation, "GetFunction");
  EXPECT_EQ(c.region, "us-west-2");
  EXPECT_EQ(c.parameters, Json::parse(R"({"FunctionName": "f"})"));
  // --region after the command works too.
  c = Cli("aws lambda get-function --function-name f --region us-east-2");
  EXPECT_EQ(c.region, "us-east-2");
  EXPECT_NE(CliError("aws lambda get-function --function-name f --region").find("--region"),
            std::string::npos);
  EXPECT_NE(CliError("aws lambda get-function --function-name f --profile --output json")
                .find("--profile"),
            std::string::npos);
  EXPECT_NE(CliError("aws lambda get-function --function-name f --debug=1").find("--debug"),
            std::string::npos);
  // A pasted shell prompt is skipped.
  EXPECT_EQ(Cli("$ aws lambda list-functions").operation, "ListFunctions");
}

TEST(ParseAwsCli, UnknownCommandAndFlag) {
  EXPECT_EQ(CliError("aws lambda add-permision --function-name f"),
            "unknown command `add-permision` for `aws lambda`");
  EXPECT_EQ(CliError("aws lambda add-permission --function-name f --foo bar"),
            "unknown option `--foo` for `aws lambda add-permission`");
  EXPECT_EQ(CliError("aws lambda get-policy --function-name f --statement-id 1"),
            "unknown option `--statement-id` for `aws lambda get-policy`");
  EXPECT_EQ(CliError("aws lambda get-policy --function-name f --bogus=1"),
            "unknown option `--bogus` for `aws lambda get-policy`");
  EXPECT_NE(CliError("aws s3 ls").find("`aws s3`"), std::string::npos);
  EXPECT_NE(CliError("aws lambda").find("missing command"), std::string::npos);
  EXPECT_NE(CliError("aws lambda --function-name f").find("missing command"), std::string::npos);
  EXPECT_NE(CliError("").find("empty"), std::string::npos);
  EXPECT_NE(CliError("   \\ ").find("empty"), std::string::npos);
  EXPECT_NE(CliError("lambda get-policy --function-name f").find("`lambda`"), std::string::npos);
  EXPECT_NE(CliError("aws --bogus lambda list-functions").find("`--bogus`"), std::string::npos);
  EXPECT_NE(CliError("aws").find("missing service"), std::string::npos);
}

TEST(ParseAwsCli, MissingValuesRepeatsPositionalsAndRequiredOptions) {
  EXPECT_EQ(CliError("aws lambda get-policy --function-name"),
            "option `--function-name` needs a value for `aws lambda get-policy`");
  EXPECT_EQ(CliError("aws lambda get-policy --function-name --qualifier 1"),
            "option `--function-name` needs a value for `aws lambda get-policy`");
  EXPECT_EQ(CliError("aws lambda get-policy --function-name f --function-name g"),
            "option `--function-name` is given twice for `aws lambda get-policy`");
  EXPECT_EQ(CliError("aws lambda get-policy --function-name f extra"),
            "unexpected argument `extra` for `aws lambda get-policy`");
  EXPECT_EQ(CliError("aws lambda invoke --function-name f out.json second.json"),
            "unexpected argument `second.json` for `aws lambda invoke`");
  EXPECT_EQ(CliError("aws lambda add-permission --function-name f --statement-id 1"),
            "the following arguments are required for `aws lambda add-permission`: "
            "--action, "
            "--principal");
  EXPECT_EQ(CliError("aws lambda get-policy"),
            "the following arguments are required for `aws lambda get-policy`: "
            "--function-name");
}

TEST(ParseAwsCli, IntegerOptions) {
  LambdaCall c =
      Cli("aws lambda add-layer-version-permission --layer-name my-layer "
          "--version-number 3 "
          "--statement-id engineering-org --principal '*' --action "
          "lambda:GetLayerVersion "
          "--organization-id o-t194hfs8cz --output text");
  EXPECT_EQ(c.operation, "AddLayerVersionPermission");
  EXPECT_EQ(c.parameters, Json::parse(R"({"LayerName": "my-layer", "VersionNumber": 3,
      "StatementId": "engineering-org", "Principal": "*", "Action": "lambda:GetLayerVersion",
      "OrganizationId": "o-t194hfs8cz"})"));
  EXPECT_TRUE(c.parameters["VersionNumber"].is_number_integer());
  EXPECT_EQ(CliError("aws lambda get-layer-version --layer-name l --version-number three"),
            "`--version-number` of `aws lambda get-layer-version` needs an integer, "
            "got `three`");
  c =
      Cli("aws lambda put-function-concurrency --function-name f "
          "--reserved-concurrent-executions -1");
  EXPECT_EQ(c.parameters["ReservedConcurrentExecutions"], -1);
}

TEST(ParseAwsCli, LayerPermissionCommands) {
  LambdaCall c =
      Cli("aws lambda remove-layer-version-permission --layer-name my-layer "
          "--version-number 1 "
          "--statement-id xaccount");
  EXPECT_EQ(c.operation, "RemoveLayerVersionPermission");
  EXPECT_EQ(c.parameters, Json::parse(R"({"LayerName": "my-layer", "VersionNumber": 1,
      "StatementId": "xaccount"})"));
  c =
      Cli("aws lambda get-layer-version-policy --layer-name my-layer "
          "--version-number 1");
  EXPECT_EQ(c.operation, "GetLayerVersionPolicy");
  c =
      Cli("aws lambda get-layer-version --layer-name "
          "arn:aws:lambda:us-east-2:123456789012:layer:my-layer "
          "--version-number 1");
  EXPECT_EQ(c.operation, "GetLayerVersion");
  EXPECT_EQ(c.parameters["LayerName"], "arn:aws:lambda:us-east-2:123456789012:layer:my-layer");
  c =
      Cli("aws lambda get-layer-version-by-arn --arn "
          "arn:aws:lambda:us-east-2:123456789012:layer:my-layer:1");
  EXPECT_EQ(c.operation, "GetLayerVersionByArn");
  EXPECT_EQ(c.parameters,
            Json::parse(R"({"Arn": "arn:aws:lambda:us-east-2:123456789012:layer:my-layer:1"})"));
}

TEST(ParseAwsCli, InvokeWithOutfileAndOptions) {
  LambdaCall c =
      Cli("aws lambda invoke --function-name my-function --cli-binary-format "
          "raw-in-base64-out "
          "--payload '{ \"name\": \"Bob\" }' --invocation-type DryRun "
          "--log-type Tail response.json");
  EXPECT_EQ(c.operation, "Invoke");
  EXPECT_EQ(c.parameters, Json::parse(R"({"FunctionName": "my-function",
      "Payload": "{ \"name\": \"Bob\" }", "InvocationType": "DryRun", "LogType": "Tail"})"));
  // The outfile may come first and is optional here.
  c = Cli("aws lambda invoke out.json --function-name f");
  EXPECT_EQ(c.parameters, Json::parse(R"({"FunctionName": "f"})"));
  c = Cli("aws lambda invoke --function-name f:prod");
  EXPECT_EQ(c.parameters["FunctionName"], "f:prod");
}

TEST(ParseAwsCli, CreateFunctionJsonValues) {
  LambdaCall c =
      Cli("aws lambda create-function --function-name my-function --runtime "
          "nodejs22.x "
          "--zip-file fileb://function.zip --handler index.handler "
          "--role arn:aws:iam::123456789012:role/lambda-ex "
          "--vpc-config '{\"SubnetIds\": [\"subnet-1\", \"subnet-2\"], "
          "\"SecurityGroupIds\": "
          "[\"sg-1\"]}' --tags '{\"team\": \"payments\"}' "
          "--layers '[\"arn:aws:lambda:us-east-1:333333333333:layer:x:3\"]' "
          "--environment '{\"Variables\": {\"A\": \"1\"}}' "
          "--code-signing-config-arn "
          "arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-1 "
          "--timeout 30 --memory-size 256 --kms-key-arn "
          "arn:aws:kms:us-east-1:1:key/k "
          "--architectures arm64 --description 'my fn'");
  EXPECT_EQ(c.operation, "CreateFunction");
  EXPECT_EQ(c.parameters, Json::parse(R"({
      "FunctionName": "my-function", "Runtime": "nodejs22.x",
      "Code": {"ZipFile": "fileb://function.zip"}, "Handler": "index.handler",
      "Role": "arn:aws:iam::123456789012:role/lambda-ex",
      "VpcConfig": {"SubnetIds": ["subnet-1", "subnet-2"], "SecurityGroupIds": ["sg-1"]},
      "Tags": {"team": "payments"},
      "Layers": ["arn:aws:lambda:us-east-1:333333333333:layer:x:3"],
      "Environment": {"Variables": {"A": "1"}},
      "CodeSigningConfigArn": "arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-1",
      "Timeout": 30, "MemorySize": 256, "KMSKeyArn": "arn:aws:kms:us-east-1:1:key/k",
      "Architectures": ["arm64"], "Description": "my fn"})"));
}

TEST(ParseAwsCli, CreateFunctionShorthandValues) {
  LambdaCall c =
      Cli("aws lambda create-function --function-name f --role "
          "arn:aws:iam::1:role/r "
          "--vpc-config SubnetIds=subnet-1,subnet-2,SecurityGroupIds=sg-1 "
          "--tags team=payments,env=prod "
          "--layers arn:aws:lambda:us-east-1:1:layer:a:1 "
          "arn:aws:lambda:us-east-1:1:layer:b:2 "
          "--environment Variables={A=1,B=2} --code S3Bucket=bkt,S3Key=k.zip");
  EXPECT_EQ(
      c.parameters["VpcConfig"],
      Json::parse(R"({"SubnetIds": ["subnet-1", "subnet-2"], "SecurityGroupIds": ["sg-1"]})"));
  EXPECT_EQ(c.parameters["Tags"], Json::parse(R"({"team": "payments", "env": "prod"})"));
  EXPECT_EQ(c.parameters["Layers"], Json::parse(R"(["arn:aws:lambda:us-east-1:1:layer:a:1",
                            "arn:aws:lambda:us-east-1:1:layer:b:2"])"));
  EXPECT_EQ(c.parameters["Environment"], Json::parse(R"({"Variables": {"A": "1", "B": "2"}})"));
  EXPECT_EQ(c.parameters["Code"], Json::parse(R"({"S3Bucket": "bkt", "S3Key": "k.zip"})"));

  // One subnet is still a list; bracketed lists; comma-separated layers.
  c =
      Cli("aws lambda update-function-configuration --function-name f "
          "--vpc-config "
          "'SubnetIds=subnet-1,SecurityGroupIds=[sg-1,sg-2],"
          "Ipv6AllowedForDualStack=true' "
          "--layers "
          "arn:aws:lambda:us-east-1:1:layer:a:1,arn:aws:lambda:us-east-1:1:"
          "layer:b:2");
  EXPECT_EQ(c.operation, "UpdateFunctionConfiguration");
  EXPECT_EQ(c.parameters["VpcConfig"], Json::parse(R"({"SubnetIds": ["subnet-1"],
      "SecurityGroupIds": ["sg-1", "sg-2"], "Ipv6AllowedForDualStack": true})"));
  EXPECT_EQ(c.parameters["Layers"].size(), 2u);
  // An empty list of layers (removing every layer).
  c =
      Cli("aws lambda update-function-configuration --function-name f --layers "
          "'[]'");
  EXPECT_EQ(c.parameters["Layers"], Json::array());
  // Tag values with `=` and spaces.
  c =
      Cli("aws lambda tag-resource --resource "
          "arn:aws:lambda:us-east-1:1:function:f --tags 'Name=my app,x=a=b'");
  EXPECT_EQ(c.parameters["Tags"], Json::parse(R"({"Name": "my app", "x": "a=b"})"));
}

TEST(ParseAwsCli, BadJsonAndShorthand) {
  EXPECT_EQ(CliError("aws lambda create-function --function-name f --role r "
                     "--vpc-config '{bad'"),
            "invalid json object for `--vpc-config` of `aws lambda create-function`");
  EXPECT_EQ(CliError("aws lambda create-function --function-name f --role r "
                     "--vpc-config '[]'"),
            "invalid json object for `--vpc-config` of `aws lambda create-function`");
  EXPECT_EQ(CliError("aws lambda create-function --function-name f --role r "
                     "--layers '[1]'"),
            "the list for `--layers` of `aws lambda create-function` must hold "
            "strings");
  EXPECT_EQ(CliError("aws lambda create-function --function-name f --role r "
                     "--layers '[x'"),
            "invalid json list for `--layers` of `aws lambda create-function`");
  EXPECT_NE(CliError("aws lambda create-function --function-name f --role r "
                     "--tags '{\"a\": 1}'")
                .find("must be a string"),
            std::string::npos);
  EXPECT_NE(CliError("aws lambda create-function --function-name f --role r "
                     "--tags novalue")
                .find("`--tags`"),
            std::string::npos);
  EXPECT_NE(CliError("aws lambda create-function --function-name f --role r --vpc-config "
                     "file://vpc.json")
                .find("file://"),
            std::string::npos);
  EXPECT_NE(CliError("aws lambda create-function --function-name f --role r --environment "
                     "Variables={A=1")
                .find("`--environment`"),
            std::string::npos);
  EXPECT_NE(CliError("aws lambda create-function --function-name f --role r "
                     "--tags a=1,a=2")
                .find("twice"),
            std::string::npos);
  EXPECT_NE(CliError("aws lambda create-function --function-name f --role r --timeout 1 2")
                .find("unexpected argument `2`"),
            std::string::npos);
}

TEST(ParseAwsCli, EverySupportedCommand) {
  struct Case {
    const char* line;
    const char* operation;
  };
  const Case cases[] = {
      {"aws lambda add-permission --function-name f --statement-id s --action "
       "lambda:InvokeFunction --principal 222222222222",
       "AddPermission"},
      {"aws lambda remove-permission --function-name f --statement-id s", "RemovePermission"},
      {"aws lambda get-policy --function-name f --qualifier 1", "GetPolicy"},
      {"aws lambda add-layer-version-permission --layer-name l "
       "--version-number 1 --statement-id s --action lambda:GetLayerVersion "
       "--principal '*'",
       "AddLayerVersionPermission"},
      {"aws lambda remove-layer-version-permission --layer-name l "
       "--version-number 1 --statement-id s",
       "RemoveLayerVersionPermission"},
      {"aws lambda get-layer-version-policy --layer-name l --version-number 1",
       "GetLayerVersionPolicy"},
      {"aws lambda get-layer-version --layer-name l --version-number 1", "GetLayerVersion"},
      {"aws lambda get-layer-version-by-arn --arn "
       "arn:aws:lambda:us-east-1:111111111111:layer:l:1",
       "GetLayerVersionByArn"},
      {"aws lambda invoke --function-name f out.json", "Invoke"},
      {"aws lambda get-function --function-name f", "GetFunction"},
      {"aws lambda get-function-configuration --function-name f --qualifier "
       "prod",
       "GetFunctionConfiguration"},
      {"aws lambda list-functions --max-items 10 --function-version ALL", "ListFunctions"},
      {"aws lambda create-function --function-name f --role "
       "arn:aws:iam::111111111111:role/r --runtime python3.13 --handler "
       "app.handler --zip-file fileb://f.zip",
       "CreateFunction"},
      {"aws lambda update-function-configuration --function-name f --timeout "
       "10",
       "UpdateFunctionConfiguration"},
      {"aws lambda update-function-code --function-name f --zip-file "
       "fileb://f.zip --publish",
       "UpdateFunctionCode"},
      {"aws lambda delete-function --function-name f", "DeleteFunction"},
      {"aws lambda publish-version --function-name f --description v1", "PublishVersion"},
      {"aws lambda create-alias --function-name f --name prod "
       "--function-version 1",
       "CreateAlias"},
      {"aws lambda get-alias --function-name f --name prod", "GetAlias"},
      {"aws lambda update-alias --function-name f --name prod "
       "--function-version 2",
       "UpdateAlias"},
      {"aws lambda delete-alias --function-name f --name prod", "DeleteAlias"},
      {"aws lambda list-aliases --function-name f", "ListAliases"},
      {"aws lambda list-versions-by-function --function-name f", "ListVersionsByFunction"},
      {"aws lambda create-function-url-config --function-name f --auth-type "
       "NONE",
       "CreateFunctionUrlConfig"},
      {"aws lambda get-function-url-config --function-name f", "GetFunctionUrlConfig"},
      {"aws lambda update-function-url-config --function-name f --auth-type "
       "AWS_IAM",
       "UpdateFunctionUrlConfig"},
      {"aws lambda delete-function-url-config --function-name f", "DeleteFunctionUrlConfig"},
      {"aws lambda create-event-source-mapping --function-name f "
       "--event-source-arn arn:aws:sqs:us-east-1:111111111111:q --batch-size 5 "
       "--enabled",
       "CreateEventSourceMapping"},
      {"aws lambda get-event-source-mapping --uuid "
       "14e0db71-xmpl-4eb5-b481-8945cf9d10c2",
       "GetEventSourceMapping"},
      {"aws lambda delete-event-source-mapping --uuid "
       "14e0db71-xmpl-4eb5-b481-8945cf9d10c2",
       "DeleteEventSourceMapping"},
      {"aws lambda list-event-source-mappings --function-name f", "ListEventSourceMappings"},
      {"aws lambda tag-resource --resource "
       "arn:aws:lambda:us-east-1:111111111111:function:f --tags team=x",
       "TagResource"},
      {"aws lambda untag-resource --resource "
       "arn:aws:lambda:us-east-1:111111111111:function:f --tag-keys team env",
       "UntagResource"},
      {"aws lambda list-tags --resource "
       "arn:aws:lambda:us-east-1:111111111111:function:f",
       "ListTags"},
      {"aws lambda put-function-concurrency --function-name f "
       "--reserved-concurrent-executions 5",
       "PutFunctionConcurrency"},
      {"aws lambda delete-function-concurrency --function-name f", "DeleteFunctionConcurrency"},
      {"aws lambda get-account-settings", "GetAccountSettings"},
      {"aws lambda list-layers", "ListLayers"},
      {"aws lambda list-layer-versions --layer-name l", "ListLayerVersions"},
      {"aws lambda delete-layer-version --layer-name l --version-number 2", "DeleteLayerVersion"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Cli(c.line).operation, c.operation) << c.line;
  }
}

TEST(ParseAwsCli, ParameterNamesAreTheApiNames) {
  LambdaCall c =
      Cli("aws lambda list-functions --max-items 10 --function-version ALL "
          "--master-region us-east-1 --starting-token abc --page-size 5");
  EXPECT_EQ(c.parameters, Json::parse(R"({"MaxItems": 10, "FunctionVersion": "ALL",
      "MasterRegion": "us-east-1", "Marker": "abc"})"));
  c =
      Cli("aws lambda create-alias --function-name f --name prod "
          "--function-version 1");
  EXPECT_EQ(c.parameters,
            Json::parse(R"({"FunctionName": "f", "Name": "prod", "FunctionVersion": "1"})"));
  c =
      Cli("aws lambda create-function-url-config --function-name f --qualifier "
          "prod --auth-type NONE --cors "
          "AllowOrigins=https://example.com,MaxAge=60");
  EXPECT_EQ(c.parameters, Json::parse(
                              R"({"FunctionName": "f", "Qualifier": "prod", "AuthType": "NONE",
      "Cors": {"AllowOrigins": ["https://example.com"], "MaxAge": 60}})"));
  c =
      Cli("aws lambda create-event-source-mapping --function-name f "
          "--event-source-arn arn:aws:sqs:us-east-1:111111111111:q "
          "--no-enabled --tags a=b");
  EXPECT_EQ(c.parameters, Json::parse(R"({"FunctionName": "f",
      "EventSourceArn": "arn:aws:sqs:us-east-1:111111111111:q", "Enabled": false, "Tags": {"a": "b"}})"));
  c =
      Cli("aws lambda untag-resource --resource "
          "arn:aws:lambda:us-east-1:111111111111:function:f --tag-keys team env");
  EXPECT_EQ(c.parameters["TagKeys"], Json::parse(R"(["team", "env"])"));
  c = Cli("aws lambda get-event-source-mapping --uuid u-1");
  EXPECT_EQ(c.parameters, Json::parse(R"({"UUID": "u-1"})"));
  c = Cli("aws lambda publish-version --function-name f --code-sha256 abc");
  EXPECT_EQ(c.parameters["CodeSha256"], "abc");
}

TEST(ParseAwsCli, NullErrorPointerIsAllowed) {
  EXPECT_FALSE(ParseAwsCli("aws lambda nope", nullptr).has_value());
  EXPECT_TRUE(ParseAwsCli("aws lambda list-functions", nullptr).has_value());
}

}  // namespace
}  // namespace policylab
