import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AstUtils, EmptyFileSystem, GrammarUtils, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createRegelrattServices } from '@regelratt/language';
import { firstNodeForProperty } from '../src/validation/property-node.js';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The fast property lookup behind diagnostic ranges must give exactly Langium's node, for every node and property of the examples. */
describe('the first CST node of a property', () => {
    test('is Langium\'s findNodeForProperty, for every node and property of every example file', async () => {
        const { shared } = createRegelrattServices(EmptyFileSystem);
        let compared = 0;
        for (const set of readdirSync(path.join(repository, 'examples'))) {
            const folder = path.join(repository, 'examples', set);
            for (const file of readdirSync(folder).filter(f => f.endsWith('.regel'))) {
                const document = shared.workspace.LangiumDocumentFactory.fromString(readFileSync(path.join(folder, file), 'utf8'), URI.file(path.join(folder, file)));
                for (const node of AstUtils.streamAst(document.parseResult.value)) {
                    for (const property of [...Object.keys(node).filter(key => !key.startsWith('$')), 'name', 'title', 'nonexistent']) {
                        const expected = GrammarUtils.findNodeForProperty(node.$cstNode, property);
                        expect(firstNodeForProperty(node.$cstNode, property), `${node.$type}.${property} in ${set}/${file}`).toBe(expected);
                        compared++;
                    }
                }
            }
        }
        expect(compared).toBeGreaterThan(10_000);
    });
});
