import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** Helpers for the tests that drive a real `regelratt studio` process over HTTP. */
export const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bin = path.join(repository, 'packages/cli/bin/regelratt.js');

export interface RunningStudio {
    child: ChildProcessWithoutNullStreams;
    port: number;
    base: string;
    stderr: () => string;
}

/** Starts `regelratt studio <folder>` on a free port (under `wrapper`, e.g. strace, when given) and waits for the address it prints. */
export async function startStudio(folder: string, extra: string[] = [], wrapper: string[] = []): Promise<RunningStudio> {
    const command = [...wrapper, process.execPath, bin, 'studio', folder, '--port', '0', ...extra];
    const child = spawn(command[0], command.slice(1));
    let stderr = '';
    const base = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address: ${stderr}`)), 20_000);
        child.stderr.on('data', chunk => {
            stderr += String(chunk);
            const found = /öppna (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
            if (found) {
                clearTimeout(timer);
                resolve(found[1]);
            }
        });
        child.once('exit', code => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    return { child, base, port: Number(new URL(base).port), stderr: () => stderr };
}

export interface Answer {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
}

/** One HTTP request with exactly the headers given (Host included, which fetch does not let a caller set). */
export function send(port: number, method: string, target: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
    return new Promise((resolve, reject) => {
        const outgoing = httpRequest({ host: '127.0.0.1', port, method, path: target, headers: { host: `127.0.0.1:${port}`, ...headers }, agent: false }, response => {
            const chunks: Buffer[] = [];
            response.on('data', chunk => chunks.push(chunk as Buffer));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
            response.on('error', reject);
        });
        outgoing.on('error', reject);
        outgoing.end(body);
    });
}

/** The start-up token the studio puts into its page ('' when there is none: the test that looks for it says so). */
export async function tokenOf(port: number): Promise<string> {
    const page = await send(port, 'GET', '/');
    return /<meta name="regelratt-token" content="([^"]+)">/.exec(page.body)?.[1] ?? '';
}

/** Debian's Chromium, where installed. */
export const chromiumExecutable = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);

/** How the tests start Chromium: headless, and none of its own network traffic (refused on this machine). */
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export interface StudioSession {
    studio: RunningStudio;
    browser: Browser;
    page: Page;
    /** Closes the browser, stops the studio and removes the folder. */
    close(): Promise<void>;
}

/** A copy of examples/orebro in `folder`, the studio started on it and its page open and ready in Chromium. */
export async function openStudioSession(folder: string, context: BrowserContextOptions = {}): Promise<StudioSession> {
    cpSync(path.join(repository, 'examples/orebro'), folder, { recursive: true });
    const studio = await startStudio(folder);
    const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs });
    const page = await (await browser.newContext({ locale: 'sv-SE', ...context })).newPage();
    await page.goto(studio.base);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    return {
        studio, browser, page,
        async close() {
            await browser.close();
            studio.child.kill('SIGTERM');
            rmSync(folder, { recursive: true, force: true });
        },
    };
}
