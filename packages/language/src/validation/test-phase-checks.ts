import type { ValidationChecks } from 'langium';
import type { RegelrattAstType, TestPhase } from '../generated/ast.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { dayAfter } from '@regelratt/analyses';
import { createReport } from './report.js';

/** The last day a test phase runs: its extension if it has one, else the end of its period. */
function phaseEnd(phase: TestPhase): string | undefined {
    return phase.extendedTo ?? phase.period?.to;
}

/** A pilot stays inside its test phase: its services, units and dates; participants are honest about the area. */
export function testPhaseChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    return {
        Pilot: (pilot, accept) => {
            const phase = pilot.phase?.ref;
            if (!phase) {
                return;
            }
            const report = createReport(accept, locale);
            pilot.services.forEach((reference, index) => {
                const service = reference.ref;
                if (!service) {
                    return;
                }
                if (phase.excluded.some(e => e.ref === service)) {
                    report('pilot-service-excluded', { service: service.name, phase: phase.name }, { node: pilot, property: 'services', index });
                } else if (phase.services.length > 0 && !phase.services.some(s => s.ref === service)) {
                    report('pilot-service-not-in-phase', { service: service.name, phase: phase.name }, { node: pilot, property: 'services', index });
                }
            });
            pilot.units.forEach((reference, index) => {
                const unit = reference.ref;
                if (unit && !(phase.units?.participants ?? []).some(p => p.unit.ref === unit)) {
                    report('pilot-unit-not-in-phase', { unit: unit.name, phase: phase.name }, { node: pilot, property: 'units', index });
                }
            });
            const start = phase.period?.from;
            const end = phaseEnd(phase);
            if (pilot.period && start && end) {
                const outside = pilot.period.from < start ? pilot.period.from
                    : pilot.period.from > end ? pilot.period.from
                    : (pilot.period.to ?? '9999-12-31') > end ? dayAfter(end) : undefined;
                if (outside) {
                    report('pilot-period-outside-phase', { date: outside, phase: phase.name, from: start, to: end }, { node: pilot, property: 'period' });
                }
            }
        },
        TestPhase: (phase, accept) => {
            const area = phase.area?.ref;
            if (!area) {
                return;
            }
            const report = createReport(accept, locale);
            for (const participation of phase.units?.participants ?? []) {
                const unit = participation.unit.ref;
                if (!unit) {
                    continue;
                }
                const inside = unit.area?.ref === area;
                if (!inside && !participation.outsideArea) {
                    report('unit-outside-area-unmarked', { unit: unit.name, area: area.name }, { node: participation, property: 'unit' });
                } else if (inside && participation.outsideArea) {
                    report('unit-marked-outside-but-inside', { unit: unit.name, area: area.name }, { node: participation, property: 'outsideArea' });
                }
            }
        },
    };
}

