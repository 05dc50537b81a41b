import { createReadStream, promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CompiledPolicyFile } from '@regelratt/format';
import type { PolicyRuntime } from '@regelratt/runtime';
import type { CliOptions } from './arguments.js';
import type { CliIO } from './io.js';
import { answerBatch, type AnsweredBatch, type RegisterBatch } from './register-lines.js';

/**
 * Read in slices of this size: each slice's whole lines are one batch. Small enough that a batch's
 * answers die young (1 MB slices held ten thousand answers into the old generation: 25 % slower).
 */
const SLICE = 1 << 17;
/** A register smaller than this is answered in the main thread: starting workers would cost more. */
const WORKERS_FROM = 4 * SLICE;

/**
 * `eval` on a register (NDJSON): read in large slices split at line ends (no per-line reader), each
 * batch answered by a worker thread (one per core, each with its own runtime) or, for a small
 * register or one core, in this thread; answers written in input order as batches complete, with at
 * most two batches per worker in flight, so memory stays constant however long the register.
 */
export async function streamRegister(file: string, runtime: PolicyRuntime, files: CompiledPolicyFile[], options: CliOptions, io: CliIO & { stderrIsTerminal?: boolean }): Promise<{ invalid: number; lines: number }> {
    const size = (await fs.stat(file)).size;
    // REGELRATT_THREADS caps the threads (a container's CPU quota is not what availableParallelism sees).
    const cap = Number(process.env.REGELRATT_THREADS) || availableParallelism();
    const threads = size < WORKERS_FROM ? 1 : Math.max(1, Math.min(cap, availableParallelism(), 16));
    const settings = { explain: options.explain, ...(options.date ? { date: options.date } : {}) };
    const pool = threads > 1 ? new WorkerPool(threads, files, settings) : undefined;
    const answer = (batch: RegisterBatch): Promise<AnsweredBatch> => (pool ? pool.run(batch) : Promise.resolve(answerBatch(runtime, batch, settings)));

    let invalid = 0;
    let lines = 0;
    let nextToWrite = 0;
    const done = new Map<number, AnsweredBatch>();
    let writing = Promise.resolve();
    const write = () => {
        writing = writing.then(async () => {
            for (let batch = done.get(nextToWrite); batch; batch = done.get(nextToWrite)) {
                done.delete(nextToWrite++);
                invalid += batch.invalid;
                lines += batch.lines;
                if (batch.output && !io.stdout.write(batch.output)) {
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
    const dispatch = (text: string) => {
        let count = 1;
        for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
            count++;
        }
        const batch: RegisterBatch = { seq: seq++, firstLine: nextLine, text };
        nextLine += count;
        const job = answer(batch).then(result => {
            done.set(result.seq, result);
            return write();
        }, error => { failure ??= error; });
        inFlight.add(job);
        void job.finally(() => inFlight.delete(job));
    };
    try {
        let carry = '';
        for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: SLICE })) {
            const text = carry + (chunk as string);
            const end = text.lastIndexOf('\n');
            if (end < 0) {
                carry = text;
                continue;
            }
            carry = text.slice(end + 1);
            dispatch(text.slice(0, end));
            while (inFlight.size >= threads * 2 && failure === undefined) {
                await Promise.race(inFlight);
            }
            if (failure !== undefined) {
                throw failure;
            }
        }
        if (carry !== '') {
            dispatch(carry);
        }
        await Promise.all(inFlight);
        if (failure !== undefined) {
            throw failure;
        }
        await write();
    } finally {
        await pool?.close();
    }
    return { invalid, lines };
}

/** Worker threads, each answering one batch at a time; batches wait for the next free one. */
class WorkerPool {
    private readonly idle: Worker[] = [];
    private readonly all: Worker[] = [];
    private readonly waiting: Array<(worker: Worker) => void> = [];

    constructor(size: number, files: CompiledPolicyFile[], settings: { explain: boolean; date?: string }) {
        // Beside the bundle when bundled (regelratt.eval-worker.mjs), beside this module otherwise.
        const bundled = import.meta.url.endsWith('.bundle.mjs');
        const script = new URL(bundled ? './regelratt.eval-worker.mjs' : './eval-worker.js', import.meta.url);
        for (let i = 0; i < size; i++) {
            const worker = new Worker(script, { workerData: { files, ...settings } });
            this.all.push(worker);
            this.idle.push(worker);
        }
    }

    async run(batch: RegisterBatch): Promise<AnsweredBatch> {
        const worker = this.idle.pop() ?? await new Promise<Worker>(resolve => this.waiting.push(resolve));
        return new Promise<AnsweredBatch>((resolve, reject) => {
            const onMessage = (answered: AnsweredBatch) => {
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
            worker.postMessage(batch);
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
