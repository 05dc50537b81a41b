import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { answerAmounts } from '@regelratt/document';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { ExactNumber } from '@regelratt/format';
import { PolicyRuntime } from '@regelratt/runtime';

/**
 * An answer's amounts for other writers of the same answers (the diff, issue 24): the unit a reason
 * gives the answer, kronor to the öre, `cirka` where the exact figure has more decimals, a sign for a change.
 */
async function runtimeOfText(text: string): Promise<PolicyRuntime> {
    const { Regelratt } = createRegelrattServices(EmptyFileSystem);
    const [checked] = await checkPolicies(Regelratt, [{ path: '/belopp/avgift.regel', text }]);
    expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    return new PolicyRuntime([compilePolicy(checked.document.parseResult.value, 'avgift.regel')]);
}

const POLICY = `
parameter prisbasbelopp "Prisbasbelopp" : belopp { från 2026-01-01 till 2026-12-31 : 59 300 kr }
parameter städavgift "Städning" : belopp { från 2026-01-01 till 2026-12-31 : 520 kr/mån }
beräkning maxtaxa "Maxtaxa" = 0,5392 × prisbasbelopp / 12
beräkning städning "Städning per månad" = städavgift
`;

describe('answerAmounts', () => {
    test('a computed amount to the öre and said to be about; a whole amount with its period; signed changes', async () => {
        const runtime = await runtimeOfText(POLICY);
        const maxtaxa = answerAmounts(runtime, 'calculation/maxtaxa', 'sv');
        // 0,5392 × 59 300 / 12 = 2 664,5466…
        expect(maxtaxa(ExactNumber.parse('0.5392').multiply(ExactNumber.parse('59300')).divide(ExactNumber.parse('12')))).toBe('cirka 2\u00a0664,55\u00a0kr');
        expect(maxtaxa(ExactNumber.parse('4.4933333333333'), true)).toBe('cirka +4,49\u00a0kr');
        expect(answerAmounts(runtime, 'calculation/maxtaxa', 'en')(ExactNumber.parse('-4.4933333333333'), true)).toBe('about −4.49\u00a0kr');
        const städning = answerAmounts(runtime, 'calculation/städning', 'sv');
        expect(städning(ExactNumber.parse('17'), true)).toBe('+17\u00a0kr/mån');
        expect(städning(ExactNumber.parse('-13'), true)).toBe('−13\u00a0kr/mån');
        expect(städning(ExactNumber.parse('8.5'))).toBe('8,50\u00a0kr/mån');
    });
});

describe('a number that is no amount', () => {
    // Found writing examples/ornskoldsvik: the share of the month left after 10 days in hospital,
    // (30 − 10) / 30, was said as the runtime's ten-digit text 0,6666666667 in every reason.
    const SHARE = `
egenskap d "Dagar på sjukhus" : heltal 0–31 dygn
beräkning kvar "Kvar av månaden" = max(0 dygn, 30 dygn − d) / 30 dygn
`;
    test('is said to four decimals, and to be about where the exact figure has more', async () => {
        const runtime = await runtimeOfText(SHARE);
        const kvar = answerAmounts(runtime, 'calculation/kvar', 'sv');
        expect(kvar(ExactNumber.parse('20').divide(ExactNumber.parse('30')))).toBe('cirka 0,6667');
        expect(kvar(ExactNumber.parse('0.6666666667'))).toBe('cirka 0,6667');
        expect(answerAmounts(runtime, 'calculation/kvar', 'en')(ExactNumber.parse('2').divide(ExactNumber.parse('3')))).toBe('about 0.6667');
        // A figure with four decimals or fewer is exact as written: the library's factor 1,4045 stays so.
        expect(kvar(ExactNumber.parse('1.4045'))).toBe('1,4045');
        expect(kvar(ExactNumber.parse('0.5'))).toBe('0,5');
    });
});
