import { AstUtils, type AstNode } from 'langium';
import { ExactNumber, UNDATED_FROM } from '@regelratt/format';
import { versionInForce } from '@regelratt/runtime';
import type * as Ast from '../generated/ast.js';
import { isEnumerationLiteral } from '../generated/ast.js';
import { namedBound } from '../compiler/compile-decision-table.js';
import { elementId } from '../compiler/element-ids.js';
import { compileQuantity, compileValidity } from '../compiler/compile-values.js';
import { dayAfter, dayBefore } from '@regelratt/analyses';

/**
 * Cells compared with a named value (`> maxtaxa`, `< maxpris`, format 1.11) and how the analyses read
 * them. The region engine cuts columns at constants: a parameter is one constant per version, so a
 * table is analysed once per distinct set of its parameters' values over the dates it is in force,
 * and each finding names the dates. Another attribute of the case is not a constant (the cell is a
 * relation between two values, not a box): such a table is not analysed, and the check says so,
 * naming the cell, rather than report no gap.
 */

/** A cell that names another attribute: the table is not analysed, and this is what the check names. */
export interface AttributeBoundCell {
    row: number;
    cell: AstNode;
    attribute: Ast.Attribute;
}

export interface NamedBounds {
    parameters: Ast.Parameter[];
    attributeCells: AttributeBoundCell[];
}

/** The parameters and attributes a table's cells name instead of values, in reading order. */
export function namedBoundsOf(table: Ast.DecisionTable): NamedBounds {
    const parameters: Ast.Parameter[] = [];
    const attributeCells: AttributeBoundCell[] = [];
    table.rows.forEach((row, index) => {
        for (const cell of row.conditions) {
            for (const node of AstUtils.streamAst(cell)) {
                const named = isEnumerationLiteral(node) ? namedBound(node) : undefined;
                if (named?.$type === 'Parameter' && !parameters.includes(named)) {
                    parameters.push(named);
                } else if (named?.$type === 'Attribute') {
                    attributeCells.push({ row: index, cell, attribute: named });
                }
            }
        }
    });
    return { parameters, attributeCells };
}

/** Dates, both ends inclusive; no `to`: open. */
export interface BoundPeriod {
    from: string;
    to?: string;
}

/** One set of the parameters' values, with every period of the table's dates it holds in. */
export interface BoundSetting {
    /** By the parameter's element id. */
    values: ReadonlyMap<string, ExactNumber>;
    periods: BoundPeriod[];
}

/**
 * The distinct sets of the parameters' values over the dates the table is in force, each value read
 * by the runtime's one version lookup (`versionInForce`) on the first day of each stretch between
 * version boundaries. A stretch where a parameter has no version is left out: the runtime answers
 * `no-valid-version` there, which is no gap. Undefined where a version is half-typed (the parser says so).
 */
export function boundSettings(table: Ast.DecisionTable, parameters: readonly Ast.Parameter[]): BoundSetting[] | undefined {
    const window = table.validity ? compileValidity(table.validity) : { from: UNDATED_FROM };
    const sortedVersions: Array<Array<{ from: string; to?: string; value: ExactNumber }>> = [];
    for (const parameter of parameters) {
        const versions = [];
        for (const version of parameter.versions) {
            if (!version.value?.value) {
                return undefined;
            }
            versions.push({ from: version.from ?? UNDATED_FROM, ...(version.to ? { to: version.to } : {}), value: ExactNumber.parse(compileQuantity(version.value).value) });
        }
        sortedVersions.push(versions.sort((a, b) => a.from.localeCompare(b.from)));
    }
    const boundaries = new Set<string>([window.from]);
    for (const versions of sortedVersions) {
        for (const version of versions) {
            boundaries.add(version.from);
            if (version.to) {
                boundaries.add(dayAfter(version.to));
            }
        }
    }
    const starts = [...boundaries].filter(day => day >= window.from && (!window.to || day <= window.to)).sort();
    const settings = new Map<string, BoundSetting>();
    let previous: { key: string; period: BoundPeriod } | undefined;
    starts.forEach((from, index) => {
        const next = starts[index + 1];
        const to = next ? dayBefore(next) : window.to;
        const values = sortedVersions.map(versions => versionInForce(versions, from)?.value);
        if (values.some(value => value === undefined)) {
            previous = undefined;
            return;
        }
        const key = values.map(value => value!.toDecimal()).join('|');
        if (previous?.key === key) {
            // The same values go on: one period, not two.
            if (to) {
                previous.period.to = to;
            } else {
                delete previous.period.to;
            }
            return;
        }
        const period: BoundPeriod = { from, ...(to ? { to } : {}) };
        let setting = settings.get(key);
        if (!setting) {
            setting = { values: new Map(parameters.map((parameter, i) => [elementId(parameter), values[i]!])), periods: [] };
            settings.set(key, setting);
        }
        setting.periods.push(period);
        previous = { key, period };
    });
    return [...settings.values()];
}

/** A period as a finding names it: `2025-01-01–2025-12-31`, `från 2026-01-01`. */
export function periodText(period: BoundPeriod, locale: 'sv' | 'en'): string {
    const from = period.from === UNDATED_FROM ? undefined : period.from;
    if (from && period.to) {
        return `${from}–${period.to}`;
    }
    if (from) {
        return locale === 'sv' ? `från ${from}` : `from ${from}`;
    }
    return period.to ? (locale === 'sv' ? `till ${period.to}` : `until ${period.to}`) : (locale === 'sv' ? 'alla datum' : 'every date');
}
