import { describe, expect, test } from 'vitest';
import { diagnosticCatalogue } from '@regelratt/language';
import { checkTexts, codes, diagnosticsOf } from './check-text.js';

/** The vocabulary every case can use. */
const prelude = `
lag SoL "Socialtjänstlagen (2001:453)"
insats hemvård "Hemvård" enligt SoL 4 kap 1 §
egenskap ålder "Ålder" : heltal 0–120 år
egenskap aktivitetsförmåga : en av { hög, utvecklingsbar, nedsatt }
egenskap kognitiv_svikt : ja/nej
egenskap inkomst : belopp per månad
egenskap beslutsdatum : datum
`;

interface Case {
    code: string;
    bad: string;
    good: string;
    /** Text the message must contain, so the test pins the message and not only the code. */
    message: string;
}

/** One failing and one passing policy per diagnostic code of the language. */
const cases: Case[] = [
    { code: 'lexical-error', bad: 'område tätort $', good: 'område tätort', message: "Oväntat tecken '$'" },
    { code: 'syntax-error', bad: 'nivåtabell t { nivå 4 2 037 kr }', good: 'nivåtabell t { nivå 4 : 2 037 kr }', message: "Oväntat '2 037': här väntas ':'" },
    { code: 'repeated-clause', bad: 'nivåtabell t { insats hemvård insats hemvård }', good: 'nivåtabell t { insats hemvård }', message: "'insats' anges mer än en gång" },
    { code: 'unresolved-reference', bad: 'nivåtabell t { insats hemvårt }', good: 'nivåtabell t { insats hemvård }', message: "Okänt namn 'hemvårt': det finns ingen insats med det namnet i arbetsytan. Menade du 'hemvård'?" },
    { code: 'unknown-enumeration-value', bad: 'förloppsmodell m { förlopp f { när aktivitetsförmåga = låg } }', good: 'förloppsmodell m { förlopp f { när aktivitetsförmåga = hög } }', message: "'låg' är inget värde för aktivitetsförmåga; möjliga värden: hög, utvecklingsbar, nedsatt" },
    { code: 'duplicate-name', bad: 'område tätort\nområde tätort', good: 'område tätort\nområde landsbygd', message: "Namnet 'tätort' används redan" },
    { code: 'duplicate-enumeration-value', bad: 'egenskap x : en av { a, a }', good: 'egenskap x : en av { a, b }', message: "Värdet 'a' finns redan" },
    { code: 'missing-unit', bad: 'nivåtabell t { nivå 4 : 2 037 }', good: 'nivåtabell t { nivå 4 : 2 037 kr }', message: 'Beloppet 2 037 saknar enhet; skriv 2 037 kr' },
    { code: 'wrong-unit', bad: 'nivåtabell t { nivå 4 : 20 % }', good: 'nivåtabell t { nivå 4 : 20 kr }', message: 'Här väntas kronor, men värdet anges i procent' },
    { code: 'percentage-out-of-range', bad: 'avgift a { andel 120 % }', good: 'avgift a { andel 70 % }', message: '120 % är utanför 0–100 %' },
    { code: 'not-a-whole-number', bad: 'nivåtabell t { nivå 4,5 : 100 kr }', good: 'nivåtabell t { nivå 4 : 100 kr }', message: 'En nivå måste vara ett heltal, inte 4,5' },
    { code: 'type-mismatch', bad: 'förloppsmodell m { förlopp f { när ålder = ja } }', good: 'förloppsmodell m { förlopp f { när kognitiv_svikt = ja } }', message: 'ålder är ett heltal (0–120 år); det kan inte jämföras med ja' },
    { code: 'value-outside-domain', bad: 'förloppsmodell m { förlopp f { när ålder > 150 } }', good: 'förloppsmodell m { förlopp f { när ålder > 65 år } }', message: '150 ligger utanför ålders definitionsområde 0–120' },
    { code: 'invalid-range', bad: 'egenskap x : heltal 10–5', good: 'egenskap x : heltal 5–10', message: 'Intervallet 10–5 är tomt' },
    { code: 'invalid-date', bad: 'nivåtabell t { giltig från 2021-02-29 }', good: 'nivåtabell t { giltig från 2020-02-29 }', message: '2021-02-29 är inget giltigt datum' },
    { code: 'date-range-reversed', bad: 'nivåtabell t { giltig från 2021-12-31 till 2021-01-01 }', good: 'nivåtabell t { giltig från 2021-01-01 till 2021-12-31 }', message: 'Perioden slutar (2021-01-01) före den börjar (2021-12-31)' },
    { code: 'duplicate-level', bad: 'nivåtabell t { nivå 4 : 1 kr\n nivå 4 : 2 kr }', good: 'nivåtabell t { nivå 4 : 1 kr\n nivå 5 : 2 kr }', message: 'Nivå 4 finns redan på rad' },
    { code: 'level-outside-range', bad: 'nivåtabell t { nivåer 0–23 nivå 24 : 1 kr }', good: 'nivåtabell t { nivåer 0–23 nivå 23 : 1 kr }', message: 'Nivå 24 ligger utanför tabellens nivåer 0–23' },
];

