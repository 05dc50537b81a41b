#!/usr/bin/env node
// The bundled command line (built by `npm run build`); see packages/cli/esbuild.mjs.
import { colourWanted, main } from '../dist/regelratt.bundle.mjs';

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
