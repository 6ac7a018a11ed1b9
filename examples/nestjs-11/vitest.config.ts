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
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
