import {
    decisionResultKind, ExactNumber, isCriterion, LEVEL_INPUT, matchCriterion, matchExpression, ROUNDING_SCALE, type Attribute, type AttributeType, type ComparisonOperator, type Criterion,
    type DecisionResult, type DecisionResultKind, type Expression, type Literal, type Rounding,
} from '@regelratt/format';

/**
 * FEEL text for the compiled forms: literals, unary tests (a decision table's input entries) and
 * output entries. Exact: a number is written as the compiled decimal text, never through a binary
 * float, so a DMN engine with FEEL's decimal numbers reads the very value the policy states.
 */

/** FEEL's types for the compiled attribute domains. */
export type FeelType = 'number' | 'string' | 'boolean' | 'date';

export const FEEL_TYPE_OF_DOMAIN = {
    integer: 'number',
    decimal: 'number',
    money: 'number',
    boolean: 'boolean',
    enumeration: 'string',
    date: 'date',
} as const satisfies Record<AttributeType['type'], FeelType>;

/** A FEEL string literal: quotes and backslashes escaped, as FEEL's grammar reads them. */
export function feelString(text: string): string {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

type LiteralVariant = 'number' | 'date' | 'boolean' | 'enumeration';

/** Each compiled literal variant as FEEL; a new variant is a compile error here until written. */
const LITERAL = {
    number: literal => (literal as { number: string }).number,
    date: literal => `date(${feelString((literal as { date: string }).date)})`,
    boolean: literal => String((literal as { boolean: boolean }).boolean),
    enumeration: literal => feelString((literal as { enumeration: string }).enumeration),
} as const satisfies Record<LiteralVariant, (literal: Literal) => string>;

// The table above covers every literal variant: a new one fails to compile here first.
type LiteralOf<V extends LiteralVariant> = V extends LiteralVariant ? Extract<Literal, Record<V, unknown>> : never;
const literalsComplete: [Exclude<Literal, LiteralOf<LiteralVariant>>] extends [never] ? true : false = true;
void literalsComplete;

export function feelLiteral(literal: Literal): string {
    const variant = (Object.keys(LITERAL) as LiteralVariant[]).find(name => name in literal);
    if (!variant) {
        throw new TypeError(`Not a compiled literal: ${Object.keys(literal).join(', ')}`);
    }
    return LITERAL[variant](literal);
}

/** An element's FEEL name: its name in the policy (an input's variable is the attribute's name). */
export function feelName(id: string): string {
    return id.slice(id.indexOf('/') + 1);
}

/** A comparison with a constant as a simple unary test (`< 5`, `not("hög")`). */
const UNARY_OPERATOR = {
    '=': value => value,
    '!=': value => `not(${value})`,
    '<': value => `< ${value}`,
    '<=': value => `<= ${value}`,
    '>': value => `> ${value}`,
    '>=': value => `>= ${value}`,
} as const satisfies Record<ComparisonOperator, (value: string) => string>;

/** The same comparison as a boolean FEEL expression of the input `?`. */
const EXPRESSION_OPERATOR = {
    '=': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=',
} as const satisfies Record<ComparisonOperator, string>;

/**
 * A criterion on one input as FEEL unary tests: the simple forms (`[10..25]`, `>= 65`, `"a", "b"`,
 * `not(…)`) where they say it, two bounds as one interval, and otherwise a boolean expression of `?`
 * (DMN 1.2 and later), so that every criterion has an exact input entry.
 */
export function unaryTests(criterion: Criterion): string {
    const simple = simpleTests(criterion);
    return simple ?? booleanOfInput(criterion);
}

/** Simple positive unary tests (a comma-separated list), or undefined where the criterion needs an expression. */
function simpleTests(criterion: Criterion): string | undefined {
    return matchCriterion<string | undefined>(criterion, {
        test: () => 'true',
        op: comparison => UNARY_OPERATOR[comparison.op](feelLiteral(comparison.value)),
        in: set => set.in.map(feelLiteral).join(', '),
        // A descending interval (`70–pensionsålder` with 65 that day) is empty for the runtime, and feelin reads it as
        // ascending: such a range is the boolean test of `?`, which no value meets.
        between: range => (ascending(range.between.min, range.between.max) ? `[${range.between.min}..${range.between.max}]` : undefined),
        // A named value (another input, a parameter) as FEEL's name in a unary test: `< maxpris`.
        against: named => UNARY_OPERATOR[named.against.op](feelName(named.against.ref)),
        any: any => {
            const parts = any.any.map(simpleTests);
            return parts.every((part): part is string => part !== undefined) && parts.length > 0 ? parts.join(', ') : undefined;
        },
        not: not => {
            const inner = simpleTests(not.not);
            return inner === undefined ? undefined : `not(${inner})`;
        },
        all: all => interval(all.all),
    });
}

/** `> 0 och <= 10` as the interval `(0..10]`; undefined for any other conjunction. */
function interval(parts: readonly Criterion[]): string | undefined {
    if (parts.length !== 2) {
        return undefined;
    }
    const bounds = parts.map(part => (isCriterion(part, 'op') && 'number' in part.value ? { op: part.op, value: part.value.number } : undefined));
    const lower = bounds.find(bound => bound?.op === '>' || bound?.op === '>=');
    const upper = bounds.find(bound => bound?.op === '<' || bound?.op === '<=');
    if (!lower || !upper || !ascending(lower.value, upper.value)) {
        return undefined;
    }
    return `${lower.op === '>' ? '(' : '['}${lower.value}..${upper.value}${upper.op === '<' ? ')' : ']'}`;
}

/** Whether an interval's ends are in order (equal ends are one value); a descending one is written as a boolean test. */
function ascending(min: string, max: string): boolean {
    return ExactNumber.parse(min).compare(ExactNumber.parse(max)) <= 0;
}

/** The criterion as a boolean FEEL expression of the input, `?` (`? >= 1 and ? != 3`). */
function booleanOfInput(criterion: Criterion): string {
    return booleanOf(criterion, () => '?');
}

/** The criterion as a boolean FEEL expression, each test on the FEEL name `subject` gives its attribute. */
function booleanOf(criterion: Criterion, subject: (attribute: string) => string): string {
    const of = (part: Criterion) => booleanOf(part, subject);
    return matchCriterion<string>(criterion, {
        test: leaf => `${subject(leaf.attribute)} = true`,
        op: comparison => `${subject(comparison.attribute)} ${EXPRESSION_OPERATOR[comparison.op]} ${feelLiteral(comparison.value)}`,
        in: set => `(${set.in.map(member => `${subject(set.attribute)} = ${feelLiteral(member)}`).join(' or ')})`,
        between: range => `(${subject(range.attribute)} >= ${range.between.min} and ${subject(range.attribute)} <= ${range.between.max})`,
        against: named => `${subject(named.attribute)} ${EXPRESSION_OPERATOR[named.against.op]} ${feelName(named.against.ref)}`,
        any: any => `(${any.any.map(of).join(' or ')})`,
        all: all => `(${all.all.map(of).join(' and ')})`,
        not: not => `not(${of(not.not)})`,
    });
}

/** Why a formula has no FEEL expression here, in both languages: the export names it in a note. */
export class NotFeel {
    constructor(readonly sv: string, readonly en: string) { }
}

/**
 * What a formula may read in FEEL: an attribute by its name (an input data), a parameter as its value
 * on the date the decision answers for (a literal), a calculation by its decision's variable.
 * Each returns the FEEL text or throws NotFeel with the reason.
 */
export interface FormulaScope {
    attribute(id: string): string;
    parameter(id: string): string;
    calculation(id: string): string;
}

/**
 * The runtime's rounding modes as FEEL's rounding functions (DMN 1.4, 10.3.4.5): `round half up` is
 * half away from zero, `decimal` half to even, `round down` toward zero, `round up` away from zero;
 * the runtime's half-up (a half toward +∞) has no function of its own and is `floor(x + ½ step)`.
 * `digits` is the decimal places of the step (krona 0, öre 2).
 */
export const FEEL_ROUNDING = {
    'half-away-from-zero': (operand, digits) => `round half up(${operand}, ${digits})`,
    'half-even': (operand, digits) => `decimal(${operand}, ${digits})`,
    down: (operand, digits) => `round down(${operand}, ${digits})`,
    up: (operand, digits) => `round up(${operand}, ${digits})`,
    'half-up': (operand, digits) => `floor(${operand} + ${ExactNumber.of(5n, 10n ** BigInt(digits + 1)).toDecimal()}, ${digits})`,
} as const satisfies Record<Rounding['mode'], (operand: string, digits: number) => string>;

/** A rounding step as FEEL: a step of a power of ten by the function's scale, a quarter hour as four steps of one. */
function feelRounding(operand: string, rounding: Rounding): string {
    const scale = ROUNDING_SCALE[rounding.unit];
    const digits = scale.toString().length - 1;
    if (10n ** BigInt(digits) === scale) {
        return FEEL_ROUNDING[rounding.mode](operand, digits);
    }
    return `(${FEEL_ROUNDING[rounding.mode](`(${operand}) * ${scale}`, 0)} / ${scale})`;
}

const FEEL_OPERATOR = { '+': '+', '-': '-', '*': '*', '/': '/' } as const satisfies Record<Extract<Expression, { op: string }>['op'], string>;

/**
 * A formula as a FEEL expression, exactly: numbers as their decimal text (a share as its fraction),
 * the four operations in parentheses, `min`/`max`, rounding by FEEL_ROUNDING, `om … så … annars` as
 * `if … then … else`. FEEL divides in decimal128 (34 digits) where the runtime keeps the fraction; an
 * unrounded quotient is the same to 33 places. Throws NotFeel for what FEEL cannot read here.
 */
export function feelFormula(expression: Expression, scope: FormulaScope): string {
    const of = (part: Expression) => feelFormula(part, scope);
    return matchExpression<string>(expression, {
        quantity: expression => {
            const value = expression.quantity.unit === '%' ? percentAsFraction(expression.quantity.value) : expression.quantity.value;
            return value.startsWith('-') ? `(${value})` : value;
        },
        ref: expression => {
            if (expression.atLevel) {
                throw new NotFeel(
                    `läser ${expression.ref} vid en annan nivå än ärendets, vilket exporten inte skriver i FEEL`,
                    `reads ${expression.ref} at another level than the case's, which the export does not write in FEEL`,
                );
            }
            const kind = expression.ref.slice(0, expression.ref.indexOf('/'));
            switch (kind) {
                case 'attribute': return scope.attribute(expression.ref);
                case 'parameter': return scope.parameter(expression.ref);
                case 'calculation': return scope.calculation(expression.ref);
                default: throw new NotFeel(
                    `läser ${expression.ref}, som inte finns som DMN-beslut i exporten`,
                    `reads ${expression.ref}, which is no DMN decision in the export`,
                );
            }
        },
        level: () => scope.attribute(LEVEL_INPUT),
        call: expression => `${expression.call}(${expression.args.map(of).join(', ')})`,
        round: expression => feelRounding(of(expression.round), expression.rounding),
        if: expression => `(if ${booleanOf(expression.if, scope.attribute)} then ${of(expression.then)} else ${of(expression.else)})`,
        op: expression => `(${of(expression.left)} ${FEEL_OPERATOR[expression.op]} ${of(expression.right)})`,
    });
}

/** What each kind of output cell is in FEEL: its type and its literal (a share as the fraction the runtime answers). */
export const OUTPUT_CELL = {
    number: { typeRef: 'number', feel: cell => { const q = cell as { value: string; unit: string }; return q.unit === '%' ? percentAsFraction(q.value) : q.value; } },
    // The policy leaves the value open: the runtime answers null, as does FEEL's null.
    open: { typeRef: undefined, feel: () => 'null' },
    pathway: { typeRef: 'string', feel: cell => feelString((cell as { pathway: string }).pathway) },
    text: { typeRef: 'string', feel: cell => feelString((cell as { text: string }).text) },
    yesNo: { typeRef: 'boolean', feel: cell => String((cell as { yesNo: boolean }).yesNo) },
    // A formula reads the policy's names and values: export-dmn.ts writes it with feelFormula and its scope; never reached.
    formula: { typeRef: 'number', feel: () => { throw new Error('a formula output is written by feelFormula'); } },
    date: { typeRef: 'date', feel: cell => `date(${feelString((cell as { date: string }).date)})` },
} as const satisfies Record<DecisionResultKind, { typeRef: FeelType | undefined; feel: (cell: DecisionResult) => string }>;

export function outputEntry(cell: DecisionResult): string {
    return OUTPUT_CELL[decisionResultKind(cell)].feel(cell);
}

/** A column's FEEL type: the one type of its cells (an open value fits any), or none where they differ. */
export function columnType(cells: readonly DecisionResult[]): FeelType | undefined {
    const types = new Set(cells.map(cell => OUTPUT_CELL[decisionResultKind(cell)].typeRef).filter(type => type !== undefined));
    return types.size === 1 ? [...types][0] : undefined;
}

/** `30` per cent as the exact fraction `0.3`: the decimal divided by 100 with every digit kept. */
export function percentAsFraction(value: string): string {
    const digits = (value.split('.')[1] ?? '').length + 2;
    return ExactNumber.parse(value).divide(ExactNumber.of(100n)).toDecimal(digits);
}

/** The FEEL type of an input: the attribute's domain, or a number for the case's level. */
export function inputType(attribute: Attribute | undefined, id: string): FeelType | undefined {
    if (id === LEVEL_INPUT) {
        return 'number';
    }
    return attribute ? FEEL_TYPE_OF_DOMAIN[attribute.domain.type] : undefined;
}
