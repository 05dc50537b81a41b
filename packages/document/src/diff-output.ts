import type { CompiledPolicyFile, ElementKind } from '@regelratt/format';
import type { DiffEntry, DiffWording, ElementRef, PolicyDiff } from '@regelratt/analyses';
import type { DocumentSection } from './document-model.js';
import { PolicyWords } from './document-words.js';
import { answerAmounts } from './reasons.js';
import { renderHtml } from './render-html.js';
import { EXAMPLE_RUN_CODES } from './example-run-codes.js';

/**
 * The semantic diff for people (text), for a pull request or the nämnd's handlingar (Markdown, HTML)
 * and for tools (JSON): the command line's `diff`, the studio's and the editor's comparison with the
 * last commit render it here. Entries come grouped by element, in the order of the new version.
 */
export interface DiffLabels {
    before: string;
    after: string;
}

type MessageLocale = 'sv' | 'en';

/** What a rendering of the diff says beside the diff itself. */
export interface DiffRendering {
    labels: DiffLabels;
    locale: MessageLocale;
    /**
     * What a reader calls a kind of element (`avgift`, `beräkning`): the language's table
     * (`compiledKindName`), passed in because the language depends on this package, not this on it.
     */
    kindName(kind: ElementKind): string;
    newFindings?: readonly NewFinding[];
}

/** A warning the checker gives the new version and did not give the old one. */
export interface NewFinding {
    file: string;
    line: number;
    column: number;
    code: string;
    message: string;
}

/**
 * What the checker says of the new version and did not say of the old one (a fee or an amount that
 * falls as need rises, …): warnings compared by code and message, as positions move with any edit.
 */
export function newWarnings(before: ReadonlyArray<{ code: string; message: string }>, after: ReadonlyArray<NewFinding & { severity: string }>): NewFinding[] {
    const known = new Set(before.map(d => `${d.code}\u0000${d.message}`));
    return after.filter(d => d.severity === 'warning' && !EXAMPLE_RUN_CODES.has(d.code) && !known.has(`${d.code}\u0000${d.message}`))
        .map(d => ({ file: d.file, line: d.line, column: d.column, code: d.code, message: d.message }));
}

