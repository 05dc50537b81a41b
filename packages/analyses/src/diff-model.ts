import type { Criterion, ElementKind, ExactNumber, Expression } from '@regelratt/format';
import type { PolicyRuntime } from '@regelratt/runtime';

/**
 * The semantic diff's findings, as `diffPolicies` (semantic-diff.ts) computes them and its renderers
 * read them (text, Markdown, HTML and JSON: @regelratt/document's diff-output.ts). The model lives
 * with the analysis that produces it, so the analyses need only the format and the runtime; the
 * document package depends on this one for the types it renders, and the command line, the studio
 * and the editor render one model one way.
 */
export interface ElementRef {
    id: string;
    kind: ElementKind;
    name: string;
    title?: string;
}

export type Question = 'placement' | 'inclusion' | 'decision' | 'calculation' | 'fee';

/** A citizen whose amount the two versions answer differently, as the runtimes answered. */
export interface AmountSample {
    /** The citizen in words (`besök_per_vecka = 3, städning = ja`), the date and the level where read. */
    citizen: string;
    date: string;
    level?: number;
    /** As the locale writes amounts, or `fel: <code>`. */
    before: string;
    after: string;
    difference?: string;
}

export interface ChangedRegion {
    /** The citizens concerned, in words, and one of them. */
    witness: Witness;
    before: string;
    after: string;
}

export interface AmountChange {
    /** Which amount: `nivå 4`, `2023-01-01–2023-12-31`, `takbelopp nivå 2`, `andel`. */
    what: string;
    /** Canonical decimal text with its unit (`2037 kr`), or null where the version has none (or leaves it open: `ej angivet`). */
    before: string | null;
    after: string | null;
    /** after − before, where both are amounts in the same unit. */
    difference?: string;
}

export type DiffEntry =
    | { change: 'added' | 'removed'; element: ElementRef }
    | { change: 'renamed'; element: ElementRef; from: ElementRef }
    | { change: 'answers'; element: ElementRef; question: Question; regions: ChangedRegion[]; complete: boolean }
    /** The definition changed, and no citizen's answer did: a refactoring, provably harmless. */
    | { change: 'same-answers'; element: ElementRef; question: Question; complete: boolean }
    /** `against`: a new version of a table or rate is compared with the one it follows (same service and area, ending the day before). */
    | { change: 'amounts'; element: ElementRef; amounts: AmountChange[]; against?: ElementRef }
    /** Other properties changed (validity, a formula, texts); `answers` says whether they can change an answer. */
    | {
        change: 'edited'; element: ElementRef; fields: string[]; answers: boolean;
        /**
         * For a calculation other formulas read: the answers (calculations no formula reads, fees)
         * that read it, under which what its change does to citizens is reported.
         */
        readBy?: string[];
    }
    /**
     * The amount a calculation or a fee answers changes: `differing` of the `tried` citizens (every
     * region of the formulas' comparisons, every date, every level they read) got another answer from
     * the new version's runtime; `samples` are some of them, the largest changes first; `common`, the
     * attribute values all of those share; `difference`, the least and greatest change.
     */
    | {
        change: 'amount-answers'; element: ElementRef; question: 'calculation' | 'fee'; differing: number; tried: number; difference?: { min: string; max: string }; common: string[]; samples: AmountSample[];
        /**
         * Exact (answer-regions.ts): every region of citizens, levels and dates where the amount
         * changes, as maximal boxes; then `differing` counts the regions and `tried` the cells of the
         * partition asked. Absent where the formulas leave the piecewise-linear fragment (`outside`
         * says why) and the citizens were sampled.
         */
        regions?: AmountRegion[];
        /** The regions told by kind (answer-region-groups.ts): what changes in the parts of the answer, each kind once. */
        kinds?: AmountChangeKind[];
        outside?: OutsideReason;
        /** The calculations this answer reads (directly or through others) whose own formula changed: what the change comes through. */
        through?: string[];
    }
    /** The formula changed, no proof that the answers are the same, and none of `tried` citizens answered differently. */
    | { change: 'undecided'; element: ElementRef; question: 'calculation' | 'fee'; tried: number; outside?: OutsideReason; through?: string[] };

/** One exact region where an amount changes: a box of attribute values (and dates, levels), the change on it, one citizen of it. */
export interface AmountRegion {
    /** The citizens in words, attributes by their titles, figures as the locale writes them: `Har städning = ja, datum 2017-01-01–2017-12-31`. */
    text: string;
    /** The box: each attribute it bounds (by name), with exact decimal bounds or its one value; one not listed may have any value. */
    box: RegionBound[];
    /** The change in words: `+17`, or `+302 − 10 × Levererade matportioner (+2 till +12)`. */
    changeText: string;
    /** The title of the amount whose reaching bounds the region (`Högsta sammanlagda avgift per månad`: "tills maxtaxan nås"). */
    until?: string;
    /** The change exactly: decimal text (or `p/q` where no finite decimal is exact), attributes of an affine change by name. */
    change: RegionChange;
    /** A citizen of the region as both runtimes answered, in words, and as a case gives it. */
    example: AmountSample;
    citizen: Record<string, string | boolean>;
}

