import { describe, expect, test } from 'vitest';
import { reasonFor } from '@regelratt/document';
import { PolicyRuntime } from '@regelratt/runtime';
import { file } from '../packages/runtime/test/duties-fixture.js';

/** The reason for a deadline question: the terms as rule lines, and the facts the conditions read, as far as the runtime read them. */
const runtime = new PolicyRuntime([file]);

describe('the reason for a deadline question', () => {
    test('an obligation whose condition fails: its exceptions are not asked, so a citizen need not give them', () => {
        const reason = reasonFor(runtime, { type: 'deadline', event: 'ansökan', eventDate: '2026-03-02', citizen: { första: false } }, 'sv');
        expect(reason.decision).toBe('Efter ansökan 2026-03-02 löper 2 frister.');
        expect(reason.rule).toContain('Erbjuda gäller inte: villkoret är inte uppfyllt.');
        expect(reason.rule).toContain('Besluta (ska): Ansökan beslutas: senast 2026-03-30.');
    });
    test('an exception that held is named, and the facts that decided', () => {
        const reason = reasonFor(runtime, { type: 'deadline', event: 'ansökan', eventDate: '2026-03-02', citizen: { första: true, kognitiv: true } }, 'en');
        expect(reason.rule).toContain('Erbjuda does not apply: exception 1 (Inte vid kognitiv svikt) is met.');
        expect(reason.facts.length).toBe(2);
        const usual = reasonFor(runtime, { type: 'deadline', event: 'ansökan', eventDate: '2026-03-02', citizen: { första: true, kognitiv: false } }, 'sv');
        expect(usual.rule).toContain('Erbjuda (ska i regel): Rehabilitering erbjuds: senast 2026-03-16.');
    });
});
