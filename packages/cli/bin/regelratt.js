#!/usr/bin/env node
// The bundled command line (built by `npm run build`); see packages/cli/esbuild.mjs.
import module from 'node:module';

// V8's compile cache (Node 22.1 and later; absent on Node 20, where this does nothing) keeps the
// bundle's compiled code between runs, in the system's temporary folder: a part of every start-up.
module.enableCompileCache?.();
const { colourWanted, main } = await import('../dist/regelratt.bundle.mjs');

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
    colour: colourWanted(process.stdout, process.env),
});
