/**
 * A chain over a text and a förlopp column, shared by the tests of its checks, runtime and reasons
 * (decision-chain-text.test.ts) and of its DMN export (dmn-export.test.ts): `insatsval` answers a
 * text and a förlopp by age, `utförare` reads the text, `uppföljning` the förlopp.
 */
export const chainedTextPolicy = `
egenskap ålder : heltal 0–120 år
egenskap ensamboende : ja/nej
förloppsmodell stöd "Stöd" {
    förlopp förlopp_1 "Lätt" { när ålder < 80 }
    förlopp förlopp_2 "Tungt" { när ålder >= 80 }
}
beslutstabell insatsval "Insats efter ålder" {
    | ålder || insatsform         | förlopp   |
    | < 65  || "Hemtjänst"        | förlopp_1 |
    | 65–79 || "Dagverksamhet"    | förlopp_1 |
    | >= 80 || "Särskilt boende"  | förlopp_2 |
}
beslutstabell utförare "Utförare efter insats" {
    | insatsval.insatsform                      | ensamboende || utförare  |
    | "Hemtjänst" eller "Dagverksamhet"     | -           || "Kommunen" |
    | "Särskilt boende"                     | ja          || "Boendet"  |
    | "Särskilt boende"                     | nej         || "Kommunen" |
}
beslutstabell uppföljning "Uppföljning efter förlopp" {
    | insatsval.förlopp | ensamboende || intervall |
    | förlopp förlopp_1 | -           || 12      |
    | förlopp förlopp_2 | -           || 6       |
}
`;

