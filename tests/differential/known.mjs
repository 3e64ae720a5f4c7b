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
];

const rbpStatements = (s) => (s.resourcePolicies || []).flatMap((p) => statementsOf(p.document));
const hasVariable = (v) => list(v).some((x) => String(x).includes('${'));

CLASSIFIERS.push(
  {
    // spec §2.5: an unresolved variable makes a NotResource pattern match nothing, so the
    // statement applies to every resource; iam-simulate drops the statement instead.
    id: 'unresolved-variable-in-notresource',
    matches: (d) => policiesOf(d.scenario).some((doc) => statementsOf(doc).some((st) => hasVariable(st.NotResource))),
    neutralize: (s) => withoutStatements(s, (st) => hasVariable(st.NotResource)),
  },
  {
    // spec §1.1, §2.5: without "Version": "2012-10-17" policy variables are literal text;
    // iam-simulate substitutes them in every policy.
    id: 'variables-in-2008-policies',
    matches: (d) => policiesOf(d.scenario).some((doc) => doc.Version !== '2012-10-17' && JSON.stringify(doc).includes('${')),
    neutralize: (s) => {
      const c = structuredClone(s);
      for (const doc of policiesOf(c)) if (doc.Version !== '2012-10-17') doc.Version = '2012-10-17';
      return c;
    },
  },
  {
    // spec §1.3: Deny + NotPrincipal must list the account, role and session ARNs of an exempted
    // identity; naming the account alone does not exempt its users and sessions. iam-simulate
    // treats the account as exempting every principal of it.
    id: 'notprincipal-account-does-not-exempt-members',
    matches: (d) => rbpStatements(d.scenario).some((st) => st.NotPrincipal),
    neutralize: (s) => withoutStatements(s, (st) => st.NotPrincipal !== undefined),
  },
  {
    // spec §3.3: a same-account resource-policy grant naming the session ARN (or the IAM user /
    // federated user ARN) is not limited by the session policy or boundary; iam-simulate
    // applies the session policy to every grant.
    id: 'direct-principal-grant-ignores-session-policy',
    matches: (d) =>
      d.scenario.caller.sessionPolicy !== undefined &&
      rbpStatements(d.scenario).some((st) => list(st.Principal?.AWS).includes(d.request.principal ?? d.scenario.caller.principal)),
    neutralize: (s) => {
      const c = structuredClone(s);
      delete c.caller.sessionPolicy;
      return c;
    },
  },
);

const NEGATED = /^(ForAllValues:|ForAnyValue:)?(StringNot|ArnNot)/;
const hasNegatedVariableCondition = (st) =>
  Object.entries(st.Condition || {}).some(([op, keys]) => NEGATED.test(op) && Object.values(keys).some(hasVariable));
const isSession = (p) => /^arn:aws:sts::\d{12}:assumed-role\//.test(p);
const isStar = (p) => p === '*' || (p && list(p.AWS).includes('*'));

CLASSIFIERS.push(
  {
    // spec §2.5: a variable that cannot be resolved makes a negated string/ARN condition true
    // ("matches"); iam-simulate evaluates it as false.
    id: 'unresolved-variable-in-negated-condition',
    matches: (d) => policiesOf(d.scenario).some((doc) => statementsOf(doc).some(hasNegatedVariableCondition)),
    neutralize: (s) => withoutStatements(s, hasNegatedVariableCondition),
  },
  {
    // spec §3.3 [INFERRED], README "Decisions": a same-account "*" grant acts as a grant to the
    // caller's own ARN; a role session still passes its permissions boundary and session
    // policy (as for a role-ARN grant). iam-simulate lets a "*" grant bypass both.
    id: 'star-grant-role-session-keeps-boundary',
    matches: (d) =>
      isSession(d.request.principal ?? d.scenario.caller.principal) &&
      (d.scenario.caller.permissionsBoundary || d.scenario.caller.sessionPolicy) &&
      rbpStatements(d.scenario).some((st) => isStar(st.Principal)),
    neutralize: (s) => {
      const c = structuredClone(s);
      delete c.caller.permissionsBoundary;
      delete c.caller.sessionPolicy;
      return c;
    },
  },
);
