import { ExactNumber, type Fee, type LevelRow } from '@regelratt/format';
import { levelFee } from '@regelratt/runtime';

/** What the analysis of a fee's levels finds, with the levels, the date and the amounts that show it. */
export type FeeLevelFinding =
    /** Some avgiftsutrymme (`room`; undefined for a fee of flat amounts without one) makes `low` charge more than `high`. */
    | { kind: 'rises-as-need-falls'; low: number; high: number; date: string; room?: ExactNumber; lowFee: ExactNumber; highFee: ExactNumber }
    /** The two levels charge the same for every avgiftsutrymme, below the maxtaxa. */
    | { kind: 'same-fee'; low: number; high: number; date: string; amount: ExactNumber }
    /** A takbelopp at or above the highest maxtaxa: it never lowers the fee. */
    | { kind: 'cap-never-binds'; level: number; cap: ExactNumber; ceiling: ExactNumber }
    /** A flat amount above the highest maxtaxa: the level never charges it. */
    | { kind: 'amount-above-ceiling'; level: number; amount: ExactNumber; ceiling: ExactNumber }
    /** One per-level list gives the level and another does not: the fee cannot be computed for it. */
    | { kind: 'level-missing'; level: number; given: LevelList; missing: LevelList };

export type LevelList = 'caps' | 'shares' | 'amounts';

const LISTS: readonly LevelList[] = ['shares', 'amounts', 'caps'];

/** Where no formula bounds the avgiftsutrymme the analysis needs: a room beyond every breakpoint. */
const FAR_ROOM = ExactNumber.of(10_000n);

/**
 * A compiled fee's levels against each other on each date its parameters can change (`ceilings`: the
 * maxtaxa on each, undefined where the fee has none or it is not known).
 *
 * A level charges min(s × R, K, M) for the avgiftsutrymme R ≥ 0 (which reads no level), its share s,
 * K the least of its takbelopp and flat amount, and the maxtaxa M. The difference between two levels
 * is piecewise linear in R with breaks where each level's share reaches its limit, so the fee of the
 * lower level exceeds the higher one's for some R exactly when it does at a break or beyond the last
 * one: those avgiftsutrymmen are tried, each fee as the runtime charges it (`levelFee`, rounded), and
 * the one with the greatest difference is reported (in whole kronor, just past each break).
 */
export function feeLevelFindings(fee: Fee, dates: readonly string[], ceilings: ReadonlyMap<string, ExactNumber | undefined>): FeeLevelFinding[] {
    const findings: FeeLevelFinding[] = [];
    const lists = LISTS.filter(list => (fee[list]?.length ?? 0) > 0);
    const levelSet = new Set(lists.flatMap(list => fee[list]!.map(row => row.level)));
    const levels: number[] = [];
    for (const level of [...levelSet].sort((a, b) => a - b)) {
        const given = lists.find(list => fee[list]!.some(row => row.level === level))!;
        const missing = lists.find(list => !fee[list]!.some(row => row.level === level));
        if (missing) {
            findings.push({ kind: 'level-missing', level, given, missing });
        } else if (lists.every(list => !('open' in rowAt(fee[list]!, level)!.amount))) {
            levels.push(level);
        }
    }
    const reported = new Set<number>();
    for (let i = 0; i + 1 < levels.length; i++) {
        const [low, high] = [levels[i], levels[i + 1]];
        for (const date of dates) {
            if (reported.has(high)) {
                break;
            }
            const finding = comparePair(fee, low, high, date, ceilings.get(date));
            if (finding) {
                reported.add(high);
                findings.push(finding);
            }
        }
    }
    const known = dates.map(d => ceilings.get(d)).filter((c): c is ExactNumber => c !== undefined);
    if (known.length > 0 && known.length === dates.length) {
        // A limit binds only where it is below the maxtaxa; at or above the highest maxtaxa, never.
        const highest = ExactNumber.max(...known);
        for (const row of amountRows(fee.caps)) {
            if (row.value.compare(highest) >= 0) {
                findings.push({ kind: 'cap-never-binds', level: row.level, cap: row.value, ceiling: highest });
            }
        }
        for (const row of amountRows(fee.amounts ?? [])) {
            if (row.value.compare(highest) > 0) {
                findings.push({ kind: 'amount-above-ceiling', level: row.level, amount: row.value, ceiling: highest });
            }
        }
    }
    return findings;
}

