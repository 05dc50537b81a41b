import type { CompiledElement, CompiledPolicyFile } from '@regelratt/format';

/** A version's elements by id; examples are the policy's tests, not its answers (`regelratt test` compares those). */
export function elementsById(files: readonly CompiledPolicyFile[]): Map<string, CompiledElement> {
    return new Map(files.flatMap(file => file.elements).filter(element => element.kind !== 'example').map(element => [element.id, element]));
}

/**
 * Old elements that reappear under another id meaning the same: the same kind and definition
 * (everything but id, name, title and place, references to other renamed elements read through
 * their new ids) and the same uses (read by the same elements). One-to-one: a meaning shared by
 * several removed or several added elements names no rename, since any pairing would be a guess.
 * Repeated until nothing more is found, since renaming an attribute changes the criteria that read it.
 * `diff` and `kompatibilitet` both ask this, so they never disagree on what was renamed.
 */
export function findRenames(old: ReadonlyMap<string, CompiledElement>, next: ReadonlyMap<string, CompiledElement>): Map<string, string> {
    const renames = new Map<string, string>();
    const removed = [...old.keys()].filter(id => !next.has(id));
    const added = [...next.keys()].filter(id => !old.has(id));
    const oldUsers = usersOf(old);
    const nextUsers = usersOf(next);
    const none = new Map<string, string>();
    for (;;) {
        const targets = new Set(renames.values());
        const groups = new Map<string, { from: string[]; to: string[] }>();
        const group = (key: string) => groups.get(key) ?? groups.set(key, { from: [], to: [] }).get(key)!;
        for (const id of removed.filter(id => !renames.has(id))) {
            const uses = [...(oldUsers.get(id) ?? [])].map(user => renames.get(user) ?? user).sort();
            group(`${meaning(old.get(id)!, renames)}\u0000${uses.join('\u0000')}`).from.push(id);
        }
        for (const id of added.filter(id => !targets.has(id))) {
            const uses = [...(nextUsers.get(id) ?? [])].sort();
            group(`${meaning(next.get(id)!, none)}\u0000${uses.join('\u0000')}`).to.push(id);
        }
        let found = false;
        for (const { from, to } of groups.values()) {
            if (from.length === 1 && to.length === 1) {
                renames.set(from[0], to[0]);
                found = true;
            }
        }
        if (!found) {
            return renames;
        }
    }
}

/** An element's meaning as text: everything but its id, name, title and place, references read through renames. */
export function meaning(element: CompiledElement, renames: ReadonlyMap<string, string>): string {
    const { id: _id, name: _name, title: _title, source: _source, ...rest } = element as CompiledElement & { title?: string };
    return canonical(rest, renames);
}

/** A value as text with references read through renames, independent of key order and places. */
export function canonical(value: unknown, renames: ReadonlyMap<string, string>): string {
    return JSON.stringify(value, (key, inner: unknown) => {
        if (key === 'source') {
            return undefined;
        }
        if (typeof inner === 'string' && renames.has(inner)) {
            return renames.get(inner);
        }
        if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
            // Key order must not make two equal meanings differ.
            return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
        }
        return inner;
    }) ?? 'undefined';
}

/** For each element id, the ids of the other elements whose definition mentions it. */
function usersOf(elements: ReadonlyMap<string, CompiledElement>): Map<string, Set<string>> {
    const users = new Map<string, Set<string>>();
    for (const [id, element] of elements) {
        JSON.stringify(element, (key, inner: unknown) => {
            if (key !== 'id' && key !== 'source' && typeof inner === 'string' && inner !== id && elements.has(inner)) {
                (users.get(inner) ?? users.set(inner, new Set()).get(inner)!).add(id);
            }
            return key === 'source' ? undefined : inner;
        });
    }
    return users;
}
