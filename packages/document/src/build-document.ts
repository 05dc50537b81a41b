import type {
    CompiledElement, DecisionResult, Deadline, DutyEvent, Indicator, LegalReference, ExampleExpectation, CompiledPolicyFile, DecisionTable, ElementKind, Example, Fee, Force, Frequency, LevelTable,
    FlatRate, HourlyRate, Obligation, OptionalAmount, PathwayModel, Pilot, PlaceRate, Quantity, Span, TestPhase, Validity, Chapter as PolicyChapter,
} from '@regelratt/format';
import { answerUnitText, ExactNumber, minutesPer } from '@regelratt/format';
import { PolicyRuntime, runExamples, type ExampleResult } from '@regelratt/runtime';
import { number } from './criterion-sentence.js';
import { itemList } from '@regelratt/analyses';
import { inSentence, PolicyWords, words } from './document-words.js';
import type { DocumentBlock, DocumentSection, LineChart, PolicyDocument } from './document-model.js';
import { exampleQuestion, reasonFor } from './reasons.js';
import { EXAMPLE_RUN_CODES } from './example-run-codes.js';

/** What each hit policy of a decision table means, as the document says it. */
const HIT_POLICY_TEXT = {
    unique: t => t('Precis en rad gäller för varje fall.', 'Exactly one row applies to each case.'),
    first: t => t('Den första rad som stämmer gäller.', 'The first row that matches decides.'),
    any: t => t('Flera rader får stämma för samma fall om de ger samma utfall; då gäller det utfallet.', 'Several rows may match the same case if they give the same outputs; those outputs then apply.'),
    collect: t => t('Alla rader som stämmer gäller, och deras utfall läggs samman.', 'Every row that matches applies, and their outputs are combined.'),
    priority: t => t('Av de rader som stämmer gäller den vars utfall har högst prioritet.', 'Of the rows that match, the one whose outputs have the highest priority decides.'),
    ruleOrder: t => t('Svaret är en lista med utfallen från varje rad som stämmer, i radernas ordning; stämmer ingen rad är listan tom.', 'The answer is a list of the outputs of every row that matches, in the rows\' order; where no row matches the list is empty.'),
    outputOrder: t => t('Svaret är en lista med utfallen från varje rad som stämmer, med högst prioritet först; stämmer ingen rad är listan tom.', 'The answer is a list of the outputs of every row that matches, highest priority first; where no row matches the list is empty.'),
    collectList: t => t('Svaret är en lista med utfallen från varje rad som stämmer, i radernas ordning; stämmer ingen rad är listan tom.', 'The answer is a list of the outputs of every row that matches, in the rows\' order; where no row matches the list is empty.'),
} as const satisfies Record<DecisionTable['hitPolicy'], (t: (sv: string, en: string) => string) => string>;

/** The document's chapters, in the order it prints them; the last two are appendices. */
const CHAPTERS = [
    'guidelines', 'eligibility', 'pathways', 'pilots', 'decisionTables', 'compensation', 'fees', 'calculations', 'indicators', 'legalBasis', 'examples', 'findings', 'names',
] as const;
type Chapter = typeof CHAPTERS[number];

/**
 * The chapter that shows each kind of element; `named` kinds have no chapter of their own and are
 * named, by title, where others refer to them (an area, a unit, an attribute). A new kind is a compile
 * error here until it is placed, and its chapter's builder (DocumentBuilder.chapters) shows it.
 */
export const CHAPTER_OF = {
    guideline: 'guidelines', pathwayModel: 'pathways', testPhase: 'pilots', pilot: 'pilots', decisionTable: 'decisionTables',
    levelTable: 'compensation', premium: 'compensation', flatRate: 'compensation', placeRate: 'compensation', hourlyRate: 'compensation',
    fee: 'fees', calculation: 'calculations', parameter: 'calculations', effectGoal: 'indicators', indicator: 'indicators',
    law: 'legalBasis', service: 'legalBasis', example: 'examples',
    administration: 'named', operation: 'named', unit: 'named', area: 'named', role: 'named', phase: 'named', body: 'named', attribute: 'named',
} as const satisfies Record<ElementKind, Exclude<Chapter, 'findings' | 'names'> | 'named'>;

/** The events a duty's deadline runs from, as a nämnd reads them (Swedish, English). */
const DUTY_EVENT_WORDS = {
    application: ['ansökan', 'the application'],
    decision: ['beslut', 'the decision'],
    implementation: ['verkställighet', 'implementation'],
    'follow-up': ['uppföljning', 'follow-up'],
} as const satisfies Record<DutyEvent, readonly [string, string]>;

export interface DocumentInput {
    files: readonly CompiledPolicyFile[];
    /** Element id → what the writer wrote before it (its doc comment), shown as the element's prose. */
    prose?: ReadonlyMap<string, string>;
    /** The checker's findings, listed in an appendix. */
    findings?: ReadonlyArray<{ file: string; line: number; column: number; severity: string; code: string; message: string }>;
    locale: 'sv' | 'en';
    /**
     * The title when the policy gives none (no riktlinje, no insats): one the user chose (the editor's
     * preview may pass one), never a folder's name.
     */
    fallbackTitle?: string;
    /** Per förlopp model (id): where it places citizens, region by region (the language's case split). */
    regions?: ReadonlyMap<string, ReadonlyArray<{ text: string; placement: string }>>;
    /**
     * A draft: a document even though some examples do not hold, marked as a draft on every page,
     * each failing example with the runtime's answer beside the expected one. Without it the caller
     * must not build a document for a policy whose examples fail (`regelratt dokument` exits 1).
     */
    draft?: boolean;
}

type Of<K extends ElementKind> = Extract<CompiledElement, { kind: K }>;

/**
 * The policy set as the document the nämnd decides: a title page from the riktlinje, then the
 * guidelines and their obligations by force, the förlopp and pilots with their criteria in words,
 * decision tables, compensation (tables and charts), fees with their formula in words, calculations
 * and parameters, indicators, the legal basis, the inline examples as worked cases (each answered by
 * the runtime), and the checker's findings.
 */
export function buildDocument(input: DocumentInput): PolicyDocument {
    const builder = new DocumentBuilder(input);
    return builder.build();
}

class DocumentBuilder {
    private readonly sv: boolean;
    private readonly elements: CompiledElement[];
    private readonly byId = new Map<string, CompiledElement>();
    private readonly words: PolicyWords;

    private results: ExampleResult[] | undefined;
    /** The policy's own chapters (`kapitel`), in the order of the files and, within one, as written. */
    private readonly ownChapters: readonly PolicyChapter[];
    /** Element id → the name of the policy's chapter it is written in. */
    private readonly chapterOf = new Map<string, string>();
    /** The elements the chapter being built shows (`all` reads only these). */
    private inChapter: (element: CompiledElement) => boolean = () => true;

    constructor(private readonly input: DocumentInput) {
        this.sv = input.locale === 'sv';
        this.elements = input.files.flatMap(file => file.elements);
        for (const element of this.elements) {
            this.byId.set(element.id, element);
        }
        this.words = new PolicyWords(this.elements, input.locale);
        this.ownChapters = input.files.flatMap(file => file.chapters ?? []);
        for (const chapter of this.ownChapters) {
            for (const id of chapter.elements) {
                this.chapterOf.set(id, chapter.name);
            }
        }
    }

