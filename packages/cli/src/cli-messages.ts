import { swedishDecimal, type MessageLocale } from '@regelratt/language';

/** The command line's own texts (the diagnostics come from the language's catalogue). */
const texts = {
    severity: {
        sv: { error: 'fel', warning: 'varning', info: 'info', hint: 'tips' },
        en: { error: 'error', warning: 'warning', info: 'info', hint: 'hint' },
    },
} as const;

export function severityWord(severity: 'error' | 'warning' | 'info' | 'hint', locale: MessageLocale): string {
    return texts.severity[locale][severity];
}

export function usageError(problem: string, locale: MessageLocale, command?: string): string {
    const help = command ? `regelratt ${command} --help` : 'regelratt --help';
    return locale === 'sv'
        ? `regelratt: ${problem}\nSkriv '${help}' för hjälp.`
        : `regelratt: ${problem}\nRun '${help}' for help.`;
}

export const problems = {
    unknownCommand: (command: string, suggestion: string | undefined, commands: readonly string[]) => ({
        sv: `okänt kommando '${command}'.${suggestion ? ` Menade du '${suggestion}'?` : ''} Kommandon: ${commands.join(', ')}.`,
        en: `unknown command '${command}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Commands: ${commands.join(', ')}.`,
    }),
    unknownOption: (option: string, suggestion: string | undefined, command: string | undefined, suggestionFor: readonly string[] = []) => ({
        sv: `okänd flagga '${option}'${command ? ` för ${command}` : ''}.${suggestion ? ` Menade du '${suggestion}'?` : ''}${suggestionFor.length > 0 ? ` Den gäller ${suggestionFor.join(' och ')}.` : ''}`,
        en: `unknown option '${option}'${command ? ` for ${command}` : ''}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}${suggestionFor.length > 0 ? ` It applies to ${suggestionFor.join(' and ')}.` : ''}`,
    }),
    optionForOtherCommand: (option: string, command: string, others: readonly string[]) => ({
        sv: `flaggan '${option}' gäller inte ${command}${others.length > 0 ? ` (den gäller ${others.join(' och ')})` : ''}.`,
        en: `the option '${option}' does not apply to ${command}${others.length > 0 ? ` (it applies to ${others.join(' and ')})` : ''}.`,
    }),
    missingValue: (option: string) => ({ sv: `flaggan '${option}' behöver ett värde.`, en: `the option '${option}' needs a value.` }),
    noCommand: () => ({ sv: 'inget kommando angivet.', en: 'no command given.' }),
    noInputs: () => ({ sv: 'ange minst en fil eller mapp.', en: 'give at least one file or folder.' }),
    noCase: () => ({ sv: 'eval behöver ett fall: --input <fall.json eller register.ndjson>.', en: 'eval needs a case: --input <case.json or register.ndjson>.' }),
    noDocumentOutput: () => ({ sv: 'dokument behöver en utmapp: -o <mapp>.', en: 'dokument needs an output folder: -o <folder>.' }),
    noOutput: () => ({ sv: 'compile behöver en utmapp: -o <mapp>.', en: 'compile needs an output folder: -o <folder>.' }),
    badOption: (detail: string) => ({ sv: `felaktig flagga: ${detail}`, en: `bad option: ${detail}` }),
    badValue: (option: string, value: string) => ({ sv: `ogiltigt värde '${value}' för ${option}.`, en: `invalid value '${value}' for ${option}.` }),
    badChoice: (option: string, value: string, choices: readonly string[]) => ({
        sv: `ogiltigt värde '${value}' för ${option}; välj ${choices.join(', ')}.`,
        en: `invalid value '${value}' for ${option}; choose ${choices.join(', ')}.`,
    }),
    twoVersions: () => ({ sv: 'ange två versioner: den gamla och den nya (filer, mappar eller mappar med kompilerad JSON).', en: 'give two versions: the old and the new (files, folders or folders of compiled JSON).' }),
    diffInputs: () => ({ sv: 'diff jämför två versioner: ange två filer eller mappar, eller --rev <revision> och filerna.', en: 'diff compares two versions: give two files or folders, or --rev <revision> and the files.' }),
    // An internal error is Regelrätt's fault, never the policy writer's: say so, say what to send, and how to see the details.
    internal: (detail: string) => ({
        sv: `internt fel i regelratt (inte ett fel i dina filer): ${detail}. Rapportera det till Regelrätts utvecklare med kommandoraden och utskriften av samma kommando med --debug, som visar var felet uppstod.`,
        en: `internal error in regelratt (not an error in your files): ${detail}. Please report it to the Regelrätt developers with the command line and the output of the same command with --debug, which shows where it happened.`,
    }),
};

