import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { diffWording, formatDiffHtml, formatDiffJson, formatDiffMarkdown, formatDiffText, newWarnings, type DiffLabels, type DiffRendering } from '@regelratt/document';
import { diffPolicies } from '@regelratt/analyses';
import { compiledKindName } from '@regelratt/language';
import { readRevision } from '@regelratt/language/node';
import type { CliOptions } from '../arguments.js';
import { compileInMemory } from '../compile-in-memory.js';
import { formatText } from '../diagnostic-output.js';
import type { CliIO } from '../io.js';
import type { CompiledPolicyFile } from '@regelratt/format';
import { formatImpactMarkdown, formatImpactText, impactSections, unreadableCases, type ImpactWording } from '../impact-output.js';
import { loadCompiledJson } from '../load-compiled.js';
import { impactWording, registerImpact, type RegisterRun } from './diff-register.js';
import { loadWorkspace, type LoadedWorkspace, type SharedServices } from '../load-workspace.js';
import { EXIT_USAGE_OR_IO } from './check.js';

export const EXIT_SAME = 0;
export const EXIT_CHANGED = 1;

/**
 * `regelratt diff <before> <after>` or `regelratt diff --rev <revision> <files or folders>`: what the
 * new version changes for citizens (analysis/semantic-diff.ts), as text, Markdown or JSON. Exit 0
 * when every answer is the same, 1 when answers change, 2 when a version cannot be read or has errors.
 */
export async function runDiff(options: CliOptions, io: CliIO): Promise<number> {
    let scratch: string | undefined;
    try {
        let beforeInputs: string[];
        let afterInputs: string[];
        let labels: DiffLabels;
        if (options.rev !== undefined) {
            const extracted = await extractRevision(options.rev, options.inputs, io.cwd, options.locale);
            if ('problem' in extracted) {
                io.stderr.write(`regelratt: ${extracted.problem}\n`);
                return EXIT_USAGE_OR_IO;
            }
            scratch = extracted.folder;
            beforeInputs = extracted.inputs;
            afterInputs = options.inputs;
            labels = { before: `${options.rev}:${options.inputs.join(' ')}`, after: options.inputs.join(' ') };
        } else {
            [beforeInputs, afterInputs] = [[options.inputs[0]], [options.inputs[1]]];
            labels = { before: options.inputs[0], after: options.inputs[1] };
        }
        return await diffVersions(beforeInputs, afterInputs, labels, options, io);
    } finally {
        if (scratch) {
            rmSync(scratch, { recursive: true, force: true });
        }
    }
}

/**
 * The diff between two versions given as inputs (folders or files of .regel or compiled JSON), written
 * to `io.stdout` in `options.format`; the exit code as `diff`'s. The studio's comparison with a git
 * revision runs it too.
 */
export async function diffVersions(beforeInputs: string[], afterInputs: string[], labels: DiffLabels, options: CliOptions, io: CliIO): Promise<number> {
    const sv = options.locale === 'sv';
    const shared: SharedServices = {};
    const before = await loadVersion({ ...options, inputs: beforeInputs }, io, labels.before, sv, shared);
    if (!before) {
        return EXIT_USAGE_OR_IO;
    }
    const after = await loadVersion({ ...options, inputs: afterInputs }, io, labels.after, sv, shared);
    if (!after) {
        return EXIT_USAGE_OR_IO;
    }
    const format = options.format === 'markdown' || options.format === 'json' || options.format === 'html' ? options.format : 'text';
    // For people, the policy's things by their titles; for tools (JSON), by their names.
    const diff = diffPolicies(before.files, after.files, options.locale, format === 'json' ? undefined : diffWording(before.files, after.files, options.locale));
    const rendering: DiffRendering = {
        labels, locale: options.locale, kindName: kind => compiledKindName(kind, options.locale), newFindings: newWarnings(before.diagnostics, after.diagnostics),
    };
    const render = { text: formatDiffText, markdown: formatDiffMarkdown, html: formatDiffHtml, json: formatDiffJson } as const;
    if (options.register !== undefined) {
        const run = await registerImpact(before.files, after.files, options, io);
        if ('problem' in run) {
            io.stderr.write(`regelratt: ${run.problem}\n`);
            return EXIT_USAGE_OR_IO;
        }
        const wording = impactWording([before.files, after.files], options.locale, format === 'html' || format === 'markdown' ? 'nämnd' : 'writer');
        io.stdout.write(format === 'html'
            ? formatDiffHtml(diff, rendering, impactSections(run.impact, options.locale, wording))
            : renderWithImpact(format, render[format](diff, rendering), run, wording, options.locale));
        if (run.unreadable.count > 0) {
            io.stderr.write(`${unreadableCases(run.unreadable, options.register, options.locale)}\n`);
        }
        return diff.answersChange || run.impact.answers.some(answer => !('count' in answer.changed) || answer.changed.count > 0) ? EXIT_CHANGED : EXIT_SAME;
    }
    io.stdout.write(render[format](diff, rendering));
    return diff.answersChange ? EXIT_CHANGED : EXIT_SAME;
}

