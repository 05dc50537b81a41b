import { againstReferences, chainedInputKey, listHitPolicy, type CompiledElement, type DecisionHitPolicy, type DecisionResult, type DecisionTable } from '@regelratt/format';
import { outputRank } from '@regelratt/runtime';
import type { AnalysedAttribute } from './attribute-domain.js';
import { chainedCellsDomain } from './chained-inputs.js';
import { analysedFromCompiled, levelAttribute } from './compiled-attributes.js';
import { analyseTable, type ChainedTableInput, type DecisionAnalysis } from './decision-table-analysis.js';
import type { RowPolicy } from './row-reach.js';

/**
 * The hit policy as the analysis names it (the source's words), from the compiled one: `collectList`
 * is `samla` without an aggregation, as the compiler writes `träff samla` alone.
 */
const ROW_POLICIES = {
    unique: 'unik', first: 'första', any: 'valfri', collect: 'samla', priority: 'prioritet', ruleOrder: 'regelordning', outputOrder: 'utfallsordning', collectList: 'samla',
} as const satisfies Record<DecisionHitPolicy, RowPolicy>;
const AGGREGATIONS = { sum: 'summa', min: 'min', max: 'max', count: 'antal' } as const satisfies Record<NonNullable<DecisionTable['aggregation']>, string>;

/**
 * The decision-table analysis (gaps, overlaps, idle and unmatched rows) of a table read from the
 * compiled form, as a system that receives compiled JSON can run it: the same analysis the checker
 * runs through the language package's adapter over the source. `elements` are the policy set's
 * compiled elements by id (the attributes a cell reads, the tables a chained input asks). Undefined
 * where a cell names a parameter or another attribute (the checker analyses such a table once per
 * setting of the parameters' values), an input is not in `elements`, or a chained upstream answers a
 * list, cannot be analysed completely or reads the table itself. A calculation column is judged over
 * every number (no bounds of the calculation are asked here).
 */
export function compiledDecisionAnalysis(table: DecisionTable, elements: ReadonlyMap<string, CompiledElement>, visiting: ReadonlySet<string> = new Set()): DecisionAnalysis | undefined {
    if (table.inputs.length === 0 || table.rows.some(row => row.when.some(cell => cell !== null && againstReferences(cell).length > 0))) {
        return undefined;
    }
    const attributes = new Map<string, AnalysedAttribute>();
    const chained: ChainedTableInput[] = [];
    for (const input of table.inputs) {
        if ('level' in input) {
            const level = levelAttribute(table.levels?.max, table.levels?.min);
            attributes.set(level.id, level);
            continue;
        }
        if ('attribute' in input) {
            const attribute = elements.get(input.attribute);
            if (attribute?.kind !== 'attribute') {
                return undefined;
            }
            attributes.set(input.attribute, analysedFromCompiled(attribute));
            continue;
        }
        const key = chainedInputKey(input);
        if ('calculation' in input) {
            const calculation = elements.get(input.calculation);
            if (calculation?.kind !== 'calculation') {
                return undefined;
            }
            attributes.set(key, { id: key, name: `beräkning ${calculation.name}`, domain: { kind: 'decimal' } });
            continue;
        }
        const upstream = elements.get(input.decision);
        const column = upstream?.kind === 'decisionTable' ? upstream.outputs.indexOf(input.column) : -1;
        if (upstream?.kind !== 'decisionTable' || column < 0 || listHitPolicy(upstream.hitPolicy) || visiting.has(upstream.id) || upstream.id === table.id) {
            return undefined;
        }
        const cells: DecisionResult[] = [...upstream.rows.map(row => row.then[column]), ...(upstream.defaultOutputs ? [upstream.defaultOutputs[column]] : [])];
        // A sum or a count of the matching rows may leave the cells' range: any number, as a calculation's.
        const domain = chainedCellsDomain(cells, upstream.hitPolicy === 'collect' && upstream.aggregation !== 'min' && upstream.aggregation !== 'max');
        const analysis = domain && compiledDecisionAnalysis(upstream, elements, new Set([...visiting, table.id]));
        if (!domain || !analysis?.complete || !analysis.cases) {
            return undefined;
        }
        attributes.set(key, { id: key, name: `${upstream.name}.${input.column}`, domain });
        chained.push({ key, upstream: { ...analysis, cases: analysis.cases }, cells, hitPolicy: ROW_POLICIES[upstream.hitPolicy], hasDefault: upstream.defaultOutputs !== undefined });
    }
    let ranks: number[][] | undefined;
    if (table.hitPolicy === 'priority') {
        ranks = table.rows.map(row => outputRank(table, row.then));
        if (!table.outputValues || !ranks.every(rank => rank.every(Number.isFinite))) {
            return undefined;
        }
    }
    return analyseTable({
        input: {
            attributes,
            columns: table.inputs.map(input => ('level' in input ? levelAttribute().id : 'attribute' in input ? input.attribute : chainedInputKey(input))),
            cells: table.rows.map(row => row.when),
            outputs: table.rows.map(row => JSON.stringify(row.then)),
            ...(ranks ? { ranks } : {}),
        },
        hitPolicy: ROW_POLICIES[table.hitPolicy],
        ...(table.aggregation ? { aggregation: AGGREGATIONS[table.aggregation] } : {}),
        answersList: listHitPolicy(table.hitPolicy),
        hasDefault: table.defaultOutputs !== undefined,
        chained,
    });
}
