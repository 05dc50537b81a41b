import { isExpression, matchCriterion, matchExpression, type AmountPer, type Criterion, type Expression, type ExpressionOf, type Literal, type Rounding } from '@regelratt/format';

const roundingModes: Record<Rounding['mode'], string> = {
    'half-away-from-zero': 'halva bort från noll',
    'half-up': 'halva uppåt',
    'half-even': 'halva till jämnt',
    down: 'nedåt',
    up: 'uppåt',
};

const roundingUnits: Record<Rounding['unit'], string> = {
    krona: 'hela kronor',
    'öre': 'öre',
    minute: 'hela minuter',
    'quarter-hour': 'kvartstimmar',
    hour: 'hela timmar',
};

/** A rounding rule as the policy writes it: `hela kronor, nedåt`. */
/** A decimal as a Swedish reader writes it: `2 642,08`. */
export function swedishNumber(decimal: string): string {
    const [whole, fraction] = decimal.split('.');
    const sign = whole.startsWith('-') ? '−' : '';
    const plain = whole.replace('-', '');
    // Groups of three from the right, by slicing (a look-ahead regular expression is quadratic in the length).
    const groups: string[] = [];
    for (let end = plain.length; end > 0; end -= 3) {
        groups.unshift(plain.slice(Math.max(0, end - 3), end));
    }
    const digits = groups.join('\u00a0');
    return `${sign}${digits}${fraction ? `,${fraction}` : ''}`;
}

export function roundingText(rounding: Rounding): string {
    return `${roundingUnits[rounding.unit]}, ${roundingModes[rounding.mode]}`;
}

const nameOf = (id: string) => id.slice(id.indexOf('/') + 1);
const operators = { '+': '+', '-': '−', '*': '×', '/': '/' } as const;
const comparisons = { '=': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' } as const;

function decimalText(decimal: string): string {
    return decimal.replace('.', ',');
}

/** A criterion in the policy's own words, for explanation traces. */
export function criterionText(criterion: Criterion): string {
    const attribute = (c: { attribute: string }) => nameOf(c.attribute);
    return matchCriterion<string>(criterion, {
        all: c => c.all.map(criterionText).join(' och '),
        any: c => `(${c.any.map(criterionText).join(' eller ')})`,
        not: c => `inte ${criterionText(c.not)}`,
        test: attribute,
        between: c => `${attribute(c)} i ${decimalText(c.between.min)}–${decimalText(c.between.max)}`,
        in: c => `${attribute(c)} i { ${c.in.map(literalText).join(', ')} }`,
        against: c => `${attribute(c)} ${comparisons[c.against.op]} ${nameOf(c.against.ref)}`,
        op: c => `${attribute(c)} ${comparisons[c.op]} ${literalText(c.value)}`,
    });
}

function literalText(literal: Literal): string {
    if ('number' in literal) {
        return decimalText(literal.number);
    }
    if ('date' in literal) {
        return literal.date;
    }
    if ('boolean' in literal) {
        return literal.boolean ? 'ja' : 'nej';
    }
    return literal.enumeration;
}

/**
 * A minus before a formula (`−x`, `−(a − b)`), which the compiled format writes as `0 − x` with a
 * zero without unit. `0 kr − x` keeps its unit, so it stays as written.
 */
function isNegation(expression: Expression): boolean {
    return isExpression(expression, 'op') && expression.op === '-' && isExpression(expression.left, 'quantity')
        && expression.left.quantity.unit === 'none' && !expression.left.quantity.per && /^0(\.0*)?$/.test(expression.left.quantity.value);
}

/** What an amount is per as the policy writes it: `kr/mån`, `kr per insats`. */
const AMOUNT_PER = {
    month: '/mån', hour: '/h', day: '/dygn', week: '/vecka', year: '/år',
    occasion: ' per tillfälle', visit: ' per besök', service: ' per insats', portion: ' per portion',
} as const satisfies Record<AmountPer, string>;

/** The text after an amount's `kr` for what it is per (`/mån`, ` per insats`); empty for none. */
export function amountPerText(per: AmountPer | undefined): string {
    return per ? AMOUNT_PER[per] : '';
}

/** A formula in the policy's own words (Swedish decimals, names without their kind), for explanation traces. */
export function expressionText(expression: Expression): string {
    return matchExpression<string>(expression, {
        quantity: ({ quantity: { value, unit, per } }) => (unit === 'none' ? decimalText(value) : `${decimalText(value)} ${unit}${amountPerText(per)}`),
        ref: reference => {
            const column = reference.column ? `.${reference.column}` : '';
            const at = reference.atLevel ? ` vid nivå ${expressionText(reference.atLevel)}` : '';
            return `${nameOf(reference.ref)}${column}${at}`;
        },
        level: () => 'nivå',
        call: call => `${call.call}(${call.args.map(expressionText).join(', ')})`,
        round: rounded => `${expressionText(rounded.round)} avrundat till ${roundingText(rounded.rounding)}`,
        if: choice => `om ${criterionText(choice.if)} så ${expressionText(choice.then)} annars ${expressionText(choice.else)}`,
        op: operationText,
    });
}

/** How tightly a part binds: the higher, the fewer parentheses it needs. */
function precedence(part: Expression): number {
    if (isNegation(part)) {
        return 2;
    }
    return matchExpression<number>(part, {
        op: operation => (operation.op === '+' || operation.op === '-' ? 1 : 2),
        round: () => 0,
        if: () => 0,
        quantity: () => 3,
        ref: () => 3,
        level: () => 3,
        call: () => 3,
    });
}

// Parentheses only where the reading would otherwise change: a lower-precedence part, or the right side of − and /.
function operationText(expression: ExpressionOf<'op'>): string {
    if (isNegation(expression)) {
        // `−(a − b)` as the policy says it, not as the compiled `0 − (a − b)`.
        const operand = expression.right;
        return precedence(operand) < 3 ? `−(${expressionText(operand)})` : `−${expressionText(operand)}`;
    }
    const own = precedence(expression);
    const left = precedence(expression.left) < own ? `(${expressionText(expression.left)})` : expressionText(expression.left);
    const rightPrecedence = precedence(expression.right);
    const groupRight = rightPrecedence < own || (rightPrecedence === own && (expression.op === '-' || expression.op === '/'));
    const right = groupRight ? `(${expressionText(expression.right)})` : expressionText(expression.right);
    return `${left} ${operators[expression.op]} ${right}`;
}
