import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { SCHEMA_VERSION } from '@regelratt/format';
import { buildDocument, reasonFor, withReasons } from '@regelratt/document';
import { checkPolicies, compilePolicy, createRegelrattServices, diffPolicies } from '@regelratt/language';
import { evaluateCase, PolicyRuntime, runExamples } from '@regelratt/runtime';
import { errorCode } from '../packages/runtime/test/error-code.js';

/**
 * Chained decisions (DMN's decision requirements graph): a table's input column reads another
 * table's output (`| nivåbedömning.nivå |`) or a named calculation (`| beräkning x |`). The runtime
 * decides the upstream first, with the memo the calculations use, an upstream's error reaches the
 * asker as it is, and the trace names the upstream decision that fed the answer.
 */
const policy = `
egenskap besök_per_vecka "Omvårdnadsbesök per vecka" : heltal 0–200 besök
egenskap larm : ja/nej
beslutstabell nivåbedömning "Nivå efter besök" {
    giltig från 2024-01-01
    | besök_per_vecka || nivå | akut |
    | 0               || 0    | nej  |
    | 1–6             || 1    | nej  |
    | 7–20            || 2    | nej  |
    | >= 21           || 3    | ja   |
}
beslutstabell omvårdnadsavgift "Avgift efter nivå" {
    giltig från 2024-01-01
    | nivåbedömning.nivå || avgift       |
    | 0                  || 0 kr/mån     |
    | 1                  || 705 kr/mån   |
    | 2                  || 1 409 kr/mån |
    | 3                  || 2 013 kr/mån |
}
beslutstabell angelägenhet "Angelägenhet" {
    giltig från 2024-01-01
    | nivåbedömning.akut | larm || angelägenhet |
    | ja                 | -    || 1         |
    | nej                | ja   || 2         |
    | nej                | nej  || 3         |
}
beräkning vårdtid "Vårdtid per vecka" = besök_per_vecka × 0,5
beslutstabell tidsklass "Tidsklass" {
    giltig från 2024-01-01
    | beräkning vårdtid || klass |
    | < 3               || 1     |
    | >= 3              || 2     |
}
beräkning avgift_med_tillägg = omvårdnadsavgift.avgift + 10 kr/mån
`;

