import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { reasonFor, withReasons, type ReasonQuestion } from '@regelratt/document';
import { evaluateCase, RegelrattRuntimeError, type CaseInput, type PolicyRuntime } from '@regelratt/runtime';
import { answerBatch } from '../register-lines.js';
import { openApiDocument } from './openapi.js';
import type { PolicyHolder } from './policy-holder.js';
import { watchBodyTimes } from './body-timeout.js';
import { discardBody } from '../discard-body.js';
import { localeOf, problem, writeProblemAndClose, type ProblemCode } from './problem.js';
import { batchedDestination, lazyRequestLogger, requestLogController } from './request-log.js';
import type { LogLevel } from '../arguments.js';
import { JsonInputError, readJson } from '../exact-json.js';
import { CASE_INPUT, EXPLAIN_QUERY, QUESTION } from './schemas.js';
import { validationMessage } from './validation-message.js';

export interface ServerOptions {
    /** Structured logs (JSON lines) to this stream; none when absent. */
    log?: NodeJS.WritableStream;
    /** The lowest level logged (default info). */
    logLevel?: LogLevel;
    /** The share of requests logged, one line each (default 1: every request; 0: none). */
    logRequests?: number;
    /** The token `/admin/reload` requires; the endpoint refuses every call when there is none. */
    reloadToken?: string;
    /** The largest JSON body accepted, in bytes (a batch streams and is limited per line instead). */
    bodyLimit?: number;
    /** The longest time to receive a whole request, headers and body, in milliseconds (default 60 s). */
    requestTimeout?: number;
    /** The longest time to receive a JSON body once the headers are in, in milliseconds (default 10 s; a batch has only the request timeout). */
    bodyTimeout?: number;
}

/** The headers must arrive within this (or the request timeout, if shorter): a client that trickles them holds a socket for nothing. */
const HEADERS_TIMEOUT = 10_000;
/** How often Node looks for requests past their timeouts (its own default, 30 s, would let a short timeout run five times over). */
const TIMEOUT_CHECK_INTERVAL = 1_000;
/** A request id the client gives is kept only if it is short and of safe characters (it is echoed and logged); another is made otherwise. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A line of a batch longer than this is refused (its case answered with an error) rather than buffered. */
const MAX_LINE = 1024 * 1024;

type Question = { type: 'placement'; model: string; citizen: Record<string, unknown> }
    | { type: 'inclusion'; pilot: string; citizen: Record<string, unknown>; date?: string; unit?: string; service?: string }
    | { type: 'compensation'; table: string; level: number; date?: string }
    | { type: 'fee'; fee: string; level: number; citizen: Record<string, unknown>; date: string }
    | { type: 'calculation'; calculation: string; date: string; citizen?: Record<string, unknown>; level?: number }
    | { type: 'decision'; table: string; column?: string; date: string; citizen?: Record<string, unknown>; level?: number }
    | { type: 'eligibility'; service: string; citizen: Record<string, unknown> }
    | { type: 'deadline'; guideline?: string; obligation?: string; event: string; eventDate: string; citizen?: Record<string, unknown>; date?: string };

/** One handler per kind of question: a new kind is a compile error here until it is answered. */
const ANSWERS: { [K in Question['type']]: (runtime: PolicyRuntime, q: Extract<Question, { type: K }>, locale: 'sv' | 'en') => unknown } = {
    placement: (runtime, q) => runtime.placeInPathway(q.model, q.citizen),
    inclusion: (runtime, q) => runtime.checkInclusion(q.pilot, q.citizen, { ...(q.date ? { date: q.date } : {}), ...(q.unit ? { unit: q.unit } : {}), ...(q.service ? { service: q.service } : {}) }, { explain: true }),
    compensation: (runtime, q) => runtime.compensation(q.table, q.level, q.date),
    fee: (runtime, q) => runtime.fee(q.fee, q.level, q.citizen, q.date),
    calculation: (runtime, q) => runtime.calculate(q.calculation, { date: q.date, citizen: q.citizen ?? {}, ...(q.level !== undefined ? { level: q.level } : {}) }),
    decision: (runtime, q) => {
        const decision = runtime.decide(q.table, { date: q.date, citizen: q.citizen ?? {}, ...(q.level !== undefined ? { level: q.level } : {}) });
        if (q.column === undefined) {
            return decision;
        }
        // A list policy's answer has no one value: the asked column of every listed row, in the list's order.
        return decision.list ? { ...decision, values: runtime.decisionValues(decision, q.column) } : { ...decision, value: runtime.decisionValue(decision, q.column) };
    },
    eligibility: (runtime, q) => runtime.checkEligibility(q.service, q.citizen),
    // A term in hours is answered with an error in its place, worded in the reader's language.
    deadline: (runtime, q, locale) => runtime.deadlines(q, locale),
};

