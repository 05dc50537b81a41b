import type * as Ast from '../generated/ast.js';
import { isCellComparison, isCellDisjunction, isCellSet, isCellValue, isCitizenValue, isComparison, isDecisionRow, isRateAmount } from '../generated/ast.js';

/**
 * The attribute a literal is a value of: the one it is compared with, given for in an example, the
 * decision-table column its cell stands in, or the rate's selector at its place in an amount's row
 * (`literal` says which place). Undefined for a level column, an unresolved name or a value past the
 * rate's selectors.
 */
export function attributeOfLiteralOwner(owner: unknown, literal?: unknown): Ast.Attribute | undefined {
    if (isRateAmount(owner)) {
        const index = owner.values.findIndex(value => value === literal);
        return index < 0 ? undefined : owner.$container.selectors[index]?.ref;
    }
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
