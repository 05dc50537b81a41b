import type { MessageLocale } from '@regelratt/language';

/** The command line's own texts (the diagnostics come from the language's catalogue). */
const texts = {
    usage: {
        sv: `Användning:
  regelratt check <filer eller mappar> [--format text|json] [--lang sv|en] [--info]
  regelratt compile <filer eller mappar> -o <mapp> [--lang sv|en]
  regelratt test <filer eller mappar> [--format text|json] [--lang sv|en]
  regelratt eval <filer eller mappar> --input <fall.json|register.ndjson> [--date ÅÅÅÅ-MM-DD] [--explain]

Kommandon:
  check     Kontrollerar .regel-filer och skriver ut fel och varningar.
  compile   Kontrollerar och kompilerar till JSON, en fil per källfil. Inget skrivs om något fel finns.
  test      Kör policyns exempel genom körmiljön och visar vilka som går igenom.
  eval      Besvarar ett fall, eller ett helt register rad för rad (NDJSON), med policyns svar.

Flaggor:
  -o, --out <mapp>     Mappen som JSON-filerna skrivs till (compile).
  --input <fil>        Fallet eller registret som ska besvaras (eval).
  --date <datum>       Datum för fall som inte anger något (eval).
  --explain            Förklaring till varje svar även i registerläge (eval).
  --format text|json   Utskriftsformat för diagnoser (standard: text).
  --lang sv|en         Språk för meddelanden (standard: sv).
  --info               Visar även upplysningar (till exempel namn som inte används).
  --max-file-size <MB> Största tillåtna filstorlek (standard: 4).
  -h, --help           Visar den här hjälpen.
  -v, --version        Visar versionen.
  --debug              Visar var ett internt fel uppstod (för en felrapport).

Slutkoder: 0 inga fel, 1 fel i policyn (eller exempel som inte går igenom, eller fall som inte kan läsas), 2 felaktigt anrop eller fil som inte kan läsas, 3 internt fel.`,
        en: `Usage:
  regelratt check <files or folders> [--format text|json] [--lang sv|en] [--info]
  regelratt compile <files or folders> -o <folder> [--lang sv|en]
  regelratt test <files or folders> [--format text|json] [--lang sv|en]
  regelratt eval <files or folders> --input <case.json|register.ndjson> [--date YYYY-MM-DD] [--explain]

Commands:
  check     Checks .regel files and prints errors and warnings.
  compile   Checks and compiles to JSON, one file per source file. Nothing is written if any error is found.
  test      Runs the policy's examples through the runtime and shows which pass.
  eval      Answers one case, or a whole register line by line (NDJSON), with the policy's answers.

Options:
  -o, --out <folder>   The folder the JSON files are written to (compile).
  --input <file>       The case or register to answer (eval).
  --date <date>        The date for cases that give none (eval).
  --explain            An explanation with every answer in register mode too (eval).
  --format text|json   Output format of diagnostics (default: text).
  --lang sv|en         Language of messages (default: sv).
  --info               Also shows notes (names nobody uses, for instance).
  --max-file-size <MB> Largest file accepted (default: 4).
  -h, --help           Shows this help.
  -v, --version        Shows the version.
  --debug              Shows where an internal error happened (for a bug report).

Exit codes: 0 no errors, 1 errors in the policy (or failing examples, or unreadable cases), 2 bad invocation or unreadable file, 3 internal error.`,
    },
    severity: {
        sv: { error: 'fel', warning: 'varning', info: 'info', hint: 'tips' },
        en: { error: 'error', warning: 'warning', info: 'info', hint: 'hint' },
    },
} as const;

export function usage(locale: MessageLocale): string {
    return texts.usage[locale];
}

export function severityWord(severity: 'error' | 'warning' | 'info' | 'hint', locale: MessageLocale): string {
    return texts.severity[locale][severity];
}

export function usageError(problem: string, locale: MessageLocale): string {
    return locale === 'sv'
        ? `regelratt: ${problem}\nSkriv 'regelratt --help' för hjälp.`
        : `regelratt: ${problem}\nRun 'regelratt --help' for help.`;
}

export const problems = {
    unknownCommand: (command: string) => ({ sv: `okänt kommando '${command}'.`, en: `unknown command '${command}'.` }),
    noCommand: () => ({ sv: 'inget kommando angivet.', en: 'no command given.' }),
    noInputs: () => ({ sv: 'ange minst en fil eller mapp.', en: 'give at least one file or folder.' }),
    noCase: () => ({ sv: 'eval behöver ett fall: --input <fall.json eller register.ndjson>.', en: 'eval needs a case: --input <case.json or register.ndjson>.' }),
    noOutput: () => ({ sv: 'compile behöver en utmapp: -o <mapp>.', en: 'compile needs an output folder: -o <folder>.' }),
    badOption: (detail: string) => ({ sv: `felaktig flagga: ${detail}`, en: `bad option: ${detail}` }),
    badValue: (option: string, value: string) => ({ sv: `ogiltigt värde '${value}' för ${option}.`, en: `invalid value '${value}' for ${option}.` }),
    // An internal error is Regelrätt's fault, never the policy writer's: say so, say what to send, and how to see the details.
    internal: (detail: string) => ({
        sv: `internt fel i regelratt (inte ett fel i dina filer): ${detail}. Rapportera det till Regelrätts utvecklare med kommandoraden och utskriften av samma kommando med --debug, som visar var felet uppstod.`,
        en: `internal error in regelratt (not an error in your files): ${detail}. Please report it to the Regelrätt developers with the command line and the output of the same command with --debug, which shows where it happened.`,
    }),
};

export function summary(errors: number, warnings: number, files: number, locale: MessageLocale): string {
    if (locale === 'sv') {
        const f = files === 1 ? '1 fil' : `${files} filer`;
        return `${f} kontrollerade: ${errors} fel, ${warnings} ${warnings === 1 ? 'varning' : 'varningar'}.`;
    }
    const f = files === 1 ? '1 file' : `${files} files`;
    return `${f} checked: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.`;
}

export function hiddenInfos(count: number, locale: MessageLocale): string {
    return locale === 'sv'
        ? `(${count} ${count === 1 ? 'upplysning' : 'upplysningar'} om oanvända namn; visa med --info.)`
        : `(${count} ${count === 1 ? 'note' : 'notes'} on unused names; show with --info.)`;
}

export function compiledSummary(written: number, folder: string, locale: MessageLocale): string {
    return locale === 'sv' ? `${written} JSON-${written === 1 ? 'fil' : 'filer'} skrivna till ${folder}.` : `${written} JSON ${written === 1 ? 'file' : 'files'} written to ${folder}.`;
}

export function notCompiled(locale: MessageLocale): string {
    return locale === 'sv' ? 'Ingenting skrevs: rätta felen först.' : 'Nothing was written: fix the errors first.';
}
