import { parseArgs } from 'node:util';
import { isCalendarDate } from '@regelratt/format';
import { DEFAULT_MAX_FILE_BYTES, isMessageLocale, nearestName, type MessageLocale } from '@regelratt/language';
import { problems } from './cli-messages.js';
import { choicesOf, COMMANDS, commandsTaking, isCommand, OPTIONS, type CommandName, type OptionName, type OutputFormat } from './commands-spec.js';

export interface CliOptions {
    command?: CommandName;
    inputs: string[];
    out?: string;
    /** `compile`: what is written, the compiled JSON or DMN. */
    target: 'json' | 'dmn';
    format: OutputFormat;
    /** `test --coverage`, and the lowest coverage in per cent that passes. */
    coverage: boolean;
    minCoverage?: number;
    /** `serve`: where to listen. */
    port?: number;
    host?: string;
    /** `serve`: pino's level, the share of requests logged (0–1), the request and body timeouts in seconds, and whether the inline examples must pass for a policy to be loaded. */
    logLevel?: LogLevel;
    logRequests?: number;
    requestTimeout?: number;
    bodyTimeout?: number;
    requireExamples: boolean;
    /** `diff`: the git revision the inputs are compared with. */
    rev?: string;
    locale: MessageLocale;
    maxFileBytes: number;
    /** Show information-level diagnostics (unused declarations) in text output. */
    info: boolean;
    /** `eval`: the case or register file, and a date for cases that give none. */
    input?: string;
    date?: string;
    /** `eval` of a register: attach explanations to every answer (a single case always has them). */
    explain: boolean;
    /** `diff --register`: the register whose cases both versions answer, and CSV column → attribute. */
    register?: string;
    columnMap: Map<string, string>;
    /** `dokument`: write a draft even when examples do not hold. */
    draft: boolean;
    help: boolean;
    version: boolean;
    /** Print the stack of an internal error (also `REGELRATT_DEBUG=1`). */
    debug: boolean;
}

export type ParsedArguments = { ok: true; options: CliOptions } | { ok: false; locale: MessageLocale; problem: { sv: string; en: string }; command?: CommandName };


export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;
export type LogLevel = typeof LOG_LEVELS[number];

/** A time in seconds, more than 0 and at most an hour (`1,5` as well as `1.5`); null when it is not one. */
function seconds(text: string | undefined): number | undefined | null {
    if (text === undefined) {
        return undefined;
    }
    const value = Number(text.replace(',', '.'));
    return text.trim() !== '' && value > 0 && value <= 3600 ? value : null;
}

/** Options that take a value, so that scanning for the command skips their values. */
const TAKES_VALUE = new Set<string>((Object.keys(OPTIONS) as OptionName[]).filter(name => 'value' in OPTIONS[name]).flatMap(name => {
    const short = (OPTIONS[name] as { short?: string }).short;
    return [`--${name}`, ...(short ? [`-${short}`] : [])];
}));

/**
 * Parses a command line: the command first (or after global options), then only the options that
 * command accepts. An unknown command or option, an option meant for another command, or a missing
 * value is refused with a Swedish (or English) message and, where one is close, a suggestion.
 */
