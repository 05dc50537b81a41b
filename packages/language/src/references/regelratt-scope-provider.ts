import { DefaultScopeProvider, EMPTY_SCOPE, type ReferenceInfo, type Scope } from 'langium';
import { isComparison, isEnumerationLiteral, isEnumerationType } from '../generated/ast.js';

/**
 * An enumeration value is looked up among the values of the attribute it is compared with
 * (`aktivitetsförmåga = hög`), so two attributes may both have a value called `hög`.
 */
export class RegelrattScopeProvider extends DefaultScopeProvider {
    override getScope(context: ReferenceInfo): Scope {
        if (isEnumerationLiteral(context.container)) {
            const comparison = context.container.$container;
            const type = isComparison(comparison) ? comparison.attribute.ref?.type : undefined;
            return isEnumerationType(type) ? this.createScopeForNodes(type.values) : EMPTY_SCOPE;
        }
        return super.getScope(context);
    }
}
