import { GrammarUtils, type AstNode } from 'langium';
import { DEFAULT_WEEKS_PER_MONTH, ExactNumber, minutesPer, UNIT_NAMES, type AnswerOccasion, type AnswerTime, type AnswerUnit } from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { isAttribute, isCalculation, isDateLiteral, isDecisionTable, isFormulaResult, isLevelTable, isParameter, isRate, isTextResult, isYesNoResult } from '../generated/ast.js';
import type { MessageArgs } from '../i18n/diagnostic-catalogue.js';

/** A time a rate is paid per, or a count is measured in (the compiled format's names). */
export type TimeBase = AnswerTime;

/** What a quantity can count or be per: a time, or an occasion (tillfälle, besök, insats, portion). */
export type UnitKey = AnswerTime | AnswerOccasion;

/**
 * What a value counts. Kronor may be per a period or an occasion (`kr/h`, `kr/mån`, `kr/besök`); a
 * plain `kr` fits any period, since a policy often divides a yearly amount by 12 without saying so. A
 * number may count something (`timmar`, `besök`, or a word of an attribute's own such as `kg`) and be
 * per a period or an occasion (`minuter per tillfälle`). `zero` is an unmarked 0, which fits anything;
 * `unknown` stops further findings (an unresolved name, a cycle: reported elsewhere).
 */
export type Dimension =
    | { kind: 'money'; per?: UnitKey }
    | { kind: 'percent' }
    | { kind: 'number'; counts?: string; per?: UnitKey }
    | { kind: 'zero' }
    | { kind: 'unknown' };

export interface UnitFinding {
    code: 'unit-mismatch' | 'not-a-number' | 'rounding-does-not-fit' | 'impossible-term';
    node: AstNode;
    args: MessageArgs;
}

// Swedish spellings of times and occasions, to one unit each.
const unitWords: Record<string, UnitKey> = {
    minut: 'minute', minuter: 'minute',
    h: 'hour', tim: 'hour', timme: 'hour', timmar: 'hour',
    dag: 'day', dagar: 'day', dygn: 'day',
    vecka: 'week', veckor: 'week',
    mån: 'month', månad: 'month', månader: 'month',
    år: 'year',
    tillfälle: 'occasion', tillfällen: 'occasion',
    besök: 'visit',
    insats: 'service', insatser: 'service',
    portion: 'portion', portioner: 'portion',
};

export function unitOf(word: string | undefined): UnitKey | undefined {
    return word === undefined || !Object.hasOwn(unitWords, word) ? undefined : unitWords[word];
}

const TIMES = new Set<UnitKey>(['minute', 'hour', 'day', 'week', 'month', 'year']);

const UNIT_KEYS = new Set<string>(Object.values(unitWords));

/** Whether a counted word is a time or an occasion the checker knows (`hour`, `service`), not a word of the policy's own. */
function isUnitKey(counts: string): counts is UnitKey {
    return UNIT_KEYS.has(counts);
}

/**
 * A count of occasions times an amount that recurs each day, week, month or year (`insatser × 338
 * kr/mån`: each insats costs that a month) is that amount per the period; an hourly or per-minute rate
 * is paid for time worked, so `besök × kr/h` counts the wrong thing.
 */
function recursPerOccasion(per: UnitKey, counts: UnitKey): boolean {
    return !TIMES.has(counts) && TIMES.has(per) && per !== 'hour' && per !== 'minute';
}

export function timeBase(word: string | undefined): TimeBase | undefined {
    const unit = unitOf(word);
    return unit !== undefined && TIMES.has(unit) ? unit as TimeBase : undefined;
}

/** Each time in minutes, exactly, by a week-to-month rule (the definition is the format's, shared with the document). */
function minutes(unit: TimeBase, weeksPerMonth: ExactNumber): ExactNumber {
    return minutesPer(unit, weeksPerMonth);
}

/**
 * Times convert within their family: minutes and hours (the time a task takes), days, weeks, months
 * and years (the calendar a frequency is counted in). Across the two (`kr/mån × timmar`) the policy
 * has most likely mixed up what it meant, so that stays an error rather than a silent factor.
 */
const family: Record<TimeBase, 'clock' | 'calendar'> = { minute: 'clock', hour: 'clock', day: 'calendar', week: 'calendar', month: 'calendar', year: 'calendar' };

