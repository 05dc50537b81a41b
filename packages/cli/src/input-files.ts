import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { DiagnosticCode, MessageArgs } from '@regelratt/language';

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

/** Expands files and folders (recursively) to .regel files, sorted so every run sees them in the same order. */
export async function collectPolicyPaths(inputs: readonly string[], cwd: string): Promise<{ paths: string[]; problems: InputProblem[] }> {
    const found = new Set<string>();
    const problems: InputProblem[] = [];
    for (const input of inputs) {
        const absolute = path.resolve(cwd, input);
        let stat;
        try {
            stat = await fs.stat(absolute);
        } catch {
            problems.push({ path: input, code: 'file-not-found', args: { path: input } });
            continue;
        }
        if (stat.isDirectory()) {
            const inFolder = await listPolicyFiles(absolute);
            if (inFolder.length === 0) {
                problems.push({ path: input, code: 'no-policy-files', args: { path: input } });
            }
            inFolder.forEach(p => found.add(p));
        } else if (path.extname(absolute) !== EXTENSION) {
            problems.push({ path: input, code: 'not-a-policy-file', args: { path: input } });
        } else {
            found.add(absolute);
        }
    }
    return { paths: [...found].sort(), problems };
}

/**
 * The .regel files under a folder, following symbolic links (a policy set often links shared
 * vocabulary in) but never into a folder already on the way down, so a link loop ends.
 */
async function listPolicyFiles(folder: string, visiting = new Set<string>()): Promise<string[]> {
    const real = await fs.realpath(folder);
    if (visiting.has(real)) {
        return [];
    }
    visiting.add(real);
    const entries = await fs.readdir(folder, { withFileTypes: true });
    const files: string[] = [];
    for (const entry of entries) {
        const full = path.join(folder, entry.name);
        let isDirectory = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
            const target = await fs.stat(full).catch(() => undefined);
            isDirectory = target?.isDirectory() ?? false;
            isFile = target?.isFile() ?? false;
        }
        if (isDirectory && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
            files.push(...await listPolicyFiles(full, visiting));
        } else if (isFile && entry.name.endsWith(EXTENSION)) {
            files.push(full);
        }
    }
    visiting.delete(real);
    return files;
}

/**
 * Reads a policy file as text, refusing what is not: too large, binary (a NUL byte) or not UTF-8.
 * A byte-order mark is dropped so positions match what editors show.
 */
export async function readPolicyFile(absolute: string, shownPath: string, maxBytes: number): Promise<InputFile | InputProblem> {
    let bytes: Buffer;
    try {
        const stat = await fs.stat(absolute);
        if (stat.size > maxBytes) {
            return { path: shownPath, code: 'file-too-large', args: { size: megabytes(stat.size), limit: megabytes(maxBytes) } };
        }
        bytes = await fs.readFile(absolute);
    } catch (error) {
        return { path: shownPath, code: 'unreadable-file', args: { path: shownPath, reason: (error as NodeJS.ErrnoException).code ?? String(error) } };
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

function megabytes(bytes: number): string {
    return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

export function isInputProblem(value: InputFile | InputProblem): value is InputProblem {
    return 'code' in value;
}
