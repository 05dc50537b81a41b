import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * What `compile -o` wrote into a folder, kept in the folder itself, so that the next compile into it
 * removes what it no longer writes (a source renamed or deleted) and a service reading the folder
 * never meets the stale copy beside the new one. Only files the manifest lists, and only while they
 * still hold what was written, are ever removed: a file someone else put there, or edited since, is
 * left alone. The name has no `.json` ending, so readers of a folder of compiled JSON never take it
 * for a policy file.
 */
export const MANIFEST_NAME = '.regelratt-kompilerat';

interface Manifest {
    /** What wrote it, for whoever opens the file. */
    writtenBy: 'regelratt compile';
    /** Relative to the folder, with `/`, and the SHA-256 of what was written. */
    files: Array<{ path: string; sha256: string }>;
}

export function sha256(data: string | Uint8Array): string {
    return createHash('sha256').update(data).digest('hex');
}

/** The manifest's text for the outputs about to be written into `folder`. */
export function manifestText(folder: string, outputs: ReadonlyArray<{ target: string; data: string | Uint8Array }>): string {
    const manifest: Manifest = {
        writtenBy: 'regelratt compile',
        files: outputs.map(output => ({ path: path.relative(folder, output.target).split(path.sep).join('/'), sha256: sha256(output.data) }))
            .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    };
    return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The files an earlier compile wrote into the folder, or none when it has no readable manifest. */
export async function previousOutputs(folder: string): Promise<Manifest['files']> {
    const text = await fs.readFile(path.join(folder, MANIFEST_NAME), 'utf8').catch(() => undefined);
    if (text === undefined) {
        return [];
    }
    try {
        const parsed = JSON.parse(text) as Partial<Manifest>;
        return Array.isArray(parsed.files)
            ? parsed.files.filter((f): f is Manifest['files'][number] => typeof f?.path === 'string' && typeof f.sha256 === 'string')
            : [];
    } catch {
        return [];
    }
}

/**
 * Removes the earlier outputs that this compile did not write again, where they still hold what was
 * written, and the folders that leaves empty. Returns the files kept because they were changed since
 * (the caller says so), and those it could not remove.
 */
export async function removeStaleOutputs(folder: string, previous: Manifest['files'], written: ReadonlySet<string>): Promise<{ removed: string[]; changed: string[]; failed: string[] }> {
    const removed: string[] = [];
    const changed: string[] = [];
    const failed: string[] = [];
    const root = path.resolve(folder);
    for (const entry of previous) {
        const target = path.resolve(root, ...entry.path.split('/'));
        // A manifest is a file like any other: one that names a path outside the folder is not followed.
        if (written.has(target) || path.relative(root, target).startsWith('..') || path.isAbsolute(path.relative(root, target))) {
            continue;
        }
        const data = await fs.readFile(target).catch(() => undefined);
        if (data === undefined) {
            continue;
        }
        if (sha256(data) !== entry.sha256) {
            changed.push(entry.path);
            continue;
        }
        try {
            await fs.rm(target);
            removed.push(entry.path);
            await removeEmptyFolders(path.dirname(target), root);
        } catch {
            failed.push(entry.path);
        }
    }
    return { removed, changed, failed };
}

async function removeEmptyFolders(folder: string, root: string): Promise<void> {
    for (let at = folder; at !== root && !path.relative(root, at).startsWith('..'); at = path.dirname(at)) {
        const entries = await fs.readdir(at).catch(() => undefined);
        if (!entries || entries.length > 0) {
            return;
        }
        await fs.rmdir(at).catch(() => undefined);
    }
}
