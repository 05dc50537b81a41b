import { countFindings, type MessageLocale, type PolicyDiagnostic } from '@regelratt/language';
import { severityWord } from './cli-messages.js';
import { painter } from './colour.js';

/** A diagnostic tied to the path the user gave (relative to where the command runs). */
export interface ReportedDiagnostic extends Omit<PolicyDiagnostic, 'related'> {
    file: string;
    /** Other places the finding is about, with paths shown as `file` is. */
    related?: Array<{ file: string; line: number; column: number; endLine: number; endColumn: number; message: string }>;
}

/** `file:line:col: fel: message [code]`, the shape compilers use, so editors and CI logs link to the place. */
export function formatText(diagnostic: ReportedDiagnostic, locale: MessageLocale, colour = false): string {
    const paint = painter(colour);
    const style = diagnostic.severity === 'error' ? 'red' : diagnostic.severity === 'warning' ? 'yellow' : 'cyan';
    return `${paint('bold', `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`)}: ${paint(style, severityWord(diagnostic.severity, locale))}: ${diagnostic.message} ${paint('dim', `[${diagnostic.code}]`)}`;
}

export function formatJson(diagnostics: readonly ReportedDiagnostic[], files: number): string {
    const counts = countFindings(diagnostics);
    return `${JSON.stringify({
        diagnostics: diagnostics.map(d => ({
            file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn,
            severity: d.severity, code: d.code, message: d.message, args: d.args,
            ...(d.witness ? { witness: d.witness } : {}),
            ...(d.related ? { related: d.related } : {}),
        })),
        summary: { files, errors: counts.errors, warnings: counts.warnings, infos: counts.others },
    }, null, 2)}\n`;
}
