import { ExactNumber } from '@regelratt/format';
import type { AttributeValue } from './citizen.js';
import { runtimeError } from './runtime-error.js';

/**
 * Orders two numbers of a case, as a cell compared with a named value reads them (`ålder <
 * pensionsålder`, `avgift > maxtaxa`): whole numbers as JS numbers, otherwise exactly. The one
 * definition for the closures (criteria.ts) and the generated code (criterion-codegen.ts). A value that
 * is not a number (text, yes/no: a hand-made file, the checker refuses such a cell) is the typed
 * error `attribute-not-a-number`, naming it.
 */
export function orderNumbers(a: AttributeValue, b: AttributeValue, leftName: string, rightName: string): number {
    if (typeof a === 'string' || typeof a === 'boolean') {
        throw runtimeError('attribute-not-a-number', { name: leftName }, { attribute: leftName });
    }
    if (typeof b === 'string' || typeof b === 'boolean') {
        throw runtimeError('attribute-not-a-number', { name: rightName }, { attribute: rightName });
    }
    if (typeof a === 'number' && typeof b === 'number') {
        return a - b;
    }
    const x = typeof a === 'number' ? ExactNumber.of(BigInt(a)) : a;
    const y = typeof b === 'number' ? ExactNumber.of(BigInt(b)) : b;
    return x.compare(y);
}
