import { describe, expect, test } from 'vitest';
import { PolicyRuntime } from '@regelratt/runtime';
import { compilePolicy } from '@regelratt/language';
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

    test('an occasion word is still a name elsewhere: an attribute called portioner', async () => {
        const { errors } = await check('egenskap portioner : heltal 0–93 portioner\nberäkning k = portioner × 55 kr per portion');
        expect(errors).toEqual([]);
    });
});
