import { compiledKindName, type CoveredRegion, type CriterionCoverage, type ExampleCoverage, type MessageLocale } from '@regelratt/language';
import { decisionResultKind } from '@regelratt/format';
import { RegelrattRuntimeError, type PolicyRuntime } from '@regelratt/runtime';

/**
 * `regelratt test --coverage` for people: per förloppsmodell, pilot and decision table how many of
 * its regions an example reaches, and for each region without one a ready-to-paste `exempel` whose
 * citizen is the region's example citizen and whose expected answer is the runtime's (to be read
 * and confirmed, not trusted blindly: that is what the comment in it says); per level table the
 * levels no example asks about.
 */
export function coveragePercent(coverage: ExampleCoverage): number {
    return coverage.total === 0 ? 100 : (100 * coverage.covered) / coverage.total;
}

/**
 * `taken`: the names the policy's examples already have. Suggestions are numbered per element and
 * skip those, so examples pasted from one run never collide with those of the next.
 */
export function formatCoverageText(coverage: ExampleCoverage, runtime: PolicyRuntime, locale: MessageLocale, taken: ReadonlySet<string>): string {
    const sv = locale === 'sv';
    const percent = Math.floor(coveragePercent(coverage));
    const lines = [sv
        ? `Täckning: ${coverage.covered} av ${coverage.total} regioner och nivåer har ett exempel (${percent} %).`
        : `Coverage: ${coverage.covered} of ${coverage.total} regions and levels have an example (${percent} %).`];
    for (const entry of coverage.criteria) {
        let counter = 0;
        const nextName = (): string => {
            do {
                counter++;
            } while (taken.has(`${entry.element.name}_täckning_${counter}`));
            return `${entry.element.name}_täckning_${counter}`;
        };
        const covered = entry.regions.filter(r => r.examples.length > 0).length;
        const name = `${compiledKindName(entry.element.kind, locale)} ${entry.element.name}`;
        const incomplete = entry.complete ? '' : sv ? ' (fallgränsen nåddes; alla regioner hann inte tas fram)' : ' (the case budget ran out; not every region was found)';
        lines.push(`${name}: ${covered} ${sv ? 'av' : 'of'} ${entry.regions.length} ${sv ? 'regioner' : 'regions'}${incomplete}${covered < entry.regions.length ? (sv ? '; utan exempel:' : '; without an example:') : '.'}`);
        for (const region of entry.regions.filter(r => r.examples.length === 0)) {
            lines.push(`  ${region.witness.text}`);
            lines.push(...exampleBlock(entry, region, runtime, nextName(), locale).map(line => `    ${line}`));
        }
    }
    for (const table of coverage.levels) {
        const missing = table.levels.filter(level => !table.asked.includes(level));
        const name = `${compiledKindName('levelTable', locale)} ${table.element.name}`;
        lines.push(missing.length === 0
            ? `${name}: ${sv ? 'alla' : 'all'} ${table.levels.length} ${sv ? 'nivåer med belopp har ett exempel.' : 'levels with an amount have an example.'}`
            : `${name}: ${table.asked.length} ${sv ? 'av' : 'of'} ${table.levels.length} ${sv ? 'nivåer; utan exempel' : 'levels; without an example'}: ${missing.join(', ')}.`);
    }
    return `${lines.join('\n')}\n`;
}

