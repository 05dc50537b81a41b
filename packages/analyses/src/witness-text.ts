import { ExactNumber } from '@regelratt/format';
import type { MessageLocale } from './i18n/locale.js';
import { swedishDecimal } from './numbers/decimal-text.js';
import { isoDateOfDay, type AnalysedAttribute } from './attribute-domain.js';
import type { Case } from './case-split.js';
import { partitionDomain, representative, type Region } from './regions.js';
import type { CaseLabels, Witness } from './diff-model.js';

export type { CaseLabels, Witness };

/**
 * `complete`: attributes the example gives a value for even where the case leaves them free (any of
 * their values will do), so that the runtime can answer the example as it stands.
 */

export function describeCase(found: Case, attributes: ReadonlyMap<string, AnalysedAttribute>, locale: MessageLocale, complete: readonly string[] = [], labels?: CaseLabels): Witness {
    const parts: string[] = [];
    const example: Record<string, string> = {};
    for (const [id, region] of found.assignment) {
        const attribute = attributes.get(id)!;
        const isDate = attribute.domain.kind === 'date';
        const unit = attribute.domain.kind === 'integer' || attribute.domain.kind === 'decimal' ? attribute.domain.unit : undefined;
        const label = (value: string | boolean) => (typeof value === 'string' ? labels?.value(id, value) ?? value : value);
        const shown = region.kind === 'value' ? { ...region, value: label(region.value) }
            : region.kind === 'values' ? { ...region, values: region.values.map(label) } : region;
        parts.push(describeRegion(labels?.attribute(id) ?? attribute.name, shown, isDate, unit, locale));
        example[attribute.name] = valueText(representative(region), isDate, 'sv');
    }
    for (const id of complete) {
        const attribute = attributes.get(id);
        if (attribute && !found.assignment.has(id)) {
            example[attribute.name] = valueText(representative(partitionDomain(attribute.domain, [])[0]), attribute.domain.kind === 'date', 'sv');
        }
    }
    const text = parts.length > 0 ? parts.join(', ') : locale === 'sv' ? 'alla medborgare' : 'every citizen';
    return { text, example };
}

function valueText(value: string | boolean | ExactNumber, isDate: boolean, locale: MessageLocale): string {
    if (typeof value === 'boolean') {
        return value ? (locale === 'sv' ? 'ja' : 'yes') : (locale === 'sv' ? 'nej' : 'no');
    }
    if (typeof value === 'string') {
        return value;
    }
    if (isDate) {
        return isoDateOfDay(value);
    }
    return locale === 'sv' ? swedishDecimal(value.toDecimal(4)) : value.toDecimal(4);
}

function describeRegion(name: string, region: Region, isDate: boolean, unit: string | undefined, locale: MessageLocale): string {
    if (region.kind === 'value') {
        return `${name} = ${valueText(region.value, false, locale)}`;
    }
    if (region.kind === 'values') {
        return `${name} i { ${region.values.map(value => valueText(value, false, locale)).join(', ')} }`;
    }
    const show = (value: ExactNumber) => valueText(value, isDate, locale);
    const withUnit = (text: string) => (unit && !isDate ? `${text} ${unit}` : text);
    const { lo, hi } = region;
    if (lo && hi && lo.equals(hi)) {
        return `${name} = ${withUnit(show(lo))}`;
    }
    if (region.discrete && lo && hi) {
        return `${name} ${withUnit(`${show(lo)}–${show(hi)}`)}`;
    }
    const lower = lo ? `${region.loClosed ? '≥' : '>'} ${show(lo)}` : undefined;
    const upper = hi ? `${region.hiClosed ? '≤' : '<'} ${show(hi)}` : undefined;
    if (lower && upper) {
        return `${name} ${lower} ${locale === 'sv' ? 'och' : 'and'} ${withUnit(upper)}`;
    }
    if (lower || upper) {
        return `${name} ${withUnit((lower ?? upper)!)}`;
    }
    return `${name} ${locale === 'sv' ? 'valfri' : 'any'}`;
}

/**
 * Where a split that ran out of budget stopped, in words: the region of the first attribute it had
 * split (the outermost slab, every citizen of which is unfinished), or undefined when it had split none.
 */
export function unfinishedPart(unfinished: ReadonlyMap<string, Region> | undefined, attributes: ReadonlyMap<string, AnalysedAttribute>, locale: MessageLocale): string | undefined {
    const first = unfinished ? [...unfinished][0] : undefined;
    return first ? describeCase({ assignment: new Map([first]), verdicts: [] }, attributes, locale).text : undefined;
}

/** The case as a criterion in Regelrätt syntax (`aktivitetsförmåga = nedsatt och ålder i 18–120`), for quick fixes. */
export function caseAsCriterion(found: Case, attributes: ReadonlyMap<string, AnalysedAttribute>): string {
    const parts: string[] = [];
    for (const [id, region] of found.assignment) {
        const attribute = attributes.get(id)!;
        const name = attribute.name;
        const isDate = attribute.domain.kind === 'date';
        const literal = (value: ExactNumber) => (isDate ? isoDateOfDay(value) : swedishDecimal(value.toDecimal()).replace('−', '-'));
        if (region.kind === 'value') {
            parts.push(typeof region.value === 'boolean' ? (region.value ? name : `inte ${name}`) : `${name} = ${region.value}`);
            continue;
        }
        if (region.kind === 'values') {
            parts.push(`${name} i { ${region.values.join(', ')} }`);
            continue;
        }
        const { lo, hi } = region;
        if (lo && hi && lo.equals(hi)) {
            parts.push(`${name} = ${literal(lo)}`);
        } else if (region.discrete && lo && hi && !isDate) {
            parts.push(`${name} i ${literal(lo)}–${literal(hi)}`);
        } else {
            if (lo) {
                parts.push(`${name} ${region.loClosed ? '>=' : '>'} ${literal(lo)}`);
            }
            if (hi) {
                parts.push(`${name} ${region.hiClosed ? '<=' : '<'} ${literal(hi)}`);
            }
        }
    }
    return parts.join(' och ');
}
