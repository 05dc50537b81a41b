// Bundles the command line into one ESM file: Node then resolves and compiles one module instead
// of several hundred, which takes about a third off start-up (measured in docs/performance.md).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
await esbuild.build({
    absWorkingDir: here,
    // The worker threads of `eval` on a register load their own small entry.
    entryPoints: { 'regelratt.bundle': 'dist/main.js', 'regelratt.eval-worker': 'dist/eval-worker.js' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Some bundled dependencies are CommonJS and call require(); give them one in the ESM bundle.
    banner: { js: "import { createRequire as __regelrattCreateRequire } from 'node:module'; const require = __regelrattCreateRequire(import.meta.url);" },
    // pdfmake (for `dokument` only) reads pdfkit's font metrics from its own folder at run time, so it
    // stays an ordinary dependency, loaded from node_modules when the command asks for it.
    // fastify (for `serve` only) is loaded the same way, so other commands never load it.
    external: ['pdfmake', 'fastify'],
    logLevel: 'warning',
});
