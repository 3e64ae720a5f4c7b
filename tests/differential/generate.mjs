// Seeded generator of random Lambda scenarios in Policy Lab's scenario format (DESIGN.md), for
// differential testing against a peer simulator (issue #5). The vocabulary is small on purpose, so
// that random policies and requests actually meet: a handful of accounts, functions, qualifiers,
// principals, condition keys and values, combined at random.
//
//   node tests/differential/generate.mjs [--count N] [--seed S] > scenarios.json
//   import { generateScenarios } from './generate.mjs'
//
// Every scenario: a caller (IAM user, role session, federated user or account root, in the
// resource account A or another account B) with identity policies and sometimes a permissions
// boundary, session policy or SCPs; resource policies attached to exact function / version /
// alias ARNs; and 6-10 authorization-check requests (same-account, cross-account, service
// principal, anonymous, another IAM principal), each with a context drawn from the keys of spec
// §4.5 and §3.5 that apply to its action. Same seed, same scenarios.

export const A = '111111111111';
export const B = '222222222222';
export const C = '333333333333';
export const REGION = 'us-east-1';
export const NOW = '2026-06-01T12:00:00Z';

// mulberry32: small, fast, good enough for test generation, and identical on every platform.
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    some: (xs, min, max) => {
      const n = min + Math.floor(next() * (max - min + 1));
      const out = [];
      for (let i = 0; i < n; ++i) {
        const x = xs[Math.floor(next() * xs.length)];
        if (!out.some((y) => JSON.stringify(y) === JSON.stringify(x))) out.push(x);
      }
      return out;
    },
  };
  return r;
}

const fn = (account, name, qualifier) =>
  `arn:aws:lambda:${REGION}:${account}:function:${name}${qualifier ? ':' + qualifier : ''}`;
const layer = (account, name, version) =>
  `arn:aws:lambda:${REGION}:${account}:layer:${name}${version ? ':' + version : ''}`;

// ---- vocabulary ----------------------------------------------------------------------------

const FUNCTION_NAMES = ['f', 'fx', 'orders-prod', 'alice'];
const QUALIFIERS = [null, null, null, '1', 'prod', '$LATEST'];

// Actions with the request keys that apply to them (spec §4.2, §4.5). `kind` says which resource
// the action takes: a function (qualified or not), a layer version, or "*" (no resource type).
const ACTIONS = [
  { name: 'lambda:InvokeFunction', kind: 'function', keys: ['lambda:EventSourceToken', 'lambda:InvokedViaFunctionUrl'] },
  { name: 'lambda:InvokeFunctionUrl', kind: 'function', keys: ['lambda:FunctionUrlAuthType', 'lambda:FunctionArn'] },
  { name: 'lambda:GetFunction', kind: 'function', keys: [] },
  { name: 'lambda:GetPolicy', kind: 'function', keys: [] },
  { name: 'lambda:GetFunctionConfiguration', kind: 'function', keys: [] },
  { name: 'lambda:UpdateFunctionCode', kind: 'function', keys: [] },
  { name: 'lambda:DeleteFunction', kind: 'function', keys: [] },
  { name: 'lambda:PublishVersion', kind: 'function', keys: [] },
  { name: 'lambda:AddPermission', kind: 'function', keys: ['lambda:Principal', 'lambda:FunctionUrlAuthType'] },
  { name: 'lambda:RemovePermission', kind: 'function', keys: ['lambda:Principal'] },
  { name: 'lambda:CreateFunction', kind: 'function', keys: ['lambda:Layer', 'lambda:VpcIds', 'lambda:SubnetIds', 'lambda:SecurityGroupIds', 'aws:TagKeys', 'aws:RequestTag/team'] },
  { name: 'lambda:GetLayerVersion', kind: 'layer', keys: [] },
  { name: 'lambda:ListFunctions', kind: 'star', keys: [] },
  { name: 'lambda:GetAccountSettings', kind: 'star', keys: [] },
];

// Action patterns for Action / NotAction (case is irrelevant for actions, spec §1.4).
const ACTION_PATTERNS = [
  'lambda:InvokeFunction', 'lambda:invokefunction', 'LAMBDA:InvokeFunction', 'lambda:InvokeFunctionUrl',
  'lambda:GetFunction', 'lambda:GetPolicy', 'lambda:AddPermission', 'lambda:RemovePermission',
  'lambda:CreateFunction', 'lambda:GetLayerVersion', 'lambda:ListFunctions', 'lambda:UpdateFunctionCode',
  'lambda:*', 'lambda:Get*', 'lambda:Invoke*', 'lambda:List*', 'lambda:*Function', 'lambda:?etFunction',
  'lambda:*Permission', 'lambda:Get*Configuration', '*', 's3:GetObject', 'lambda:Delete*',
];

