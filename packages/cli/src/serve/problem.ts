import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { RuntimeErrorCode } from '@regelratt/runtime';

/** The service's own error codes, beside the runtime's. */
export const SERVICE_ERROR_CODES = ['bad-request', 'invalid-json', 'duplicate-name', 'nesting-too-deep', 'field-too-long', 'too-many-members', 'body-too-large', 'headers-too-large', 'request-timeout', 'unsupported-media-type', 'not-found', 'unauthorized', 'reload-failed', 'internal'] as const;
export type ServiceErrorCode = typeof SERVICE_ERROR_CODES[number];
export type ProblemCode = RuntimeErrorCode | ServiceErrorCode;

/** A short title per code, in both languages: a new runtime error code is a compile error here until it has one. */
const TITLES = {
    'unsupported-schema': ['Den kompilerade policyn har en schemaversion som inte stöds', 'The compiled policy has an unsupported schema version'],
    'invalid-file': ['Den kompilerade policyn följer inte formatet', 'The compiled policy does not follow the format'],
    'unknown-element': ['Policyn har inget sådant element', 'The policy has no such element'],
    'missing-attribute': ['Ett värde som frågan behöver saknas', 'A value the question needs is missing'],
    'unknown-attribute': ['Policyn har ingen sådan egenskap', 'The policy has no such attribute'],
    'value-outside-domain': ['Ett värde ligger utanför egenskapens definitionsområde', "A value is outside the attribute's domain"],
    'wrong-value-type': ['Ett värde har fel typ', 'A value has the wrong type'],
    'no-valid-version': ['Inget gäller på det datumet', 'Nothing is in force on that date'],
    'unknown-level': ['Nivån finns inte', 'The level does not exist'],
    'missing-level': ['Frågan behöver en nivå', 'The question needs a level'],
    'open-amount': ['Policyn anger inget belopp här', 'The policy gives no amount here'],
    'missing-date': ['Frågan behöver ett datum', 'The question needs a date'],
    'not-computable': ['Svaret kan inte beräknas', 'The answer cannot be computed'],
    'no-matching-row': ['Ingen rad i beslutstabellen gäller', 'No row of the decision table applies'],
    'several-matching-rows': ['Flera rader i beslutstabellen gäller', 'Several rows of the decision table apply'],
    'outside-limit': ['Svaret ligger utanför en gräns som policyn anger', 'The answer is outside a limit the policy states'],
    'bad-request': ['Frågan följer inte API:ets schema', 'The request does not follow the API schema'],
    'invalid-json': ['Kroppen är ingen giltig JSON', 'The body is not valid JSON'],
    'duplicate-name': ['Ett namn förekommer två gånger i samma objekt', 'A name occurs twice in one object'],
    'nesting-too-deep': ['Kroppen har för många nivåer i varandra', 'The body nests too deep'],
    'field-too-long': ['Ett namn, en text eller ett tal i kroppen är för långt', 'A name, text or number in the body is too long'],
    'too-many-members': ['Ett objekt eller en lista i kroppen har för många delar', 'An object or array in the body has too many members'],
    'body-too-large': ['Kroppen är för stor', 'The body is too large'],
    'headers-too-large': ['Frågans huvuden är för stora', 'The request headers are too large'],
    'request-timeout': ['Frågan kom inte fram i tid', 'The request did not arrive in time'],
    'unsupported-media-type': ['Innehållstypen stöds inte', 'The content type is not supported'],
    'not-found': ['Det finns ingen sådan resurs', 'There is no such resource'],
    'unauthorized': ['Saknar eller fel nyckel', 'Missing or wrong token'],
    'reload-failed': ['Den nya policyn kunde inte laddas; den gamla gäller', 'The new policy could not be loaded; the old one stays'],
    'internal': ['Internt fel i tjänsten', 'Internal error in the service'],
} as const satisfies Record<ProblemCode, readonly [string, string]>;

/** The HTTP status of each code: bad input is 4xx, never 500; only a fault in the service is. */
const STATUS = {
    'unsupported-schema': 500, 'invalid-file': 500, 'unknown-element': 404, 'missing-attribute': 422, 'unknown-attribute': 422, 'value-outside-domain': 422,
    'wrong-value-type': 422, 'no-valid-version': 422, 'unknown-level': 422, 'missing-level': 422, 'open-amount': 422, 'missing-date': 422,
    'not-computable': 422, 'no-matching-row': 422, 'several-matching-rows': 422, 'outside-limit': 422,
    'bad-request': 400, 'invalid-json': 400, 'duplicate-name': 400, 'nesting-too-deep': 400, 'field-too-long': 400, 'too-many-members': 400, 'body-too-large': 413, 'headers-too-large': 431, 'request-timeout': 408, 'unsupported-media-type': 415, 'not-found': 404, 'unauthorized': 401,
    'reload-failed': 422, 'internal': 500,
} as const satisfies Record<ProblemCode, number>;

export interface Problem {
    type: string;
    title: string;
    status: number;
    detail: string;
    code: ProblemCode;
    instance?: string;
    details?: Record<string, unknown>;
}

/** An RFC 9457 problem: `type` is the code's URI (documented in the README), `title` in the asked language. */
export function problem(code: ProblemCode, detail: string, locale: 'sv' | 'en', extra: { instance?: string; details?: Record<string, unknown> } = {}): Problem {
    return {
        type: `urn:regelratt:problem:${code}`,
        title: TITLES[code][locale === 'sv' ? 0 : 1],
        status: STATUS[code],
        detail,
        code,
        ...(extra.instance ? { instance: extra.instance } : {}),
        ...(extra.details ? { details: extra.details } : {}),
    };
}

/**
 * A problem written straight to a socket, which is then closed: for what is refused before or while a
 * request is read (not HTTP, headers too large, too slow), where there is no reply to send it with.
 * In Swedish: the request's Accept-Language may not have been read.
 */
export function writeProblemAndClose(socket: Socket, code: ProblemCode, detail: string, id: string): void {
    const body = JSON.stringify(problem(code, detail, 'sv', { instance: id }));
    if (socket.writable) {
        const status = STATUS[code];
        socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nx-request-id: ${id}\r\nConnection: close\r\n\r\n${body}`);
    }
    socket.destroy();
}

/** Swedish unless the client prefers English (Accept-Language: en, or en before sv). */
export function localeOf(acceptLanguage: string | undefined): 'sv' | 'en' {
    if (!acceptLanguage) {
        return 'sv';
    }
    const ranked = acceptLanguage.split(',').map((part, index) => {
        const [tag, ...params] = part.trim().toLowerCase().split(';');
        const q = Number(params.find(p => p.trim().startsWith('q='))?.split('=')[1] ?? '1');
        return { tag, q: Number.isFinite(q) ? q : 0, index };
    }).filter(entry => entry.q > 0).sort((a, b) => b.q - a.q || a.index - b.index);
    for (const { tag } of ranked) {
        if (tag.startsWith('sv')) {
            return 'sv';
        }
        if (tag.startsWith('en')) {
            return 'en';
        }
    }
    return 'sv';
}
