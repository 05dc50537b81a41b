import { WorkspaceCache, type AstNode, type ValidationChecks } from 'langium';
import type { Guideline, Obligation, Policy, RegelrattAstType } from '../generated/ast.js';
import { isGuideline } from '../generated/ast.js';
import { analyseDuties, type Duty, type DutyFinding } from '@regelratt/analyses';
import { forces } from '../compiler/compile-policy.js';
import { compileDeadline, compileFrequency, compileSpan } from '../compiler/compile-values.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { relatedAt } from './related-location.js';
import { createReport } from './report.js';

/** A term as the writer wrote it (`inom 2 veckor från ansökan`, `var 18:e månad`), on one line. */
function written(node: AstNode | undefined): string {
    return node?.$cstNode?.text.replace(/\s+/g, ' ') ?? '';
}

/**
 * Deadlines that cannot all be met, and terms that outlast the decision: a thin adapter over
 * analyseDuties, run once per workspace state over every guideline's obligations and reported at
 * the obligation that must act first (conflicts) or whose term is too long.
 */
export function dutyChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const documents = services.shared.workspace.LangiumDocuments;
    const findings = new WorkspaceCache<string, { obligations: Obligation[]; byDuty: Map<Obligation, DutyFinding[]> }>(services.shared);
    const all = () => findings.get('all', () => {
        const obligations = documents.all.toArray().flatMap(document =>
            (document.parseResult.value as Policy).elements?.filter(isGuideline).flatMap(guideline => guideline.obligations) ?? [])
            .filter(obligation => obligation.force !== undefined);
        const duties = obligations.map((obligation): Duty => {
            const validity = obligation.validity ?? (obligation.$container as Guideline).validity;
            return {
                force: forces[obligation.force],
                ...(obligation.action ? { action: obligation.action } : {}),
                governs: obligation.governs.map(g => g.ref?.name ?? g.$refText),
                ...(obligation.deadline ? { deadline: compileDeadline(obligation.deadline) } : {}),
                ...(obligation.decisionLimit ? { decisionLimit: compileSpan(obligation.decisionLimit) } : {}),
                ...(obligation.followUp ? { followUp: compileFrequency(obligation.followUp) } : {}),
                inForce: validity ? { from: validity.from, ...(validity.to ? { to: validity.to } : {}) } : { from: '0000-01-01' },
            };
        });
        const byDuty = new Map<Obligation, DutyFinding[]>();
        for (const finding of analyseDuties(duties)) {
            const at = obligations[finding.duty];
            byDuty.set(at, [...(byDuty.get(at) ?? []), finding]);
        }
        return { obligations, byDuty };
    });

    return {
        DecisionLimit: (limit, accept) => {
            if (Number(limit.amount) === 0) {
                createReport(accept, locale)('impossible-term', { what: locale.current === 'sv' ? 'En beslutstid' : 'A decision period', unit: limit.unit }, { node: limit });
            }
        },
        Obligation: (obligation, accept) => {
            const { obligations, byDuty } = all();
            const report = createReport(accept, locale);
            const sv = locale.current === 'sv';
            const start = (date: string) => date === '0000-01-01' ? (sv ? 'början' : 'the start') : date;
            const named = (other: Obligation) => `${other.name} (${(other.$container as Guideline).name})`;
            for (const finding of byDuty.get(obligation) ?? []) {
                switch (finding.kind) {
                    // Both name the other deadline the same way; only the wording differs.
                    case 'conflicting-deadlines':
                    case 'differing-deadlines': {
                        const other = obligations[finding.other];
                        report(finding.kind, {
                            deadline: written(obligation.deadline), other: named(other), otherDeadline: written(other.deadline),
                            action: obligation.action!, date: start(finding.date),
                        }, { node: obligation, property: 'deadline', relatedInformation: relatedAt(other, other.name) });
                        break;
                    }
                    case 'deadline-beyond-decision': {
                        const other = obligations[finding.limitedBy];
                        const limit = other.decisionLimit!;
                        const thing = obligation.governs.map(g => g.ref?.name ?? g.$refText).find(name => other.governs.some(g => (g.ref?.name ?? g.$refText) === name))!;
                        const followUp = finding.term === 'follow-up';
                        report('deadline-beyond-decision', {
                            term: followUp ? (sv ? 'Uppföljningsintervallet' : 'The follow-up interval') : (sv ? 'Fristen' : 'The deadline'),
                            span: written(followUp ? obligation.followUp : obligation.deadline),
                            other: named(other), limit: `${limit.amount} ${limit.unit}`, thing, date: start(finding.date),
                        }, { node: obligation, property: followUp ? 'followUp' : 'deadline', relatedInformation: relatedAt(other, other.name) });
                        break;
                    }
                }
            }
        },
    };
}
