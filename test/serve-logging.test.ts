import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { repository } from './serve-process.js';

/**
 * The service's logging at the cost a busy service can carry (issue 26, throughput): one request
 * line per answered request through the one root logger, with the request id as a field, instead of
 * a pino child logger made for every request; and the lines written to the stream together, once per
 * turn of the event loop, instead of one write (a system call on a pipe or file) per line.
 */
const TOKEN = 'logg-nyckel';
let app: FastifyInstance;
const writes: string[] = [];

beforeAll(async () => {
    const { PolicyHolder } = await import('../packages/cli/dist/serve/policy-holder.js');
    const { createServer } = await import('../packages/cli/dist/serve/server.js');
    const { parseArguments } = await import('../packages/cli/dist/arguments.js');
    const parsed = parseArguments(['serve', 'examples/orebro']);
    if (!parsed.ok) {
        throw new Error('arguments');
    }
    const holder = new PolicyHolder(['examples/orebro'], parsed.options, repository);
    expect((await holder.reload()).ok).toBe(true);
    const log = new Writable({
        write(chunk, _encoding, done) {
            writes.push(String(chunk));
            done();
        },
    });
    app = await createServer(holder, { log, reloadToken: TOKEN });
}, 60_000);

afterAll(async () => {
    await app?.close();
});

const citizen = { aktivitetsförmåga: 'hög', ålder: 70, kognitiv_svikt: false, kan_ta_sig_till_vårdcentral: true, motiverad_till_träning: true, ärendetyp: 'uppföljning' };
const evaluate = (id: string) => app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json', 'x-request-id': id }, payload: { citizen, level: 4, date: '2021-06-01' } });
const lines = () => writes.join('').split('\n').filter(line => line !== '').map(line => JSON.parse(line) as Record<string, unknown>);
const turn = () => new Promise(resolve => setImmediate(resolve));

describe('request logging', () => {
    test('a request that logs nothing but its line gets no child logger; its line carries its id', async () => {
        const child = vi.spyOn(app.log, 'child');
        try {
            const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => evaluate(`utan-barn-${i}`)));
            expect(answers.map(a => a.statusCode)).toEqual(Array(20).fill(200));
            await turn();
            expect(child).not.toHaveBeenCalled();
        } finally {
            child.mockRestore();
        }
        const logged = lines().filter(line => String(line.reqId).startsWith('utan-barn-'));
        expect(logged).toHaveLength(20);
        expect(logged[0]).toMatchObject({ level: 30, msg: 'request', method: 'POST', url: '/v1/evaluate', statusCode: 200 });
        expect(typeof logged[0].ms).toBe('number');
    });

    test('what a handler logs through request.log still names the request', async () => {
        const response = await app.inject({ method: 'POST', url: '/admin/reload', headers: { authorization: `Bearer ${TOKEN}`, 'x-request-id': 'omladdning-1' } });
        expect(response.statusCode).toBe(200);
        await turn();
        const reloaded = lines().filter(line => line.msg === 'policy reloaded');
        expect(reloaded).toHaveLength(1);
        expect(reloaded[0]).toMatchObject({ reqId: 'omladdning-1', level: 30 });
        // Its own request line too, once.
        expect(lines().filter(line => line.reqId === 'omladdning-1' && line.msg === 'request')).toHaveLength(1);
    });

    test('the lines of many requests answered together are written together, not a write each', async () => {
        const before = writes.length;
        const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => evaluate(`samlad-${i}`)));
        expect(answers.every(a => a.statusCode === 200)).toBe(true);
        await turn();
        const written = writes.slice(before);
        const logged = written.join('').split('\n').filter(line => line.includes('"samlad-'));
        expect(logged).toHaveLength(40);
        // Whole lines in every write: a line is never split across writes.
        expect(written.every(chunk => chunk.endsWith('\n'))).toBe(true);
        expect(written.length).toBeLessThan(10);
    });
});

describe('the batched destination', () => {
    test('lines of one turn are one write after the turn; close writes what waits at once', async () => {
        const { batchedDestination } = await import('../packages/cli/dist/serve/request-log.js');
        const chunks: string[] = [];
        const destination = batchedDestination({ write: (text: string) => chunks.push(text) } as unknown as NodeJS.WritableStream);
        destination.write('{"a":1}\n');
        destination.write('{"a":2}\n');
        expect(chunks).toEqual([]);
        await turn();
        expect(chunks).toEqual(['{"a":1}\n{"a":2}\n']);
        destination.write('{"a":3}\n');
        destination.close();
        expect(chunks).toEqual(['{"a":1}\n{"a":2}\n', '{"a":3}\n']);
    });

    test('a turn that logs more than 64 KB writes as it goes, so waiting lines stay bounded', async () => {
        const { batchedDestination } = await import('../packages/cli/dist/serve/request-log.js');
        const chunks: string[] = [];
        const destination = batchedDestination({ write: (text: string) => chunks.push(text) } as unknown as NodeJS.WritableStream);
        const line = `${JSON.stringify({ x: 'y'.repeat(1000) })}\n`;
        for (let i = 0; i < 200; i++) {
            destination.write(line);
        }
        expect(chunks.length).toBeGreaterThanOrEqual(3);
        expect(chunks.every(chunk => chunk.length <= 64 * 1024 + line.length)).toBe(true);
        destination.close();
        expect(chunks.join('')).toBe(line.repeat(200));
    });
});