/** Three declarations that read one another in a circle: a → b → c → a. */
const cycle = `
beslutstabell a {
    | b.nivå || nivå |
    | -      || 1    |
}
beslutstabell b {
    | beräkning c || nivå |
    | -           || 2    |
}
beräkning c = a.nivå + 1
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/kedja/a.regel', text }]);
    const errors = checked.diagnostics.filter(d => d.severity === 'error');
    const compiled = errors.length === 0 ? JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel'))) : undefined;
    return { checked, errors, compiled, runtime: compiled ? new PolicyRuntime([compiled]) : undefined };
}

const on = (citizen: Record<string, unknown>) => ({ date: '2024-03-01', citizen });

describe('chained decision tables', () => {
    test('a column reading another table\'s output compiles to a reference to it (format 1.10)', async () => {
        const { errors, compiled } = await load(policy);
        expect(errors.map(e => e.message)).toEqual([]);
        const table = compiled.elements.find((e: { name: string }) => e.name === 'omvårdnadsavgift');
        expect(table.inputs).toEqual([{ decision: 'decisionTable/nivåbedömning', column: 'nivå' }]);
        const klass = compiled.elements.find((e: { name: string }) => e.name === 'tidsklass');
        expect(klass.inputs).toEqual([{ calculation: 'calculation/vårdtid' }]);
        expect(compiled.schemaVersion).toBe(SCHEMA_VERSION);
    });

    test('the runtime decides the upstream first: fee from level from visits', async () => {
        const { runtime } = await load(policy);
        expect(runtime!.decide('omvårdnadsavgift', on({ besök_per_vecka: 0 })).outputs).toEqual({ avgift: '0' });
        expect(runtime!.decide('omvårdnadsavgift', on({ besök_per_vecka: 5 })).outputs).toEqual({ avgift: '705' });
        expect(runtime!.decide('omvårdnadsavgift', on({ besök_per_vecka: 7 })).outputs).toEqual({ avgift: '1409' });
        expect(runtime!.decide('omvårdnadsavgift', on({ besök_per_vecka: 30 })).outputs).toEqual({ avgift: '2013' });
        // A ja/nej output read as a ja/nej input.
        expect(runtime!.decide('angelägenhet', on({ besök_per_vecka: 30, larm: false })).outputs).toEqual({ angelägenhet: '1' });
        expect(runtime!.decide('angelägenhet', on({ besök_per_vecka: 3, larm: true })).outputs).toEqual({ angelägenhet: '2' });
        // A calculation as an input: 5 × 0,5 = 2,5 < 3; 6 × 0,5 = 3.
        expect(runtime!.decide('tidsklass', on({ besök_per_vecka: 5 })).outputs).toEqual({ klass: '1' });
        expect(runtime!.decide('tidsklass', on({ besök_per_vecka: 6 })).outputs).toEqual({ klass: '2' });
        // Through a formula, exact and generated paths alike.
        expect(runtime!.calculate('avgift_med_tillägg', on({ besök_per_vecka: 7 }), { explain: false }).amount).toBe('1419');
        expect(runtime!.calculate('avgift_med_tillägg', on({ besök_per_vecka: 7 })).amount).toBe('1419');
    });

    test('an upstream\'s error is the answer\'s error, never a default', async () => {
        const { runtime } = await load(policy);
        expect(errorCode(() => runtime!.decide('omvårdnadsavgift', on({})))).toBe('missing-attribute');
        expect(errorCode(() => runtime!.decide('omvårdnadsavgift', { date: '2023-06-01', citizen: { besök_per_vecka: 3 } }))).toBe('no-valid-version');
    });

    test('a compiled chain that comes back to itself (a hand-edited file) is a typed error, not a loop', async () => {
        const { checked } = await load(cycle);
        const runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')))]);
        expect(errorCode(() => runtime.decide('a', on({})))).toBe('not-computable');
        expect(errorCode(() => runtime.calculate('c', on({})))).toBe('not-computable');
    });

    test('the trace names the upstream decision that fed the answer', async () => {
        const { runtime } = await load(policy);
        const { trace } = runtime!.calculate('avgift_med_tillägg', on({ besök_per_vecka: 7 }));
        expect(trace.map(step => step.step)).toEqual(expect.arrayContaining([
            expect.stringMatching(/^nivåbedömning\.nivå, rad 3/),
            expect.stringMatching(/^omvårdnadsavgift\.avgift, rad 3/),
        ]));
    });

    test('the reason of a chained answer names the upstream decision, its row and its value', async () => {
        const { runtime, compiled } = await load(policy);
        const reason = reasonFor(runtime!, { type: 'decision', table: 'omvårdnadsavgift', citizen: { besök_per_vecka: 7 }, date: '2024-03-01' }, 'sv');
        expect(reason.text).toContain('Nivå efter besök');
        expect(reason.text).toContain('Omvårdnadsbesök per vecka');
        expect(reason.text).not.toContain('decisionTable/');
        // The upstream's answer decided it: never listed among what did not matter.
        expect(reason.text).not.toContain('påverkade inte');
        const document = JSON.stringify(buildDocument({ files: [compiled], locale: 'sv', draft: true }));
        expect(document).toContain('"header":["nivå enligt Nivå efter besök","avgift"]');
    });

    test('a chained column of ja/nej is reasoned as ja/nej, not asked for as a number (eval and its reasons)', async () => {
        const { errors, runtime } = await load(`egenskap utrymme "Utrymme" : heltal 0–1000
beslutstabell grund "Grund" {
    | utrymme || betalar |
    | 0       || nej     |
    | > 0     || ja      |
}
beslutstabell avgift_t "Avgift" {
    | grund.betalar || avgift |
    | nej           || 0 kr/mån |
    | ja            || 100 kr/mån |
}
`);
        expect(errors.map(e => e.message)).toEqual([]);
        const input = { date: '2025-01-01', citizen: { utrymme: 5 } };
        const answer = withReasons(runtime!, input, evaluateCase(runtime!, input, true, 'sv'), 'sv');
        const reasons = JSON.stringify(answer);
        expect(reasons).toContain('Grund, rad 2: utrymme är över 0.');
        expect(reasons).toContain('– Grund: ja');
        const reason = reasonFor(runtime!, { type: 'decision', table: 'avgift_t', citizen: { utrymme: 0 }, date: '2025-01-01' }, 'sv');
        expect(reason.text).toContain('– Grund: nej');
    });

    test('inline examples ask a chained table as any other', async () => {
        const { errors, compiled } = await load(`${policy}
