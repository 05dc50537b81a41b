import { describe, expect, test } from 'vitest';
import { diagnosticsOf } from './check-text.js';

/**
 * An example's one expected value (`förväntat 2025-07-01`, `förväntat 2`, `förväntat "Beviljas"`,
 * `förväntat ja`) is of a kind the asked column gives: the checker says so before the run does, with
 * the same kinds an expected list's items are checked against (list-item-does-not-fit).
 */
const tables = `
egenskap ålder : heltal 0–120 år
beslutstabell omprövning {
    träff första
    | ålder || omprövas   | nivå | stöd      | larm |
    | >= 80 || 2025-03-01 | 2    | "Boende"  | ja   |
    annars  || 2026-01-01 | 1    | "Hemvård" | nej  |
}
beslutstabell antal_träffar {
    träff samla antal
    | ålder || omprövas   |
    | >= 80 || 2025-03-01 |
    | >= 65 || 2025-07-01 |
}
`;
const example = (column: string, expected: string, table = 'omprövning') =>
    `${tables}exempel e { datum 2025-01-01  beslut enligt ${table}${column ? `.${column}` : ''} för { ålder = 85 }  förväntat ${expected} }`;

async function findings(text: string, locale: 'sv' | 'en' = 'sv') {
    return (await diagnosticsOf(text, locale)).filter(d => d.code === 'expected-value-does-not-fit');
}

describe('an expected value is of a kind the column gives (expected-value-does-not-fit)', () => {
    test.each([
        ['nivå', '2025-03-01', 'ger belopp eller tal, inte datum'],
        ['omprövas', '2', 'ger datum, inte belopp eller tal'],
        ['omprövas', '"Boende"', 'ger datum, inte texter'],
        ['nivå', '"Boende"', 'ger belopp eller tal, inte texter'],
        ['stöd', 'ja', 'ger texter, inte ja/nej'],
        ['larm', '2025-03-01', 'ger ja/nej, inte datum'],
    ])('column %s expecting %s is flagged at the expectation', async (column, expected, message) => {
        const found = await findings(example(column, expected));
        expect(found).toHaveLength(1);
        expect(found[0].message).toContain(`Exemplet kan inte få ${expected}: kolumnen ${column} i beslutstabellen omprövning ${message}`);
    });

    test.each([
        ['nivå', '2'], ['omprövas', '2025-03-01'], ['stöd', '"Boende"'], ['larm', 'ja'],
    ])('column %s expecting %s is not flagged', async (column, expected) => {
        expect(await findings(example(column, expected))).toEqual([]);
    });

    test('a count (träff samla antal) is a number whatever its column gives', async () => {
        expect(await findings(example('', '2', 'antal_träffar'))).toEqual([]);
        const found = await findings(example('', '2025-03-01', 'antal_träffar'));
        expect(found.map(d => d.message)).toEqual([expect.stringContaining('ger belopp eller tal, inte datum')]);
    });

    test('in English with --lang en', async () => {
        const found = await findings(example('omprövas', '2'), 'en');
        expect(found[0].message).toContain('The example cannot get 2: the column omprövas of the decision table omprövning gives dates, not amounts or numbers.');
    });
});
