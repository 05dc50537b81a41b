import { documentPreview, DOCUMENT_PREVIEW_REQUEST, type DocumentPreviewParams } from './document-preview.js';
import { EXAMPLE_TABLE_REQUEST, exampleTable } from './example-table.js';
import { MEMORY_USAGE_REQUEST, memoryUsage } from './memory-usage.js';
import { REVISION_DIFF_REQUEST, RevisionDiff, type RevisionDiffParams, type RevisionReader } from './revision-diff.js';
import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
} from 'langium/lsp';
import { RegelrattGeneratedModule, RegelrattGeneratedSharedModule } from '../generated/module.js';
import { isMessageLocale } from '@regelratt/analyses';
import { RegelrattModule, RegelrattSharedModule, type RegelrattAddedServices } from '../regelratt-module.js';
import { registerValidationChecks } from '../validation/validation-registry.js';
import { RegelrattCodeActionProvider } from './regelratt-code-actions.js';
import { ExampleCodeLensProvider } from './example-code-lens.js';
import { RegelrattDocumentBuilder } from './regelratt-document-builder.js';
import { followImports } from './follow-imports.js';
import { RegelrattWorkspaceManager } from './regelratt-workspace-manager.js';
import { RegelrattCompletionProvider } from './regelratt-completion.js';
import { RegelrattFormatter } from './regelratt-formatter.js';
import { RegelrattHoverProvider } from './regelratt-hover-provider.js';
import { RegelrattSemanticTokenProvider } from './regelratt-semantic-tokens.js';

/** The language with Langium's editor services on top: what the language server runs. */
export type RegelrattLspServices = LangiumServices & RegelrattAddedServices;

/** What the editor gets beyond Langium's defaults. */
export const RegelrattLspModule: Module<RegelrattLspServices, PartialLangiumServices> = {
    lsp: {
        HoverProvider: services => new RegelrattHoverProvider(services),
        Formatter: () => new RegelrattFormatter(),
        CodeActionProvider: services => new RegelrattCodeActionProvider(services),
        SemanticTokenProvider: services => new RegelrattSemanticTokenProvider(services),
        CodeLensProvider: services => new ExampleCodeLensProvider(services),
        CompletionProvider: services => new RegelrattCompletionProvider(services),
    },
};

/**
 * Creates the services for a language server. The same module, validations and analyses as the
 * command line, plus Langium's LSP features (completion, hover, definition, references, rename,
 * symbols, folding, highlights). Messages follow the client's `initializationOptions.locale`
 * (`sv` or `en`), else the editor's own locale when it is English, else Swedish.
 */
export function createRegelrattLspServices(context: DefaultSharedModuleContext & {
    /** How to read a git revision's files (@regelratt/language/node's readRevision), where the server runs in Node. */
    revisions?: RevisionReader;
}): {
    shared: LangiumSharedServices;
    Regelratt: RegelrattLspServices;
} {
    const shared = inject(createDefaultSharedModule(context), RegelrattGeneratedSharedModule, RegelrattSharedModule, {
        workspace: {
            DocumentBuilder: (services: LangiumSharedServices) => new RegelrattDocumentBuilder(services),
            WorkspaceManager: (services: LangiumSharedServices) => new RegelrattWorkspaceManager(services),
        },
    });
    const Regelratt = inject(createDefaultModule({ shared }), RegelrattGeneratedModule, RegelrattModule, RegelrattLspModule);
    shared.ServiceRegistry.register(Regelratt);
    registerValidationChecks(Regelratt);
    followImports(shared, Regelratt.imports.Imports);
    shared.lsp.LanguageServer.onInitialize(params => {
        // The setting (sent by the extension) decides; otherwise an English-speaking editor gets English.
        const requested = (params.initializationOptions as { locale?: unknown } | undefined)?.locale;
        if (isMessageLocale(requested)) {
            Regelratt.i18n.Locale.current = requested;
        } else if (params.locale?.toLowerCase().startsWith('en')) {
            Regelratt.i18n.Locale.current = 'en';
        }
        // An editor that contributes the block snippets itself (VS Code) says so, and gets none twice.
        if ((params.initializationOptions as { snippets?: unknown } | undefined)?.snippets === false) {
            (Regelratt.lsp.CompletionProvider as RegelrattCompletionProvider).offerSnippets = false;
        }
    });
    // The rendered policy for an editor's preview, the same renderer as `regelratt dokument`.
    context.connection?.onRequest(DOCUMENT_PREVIEW_REQUEST, (params: DocumentPreviewParams | undefined) => documentPreview(shared, Regelratt.i18n.Locale, Regelratt.imports.Imports, params ?? {}));
    // The inline examples as a table, for a form (Regelrätt Studio).
    context.connection?.onRequest(EXAMPLE_TABLE_REQUEST, () => exampleTable(shared, Regelratt.i18n.Locale, Regelratt.imports.Imports));
    // What the server holds, for a bug report about memory (and the protocol tests' long sessions).
    context.connection?.onRequest(MEMORY_USAGE_REQUEST, () => memoryUsage(shared));
    // What the texts in the editor change for citizens against the last commit (VS Code's "Jämför med senaste commit").
    const revisionDiff = new RevisionDiff(shared, Regelratt.i18n.Locale, context.fileSystemProvider, context.revisions, Regelratt.imports.Imports);
    context.connection?.onRequest(REVISION_DIFF_REQUEST, (params: RevisionDiffParams | undefined) => revisionDiff.diff(params ?? {}));
    if (!context.connection) {
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Regelratt };
}
