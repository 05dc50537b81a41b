import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { AstUtils, CompositeCstNodeImpl, EmptyFileSystem, LeafCstNodeImpl, URI, type AstNode, type CstNode, type LangiumDocument, type ParseResult } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, createRegelrattServices, type ast } from '@regelratt/language';
import type { Diagnostic } from 'vscode-languageserver-types';
import { INCREMENTAL_MIN_LENGTH, reparse, type ReparseMode } from '../src/workspace/incremental-parse.js';

const { shared, Regelratt: services } = createRegelrattServices(EmptyFileSystem);
const parse = (text: string): ParseResult<ast.Policy> => services.parser.LangiumParser.parse<ast.Policy>(text);

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples');
const folders = ['orebro', 'habo', 'uppsala', 'eskilstuna', 'jonkoping'];
/**
 * The shipped national library's declarations, written out in place of an `använd nationellt`: an import
 * may stand only at the start of a file, and the files here are put together into one text, which
 * must still link cleanly (the analyses, and so their hints, run only on a text without errors).
 */
const libraryFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../library/nationellt');
const nationalLibrary = readdirSync(libraryFolder).filter(f => f.endsWith('.regel')).sort()
    .map(file => readFileSync(path.join(libraryFolder, file), 'utf8')).join('\n');

/**
 * Example policies put together until the text is long enough to be parsed incrementally: whole
 * folders, so that every name a file uses is declared in the text.
 */
const base = (() => {
    let text = '';
    for (const folder of folders) {
        for (const file of readdirSync(path.join(examples, folder)).filter(f => f.endsWith('.regel')).sort()) {
            text += `${readFileSync(path.join(examples, folder, file), 'utf8').replace(/^använd nationellt.*$/m, () => nationalLibrary)}\n`;
        }
        if (text.length > INCREMENTAL_MIN_LENGTH * 1.5) {
            return text;
        }
    }
    return text;
})();

/** Everything a parse gives that later phases read: each CST node's kind and place, the AST, the errors. */
function shape(result: ParseResult<ast.Policy>): unknown {
    const cst = (node: CstNode): unknown => node instanceof CompositeCstNodeImpl
        ? { grammar: node.grammarSource?.$type, content: node.content.map(cst), own: node.astNode.$cstNode === node ? node.astNode.$type : undefined }
        : [node.offset, node.length, node.range.start.line, node.range.start.character, node.range.end.line, node.range.end.character, (node as LeafCstNodeImpl).tokenType.name, node.hidden];
    const astShape = (node: AstNode): unknown => {
        const out: Record<string, unknown> = {
            $type: node.$type,
            $containerProperty: node.$containerProperty,
            $containerIndex: node.$containerIndex,
            at: node.$cstNode ? [node.$cstNode.offset, node.$cstNode.end, node.$cstNode.range.start.line, node.$cstNode.range.end.character] : undefined,
        };
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) {
                continue;
            }
            const one = (v: unknown): unknown => {
                if (v && typeof v === 'object' && '$refText' in v) {
                    const reference = v as { $refText: string; $refNode?: CstNode };
                    return { ref: reference.$refText, at: reference.$refNode?.offset };
                }
                return v && typeof v === 'object' && '$type' in v ? astShape(v as AstNode) : v;
            };
            out[key] = Array.isArray(value) ? value.map(one) : one(value);
        }
        return out;
    };
    return {
        cst: cst(result.value.$cstNode!),
        text: result.value.$cstNode!.root.fullText,
        ast: astShape(result.value),
        lexerErrors: result.lexerErrors.map(e => [e.offset, e.line, e.column, e.length, e.message]),
        parserErrors: result.parserErrors.map(e => [e.message, e.token.image, e.token.startOffset, e.token.startLine, e.token.startColumn, e.token.endColumn]),
    };
}

/** What a policy writer does to a file: types words, symbols and line breaks, deletes, pastes a line from elsewhere. */
const snippets = ['a', 'x', 'å', ' ', '\n', '\r\n', '{', '}', '(', ')', '"', '”', '/*', '*/', '//', '|', '||', '–', ',', '1', '2 000', '0,5',
    'om ', ' och ', 'inte ', 'kr', 'kr/mån', ' = ', 'beräkning y = 1 kr\n', 'egenskap z : ja/nej\n', 'exempel e {\n', 'giltig från 2024-01-01'];
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const edit = fc.record({
    at: fraction,
    remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 120 })),
    insert: fc.oneof(fc.constantFrom(...snippets), fc.constant(''), fraction.map(where => ({ line: where })),
        // A line deleted, a name written as another one: what changes what other declarations read.
        fc.constant({ deleteLine: true as const }), fc.tuple(fraction, fraction).map(([from, to]) => ({ rename: [from, to] as const }))),
});

