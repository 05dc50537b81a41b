import type { MessageLocale } from './locale.js';

export type MessageArgs = Record<string, string | number>;
export type Severity = 'error' | 'warning' | 'info' | 'hint';

interface DiagnosticDefinition {
    severity: Severity;
    sv: (args: MessageArgs) => string;
    en: (args: MessageArgs) => string;
}

/**
 * Every diagnostic Regelrätt reports, by stable code. The code is part of the public surface:
 * tools filter on it and docs/diagnostics.md documents each one (a test keeps the two in step).
 */
export const diagnosticCatalogue = {
    // ------------------------------------------------------------ text and syntax
    'lexical-error': {
        severity: 'error',
        sv: a => `Oväntat tecken ${a.text}.`,
        en: a => `Unexpected character ${a.text}.`,
    },
    'syntax-error': {
        severity: 'error',
        sv: a => a.message as string,
        en: a => a.message as string,
    },
    'repeated-clause': {
        severity: 'error',
        sv: a => `'${a.clause}' anges mer än en gång i samma block; bara den sista skulle gälla.`,
        en: a => `'${a.clause}' is given more than once in the same block; only the last would count.`,
    },
    // ------------------------------------------------------------ names
    'unresolved-reference': {
        severity: 'error',
        sv: a => `Okänt namn '${a.name}': det finns ingen ${a.kind} med det namnet i arbetsytan.${a.suggestion ? ` Menade du '${a.suggestion}'?` : ''}`,
        en: a => `Unknown name '${a.name}': there is no ${a.kind} by that name in the workspace.${a.suggestion ? ` Did you mean '${a.suggestion}'?` : ''}`,
    },
    'unknown-enumeration-value': {
        severity: 'error',
        sv: a => `'${a.name}' är inget värde för ${a.attribute}; möjliga värden: ${a.values}.`,
        en: a => `'${a.name}' is not a value of ${a.attribute}; possible values: ${a.values}.`,
    },
    'duplicate-name': {
        severity: 'error',
        sv: a => `Namnet '${a.name}' används redan (${a.other}). Namn måste vara unika i hela arbetsytan.`,
        en: a => `The name '${a.name}' is already used (${a.other}). Names must be unique in the whole workspace.`,
    },
    'duplicate-enumeration-value': {
        severity: 'error',
        sv: a => `Värdet '${a.name}' finns redan i uppräkningen.`,
        en: a => `The value '${a.name}' is already in the enumeration.`,
    },
    // ------------------------------------------------------------ numbers, units and types
    'missing-unit': {
        severity: 'error',
        sv: a => `Beloppet ${a.value} saknar enhet; skriv ${a.value} ${a.expected}.`,
        en: a => `The amount ${a.value} has no unit; write ${a.value} ${a.expected}.`,
    },
    'wrong-unit': {
        severity: 'error',
        sv: a => `Här väntas ${a.expected}, men värdet anges i ${a.actual}.`,
        en: a => `${a.expected} is expected here, but the value is given in ${a.actual}.`,
    },
    'percentage-out-of-range': {
        severity: 'error',
        sv: a => `${a.value} % är utanför 0–100 %; en andel kan inte vara ${a.value} %.`,
        en: a => `${a.value} % is outside 0–100 %; a share cannot be ${a.value} %.`,
    },
    'not-a-whole-number': {
        severity: 'error',
        sv: a => `${a.what} måste vara ett heltal, inte ${a.value}.`,
        en: a => `${a.what} must be a whole number, not ${a.value}.`,
    },
    'type-mismatch': {
        severity: 'error',
        sv: a => `${a.attribute} är ${a.type}; det kan inte jämföras med ${a.value}.`,
        en: a => `${a.attribute} is ${a.type}; it cannot be compared with ${a.value}.`,
    },
    'value-outside-domain': {
        severity: 'warning',
        sv: a => `${a.value} ligger utanför ${a.attribute}s definitionsområde ${a.domain}.`,
        en: a => `${a.value} lies outside the domain ${a.domain} of ${a.attribute}.`,
    },
    'invalid-range': {
        severity: 'error',
        sv: a => `Intervallet ${a.min}–${a.max} är tomt: början är större än slutet.`,
        en: a => `The range ${a.min}–${a.max} is empty: its start is greater than its end.`,
    },
    // ------------------------------------------------------------ dates
    'invalid-date': {
        severity: 'error',
        sv: a => `${a.date} är inget giltigt datum.`,
        en: a => `${a.date} is not a valid date.`,
    },
    'date-range-reversed': {
        severity: 'error',
        sv: a => `Perioden slutar (${a.to}) före den börjar (${a.from}).`,
        en: a => `The period ends (${a.to}) before it starts (${a.from}).`,
    },
    // ------------------------------------------------------------ level tables
    'duplicate-level': {
        severity: 'error',
        sv: a => `Nivå ${a.level} finns redan på rad ${a.line} i samma tabell.`,
        en: a => `Level ${a.level} is already listed on line ${a.line} of the same table.`,
    },
    'level-outside-range': {
        severity: 'error',
        sv: a => `Nivå ${a.level} ligger utanför tabellens nivåer ${a.min}–${a.max}.`,
        en: a => `Level ${a.level} lies outside the table's levels ${a.min}–${a.max}.`,
    },
    // ------------------------------------------------------------ files (reported by the command line)
    'file-not-found': {
        severity: 'error',
        sv: a => `Hittar inte ${a.path}.`,
        en: a => `Cannot find ${a.path}.`,
    },
    'no-policy-files': {
        severity: 'error',
        sv: a => `Mappen ${a.path} innehåller inga .regel-filer.`,
        en: a => `The folder ${a.path} contains no .regel files.`,
    },
    'not-a-policy-file': {
        severity: 'error',
        sv: a => `${a.path} är ingen .regel-fil.`,
        en: a => `${a.path} is not a .regel file.`,
    },
    'binary-file': {
        severity: 'error',
        sv: () => `Filen är binär, inte text; en .regel-fil ska vara text i UTF-8.`,
        en: () => `The file is binary, not text; a .regel file must be UTF-8 text.`,
    },
    'not-utf8': {
        severity: 'error',
        sv: () => `Filen är inte giltig UTF-8; spara den som UTF-8 (till exempel med ”Spara som… UTF-8” i redigeraren).`,
        en: () => `The file is not valid UTF-8; save it as UTF-8.`,
    },
    'file-too-large': {
        severity: 'error',
        sv: a => `Filen är ${a.size} stor; gränsen är ${a.limit}. Dela upp den i flera filer.`,
        en: a => `The file is ${a.size}; the limit is ${a.limit}. Split it into several files.`,
    },
    'unreadable-file': {
        severity: 'error',
        sv: a => `Kan inte läsa ${a.path}: ${a.reason}.`,
        en: a => `Cannot read ${a.path}: ${a.reason}.`,
    },
    'output-error': {
        severity: 'error',
        sv: a => `Kan inte skriva ${a.path}: ${a.reason}.`,
        en: a => `Cannot write ${a.path}: ${a.reason}.`,
    },
} as const satisfies Record<string, DiagnosticDefinition>;

export type DiagnosticCode = keyof typeof diagnosticCatalogue;

export function isDiagnosticCode(code: unknown): code is DiagnosticCode {
    return typeof code === 'string' && Object.hasOwn(diagnosticCatalogue, code);
}

export function renderMessage(code: DiagnosticCode, args: MessageArgs, locale: MessageLocale): string {
    return diagnosticCatalogue[code][locale](args);
}

export function defaultSeverity(code: DiagnosticCode): Severity {
    return diagnosticCatalogue[code].severity;
}
