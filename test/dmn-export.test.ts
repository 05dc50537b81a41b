import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { afterAll, describe, expect, test } from 'vitest';
import type { CompiledPolicyFile } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { exportDmn } from '../packages/cli/src/dmn/export-dmn.js';
import { dmnAttributes, dmnPolicy } from '../packages/cli/src/dmn/write-dmn.js';
import { compareWithRuntime } from './dmn/dmn-harness.js';
import { evaluateDecision, readDmn } from './dmn/dmn-evaluator.js';
import { PolicyRuntime } from '@regelratt/runtime';
import { EVERY_HIT_POLICY } from './dmn/every-hit-policy.js';

/**
 * `compile --target dmn` on a policy that uses every hit policy, every kind of output and cell, a
 * default output, a level column, a förloppsmodell with and without `sekundärt` and a pilot: the
 * DMN file, read by dmn-moddle and evaluated by feelin, answers as the runtime for every region's
 * citizen and for random ones; two runs give the same bytes; what DMN cannot hold is named.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-dmn-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));


const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function compiled(text: string): Promise<{ files: CompiledPolicyFile[]; errors: string[] }> {
    const checked = await checkPolicies(Regelratt, [{ path: '/dmn/policy.regel', text }]);
    const errors = checked.flatMap(c => c.diagnostics.filter(d => d.severity === 'error').map(d => `${d.code}: ${d.message}`));
    return { files: checked.map(c => JSON.parse(JSON.stringify(compilePolicy(c.document.parseResult.value, 'policy.regel'))) as CompiledPolicyFile), errors };
}

describe('regelratt compile --target dmn', () => {
    test('every hit policy, output kind and cell form answers in DMN as in the runtime', async () => {
        const { files, errors } = await compiled(EVERY_HIT_POLICY);
        expect(errors).toEqual([]);
        const agreed = await compareWithRuntime(files, 20_251_205, 100);
        console.log(`DMN export of every hit policy: ${agreed.decisions} decisions, ${agreed.regions} region citizens and ${agreed.random} random citizens agreed`);
        expect([...agreed.hitPolicies].sort()).toEqual(['ANY', 'COLLECT', 'COLLECT COUNT', 'COLLECT MAX', 'COLLECT MIN', 'COLLECT SUM', 'FIRST', 'OUTPUT ORDER', 'RULE ORDER', 'UNIQUE']);
        expect(agreed.decisions).toBe(14);
    });

    test('FEEL as written: intervals, lists, negation, exact decimals, dates, escaped text and the default output', async () => {
        const { files } = await compiled(EVERY_HIT_POLICY);
        const exported = exportDmn(files[0], dmnAttributes(files))!;
        const read = await readDmn(exported.xml);
        const table = (name: string) => read.decisions.find(d => d.variable === name)!;
        expect(table('bedömning').rules.map(r => r.inputEntries)).toEqual([['>= 80', 'true'], ['(64..80)', '-']]);
        expect(table('bedömning').outputs).toEqual([
            { name: 'beslut', typeRef: 'string', default: '"Avslås \\"nu\\""' },
            { name: 'brådskande', typeRef: 'boolean', default: 'false' },
        ]);
        expect(table('andel').rules.map(r => [...r.inputEntries, ...r.outputEntries])).toEqual([
            ['< 10000.5', '"hög", "utvecklingsbar"', '0.1'],
            ['< 10000.5', '"nedsatt"', '0.125'],
            ['>= 10000.5', 'not("hög")', '0.3'],
            ['>= 10000.5', '"hög"', '0'],
        ]);
        expect(table('vikttillägg').rules[0].inputEntries).toEqual(['[0..100.25]', '-']);
        expect(table('serviceavgift')).toMatchObject({ hitPolicy: 'COLLECT', aggregation: 'SUM', outputs: [{ name: 'avgift', typeRef: 'number', default: '0' }] });
        // The list policies: RULE ORDER, OUTPUT ORDER with its output values, COLLECT without an aggregation.
        expect(table('stödlista')).toMatchObject({ hitPolicy: 'RULE ORDER', outputs: [{ name: 'stöd', typeRef: 'string' }, { name: 'timmar', typeRef: 'number' }] });
        expect(table('stödlista').aggregation).toBeUndefined();
        expect(table('stödordning')).toMatchObject({ hitPolicy: 'OUTPUT ORDER', outputs: [{ name: 'stöd', values: ['"trygghetslarm"', '"matdistribution"', '"dagverksamhet"'] }] });
        expect(table('samlade_timmar').hitPolicy).toBe('COLLECT');
        expect(table('samlade_timmar').aggregation).toBeUndefined();
        // The pilot: an exclusion first (FIRST), then the inclusion; no rule is false by default.
        expect(table('hemrehab').rules.map(r => [...r.inputEntries, ...r.outputEntries])).toEqual([
            ['"nedsatt"', '-', '-', '-', 'false'],
            ['-', '> 65', 'not(true)', '>= date("2024-01-01")', 'true'],
        ]);
        expect(read.inputData.map(d => [d.name, d.typeRef])).toContainEqual(['beslutsdatum', 'date']);
        expect(exported.xml).toContain('xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/"');
        // No binary float anywhere: every number in an entry is a decimal as the policy wrote it.
        expect(exported.xml).not.toMatch(/\d\.\d{12,}|e[+-]\d/);
    });

    test('what DMN cannot hold is named, element by element, in Swedish and in English', async () => {
        const { files } = await compiled(`${EVERY_HIT_POLICY}
beslutstabell gammal "Gammal taxa" {
    giltig från 2017-01-01 till 2017-12-31
    | ålder || avgift |
    | -     || 1 kr/mån |
}`);
        const { notes } = exportDmn(files[0], dmnAttributes(files))!;
        expect(notes.map(note => note.element)).toEqual(['pathwayModel/med_sekundärt', 'decisionTable/gammal']);
        expect(notes[0].sv).toContain('Förloppsmodellen med_sekundärt har sekundära förlopp');
        expect(notes[0].en).toContain('secondary förlopp');
        expect(notes[1].sv).toContain('Beslutstabellen gammal gäller 2017-01-01–2017-12-31: DMN har ingen giltighetstid');
    });

    test('PRIORITY with its output values; a table whose outputs are formulas is a FEEL expression (test/dmn-formula.test.ts)', async () => {
        const { files, errors } = await compiled(`egenskap poäng "Poäng" : heltal 0–200
egenskap inkomst "Inkomst" : belopp per månad
beslutstabell risk "Risk" {
    träff prioritet
    | poäng  || klass ("hög", "medel", "låg") |
    | >= 100 || "hög"   |
    | >= 50  || "medel" |
    | -      || "låg"   |
}
beslutstabell andel_av_inkomst "Andel av inkomsten" {
    | poäng || avgift |
    | < 100  || = inkomst × 30 % |
    | >= 100 || 0 kr/mån |
}`);
        expect(errors).toEqual([]);
        const exported = exportDmn(files[0], dmnAttributes(files))!;
        const read = await readDmn(exported.xml);
        expect(read.decisions.find(d => d.variable === 'risk')).toMatchObject({ hitPolicy: 'PRIORITY' });
        expect(exported.xml).toMatch(/<outputValues id="[^"]+">\s*<text>&quot;hög&quot;,&quot;medel&quot;,&quot;låg&quot;<\/text>\s*<\/outputValues>/u);
        expect(read.decisions.find(d => d.variable === 'andel_av_inkomst')!.rules.map(rule => rule.outputEntries)).toEqual([['(inkomst * 0.3)'], ['0']]);
        expect(exported.notes).toEqual([]);
    });

    test('the command writes .dmn files atomically, the same bytes on every run, and says what it left out', () => {
        const sources = path.join(scratch, 'källa');
        mkdirSync(sources, { recursive: true });
        writeFileSync(path.join(sources, 'policy.regel'), EVERY_HIT_POLICY);
        const run = (out: string, ...extra: string[]) => spawnSync(process.execPath, [bin, 'compile', sources, '--target', 'dmn', '-o', out, ...extra], { encoding: 'utf8' });
        const first = run(path.join(scratch, 'ut1'));
        const second = run(path.join(scratch, 'ut2'));
        expect(first.status, first.stderr).toBe(0);
        expect(second.status, second.stderr).toBe(0);
        expect(first.stderr).toContain('anmärkning (pathwayModel/med_sekundärt): Förloppsmodellen med_sekundärt har sekundära förlopp');
        expect(first.stderr).toContain('1 DMN-fil skriven till');
        expect(readdirSync(path.join(scratch, 'ut1'))).toEqual(['policy.dmn']);
        expect(readFileSync(path.join(scratch, 'ut1', 'policy.dmn'))).toEqual(readFileSync(path.join(scratch, 'ut2', 'policy.dmn')));
        const english = run(path.join(scratch, 'ut3'), '--lang', 'en');
        expect(english.stderr).toContain('note (pathwayModel/med_sekundärt): Förlopp model med_sekundärt has secondary förlopp');
        const wrong = run(path.join(scratch, 'ut4'), '--target', 'bpmn');
        expect(wrong.status).toBe(2);
        expect(wrong.stderr).toContain('json, dmn');
    });
});

/**
 * Chained decisions (a column reading another table's output) are DMN's information requirements
 * between decisions: the downstream requires the upstream decision and its input expression names
 * the upstream's variable (with the column where it has several outputs). A table reading a
 * calculation has no DMN decision to require and is named in a note as not exported.
 */