exempel tre_besök { datum 2024-03-01  beslut enligt omvårdnadsavgift.avgift för { besök_per_vecka = 3 }  förväntat 705 kr/mån }
`);
        expect(errors.map(e => e.message)).toEqual([]);
        const results = runExamples(new PolicyRuntime([compiled]));
        expect(results.map(r => [r.example.name, r.passed])).toEqual([['tre_besök', true]]);
    });
});

describe('chained tables in the diff', () => {
    test('a changed row of a chained table is a region of the upstream\'s answer', async () => {
        const before = (await load(policy)).compiled;
        const after = (await load(policy.replace('| 1                  || 705 kr/mån   |', '| 1                  || 720 kr/mån   |'))).compiled;
        const entry = diffPolicies([before], [after], 'sv').entries.find(e => e.element.name === 'omvårdnadsavgift');
        expect(entry?.change).toBe('answers');
        const regions = (entry as unknown as { regions: Array<{ before: string; after: string }> }).regions;
        expect(regions.map(region => [region.before, region.after])).toEqual([['avgift 705 kr/mån', 'avgift 720 kr/mån']]);
    });
});

describe('chained columns in the checker', () => {
    const codesOf = async (text: string) => (await load(text)).checked.diagnostics.filter(d => d.severity === 'error').map(d => [d.code, d.message]);

    test('a column the upstream does not have is unknown-column, with the nearest name', async () => {
        const found = await codesOf(policy.replace('| nivåbedömning.nivå |', '| nivåbedömning.niva |'));
        expect(found).toContainEqual(['unknown-column', 'nivåbedömning har ingen kolumn niva. Menade du nivå? Kolumner: nivå, akut.']);
    });

    test('cells must fit the upstream column: numbers for numbers, ja/nej compared for equality', async () => {
        const found = await codesOf(policy.replace('| ja                 | -    || 1         |', '| 2                  | -    || 1         |'));
        expect(found).toContainEqual(['type-mismatch', expect.stringContaining('nivåbedömning.akut är ja/nej')]);
        expect((await codesOf(policy)).filter(([code]) => code === 'type-mismatch')).toEqual([]);
    });

    test('a gap is judged over the values the upstream gives: 0–3 covered, a missing level reported', async () => {
        expect(await codesOf(policy)).toEqual([]);
        const gap = await codesOf(policy.replace('    | 2                  || 1 409 kr/mån |\n', ''));
        expect(gap).toEqual([['decision-gap', expect.stringContaining('nivåbedömning.nivå = 2')]]);
    });

    test('a level no upstream row gives needs no row; one it gives is a gap with a citizen of attributes the runtime answers so', async () => {
        // The upstream gives 0, 1 and 3 (7–20 visits are level 3 here): no row for level 2 is no gap.
        const noTwo = policy.replace('| 7–20            || 2    | nej  |', '| 7–20            || 3    | nej  |');
        expect(await codesOf(noTwo.replace('    | 2                  || 1 409 kr/mån |\n', ''))).toEqual([]);
        // Without a row for level 1, which 1–6 visits give: a gap, its citizen named by visits.
        const { checked, runtime } = await load(policy.replace('    | 1                  || 705 kr/mån   |\n', ''));
        const gap = checked.diagnostics.find(d => d.code === 'decision-gap');
        expect(gap?.message).toContain('besök_per_vecka');
        expect(gap?.message).toContain('nivåbedömning.nivå = 1');
        expect(runtime).toBeUndefined(); // the gap is an error: nothing compiles
        const witness = Number(/besök_per_vecka (?:= )?(\d+)/.exec(gap!.message)![1]);
        // The runtime, asked about that citizen of the table as written, finds no row: the gap is real.
        const asWritten = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')))]);
        expect(asWritten.decide('nivåbedömning', on({ besök_per_vecka: witness })).outputs.nivå).toBe('1');
        expect(errorCode(() => asWritten.decide('omvårdnadsavgift', on({ besök_per_vecka: witness })))).toBe('no-matching-row');
    });

    test('a table reading itself through a calculation is decision-cycle, naming the chain in order', async () => {
        const found = await codesOf(`${policy}\n${cycle}`);
        expect(found).toContainEqual(['decision-cycle', expect.stringContaining('(a → b → c → a)')]);
        expect(found).toContainEqual(['decision-cycle', expect.stringContaining('(b → c → a → b)')]);
        expect(found).toContainEqual(['calculation-cycle', expect.stringContaining('(c → a → b → c)')]);
    });
});

describe('the chained fixture (test/fixtures/kedja): Habo 2017 as level from visits, fee from level', () => {
    const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const read = (file: string) => readFileSync(path.join(repository, file), 'utf8');

    test('checks clean, its examples pass, and it answers as Habo\'s one-table form for every number of visits', async () => {
        const chain = await load(read('test/fixtures/kedja/omvardnad-kedja.regel'));
        expect(chain.errors.map(e => e.message)).toEqual([]);
        expect(runExamples(chain.runtime!).filter(r => !r.passed).map(r => r.example.name)).toEqual([]);
        // Habo's own table, as the example set writes it (the set's other parts read the national library).
        const text = read('examples/habo/hemtjänst.regel');
        const table = /beslutstabell omvårdnad "[^]*?\n}/.exec(text)![0];
        const habo = await load(`egenskap besök_per_vecka : heltal 0–200 besök\n${table}`);
        expect(habo.errors).toEqual([]);
        const haboRuntime = habo.runtime!;
        for (let visits = 0; visits <= 200; visits++) {
            const question = { date: '2017-05-01', citizen: { besök_per_vecka: visits } };
            expect(chain.runtime!.decide('omvårdnadsavgift', question).outputs.avgift, `${visits} besök`).toBe(haboRuntime.decide('omvårdnad', question).outputs.avgift);
        }
    });
});

/**
 * Chains beside what main merged meanwhile (cells: disjunctions and formula outputs; hitpolicy:
 * `träff prioritet`): a chained column takes a disjunction, a table with a chained input may be a
 * priority table or give formulas, and a formula cell of an upstream feeds the downstream exactly.
 */
describe('chains with disjunctions, formula outputs, priority and collect', () => {
    const mixed = `
