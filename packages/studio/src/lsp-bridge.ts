import * as monaco from 'monaco-editor/editor/editor.api';
import {
    BrowserMessageReader, BrowserMessageWriter, createProtocolConnection, type ProtocolConnection,
} from 'vscode-languageserver-protocol/browser';
import type * as lsp from 'vscode-languageserver-protocol';
import type { ExampleTable } from '@regelratt/language/lsp';

/**
 * Monaco and the Regelrätt language server in a web worker, joined by the language server protocol:
 * the open files are synchronised whole on each change; diagnostics become markers; completion,
 * hover, go to definition, references, rename, formatting, quick fixes, symbols and semantic
 * colouring are Monaco providers that ask the server. Nothing here knows the language: everything
 * it says comes from @regelratt/language, as in VS Code and Neovim.
 */
export class LanguageBridge {
    readonly connection: ProtocolConnection;
    private readonly versions = new Map<string, number>();
    private readonly diagnostics = new Map<string, lsp.Diagnostic[]>();
    private legend: lsp.SemanticTokensLegend | undefined;
    /** Called when the server publishes diagnostics for a file (the studio counts them per file). */
    onDiagnostics: (uri: string, diagnostics: lsp.Diagnostic[]) => void = () => undefined;

    constructor(worker: Worker, locale: 'sv' | 'en') {
        this.connection = createProtocolConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
        this.connection.onNotification('textDocument/publishDiagnostics', (params: lsp.PublishDiagnosticsParams) => {
            // Kept as the server sent them: a quick fix needs each diagnostic's data, which markers drop.
            this.diagnostics.set(params.uri, params.diagnostics);
            const model = monaco.editor.getModel(monaco.Uri.parse(params.uri));
            if (model) {
                monaco.editor.setModelMarkers(model, 'regelratt', params.diagnostics.map(toMarker));
            }
            this.onDiagnostics(params.uri, params.diagnostics);
        });
        this.connection.listen();
        this.ready = this.initialize(locale);
    }

    readonly ready: Promise<void>;

    private async initialize(locale: 'sv' | 'en'): Promise<void> {
        const result = await this.connection.sendRequest<lsp.InitializeResult>('initialize', {
            processId: null, rootUri: 'file:///studio', workspaceFolders: null,
            capabilities: {
                textDocument: {
                    publishDiagnostics: { relatedInformation: true },
                    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
                },
            },
            initializationOptions: { locale },
            locale,
        } as lsp.InitializeParams);
        this.legend = result.capabilities.semanticTokensProvider?.legend;
        await this.connection.sendNotification('initialized', {});
        this.registerProviders();
    }

