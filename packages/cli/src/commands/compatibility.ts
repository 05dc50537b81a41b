import { compatibility } from '@regelratt/analyses';
import type { CliOptions } from '../arguments.js';
import type { CliIO } from '../io.js';
import { loadCompiled } from '../load-compiled.js';
import type { SharedServices } from '../load-workspace.js';
import { EXIT_USAGE_OR_IO } from './check.js';

/**
 * `regelratt kompatibilitet <old> <new>`: whether the new version breaks a system built against the
 * old one (analysis/compatibility.ts). Each version is sources or a folder of compiled JSON. Exit 0
 * when nothing breaks (additions allowed), 1 when something does, 2 when a version cannot be loaded.
 */
export async function runCompatibility(options: CliOptions, io: CliIO): Promise<number> {
    const sv = options.locale === 'sv';
    const [oldInput, newInput] = options.inputs;
    const shared: SharedServices = {};
    const before = await loadCompiled([oldInput], options, io.cwd, shared);
    const after = 'problem' in before ? before : await loadCompiled([newInput], options, io.cwd, shared);
    if ('problem' in before || 'problem' in after) {
        const failed = 'problem' in before ? { label: oldInput, problem: before.problem } : { label: newInput, problem: (after as { problem: string }).problem };
        io.stderr.write(`regelratt: ${failed.label}: ${failed.problem}\n`);
        return EXIT_USAGE_OR_IO;
    }
    const result = compatibility(before.files, after.files, options.locale);
    if (options.format === 'json') {
        io.stdout.write(`${JSON.stringify({ before: oldInput, after: newInput, breaking: result.breaking, changes: result.changes }, null, 2)}\n`);
    } else {
        const breaking = result.changes.filter(c => c.severity === 'breaking');
        const additive = result.changes.filter(c => c.severity === 'additive');
        const lines = [sv
            ? `${newInput} mot ${oldInput}: ${breaking.length === 0 ? 'inget bryter för system byggda mot den gamla versionen' : `${breaking.length} ${breaking.length === 1 ? 'ändring bryter' : 'ändringar bryter'} för system byggda mot den gamla versionen`}.`
            : `${newInput} against ${oldInput}: ${breaking.length === 0 ? 'nothing breaks for systems built against the old version' : `${breaking.length} ${breaking.length === 1 ? 'change breaks' : 'changes break'} systems built against the old version`}.`];
        for (const change of breaking) {
            lines.push(`  ${sv ? 'bryter' : 'breaks'}: ${change.text} [${change.code}]`);
        }
        for (const change of additive) {
            lines.push(`  ${sv ? 'tillägg' : 'addition'}: ${change.text} [${change.code}]`);
        }
        io.stdout.write(`${lines.join('\n')}\n`);
    }
    return result.breaking ? 1 : 0;
}
