import type { AstNode, DiagnosticInfo, ValidationAcceptor } from 'langium';
import { defaultSeverity, renderMessage, type DiagnosticCode, type MessageArgs } from '../i18n/diagnostic-catalogue.js';
import type { LocaleSetting } from '@regelratt/analyses';
import type { Witness } from '@regelratt/analyses';

export type ReportTarget<N extends AstNode> = Omit<DiagnosticInfo<N>, 'code' | 'data' | 'codeDescription'>;

/**
 * Reports a catalogued diagnostic: message in the current locale, code and arguments kept in `data`
 * so other tools can re-render it, and for analysis findings the citizen (witness) it is about.
 */
export type Report = <N extends AstNode>(code: DiagnosticCode, args: MessageArgs, target: ReportTarget<N>, witness?: Witness) => void;

export function createReport(accept: ValidationAcceptor, locale: LocaleSetting): Report {
    return (code, args, target, witness) => {
        accept(defaultSeverity(code), renderMessage(code, args, locale.current), {
            ...target,
            code,
            data: witness ? { code, args, witness } : { code, args },
        });
    };
}
