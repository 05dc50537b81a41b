import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repository, startServe, type ServeProcess } from './serve-process.js';

/**
 * What the service reads, over real sockets: numbers exactly as written, names in NFC, bounded
 * nesting and fields with typed problems, problem+json for the errors Node and Fastify answer
 * themselves, request ids, timeouts, one log line per request (or fewer), one answer line per batch
 * line, and a reload that can require the inline examples to pass.
 */
const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-serve-input-'));
const TOKEN = 'nyckel-för-inläsningstest';
/** A decimal attribute and two calculations beside Örebro's policy, to see numbers as the runtime reads them. */
const EXACT = `egenskap vikt "Vikt" : decimaltal 0–1000 kg
beräkning dubbel "Dubbla inkomsten" = inkomst × 2
beräkning tung "Vikten över 65 kg" = om vikt > 65 kg så 1 kr annars 0 kr
`;
let served: ServeProcess;
const servers: ServeProcess[] = [];

beforeAll(async () => {
    cpSync(path.join(repository, 'examples/orebro'), folder, { recursive: true });
    writeFileSync(path.join(folder, 'exakt.regel'), EXACT);
    served = await startServe([folder, '--request-timeout', '3', '--body-timeout', '1', '--require-examples'], { REGELRATT_RELOAD_TOKEN: TOKEN });
    servers.push(served);
}, 30_000);

afterAll(() => {
    for (const server of servers) {
        server.child.kill('SIGKILL');
    }
    rmSync(folder, { recursive: true, force: true });
});

