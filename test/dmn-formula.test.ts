import { describe, expect, test } from 'vitest';
import { PolicyRuntime } from '@regelratt/runtime';
import { exportDmn } from '../packages/cli/src/dmn/export-dmn.js';
import { dmnPolicy } from '../packages/cli/src/dmn/write-dmn.js';
import { agrees, compareWithRuntime, fromRuntime } from './dmn/dmn-harness.js';
import { compiledPolicy } from './dmn/compiled-policy.js';
import { evaluateWithRequirements, readDmn } from './dmn/dmn-evaluator.js';

/**
 * Formula outputs (`= …`) and tables reading a calculation in the DMN export: each formula is a FEEL
 * literal expression with exact decimals and FEEL's rounding functions for the runtime's modes; a
 * calculation is a decision of its own (a literal expression) that the table requires. Held to the
 * runtime by the independent evaluator (dmn-moddle and feelin) on every region's citizen, random
 * citizens and the halves where the rounding modes differ, to the öre.
 */
const FORMULAS = `
egenskap inkomst "Inkomst" : belopp per månad
egenskap skillnad "Skillnad mot förra året" : heltal -1000–1000 kr
egenskap poäng "Poäng" : heltal 0–200
egenskap sammanboende "Sammanboende" : ja/nej
parameter andel "Andel av inkomsten" : procent { från 2025-01-01 : 30 % }
parameter golv "Lägsta avgift" : belopp { från 2025-01-01 : 100 kr/mån }
parameter timtaxa "Timtaxa" : belopp { från 2024-01-01 till 2024-12-31 : 246 kr  från 2025-01-01 : 337,50 kr }

beslutstabell avrundningar "Avrundning på alla sätt" {
    giltig från 2025-01-01
    | poäng || från_noll | halva_upp | till_jämnt | nedåt_ | uppåt_ | ören |
    | < 100  || = skillnad / 2 avrundat till hela kronor | = skillnad / 2 avrundat till hela kronor, halva uppåt | = skillnad / 2 avrundat till hela kronor, halva till jämnt | = skillnad / 3 avrundat till hela kronor, nedåt | = skillnad / 3 avrundat till hela kronor, uppåt | = skillnad / 8 avrundat till öre |
    | >= 100 || = inkomst × andel / 7 avrundat till hela kronor | = inkomst × andel / 7 avrundat till hela kronor, halva uppåt | = inkomst / 7 avrundat till hela kronor, halva till jämnt | = inkomst / 7 avrundat till öre, nedåt | = inkomst / 7 avrundat till öre, uppåt | = inkomst / 3 avrundat till öre |
}

beslutstabell egenavgift "Egenavgift" {
    giltig från 2025-01-01
    träff första
    | poäng || avgift |
    | < 50  || 0 kr/mån |
    | < 150 || = max(min(inkomst × andel, 2 000 kr/mån), golv) avrundat till hela kronor |
    | -     || = (om sammanboende så inkomst × 50 % annars inkomst) × andel + timtaxa × 0 |
}
`;

