import { ExactNumber } from '@regelratt/format';

/**
 * The JSON reader for cases (`eval --input`, one case or a register line, and every body the service
 * takes). `JSON.parse` reads a number as binary floating point before the runtime sees it (9007199254740993
 * becomes …992, 65.0000000000000001 becomes 65) and cannot bound nesting; this reader hands the
 * runtime each number as written: a JS number when that is the same value as the text, the
 * runtime's ExactNumber otherwise. Names are normalised to NFC (a name typed in decomposed form is
 * the same name), a name given twice is refused rather than one value silently dropped, `__proto__`
 * is an ordinary name, and nesting, text and numbers are bounded so that no input costs a stack
 * overflow or unbounded arithmetic.
 */

export interface JsonLimits {
    /** Objects and arrays inside each other. */
    depth: number;
    /** Characters in a name. */
    name: number;
    /** Characters in a text value. */
    text: number;
    /** Digits of a number (without its exponent). */
    digits: number;
    /** The largest exponent, either way: 1e1000 is read, 1e100000 would cost megabytes of digits. */
    exponent: number;
    /** Names in one object, and elements in one array: an object with 200 000 names costs V8 a second to build. */
    members: number;
}

export const JSON_LIMITS: JsonLimits = { depth: 32, name: 1000, text: 10_000, digits: 100, exponent: 1000, members: 1000 };

export type JsonProblemCode = 'invalid-json' | 'duplicate-name' | 'nesting-too-deep' | 'field-too-long' | 'too-many-members';

/** Where and why a text is not read: a code for the service, the reason in Swedish and English. */
export class JsonInputError extends Error {
    constructor(readonly code: JsonProblemCode, readonly line: number, readonly column: number, readonly reason: { sv: string; en: string }) {
        super(`rad ${line}, kolumn ${column}: ${reason.sv}`);
        this.name = 'JsonInputError';
    }

    /** The problem with its place, in the asked language; `firstLine` is the number of the text's first line in its file. */
    describe(locale: 'sv' | 'en', firstLine = 1): string {
        const line = firstLine + this.line - 1;
        return locale === 'sv'
            ? `rad ${line}, kolumn ${this.column}: ${this.reason.sv}`
            : `line ${line}, column ${this.column}: ${this.reason.en}`;
    }
}

const shown = (code: number) => (Number.isNaN(code) ? undefined : JSON.stringify(String.fromCharCode(code)));

/** Reads one JSON text; throws JsonInputError. */
export function readJson(text: string, limits: JsonLimits = JSON_LIMITS): unknown {
    return new Reader(text, limits).document();
}

class Reader {
    private at = 0;
    /**
     * The first problem with a well-formed text (a name twice, a field or an object too large): kept
     * until the end, so that a text that is not JSON at all is refused as such, with its place, as
     * JSON.parse would refuse it. Once set, values are only scanned, not built. Nesting is the one
     * limit that stops reading at once: going deeper is the cost it bounds.
     */
    private problem: JsonInputError | undefined;

    constructor(private readonly text: string, private readonly limits: JsonLimits) { }

    document(): unknown {
        this.space();
        if (this.at >= this.text.length) {
            throw this.fail('invalid-json', { sv: 'texten är tom, ett JSON-värde väntades', en: 'the text is empty; a JSON value was expected' });
        }
        const value = this.value(0);
        this.space();
        if (this.at < this.text.length) {
            throw this.fail('invalid-json', { sv: `oväntat ${shown(this.text.charCodeAt(this.at))} efter JSON-värdet`, en: `unexpected ${shown(this.text.charCodeAt(this.at))} after the JSON value` });
        }
        if (this.problem) {
            throw this.problem;
        }
        return value;
    }

    private defer(problem: JsonInputError): void {
        this.problem ??= problem;
    }

    private fail(code: JsonProblemCode, reason: { sv: string; en: string }, at = this.at): JsonInputError {
        let line = 1;
        let start = 0;
        for (let i = this.text.indexOf('\n'); i >= 0 && i < at; i = this.text.indexOf('\n', i + 1)) {
            line++;
            start = i + 1;
        }
        return new JsonInputError(code, line, at - start + 1, reason);
    }

    private unexpected(expected: { sv: string; en: string }): JsonInputError {
        const found = shown(this.text.charCodeAt(this.at));
        return this.fail('invalid-json', found
            ? { sv: `väntade ${expected.sv}, inte ${found}`, en: `expected ${expected.en}, not ${found}` }
            : { sv: `texten tar slut; väntade ${expected.sv}`, en: `the text ends; expected ${expected.en}` });
    }

