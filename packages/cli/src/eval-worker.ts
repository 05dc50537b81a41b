import { parentPort, workerData } from 'node:worker_threads';
import type { CompiledPolicyFile } from '@regelratt/format';
import { PolicyRuntime } from '@regelratt/runtime';
import { answerBatch } from './register-lines.js';
import type { RegisterBytes } from './register-stream.js';

/**
 * A worker of `regelratt eval` on a register: its own runtime over the compiled policy the main
 * thread sends once, then slices of the file's bytes in and answer bytes out, both moved between
 * the threads rather than copied; decoding and encoding happen here, not in the main thread.
 */
const { files, explain, locale, date } = workerData as { files: CompiledPolicyFile[]; explain: boolean; locale: 'sv' | 'en'; date?: string };
// The main thread's runtime checked these files against the schema before sending them.
const runtime = new PolicyRuntime(files, { validate: false });
// A byte-order mark is kept: answerBatch skips it on the register's first line only, as one thread does.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();
parentPort!.on('message', (batch: RegisterBytes) => {
    const answered = answerBatch(runtime, { seq: batch.seq, firstLine: batch.firstLine, text: decoder.decode(batch.bytes) }, { explain, locale, ...(date ? { date } : {}) });
    const output = encoder.encode(answered.output);
    parentPort!.postMessage({ ...answered, output }, [output.buffer as ArrayBuffer]);
});
