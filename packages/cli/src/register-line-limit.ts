import { megabytes, type MessageLocale } from '@regelratt/language';

/**
 * A register line longer than one case may be (`--max-file-size`, as for a case given as a file):
 * no register of cases has one, and an endless input without line ends (a device, a file that is not
 * NDJSON) would otherwise be held in memory without bound. Reading stops there, with the line's number.
 */
export class RegisterLineTooLongError extends Error {
    constructor(readonly line: number, readonly limit: number, locale: MessageLocale) {
        super(locale === 'sv'
            ? `rad ${line} är längre än gränsen ${megabytes(limit)} för ett fall (--max-file-size) och lästes inte vidare: ett register har ett fall per rad.`
            : `line ${line} is longer than the limit of ${megabytes(limit)} for one case (--max-file-size) and was not read further: a register has one case per line.`);
    }
}

/**
 * The lines of a file read as UTF-8 in slices, each at most `maxBytes` long (else RegisterLineTooLongError):
 * the bounded counterpart of readline, whose line buffer grows without limit.
 */
export async function* boundedLines(file: string, maxBytes: number, locale: MessageLocale): AsyncGenerator<string> {
    const { open } = await import('node:fs/promises');
    const handle = await open(file, 'r');
    const decoder = new TextDecoder('utf-8');
    try {
        let line = 1;
        let pending = '';
        let pendingBytes = 0;
        const chunk = new Uint8Array(1 << 16);
        for (;;) {
            const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
            if (bytesRead === 0) {
                break;
            }
            let start = 0;
            for (let at = chunk.indexOf(0x0a, start); at >= 0 && at < bytesRead; at = chunk.indexOf(0x0a, start)) {
                if (pendingBytes + at - start > maxBytes) {
                    throw new RegisterLineTooLongError(line, maxBytes, locale);
                }
                yield (pending + decoder.decode(chunk.subarray(start, at))).replace(/\r$/, '');
                pending = '';
                pendingBytes = 0;
                line++;
                start = at + 1;
            }
            pendingBytes += bytesRead - start;
            if (pendingBytes > maxBytes) {
                throw new RegisterLineTooLongError(line, maxBytes, locale);
            }
            pending += decoder.decode(chunk.subarray(start, bytesRead), { stream: true });
        }
        pending += decoder.decode();
        if (pending !== '') {
            yield pending.replace(/\r$/, '');
        }
    } finally {
        await handle.close();
    }
}