const words = {
    sv: {
        title: (l: DiffLabels) => `Jämförelse av ${l.before} (före) med ${l.after} (efter)`,
        changes: 'Svaren ändras.',
        same: 'Samma svar för alla medborgare, nivåer och datum.',
        sameUnlessUndecided: (n: number) => `Inget svar visades ändras, men för ${count(n, 'sv')} ${n === 1 ? 'svar' : 'svar'} kunde det inte avgöras.`,
        added: 'tillagd', removed: 'borttagen', renamed: 'omdöpt från',
        sameAnswers: 'definitionen ändrad, men samma svar för alla medborgare',
        incomplete: 'kunde inte jämföras helt (fallgränsen nåddes); regionerna nedan är de som hann hittas',
        placement: 'placeringen ändras för', inclusion: 'inklusionen ändras för', decision: 'beslutet ändras för',
        calculation: 'beräkningen ändras för', fee: 'avgiften ändras för',
        amountChanges: (differing: number, tried: number) => `beloppet ändras för ${count(differing, 'sv')} av ${count(tried, 'sv')} prövade fall`,
        differenceRange: (min: string, max: string) => (min === max ? `med ${min}` : `med ${min} till ${max}`),
        allOf: (common: string) => `alla med ${common}`,
        regions: (regions: number, cells: number) => `beloppet ändras i ${count(regions, 'sv')} ${regions === 1 ? 'region' : 'regioner'} (exakt: alla ${count(cells, 'sv')} delar av medborgarna, nivåerna och datumen prövade)`,
        moreRegions: (n: number) => `och ${count(n, 'sv')} ${n === 1 ? 'region' : 'regioner'} till (alla i --format json)`,
        kinds: (n: number) => `${count(n, 'sv')} ${n === 1 ? 'slags ändring' : 'slags ändringar'}`,
        kindRegions: (n: number) => `${count(n, 'sv')} ${n === 1 ? 'region' : 'regioner'}`,
        formulaItself: 'formeln eller avgiftens egna belopp',
        and: 'och', to: 'till',
        kindCol: 'Vad som ändras', regionsCol: 'Regioner',
        regionsHeading: (n: number) => `Regionerna (de första ${count(n, 'sv')}):`,
        outside: {
            'chained': 'regionerna kan inte avgöras exakt (en beslutstabell som formeln läser läser i sin tur en annan tabell eller en beräkning); fallen nedan är prövade',
            'named-bound': 'regionerna kan inte avgöras exakt (en beslutstabell som formeln läser jämför en cell med en parameter eller en annan egenskap); fallen nedan är prövade',
            'split-budget': 'regionerna kan inte avgöras exakt (fallgränsen nåddes); fallen nedan är prövade',
            'cell-budget': 'regionerna kan inte avgöras exakt (för många delar att pröva); fallen nedan är prövade',
            'not-linear': 'regionerna kan inte avgöras exakt (formeln är inte styckvis linjär i egenskaperna, t.ex. en produkt av två egenskaper eller en avrundning av ett belopp som varierar); fallen nedan är prövade',
            'rounded': 'regionerna kan inte avgöras exakt (formeln avrundar ett belopp som varierar med ett decimaltal, t.ex. timmar × timpris avrundat till öre: skillnaden mellan versionerna blir en trappa, inte linjär); fallen nedan är prövade',
            'fee-varies': 'regionerna kan inte avgöras exakt (avgiftsutrymmet eller maxtaxan varierar med en egenskap som inte kan prövas värde för värde, t.ex. en inkomst); fallen nedan är prövade',
        },
        changeCol: 'Ändring',
        through: (names: string) => `genom ändringen i ${names}`,
        undecided: (tried: number) => `formeln ändrad; kan inte avgöras om svaren ändras: de ${count(tried, 'sv')} prövade fallen fick samma svar, men det är inget bevis`,
        caseCol: 'Fall', dateCol: 'Datum', levelWord: 'nivå',
        readBy: (names: string) => `når medborgarna genom ${names}`,
        example: 'till exempel', answers: 'kan ändra svar', text: 'ändrar inga svar', everyCitizen: 'för alla medborgare',
        compared: (n: number) => `${n} element jämförda.`,
        region: 'Medborgare', beforeCol: 'Före', afterCol: 'Efter', amount: 'Belopp', difference: 'Skillnad',
        none: 'inget',
        against: 'jämförd med',
        newFindings: 'Nya varningar i den nya versionen',
    },
    en: {
        title: (l: DiffLabels) => `Comparison of ${l.before} (before) with ${l.after} (after)`,
        changes: 'Answers change.',
        same: 'The same answer for every citizen, level and date.',
        sameUnlessUndecided: (n: number) => `No answer was shown to change, but for ${count(n, 'en')} ${n === 1 ? 'answer' : 'answers'} it could not be decided.`,
        added: 'added', removed: 'removed', renamed: 'renamed from',
        sameAnswers: 'definition changed, but the same answer for every citizen',
        incomplete: 'could not be compared in full (the case budget ran out); the regions below are those found',
        placement: 'placement changes for', inclusion: 'inclusion changes for', decision: 'the decision changes for',
        calculation: 'the calculation changes for', fee: 'the fee changes for',
        amountChanges: (differing: number, tried: number) => `the amount changes for ${count(differing, 'en')} of ${count(tried, 'en')} cases tried`,
        differenceRange: (min: string, max: string) => (min === max ? `by ${min}` : `by ${min} to ${max}`),
        allOf: (common: string) => `all with ${common}`,
        regions: (regions: number, cells: number) => `the amount changes in ${count(regions, 'en')} ${regions === 1 ? 'region' : 'regions'} (exact: all ${count(cells, 'en')} parts of the citizens, levels and dates asked)`,
        moreRegions: (n: number) => `and ${count(n, 'en')} more ${n === 1 ? 'region' : 'regions'} (all in --format json)`,
        kinds: (n: number) => `${count(n, 'en')} ${n === 1 ? 'kind of change' : 'kinds of change'}`,
        kindRegions: (n: number) => `${count(n, 'en')} ${n === 1 ? 'region' : 'regions'}`,
        formulaItself: 'the formula or the fee\'s own amounts',
        and: 'and', to: 'to',
        kindCol: 'What changes', regionsCol: 'Regions',
        regionsHeading: (n: number) => `The regions (the first ${count(n, 'en')}):`,
        outside: {
            'chained': 'the regions cannot be decided exactly (a decision table the formula reads reads another table or a calculation in turn); the cases below were tried',
            'named-bound': 'the regions cannot be decided exactly (a decision table the formula reads compares a cell with a parameter or another attribute); the cases below were tried',
            'split-budget': 'the regions cannot be decided exactly (the case budget ran out); the cases below were tried',
            'cell-budget': 'the regions cannot be decided exactly (too many parts to ask); the cases below were tried',
            'not-linear': 'the regions cannot be decided exactly (the formula is not piecewise linear in the attributes, e.g. a product of two attributes or a rounding of a varying amount); the cases below were tried',
            'rounded': 'the regions cannot be decided exactly (the formula rounds an amount that varies with a decimal, e.g. hours × an hourly rate rounded to öre: the difference between the versions is a staircase, not linear); the cases below were tried',
            'fee-varies': 'the regions cannot be decided exactly (the avgiftsutrymme or maxtaxa varies with an attribute that cannot be tried value by value, such as an income); the cases below were tried',
        },
        changeCol: 'Change',
        through: (names: string) => `through the change in ${names}`,
        undecided: (tried: number) => `formula changed; whether answers change could not be decided: the ${count(tried, 'en')} cases tried got the same answers, which is no proof`,
        caseCol: 'Case', dateCol: 'Date', levelWord: 'level',
        readBy: (names: string) => `reaches citizens through ${names}`,
        example: 'for example', answers: 'can change answers', text: 'changes no answers', everyCitizen: 'every citizen',
        compared: (n: number) => `${n} elements compared.`,
        region: 'Citizens', beforeCol: 'Before', afterCol: 'After', amount: 'Amount', difference: 'Difference',
        none: 'none',
        against: 'compared with',
        newFindings: 'New warnings in the new version',
    },
} as const;

