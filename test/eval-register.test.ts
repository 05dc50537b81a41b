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
