import * as path from 'node:path';
import { renderMessage, swedishDecimal } from '@regelratt/language';
import { runExamples, type ExampleResult } from '@regelratt/runtime';
import type { ExampleExpectation } from '@regelratt/format';
import type { CliOptions } from '../arguments.js';
import type { CliIO } from '../io.js';
import { examplesSummary } from '../cli-messages.js';
import { loadRuntime } from '../load-runtime.js';
import { shown as displayPath } from '../load-workspace.js';
import { painter } from '../colour.js';
import { EXIT_CLEAN, EXIT_POLICY_ERRORS } from './check.js';

const labels: Record<keyof ExampleExpectation, { sv: string; en: string }> = {
    pathway: { sv: 'förlopp', en: 'pathway' },
    secondary: { sv: 'sekundärt förlopp', en: 'secondary pathway' },
    included: { sv: 'ingår', en: 'included' },
    amount: { sv: 'belopp', en: 'amount' },
    monthly: { sv: 'per månad', en: 'per month' },
    total: { sv: 'totalt', en: 'total' },
    error: { sv: 'fel', en: 'error' },
};

function shown(value: unknown, sv: boolean): string {
    if (value === null || value === undefined) {
        return sv ? 'inget' : 'none';
    }
    if (typeof value === 'boolean') {
        return value ? (sv ? 'ja' : 'yes') : (sv ? 'nej' : 'no');
    }
    const text = String(value);
    if (/^-?\d+(\.\d+)?$/.test(text)) {
        const written = swedishDecimal(text);
        return `${sv ? written : written.replace(',', '.')} kr`;
    }
    return text.includes('/') ? text.split('/')[1] : text;
}

/**
 * `regelratt test`: checks and compiles the policy, then runs every inline example through the
 * runtime on the compiled JSON, exactly as a consuming system would. Exit 1 on any failure.
 */
export async function runTest(options: CliOptions, io: CliIO): Promise<number> {
    const loaded = await loadRuntime(options, io);
    if ('exitCode' in loaded) {
        return loaded.exitCode;
    }
    const results = runExamples(loaded.runtime);
    const sv = options.locale === 'sv';
    const where = (result: ExampleResult) => {
        const file = displayPath(path.join(loaded.workspace.root, result.example.source.file), io.cwd);
        return `${file}:${result.example.source.line}:${result.example.source.column}`;
    };
    const lines = results.map(result => {
        const name = result.example.name;
        if (result.error && !result.passed && result.expected.error === undefined) {
            return { result, text: renderMessage('example-error', { name, message: result.error.message, code: result.error.code }, options.locale) };
        }
        if (!result.passed) {
            // An expected error is compared by its code; an unexpected answer shows as "fick" the answer's fields.
            const differences = (Object.keys(result.expected) as Array<keyof ExampleExpectation>)
                .filter(key => result.expected[key] !== result.actual?.[key])
                .map(key => `${labels[key][options.locale]}: ${sv ? 'väntat' : 'expected'} ${shown(result.expected[key], sv)}, ${sv ? 'fick' : 'got'} ${shown(result.actual?.[key], sv)}`)
                .join('; ');
            return { result, text: `${renderMessage('example-failed', { name, differences }, options.locale)} [example-failed]` };
        }
        return { result, text: name };
    });
    const failed = results.filter(r => !r.passed).length;
    if (options.format === 'json') {
        io.stdout.write(`${JSON.stringify({
            examples: lines.map(({ result, text }) => ({
                name: result.example.name, source: where(result), passed: result.passed,
                expected: result.expected, ...(result.actual ? { actual: result.actual } : {}), ...(result.error ? { error: result.error } : {}),
                ...(result.passed ? {} : { message: text }),
            })),
            summary: { passed: results.length - failed, failed },
        }, null, 2)}\n`);
    } else {
        for (const { result, text } of lines) {
            const paint = painter(io.colour === true);
            io.stdout.write(`${where(result)}: ${result.passed ? paint('green', 'ok') : paint('red', sv ? 'fel' : 'error')}: ${text}\n`);
        }
        io.stdout.write(`${examplesSummary(results.length - failed, failed, options.locale)}\n`);
    }
    return failed > 0 ? EXIT_POLICY_ERRORS : EXIT_CLEAN;
}
