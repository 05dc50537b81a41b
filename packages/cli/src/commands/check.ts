import { checkPoliciesAgain, countFindings } from '@regelratt/language';
import type { CliOptions } from '../arguments.js';
import { hiddenInfos, moreOfTheSame, summary } from '../cli-messages.js';
import { formatJson, formatText, type ReportedDiagnostic } from '../diagnostic-output.js';
import type { CliIO } from '../io.js';
import { loadWorkspace, reportedDiagnostics, type LoadedWorkspace } from '../load-workspace.js';
import { formatSarif } from '../sarif-output.js';
import { cliVersion } from '../version.js';

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
    // SARIF carries each message in both languages. A message's arguments are worded in the language
    // the check ran in (a criterion's ja/nej, an operation's verb), so the other language's text
    // comes from a check run in that language, never from this run's arguments: the loaded documents
    // validated again, not read, parsed and linked a second time.
    const translations = options.format === 'sarif' ? await otherLanguage(loaded.workspace, options, io.cwd) : undefined;
    printDiagnostics(diagnostics, checked.filter(c => !c.library).length, options, io, translations);
    return diagnostics.some(d => d.severity === 'error') ? EXIT_POLICY_ERRORS : EXIT_CLEAN;
}

/** How many diagnostics of one code at one place the text output shows before it counts the rest. */
export const SHOWN_PER_PLACE = 3;

/** The workspace's diagnostics in the language the check did not run in (SARIF's translations). */
export async function otherLanguage(workspace: LoadedWorkspace, options: CliOptions, cwd: string): Promise<readonly ReportedDiagnostic[]> {
    return reportedDiagnostics(await checkPoliciesAgain(workspace.services, workspace.checked, options.locale === 'sv' ? 'en' : 'sv'), cwd);
}

export function printDiagnostics(diagnostics: readonly ReportedDiagnostic[], files: number, options: CliOptions, io: CliIO, translations?: readonly ReportedDiagnostic[], failingExamples = 0): void {
    if (options.format === 'json') {
        io.stdout.write(formatJson(diagnostics, files));
        return;
    }
    if (options.format === 'sarif') {
        io.stdout.write(formatSarif(diagnostics, { locale: options.locale, version: cliVersion(), cwd: io.cwd, translations }));
        return;
    }
    const informational = (d: ReportedDiagnostic) => d.severity === 'info' || d.severity === 'hint';
    const shown = diagnostics.filter(d => options.info || !informational(d));
    // An analysis can find hundreds of regions of one kind at one place (every gap of a large
    // table): the text shows the first few and counts the rest; `--format json` lists them all.
    const samePlace = (d: ReportedDiagnostic) => `${d.file}\u0000${d.line}\u0000${d.column}\u0000${d.code}`;
    const total = new Map<string, number>();
    for (const key of shown.map(samePlace)) {
        total.set(key, (total.get(key) ?? 0) + 1);
    }
    const printed = new Map<string, number>();
    for (const diagnostic of shown) {
        const key = samePlace(diagnostic);
        const count = (printed.get(key) ?? 0) + 1;
        printed.set(key, count);
        if (count <= SHOWN_PER_PLACE) {
            io.stdout.write(`${formatText(diagnostic, options.locale, io.colour)}\n`);
        }
        if (count === SHOWN_PER_PLACE && total.get(key)! > SHOWN_PER_PLACE) {
            io.stdout.write(`${moreOfTheSame(diagnostic, total.get(key)! - SHOWN_PER_PLACE, options.locale)}\n`);
        }
    }
    if (files > 0) {
        // A file with more findings than are shown counts them all (too-many-findings stands for the rest).
        const { errors, warnings } = countFindings(diagnostics);
        const infos = options.info ? 0 : diagnostics.filter(d => d.severity === 'info').length;
        // Hints about regions without an example are counted as such; any other hint (rows that can merge) apart.
        const hinted = options.info ? [] : diagnostics.filter(d => d.severity === 'hint');
        const hints = hinted.filter(d => d.code === 'uncovered-region').length;
        const otherHints = hinted.length - hints;
        io.stderr.write(`${summary(errors, warnings, files, options.locale, failingExamples)}${infos + hinted.length > 0 ? ` ${hiddenInfos(infos, hints, options.locale, otherHints)}` : ''}\n`);
    }
}
