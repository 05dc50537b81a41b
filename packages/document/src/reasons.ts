import {
    chainedInputKey, decisionResultKind, ExactNumber, formulaCell, isChainedInput, LEVEL_INPUT, listHitPolicy, matchCriterion, matchExpression, quantityCell,
    type AnswerUnit, type Attribute, type ChainedDecisionInput, type CompiledElement, type Criterion, type DecisionTable, type Example, type Expression, type Guideline,
    type AmountPer, type LegalReference, type Literal, type Pathway, type Rounding,
} from '@regelratt/format';
import { inForce, isSelectedRate, rateAmount, runtimeError, type AnyRate, type CaseAnswer, type CaseInput, type CitizenInput, type CitizenValues, type PolicyRuntime } from '@regelratt/runtime';
import { kronorDecimal } from '@regelratt/analyses';
import { criterionSentence, number, readableValues } from './criterion-sentence.js';
import { PolicyWords } from './document-words.js';
import { roundingWords } from './rounding-words.js';
import { unitWord } from './unit-word.js';
import { feeNearestChanges, nearestAnswerChanges, type AnswerChange, type FactChange } from './nearest-change.js';

/**
 * A reason (motivering) for one answer, as a beslut can carry it (förvaltningslagen 32 §): what was
 * decided and by which rule, the legal basis, the citizen's facts that decided it, and how a figure
 * was reached (each cap, floor and rounding that decided). Built from the compiled policy's
 * structure and titles only; the runtime answers every part it names (`evaluate`, `holds`,
 * `decide`, `feeParts`), so a reason cannot state a figure the answer does not rest on.
 *
 * It lives beside the document rather than in the runtime because it writes the same Swedish as the
 * document (criteria as sentences, numbers as a reader writes them) through the same functions,
 * and the runtime stays free of wording; it depends on the compiled format and the runtime only.
 */
export interface Reason {
    /** What was decided. */
    decision: string;
    /** By which rule: its title, and the riktlinje with diarienummer and decision date where the policy gives them. */
    rule: string[];
    /** The legal basis: the element's own `enligt`, or its insats's. */
    legalBasis: string[];
    /** The citizen's facts that decided the answer. */
    facts: string[];
    /** Facts the rule reads that did not matter for this answer. */
    notDeciding: string[];
    /** How a figure was reached: the values read (parameters with their version), each cap, floor and rounding that decided. */
    steps: string[];
    /** What the guideline requires of what was decided (its `krav` that govern it). */
    requirements: string[];
    /**
     * The nearest change in the citizen's own facts that would have given another answer, where one
     * helps: a fee at its cap; a placement, inclusion or decision (nearest-change.ts says what "nearest" is).
     */
    nearestChange: string[];
    /** All of the above as one text. */
    text: string;
}

export type ReasonLocale = 'sv' | 'en';

/** One answer a reason is given for; the same questions the runtime answers. */
export type ReasonQuestion =
    | { type: 'placement'; model: string; citizen: CitizenInput }
    | { type: 'inclusion'; pilot: string; citizen: CitizenInput; date?: string; unit?: string; service?: string }
    | { type: 'compensation'; table: string; level: number; date?: string }
    | { type: 'rate'; rate: string; date?: string; citizen?: CitizenInput }
    | { type: 'fee'; fee: string; level?: number; citizen: CitizenInput; date: string }
    | { type: 'calculation'; calculation: string; level?: number | null; citizen: CitizenInput; date: string }
    /** `date` may be left out where the table reads nothing dated (the runtime refuses otherwise, naming what needs it). */
    | { type: 'decision'; table: string; column?: string; level?: number | null; citizen: CitizenInput; date?: string }
    | { type: 'netEffect'; table: string; before: number | null; after: number | null; hours: string; rate: string; months: number; date?: string }
    | { type: 'eligibility'; service: string; citizen: CitizenInput }
    | { type: 'deadline'; guideline?: string; obligation?: string; event: string; eventDate: string; citizen: CitizenInput; date?: string };

