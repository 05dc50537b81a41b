import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces a file whole and durably: the text goes to a temporary file of its own (a random name in
 * the same folder, created exclusively, so two saves never share one), is flushed to disk, keeps the
 * permissions the old file had and is renamed over it; the folder is flushed too, so the rename
 * survives a crash. A failure removes the temporary file and leaves the old file as it was.
 */
export async function replaceDurably(file: string, data: Uint8Array, mode: number | undefined): Promise<void> {
    const directory = path.dirname(file);
    const temporary = path.join(directory, `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
    const handle = await fs.open(temporary, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
    try {
        try {
            await handle.writeFile(data);
            // The open mode is narrowed by the umask; the old file's mode is set as it was.
            await handle.chmod(mode ?? 0o666 & ~process.umask());
            await handle.sync();
        } finally {
            await handle.close();
        }
        await fs.rename(temporary, file);
    } catch (error) {
        await fs.rm(temporary, { force: true });
        throw error;
    }
    await syncFolder(directory);
}

/** Flushes a folder's entries (a rename or a new file in it) to disk; a platform that cannot is let be. */
export async function syncFolder(directory: string): Promise<void> {
    const handle = await fs.open(directory, constants.O_RDONLY).catch(() => undefined);
    if (!handle) {
        return;
    }
    try {
        await handle.sync();
    } catch {
        // Some file systems (and Windows) refuse fsync on a folder; the rename is then as durable as they make it.
    } finally {
        await handle.close();
    }
}