/** A word in the form its count takes, by the language's plural rules (Intl.PluralRules), never by hand. */
export function counted(count: number, forms: { one: string; other: string }, locale: MessageLocale): string {
    const rule = pluralRules[locale].select(count);
    return `${number(count, locale)} ${rule === 'one' ? forms.one : forms.other}`;
}

/** A count as the language writes it: `70 000` in Swedish, `70,000` in English. */
function number(count: number, locale: MessageLocale): string {
    return locale === 'sv' ? swedishDecimal(String(count)) : count.toLocaleString('en-US');
}

/** An agreeing word without the number (`kontrollerad` / `kontrollerade`). */
function agreeing(count: number, forms: { one: string; other: string }, locale: MessageLocale): string {
    return pluralRules[locale].select(count) === 'one' ? forms.one : forms.other;
}

const pluralRules = { sv: new Intl.PluralRules('sv'), en: new Intl.PluralRules('en') } satisfies Record<MessageLocale, Intl.PluralRules>;

/**
 * `failingExamples`: examples the runtime answers otherwise than they expect (`regelratt dokument`
 * runs them after the check); their lines say `fel`, so the summary says they are not the check's.
 */
export function summary(errors: number, warnings: number, files: number, locale: MessageLocale, failingExamples = 0): string {
    if (locale === 'sv') {
        const examples = failingExamples > 0 ? ` i kontrollen, men ${counted(failingExamples, { one: 'exempel', other: 'exempel' }, locale)} stämmer inte` : '';
        return `${counted(files, { one: 'fil', other: 'filer' }, locale)} ${agreeing(files, { one: 'kontrollerad', other: 'kontrollerade' }, locale)}: ${number(errors, locale)} fel, ${counted(warnings, { one: 'varning', other: 'varningar' }, locale)}${examples}.`;
    }
    const examples = failingExamples > 0 ? ` in the check, but ${counted(failingExamples, { one: 'example does', other: 'examples do' }, locale)} not hold` : '';
    return `${counted(files, { one: 'file', other: 'files' }, locale)} checked: ${counted(errors, { one: 'error', other: 'errors' }, locale)}, ${counted(warnings, { one: 'warning', other: 'warnings' }, locale)}${examples}.`;
}

