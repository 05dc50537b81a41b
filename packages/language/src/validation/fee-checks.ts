import { ExactNumber, type Rounding } from '@regelratt/format';
import type { ValidationChecks } from 'langium';
import type { Fee, LevelRow, RegelrattAstType } from '../generated/ast.js';
import { isQuantity } from '../generated/ast.js';
import { dayAfter } from '../analysis/days.js';
import { changeDates, parametersRead, versionSpans } from '../analysis/parameter-values.js';
import { constantValue } from '../analysis/runtime-answer.js';
import { elementId } from '../compiler/element-ids.js';
import { compiledWorkspace } from './compiled-workspace.js';
import { compileRounding } from '../compiler/compile-values.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { swedishDecimal } from '../numbers/decimal-text.js';
import { relatedAt } from './related-location.js';
import { createReport, type Report } from './report.js';

const DEFAULT_ROUNDING: Rounding = { unit: 'krona', mode: 'half-away-from-zero' };

/**
 * A citizen's fee is min(andel × avgiftsutrymme, takbelopp of the level, maxtaxa), rounded. The
 * avgiftsutrymme does not depend on the level, so the fee never rises as the level falls exactly
 * when the effective caps min(takbelopp, maxtaxa) never fall as the level rises, on every date the
 * maxtaxa changes. That is what is checked, with the level pair and date that show a failure.
 */
export function feeChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const workspace = compiledWorkspace(services);
    return {
        Fee: (fee, accept) => {
            const report = createReport(accept, locale);
            const sv = locale.current === 'sv';
            const comparable = fee.caps.filter(row => isQuantity(row.value) && row.value.unit?.money).length >= 2;
            if (!fee.validity && comparable) {
                // Without a validity there is no date to read the parameters on: say so rather than stay silent.
                report('fee-not-analysed', {
                    name: fee.name,
                    reason: sv ? 'den anger ingen giltighet (giltig från …), så det finns inget datum att läsa parametrarna på' : 'it gives no validity (giltig från …), so there is no date to read the parameters on',
                }, { node: fee, property: 'name' });
                return;
            }
            const dates = evaluationDates(fee, report);
            if (!dates) {
                return;
            }
            const caps = fee.caps
                .filter(row => isQuantity(row.value) && row.value.unit?.money)
                .map(row => ({ row, level: Number(row.level), cap: ExactNumber.parse((row.value as { value: string }).value) }))
                .sort((a, b) => a.level - b.level);
            if (caps.length === 0) {
                return;
            }
            const rounding = fee.rounding ? compileRounding(fee.rounding) : DEFAULT_ROUNDING;
            const show = (value: ExactNumber) => swedishDecimal(value.round(rounding).toDecimal());
            // The maxtaxa on each date as the runtime computes it, from the fee's compiled form.
            const runtime = workspace()?.runtime;
            const compiled = runtime?.policy.find(elementId(fee));
            const ceiling = compiled?.kind === 'fee' ? compiled.ceiling : undefined;
            if (fee.ceiling && (!runtime || !ceiling)) {
                return; // not compiled yet (a half-typed file): nothing to say
            }
            const ceilings = new Map<string, ExactNumber | undefined>();
            for (const date of dates) {
                const value = ceiling ? constantValue(runtime!, ceiling, date) : undefined;
                if (value && value.kind === 'reads-case') {
                    // A ceiling that depends on the citizen is outside what this check decides.
                    report('fee-not-analysed', {
                        name: fee.name,
                        reason: sv ? 'maxtaxan beror av medborgaren eller nivån' : 'the maxtaxa depends on the citizen or the level',
                    }, { node: fee, property: 'name' });
                    return;
                }
                ceilings.set(date, value?.kind === 'value' ? ExactNumber.parse(value.value) : undefined);
            }
            const effective = (cap: ExactNumber, date: string) => {
                const ceiling = ceilings.get(date);
                return ceiling ? ExactNumber.min(cap, ceiling) : cap;
            };
            const reported = new Set<LevelRow>();
            for (let i = 0; i + 1 < caps.length; i++) {
                const low = caps[i];
                const high = caps[i + 1];
                for (const date of dates) {
                    if (reported.has(high.row)) {
                        break;
                    }
                    const lowFee = effective(low.cap, date);
                    const highFee = effective(high.cap, date);
                    const ceiling = ceilings.get(date);
                    if (lowFee.compare(highFee) > 0) {
                        reported.add(high.row);
                        report('fee-rises-as-need-falls', {
                            room: show(lowFee), low: low.level, lowFee: show(lowFee), high: high.level, highFee: show(highFee), date,
                        }, { node: high.row, property: 'value', relatedInformation: relatedAt(low.row, `nivå ${low.level}`) }, {
                            text: locale.current === 'sv'
                                ? `en medborgare vars andel av avgiftsutrymmet är ${show(lowFee)} kr, ${date}`
                                : `a citizen whose share of the avgiftsutrymme is ${show(lowFee)} kr, ${date}`,
                            example: { datum: date, andel_av_avgiftsutrymme: lowFee.toDecimal(2) },
                        });
                    } else if (lowFee.equals(highFee) && (!ceiling || low.cap.compare(ceiling) < 0)) {
                        // Equal caps below the ceiling; caps at or above it are the next check's business.
                        reported.add(high.row);
                        report('caps-charge-same', { low: low.level, high: high.level, amount: show(lowFee), date }, { node: high.row, property: 'value' });
                    }
                }
            }
            const known = dates.map(d => ceilings.get(d)).filter((c): c is ExactNumber => c !== undefined);
            if (known.length === dates.length) {
                // A cap binds only where it is below the maxtaxa; at or above the highest maxtaxa, never.
                const highest = ExactNumber.max(...known);
                for (const { row, level, cap } of caps) {
                    if (cap.compare(highest) >= 0) {
                        report('cap-never-binds', { level, cap: show(cap), ceiling: show(highest) }, { node: row, property: 'value' });
                    }
                }
            }
        },
    };
}

/**
 * The dates on which the fee's parameters can change value within its validity (the first day and
 * each new version's first day). Reports a day without a parameter value and returns undefined then.
 */
function evaluationDates(fee: Fee, report: Report): string[] | undefined {
    const start = fee.validity?.from;
    if (!start) {
        return undefined;
    }
    const end = fee.validity?.to;
    const parameters = [...new Set([...(fee.room ? parametersRead(fee.room) : []), ...(fee.ceiling ? parametersRead(fee.ceiling) : [])])];
    for (const parameter of parameters) {
        const spans = versionSpans(parameter);
        // Every day of the fee's validity needs a value: check its first day and each day after a version ends.
        const probes = [start, ...spans.filter(s => s.to).map(s => dayAfter(s.to!))].filter(d => d >= start && (!end || d <= end));
        const uncovered = probes.find(day => !spans.some(s => s.from <= day && (!s.to || day <= s.to)));
        if (uncovered) {
            report('no-valid-version', { name: parameter.name, date: uncovered, user: fee.name }, { node: fee, property: 'name' });
            return undefined;
        }
    }
    return changeDates(parameters, start, end);
}
