import { describe, expect, test } from 'vitest';
import { PolicyRuntime } from '@regelratt/runtime';
import { compilePolicy } from '@regelratt/language';
import { checkTexts } from './check-text.js';

/**
 * A yearly amount made a month's the way a policy writer writes it (issue 25): divided by 12, by a
 * parameter that is 12 (plain or in months), or multiplied by a twelfth, is kronor per month; any
 * other divisor leaves it a yearly amount (plain where nothing else says), as before.
 */
const vocabulary = `
parameter pbb "Prisbasbelopp" : belopp { från 2024-01-01 : 57 300 kr/år }
parameter månader_per_år "Månader per år" : decimaltal { från 2024-01-01 : 12 månader }
parameter tolv "Tolv" : decimaltal { från 2024-01-01 : 12 }
parameter sex "Sex" : decimaltal { från 2024-01-01 : 6 }
parameter ändras "Delas med" : decimaltal {
    från 2023-01-01 till 2023-12-31 : 12
    från 2024-01-01 : 13
}
`;

async function units(formulas: Record<string, string>) {
    const text = vocabulary + Object.entries(formulas).map(([name, formula]) => `beräkning ${name} "${name}" = ${formula}\n`).join('');
    const [checked] = await checkTexts([text]);
    const errors = checked.diagnostics.filter(d => d.severity === 'error').map(d => `${d.code}: ${d.message}`);
    const policy = compilePolicy(checked.document.parseResult.value, 'a.regel');
    const unitOf = (name: string) => {
        const element = policy.elements.find(e => e.name === name);
        return element?.kind === 'calculation' ? element.unit : undefined;
    };
    return { errors, unitOf, runtime: new PolicyRuntime([policy]) };
}

const perMonth = { of: 'kr', per: 'month' };
const perYear = { of: 'kr', per: 'year' };

describe('a yearly amount divided into months', () => {
    test('divided by 12, by a parameter that is 12 (plain or in months), or by 12 månader, is kronor per month', async () => {
        const { errors, unitOf, runtime } = await units({
            literal: 'pbb / 12',
            months: 'pbb / månader_per_år',
            plain: 'pbb / tolv',
            counted: 'pbb / 12 månader',
            factored: 'pbb × 0,525 / 12',
            factor_first: '0,525 × pbb / månader_per_år',
        });
        expect(errors).toEqual([]);
        for (const name of ['literal', 'months', 'plain', 'counted', 'factored', 'factor_first']) {
            expect(unitOf(name), name).toEqual(perMonth);
        }
        // 57 300 / 12 = 4 775 kr a month; 0,525 × 57 300 / 12 = 2 506,875.
        expect(runtime.calculate('calculation/months', { date: '2024-03-01', citizen: {} }).amount).toBe('4775');
        expect(runtime.calculate('calculation/factor_first', { date: '2024-03-01', citizen: {} }).amount).toBe('2506.875');
    });

    test('multiplied by a twelfth, however grouped, is kronor per month', async () => {
        const { errors, unitOf, runtime } = await units({
            grouped: 'pbb × (1/12)',
            leading: '(1 / 12) × pbb',
            by_months: 'pbb × (1 / månader_per_år)',
            ungrouped: 'pbb × 1/12',
        });
        expect(errors).toEqual([]);
        for (const name of ['grouped', 'leading', 'by_months', 'ungrouped']) {
            expect(unitOf(name), name).toEqual(perMonth);
        }
        expect(runtime.calculate('calculation/leading', { date: '2024-03-01', citizen: {} }).amount).toBe('4775');
    });

    test('a monthly amount so written adds kronor per month to it, not twelve times them as a yearly amount would', async () => {
        const { errors, unitOf, runtime } = await units({ total: 'pbb / månader_per_år + 100 kr/mån', twelfth: 'pbb × (1/12) + 100 kr/mån' });
        expect(errors).toEqual([]);
        expect(unitOf('total')).toEqual(perMonth);
        expect(unitOf('twelfth')).toEqual(perMonth);
        // 57 300 / 12 + 100 = 4 875 kr a month (read as a yearly amount, the 100 kr/mån were 1 200 kr/år: 5 975).
        expect(runtime.calculate('calculation/total', { date: '2024-03-01', citizen: {} }).amount).toBe('4875');
        expect(runtime.calculate('calculation/twelfth', { date: '2024-03-01', citizen: {} }).amount).toBe('4875');
    });

    test('any other divisor leaves a yearly amount, as before: by 6, by a parameter that is not 12 in every version, a sixth', async () => {
        const { errors, unitOf, runtime } = await units({ six: 'pbb / 6', by_six: 'pbb / sex', changing: 'pbb / ändras', sixth: 'pbb × (1/6)', mixed: 'pbb / sex + 100 kr/mån' });
        expect(errors).toEqual([]);
        for (const name of ['six', 'by_six', 'changing', 'sixth', 'mixed']) {
            expect(unitOf(name), name).toEqual(perYear);
        }
        // A monthly amount added to a yearly one is converted to the year's: 57 300 / 6 + 12 × 100 = 10 750 kr/år.
        expect(runtime.calculate('calculation/mixed', { date: '2024-03-01', citizen: {} }).amount).toBe('10750');
    });
});
