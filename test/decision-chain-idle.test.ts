import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime } from '@regelratt/runtime';

/**
 * Idle rows judged per citizen through a chain: a downstream row whose cells some value of the
 * chained column meets, but no citizen reaches, because the upstream gives that value only to
 * citizens the row's other cells leave out, is `decision-row-unreached`, naming what the upstream
 * gives; the runtime agrees (no citizen of the domains gets the row).
 */
const policy = (third: string) => `
egenskap x : heltal 0–10
beslutstabell u "Nivå" {
    | x    || nivå |
    | < 5  || 1    |
    | >= 5 || 2    |
}
beslutstabell d "Avgift" {
    träff första
    | u.nivå | x    || avgift |
    | 1      | < 5  || 100 kr |
    | 2      | >= 5 || 200 kr |
    ${third}
}
`;

const textPolicy = `
egenskap ålder : heltal 0–120 år
beslutstabell insatsval "Insats" {
    | ålder || insatsform  |
    | < 65  || "Hemtjänst" |
    | >= 65 || "Boende"    |
}
beslutstabell utförare "Utförare" {
    | insatsval.insatsform | ålder || utförare   |
    | "Hemtjänst"          | < 65  || "Kommunen" |
    | "Boende"             | -     || "Boendet"  |
    | "Hemtjänst"          | >= 80 || "Privat"   |
}
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function check(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/kedja/idle.regel', text }]);
    return checked;
}

describe('rows no citizen reaches through a chain', () => {
    test('a row whose level the upstream gives only to citizens its other cell leaves out is decision-row-unreached, naming what the upstream gives', async () => {
        const checked = await check(policy('| 2      | < 5  || 300 kr |'));
        expect(checked.diagnostics.filter(d => d.severity === 'error').map(d => d.message)).toEqual([]);
        const unreached = checked.diagnostics.filter(d => d.code === 'decision-row-unreached');
        expect(unreached.map(d => d.message)).toEqual([expect.stringContaining('Rad 3 i beslutstabellen d ')]);
        expect(unreached[0].message).toContain('u.nivå');
        expect(unreached[0].message).toMatch(/1 (och|eller) 2/);
        expect(checked.diagnostics.filter(d => d.code === 'decision-row-never-matches')).toEqual([]);
        // The runtime agrees: no citizen gets row 3.
        const runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'idle.regel')))]);
        for (let x = 0; x <= 10; x++) {
            expect(runtime.decide('d', { citizen: { x } }).row).not.toBe(3);
        }
    });

    test('a default that values of the chained column would reach but no citizen does is decision-default-unused', async () => {
        const checked = await check(policy('annars              || 0 kr   |'));
        expect(checked.diagnostics.filter(d => d.severity === 'error').map(d => d.message)).toEqual([]);
        expect(checked.diagnostics.filter(d => d.code === 'decision-default-unused')).toHaveLength(1);
    });

    test('a row a citizen reaches is not reported', async () => {
        const checked = await check(policy('| -      | -    || 300 kr |').replace('| >= 5 || 2    |', '| >= 5 || 2    |\n    | -    || 3    |').replace('beslutstabell u "Nivå" {', 'beslutstabell u "Nivå" {\n    träff första'));
        expect(checked.diagnostics.filter(d => d.code === 'decision-row-unreached')).toEqual([]);
    });

    test('a text row the upstream gives only to younger citizens than the row reads is unreached', async () => {
        const checked = await check(textPolicy);
        const unreached = checked.diagnostics.filter(d => d.code === 'decision-row-unreached');
        expect(unreached.map(d => d.message)).toEqual([expect.stringContaining('Rad 3 i beslutstabellen utförare')]);
        expect(unreached[0].message).toContain('"Hemtjänst"');
        expect(unreached[0].message).toContain('"Boende"');
    });

    test('in English', async () => {
        const english = createRegelrattServices(EmptyFileSystem).Regelratt;
        english.i18n.Locale.current = 'en';
        const [checked] = await checkPolicies(english, [{ path: '/kedja/idle.regel', text: textPolicy }]);
        expect(checked.diagnostics.filter(d => d.code === 'decision-row-unreached').map(d => d.message)).toEqual([expect.stringContaining('Row 3 of the decision table utförare')]);
    });
});