/** The factor that turns a number of `from` into a number of `to`, or undefined where they do not convert. */
function factor(from: string, to: string, weeksPerMonth = DEFAULT_WEEKS_PER_MONTH): ExactNumber | undefined {
    if (from === to) {
        return ExactNumber.ONE;
    }
    if (!TIMES.has(from as UnitKey) || !TIMES.has(to as UnitKey) || family[from as TimeBase] !== family[to as TimeBase]) {
        return undefined;
    }
    return minutes(from as TimeBase, weeksPerMonth).divide(minutes(to as TimeBase, weeksPerMonth));
}

const names = UNIT_NAMES;

/** A dimension as a policy writer reads it, in the message's language. */
export function dimensionText(dimension: Dimension, locale: 'sv' | 'en'): string {
    switch (dimension.kind) {
        case 'money': return dimension.per ? `kr/${names[dimension.per].shortPer}` : 'kr';
        case 'percent': return locale === 'sv' ? 'procent' : 'per cent';
        case 'number': {
            const counts = dimension.counts === undefined ? undefined : Object.hasOwn(names, dimension.counts) ? names[dimension.counts as UnitKey].plural : dimension.counts;
            const what = counts ?? (locale === 'sv' ? 'ett tal utan enhet' : 'a number without unit');
            return dimension.per ? `${what} per ${names[dimension.per].singular}` : what;
        }
        case 'zero': return '0';
        case 'unknown': return '?';
    }
}

/** What an answer counts, for the compiled format: undefined for a plain number or where it is not known. */
export function answerUnit(dimension: Dimension): AnswerUnit | undefined {
    const per = dimension.kind === 'money' || dimension.kind === 'number' ? dimension.per : undefined;
    switch (dimension.kind) {
        case 'money': return { of: 'kr', ...(per ? { per } : {}) };
        case 'percent': return { of: '%' };
        case 'number':
            return dimension.counts !== undefined && Object.hasOwn(names, dimension.counts) ? { of: dimension.counts as UnitKey, ...(per ? { per } : {}) } : undefined;
        default: return undefined;
    }
}

const UNKNOWN: Dimension = { kind: 'unknown' };

/** The dimension a unit as written gives (`kr/h`, `%`, `40 minuter per tillfälle`); `varannan vecka` is per week (the value halved). */
export function unitDimension(unit: Ast.QuantityUnit | undefined): Dimension {
    if (unit?.money) {
        return { kind: 'money', per: unitOf(unit.per) };
    }
    if (unit?.percent) {
        return { kind: 'percent' };
    }
    if (unit?.measure !== undefined) {
        return { kind: 'number', counts: unitOf(unit.measure) ?? unit.measure, per: unitOf(unit.per) };
    }
    return { kind: 'number' };
}

/**
 * Infers what an expression counts and collects every place where the units do not fit: kr/h added
 * to kr/mån, a count added to an amount, kronor multiplied by kronor, a yes/no attribute in a sum.
 * Where two times fit but differ (`2 timmar + 40 minuter`, a week's time added to a month's) it
 * records the exact factor that brings an operand into the unit of the other (`scales`): the
 * compiler multiplies by it, so the runtime computes in one unit without knowing of units.
 * Pure: the validation reports the findings, the hover shows the dimension.
 */
export function analyseUnits(expression: Ast.Expression, locale: 'sv' | 'en'): { dimension: Dimension; findings: UnitFinding[]; scales: Map<Ast.Expression, ExactNumber> } {
    const findings: UnitFinding[] = [];
    const scales = new Map<Ast.Expression, ExactNumber>();
    const dimension = new UnitInference(findings, scales, locale).infer(expression, new Set());
    return { dimension, findings, scales };
}

/**
 * The factor that expresses a limit written in `limit` in the unit of an answer in `answer` (`8
 * timmar per månad` of an answer in minutes per week), or undefined where the two do not convert
 * (limit-unit-mismatch). A bare number fits any answer as it is, a plain `kr` an amount per any
 * period (as an expectation does), and any limit an answer whose unit is not known; a share is
 * compared as the fraction the runtime answers.
 */
