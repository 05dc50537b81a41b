import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { diagnosticCatalogue } from '@regelratt/language';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const page = readFileSync(path.join(repository, 'docs/diagnostics.md'), 'utf8');
const documented = [...page.matchAll(/^### `([a-z0-9-]+)`$/gm)].map(m => m[1]);

describe('docs/diagnostics.md', () => {
    test('documents every code of the catalogue, once', () => {
        expect([...documented].sort()).toEqual(Object.keys(diagnosticCatalogue).sort());
    });

    test.each(Object.entries(diagnosticCatalogue))('gives %s the severity the catalogue has', (code, definition) => {
        const section = page.slice(page.indexOf(`### \`${code}\``)).split('\n### ')[0];
        const word = { error: '**fel.**', warning: '**varning.**', info: '**upplysning.**', hint: '**tips.**' }[definition.severity];
        expect(section).toContain(word);
    });
});
