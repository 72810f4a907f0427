import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layering rule (like VS Code's common / browser / node / electron-main):
 * - shared/   imports nothing of ours and nothing of Node or Electron: it runs everywhere.
 * - renderer/ never imports main/, Node built-ins or Electron: it is a web page.
 * - main/     may use Node, but only main/app/ imports electron: the core runs without it.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOrElectron = {
  paths: [
    ...nodeBuiltins.map((name) => ({ name, message: `${name} is Node-only: shared/ and the renderer run in a browser.` })),
    { name: 'electron', message: 'Only main/app imports electron.' },
  ],
};

export const layering = {
  shared: {
    'no-restricted-imports': [
      'error',
      {
        ...nodeOrElectron,
        patterns: [
          { regex: '(^|/)(main|renderer|bench|test)(/|$)', message: 'shared/ imports nothing of ours outside shared/.' },
        ],
      },
    ],
  },
  renderer: {
    'no-restricted-imports': [
      'error',
      {
        ...nodeOrElectron,
        patterns: [
          { regex: '(^|/)main(/|$)', message: 'The renderer never imports main/: name an operation in shared/contract.ts instead.' },
          { regex: '^electron/', message: 'Only main/app imports electron.' },
        ],
      },
    ],
  },
  main: {
    'no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'electron', message: 'Only main/app imports electron: the core must run without it.' }],
        patterns: [
          { regex: '^electron/', message: 'Only main/app imports electron.' },
          { regex: '(^|/)renderer(/|$)', message: 'main/ never imports the renderer.' },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='eval']", message: 'No eval.' }],
    },
  },
  { files: ['shared/**/*.{ts,tsx}'], rules: layering.shared },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...layering.renderer, 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  { files: ['main/**/*.ts'], ignores: ['main/app/**'], rules: layering.main },
);