export function limitScale(limit: Ast.QuantityUnit | undefined, answer: Dimension): ExactNumber | undefined {
    const written = unitDimension(limit);
    if (answer.kind === 'unknown' || answer.kind === 'zero' || (written.kind === 'number' && written.counts === undefined && written.per === undefined)) {
        return ExactNumber.ONE;
    }
    if (written.kind === 'percent' || answer.kind === 'percent') {
        return written.kind === answer.kind ? ExactNumber.of(1n, 100n) : undefined;
    }
    if (written.kind === 'money' && answer.kind === 'money') {
        return written.per === undefined ? ExactNumber.ONE : new UnitInference([], new Map(), 'sv').convert(written, answer);
    }
    if (written.kind === 'number' && answer.kind === 'number') {
        return new UnitInference([], new Map(), 'sv').convert(written, answer);
    }
    return undefined;
}

class UnitInference {
    constructor(
        private readonly findings: UnitFinding[], private readonly scales: Map<Ast.Expression, ExactNumber>, private readonly locale: 'sv' | 'en',
        private readonly weeksPerMonth = DEFAULT_WEEKS_PER_MONTH,
    ) { }

    private factor(from: string, to: string): ExactNumber | undefined {
        return factor(from, to, this.weeksPerMonth);
    }

    /** The inference inside `… i … räknat med N veckor per månad`: the same findings and factors, by the stated rule. */
    private within(expression: Ast.ConvertedExpression): UnitInference {
        if (expression.weeksPerMonth === undefined) {
            return this;
        }
        const stated = ExactNumber.parse(expression.weeksPerMonth);
        if (stated.equals(ExactNumber.ZERO)) {
            this.findings.push({ code: 'impossible-term', node: expression, args: { what: this.locale === 'sv' ? 'En omräkning' : 'A conversion', unit: this.locale === 'sv' ? 'veckor per månad' : 'weeks per month' } });
            return this;
        }
        return new UnitInference(this.findings, this.scales, this.locale, stated);
    }

    infer(expression: Ast.Expression | undefined, visiting: Set<Ast.Calculation>): Dimension {
        if (!expression) {
            return UNKNOWN; // half-typed text: the parser has reported it
        }
        switch (expression.$type) {
            case 'QuantityExpression': return this.quantity(expression.quantity);
            case 'LevelExpression': return { kind: 'number', counts: this.locale === 'sv' ? 'nivå' : 'level' };
            case 'ReferenceExpression': return this.reference(expression, visiting);
            case 'RoundedExpression': return this.rounded(expression, this.infer(expression.operand, visiting));
            case 'ConvertedExpression': {
                const inner = this.within(expression);
                const operand = inner.infer(expression.operand, visiting);
                const target = unitDimension(expression.unit);
                if (operand.kind === 'unknown' || operand.kind === 'zero') {
                    return operand.kind === 'zero' ? target : UNKNOWN;
                }
                // Both the quantity and what it is per must be stated in the target: `i timmar per månad`
                // of a weekly time, not of a time with no period (which would be a guess).
                const scale = sameKind(operand, target) ? inner.conversion(operand, target as typeof operand, true) : undefined;
                if (!scale) {
                    return this.mismatch(expression, 'convert', operand, target);
                }
                this.scale(expression.operand, scale);
                return target;
            }
            case 'NegatedExpression':
                // The opposite amount counts what the amount counts.
                return this.infer(expression.operand, visiting);
            case 'ConditionalExpression':
                return this.same(expression, 'choose', this.infer(expression.then, visiting), this.infer(expression.else, visiting), expression.else);
            case 'FunctionCall': {
                let result: Dimension = { kind: 'zero' };
                for (const argument of expression.arguments) {
                    result = this.same(expression, expression.function, result, this.infer(argument, visiting), argument);
                }
                return result;
            }
            case 'BinaryExpression': {
                const left = this.infer(expression.left, visiting);
                const right = this.infer(expression.right, visiting);
                switch (expression.operator) {
                    default: return UNKNOWN;
                    case '+': return this.same(expression, 'add', left, right, expression.right);
                    case '-': case '−': return this.same(expression, 'subtract', left, right, expression.right);
                    case '*': case '×': return this.multiply(expression, left, right);
                    case '/': return this.divide(expression, left, right);
                }
            }
        }
        // A node the parser's recovery left without a type of its own (half-typed text, `(om p(så`):
        // the syntax error explains it.
        return UNKNOWN;
    }

    private quantity(quantity: Ast.Quantity): Dimension {
        return quantityDimension(quantity);
    }

