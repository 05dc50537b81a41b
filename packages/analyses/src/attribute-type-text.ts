import type { AttributeType, Period } from '@regelratt/format';
import type { MessageLocale } from './i18n/locale.js';
import { swedishDecimal } from './numbers/decimal-text.js';

/**
 * An attribute's type as a reader writes it (`heltal 0–120 år`, `en av { Hög, Nedsatt }`, `belopp per
 * månad`), for the diff's "värden: före → efter"; enumeration values by their titles where given.
 * English under `--lang en`, with the Swedish number form kept out of it.
 */
export function attributeTypeText(domain: AttributeType, locale: MessageLocale): string {
    const words = WORDS[locale];
    const number = (decimal: string) => (locale === 'sv' ? swedishDecimal(decimal) : decimal.replace('-', '−'));
    const range = (kind: string, min: string, max: string, unit: string | undefined) => `${kind} ${number(min)}–${number(max)}${unit ? ` ${unit}` : ''}`;
    const text = {
        integer: () => { const d = domain as Extract<AttributeType, { type: 'integer' }>; return range(words.integer, d.min, d.max, d.unit); },
        decimal: () => { const d = domain as Extract<AttributeType, { type: 'decimal' }>; return range(words.decimal, d.min, d.max, d.unit); },
        boolean: () => words.boolean,
        enumeration: () => `${words.oneOf} { ${(domain as Extract<AttributeType, { type: 'enumeration' }>).values.map(v => v.title ?? v.name).join(', ')} }`,
        date: () => words.date,
        money: () => { const per = (domain as Extract<AttributeType, { type: 'money' }>).per; return per ? `${words.money} ${words.per} ${words.periods[per]}` : words.money; },
    } satisfies Record<AttributeType['type'], () => string>;
    return text[domain.type]();
}

const WORDS = {
    sv: { integer: 'heltal', decimal: 'decimaltal', boolean: 'ja/nej', oneOf: 'en av', date: 'datum', money: 'belopp', per: 'per',
        periods: { month: 'månad', hour: 'timme', day: 'dygn', week: 'vecka', year: 'år' } },
    en: { integer: 'whole number', decimal: 'decimal', boolean: 'yes/no', oneOf: 'one of', date: 'date', money: 'amount', per: 'per',
        periods: { month: 'month', hour: 'hour', day: 'day', week: 'week', year: 'year' } },
} satisfies Record<MessageLocale, { periods: Record<Period, string> } & Record<string, unknown>>;