    open(model: monaco.editor.ITextModel): void {
        const uri = model.uri.toString();
        this.versions.set(uri, 1);
        void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'regelratt', version: 1, text: model.getValue() } });
        model.onDidChangeContent(() => {
            const version = (this.versions.get(uri) ?? 1) + 1;
            this.versions.set(uri, version);
            void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: model.getValue() }] });
        });
    }

    close(model: monaco.editor.ITextModel): void {
        void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: model.uri.toString() } });
    }

    private registerProviders(): void {
        const id = 'regelratt';
        const position = (model: monaco.editor.ITextModel, at: monaco.Position) => ({ textDocument: { uri: model.uri.toString() }, position: { line: at.lineNumber - 1, character: at.column - 1 } });
        monaco.languages.registerCompletionItemProvider(id, {
            triggerCharacters: [' ', '.', '=', '{', '|'],
            provideCompletionItems: async (model, at) => {
                const result = await this.connection.sendRequest<lsp.CompletionList | lsp.CompletionItem[] | null>('textDocument/completion', position(model, at));
                const items = Array.isArray(result) ? result : result?.items ?? [];
                const word = model.getWordUntilPosition(at);
                const fallback = new monaco.Range(at.lineNumber, word.startColumn, at.lineNumber, word.endColumn);
                return {
                    suggestions: items.map(item => {
                        const edit = item.textEdit && 'range' in item.textEdit ? item.textEdit : undefined;
                        return {
                            label: item.label,
                            kind: completionKind(item.kind),
                            detail: item.detail,
                            documentation: markdown(item.documentation),
                            insertText: edit?.newText ?? item.insertText ?? item.label,
                            insertTextRules: item.insertTextFormat === 2 ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
                            range: edit ? toRange(edit.range) : fallback,
                            sortText: item.sortText,
                            filterText: item.filterText,
                        };
                    }),
                };
            },
        });
        monaco.languages.registerHoverProvider(id, {
            provideHover: async (model, at) => {
                const hover = await this.connection.sendRequest<lsp.Hover | null>('textDocument/hover', position(model, at));
                if (!hover) {
                    return null;
                }
                const contents = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
                return { contents: contents.map(c => ({ value: typeof c === 'string' ? c : 'kind' in c ? c.value : `\`\`\`${c.language}\n${c.value}\n\`\`\`` })), ...(hover.range ? { range: toRange(hover.range) } : {}) };
            },
        });
        monaco.languages.registerDefinitionProvider(id, {
            provideDefinition: async (model, at) => {
                const result = await this.connection.sendRequest<lsp.Location | lsp.Location[] | lsp.LocationLink[] | null>('textDocument/definition', position(model, at));
                return toLocations(result);
            },
        });
        monaco.languages.registerReferenceProvider(id, {
            provideReferences: async (model, at, context) => {
                const result = await this.connection.sendRequest<lsp.Location[] | null>('textDocument/references', { ...position(model, at), context });
                return toLocations(result);
            },
        });
        monaco.languages.registerRenameProvider(id, {
            provideRenameEdits: async (model, at, newName) => {
                const edit = await this.connection.sendRequest<lsp.WorkspaceEdit | null>('textDocument/rename', { ...position(model, at), newName });
                return toWorkspaceEdit(edit);
            },
        });
        monaco.languages.registerDocumentFormattingEditProvider(id, {
            provideDocumentFormattingEdits: async (model, options) => {
                const edits = await this.connection.sendRequest<lsp.TextEdit[] | null>('textDocument/formatting', { textDocument: { uri: model.uri.toString() }, options: { tabSize: options.tabSize, insertSpaces: options.insertSpaces } });
                return (edits ?? []).map(edit => ({ range: toRange(edit.range), text: edit.newText }));
            },
        });
        monaco.languages.registerCodeActionProvider(id, {
            provideCodeActions: async (model, range) => {
                // The server's own diagnostics that touch the range, with their data (the markers have none).
                const touches = (d: lsp.Diagnostic) => !(d.range.end.line + 1 < range.startLineNumber || d.range.start.line + 1 > range.endLineNumber);
                const diagnostics = (this.diagnostics.get(model.uri.toString()) ?? []).filter(touches);
                const actions = await this.connection.sendRequest<Array<lsp.CodeAction | lsp.Command> | null>('textDocument/codeAction', {
                    textDocument: { uri: model.uri.toString() },
                    range: { start: { line: range.startLineNumber - 1, character: range.startColumn - 1 }, end: { line: range.endLineNumber - 1, character: range.endColumn - 1 } },
                    context: { diagnostics },
                });
                return {
                    actions: (actions ?? []).filter((a): a is lsp.CodeAction => 'title' in a && 'edit' in a).map(action => ({
                        title: action.title, kind: action.kind, isPreferred: action.isPreferred, edit: toWorkspaceEdit(action.edit ?? null),
                    })),
                    dispose: () => undefined,
                };
            },
        });
        monaco.languages.registerDocumentSymbolProvider(id, {
            provideDocumentSymbols: async model => {
                const symbols = await this.connection.sendRequest<lsp.DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri: model.uri.toString() } });
                const convert = (symbol: lsp.DocumentSymbol): monaco.languages.DocumentSymbol => ({
                    name: symbol.name, detail: symbol.detail ?? '', kind: symbol.kind - 1 as monaco.languages.SymbolKind, tags: [],
                    range: toRange(symbol.range), selectionRange: toRange(symbol.selectionRange), children: (symbol.children ?? []).map(convert),
                });
                return (symbols ?? []).map(convert);
            },
        });
        const legend = this.legend;
        if (legend) {
            monaco.languages.registerDocumentSemanticTokensProvider(id, {
                getLegend: () => legend,
                provideDocumentSemanticTokens: async model => {
                    const tokens = await this.connection.sendRequest<lsp.SemanticTokens | null>('textDocument/semanticTokens/full', { textDocument: { uri: model.uri.toString() } });
                    return tokens ? { data: new Uint32Array(tokens.data), resultId: tokens.resultId } : null;
                },
                releaseDocumentSemanticTokens: () => undefined,
            });
        }
    }

    /** The inline examples as a table, with what the form needs (the server's `regelratt/examples`). */
    examples(): Promise<ExampleTable> {
        return this.connection.sendRequest('regelratt/examples', {});
    }

    /** Formats a file with the server's formatter, as the editor's own command does. */
    async format(model: monaco.editor.ITextModel): Promise<void> {
        const edits = await this.connection.sendRequest<lsp.TextEdit[] | null>('textDocument/formatting', { textDocument: { uri: model.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        if (edits && edits.length > 0) {
            model.pushEditOperations([], edits.map(edit => ({ range: toRange(edit.range), text: edit.newText })), () => null);
        }
    }

    /** The policy rendered as the nämnd's document (the server's `regelratt/document`), or why not. */
    document(title?: string): Promise<{ html: string } | { problem: string }> {
        return this.connection.sendRequest('regelratt/document', title ? { title } : {});
    }
}

function toRange(range: lsp.Range): monaco.IRange {
    return { startLineNumber: range.start.line + 1, startColumn: range.start.character + 1, endLineNumber: range.end.line + 1, endColumn: range.end.character + 1 };
}

function toMarker(diagnostic: lsp.Diagnostic): monaco.editor.IMarkerData & { data?: unknown } {
    const severity = { 1: monaco.MarkerSeverity.Error, 2: monaco.MarkerSeverity.Warning, 3: monaco.MarkerSeverity.Info, 4: monaco.MarkerSeverity.Hint }[diagnostic.severity ?? 1];
    return {
        ...toRange(diagnostic.range), severity, message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value, source: 'regelratt',
        ...(diagnostic.code !== undefined ? { code: String(diagnostic.code) } : {}),
        ...(diagnostic.relatedInformation ? { relatedInformation: diagnostic.relatedInformation.map(info => ({ resource: monaco.Uri.parse(info.location.uri), message: info.message, ...toRange(info.location.range) })) } : {}),
        data: diagnostic.data,
    };
}

function toLocations(result: lsp.Location | lsp.Location[] | lsp.LocationLink[] | null): monaco.languages.Location[] {
    const list = result === null ? [] : Array.isArray(result) ? result : [result];
    return list.map(location => ('targetUri' in location
        ? { uri: monaco.Uri.parse(location.targetUri), range: toRange(location.targetSelectionRange) }
        : { uri: monaco.Uri.parse(location.uri), range: toRange(location.range) }));
}

function toWorkspaceEdit(edit: lsp.WorkspaceEdit | null): monaco.languages.WorkspaceEdit {
    const edits: monaco.languages.IWorkspaceTextEdit[] = [];
    for (const [uri, changes] of Object.entries(edit?.changes ?? {})) {
        for (const change of changes) {
            edits.push({ resource: monaco.Uri.parse(uri), textEdit: { range: toRange(change.range), text: change.newText }, versionId: undefined });
        }
    }
    for (const change of edit?.documentChanges ?? []) {
        if ('edits' in change) {
            for (const text of change.edits) {
                edits.push({ resource: monaco.Uri.parse(change.textDocument.uri), textEdit: { range: toRange(text.range), text: 'newText' in text ? text.newText : '' }, versionId: undefined });
            }
        }
    }
    return { edits };
}

function markdown(documentation: string | lsp.MarkupContent | undefined): string | monaco.IMarkdownString | undefined {
    return documentation === undefined ? undefined : typeof documentation === 'string' ? documentation : { value: documentation.value };
}

function completionKind(kind: lsp.CompletionItemKind | undefined): monaco.languages.CompletionItemKind {
    const kinds = monaco.languages.CompletionItemKind;
    switch (kind) {
        case 14: return kinds.Keyword;
        case 15: return kinds.Snippet;
        case 6: return kinds.Variable;
        case 12: return kinds.Value;
        case 20: return kinds.EnumMember;
        case 7: return kinds.Class;
        case 3: return kinds.Function;
        default: return kinds.Reference;
    }
}
