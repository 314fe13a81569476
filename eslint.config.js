// Lint: TypeScript rules plus the layer import rules of docs/architecture.md, made mechanical.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const nodeImports = ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)];

const electronImports = ['electron', 'electron/*', 'electron-store'];

/** One `no-restricted-imports` rule whose message says which layer rule was broken. */
function forbid(layer, groups) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: groups.map(([group, why]) => ({
          group,
          message: `${layer} ${why} (see docs/architecture.md, "Import rules").`,
        })),
      },
    ],
  };
}

// Core layers in main/ that sit below the service and must not reach up or sideways into shells.
const coreFolders = ['pool', 'trust', 'hosts', 'forward', 'service'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['app/**/*.ts'],
    rules: forbid('app/ is the contract every process speaks and', [
      [nodeImports, 'may not import Node builtins'],
      [electronImports, 'may not import electron'],
      [['ssh2', 'ssh2/*', 'conf', 'ws', 'react', 'react-dom', '@xterm/*'], 'may import only app/ and a schema library'],
      [['**/main/**', '**/renderer/**', '../main', '../renderer'], 'may not import main/ or renderer/'],
    ]),
  },
  {
    files: coreFolders.map((f) => `main/${f}/**/*.ts`),
    rules: forbid('main/{pool,trust,hosts,forward,service}', [
      [electronImports, 'runs under plain Node and may not import electron or electron-store'],
      [['**/renderer/**'], 'may not import renderer/'],
      [['**/electron/**', '**/web/**', '../electron', '../web'], 'may not import the shells (main/electron, main/web)'],
    ]),
  },
  {
    files: ['main/pool/**/*.ts'],
    rules: forbid('main/pool is the lowest core layer and', [
      [electronImports, 'may not import electron'],
      [['**/renderer/**'], 'may not import renderer/'],
      [
        ['**/trust/**', '**/hosts/**', '**/forward/**', '**/service/**', '**/electron/**', '**/web/**'],
        'may not import layers above it; take what it needs through constructor options',
      ],
    ]),
  },
  {
    files: ['main/trust/**/*.ts'],
    rules: forbid('main/trust', [
      [electronImports, 'may not import electron'],
      [['**/renderer/**'], 'may not import renderer/'],
      [['**/hosts/**', '**/forward/**', '**/service/**', '**/electron/**', '**/web/**'], 'may not import layers above it'],
    ]),
  },
  {
    files: ['main/web/**/*.ts'],
    rules: forbid('main/web', [
      [electronImports, 'may not import electron'],
      [['**/renderer/**'], 'serves the built renderer but may not import its sources'],
    ]),
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: forbid('main/electron', [[['**/renderer/**'], 'may not import renderer/ sources']]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.ts'],
    rules: forbid('renderer/ reaches the core only through the SkeinApi bridge and', [
      [nodeImports, 'may not import Node builtins'],
      [electronImports, 'may not import electron'],
      [['ssh2', 'ssh2/*', 'conf'], 'may not import ssh2'],
      [['**/main/**', '../main'], 'may not import main/'],
    ]),
  },
  {
    // Renderer unit tests run under Node's test runner: node:test and node:assert, still nothing of main/.
    files: ['renderer/**/*.test.ts'],
    rules: forbid('renderer/ tests check renderer code and', [
      [electronImports, 'may not import electron'],
      [['ssh2', 'ssh2/*', 'conf'], 'may not import ssh2'],
      [['**/main/**', '../main'], 'may not import main/'],
    ]),
  },
);
