#!/usr/bin/env node
// Runs the official MCP conformance suite (@modelcontextprotocol/conformance) and the MCP Inspector
// CLI against examples/conformance, an Express app whose plain routes implement the suite's fixture
// tools, served by backend2mcp over Streamable HTTP on 127.0.0.1.
//
//   node scripts/conformance.mjs                 every run, then the Inspector check
//   node scripts/conformance.mjs --run 2026-07-28 --skip-inspector
//   node scripts/conformance.mjs --keep          keep the suite's per-check results (path printed)
//   node scripts/conformance.mjs --inspector-only  only the Inspector checks (no suite runs)
//
// The Inspector part also runs `tools/list --strict` (schema portability: exit 6 on any error-severity
// finding) on the example apps whose schemas come from schema libraries (examples/fastify with
// fluent-json-schema, TypeBox, JSON Schema and zod; examples/hono with @hono/zod-openapi).
//
// The example must be built first (`pnpm conformance` does it). The suite's CLI and the Inspector need
// Node 22.19+: on an older Node a Node 24 binary is installed from the npm package
// node-<platform>-<arch>. Every tool is installed once, at a pinned version, into
// node_modules/.cache/conformance/ (outside the workspace lockfile); later runs need no network.
//
// Known failures live in examples/conformance/baseline.json, one reason each. The script fails on
// any failing check the baseline does not name, and on any baseline entry that no longer fails.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(ROOT, 'examples/conformance');
const BASELINE_FILE = join(EXAMPLE, 'baseline.json');
const CACHE = join(ROOT, 'node_modules/.cache/conformance');

/** Pinned tools. The suite's 0.1 line tests the 2025-11-25 revision; its 0.2 line adds 2026-07-28. */
const SUITE_2025 = { name: '@modelcontextprotocol/conformance', version: '0.1.16' };
const SUITE_2026 = { name: '@modelcontextprotocol/conformance', version: '0.2.0-alpha.12' };
const INSPECTOR = { name: '@modelcontextprotocol/inspector', version: '2.12.0' };
const NODE_VERSION = '24.21.0';
/** Example apps whose tool schemas come from schema libraries, each served over HTTP with MCP at /mcp. */
const SCHEMA_EXAMPLES = [
  {
    label: 'examples/fastify --typed (fluent-json-schema, TypeBox)',
    dir: 'examples/fastify',
    args: ['--typed', '--http'],
  },
  { label: 'examples/fastify (JSON Schema, shared $id schemas)', dir: 'examples/fastify', args: ['--http'] },
  {
    label: 'examples/fastify --zod (fastify-type-provider-zod)',
    dir: 'examples/fastify',
    args: ['--zod', '--http'],
  },
  { label: 'examples/hono (@hono/zod-openapi, date-times)', dir: 'examples/hono', args: [] },
];
/** What the suite's CLI and the Inspector declare in `engines`. */
const MIN_NODE = [22, 19];

/** Each run is one invocation of the suite; its id keys the baseline. */
const RUNS = [
  {
    id: '2025-11-25',
    what: 'every server scenario of the 2025-11-25 suite (initialize handshake, stateless HTTP)',
    suite: SUITE_2025,
    args: ['--suite', 'all'],
  },
  {
    id: '2025-11-25-requirements',
    what: 'what the 2025-11-25 revision requires, as the 0.2 suite checks it (wire-schema checks included)',
    suite: SUITE_2026,
    args: ['--requirements', '2025-11-25'],
  },
  {
    id: '2026-07-28',
    what: 'what the 2026-07-28 revision requires (per-request envelope), plus its unscored extensions',
    suite: SUITE_2026,
    args: ['--requirements', '2026-07-28'],
  },
];

const RUN_TIMEOUT_MS = 5 * 60_000;
/** Check statuses the suite reports, mildest first. Only FAILURE fails a check. */
const SEVERITY = ['SUCCESS', 'INFO', 'SKIPPED', 'WARNING', 'FAILURE'];

