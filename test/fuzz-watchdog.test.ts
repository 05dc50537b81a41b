import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { processFailure, repository, RETRY_PATIENCE, runProcess } from './fuzz/harness.mjs';
import { runFamily, runInput, type FuzzFamily, type Retry } from './fuzz/run-family.mjs';

/**
 * The fuzzer's watchdog under load (issue 26): a process that passes its time limit is run once
 * more with RETRY_PATIENCE times the limit before the input counts as a hang, and the run's summary
 * says how many inputs were retried. A stub family whose "command" is `sleep`: one that needs a
 * little more than its limit (a loaded machine) passes on the retry; one that never ends (a real
 * hang) is still reported.
 */
const NAME = 'watchdog-selftest';
const LIMIT = 0.5;

/** Each input is how many seconds the command sleeps, under a watchdog of LIMIT seconds. */
function sleepingFamily(seconds: number[]): FuzzFamily<number> & { runs: number } {
    const family = {
        runs: 0,
        generate: (index: number) => seconds[index],
        run: async (input: number) => {
            family.runs++;
            const failure = processFailure(await runProcess('sleep', [String(input)], { seconds: LIMIT }));
            return failure && `sleep ${failure.replace(/:.*$/s, '')} — ${failure}`;
        },
        shrink: () => [],
    };
    return family;
}

afterAll(() => rmSync(path.join(repository, 'test/fuzz/found', `${NAME}-1`), { recursive: true, force: true }));

describe('the fuzzer\'s watchdog retries a time limit once, with more time', () => {
    test('a process a little slower than its limit passes on the retry, and the retry is counted', async () => {
        expect(RETRY_PATIENCE * LIMIT).toBeGreaterThan(1.5);
        const family = sleepingFamily([1]);
        const retries: Retry[] = [];
        expect(await runInput(family, 1, retries)).toBeUndefined();
        expect(family.runs).toBe(2);
        expect(retries).toEqual([{ first: `sleep watchdog — watchdog: over ${LIMIT} s`, again: undefined }]);
    });

    test('a process within its limit runs once and is not retried', async () => {
        const family = sleepingFamily([0]);
        const retries: Retry[] = [];
        expect(await runInput(family, 0, retries)).toBeUndefined();
        expect(family.runs).toBe(1);
        expect(retries).toEqual([]);
    });

    test('a real hang is reported after the retry, with the longer limit it passed', async () => {
        const family = sleepingFamily([1000]);
        const retries: Retry[] = [];
        const failure = await runInput(family, 1000, retries);
        expect(failure).toBe(`sleep watchdog — watchdog: over ${LIMIT * RETRY_PATIENCE} s`);
        expect(family.runs).toBe(2);
        expect(retries).toEqual([{ first: `sleep watchdog — watchdog: over ${LIMIT} s`, again: failure }]);
    });

    test('a failure that is no time limit is not retried', async () => {
        const family: FuzzFamily<number> & { runs: number } = {
            runs: 0, generate: () => 0, shrink: () => [],
            run: async () => { family.runs++; return processFailure(await runProcess('sh', ['-c', 'exit 3'], { seconds: LIMIT })); },
        };
        const retries: Retry[] = [];
        expect(await runInput(family, 0, retries)).toMatch(/^exit 3/);
        expect(family.runs).toBe(1);
        expect(retries).toEqual([]);
    });

    test('the family\'s summary counts the retries; the hang is a failure, the slow input is not', async () => {
        const log = vi.spyOn(console, 'log').mockImplementation(() => {});
        try {
            const { failures, retries } = await runFamily(NAME, sleepingFamily([1, 0, 1000]), { count: 3, quiet: true });
            expect([...failures.keys()]).toEqual(['sleep watchdog']);
            expect(retries.map(retry => retry.again === undefined)).toEqual([true, false]);
            const lines = log.mock.calls.map(call => String(call[0]));
            expect(lines.some(line => line.startsWith(`FAIL ${NAME} #2: sleep watchdog — watchdog: over ${LIMIT * RETRY_PATIENCE} s`))).toBe(true);
            expect(lines.at(-1)).toMatch(new RegExp(`^fuzz ${NAME}: 3 inputs in [\\d.]+ s, slowest \\d+ ms; 1 kinds of failure; 2 watchdog retries \\(1 passed with ${RETRY_PATIENCE}× the time\\)$`));
            expect(existsSync(path.join(repository, 'test/fuzz/found', `${NAME}-1`, 'failure.txt'))).toBe(true);
        } finally {
            log.mockRestore();
        }
    });
});
