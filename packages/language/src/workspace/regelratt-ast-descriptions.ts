import { AstUtils, CstUtils, DefaultAstNodeDescriptionProvider, type AstNode, type AstNodeDescription, type LangiumDocument } from 'langium';

/**
 * Langium's description of a named node, with its place (path and segments) read from the node
 * when asked instead of when the description is made. Incremental parsing keeps the declarations
 * a change did not touch and moves them; their descriptions can then be kept too (the scope
 * computation does), and still give the node's place as it is now. Making every description anew
 * computed every path and segment of a 10 000-line file on each keystroke, and few are ever read.
 */
export class RegelrattAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const uri = (document ?? AstUtils.getDocument(node)).uri;
        const named = name ?? this.nameProvider.getName(node);
        if (!named) {
            throw new Error(`Node at path ${this.astNodeLocator.getAstNodePath(node)} has no name.`);
        }
        const locator = this.astNodeLocator;
        const names = this.nameProvider;
        return {
            node,
            name: named,
            type: node.$type,
            documentUri: uri,
            get path() {
                return locator.getAstNodePath(node);
            },
            get nameSegment() {
                return CstUtils.toDocumentSegment(names.getNameNode(node) ?? node.$cstNode);
            },
            get selectionSegment() {
                return CstUtils.toDocumentSegment(node.$cstNode);
            },
        };
    }
}
