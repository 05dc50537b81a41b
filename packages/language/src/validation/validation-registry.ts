import type { ValidationChecks } from 'langium';
import type { RegelrattAstType } from '../generated/ast.js';
import type { RegelrattServices } from '../regelratt-module.js';
import type { RegelrattValidationRegistry } from './regelratt-validation-registry.js';
import { areaChecks } from './area-checks.js';
import { calculationChecks } from './calculation-checks.js';
import { calculationBoundChecks } from './calculation-bound-checks.js';
import { calculationNeedChecks } from './calculation-need-checks.js';
import { clauseChecks } from './clause-checks.js';
import { criterionTypeChecks } from './criterion-type-checks.js';
import { dateChecks } from './date-checks.js';
import { dutyChecks } from './duty-checks.js';
import { decisionTableChecks } from './decision-table-checks.js';
import { decisionChainChecks } from './decision-chain-checks.js';
import { exampleChecks } from './example-checks.js';
import { exceptionChecks } from './exception-checks.js';
import { exampleCoverageChecks } from './example-coverage-checks.js';
import { exampleResultChecks } from './example-result-checks.js';
import { feeChecks } from './fee-checks.js';
import { formatLimitChecks } from './format-limit-checks.js';
import { importChecks } from './import-checks.js';
import { inclusionChecks } from './inclusion-checks.js';
import { eligibilityChecks } from './eligibility-checks.js';
import { limitChecks } from './limit-checks.js';
import { levelTableAnalyses, levelTableChecks } from './level-table-checks.js';
import { nationalRuleChecks } from './national-rule-checks.js';
import { nameChecks } from './name-checks.js';
import { obligationChecks } from './obligation-checks.js';
import { pathwayCoverageChecks } from './pathway-coverage-checks.js';
import { premiumChecks } from './premium-checks.js';
import { quantityChecks } from './quantity-checks.js';
import { rateChecks } from './rate-checks.js';
import { testPhaseChecks } from './test-phase-checks.js';
import { usageChecks } from './usage-checks.js';
import { versionChecks } from './version-checks.js';

/**
 * Every validation of the language, each concern in its own file: first the checks of one
 * declaration in isolation, then the analyses that reason over criteria, levels, money and time.
 *
 * `local`: the group reads only the declaration a node belongs to, what its references lead to and
 * the messages' language, so its findings for a declaration that did not change are given again
 * (declaration-reuse.ts). A group that looks at other declarations by any other way (the workspace's
 * names, the compiled workspace, every guideline's obligations, the versions of others) is not local.
 */
export function registerValidationChecks(services: RegelrattServices): void {
    const registry = services.validation.ValidationRegistry as RegelrattValidationRegistry;
    const groups: Array<[ValidationChecks<RegelrattAstType>, 'local' | 'workspace']> = [
        [nameChecks(services), 'workspace'],
        [clauseChecks(services), 'local'],
        [quantityChecks(services), 'local'],
        [criterionTypeChecks(services), 'local'],
        [dateChecks(services), 'local'],
        [formatLimitChecks(services), 'local'],
        [calculationChecks(services), 'local'],
        [exampleChecks(services), 'workspace'],
        [levelTableChecks(services), 'local'],
        [pathwayCoverageChecks(services), 'local'],
        [decisionTableChecks(services), 'local'],
        [decisionChainChecks(services), 'local'],
        [calculationNeedChecks(services), 'workspace'],
        [calculationBoundChecks(services), 'workspace'],
        [inclusionChecks(services), 'local'],
        [exceptionChecks(services), 'local'],
        [eligibilityChecks(services), 'workspace'],
        [limitChecks(services), 'workspace'],
        [testPhaseChecks(services), 'local'],
        [levelTableAnalyses(services), 'local'],
        [premiumChecks(services), 'local'],
        [feeChecks(services), 'local'],
        [rateChecks(services), 'local'],
        [versionChecks(services), 'workspace'],
        [obligationChecks(services), 'workspace'],
        [dutyChecks(services), 'workspace'],
        [usageChecks(services), 'workspace'],
        [exampleCoverageChecks(services), 'workspace'],
        [exampleResultChecks(services), 'workspace'],
        [importChecks(services), 'workspace'],
        [nationalRuleChecks(services), 'workspace'],
        [areaChecks(services), 'workspace'],
    ];
    for (const [checks, reach] of groups) {
        if (reach === 'local') {
            registry.registerLocal(checks);
        } else {
            registry.register(checks);
        }
    }
}
