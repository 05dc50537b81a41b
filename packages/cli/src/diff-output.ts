import { compiledKindName, type DiffEntry, type ElementRef, type MessageLocale, type PolicyDiff } from '@regelratt/language';

/**
 * The semantic diff for people (text), for a pull request or the nämnd's handlingar (Markdown), and
 * for tools (JSON). Entries come grouped by element, in the order of the new version.
 */
export interface DiffLabels {
    before: string;
    after: string;
}

const words = {
    sv: {
        title: (l: DiffLabels) => `Jämförelse av ${l.before} (före) med ${l.after} (efter)`,
        changes: 'Svaren ändras.',
        same: 'Samma svar för alla medborgare, nivåer och datum.',
        added: 'tillagd', removed: 'borttagen', renamed: 'omdöpt från',
        sameAnswers: 'definitionen ändrad, men samma svar för alla medborgare',
        incomplete: 'kunde inte jämföras helt (fallgränsen nåddes); regionerna nedan är de som hann hittas',
        placement: 'placeringen ändras för', inclusion: 'inklusionen ändras för', decision: 'beslutet ändras för',
        example: 'till exempel', answers: 'kan ändra svar', text: 'ändrar inga svar',
        compared: (n: number) => `${n} element jämförda.`,
        region: 'Medborgare', beforeCol: 'Före', afterCol: 'Efter', amount: 'Belopp', difference: 'Skillnad',
        none: 'inget',
        against: 'jämförd med',
    },
    en: {
        title: (l: DiffLabels) => `Comparison of ${l.before} (before) with ${l.after} (after)`,
        changes: 'Answers change.',
        same: 'The same answer for every citizen, level and date.',
        added: 'added', removed: 'removed', renamed: 'renamed from',
        sameAnswers: 'definition changed, but the same answer for every citizen',
        incomplete: 'could not be compared in full (the case budget ran out); the regions below are those found',
        placement: 'placement changes for', inclusion: 'inclusion changes for', decision: 'the decision changes for',
        example: 'for example', answers: 'can change answers', text: 'changes no answers',
        compared: (n: number) => `${n} elements compared.`,
        region: 'Citizens', beforeCol: 'Before', afterCol: 'After', amount: 'Amount', difference: 'Difference',
        none: 'none',
        against: 'compared with',
    },
} as const;

function element(ref: ElementRef, locale: MessageLocale): string {
    return `${compiledKindName(ref.kind, locale)} ${ref.name}${ref.title ? ` (${ref.title})` : ''}`;
}

function exampleText(example: Record<string, string>): string {
    return Object.entries(example).map(([name, value]) => `${name} = ${value}`).join(', ');
}

export function formatDiffText(diff: PolicyDiff, labels: DiffLabels, locale: MessageLocale): string {
    const w = words[locale];
    const lines = [`${w.title(labels)}: ${diff.answersChange ? w.changes : w.same}`];
    if (diff.entries.length > 0) {
        lines.push('');
    }
    for (const entry of diff.entries) {
        const name = element(entry.element, locale);
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
            case 'amounts':
                lines.push(`${name}${entry.against ? ` ${w.against} ${entry.against.name}` : ''}:`);
                for (const amount of entry.amounts) {
                    lines.push(`  ${amount.what}: ${amount.before ?? w.none} → ${amount.after ?? w.none}${amount.difference ? ` (${amount.difference})` : ''}`);
                }
                break;
            case 'edited':
                lines.push(`${name} (${entry.answers ? w.answers : w.text}):`);
                for (const field of entry.fields) {
                    lines.push(`  ${field}`);
                }
                break;
        }
    }
    lines.push('', w.compared(diff.compared));
    return `${lines.join('\n')}\n`;
}

/** Markdown: a heading per element, tables for regions and amounts; pipes in text escaped. */
export function formatDiffMarkdown(diff: PolicyDiff, labels: DiffLabels, locale: MessageLocale): string {
    const w = words[locale];
    const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const lines = [`# ${w.title(labels)}`, '', `**${diff.answersChange ? w.changes : w.same}** ${w.compared(diff.compared)}`, ''];
    const simple: string[] = [];
    for (const entry of diff.entries) {
        const name = element(entry.element, locale);
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
            case 'amounts':
                lines.push(`## ${cell(name)}${entry.against ? ` ${w.against} \`${entry.against.name}\`` : ''}`, '', `| ${w.amount} | ${w.beforeCol} | ${w.afterCol} | ${w.difference} |`, '| --- | ---: | ---: | ---: |',
                    ...entry.amounts.map(a => `| ${cell(a.what)} | ${cell(a.before ?? w.none)} | ${cell(a.after ?? w.none)} | ${cell(a.difference ?? '')} |`), '');
                break;
            case 'edited':
                lines.push(`## ${cell(name)}`, '', `*${entry.answers ? w.answers : w.text}*`, '', ...entry.fields.map(f => `- ${cell(f)}`), '');
                break;
        }
    }
    if (simple.length > 0) {
        lines.push(`## ${locale === 'sv' ? 'Övrigt' : 'Other changes'}`, '', ...simple, '');
    }
    return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

export function formatDiffJson(diff: PolicyDiff, labels: DiffLabels): string {
    return `${JSON.stringify({ before: labels.before, after: labels.after, answersChange: diff.answersChange, compared: diff.compared, entries: diff.entries satisfies DiffEntry[] }, null, 2)}\n`;
}
