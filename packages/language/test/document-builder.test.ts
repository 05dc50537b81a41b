import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createRegelrattLspServices } from '@regelratt/language/lsp';

/**
 * One document a build phase throws on must not end the build of the others (the workspace's
 * start-up builds every file in one build): it gets an `internal-build-error`, the rest are
 * linked and validated as usual. The fault is injected in the scope computation, as a bug there would be.
 */
describe('a build phase that throws on one document', () => {
    test('leaves that document with internal-build-error and builds the others', async () => {
        const { shared, Regelratt } = createRegelrattLspServices(EmptyFileSystem);
        const scopes = Regelratt.references.ScopeComputation;
        const collect = scopes.collectLocalSymbols.bind(scopes);
        scopes.collectLocalSymbols = (document, token) => {
            if (document.uri.path.endsWith('trasig.regel')) {
                throw new RangeError('Maximum call stack size exceeded');
            }
            return collect(document, token);
        };
        const documents = [
            ['trasig.regel', 'område söder\n'],
            ['bra.regel', 'nivåtabell t { område norr\n nivå 1 : 5 kr }\n'],
            ['ord.regel', 'område norr "Norr"\n'],
        ].map(([name, text]) => {
            const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///arbetsyta/${name}`));
            shared.workspace.LangiumDocuments.addDocument(document);
            return document;
        });
        await shared.workspace.DocumentBuilder.build(documents, { validation: true });
        const [broken, good] = documents;
        expect(broken.diagnostics?.map(d => [d.code, d.message])).toEqual([[
            'internal-build-error',
            'Internt fel i Regelrätt när filen lästes in (inte ett fel i filen): Maximum call stack size exceeded. Rapportera det till Regelrätts utvecklare med filen; arbetsytans övriga filer kontrolleras som vanligt.',
        ]]);
        expect(good.diagnostics?.filter(d => d.severity === 1)).toEqual([]);
        expect(good.references.map(r => ('ref' in r ? r.ref?.$type : undefined))).toContain('Area');
    });
});
