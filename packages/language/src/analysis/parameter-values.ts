import type * as Ast from '../generated/ast.js';
import { UNDATED_FROM } from '@regelratt/format';
import { dayBefore } from '@regelratt/analyses';
import { isCalculation, isParameter, isReferenceExpression } from '../generated/ast.js';
import { flatTree } from '../utils/ast-walk.js';

/** Versions of a parameter in date order, each with the last day it is in force (undefined: open-ended). */
export function versionSpans(parameter: Ast.Parameter): Array<{ version: Ast.ParameterVersion; from: string; to?: string }> {
    // A version half-typed without its value is the parser's to report; the spans are of the complete
    // ones. One without a date starts when the compiled form says it does (UNDATED_FROM).
    const sorted = parameter.versions.filter(version => version.value !== undefined)
        .map(version => ({ version, from: version.from ?? UNDATED_FROM }))
        .sort((a, b) => a.from.localeCompare(b.from));
    return sorted.map(({ version, from }, index) => {
        // Without `till`, a version lasts until the day before the next one starts.
        const next = sorted[index + 1];
        const to = version.to ?? (next ? dayBefore(next.from) : undefined);
        return { version, from, to };
    });
}

/** The parameters a formula reads, through the named calculations it uses. */
export function parametersRead(expression: Ast.Expression | undefined, visiting = new Set<Ast.Calculation>()): Ast.Parameter[] {
    if (!expression) {
        return [];
    }
    const read: Ast.Parameter[] = [];
    for (const node of flatTree(expression).nodes) {
        if (isReferenceExpression(node)) {
            const target = node.target.ref;
            if (target && isParameter(target)) {
                read.push(target);
            } else if (target && isCalculation(target) && !visiting.has(target)) {
                visiting.add(target);
                read.push(...parametersRead(target.value, visiting));
            }
        }
    }
    return [...new Set(read)];
}

/** The first day of a period and each later day within it on which one of the parameters starts a new version: the days its values can change. */
export function changeDates(parameters: readonly Ast.Parameter[], start: string, end?: string): string[] {
    const dates = new Set([start]);
    for (const parameter of parameters) {
        for (const span of versionSpans(parameter)) {
            if (span.from > start && (!end || span.from <= end)) {
                dates.add(span.from);
            }
        }
    }
    return [...dates].sort();
}
