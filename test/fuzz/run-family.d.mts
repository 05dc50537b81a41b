/** Types of run-family.mjs, for the TypeScript tests that use it. */
export interface FuzzFamily<Input> {
    generate(index: number): Input;
    run(input: Input): Promise<string | undefined>;
    shrink(input: Input): Iterable<Input>;
    setup?(): Promise<void> | void;
    teardown?(): Promise<void> | void;
    budget?: number;
}
export interface Retry {
    first: string;
    again: string | undefined;
}
export const FAMILIES: string[];
export function runFamilies(names: string, options: { count: number; seed: number; quiet?: boolean; replay?: string }): Promise<number>;
export function runFamily<Input>(name: string, family: FuzzFamily<Input>, options: { count: number; quiet?: boolean }): Promise<{ failures: Map<string, string>; retries: Retry[] }>;
export function runInput<Input>(family: FuzzFamily<Input>, input: Input, retries: Retry[]): Promise<string | undefined>;
