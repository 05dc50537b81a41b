import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readRevision } from '@regelratt/language/node';

/**
 * readRevision, what `diff --rev`, the studio and the editor compare the working copy with: the
 * .regel files of a git revision, or a message in the locale's words, never an exception, and git
 * run without a shell whatever the names.
 */
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-git-revision-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=Regelrätt', '-c', 'user.email=test@example.invalid', ...args], { cwd });
const policy = 'parameter städavgift "Städning" : belopp { från 2017-01-01 : 503 kr/mån }\n';

describe('readRevision', () => {
    test('a folder outside git, a repository without commits, a revision that looks like an option', async () => {
        const loose = path.join(scratch, 'lös');
        mkdirSync(loose);
        expect(await readRevision('HEAD', [loose], loose, 'sv')).toEqual({ problem: `${loose} ligger inte i något git-arkiv; jämförelsen med HEAD kräver git och ett git-arkiv.` });
        expect(await readRevision('HEAD', [loose], loose, 'en')).toEqual({ problem: `${loose} is not inside a git repository; comparing with HEAD needs git and a repository.` });
        const empty = path.join(scratch, 'tom');
        mkdirSync(empty);
        git(empty, 'init', '--quiet');
        expect(await readRevision('HEAD', [empty], empty, 'sv')).toEqual({ problem: "revisionen 'HEAD' finns inte i git-arkivet (inget har committats än)." });
        expect(await readRevision('--output=x', [empty], empty, 'sv')).toEqual({ problem: "revisionen '--output=x' finns inte i git-arkivet." });
    });

    test('a policy file not yet committed: no .regel file in HEAD, said with the folder', async () => {
        const folder = path.join(scratch, 'ny');
        mkdirSync(folder);
        git(folder, 'init', '--quiet');
        writeFileSync(path.join(folder, 'README'), 'Habo\n');
        git(folder, 'add', 'README');
        git(folder, 'commit', '--quiet', '-m', 'README');
        writeFileSync(path.join(folder, 'hemtjänst.regel'), policy);
        expect(await readRevision('HEAD', [folder], folder, 'sv')).toEqual({ problem: `inga .regel-filer under ${folder} i HEAD.` });
    });

    test('the committed texts, under names a shell would run, with no shell', async () => {
        const folder = path.join(scratch, 'arkiv');
        mkdirSync(path.join(folder, 'del'), { recursive: true });
        git(folder, 'init', '--quiet');
        const name = 'del/a $(touch injicerad) `touch b`; c.regel';
        writeFileSync(path.join(folder, name), policy);
        git(folder, 'add', '.');
        git(folder, 'commit', '--quiet', '-m', 'policy');
        writeFileSync(path.join(folder, name), policy.replace('503', '520'));
        const read = await readRevision('HEAD', ['del'], folder, 'sv');
        expect(read).toMatchObject({ inputs: ['del'], files: [{ relative: name, text: policy }] });
        expect(existsSync(path.join(folder, 'injicerad'))).toBe(false);
        expect(existsSync(path.join(folder, 'del', 'injicerad'))).toBe(false);
    });
});
