import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
        // The CLI tests start the built command as a process; give them room on a 2-core machine.
        testTimeout: 30_000,
        pool: 'forks',
        reporters: ['default', './test/summary-reporter.ts'],
    },
});
