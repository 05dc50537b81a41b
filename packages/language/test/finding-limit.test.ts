import { describe, expect, test } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { countFindings, limitFindings } from '../src/validation/finding-limit.js';

const finding = (line: number, severity: DiagnosticSeverity): Diagnostic => ({
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
    severity,
    message: `at ${line}`,
    code: 'duplicate-name',
    data: { code: 'duplicate-name', args: {} },
});

describe('limitFindings', () => {
    test('a file within the limit keeps every finding, untouched', () => {
        const findings = [finding(3, DiagnosticSeverity.Warning), finding(1, DiagnosticSeverity.Error)];
        expect(limitFindings(findings, 'sv', 2)).toBe(findings);
    });

    test('beyond the limit: the most severe first, then file order, and one summary counting the rest', () => {
        const findings = [
            finding(1, DiagnosticSeverity.Hint), finding(2, DiagnosticSeverity.Warning), finding(9, DiagnosticSeverity.Error),
            finding(4, DiagnosticSeverity.Error), finding(5, DiagnosticSeverity.Warning), finding(6, DiagnosticSeverity.Error),
        ];
        const limited = limitFindings(findings, 'sv', 3);
        expect(limited.slice(0, 3).map(d => d.message)).toEqual(['at 4', 'at 6', 'at 9']);
        const summary = limited[3];
        expect(summary.code).toBe('too-many-findings');
        expect(summary.severity).toBe(DiagnosticSeverity.Warning);
        expect(summary.range.start.line).toBe(2);
        expect(summary.message).toBe('Ytterligare 2 varningar och 1 upplysning eller tips i filen visas inte (högst 3 visas per fil). Rätta de som visas och kontrollera igen.');
        expect(limitFindings(findings, 'en', 3)[3].message).toBe('2 warnings and 1 note or hint more in this file are not shown (at most 3 are shown per file). Fix those shown and check again.');
    });

    test('a hidden error makes the summary an error, so that a check still fails', () => {
        const findings = Array.from({ length: 5 }, (_, line) => finding(line, DiagnosticSeverity.Error));
        const limited = limitFindings(findings, 'sv', 2);
        expect(limited).toHaveLength(3);
        expect(limited[2].severity).toBe(DiagnosticSeverity.Error);
        expect(limited[2].message).toContain('Ytterligare 3 fel i filen');
    });

    test('limiting again merges the earlier summary and loses no count', () => {
        const first = limitFindings(Array.from({ length: 10 }, (_, line) => finding(line, DiagnosticSeverity.Error)), 'sv', 4);
        const again = limitFindings([...first, finding(20, DiagnosticSeverity.Warning), finding(21, DiagnosticSeverity.Warning)], 'sv', 4);
        expect(again.filter(d => d.code === 'too-many-findings')).toHaveLength(1);
        expect(countFindings(again)).toEqual({ errors: 10, warnings: 2, others: 0 });
    });

    test('70 000 findings: no stack overflow, 1 000 shown, all counted', () => {
        const many = Array.from({ length: 70_000 }, (_, line) => finding(line, DiagnosticSeverity.Error));
        const limited = limitFindings(many, 'sv');
        expect(limited).toHaveLength(1001);
        expect(countFindings(limited)).toEqual({ errors: 70_000, warnings: 0, others: 0 });
    });
});
