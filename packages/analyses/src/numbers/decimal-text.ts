import { ExactNumber } from '@regelratt/format';

/**
 * Converts a number as Swedish writers type it (`12 440`, `337,50`, with plain, no-break or narrow
 * no-break spaces between groups) to canonical decimal text (`12440`, `337.5`): a point, no group
 * separators, no leading zeros, no trailing zeros after the point. Exact: it never goes through a float.
 */
export function canonicalDecimal(text: string): string {
    // Most numbers in a policy are plain whole numbers already canonical (`2024`, `9676`, `3`): the
    // parser converts every number token, and the four replacements below were a tenth of that.
    if (isCanonicalWholeNumber(text)) {
        return text;
    }
    const compact = text.replace(/[ \u00A0\u202F]/g, '').replace(',', '.');
    const negative = compact.startsWith('-');
    const unsigned = negative ? compact.slice(1) : compact;
    const [rawInteger, rawFraction = ''] = unsigned.split('.');
    const integer = rawInteger.replace(/^0+(?=\d)/, '');
    const fraction = rawFraction.replace(/0+$/, '');
    const body = fraction ? `${integer}.${fraction}` : integer;
    return negative && body !== '0' ? `-${body}` : body;
}

/** Digits only, no leading zero unless it is the only digit. */
function isCanonicalWholeNumber(text: string): boolean {
    if (text.length === 0 || (text.length > 1 && text.charCodeAt(0) === 48 /* 0 */)) {
        return false;
    }
    for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        if (code < 48 || code > 57) {
            return false;
        }
    }
    return true;
}

/** True when canonical decimal text has no fractional part. */
export function isWholeDecimal(decimal: string): boolean {
    return !decimal.includes('.');
}

/** Writes canonical decimal text back the Swedish way for messages: `12 440`, `337,5`. */
export function swedishDecimal(decimal: string): string {
    const negative = decimal.startsWith('-');
    const [integer, fraction] = (negative ? decimal.slice(1) : decimal).split('.');
    return `${negative ? '−' : ''}${groupThousands(integer)}${fraction ? `,${fraction}` : ''}`;
}

/** Digits in groups of three from the right, by slicing: linear, where a look-ahead regular expression took quadratic time on long numbers. */
export function groupThousands(digits: string): string {
    if (digits.length <= 3) {
        return digits;
    }
    const head = digits.length % 3 || 3;
    const groups = [digits.slice(0, head)];
    for (let index = head; index < digits.length; index += 3) {
        groups.push(digits.slice(index, index + 3));
    }
    return groups.join(' ');
}

/** Orders two canonical decimals exactly: negative, zero or positive as a is less than, equal to or greater than b. */
export function compareDecimals(a: string, b: string): number {
    // Decimal text of at most 15 characters has at most 15 significant digits, which a double holds
    // exactly apart (distinct such decimals give distinct doubles, in the same order), so comparing
    // the doubles is exact; the checks of level tables compare thousands of such amounts.
    if (a.length <= 15 && b.length <= 15) {
        const difference = Number(a) - Number(b);
        return difference < 0 ? -1 : difference > 0 ? 1 : 0;
    }
    const scale = Math.max(fractionDigits(a), fractionDigits(b));
    const difference = scaled(a, scale) - scaled(b, scale);
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

function fractionDigits(decimal: string): number {
    const point = decimal.indexOf('.');
    return point < 0 ? 0 : decimal.length - point - 1;
}

function scaled(decimal: string, scale: number): bigint {
    const [integer, fraction = ''] = decimal.split('.');
    return BigInt(integer + fraction.padEnd(scale, '0'));
}

/**
 * An amount in kronor for a message, from the runtime's decimal text: exact when it has at most two
 * decimals (`−5 000 kr`, `337,50 kr`), else said to be about and shown to the öre (`cirka 2 660,05 kr`),
 * or, for an amount under an öre, to its first two significant digits (`cirka −0,0017 kr`) so it never
 * reads as zero. Swedish form, or the plain decimal in English.
 */
export function kronorText(decimal: string, locale: 'sv' | 'en'): string {
    const exact = ExactNumber.parse(decimal);
    const write = (text: string) => (locale === 'sv' ? swedishDecimal(text) : text.replace('-', '−'));
    const toPlaces = (places: number) => {
        const scale = ExactNumber.of(10n ** BigInt(places));
        return exact.multiply(scale).round({ unit: 'krona', mode: 'half-away-from-zero' }).divide(scale);
    };
    const padded = (value: ExactNumber) => {
        const [whole, part = ''] = value.toDecimal().split('.');
        return part.length < 2 ? `${whole}.${part.padEnd(2, '0')}` : `${whole}.${part}`;
    };
    if (toPlaces(2).equals(exact)) {
        return `${write(exact.isInteger() ? exact.toDecimal() : padded(exact))} kr`;
    }
    const about = locale === 'sv' ? 'cirka' : 'about';
    let places = 2;
    while (toPlaces(places).equals(ExactNumber.ZERO) && places < 12) {
        places++;
    }
    // Under an öre: one more place than the first that is not zero, two significant digits.
    return `${about} ${write(places === 2 ? padded(toPlaces(2)) : toPlaces(places + 1).toDecimal())} kr`;
}
