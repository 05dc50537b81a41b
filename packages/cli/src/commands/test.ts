import * as path from 'node:path';
import { exampleCoverage } from '@regelratt/analyses';
import { runExamples, type ExampleResult } from '@regelratt/runtime';
import type { CliOptions } from '../arguments.js';
import type { CliIO } from '../io.js';
import { examplesSummary } from '../cli-messages.js';
import { exampleResultText } from '../example-output.js';
import { loadRuntime } from '../load-runtime.js';
import { compileInMemory } from '../compile-in-memory.js';
import { coveragePercent, formatCoverageText } from '../coverage-output.js';
import { shown as displayPath } from '../input-files.js';
import { painter } from '../colour.js';
import { EXIT_CLEAN, EXIT_POLICY_ERRORS } from './check.js';

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
    const lines = results.map(result => ({ result, text: exampleResultText(result, options.locale) }));
    const failed = results.filter(r => !r.passed).length;
    const coverage = options.coverage ? exampleCoverage(compileInMemory(loaded.workspace), options.locale) : undefined;
    const belowMinimum = coverage !== undefined && options.minCoverage !== undefined && coveragePercent(coverage) < options.minCoverage;
    if (options.format === 'json') {
        io.stdout.write(`${JSON.stringify({
            ...(coverage ? { coverage: { ...coverage, percent: coveragePercent(coverage) } } : {}),
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
        if (coverage) {
            io.stdout.write(`\n${formatCoverageText(coverage, loaded.runtime, options.locale, new Set(results.map(r => r.example.name)))}`);
        }
    }
    if (belowMinimum) {
        io.stderr.write(sv
            ? `Täckningen ${Math.floor(coveragePercent(coverage))} % är lägre än --min-coverage ${options.minCoverage} %.\n`
            : `Coverage ${Math.floor(coveragePercent(coverage))} % is below --min-coverage ${options.minCoverage} %.\n`);
    }
    return failed > 0 || belowMinimum ? EXIT_POLICY_ERRORS : EXIT_CLEAN;
}
