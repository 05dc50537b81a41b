import { describe, expect, test } from 'vitest';
import { diagnosticsOf } from './check-text.js';

describe('findings as few and as large as they allow', () => {
    test('a gap the case split cut in three by age is reported once, over every age (so without age: any age)', async () => {
        const text = [
            'egenskap ålder : heltal 0–120 år',
            'egenskap svikt : ja/nej',
            'förloppsmodell m {',
            '    förlopp a { när ålder < 30 och svikt }',
            '    förlopp b { när ålder >= 30 och ålder < 65 och svikt }',
            '    förlopp c { när ålder >= 65 och svikt }',
            '}',
        ].join('\n');
        const gaps = (await diagnosticsOf(text)).filter(d => d.code === 'pathway-gap');
        expect(gaps.map(g => g.message)).toEqual(['Inget förlopp gäller för: svikt = nej.']);
    });

    test('regions that do not touch stay apart', async () => {
        const text = [
            'egenskap ålder : heltal 0–120 år',
            'förloppsmodell m {',
            '    förlopp a { när ålder < 18 }',
            '    förlopp b { när ålder = 40 }',
            '    förlopp c { när ålder > 65 }',
            '}',
        ].join('\n');
        const gaps = (await diagnosticsOf(text)).filter(d => d.code === 'pathway-gap');
        expect(gaps.map(g => g.message)).toEqual([
            'Inget förlopp gäller för: ålder 18–39 år.',
            'Inget förlopp gäller för: ålder 41–65 år.',
        ]);
    });

    test('a gap over several values of a choice, but not all, is one region with the set of them', async () => {
        // The split cuts `förmåga` into its four values; the gap is `låg` and `ingen` under `svikt`, one box
        // once a choice's values may be joined although they have no order.
        const text = [
            'egenskap förmåga : en av { hög, låg, medel, ingen }',
            'egenskap svikt : ja/nej',
            'förloppsmodell m {',
            '    förlopp a { när förmåga i { hög, medel } }',
            '    förlopp b { när förmåga i { låg, ingen } och inte svikt }',
            '}',
        ].join('\n');
        const gaps = (await diagnosticsOf(text)).filter(d => d.code === 'pathway-gap');
        expect(gaps.map(g => g.message)).toEqual(['Inget förlopp gäller för: förmåga i { låg, ingen }, svikt = ja.']);
        // The quick fix's criterion says the same set.
        expect(gaps[0].args.criterion).toBe('förmåga i { låg, ingen } och svikt');
    });

    test('a maximal box the others of the finding already cover together is not reported', async () => {
        // Around the corners of two rows, growing each piece as far as it goes leaves `k3 = v1`,
        // whose citizens `k1 = 0, k3 i { v0, v1 }` and `k1 1–3, k3 i { v1, v2 }` hold between them.
        const text = [
            'egenskap k0 : en av { v0, v1 }',
            'egenskap k1 : heltal 0–3',
            'egenskap k3 : en av { v0, v1, v2 }',
            'beslutstabell t {',
            '    | k0 | k1 | k3 || rad |',
            '    | v1 | 0  | v2 || 1   |',
            '    | v1 | 1  | v0 || 2   |',
            '}',
        ].join('\n');
        const gaps = (await diagnosticsOf(text)).filter(d => d.code === 'decision-gap');
        expect(gaps.map(g => g.message.replace(/^.*gäller för: /, ''))).toEqual([
            'k0 = v0.',
            'k1 = 0, k3 i { v0, v1 }.',
            'k1 1–3, k3 i { v1, v2 }.',
            'k1 2–3.',
        ]);
    });
});
