import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { CliOptions } from '../arguments.js';
import { builtin } from '../builtin-modules.js';
import type { CliIO } from '../io.js';
import { writeAllOrNothing } from '../write-outputs.js';
import { EXIT_USAGE_OR_IO } from './check.js';

/** What a new policy set starts with when the folder has no .regel file yet. */
const STARTER = `// En ny policy. Skriv egenskaper, förlopp, tabeller och exempel här; kontrollen går medan du skriver.
egenskap aktivitetsförmåga "Aktivitetsförmåga" : en av { hög, utvecklingsbar, nedsatt }
`;

const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
    '.map': 'application/json', '.ttf': 'font/ttf', '.json': 'application/json',
};

/**
 * `regelratt studio [folder]`: Regelrätt Studio on localhost (the built app of @regelratt/studio and
 * a small file API): the folder's .regel files listed and read, each save written beside the file
 * and renamed into place. Listens on 127.0.0.1 only; a free port unless `--port` says which.
 */
export async function runStudio(options: CliOptions, io: CliIO): Promise<number> {
    const sv = options.locale === 'sv';
    const folder = path.resolve(io.cwd, options.inputs[0] ?? '.');
    const stat = await fs.stat(folder).catch(() => undefined);
    if (!stat?.isDirectory()) {
        io.stderr.write(`regelratt: ${sv ? `${folder} är ingen mapp` : `${folder} is not a folder`}.\n`);
        return EXIT_USAGE_OR_IO;
    }
    const app = path.join(path.dirname(createRequire(import.meta.url).resolve('@regelratt/studio/package.json')), 'dist');
    const server = builtin('node:http').createServer((request, response) => {
        void handle(request, response, folder, app, options).catch(error => {
            send(response, 500, { detail: error instanceof Error ? error.message : String(error) });
        });
    });
    const port = options.port ?? 0;
    try {
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(port, '127.0.0.1', resolve);
        });
    } catch (error) {
        io.stderr.write(`regelratt: ${sv ? `kan inte lyssna på port ${port}` : `cannot listen on port ${port}`}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
        return EXIT_USAGE_OR_IO;
    }
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/`;
    io.stderr.write(sv ? `Regelrätt Studio: öppna ${url} i webbläsaren (mappen ${folder}). Avsluta med Ctrl+C.\n` : `Regelrätt Studio: open ${url} in the browser (folder ${folder}). Stop with Ctrl+C.\n`);
    return new Promise(resolve => {
        const stop = () => server.close(() => resolve(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
    });
}

async function handle(request: IncomingMessage, response: ServerResponse, folder: string, app: string, options: CliOptions): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api/files' && request.method === 'GET') {
        const files = await policyFiles(folder);
        send(response, 200, { files: files.length > 0 ? files : [{ path: 'policy.regel', text: STARTER }] });
        return;
    }
    if (url.pathname === '/api/files' && request.method === 'PUT') {
        const relative = url.searchParams.get('path') ?? '';
        const target = path.resolve(folder, relative);
        // Only .regel files inside the folder: a path that climbs out is refused.
        if (!relative.endsWith('.regel') || path.relative(folder, target).startsWith('..') || path.isAbsolute(relative)) {
            send(response, 400, { detail: `not a .regel file in the folder: ${relative}` });
            return;
        }
        const body = await readBody(request, options.maxFileBytes);
        if (body === undefined) {
            send(response, 413, { detail: `larger than ${options.maxFileBytes} bytes` });
            return;
        }
        const problems: string[] = [];
        const failed = await writeAllOrNothing([{ target, data: body }], folder, options.locale, { stdout: process.stdout, stderr: { write: (text: string) => { problems.push(text.trim()); return true; } } as unknown as NodeJS.WritableStream, cwd: folder } as CliIO);
        send(response, failed === undefined ? 200 : 500, failed === undefined ? { saved: relative } : { detail: problems.join(' ') });
        return;
    }
    if (url.pathname === '/api/folder' && request.method === 'GET') {
        send(response, 200, { name: path.basename(folder) });
        return;
    }
    if (url.pathname === '/favicon.ico') {
        response.writeHead(204).end();
        return;
    }
    if (request.method !== 'GET') {
        send(response, 405, { detail: request.method });
        return;
    }
    const file = path.resolve(app, `.${url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname)}`);
    if (path.relative(app, file).startsWith('..')) {
        send(response, 404, { detail: url.pathname });
        return;
    }
    const data = await fs.readFile(file).catch(() => undefined);
    if (!data) {
        send(response, 404, { detail: url.pathname });
        return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    response.end(data);
}

/** Every .regel file under the folder, by its path relative to it with `/`. */
async function policyFiles(folder: string): Promise<Array<{ path: string; text: string }>> {
    const found: Array<{ path: string; text: string }> = [];
    const visit = async (directory: string): Promise<void> => {
        for (const entry of (await fs.readdir(directory, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
            const full = path.join(directory, entry.name);
            if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
                await visit(full);
            } else if (entry.isFile() && entry.name.endsWith('.regel')) {
                found.push({ path: path.relative(folder, full).split(path.sep).join('/'), text: (await fs.readFile(full, 'utf8')).replace(/^\uFEFF/, '') });
            }
        }
    };
    await visit(folder);
    return found;
}

function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        request.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > limit) {
                resolve(undefined);
                request.destroy();
                return;
            }
            chunks.push(chunk);
        });
        request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        request.on('error', reject);
    });
}

function send(response: ServerResponse, status: number, body: unknown): void {
    if (response.headersSent) {
        return;
    }
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
}
