/**
 * The studio's language: Swedish, English when the browser asks for English (`?lang=sv` keeps
 * Swedish). Imported before Monaco, because Monaco reads its own texts from a global table while
 * its modules load: in Swedish the table holds the Swedish of the texts a writer meets (made by
 * build.mjs from locale/monaco-sv.json); a text it lacks, and every text in English, is Monaco's own.
 */
declare const MONACO_SV: Record<string, string>;

export const sv = !navigator.language.toLowerCase().startsWith('en') || new URLSearchParams(location.search).get('lang') === 'sv';

/** The Swedish text, or the English one when the studio speaks English. */
export const t = (svText: string, enText: string): string => (sv ? svText : enText);

if (sv) {
    const messages: string[] = [];
    for (const [index, text] of Object.entries(MONACO_SV)) {
        messages[Number(index)] = text;
    }
    (globalThis as { _VSCODE_NLS_MESSAGES?: string[] })._VSCODE_NLS_MESSAGES = messages;
    (globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE = 'sv';
}
