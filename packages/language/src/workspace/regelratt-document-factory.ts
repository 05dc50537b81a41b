import { DefaultLangiumDocumentFactory, type AstNode, type LangiumDocument, type ParseResult, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import { isPolicy, type Policy } from '../generated/ast.js';
import { reparse, type ReparseMode } from './incremental-parse.js';

/**
 * Langium's document factory, parsing a changed file again only around the change (see
 * incremental-parse.ts): on a keystroke in a 10 000-line file, parsing the whole text again was
 * the largest single cost. A new file, and a file read from disk anew, are parsed whole.
 */
export class RegelrattDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The parse result each document had before the update that is under way, by URI. */
    private readonly previous = new Map<string, ParseResult<AstNode>>();

    /** How the last update parsed its text: for tests and benchmarks. */
    lastReparse: ReparseMode | undefined;

    override async update<T extends AstNode = AstNode>(document: LangiumDocument<T>, cancellationToken: CancellationToken): Promise<LangiumDocument<T>> {
        const key = document.uri.toString();
        this.previous.set(key, document.parseResult);
        try {
            return await super.update(document, cancellationToken);
        } finally {
            this.previous.delete(key);
        }
    }

    protected override async parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: CancellationToken): Promise<ParseResult<T>> {
        const previous = this.previous.get(uri.toString());
        if (previous && isPolicy(previous.value)) {
            try {
                const { result, mode } = reparse(previous as ParseResult<Policy>, text, whole => this.parse<Policy>(uri, whole));
                this.lastReparse = mode;
                return result as unknown as ParseResult<T>;
            } catch {
                // A fault of the incremental path must not cost the writer the file's diagnostics: parse it whole.
            }
        }
        this.lastReparse = 'whole';
        return super.parseAsync(uri, text, cancellationToken);
    }
}
