import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Nest injects constructor parameters by their TypeScript types, which needs
  // decorator metadata; esbuild (vitest's default transform) does not emit it, SWC does.
  plugins: [swc.vite({ jsc: { target: 'es2022' } })],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
