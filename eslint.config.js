// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'bench/results/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', 'web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The policy engine is pure: no I/O, no process, no clock. Layers point one way.
    files: ['src/policy/**/*.ts'],
    ignores: ['src/policy/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net'],
              message:
                'src/policy is a pure engine without I/O. Read files in src/packs (loader) or src/cli and pass text or values in.',
            },
            {
              group: ['../cli/*', '../packs/*', '../../bench/*'],
              message:
                'Layers point one way: policy ← packs ← cli. Move shared code into src/policy.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'process',
          message: 'The policy engine takes no input from the process; pass values in.',
        },
      ],
    },
  },
  {
    // The evaluation's statistics are pure numerics: no I/O, no process, no clock, no randomness.
    // Their fixtures (R's reference values) are read by the tests only.
    files: ['src/evaluation/stats/**/*.ts'],
    ignores: ['src/evaluation/stats/**/*.test.ts', 'src/evaluation/stats/fixtures/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net'],
              message:
                'src/evaluation/stats is pure numerics without I/O. Read files in the CLI or the app and pass values in.',
            },
            {
              group: [
                '../../app/*',
                '../../server/*',
                '../../store/*',
                '../../cli/*',
                '../../packs/*',
              ],
              message:
                'Layers point one way: the statistics depend on ml-matrix, jstat and the evaluation model only.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'process',
          message: 'The statistics take no input from the process; pass values in.',
        },
        { name: 'Date', message: 'The statistics read no clock; pass dates in.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'The statistics are deterministic; take a seeded generator as an argument.',
        },
      ],
    },
  },
  {
    // The API's shapes are pure so that the web app can import them: TypeBox and the pure domain.
    files: ['src/api/**/*.ts'],
    ignores: ['src/api/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fastify', '@fastify/*', 'drizzle-orm', 'drizzle-orm/*', 'pg'],
              message:
                'src/api is imported by the web app: only typebox and the pure domain (src/domain, src/policy types). Keep server code in src/server.',
            },
            {
              group: ['../app/*', '../server/*', '../store/*', '../cli/*', '../packs/*'],
              message:
                'src/api is imported by the web app: it may not reach the app, server, store or CLI. Move the shape here and import it from there.',
            },
          ],
        },
      ],
    },
  },
  {
    // What the server defines and the web app imports (src/shared): pure data, bundled by Vite too.
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net'],
              message: 'src/shared is pure data the web app bundles: no Node modules, no I/O.',
            },
            {
              group: [
                '../app/*',
                '../server/*',
                '../store/*',
                '../cli/*',
                '../packs/*',
                '../domain/*',
              ],
              message: 'src/shared depends on nothing but itself (and the policy model’s types).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/shared runs in the browser too; pass values in.' },
      ],
    },
  },
  {
    // The web app runs in the browser.
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        localStorage: 'readonly',
        fetch: 'readonly',
        console: 'readonly',
      },
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