    private reference(expression: Ast.ReferenceExpression, visiting: Set<Ast.Calculation>): Dimension {
        const target = expression.target.ref;
        if (!target) {
            return UNKNOWN;
        }
        if (isParameter(target)) {
            return parameterDimension(target);
        }
        if (isCalculation(target)) {
            if (visiting.has(target)) {
                return UNKNOWN; // a cycle, reported as calculation-cycle
            }
            visiting.add(target);
            // The calculation's own findings (and factors) belong to its declaration, not to each use.
            const dimension = new UnitInference([], new Map(), this.locale).infer(target.value, visiting);
            visiting.delete(target);
            return dimension;
        }
        if (isDecisionTable(target)) {
            const column = columnDimension(target, expression.column, visiting, this.locale);
            if (column === 'pathway' || column === 'text' || column === 'yesNo' || column === 'date') {
                // A column of förlopp places citizens, one of texts or ja/nej answers in words, one of dates names a day: no value to calculate with.
                const name = expression.column ?? target.header?.outputs[0]?.column;
                const sv = this.locale === 'sv';
                const type = column === 'pathway' ? (sv ? 'förlopp' : 'pathway (förlopp)') : column === 'text' ? (sv ? 'text' : 'text') : column === 'date' ? (sv ? 'datum' : 'date') : (sv ? 'ja/nej' : 'yes/no');
                this.findings.push({ code: 'not-a-number', node: expression, args: { name: `${target.name}.${name}`, type } });
                return UNKNOWN;
            }
            return column;
        }
        if (isLevelTable(target)) {
            return { kind: 'money', per: unitOf(target.per) };
        }
        if (isRate(target)) {
            // A rate by the case (`belopp { … }`) has one unit in every row (mixed-units otherwise): the first row's.
            const amount = target.value ?? target.amounts.find(row => row.value && 'unit' in row.value)?.value;
            const stated = amount && 'unit' in amount ? unitOf(amount.unit?.per) : undefined;
            return { kind: 'money', per: stated ?? (target.kind === 'timkostnad' ? 'hour' : undefined) };
        }
        if (isAttribute(target)) {
            const type = target.type;
            if (!type) {
                return UNKNOWN; // half-typed: the parser has reported the missing type
            }
            switch (type.$type) {
                case 'MoneyType':
                case 'IntegerType':
                case 'DecimalType':
                    return attributeDimension(type);
                default:
                    this.findings.push({
                        code: 'not-a-number', node: expression,
                        args: { name: target.name, type: this.locale === 'sv' ? typeNamesSv[type.$type] : typeNamesEn[type.$type] },
                    });
                    return UNKNOWN;
            }
        }
        return UNKNOWN;
    }

    /**
     * The factor that brings `from` into the unit of `to` (both money, or both numbers): the counted
     * time converted, then what it is per. A side without a period fits any period (`strict`: not when
     * converting on request, where a missing period is a missing fact). Undefined where they do not fit.
     */
    /** The factor that brings `from` into the unit of `to`, strictly (a missing period is a missing fact). */
    convert(from: Dimension & { kind: 'money' | 'number' }, to: Dimension & { kind: 'money' | 'number' }): ExactNumber | undefined {
        return this.conversion(from, to, true);
    }

    private conversion(from: Dimension & { kind: 'money' | 'number' }, to: Dimension & { kind: 'money' | 'number' }, strict = false): ExactNumber | undefined {
        let scale = ExactNumber.ONE;
        if (from.kind === 'number' && to.kind === 'number' && from.counts !== undefined && to.counts !== undefined) {
            const counted = this.factor(from.counts, to.counts);
            if (!counted) {
                return undefined;
            }
            scale = counted;
        } else if (strict && from.kind === 'number' && to.kind === 'number' && from.counts !== to.counts) {
            return undefined;
        }
        if (from.per !== undefined && to.per !== undefined) {
            // 10 minutes per week is 10 × (a month in weeks) minutes per month.
            const per = this.factor(to.per, from.per);
            if (!per) {
                return undefined;
            }
            scale = scale.multiply(per);
        } else if (strict && from.per !== to.per) {
            return undefined;
        }
        return scale;
    }

    private scale(node: Ast.Expression, scale: ExactNumber): void {
        if (!scale.equals(ExactNumber.ONE)) {
            this.scales.set(node, scale);
        }
    }

