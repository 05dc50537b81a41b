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
