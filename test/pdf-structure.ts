import { spawnSync } from 'node:child_process';

/**
 * Reading a tagged PDF's structure back, for the tests of `dokument`'s PDF: from the file's own objects
 * (no tool needed: pdfkit writes the catalogue and the structure elements as plain objects, only the
 * page contents compressed), and with their text from poppler's `pdfinfo -struct-text` where it is
 * installed.
 */
export interface StructNode {
    type: string;
    alt?: string;
    scope?: string;
    /** The text of the node's own marked content (poppler only). */
    text: string;
    children: StructNode[];
}

type PdfValue = number | boolean | null | string | { name: string } | { ref: number } | PdfValue[] | { [key: string]: PdfValue };

/** The structure tree, the catalogue's language and whether the viewer shows the title, from the file's objects. */
export function rawStructure(pdf: Uint8Array): { root: StructNode; lang?: string; displayDocTitle: boolean } {
    const text = Buffer.from(pdf).toString('latin1');
    const objects = new Map<number, PdfValue>();
    for (const match of text.matchAll(/(?:^|\n)(\d+) 0 obj\n/g)) {
        const start = match.index + match[0].length;
        if (text.startsWith('<<', start)) {
            objects.set(Number(match[1]), new PdfParser(text, start).value());
        }
    }
    const resolve = (value: PdfValue | undefined): PdfValue | undefined => (value && typeof value === 'object' && 'ref' in value ? objects.get(value.ref as number) : value);
    const dictionary = (value: PdfValue | undefined) => resolve(value) as Record<string, PdfValue> | undefined;
    const catalogue = [...objects.values()].map(o => o as Record<string, PdfValue>).find(o => o && typeof o === 'object' && (o.Type as { name?: string })?.name === 'Catalog');
    if (!catalogue) {
        throw new Error('no catalogue found in the PDF');
    }
    const node = (value: PdfValue | undefined): StructNode | undefined => {
        const element = dictionary(value);
        // A kid that is a marked-content id (a number) or reference (MCR) is content, not an element.
        if (!element || typeof element !== 'object' || Array.isArray(element) || !('S' in element)) {
            return undefined;
        }
        const kids = element.K === undefined ? [] : Array.isArray(element.K) ? element.K : [element.K];
        const attributes = dictionary(element.A);
        return {
            type: (element.S as { name: string }).name,
            ...(typeof element.Alt === 'string' ? { alt: element.Alt } : {}),
            ...(attributes && 'Scope' in attributes ? { scope: (attributes.Scope as { name: string }).name } : {}),
            text: '',
            children: kids.flatMap(kid => node(kid) ?? []),
        };
    };
    const treeRoot = dictionary(catalogue.StructTreeRoot);
    const kids = treeRoot?.K === undefined ? [] : Array.isArray(treeRoot.K) ? treeRoot.K : [treeRoot.K];
    const viewer = dictionary(catalogue.ViewerPreferences);
    return {
        root: { type: 'StructTreeRoot', text: '', children: kids.flatMap(kid => node(kid) ?? []) },
        ...(typeof catalogue.Lang === 'string' ? { lang: catalogue.Lang } : {}),
        displayDocTitle: viewer?.DisplayDocTitle === true,
    };
}

/** A reader of the PDF object syntax pdfkit writes: dictionaries, arrays, names, numbers, references, strings. */
class PdfParser {
    constructor(private readonly text: string, private at: number) {}

