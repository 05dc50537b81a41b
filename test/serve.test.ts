import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { bin, repository, startServe } from './serve-process.js';

/**
 * `regelratt serve` end to end over HTTP, as a case-management system meets it: the command started
 * as a process on a free port, every endpoint, every kind of bad request answered with a problem
 * (never a stack trace, never a 500), reloads of a changed policy under concurrent requests (each
 * answer from one whole version, and naming it), and a graceful shutdown.
 */
const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-serve-'));
const TOKEN = 'hemlig-nyckel-för-test';
let child: ChildProcessWithoutNullStreams;
let base = '';
let stderr: () => string = () => '';

beforeAll(async () => {
    cpSync(path.join(repository, 'examples/orebro'), folder, { recursive: true });
    const started = await startServe([folder], { REGELRATT_RELOAD_TOKEN: TOKEN });
    ({ child, base, stderr } = started);
}, 30_000);

afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
});

const post = (route: string, body: unknown, headers: Record<string, string> = {}) => fetch(`${base}${route}`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body),
});
const citizen = { aktivitetsförmåga: 'hög', ålder: 70, kognitiv_svikt: false, kan_ta_sig_till_vårdcentral: true, motiverad_till_träning: true, ärendetyp: 'uppföljning' };

async function problemOf(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await response.json() as { code: string; title: string; detail: string; instance: string; type: string };
    expect(body.code).toBe(code);
    expect(body.type).toBe(`urn:regelratt:problem:${code}`);
    expect(body.instance).toBe(response.headers.get('x-request-id'));
    expect(JSON.stringify(body)).not.toMatch(/\n\s+at |node_modules|\.js:\d+/);
    return body;
}

