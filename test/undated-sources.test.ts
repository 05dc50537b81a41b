import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { buildDocument } from '@regelratt/document';
import { UNDATED_FROM } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime } from '@regelratt/runtime';

/**
 * Sources as they are: many published guidelines name the nämnd that decided them but no date, and
 * state a schablon with no date it applies from. Both are written as the source gives them; an
 * undated parameter version is said (a warning that names the parameter) and means one thing, the
 * runtime's version lookup with the version starting at the format's earliest date.
 */
async function check(text: string) {
    const { Regelratt } = createRegelrattServices(EmptyFileSystem);
    const [checked] = await checkPolicies(Regelratt, [{ path: '/d/a.regel', text }]);
    return { diagnostics: checked.diagnostics, compiled: () => compilePolicy(checked.document.parseResult.value, 'a.regel') };
}

describe('guidelines as the sources give them', () => {
    test('beslutad av a nämnd without a date: no error, compiled without decidedOn, the cover names only the nämnd', async () => {
        const { diagnostics, compiled } = await check([
            'nämnd vård_och_omsorgsnämnden "Vård- och omsorgsnämnden"',
            'riktlinje bistånd "Riktlinjer för biståndsbedömning" {',
            '    beslutad av vård_och_omsorgsnämnden',
            '    krav besluta ska "Ansökan utreds och beslutas." åtgärd besluta inom 6 veckor från ansökan',
            '}',
        ].join('\n'));
        expect(diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const file = compiled();
        const guideline = file.elements.find(e => e.kind === 'guideline');
        expect(guideline).toMatchObject({ decidedBy: 'body/vård_och_omsorgsnämnden' });
        expect(guideline).not.toHaveProperty('decidedOn');
        expect(buildDocument({ files: [file], locale: 'sv' }).facts).toContainEqual(['Beslutad av', 'Vård- och omsorgsnämnden']);
    });

    const schablon = [
        'egenskap duschar "Duschtillfällen per vecka" : heltal 0–14 tillfällen per vecka',
        'parameter dusch "Dusch" : decimaltal { 40 minuter per tillfälle  från 2024-01-01 : 45 minuter per tillfälle }',
        'beräkning duschtid "Tid för dusch" = dusch × duschar',
    ].join('\n');

    test('a parameter version without a start date: a warning naming the parameter, in force on every date before the next version', async () => {
        const { diagnostics, compiled } = await check(schablon);
        expect(diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(diagnostics.filter(d => d.code === 'undated-parameter').map(d => d.message)).toEqual([
            'Dusch har en version utan startdatum: den gäller på varje datum fram till nästa version, från 2024-01-01. Skriv från vilket datum den gäller när källan anger det.',
        ]);
        const file = compiled();
        const parameter = file.elements.find(e => e.kind === 'parameter');
        expect(parameter).toMatchObject({ versions: [{ from: UNDATED_FROM, undated: true }, { from: '2024-01-01' }] });
        expect(parameter && 'versions' in parameter && parameter.versions[1]).not.toHaveProperty('undated');
        // The one lookup, by either of the runtime's paths (explained and generated code).
        const runtime = new PolicyRuntime([file]);
        for (const explain of [true, false]) {
            const minutes = (date: string) => runtime.calculate('duschtid', { date, citizen: { duschar: 3 } }, { explain }).amount;
            expect(minutes('1998-06-01')).toBe('120');
            expect(minutes('2023-12-31')).toBe('120');
            expect(minutes('2024-01-01')).toBe('135');
        }
        // The document says the source gives no start date, never the format's 0001-01-01.
        const calculations = buildDocument({ files: [file], locale: 'sv' }).sections.find(s => s.id === 'beräkningar')!;
        const table = calculations.blocks.find(b => b.type === 'table' && b.header[0] === 'Parameter');
        expect(table && table.type === 'table' && table.rows.map(row => row.slice(0, 2))).toEqual([['Dusch', 'utan angivet startdatum'], ['', 'från 2024-01-01']]);
        expect(JSON.stringify(calculations)).not.toContain(UNDATED_FROM);
    });

    test('only undated: in force until further notice; two undated versions overlap', async () => {
        const alone = await check('parameter städning "Städning" : decimaltal { 70 minuter varannan vecka }');
        expect(alone.diagnostics.filter(d => d.code === 'undated-parameter').map(d => d.message)).toEqual([
            'Städning har en version utan startdatum: den gäller på varje datum tills vidare. Skriv från vilket datum den gäller när källan anger det.',
        ]);
        const twice = await check('parameter städning "Städning" : decimaltal { 70 minuter varannan vecka  90 minuter varannan vecka }');
        expect(twice.diagnostics.filter(d => d.code === 'overlapping-versions').map(d => d.message)).toEqual([
            'En andra version utan startdatum gäller samtidigt som den första från början; två versioner av samma sak får inte överlappa.',
        ]);
    });
});
