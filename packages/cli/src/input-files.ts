import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { DiagnosticCode, MessageArgs } from '@regelratt/language';
import { InputTooLargeError, readBounded } from './bounded-read.js';

/** A problem with an input path or file that stops the run before any checking (exit code 2). */
export interface InputProblem {
    path: string;
    code: DiagnosticCode;
    args: MessageArgs;
}

export interface InputFile {
    /** Absolute path. */
    path: string;
    text: string;
}

const EXTENSION = '.regel';

/**
 * Expands files and folders (recursively) to .regel files, sorted so every run sees them in the
 * same order. Every file-system fault on the way (no permission, a link loop, a name too long, a
 * file where a folder should be, a failing disk) is a problem naming the path, never a crash.
 */
export async function collectPolicyPaths(inputs: readonly string[], cwd: string): Promise<{ paths: string[]; problems: InputProblem[] }> {
    const found = new Set<string>();
    const problems: InputProblem[] = [];
    for (const input of inputs) {
        const absolute = path.resolve(cwd, input);
        let stat;
        try {
            stat = await fs.stat(absolute);
        } catch (error) {
            problems.push(errorCode(error) === 'ENOENT'
                ? { path: input, code: 'file-not-found', args: { path: input } }
                : unreadable(input, error));
            continue;
        }
        if (stat.isDirectory()) {
            const before = found.size;
            const walked = await listPolicyFiles(absolute, cwd, found, problems);
            if (walked && found.size === before) {
                problems.push({ path: input, code: 'no-policy-files', args: { path: input } });
            }
        } else if (path.extname(absolute) !== EXTENSION) {
            problems.push({ path: input, code: 'not-a-policy-file', args: { path: input } });
        } else {
            found.add(absolute);
        }
    }
    return { paths: [...found].sort(), problems };
}

/**
 * Adds the .regel files under an input folder to `found`. Symbolic links to files are followed
 * wherever they point (a policy set often links a shared vocabulary file in); links to folders only
 * when the folder is inside the input folder, and each real folder is read once, so a link to `/`
 * or a link loop ends at once. Folders named node_modules or starting with a dot are skipped.
 * False when the input folder itself could not be read (its problem is in `problems`).
 */
async function listPolicyFiles(input: string, cwd: string, found: Set<string>, problems: InputProblem[]): Promise<boolean> {
    let root: string;
    try {
        root = await fs.realpath(input);
    } catch (error) {
        problems.push(unreadable(shown(input, cwd), error));
        return false;
    }
    const seen = new Set<string>([root]);
    const pending = [input];
    let first = true;
    while (pending.length > 0) {
        const folder = pending.pop()!;
        let entries;
        try {
            entries = await fs.readdir(folder, { withFileTypes: true });
        } catch (error) {
            problems.push(unreadable(shown(folder, cwd), error));
            if (first) {
                return false;
            }
            continue;
        }
        first = false;
        for (const entry of entries) {
            const full = path.join(folder, entry.name);
            const isPolicyName = entry.name.endsWith(EXTENSION);
            let isDirectory = entry.isDirectory();
            let isFile = entry.isFile();
            if (entry.isSymbolicLink()) {
                let target;
                try {
                    target = await fs.stat(full);
                } catch (error) {
                    // A dangling link is only a fault where a policy file was meant.
                    if (isPolicyName || errorCode(error) !== 'ENOENT') {
                        problems.push(unreadable(shown(full, cwd), error));
                    }
                    continue;
                }
                isDirectory = target.isDirectory();
                isFile = target.isFile();
            }
            if (isDirectory && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
                let real: string;
                try {
                    real = await fs.realpath(full);
                } catch (error) {
                    problems.push(unreadable(shown(full, cwd), error));
                    continue;
                }
                if (!seen.has(real) && isInside(real, root)) {
                    seen.add(real);
                    pending.push(full);
                }
            } else if (isFile && isPolicyName) {
                found.add(full);
            }
        }
    }
    return true;
}

function isInside(real: string, root: string): boolean {
    return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

function errorCode(error: unknown): string | undefined {
    return (error as NodeJS.ErrnoException | undefined)?.code;
}

function unreadable(shown: string, error: unknown): InputProblem {
    return { path: shown, code: 'unreadable-file', args: { path: shown, reason: errorCode(error) ?? String(error) } };
}

/** A path as every command prints it: relative to the working folder (clickable there), absolute when outside it. */
export function shown(absolute: string, cwd: string): string {
    const relative = path.relative(cwd, absolute);
    return (relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative).split(path.sep).join('/');
}

/**
 * Reads a policy file as text, refusing what is not: too large (counted while reading, so a pipe or
 * a device is stopped at the limit too), binary (a NUL byte) or not UTF-8.
 * A byte-order mark is dropped so positions match what editors show.
 */
export async function readPolicyFile(absolute: string, shownPath: string, maxBytes: number): Promise<InputFile | InputProblem> {
    let bytes: Buffer;
    try {
        bytes = await readBounded(absolute, maxBytes, 'sv');
    } catch (error) {
        if (error instanceof InputTooLargeError) {
            return { path: shownPath, code: 'file-too-large', args: error.args };
        }
        return unreadable(shownPath, error);
    }
    if (bytes.includes(0)) {
        return { path: shownPath, code: 'binary-file', args: {} };
    }
    let text: string;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
        return { path: shownPath, code: 'not-utf8', args: {} };
    }
    return { path: absolute, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}


export function isInputProblem(value: InputFile | InputProblem): value is InputProblem {
    return 'code' in value;
}
