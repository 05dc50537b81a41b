import {
    decisionResultKind, ExactNumber, LEVEL_INPUT, matchCriterion, type Attribute, type AttributeType, type ComparisonOperator, type Criterion,
    type DecisionResult, type DecisionResultKind, type Literal,
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
        between: range => `[${range.between.min}..${range.between.max}]`,
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
    const bounds = parts.map(part => ('op' in part && 'value' in part && 'number' in part.value ? { op: part.op, value: part.value.number } : undefined));
    const lower = bounds.find(bound => bound?.op === '>' || bound?.op === '>=');
    const upper = bounds.find(bound => bound?.op === '<' || bound?.op === '<=');
    if (!lower || !upper) {
        return undefined;
    }
    return `${lower.op === '>' ? '(' : '['}${lower.value}..${upper.value}${upper.op === '<' ? ')' : ']'}`;
}

/** The criterion as a boolean FEEL expression of the input, `?` (`? >= 1 and ? != 3`). */
function booleanOfInput(criterion: Criterion): string {
    return matchCriterion<string>(criterion, {
        test: () => '? = true',
        op: comparison => `? ${EXPRESSION_OPERATOR[comparison.op]} ${feelLiteral(comparison.value)}`,
        in: set => `(${set.in.map(member => `? = ${feelLiteral(member)}`).join(' or ')})`,
        between: range => `(? >= ${range.between.min} and ? <= ${range.between.max})`,
        against: named => `? ${EXPRESSION_OPERATOR[named.against.op]} ${feelName(named.against.ref)}`,
        any: any => `(${any.any.map(booleanOfInput).join(' or ')})`,
        all: all => `(${all.all.map(booleanOfInput).join(' and ')})`,
        not: not => `not(${booleanOfInput(not.not)})`,
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
    // A table with formula outputs is not exported (a note says so, export-dmn.ts); never reached.
    formula: { typeRef: 'number', feel: () => { throw new Error('a formula output is not written as FEEL'); } },
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
