import type { RegelrattServices } from '../regelratt-module.js';
import { clauseChecks } from './clause-checks.js';
import { criterionTypeChecks } from './criterion-type-checks.js';
import { dateChecks } from './date-checks.js';
import { levelTableChecks } from './level-table-checks.js';
import { nameChecks } from './name-checks.js';
import { quantityChecks } from './quantity-checks.js';

/** Every validation of the language, each concern in its own file. Deeper analyses register here as they arrive. */
export function registerValidationChecks(services: RegelrattServices): void {
    const registry = services.validation.ValidationRegistry;
    for (const checks of [
        nameChecks(services),
        clauseChecks(services),
        quantityChecks(services),
        criterionTypeChecks(services),
        dateChecks(services),
        levelTableChecks(services),
    ]) {
        registry.register(checks);
    }
}
