import type * as Ast from '../generated/ast.js';
import { isCellBoundRange, isCellComparison, isCellDisjunction, isCellSet, isCellValue, isCitizenValue, isComparison, isDecisionRow, isRateAmount } from '../generated/ast.js';

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
    const cell = isCellTestOwner(owner) && isCellDisjunction(owner.$container) ? owner.$container : owner;
    if ((isCellTestOwner(cell) || isCellDisjunction(cell)) && isDecisionRow(cell.$container)) {
        const row = cell.$container;
        const index = row.conditions.indexOf(cell);
        const table = row.$container;
        return table.header?.inputs[index]?.attribute?.ref;
    }
    return undefined;
}

function isCellTestOwner(owner: unknown): owner is Ast.CellValue | Ast.CellComparison | Ast.CellSet | Ast.CellBoundRange {
    return isCellValue(owner) || isCellComparison(owner) || isCellSet(owner) || isCellBoundRange(owner);
}

/**
 * Whether a name in this place of a decision table's cell may be a parameter or another attribute
 * (`> maxtaxa`, `< maxpris`, `15–gräns`): a comparison, a value or a range's bound, in a row of a
 * table; not a set's member (`{ 1, 2 }` lists values).
 */
export function isNamedBoundPlace(owner: unknown): boolean {
    if (!(isCellValue(owner) || isCellComparison(owner) || isCellBoundRange(owner))) {
        return false;
    }
    const cell = isCellDisjunction(owner.$container) ? owner.$container : owner;
    return isDecisionRow(cell.$container);
}
