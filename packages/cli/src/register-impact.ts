import { ExactNumber } from '@regelratt/format';
import type { CaseAnswer } from '@regelratt/runtime';

/**
 * What a revision does to a real register (konsekvensanalys): each case answered by both versions,
 * and for every answer the policy gives, how many citizens' answer changes and how. Only aggregates
 * leave this module, and a count below SUPPRESS_BELOW (with any sum over those citizens) is never
 * given, only that it is fewer: the report goes into public documents (OSL 26 kap).
 */
export const SUPPRESS_BELOW = 5;

/** A count as it may be shown: exact, or only that it is fewer than SUPPRESS_BELOW (but not none). */
export type ShownCount = { count: number } | { fewerThan: number };

export interface AmountImpact {
    kind: 'amount';
    /** `calculation/…`, `fee/…`, `levelTable/…` */
    element: string;
    /** Cases that have the answer in either version. */
    answered: number;
    changed: ShownCount;
    /** Sums over every case answered in both versions, and their difference (absent where suppressed). */
    totalBefore?: string;
    totalAfter?: string;
    difference?: string;
    /** By the case's level, where cases give one. */
    byLevel: Array<{ level: number; changed: ShownCount; difference?: string }>;
    /** How the changes are spread, from the largest decrease to the largest increase. */
    histogram: Array<{ range: string; citizens: ShownCount }>;
    /** The largest changes (amounts only, no case), largest first; empty while fewer than SUPPRESS_BELOW changed. */
    largest: string[];
    /** Cases answered in one version and refused in the other, or refused differently. */
    errorsChanged: ShownCount;
}

export interface CategoryImpact {
    kind: 'category';
    /** `pathwayModel/…`, `pilot/…`, `decisionTable/…` */
    element: string;
    answered: number;
    changed: ShownCount;
    /** From → to, for the answers that change. */
    moves: Array<{ from: string; to: string; citizens: ShownCount }>;
}

export interface RegisterImpact {
    cases: number;
    answers: Array<AmountImpact | CategoryImpact>;
}

/** Decreases and increases, in kronor, by these bounds (each range holds its upper end). */
const BINS = [-1000, -100, -10, 0, 10, 100, 1000];

interface AmountTally {
    answered: number;
    changed: number;
    before: ExactNumber;
    after: ExactNumber;
    byLevel: Map<number, { changed: number; difference: ExactNumber }>;
    bins: number[];
    largest: ExactNumber[];
    errorsChanged: number;
}

interface CategoryTally {
    answered: number;
    changed: number;
    moves: Map<string, { from: string; to: string; citizens: number }>;
}

type Answer = { value: string; amount?: ExactNumber };

/** The answers of one case, by element: an amount, a category, or an error's code. */
function answersOf(answer: CaseAnswer): Map<string, Answer & { kind: 'amount' | 'category' }> {
    const found = new Map<string, Answer & { kind: 'amount' | 'category' }>();
    const failed = (entry: object) => ('error' in entry ? `fel: ${(entry as { error: { code: string } }).error.code}` : undefined);
    const amount = (id: string, entry: object & { amount?: string }) => {
        const error = failed(entry);
        found.set(id, error ? { kind: 'amount', value: error } : { kind: 'amount', value: entry.amount!, amount: ExactNumber.parse(entry.amount!) });
    };
    for (const entry of answer.amounts ?? []) {
        amount(entry.calculation, entry);
    }
    for (const entry of answer.fees ?? []) {
        amount(entry.fee, entry);
    }
    for (const entry of answer.compensation) {
        amount(entry.table, entry);
    }
    for (const entry of answer.placements) {
        const text = failed(entry) ?? ('pathway' in entry ? `${entry.pathway ?? 'inget förlopp'}${entry.secondary ? ` (sekundärt ${entry.secondary})` : ''}` : '');
        found.set(entry.model, { kind: 'category', value: text });
    }
    for (const entry of answer.inclusions) {
        found.set(entry.pilot, { kind: 'category', value: failed(entry) ?? ('included' in entry ? (entry.included ? 'ingår' : 'ingår inte') : '') });
    }
    for (const entry of answer.decisions ?? []) {
        const text = failed(entry) ?? ('outputs' in entry ? Object.entries(entry.outputs).map(([column, value]) => `${column} ${value ?? 'ej angivet'}`).join(', ') : '');
        found.set(entry.table, { kind: 'category', value: text });
    }
    return found;
}

/** Adds up the answers of a register's cases, case by case, in constant memory. */
export class ImpactTally {
    private cases = 0;
    private readonly amounts = new Map<string, AmountTally>();
    private readonly categories = new Map<string, CategoryTally>();

    add(before: CaseAnswer, after: CaseAnswer, level: number | undefined): void {
        this.cases++;
        const was = answersOf(before);
        const is = answersOf(after);
        for (const id of new Set([...was.keys(), ...is.keys()])) {
            const a = was.get(id);
            const b = is.get(id);
            const kind = a?.kind ?? b!.kind;
            if (kind === 'amount') {
                this.addAmount(id, a, b, level);
            } else {
                this.addCategory(id, a?.value ?? 'saknas', b?.value ?? 'saknas');
            }
        }
    }

