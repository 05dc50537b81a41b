import { itemList } from '@regelratt/analyses';
import { isCriterion, isExpression, matchComparison, matchExpression, type AnswerOccasion, type Attribute, type CompiledElement, type Criterion, type Expression, type GivenValue, type Literal, type Quantity, type Rounding } from '@regelratt/format';
import type { RuntimeErrorCode } from '@regelratt/runtime';
import { roundingWords } from './rounding-words.js';
import { unitWord } from './unit-word.js';
import { criterionSentence, number, readableValues } from './criterion-sentence.js';

/** The occasions an amount can be per, in Swedish and English: `245 kr per insats`. */
const OCCASIONS = {
    occasion: ['tillfälle', 'occasion'], visit: ['besök', 'visit'], service: ['insats', 'service'], portion: ['portion', 'portion'],
} as const satisfies Record<AnswerOccasion, readonly [string, string]>;

/**
 * The policy's things in the words of the document a nämnd signs: every element, attribute,
 * enumeration value and förlopp by its title (a name without a title as words, `första ansökan`),
 * criteria as clauses (`ålder är över 65 år`, `kan inte ta sig till vårdcentralen`), formulas with titles in place of
 * names (`0,5392 × prisbasbelopp / 12`). The names themselves appear only in the document's appendix.
 */
export class PolicyWords {
    private readonly sv: boolean;
    private readonly byId = new Map<string, { name: string; title?: string }>();
    private readonly attributes = new Map<string, Attribute>();

    constructor(elements: readonly CompiledElement[], private readonly locale: 'sv' | 'en') {
        this.sv = locale === 'sv';
        for (const element of elements) {
            this.byId.set(element.id, element);
            if (element.kind === 'attribute') {
                this.attributes.set(element.id, element);
            }
            if (element.kind === 'pathwayModel') {
                // Förlopp are named in examples, tables and secondary placements by their own ids.
                for (const pathway of element.pathways) {
                    this.byId.set(pathway.id, pathway);
                }
            }
        }
    }

    private t(sv: string, en: string): string {
        return this.sv ? sv : en;
    }

    /** An element's or förlopp's title; without one, its name as words. */
    title(id: string | undefined): string {
        if (!id) {
            return '';
        }
        const labelled = this.byId.get(id);
        return labelled?.title ?? words(labelled?.name ?? id.slice(id.indexOf('/') + 1));
    }

    /** A title inside a sentence: `prisbasbelopp`, but `EQ5D` and `SoL` as written. */
    inline(id: string): string {
        return inSentence(this.title(id));
    }

    /** A value an attribute takes, as the reader reads it: an enumeration value by its title, yes/no, a number with the attribute's unit. */
    value(attributeId: string, literal: Literal): string {
        const attribute = this.attributes.get(attributeId);
        if ('boolean' in literal) {
            return literal.boolean ? this.t('ja', 'yes') : this.t('nej', 'no');
        }
        if ('enumeration' in literal) {
            const title = this.enumerationTitle(attributeId, literal.enumeration);
            return title ? inSentence(title) : words(literal.enumeration);
        }
        if ('date' in literal) {
            return literal.date;
        }
        return `${number(literal.number, this.locale)}${this.unitOf(attribute, literal.number)}`;
    }

    /**
     * A value where it stands alone (a table's cell, `Områdestyp: Tätort`): an enumeration value by its
     * title as written, since lower-casing "Tätort" would show its name `tätort`; any other as `value`.
     */
    titled(attributeId: string, literal: Literal): string {
        return ('enumeration' in literal ? this.enumerationTitle(attributeId, literal.enumeration) : undefined) ?? this.value(attributeId, literal);
    }

    /** An enumeration value's title as the policy writes it, if it has one. */
    private enumerationTitle(attributeId: string, name: string): string | undefined {
        const domain = this.attributes.get(attributeId)?.domain;
        return domain?.type === 'enumeration' ? domain.values.find(v => v.name === name)?.title : undefined;
    }

    private unitOf(attribute: Attribute | undefined, amount: string): string {
        const domain = attribute?.domain;
        if (domain?.type === 'integer' || domain?.type === 'decimal') {
            return domain.unit ? `\u00a0${unitWord(domain.unit, amount)}` : '';
        }
        return domain?.type === 'money' ? '\u00a0kr' : '';
    }

    /** What a citizen is given in an example: `Ålder: 70 år`, one per value. */
    given(values: readonly GivenValue[]): string[] {
        return values.map(v => `${this.title(v.attribute)}: ${this.titled(v.attribute, v.value)}`);
    }

