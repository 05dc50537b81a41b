import { DEFAULT_WEEKS_PER_MONTH, ExactNumber, minutesPer, type AnswerTime, type Deadline, type Force, type Frequency, type Span } from '@regelratt/format';
import { firstCommonDay } from './days.js';

/** One obligation as the deadline analysis reads it: its compiled terms, what it is about, when it is in force. */
export interface Duty {
    force: Force;
    /** The act (`åtgärd`); without one the obligation is prose and is not compared with others. */
    action?: string;
    /** What it is about (`avser`), by name. */
    governs: readonly string[];
    deadline?: Deadline;
    decisionLimit?: Span;
    followUp?: Frequency;
    /** An open end runs forever; no validity at all is `{ from: '0000-01-01' }`. */
    inForce: { from: string; to?: string };
}

export type DutyFinding =
    /**
     * Two `ska` duties on the same act, from the same event, in force on `date`, whose terms leave no
     * moment to act: `duty` must be done by its deadline and `other` not before its earliest time.
     */
    | { kind: 'conflicting-deadlines'; duty: number; other: number; date: string }
    /**
     * Two `ska` duties on the same act, thing and event, in force on `date`, with different deadlines:
     * `duty`'s is the longer, so it never binds while `other`'s holds (`inom 6 månader` beside `inom 3 månader`).
     */
    | { kind: 'differing-deadlines'; duty: number; other: number; date: string }
    /**
     * A `ska` duty whose term after the decision (`term`: its deadline or its follow-up interval) is
     * longer than the decisions it is about last (`limitedBy`'s `beslut gäller högst`).
     */
    | { kind: 'deadline-beyond-decision'; duty: number; limitedBy: number; term: 'deadline' | 'follow-up'; date: string };

/**
 * Deadlines that cannot all be met: two `ska` duties on one act and event where one must be done
 * before the other may start (`inom 2 veckor` and `tidigast 3 veckor efter`), two that give the act
 * different deadlines (the longer never binds), and duties whose
 * deadline from the decision, or follow-up interval, outlasts the decision itself. Terms in different
 * units are compared by the language's time conversion (a month is 52/12 weeks). Pure: the duties in,
 * the findings out, each pair reported once, from the duty that must act first.
 */
export function analyseDuties(duties: readonly Duty[]): DutyFinding[] {
    const findings: DutyFinding[] = [];
    const shall = duties.map((duty, index) => ({ duty, index })).filter(({ duty }) => duty.force === 'shall');
    const byAction = new Map<string, Array<{ duty: Duty; index: number }>>();
    for (const entry of shall) {
        if (entry.duty.action !== undefined && entry.duty.deadline) {
            byAction.set(entry.duty.action, [...(byAction.get(entry.duty.action) ?? []), entry]);
        }
    }
    for (const group of byAction.values()) {
        for (const latest of group) {
            const by = latest.duty.deadline!;
            if (by.earliest) {
                continue;
            }
            for (const shorter of group) {
                const other = shorter.duty.deadline!;
                if (other.earliest || other.event !== by.event || !sameThings(latest.duty, shorter.duty)) {
                    continue;
                }
                const date = firstCommonDay(latest.duty.inForce, shorter.duty.inForce);
                if (date && length(by).compare(length(other)) > 0) {
                    findings.push({ kind: 'differing-deadlines', duty: latest.index, other: shorter.index, date });
                    break;
                }
            }
            for (const earliest of group) {
                const after = earliest.duty.deadline!;
                if (!after.earliest || after.event !== by.event || !sameThings(latest.duty, earliest.duty)) {
                    continue;
                }
                const date = firstCommonDay(latest.duty.inForce, earliest.duty.inForce);
                if (date && length(by).compare(length(after)) < 0) {
                    findings.push({ kind: 'conflicting-deadlines', duty: latest.index, other: earliest.index, date });
                }
            }
        }
    }
    const limits = duties.map((duty, index) => ({ duty, index })).filter(({ duty }) => duty.decisionLimit !== undefined);
    for (const { duty, index } of shall) {
        const terms: Array<['deadline' | 'follow-up', Span]> = [];
        if (duty.deadline?.event === 'decision') {
            terms.push(['deadline', duty.deadline]);
        }
        if (duty.followUp) {
            terms.push(['follow-up', { amount: duty.followUp.every, unit: duty.followUp.unit }]);
        }
        for (const [term, span] of terms) {
            for (const limit of limits) {
                if (!shareAThing(duty, limit.duty)) {
                    continue;
                }
                const date = firstCommonDay(duty.inForce, limit.duty.inForce);
                if (date && length(span).compare(length(limit.duty.decisionLimit!)) > 0) {
                    findings.push({ kind: 'deadline-beyond-decision', duty: index, limitedBy: limit.index, term, date });
                    break;
                }
            }
        }
    }
    return findings;
}

function length(span: Span): ExactNumber {
    return timeInMinutes(span.amount, span.unit);
}

/** About the same things: both about nothing named, or sharing one. */
function sameThings(a: Duty, b: Duty): boolean {
    return (a.governs.length === 0 && b.governs.length === 0) || shareAThing(a, b);
}

function shareAThing(a: Duty, b: Duty): boolean {
    return a.governs.some(thing => b.governs.includes(thing));
}

/**
 * A length of time in minutes by the default week-to-month rule: how terms in different units (a
 * deadline in weeks, a decision limit in months) are compared, by the same conversion formulas use
 * (the format's minutesPer).
 */
export function timeInMinutes(amount: number, unit: AnswerTime): ExactNumber {
    return ExactNumber.of(BigInt(amount)).multiply(minutesPer(unit, DEFAULT_WEEKS_PER_MONTH));
}
