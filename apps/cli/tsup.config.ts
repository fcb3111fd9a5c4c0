import { defineConfig } from 'tsup';

// The `cannon` command: one ESM entry with a shebang; the libraries stay external.
export default defineConfig({
  entry: ['src/cli.ts'],
  format: ['esm'],
  target: 'es2022',
  clean: true,
  banner: { js: '#!/usr/bin/env node' },
});