function comparePair(fee: Fee, low: number, high: number, date: string, ceiling: ExactNumber | undefined): FeeLevelFinding | undefined {
    const charge = (level: number, room: ExactNumber | undefined) => levelFee(fee, level, room, ceiling);
    const limitLow = limitOf(fee, low, ceiling);
    const limitHigh = limitOf(fee, high, ceiling);
    if (!fee.room) {
        // Flat amounts alone: each level charges its limit whatever the citizen.
        const [lowFee, highFee] = [charge(low, undefined), charge(high, undefined)];
        if (lowFee.compare(highFee) > 0) {
            return { kind: 'rises-as-need-falls', low, high, date, lowFee, highFee };
        }
        return sameBelowCeiling(fee, low, high, date, ceiling, lowFee, highFee);
    }
    const shareLow = shareOf(fee, low);
    const shareHigh = shareOf(fee, high);
    const pairs: [ExactNumber | undefined, ExactNumber][] = [[limitLow, shareLow], [limitHigh, shareHigh], [limitHigh, shareLow], [limitLow, shareHigh]];
    const breaks = pairs
        .filter((pair): pair is [ExactNumber, ExactNumber] => pair[0] !== undefined && pair[1].compare(ExactNumber.ZERO) > 0)
        .map(([limit, share]) => wholeKronorUp(limit.divide(share)));
    const rooms = breaks.length > 0 ? [...breaks, ExactNumber.max(...breaks).multiply(ExactNumber.of(2n))] : [FAR_ROOM];
    let worst: { room: ExactNumber; lowFee: ExactNumber; highFee: ExactNumber } | undefined;
    for (const room of rooms) {
        const lowFee = charge(low, room);
        const highFee = charge(high, room);
        if (lowFee.compare(highFee) > 0 && (!worst || lowFee.subtract(highFee).compare(worst.lowFee.subtract(worst.highFee)) > 0)) {
            worst = { room, lowFee, highFee };
        }
    }
    if (worst) {
        return { kind: 'rises-as-need-falls', low, high, date, ...worst };
    }
    if (shareLow.equals(shareHigh) && limitLow && limitHigh) {
        return sameBelowCeiling(fee, low, high, date, ceiling, limitLow, limitHigh);
    }
    return undefined;
}

/** Two levels whose limits are equal and below the maxtaxa charge the same; at or above it, `cap-never-binds` says more. */
function sameBelowCeiling(fee: Fee, low: number, high: number, date: string, ceiling: ExactNumber | undefined, lowLimit: ExactNumber, highLimit: ExactNumber): FeeLevelFinding | undefined {
    const own = limitOf(fee, low, undefined);
    if (lowLimit.equals(highLimit) && own && (!ceiling || own.compare(ceiling) < 0)) {
        return { kind: 'same-fee', low, high, date, amount: levelFee(fee, low, undefined, ceiling) };
    }
    return undefined;
}

/** The least of the level's takbelopp, flat amount and the maxtaxa; undefined where none limits it. */
function limitOf(fee: Fee, level: number, ceiling: ExactNumber | undefined): ExactNumber | undefined {
    const limits = [fee.caps, fee.amounts ?? []]
        .filter(rows => rows.length > 0)
        .map(rows => ExactNumber.parse((rowAt(rows, level)!.amount as { value: string }).value));
    if (ceiling) {
        limits.push(ceiling);
    }
    return limits.length > 0 ? ExactNumber.min(...limits) : undefined;
}

/** The level's share of the avgiftsutrymme as a fraction (1 where the fee gives none). */
function shareOf(fee: Fee, level: number): ExactNumber {
    const row = fee.shares?.length ? rowAt(fee.shares, level) : undefined;
    const percent = row ? (row.amount as { value: string }).value : fee.share?.value ?? '100';
    return ExactNumber.parse(percent).divide(ExactNumber.of(100n));
}

/** A witness's avgiftsutrymme in whole kronor, as a case would give it: at or past the break it stands for. */
function wholeKronorUp(value: ExactNumber): ExactNumber {
    return value.isInteger() ? value : ExactNumber.of(value.floor() + 1n);
}

function rowAt(rows: readonly LevelRow[], level: number): LevelRow | undefined {
    return rows.find(row => row.level === level);
}

function amountRows(rows: readonly LevelRow[]): { level: number; value: ExactNumber }[] {
    return rows.flatMap(row => ('open' in row.amount ? [] : [{ level: row.level, value: ExactNumber.parse(row.amount.value) }]));
}
