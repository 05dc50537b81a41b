import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

/**
 * A consuming system's developer generates a typed client from the service's OpenAPI document
 * (docs/openapi.json, which test/serve.test.ts keeps equal to what `serve` answers) and reads a
 * fee, a placement, an amount and a problem by their types. The consumer below is compiled
 * against the generated types with the strictest settings: a 200 answer typed as a bag of
 * `unknown` (or as `any`) fails it, the first by the reads, the second by the `@ts-expect-error` lines.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CONSUMER = `
import type { components, paths } from './regelratt-api';

type Answer = paths['/v1/evaluate']['post']['responses'][200]['content']['application/json'];
type Problem = components['schemas']['Problem'];

export function feeOf(answer: Answer, id: string): string | undefined {
    const fee = answer.fees?.find(entry => entry.fee === id);
    return fee && 'amount' in fee ? fee.amount : undefined;
}

export function pathwayOf(answer: Answer): string | null | undefined {
    const placement = answer.placements[0];
    return placement && 'pathway' in placement ? placement.pathway : undefined;
}

export function errorCodes(answer: Answer): string[] {
    return answer.placements.flatMap(entry => ('error' in entry ? [entry.error.code] : []));
}

export function amountOf(answer: Answer, id: string): string | undefined {
    const amount = answer.amounts?.find(entry => entry.calculation === id);
    return amount && 'amount' in amount ? amount.amount : undefined;
}

export function included(answer: Answer): boolean[] {
    return answer.inclusions.flatMap(entry => ('included' in entry ? [entry.included] : []));
}

export function title(problem: Problem): string {
    return problem.title;
}

export function version(answer: Answer): string {
    return answer.policyVersion;
}

export function notAny(answer: Answer): void {
    // @ts-expect-error an amount is exact decimal text, never a number
    const wrong: number = feeOf(answer, 'fee/x') ?? 0;
    // @ts-expect-error the answer has no such field
    void answer.noSuchField;
    void wrong;
}

const ålder: components['schemas']['Citizen']['ålder'] = '78';
const åldernSomTal: components['schemas']['Citizen']['ålder'] = 78;
void ålder; void åldernSomTal;
`;

describe('the OpenAPI document as a consuming system uses it', () => {
    test('openapi-typescript generates types that a consumer reading fees, placements, amounts and problems compiles against', async () => {
        const document = JSON.parse(readFileSync(path.join(repository, 'docs/openapi.json'), 'utf8')) as Parameters<typeof openapiTS>[0];
        const generated = astToString(await openapiTS(document));
        const files = new Map([['/client/regelratt-api.ts', generated], ['/client/consumer.ts', CONSUMER]]);
        const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noUnusedLocals: false, lib: ['lib.es2022.d.ts'] };
        const host = ts.createCompilerHost(options);
        const read = host.getSourceFile.bind(host);
        host.getSourceFile = (name, language) => (files.has(name) ? ts.createSourceFile(name, files.get(name)!, language) : read(name, language));
        host.fileExists = name => files.has(name) || ts.sys.fileExists(name);
        host.readFile = name => files.get(name) ?? ts.sys.readFile(name);
        host.directoryExists = name => name === '/client' || ts.sys.directoryExists(name);
        const program = ts.createProgram(['/client/consumer.ts'], options, host);
        const problems = ts.getPreEmitDiagnostics(program).map(d => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
        expect(problems).toEqual([]);
        // The generated types name the answers, not an open map.
        expect(generated).toMatch(/fees\?: \(/);
    }, 120_000);
});
