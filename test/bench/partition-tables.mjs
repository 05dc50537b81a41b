/**
 * Seeded exact partitions: the leaves of a random decision tree, one row each, so the rows cover
 * every citizen exactly once by construction (no gap, no overlap). Half the columns are four-valued
 * choices (a split gives each value its own child), half whole numbers 0–100 (a split cuts a range in
 * two). Written as a `beslutstabell` or as a `förloppsmodell`, with one row left out (its box is then
 * exactly the gap) or one row given twice with another output (its box is then exactly the overlap).
 * Used by test/exact-partitions.test.ts, the region engine's differential test and test/bench/analyses.mjs.
 */

/** A small seeded generator (mulberry32): the same seed gives the same table on every machine. */
function random(seed) {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const CHOICE_VALUES = ['v0', 'v1', 'v2', 'v3'];
const WHOLE_MAX = 100;

/**
 * `columns` attributes and exactly `rows` rows. Each row maps every column to `{ kind: 'any' }`,
 * `{ kind: 'value', value }` or `{ kind: 'range', lo, hi }` (inclusive whole numbers).
 */
export function exactPartition({ columns, rows, seed }) {
    const next = random(seed);
    const attributes = Array.from({ length: columns }, (_, i) => (i % 2 === 0
        ? { name: `a${i}`, kind: 'choice', values: CHOICE_VALUES }
        : { name: `a${i}`, kind: 'whole', max: WHOLE_MAX }));
    const full = () => attributes.map(a => (a.kind === 'choice' ? { kind: 'any' } : { kind: 'range', lo: 0, hi: a.max }));
    let leaves = [full()];
    while (leaves.length < rows) {
        const missing = rows - leaves.length;
        // A split that would overshoot, or has nothing left to split, is not taken; the tree grows until exact.
        const splits = leaves.flatMap((leaf, index) => leaf.flatMap((cell, column) => {
            const attribute = attributes[column];
            if (attribute.kind === 'choice') {
                return cell.kind === 'any' && CHOICE_VALUES.length - 1 <= missing ? [{ index, column }] : [];
            }
            return cell.hi > cell.lo ? [{ index, column }] : [];
        }));
        if (splits.length === 0) {
            throw new Error(`No exact partition of ${rows} rows over ${columns} columns`);
        }
        const { index, column } = splits[Math.floor(next() * splits.length)];
        const leaf = leaves[index];
        const cell = leaf[column];
        const children = attributes[column].kind === 'choice'
            ? CHOICE_VALUES.map(value => ({ kind: 'value', value }))
            : (() => {
                const at = cell.lo + 1 + Math.floor(next() * (cell.hi - cell.lo));
                return [{ kind: 'range', lo: cell.lo, hi: at - 1 }, { kind: 'range', lo: at, hi: cell.hi }];
            })();
        leaves = [...leaves.slice(0, index), ...children.map(child => leaf.map((c, i) => (i === column ? child : c))), ...leaves.slice(index + 1)];
    }
    // Shuffled, so that neighbouring rows are not neighbouring leaves.
    for (let i = leaves.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [leaves[i], leaves[j]] = [leaves[j], leaves[i]];
    }
    return { attributes, rows: leaves };
}

function cellText(attribute, cell) {
    if (cell.kind === 'value') {
        return cell.value;
    }
    if (cell.kind === 'any' || (cell.lo === 0 && cell.hi === attribute.max)) {
        return '-';
    }
    return cell.lo === cell.hi ? String(cell.lo) : `${cell.lo}–${cell.hi}`;
}

function criterionText(attributes, row) {
    const parts = row.flatMap((cell, i) => {
        const text = cellText(attributes[i], cell);
        if (text === '-') {
            return [];
        }
        return [cell.kind === 'value' || cell.lo === cell.hi ? `${attributes[i].name} = ${text}` : `${attributes[i].name} i ${text}`];
    });
    return parts.join(' och ');
}

/**
 * The row's box as the checker words a region (`a1 18–100, a4 = v2`), its parts sorted: a region's
 * parts come in the order the analysis met the attributes, which a test should not depend on.
 */
export function boxParts(partition, index) {
    const { attributes, rows } = partition;
    return rows[index].flatMap((cell, i) => {
        const text = cellText(attributes[i], cell);
        if (text === '-') {
            return [];
        }
        return [cell.kind === 'value' || cell.lo === cell.hi ? `${attributes[i].name} = ${text}` : `${attributes[i].name} ${text}`];
    }).sort();
}

function attributeLines(attributes) {
    return attributes.map(a => `egenskap ${a.name} : ${a.kind === 'choice' ? `en av { ${a.values.join(', ')} }` : `heltal 0–${a.max}`}`);
}

/** The rows to write: all, or without `drop`, or with `duplicate` given again (with another output) at the end. */
function writtenRows(partition, { drop, duplicate } = {}) {
    const rows = partition.rows.map((cells, index) => ({ cells, output: index + 1 })).filter((_, index) => index !== drop);
    return duplicate === undefined ? rows : [...rows, { cells: partition.rows[duplicate], output: partition.rows.length + 1 }];
}

/** The partition as a `beslutstabell t` (hit policy `unik`), each row's output its own number. */
export function tableText(partition, options = {}) {
    const { attributes } = partition;
    return [
        ...attributeLines(attributes),
        'beslutstabell t {',
        `    | ${attributes.map(a => a.name).join(' | ')} || rad |`,
        ...writtenRows(partition, options).map(({ cells, output }) => `    | ${cells.map((cell, i) => cellText(attributes[i], cell)).join(' | ')} || ${output} |`),
        '}',
        '',
    ].join('\n');
}

/** The partition as a `förloppsmodell m`, each row a förlopp whose criterion is the row's box. */
export function pathwayModelText(partition, options = {}) {
    const { attributes } = partition;
    return [
        ...attributeLines(attributes),
        'förloppsmodell m {',
        ...writtenRows(partition, options).map(({ cells, output }) => `    förlopp p${output} { när ${criterionText(attributes, cells)} }`),
        '}',
        '',
    ].join('\n');
}
