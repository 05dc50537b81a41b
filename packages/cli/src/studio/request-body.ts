import type { IncomingMessage } from 'node:http';
import { DISCARD_AT_MOST } from '../discard-body.js';

/**
 * The request's body, or `too-large` when it is over the limit. An over-large body is read to its
 * end and thrown away, so the client gets the 413 answer instead of a reset connection (a client
 * still writing when the server closes sees only the reset).
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        request.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= limit) {
                chunks.push(chunk);
            } else if (size > limit + DISCARD_AT_MOST) {
                request.destroy();
            } else {
                chunks.length = 0;
            }
        });
        request.on('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks)));
        request.on('error', reject);
    });
}
