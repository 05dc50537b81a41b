import type { DocumentSection } from '@regelratt/document';
import { swedishDecimal, type MessageLocale } from '@regelratt/language';
import type { AmountImpact, CategoryImpact, RegisterImpact, ShownCount } from './register-impact.js';

/**
 * The impact of a revision on a register (register-impact.ts) for people: text for the terminal,
 * Markdown for the tjänsteskrivelse's "ekonomiska konsekvenser", sections of the diff's HTML
 * document. Counts below the suppression limit read "färre än 5" in each of them; the JSON the
 * diff writes carries RegisterImpact as it is (`{ "fewerThan": 5 }`).
 */
const words = {
    sv: {
        title: (cases: string) => `Konsekvenser för registrets ${cases} fall`,
        fewer: (n: number) => `färre än ${n}`,
        changed: (changed: string, answered: string) => `ändras för ${changed} av ${answered} fall`,
        unchanged: 'ändras inte för något fall',
        total: 'Summa före', totalAfter: 'summa efter', difference: 'skillnad',
        byLevel: 'Per nivå', level: 'nivå', spread: 'Fördelning av ändringarna', largest: 'Största ändringar',
        errors: 'fall som får ett fel i stället för ett svar, eller tvärtom',
        moves: 'Från → till', citizens: 'fall',
        none: 'Inget svar ändras för något fall i registret.',
    },
    en: {
        title: (cases: string) => `Impact on the register's ${cases} cases`,
        fewer: (n: number) => `fewer than ${n}`,
        changed: (changed: string, answered: string) => `changes for ${changed} of ${answered} cases`,
        unchanged: 'changes for no case',
        total: 'Total before', totalAfter: 'total after', difference: 'difference',
        byLevel: 'By level', level: 'level', spread: 'Spread of the changes', largest: 'Largest changes',
        errors: 'cases given an error instead of an answer, or the other way round',
        moves: 'From → to', citizens: 'cases',
        none: 'No answer changes for any case of the register.',
    },
} as const;

function count(value: ShownCount | number, locale: MessageLocale): string {
    if (typeof value === 'object' && 'fewerThan' in value) {
        return words[locale].fewer(value.fewerThan);
    }
    const n = typeof value === 'number' ? value : value.count;
    return locale === 'sv' ? n.toLocaleString('sv-SE').replace(/\u00a0/g, ' ') : n.toLocaleString('en-US');
}

function amount(decimal: string, locale: MessageLocale, signed = false): string {
    const sign = signed && !decimal.startsWith('-') && decimal !== '0' ? '+' : '';
    return `${sign}${locale === 'sv' ? swedishDecimal(decimal) : decimal}`;
}

/**
 * How the report names things: each answer's element, and the values a förlopp, pilot or decision
 * answer moves between (runtime text such as `pathway/förlopp_1` or `nivå 2, avgift 1409`) as a reader
 * says them.
 */
export interface ImpactWording {
    element(id: string): string;
    value(text: string): string;
}

const capitalised = (text: string) => text.replace(/^./, c => c.toUpperCase());

const changedAtAll = (impact: AmountImpact | CategoryImpact) => !('count' in impact.changed) || impact.changed.count > 0;

/** One line per answer, with its details indented below. */
export function formatImpactText(impact: RegisterImpact, locale: MessageLocale, wording: ImpactWording): string {
    const w = words[locale];
    const lines = [`${w.title(count(impact.cases, locale))}:`, ''];
    const changed = impact.answers.filter(changedAtAll);
    if (changed.length === 0) {
        lines.push(w.none);
    }
    for (const answer of changed) {
        lines.push(`${wording.element(answer.element)}: ${w.changed(count(answer.changed, locale), count(answer.answered, locale))}.`);
        if (answer.kind === 'amount') {
            if (answer.difference !== undefined) {
                lines.push(`  ${w.total} ${amount(answer.totalBefore!, locale)} kr, ${w.totalAfter} ${amount(answer.totalAfter!, locale)} kr, ${w.difference} ${amount(answer.difference, locale, true)} kr`);
            }
            if (answer.byLevel.length > 0) {
                lines.push(`  ${w.byLevel}: ${answer.byLevel.map(l => `${w.level} ${l.level}: ${count(l.changed, locale)}${l.difference !== undefined ? ` (${amount(l.difference, locale, true)} kr)` : ''}`).join('; ')}`);
            }
            if (answer.histogram.length > 0) {
                lines.push(`  ${w.spread}: ${answer.histogram.map(bin => `${bin.range}: ${count(bin.citizens, locale)}`).join('; ')}`);
            }
            if (answer.largest.length > 0) {
                lines.push(`  ${w.largest}: ${answer.largest.map(d => `${amount(d, locale, true)} kr`).join(', ')}`);
            }
            if (!('count' in answer.errorsChanged) || answer.errorsChanged.count > 0) {
                lines.push(`  ${count(answer.errorsChanged, locale)} ${w.errors}`);
            }
        } else {
            for (const move of answer.moves) {
                lines.push(`  ${wording.value(move.from)} → ${wording.value(move.to)}: ${count(move.citizens, locale)} ${w.citizens}`);
            }
        }
    }
    return `${lines.join('\n')}\n`;
}

