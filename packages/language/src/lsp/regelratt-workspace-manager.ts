import { DefaultWorkspaceManager, type LangiumDocument, type Stream, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { fileFaultDiagnostic } from './file-fault-diagnostic.js';

/**
 * Langium's workspace start-up, with each file loaded on its own. Langium loads every file of the
 * workspace in one Promise.all: one that cannot be read (a failing disk, a file removed meanwhile,
 * no permission) rejected the start-up, the workspace was never ready, and the server answered
 * nothing for any file. Here that file is left out, with an `unreadable-file` diagnostic on it in
 * the editor's problem list, and the rest of the workspace is served.
 */
export class RegelrattWorkspaceManager extends DefaultWorkspaceManager {
    private readonly shared: LangiumSharedServices;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
    }

    protected override async loadWorkspaceDocuments(uris: Stream<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
        await Promise.all(uris.map(async uri => {
            try {
                collector(await this.langiumDocuments.getOrCreateDocument(uri));
            } catch (error) {
                const reason = (error as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.message : String(error));
                const diagnostic = fileFaultDiagnostic(this.shared, uri, 'unreadable-file', { path: uri.fsPath, reason });
                console.error(`Regelrätt: ${diagnostic.message}`);
                void this.shared.lsp.Connection?.sendDiagnostics({ uri: uri.toString(), diagnostics: [diagnostic] });
            }
        }));
    }
}