describe('formula outputs in the DMN export', () => {
    test('each formula is a FEEL expression: exact decimals, parameters as their value on the table\'s date, FEEL\'s rounding functions', async () => {
        const { files, errors } = await compiledPolicy(FORMULAS);
        expect(errors).toEqual([]);
        const exported = exportDmn(files[0], dmnPolicy(files))!;
        const read = await readDmn(exported.xml);
        expect(read.warnings).toEqual([]);
        const table = (name: string) => read.decisions.find(d => d.variable === name)!;
        expect(table('avrundningar').rules[0].outputEntries).toEqual([
            'round half up((skillnad / 2), 0)', 'floor((skillnad / 2) + 0.5, 0)', 'decimal((skillnad / 2), 0)',
            'round down((skillnad / 3), 0)', 'round up((skillnad / 3), 0)', 'round half up((skillnad / 8), 2)',
        ]);
        expect(table('egenavgift').rules[1].outputEntries).toEqual(['round half up(max(min((inkomst * 0.3), 2000), 100), 0)']);
        expect(table('egenavgift').rules[2].outputEntries).toEqual(['(((if sammanboende = true then (inkomst * 0.5) else inkomst) * 0.3) + (337.5 * 0))']);
        // What a formula reads besides the columns is input data the decision requires.
        expect(table('egenavgift').requiredInputs.map(href => read.inputData.find(d => `#${d.id}` === href)?.name)).toEqual(['poäng', 'inkomst', 'sammanboende']);
        // The parameters are written as their values on the table's date, and said so.
        expect(exported.notes.map(note => note.sv)).toContainEqual(expect.stringContaining('Parametern timtaxa skrivs som sitt värde den 2025-01-01 (337.5)'));
        expect(exported.xml).not.toMatch(/\d\.\d{12,}|e[+-]\d/);
    });

    test('the exported formulas answer as the runtime, to the öre, for every region, random citizens and the halves', async () => {
        const { files } = await compiledPolicy(FORMULAS);
        const agreed = await compareWithRuntime(files, 27_2025, 200);
        console.log(`DMN formula outputs: ${agreed.decisions} decisions, ${agreed.regions} region citizens and ${agreed.random} random citizens agreed, ${agreed.computed} answers with a computed number`);
        expect(agreed.decisions).toBe(2);
        expect(agreed.computed).toBeGreaterThan(200);
        // The halves, where half away from zero, half up and half to even part, and thirds both ways.
        const exported = exportDmn(files[0], dmnPolicy(files))!;
        const read = await readDmn(exported.xml);
        const runtime = new PolicyRuntime(files);
        const decision = read.decisions.find(d => d.variable === 'avrundningar')!;
        const aggregate = { sum: () => null, min: () => null, max: () => null, count: (n: number) => n };
        for (const skillnad of [-5, -3, -1, 1, 3, 5, -4, 4, 7, -7, 1000, -1000]) {
            const dmn = evaluateWithRequirements(decision, read.decisions, { skillnad, poäng: 0, inkomst: 0, sammanboende: false }, aggregate);
            const ours = fromRuntime(() => runtime.decide('avrundningar', { date: '2025-01-01', citizen: { skillnad, poäng: 0, inkomst: 0 } }).outputs);
            expect(dmn.kind).toBe('value');
            const computed = Object.fromEntries(Object.entries((dmn as { value: Record<string, number> }).value).map(([column, value]) => [column, { computed: String(value) }]));
            expect(agrees(computed, (ours as { value: unknown }).value), `skillnad ${skillnad}: ${JSON.stringify(computed)} ${JSON.stringify(ours)}`).toBe(true);
        }
    });

    test('a parameter with values over time read by a table without a date is named, and the table not exported', async () => {
        const { files, errors } = await compiledPolicy(`${FORMULAS}
beslutstabell odaterad "Utan giltighet" {
    | poäng || avgift |
    | -     || = timtaxa × 2 |
}`);
        expect(errors).toEqual([]);
        const exported = exportDmn(files[0], dmnPolicy(files))!;
        expect(exported.decisionIds.has('decisionTable/odaterad')).toBe(false);
        expect(exported.notes).toContainEqual({
            element: 'decisionTable/odaterad',
            sv: 'Beslutstabellen odaterad exporteras inte: utfallet på rad 1 läser parametern timtaxa, som har 2 värden över tid, och tabellen säger inte (giltig från) vilken dag DMN-uttrycket ska ta värdet från.',
            en: 'Decision table odaterad is not exported: the output in row 1 reads parameter timtaxa, which has 2 values over time, and the table does not say (giltig från) on which day the DMN expression takes its value.',
        });
    });
});

/**
 * A table reading a calculation (`| beräkning x |`, or a formula naming it): the calculation is a
 * DMN decision whose logic is its formula as a FEEL literal expression, required by the table
 * (an information requirement, an edge in the diagram); a calculation reading another is required
 * in turn. A calculation FEEL cannot hold here (limits the runtime keeps) leaves the table out, named.
 */
