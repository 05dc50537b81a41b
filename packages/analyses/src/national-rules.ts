import { ExactNumber, type Expression, type Fee, type LevelRow } from '@regelratt/format';
import type { PolicyRuntime } from '@regelratt/runtime';
import { dayAfter } from './days.js';
import { constantValue } from './runtime-answer.js';

/** A municipal minimibelopp below the national one on a date, both as the runtime computes them. */
export interface MinimumBelowNational {
    date: string;
    municipal: ExactNumber;
    national: ExactNumber;
}

/**
 * The terms an avgiftsutrymme subtracts at its top level: `inkomst − boendekostnad − minimibelopp`
 * gives boendekostnad and minimibelopp. Parentheses group (a − (b − c) subtracts b − c).
 */
export function subtractedTerms(room: Expression): Expression[] {
    const terms: Expression[] = [];
    let at = room;
    while ('op' in at && at.op === '-' && 'left' in at) {
        terms.unshift(at.right);
        at = at.left;
    }
    return terms;
}

/**
 * The first date on which what an avgiftsutrymme reserves for everyone (its subtracted terms that
 * read nothing of the citizen: the minimibelopp as the municipality sets it) is below the national
 * minimibelopp for a single person, in whole kronor rounded down (the published amounts are whole
 * kronor, so a municipality that rounds the law's twelfth down to them is not below it). A reservation
 * that depends on the citizen (couples, ages) is outside what this decides: undefined then, as when
 * nothing is reserved for everyone or a value is missing on a date (other checks say why).
 * Pure: the runtime answers every value, so the finding is what the runtime computes.
 */
export function minimumBelowNational(runtime: PolicyRuntime, room: Expression, national: Expression, dates: readonly string[]): MinimumBelowNational | undefined {
    for (const date of dates) {
        let municipal = ExactNumber.ZERO;
        let reserved = false;
        for (const term of subtractedTerms(room)) {
            const value = constantValue(runtime, term, date);
            if (value.kind === 'reads-case') {
                continue;
            }
            if (value.kind === 'none') {
                return undefined;
            }
            municipal = municipal.add(ExactNumber.parse(value.value));
            reserved = true;
        }
        const floor = constantValue(runtime, national, date);
        if (!reserved || floor.kind !== 'value') {
            return undefined;
        }
        const nationalAmount = ExactNumber.parse(floor.value);
        if (municipal.compare(nationalAmount.round({ unit: 'krona', mode: 'down' })) < 0) {
            return { date, municipal, national: nationalAmount };
        }
    }
    return undefined;
}

/** A municipal maxtaxa above the national one on a date, both as the runtime computes them. */
export interface CeilingAboveNational {
    date: string;
    municipal: ExactNumber;
    national: ExactNumber;
}

/**
 * The first date on which a fee's own maxtaxa (a ceiling that reads nothing of the citizen) is above
 * the national maxtaxa, exactly: the law gives the highest fee, so a municipality may round it down
 * (the published 2 170 kr for 2 170,28 kr) but never up. A ceiling that reads the case, or a date
 * without a value (other checks say why), is not compared. Pure: the runtime answers every value.
 */
export function ceilingAboveNational(runtime: PolicyRuntime, ceiling: Expression, national: Expression, dates: readonly string[]): CeilingAboveNational | undefined {
    for (const date of dates) {
        const municipal = constantValue(runtime, ceiling, date);
        const floor = constantValue(runtime, national, date);
        if (municipal.kind !== 'value' || floor.kind !== 'value') {
            return undefined;
        }
        const [mine, law] = [ExactNumber.parse(municipal.value), ExactNumber.parse(floor.value)];
        if (mine.compare(law) > 0) {
            return { date, municipal: mine, national: law };
        }
    }
    return undefined;
}

/** What can make a fee without a maxtaxa charge more than the national one on a date. */
export type UncappedCharge =
    /** A level whose flat amount or takbelopp is above the national maxtaxa. */
    | { kind: 'level'; level: number; amount: ExactNumber; date: string; national: ExactNumber }
    /** A share of the avgiftsutrymme with no takbelopp (for the level, where the fee has levels): it grows with income. */
    | { kind: 'unbounded'; level?: number; date: string; national: ExactNumber };

/**
 * Whether a fee with no maxtaxa of its own can charge more than the national maxtaxa on some date:
 * the highest a level can charge is its flat amount, else its takbelopp, else (a share of an
 * avgiftsutrymme that grows with income) no bound at all. Open amounts are not compared (the
 * policy leaves them to be given). Undefined for a fee with a maxtaxa, or one that stays within it.
 */
export function uncappedAboveNational(runtime: PolicyRuntime, fee: Fee, national: Expression, dates: readonly string[]): UncappedCharge | undefined {
    if (fee.ceiling) {
        return undefined;
    }
    const known = (rows: readonly LevelRow[] | undefined, level: number) => {
        const row = rows?.find(r => r.level === level);
        return row === undefined ? undefined : 'open' in row.amount ? 'open' as const : ExactNumber.parse(row.amount.value);
    };
    const levels = [...new Set([...fee.caps, ...(fee.shares ?? []), ...(fee.amounts ?? [])].map(r => r.level))].sort((a, b) => a - b);
    for (const date of dates) {
        const floor = constantValue(runtime, national, date);
        if (floor.kind !== 'value') {
            return undefined;
        }
        const law = ExactNumber.parse(floor.value);
        if (levels.length === 0) {
            if (fee.room) {
                return { kind: 'unbounded', date, national: law };
            }
            continue;
        }
        for (const level of levels) {
            // A level charges at most its flat amount and at most its takbelopp, whichever is lower.
            const given = [known(fee.amounts, level), known(fee.caps, level)];
            const bounds = given.filter((b): b is ExactNumber => b instanceof ExactNumber);
            if (bounds.length === 0) {
                if (fee.room && !given.includes('open')) {
                    return { kind: 'unbounded', level, date, national: law };
                }
                continue;
            }
            const highest = bounds.reduce((a, b) => (b.compare(a) < 0 ? b : a));
            if (highest.compare(law) > 0) {
                return { kind: 'level', level, amount: highest, date, national: law };
            }
        }
    }
    return undefined;
}

/** A law as the citation check needs it: when it ends and what carries its paragraphs on. */
export interface LawInForce {
    title: string;
    /** Last day in force; undefined while in force. */
    to?: string;
    replacedBy?: string;
    correspondences: ReadonlyArray<{ chapter?: string; section: string; target: string }>;
}

/** A rule in force after the law it cites was repealed. */
export interface CitationAfterRepeal {
    /** The first day the law no longer applies. */
    repealed: string;
    /** The paragraph of the law that replaced it, where the library knows it. */
    replacement?: string;
}

/**
 * Whether a rule in force from `from` to `to` (open: undefined) cites a paragraph of a law after its
 * repeal, and where the new law carries the paragraph on. Pure.
 */
export function citationAfterRepeal(rule: { from: string; to?: string }, law: LawInForce, paragraph: { chapter?: string; section: string }): CitationAfterRepeal | undefined {
    if (!law.to || (rule.to !== undefined && rule.to <= law.to)) {
        return undefined;
    }
    const carried = law.correspondences.find(c => c.section === paragraph.section && (c.chapter ?? '') === (paragraph.chapter ?? ''));
    return { repealed: dayAfter(law.to), ...(carried ? { replacement: carried.target } : {}) };
}