    private t(sv: string, en: string): string {
        return this.sv ? sv : en;
    }

    /** The elements of a kind that the chapter being built shows. */
    private all<K extends ElementKind>(kind: K): Array<Of<K>> {
        return this.elements.filter((e): e is Of<K> => e.kind === kind && this.inChapter(e));
    }

    /** An element or förlopp by its title (its name, as words, where it has none): the document never shows a name. */
    private nameOf(id: string | undefined): string {
        return this.words.title(id);
    }

    private heading(element: CompiledElement): string {
        return element.title ?? words(element.name);
    }

    private prose(element: { id: string; description?: string }): DocumentBlock[] {
        const texts = [this.input.prose?.get(element.id), element.description].filter((t): t is string => !!t && t.trim().length > 0);
        return texts.flatMap(text => text.split(/\n\s*\n/)).map(text => ({ type: 'paragraph', text: text.trim(), style: 'prose' }));
    }

    /** Each chapter's builder (a new chapter in CHAPTERS is a compile error until it has one). */
    private readonly chapters = {
        guidelines: () => this.guidelines(), eligibility: () => this.eligibility(), pathways: () => this.pathways(), pilots: () => this.pilots(), decisionTables: () => this.decisionTables(),
        compensation: () => this.compensation(), fees: () => this.fees(), calculations: () => this.calculations(), indicators: () => this.indicators(),
        legalBasis: () => this.legalBasis(), examples: () => this.examples(), findings: () => this.findings(), names: () => this.names(),
    } satisfies Record<Chapter, () => DocumentSection>;

    build(): PolicyDocument {
        const guideline = this.all('guideline')[0];
        // The policy's own chapters first, in its order; then, by kind, what no chapter of its own holds.
        const own = this.ownChapters.map(chapter => this.ownChapter(chapter));
        this.inChapter = element => !this.chapterOf.has(element.id);
        const sections = [...own, ...CHAPTERS.map(chapter => this.chapters[chapter]())]
            .filter(s => s.blocks.length > 0 || s.children.length > 0);
        this.inChapter = () => true;
        const facts: Array<[string, string]> = [];
        if (guideline) {
            if (guideline.registrationNumber) {
                facts.push([this.t('Diarienummer', 'Registration number'), guideline.registrationNumber]);
            }
            if (guideline.decidedBy || guideline.decidedOn) {
                facts.push([this.t('Beslutad av', 'Decided by'), [this.nameOf(guideline.decidedBy), guideline.decidedOn].filter(Boolean).join(', ')]);
            }
            if (guideline.validity) {
                facts.push([this.t('Gäller', 'In force'), this.validity(guideline.validity)]);
            }
            if (guideline.version) {
                facts.push([this.t('Version', 'Version'), guideline.version]);
            }
        }
        const failing = this.exampleResults().filter(r => !r.passed).length;
        return {
            locale: this.input.locale, title: guideline?.title ?? this.ownTitle() ?? this.input.fallbackTitle ?? this.t('Regler', 'Rules'), facts, sections,
            ...(this.input.draft ? {
                draft: failing > 0
                    ? this.t(`Utkast: ${failing} av policyns exempel stämmer inte med reglerna. Inte för beslut.`, `Draft: ${failing} of the policy's examples do not hold. Not for decision.`)
                    : this.t('Utkast. Inte för beslut.', 'Draft. Not for decision.'),
            } : {}),
        };
    }

    /**
     * A policy without a riktlinje is titled by what it rules on, in its own titles: `Regler för
     * hjälp i hemmet` from its insatser (three at most; more are named in the chapters).
     */
    private ownTitle(): string | undefined {
        const services = this.all('service');
        if (services.length === 0 || services.length > 3) {
            return undefined;
        }
        return `${this.t('Regler för', 'Rules for')} ${itemList(services.map(s => this.words.inline(s.id)), this.input.locale)}`;
    }

    // ---------------------------------------------------------------- sections

    /**
     * One of the policy's own chapters: its description, the obligations that name it, then what its
     * elements show, each kind as its own chapter would show it (a kind whose chapter is a table, such
     * as the calculations, as a section under the kind's title; one whose chapter is a section per
     * element, such as the insatser, as those sections directly). Appendices stay appendices.
     */
    private ownChapter(chapter: PolicyChapter): DocumentSection {
        const members = new Set(chapter.elements);
        this.inChapter = element => members.has(element.id);
        const obligations = this.elements.flatMap(e => (e.kind === 'guideline' ? e.obligations : [])).filter(o => o.chapter === chapter.name);
        const children = CHAPTERS.filter(kind => kind !== 'findings' && kind !== 'names').flatMap((kind): DocumentSection[] => {
            const section = this.chapters[kind]();
            if (section.blocks.length === 0) {
                return section.children;
            }
            return [section];
        });
        return {
            id: `kapitel-${chapter.name}`, title: chapter.title, children,
            blocks: [
                ...(chapter.description ? [{ type: 'paragraph' as const, text: chapter.description, style: 'prose' as const }] : []),
                ...this.obligationsByForce(obligations),
            ],
        };
    }

    private readonly forces = (): Array<[Force, string]> => [
        ['shall', this.t('Ska', 'Shall')], ['shall-not', this.t('Ska inte', 'Shall not')], ['should', this.t('Bör', 'Should')],
        ['should-not', this.t('Bör inte', 'Should not')], ['may', this.t('Får', 'May')], ['may-not', this.t('Får inte', 'May not')],
    ];

    /** A guideline's section: its prose and its duties in time; its obligations that no chapter of the policy's own shows, by force. */
    private guidelines(): DocumentSection {
        return {
            id: 'riktlinjer', title: this.t('Riktlinjer', 'Guidelines'), blocks: [],
            children: this.all('guideline').map(guideline => ({
                id: guideline.id, title: guideline.title, children: [],
                blocks: [
                    ...this.prose(guideline),
                    ...this.timeline(guideline.obligations, new Map(this.forces())),
                    ...this.obligationsByForce(guideline.obligations.filter(o => o.chapter === undefined)),
                ],
            })),
        };
    }

    /** Obligations as a nämnd reads them: under each force (Ska, Bör, Får), each with its conditions and terms. */
    private obligationsByForce(all: readonly Obligation[]): DocumentBlock[] {
        return this.forces().flatMap(([force, label]): DocumentBlock[] => {
            const obligations = all.filter(o => o.force === force);
            if (obligations.length === 0) {
                return [];
            }
            return [
                { type: 'paragraph', text: label, style: 'note' },
                {
                    type: 'list',
                    items: obligations.map(o => [
                        o.usually ? `${this.t('Huvudregel', 'Main rule')}: ${o.text}` : o.text,
                        o.condition ? `${this.t('Gäller när', 'Applies when')} ${this.words.condition(o.condition)}.` : '',
                        ...(o.exceptions ?? []).map(e => {
                            const when = this.words.condition(e.condition);
                            return e.text
                                ? `${this.t('Undantag', 'Exception')}: ${e.text.replace(/\.$/, '')} (${this.t('när', 'when')} ${when}).`
                                : `${this.t('Undantag när', 'Exception when')} ${when}.`;
                        }),
                        o.governs.length > 0 ? `${this.t('Gäller', 'Concerns')}: ${o.governs.map(id => this.nameOf(id)).join(', ')}.` : '',
                        o.frequency ? `${this.t('Återkommer', 'Recurs')} ${this.frequency(o.frequency)}.` : '',
                        o.deadline ? `${this.capitalised(this.deadline(o.deadline))}.` : '',
                        o.decisionLimit ? `${this.t('Beslutet gäller högst', 'The decision lasts at most')} ${this.span(o.decisionLimit)}.` : '',
                        o.followUp ? `${this.t('Följs upp', 'Followed up')} ${this.frequency(o.followUp)}.` : '',
                        o.validity ? `${this.t('Gäller', 'In force')} ${this.validity(o.validity)}.` : '',
                    ].filter(Boolean).join(' ')),
                },
            ];
        });
    }

