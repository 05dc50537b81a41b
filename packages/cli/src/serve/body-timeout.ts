import type { FastifyInstance, FastifyRequest } from 'fastify';
import { writeProblemAndClose } from './problem.js';

/** How often bodies still arriving are looked at: a timeout is kept to within this. */
const SWEEP_INTERVAL = 500;

/**
 * A JSON body must arrive within `timeout` once its request's headers are in, however slowly it trickles (Node
 * has a timeout for the whole request only, which a batch needs long): past it the request gets a
 * 408 problem and its connection is closed. One sweep for all requests, not a timer per request:
 * a request is added to a map when it starts and taken out when it is answered, or by the sweep
 * once its body is in.
 */
export function watchBodyTimes(app: FastifyInstance, timeout: number, applies: (request: FastifyRequest) => boolean): void {
    const arriving = new Map<FastifyRequest, number>();
    app.addHook('onRequest', (request, _reply, done) => {
        if (applies(request)) {
            arriving.set(request, Date.now());
        }
        done();
    });
    app.addHook('onResponse', (request, _reply, done) => {
        arriving.delete(request);
        done();
    });
    const sweep = setInterval(() => {
        const now = Date.now();
        for (const [request, started] of arriving) {
            if (request.raw.complete || request.raw.destroyed) {
                arriving.delete(request);
            } else if (now - started > timeout) {
                arriving.delete(request);
                request.log.warn({ ms: now - started }, 'body not received in time');
                writeProblemAndClose(request.raw.socket, 'request-timeout', `Kroppen ska komma fram inom ${timeout / 1000} s.`, request.id);
            }
        }
    }, SWEEP_INTERVAL);
    sweep.unref();
    app.addHook('onClose', (_instance, done) => {
        clearInterval(sweep);
        done();
    });
}
