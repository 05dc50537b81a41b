import { ExactNumber, isExpression, matchExpression, type Attribute, type Criterion, type Expression, type Fee, type LevelRow } from '@regelratt/format';
import type { PolicyRuntime } from '@regelratt/runtime';
import type { AnalysedAttribute } from './attribute-domain.js';
import { splitCases, type Case } from './case-split.js';
import { analysedFromCompiled } from './compiled-attributes.js';
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
    while (isExpression(at, 'op') && at.op === '-') {
        terms.unshift(at.right);
        at = at.left;
    }
    return terms;
}

/**
 * What an avgiftsutrymme's subtracted terms reserve on a date: the sum of those that read nothing of
 * the citizen (`reserved` where there is one), the terms that read the case, and whether a term has
 * no value on the date at all (`missing`: other checks say why).
 */
function reservations(runtime: PolicyRuntime, room: Expression, date: string): { everyone: ExactNumber; reserved: boolean; byCase: Expression[]; missing: boolean } {
    let everyone = ExactNumber.ZERO;
    let reserved = false;
    let missing = false;
    const byCase: Expression[] = [];
    for (const term of subtractedTerms(room)) {
        const value = constantValue(runtime, term, date);
        if (value.kind === 'value') {
            everyone = everyone.add(ExactNumber.parse(value.value));
            reserved = true;
        } else if (value.kind === 'reads-case') {
            byCase.push(term);
        } else {
            missing = true;
        }
    }
    return { everyone, reserved, byCase, missing };
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
        const { everyone: municipal, reserved, missing } = reservations(runtime, room, date);
        const floor = constantValue(runtime, national, date);
        if (missing || !reserved || floor.kind !== 'value') {
            return undefined;
        }
        const nationalAmount = ExactNumber.parse(floor.value);
        if (municipal.compare(nationalAmount.round({ unit: 'krona', mode: 'down' })) < 0) {
            return { date, municipal, national: nationalAmount };
        }
    }
    return undefined;
}

/** A minimibelopp that depends on the citizen, below the national one that applies to some of them. */
export interface MinimumBelowNationalForSome extends MinimumBelowNational {
    /** Citizens the low amount is reserved for, and the attributes they are read by. */
    witness: Case;
    attributes: ReadonlyMap<string, AnalysedAttribute>;
    /**
     * Whose national amount it is below: `couple`, the lowest the law gives anyone (each of a
     * couple's), so below it for whoever the branch is for; `single`, a single person's, for a branch
     * a single person reaches; `single-unidentified`, a single person's, where the policy does not say
     * who lives alone and no branch reaches it (`municipal` is then the highest branch).
     */
    floor: 'couple' | 'single' | 'single-unidentified';
    /** The national amount for each of a couple on the date, as the runtime computes it. */
    couple: ExactNumber;
}

/** One amount a term can reserve, and the conditions (all of them) under which it does. */
interface Alternative {
    value: ExactNumber;
    when: Criterion[];
}

/**
 * The amounts a term of an avgiftsutrymme can take by a choice (`om sammanboende så … annars …`,
 * directly or through the calculation it names), each a constant on the date; undefined where the
 * term reads the case otherwise (a limit, an attribute's amount), or nests deeper than a policy does.
 */
function alternatives(runtime: PolicyRuntime, term: Expression, date: string, depth = 0): Alternative[] | undefined {
    const value = constantValue(runtime, term, date);
    if (value.kind === 'value') {
        return [{ value: ExactNumber.parse(value.value), when: [] }];
    }
    if (value.kind === 'none' || depth > 8) {
        return undefined;
    }
    // Only a choice and a calculation's formula are followed; any other term has no alternatives to list.
    const none = () => undefined;
    return matchExpression<Alternative[] | undefined>(term, {
        if: choice => {
            const then = alternatives(runtime, choice.then, date, depth + 1);
            const otherwise = alternatives(runtime, choice.else, date, depth + 1);
            return then && otherwise && [
                ...then.map(a => ({ value: a.value, when: [choice.if, ...a.when] })),
                ...otherwise.map(a => ({ value: a.value, when: [{ not: choice.if }, ...a.when] })),
            ];
        },
        ref: reference => {
            if (reference.column !== undefined || reference.atLevel !== undefined) {
                return undefined;
            }
            const element = runtime.policy.find(reference.ref);
            // A calculation's limits are the runtime's refusals, not amounts: such a term is not followed.
            return element?.kind === 'calculation' && !element.limits?.length ? alternatives(runtime, element.value, date, depth + 1) : undefined;
        },
        quantity: none,
        level: none,
        op: none,
        call: none,
        round: none,
    });
}

/** Words of an attribute's name (split at `_`) that say its citizen lives with a spouse or partner. */
const LIVING_TOGETHER = new Set(['sammanboende', 'sammanlevande', 'gift', 'gifta', 'sambo', 'sambor', 'make', 'makar', 'par']);
/** Words of an attribute's name, or an option's, that say its citizen lives alone. */
const LIVING_ALONE = new Set(['ensamstående', 'ensamboende', 'ensam', 'singel']);
/** Words that turn a name around (`ej_sammanboende`): such an attribute is not read as either. */
const NEGATIONS = new Set(['ej', 'inte', 'icke', 'ingen', 'utan']);

