import { appendFileSync, chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repository, send, startStudio, tokenOf, type RunningStudio } from './studio-process.js';

/**
 * `regelratt studio` as something on the network and on disk sees it, driven over HTTP as a real
 * process on a copy of examples/orebro: only its own host, origin and token are let in; saves are
 * versioned (If-Match), durable, serialised, kept in the history, and stay inside the folder; every
 * refusal is a problem+json answer without a server path. Then, in Chromium, a DNS-rebinding page
 * (a site's name pointed at 127.0.0.1) reads and writes nothing.
 */
const root = mkdtempSync(path.join(tmpdir(), 'regelratt-studio-security-'));
const folder = path.join(root, 'policy');
const outside = path.join(root, 'outside');
let studio: RunningStudio;
let token = '';

const put = (relative: string, body: string | Buffer, headers: Record<string, string> = {}) => send(studio.port, 'PUT', `/api/files?path=${encodeURIComponent(relative)}`, { 'x-regelratt-token': token, ...headers }, body);
const get = (target: string, headers: Record<string, string> = {}) => send(studio.port, 'GET', target, { 'x-regelratt-token': token, ...headers });
const versionOf = async (relative: string) => (JSON.parse((await get(`/api/files?path=${encodeURIComponent(relative)}`)).body) as { version: string }).version;

/** A refusal as the API gives it: problem+json with a Swedish detail, and nothing about where the server keeps its files. */
function expectProblem(answer: { status: number; headers: Record<string, unknown>; body: string }, status: number): { detail: string; type: string } {
    expect(answer.status).toBe(status);
    expect(String(answer.headers['content-type'])).toContain('application/problem+json');
    const problem = JSON.parse(answer.body) as { type: string; title: string; status: number; detail: string };
    expect(problem).toMatchObject({ status, type: expect.stringMatching(/^urn:regelratt:studio:/) });
    expect(problem.title.length).toBeGreaterThan(0);
    expect(problem.detail.length).toBeGreaterThan(0);
    expect(answer.body).not.toContain(root);
    expect(answer.body).not.toContain(repository);
    return problem;
}

beforeAll(async () => {
    cpSync(path.join(repository, 'examples/orebro'), folder, { recursive: true });
    mkdirSync(outside);
    studio = await startStudio(folder);
    token = await tokenOf(studio.port);
}, 30_000);

afterAll(() => {
    studio?.child.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
});

describe('who may talk to the studio', () => {
    test('another Host (DNS rebinding) is refused before anything: no files, no token, nothing written', async () => {
        const host = { host: `evil.example:${studio.port}` };
        const listed = await get('/api/files', host);
        expectProblem(listed, 421);
        expect(listed.body).not.toContain('egenskap');
        const page = await send(studio.port, 'GET', '/', host);
        expect(page.status).toBe(421);
        expect(page.body).not.toContain('regelratt-token');
        expectProblem(await put('rebinding.regel', 'x', { ...host, 'if-none-match': '*' }), 421);
        // Before anything else: a malformed address from another Host is not even decoded.
        expectProblem(await send(studio.port, 'GET', '/%E0%A4%A', host), 421);
        expect(existsSync(path.join(folder, 'rebinding.regel'))).toBe(false);
        // Its own names are let in.
        for (const own of [`localhost:${studio.port}`, `[::1]:${studio.port}`]) {
            expect((await get('/api/versions', { host: own })).status).toBe(200);
        }
    });

    test('a request from another origin is refused, reads as well as writes', async () => {
        const origin = { origin: `http://evil.example:${studio.port}` };
        expectProblem(await get('/api/files', origin), 403);
        expectProblem(await put('fran-annan.regel', 'x', { ...origin, 'if-none-match': '*' }), 403);
        expect(existsSync(path.join(folder, 'fran-annan.regel'))).toBe(false);
        expect((await get('/api/versions', { origin: `http://127.0.0.1:${studio.port}` })).status).toBe(200);
    });

    test('the API requires the start-up token the page carries', async () => {
        expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
        expectProblem(await send(studio.port, 'GET', '/api/files'), 403);
        expectProblem(await send(studio.port, 'GET', '/%61pi/files'), 403);
        expectProblem(await send(studio.port, 'PUT', '/api/files?path=utan-nyckel.regel', { 'if-none-match': '*' }, 'x'), 403);
        expectProblem(await send(studio.port, 'GET', '/api/files', { 'x-regelratt-token': `${token.slice(0, -1)}x` }), 403);
        expect(existsSync(path.join(folder, 'utan-nyckel.regel'))).toBe(false);
        expect((await get('/api/files')).status).toBe(200);
    });

    test('every answer forbids framing and sniffing and keeps to its own origin', async () => {
        for (const target of ['/', '/app.js', '/api/versions', '/api/nothing']) {
            const answer = await get(target);
            expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
            expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
            expect(answer.headers['x-frame-options']).toBe('DENY');
            expect(answer.headers['x-content-type-options']).toBe('nosniff');
            expect(answer.headers['referrer-policy']).toBe('no-referrer');
            expect(answer.headers['cross-origin-resource-policy']).toBe('same-origin');
        }
    });
});

