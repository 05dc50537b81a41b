import { groupThousands, itemList } from '@regelratt/analyses';
import { isCriterion, matchComparison, matchCriterion, type Attribute, type Criterion, type Literal } from '@regelratt/format';
import { inSentence } from './document-words.js';
import { unitWord } from './unit-word.js';

/**
 * A criterion as a sentence a nämnd reads, inside a sentence of its own (`För att ingå krävs att …`):
 * attributes by their titles, values by theirs, comparisons in words, a yes/no attribute as a clause
 * where its title allows (`kan inte ta sig till vårdcentralen`, `är motiverad till träning`), and
 * lists the Swedish way (`a, b och c`; `minst ett av följande: a, b eller c`).
 *
 * `named`: a named value a cell compares with (`> maxtaxa`, since format 1.11) as the answer used it,
 * title and value (`Pensionsålder (65 år)`); without it, or where it gives none, the title alone.
 */
export function criterionSentence(criterion: Criterion, attributes: ReadonlyMap<string, Attribute>, locale: 'sv' | 'en', named?: (id: string, column: string) => string | undefined): string {
    const sv = locale === 'sv';
    const nested = (part: Criterion) => (isCriterion(part, 'all') || isCriterion(part, 'any') ? `(${criterionSentence(part, attributes, locale, named)})` : criterionSentence(part, attributes, locale, named));
    const leaf = (c: Leaf) => leafSentence(c, attributes, locale, named);
    // Three or more alternatives are announced, so the reader does not take the list's commas for `och`.
    const alternatives = (parts: readonly Criterion[], lead: [string, string]) => `${parts.length > 2 ? `${sv ? lead[0] : lead[1]}: ` : ''}${itemList(parts.map(nested), locale, 'or')}`;
    return matchCriterion<string>(criterion, {
        all: ({ all }) => (all.length === 0 ? (sv ? 'alltid' : 'always') : itemList(all.map(nested), locale)),
        any: ({ any }) => (any.length === 0 ? (sv ? 'aldrig' : 'never') : alternatives(any, ['minst ett av följande', 'at least one of the following'])),
        not: ({ not: inner }) => (isCriterion(inner, 'test') ? yesNoClause(title(inner.attribute, attributes), false, locale)
            : isCriterion(inner, 'any') && inner.any.length > 2 ? `${sv ? 'inget av följande' : 'none of the following'}: ${itemList(inner.any.map(nested), locale, 'or')}`
                : `${sv ? 'inte' : 'not'} ${nested(inner)}`),
        test: leaf,
        op: leaf,
        in: leaf,
        between: leaf,
        against: leaf,
    });
}

/**
 * First words of a yes/no attribute's title that make it a clause by themselves: a finite verb
 * (`Kan ta sig till vårdcentralen`, negated after the verb) or a participle or adjective said with
 * `är` (`Motiverad till träning`). A whitelist, not a guess from endings: `Kostnad …` and `Månad …`
 * end like participles. Any other title keeps `<titel>: ja/nej`, which is always correct.
 */
const CLAUSE_VERBS = new Set([
    'kan', 'har', 'är', 'bor', 'får', 'ska', 'vill', 'behöver', 'saknar', 'uppbär', 'vårdar', 'tar', 'går', 'lever', 'arbetar', 'studerar', 'deltar',
    'klarar', 'äger', 'önskar', 'söker', 'bedöms', 'dominerar', 'hade', 'var', 'fick', 'bodde', 'beviljades',
]);
const CLAUSE_ADJECTIVES = new Set(['gift', 'ogift', 'sambo', 'ensamstående', 'sammanboende', 'folkbokförd', 'godkänd', 'bosatt', 'beviljad', 'motiverad', 'anställd', 'arbetslös', 'sjukskriven', 'inskriven', 'placerad', 'registrerad']);

/**
 * A yes/no attribute said true or false, from its title: `kan ta sig till vårdcentralen`, `kan inte
 * ta sig till vårdcentralen`, `är inte motiverad till träning`; otherwise `kognitiv svikt: nej`. The
 * titles are the policy's, in Swedish, so English keeps the title with `yes`/`no`: turning a Swedish
 * clause into an English one would need an English title the policy does not have.
 */
export function yesNoClause(title: string, holds: boolean, locale: 'sv' | 'en'): string {
    // An English sentence keeps the Swedish title as written, as a name.
    const phrase = locale === 'sv' ? inSentence(title) : title;
    const first = /^[\p{L}]+/u.exec(phrase)?.[0] ?? '';
    // Only a title whose first word was lower-cased (not an abbreviation or a name) is a clause.
    const lowered = first !== '' && first !== title.slice(0, first.length);
    if (locale === 'sv' && lowered && CLAUSE_VERBS.has(first)) {
        return holds ? phrase : `${first} inte${phrase.slice(first.length)}`;
    }
    // A whole clause, subject and verb (`Missbruk är det huvudsakliga problemet`): every sentence it is
    // said in is subordinate (`när`, `att`, `eftersom`), so `inte` goes before the verb.
    const subjectVerb = /^([\p{L}]+) ([\p{L}]+)/u.exec(phrase);
    if (locale === 'sv' && lowered && subjectVerb && CLAUSE_VERBS.has(subjectVerb[2])) {
        return holds ? phrase : `${subjectVerb[1]} inte${phrase.slice(subjectVerb[1].length)}`;
    }
    if (locale === 'sv' && lowered && CLAUSE_ADJECTIVES.has(first)) {
        return holds ? `är ${phrase}` : `är inte ${phrase}`;
    }
    return `${phrase}: ${holds ? (locale === 'sv' ? 'ja' : 'yes') : (locale === 'sv' ? 'nej' : 'no')}`;
}

