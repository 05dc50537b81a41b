/**
 * Grammar-aware generation for the fuzzer: random derivations of Regelrätt's grammar, read from the
 * grammar Langium built the parser from (never a second copy of it). Every keyword, alternative,
 * repetition and optional part the grammar has is reachable; names declared along the way are
 * reused by the cross-references of their type, so a good share of what comes out gets past the
 * parser and the linker into the checks, the analyses, the compiler and the runtime. Past a depth
 * the cheapest way to finish is taken, so every derivation ends.
 */
import { GrammarAST } from 'langium';

const NUMBERS = ['0', '1', '2', '3', '4', '5', '10', '12', '23', '65', '70', '100', '120', '1000', '2 037', '9 676', '12 440', '47 600', '337,50', '0,5', '0,5392', '2,95', '-1'];
const TEXTS = ['"Hemvård"', '"Boendestöd enligt SoL"', '"Å, ä och ö"', '""', '"citat \\" inne"', '”Typografiskt”'];
const DATES = ['2019-01-01', '2020-11-01', '2021-01-01', '2021-06-01', '2021-06-30', '2021-12-31', '2022-01-01', '2024-03-01', '2025-12-31', '2021-02-29', '2021-13-01'];
const NAMES = ['hemvård', 'tätort', 'ålder', 'aktivitetsförmåga', 'hög', 'låg', 'kognitiv_svikt', 'inkomst', 'pbb', 'SoL', 't', 'p', 'x', 'förlopp_1', 'nivå_tabell'];

/**
 * @param {GrammarAST.Grammar} grammar the grammar the parser was built from
 * @param {() => number} random a deterministic source in [0, 1)
 * @returns {() => string} a generator of policy texts
 */
