import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices, exampleDifferences } from '@regelratt/language';
import { PolicyRuntime, runExamples } from '@regelratt/runtime';

/**
 * What `test` says of a decision-table example that fails: the answer the runtime gave, in the
 * column's own terms (a förlopp by name, a plain number without `kr`), also where the example
 * expected an error and got an answer instead.
 */
const policy = `
egenskap städning : ja/nej
förloppsmodell m { förlopp f_a { när städning } förlopp f_b { när inte städning } }
beslutstabell t {
    | städning || nivå | förlopp |
    | ja       || 2    | f_a     |
    | nej      || 1    | f_b     |
}
exempel fel_nivå { datum 2025-01-01 beslut enligt t.nivå för { städning = ja } förväntat 3 }
exempel fel_förlopp { datum 2025-01-01 beslut enligt t.förlopp för { städning = ja } förväntat förlopp f_b }
exempel väntar_fel_får_förlopp { datum 2025-01-01 beslut enligt t.förlopp för { städning = ja } förväntat fel "no-matching-row" }
exempel väntar_fel_får_nivå { datum 2025-01-01 beslut enligt t.nivå för { städning = ja } förväntat fel "no-matching-row" }
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function results() {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/examples/a.regel', text: policy }]);
    expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    const runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')))]);
    return new Map(runExamples(runtime).map(result => [result.example.name, result]));
}

function differences(result: ReturnType<typeof runExamples>[number], locale: 'sv' | 'en' = 'sv'): string {
    return exampleDifferences(result.expected, result.actual, locale, result.example.unit);
}

describe('failing decision-table examples say what the runtime answered', () => {
    test('a plain number is shown without kr', async () => {
        const result = (await results()).get('fel_nivå')!;
        expect(result.passed).toBe(false);
        expect(differences(result)).toBe('belopp: väntat 3, fick 2');
    });

    test('a förlopp answer is a förlopp, also when the example expected an error', async () => {
        const all = await results();
        expect(all.get('fel_förlopp')!.actual).toEqual({ pathway: 'pathway/f_a' });
        const unexpected = all.get('väntar_fel_får_förlopp')!;
        expect(unexpected.passed).toBe(false);
        // The answer's own field, never a förlopp id under `amount`.
        expect(unexpected.actual).toEqual({ pathway: 'pathway/f_a' });
    });

    test('an example expecting an error that gets an answer shows the answer, not "inget"', async () => {
        const all = await results();
        expect(differences(all.get('väntar_fel_får_förlopp')!)).toBe('fel: väntat no-matching-row, fick ett svar: förlopp f_a');
        expect(differences(all.get('väntar_fel_får_nivå')!)).toBe('fel: väntat no-matching-row, fick ett svar: belopp 2');
        expect(differences(all.get('väntar_fel_får_nivå')!, 'en')).toBe('error: expected no-matching-row, got an answer: amount 2');
    });
});
