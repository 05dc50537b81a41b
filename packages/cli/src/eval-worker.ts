import { parentPort, workerData } from 'node:worker_threads';
import type { CompiledPolicyFile } from '@regelratt/format';
import { PolicyRuntime } from '@regelratt/runtime';
import { answerBatch, type RegisterBatch } from './register-lines.js';

/**
 * A worker of `regelratt eval` on a register: its own runtime over the compiled policy the main
 * thread sends once, then batches of lines in, answer text out (register-lines.ts).
 */
const { files, explain, date } = workerData as { files: CompiledPolicyFile[]; explain: boolean; date?: string };
// The main thread's runtime checked these files against the schema before sending them.
const runtime = new PolicyRuntime(files, { validate: false });
parentPort!.on('message', (batch: RegisterBatch) => {
    parentPort!.postMessage(answerBatch(runtime, batch, { explain, ...(date ? { date } : {}) }));
});
