/**
 * Writes a synthetic but realistic policy of about `lines` lines: vocabulary, level tables,
 * förlopp models, pilots and guidelines in the proportions of the Örebro set, every name unique,
 * every reference resolvable, so the file checks without errors (one open amount per table is a
 * warning) and exercises linking, validation and every analysis. `examples`: an inline example per
 * block too (a pilot's citizen), so the analyses that run the examples and the coverage hints run.
 */
export function generatePolicy(lines, { examples = false } = {}) {
    const out = [
        'lag SoL "Socialtjänstlagen (2001:453)"',
        'förvaltning VoO "Vård och omsorg"',
        'område tätort "Tätort"',
        'fas uppföljning "Uppföljning"',
        'nämnd nämnden "Nämnden"',
    ];
    for (let block = 0; out.length < lines; block++) {
        const b = `b${block}`;
        out.push(
            `// Block ${block}`,
            `insats insats_${b} "Insats ${block}" enligt SoL 4 kap 1 §`,
            `verksamhet verksamhet_${b} "Verksamhet ${block}" inom VoO levererar insats_${b}`,
            `enhet enhet_${b} "Enhet ${block}" inom verksamhet_${b} regi egen`,
            `egenskap förmåga_${b} "Förmåga ${block}" : en av { hög, utvecklingsbar, nedsatt }`,
            `egenskap ålder_${b} "Ålder ${block}" : heltal 0–120 år`,
            `egenskap svikt_${b} : ja/nej`,
            `nivåtabell tabell_${b} "Ersättning ${block}" {`,
            `    insats insats_${b}`,
            '    område tätort',
            '    giltig från 2020-11-01 till 2021-12-31',
            '    nivåer 0–5',
            '    nivå 0 : 0 kr',
            `    nivå 1 : ${1000 + block} kr`,
            `    nivå 2 : 2 ${String(block % 1000).padStart(3, '0')} kr`,
            '    nivå 3 : 5 723 kr',
            '    nivå 4 : ej angivet',
            '    nivå 5 : 12 440,50 kr',
            '}',
            `förloppsmodell modell_${b} {`,
            `    avser insats_${b}`,
            `    förlopp f1_${b} { när förmåga_${b} = hög och ålder_${b} >= 18 förflyttning självständig }`,
            `    förlopp f2_${b} { när förmåga_${b} = utvecklingsbar eller (förmåga_${b} = hög och ålder_${b} < 18) förflyttning lägre nivå }`,
            `    förlopp f3_${b} { när förmåga_${b} = nedsatt förflyttning ingen }`,
            '}',
            `pilot pilot_${b} {`,
            '    period från 2021-01-01 till 2021-12-31',
            `    insatser insats_${b}`,
            `    enheter enhet_${b}`,
            `    inkludera när ålder_${b} > 65 år och inte svikt_${b}`,
            `    mål mål_${b} "Andel med plan" : 80 % inom 8 veckor`,
            '}',
            `riktlinje riktlinje_${b} "Riktlinje ${block}" {`,
            '    beslutad av nämnden 2021-11-22',
            `    krav krav_${b} ska "Följs upp" avser uppföljning, insats_${b} var 3:e månad`,
            '}',
            ...(examples ? [`exempel exempel_${b} { datum 2021-06-01 inkludering i pilot_${b} för { ålder_${b} = 70, svikt_${b} = nej } förväntat ingår }`] : []),
        );
    }
    return `${out.join('\n')}\n`;
}
