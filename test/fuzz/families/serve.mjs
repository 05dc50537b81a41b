/**
 * `regelratt serve` as a process, asked over HTTP with the bodies of bodies.mjs (`/v1/evaluate`, and
 * `/v1/evaluate/batch` for registers), some with a long `x-request-id`. A failure is a 5xx, an
 * error that is not problem+json, a connection reset or no answer in 20 s, the process dying, a
 * register answered with another count of lines than it has, a request id echoed whatever its
 * length, or an answer that breaks the body's oracle (bodies.mjs).
 */
import { answerFailure, bodyGenerator, doublingPolicy, registerLines, shrinkBody } from '../bodies.mjs';
import { removeWorkspace, startServe, timeLimit, timeLimitPassed } from '../harness.mjs';

/** Longer than any id a log line needs, shorter than the HTTP server's own header limit. */
const LONGEST_ECHOED_ID = 1024;

export function createFamily(rng) {
    const generateBody = bodyGenerator(rng);
    let policy;
    let server;

    async function start() {
        const started = await startServe(policy);
        if (!started.base) {
            throw new Error(`serve did not start: ${started.stderr}`);
        }
        server = { child: started.child, base: started.base, died: undefined, stderr: () => started.stderr };
        started.child.on('exit', (code, signal) => { server.died ??= `serve exited (${signal ?? code})`; });
    }

    async function ask(body) {
        if (!server || server.died) {
            await start();
        }
        const route = body.ndjson ? '/v1/evaluate/batch' : '/v1/evaluate';
        const headers = { 'content-type': body.ndjson ? 'application/x-ndjson' : 'application/json', ...(body.requestId ? { 'x-request-id': body.requestId } : {}) };
        let response;
        let text;
        try {
            response = await fetch(server.base + route, { method: 'POST', headers, body: body.text, signal: AbortSignal.timeout(timeLimit(20) * 1000) });
            text = await response.text();
        } catch (error) {
            if (error?.name === 'TimeoutError') {
                timeLimitPassed();
            }
            await new Promise(resolve => setTimeout(resolve, 100));
            return server.died
                ? `process death — ${server.died}: ${server.stderr().split('\n').slice(-3).join(' | ').slice(0, 300)}`
                : `no answer — ${route}: ${error?.cause?.code ?? error?.name}: ${error?.message}`;
        }
        const type = response.headers.get('content-type') ?? '';
        if (response.status >= 500) {
            return `${response.status} — ${route}: ${text.slice(0, 200)}`;
        }
        if (response.status >= 400 && !type.startsWith('application/problem+json')) {
            return `error not problem+json — ${response.status} ${type}: ${text.slice(0, 200)}`;
        }
        const echoed = response.headers.get('x-request-id') ?? '';
        if (body.requestId && echoed === body.requestId && echoed.length > LONGEST_ECHOED_ID) {
            return `request id echoed at any length — ${echoed.length} characters`;
        }
        if (body.ndjson && response.status === 200) {
            const answered = registerLines(text);
            if (answered !== registerLines(body.text)) {
                return `wrong count of batch answer lines — ${registerLines(body.text)} lines, ${answered} answers`;
            }
        }
        return answerFailure(body, text);
    }

    return {
        setup: () => { policy = doublingPolicy(); },
        teardown: () => { server?.child.kill('SIGKILL'); removeWorkspace(policy); },
        generate: () => generateBody(),
        run: ask,
        shrink: shrinkBody,
    };
}
