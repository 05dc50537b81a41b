import type { Stream } from 'langium';

/** The declared name closest to a misspelt one, if it is close enough to be a likely typo. */
export function nearestName(misspelt: string, candidates: Stream<string> | Iterable<string>): string | undefined {
    const limit = Math.max(1, Math.floor(misspelt.length / 3));
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (const candidate of candidates) {
        if (Math.abs(candidate.length - misspelt.length) > limit) {
            continue;
        }
        const distance = editDistance(misspelt.toLowerCase(), candidate.toLowerCase(), bestDistance);
        if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return bestDistance <= limit ? best : undefined;
}

/**
 * Edit distance with a swap of two neighbouring letters counting as one edit (optimal string
 * alignment), since `chekc` for `check` is one slip, not two; gives up once every path exceeds `cap`
 * (then more than `cap` is returned, so a candidate given up on is never taken for a tie).
 */
function editDistance(a: string, b: string, cap: number): number {
    let beforePrevious: number[] = [];
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMin = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let distance = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                distance = Math.min(distance, beforePrevious[j - 2] + 1);
            }
            current[j] = distance;
            rowMin = Math.min(rowMin, distance);
        }
        if (rowMin > cap) {
            return cap + 1;
        }
        beforePrevious = previous;
        previous = current;
    }
    return previous[b.length];
}
