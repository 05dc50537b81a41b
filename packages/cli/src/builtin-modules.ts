import { createRequire } from 'node:module';

// Built-in modules that only some commands use, loaded when first asked for instead of at start-up:
// node:http, node:worker_threads and node:child_process together cost Node 24 about 8 ms of every
// command's start-up (`check` included), though only `studio`, `serve` and `eval` on a register need
// the first two (docs/performance.md, session 7). `diff --rev` reads git through
// @regelratt/language/node, which imports node:child_process itself when first asked.
interface LazyBuiltins {
    'node:http': typeof import('node:http');
    'node:worker_threads': typeof import('node:worker_threads');
}

const requireBuiltin = createRequire(import.meta.url);

export function builtin<Name extends keyof LazyBuiltins>(name: Name): LazyBuiltins[Name] {
    return requireBuiltin(name) as LazyBuiltins[Name];
}
