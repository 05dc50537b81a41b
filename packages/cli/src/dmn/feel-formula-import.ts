/**
 * A FEEL expression in the fragment `compile --target dmn` writes (feel.ts, `feelFormula`), read back
 * as a Regelrätt formula: numbers, names the scope knows (an input data, a calculation's decision),
 * `+ - * /`, parentheses, `min`/`max`, FEEL's rounding functions to whole units or öre, a quarter
 * hour as four steps of one (`round up((x) * 4, 0) / 4`), and `if … then … else` over comparisons of
 * input data with constants (`om … så … annars`). Anything else is undefined: the caller names it.
 */

/** What a name in a formula is: an input data of a FEEL type (`amount` a number imported as `belopp`), or a calculation (a literal-expression decision). */
export type FormulaName = 'number' | 'amount' | 'string' | 'boolean' | 'date' | 'calculation';

/** The formula as Regelrätt writes it, with the input data it reads (each with the constants compared with) and the calculations. */
export interface ImportedFormula {
    text: string;
    /** Input data read, each with the constants a condition compares it with (in Regelrätt's spelling), for its domain. */
    reads: Map<string, string[]>;
    calculations: Set<string>;
}

type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

type Condition =
    | { and: Condition[] }
    | { or: Condition[] }
    | { not: Condition }
    | { name: string; op: Comparison; value: string };

type Expression =
    | { number: string }
    | { name: string }
    | { op: '+' | '-' | '*' | '/'; left: Expression; right: Expression }
    | { negate: Expression }
    | { call: 'min' | 'max'; args: Expression[] }
    | { round: Expression; fn: string; digits: string }
    | { if: Condition; then: Expression; else: Expression };

const NUMBER = /^\d+(\.\d+)?$/;
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const ROUNDING_FUNCTIONS = new Set(['round half up', 'decimal', 'round down', 'round up', 'floor']);

/** FEEL's rounding functions as Regelrätt's rounding modes (the inverse of the export's FEEL_ROUNDING); `floor(x + ½ step)` is `halva uppåt`. */
const REGEL_ROUNDING: Record<string, string> = {
    'round half up': '',
    decimal: ', halva till jämnt',
    'round down': ', nedåt',
    'round up': ', uppåt',
    floor: ', halva uppåt',
};
/** A rounding's scale (FEEL's digits) as Regelrätt's unit; a scale of 0 is whole kronor, whole minutes or whole hours alike, the same number. */
const ROUNDING_UNIT: Record<string, string> = { 0: 'hela kronor', 2: 'öre' };
/** The half step `floor(x + ½ step, digits)` adds for `halva uppåt`, by digits. */
const HALF_STEP: Record<string, string> = { 0: '0.5', 2: '0.005' };

const COMPARISON_TEXT: Record<Comparison, string> = { '=': '=', '!=': '≠', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

function tokenize(text: string): string[] {
    return text.match(/"(?:[^"\\]|\\.)*"|\d+(?:\.\d+)?|round half up|round down|round up|<=|>=|!=|[\p{L}_][\p{L}\p{N}_]*|[-+*/(),<>=]|\S/gu) ?? [];
}

