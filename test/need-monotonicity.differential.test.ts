import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime, RegelrattRuntimeError } from '@regelratt/runtime';

/**
 * "An amount never falls as need rises", held to the runtime both ways: random first-hit decision
 * tables (so every citizen gets a row) over a need column and another column, written as .regel
 * text. Every `amount-falls-as-need-rises` finding names two citizens for whom the runtime's amounts
 * really fall; and when there is no finding, no two citizens who differ only in more need get a
 * lower amount (checked over the whole, small domain).
 */
const needMax = 8;
const otherValues = ['a', 'b'];

const cellArb = fc.oneof(
    fc.constant('-'),
    fc.integer({ min: 0, max: needMax }).map(String),
    fc.tuple(fc.constantFrom('<', '<=', '>', '>='), fc.integer({ min: 0, max: needMax })).map(([op, c]) => `${op} ${c}`),
    fc.tuple(fc.integer({ min: 0, max: needMax }), fc.integer({ min: 0, max: needMax })).map(([a, b]) => `${Math.min(a, b)}–${Math.max(a, b)}`),
);
const otherArb = fc.constantFrom('-', 'a', 'b');
const rowArb = fc.tuple(cellArb, otherArb, fc.integer({ min: 0, max: 5 }).map(n => n * 100));

function policyText(rows: Array<[string, string, number]>): string {
    return [
        `egenskap behovet : heltal 0–${needMax} timmar`,
        `egenskap annat : en av { ${otherValues.join(', ')} }`,
        'beslutstabell t {',
        '    träff första',
        '    behov behovet',
        '    | behovet | annat || avgift |',
        ...rows.map(([need, other, amount]) => `    | ${need} | ${other} || ${amount} kr |`),
        '    | - | - || 0 kr |',
        '}',
    ].join('\n');
}

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

function amount(runtime: PolicyRuntime, citizen: Record<string, string | number>): number {
    try {
        return Number(runtime.decisionValue(runtime.decide('t', { date: '2025-01-01', citizen })));
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            throw new Error(`the runtime refused ${JSON.stringify(citizen)}: ${error.code}`);
        }
        throw error;
    }
}

describe('amounts that fall as need rises: the analysis and the runtime agree', () => {
    test('every finding is two real citizens, and no finding means no such pair exists', async () => {
        let findings = 0;
        let clean = 0;
        await fc.assert(fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 4 }), async rows => {
            const text = policyText(rows);
            const [checked] = await checkPolicies(Regelratt, [{ path: '/diff/t.regel', text }]);
            expect(checked.diagnostics.filter(d => d.severity === 'error').map(d => d.message), text).toEqual([]);
            const runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 't.regel')))]);
            const falling = checked.diagnostics.filter(d => d.code === 'amount-falls-as-need-rises');
            for (const finding of falling) {
                findings++;
                const example = (finding.witness as { example: Record<string, string> }).example;
                const other = example.annat ?? otherValues[0];
                const lower = { behovet: Number(example.behovet ?? 0), annat: other };
                const higher = { behovet: Number(example['behovet (mer behov)'] ?? needMax), annat: other };
                expect(lower.behovet, `${text}\n${finding.message}`).toBeLessThan(higher.behovet);
                expect(amount(runtime, lower), `${text}\n${finding.message}`).toBeGreaterThan(amount(runtime, higher));
            }
            if (falling.length === 0) {
                clean++;
                for (const other of otherValues) {
                    const amounts = Array.from({ length: needMax + 1 }, (_, need) => amount(runtime, { behovet: need, annat: other }));
                    for (let need = 1; need <= needMax; need++) {
                        expect(amounts[need], `${text}\nannat = ${other}, behovet ${need - 1} → ${need}`).toBeGreaterThanOrEqual(Math.max(...amounts.slice(0, need)));
                    }
                }
            }
        }), { numRuns: 250, seed: 4711 });
        // Both kinds of table must actually occur, or the test proves little.
        expect(findings).toBeGreaterThan(30);
        expect(clean).toBeGreaterThan(20);
    });
});
