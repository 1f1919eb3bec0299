import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import globals from 'globals';

const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw IPC lives only in electron/ipc/bridge.ts (main) and electron/preload.ts; use the typed contract.',
};

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'tests/e2e/.artifacts/**', 'tests/electron/.artifacts/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [rawIpc] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] }, globals: { ...globals.browser } },
    rules: {
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The renderer and shared code never reach Node or Electron.
  {
    files: ['renderer/**/*.{ts,vue}', 'shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The renderer and shared/ talk to the main side only through the typed api.' }], patterns: [{ group: ['node:*'], message: 'No Node built-ins in renderer/ or shared/.' }, { group: ['**/electron/**'], message: 'The renderer imports only shared/ from outside renderer/.' }] },
      ],
    },
  },
  // The renderer loads no zod and no schemas: its api is built from the channel names (shared/contract/names.ts), main
  // parses every input, and zod's parsers would probe for eval, which the CSP forbids. Types may still be imported.
  {
    files: ['renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to the main side only through the typed api.' },
            { name: 'zod', message: 'No zod in the renderer: main parses every input against the contract.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'No Node built-ins in renderer/.' },
            { group: ['**/electron/**'], message: 'The renderer imports only shared/ from outside renderer/.' },
            {
              regex: 'shared/(contract(/index|/dto|/define)?|symetrisk/schemas|analysis/schemas)$',
              allowTypeImports: true,
              message: 'Schemas (zod) stay on the main side; import their types only, and names from shared/contract/names.',
            },
          ],
        },
      ],
    },
  },
  // Only the thin Electron shell imports electron.
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/window.ts', 'electron/ipc/bridge.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main.ts, preload.ts, window.ts and ipc/bridge.ts import electron; everything else is plain Node.' }] }],
    },
  },
  { files: ['electron/ipc/bridge.ts', 'electron/preload.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['electron/main.ts', 'electron/window.ts'], rules: { 'no-restricted-imports': ['error', { paths: [rawIpc] }] } },
  { files: ['shared/**/*.ts', 'electron/ipc/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'error' } },
  { files: ['tests/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-empty-pattern': 'off' } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