export function grammarGenerator(grammar, random) {
    const pick = list => list[Math.floor(random() * list.length)];
    const rules = new Map(grammar.rules.map(rule => [rule.name, rule]));
    const entry = grammar.rules.find(rule => GrammarAST.isParserRule(rule) && rule.entry);
    // A declared type (`type Quantifiable = Attribute | …`) stands for the rules it names.
    const unions = new Map(grammar.types.map(type => [type.name, typeMembers(type.type)]));
    const cost = minimalCosts(grammar.rules);

    const costOf = element => {
        if (element.cardinality === '?' || element.cardinality === '*') {
            return 0;
        }
        if (GrammarAST.isKeyword(element)) {
            return 1;
        }
        if (GrammarAST.isRuleCall(element)) {
            return cost.get(element.rule.ref?.name) ?? 1;
        }
        if (GrammarAST.isAssignment(element)) {
            return costOf(element.terminal);
        }
        if (GrammarAST.isCrossReference(element)) {
            return 1;
        }
        if (GrammarAST.isAlternatives(element)) {
            return Math.min(...element.elements.map(costOf));
        }
        if (GrammarAST.isGroup(element) || GrammarAST.isUnorderedGroup(element)) {
            return element.elements.reduce((sum, e) => sum + costOf(e), 0);
        }
        return 0;
    };

    /** Fixpoint of the cheapest derivation of each rule, in tokens. */
    function minimalCosts(all) {
        const costs = new Map(all.map(rule => [rule.name, GrammarAST.isTerminalRule(rule) ? 1 : Infinity]));
        let changed = true;
        while (changed) {
            changed = false;
            for (const rule of all) {
                if (GrammarAST.isParserRule(rule)) {
                    const next = costOfWith(rule.definition, costs);
                    if (next < costs.get(rule.name)) {
                        costs.set(rule.name, next);
                        changed = true;
                    }
                }
            }
        }
        return costs;
    }

    function costOfWith(element, costs) {
        if (element.cardinality === '?' || element.cardinality === '*') {
            return 0;
        }
        if (GrammarAST.isRuleCall(element)) {
            return costs.get(element.rule.ref?.name) ?? 1;
        }
        if (GrammarAST.isAssignment(element)) {
            return costOfWith(element.terminal, costs);
        }
        if (GrammarAST.isAlternatives(element)) {
            return Math.min(...element.elements.map(e => costOfWith(e, costs)));
        }
        if (GrammarAST.isGroup(element) || GrammarAST.isUnorderedGroup(element)) {
            return element.elements.reduce((sum, e) => sum + costOfWith(e, costs), 0);
        }
        return GrammarAST.isAction(element) ? 0 : 1;
    }

    return () => {
        const tokens = [];
        const declared = new Map(); // rule or type name → names declared by it
        const maxDepth = 6 + Math.floor(random() * 10);

        const declare = (ruleName, name) => {
            declared.set(ruleName, [...(declared.get(ruleName) ?? []), name]);
        };
        const referable = typeName => {
            const members = unions.get(typeName) ?? [typeName];
            return members.flatMap(member => declared.get(member) ?? []);
        };

        const terminal = (rule, feature, owner) => {
            switch (rule.name) {
                case 'ID': {
                    if (feature === 'name') {
                        const name = random() < 0.8 ? `${pick(NAMES)}${tokens.length}` : pick(NAMES);
                        declare(owner, name);
                        return name;
                    }
                    return pick(NAMES);
                }
                case 'NUMBER': return pick(NUMBERS).replace('-', '');
                case 'STRING': return pick(TEXTS);
                case 'DATE': return pick(DATES);
                case 'ORDINAL': return `${1 + Math.floor(random() * 12)}:e`;
                default: return pick(NAMES);
            }
        };

        const repeat = (element, depth, emit) => {
            const deep = depth > maxDepth;
            switch (element.cardinality) {
                case '?': if (!deep && random() < 0.6) emit(); return;
                case '*': { const times = deep ? 0 : depth === 0 ? 1 + Math.floor(random() * 12) : Math.floor(random() * 3.2); for (let i = 0; i < times; i++) emit(); return; }
                case '+': { const times = deep ? 1 : 1 + Math.floor(random() * 2.5); for (let i = 0; i < times; i++) emit(); return; }
                default: emit();
            }
        };

        const walk = (element, depth, owner, feature) => repeat(element, depth, () => {
            if (GrammarAST.isKeyword(element)) {
                tokens.push(element.value);
                if (element.value === '{' || element.value === '}') {
                    tokens.push('\n');
                }
            } else if (GrammarAST.isAssignment(element)) {
                walk({ ...element.terminal, cardinality: undefined, $type: element.terminal.$type }, depth, owner, element.feature);
            } else if (GrammarAST.isCrossReference(element)) {
                const candidates = referable(element.type.ref?.name);
                tokens.push(candidates.length > 0 && random() < 0.9 ? pick(candidates) : pick(NAMES));
            } else if (GrammarAST.isRuleCall(element)) {
                const rule = element.rule.ref;
                if (GrammarAST.isTerminalRule(rule)) {
                    tokens.push(terminal(rule, feature, owner));
                } else if (rule) {
                    walk(rule.definition, depth + 1, rule.fragment ? owner : rule.name, undefined);
                }
            } else if (GrammarAST.isAlternatives(element)) {
                const choices = depth > maxDepth
                    ? element.elements.filter(e => costOf(e) === Math.min(...element.elements.map(costOf)))
                    : element.elements;
                walk(pick(choices), depth, owner, feature);
            } else if (GrammarAST.isGroup(element)) {
                for (const part of element.elements) {
                    walk(part, depth, owner, feature);
                }
            } else if (GrammarAST.isUnorderedGroup(element)) {
                const parts = [...element.elements];
                for (let i = parts.length - 1; i > 0; i--) {
                    const j = Math.floor(random() * (i + 1));
                    [parts[i], parts[j]] = [parts[j], parts[i]];
                }
                parts.forEach(part => walk(part, depth, owner, feature));
            }
            // Actions and end-of-file add no text.
        });

        walk(entry.definition, 0, entry.name, undefined);
        // Single spaces, except around the line breaks after braces; a comment now and then.
        return tokens.map(token => (random() < 0.02 ? `${token} // kommentar\n` : token)).join(' ').replace(/ ?\n ?/g, '\n');
    };
}

/** The rule or interface names a declared type's union names. */
function typeMembers(type) {
    if (GrammarAST.isUnionType(type)) {
        return type.types.flatMap(typeMembers);
    }
    if (GrammarAST.isSimpleType(type) && type.typeRef?.ref) {
        return [type.typeRef.ref.name];
    }
    return [];
}
