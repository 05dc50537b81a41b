import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { createLangiumParser, EmptyFileSystem, type AstNode, type CstNode, type ParseResult } from 'langium';
import { describe, expect, test } from 'vitest';
import { createRegelrattServices } from '@regelratt/language';
import { linkContainers, RegelrattParser } from '../src/parser/regelratt-parser.js';

/**
 * RegelrattParser is Langium's parser with its own container linking (parser/regelratt-parser.ts):
 * it must give what Langium's parser gives, tree, containers and errors, on every example and on
 * broken text, or a Langium update changed what `parse` does.
 */
const { Regelratt: services } = createRegelrattServices(EmptyFileSystem);
const ours = services.parser.LangiumParser;
const langiums = createLangiumParser(services);

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples');
const files = readdirSync(examples, { recursive: true, encoding: 'utf8' })
    .filter(file => file.endsWith('.regel'))
    .sort()
    .map(file => ({ file, text: readFileSync(path.join(examples, file), 'utf8') }));

/** The tree with every node's container given as the path of its container, and the errors. */
function shape(result: ParseResult<AstNode>): unknown {
    const paths = new Map<AstNode, string>();
    const node = (value: AstNode, at: string): unknown => {
        paths.set(value, at);
        const out: Record<string, unknown> = {
            $type: value.$type,
            $container: value.$container ? paths.get(value.$container) ?? 'outside the tree' : undefined,
            $containerProperty: value.$containerProperty,
            $containerIndex: value.$containerIndex,
            at: value.$cstNode ? [value.$cstNode.offset, value.$cstNode.end] : undefined,
        };
        for (const [key, property] of Object.entries(value)) {
            if (key.startsWith('$')) {
                continue;
            }
            const one = (v: unknown, place: string): unknown => {
                if (v && typeof v === 'object' && '$refText' in v) {
                    const reference = v as { $refText: string; $refNode?: CstNode };
                    return { ref: reference.$refText, at: reference.$refNode?.offset };
                }
                return v && typeof v === 'object' && '$type' in v ? node(v as AstNode, place) : v;
            };
            out[key] = Array.isArray(property) ? property.map((v, i) => one(v, `${at}.${key}[${i}]`)) : one(property, `${at}.${key}`);
        }
        return out;
    };
    return {
        ast: node(result.value, ''),
        cst: result.value.$cstNode ? cstShape(result.value.$cstNode) : undefined,
        lexerErrors: result.lexerErrors.map(e => [e.offset, e.length, e.message]),
        parserErrors: result.parserErrors.map(e => [e.name, e.message, e.token.startOffset, e.token.tokenType?.name]),
    };
}

/**
 * The concrete tree in document order: each node's depth, place, kind and whether it is hidden (a
 * comment), and whether its container is the node it is listed under. Comments are attached by the
 * parser's own CST builder (parser/cst-node-builder.ts), so the concrete trees must match too.
 */
function cstShape(root: CstNode): unknown[] {
    const out: unknown[] = [];
    const stack: Array<{ node: CstNode; depth: number; parent?: CstNode }> = [{ node: root, depth: 0 }];
    while (stack.length > 0) {
        const { node, depth, parent } = stack.pop()!;
        const content = 'content' in node ? (node as { content: readonly CstNode[] }).content : undefined;
        out.push([depth, node.offset, node.length, node.hidden, content ? 'composite' : 'leaf', node.container === parent]);
        for (let i = (content?.length ?? 0) - 1; i >= 0; i--) {
            stack.push({ node: content![i], depth: depth + 1, parent: node });
        }
    }
    return out;
}

describe('RegelrattParser', () => {
    test('is the parser the services build', () => {
        // By name: the services come from the package's build, this file's import from its source.
        expect(ours.constructor.name).toBe(RegelrattParser.name);
        expect(langiums.constructor.name).not.toBe(RegelrattParser.name);
    });

    test.each(files)('parses $file as Langium\'s parser does', ({ text }) => {
        expect(shape(ours.parse(text))).toEqual(shape(langiums.parse(text)));
    });

    test.each([
        ['only comments', '// a\n/* b */\n// c\n'],
        ['comments before, between and after declarations', '// a\nområde x // b\n/* c */\nområde y\n// d\n// e'],
        ['comments inside a declaration', 'nivåtabell t { // a\n    nivå 1 /* b */ : 5 kr // c\n    // d\n}\n'],
        ['nothing', ''],
    ])('attaches comments as Langium\'s parser does: %s', (_label, text) => {
        expect(shape(ours.parse(text))).toEqual(shape(langiums.parse(text)));
    });

    test('parses broken text as Langium\'s parser does: cut, spliced and mangled examples', () => {
        const texts = fc.constantFrom(...files.map(f => f.text));
        const broken = fc.tuple(texts, fc.nat(), fc.nat({ max: 200 }), fc.constantFrom('', '}', '{', 'om', 'och', '"', '12,5 kr', '\n', 'attribut x: heltal', '(', 'förlopp', '// en kommentar\n', '/* två\nrader */', '\n// a\n// b\n'))
            .map(([text, at, cut, inserted]) => {
                const start = at % (text.length + 1);
                return text.slice(0, start) + inserted + text.slice(start + cut);
            });
        fc.assert(fc.property(broken, text => {
            expect(shape(ours.parse(text))).toEqual(shape(langiums.parse(text)));
        }), { numRuns: 300, seed: 20261126 });
    });

    test('linkContainers links what Langium links, and nothing under $ properties', () => {
        const leaf = { $type: 'Leaf' };
        const hidden = { $type: 'Hidden' };
        const items = [{ $type: 'Item' }, 'text', { $type: 'Item' }];
        const root = { $type: 'Root', one: leaf, items, $cstNode: hidden } as unknown as AstNode;
        linkContainers(root);
        expect(leaf).toMatchObject({ $container: root, $containerProperty: 'one' });
        expect(leaf).not.toHaveProperty('$containerIndex');
        expect(items[0]).toMatchObject({ $container: root, $containerProperty: 'items', $containerIndex: 0 });
        expect(items[2]).toMatchObject({ $container: root, $containerProperty: 'items', $containerIndex: 2 });
        expect(hidden).not.toHaveProperty('$container');
    });
});
