import { isCriterion, matchComparison, matchCriterion, type Attribute, type Criterion, type Literal } from '@regelratt/format';
import { unitWord } from './unit-word.js';

/**
 * A criterion as a sentence a nämnd reads: attributes by their titles, values by theirs, comparisons
 * in words (`Ålder är minst 65 år och Kognitiv svikt: nej`), rather than in the policy's syntax.
 */
/**
 * `named`: a named value a cell compares with (`> maxtaxa`, since format 1.11) as the answer used it,
 * title and value (`Pensionsålder (65 år)`); without it, or where it gives none, the title alone.
 */
export function criterionSentence(criterion: Criterion, attributes: ReadonlyMap<string, Attribute>, locale: 'sv' | 'en', named?: (id: string, column: string) => string | undefined): string {
    const sv = locale === 'sv';
    const nested = (part: Criterion) => (isCriterion(part, 'all') || isCriterion(part, 'any') ? `(${criterionSentence(part, attributes, locale, named)})` : criterionSentence(part, attributes, locale, named));
    const leaf = (c: Leaf) => leafSentence(c, attributes, locale, named);
    return matchCriterion<string>(criterion, {
        all: ({ all }) => (all.length === 0 ? (sv ? 'alltid' : 'always') : all.map(nested).join(sv ? ' och ' : ' and ')),
        any: ({ any }) => (any.length === 0 ? (sv ? 'aldrig' : 'never') : any.map(nested).join(sv ? ' eller ' : ' or ')),
        not: ({ not: inner }) => (isCriterion(inner, 'test') ? `${title(inner.attribute, attributes)}: ${sv ? 'nej' : 'no'}` : `${sv ? 'inte' : 'not'} ${nested(inner)}`),
        test: leaf,
        op: leaf,
        in: leaf,
        between: leaf,
        against: leaf,
    });
}

/** A criterion on one attribute: no parts. */
type Leaf = Exclude<Criterion, { all: Criterion[] } | { any: Criterion[] } | { not: Criterion }>;

function leafSentence(criterion: Leaf, attributes: ReadonlyMap<string, Attribute>, locale: 'sv' | 'en', named?: (id: string, column: string) => string | undefined): string {
    const sv = locale === 'sv';
    const attribute = attributes.get(criterion.attribute);
    const name = title(criterion.attribute, attributes);
    const unitAfter = (amount: string) => (attribute && (attribute.domain.type === 'integer' || attribute.domain.type === 'decimal') && attribute.domain.unit ? ` ${unitWord(attribute.domain.unit, amount)}` : attribute?.domain.type === 'money' ? ' kr' : '');
    const value = (literal: Literal) => literalText(literal, attribute, locale);
    const words = sv
        ? { '=': 'är', '!=': 'är inte', '<': 'är under', '<=': 'är högst', '>': 'är över', '>=': 'är minst' }
        : { '=': 'is', '!=': 'is not', '<': 'is under', '<=': 'is at most', '>': 'is over', '>=': 'is at least' };
    if (isCriterion(criterion, 'against')) {
        // A named value (a parameter, another attribute) by its title.
        return `${name} ${words[criterion.against.op]} ${named?.(criterion.against.ref, criterion.attribute) ?? title(criterion.against.ref, attributes)}`;
    }
    return matchComparison<string>(criterion, {
        test: () => `${name}: ${sv ? 'ja' : 'yes'}`,
        between: ({ between }) => (sv
            ? `${name} är ${number(between.min, locale)}–${number(between.max, locale)}${unitAfter(between.max)}`
            : `${name} is ${number(between.min, locale)}–${number(between.max, locale)}${unitAfter(between.max)}`),
        in: c => {
            const values = c.in.map(value);
            const last = values.pop();
            const list = values.length > 0 ? `${values.join(', ')} ${sv ? 'eller' : 'or'} ${last}` : last;
            return `${name} ${sv ? 'är' : 'is'} ${list}`;
        },
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

/** A decimal as the reader writes it: `2 037`, `337,50` in Swedish. */
export function number(decimal: string, locale: 'sv' | 'en'): string {
    const negative = decimal.startsWith('-');
    const [whole, fraction] = decimal.replace('-', '').split('.');
    const groups: string[] = [];
    for (let end = whole.length; end > 0; end -= 3) {
        groups.unshift(whole.slice(Math.max(0, end - 3), end));
    }
    const separator = locale === 'sv' ? '\u00a0' : ',';
    const text = `${groups.join(separator)}${fraction ? `${locale === 'sv' ? ',' : '.'}${fraction}` : ''}`;
    return negative ? `${locale === 'sv' ? '−' : '-'}${text}` : text;
}
