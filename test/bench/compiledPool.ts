// Loads main/pool as plain TypeScript-compiler output, without tsx's __name wrappers, as a built app runs it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

type PoolModule = typeof import('../../main/pool/index.js');

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * tsx compiles with esbuild's keepNames, which wraps every named closure in __name() and so gives
 * each closure instance its own property store (about 250 bytes). The production build is tsc,
 * which does not; memory per connection or channel is measured on this copy for that reason.
 */
export async function compiledPool(): Promise<PoolModule> {
  const outDir = mkdtempSync(join(tmpdir(), 'skein-pool-js-'));
  try {
    const entry = join(repoRoot, 'main/pool/index.ts');
    const queue = [entry];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      });
      const js = outputText.replace(/(\bfrom\s*|\bimport\s*)(['"])([^'"]+)\2/g, (whole, lead: string, quote: string, spec: string) => {
        if (spec.startsWith('.')) {
          queue.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
          return `${lead}${quote}${spec.replace(/\.js$/, '.mjs')}${quote}`;
        }
        if (spec.startsWith('node:')) return whole;
        // Bare packages resolve from the repo, not from the temp folder.
        return `${lead}${quote}${import.meta.resolve(spec)}${quote}`;
      });
      // .mjs: tsx leaves those alone, so no __name() is added back at load time.
      const out = join(outDir, relative(repoRoot, file).replace(/\.ts$/, '.mjs'));
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, js);
    }
    return (await import(pathToFileURL(join(outDir, 'main/pool/index.mjs')).href)) as PoolModule;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
