import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ensureFolder } from '../write-outputs.js';
import { replaceDurably } from './durable-write.js';
import { PathRefused } from './policy-paths.js';

/** The folder inside the policy folder where the studio keeps what its saves replaced. */
export const HISTORY_FOLDER = '.regelratt-historik';
/** How many earlier versions of each file are kept; the oldest beyond this are removed. */
export const HISTORY_KEEP = 20;

/**
 * Keeps the text a save is about to replace, so a save (a "keep mine" over someone else's change
 * too) never loses work: `.regelratt-historik/<the file's path>/<UTC time>-<version>.txt`, with the
 * file's own permissions. A dot-folder, so neither the studio nor `regelratt check` reads it as
 * policy; `.txt`, so an editor's workspace does not either. The last HISTORY_KEEP per file are kept.
 */
export async function keepPrevious(realFolder: string, relative: string, data: Uint8Array, version: string, mode: number): Promise<void> {
    const root = path.join(realFolder, HISTORY_FOLDER);
    const link = await fs.lstat(root).catch(() => undefined);
    if (link && !link.isDirectory()) {
        throw new PathRefused(`${HISTORY_FOLDER} är ingen vanlig mapp; studion sparar inte utan historik.`, `${HISTORY_FOLDER} is not a plain folder; the studio does not save without history.`);
    }
    const folder = path.join(root, ...relative.split('/'));
    await ensureFolder(folder);
    const stamp = new Date().toISOString().replace(/:/g, '-');
    await replaceDurably(path.join(folder, `${stamp}-${version.slice(0, 12)}.txt`), data, mode);
    const kept = (await fs.readdir(folder)).filter(name => name.endsWith('.txt')).sort();
    await Promise.all(kept.slice(0, Math.max(0, kept.length - HISTORY_KEEP)).map(name => fs.rm(path.join(folder, name), { force: true })));
}