/** Parses the FEEL text; undefined where it is outside the fragment or names something `names` does not know. */
function parse(text: string, names: (name: string) => FormulaName | undefined): Expression | undefined {
    const tokens = tokenize(text);
    let at = 0;
    const peek = () => tokens[at];
    const take = (token?: string) => (token === undefined || tokens[at] === token ? tokens[at++] : undefined);
    const sum = (): Expression | undefined => {
        let left = product();
        while (left !== undefined && (peek() === '+' || peek() === '-')) {
            const op = take() as '+' | '-';
            const right = product();
            left = right === undefined ? undefined : { op, left, right };
        }
        return left;
    };
    const product = (): Expression | undefined => {
        let left = factor();
        while (left !== undefined && (peek() === '*' || peek() === '/')) {
            const op = take() as '*' | '/';
            const right = factor();
            left = right === undefined ? undefined : { op, left, right };
        }
        return left;
    };
    const args = (): Expression[] | undefined => {
        if (!take('(')) {
            return undefined;
        }
        const list: Expression[] = [];
        do {
            const arg = sum();
            if (arg === undefined) {
                return undefined;
            }
            list.push(arg);
        } while (take(','));
        return take(')') ? list : undefined;
    };
    // A condition compares an input data with a constant, joined by and/or/not: what `om` says of the citizen.
    const condition = (): Condition | undefined => joined('or', () => joined('and', atom));
    // Parts joined by `or` (or `and`): one part is itself.
    const joined = (keyword: 'and' | 'or', part: () => Condition | undefined): Condition | undefined => {
        const parts = [part()];
        while (peek() === keyword) {
            take();
            parts.push(part());
        }
        if (!parts.every((p): p is Condition => p !== undefined)) {
            return undefined;
        }
        return parts.length === 1 ? parts[0] : keyword === 'and' ? { and: parts } : { or: parts };
    };
    const atom = (): Condition | undefined => {
        const token = take();
        if (token === 'not') {
            const inner = take('(') ? condition() : undefined;
            return inner !== undefined && take(')') ? { not: inner } : undefined;
        }
        if (token === '(') {
            const inner = condition();
            return inner !== undefined && take(')') ? inner : undefined;
        }
        const kind = token === undefined ? undefined : names(token);
        // A yes/no input alone is the test that it holds (`if Ledsagare then …`, as other tools write it).
        if (kind === 'boolean' && !((peek() ?? '') in COMPARISON_TEXT)) {
            return { name: token!, op: '=', value: 'ja' };
        }
        const op = take();
        if (kind === undefined || kind === 'calculation' || op === undefined || !(op in COMPARISON_TEXT)) {
            return undefined;
        }
        const value = constant(kind);
        return value === undefined ? undefined : { name: token!, op: op as Comparison, value };
    };
    // The constant a condition compares with, in Regelrätt's spelling; it must be of the input's type.
    const constant = (kind: FormulaName): string | undefined => {
        const token = take();
        if (token === undefined) {
            return undefined;
        }
        if (kind === 'number' || kind === 'amount') {
            if (token === '-' && NUMBER.test(peek() ?? '')) {
                return `-${take()!.replace('.', ',')}`;
            }
            return NUMBER.test(token) ? token.replace('.', ',') : undefined;
        }
        if (kind === 'boolean') {
            return token === 'true' ? 'ja' : token === 'false' ? 'nej' : undefined;
        }
        if (kind === 'string') {
            const content = /^"([^"\\]*)"$/.exec(token)?.[1];
            return content !== undefined && IDENTIFIER.test(content) && content !== 'ja' && content !== 'nej' ? content : undefined;
        }
        // A date: date("2024-01-01").
        const date = take('(') && /^"(\d{4}-\d{2}-\d{2})"$/.exec(take() ?? '')?.[1];
        return token === 'date' && date && take(')') ? date : undefined;
    };
    const factor = (): Expression | undefined => {
        const token = take();
        if (token === undefined) {
            return undefined;
        }
        if (NUMBER.test(token)) {
            return { number: token };
        }
        if (token === '-') {
            const inner = factor();
            return inner !== undefined && 'number' in inner ? { negate: inner } : undefined;
        }
        if (token === '(') {
            const inner = sum();
            return inner !== undefined && take(')') ? inner : undefined;
        }
        if (token === 'if') {
            const test = condition();
            const then = test && take('then') ? sum() : undefined;
            const otherwise = then && take('else') ? sum() : undefined;
            return test && then && otherwise ? { if: test, then, else: otherwise } : undefined;
        }
        if (token === 'min' || token === 'max') {
            const list = args();
            return list && list.length > 0 ? { call: token, args: list } : undefined;
        }
        if (ROUNDING_FUNCTIONS.has(token)) {
            const list = args();
            return list && list.length === 2 && 'number' in list[1] ? { round: list[0], fn: token, digits: list[1].number } : undefined;
        }
        const kind = IDENTIFIER.test(token) && peek() !== '(' ? names(token) : undefined;
        return kind === 'number' || kind === 'amount' || kind === 'calculation' ? { name: token } : undefined;
    };
    const expression = sum();
    return expression !== undefined && at === tokens.length ? expression : undefined;
}

/**
 * A FEEL expression in the fragment the export writes, as a Regelrätt formula (the text after `= `),
 * with what it reads; undefined for anything else (a name not known, a string, a rounding to
 * another scale, a condition comparing two inputs).
 */
