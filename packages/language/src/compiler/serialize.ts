import type { CompiledPolicyFile } from '@regelratt/format';

/**
 * The bytes a compiled file is written as. Key order is the order the compiler builds objects in,
 * which is fixed, so equal input gives equal bytes; two-space indent and a final newline keep diffs readable.
 */
export function serializeCompiledPolicy(compiled: CompiledPolicyFile): string {
    return `${JSON.stringify(compiled, null, 2)}\n`;
}