const RESOURCE_PATTERNS = [
  '*',
  fn(A, 'f'), fn(A, 'f', '*'), fn(A, 'f*'), fn(A, 'f', '1'), fn(A, 'f', 'prod'), fn(A, 'F'),
  fn(A, 'fx'), fn(A, 'orders-*'), fn(A, '*'), fn(A, '*', '*'), fn(A, 'f?'),
  `arn:aws:lambda:*:${A}:function:*`, `arn:aws:lambda:${REGION}:*:function:f`, `arn:aws:lambda:*:*:function:*`,
  fn(B, 'f'), fn(B, '*'),
  fn(A, '${aws:username}'), fn(A, '${aws:PrincipalTag/team}*'), fn(A, "${aws:PrincipalTag/team, 'f'}"),
  layer(A, 'l', '1'), layer(A, 'l', '*'), layer(B, 'l', '*'),
  'arn:aws:lambda:*', 'arn:aws:s3:::bucket-1/*',
];

// Principal elements for resource-based policies (spec §1.3).
const PRINCIPALS = [
  '*', { AWS: '*' }, { AWS: A }, { AWS: `arn:aws:iam::${A}:root` }, { AWS: B }, { AWS: `arn:aws:iam::${B}:root` },
  { AWS: `arn:aws:iam::${A}:user/alice` }, { AWS: `arn:aws:iam::${A}:role/Dev` },
  { AWS: `arn:aws:sts::${A}:assumed-role/Dev/s1` }, { AWS: `arn:aws:sts::${A}:federated-user/bob` },
  { AWS: `arn:aws:iam::${B}:role/R` }, { AWS: `arn:aws:iam::${B}:user/carol` },
  { AWS: [`arn:aws:iam::${A}:user/alice`, `arn:aws:iam::${B}:root`] },
  { Service: 's3.amazonaws.com' }, { Service: ['sns.amazonaws.com', 's3.amazonaws.com'] },
  { Service: 'apigateway.amazonaws.com' },
];

// Condition keys: type, values a policy may list, values a request may carry.
const KEYS = {
  'aws:SourceArn': { type: 'arn',
    policy: ['arn:aws:s3:::bucket-1', 'arn:aws:s3:::bucket-*', `arn:aws:sns:${REGION}:${A}:topic`, `arn:aws:sns:*:${A}:*`, `arn:aws:execute-api:${REGION}:${A}:api1/*`, 'arn:aws:s3:::Bucket-1'],
    request: ['arn:aws:s3:::bucket-1', 'arn:aws:s3:::bucket-2', `arn:aws:sns:${REGION}:${A}:topic`, `arn:aws:sns:${REGION}:${C}:x:${A}:t1`, `arn:aws:execute-api:${REGION}:${A}:api1/prod/GET/pets`] },
  'aws:SourceAccount': { type: 'string', policy: [A, B, C, '1111*', '${aws:PrincipalAccount}'], request: [A, B, C] },
  'aws:PrincipalOrgID': { type: 'string', policy: ['o-aaaaaaaaaa', 'o-bbbbbbbbbb', 'o-a*', 'O-AAAAAAAAAA'], request: null },
  'aws:ResourceTag/team': { type: 'string', policy: ['payments', 'orders', 'Payments', '${aws:PrincipalTag/team}', 'pay*'], request: ['payments', 'orders', 'PAYMENTS'] },
  'aws:PrincipalTag/team': { type: 'string', policy: ['payments', 'orders', '${aws:ResourceTag/team}'], request: null },
  'aws:PrincipalAccount': { type: 'string', policy: [A, B], request: null },
  'aws:PrincipalArn': { type: 'arn', policy: [`arn:aws:iam::${A}:role/Dev`, `arn:aws:iam::${A}:user/*`, `arn:aws:iam::*:role/*`, `arn:aws:iam::${B}:role/R`], request: null },
  'aws:username': { type: 'string', policy: ['alice', 'al*', 'bob', '${aws:username}'], request: null },
  'aws:SourceIp': { type: 'ip', policy: ['10.0.0.0/8', '203.0.113.7', '2001:db8::/32', '192.0.2.0/24'], request: ['10.1.2.3', '203.0.113.7', '203.0.113.8', '2001:db8::1', '192.0.2.55'] },
  'aws:CurrentTime': { type: 'date', policy: ['2026-01-01T00:00:00Z', '2027-01-01', '1767225600', '2026-06-01T12:00:00Z'], request: null },
  'aws:EpochTime': { type: 'numeric', policy: ['1780315200', '1700000000', '1900000000'], request: null },
  'aws:SecureTransport': { type: 'bool', policy: ['true', 'false'], request: null },
  'lambda:FunctionUrlAuthType': { type: 'string', policy: ['NONE', 'AWS_IAM', '*'], request: ['NONE', 'AWS_IAM'] },
  'lambda:FunctionArn': { type: 'arn', policy: [fn(A, 'f'), fn(A, 'f*'), fn(A, '*', '*')], request: [fn(A, 'f'), fn(A, 'f', 'prod')] },
  'lambda:Principal': { type: 'string', policy: ['s3.amazonaws.com', B, '*', '*.amazonaws.com'], request: ['s3.amazonaws.com', B, '*', 'sns.amazonaws.com'] },
  'lambda:EventSourceToken': { type: 'string', policy: ['tok-1', 'tok-*'], request: ['tok-1', 'tok-2'] },
  'lambda:InvokedViaFunctionUrl': { type: 'bool', policy: ['true', 'false'], request: ['true', 'false'] },
  'lambda:Layer': { type: 'arn', multi: true, policy: [layer(A, '*', '*'), layer(A, 'l', '1'), `arn:aws:lambda:*:${A}:layer:*:*`], request: [layer(A, 'l', '1'), layer(A, 'l', '2'), layer(C, 'x', '3')] },
  'lambda:VpcIds': { type: 'string', policy: ['vpc-1', 'vpc-*'], request: ['vpc-1', 'vpc-2'] },
  'lambda:SubnetIds': { type: 'string', multi: true, policy: ['subnet-1', 'subnet-2', 'subnet-*'], request: ['subnet-1', 'subnet-2', 'subnet-3'] },
  'lambda:SecurityGroupIds': { type: 'string', multi: true, policy: ['sg-1', 'sg-2'], request: ['sg-1', 'sg-3'] },
  'aws:TagKeys': { type: 'string', multi: true, policy: ['project', 'env', 'env-*', 'team'], request: ['project', 'env', 'owner', 'env-x'] },
  'aws:RequestTag/team': { type: 'string', policy: ['payments', 'orders'], request: ['payments', 'orders'] },
};
const GLOBAL_REQUEST_KEYS = ['aws:SourceArn', 'aws:SourceAccount', 'aws:SourceIp', 'aws:ResourceTag/team'];

