import { DocumentState, URI, type LangiumDocument, type LangiumSharedCoreServices, type FileSystemProvider } from 'langium';
import { diffWording, formatDiffHtml, newWarnings, type NewFinding } from '@regelratt/document';
import type { CompiledPolicyFile } from '@regelratt/format';
import { diffPolicies } from '@regelratt/analyses';
import { compilePolicy } from '../compiler/compile-policy.js';
import * as ast from '../generated/ast.js';
import { compiledKindName } from '../i18n/element-kind-names.js';
import type { LocaleSetting, MessageLocale } from '@regelratt/analyses';
import type { RevisionFiles } from '../node/git-revision.js';
import { createRegelrattServices, type RegelrattServices } from '../regelratt-module.js';
import { checkPolicies } from '../workspace/check-policies.js';
import { libraryFileName, type PolicyImports } from '../workspace/policy-imports.js';

/** The custom request an editor sends for what the working copy changes against a git revision (VS Code's "Jämför med senaste commit"). */
export const REVISION_DIFF_REQUEST = 'regelratt/revisionDiff';

export interface RevisionDiffParams {
    /** The document the writer is in: its workspace folder is compared (else the first folder). */
    uri?: string;
    /** The revision to compare with; `HEAD`, the last commit, where not given. */
    revision?: string;
}

/** The diff as HTML (the renderer `regelratt diff --format html` uses) and whether answers change, or why there is none. */
export type RevisionDiffResult = { html: string; changed: boolean } | { problem: string };

/**
 * How the server reads a revision's files: @regelratt/language/node's `readRevision` (git) where the
 * server runs in Node; none in a browser, where the request says it cannot compare.
 */
export type RevisionReader = (revision: string, inputs: readonly string[], cwd: string, locale: MessageLocale) => Promise<RevisionFiles>;

/**
 * What the policy as the editor holds it (saved or not) changes for citizens against the workspace
 * folder's files in a git revision: the semantic diff (analysis/semantic-diff.ts) rendered as
 * `regelratt diff --rev HEAD --format html` renders it. The revision's files are checked in services
 * of their own, so the editor's workspace is never touched. A version with errors, a folder outside
 * git or a revision without .regel files gives a problem in the server's message language.
 */
export class RevisionDiff {
    private services: RegelrattServices | undefined;
    /** The comparison asked last: one runs at a time, as they share the revision's services (checkPolicies replaces their documents). */
    private running: Promise<unknown> = Promise.resolve();

    constructor(
        private readonly shared: LangiumSharedCoreServices,
        private readonly locale: LocaleSetting,
        private readonly fileSystemProvider: (services: LangiumSharedCoreServices) => FileSystemProvider,
        private readonly read: RevisionReader | undefined,
        private readonly imports: PolicyImports,
    ) { }

    diff(params: RevisionDiffParams = {}): Promise<RevisionDiffResult> {
        const next = this.running.then(() => this.compare(params));
        this.running = next.catch(() => undefined);
        return next;
    }

