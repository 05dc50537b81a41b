import { createDefaultCoreModule, createDefaultSharedCoreModule, EmptyFileSystem, inject } from 'langium';
import { Lexer, type TokenType } from 'chevrotain';
import { describe, expect, test } from 'vitest';
import { compilePolicy, type ast } from '@regelratt/language';
import { MAX_CHAIN } from '../src/parser/regelratt-lexer.js';
import { RegelrattGeneratedModule, RegelrattGeneratedSharedModule, RegelrattLanguageMetaData } from '../src/generated/module.js';
import { RegelrattModule } from '../src/regelratt-module.js';
import { checkTexts, codes, diagnosticsOf, services } from './check-text.js';

async function parse(text: string): Promise<ast.Policy> {
    const [checked] = await checkTexts([text]);
    expect(checked.diagnostics.filter(d => d.code === 'syntax-error' || d.code === 'lexical-error')).toEqual([]);
    return checked.document.parseResult.value;
}

function tokens(text: string): string[] {
    return services.parser.Lexer.tokenize(text).tokens.map(t => `${t.tokenType.name}:${t.image}`);
}

describe('names in any script', () => {
    test('every letter of the Basic Multilingual Plane starts a name, alone and followed by more', () => {
        // The lexer's first-character lookup is given one letter per bucket of characters it shares a
        // slot (see nameStartCharacters): this fails if a bucket went without.
        const letters: string[] = [];
        for (let code = 0; code <= 0xffff; code++) {
            const character = String.fromCharCode(code);
            if (/[\p{L}_]/u.test(character)) {
                letters.push(character);
            }
        }
        expect(letters.length).toBeGreaterThan(40_000);
        const lexed = services.parser.Lexer.tokenize(letters.map(l => `${l} ${l}a1`).join(' '));
        expect(lexed.errors).toEqual([]);
        const notNames = lexed.tokens.filter(t => t.tokenType.name !== 'ID' && !t.tokenType.CATEGORIES?.some(c => c.name === 'ID'));
        // Single-letter keywords ('h' as in kr/h) are keywords alone; followed by more letters they are names.
        expect(notNames.map(t => t.image).every(image => image.length === 1)).toBe(true);
        expect(lexed.tokens.filter(t => t.image.length > 1).every(t => t.tokenType.name === 'ID')).toBe(true);
        expect(lexed.tokens.length).toBe(letters.length * 2);
    });
});

describe('the lexer', () => {
    test('keeps Chevrotain\'s first-character lookup (without it, lexing a file is ten times slower)', () => {
        // One token pattern Chevrotain cannot analyse (a complement set such as UNIT_SLASH's [^\s\S])
        // turns the lookup off for every token: each then tries every pattern in turn. The lexer is
        // built from the same vocabulary as the language's, asked to refuse rather than fall back.
        const vocabulary = services.parser.TokenBuilder.buildTokens(services.Grammar, { caseInsensitive: false }) as TokenType[];
        expect(() => new Lexer(vocabulary, { ensureOptimizations: true, positionTracking: 'full' })).not.toThrow();
    });
});

describe('an amount per period, and an amount divided', () => {
    test.each([
        ['6 000 kr / 12', 'BinaryExpression'],
        ['6 000 kr/12', 'BinaryExpression'],
        ['6 000 kr / antal_x', 'BinaryExpression'],
        ['6 000 kr / mån', 'QuantityExpression'],
        ['337,50 kr/h', 'QuantityExpression'],
        ['(6 000 kr/år) / 12', 'BinaryExpression'],
    ])('%s is a %s', async (formula, type) => {
        const policy = await parse(`egenskap antal_x : heltal 1–12\nberäkning x = ${formula}`);
        const calculation = policy.elements.find(e => e.$type === 'Calculation') as ast.Calculation;
        expect(calculation.value.$type).toBe(type);
    });

    test.each([
        ['-5 kr', { quantity: { value: '-5', unit: 'kr' } }],
        ['−0,5', { quantity: { value: '-0.5', unit: 'none' } }],
        ['- -5 kr', { quantity: { value: '5', unit: 'kr' } }],
        ['-0 kr', { quantity: { value: '0', unit: 'kr' } }],
        ['antal_x × -1', { op: '*', left: { ref: 'attribute/antal_x' }, right: { quantity: { value: '-1', unit: 'none' } } }],
        ['−(antal_x + 1)', { op: '-', left: { quantity: { value: '0', unit: 'none' } }, right: { op: '+', left: { ref: 'attribute/antal_x' }, right: { quantity: { value: '1', unit: 'none' } } } }],
    ])('a minus before %s negates it', async (formula, compiled) => {
        const policy = await parse(`egenskap antal_x : heltal 1–12\nberäkning x kan vara negativ = ${formula}`);
        const element = compilePolicy(policy, 'a.regel').elements.find(e => e.name === 'x') as { value: unknown };
        expect(element.value).toEqual(compiled);
    });

    test('the period of a unit is read whatever the spacing, and a division keeps its divisor', async () => {
        const policy = await parse('beräkning x = 6 000 kr / mån\nberäkning y = 6 000 kr / 12');
        const [x, y] = policy.elements as ast.Calculation[];
        expect((x.value as ast.QuantityExpression).quantity.unit?.per).toBe('mån');
        expect(((y.value as ast.BinaryExpression).right as ast.QuantityExpression).quantity.value).toBe('12');
    });
});

