/**
 * An example set compiled as `regelratt compile` compiles it: read from disk with the national
 * library it imports, each file named as the compiled output names it. The benchmarks share this so
 * that none measures a policy the command line would not produce.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { NodeFileSystem } from 'langium/node';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { compiledSourceName } from '../../packages/cli/dist/compile-in-memory.js';

/** The compiled files of the `.regel` files in `folder` and of what they import, through JSON as a consumer reads them. */
export async function compiledExampleSet(folder) {
    const files = readdirSync(folder).filter(f => f.endsWith('.regel')).sort();
    const { Regelratt } = createRegelrattServices(NodeFileSystem, { referenceIndex: false });
    const checked = await checkPolicies(Regelratt, files.map(f => ({ path: path.join(folder, f), text: readFileSync(path.join(folder, f), 'utf8') })));
    const errors = checked.flatMap(c => c.diagnostics.filter(d => d.severity === 'error').map(d => `${path.basename(c.path)}:${d.line}: ${d.message}`));
    if (errors.length > 0) {
        throw new Error(`${folder} does not check clean:\n${errors.join('\n')}`);
    }
    return checked.map(c => JSON.parse(JSON.stringify(compilePolicy(c.document.parseResult.value, compiledSourceName(c, folder)))));
}
