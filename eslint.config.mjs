// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// One config for the whole monorepo; each package runs `eslint .` and ESLint finds this file upward.
export default defineConfig(
  { ignores: ['**/dist/**', '**/coverage/**', '**/.turbo/**', '**/*.generated.ts', 'packages/*/kernel/**', '**/.vitepress/cache/**', '**/test-results/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.node, ...globals.browser },
    },
  },
);
