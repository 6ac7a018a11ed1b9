import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Optional peers, loaded only when the app has them.
  external: ['@nestjs/swagger', 'class-validator', 'class-transformer', 'class-validator-jsonschema'],
});