    /** Sums, differences, min, max and the branches of a choice: both sides must count the same thing; `right` is converted to the unit of `left`. */
    private same(node: AstNode, operation: Operation, left: Dimension, right: Dimension, rightNode: Ast.Expression): Dimension {
        if (left.kind === 'unknown' || right.kind === 'unknown') {
            return UNKNOWN;
        }
        if (left.kind === 'zero') {
            return right;
        }
        if (right.kind === 'zero') {
            return left;
        }
        if ((left.kind === 'money' && right.kind === 'money') || (left.kind === 'number' && right.kind === 'number')) {
            const scale = this.conversion(right, left);
            if (!scale) {
                return this.mismatch(node, operation, left, right);
            }
            this.scale(rightNode, scale);
            if (left.kind === 'number' && right.kind === 'number') {
                return { kind: 'number', counts: left.counts ?? right.counts, per: left.per ?? right.per };
            }
            return { kind: 'money', per: left.per ?? (right as { per?: UnitKey }).per };
        }
        if (left.kind === right.kind) {
            return left;
        }
        return this.mismatch(node, operation, left, right);
    }

    private multiply(node: Ast.BinaryExpression, left: Dimension, right: Dimension): Dimension {
        if (left.kind === 'unknown' || right.kind === 'unknown') {
            return UNKNOWN;
        }
        if (left.kind === 'zero' || right.kind === 'zero') {
            return left.kind === 'zero' ? right : left;
        }
        // A share of anything is that thing: 50 % of a time is a time.
        if (left.kind === 'percent') {
            return right;
        }
        if (right.kind === 'percent') {
            return left;
        }
        if (left.kind === 'money' && right.kind === 'money') {
            return this.mismatch(node, 'multiply', left, right);
        }
        // What one side is per, the other may count: kr/h × timmar is kronor, minuter per tillfälle ×
        // tillfällen per vecka is minuter per vecka (the count converted to the per's unit: kr/h × minuter).
        const cancelled = this.cancel(left, right, node.right) ?? this.cancel(right, left, node.left);
        if (cancelled) {
            return cancelled;
        }
        const [money, other] = left.kind === 'money' ? [left, right] : right.kind === 'money' ? [right, left] : [undefined, undefined];
        if (money?.per === 'year' && other && isMonthsOfYear(other, money === left ? node.right : node.left, TWELFTH)) {
            // A twelfth of a yearly amount is a month's, however the policy writes it: `prisbasbelopp × (1/12)`.
            return { kind: 'money', per: 'month' };
        }
        if (money && other?.kind === 'number') {
            if (money.per && other.counts !== undefined && isUnitKey(other.counts) && !recursPerOccasion(money.per, other.counts)) {
                // kr/mån × timmar, kr per insats × timmar, kr/h × besök: a time or an occasion that is not
                // what the amount is per (they did not cancel above). A count of a word of the policy's
                // own (`kg`) is not one the checker knows, and stays allowed.
                return this.mismatch(node, 'multiply', left, right);
            }
            return { kind: 'money', per: money.per ?? other.per };
        }
        const a = left as Dimension & { kind: 'number' };
        const b = right as Dimension & { kind: 'number' };
        return { kind: 'number', counts: a.counts ?? b.counts, per: a.per ?? b.per };
    }

    /** `per` of `rate` cancelled by what `count` counts; the count's node is scaled into the per's unit. */
    private cancel(rate: Dimension, count: Dimension, countNode: Ast.Expression): Dimension | undefined {
        if ((rate.kind !== 'money' && rate.kind !== 'number') || rate.per === undefined || count.kind !== 'number' || count.counts === undefined) {
            return undefined;
        }
        const scale = this.factor(count.counts, rate.per);
        if (!scale) {
            return undefined;
        }
        this.scale(countNode, scale);
        return rate.kind === 'money' ? { kind: 'money', per: count.per } : { kind: 'number', counts: rate.counts, per: count.per };
    }

