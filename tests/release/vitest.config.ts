import { defineConfig, mergeConfig } from 'vitest/config';
import { testConfig } from '../../vitest.config.base.mjs';

// A release builds the whole repository and installs from a registry: its set-up takes minutes, not seconds.
export default mergeConfig(testConfig, defineConfig({ test: { hookTimeout: 900_000, testTimeout: 300_000 } }));
