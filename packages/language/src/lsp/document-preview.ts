import { DocumentState, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { buildDocument, renderHtml } from '@regelratt/document';
import { compilePolicy } from '../compiler/compile-policy.js';
import * as ast from '../generated/ast.js';
import type { LocaleSetting } from '@regelratt/analyses';
import { elementProse } from '../workspace/element-prose.js';
import { pathwayRegions } from '@regelratt/analyses';
import type { PolicyImports } from '../workspace/policy-imports.js';

/** The custom request an editor sends for the rendered policy (VS Code's "Förhandsgranska dokument"). */
export const DOCUMENT_PREVIEW_REQUEST = 'regelratt/document';

export interface DocumentPreviewParams {
    /** The document the writer is in; the whole workspace is rendered. */
    uri?: string;
    /** The title when the policy gives none (no riktlinje, no insats): one the user chose, never a folder name. */
    title?: string;
}

export type DocumentPreviewResult = { html: string } | { problem: string };

/**
 * The workspace as the nämnd's document, the same as `regelratt dokument` writes (the renderer of
 * @regelratt/document), once every document is validated. While the workspace has errors there is
 * nothing to render, and the answer says why instead.
 */
export async function documentPreview(shared: LangiumSharedCoreServices, locale: LocaleSetting, imports: PolicyImports, params: DocumentPreviewParams = {}): Promise<DocumentPreviewResult> {
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated);
    const sv = locale.current === 'sv';
    const documents = shared.workspace.LangiumDocuments.all.toArray().filter(d => ast.isPolicy(d.parseResult.value));
    const fileName = (d: LangiumDocument) => imports.compiledName(d.uri, uri => uri.path.split('/').pop() ?? '');
    const errors = documents.flatMap(d => (d.diagnostics ?? []).filter(diagnostic => diagnostic.severity === 1).map(diagnostic => ({ d, diagnostic })));
    if (errors.length > 0) {
        const first = errors[0];
        return {
            problem: sv
                ? `Policyn har ${errors.length} fel och kan inte visas som dokument. Första felet: ${first.d.uri.path.split('/').pop()}:${first.diagnostic.range.start.line + 1}: ${first.diagnostic.message}`
                : `The policy has ${errors.length} errors and cannot be shown as a document. First: ${first.d.uri.path.split('/').pop()}:${first.diagnostic.range.start.line + 1}: ${first.diagnostic.message}`,
        };
    }
    const prose = new Map<string, string>();
    const findings = [];
    for (const document of documents) {
        const file = fileName(document);
        for (const [id, text] of elementProse(document.parseResult.value as ast.Policy, document.textDocument.getText())) {
            prose.set(id, text);
        }
        for (const diagnostic of document.diagnostics ?? []) {
            findings.push({
                file, line: diagnostic.range.start.line + 1, column: diagnostic.range.start.character + 1,
                severity: diagnostic.severity === 2 ? 'warning' : 'info', code: String(diagnostic.code ?? ''),
                message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
            });
        }
    }
    try {
        const files = documents.map(d => compilePolicy(d.parseResult.value as ast.Policy, fileName(d)));
        // The policy's own title (its riktlinje, its insatser); a folder's name is never a title.
        const title = params.title;
        const regions = pathwayRegions(files, locale.current);
        return { html: renderHtml(buildDocument({ files, prose, findings, regions, locale: locale.current, ...(title ? { fallbackTitle: title } : {}) })) };
    } catch (error) {
        return { problem: `${sv ? 'Dokumentet kunde inte byggas' : 'The document could not be built'}: ${error instanceof Error ? error.message : String(error)}` };
    }
}