const CALCULATIONS = `
egenskap besök_per_vecka "Omvårdnadsbesök per vecka" : heltal 0–200 besök
egenskap inkomst "Inkomst" : belopp per månad
parameter minuter_per_besök "Minuter per besök" : decimaltal { från 2025-01-01 : 25 }
parameter andel "Andel av inkomsten" : procent { från 2025-01-01 : 12,5 % }
beräkning vårdtid "Vårdtid per vecka" = besök_per_vecka × minuter_per_besök / 60
beräkning inkomstandel "Andel av inkomsten" = inkomst × andel avrundat till hela kronor, nedåt
beräkning avgiftstak "Avgiftstak" = min(inkomstandel, 2 500 kr/mån)
beräkning begränsad "Begränsad tid" högst 300 = besök_per_vecka
beslutstabell tidsklass "Tidsklass" {
    giltig från 2025-01-01
    | beräkning vårdtid || klass |
    | < 3               || 1     |
    | >= 3              || 2     |
}
beslutstabell tidsavgift "Avgift efter tidsklass" {
    giltig från 2025-01-01
    | tidsklass.klass || avgift |
    | 1               || = min(avgiftstak, 700 kr/mån) |
    | 2               || = avgiftstak |
}
beslutstabell gränsad "Med gräns" {
    giltig från 2025-01-01
    | beräkning begränsad || klass |
    | < 5                 || 1     |
    | >= 5                || 2     |
}
`;

describe('tables reading a calculation in the DMN export', () => {
    test('the calculation is a decision with a literal expression that the table requires, and DMN answers through it as the runtime', async () => {
        const { files, errors } = await compiledPolicy(CALCULATIONS);
        expect(errors).toEqual([]);
        const exported = exportDmn(files[0], dmnPolicy(files))!;
        const read = await readDmn(exported.xml);
        expect(read.warnings).toEqual([]);
        const byVariable = (name: string) => read.decisions.find(d => d.variable === name)!;
        expect(byVariable('vårdtid').literal).toBe('((besök_per_vecka * 25) / 60)');
        expect(byVariable('inkomstandel').literal).toBe('round down((inkomst * 0.125), 0)');
        expect(byVariable('avgiftstak').literal).toBe('min(inkomstandel, 2500)');
        expect(byVariable('avgiftstak').requiredDecisions).toEqual([`#${byVariable('inkomstandel').id}`]);
        expect(byVariable('tidsklass').inputs).toEqual([{ expression: 'vårdtid', typeRef: 'number' }]);
        expect(byVariable('tidsklass').requiredDecisions).toEqual([`#${byVariable('vårdtid').id}`]);
        expect(byVariable('tidsavgift').requiredDecisions).toEqual([`#${byVariable('tidsklass').id}`, `#${byVariable('avgiftstak').id}`]);
        expect(read.edges).toEqual(expect.arrayContaining(read.decisions.flatMap(d => d.requiredDecisions.map(r => `${d.id}__${r.slice(1)}`))));
        // A calculation with a limit the runtime keeps is no FEEL expression: the table reading it is named.
        expect(read.decisions.map(d => d.variable)).not.toContain('gränsad');
        expect(read.decisions.map(d => d.variable)).not.toContain('begränsad');
        expect(exported.notes).toContainEqual({
            element: 'decisionTable/gränsad',
            sv: 'Beslutstabellen gränsad exporteras inte: läser beräkningen begränsad, som har gränser (högst 300) som programmet håller och ett DMN-uttryck inte kan hålla.',
            en: 'Decision table gränsad is not exported: reads calculation begränsad, which has limits (högst 300) that the runtime keeps and a DMN expression cannot.',
        });
        const agreed = await compareWithRuntime(files, 2_700_27, 100);
        console.log(`DMN calculations: ${agreed.decisions} decisions, ${agreed.regions} region citizens and ${agreed.random} random citizens agreed, ${agreed.computed} answers with a computed number`);
        expect(agreed.hitPolicies).toContain('literal expression');
        expect(agreed.decisions).toBe(5);
        expect(agreed.computed).toBeGreaterThan(300);
    });
});
