import { DefaultDocumentBuilder, DocumentState, isOperationCancelled, type BuildOptions, type LangiumDocument, type MaybePromise } from 'langium';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import type { LangiumSharedServices } from 'langium/lsp';
import { fileFaultDiagnostic } from './file-fault-diagnostic.js';
import type { RegelrattAddedServices } from '../regelratt-module.js';

/**
 * Diagnostics that speak of other files: a name declared twice, versions that overlap, obligations
 * that contradict, a name nobody uses, an answer that can go below zero (it is an answer only while
 * no formula elsewhere reads it). They can go stale when the *other* file changes, which Langium's
 * dependency tracking (by references) does not see, so a document showing one of them is checked
 * again on any change in the workspace.
 */
const WORKSPACE_WIDE = new Set(['duplicate-name', 'overlapping-versions', 'contradicting-obligations', 'possibly-contradicting-obligations', 'unused-declaration',
    'calculation-can-be-negative', 'calculation-negative-undecided']);

export class RegelrattDocumentBuilder extends DefaultDocumentBuilder {
    /**
     * Documents a build phase threw on, in the build under way. Langium runs each phase over all
     * documents in one loop, so one document that throws ends the build for all of them (at start-up
     * the whole workspace, which then never answers); here that document skips the phases left and
     * shows an `internal-build-error`, and the others are built as usual.
     */
    private failed = new Map<LangiumDocument, unknown>();
    private readonly shared: LangiumSharedServices;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if ((document.diagnostics ?? []).some(diagnostic => WORKSPACE_WIDE.has(String(diagnostic.code)))) {
            return true;
        }
        return super.shouldRelink(document, changedUris);
    }

    /**
     * A shipped library's files (`använd nationellt`) are indexed and linked, not validated: they are
     * checked by their own tests, and most of their declarations are unused in any one policy, which
     * is no finding about the policy (the command line does the same, check-policies.ts).
     */
    protected override shouldValidate(document: LangiumDocument): boolean {
        const services = this.shared.ServiceRegistry.getServices(document.uri) as Partial<RegelrattAddedServices>;
        if (services.imports?.Imports.libraryOf(document.uri) !== undefined) {
            return false;
        }
        return super.shouldValidate(document);
    }

    protected override buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        this.failed = new Map();
        return super.buildDocuments(documents, options, cancelToken);
    }

    protected override runCancelable(documents: LangiumDocument[], targetState: DocumentState, cancelToken: CancellationToken, callback: (document: LangiumDocument) => MaybePromise<unknown>): Promise<void> {
        return super.runCancelable(documents, targetState, cancelToken, async document => {
            if (!this.failed.has(document)) {
                try {
                    await callback(document);
                } catch (error) {
                    if (isOperationCancelled(error)) {
                        throw error;
                    }
                    this.failed.set(document, error);
                }
            }
            if (this.failed.has(document) && targetState === DocumentState.Validated) {
                const error = this.failed.get(document);
                const detail = error instanceof Error ? error.message : String(error);
                document.diagnostics = [fileFaultDiagnostic(this.shared, document.uri, 'internal-build-error', { detail })];
                console.error(`Regelrätt: ${document.uri.fsPath}: ${document.diagnostics[0].message}`);
                // Where it failed, for the bug report, at the log level meant for developers.
                console.debug(error instanceof Error ? error.stack : detail);
                this.markAsCompleted(document);
            }
        });
    }
}