const OPERATORS = {
  string: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'],
  arn: ['ArnLike', 'ArnEquals', 'ArnNotLike', 'ArnNotEquals', 'StringLike', 'StringEquals'],
  ip: ['IpAddress', 'NotIpAddress'],
  date: ['DateLessThan', 'DateGreaterThan', 'DateEquals', 'DateNotEquals', 'DateLessThanEquals', 'DateGreaterThanEquals'],
  numeric: ['NumericLessThan', 'NumericGreaterThan', 'NumericEquals', 'NumericNotEquals', 'NumericLessThanEquals'],
  bool: ['Bool'],
};

// Callers (spec §0): the principal, and the ARN that resource policies name for it.
const CALLERS = [
  { principal: `arn:aws:iam::${A}:user/alice`, kind: 'user' },
  { principal: `arn:aws:sts::${A}:assumed-role/Dev/s1`, kind: 'session' },
  { principal: `arn:aws:sts::${A}:assumed-role/Dev/s2`, kind: 'session' },
  { principal: `arn:aws:sts::${A}:federated-user/bob`, kind: 'federated' },
  { principal: `arn:aws:iam::${A}:root`, kind: 'root' },
  { principal: `arn:aws:sts::${B}:assumed-role/R/s1`, kind: 'session' },
  { principal: `arn:aws:iam::${B}:user/carol`, kind: 'user' },
];
const SERVICES = ['s3.amazonaws.com', 'sns.amazonaws.com', 'apigateway.amazonaws.com'];
const OTHER_IAM = [`arn:aws:iam::${B}:user/carol`, `arn:aws:sts::${B}:assumed-role/R/s9`, `arn:aws:iam::${C}:user/eve`, `arn:aws:iam::${A}:user/dave`];

// ---- policies ------------------------------------------------------------------------------

