import { AstUtils, type AstNode } from 'langium';
import { MultilineCommentHoverProvider } from 'langium/lsp';
import type * as Ast from '../generated/ast.js';
import { describeAttributeType } from '../validation/attribute-type-text.js';
import { kindName } from '../i18n/element-kind-names.js';
import type { RegelrattLspServices } from './regelratt-lsp-module.js';

/**
 * Hover on a name shows what it is: its kind, name and title, its type or legal basis where it has
 * one, and its documentation comment (`/** … *\/` above the declaration), then where it is declared.
 */
export class RegelrattHoverProvider extends MultilineCommentHoverProvider {
    private readonly locale;

    constructor(services: RegelrattLspServices) {
        super(services);
        this.locale = services.i18n.Locale;
    }

    protected override getAstNodeHoverContent(node: AstNode): string | undefined {
        const named = node as AstNode & { name?: string; title?: string };
        if (!named.name) {
            return undefined;
        }
        const sv = this.locale.current === 'sv';
        const lines = [`**${kindName(node.$type, this.locale.current)}** \`${named.name}\`${named.title ? ` — ${named.title}` : ''}`];
        if (node.$type === 'Attribute') {
            lines.push(describeAttributeType((node as Ast.Attribute).type, this.locale.current));
        }
        const basis = (node as { legalBasis?: Ast.LawReference[] }).legalBasis;
        if (basis && basis.length > 0) {
            lines.push(`${sv ? 'Lagstöd' : 'Legal basis'}: ${basis.map(reference => reference.$cstNode?.text.replace(/\s+/g, ' ')).join(', ')}`);
        }
        const documentation = this.documentationProvider.getDocumentation(node);
        if (documentation) {
            lines.push(documentation);
        }
        const document = AstUtils.getDocument(node);
        const line = (node.$cstNode?.range.start.line ?? 0) + 1;
        lines.push(`_${document.uri.path.split('/').pop()}:${line}_`);
        return lines.join('\n\n');
    }
}
