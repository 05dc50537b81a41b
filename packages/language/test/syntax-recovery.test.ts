import { describe, expect, test } from 'vitest';
import { checkTexts, diagnosticsOf, services } from './check-text.js';
import { grammarKeywords } from '../src/parser/grammar-keywords.js';

/**
 * Syntax errors as a writer meets them: a misspelt keyword gets the keyword suggested (as a
 * misspelt name does), and the parser's recovery, which resumes at the next word that can begin a
 * declaration, does not turn the clauses of a broken block (`insats hemvård` inside it) into
 * declarations that clash with the real ones.
 */
const vocabulary = 'lag SoL "Socialtjänstlagen"\ninsats hemvård "Hemvård" enligt SoL 4 kap 1 §\nområde tätort\n';

const errors = async (text: string, locale: 'sv' | 'en' = 'sv') =>
    (await diagnosticsOf(vocabulary + text, locale)).filter(d => d.severity === 'error').map(d => `${d.code}: ${d.message}`);

describe('a misspelt keyword', () => {
    test('at the start of a declaration gets the keyword suggested', async () => {
        const found = await errors('nivåtabel t { nivå 1 : 5 kr }');
        expect(found[0]).toBe("syntax-error: Oväntat 'nivåtabel': här väntas filens slut. Menade du 'nivåtabell'?");
    });

    test('in English too', async () => {
        const found = await errors('beräknig x = 5 kr', 'en');
        expect(found[0]).toBe("syntax-error: Unexpected 'beräknig': the end of the file is expected here. Did you mean 'beräkning'?");
    });

    test('inside a block, where the parser only asks for the closing brace, the clause keyword is suggested', async () => {
        expect((await errors('förloppsmodell m { förlopp f { förflytning ingen } }'))[0]).toContain("Menade du 'förflyttning'?");
        expect((await errors('avgift a { avgiftsutrymme 5 kr  takbelop { nivå 1 : 5 kr } }'))[0]).toContain("Menade du 'takbelopp'?");
    });

    test('a short or unlike word gets no suggestion', async () => {
        const found = await errors('område x ålder\nområde y tätorterna');
        expect(found.length).toBeGreaterThan(0);
        expect(found.some(f => f.includes('Menade du'))).toBe(false);
    });

    test('the keywords come from the grammar: every word the parser knows as a keyword, nothing else', () => {
        const keywords = grammarKeywords(services.Grammar);
        expect(keywords).toEqual(expect.arrayContaining(['nivåtabell', 'takbelopp', 'förflyttning', 'avgift', 'schablon']));
        expect(keywords.every(k => /^\p{L}+$/u.test(k))).toBe(true);
        expect(keywords).not.toContain('ID');
    });
});

describe('a keyword where a name is expected', () => {
    test.each([
        ['insats avgift "Avgift"', 'avgift'],
        ['egenskap insatser "Insatser" : ja/nej', 'insatser'],
        ['parameter åtgärd "Åtgärd" : belopp { från 2020-01-01 : 5 kr }', 'åtgärd'],
    ])('%s: the word is said to be reserved, and another name suggested', async (text, word) => {
        const found = await errors(text);
        expect(found[0]).toBe(`syntax-error: Oväntat '${word}': här väntas ett namn. '${word}' är ett reserverat ord i språket och kan inte vara ett namn; välj ett annat, till exempel '${word}_1'.`);
    });

    test('in English too', async () => {
        const found = await errors('insats avgift "Avgift"', 'en');
        expect(found[0]).toBe("syntax-error: Unexpected 'avgift': a name is expected here. 'avgift' is a reserved word of the language and cannot be a name; choose another, such as 'avgift_1'.");
    });

    test('a förlopp named by a keyword: no finding speaks of a nameless förlopp ("Förloppet undefined …")', async () => {
        const found = (await diagnosticsOf(`${vocabulary}förloppsmodell m { förlopp avgift { när ålder > 5 år } förlopp b { när ålder <= 5 år } }`, 'sv')).map(d => `${d.code}: ${d.message}`);
        expect(found.some(f => f.includes("'avgift' är ett reserverat ord"))).toBe(true);
        expect(found.filter(f => f.includes('undefined'))).toEqual([]);
    });

    test('a keyword where no name is expected is not said to be reserved', async () => {
        const found = await errors('nivåtabell t { nivå 1 : avgift }');
        expect(found.length).toBeGreaterThan(0);
        expect(found.some(f => f.includes('reserverat'))).toBe(false);
    });
});

describe('clauses of a broken block are not declarations', () => {
    test('a misspelt block keyword: its insats and område clauses clash with nothing', async () => {
        const found = await errors('nivåtabel t {\n    insats hemvård\n    område tätort\n    nivå 1 : 5 kr\n}\nnivåtabell u { nivå 1 : 5 kr }');
        expect(found.filter(f => f.startsWith('duplicate-name'))).toEqual([]);
        expect(found[0]).toContain("Menade du 'nivåtabell'?");
    });

    test('an error inside a block: the clauses after it clash with nothing', async () => {
        const found = await errors('nivåtabell t { nivå 1 5 kr insats hemvård område tätort nivå 2 : 6 kr }');
        expect(found.filter(f => f.startsWith('duplicate-name'))).toEqual([]);
        expect(found[0]).toBe("syntax-error: Oväntat '5': här väntas ':'.");
    });

    test('the names of the broken block\'s clauses still resolve to the real declarations, in another file too', async () => {
        const [, other] = await checkTexts([vocabulary + 'nivåtabel t { insats hemvård nivå 1 : 5 kr }', 'nivåtabell u { insats hemvård område tätort nivå 1 : 5 kr }']);
        expect(other.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    });

    test('a real duplicate after a broken block is still one', async () => {
        const found = await errors('nivåtabel t { nivå 1 : 5 kr }\ninsats hemvård');
        expect(found.filter(f => f.startsWith('duplicate-name'))).toHaveLength(2);
    });

    test('a block left open to the end of the file: the declarations after it keep their names', async () => {
        const found = await errors('egenskap q : en av { p1, p2\negenskap r : ja/nej\npilot p { inkludera när r }');
        expect(found.filter(f => !f.startsWith('syntax-error'))).toEqual([]);
    });
});
