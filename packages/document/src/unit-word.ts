/**
 * A policy's own unit words are written in the plural (`heltal 0–744 timmar`), as a range reads them;
 * one of them reads in the singular in Swedish ("minst 1 timme", not "1 timmar"). The common
 * plurals of social-services quantities; a word not listed stays as written.
 */
const SINGULAR: Readonly<Record<string, string>> = {
    timmar: 'timme', minuter: 'minut', dagar: 'dag', veckor: 'vecka', månader: 'månad', portioner: 'portion',
    insatser: 'insats', personer: 'person', gånger: 'gång', nätter: 'natt', tillfällen: 'tillfälle', kvartar: 'kvart',
    barn: 'barn', besök: 'besök', år: 'år', dygn: 'dygn', poäng: 'poäng', mil: 'mil', kilometer: 'kilometer',
};

/** The unit word as it reads after the decimal `amount` (the format's text, `1`, `1.5`, `-1`). */
export function unitWord(word: string, amount: string): string {
    return /^-?1(\.0*)?$/.test(amount) ? SINGULAR[word] ?? word : word;
}
