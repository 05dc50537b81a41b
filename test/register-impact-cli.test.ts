import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * `regelratt diff <before> <after> --register <cases>`: the impact of a revision on a register as a
 * municipality exports it, NDJSON, CSV or Excel (with a column named otherwise mapped to its attribute),
 * equal to what `eval` answers on both versions case by case; counts below 5 never shown.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-register-impact-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const before = path.join(repository, 'examples/habo');
const after = path.join(scratch, 'habo-ny');
cpSync(before, after, { recursive: true });
const source = path.join(after, 'hemtjänst.regel');
writeFileSync(source, readFileSync(source, 'utf8')
    .replace('städavgift "Städning" : belopp { från 2017-01-01 till 2017-12-31 : 503 kr/mån }', 'städavgift "Städning" : belopp { från 2017-01-01 till 2017-12-31 : 520 kr/mån }')
    .replace('| 7–20            || 2    | 1 409 kr/mån |', '| 7–14            || 2    | 1 409 kr/mån |')
    .replace('| >= 21           || 3    | 2 013 kr/mån |', '| >= 15           || 3    | 2 013 kr/mån |'));

interface Citizen { [name: string]: number | boolean | string }
let state = 20261204;
const next = (limit: number) => ((state = (state * 48271) % 2147483647) % limit);
const citizens: Citizen[] = Array.from({ length: 600 }, () => ({
    besök_per_vecka: next(30), ledsagning_per_månad: next(15), städning: next(2) === 1, tvätt: next(2) === 1, inköp: next(2) === 1,
    portioner: next(60), larm: ['saknas', 'analogt', 'digitalt'][next(3)], sammanboende: next(2) === 1,
}));
const ndjson = path.join(scratch, 'register.ndjson');
writeFileSync(ndjson, citizens.map((citizen, id) => JSON.stringify({ id, citizen, date: '2017-06-01' })).join('\n') + '\n');
const csv = path.join(scratch, 'register.csv');
const yes = (value: unknown) => (value === true ? 'ja' : value === false ? 'nej' : String(value));
writeFileSync(csv, ['id;Besök/vecka;ledsagning_per_månad;städning;tvätt;inköp;portioner;larm;sammanboende;datum',
    ...citizens.map((c, id) => [id, c.besök_per_vecka, c.ledsagning_per_månad, c.städning, c.tvätt, c.inköp, c.portioner, c.larm, c.sammanboende, '2017-06-01'].map(yes).join(';'))].join('\n') + '\n');

const regelratt = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
type Impact = { cases: number; unreadable: number; answers: Array<{ element: string; kind: string; changed: { count?: number; fewerThan?: number }; difference?: string }> };

