import { addCalendarSpan, isCalendarDate, type DutyEvent, type Force, type Guideline, type Obligation, type TimeUnit } from '@regelratt/format';
import { inForce } from './money.js';
import { RegelrattRuntimeError, runtimeError } from './runtime-error.js';
import type { RuntimeLocale } from './runtime-messages.js';

/** The events as the language writes them (`inom 4 veckor från ansökan`), which a question names them by. */
export const DUTY_EVENT_WORDS = {
    ansökan: 'application',
    beslut: 'decision',
    verkställighet: 'implementation',
    uppföljning: 'follow-up',
} as const satisfies Record<string, DutyEvent>;

export type DutyEventWord = keyof typeof DUTY_EVENT_WORDS;

/** "Given this event on this day, what falls due when": for one riktlinje, one obligation, or all. */
export interface DeadlineQuestion {
    /** A riktlinje by name or id; absent: every riktlinje. */
    guideline?: string;
    /** One obligation (`krav`) by id or name; absent: every obligation of the riktlinjer asked. */
    obligation?: string;
    event: string;
    eventDate: string;
    /** Read by the obligations' `när` and `undantag när`. */
    citizen?: Record<string, unknown>;
    /** The day the policy is read on (which riktlinjer and obligations are in force); absent: the event's day. */
    date?: string;
}

/**
 * What an obligation's term says for the event: `deadline` the last day to act (`inom`, `senast`),
 * `earliest` the first day one may (`tidigast`), `decision-lapses` the day the decision runs to at most
 * (`beslut gäller högst`), `follow-up` the day the next follow-up is due (`uppföljning var`).
 */
export type DutyTermKind = 'deadline' | 'earliest' | 'decision-lapses' | 'follow-up';

interface DutyTermBase {
    guideline: string;
    obligation: string;
    force: Force;
    /** A main rule (`ska i regel`). */
    usually?: true;
    text: string;
    term: DutyTermKind;
    amount: number;
    unit: TimeUnit;
}

export type DutyTerm = (DutyTermBase & { date: string })
    | (DutyTermBase & { error: { code: string; message: string; details: Record<string, unknown> } });

/** An obligation with a term for the event that does not apply to the citizen, and why. */
export interface LeftAsideDuty {
    guideline: string;
    obligation: string;
    because: 'condition' | 'exception';
    /** The exception that applied, counted from 1 as written, with its text if it has one. */
    exception?: number;
    exceptionText?: string;
}

export interface DeadlineAnswer {
    event: DutyEventWord;
    eventDate: string;
    date: string;
    /** The terms that apply, earliest date first (in the order written where dates are equal). */
    duties: DutyTerm[];
    leftAside: LeftAsideDuty[];
}

/**
 * The terms that fall due after an event: each obligation in force on the day, with a term from that
 * event, whose `när` holds for the citizen and whose no `undantag när` does (by `holds`, the runtime's
 * one comparison of criteria), with the day its term ends by the format's one calendar
 * (addCalendarSpan). A term in hours has no day without the event's time of day: it is answered with
 * an error in its place. A deadline with no event (`inom 8 veckor`) runs from when the duty arises,
 * which no event names, so no question brings it.
 */
