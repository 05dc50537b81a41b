import { promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { CompiledPolicyFile } from '@regelratt/format';
import type { PolicyRuntime } from '@regelratt/runtime';
import type { CliOptions } from './arguments.js';
import type { CliIO } from './io.js';
import { builtin } from './builtin-modules.js';
import { answerBatch, type AnsweredBatch, type NotedLine } from './register-lines.js';
import { RegisterLineTooLongError } from './register-line-limit.js';

/**
 * Read in slices of this size: each slice's whole lines are one batch. Small enough that a batch's
 * answers die young (1 MB slices held ten thousand answers into the old generation: 25 % slower).
 */
const SLICE = 1 << 17;
/** A register smaller than this is answered in the main thread: starting workers would cost more. */
const WORKERS_FROM = 4 * SLICE;

/** A slice of the register as bytes, whole lines, moved to a worker (not copied) with its first line's number. */
export interface RegisterBytes {
    seq: number;
    firstLine: number;
    bytes: Uint8Array;
}

/** A batch's answers as they reach the writer: text from this thread, bytes from a worker. */
/** What a register's run found: lines that held no case, cases with an answer that is an error, and the first of each. */
export type RegisterTally = Pick<AnsweredBatch, 'invalid' | 'withErrors' | 'firstInvalid' | 'firstWithErrors' | 'lines'>;

type WrittenBatch = Omit<AnsweredBatch, 'output'> & { output: string | Uint8Array };

const NEWLINE = 0x0a;

/**
 * `eval` on a register (NDJSON): read in large slices of bytes split at line ends (no per-line
 * reader; a newline byte never occurs inside a UTF-8 character), each batch answered by a worker
 * thread (one per core, each with its own runtime), which decodes, answers and encodes, the bytes
 * moved between the threads both ways, so the main thread only reads, counts lines and writes; or,
 * for a small register or one core, in this thread. Answers are written in input order as batches
 * complete, with at most two batches per worker in flight: memory stays constant.
 */
export async function streamRegister(file: string, runtime: PolicyRuntime, files: CompiledPolicyFile[], options: CliOptions, io: CliIO & { stderrIsTerminal?: boolean }): Promise<RegisterTally> {
    const size = (await fs.stat(file)).size;
    // REGELRATT_THREADS caps the threads (a container's CPU quota is not what availableParallelism sees).
    const cap = Number(process.env.REGELRATT_THREADS) || availableParallelism();
    const threads = size < WORKERS_FROM ? 1 : Math.max(1, Math.min(cap, availableParallelism(), 16));
    const settings = { explain: options.explain, locale: options.locale, ...(options.date ? { date: options.date } : {}) };
    const pool = threads > 1 ? new WorkerPool(threads, files, settings) : undefined;
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const answer = (batch: RegisterBytes): Promise<WrittenBatch> => (pool ? pool.run(batch)
        : Promise.resolve(answerBatch(runtime, { seq: batch.seq, firstLine: batch.firstLine, text: decoder.decode(batch.bytes) }, settings)));

    let invalid = 0;
    let withErrors = 0;
    let firstInvalid: NotedLine | undefined;
    let firstWithErrors: NotedLine | undefined;
    let lines = 0;
    let nextToWrite = 0;
    const done = new Map<number, WrittenBatch>();
    let writing = Promise.resolve();
    const write = () => {
        writing = writing.then(async () => {
            for (let batch = done.get(nextToWrite); batch; batch = done.get(nextToWrite)) {
                done.delete(nextToWrite++);
                invalid += batch.invalid;
                withErrors += batch.withErrors;
                // Batches are written in the register's order, so the first one kept is the first line.
                firstInvalid ??= batch.firstInvalid;
                firstWithErrors ??= batch.firstWithErrors;
                lines += batch.lines;
                if (batch.output.length > 0 && !io.stdout.write(batch.output)) {
                    // Waiting for the pipe keeps memory constant when the reader is slower than we are.
                    await new Promise(resolve => (io.stdout as NodeJS.WriteStream).once('drain', resolve));
                }
                if (io.stderrIsTerminal) {
                    io.stderr.write(`\r${lines.toLocaleString('sv-SE')} ${options.locale === 'sv' ? 'rader' : 'lines'}…`);
                }
            }
        });
        return writing;
    };
    const inFlight = new Set<Promise<void>>();
    let failure: unknown;
    let seq = 0;
    let nextLine = 1;
    const dispatch = (bytes: Uint8Array) => {
        let count = 1;
        let from = 0;
        for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) {
            if (at - from > options.maxFileBytes) {
                throw new RegisterLineTooLongError(nextLine + count - 1, options.maxFileBytes, options.locale);
            }
            count++;
            from = at + 1;
        }
        if (bytes.length - from > options.maxFileBytes) {
            throw new RegisterLineTooLongError(nextLine + count - 1, options.maxFileBytes, options.locale);
        }
        const batch: RegisterBytes = { seq: seq++, firstLine: nextLine, bytes };
        nextLine += count;
        const job = answer(batch).then(result => {
            done.set(result.seq, result);
            return write();
        }, error => { failure ??= error; });
        inFlight.add(job);
        void job.finally(() => inFlight.delete(job));
    };
    const handle = await fs.open(file, 'r');
    try {
        // Each slice in a buffer of its own (it is handed to a worker whole): the bytes carried over
        // from the last one's unfinished line, then as much of the file as fits.
        let carry = new Uint8Array(0);
        for (;;) {
            const slice = new Uint8Array(Math.max(SLICE, carry.length * 2));
            slice.set(carry);
            const { bytesRead } = await handle.read(slice, carry.length, slice.length - carry.length, null);
            const filled = carry.length + bytesRead;
            if (bytesRead === 0) {
                carry = slice.subarray(0, filled);
                break;
            }
            const end = slice.lastIndexOf(NEWLINE, filled - 1);
            if (end < 0) {
                if (filled > options.maxFileBytes) {
                    throw new RegisterLineTooLongError(nextLine, options.maxFileBytes, options.locale);
                }
                carry = slice.subarray(0, filled);
                continue;
            }
            carry = slice.slice(end + 1, filled);
            dispatch(slice.subarray(0, end));
            while (inFlight.size >= threads * 2 && failure === undefined) {
                await Promise.race(inFlight);
            }
            if (failure !== undefined) {
                throw failure;
            }
        }
        if (carry.length > 0) {
            dispatch(carry);
        }
        await Promise.all(inFlight);
        if (failure !== undefined) {
            throw failure;
        }
        await write();
    } finally {
        await handle.close();
        await pool?.close();
    }
    return { invalid, withErrors, lines, ...(firstInvalid ? { firstInvalid } : {}), ...(firstWithErrors ? { firstWithErrors } : {}) };
}

