import type { MessageLocale } from '@regelratt/language';

/** The command line's own texts (the diagnostics come from the language's catalogue). */
const texts = {
    usage: {
        sv: `Användning:
  regelratt check <filer eller mappar> [--format text|json] [--lang sv|en] [--info]
  regelratt compile <filer eller mappar> -o <mapp> [--lang sv|en]

Kommandon:
  check     Kontrollerar .regel-filer och skriver ut fel och varningar.
  compile   Kontrollerar och kompilerar till JSON, en fil per källfil. Inget skrivs om något fel finns.

Flaggor:
  -o, --out <mapp>     Mappen som JSON-filerna skrivs till (compile).
  --format text|json   Utskriftsformat för diagnoser (standard: text).
  --lang sv|en         Språk för meddelanden (standard: sv).
  --info               Visar även upplysningar (till exempel namn som inte används).
  --max-file-size <MB> Största tillåtna filstorlek (standard: 4).
  -h, --help           Visar den här hjälpen.
  -v, --version        Visar versionen.

Slutkoder: 0 inga fel, 1 fel i policyn, 2 felaktigt anrop eller fil som inte kan läsas, 3 internt fel.`,
        en: `Usage:
  regelratt check <files or folders> [--format text|json] [--lang sv|en] [--info]
  regelratt compile <files or folders> -o <folder> [--lang sv|en]

Commands:
  check     Checks .regel files and prints errors and warnings.
  compile   Checks and compiles to JSON, one file per source file. Nothing is written if any error is found.

Options:
  -o, --out <folder>   The folder the JSON files are written to (compile).
  --format text|json   Output format of diagnostics (default: text).
  --lang sv|en         Language of messages (default: sv).
  --info               Also shows notes (names nobody uses, for instance).
  --max-file-size <MB> Largest file accepted (default: 4).
  -h, --help           Shows this help.
  -v, --version        Shows the version.

Exit codes: 0 no errors, 1 errors in the policy, 2 bad invocation or unreadable file, 3 internal error.`,
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
    noOutput: () => ({ sv: 'compile behöver en utmapp: -o <mapp>.', en: 'compile needs an output folder: -o <folder>.' }),
    badOption: (detail: string) => ({ sv: `felaktig flagga: ${detail}`, en: `bad option: ${detail}` }),
    badValue: (option: string, value: string) => ({ sv: `ogiltigt värde '${value}' för ${option}.`, en: `invalid value '${value}' for ${option}.` }),
    internal: (detail: string) => ({ sv: `internt fel: ${detail}. Rapportera gärna felet med filen som gav det.`, en: `internal error: ${detail}. Please report it with the file that caused it.` }),
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
