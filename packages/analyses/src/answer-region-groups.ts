import { ExactNumber, matchExpression, type Expression } from '@regelratt/format';
import { RegelrattRuntimeError, type PolicyRuntime } from '@regelratt/runtime';
import type { MessageLocale } from './i18n/locale.js';
import { swedishDecimal } from './numbers/decimal-text.js';
import { parseExact, type AnswerRegion } from './answer-regions.js';
import type { AmountChangeKind, AmountRegion } from './diff-model.js';

export type { AmountChangeKind };

/**
 * Many exact regions of an amount's change told by kind: a revision that raises one fee and moves
 * one level boundary changes a capped total in hundreds of regions (Habo's: 259), each with its own
 * difference where the cap bites, but for two reasons and their combination. A region's kind is the
 * set of parts of the answer's formula (the calculations, tables and parameters it reads directly)
 * whose value the two runtimes give differently at the region's example; with none, the formula
 * itself (or a fee's own amounts) changed. Each kind once, with its regions counted, how much each
 * part and the answer change over them, and one example citizen; JSON keeps every region.
 */

interface Part {
    key: string;
    name: string;
    title?: string;
    /** Each version's reference to it, where the version reads it. */
    refs: [Expression | undefined, Expression | undefined];
}

export function changeKinds(
    regions: readonly AnswerRegion[], inWords: readonly AmountRegion[],
    formulas: readonly [readonly Expression[], readonly Expression[]],
    runtimes: readonly [PolicyRuntime, PolicyRuntime], renames: ReadonlyMap<string, string>, locale: MessageLocale,
    amounts?: { answer: (value: ExactNumber, signed?: boolean) => string; part: (ref: Expression, version: 0 | 1) => (value: ExactNumber, signed?: boolean) => string },
): AmountChangeKind[] {
    const parts = new Map<string, Part>();
    formulas.forEach((expressions, version) => {
        const runtime = runtimes[version];
        const visit = (expression: Expression): void => matchExpression<void>(expression, {
            quantity: () => undefined,
            level: () => undefined,
            ref: e => {
                const element = runtime.policy.find(e.ref);
                if (!element || element.kind === 'attribute') {
                    return;
                }
                const id = version === 0 ? renames.get(e.ref) ?? e.ref : e.ref;
                // `… vid nivå x` is another question than the part at the case's level.
                const key = `${id}${e.column ? `.${e.column}` : ''}${e.atLevel ? `@${JSON.stringify(e.atLevel)}` : ''}`;
                let part = parts.get(key);
                if (!part) {
                    const shown = runtimes[1].policy.find(id) ?? element;
                    const column = e.column ? `, ${e.column}` : '';
                    part = { key, name: `${shown.name}${column}`, ...('title' in shown && shown.title ? { title: `${shown.title}${column}` } : {}), refs: [undefined, undefined] };
                    parts.set(key, part);
                }
                part.refs[version] ??= e;
            },
            op: e => {
                visit(e.left);
                visit(e.right);
            },
            call: e => e.args.forEach(visit),
            round: e => visit(e.round),
            // A choice's branches are parts only where the choice is taken: not looked into.
            if: () => undefined,
        });
        expressions.forEach(visit);
    });
    const exact = (value: ExactNumber) => {
        const text = value.toDecimal();
        const figure = locale === 'sv' ? swedishDecimal(text.replace(/^-/, '')) : text.replace(/^-/, '');
        return `${value.compare(ExactNumber.ZERO) < 0 ? '−' : '+'}${figure}`;
    };
    // For people (amounts given), each part's and the answer's changes as reasons say them; for tools, exact.
    const answerAmount = (value: ExactNumber) => (amounts ? amounts.answer(value, true) : exact(value));
    const partAmount = (part: Part, value: ExactNumber) => (amounts ? amounts.part(part.refs[1] ?? part.refs[0]!, part.refs[1] ? 1 : 0)(value, true) : exact(value));
    const ask = (runtime: PolicyRuntime, expression: Expression | undefined, region: AnswerRegion): ExactNumber | string => {
        if (!expression) {
            return 'saknas';
        }
        const { citizen, date, level } = region.example;
        try {
            return ExactNumber.parse(runtime.evaluate(expression, { date, citizen, ...(level !== undefined ? { level } : {}) }));
        } catch (error) {
            if (error instanceof RegelrattRuntimeError) {
                return `fel: ${error.code}`;
            }
            throw error;
        }
    };

    const kinds = new Map<string, { parts: Map<string, { part: Part; min?: ExactNumber; max?: ExactNumber }>; regions: number[]; min?: ExactNumber; max?: ExactNumber; amounts: boolean }>();
    regions.forEach((region, index) => {
        const changed: Array<{ part: Part; difference?: ExactNumber }> = [];
        for (const part of parts.values()) {
            const [was, is] = [ask(runtimes[0], part.refs[0], region), ask(runtimes[1], part.refs[1], region)];
            if (was instanceof ExactNumber && is instanceof ExactNumber) {
                if (!was.equals(is)) {
                    changed.push({ part, difference: is.subtract(was) });
                }
            } else if (String(was) !== String(is)) {
                changed.push({ part });
            }
        }
        const key = changed.map(c => c.part.key).join('\u0000');
        let kind = kinds.get(key);
        if (!kind) {
            kind = { parts: new Map(changed.map(c => [c.part.key, { part: c.part }])), regions: [], amounts: true };
            kinds.set(key, kind);
        }
        kind.regions.push(index);
        for (const { part, difference } of changed) {
            const range = kind.parts.get(part.key)!;
            if (difference) {
                range.min = range.min && range.min.compare(difference) <= 0 ? range.min : difference;
                range.max = range.max && range.max.compare(difference) >= 0 ? range.max : difference;
            }
        }
        const change = region.change;
        const [lo, hi] = change.kind === 'constant' ? [change.difference, change.difference] : change.kind === 'affine' ? [change.min, change.max] : [undefined, undefined];
        if (lo === undefined || hi === undefined) {
            kind.amounts = false;
        } else {
            const [a, b] = [parseExact(lo), parseExact(hi)];
            kind.min = kind.min && kind.min.compare(a) <= 0 ? kind.min : a;
            kind.max = kind.max && kind.max.compare(b) >= 0 ? kind.max : b;
        }
    });
    return [...kinds.values()].sort((a, b) => b.regions.length - a.regions.length || a.regions[0] - b.regions[0]).map(kind => ({
        parts: [...kind.parts.values()].map(({ part, min, max }) => ({
            name: part.name, ...(part.title ? { title: part.title } : {}),
            ...(min && max ? { difference: { min: partAmount(part, min), max: partAmount(part, max) } } : {}),
        })),
        regions: kind.regions.length,
        ...(kind.amounts && kind.min && kind.max ? { difference: { min: answerAmount(kind.min), max: answerAmount(kind.max) } } : {}),
        example: inWords[kind.regions[0]].example,
    }));
}