    private pathways(): DocumentSection {
        const movement = { independent: this.t('självständig', 'independent'), 'lower-level': this.t('lägre nivå', 'lower level'), none: this.t('ingen', 'none') };
        return {
            id: 'förlopp', title: this.t('Förlopp', 'Pathways (förlopp)'), blocks: [],
            children: this.all('pathwayModel').map((model: PathwayModel) => ({
                id: model.id, title: this.heading(model), children: [],
                blocks: [
                    ...this.prose(model),
                    ...(model.services.length > 0 ? [{ type: 'paragraph' as const, text: `${this.t('Avser', 'Concerns')}: ${model.services.map(id => this.nameOf(id)).join(', ')}.` }] : []),
                    {
                        type: 'table',
                        header: [this.t('Förlopp', 'Förlopp'), this.t('Gäller när', 'Applies when'), this.t('Förflyttning', 'Movement'), this.t('Uppföljning', 'Follow-up'), this.t('Kan kombineras med', 'May combine with')],
                        rows: model.pathways.map(p => [
                            p.title ?? words(p.name),
                            p.criterion ? this.words.conditions(p.criterion).join('\n') : this.t('(inget villkor)', '(no criterion)'),
                            p.movement ? movement[p.movement] : '',
                            p.followUp ? this.frequency(p.followUp) : '',
                            p.secondary.map(id => model.pathways.find(q => q.id === id)?.title ?? this.nameOf(id)).join(', '),
                        ]),
                    },
                    ...model.pathways.filter(p => p.description).map(p => ({ type: 'paragraph' as const, text: `${p.title ?? words(p.name)}: ${p.description}` })),
                    ...(this.input.regions?.get(model.id)?.length ? [{
                        type: 'regions' as const,
                        chart: { title: this.t('Vilket förlopp medborgarna hamnar i', 'Which förlopp citizens are placed in'), regions: [...this.input.regions.get(model.id)!] },
                    }] : []),
                ],
            })),
        };
    }

    /** Who may be granted each insats that says so (`beviljas när`), in the order the rule reads. */
    private eligibility(): DocumentSection {
        const sentence = (criterion: Parameters<PolicyWords['condition']>[0]) => this.words.condition(criterion);
        const services: DocumentSection[] = this.all('service').filter(service => service.eligibility).map(service => {
            const rule = service.eligibility!;
            return {
                id: service.id, title: this.heading(service), children: [],
                blocks: [
                    ...this.prose(service),
                    ...(service.legalBasis.length > 0 ? [{ type: 'facts' as const, items: [[this.t('Lagstöd', 'Legal basis'), service.legalBasis.map(b => b.text).join(', ')] as [string, string]] }] : []),
                    { type: 'paragraph' as const, text: `${this.t('Kan beviljas när', 'Can be granted when')} ${sentence(rule.inclusion)}.` },
                    ...(rule.exclusions.length > 0 ? [{
                        type: 'list' as const,
                        items: rule.exclusions.map(exclusion => [
                            `${this.t('Kan inte beviljas när', 'Cannot be granted when')} ${sentence(exclusion.criterion)}.`,
                            ...exclusion.exceptions.map(exception => ` ${this.t('Undantag: kan ändå beviljas när', 'Exception: can still be granted when')} ${sentence(exception)}.`),
                        ].join('')),
                    }] : []),
                ],
            };
        });
        return { id: 'beviljande', title: this.t('Vem kan beviljas insatserna', 'Who can be granted the services'), blocks: [], children: services };
    }

    private pilots(): DocumentSection {
        const phases: DocumentSection[] = this.all('testPhase').map((phase: TestPhase) => ({
            id: phase.id, title: this.heading(phase), children: [],
            blocks: [
                ...this.prose(phase),
                {
                    type: 'facts', items: [
                        ...(phase.registrationNumber ? [[this.t('Diarienummer', 'Registration number'), phase.registrationNumber] as [string, string]] : []),
                        ...(phase.period ? [[this.t('Period', 'Period'), `${this.period(phase.period)}${phase.extendedTo ? `, ${this.t('förlängd till', 'extended to')} ${phase.extendedTo}` : ''}`] as [string, string]] : []),
                        ...(phase.area ? [[this.t('Område', 'Area'), this.nameOf(phase.area)] as [string, string]] : []),
                        ...(phase.services.length > 0 ? [[this.t('Insatser', 'Services'), phase.services.map(id => this.nameOf(id)).join(', ')] as [string, string]] : []),
                        ...(phase.excluded.length > 0 ? [[this.t('Undantag', 'Excluded'), phase.excluded.map(id => this.nameOf(id)).join(', ')] as [string, string]] : []),
                        ...(phase.participants.length > 0 ? [[this.t('Enheter', 'Units'), phase.participants.map(p => `${this.nameOf(p.unit)}${p.outsideArea ? this.t(' (utanför området)', ' (outside the area)') : ''}`).join(', ')] as [string, string]] : []),
                    ],
                },
            ],
        }));
        const pilots: DocumentSection[] = this.all('pilot').map((pilot: Pilot) => ({
            id: pilot.id, title: this.heading(pilot), children: [],
            blocks: [
                ...this.prose(pilot),
                {
                    type: 'facts', items: [
                        ...(pilot.phase ? [[this.t('Testfas', 'Test phase'), this.nameOf(pilot.phase)] as [string, string]] : []),
                        ...(pilot.period ? [[this.t('Period', 'Period'), this.period(pilot.period)] as [string, string]] : []),
                        ...(pilot.duration ? [[this.t('Varaktighet', 'Duration'), this.span(pilot.duration)] as [string, string]] : []),
                        ...(pilot.services.length > 0 ? [[this.t('Insatser', 'Services'), pilot.services.map(id => this.nameOf(id)).join(', ')] as [string, string]] : []),
                        ...(pilot.units.length > 0 ? [[this.t('Enheter', 'Units'), pilot.units.map(id => this.nameOf(id)).join(', ')] as [string, string]] : []),
                    ],
                },
                ...(pilot.inclusion ? [
                    { type: 'paragraph' as const, text: this.t('Medborgaren ingår när allt detta gäller:', 'A citizen is included when all of this holds:') },
                    { type: 'list' as const, items: this.words.conditions(pilot.inclusion) },
                ] : [{ type: 'paragraph' as const, text: this.t('Piloten anger inga villkor för att ingå.', 'The pilot gives no inclusion criterion.') }]),
                ...(pilot.exclusions.length > 0 ? [
                    { type: 'paragraph' as const, text: this.t('Medborgaren ingår inte när något av detta gäller:', 'A citizen is excluded when any of this holds:') },
                    { type: 'list' as const, items: pilot.exclusions.map(c => this.words.condition(c)) },
                ] : []),
                ...(pilot.goals.length > 0 ? [{
                    type: 'table' as const,
                    header: [this.t('Mål', 'Goal'), this.t('Målvärde', 'Target'), this.t('Utfall', 'Outcome')],
                    rows: pilot.goals.map(goal => [goal.text, `${this.quantity(goal.target)}${goal.deadline ? ` ${this.deadline(goal.deadline)}` : ''}`, goal.outcome ? this.quantity(goal.outcome) : '']),
                }] : []),
            ],
        }));
        return { id: 'piloter', title: this.t('Testfaser och piloter', 'Test phases and pilots'), blocks: [], children: [...phases, ...pilots] };
    }