    private async compare(params: RevisionDiffParams): Promise<RevisionDiffResult> {
        const locale = this.locale.current;
        const sv = locale === 'sv';
        const revision = params.revision ?? 'HEAD';
        if (!this.read) {
            return { problem: sv ? 'Den här redigeraren kan inte läsa git; jämför med regelratt diff --rev HEAD i en terminal.' : 'This editor cannot read git; compare with regelratt diff --rev HEAD in a terminal.' };
        }
        await this.shared.workspace.WorkspaceManager.ready;
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated);
        const folders = (this.shared.workspace.WorkspaceManager.workspaceFolders ?? []).map(folder => URI.parse(folder.uri));
        const folder = folders.find(f => params.uri !== undefined && URI.parse(params.uri).path.startsWith(`${f.path}/`)) ?? folders[0];
        if (!folder) {
            return { problem: sv ? 'Ingen mapp är öppen; öppna policyns mapp för att jämföra med senaste commit.' : 'No folder is open; open the policy\'s folder to compare with the last commit.' };
        }
        // The folder by its path, so a message about it names it.
        const read = await this.read(revision, [folder.fsPath], folder.fsPath, locale);
        if ('problem' in read) {
            return { problem: read.problem };
        }
        const documents = this.shared.workspace.LangiumDocuments.all.toArray()
            .filter((d): d is LangiumDocument<ast.Policy> => ast.isPolicy(d.parseResult.value));
        const errors = documents.flatMap(d => (d.diagnostics ?? []).filter(diagnostic => diagnostic.severity === 1).map(diagnostic => ({ d, diagnostic })));
        if (errors.length > 0) {
            const first = errors[0];
            return {
                problem: sv
                    ? `Policyn har ${errors.length} fel; en version med fel har inga säkra svar att jämföra. Första felet: ${fileName(first.d.uri)}:${first.diagnostic.range.start.line + 1}: ${first.diagnostic.message}`
                    : `The policy has ${errors.length} errors; a version with errors has no answers to compare. First: ${fileName(first.d.uri)}:${first.diagnostic.range.start.line + 1}: ${first.diagnostic.message}`,
            };
        }
        this.services ??= createRegelrattServices({ fileSystemProvider: this.fileSystemProvider }, { referenceIndex: false }).Regelratt;
        this.services.i18n.Locale.current = locale;
        try {
            const checked = await checkPolicies(this.services, read.files.map(file => ({ path: file.path, text: file.text })));
            const beforeErrors = checked.flatMap(c => c.diagnostics.filter(d => d.severity === 'error').map(d => ({ c, d })));
            if (beforeErrors.length > 0) {
                const { c, d } = beforeErrors[0];
                return {
                    problem: sv
                        ? `${revision} har ${beforeErrors.length} fel; en version med fel har inga säkra svar att jämföra. Första felet: ${fileName(URI.file(c.path))}:${d.line}: ${d.message}`
                        : `${revision} has ${beforeErrors.length} errors; a version with errors has no answers to compare. First: ${fileName(URI.file(c.path))}:${d.line}: ${d.message}`,
                };
            }
            // Named as `compile` names them, a library's files by library and version, so that a reason
            // and the diff know a library element on both sides.
            const before: CompiledPolicyFile[] = checked.map(c => compilePolicy(c.document.parseResult.value, c.library ? libraryFileName(c.library) : relativeName(folder, URI.file(c.path))));
            const after = documents.map(d => compilePolicy(d.parseResult.value, this.imports.compiledName(d.uri, uri => relativeName(folder, uri))));
            const diff = diffPolicies(before, after, locale, diffWording(before, after, locale));
            const html = formatDiffHtml(diff, {
                labels: { before: sv ? `${revision} (senaste commit)` : `${revision} (the last commit)`, after: sv ? 'texterna i redigeraren' : 'the texts in the editor' },
                locale,
                kindName: kind => compiledKindName(kind, locale),
                newFindings: newWarnings(checked.flatMap(c => c.diagnostics), documents.flatMap(d => warningsOf(folder, d))),
            });
            return { html, changed: diff.answersChange };
        } catch (error) {
            return { problem: `${sv ? 'Jämförelsen kunde inte göras' : 'The comparison could not be made'}: ${error instanceof Error ? error.message : String(error)}` };
        }
    }
}

function fileName(uri: URI): string {
    return uri.path.split('/').pop() ?? '';
}

/** A file's name as the diff and its findings show it: relative to the workspace folder. */
function relativeName(folder: URI, uri: URI): string {
    return uri.path.startsWith(`${folder.path}/`) ? uri.path.slice(folder.path.length + 1) : fileName(uri);
}

function warningsOf(folder: URI, document: LangiumDocument): Array<NewFinding & { severity: string }> {
    return (document.diagnostics ?? []).map(diagnostic => ({
        file: relativeName(folder, document.uri), line: diagnostic.range.start.line + 1, column: diagnostic.range.start.character + 1,
        severity: diagnostic.severity === 2 ? 'warning' : diagnostic.severity === 1 ? 'error' : 'info', code: String(diagnostic.code ?? ''),
        message: typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message),
    }));
}
