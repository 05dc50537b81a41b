import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ensureFolder } from '../write-outputs.js';
import { replaceDurably } from './durable-write.js';
import { checkRelativePath, isHiddenName, resolveInFolder } from './policy-paths.js';
import { keepPrevious } from './save-history.js';

/** A .regel file as the page gets it: its path with `/`, its text and its version tag. */
export interface FileVersion {
    path: string;
    text: string;
    version: string;
}

/** What a save needs to hold: the file is still at the version the page read, or does not exist yet. */
export type Precondition = { ifMatch: string } | { ifNoneMatch: true };

export type SaveOutcome = { saved: true; version: string } | { saved: false; current: FileVersion | undefined };

/** The version tag of a file's bytes: its content hash, so the same text always has the same tag. */
export function versionOf(data: Uint8Array): string {
    return createHash('sha256').update(data).digest('base64url').slice(0, 22);
}

const text = (data: Uint8Array) => Buffer.from(data).toString('utf8').replace(/^\uFEFF/, '');

/**
 * The policy folder on disk as the studio reads and writes it. Saves of one file are serialised
 * (each sees the previous one's result), refused when the file is no longer at the version the page
 * read, keep what they replace in the history, and replace the file durably with its permissions.
 */
export class PolicyFolder {
    private readonly saving = new Map<string, Promise<unknown>>();

    private constructor(readonly realFolder: string) {}

    static async open(folder: string): Promise<PolicyFolder> {
        return new PolicyFolder(await fs.realpath(folder));
    }

    /** Every .regel file under the folder (hidden folders, node_modules and links out of it left out). */
    async list(): Promise<FileVersion[]> {
        const found: FileVersion[] = [];
        const visit = async (directory: string): Promise<void> => {
            for (const entry of (await fs.readdir(directory, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
                if (isHiddenName(entry.name)) {
                    continue;
                }
                const full = path.join(directory, entry.name);
                if (entry.isDirectory()) {
                    await visit(full);
                } else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith('.regel') && entry.name.length > '.regel'.length) {
                    const relative = path.relative(this.realFolder, full).split(path.sep).join('/');
                    const file = await this.read(relative).catch(() => undefined);
                    if (file) {
                        found.push(file);
                    }
                }
            }
        };
        await visit(this.realFolder);
        return found;
    }

    /** One file by its relative path; undefined when it does not exist. Throws PathRefused for a path the studio does not read. */
    async read(relative: string): Promise<FileVersion | undefined> {
        const { file, exists } = await resolveInFolder(this.realFolder, checkRelativePath(relative));
        if (!exists) {
            return undefined;
        }
        const data = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
            if (error.code === 'ENOENT') {
                return undefined;
            }
            throw error;
        });
        return data && { path: relative, text: text(data), version: versionOf(data) };
    }

    /** Saves a file if the precondition holds; the text it replaces goes to the history first. */
    async save(relative: string, data: Uint8Array, precondition: Precondition): Promise<SaveOutcome> {
        const parts = checkRelativePath(relative);
        const { file } = await resolveInFolder(this.realFolder, parts);
        const before = this.saving.get(file) ?? Promise.resolve();
        const run = before.catch(() => undefined).then(() => this.saveNow(relative, parts, data, precondition));
        this.saving.set(file, run);
        try {
            return await run;
        } finally {
            if (this.saving.get(file) === run) {
                this.saving.delete(file);
            }
        }
    }

    private async saveNow(relative: string, parts: readonly string[], data: Uint8Array, precondition: Precondition): Promise<SaveOutcome> {
        // Resolved again under the lock: the file may have been created, replaced or linked meanwhile.
        const { file, exists } = await resolveInFolder(this.realFolder, parts);
        const old = exists ? await fs.readFile(file) : undefined;
        const oldVersion = old && versionOf(old);
        const holds = 'ifMatch' in precondition ? oldVersion === precondition.ifMatch : old === undefined;
        if (!holds) {
            return { saved: false, current: old && { path: relative, text: text(old), version: oldVersion! } };
        }
        const mode = exists ? (await fs.stat(file)).mode & 0o7777 : undefined;
        if (old && oldVersion !== versionOf(data)) {
            await keepPrevious(this.realFolder, path.relative(this.realFolder, file).split(path.sep).join('/'), old, oldVersion!, mode!);
        }
        let target = file;
        if (!exists) {
            await ensureFolder(path.dirname(file));
            // Resolved once more: a folder on the way made a link out of the folder meanwhile is refused.
            target = (await resolveInFolder(this.realFolder, parts)).file;
        }
        await replaceDurably(target, data, mode);
        return { saved: true, version: versionOf(data) };
    }
}
