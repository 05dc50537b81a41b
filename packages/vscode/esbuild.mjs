// Bundles the extension client and the language server into single CommonJS files, so the
// extension runs without node_modules (VS Code loads extensions as CommonJS; Langium is ESM).
import { copyFile, cp, mkdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
await esbuild.build({
    absWorkingDir: here,
    entryPoints: { extension: 'src/extension.ts', server: 'src/server/main.ts' },
    outdir: 'out',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    sourcemap: true,
    // Smaller to load and to ship; the source maps (built, not shipped) keep stack traces of a local
    // build readable. No `keepNames`: it
    // wraps every closure the parser and linker create per node in a call, which doubled the time
    // from keystroke to diagnostics (test/bench/lsp.mjs: 80 → 135 ms median).
    minify: true,
    logLevel: 'warning',
    // The language finds the shipped libraries (`använd nationellt`) beside its own folder through
    // import.meta.url, which a CommonJS bundle lacks: the bundle's own file stands in for it.
    define: { 'import.meta.url': '__regelrattImportMetaUrl' },
    banner: { js: "const __regelrattImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The libraries, where library-root.ts looks from out/server.cjs: library/ beside out/.
await rm(path.join(here, 'library'), { recursive: true, force: true });
await cp(path.join(here, '../language/library'), path.join(here, 'library'), { recursive: true });
// The TextMate grammar is maintained at the repository root (syntaxes/); the extension ships a copy.
await mkdir(path.join(here, 'syntaxes'), { recursive: true });
await copyFile(path.join(here, '../../syntaxes/regelratt.tmLanguage.json'), path.join(here, 'syntaxes/regelratt.tmLanguage.json'));
