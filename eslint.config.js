// `npm run lint` (CI: .ci/run). typescript-eslint's flat config over src/, test/, bench/, openapi/, proto/.
// Limits from the style brief (STYLE-EXAMPLES.md item 13): lines ≤ 140, functions ≤ 80 lines without
// blank lines and comments. The layer rules and import circles are test/layers/layers.test.ts's job
// (it reads type-only imports too); here no-restricted-imports only keeps adapter packages out of the
// pure layers, where an editor shows it at once. Existing violations are listed in
// eslint-suppressions.json (ESLint bulk suppressions): CI fails on any new one; the list may only shrink.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ADAPTERS = ['better-sqlite3', '@kubernetes/client-node', 'fastify', '@grpc/grpc-js', '@grpc/proto-loader', 'yaml', 'node:*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/api/grpc/gen/**', 'src/api/http/gen/**', 'web/**'] },
  {
    files: ['**/*.ts', '**/*.mts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'max-len': ['error', { code: 140, ignoreUrls: true, ignoreRegExpLiterals: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ADAPTERS, message: 'engine and model are pure (test/engine/purity.test.ts)' }] },
      ],
    },
  },
  {
    // Tests: a describe() body is a table of cases, not a function to split.
    files: ['test/**/*.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
);
