import type { Attribute, CompiledPolicyFile } from '@regelratt/format';

/**
 * The request bodies as JSON Schema: the service validates requests with them (Fastify's Ajv, no
 * type coercion, nothing removed) and the OpenAPI document is built from the same objects, so the
 * description cannot drift from what is accepted. The citizen's own attributes are checked by the
 * runtime (typed errors with the attribute named); the OpenAPI document describes them per policy.
 */
const citizen = { type: 'object', description: "Attribute name → value (the policy's egenskaper).", additionalProperties: true } as const;
const date = { type: 'string', format: 'date', description: 'The day to answer for, YYYY-MM-DD.' } as const;
const level = { type: 'integer', minimum: 0, description: "The citizen's assessed level." } as const;
const name = { type: 'string', minLength: 1, maxLength: 300 } as const;

export const CASE_INPUT = {
    type: 'object',
    required: ['citizen'],
    additionalProperties: false,
    properties: {
        citizen,
        level,
        date,
        unit: { ...name, description: 'The unit (enhet) handling the case, for pilots limited to units.' },
        service: { ...name, description: 'The service (insats), for pilots limited to services.' },
        id: { description: 'Any identifier of the case, echoed back.' },
    },
} as const;

const question = (type: string, required: string[], properties: Record<string, unknown>) => ({
    type: 'object',
    required: ['type', ...required],
    additionalProperties: false,
    properties: { type: { const: type }, ...properties },
});

/** One question, as the inline examples ask them. */
export const QUESTION = {
    oneOf: [
        question('placement', ['model', 'citizen'], { model: name, citizen }),
        question('inclusion', ['pilot', 'citizen'], { pilot: name, citizen, date, unit: name, service: name }),
        question('compensation', ['table', 'level'], { table: name, level, date }),
        question('fee', ['fee', 'level', 'citizen', 'date'], { fee: name, level, citizen, date }),
        question('calculation', ['calculation', 'date'], { calculation: name, date, citizen, level }),
        question('decision', ['table'], { table: name, column: name, date: { ...date, description: 'The day the policy is read on, YYYY-MM-DD; may be left out where the table reads nothing dated (the answer is then a problem naming what needs it).' }, citizen, level }),
        question('eligibility', ['service', 'citizen'], { service: name, citizen }),
        question('deadline', ['event', 'eventDate'], {
            guideline: { ...name, description: 'A riktlinje by name or id; absent: every riktlinje.' },
            obligation: { ...name, description: 'One obligation (krav) by id or name; absent: all of them.' },
            event: { type: 'string', enum: ['ansökan', 'beslut', 'verkställighet', 'uppföljning'], description: 'The event the terms run from, as the language names it.' },
            eventDate: { ...date, description: 'The day of the event, YYYY-MM-DD.' },
            citizen,
            date: { ...date, description: 'The day the policy is read on (which riktlinjer and obligations are in force); absent: the event\'s day.' },
        }),
    ],
} as const;

export const PROBLEM = {
    type: 'object',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
        type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
        code: { type: 'string', description: 'The runtime error code, or the service\'s own (bad-request, invalid-json, …).' },
        instance: { type: 'string', description: 'The request id.' },
        details: { type: 'object', additionalProperties: true },
    },
} as const;

export const EXPLAIN_QUERY = {
    type: 'object',
    additionalProperties: false,
    properties: { explain: { type: 'string', enum: ['true', 'false'] } },
} as const;

/** The citizen's attributes of one policy as JSON Schema, for a consumer's generated client. */
export function citizenSchema(files: readonly CompiledPolicyFile[]): Record<string, unknown> {
    const attributes = files.flatMap(file => file.elements).filter((e): e is Attribute => e.kind === 'attribute');
    return {
        type: 'object',
        additionalProperties: false,
        description: "The citizen's values, by attribute name. Only the attributes a question reads need be given.",
        properties: Object.fromEntries(attributes.map(attribute => [attribute.name, attributeSchema(attribute)])),
    };
}

function attributeSchema(attribute: Attribute): Record<string, unknown> {
    const description = attribute.title ?? attribute.name;
    const domain = attribute.domain;
    switch (domain.type) {
        case 'enumeration':
            return { type: 'string', enum: domain.values.map(v => v.name), description };
        case 'boolean':
            return { oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['ja', 'nej'] }], description };
        case 'integer':
            // The runtime reads a whole number given as text too ("70", "1 000"), as it does a decimal.
            return { oneOf: [{ type: 'integer', minimum: Number(domain.min), maximum: Number(domain.max) }, { type: 'string', pattern: '^-?[0-9 ]+$' }], description: `${description}${domain.unit ? ` (${domain.unit})` : ''}; a whole number from ${domain.min} to ${domain.max}, as a number or as text` };
        case 'decimal':
            return { oneOf: [{ type: 'number', minimum: Number(domain.min), maximum: Number(domain.max) }, { type: 'string', pattern: '^-?[0-9 ]+([.,][0-9]+)?$' }], description: `${description}${domain.unit ? ` (${domain.unit})` : ''}; exact as a string` };
        case 'money':
            return { oneOf: [{ type: 'number' }, { type: 'string', pattern: '^-?[0-9 ]+([.,][0-9]+)?( ?kr)?$' }], description: `${description} (kr); exact as a string` };
        case 'date':
            return { type: 'string', format: 'date', description };
    }
}
