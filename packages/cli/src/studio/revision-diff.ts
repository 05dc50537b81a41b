import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArguments } from '../arguments.js';
import { diffVersions, EXIT_CHANGED, EXIT_SAME, extractRevision } from '../commands/diff.js';
import { checkRelativePath } from './policy-paths.js';

export interface PageFile {
    path: string;
    text: string;
}

export type RevisionDiff =
    | { html: string; changed: boolean }
    | { problem: string };

/**
 * What the page's texts (saved or not) change for citizens against a git revision of the policy
 * folder: `regelratt diff --rev` with the editor's texts as the new version, as HTML. A problem says
 * why not (no git, no such revision, a version with errors), in the page's language.
 */
export async function diffAgainstRevision(folder: string, revision: string, files: readonly PageFile[], locale: 'sv' | 'en'): Promise<RevisionDiff> {
    const sv = locale === 'sv';
    // No server path in what the page is told: the folder by its name, the scratch folders not at all.
    const shown = (text: string) => text.split(folder).join(path.basename(folder));
    const extracted = await extractRevision(revision, [folder], folder, locale);
    if ('problem' in extracted) {
        return { problem: shown(extracted.problem) };
    }
    const after = mkdtempSync(path.join(tmpdir(), 'regelratt-studio-diff-'));
    try {
        for (const file of files) {
            const target = path.join(after, ...checkRelativePath(file.path));
            mkdirSync(path.dirname(target), { recursive: true });
            writeFileSync(target, file.text);
        }
        const parsed = parseArguments(['diff', '--format', 'html', '--lang', locale, extracted.inputs[0], after]);
        if (!parsed.ok) {
            throw new Error(`diff arguments: ${JSON.stringify(parsed)}`);
        }
        let html = '';
        let problems = '';
        const exit = await diffVersions(extracted.inputs, [after], {
            before: revision,
            after: sv ? 'texterna i studion' : 'the texts in the studio',
        }, parsed.options, {
            stdout: { write: chunk => { html += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'); } },
            stderr: { write: text => { problems += text; } },
            cwd: folder,
        });
        if (exit !== EXIT_SAME && exit !== EXIT_CHANGED) {
            const inScratch = problems.split(after + path.sep).join('').split(extracted.inputs[0] + path.sep).join(`${revision}:`);
            return { problem: shown(inScratch.split(after).join('.').split(extracted.folder).join(revision)).replace(/^regelratt: /gm, '').trim() };
        }
        return { html, changed: exit === EXIT_CHANGED };
    } finally {
        rmSync(after, { recursive: true, force: true });
        rmSync(extracted.folder, { recursive: true, force: true });
    }
}