const WORDS = {
    sv: {
        yes: 'ja', no: 'nej', level: 'nivå', noSupport: 'ingen insats', guideline: 'Riktlinje', registration: 'diarienummer', decidedBy: 'beslutad av',
        decidedOn: 'beslutad', rule: 'Regel', legalBasis: 'Rättslig grund', facts: 'Det som avgjorde', steps: 'Så räknades det', requirements: 'Riktlinjens krav',
        force: { shall: 'ska', 'shall-not': 'ska inte', should: 'bör', 'should-not': 'bör inte', may: 'får', 'may-not': 'får inte' },
        noLegalBasis: 'policyn anger ingen rättslig grund för detta', didNotMatter: (what: string) => `${what} påverkade inte beslutet.`,
        lowerFee: (what: string, direction: 'at-most' | 'at-least', value: string) => `Med ${what} ${direction === 'at-most' ? 'högst' : 'minst'} ${value} hade avgiften blivit lägre.`,
        changedTo: (what: string, value: string) => `${what} hade varit ${value}`, and: 'och',
        bound: { atLeast: 'minst', atMost: 'högst', over: 'över', under: 'under' },
        otherAnswer: (changes: string[], then: string) => `Om ${changes.join(' och ')} hade ${then}.`,
        wouldBePlaced: (pathway: string) => `medborgaren placerats i ${pathway}`,
        wouldBeInNone: 'inget förlopp gällt för medborgaren',
        wouldBeIncluded: (included: boolean) => (included ? 'medborgaren ingått i piloten' : 'medborgaren inte ingått i piloten'),
        wouldBeDecided: (table: string, said: string) => `${table} blivit ${said}`,
        wouldBeGranted: (granted: boolean) => (granted ? 'insatsen kunnat beviljas' : 'insatsen inte kunnat beviljas'),
        placed: (model: string, pathway: string) => `${model}: medborgaren placeras i ${pathway}.`,
        secondary: (pathway: string) => `${pathway} gäller också, som sekundärt förlopp.`,
        noPathway: (model: string) => `${model}: inget förlopp gäller för medborgaren.`,
        holds: (what: string, sentence: string) => `${what} gäller när ${sentence}.`,
        fails: (what: string, sentence: string) => `${what} gäller inte: det kräver att ${sentence}.`,
        means: (what: string, text: string) => `${what}: ${text}`,
        granted: (service: string) => `${service}: insatsen kan beviljas medborgaren.`,
        notGranted: (service: string) => `${service}: insatsen kan inte beviljas medborgaren.`,
        grantedWhen: (sentence: string) => `Insatsen kan beviljas när ${sentence}.`,
        notGrantedWhen: (sentence: string) => `Insatsen kan inte beviljas när ${sentence}.`,
        excludedWhen: (sentence: string) => `Insatsen kan inte beviljas eftersom ${sentence}.`,
        excludedButLifted: (sentence: string) => `Insatsen kan i regel inte beviljas när ${sentence}, och det gäller medborgaren.`,
        exceptionWhen: (sentence: string) => `Undantag: insatsen kan ändå beviljas när ${sentence}.`,
        liftedBy: (sentence: string) => `Undantaget gäller, eftersom ${sentence}.`,
        included: (pilot: string) => `${pilot}: medborgaren ingår i piloten.`,
        notIncluded: (pilot: string) => `${pilot}: medborgaren ingår inte i piloten.`,
        inclusion: (sentence: string) => `För att ingå krävs att ${sentence}.`,
        exclusion: (sentence: string) => `Medborgaren ingår inte när ${sentence}.`,
        excludedBy: (sentence: string) => `Medborgaren ingår inte eftersom ${sentence}.`,
        period: (from: string, to?: string) => (to ? `Piloten pågår ${from}–${to}.` : `Piloten pågår från ${from}.`),
        outsidePeriod: (date: string) => `${date} ligger utanför pilotens period.`,
        unitNotListed: (unit: string) => `Enheten ${unit} är inte med i piloten.`,
        serviceNotListed: (service: string) => `Insatsen ${service} är inte med i piloten.`,
        testPhase: (title: string, registration?: string) => `Testfas: ${title}${registration ? `, diarienummer ${registration}` : ''}.`,
        amount: (what: string, value: string) => `${what}: ${value}.`,
        row: (table: string, row: number, sentence: string) => `${table}, rad ${row}: ${sentence}.`,
        rowFormula: (formula: string, value: string) => `Raden räknar ${formula}: ${value}`,
        rowAlways: (table: string, row: number) => `${table}, rad ${row}, som gäller alla.`,
        rows: (table: string, aggregate: string, rows: string) => `${table}: ${aggregate} av raderna ${rows}.`,
        noRows: (table: string) => `${table}: ingen rad gäller.`,
        otherwise: (table: string) => `${table}: ingen rad gäller, så tabellens annars-värde gäller.`,
        firstRow: 'Tabellen läses uppifrån; den första raden som gäller avgör.',
        priorityRow: 'Av raderna som gäller avgör den vars utfall har högst prioritet.',
        listRows: (table: string, rows: string, order: 'rows' | 'priority') => `${table}: svaret är en lista med utfallen från raderna ${rows}, ${order === 'rows' ? 'i radernas ordning' : 'med högst prioritet först'}.`,
        emptyList: (table: string) => `${table}: ingen rad gäller, så svaret är en tom lista.`,
        noneListed: 'en tom lista',
        aggregations: { sum: 'summan', min: 'det minsta', max: 'det största', count: 'antalet' },
        atLevel: (what: string, level: string) => `${what}, nivå ${level}`,
        value: (what: string, value: string) => `${what}: ${value}`,
        version: (what: string, value: string, from: string, to?: string) => `${what}: ${value} (gäller ${to ? `${from}–${to}` : `från ${from}`})`,
        undatedVersion: (what: string, value: string) => `${what}: ${value} (utan angivet startdatum)`,
        cappedBy: (what: string, value: string, other: string) => `Beloppet begränsas av ${what ? `${what}, ` : ''}${value} (utan begränsningen ${other}).`,
        raisedTo: (what: string, value: string, other: string) => `Beloppet blir inte lägre än ${what ? `${what}, ` : ''}${value} (annars ${other}).`,
        notReached: (what: string, value: string) => `Gränsen ${what ? `${what}, ` : ''}${value} påverkade inte beloppet.`,
        computed: 'det beräknade beloppet',
        rounded: (from: string, rule: string, to: string) => `${from} avrundat till ${rule}: ${to}.`,
        because: (sentence: string, value: string) => `Villkoret ”${sentence}” gäller: ${value}.`,
        becauseNot: (sentence: string, value: string) => `Villkoret ”${sentence}” gäller inte: ${value}.`,
        room: (value: string) => `Avgiftsutrymmet är ${value}.`,
        roomFloor: (value: string, computed: string) => `Avgiftsutrymmet är ${value}: det blir aldrig lägre än 0 kr (räknat ${computed}).`,
        share: (share: string, value: string) => `${share} av avgiftsutrymmet är ${value}.`,
        feeCap: (level: number) => `takbeloppet för nivå ${level}`,
        feeAmount: (level: number) => `beloppet för nivå ${level}`,
        ceiling: 'maxtaxan',
        netBefore: (what: string, value: string) => `Före: ${what}, ${value}.`,
        netAfter: (what: string, value: string) => `Efter: ${what}, ${value}.`,
        netCost: (hours: string, rate: string, value: string) => `${hours} timmar × ${rate} = ${value}.`,
        netMonthly: (value: string) => `Nettoeffekt per månad: ${value}.`,
        netTotal: (months: number, value: string) => `Under ${months} månader: ${value}.`,
        about: 'cirka',
        // After an amount: a period after a slash (`2 013 kr/mån`), an occasion in words (`245 kr per insats`).
        per: { month: '/mån', hour: '/h', day: '/dygn', week: '/vecka', year: '/år', occasion: ' per tillfälle', visit: ' per besök', service: ' per insats', portion: ' per portion' },
        citation: (place: string, law: string) => `${place} ${law}`,
        carriesOn: (current: string, earlier: string) => `${current} (motsvarar ${earlier})`,
        libraryRule: (library: string, version: string) => `Nationell regel ur Regelrätts bibliotek ${library}, version ${version}.`,
        chapter: (chapter: number) => `${chapter} kap. `, section: (section: number) => `${section} §`, point: (point: number) => ` ${point} p.`,
        event: { ansökan: 'ansökan', beslut: 'beslut', verkställighet: 'verkställighet', uppföljning: 'uppföljning' },
        usually: 'i regel',
        due: (event: string, date: string, count: number) => count === 0 ? `Efter ${event} ${date} löper ingen frist.` : `Efter ${event} ${date} löper ${count} ${count === 1 ? 'frist' : 'frister'}.`,
        term: {
            deadline: (date: string) => `senast ${date}`, earliest: (date: string) => `tidigast ${date}`,
            'decision-lapses': (date: string) => `beslutet gäller längst till ${date}`, 'follow-up': (date: string) => `nästa uppföljning ${date}`,
        },
        dutyLine: (what: string, force: string, text: string, when: string) => `${what} (${force}): ${text.replace(/\.$/, '')}: ${when}.`,
        notByCondition: (what: string) => `${what} gäller inte: villkoret är inte uppfyllt.`,
        notByException: (what: string, exception: number, text?: string) => `${what} gäller inte: undantag ${exception}${text ? ` (${text.replace(/\.$/, '')})` : ''} är uppfyllt.`,
    },
    en: {
        yes: 'yes', no: 'no', level: 'level', noSupport: 'no support', guideline: 'Guideline', registration: 'registration number', decidedBy: 'decided by',
        decidedOn: 'decided', rule: 'Rule', legalBasis: 'Legal basis', facts: 'What decided it', steps: 'How it was computed', requirements: "The guideline's requirements",
        force: { shall: 'shall', 'shall-not': 'shall not', should: 'should', 'should-not': 'should not', may: 'may', 'may-not': 'may not' },
        noLegalBasis: 'the policy gives no legal basis for this', didNotMatter: (what: string) => `${what} did not affect the decision.`,
        lowerFee: (what: string, direction: 'at-most' | 'at-least', value: string) => `With ${what} ${direction === 'at-most' ? 'at most' : 'at least'} ${value} the fee would have been lower.`,
        changedTo: (what: string, value: string) => `${what} had been ${value}`, and: 'and',
        bound: { atLeast: 'at least', atMost: 'at most', over: 'over', under: 'under' },
        otherAnswer: (changes: string[], then: string) => `If ${changes.join(' and ')}, ${then}.`,
        wouldBePlaced: (pathway: string) => `the citizen would have been placed in ${pathway}`,
        wouldBeInNone: 'no förlopp would have applied to the citizen',
        wouldBeIncluded: (included: boolean) => (included ? 'the citizen would have been included in the pilot' : 'the citizen would not have been included in the pilot'),
        wouldBeDecided: (table: string, said: string) => `${table} would have been ${said}`,
        wouldBeGranted: (granted: boolean) => (granted ? 'the service could have been granted' : 'the service could not have been granted'),
        placed: (model: string, pathway: string) => `${model}: the citizen is placed in ${pathway}.`,
        secondary: (pathway: string) => `${pathway} also applies, as a secondary förlopp.`,
        noPathway: (model: string) => `${model}: no förlopp applies to the citizen.`,
        holds: (what: string, sentence: string) => `${what} applies when ${sentence}.`,
        fails: (what: string, sentence: string) => `${what} does not apply: it requires ${sentence}.`,
        means: (what: string, text: string) => `${what}: ${text}`,
        granted: (service: string) => `${service}: the service can be granted to the citizen.`,
        notGranted: (service: string) => `${service}: the service cannot be granted to the citizen.`,
        grantedWhen: (sentence: string) => `The service can be granted when ${sentence}.`,
        notGrantedWhen: (sentence: string) => `It cannot be granted when ${sentence}.`,
        excludedWhen: (sentence: string) => `The service cannot be granted because ${sentence}.`,
        excludedButLifted: (sentence: string) => `As a rule it cannot be granted when ${sentence}, which holds for the citizen.`,
        exceptionWhen: (sentence: string) => `Exception: it can still be granted when ${sentence}.`,
        liftedBy: (sentence: string) => `The exception applies, because ${sentence}.`,
        included: (pilot: string) => `${pilot}: the citizen is included in the pilot.`,
        notIncluded: (pilot: string) => `${pilot}: the citizen is not included in the pilot.`,
        inclusion: (sentence: string) => `Inclusion requires ${sentence}.`,
        exclusion: (sentence: string) => `Excluded when ${sentence}.`,
        excludedBy: (sentence: string) => `The citizen is not included because ${sentence}.`,
        period: (from: string, to?: string) => (to ? `The pilot runs ${from}–${to}.` : `The pilot runs from ${from}.`),
        outsidePeriod: (date: string) => `${date} is outside the pilot's period.`,
        unitNotListed: (unit: string) => `The unit ${unit} is not part of the pilot.`,
        serviceNotListed: (service: string) => `The service ${service} is not part of the pilot.`,
        testPhase: (title: string, registration?: string) => `Test phase: ${title}${registration ? `, registration number ${registration}` : ''}.`,
        amount: (what: string, value: string) => `${what}: ${value}.`,
        row: (table: string, row: number, sentence: string) => `${table}, row ${row}: ${sentence}.`,
        rowFormula: (formula: string, value: string) => `The row computes ${formula}: ${value}`,
        rowAlways: (table: string, row: number) => `${table}, row ${row}, which applies to all.`,
        rows: (table: string, aggregate: string, rows: string) => `${table}: ${aggregate} of rows ${rows}.`,
        noRows: (table: string) => `${table}: no row applies.`,
        otherwise: (table: string) => `${table}: no row applies, so the table's annars value applies.`,
        firstRow: 'The table is read from the top; the first row that applies decides.',
        priorityRow: 'Of the rows that apply, the one whose outputs have the highest priority decides.',
        listRows: (table: string, rows: string, order: 'rows' | 'priority') => `${table}: the answer is a list of the outputs of rows ${rows}, ${order === 'rows' ? 'in the rows\' order' : 'highest priority first'}.`,
        emptyList: (table: string) => `${table}: no row applies, so the answer is an empty list.`,
        noneListed: 'an empty list',
        aggregations: { sum: 'the sum', min: 'the smallest', max: 'the largest', count: 'the number' },
        atLevel: (what: string, level: string) => `${what}, level ${level}`,
        value: (what: string, value: string) => `${what}: ${value}`,
        version: (what: string, value: string, from: string, to?: string) => `${what}: ${value} (in force ${to ? `${from}–${to}` : `from ${from}`})`,
        undatedVersion: (what: string, value: string) => `${what}: ${value} (no start date given)`,
        cappedBy: (what: string, value: string, other: string) => `The amount is capped by ${what ? `${what}, ` : ''}${value} (without the cap ${other}).`,
        raisedTo: (what: string, value: string, other: string) => `The amount is no lower than ${what ? `${what}, ` : ''}${value} (otherwise ${other}).`,
        notReached: (what: string, value: string) => `The limit ${what ? `${what}, ` : ''}${value} did not affect the amount.`,
        computed: 'the computed amount',
        rounded: (from: string, rule: string, to: string) => `${from} rounded to ${rule}: ${to}.`,
        because: (sentence: string, value: string) => `The condition “${sentence}” holds: ${value}.`,
        becauseNot: (sentence: string, value: string) => `The condition “${sentence}” does not hold: ${value}.`,
        room: (value: string) => `The fee room (avgiftsutrymme) is ${value}.`,
        roomFloor: (value: string, computed: string) => `The fee room (avgiftsutrymme) is ${value}: it is never below 0 kr (computed ${computed}).`,
        share: (share: string, value: string) => `${share} of the fee room is ${value}.`,
        feeCap: (level: number) => `the cap for level ${level}`,
        feeAmount: (level: number) => `the amount for level ${level}`,
        ceiling: 'the maximum fee (maxtaxa)',
        netBefore: (what: string, value: string) => `Before: ${what}, ${value}.`,
        netAfter: (what: string, value: string) => `After: ${what}, ${value}.`,
        netCost: (hours: string, rate: string, value: string) => `${hours} hours × ${rate} = ${value}.`,
        netMonthly: (value: string) => `Net effect per month: ${value}.`,
        netTotal: (months: number, value: string) => `Over ${months} months: ${value}.`,
        about: 'about',
        per: { month: '/month', hour: '/h', day: '/day', week: '/week', year: '/year', occasion: ' per occasion', visit: ' per visit', service: ' per service', portion: ' per portion' },
        citation: (place: string, law: string) => `${law}, ${place}`,
        carriesOn: (current: string, earlier: string) => `${current} (formerly ${earlier})`,
        libraryRule: (library: string, version: string) => `National rule from Regelrätt's library ${library}, version ${version}.`,
        chapter: (chapter: number) => `chapter ${chapter}, `, section: (section: number) => `section ${section}`, point: (point: number) => `, point ${point}`,
        event: { ansökan: 'the application', beslut: 'the decision', verkställighet: 'implementation', uppföljning: 'the follow-up' },
        usually: 'as a rule',
        due: (event: string, date: string, count: number) => count === 0 ? `After ${event} on ${date} no term runs.` : `After ${event} on ${date} ${count} ${count === 1 ? 'term runs' : 'terms run'}.`,
        term: {
            deadline: (date: string) => `by ${date}`, earliest: (date: string) => `not before ${date}`,
            'decision-lapses': (date: string) => `the decision holds until ${date} at most`, 'follow-up': (date: string) => `next follow-up ${date}`,
        },
        dutyLine: (what: string, force: string, text: string, when: string) => `${what} (${force}): ${text.replace(/\.$/, '')}: ${when}.`,
        notByCondition: (what: string) => `${what} does not apply: its condition is not met.`,
        notByException: (what: string, exception: number, text?: string) => `${what} does not apply: exception ${exception}${text ? ` (${text.replace(/\.$/, '')})` : ''} is met.`,
    },
} as const;

