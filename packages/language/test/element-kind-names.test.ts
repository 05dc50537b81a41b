import { describe, expect, test } from 'vitest';
import { runtimeError, type RegelrattRuntimeError } from '@regelratt/runtime';
import type { ElementKind } from '@regelratt/format';
import { compiledKindName } from '../src/i18n/element-kind-names.js';

/**
 * A kind of compiled element has one name: the runtime's messages ("Policyn har ingen premie …") and
 * the language's (the diff, the document, coverage) read the same table, so the two cannot drift.
 * The names are the language's keywords where it has one (`premie`, `schablon`).
 */
const KINDS = [
    'law', 'service', 'administration', 'operation', 'unit', 'area', 'role', 'phase', 'body', 'attribute', 'parameter',
    'calculation', 'decisionTable', 'guideline', 'levelTable', 'premium', 'flatRate', 'placeRate', 'hourlyRate', 'fee',
    'pathwayModel', 'testPhase', 'pilot', 'effectGoal', 'indicator', 'example',
] satisfies ElementKind[];

function runtimeKindName(kind: ElementKind, locale: 'sv' | 'en'): string {
    const error: RegelrattRuntimeError = runtimeError('unknown-element', { kind, reference: 'x' }, {});
    const text = error.messageIn(locale);
    const found = locale === 'sv' ? /^Policyn har ingen (.+) 'x'\.$/.exec(text) : /^The policy has no (.+) 'x'\.$/.exec(text);
    return found![1];
}

describe('element kind names', () => {
    test('a premium is a premie, in the runtime\'s messages and the language\'s alike', () => {
        expect(compiledKindName('premium', 'sv')).toBe('premie');
        expect(runtimeKindName('premium', 'sv')).toBe('premie');
        expect(compiledKindName('flatRate', 'sv')).toBe('schablon');
    });

    test.each(KINDS)('%s: the runtime and the language name it alike in both languages', kind => {
        expect(compiledKindName(kind, 'sv')).toBe(runtimeKindName(kind, 'sv'));
        expect(compiledKindName(kind, 'en')).toBe(runtimeKindName(kind, 'en'));
    });
});
