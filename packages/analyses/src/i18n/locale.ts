/** The language diagnostics are written in. Swedish is the users' language; English is for developers and reviewers abroad. */
export type MessageLocale = 'sv' | 'en';

/**
 * Holds the locale for one set of language services. Messages are rendered when a document is
 * parsed and validated, so a change takes effect on the next build of a document.
 */
export class LocaleSetting {
    current: MessageLocale = 'sv';
}

export function isMessageLocale(value: unknown): value is MessageLocale {
    return value === 'sv' || value === 'en';
}

/** Items of a list as a sentence writes them: "1, 2 och 3", "1, 2 and 3"; with `or`, "1, 2 eller 3". */
export function itemList(items: readonly (string | number)[], locale: MessageLocale, conjunction: 'and' | 'or' = 'and'): string {
    const and = conjunction === 'or' ? (locale === 'sv' ? 'eller' : 'or') : (locale === 'sv' ? 'och' : 'and');
    return items.length <= 1 ? String(items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