export interface RegionBound {
    /** An attribute's name, `datum` (ISO dates) or `nivå`. */
    attribute: string;
    title?: string;
    value?: string | boolean;
    /** Several values of a choice, where the region spans some of them. */
    values?: ReadonlyArray<string | boolean>;
    from?: string;
    fromIncluded?: boolean;
    to?: string;
    toIncluded?: boolean;
}

export interface PolicyDiff {
    entries: DiffEntry[];
    /** Whether some citizen, amount or date gets another answer (shown by a citizen, for amounts). */
    answersChange: boolean;
    /** Answers neither proven the same nor shown to change (`undecided` entries). */
    undecided: number;
    /** Elements present in both versions. */
    compared: number;
}

/**
 * How the diff's texts name the policy's things. Without it, by name, as the rules are written (for
 * tools and for the rules' writers); with it, by title, as the document a nämnd reads does: the
 * command line gives one built on the document's words (@regelratt/document's `diffWording`) for text,
 * Markdown and HTML.
 */
export interface DiffWording {
    /** Attributes and their values in a region of citizens. */
    labels: CaseLabels;
    /** An element, förlopp or attribute by its id: its title. */
    title(id: string): string;
    /** A formula with titles in place of names. */
    formula(expression: Expression): string;
    /** A criterion as conditions. */
    condition(criterion: Criterion): string;
    /** A runtime error an answer gives, by its code: what it means. */
    error(code: string): string;
    /**
     * An answer's amounts (an answer by id, or a formula's part) as a reason writes them: with the
     * answer's unit, kronor to the öre, `cirka` where the exact figure has more decimals, a change
     * signed (`+17 kr/mån`). The document package's `answerAmounts`, so that a figure in the diff
     * reads as it does in a reason; the exact figure stays in the model.
     */
    amounts(runtime: PolicyRuntime, answer: string | Expression): (value: ExactNumber, signed?: boolean) => string;
}

/**
 * How a case names attributes and enumeration values in its text: by name (the default, for reviewers
 * who read the rules), or by title (for the document a nämnd reads).
 */
export interface CaseLabels {
    attribute(id: string): string | undefined;
    value(id: string, value: string): string | undefined;
}

/**
 * A concrete citizen a finding is about, for reviewers: the attributes that matter with the
 * range of values for which the finding holds, and one example value for each.
 */
export interface Witness {
    /** `aktivitetsförmåga = nedsatt, ålder 18–64`: the case in words; unnamed attributes may be anything. */
    text: string;
    /** Attribute name → one concrete value (canonical decimal, ISO date, `ja`/`nej` or an enumeration value). */
    example: Record<string, string>;
}

export interface AmountChangeKind {
    /** The parts that change, in words: `Serviceinsatser per månad +8,50 till +17`; empty where the formula itself changed. */
    parts: Array<{ name: string; title?: string; difference?: { min: string; max: string } }>;
    /** How many of the answer's regions are of this kind. */
    regions: number;
    /** The answer's least and greatest change over them, where every one is an amount. */
    difference?: { min: string; max: string };
    /** The first region's example. */
    example: AmountSample;
}

export type RegionChange =
    /** Every citizen of the box: the same difference (exact decimal text). */
    | { kind: 'constant'; difference: string }
    /**
     * The difference is `constant + Σ coefficient × attribute` (exact; attribute by id), ranging from
     * `min` to `max` over the box where it is bounded.
     */
    | { kind: 'affine'; constant: string; terms: Array<{ attribute: string; coefficient: string }>; min?: string; max?: string }
    /** An answer that is an error in one version or both: the two answers. */
    | { kind: 'answer'; before: string; after: string };

export type OutsideReason =
    /** A decision table the formula reads has chained inputs (another table's output, a calculation): its rows test no attribute. */
    | 'chained'
    /** A decision table the formula reads compares a cell with a parameter or another attribute (`> maxtaxa`): not a box. */
    | 'named-bound'
    /** The case split over the criteria ran out of budget. */
    | 'split-budget'
    /** More cells than REGION_BUDGET. */
    | 'cell-budget'
    /** An attribute or the level enters the amount other than through sums and scalings by constants. */
    | 'not-linear'
    /**
     * An attribute that cannot be tried value by value (a decimal) enters the amount only through sums
     * and scalings, but under a rounding (`timmar × timpris avrundat till öre`): the difference between
     * the versions is a staircase with a step wherever either version's rounded amount steps.
     */
    | 'rounded'
    /** A fee's avgiftsutrymme or maxtaxa varies with an attribute that cannot be tried value by value (an income). */
    | 'fee-varies';

