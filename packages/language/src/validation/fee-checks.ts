import { ExactNumber, type Rounding } from '@regelratt/format';
import type { ValidationChecks } from 'langium';
import type { Fee, LevelRow, RegelrattAstType } from '../generated/ast.js';
import { dayAfter } from '@regelratt/analyses';
import { feeLevelFindings, type FeeLevelFinding, type LevelList } from '@regelratt/analyses';
import { changeDates, parametersRead, versionSpans } from '../analysis/parameter-values.js';
import { constantValue } from '@regelratt/analyses';
import { elementId } from '../compiler/element-ids.js';
import { compiledWorkspace } from './compiled-workspace.js';
import { compileRounding } from '../compiler/compile-values.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { swedishDecimal } from '@regelratt/analyses';
import { relatedAt } from './related-location.js';
import { createReport, type Report } from './report.js';

const DEFAULT_ROUNDING: Rounding = { unit: 'krona', mode: 'half-away-from-zero' };

/** How a message names each per-level list: alone, and as what a level lacks. */
const LIST_WORDS = {
    caps: { sv: 'takbelopp', en: 'a cap', svNone: 'inget takbelopp', enNone: 'no cap' },
    shares: { sv: 'andel', en: 'a share', svNone: 'ingen andel', enNone: 'no share' },
    amounts: { sv: 'belopp', en: 'an amount', svNone: 'inget belopp', enNone: 'no amount' },
} satisfies Record<LevelList, { sv: string; en: string; svNone: string; enNone: string }>;

/**
 * The fee's levels against each other and the maxtaxa (analysis/fee-levels.ts), on every date a
 * parameter it reads changes, from the fee's compiled form: the level pair and date that show a
 * fee rising as need falls, levels that charge the same, limits the maxtaxa makes idle, and levels
 * one per-level list gives and another lacks.
 */
export function feeChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const workspace = compiledWorkspace(services);
    return {
        Fee: (fee, accept) => {
            const report = createReport(accept, locale);
            const sv = locale.current === 'sv';
            const levelRows = [...fee.caps, ...fee.shares, ...fee.amounts];
            const comparable = new Set(levelRows.map(row => Number(row.level))).size >= 2;
            if (!fee.validity && comparable) {
                // Without a validity there is no date to read the parameters on: say so rather than stay silent.
                report('fee-not-analysed', {
                    name: fee.name,
                    reason: sv ? 'den anger ingen giltighet (giltig från …), så det finns inget datum att läsa parametrarna på' : 'it gives no validity (giltig från …), so there is no date to read the parameters on',
                }, { node: fee, property: 'name' });
                return;
            }
            // Every fee in force is read on each of its dates, levels or not: a missing parameter value is said.
            const dates = evaluationDates(fee, report);
            if (!dates || levelRows.length === 0) {
                return;
            }
            const runtime = workspace()?.runtime;
            const compiled = runtime?.policy.find(elementId(fee));
            if (!runtime || compiled?.kind !== 'fee' || (fee.ceiling && !compiled.ceiling)) {
                return; // not compiled yet (a half-typed file): nothing to say
            }
            // The maxtaxa on each date as the runtime computes it, from the fee's compiled form.
            const ceilings = new Map<string, ExactNumber | undefined>();
            for (const date of dates) {
                const value = compiled.ceiling ? constantValue(runtime, compiled.ceiling, date) : undefined;
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
            const rounding = fee.rounding ? compileRounding(fee.rounding) : DEFAULT_ROUNDING;
            const show = (value: ExactNumber) => swedishDecimal(value.round(rounding).toDecimal());
            for (const finding of feeLevelFindings(compiled, dates, ceilings)) {
                reportFinding(fee, finding, report, sv, show);
            }
        },
    };
}

function reportFinding(fee: Fee, finding: FeeLevelFinding, report: Report, sv: boolean, show: (value: ExactNumber) => string): void {
    const rowOf = (rows: LevelRow[], level: number) => rows.find(row => Number(row.level) === level);
    // A pair of levels is shown at the higher level's limit where the fee gives one, else its share.
    const pairRows = [fee.caps, fee.amounts, fee.shares].find(rows => rows.length > 0)!;
    switch (finding.kind) {
        case 'rises-as-need-falls': {
            const { low, high, date, lowFee, highFee } = finding;
            const room = finding.room ?? lowFee;
            report('fee-rises-as-need-falls', {
                room: show(room), low, lowFee: show(lowFee), high, highFee: show(highFee), date,
            }, { node: rowOf(pairRows, high)!, property: 'value', relatedInformation: relatedAt(rowOf(pairRows, low), `nivå ${low}`) }, {
                text: sv ? `en medborgare med ett avgiftsutrymme på ${show(room)} kr, ${date}` : `a citizen with an avgiftsutrymme of ${show(room)} kr, ${date}`,
                example: { datum: date, avgiftsutrymme: room.toDecimal(2) },
            });
            return;
        }
        case 'same-fee':
            report('caps-charge-same', { low: finding.low, high: finding.high, amount: show(finding.amount), date: finding.date }, { node: rowOf(pairRows, finding.high)!, property: 'value' });
            return;
        case 'cap-never-binds':
            report('cap-never-binds', { level: finding.level, cap: show(finding.cap), ceiling: show(finding.ceiling) }, { node: rowOf(fee.caps, finding.level)!, property: 'value' });
            return;
        case 'amount-above-ceiling':
            report('fee-amount-above-ceiling', { level: finding.level, amount: show(finding.amount), ceiling: show(finding.ceiling) }, { node: rowOf(fee.amounts, finding.level)!, property: 'value' });
            return;
        case 'level-missing': {
            const given = LIST_WORDS[finding.given];
            const missing = LIST_WORDS[finding.missing];
            report('fee-level-missing', {
                name: fee.name, level: finding.level, given: sv ? given.sv : given.en, missing: sv ? missing.svNone : missing.enNone,
            }, { node: rowOf(fee[finding.given], finding.level)!, property: 'level' });
            return;
        }
    }
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
