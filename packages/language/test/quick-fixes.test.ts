import { EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, test } from 'vitest';
import type { CodeAction } from 'vscode-languageserver-types';
import { createRegelrattLspServices } from '@regelratt/language/lsp';
import type { ast } from '@regelratt/language';

const { shared, Regelratt } = createRegelrattLspServices(EmptyFileSystem);
let counter = 0;

async function build(text: string) {
    const uri = URI.parse(`file:///fix/${counter++}.regel`);
    const document = shared.workspace.LangiumDocumentFactory.fromString<ast.Policy>(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    shared.workspace.LangiumDocuments.deleteDocument(uri);
    shared.workspace.IndexManager.remove(uri);
    return document;
}

/** Applies the quick fix offered for the first diagnostic with `code` and returns the text after it. */
async function fix(text: string, code: string): Promise<{ title: string; text: string }> {
    const document = await build(text);
    const diagnostic = (document.diagnostics ?? []).find(d => d.code === code);
    if (!diagnostic) {
        throw new Error(`no ${code} in ${JSON.stringify(document.diagnostics)}`);
    }
    const actions = (await Regelratt.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    expect(actions).toHaveLength(1);
    const edits = actions[0].edit!.changes![document.uri.toString()];
    return { title: actions[0].title, text: TextDocument.applyEdits(TextDocument.create(document.uri.toString(), 'regelratt', 1, text), edits) };
}

describe('quick fixes', () => {
    test('a misspelt name becomes the nearest declared one', async () => {
        const result = await fix('insats hemvård\nnivåtabell t { insats hemvårt }\n', 'unresolved-reference');
        expect(result.title).toBe("Ändra till 'hemvård'");
        expect(result.text).toBe('insats hemvård\nnivåtabell t { insats hemvård }\n');
    });

    test('an amount without its unit gets the unit the check expects', async () => {
        const result = await fix('nivåtabell t { nivå 4 : 2 037 }\n', 'missing-unit');
        expect(result.title).toBe('Lägg till kr');
        expect(result.text).toBe('nivåtabell t { nivå 4 : 2 037 kr }\n');
        expect((await build(result.text)).diagnostics?.filter(d => d.severity === 1)).toEqual([]);
    });

    test('the levels a table declares but lacks are added as open rows', async () => {
        const result = await fix('nivåtabell t {\n    nivåer 0–3\n    nivå 0 : 0 kr\n    nivå 3 : 5 kr\n}\n', 'missing-level');
        expect(result.text).toBe('nivåtabell t {\n    nivåer 0–3\n    nivå 0 : 0 kr\n    nivå 3 : 5 kr\n    nivå 1 : ej angivet\n    nivå 2 : ej angivet\n}\n');
        const after = await build(result.text);
        expect(after.diagnostics?.map(d => d.code)).not.toContain('missing-level');
    });

    test('a förlopp is added for the citizens no förlopp covers, and the gap is gone', async () => {
        const text = [
            'egenskap förmåga : en av { hög, låg }',
            'egenskap ålder : heltal 0–120',
            'förloppsmodell m {',
            '    förlopp a { när förmåga = hög }',
            '    förlopp b { när förmåga = låg och ålder < 65 }',
            '}',
            '',
        ].join('\n');
        const result = await fix(text, 'pathway-gap');
        expect(result.title).toBe('Lägg till ett förlopp för: förmåga = låg och ålder i 65–120');
        expect(result.text).toContain('    förlopp nytt_förlopp {\n        när förmåga = låg och ålder i 65–120\n    }\n}\n');
        const after = await build(result.text);
        expect(after.diagnostics?.filter(d => d.code === 'pathway-gap')).toEqual([]);
    });
});

describe('merging decision-table rows', () => {
    test('two rows that differ in one column, adjacently, become one row with the union of their cells', async () => {
        const text = [
            'egenskap ålder : heltal 0–120',
            'egenskap förmåga : en av { hög, låg, ingen }',
            'beslutstabell t {',
            '    | ålder | förmåga || nivå |',
            '    | 0–17  | -       || 0 |',
            '    | >= 18 | hög     || 1 |',
            '    | >= 18 | ingen   || 1 |',
            '    | >= 18 | låg     || 2 |',
            '}',
            '',
        ].join('\n');
        const result = await fix(text, 'decision-rows-mergeable');
        expect(result.title).toBe('Slå ihop rad 2 och rad 3');
        expect(result.text).toBe(text.replace('| >= 18 | hög     || 1 |', '| >= 18 | { hög, ingen }     || 1 |').replace('    | >= 18 | ingen   || 1 |\n', ''));
        expect((await build(result.text)).diagnostics?.map(d => d.code)).not.toContain('decision-rows-mergeable');
    });
});
