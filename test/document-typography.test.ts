import { describe, expect, test } from 'vitest';
import { typeset } from '@regelratt/document';

/**
 * Swedish typography in the document and the diff's HTML: a real minus sign, no-break spaces in
 * amounts and between a number and its unit, arrows that do not break, intervals as written. The
 * PDF embeds a font that has the minus sign and the arrow, so it prints the same characters
 * (test/document-pdf.test.ts).
 */
describe('typeset', () => {
    test('a negative amount gets a minus sign and no-break spaces in its digits and before its unit', () => {
        expect(typeset('-6 609 kr/mån, totalt -39 654 kr')).toBe('−6\u00a0609\u00a0kr/mån, totalt −39\u00a0654\u00a0kr');
        expect(typeset('(-51 kr)')).toBe('(−51\u00a0kr)');
        expect(typeset('90 % av 12 timmar')).toBe('90\u00a0% av 12\u00a0timmar');
    });

    test('an arrow is glued to what it joins', () => {
        expect(typeset('nivå 5 → 8')).toBe('nivå 5\u00a0→\u00a08');
        expect(typeset('2 037 kr → 2 088 kr')).toBe('2\u00a0037\u00a0kr\u00a0→\u00a02\u00a0088\u00a0kr');
    });

    test('dates, periods, ranges and intervals stay as written', () => {
        expect(typeset('2021-01-01–2022-12-31')).toBe('2021-01-01–2022-12-31');
        expect(typeset('Återkommer var 3:e år.')).toBe('Återkommer var 3:e år.');
        expect(typeset('Belopp är inte angivet för nivå 1–3, 6, 9 och 15–22.')).toBe('Belopp är inte angivet för nivå 1–3, 6, 9 och 15–22.');
        expect(typeset('hemvård-ersättning och SoL 4 kap 1 §')).toBe('hemvård-ersättning och SoL 4 kap 1 §');
    });

    test('already typeset text is left alone', () => {
        const once = typeset('-6 609 kr → 2 037 kr');
        expect(typeset(once)).toBe(once);
    });
});
