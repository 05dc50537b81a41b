import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bin = path.join(repository, 'packages/cli/bin/regelratt.js');

export interface ServeProcess {
    child: ChildProcessWithoutNullStreams;
    base: string;
    /** Everything the process wrote to stderr so far (its address line and its JSON log lines). */
    stderr: () => string;
}

/** `regelratt serve <args>` started as a process on a free port, once it says where it answers. */
export async function startServe(args: readonly string[], env: Record<string, string> = {}): Promise<ServeProcess> {
    const child = spawn(process.execPath, [bin, 'serve', ...args, '--port', '0'], { env: { ...process.env, ...env } });
    let stderr = '';
    const base = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address within 20 s: ${stderr}`)), 20_000);
        child.stderr.on('data', chunk => {
            stderr += String(chunk);
            const found = /svarar på (http:\/\/[^\s]+) /.exec(stderr);
            if (found) {
                clearTimeout(timer);
                resolve(found[1]);
            }
        });
        child.once('exit', code => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    return { child, base, stderr: () => stderr };
}

/** The service for the policy in `folder`, in this process (Fastify's inject, no port), from the built CLI. */
export async function serveInProcess(folder: string) {
    const { PolicyHolder } = await import('../packages/cli/dist/serve/policy-holder.js');
    const { createServer } = await import('../packages/cli/dist/serve/server.js');
    const { parseArguments } = await import('../packages/cli/dist/arguments.js');
    const parsed = parseArguments(['serve', folder]);
    if (!parsed.ok) {
        throw new Error('arguments');
    }
    const holder = new PolicyHolder([folder], parsed.options, folder);
    const loaded = await holder.reload();
    if (!loaded.ok) {
        throw new Error(`the policy in ${folder} does not load`);
    }
    return createServer(holder, {});
}
