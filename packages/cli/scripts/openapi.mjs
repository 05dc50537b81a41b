/**
 * Writes docs/openapi.json: the service's OpenAPI 3.1 document for examples/orebro, as
 * `regelratt serve examples/orebro` serves it at /openapi.json. test/serve.test.ts fails when the
 * committed file and the generated one differ; run this (after `npm run build`) to bring it in step.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArguments } from '../dist/arguments.js';
import { openApiDocument } from '../dist/serve/openapi.js';
import { PolicyHolder } from '../dist/serve/policy-holder.js';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const parsed = parseArguments(['serve', 'examples/orebro']);
const holder = new PolicyHolder(['examples/orebro'], parsed.options, repository);
const loaded = await holder.reload();
if (!loaded.ok) {
    throw new Error(loaded.problem);
}
writeFileSync(path.join(repository, 'docs/openapi.json'), `${JSON.stringify(openApiDocument(loaded.policy), null, 2)}\n`);
console.log('docs/openapi.json written');
