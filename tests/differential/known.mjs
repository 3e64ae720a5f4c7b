// Classifiers for the known differences of KNOWN_DIFFERENCES.md: each recognises one pattern of
// disagreement between Policy Lab and iam-simulate. run.mjs accepts a disagreement only when a
// classifier whose id is listed in KNOWN_DIFFERENCES.md matches it:
//   * `matches(d)` is a cheap precondition on the disagreement d = {scenario, request, ours,
//     theirs} (decisions are "allowed" | "explicitDeny" | "implicitDeny" | "invalid" | "error");
//   * `neutralize(scenario)`, when present, removes the feature the difference is about; the
//     disagreement is explained only if both engines then agree on the neutralized scenario
//     (run.mjs re-runs them), so a classifier cannot hide an unrelated bug in the same scenario.

const policiesOf = (s) => [
  ...(s.caller.identityPolicies || []).map((p) => p.document),
  ...(s.caller.permissionsBoundary ? [s.caller.permissionsBoundary.document] : []),
  ...(s.caller.sessionPolicy ? [s.caller.sessionPolicy.document] : []),
  ...(s.caller.scps || []).flat().map((p) => p.document),
  ...(s.resourcePolicies || []).map((p) => p.document),
];
const statementsOf = (doc) => [doc.Statement].flat().filter(Boolean);
const list = (v) => (v === undefined ? [] : [v].flat());

// spec §1.5: a Resource pattern with fewer than six colon-separated fields ("arn:aws:lambda:*").
const isShortArnPattern = (p) => p !== '*' && p.split(':').length < 6;
const hasShortPattern = (st) => [...list(st.Resource), ...list(st.NotResource)].some(isShortArnPattern);

function withoutStatements(s, drop) {
  const c = structuredClone(s);
  const strip = (doc) => {
    if (doc) doc.Statement = statementsOf(doc).filter((st) => !drop(st));
  };
  (c.caller.identityPolicies || []).forEach((p) => strip(p.document));
  if (c.caller.permissionsBoundary) strip(c.caller.permissionsBoundary.document);
  if (c.caller.sessionPolicy) strip(c.caller.sessionPolicy.document);
  (c.caller.scps || []).flat().forEach((p) => strip(p.document));
  (c.resourcePolicies || []).forEach((p) => strip(p.document));
  return c;
}

const callerIsRoot = (s) => /^arn:aws:iam::\d{12}:root$/.test(s.caller.principal);

export const CLASSIFIERS = [
  {
    id: 'short-arn-pattern',
    matches: (d) => policiesOf(d.scenario).some((doc) => statementsOf(doc).some(hasShortPattern)),
    neutralize: (s) => withoutStatements(s, hasShortPattern),
  },
  {
    id: 'root-user-allowed-by-default',
    matches: (d) =>
      callerIsRoot(d.scenario) && (d.request.principal === undefined || d.request.principal === d.scenario.caller.principal) &&
      d.ours.decision === 'allowed' && d.theirs.decision === 'implicitDeny',
  },
  {
    id: 'explicit-caller-principal-drops-caller-policies',
    matches: (d) => d.request.principal !== undefined && d.request.principal === d.scenario.caller.principal,
    neutralize: (s) => {
      const c = structuredClone(s);
      for (const r of c.requests) if (r.principal === c.caller.principal) delete r.principal;
      return c;
    },
  },
];
