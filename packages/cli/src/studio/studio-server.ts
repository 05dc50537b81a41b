import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { localeOf } from '../serve/problem.js';
import { systemErrorText } from '../system-errors.js';
import { PathRefused } from './policy-paths.js';
import type { PolicyFolder, Precondition } from './policy-folder.js';
import { sendProblem, type StudioProblemCode } from './problem.js';
import { readBody } from './request-body.js';
import { diffAgainstRevision, type PageFile } from './revision-diff.js';
import { RequestGuard, SECURITY_HEADERS } from './request-guard.js';

/** What a new policy set starts with when the folder has no .regel file yet. */
const STARTER = `// En ny policy. Skriv egenskaper, förlopp, tabeller och exempel här; kontrollen går medan du skriver.
egenskap aktivitetsförmåga "Aktivitetsförmåga" : en av { hög, utvecklingsbar, nedsatt }
`;

/** A comparison carries every file of the policy set: this many files of the largest size a save allows. */
const COMPARED_FILES_AT_MOST = 64;

const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
    '.map': 'application/json', '.ttf': 'font/ttf', '.json': 'application/json',
};

export interface StudioServerOptions {
    folder: PolicyFolder;
    /** The built app (packages/studio/dist). */
    app: string;
    maxFileBytes: number;
    /** Where an unexpected fault is told in full (the terminal); the page gets no paths or messages. */
    log: (text: string) => void;
}

/** A request the studio refuses, with what it says in both languages. */
class Refused extends Error {
    constructor(readonly code: StudioProblemCode, readonly sv: string, readonly en: string, readonly extra: Record<string, unknown> = {}) {
        super(en);
    }
}

/**
 * The studio's HTTP handler: the guard first (host, origin, token), then the file API
 *   GET /api/files                  every .regel file with its text and version tag
 *   GET /api/files?path=p           one file, its version tag also as ETag
 *   GET /api/versions               every file's path and version tag (the page polls it for changes on disk)
 *   PUT /api/files?path=p           a save, with If-Match: the version read, or If-None-Match: * for a new file
 *   GET /api/folder                 the folder's name
 *   POST /api/diff?rev=r            what the page's texts change for citizens against git revision r (HTML)
 * and the app's files; every error a problem+json answer.
 */
