import type { IncomingMessage } from 'node:http';

/** Beyond a body's limit, this much more is read and thrown away before the connection is simply closed. */
export const DISCARD_AT_MOST = 256 * 1024 * 1024;

/**
 * Reads what is left of a refused request's body and throws it away, so the client gets the answer
 * (413) instead of a reset connection: a client still writing when the server closes sees only the
 * reset (EPIPE). Past `atMost` more bytes the request is destroyed. Resolves when the body has
 * ended, or the request is gone.
 */
export function discardBody(request: IncomingMessage, atMost = DISCARD_AT_MOST): Promise<void> {
    return new Promise(resolve => {
        if (request.readableEnded || request.destroyed) {
            resolve();
            return;
        }
        let discarded = 0;
        const finish = () => {
            request.off('data', onData);
            resolve();
        };
        const onData = (chunk: Buffer) => {
            discarded += chunk.length;
            if (discarded > atMost) {
                request.destroy();
            }
        };
        request.on('data', onData);
        request.once('end', finish);
        request.once('close', finish);
        request.once('error', finish);
        request.resume();
    });
}
