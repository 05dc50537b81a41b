import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { NodeFileSystem } from 'langium/node';
import type { CompiledPolicyFile } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices, elementProse } from '@regelratt/language';

/**
 * The scanner for identifiers in what a nämnd reads (the document, the diff): any
 * `name_with_underscore`, and any name of an element, attribute, enumeration value, förlopp or
 * example that differs from its title. A law's abbreviation is how Swedish texts cite it
 * (`SoL 4 kap 1 §`) and is allowed.
 */

/** A folder of policy files compiled, with the writer's own prose (doc comments). */
export async function compiledSet(folder: string): Promise<{ files: CompiledPolicyFile[]; writer: string[] }> {
    const names = readdirSync(folder).filter(f => f.endsWith('.regel')).sort();
    // From disk: a set may import the national library (`använd nationellt`).
    const { Regelratt } = createRegelrattServices(NodeFileSystem);
    const checked = await checkPolicies(Regelratt, names.map(f => ({ path: path.join(folder, f), text: readFileSync(path.join(folder, f), 'utf8') })));
    const prose = checked.flatMap(c => [...elementProse(c.document.parseResult.value, c.document.textDocument.getText()).values()]);
    return { files: checked.map(c => compilePolicy(c.document.parseResult.value, path.basename(c.path))), writer: prose };
}

/**
 * The names the document must not show: each that differs from its title. A name that is an ordinary
 * word of the writer's own text (a title, a description, a doc comment: `hög` in "Redan hög") cannot be
 * told from that word in prose, so only the names the writer never uses as a word are looked for; names
 * with an underscore are caught whatever the writer wrote.
 */
export function forbiddenNames(files: readonly CompiledPolicyFile[], writer: readonly string[]): Set<string> {
    const labelled: Array<{ name: string; title?: string }> = [];
    const texts = [...writer];
    for (const element of files.flatMap(f => f.elements)) {
        // A law's abbreviation (`SoL 4 kap 1 §`) is how a reader cites it; a law name that is not one is looked for.
        if (!(element.kind === 'law' && /^\p{L}+$/u.test(element.name))) {
            labelled.push(element);
        }
        texts.push(element.title ?? '', 'description' in element && typeof element.description === 'string' ? element.description : '');
        if (element.kind === 'attribute' && element.domain.type === 'enumeration') {
            labelled.push(...element.domain.values);
            texts.push(...element.domain.values.map(v => v.title ?? ''));
        }
        if (element.kind === 'pathwayModel') {
            labelled.push(...element.pathways);
            texts.push(...element.pathways.flatMap(p => [p.title ?? '', p.description ?? '']));
        }
        if (element.kind === 'guideline') {
            texts.push(...element.obligations.map(o => o.text));
        }
    }
    const words = new Set(texts.join(' ').toLowerCase().split(/[^\p{L}\p{N}_]+/u));
    return new Set(labelled
        .filter(l => l.title !== undefined && l.title.toLowerCase() !== l.name.toLowerCase() && !words.has(l.name.toLowerCase()) && l.name.length > 1)
        .map(l => l.name));
}

/** Every identifier in the text, each with a few words around it so a failure says where. */
export function identifiersIn(text: string, forbidden: ReadonlySet<string>): string[] {
    const found: string[] = [];
    const flat = text.replace(/\s+/g, ' ');
    for (const match of flat.matchAll(/[\p{L}\p{N}]+(?:_[\p{L}\p{N}]+)+/gu)) {
        found.push(`${match[0]} in "…${flat.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40)}…"`);
    }
    for (const name of forbidden) {
        const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'gu');
        for (const match of flat.matchAll(pattern)) {
            found.push(`${match[0]} in "…${flat.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40)}…"`);
        }
    }
    return [...new Set(found)];
}

/**
 * The names that differ from their titles only in case (`tätort`, titled "Tätort"): `forbiddenNames`
 * cannot look for them as words (the writer writes "i tätort"), so they are looked for, case and all,
 * where only a value's title belongs: a table cell that is the name alone, and after an attribute's
 * title and a colon (`Områdestyp: tätort`). Each with its attribute's title.
 */
export function caseOnlyNames(files: readonly CompiledPolicyFile[]): Array<{ name: string; attribute?: string }> {
    const found: Array<{ name: string; attribute?: string }> = [];
    const caseOnly = (l: { name: string; title?: string }) => l.title !== undefined && l.title !== l.name && l.title.toLowerCase() === l.name.toLowerCase() && l.name === l.name.toLowerCase();
    for (const element of files.flatMap(f => f.elements)) {
        if (caseOnly(element)) {
            found.push({ name: element.name });
        }
        if (element.kind === 'attribute' && element.domain.type === 'enumeration') {
            found.push(...element.domain.values.filter(caseOnly).map(v => ({ name: v.name, attribute: element.title })));
        }
    }
    return found;
}

/** Where the HTML shows one of `caseOnlyNames` in place of its title: a whole table cell, or after its attribute's title and a colon. */
export function caseLeaksIn(html: string, names: ReadonlyArray<{ name: string; attribute?: string }>): string[] {
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const found: string[] = [];
    for (const { name, attribute } of names) {
        for (const match of html.matchAll(new RegExp(`<t[dh][^>]*>\\s*${escape(name)}\\s*</t[dh]>`, 'gu'))) {
            found.push(`${name} as a table cell: ${match[0]}`);
        }
        if (attribute !== undefined) {
            for (const match of html.matchAll(new RegExp(`${escape(attribute)}: ${escape(name)}(?![\\p{L}\\p{N}_])`, 'gu'))) {
                found.push(`${name} after its attribute: ${match[0]}`);
            }
        }
    }
    return [...new Set(found)];
}
