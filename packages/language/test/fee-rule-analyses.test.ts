import { describe, expect, test } from 'vitest';
import { diagnosticsOf } from './check-text.js';

/**
 * The analyses decided on the shapes real fee rules have (issue 23, part 3): a divisor kept away
 * from 0 by the formula itself, a share per level times the avgiftsutrymme, a decimal quantity of
 * hours, a cap read from a table column inside a calculation's `min`.
 */
const vocabulary = `
egenskap antal_p "Personer i hushållet" : heltal 0–10
egenskap inkomst_p "Inkomst" : belopp per månad
`;

async function findings(formulas: string, ...codes: string[]): Promise<string[]> {
    const diagnostics = await diagnosticsOf(`${vocabulary}\n${formulas}`);
    return diagnostics.filter(d => codes.includes(d.code)).map(d => `${d.code}: ${d.message}`);
}

describe('a divisor that can be 0', () => {
    test('a divisor kept from 0 by max(…, 1) is proved safe: nothing is said', async () => {
        expect(await findings('beräkning per_person = inkomst_p / max(antal_p, 1)', 'division-by-zero', 'division-undecided')).toEqual([]);
        expect(await findings('beräkning per_person = inkomst_p / max(antal_p − 3, 1)', 'division-by-zero', 'division-undecided')).toEqual([]);
        expect(await findings('beräkning per_person = inkomst_p / (min(antal_p, 5) + 1)', 'division-by-zero', 'division-undecided')).toEqual([]);
    });

    test('a divisor max(…, 0) can still be 0, and the citizen is the runtime\'s', async () => {
        expect(await findings('beräkning per_person = inkomst_p / max(antal_p − 3, 0)', 'division-by-zero', 'division-undecided')).toEqual([
            'division-by-zero: Nämnaren i inkomst_p / max(antal_p − 3, 0) kan bli 0: inkomst_p = 0, antal_p = 0 ger division med noll, och per_person kan då inte räknas ut.',
        ]);
    });
});

/** A fee rule in the shape municipalities publish: a share of the avgiftsutrymme per level, at most the maxtaxa. */
const feeRule = (shares: [string, string, string]) => `
egenskap boendekostnad_p "Boendekostnad" : belopp per månad
egenskap hemtjänsttimmar "Hemtjänsttimmar per månad" : decimaltal 0–35 timmar
parameter minimibelopp_p "Minimibelopp" : belopp { från 2024-01-01 till 2024-12-31 : 6 000 kr/mån }
parameter maxtaxa_p "Maxtaxa" : belopp { från 2024-01-01 till 2024-12-31 : 2 359 kr/mån }
beslutstabell andel_per_nivå "Andel av avgiftsutrymmet per nivå" {
    nivåer 1–3
    | nivå || andel |
    | 1    || ${shares[0]} |
    | 2    || ${shares[1]} |
    | 3    || ${shares[2]} |
}
beräkning avgiftsutrymme_p "Avgiftsutrymme" = max(0 kr, inkomst_p − boendekostnad_p − minimibelopp_p)
beräkning avgift_p "Avgift per månad" = min(andel_per_nivå.andel × avgiftsutrymme_p, maxtaxa_p) avrundat till hela kronor
`;

