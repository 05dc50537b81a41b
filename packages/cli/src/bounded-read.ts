import { promises as fs } from 'node:fs';
import { megabytes, renderMessage, type MessageArgs, type MessageLocale } from '@regelratt/language';

/**
 * An input larger than the limit: `size` when the file system knows it (a regular file), else
 * undefined (a pipe, a device). Its message is `file-too-large`'s, in the locale asked for.
 */
export class InputTooLargeError extends Error {
    readonly args: MessageArgs;

    constructor(readonly limit: number, readonly size: number | undefined, locale: MessageLocale) {
        const args = { ...(size === undefined ? {} : { size: megabytes(size) }), limit: megabytes(limit) };
        super(renderMessage('file-too-large', args, locale));
        this.args = args;
    }
}

/**
 * The text of a JSON or other UTF-8 input of any kind, read as readBounded reads it: the one read
 * for a compiled policy or a case, so `--max-file-size` holds for them as for .regel files.
 */
export async function readInputText(file: string, maxBytes: number, locale: MessageLocale): Promise<string> {
    return (await readBounded(file, maxBytes, locale)).toString('utf8');
}

const CHUNK = 1024 * 1024;

/**
 * The bytes of an input of any kind, never more than `maxBytes`: a regular file is refused by its
 * size before reading, and anything else (a FIFO, /dev/zero, a terminal) is counted while it is
 * read and refused at the first byte past the limit, so nothing reads on for gigabytes. File-system
 * errors are thrown as they come (with their `code`); a FIFO waits for its writer, as `cat` would.
 */
export async function readBounded(file: string, maxBytes: number, locale: MessageLocale): Promise<Buffer> {
    const handle = await fs.open(file, 'r');
    try {
        const stat = await handle.stat();
        if (stat.isFile() && stat.size > maxBytes) {
            throw new InputTooLargeError(maxBytes, stat.size, locale);
        }
        const chunks: Buffer[] = [];
        let total = 0;
        for (;;) {
            // At most one byte past the limit is ever asked for: enough to know the input is too large.
            const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
            const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
            if (bytesRead === 0) {
                return Buffer.concat(chunks, total);
            }
            total += bytesRead;
            if (total > maxBytes) {
                throw new InputTooLargeError(maxBytes, stat.isFile() ? total : undefined, locale);
            }
            chunks.push(chunk.subarray(0, bytesRead));
        }
    } finally {
        await handle.close();
    }
}
