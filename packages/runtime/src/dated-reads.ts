import { againstReferences, forEachReference, formulaCell, isChainedInput, type CompiledElement, type DecisionTable, type Expression } from '@regelratt/format';
import type { PolicySet } from './policy-set.js';

/**
 * The first element a decision table reads that goes by date, through its chained inputs, the
 * calculations they and its formula cells read, and the parameters, level tables and rates those
 * read; undefined where nothing it reads depends on the date. A question about a table that reads
 * nothing dated needs no date (docs/language.md: `datum` is optional there); one that does is
 * refused naming this element. Kinds this walk does not know are taken as dated: a missing date is
 * then asked for, never silently assumed.
 */
export function datedRead(policy: PolicySet, table: DecisionTable): CompiledElement | undefined {
    const seen = new Set<string>();
    const visitElement = (element: CompiledElement | undefined): CompiledElement | undefined => {
        if (!element || seen.has(element.id)) {
            return undefined;
        }
        seen.add(element.id);
        if ('validity' in element && element.validity) {
            return element;
        }
        switch (element.kind) {
            case 'attribute':
                return undefined;
            case 'calculation':
                return visitExpression(element.value);
            case 'decisionTable': {
                for (const input of element.inputs.filter(isChainedInput)) {
                    const found = visitElement(policy.find('decision' in input ? input.decision : input.calculation));
                    if (found) {
                        return found;
                    }
                }
                // A cell that compares with a parameter (`> pensionsålder`) reads it on the date.
                for (const ref of element.rows.flatMap(row => row.when.flatMap(cell => (cell ? againstReferences(cell) : [])))) {
                    const found = visitElement(policy.find(ref));
                    if (found) {
                        return found;
                    }
                }
                for (const then of [...element.rows.map(row => row.then), ...(element.defaultOutputs ? [element.defaultOutputs] : [])]) {
                    for (const cell of then) {
                        const found = visitExpression(formulaCell(cell));
                        if (found) {
                            return found;
                        }
                    }
                }
                return undefined;
            }
            // Parameters go by version, level tables, rates and fees by date.
            default:
                return element;
        }
    };
    const visitExpression = (expression: Expression | undefined): CompiledElement | undefined => {
        let found: CompiledElement | undefined;
        if (expression) {
            forEachReference(expression, reference => {
                found ??= visitElement(policy.find(reference.ref));
            });
        }
        return found;
    };
    return visitElement(table);
}