/** A criterion whose enumeration values are written as words (`avlösning sol`, not `avlösning_sol`): the sentence names no identifier. */
export function readableValues(criterion: Criterion, titleOf: (attribute: string, value: string) => string | undefined): Criterion {
    const titled = (value: Literal): Literal | undefined => {
        const title = 'enumeration' in value && 'attribute' in criterion ? titleOf(criterion.attribute, value.enumeration) : undefined;
        return title === undefined ? undefined : { enumeration: title };
    };
    const literal = (value: Literal): Literal => titled(value) ?? ('enumeration' in value && value.enumeration.includes('_') ? { enumeration: value.enumeration.replace(/_/g, ' ') } : value);
    const nested = (inner: Criterion) => readableValues(inner, titleOf);
    const unchanged = (c: Criterion) => c;
    return matchCriterion<Criterion>(criterion, {
        all: c => ({ all: c.all.map(nested) }),
        any: c => ({ any: c.any.map(nested) }),
        not: c => ({ not: nested(c.not) }),
        in: c => ({ ...c, in: c.in.map(literal) }),
        op: c => ({ ...c, value: literal(c.value) }),
        test: unchanged,
        between: unchanged,
        against: unchanged,
    });
}

/** A criterion on one attribute: no parts. */
type Leaf = Exclude<Criterion, { all: Criterion[] } | { any: Criterion[] } | { not: Criterion }>;

function leafSentence(criterion: Leaf, attributes: ReadonlyMap<string, Attribute>, locale: 'sv' | 'en', named?: (id: string, column: string) => string | undefined): string {
    const sv = locale === 'sv';
    const attribute = attributes.get(criterion.attribute);
    const name = sv ? inSentence(title(criterion.attribute, attributes)) : title(criterion.attribute, attributes);
    const unitAfter = (amount: string) => (attribute && (attribute.domain.type === 'integer' || attribute.domain.type === 'decimal') && attribute.domain.unit ? `\u00a0${unitWord(attribute.domain.unit, amount)}` : attribute?.domain.type === 'money' ? '\u00a0kr' : '');
    const value = (literal: Literal) => literalText(literal, attribute, locale);
    const words = sv
        ? { '=': 'är', '!=': 'är inte', '<': 'är under', '<=': 'är högst', '>': 'är över', '>=': 'är minst' }
        : { '=': 'is', '!=': 'is not', '<': 'is under', '<=': 'is at most', '>': 'is over', '>=': 'is at least' };
    if (isCriterion(criterion, 'against')) {
        // A named value (a parameter, another attribute) by its title.
        return `${name} ${words[criterion.against.op]} ${named?.(criterion.against.ref, criterion.attribute) ?? title(criterion.against.ref, attributes)}`;
    }
    return matchComparison<string>(criterion, {
        test: () => yesNoClause(title(criterion.attribute, attributes), true, locale),
        between: ({ between }) => (sv
            ? `${name} är ${number(between.min, locale)}–${number(between.max, locale)}${unitAfter(between.max)}`
            : `${name} is ${number(between.min, locale)}–${number(between.max, locale)}${unitAfter(between.max)}`),
        in: c => `${name} ${sv ? 'är' : 'is'} ${itemList(c.in.map(value), locale, 'or')}`,
        op: c => `${name} ${words[c.op]} ${value(c.value)}${'number' in c.value ? unitAfter(c.value.number) : ''}`,
    });
}

function title(id: string, attributes: ReadonlyMap<string, Attribute>): string {
    const attribute = attributes.get(id);
    return attribute?.title ?? attribute?.name ?? id.slice(id.indexOf('/') + 1);
}

function literalText(literal: Literal, attribute: Attribute | undefined, locale: 'sv' | 'en'): string {
    if ('boolean' in literal) {
        return literal.boolean ? (locale === 'sv' ? 'ja' : 'yes') : (locale === 'sv' ? 'nej' : 'no');
    }
    if ('enumeration' in literal) {
        // The value's name is what case workers record; its title (a sentence) is in the attribute's table.
        return literal.enumeration;
    }
    if ('date' in literal) {
        return literal.date;
    }
    void attribute;
    return number(literal.number, locale);
}

/** A decimal as the reader writes it: `2 037`, `337,50` in Swedish (no-break spaces), `2,037` in English; digit groups by analyses' groupThousands. */
export function number(decimal: string, locale: 'sv' | 'en'): string {
    const negative = decimal.startsWith('-');
    const [whole, fraction] = decimal.replace('-', '').split('.');
    const sv = locale === 'sv';
    const text = `${groupThousands(whole).replace(/ /g, sv ? '\u00a0' : ',')}${fraction ? `${sv ? ',' : '.'}${fraction}` : ''}`;
    return negative ? `${sv ? '−' : '-'}${text}` : text;
}