describe('saves never lose work', () => {
    test('GET gives each file a version tag; a save against a file changed on disk is refused with the disk\'s text and version', async () => {
        const file = await get('/api/files?path=lagar.regel');
        const { version } = JSON.parse(file.body) as { version: string };
        expect(file.headers.etag).toBe(`"${version}"`);
        appendFileSync(path.join(folder, 'lagar.regel'), '// En rad skriven på disken.\n');
        const refused = expectProblem(await put('lagar.regel', 'mitt', { 'if-match': `"${version}"` }), 409) as unknown as { current: { text: string; version: string } };
        expect(refused.current.text).toContain('// En rad skriven på disken.');
        expect(refused.current.version).not.toBe(version);
        expect(readFileSync(path.join(folder, 'lagar.regel'), 'utf8')).toContain('// En rad skriven på disken.');
        // Without a version a save is refused; a new file must not exist yet.
        expectProblem(await put('lagar.regel', 'mitt'), 428);
        expectProblem(await put('lagar.regel', 'mitt', { 'if-none-match': '*' }), 409);
        expect(readFileSync(path.join(folder, 'lagar.regel'), 'utf8')).not.toBe('mitt');
        const created = await put('ny/fil.regel', '// ny\n', { 'if-none-match': '*' });
        expect(created.status).toBe(200);
        expect(readFileSync(path.join(folder, 'ny/fil.regel'), 'utf8')).toBe('// ny\n');
    });

    test('what a save replaces is kept in .regelratt-historik, the last 20 versions per file', async () => {
        const original = readFileSync(path.join(folder, 'piloter.regel'), 'utf8');
        let version = await versionOf('piloter.regel');
        for (let n = 1; n <= 25; n++) {
            const saved = await put('piloter.regel', `${original}// sparning ${n}\n`, { 'if-match': `"${version}"` });
            expect(saved.status).toBe(200);
            version = (JSON.parse(saved.body) as { version: string }).version;
        }
        const history = path.join(folder, '.regelratt-historik', 'piloter.regel');
        const kept = readdirSync(history).sort();
        expect(kept).toHaveLength(20);
        expect(readFileSync(path.join(history, kept[19]), 'utf8')).toBe(`${original}// sparning 24\n`);
        expect(readFileSync(path.join(history, kept[0]), 'utf8')).toBe(`${original}// sparning 5\n`);
        // The history is never listed as policy.
        expect((JSON.parse((await get('/api/versions')).body) as { files: Array<{ path: string }> }).files.map(f => f.path).filter(p => p.includes('historik'))).toEqual([]);
    });

    test('20 concurrent saves of 3 MB texts: each 200 or 409, exactly one wins, the file is one text whole', async () => {
        const version = await versionOf('testfas.regel');
        const texts = Array.from({ length: 20 }, (_, n) => `// ${String(n).padStart(2, '0')}\n${String.fromCharCode(65 + n).repeat(3 * 1024 * 1024)}\n`);
        const answers = await Promise.all(texts.map(text => put('testfas.regel', text, { 'if-match': `"${version}"` })));
        expect(answers.map(a => a.status).filter(s => s !== 200 && s !== 409)).toEqual([]);
        expect(answers.filter(a => a.status === 200)).toHaveLength(1);
        const winner = texts[answers.findIndex(a => a.status === 200)];
        expect(readFileSync(path.join(folder, 'testfas.regel'), 'utf8') === winner).toBe(true);
        expect(readdirSync(folder).filter(name => name.endsWith('.tmp'))).toEqual([]);
    }, 60_000);

    test('a save keeps the file\'s permissions, and a symlinked file stays a link with its target written', async () => {
        chmodSync(path.join(folder, 'insatser.regel'), 0o640);
        const saved = await put('insatser.regel', `${readFileSync(path.join(folder, 'insatser.regel'), 'utf8')}// behörighet\n`, { 'if-match': `"${await versionOf('insatser.regel')}"` });
        expect(saved.status).toBe(200);
        expect(statSync(path.join(folder, 'insatser.regel')).mode & 0o777).toBe(0o640);

        mkdirSync(path.join(folder, 'delar'));
        writeFileSync(path.join(folder, 'delar', 'mal.regel'), '// målet\n');
        symlinkSync(path.join('delar', 'mal.regel'), path.join(folder, 'lank.regel'));
        const linked = await put('lank.regel', '// genom länken\n', { 'if-match': `"${await versionOf('lank.regel')}"` });
        expect(linked.status).toBe(200);
        expect(lstatSync(path.join(folder, 'lank.regel')).isSymbolicLink()).toBe(true);
        expect(readlinkSync(path.join(folder, 'lank.regel'))).toBe(path.join('delar', 'mal.regel'));
        expect(readFileSync(path.join(folder, 'delar', 'mal.regel'), 'utf8')).toBe('// genom länken\n');
    });
});

