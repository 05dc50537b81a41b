import type { CompiledPolicyFile, PathwayModel } from '@regelratt/format';
import type { MessageLocale } from '../i18n/locale.js';
import type { AnalysedAttribute } from './attribute-domain.js';
import { splitCases } from './case-split.js';
import { analysedFromCompiled } from './compiled-attributes.js';
import { mergeCases } from './merge-cases.js';
import { describeCase } from './witness-text.js';

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
    for (const model of elements.filter((e): e is PathwayModel => e.kind === 'pathwayModel')) {
        const criteria = model.pathways.map(p => p.criterion);
        const split = splitCases(criteria.filter(c => c !== undefined), attributes);
        if (!split.complete) {
            continue; // too many cases to draw; the checker reports the model as undecided
        }
        const findings = split.cases.map(found => {
            let index = 0;
            const verdicts = criteria.map(c => (c === undefined ? false : found.verdicts[index++]));
            return { case: found, placement: placementText(model, verdicts, locale) };
        });
        regions.set(model.id, mergeCases(findings, f => f.placement, attributes).map(f => ({ text: describeCase(f.case, attributes, locale).text, placement: f.placement })));
    }
    return regions;
}

/**
 * A placement in words, as the runtime places (runtime/src/placement.ts): one förlopp; two where one
 * allows the other as secondary (the first that does is primary); otherwise no förlopp or a clash.
 */
export function placementText(model: PathwayModel, verdicts: readonly boolean[], locale: MessageLocale): string {
    const sv = locale === 'sv';
    const holding = model.pathways.filter((_, i) => verdicts[i]);
    if (holding.length === 0) {
        return sv ? 'inget förlopp' : 'no förlopp';
    }
    if (holding.length === 1) {
        return holding[0].name;
    }
    if (holding.length === 2) {
        const [a, b] = holding;
        const [primary, other] = a.secondary.includes(b.id) ? [a, b] : b.secondary.includes(a.id) ? [b, a] : [undefined, undefined];
        if (primary && other) {
            return `${primary.name} (${sv ? 'sekundärt' : 'secondary'} ${other.name})`;
        }
    }
    return `${holding.map(p => p.name).join(sv ? ' och ' : ' and ')} (${sv ? 'krock' : 'clash'})`;
}
