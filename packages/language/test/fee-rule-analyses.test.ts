import { describe, expect, test } from 'vitest';
import { diagnosticsOf } from './check-text.js';

/**
 * The analyses decided on the shapes real fee rules have (issue 23, part 3): a divisor kept away
 * from 0 by the formula itself, a share per level times the avgiftsutrymme, a decimal quantity of
 * hours, a cap read from a table column inside a calculation's `min`.
 */
const vocabulary = `
egenskap antal_p "Personer i hushållet" : heltal 0–10
egenskap inkomst_p "Inkomst" : belopp per månad
`;

async function findings(formulas: string, ...codes: string[]): Promise<string[]> {
    const diagnostics = await diagnosticsOf(`${vocabulary}\n${formulas}`);
    return diagnostics.filter(d => codes.includes(d.code)).map(d => `${d.code}: ${d.message}`);
}

describe('a divisor that can be 0', () => {
    test('a divisor kept from 0 by max(…, 1) is proved safe: nothing is said', async () => {
        expect(await findings('beräkning per_person = inkomst_p / max(antal_p, 1)', 'division-by-zero', 'division-undecided')).toEqual([]);
        expect(await findings('beräkning per_person = inkomst_p / max(antal_p − 3, 1)', 'division-by-zero', 'division-undecided')).toEqual([]);
        expect(await findings('beräkning per_person = inkomst_p / (min(antal_p, 5) + 1)', 'division-by-zero', 'division-undecided')).toEqual([]);
    });

    test('a divisor max(…, 0) can still be 0, and the citizen is the runtime\'s', async () => {
        expect(await findings('beräkning per_person = inkomst_p / max(antal_p − 3, 0)', 'division-by-zero', 'division-undecided')).toEqual([
            'division-by-zero: Nämnaren i inkomst_p / max(antal_p − 3, 0) kan bli 0: inkomst_p = 0, antal_p = 0 ger division med noll, och per_person kan då inte räknas ut.',
        ]);
    });
});
