import type { AstNode, DiagnosticInfo, ValidationAcceptor } from 'langium';
import { defaultSeverity, renderMessage, type DiagnosticCode, type MessageArgs } from '../i18n/diagnostic-catalogue.js';
import type { LocaleSetting } from '../i18n/locale.js';

export type ReportTarget<N extends AstNode> = Omit<DiagnosticInfo<N>, 'code' | 'data' | 'codeDescription'>;

/** Reports a catalogued diagnostic: message in the current locale, code and arguments kept in `data` so other tools can re-render it. */
export type Report = <N extends AstNode>(code: DiagnosticCode, args: MessageArgs, target: ReportTarget<N>) => void;

export function createReport(accept: ValidationAcceptor, locale: LocaleSetting): Report {
    return (code, args, target) => {
        accept(defaultSeverity(code), renderMessage(code, args, locale.current), {
            ...target,
            code,
            data: { code, args },
        });
    };
}
