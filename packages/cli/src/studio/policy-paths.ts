import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Why a path given to the file API is not one the studio reads or writes, in both languages. */
export class PathRefused extends Error {
    constructor(readonly sv: string, readonly en: string) {
        super(en);
    }
}

/** Folders and files the studio never lists, reads or writes: dot-names (`.git`, the history), `node_modules`. */
export function isHiddenName(name: string): boolean {
    return name.startsWith('.') || name === 'node_modules';
}

/**
 * The relative path a request names, checked by its text alone: `/`-separated names under the
 * folder, none empty, `.` or `..`, hidden (`.git/hooks`, `node_modules`) or holding a NUL or a
 * backslash, the last a `.regel` file with a name before the extension.
 */
export function checkRelativePath(relative: string): string[] {
    const shown = relative.replace(/[\u0000-\u001f]/g, '?');
    if (relative === '' || relative.includes('\u0000') || relative.includes('\\') || relative.startsWith('/') || /^[A-Za-z]:/.test(relative)) {
        throw new PathRefused(`”${shown}” är ingen relativ sökväg i mappen.`, `"${shown}" is not a relative path in the folder.`);
    }
    const parts = relative.split('/');
    for (const part of parts) {
        if (part === '' || part === '.' || part === '..') {
            throw new PathRefused(`”${shown}” går utanför mappen eller har en tom del.`, `"${shown}" leaves the folder or has an empty part.`);
        }
        if (isHiddenName(part)) {
            throw new PathRefused(`”${shown}”: studion skriver inte i dolda mappar och filer (${part}) eller node_modules.`, `"${shown}": the studio does not write hidden folders and files (${part}) or node_modules.`);
        }
    }
    const name = parts[parts.length - 1];
    if (!name.endsWith('.regel') || name.length <= '.regel'.length) {
        throw new PathRefused(`”${shown}” är ingen .regel-fil.`, `"${shown}" is not a .regel file.`);
    }
    return parts;
}

/** Whether `inner` (a real path) is `folder` (a real path) or below it. */
export function isInside(folder: string, inner: string): boolean {
    const relative = path.relative(folder, inner);
    return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * Where a checked relative path really is on disk: the folders on its way resolved with realpath
 * (a symlinked folder that points outside is refused), and a symlinked file followed to its target,
 * which must itself be a .regel file inside the folder and not hidden. `exists` tells whether the
 * file is there; a missing folder on the way is fine (a save creates it).
 */
export async function resolveInFolder(realFolder: string, parts: readonly string[]): Promise<{ file: string; exists: boolean }> {
    const shown = parts.join('/');
    const outside = () => new PathRefused(`”${shown}” leder ut ur mappen (en symbolisk länk).`, `"${shown}" leads out of the folder (a symbolic link).`);
    let directory = realFolder;
    for (const [index, part] of parts.slice(0, -1).entries()) {
        const next = path.join(directory, part);
        const real = await fs.realpath(next).catch((error: NodeJS.ErrnoException) => {
            if (error.code === 'ENOENT') {
                return undefined;
            }
            throw error;
        });
        if (real === undefined) {
            return { file: path.join(next, ...parts.slice(index + 1)), exists: false };
        }
        if (!isInside(realFolder, real)) {
            throw outside();
        }
        if (!(await fs.stat(real)).isDirectory()) {
            throw new PathRefused(`”${shown}”: ${part} är ingen mapp.`, `"${shown}": ${part} is not a folder.`);
        }
        directory = real;
    }
    const file = path.join(directory, parts[parts.length - 1]);
    const link = await fs.lstat(file).catch(() => undefined);
    if (!link) {
        return { file, exists: false };
    }
    const real = await fs.realpath(file).catch(() => undefined);
    if (real === undefined) {
        throw outside();
    }
    const relative = path.relative(realFolder, real);
    if (!isInside(realFolder, real) || relative.split(path.sep).some(isHiddenName) || !real.endsWith('.regel')) {
        throw outside();
    }
    if (!(await fs.stat(real)).isFile()) {
        throw new PathRefused(`”${shown}” är ingen vanlig fil.`, `"${shown}" is not a regular file.`);
    }
    return { file: real, exists: true };
}
