import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, createRegelrattServices } from '@regelratt/language';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const blocks = [...readFileSync(path.join(repository, 'README.md'), 'utf8').matchAll(/```regel\n([\s\S]*?)```/g)].map(m => m[1]);

describe('the language tour in README.md', () => {
    test('has examples', () => {
        expect(blocks.length).toBeGreaterThan(5);
    });

    // The snippets are excerpts (they name things declared elsewhere), so only their syntax is checked.
    test.each(blocks.map((block, index) => [index + 1, block]))('snippet %i is valid syntax', async (_index, block) => {
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/readme/snippet.regel', text: block as string }]);
        expect(checked.diagnostics.filter(d => d.code === 'syntax-error' || d.code === 'lexical-error')).toEqual([]);
    });
});
