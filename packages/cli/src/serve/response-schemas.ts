/**
 * The service's answers as JSON Schema, for the OpenAPI document: what a generated client can rely
 * on. Amounts are exact decimal text; explanations and traces are described as objects (their
 * shape follows the policy). test/serve.test.ts validates real answers against these.
 */
const text = { type: 'string' } as const;
const policyVersion = { type: 'string', pattern: '^sha256:[0-9a-f]{16}$', description: 'The policy version the answer came from.' } as const;
const amount = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$', description: 'Exact decimal text (kronor).' } as const;
const trace = { type: 'array', items: { type: 'object' }, description: 'How the amount was reached: the parameters, versions and steps.' } as const;
const explanation = { type: 'array', items: { type: 'object' }, description: 'The explanation (with ?explain=true).' } as const;

/** A reason (motivering) for an answer, in the language of Accept-Language: built from the policy's titles and structure. */
const reason = {
    type: 'object',
    required: ['decision', 'rule', 'legalBasis', 'facts', 'notDeciding', 'steps', 'requirements', 'nearestChange', 'text'],
    additionalProperties: false,
    description: 'The reason for the answer (motivering): what was decided and by which rule, the legal basis, the facts that decided it, how a figure was reached.',
    properties: {
        decision: { type: 'string', description: 'What was decided.' },
        rule: { type: 'array', items: text, description: 'By which rule: its title, the riktlinje with diarienummer and decision date where the policy gives them.' },
        legalBasis: { type: 'array', items: text, description: "The legal basis: the element's own or its insats's." },
        facts: { type: 'array', items: text, description: "The citizen's facts that decided the answer." },
        notDeciding: { type: 'array', items: text, description: 'Facts the rule reads that did not matter for this answer.' },
        steps: { type: 'array', items: text, description: 'How a figure was reached: values read, each cap, floor and rounding that decided.' },
        requirements: { type: 'array', items: text, description: "The guideline's requirements on what was decided." },
        nearestChange: { type: 'array', items: text, description: "The nearest change in the citizen's own facts that would have given another answer, where one helps: a fee held at its takbelopp or maxtaxa (the income at which it would have been lower); a placement, pilot inclusion, decision table's answer or insats's eligibility (the fewest facts changed, for a number the nearest boundary; one sentence for each other answer, at most three; docs/reasons.md)." },
        text: { type: 'string', description: 'All of it as text, one part a line.' },
    },
} as const;

const runtimeError = {
    type: 'object',
    required: ['code', 'message'],
    properties: { code: { type: 'string', description: 'The runtime error code (missing-attribute, open-amount, …).' }, message: text, details: { type: 'object' } },
} as const;
/** A question of the case that could not be answered: its element and the typed error in its place. */
const failed = (key: string) => ({ type: 'object', required: [key, 'error'], additionalProperties: false, properties: { [key]: text, error: runtimeError } });

const placement = {
    type: 'object',
    required: ['model', 'pathway', 'secondary'],
    properties: { model: text, pathway: { type: ['string', 'null'] }, secondary: { type: ['string', 'null'] }, explanation, reason },
} as const;
const inclusion = {
    type: 'object',
    required: ['pilot', 'included', 'requirements'],
    properties: {
        pilot: text,
        included: { type: 'boolean' },
        reason,
        requirements: { type: 'array', items: { type: 'object', required: ['requirement', 'met'], properties: { requirement: text, met: { type: 'boolean' }, evaluated: { const: false }, criterion: { type: 'object' } } } },
    },
} as const;
const decision = {
    type: 'object',
    required: ['table', 'row', 'conditions', 'outputs'],
    properties: {
        table: text, row: { type: 'integer', minimum: 0 }, rows: { type: 'array', items: { type: 'integer' } }, conditions: text,
        outputs: { type: 'object', additionalProperties: { type: ['string', 'null'] }, description: 'Each output column\'s value: a number as exact decimal text (a share as a fraction), a förlopp by id, a text as written, ja/nej as `ja` or `nej`, a date as `YYYY-MM-DD` (since format 1.13); null where the policy leaves it open.' },
        value: { type: ['string', 'null'], description: 'The asked column (question only).' },
        list: { type: 'array', items: { type: 'object', additionalProperties: { type: ['string', 'null'] } }, description: 'Under a list hit policy (regelordning, utfallsordning, samla alone): every matching row\'s outputs, in the list\'s order (rows names them); empty where no row matches, and outputs is then empty.' },
        values: { type: 'array', items: { type: ['string', 'null'] }, description: 'The asked column of every listed row (question only, list hit policies).' },
        default: { const: true, description: 'No row matched, and the table\'s default outputs (`annars`) answer; row is 0.' },
        reason,
    },
} as const;
/** What a calculation's amount counts, where the policy says (`{ "of": "hour", "per": "month" }` is hours per month). */
const answerUnit = {
    type: 'object', required: ['of'], additionalProperties: false,
    description: 'What the amount counts: kr, %, a time (minute … year) or an occasion, and what it is per.',
    properties: { of: text, per: text },
} as const;
const amountOf = (key: string, extra: Record<string, unknown> = {}) => ({ type: 'object', required: [key, 'amount'], properties: { [key]: text, amount, trace, reason, ...extra } });
const either = (answered: unknown, key: string) => ({ type: 'array', items: { anyOf: [answered, failed(key)] } });

