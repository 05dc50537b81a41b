import type { FastifySchemaValidationError } from 'fastify';
import { QUESTION } from './schemas.js';

type Locale = 'sv' | 'en';

const TYPES: Record<string, readonly [string, string]> = {
    integer: ['ett heltal', 'a whole number'],
    number: ['ett tal', 'a number'],
    string: ['en text', 'a text'],
    boolean: ['true eller false', 'true or false'],
    object: ['ett objekt', 'an object'],
    array: ['en lista', 'an array'],
    null: ['null', 'null'],
};
const FORMATS: Record<string, readonly [string, string]> = { date: ['ett datum ÅÅÅÅ-MM-DD', 'a date YYYY-MM-DD'] };

/**
 * A request that does not follow the API's schema, said in Swedish or English from the validator's
 * errors (Ajv's own text is English and names its schema keywords). Of a question's alternatives
 * (`oneOf`, one per `type`) only the errors of the one its `type` names are told.
 */
export function validationMessage(errors: readonly FastifySchemaValidationError[], context: string, locale: Locale, body: unknown): string {
    const en = locale === 'en';
    let relevant = errors;
    if (errors.some(error => error.keyword === 'oneOf')) {
        const types = QUESTION.oneOf.map(alternative => alternative.properties.type.const);
        const asked = types.indexOf((body as { type?: unknown } | null)?.type as never);
        if (asked < 0) {
            return en ? `type must be one of ${types.join(', ')}.` : `type ska vara en av ${types.join(', ')}.`;
        }
        relevant = errors.filter(error => error.schemaPath.startsWith(`#/oneOf/${asked}/`));
    }
    const error = relevant[0] ?? errors[0];
    const params = error.params as Record<string, unknown>;
    const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : context === 'querystring' ? (en ? 'the query string' : 'frågesträngen') : (en ? 'the body' : 'kroppen');
    const pick = (pair: readonly [string, string] | undefined, fallback: string) => (pair ? pair[en ? 1 : 0] : fallback);
    switch (error.keyword) {
        case 'type':
            return en ? `${where} must be ${pick(TYPES[String(params.type)], String(params.type))}.` : `${where} ska vara ${pick(TYPES[String(params.type)], String(params.type))}.`;
        case 'required':
            return en ? `${where} lacks ${String(params.missingProperty)}.` : `${String(params.missingProperty)} saknas${error.instancePath ? ` i ${where}` : ''}.`;
        case 'additionalProperties':
            return en ? `${where} has no field ${String(params.additionalProperty)} in this API.` : `${where} har inget fält ${String(params.additionalProperty)} i det här API:et.`;
        case 'enum':
            return en ? `${where} must be one of ${(params.allowedValues as unknown[]).join(', ')}.` : `${where} ska vara en av ${(params.allowedValues as unknown[]).join(', ')}.`;
        case 'const':
            return en ? `${where} must be ${JSON.stringify(params.allowedValue)}.` : `${where} ska vara ${JSON.stringify(params.allowedValue)}.`;
        case 'minimum':
        case 'maximum':
            return en ? `${where} must be at ${error.keyword === 'minimum' ? 'least' : 'most'} ${String(params.limit)}.` : `${where} ska vara ${error.keyword === 'minimum' ? 'minst' : 'högst'} ${String(params.limit)}.`;
        case 'minLength':
        case 'maxLength':
            return en ? `${where} must have at ${error.keyword === 'minLength' ? 'least' : 'most'} ${String(params.limit)} characters.` : `${where} ska ha ${error.keyword === 'minLength' ? 'minst' : 'högst'} ${String(params.limit)} tecken.`;
        case 'format':
            return en ? `${where} must be ${pick(FORMATS[String(params.format)], String(params.format))}.` : `${where} ska vara ${pick(FORMATS[String(params.format)], String(params.format))}.`;
        default:
            return `${where}: ${error.message ?? error.keyword}`;
    }
}
