#!/usr/bin/env node
// The bundled command line (built by `npm run build`; see packages/cli/esbuild.mjs), loaded with the
// code V8 compiled for it on an earlier run: compiling the 2 MB bundle is a part of every start-up.
import { loadWithCodeCache } from './code-cache.js';

const bundle = new URL('../dist/regelratt.bundle.cjs', import.meta.url);
// Our own cache on every Node: it is written when a run ends, so it holds the functions the run
// compiled lazily too, where Node's compile cache (module.enableCompileCache, Node 22 and later)
// holds only what compiling the file gave (Node 24: 248 -> 214 ms for `check examples/orebro`).
const loaded = loadWithCodeCache(bundle, process.argv[2]);
const { colourWanted, main } = loaded;

// A reader that stops early (`regelratt check … | head`) closes the pipe: stop quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', error => {
        if (error.code === 'EPIPE') {
            process.exit(process.exitCode ?? 0);
        }
        throw error;
    });
}

process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(),
    stderrIsTerminal: process.stderr.isTTY === true,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    colour: colourWanted(process.stdout, process.env),
});
