// Lint rules for the whole project (`npm run lint`). Formatting is Prettier's job (`npm run format`), so
// eslint-config-prettier turns off every stylistic rule that would disagree with it.
// A rule switched off or loosened anywhere below says why.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.astro/',
      '.build-cache/',
      '.wrangler/',
      'bench-results/',
      'coverage/',
      'screenshots/',
      'public/',
      // Reporters' content and fixtures that stand for other people's files are not our code.
      'content/',
      'tests/fixtures/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  astro.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      // Import cycles are checked by dependency-cruiser (`npm run lint:cycles`), which also sees type-only imports.
      // Sizes a reader can hold in their head; a function past them is split into named steps.
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      complexity: ['error', 15],
      'max-depth': ['error', 4],
      'max-params': ['error', 5],
      'max-nested-callbacks': ['error', 4],
      'no-sequences': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      'no-var': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A test is one long `describe` of cases; its length is the list of cases, not one function's logic.
    files: ['tests/**/*.ts'],
    rules: {
      'max-lines-per-function': 'off',
      'max-nested-callbacks': ['error', 6],
    },
  },
  prettier,
  {
    // After eslint-config-prettier, which turns max-len off: Prettier wraps code at 120 but leaves long
    // strings, template literals and comments alone.
    rules: {
      'max-len': ['error', { code: 160, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
);
