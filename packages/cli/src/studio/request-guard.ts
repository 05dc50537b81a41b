import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { StudioProblemCode } from './problem.js';

/** The header every file API request carries the start-up token in. */
export const TOKEN_HEADER = 'x-regelratt-token';

/**
 * Sent with every answer. The page loads only its own scripts, workers and fonts; Monaco sets inline
 * styles (hence 'unsafe-inline' for styles only), and the document beside the editor is an
 * `srcdoc` frame without scripts. No other site may frame the studio.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
    'content-security-policy': [
        "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
        "font-src 'self' data:", "worker-src 'self'", "connect-src 'self'", "frame-src 'self'", "object-src 'none'",
        "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
    ].join('; '),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
};

export interface Refusal {
    code: StudioProblemCode;
    sv: string;
    en: string;
}

/**
 * Who may talk to the studio: the browser on this machine at the studio's own address, nothing
 * else. The Host check stops DNS rebinding (a site whose name is made to point at 127.0.0.1 sends
 * its own name as Host), the Origin check stops other sites' pages, and the token (random per start,
 * handed only to the studio's own page) stops anything that did not load that page.
 */
export class RequestGuard {
    readonly token = randomBytes(32).toString('base64url');
    private readonly hosts: ReadonlySet<string>;
    private readonly origins: ReadonlySet<string>;

    constructor(port: number) {
        this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
        this.origins = new Set([...this.hosts].map(host => `http://${host}`));
    }

    /** Why the request is refused before anything else is looked at (its Host, its Origin), or undefined when it may go on. */
    refuse(request: IncomingMessage): Refusal | undefined {
        const host = (request.headers.host ?? '').toLowerCase();
        if (!this.hosts.has(host)) {
            const allowed = [...this.hosts].join(', ');
            return { code: 'wrong-host', sv: `Studion svarar bara på ${allowed}.`, en: `The studio answers only at ${allowed}.` };
        }
        const origin = request.headers.origin;
        if (origin !== undefined && !this.origins.has(origin.toLowerCase())) {
            return { code: 'wrong-origin', sv: 'Studion tar bara emot anrop från sin egen sida.', en: 'The studio takes requests only from its own page.' };
        }
        return undefined;
    }

    /** Why a request to the file API is refused: not from the studio's own page, or without its token. */
    refuseApi(request: IncomingMessage): Refusal | undefined {
        if (request.headers['sec-fetch-site'] !== undefined && request.headers['sec-fetch-site'] !== 'same-origin') {
            return { code: 'wrong-origin', sv: 'Studion tar bara emot anrop från sin egen sida.', en: 'The studio takes requests only from its own page.' };
        }
        if (!this.tokenMatches(request.headers[TOKEN_HEADER])) {
            return { code: 'missing-token', sv: 'Anropet saknar studions nyckel; ladda om sidan.', en: "The request lacks the studio's token; reload the page." };
        }
        return undefined;
    }

    /** The page with the token in a meta tag, where only a page served by the studio can read it. */
    withToken(html: string): string {
        return html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n<meta name="regelratt-token" content="${this.token}">`);
    }

    private tokenMatches(given: string | string[] | undefined): boolean {
        if (typeof given !== 'string') {
            return false;
        }
        const a = Buffer.from(given);
        const b = Buffer.from(this.token);
        return a.length === b.length && timingSafeEqual(a, b);
    }
}
