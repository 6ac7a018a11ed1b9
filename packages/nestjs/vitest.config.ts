import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Nest injects constructor parameters by their TypeScript types, which needs
  // decorator metadata; esbuild (vitest's default transform) does not emit it, SWC does.
  plugins: [swc.vite({ jsc: { target: 'es2022' } })],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Nest runs a heavier pipeline per request than the bare frameworks; the 1,000-calls-in-flight
    // test needs the room on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 20_000,
  },
});
