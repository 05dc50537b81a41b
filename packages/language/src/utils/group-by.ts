/** Groups items by a key, keeping first-seen order of keys and items (what ES2024's `Map.groupBy` does, on Node 20 too). */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
    const groups = new Map<K, T[]>();
    for (const item of items) {
        const group = key(item);
        const members = groups.get(group);
        if (members) {
            members.push(item);
        } else {
            groups.set(group, [item]);
        }
    }
    return groups;
}
