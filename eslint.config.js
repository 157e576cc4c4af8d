/**
 * ESLint flat config, run by `npm run lint` (and so by `npm test`).
 *
 * - typescript-eslint's `recommended` set, not the type-checked one: the lint must stay fast on two
 *   cores (about 12 s here, against about 60 s with type information for no-floating-promises and
 *   no-misused-promises, which found nothing), and `tsc` (`npm run typecheck`) checks the types.
 * - Globals follow the runtimes of tsconfig.*.json: Node for core/, cli/, electron/, shared/, scripts/,
 *   bench/, bin/ and the config files; the browser for renderer/; both for tests/.
 * - react-hooks for the React code (renderer/ and the .tsx tests): rules-of-hooks and exhaustive-deps are
 *   errors, not warnings, so a missing dependency fails `npm test` instead of scrolling past.
 * - eslint-config-prettier comes last and turns off every rule about layout: Prettier owns formatting.
 *
 * Prettier (.prettierrc.json, JSON has no comments): 2 spaces, semicolons, single quotes, trailing
 * commas everywhere and 120 columns, the style the code was already written in. .prettierignore leaves
 * out build output, package-lock.json and the data files that are generated or compared byte for byte
 * (data/, the example bundle in docs/); the hand-written locale JSON is formatted, which keeps key order.
 */
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    'out/',
    'out-*/',
    'dist/',
    'release/',
    'test-results/',
    'coverage/',
    '.vite/',
    'data/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a parameter or binding that is unused on purpose (the same convention tsc accepts).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `== null` is the one loose comparison the code uses, for "null or undefined".
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
      'object-shorthand': 'error',
      'no-param-reassign': 'error',
      'no-throw-literal': 'error',
      // Off: the code validates JSON text and user input, where matching control characters is the point.
      'no-control-regex': 'off',
    },
  },
  {
    files: [
      'core/**',
      'cli/**',
      'electron/**',
      'shared/**',
      'scripts/**',
      'bench/**',
      'bin/**',
      '*.config.{js,mjs,cjs,ts}',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['tests/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'tests/**/*.tsx'],
    // Only the two classic rules, not the plugin's `recommended` preset: its React Compiler rules (refs,
    // set-state-in-effect, ...) check compatibility with a compiler this app does not use, and the compiler
    // pass behind them doubled the lint time.
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  prettier,
]);
