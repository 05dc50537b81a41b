import { EmptyFileSystem } from 'langium';
import type { CompiledPolicyFile } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

/** A policy text checked and compiled as `name` (`policy.regel`), with the checker's errors (code: message). */
export async function compiledPolicy(text: string, name = 'policy.regel'): Promise<{ files: CompiledPolicyFile[]; errors: string[] }> {
    const checked = await checkPolicies(Regelratt, [{ path: `/dmn/${name}`, text }]);
    const errors = checked.flatMap(c => c.diagnostics.filter(d => d.severity === 'error').map(d => `${d.code}: ${d.message}`));
    if (errors.length > 0) {
        // The compiler expects a checked document: with errors there is nothing to compile.
        return { files: [], errors };
    }
    return { files: checked.map(c => JSON.parse(JSON.stringify(compilePolicy(c.document.parseResult.value, name))) as CompiledPolicyFile), errors };
}
