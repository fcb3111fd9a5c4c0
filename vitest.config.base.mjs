// @ts-check
import { defineConfig } from 'vitest/config';

export const testConfig = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // tfjs wasm backend start-up and gradient checks are slower than the 5 s default.
    testTimeout: 30_000,
  },
});