    private divide(node: Ast.BinaryExpression, left: Dimension, right: Dimension): Dimension {
        if (left.kind === 'unknown' || right.kind === 'unknown') {
            return UNKNOWN;
        }
        if (left.kind === 'zero') {
            return left;
        }
        if (left.kind === 'money' && right.kind === 'money') {
            return { kind: 'number' };
        }
        if (right.kind === 'money') {
            return this.mismatch(node, 'divide', left, right);
        }
        if (left.kind === 'money' && left.per === 'year' && isMonthsOfYear(right, node.right, TWELVE)) {
            // A yearly amount divided by 12 is a month's (a year is 12 months by every week-to-month
            // rule): `0,5392 × prisbasbelopp / 12` is the maxtaxa per month, as the law states it, and
            // so is `/ månader_per_år` where that parameter is 12 (plain or in months).
            return { kind: 'money', per: 'month' };
        }
        if (right.kind !== 'number' || right.counts === undefined || right.per !== undefined) {
            return left; // by a plain number or a share: the same thing, in part
        }
        // Only a time makes a rate by division: kronor divided by a count of visits stays kronor, as it always read.
        const per = TIMES.has(right.counts as UnitKey) ? right.counts as UnitKey : undefined;
        if (left.kind === 'number' && left.counts !== undefined) {
            const scale = this.factor(right.counts, left.counts);
            if (scale) {
                // minuter / timmar: a plain ratio, the hours converted to minutes first.
                this.scale(node.right, scale);
                return { kind: 'number', per: left.per };
            }
        }
        if ((left.kind === 'money' || left.kind === 'number') && left.per === undefined && per !== undefined) {
            // kronor per hour worked, timmar per vecka.
            return { ...left, per };
        }
        return left;
    }

    /** `avrundat till …`: kronor and öre round amounts (and plain numbers), minutes, quarter hours and hours round a time, expressed in that unit first. */
    private rounded(expression: Ast.RoundedExpression, operand: Dimension): Dimension {
        if (operand.kind === 'unknown' || operand.kind === 'zero') {
            return operand;
        }
        if (operand.kind === 'percent') {
            this.mismatch(expression, 'round', operand);
            return UNKNOWN;
        }
        const unit = expression.rounding?.unit;
        const target = unit === 'helaminuter' ? 'minute' : unit === 'helatimmar' || unit === 'kvartstimmar' ? 'hour' : undefined;
        if (target === undefined) {
            if (operand.kind === 'number' && operand.counts !== undefined) {
                this.roundingDoesNotFit(expression, operand);
                return UNKNOWN;
            }
            return operand;
        }
        const scale = operand.kind === 'number' && operand.counts !== undefined ? this.factor(operand.counts, target) : undefined;
        if (!scale) {
            this.roundingDoesNotFit(expression, operand);
            return UNKNOWN;
        }
        this.scale(expression.operand, scale);
        return { kind: 'number', counts: target, per: (operand as { per?: UnitKey }).per };
    }

    private roundingDoesNotFit(expression: Ast.RoundedExpression, operand: Dimension): void {
        const rounding = expression.rounding;
        const written = (rounding && GrammarUtils.findNodeForProperty(rounding.$cstNode, 'unit')?.text.replace(/\s+/g, ' ')) ?? '';
        this.findings.push({ code: 'rounding-does-not-fit', node: expression.rounding ?? expression, args: { unit: dimensionText(operand, this.locale), rounding: written } });
    }

    private mismatch(node: AstNode, operation: Operation, left: Dimension, right?: Dimension): Dimension {
        this.findings.push({
            code: 'unit-mismatch', node,
            args: {
                operation: operationText[operation][this.locale],
                left: dimensionText(left, this.locale),
                right: right ? dimensionText(right, this.locale) : '',
            },
        });
        return UNKNOWN;
    }
}

/** What a parameter's value is in a formula: kronor (per the period every version states), a share, or what every version counts. */
export function parameterDimension(target: Ast.Parameter): Dimension {
    if (target.type === 'belopp') {
        // A rate kept as a parameter (`246 kr/h`) is per its period when every version says the same.
        const periods = new Set(target.versions.map(version => unitOf(version.value?.unit?.per)));
        return { kind: 'money', per: periods.size === 1 ? [...periods][0] : undefined };
    }
    if (target.type === 'procent') {
        return { kind: 'percent' };
    }
    // A time kept as a parameter (`40 minuter per tillfälle`) counts what every version counts.
    const units = new Set(target.versions.map(version => JSON.stringify(unitDimension(version.value?.unit))));
    return units.size === 1 ? unitDimension(target.versions[0].value?.unit) : { kind: 'number' };
}

/** What a number attribute's value is in a formula: kronor, a share, or what it counts (`år`, `timmar`). */
export function attributeDimension(type: Ast.MoneyType | Ast.IntegerType | Ast.DecimalType): Dimension {
    if (type.$type === 'MoneyType') {
        return { kind: 'money', per: unitOf(type.per) };
    }
    if (type.unit === 'kr') {
        return { kind: 'money', per: unitOf(type.per) };
    }
    if (type.unit === '%') {
        return { kind: 'percent' };
    }
    return { kind: 'number', counts: unitOf(type.unit) ?? type.unit, per: unitOf(type.per) };
}

