import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [swc.vite({ jsc: { target: 'es2022' } })],
  resolve: {
    // The suites and fixtures live in packages/nestjs, next to Nest 12: resolve every
    // Nest package (and the optional peers the adapter loads) from here, i.e. Nest 11.
    dedupe: [
      '@nestjs/common',
      '@nestjs/core',
      '@nestjs/platform-express',
      '@nestjs/platform-fastify',
      '@nestjs/swagger',
      'class-validator',
      'class-transformer',
      'reflect-metadata',
      'rxjs',
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Nest runs a heavier pipeline per request than the bare frameworks; the 1,000-calls-in-flight
    // test needs the room on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 20_000,
  },
});
