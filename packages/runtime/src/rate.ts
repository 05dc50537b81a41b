import type { FlatRate, HourlyRate, PlaceRate, Quantity } from '@regelratt/format';
import type { CitizenValues } from './citizen.js';
import { runtimeError } from './runtime-error.js';

export type AnyRate = HourlyRate | FlatRate | PlaceRate;

/** The case's value of one of a rate's selectors, as the reason names it. */
export interface RateSelection {
    attribute: string;
    value: string;
}

/** A rate's amount for a case, and the case's values that selected it (none for a rate with one amount). */
export interface SelectedRateAmount {
    amount: Quantity;
    selection: RateSelection[];
}

/** Whether the rate's amount depends on the case (`efter regi, tid`); then only `rateAmount` with a citizen answers it. */
export function isSelectedRate(rate: AnyRate): boolean {
    return (rate.selectors?.length ?? 0) > 0;
}

/**
 * The one lookup of a rate's amount (the validity is the caller's: it has the date). A rate with
 * selectors gives the row for the case's values of them, in order; a case whose values have no row
 * is told so (`no-matching-row`, naming the values), never given another row's amount. `values` is
 * needed only for a rate with selectors.
 */
export function rateAmount(rate: AnyRate, values?: CitizenValues): SelectedRateAmount {
    if (!isSelectedRate(rate)) {
        if (!rate.amount || 'open' in rate.amount) {
            throw runtimeError('rate-without-amount', { name: rate.name }, { rate: rate.id });
        }
        return { amount: rate.amount, selection: [] };
    }
    if (!values) {
        throw runtimeError('rate-needs-case', { name: rate.name }, { rate: rate.id });
    }
    const selectors = rate.selectors!;
    const selection = selectors.map(attribute => ({ attribute, value: values.shown(attribute) }));
    const row = rate.amounts?.find(candidate => candidate.values.every((value, index) => value === selection[index].value));
    if (!row) {
        const text = selection.map(selected => `${selected.attribute.slice(selected.attribute.indexOf('/') + 1)} = ${selected.value}`).join(', ');
        throw runtimeError('rate-no-amount-for-case', { name: rate.name, values: text }, { rate: rate.id, values: Object.fromEntries(selection.map(s => [s.attribute, s.value])) });
    }
    if ('open' in row.amount) {
        throw runtimeError('rate-without-amount', { name: rate.name }, { rate: rate.id });
    }
    return { amount: row.amount, selection };
}
