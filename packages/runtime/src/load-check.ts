import {
    chainedInputKey, ExactNumber, isChainedInput, LEVEL_INPUT, matchCriterion, matchExpression, sameDecisionResult,
    type CompiledElement, type DecisionResult, type DecisionTable, type CompiledPolicyFile, type Criterion, type ElementKind, type ExampleQuestion, type Expression, type LevelRow, type Validity,
} from '@regelratt/format';
import { runtimeError } from './runtime-error.js';
import type { RuntimeMessageArgs, RuntimeMessageKey } from './runtime-messages.js';

/**
 * What the schema cannot say about a set of compiled files and the runtime relies on: each id
 * declared once across all files, every reference naming a declared id, at most one version of a
 * parameter in force on any day, periods that do not end before they start, decision-table rows as
 * wide as the table, each level once in a level table or a fee's takbelopp. A set that breaks one is
 * refused whole (`invalid-file`, naming the file and the place) before a question is answered, since
 * otherwise the runtime would pick one of two declarations, or answer `null`, without a word.
 *
 * Every file must already have passed the schema (`checkCompiledFile`).
 */
export function checkCompiledPolicy(files: readonly CompiledPolicyFile[]): void {
    const declared = new Map<string, { file: number; path: string; kind: string }>();
    const declare = (id: string, kind: string, file: number, path: string) => {
        const earlier = declared.get(id);
        if (earlier) {
            const source = files[file].source;
            const other = files[earlier.file].source;
            const key = earlier.file === file ? 'duplicate-id-same-file' : other === source ? 'duplicate-id-stale-copy' : 'duplicate-id-other-file';
            refuse(key, { source, path, id, other, earlier: earlier.path }, 'duplicate-id', { id, other });
        }
        declared.set(id, { file, path, kind });
    };
    files.forEach((file, fileIndex) => {
        file.elements.forEach((element, index) => {
            const path = `/elements/${index}`;
            declare(element.id, element.kind, fileIndex, path);
            for (const [nested, at] of nestedIds(element)) {
                declare(nested, nested.slice(0, nested.indexOf('/')), fileIndex, `${path}/${at}`);
            }
        });
    });
    for (const file of files) {
        file.elements.forEach((element, index) => {
            const path = `/elements/${index}`;
            for (const [id, at, ...kinds] of references(element)) {
                if (id === LEVEL_INPUT) {
                    continue;
                }
                const target = declared.get(id);
                if (!target) {
                    refuse('unknown-reference', { source: file.source, path: `${path}/${at}`, id }, 'unknown-reference', { id });
                }
                if (kinds.length > 0 && !(kinds as string[]).includes(target.kind)) {
                    refuse('wrong-reference-kind', { source: file.source, path: `${path}/${at}`, id }, 'wrong-reference-kind', { id, kind: target.kind, expected: kinds });
                }
            }
            checkElement(element, file.source, path);
        });
    }
    checkChapters(files, declared);
}

/** A chapter lists only declared elements, and an obligation names only a chapter of the set. */
function checkChapters(files: readonly CompiledPolicyFile[], declared: ReadonlyMap<string, unknown>): void {
    const chapters = new Set(files.flatMap(file => (file.chapters ?? []).map(chapter => chapter.name)));
    for (const file of files) {
        (file.chapters ?? []).forEach((chapter, index) => chapter.elements.forEach((id, at) => {
            if (!declared.has(id)) {
                refuse('unknown-reference', { source: file.source, path: `/chapters/${index}/elements/${at}`, id }, 'unknown-reference', { id });
            }
        }));
        file.elements.forEach((element, index) => {
            if (element.kind !== 'guideline') {
                return;
            }
            element.obligations.forEach((obligation, at) => {
                if (obligation.chapter !== undefined && !chapters.has(obligation.chapter)) {
                    refuse('unknown-reference', { source: file.source, path: `/elements/${index}/obligations/${at}/chapter`, id: obligation.chapter }, 'unknown-reference', { id: obligation.chapter });
                }
            });
        });
    }
}

/** Refusal codes of the load check, in `details.rule`. */
export type LoadCheckRule = 'duplicate-id' | 'unknown-reference' | 'wrong-reference-kind' | 'overlapping-versions' | 'period-ends-before-start' | 'row-width' | 'duplicate-level' | 'duplicate-column' | 'empty-range' | 'output-values';

