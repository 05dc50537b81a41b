import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
// From disk: an example set may import the national library (`använd nationellt`).
import { NodeFileSystem } from 'langium/node';
import type { CompiledPolicyFile } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';

export const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The example sets under examples/, without the deliberately broken one, by name. */
export const exampleSets = readdirSync(path.join(repository, 'examples'), { withFileTypes: true })
    .filter(entry => entry.isDirectory() && entry.name !== 'broken').map(entry => entry.name).sort();

/** An example set's files checked together, as `regelratt check examples/<name>` checks them. */
export async function checkedExampleSet(name: string) {
    const folder = path.join(repository, 'examples', name);
    const files = readdirSync(folder).filter(f => f.endsWith('.regel')).sort();
    const { Regelratt } = createRegelrattServices(NodeFileSystem);
    return checkPolicies(Regelratt, files.map(f => ({ path: path.join(folder, f), text: readFileSync(path.join(folder, f), 'utf8') })));
}

/** An example set checked and compiled, as JSON read back (each file named by its base name). */
export async function compiledExampleSet(name: string): Promise<CompiledPolicyFile[]> {
    const checked = await checkedExampleSet(name);
    return checked.map(c => JSON.parse(JSON.stringify(compilePolicy(c.document.parseResult.value, path.basename(c.path)))) as CompiledPolicyFile);
}
