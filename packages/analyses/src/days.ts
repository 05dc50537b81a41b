/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`), which compare correctly as text. A date that does
 * not exist (`2021-13-01`, an `invalid-date` error of its own) is returned as it is, so that the
 * checks around it go on rather than throw.
 */

export function dayBefore(isoDate: string): string {
    const date = new Date(`${isoDate}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) {
        return isoDate;
    }
    date.setUTCDate(date.getUTCDate() - 1);
    return date.toISOString().slice(0, 10);
}

export function dayAfter(isoDate: string): string {
    const date = new Date(`${isoDate}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) {
        return isoDate;
    }
    date.setUTCDate(date.getUTCDate() + 1);
    return date.toISOString().slice(0, 10);
}

/** The first day two validities share (an open end runs forever), or undefined when they do not overlap. */
export function firstCommonDay(a: { from: string; to?: string }, b: { from: string; to?: string }): string | undefined {
    const from = a.from > b.from ? a.from : b.from;
    const to = !a.to ? b.to : !b.to ? a.to : a.to < b.to ? a.to : b.to;
    return !to || from <= to ? from : undefined;
}
