/**
 * The shortest chain by which `start` reads itself (`a → b → a`), or undefined, over any graph given
 * by what each node reads directly: the calculation and decision-chain checks give the AST's
 * references, a tool with only the compiled form gives compiled ids. A value that depends on itself
 * has no value, and the runtime would refuse it on every question.
 */
export function shortestCycle<N>(start: N, dependencies: (node: N) => readonly N[]): N[] | undefined {
    // Breadth first, so the chain reported is the shortest one.
    const previous = new Map<N, N>();
    let frontier: N[] = [start];
    while (frontier.length > 0) {
        const next: N[] = [];
        for (const node of frontier) {
            for (const read of dependencies(node)) {
                if (read === start) {
                    const chain = [node];
                    while (chain[0] !== start) {
                        chain.unshift(previous.get(chain[0])!);
                    }
                    return [...chain, start];
                }
                if (!previous.has(read)) {
                    previous.set(read, node);
                    next.push(read);
                }
            }
        }
        frontier = next;
    }
    return undefined;
}
