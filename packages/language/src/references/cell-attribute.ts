import type * as Ast from '../generated/ast.js';
import { isCellComparison, isCellDisjunction, isCellSet, isCellValue, isCitizenValue, isComparison, isDecisionRow } from '../generated/ast.js';

/**
 * The attribute a literal is a value of: the one it is compared with, given for in an example, or the
 * decision-table column its cell stands in. Undefined for a level column or an unresolved name.
 */
export function attributeOfLiteralOwner(owner: unknown): Ast.Attribute | undefined {
    if (isComparison(owner) || isCitizenValue(owner)) {
        return owner.attribute?.ref;
    }
    // A test inside a disjunction (`hög eller nedsatt`) stands in the disjunction's column.
    const cell = (isCellValue(owner) || isCellComparison(owner) || isCellSet(owner)) && isCellDisjunction(owner.$container) ? owner.$container : owner;
    if ((isCellValue(cell) || isCellComparison(cell) || isCellSet(cell) || isCellDisjunction(cell)) && isDecisionRow(cell.$container)) {
        const row = cell.$container;
        const index = row.conditions.indexOf(cell);
        const table = row.$container;
        return table.header?.inputs[index]?.attribute?.ref;
    }
    return undefined;
}
