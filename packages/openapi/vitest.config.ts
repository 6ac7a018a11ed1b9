import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    // Starting a Python backend (interpreter, framework import, server) can take seconds on a busy machine.
    hookTimeout: 60_000,
  },
});
