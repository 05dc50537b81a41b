import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, test } from 'vitest';
import { SCHEMA_VERSION, type CompiledPolicyFile, type LevelTable } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices, serializeCompiledPolicy } from '@regelratt/language';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const schema = JSON.parse(readFileSync(path.join(repository, 'packages/format/schema/compiled-policy.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
// Every example set but the deliberately broken one, found on disk so a new set is tested without a change here.
const exampleSets = readdirSync(path.join(repository, 'examples'), { withFileTypes: true })
    .filter(entry => entry.isDirectory() && entry.name !== 'broken').map(entry => entry.name).sort();

/** Compiles an example folder with fresh services, as `regelratt compile` would, to file name → JSON text. */
async function compileExample(name: string): Promise<Map<string, string>> {
    const folder = path.join(repository, 'examples', name);
    const files = readdirSync(folder).filter(f => f.endsWith('.regel')).sort();
    // From disk: an example set may import the national library (`använd nationellt`).
    const { Regelratt } = createRegelrattServices(NodeFileSystem);
    const checked = await checkPolicies(Regelratt, files.map(f => ({ path: path.join(folder, f), text: readFileSync(path.join(folder, f), 'utf8') })));
    for (const c of checked) {
        expect(c.diagnostics.filter(d => d.severity === 'error'), c.path).toEqual([]);
    }
    return new Map(checked.map(c => {
        const file = c.library ? `regelratt:${c.library.name}/${c.library.file}` : path.basename(c.path);
        return [file, serializeCompiledPolicy(compilePolicy(c.document.parseResult.value, file))];
    }));
}

describe.each(exampleSets)('examples/%s', name => {
    test('checks without any diagnostic and every compiled file satisfies the shipped schema', async () => {
        const compiled = await compileExample(name);
        expect(compiled.size).toBeGreaterThan(0);
        for (const [file, text] of compiled) {
            const json = JSON.parse(text);
            const valid = validate(json);
            expect(valid, `${file}: ${JSON.stringify(validate.errors, null, 2)}`).toBe(true);
            expect(json.schemaVersion).toBe(SCHEMA_VERSION);
            expect(json.source).toBe(file);
        }
    });

    test('compiles to the same bytes every time', async () => {
        const first = await compileExample(name);
        const second = await compileExample(name);
        expect([...second.entries()]).toEqual([...first.entries()]);
    });

    test('every reference names an element of the set, and money is never a float', async () => {
        const compiled = [...(await compileExample(name)).values()].map(text => JSON.parse(text) as CompiledPolicyFile);
        const ids = new Set<string>();
        const references: string[] = [];
        const visit = (value: unknown, key?: string): void => {
            if (typeof value === 'number') {
                expect(Number.isInteger(value), `${key} = ${value}`).toBe(true);
            } else if (Array.isArray(value)) {
                value.forEach(v => visit(v, key));
            } else if (value && typeof value === 'object') {
                for (const [k, v] of Object.entries(value)) {
                    if (k === 'id' && typeof v === 'string') {
                        ids.add(v);
                    } else if (typeof v === 'string' && /^[a-zA-Z]+\/[\p{L}_][\p{L}\p{N}_]*$/u.test(v)) {
                        references.push(v);
                    } else if (Array.isArray(v) && v.every(x => typeof x === 'string' && /^[a-zA-Z]+\//.test(x))) {
                        references.push(...v);
                    } else {
                        visit(v, k);
                    }
                }
            }
        };
        compiled.forEach(file => visit(file));
        expect(references.length).toBeGreaterThan(0);
        expect(references.filter(r => !ids.has(r))).toEqual([]);
    });
});

describe('the Örebro compensation table', () => {
    test('carries the level amounts of the source, exactly, and leaves the others open', async () => {
        const compiled = JSON.parse((await compileExample('orebro')).get('hemvard-ersattning.regel')!) as CompiledPolicyFile;
        const table = compiled.elements.find(e => e.id === 'levelTable/hemvård_tätort') as LevelTable;
        const amounts = Object.fromEntries(table.rows.map(r => [r.level, 'open' in r.amount ? 'open' : r.amount.value]));
        // The figures of the primer's table (seed 000), kr per month in tätort.
        expect(amounts).toMatchObject({
            0: '0', 4: '2037', 5: '2910', 7: '5723', 8: '7154', 10: '9676', 11: '11058', 12: '12440', 13: '13823', 14: '15205', 23: '37830',
        });
        expect(table.rows.filter(r => 'open' in r.amount).map(r => r.level)).toEqual([1, 2, 3, 6, 9, 15, 16, 17, 18, 19, 20, 21, 22]);
        expect(table.levels).toEqual({ min: 0, max: 23 });
        expect(table.rounding).toEqual({ unit: 'krona', mode: 'half-away-from-zero' });
    });

    test('the therapist hour costs 337,50 kr as an exact decimal string', async () => {
        const text = (await compileExample('orebro')).get('hemvard-ersattning.regel')!;
        expect(text).toContain('"value": "337.5"');
        const compiled = JSON.parse(text) as CompiledPolicyFile;
        expect(compiled.elements.find(e => e.id === 'hourlyRate/arbetsterapeut_tid')).toMatchObject({ amount: { value: '337.5', unit: 'kr', per: 'hour' } });
    });
});

describe('compiled criteria and obligations', () => {
    test('the day-rehab pilot criteria compile to a flat list of four conditions', async () => {
        const compiled = JSON.parse((await compileExample('orebro')).get('piloter.regel')!) as CompiledPolicyFile;
        const pilot = compiled.elements.find(e => e.id === 'pilot/dagrehab_hemrehab');
        expect(pilot).toMatchObject({
            phase: 'testPhase/test_och_utvecklingsfas',
            inclusion: {
                all: [
                    { attribute: 'attribute/ålder', op: '>', value: { number: '65', unit: 'år' } },
                    { not: { attribute: 'attribute/kan_ta_sig_till_vårdcentral', test: true } },
                    { not: { attribute: 'attribute/kognitiv_svikt', test: true } },
                    { attribute: 'attribute/motiverad_till_träning', test: true },
                ],
            },
        });
    });

    test('force, frequency and deadline of obligations', async () => {
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/t/r.regel', text: `
            fas uppföljning
            riktlinje r "R" {
                krav a ska inte "A" avser uppföljning var 3:e månad inom 8 veckor
                krav b får "B" varje år
                krav c bör inte "C" var 2 veckor
            }` }]);
        expect(checked.diagnostics).toEqual([]);
        const guideline = compilePolicy(checked.document.parseResult.value, 'r.regel').elements[1];
        expect(guideline).toMatchObject({
            obligations: [
                { force: 'shall-not', governs: ['phase/uppföljning'], frequency: { every: 3, unit: 'month' }, deadline: { amount: 8, unit: 'week' } },
                { force: 'may', frequency: { every: 1, unit: 'year' } },
                { force: 'should-not', frequency: { every: 2, unit: 'week' } },
            ],
        });
    });
});

describe('duties in time (schema 1.7)', () => {
    test('deadlines from events, time-limited decisions and follow-up intervals compile to schema-valid JSON', async () => {
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/t/r.regel', text: `
            insats boendestöd "Boendestöd"
            egenskap ansökan : ja/nej
            riktlinje r "R" {
                krav utreda ska "Ansökan utreds och beslutas." åtgärd besluta avser boendestöd inom 4 veckor från ansökan
                krav planera ska "Genomförandeplanen upprättas." åtgärd planera senast 3 månader efter verkställighet
                krav vänta bör "Beslutet omprövas inte för tidigt." åtgärd ompröva tidigast 3 veckor efter beslut
                krav tidsbegränsa ska "Beslut om boendestöd tidsbegränsas." avser boendestöd beslut gäller högst 12 månader uppföljning var 6:e månad
                krav gammal ska "Som förr." inom 8 veckor
            }
            pilot p { inkludera när ansökan  mål m "Planerade" : 80 % inom 8 veckor från ansökan }` }]);
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const compiled = compilePolicy(checked.document.parseResult.value, 'r.regel');
        expect(validate(JSON.parse(serializeCompiledPolicy(compiled))), JSON.stringify(validate.errors)).toBe(true);
        expect(compiled.elements.find(e => e.kind === 'guideline')).toMatchObject({
            obligations: [
                { deadline: { amount: 4, unit: 'week', event: 'application' } },
                { deadline: { amount: 3, unit: 'month', event: 'implementation' } },
                { deadline: { amount: 3, unit: 'week', event: 'decision', earliest: true } },
                { decisionLimit: { amount: 12, unit: 'month' }, followUp: { every: 6, unit: 'month' } },
                { deadline: { amount: 8, unit: 'week' } },
            ],
        });
        expect(compiled.elements.find(e => e.kind === 'pilot')).toMatchObject({ goals: [{ deadline: { amount: 8, unit: 'week', event: 'application' } }] });
    });

    test('a main rule with its condition and exceptions compiles to schema-valid JSON', async () => {
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/t/r.regel', text: `
            insats hemvård "Hemvård"
            egenskap ålder : heltal 0–120 år
            egenskap kognitiv_svikt : ja/nej
            riktlinje r "R" {
                krav hemma ska i regel "Stödet ges i hemmet." åtgärd ge_stöd avser hemvård när ålder >= 65 år
                    undantag när kognitiv_svikt "Vid kognitiv svikt"
                    undantag när ålder >= 100 år
                krav enkel ska "Utan villkor."
            }` }]);
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const compiled = compilePolicy(checked.document.parseResult.value, 'r.regel');
        expect(validate(JSON.parse(serializeCompiledPolicy(compiled))), JSON.stringify(validate.errors)).toBe(true);
        const guideline = compiled.elements.find(e => e.kind === 'guideline');
        expect(guideline).toMatchObject({
            obligations: [
                {
                    usually: true, condition: { attribute: 'attribute/ålder', op: '>=', value: { number: '65' } },
                    exceptions: [{ condition: { attribute: 'attribute/kognitiv_svikt', test: true }, text: 'Vid kognitiv svikt' }, { condition: { attribute: 'attribute/ålder', op: '>=' } }],
                },
                { force: 'shall' },
            ],
        });
        const [, plain] = (guideline as { obligations: object[] }).obligations;
        expect(Object.keys(plain)).not.toContain('exceptions');
        expect(Object.keys(plain)).not.toContain('usually');
    });
});

describe('a decision table that gives förlopp (schema 1.3)', () => {
    test('compiles to schema-valid JSON whose rows name the förlopp, and the runtime answers with their ids', async () => {
        const text = [
            'egenskap aktivitetsförmåga : en av { hög, utvecklingsbar, nedsatt }',
            'egenskap ålder : heltal 0–120 år',
            'förloppsmodell m { förlopp f1 { när aktivitetsförmåga = hög } förlopp f2 { när aktivitetsförmåga i { utvecklingsbar, nedsatt } } }',
            'beslutstabell förloppstabell {',
            '    träff första',
            '    | aktivitetsförmåga | ålder || förlopp | timmar_per_vecka |',
            '    | hög               | -     || f1      | 2                |',
            '    | -                 | >= 80 || f2      | 6                |',
            '    | -                 | -     || f2      | 4                |',
            '}',
        ].join('\n');
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/t/p.regel', text }]);
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const compiled = compilePolicy(checked.document.parseResult.value, 'p.regel');
        expect(validate(JSON.parse(serializeCompiledPolicy(compiled))), JSON.stringify(validate.errors)).toBe(true);
        const table = compiled.elements.find(e => e.kind === 'decisionTable');
        expect(table && 'rows' in table ? table.rows.map(row => row.then[0]) : []).toEqual([{ pathway: 'pathway/f1' }, { pathway: 'pathway/f2' }, { pathway: 'pathway/f2' }]);
        const { PolicyRuntime } = await import('@regelratt/runtime');
        const runtime = new PolicyRuntime([compiled]);
        const decision = runtime.decide('förloppstabell', { date: '2025-01-01', citizen: { aktivitetsförmåga: 'utvecklingsbar', ålder: 85 } });
        expect(decision.outputs).toEqual({ förlopp: 'pathway/f2', timmar_per_vecka: '6' });
    });

    test('a formula that reads a column of förlopp is refused: a förlopp is not a number', async () => {
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/t/q.regel', text: [
            'egenskap aktivitetsförmåga : en av { hög, utvecklingsbar, nedsatt }',
            'förloppsmodell m { förlopp f1 { när aktivitetsförmåga = hög } förlopp f2 { när aktivitetsförmåga i { utvecklingsbar, nedsatt } } }',
            'beslutstabell t { | aktivitetsförmåga || förlopp |\n | hög || f1 |\n | - || f2 |\n}',
            'beräkning x = t.förlopp × 2',
        ].join('\n') }]);
        expect(checked.diagnostics.filter(d => d.code === 'not-a-number').map(d => d.message)).toEqual(['t.förlopp är förlopp och kan inte räknas med.']);
    });
});
