// policylab: the command-line face of the JSON API (DESIGN.md). Tested by
// tests/cli/run_cli_tests.sh.
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "core/evaluate.h"
#include "core/explain.h"
#include "core/json_source.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitExpectationFailed = 1;
constexpr int kExitInvalidInput = 2;

constexpr const char* kUsage =
    R"(policylab - AWS IAM policy evaluation for AWS Lambda, exactly as AWS decides

usage:
  policylab eval FILE [--explain] [--compact] [--no-trace]
      Evaluates a scenario document (FILE, or - for standard input) and prints the result
      document as JSON. --explain prints the readable trace instead; --compact prints the
      JSON on one line; --no-trace leaves the per-statement trace out (decisions, deciding
      statements and gates stay).
  policylab link FILE [--base URL]
      Prints a playground share link holding the scenario: URL#s=1&d=<base64url(zlib(json))>.
      The default base is http://localhost:8080/.
  policylab catalog
      Prints the action / condition-key / managed-policy catalog as JSON.
  policylab version
      Prints the engine version and its data date.
  policylab --help
      Prints this text.

exit status (eval):
  0  every expectation holds (or none is given)
  1  at least one request's expectation does not hold
  2  invalid input: the scenario has errors (see "diagnostics"), or a file cannot be read
)";

bool ReadInput(const std::string& path, std::string& out) {
  if (path == "-") {
    out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

std::string Base64Url(const unsigned char* data, size_t size) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((size + 2) / 3 * 4);
  for (size_t i = 0; i < size; i += 3) {
    uint32_t n = static_cast<uint32_t>(data[i]) << 16;
    if (i + 1 < size) n |= static_cast<uint32_t>(data[i + 1]) << 8;
    if (i + 2 < size) n |= data[i + 2];
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    if (i + 1 < size) out += kAlphabet[(n >> 6) & 63];
    if (i + 2 < size) out += kAlphabet[n & 63];
  }
  return out;
}

int Eval(const std::string& path, bool explain, bool compact, bool trace) {
  std::string text;
  if (!ReadInput(path, text)) {
    std::cerr << "policylab: cannot read `" << path << "`\n";
    return kExitInvalidInput;
  }
  std::string result_text = policylab::EvaluateScenarioJson(text, {.trace = trace || explain});
  policylab::Json result = policylab::Json::parse(result_text, nullptr, false);
  if (explain) {
    std::cout << policylab::RenderExplanation(result);
  } else {
    std::cout << (compact ? result_text
                          : result.dump(2, ' ', false, policylab::Json::error_handler_t::replace))
              << "\n";
  }
  for (const policylab::Json& d : result["diagnostics"]) {
    if (d["severity"] == "error") return kExitInvalidInput;
  }
  return result["summary"]["failed"].get<int>() > 0 ? kExitExpectationFailed : kExitOk;
}

int Link(const std::string& path, const std::string& base) {
  std::string text;
  if (!ReadInput(path, text)) {
    std::cerr << "policylab: cannot read `" << path << "`\n";
    return kExitInvalidInput;
  }
  policylab::JsonParseResult parsed = policylab::ParseJsonStrict(text);
  if (!parsed.ok) {
    const policylab::Diagnostic& d = parsed.diagnostics.front();
    std::cerr << "policylab: " << path << ":" << d.line << ":" << d.column << ": " << d.message
              << "\n";
    return kExitInvalidInput;
  }
  // The link carries the document as written (minus insignificant whitespace).
  std::string json = parsed.value.dump(-1, ' ', false, policylab::Json::error_handler_t::replace);
  uLongf size = compressBound(static_cast<uLong>(json.size()));
  std::vector<unsigned char> buffer(size);
  if (compress2(buffer.data(), &size, reinterpret_cast<const Bytef*>(json.data()),
                static_cast<uLong>(json.size()), Z_BEST_COMPRESSION) != Z_OK) {
    std::cerr << "policylab: compression failed\n";
    return kExitInvalidInput;
  }
  std::cout << base << "#s=1&d=" << Base64Url(buffer.data(), size) << "\n";
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? kExitInvalidInput : kExitOk;
  }
  const std::string& command = args[0];
  if (command == "version" || command == "--version") {
    std::cout << policylab::EngineVersion() << "\n";
    return kExitOk;
  }
  if (command == "catalog") {
    std::cout << policylab::CatalogJson() << "\n";
    return kExitOk;
  }
  if (command == "eval" || command == "link") {
    std::string file;
    std::string base = "http://localhost:8080/";
    bool explain = false;
    bool compact = false;
    bool trace = true;
    for (size_t i = 1; i < args.size(); ++i) {
      if (command == "eval" && args[i] == "--explain") {
        explain = true;
      } else if (command == "eval" && args[i] == "--compact") {
        compact = true;
      } else if (command == "eval" && args[i] == "--no-trace") {
        trace = false;
      } else if (command == "link" && args[i] == "--base" && i + 1 < args.size()) {
        base = args[++i];
      } else if (command == "link" && args[i].rfind("--base=", 0) == 0) {
        base = args[i].substr(7);
      } else if (file.empty() && (args[i] == "-" || args[i].rfind("--", 0) != 0)) {
        file = args[i];
      } else {
        std::cerr << "policylab: unknown argument `" << args[i] << "` (see policylab --help)\n";
        return kExitInvalidInput;
      }
    }
    if (file.empty()) {
      std::cerr << "policylab: " << command << " needs a FILE (or - for standard input)\n";
      return kExitInvalidInput;
    }
    return command == "eval" ? Eval(file, explain, compact, trace) : Link(file, base);
  }
  std::cerr << "policylab: unknown command `" << command << "` (see policylab --help)\n";
  return kExitInvalidInput;
}