type Edit = { at: number; remove: number; insert: string | { line: number } | { deleteLine: true } | { rename: readonly [number, number] } };

function apply(text: string, change: Edit): string {
    const at = Math.floor(change.at * text.length);
    let insert = change.insert;
    if (typeof insert === 'object' && 'deleteLine' in insert) {
        const from = text.lastIndexOf('\n', at - 1) + 1;
        const to = text.indexOf('\n', at);
        return text.slice(0, from) + (to < 0 ? '' : text.slice(to + 1));
    }
    if (typeof insert === 'object' && 'rename' in insert) {
        const names = [...new Set(text.match(/[\p{L}_][\p{L}\p{N}_]*_[\p{L}\p{N}_]+/gu) ?? [])];
        if (names.length < 2) {
            return text;
        }
        const [from, to] = insert.rename.map(where => names[Math.floor(where * names.length) % names.length]);
        const place = text.indexOf(from, at) >= 0 ? text.indexOf(from, at) : text.indexOf(from);
        return text.slice(0, place) + to + text.slice(place + from.length);
    }
    if (typeof insert !== 'string') {
        // A line copied from elsewhere in the file, as pasting does.
        const from = text.lastIndexOf('\n', Math.floor(insert.line * text.length)) + 1;
        const to = text.indexOf('\n', from);
        insert = text.slice(from, to < 0 ? text.length : to + 1);
    }
    return text.slice(0, at) + insert + text.slice(Math.min(text.length, at + change.remove));
}

describe('parsing a changed file again around the change', () => {
    test('the example text is long enough to be parsed incrementally', () => {
        expect(base.length).toBeGreaterThan(INCREMENTAL_MIN_LENGTH);
        expect(parse(base).parserErrors).toEqual([]);
    });

    test('gives, after every edit of a series, what parsing the whole text gives', { timeout: 120_000 }, () => {
        const modes: Record<ReparseMode, number> = { whole: 0, declarations: 0, 'to-end': 0 };
        fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), changes => {
            let text = base;
            let result = parse(text);
            for (const change of changes) {
                text = apply(text, change);
                const next = reparse(result, text, parse);
                modes[next.mode]++;
                expect(shape(next.result)).toEqual(shape(parse(text)));
                result = next.result;
            }
        }), { numRuns: 80, seed: 20261126 });
        // The comparison means something only if the incremental paths ran: most edits keep declarations.
        expect(modes.declarations).toBeGreaterThan((modes.whole + modes['to-end']) / 2);
        expect(modes['to-end']).toBeGreaterThan(0);
    });

    test('a document update parses only around the change, and gives what a whole parse gives', async () => {
        const uri = URI.parse('file:///incremental/policy.regel');
        const factory = shared.workspace.LangiumDocumentFactory as unknown as { lastReparse?: ReparseMode };
        const documents = shared.workspace.LangiumDocuments;
        const document = shared.workspace.LangiumDocumentFactory.fromString<ast.Policy>(base, uri);
        documents.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        // A comment typed above a calculation halfway down, and taken away again.
        const at = base.indexOf('beräkning', Math.floor(base.length / 2));
        expect(at).toBeGreaterThan(0);
        for (const text of [`${base.slice(0, at)}// ny rad\n${base.slice(at)}`, base]) {
            // Without a text document manager the factory reads the text from the file system: stand in for it.
            (shared.workspace.FileSystemProvider as unknown as { readFile: () => Promise<string> }).readFile = async () => text;
            await shared.workspace.DocumentBuilder.update([uri], []);
            expect(factory.lastReparse).toBe('declarations');
            const whole = shared.workspace.LangiumDocumentFactory.fromString<ast.Policy>(text, URI.parse('file:///incremental/whole.regel'));
            expect(shape(document.parseResult)).toEqual(shape(whole.parseResult));
        }
    });
});

/**
 * A workspace of its own holding one document, built and checked. Without an editor an update reads
 * the file from the file system: here it reads whatever `edit` last set.
 */
