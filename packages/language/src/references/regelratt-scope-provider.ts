import { AstUtils, DefaultScopeProvider, EMPTY_SCOPE, MapScope, type AstNode, type AstNodeDescription, type ReferenceInfo, type Scope } from 'langium';
import { isEnumerationLiteral, isEnumerationType, type EnumerationType } from '../generated/ast.js';
import { attributeOfLiteralOwner, isNamedBoundPlace } from './cell-attribute.js';

/**
 * An enumeration value is looked up among the values of the attribute it is compared with
 * (`aktivitetsförmåga = hög`), given for in an example, or stands for in a decision-table column, so two attributes may both have a value called `hög`.
 * In a cell on a column that is not an enumeration a name is a parameter or another attribute (`> maxtaxa`).
 */
export class RegelrattScopeProvider extends DefaultScopeProvider {
    /**
     * One scope per enumeration, looked up by name: every value written against an attribute would
     * otherwise describe all the attribute's values anew and search them in order, quadratic in a
     * long enumeration. Keyed weakly by the type's node, and kept only while the node is in the same
     * tree: an edit elsewhere in a large file keeps the node (incremental-parse.ts) but moves it, and
     * a description holds its place.
     */
    private readonly enumerationScopes = new WeakMap<EnumerationType, { root: AstNode; scope: Scope }>();

    override getScope(context: ReferenceInfo): Scope {
        if (isEnumerationLiteral(context.container)) {
            // Completion asks with a literal it made up inside the one already begun (`> pens|`): the begun one stands in the cell.
            const literal = isEnumerationLiteral(context.container.$container) ? context.container.$container : context.container;
            const owner = literal.$container;
            const type = attributeOfLiteralOwner(owner, literal)?.type;
            if (isEnumerationType(type)) {
                return this.enumerationScope(type);
            }
            // A cell on any other column may name a parameter or another attribute instead of a value
            // (`> maxtaxa`, `< maxpris`): the workspace's names of those kinds (decision-table-checks.ts
            // checks that they are numbers in the column's unit).
            return isNamedBoundPlace(owner)
                ? this.getGlobalScope(this.reflection.getReferenceType(context), context)
                : EMPTY_SCOPE;
        }
        if (!AstUtils.findRootNode(context.container).$document) {
            // Completion asks about a node it made up for half-typed text, outside any document:
            // Langium's local scopes would throw; the workspace's names are what it can offer.
            return this.getGlobalScope(this.reflection.getReferenceType(context), context);
        }
        return super.getScope(context);
    }

    private enumerationScope(type: EnumerationType): Scope {
        const root = AstUtils.findRootNode(type);
        const cached = this.enumerationScopes.get(type);
        if (cached?.root === root) {
            return cached.scope;
        }
        // The first of two values with one name wins, as in an ordered search (the second is reported as a duplicate).
        const byName = new Map<string, AstNodeDescription>();
        for (const value of type.values) {
            const name = this.nameProvider.getName(value);
            if (name && !byName.has(name)) {
                byName.set(name, this.descriptions.createDescription(value, name));
            }
        }
        const scope = new MapScope(byName.values());
        this.enumerationScopes.set(type, { root, scope });
        return scope;
    }
}