function refuse<K extends RuntimeMessageKey>(key: K, args: RuntimeMessageArgs<K> & { source: string; path: string }, rule: LoadCheckRule, details: Record<string, unknown> = {}): never {
    throw runtimeError(key, args, { source: args.source, path: args.path, rule, ...details });
}

/** The ids declared inside an element (förlopp, obligations, pilot goals), with where. */
function nestedIds(element: CompiledElement): Array<[string, string]> {
    switch (element.kind) {
        case 'pathwayModel': return element.pathways.map((p, i) => [p.id, `pathways/${i}`]);
        case 'guideline': return element.obligations.map((o, i) => [o.id, `obligations/${i}`]);
        case 'pilot': return element.goals.map((g, i) => [g.id, `goals/${i}`]);
        default: return [];
    }
}

/** A reference: the id, where, and the kinds it may name (absent: any declared id). */
type Found = Array<[string, string, ...ElementKind[]]>;

function expressionReferences(expression: Expression, at: string, found: Found): void {
    matchExpression<void>(expression, {
        quantity: () => undefined,
        ref: e => {
            found.push([e.ref, `${at}/ref`]);
            if (e.atLevel) {
                expressionReferences(e.atLevel, `${at}/atLevel`, found);
            }
        },
        level: () => undefined,
        op: e => {
            expressionReferences(e.left, `${at}/left`, found);
            expressionReferences(e.right, `${at}/right`, found);
        },
        call: e => e.args.forEach((arg, i) => expressionReferences(arg, `${at}/args/${i}`, found)),
        round: e => expressionReferences(e.round, `${at}/round`, found),
        if: e => {
            criterionReferences(e.if, `${at}/if`, found);
            expressionReferences(e.then, `${at}/then`, found);
            expressionReferences(e.else, `${at}/else`, found);
        },
    });
}

/**
 * `inTable`: a decision table's cell, the one place a criterion may compare with a parameter (the
 * table reads its value on the decision date); elsewhere only with another attribute.
 */
function criterionReferences(criterion: Criterion, at: string, found: Found, inTable = false): void {
    matchCriterion<void>(criterion, {
        all: c => c.all.forEach((part, i) => criterionReferences(part, `${at}/all/${i}`, found, inTable)),
        any: c => c.any.forEach((part, i) => criterionReferences(part, `${at}/any/${i}`, found, inTable)),
        not: c => criterionReferences(c.not, `${at}/not`, found, inTable),
        test: c => found.push([c.attribute, `${at}/attribute`, 'attribute']),
        op: c => found.push([c.attribute, `${at}/attribute`, 'attribute']),
        in: c => found.push([c.attribute, `${at}/attribute`, 'attribute']),
        between: c => found.push([c.attribute, `${at}/attribute`, 'attribute']),
        against: c => {
            found.push([c.attribute, `${at}/attribute`, 'attribute']);
            found.push(inTable ? [c.against.ref, `${at}/against/ref`, 'attribute', 'parameter'] : [c.against.ref, `${at}/against/ref`, 'attribute']);
        },
    });
}

const ids = (list: readonly string[], at: string): Found => list.map((id, i) => [id, `${at}/${i}`]);
const optional = (id: string | undefined, at: string): Found => (id === undefined ? [] : [[id, at]]);
const withFound = (fill: (found: Found) => void): Found => {
    const found: Found = [];
    fill(found);
    return found;
};

function questionReferences(question: ExampleQuestion): Found {
    const citizen = 'citizen' in question ? question.citizen.map((given, i): [string, string, ElementKind] => [given.attribute, `question/citizen/${i}/attribute`, 'attribute']) : [];
    switch (question.type) {
        case 'placement': return [[question.model, 'question/model'], ...citizen];
        case 'inclusion': return [[question.pilot, 'question/pilot'], ...citizen];
        case 'compensation': return [[question.table, 'question/table']];
        case 'fee': return [[question.fee, 'question/fee'], ...citizen];
        case 'netEffect': return [[question.table, 'question/table'], [question.rate, 'question/rate']];
        case 'calculation': return [[question.calculation, 'question/calculation'], ...citizen];
        case 'decision': return [[question.table, 'question/table'], ...citizen];
        case 'eligibility': return [[question.service, 'question/service'], ...citizen];
    }
}

/** The service and the laws an answer (a calculation, a decision table, a fee) names, where it does. */
function serviceAndBasis(e: { service?: string; legalBasis?: Array<{ law: string }> }): Found {
    return [...optional(e.service, 'service'), ...(e.legalBasis ?? []).map((basis, i): [string, string] => [basis.law, `legalBasis/${i}/law`])];
}

