import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import globals from 'globals';

const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw IPC lives only in electron/app/bridge.ts (main) and electron/app/preload.ts; use the typed contract.',
};

const electronImport = (where) => ({ name: 'electron', message: `Only electron/app/ imports electron; code in ${where} is plain Node.` });
const folder = (group, message) => ({ group, message });
const bindings = [
  folder(['**/app/*', '**/app/**'], 'electron/app/ is the desktop binding; nothing outside it imports it.'),
  folder(['**/host/*', '**/cli/*'], 'The browser host and the CLI are bindings; nothing below them imports them.'),
];
/** One no-restricted-imports rule per folder of electron/ (ESLint keeps only the last rule that matches a file). */
function folderRules() {
  const rule = (files, paths, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } });
  return [
    rule(['electron/app/**/*.ts'], [rawIpc], [folder(['**/host/*', '**/cli/*'], 'The desktop binding does not import the other bindings.')]),
    rule(['electron/core/**/*.ts'], [electronImport('electron/core/')], bindings),
    rule(['electron/host/**/*.ts'], [electronImport('The browser host')], [bindings[0], folder(['**/cli/*'], 'The browser host does not import the CLI.')]),
    rule(['electron/cli/**/*.ts'], [electronImport('The CLI')], [bindings[0], folder(['**/host/*'], 'The CLI does not import the browser host.')]),
    rule(['electron/services/**/*.ts', 'electron/db/**/*.ts'], [electronImport('services/ and db/')], [
      ...bindings,
      folder(['**/core/*'], 'Services receive what they need from the composition root (electron/core/); they never import it.'),
    ]),
    rule(['electron/sandbox/**/*.ts'], [electronImport('The sandbox')], [
      ...bindings,
      folder(['**/core/*', '**/services/*', '**/services/**', '**/db/*'], 'The sandbox stands alone: the app reaches it over HTTP only.'),
    ]),
  ];
}

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
  // Folders say what their code may touch (docs/architecture.md). Only electron/app/ imports electron; the handler
  // tables and the composition root (core/) import no binding; services/ and db/ import neither a binding nor core/;
  // the sandbox is a world of its own that the app reaches only through HTTP.
  ...folderRules(),
  { files: ['electron/app/bridge.ts', 'electron/app/preload.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['shared/**/*.ts', 'electron/core/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'error' } },
  { files: ['tests/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-empty-pattern': 'off' } },
  // Measurement code is the benchmark's own: a test that needs one of its helpers finds it in tests/fixtures/.
  {
    files: ['tests/**/*.ts'],
    ignores: ['tests/bench/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpc], patterns: [folder(['**/bench/*', '**/bench/**'], 'Only tests/bench/ imports benchmark code; shared helpers live in tests/fixtures/.')] }] },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
