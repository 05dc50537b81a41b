import type { MessageLocale } from '@regelratt/language';
import { columns, DEFAULT_HELP_WIDTH, wrap } from './help-layout.js';

/** Every option the command line knows, with what it means, in both languages. */
export const OPTIONS = {
    out: { short: 'o', value: { sv: 'mapp', en: 'folder' }, sv: 'Mappen som JSON-filerna skrivs till.', en: 'The folder the JSON files are written to.' },
    target: { value: 'json|dmn', sv: 'Vad som skrivs: json (standard), det kompilerade formatet, eller dmn, beslutstabellerna och villkoren i förloppsmodeller och piloter som DMN 1.5 (.dmn, en fil per källfil med beslut).', en: 'What is written: json (default), the compiled format, or dmn, the decision tables and the criteria of förloppsmodeller and pilots as DMN 1.5 (.dmn, one file per source file with decisions).' },
    format: { value: 'text|json', sv: 'Utskriftsformat (standard: text).', en: 'Output format (default: text).' },
    coverage: { sv: 'Visar vilka delar av villkoren och vilka nivåer exemplen når, med ett färdigt exempel för varje del som saknar.', en: 'Shows which parts of the criteria and which levels the examples reach, with a ready example for each part without one.' },
    'min-coverage': { value: { sv: 'procent', en: 'per cent' }, sv: 'Slutkod 1 om täckningen är lägre (med --coverage).', en: 'Exit code 1 if coverage is lower (with --coverage).' },
    port: { value: { sv: 'port', en: 'port' }, sv: 'Porten tjänsten lyssnar på (standard: 8080; 0 väljer en ledig).', en: 'The port the service listens on (default: 8080; 0 picks a free one).' },
    host: { value: { sv: 'adress', en: 'address' }, sv: 'Adressen tjänsten lyssnar på (standard: 127.0.0.1, bara den här datorn).', en: 'The address the service listens on (default: 127.0.0.1, this machine only).' },
    'log-level': { value: { sv: 'nivå', en: 'level' }, sv: 'Vilka loggrader tjänsten skriver: fatal, error, warn, info (standard), debug eller silent.', en: 'Which log lines the service writes: fatal, error, warn, info (default), debug or silent.' },
    'log-requests': { value: { sv: 'andel', en: 'share' }, sv: 'Andelen frågor som loggas med en rad var, 0–1 (standard: 1; 0 stänger av, 0,01 loggar var hundrade).', en: 'The share of requests logged with one line each, 0–1 (default: 1; 0 turns it off, 0.01 logs one in a hundred).' },
    'request-timeout': { value: { sv: 'sekunder', en: 'seconds' }, sv: 'Längsta tid att ta emot en hel fråga, huvud och kropp (standard: 60; ett register i /v1/evaluate/batch måste hinna fram inom den).', en: 'The longest time to receive a whole request, headers and body (default: 60; a register sent to /v1/evaluate/batch must arrive within it).' },
    'body-timeout': { value: { sv: 'sekunder', en: 'seconds' }, sv: 'Längsta tid att ta emot en JSON-kropp när huvudet har kommit (standard: 10; gäller inte /v1/evaluate/batch).', en: 'The longest time to receive a JSON body once the headers are in (default: 10; not for /v1/evaluate/batch).' },
    'require-examples': { sv: 'Laddar (och laddar om) bara en policy vars inbyggda exempel alla går igenom.', en: 'Loads (and reloads) only a policy whose inline examples all pass.' },
    rev: { value: 'revision', sv: 'Jämför med filernas version i en git-revision (till exempel HEAD~1) i stället för en andra mapp.', en: 'Compare with the files as they were in a git revision (HEAD~1, say) instead of a second folder.' },
    lang: { value: 'sv|en', sv: 'Språk för meddelanden (standard: sv).', en: 'Language of messages (default: sv).' },
    info: { sv: 'Visar även upplysningar (till exempel namn som inte används).', en: 'Also shows notes (names nobody uses, for instance).' },
    'max-file-size': { value: 'MB', sv: 'Största tillåtna filstorlek (standard: 4).', en: 'Largest file accepted (default: 4).' },
    input: { value: { sv: 'fil', en: 'file' }, sv: 'Fallet (.json) eller registret (.ndjson) som ska besvaras.', en: 'The case (.json) or register (.ndjson) to answer.' },
    date: { value: { sv: 'ÅÅÅÅ-MM-DD', en: 'YYYY-MM-DD' }, sv: 'Datum för fall som inte anger något.', en: 'The date for cases that give none.' },
    explain: { sv: 'En förklaring till varje svar även i registerläge.', en: 'An explanation with every answer in register mode too.' },
    register: { value: { sv: 'register.ndjson|.csv|.xlsx', en: 'register.ndjson|.csv|.xlsx' }, sv: 'Konsekvenser för ett verkligt register: hur många fall vars svar ändras, hur och med hur mycket (antal under 5 visas inte).', en: 'The impact on a real register: how many cases get another answer, how, and by how much (counts below 5 are not shown).' },
    map: { value: { sv: 'kolumn=egenskap,…', en: 'column=attribute,…' }, sv: 'Vilken egenskap en kolumn i registret (CSV) innehåller, där namnen skiljer sig.', en: 'Which attribute a column of the register (CSV) holds, where the names differ.' },
    draft: { sv: 'Skriver ett utkast även om exempel inte stämmer, märkt som utkast på varje sida (slutkod 1 ändå).', en: 'Writes a draft even when examples do not hold, marked as a draft on every page (exit code 1 all the same).' },
    debug: { sv: 'Visar var ett internt fel uppstod (för en felrapport).', en: 'Shows where an internal error happened (for a bug report).' },
    help: { short: 'h', sv: 'Visar hjälpen.', en: 'Shows the help.' },
    version: { short: 'v', sv: 'Visar versionen.', en: 'Shows the version.' },
} as const satisfies Record<string, { short?: string; value?: string | { sv: string; en: string }; sv: string; en: string }>;

