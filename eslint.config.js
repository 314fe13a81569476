// Lint: typescript-eslint's type-aware rules, and the layer import rules of docs/architecture.md as allow-lists.
import { builtinModules } from 'node:module';
import path, { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const root = dirname(fileURLToPath(import.meta.url));

// The layer rule is written here by hand: the table is an allow-list over folders and packages, and
// the plugins made for boundaries need an import resolver for NodeNext `.js` specifiers of `.ts` files.
const builtins = new Set(builtinModules);

/** The folder (relative to the repo root, '/'-separated) a file or import lands in, e.g. "main/pool". */
function layerOf(relativePath, layers) {
  const p = relativePath.split(path.sep).join('/');
  // Longest layer name first, so main/pool wins over main.
  return [...layers].sort((a, b) => b.length - a.length).find((l) => p === l || p.startsWith(`${l}/`));
}

function packageOf(specifier) {
  if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0])) return 'node:';
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function matchesPackage(pkg, allowed) {
  return allowed.some((a) => a === '*' || (a.endsWith('/*') ? pkg.startsWith(a.slice(0, -1)) : pkg === a));
}

/**
 * Options: { root, layers: { [folder]: { folders: string[], packages: string[] } },
 *            testFiles: { folders, packages } } — what *.test.ts files may import in addition.
 */
const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'imports must stay within what the layer table of docs/architecture.md allows' },
    schema: [{ type: 'object' }],
  },
  create(context) {
    const { root, layers, testFiles } = context.options[0];
    const file = path.relative(root, context.filename);
    const from = layerOf(file, Object.keys(layers));
    if (!from) return {};
    const isTest = /\.test\.tsx?$/.test(file);
    const allow = layers[from];
    const folders = [...allow.folders, ...(isTest ? testFiles.folders : [])];
    const packages = [...allow.packages, ...(isTest ? testFiles.packages : [])];

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(context.filename), specifier));
        const to = layerOf(target, [...Object.keys(layers), ...testFiles.folders]) ?? target.split(path.sep).slice(0, 2).join('/');
        if (to === from || folders.includes(to)) return;
        context.report({ node, message: `${from}/ may not import ${to}/ (${specifier}); it may import ${[from, ...folders].join(', ')} (see docs/architecture.md, "Import rules").` });
        return;
      }
      const pkg = packageOf(specifier);
      if (matchesPackage(pkg, packages)) return;
      const what = pkg === 'node:' ? `the Node builtin ${specifier}` : `the package ${pkg}`;
      context.report({ node, message: `${from}/ may not import ${what}; it may import ${packages.length ? packages.join(', ') : 'no packages'} (see docs/architecture.md, "Import rules").` });
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

/**
 * What each folder may import: other folders (by path from the repo root) and packages ('node:'
 * stands for every Node builtin, 'scope/*' for a scope, '*' for any). A folder may import itself.
 * Only folders that exist are listed; a new folder gets its row when it is made.
 */
const core = ['node:', 'ssh2'];
const layers = {
  app: { folders: [], packages: ['zod'] },
  'main/pool': { folders: ['app'], packages: core },
  'main/trust': { folders: ['app', 'main/pool'], packages: ['node:'] },
  'main/hosts': { folders: ['app', 'main/pool', 'main/trust'], packages: ['node:', 'conf', 'ssh-config', 'zod'] },
  'main/forward': { folders: ['app', 'main/pool'], packages: core },
  'main/service': { folders: ['app', 'main/pool', 'main/trust', 'main/hosts', 'main/forward'], packages: ['node:'] },
  // Everything in main/ (architecture.md): the desktop shell serves the page and streams tabs as web mode does.
  'main/electron': {
    folders: ['app', 'main/pool', 'main/trust', 'main/hosts', 'main/forward', 'main/service', 'main/web'],
    packages: ['node:', 'electron', 'electron-store'],
  },
  'main/web': { folders: ['app', 'main/service', 'main/hosts'], packages: ['node:', 'ws', 'conf'] },
  renderer: { folders: ['app'], packages: ['react', 'react-dom', '@tanstack/react-virtual', '@xterm/*'] },
  // End-to-end specs, fixtures and benchmarks drive everything and may use any dev tool.
  test: { folders: ['app', 'main/pool', 'main/trust', 'main/hosts', 'main/forward', 'main/service', 'main/electron', 'main/web', 'renderer'], packages: ['*'] },
};
/** Tests beside the code may also use the test fixtures and the runner. */
const testFiles = { folders: ['test'], packages: ['node:', 'ssh2', 'conf', 'eslint'] };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // The top-level solution file leads the project service to each layer's config (test/e2e lists playwright.config.ts).
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    plugins: { skein: { rules: { 'layer-imports': layerImports } } },
    rules: {
      'skein/layer-imports': ['error', { root, layers, testFiles }],
      // node:test's test() returns a promise the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      // `async` without `await` is kept on purpose: it turns a synchronous throw into a rejection,
      // which is what every SkeinApi caller and transport relies on.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Template strings build every message a person reads; numbers in them are intended.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    // Tests read raw JSON files and library internals on purpose, to see what is really on disk
    // or on the wire; the product code gets no such leave.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    // The renderer's project leaves its tests out (they run under Node, not in the page); their own project has Node's types.
    files: ['renderer/**/*.test.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './renderer/tsconfig.test.json', tsconfigRootDir: root } },
  },
  {
    // Plain JavaScript (this file, the lint rule) has no types to check; vite.config.ts is in no layer's project.
    files: ['**/*.js', 'vite.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
);