function conditionBlock(r, keysAllowed) {
  const block = {};
  const n = 1 + r.int(2);
  for (let i = 0; i < n; ++i) {
    const key = r.pick(keysAllowed);
    const spec = KEYS[key];
    let op;
    if (r.chance(0.1)) {
      op = 'Null';
      block[op] = { ...(block[op] || {}), [key]: r.pick(['true', 'false']) };
      continue;
    }
    op = r.pick(OPERATORS[spec.type]);
    if (spec.type === 'date' && r.chance(0.3)) op = r.pick(OPERATORS.numeric).replace('Numeric', 'Date');
    if (spec.multi ? r.chance(0.8) : r.chance(0.1)) op = r.pick(['ForAllValues:', 'ForAnyValue:']) + op;
    if (r.chance(0.2)) op += 'IfExists';
    let values = r.some(spec.policy, 1, 2);
    if (spec.type === 'bool') values = [r.pick(spec.policy)];
    if (!/Like/.test(op) && !/Arn/.test(op)) values = values.filter((v) => !/[*?]/.test(v) || /^\$\{/.test(v));
    if (!/^(ForAllValues:|ForAnyValue:)?(String|Arn)/.test(op)) values = values.filter((v) => !v.includes('${'));
    if (values.length === 0) values = [spec.policy.find((v) => !/[*?$]/.test(v)) || spec.policy[0]];
    block[op] = { ...(block[op] || {}), [key]: values.length === 1 && r.chance(0.5) ? values[0] : values };
  }
  return block;
}

const IDENTITY_CONDITION_KEYS = Object.keys(KEYS);
const RESOURCE_CONDITION_KEYS = ['aws:SourceArn', 'aws:SourceAccount', 'aws:PrincipalOrgID', 'aws:ResourceTag/team', 'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:SourceIp', 'lambda:FunctionUrlAuthType', 'lambda:InvokedViaFunctionUrl', 'lambda:EventSourceToken', 'aws:PrincipalTag/team', 'aws:CurrentTime'];

function listOrOne(r, xs) {
  return xs.length === 1 && r.chance(0.5) ? xs[0] : xs;
}

function identityStatement(r) {
  const st = { Effect: r.chance(0.72) ? 'Allow' : 'Deny' };
  
  st[r.chance(0.12) ? 'NotAction' : 'Action'] = listOrOne(r, r.some(ACTION_PATTERNS, 1, 3));
  st[r.chance(0.12) ? 'NotResource' : 'Resource'] = listOrOne(r, r.some(RESOURCE_PATTERNS, 1, 2));
  if (r.chance(0.4)) st.Condition = conditionBlock(r, IDENTITY_CONDITION_KEYS);
  return st;
}

function identityPolicy(r, name, n) {
  const doc = { Version: '2012-10-17', Statement: [] };
  if (r.chance(0.04)) delete doc.Version;  // 2008 language: no variables (spec §1.1, §2.5)
  for (let i = 0; i < n; ++i) {
    const st = identityStatement(r);
    if (r.chance(0.3)) doc.Statement.push({ Sid: `S${i}`, ...st });  // unique per policy (spec §1.2)
    else doc.Statement.push(st);
  }
  return { name, document: doc };
}

function resourceStatement(r, attachedTo) {
  // Lambda writes Allow statements with the exact ARN (spec §5.2); Deny, NotAction and other
  // resources are typed by hand in the playground, so they are drawn too, less often.
  const st = { Effect: r.chance(0.85) ? 'Allow' : 'Deny' };
  
  if (st.Effect === 'Deny' && r.chance(0.15)) {
    st.NotPrincipal = r.pick(PRINCIPALS.filter((p) => p !== '*' && !(p.AWS === '*')));
  } else {
    st.Principal = r.pick(PRINCIPALS);
  }
  st[r.chance(0.06) ? 'NotAction' : 'Action'] = r.chance(0.6) ? r.pick(['lambda:InvokeFunction', 'lambda:GetFunction', 'lambda:InvokeFunctionUrl', 'lambda:GetPolicy']) : listOrOne(r, r.some(ACTION_PATTERNS, 1, 2));
  st.Resource = r.chance(0.8) ? attachedTo : r.pick(RESOURCE_PATTERNS);
  if (r.chance(0.55)) st.Condition = conditionBlock(r, RESOURCE_CONDITION_KEYS);
  return st;
}

// ---- requests ------------------------------------------------------------------------------

function requestFor(r, caller) {
  const action = r.pick(ACTIONS);
  const req = { action: action.name };
  const owner = r.chance(0.75) ? A : B;
  if (action.kind === 'function') {
    req.resource = fn(owner, r.pick(FUNCTION_NAMES), r.pick(QUALIFIERS));
  } else if (action.kind === 'layer') {
    req.resource = layer(owner, 'l', r.pick(['1', '2']));
  } else {
    req.resource = '*';
  }
  const p = r.next();
  if (p < 0.14 && action.kind === 'function') {
    req.principal = r.pick(SERVICES);
  } else if (p < 0.18 && action.kind === 'function') {
    req.principal = '*';
  } else if (p < 0.26) {
    req.principal = r.pick(OTHER_IAM);
  }
  const keys = [...GLOBAL_REQUEST_KEYS, ...action.keys];
  const context = {};
  for (const key of keys) {
    if (!r.chance(key.startsWith('aws:Source') && !req.principal?.includes('.amazonaws.com') ? 0.15 : 0.45)) continue;
    if (key === 'aws:ResourceTag/team' && action.kind !== 'function') continue;
    const spec = KEYS[key];
    if (spec.multi) {
      context[key] = r.chance(0.1) ? [] : r.some(spec.request, 1, 3);
    } else {
      context[key] = r.pick(spec.request);
    }
    if (spec.type === 'bool' && r.chance(0.3)) context[key] = context[key] === 'true';
  }
  if (Object.keys(context).length) req.context = context;
  return req;
}

export function generateScenario(seed) {
  const r = rng(seed);
  const caller = r.pick(CALLERS);
  const scenario = {
    scenario: 1,
    title: `differential ${seed}`,
    now: NOW,
    caller: { principal: caller.principal, region: REGION, identityPolicies: [] },
    resourcePolicies: [],
    requests: [],
  };
  const nPolicies = r.chance(0.15) ? 0 : 1 + r.int(2);
  for (let i = 0; i < nPolicies; ++i) {
    scenario.caller.identityPolicies.push(identityPolicy(r, `id${i}`, 1 + r.int(4)));
  }
  if (r.chance(0.12)) scenario.caller.permissionsBoundary = identityPolicy(r, 'boundary', 1 + r.int(2));
  if (caller.kind === 'session' && r.chance(0.12)) scenario.caller.sessionPolicy = identityPolicy(r, 'session', 1 + r.int(2));
  if (caller.kind !== 'root' || r.chance(0.5)) {
    if (r.chance(0.08)) {
      const levels = [];
      for (let l = 0, n = 1 + r.int(2); l < n; ++l) {
        const level = [{ name: `scp${l}-full`, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }];
        if (r.chance(0.6)) level[0] = identityPolicy(r, `scp${l}`, 1 + r.int(2));
        levels.push(level);
      }
      scenario.caller.scps = levels;
    }
  }
  if (r.chance(0.5)) scenario.caller.tags = { team: r.pick(['payments', 'orders', 'f']) };
  if (r.chance(0.4)) scenario.caller.orgId = r.pick(['o-aaaaaaaaaa', 'o-bbbbbbbbbb']);

  const nResource = r.chance(0.2) ? 0 : 1 + r.int(2);
  const attached = new Set();
  for (let i = 0; i < nResource; ++i) {
    const owner = r.chance(0.8) ? A : B;
    const arn = fn(owner, r.pick(['f', 'f', 'fx', 'orders-prod']), r.pick([null, null, '1', 'prod']));
    if (attached.has(arn)) continue;
    attached.add(arn);
    const statements = [];
    for (let s = 0, n = 1 + r.int(3); s < n; ++s) {
      const st = resourceStatement(r, arn);
      statements.push(r.chance(0.5) ? { Sid: `r${s}`, ...st } : st);
    }
    scenario.resourcePolicies.push({ attachedTo: arn, document: { Version: '2012-10-17', Id: 'default', Statement: statements } });
  }
  if (r.chance(0.15)) {
    const arn = layer(r.chance(0.5) ? A : B, 'l', '1');
    scenario.resourcePolicies.push({ attachedTo: arn, document: { Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Principal: r.pick(['*', { AWS: B }, { AWS: `arn:aws:iam::${A}:root` }]), Action: 'lambda:GetLayerVersion', Resource: arn,
        ...(r.chance(0.5) ? { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-aaaaaaaaaa' } } } : {}) }] } });
  }

  // Requests: mostly on resources that have a policy, so that resource policies matter.
  const targets = [...attached];
  for (let i = 0, n = 6 + r.int(5); i < n; ++i) {
    const req = requestFor(r, caller);
    if (targets.length && req.resource.includes(':function:') && r.chance(0.5)) {
      req.resource = r.pick(targets);
    }
    scenario.requests.push(req);
  }
  return scenario;
}

export function generateScenarios(count, seed) {
  const out = [];
  for (let i = 0; i < count; ++i) out.push(generateScenario((seed * 1000003 + i) >>> 0));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : dflt;
  };
  process.stdout.write(JSON.stringify(generateScenarios(arg('--count', 10), arg('--seed', 1)), null, 1) + '\n');
}