export type OptionName = keyof typeof OPTIONS;

/** Options every command takes. */
const COMMON = ['lang', 'debug', 'help'] as const satisfies readonly OptionName[];

/** Output formats; each command lists the ones it can write. */
export type OutputFormat = 'text' | 'json' | 'sarif' | 'markdown' | 'html';

/** Each command: what it does, what it takes, which options it accepts. A new command is a compile error until it has all three. */
export const COMMANDS = {
    check: {
        arguments: { sv: '<filer eller mappar>', en: '<files or folders>' },
        sv: 'Kontrollerar .regel-filer och skriver ut fel och varningar, varje med plats och kod.',
        en: 'Checks .regel files and prints errors and warnings, each with its place and code.',
        options: ['format', 'info', 'max-file-size', ...COMMON],
        formats: ['text', 'json', 'sarif'],
    },
    compile: {
        arguments: { sv: '<filer eller mappar> -o <mapp>', en: '<files or folders> -o <folder>' },
        sv: 'Kontrollerar och kompilerar till JSON, en fil per källfil. Inget skrivs om något fel finns.',
        en: 'Checks and compiles to JSON, one file per source file. Nothing is written if any error is found.',
        options: ['out', 'target', 'date', 'max-file-size', ...COMMON],
        optionTexts: {
            date: {
                sv: 'Med --target dmn: dagen vars parametervärden skrivs (DMN har inga datum). Behövs när en parameter som en tabell läser byter värde medan tabellen gäller.',
                en: "With --target dmn: the day whose parameter values are written (DMN has no dates). Needed when a parameter a table reads changes value while the table is in force.",
            },
        },
    },
    test: {
        arguments: { sv: '<filer eller mappar>', en: '<files or folders>' },
        sv: 'Kör policyns exempel genom körmiljön och visar vilka som går igenom.',
        en: "Runs the policy's examples through the runtime and shows which pass.",
        options: ['format', 'coverage', 'min-coverage', 'max-file-size', ...COMMON],
        formats: ['text', 'json'],
    },
    eval: {
        arguments: { sv: '<filer eller mappar> --input <fall.json | register.ndjson>', en: '<files or folders> --input <case.json | register.ndjson>' },
        sv: 'Besvarar ett fall, eller ett helt register rad för rad (NDJSON), med policyns svar.',
        en: "Answers one case, or a whole register line by line (NDJSON), with the policy's answers.",
        options: ['input', 'date', 'explain', 'format', 'max-file-size', ...COMMON],
        formats: ['json', 'text'],
        optionTexts: {
            format: {
                sv: 'För ett fall: json (standard), svaren med motivering och förklaring, eller text, varje svar med sin motivering att läsa.',
                en: 'For one case: json (default), the answers with reasons and explanations, or text, each answer with its reason to read.',
            },
        },
    },
    serve: {
        arguments: { sv: '<filer eller mappar | mapp med kompilerad JSON>', en: '<files or folders | folder of compiled JSON>' },
        sv: 'Startar en HTTP-tjänst som besvarar fall och frågor med policyns svar (OpenAPI på /openapi.json).',
        en: "Starts an HTTP service that answers cases and questions with the policy's answers (OpenAPI at /openapi.json).",
        options: ['port', 'host', 'log-level', 'log-requests', 'request-timeout', 'body-timeout', 'require-examples', 'max-file-size', ...COMMON],
        exitCodes: {
            sv: 'Slutkoder: 0 stoppad med SIGTERM eller SIGINT, 1 fel i policyn (med --require-examples även ett exempel som inte går igenom), 2 felaktigt anrop eller porten upptagen, 3 internt fel.',
            en: 'Exit codes: 0 stopped by SIGTERM or SIGINT, 1 errors in the policy (with --require-examples also an example that fails), 2 bad invocation or the port taken, 3 internal error.',
        },
    },
    studio: {
        arguments: { sv: '[mapp]', en: '[folder]' },
        sv: 'Startar Regelrätt Studio i webbläsaren: mappens .regel-filer med kontroll medan du skriver och dokumentet bredvid.',
        en: 'Starts Regelrätt Studio in the browser: the folder\'s .regel files, checked as you type, with the document beside them.',
        options: ['port', 'max-file-size', ...COMMON],
        optionTexts: { port: { sv: 'Porten studion lyssnar på (standard: en ledig port, som skrivs ut).', en: 'The port the studio listens on (default: a free port, which is printed).' } },
        exitCodes: {
            sv: 'Slutkoder: 0 stoppad med Ctrl+C, 2 ingen mapp eller porten upptagen, 3 internt fel.',
            en: 'Exit codes: 0 stopped with Ctrl+C, 2 no such folder or the port taken, 3 internal error.',
        },
    },
    kompatibilitet: {
        arguments: { sv: '<gammal> <ny>', en: '<old> <new>' },
        sv: 'Visar om en ny version bryter mot system byggda mot den gamla: borttagna eller omdöpta id:n, nya krav på egenskaper, borttagna värden, nivåer och kolumner, ändrade enheter.',
        en: 'Shows whether a new version breaks systems built against the old one: removed or renamed ids, newly required attributes, removed values, levels and columns, changed units.',
        options: ['format', 'max-file-size', ...COMMON],
        formats: ['text', 'json'],
        exitCodes: {
            sv: 'Slutkoder: 0 inget bryter (tillägg tillåtna), 1 något bryter, 2 felaktigt anrop eller en version som inte kan laddas, 3 internt fel.',
            en: 'Exit codes: 0 nothing breaks (additions allowed), 1 something breaks, 2 bad invocation or a version that cannot be loaded, 3 internal error.',
        },
    },
    dokument: {
        arguments: { sv: '<filer eller mappar> -o <mapp>', en: '<files or folders> -o <folder>' },
        sv: 'Skriver policyn som det dokument nämnden beslutar om: dokument.html (fristående, går att skriva ut) och dokument.pdf.',
        en: 'Writes the policy as the document the nämnd decides: dokument.html (self-contained, prints well) and dokument.pdf.',
        options: ['out', 'draft', 'max-file-size', ...COMMON],
        optionTexts: { out: { sv: 'Mappen som dokument.html och dokument.pdf skrivs till.', en: 'The folder dokument.html and dokument.pdf are written to.' } },
    },
    diff: {
        arguments: { sv: '<före> <efter> | --rev <revision> <filer eller mappar>', en: '<before> <after> | --rev <revision> <files or folders>' },
        sv: 'Visar vad en ny version av policyn ändrar för medborgarna: vilka som får ett annat förlopp, inkluderas eller beslut, och vilka belopp som ändras.',
        en: 'Shows what a new version of the policy changes for citizens: who gets another förlopp, inclusion or decision, and which amounts change.',
        options: ['format', 'rev', 'register', 'map', 'max-file-size', ...COMMON],
        formats: ['text', 'json', 'markdown', 'html'],
        exitCodes: {
            sv: 'Slutkoder: 0 samma svar, 1 svaren ändras, 2 felaktigt anrop, fil som inte kan läsas eller fel i någon av versionerna, 3 internt fel.',
            en: 'Exit codes: 0 the same answers, 1 answers change, 2 bad invocation, unreadable file or errors in either version, 3 internal error.',
        },
    },
    dmn: {
        arguments: { sv: 'import <fil.dmn>', en: 'import <file.dmn>' },
        subcommands: ['import'],
        sv: 'Läser beslutstabellerna och beräkningarna (litterala uttryck som ger ett tal) i en DMN-fil (DMN 1.2–1.5) och skriver dem som .regel; det språket inte kan säga nämns, element för element, med sitt id i XML-filen.',
        en: 'Reads the decision tables and calculations (literal expressions giving a number) of a DMN file (DMN 1.2–1.5) and writes them as .regel; what the language cannot say is named, element by element, with its id in the XML file.',
        options: ['out', 'max-file-size', ...COMMON],
        optionTexts: { out: { sv: 'Mappen som .regel-filen skrivs till (standard: skrivs ut på standardutdata).', en: 'The folder the .regel file is written to (default: printed on standard output).' } },
        exitCodes: {
            sv: 'Slutkoder: 0 allt importerat, 1 något kunde inte uttryckas (nämnt på standardfel), 2 felaktigt anrop eller en fil som inte kan läsas som DMN, 3 internt fel.',
            en: 'Exit codes: 0 everything imported, 1 something could not be said (named on standard error), 2 bad invocation or a file that cannot be read as DMN, 3 internal error.',
        },
    },
} as const satisfies Record<string, {
    arguments: { sv: string; en: string }; sv: string; en: string; options: readonly OptionName[];
    formats?: readonly OutputFormat[]; exitCodes?: { sv: string; en: string };
    /** The words a command takes first (`dmn import`): code, the same in both languages. */
    subcommands?: readonly string[];
    /** What an option means for this command, where that differs from its general text. */
    optionTexts?: Partial<Record<OptionName, { sv: string; en: string }>>;
}>;