export function importFormula(text: string, names: (name: string) => FormulaName | undefined): ImportedFormula | undefined {
    const tree = parse(text, names);
    if (tree === undefined) {
        return undefined;
    }
    const reads = new Map<string, string[]>();
    const calculations = new Set<string>();
    const read = (name: string, value?: string) => {
        if (names(name) === 'calculation') {
            calculations.add(name);
            return;
        }
        const constants = reads.get(name) ?? [];
        if (value !== undefined && !constants.includes(value)) {
            constants.push(value);
        }
        reads.set(name, constants);
    };
    const conditionText = (condition: Condition): string | undefined => {
        if ('and' in condition || 'or' in condition) {
            const parts = ('and' in condition ? condition.and : condition.or).map(conditionText);
            return parts.every((p): p is string => p !== undefined) ? `(${parts.join('and' in condition ? ' och ' : ' eller ')})` : undefined;
        }
        if ('not' in condition) {
            const inner = conditionText(condition.not);
            return inner === undefined ? undefined : `inte ${/^[\p{L}\p{N}_]+$/u.test(inner) ? inner : `(${inner.replace(/^\((.*)\)$/, '$1')})`}`;
        }
        read(condition.name, condition.value);
        // A yes/no input is tested bare (`sammanboende`, `inte sammanboende`), as the export writes `= true`.
        if (condition.value === 'ja' || condition.value === 'nej') {
            const holds = (condition.value === 'ja') === (condition.op === '=');
            return condition.op === '=' || condition.op === '!=' ? (holds ? condition.name : `inte ${condition.name}`) : undefined;
        }
        return `${condition.name} ${COMPARISON_TEXT[condition.op]} ${condition.value}`;
    };
    // DMN has no units: where a sum, `min`, `max` or a choice has an amount (kronor) among its terms,
    // its plain numbers are kronor too (`303 + avgiftsutrymme × 0,25` is `303 kr + …`), as the policy
    // wrote them; the number is the same, and the unit check has what it needs.
    const kronor = (expression: Expression): boolean => {
        if ('name' in expression) {
            return names(expression.name) === 'amount';
        }
        if ('negate' in expression) {
            return kronor(expression.negate);
        }
        if ('call' in expression) {
            return expression.args.some(kronor);
        }
        if ('if' in expression) {
            return kronor(expression.then) || kronor(expression.else);
        }
        if ('round' in expression) {
            return kronor(expression.round);
        }
        if ('op' in expression) {
            return expression.op === '/' ? kronor(expression.left) && !kronor(expression.right) : expression.op === '*' ? kronor(expression.left) !== kronor(expression.right) : kronor(expression.left) || kronor(expression.right);
        }
        return false;
    };
    const render = (expression: Expression, inKronor = false): string | undefined => {
        if ('number' in expression) {
            return `${expression.number.replace('.', ',')}${inKronor ? ' kr' : ''}`;
        }
        if ('name' in expression) {
            read(expression.name);
            return expression.name;
        }
        if ('negate' in expression) {
            const inner = render(expression.negate, inKronor);
            return inner === undefined ? undefined : `−${inner}`;
        }
        if ('call' in expression) {
            const terms = expression.args.some(kronor);
            const args = expression.args.map(arg => render(arg, terms));
            return args.every((a): a is string => a !== undefined) ? `${expression.call}(${args.join(', ')})` : undefined;
        }
        if ('if' in expression) {
            const test = conditionText(expression.if);
            const branches = inKronor || kronor(expression);
            const then = render(expression.then, branches);
            const otherwise = render(expression.else, branches);
            return test && then && otherwise ? `(om ${test.replace(/^\((.*)\)$/, '$1')} så ${then} annars ${otherwise})` : undefined;
        }
        if ('round' in expression) {
            const operand = roundedOperand(expression);
            const unit = ROUNDING_UNIT[expression.digits];
            const inner = operand === undefined || unit === undefined ? undefined : render(operand, inKronor);
            return inner === undefined ? undefined : `(${inner} avrundat till ${unit}${REGEL_ROUNDING[expression.fn]})`;
        }
        // A quarter hour, as the export writes it: four steps of one, `round …((x) * 4, 0) / 4`, of a
        // time in hours. DMN has no units and a quarter hour rounds only a time, so the value is said to
        // be hours by `× 1 timme`: the same number.
        const quarter = quarterHour(expression);
        if (quarter) {
            const inner = render(quarter.operand);
            return inner === undefined ? undefined : `(${inner} × 1 timme avrundat till kvartstimmar${REGEL_ROUNDING[quarter.fn]})`;
        }
        // A sum's terms are kronor where one is; a product or quotient keeps its factors as they are, but for a plain one standing for kronor.
        const terms = expression.op === '+' || expression.op === '-' ? inKronor || kronor(expression) : false;
        const left = render(expression.left, terms || (inKronor && !kronor(expression)));
        const right = render(expression.right, terms);
        return left === undefined || right === undefined ? undefined : `(${left} ${({ '+': '+', '-': '−', '*': '×', '/': '/' } as const)[expression.op]} ${right})`;
    };
    const formula = render(tree);
    return formula === undefined ? undefined : { text: formula, reads, calculations };
}

/** What a rounding rounds: its argument, or for `floor` (the export's `halva uppåt`) the argument less the half step it adds; undefined for any other floor. */
function roundedOperand(rounding: Extract<Expression, { round: Expression }>): Expression | undefined {
    if (rounding.fn !== 'floor') {
        return rounding.round;
    }
    const sum = rounding.round;
    return 'op' in sum && sum.op === '+' && 'number' in sum.right && sum.right.number === HALF_STEP[rounding.digits] ? sum.left : undefined;
}

/** `round …((x) * 4, 0) / 4` (and `floor(((x) * 4) + 0.5, 0) / 4`) as a rounding of x to quarter hours. */
function quarterHour(expression: Expression): { operand: Expression; fn: string } | undefined {
    if (!('op' in expression) || expression.op !== '/' || !('number' in expression.right) || expression.right.number !== '4') {
        return undefined;
    }
    const rounding = expression.left;
    if (!('round' in rounding) || rounding.digits !== '0') {
        return undefined;
    }
    const scaled = roundedOperand(rounding);
    if (!scaled || !('op' in scaled) || scaled.op !== '*' || !('number' in scaled.right) || scaled.right.number !== '4') {
        return undefined;
    }
    return { operand: scaled.left, fn: rounding.fn };
}
