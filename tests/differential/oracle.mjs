// The peer simulator as an external program: reads a JSON array of Policy Lab scenarios on stdin
// and prints, for every scenario, the decision of @cloud-copilot/iam-simulate for every request:
//   [[{"decision": "allowed" | "explicitDeny" | "implicitDeny" | "error", "ignoredKeys": [...],
//      "error": "..."}, ...], ...]
// The package is AGPL-licensed: it is installed at test time into tests/differential/.oracle/
// (gitignored) by scripts/differential and only ever run as this separate process; no code or
// data of it is part of Policy Lab.
//
// Translating a scenario request into the simulator's input follows DESIGN.md and the spec:
//   * the caller's identity policies, boundary, session policy and SCPs apply only when the
//     request's principal is the caller (a service principal, "*" or another IAM principal has
//     none of them, DESIGN.md "The scenario document");
//   * the resource-based policy is the one attached to the request's exact resource ARN
//     (spec §5.4); a `:$LATEST` request uses the function-level document (spec §5.4 [UNSURE],
//     README "Decisions");
//   * iam-simulate does not derive context keys from the principal, so the keys AWS sets for
//     every request (spec §3.5) are given here: aws:PrincipalArn (the role ARN for a session),
//     aws:PrincipalAccount, aws:PrincipalType, aws:username (IAM users only, §2.5),
//     aws:PrincipalTag/* and aws:PrincipalOrgID (the caller only), aws:PrincipalServiceName,
//     aws:PrincipalIsAWSService, aws:CurrentTime, aws:EpochTime, aws:SecureTransport and
//     aws:RequestedRegion; the request's own context keys win.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const modulePath = path.join(here, '.oracle/node_modules/@cloud-copilot/iam-simulate/dist/esm/index.js');
const { runSimulation, anonymousPrincipal } = await import(modulePath);

function principalFacts(p) {
  if (p === '*') return { kind: 'Anonymous' };
  let m;
  if ((m = /^arn:([^:]+):iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(p))) {
    return { kind: 'User', arn: p, account: m[2], username: m[3] };
  }
  if ((m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(p))) {
    return { kind: 'AssumedRole', arn: `arn:${m[1]}:iam::${m[2]}:role/${m[3]}`, account: m[2] };
  }
  if ((m = /^arn:([^:]+):sts::(\d{12}):federated-user\/.+$/.exec(p))) {
    return { kind: 'FederatedUser', arn: p, account: m[2] };
  }
  if ((m = /^arn:([^:]+):iam::(\d{12}):root$/.exec(p))) {
    return { kind: 'Account', arn: p, account: m[2], userid: m[2] };
  }
  if (/^\d{12}$/.test(p)) return { kind: 'Account', arn: `arn:aws:iam::${p}:root`, account: p, userid: p };
  return { kind: 'Service', service: p };
}

function contextFor(scenario, request, facts, isCaller) {
  const ctx = {};
  ctx['aws:PrincipalType'] = facts.kind;
  if (facts.kind === 'Service') {
    ctx['aws:PrincipalServiceName'] = facts.service;
    ctx['aws:PrincipalIsAWSService'] = 'true';
  } else if (facts.kind !== 'Anonymous') {
    ctx['aws:PrincipalArn'] = facts.arn;
    ctx['aws:PrincipalAccount'] = facts.account;
    ctx['aws:PrincipalIsAWSService'] = 'false';
    if (facts.username) ctx['aws:username'] = facts.username;
    if (facts.userid) ctx['aws:userid'] = facts.userid;
  }
  if (isCaller && facts.kind !== 'Service' && facts.kind !== 'Anonymous') {
    for (const [k, v] of Object.entries(scenario.caller.tags || {})) ctx[`aws:PrincipalTag/${k}`] = v;
    if (scenario.caller.orgId) ctx['aws:PrincipalOrgID'] = scenario.caller.orgId;
  }
  const now = scenario.now ? new Date(scenario.now) : new Date();
  ctx['aws:CurrentTime'] = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  ctx['aws:EpochTime'] = String(Math.floor(now.getTime() / 1000));
  ctx['aws:SecureTransport'] = 'true';
  const arnRegion = request.resource.split(':')[3];
  ctx['aws:RequestedRegion'] = arnRegion || scenario.caller.region || 'us-east-1';
  // The request's own keys win (key names are case-insensitive: drop a derived spelling).
  for (const [k, v] of Object.entries(request.context || {})) {
    for (const existing of Object.keys(ctx)) {
      if (existing.toLowerCase() === k.toLowerCase()) delete ctx[existing];
    }
    ctx[k] = Array.isArray(v) ? v.map(String) : String(v);
  }
  return ctx;
}

function resourcePolicyFor(scenario, resource) {
  const policies = scenario.resourcePolicies || [];
  const exact = policies.find((p) => p.attachedTo === resource);
  if (exact) return exact.document;
  if (resource.endsWith(':$LATEST')) {
    const unqualified = resource.slice(0, -':$LATEST'.length);
    return policies.find((p) => p.attachedTo === unqualified)?.document;
  }
  return undefined;
}

const levels = (lists, prefix) =>
  (lists || []).filter((l) => l.length).map((l, i) => ({
    orgIdentifier: `${prefix}-${i}`,
    policies: l.map((p, j) => ({ name: p.name || `${prefix}${i}-${j}`, policy: p.document })),
  }));

const DECISION = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' };

export async function simulate(scenario, request) {
  const principal = request.principal ?? scenario.caller.principal;
  const isCaller = request.principal === undefined || request.principal === scenario.caller.principal;
  const facts = principalFacts(principal);
  const resource = request.resource;
  const accountId = resource === '*' ? facts.account || '111111111111' : resource.split(':')[4];
  const simulation = {
    request: {
      principal: facts.kind === 'Anonymous' ? anonymousPrincipal : principal,
      action: request.action,
      resource: { resource, accountId },
      contextVariables: contextFor(scenario, request, facts, isCaller),
    },
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  const rbp = resourcePolicyFor(scenario, resource);
  if (rbp) simulation.resourcePolicy = rbp;
  if (isCaller) {
    const c = scenario.caller;
    simulation.identityPolicies = (c.identityPolicies || []).map((p) => ({ name: p.name, policy: p.document }));
    if (c.permissionsBoundary) simulation.permissionBoundaryPolicies = [{ name: 'boundary', policy: c.permissionsBoundary.document }];
    if (c.sessionPolicy) simulation.sessionPolicy = c.sessionPolicy.document;
    simulation.serviceControlPolicies = levels(c.scps, 'scp');
  }
  if (scenario.rcps) simulation.resourceControlPolicies = levels(scenario.rcps, 'rcp');
  try {
    const r = await runSimulation(simulation, {});
    if (r.resultType === 'error') return { decision: 'error', error: JSON.stringify(r.errors) };
    const ignoredKeys = r.resultType === 'single' ? r.result.ignoredContextKeys || [] : [];
    return { decision: DECISION[r.overallResult] || r.overallResult, ignoredKeys };
  } catch (e) {
    return { decision: 'error', error: String(e && e.message ? e.message : e) };
  }
}

export async function simulateAll(scenarios) {
  const out = [];
  for (const s of scenarios) {
    const results = [];
    for (const req of s.requests) results.push(await simulate(s, req));
    out.push(results);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scenarios = JSON.parse(readFileSync(0, 'utf8'));
  process.stdout.write(JSON.stringify(await simulateAll(scenarios)) + '\n');
}
