import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, `Tests: N passed, N failed, N skipped`, the closing line CI
 * reads in any language, after Vitest's own report. A module that failed to load counts as failed.
 */
export default class SummaryReporter implements Reporter {
    onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
        let passed = 0;
        let failed = 0;
        let skipped = 0;
        for (const module of testModules) {
            if (module.state() === 'failed' && [...module.children.allTests()].length === 0) {
                failed++;
            }
            for (const test of module.children.allTests()) {
                const state = test.result().state;
                if (state === 'passed') {
                    passed++;
                } else if (state === 'failed') {
                    failed++;
                } else {
                    skipped++;
                }
            }
        }
        failed += unhandledErrors.length;
        process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    }
}
