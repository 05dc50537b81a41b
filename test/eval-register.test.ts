import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * `eval` on a register large enough to be answered by worker threads: the same answers, byte for
 * byte and in input order, as one thread gives; a bad line answered by an error line at its own
 * line number, wherever the slices fall; a blank line answered too; CRLF and a byte-order mark as before.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-register-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const abilities = ['hög', 'utvecklingsbar', 'nedsatt'];
const lines = Array.from({ length: 6000 }, (_, i) => (i === 4321 ? 'inte json' : i === 100 ? '' : JSON.stringify({
    id: i, citizen: { aktivitetsförmåga: abilities[i % 3], ålder: 18 + (i % 90), kan_ta_sig_till_vårdcentral: i % 2 === 0, kognitiv_svikt: i % 5 === 0, motiverad_till_träning: true, ärendetyp: 'uppföljning' },
    level: [0, 4, 5, 7, 23][i % 5], date: '2021-06-01',
})));
const file = path.join(scratch, 'register.ndjson');
writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
const run = (threads: string) => spawnSync(process.execPath, [bin, 'eval', 'examples/orebro', '--input', file], {
    cwd: repository, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, REGELRATT_THREADS: threads },
});

describe('eval on a register, in worker threads', () => {
    const parallel = run('4');
    const single = run('1');

    test('gives the same answers as one thread, in input order, with the bad line in its place', () => {
        expect(parallel.status).toBe(1); // one line is not a case
        expect(parallel.stdout).toBe(single.stdout);
        const answers = parallel.stdout.trim().split('\n').map(line => JSON.parse(line) as { id?: number; line?: number; error?: { code: string } });
        expect(answers).toHaveLength(6000); // one per line, the blank line too
        expect(answers.map(a => a.line)).toEqual(lines.map((_, i) => i + 1));
        expect(answers.filter(a => a.error)).toEqual([
            { line: 101, error: { code: 'empty-line', message: 'raden är tom; varje rad ska vara ett fall' } },
            { line: 4322, error: { code: 'invalid-json', message: 'rad 4322, kolumn 1: väntade ett JSON-värde, inte "i"' } },
        ]);
        expect(answers.filter(a => a.id !== undefined).map(a => a.id)).toEqual(lines.map((_, i) => i).filter(i => i !== 100 && i !== 4321));
    });

    test('answers the first line despite the byte-order mark', () => {
        expect(JSON.parse(parallel.stdout.split('\n')[0])).toMatchObject({ id: 0, placements: [{ pathway: 'pathway/förlopp_1' }] });
    });
});

describe('eval says on standard error what went wrong, for one case as for a register', () => {
    const parallel = run('4');
    const single = run('1');

    test('a register: the lines that are not cases and the lines with answers that are errors, each with the first, the same on one thread as on many', () => {
        expect(single.stderr).toBe(parallel.stderr);
        const said = parallel.stderr.trim().split('\n');
        expect(said[0]).toBe(`regelratt: ${file}: 2 av 6 000 rader är inga fall som kan besvaras, först rad 101 (empty-line)`);
        // Every case names each attribute: what the policy leaves unanswered (levels without a fee) is no error of the register's.
        expect(said).toHaveLength(1);
    });

    const write = (name: string, text: string) => {
        const at = path.join(scratch, name);
        writeFileSync(at, text);
        return at;
    };
    const evaluate = (input: string, ...flags: string[]) => spawnSync(process.execPath, [bin, 'eval', 'examples/habo', '--input', input, ...flags], { cwd: repository, encoding: 'utf8' });
    const complete = { date: '2017-06-01', citizen: { besök_per_vecka: 10, ledsagning_per_månad: 0, städning: false, tvätt: false, inköp: false, portioner: 0, larm: 'saknas', sammanboende: false } };
    const { larm: _larm, ...withoutAlarm } = complete.citizen;
    const incomplete = { ...complete, citizen: withoutAlarm };
    // Habo's prisbasbelopp is given for 2017 only: in 2010 the maxtaxa and every fee built on it have no value.
    const outOfRange = { ...complete, date: '2010-01-01' };

    test.each([
        ['one case', 'fall.json', JSON.stringify(incomplete)],
        ['a register of that case', 'fall.ndjson', `${JSON.stringify(incomplete)}\n`],
    ])('%s without a value two answers need: exit 1, the others answered all the same, the first error named on standard error', (_what, name, text) => {
        const result = evaluate(write(name, text));
        expect(result.status).toBe(1);
        expect(result.stdout).toContain('"missing-attribute"');
        expect(result.stdout).toContain('"calculation/service"');
        expect(result.stderr).toMatch(/^regelratt: .*missing-attribute.*\n$/);
        expect(result.stderr).not.toMatch(/\n.+\n/); // one line
    });

    test.each([
        ['one case', 'rätt.json', JSON.stringify(complete)],
        ['a register of that case', 'rätt.ndjson', `${JSON.stringify(complete)}\n`],
        ['one case on a date the policy gives no amounts for', 'utanför.json', JSON.stringify(outOfRange)],
        ['a register of that case', 'utanför.ndjson', `${JSON.stringify(outOfRange)}\n`],
    ])('%s: exit 0 and nothing on standard error (what the policy leaves unanswered is its answer)', (_what, name, text) => {
        const result = evaluate(write(name, text));
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
    });

    test('a case the runtime refuses says so on standard error too, in English with --lang en', () => {
        const result = evaluate(write('okänd.json', JSON.stringify({ date: '2024-01-01', citizen: { hemtjänst_besök: 3 } })), '--lang', 'en');
        expect(result.status).toBe(1);
        expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'unknown-attribute' } });
        expect(result.stderr).toMatch(/^regelratt: .*okänd\.json: the case could not be answered \(unknown-attribute\)/);
        // The runtime's own message too: English on both streams, not a Swedish sentence in an English line.
        expect(JSON.parse(result.stdout).error.message).toBe("The policy has no attribute 'hemtjänst_besök'.");
        expect(result.stderr).toContain("The policy has no attribute 'hemtjänst_besök'.");
    });

    test.each([
        ['one case', 'engelska.json', JSON.stringify(incomplete)],
        ['a register of that case', 'engelska.ndjson', `${JSON.stringify(incomplete)}\n`],
    ])('%s with --lang en: the answers\' errors are worded in English, in the answers and on standard error', (_what, name, text) => {
        const swedish = evaluate(write(name, text));
        const english = evaluate(write(name, text), '--lang', 'en');
        expect(english.status).toBe(1);
        const messages = (out: string) => [...out.matchAll(/"message": ?"([^"]*)"/g)].map(m => m[1]);
        expect(messages(swedish.stdout)).toContain('Värde saknas för larm.');
        expect(messages(english.stdout)).toContain('No value is given for larm.');
        expect(messages(english.stdout).filter(m => /Värde|saknas|Policyn|gäller/.test(m))).toEqual([]);
        // A register's summary names the first line and its code; one case's gives the message as well.
        expect(english.stderr).toMatch(name.endsWith('.json') ? /No value is given for larm\./ : /first line 1 \(missing-attribute\)/);
    });
});
