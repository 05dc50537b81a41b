import { dayNumber, ExactNumber, matchComparison, matchCriterion, type Comparison, type Criterion, type CriterionOf, type Literal } from '@regelratt/format';
import { readInput, type AttributeCatalogue, type AttributeEntry, type AttributeValue, type CitizenInput, type CitizenValues } from './citizen.js';
import { orderNumbers } from './order-numbers.js';
import { NotGenerated, recordFault } from './generated-code-faults.js';
import { runtimeError } from './runtime-error.js';

/**
 * Generates JavaScript source for criteria, once per criterion, so that a register is evaluated by
 * code V8 optimises like hand-written code: each attribute read is a property access with a constant
 * name (one inline cache per site), each comparison an inline operator, and each attribute is read
 * and checked at most once per call, however many criteria of a model read it. Values that are not
 * in the fast form (a number as text, `"ja"`) and missing values go through `CitizenValues.read`,
 * which checks them and raises the runtime's typed errors, so results and errors are exactly those
 * of the closure-based evaluation (`criteria.ts`) that explanations use.
 *
 * Both generators return undefined where code generation is not allowed (a browser page with a
 * strict Content Security Policy); callers then use the closures.
 */
export function generateTest(criterion: Criterion, catalogue: AttributeCatalogue): ((values: CitizenValues) => boolean) | undefined {
    const emitter = new Emitter(catalogue);
    const expression = emitter.expression(criterion);
    return emitter.build<boolean>(`return ${expression};`);
}

/** One function for all criteria of a förlopp model: bit i of the result is set when criterion i holds. */
export function generateSelector(criteria: ReadonlyArray<Criterion | undefined>, catalogue: AttributeCatalogue): ((values: CitizenValues) => number) | undefined {
    if (criteria.length > 30) {
        return undefined;
    }
    const emitter = new Emitter(catalogue);
    const lines = criteria.map((criterion, index) => (criterion ? `if (${emitter.expression(criterion)}) m |= ${1 << index};` : ''));
    return emitter.build<number>(`let m = 0;\n${lines.join('\n')}\nreturn m;`);
}

export class Emitter {
    private readonly entries: AttributeEntry[] = [];
    private readonly sets: Array<Set<string>> = [];
    private readonly constants: ExactNumber[] = [];
    private readonly readers: string[] = [];
    private readonly readerOf = new Map<string, number>();

    constructor(private readonly catalogue: AttributeCatalogue) { }

    /**
     * A read of the attribute that checks and fetches it on first use in a call, then reuses it. Other
     * generators (calculations) share it, so one call reads each attribute once whoever asks.
     */
    read(attributeId: string): string {
        let index = this.readerOf.get(attributeId);
        if (index === undefined) {
            const entry = this.catalogue.entries.get(attributeId);
            if (!entry) {
                throw new NotGenerated(`unknown attribute ${attributeId}`);
            }
            index = this.entries.push(entry) - 1;
            this.readerOf.set(attributeId, index);
            const key = JSON.stringify(entry.attribute.name);
            const domain = entry.attribute.domain;
            let fast = '';
            if (domain.type === 'enumeration' && domain.values.length <= INLINE_ENUMERATION) {
                // A chain of comparisons with literals: several times faster in V8 than a Set held in a closure.
                fast = `if (${domain.values.map(value => `v === ${JSON.stringify(value.name)}`).join(' || ') || 'false'}) return v;`;
            } else if (domain.type === 'enumeration') {
                const set = this.sets.push(new Set(domain.values.map(v => v.name))) - 1;
                fast = `if (typeof v === "string" && sets[${set}].has(v)) return v;`;
            } else if (domain.type === 'boolean') {
                fast = 'if (v === true || v === false) return v;';
            } else if (domain.type === 'integer') {
                const min = Number(domain.min);
                const max = Number(domain.max);
                // Within 32 bits, `(v | 0) === v` is the whole type-and-integer test in one operation (false for anything but such a number).
                const whole = min >= -(2 ** 31) && max < 2 ** 31 ? '(v | 0) === v' : 'typeof v === "number" && Number.isInteger(v)';
                fast = `if (${whole} && v >= ${min} && v <= ${max}) return v;`;
            }
            // Generated calculations have no CitizenValues (`values` undefined): readInput reads the input as given.
            this.readers.push(`function a${index}(values, input) { const v = input[${key}]; ${fast} return readInput(entries[${index}], values ?? input); }`);
        }
        return `(s${index} ? v${index} : (s${index} = true, v${index} = a${index}(values, input)))`;
    }

    build<T>(body: string): ((values: CitizenValues) => T) | undefined {
        return this.buildWith<[], T>([], {}, body);
    }

    /** Builds `function evaluate(values, ...parameters)` with extra values in scope by name. */
    buildWith<P extends unknown[], T>(parameters: string[], scope: Record<string, unknown>, body: string): ((values: CitizenValues, ...rest: P) => T) | undefined {
        return this.compile(`function evaluate(${['values', ...parameters].join(', ')}) { const input = values.input;`, scope, '', body);
    }

