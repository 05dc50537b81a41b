/**
 * Policy texts for the fuzzer: the example policies (by set, so a workspace can hold one set's
 * files), token- and line-level mutations of them, texts at the extremes of size, and the same
 * texts in other encodings of lines and characters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repository } from './harness.mjs';

/** The example policy sets: each a list of `{ name, text }`. */
export const exampleSets = readdirSync(path.join(repository, 'examples'), { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .map(entry => readdirSync(path.join(repository, 'examples', entry.name)).filter(f => f.endsWith('.regel')).sort()
        .map(file => ({ name: file, text: readFileSync(path.join(repository, 'examples', entry.name, file), 'utf8') })))
    .filter(set => set.length > 0);
export const corpus = exampleSets.flatMap(set => set.map(file => file.text));

const grammar = readFileSync(path.join(repository, 'packages/language/src/regelratt.langium'), 'utf8');
const keywords = [...new Set([...grammar.matchAll(/'([^'\s]+)'/g)].map(m => m[1]))];
const pieces = [...keywords, '0', '-1', '2,5', '9 676', '100 %', '337,50 kr/h', '2021-13-45', '2021-02-29', '"x"', '{', '}', '(', ')', '|', '||', '.', ',', 'x', 'ålder', '\n', '"', '\u0000', 'inte inte', '((', '))'];

/** Deletes, duplicates, swaps and inserts tokens and lines, or truncates: one to three steps. */
export function mutator({ random, pick }) {
    return function mutate(text) {
        let result = text;
        const steps = 1 + Math.floor(random() * 3);
        for (let step = 0; step < steps; step++) {
            const tokens = result.split(/(\s+)/);
            const at = Math.floor(random() * tokens.length);
            switch (Math.floor(random() * 7)) {
                case 0: tokens.splice(at, 1 + Math.floor(random() * 4)); break;
                case 1: tokens.splice(at, 0, pick(pieces), ' '); break;
                case 2: { const other = Math.floor(random() * tokens.length); [tokens[at], tokens[other]] = [tokens[other], tokens[at]]; break; }
                case 3: tokens.splice(at, 0, ...tokens.slice(at, at + 1 + Math.floor(random() * 20))); break;
                case 4: result = result.slice(0, Math.floor(random() * result.length)); continue;
                case 5: tokens[at] = pick(pieces); break;
                default: { const lines = result.split('\n'); const line = Math.floor(random() * lines.length); lines.splice(line, 0, pick(corpus).split('\n')[Math.floor(random() * 20)] ?? ''); result = lines.join('\n'); continue; }
            }
            result = tokens.join('');
        }
        return result;
    };
}

/** Nesting `depth` parentheses around `inkomst`, balanced. */
export const nested = depth => `${'('.repeat(depth)}inkomst${')'.repeat(depth)}`;

const vocabulary = 'egenskap ålder "Ålder" : heltal 0–120 år\negenskap inkomst "Inkomst" : belopp per månad\n';

/**
 * Texts at the extremes of size, each a valid policy but for its size: floods of comment lines
 * (past 125 000), of blank lines and of declarations, a line of a million characters, calculations
 * nested thousands deep, a long `inte` chain, a long text literal. `which` chooses the kind (in
 * turn, so that a short run meets each), or else the random source.
 */
export function scaleText({ pick, below }, which = undefined) {
    const many = (n, line) => Array.from({ length: n }, (_, i) => line(i)).join('\n');
    const kinds = [
        () => `${many(125_000 + below(25_000), i => `// kommentar ${i}`)}\n${vocabulary}`,
        () => `${vocabulary}/*\n${many(130_000, i => ` * rad ${i}`)}\n*/\n`,
        () => `${'\n'.repeat(200_000 + below(100_000))}${vocabulary}`,
        () => `${vocabulary}${many(20_000 + below(20_000), i => `egenskap e${i} "E ${i}" : ja/nej`)}\n`,
        () => `${vocabulary}// ${'x'.repeat(1_000_000)}\n`,
        () => `${vocabulary}beräkning b "B" kan vara negativ = ${nested(2_000 + below(8_000))}\n`,
        () => `${vocabulary}beräkning b "B" kan vara negativ = ${many(5_000 + below(5_000), () => 'inkomst').split('\n').join(' + ')}\n`,
        () => `${vocabulary}förloppsmodell m "M" {\n förlopp f "F" när ${'inte '.repeat(5_000 + below(5_000))}ålder > 3\n}\n`,
        () => `${vocabulary}lag L "${'\\"'.repeat(100_000)}"\n`,
        () => `${vocabulary}${pick(['{', '(', '[', '|']).repeat(50_000)}\n`,
    ];
    return kinds[(which ?? below(kinds.length)) % kinds.length]();
}

const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];

/**
 * The same text with other line endings (CRLF, CR, a mix), decomposed (NFD), with a byte-order
 * mark, zero-width characters or lone surrogates put in.
 */
export function unicodeVariant(text, { random, pick, below }) {
    const at = t => below(t.length + 1);
    const insert = (t, piece) => { const i = at(t); return t.slice(0, i) + piece + t.slice(i); };
    const variants = [
        t => t.replace(/\n/g, '\r\n'),
        t => t.replace(/\n/g, '\r'),
        t => t.replace(/\n/g, () => pick(['\n', '\r\n', '\r', '\u2028', '\u0085'])),
        t => t.normalize('NFD'),
        t => `\uFEFF${t}`,
        t => insert(t, pick(ZERO_WIDTH)),
        t => t.replace(/ä/g, () => (random() < 0.5 ? 'a\u0308' : 'ä')),
        t => insert(t, pick(['\uD800', '\uDFFF', '\uDBFF\uDBFF'])),
        t => insert(t, pick(['\u0000', '\u001B[31m', '\u202E', '𝔞', '👩‍👩‍👧'])),
    ];
    let result = text;
    for (let steps = 1 + below(2); steps > 0; steps--) {
        result = pick(variants)(result);
    }
    return result;
}
