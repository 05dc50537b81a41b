import type { Attribute, Criterion, Literal } from '@regelratt/format';

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
    const nested = (part: Criterion) => ('all' in part || 'any' in part ? `(${criterionSentence(part, attributes, locale, named)})` : criterionSentence(part, attributes, locale, named));
    if ('all' in criterion) {
        return criterion.all.length === 0 ? (sv ? 'alltid' : 'always') : criterion.all.map(nested).join(sv ? ' och ' : ' and ');
    }
    if ('any' in criterion) {
        return criterion.any.length === 0 ? (sv ? 'aldrig' : 'never') : criterion.any.map(nested).join(sv ? ' eller ' : ' or ');
    }
    if ('not' in criterion) {
        const inner = criterion.not;
        if ('attribute' in inner && 'test' in inner) {
            return `${title(inner.attribute, attributes)}: ${sv ? 'nej' : 'no'}`;
        }
        return `${sv ? 'inte' : 'not'} ${nested(inner)}`;
    }
    const attribute = attributes.get(criterion.attribute);
    const name = title(criterion.attribute, attributes);
    const unit = attribute && (attribute.domain.type === 'integer' || attribute.domain.type === 'decimal') && attribute.domain.unit ? ` ${attribute.domain.unit}` : attribute?.domain.type === 'money' ? ' kr' : '';
    const value = (literal: Literal) => literalText(literal, attribute, locale);
    if ('test' in criterion) {
        return `${name}: ${sv ? 'ja' : 'yes'}`;
    }
    if ('between' in criterion) {
        return sv
            ? `${name} är ${number(criterion.between.min, locale)}–${number(criterion.between.max, locale)}${unit}`
            : `${name} is ${number(criterion.between.min, locale)}–${number(criterion.between.max, locale)}${unit}`;
    }
    if ('in' in criterion) {
        const values = criterion.in.map(value);
        const last = values.pop();
        const list = values.length > 0 ? `${values.join(', ')} ${sv ? 'eller' : 'or'} ${last}` : last;
        return `${name} ${sv ? 'är' : 'is'} ${list}`;
    }
    const words = sv
        ? { '=': 'är', '!=': 'är inte', '<': 'är under', '<=': 'är högst', '>': 'är över', '>=': 'är minst' }
        : { '=': 'is', '!=': 'is not', '<': 'is under', '<=': 'is at most', '>': 'is over', '>=': 'is at least' };
    if ('against' in criterion) {
        // A named value (a parameter, another attribute) by its title.
        return `${name} ${words[criterion.against.op]} ${named?.(criterion.against.ref, criterion.attribute) ?? title(criterion.against.ref, attributes)}`;
    }
    const numeric = 'number' in criterion.value;
    return `${name} ${words[criterion.op]} ${value(criterion.value)}${numeric ? unit : ''}`;
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