type ElementOf<K extends ElementKind> = Extract<CompiledElement, { kind: K }>;

/** Every id an element of each kind refers to, with where: a new kind is a compile error here. */
const REFERENCES: { [K in ElementKind]: (element: ElementOf<K>) => Found } = {
    law: () => [],
    service: e => withFound(found => {
        found.push(...e.legalBasis.map((basis, i): [string, string] => [basis.law, `legalBasis/${i}/law`]));
        if (e.eligibility) {
            criterionReferences(e.eligibility.inclusion, 'eligibility/inclusion', found);
            e.eligibility.exclusions.forEach((exclusion, i) => {
                criterionReferences(exclusion.criterion, `eligibility/exclusions/${i}/criterion`, found);
                exclusion.exceptions.forEach((exception, j) => criterionReferences(exception, `eligibility/exclusions/${i}/exceptions/${j}`, found));
            });
        }
    }),
    administration: () => [],
    operation: e => [...optional(e.administration, 'administration'), ...ids(e.services, 'services')],
    unit: e => [...optional(e.operation, 'operation'), ...optional(e.area, 'area')],
    area: () => [],
    role: e => e.legalBasis.map((basis, i) => [basis.law, `legalBasis/${i}/law`]),
    phase: () => [],
    body: () => [],
    attribute: () => [],
    parameter: () => [],
    calculation: e => withFound(found => {
        expressionReferences(e.value, 'value', found);
        found.push(...serviceAndBasis(e));
    }),
    decisionTable: e => withFound(found => {
        found.push(...serviceAndBasis(e));
        e.inputs.forEach((input, i) => {
            if ('attribute' in input) {
                found.push([input.attribute, `inputs/${i}/attribute`, 'attribute']);
            } else if ('decision' in input) {
                found.push([input.decision, `inputs/${i}/decision`, 'decisionTable']);
            } else if ('calculation' in input) {
                found.push([input.calculation, `inputs/${i}/calculation`, 'calculation']);
            }
        });
        // A row's criterion on a chained input reads the input's key, which names no attribute (the input names its upstream).
        const chainedKeys = new Set(e.inputs.filter(isChainedInput).map(chainedInputKey));
        e.rows.forEach((row, r) => {
            row.when.forEach((criterion, c) => {
                if (criterion) {
                    const read: Found = [];
                    criterionReferences(criterion, `rows/${r}/when/${c}`, read, true);
                    found.push(...read.filter(([id]) => !chainedKeys.has(id)));
                }
            });
            row.then.forEach((result, c) => 'pathway' in result && found.push([result.pathway, `rows/${r}/then/${c}/pathway`]));
            // Since 1.10: what a formula cell reads.
            row.then.forEach((result, c) => 'formula' in result && expressionReferences(result.formula, `rows/${r}/then/${c}/formula`, found));
        });
        e.defaultOutputs?.forEach((result, c) => 'pathway' in result && found.push([result.pathway, `defaultOutputs/${c}/pathway`]));
        e.defaultOutputs?.forEach((result, c) => 'formula' in result && expressionReferences(result.formula, `defaultOutputs/${c}/formula`, found));
        e.outputValues?.forEach((values, c) => values?.forEach((result, v) => 'pathway' in result && found.push([result.pathway, `outputValues/${c}/${v}/pathway`])));
    }),
    guideline: e => withFound(found => {
        found.push(...optional(e.decidedBy, 'decidedBy'), ...e.obligations.flatMap((o, i) => ids(o.governs, `obligations/${i}/governs`)));
        // Since 1.7: the attributes an obligation's condition and its exceptions read.
        e.obligations.forEach((o, i) => {
            if (o.condition) {
                criterionReferences(o.condition, `obligations/${i}/condition`, found);
            }
            o.exceptions?.forEach((exception, j) => criterionReferences(exception.condition, `obligations/${i}/exceptions/${j}/condition`, found));
        });
    }),
    levelTable: e => [...optional(e.service, 'service'), ...optional(e.area, 'area')],
    premium: e => optional(e.table, 'table'),
    flatRate: e => rateReferences(e),
    placeRate: e => rateReferences(e),
    hourlyRate: e => rateReferences(e),
    fee: e => withFound(found => {
        found.push(...serviceAndBasis(e));
        if (e.room) {
            expressionReferences(e.room, 'room', found);
        }
        if (e.ceiling) {
            expressionReferences(e.ceiling, 'ceiling', found);
        }
    }),
    pathwayModel: e => withFound(found => {
        found.push(...ids(e.services, 'services'));
        e.pathways.forEach((pathway, i) => {
            if (pathway.criterion) {
                criterionReferences(pathway.criterion, `pathways/${i}/criterion`, found);
            }
            found.push(...ids(pathway.secondary, `pathways/${i}/secondary`));
        });
    }),
    testPhase: e => [
        ...optional(e.area, 'area'),
        ...e.participants.map((p, i): [string, string] => [p.unit, `participants/${i}/unit`]),
        ...ids(e.services, 'services'),
        ...ids(e.excluded, 'excluded'),
    ],
    pilot: e => withFound(found => {
        found.push(...optional(e.phase, 'phase'), ...ids(e.services, 'services'), ...ids(e.units, 'units'));
        if (e.inclusion) {
            criterionReferences(e.inclusion, 'inclusion', found);
        }
        e.exclusions.forEach((criterion, i) => criterionReferences(criterion, `exclusions/${i}`, found));
    }),
    effectGoal: () => [],
    indicator: e => [...ids(e.areas, 'areas'), ...ids(e.effectGoals, 'effectGoals')],
    example: e => [
        ...questionReferences(e.question),
        ...optional(e.expected.pathway ?? undefined, 'expected/pathway'),
        ...optional(e.expected.secondary, 'expected/secondary'),
    ],
};