    /**
     * Builds `function evaluate(input, ...parameters)` over a citizen as the caller gave it (as sent,
     * or a CitizenValues, which only the slow reads look at), with no CitizenValues made per call
     * (`values` is declared, undefined, for the body to create when it must); `prelude`
     * is code run once when the function is built (constant tables), outside the per-call body.
     */
    buildForInput<P extends unknown[], T>(parameters: string[], scope: Record<string, unknown>, prelude: string, body: string): ((input: CitizenInput | CitizenValues, ...rest: P) => T) | undefined {
        return this.compile(`function evaluate(${['input', ...parameters].join(', ')}) { let values;`, scope, prelude, body);
    }

    private compile<F>(head: string, scope: Record<string, unknown>, prelude: string, body: string): F | undefined {
        const locals = this.entries.map((_, i) => `let v${i}, s${i} = false;`).join(' ');
        const names = Object.keys(scope);
        const source = `${prelude}\n${this.readers.join('\n')}\nreturn ${head} ${locals}\n${body} };`;
        try {
            return new Function('entries', 'sets', 'constants', 'order', 'orderValues', 'readInput', ...names, source)(this.entries, this.sets, this.constants, order, orderValues, readInput, ...names.map(n => scope[n]));
        } catch (error) {
            // Code generation not allowed (a Content Security Policy, --disallow-code-generation-from-strings)
            // is an EvalError: the closures answer. Anything else (a syntax error) is the generator's fault.
            if (!(error instanceof EvalError)) {
                recordFault(error);
            }
            return undefined;
        }
    }

    /** A numeric constant: a JS number literal where the attribute's values are JS numbers, else an exact constant. */
    private numeric(exact: ExactNumber, wholeNumbers: boolean): { js?: string; exact?: string } {
        return wholeNumbers && exact.isInteger() ? { js: String(exact.numerator) } : { exact: `constants[${this.constants.push(exact) - 1}]` };
    }

    expression(node: Criterion): string {
        return matchCriterion<string>(node, {
            all: ({ all }) => `(${all.map(n => this.expression(n)).join(' && ')})`,
            any: ({ any }) => `(${any.map(n => this.expression(n)).join(' || ')})`,
            not: c => `(!${this.expression(c.not)})`,
            against: c => this.against(c),
            test: c => this.comparison(c),
            op: c => this.comparison(c),
            in: c => this.comparison(c),
            between: c => this.comparison(c),
        });
    }

    /** Two values of the case (a parameter's is put among them by the decision table): the closures' comparison. */
    private against(node: CriterionOf<'against'>): string {
        const read = this.read(node.attribute);
        const op = Object.hasOwn(operators, node.against.op) ? operators[node.against.op] : undefined;
        if (!op) {
            throw runtimeError('unknown-comparison', { op: JSON.stringify(node.against.op) }, { op: node.against.op });
        }
        const other = this.read(node.against.ref);
        return `(orderValues(${read}, ${other}, entries[${this.readerOf.get(node.attribute)}], entries[${this.readerOf.get(node.against.ref)}]) ${op} 0)`;
    }

    private comparison(node: Comparison): string {
        const type = this.catalogue.entries.get(node.attribute)?.attribute.domain.type;
        const wholeNumbers = type === 'integer' || type === 'date';
        const read = this.read(node.attribute);
        const compare = (x: string, op: string, constant: { js?: string; exact?: string }) =>
            (constant.js !== undefined ? `${x} ${op} ${constant.js}` : `order(${x}, ${constant.exact}) ${op} 0`);
        const test = (x: string, op: string, value: Literal): string => {
            // Nothing from the file reaches the generated code except through a safe encoding: a
            // tampered file must not be able to run code in every system that loads it.
            if ('boolean' in value) {
                return `${x} ${op} ${value.boolean === true ? 'true' : 'false'}`;
            }
            if ('enumeration' in value) {
                return `${x} ${op} ${JSON.stringify(String(value.enumeration))}`;
            }
            const exact = 'date' in value ? ExactNumber.of(BigInt(dayNumber(value.date))) : ExactNumber.parse(value.number);
            return compare(x, op, this.numeric(exact, wholeNumbers));
        };
        return matchComparison<string>(node, {
            test: () => `(${read} === true)`,
            between: ({ between }) => {
                const min = this.numeric(ExactNumber.parse(between.min), wholeNumbers);
                const max = this.numeric(ExactNumber.parse(between.max), wholeNumbers);
                return `(${compare(read, '>=', min)} && ${compare(read, '<=', max)})`;
            },
            in: c => `(${c.in.map(member => test(read, '===', member)).join(' || ')})`,
            op: c => {
                const op = Object.hasOwn(operators, c.op) ? operators[c.op] : undefined;
                if (!op) {
                    throw runtimeError('unknown-comparison', { op: JSON.stringify(c.op) }, { op: c.op });
                }
                return `(${test(read, op, c.value)})`;
            },
        });
    }
}

/** Enumerations up to this many values are checked by comparisons written out, larger ones by a Set. */
const INLINE_ENUMERATION = 16;

const operators: Record<CriterionOf<'op'>['op'], string> = { '=': '===', '!=': '!==', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** Orders two values of the case (`ålder < pensionsålder`) as the closures do (criteria.ts `orderNumbers`). */
function orderValues(a: AttributeValue, b: AttributeValue, left: AttributeEntry, right: AttributeEntry): number {
    return orderNumbers(a, b, left.attribute.name, right.attribute.name);
}

function order(a: number | ExactNumber, b: ExactNumber): number {
    return (typeof a === 'number' ? ExactNumber.of(BigInt(a)) : a).compare(b);
}
