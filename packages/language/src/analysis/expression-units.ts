import type { AstNode } from 'langium';
import type * as Ast from '../generated/ast.js';
import { isAttribute, isCalculation, isDecisionTable, isLevelTable, isParameter, isRate } from '../generated/ast.js';
import type { MessageArgs } from '../i18n/diagnostic-catalogue.js';

/** A time a rate is paid per, or a count is measured in (the compiled format's period names). */
export type TimeBase = 'hour' | 'day' | 'week' | 'month' | 'year';

/**
 * What a value counts. Kronor may be per a period (`kr/h`, `kr/mån`); a plain `kr` fits any period,
 * since a policy often divides a yearly amount by 12 without saying so. A number may count something
 * (`timmar`, `besök`). `zero` is an unmarked 0, which fits anything; `unknown` stops further findings
 * (an unresolved name, a cycle: reported elsewhere).
 */
export type Dimension =
    | { kind: 'money'; per?: TimeBase }
    | { kind: 'percent' }
    | { kind: 'number'; counts?: string }
    | { kind: 'zero' }
    | { kind: 'unknown' };

export interface UnitFinding {
    code: 'unit-mismatch' | 'not-a-number';
    node: AstNode;
    args: MessageArgs;
}

// Swedish spellings of periods and time units, to one base each.
const timeBases: Record<string, TimeBase> = {
    h: 'hour', tim: 'hour', timme: 'hour', timmar: 'hour',
    dag: 'day', dagar: 'day', dygn: 'day',
    vecka: 'week', veckor: 'week',
    mån: 'month', månad: 'month', månader: 'month',
    år: 'year',
};

export function timeBase(word: string | undefined): TimeBase | undefined {
    return word === undefined ? undefined : timeBases[word];
}

const shortPeriod: Record<TimeBase, string> = { hour: 'h', day: 'dygn', week: 'vecka', month: 'mån', year: 'år' };

/** A dimension as a policy writer reads it, in the message's language. */
export function dimensionText(dimension: Dimension, locale: 'sv' | 'en'): string {
    switch (dimension.kind) {
        case 'money': return dimension.per ? `kr/${shortPeriod[dimension.per]}` : 'kr';
        case 'percent': return locale === 'sv' ? 'procent' : 'per cent';
        case 'number': return dimension.counts ?? (locale === 'sv' ? 'ett tal utan enhet' : 'a number without unit');
        case 'zero': return '0';
        case 'unknown': return '?';
    }
}

const MONEY: Dimension = { kind: 'money' };
const UNKNOWN: Dimension = { kind: 'unknown' };

/**
 * Infers what an expression counts and collects every place where the units do not fit: kr/h added
 * to kr/mån, a count added to an amount, kronor multiplied by kronor, a yes/no attribute in a sum.
 * Pure: the validation reports the findings, the hover shows the dimension.
 */
export function analyseUnits(expression: Ast.Expression, locale: 'sv' | 'en'): { dimension: Dimension; findings: UnitFinding[] } {
    const findings: UnitFinding[] = [];
    const dimension = new UnitInference(findings, locale).infer(expression, new Set());
    return { dimension, findings };
}

class UnitInference {
    constructor(private readonly findings: UnitFinding[], private readonly locale: 'sv' | 'en') { }