/** Worker threads, each answering one batch at a time; batches wait for the next free one. */
class WorkerPool {
    private readonly idle: Worker[] = [];
    private readonly all: Worker[] = [];
    private readonly waiting: Array<(worker: Worker) => void> = [];

    constructor(size: number, files: CompiledPolicyFile[], settings: { explain: boolean; locale: 'sv' | 'en'; date?: string }) {
        // Beside the bundle when bundled (regelratt.eval-worker.mjs), beside this module otherwise.
        const bundled = import.meta.url.endsWith('.bundle.cjs');
        const script = new URL(bundled ? './regelratt.eval-worker.mjs' : './eval-worker.js', import.meta.url);
        for (let i = 0; i < size; i++) {
            const worker = new (builtin('node:worker_threads').Worker)(script, { workerData: { files, ...settings } });
            this.all.push(worker);
            this.idle.push(worker);
        }
    }

    async run(batch: RegisterBytes): Promise<WrittenBatch> {
        const worker = this.idle.pop() ?? await new Promise<Worker>(resolve => this.waiting.push(resolve));
        return new Promise<WrittenBatch>((resolve, reject) => {
            const onMessage = (answered: WrittenBatch) => {
                worker.off('error', onError);
                this.release(worker);
                resolve(answered);
            };
            const onError = (error: Error) => {
                worker.off('message', onMessage);
                reject(error);
            };
            worker.once('message', onMessage);
            worker.once('error', onError);
            // The slice's memory moves to the worker: this thread does not touch it again.
            worker.postMessage(batch, [batch.bytes.buffer as ArrayBuffer]);
        });
    }

    private release(worker: Worker): void {
        const next = this.waiting.shift();
        if (next) {
            next(worker);
        } else {
            this.idle.push(worker);
        }
    }

    async close(): Promise<void> {
        await Promise.all(this.all.map(worker => worker.terminate()));
    }
}