/** Markdown for a tjänsteskrivelse: a heading per answer, tables for levels, spread and moves. */
export function formatImpactMarkdown(impact: RegisterImpact, locale: MessageLocale, wording: ImpactWording): string {
    const w = words[locale];
    const cell = (text: string) => text.replace(/\|/g, '\\|');
    const lines = [`# ${w.title(count(impact.cases, locale))}`, ''];
    const changed = impact.answers.filter(changedAtAll);
    if (changed.length === 0) {
        lines.push(w.none, '');
    }
    for (const answer of changed) {
        lines.push(`## ${cell(wording.element(answer.element))}`, '', `${capitalised(w.changed(count(answer.changed, locale), count(answer.answered, locale)))}.`, '');
        if (answer.kind === 'amount') {
            if (answer.difference !== undefined) {
                lines.push(`| ${w.total} | ${capitalised(w.totalAfter)} | ${capitalised(w.difference)} |`, '| ---: | ---: | ---: |',
                    `| ${amount(answer.totalBefore!, locale)} kr | ${amount(answer.totalAfter!, locale)} kr | ${amount(answer.difference, locale, true)} kr |`, '');
            }
            if (answer.byLevel.length > 0) {
                lines.push(`| ${capitalised(w.level)} | ${capitalised(w.citizens)} | ${capitalised(w.difference)} |`, '| ---: | ---: | ---: |',
                    ...answer.byLevel.map(l => `| ${l.level} | ${count(l.changed, locale)} | ${l.difference !== undefined ? `${amount(l.difference, locale, true)} kr` : ''} |`), '');
            }
            if (answer.histogram.length > 0) {
                lines.push(`| ${w.spread} | ${capitalised(w.citizens)} |`, '| --- | ---: |', ...answer.histogram.map(bin => `| ${bin.range} | ${count(bin.citizens, locale)} |`), '');
            }
        } else {
            lines.push(`| ${w.moves} | ${capitalised(w.citizens)} |`, '| --- | ---: |', ...answer.moves.map(move => `| ${cell(wording.value(move.from))} → ${cell(wording.value(move.to))} | ${count(move.citizens, locale)} |`), '');
        }
    }
    return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}


/** The impact as sections of the diff's HTML document (the document renderer's tables). */
export function impactSections(impact: RegisterImpact, locale: MessageLocale, wording: ImpactWording): DocumentSection[] {
    const w = words[locale];
    const changed = impact.answers.filter(changedAtAll);
    const children: DocumentSection[] = changed.map((answer, index) => ({
        id: `register-${index + 1}`, title: wording.element(answer.element), children: [],
        blocks: [
            { type: 'paragraph', text: `${capitalised(w.changed(count(answer.changed, locale), count(answer.answered, locale)))}.` },
            ...(answer.kind === 'amount' ? [
                ...(answer.difference !== undefined ? [{ type: 'table' as const, header: [w.total, capitalised(w.totalAfter), capitalised(w.difference)], numeric: [true, true, true], rows: [[`${amount(answer.totalBefore!, locale)} kr`, `${amount(answer.totalAfter!, locale)} kr`, `${amount(answer.difference, locale, true)} kr`]] }] : []),
                ...(answer.byLevel.length > 0 ? [{ type: 'table' as const, header: [capitalised(w.level), capitalised(w.citizens), capitalised(w.difference)], numeric: [true, true, true], rows: answer.byLevel.map(l => [String(l.level), count(l.changed, locale), l.difference !== undefined ? `${amount(l.difference, locale, true)} kr` : '']) }] : []),
                ...(answer.histogram.length > 0 ? [{ type: 'table' as const, header: [w.spread, capitalised(w.citizens)], numeric: [false, true], rows: answer.histogram.map(bin => [bin.range, count(bin.citizens, locale)]) }] : []),
            ] : [{ type: 'table' as const, header: [w.moves, capitalised(w.citizens)], numeric: [false, true], rows: answer.moves.map(move => [`${wording.value(move.from)} → ${wording.value(move.to)}`, count(move.citizens, locale)]) }]),
        ],
    }));
    return [{ id: 'register', title: w.title(count(impact.cases, locale)), blocks: changed.length === 0 ? [{ type: 'paragraph', text: w.none }] : [], children }];
}

/** What was said of the register's lines that gave no case: how many, and the first of them. */
export function unreadableCases(unreadable: { count: number; first: Array<{ line: number; problem: string }> }, file: string, locale: MessageLocale): string {
    const lines = unreadable.first.map(entry => `regelratt: ${file}:${entry.line}: ${entry.problem}`);
    const more = unreadable.count - unreadable.first.length;
    lines.push(locale === 'sv'
        ? `regelratt: ${count(unreadable.count, locale)} ${unreadable.count === 1 ? 'rad' : 'rader'} i registret gav inget fall att besvara${more > 0 ? ` (de första ${unreadable.first.length} visas)` : ''}; de räknas inte i konsekvenserna.`
        : `regelratt: ${count(unreadable.count, locale)} ${unreadable.count === 1 ? 'line' : 'lines'} of the register gave no case to answer${more > 0 ? ` (the first ${unreadable.first.length} shown)` : ''}; they are not counted in the impact.`);
    return lines.join('\n');
}