describe('monotonicity over a share per level times the avgiftsutrymme', () => {
    test('a share rising with the level, times an amount never below zero, is decided: nothing is said', async () => {
        expect(await findings(feeRule(['70 %', '80 %', '90 %']), 'calculation-falls-as-need-rises', 'calculation-need-undecided')).toEqual([]);
    });

    test('a share that falls as the level rises is found with two citizens the runtime answers', async () => {
        expect(await findings(feeRule(['70 %', '90 %', '80 %']), 'calculation-falls-as-need-rises', 'calculation-need-undecided')).toEqual([
            'calculation-falls-as-need-rises: avgift_p sjunker när nivån ökar (2024-01-01): nivå 2, inkomst_p = 8 358, boendekostnad_p = 0 ger 2 122 kr/mån, men nivå 3, inkomst_p = 8 358, boendekostnad_p = 0 ger 1 886 kr/mån.',
        ]);
    });

    test('a share by a choice on a need attribute is decided both ways', async () => {
        const choice = (shares: string) => `egenskap omsorgsnivå_p "Omsorgsnivå" : heltal 1–5
parameter maxtaxa_c "Maxtaxa" : belopp { från 2024-01-01 till 2024-12-31 : 2 359 kr/mån }
beräkning avgift_c "Avgift" behov omsorgsnivå_p = min(${shares} × max(0 kr, inkomst_p − 6 000 kr), maxtaxa_c) avrundat till hela kronor`;
        expect(await findings(choice('(om omsorgsnivå_p >= 2 så 80 % annars 70 %)'), 'calculation-falls-as-need-rises', 'calculation-need-undecided')).toEqual([]);
        const falling = await findings(choice('(om omsorgsnivå_p >= 3 så 60 % annars om omsorgsnivå_p >= 2 så 80 % annars 70 %)'), 'calculation-falls-as-need-rises', 'calculation-need-undecided');
        expect(falling).toHaveLength(1);
        expect(falling[0]).toMatch(/^calculation-falls-as-need-rises: avgift_c sjunker när omsorgsnivå_p ökar .*omsorgsnivå_p = 2 ger .*omsorgsnivå_p = 3 ger /);
    });

    test('a decimal quantity of hours in a table is reasoned over intervals, not value by value', async () => {
        const hours = (second: string) => `${feeRule(['70 %', '80 %', '90 %'])}
beslutstabell timnivå "Nivå efter hemtjänsttimmar" {
    behov hemtjänsttimmar
    | hemtjänsttimmar || tak |
    | 0–15            || 1 200 kr |
    | > 15 och <= 35  || ${second} |
}
beräkning timavgift "Avgift efter timmar" = min(timnivå.tak, avgiftsutrymme_p, maxtaxa_p)`;
        expect(await findings(hours('2 500 kr'), 'calculation-falls-as-need-rises', 'calculation-need-undecided')).toEqual([]);
        expect(await findings(hours('1 000 kr'), 'calculation-falls-as-need-rises', 'calculation-need-undecided')).toEqual([
            'calculation-falls-as-need-rises: timavgift sjunker när hemtjänsttimmar ökar (2024-01-01): inkomst_p = 10 000, boendekostnad_p = 0, hemtjänsttimmar = 15 ger 1 200 kr/mån, men inkomst_p = 10 000, boendekostnad_p = 0, hemtjänsttimmar = 15,005 ger 1 000 kr/mån.',
        ]);
    });
});

describe('a cap from a table column inside a calculation\'s min', () => {
    const caps = (third: string) => `${feeRule(['70 %', '80 %', '90 %']).replace('beräkning avgift_p', '// ersatt\nberäkning ingen_p')}
beslutstabell takbelopp_t "Takbelopp per nivå" {
    nivåer 1–3
    | nivå || takbelopp |
    | 1    || 1 200 kr  |
    | 2    || 1 800 kr  |
    | 3    || ${third} |
}
beräkning avgift_p "Avgift per månad" = min(andel_per_nivå.andel × avgiftsutrymme_p, takbelopp_t, maxtaxa_p) avrundat till hela kronor`;

    test('a level\'s takbelopp above the maxtaxa is found with the level and both amounts', async () => {
        expect(await findings(caps('2 500 kr'), 'calculation-cap-row-never-binds', 'calculation-cap-never-binds')).toEqual([
            'calculation-cap-row-never-binds: Taket takbelopp_t i avgift_p avgör aldrig för nivå 3: där är det 2 500 kr, och maxtaxa_p är som högst 2 359 kr.',
        ]);
    });

    test('takbelopp below the maxtaxa at every level: nothing is said', async () => {
        expect(await findings(caps('2 300 kr'), 'calculation-cap-row-never-binds')).toEqual([]);
    });
});

/**
 * The planted faults of issue 25's "Done means" in the shapes still missing a test: a cap above the
 * maxtaxa in a decision table by decimal hours, and both faults in a fee charged by rates by regi.
 */