/** The answer to a case, as `/v1/evaluate` gives it (and each line of a batch, with `line`). */
export const CASE_ANSWER = {
    type: 'object',
    required: ['placements', 'inclusions', 'compensation', 'policyVersion'],
    properties: {
        id: { description: 'The case\'s id, echoed; a number too large for a double as its exact decimal text.' },
        placements: either(placement, 'model'),
        inclusions: either(inclusion, 'pilot'),
        compensation: either(amountOf('table'), 'table'),
        fees: either(amountOf('fee'), 'fee'),
        rates: either(amountOf('rate', { per: text }), 'rate'),
        decisions: either(decision, 'table'),
        amounts: either(amountOf('calculation', { unit: answerUnit }), 'calculation'),
        policyVersion,
    },
} as const;

/** One line of a batch's answer: the case's answer or an error, each with the line's number. */
export const BATCH_LINE = {
    anyOf: [
        { ...CASE_ANSWER, required: ['line', ...CASE_ANSWER.required], properties: { line: { type: 'integer', minimum: 1 }, ...CASE_ANSWER.properties } },
        {
            type: 'object',
            required: ['line', 'error', 'policyVersion'],
            additionalProperties: false,
            properties: { line: { type: 'integer', minimum: 1, description: 'The number of the line answered (1-based).' }, error: runtimeError, policyVersion },
        },
    ],
    description: 'One line of application/x-ndjson: exactly one per line of the request, in order, each with its number in `line` (a blank line or one that is not a case is an error line: empty-line, invalid-json, duplicate-name, nesting-too-deep, field-too-long, too-many-members, or the runtime\'s code).',
} as const;

/** The answer to one question: its shape follows the question's type. */
const dutyTerm = {
    type: 'object',
    required: ['guideline', 'obligation', 'force', 'text', 'term', 'amount', 'unit'],
    additionalProperties: false,
    properties: {
        guideline: text, obligation: text, text,
        force: { enum: ['shall', 'shall-not', 'should', 'should-not', 'may', 'may-not'] },
        usually: { const: true, description: 'A main rule (`ska i regel`).' },
        term: { enum: ['deadline', 'earliest', 'decision-lapses', 'follow-up'], description: 'The last day to act, the first day one may, the day the decision runs to at most, the next follow-up.' },
        amount: { type: 'integer' }, unit: { enum: ['day', 'week', 'month', 'year', 'hour'] },
        date: { type: 'string', format: 'date', description: 'The event\'s day plus the term: weeks as 7 days, months and years by the calendar (a shorter month\'s last day).' },
        error: runtimeError,
    },
} as const;
/** The answer to a `deadline` question: the terms that run from the event, and the obligations its citizen is left out of. */
const deadlines = {
    type: 'object',
    required: ['event', 'eventDate', 'date', 'duties', 'leftAside'],
    additionalProperties: false,
    properties: {
        event: { enum: ['ansökan', 'beslut', 'verkställighet', 'uppföljning'] }, eventDate: { type: 'string', format: 'date' }, date: { type: 'string', format: 'date' },
        duties: { type: 'array', items: dutyTerm },
        leftAside: {
            type: 'array',
            items: {
                type: 'object', required: ['guideline', 'obligation', 'because'], additionalProperties: false,
                properties: { guideline: text, obligation: text, because: { enum: ['condition', 'exception'] }, exception: { type: 'integer', minimum: 1 }, exceptionText: text },
            },
        },
    },
} as const;

export const QUESTION_ANSWER = {
    type: 'object',
    required: ['answer', 'reason', 'policyVersion'],
    additionalProperties: false,
    properties: {
        answer: { anyOf: [placement, inclusion, { type: 'object', required: ['amount', 'trace'], properties: { amount, trace } }, decision, deadlines] },
        reason,
        policyVersion,
    },
} as const;

export const HEALTH = { type: 'object', required: ['status'], additionalProperties: false, properties: { status: { const: 'ok' } } } as const;
export const READY = { type: 'object', required: ['status', 'policyVersion'], additionalProperties: false, properties: { status: { const: 'ready' }, policyVersion } } as const;
export const RELOADED = { type: 'object', required: ['policyVersion', 'loadedAt'], additionalProperties: false, properties: { policyVersion, loadedAt: { type: 'string', format: 'date-time' } } } as const;
export const ELEMENTS = {
    type: 'object',
    required: ['policyVersion', 'elements'],
    additionalProperties: false,
    properties: {
        policyVersion,
        elements: {
            type: 'array',
            items: {
                type: 'object',
                required: ['id', 'kind', 'name'],
                additionalProperties: false,
                properties: {
                    id: text, kind: text, name: text, title: text,
                    validity: { type: 'object', required: ['from'], properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } } },
                    versions: { type: 'array', items: { type: 'object', required: ['from', 'value'], properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' }, value: {} } } },
                },
            },
        },
    },
} as const;
