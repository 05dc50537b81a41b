import { DefaultDocumentBuilder, type LangiumDocument } from 'langium';

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
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if ((document.diagnostics ?? []).some(diagnostic => WORKSPACE_WIDE.has(String(diagnostic.code)))) {
            return true;
        }
        return super.shouldRelink(document, changedUris);
    }
}
