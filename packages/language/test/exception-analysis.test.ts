import { describe, expect, test } from 'vitest';
import { ExactNumber, type Criterion } from '@regelratt/format';
import type { AnalysedAttribute } from '@regelratt/analyses';
import { analyseExceptions } from '@regelratt/analyses';

const attributes = new Map<string, AnalysedAttribute>([
    ['attribute/ålder', { id: 'attribute/ålder', name: 'ålder', domain: { kind: 'integer', min: ExactNumber.of(0n), max: ExactNumber.of(120n) } }],
]);
const age = (op: '<' | '>=', value: number): Criterion => ({ attribute: 'attribute/ålder', op, value: { number: String(value) } });

describe('a main rule and its exceptions', () => {
    test('an exception inside the rule leaves the rest to it: nothing reported', () => {
        expect(analyseExceptions(age('>=', 65), [age('>=', 80)], attributes)).toEqual([]);
    });

    test('an exception outside the rule never applies, with a citizen who meets only the exception', () => {
        const findings = analyseExceptions(age('>=', 65), [age('<', 18)], attributes);
        expect(findings).toHaveLength(1);
        expect(findings[0]).toMatchObject({ kind: 'exception-never-applies', exception: 0 });
        const found = findings[0].kind === 'exception-never-applies' ? findings[0].case : undefined;
        expect(found?.assignment.get('attribute/ålder')).toMatchObject({ kind: 'range' });
    });

    test('exceptions that together take everyone the rule applies to swallow it', () => {
        // 65 and over, except under 70 and except 70 and over: each alone leaves someone, both together no one.
        expect(analyseExceptions(age('>=', 65), [age('<', 70)], attributes)).toEqual([]);
        const findings = analyseExceptions(age('>=', 65), [age('<', 70), age('>=', 70)], attributes);
        expect(findings.map(f => f.kind)).toEqual(['exception-swallows-rule']);
    });

    test('a rule for everyone with an exception for everyone is swallowed; one that no citizen meets never applies, without a citizen', () => {
        expect(analyseExceptions(undefined, [age('>=', 0)], attributes).map(f => f.kind)).toEqual(['exception-swallows-rule']);
        expect(analyseExceptions(undefined, [{ all: [age('<', 18), age('>=', 65)] }], attributes)).toEqual([{ kind: 'exception-never-applies', exception: 0 }]);
    });
});
