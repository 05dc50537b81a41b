import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AstUtils, EmptyFileSystem, type AstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import { createRegelrattServices } from '@regelratt/language';
import { flatTree, forEachReference, type ReferenceAt } from '../src/utils/ast-walk.js';

/**
 * The walks of utils/ast-walk.ts stand in for Langium's streams (streamAst, streamReferences) on
 * every hot path: on every example, broken ones too, they must give the same nodes and the same
 * references in the same order.
 */
const { Regelratt: services } = createRegelrattServices(EmptyFileSystem);
const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples');
const files = readdirSync(examples, { recursive: true, encoding: 'utf8' }).filter(file => file.endsWith('.regel')).sort();

describe("the kept walks give what Langium's streams give", () => {
    test.each(files)('%s', file => {
        const root = services.parser.LangiumParser.parse(readFileSync(path.join(examples, file), 'utf8')).value as AstNode;
        const nodes = flatTree(root).nodes;
        expect(nodes).toEqual(AstUtils.streamAst(root).toArray());
        const ours: ReferenceAt[] = [];
        for (const node of nodes) {
            forEachReference(node, reference => ours.push(reference));
        }
        const langiums = nodes.flatMap(node => AstUtils.streamReferences(node).toArray());
        expect(ours.length).toBe(langiums.length);
        ours.forEach((reference, index) => {
            const expected = langiums[index];
            expect(reference.reference).toBe(expected.reference);
            expect(reference.container).toBe(expected.container);
            expect(reference.property).toBe(expected.property);
            expect(reference.index).toBe(expected.index);
        });
    });
});
