import type * as Ast from '../generated/ast.js';
import { isCellComparison, isCellSet, isCellValue, isCitizenValue, isComparison, isDecisionRow } from '../generated/ast.js';

/**
 * The attribute a literal is a value of: the one it is compared with, given for in an example, or the
 * decision-table column its cell stands in. Undefined for a level column or an unresolved name.
 */
export function attributeOfLiteralOwner(owner: unknown): Ast.Attribute | undefined {
    if (isComparison(owner) || isCitizenValue(owner)) {
        return owner.attribute?.ref;
    }
    if ((isCellValue(owner) || isCellComparison(owner) || isCellSet(owner)) && isDecisionRow(owner.$container)) {
        const row = owner.$container;
        const index = row.conditions.indexOf(owner);
        const table = row.$container;
        return table.header?.inputs[index]?.attribute?.ref;
    }
    return undefined;
}