    private space(): void {
        const text = this.text;
        let at = this.at;
        for (let c = text.charCodeAt(at); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++at)) { /* skip */ }
        this.at = at;
    }

    private value(depth: number): unknown {
        const c = this.text.charCodeAt(this.at);
        if (c === 0x22) {
            return this.string(this.limits.text, false);
        }
        if (c === 0x7b || c === 0x5b) {
            if (depth >= this.limits.depth) {
                throw this.fail('nesting-too-deep', { sv: `mer än ${this.limits.depth} objekt och listor i varandra`, en: `more than ${this.limits.depth} objects and arrays inside each other` });
            }
            return c === 0x7b ? this.object(depth + 1) : this.array(depth + 1);
        }
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
            return this.number();
        }
        for (const [word, value] of LITERALS) {
            if (this.text.startsWith(word, this.at)) {
                this.at += word.length;
                return value;
            }
        }
        throw this.unexpected({ sv: 'ett JSON-värde', en: 'a JSON value' });
    }

    private object(depth: number): Record<string, unknown> {
        this.at++;
        const result: Record<string, unknown> = {};
        this.space();
        if (this.text.charCodeAt(this.at) === 0x7d) {
            this.at++;
            return result;
        }
        for (let count = 1; ; count++) {
            if (this.text.charCodeAt(this.at) !== 0x22) {
                throw this.unexpected({ sv: 'ett namn inom citattecken', en: 'a name in double quotes' });
            }
            const nameAt = this.at;
            const name = this.string(this.limits.name, true);
            if (!this.problem && Object.hasOwn(result, name)) {
                this.defer(this.fail('duplicate-name', { sv: `namnet ${JSON.stringify(name)} förekommer två gånger`, en: `the name ${JSON.stringify(name)} occurs twice` }, nameAt));
            }
            this.space();
            if (this.text.charCodeAt(this.at) !== 0x3a) {
                throw this.unexpected({ sv: "':'", en: "':'" });
            }
            this.at++;
            this.space();
            const value = this.value(depth);
            if (this.problem) {
                // Only the text's syntax is still read.
            } else if (name === '__proto__') {
                // An own property like any other name, not the object's prototype.
                Object.defineProperty(result, name, { value, enumerable: true, writable: true, configurable: true });
            } else {
                result[name] = value;
            }
            if (this.closes(0x7d, { sv: "',' eller '}'", en: "',' or '}'" }, count)) {
                return result;
            }
        }
    }

    private array(depth: number): unknown[] {
        this.at++;
        const result: unknown[] = [];
        this.space();
        if (this.text.charCodeAt(this.at) === 0x5d) {
            this.at++;
            return result;
        }
        for (let count = 1; ; count++) {
            const value = this.value(depth);
            if (!this.problem) {
                result.push(value);
            }
            if (this.closes(0x5d, { sv: "',' eller ']'", en: "',' or ']'" }, count)) {
                return result;
            }
        }
    }

    /**
     * After the `count`th member or element: true past the closing bracket, false past a comma (when
     * another may follow: at most `members`); anything else is refused.
     */
    private closes(bracket: number, expected: { sv: string; en: string }, count: number): boolean {
        this.space();
        const next = this.text.charCodeAt(this.at);
        if (next !== bracket && next !== 0x2c) {
            throw this.unexpected(expected);
        }
        this.at++;
        if (next === 0x2c) {
            this.space();
            if (count === this.limits.members) {
                this.defer(this.fail('too-many-members', { sv: `ett objekt eller en lista får ha högst ${this.limits.members} delar`, en: `an object or array may have at most ${this.limits.members} members` }));
            }
        }
        return next === bracket;
    }

    private string(limit: number, isName: boolean): string {
        const text = this.text;
        const start = ++this.at;
        let at = start;
        let parts: string | undefined;
        let from = start;
        let wide = false;
        for (;;) {
            const c = text.charCodeAt(at);
            if (c === 0x22) {
                break;
            }
            if (Number.isNaN(c)) {
                this.at = at;
                throw this.unexpected({ sv: 'ett avslutande citattecken', en: 'a closing double quote' });
            }
            if (c < 0x20) {
                this.at = at;
                throw this.fail('invalid-json', { sv: 'ett styrtecken (tecken under U+0020) inom citattecken ska skrivas med \\', en: 'a control character (below U+0020) inside quotes must be escaped' });
            }
            if (c >= 0x80) {
                wide = true;
            }
            if (c === 0x5c) {
                parts = (parts ?? '') + text.slice(from, at) + this.escape(at);
                at += text.charCodeAt(at + 1) === 0x75 ? 6 : 2;
                from = at;
                continue;
            }
            at++;
        }
        const value = parts === undefined ? text.slice(start, at) : parts + text.slice(from, at);
        this.at = at + 1;
        if (value.length > limit) {
            this.defer(this.fail('field-too-long', isName
                ? { sv: `ett namn får vara högst ${limit} tecken, det här är ${value.length}`, en: `a name may be at most ${limit} characters; this one is ${value.length}` }
                : { sv: `en text får vara högst ${limit} tecken, den här är ${value.length}`, en: `a text may be at most ${limit} characters; this one is ${value.length}` }, start - 1));
            return value;
        }
        // A name typed in decomposed form (a + U+0308) is the name the policy spells composed (ä).
        return isName && (wide || parts !== undefined) ? value.normalize('NFC') : value;
    }

    private escape(at: number): string {
        const c = this.text.charCodeAt(at + 1);
        switch (c) {
            case 0x22: return '"';
            case 0x5c: return '\\';
            case 0x2f: return '/';
            case 0x62: return '\b';
            case 0x66: return '\f';
            case 0x6e: return '\n';
            case 0x72: return '\r';
            case 0x74: return '\t';
            case 0x75: {
                const hex = this.text.slice(at + 2, at + 6);
                if (/^[0-9a-fA-F]{4}$/.test(hex)) {
                    return String.fromCharCode(parseInt(hex, 16));
                }
                break;
            }
        }
        throw this.fail('invalid-json', { sv: 'ogiltig \\-sekvens i en text', en: 'invalid escape sequence in a text' }, at);
    }

    private number(): number | ExactNumber {
        const text = this.text;
        const start = this.at;
        let at = start;
        if (text.charCodeAt(at) === 0x2d) {
            at++;
        }
        const integerStart = at;
        at = digitsFrom(text, at);
        if (at === integerStart || (text.charCodeAt(integerStart) === 0x30 && at - integerStart > 1)) {
            this.at = integerStart;
            throw this.fail('invalid-json', { sv: 'ett tal ska börja med en siffra och inte med 0 följd av fler siffror', en: 'a number must start with a digit, and not with 0 followed by more digits' });
        }
        const integerEnd = at;
        let fractionEnd = at;
        if (text.charCodeAt(at) === 0x2e) {
            fractionEnd = digitsFrom(text, at + 1);
            if (fractionEnd === at + 1) {
                this.at = fractionEnd;
                throw this.unexpected({ sv: 'en siffra efter decimalpunkten', en: 'a digit after the decimal point' });
            }
            at = fractionEnd;
        }
        let exponent = 0;
        const c = text.charCodeAt(at);
        if (c === 0x65 || c === 0x45) {
            let exponentStart = at + 1;
            const sign = text.charCodeAt(exponentStart);
            if (sign === 0x2b || sign === 0x2d) {
                exponentStart++;
            }
            const exponentEnd = digitsFrom(text, exponentStart);
            if (exponentEnd === exponentStart) {
                this.at = exponentEnd;
                throw this.unexpected({ sv: 'en siffra i exponenten', en: 'a digit in the exponent' });
            }
            // Read as a number only once its size is known to be bounded (a thousand digits at most).
            const written = text.slice(exponentStart, exponentEnd).replace(/^0+(?=\d)/, '');
            exponent = written.length > 6 ? Infinity : Number(written) * (sign === 0x2d ? -1 : 1);
            at = exponentEnd;
        }
        this.at = at;
        const fraction = fractionEnd > integerEnd ? text.slice(integerEnd + 1, fractionEnd) : '';
        const digits = text.slice(integerStart, integerEnd) + fraction;
        if (digits.length > this.limits.digits || !(Math.abs(exponent) <= this.limits.exponent)) {
            this.defer(this.fail('field-too-long', {
                sv: `ett tal får ha högst ${this.limits.digits} siffror och en exponent mellan −${this.limits.exponent} och ${this.limits.exponent}`,
                en: `a number may have at most ${this.limits.digits} digits and an exponent between -${this.limits.exponent} and ${this.limits.exponent}`,
            }, start));
            return 0;
        }
        if (this.problem) {
            return 0;
        }
        const source = text.slice(start, at);
        // Up to 15 digits and no exponent: the nearest double's shortest spelling is the text's own
        // value, which is how the runtime reads a JS number; the common case, and the fast one.
        if (exponent === 0 && digits.length <= 15) {
            const value = Number(source);
            if (value === 0 || Math.abs(value) >= 1e-6) {
                return value;
            }
        }
        const negative = start !== integerStart;
        const scale = fraction.length - exponent;
        const whole = BigInt(digits) * (negative ? -1n : 1n);
        const exact = scale <= 0 ? ExactNumber.of(whole * 10n ** BigInt(-scale)) : ExactNumber.of(whole, 10n ** BigInt(scale));
        if (exact.isInteger() && exact.numerator <= BigInt(Number.MAX_SAFE_INTEGER) && exact.numerator >= BigInt(Number.MIN_SAFE_INTEGER)) {
            return Number(exact.numerator);
        }
        return exact;
    }
}

const LITERALS: ReadonlyArray<readonly [string, unknown]> = [['true', true], ['false', false], ['null', null]];

function digitsFrom(text: string, at: number): number {
    for (let c = text.charCodeAt(at); c >= 0x30 && c <= 0x39; c = text.charCodeAt(++at)) { /* skip */ }
    return at;
}
