import { describe, expect, test } from 'vitest';
import { analyseEligibility } from '@regelratt/language';
import { SCHEMA_VERSION, type CompiledPolicyFile, type Criterion } from '@regelratt/format';
import { PolicyRuntime } from '@regelratt/runtime';

/**
 * The eligibility analysis held to the runtime on random rules over a domain small enough to ask the
 * runtime about every citizen (two yes/no attributes, an age 0–6): what the analysis says of
 * everyone (no one admitted, everyone excluded, an exclusion or exception that never applies, an
 * exception that lifts its whole exclusion) is what the runtime answers citizen by citizen, and a
 * citizen it names as refused is refused.
 */
function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 4294967296;
    };
}

const source = { file: 'a.regel', line: 1, column: 1, endLine: 1, endColumn: 2 };
const attributes = [
    { id: 'attribute/a', kind: 'attribute' as const, name: 'a', source, domain: { type: 'boolean' as const } },
    { id: 'attribute/b', kind: 'attribute' as const, name: 'b', source, domain: { type: 'boolean' as const } },
    { id: 'attribute/ålder', kind: 'attribute' as const, name: 'ålder', source, domain: { type: 'integer' as const, min: '0', max: '6' } },
];
const citizens = [false, true].flatMap(a => [false, true].flatMap(b => [0, 1, 2, 3, 4, 5, 6].map(ålder => ({ a, b, ålder }))));

function criterion(next: () => number, depth = 0): Criterion {
    const pick = Math.floor(next() * (depth > 1 ? 3 : 6));
    const age = String(Math.floor(next() * 7));
    switch (pick) {
        case 0: return { attribute: next() < 0.5 ? 'attribute/a' : 'attribute/b', test: true };
        case 1: return { attribute: 'attribute/ålder', op: (['<', '<=', '>', '>=', '='] as const)[Math.floor(next() * 5)], value: { number: age } };
        case 2: return { not: { attribute: next() < 0.5 ? 'attribute/a' : 'attribute/b', test: true } };
        case 3: return { all: [criterion(next, depth + 1), criterion(next, depth + 1)] };
        case 4: return { any: [criterion(next, depth + 1), criterion(next, depth + 1)] };
        default: return { not: criterion(next, depth + 1) };
    }
}

function policy(seed: number): CompiledPolicyFile {
    const next = random(seed);
    const exclusions = Array.from({ length: 1 + Math.floor(next() * 2) }, () => ({
        criterion: criterion(next), exceptions: Array.from({ length: Math.floor(next() * 3) }, () => criterion(next)),
    }));
    return {
        schemaVersion: SCHEMA_VERSION, source: 'a.regel',
        elements: [...attributes, { id: 'service/s', kind: 'service', name: 's', source, legalBasis: [], eligibility: { inclusion: criterion(next), exclusions } }],
    };
}

describe('eligibility analysis against the runtime, every citizen of a small domain', () => {
    test('the random rules give every kind of finding, so each comparison below is exercised', () => {
        const seen = new Set(Array.from({ length: 150 }, (_, i) => analyseEligibility(new PolicyRuntime([policy(i + 1)]), 'service/s').map(f => f.kind)).flat());
        expect([...seen].sort()).toEqual(expect.arrayContaining(['admits-no-one', 'exception-never-applies', 'exception-swallows-exclusion', 'excludes-everyone', 'exclusion-never-applies']));
    });

    test.each(Array.from({ length: 150 }, (_, i) => [i + 1]))('rule %i', seed => {
        const file = policy(seed);
        const runtime = new PolicyRuntime([file]);
        const rule = (file.elements[3] as { eligibility: { inclusion: Criterion; exclusions: Array<{ criterion: Criterion; exceptions: Criterion[] }> } }).eligibility;
        const findings = analyseEligibility(runtime, 'service/s');
        expect(findings.map(f => f.kind)).not.toContain('undecided');
        const kinds = new Set(findings.map(f => f.kind));
        const admitted = citizens.filter(c => runtime.holds(rule.inclusion, c));
        const granted = citizens.filter(c => runtime.checkEligibility('service/s', c).granted);
        expect(kinds.has('admits-no-one')).toBe(admitted.length === 0);
        if (admitted.length === 0) {
            return;
        }
        expect(kinds.has('excludes-everyone')).toBe(granted.length === 0);
        for (const finding of findings) {
            if (finding.kind === 'excludes-everyone') {
                expect(runtime.checkEligibility('service/s', finding.citizen).granted).toBe(false);
            }
        }
        rule.exclusions.forEach((exclusion, index) => {
            const removed = admitted.filter(c => runtime.holds(exclusion.criterion, c));
            const neverApplies = findings.some(f => f.kind === 'exclusion-never-applies' && f.exclusion === index);
            // An exclusion whose exceptions lift it everywhere also "never applies" as an effective one; said as the swallowing.
            expect(neverApplies).toBe(removed.length === 0);
            if (removed.length === 0 || exclusion.exceptions.length === 0) {
                return;
            }
            const swallowed = removed.every(c => exclusion.exceptions.some(x => runtime.holds(x, c)));
            expect(findings.some(f => f.kind === 'exception-swallows-exclusion' && f.exclusion === index)).toBe(swallowed);
            exclusion.exceptions.forEach((exception, position) => {
                const never = !removed.some(c => runtime.holds(exception, c));
                expect(findings.some(f => f.kind === 'exception-never-applies' && f.exclusion === index && f.exception === position)).toBe(never);
            });
        });
    });
});
