import type { LoadedPolicy } from './policy-holder.js';
import { BATCH_LINE, CASE_ANSWER, ELEMENTS, HEALTH, QUESTION_ANSWER, READY, RELOADED } from './response-schemas.js';
import { CASE_INPUT, citizenSchema, PROBLEM, QUESTION } from './schemas.js';

/** The routes the service answers, with what each takes: the OpenAPI paths and the test of them come from this list. */
export const ROUTES = [
    { method: 'get', path: '/health', summary: 'Liveness: the process answers.', body: undefined, answer: 'Health' },
    { method: 'get', path: '/ready', summary: 'Readiness: a policy is loaded.', body: undefined, answer: 'Ready' },
    { method: 'get', path: '/openapi.json', summary: 'This document.', body: undefined, answer: undefined },
    { method: 'get', path: '/v1/elements', summary: "The policy's elements (id, kind, name, title) and the versions of versioned ones.", body: undefined, answer: 'Elements' },
    { method: 'post', path: '/v1/evaluate', summary: 'Everything the policy says about one case: placements, inclusions, compensation, fees, rates, decisions, amounts.', body: 'CaseInput', answer: 'CaseAnswer' },
    { method: 'post', path: '/v1/evaluate/batch', summary: 'A register: NDJSON in (one case per line), NDJSON out (one answer per line, in order, each with its line number), streamed both ways.', body: 'ndjson', answer: 'BatchLine' },
    { method: 'post', path: '/v1/question', summary: 'One question, as the inline examples ask them.', body: 'Question', answer: 'QuestionAnswer' },
    { method: 'post', path: '/admin/reload', summary: 'Loads the policy files again and swaps them in whole (Authorization: Bearer $REGELRATT_RELOAD_TOKEN).', body: undefined, answer: 'Reloaded' },
] as const;

/**
 * The OpenAPI 3.1 document of the service for the loaded policy: the request schemas are the ones
 * the service validates with, and the citizen's attributes are described from the policy itself
 * (enumeration values, ranges), so a generated client knows them.
 */
export function openApiDocument(policy: LoadedPolicy): Record<string, unknown> {
    const problem = { description: 'A problem (RFC 9457), with the runtime\'s or the service\'s code.', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    const json = (description: string, schema: Record<string, unknown> = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
    const paths: Record<string, Record<string, unknown>> = {};
    for (const route of ROUTES) {
        const operation: Record<string, unknown> = {
            operationId: `${route.method}${route.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
            summary: route.summary,
            parameters: [
                { name: 'Accept-Language', in: 'header', required: false, schema: { type: 'string' }, description: 'sv (default) or en: the language of problem titles.' },
                ...(route.path.startsWith('/v1/evaluate') ? [{ name: 'explain', in: 'query', required: false, schema: { type: 'string', enum: ['true', 'false'] }, description: 'Attach the explanation of each answer.' }] : []),
            ],
            responses: {
                200: route.body === 'ndjson'
                    ? { description: 'One line per line of the request, each a JSON object as components.schemas.BatchLine describes.', content: { 'application/x-ndjson': { schema: { type: 'string' } } } }
                    : json('The answer; `policyVersion` names the policy version it came from.', route.answer ? { $ref: `#/components/schemas/${route.answer}` } : undefined),
                // A URL that cannot be decoded or a request that is not HTTP (400), headers over Node's limit (431): on any route.
                400: problem, 431: problem,
                ...(route.method === 'post' || route.path === '/v1/elements' ? { 404: problem, 408: problem, 413: problem, 415: problem, 422: problem } : {}),
                ...(route.path === '/admin/reload' ? { 401: problem } : {}),
                ...(route.path === '/ready' ? { 503: problem } : {}),
            },
            ...(route.path === '/admin/reload' ? { security: [{ reloadToken: [] }] } : {}),
        };
        if (route.body === 'CaseInput' || route.body === 'Question') {
            operation.requestBody = { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.body}` } } } };
        } else if (route.body === 'ndjson') {
            operation.requestBody = { required: true, content: { 'application/x-ndjson': { schema: { type: 'string', description: 'One CaseInput per line.' } } } };
        }
        paths[route.path] = { ...(paths[route.path] ?? {}), [route.method]: operation };
    }
    const withCitizen = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
        (key === 'citizen' && value && typeof value === 'object' && (value as { type?: string }).type === 'object' ? { $ref: '#/components/schemas/Citizen' } : value));
    return {
        openapi: '3.1.0',
        info: {
            title: 'Regelrätt',
            version: '1',
            description: `Answers from the policy version ${policy.version}. Every answer names the version it came from (\`policyVersion\`, header \`x-policy-version\`). Problems are RFC 9457 problem+json with the runtime's error code in \`code\`.`,
        },
        paths,
        components: {
            schemas: {
                CaseInput: withCitizen(CASE_INPUT),
                Question: withCitizen(QUESTION),
                Citizen: citizenSchema(policy.files),
                Problem: PROBLEM,
                CaseAnswer: CASE_ANSWER,
                BatchLine: BATCH_LINE,
                QuestionAnswer: QUESTION_ANSWER,
                Health: HEALTH,
                Ready: READY,
                Elements: ELEMENTS,
                Reloaded: RELOADED,
            },
            securitySchemes: {
                reloadToken: { type: 'http', scheme: 'bearer', description: 'The token in REGELRATT_RELOAD_TOKEN (without it, /admin/reload refuses every call).' },
            },
        },
    };
}