function rateReferences(rate: ElementOf<'flatRate' | 'placeRate' | 'hourlyRate'>): Found {
    return [...optional(rate.service, 'service'), ...optional(rate.role, 'role'), ...optional(rate.area, 'area'),
        ...(rate.selectors ?? []).map((selector, i): [string, string, ElementKind] => [selector, `selectors/${i}`, 'attribute'])];
}

function references(element: CompiledElement): Found {
    return (REFERENCES[element.kind] as (e: CompiledElement) => Found)(element);
}

/** The element's own consistency: its periods, versions, rows and levels. */
function checkElement(element: CompiledElement, source: string, path: string): void {
    const period = (validity: Validity | undefined, at: string) => {
        if (validity?.to !== undefined && validity.to < validity.from) {
            refuse('period-ends-before-start', { source, path: `${path}/${at}`, from: validity.from, to: validity.to }, 'period-ends-before-start');
        }
    };
    if ('validity' in element) {
        period(element.validity, 'validity');
    }
    switch (element.kind) {
        case 'parameter': {
            element.versions.forEach((version, i) => period(version, `versions/${i}`));
            // In force on the same day: a later version starting on or before the day an earlier one
            // ends (one without an end runs until the next begins, so it cannot overlap).
            const sorted = element.versions.map((version, index) => ({ version, index })).sort((a, b) => (a.version.from < b.version.from ? -1 : a.version.from > b.version.from ? 1 : 0));
            for (let i = 1; i < sorted.length; i++) {
                const before = sorted[i - 1].version;
                const after = sorted[i].version;
                if (before.from === after.from || (before.to !== undefined && before.to >= after.from)) {
                    refuse('overlapping-versions', { source, path: `${path}/versions/${sorted[i].index}`, name: element.name, date: after.from }, 'overlapping-versions', { date: after.from });
                }
            }
            break;
        }
        case 'decisionTable': {
            const seen = new Set<string>();
            element.outputs.forEach((output, i) => {
                if (seen.has(output)) {
                    refuse('duplicate-column', { source, path: `${path}/outputs/${i}`, column: output }, 'duplicate-column');
                }
                seen.add(output);
            });
            element.rows.forEach((row, r) => {
                if (row.when.length !== element.inputs.length) {
                    refuse('row-width-inputs', { source, path: `${path}/rows/${r}/when`, row: row.when.length, table: element.inputs.length }, 'row-width');
                }
                if (row.then.length !== element.outputs.length) {
                    refuse('row-width-outputs', { source, path: `${path}/rows/${r}/then`, row: row.then.length, table: element.outputs.length }, 'row-width');
                }
            });
            if (element.defaultOutputs && element.defaultOutputs.length !== element.outputs.length) {
                refuse('row-width-outputs', { source, path: `${path}/defaultOutputs`, row: element.defaultOutputs.length, table: element.outputs.length }, 'row-width');
            }
            outputValues(element, source, path);
            levelRange(element.levels, source, `${path}/levels`);
            break;
        }
        case 'levelTable':
            levelRange(element.levels, source, `${path}/levels`);
            uniqueLevels(element.rows, source, `${path}/rows`);
            break;
        case 'fee':
            uniqueLevels(element.caps, source, `${path}/caps`);
            uniqueLevels(element.shares ?? [], source, `${path}/shares`);
            uniqueLevels(element.amounts ?? [], source, `${path}/amounts`);
            break;
        case 'flatRate':
        case 'placeRate':
        case 'hourlyRate':
            // A row of a rate by the case gives one value per selector, as a decision table's row one per input.
            (element.amounts ?? []).forEach((row, r) => {
                if (row.values.length !== (element.selectors?.length ?? 0)) {
                    refuse('row-width-selectors', { source, path: `${path}/amounts/${r}/values`, row: row.values.length, table: element.selectors?.length ?? 0 }, 'row-width');
                }
            });
            break;
        case 'premium':
            element.rules.forEach((rule, i) => {
                if (rule.fromLevel !== undefined && rule.toLevel !== undefined && rule.toLevel < rule.fromLevel) {
                    refuse('empty-level-range', { source, path: `${path}/rules/${i}`, from: rule.fromLevel, to: rule.toLevel }, 'empty-range');
                }
            });
            break;
        case 'attribute': {
            const domain = element.domain;
            if ((domain.type === 'integer' || domain.type === 'decimal') && ExactNumber.parse(domain.max).compare(ExactNumber.parse(domain.min)) < 0) {
                refuse('empty-value-range', { source, path: `${path}/domain`, min: domain.min, max: domain.max }, 'empty-range');
            }
            if (domain.type === 'enumeration') {
                const names = new Set<string>();
                domain.values.forEach((value, i) => {
                    if (names.has(value.name)) {
                        refuse('duplicate-value', { source, path: `${path}/domain/values/${i}`, value: value.name }, 'duplicate-column');
                    }
                    names.add(value.name);
                });
            }
            break;
        }
        case 'testPhase':
        case 'pilot':
            period(element.period, 'period');
            break;
    }
}

