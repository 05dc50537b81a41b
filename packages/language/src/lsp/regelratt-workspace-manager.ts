import { DefaultWorkspaceManager, type LangiumDocument, type Stream, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_MAX_FILE_BYTES, megabytes } from '../workspace/file-size.js';
import { fileFaultDiagnostic } from './file-fault-diagnostic.js';

/**
 * Langium's workspace start-up, with each file loaded on its own. Langium loads every file of the
 * workspace in one Promise.all: one that cannot be read (a failing disk, a file removed meanwhile,
 * no permission) rejected the start-up, the workspace was never ready, and the server answered
 * nothing for any file. Here that file is left out, with an `unreadable-file` diagnostic on it in
 * the editor's problem list, and the rest of the workspace is served; so is a file larger than the
 * command line's default limit (`file-too-large`) and one whose parsing throws
 * (`internal-build-error`). A folder that cannot be listed is left out with the same message in the
 * server's log (an editor has no place for a diagnostic on a folder). Symbolic links are not
 * followed at all (Langium lists a link as neither file nor folder), so a link to `/` or a link loop
 * in the workspace is never walked.
 */
export class RegelrattWorkspaceManager extends DefaultWorkspaceManager {
    private readonly shared: LangiumSharedServices;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
    }

    protected override async traverseFolder(folder: URI, uris: URI[]): Promise<void> {
        let entries;
        try {
            entries = await this.fileSystemProvider.readDirectory(folder);
        } catch (error) {
            console.error(`Regelrätt: ${fileFaultDiagnostic(this.shared, folder, 'unreadable-file', { path: folder.fsPath, reason: reasonOf(error) }).message}`);
            return;
        }
        await Promise.all(entries.filter(entry => this.shouldIncludeEntry(entry)).map(async entry => {
            if (entry.isDirectory) {
                await this.traverseFolder(entry.uri, uris);
            } else if (entry.isFile) {
                uris.push(entry.uri);
            }
        }));
    }

    protected override async loadWorkspaceDocuments(uris: Stream<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
        await Promise.all(uris.map(async uri => {
            let bytes: Uint8Array;
            try {
                bytes = await this.fileSystemProvider.readBinary(uri);
            } catch (error) {
                this.leaveOut(uri, fileFaultDiagnostic(this.shared, uri, 'unreadable-file', { path: uri.fsPath, reason: reasonOf(error) }));
                return;
            }
            // The command line's limit: a file this large is almost surely no policy, and parsing
            // it would keep the whole workspace waiting. Opened in the editor, it is checked still.
            if (bytes.byteLength > DEFAULT_MAX_FILE_BYTES) {
                this.leaveOut(uri, fileFaultDiagnostic(this.shared, uri, 'file-too-large', { size: megabytes(bytes.byteLength), limit: megabytes(DEFAULT_MAX_FILE_BYTES) }));
                return;
            }
            try {
                collector(this.langiumDocuments.getDocument(uri) ?? this.langiumDocuments.createDocument(uri, new TextDecoder().decode(bytes)));
            } catch (error) {
                // Parsing threw: a fault of Regelrätt's, which must not keep the others from loading.
                const detail = error instanceof Error ? error.message : String(error);
                this.leaveOut(uri, fileFaultDiagnostic(this.shared, uri, 'internal-build-error', { detail }));
            }
        }));
    }

    /** A workspace file not loaded: said in the server's log and, on the file, in the editor's problem list. */
    private leaveOut(uri: URI, diagnostic: Diagnostic): void {
        console.error(`Regelrätt: ${uri.fsPath}: ${diagnostic.message}`);
        void this.shared.lsp.Connection?.sendDiagnostics({ uri: uri.toString(), diagnostics: [diagnostic] });
    }
}

/** A file error's code (`EACCES`), which the message puts in words, or else what the error says. */
function reasonOf(error: unknown): string {
    return (error as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.message : String(error));
}
