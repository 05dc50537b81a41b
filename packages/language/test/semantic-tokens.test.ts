import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createRegelrattLspServices } from '@regelratt/language/lsp';

const { shared, Regelratt } = createRegelrattLspServices(EmptyFileSystem);

/** The semantic tokens of a text, decoded to [text, type, modifiers]. */
async function tokens(text: string): Promise<Array<[string, string, string[]]>> {
    const uri = URI.parse('file:///tokens.regel');
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document]);
    const provider = Regelratt.lsp.SemanticTokenProvider!;
    const result = await provider.semanticHighlight(document, { textDocument: { uri: uri.toString() } });
    shared.workspace.LangiumDocuments.deleteDocument(uri);
    // tokenTypes / tokenModifiers map names to indices (types) and bit values (modifiers).
    const typeNames = Object.entries(provider.tokenTypes).sort((a, b) => a[1] - b[1]).map(([name]) => name);
    const modifierBits = Object.entries(provider.tokenModifiers);
    const lines = text.split('\n');
    const decoded: Array<[string, string, string[]]> = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < result.data.length; i += 5) {
        const [deltaLine, deltaStart, length, type, modifiers] = result.data.slice(i, i + 5);
        line += deltaLine;
        character = deltaLine === 0 ? character + deltaStart : deltaStart;
        decoded.push([lines[line].substr(character, length), typeNames[type], modifierBits.filter(([, bit]) => modifiers & bit).map(([name]) => name)]);
    }
    return decoded;
}

describe('semantic tokens', () => {
    test('names by what they name, at declaration and use; numbers, dates and sections as numbers', async () => {
        const text = 'lag SoL "SoL"\ninsats hemvård enligt SoL 4 kap 1 §\nnivåtabell t { insats hemvård giltig från 2021-01-01 nivå 10 : 9 676 kr }';
        expect(await tokens(text)).toEqual([
            ['SoL', 'namespace', ['declaration']],
            ['hemvård', 'class', ['declaration']],
            ['SoL', 'namespace', []],
            ['4', 'number', []],
            ['1', 'number', []],
            ['t', 'struct', ['declaration']],
            ['hemvård', 'class', []],
            ['2021-01-01', 'number', []],
            ['10', 'number', []],
            ['9 676', 'number', []],
        ]);
    });
});
