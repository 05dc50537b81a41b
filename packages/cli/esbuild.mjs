// Bundles the command line into one file: Node then resolves and compiles one module instead of
// several hundred, which takes about a third off start-up (measured in docs/performance.md).
// CommonJS, so bin/regelratt.js can hand V8 the code it compiled on an earlier run (a code cache,
// bin/code-cache.js) on every Node this package supports.
import { cp, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const common = {
    absWorkingDir: here,
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    // pdfkit (for `dokument`'s PDF only) reads its own data files from its folder at run time, so it
    // stays an ordinary dependency, loaded from node_modules when the command asks for it.
    // fastify (for `serve` only) and exceljs (for an .xlsx register only) are loaded the same way, so
    // other commands never load them.
    external: ['pdfkit', 'fastify', 'exceljs'],
    logLevel: 'warning',
};
await esbuild.build({
    ...common,
    entryPoints: { 'regelratt.bundle': 'dist/main.js' },
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // import() of the PDF renderer and fastify becomes a require() when the command runs: bin/code-cache.js
    // loads the bundle as a vm.Script, and on Node 20 a script given cached data has nowhere to send
    // an import() (`dokument` and `serve` failed there with "A dynamic import callback was not
    // specified"). The smoke test runs both commands on every Node, twice, the code cache in use.
    supported: { 'dynamic-import': false },
    // The sources are ES modules that find files beside themselves through import.meta.url.
    define: { 'import.meta.url': '__regelrattImportMetaUrl' },
    banner: { js: "const __regelrattImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The worker threads of `eval` on a register load their own small entry.
await esbuild.build({
    ...common,
    entryPoints: { 'regelratt.eval-worker': 'dist/eval-worker.js' },
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    // Some bundled dependencies are CommonJS and call require(); give them one in the ESM bundle.
    banner: { js: "import { createRequire as __regelrattCreateRequire } from 'node:module'; const require = __regelrattCreateRequire(import.meta.url);" },
});
// The libraries a policy imports (`använd nationellt`), where library-root.ts looks from the
// bundle in dist/: library/ beside dist/.
await rm(path.join(here, 'library'), { recursive: true, force: true });
await cp(path.join(here, '../language/library'), path.join(here, 'library'), { recursive: true });
