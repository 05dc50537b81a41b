import { labelOf, type Reason } from '@regelratt/document';
import type { CaseAnswer, PolicyRuntime } from '@regelratt/runtime';

type Entry = { reason?: Reason; error?: { code: string; message: string } } & Record<string, unknown>;

/** The key that names each kind of answer's element, in the order a reader meets them. */
const SECTIONS = [['placements', 'model'], ['inclusions', 'pilot'], ['compensation', 'table'], ['fees', 'fee'], ['rates', 'rate'], ['decisions', 'table'], ['amounts', 'calculation'], ['eligibility', 'service']] as const satisfies ReadonlyArray<readonly [keyof CaseAnswer, string]>;

/**
 * One case's answers as text a case officer reads: each answer's reason, one after another; an
 * answer the policy could not give says so with its element's title and the runtime's message.
 */
export function answerText(runtime: PolicyRuntime, answer: CaseAnswer, locale: 'sv' | 'en'): string {
    const blocks: string[] = [];
    for (const [section, key] of SECTIONS) {
        for (const entry of (answer[section] ?? []) as Entry[]) {
            if (entry.reason) {
                blocks.push(entry.reason.text);
            } else if (entry.error) {
                const id = String(entry[key]);
                const title = labelOf(runtime.policy.find(id), id);
                blocks.push(`${title}: ${locale === 'sv' ? 'inget svar' : 'no answer'} (${entry.error.code}). ${entry.error.message}`);
            }
        }
    }
    return `${blocks.join('\n\n')}\n`;
}
