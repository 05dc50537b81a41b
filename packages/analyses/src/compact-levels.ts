/** `1, 2, 3, 6, 9, 15, 16, 17` as a reader says it: `nivå 1–3, 6, 9 och 15–17`. */
export function compactLevels(levels: readonly number[], sv: boolean): string {
    const sorted = [...new Set(levels)].sort((a, b) => a - b);
    const runs: string[] = [];
    for (let i = 0; i < sorted.length; i++) {
        let j = i;
        while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) {
            j++;
        }
        runs.push(j > i + 1 ? `${sorted[i]}–${sorted[j]}` : j === i + 1 ? `${sorted[i]}, ${sorted[j]}` : `${sorted[i]}`);
        i = j;
    }
    const word = sorted.length === 1 ? (sv ? 'nivå' : 'level') : (sv ? 'nivå' : 'levels');
    const list = runs.length > 1 ? `${runs.slice(0, -1).join(', ')} ${sv ? 'och' : 'and'} ${runs[runs.length - 1]}` : runs[0] ?? '';
    return `${word} ${list}`;
}
