import type { CliOptions } from '../arguments.js';
import { hiddenInfos, summary } from '../cli-messages.js';
import { formatJson, formatText, type ReportedDiagnostic } from '../diagnostic-output.js';
import type { CliIO } from '../io.js';
import { loadWorkspace } from '../load-workspace.js';

export const EXIT_CLEAN = 0;
export const EXIT_POLICY_ERRORS = 1;
export const EXIT_USAGE_OR_IO = 2;

/** `regelratt check`: 0 without errors (warnings allowed), 1 with errors, 2 when inputs cannot be read. */
export async function runCheck(options: CliOptions, io: CliIO): Promise<number> {
    const loaded = await loadWorkspace(options, io.cwd);
    if (!loaded.ok) {
        printDiagnostics(loaded.problems, 0, options, io);
        return EXIT_USAGE_OR_IO;
    }
    const { diagnostics, checked } = loaded.workspace;
    printDiagnostics(diagnostics, checked.length, options, io);
    return diagnostics.some(d => d.severity === 'error') ? EXIT_POLICY_ERRORS : EXIT_CLEAN;
}

export function printDiagnostics(diagnostics: readonly ReportedDiagnostic[], files: number, options: CliOptions, io: CliIO): void {
    if (options.format === 'json') {
        io.stdout.write(formatJson(diagnostics, files));
        return;
    }
    const informational = (d: ReportedDiagnostic) => d.severity === 'info' || d.severity === 'hint';
    for (const diagnostic of diagnostics) {
        if (options.info || !informational(diagnostic)) {
            io.stdout.write(`${formatText(diagnostic, options.locale, io.colour)}\n`);
        }
    }
    if (files > 0) {
        const errors = diagnostics.filter(d => d.severity === 'error').length;
        const warnings = diagnostics.filter(d => d.severity === 'warning').length;
        const hidden = options.info ? 0 : diagnostics.filter(informational).length;
        io.stderr.write(`${summary(errors, warnings, files, options.locale)}${hidden > 0 ? ` ${hiddenInfos(hidden, options.locale)}` : ''}\n`);
    }
}
