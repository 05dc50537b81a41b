#!/usr/bin/env node
// The bundled command line (built by `npm run build`; see packages/cli/esbuild.mjs), loaded with the
// code V8 compiled for it on an earlier run: compiling the 2 MB bundle is a part of every start-up.
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadWithCodeCache } from './code-cache.js';

const bundle = new URL('../dist/regelratt.bundle.cjs', import.meta.url);
let loaded;
if (module.enableCompileCache) {
    // Node 22.1 and later keep the cache themselves, in the system's temporary folder.
    module.enableCompileCache();
    loaded = module.createRequire(import.meta.url)(fileURLToPath(bundle));
} else {
    loaded = loadWithCodeCache(bundle);
}
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
    colour: colourWanted(process.stdout, process.env),
});
