import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CompiledPolicyFile } from '@regelratt/format';
import { compiledKindName, swedishDecimal } from '@regelratt/language';
import { evaluateCase, PolicyRuntime, RegelrattRuntimeError } from '@regelratt/runtime';
import type { CliOptions } from '../arguments.js';
import type { CliIO } from '../io.js';
import { ImpactTally, type RegisterImpact } from '../register-impact.js';
import { registerCases, registerFormat } from '../register-cases.js';
import { RegisterLineTooLongError } from '../register-line-limit.js';
import type { ImpactWording } from '../impact-output.js';

/** Progress on a terminal every this many cases. */
const PROGRESS_EVERY = 50_000;

export interface RegisterRun {
    impact: RegisterImpact;
    /** Lines that gave no case both versions could be asked (not JSON, a bad value), by line number, at most 20 kept. */
    unreadable: { count: number; first: Array<{ line: number; problem: string }> };
}

/**
 * `diff --register`: every case of the register answered by both versions, added up by ImpactTally.
 * A case the runtime refuses as input (an unknown attribute, a value outside the domain) is counted
 * as unreadable with its line, not as a change.
 */
export async function registerImpact(before: readonly CompiledPolicyFile[], after: readonly CompiledPolicyFile[], options: CliOptions, io: CliIO & { stderrIsTerminal?: boolean }): Promise<RegisterRun | { problem: string }> {
    const sv = options.locale === 'sv';
    const file = path.resolve(io.cwd, options.register!);
    const format = registerFormat(file);
    if (!format) {
        return { problem: sv ? `${options.register}: registret ska vara .ndjson, .jsonl, .csv eller .xlsx.` : `${options.register}: the register must be .ndjson, .jsonl, .csv or .xlsx.` };
    }
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile()) {
        return { problem: sv ? `hittar inte registret ${options.register}.` : `cannot find the register ${options.register}.` };
    }
    const runtimes = [new PolicyRuntime(before, { validate: false }), new PolicyRuntime(after, { validate: false })];
    const tally = new ImpactTally();
    const unreadable: RegisterRun['unreadable'] = { count: 0, first: [] };
    const refuse = (line: number, problem: string) => {
        unreadable.count++;
        if (unreadable.first.length < 20) {
            unreadable.first.push({ line, problem });
        }
    };
    let cases = 0;
    try {
        for await (const entry of registerCases(file, format, options.columnMap, options.locale, options.maxFileBytes)) {
            if ('problem' in entry) {
                refuse(entry.line, entry.problem);
                continue;
            }
            const input = options.date && !entry.case.date ? { ...entry.case, date: options.date } : entry.case;
            try {
                tally.add(evaluateCase(runtimes[0], input), evaluateCase(runtimes[1], input), input.level);
            } catch (error) {
                if (!(error instanceof RegelrattRuntimeError)) {
                    throw error;
                }
                refuse(entry.line, error.messageIn(options.locale));
                continue;
            }
            cases++;
            if (io.stderrIsTerminal && cases % PROGRESS_EVERY === 0) {
                io.stderr.write(`\r${sv ? 'Fall besvarade' : 'Cases answered'}: ${cases.toLocaleString(sv ? 'sv-SE' : 'en-US')}`);
            }
        }
    } catch (error) {
        if (error instanceof RegisterLineTooLongError) {
            return { problem: `${options.register}: ${error.message}` };
        }
        throw error;
    }
    if (io.stderrIsTerminal && cases >= PROGRESS_EVERY) {
        io.stderr.write('\n');
    }
    return { impact: tally.result(), unreadable };
}

/**
 * How the impact report names things, from the elements of either version. For the terminal each
 * answer is named by kind, name and title (`beräkning hemtjänstavgift (Avgift per månad)`), so the
 * policy writer finds it in the files; for the tjänsteskrivelse and the nämnd (Markdown, HTML) by
 * its title alone. The values answers move between are said with titles for förlopp and elements,
 * Swedish figures (`1 409`) and words for column names, in both.
 */
export function impactWording(files: ReadonlyArray<readonly CompiledPolicyFile[]>, locale: 'sv' | 'en', reader: 'writer' | 'nämnd'): ImpactWording {
    const elements = new Map(files.flat().flatMap(file => file.elements).map(element => [element.id, element]));
    const titles = new Map<string, string>();
    for (const element of elements.values()) {
        titles.set(element.id, element.title ?? words(element.name));
        if (element.kind === 'pathwayModel') {
            for (const pathway of element.pathways) {
                titles.set(pathway.id, pathway.title ?? words(pathway.name));
            }
        }
    }
    return {
        element: id => {
            const element = elements.get(id);
            if (!element) {
                return id;
            }
            return reader === 'nämnd' ? titles.get(id)! : `${compiledKindName(element.kind, locale)} ${element.name}${element.title ? ` (${element.title})` : ''}`;
        },
        // An element id is replaced by its title whole, so figures inside titles (a year) are left as written.
        value: text => text.replace(/([A-Za-z]+\/[\p{L}\p{N}_]+)|(-?\d+(?:\.\d+)?)|([\p{L}\p{N}]+(?:_[\p{L}\p{N}]+)+)/gu, (whole, id: string | undefined, figure: string | undefined, name: string | undefined) =>
            id !== undefined ? titles.get(id) ?? whole : figure !== undefined ? (locale === 'sv' ? swedishDecimal(figure) : figure) : words(name!)),
    };
}

/** A name as words: `per_timme` → `per timme`. */
function words(name: string): string {
    return name.replace(/_/g, ' ');
}
