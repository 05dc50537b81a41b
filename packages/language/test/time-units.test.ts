import { describe, expect, test } from 'vitest';
import { evaluateCase, PolicyRuntime, runExamples } from '@regelratt/runtime';
import { buildDocument } from '@regelratt/document';
import { answerUnitSource, answerUnitText, type AnswerUnit } from '@regelratt/format';
import { compilePolicy, exampleDifferences } from '@regelratt/language';
import { checkTexts } from './check-text.js';

/**
 * Time as a quantity: minutes, hours, days, weeks, months and years convert exactly (a month is 52/12
 * weeks by the documented default), frequencies and counts of occasions cancel as units do, a share of
 * a time is a time, and rounding to minutes, quarter hours or hours rounds a time. Each answer is the
 * runtime's, on the compiled policy, by both of its evaluators (the explained one and generated code).
 */
const vocabulary = `
egenskap duschar "Duschtillfällen per vecka" : heltal 0–14 tillfällen per vecka
egenskap hjälptimmar "Timmar" : decimaltal 0–100 timmar
egenskap hjälpminuter "Minuter" : heltal 0–600 minuter
egenskap besöken "Besök per vecka" : heltal 0–50 besök per vecka
parameter dusch "Dusch" : decimaltal { från 2024-01-01 : 40 minuter per tillfälle }
parameter städning "Städning" : decimaltal { från 2024-01-01 : 90 minuter varannan vecka }
`;

async function check(formulas: string) {
    const [checked] = await checkTexts([`${vocabulary}\n${formulas}`]);
    const errors = checked.diagnostics.filter(d => d.severity === 'error').map(d => `${d.code}: ${d.message}`);
    return { checked, errors };
}

async function answers(formulas: string, name: string, citizen: Record<string, number>): Promise<string[]> {
    const { checked, errors } = await check(formulas);
    expect(errors).toEqual([]);
    const runtime = new PolicyRuntime([compilePolicy(checked.document.parseResult.value, 'a.regel')]);
    const question = { date: '2024-03-01', citizen };
    return [runtime.calculate(`calculation/${name}`, question).amount, runtime.calculate(`calculation/${name}`, question, { explain: false }).amount];
}

