import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { renderMessage, type MessageArgs } from '../i18n/diagnostic-catalogue.js';
import type { MessageLocale } from '@regelratt/analyses';

/**
 * How many findings one file shows: far more than anyone reads, far fewer than make an editor, a
 * terminal or a JSON report choke (a file of 70 000 duplicate names has 70 000 findings).
 */
export const MAX_FINDINGS_PER_FILE = 1000;

/** The hidden findings a `too-many-findings` diagnostic stands for, by severity. */
export interface HiddenFindings {
    errors: number;
    warnings: number;
    others: number;
}

const SUMMARY = 'too-many-findings';

function hiddenOf(diagnostic: Diagnostic): HiddenFindings | undefined {
    const data = diagnostic.data as { code?: string; args?: MessageArgs } | undefined;
    if (data?.code !== SUMMARY || !data.args) {
        return undefined;
    }
    return { errors: Number(data.args.errors), warnings: Number(data.args.warnings), others: Number(data.args.others) };
}

const rank = (d: Diagnostic) => d.severity ?? DiagnosticSeverity.Error;
const before = (a: Diagnostic, b: Diagnostic) =>
    rank(a) - rank(b) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/**
 * At most MAX_FINDINGS_PER_FILE findings of a file, the most severe first, and in their place one
 * `too-many-findings` diagnostic counting the rest by severity: never a silent drop, and an error
 * whenever an error is among the hidden ones, so that a check still fails. Idempotent: a summary in
 * the input is merged into the new one.
 */
export function limitFindings(diagnostics: Diagnostic[], locale: MessageLocale, max = MAX_FINDINGS_PER_FILE): Diagnostic[] {
    const hidden: HiddenFindings = { errors: 0, warnings: 0, others: 0 };
    const findings: Diagnostic[] = [];
    for (const diagnostic of diagnostics) {
        const counted = hiddenOf(diagnostic);
        if (counted) {
            hidden.errors += counted.errors;
            hidden.warnings += counted.warnings;
            hidden.others += counted.others;
        } else {
            findings.push(diagnostic);
        }
    }
    if (findings.length <= max && hidden.errors + hidden.warnings + hidden.others === 0) {
        return diagnostics;
    }
    const ordered = findings.length > max ? [...findings].sort(before) : findings;
    const kept = ordered.slice(0, max);
    for (const dropped of ordered.slice(max)) {
        const severity = rank(dropped);
        if (severity === DiagnosticSeverity.Error) {
            hidden.errors++;
        } else if (severity === DiagnosticSeverity.Warning) {
            hidden.warnings++;
        } else {
            hidden.others++;
        }
    }
    const args = { ...hidden, limit: max } satisfies MessageArgs;
    const at = ordered[max]?.range ?? diagnostics.find(hiddenOf)?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    kept.push({
        range: at,
        severity: hidden.errors > 0 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        code: SUMMARY,
        message: renderMessage(SUMMARY, args, locale),
        source: 'regelratt',
        data: { code: SUMMARY, args },
    });
    return kept;
}

/** Errors, warnings and the rest (notes, hints) of diagnostics, counting those a `too-many-findings` stands for. */
export function countFindings(diagnostics: ReadonlyArray<{ code?: unknown; severity?: unknown; args?: MessageArgs; data?: unknown }>): HiddenFindings {
    const counts: HiddenFindings = { errors: 0, warnings: 0, others: 0 };
    for (const diagnostic of diagnostics) {
        const args = diagnostic.code === SUMMARY ? (diagnostic.args ?? (diagnostic.data as { args?: MessageArgs } | undefined)?.args) : undefined;
        if (args) {
            counts.errors += Number(args.errors);
            counts.warnings += Number(args.warnings);
            counts.others += Number(args.others);
        } else if (diagnostic.severity === 'error' || diagnostic.severity === DiagnosticSeverity.Error) {
            counts.errors++;
        } else if (diagnostic.severity === 'warning' || diagnostic.severity === DiagnosticSeverity.Warning) {
            counts.warnings++;
        } else {
            counts.others++;
        }
    }
    return counts;
}