    /** The output columns' values in priority order, as the reader needs them to see which row decides (`Prioritet för risk: hög, medel, låg.`). */
    private priorityOrder(table: DecisionTable): string {
        return (table.outputValues ?? []).flatMap((values, column) => (values
            ? [`${this.t('Prioritet för', 'Priority of')} ${this.words.column(table.outputs[column])}: ${values.map(cell => this.decisionCell(cell)).join(', ')}.`]
            : [])).join(' ');
    }

    private decisionTables(): DocumentSection {
        return {
            id: 'beslutstabeller', title: this.t('Beslutstabeller', 'Decision tables'), blocks: [],
            children: this.all('decisionTable').map((table: DecisionTable) => {
                // A chained input by what gives it: `nivå enligt Bedömd nivå`, or the calculation's title.
                const inputs = table.inputs.map(input => ('level' in input ? this.t('Nivå', 'Level')
                    : 'decision' in input ? `${this.words.column(input.column)} ${this.t('enligt', 'by')} ${this.nameOf(input.decision)}`
                        : this.nameOf('calculation' in input ? input.calculation : input.attribute)));
                return {
                    id: table.id, title: this.heading(table), children: [],
                    blocks: [
                        ...this.prose(table),
                        {
                            type: 'paragraph', style: 'note',
                            text: [
                                HIT_POLICY_TEXT[table.hitPolicy](this.t.bind(this)),
                                this.priorityOrder(table),
                                table.validity ? `${this.t('Gäller', 'In force')} ${this.validity(table.validity)}.` : '',
                            ].filter(Boolean).join(' '),
                        },
                        {
                            type: 'table',
                            header: [...inputs, ...table.outputs.map(column => this.words.column(column))],
                            numeric: [...inputs.map(() => false), ...table.outputs.map(() => true)],
                            rows: [
                                ...table.rows.map(row => [
                                    // The column names the attribute: a cell says only its test (`1–6 besök`).
                                    ...row.when.map(cell => (!cell ? this.t('alla', 'any') : 'attribute' in cell ? this.words.test(cell) : this.words.condition(cell))),
                                    ...row.then.map(cell => this.decisionCell(cell)),
                                ]),
                                // The default outputs (`annars`) as the last row, for every case no row above matches.
                                ...(table.defaultOutputs ? [[
                                    ...table.inputs.map((_, index) => (index === 0 ? this.t('annars (ingen rad ovan gäller)', 'otherwise (no row above applies)') : '')),
                                    ...table.defaultOutputs.map(cell => this.decisionCell(cell)),
                                ]] : []),
                            ],
                        },
                    ],
                };
            }),
        };
    }

    private compensation(): DocumentSection {
        const tables = this.all('levelTable');
        // Versions of the same table (service, area, period) share one chart, one line each.
        const groups = new Map<string, LevelTable[]>();
        for (const table of tables) {
            const key = `${table.service ?? ''}|${table.area ?? ''}|${table.per ?? ''}`;
            groups.set(key, [...(groups.get(key) ?? []), table]);
        }
        const charted = new Set<LevelTable>();
        const children: DocumentSection[] = tables.map(table => {
            const group = groups.get(`${table.service ?? ''}|${table.area ?? ''}|${table.per ?? ''}`)!;
            const blocks: DocumentBlock[] = [
                ...this.prose(table),
                {
                    type: 'facts', items: [
                        ...(table.service ? [[this.t('Insats', 'Service'), this.nameOf(table.service)] as [string, string]] : []),
                        ...(table.area ? [[this.t('Område', 'Area'), this.nameOf(table.area)] as [string, string]] : []),
                        [this.t('Gäller', 'In force'), table.validity ? this.validity(table.validity) : this.t('tills vidare', 'until further notice')],
                        ...(table.per ? [[this.t('Per', 'Per'), this.period(table.per)] as [string, string]] : []),
                        ...(table.rounding ? [[this.t('Avrundning', 'Rounding'), this.words.rounding(table.rounding)] as [string, string]] : []),
                    ],
                },
                {
                    type: 'table', header: [this.t('Nivå', 'Level'), this.t('Belopp', 'Amount')], numeric: [true, true],
                    rows: [...table.rows].sort((a, b) => a.level - b.level).map(row => [String(row.level), this.amount(row.amount)]),
                },
            ];
            if (!charted.has(group[0])) {
                group.forEach(t => charted.add(t));
                const chart = this.levelChart(group);
                if (chart) {
                    blocks.push({ type: 'chart', chart });
                }
            }
            return { id: table.id, title: this.heading(table), blocks, children: [] };
        });
        const rates = [...this.all('flatRate'), ...this.all('placeRate'), ...this.all('hourlyRate')];
        const kindName = { flatRate: this.t('Schablon', 'Flat rate'), placeRate: this.t('Per plats', 'Per place'), hourlyRate: this.t('Per timme', 'Per hour') };
        const blocks: DocumentBlock[] = rates.length === 0 ? [] : [{
            type: 'table',
            header: [this.t('Ersättning', 'Rate'), this.t('Slag', 'Kind'), this.t('Insats eller roll', 'Service or role'), this.t('Belopp', 'Amount'), this.t('Gäller', 'In force')],
            numeric: [false, false, false, true, false],
            rows: rates.map(rate => [rate.title ?? rate.name, kindName[rate.kind], [rate.service, rate.role, rate.area].filter(Boolean).map(id => this.nameOf(id)).join(', '),
                rate.selectors ? `${this.t('efter', 'by')} ${itemList(rate.selectors.map(id => this.words.inline(id)), this.input.locale)}` : this.amount(rate.amount), rate.validity ? this.validity(rate.validity) : '']),
        }];
        // A rate by the case is shown as its ersättningsbilaga shows it: the first selector's values across, the rest down.
        const selected: DocumentSection[] = rates.filter(rate => rate.selectors && rate.amounts).map(rate => ({
            id: rate.id, title: this.heading(rate), children: [], blocks: [...this.prose(rate), this.rateTable(rate)],
        }));
        const premiums: DocumentSection[] = this.all('premium').map(premium => ({
            id: premium.id, title: this.heading(premium), children: [], blocks: this.prose(premium),
        }));
        return { id: 'ersättning', title: this.t('Ersättning till utförare', 'Compensation'), blocks, children: [...children, ...selected, ...premiums] };
    }