export type CommandName = keyof typeof COMMANDS;

export function isCommand(name: string | undefined): name is CommandName {
    return name !== undefined && Object.hasOwn(COMMANDS, name);
}

/** Which commands take an option, for "--out gäller bara compile". */
export function commandsTaking(option: OptionName): CommandName[] {
    return (Object.keys(COMMANDS) as CommandName[]).filter(command => (COMMANDS[command].options as readonly OptionName[]).includes(option));
}

/** The formats a command writes (`text|json|sarif`), for its `--format` line and its error message. */
function formatsOf(command: CommandName | undefined): readonly OutputFormat[] {
    const spec = command ? COMMANDS[command] as { formats?: readonly OutputFormat[] } : undefined;
    return spec?.formats ?? ['text', 'json'];
}

/** An option's row in the help: its flag and value, and what it means (for `command`, if it says). */
function optionRow(name: OptionName, locale: MessageLocale, command?: CommandName): [string, string] {
    const spec: { short?: string; value?: string | { sv: string; en: string }; sv: string; en: string } = OPTIONS[name];
    const option = name === 'format' ? { ...spec, value: formatsOf(command).join('|') } : spec;
    // A plain string lists the values themselves (`text|json`); an object names the value in each language.
    const value = option.value === undefined ? '' : ` <${typeof option.value === 'string' ? option.value : option.value[locale]}>`;
    const flag = `${option.short ? `-${option.short}, ` : ''}--${name}${value}`;
    const own = command ? (COMMANDS[command] as { optionTexts?: Partial<Record<OptionName, { sv: string; en: string }>> }).optionTexts?.[name] : undefined;
    return [flag, (own ?? option)[locale]];
}

