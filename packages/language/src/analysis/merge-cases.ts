import { ExactNumber } from '@regelratt/format';
import type { Case } from './case-split.js';
import type { Region } from './regions.js';

/**
 * Joins cases that differ only in one attribute whose ranges touch (`ålder 18–64` and `ålder 65–120`
 * into `ålder 18–120`), when `key` says the two belong together (the same kind of finding about the
 * same förlopp or rows). The case split cuts the domain where any criterion changes, so a finding
 * often comes out in pieces; a reviewer reads each region, so they should be as few and as large as
 * the finding allows. Repeats until nothing more joins; the citizens covered stay exactly the same.
 */
export function mergeCases<T extends { case: Case }>(findings: readonly T[], key: (finding: T) => string): T[] {
    // Each finding keeps the position of its first piece, so messages come in the order the split found them.
    let current = findings.map((finding, index) => ({ finding, index }));
    // Attribute by attribute: group the findings that agree on everything else, sort each group along
    // the attribute and join neighbours that touch. Linear-logarithmic, so thousands of findings merge
    // in milliseconds; repeated while a pass still joins something (a join can enable another).
    for (let pass = 0; pass < 8; pass++) {
        const attributes = new Set(current.flatMap(({ finding }) => [...finding.case.assignment.keys()]));
        let joined = false;
        for (const attribute of attributes) {
            const groups = new Map<string, typeof current>();
            const next: typeof current = [];
            for (const entry of current) {
                const region = entry.finding.case.assignment.get(attribute);
                if (!region || region.kind !== 'range') {
                    next.push(entry);
                    continue;
                }
                const others = [...entry.finding.case.assignment].filter(([id]) => id !== attribute).sort(([a], [b]) => a.localeCompare(b))
                    .map(([id, r]) => `${id}=${regionKey(r)}`).join(';');
                const group = `${key(entry.finding)}#${others}`;
                const members = groups.get(group);
                if (members) {
                    members.push(entry);
                } else {
                    groups.set(group, [entry]);
                }
            }
            for (const members of groups.values()) {
                members.sort((a, b) => compareLow(a.finding.case.assignment.get(attribute)!, b.finding.case.assignment.get(attribute)!));
                let open = members[0];
                for (const member of members.slice(1)) {
                    const union = joinRanges(open.finding.case.assignment.get(attribute)!, member.finding.case.assignment.get(attribute)!);
                    if (union) {
                        const assignment = new Map([...open.finding.case.assignment].map(([id, r]) => [id, id === attribute ? union : r]));
                        open = { finding: { ...open.finding, case: { assignment, verdicts: open.finding.case.verdicts } }, index: Math.min(open.index, member.index) };
                        joined = true;
                    } else {
                        next.push(open);
                        open = member;
                    }
                }
                next.push(open);
            }
            current = next;
        }
        if (!joined) {
            break;
        }
    }
    return current.sort((a, b) => a.index - b.index).map(entry => entry.finding);
}

function regionKey(region: Region): string {
    return region.kind === 'value'
        ? `v:${String(region.value)}`
        : `r:${region.loClosed ? '[' : '('}${region.lo?.toDecimal() ?? '-'},${region.hi?.toDecimal() ?? '+'}${region.hiClosed ? ']' : ')'}`;
}

function compareLow(a: Region, b: Region): number {
    if (a.kind !== 'range' || b.kind !== 'range') {
        return 0;
    }
    if (a.lo === undefined || b.lo === undefined) {
        return a.lo === undefined ? (b.lo === undefined ? 0 : -1) : 1;
    }
    return a.lo.compare(b.lo) || (a.loClosed === b.loClosed ? 0 : a.loClosed ? -1 : 1);
}

/** Two ranges that touch (the first ends where the second starts, with no gap and no overlap) as one. */
function joinRanges(a: Region, b: Region): Region | undefined {
    if (a.kind !== 'range' || b.kind !== 'range' || a.discrete !== b.discrete) {
        return undefined;
    }
    const [low, high] = a.lo === undefined || (b.lo !== undefined && a.lo.compare(b.lo) <= 0) ? [a, b] : [b, a];
    if (low.hi === undefined || high.lo === undefined) {
        return undefined;
    }
    const touches = low.discrete
        ? low.hiClosed && high.loClosed && low.hi.add(ExactNumber.ONE).equals(high.lo)
        : low.hi.equals(high.lo) && low.hiClosed !== high.loClosed;
    if (!touches) {
        return undefined;
    }
    return { kind: 'range', lo: low.lo, loClosed: low.loClosed, hi: high.hi, hiClosed: high.hiClosed, discrete: low.discrete };
}