    /** A rate by the case as a table: a column per value of its first selector, a row per combination of the others'. */
    private rateTable(rate: FlatRate | PlaceRate | HourlyRate): DocumentBlock {
        const selectors = rate.selectors ?? [];
        const valuesOf = (id: string): string[] => {
            const domain = this.all('attribute').find(attribute => attribute.id === id)?.domain;
            return domain?.type === 'enumeration' ? domain.values.map(value => value.name) : [];
        };
        const said = (index: number, value: string) => this.words.titled(selectors[index], { enumeration: value });
        const across = valuesOf(selectors[0]);
        let down: string[][] = [[]];
        for (const id of selectors.slice(1)) {
            down = down.flatMap(combination => valuesOf(id).map(value => [...combination, value]));
        }
        const cell = (values: string[]) => {
            const row = rate.amounts!.find(candidate => candidate.values.length === values.length && candidate.values.every((value, index) => value === values[index]));
            return row ? this.amount(row.amount) : '–';
        };
        return {
            type: 'table',
            header: [selectors.length > 1 ? itemList(selectors.slice(1).map(id => this.nameOf(id)), this.input.locale) : this.nameOf(selectors[0]), ...(selectors.length > 1 ? across.map(value => said(0, value)) : [this.t('Belopp', 'Amount')])],
            numeric: [false, ...(selectors.length > 1 ? across.map(() => true) : [true])],
            rows: selectors.length > 1
                ? down.map(combination => [combination.map((value, index) => said(index + 1, value)).join(', '), ...across.map(value => cell([value, ...combination]))])
                : across.map(value => [said(0, value), cell([value])]),
        };
    }

    private levelChart(group: readonly LevelTable[]): LineChart | undefined {
        const series = group.map(table => ({
            name: `${table.title ?? table.name}${table.validity ? ` (${this.validity(table.validity)})` : ''}`,
            points: [...table.rows].sort((a, b) => a.level - b.level).map(row => ({ x: row.level, y: 'open' in row.amount ? null : Number(row.amount.value) })),
        })).filter(s => s.points.filter(p => p.y !== null).length >= 2);
        if (series.length === 0) {
            return undefined;
        }
        return { title: this.t('Belopp per nivå', 'Amount per level'), xLabel: this.t('Nivå', 'Level'), yLabel: 'kr', series };
    }

    private fees(): DocumentSection {
        return {
            id: 'avgifter', title: this.t('Avgifter', 'Fees'), blocks: [],
            children: this.all('fee').map((fee: Fee) => {
                const shares = fee.shares ?? [];
                const amounts = fee.amounts ?? [];
                // What the fee starts from, then each limit it never exceeds (the runtime takes the least of them all).
                const base = !fee.room ? (amounts.length > 0 ? this.t('nivåns belopp', "the level's amount") : undefined)
                    : shares.length > 0 ? this.t('nivåns andel av avgiftsutrymmet', "the level's share of the avgiftsutrymme")
                        : fee.share ? `${this.words.quantity(fee.share)} ${this.t('av avgiftsutrymmet', 'of the avgiftsutrymme')}` : this.t('avgiftsutrymmet', 'the avgiftsutrymme');
                const limits = [
                    ...(fee.room && amounts.length > 0 ? [`${this.t('högst nivåns belopp', "at most the level's amount")}`] : []),
                    ...(fee.caps.length > 0 ? [this.t('högst nivåns takbelopp', "at most the level's cap")] : []),
                    ...(fee.ceiling ? [this.t('aldrig mer än maxtaxan', 'never more than the maxtaxa')] : []),
                ];
                const rule = base === undefined
                    ? `${this.t('Avgiften är', 'The fee is')} ${limits.join(', ').replace(/^högst |^at most /, '')}`
                    : `${this.t('Avgiften är', 'The fee is')} ${base}${limits.length > 0 ? `, ${limits.length > 1 ? `${limits.slice(0, -1).join(', ')} ${this.t('och', 'and')} ${limits[limits.length - 1]}` : limits[0]}` : ''}`;
                const blocks: DocumentBlock[] = [
                    ...this.prose(fee),
                    {
                        type: 'paragraph',
                        text: `${rule}${fee.rounding ? `, ${this.t('avrundat till', 'rounded to')} ${this.words.rounding(fee.rounding)}` : ''}.${fee.room ? ` ${this.t('Ett avgiftsutrymme under noll ger ingen avgift.', 'An avgiftsutrymme below zero gives no fee.')}` : ''}`,
                    },
                    {
                        type: 'facts', items: [
                            ...(fee.room ? [[this.t('Avgiftsutrymme', 'Avgiftsutrymme'), this.words.formula(fee.room)] as [string, string]] : []),
                            ...(fee.ceiling ? [[this.t('Maxtaxa', 'Maxtaxa'), this.words.formula(fee.ceiling)] as [string, string]] : []),
                            ...(fee.service ? [[this.t('Insats', 'Service'), this.nameOf(fee.service)] as [string, string]] : []),
                            [this.t('Gäller', 'In force'), fee.validity ? this.validity(fee.validity) : this.t('tills vidare', 'until further notice')],
                        ],
                    },
                ];
                // One table of the per-level lists, a column each, in the order the fee takes them.
                const columns = [
                    { rows: shares, header: this.t('Andel', 'Share') },
                    { rows: amounts, header: this.t('Belopp', 'Amount') },
                    { rows: fee.caps, header: this.t('Takbelopp', 'Cap') },
                ].filter(column => column.rows.length > 0);
                if (columns.length > 0) {
                    const levels = [...new Set(columns.flatMap(column => column.rows.map(row => row.level)))].sort((a, b) => a - b);
                    blocks.push({
                        type: 'table', header: [this.t('Nivå', 'Level'), ...columns.map(column => column.header)], numeric: [true, ...columns.map(() => true)],
                        rows: levels.map(level => [String(level), ...columns.map(column => {
                            const row = column.rows.find(r => r.level === level);
                            return row ? this.amount(row.amount) : '–';
                        })]),
                    });
                }
                if (fee.caps.length > 0) {
                    const points = fee.caps.map(cap => ({ x: cap.level, y: 'open' in cap.amount ? null : Number(cap.amount.value) })).sort((a, b) => a.x - b.x);
                    if (points.filter(p => p.y !== null).length >= 2) {
                        blocks.push({ type: 'chart', chart: { title: this.t('Högsta avgift per nivå', 'Highest fee per level'), xLabel: this.t('Nivå', 'Level'), yLabel: 'kr', series: [{ name: fee.title ?? fee.name, points }] } });
                    }
                }
                blocks.push(...this.workedFee(fee));
                return { id: fee.id, title: this.heading(fee), blocks, children: [] };
            }),
        };
    }