describe('a folder without any .regel file', () => {
    test('offers the starter as a new file (version null): its first save creates it, a second creation is refused', async () => {
        const empty = path.join(root, 'tom');
        mkdirSync(empty);
        const running = await startStudio(empty);
        try {
            const own = await tokenOf(running.port);
            const listed = JSON.parse((await send(running.port, 'GET', '/api/files', { 'x-regelratt-token': own })).body) as { files: Array<{ path: string; text: string; version: string | null }> };
            expect(listed.files).toHaveLength(1);
            expect(listed.files[0]).toMatchObject({ path: 'policy.regel', version: null });
            const headers = { 'x-regelratt-token': own, 'if-none-match': '*' };
            expect((await send(running.port, 'PUT', '/api/files?path=policy.regel', headers, listed.files[0].text)).status).toBe(200);
            expect(readFileSync(path.join(empty, 'policy.regel'), 'utf8')).toBe(listed.files[0].text);
            expect((await send(running.port, 'PUT', '/api/files?path=policy.regel', headers, '// en annan flik')).status).toBe(409);
            expect(readFileSync(path.join(empty, 'policy.regel'), 'utf8')).toBe(listed.files[0].text);
        } finally {
            running.child.kill('SIGTERM');
        }
    });
});

const strace = ['/usr/bin/strace', '/bin/strace'].find(existsSync);
if (!strace) {
    console.warn('\n*** strace is missing (apt-get install strace): that the studio flushes its saves to disk was NOT tested. ***\n');
}