/** The line after the last shown of many diagnostics of one code at one place. */
export function moreOfTheSame(diagnostic: { file: string; line: number; column: number; code: string }, more: number, locale: MessageLocale): string {
    const place = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`;
    return locale === 'sv'
        ? `${place}: … och ${more} fall till av samma slag [${diagnostic.code}]; alla visas med --format json.`
        : `${place}: … and ${more} more of the same kind [${diagnostic.code}]; --format json lists them all.`;
}

/** `otherHints`: hints about something else than regions without an example (rows that can be merged, a replaced law). */
export function hiddenInfos(infos: number, hints: number, locale: MessageLocale, otherHints = 0): string {
    const parts = locale === 'sv'
        ? [infos > 0 ? `${counted(infos, { one: 'upplysning', other: 'upplysningar' }, locale)} om oanvända namn` : '', hints > 0 ? `${counted(hints, { one: 'tips', other: 'tips' }, locale)} om regioner utan exempel` : '', otherHints > 0 ? `${counted(otherHints, { one: 'annat tips', other: 'andra tips' }, locale)}` : '']
        : [infos > 0 ? `${counted(infos, { one: 'note', other: 'notes' }, locale)} on unused names` : '', hints > 0 ? `${counted(hints, { one: 'hint', other: 'hints' }, locale)} on regions without an example` : '', otherHints > 0 ? `${counted(otherHints, { one: 'other hint', other: 'other hints' }, locale)}` : ''];
    const shown = parts.filter(Boolean).join(locale === 'sv' ? ' och ' : ' and ');
    return locale === 'sv' ? `(${shown}; visa med --info.)` : `(${shown}; show with --info.)`;
}

export function compiledSummary(written: number, folder: string, locale: MessageLocale): string {
    return locale === 'sv'
        ? `${counted(written, { one: 'JSON-fil', other: 'JSON-filer' }, locale)} ${agreeing(written, { one: 'skriven', other: 'skrivna' }, locale)} till ${folder}.`
        : `${counted(written, { one: 'JSON file', other: 'JSON files' }, locale)} written to ${folder}.`;
}

/**
 * What `compile -o` did with the files an earlier compile wrote into the folder and this one did not:
 * removed, or kept because they were changed since (a warning: a reader of the folder would load them).
 */
export function staleOutputs(stale: { removed: readonly string[]; changed: readonly string[]; failed: readonly string[] }, locale: MessageLocale): string[] {
    const sv = locale === 'sv';
    const lines: string[] = [];
    if (stale.removed.length > 0) {
        lines.push(sv
            ? `${counted(stale.removed.length, { one: 'inaktuell JSON-fil', other: 'inaktuella JSON-filer' }, locale)} från en tidigare kompilering ${agreeing(stale.removed.length, { one: 'borttagen', other: 'borttagna' }, locale)}: ${stale.removed.join(', ')}.`
            : `${counted(stale.removed.length, { one: 'stale JSON file', other: 'stale JSON files' }, locale)} from an earlier compile removed: ${stale.removed.join(', ')}.`);
    }
    for (const file of stale.changed) {
        lines.push(sv
            ? `regelratt: varning: ${file} skrevs av en tidigare kompilering men har ändrats sedan och ligger kvar; ta bort den om den inte hör till policyn.`
            : `regelratt: warning: ${file} was written by an earlier compile but has changed since and is kept; remove it if it is not part of the policy.`);
    }
    for (const file of stale.failed) {
        lines.push(sv
            ? `regelratt: varning: ${file} från en tidigare kompilering kunde inte tas bort; ta bort den för hand.`
            : `regelratt: warning: ${file} from an earlier compile could not be removed; remove it by hand.`);
    }
    return lines;
}

/** The closing line of `regelratt test`. */
export function examplesSummary(passed: number, failed: number, locale: MessageLocale): string {
    return locale === 'sv' ? `Exempel: ${passed} gick igenom, ${failed} misslyckades` : `Examples: ${passed} passed, ${failed} failed`;
}

export function notCompiled(locale: MessageLocale): string {
    return locale === 'sv' ? 'Ingenting skrevs: rätta felen först.' : 'Nothing was written: fix the errors first.';
}

/** The number of things the Swedish way (9 676) or the English way (9,676). */
function count(value: number, locale: MessageLocale): string {
    return locale === 'sv' ? swedishDecimal(String(value)) : value.toLocaleString('en-GB');
}

/**
 * `eval`'s summary on standard error, so a run whose answers hold errors never looks clean to the
 * one who started it (the errors themselves are in the answers on standard output).
 */
export const evalSummaries = {
    caseRefused: (input: string, code: string, message: string) => ({
        sv: `${input}: fallet kunde inte besvaras (${code}): ${message}`,
        en: `${input}: the case could not be answered (${code}): ${message}`,
    }),
    answersWithErrors: (input: string, errors: number, code: string, message: string, locale: MessageLocale) => ({
        sv: `${input}: ${errors === 1 ? 'ett svar' : `${count(errors, locale)} svar`} kunde inte ges för att fallet saknar eller har fel värden, först ${code}: ${message}`,
        en: `${input}: ${errors === 1 ? 'one answer' : `${count(errors, locale)} answers`} could not be given because the case lacks values or has wrong ones, first ${code}: ${message}`,
    }),
    invalidLines: (input: string, invalid: number, lines: number, line: number, code: string, locale: MessageLocale) => ({
        sv: `${input}: ${count(invalid, locale)} av ${count(lines, locale)} rader är inga fall som kan besvaras, först rad ${count(line, locale)} (${code})`,
        en: `${input}: ${count(invalid, locale)} of ${count(lines, locale)} lines are not cases that can be answered, first line ${count(line, locale)} (${code})`,
    }),
    linesWithErrors: (input: string, cases: number, lines: number, line: number, code: string, locale: MessageLocale) => ({
        sv: `${input}: ${count(cases, locale)} av ${count(lines, locale)} rader saknar eller har fel värden för några svar, först rad ${count(line, locale)} (${code})`,
        en: `${input}: ${count(cases, locale)} of ${count(lines, locale)} lines lack values or have wrong ones for some answers, first line ${count(line, locale)} (${code})`,
    }),
};