    /**
     * The fee worked through for the first inline example that asks it, in the sentences its reason
     * gives (reasons.ts, on the runtime's own parts of the fee): the figures read, the avgiftsutrymme
     * and its share, each cap or maxtaxa and whether it decided, the rounding, and the fee. Not the
     * runtime's trace, whose steps are keys for developers (`avgift, avrundad`).
     */
    private workedFee(fee: Fee): DocumentBlock[] {
        // Any example of the fee, in whichever chapter it is written.
        const example = this.elements.filter((e): e is Example => e.kind === 'example').find(e => e.question.type === 'fee' && e.question.fee === fee.id && e.date);
        if (!example || example.question.type !== 'fee') {
            return [];
        }
        try {
            const reason = reasonFor(new PolicyRuntime(this.input.files), exampleQuestion(example), this.input.locale);
            return [
                { type: 'paragraph', text: `${this.t('Räkneexempel', 'Worked example')}: ${this.heading(example)}.`, style: 'note' },
                { type: 'list', items: this.question(example).split('\n') },
                { type: 'list', items: [...reason.steps, reason.decision] },
            ];
        } catch {
            return [];
        }
    }

    private calculations(): DocumentSection {
        const calculations = this.all('calculation');
        const parameters = this.all('parameter');
        const blocks: DocumentBlock[] = [];
        if (calculations.length > 0) {
            blocks.push({
                type: 'table', header: [this.t('Beräkning', 'Calculation'), this.t('Formel', 'Formula')],
                rows: calculations.map(c => [
                    `${this.heading(c)}${this.input.prose?.get(c.id) ? ` — ${this.input.prose.get(c.id)}` : ''}`,
                    `${this.words.formula(c.value)}${c.mayBeNegative ? ` (${this.t('kan vara negativ', 'may be below zero')})` : ''}${c.limits ? `; ${this.t('gräns', 'limit')}: ${c.limits.map(limit => limit.text).join(', ')}` : ''}`,
                ]),
            });
        }
        if (parameters.length > 0) {
            blocks.push({
                type: 'table', header: [this.t('Parameter', 'Parameter'), this.t('Gäller', 'In force'), this.t('Värde', 'Value')], numeric: [false, false, true],
                rows: parameters.flatMap(p => [...p.versions].sort((a, b) => a.from.localeCompare(b.from)).map((v, i) => [
                    i === 0 ? (p.title ?? p.name) : '',
                    // An undated version's start is the format's (UNDATED_FROM), not the source's.
                    v.undated ? this.t('utan angivet startdatum', 'no start date given') : this.validity(v),
                    // A time or a count in its own unit (`40 min/tillfälle`), which the value alone does not carry.
                    p.unit ? `${number(v.value.value, this.input.locale)} ${answerUnitText(p.unit)}` : this.quantity(v.value),
                ])),
            });
        }
        return { id: 'beräkningar', title: this.t('Beräkningar och parametrar', 'Calculations and parameters'), blocks, children: [] };
    }

    private indicators(): DocumentSection {
        const indicators = this.all('indicator');
        return {
            id: 'indikatorer', title: this.t('Indikatorer', 'Indicators'), children: [],
            blocks: indicators.length === 0 ? [] : [{
                type: 'table',
                header: [this.t('Indikator', 'Indicator'), this.t('Effektmål', 'Effect goal'), this.t('Mål', 'Goal'), this.t('Målvärde', 'Target')],
                rows: indicators.map(i => [this.heading(i), i.effectGoals.map(id => this.nameOf(id)).join(', '), i.goal ?? '', this.target(i.target)]),
            }],
        };
    }

    /** An indicator's target in words: `Ska minska (minskning, andel)`, `Ska öka till 80 %`. */
    private target(target: Indicator['target']): string {
        if (!target) {
            return '';
        }
        const direction = target.direction === 'increase' ? this.t('Ska öka', 'To increase') : target.direction === 'decrease' ? this.t('Ska minska', 'To decrease') : '';
        const value = target.value ? this.quantity(target.value) : '';
        const head = direction && value ? `${direction} ${this.t('till', 'to')} ${value}` : direction || value;
        return head && target.text ? `${head} (${inSentence(target.text)})` : head || (target.text ?? '');
    }

    /**
     * A legal reference as the reader cites it: `SoL 4 kap 1 §` where the law's name is its
     * abbreviation; a name that is not one (`SoL2025`) gives way to the law's title.
     */
    private legalText(reference: LegalReference): string {
        const law = this.byId.get(reference.law);
        if (!law || /^\p{L}+$/u.test(law.name) || !reference.text.startsWith(law.name)) {
            return reference.text;
        }
        return `${law.title ?? words(law.name)}${reference.text.slice(law.name.length)}`;
    }

    /**
     * The one place the document shows the policy's names: each title beside the name the rules and
     * the systems use for it (where they differ), and the files the rules are written in.
     */
    private names(): DocumentSection {
        const rows: string[][] = [];
        const row = (title: string | undefined, name: string, shownAs = name) => {
            if (title !== undefined && title.toLowerCase() !== name.toLowerCase()) {
                rows.push([title, shownAs]);
            }
        };
        for (const element of this.elements) {
            row(element.title, element.name);
            if (element.kind === 'attribute' && element.domain.type === 'enumeration') {
                for (const value of element.domain.values) {
                    row(value.title === undefined ? undefined : `${this.heading(element)}: ${inSentence(value.title)}`, value.name, `${element.name} = ${value.name}`);
                }
            }
            if (element.kind === 'pathwayModel') {
                for (const pathway of element.pathways) {
                    row(pathway.title, pathway.name);
                }
            }
        }
        return {
            id: 'namn', title: this.t('Bilaga: namn i reglerna', 'Appendix: names in the rules'), children: [],
            blocks: [
                { type: 'paragraph', text: this.t(`Reglerna är skrivna i ${this.input.files.length === 1 ? 'filen' : 'filerna'} ${this.input.files.map(f => f.source).join(', ')}.`, `The rules are written in ${this.input.files.map(f => f.source).join(', ')}.`) },
                ...(rows.length === 0 ? [] : [
                    { type: 'paragraph' as const, text: this.t('Reglerna och de system som läser dem använder namn i stället för rubriker. Så här motsvarar de varandra.', 'The rules and the systems that read them use names in place of titles. This is how they correspond.') },
                    { type: 'table' as const, header: [this.t('I dokumentet', 'In the document'), this.t('Namn i reglerna', 'Name in the rules')], rows },
                ]),
            ],
        };
    }

    private legalBasis(): DocumentSection {
        const laws = this.all('law');
        const services = this.all('service').filter(s => s.legalBasis.length > 0);
        const blocks: DocumentBlock[] = [];
        if (laws.length > 0) {
            // An abbreviation is how a reader cites the law; a name that is not one is not shown.
            blocks.push({ type: 'list', items: laws.map(law => (/^\p{L}+$/u.test(law.name) ? `${law.name}: ${law.title}` : law.title)) });
        }
        if (services.length > 0) {
            blocks.push({ type: 'table', header: [this.t('Insats', 'Service'), this.t('Stöd i lag', 'Legal basis')], rows: services.map(s => [s.title ?? s.name, s.legalBasis.map(l => this.legalText(l)).join(', ')]) });
        }
        // The answers that name the law they apply (`enligt` on a fee, a calculation, a decision table).
        const answers = [...this.all('fee'), ...this.all('calculation'), ...this.all('decisionTable')].filter(a => (a.legalBasis?.length ?? 0) > 0);
        if (answers.length > 0) {
            blocks.push({
                type: 'table', header: [this.t('Belopp eller beslut', 'Amount or decision'), this.t('Insats', 'Service'), this.t('Stöd i lag', 'Legal basis')],
                rows: answers.map(a => [a.title ?? a.name, a.service ? this.nameOf(a.service) : '', a.legalBasis!.map(l => this.legalText(l)).join(', ')]),
            });
        }
        return { id: 'lagstöd', title: this.t('Lagstöd', 'Legal basis'), blocks, children: [] };
    }