/** A question as the reason builder asks it again (a citizen it leaves out is none). */
function reasonQuestion(question: Question): ReasonQuestion {
    return question.type === 'calculation' || question.type === 'decision' || question.type === 'deadline' ? { ...question, citizen: question.citizen ?? {} } : question;
}

/**
 * The evaluation service over HTTP (Fastify): JSON in and out, problem+json (RFC 9457) for every
 * error with the runtime's code and a title in the asked language, a request id on every answer and
 * log line, and every answer naming the policy version it came from.
 */
export async function createServer(holder: PolicyHolder, options: ServerOptions = {}): Promise<FastifyInstance> {
    const { default: Fastify, LogController } = await import('fastify');
    const requestTimeout = options.requestTimeout ?? 60_000;
    const bodyLimit = options.bodyLimit ?? 10 * 1024 * 1024;
    const logShare = options.logRequests ?? 1;
    const destination = options.log ? batchedDestination(options.log) : undefined;
    const app = Fastify({
        logger: destination ? { level: options.logLevel ?? 'info', stream: destination } : false,
        // One line per request at most, written when it is answered, instead of Fastify's two.
        logController: requestLogController(LogController, destination ? logShare : 0),
        // A request's own logger is made only if something logs through it. Without a logger Fastify
        // hands every request the null logger itself, unless a factory is given: none is, then.
        ...(destination ? { childLoggerFactory: lazyRequestLogger } : {}),
        bodyLimit,
        requestTimeout,
        http: { headersTimeout: Math.min(HEADERS_TIMEOUT, requestTimeout), connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL },
        requestIdHeader: false,
        genReqId: request => {
            const given = request.headers['x-request-id'];
            return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        },
        // No coercion ("5" stays a string and is refused where a number is required), nothing removed.
        ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false } },
        // Errors Node answers before there is a request (a malformed request line, headers over the
        // limit, a request that did not arrive in time) are problems too, in Swedish: no header was read.
        clientErrorHandler: (error: Error & { code?: string }, socket) => {
            if (error.code === 'ECONNRESET' || socket.destroyed) {
                return;
            }
            const code: ProblemCode = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request-timeout' : error.code === 'HPE_HEADER_OVERFLOW' ? 'headers-too-large' : 'bad-request';
            const detail = code === 'request-timeout' ? `Hela frågan ska komma fram inom ${requestTimeout / 1000} s.`
                : code === 'headers-too-large' ? 'Frågans huvuden är större än servern tar emot.' : 'Frågan följer inte HTTP.';
            writeProblemAndClose(socket, code, detail, randomUUID());
        },
        // A URL Fastify cannot decode (malformed percent-encoding) is a bad request, answered as any other.
        frameworkErrors: (error, request, reply) => send(request, reply, 'bad-request', localeOf(request.headers['accept-language']) === 'sv'
            ? `Adressen går inte att avkoda (${error.code === 'FST_ERR_BAD_URL' ? 'ogiltig procentkodning' : error.code}).`
            : `The URL cannot be decoded (${error.code === 'FST_ERR_BAD_URL' ? 'malformed percent-encoding' : error.code}).`),
    });
    const send = (request: FastifyRequest, reply: FastifyReply, code: ProblemCode, detail: string, details?: Record<string, unknown>) => {
        const body = problem(code, detail, localeOf(request.headers['accept-language']), { instance: request.id, ...(details ? { details } : {}) });
        return reply.code(body.status).type('application/problem+json').send(body);
    };
    // A callback hook, not an async one: it runs on every answer, and a promise per answer shows under load.
    app.addHook('onSend', (request, reply, payload, done) => {
        reply.header('x-request-id', request.id);
        if (holder.ready) {
            reply.header('x-policy-version', holder.current.version);
        }
        done(null, payload);
    });
    if (destination) {
        app.addHook('onClose', (_instance, done) => {
            destination.close();
            done();
        });
    }
    watchBodyTimes(app, options.bodyTimeout ?? 10_000, request => request.method === 'POST' && !request.url.startsWith('/v1/evaluate/batch'));
    // JSON and NDJSON only: a text body is refused (415), not validated as a string.
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser('application/x-ndjson', (_request, payload, done) => done(null, payload));
    // Every JSON body through the exact reader: numbers as written, names in NFC, bounded nesting and fields.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
        try {
            done(null, readJson(body as string));
        } catch (error) {
            done(error as Error, undefined);
        }
    });
    app.setErrorHandler((error: FastifyError, request, reply) => {
        if (error instanceof JsonInputError) {
            return send(request, reply, error.code, error.describe(localeOf(request.headers['accept-language'])));
        }
        if (error instanceof RegelrattRuntimeError) {
            return send(request, reply, error.code, error.messageIn(localeOf(request.headers['accept-language'])), error.details);
        }
        if (error.validation) {
            return send(request, reply, 'bad-request', validationMessage(error.validation, error.validationContext ?? 'body', localeOf(request.headers['accept-language']), request.body));
        }
        const sv = localeOf(request.headers['accept-language']) === 'sv';
        switch (error.code) {
            case 'FST_ERR_CTP_BODY_TOO_LARGE':
                // Answered once the rest of the body is read and thrown away, not while the client is
                // still sending (it would see a reset connection, never the 413).
                return discardBody(request.raw).then(() => {
                    send(request, reply, 'body-too-large', sv ? `Kroppen får vara högst ${bodyLimit} byte.` : `The body may be at most ${bodyLimit} bytes.`);
                });
            case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
                return send(request, reply, 'unsupported-media-type', sv
                    ? `Innehållstypen ${String(request.headers['content-type'] ?? '(ingen)')} stöds inte: skicka application/json (application/x-ndjson till /v1/evaluate/batch).`
                    : `The content type ${String(request.headers['content-type'] ?? '(none)')} is not supported: send application/json (application/x-ndjson to /v1/evaluate/batch).`);
        }
        if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
            return send(request, reply, 'bad-request', error.message);
        }
        request.log.error({ err: error }, 'internal error');
        return send(request, reply, 'internal', localeOf(request.headers['accept-language']) === 'sv' ? 'Ett internt fel i tjänsten; det är loggat med frågans id.' : 'An internal error in the service; it is logged with the request id.');
    });
    app.setNotFoundHandler((request, reply) => send(request, reply, 'not-found', `${request.method} ${request.url}`));

    app.get('/health', async () => ({ status: 'ok' }));
    app.get('/ready', async (request, reply) => (holder.ready
        ? { status: 'ready', policyVersion: holder.current.version }
        : reply.code(503).type('application/problem+json').send(problem('internal', 'no policy loaded', localeOf(request.headers['accept-language']), { instance: request.id }))));
    app.get('/openapi.json', async () => openApiDocument(holder.current));
    app.get('/v1/elements', async () => {
        const policy = holder.current;
        return {
            policyVersion: policy.version,
            elements: policy.files.flatMap(file => file.elements).map(element => ({
                id: element.id, kind: element.kind, name: element.name, ...(element.title ? { title: element.title } : {}),
                ...('validity' in element && element.validity ? { validity: element.validity } : {}),
                ...(element.kind === 'parameter' ? { versions: element.versions.map(v => ({ from: v.from, ...(v.to ? { to: v.to } : {}), value: v.value })) } : {}),
            })),
        };
    });
    // Answered in the handler's own turn, not through a promise: the route every request of a busy
    // service takes (a runtime error thrown here reaches the error handler all the same).
    app.post('/v1/evaluate', { schema: { body: CASE_INPUT, querystring: EXPLAIN_QUERY } }, (request, reply) => {
        const policy = holder.current;
        const explain = (request.query as { explain?: string }).explain === 'true';
        const input = request.body as CaseInput;
        // Each answer with its reason, and its errors, in the language asked for.
        const locale = localeOf(request.headers['accept-language']);
        const answer = withReasons(policy.runtime, input, evaluateCase(policy.runtime, input, explain, locale), locale);
        return reply.send({ ...answer, policyVersion: policy.version });
    });
    app.post('/v1/question', { schema: { body: QUESTION } }, async request => {
        const policy = holder.current;
        const question = request.body as Question;
        const locale = localeOf(request.headers['accept-language']);
        const answer = (ANSWERS[question.type] as (runtime: PolicyRuntime, q: Question, locale: 'sv' | 'en') => unknown)(policy.runtime, question, locale);
        const reason = reasonFor(policy.runtime, reasonQuestion(question), locale);
        return { answer, reason, policyVersion: policy.version };
    });
    app.post('/v1/evaluate/batch', { schema: { querystring: EXPLAIN_QUERY } }, async (request, reply) => {
        const policy = holder.current;
        const explain = (request.query as { explain?: string }).explain === 'true';
        const body = request.body as Readable;
        if (!body || typeof (body as Readable).pipe !== 'function') {
            return send(request, reply, 'unsupported-media-type', 'Content-Type: application/x-ndjson');
        }
        reply.type('application/x-ndjson');
        return reply.send(Readable.from(answerLines(body, policy.runtime, policy.version, explain, localeOf(request.headers['accept-language']))));
    });
    app.post('/admin/reload', async (request, reply) => {
        const header = request.headers.authorization ?? '';
        const given = Buffer.from(header.replace(/^Bearer\s+/i, ''));
        const expected = Buffer.from(options.reloadToken ?? '');
        if (!options.reloadToken || given.length !== expected.length || !timingSafeEqual(given, expected)) {
            return send(request, reply, 'unauthorized', options.reloadToken ? 'Authorization: Bearer <REGELRATT_RELOAD_TOKEN>' : 'REGELRATT_RELOAD_TOKEN is not set: reload with SIGHUP');
        }
        const result = await holder.reload();
        if (!result.ok) {
            request.log.warn({ problem: result.problem }, 'reload failed; the old policy stays');
            return send(request, reply, 'reload-failed', result.problem);
        }
        request.log.info({ policyVersion: result.policy.version }, 'policy reloaded');
        return { policyVersion: result.policy.version, loadedAt: result.policy.loadedAt };
    });
    return app;
}

