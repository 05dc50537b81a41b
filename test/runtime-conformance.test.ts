import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
// From disk: an example set may import the national library (`använd nationellt`).
import { NodeFileSystem } from 'langium/node';
import { afterAll, describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime, runExamples } from '@regelratt/runtime';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-runtime-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function regelratt(args: string[]) {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: repository, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Compiles an example folder as `regelratt compile` does and loads it into the runtime. */
async function runtimeFor(name: string): Promise<PolicyRuntime> {
    const folder = path.join(repository, 'examples', name);
    const files = readdirSync(folder).filter(f => f.endsWith('.regel')).sort();
    const { Regelratt } = createRegelrattServices(NodeFileSystem);
    const checked = await checkPolicies(Regelratt, files.map(f => ({ path: path.join(folder, f), text: readFileSync(path.join(folder, f), 'utf8') })));
    // Through JSON text, as a consuming system receives it.
    return new PolicyRuntime(checked.map(c => JSON.parse(JSON.stringify(compilePolicy(c.document.parseResult.value, path.basename(c.path))))));
}

const exampleSets = readdirSync(path.join(repository, 'examples'), { withFileTypes: true })
    .filter(entry => entry.isDirectory() && entry.name !== 'broken').map(entry => entry.name).sort();

describe('conformance: every inline example of the examples passes through the runtime', () => {
    test.each(exampleSets)('examples/%s: every inline example passes', async name => {
        const results = runExamples(await runtimeFor(name));
        expect(results.filter(r => !r.passed).map(r => ({ name: r.example.name, expected: r.expected, actual: r.actual, error: r.error }))).toEqual([]);
    });

    test('the new municipalities\' sets pin their published figures, and expect errors where the source is silent', async () => {
        for (const name of ['sollentuna', 'bollnas', 'nordmaling']) {
            const results = runExamples(await runtimeFor(name));
            expect(results.length, name).toBeGreaterThanOrEqual(6);
            expect(results.every(r => r.passed), name).toBe(true);
        }
        const bollnäs = runExamples(await runtimeFor('bollnas'));
        expect(bollnäs.find(r => r.example.name === 'taxan_2023')?.error?.code).toBe('no-valid-version');
    });

    test('examples/orebro-revision: the minimibelopp its avgiftsutrymme subtracts is the law\'s on each date, not the 2009 factor (issue 25)', async () => {
        const runtime = await runtimeFor('orebro-revision');
        const room = runtime.policy.get('fee/hemvårdsavgift', 'fee').room!;
        const remains = (date: string) => runtime.evaluate(room, { date, citizen: { inkomst: 10000, boendekostnad: 0 } });
        // 10 000 − 1,3546 × 47 600 / 12 in 2021 (the factor was the law's then): 10 000 − 5 373,2466… .
        // The runtime writes the repeating decimal to ten places: (120 000 − 64 478,96) / 12 = 4 626,75333… .
        expect(remains('2021-06-01')).toBe('4626.7533333333');
        // 2023: 10 000 − 1,4789 × 52 500 / 12 = 3 529,8125 (with the 2009 factor it was 10 000 − 5 926,375 = 4 073,625).
        expect(remains('2023-06-01')).toBe('3529.8125');
        // 2022 from August: 10 000 − 1,4541 × 48 300 / 12 = 4 147,2475.
        expect(remains('2022-09-01')).toBe('4147.2475');
    });

    test('examples/orebro: the therapist table, the care-home placements and the day-rehab criteria', async () => {
        const results = runExamples(await runtimeFor('orebro'));
        expect(results.filter(r => !r.passed).map(r => ({ name: r.example.name, expected: r.expected, actual: r.actual, error: r.error }))).toEqual([]);
        const names = results.map(r => r.example.name);
        expect(names.filter(n => n.startsWith('terapeut_rad_'))).toHaveLength(11);
        expect(names.filter(n => n.startsWith('boende_medborgare_'))).toHaveLength(11);
        expect(names.filter(n => n.startsWith('dagrehab_')).length).toBeGreaterThanOrEqual(4);
    });

    test('the runtime reproduces the seed\'s therapist table figure by figure', async () => {
        const runtime = await runtimeFor('orebro');
        // The primer's table: before, after, hours → per month, six months (row 3 by the rule, not the seed's sign error).
        const table: Array<[number | null, number, string, string, string]> = [
            [10, 14, '3.2', '-6609', '-39654'], [5, 8, '2', '-4919', '-29514'], [12, 10, '5', '1077', '6459'],
            [10, 13, '5', '-5835', '-35007'], [5, 0, '2.95', '1914', '11486'], [23, 7, '6', '30082', '180492'],
            [11, 0, '0.3', '10957', '65741'], [10, 5, '1.6', '6226', '37356'], [5, 0, '4.33', '1449', '8692'],
            [7, 4, '0.3', '3585', '21509'], [null, 0, '3', '-1013', '-6075'],
        ];
        for (const [before, after, hours, monthly, total] of table) {
            const effect = runtime.netEffect({ table: 'hemvård_tätort', before, after, hours, rate: 'arbetsterapeut_tid', months: 6, date: '2021-06-01' });
            expect([before, after, effect.monthly, effect.total]).toEqual([before, after, monthly, total]);
        }
    });
});

describe('regelratt test', () => {
    test('passes on examples/orebro and says so per example, with a closing count', () => {
        const result = regelratt(['test', 'examples/orebro']);
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('examples/orebro/exempel.regel:7:1: ok: terapeut_rad_1\n');
        expect(result.stdout).toMatch(/Exempel: 33 gick igenom, 0 misslyckades\n$/);
    });

    test('a wrong expectation fails with expected and actual values and its position, exit 1', () => {
        const folder = path.join(scratch, 'fel');
        rmSync(folder, { recursive: true, force: true });
        spawnSync('mkdir', ['-p', folder]);
        for (const file of ['lagar', 'insatser', 'organisation', 'hemvard-ersattning']) {
            writeFileSync(path.join(folder, `${file}.regel`), readFileSync(path.join(repository, 'examples/orebro', `${file}.regel`)));
        }
        writeFileSync(path.join(folder, 'rad3.regel'), [
            '// Källans siffror för rad 3, med teckenfelet.',
            'exempel rad_3 {',
            '    nettoeffekt enligt hemvård_tätort från nivå 12 till nivå 10 med 5 timmar arbetsterapeut_tid under 6 månader',
            '    förväntat per månad 4 452 kr',
            '    förväntat totalt 26 709 kr',
            '}',
            'exempel nivå_1 { ersättning enligt hemvård_tätort nivå 1 förväntat 1 000 kr }',
        ].join('\n'));
        const result = spawnSync(process.execPath, [bin, 'test', 'fel'], { cwd: scratch, encoding: 'utf8' });
        expect(result.status).toBe(1);
        expect(result.stdout).toContain('fel/rad3.regel:2:1: fel: Exemplet rad_3 ger inte det väntade: per månad: väntat 4 452 kr, fick 1 077 kr; totalt: väntat 26 709 kr, fick 6 459 kr. [example-failed]');
        expect(result.stdout).toContain('fel/rad3.regel:7:1: fel: Exemplet nivå_1 kan inte beräknas: Policyn anger inget belopp för nivå 1 i hemvård_tätort. [open-amount]');
        expect(result.stdout).toMatch(/Exempel: 0 gick igenom, 2 misslyckades\n$/);
    });
});

describe('regelratt eval', () => {
    test('one case: every answer with its explanation', () => {
        const input = path.join(scratch, 'fall.json');
        writeFileSync(input, JSON.stringify({ citizen: { aktivitetsförmåga: 'hög', ålder: 70, kan_ta_sig_till_vårdcentral: 'nej', kognitiv_svikt: false, motiverad_till_träning: true, ärendetyp: 'övrigt' }, level: 23, date: '2021-06-01' }));
        const result = regelratt(['eval', 'examples/orebro', '--input', input]);
        expect(result.code).toBe(0);
        const answer = JSON.parse(result.stdout);
        expect(answer.placements[0]).toMatchObject({ pathway: 'pathway/förlopp_1', secondary: null });
        expect(answer.inclusions.map((i: { pilot: string; included: boolean }) => [i.pilot, i.included])).toEqual([
            ['pilot/dagrehab_hemrehab', true], ['pilot/handläggare_och_arbetsterapeut', false],
        ]);
        expect(answer.compensation).toMatchObject([{ table: 'levelTable/hemvård_tätort', amount: '37830' }]);
        expect(answer.compensation).toHaveLength(1);
        expect(answer.inclusions[0].requirements[0].criterion.parts[0]).toEqual({ condition: 'ålder > 65 år', met: true, value: '70' });
    });

    test('a register, line by line: answers in order, each with its line, a typed error for a bad value, an error line for bad JSON and a blank line, exit 1', () => {
        const input = path.join(scratch, 'register.ndjson');
        writeFileSync(input, [
            JSON.stringify({ id: 1, citizen: { aktivitetsförmåga: 'nedsatt' }, level: 10 }),
            JSON.stringify({ id: 2, citizen: { aktivitetsförmåga: 'okänd' } }),
            '{ inte json',
            '',
            JSON.stringify({ id: 4, citizen: { aktivitetsförmåga: 'utvecklingsbar' } }),
        ].join('\n'));
        const result = regelratt(['eval', 'examples/orebro', '--input', input, '--date', '2021-06-01']);
        expect(result.code).toBe(1);
        const lines = result.stdout.trim().split('\n').map(line => JSON.parse(line));
        expect(lines).toHaveLength(5);
        expect(lines.map(line => line.line)).toEqual([1, 2, 3, 4, 5]);
        expect(lines[0]).toMatchObject({ id: 1, placements: [{ pathway: 'pathway/förlopp_3' }], compensation: [{ amount: '9676' }] });
        expect(lines[0].inclusions[0]).toMatchObject({ pilot: 'pilot/dagrehab_hemrehab', error: { code: 'missing-attribute', details: { attribute: 'ålder' } } });
        expect(lines[1].placements[0]).toMatchObject({ error: { code: 'value-outside-domain', details: { attribute: 'aktivitetsförmåga', value: 'okänd' } } });
        expect(lines[2]).toMatchObject({ line: 3, error: { code: 'invalid-json' } });
        expect(lines[3]).toMatchObject({ line: 4, error: { code: 'empty-line' } });
        expect(lines[4]).toMatchObject({ id: 4, placements: [{ pathway: 'pathway/förlopp_2' }] });
    });
});

describe('regelratt eval refuses what it cannot read, with a typed error', () => {
    const evalCase = (content: string | Buffer) => {
        const input = path.join(scratch, `kant-${Math.random().toString(36).slice(2)}.json`);
        writeFileSync(input, content);
        return regelratt(['eval', 'examples/orebro', '--input', input]);
    };

    test('a misspelt attribute is refused, not ignored', () => {
        const result = evalCase('{"citizen":{"aktivitetsförmåga":"hög","åldr":70},"date":"2021-06-01"}');
        expect(result.code).toBe(1);
        expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'unknown-attribute', details: { attributes: ['åldr'] } });
    });

    test('a level that is null, fractional or huge is a wrong value type, not "no level"', () => {
        for (const level of ['null', '2.5', '1e30', '-1']) {
            const result = evalCase(`{"citizen":{"aktivitetsförmåga":"hög"},"level":${level},"date":"2021-06-01"}`);
            expect(result.code, level).toBe(1);
            expect(JSON.parse(result.stdout).error.code, level).toBe('wrong-value-type');
        }
    });

    test('a number in exponent form is read exactly (1e30 is outside the age domain, not an internal error)', () => {
        const result = evalCase('{"citizen":{"aktivitetsförmåga":"hög","ålder":1e30,"kan_ta_sig_till_vårdcentral":false,"kognitiv_svikt":false,"motiverad_till_träning":true},"date":"2021-06-01"}');
        expect(result.code).toBe(1); // an age outside the domain is the case's error: answered where it can be, exit 1
        expect(result.stderr).toMatch(/^regelratt: .*: .*(value-outside-domain|missing-attribute)/);
        const answer = JSON.parse(result.stdout);
        expect(answer.inclusions.find((i: { pilot: string }) => i.pilot === 'pilot/dagrehab_hemrehab').error.code).toBe('value-outside-domain');
    });

    test('a date that does not exist is refused, as --date (exit 2) and in a case (wrong-value-type)', () => {
        const input = path.join(scratch, 'utan-datum.json');
        writeFileSync(input, '{"citizen":{"aktivitetsförmåga":"hög"}}');
        const flag = regelratt(['eval', 'examples/orebro', '--input', input, '--date', '2021-13-45']);
        expect(flag.code).toBe(2);
        expect(flag.stderr).toContain("ogiltigt värde '2021-13-45' för --date");
        const inCase = evalCase('{"citizen":{"aktivitetsförmåga":"hög"},"date":"2021-02-30"}');
        expect(inCase.code).toBe(1);
        expect(JSON.parse(inCase.stdout).error.code).toBe('wrong-value-type');
    });

    test('a case file with a byte-order mark is read', () => {
        const result = evalCase(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"citizen":{"aktivitetsförmåga":"hög"},"date":"2021-06-01"}')]));
        expect(result.code).toBe(1); // one attribute: the pilots lack theirs
        expect(JSON.parse(result.stdout).placements[0].pathway).toBe('pathway/förlopp_1');
    });
});