    /** The inline examples answered by the runtime, once per document. */
    private exampleResults(): ExampleResult[] {
        if (!this.results) {
            try {
                this.results = runExamples(new PolicyRuntime(this.input.files));
            } catch {
                this.results = [];
            }
        }
        return this.results;
    }

    private examples(): DocumentSection {
        const examples = this.all('example');
        if (examples.length === 0) {
            return { id: 'exempel', title: this.t('Räkneexempel', 'Worked examples'), blocks: [], children: [] };
        }
        const byExample = new Map(this.exampleResults().map(r => [r.example, r]));
        const rows = examples.map((example: Example) => {
            const result = byExample.get(example);
            // A failing example says what the runtime answers: the document never shows only a figure the rules do not give.
            const outcome = !result ? '' : result.passed ? this.t('stämmer', 'holds')
                : `${this.t('stämmer inte: körmiljön svarar', 'does not hold: the runtime answers')} ${result.actual ? this.expectationText(result.actual, example) : this.words.error(result.error?.code ?? '')}`;
            return [this.heading(example), this.question(example), this.expectationText(example.expected, example), outcome];
        });
        return {
            id: 'exempel', title: this.t('Räkneexempel', 'Worked examples'), children: [],
            blocks: [
                { type: 'paragraph', text: this.t('Varje exempel är räknat av Regelrätts körmiljö på samma kompilerade regler som systemen använder.', 'Each example is answered by the Regelrätt runtime on the same compiled rules the systems use.'), style: 'note' },
                { type: 'table', header: [this.t('Exempel', 'Example'), this.t('Fråga', 'Question'), this.t('Förväntat svar', 'Expected answer'), this.t('Kontroll', 'Check')], rows },
            ],
        };
    }

    private findings(): DocumentSection {
        const findings = this.input.findings ?? [];
        const severity = { error: this.t('fel', 'error'), warning: this.t('varning', 'warning'), info: this.t('upplysning', 'note'), hint: this.t('tips', 'hint') } as Record<string, string>;
        // A failing example is shown below by its heading, with the runtime's answer, not by the checker's finding of it.
        const shown = findings.filter(f => (f.severity === 'error' || f.severity === 'warning') && !EXAMPLE_RUN_CODES.has(f.code));
        const failing = this.exampleResults().filter(r => !r.passed);
        const rows = [
            ...shown.map(f => [`${f.file}:${f.line}:${f.column}`, severity[f.severity] ?? f.severity, `${f.message} [${f.code}]`]),
            ...failing.map(r => [`${r.example.source.file}:${r.example.source.line}:${r.example.source.column}`, this.t('exempel', 'example'),
                `${this.t('Exemplet', 'The example')} ${this.heading(r.example)} ${this.t('stämmer inte', 'does not hold')}: ${this.t('förväntat', 'expected')} ${this.expectationText(r.expected, r.example)}, ${this.t('körmiljön svarar', 'the runtime answers')} ${r.actual ? this.expectationText(r.actual, r.example) : this.words.error(r.error?.code ?? '')}.`]),
        ];
        return {
            id: 'kontroll', title: this.t('Bilaga: kontrollens resultat', 'Appendix: what the checker found'), children: [],
            blocks: rows.length === 0
                ? [{ type: 'paragraph', text: this.t('Kontrollen fann inga fel och inga varningar, och alla exempel stämmer.', 'The checker found no errors and no warnings, and every example holds.') }]
                : [{ type: 'table', header: [this.t('Plats', 'Place'), this.t('Slag', 'Kind'), this.t('Meddelande', 'Message')], rows }],
        };
    }

    // ---------------------------------------------------------------- words

    /**
     * What an example asks, with everything it gives (one line each, by title), so a reader can
     * check the answer by hand: the question and date, then the citizen's facts, or a net effect's
     * levels, hours and months.
     */
    private question(example: Example): string {
        const q = example.question;
        const date = example.date ? `, ${example.date}` : '';
        const level = (value: number | null | undefined) => (value === null ? this.t('inget stöd', 'no support') : `${this.t('nivå', 'level')}\u00a0${value}`);
        const atLevel = 'level' in q && q.level !== undefined ? `, ${level(q.level)}` : '';
        const given = 'citizen' in q ? this.words.given(q.citizen) : [];
        const what = (() => {
            switch (q.type) {
                case 'placement': return `${this.t('Placering', 'Placement')}: ${this.nameOf(q.model)}`;
                case 'inclusion': return `${this.t('Ingår i piloten', 'Included in the pilot')}: ${this.nameOf(q.pilot)}`;
                case 'eligibility': return `${this.t('Kan beviljas', 'Can be granted')}: ${this.nameOf(q.service)}`;
                case 'compensation': return this.nameOf(q.table);
                case 'fee': return this.nameOf(q.fee);
                case 'netEffect': return `${this.t('Nettoeffekt', 'Net effect')}: ${this.nameOf(q.table)}`;
                case 'calculation': return this.nameOf(q.calculation);
                case 'decision': return q.column ? `${this.words.column(q.column)} ${this.t('enligt', 'by')} ${this.words.inline(q.table)}` : this.nameOf(q.table);
            }
        })();
        if (q.type === 'netEffect') {
            given.push(
                `${this.t('Från', 'From')} ${level(q.before)} ${this.t('till', 'to')} ${level(q.after)}`,
                `${this.t('Timmar', 'Hours')}: ${number(q.hours, this.input.locale)} (${this.words.inline(q.rate)})`,
                `${this.t('Under', 'Over')} ${q.months}\u00a0${this.t(q.months === 1 ? 'månad' : 'månader', q.months === 1 ? 'month' : 'months')}`,
            );
        }
        return [`${what}${atLevel}${date}`, ...given].join('\n');
    }

    /** An expectation (what an example expects, or what the runtime answered in its terms) in words. */
    private expectationText(e: ExampleExpectation, example: Example): string {
        if (e.error) {
            return this.words.error(e.error);
        }
        if (e.list) {
            // A list policy's answer, each value as one alone is worded, in the answer's order.
            return e.list.length === 0 ? this.t('en tom lista (ingen rad stämmer)', 'an empty list (no row applies)')
                : e.list.map(item => this.expectationText(item, example)).join(', ');
        }
        if (e.pathway !== undefined) {
            return e.pathway === null ? this.t('inget förlopp', 'no förlopp') : `${this.nameOf(e.pathway)}${e.secondary ? ` (${this.t('sekundärt', 'secondary')} ${this.nameOf(e.secondary)})` : ''}`;
        }
        if (e.included !== undefined) {
            return e.included ? this.t('ingår', 'included') : this.t('ingår inte', 'not included');
        }
        if (e.text !== undefined) {
            return e.text;
        }
        if (e.yesNo !== undefined) {
            return e.yesNo ? this.t('ja', 'yes') : this.t('nej', 'no');
        }
        if (e.date !== undefined) {
            return e.date;
        }
        if (e.monthly !== undefined || e.total !== undefined) {
            return [e.monthly !== undefined ? `${number(e.monthly, this.input.locale)} kr/${this.t('mån', 'month')}` : '', e.total !== undefined ? `${this.t('totalt', 'total')} ${number(e.total, this.input.locale)} kr` : ''].filter(Boolean).join(', ');
        }
        if (e.amount === undefined) {
            return '';
        }
        // In the answer's own unit (`12 h/mån`, `450 kr/besök`); a file compiled before 1.6 has none, and
        // its fees, compensations and calculations are read as kronor, as they were then.
        const question = example.question;
        const unit = example.unit ?? (question.type === 'fee' || question.type === 'compensation' || question.type === 'calculation' ? { of: 'kr' as const } : undefined);
        const value = unit?.of === '%' ? ExactNumber.parse(e.amount).multiply(ExactNumber.of(100n)).toDecimal() : e.amount;
        const suffix = answerUnitText(unit);
        return `${number(value, this.input.locale)}${suffix ? ` ${suffix}` : ''}`;
    }