/**
 * Whether two values may be compared (`ålder < pensionsålder`): the same kind, counting the same
 * thing per the same period, where both say; a plain number, an unmarked 0 or an unknown fits any.
 */
export function comparable(a: Dimension, b: Dimension): boolean {
    const plain = (d: Dimension) => d.kind === 'unknown' || d.kind === 'zero' || (d.kind === 'number' && d.counts === undefined && d.per === undefined);
    if (plain(a) || plain(b)) {
        return true;
    }
    if (a.kind !== b.kind) {
        return false;
    }
    if (a.kind === 'money' && b.kind === 'money') {
        return a.per === undefined || b.per === undefined || a.per === b.per;
    }
    if (a.kind === 'number' && b.kind === 'number') {
        return a.counts === b.counts && a.per === b.per;
    }
    return true;
}

const TWELVE = ExactNumber.of(12n);
const TWELFTH = ExactNumber.of(1n, 12n);

/**
 * Whether `expression` (of `dimension`) is the months of a year as written: 12, plain or a count of
 * months (`12`, `12 månader`, a parameter `månader_per_år` that is 12 in every version), or a twelfth,
 * plain or one per month (`1/12`, `1 / månader_per_år`).
 */
function isMonthsOfYear(dimension: Dimension, expression: Ast.Expression, count: typeof TWELVE | typeof TWELFTH): boolean {
    if (dimension.kind !== 'number') {
        return false;
    }
    const [counts, per] = count === TWELVE ? [dimension.counts, dimension.per] : [dimension.per, dimension.counts];
    if (per !== undefined || (counts !== undefined && counts !== 'month')) {
        return false;
    }
    return writtenNumber(expression)?.compare(count) === 0;
}

/**
 * The exact number an expression is as written, where it reads nothing that changes: a number
 * (plain or a count, `12 månader`), a parameter with the same value in every version, and products
 * and quotients of these (`1/12`). Undefined otherwise, and for a division by zero (reported elsewhere).
 */
function writtenNumber(expression: Ast.Expression, depth = 0): ExactNumber | undefined {
    if (depth > 8) {
        return undefined;
    }
    switch (expression.$type) {
        case 'QuantityExpression':
            return expression.quantity.unit?.everyOther ? undefined : ExactNumber.parse(expression.quantity.value);
        case 'ReferenceExpression': {
            const target = expression.target.ref;
            if (!isParameter(target) || expression.column !== undefined || expression.level !== undefined || target.versions.length === 0) {
                return undefined;
            }
            const values = target.versions.map(version => version.value && !version.value.unit?.everyOther ? ExactNumber.parse(version.value.value) : undefined);
            return values.every(value => value !== undefined && value.compare(values[0]!) === 0) ? values[0] : undefined;
        }
        case 'BinaryExpression': {
            const [left, right] = [writtenNumber(expression.left, depth + 1), writtenNumber(expression.right, depth + 1)];
            if (left === undefined || right === undefined) {
                return undefined;
            }
            if (expression.operator === '/') {
                return right.compare(ExactNumber.ZERO) === 0 ? undefined : left.divide(right);
            }
            return expression.operator === '*' || expression.operator === '×' ? left.multiply(right) : undefined;
        }
        default:
            return undefined;
    }
}

export function quantityDimension(quantity: Ast.Quantity): Dimension {
    if (quantity.unit) {
        return unitDimension(quantity.unit);
    }
    return /^0(\.0+)?$/.test(quantity.value) ? { kind: 'zero' } : { kind: 'number' };
}

/** What a decision table's output column gives, by its cells: kronor (per a period), a share, a number or a time; or förlopp. */
/** Tables whose formula cells are being inferred: a formula that reads its own table is a cycle, not a recursion. */
const tablesInProgress = new Set<Ast.DecisionTable>();

