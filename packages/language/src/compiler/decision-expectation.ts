import { decisionResultKind } from '@regelratt/format';
import type { Decision, PolicyRuntime } from '@regelratt/runtime';

/**
 * What a decision answered, written as an example expects it (after `förväntat`): a förlopp by name,
 * a text quoted, ja/nej, a date as written (`2025-07-01`), or a number; under a list policy the list in its order (`[ "a", "b" ]`,
 * `[ ]` where no row matches); an open value as the runtime's error. For `test --coverage` and the
 * studio's "Nytt exempel för detta", so an example written from a region passes as written.
 */
export function decisionExpectationSource(runtime: PolicyRuntime, decision: Decision, column: string): string {
    const table = runtime.policy.get(decision.table, 'decisionTable');
    const index = table.outputs.indexOf(column);
    const cell = [...table.rows.map(row => row.then[index]), ...(table.defaultOutputs ? [table.defaultOutputs[index]] : [])].find(c => c !== undefined && !('open' in c));
    const kind = cell ? decisionResultKind(cell) : 'number';
    const written = (value: string) => kind === 'pathway' ? `förlopp ${value.slice(value.indexOf('/') + 1)}`
        : kind === 'text' ? JSON.stringify(value) : kind === 'yesNo' || kind === 'date' ? value : value.replace('.', ',');
    const values = runtime.decisionValues(decision, column);
    if (values.some(value => value === null)) {
        return 'fel "open-amount"';
    }
    return decision.list ? `[ ${values.map(value => written(value!)).join(', ')}${values.length > 0 ? ' ' : ''}]` : written(values[0]!);
}