    /** An output cell of a decision table in words: a förlopp by title, a text as written, ja/nej, a date, or an amount. */
    private decisionCell(cell: DecisionResult | undefined): string {
        if (cell && 'pathway' in cell) {
            return this.nameOf(cell.pathway);
        }
        if (cell && 'text' in cell) {
            return cell.text;
        }
        if (cell && 'yesNo' in cell) {
            return cell.yesNo ? this.t('ja', 'yes') : this.t('nej', 'no');
        }
        if (cell && 'formula' in cell) {
            return this.words.formula(cell.formula);
        }
        if (cell && 'date' in cell) {
            // As every date of the document: the ISO form Swedish writing uses (a criterion's date, a validity).
            return cell.date;
        }
        return this.amount(cell);
    }

    private amount(amount: OptionalAmount | undefined): string {
        if (!amount) {
            return '';
        }
        return 'open' in amount ? this.t('ej angivet', 'not given') : this.quantity(amount);
    }

    private quantity(quantity: Quantity): string {
        return this.words.quantity(quantity);
    }

    private validity(validity: Validity | { from: string; to?: string }): string {
        return validity.to ? `${validity.from}–${validity.to}` : `${this.t('från', 'from')} ${validity.from}`;
    }

    private period(period: string | { from: string; to?: string }): string {
        if (typeof period !== 'string') {
            return this.validity(period);
        }
        const words: Record<string, [string, string]> = { month: ['månad', 'month'], hour: ['timme', 'hour'], day: ['dygn', 'day'], week: ['vecka', 'week'], year: ['år', 'year'] };
        return words[period]?.[this.sv ? 0 : 1] ?? period;
    }

    private span(span: Span): string {
        const words: Record<string, [string, string, string, string]> = {
            day: ['dag', 'dagar', 'day', 'days'], week: ['vecka', 'veckor', 'week', 'weeks'], month: ['månad', 'månader', 'month', 'months'],
            year: ['år', 'år', 'year', 'years'], hour: ['timme', 'timmar', 'hour', 'hours'],
        };
        const w = words[span.unit] ?? [span.unit, span.unit, span.unit, span.unit];
        return `${span.amount} ${this.sv ? (span.amount === 1 ? w[0] : w[1]) : (span.amount === 1 ? w[2] : w[3])}`;
    }

    /**
     * A guideline's duties in time, as a table a nämnd reads down: per event of the case (in the order
     * a case meets them), each term ordered by how long after the event it falls, with the
     * obligation's own sentence. Deadlines without an event are not on it (they run from when the duty
     * arises, which the list by force already says).
     */
    private timeline(obligations: readonly Obligation[], forceLabels: ReadonlyMap<Force, string>): DocumentBlock[] {
        const events = Object.keys(DUTY_EVENT_WORDS) as DutyEvent[];
        const entries: Array<{ event: DutyEvent; length: ExactNumber; when: string; what: string }> = [];
        for (const o of obligations) {
            const sentence = `${forceLabels.get(o.force)}: ${o.text}`;
            if (o.deadline?.event) {
                const when = this.deadline({ amount: o.deadline.amount, unit: o.deadline.unit, ...(o.deadline.earliest ? { earliest: true } : {}) });
                entries.push({ event: o.deadline.event, length: this.timeLength(o.deadline), when, what: sentence });
            }
            if (o.followUp) {
                entries.push({
                    event: 'decision', length: this.timeLength({ amount: o.followUp.every, unit: o.followUp.unit }),
                    when: this.frequency(o.followUp), what: `${this.t('Uppföljning', 'Follow-up')}. ${sentence}`,
                });
            }
            if (o.decisionLimit) {
                entries.push({
                    event: 'decision', length: this.timeLength(o.decisionLimit),
                    when: `${this.t('högst', 'at most')} ${this.span(o.decisionLimit)}`, what: `${this.t('Beslutet upphör', 'The decision ends')}. ${sentence}`,
                });
            }
        }
        if (entries.length === 0) {
            return [];
        }
        // Stable: equal times keep the order the guideline wrote them in.
        entries.sort((a, b) => events.indexOf(a.event) - events.indexOf(b.event) || a.length.compare(b.length));
        return [{
            type: 'table', caption: this.t('Tidslinje: krav räknat från händelser i ärendet', 'Timeline: duties counted from events of the case'),
            header: [this.t('Räknat från', 'Counted from'), this.t('När', 'When'), this.t('Krav', 'Duty')],
            rows: entries.map(e => [this.capitalised(this.eventWord(e.event)), e.when, e.what]),
        }];
    }

    /** How long a term is, by the language's one time conversion (a month is 52/12 weeks), for ordering. */
    private timeLength(span: Span): ExactNumber {
        return ExactNumber.of(BigInt(span.amount)).multiply(minutesPer(span.unit));
    }

    /** `inom 4 veckor från ansökan`, `tidigast 3 veckor efter beslut`, `inom 8 veckor` (no event). */
    private deadline(deadline: Deadline): string {
        const bound = deadline.earliest ? this.t('tidigast', 'at the earliest') : this.t('inom', 'within');
        const event = deadline.event && `${deadline.earliest ? this.t('efter', 'after') : this.t('från', 'from')} ${this.eventWord(deadline.event)}`;
        return [bound, this.span(deadline), event].filter(Boolean).join(' ');
    }

    private eventWord(event: DutyEvent): string {
        const [sv, en] = DUTY_EVENT_WORDS[event];
        return this.t(sv, en);
    }

    private capitalised(text: string): string {
        return text.charAt(0).toUpperCase() + text.slice(1);
    }

    private frequency(frequency: Frequency): string {
        if (frequency.every === 1) {
            return this.t(`varje ${this.span({ amount: 1, unit: frequency.unit })}`, `every ${this.span({ amount: 1, unit: frequency.unit })}`);
        }
        // `var 3:e år`, `var 6:e månad`: the unit's word alone, not `1 år`.
        return this.t(`var ${frequency.every}:e ${this.span({ amount: 1, unit: frequency.unit }).replace(/^1 /, '')}`, `every ${this.span({ amount: frequency.every, unit: frequency.unit })}`);
    }
}