export function parseArguments(argv: readonly string[]): ParsedArguments {
    // The language flag decides how every other problem is reported, so find it first.
    const langIndex = argv.indexOf('--lang');
    const requestedLocale = langIndex >= 0 ? argv[langIndex + 1] : argv.find(a => a.startsWith('--lang='))?.slice('--lang='.length);
    const locale: MessageLocale = isMessageLocale(requestedLocale) ? requestedLocale : 'sv';
    const fail = (problem: { sv: string; en: string }, command?: CommandName): ParsedArguments => ({ ok: false, locale, problem, ...(command ? { command } : {}) });

    const commandIndex = findCommand(argv);
    const word = commandIndex >= 0 ? argv[commandIndex] : undefined;
    if (word !== undefined && !isCommand(word)) {
        return fail(problems.unknownCommand(word, nearestName(word, Object.keys(COMMANDS)), Object.keys(COMMANDS)));
    }
    const command = word as CommandName | undefined;
    const accepted: readonly OptionName[] = command ? [...COMMANDS[command].options] : ['lang', 'debug', 'help', 'version'];
    const rest = commandIndex >= 0 ? [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)] : [...argv];

    let parsed;
    try {
        parsed = parseArgs({
            args: rest,
            allowPositionals: true,
            strict: true,
            options: Object.fromEntries(accepted.map(name => {
                const spec = OPTIONS[name] as { short?: string; value?: string };
                return [name, { type: spec.value ? 'string' : 'boolean', ...(spec.short ? { short: spec.short } : {}) }];
            })),
        });
    } catch (error) {
        return fail(optionProblem(error, command, accepted), command);
    }
    const values = parsed.values as Partial<Record<OptionName, string | boolean>>;
    const text = (name: OptionName) => (typeof values[name] === 'string' ? values[name] as string : undefined);
    // An option that takes one of a few values names them when refused (each command writes its own formats).
    for (const name of accepted) {
        const choices = choicesOf(name, command);
        const given = text(name);
        if (choices && given !== undefined && !choices.includes(given)) {
            return fail(problems.badChoice(`--${name}`, given, choices), command);
        }
    }
    const lang = text('lang') ?? 'sv';
    if (!isMessageLocale(lang)) {
        return fail(problems.badValue('--lang', lang), command);
    }
    // eval writes JSON unless asked for text (its text is one case's reasons); every other command writes text.
    const format = text('format') ?? (command === 'eval' ? 'json' : 'text');
    let maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    const maxFileSize = text('max-file-size');
    if (maxFileSize !== undefined) {
        const mb = Number(maxFileSize.replace(',', '.'));
        if (!Number.isFinite(mb) || mb <= 0) {
            return fail(problems.badValue('--max-file-size', maxFileSize), command);
        }
        maxFileBytes = Math.round(mb * 1024 * 1024);
    }
    const minCoverageText = text('min-coverage');
    let minCoverage: number | undefined;
    if (minCoverageText !== undefined) {
        minCoverage = Number(minCoverageText.replace(',', '.').replace(/\s*%$/, ''));
        if (!Number.isFinite(minCoverage) || minCoverage < 0 || minCoverage > 100) {
            return fail(problems.badValue('--min-coverage', minCoverageText), command);
        }
    }
    const portText = text('port');
    const port = portText === undefined ? undefined : Number(portText);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535 && /^\d+$/.test(portText!))) {
        return fail(problems.badValue('--port', portText!), command);
    }
    const logLevel = text('log-level');
    if (logLevel !== undefined && !(LOG_LEVELS as readonly string[]).includes(logLevel)) {
        return fail(problems.badChoice('--log-level', logLevel, LOG_LEVELS), command);
    }
    const logRequestsText = text('log-requests');
    const logRequests = logRequestsText === undefined ? undefined : Number(logRequestsText.replace(',', '.'));
    if (logRequests !== undefined && !(logRequestsText!.trim() !== '' && logRequests >= 0 && logRequests <= 1)) {
        return fail(problems.badValue('--log-requests', logRequestsText!), command);
    }
    const requestTimeout = seconds(text('request-timeout'));
    if (requestTimeout === null) {
        return fail(problems.badValue('--request-timeout', text('request-timeout')!), command);
    }
    const bodyTimeout = seconds(text('body-timeout'));
    if (bodyTimeout === null) {
        return fail(problems.badValue('--body-timeout', text('body-timeout')!), command);
    }
    const date = text('date');
    // A day that exists: `2021-13-45` has the shape of a date and would silently compare as one.
    if (date !== undefined && !isCalendarDate(date)) {
        return fail(problems.badValue('--date', date), command);
    }
    // `--map "Ålder=ålder,Brukarens kön=kön"`: each column of a CSV register named by the attribute it holds.
    const columnMap = new Map<string, string>();
    for (const pair of (text('map') ?? '').split(',').filter(part => part.trim() !== '')) {
        const [column, attribute, ...rest] = pair.split('=').map(part => part.trim().normalize('NFC'));
        if (!column || !attribute || rest.length > 0) {
            return fail(problems.badValue('--map', text('map')!), command);
        }
        columnMap.set(column, attribute);
    }
    return {
        ok: true,
        options: {
            ...(command ? { command } : {}),
            ...(text('register') !== undefined ? { register: text('register') } : {}),
            columnMap,
            inputs: parsed.positionals,
            out: text('out'),
            target: text('target') === 'dmn' ? 'dmn' : 'json',
            format: format as OutputFormat,
            ...(text('rev') !== undefined ? { rev: text('rev') } : {}),
            locale: lang,
            maxFileBytes,
            info: values.info === true,
            input: text('input'),
            date,
            explain: values.explain === true,
            draft: values.draft === true,
            coverage: values.coverage === true || minCoverage !== undefined,
            ...(port !== undefined ? { port } : {}),
            ...(text('host') !== undefined ? { host: text('host') } : {}),
            ...(minCoverage !== undefined ? { minCoverage } : {}),
            ...(logLevel !== undefined ? { logLevel: logLevel as LogLevel } : {}),
            ...(logRequests !== undefined ? { logRequests } : {}),
            ...(requestTimeout !== undefined ? { requestTimeout } : {}),
            ...(bodyTimeout !== undefined ? { bodyTimeout } : {}),
            requireExamples: values['require-examples'] === true,
            help: values.help === true,
            version: values.version === true,
            debug: values.debug === true,
        },
    };
}

/** The index of the command word: the first argument that is neither an option nor an option's value. */
function findCommand(argv: readonly string[]): number {
    for (let index = 0; index < argv.length; index++) {
        const argument = argv[index];
        if (argument === '--') {
            return -1;
        }
        if (argument.startsWith('-')) {
            if (TAKES_VALUE.has(argument)) {
                index++;
            }
            continue;
        }
        return index;
    }
    return -1;
}

/** What went wrong with an option, in the user's words: unknown (with a suggestion), meant for another command, or missing its value. */
function optionProblem(error: unknown, command: CommandName | undefined, accepted: readonly OptionName[]): { sv: string; en: string } {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    // Node quotes the option: `'--fromat'`, or `'-o, --out <value>'` for a missing value.
    const quoted = /'(-[^']*)'/.exec(message)?.[1] ?? '';
    const flag = /--[\p{L}\p{N}-]+/u.exec(quoted)?.[0] ?? quoted.split(/[\s,=]/)[0];
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
        return problems.missingValue(flag);
    }
    const name = flag.replace(/^-+/, '').split('=')[0];
    const known = (Object.keys(OPTIONS) as OptionName[]).find(option => option === name || (OPTIONS[option] as { short?: string }).short === name);
    if (known && command) {
        return problems.optionForOtherCommand(flag, command, commandsTaking(known));
    }
    const suggestion = nearestName(flag, accepted.map(option => `--${option}`));
    if (!suggestion && command) {
        // Close to an option of another command: say so, rather than suggest nothing.
        const elsewhere = nearestName(flag, Object.keys(OPTIONS).map(option => `--${option}`));
        if (elsewhere) {
            return problems.unknownOption(flag, elsewhere, command, commandsTaking(elsewhere.slice(2) as OptionName));
        }
    }
    return problems.unknownOption(flag, suggestion, command);
}
