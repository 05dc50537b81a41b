/** Types of the parts of harness.mjs the TypeScript tests use. */
export const repository: string;
export const RETRY_PATIENCE: number;
export function timeLimit(seconds: number): number;
export function timeLimitPassed(): void;
export function timeLimitsPassedSoFar(): number;
export function withPatience<T>(factor: number, run: () => Promise<T>): Promise<T>;
export interface ProcessResult {
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
    stopped: string | undefined;
    peak: number;
}
export function runProcess(command: string, args: string[], options?: { cwd?: string; seconds?: number; megabytes?: number; input?: string; user?: object; env?: Record<string, string> }): Promise<ProcessResult>;
export function processFailure(result: ProcessResult, allowedExits?: number[]): string | undefined;
