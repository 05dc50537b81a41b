import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CaseInput } from '@regelratt/runtime';
import { JsonInputError, readJson } from './exact-json.js';

/**
 * The cases of a register as a municipality exports it from its case-management system, streamed in
 * constant memory: NDJSON (one case per line, read exactly as `eval` reads it) or CSV (a header row
 * naming the columns; `;` or `,` between fields, as Swedish spreadsheets write either). A CSV column
 * is an attribute of the citizen by its name, unless it is one of the case's own fields (`id`,
 * `datum`/`date`, `nivå`/`level`, `enhet`/`unit`, `insats`/`service`) or the mapping names the
 * attribute it holds. Every row or line gives a case or a problem with its line number.
 */
export type RegisterCase = { line: number; case: CaseInput } | { line: number; problem: string };

/** A column's meaning when it is the case's own field rather than an attribute. */
const CASE_FIELDS: Record<string, 'id' | 'date' | 'level' | 'unit' | 'service'> = {
    id: 'id', datum: 'date', date: 'date', nivå: 'level', level: 'level', enhet: 'unit', unit: 'unit', insats: 'service', service: 'service',
};

export type RegisterFormat = 'ndjson' | 'csv';

/** The format by the file's ending (`.ndjson`, `.jsonl`, `.csv`), or undefined. */
export function registerFormat(file: string): RegisterFormat | undefined {
    return /\.(ndjson|jsonl)$/i.test(file) ? 'ndjson' : /\.csv$/i.test(file) ? 'csv' : undefined;
}

export async function* registerCases(file: string, format: RegisterFormat, mapping: ReadonlyMap<string, string>, locale: 'sv' | 'en'): AsyncGenerator<RegisterCase> {
    if (format === 'ndjson') {
        yield* ndjsonCases(file, locale);
    } else {
        yield* csvCases(file, mapping, locale);
    }
}

async function* ndjsonCases(file: string, locale: 'sv' | 'en'): AsyncGenerator<RegisterCase> {
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
        line++;
        const content = line === 1 ? text.replace(/^\uFEFF/, '') : text;
        if (content.trim() === '') {
            yield { line, problem: locale === 'sv' ? 'tom rad' : 'empty line' };
            continue;
        }
        try {
            yield { line, case: readJson(content) as CaseInput };
        } catch (error) {
            if (!(error instanceof JsonInputError)) {
                throw error;
            }
            yield { line, problem: error.describe(locale) };
        }
    }
}

async function* csvCases(file: string, mapping: ReadonlyMap<string, string>, locale: 'sv' | 'en'): AsyncGenerator<RegisterCase> {
    const { parse } = await import('csv-parse');
    const parser = createReadStream(file).pipe(parse({ bom: true, delimiter: [';', ','], relax_column_count: true, skip_empty_lines: false, info: true }));
    let header: string[] | undefined;
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        const line = record.info.lines;
        if (!header) {
            header = record.record.map(name => name.trim().normalize('NFC'));
            continue;
        }
        const citizen: Record<string, string | boolean> = {};
        const input: CaseInput = { citizen };
        record.record.forEach((raw, index) => {
            const column = header![index];
            const value = raw.trim();
            if (column === undefined || value === '') {
                return; // an empty cell gives no value: the runtime says so if the policy needs one
            }
            const mapped = mapping.get(column) ?? column;
            const field = CASE_FIELDS[mapped.toLowerCase()];
            if (field === 'level') {
                input.level = Number(value);
            } else if (field) {
                (input as unknown as Record<string, unknown>)[field] = value;
            } else {
                // Numbers stay text: the runtime reads numeric text exactly, with a decimal comma too.
                citizen[mapped] = value === 'ja' || value === 'true' ? true : value === 'nej' || value === 'false' ? false : value.replace(/^(-?\d+),(\d+)$/, '$1.$2');
            }
        });
        if (input.level !== undefined && !Number.isInteger(input.level)) {
            yield { line, problem: locale === 'sv' ? 'nivån är inget heltal' : 'the level is not a whole number' };
            continue;
        }
        yield { line, case: input };
    }
}
