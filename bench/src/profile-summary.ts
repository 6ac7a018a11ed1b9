/**
 * Summarises a `.cpuprofile`: self time by package/file and the top functions.
 * `profile-summary.ts <file> [top]`.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const [file, top = '25', skipS = '0'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file!, 'utf8')) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const counts = new Map<number, number>();
// Samples of the first `skipS` seconds (module loading, JIT warmup) are left out.
let elapsedUs = 0;
let total = 0;
profile.samples.forEach((id, index) => {
  elapsedUs += profile.timeDeltas[index] ?? 0;
  if (elapsedUs < Number(skipS) * 1e6) return;
  total++;
  counts.set(id, (counts.get(id) ?? 0) + 1);
});

function bucket(url: string): string {
  if (!url) return '(native/idle/gc)';
  const pnpm = url.match(/node_modules\/\.pnpm\/([^/]+)\//);
  if (pnpm) return pnpm[1]!.replace(/@(\d[^_]*)(_.*)?$/, '');
  if (url.startsWith('node:')) return url;
  const pkg = url.match(/packages\/([^/]+)\//);
  if (pkg) return `@backend2mcp/${pkg[1]}`;
  return url.replace(/^.*\//, '');
}
const files = new Map<string, number>();
const fns = new Map<string, number>();
for (const [id, count] of counts) {
  const node = byId.get(id)!;
  const { functionName, url, lineNumber } = node.callFrame;
  files.set(bucket(url), (files.get(bucket(url)) ?? 0) + count);
  const key = `${functionName || '(anon)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/packages\//, '')}:${lineNumber}`;
  fns.set(key, (fns.get(key) ?? 0) + count);
}
const pct = (n: number) => `${((100 * n) / total).toFixed(1)}%`;
console.log(`samples: ${total}`);
for (const [name, n] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 20))
  console.log(pct(n).padStart(6), name);
console.log('--- top functions (self)');
for (const [name, n] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, Number(top)))
  console.log(pct(n).padStart(6), name);