const argv = process.argv.slice(2);
const only = optionValues('--run');
const skipInspector = argv.includes('--skip-inspector');
const inspectorOnly = argv.includes('--inspector-only');
const keep = argv.includes('--keep');
for (const id of only) {
  if (!RUNS.some((run) => run.id === id))
    fail(`Unknown run "${id}". Runs: ${RUNS.map((r) => r.id).join(', ')}.`);
}
const runs = inspectorOnly ? [] : only.length > 0 ? RUNS.filter((run) => only.includes(run.id)) : RUNS;

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'backend2mcp-conformance-'));
let server;
let exitCode = 1;
try {
  const baseline = readBaseline();
  const node = await installTools(runs, !skipInspector);
  server = await startExample();
  console.log(
    `example: ${server.url} (Node ${process.versions.node}); suite and Inspector on ${node.version}\n`,
  );

  const problems = [];
  for (const run of runs)
    problems.push(...(await runSuite(run, node.path, server.url, baseline[run.id] ?? {})));
  for (const id of Object.keys(baseline)) {
    if (!RUNS.some((run) => run.id === id)) problems.push(`baseline names an unknown run "${id}"`);
  }
  if (!skipInspector) {
    problems.push(...(await inspectorCheck(node.path, server.url)));
    problems.push(...(await exampleSchemasCheck(node.path)));
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  if (problems.length > 0) {
    console.log(`\nconformance: FAILED in ${seconds} s`);
    for (const problem of problems) console.log(`  - ${problem}`);
  } else {
    console.log(`\nconformance: OK in ${seconds} s (every failure is in ${relative(ROOT, BASELINE_FILE)})`);
    exitCode = 0;
  }
} catch (error) {
  console.error(`conformance: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  server?.stop();
  if (keep) console.log(`results kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);

// ---------------------------------------------------------------------------------------------------

function optionValues(name) {
  const values = [];
  argv.forEach((arg, index) => {
    if (arg === name && argv[index + 1]) values.push(argv[index + 1]);
    else if (arg.startsWith(`${name}=`)) values.push(arg.slice(name.length + 1));
  });
  return values;
}

function fail(message) {
  console.error(`conformance: ${message}`);
  process.exit(1);
}

/**
 * `{ [runId]: { [scenario or "scenario:check-id"]: reason } }`. A scenario entry lets any of its
 * checks fail; a check entry only that check.
 */
function readBaseline() {
  const raw = JSON.parse(readFileSync(BASELINE_FILE, 'utf8'));
  const baseline = {};
  for (const [id, entries] of Object.entries(raw)) {
    if (id.startsWith('$')) continue;
    for (const [entry, reason] of Object.entries(entries)) {
      if (typeof reason !== 'string' || reason.trim() === '') {
        throw new Error(`${relative(ROOT, BASELINE_FILE)}: ${id} "${entry}" has no reason`);
      }
      const scenario = entry.split(':')[0];
      if (entry.includes(':') && Object.hasOwn(entries, scenario)) {
        throw new Error(`${relative(ROOT, BASELINE_FILE)}: ${id} names ${scenario} both whole and per check`);
      }
    }
    baseline[id] = entries;
  }
  return baseline;
}

// --- tools -------------------------------------------------------------------------------------------

async function installTools(selected, withInspector) {
  const wanted = new Map();
  for (const run of selected) wanted.set(packageDir(run.suite), run.suite);
  if (withInspector) wanted.set(packageDir(INSPECTOR), INSPECTOR);
  const nodeOk = atLeast(process.versions.node, MIN_NODE);
  const nodePackage = {
    name: `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`,
    version: NODE_VERSION,
  };
  if (!nodeOk) wanted.set(packageDir(nodePackage), nodePackage);

  const missing = [...wanted.entries()].filter(
    ([dir, pkg]) => installedVersion(dir, pkg.name) !== pkg.version,
  );
  if (missing.length > 0) {
    console.log(
      `installing into ${relative(ROOT, CACHE)}: ${missing.map(([, pkg]) => `${pkg.name}@${pkg.version}`).join(', ')}`,
    );
    await Promise.all(missing.map(([dir, pkg]) => npmInstall(dir, pkg)));
  }
  if (nodeOk) return { path: process.execPath, version: `Node ${process.versions.node}` };
  const binary = join(
    packageDir(nodePackage),
    'node_modules',
    nodePackage.name,
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  );
  return { path: binary, version: `Node ${NODE_VERSION} (${nodePackage.name})` };
}

function atLeast(version, [major, minor]) {
  const [a, b] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

function packageDir(pkg) {
  return join(CACHE, `${pkg.name.replace('@', '').replace('/', '__')}@${pkg.version}`);
}

function installedVersion(dir, name) {
  try {
    return JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

async function npmInstall(dir, pkg) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ private: true, dependencies: { [pkg.name]: pkg.version } }, null, 2)}\n`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = await exec(
    npm,
    ['install', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: dir, timeoutMs: 10 * 60_000 },
  );
  if (result.code !== 0 || installedVersion(dir, pkg.name) !== pkg.version) {
    throw new Error(`npm install ${pkg.name}@${pkg.version} failed:\n${result.stderr || result.stdout}`);
  }
}

// --- the example -------------------------------------------------------------------------------------

async function startExample() {
  const built = join(ROOT, 'packages/express/dist/index.js');
  if (!existsSync(built))
    throw new Error('build the packages first: npx pnpm@10.34.9 build (or run pnpm conformance)');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: EXAMPLE,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`the example did not start within 60 s\n${stderr}`)),
      60_000,
    );
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /MCP endpoint: (\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the example exited (${code}) before serving\n${stderr}`));
    });
  });
  return {
    url,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

// --- the suite ---------------------------------------------------------------------------------------

async function runSuite(run, node, url, expected) {
  const cli = join(packageDir(run.suite), 'node_modules', run.suite.name, 'dist/index.js');
  const out = join(work, run.id);
  const args = [cli, 'server', '--url', url, ...run.args, '-o', out];
  console.log(`== ${run.id}: ${run.what}\n   conformance@${run.suite.version} server ${run.args.join(' ')}`);
  const result = await exec(node, args, { cwd: work, timeoutMs: RUN_TIMEOUT_MS });
  writeFileSync(join(work, `${run.id}.log`), `${result.stdout}\n${result.stderr}`);
  const problems = [];

  // Pair each "=== Running scenario: X ===" with the "Results saved to DIR" that follows it.
  const scenarios = new Map();
  let current;
  for (const line of result.stdout.split('\n')) {
    const started = /^=== Running scenario: (\S+) ===/.exec(line);
    if (started) {
      current = started[1];
      scenarios.set(current, undefined);
      continue;
    }
    const saved = /^Results saved to (.+)$/.exec(line.trim());
    if (saved && current) scenarios.set(current, saved[1]);
  }
  if (result.timedOut) problems.push(`${run.id}: the suite did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
  if (scenarios.size === 0 || !result.stdout.includes('=== SUMMARY ===')) {
    problems.push(
      `${run.id}: the suite did not complete (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`,
    );
    return problems;
  }

  const failures = [];
  let passed = 0;
  const warnings = [];
  const statusOf = new Map();
  for (const [scenario, dir] of scenarios) {
    const checks = dir ? readChecks(dir) : undefined;
    if (!checks) {
      failures.push({ scenario, check: '(no results)', message: 'the scenario wrote no checks.json' });
      statusOf.set(scenario, { failing: true, checks: new Map() });
      continue;
    }
    const byId = new Map();
    for (const check of checks) {
      byId.set(check.id, worst(byId.get(check.id), check.status));
      if (check.status === 'SUCCESS') passed++;
      else if (check.status === 'WARNING') warnings.push(`${scenario}:${check.id}`);
      else if (check.status === 'FAILURE') {
        failures.push({ scenario, check: check.id, message: oneLine(check.errorMessage ?? '') });
      }
    }
    statusOf.set(scenario, { failing: [...byId.values()].includes('FAILURE'), checks: byId });
  }

  let excused = 0;
  for (const failure of failures) {
    if (
      Object.hasOwn(expected, failure.scenario) ||
      Object.hasOwn(expected, `${failure.scenario}:${failure.check}`)
    ) {
      excused++;
      continue;
    }
    problems.push(`${run.id}: unexpected failure ${failure.scenario}:${failure.check}: ${failure.message}`);
  }
  for (const entry of Object.keys(expected)) {
    const [scenario, check] = splitEntry(entry);
    const status = statusOf.get(scenario);
    if (!status) {
      problems.push(
        `${run.id}: baseline entry "${entry}" names a scenario this run did not run: remove it from the baseline`,
      );
    } else if (check === undefined ? !status.failing : status.checks.get(check) === 'SUCCESS') {
      problems.push(`${run.id}: "${entry}" passes now: remove it from the baseline`);
    }
  }

  const unexpected = failures.length - excused;
  console.log(
    `   ${scenarios.size} scenarios, ${passed} checks passed, ${unexpected} unexpected failures, ` +
      `${excused} expected failures (baseline), ${warnings.length} warnings`,
  );
  // Warnings are SHOULDs the suite reports without failing; listed so they stay visible.
  if (warnings.length > 0) console.log(`   warnings: ${warnings.join(', ')}`);
  console.log('');
  return problems;
}

function readChecks(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'checks.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

function worst(a, b) {
  if (a === undefined) return b;
  return SEVERITY.indexOf(a) >= SEVERITY.indexOf(b) ? a : b;
}

function splitEntry(entry) {
  const colon = entry.indexOf(':');
  return colon === -1 ? [entry, undefined] : [entry.slice(0, colon), entry.slice(colon + 1)];
}

// --- the Inspector CLI -------------------------------------------------------------------------------

async function inspectorCheck(node, url) {
  const launcher = join(
    packageDir(INSPECTOR),
    'node_modules',
    INSPECTOR.name,
    'clients/launcher/build/index.js',
  );
  const home = join(work, 'inspector-home'); // the Inspector keeps a catalog in ~/.mcp-inspector
  mkdirSync(home, { recursive: true });
  const inspector = (...args) =>
    exec(node, [launcher, '--cli', url, '--format', 'json', ...args], {
      cwd: work,
      timeoutMs: 60_000,
      env: { ...process.env, HOME: home, USERPROFILE: home },
    });
  const parse = (result) => {
    try {
      return JSON.parse(result.stdout);
    } catch {
      return undefined;
    }
  };
  console.log(`== inspector: @modelcontextprotocol/inspector@${INSPECTOR.version} --cli`);
  const problems = [];
  const check = (label, ok, result) => {
    console.log(`   ${ok ? 'ok  ' : 'FAIL'} ${label}`);
    if (!ok)
      problems.push(`inspector: ${label} (exit ${result.code}): ${tail(result.stdout + result.stderr, 6)}`);
  };

  const fixtures = [
    'test_simple_text',
    'test_image_content',
    'test_embedded_resource',
    'json_schema_2020_12_tool',
  ];
  for (const era of ['legacy', 'modern']) {
    const listed = await inspector('--protocol-era', era, '--method', 'tools/list', '--strict');
    const names = parse(listed)?.result?.tools?.map((tool) => tool.name) ?? [];
    check(
      `tools/list (${era === 'legacy' ? '2025-11-25' : '2026-07-28'}, --strict schema portability)`,
      listed.code === 0 && fixtures.every((name) => names.includes(name)),
      listed,
    );
  }
  const text = await inspector(
    '--protocol-era',
    'modern',
    '--method',
    'tools/call',
    '--tool-name',
    'test_simple_text',
  );
  check(
    'tools/call test_simple_text (2026-07-28)',
    text.code === 0 &&
      parse(text)?.result?.content?.[0]?.text === 'This is a simple text response for testing.',
    text,
  );
  const contact = { name: 'Ada', contactMethod: 'email', email: 'ada@example.com' };
  const structured = await inspector(
    '--protocol-era',
    'legacy',
    '--method',
    'tools/call',
    '--tool-name',
    'json_schema_2020_12_tool',
    '--tool-args-json',
    JSON.stringify(contact),
  );
  check(
    'tools/call json_schema_2020_12_tool (2025-11-25, structured content)',
    structured.code === 0 &&
      JSON.stringify(parse(structured)?.result?.structuredContent) === JSON.stringify({ saved: contact }),
    structured,
  );
  const failing = await inspector(
    '--protocol-era',
    'legacy',
    '--method',
    'tools/call',
    '--tool-name',
    'test_error_handling',
  );
  // The Inspector exits 5 when a tool answers isError: true.
  check('tools/call test_error_handling reports isError', failing.code === 5, failing);
  console.log('');
  return problems;
}

// --- the examples' schemas under Inspector --strict --------------------------------------------------

/**
 * Runs `tools/list --strict` of the Inspector CLI against each schema example, in both protocol eras.
 * The Inspector exits 6 when a published schema has an error-severity portability finding (a schema
 * a client may reject); that, any other failure, or an empty tool list is a problem. Warnings are
 * printed so they stay visible.
 */
async function exampleSchemasCheck(node) {
  const launcher = join(
    packageDir(INSPECTOR),
    'node_modules',
    INSPECTOR.name,
    'clients/launcher/build/index.js',
  );
  const home = join(work, 'inspector-home');
  mkdirSync(home, { recursive: true });
  const problems = [];
  console.log(`== inspector --strict on the schema examples`);
  for (const example of SCHEMA_EXAMPLES) {
    let server;
    try {
      server = await startSchemaExample(example);
    } catch (error) {
      problems.push(`${example.label}: ${error instanceof Error ? error.message : String(error)}`);
      console.log(`   FAIL ${example.label}: did not start`);
      continue;
    }
    try {
      for (const era of ['legacy', 'modern']) {
        const result = await exec(
          node,
          [
            launcher,
            '--cli',
            server.url,
            '--format',
            'json',
            '--protocol-era',
            era,
            '--method',
            'tools/list',
            '--strict',
          ],
          { cwd: work, timeoutMs: 60_000, env: { ...process.env, HOME: home, USERPROFILE: home } },
        );
        let parsed;
        try {
          parsed = JSON.parse(result.stdout);
        } catch {
          parsed = undefined;
        }
        const tools = parsed?.result?.tools ?? [];
        const findings = parsed?.schemaFindings ?? [];
        const ok = result.code === 0 && tools.length > 0;
        const label = `${example.label}, ${era === 'legacy' ? '2025-11-25' : '2026-07-28'}: ${tools.length} tools`;
        console.log(
          `   ${ok ? 'ok  ' : 'FAIL'} ${label}${findings.length > 0 ? ` (${findings.length} with warnings)` : ''}`,
        );
        if (findings.length > 0) console.log(tail(result.stderr, 12).replace(/^/gm, '        '));
        if (!ok)
          problems.push(
            `inspector --strict: ${label} (exit ${result.code}): ${tail(result.stderr || result.stdout, 12)}`,
          );
      }
    } finally {
      server.stop();
    }
  }
  console.log('');
  return problems;
}

/** Starts an example on a free loopback port; resolves with its MCP endpoint URL. */
async function startSchemaExample(example) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts', ...example.args], {
    cwd: join(ROOT, example.dir),
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start within 60 s\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /MCP endpoint (?:on|at|:) ?(http\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before serving\n${output}`));
    });
  });
  return {
    url,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// --- helpers -----------------------------------------------------------------------------------------

function exec(command, args, { cwd, timeoutMs, env = process.env }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}${error.message}`, timedOut });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, timedOut });
    });
  });
}

function oneLine(text) {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}

function tail(text, lines = 20) {
  return text.trim().split('\n').slice(-lines).join('\n');
}