describe.runIf(strace !== undefined)('a save is durable (the studio traced with strace)', () => {
    /** The system calls of the traced studio, a call that another thread interrupted joined into one line. */
    function calls(trace: string): string[] {
        const pending = new Map<string, string>();
        const joined: string[] = [];
        for (const line of trace.split('\n')) {
            const [, pid, rest] = /^(\d+)\s+(.*)$/.exec(line) ?? [];
            if (!pid) {
                continue;
            }
            if (rest.endsWith('<unfinished ...>')) {
                pending.set(pid, rest.slice(0, -'<unfinished ...>'.length));
            } else if (rest.startsWith('<...')) {
                joined.push(`${pending.get(pid) ?? ''}${rest.replace(/^<\.\.\. \w+ resumed>/, '')}`);
            } else {
                joined.push(rest);
            }
        }
        return joined;
    }

    test('the new text is flushed (fsync) before it is renamed over the file, and the folder after', async () => {
        const traced = path.join(root, 'traced');
        const log = path.join(root, 'strace.log');
        cpSync(path.join(repository, 'examples/orebro'), traced, { recursive: true });
        const real = realpathSync(traced);
        const running = await startStudio(traced, [], [strace!, '-f', '-qq', '-e', 'trace=openat,fsync,fdatasync,rename,renameat,renameat2', '-o', log]);
        try {
            const own = await tokenOf(running.port);
            const { version } = JSON.parse((await send(running.port, 'GET', '/api/files?path=lagar.regel', { 'x-regelratt-token': own })).body) as { version: string };
            expect((await send(running.port, 'PUT', '/api/files?path=lagar.regel', { 'x-regelratt-token': own, 'if-match': `"${version}"` }, '// sparad\n')).status).toBe(200);
        } finally {
            // The studio itself is stopped (strace, told to stop, would leave it running); strace then ends with it.
            const pid = running.child.pid!;
            for (const studioPid of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
                process.kill(Number(studioPid), 'SIGTERM');
            }
            await new Promise(resolve => running.child.once('exit', resolve));
        }
        const seen = calls(readFileSync(log, 'utf8'));
        const target = path.join(real, 'lagar.regel');
        const renamed = seen.findIndex(call => /^rename/.test(call) && call.includes(`"${target}"`) && / = 0$/.test(call));
        expect(renamed).toBeGreaterThan(-1);
        const temporary = /"([^"]+)"/.exec(seen[renamed])![1];
        const opened = seen.findIndex(call => call.startsWith('openat(') && call.includes(`"${temporary}"`));
        const fd = / = (\d+)$/.exec(seen[opened])![1];
        expect(seen.slice(opened, renamed).some(call => new RegExp(`^f(data)?sync\\(${fd}\\)`).test(call))).toBe(true);
        const folderOpened = seen.findIndex((call, index) => index > renamed && call.startsWith(`openat(AT_FDCWD, "${real}", O_RDONLY`));
        expect(folderOpened).toBeGreaterThan(renamed);
        const folderFd = / = (\d+)$/.exec(seen[folderOpened])![1];
        expect(seen.slice(folderOpened).some(call => new RegExp(`^fsync\\(${folderFd}\\)`).test(call))).toBe(true);
    }, 60_000);
});

describe('paths and bodies the studio refuses', () => {
    test('a symlinked folder or file pointing outside the folder is refused (400), nothing written outside', async () => {
        symlinkSync(outside, path.join(folder, 'ut'));
        expectProblem(await put('ut/flykt.regel', 'x', { 'if-none-match': '*' }), 400);
        writeFileSync(path.join(outside, 'hemlig.regel'), '// utanför\n');
        symlinkSync(path.join(outside, 'hemlig.regel'), path.join(folder, 'hemlig.regel'));
        expectProblem(await get('/api/files?path=hemlig.regel'), 400);
        expectProblem(await put('hemlig.regel', 'x', { 'if-match': '"x"' }), 400);
        expect(readdirSync(outside)).toEqual(['hemlig.regel']);
        expect(readFileSync(path.join(outside, 'hemlig.regel'), 'utf8')).toBe('// utanför\n');
    });

    test.each([
        ['.git/hooks/pre-commit.regel'], ['node_modules/x.regel'], ['.regel'], ['.dold.regel'], ['ingen-regel.txt'], ['../utanför.regel'], ['a//b.regel'], ['lagar.regel/inuti.regel'],
    ])('%s is refused with 400 and a Swedish detail', async relative => {
        const problem = expectProblem(await put(relative, 'x', { 'if-none-match': '*' }), 400);
        expect(problem.detail).toMatch(/mappen|dolda|\.regel-fil|ingen mapp/);
        expect(existsSync(path.join(folder, relative))).toBe(false);
    });

    test('a NUL byte and a malformed %-encoding are 400 without any server path', async () => {
        expectProblem(await send(studio.port, 'PUT', '/api/files?path=a%00.regel', { 'x-regelratt-token': token, 'if-none-match': '*' }, 'x'), 400);
        expectProblem(await send(studio.port, 'PUT', '/api/files?path=%E0%A4%A.regel', { 'x-regelratt-token': token, 'if-none-match': '*' }, 'x'), 400);
        expectProblem(await send(studio.port, 'GET', '/%E0%A4%A'), 400);
        expectProblem(await send(studio.port, 'GET', '/api/files?path=a%00.regel', { 'x-regelratt-token': token }), 400);
    });

    test('a save over the size limit gets the 413 answer, not a reset connection', async () => {
        const version = await versionOf('riktlinje.regel');
        const before = readFileSync(path.join(folder, 'riktlinje.regel'));
        const answer = await put('riktlinje.regel', Buffer.alloc(5 * 1024 * 1024, 'a'), { 'if-match': `"${version}"` });
        expect(expectProblem(answer, 413).detail).toContain('4 MB');
        expect(readFileSync(path.join(folder, 'riktlinje.regel')).equals(before)).toBe(true);
    });

    test('an unknown API path is a problem answer too', async () => {
        expectProblem(await get('/api/nothing'), 405);
    });
});