const post = (route: string, body: string, headers: Record<string, string> = {}) => fetch(`${served.base}${route}`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body,
});
const calculate = async (calculation: string, citizen: string) => {
    const response = await post('/v1/question', `{"type":"calculation","calculation":"${calculation}","date":"2021-06-01","citizen":${citizen}}`);
    return { status: response.status, body: await response.json() as { answer?: { amount: string }; code?: string; detail?: string } };
};
const problemOf = async (response: Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await response.json() as { code: string; detail: string; title: string; details?: Record<string, unknown> };
    expect(body.code).toBe(code);
    return body;
};
/** Writes raw bytes on a socket and returns everything the server sends until it closes. */
const raw = (bytes: string, { end = true } = {}) => new Promise<string>((resolve, reject) => {
    const url = new URL(served.base);
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    socket.on('data', chunk => { received += String(chunk); });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.write(bytes);
    if (end) {
        socket.end();
    }
});
const ndjson = async (body: string) => {
    const response = await fetch(`${served.base}/v1/evaluate/batch`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
    expect(response.status).toBe(200);
    return (await response.text()).split('\n').filter(line => line !== '').map(line => JSON.parse(line) as { line: number; error?: { code: string; message: string }; id?: unknown; amounts?: Array<{ calculation: string; amount: string }> });
};

describe('the service reads numbers exactly', () => {
    test('a number beyond a double is read as written, not rounded', async () => {
        expect((await calculate('dubbel', '{"inkomst": 99999999999999999999999}')).body.answer?.amount).toBe('199999999999999999999998');
        expect((await calculate('dubbel', '{"inkomst": 9007199254740993}')).body.answer?.amount).toBe('18014398509481986');
        expect((await calculate('dubbel', '{"inkomst": 1e400}')).body.answer?.amount).toBe(`2${'0'.repeat(400)}`);
        expect((await calculate('dubbel', '{"inkomst": 1.5e-3}')).body.answer?.amount).toBe('0.003');
    });

    test('65.0000000000000001 is more than 65, and not a whole number', async () => {
        expect((await calculate('tung', '{"vikt": 65.0000000000000001}')).body.answer?.amount).toBe('1');
        expect((await calculate('tung', '{"vikt": 65.0}')).body.answer?.amount).toBe('0');
        const inclusion = (age: string) => post('/v1/question', `{"type":"inclusion","pilot":"dagrehab_hemrehab","date":"2021-06-01","citizen":{"ålder":${age},"kan_ta_sig_till_vårdcentral":false,"kognitiv_svikt":false,"motiverad_till_träning":true}}`);
        const refused = await problemOf(await inclusion('65.0000000000000001'), 422, 'wrong-value-type');
        expect(refused.detail).toBe('ålder ska vara ett heltal, inte "65.0000000000000001".');
        await problemOf(await inclusion('1e400'), 422, 'value-outside-domain');
        expect((await (await inclusion('66.0')).json() as { answer: { included: boolean } }).answer.included).toBe(true);
    });

    test('the same in /v1/evaluate and in a batch', async () => {
        const answer = await (await post('/v1/evaluate', '{"citizen":{"inkomst":99999999999999999999999},"date":"2021-06-01"}')).json() as { amounts: Array<{ calculation: string; amount: string }> };
        expect(answer.amounts.find(a => a.calculation === 'calculation/dubbel')?.amount).toBe('199999999999999999999998');
        const [line] = await ndjson('{"citizen":{"inkomst":99999999999999999999999},"date":"2021-06-01"}\n');
        expect(line.amounts?.find(a => a.calculation === 'calculation/dubbel')?.amount).toBe('199999999999999999999998');
    });
});

describe('names, and what JSON.parse would have let through', () => {
    test('an attribute name and an enumeration value in decomposed Unicode (NFD) are the names the policy declares', async () => {
        const body = JSON.stringify({ citizen: { ['ålder'.normalize('NFD')]: 70, ['aktivitetsförmåga'.normalize('NFD')]: 'hög'.normalize('NFD') }, date: '2021-06-01' });
        expect(body).toContain('a\u030alder');
        const response = await post('/v1/evaluate', body);
        expect(response.status).toBe(200);
        const answer = await response.json() as { placements: Array<{ pathway: string }> };
        expect(answer.placements[0].pathway).toBe('pathway/förlopp_1');
    });

    test('a unit named in decomposed Unicode is the unit the pilot lists', async () => {
        const response = await post('/v1/question', JSON.stringify({ type: 'inclusion', pilot: 'handläggare_och_arbetsterapeut', citizen: { ärendetyp: 'uppföljning' }, date: '2021-06-01', unit: 'Hälso_och_sjukvårdsenheten'.normalize('NFD') }));
        expect((await response.json() as { answer: { included: boolean } }).answer.included).toBe(true);
    });

    test('a name given twice (also once composed, once not) is refused, not one value dropped', async () => {
        const twice = await problemOf(await post('/v1/evaluate', `{"citizen":{"ålder":70,"${'ålder'.normalize('NFD')}":80}}`), 400, 'duplicate-name');
        expect(twice.detail).toBe('rad 1, kolumn 24: namnet "ålder" förekommer två gånger');
    });

    test('__proto__ is an unknown attribute like any other', async () => {
        const answer = await problemOf(await post('/v1/evaluate', '{"citizen":{"__proto__":{"ålder":70}}}'), 422, 'unknown-attribute');
        expect(answer.details).toEqual({ attributes: ['__proto__'] });
    });

    test('many unknown attributes: the first 20 named and the count, not all of them', async () => {
        const citizen = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`okänd_${i}`, i]));
        const response = await post('/v1/evaluate', JSON.stringify({ citizen }));
        expect(Number(response.headers.get('content-length'))).toBeLessThan(2000);
        const answer = await problemOf(response, 422, 'unknown-attribute');
        expect(answer.details).toEqual({ attributes: Array.from({ length: 20 }, (_, i) => `okänd_${i}`), count: 1000 });
        expect(answer.detail).toMatch(/'okänd_19' \(och 980 till; 1000 okända\)\.$/);
    });
});