type Words = (typeof WORDS)[ReasonLocale];

/** What a value counts: kronor (with a period), a share, or a plain number with the attribute's own unit. */
interface ValueUnit {
    unit: 'kr' | '%' | 'none';
    per?: AmountPer;
    /** A plain number's own unit (an attribute's `besök`, `timmar`). */
    word?: string;
}

/**
 * A compiled answer's unit (`AnswerUnit`) as a reason writes values: kronor, per a period or an
 * occasion where it has one, or a share; undefined for the rest (a time or a count), whose unit is
 * derived from the formula as before.
 */
function compiledUnit(unit: AnswerUnit | undefined): ValueUnit | undefined {
    if (unit?.of === '%') {
        return { unit: '%' };
    }
    if (unit?.of !== 'kr') {
        return undefined;
    }
    if (unit.per === undefined) {
        return { unit: 'kr' };
    }
    return unit.per in WORDS.sv.per ? { unit: 'kr', per: unit.per as AmountPer } : undefined;
}

const HUNDRED = ExactNumber.of(100n);
const NONE: ValueUnit = { unit: 'none' };
const TEN_THOUSAND = ExactNumber.of(10_000n);
const WHOLE: Rounding = { unit: 'krona', mode: 'half-away-from-zero' };

/** An element as a reader names it: its title, or (where the policy gives none) its name written as words. */
export function labelOf(element: { name: string; title?: string } | undefined, fallback = ''): string {
    if (!element) {
        return words(fallback.slice(fallback.indexOf('/') + 1));
    }
    return element.title ?? words(element.name);
}

/** A title inside a sentence: its first letter small, unless it begins an abbreviation (`LSS`). */
function lowerFirst(text: string): string {
    return text.replace(/^\p{Lu}(?!\p{Lu})/u, c => c.toLowerCase());
}

