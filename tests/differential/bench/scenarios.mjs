// The benchmark scenarios of scripts/bench, one request each, in Policy Lab's scenario format:
//   small         1 identity policy with 3 statements (as tests/bench/authorize_bench.cc)
//   large         5 identity policies x 20 statements with wildcards, conditions and variables,
//                 plus a 50-statement function policy; allowed by the very last statement
//                 (as tests/bench/authorize_bench.cc), so every statement is looked at
//   pathological  a 1,000-character `*a*a…*b` pattern in Resource and in StringLike against
//                 10,000-character values (issue #5)
// Every engine answers the same request on the same documents; scripts/bench checks that the
// decisions agree before it prints a number.
const F = 'arn:aws:lambda:us-east-1:111111111111:function:orders-prod';
const CALLER = 'arn:aws:sts::111111111111:assumed-role/Dev/s1';

export function small() {
  return {
    scenario: 1, title: 'bench small', now: '2026-06-01T00:00:00Z',
    caller: { principal: CALLER, identityPolicies: [{ name: 'dev', document: { Version: '2012-10-17', Statement: [
      { Sid: 'List', Effect: 'Allow', Action: 'lambda:ListFunctions', Resource: '*' },
      { Sid: 'Read', Effect: 'Allow', Action: ['lambda:Get*', 'lambda:List*'], Resource: 'arn:aws:lambda:us-east-1:111111111111:function:*' },
      { Sid: 'Invoke', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:111111111111:function:orders-*' },
    ] } }] },
    requests: [{ action: 'lambda:InvokeFunction', resource: F }],
  };
}

export function large() {
  const identity = [];
  for (let p = 0; p < 5; ++p) {
    const statements = [];
    for (let s = 0; s < 20; ++s) {
      const n = `${p}x${s}`;
      const st = {
        Sid: `S${p}x${s}`, Effect: 'Allow',
        Action: ['lambda:Get*', `lambda:List${n}*`, 's3:Get?bject'],
        Resource: [`arn:aws:lambda:*:111111111111:function:team-${n}-*`, `arn:aws:lambda:us-east-1:111111111111:function:\${aws:PrincipalTag/team}-${n}`],
        Condition: {
          StringEquals: { 'aws:PrincipalTag/team': ['payments', 'orders'] },
          StringLike: { 'aws:RequestedRegion': 'us-*' },
          IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' },
        },
      };
      if (p === 4 && s === 19) {
        st.Action = ['lambda:Invoke*'];
        st.Resource = 'arn:aws:lambda:us-east-1:111111111111:function:orders-*';
      }
      statements.push(st);
    }
    identity.push({ name: `policy-${p}`, document: { Version: '2012-10-17', Statement: statements } });
  }
  const rbp = [];
  for (let s = 0; s < 50; ++s) {
    rbp.push({
      Sid: `grant-${s}`, Effect: 'Allow', Principal: { Service: `svc${s}.amazonaws.com` },
      Action: 'lambda:InvokeFunction', Resource: F,
      Condition: { ArnLike: { 'AWS:SourceArn': `arn:aws:s3:::bucket-${s}` }, StringEquals: { 'AWS:SourceAccount': '111111111111' } },
    });
  }
  return {
    scenario: 1, title: 'bench large', now: '2026-06-01T00:00:00Z',
    caller: { principal: CALLER, tags: { team: 'orders' }, identityPolicies: identity },
    resourcePolicies: [{ attachedTo: F, document: { Version: '2012-10-17', Statement: rbp } }],
    requests: [{ action: 'lambda:InvokeFunction', resource: F }],
  };
}

export function pathological() {
  let pattern = '';
  while (pattern.length + 2 < 1000) pattern += '*a';
  pattern += '*b';
  const name = 'a'.repeat(9999) + 'b';
  const fn = `arn:aws:lambda:us-east-1:111111111111:function:${name}`;
  return {
    scenario: 1, title: 'bench pathological', now: '2026-06-01T00:00:00Z',
    caller: { principal: CALLER, identityPolicies: [{ name: 'wild', document: { Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:us-east-1:111111111111:function:${pattern}`,
        Condition: { StringLike: { 'aws:ResourceTag/team': pattern } } },
    ] } }] },
    requests: [{ action: 'lambda:InvokeFunction', resource: fn, context: { 'aws:ResourceTag/team': 'a'.repeat(9999) + 'b' } }],
  };
}

export const SCENARIOS = { small, large, pathological };

// The scenario with its one request repeated `n` times: the JSON API's cost per decision
// (parse and compile once, evaluate n times).
export function repeated(s, n) {
  return { ...s, requests: Array.from({ length: n }, () => s.requests[0]) };
}
