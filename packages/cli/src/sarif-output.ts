import { pathToFileURL } from 'node:url';
import { diagnosticCatalogue, isDiagnosticCode, renderMessage, type MessageLocale } from '@regelratt/language';
import type { ReportedDiagnostic } from './diagnostic-output.js';
import { DIAGNOSTIC_DOCS } from './generated/diagnostic-docs.js';

/**
 * `check --format sarif`: the findings as a SARIF 2.1.0 log, the format code-scanning tools read
 * (GitHub code scanning, Azure DevOps, the SARIF viewers). One rule per diagnostic code that occurs,
 * described from docs/diagnostics.md; one result per finding, with its place, the places it relates
 * to, the message in both languages and, for an analysis finding, the example citizen.
 */
export function formatSarif(diagnostics: readonly ReportedDiagnostic[], options: { locale: MessageLocale; version: string; cwd: string; translations?: readonly ReportedDiagnostic[] }): string {
    const codes = [...new Set(diagnostics.map(d => d.code))].sort();
    const ruleIndex = new Map(codes.map((code, index) => [code, index]));
    const rules = codes.map(code => {
        const docs = DIAGNOSTIC_DOCS[code];
        const severity = isDiagnosticCode(code) ? diagnosticCatalogue[code].severity : 'error';
        return {
            id: code,
            ...(docs ? {
                shortDescription: { text: docs.summary },
                fullDescription: { text: docs.summary },
                help: { text: docs.markdown, markdown: docs.markdown },
            } : {}),
            defaultConfiguration: { level: level(severity) },
            properties: { tags: [category(code)] },
        };
    });
    const location = (file: string, at: { line: number; column: number; endLine: number; endColumn: number }) => ({
        physicalLocation: {
            artifactLocation: { uri: encodeURI(file), ...(isRelative(file) ? { uriBaseId: 'SRCROOT' } : {}) },
            region: { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn },
        },
    });
    const other: MessageLocale = options.locale === 'sv' ? 'en' : 'sv';
    // The same check in the other language finds the same findings in the same order; one that
    // does not match its counterpart gets no translation rather than a wrong one.
    const counterpart = (diagnostic: ReportedDiagnostic, index: number): ReportedDiagnostic | undefined => {
        const candidate = options.translations?.[index];
        return candidate && candidate.code === diagnostic.code && candidate.file === diagnostic.file
            && candidate.line === diagnostic.line && candidate.column === diagnostic.column ? candidate : undefined;
    };
    const results = diagnostics.map((diagnostic, index) => {
        const twin = counterpart(diagnostic, index);
        const translated = twin ? twin.message
            // Without a run in the other language (a file that cannot be read), only what the arguments can say.
            : !options.translations && isDiagnosticCode(diagnostic.code) ? renderMessage(diagnostic.code, diagnostic.args, other) : undefined;
        const swedishArgs = options.locale === 'sv' ? diagnostic.args : twin?.args ?? diagnostic.args;
        const witness = diagnostic.witness ? ` (${options.locale === 'sv' ? 'exempel' : 'example'}: ${diagnostic.witness.text})` : '';
        return {
            ruleId: diagnostic.code,
            ruleIndex: ruleIndex.get(diagnostic.code)!,
            level: level(diagnostic.severity),
            message: { text: diagnostic.witness && !diagnostic.message.includes(diagnostic.witness.text) ? `${diagnostic.message}${witness}` : diagnostic.message },
            locations: [location(diagnostic.file, diagnostic)],
            ...(diagnostic.related ? {
                relatedLocations: diagnostic.related.map((related, id) => ({ id, ...location(related.file, related), message: { text: related.message } })),
            } : {}),
            // A stable identity for the same finding across runs, in either language: code, file and the Swedish message's arguments.
            partialFingerprints: { 'regelratt/v1': fingerprint(`${diagnostic.code}\u0000${diagnostic.file}\u0000${JSON.stringify(swedishArgs)}`) },
            properties: {
                messages: { [options.locale]: diagnostic.message, ...(translated ? { [other]: translated } : {}) },
                ...(diagnostic.witness ? { witness: diagnostic.witness } : {}),
            },
        };
    });
    const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'Regelrätt',
                    version: options.version,
                    semanticVersion: options.version,
                    language: options.locale === 'sv' ? 'sv-SE' : 'en',
                    rules,
                },
            },
            originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(options.cwd).href.replace(/\/?$/, '/')}` } },
            columnKind: 'utf16CodeUnits',
            results,
        }],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
}

function level(severity: string): 'error' | 'warning' | 'note' {
    return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

function isRelative(file: string): boolean {
    return !file.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(file);
}

/** The kind of check a code belongs to, for filtering in a code-scanning view. */
function category(code: string): string {
    if (/^(lexical-error|syntax-error|nesting-too-deep|chain-too-long)$/.test(code)) {
        return 'syntax';
    }
    if (/^(file-|no-policy-files|not-a-policy-file|binary-file|not-utf8|unreadable-file|output-error)/.test(code)) {
        return 'input';
    }
    return 'policy';
}

/** FNV-1a, 64 bits as hex: enough to tell findings apart, no crypto needed. */
function fingerprint(text: string): string {
    let hash = 0xcbf29ce484222325n;
    for (const unit of new TextEncoder().encode(text)) {
        hash ^= BigInt(unit);
        hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    return hash.toString(16).padStart(16, '0');
}
