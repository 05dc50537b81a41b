import type { CompiledPolicyFile, Pathway, PathwayModel } from '@regelratt/format';
import type { MessageLocale } from './i18n/locale.js';
import type { AnalysedAttribute } from './attribute-domain.js';
import { splitCases } from './case-split.js';
import { analysedFromCompiled } from './compiled-attributes.js';
import { mergeCases } from './merge-cases.js';
import { describeCase, type CaseLabels } from './witness-text.js';

/** One region of citizens and where a förloppsmodell places them. */
export interface PathwayRegion {
    /** The citizens, in words (`aktivitetsförmåga = hög, ålder 18–64 år`). */
    text: string;
    /** The answer: a förlopp, one with its secondary, no förlopp, or a clash. */
    placement: string;
}

/**
 * Where a förlopp model places citizens, as regions: the case split over its criteria, neighbouring
 * cases with the same answer joined. What the document draws, and what the diff compares.
 */
export function pathwayRegions(files: readonly CompiledPolicyFile[], locale: MessageLocale): Map<string, PathwayRegion[]> {
    const elements = files.flatMap(file => file.elements);
    const attributes = new Map<string, AnalysedAttribute>(elements.flatMap(e => (e.kind === 'attribute' ? [[e.id, analysedFromCompiled(e)] as const] : [])));
    const regions = new Map<string, PathwayRegion[]>();
    // The document draws these for the nämnd: attributes, values and förlopp by their titles.
    const compiled = new Map(elements.flatMap(e => (e.kind === 'attribute' ? [[e.id, e] as const] : [])));
    const labels: CaseLabels = {
        attribute: id => compiled.get(id)?.title,
        value: (id, value) => {
            const domain = compiled.get(id)?.domain;
            const title = domain?.type === 'enumeration' ? domain.values.find(v => v.name === value)?.title : undefined;
            return title ?? value.replace(/_/g, ' ');
        },
    };
    for (const model of elements.filter((e): e is PathwayModel => e.kind === 'pathwayModel')) {
        const criteria = model.pathways.map(p => p.criterion);
        const split = splitCases(criteria.filter(c => c !== undefined), attributes);
        if (!split.complete) {
            continue; // too many cases to draw; the checker reports the model as undecided
        }
        const findings = split.cases.map(found => {
            let index = 0;
            const verdicts = criteria.map(c => (c === undefined ? false : found.verdicts[index++]));
            return { case: found, placement: placementText(model, verdicts, locale, p => p.title ?? p.name.replace(/_/g, ' ')) };
        });
        regions.set(model.id, mergeCases(findings, f => f.placement, attributes).map(f => ({ text: describeCase(f.case, attributes, locale, [], labels).text, placement: f.placement })));
    }
    return regions;
}

/**
 * A placement in words, as the runtime places (runtime/src/placement.ts): one förlopp; two where one
 * allows the other as secondary (the first that does is primary); otherwise no förlopp or a clash.
 */
export function placementText(model: PathwayModel, verdicts: readonly boolean[], locale: MessageLocale, label: (pathway: Pathway) => string = p => p.name): string {
    const sv = locale === 'sv';
    const holding = model.pathways.filter((_, i) => verdicts[i]);
    if (holding.length === 0) {
        return sv ? 'inget förlopp' : 'no förlopp';
    }
    if (holding.length === 1) {
        return label(holding[0]);
    }
    if (holding.length === 2) {
        const [a, b] = holding;
        const [primary, other] = a.secondary.includes(b.id) ? [a, b] : b.secondary.includes(a.id) ? [b, a] : [undefined, undefined];
        if (primary && other) {
            return `${label(primary)} (${sv ? 'sekundärt' : 'secondary'} ${label(other)})`;
        }
    }
    return `${holding.map(label).join(sv ? ' och ' : ' and ')} (${sv ? 'krock' : 'clash'})`;
}
