import { groupBy } from '../utils/group-by.js';
import { AstUtils, WorkspaceCache, type AstNode, type ValidationChecks } from 'langium';
import type { Guideline, LevelTable, Policy, Rate, RegelrattAstType, Validity } from '../generated/ast.js';
import { isGuideline, isLevelTable, isRate } from '../generated/ast.js';
import { dayAfter, dayBefore, firstCommonDay } from '@regelratt/analyses';
import { versionSpans } from '../analysis/parameter-values.js';
import { unitOf } from '../analysis/expression-units.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { relatedAt } from './related-location.js';
import { createReport } from './report.js';

type VersionedNode = LevelTable | Guideline | Rate;

/** What makes two declarations versions of the same thing; undefined for a guideline without diarienummer. */
function versionKey(node: VersionedNode): string | undefined {
    if (isLevelTable(node)) {
        return `table|${node.service?.$refText ?? ''}|${node.area?.$refText ?? ''}|${node.per ?? ''}`;
    }
    if (isRate(node)) {
        // Two hourly costs for the same role in the same area (or two flat rates for the same service) are versions,
        // when they are selected by the same attributes (`efter regi`) and paid per the same thing: a rate per
        // insats by regi and a fixed monthly rate by regi for one insats are two rates, not a rate and its next version.
        const selectors = node.selectors.map(selector => selector.$refText).join(',');
        return `rate|${node.kind}|${node.service?.$refText ?? ''}|${node.role?.$refText ?? ''}|${node.area?.$refText ?? ''}|${selectors}|${ratePer(node)}`;
    }
    return node.registrationNumber ? `guideline|${node.registrationNumber}` : undefined;
}

/** What a rate's amounts are per (`mån`, `insats`, the hour of a timkostnad), as written in its first amount. */
function ratePer(rate: Rate): string {
    const amount = rate.value ?? rate.amounts.find(row => row.value && 'unit' in row.value)?.value;
    const per = amount && 'unit' in amount ? unitOf(amount.unit?.per) : undefined;
    return per ?? (rate.kind === 'timkostnad' ? 'hour' : '');
}

interface Versioned {
    node: VersionedNode;
    key: string;
    validity: Validity;
}


/**
 * Versions of the same thing do not overlap in time: level tables for the same service, area and
 * period; rates of the same kind for the same service, role and area; guidelines with the same
 * diarienummer; a parameter's own versions. Gaps between a
 * parameter's versions are reported too: a parameter is meant to have a value on every day.
 */
export function versionChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const documents = services.shared.workspace.LangiumDocuments;
    const sv = () => locale.current === 'sv';

    // Built once per state of the workspace, then shared by every table and guideline checked in it.
    const cache = new WorkspaceCache<string, Map<string, Versioned[]>>(services.shared);
    const versionsByKey = (): Map<string, Versioned[]> => cache.get('all', () => groupBy(collectVersioned(), versioned => versioned.key));
    // Tables, rates and guidelines are top-level elements: no walk through every node of every file.
    const collectVersioned = (): Versioned[] => documents.all.toArray().flatMap(document =>
        ((document.parseResult.value as Policy).elements ?? []).flatMap((node: AstNode): Versioned[] => {
            if (!isLevelTable(node) && !isGuideline(node) && !isRate(node)) {
                return [];
            }
            const key = versionKey(node);
            return key && node.validity ? [{ node, key, validity: node.validity }] : [];
        }));

    const checkVersioned = (node: VersionedNode, accept: Parameters<typeof createReport>[0]) => {
        if (!node.validity) {
            return;
        }
        const key = versionKey(node);
        if (!key) {
            return;
        }
        const own = { validity: node.validity };
        const report = createReport(accept, locale);
        for (const other of versionsByKey().get(key) ?? []) {
            if (other.node === node) {
                continue;
            }
            const day = firstCommonDay(own.validity, other.validity);
            if (day) {
                const where = `${other.node.name} (${AstUtils.getDocument(other.node).uri.path.split('/').pop()}:${(other.node.$cstNode?.range.start.line ?? 0) + 1})`;
                report('overlapping-versions', { what: node.name, other: where, date: day }, { node: node.validity, property: 'from', relatedInformation: relatedAt(other.node, other.node.name) });
            }
        }
    };

    return {
        LevelTable: (table, accept) => checkVersioned(table, accept),
        Guideline: (guideline, accept) => checkVersioned(guideline, accept),
        Rate: (rate, accept) => checkVersioned(rate, accept),
        Parameter: (parameter, accept) => {
            const report = createReport(accept, locale);
            const spans = versionSpans(parameter);
            // A version the source gives no date for: said once, with what it means for the lookup.
            const undated = spans.filter(span => span.version.from === undefined);
            if (undated.length > 0) {
                const next = spans.find(span => span.version.from !== undefined);
                // By its title where it has one: the warning is also read in the document's appendix.
                report('undated-parameter', { name: parameter.title ?? parameter.name, next: next?.from ?? '' }, { node: undated[0].version, property: 'value' });
            }
            for (const extra of undated.slice(1)) {
                const what = sv() ? 'En andra version utan startdatum' : 'A second version without a start date';
                const other = sv() ? 'den första' : 'the first';
                report('overlapping-versions', { what, other, date: sv() ? 'början' : 'the start' }, { node: extra.version, property: 'value' });
            }
            for (let i = 0; i + 1 < spans.length; i++) {
                const current = spans[i];
                const next = spans[i + 1];
                if (current.to && current.to >= next.from) {
                    const what = sv() ? `Versionen från ${next.from}` : `The version from ${next.from}`;
                    const other = sv() ? `versionen från ${current.from}` : `the version from ${current.from}`;
                    report('overlapping-versions', { what, other, date: next.from }, { node: next.version, property: 'from' });
                } else if (current.to && dayAfter(current.to) < next.from) {
                    report('version-gap', { name: parameter.name, from: dayAfter(current.to), to: dayBefore(next.from) }, { node: next.version, property: 'from' });
                }
            }
        },
    };
}
