import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * `regelratt diff` on two folders of compiled JSON (what a consuming system receives) runs the same
 * semantic diff as on the sources they were compiled from: the analyses read only the compiled form
 * (@regelratt/analyses), so every entry, region, amount and example citizen is the same. Örebro's
 * committed revision: förlopp placement, a new year's table, a fee's validity, through the library.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const regelratt = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: repository, encoding: 'utf8' });

describe('regelratt diff on compiled folders', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-diff-compiled-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    test('the same entries, regions and amounts as on the sources, and the same exit code', () => {
        const before = path.join(scratch, 'före');
        const after = path.join(scratch, 'efter');
        expect(regelratt('compile', 'examples/orebro', '-o', before).status).toBe(0);
        expect(regelratt('compile', 'examples/orebro-revision', '-o', after).status).toBe(0);
        const fromSources = regelratt('diff', 'examples/orebro', 'examples/orebro-revision', '--format', 'json');
        const fromCompiled = regelratt('diff', before, after, '--format', 'json');
        expect(fromCompiled.stderr).toBe('');
        expect(fromCompiled.status).toBe(fromSources.status);
        expect(fromCompiled.status).toBe(1);
        const sources = JSON.parse(fromSources.stdout) as { answersChange: boolean; entries: unknown[] };
        const compiled = JSON.parse(fromCompiled.stdout) as { answersChange: boolean; entries: unknown[] };
        expect(compiled.answersChange).toBe(sources.answersChange);
        // Not vacuous: the revision changes answers of several kinds, amounts among them.
        expect(sources.entries.length).toBeGreaterThan(3);
        expect(JSON.stringify(sources.entries)).toContain('"pathwayModel"');
        expect(compiled.entries).toEqual(sources.entries);
    });

    test('in text as well, apart from the labels naming the inputs', () => {
        const before = path.join(scratch, 'före');
        const after = path.join(scratch, 'efter');
        const fromSources = regelratt('diff', 'examples/orebro', 'examples/orebro-revision');
        const fromCompiled = regelratt('diff', before, after);
        const body = (text: string) => text.split('\n').slice(1).join('\n');
        expect(fromCompiled.stdout.split('\n')[0]).toContain('Svaren ändras');
        expect(body(fromCompiled.stdout)).toBe(body(fromSources.stdout));
    });
});