describe('a rounding step, said either way', () => {
    test.each([
        ['avrundat till hela kronor, nedåt', { unit: 'krona', mode: 'down' }],
        ['avrundat till hela kronor nedåt', { unit: 'krona', mode: 'down' }],
        ['avrundat nedåt till hela kronor', { unit: 'krona', mode: 'down' }],
        ['avrundat uppåt till öre', { unit: 'öre', mode: 'up' }],
        ['avrundat till öre halva till jämnt', { unit: 'öre', mode: 'half-even' }],
        ['avrundat till hela kronor', { unit: 'krona', mode: 'half-away-from-zero' }],
    ])('x %s', async (step, rounding) => {
        const policy = await parse(`egenskap antal_x : heltal 1–12\nberäkning x = antal_x × 1,5 kr ${step}`);
        const element = compilePolicy(policy, 'a.regel').elements.find(e => e.name === 'x') as { value: { rounding?: unknown } };
        expect(element.value.rounding).toEqual(rounding);
    });
});

describe('a range', () => {
    test('may be typed with a hyphen, in a domain, a criterion, a level range and a cell, and means what an en dash means', async () => {
        const text = (dash: string) => `egenskap x_r : heltal 0${dash}120 år\nnivåtabell t_r { nivåer 1${dash}2  nivå 1 : 5 kr  nivå 2 : 6 kr }\npilot p_r { inkludera när x_r i 18${dash}64 }\nbeslutstabell b_r {\n | x_r || n |\n | 0${dash}17 || 1 |\n | 18${dash}120 || 2 |\n}`;
        const strip = (value: unknown): unknown => Array.isArray(value) ? value.map(strip)
            : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'source').map(([k, v]) => [k, strip(v)])) : value;
        expect(strip(compilePolicy(await parse(text('-')), 'a.regel'))).toEqual(strip(compilePolicy(await parse(text('–')), 'a.regel')));
    });
});

describe('the words of "kan vara negativ"', () => {
    test('are names elsewhere: an enumeration value, an attribute', async () => {
        const policy = await parse('egenskap testresultat : en av { positiv, negativ }\negenskap vara : ja/nej\negenskap kan : heltal 0–5\npilot p_n { inkludera när testresultat = negativ och vara och kan > 2 }\nberäkning x_n kan vara negativ = kan × 1 kr − 3 kr');
        expect(policy.elements.map(e => e.$type)).toEqual(['Attribute', 'Attribute', 'Attribute', 'Pilot', 'Calculation']);
        expect((policy.elements[4] as ast.Calculation).mayBeNegative).toBe(true);
    });
});

describe('a decimal point', () => {
    test('is a syntax error that says how Swedish writes decimals', async () => {
        const diagnostics = await diagnosticsOf('beräkning x = 2 × 0.5');
        expect(diagnostics.map(d => d.message)).toEqual([expect.stringContaining('Decimaltal skrivs med komma: 0,5, inte 0.5.')]);
    });
});

