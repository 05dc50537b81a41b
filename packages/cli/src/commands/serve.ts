import type { CliOptions } from '../arguments.js';
import type { CliIO } from '../io.js';
import { systemErrorText } from '../system-errors.js';
import { PolicyHolder } from '../serve/policy-holder.js';
import { createServer } from '../serve/server.js';
import { EXIT_POLICY_ERRORS, EXIT_USAGE_OR_IO } from './check.js';

/**
 * `regelratt serve <files or folders | compiled folder>`: the evaluation service (serve/server.ts)
 * on localhost:8080 unless `--host` and `--port` say otherwise. Logs are JSON lines on stderr.
 * SIGHUP (or POST /admin/reload with REGELRATT_RELOAD_TOKEN) loads the files again and swaps the
 * policy whole; SIGTERM and SIGINT stop taking requests, finish those in flight and exit 0.
 */
export async function runServe(options: CliOptions, io: CliIO): Promise<number> {
    const sv = options.locale === 'sv';
    const holder = new PolicyHolder(options.inputs, options, io.cwd);
    const first = await holder.reload();
    if (!first.ok) {
        io.stderr.write(`regelratt: ${first.problem}\n`);
        return EXIT_POLICY_ERRORS;
    }
    const app = await createServer(holder, {
        log: process.stderr,
        ...(options.logLevel ? { logLevel: options.logLevel } : {}),
        ...(options.logRequests !== undefined ? { logRequests: options.logRequests } : {}),
        ...(options.requestTimeout !== undefined ? { requestTimeout: options.requestTimeout * 1000 } : {}),
        ...(options.bodyTimeout !== undefined ? { bodyTimeout: options.bodyTimeout * 1000 } : {}),
        ...(process.env.REGELRATT_RELOAD_TOKEN ? { reloadToken: process.env.REGELRATT_RELOAD_TOKEN } : {}),
    });
    const port = options.port ?? 8080;
    const host = options.host ?? '127.0.0.1';
    try {
        await app.listen({ port, host });
    } catch (error) {
        io.stderr.write(`regelratt: ${sv ? `kan inte lyssna på ${host}:${port}` : `cannot listen on ${host}:${port}`}: ${systemErrorText(error, options.locale)}.\n`);
        return EXIT_USAGE_OR_IO;
    }
    const address = app.server.address();
    const shown = typeof address === 'object' && address ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}` : String(address);
    io.stderr.write(sv
        ? `Regelrätt svarar på ${shown} (policy ${first.policy.version}; API-beskrivning på ${shown}/openapi.json).\n`
        : `Regelrätt answers on ${shown} (policy ${first.policy.version}; API description at ${shown}/openapi.json).\n`);
    const reload = async () => {
        const result = await holder.reload();
        app.log[result.ok ? 'info' : 'warn'](result.ok ? { policyVersion: result.policy.version } : { problem: result.problem }, result.ok ? 'policy reloaded (SIGHUP)' : 'reload failed; the old policy stays');
    };
    process.on('SIGHUP', () => void reload());
    return new Promise(resolve => {
        const stop = () => {
            app.log.info('shutting down: finishing requests in flight');
            // A keep-alive connection that finishes its request after the close began would otherwise
            // hold the process open until its timeout: close each one as soon as it is idle.
            const idle = setInterval(() => app.server.closeIdleConnections(), 50);
            void app.close().then(() => {
                clearInterval(idle);
                resolve(0);
            });
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
    });
}