function columnDimension(table: Ast.DecisionTable, column: string | undefined, visiting = new Set<Ast.Calculation>(), locale: 'sv' | 'en' = 'sv'): Dimension | 'pathway' | 'text' | 'yesNo' | 'date' {
    const outputs = table.header?.outputs ?? [];
    const index = column !== undefined ? outputs.findIndex(o => o.column === column) : outputs.length === 1 ? 0 : -1;
    const cells = index < 0 ? [] : [...table.rows, ...(table.otherwise ? [table.otherwise] : [])].map(row => row.results[index]);
    if (cells.some(result => result && 'pathway' in result)) {
        return 'pathway';
    }
    if (cells.some(result => result && isTextResult(result))) {
        return 'text';
    }
    if (cells.some(result => result && isYesNoResult(result))) {
        return 'yesNo';
    }
    // Before the quantities: a date cell also has a `value` (its text).
    if (cells.some(result => result && isDateLiteral(result))) {
        return 'date';
    }
    const cell = cells.find(result => result && 'value' in result && quantityDimension(result as Ast.Quantity).kind !== 'zero');
    // A column of formulas only (`= inkomst × 30 %`) gives what its first formula gives (decision-formula-unit holds the others to it).
    const formula = cells.find((result): result is Ast.FormulaResult => result !== undefined && isFormulaResult(result) && result.formula !== undefined);
    if (!cell && formula && !tablesInProgress.has(table)) {
        tablesInProgress.add(table);
        try {
            return new UnitInference([], new Map(), locale).infer(formula.formula, visiting);
        } finally {
            tablesInProgress.delete(table);
        }
    }
    return cell ? quantityDimension(cell as Ast.Quantity) : cells.some(result => result && 'value' in result) ? { kind: 'zero' } : UNKNOWN;
}

/**
 * What an example's question is answered in: a calculation's unit, a decision column's, kronor for
 * a fee, a compensation or a net effect; undefined for a placement or an inclusion.
 */
export function questionDimension(question: Ast.Question): Dimension | undefined {
    switch (question.$type) {
        case 'CalculationQuestion': {
            const calculation = question.calculation?.ref;
            return calculation?.value ? analyseUnits(calculation.value, 'sv').dimension : UNKNOWN;
        }
        case 'DecisionQuestion': {
            const table = question.table?.ref;
            const column = table ? columnDimension(table, question.column) : UNKNOWN;
            return column === 'pathway' || column === 'text' || column === 'yesNo' || column === 'date' ? undefined : column;
        }
        case 'FeeQuestion':
        case 'CompensationQuestion':
        case 'NetEffectQuestion':
            return { kind: 'money' };
        default:
            return undefined;
    }
}

/**
 * Whether an expectation written in `expected` fits an answer in `answer`: the same kind, time and
 * period as written (an example compares the runtime's number as it is, so `720 minuter` for an
 * answer in hours would never hold); a bare number fits any answer, and a plain `kr` any period.
 */
export function expectationFits(expected: Dimension, answer: Dimension): boolean {
    if (answer.kind === 'unknown' || answer.kind === 'zero' || (expected.kind === 'number' && expected.counts === undefined && expected.per === undefined)) {
        return true;
    }
    if (expected.kind !== answer.kind) {
        return false;
    }
    if (expected.kind === 'money' && answer.kind === 'money') {
        return expected.per === undefined || expected.per === answer.per;
    }
    if (expected.kind === 'number' && answer.kind === 'number') {
        return expected.counts === answer.counts && expected.per === answer.per;
    }
    return true;
}

function sameKind(a: Dimension, b: Dimension): a is Dimension & { kind: 'money' | 'number' } {
    return a.kind === b.kind && (a.kind === 'money' || a.kind === 'number');
}

type Operation = 'add' | 'subtract' | 'multiply' | 'divide' | 'min' | 'max' | 'choose' | 'round' | 'convert';

/** How each operation reads in "Kan inte <operation> <left> och <right>". */
const operationText: Record<Operation, { sv: string; en: string }> = {
    add: { sv: 'addera', en: 'add' },
    subtract: { sv: 'subtrahera', en: 'subtract' },
    multiply: { sv: 'multiplicera', en: 'multiply' },
    divide: { sv: 'dividera', en: 'divide' },
    min: { sv: 'ta minsta av', en: 'take the least of' },
    max: { sv: 'ta största av', en: 'take the greatest of' },
    choose: { sv: 'välja mellan', en: 'choose between' },
    round: { sv: 'avrunda', en: 'round' },
    convert: { sv: 'räkna om mellan', en: 'convert between' },
};

const typeNamesSv: Record<string, string> = { BooleanType: 'ja/nej', EnumerationType: 'en uppräkning', DateType: 'ett datum' };
const typeNamesEn: Record<string, string> = { BooleanType: 'yes/no', EnumerationType: 'an enumeration', DateType: 'a date' };
