import * as path from 'node:path';
import type { MessageLocale } from '@regelratt/analyses';

/** A .regel file as a git revision has it. */
export interface RevisionFile {
    /** Relative to the repository's root, with `/` (as git names it). */
    relative: string;
    /** Where the file lies (or would lie) in the working tree. */
    path: string;
    text: string;
}

export type RevisionFiles =
    | {
        /** The repository's root in the working tree. */
        root: string;
        /** The inputs relative to the root (`.` for the root itself). */
        inputs: string[];
        files: RevisionFile[];
    }
    | { problem: string };

/** git's answer to one call: its exit status (null where git could not be run), output and errors. */
interface GitResult {
    status: number | null;
    stdout: Buffer;
    stderr: string;
}

/**
 * The .regel files under `inputs` (files or folders, relative to `cwd`) as a git revision has them:
 * what `regelratt diff --rev`, the studio's and the editor's "compare with the last commit" compare
 * the working copy with. git is run with its arguments as a list, never through a shell, and a
 * revision that looks like an option is refused. No git, a folder outside a repository, an unknown
 * revision or no .regel file there give a problem in the locale's words, never an exception.
 */
export async function readRevision(revision: string, inputs: readonly string[], cwd: string, locale: MessageLocale): Promise<RevisionFiles> {
    const sv = locale === 'sv';
    // Loaded when asked for: most commands (and editor sessions) never compare with a revision.
    const { execFile } = await import('node:child_process');
    const git = (args: string[]) => new Promise<GitResult>(resolve => {
        execFile('git', args, { cwd, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
            const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
            resolve({ status, stdout, stderr: stderr.toString('utf8').trim() });
        });
    });
    const top = await git(['rev-parse', '--show-toplevel']);
    if (top.status !== 0) {
        return {
            problem: top.status === null && !top.stderr
                ? (sv ? `git finns inte på datorn; jämförelsen med ${revision} kräver git.` : `git is not installed; comparing with ${revision} needs git.`)
                : (sv ? `${cwd} ligger inte i något git-arkiv; jämförelsen med ${revision} kräver git och ett git-arkiv.` : `${cwd} is not inside a git repository; comparing with ${revision} needs git and a repository.`),
        };
    }
    const root = top.stdout.toString('utf8').trim();
    if (revision.startsWith('-') || (await git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])).status !== 0) {
        return {
            problem: sv
                ? `revisionen '${revision}' finns inte i git-arkivet${revision === 'HEAD' ? ' (inget har committats än)' : ''}.`
                : `the revision '${revision}' does not exist in the git repository${revision === 'HEAD' ? ' (nothing has been committed yet)' : ''}.`,
        };
    }
    const relative = inputs.map(input => path.relative(root, path.resolve(cwd, input)).split(path.sep).join('/') || '.');
    const listed = await git(['ls-tree', '--full-tree', '-r', '-z', '--name-only', revision, '--', ...relative]);
    if (listed.status !== 0) {
        return { problem: listed.stderr };
    }
    const names = listed.stdout.toString('utf8').split('\0').filter(name => name.endsWith('.regel'));
    if (names.length === 0) {
        return { problem: sv ? `inga .regel-filer under ${inputs.join(', ')} i ${revision}.` : `no .regel files under ${inputs.join(', ')} in ${revision}.` };
    }
    const files: RevisionFile[] = [];
    for (const name of names) {
        const shown = await git(['show', `${revision}:${name}`]);
        if (shown.status !== 0) {
            return { problem: shown.stderr };
        }
        files.push({ relative: name, path: path.join(root, ...name.split('/')), text: shown.stdout.toString('utf8') });
    }
    return { root, inputs: relative, files };
}