/** The values an option takes when it takes one of a few (`--format`, `--lang`), else undefined. */
export function choicesOf(name: OptionName, command?: CommandName): readonly string[] | undefined {
    if (name === 'format') {
        return formatsOf(command);
    }
    const value = (OPTIONS[name] as { value?: unknown }).value;
    return typeof value === 'string' && value.includes('|') ? value.split('|') : undefined;
}

const EXIT_CODES = {
    sv: 'Slutkoder: 0 inga fel, 1 fel i policyn (eller exempel som inte går igenom, eller fall som inte kan läsas eller saknar värden ett svar behöver), 2 felaktigt anrop eller fil som inte kan läsas, 3 internt fel.',
    en: 'Exit codes: 0 no errors, 1 errors in the policy (or failing examples, or cases that cannot be read or lack values an answer needs), 2 bad invocation or unreadable file, 3 internal error.',
};

/** `regelratt --help`: the commands, then the options every command takes, laid out for `width` columns. */
export function globalHelp(locale: MessageLocale, width = DEFAULT_HELP_WIDTH): string {
    const sv = locale === 'sv';
    return [
        sv ? 'Användning: regelratt <kommando> [flaggor]' : 'Usage: regelratt <command> [options]',
        '',
        sv ? 'Kommandon:' : 'Commands:',
        ...columns((Object.keys(COMMANDS) as CommandName[]).map(name => [name, COMMANDS[name][locale]]), width),
        '',
        sv ? 'Flaggor för alla kommandon:' : 'Options for every command:',
        ...columns((['lang', 'debug', 'help', 'version'] as const).map(name => optionRow(name, locale)), width),
        '',
        ...wrap(sv ? "Skriv 'regelratt <kommando> --help' för kommandots egna flaggor." : "Run 'regelratt <command> --help' for the command's own options.", width),
        ...wrap(EXIT_CODES[locale], width),
    ].join('\n');
}

/** `regelratt <command> --help`: what it does, how to call it, and exactly the options it accepts. */
export function commandHelp(command: CommandName, locale: MessageLocale, width = DEFAULT_HELP_WIDTH): string {
    const spec = COMMANDS[command];
    const usage = wrap(`${locale === 'sv' ? 'Användning' : 'Usage'}: regelratt ${command} ${spec.arguments[locale]} [${locale === 'sv' ? 'flaggor' : 'options'}]`, width - 4);
    return [
        ...usage.map((line, index) => (index === 0 ? line : `    ${line}`)),
        '',
        ...wrap(spec[locale], width),
        '',
        locale === 'sv' ? 'Flaggor:' : 'Options:',
        ...columns(spec.options.map(name => optionRow(name, locale, command)), width),
        '',
        ...wrap(('exitCodes' in spec ? spec.exitCodes : EXIT_CODES)[locale], width),
    ].join('\n');
}
