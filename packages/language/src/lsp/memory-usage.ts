import type { LangiumSharedServices } from 'langium/lsp';

/** `regelratt/memoryUsage`: what the server holds, for a user's bug report and for the protocol tests (as rust-analyzer's `rust-analyzer/memoryUsage`). */
export const MEMORY_USAGE_REQUEST = 'regelratt/memoryUsage';

export interface MemoryUsage {
    /** Bytes of JavaScript heap in use; after a full collection when the server runs with `--expose-gc`. */
    heapUsed?: number;
    /** Bytes the process holds (Node only). */
    rss?: number;
    /** Whether a full collection ran first (so that `heapUsed` is what is live). */
    collected: boolean;
    /** Documents the server holds. */
    documents: number;
}

interface MemoryHost {
    gc?: () => void;
    process?: { memoryUsage?: () => { heapUsed: number; rss: number } };
}

/** The server's memory now. In a browser worker (the studio) only the document count is known. */
export function memoryUsage(shared: LangiumSharedServices): MemoryUsage {
    const host = globalThis as MemoryHost;
    const collected = typeof host.gc === 'function';
    if (collected) {
        host.gc!();
    }
    const usage = host.process?.memoryUsage?.();
    return {
        ...(usage ? { heapUsed: usage.heapUsed, rss: usage.rss } : {}),
        collected,
        documents: shared.workspace.LangiumDocuments.all.count(),
    };
}
