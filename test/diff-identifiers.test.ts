import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { compiledSet, forbiddenNames, identifiersIn } from './identifier-scanner.js';

/**
 * `regelratt diff` for people (text, Markdown, HTML) names elements, attributes, values, förlopp and
 * columns by their titles, as the document does: the scanner of the document's identifiers finds
 * none in the diff of Örebro's revision, nor in that of a Habo revision (a decision table's amount,
 * a parameter and a formula changed), and no runtime error code either. JSON, for tools, keeps the names.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-diff-identifiers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Habo with a level's fee raised, a cap raised and a formula changed. */
function haboRevision(): string {
    const folder = path.join(scratch, 'habo-revision');
    cpSync(path.join(repository, 'examples/habo'), folder, { recursive: true });
    const file = path.join(folder, 'hemtjänst.regel');
    const text = readFileSync(file, 'utf8');
    const revised = text
        .replace('| 7–20            || 2    | 1 409 kr/mån |', '| 7–20            || 2    | 1 450 kr/mån |')
        .replace(': 310 kr/mån }', ': 350 kr/mån }')
        .replace('min(portioner × portionsavgift, matdistribution_högst)', 'min(portioner × portionsavgift + 5 kr, matdistribution_högst)');
    expect(revised.split('\n').filter((line, index) => line !== text.split('\n')[index]).length).toBe(3);
    writeFileSync(file, revised);
    return folder;
}

function plain(output: string, format: string): string {
    return format === 'html'
        ? output.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
        : output;
}

describe('the diff speaks in titles, not identifiers', () => {
    const pairs = [['examples/orebro', 'examples/orebro-revision'], ['examples/habo', 'habo-revision']] as const;
    test.each(pairs.flatMap(pair => ['text', 'markdown', 'html'].map(format => [...pair, format])))('%s → %s (%s)', async (before, after, format) => {
        const afterFolder = after === 'habo-revision' ? haboRevision() : path.join(repository, after);
        const run = spawnSync(process.execPath, [bin, 'diff', path.join(repository, before), afterFolder, '--format', format], { encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(1);
        const [old, next] = await Promise.all([compiledSet(path.join(repository, before)), compiledSet(afterFolder)]);
        const forbidden = new Set([...forbiddenNames(old.files, old.writer), ...forbiddenNames(next.files, next.writer)]);
        // The compared folders' paths are the reader's own words for the versions, not the policy's names.
        const text = plain(run.stdout, format).replaceAll(path.join(repository, before), '').replaceAll(afterFolder, '').replaceAll(before, '').replaceAll(after, '');
        const found = identifiersIn(text, forbidden);
        expect(found, `${format}:\n${found.join('\n')}`).toEqual([]);
        // A runtime error is said in words, not by its code (`no-valid-version`).
        expect(text).not.toMatch(/\bfel:? [a-z]+(?:-[a-z]+)+/);
    });
});
