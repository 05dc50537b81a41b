import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { CliOptions } from '../arguments.js';
import { builtin } from '../builtin-modules.js';
import type { CliIO } from '../io.js';
import { PolicyFolder } from '../studio/policy-folder.js';
import { RequestGuard } from '../studio/request-guard.js';
import { studioHandler } from '../studio/studio-server.js';
import { systemErrorText } from '../system-errors.js';
import { EXIT_USAGE_OR_IO } from './check.js';

/**
 * `regelratt studio [folder]`: Regelrätt Studio on localhost (the built app of @regelratt/studio and
 * the file API of ../studio/). Listens on 127.0.0.1 only; a free port unless `--port` says which.
 */
export async function runStudio(options: CliOptions, io: CliIO): Promise<number> {
    const sv = options.locale === 'sv';
    const given = path.resolve(io.cwd, options.inputs[0] ?? '.');
    const stat = await fs.stat(given).catch(() => undefined);
    if (!stat?.isDirectory()) {
        io.stderr.write(`regelratt: ${sv ? `${given} är ingen mapp` : `${given} is not a folder`}.\n`);
        return EXIT_USAGE_OR_IO;
    }
    const folder = await PolicyFolder.open(given);
    const app = path.join(path.dirname(createRequire(import.meta.url).resolve('@regelratt/studio/package.json')), 'dist');
    const server = builtin('node:http').createServer();
    const port = options.port ?? 0;
    try {
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(port, '127.0.0.1', resolve);
        });
    } catch (error) {
        io.stderr.write(`regelratt: ${sv ? `kan inte lyssna på port ${port}` : `cannot listen on port ${port}`}: ${systemErrorText(error, options.locale)}.\n`);
        return EXIT_USAGE_OR_IO;
    }
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    // The guard knows the port only once listening; nothing is answered before it is in place.
    server.on('request', studioHandler({ folder, app, maxFileBytes: options.maxFileBytes, log: text => io.stderr.write(text) }, new RequestGuard(actualPort)));
    const url = `http://127.0.0.1:${actualPort}/`;
    io.stderr.write(sv ? `Regelrätt Studio: öppna ${url} i webbläsaren (mappen ${given}). Avsluta med Ctrl+C.\n` : `Regelrätt Studio: open ${url} in the browser (folder ${given}). Stop with Ctrl+C.\n`);
    return new Promise(resolve => {
        const stop = () => server.close(() => resolve(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
    });
}