describe('Swedish numbers', () => {
    test.each([
        ['9 676', '9676'],
        ['12 440', '12440'],
        ['337,50', '337.5'],
        ['2\u00A0037', '2037'],
        ['1\u202F080', '1080'],
        ['10 000 000', '10000000'],
        ['0,5392', '0.5392'],
        ['47 600,00', '47600'],
    ])('%s is read as %s', async (written, value) => {
        const policy = await parse(`nivåtabell t { nivå 1 : ${written} kr }`);
        const table = policy.elements[0] as ast.LevelTable;
        expect((table.rows[0].value as ast.Quantity).value).toBe(value);
    });

    test('a space between groups of three joins digits into one number, other spaces do not', () => {
        expect(tokens('2 037')).toEqual(['NUMBER:2 037']);
        expect(tokens('1 2345')).toEqual(['NUMBER:1', 'NUMBER:2345']);
        expect(tokens('0–23')).toEqual(['NUMBER:0', '–:–', 'NUMBER:23']);
        expect(tokens('1, 2')).toEqual(['NUMBER:1', ',:,', 'NUMBER:2']);
    });

    test('dates and ordinals are not numbers', () => {
        expect(tokens('2021-10-01')).toEqual(['DATE:2021-10-01']);
        expect(tokens('3:e')).toEqual(['ORDINAL:3:e']);
    });

    test('amounts with per-period units', async () => {
        const policy = await parse('timkostnad at { belopp 337,50 kr/h }\nnivåtabell t { nivå 4 : 2 037 kr/mån }');
        const rate = policy.elements[0] as ast.Rate;
        expect(rate.value).toMatchObject({ value: '337.5', unit: { money: true, per: 'h' } });
    });
});

describe('names and keywords', () => {
    test.each(['hemvård', 'hög', 'Mikaeligården', 'Åbylundsgatan_1', 'nivå_ny', 'krona', 'ja_eller_nej', 'ärendetyp'])('%s is a name, not a keyword', name => {
        expect(tokens(name)).toEqual([`ID:${name}`]);
    });

    test('comments are skipped, line and block', async () => {
        const policy = await parse('// en kommentar\nområde a /* och en till */ "A"\n/* flera\nrader */');
        expect(policy.elements).toHaveLength(1);
    });

    test('typographic quotes as Swedish writers type them', async () => {
        const policy = await parse('område a ”Karla och Mikaeli”');
        expect((policy.elements[0] as ast.Area).title).toBe('Karla och Mikaeli');
    });

    test('law references with chapter, section and point', async () => {
        const policy = await parse('lag SoL "Socialtjänstlagen"\nlag LSS "LSS"\ninsats a enligt SoL 4 kap 1 §, LSS 9 § 8');
        const service = policy.elements[2] as ast.Service;
        expect(service.legalBasis.map(r => [r.chapter, r.section, r.point])).toEqual([['4', '1', undefined], [undefined, '9', '8']]);
    });
});

describe('syntax errors a writer can read', () => {
    test.each([
        'nivåtabell t { nivå : 100 kr }',
        'insats',
        'egenskap x : heltal',
        'förloppsmodell m { förlopp f { när ålder > } }',
        'blaha',
        '}}}',
    ])('%s', async text => {
        const diagnostics = (await diagnosticsOf(text)).filter(d => d.code === 'syntax-error');
        expect(diagnostics.length).toBeGreaterThan(0);
        for (const diagnostic of diagnostics) {
            expect(diagnostic.message).not.toMatch(/token of type|:KW|Expecting|NUMBER|\bID\b|STRING/);
            expect(diagnostic.message).toMatch(/väntas|Oväntat|Okänt/);
        }
    });

    test('a missing value names what is expected', async () => {
        const [diagnostic] = await diagnosticsOf('nivåtabell t { nivå : 100 kr }');
        expect(diagnostic.message).toBe("Oväntat ':': här väntas ett tal.");
        expect([diagnostic.line, diagnostic.column]).toEqual([1, 21]);
    });

    test('a file that ends too early says so', async () => {
        const [diagnostic] = await diagnosticsOf('nivåtabell t {');
        expect(diagnostic.message).toMatch(/^Filen tar slut för tidigt: här väntas/);
    });
});

