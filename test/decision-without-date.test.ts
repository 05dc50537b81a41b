import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { evaluateCase, PolicyRuntime, runExamples } from '@regelratt/runtime';
import { errorOf } from '../packages/runtime/test/error-code.js';

/**
 * A decision question without `datum` (issue 27): a date is needed exactly when something the
 * table reads goes by date (its own validity, an upstream table's, a parameter's versions, through
 * chains and calculations); then the error names that element, in Swedish, and the example's run
 * points at the example. A table that reads nothing dated answers without one.
 */
const policy = `
egenskap besök_per_vecka "Omvårdnadsbesök per vecka" : heltal 0–200 besök
parameter timpris "Timpris" : belopp { från 2024-01-01 : 300 kr }
beslutstabell nivåbedömning "Nivå efter besök" {
    | besök_per_vecka || nivå |
    | 0               || 0    |
    | 1–6             || 1    |
    | >= 7            || 2    |
}
beslutstabell månadsavgift "Avgift efter nivå" {
    | nivåbedömning.nivå || avgift     |
    | 0                  || 0 kr/mån   |
    | 1                  || 705 kr/mån |
    | 2                  || 1 409 kr/mån |
}
beräkning vårdtid "Vårdtid per vecka" = besök_per_vecka × 0,5
beslutstabell tidsklass "Tidsklass" {
    | beräkning vårdtid || klass |
    | < 3               || 1     |
    | >= 3              || 2     |
}
beslutstabell taxa2025 "Taxa 2025" {
    giltig från 2025-01-01
    | besök_per_vecka || nivå |
    | < 7             || 1    |
    | >= 7            || 2    |
}
beslutstabell avgift2025 "Avgift efter 2025 års nivå" {
    | taxa2025.nivå || avgift     |
    | 1             || 705 kr/mån |
    | 2             || 1 409 kr/mån |
}
beslutstabell besökskostnad "Kostnad per besök" {
    | besök_per_vecka || kostnad               |
    | -               || = timpris × 1 |
}
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/datum/a.regel', text }]);
    const errors = checked.diagnostics.filter(d => d.severity === 'error').map(d => d.message);
    expect(errors).toEqual([]);
    const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
    return new PolicyRuntime([compiled]);
}

describe('a decision question without a date', () => {
    test('a table that reads nothing dated answers, through a chain and a calculation too', async () => {
        const runtime = await load(policy);
        expect(runtime.decide('nivåbedömning', { citizen: { besök_per_vecka: 3 } }).outputs).toEqual({ nivå: '1' });
        expect(runtime.decide('månadsavgift', { citizen: { besök_per_vecka: 3 } }).outputs).toEqual({ avgift: '705' });
        expect(runtime.decide('tidsklass', { citizen: { besök_per_vecka: 6 } }).outputs).toEqual({ klass: '2' });
    });

    test('a table that reads something dated is refused, naming what needs the date: its upstream, a parameter', async () => {
        const runtime = await load(policy);
        const upstream = errorOf(() => runtime.decide('avgift2025', { citizen: { besök_per_vecka: 3 } }));
        expect(upstream.message).toBe('En beslutstabell läses på ett datum; ange datum för avgift2025 (taxa2025 beror av datumet).');
        const parameter = errorOf(() => runtime.decide('besökskostnad', { citizen: { besök_per_vecka: 3 } }));
        expect(parameter.message).toContain('(timpris beror av datumet)');
        // With a date both answer.
        expect(runtime.decide('avgift2025', { date: '2025-03-01', citizen: { besök_per_vecka: 3 } }).outputs).toEqual({ avgift: '705' });
        expect(runtime.decide('besökskostnad', { date: '2025-03-01', citizen: { besök_per_vecka: 3 } }).outputs).toEqual({ kostnad: '300' });
    });

    test('a cell that compares with a parameter (`> gräns`) reads it on the date, so a question needs one', async () => {
        const runtime = await load(`${policy}
parameter gräns "Gräns för många besök" : heltal { från 2024-01-01 : 10 }
beslutstabell mångabesök "Många besök" {
    | besök_per_vecka || många |
    | > gräns         || ja    |
    | <= gräns        || nej   |
}
`);
        const refused = errorOf(() => runtime.decide('mångabesök', { citizen: { besök_per_vecka: 12 } }));
        expect(refused.message).toContain('(gräns beror av datumet)');
        expect(runtime.decide('mångabesök', { date: '2025-03-01', citizen: { besök_per_vecka: 12 } }).outputs).toEqual({ många: 'ja' });
    });

    test('inline examples without datum: run where nothing read is dated, refused naming the dated element otherwise', async () => {
        const runtime = await load(`${policy}
exempel utan_datum { beslut enligt månadsavgift.avgift för { besök_per_vecka = 3 }  förväntat 705 kr/mån }
exempel utan_datum_dated { beslut enligt avgift2025.avgift för { besök_per_vecka = 3 }  förväntat 705 kr/mån }
`);
        const results = runExamples(runtime);
        const byName = new Map(results.map(result => [result.example.name, result]));
        expect(byName.get('utan_datum')?.passed).toBe(true);
        expect(byName.get('utan_datum_dated')?.passed).toBe(false);
        expect(byName.get('utan_datum_dated')?.error?.message).toBe('En beslutstabell läses på ett datum; ange datum i exemplet (taxa2025 beror av datumet).');
    });

    test('eval without a date answers the tables that read nothing dated', async () => {
        const runtime = await load(policy);
        const answer = evaluateCase(runtime, { citizen: { besök_per_vecka: 3 } });
        const decisions = new Map((answer.decisions ?? []).map(decision => [decision.table, decision]));
        expect(decisions.get('decisionTable/månadsavgift')).toMatchObject({ outputs: { avgift: '705' } });
        expect(decisions.get('decisionTable/avgift2025')).toMatchObject({ error: expect.anything() });
    });
});