async function editedDocument(uri: URI, text: string) {
    const { shared: workspace } = createRegelrattServices(EmptyFileSystem);
    let current = text;
    (workspace.workspace.FileSystemProvider as unknown as { readFile: () => Promise<string> }).readFile = async () => current;
    const document = workspace.workspace.LangiumDocumentFactory.fromString<ast.Policy>(current, uri);
    workspace.workspace.LangiumDocuments.addDocument(document);
    await workspace.workspace.DocumentBuilder.build([document], { validation: true });
    return {
        workspace: workspace.workspace,
        document,
        text: () => current,
        /** The document's text changed, as an editor's keystroke changes it, and the workspace built again. */
        edit: async (next: string) => {
            current = next;
            await workspace.workspace.DocumentBuilder.update([uri], []);
        },
        lastReparse: () => (workspace.workspace.LangiumDocumentFactory as unknown as { lastReparse?: ReparseMode }).lastReparse,
    };
}

/** Each reference of a document, where it stands and what it resolves to (the target's path and name), in document order. */
function resolutions(document: LangiumDocument): string[] {
    const locator = services.workspace.AstNodeLocator;
    return AstUtils.streamAst(document.parseResult.value).flatMap(node => AstUtils.streamReferences(node)).map(({ reference }) => {
        const target = 'ref' in reference ? reference.ref : undefined;
        return `${reference.$refNode?.offset} ${reference.$refText} → ${target ? `${locator.getAstNodePath(target)} ${(target as { name?: string }).name}${attached(target) ? '' : ' (a node no longer in the tree)'}` : reference.error ? 'error' : 'none'}`;
    }).toArray();
}

/** Whether a node is part of its document's current tree: held by each container up to the document's root. */
function attached(node: AstNode): boolean {
    let current = node;
    while (current.$container) {
        const held = (current.$container as unknown as Record<string, unknown>)[current.$containerProperty!];
        if ((Array.isArray(held) ? held[current.$containerIndex!] : held) !== current) {
            return false;
        }
        current = current.$container;
    }
    return current.$document?.parseResult.value === current;
}