describe('diff --register', () => {
    const json = regelratt('diff', before, after, '--register', ndjson, '--format', 'json');
    const impact = (JSON.parse(json.stdout) as { register: Impact }).register;

    test('equals eval on both versions, case by case: the changed counts and the total difference', () => {
        expect(json.status).toBe(1);
        expect(impact.cases).toBe(600);
        expect(impact.unreadable).toBe(0);
        const answers = (folder: string) => regelratt('eval', folder, '--input', ndjson).stdout.trim().split('\n').map(line => JSON.parse(line) as {
            amounts: Array<{ calculation: string; amount: string }>; decisions: Array<{ table: string; outputs: unknown }>;
        });
        const [was, is] = [answers(before), answers(after)];
        const fee = (answer: typeof was[number]) => Number(answer.amounts.find(a => a.calculation === 'calculation/hemtjänstavgift')!.amount);
        const changedFees = was.filter((answer, i) => fee(answer) !== fee(is[i])).length;
        const difference = is.reduce((sum, answer) => sum + fee(answer), 0) - was.reduce((sum, answer) => sum + fee(answer), 0);
        const row = (answer: typeof was[number]) => JSON.stringify(answer.decisions.find(d => d.table === 'decisionTable/omvårdnad')!.outputs);
        const movedRows = was.filter((answer, i) => row(answer) !== row(is[i])).length;
        expect(changedFees).toBeGreaterThanOrEqual(5);
        expect(impact.answers.find(a => a.element === 'calculation/hemtjänstavgift')).toMatchObject({ changed: { count: changedFees }, difference: String(difference) });
        expect(impact.answers.find(a => a.element === 'decisionTable/omvårdnad')).toMatchObject({ changed: { count: movedRows } });
    });

    test('a CSV export with a column named otherwise (--map) gives the same impact as the NDJSON', () => {
        const run = regelratt('diff', before, after, '--register', csv, '--map', 'Besök/vecka=besök_per_vecka', '--format', 'json');
        expect(run.stderr).toBe('');
        expect((JSON.parse(run.stdout) as { register: Impact }).register).toEqual(impact);
    });

    test('an Excel workbook as Excel writes it (dates as dates, yes/no as booleans, text as shared strings, a column named otherwise) gives the same impact as the NDJSON', async () => {
        const book = new ExcelJS.Workbook();
        const sheet = book.addWorksheet('Ärenden');
        sheet.addRow(['id', 'Besök/vecka', 'ledsagning_per_månad', 'städning', 'tvätt', 'inköp', 'portioner', 'larm', 'sammanboende', 'datum']);
        citizens.forEach((c, id) => sheet.addRow([id, c.besök_per_vecka, c.ledsagning_per_månad, c.städning, c.tvätt, c.inköp, c.portioner, c.larm, c.sammanboende, new Date(Date.UTC(2017, 5, 1))]));
        sheet.getColumn(10).numFmt = 'yyyy-mm-dd';
        book.addWorksheet('Anteckningar').addRow(['inte ett fall']);
        const xlsx = path.join(scratch, 'register.xlsx');
        await book.xlsx.writeFile(xlsx);
        const run = regelratt('diff', before, after, '--register', xlsx, '--map', 'Besök/vecka=besök_per_vecka', '--format', 'json');
        expect(run.stderr).toBe('');
        expect((JSON.parse(run.stdout) as { register: Impact }).register).toEqual(impact);
    });

    test('an Excel cell holding an error (#N/A) is a row that gives no case, named by its row in the sheet', async () => {
        const book = new ExcelJS.Workbook();
        const sheet = book.addWorksheet('Ärenden');
        sheet.addRow(['id', 'besök_per_vecka', 'datum']);
        sheet.addRow([1, 3, '2017-06-01']);
        sheet.addRow([2, { error: '#N/A' }, '2017-06-01']);
        const xlsx = path.join(scratch, 'fel.xlsx');
        await book.xlsx.writeFile(xlsx);
        const run = regelratt('diff', before, after, '--register', xlsx);
        expect(run.stderr).toContain(`regelratt: ${xlsx}:3: cellen B3 har felet #N/A`);
        expect(run.stderr).toContain('regelratt: 1 rad i registret gav inget fall att besvara');
    });

    test('text for people, with counts below 5 as "färre än 5"; lines that give no case are named and not counted', () => {
        const small = path.join(scratch, 'litet.ndjson');
        writeFileSync(small, [
            ...Array.from({ length: 3 }, (_, id) => JSON.stringify({ id, citizen: { ...citizens[0], besök_per_vecka: 16, städning: false, tvätt: false, inköp: false, portioner: 0, ledsagning_per_månad: 0, larm: 'saknas' }, date: '2017-06-01' })),
            ...Array.from({ length: 10 }, (_, id) => JSON.stringify({ id: id + 3, citizen: { ...citizens[0], besök_per_vecka: 3, städning: false }, date: '2017-06-01' })),
            '{"id": 99, "citizen": {"okänd": 1}}',
            '{inte json',
        ].join('\n') + '\n');
        const run = regelratt('diff', before, after, '--register', small);
        expect(run.status).toBe(1);
        expect(run.stdout).toContain('Konsekvenser för registrets 13 fall:');
        expect(run.stdout).toContain('beslutstabell omvårdnad (Personlig omvårdnad): ändras för färre än 5 av 13 fall.');
        expect(run.stdout).not.toMatch(/\b[1-4] fall\b/);
        expect(run.stderr).toContain(`regelratt: ${small}:14: `);
        expect(run.stderr).toContain(`regelratt: ${small}:15: `);
        expect(run.stderr).toContain('regelratt: 2 rader i registret gav inget fall att besvara; de räknas inte i konsekvenserna.');
    });

    test('for the nämnd (HTML and Markdown): answers by their titles, values moved between in Swedish figures, never an identifier', () => {
        for (const format of ['html', 'markdown']) {
            const run = regelratt('diff', before, after, '--register', ndjson, '--format', format);
            const report = run.stdout.slice(run.stdout.lastIndexOf('Konsekvenser för registrets'));
            // The HTML is typeset (no-break spaces in figures and around arrows); the words are what is tested here.
            const prose = (format === 'html' ? report.replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;/g, ' ') : report).replace(/[\u00a0\u202f]/g, ' ');
            expect(prose, format).toContain('Personlig omvårdnad');
            expect(prose, format).toMatch(/nivå 2, avgift 1 409 → nivå 3, avgift 2 013/);
            expect(prose, format).not.toMatch(/[\p{L}\p{N}]_[\p{L}\p{N}]|decisionTable\/|calculation\/|beräkning hemtjänstavgift/u);
        }
    });

    test('the same version on both sides: no answer changes, exit 0; an unknown register format: exit 2', () => {
        const same = regelratt('diff', before, before, '--register', ndjson);
        expect(same.status).toBe(0);
        expect(same.stdout).toContain('Inget svar ändras för något fall i registret.');
        const wrong = regelratt('diff', before, after, '--register', path.join(scratch, 'register.xls'));
        expect(wrong.status).toBe(2);
        expect(wrong.stderr).toContain('registret ska vara .ndjson, .jsonl, .csv eller .xlsx.');
    });
});
