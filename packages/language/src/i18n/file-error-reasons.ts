import type { MessageLocale } from '@regelratt/analyses';

/**
 * What the operating system's error codes mean, in the user's words (`ENOSPC`, `EADDRINUSE` say
 * nothing to someone writing policy): the one table for every message that reports a failed file or
 * network call, in the checker's diagnostics and the command line's own messages alike.
 */
const reasons: Record<string, Record<MessageLocale, string>> = {
    EACCES: { sv: 'behörighet saknas', en: 'permission denied' },
    EPERM: { sv: 'åtgärden är inte tillåten', en: 'operation not permitted' },
    ELOOP: { sv: 'för många symboliska länkar i rad, troligen en länk som pekar på sig själv', en: 'too many symbolic links in a row, probably a link that points to itself' },
    ENAMETOOLONG: { sv: 'namnet är för långt', en: 'the name is too long' },
    EISDIR: { sv: 'det är en mapp, inte en fil', en: 'it is a folder, not a file' },
    ENOTDIR: { sv: 'en del av sökvägen är en fil, inte en mapp', en: 'part of the path is a file, not a folder' },
    ENOENT: { sv: 'finns inte', en: 'does not exist' },
    EIO: { sv: 'in- och utmatningsfel', en: 'an input or output error' },
    EMFILE: { sv: 'för många öppna filer', en: 'too many open files' },
    ENFILE: { sv: 'för många öppna filer i systemet', en: 'too many open files in the system' },
    ENOSPC: { sv: 'disken är full', en: 'no space left on the disk' },
    EROFS: { sv: 'filsystemet är skrivskyddat', en: 'read-only file system' },
    ENXIO: { sv: 'ingen sådan enhet', en: 'no such device' },
    ENODEV: { sv: 'ingen sådan enhet', en: 'no such device' },
    ETXTBSY: { sv: 'filen används', en: 'the file is busy' },
    EBUSY: { sv: 'filen eller mappen används', en: 'the file or folder is busy' },
    EEXIST: { sv: 'det finns redan', en: 'it already exists' },
    ENOTEMPTY: { sv: 'mappen är inte tom', en: 'the folder is not empty' },
    EDQUOT: { sv: 'diskkvoten är slut', en: 'the disk quota is used up' },
    EFBIG: { sv: 'filen blir för stor', en: 'the file would be too large' },
    EXDEV: { sv: 'kan inte flytta mellan olika diskar', en: 'cannot move between different disks' },
    EAGAIN: { sv: 'resursen är tillfälligt otillgänglig; försök igen', en: 'the resource is temporarily unavailable; try again' },
    EINVAL: { sv: 'ogiltigt argument till operativsystemet', en: 'an invalid argument to the operating system' },
    EADDRINUSE: { sv: 'porten används redan av ett annat program', en: 'the port is already in use by another program' },
    EADDRNOTAVAIL: { sv: 'adressen finns inte på den här datorn', en: 'the address does not belong to this computer' },
    EAFNOSUPPORT: { sv: 'adressens typ stöds inte här', en: 'the kind of address is not supported here' },
    ENOTFOUND: { sv: 'adressen kan inte slås upp', en: 'the address cannot be looked up' },
    EAI_AGAIN: { sv: 'adressen kan inte slås upp just nu; försök igen', en: 'the address cannot be looked up right now; try again' },
    ECONNREFUSED: { sv: 'anslutningen nekades', en: 'the connection was refused' },
    ECONNRESET: { sv: 'anslutningen bröts', en: 'the connection was reset' },
    EPIPE: { sv: 'mottagaren har stängt anslutningen', en: 'the receiver closed the connection' },
    ETIMEDOUT: { sv: 'tidsgränsen gick ut', en: 'the operation timed out' },
};

/** `EACCES` as `behörighet saknas (EACCES)`; a reason that is no known code is given as it is. */
export function fileErrorReason(reason: string, locale: MessageLocale): string {
    const known = knownErrorReason(reason, locale);
    return known ? `${known} (${reason})` : reason;
}

/** The words for a known error code, or undefined. */
export function knownErrorReason(code: string, locale: MessageLocale): string | undefined {
    return Object.hasOwn(reasons, code) ? reasons[code][locale] : undefined;
}