const executable = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
if (!executable) {
    console.warn('\n*** Chromium is missing (apt-get install chromium): the DNS-rebinding attack on the studio was NOT tested in a browser. ***\n');
}

describe.runIf(executable !== undefined)('a DNS-rebinding page in Chromium', () => {
    let browser: Browser;
    let attacker: Server;
    let attackerPort = 0;
    // What the attacker's page does: read the file list and the page (for the token), then write a file.
    const attack = (studioPort: number, stolen: string) => `<!DOCTYPE html><meta charset="utf-8"><title>angrepp</title><script>
        const studio = 'http://evil.example:${studioPort}';
        const attempt = async (method, target, body) => {
            try {
                const response = await fetch(studio + target, { method, body, headers: body ? { 'if-none-match': '*' } : {} });
                return { status: response.status, text: await response.text() };
            } catch (error) {
                return { status: 0, text: String(error) };
            }
        };
        (async () => {
            const page = await attempt('GET', '/');
            const token = /regelratt-token" content="([^"]+)/.exec(page.text)?.[1] ?? '';
            const files = await attempt('GET', '/api/files');
            const withToken = await fetch(studio + '/api/files', { headers: { 'x-regelratt-token': token } }).then(r => r.text(), e => String(e));
            const write = await attempt('PUT', '/api/files?path=${stolen}', '// skrivet av en annan webbplats');
            window.result = { page, files, withToken, write };
        })();
    </script>`;

    beforeAll(async () => {
        attacker = createServer((request, response) => {
            response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(attack(Number(new URL(request.url ?? '/', 'http://x').searchParams.get('studio')), new URL(request.url ?? '/', 'http://x').searchParams.get('stolen') ?? 'stulen.regel'));
        });
        await new Promise<void>(resolve => attacker.listen(0, '127.0.0.1', resolve));
        attackerPort = (attacker.address() as AddressInfo).port;
        browser = await chromium.launch({
            executablePath: executable,
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--host-resolver-rules=MAP evil.example 127.0.0.1',
                // Chromium's own guard for pages reaching local addresses (Private/Local Network Access) off:
                // Firefox and Safari have none, so the studio must refuse the page itself.
                '--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks'],
        });
    }, 60_000);

    afterAll(async () => {
        await browser?.close();
        attacker?.close();
    });

    /** What the attacker's page got, opened at `address`. */
    async function run(address: string, serveFromAttacker: boolean, stolen: string): Promise<Record<string, { status: number; text: string } | string>> {
        const page = await browser.newPage();
        if (serveFromAttacker) {
            // The rebinding: the name first answered by the attacker's server (its page), then by 127.0.0.1.
            await page.route(address, async route => route.fulfill({ response: await route.fetch({ url: `http://127.0.0.1:${attackerPort}/?studio=${studio.port}&stolen=${stolen}` }) }));
        }
        await page.goto(address);
        await page.waitForFunction('window.result !== undefined', undefined, { timeout: 20_000 });
        const result = await page.evaluate('window.result') as Record<string, { status: number; text: string } | string>;
        await page.close();
        return result;
    }

    test.each([
        ['at the studio\'s own port (same origin after rebinding)', true],
        ['at the attacker\'s own port', false],
    ])('served %s, the page reads no file and no token, and writes nothing', async (_name, sameOrigin) => {
        const stolen = sameOrigin ? 'stulen-samma.regel' : 'stulen-annan.regel';
        const address = sameOrigin ? `http://evil.example:${studio.port}/angrepp.html` : `http://evil.example:${attackerPort}/?studio=${studio.port}&stolen=${stolen}`;
        const result = await run(address, sameOrigin, stolen);
        const everything = JSON.stringify(result);
        expect(everything).not.toContain('egenskap');
        expect(everything).not.toContain('riktlinje.regel');
        expect(everything).not.toContain('name="regelratt-token"');
        expect(existsSync(path.join(folder, stolen))).toBe(false);
    }, 60_000);
});