describe('limits, each with its own problem type', () => {
    test('an id nested 5 000 deep is a 400 nesting-too-deep, not a stack overflow', async () => {
        const deep = `{"citizen":{},"id":${'['.repeat(5000)}${']'.repeat(5000)}}`;
        const refused = await problemOf(await post('/v1/evaluate', deep), 400, 'nesting-too-deep');
        expect(refused.detail).toBe('rad 1, kolumn 51: mer än 32 objekt och listor i varandra');
        expect((await fetch(`${served.base}/health`)).status).toBe(200);
    });

    test('in a batch the same line is an error line in its place, and the rest is answered', async () => {
        const lines = Array.from({ length: 3000 }, (_, i) => (i === 4 ? `{"citizen":{},"id":${'['.repeat(5000)}${']'.repeat(5000)}}` : JSON.stringify({ id: i, citizen: { aktivitetsförmåga: 'hög' } })));
        const answers = await ndjson(`${lines.join('\n')}\n`);
        expect(answers).toHaveLength(3000);
        expect(answers[4]).toMatchObject({ line: 5, error: { code: 'nesting-too-deep', message: 'rad 5, kolumn 51: mer än 32 objekt och listor i varandra' } });
        expect(answers[2999]).toMatchObject({ line: 3000, id: 2999 });
    });

    test('a name, a text or a number too long is a 400 field-too-long', async () => {
        await problemOf(await post('/v1/evaluate', `{"citizen":{"${'x'.repeat(2000)}":1}}`), 400, 'field-too-long');
        await problemOf(await post('/v1/evaluate', `{"citizen":{},"id":"${'x'.repeat(20_000)}"}`), 400, 'field-too-long');
        await problemOf(await post('/v1/evaluate', `{"citizen":{"inkomst":${'9'.repeat(200)}}}`), 400, 'field-too-long');
        const exponent = await problemOf(await post('/v1/evaluate', '{"citizen":{"inkomst":1e999999999}}', { 'accept-language': 'en' }), 400, 'field-too-long');
        expect(exponent.title).toBe('A name, text or number in the body is too long');
    });

    test('200 000 attributes (or elements) are a 400 too-many-members, refused at the 1 001st', async () => {
        const citizen = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`okänd_${i}`, i]));
        const refused = await problemOf(await post('/v1/evaluate', JSON.stringify({ citizen })), 400, 'too-many-members');
        expect(refused.detail).toBe('rad 1, kolumn 15793: ett objekt eller en lista får ha högst 1000 delar');
        await problemOf(await post('/v1/evaluate', `{"citizen":{},"id":[${Array.from({ length: 1001 }, () => '0').join(',')}]}`), 400, 'too-many-members');
    });

    test('invalid JSON is said in Swedish with line and column (English on request), not in V8\'s words', async () => {
        const swedish = await problemOf(await post('/v1/evaluate', '{\n  "citizen": {,}\n}'), 400, 'invalid-json');
        expect(swedish.detail).toBe('rad 2, kolumn 15: väntade ett namn inom citattecken, inte ","');
        const english = await problemOf(await post('/v1/evaluate', '{"citizen": {}', { 'accept-language': 'en' }), 400, 'invalid-json');
        expect(english.detail).toBe("line 1, column 15: the text ends; expected ',' or '}'");
    });
});

describe('a request against the schema is told in Swedish (English on request), not in the validator\'s words', () => {
    test.each([
        ['/v1/evaluate', '{"citizen":{},"level":"4"}', 'level ska vara ett heltal.', 'level must be a whole number.'],
        ['/v1/evaluate', '{"citizen":{},"extra":1}', 'kroppen har inget fält extra i det här API:et.', 'the body has no field extra in this API.'],
        ['/v1/evaluate', '{}', 'citizen saknas.', 'the body lacks citizen.'],
        ['/v1/evaluate', '{"citizen":{},"date":"2021-13-45"}', 'date ska vara ett datum ÅÅÅÅ-MM-DD.', 'date must be a date YYYY-MM-DD.'],
        ['/v1/evaluate?explain=ja', '{"citizen":{}}', 'explain ska vara en av true, false.', 'explain must be one of true, false.'],
        ['/v1/question', '{"type":"okänd"}', 'type ska vara en av placement, inclusion, compensation, fee, calculation, decision, eligibility, deadline.', 'type must be one of placement, inclusion, compensation, fee, calculation, decision, eligibility, deadline.'],
        ['/v1/question', '{"type":"placement","model":5,"citizen":{}}', 'model ska vara en text.', 'model must be a text.'],
    ])('%s %s', async (route, body, swedish, english) => {
        expect((await problemOf(await post(route, body), 400, 'bad-request')).detail).toBe(swedish);
        expect((await problemOf(await post(route, body, { 'accept-language': 'en' }), 400, 'bad-request')).detail).toBe(english);
    });
});

