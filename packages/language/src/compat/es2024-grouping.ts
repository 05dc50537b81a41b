/**
 * Node 20 lacks `Object.groupBy` and `Map.groupBy` (ES2024, Node 21 and later). Chevrotain 13, which
 * Langium's parser is built on, calls `Object.groupBy` while it builds the parser, so without this
 * module the command line and the language server fail on Node 20 (the Node the README promises and
 * the one VS Code 1.91–1.9x embeds). The functions are installed only where missing and follow the
 * specification, so on Node 21 and later nothing changes. Our own code does not rely on them
 * (`tsconfig.base.json` compiles against the ES2023 library); see `utils/group-by.ts`.
 */
import { groupBy as groupItems } from '../utils/group-by.js';

type GroupingObject = { groupBy?: <T, K extends PropertyKey>(items: Iterable<T>, key: (item: T, index: number) => K) => Partial<Record<K, T[]>> };
type GroupingMap = { groupBy?: <T, K>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]> };

const objectConstructor = Object as unknown as GroupingObject;
if (typeof objectConstructor.groupBy !== 'function') {
    Object.defineProperty(Object, 'groupBy', {
        configurable: true,
        writable: true,
        value: function groupBy<T, K extends PropertyKey>(items: Iterable<T>, key: (item: T, index: number) => K): Partial<Record<K, T[]>> {
            const groups = Object.create(null) as Partial<Record<K, T[]>>;
            let index = 0;
            for (const item of items) {
                const group = key(item, index++);
                (groups[group] ??= []).push(item);
            }
            return groups;
        },
    });
}

const mapConstructor = Map as unknown as GroupingMap;
if (typeof mapConstructor.groupBy !== 'function') {
    Object.defineProperty(Map, 'groupBy', {
        configurable: true,
        writable: true,
        value: function groupBy<T, K>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
            let index = 0;
            return groupItems(items, item => key(item, index++));
        },
    });
}