describe('a cap above the maxtaxa in a decision table by decimal hours', () => {
    const hours = (second: string) => `${feeRule(['70 %', '80 %', '90 %'])}
beslutstabell timnivå "Tak efter hemtjänsttimmar" {
    behov hemtjänsttimmar
    | hemtjänsttimmar || tak |
    | 0–15,5          || 1 200 kr |
    | > 15,5 och <= 35 || ${second} |
}
beräkning timavgift "Avgift efter timmar" = min(timnivå.tak, avgiftsutrymme_p, maxtaxa_p)`;

    test('the row above the maxtaxa is found with its amount and the maxtaxa', async () => {
        expect(await findings(hours('2 500 kr'), 'calculation-cap-row-never-binds', 'calculation-cap-never-binds', 'calculation-cap-undecided')).toEqual([
            'calculation-cap-row-never-binds: Taket timnivå.tak i timavgift avgör aldrig för rad 2: där är det 2 500 kr, och maxtaxa_p är som högst 2 359 kr.',
        ]);
    });

    test('every row below the maxtaxa: no row is said, and the maxtaxa, above every row, never decides', async () => {
        expect(await findings(hours('2 300 kr'), 'calculation-cap-row-never-binds', 'calculation-cap-never-binds', 'calculation-cap-undecided')).toEqual([
            'calculation-cap-never-binds: Taket maxtaxa_p i timavgift avgör aldrig: timnivå.tak är lika stort eller mindre för alla medborgare, alla datum.',
        ]);
    });
});

describe('a fee charged by rates by regi', () => {
    const rate = (declaration: string, [kommunal, privat]: [string, string]) => `${declaration} {
    giltig från 2024-01-01 till 2024-12-31
    efter regi
    belopp {
        kommunal : ${kommunal}
        privat : ${privat}
    }
}`;
    const byRegi = (timtaxa: [string, string], tak: [string, string], hours = 'hemtjänsttimmar') => `
egenskap regi "Utförarens regi" : en av { kommunal "Kommunal utförare", privat "Privat utförare" }
egenskap hemtjänsttimmar "Hemtjänsttimmar per månad" : decimaltal 0–35 timmar
parameter maxtaxa_r "Maxtaxa" : belopp { från 2024-01-01 till 2024-12-31 : 2 359 kr/mån }
${rate('timkostnad timtaxa "Avgift per timme"', timtaxa)}
${rate('schablon tak "Takbelopp per regi"', tak)}
beräkning avgiftsutrymme_r "Avgiftsutrymme" = max(0 kr, inkomst_p − 6 000 kr)
beräkning avgift_r "Avgift per månad" behov hemtjänsttimmar = min(${hours} × timtaxa, tak, maxtaxa_r, avgiftsutrymme_r) avrundat till hela kronor`;
    const codes = ['calculation-cap-row-never-binds', 'calculation-cap-never-binds', 'calculation-cap-undecided', 'calculation-falls-as-need-rises', 'calculation-need-undecided'];

    test('a regi\'s takbelopp above the maxtaxa is found, naming the regi', async () => {
        expect(await findings(byRegi(['300 kr/h', '350 kr/h'], ['2 000 kr/mån', '2 600 kr/mån']), ...codes)).toEqual([
            'calculation-cap-row-never-binds: Taket tak i avgift_r avgör aldrig för regi = privat: där är det 2 600 kr, och maxtaxa_r är som högst 2 359 kr.',
        ]);
    });

    test('a fee that falls as the hours rise is found, the regi named as it is written', async () => {
        const falling = await findings(byRegi(['300 kr/h', '350 kr/h'], ['2 000 kr/mån', '2 300 kr/mån'], '(om hemtjänsttimmar > 5 timmar så 2 timmar annars hemtjänsttimmar)'), 'calculation-falls-as-need-rises');
        expect(falling).toEqual([
            'calculation-falls-as-need-rises: avgift_r sjunker när hemtjänsttimmar ökar (2024-01-01): regi = kommunal, inkomst_p = 10 000, hemtjänsttimmar = 5 ger 1 500 kr/mån, men regi = kommunal, inkomst_p = 10 000, hemtjänsttimmar = 5,005 ger 600 kr/mån.',
        ]);
    });

    test('every regi\'s takbelopp below the maxtaxa and a fee rising with the hours: each cap is decided, none undecided', async () => {
        // The takbelopp of each regi is below the maxtaxa, so the maxtaxa never decides: proved, not guessed.
        expect(await findings(byRegi(['300 kr/h', '350 kr/h'], ['2 000 kr/mån', '2 300 kr/mån']), ...codes)).toEqual([
            'calculation-cap-never-binds: Taket maxtaxa_r i avgift_r avgör aldrig: tak är lika stort eller mindre för alla medborgare, alla datum.',
        ]);
    });
});
