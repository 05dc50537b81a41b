import type { AmountPer, Criterion, Expression, Literal, Rounding } from '@regelratt/format';

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
    if ('all' in criterion) {
        return criterion.all.map(criterionText).join(' och ');
    }
    if ('any' in criterion) {
        return `(${criterion.any.map(criterionText).join(' eller ')})`;
    }
    if ('not' in criterion) {
        return `inte ${criterionText(criterion.not)}`;
    }
    const attribute = nameOf(criterion.attribute);
    if ('test' in criterion) {
        return attribute;
    }
    if ('between' in criterion) {
        return `${attribute} i ${decimalText(criterion.between.min)}–${decimalText(criterion.between.max)}`;
    }
    if ('in' in criterion) {
        return `${attribute} i { ${criterion.in.map(literalText).join(', ')} }`;
    }
    if ('against' in criterion) {
        return `${attribute} ${comparisons[criterion.against.op]} ${nameOf(criterion.against.ref)}`;
    }
    return `${attribute} ${comparisons[criterion.op]} ${literalText(criterion.value)}`;
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
    return 'op' in expression && expression.op === '-' && 'quantity' in expression.left
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
    if ('quantity' in expression) {
        const { value, unit, per } = expression.quantity;
        const perText = amountPerText(per);
        return unit === 'none' ? decimalText(value) : `${decimalText(value)} ${unit}${perText}`;
    }
    if ('ref' in expression) {
        const column = expression.column ? `.${expression.column}` : '';
        const at = expression.atLevel ? ` vid nivå ${expressionText(expression.atLevel)}` : '';
        return `${nameOf(expression.ref)}${column}${at}`;
    }
    if ('level' in expression) {
        return 'nivå';
    }
    if ('call' in expression) {
        return `${expression.call}(${expression.args.map(expressionText).join(', ')})`;
    }
    if ('round' in expression) {
        return `${expressionText(expression.round)} avrundat till ${roundingText(expression.rounding)}`;
    }
    if ('if' in expression) {
        return `om ${criterionText(expression.if)} så ${expressionText(expression.then)} annars ${expressionText(expression.else)}`;
    }
    // Parentheses only where the reading would otherwise change: a lower-precedence part, or the right side of − and /.
    const precedence = (part: Expression) => (isNegation(part) ? 2 : 'op' in part ? (part.op === '+' || part.op === '-' ? 1 : 2) : 'round' in part || 'if' in part ? 0 : 3);
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
