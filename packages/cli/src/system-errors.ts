import { knownErrorReason, type MessageLocale } from '@regelratt/language';

/** Why a system call failed, as a clause for "Kan inte skriva X: <reason>." (the code kept in brackets for a bug report). */
export function systemErrorText(error: unknown, locale: MessageLocale): string {
    // The words are the language package's (i18n/file-error-reasons.ts), the checker's diagnostics' too.
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const known = code ? knownErrorReason(code, locale) : undefined;
    if (known) {
        return `${known} (${code})`;
    }
    if (code) {
        return locale === 'sv' ? `operativsystemet svarade med felet ${code}` : `the operating system answered with the error ${code}`;
    }
    return locale === 'sv' ? 'okänt fel i operativsystemet' : 'an unknown error in the operating system';
}

