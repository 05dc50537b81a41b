import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, createRegelrattServices } from '@regelratt/language';

/** The language reference's snippets are excerpts (they name things declared elsewhere), so their syntax is what is checked. */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const blocks = [...readFileSync(path.join(repository, 'docs/language.md'), 'utf8').matchAll(/```regel\n([\s\S]*?)```/g)].map(m => m[1]);

describe('docs/language.md', () => {
    test('has an example for the constructs', () => {
        expect(blocks.length).toBeGreaterThanOrEqual(10);
    });

    test.each(blocks.map((block, index) => [index + 1, block]))('snippet %i is valid syntax', async (_index, block) => {
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/docs/snippet.regel', text: block as string }]);
        expect(checked.diagnostics.filter(d => d.code === 'syntax-error' || d.code === 'lexical-error').map(d => d.message)).toEqual([]);
    });
});
