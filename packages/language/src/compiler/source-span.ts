import type { AstNode } from 'langium';
import type { SourceSpan } from '@regelratt/format';

/** Where a node stands in its file, 1-based as editors and `file:line:col` messages show it. */
export function sourceSpan(node: AstNode, file: string): SourceSpan {
    const range = node.$cstNode?.range;
    if (!range) {
        throw new Error(`${node.$type} has no source position`);
    }
    return {
        file,
        line: range.start.line + 1,
        column: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
    };
}