function levelRange(levels: { min: number; max: number } | undefined, source: string, path: string): void {
    if (levels && levels.max < levels.min) {
        refuse('empty-level-range', { source, path, from: levels.min, to: levels.max }, 'empty-range');
    }
}

function uniqueLevels(rows: readonly LevelRow[], source: string, path: string): void {
    const seen = new Set<number>();
    rows.forEach((row, i) => {
        if (seen.has(row.level)) {
            refuse('duplicate-level', { source, path: `${path}/${i}`, level: row.level }, 'duplicate-level', { level: row.level });
        }
        seen.add(row.level);
    });
}

/**
 * Since 1.10: a table's output values (DMN's) have a list or null per output column, every output
 * of a column that lists them is in the list (else its priority is undefined), and `priority` (and
 * `outputOrder`) has at least one list to rank by.
 */
function outputValues(table: DecisionTable, source: string, path: string): void {
    const lists = table.outputValues;
    if (lists && lists.length !== table.outputs.length) {
        refuse('row-width-outputs', { source, path: `${path}/outputValues`, row: lists.length, table: table.outputs.length }, 'row-width');
    }
    if (table.hitPolicy === 'priority' && !lists?.some(values => values !== null)) {
        refuse('priority-without-values', { source, path: `${path}/hitPolicy` }, 'output-values');
    }
    // `outputOrder` (since 1.11) sorts the matching rows by the same lists.
    if (table.hitPolicy === 'outputOrder' && !lists?.some(values => values !== null)) {
        refuse('output-order-without-values', { source, path: `${path}/hitPolicy` }, 'output-values');
    }
    const outputs: Array<[DecisionResult[], string]> = [...table.rows.map((row, r): [DecisionResult[], string] => [row.then, `${path}/rows/${r}/then`]), ...(table.defaultOutputs ? [[table.defaultOutputs, `${path}/defaultOutputs`] as [DecisionResult[], string]] : [])];
    lists?.forEach((values, column) => {
        for (const [then, at] of values ? outputs : []) {
            if (then[column] && !values!.some(value => sameDecisionResult(value, then[column]))) {
                refuse('output-value-unlisted', { source, path: `${at}/${column}`, column: table.outputs[column] }, 'output-values');
            }
        }
    });
}
