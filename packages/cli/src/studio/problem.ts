import type { ServerResponse } from 'node:http';

/** What the studio's file API can refuse, each with its HTTP status and a title in both languages. */
const PROBLEMS = {
    'wrong-host': [421, 'Fel värdnamn', 'Wrong host name'],
    'wrong-origin': [403, 'Anropet kommer från en annan webbplats', 'The request comes from another site'],
    'missing-token': [403, 'Studions nyckel saknas eller är fel', "The studio's token is missing or wrong"],
    'bad-path': [400, 'Ingen .regel-fil som studion får skriva', 'Not a .regel file the studio may write'],
    'bad-request': [400, 'Felaktigt anrop', 'Bad request'],
    'not-found': [404, 'Det finns ingen sådan fil', 'There is no such file'],
    'method-not-allowed': [405, 'Metoden stöds inte här', 'The method is not supported here'],
    'conflict': [409, 'Filen har ändrats på disken', 'The file has changed on disk'],
    'body-too-large': [413, 'Texten är för stor', 'The text is too large'],
    'cannot-compare': [422, 'Versionerna kan inte jämföras', 'The versions cannot be compared'],
    'precondition-required': [428, 'Sparandet saknar filens version', 'The save lacks the file\'s version'],
    'internal': [500, 'Internt fel i studion', 'Internal error in the studio'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type StudioProblemCode = keyof typeof PROBLEMS;

/**
 * Answers with an RFC 9457 problem: `type` names the code, `detail` says what to do in the asked
 * language. Details never carry a server path or an exception's message (only the writer's own
 * relative paths), so a refused request learns nothing about the machine.
 */
export function sendProblem(response: ServerResponse, code: StudioProblemCode, detail: string, locale: 'sv' | 'en', extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): void {
    if (response.headersSent) {
        response.destroy();
        return;
    }
    const [status, sv, en] = PROBLEMS[code];
    const body = JSON.stringify({ type: `urn:regelratt:studio:${code}`, title: locale === 'sv' ? sv : en, status, detail, ...extra });
    response.writeHead(status, { ...headers, 'content-type': 'application/problem+json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    response.end(body);
}