/** Codes reported by the command line about files, not by the language; tested in test/cli.test.ts. */
const fileCodes = ['file-not-found', 'no-policy-files', 'not-a-policy-file', 'binary-file', 'not-utf8', 'file-too-large', 'unreadable-file', 'output-error'];

describe('every diagnostic of the language', () => {
    test('has a failing and a passing case here', () => {
        const languageCodes = Object.keys(diagnosticCatalogue).filter(code => !fileCodes.includes(code)).sort();
        expect(cases.map(c => c.code).sort()).toEqual(languageCodes);
    });

    test.each(cases)('$code is reported for the failing case', async ({ code, bad, message }) => {
        const diagnostics = await diagnosticsOf(prelude + bad);
        const found = diagnostics.filter(d => d.code === code);
        expect(found, JSON.stringify(diagnostics, null, 2)).not.toHaveLength(0);
        expect(found[0].message).toContain(message);
        // The position points into the case, not at the prelude.
        expect(found[0].line).toBeGreaterThan(prelude.split('\n').length - 1);
    });

    test.each(cases)('$code is absent from the passing case', async ({ good }) => {
        const diagnostics = await diagnosticsOf(prelude + good);
        expect(diagnostics, JSON.stringify(diagnostics, null, 2)).toEqual([]);
    });
});

describe('names across files', () => {
    test('a name declared in one file resolves in another', async () => {
        const [first, second] = await checkTexts(['område tätort', 'nivåtabell t { område tätort }']);
        expect(first.diagnostics).toEqual([]);
        expect(second.diagnostics).toEqual([]);
    });

    test('a name declared in two files is a duplicate in both, each pointing at the other', async () => {
        const [first, second] = await checkTexts(['område tätort', '\nområde tätort']);
        expect(codes(first.diagnostics)).toEqual(['duplicate-name']);
        expect(first.diagnostics[0].message).toContain('b.regel:2');
        expect(codes(second.diagnostics)).toEqual(['duplicate-name']);
        expect(second.diagnostics[0].message).toContain('a.regel:1');
    });

    test('enumeration values belong to their attribute, so two attributes may share a value name', async () => {
        const diagnostics = await diagnosticsOf(`
            egenskap a : en av { hög, låg }
            egenskap b : en av { hög, medel }
            förloppsmodell m { förlopp f { när a = hög och b = medel } }`);
        expect(diagnostics).toEqual([]);
    });

    test('a misspelt name far from every declared one gets no suggestion', async () => {
        const diagnostics = await diagnosticsOf(`${prelude}nivåtabell t { insats personlig_assistans }`);
        expect(codes(diagnostics)).toEqual(['unresolved-reference']);
        expect(diagnostics[0].message).not.toContain('Menade du');
    });
});

describe('type checks in criteria', () => {
    test.each([
        ['an enumeration ordered with <', 'aktivitetsförmåga < hög'],
        ['a yes/no attribute compared with a number', 'kognitiv_svikt = 3'],
        ['a number attribute used alone as a yes/no test', 'ålder'],
        ['a date attribute compared with a number', 'beslutsdatum > 2021'],
        ['an enumeration compared with a range', 'aktivitetsförmåga i 1–3'],
    ])('rejects %s', async (_label, criterion) => {
        const diagnostics = await diagnosticsOf(`${prelude}förloppsmodell m { förlopp f { när ${criterion} } }`);
        expect(codes(diagnostics)).toEqual(['type-mismatch']);
    });

    test.each([
        ['a date compared with a date', 'beslutsdatum >= 2021-01-01'],
        ['an amount with kr', 'inkomst > 10 000 kr'],
        ['an enumeration in a set', 'aktivitetsförmåga i { hög, nedsatt }'],
        ['a number in a range', 'ålder i 18–64'],
        ['a negated yes/no attribute', 'inte kognitiv_svikt'],
    ])('accepts %s', async (_label, criterion) => {
        const diagnostics = await diagnosticsOf(`${prelude}förloppsmodell m { förlopp f { när ${criterion} } }`);
        expect(diagnostics).toEqual([]);
    });

    test('an amount compared without kr is missing its unit', async () => {
        const diagnostics = await diagnosticsOf(`${prelude}förloppsmodell m { förlopp f { när inkomst > 10 000 } }`);
        expect(codes(diagnostics)).toEqual(['missing-unit']);
    });

    test('a number with another unit than the attribute is the wrong unit', async () => {
        const diagnostics = await diagnosticsOf(`${prelude}förloppsmodell m { förlopp f { när ålder > 65 kg } }`);
        expect(codes(diagnostics)).toEqual(['wrong-unit']);
    });
});

describe('messages in English', () => {
    test('validation messages follow the locale', async () => {
        const diagnostics = await diagnosticsOf(`${prelude}nivåtabell t { nivå 4 : 2 037 }`, 'en');
        expect(diagnostics[0].message).toBe('The amount 2 037 has no unit; write 2 037 kr.');
    });

    test('syntax messages follow the locale', async () => {
        const diagnostics = await diagnosticsOf('nivåtabell t { nivå 4 2 037 kr }', 'en');
        expect(diagnostics[0].message).toBe("Unexpected '2 037': ':' is expected here.");
    });
});
