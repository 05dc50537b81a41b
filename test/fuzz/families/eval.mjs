/**
 * `regelratt eval --input` on the bodies of bodies.mjs written as files (a register as `.ndjson`),
 * and on inputs that are no file of cases at all: /dev/zero, /dev/null, /dev/urandom, a folder.
 * A failure is exit 3, a signal, a stack trace, more than 30 s or 400 MB (the input is read whole
 * or streamed, never without end), an answer that is not JSON, a register answered with another
 * count of lines than it has, or an answer that breaks the body's oracle (bodies.mjs).
 */
import { symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { answerFailure, bodyGenerator, doublingPolicy, registerLines, shrinkBody } from '../bodies.mjs';
import { cli, parsesAs, processFailure, removeWorkspace, runProcess, temporaryFolder } from '../harness.mjs';

const DEVICES = ['/dev/zero', '/dev/null', '/dev/urandom', '/'];

export function createFamily(rng) {
    const generateBody = bodyGenerator(rng);
    let policy;
    return {
        // Each run checks the policy again (seconds): a few shrinking steps only.
        budget: 10,
        setup: () => { policy = doublingPolicy(); },
        teardown: () => removeWorkspace(policy),
        // Every sixth input a device, in turn, so that a short run meets /dev/zero.
        generate: index => (index % 6 === 5 ? { device: DEVICES[Math.floor(index / 6) % DEVICES.length], ndjson: rng.random() < 0.5, text: '' } : generateBody()),
        async run(body) {
            const work = temporaryFolder('eval');
            try {
                const file = body.device ?? path.join(work, body.ndjson ? 'register.ndjson' : 'case.json');
                if (!body.device) {
                    writeFileSync(file, body.text);
                }
                // A device given as a register is read as one (eval decides by the name).
                const input = body.device && body.ndjson ? path.join(work, 'register.ndjson') : file;
                if (input !== file) {
                    symlinkSync(file, input);
                }
                const result = await runProcess(process.execPath, [cli, 'eval', policy, '--input', input], { cwd: work, seconds: 30, megabytes: 400 });
                const failure = processFailure(result);
                if (failure) {
                    return `eval ${failure.replace(/:.*$/s, '')} — ${body.device ?? ''} ${failure}`;
                }
                if (body.ndjson && !body.device && registerLines(result.stdout) !== registerLines(body.text)) {
                    return `wrong count of answer lines — ${registerLines(body.text)} lines, ${registerLines(result.stdout)} answers`;
                }
                if (!body.ndjson && result.code !== 2 && !parsesAs(result.stdout)) {
                    return `answer not JSON — exit ${result.code}: ${result.stdout.slice(0, 200)}`;
                }
                return body.device ? undefined : answerFailure(body, result.stdout + result.stderr);
            } finally {
                removeWorkspace(work);
            }
        },
        shrink: body => (body.device ? [] : shrinkBody(body)),
    };
}
