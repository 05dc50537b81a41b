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
    /** The page (0-based) the element's content starts on (from the file's objects only). */
    page?: number;
    /** The annotations the element holds as OBJR children: the page each is on, and where a link goes (from the file's objects only). */
    annotations?: Annotation[];
}

export interface Annotation {
    /** The page (0-based) the annotation is drawn on. */
    page: number;
    subtype?: string;
    /** Its alternative description (`Contents`). */
    contents?: string;
    /** A link's target: the named destination and the page (0-based) it is on. */
    destination?: { name: string; page?: number };
    /** Whether the annotation's page orders its annotations by the structure (`/Tabs /S`). */
    tabsByStructure: boolean;
}

type PdfValue = number | boolean | null | string | { name: string } | { ref: number } | PdfValue[] | { [key: string]: PdfValue };

/** The structure tree, the catalogue's language and whether the viewer shows the title, from the file's objects. */
export function rawStructure(pdf: Uint8Array): { root: StructNode; lang?: string; displayDocTitle: boolean; metadata?: string } {
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
    // The pages in order (pdfkit writes one Pages node), and the named destinations (one name tree).
    const pageRefs = ((dictionary(catalogue.Pages)?.Kids ?? []) as Array<{ ref: number }>).map(kid => kid.ref);
    const pageOf = (value: PdfValue | undefined) => {
        const index = value && typeof value === 'object' && 'ref' in value ? pageRefs.indexOf(value.ref as number) : -1;
        return index < 0 ? undefined : index;
    };
    const destinations = new Map<string, PdfValue>();
    const names = (dictionary(dictionary(catalogue.Names)?.Dests)?.Names ?? []) as PdfValue[];
    for (let i = 0; i + 1 < names.length; i += 2) {
        destinations.set(names[i] as string, resolve(names[i + 1]) as PdfValue);
    }
    const annotation = (objr: Record<string, PdfValue>): Annotation => {
        const annot = dictionary(objr.Obj) ?? {};
        const action = dictionary(annot.A);
        const name = action && typeof action.D === 'string' ? action.D : undefined;
        const target = name === undefined ? undefined : destinations.get(name) as PdfValue[] | undefined;
        const page = pageOf(objr.Pg) ?? -1;
        return {
            page,
            ...(annot.Subtype ? { subtype: (annot.Subtype as { name: string }).name } : {}),
            ...(typeof annot.Contents === 'string' ? { contents: annot.Contents } : {}),
            ...(name !== undefined ? { destination: { name, ...(target ? { page: pageOf(target[0]) } : {}) } } : {}),
            tabsByStructure: (dictionary({ ref: pageRefs[page] })?.Tabs as { name?: string } | undefined)?.name === 'S',
        };
    };
    const node = (value: PdfValue | undefined): StructNode | undefined => {
        const element = dictionary(value);
        // A kid that is a marked-content id (a number) or reference (MCR) is content, not an element.
        if (!element || typeof element !== 'object' || Array.isArray(element) || !('S' in element)) {
            return undefined;
        }
        const kids = element.K === undefined ? [] : Array.isArray(element.K) ? element.K : [element.K];
        const attributes = dictionary(element.A);
        const objrs = kids.flatMap(kid => {
            const record = dictionary(kid);
            return record && !Array.isArray(record) && (record.Type as { name?: string } | undefined)?.name === 'OBJR' ? [record] : [];
        });
        const page = pageOf(element.Pg);
        return {
            type: (element.S as { name: string }).name,
            ...(typeof element.Alt === 'string' ? { alt: element.Alt } : {}),
            ...(attributes && 'Scope' in attributes ? { scope: (attributes.Scope as { name: string }).name } : {}),
            ...(page !== undefined ? { page } : {}),
            ...(objrs.length > 0 ? { annotations: objrs.map(annotation) } : {}),
            text: '',
            children: kids.flatMap(kid => node(kid) ?? []),
        };
    };
    // The XMP metadata: a stream pdfkit writes uncompressed.
    const metadataRef = catalogue.Metadata as { ref?: number } | undefined;
    const metadataAt = metadataRef?.ref === undefined ? -1 : text.search(new RegExp(`(?:^|\\n)${metadataRef.ref} 0 obj\\n`));
    const metadata = metadataAt < 0 ? undefined : /stream\r?\n([\s\S]*?)endstream/.exec(text.slice(metadataAt))?.[1];
    const treeRoot = dictionary(catalogue.StructTreeRoot);
    const kids = treeRoot?.K === undefined ? [] : Array.isArray(treeRoot.K) ? treeRoot.K : [treeRoot.K];
    const viewer = dictionary(catalogue.ViewerPreferences);
    return {
        root: { type: 'StructTreeRoot', text: '', children: kids.flatMap(kid => node(kid) ?? []) },
        ...(typeof catalogue.Lang === 'string' ? { lang: catalogue.Lang } : {}),
        displayDocTitle: viewer?.DisplayDocTitle === true,
        ...(metadata !== undefined ? { metadata: Buffer.from(metadata, 'latin1').toString('utf8') } : {}),
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
