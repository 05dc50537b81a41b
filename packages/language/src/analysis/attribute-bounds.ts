import { ExactNumber } from '@regelratt/format';
import type { Case, Region } from '@regelratt/analyses';
import type * as Ast from '../generated/ast.js';
import { elementId } from '../compiler/element-ids.js';
import { attributeDomain } from './attribute-domain.js';
import type { DecisionAnalysis } from '@regelratt/analyses';
import { analyseDecisionTable, type CalculationFacts } from './decision-table-input.js';
import type { AttributeBoundCell } from './named-bounds.js';

/**
 * Cells that compare their column with another attribute of the case (`pris <= maxpris`, format
 * 1.11). Such a cell is a relation between two of the case's values (a half-plane), which no union
 * of boxes states, so the region engine cannot cut a column at it. Where every attribute compared
 * with is a whole number with a closed range small enough, the table is analysed exactly once per
 * value of those attributes: with the value fixed, each such cell is a comparison with a constant
 * (`withBoundValues`, as for a parameter), and the attribute's own column, if it has one, is that
 * value only. Every citizen has one value, so the union of these analyses is the whole table's.
 * Beyond that (a decimal or an amount, an open range, more values than the budget) the check says
 * it cannot decide, naming the cell.
 */

/**
 * The most analyses one table may take (the product of the compared attributes' numbers of values):
 * an age against an age (0–120) is 121; `heltal 0–10000 kr` is beyond it. The check runs on every
 * keystroke in the editor, and each value is one analysis of the table (docs/performance.md).
 */
export const ATTRIBUTE_VALUE_BUDGET = 128;

/** Why a table's attribute-compared cells cannot be enumerated: the attribute that stops it. */
export interface AttributeBoundsUndecided {
    attribute: Ast.Attribute;
    reason: 'not-whole' | 'open' | 'too-many';
    /** The number of values (for `too-many`: the product so far). */
    count?: bigint;
}

/** Each value (by attribute element id) of the attributes the cells compare with, every combination; or why not. */
export function attributeBoundValues(cells: readonly AttributeBoundCell[], budget: number = ATTRIBUTE_VALUE_BUDGET): Array<Map<string, ExactNumber>> | AttributeBoundsUndecided {
    const attributes = [...new Set(cells.map(cell => cell.attribute))];
    let combinations: Array<Map<string, ExactNumber>> = [new Map()];
    let count = 1n;
    for (const attribute of attributes) {
        const domain = attributeDomain(attribute);
        if (domain.kind !== 'integer') {
            return { attribute, reason: 'not-whole' };
        }
        if (!domain.min || !domain.max) {
            return { attribute, reason: 'open' };
        }
        const min = -domain.min.negate().floor();
        const max = domain.max.floor();
        const size = max >= min ? max - min + 1n : 0n;
        count *= size;
        if (count > BigInt(budget)) {
            return { attribute, reason: 'too-many', count };
        }
        const id = elementId(attribute);
        combinations = combinations.flatMap(values => {
            const next: Array<Map<string, ExactNumber>> = [];
            for (let value = min; value <= max; value++) {
                next.push(new Map([...values, [id, ExactNumber.of(value)]]));
            }
            return next;
        });
    }
    return combinations;
}

/**
 * The analysis of the citizens whose compared attributes have the given values: the table's with
 * those values as constants (`values` may hold parameters' values too), each finding's, idle row's
 * and default's case given the values, so every witness is a whole citizen the runtime answers as
 * the finding claims. Undefined where the table cannot be analysed (as `analyseDecisionTable`).
 */
export function analyseWithAttributeValues(
    table: Ast.DecisionTable, attributes: readonly Ast.Attribute[], values: ReadonlyMap<string, ExactNumber>, calculations?: CalculationFacts,
): DecisionAnalysis | undefined {
    const analysis = analyseDecisionTable(table, new Set(), calculations, values);
    if (!analysis) {
        return undefined;
    }
    const points = new Map<string, Region>();
    for (const attribute of attributes) {
        const id = elementId(attribute);
        const value = values.get(id);
        if (value === undefined) {
            continue;
        }
        points.set(id, { kind: 'range', lo: value, loClosed: true, hi: value, hiClosed: true, discrete: true });
        if (!analysis.attributes.has(id)) {
            analysis.attributes.set(id, { id, name: attribute.name, domain: attributeDomain(attribute) });
        }
    }
    const fixed = (found: Case): Case => ({ ...found, assignment: new Map([...found.assignment, ...points]) });
    return {
        ...analysis,
        findings: analysis.findings.map(finding => ({ ...finding, case: fixed(finding.case) })),
        idle: analysis.idle.map(idle => ({ ...idle, case: fixed(idle.case) })),
        ...(analysis.defaulted ? { defaulted: analysis.defaulted.map(fixed) } : {}),
        ...(analysis.cases ? { cases: analysis.cases.map(fixed) } : {}),
    };
}