describe('checking a changed file again, giving unchanged declarations\' findings again', () => {
    // The fresh checks each in a workspace of their own.
    const fresh = createRegelrattServices(EmptyFileSystem);
    /** A diagnostic as a reader sees it: where, what, and what it carries. */
    const seen = (diagnostics: readonly Diagnostic[] | undefined) => (diagnostics ?? []).map(d => JSON.stringify({
        range: d.range, severity: d.severity, code: d.code, message: d.message, data: d.data,
        related: d.relatedInformation?.map(r => [r.location.range, r.message]),
    })).sort();

    test('a declaration left unchanged gets new findings when what it refers to changes', async () => {
        // The attribute and the model far apart, so that an edit of one keeps the other's node.
        const attribute = 'egenskap förmåga_x : en av { hög, låg }';
        const model = 'förloppsmodell modell_x { förlopp a_x { när förmåga_x = hög } förlopp b_x { när förmåga_x = låg } }';
        const uri = URI.parse('file:///reuse/dependency.regel');
        const edited = await editedDocument(uri, `${attribute}\n${base}\n${model}\n`);
        const modelLine = () => edited.text().split('\n').length - 2;
        const codes = () => (edited.document.diagnostics ?? []).filter(d => d.range.start.line === modelLine() && d.severity! <= 2).map(d => d.code);
        expect(codes()).toEqual([]);
        const steps: Array<[string, string[]]> = [
            // A value added: the model's förlopp no longer cover everyone.
            [`${attribute.replace('hög, låg', 'hög, låg, mellan')}\n${base}\n${model}\n`, ['pathway-gap']],
            // Taken away again.
            [`${attribute}\n${base}\n${model}\n`, []],
            // The attribute renamed: the model's references no longer resolve.
            [`${attribute.replace('förmåga_x', 'förmåga_y')}\n${base}\n${model}\n`, ['unresolved-reference', 'unresolved-reference']],
        ];
        for (const [text, expected] of steps) {
            await edited.edit(text);
            expect(edited.lastReparse()).toBe('declarations');
            expect(codes()).toEqual(expected);
            const [checked] = await checkPolicies(fresh.Regelratt, [{ path: uri.fsPath, text }]);
            expect(seen(edited.document.diagnostics)).toEqual(seen(checked.document.diagnostics));
        }
    });

    test('a kept reference resolves as a fresh link does when a name it uses is declared again', async () => {
        // The model and its attribute after the example text; a second attribute of the same name typed at the top.
        const tail = 'egenskap förmåga_w : en av { hög, låg }\nförloppsmodell modell_w { förlopp a_w { när förmåga_w = hög } förlopp b_w { när förmåga_w = låg } }\n';
        const uri = URI.parse('file:///reuse/names.regel');
        const edited = await editedDocument(uri, `${base}\n${tail}`);
        const text = `egenskap förmåga_w : en av { hög, låg, mellan }\n${base}\n${tail}`;
        await edited.edit(text);
        expect(edited.lastReparse()).toBe('declarations');
        const [checked] = await checkPolicies(fresh.Regelratt, [{ path: uri.fsPath, text }]);
        // Fails when the linker keeps a kept declaration's links although the workspace's names changed (checked).
        expect(resolutions(edited.document)).toEqual(resolutions(checked.document));
        expect(seen(edited.document.diagnostics)).toEqual(seen(checked.document.diagnostics));
    });

    test('the example coverage of an unchanged model follows a change of the attribute it reads', async () => {
        // The model and its example far from the attribute, so that editing the attribute keeps them. Two
        // guards keep the hints right (the model compiled again when what it refers to changed, its regions
        // split again when an attribute changed); with both taken away this fails (checked).
        const attribute = 'egenskap förmåga_z : en av { hög, låg }';
        const model = 'förloppsmodell modell_z { förlopp a_z { när förmåga_z = hög } förlopp b_z { när förmåga_z = låg } }\n'
            + 'exempel z_hög { placering i modell_z för { förmåga_z = hög } förväntat förlopp a_z }';
        const uri = URI.parse('file:///reuse/coverage.regel');
        const edited = await editedDocument(uri, `${attribute}\n${base}\n${model}\n`);
        const hints = () => (edited.document.diagnostics ?? []).filter(d => d.code === 'uncovered-region' && String(d.message).includes('modell_z')).map(d => String(d.message));
        expect(hints()).toHaveLength(1);
        const text = `${attribute.replace('hög, låg', 'hög, låg, mellan')}\n${base}\n${model}\n`;
        await edited.edit(text);
        expect(edited.lastReparse()).toBe('declarations');
        const [checked] = await checkPolicies(fresh.Regelratt, [{ path: uri.fsPath, text }]);
        expect(seen(edited.document.diagnostics)).toEqual(seen(checked.document.diagnostics));
        // A third value: a region of citizens in no förlopp, with no example.
        expect(hints()).toHaveLength(2);
        expect(hints().join(' ')).toContain('mellan');
    });

    test('the index of names, kept for unchanged declarations, gives their places as they are after the edit', async () => {
        const uri = URI.parse('file:///reuse/index.regel');
        const edited = await editedDocument(uri, base);
        const places = (index: typeof edited.workspace.IndexManager) => index.allElements().map(d => JSON.stringify([d.name, d.type, d.path, d.nameSegment, d.selectionSegment])).toArray();
        const before = places(edited.workspace.IndexManager);
        // Two lines typed near the top: every declaration below moves down two lines and along.
        const text = base.replace('\n', '\n// ny\n// rad\n');
        await edited.edit(text);
        expect(edited.lastReparse()).toBe('declarations');
        const after = places(edited.workspace.IndexManager);
        expect(after).not.toEqual(before);
        const whole = await editedDocument(uri, text);
        expect(after).toEqual(places(whole.workspace.IndexManager));
    });

    test('gives, after every edit of a series, the diagnostics a fresh check gives', { timeout: 300_000 }, async () => {
        const uri = URI.parse('file:///reuse/policy.regel');
        const edited = await editedDocument(uri, base);
        let compared = 0;
        await fc.assert(fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async changes => {
            let text = base;
            for (const change of changes) {
                text = apply(text, change);
                await edited.edit(text);
                const [checked] = await checkPolicies(fresh.Regelratt, [{ path: uri.fsPath, text }]);
                expect(seen(edited.document.diagnostics)).toEqual(seen(checked.document.diagnostics));
                // Every reference resolves where a fresh link resolves it (the linker keeps kept declarations' links).
                expect(resolutions(edited.document)).toEqual(resolutions(checked.document));
                compared++;
            }
            // Back to the example text, so that the next series edits a clean file again.
            await edited.edit(base);
        }), { numRuns: 25, seed: 4711 });
        expect(compared).toBeGreaterThan(25);
    });
});
