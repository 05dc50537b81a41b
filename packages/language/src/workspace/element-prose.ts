import type { Policy } from '../generated/ast.js';
import { elementId } from '../compiler/element-ids.js';

/**
 * What a writer wrote directly above each declaration: a `/** … *\/` comment, or a block of `//`
 * lines with no blank line between it and the declaration. The document shows it as the element's
 * prose, so the explanation a writer keeps beside the rule reaches the nämnd with it. A comment
 * separated by a blank line is about the file, not the element, and is left out.
 */
export function elementProse(policy: Policy, text: string): Map<string, string> {
    const lines = text.split(/\r?\n/);
    const prose = new Map<string, string>();
    for (const element of policy.elements) {
        const start = element.$cstNode?.range.start.line;
        if (start === undefined || !('name' in element) || typeof element.name !== 'string' || !element.name) {
            continue;
        }
        const comment = commentAbove(lines, start);
        if (comment) {
            prose.set(elementId(element as typeof element & { name: string }), comment);
        }
    }
    return prose;
}

function commentAbove(lines: readonly string[], line: number): string | undefined {
    let index = line - 1;
    const above = lines[index]?.trim() ?? '';
    if (above.endsWith('*/')) {
        const end = index;
        while (index >= 0 && !lines[index].trim().startsWith('/*')) {
            index--;
        }
        if (index < 0) {
            return undefined;
        }
        const body = lines.slice(index, end + 1).join('\n')
            .replace(/^\s*\/\*\*?/, '').replace(/\*\/\s*$/, '')
            .split('\n').map(l => l.replace(/^\s*\*\s?/, '').trim());
        return joinParagraph(body);
    }
    const block: string[] = [];
    while (index >= 0 && lines[index].trim().startsWith('//')) {
        block.unshift(lines[index].trim().replace(/^\/\/\s?/, ''));
        index--;
    }
    return block.length > 0 ? joinParagraph(block) : undefined;
}

/** Comment lines as running text: lines joined, an empty comment line ends a paragraph. */
function joinParagraph(lines: readonly string[]): string | undefined {
    const paragraphs = lines.join('\n').split(/\n\s*\n/).map(p => p.split('\n').map(l => l.trim()).filter(Boolean).join(' ')).filter(Boolean);
    return paragraphs.length > 0 ? paragraphs.join('\n\n') : undefined;
}