/**
 * A batch in order: the body read in slices split at line ends and answered slice by slice, as
 * `eval` answers a register (register-lines.ts), every line naming the policy version; constant
 * memory. A line longer than MAX_LINE is answered with an error in its place, not buffered.
 */
async function* answerLines(body: Readable, runtime: PolicyRuntime, version: string, explain: boolean, locale: 'sv' | 'en'): AsyncGenerator<string> {
    let carry = '';
    let firstLine = 1;
    let seq = 0;
    let skipping = false;
    const stamp = { policyVersion: version };
    body.setEncoding('utf8');
    for await (const chunk of body) {
        let text = carry + (chunk as string);
        if (skipping) {
            // The rest of an over-long line: dropped up to its end.
            const end = text.indexOf('\n');
            if (end < 0) {
                carry = '';
                continue;
            }
            text = text.slice(end + 1);
            skipping = false;
            firstLine++;
        }
        const end = text.lastIndexOf('\n');
        if (end < 0) {
            carry = text;
            if (carry.length > MAX_LINE) {
                const message = locale === 'sv' ? `raden är längre än ${MAX_LINE} tecken` : `the line is longer than ${MAX_LINE} characters`;
                yield `${JSON.stringify({ line: firstLine, error: { code: 'field-too-long', message }, ...stamp })}\n`;
                carry = '';
                skipping = true;
            }
            continue;
        }
        carry = text.slice(end + 1);
        const slice = text.slice(0, end);
        const answered = answerBatch(runtime, { seq: seq++, firstLine, text: slice }, { explain, stamp, locale });
        firstLine += answered.lines;
        if (answered.output) {
            yield answered.output;
        }
    }
    if (carry !== '' && !skipping) {
        const answered = answerBatch(runtime, { seq: seq++, firstLine, text: carry }, { explain, stamp, locale });
        if (answered.output) {
            yield answered.output;
        }
    }
}