describe('time as a quantity', () => {
    test('hours and minutes add by converting: 2 timmar + 30 minuter is 2,5 timmar', async () => {
        expect(await answers('beräkning t = hjälptimmar + hjälpminuter', 't', { hjälptimmar: 2, hjälpminuter: 30 })).toEqual(['2.5', '2.5']);
        // The first term's unit is the sum's: minutes here.
        expect(await answers('beräkning t = hjälpminuter + hjälptimmar', 't', { hjälptimmar: 2, hjälpminuter: 30 })).toEqual(['150', '150']);
    });

    test('minuter per tillfälle × tillfällen per vecka is minuter per vecka; every other week is half a week\'s', async () => {
        // 40 × 3 = 120 minutes a week, and 90 minutes every other week is 45 a week: 165.
        expect(await answers('beräkning t = dusch × duschar + städning', 't', { duschar: 3 })).toEqual(['165', '165']);
    });

    test('a week\'s time in hours per month by the default 52/12 weeks a month, rounded up to quarter hours', async () => {
        // 165 min/vecka = 2,75 h/vecka; × 52/12 = 11,9166… h/mån; up to the quarter hour: 12.
        const formula = 'beräkning t = (dusch × duschar + städning) i timmar per månad avrundat till kvartstimmar, uppåt';
        expect(await answers(formula, 't', { duschar: 3 })).toEqual(['12', '12']);
        // Unrounded it is exact: 143/12 hours.
        expect(await answers('beräkning t = ((dusch × duschar + städning) i timmar per månad) × 12', 't', { duschar: 3 })).toEqual(['143', '143']);
    });

    test('a conversion may state the policy\'s own week-to-month rule, for every conversion inside it', async () => {
        // 165 min/vecka × 4 veckor per månad = 660 min = 11 h/mån (the default would give 11,916…).
        expect(await answers('beräkning t = (dusch × duschar + städning) i timmar per månad räknat med 4 veckor per månad', 't', { duschar: 3 })).toEqual(['11', '11']);
        // Inside it, a monthly time added to a weekly one converts by the same rule: 30 + 120 / 4 = 60 min/vecka, 4 h/mån.
        expect(await answers('beräkning t = (hjälpminuter / 1 vecka + 120 minuter per månad) i timmar per månad räknat med 4 veckor per månad', 't', { hjälpminuter: 30 })).toEqual(['4', '4']);
        expect((await check('beräkning t = (dusch × duschar) i timmar per månad räknat med 0 veckor per månad')).errors)
            .toEqual(['impossible-term: En omräkning på 0 veckor per månad kan inte uppfyllas.']);
    });

    test('a weekly and a monthly time add by converting the second to the first\'s period', async () => {
        // 60 min/vecka + 130 min/mån: 130 × 12/52 = 30 min/vecka, so 90.
        expect(await answers('beräkning t = hjälpminuter / 1 vecka + 130 minuter per månad', 't', { hjälpminuter: 60 })).toEqual(['90', '90']);
    });

    test('rounding to whole minutes and whole hours expresses the time in that unit first', async () => {
        expect(await answers('beräkning t = hjälptimmar avrundat till hela minuter', 't', { hjälptimmar: 1.26 })).toEqual(['76', '76']);
        expect(await answers('beräkning t = hjälpminuter avrundat till hela timmar', 't', { hjälpminuter: 90 })).toEqual(['2', '2']);
    });

    test('a share of a time is a time: d × 50 % + d', async () => {
        expect(await answers('beräkning t = hjälptimmar × 50 % + hjälptimmar', 't', { hjälptimmar: 4 })).toEqual(['6', '6']);
    });

    test('kr/h times minutes is kronor, the minutes in hours; kr per besök times besök per vecka is kr per vecka', async () => {
        expect(await answers('beräkning k = hjälpminuter × 300 kr/h', 'k', { hjälpminuter: 90 })).toEqual(['450', '450']);
        expect(await answers('beräkning k = besöken × 45 kr per besök', 'k', { besöken: 4 })).toEqual(['180', '180']);
        expect(await answers('beräkning k = besöken × 45 kr/besök', 'k', { besöken: 4 })).toEqual(['180', '180']);
    });

    test('what does not fit stays an error: kr/mån × timmar, timmar + tillfällen, a time without a period per month', async () => {
        expect((await check('beräkning k = hjälptimmar × 300 kr/mån')).errors).toEqual(['unit-mismatch: Kan inte multiplicera timmar och kr/mån: enheterna passar inte ihop.']);
        expect((await check('beräkning k = hjälptimmar + 2 tillfällen')).errors).toEqual(['unit-mismatch: Kan inte addera timmar och tillfällen: enheterna passar inte ihop.']);
        expect((await check('beräkning k = hjälptimmar i timmar per månad')).errors).toEqual(['unit-mismatch: Kan inte räkna om mellan timmar och timmar per månad: enheterna passar inte ihop.']);
    });

    test('an amount per insats is checked as kr/h is: insatser × kr per insats is kronor, timmar × kr per insats is an error', async () => {
        const rates = `egenskap insatserna "Utförda insatser" : heltal 0–2000 insatser
schablon natt "Natt per insats" { giltig från 2024-01-01  belopp 245 kr per insats }
`;
        expect(await answers(`${rates}beräkning k = insatserna × natt`, 'k', { insatserna: 4 })).toEqual(['980', '980']);
        expect(await answers('egenskap insatserna : heltal 0–2000 insatser\nberäkning k = insatserna × 245 kr per insats', 'k', { insatserna: 3 })).toEqual(['735', '735']);
        expect((await check(`${rates}beräkning k = hjälptimmar × natt`)).errors).toEqual(['unit-mismatch: Kan inte multiplicera timmar och kr/insats: enheterna passar inte ihop.']);
        expect((await check('beräkning k = hjälptimmar × (245 kr per insats)')).errors).toEqual(['unit-mismatch: Kan inte multiplicera timmar och kr/insats: enheterna passar inte ihop.']);
        expect((await check('beräkning k = besöken × 245 kr per insats')).errors).toEqual(['unit-mismatch: Kan inte multiplicera besök per vecka och kr/insats: enheterna passar inte ihop.']);
        // The other way round: visits are not hours.
        expect((await check('beräkning k = besöken × 300 kr/h')).errors).toEqual(['unit-mismatch: Kan inte multiplicera besök per vecka och kr/h: enheterna passar inte ihop.']);
        // A count of the attribute's own word is not an occasion the checker knows: left as it was.
        expect((await check('egenskap vikt : decimaltal 0–100 kg\nberäkning k = vikt × 245 kr per insats')).errors).toEqual([]);
        // A monthly fee for each insats (Örnsköldsvik's 338 kr/mån per fixed service): insatser × kr/mån is kr/mån.
        expect(await answers('egenskap insatserna : heltal 0–6 insatser\nberäkning k = insatserna × 338 kr/mån', 'k', { insatserna: 2 })).toEqual(['676', '676']);
        expect((await check('egenskap insatserna : heltal 0–6 insatser\nberäkning k = insatserna × 338 kr/mån\nberäkning j = k + 10 kr/mån')).errors).toEqual([]);
    });

    test('rounding refuses what it does not fit: öre on a count, kronor on a time, hours on an amount', async () => {
        expect((await check('beräkning k = 3 tillfällen avrundat till öre')).errors).toEqual([
            'rounding-does-not-fit: Kan inte avrunda tillfällen till öre: kronor och öre avrundar belopp, hela minuter, kvartstimmar och hela timmar en tid.',
        ]);
        expect((await check('beräkning k = hjälptimmar avrundat till hela kronor')).errors.map(e => e.split(':')[0])).toEqual(['rounding-does-not-fit']);
        expect((await check('beräkning k = 5 kr avrundat till hela timmar')).errors.map(e => e.split(':')[0])).toEqual(['rounding-does-not-fit']);
        expect((await check('beräkning k = 3 tillfällen per vecka avrundat till kvartstimmar')).errors.map(e => e.split(':')[0])).toEqual(['rounding-does-not-fit']);
    });

    test('a conversion factor that divides (a month in weeks) does not shift which division a finding names', async () => {
        const { checked } = await check('egenskap veckominuter : heltal 0–600 minuter per vecka\negenskap antal_x : heltal 0–10\nberäkning t = veckominuter + 130 minuter per månad + veckominuter / antal_x');
        const divisions = checked.diagnostics.filter(d => d.code === 'division-by-zero').map(d => d.message);
        expect(divisions).toHaveLength(1);
        expect(divisions[0]).toContain('veckominuter / antal_x');
    });

    test('a decision table\'s column gives its times in one unit', async () => {
        const table = (second: string) => `beslutstabell tid_t {\n | duschar || tid |\n | 0–3 || 40 minuter per tillfälle |\n | 4–14 || ${second} |\n}`;
        expect((await check(table('1 timme per tillfälle'))).errors).toEqual(['mixed-units: Här anges timmar per tillfälle, men tidigare värden i samma parameter eller kolumn anges i minuter per tillfälle; ange alla i samma enhet.']);
        expect((await check(table('60 minuter per tillfälle'))).errors).toEqual([]);
    });

    test('an occasion word is still a name elsewhere: an attribute called portioner', async () => {
        const { errors } = await check('egenskap portioner : heltal 0–93 portioner\nberäkning k = portioner × 55 kr per portion');
        expect(errors).toEqual([]);
    });
});