function words(name: string): string {
    const text = name.replace(/_/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The legal basis an element states (`enligt`), or else that of the insatser it concerns. Any element
 * kind that gains a `legalBasis` list in the compiled format (fees, calculations, decision tables) is
 * read by the first line without change here.
 */
/**
 * The paragraph to cite on a date: a paragraph of a law no longer in force (its `giltig`), which the
 * law replacing it carries on under another number (`paragraf … motsvaras av …`), is cited as the
 * later law's, followed through each replacement; without a known correspondence it stays as written.
 * A point keeps its number in the later paragraph (the correspondences name paragraphs, whose points
 * the new law carries on in the same order where it carries the paragraph on: 8 kap 5 § 1 → 32 kap 6 § 1).
 */
export function referenceInForce(runtime: PolicyRuntime, reference: LegalReference, date: string): LegalReference {
    let current = reference;
    const seen = new Set<string>();
    for (;;) {
        const law = runtime.policy.find(current.law);
        if (law?.kind !== 'law' || !law.validity || inForce(law.validity, date) || seen.has(law.id)) {
            return current;
        }
        seen.add(law.id);
        const next = law.correspondences?.find(c => c.chapter === current.chapter && c.section === current.section);
        if (!next) {
            return current;
        }
        current = current.point !== undefined && next.target.point === undefined ? { ...next.target, point: current.point } : next.target;
    }
}

/** The shipped library a compiled element comes from (its source is `regelratt:<library>@<version>/<file>`). */
function libraryOf(file: string | undefined): { name: string; version: string } | undefined {
    const match = file === undefined ? null : /^regelratt:([^@/]+)@([^/]+)\//u.exec(file);
    return match ? { name: match[1], version: match[2] } : undefined;
}

export function legalBasisOf(runtime: PolicyRuntime, element: CompiledElement | Pathway): LegalReference[] {
    const own = (element as { legalBasis?: unknown }).legalBasis;
    if (Array.isArray(own) && own.length > 0) {
        return own as LegalReference[];
    }
    const record = element as { service?: unknown; services?: unknown };
    const services = [...(typeof record.service === 'string' ? [record.service] : []), ...(Array.isArray(record.services) ? record.services as string[] : [])];
    const seen = new Set<string>();
    return services.flatMap(id => {
        const service = runtime.policy.find(id);
        return service && 'legalBasis' in service ? service.legalBasis ?? [] : [];
    }).filter(reference => !seen.has(reference.text) && seen.add(reference.text) !== undefined);
}

/**
 * An answer's amounts as a reason writes them, for others who state the same answers (the diff): the
 * answer's unit (a fee's kronor a month; a calculation's, a parameter's or a table's as a formula
 * reading it has) and kronor to the
 * öre, said to be about where the exact figure has more decimals (`cirka 2 660,05 kr`). A change is
 * signed: `+17 kr/mån`, `cirka +4,49 kr`. The exact figure itself stays with the caller.
 */
export function answerAmounts(runtime: PolicyRuntime, answer: string | Expression, locale: ReasonLocale): (value: ExactNumber, signed?: boolean) => string {
    // No citizen: only the runtime's elements are read, for units.
    const writer = new ReasonWriter(runtime, locale, {});
    const element = typeof answer === 'string' ? runtime.policy.find(answer) : undefined;
    const unit: ValueUnit = element?.kind === 'fee' ? { unit: 'kr', per: 'month' } : writer.unitOf(typeof answer === 'string' ? { ref: answer } : answer);
    return (value, signed = false) => {
        if (!signed) {
            return writer.value(value, unit);
        }
        const negative = value.compare(ExactNumber.ZERO) < 0;
        // The sign goes before the figure, after `cirka`.
        return writer.value(negative ? value.negate() : value, unit).replace(/^(\D*?)(?=\d)/, `$1${negative ? '−' : '+'}`);
    };
}

/**
 * An amount in kronor as a reader writes it, without its unit: to the öre, öre always in two
 * decimals (`337,50`, `506,70`), whole kronor without (`2 013`); an amount with more decimals is shown
 * to the öre and said to be about (`cirka 5 653,11`), by the analyses' one rule for kronor figures
 * (`kronorDecimal`, which the diff's amounts read too).
 */
export function kronorFigure(value: ExactNumber, locale: ReasonLocale): string {
    const { decimal, exact } = kronorDecimal(value);
    return `${exact ? '' : `${WORDS[locale].about} `}${number(decimal, locale)}`;
}

class ReasonWriter {
    private readonly w: Words;
    private readonly attributes: Map<string, Attribute>;
    readonly rule: string[] = [];
    private readonly seenRules = new Set<string>();
    readonly legalBasis: string[] = [];
    readonly steps: string[] = [];
    readonly requirements: string[] = [];
    readonly nearestChange: string[] = [];
    /** Attribute id → the fact as said, in the order first met. */
    private readonly facts = new Map<string, string>();
    /** Every attribute that decided, said or not: none of them is ever said not to have mattered. */
    private readonly deciding = new Set<string>();
    /** Formulas in words, made when a decision row answers with one. */
    private words: PolicyWords | undefined;
    /** Attributes the rule reads, whether or not they decided. */
    private readonly read = new Set<string>();
    private readonly seenCalculations = new Set<string>();
    private readonly seenSteps = new Set<string>();

    /** The citizen read once (each value checked against its domain once), for every question the reason asks. */
    private readonly values: CitizenValues;

    /** The keys of chained inputs among `attributes`: their values are an upstream's outputs, not an attribute's. */
    private readonly chainedKeys = new Set<string>();

    constructor(readonly runtime: PolicyRuntime, readonly locale: ReasonLocale, private readonly citizen: CitizenInput, private readonly date?: string) {
        this.w = WORDS[locale];
        this.values = runtime.citizen(citizen);
        this.attributes = new Map(runtime.policy.all('attribute').map(a => [a.id, a]));
    }

    // ------------------------------------------------------------------ numbers and facts

    /** A value as a reader writes it, with its unit: `2 013 kr/mån`, `90 %`, `3 besök`. */
    value(value: ExactNumber, unit: ValueUnit): string {
        const per = unit.per ? this.w.per[unit.per] : '';
        if (unit.unit === 'kr') {
            return `${kronorFigure(value, this.locale)}\u00a0kr${per}`;
        }
        if (unit.unit === '%') {
            return `${number(value.multiply(HUNDRED).toDecimal(4), this.locale)}\u00a0%`;
        }
        // A share or count to four decimals, said to be about where the exact figure has more (a
        // thirtieth of a month, or the runtime's ten-digit text of it, is `cirka 0,6667`).
        const shown = value.multiply(TEN_THOUSAND).round(WHOLE).divide(TEN_THOUSAND);
        return `${shown.equals(value) ? '' : `${this.w.about} `}${number(shown.toDecimal(), this.locale)}${unit.word ? `\u00a0${unitWord(unit.word, shown.toDecimal())}` : ''}`;
    }

    private attributeUnit(attribute: Attribute | undefined): ValueUnit {
        if (!attribute) {
            return NONE;
        }
        const domain = attribute.domain;
        if (domain.type === 'money') {
            return { unit: 'kr', ...(domain.per ? { per: domain.per } : {}) };
        }
        return domain.type === 'integer' || domain.type === 'decimal' ? { unit: 'none', ...(domain.unit ? { word: domain.unit } : {}) } : NONE;
    }

    /** The citizen's value of an attribute, said: `Omvårdnadsbesök per vecka: 3 besök`, `Har städning: ja`. */
    private factText(id: string): string | undefined {
        const attribute = this.attributes.get(id);
        if (!attribute) {
            return undefined;
        }
        const given = this.citizen[attribute.name] ?? this.citizen[attribute.id];
        if (given === undefined || given === null) {
            return undefined;
        }
        const label = labelOf(attribute);
        const domain = attribute.domain;
        let text: string;
        if (typeof given === 'boolean' || domain.type === 'enumeration') {
            text = this.choiceText(attribute, typeof given === 'boolean' ? given : String(given));
        } else if ((domain.type === 'integer' || domain.type === 'decimal' || domain.type === 'money') && (typeof given === 'number' || typeof given === 'string')) {
            // The figure as the runtime read it (a JSON number 12.5, `12,5`, `20 000,50`): parsed here
            // again, a decimal JSON number or a grouped figure was no figure, and the fact went unsaid.
            let read: unknown;
            try {
                read = this.values.get(id);
            } catch {
                return undefined;
            }
            const parsed = read instanceof ExactNumber ? read : typeof read === 'number' ? ExactNumber.parse(read) : undefined;
            if (!parsed) {
                return undefined;
            }
            text = this.value(parsed, this.attributeUnit(attribute));
        } else {
            text = String(given);
        }
        return `${label}: ${text}`;
    }

    /** A rate by its title, and where the case selects its amount, the case's values that did: `Ersättning per timme (Regi: privat, Tid: natt)`. */
    rateLabel(rate: AnyRate): string {
        const selectors = rate.selectors ?? [];
        selectors.forEach(id => this.fact(id));
        const chosen = selectors.map(id => this.factText(id)).filter((text): text is string => text !== undefined);
        return chosen.length > 0 ? `${labelOf(rate)} (${chosen.join(', ')})` : labelOf(rate);
    }

    /** A yes/no or choice value as a reader says it: `ja`, the value's title, or its name as words. */
    private choiceText(attribute: Attribute, value: string | boolean): string {
        if (typeof value === 'boolean') {
            return value ? this.w.yes : this.w.no;
        }
        const domain = attribute.domain;
        const title = domain.type === 'enumeration' ? domain.values.find(v => v.name === value)?.title : undefined;
        return title ?? words(value).toLowerCase();
    }

    /** A fact as changed, by title: `kognitiv svikt hade varit ja`, `ålder hade varit minst 66 år`. */
    private changeText(change: FactChange): string {
        const label = lowerFirst(labelOf(change.attribute));
        if (change.kind === 'value') {
            return this.w.changedTo(label, lowerFirst(this.choiceText(change.attribute, change.value)));
        }
        const unit = this.attributeUnit(change.attribute);
        const { from, to } = change;
        if (from && to && from.closed && to.closed && from.value.equals(to.value)) {
            return this.w.changedTo(label, this.value(from.value, unit));
        }
        const bounds = [
            ...(from ? [`${from.closed ? this.w.bound.atLeast : this.w.bound.over} ${this.value(from.value, unit)}`] : []),
            ...(to ? [`${to.closed ? this.w.bound.atMost : this.w.bound.under} ${this.value(to.value, unit)}`] : []),
        ];
        return this.w.changedTo(label, bounds.join(` ${this.w.and} `));
    }

    /**
     * The nearest changes of the citizen's facts that give another answer to a rule of criteria
     * (nearest-change.ts says what "nearest" is), each said as a sentence; `ask` is the runtime's
     * answer as a key, `then` says another answer.
     */
    nearest(criteria: readonly Criterion[], ask: (citizen: CitizenInput) => string, then: (answer: string) => string): AnswerChange[] {
        const answer = (changed: CitizenInput): string | undefined => {
            try {
                return ask(changed);
            } catch {
                // A change the runtime refuses (a value another rule needs is missing) gives no answer to compare.
                return undefined;
            }
        };
        const found = nearestAnswerChanges(this.runtime, criteria, this.citizen, answer);
        for (const change of found) {
            this.nearestChange.push(this.w.otherAnswer(change.changes.map(c => this.changeText(c)), then(change.answer)));
        }
        return found;
    }

    fact(id: string): void {
        this.read.add(id);
        this.deciding.add(id);
        if (!this.facts.has(id)) {
            const text = this.factText(id);
            if (text) {
                this.facts.set(id, text);
            }
        }
    }

    /** Attributes the rule reads (for "did not matter"), without making them facts. */
    reads(criterion: Criterion | Expression): void {
        for (const id of attributesIn(criterion)) {
            this.read.add(id);
        }
    }

    ruleLine(text: string): void {
        if (!this.seenRules.has(text)) {
            this.seenRules.add(text);
            this.rule.push(text);
        }
    }

    step(text: string): void {
        if (!this.seenSteps.has(text)) {
            this.seenSteps.add(text);
            this.steps.push(text);
        }
    }

    sentence(criterion: Criterion): string {
        // A förlopp a chained column reads is said by its title (an attribute's values keep their own wording).
        const titleOf = (attribute: string, value: string) => {
            const domain = this.chainedKeys.has(attribute) ? this.attributes.get(attribute)?.domain : undefined;
            return domain?.type === 'enumeration' ? domain.values.find(v => v.name === value)?.title : undefined;
        };
        return criterionSentence(readableValues(criterion, titleOf), this.attributes, this.locale, (id, column) => this.namedValue(id, column));
    }

    /**
     * A value a cell compared with, as the answer used it: a parameter on the question's date by the
     * runtime's version lookup, another attribute as the citizen gives it (`Pensionsålder (65 år)`);
     * undefined where there is none to say (no date, a value missing).
     */
    private namedValue(id: string, column: string): string | undefined {
        const element = this.runtime.policy.find(id);
        if (element?.kind === 'attribute') {
            const fact = this.factText(id);
            return fact && `${fact.slice(0, fact.indexOf(':'))} (${fact.slice(fact.indexOf(':') + 2)})`;
        }
        if (element?.kind !== 'parameter' || !this.date) {
            return undefined;
        }
        let version;
        try {
            version = this.runtime.policy.parameterVersion(element, this.date);
        } catch {
            return undefined;
        }
        const quantity = version.value;
        const value = ExactNumber.parse(quantity.value);
        // A cell compares the number as written (a `%` cell with the per cent, not the share); a plain number counts what its column counts.
        const text = quantity.unit === 'kr' ? this.value(value, { unit: 'kr', ...(quantity.per ? { per: quantity.per } : {}) })
            : quantity.unit === '%' ? `${number(quantity.value, this.locale)}\u00a0%`
                : this.value(value, this.attributeUnit(this.attributes.get(column)));
        return `${labelOf(element)} (${text})`;
    }

    // ------------------------------------------------------------------ criteria

    /**
     * The facts that fix a criterion's outcome for this citizen, from its structure: every part of an
     * `och` that holds (or the smallest failing part when it fails), the smallest part of an `eller`
     * that holds (or every part when it fails). Given those facts, the criterion comes out the same
     * whatever the citizen's other values. Undefined where a value it needs is missing.
     */
    proof(criterion: Criterion): { holds: boolean; facts: Set<string> } | undefined {
        const parts = (list: readonly Criterion[], conjunction: boolean) => {
            const proofs = list.map(part => this.proof(part));
            const deciding = proofs.filter((p): p is NonNullable<typeof p> => p !== undefined && p.holds !== conjunction);
            if (deciding.length > 0) {
                // One part decides: the smallest such.
                const smallest = deciding.reduce((a, b) => (b.facts.size < a.facts.size ? b : a));
                return { holds: !conjunction, facts: smallest.facts };
            }
            if (proofs.some(p => p === undefined)) {
                return undefined;
            }
            return { holds: conjunction, facts: new Set(proofs.flatMap(p => [...p!.facts])) };
        };
        const comparison = (leaf: Criterion & { attribute: string }) => {
            try {
                return { holds: this.runtime.holds(leaf, this.values), facts: new Set([leaf.attribute]) };
            } catch {
                return undefined;
            }
        };
        return matchCriterion<{ holds: boolean; facts: Set<string> } | undefined>(criterion, {
            all: c => parts(c.all, true),
            any: c => parts(c.any, false),
            not: c => {
                const inner = this.proof(c.not);
                return inner && { holds: !inner.holds, facts: inner.facts };
            },
            test: comparison,
            op: comparison,
            in: comparison,
            between: comparison,
            against: comparison,
        });
    }

    /** The criterion's facts become the reason's; returns whether it holds (by the runtime). */
    decidedBy(criterion: Criterion): boolean {
        this.reads(criterion);
        const proof = this.proof(criterion);
        if (proof) {
            proof.facts.forEach(id => this.fact(id));
            return proof.holds;
        }
        return this.runtime.holds(criterion, this.values);
    }

    // ------------------------------------------------------------------ formulas

    /** What a formula's value counts, from what it reads. */
    unitOf(expression: Expression): ValueUnit {
        return matchExpression<ValueUnit>(expression, {
            quantity: expression => ({ unit: expression.quantity.unit, ...(expression.quantity.per ? { per: expression.quantity.per } : {}) }),
            level: () => NONE,
            ref: expression => {
                const element = this.runtime.policy.find(expression.ref);
                switch (element?.kind) {
                    case 'parameter': {
                        const per = element.versions[0]?.value.per;
                        return element.valueType === 'money' ? { unit: 'kr', ...(per ? { per } : {}) } : element.valueType === 'percent' ? { unit: '%' } : NONE;
                    }
                    // The unit the language gave the calculation (its expression-units analysis), where a
                    // reason can write it: a sum of monthly amounts and portions times a price per portion
                    // is kr/mån there, though the product below keeps no period.
                    case 'calculation': return compiledUnit(element.unit)
                        ?? (this.seenCalculations.has(element.id) ? NONE : this.withSeen(element.id, () => this.unitOf(element.value)));
                    case 'levelTable': return { unit: 'kr', ...(element.per ? { per: element.per } : {}) };
                    case 'flatRate': case 'placeRate': case 'hourlyRate': {
                        // A rate by the case has one unit in every row (rate-units-differ): the first row's.
                        const stated = element.amount ?? element.amounts?.find(row => !('open' in row.amount))?.amount;
                        const amount = stated && !('open' in stated) ? stated : undefined;
                        return { unit: amount?.unit ?? 'kr', ...(amount?.per ? { per: amount.per } : {}) };
                    }
                    case 'decisionTable': return columnUnit(element, expression.column);
                    case 'attribute': return this.attributeUnit(element);
                    default: return NONE;
                }
            },
            call: expression => expression.args.map(arg => this.unitOf(arg)).find(unit => unit.unit !== 'none') ?? NONE,
            round: expression => this.unitOf(expression.round),
            if: expression => {
                const then = this.unitOf(expression.then);
                return then.unit !== 'none' ? then : this.unitOf(expression.else);
            },
            op: expression => {
                const left = this.unitOf(expression.left);
                const right = this.unitOf(expression.right);
                if (expression.op === '+' || expression.op === '-') {
                    const unit = left.unit !== 'none' ? left : right;
                    // A period only where both sides count per the same period.
                    return left.per === right.per || right.unit === 'none' || left.unit === 'none' ? unit : { unit: unit.unit };
                }
                if (expression.op === '*') {
                    // Kronor per hour times hours are kronor: a product keeps no period (a share keeps the amount's).
                    const kr = left.unit === 'kr' ? left : right.unit === 'kr' ? right : undefined;
                    const other = kr === left ? right : left;
                    return kr ? (other.unit === '%' || (other.unit === 'none' && !other.word) ? kr : { unit: 'kr' }) : left.unit === '%' && right.unit === '%' ? { unit: '%' } : NONE;
                }
                // A division of kronor by a plain number stays kronor; kronor by kronor is a plain number.
                return left.unit === 'kr' && right.unit !== 'kr' ? { unit: 'kr' } : NONE;
            },
        });
    }

    private withSeen<T>(id: string, run: () => T): T {
        this.seenCalculations.add(id);
        try {
            return run();
        } finally {
            this.seenCalculations.delete(id);
        }
    }

    evaluate(expression: Expression, date: string, level: number | null | undefined): ExactNumber {
        return ExactNumber.parse(this.runtime.evaluate(expression, { date, citizen: this.values, ...(level !== undefined ? { level } : {}) }));
    }

    /** A part of a formula as a reader names it: an element's title, "the computed amount", or nothing for a plain figure (its value says it). */
    private partLabel(expression: Expression): string {
        const computed = () => this.w.computed;
        return matchExpression<string>(expression, {
            ref: reference => labelOf(this.runtime.policy.find(reference.ref), reference.ref).replace(/^./, c => c.toLowerCase()),
            round: rounded => this.partLabel(rounded.round),
            quantity: () => '',
            level: computed,
            op: computed,
            call: computed,
            if: computed,
        });
    }

    /** Whether a formula's value depends on the case (an attribute or the level), not on the date alone. */
    dependsOnCase(expression: Expression, seen = new Set<string>()): boolean {
        return matchExpression<boolean>(expression, {
            quantity: () => false,
            level: () => true,
            ref: expression => {
                const element = this.runtime.policy.find(expression.ref);
                if (expression.atLevel && this.dependsOnCase(expression.atLevel, seen)) {
                    return true;
                }
                switch (element?.kind) {
                    case 'attribute': return true;
                    case 'levelTable': return !expression.atLevel;
                    case 'decisionTable': return element.inputs.length > 0;
                    case 'calculation': return !seen.has(element.id) && (seen.add(element.id), this.dependsOnCase(element.value, seen));
                    default: return false;
                }
            },
            call: expression => expression.args.some(arg => this.dependsOnCase(arg, seen)),
            round: expression => this.dependsOnCase(expression.round, seen),
            if: () => true,
            op: expression => this.dependsOnCase(expression.left, seen) || this.dependsOnCase(expression.right, seen),
        });
    }

    /**
     * Walks a formula as the runtime evaluated it for this citizen: the values it read (parameters with
     * their version, tables with their row), each `min`/`max` with the value that decided and the one it
     * replaced, each rounding that changed the amount, each condition and the branch it chose.
     */
    walk(expression: Expression, date: string, level: number | null | undefined, done = new Set<string>(), nested = false): void {
        return matchExpression<void>(expression, {
            quantity: () => undefined,
            level: () => {
                if (level !== undefined && level !== null) {
                    this.step(this.w.value(words(this.w.level), String(level)));
                }
            },
            ref: expression => this.walkReference(expression, date, level, done),
            call: expression => {
                expression.args.forEach(arg => this.walk(arg, date, level, done, nested));
                if (expression.args.length > 1) {
                    const values = expression.args.map(arg => this.evaluate(arg, date, level));
                    const unit = this.unitOf(expression);
                    const pick = expression.call === 'min' ? ExactNumber.min(...values) : ExactNumber.max(...values);
                    // The amount a `min`/`max` bounds is its first part that depends on the case; the others are its bounds.
                    const main = Math.max(0, expression.args.findIndex(arg => this.dependsOnCase(arg)));
                    const chosen = values[main].equals(pick) ? main : values.findIndex(v => v.equals(pick));
                    if (chosen !== main) {
                        const text = expression.call === 'min' ? this.w.cappedBy : this.w.raisedTo;
                        this.step(text(this.partLabel(expression.args[chosen]), this.value(values[chosen], unit), this.value(values[main], unit)));
                    } else if (!nested) {
                        // A bound that did not bite is said only for the answered formula (maxtaxa not reached), not for every part.
                        expression.args.forEach((arg, index) => {
                            if (index !== main) {
                                this.step(this.w.notReached(this.partLabel(arg), this.value(values[index], unit)));
                            }
                        });
                    }
                }
            },
            round: expression => {
                this.walk(expression.round, date, level, done, nested);
                const exact = this.evaluate(expression.round, date, level);
                const rounded = exact.round(expression.rounding);
                if (!rounded.equals(exact)) {
                    const unit = this.unitOf(expression);
                    this.step(this.w.rounded(this.value(exact, unit), this.roundingText(expression.rounding), this.value(rounded, unit)));
                }
            },
            if: expression => {
                const holds = this.decidedBy(expression.if);
                const branch = holds ? expression.then : expression.else;
                const value = this.value(this.evaluate(branch, date, level), this.unitOf(branch));
                this.step((holds ? this.w.because : this.w.becauseNot)(this.sentence(expression.if), value));
                this.reads(holds ? expression.else : expression.then);
                this.walk(branch, date, level, done, nested);
            },
            op: expression => {
                this.walk(expression.left, date, level, done, nested);
                this.walk(expression.right, date, level, done, nested);
            },
        });
    }

    private walkReference(expression: Extract<Expression, { ref: string }>, date: string, outerLevel: number | null | undefined, done: Set<string>): void {
        const element = this.runtime.policy.find(expression.ref);
        const level = expression.atLevel ? Number(this.evaluate(expression.atLevel, date, outerLevel).toDecimal()) : outerLevel;
        if (expression.atLevel) {
            this.walk(expression.atLevel, date, outerLevel, done);
        }
        switch (element?.kind) {
            case 'attribute':
                this.fact(element.id);
                return;
            case 'parameter': {
                const version = this.runtime.policy.parameterVersion(element, date);
                const raw = ExactNumber.parse(version.value.value);
                const unit = this.unitOf(expression);
                const shown = this.value(unit.unit === '%' ? raw.divide(HUNDRED) : raw, unit);
                // An undated version's start (UNDATED_FROM) is the format's, not the source's: not shown as a date.
                this.step(version.undated ? this.w.undatedVersion(labelOf(element), shown) : this.w.version(labelOf(element), shown, version.from, version.to));
                return;
            }
            case 'calculation': {
                if (done.has(element.id)) {
                    return;
                }
                done.add(element.id);
                this.walk(element.value, date, level, done, true);
                this.step(this.w.value(labelOf(element), this.value(this.evaluate(expression, date, level), this.unitOf(expression))));
                return;
            }
            case 'decisionTable': {
                this.tableRows(element, date, level, [expression.column ?? element.outputs[0]]);
                const column = expression.column ?? element.outputs[0];
                // A chained column of ja/nej, a text, a förlopp or a date is no number: said as the table gave it.
                const kinds = columnKinds(element, column);
                const shown = !kinds.has('yesNo') && !kinds.has('text') && !kinds.has('pathway') && !kinds.has('date')
                    ? this.value(this.evaluate(expression, date, outerLevel), this.unitOf(expression))
                    : this.outputText(element, column, this.runtime.decide(element.id, { date, citizen: this.values, ...(level !== undefined ? { level } : {}) }).outputs[column] as string | null | undefined);
                this.step(this.w.value(labelOf(element) + (expression.column && element.outputs.length > 1 ? `, ${words(expression.column).toLowerCase()}` : ''), shown));
                return;
            }
            case 'levelTable':
            case 'flatRate': case 'placeRate': case 'hourlyRate': {
                const what = element.kind === 'levelTable' ? this.w.atLevel(labelOf(element), level === null || level === undefined ? this.w.noSupport : String(level)) : this.rateLabel(element);
                this.step(this.w.value(what, this.value(this.evaluate(expression, date, outerLevel), this.unitOf(expression))));
                return;
            }
            default:
                return;
        }
    }

    /** One output of a decision table as a reader reads it: a text as written, ja/nej in the reader's words, a date as written, a förlopp by title, a number in its unit. */
    outputText(table: DecisionTable, column: string, value: string | null | undefined): string {
        if (value === null || value === undefined) {
            return '–';
        }
        const kinds = columnKinds(table, column);
        if (kinds.has('text')) {
            return value;
        }
        if (kinds.has('yesNo')) {
            return value === 'ja' ? (this.locale === 'sv' ? 'ja' : 'yes') : (this.locale === 'sv' ? 'nej' : 'no');
        }
        if (kinds.has('date')) {
            // As every date in the reasons and the document: ISO 8601, as Swedish writes dates, in both languages.
            return value;
        }
        const pathway = this.runtime.policy.all('pathwayModel').flatMap(m => m.pathways).find(p => p.id === value);
        return pathway ? labelOf(pathway) : this.value(ExactNumber.parse(value), columnUnit(table, column));
    }

    /**
     * Which rows of a decision table decided, in words, with their facts; where a row answers with a
     * formula (`= min(426 kr/mån + avgiftsutrymme × 30 %, maxavgift)`), how it was computed, as for a
     * calculation: the case's amounts it read are facts, a bound that capped it and a rounding are steps.
     * `columns` limits the formulas to the columns asked (all when absent).
     */
    tableRows(table: DecisionTable, date: string, level: number | null | undefined, columns?: readonly string[]): void {
        const decision = this.runtime.decide(table.id, { date, citizen: this.values, ...(level !== undefined ? { level } : {}) });
        const label = labelOf(table);
        const rows = decision.rows ?? (decision.row > 0 ? [decision.row] : []);
        // A chained input (another table's output, a calculation): the upstream decision that fed this
        // one is reasoned first, its row and its value, and the row's sentence names it by title.
        const chained = new Set<string>();
        for (const input of table.inputs.filter(isChainedInput)) {
            const key = chainedInputKey(input);
            chained.add(key);
            const upstream = this.runtime.policy.get('decision' in input ? input.decision : input.calculation, 'decision' in input ? 'decisionTable' : 'calculation');
            const name = `${labelOf(upstream)}${'decision' in input && upstream.kind === 'decisionTable' && upstream.outputs.length > 1 ? `, ${words(input.column).toLowerCase()}` : ''}`;
            const pathwayLabel = (id: string) => {
                const pathway = this.runtime.policy.all('pathwayModel').flatMap(m => m.pathways).find(p => p.id === id);
                return pathway ? labelOf(pathway) : undefined;
            };
            this.attributes.set(key, { id: key, kind: 'attribute', name, source: upstream.source, domain: chainedDomain(upstream, input, pathwayLabel) });
            this.chainedKeys.add(key);
            this.walkReference('decision' in input ? { ref: input.decision, column: input.column } : { ref: input.calculation }, date, level, new Set());
        }
        const rowSentence = (row: number) => {
            const conditions = table.rows[row - 1].when.filter((c): c is Criterion => c !== null);
            for (const condition of conditions) {
                this.reads(condition);
                for (const id of attributesIn(condition)) {
                    if (chained.has(id)) {
                        // Said by the upstream's own step above, and no attribute of the citizen's that could "not matter".
                        this.read.delete(id);
                        continue;
                    }
                    if (id === LEVEL_INPUT) {
                        if (level !== undefined && level !== null) {
                            this.step(this.w.value(words(this.w.level), String(level)));
                        }
                    } else {
                        this.fact(id);
                    }
                }
            }
            return conditions.length === 0 ? undefined : this.sentence(conditions.length === 1 ? conditions[0] : { all: conditions });
        };
        if (decision.default) {
            this.ruleLine(this.w.otherwise(label));
            return;
        }
        if (listHitPolicy(table.hitPolicy)) {
            // Every matching row is in the answer: each one's facts, then the list in its order.
            if (rows.length === 0) {
                this.ruleLine(this.w.emptyList(label));
            } else {
                rows.forEach(row => {
                    const sentence = rowSentence(row);
                    this.ruleLine(sentence ? this.w.row(label, row, sentence) : this.w.rowAlways(label, row));
                });
                this.ruleLine(this.w.listRows(label, rows.join(', '), table.hitPolicy === 'outputOrder' ? 'priority' : 'rows'));
            }
            return;
        }
        if (table.hitPolicy === 'collect') {
            if (rows.length === 0) {
                this.ruleLine(this.w.noRows(label));
            } else {
                rows.forEach(rowSentence);
                this.ruleLine(this.w.rows(label, this.w.aggregations[table.aggregation ?? 'sum'], rows.join(', ')));
            }
            return;
        }
        const sentence = rowSentence(decision.row);
        this.ruleLine(sentence ? this.w.row(label, decision.row, sentence) : this.w.rowAlways(label, decision.row));
        if (table.hitPolicy === 'first' && decision.row > 1) {
            this.ruleLine(this.w.firstRow);
        }
        if (table.hitPolicy === 'priority') {
            this.ruleLine(this.w.priorityRow);
        }
        table.rows[decision.row - 1]?.then.forEach((cell, index) => {
            const formula = formulaCell(cell);
            if (formula && (!columns || columns.includes(table.outputs[index]))) {
                // What the row computes first, then what it read and where a bound or a rounding bit.
                this.words ??= new PolicyWords(this.runtime.policy.elements(), this.locale);
                this.step(this.w.rowFormula(this.words.formula(formula), this.value(this.evaluate(formula, date, level), this.unitOf(formula))));
                this.walk(formula, date, level);
            }
        });
    }

    roundingText(rounding: Rounding): string {
        return roundingWords(rounding, this.locale);
    }

    // ------------------------------------------------------------------ rule, guideline, legal basis

    /**
     * The riktlinje behind an element: one whose `krav` govern it (or its insatser), else the policy's
     * only one. An element of a shipped library (the national rules) is no riktlinje's: it is named as
     * the library's, so a municipality's guideline is never cited for a national amount.
     */
    guideline(governed: readonly string[]): void {
        const library = libraryOf(this.runtime.policy.find(governed[0])?.source.file);
        if (library) {
            this.ruleLine(this.w.libraryRule(library.name, library.version));
            return;
        }
        const guidelines = this.runtime.policy.all('guideline');
        const governing = guidelines.filter(g => g.obligations.some(o => o.governs.some(id => governed.includes(id))));
        const chosen = governing.length > 0 ? governing : guidelines.length === 1 ? guidelines : [];
        for (const guideline of chosen) {
            this.ruleLine(this.guidelineText(guideline));
            for (const obligation of guideline.obligations) {
                if (obligation.governs.some(id => governed.includes(id))) {
                    this.requirements.push(`(${this.w.force[obligation.force]}) ${obligation.text}`);
                }
            }
        }
    }

    /** A riktlinje named as the rule, without its requirements (a deadline's duties are listed by themselves). */
    riktlinje(guideline: Guideline): void {
        this.ruleLine(this.guidelineText(guideline));
    }

    private guidelineText(guideline: Guideline): string {
        const body = guideline.decidedBy ? labelOf(this.runtime.policy.find(guideline.decidedBy), guideline.decidedBy).toLowerCase() : undefined;
        const parts = [
            `${this.w.guideline}: ${labelOf(guideline)}`,
            ...(guideline.registrationNumber ? [`${this.w.registration} ${guideline.registrationNumber}`] : []),
            ...(guideline.decidedOn || body ? [[body ? `${this.w.decidedBy} ${body}` : this.w.decidedOn, guideline.decidedOn].filter(Boolean).join(' ')] : []),
        ];
        return `${parts.join(', ')}.`;
    }

    legal(element: CompiledElement | Pathway, also: Array<CompiledElement | Pathway> = []): void {
        const references = [element, ...also].map(e => legalBasisOf(this.runtime, e)).find(list => list.length > 0) ?? [];
        for (const reference of references) {
            const current = this.date === undefined ? reference : referenceInForce(this.runtime, reference, this.date);
            this.legalBasis.push(current === reference ? this.citation(reference) : this.w.carriesOn(this.citation(current), this.citation(reference)));
        }
    }

    private citation(reference: LegalReference): string {
        const law = this.runtime.policy.find(reference.law);
        const place = `${reference.chapter !== undefined ? this.w.chapter(reference.chapter) : ''}${this.w.section(reference.section)}${reference.point !== undefined ? this.w.point(reference.point) : ''}`;
        return law?.title ? this.w.citation(place, law.title) : reference.text;
    }

    finish(decision: string): Reason {
        const facts = [...this.facts.values()];
        const notDeciding = [...this.read].filter(id => id !== LEVEL_INPUT && !this.deciding.has(id) && this.attributes.has(id))
            .map(id => this.w.didNotMatter(labelOf(this.attributes.get(id))));
        const legalBasis = this.legalBasis.length > 0 ? this.legalBasis : [];
        const lines = [
            decision,
            ...this.rule,
            `${this.w.legalBasis}: ${legalBasis.length > 0 ? legalBasis.join('; ') : this.w.noLegalBasis}.`,
            ...(facts.length > 0 ? [`${this.w.facts}: ${facts.join('; ')}.`] : []),
            ...notDeciding,
            // One step a line: a reader follows the figures down the page.
            ...(this.steps.length > 0 ? [`${this.w.steps}:`, ...this.steps.map(step => `– ${step.replace(/\.$/, '')}`)] : []),
            ...(this.requirements.length > 0 ? [`${this.w.requirements}: ${this.requirements.map(r => r.replace(/\.$/, '')).join('; ')}.`] : []),
            ...this.nearestChange,
        ];
        return { decision, rule: this.rule, legalBasis, facts, notDeciding, steps: this.steps, requirements: this.requirements, nearestChange: this.nearestChange, text: lines.join('\n') };
    }
}

/** The kinds of value an output column's cells give (number, ja/nej, text, förlopp, date). */
function columnKinds(table: DecisionTable, column: string): Set<ReturnType<typeof decisionResultKind>> {
    const index = table.outputs.indexOf(column);
    return new Set([...table.rows.map(row => row.then[index]), table.defaultOutputs?.[index]].flatMap(cell => (cell ? [decisionResultKind(cell)] : [])));
}

function columnUnit(table: DecisionTable, column: string | undefined): ValueUnit {
    const index = column === undefined ? 0 : Math.max(0, table.outputs.indexOf(column));
    for (const row of table.rows) {
        const cell = row.then[index];
        if (cell && 'unit' in cell) {
            return { unit: cell.unit, ...(cell.per ? { per: cell.per } : {}) };
        }
    }
    return NONE;
}

/** Every attribute a criterion or formula reads, in order. */
function attributesIn(node: Criterion | Expression): string[] {
    const found: string[] = [];
    const visit = (value: unknown): void => {
        if (Array.isArray(value)) {
            value.forEach(visit);
        } else if (value && typeof value === 'object') {
            const record = value as Record<string, unknown>;
            if (typeof record.attribute === 'string' && !found.includes(record.attribute)) {
                found.push(record.attribute);
            }
            if (typeof record.ref === 'string' && record.ref.startsWith('attribute/') && !found.includes(record.ref)) {
                found.push(record.ref);
            }
            Object.values(record).forEach(visit);
        }
    };
    visit(node);
    return found;
}

// ------------------------------------------------------------------ the questions

/** The reason for one answer; a question the runtime cannot answer throws its typed error, as the answer does. */
export function reasonFor(runtime: PolicyRuntime, question: ReasonQuestion, locale: ReasonLocale): Reason {
    const w = WORDS[locale];
    const writer = new ReasonWriter(runtime, locale, 'citizen' in question ? question.citizen ?? {} : {}, 'date' in question ? question.date : undefined);
    switch (question.type) {
        case 'placement': {
            const model = runtime.policy.get(question.model, 'pathwayModel');
            const placement = runtime.placeInPathway(model.id, question.citizen);
            const pathway = model.pathways.find(p => p.id === placement.pathway);
            const secondary = model.pathways.find(p => p.id === placement.secondary);
            for (const p of model.pathways) {
                if (p.criterion) {
                    const holds = writer.decidedBy(p.criterion);
                    if (p === pathway || p === secondary || holds) {
                        writer.ruleLine(w.holds(labelOf(p), writer.sentence(p.criterion)));
                    }
                }
            }
            if (pathway?.description) {
                writer.ruleLine(w.means(labelOf(pathway), pathway.description));
            }
            const chosen = [pathway, secondary].filter((p): p is Pathway => p !== undefined);
            writer.guideline([model.id, ...chosen.map(p => p.id), ...model.services]);
            writer.legal(pathway ?? model, [model]);
            const decision = pathway
                ? `${w.placed(labelOf(model), labelOf(pathway))}${secondary ? ` ${w.secondary(labelOf(secondary))}` : ''}`
                : w.noPathway(labelOf(model));
            writer.nearest(model.pathways.flatMap(p => (p.criterion ? [p.criterion] : [])), changed => runtime.placeInPathway(model.id, changed).pathway ?? '', other => {
                const placed = model.pathways.find(p => p.id === other);
                return placed ? w.wouldBePlaced(labelOf(placed)) : w.wouldBeInNone;
            });
            return writer.finish(decision);
        }
        case 'inclusion': {
            const pilot = runtime.policy.get(question.pilot, 'pilot');
            const inclusion = runtime.checkInclusion(pilot.id, question.citizen, {
                ...(question.date ? { date: question.date } : {}), ...(question.unit ? { unit: question.unit } : {}), ...(question.service ? { service: question.service } : {}),
            });
            const phase = pilot.phase ? runtime.policy.find(pilot.phase) : undefined;
            if (phase?.kind === 'testPhase') {
                writer.ruleLine(w.testPhase(labelOf(phase), phase.registrationNumber));
            }
            // A day outside the pilot's period decides alone: the citizen's values did not matter.
            const outside = pilot.period && question.date !== undefined && !(question.date >= pilot.period.from && (!pilot.period.to || question.date <= pilot.period.to));
            let admitted = !outside;
            if (pilot.period) {
                writer.ruleLine(w.period(pilot.period.from, pilot.period.to));
                if (outside) {
                    writer.ruleLine(w.outsidePeriod(question.date!));
                }
            }
            if (pilot.inclusion && outside) {
                writer.reads(pilot.inclusion);
            } else if (pilot.inclusion) {
                admitted = writer.decidedBy(pilot.inclusion);
                writer.ruleLine(w.inclusion(writer.sentence(pilot.inclusion)));
            }
            for (const exclusion of pilot.exclusions) {
                if (!admitted) {
                    writer.reads(exclusion);
                    continue;
                }
                const excluded = writer.decidedBy(exclusion);
                writer.ruleLine(excluded ? w.excludedBy(writer.sentence(exclusion)) : w.exclusion(writer.sentence(exclusion)));
                admitted &&= !excluded;
            }
            if (admitted && !inclusion.included) {
                // Date, unit or service: the runtime's own requirement list says which.
                if (question.unit && pilot.units.length > 0) {
                    writer.ruleLine(w.unitNotListed(question.unit));
                }
                if (question.service && pilot.services.length > 0) {
                    writer.ruleLine(w.serviceNotListed(question.service));
                }
            }
            if (!outside) {
                // A day outside the period cannot be changed by the citizen's facts; inside it, the requirements can.
                const context = { ...(question.date ? { date: question.date } : {}), ...(question.unit ? { unit: question.unit } : {}), ...(question.service ? { service: question.service } : {}) };
                writer.nearest([...(pilot.inclusion ? [pilot.inclusion] : []), ...pilot.exclusions], changed => String(runtime.checkInclusion(pilot.id, changed, context).included),
                    other => w.wouldBeIncluded(other === 'true'));
            }
            writer.guideline([pilot.id, ...pilot.services]);
            writer.legal(pilot);
            return writer.finish(inclusion.included ? w.included(labelOf(pilot)) : w.notIncluded(labelOf(pilot)));
        }
        case 'eligibility': {
            const service = runtime.policy.get(question.service, 'service');
            // The runtime's answer says which clause decided; the reason reads the clauses up to it.
            const answer = runtime.checkEligibility(service.id, question.citizen);
            const rule = service.eligibility!; // the runtime has refused an insats without one
            const decided = answer.decidedBy;
            const stopsAt = !answer.granted && decided.clause === 'inclusion' ? 0 : !answer.granted && decided.clause === 'exclusion' ? decided.exclusion : rule.exclusions.length;
            writer.decidedBy(rule.inclusion);
            writer.ruleLine(w.grantedWhen(writer.sentence(rule.inclusion)));
            rule.exclusions.forEach((exclusion, index) => {
                if (index >= stopsAt) {
                    writer.reads(exclusion.criterion);
                    writer.ruleLine(w.notGrantedWhen(writer.sentence(exclusion.criterion)));
                    // The rule whole: an exclusion said without its exceptions reads as having none.
                    for (const exception of exclusion.exceptions) {
                        writer.reads(exception);
                        writer.ruleLine(w.exceptionWhen(writer.sentence(exception)));
                    }
                    return;
                }
                const applies = writer.decidedBy(exclusion.criterion);
                // The exceptions are asked in order until one lifts the exclusion; the rest did not matter.
                const lifting = applies ? exclusion.exceptions.find(exception => writer.decidedBy(exception)) : undefined;
                const sentence = writer.sentence(exclusion.criterion);
                writer.ruleLine(!applies ? w.notGrantedWhen(sentence) : lifting ? w.excludedButLifted(sentence) : w.excludedWhen(sentence));
                for (const exception of exclusion.exceptions) {
                    writer.reads(exception);
                    writer.ruleLine(exception === lifting ? w.liftedBy(writer.sentence(exception)) : w.exceptionWhen(writer.sentence(exception)));
                }
            });
            writer.nearest([rule.inclusion, ...rule.exclusions.flatMap(exclusion => [exclusion.criterion, ...exclusion.exceptions])],
                changed => String(runtime.checkEligibility(service.id, changed).granted), other => w.wouldBeGranted(other === 'true'));
            writer.guideline([service.id]);
            writer.legal(service);
            return writer.finish(answer.granted ? w.granted(labelOf(service)) : w.notGranted(labelOf(service)));
        }
        case 'deadline': {
            const answer = runtime.deadlines(question, locale);
            const guidelines = runtime.policy.all('guideline');
            const obligation = (id: string) => guidelines.flatMap(g => g.obligations).find(o => o.id === id)!;
            // The conditions are asked again through the writer, so the facts that decided are named: the
            // `när`, then the exceptions in order up to the one that held (the runtime asked no further).
            for (const id of new Set([...answer.duties.map(d => d.obligation), ...answer.leftAside.map(l => l.obligation)])) {
                const o = obligation(id);
                if (o.condition && !writer.decidedBy(o.condition)) {
                    continue;
                }
                o.exceptions?.some(e => writer.decidedBy(e.condition));
            }
            for (const id of new Set([...answer.duties, ...answer.leftAside].map(d => d.guideline))) {
                writer.riktlinje(runtime.policy.get(id, 'guideline'));
            }
            for (const duty of answer.duties) {
                const force = `${w.force[duty.force]}${duty.usually ? ` ${w.usually}` : ''}`;
                writer.ruleLine(w.dutyLine(labelOf(obligation(duty.obligation)), force, duty.text, 'date' in duty ? w.term[duty.term](duty.date) : duty.error.message));
            }
            for (const aside of answer.leftAside) {
                const what = labelOf(obligation(aside.obligation));
                writer.ruleLine(aside.because === 'condition' ? w.notByCondition(what) : w.notByException(what, aside.exception!, aside.exceptionText));
            }
            return writer.finish(w.due(w.event[answer.event], answer.eventDate, answer.duties.length));
        }
        case 'compensation': {
            const table = runtime.policy.get(question.table, 'levelTable');
            const amount = ExactNumber.parse(runtime.compensation(table.id, question.level, question.date).amount);
            writer.guideline([table.id, ...(table.service ? [table.service] : [])]);
            writer.legal(table);
            return writer.finish(w.amount(w.atLevel(labelOf(table), String(question.level)), writer.value(amount, { unit: 'kr', ...(table.per ? { per: table.per } : {}) })));
        }
        case 'rate': {
            // A rate by its id or its name, of whichever of the three kinds it is.
            const element = [...runtime.policy.all('flatRate'), ...runtime.policy.all('placeRate'), ...runtime.policy.all('hourlyRate')]
                .find(rate => rate.id === question.rate || rate.name === question.rate);
            if (!element) {
                throw runtimeError('unknown-rate', { reference: question.rate }, { reference: question.rate });
            }
            // The answer reads the rate's amount as the policy states it (an open one is an error answer,
            // given no reason), for the case's values where the case selects it (the runtime's lookup).
            const amount = isSelectedRate(element) ? rateAmount(element, runtime.citizen(question.citizen ?? {})).amount
                : element.amount && !('open' in element.amount) ? element.amount : undefined;
            if (!amount) {
                return writer.finish(labelOf(element));
            }
            writer.guideline([element.id, ...(element.service ? [element.service] : [])]);
            writer.legal(element);
            return writer.finish(w.amount(writer.rateLabel(element), writer.value(ExactNumber.parse(amount.value), { unit: amount.unit, ...(amount.per ? { per: amount.per } : {}) })));
        }
        case 'fee': {
            const fee = runtime.policy.get(question.fee, 'fee');
            const parts = runtime.feeParts(fee.id, question.level, question.citizen, question.date);
            const kr = { unit: 'kr' as const, per: 'month' as const };
            if (fee.room) {
                writer.walk(fee.room, question.date, question.level);
            }
            if (parts.room && parts.share && parts.shared) {
                // The runtime floors the room at 0 kr (fee.ts); where that decided, the room as computed is said beside it.
                const computed = fee.room ? writer.evaluate(fee.room, question.date, question.level) : parts.room;
                writer.step(computed.compare(parts.room) < 0
                    ? w.roomFloor(writer.value(parts.room, kr), writer.value(computed, kr))
                    : w.room(writer.value(parts.room, kr)));
                writer.step(w.share(writer.value(parts.share, { unit: '%' }), writer.value(parts.shared, kr)));
            }
            if (fee.ceiling) {
                writer.walk(fee.ceiling, question.date, question.level);
            }
            // The level's own amount is the fee's start where there is no avgiftsutrymme to share.
            const start = parts.shared ?? parts.flat;
            const bounds: Array<[string, ExactNumber | undefined]> = [
                ...(parts.shared && parts.flat && question.level !== undefined ? [[w.feeAmount(question.level), parts.flat] as [string, ExactNumber]] : []),
                ...(question.level !== undefined ? [[w.feeCap(question.level), parts.cap] as [string, ExactNumber | undefined]] : []),
                [w.ceiling, parts.ceiling],
            ];
            for (const [what, bound] of bounds) {
                if (bound === undefined || bound === start) {
                    continue;
                }
                writer.step(bound.equals(parts.unrounded) && start !== undefined && !start.equals(parts.unrounded)
                    ? w.cappedBy(what, writer.value(bound, kr), writer.value(start, kr))
                    : w.notReached(what, writer.value(bound, kr)));
            }
            if (!parts.amount.equals(parts.unrounded)) {
                writer.step(w.rounded(writer.value(parts.unrounded, kr), writer.roundingText(parts.rounding), writer.value(parts.amount, kr)));
            }
            for (const change of feeNearestChanges(runtime, fee, parts, question.level, question.citizen, question.date, fee.room ? attributesIn(fee.room) : [])) {
                writer.nearestChange.push(w.lowerFee(labelOf(change.attribute).toLowerCase(), change.direction, writer.value(change.value, { unit: 'kr' })));
            }
            writer.guideline([fee.id, ...(fee.service ? [fee.service] : [])]);
            writer.legal(fee);
            return writer.finish(w.amount(question.level !== undefined ? `${labelOf(fee)}, ${w.level} ${question.level}` : labelOf(fee), writer.value(parts.amount, kr)));
        }
        case 'calculation': {
            const calculation = runtime.policy.get(question.calculation, 'calculation');
            const reference: Expression = { ref: calculation.id };
            const level = question.level;
            const amount = runtime.calculate(calculation.id, { date: question.date, citizen: question.citizen, ...(level !== undefined ? { level } : {}) }, { explain: false }).amount;
            writer.walk(calculation.value, question.date, level, new Set([calculation.id]));
            writer.guideline([calculation.id]);
            writer.legal(calculation);
            return writer.finish(w.amount(labelOf(calculation), writer.value(ExactNumber.parse(amount), writer.unitOf(reference))));
        }
        case 'decision': {
            const table = runtime.policy.get(question.table, 'decisionTable');
            const level = question.level;
            // No date is '' to the walks below, as the runtime reads a question's date: where the table
            // reads nothing dated none is needed (dated-reads.ts), and otherwise decide refuses, naming what needs one.
            const date = question.date ?? '';
            const decision = runtime.decide(table.id, { date, citizen: question.citizen, ...(level !== undefined ? { level } : {}) });
            const columns = question.column ? [question.column] : table.outputs;
            writer.tableRows(table, date, level, columns);
            const say = (outputs: Readonly<Record<string, unknown>>) => columns.map(column => {
                const name = table.outputs.length > 1 ? `${words(column).toLowerCase()} ` : '';
                return `${name}${writer.outputText(table, column, outputs[column] as string | null | undefined)}`;
            }).join(', ');
            // A list policy's answer is every matching row's outputs, said one after the other.
            type Said = Record<string, unknown> | Array<Record<string, unknown>>;
            const sayAnswer = (answer: Said) => (Array.isArray(answer) ? (answer.length === 0 ? w.noneListed : answer.map(say).join('; ')) : say(answer));
            const pick = (outputs: Readonly<Record<string, string | null>>) => Object.fromEntries(columns.map(column => [column, outputs[column] ?? null]));
            const answerOf = (changed: CitizenInput) => {
                const other = runtime.decide(table.id, { date, citizen: changed, ...(level !== undefined ? { level } : {}) });
                return JSON.stringify(other.list ? other.list.map(pick) : pick(other.outputs));
            };
            writer.nearest(table.rows.flatMap(row => row.when.filter((c): c is Criterion => c !== null)), answerOf,
                other => w.wouldBeDecided(lowerFirst(labelOf(table)), sayAnswer(JSON.parse(other) as Said)));
            writer.guideline([table.id]);
            writer.legal(table);
            return writer.finish(w.amount(labelOf(table), sayAnswer(decision.list ?? decision.outputs)));
        }
        case 'netEffect': {
            const table = runtime.policy.get(question.table, 'levelTable');
            const rate = runtime.policy.get(question.rate, 'hourlyRate');
            const effect = runtime.netEffect(question);
            const kr = { unit: 'kr' as const };
            const levelText = (level: number | null) => (level === null ? w.noSupport : `${w.level} ${level}`);
            const amountAt = (level: number | null) => writer.value(ExactNumber.parse(runtime.compensation(table.id, level ?? 0, question.date).amount), kr);
            writer.step(w.netBefore(`${labelOf(table)}, ${levelText(question.before)}`, question.before === null ? writer.value(ExactNumber.ZERO, kr) : amountAt(question.before)));
            writer.step(w.netAfter(`${labelOf(table)}, ${levelText(question.after)}`, question.after === null ? writer.value(ExactNumber.ZERO, kr) : amountAt(question.after)));
            const hourly = rate.amount && !('open' in rate.amount) ? ExactNumber.parse(rate.amount.value) : ExactNumber.ZERO;
            const hours = ExactNumber.parse(question.hours.replace(',', '.'));
            writer.step(w.netCost(number(hours.toDecimal(), locale), `${labelOf(rate).replace(/^./, c => c.toLowerCase())} ${writer.value(hourly, { unit: 'kr', per: 'hour' })}`, writer.value(hours.multiply(hourly), kr)));
            writer.step(w.netTotal(question.months, writer.value(ExactNumber.parse(effect.total), kr)));
            writer.guideline([table.id, ...(table.service ? [table.service] : [])]);
            writer.legal(table);
            return writer.finish(w.netMonthly(writer.value(ExactNumber.parse(effect.monthly), kr)));
        }
    }
}

function literalValue(literal: Literal): unknown {
    return 'boolean' in literal ? literal.boolean : 'enumeration' in literal ? literal.enumeration : 'date' in literal ? literal.date : literal.number;
}

/** The question an inline example asks, as a reason question (its citizen by attribute id). */
export function exampleQuestion(example: Example): ReasonQuestion {
    const q = example.question;
    const citizen = 'citizen' in q ? Object.fromEntries(q.citizen.map(v => [v.attribute, literalValue(v.value)])) as CitizenInput : {};
    const date = example.date ?? '';
    switch (q.type) {
        case 'placement': return { type: 'placement', model: q.model, citizen };
        case 'inclusion': return { type: 'inclusion', pilot: q.pilot, citizen, ...(example.date ? { date: example.date } : {}) };
        case 'compensation': return { type: 'compensation', table: q.table, level: q.level, ...(example.date ? { date: example.date } : {}) };
        case 'fee': return { type: 'fee', fee: q.fee, ...(q.level !== undefined ? { level: q.level } : {}), citizen, date };
        case 'calculation': return { type: 'calculation', calculation: q.calculation, citizen, date, ...(q.level !== undefined ? { level: q.level } : {}) };
        case 'decision': return { type: 'decision', table: q.table, citizen, date, ...(q.column ? { column: q.column } : {}), ...(q.level !== undefined ? { level: q.level } : {}) };
        case 'netEffect': return { type: 'netEffect', table: q.table, before: q.before, after: q.after, hours: q.hours, rate: q.rate, months: q.months, ...(example.date ? { date: example.date } : {}) };
        case 'eligibility': return { type: 'eligibility', service: q.service, citizen };
    }
}

/**
 * A case's answers with a reason on each one that has an answer (an answer that is an error keeps its
 * error, which says why). The same questions as the answers, asked again through the runtime.
 */
export function withReasons(runtime: PolicyRuntime, input: CaseInput, answer: CaseAnswer, locale: ReasonLocale): CaseAnswer {
    const citizen = input.citizen;
    const date = input.date;
    const level = input.level;
    const reasoned = <T extends object>(entry: T, question: () => ReasonQuestion | undefined): T => {
        if ('error' in entry) {
            return entry;
        }
        const asked = question();
        return asked ? { ...entry, reason: reasonFor(runtime, asked, locale) } : entry;
    };
    return {
        ...answer,
        placements: answer.placements.map(p => reasoned(p, () => ({ type: 'placement', model: p.model, citizen }))),
        inclusions: answer.inclusions.map(i => reasoned(i, () => ({
            type: 'inclusion', pilot: i.pilot, citizen, ...(date ? { date } : {}), ...(input.unit ? { unit: input.unit } : {}), ...(input.service ? { service: input.service } : {}),
        }))),
        compensation: answer.compensation.map(c => reasoned(c, () => (level !== undefined ? { type: 'compensation', table: c.table, level, ...(date ? { date } : {}) } : undefined))),
        ...(answer.fees ? { fees: answer.fees.map(f => reasoned(f, () => (date ? { type: 'fee', fee: f.fee, ...(level !== undefined ? { level } : {}), citizen, date } : undefined))) } : {}),
        ...(answer.rates ? { rates: answer.rates.map(r => reasoned(r, () => ({ type: 'rate', rate: r.rate, citizen, ...(date ? { date } : {}) }))) } : {}),
        // A decision answered without a date reads nothing dated: its reason needs none either.
        ...(answer.decisions ? { decisions: answer.decisions.map(d => reasoned(d, () => ({ type: 'decision', table: d.table, citizen, ...(date ? { date } : {}), ...(level !== undefined ? { level } : {}) }))) } : {}),
        ...(answer.amounts ? { amounts: answer.amounts.map(a => reasoned(a, () => (date ? { type: 'calculation', calculation: a.calculation, citizen, date, ...(level !== undefined ? { level } : {}) } : undefined))) } : {}),
        ...(answer.eligibility ? { eligibility: answer.eligibility.map(e => reasoned(e, () => ({ type: 'eligibility', service: e.service, citizen }))) } : {}),
    };
}

/**
 * A chained input's values as an attribute's domain, for the sentence that names it: ja/nej where the
 * upstream column gives ja/nej, its texts or förlopp (each förlopp by its title, `pathwayLabel`) where it
 * gives those, otherwise the numbers between its least and greatest value (any number for a
 * calculation, whose bounds the sentence does not need).
 */
function chainedDomain(upstream: CompiledElement, input: ChainedDecisionInput, pathwayLabel: (id: string) => string | undefined): Attribute['domain'] {
    const cells = upstream.kind === 'decisionTable' && 'decision' in input
        ? [...upstream.rows.map(row => row.then[upstream.outputs.indexOf(input.column)]), ...(upstream.defaultOutputs ? [upstream.defaultOutputs[upstream.outputs.indexOf(input.column)]] : [])]
        : [];
    if (cells.length > 0 && cells.every(cell => cell !== undefined && 'yesNo' in cell)) {
        return { type: 'boolean' };
    }
    if (cells.length > 0 && (cells.every(cell => cell !== undefined && 'text' in cell) || cells.every(cell => cell !== undefined && 'pathway' in cell))) {
        const names = [...new Set(cells.map(cell => ('text' in cell! ? cell.text : (cell as { pathway: string }).pathway)))];
        return { type: 'enumeration', values: names.map(name => ({ name, ...(pathwayLabel(name) ? { title: pathwayLabel(name) } : {}) })) };
    }
    const values = cells.flatMap(cell => {
        const quantity = quantityCell(cell);
        return quantity ? [ExactNumber.parse(quantity.value)] : [];
    });
    const min = values.length > 0 ? values.reduce((a, b) => (b.compare(a) < 0 ? b : a)).toDecimal() : '0';
    const max = values.length > 0 ? values.reduce((a, b) => (b.compare(a) > 0 ? b : a)).toDecimal() : '0';
    return { type: 'decimal', min, max };
}
