/**
 * A policy with every hit policy, every kind of output and cell, a default output, a level column,
 * a förloppsmodell with and without `sekundärt` and a pilot: the DMN export's and import's test bed.
 */
export const EVERY_HIT_POLICY = `
egenskap ålder "Ålder" : heltal 0–120 år
egenskap vikt : decimaltal 0–300 kg
egenskap aktivitetsförmåga : en av { hög, utvecklingsbar, nedsatt }
egenskap kognitiv_svikt : ja/nej
egenskap inkomst : belopp per månad
egenskap städning : ja/nej
egenskap tvätt : ja/nej
egenskap beslutsdatum : datum

beslutstabell bedömning "Bedömning av ansökan" {
    träff första
    | ålder          | kognitiv_svikt || beslut     | brådskande |
    | >= 80          | ja             || "Beviljas" | ja         |
    | > 64 och < 80  | -              || "Beviljas" | nej        |
    annars                            || "Avslås \\"nu\\""   | nej        |
}

beslutstabell andel "Andel av inkomsten" {
    | inkomst    | aktivitetsförmåga         || andel  |
    | < 10000,5  | { hög, utvecklingsbar }   || 10 %   |
    | < 10000,5  | nedsatt                   || 12,5 % |
    | >= 10000,5 | ≠ hög                     || 30 %   |
    | >= 10000,5 | hög                       || 0 %    |
}

beslutstabell vikttillägg "Tillägg efter vikt" {
    träff valfri
    | vikt        | ålder  || tillägg    |
    | 0–100,25    | -      || 0 kr/mån   |
    | > 100,25    | -      || 150 kr/mån |
    | > 250       | >= 18  || 150 kr/mån |
}

beslutstabell serviceavgift "Serviceinsatser per månad" {
    träff samla summa
    | städning | tvätt || avgift     |
    | ja       | -     || 503,5 kr/mån |
    | -        | ja    || 403 kr/mån |
    annars             || 0 kr/mån   |
}

beslutstabell lägsta "Lägsta timmar" {
    träff samla min
    | städning | tvätt || timmar |
    | ja       | -     || 2      |
    | -        | ja    || 3      |
    | -        | -     || 5      |
}

beslutstabell högsta "Högsta timmar" {
    träff samla max
    | städning | tvätt || timmar |
    | ja       | -     || 2      |
    | -        | ja    || 3      |
    | -        | -     || 1      |
}

beslutstabell antal_insatser "Antal insatser" {
    träff samla antal
    | städning | tvätt || antal |
    | ja       | -     || 1     |
    | -        | ja    || 1     |
}

beslutstabell stödlista "Stöd att pröva" {
    träff regelordning
    | ålder | kognitiv_svikt || stöd              | timmar |
    | >= 80 | -              || "dagverksamhet"   | 4      |
    | -     | ja             || "trygghetslarm"   | 0      |
    | >= 65 | -              || "matdistribution" | 2,5    |
}

beslutstabell stödordning "Stöd i prioritetsordning" {
    träff utfallsordning
    | ålder | kognitiv_svikt || stöd ("trygghetslarm", "matdistribution", "dagverksamhet") |
    | >= 80 | -              || "dagverksamhet"   |
    | -     | ja             || "trygghetslarm"   |
    | >= 65 | -              || "matdistribution" |
    | >= 90 | ja             || "trygghetslarm"   |
}

beslutstabell samlade_timmar "Samlade timmar" {
    träff samla
    | städning | tvätt || timmar |
    | ja       | -     || 2      |
    | -        | ja    || 3      |
    | ja       | ja    || 1      |
}

beslutstabell nivåavgift "Avgift per nivå" {
    nivåer 1–3
    | nivå || avgift     |
    | 1    || 100 kr/mån |
    | 2–3  || 200 kr/mån |
}

förloppsmodell enkel {
    förlopp a "A" { när aktivitetsförmåga = hög eller (ålder < 30 och inte kognitiv_svikt) }
    förlopp b "B" { när aktivitetsförmåga ≠ hög och (ålder >= 30 eller kognitiv_svikt) }
}

förloppsmodell med_sekundärt {
    förlopp x "X" { när aktivitetsförmåga = hög  sekundärt y }
    förlopp y "Y" { när ålder >= 65 }
    förlopp z "Z" { när aktivitetsförmåga i { utvecklingsbar, nedsatt } och ålder < 65 }
}

pilot hemrehab {
    inkludera när ålder > 65 och inte kognitiv_svikt och beslutsdatum >= 2024-01-01
    exkludera när aktivitetsförmåga = nedsatt
}
`;