    /**
     * A criterion as conditions one per line, each a clause (`ålder är över 65 år`, `kan inte ta sig
     * till vårdcentralen`): the parts of a top-level `och` each on its own (all must hold), otherwise
     * the criterion as one.
     */
    conditions(criterion: Criterion): string[] {
        return isCriterion(criterion, 'all') && criterion.all.length > 1 ? criterion.all.map(part => this.condition(part)) : [this.condition(criterion)];
    }

    /**
     * One condition as a clause inside a sentence (`Gäller när ålder är minst 65 år`), by the same
     * sentence the reasons say, with enumeration values by their titles and a named value by its title.
     */
    condition(criterion: Criterion): string {
        const titled = readableValues(criterion, (attribute, value) => {
            const domain = this.attributes.get(attribute)?.domain;
            const title = domain?.type === 'enumeration' ? domain.values.find(v => v.name === value)?.title : undefined;
            return title === undefined ? undefined : inSentence(title);
        });
        return criterionSentence(titled, this.attributes, this.locale, id => this.inline(id));
    }

    /** The test on one attribute without the attribute: `över 65 år`, `18–64 år`, `ja`. */
    test(criterion: Exclude<Criterion, { all: Criterion[] } | { any: Criterion[] } | { not: Criterion }>): string {
        const words = this.sv
            ? { '=': '', '!=': 'inte ', '<': 'under ', '<=': 'högst ', '>': 'över ', '>=': 'minst ' }
            : { '=': '', '!=': 'not ', '<': 'under ', '<=': 'at most ', '>': 'over ', '>=': 'at least ' };
        if (isCriterion(criterion, 'against')) {
            // A named value (a parameter, another attribute) by its title: `under Maxtaxa`.
            return `${words[criterion.against.op]}${this.inline(criterion.against.ref)}`;
        }
        return matchComparison<string>(criterion, {
            test: () => this.t('ja', 'yes'),
            between: c => `${number(c.between.min, this.locale)}–${number(c.between.max, this.locale)}${this.unitOf(this.attributes.get(c.attribute), c.between.max)}`,
            in: c => itemList(c.in.map(v => this.titled(c.attribute, v)), this.locale, 'or'),
            op: c => `${words[c.op]}${this.titled(c.attribute, c.value)}`,
        });
    }

    /** A quantity the Swedish way: `2 037 kr/månad`, `245 kr per insats`, `337,50 kr`, `90 %`, `0,5392`. */
    quantity(quantity: Quantity): string {
        const occasion = quantity.per && Object.hasOwn(OCCASIONS, quantity.per) ? OCCASIONS[quantity.per as AnswerOccasion][this.sv ? 0 : 1] : undefined;
        const per = occasion ? ` per ${occasion}` : quantity.per ? `/${this.period(quantity.per)}` : '';
        // Kronor with öre are written with two decimals: 337,50 kr, not 337,5 kr.
        const value = quantity.unit === 'kr' && /\.\d$/.test(quantity.value) ? `${quantity.value}0` : quantity.value;
        return quantity.unit === 'none' ? number(value, this.locale) : `${number(value, this.locale)}\u00a0${quantity.unit}${per}`;
    }

    period(period: string): string {
        const words: Record<string, [string, string]> = { month: ['månad', 'month'], hour: ['timme', 'hour'], day: ['dygn', 'day'], week: ['vecka', 'week'], year: ['år', 'year'] };
        return words[period]?.[this.sv ? 0 : 1] ?? period;
    }

    /** A column of a decision table as words: `avgift`, `utökad omvårdnad`. */
    column(column: string): string {
        return words(column);
    }