describe('regelratt serve', () => {
    test('answers the README\'s curl example as the README shows it, policy version included', async () => {
        const readme = readFileSync(path.join(repository, 'README.md'), 'utf8');
        const sample = /\$ curl -s localhost:8080\/v1\/evaluate [^\n]*\\\n\s+-d '([^']+)'\n([\s\S]*?)\n```/.exec(readme);
        expect(sample, 'the README has a curl example of /v1/evaluate').not.toBeNull();
        const [, body, shown] = sample!;
        const answer = await (await post('/v1/evaluate', body)).json() as Record<string, unknown>;
        // The README elides with "…": every complete `"name":value` pair it shows must be in the answer as shown.
        const shownPairs = [...shown.matchAll(/"(placements|compensation|policyVersion)":(\[[^\]]*\]|"[^"]*")/g)];
        expect(shownPairs.map(m => m[1])).toEqual(['placements', 'compensation', 'policyVersion']);
        // What the README shows of each must be there as shown (the answers carry more: reasons, explanations).
        for (const [, name, value] of shownPairs) {
            const shownValue = JSON.parse(value) as unknown;
            const message = `README's ${name} (update the README's sample when Örebro changes)`;
            if (typeof shownValue === 'object' && shownValue !== null) {
                expect(answer[name], message).toMatchObject(shownValue);
            } else {
                expect(answer[name], message).toBe(shownValue);
            }
        }
    });

    test('starts on localhost with a free port and is healthy and ready', async () => {
        expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
        const ready = await (await fetch(`${base}/ready`)).json() as { status: string; policyVersion: string };
        expect(ready.status).toBe('ready');
        expect(ready.policyVersion).toMatch(/^sha256:[0-9a-f]{16}$/);
    });

    test('serves a valid OpenAPI 3.1 document, the committed docs/openapi.json, whose every path answers', async () => {
        const document = await (await fetch(`${base}/openapi.json`)).json() as { paths: Record<string, Record<string, unknown>>; components: { schemas: { Citizen: { properties: Record<string, unknown> } }; securitySchemes: unknown } };
        const result = await new Validator().validate(document as unknown as Parameters<Validator['validate']>[0]);
        expect(result.errors ?? []).toEqual([]);
        expect(result.valid).toBe(true);
        expect(document, 'docs/openapi.json is behind: run node packages/cli/scripts/openapi.mjs').toEqual(JSON.parse(readFileSync(path.join(repository, 'docs/openapi.json'), 'utf8')));
        // The citizen's attributes, from the policy: a generated client knows the values.
        expect(document.components.schemas.Citizen.properties.aktivitetsförmåga).toMatchObject({ type: 'string', enum: ['hög', 'utvecklingsbar', 'nedsatt'] });
        // A whole number is read from text too ("70"): the document says so.
        expect(document.components.schemas.Citizen.properties.ålder).toMatchObject({ oneOf: [{ type: 'integer', minimum: 0, maximum: 120 }, { type: 'string' }] });
        // The reload token is a security scheme, not a header parameter.
        expect(document.components.securitySchemes).toEqual({ reloadToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
        expect(document.paths['/admin/reload'].post).toMatchObject({ security: [{ reloadToken: [] }] });
        expect(JSON.stringify(document.paths)).not.toContain('"Authorization"');
        for (const [route, methods] of Object.entries(document.paths)) {
            for (const method of Object.keys(methods)) {
                const response = await fetch(`${base}${route}`, { method: method.toUpperCase(), ...(method === 'post' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}) });
                expect(response.status, `${method} ${route}`).not.toBe(404);
                expect(response.status, `${method} ${route}`).toBeLessThan(500);
            }
        }
    });

    test('every answer follows the response schema the OpenAPI document gives for it', async () => {
        const document = await (await fetch(`${base}/openapi.json`)).json() as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> }>>; components: { schemas: Record<string, unknown> } };
        const ajv = new Ajv2020({ strict: false, allErrors: true });
        // ajv-formats is CommonJS: its default export is the plugin under ES module interop.
        (formats as unknown as { default: (ajv: Ajv2020) => void }).default(ajv);
        ajv.addSchema({ ...document, $id: 'openapi' });
        const check = (value: unknown, schema: Record<string, unknown>, what: string) => {
            const validate = ajv.compile({ $ref: `openapi${String(schema.$ref)}` });
            expect(validate(value) ? [] : validate.errors, what).toEqual([]);
        };
        const documented = (route: string, method: string) => {
            const schema = document.paths[route][method].responses[200].content?.['application/json']?.schema;
            expect(schema?.$ref, `${method} ${route}`).toMatch(/^#\/components\/schemas\//);
            return schema!;
        };
        for (const route of ['/health', '/ready', '/v1/elements']) {
            check(await (await fetch(`${base}${route}`)).json(), documented(route, 'get'), route);
        }
        for (const body of [{ citizen, level: 4, date: '2021-06-01', id: 7 }, { citizen: { aktivitetsförmåga: 'okänd' }, level: 3 }]) {
            check(await (await post('/v1/evaluate?explain=true', body)).json(), documented('/v1/evaluate', 'post'), 'evaluate');
        }
        for (const question of [
            { type: 'placement', model: 'rehabiliterande_förlopp', citizen: { aktivitetsförmåga: 'nedsatt' } },
            { type: 'inclusion', pilot: 'dagrehab_hemrehab', citizen: { ...citizen, ålder: '70' }, date: '2021-06-01' },
            { type: 'compensation', table: 'hemvård_tätort', level: 10, date: '2021-06-01' },
            { type: 'deadline', event: 'beslut', eventDate: '2021-06-01' },
        ]) {
            const response = await post('/v1/question', question);
            expect(response.status, question.type).toBe(200);
            check(await response.json(), documented('/v1/question', 'post'), question.type);
        }
        const batch = await fetch(`${base}/v1/evaluate/batch`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: `${JSON.stringify({ citizen })}\n\ninte json\n` });
        const lines = (await batch.text()).trim().split('\n');
        expect(lines).toHaveLength(3);
        for (const line of lines) {
            check(JSON.parse(line), { $ref: '#/components/schemas/BatchLine' }, line.slice(0, 40));
        }
        expect(document.paths['/admin/reload'].post.responses[200].content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Reloaded' });
    });

    test('answers a case as eval does, naming the policy version, with a request id (echoed when given)', async () => {
        const response = await post('/v1/evaluate', { citizen, level: 4, date: '2021-06-01', id: 'ärende-1' }, { 'x-request-id': 'min-fraga-1' });
        expect(response.status).toBe(200);
        expect(response.headers.get('x-request-id')).toBe('min-fraga-1');
        const answer = await response.json() as { id: string; placements: Array<{ pathway: string }>; compensation: Array<{ amount: string }>; policyVersion: string };
        expect(answer.id).toBe('ärende-1');
        expect(answer.placements[0].pathway).toBe('pathway/förlopp_1');
        expect(answer.compensation).toEqual([{ table: 'levelTable/hemvård_tätort', amount: '2037', reason: expect.objectContaining({ decision: 'Ersättning hemvård per nivå, tätort, nivå 4: 2\u00a0037\u00a0kr/mån.' }) }]);
        expect(answer.policyVersion).toBe(response.headers.get('x-policy-version'));
        const explained = await (await post('/v1/evaluate?explain=true', { citizen, date: '2021-06-01' })).json() as { placements: Array<{ explanation?: unknown[] }> };
        expect(explained.placements[0].explanation?.length).toBeGreaterThan(0);
    });

    test('answers one question of each kind, and a question the policy cannot answer with its runtime code', async () => {
        const placement = await (await post('/v1/question', { type: 'placement', model: 'rehabiliterande_förlopp', citizen: { aktivitetsförmåga: 'nedsatt' } })).json() as { answer: { pathway: string } };
        expect(placement.answer.pathway).toBe('pathway/förlopp_3');
        const inclusion = await (await post('/v1/question', { type: 'inclusion', pilot: 'dagrehab_hemrehab', citizen, date: '2021-06-01' })).json() as { answer: { included: boolean } };
        expect(typeof inclusion.answer.included).toBe('boolean');
        const compensation = await (await post('/v1/question', { type: 'compensation', table: 'hemvård_tätort', level: 10, date: '2021-06-01' })).json() as { answer: { amount: string } };
        expect(compensation.answer.amount).toBe('9676');
        // Örebro's takbelopp are open in the sources: the fee is a typed answer, not a guess.
        await problemOf(await post('/v1/question', { type: 'fee', fee: 'hemvårdsavgift', level: 1, citizen: { inkomst: 20000, boendekostnad: 5000 }, date: '2021-06-01' }), 422, 'open-amount');
        await problemOf(await post('/v1/question', { type: 'compensation', table: 'finns_inte', level: 1 }), 404, 'unknown-element');
    });

    test('answers a deadline question: the Örebro riktlinje has no term from an event, so none runs; a wrong event is refused', async () => {
        const response = await post('/v1/question', { type: 'deadline', guideline: 'gemensamma_komponenter', event: 'beslut', eventDate: '2021-06-01' });
        expect(response.status).toBe(200);
        const body = await response.json() as { answer: { event: string; date: string; duties: unknown[] }; reason: { decision: string } };
        expect(body.answer).toMatchObject({ event: 'beslut', date: '2021-06-01', duties: [] });
        expect(body.reason.decision).toBe('Efter beslut 2021-06-01 löper ingen frist.');
        await problemOf(await post('/v1/question', { type: 'deadline', event: 'decision', eventDate: '2021-06-01' }), 400, 'bad-request');
        await problemOf(await post('/v1/question', { type: 'deadline', obligation: 'finns_inte', event: 'beslut', eventDate: '2021-06-01' }), 404, 'unknown-element');
    });

    test('gives every answer its reason, in the language of Accept-Language: a case and a question', async () => {
        type Reasoned = { reason: { decision: string; facts: string[]; legalBasis: string[]; text: string } };
        const swedish = await (await post('/v1/evaluate', { citizen: { aktivitetsförmåga: 'nedsatt' }, date: '2021-06-01' })).json() as { placements: Reasoned[] };
        expect(swedish.placements[0].reason.decision).toBe('Förlopp i rehabiliterande arbetssätt: medborgaren placeras i Förlopp 3.');
        expect(swedish.placements[0].reason.facts).toEqual(['Aktivitetsförmåga: Nedsatt, med varaktigt behov av stöd']);
        expect(swedish.placements[0].reason.legalBasis).toContain('4 kap. 1 § Socialtjänstlagen (2001:453)');
        const english = await (await post('/v1/evaluate', { citizen: { aktivitetsförmåga: 'nedsatt' }, date: '2021-06-01' }, { 'accept-language': 'en' })).json() as { placements: Reasoned[] };
        expect(english.placements[0].reason.decision).toBe('Förlopp i rehabiliterande arbetssätt: the citizen is placed in Förlopp 3.');
        expect(english.placements[0].reason.legalBasis).toContain('Socialtjänstlagen (2001:453), chapter 4, section 1');
        // The nearest change that gives another förlopp, in the language asked for.
        expect((swedish.placements[0].reason as { nearestChange?: string[] }).nearestChange).toContain('Om aktivitetsförmåga hade varit redan hög; förväntas bli självständig hade medborgaren placerats i Förlopp 1.');
        expect((english.placements[0].reason as { nearestChange?: string[] }).nearestChange).toContain('If aktivitetsförmåga had been redan hög; förväntas bli självständig, the citizen would have been placed in Förlopp 1.');
        // An answer that is an error is worded in the language asked for, as its reason is.
        type Failing = { inclusions: Array<{ error?: { code: string; message: string } }> };
        const failing = (language: string) => post('/v1/evaluate', { citizen: { aktivitetsförmåga: 'nedsatt' }, date: '2021-06-01' }, { 'accept-language': language });
        const [sv, en] = await Promise.all([failing('sv'), failing('en')].map(async r => ((await (await r).json()) as Failing).inclusions.find(c => c.error)!.error!));
        expect(sv).toMatchObject({ code: 'missing-attribute', message: 'Värde saknas för ålder.' });
        expect(en).toMatchObject({ code: 'missing-attribute', message: 'No value is given for ålder.' });
        const question = await (await post('/v1/question', { type: 'compensation', table: 'hemvård_tätort', level: 10, date: '2021-06-01' })).json() as Reasoned;
        expect(question.reason.decision).toBe('Ersättning hemvård per nivå, tätort, nivå 10: 9\u00a0676\u00a0kr/mån.');
    });

    test('refuses bad requests with a problem, never a 500 or a stack trace, in Swedish or English', async () => {
        await problemOf(await post('/v1/evaluate', '{ inte json'), 400, 'invalid-json');
        await problemOf(await post('/v1/evaluate', { citizen, level: '4' }), 400, 'bad-request');
        await problemOf(await post('/v1/evaluate', { citizen, extra: 1 }), 400, 'bad-request');
        await problemOf(await post('/v1/evaluate', { citizen: { okänd: 1 } }), 422, 'unknown-attribute');
        // In English, the detail too: said again from the error's details.
        const unknown = await problemOf(await post('/v1/evaluate', { citizen: { okänd: 1 } }, { 'accept-language': 'en' }), 422, 'unknown-attribute');
        expect(unknown).toMatchObject({ title: 'The policy has no such attribute', detail: "The policy has no attribute 'okänd'." });
        const wrong = await problemOf(await post('/v1/question', { type: 'placement', model: 'rehabiliterande_förlopp', citizen: { aktivitetsförmåga: 'okänd' } }, { 'accept-language': 'en' }), 422, 'value-outside-domain');
        expect(wrong.detail).toBe('aktivitetsförmåga = "okänd" is outside its domain (hög, utvecklingsbar, nedsatt).');
        const english = await problemOf(await post('/v1/evaluate', { citizen, date: '2021-13-45' }, { 'accept-language': 'en-GB,en;q=0.9' }), 400, 'bad-request');
        expect(english.title).toBe('The request does not follow the API schema');
        const swedish = await problemOf(await post('/v1/question', { type: 'placement', model: 'rehabiliterande_förlopp', citizen: { aktivitetsförmåga: 'okänd' } }), 422, 'value-outside-domain');
        expect(swedish.title).toBe('Ett värde ligger utanför egenskapens definitionsområde');
        expect(swedish.detail).toContain('aktivitetsförmåga');
        await problemOf(await fetch(`${base}/v1/evaluate`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }), 415, 'unsupported-media-type');
        // Over the limit: the rest of the body is read and thrown away before the 413, so a client
        // still sending gets the answer, not a reset connection (EPIPE).
        const large = await post('/v1/evaluate', `{"citizen":{"a":"${'x'.repeat(11 * 1024 * 1024)}"}}`).then(r => r.status, (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message);
        expect(large).toBe(413);
        expect((await fetch(`${base}/health`)).status).toBe(200);
        await problemOf(await fetch(`${base}/v2/okänt`), 404, 'not-found');
    });

    test('a client still sending a body over the limit after a pause gets the 413, not a reset connection', async () => {
        // The headers say 20 MB: the server knows at once that it will refuse. Part of the body, a
        // pause long enough for an answer and a close, then the rest.
        const { port } = new URL(base);
        const socket = connect(Number(port), '127.0.0.1');
        await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
        const size = 20 * 1024 * 1024;
        let answer = '';
        // How the exchange ends: the answer read, or the connection reset or closed before it.
        const ended = new Promise<string>(resolve => {
            socket.on('data', chunk => {
                answer += String(chunk);
                if (answer.includes('body-too-large')) {
                    resolve('answered');
                }
            });
            socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
            socket.once('close', () => resolve('closed'));
        });
        const chunk = Buffer.alloc(1024 * 1024, 'x');
        socket.write(`POST /v1/evaluate HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`);
        socket.write(chunk);
        await new Promise(resolve => setTimeout(resolve, 300));
        for (let sent = chunk.length; sent < size && !socket.destroyed; sent += chunk.length) {
            if (!socket.write(chunk)) {
                await new Promise(resolve => socket.once('drain', resolve));
            }
        }
        expect(await Promise.race([ended, new Promise(resolve => setTimeout(() => resolve('no answer in 20 s'), 20_000))])).toBe('answered');
        socket.destroy();
        expect(answer).toMatch(/^HTTP\/1\.1 413 /);
        expect(answer).toContain('"code":"body-too-large"');
    });

    test('a body over the limit is a 413 problem (in process, where no socket races the answer)', async () => {
        const { PolicyHolder } = await import('../packages/cli/dist/serve/policy-holder.js');
        const { createServer } = await import('../packages/cli/dist/serve/server.js');
        const { parseArguments } = await import('../packages/cli/dist/arguments.js');
        const parsed = parseArguments(['serve', 'examples/orebro']);
        if (!parsed.ok) {
            throw new Error('arguments');
        }
        const holder = new PolicyHolder(['examples/orebro'], parsed.options, repository);
        expect((await holder.reload()).ok).toBe(true);
        const app = await createServer(holder, { bodyLimit: 1024 });
        const response = await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, payload: `{"citizen":{"a":"${'x'.repeat(2048)}"}}` });
        expect(response.statusCode).toBe(413);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({ code: 'body-too-large', title: 'The body is too large', status: 413 });
        await app.close();
    });

    test('streams a batch as NDJSON, in order, with an error line in place of a bad line', async () => {
        const lines = Array.from({ length: 2000 }, (_, i) => (i === 7 ? 'inte json' : JSON.stringify({ id: i, citizen: { aktivitetsförmåga: i % 2 ? 'hög' : 'nedsatt' } })));
        const response = await fetch(`${base}/v1/evaluate/batch`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: `${lines.join('\n')}\n` });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
        const answers = (await response.text()).trim().split('\n').map(line => JSON.parse(line) as { id?: number; line?: number; error?: { code: string }; placements?: Array<{ pathway: string }>; policyVersion: string });
        expect(answers).toHaveLength(2000);
        expect(answers[7]).toMatchObject({ line: 8, error: { code: 'invalid-json' } });
        expect(answers.filter((_, i) => i !== 7).map(a => a.id)).toEqual(lines.map((_, i) => i).filter(i => i !== 7));
        expect(answers[1].placements?.[0].pathway).toBe('pathway/förlopp_1');
        expect(new Set(answers.map(a => a.policyVersion)).size).toBe(1);
    });

    test('reloads a changed policy under concurrent requests: each answer from one whole version, naming it', async () => {
        await problemOf(await fetch(`${base}/admin/reload`, { method: 'POST' }), 401, 'unauthorized');
        await problemOf(await fetch(`${base}/admin/reload`, { method: 'POST', headers: { authorization: 'Bearer fel' } }), 401, 'unauthorized');
        const before = (await (await fetch(`${base}/ready`)).json() as { policyVersion: string }).policyVersion;
        const table = path.join(folder, 'hemvard-ersattning.regel');
        writeFileSync(table, readFileSync(table, 'utf8').replace('nivå 4 : 2 037 kr', 'nivå 4 : 2 100 kr'));
        const asking = Array.from({ length: 300 }, () => post('/v1/evaluate', { citizen, level: 4, date: '2021-06-01' }).then(r => r.json() as Promise<{ compensation: Array<{ amount: string }>; policyVersion: string }>));
        const reloaded = await fetch(`${base}/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
        expect(reloaded.status).toBe(200);
        const after = (await reloaded.json() as { policyVersion: string }).policyVersion;
        expect(after).not.toBe(before);
        const answers = await Promise.all(asking);
        for (const answer of answers) {
            // Never an answer from a half-loaded policy: the amount always matches the version named.
            expect(answer.compensation[0].amount).toBe(answer.policyVersion === before ? '2037' : '2100');
            expect([before, after]).toContain(answer.policyVersion);
        }
        const now = await (await post('/v1/evaluate', { citizen, level: 4, date: '2021-06-01' })).json() as { compensation: Array<{ amount: string }>; policyVersion: string };
        expect(now).toMatchObject({ compensation: [{ amount: '2100' }], policyVersion: after });
    });

    test('a reload of a policy with errors is refused and the old version stays', async () => {
        const current = (await (await fetch(`${base}/ready`)).json() as { policyVersion: string }).policyVersion;
        writeFileSync(path.join(folder, 'trasig.regel'), 'nivåtabell t { nivå 4 : 2 037 }\n');
        const refused = await problemOf(await fetch(`${base}/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } }), 422, 'reload-failed');
        expect(refused.detail).toContain('Policyn har 1 fel');
        expect((await (await fetch(`${base}/ready`)).json() as { policyVersion: string }).policyVersion).toBe(current);
        rmSync(path.join(folder, 'trasig.regel'));
    });

    test('a compiled folder that breaks the schema is not served: exit 1 (as for a policy with errors), naming the file and where', async () => {
        const compiled = mkdtempSync(path.join(tmpdir(), 'regelratt-serve-json-'));
        try {
            const compile = spawn(process.execPath, [bin, 'compile', path.join(repository, 'examples/uppsala'), '-o', compiled]);
            expect(await new Promise(resolve => compile.once('exit', resolve))).toBe(0);
            const file = path.join(compiled, 'arbetslivsintro.json');
            const tampered = JSON.parse(readFileSync(file, 'utf8')) as { elements: Array<Record<string, unknown>> };
            tampered.elements[0].extra = 'x';
            writeFileSync(file, JSON.stringify(tampered));
            const refused = spawn(process.execPath, [bin, 'serve', compiled, '--port', '0']);
            let output = '';
            refused.stderr.on('data', chunk => { output += String(chunk); });
            expect(await new Promise(resolve => refused.once('exit', resolve))).toBe(1);
            expect(output).toContain('arbetslivsintro.regel: filen följer inte det kompilerade formatet vid /elements/0');
            expect(output).not.toMatch(/\n\s+at /);
        } finally {
            rmSync(compiled, { recursive: true, force: true });
        }
    });

    test('logs JSON lines with request ids, and stops gracefully on SIGTERM (exit 0)', async () => {
        const logLine = stderr().split('\n').find(line => line.includes('"reqId":"min-fraga-1"'));
        expect(logLine && JSON.parse(logLine)).toMatchObject({ reqId: 'min-fraga-1' });
        // A batch whose answer is streaming when the signal comes: it is finished, whole, before the exit.
        const lines = Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ id: i, citizen: { aktivitetsförmåga: 'hög' } })).join('\n');
        const response = await fetch(`${base}/v1/evaluate/batch`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines });
        expect(response.status).toBe(200);
        const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
        child.kill('SIGTERM');
        const answered = (await response.text()).trim().split('\n');
        expect(answered).toHaveLength(30_000);
        expect(JSON.parse(answered[29_999]).id).toBe(29_999);
        expect(await exited).toBe(0);
        expect(stderr()).toContain('shutting down: finishing requests in flight');
    });
});
