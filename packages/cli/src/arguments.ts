import { parseArgs } from 'node:util';
import { isMessageLocale, type MessageLocale } from '@regelratt/language';
import { problems } from './cli-messages.js';

export interface CliOptions {
    command?: string;
    inputs: string[];
    out?: string;
    format: 'text' | 'json';
    locale: MessageLocale;
    maxFileBytes: number;
    /** Show information-level diagnostics (unused declarations) in text output. */
    info: boolean;
    /** `eval`: the case or register file, and a date for cases that give none. */
    input?: string;
    date?: string;
    /** `eval` of a register: attach explanations to every answer (a single case always has them). */
    explain: boolean;
    help: boolean;
    version: boolean;
    /** Print the stack of an internal error (also `REGELRATT_DEBUG=1`). */
    debug: boolean;
}

export type ParsedArguments = { ok: true; options: CliOptions } | { ok: false; locale: MessageLocale; problem: { sv: string; en: string } };

const DEFAULT_MAX_MB = 4;

export function parseArguments(argv: readonly string[]): ParsedArguments {
    // The language flag decides how every other problem is reported, so find it first.
    const langIndex = argv.indexOf('--lang');
    const requestedLocale = langIndex >= 0 ? argv[langIndex + 1] : undefined;
    const locale: MessageLocale = isMessageLocale(requestedLocale) ? requestedLocale : 'sv';
    let parsed;
    try {
        parsed = parseArgs({
            args: [...argv],
            allowPositionals: true,
            strict: true,
            options: {
                out: { type: 'string', short: 'o' },
                format: { type: 'string', default: 'text' },
                lang: { type: 'string', default: 'sv' },
                'max-file-size': { type: 'string' },
                info: { type: 'boolean', default: false },
                input: { type: 'string' },
                date: { type: 'string' },
                explain: { type: 'boolean', default: false },
                help: { type: 'boolean', short: 'h', default: false },
                version: { type: 'boolean', short: 'v', default: false },
                debug: { type: 'boolean', default: false },
            },
        });
    } catch (error) {
        return { ok: false, locale, problem: problems.badOption((error as Error).message) };
    }
    const { values, positionals } = parsed;
    if (!isMessageLocale(values.lang)) {
        return { ok: false, locale, problem: problems.badValue('--lang', String(values.lang)) };
    }
    if (values.format !== 'text' && values.format !== 'json') {
        return { ok: false, locale, problem: problems.badValue('--format', String(values.format)) };
    }
    let maxFileBytes = DEFAULT_MAX_MB * 1024 * 1024;
    if (values['max-file-size'] !== undefined) {
        const mb = Number(values['max-file-size'].replace(',', '.'));
        if (!Number.isFinite(mb) || mb <= 0) {
            return { ok: false, locale, problem: problems.badValue('--max-file-size', values['max-file-size']) };
        }
        maxFileBytes = Math.round(mb * 1024 * 1024);
    }
    if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
        return { ok: false, locale, problem: problems.badValue('--date', values.date) };
    }
    const [command, ...inputs] = positionals;
    return {
        ok: true,
        options: {
            command,
            inputs,
            out: values.out,
            format: values.format,
            locale: values.lang,
            maxFileBytes,
            info: values.info ?? false,
            input: values.input,
            date: values.date,
            explain: values.explain ?? false,
            help: values.help ?? false,
            version: values.version ?? false,
            debug: values.debug ?? false,
        },
    };
}
