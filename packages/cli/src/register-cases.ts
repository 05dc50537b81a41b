import { createReadStream } from 'node:fs';
import type { CaseInput } from '@regelratt/runtime';
import { JsonInputError, readJson } from './exact-json.js';
import { boundedLines } from './register-line-limit.js';

/**
 * The cases of a register as a municipality exports it from its case-management system, streamed in
 * constant memory: NDJSON (one case per line, read exactly as `eval` reads it), CSV (a header row
 * naming the columns; `;` or `,` between fields, as Swedish spreadsheets write either) or Excel
 * (.xlsx: the first worksheet, its first row naming the columns). A CSV or worksheet column
 * is an attribute of the citizen by its name, unless it is one of the case's own fields (`id`,
 * `datum`/`date`, `nivå`/`level`, `enhet`/`unit`, `insats`/`service`) or the mapping names the
 * attribute it holds. Every row or line gives a case or a problem with its line number.
 */
export type RegisterCase = { line: number; case: CaseInput } | { line: number; problem: string };

/** A column's meaning when it is the case's own field rather than an attribute. */
const CASE_FIELDS: Record<string, 'id' | 'date' | 'level' | 'unit' | 'service'> = {
    id: 'id', datum: 'date', date: 'date', nivå: 'level', level: 'level', enhet: 'unit', unit: 'unit', insats: 'service', service: 'service',
};

/** How each format's cases are read, by the format's name. */
const READERS = {
    ndjson: (file, _mapping, locale, maxLineBytes) => ndjsonCases(file, locale, maxLineBytes),
    csv: csvCases,
    xlsx: xlsxCases,
} satisfies Record<string, (file: string, mapping: ReadonlyMap<string, string>, locale: 'sv' | 'en', maxLineBytes: number) => AsyncGenerator<RegisterCase>>;

export type RegisterFormat = keyof typeof READERS;

/** The format by the file's ending (`.ndjson`, `.jsonl`, `.csv`, `.xlsx`), or undefined. */
export function registerFormat(file: string): RegisterFormat | undefined {
    return /\.(ndjson|jsonl)$/i.test(file) ? 'ndjson' : /\.csv$/i.test(file) ? 'csv' : /\.xlsx$/i.test(file) ? 'xlsx' : undefined;
}

/** The register's cases; an NDJSON line longer than `maxLineBytes` (one case's limit) stops the reading (RegisterLineTooLongError). */
export function registerCases(file: string, format: RegisterFormat, mapping: ReadonlyMap<string, string>, locale: 'sv' | 'en', maxLineBytes: number): AsyncGenerator<RegisterCase> {
    return READERS[format](file, mapping, locale, maxLineBytes);
}

async function* ndjsonCases(file: string, locale: 'sv' | 'en', maxLineBytes: number): AsyncGenerator<RegisterCase> {
    let line = 0;
    for await (const text of boundedLines(file, maxLineBytes, locale)) {
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
            header = headerOf(record.record);
            continue;
        }
        yield caseFromRow(line, header, record.record, mapping, locale);
    }
}

/**
 * The first worksheet of an Excel workbook (.xlsx), read as a stream by exceljs's workbook reader
 * (rows as they are unzipped, not the workbook in memory), with the same columns as a CSV file. A
 * row's number is its row in the sheet, as the user sees it in Excel.
 */
async function* xlsxCases(file: string, mapping: ReadonlyMap<string, string>, locale: 'sv' | 'en'): AsyncGenerator<RegisterCase> {
    const { default: ExcelJS } = await import('exceljs');
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
    let header: string[] | undefined;
    for await (const worksheet of reader) {
        for await (const row of worksheet as AsyncIterable<import('exceljs').Row>) {
            const cells: string[] = [];
            let problem: string | undefined;
            row.eachCell({ includeEmpty: false }, (cell, column) => {
                const text = cellText(cell.value);
                if (typeof text === 'string') {
                    cells[column - 1] = text;
                } else {
                    problem ??= locale === 'sv' ? `cellen ${cell.address} har felet ${text.error}` : `cell ${cell.address} holds the error ${text.error}`;
                }
            });
            if (!header) {
                header = headerOf(Array.from(cells, cell => cell ?? ''));
                continue;
            }
            yield problem ? { line: row.number, problem } : caseFromRow(row.number, header, Array.from(cells, cell => cell ?? ''), mapping, locale);
        }
        break; // the first worksheet is the register
    }
}

/** A cell's value as the text a CSV file would hold: numbers as their shortest exact decimal, dates as ISO days. */
function cellText(value: import('exceljs').CellValue): string | { error: string } {
    if (value === null || value === undefined) {
        return '';
    }
    if (value instanceof Date) {
        // Excel stores a day without a time zone; exceljs gives it as midnight UTC.
        return value.toISOString().slice(0, 10);
    }
    if (typeof value === 'number' || typeof value === 'string') {
        return String(value);
    }
    if (typeof value === 'boolean') {
        return value ? 'ja' : 'nej';
    }
    if ('error' in value) {
        return { error: String(value.error) };
    }
    if ('richText' in value) {
        return value.richText.map(part => part.text).join('');
    }
    if ('formula' in value || 'sharedFormula' in value) {
        return 'result' in value && value.result !== undefined ? cellText(value.result as import('exceljs').CellValue) : '';
    }
    if ('text' in value) {
        return String(value.text);
    }
    return '';
}

function headerOf(names: readonly string[]): string[] {
    return names.map(name => name.trim().normalize('NFC'));
}

/** A row of a CSV file or a worksheet as a case: each column an attribute, a case field or (mapped) an attribute by another name. */
function caseFromRow(line: number, header: readonly string[], row: readonly string[], mapping: ReadonlyMap<string, string>, locale: 'sv' | 'en'): RegisterCase {
    const citizen: Record<string, string | boolean> = {};
    const input: CaseInput = { citizen };
    row.forEach((raw, index) => {
        const column = header[index];
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
        return { line, problem: locale === 'sv' ? 'nivån är inget heltal' : 'the level is not a whole number' };
    }
    return { line, case: input };
}