/** The verdict: answers change, are the same, or could not all be decided. */
function headline(diff: PolicyDiff, locale: MessageLocale): string {
    const w = words[locale];
    return diff.answersChange ? w.changes : diff.undecided > 0 ? w.sameUnlessUndecided(diff.undecided) : w.same;
}

/** Whether an edit can change answers, or which answers it reaches citizens through. */
function editNote(entry: Extract<DiffEntry, { change: 'edited' }>, locale: MessageLocale): string {
    const w = words[locale];
    return entry.readBy ? w.readBy(entry.readBy.join(', ')) : entry.answers ? w.answers : w.text;
}

function count(n: number, locale: MessageLocale): string {
    return locale === 'sv' ? n.toLocaleString('sv-SE').replace(/\u00a0/g, ' ') : n.toLocaleString('en-US');
}

/**
 * `beloppet ändras i 12 regioner (exakt: …), med +8 till +17`, or where sampled,
 * `beloppet ändras för 1 200 av 4 000 prövade fall, med +17 (alla med städning = ja)` and why it is not exact.
 */
function amountSummary(entry: Extract<DiffEntry, { change: 'amount-answers' }>, locale: MessageLocale): string {
    const w = words[locale];
    const parts = [entry.regions ? w.regions(entry.regions.length, entry.tried) : w.amountChanges(entry.differing, entry.tried)];
    if (entry.kinds && entry.kinds.length > 1) {
        // `beloppet ändras i 259 regioner, 3 slags ändringar (exakt: …)`
        parts[0] = parts[0].replace(/^(.*?)( \()/, `$1, ${w.kinds(entry.kinds.length)}$2`);
    }
    if (entry.difference) {
        parts.push(w.differenceRange(entry.difference.min, entry.difference.max));
    }
    if (entry.through) {
        parts.push(w.through(entry.through.join(', ')));
    }
    const outside = entry.outside ? `; ${w.outside[entry.outside]}` : '';
    return `${parts.join(', ')}${entry.common.length > 0 ? ` (${w.allOf(entry.common.join(', '))})` : ''}${outside}`;
}

/** Regions shown per answer in text, Markdown and HTML; JSON has them all. */
const REGIONS_SHOWN = 20;

type AmountRegionEntry = NonNullable<Extract<DiffEntry, { change: 'amount-answers' }>['regions']>[number];
type AmountKindEntry = NonNullable<Extract<DiffEntry, { change: 'amount-answers' }>['kinds']>[number];

/** `Serviceinsatser per månad +8,5 till +17 och Personlig omvårdnad, avgift +604`, or the formula itself. */
function kindText(kind: AmountKindEntry, locale: MessageLocale): string {
    const w = words[locale];
    const range = (d: { min: string; max: string } | undefined) => (d === undefined ? '' : d.min === d.max ? ` ${d.min}` : ` ${d.min} ${w.to} ${d.max}`);
    return kind.parts.length === 0 ? w.formulaItself : kind.parts.map(p => `${p.title ?? p.name}${range(p.difference)}`).join(` ${w.and} `);
}

/** A kind's count and the answer's change over its regions: `113 regioner, +1 till +604`. */
function kindChange(kind: AmountKindEntry, locale: MessageLocale): string {
    const w = words[locale];
    return `${w.kindRegions(kind.regions)}${kind.difference ? `, ${kind.difference.min === kind.difference.max ? kind.difference.min : `${kind.difference.min} ${w.to} ${kind.difference.max}`}` : ''}`;
}

function kindExample(kind: AmountKindEntry, locale: MessageLocale): string {
    return sampleExample(kind.example, locale);
}

/** Whether the regions are told by kind first: where there are more of them than one kind each. */
function byKind(entry: Extract<DiffEntry, { change: 'amount-answers' }>): entry is Extract<DiffEntry, { change: 'amount-answers' }> & { kinds: AmountKindEntry[] } {
    return entry.kinds !== undefined && entry.kinds.length > 0 && (entry.regions?.length ?? 0) > entry.kinds.length;
}

function regionExample(region: AmountRegionEntry, locale: MessageLocale): string {
    return sampleExample(region.example, locale);
}

/**
 * An example after `till exempel`: `Har städning = ja (2017-01-01): 1 208 → 1 225`; where the answer
 * reads no fact of the citizen, every citizen has it: `för alla medborgare, till exempel 2026-01-01: …`.
 */
function sampleExample(e: Extract<DiffEntry, { change: 'amount-answers' }>['samples'][number], locale: MessageLocale): string {
    const who = sampleCase(e, locale);
    return who ? `${who} (${e.date}): ${e.before} → ${e.after}` : `${words[locale].everyCitizen}, ${words[locale].example} ${e.date}: ${e.before} → ${e.after}`;
}

/** `(till exempel Har städning = ja (2017-01-01): …)`, or `(för alla medborgare, till exempel 2026-01-01: …)`. */
function exampleAfter(e: Extract<DiffEntry, { change: 'amount-answers' }>['samples'][number], locale: MessageLocale): string {
    const text = sampleExample(e, locale);
    return sampleCase(e, locale) ? `(${words[locale].example} ${text})` : `(${text})`;
}

function sampleCase(sample: Extract<DiffEntry, { change: 'amount-answers' }>['samples'][number], locale: MessageLocale): string {
    return `${sample.citizen}${sample.level !== undefined ? `${sample.citizen ? ', ' : ''}${words[locale].levelWord} ${sample.level}` : ''}`;
}

function titleOf(ref: ElementRef): string {
    return ref.title ?? ref.name.replace(/_/g, ' ');
}

/** An element as a reader names it: its title (its name as words where it has none), then its kind. */
function element(ref: ElementRef, rendering: DiffRendering): string {
    return `${titleOf(ref)} (${rendering.kindName(ref.kind)})`;
}

/**
 * The diff's wording for people (text, Markdown, HTML): the policy's things by their titles, as the
 * document a nämnd signs names them (@regelratt/document's PolicyWords), the after version's titles
 * first. JSON, for tools, keeps the names.
 */
export function diffWording(before: readonly CompiledPolicyFile[], after: readonly CompiledPolicyFile[], locale: MessageLocale): DiffWording {
    const elements = [...before, ...after].flatMap(file => file.elements);
    const words = new PolicyWords(elements, locale);
    const enumerations = new Map(elements.flatMap(e => (e.kind === 'attribute' && e.domain.type === 'enumeration' ? [[e.id, e] as const] : [])));
    return {
        labels: {
            attribute: id => words.title(id),
            value: (id, value) => (enumerations.has(id) ? words.value(id, { enumeration: value }) : undefined),
        },
        title: id => words.title(id),
        formula: expression => words.formula(expression),
        condition: criterion => words.condition(criterion),
        error: code => words.error(code),
        amounts: (runtime, answer) => answerAmounts(runtime, answer, locale),
    };
}

function exampleText(example: Record<string, string>): string {
    return Object.entries(example).map(([name, value]) => `${name} = ${value}`).join(', ');
}

export function formatDiffText(diff: PolicyDiff, rendering: DiffRendering): string {
    const { labels, locale, newFindings = [] } = rendering;
    const w = words[locale];
    const lines = [`${w.title(labels)}: ${headline(diff, locale)}`];
    if (diff.entries.length > 0) {
        lines.push('');
    }
    for (const entry of diff.entries) {
        const name = element(entry.element, rendering);
        switch (entry.change) {
            case 'added':
            case 'removed':
                lines.push(`${name}: ${w[entry.change]}.`);
                break;
            case 'renamed':
                lines.push(`${name}: ${w.renamed} ${entry.from.name}.`);
                break;
            case 'same-answers':
                lines.push(`${name}: ${w.sameAnswers}.`);
                break;
            case 'answers':
                lines.push(`${name}: ${w[entry.question]}:${entry.complete ? '' : ` (${w.incomplete})`}`);
                for (const region of entry.regions) {
                    lines.push(`  ${region.witness.text}: ${region.before} → ${region.after}  (${w.example} ${exampleText(region.witness.example)})`);
                }
                break;
            case 'amount-answers':
                if (entry.regions) {
                    lines.push(`${name}: ${amountSummary(entry, locale)}:`);
                    // Many regions: each kind of change once, the regions themselves behind them.
                    const indent = byKind(entry) ? '    ' : '  ';
                    if (byKind(entry)) {
                        for (const kind of entry.kinds) {
                            lines.push(`  ${kindText(kind, locale)}: ${kindChange(kind, locale)}  ${exampleAfter(kind.example, locale)}`);
                        }
                        lines.push(`  ${w.regionsHeading(Math.min(REGIONS_SHOWN, entry.regions.length))}`);
                    }
                    for (const region of entry.regions.slice(0, REGIONS_SHOWN)) {
                        lines.push(`${indent}${region.text}: ${region.changeText}  ${exampleAfter(region.example, locale)}`);
                    }
                    if (entry.regions.length > REGIONS_SHOWN) {
                        lines.push(`${indent}${w.moreRegions(entry.regions.length - REGIONS_SHOWN)}`);
                    }
                    break;
                }
                lines.push(`${name}: ${amountSummary(entry, locale)}; ${w.example}:`);
                for (const sample of entry.samples) {
                    lines.push(`  ${sampleCase(sample, locale)} (${sample.date}): ${sample.before} → ${sample.after}${sample.difference ? ` (${sample.difference})` : ''}`);
                }
                break;
            case 'undecided':
                lines.push(`${name}: ${w.undecided(entry.tried)}${entry.through ? ` (${w.through(entry.through.join(', '))})` : ''}.`);
                break;
            case 'amounts':
                lines.push(`${name}${entry.against ? ` ${w.against} ${titleOf(entry.against)}` : ''}:`);
                for (const amount of entry.amounts) {
                    lines.push(`  ${amount.what}: ${amount.before ?? w.none} → ${amount.after ?? w.none}${amount.difference ? ` (${amount.difference})` : ''}`);
                }
                break;
            case 'edited':
                lines.push(`${name} (${editNote(entry, locale)}):`);
                for (const field of entry.fields) {
                    lines.push(`  ${field}`);
                }
                break;
        }
    }
    if (newFindings.length > 0) {
        lines.push('', `${w.newFindings}:`, ...newFindings.map(f => `  ${f.file}:${f.line}:${f.column}: ${f.message} [${f.code}]`));
    }
    lines.push('', w.compared(diff.compared));
    return `${lines.join('\n')}\n`;
}

/** Markdown: a heading per element, tables for regions and amounts; pipes in text escaped. */
export function formatDiffMarkdown(diff: PolicyDiff, rendering: DiffRendering): string {
    const { labels, locale, newFindings = [] } = rendering;
    const w = words[locale];
    const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const lines = [`# ${w.title(labels)}`, '', `**${headline(diff, locale)}** ${w.compared(diff.compared)}`, ''];
    const simple: string[] = [];
    for (const entry of diff.entries) {
        const name = element(entry.element, rendering);
        switch (entry.change) {
            case 'added':
            case 'removed':
                simple.push(`- ${cell(name)}: ${w[entry.change]}`);
                break;
            case 'renamed':
                simple.push(`- ${cell(name)}: ${w.renamed} \`${entry.from.name}\``);
                break;
            case 'same-answers':
                simple.push(`- ${cell(name)}: ${w.sameAnswers}`);
                break;
            case 'answers':
                lines.push(`## ${cell(name)}`, '', `${w[entry.question].replace(/^./, c => c.toUpperCase())}:${entry.complete ? '' : ` *(${w.incomplete})*`}`, '',
                    `| ${w.region} | ${w.beforeCol} | ${w.afterCol} | ${w.example.replace(/^./, c => c.toUpperCase())} |`, '| --- | --- | --- | --- |',
                    ...entry.regions.map(r => `| ${cell(r.witness.text)} | ${cell(r.before)} | ${cell(r.after)} | ${cell(exampleText(r.witness.example))} |`), '');
                break;
            case 'amount-answers':
                if (entry.regions) {
                    lines.push(`## ${cell(name)}`, '', `${cell(amountSummary(entry, locale)).replace(/^./, c => c.toUpperCase())}.`, '',
                        ...(byKind(entry) ? [
                            `| ${w.kindCol} | ${w.regionsCol} | ${w.example.replace(/^./, c => c.toUpperCase())} |`, '| --- | ---: | --- |',
                            ...entry.kinds.map(k => `| ${cell(kindText(k, locale))} | ${cell(kindChange(k, locale))} | ${cell(kindExample(k, locale))} |`), '',
                            cell(w.regionsHeading(Math.min(REGIONS_SHOWN, entry.regions.length))), '',
                        ] : []),
                        `| ${w.region} | ${w.changeCol} | ${w.example.replace(/^./, c => c.toUpperCase())} |`, '| --- | ---: | --- |',
                        ...entry.regions.slice(0, REGIONS_SHOWN).map(r => `| ${cell(r.text)} | ${cell(r.changeText)} | ${cell(regionExample(r, locale))} |`),
                        ...(entry.regions.length > REGIONS_SHOWN ? ['', cell(w.moreRegions(entry.regions.length - REGIONS_SHOWN))] : []), '');
                    break;
                }
                lines.push(`## ${cell(name)}`, '', `${cell(amountSummary(entry, locale)).replace(/^./, c => c.toUpperCase())}.`, '',
                    `| ${w.caseCol} | ${w.dateCol} | ${w.beforeCol} | ${w.afterCol} | ${w.difference} |`, '| --- | --- | ---: | ---: | ---: |',
                    ...entry.samples.map(sample => `| ${cell(sampleCase(sample, locale))} | ${sample.date} | ${cell(sample.before)} | ${cell(sample.after)} | ${cell(sample.difference ?? '')} |`), '');
                break;
            case 'undecided':
                simple.push(`- ${cell(name)}: ${w.undecided(entry.tried)}`);
                break;
            case 'amounts':
                lines.push(`## ${cell(name)}${entry.against ? ` ${w.against} ${cell(titleOf(entry.against))}` : ''}`, '', `| ${w.amount} | ${w.beforeCol} | ${w.afterCol} | ${w.difference} |`, '| --- | ---: | ---: | ---: |',
                    ...entry.amounts.map(a => `| ${cell(a.what)} | ${cell(a.before ?? w.none)} | ${cell(a.after ?? w.none)} | ${cell(a.difference ?? '')} |`), '');
                break;
            case 'edited':
                lines.push(`## ${cell(name)}`, '', `*${cell(editNote(entry, locale))}*`, '', ...entry.fields.map(f => `- ${cell(f)}`), '');
                break;
        }
    }
    if (simple.length > 0) {
        lines.push(`## ${locale === 'sv' ? 'Övrigt' : 'Other changes'}`, '', ...simple, '');
    }
    if (newFindings.length > 0) {
        lines.push(`## ${w.newFindings}`, '', ...newFindings.map(f => `- \`${f.file}:${f.line}\`: ${cell(f.message)} [${f.code}]`), '');
    }
    return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

export function formatDiffJson(diff: PolicyDiff, rendering: DiffRendering): string {
    const { labels, newFindings = [] } = rendering;
    return `${JSON.stringify({ before: labels.before, after: labels.after, answersChange: diff.answersChange, undecided: diff.undecided, compared: diff.compared, entries: diff.entries satisfies DiffEntry[], newFindings }, null, 2)}\n`;
}

/**
 * HTML, through the document renderer the nämnd's document uses (@regelratt/document): one section
 * per element, each change side by side (before | after), self-contained and printable.
 */
export function formatDiffHtml(diff: PolicyDiff, rendering: DiffRendering, extra: readonly DocumentSection[] = []): string {
    const { labels, locale, newFindings = [] } = rendering;
    const w = words[locale];
    const sections: DocumentSection[] = [];
    const other: string[] = [];
    diff.entries.forEach((entry, index) => {
        const title = element(entry.element, rendering);
        const id = `ändring-${index + 1}`;
        switch (entry.change) {
            case 'added':
            case 'removed':
                other.push(`${title}: ${w[entry.change]}`);
                break;
            case 'renamed':
                other.push(`${title}: ${w.renamed} ${entry.from.name}`);
                break;
            case 'same-answers':
                other.push(`${title}: ${w.sameAnswers}`);
                break;
            case 'answers':
                sections.push({
                    id, title, children: [],
                    blocks: [
                        { type: 'paragraph', text: `${w[entry.question].replace(/^./, c => c.toUpperCase())}:${entry.complete ? '' : ` (${w.incomplete})`}` },
                        {
                            type: 'table', header: [w.region, w.beforeCol, w.afterCol, w.example.replace(/^./, c => c.toUpperCase())],
                            rows: entry.regions.map(r => [r.witness.text, r.before, r.after, exampleText(r.witness.example)]),
                        },
                    ],
                });
                break;
            case 'amount-answers':
                sections.push({
                    id, title, children: [],
                    blocks: [
                        { type: 'paragraph', text: `${amountSummary(entry, locale).replace(/^./, c => c.toUpperCase())}.` },
                        ...(byKind(entry) ? [
                            {
                                type: 'table' as const, header: [w.kindCol, w.regionsCol, w.example.replace(/^./, c => c.toUpperCase())], numeric: [false, true, false],
                                rows: entry.kinds.map(k => [kindText(k, locale), kindChange(k, locale), kindExample(k, locale)]),
                            },
                            { type: 'paragraph' as const, text: w.regionsHeading(Math.min(REGIONS_SHOWN, entry.regions?.length ?? 0)) },
                        ] : []),
                        entry.regions ? {
                            type: 'table', header: [w.region, w.changeCol, w.example.replace(/^./, c => c.toUpperCase())], numeric: [false, true, false],
                            rows: entry.regions.slice(0, REGIONS_SHOWN).map(r => [r.text, r.changeText, regionExample(r, locale)]),
                        } : {
                            type: 'table', header: [w.caseCol, w.dateCol, w.beforeCol, w.afterCol, w.difference], numeric: [false, false, true, true, true],
                            rows: entry.samples.map(sample => [sampleCase(sample, locale), sample.date, sample.before, sample.after, sample.difference ?? '']),
                        },
                        ...(entry.regions && entry.regions.length > REGIONS_SHOWN ? [{ type: 'paragraph' as const, text: w.moreRegions(entry.regions.length - REGIONS_SHOWN) }] : []),
                    ],
                });
                break;
            case 'undecided':
                other.push(`${title}: ${w.undecided(entry.tried)}`);
                break;
            case 'amounts':
                sections.push({
                    id, title: `${title}${entry.against ? ` ${w.against} ${titleOf(entry.against)}` : ''}`, children: [],
                    blocks: [{
                        type: 'table', header: [w.amount, w.beforeCol, w.afterCol, w.difference], numeric: [false, true, true, true],
                        rows: entry.amounts.map(a => [a.what, a.before ?? w.none, a.after ?? w.none, a.difference ?? '']),
                    }],
                });
                break;
            case 'edited':
                sections.push({
                    id, title, children: [],
                    blocks: [
                        { type: 'paragraph', text: editNote(entry, locale), style: 'note' },
                        { type: 'table', header: [locale === 'sv' ? 'Ändring' : 'Change', w.beforeCol, w.afterCol], rows: entry.fields.map(field => splitField(field)) },
                    ],
                });
                break;
        }
    });
    if (newFindings.length > 0) {
        sections.push({ id: 'nya-varningar', title: w.newFindings, children: [], blocks: [{ type: 'list', items: newFindings.map(f => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.code}]`) }] });
    }
    sections.push(...extra);
    if (other.length > 0) {
        sections.push({ id: 'övrigt', title: locale === 'sv' ? 'Övrigt' : 'Other changes', blocks: [{ type: 'list', items: other }], children: [] });
    }
    return renderHtml({
        locale,
        // A few short tables: printed one after another, not a title page and a page per change.
        print: 'compact',
        title: w.title(labels),
        facts: [
            [w.beforeCol, labels.before],
            [w.afterCol, labels.after],
            [locale === 'sv' ? 'Resultat' : 'Result', `${headline(diff, locale)} ${w.compared(diff.compared)}`],
        ],
        sections,
    });
}

/** `giltighet: a → b` as its three cells. */
function splitField(field: string): string[] {
    const colon = field.indexOf(': ');
    const arrow = field.lastIndexOf(' → ');
    return colon > 0 && arrow > colon ? [field.slice(0, colon), field.slice(colon + 2, arrow), field.slice(arrow + 3)] : [field, '', ''];
}
