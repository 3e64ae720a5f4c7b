// The JSON API: scenario document in, result document out (DESIGN.md). The CLI, the wasm module
// and the page all go through these functions, so they answer identically.
//
// Nothing here throws: invalid input becomes diagnostics in the result document.
#ifndef POLICYLAB_CORE_EVALUATE_H_
#define POLICYLAB_CORE_EVALUATE_H_

#include <string>
#include <string_view>

namespace policylab {

struct EvaluateOptions {
  // The explanation of every check ("trace" and "context" in the result). Off for batch use:
  // decisions, deciding statements, gates, errors and responses stay.
  bool trace = true;
};

// Evaluates a scenario document (JSON text) and returns the result document (JSON text).
std::string EvaluateScenarioJson(std::string_view scenario_text,
                                 const EvaluateOptions& options = {});

// The catalog for editor autocomplete: {"actions": [{"name": "lambda:InvokeFunction",
// "accessLevel": "Write"}, ...], "conditionKeys": [{"name": "lambda:Principal", "type":
// "String"}, ...], "managedPolicies": ["AWSLambda_ReadOnlyAccess", ...]}.
std::string CatalogJson();

// "policylab 0.1.0 (data 2026-09-23)": engine version and generated-data date.
std::string EngineVersion();

}  // namespace policylab

#endif  // POLICYLAB_CORE_EVALUATE_H_
