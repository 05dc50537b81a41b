import type { RegelrattServices } from '../regelratt-module.js';
import { calculationChecks } from './calculation-checks.js';
import { calculationBoundChecks } from './calculation-bound-checks.js';
import { calculationNeedChecks } from './calculation-need-checks.js';
import { clauseChecks } from './clause-checks.js';
import { criterionTypeChecks } from './criterion-type-checks.js';
import { dateChecks } from './date-checks.js';
import { decisionTableChecks } from './decision-table-checks.js';
import { exampleChecks } from './example-checks.js';
import { exampleCoverageChecks } from './example-coverage-checks.js';
import { feeChecks } from './fee-checks.js';
import { formatLimitChecks } from './format-limit-checks.js';
import { inclusionChecks } from './inclusion-checks.js';
import { levelTableAnalyses, levelTableChecks } from './level-table-checks.js';
import { nameChecks } from './name-checks.js';
import { obligationChecks } from './obligation-checks.js';
import { pathwayCoverageChecks } from './pathway-coverage-checks.js';
import { premiumChecks } from './premium-checks.js';
import { quantityChecks } from './quantity-checks.js';
import { testPhaseChecks } from './test-phase-checks.js';
import { usageChecks } from './usage-checks.js';
import { versionChecks } from './version-checks.js';

/**
 * Every validation of the language, each concern in its own file: first the checks of one
 * declaration in isolation, then the analyses that reason over criteria, levels, money and time.
 */
export function registerValidationChecks(services: RegelrattServices): void {
    const registry = services.validation.ValidationRegistry;
    for (const checks of [
        nameChecks(services),
        clauseChecks(services),
        quantityChecks(services),
        criterionTypeChecks(services),
        dateChecks(services),
        formatLimitChecks(services),
        calculationChecks(services),
        exampleChecks(services),
        levelTableChecks(services),
        pathwayCoverageChecks(services),
        decisionTableChecks(services),
        calculationNeedChecks(services),
        calculationBoundChecks(services),
        inclusionChecks(services),
        testPhaseChecks(services),
        levelTableAnalyses(services),
        premiumChecks(services),
        feeChecks(services),
        versionChecks(services),
        obligationChecks(services),
        usageChecks(services),
        exampleCoverageChecks(services),
    ]) {
        registry.register(checks);
    }
}