    private addAmount(id: string, before: Answer | undefined, after: Answer | undefined, level: number | undefined): void {
        let tally = this.amounts.get(id);
        if (!tally) {
            tally = { answered: 0, changed: 0, before: ExactNumber.ZERO, after: ExactNumber.ZERO, byLevel: new Map(), bins: new Array(BINS.length + 1).fill(0), largest: [], errorsChanged: 0 };
            this.amounts.set(id, tally);
        }
        tally.answered++;
        if (!before?.amount || !after?.amount) {
            if ((before?.value ?? '') !== (after?.value ?? '')) {
                tally.changed++;
                tally.errorsChanged++;
            }
            return;
        }
        tally.before = tally.before.add(before.amount);
        tally.after = tally.after.add(after.amount);
        const difference = after.amount.subtract(before.amount);
        if (difference.equals(ExactNumber.ZERO)) {
            return;
        }
        tally.changed++;
        const bin = BINS.findIndex(bound => difference.compare(ExactNumber.of(BigInt(bound))) <= 0);
        tally.bins[bin === -1 ? BINS.length : bin]++;
        if (level !== undefined) {
            const byLevel = tally.byLevel.get(level) ?? { changed: 0, difference: ExactNumber.ZERO };
            byLevel.changed++;
            byLevel.difference = byLevel.difference.add(difference);
            tally.byLevel.set(level, byLevel);
        }
        // The ten largest changes, kept sorted by size (a register has millions of cases).
        const size = (n: ExactNumber) => (n.compare(ExactNumber.ZERO) < 0 ? n.negate() : n);
        if (tally.largest.length < 10 || size(difference).compare(size(tally.largest[tally.largest.length - 1])) > 0) {
            tally.largest.push(difference);
            tally.largest.sort((x, y) => size(y).compare(size(x)));
            tally.largest.length = Math.min(tally.largest.length, 10);
        }
    }

    private addCategory(id: string, before: string, after: string): void {
        let tally = this.categories.get(id);
        if (!tally) {
            tally = { answered: 0, changed: 0, moves: new Map() };
            this.categories.set(id, tally);
        }
        tally.answered++;
        if (before === after) {
            return;
        }
        tally.changed++;
        const key = `${before}\u0000${after}`;
        const move = tally.moves.get(key) ?? { from: before, to: after, citizens: 0 };
        move.citizens++;
        tally.moves.set(key, move);
    }

    /** The impact as it may be shown: small counts, and sums over them, suppressed. */
    result(): RegisterImpact {
        const shown = (n: number): ShownCount => (n > 0 && n < SUPPRESS_BELOW ? { fewerThan: SUPPRESS_BELOW } : { count: n });
        const visible = (n: number) => n === 0 || n >= SUPPRESS_BELOW;
        const decimal = (n: ExactNumber) => n.round({ unit: 'öre', mode: 'half-away-from-zero' }).toDecimal();
        const answers: Array<AmountImpact | CategoryImpact> = [];
        for (const [element, tally] of [...this.amounts].sort(([a], [b]) => a.localeCompare(b))) {
            const amountChanges = tally.changed - tally.errorsChanged;
            answers.push({
                kind: 'amount', element, answered: tally.answered, changed: shown(tally.changed),
                ...(visible(amountChanges) ? { totalBefore: decimal(tally.before), totalAfter: decimal(tally.after), difference: decimal(tally.after.subtract(tally.before)) } : {}),
                byLevel: [...tally.byLevel].sort(([a], [b]) => a - b).map(([level, l]) => ({ level, changed: shown(l.changed), ...(visible(l.changed) ? { difference: decimal(l.difference) } : {}) })),
                histogram: tally.bins.map((citizens, i) => ({ range: binRange(i), citizens: shown(citizens) })).filter(bin => !('count' in bin.citizens) || bin.citizens.count > 0),
                largest: visible(amountChanges) ? tally.largest.slice(0, 5).map(decimal) : [],
                errorsChanged: shown(tally.errorsChanged),
            });
        }
        for (const [element, tally] of [...this.categories].sort(([a], [b]) => a.localeCompare(b))) {
            answers.push({
                kind: 'category', element, answered: tally.answered, changed: shown(tally.changed),
                moves: [...tally.moves.values()].sort((a, b) => b.citizens - a.citizens).map(move => ({ from: move.from, to: move.to, citizens: shown(move.citizens) })),
            });
        }
        return { cases: this.cases, answers };
    }
}

/** `−1 000 – −100 kr`: the i-th range of BINS (each holds its upper end). */
function binRange(i: number): string {
    const kr = (n: number) => `${n < 0 ? '−' : n > 0 ? '+' : ''}${Math.abs(n).toLocaleString('sv-SE').replace(/\u00a0/g, ' ')}`;
    if (i === 0) {
        return `till och med ${kr(BINS[0])} kr`;
    }
    if (i === BINS.length) {
        return `över ${kr(BINS[BINS.length - 1])} kr`;
    }
    return `${kr(BINS[i - 1])} till ${kr(BINS[i])} kr`;
}
