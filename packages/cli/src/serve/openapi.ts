import type { LoadedPolicy } from './policy-holder.js';
import { CASE_INPUT, citizenSchema, PROBLEM, QUESTION } from './schemas.js';

/** The routes the service answers, with what each takes: the OpenAPI paths and the test of them come from this list. */
export const ROUTES = [
    { method: 'get', path: '/health', summary: 'Liveness: the process answers.', body: undefined },
    { method: 'get', path: '/ready', summary: 'Readiness: a policy is loaded.', body: undefined },
    { method: 'get', path: '/openapi.json', summary: 'This document.', body: undefined },
    { method: 'get', path: '/v1/elements', summary: "The policy's elements (id, kind, name, title) and the versions of versioned ones.", body: undefined },
    { method: 'post', path: '/v1/evaluate', summary: 'Everything the policy says about one case: placements, inclusions, compensation, fees, rates, decisions, amounts.', body: 'CaseInput' },
    { method: 'post', path: '/v1/evaluate/batch', summary: 'A register: NDJSON in (one case per line), NDJSON out (one answer per line, in order), streamed both ways.', body: 'ndjson' },
    { method: 'post', path: '/v1/question', summary: 'One question, as the inline examples ask them.', body: 'Question' },
    { method: 'post', path: '/admin/reload', summary: 'Loads the policy files again and swaps them in whole (Authorization: Bearer $REGELRATT_RELOAD_TOKEN).', body: undefined },
] as const;

/**
 * The OpenAPI 3.1 document of the service for the loaded policy: the request schemas are the ones
 * the service validates with, and the citizen's attributes are described from the policy itself
 * (enumeration values, ranges), so a generated client knows them.
 */
export function openApiDocument(policy: LoadedPolicy): Record<string, unknown> {
    const problem = { description: 'A problem (RFC 9457), with the runtime\'s or the service\'s code.', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    const json = (description: string, schema: Record<string, unknown> = { type: 'object', additionalProperties: true }) => ({ description, content: { 'application/json': { schema } } });
    const paths: Record<string, Record<string, unknown>> = {};
    for (const route of ROUTES) {
        const operation: Record<string, unknown> = {
            operationId: `${route.method}${route.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
            summary: route.summary,
            parameters: [
                { name: 'Accept-Language', in: 'header', required: false, schema: { type: 'string' }, description: 'sv (default) or en: the language of problem titles.' },
                ...(route.path.startsWith('/v1/evaluate') ? [{ name: 'explain', in: 'query', required: false, schema: { type: 'string', enum: ['true', 'false'] }, description: 'Attach the explanation of each answer.' }] : []),
                ...(route.path === '/admin/reload' ? [{ name: 'Authorization', in: 'header', required: true, schema: { type: 'string' }, description: 'Bearer and the token in REGELRATT_RELOAD_TOKEN.' }] : []),
            ],
            responses: {
                200: route.body === 'ndjson'
                    ? { description: 'One answer (or error) per line.', content: { 'application/x-ndjson': { schema: { type: 'string' } } } }
                    : json('The answer; `policyVersion` names the policy version it came from.'),
                ...(route.method === 'post' || route.path === '/v1/elements' ? { 400: problem, 404: problem, 413: problem, 415: problem, 422: problem } : {}),
                ...(route.path === '/admin/reload' ? { 401: problem } : {}),
                ...(route.path === '/ready' ? { 503: problem } : {}),
            },
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
            },
        },
    };
}
