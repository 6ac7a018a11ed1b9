/**
 * The load phase: sustained concurrent `tools/call` over Streamable HTTP with
 * autocannon, one framework at a time, against backend2mcp's `listen()` in a
 * separate process. The request is a stateless 2025-11-25 JSON-RPC POST (no
 * initialize, no session), which every call repeats; each response body is
 * checked, so an MCP-level error counts as an error even with HTTP 200.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { FRAMEWORKS, type Framework } from './apps/index.js';
import { USER_ID } from './business.js';
import { forkScript } from './child.js';
import type { LoadServerMessage } from './load-server.js';
import { jsonRpcBody, postJsonRpc, STATELESS_HEADERS } from './raw-http.js';

/** How hard and how long to load. */
export interface LoadSettings {
  connections: number;
  /** Seconds of the measured run. */
  durationS: number;
  /** Seconds of load before measuring (JIT, pools, heap reach a steady state). */
  warmupS: number;
}

/** One framework's load result. */
export interface LoadResult {
  framework: Framework;
  connections: number;
  durationS: number;
  callsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  totalCalls: number;
  /** Connection errors + timeouts + non-2xx + bodies that were not a successful result. */
  errors: number;
  /** The same, by kind (autocannon counts timeouts among connection errors too; `errors` counts each failed call once). */
  errorKinds: { connection: number; timeouts: number; non2xx: number; badBody: number };
  /** Off-heap memory (Buffers, ArrayBuffers) after a full GC, idle before any load and after the run. */
  externalBeforeBytes: number;
  externalAfterBytes: number;
  /** Server RSS when idle, before any load (no forced GC: what the OS sees). */
  rssIdleBytes: number;
  /** Server RSS after warmup and after the run. */
  rssBeforeBytes: number;
  rssAfterBytes: number;
  /** Server heap after a full GC, idle before any load and after the run: retained memory. */
  heapBeforeBytes: number;
  heapAfterBytes: number;
  /**
   * Mean RSS over the third and over the last quarter of the run. A leak keeps
   * RSS climbing to the end; a heap that has reached its working size is flat.
   */
  rssThirdQuarterBytes: number;
  rssLastQuarterBytes: number;
  /** RSS samples over the run (seconds since start, bytes). */
  rssSamples: Array<[number, number]>;
}

const CALL_BODY = jsonRpcBody('tools/call', { name: 'get_users_by_id', arguments: { id: USER_ID } });

/** A successful `tools/call` answer carries the user as structured content and no error. */
function isGoodBody(raw: string | Buffer | undefined): boolean {
  const body = String(raw ?? '');
  return body.includes('"structuredContent":{"id":"1"') && !body.includes('"isError":true');
}

/** Asks the server child for its memory. */
type Memory = { rss: number; heapUsed: number; external: number };

async function memoryOf(child: ChildProcess, gc: boolean): Promise<Memory> {
  const reply = new Promise<Memory>((resolve) => {
    const onMessage = (message: LoadServerMessage) => {
      if (message.type !== 'memory') return;
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
  });
  child.send({ type: 'memory', gc });
  return reply;
}

/** The URL the server child reports once listening; rejects if it exits first. */
function listeningUrl(child: ChildProcess, framework: Framework): Promise<URL> {
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`load server for ${framework} exited with ${code}`)));
    child.once('message', (message: LoadServerMessage) => {
      if (message.type === 'listening') resolve(new URL(message.url));
      else reject(new Error(`load server for ${framework}: unexpected ${message.type}`));
    });
  });
}

/** Mean RSS of the samples taken between two fractions of the run. */
function meanRss(
  samples: ReadonlyArray<readonly [number, number]>,
  durationS: number,
  from: number,
  to: number,
) {
  const inside = samples.filter(([seconds]) => seconds >= durationS * from && seconds <= durationS * to);
  return inside.reduce((sum, [, rss]) => sum + rss, 0) / Math.max(1, inside.length);
}

function fire(url: URL, connections: number, durationS: number): Promise<autocannon.Result> {
  return autocannon({
    url: url.href,
    method: 'POST',
    headers: { ...STATELESS_HEADERS },
    body: CALL_BODY,
    connections,
    duration: durationS,
    verifyBody: isGoodBody,
  });
}

export async function loadOne(framework: Framework, settings: LoadSettings, log: (line: string) => void) {
  const child = forkScript('load-server.ts', [framework]);
  try {
    const url = await listeningUrl(child, framework);

    // One request by hand first: the exact message autocannon will replay must succeed on its own.
    const probe = await postJsonRpc(url, CALL_BODY);
    if (probe.status !== 200 || !isGoodBody(probe.body)) {
      throw new Error(
        `${framework}: stateless tools/call failed: ${probe.status} ${probe.body.slice(0, 300)}`,
      );
    }

    // Retained memory is read idle, after a full GC, before any load: a full GC between warmup and
    // the run would shrink the heap and make the run regrow it, which is not what a server does.
    const rssIdle = (await memoryOf(child, false)).rss;
    const before = await memoryOf(child, true);
    log(`  ${framework}: warmup ${settings.warmupS}s`);
    await fire(url, settings.connections, settings.warmupS);
    const rssBefore = (await memoryOf(child, false)).rss;

    log(`  ${framework}: ${settings.connections} connections for ${settings.durationS}s`);
    const samples: Array<[number, number]> = [];
    const started = performance.now();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { rss } = await memoryOf(child, false);
        samples.push([(performance.now() - started) / 1000, rss]);
        await sleep(1000);
      }
    })();
    const result = await fire(url, settings.connections, settings.durationS);
    sampling = false;
    await sampler;

    const rssAfter = (await memoryOf(child, false)).rss;
    // Let the server finish what is still queued and drop the connections before reading what it retains.
    await sleep(2000);
    const after = await memoryOf(child, true);
    // autocannon's `errors` already includes its `timeouts`.
    const errors = result.errors + result.non2xx + result.mismatches;
    return {
      framework,
      connections: settings.connections,
      durationS: settings.durationS,
      callsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      totalCalls: result.requests.total,
      errors,
      errorKinds: {
        connection: result.errors - result.timeouts,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        badBody: result.mismatches,
      },
      externalBeforeBytes: before.external,
      externalAfterBytes: after.external,
      rssIdleBytes: rssIdle,
      rssBeforeBytes: rssBefore,
      rssAfterBytes: rssAfter,
      heapBeforeBytes: before.heapUsed,
      heapAfterBytes: after.heapUsed,
      rssThirdQuarterBytes: meanRss(samples, settings.durationS, 0.5, 0.75),
      rssLastQuarterBytes: meanRss(samples, settings.durationS, 0.75, 1),
      rssSamples: samples,
    } satisfies LoadResult;
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    }
  }
}

/** Runs the load phase for every framework in turn. */
export async function runLoad(settings: LoadSettings, log: (line: string) => void): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  for (const { framework } of FRAMEWORKS) results.push(await loadOne(framework, settings, log));
  return results;
}