describe('chained decision tables in the DMN export', () => {
    const CHAINED = `
egenskap besök_per_vecka "Omvårdnadsbesök per vecka" : heltal 0–200 besök
egenskap larm : ja/nej
beslutstabell nivåbedömning "Nivå efter besök" {
    | besök_per_vecka || nivå | akut |
    | 0               || 0    | nej  |
    | 1–6             || 1    | nej  |
    | 7–20            || 2    | nej  |
    | >= 21           || 3    | ja   |
}
beslutstabell omvårdnadsavgift "Avgift efter nivå" {
    | nivåbedömning.nivå || avgift       |
    | 0                  || 0 kr/mån     |
    | 1                  || 705 kr/mån   |
    | 2                  || 1 409 kr/mån |
    | 3                  || 2 013 kr/mån |
}
beslutstabell angelägenhet "Angelägenhet" {
    | nivåbedömning.akut | larm || angelägenhet |
    | ja                 | -    || 1            |
    | nej                | ja   || 2            |
    | nej                | nej  || 3            |
}
beslutstabell rabatt "Rabatt efter avgift" {
    träff första
    | omvårdnadsavgift.avgift || rabatt    |
    | >= 1000                 || 100 kr/mån |
    | -                       || 0 kr/mån   |
}
beräkning vårdtid "Vårdtid per vecka" = besök_per_vecka × 0,5
beslutstabell tidsklass "Tidsklass" {
    | beräkning vårdtid || klass |
    | < 3               || 1     |
    | >= 3              || 2     |
}
`;

    test('a chained input is a required decision, and DMN answers through it as the runtime does', async () => {
        const { files, errors } = await compiled(CHAINED);
        expect(errors).toEqual([]);
        const exported = exportDmn(files[0], dmnPolicy(files))!;
        const read = await readDmn(exported.xml);
        expect(read.warnings).toEqual([]);
        const byVariable = (name: string) => read.decisions.find(d => d.variable === name)!;
        const upstream = byVariable('nivåbedömning');
        expect(byVariable('omvårdnadsavgift').requiredDecisions).toEqual([`#${upstream.id}`]);
        expect(byVariable('omvårdnadsavgift').requiredInputs).toEqual([]);
        expect(byVariable('omvårdnadsavgift').inputs).toEqual([{ expression: 'nivåbedömning.nivå', typeRef: 'number' }]);
        expect(byVariable('angelägenhet').inputs.map(i => i.expression)).toEqual(['nivåbedömning.akut', 'larm']);
        // A single-output upstream's value is the value itself, not a context.
        expect(byVariable('rabatt').inputs.map(i => i.expression)).toEqual(['omvårdnadsavgift']);
        expect(byVariable('rabatt').requiredDecisions).toEqual([`#${byVariable('omvårdnadsavgift').id}`]);
        // Every requirement has an edge in the diagram.
        expect(read.edges).toEqual(expect.arrayContaining(read.decisions.flatMap(d => d.requiredDecisions.map(r => `${d.id}__${r.slice(1)}`))));
        // The calculation-reading table requires the calculation's decision (a literal expression, test/dmn-formula.test.ts).
        expect(byVariable('tidsklass').requiredDecisions).toEqual([`#${byVariable('vårdtid').id}`]);
        expect(byVariable('vårdtid').literal).toBe('(besök_per_vecka * 0.5)');
        // Without the policy's parameters and calculations (only its attributes), the table is named, never dropped in silence.
        const bare = exportDmn(files[0], dmnAttributes(files))!;
        expect(bare.notes).toContainEqual(expect.objectContaining({ element: 'decisionTable/tidsklass', sv: expect.stringContaining('beräkningen vårdtid'), en: expect.stringContaining('calculation vårdtid') }));
        // Evaluated in DMN's order (the required decision first, its value under its variable), the answers are the runtime's.
        const runtime = new PolicyRuntime(files);
        const aggregate = { sum: () => undefined, min: () => undefined, max: () => undefined, count: (n: number) => n };
        const byId = new Map(read.decisions.map(d => [`#${d.id}`, d]));
        const answer = (decision: (typeof read.decisions)[number], context: Record<string, unknown>): unknown => {
            const full = { ...context };
            for (const required of decision.requiredDecisions) {
                const up = byId.get(required)!;
                // A decimal output kept exact (as text) is a FEEL number for the decision that reads it; these are whole.
                const feel = (value: unknown): unknown => (value && typeof value === 'object' && 'decimal' in value ? Number((value as { decimal: string }).decimal)
                    : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, feel(v)])) : value);
                full[up.variable] = feel(answer(up, context));
            }
            const result = evaluateDecision(decision, full, aggregate);
            return result.kind === 'value' ? result.value : null;
        };
        const plain = (value: unknown): unknown => (value && typeof value === 'object' && 'decimal' in value ? (value as { decimal: string }).decimal : typeof value === 'number' ? String(value) : value);
        for (const visits of [0, 1, 6, 7, 20, 21, 40]) {
            for (const larm of [true, false]) {
                const context = { besök_per_vecka: visits, larm };
                for (const name of ['omvårdnadsavgift', 'angelägenhet', 'rabatt']) {
                    const ours = runtime.decide(name, { date: '2025-01-01', citizen: context }).outputs;
                    expect(plain(answer(byVariable(name), context)), `${name} ${visits} ${larm}`).toEqual(Object.values(ours)[0]);
                }
            }
        }
    });
});