egenskap besök_per_vecka "Omvårdnadsbesök per vecka" : heltal 0–200 besök
egenskap inkomst "Inkomst" : belopp per månad
egenskap larm : ja/nej
beslutstabell nivåbedömning "Nivå efter besök" {
    | besök_per_vecka || nivå |
    | 0               || 0    |
    | 1–6             || 1    |
    | 7–20            || 2    |
    | >= 21           || 3    |
}
beslutstabell risk "Risk efter nivå och larm" {
    träff prioritet
    | nivåbedömning.nivå | larm || risk ("hög", "medel", "låg") |
    | 0 eller >= 3       | -    || "medel" |
    | -                  | ja   || "hög"   |
    | -                  | -    || "låg"   |
}
beslutstabell taxa "Taxa efter nivå" {
    | nivåbedömning.nivå || avgift           |
    | 0                  || 0 kr/mån         |
    | 1–2                || = inkomst × 10 % |
    | >= 3               || = inkomst × 20 % |
}
beslutstabell tillägg "Tillägg efter taxa" {
    träff samla summa
    | taxa.avgift || tillägg   |
    | >= 100      || 50 kr/mån |
    | >= 500      || 25 kr/mån |
    | -           || 5 kr/mån  |
}
`;

    test('checks clean and compiles the disjunction of a chained column as any', async () => {
        const { errors, compiled } = await load(mixed);
        expect(errors.map(e => e.message)).toEqual([]);
        const risk = compiled.elements.find((e: { name: string }) => e.name === 'risk');
        expect(risk.inputs[0]).toEqual({ decision: 'decisionTable/nivåbedömning', column: 'nivå' });
        expect(risk.rows[0].when[0]).toHaveProperty('any');
        expect(compiled.schemaVersion).toBe(SCHEMA_VERSION);
    });

    test('priority over a chained column: the highest priority of the matching rows decides', async () => {
        const { runtime } = await load(mixed);
        // Level 3 and larm: "medel" and "hög" match, "hög" ranks higher.
        expect(runtime!.decide('risk', on({ besök_per_vecka: 30, larm: true })).outputs).toEqual({ risk: 'hög' });
        expect(runtime!.decide('risk', on({ besök_per_vecka: 30, larm: false })).outputs).toEqual({ risk: 'medel' });
        expect(runtime!.decide('risk', on({ besök_per_vecka: 0, larm: false })).outputs).toEqual({ risk: 'medel' });
        expect(runtime!.decide('risk', on({ besök_per_vecka: 3, larm: false })).outputs).toEqual({ risk: 'låg' });
    });

    test('a formula output of a chained table, and of an upstream that a collect table reads', async () => {
        const { runtime } = await load(mixed);
        expect(runtime!.decide('taxa', on({ besök_per_vecka: 3, inkomst: 2000 })).outputs).toEqual({ avgift: '200' });
        expect(runtime!.decide('taxa', on({ besök_per_vecka: 30, inkomst: 2000 })).outputs).toEqual({ avgift: '400' });
        expect(runtime!.decide('taxa', on({ besök_per_vecka: 0, inkomst: 2000 })).outputs).toEqual({ avgift: '0' });
        // taxa 400 (>= 100 and >= 500 not): 50 + 5; taxa 600: 50 + 25 + 5.
        expect(runtime!.decide('tillägg', on({ besök_per_vecka: 30, inkomst: 2000 })).outputs).toEqual({ tillägg: '55' });
        expect(runtime!.decide('tillägg', on({ besök_per_vecka: 30, inkomst: 3000 })).outputs).toEqual({ tillägg: '80' });
        expect(errorCode(() => runtime!.decide('tillägg', on({ besök_per_vecka: 30 })))).toBe('missing-attribute');
    });

    test('a column reading formula outputs is judged over every number: a gap there is still reported', async () => {
        const gappy = mixed + `
beslutstabell kontroll "Kontroll efter taxa" {
    | taxa.avgift || kontroll |
    | < 100       || 1        |
}
`;
        const { checked } = await load(gappy);
        const gaps = checked.diagnostics.filter(d => d.code === 'decision-gap');
        expect(gaps.length).toBeGreaterThan(0);
        expect(gaps[0].message).toContain('taxa.avgift');
    });
});
