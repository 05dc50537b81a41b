import { ROUNDING_SCALE, type Decimal, type Rounding } from './compiled-policy.js';

/**
 * An exact rational number over BigInt: what Regelrätt computes money and shares with, so that
 * `0,5392 × 47 600 kr / 12` is 2 138,8133… exactly until the policy's own rounding rule applies.
 * Always normalised: the denominator is positive and shares no factor with the numerator.
 */
export class ExactNumber {
    private constructor(readonly numerator: bigint, readonly denominator: bigint) { }

    static readonly ZERO = new ExactNumber(0n, 1n);
    static readonly ONE = new ExactNumber(1n, 1n);

    static of(numerator: bigint, denominator = 1n): ExactNumber {
        if (denominator === 1n) {
            // Whole numbers (most amounts in kronor) are already normalised: no gcd to compute.
            return new ExactNumber(numerator, 1n);
        }
        if (denominator === 0n) {
            throw new RangeError('Division by zero');
        }
        const sign = denominator < 0n ? -1n : 1n;
        const divisor = gcd(abs(numerator), abs(denominator)) || 1n;
        return new ExactNumber((sign * numerator) / divisor, (sign * denominator) / divisor);
    }

    /** Parses canonical decimal text (`-12.5`) or an integer. */
    static parse(decimal: Decimal | number | bigint): ExactNumber {
        if (typeof decimal === 'bigint') {
            return ExactNumber.of(decimal);
        }
        if (typeof decimal === 'number') {
            if (!Number.isInteger(decimal)) {
                throw new RangeError(`Only whole numbers convert exactly, not ${decimal}`);
            }
            return ExactNumber.of(BigInt(decimal));
        }
        const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal);
        if (!match) {
            throw new SyntaxError(`Not a decimal: ${decimal}`);
        }
        const [, sign, integer, fraction = ''] = match;
        const digits = BigInt(integer + fraction);
        return ExactNumber.of(sign ? -digits : digits, 10n ** BigInt(fraction.length));
    }

    add(other: ExactNumber): ExactNumber {
        if (this.denominator === other.denominator) {
            return ExactNumber.of(this.numerator + other.numerator, this.denominator);
        }
        return ExactNumber.of(this.numerator * other.denominator + other.numerator * this.denominator, this.denominator * other.denominator);
    }

    subtract(other: ExactNumber): ExactNumber {
        if (this.denominator === other.denominator) {
            return ExactNumber.of(this.numerator - other.numerator, this.denominator);
        }
        return ExactNumber.of(this.numerator * other.denominator - other.numerator * this.denominator, this.denominator * other.denominator);
    }

    multiply(other: ExactNumber): ExactNumber {
        return ExactNumber.of(this.numerator * other.numerator, this.denominator * other.denominator);
    }

    divide(other: ExactNumber): ExactNumber {
        return ExactNumber.of(this.numerator * other.denominator, this.denominator * other.numerator);
    }

    negate(): ExactNumber {
        return new ExactNumber(-this.numerator, this.denominator);
    }

    compare(other: ExactNumber): number {
        if (this.denominator === other.denominator) {
            return this.numerator < other.numerator ? -1 : this.numerator > other.numerator ? 1 : 0;
        }
        const difference = this.numerator * other.denominator - other.numerator * this.denominator;
        return difference < 0n ? -1 : difference > 0n ? 1 : 0;
    }

    equals(other: ExactNumber): boolean {
        return this.numerator === other.numerator && this.denominator === other.denominator;
    }

    isInteger(): boolean {
        return this.denominator === 1n;
    }

    static min(...values: ExactNumber[]): ExactNumber {
        return values.reduce((a, b) => (b.compare(a) < 0 ? b : a));
    }

    static max(...values: ExactNumber[]): ExactNumber {
        return values.reduce((a, b) => (b.compare(a) > 0 ? b : a));
    }

    /** The whole number below or equal. */
    floor(): bigint {
        const quotient = this.numerator / this.denominator;
        return this.numerator < 0n && quotient * this.denominator !== this.numerator ? quotient - 1n : quotient;
    }

    /**
     * Rounds to whole kronor, to öre (or to whole minutes, quarter hours, whole hours) by the policy's rule. "Halva bort från noll" rounds
     * 1 914,5 to 1 915 and −1 012,5 to −1 013, as the seed's tables do.
     */
    round(rule: Rounding): ExactNumber {
        const scale = ROUNDING_SCALE[rule.unit];
        const scaled = this.multiply(ExactNumber.of(scale));
        const down = scaled.floor();
        const fraction = scaled.subtract(ExactNumber.of(down));
        const half = fraction.compare(ExactNumber.of(1n, 2n));
        let result: bigint;
        switch (rule.mode) {
            case 'down':
                result = scaled.numerator < 0n && !fraction.equals(ExactNumber.ZERO) ? down + 1n : down; // toward zero
                break;
            case 'up':
                result = fraction.equals(ExactNumber.ZERO) ? down : scaled.numerator < 0n ? down : down + 1n; // away from zero
                break;
            case 'half-up':
                result = half >= 0 ? down + 1n : down;
                break;
            case 'half-even':
                result = half > 0 || (half === 0 && down % 2n !== 0n) ? down + 1n : down;
                break;
            case 'half-away-from-zero':
            default:
                result = half > 0 || (half === 0 && scaled.numerator > 0n) ? down + 1n : down;
                break;
        }
        return ExactNumber.of(result, scale);
    }

    /** Canonical decimal text when the number has a finite decimal expansion; otherwise rounded to `digits` places (half away from zero). */
    toDecimal(digits = 10): Decimal {
        let denominator = this.denominator;
        let places = 0;
        while (denominator % 10n === 0n) { denominator /= 10n; places++; }
        while (denominator % 2n === 0n) { denominator /= 2n; places++; }
        while (denominator % 5n === 0n) { denominator /= 5n; places++; }
        const exact = denominator === 1n;
        const scale = exact ? places : digits;
        const factor = 10n ** BigInt(scale);
        const scaled = exact
            ? (this.numerator * factor) / this.denominator
            : roundHalfAwayFromZero(this.numerator * factor, this.denominator);
        const negative = scaled < 0n;
        const text = abs(scaled).toString().padStart(scale + 1, '0');
        const integer = text.slice(0, text.length - scale);
        const fraction = text.slice(text.length - scale).replace(/0+$/, '');
        const body = fraction ? `${integer}.${fraction}` : integer;
        return negative && body !== '0' ? `-${body}` : body;
    }

    toString(): string {
        return this.toDecimal();
    }

    /** JSON has no exact numbers: an answer or a message that shows one gives its decimal text. */
    toJSON(): string {
        return this.toDecimal();
    }
}

function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
    const negative = numerator < 0n;
    const n = abs(numerator);
    const quotient = n / denominator;
    const rest = n - quotient * denominator;
    const rounded = rest * 2n >= denominator ? quotient + 1n : quotient;
    return negative ? -rounded : rounded;
}

function abs(value: bigint): bigint {
    return value < 0n ? -value : value;
}

function gcd(a: bigint, b: bigint): bigint {
    while (b !== 0n) {
        [a, b] = [b, a % b];
    }
    return a;
}