/** The diff as rendered, with the register's impact after it (inside it, for JSON and HTML). */
function renderWithImpact(format: 'text' | 'markdown' | 'json', rendered: string, run: RegisterRun, wording: ImpactWording, locale: 'sv' | 'en'): string {
    switch (format) {
        case 'text': return `${rendered}\n${formatImpactText(run.impact, locale, wording)}`;
        case 'markdown': return `${rendered}\n${formatImpactMarkdown(run.impact, locale, wording)}`;
        case 'json': return `${JSON.stringify({ ...JSON.parse(rendered) as object, register: { ...run.impact, unreadable: run.unreadable.count } }, null, 2)}\n`;
    }
}

/**
 * A version as compiled files: sources that check without errors (with their diagnostics), or a
 * folder of compiled JSON as a consuming system receives it (checked as the runtime checks it);
 * undefined after saying why not. Compiled before it returns, so the next version can be loaded into
 * the same `shared` services.
 */
async function loadVersion(options: CliOptions, io: CliIO, label: string, sv: boolean, shared: SharedServices): Promise<{ files: CompiledPolicyFile[]; diagnostics: LoadedWorkspace['diagnostics'] } | undefined> {
    const compiled = await loadCompiledJson(options.inputs, options, io.cwd);
    if (compiled) {
        if ('problem' in compiled) {
            io.stderr.write(`regelratt: ${label}: ${compiled.problem}\n`);
            return undefined;
        }
        return { files: compiled.files, diagnostics: [] };
    }
    const loaded = await loadWorkspace(options, io.cwd, shared);
    if (!loaded.ok) {
        for (const problem of loaded.problems) {
            io.stderr.write(`${formatText(problem, options.locale, io.colour)}\n`);
        }
        return undefined;
    }
    const errors = loaded.workspace.diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0) {
        for (const error of errors) {
            io.stderr.write(`${formatText(error, options.locale, io.colour)}\n`);
        }
        io.stderr.write(sv
            ? `regelratt: ${label} har fel; en version med fel har inga säkra svar att jämföra. Rätta felen först.\n`
            : `regelratt: ${label} has errors; a version with errors has no answers to compare. Fix the errors first.\n`);
        return undefined;
    }
    return { files: compileInMemory(loaded.workspace), diagnostics: loaded.workspace.diagnostics };
}

/**
 * The .regel files under the inputs as they were in a git revision (@regelratt/language/node's
 * readRevision), written to a scratch folder with the same layout relative to the repository's root;
 * the inputs pointed into that folder.
 */
export async function extractRevision(revision: string, inputs: readonly string[], cwd: string, locale: 'sv' | 'en'): Promise<{ folder: string; inputs: string[] } | { problem: string }> {
    const read = await readRevision(revision, inputs, cwd, locale);
    if ('problem' in read) {
        return read;
    }
    const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-diff-'));
    for (const file of read.files) {
        const target = path.join(folder, ...file.relative.split('/'));
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, file.text);
    }
    return { folder, inputs: read.inputs.map(r => path.join(folder, ...r.split('/'))) };
}
