import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { reasonFor } from '@regelratt/document';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime } from '@regelratt/runtime';
import { errorCode } from '../packages/runtime/test/error-code.js';
import { chainedTextPolicy as policy } from './chained-text-policy.js';

/**
 * Chained decisions over text and förlopp columns: a downstream table reads an upstream's text
 * answer (`"Hemtjänst"`, `"Hemtjänst" eller "Korttidsboende"`, `-`) or its förlopp (`förlopp
 * förlopp_2`). The upstream's literal outputs are the column's values: the runtime compares the text
 * (or the förlopp's id) for equality, and the checker judges gaps and overlaps over the texts some
 * citizen actually gets.
 */

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/kedja/text.regel', text }]);
    const errors = checked.diagnostics.filter(d => d.severity === 'error');
    const compiled = errors.length === 0 ? JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'text.regel'))) : undefined;
    return { checked, errors, compiled, runtime: compiled ? new PolicyRuntime([compiled]) : undefined };
}

const on = (citizen: Record<string, unknown>) => ({ date: '2025-01-01', citizen });

describe('chained text and förlopp columns', () => {
    test('checks clean and compiles a text cell and a förlopp cell as equality with the upstream\'s value', async () => {
        const { errors, compiled, checked } = await load(policy);
        expect(errors.map(e => e.message)).toEqual([]);
        expect(checked.diagnostics.filter(d => d.code === 'decision-gap' || d.code === 'decision-overlap')).toEqual([]);
        const table = compiled.elements.find((e: { id: string }) => e.id === 'decisionTable/utförare');
        expect(table.rows[1].when[0]).toEqual({ attribute: 'decisionTable/insatsval:insatsform', op: '=', value: { enumeration: 'Särskilt boende' } });
        const follow = compiled.elements.find((e: { id: string }) => e.id === 'decisionTable/uppföljning');
        expect(follow.rows[1].when[0]).toEqual({ attribute: 'decisionTable/insatsval:förlopp', op: '=', value: { enumeration: 'pathway/förlopp_2' } });
    });

    test('the runtime decides through the upstream\'s text and förlopp', async () => {
        const { runtime } = await load(policy);
        expect(runtime!.decide('utförare', on({ ålder: 70, ensamboende: true })).outputs).toEqual({ utförare: 'Kommunen' });
        expect(runtime!.decide('utförare', on({ ålder: 85, ensamboende: true })).outputs).toEqual({ utförare: 'Boendet' });
        expect(runtime!.decide('utförare', on({ ålder: 85, ensamboende: false })).outputs).toEqual({ utförare: 'Kommunen' });
        expect(runtime!.decide('uppföljning', on({ ålder: 85, ensamboende: false })).outputs).toEqual({ intervall: '6' });
        expect(runtime!.decide('uppföljning', on({ ålder: 30, ensamboende: false })).outputs).toEqual({ intervall: '12' });
        expect(errorCode(() => runtime!.decide('utförare', on({ ensamboende: true })))).toBe('missing-attribute');
    });

    test('the reason names the upstream\'s text and förlopp as the answer read them', async () => {
        const { runtime } = await load(policy);
        const reason = reasonFor(runtime!, { type: 'decision', table: 'decisionTable/utförare', citizen: { ålder: 85, ensamboende: true }, date: '2025-01-01' }, 'sv');
        expect(reason.text).toContain('Särskilt boende');
        expect(reason.text).toContain('Boendet');
        const follow = reasonFor(runtime!, { type: 'decision', table: 'decisionTable/uppföljning', citizen: { ålder: 30, ensamboende: true }, date: '2025-01-01' }, 'sv');
        expect(follow.text).toContain('förlopp är Lätt');
        expect(follow.text).not.toContain('pathway/');
        expect(follow.text).toContain('12');
    });

    test('a text the upstream gives that no row tests is a gap, with the text and a citizen who gets it', async () => {
        const { checked } = await load(policy.replace('"Hemtjänst" eller "Dagverksamhet"', '"Hemtjänst"         '));
        const gaps = checked.diagnostics.filter(d => d.code === 'decision-gap');
        expect(gaps).toHaveLength(1);
        expect(gaps[0].message).toContain('Dagverksamhet');
        expect(gaps[0].message).toMatch(/ålder (6[5-9]|7\d)/);
    });

    test('rows testing the same text overlap, named as rows', async () => {
        const { checked } = await load(policy.replace('| "Särskilt boende"                     | nej ', '| "Särskilt boende"                     | -   '));
        expect(checked.diagnostics.filter(d => d.code === 'decision-overlap').map(d => d.message)).toEqual([expect.stringContaining('Särskilt boende')]);
    });

    test('a text the upstream never gives, or a förlopp on a text column, is a type-mismatch naming the upstream\'s texts', async () => {
        const { checked } = await load(policy.replace('"Hemtjänst" eller "Dagverksamhet"', '"Hemtjänst" eller "Hemtjanst"    '));
        const mismatch = checked.diagnostics.filter(d => d.code === 'type-mismatch');
        expect(mismatch.map(d => d.message)).toEqual([expect.stringMatching(/Hemtjanst.*|.*Hemtjanst/)]);
        expect(mismatch[0].message).toContain('"Dagverksamhet"');
        const pathway = await load(policy.replace('| förlopp förlopp_1 | -', '| "Hemtjänst"       | -'));
        expect(pathway.checked.diagnostics.filter(d => d.code === 'type-mismatch')).toHaveLength(1);
    });

    test('a text cell on a column of numbers is a type-mismatch', async () => {
        const { checked } = await load(`${policy}
beslutstabell fel {
    | ålder       || x |
    | "Hemtjänst" || 1 |
}`);
        expect(checked.diagnostics.filter(d => d.code === 'type-mismatch')).toHaveLength(1);
    });
});
