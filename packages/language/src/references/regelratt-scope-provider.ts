import { DefaultScopeProvider, EMPTY_SCOPE, type ReferenceInfo, type Scope } from 'langium';
import { isCitizenValue, isComparison, isEnumerationLiteral, isEnumerationType } from '../generated/ast.js';

/**
 * An enumeration value is looked up among the values of the attribute it is compared with
 * (`aktivitetsförmåga = hög`) or given for in an example, so two attributes may both have a value called `hög`.
 */
export class RegelrattScopeProvider extends DefaultScopeProvider {
    override getScope(context: ReferenceInfo): Scope {
        if (isEnumerationLiteral(context.container)) {
            const owner = context.container.$container;
            const type = isComparison(owner) || isCitizenValue(owner) ? owner.attribute.ref?.type : undefined;
            return isEnumerationType(type) ? this.createScopeForNodes(type.values) : EMPTY_SCOPE;
        }
        return super.getScope(context);
    }
}