describe('every answer in its own unit', () => {
    const policy = `beräkning tid "Beviljad tid" = (dusch × duschar + städning) i timmar per månad avrundat till kvartstimmar, uppåt
beräkning taxa "Taxa per besök" = 450 kr per besök
exempel fel_väntat { datum 2024-03-01 beräkning tid för { duschar = 3 } förväntat 10,5 timmar per månad }
exempel rätt_väntat { datum 2024-03-01 beräkning tid för { duschar = 3 } förväntat 12 timmar per månad }
exempel taxan { datum 2024-03-01 beräkning taxa förväntat 450 kr/besök }`;

    async function compiled() {
        const { checked, errors } = await check(policy);
        expect(errors).toEqual([]);
        return compilePolicy(checked.document.parseResult.value, 'a.regel');
    }

    test('the compiled calculation and example carry the unit', async () => {
        const file = await compiled();
        const tid = file.elements.find(e => e.id === 'calculation/tid');
        expect(tid && 'unit' in tid ? tid.unit : undefined).toEqual({ of: 'hour', per: 'month' });
        const taxa = file.elements.find(e => e.id === 'calculation/taxa');
        expect(taxa && 'unit' in taxa ? taxa.unit : undefined).toEqual({ of: 'kr', per: 'visit' });
    });

    test('test says a failing example in the answer\'s unit, not in kronor', async () => {
        const results = runExamples(new PolicyRuntime([await compiled()]));
        const failed = results.find(r => r.example.name === 'fel_väntat')!;
        expect(failed.passed).toBe(false);
        expect(exampleDifferences(failed.expected, failed.actual, 'sv', failed.example.unit)).toBe('belopp: väntat 10,5 h/mån, fick 12 h/mån');
        expect(results.filter(r => r.passed).map(r => r.example.name)).toEqual(['rätt_väntat', 'taxan']);
    });

    test('eval gives each amount its unit', async () => {
        const answer = evaluateCase(new PolicyRuntime([await compiled()]), { date: '2024-03-01', citizen: { duschar: 3 } });
        expect(answer.amounts?.find(a => a.calculation === 'calculation/tid')).toMatchObject({ amount: '12', unit: { of: 'hour', per: 'month' } });
    });

    test('the document shows an example\'s answer in its unit', async () => {
        const model = buildDocument({ files: [await compiled()], locale: 'sv', draft: true });
        const text = JSON.stringify(model);
        expect(text).toContain('12 h/mån');
        expect(text).toContain('450 kr/besök');
        expect(text).not.toContain('12 kr');
    });

    test('an expectation in kronor of a time is an error; 450 kr/h of an hourly rate is accepted', async () => {
        expect((await check('beräkning tid = dusch × duschar\nexempel e { datum 2024-03-01 beräkning tid för { duschar = 1 } förväntat 40 kr }')).errors)
            .toEqual(['expectation-unit-mismatch: Exemplet väntar sig kr, men svaret ges i minuter per vecka.']);
        expect((await check('beräkning tid = dusch × duschar\nexempel e { datum 2024-03-01 beräkning tid för { duschar = 1 } förväntat 40 timmar per vecka }')).errors)
            .toEqual(['expectation-unit-mismatch: Exemplet väntar sig timmar per vecka, men svaret ges i minuter per vecka.']);
        expect((await check('timkostnad t { belopp 450 kr/h }\nberäkning k = t\nexempel e { datum 2024-03-01 beräkning k förväntat 450 kr/h }')).errors).toEqual([]);
    });

    test('each unit as printed and as a policy writes it, and the written form checks as the expectation of its answer', async () => {
        const cases: Array<[AnswerUnit, string, string, string]> = [
            [{ of: 'hour', per: 'month' }, 'h/mån', 'timmar per månad', '(dusch × duschar) i timmar per månad'],
            [{ of: 'minute', per: 'week' }, 'min/vecka', 'minuter per vecka', 'dusch × duschar'],
            [{ of: 'kr', per: 'visit' }, 'kr/besök', 'kr per besök', '450 kr per besök'],
            [{ of: 'kr', per: 'hour' }, 'kr/h', 'kr per timme', '450 kr/h'],
        ];
        for (const [unit, printed, written, formula] of cases) {
            expect(answerUnitText(unit)).toBe(printed);
            expect(answerUnitSource(unit)).toBe(written);
            const { errors } = await check(`beräkning x = ${formula}\nexempel e { datum 2024-03-01 beräkning x för { duschar = 1 } förväntat 1 ${written} }`);
            expect(errors.filter(e => e.startsWith('expectation-unit-mismatch') || e.startsWith('syntax-error')), written).toEqual([]);
        }
    });
});
