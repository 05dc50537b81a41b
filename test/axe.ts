import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
    id: string;
    impact: string;
    targets: string[];
}

/**
 * The serious and critical WCAG 2.1 A/AA violations axe-core finds in the page as it is now (the
 * bar of the law on accessible digital public services, 2018:1937). Evaluated through the debugger:
 * the studio's Content-Security-Policy refuses an inline script tag.
 */
export async function seriousViolations(on: Page): Promise<AxeViolation[]> {
    if (!await on.evaluate("typeof axe !== 'undefined'")) {
        await on.evaluate(axeSource);
    }
    const violations = await on.evaluate("axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map(n => String(n.target)) })))") as AxeViolation[];
    return violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
}