export function deadlines(
    guidelines: readonly Guideline[],
    question: DeadlineQuestion,
    holds: (criterion: NonNullable<Obligation['condition']>) => boolean,
    locale: RuntimeLocale = 'sv',
): DeadlineAnswer {
    if (typeof question.event !== 'string' || !Object.hasOwn(DUTY_EVENT_WORDS, question.event)) {
        // The events as the language names them, in both languages: they are the policy's words.
        throw runtimeError('unknown-duty-event', { value: JSON.stringify(question.event), events: Object.keys(DUTY_EVENT_WORDS).join(', ') }, { event: question.event });
    }
    const word = question.event as DutyEventWord;
    const event = DUTY_EVENT_WORDS[word];
    if (typeof question.eventDate !== 'string' || !isCalendarDate(question.eventDate)) {
        throw runtimeError('event-date-invalid', { value: JSON.stringify(question.eventDate) }, { eventDate: question.eventDate });
    }
    const date = question.date ?? question.eventDate;
    if (typeof date !== 'string' || !isCalendarDate(date)) {
        throw runtimeError('case-date-invalid', { value: JSON.stringify(date) }, { date });
    }
    let asked = guidelines.map(guideline => ({ guideline, obligations: guideline.obligations }));
    if (question.obligation !== undefined) {
        const reference = question.obligation;
        asked = asked.map(({ guideline, obligations }) => ({ guideline, obligations: obligations.filter(o => o.id === reference) }));
        if (!asked.some(entry => entry.obligations.length > 0)) {
            asked = asked.map(({ guideline }) => ({ guideline, obligations: guideline.obligations.filter(o => o.name === reference) }));
        }
        if (!asked.some(entry => entry.obligations.length > 0)) {
            throw runtimeError('unknown-obligation', { reference }, { obligation: reference });
        }
    }
    const duties: DutyTerm[] = [];
    const leftAside: LeftAsideDuty[] = [];
    for (const { guideline, obligations } of asked) {
        if (!inForce(guideline.validity, date)) {
            continue;
        }
        for (const obligation of obligations) {
            if (!inForce(obligation.validity, date)) {
                continue;
            }
            const terms = termsFrom(obligation, event);
            if (terms.length === 0) {
                continue;
            }
            const ids = { guideline: guideline.id, obligation: obligation.id };
            if (obligation.condition && !holds(obligation.condition)) {
                leftAside.push({ ...ids, because: 'condition' });
                continue;
            }
            const exception = (obligation.exceptions ?? []).findIndex(e => holds(e.condition));
            if (exception >= 0) {
                const text = obligation.exceptions![exception].text;
                leftAside.push({ ...ids, because: 'exception', exception: exception + 1, ...(text !== undefined ? { exceptionText: text } : {}) });
                continue;
            }
            for (const [term, amount, unit] of terms) {
                const base: DutyTermBase = { ...ids, force: obligation.force, ...(obligation.usually ? { usually: true } : {}), text: obligation.text, term, amount, unit };
                duties.push(unit === 'hour'
                    ? { ...base, error: inHours(obligation, amount, locale) }
                    : { ...base, date: addCalendarSpan(question.eventDate, amount, unit) });
            }
        }
    }
    // A stable sort: equal dates keep the order written; a term without a day comes last.
    duties.sort((a, b) => dayOf(a).localeCompare(dayOf(b)));
    return { event: word, eventDate: question.eventDate, date, duties, leftAside };
}

function termsFrom(obligation: Obligation, event: DutyEvent): Array<[DutyTermKind, number, TimeUnit]> {
    const terms: Array<[DutyTermKind, number, TimeUnit]> = [];
    if (obligation.deadline?.event === event) {
        terms.push([obligation.deadline.earliest ? 'earliest' : 'deadline', obligation.deadline.amount, obligation.deadline.unit]);
    }
    if (obligation.decisionLimit && event === 'decision') {
        terms.push(['decision-lapses', obligation.decisionLimit.amount, obligation.decisionLimit.unit]);
    }
    // Followed up every so often from the decision, and again from each follow-up.
    if (obligation.followUp && (event === 'decision' || event === 'follow-up')) {
        terms.push(['follow-up', obligation.followUp.every, obligation.followUp.unit]);
    }
    return terms;
}

function inHours(obligation: Obligation, amount: number, locale: RuntimeLocale): { code: string; message: string; details: Record<string, unknown> } {
    const error: RegelrattRuntimeError = runtimeError('deadline-in-hours', { name: obligation.name, amount }, { obligation: obligation.id });
    return error.answerIn(locale);
}

function dayOf(term: DutyTerm): string {
    return 'date' in term ? term.date : '9999-99-99';
}
