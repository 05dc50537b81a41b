/**
 * Request bodies for `serve` and files for `eval --input`, generated and mutated from a valid case
 * of examples/orebro (with one added calculation, `fuzz_dubbel = 2 × inkomst`, whose answer is
 * known exactly for any whole number): nesting thousands deep under any key (`id` too), numbers
 * past a double's range and precision, `__proto__` and `constructor` keys, names decomposed (NFD),
 * long strings, duplicate keys, truncated and broken JSON, and NDJSON registers with blank, broken
 * and CRLF lines. Each body carries what its answer must respect (`oracle`).
 */
import { cpSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { repository, temporaryFolder } from './harness.mjs';

export const CITIZEN = {
    aktivitetsförmåga: 'hög', ålder: 70, kognitiv_svikt: false, kan_ta_sig_till_vårdcentral: true,
    motiverad_till_träning: true, ärendetyp: 'uppföljning', inkomst: 20000, boendekostnad: 5000,
};
const CASE = { citizen: CITIZEN, level: 4, date: '2021-06-01' };

/** examples/orebro with the doubling calculation, in a temporary folder. */
export function doublingPolicy() {
    const folder = temporaryFolder('policy');
    cpSync(path.join(repository, 'examples/orebro'), folder, { recursive: true });
    writeFileSync(path.join(folder, 'fuzz.regel'), 'beräkning fuzz_dubbel "Dubbel" kan vara negativ = 2 × inkomst\n');
    return folder;
}

const BIG_NUMBERS = ['99999999999999999999999', '1e400', '-1e400', '1e-400', '123456789012345678901234567890.5', '9007199254740993', '-0', '1E+2', '0.1', '4.35', '1' + '0'.repeat(400)];

/** A JSON text with `inner` nested `depth` deep in arrays or objects. */
const nest = (depth, inner, object) => (object ? '{"a":'.repeat(depth) + inner + '}'.repeat(depth) : '['.repeat(depth) + inner + ']'.repeat(depth));

/** Every key of a JSON value in its decomposed form. */
const decomposed = value => (value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.normalize('NFD'), decomposed(inner)]))
    : value);

export function bodyGenerator({ random, pick, below }) {
    const caseText = () => JSON.stringify({ ...CASE, citizen: { ...CITIZEN } });
    const withKey = (key, raw) => caseText().replace(/^\{/, `{${JSON.stringify(key)}:${raw},`);
    const inCitizen = (key, raw) => caseText().replace('"citizen":{', `"citizen":{${JSON.stringify(key)}:${raw},`);
    const single = [
        () => ({ text: caseText() }),
        () => ({ text: withKey(pick(['id', 'citizen', 'level', 'date', 'x']), nest(pick([100, 1_000, 5_000, 10_000, 100_000]), pick(['1', '"x"', '{}']), random() < 0.5)) }),
        () => ({ text: inCitizen(pick(['ålder', 'inkomst', 'x']), nest(pick([1_000, 5_000, 20_000]), '1', random() < 0.5)) }),
        () => { const n = pick(BIG_NUMBERS); return { text: caseText().replace('"inkomst":20000', `"inkomst":${n}`), oracle: { doubled: n } }; },
        () => ({ text: caseText().replace('"level":4', `"level":${pick(BIG_NUMBERS)}`) }),
        () => ({ text: pick([withKey, inCitizen])(pick(['__proto__', '__proto__', '__proto__', 'constructor', 'prototype', 'toString']), pick(['{"x":1}', '{}', 'null', '1', '"a"', '{"ålder":3}'])) }),
        () => ({ text: JSON.stringify(decomposed(CASE)), oracle: { decomposed: true } }),
        () => ({ text: inCitizen('x'.repeat(below(100_000)), '1') }),
        () => ({ text: inCitizen('aktivitetsförmåga', JSON.stringify('å'.repeat(below(1_000_000)))) }),
        () => ({ text: caseText().replace('"level":4', '"level":4,"level":5') }),
        () => { const t = caseText(); return { text: t.slice(0, below(t.length)) }; },
        () => { const t = caseText(); const at = below(t.length); return { text: t.slice(0, at) + pick(['"', '{', ']', ',', '\u0000', '\uD800', 'NaN', 'Infinity', '//', '\\']) + t.slice(at) }; },
        () => ({ text: pick(['', 'null', '[]', '"x"', '1', 'true', '\uFEFF' + caseText(), caseText() + 'x', ' '.repeat(10_000)]) }),
    ];
    const line = () => pick([caseText, () => '', () => ' ', () => '{', () => 'null', () => JSON.stringify(decomposed(CASE)), () => single[below(single.length)]().text.replace(/\n/g, '')])();
    return function generateBody() {
        if (random() < 0.3) {
            const lines = Array.from({ length: 1 + below(12) }, line);
            const separator = pick(['\n', '\n', '\r\n']);
            return { ndjson: true, text: lines.join(separator) + (random() < 0.5 ? separator : '') };
        }
        const body = pick(single)();
        return random() < 0.2 ? { ...body, requestId: 'r'.repeat(1_000 + below(7_000)) } : body;
    };
}

/** How many answer lines a register of this text must get: one per line, the last line ended or not. */
export const registerLines = text => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/**
 * What a body's answer must respect beyond its status: a JSON text is never "not valid JSON"; a
 * case with decomposed names is not refused for unknown names; a whole number doubled exactly.
 */
export function answerFailure(body, answer) {
    let parsed = true;
    try {
        JSON.parse(body.text);
    } catch {
        parsed = false;
    }
    if (parsed && /invalid-json|ogiltig JSON|not valid JSON/i.test(answer)) {
        return `valid JSON refused as invalid — ${answer.slice(0, 160)}`;
    }
    if (body.oracle?.decomposed && /unknown-attribute/.test(answer)) {
        return `decomposed name unknown — ${answer.slice(0, 160)}`;
    }
    if (body.oracle?.doubled && /^-?\d+$/.test(body.oracle.doubled) && /fuzz_dubbel/.test(answer)) {
        const expected = String(2n * BigInt(body.oracle.doubled));
        const found = new RegExp(`"calculation/fuzz_dubbel"[^}]*?"amount":\\s*"?(-?[\\d.e+]+)`).exec(answer)?.[1];
        if (found !== undefined && found !== expected) {
            return `inexact number — 2 × ${body.oracle.doubled} answered ${found}`;
        }
    }
    return undefined;
}

/** Smaller bodies: a register's lines left out one at a time, the long request id dropped, nesting halved. */
export function* shrinkBody(body) {
    if (body.requestId) {
        yield { ...body, requestId: undefined };
    }
    if (body.ndjson) {
        const lines = body.text.split('\n');
        for (let index = 0; index < lines.length; index++) {
            if (lines.length > 1) {
                yield { ...body, text: lines.filter((_, other) => other !== index).join('\n') };
            }
        }
    }
    const halved = body.text.replace(/\[{4,}|\]{4,}|(\{"a":){4,}|\}{4,}/g, run => run.slice(0, Math.ceil(run.length / 2 / (run[1] === '"' ? 5 : 1)) * (run[1] === '"' ? 5 : 1)));
    if (halved !== body.text) {
        yield { ...body, text: halved };
    }
}