describe('the parser survives anything', () => {
    test('random printable garbage yields diagnostics, never an exception', async () => {
        let seed = 42;
        const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
        const alphabet = 'nivåtabell{}:;,.-–%kr0123456789 "”\n\tåäöÅÄÖ/*§=<>()';
        for (let round = 0; round < 30; round++) {
            const text = Array.from({ length: 200 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
            const diagnostics = await diagnosticsOf(text);
            expect(Array.isArray(diagnostics)).toBe(true);
        }
    });
});

describe('long chains of och, eller and arithmetic', () => {
    const attributes = 'egenskap ålder "Ålder" : heltal 0–120 år\negenskap k "K" : ja/nej\n';
    /** A pilot whose inclusion chains `parts` comparisons with `och`, one per line (line 4 onwards). */
    const pilot = (parts: number, joiner = 'och') =>
        `${attributes}pilot p "P" {\n    inkludera när ${Array.from({ length: parts }, (_, i) => `ålder > ${i % 100} år`).join(`\n        ${joiner} `)}\n}\n`;

    test(`a chain of ${MAX_CHAIN} operators is read whole`, async () => {
        const diagnostics = await diagnosticsOf(pilot(MAX_CHAIN + 1));
        expect(codes(diagnostics)).not.toContain('chain-too-long');
        expect(codes(diagnostics)).not.toContain('syntax-error');
    });

    test('one operator more is cut at that operator, with a message that says the limit', async () => {
        const diagnostics = await diagnosticsOf(pilot(MAX_CHAIN + 2, 'eller'));
        const [long] = diagnostics.filter(d => d.code === 'chain-too-long');
        // Line 4 holds the first part; the operator before part N+1 starts line 4 + N.
        expect(long).toMatchObject({ severity: 'error', line: 4 + MAX_CHAIN + 1, column: 9, endLine: 4 + MAX_CHAIN + 1, endColumn: 14 });
        expect(long.message).toContain(`mer än ${MAX_CHAIN} 'och'`);
    });

    test('the count starts again at each clause, and names do not end it', async () => {
        const half = Array.from({ length: 300 }, () => 'k').join(' och ');
        expect(codes(await diagnosticsOf(`${attributes}pilot p "P" {\n inkludera när ${half}\n exkludera när ${half}\n exkludera när ${half} }\n`))).not.toContain('chain-too-long');
        // A parameter named like a soft keyword may stand inside a formula: it does not restart the count.
        const sum = Array.from({ length: 300 }, () => 'maxtaxa').join(' + ');
        const calculations = `parameter maxtaxa "M" { giltig från 2024-01-01 : 1 kr }\nberäkning a = ${sum} + ${sum}\n`;
        expect(codes(await diagnosticsOf(calculations))).toContain('chain-too-long');
    });

    test('a chain far past the limit is an error, never a stack overflow', async () => {
        const diagnostics = await diagnosticsOf(pilot(20_000));
        expect(codes(diagnostics)).toContain('chain-too-long');
        expect(codes(diagnostics)).not.toContain('internal-check-error');
    });

    test('each finding on a long chain points at its own part', async () => {
        // Every `k` after the first repeats the first, so each is reported redundant at its own place.
        const parts = 200;
        const text = `${attributes}pilot p "P" {\n    inkludera när ${Array.from({ length: parts }, () => 'k').join('\n        och ')}\n}\n`;
        const redundant = (await diagnosticsOf(text)).filter(d => d.code === 'redundant-criterion');
        expect(redundant.length).toBe(parts);
        expect(new Set(redundant.map(d => d.line)).size).toBe(parts);
    });
});

describe('the grammar, as Chevrotain checks it', () => {
    test('passes the checks that production mode skips at start-up (ambiguities, unreachable tokens)', () => {
        // The generated module runs in production mode, which skips them on every start-up.
        expect(RegelrattLanguageMetaData.mode).toBe('production');
        const shared = inject(createDefaultSharedCoreModule(EmptyFileSystem), RegelrattGeneratedSharedModule);
        const checked = inject(createDefaultCoreModule({ shared }), RegelrattGeneratedModule, RegelrattModule, {
            LanguageMetaData: () => ({ ...RegelrattLanguageMetaData, mode: 'development' as const }),
        });
        // Building the lexer and the parser with the checks on throws on the first definition error.
        expect(() => checked.parser.LangiumParser).not.toThrow();
        const result = checked.parser.LangiumParser.parse('område tätort\nnivåtabell t { område tätort nivå 1 : 2 037 kr }\n');
        expect(result.lexerErrors).toEqual([]);
        expect(result.parserErrors).toEqual([]);
    });
});