    value(): PdfValue {
        this.skipWhitespace();
        const c = this.text[this.at];
        if (this.text.startsWith('<<', this.at)) {
            this.at += 2;
            const result: Record<string, PdfValue> = {};
            for (this.skipWhitespace(); !this.text.startsWith('>>', this.at); this.skipWhitespace()) {
                const key = this.value() as { name: string };
                result[key.name] = this.value();
            }
            this.at += 2;
            return result;
        }
        if (c === '[') {
            this.at++;
            const result: PdfValue[] = [];
            for (this.skipWhitespace(); this.text[this.at] !== ']'; this.skipWhitespace()) {
                result.push(this.value());
            }
            this.at++;
            return result;
        }
        if (c === '/') {
            const name = /^\/[^\s/<>[\]()]*/.exec(this.text.slice(this.at, this.at + 200))![0];
            this.at += name.length;
            return { name: name.slice(1) };
        }
        if (c === '(') {
            return decodeText(this.literal());
        }
        if (c === '<') {
            const end = this.text.indexOf('>', this.at);
            const hex = this.text.slice(this.at + 1, end);
            this.at = end + 1;
            return decodeText(hex.replace(/\s/g, '').match(/../g)?.map(h => String.fromCharCode(parseInt(h, 16))).join('') ?? '');
        }
        const reference = /^(\d+) (\d+) R/.exec(this.text.slice(this.at, this.at + 30));
        if (reference) {
            this.at += reference[0].length;
            return { ref: Number(reference[1]) };
        }
        const token = /^[^\s/<>[\]()]+/.exec(this.text.slice(this.at, this.at + 60))![0];
        this.at += token.length;
        return token === 'true' ? true : token === 'false' ? false : token === 'null' ? null : Number(token);
    }

    private skipWhitespace(): void {
        while (/\s/.test(this.text[this.at] ?? '')) {
            this.at++;
        }
    }

    /** A literal string's bytes, its escapes undone. */
    private literal(): string {
        let depth = 0;
        let out = '';
        for (this.at++; ; this.at++) {
            const c = this.text[this.at];
            if (c === '\\') {
                const next = this.text[++this.at];
                const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
                if (/[0-7]/.test(next)) {
                    const octal = /^[0-7]{1,3}/.exec(this.text.slice(this.at, this.at + 3))![0];
                    out += String.fromCharCode(parseInt(octal, 8));
                    this.at += octal.length - 1;
                } else {
                    out += escapes[next] ?? next;
                }
            } else if (c === '(') {
                depth++;
                out += c;
            } else if (c === ')') {
                if (depth === 0) {
                    this.at++;
                    return out;
                }
                depth--;
                out += c;
            } else {
                out += c;
            }
        }
    }
}

/** A text string: UTF-16BE after its byte order mark, otherwise (for what pdfkit writes) Latin-1. */
function decodeText(bytes: string): string {
    if (bytes.startsWith('\u00fe\u00ff')) {
        let out = '';
        for (let i = 2; i + 1 < bytes.length; i += 2) {
            out += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
        }
        return out;
    }
    return bytes;
}

/**
 * The structure tree with each element's text, from `pdfinfo -struct-text`; undefined when poppler is
 * not installed (the caller says so loudly and checks the raw structure alone).
 */
export function popplerStructure(file: string): StructNode | undefined {
    const run = spawnSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.error) {
        return undefined;
    }
    const root: StructNode = { type: 'StructTreeRoot', text: '', children: [] };
    const stack: Array<{ depth: number; node: StructNode }> = [{ depth: -1, node: root }];
    for (const line of run.stdout.split('\n')) {
        const depth = line.length - line.trimStart().length;
        const content = line.trim();
        if (content === '' || content.startsWith('/')) {
            continue;
        }
        while (stack.length > 1 && stack[stack.length - 1].depth >= depth) {
            stack.pop();
        }
        const parent = stack[stack.length - 1].node;
        if (content.startsWith('"')) {
            parent.text += content.slice(1, -1);
            continue;
        }
        const node: StructNode = { type: content.split(/[\s:]/)[0], text: '', children: [] };
        parent.children.push(node);
        stack.push({ depth, node });
    }
    return root;
}

/** Every node of a tree in reading order. */
export function nodes(root: StructNode): StructNode[] {
    return [root, ...root.children.flatMap(nodes)];
}

/** A node's text with its children's, in order. */
export function textOf(node: StructNode): string {
    return node.text + node.children.map(textOf).join('');
}