    infer(expression: Ast.Expression | undefined, visiting: Set<Ast.Calculation>): Dimension {
        if (!expression) {
            return UNKNOWN; // half-typed text: the parser has reported it
        }
        switch (expression.$type) {
            case 'QuantityExpression': return this.quantity(expression.quantity);
            case 'LevelExpression': return { kind: 'number', counts: this.locale === 'sv' ? 'nivå' : 'level' };
            case 'ReferenceExpression': return this.reference(expression, visiting);
            case 'RoundedExpression': {
                const operand = this.infer(expression.operand, visiting);
                if (operand.kind === 'percent') {
                    this.mismatch(expression, 'round', operand);
                    return UNKNOWN;
                }
                return operand;
            }
            case 'NegatedExpression':
                // The opposite amount counts what the amount counts.
                return this.infer(expression.operand, visiting);
            case 'ConditionalExpression':
                return this.same(expression, 'choose', this.infer(expression.then, visiting), this.infer(expression.else, visiting));
            case 'FunctionCall':
                return expression.arguments.map(argument => this.infer(argument, visiting))
                    .reduce((left, right) => this.same(expression, expression.function, left, right), { kind: 'zero' } as Dimension);
            case 'BinaryExpression': {
                const left = this.infer(expression.left, visiting);
                const right = this.infer(expression.right, visiting);
                switch (expression.operator) {
                    default: return UNKNOWN;
                    case '+': return this.same(expression, 'add', left, right);
                    case '-': case '−': return this.same(expression, 'subtract', left, right);
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
        if (quantity.unit?.money) {
            return { kind: 'money', per: timeBase(quantity.unit.per) };
        }
        if (quantity.unit?.percent) {
            return { kind: 'percent' };
        }
        return /^0(,0+)?$/.test(quantity.value) ? { kind: 'zero' } : { kind: 'number' };
    }

    private reference(expression: Ast.ReferenceExpression, visiting: Set<Ast.Calculation>): Dimension {
        const target = expression.target.ref;
        if (!target) {
            return UNKNOWN;
        }
        if (isParameter(target)) {
            if (target.type === 'belopp') {
                // A rate kept as a parameter (`246 kr/h`) is per its period when every version says the same.
                const periods = new Set(target.versions.map(version => timeBase(version.value?.unit?.per)));
                return { kind: 'money', per: periods.size === 1 ? [...periods][0] : undefined };
            }
            return target.type === 'procent' ? { kind: 'percent' } : { kind: 'number' };
        }
        if (isCalculation(target)) {
            if (visiting.has(target)) {
                return UNKNOWN; // a cycle, reported as calculation-cycle
            }
            visiting.add(target);
            // The calculation's own findings are reported at its declaration, not again at each use.
            const dimension = new UnitInference([], this.locale).infer(target.value, visiting);
            visiting.delete(target);
            return dimension;
        }
        if (isDecisionTable(target)) {
            // The column's cells say what it gives: kronor (per a period), a share, or a number.
            const outputs = target.header?.outputs ?? [];
            const index = expression.column !== undefined ? outputs.findIndex(o => o.column === expression.column) : outputs.length === 1 ? 0 : -1;
            const cells = index < 0 ? [] : target.rows.map(row => row.results[index]);
            if (cells.some(result => result && 'pathway' in result)) {
                // A column of förlopp places citizens; it has no value to calculate with.
                this.findings.push({ code: 'not-a-number', node: expression, args: { name: `${target.name}.${outputs[index].column}`, type: this.locale === 'sv' ? 'förlopp' : 'pathway (förlopp)' } });
                return UNKNOWN;
            }
            const cell = cells.find(result => result && 'value' in result);
            return cell && 'value' in cell ? this.quantity(cell as Ast.Quantity) : UNKNOWN;
        }
        if (isLevelTable(target)) {
            return { kind: 'money', per: timeBase(target.per) };
        }
        if (isRate(target)) {
            const stated = target.value && 'unit' in target.value ? timeBase(target.value.unit?.per) : undefined;
            return { kind: 'money', per: stated ?? (target.kind === 'timkostnad' ? 'hour' : undefined) };
        }
        if (isAttribute(target)) {
            const type = target.type;
            if (!type) {
                return UNKNOWN; // half-typed: the parser has reported the missing type
            }
            switch (type.$type) {
                case 'MoneyType': return { kind: 'money', per: timeBase(type.per) };
                case 'IntegerType':
                case 'DecimalType':
                    if (type.unit === 'kr') {
                        return MONEY;
                    }
                    if (type.unit === '%') {
                        return { kind: 'percent' };
                    }
                    return { kind: 'number', counts: type.unit };
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

    /** Sums, differences, min, max and the branches of a choice: both sides must count the same thing. */
    private same(node: AstNode, operation: Operation, left: Dimension, right: Dimension): Dimension {
        if (left.kind === 'unknown' || right.kind === 'unknown') {
            return UNKNOWN;
        }
        if (left.kind === 'zero') {
            return right;
        }
        if (right.kind === 'zero') {
            return left;
        }
        if (left.kind === 'money' && right.kind === 'money') {
            if (left.per && right.per && left.per !== right.per) {
                return this.mismatch(node, operation, left, right);
            }
            return { kind: 'money', per: left.per ?? right.per };
        }
        if (left.kind === 'number' && right.kind === 'number') {
            if (left.counts && right.counts && !sameCount(left.counts, right.counts)) {
                return this.mismatch(node, operation, left, right);
            }
            return { kind: 'number', counts: left.counts ?? right.counts };
        }
        if (left.kind === right.kind) {
            return left;
        }
        return this.mismatch(node, operation, left, right);
    }

    private multiply(node: AstNode, left: Dimension, right: Dimension): Dimension {
        if (left.kind === 'unknown' || right.kind === 'unknown') {
            return UNKNOWN;
        }
        if (left.kind === 'zero' || right.kind === 'zero') {
            return left.kind === 'zero' ? right : left;
        }
        if (left.kind === 'money' && right.kind === 'money') {
            return this.mismatch(node, 'multiply', left, right);
        }
        const [money, other] = left.kind === 'money' ? [left, right] : right.kind === 'money' ? [right, left] : [undefined, undefined];
        if (money && other) {
            if (other.kind === 'number' && other.counts) {
                const base = timeBase(other.counts);
                // kr/h × timmar is kronor; kr/mån × timmar mixes periods.
                if (base && money.per === base) {
                    return MONEY;
                }
                if (base && money.per) {
                    return this.mismatch(node, 'multiply', left, right);
                }
            }
            return money;
        }
        if (left.kind === 'percent' || right.kind === 'percent') {
            return { kind: 'percent' };
        }
        const counts = left.kind === 'number' ? left.counts : undefined;
        return { kind: 'number', counts: counts ?? (right.kind === 'number' ? right.counts : undefined) };
    }

    private divide(node: AstNode, left: Dimension, right: Dimension): Dimension {
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
        if (left.kind === 'money' && right.kind === 'number' && right.counts) {
            // kronor per hour worked, per month of support.
            const base = timeBase(right.counts);
            return base && !left.per ? { kind: 'money', per: base } : left;
        }
        return left;
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

type Operation = 'add' | 'subtract' | 'multiply' | 'divide' | 'min' | 'max' | 'choose' | 'round';

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
};

const typeNamesSv: Record<string, string> = { BooleanType: 'ja/nej', EnumerationType: 'en uppräkning', DateType: 'ett datum' };
const typeNamesEn: Record<string, string> = { BooleanType: 'yes/no', EnumerationType: 'an enumeration', DateType: 'a date' };

function sameCount(a: string, b: string): boolean {
    const baseA = timeBase(a);
    return a === b || (baseA !== undefined && baseA === timeBase(b));
}
