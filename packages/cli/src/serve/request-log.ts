import type { FastifyReply, FastifyRequest, LogController } from 'fastify';

/**
 * Fastify's request logging replaced by one line per answered request (`"msg":"request"`: method,
 * URL, status, ms; error level with the error when the answer failed), written for the given share
 * of requests (1 every one, 0 none); Fastify's own lines (incoming request, request completed, route
 * not found) are not written. The class is Fastify's, passed in: Fastify is loaded only by `serve`.
 */
export function requestLogController(Base: typeof LogController, share: number): LogController {
    return new (class extends Base {
        override incomingRequest(): void { /* one line per request, when it is answered */ }

        override routeNotFound(): void { /* the request's own line says 404 */ }

        override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
            if (share <= 0 || (share < 1 && Math.random() >= share)) {
                return;
            }
            const line = { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
            if (error) {
                request.log.error({ ...line, err: error }, 'request');
            } else {
                request.log.info(line, 'request');
            }
        }
    })();
}
