import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { renderMessage, type MessageLocale } from '@regelratt/language';
import type { CliIO } from './io.js';
import { systemErrorText } from './system-errors.js';

export const EXIT_OUTPUT_ERROR = 2;

/**
 * Writes every output or none: each is written beside its target and renamed into place only when
 * all are written, so a crash, a full disk or an unwritable folder never leaves half a file or half
 * a set. Returns the exit code after saying what failed, or undefined when all were written.
 */
export async function writeAllOrNothing(outputs: ReadonlyArray<{ target: string; data: string | Uint8Array }>, outFolder: string, locale: MessageLocale, io: CliIO): Promise<number | undefined> {
    const temporary: string[] = [];
    try {
        for (const output of outputs) {
            await ensureFolder(path.dirname(output.target));
            const temp = `${output.target}.${process.pid}.tmp`;
            temporary.push(temp);
            await fs.writeFile(temp, output.data);
        }
        for (const [index, output] of outputs.entries()) {
            await fs.rename(temporary[index], output.target);
        }
    } catch (error) {
        await Promise.all(temporary.map(temp => fs.rm(temp, { force: true })));
        const failure = error as NodeJS.ErrnoException;
        io.stderr.write(`regelratt: ${renderMessage('output-error', { path: failure.path ?? outFolder, reason: systemErrorText(failure, locale) }, locale)}\n`);
        return EXIT_OUTPUT_ERROR;
    }
    return undefined;
}

/**
 * Creates a folder and the missing folders above it one level at a time. Node's recursive `mkdir`
 * spins forever at full CPU under some system folders (`/proc`); one level at a time fails at once
 * with the error that says why.
 */
export async function ensureFolder(folder: string): Promise<void> {
    try {
        const stat = await fs.stat(folder);
        if (!stat.isDirectory()) {
            throw Object.assign(new Error(`${folder} is not a folder`), { code: 'ENOTDIR', path: folder });
        }
        return;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
            throw error;
        }
    }
    const parent = path.dirname(folder);
    if (parent !== folder) {
        await ensureFolder(parent);
    }
    try {
        await fs.mkdir(folder);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
            throw error;
        }
    }
}