/**
 * The criterion "this citizen lives alone", where the policy's attributes say it: an option of a
 * one-of attribute named for living alone (`civilstånd = ensamstående`), a yes/no attribute named for
 * living together (`sammanboende`, `gift`, `sambo`: a single person is `nej`) or alone
 * (`ensamstående`: `ja`). Undefined where no attribute says it, or more than one does (which one
 * the fee reads is not followed here). The law's amounts are for a single person and for each of a
 * couple, so this is the line between them as the policy draws it.
 */
export function livingAlone(attributes: readonly Attribute[]): Criterion | undefined {
    const found: Criterion[] = [];
    for (const attribute of attributes) {
        const words = attribute.name.toLowerCase().split('_');
        if (words.some(word => NEGATIONS.has(word))) {
            continue;
        }
        if (attribute.domain.type === 'boolean') {
            if (words.some(word => LIVING_TOGETHER.has(word))) {
                found.push({ not: { attribute: attribute.id, test: true } });
            } else if (words.some(word => LIVING_ALONE.has(word))) {
                found.push({ attribute: attribute.id, test: true });
            }
        } else if (attribute.domain.type === 'enumeration') {
            const alone = attribute.domain.values.filter(option => LIVING_ALONE.has(option.name.toLowerCase()));
            if (alone.length === 1) {
                found.push({ attribute: attribute.id, op: '=', value: { enumeration: alone[0].name } });
            }
        }
    }
    return found.length === 1 ? found[0] : undefined;
}

/** The national minimibelopp for a single person and for each of a couple, as the library names them. */
export interface NationalMinimums {
    single: Expression;
    couple: Expression;
}

/**
 * The first date on which a minimibelopp that depends on the citizen (one subtracted term choosing
 * by the case, `om sammanboende så A annars B`), added to what is reserved for everyone, is below
 * the national minimibelopp that applies to some citizen it is reserved for, each in whole kronor
 * rounded down (the published amounts):
 * - every reachable branch is held to the lowest amount the law gives anyone, each of a couple's
 *   (`couple`): below it, the branch is below the law whoever it is for;
 * - a branch a single person reaches is held to the single person's amount (`single`), where the
 *   policy says who lives alone (`livingAlone`);
 * - where it does not, a single person reaches some branch, so at least one reachable branch must
 *   reach the single person's amount; if none does, the highest is reported (`single-unidentified`).
 * A branch is reachable where the region split finds a citizen meeting its conditions; that citizen
 * is the witness. One choosing term is compared: several would have to be reached together.
 */
export function minimumBelowNationalForSome(runtime: PolicyRuntime, room: Expression, national: NationalMinimums, dates: readonly string[]): MinimumBelowNationalForSome | undefined {
    let attributes: Map<string, AnalysedAttribute> | undefined;
    let alone: Criterion | undefined | null = null;
    const reach = (when: readonly Criterion[]) => {
        attributes ??= new Map(runtime.policy.all('attribute').map(attribute => [attribute.id, analysedFromCompiled(attribute)] as const));
        const split = splitCases([{ all: [...when] }], attributes, { stopWhen: verdicts => verdicts[0] === true });
        return split.cases.find(found => found.verdicts[0] === true);
    };
    for (const date of dates) {
        const { everyone: reserved, byCase } = reservations(runtime, room, date);
        const chosen = byCase.flatMap(term => {
            const found = alternatives(runtime, term, date);
            return found && found.some(a => a.when.length > 0) ? [found] : [];
        });
        const single = constantValue(runtime, national.single, date);
        const couple = constantValue(runtime, national.couple, date);
        if (chosen.length !== 1 || single.kind !== 'value' || couple.kind !== 'value') {
            continue;
        }
        const [singleAmount, coupleAmount] = [ExactNumber.parse(single.value), ExactNumber.parse(couple.value)];
        const branches = chosen[0].map(a => ({ ...a, value: reserved.add(a.value) })).sort((a, b) => a.value.compare(b.value));
        const below = (amount: ExactNumber, law: ExactNumber) => amount.compare(law.round({ unit: 'krona', mode: 'down' })) < 0;
        const found = (branch: Alternative, witness: Case, floor: MinimumBelowNationalForSome['floor'], law: ExactNumber): MinimumBelowNationalForSome =>
            ({ date, municipal: branch.value, national: law, witness, attributes: attributes!, floor, couple: coupleAmount });
        for (const branch of branches.filter(b => below(b.value, coupleAmount))) {
            const witness = reach(branch.when);
            if (witness) {
                return found(branch, witness, 'couple', coupleAmount);
            }
        }
        alone = alone === null ? livingAlone(runtime.policy.all('attribute')) : alone;
        if (alone) {
            for (const branch of branches.filter(b => below(b.value, singleAmount))) {
                const witness = reach([...branch.when, alone]);
                if (witness) {
                    return found(branch, witness, 'single', singleAmount);
                }
            }
            continue;
        }
        const reachable = branches.flatMap(branch => {
            const witness = reach(branch.when);
            return witness ? [{ branch, witness }] : [];
        });
        const highest = reachable.at(-1);
        if (highest && below(highest.branch.value, singleAmount)) {
            return found(highest.branch, highest.witness, 'single-unidentified', singleAmount);
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
