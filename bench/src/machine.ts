/**
 * The machine and the versions the numbers were measured with, printed next
 * to them: a benchmark without its context cannot be compared with anything.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the report prints about where it ran. */
export interface MachineInfo {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** 1-minute load average when the bench started and when it ended: other work on the machine skews latency. */
  loadAverage: { start: number; end?: number };
  versions: Record<string, string>;
}

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

function versionAt(packageDir: string): string {
  const manifest = join(packageDir, 'package.json');
  if (!existsSync(manifest)) return '?';
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? '?';
}

/** Versions of the bench's own dependencies, read from their installed package.json. */
function installedVersion(name: string): string {
  return versionAt(join(BENCH_DIR, 'node_modules', name));
}

/** The MCP SDK the peer proxy ships with (v1, its own dependency; pnpm puts it beside the package). */
function peerSdkVersion(): string {
  const peerDir = join(BENCH_DIR, 'node_modules', '@ivotoby', 'openapi-mcp-server');
  if (!existsSync(peerDir)) return '?';
  return versionAt(join(realpathSync(peerDir), '..', '..', '@modelcontextprotocol', 'sdk'));
}

/** Describes this machine now. */
export function describeMachine(): MachineInfo {
  const cpuList = cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    loadAverage: { start: loadavg()[0]! },
    versions: {
      '@backend2mcp/core': installedVersion('@backend2mcp/core'),
      '@modelcontextprotocol/server': installedVersion('@modelcontextprotocol/server'),
      '@modelcontextprotocol/client': installedVersion('@modelcontextprotocol/client'),
      express: installedVersion('express'),
      fastify: installedVersion('fastify'),
      hono: installedVersion('hono'),
      koa: installedVersion('koa'),
      '@koa/router': installedVersion('@koa/router'),
      '@nestjs/core': installedVersion('@nestjs/core'),
      '@ivotoby/openapi-mcp-server': installedVersion('@ivotoby/openapi-mcp-server'),
      '@modelcontextprotocol/sdk (peer)': peerSdkVersion(),
      tinybench: installedVersion('tinybench'),
      autocannon: installedVersion('autocannon'),
    },
  };
}

/** Records the load average at the end of the run. */
export function finishMachine(machine: MachineInfo): MachineInfo {
  return { ...machine, loadAverage: { ...machine.loadAverage, end: loadavg()[0]! } };
}
