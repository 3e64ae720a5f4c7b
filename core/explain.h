// Stage "explain": renders a result document's trace as readable text (the CLI's --explain).
// The trace itself is built by the authorizer as JSON events; rendering is a separate step, so
// the web page can render the same trace its own way.
#ifndef POLICYLAB_CORE_EXPLAIN_H_
#define POLICYLAB_CORE_EXPLAIN_H_

#include <string>

#include "core/json_source.h"

namespace policylab {

// Plain text, one line per element; `verbose` also lists statements that did not match.
std::string RenderExplanation(const Json& result, bool verbose = true);

}  // namespace policylab

#endif  // POLICYLAB_CORE_EXPLAIN_H_
