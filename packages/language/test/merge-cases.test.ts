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
});
