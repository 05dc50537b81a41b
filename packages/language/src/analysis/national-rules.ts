import { ExactNumber, type Expression } from '@regelratt/format';
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
