import { answerUnitText, ExactNumber, type AnswerUnit, type ExampleExpectation } from '@regelratt/format';
import { expectedFieldHolds, type ExampleResult } from '@regelratt/runtime';
import type { MessageArgs } from './diagnostic-catalogue.js';
import { swedishDecimal } from '@regelratt/analyses';
import type { MessageLocale } from '@regelratt/analyses';

/** What each expectation of an inline example is called, keyed by the format's own fields. */
const labels: Record<keyof ExampleExpectation, { sv: string; en: string }> = {
    pathway: { sv: 'förlopp', en: 'pathway' },
    secondary: { sv: 'sekundärt förlopp', en: 'secondary pathway' },
    included: { sv: 'ingår', en: 'included' },
    granted: { sv: 'beviljas', en: 'granted' },
    amount: { sv: 'belopp', en: 'amount' },
    monthly: { sv: 'per månad', en: 'per month' },
    total: { sv: 'totalt', en: 'total' },
    error: { sv: 'fel', en: 'error' },
    text: { sv: 'text', en: 'text' },
    yesNo: { sv: 'ja/nej', en: 'yes/no' },
    list: { sv: 'lista', en: 'list' },
    date: { sv: 'datum', en: 'date' },
};

/** A value of an expectation as a reader writes it: `9 676 kr`, `12 h/mån`, `70 %`, `ja`, a förlopp's name. */
function shown(value: unknown, locale: MessageLocale, unit: AnswerUnit | undefined): string {
    const sv = locale === 'sv';
    if (value === null || value === undefined) {
        return sv ? 'inget' : 'none';
    }
    if (typeof value === 'boolean') {
        return value ? (sv ? 'ja' : 'yes') : (sv ? 'nej' : 'no');
    }
    const text = String(value);
    if (/^-?\d+(\.\d+)?$/.test(text)) {
        // A share is answered as a fraction (0.7) and written as per cent (70 %).
        const number = unit?.of === '%' ? ExactNumber.parse(text).multiply(ExactNumber.of(100n)).toDecimal() : text;
        const written = swedishDecimal(number);
        const suffix = answerUnitText(unit);
        return `${sv ? written : written.replace(',', '.')}${suffix ? ` ${suffix}` : ''}`;
    }
    return text.includes('/') ? text.split('/')[1] : text;
}

/**
 * A value of one expectation: a decision column's text quoted as the policy writes it, a list as its
 * items in brackets (`["trygghetslarm", "dagverksamhet"]`, `[]` for none), the others by `shown`.
 */
function shownAs(key: keyof ExampleExpectation, value: unknown, locale: MessageLocale, unit: AnswerUnit | undefined): string {
    if (key === 'list' && Array.isArray(value)) {
        return `[${(value as ExampleExpectation[]).map(item => (Object.keys(item) as Array<keyof ExampleExpectation>)
            .map(field => shownAs(field, item[field], locale, unit)).join(' ')).join(', ')}]`;
    }
    return key === 'text' && typeof value === 'string' ? JSON.stringify(value) : shown(value, locale, unitOf(key, unit));
}

/** A net effect's amounts per month and in total are kronor; an amount is in the answer's unit. */
function unitOf(key: keyof ExampleExpectation, unit: AnswerUnit | undefined): AnswerUnit | undefined {
    return key === 'monthly' || key === 'total' ? { of: 'kr' } : unit;
}

/**
 * Where an example's answer differs from what it expects, in the reader's language:
 * `per månad: väntat 4 452 kr, fick 1 077 kr`. The command line and the editor's code lens say it alike.
 */
export function exampleDifferences(expected: ExampleExpectation, actual: ExampleExpectation | undefined, locale: MessageLocale, unit: AnswerUnit | undefined): string {
    const sv = locale === 'sv';
    if (expected.error !== undefined && actual !== undefined && actual.error === undefined) {
        // An error was expected and an answer came: the answer is what the reader must see.
        const answer = (Object.keys(actual) as Array<keyof ExampleExpectation>)
            .map(key => `${labels[key][locale]} ${shownAs(key, actual[key], locale, unit)}`)
            .join(', ');
        return `${labels.error[locale]}: ${sv ? 'väntat' : 'expected'} ${expected.error}, ${sv ? 'fick ett svar' : 'got an answer'}: ${answer}`;
    }
    // An answer of another kind than the one expected (a date where a text was expected): said with its own label.
    const other = (Object.keys(actual ?? {}) as Array<keyof ExampleExpectation>).find(key => !(key in expected) && actual![key] !== undefined && actual![key] !== null);
    const got = (key: keyof ExampleExpectation) => (actual?.[key] === undefined || actual[key] === null) && other !== undefined
        ? `${labels[other][locale]} ${shownAs(other, actual![other], locale, unit)}` : shownAs(key, actual?.[key], locale, unit);
    return (Object.keys(expected) as Array<keyof ExampleExpectation>)
        .filter(key => !expectedFieldHolds(expected, actual, key))
        .map(key => `${labels[key][locale]}: ${sv ? 'väntat' : 'expected'} ${shownAs(key, expected[key], locale, unit)}, ${sv ? 'fick' : 'got'} ${got(key)}`)
        .join('; ');
}

/**
 * What a failing example's result says, as a catalogued code and its arguments: `example-error` for
 * an error it did not expect, `example-failed` with the differences otherwise; undefined when it
 * passes. `regelratt test` prints it and the checker reports it at the example, so both say the same.
 */
export function exampleResultMessage(result: ExampleResult, locale: MessageLocale): { code: 'example-failed' | 'example-error'; args: MessageArgs } | undefined {
    const name = result.example.name;
    if (result.passed) {
        return undefined;
    }
    if (result.error && result.expected.error === undefined) {
        return { code: 'example-error', args: { name, message: result.error.messageIn(locale), code: result.error.code } };
    }
    // An expected error is compared by its code; an unexpected answer shows as "fick" the answer's fields.
    return { code: 'example-failed', args: { name, differences: exampleDifferences(result.expected, result.actual, locale, result.example.unit) } };
}
