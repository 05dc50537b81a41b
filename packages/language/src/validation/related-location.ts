import { AstUtils, type AstNode } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';

/** The other place a finding is about (the förlopp it overlaps, the other version, the lower level), for editors to link to. */
export function relatedAt(node: AstNode | undefined, message: string): DiagnosticRelatedInformation[] {
    const range = node?.$cstNode?.range;
    if (!node || !range) {
        return [];
    }
    return [{ location: { uri: AstUtils.getDocument(node).uri.toString(), range }, message }];
}
