import type { FastifyBaseLogger, FastifyReply, FastifyRequest, LogController } from 'fastify';

/**
 * Fastify's request logging replaced by one line per answered request (`"msg":"request"`: the
 * request id, method, URL, status, ms; error level with the error when the answer failed), written
 * for the given share of requests (1 every one, 0 none); Fastify's own lines (incoming request,
 * request completed, route not found) are not written. The line goes through the one root logger
 * with the request id as a field, not through a child logger made for the request. The class is
 * Fastify's, passed in: Fastify is loaded only by `serve`.
 */
export function requestLogController(Base: typeof LogController, share: number): LogController {
    return new (class extends Base {
        override incomingRequest(): void { /* one line per request, when it is answered */ }

        override routeNotFound(): void { /* the request's own line says 404 */ }

        override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
            if (share <= 0 || (share < 1 && Math.random() >= share)) {
                return;
            }
            const root = request.server.log;
            const line = { reqId: request.id, method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
            if (error) {
                root.error({ ...line, err: error }, 'request');
            } else {
                root.info(line, 'request');
            }
        }
    })();
}

/**
 * The logger a request's handlers see as `request.log`: a child of the root logger with the request
 * id bound, made only when something is logged through it. Fastify otherwise makes a pino child for
 * every request, and nearly every request logs nothing but its one line, which the controller above
 * writes through the root logger.
 */
export function lazyRequestLogger(parent: FastifyBaseLogger, bindings: Bindings, options: ChildOptions): FastifyBaseLogger {
    return new LazyChild(parent, bindings, options) as unknown as FastifyBaseLogger;
}

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = Parameters<FastifyBaseLogger['child']>[1];

class LazyChild {
    #child: FastifyBaseLogger | undefined;

    constructor(private readonly parent: FastifyBaseLogger, private readonly bindings: Bindings, private readonly options: ChildOptions) { }

    private get real(): FastifyBaseLogger {
        return this.#child ??= this.parent.child(this.bindings, this.options);
    }

    get level(): string { return this.real.level; }
    set level(level: string) { this.real.level = level; }
    get silent(): FastifyBaseLogger['silent'] { return this.real.silent; }

    child(...args: Parameters<FastifyBaseLogger['child']>): FastifyBaseLogger { return this.real.child(...args); }
    fatal(...args: Parameters<FastifyBaseLogger['fatal']>): void { this.real.fatal(...args); }
    error(...args: Parameters<FastifyBaseLogger['error']>): void { this.real.error(...args); }
    warn(...args: Parameters<FastifyBaseLogger['warn']>): void { this.real.warn(...args); }
    info(...args: Parameters<FastifyBaseLogger['info']>): void { this.real.info(...args); }
    debug(...args: Parameters<FastifyBaseLogger['debug']>): void { this.real.debug(...args); }
    trace(...args: Parameters<FastifyBaseLogger['trace']>): void { this.real.trace(...args); }
}

/** Where log lines go: pino writes each line here as one string. */
export interface LogDestination {
    write(line: string): void;
    /** Writes what is gathered now (at exit, and when the server closes). */
    flush(): void;
    /** Writes what is gathered and stops watching for the process's exit. */
    close(): void;
}

/** Gathered lines are written at once past this many characters, however busy the turn. */
const MAX_PENDING = 64 * 1024;

/**
 * Log lines gathered and written to the stream together, once per turn of the event loop, instead of
 * one write per line: stderr on a pipe or a file is written synchronously, a system call each, which
 * under load cost more than the request it logged. A line waits at most for the turn it was logged in
 * (or until MAX_PENDING characters are waiting); what is pending at exit is written then, so an
 * uncaught error's last lines are not lost (a SIGKILL can lose one turn's lines).
 */
export function batchedDestination(target: NodeJS.WritableStream): LogDestination {
    let pending: string[] = [];
    let size = 0;
    let scheduled = false;
    const flush = () => {
        scheduled = false;
        if (pending.length === 0) {
            return;
        }
        const text = pending.length === 1 ? pending[0] : pending.join('');
        pending = [];
        size = 0;
        target.write(text);
    };
    process.once('exit', flush);
    return {
        write(line: string) {
            pending.push(line);
            size += line.length;
            if (size >= MAX_PENDING) {
                flush();
            } else if (!scheduled) {
                scheduled = true;
                setImmediate(flush);
            }
        },
        flush,
        close() {
            flush();
            process.removeListener('exit', flush);
        },
    };
}
