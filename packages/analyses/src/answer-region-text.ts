import { ExactNumber, LEVEL_INPUT, type Attribute } from '@regelratt/format';
import type { PolicyRuntime } from '@regelratt/runtime';
import type { MessageLocale } from './i18n/locale.js';
import { swedishDecimal } from './numbers/decimal-text.js';
import { isoDateOfDay, type AnalysedAttribute } from './attribute-domain.js';
import { analysedFromCompiled, levelAttribute } from './compiled-attributes.js';
import { DATE_INPUT, exactText, parseExact, type AnswerRegion, type RegionChange } from './answer-regions.js';
import type { AmountRegion, RegionBound } from './diff-model.js';
import { describeCase } from './witness-text.js';

/**
 * The exact regions of an amount's change for people and tools: each box in words with the
 * attributes' titles and the locale's figures (`Har städning = ja, Levererade matportioner 0–28
 * portioner`), the change (`+17`, `+302 − 10 × Levererade matportioner (+2 till +12)`), one example
 * citizen, and the box and change as exact decimal text for JSON.
 */
export function regionsInWords(
    regions: readonly AnswerRegion[], after: PolicyRuntime, before: PolicyRuntime, locale: MessageLocale,
    amounts?: (value: ExactNumber, signed?: boolean) => string,
): AmountRegion[] {
    const attributes = new Map<string, Attribute>();
    for (const runtime of [before, after]) {
        runtime.policy.all('attribute').forEach(a => attributes.set(a.id, a));
    }
    const sv = locale === 'sv';
    // For the words, each attribute named by its title; for the box, by its name.
    const titled = new Map<string, AnalysedAttribute>();
    for (const [id, attribute] of attributes) {
        titled.set(id, { ...analysedFromCompiled(attribute), name: attribute.title ?? attribute.name });
    }
    titled.set(LEVEL_INPUT, { ...levelAttribute(), name: sv ? 'nivå' : 'level' });
    titled.set(DATE_INPUT, { id: DATE_INPUT, name: sv ? 'datum' : 'date', domain: { kind: 'date' } });
    const figure = (value: ExactNumber | string) => {
        const text = typeof value === 'string' ? value : exactText(value);
        return sv && /^-?\d/.test(text) ? swedishDecimal(text) : text;
    };
    const factor = (value: ExactNumber) => `${value.compare(ExactNumber.ZERO) < 0 ? '−' : '+'}${figure(value.compare(ExactNumber.ZERO) < 0 ? value.negate() : value)}`;
    // For people (amounts given), the answer's amounts as reasons say them; a formula's factors stay exact.
    const signed = amounts ? (value: ExactNumber) => amounts(value, true) : factor;
    const nameOf = (id: string) => (id === DATE_INPUT ? 'datum' : id === LEVEL_INPUT ? 'nivå' : attributes.get(id)?.name ?? id);

    return regions.map(region => {
        const box: RegionBound[] = [...region.box].map(([id, bound]) => {
            const attribute = attributes.get(id);
            const entry: RegionBound = { attribute: nameOf(id), ...(attribute?.title ? { title: attribute.title } : {}) };
            if (bound.kind === 'value') {
                return { ...entry, value: bound.value };
            }
            if (bound.kind === 'values') {
                return { ...entry, values: bound.values };
            }
            const show = (value: ExactNumber) => (id === DATE_INPUT || attribute?.domain.type === 'date' ? isoDateOfDay(value) : exactText(value));
            return {
                ...entry,
                ...(bound.lo ? { from: show(bound.lo), fromIncluded: bound.loClosed } : {}),
                ...(bound.hi ? { to: show(bound.hi), toIncluded: bound.hiClosed } : {}),
            };
        });
        const text = describeCase({ assignment: region.box, verdicts: [] }, titled, locale).text;
        const { example } = region;
        const words = (value: string | boolean) => (typeof value === 'boolean' ? (value ? (sv ? 'ja' : 'yes') : (sv ? 'nej' : 'no')) : figure(value));
        const answer = (value: string) => (value.startsWith('fel') ? value : amounts && /^-?\d/.test(value) ? amounts(ExactNumber.parse(value)) : figure(value));
        const reached = region.until ? after.policy.find(region.until) ?? before.policy.find(region.until) : undefined;
        const until = reached ? reached.title ?? reached.name : undefined;
        return {
            text,
            box,
            changeText: `${changeInWords(region.change, id => titled.get(id)?.name ?? id, signed, factor, answer, locale)}${until ? (sv ? `, tills ${until} nås` : `, until ${until} is reached`) : ''}`,
            ...(until ? { until } : {}),
            change: region.change.kind === 'affine'
                ? { ...region.change, terms: region.change.terms.map(t => ({ ...t, attribute: nameOf(t.attribute) })) }
                : region.change,
            example: {
                citizen: Object.entries(example.citizen).map(([name, value]) => `${name} = ${words(value)}`).join(', '),
                date: example.date, ...(example.level !== undefined ? { level: example.level } : {}),
                before: answer(example.before), after: answer(example.after),
                ...(example.difference !== undefined ? { difference: signed(ExactNumber.parse(example.difference)) } : {}),
            },
            citizen: example.citizen,
        };
    });
}

function changeInWords(
    change: RegionChange, title: (id: string) => string, signed: (value: ExactNumber) => string,
    factor: (value: ExactNumber) => string, answer: (value: string) => string, locale: MessageLocale,
): string {
    switch (change.kind) {
        case 'constant':
            return signed(ExactNumber.parse(change.difference));
        case 'answer':
            return `${answer(change.before)} → ${answer(change.after)}`;
        case 'affine': {
            const constant = parseExact(change.constant);
            const parts = [...(constant.equals(ExactNumber.ZERO) ? [] : [signed(constant)]),
                ...change.terms.map(t => `${factor(parseExact(t.coefficient))} × ${title(t.attribute)}`)];
            const range = change.min !== undefined && change.max !== undefined
                ? ` (${signed(parseExact(change.min))} ${locale === 'sv' ? 'till' : 'to'} ${signed(parseExact(change.max))})` : '';
            return `${parts.join(' ')}${range}`;
        }
    }
}
