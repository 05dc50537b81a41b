import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime } from '@regelratt/runtime';
import { errorCode } from '../packages/runtime/test/error-code.js';

/**
 * A calculation as a decision table's input (`| beräkning vårdtid |`) is judged between the bounds
 * the calculation bound analysis proves for it, not over every number: a gap at values it never
 * takes (vårdtid = besök × 0,5 with besök 0–200 is never above 100) is no gap; one it can take is,
 * with a citizen the runtime answers so.
 */
const base = `
egenskap besök_per_vecka "Omvårdnadsbesök per vecka" : heltal 0–200 besök
beräkning vårdtid "Vårdtid per vecka" = besök_per_vecka × 0,5
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

/** A table of two classes over vårdtid, the second up to `upper`. */
const classes = (upper: number) => `
beslutstabell tidsklass "Tidsklass" {
    | beräkning vårdtid || klass |
    | < 3               || 1     |
    | 3–${upper}              || 2     |
}
`;

async function gaps(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/kalk/a.regel', text: base + text }]);
    return { checked, gaps: checked.diagnostics.filter(d => d.code === 'decision-gap').map(d => d.message) };
}

describe('a calculation column judged between the calculation\'s bounds', () => {
    test('values the calculation never takes need no row', async () => {
        const { checked, gaps: found } = await gaps(classes(100));
        expect(found).toEqual([]);
        expect(checked.diagnostics.filter(d => d.severity === 'error').map(d => d.message)).toEqual([]);
    });

    test('a gap the calculation reaches is reported with a citizen the runtime answers no-matching-row', async () => {
        const { checked, gaps: found } = await gaps(classes(50));
        expect(found).toEqual([expect.stringMatching(/beräkning vårdtid > 50.*besök_per_vecka = \d+/)]);
        const visits = Number(/besök_per_vecka = (\d+)/.exec(found[0])![1]);
        const runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')))]);
        expect(Number(runtime.calculate('vårdtid', { date: '2025-01-01', citizen: { besök_per_vecka: visits } }).amount)).toBeGreaterThan(50);
        expect(errorCode(() => runtime.decide('tidsklass', { date: '2025-01-01', citizen: { besök_per_vecka: visits } }))).toBe('no-matching-row');
    });
});