describe('HTTP around the requests', () => {
    test('a short x-request-id of safe characters is echoed; any other is replaced by one of ours', async () => {
        expect((await fetch(`${served.base}/health`, { headers: { 'x-request-id': 'ärende-1' } })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
        expect((await fetch(`${served.base}/health`, { headers: { 'x-request-id': 'x'.repeat(500) } })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
        expect((await fetch(`${served.base}/health`, { headers: { 'x-request-id': 'case-42.a_b:c' } })).headers.get('x-request-id')).toBe('case-42.a_b:c');
        expect(served.stderr()).not.toContain('x'.repeat(100));
    });

    test('a URL that cannot be decoded, headers too large and a request that is not HTTP are problem+json', async () => {
        const badUrl = await problemOf(await fetch(`${served.base}/v1/%E0%A4%A`), 400, 'bad-request');
        expect(badUrl.detail).toBe('Adressen går inte att avkoda (ogiltig procentkodning).');
        const tooLarge = await raw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`);
        expect(tooLarge).toMatch(/^HTTP\/1\.1 431 /);
        expect(tooLarge).toMatch(/content-type: application\/problem\+json/i);
        expect(JSON.parse(tooLarge.slice(tooLarge.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'headers-too-large', status: 431 });
        const notHttp = await raw('INTE HTTP\r\n\r\n');
        expect(notHttp).toMatch(/^HTTP\/1\.1 400 /);
        expect(JSON.parse(notHttp.slice(notHttp.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'bad-request', status: 400 });
    });

    /** A request whose body stops after its first bytes: the problem it gets, and after how long. */
    const stalled = async (route: string, type: string) => {
        const started = performance.now();
        const answer = await raw(`POST ${route} HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: 100\r\n\r\n{"citizen"`, { end: false });
        expect(answer).toMatch(/^HTTP\/1\.1 408 /);
        return { problem: JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown, ms: performance.now() - started };
    };

    test('a JSON body that does not arrive within --body-timeout is a 408 problem and the socket is closed', async () => {
        const { problem, ms } = await stalled('/v1/evaluate', 'application/json');
        expect(problem).toMatchObject({ code: 'request-timeout', status: 408, detail: 'Kroppen ska komma fram inom 1 s.' });
        expect(ms).toBeLessThan(2500);
        expect((await fetch(`${served.base}/health`)).status).toBe(200);
    }, 15_000);

    test('a batch has --request-timeout for the whole request instead', async () => {
        const { problem, ms } = await stalled('/v1/evaluate/batch', 'application/x-ndjson');
        expect(problem).toMatchObject({ code: 'request-timeout', status: 408, detail: 'Hela frågan ska komma fram inom 3 s.' });
        expect(ms).toBeGreaterThan(2500);
        expect(ms).toBeLessThan(6000);
    }, 15_000);

    test('one log line per request, with its id; none with --log-requests 0 or --log-level warn', async () => {
        await fetch(`${served.base}/health`, { headers: { 'x-request-id': 'en-rad-per-fraga' } });
        await new Promise(resolve => setTimeout(resolve, 200));
        const lines = served.stderr().split('\n').filter(line => line.includes('"reqId":"en-rad-per-fraga"'));
        expect(lines).toHaveLength(1);
        expect(JSON.parse(lines[0])).toMatchObject({ level: 30, msg: 'request', method: 'GET', url: '/health', statusCode: 200 });
        // Only JSON lines besides the address line: no framework warning (a deprecated option, say) among them.
        expect(served.stderr().split('\n').filter(line => line !== '' && !line.startsWith('{') && !line.startsWith('Regelrätt svarar på'))).toEqual([]);
        for (const options of [['--log-requests', '0'], ['--log-level', 'warn']]) {
            const quiet = await startServe([path.join(repository, 'examples/orebro'), ...options]);
            servers.push(quiet);
            for (let i = 0; i < 5; i++) {
                await fetch(`${quiet.base}/health`, { headers: { 'x-request-id': `tyst-${i}` } });
            }
            await new Promise(resolve => setTimeout(resolve, 200));
            expect(quiet.stderr()).not.toContain('tyst-');
        }
    }, 30_000);
});

describe('a batch answers every line', () => {
    test('one answer line per input line, blank lines too, each with its line number', async () => {
        const lines = Array.from({ length: 2011 }, (_, i) => (i === 10 || i === 500 ? '' : JSON.stringify({ id: i, citizen: { aktivitetsförmåga: 'hög' } })));
        const answers = await ndjson(`${lines.join('\n')}\n`);
        expect(answers).toHaveLength(2011);
        expect(answers.map(a => a.line)).toEqual(lines.map((_, i) => i + 1));
        expect(answers[10]).toMatchObject({ line: 11, error: { code: 'empty-line' } });
        expect(answers[11]).toMatchObject({ line: 12, id: 11 });
    });

    test('a line over 1 MB is an error line in its place, and the lines after it keep their numbers', async () => {
        const long = JSON.stringify({ id: 'lång', citizen: { aktivitetsförmåga: 'hög' }, unit: 'x'.repeat(1_100_000) });
        const lines = [JSON.stringify({ id: 0, citizen: {} }), long, JSON.stringify({ id: 2, citizen: {} }), JSON.stringify({ id: 3, citizen: {} })];
        const answers = await ndjson(`${lines.join('\n')}\n`);
        expect(answers.map(a => [a.line, a.id ?? a.error?.code])).toEqual([[1, 0], [2, 'field-too-long'], [3, 2], [4, 3]]);
    });
});

describe('--require-examples', () => {
    test('a policy whose inline examples fail is not served: exit 1, naming them', async () => {
        const broken = mkdtempSync(path.join(tmpdir(), 'regelratt-serve-examples-'));
        try {
            cpSync(path.join(repository, 'examples/orebro'), broken, { recursive: true });
            const file = path.join(broken, 'exempel.regel');
            writeFileSync(file, readFileSync(file, 'utf8').replace('förväntat per månad -6 609 kr', 'förväntat per månad -6 600 kr'));
            await expect(startServe([broken, '--require-examples'])).rejects.toThrow(/serve exited with 1: regelratt: 1 inbyggda exempel går inte igenom \(--require-examples\): terapeut_rad_1/);
        } finally {
            rmSync(broken, { recursive: true, force: true });
        }
    }, 30_000);


    test('a policy whose inline examples fail is refused, saying which, and the old version stays', async () => {
        const version = async () => (await (await fetch(`${served.base}/ready`)).json() as { policyVersion: string }).policyVersion;
        const before = await version();
        const file = path.join(folder, 'exempel.regel');
        const original = readFileSync(file, 'utf8');
        writeFileSync(file, original.replace('förväntat per månad -6 609 kr', 'förväntat per månad -6 600 kr'));
        try {
            const refused = await problemOf(await fetch(`${served.base}/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } }), 422, 'reload-failed');
            expect(refused.detail).toMatch(/^1 inbyggda exempel går inte igenom \(--require-examples\): terapeut_rad_1 \(exempel\.regel:\d+\)\.$/);
            expect(await version()).toBe(before);
        } finally {
            writeFileSync(file, original);
        }
        expect((await fetch(`${served.base}/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    });
});