/** An `exempel` for the region: the question, the citizen, and the runtime's answer as the expectation. */
function exampleBlock(entry: CriterionCoverage, region: CoveredRegion, runtime: PolicyRuntime, name: string, locale: MessageLocale): string[] {
    const sv = locale === 'sv';
    const values = { ...region.witness.example };
    // A decision table on the level takes the level in the question, not among the citizen's values.
    const level = entry.element.kind === 'decisionTable' && values['nivå'] !== undefined ? values['nivå'] : undefined;
    delete values['nivå'];
    const citizenText = `för { ${Object.entries(values).map(([attribute, value]) => `${attribute} = ${value}`).join(', ')} }`;
    const citizen = Object.fromEntries(Object.entries(values).map(([attribute, value]) => [attribute, value.replace(/\u00a0/g, ' ')]));
    let question: string;
    let expected: string;
    const date = '2000-01-01';
    try {
        switch (entry.element.kind) {
            case 'pathwayModel': {
                question = `placering i ${entry.element.name} ${citizenText}`;
                const placement = runtime.placeInPathway(entry.element.id, citizen);
                const pathways = runtime.policy.get(entry.element.id, 'pathwayModel').pathways;
                const pathwayName = (id: string) => pathways.find(p => p.id === id)?.name ?? id;
                expected = placement.pathway === null ? 'förväntat inget förlopp'
                    : `förväntat förlopp ${pathwayName(placement.pathway)}${placement.secondary ? ` sekundärt ${pathwayName(placement.secondary)}` : ''}`;
                break;
            }
            case 'pilot': {
                question = `inkludering i ${entry.element.name} ${citizenText}`;
                const day = validOn(runtime, entry.element.id);
                expected = runtime.checkInclusion(entry.element.id, citizen, day ? { date: day } : {}).included ? 'förväntat ingår' : 'förväntat ingår inte';
                break;
            }
            case 'decisionTable': {
                const decision = runtime.decide(entry.element.id, { date: validOn(runtime, entry.element.id) ?? date, citizen, ...(level !== undefined ? { level: Number(level) } : {}) });
                if (decision.list) {
                    // A list policy's answer (träff regelordning, …): an example cannot yet expect a list, so the region's answer is said, not written as one.
                    const listed = decision.list.map(outputs => Object.entries(outputs).map(([key, value]) => `${key} ${value ?? '–'}`).join(', '));
                    return [`// ${sv ? `beslut enligt ${entry.element.name} ${citizenText} ger listan [${listed.join('; ')}]; ett exempel kan ännu inte förvänta sig en lista.`
                        : `beslut enligt ${entry.element.name} ${citizenText} gives the list [${listed.join('; ')}]; an example cannot yet expect a list.`}`];
                }
                const [column, value] = Object.entries(decision.outputs)[0];
                question = `beslut enligt ${entry.element.name}.${column}${level !== undefined ? ` nivå ${level}` : ''} ${citizenText}`;
                // Written as the column's kind is expected: a förlopp by name, a text quoted, ja/nej, or a number.
                const table = runtime.policy.get(entry.element.id, 'decisionTable');
                const cell = [...table.rows.map(row => row.then[0]), ...(table.defaultOutputs ? [table.defaultOutputs[0]] : [])].find(c => c !== undefined && !('open' in c));
                const kind = cell ? decisionResultKind(cell) : 'number';
                expected = value === null ? 'förväntat fel "open-amount"'
                    : kind === 'pathway' ? `förväntat förlopp ${value.slice(value.indexOf('/') + 1)}`
                        : kind === 'text' ? `förväntat ${JSON.stringify(value)}`
                            : kind === 'yesNo' ? `förväntat ${value}` : `förväntat ${value.replace('.', ',')}`;
                break;
            }
        }
    } catch (error) {
        if (!(error instanceof RegelrattRuntimeError)) {
            throw error;
        }
        question = entry.element.kind === 'pathwayModel' ? `placering i ${entry.element.name} ${citizenText}`
            : entry.element.kind === 'pilot' ? `inkludering i ${entry.element.name} ${citizenText}` : `beslut enligt ${entry.element.name} ${citizenText}`;
        expected = `förväntat fel "${error.code}"`;
    }
    const day = validOn(runtime, entry.element.id);
    const dated = entry.element.kind === 'decisionTable' ? `datum ${day ?? date}  ` : entry.element.kind === 'pilot' && day ? `datum ${day}  ` : '';
    return [
        `exempel ${name} {`,
        `    // ${sv ? 'Svaret är körmiljöns: läs det mot riktlinjen innan du behåller exemplet.' : "The answer is the runtime's: check it against the guideline before keeping the example."}`,
        `    ${dated}${question}`,
        `    ${expected}`,
        '}',
    ];
}

/** A day on which the table is in force or the pilot runs, for its example. */
function validOn(runtime: PolicyRuntime, id: string): string | undefined {
    const element = runtime.policy.find(id);
    if (element && 'validity' in element && element.validity) {
        return element.validity.from;
    }
    return element?.kind === 'pilot' && element.period ? element.period.from : undefined;
}