    /**
     * A formula with titles in place of names: the arithmetic as written (`0,5392 × prisbasbelopp / 12`),
     * `min` and `max` as "det lägsta av …" and "det högsta av …", a condition as "… om …, annars …".
     */
    formula(expression: Expression): string {
        // A `min`, a rounding or a choice inside another formula is set off in parentheses.
        const grouped = (part: Expression) => (formulaPrecedence(part) === 0 ? `(${this.formula(part)})` : this.formula(part));
        return matchExpression<string>(expression, {
            quantity: ({ quantity }) => this.quantity(quantity),
            ref: reference => {
                const at = reference.atLevel ? ` ${this.t('på nivå', 'at level')} ${this.formula(reference.atLevel)}` : '';
                // A title with a comma of its own (`Maxtaxa, andel av prisbasbeloppet`) is quoted, so the formula still reads as one.
                const title = this.inline(reference.ref);
                const term = title.includes(',') ? `”${title}”` : title;
                return reference.column ? `${this.column(reference.column)} ${this.t('enligt', 'by')} ${term}${at}` : `${term}${at}`;
            },
            level: () => this.t('nivån', 'the level'),
            call: call => {
                const which = call.call === 'min' ? this.t('det lägsta av', 'the least of') : this.t('det högsta av', 'the greatest of');
                return `${which} ${itemList(call.args.map(grouped), this.locale)}`;
            },
            round: rounded => `${this.formula(rounded.round)}, ${this.t('avrundat till', 'rounded to')} ${this.rounding(rounded.rounding)}`,
            if: choice => `${grouped(choice.then)} ${this.t('om', 'if')} ${this.condition(choice.if)}, ${this.t('annars', 'otherwise')} ${grouped(choice.else)}`,
            op: operation => {
                // Parentheses only where the reading would otherwise change: a lower-precedence part, or the right side of − and /.
                const own = formulaPrecedence(operation);
                const side = (part: Expression, right: boolean) => {
                    const p = formulaPrecedence(part);
                    return p < own || (right && p === own && (operation.op === '-' || operation.op === '/')) ? `(${this.formula(part)})` : this.formula(part);
                };
                // `−x` as the policy says it, not as the compiled `0 − x`.
                const left = operation.left;
                if (operation.op === '-' && isExpression(left, 'quantity') && left.quantity.unit === 'none' && /^0(\.0*)?$/.test(left.quantity.value)) {
                    return `−${side(operation.right, true)}`;
                }
                const operator = { '+': '+', '-': '−', '*': '×', '/': '/' }[operation.op];
                return `${side(operation.left, false)}\u00a0${operator} ${side(operation.right, true)}`;
            },
        });
    }

    /** A rounding in the reader's language. */
    rounding(rounding: Rounding): string {
        return roundingWords(rounding, this.locale);
    }

    /** A runtime error an example expects (or a failing one gets), as what it means for the answer. */
    error(code: string): string {
        const words = ERROR_WORDS[code as RuntimeErrorCode];
        return words ? `${this.t('inget svar', 'no answer')}: ${this.sv ? words[0] : words[1]}` : `${this.t('fel', 'error')} ${code}`;
    }
}

/** What each runtime error means for the answer, as the document says it. */
const ERROR_WORDS = {
    'unsupported-schema': ['filen har ett format som körmiljön inte läser', 'the file has a format the runtime does not read'],
    'invalid-file': ['filen är inte en giltig policy', 'the file is not a valid policy'],
    'unknown-element': ['frågan gäller något som policyn inte har', 'the question asks about something the policy does not have'],
    'missing-attribute': ['en uppgift om medborgaren saknas', 'a fact about the citizen is missing'],
    'unknown-attribute': ['en uppgift som policyn inte känner till', 'a fact the policy does not know'],
    'value-outside-domain': ['en uppgift har ett värde utanför det tillåtna', 'a fact has a value outside what is allowed'],
    'wrong-value-type': ['en uppgift har fel slag av värde', 'a fact has the wrong kind of value'],
    'no-valid-version': ['reglerna gäller inte det datumet', 'the rules are not in force on that date'],
    'unknown-level': ['nivån finns inte i reglerna', 'the level is not in the rules'],
    'missing-level': ['ingen nivå är angiven', 'no level is given'],
    'open-amount': ['beloppet är inte angivet i reglerna', 'the amount is not given in the rules'],
    'missing-date': ['inget datum är angivet', 'no date is given'],
    'not-computable': ['beloppet kan inte räknas ut', 'the amount cannot be computed'],
    'no-matching-row': ['ingen rad i tabellen gäller', 'no row of the table applies'],
    'several-matching-rows': ['flera rader i tabellen gäller', 'several rows of the table apply'],
    'outside-limit': ['svaret skulle ligga utanför en gräns som reglerna anger', 'the answer would fall outside a limit the rules state'],
} as const satisfies Record<RuntimeErrorCode, readonly [string, string]>;

/** A name as words: `första_ansökan` → `första ansökan`. */
export function words(name: string): string {
    return name.replace(/_/g, ' ');
}

/** A title inside a sentence: the first letter lower-case unless the title starts with an abbreviation (`EQ5D`, `SoL`, `LSS`). */
export function inSentence(title: string): string {
    return /^\p{Lu}\p{Ll}*(?![\p{L}\p{N}])/u.test(title) && title.length > 1 ? `${title[0].toLowerCase()}${title.slice(1)}` : title;
}


/** How tightly a part of a formula binds in words: `min`, a rounding and a choice least (they are set off), names and figures most. */
function formulaPrecedence(part: Expression): number {
    return matchExpression<number>(part, {
        op: operation => (operation.op === '+' || operation.op === '-' ? 1 : 2),
        call: () => 0,
        if: () => 0,
        round: () => 0,
        quantity: () => 3,
        ref: () => 3,
        level: () => 3,
    });
}
