import { ExactNumber, type Rounding } from '@regelratt/format';

const TO_ÖRE: Rounding = { unit: 'öre', mode: 'half-away-from-zero' };

/**
 * An amount in kronor as readers write it, before grouping and locale: to the öre, öre always in
 * two decimals (`337.50`, `506.70`), whole kronor without (`2013`); `exact` is false where the value
 * has finer fractions, which a reader is told are about (`cirka 5 653,11`). The one rule for kronor
 * figures: the reasons (@regelratt/document's `kronorFigure`) and the diff's amounts read it.
 */
export function kronorDecimal(value: ExactNumber): { decimal: string; exact: boolean } {
    const shown = value.round(TO_ÖRE);
    const decimal = shown.toDecimal();
    const fraction = decimal.split('.')[1];
    return { decimal: fraction && fraction.length === 1 ? `${decimal}0` : decimal, exact: shown.equals(value) };
}
