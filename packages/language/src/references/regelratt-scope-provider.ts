import { DefaultScopeProvider, EMPTY_SCOPE, type ReferenceInfo, type Scope } from 'langium';
import { isEnumerationLiteral, isEnumerationType } from '../generated/ast.js';
import { attributeOfLiteralOwner } from './cell-attribute.js';

/**
 * An enumeration value is looked up among the values of the attribute it is compared with
 * (`aktivitetsförmåga = hög`), given for in an example, or stands for in a decision-table column, so two attributes may both have a value called `hög`.
 */
export class RegelrattScopeProvider extends DefaultScopeProvider {
    override getScope(context: ReferenceInfo): Scope {
        if (isEnumerationLiteral(context.container)) {
            const owner = context.container.$container;
            const type = attributeOfLiteralOwner(owner)?.type;
            return isEnumerationType(type) ? this.createScopeForNodes(type.values) : EMPTY_SCOPE;
        }
        return super.getScope(context);
    }
}