export function studioHandler(options: StudioServerOptions, guard: RequestGuard): (request: IncomingMessage, response: ServerResponse) => void {
    return (request, response) => {
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
            response.setHeader(name, value);
        }
        const locale = localeOf(request.headers['accept-language']);
        void handle(request, response, options, guard).catch(async (error: unknown) => {
            // A body left unread when refused early is read and thrown away first: closing on unread
            // data resets the connection, and the client would never see the answer.
            if (!request.complete) {
                response.setHeader('connection', 'close');
                await readBody(request, 0).catch(() => undefined);
            }
            if (error instanceof Refused) {
                sendProblem(response, error.code, locale === 'sv' ? error.sv : error.en, locale, error.extra);
            } else if (error instanceof PathRefused) {
                sendProblem(response, 'bad-path', locale === 'sv' ? error.sv : error.en, locale);
            } else {
                const code = (error as NodeJS.ErrnoException | undefined)?.code;
                options.log(`regelratt studio: ${request.method} ${request.url}: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
                const reason = code ? `: ${systemErrorText(error, locale)}` : '';
                sendProblem(response, 'internal', locale === 'sv' ? `Studion kunde inte utföra det${reason}; se terminalen där den startades.` : `The studio could not do it${reason}; see the terminal it was started in.`, locale);
            }
        });
    };
}

async function handle(request: IncomingMessage, response: ServerResponse, options: StudioServerOptions, guard: RequestGuard): Promise<void> {
    const refusal = guard.refuse(request);
    if (refusal) {
        throw new Refused(refusal.code, refusal.sv, refusal.en);
    }
    const [rawPath, rawQuery = ''] = (request.url ?? '/').split('?', 2);
    // Decoded before the API is recognised, so an encoded `/api/` is the API too and needs the token.
    const pathname = decode(rawPath);
    const api = pathname.startsWith('/api/');
    const apiRefusal = api ? guard.refuseApi(request) : undefined;
    if (apiRefusal) {
        throw new Refused(apiRefusal.code, apiRefusal.sv, apiRefusal.en);
    }
    const query = new Map(rawQuery.split('&').filter(Boolean).map(pair => {
        const [name, value = ''] = pair.split('=', 2);
        return [decode(name.replace(/\+/g, ' ')), decode(value.replace(/\+/g, ' '))] as const;
    }));
    const { folder } = options;
    const relative = query.get('path');
    if (pathname === '/api/files' && request.method === 'GET' && relative === undefined) {
        const files = await folder.list();
        sendJson(response, 200, { files: files.length > 0 ? files : [{ path: 'policy.regel', text: STARTER, version: null }] });
    } else if (pathname === '/api/files' && request.method === 'GET') {
        const file = await folder.read(relative!);
        if (!file) {
            throw new Refused('not-found', `${relative} finns inte i mappen.`, `${relative} is not in the folder.`);
        }
        sendJson(response, 200, file, { etag: `"${file.version}"` });
    } else if (pathname === '/api/versions' && request.method === 'GET') {
        sendJson(response, 200, { files: (await folder.list()).map(({ path: p, version }) => ({ path: p, version })) });
    } else if (pathname === '/api/files' && request.method === 'PUT') {
        await save(request, response, options, relative ?? '');
    } else if (pathname === '/api/folder' && request.method === 'GET') {
        sendJson(response, 200, { name: path.basename(folder.realFolder) });
    } else if (pathname === '/api/diff' && request.method === 'POST') {
        await compare(request, response, options, query.get('rev') ?? 'HEAD');
    } else if (pathname === '/favicon.ico') {
        response.writeHead(204).end();
    } else if (api) {
        throw new Refused('method-not-allowed', `${request.method} ${pathname} finns inte i studions API.`, `${request.method} ${pathname} is not in the studio's API.`);
    } else if (request.method !== 'GET' && request.method !== 'HEAD') {
        throw new Refused('method-not-allowed', `Studions sidor läses med GET, inte ${request.method}.`, `The studio's pages are read with GET, not ${request.method}.`);
    } else {
        await serveApp(response, options.app, pathname, guard);
    }
}

async function save(request: IncomingMessage, response: ServerResponse, options: StudioServerOptions, relative: string): Promise<void> {
    const precondition = preconditionOf(request);
    const body = await readBody(request, options.maxFileBytes);
    if (body === 'too-large') {
        response.setHeader('connection', 'close');
        const mb = (options.maxFileBytes / 1024 / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 1 });
        throw new Refused('body-too-large', `Texten är större än ${mb} MB (--max-file-size) och sparades inte.`, `The text is larger than ${mb} MB (--max-file-size) and was not saved.`);
    }
    const outcome = await options.folder.save(relative, body, precondition);
    if (!outcome.saved) {
        throw new Refused('conflict',
            outcome.current ? `${relative} har ändrats på disken sedan sidan läste den; välj att läsa in diskens version eller att skriva över den.` : `${relative} ${'ifMatch' in precondition ? 'finns inte längre på disken' : 'finns redan på disken'}.`,
            outcome.current ? `${relative} has changed on disk since the page read it; choose to load the disk's version or to overwrite it.` : `${relative} ${'ifMatch' in precondition ? 'is no longer on disk' : 'already exists on disk'}.`,
            { current: outcome.current ?? null });
    }
    sendJson(response, 200, { saved: relative, version: outcome.version }, { etag: `"${outcome.version}"` });
}

/** The page's texts against a git revision: the semantic diff as HTML, or why the two cannot be compared. */
async function compare(request: IncomingMessage, response: ServerResponse, options: StudioServerOptions, revision: string): Promise<void> {
    const locale = localeOf(request.headers['accept-language']);
    const body = await readBody(request, options.maxFileBytes * COMPARED_FILES_AT_MOST);
    if (body === 'too-large') {
        response.setHeader('connection', 'close');
        throw new Refused('body-too-large', 'Texterna är för stora för att jämföras.', 'The texts are too large to compare.');
    }
    let files: PageFile[];
    try {
        const parsed = JSON.parse(body.toString('utf8')) as { files?: unknown };
        if (!Array.isArray(parsed.files) || !parsed.files.every((f): f is PageFile => typeof f === 'object' && f !== null && typeof f.path === 'string' && typeof f.text === 'string')) {
            throw new Error('shape');
        }
        files = parsed.files;
    } catch {
        throw new Refused('bad-request', 'Jämförelsen väntar sig {"files": [{"path": …, "text": …}]}.', 'The comparison expects {"files": [{"path": …, "text": …}]}.');
    }
    const result = await diffAgainstRevision(options.folder.realFolder, revision, files, locale);
    if ('problem' in result) {
        throw new Refused('cannot-compare', result.problem, result.problem);
    }
    sendJson(response, 200, result);
}

/** If-Match: the version the page read; If-None-Match: * for a file that must not exist yet. */
function preconditionOf(request: IncomingMessage): Precondition {
    const ifMatch = request.headers['if-match']?.trim().replace(/^W\//, '');
    if (ifMatch && /^"[A-Za-z0-9_-]+"$/.test(ifMatch)) {
        return { ifMatch: ifMatch.slice(1, -1) };
    }
    if (request.headers['if-none-match']?.trim() === '*') {
        return { ifNoneMatch: true };
    }
    throw new Refused('precondition-required',
        'Ett sparande anger filens version (If-Match) eller att filen är ny (If-None-Match: *), så att ingen annans ändring skrivs över.',
        "A save gives the file's version (If-Match) or that the file is new (If-None-Match: *), so no one else's change is overwritten.");
}

async function serveApp(response: ServerResponse, app: string, pathname: string, guard: RequestGuard): Promise<void> {
    const file = path.resolve(app, `.${pathname === '/' ? '/index.html' : pathname}`);
    const data = path.relative(app, file).startsWith('..') || pathname.includes('\u0000') ? undefined : await fs.readFile(file).catch(() => undefined);
    if (!data) {
        throw new Refused('not-found', `Studion har ingen sida ${pathname}.`, `The studio has no page ${pathname}.`);
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const body = path.basename(file) === 'index.html' ? Buffer.from(guard.withToken(data.toString('utf8'))) : data;
    response.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' });
    response.end(body);
}

function decode(text: string): string {
    try {
        return decodeURIComponent(text);
    } catch {
        throw new Refused('bad-request', 'Adressen har en felaktig %-kodning.', 'The address has a malformed %-encoding.');
    }
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    response.end(text);
}
