import { describe, expect, test } from 'vitest';
import { criterionSentence } from '@regelratt/document';
import type { Attribute, Criterion } from '@regelratt/format';

/**
 * Criteria as Swedish sentences, built from the attributes' titles and types alone: a yes/no title
 * that starts with a verb or a participle becomes a clause, any other keeps `<titel>: ja/nej`; lists
 * as `a, b och c`; three or more alternatives announced.
 */
const source = { file: 'a.regel', line: 1, column: 1 } as unknown as Attribute['source'];
const yesNo = (name: string, title: string): Attribute => ({ id: `attribute/${name}`, kind: 'attribute', name, title, domain: { type: 'boolean' }, source });
const attributes = new Map([
    yesNo('vc', 'Kan ta sig till vårdcentralen'),
    yesNo('motiverad', 'Motiverad till träning'),
    yesNo('svikt', 'Kognitiv svikt'),
    yesNo('sgi', 'SGI finns'),
    yesNo('missbruk', 'Missbruk är det huvudsakliga problemet'),
    yesNo('kostnad', 'Kostnad för resor'),
    { id: 'attribute/ålder', kind: 'attribute', name: 'ålder', title: 'Ålder', domain: { type: 'integer', min: '0', max: '120', unit: 'år' }, source } satisfies Attribute,
].map(a => [a.id, a] as const));
const sv = (criterion: Criterion) => criterionSentence(criterion, attributes, 'sv').replace(/\u00a0/g, ' ');

describe('criteria as sentences', () => {
    test('a yes/no attribute as a clause where its title starts with a verb or a participle, negated in place', () => {
        expect(sv({ attribute: 'attribute/vc', test: true })).toBe('kan ta sig till vårdcentralen');
        expect(sv({ not: { attribute: 'attribute/vc', test: true } })).toBe('kan inte ta sig till vårdcentralen');
        expect(sv({ not: { attribute: 'attribute/motiverad', test: true } })).toBe('är inte motiverad till träning');
        // Subject and verb: `inte` before the verb, as the subordinate sentences (`när`, `att`) have it.
        expect(sv({ not: { attribute: 'attribute/missbruk', test: true } })).toBe('missbruk inte är det huvudsakliga problemet');
    });

    test('other titles keep the safe form: a noun, an abbreviation, a noun that ends like a participle', () => {
        expect(sv({ not: { attribute: 'attribute/svikt', test: true } })).toBe('kognitiv svikt: nej');
        expect(sv({ attribute: 'attribute/sgi', test: true })).toBe('SGI finns: ja');
        expect(sv({ attribute: 'attribute/kostnad', test: true })).toBe('kostnad för resor: ja');
        expect(criterionSentence({ not: { attribute: 'attribute/vc', test: true } }, attributes, 'en')).toBe('Kan ta sig till vårdcentralen: no');
    });

    test('lists: all as `a, b och c`, three alternatives announced, none of three as `inget av följande`', () => {
        const three: Criterion[] = [{ attribute: 'attribute/ålder', op: '>', value: { number: '65' } }, { attribute: 'attribute/vc', test: true }, { attribute: 'attribute/motiverad', test: true }];
        expect(sv({ all: three })).toBe('ålder är över 65 år, kan ta sig till vårdcentralen och är motiverad till träning');
        expect(sv({ any: three })).toBe('minst ett av följande: ålder är över 65 år, kan ta sig till vårdcentralen eller är motiverad till träning');
        expect(sv({ any: three.slice(1) })).toBe('kan ta sig till vårdcentralen eller är motiverad till träning');
        expect(sv({ not: { any: three } })).toBe('inget av följande: ålder är över 65 år, kan ta sig till vårdcentralen eller är motiverad till träning');
        expect(criterionSentence({ all: three }, attributes, 'en').replace(/\u00a0/g, ' ')).toBe('Ålder is over 65 år, Kan ta sig till vårdcentralen: yes and Motiverad till träning: yes');
    });
});
