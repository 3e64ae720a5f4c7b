// Tested by tests/unit/explain_test.cc and tests/cli/run_cli_tests.sh.
#include "core/explain.h"

namespace policylab {
namespace {

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string DecisionWord(const std::string& d) {
  if (d == "allowed") return "ALLOWED";
  if (d == "explicitDeny") return "DENIED (explicit deny)";
  if (d == "implicitDeny") return "DENIED (implicit deny)";
  if (d == "error") return "ERROR";
  return d;
}

std::string StatementLabel(const Json& s) {
  std::string out = "statement " + Str(s, "statement") + " " + Str(s, "effect");
  std::string sid = Str(s, "sid");
  if (!sid.empty()) out += " (Sid `" + sid + "`)";
  return out;
}

}  // namespace

std::string RenderExplanation(const Json& result, bool verbose) {
  std::string out;
  for (const Json& d : result.value("diagnostics", Json::array())) {
    out += Str(d, "severity") + " " + Str(d, "code");
    if (d.contains("line")) out += " at " + Str(d, "line") + ":" + Str(d, "column");
    std::string ptr = Str(d, "pointer");
    if (!ptr.empty()) out += " (" + ptr + ")";
    out += ": " + Str(d, "message") + "\n";
  }
  for (const Json& r : result.value("results", Json::array())) {
    out += "\nrequest " + Str(r, "request") + ": " + DecisionWord(Str(r, "decision"));
    if (r.contains("expect")) {
      out += r.value("pass", false) ? "  [expected " + Str(r, "expect") + ": pass]"
                                    : "  [expected " + Str(r, "expect") + ": FAIL]";
    }
    out += "\n";
    if (r.contains("note")) out += "  note: " + Str(r, "note") + "\n";
    out += "  reason: " + Str(r, "reason") + "\n";
    if (r.contains("failure")) out += "  failure: " + Str(r, "failure") + "\n";
    if (r.contains("error")) {
      out += "  error: " + Str(r["error"], "code") + ": " + Str(r["error"], "message") + "\n";
    }
    if (r.contains("response")) out += "  response: " + r["response"].dump() + "\n";
    for (const Json& c : r.value("checks", Json::array())) {
      out += "  check " + Str(c, "action") + " on " + Str(c, "resource") + " by " +
             Str(c, "principal") + ": " + DecisionWord(Str(c, "decision")) + "\n";
      for (const Json& d : c.value("decidedBy", Json::array())) {
        out += "    decided by " + Str(d, "policy") + " " + StatementLabel(d) + "\n";
      }
      for (const Json& g : c.value("blockedBy", Json::array())) {
        out += "    blocked by [" + Str(g, "gate") + "] " + Str(g, "message") + "\n";
      }
      for (const Json& p : c.value("trace", Json::array())) {
        out += "    policy " + Str(p, "policy") + " (" + Str(p, "kind") + ")";
        if (!p.value("applies", true)) {
          out += ": not applied: " + Str(p, "note") + "\n";
          continue;
        }
        out += "\n";
        for (const Json& s : p.value("statements", Json::array())) {
          bool matched = s.value("matched", false);
          if (!matched && !verbose) continue;
          out += "      " + StatementLabel(s) + (matched ? ": matches\n" : ": does not match\n");
          for (const Json& e : s.value("elements", Json::array())) {
            out += std::string("        ") + (e.value("matched", false) ? "[yes] " : "[no]  ") +
                   Str(e, "element");
            if (e.contains("operator")) out += " " + Str(e, "operator");
            out += ": " + Str(e, "detail") + "\n";
          }
        }
      }
    }
  }
  const Json& summary = result.value("summary", Json::object());
  out += "\n" + Str(summary, "passed") + " passed, " + Str(summary, "failed") + " failed\n";
  return out;
}

}  // namespace policylab
