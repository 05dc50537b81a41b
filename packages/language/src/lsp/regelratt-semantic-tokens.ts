import { AstUtils, type AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver-protocol';
import * as ast from '../generated/ast.js';
import { hasEntry } from '../utils/ast-dispatch.js';
import type { DeclarationType } from '../compiler/element-ids.js';

/** What kind of thing each declaration is, as an editor's theme colours it (a new declaration is a compile error here). */
const tokenTypeOf = {
    Law: SemanticTokenTypes.namespace,
    Service: SemanticTokenTypes.class,
    Administration: SemanticTokenTypes.namespace,
    Operation: SemanticTokenTypes.namespace,
    Unit: SemanticTokenTypes.namespace,
    Area: SemanticTokenTypes.namespace,
    Role: SemanticTokenTypes.type,
    Phase: SemanticTokenTypes.event,
    Body: SemanticTokenTypes.namespace,
    Attribute: SemanticTokenTypes.property,
    EnumerationValue: SemanticTokenTypes.enumMember,
    Parameter: SemanticTokenTypes.variable,
    Calculation: SemanticTokenTypes.variable,
    DecisionTable: SemanticTokenTypes.struct,
    Guideline: SemanticTokenTypes.interface,
    Obligation: SemanticTokenTypes.function,
    LevelTable: SemanticTokenTypes.struct,
    Premium: SemanticTokenTypes.struct,
    Rate: SemanticTokenTypes.struct,
    Fee: SemanticTokenTypes.struct,
    PathwayModel: SemanticTokenTypes.enum,
    Pathway: SemanticTokenTypes.enumMember,
    TestPhase: SemanticTokenTypes.event,
    Pilot: SemanticTokenTypes.event,
    PilotGoal: SemanticTokenTypes.function,
    EffectGoal: SemanticTokenTypes.interface,
    Indicator: SemanticTokenTypes.function,
    Example: SemanticTokenTypes.function,
} satisfies Record<DeclarationType | 'EnumerationValue', string>;

/** The token type of a node that names something (a declaration, an enumeration value), undefined for any other node. */
function tokenTypeOfNode(node: AstNode): string | undefined {
    const type = node.$type;
    return hasEntry(tokenTypeOf, type) ? tokenTypeOf[type] : undefined;
}

/**
 * Semantic tokens: every name coloured by what it names, at its declaration and wherever it is
 * used; amounts, numbers, levels and dates as numbers; law references as a law and its section.
 * (Keywords, strings and comments are coloured by the TextMate grammar.)
 */
export class RegelrattSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const type = tokenTypeOfNode(node);
        if (type && typeof (node as { name?: unknown }).name === 'string') {
            acceptor({ node, property: 'name' as never, type, modifier: SemanticTokenModifiers.declaration });
        }
        for (const reference of AstUtils.streamReferences(node)) {
            const target = 'ref' in reference.reference ? reference.reference.ref : undefined;
            const targetType = target && tokenTypeOfNode(target);
            if (targetType) {
                acceptor({ node: reference.container, property: reference.property as never, index: reference.index, type: targetType });
            }
        }
        if (ast.isQuantity(node) || ast.isNumberLiteral(node) || ast.isDateLiteral(node)) {
            acceptor({ node, property: 'value' as never, type: SemanticTokenTypes.number });
        } else if (ast.isLevelRow(node)) {
            acceptor({ node, property: 'level', type: SemanticTokenTypes.number });
        } else if (ast.isValidity(node) || ast.isDateRange(node) || ast.isParameterVersion(node)) {
            acceptor({ node, property: 'from', type: SemanticTokenTypes.number });
            if (node.to) {
                acceptor({ node, property: 'to', type: SemanticTokenTypes.number });
            }
        } else if (ast.isLawReference(node)) {
            for (const property of ['chapter', 'section', 'point'] as const) {
                if (node[property] !== undefined) {
                    acceptor({ node, property, type: SemanticTokenTypes.number });
                }
            }
        }
    }
}
