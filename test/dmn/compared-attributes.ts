/**
 * Decision tables whose cells compare with another attribute of the case (DMN's input entry naming
 * another input, `< gräns`), in every form the export writes as a unary test naming the input: the
 * comparisons, equality, `≠`, a range with a named bound (a boolean test of `?`), a disjunction, and
 * a column of the attribute compared with. Small whole-number domains, so random citizens often sit
 * on the bound itself.
 */
export const COMPARED_ATTRIBUTES = `
egenskap antal "Antal" : heltal 0–8
egenskap gräns "Gräns" : heltal 0–8
egenskap tak "Tak" : heltal 0–8
beslutstabell jämförelse "Jämförelse" {
    | antal    || läge    |
    | < gräns  || "under" |
    | gräns    || "lika"  |
    | > gräns  || "över"  |
}
beslutstabell spann "Spann" {
    träff första
    | antal                  | tak      || klass |
    | 2–gräns                | >= gräns || 1     |
    | < gräns eller 8        | -        || 2     |
    | ≠ tak                  | -        || 3     |
    | <= tak                 | -        || 4     |
}
`;
