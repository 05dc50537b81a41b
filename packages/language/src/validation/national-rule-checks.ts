import { type AstNode, type ValidationChecks } from 'langium';
import type { Calculation, Law, RegelrattAstType } from '../generated/ast.js';
import { ceilingAboveNational, citationAfterRepeal, describeCase, minimumBelowNational, minimumBelowNationalForSome, uncappedAboveNational, type LawInForce } from '@regelratt/analyses';
import { changeDates, parametersRead } from '../analysis/parameter-values.js';
import { elementId } from '../compiler/element-ids.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { swedishDecimal } from '@regelratt/analyses';
import { compiledWorkspace } from './compiled-workspace.js';
import { createReport } from './report.js';

/** The national minimibelopp for a single person, in the shipped library `nationellt`. */
const NATIONAL_MINIMUM = 'minimibelopp_ensamstående';
/** The lowest national minimibelopp, for each of a couple, in `nationellt`. */
const NATIONAL_COUPLE_MINIMUM = 'minimibelopp_sammanlevande';
/** The national maxtaxa for hemtjänst and dagverksamhet (the care a fee charges for), in `nationellt`. */
const NATIONAL_CEILING = 'maxtaxa_hemtjänst';

/**
 * A fee against the national rules of the library it imports: its minimibelopp below the national
 * one on a date (`minimibelopp-below-national`), and the law its insats cites repealed while the
 * fee is in force (`law-replaced`, naming the new law's paragraph where the library maps it).
 * Thin: the analyses in analysis/national-rules.ts decide, the runtime computes every amount.
 */
export function nationalRuleChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const workspace = compiledWorkspace(services);
    const index = services.shared.workspace.IndexManager;
    const documents = services.shared.workspace.LangiumDocuments;
    const locator = services.workspace.AstNodeLocator;
    const imports = services.imports.Imports;
    const declared = <T extends AstNode>(type: string, accept: (node: T) => boolean): T[] => index.allElements(type).toArray().flatMap(description => {
        const document = documents.getDocument(description.documentUri);
        const node = document && locator.getAstNode(document.parseResult.value, description.path);
        return node && accept(node as T) ? [node as T] : [];
    });
    return {
        Fee: (fee, accept) => {
            const report = createReport(accept, locale);
            const from = fee.validity?.from;
            if (!from) {
                return;
            }
            const fromLibrary = (name: string) => declared<Calculation>('Calculation', node => node.name === name && imports.libraryOf(documentUri(node)) !== undefined)[0];
            const national = fromLibrary(NATIONAL_MINIMUM);
            const runtime = workspace()?.runtime;
            const compiled = runtime?.policy.find(elementId(fee));
            const ceiling = fromLibrary(NATIONAL_CEILING);
            if (ceiling && runtime && compiled?.kind === 'fee') {
                const dates = changeDates([...parametersRead(fee.ceiling), ...parametersRead(ceiling.value)], from, fee.validity?.to);
                const amount = (value: { toDecimal(places?: number): string }) => swedishDecimal(value.toDecimal(2));
                const above = compiled.ceiling && ceilingAboveNational(runtime, compiled.ceiling, { ref: elementId(ceiling) }, dates);
                if (above) {
                    report('maxtaxa-above-national', { fee: fee.name, date: above.date, municipal: amount(above.municipal), national: amount(above.national) }, { node: fee, property: 'ceiling' });
                }
                const uncapped = uncappedAboveNational(runtime, compiled, { ref: elementId(ceiling) }, dates);
                if (uncapped) {
                    report(uncapped.kind === 'level' ? 'fee-level-above-maxtaxa' : 'fee-without-maxtaxa', {
                        fee: fee.name, date: uncapped.date, national: amount(uncapped.national),
                        level: uncapped.level ?? '', amount: uncapped.kind === 'level' ? amount(uncapped.amount) : '',
                    }, { node: fee, property: 'name' });
                }
            }
            if (fee.room && national && runtime && compiled?.kind === 'fee' && compiled.room) {
                const dates = changeDates([...parametersRead(fee.room), ...parametersRead(national.value)], from, fee.validity?.to);
                const below = minimumBelowNational(runtime, compiled.room, { ref: elementId(national) }, dates);
                if (below) {
                    report('minimibelopp-below-national', {
                        fee: fee.name, date: below.date, municipal: swedishDecimal(below.municipal.toDecimal(2)), national: swedishDecimal(below.national.toDecimal(2)),
                    }, { node: fee, property: 'room' });
                }
                const couple = fromLibrary(NATIONAL_COUPLE_MINIMUM);
                // A minimibelopp chosen by the case (couples, ages): each branch held to the lowest national amount.
                const forSome = !below && couple ? minimumBelowNationalForSome(runtime, compiled.room, { ref: elementId(couple) }, changeDates([...parametersRead(fee.room), ...parametersRead(couple.value)], from, fee.validity?.to)) : undefined;
                if (forSome) {
                    const witness = describeCase(forSome.witness, forSome.attributes, locale.current);
                    report('minimibelopp-below-national-for-some', {
                        fee: fee.name, date: forSome.date, municipal: swedishDecimal(forSome.municipal.toDecimal(2)), national: swedishDecimal(forSome.national.toDecimal(2)), witness: witness.text,
                    }, { node: fee, property: 'room' }, witness);
                }
            }
            const service = fee.service?.ref;
            for (const citation of service?.legalBasis ?? []) {
                const law = citation.law.ref;
                const known = law && lawInForce(law, declared<Law>('Law', node => node.validity?.to !== undefined));
                const finding = known && citationAfterRepeal({ from, to: fee.validity?.to }, known, { chapter: citation.chapter, section: citation.section });
                if (finding && known) {
                    report('law-replaced', {
                        fee: fee.name, service: service!.name, citation: paragraphText(citation.chapter, citation.section), law: known.title,
                        repealed: finding.repealed, newLaw: known.replacedBy ?? '', replacement: finding.replacement ?? '',
                    }, { node: fee, property: 'service' });
                }
            }
        },
    };
}

function documentUri(node: AstNode) {
    let root = node;
    while (root.$container) {
        root = root.$container;
    }
    return root.$document!.uri;
}

/**
 * What is known of a cited law's validity: its own block, or else that of a law in the policy set
 * (the national library's) with the same SFS number in its title, so a policy's own
 * `lag SoL "Socialtjänstlagen (2001:453)"` is checked against the library's SoL2001.
 */
function lawInForce(law: Law, withValidity: readonly Law[]): LawInForce | undefined {
    const sfs = /\d{4}:\d+/.exec(law.title ?? '')?.[0];
    const source = law.validity?.to !== undefined ? law : withValidity.find(other => sfs !== undefined && other.title?.includes(`(${sfs})`));
    if (!source?.validity?.to) {
        return undefined;
    }
    return {
        title: law.title ?? law.name,
        to: source.validity.to,
        replacedBy: source.replacedBy?.ref?.title,
        correspondences: source.correspondences.map(c => ({
            chapter: c.chapter,
            section: c.section,
            target: paragraphText(c.target.chapter, c.target.section),
        })),
    };
}

function paragraphText(chapter: string | undefined, section: string): string {
    return chapter ? `${chapter} kap. ${section} §` : `${section} §`;
}

