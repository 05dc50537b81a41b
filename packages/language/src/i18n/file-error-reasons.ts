import type { MessageLocale } from './locale.js';

/** What the system's file errors mean, for messages that name a path: the words, then the code for a search. */
const reasons: Record<string, Record<MessageLocale, string>> = {
    EACCES: { sv: 'behörighet saknas', en: 'permission denied' },
    EPERM: { sv: 'åtgärden är inte tillåten', en: 'operation not permitted' },
    ELOOP: { sv: 'för många symboliska länkar i rad, troligen en länk som pekar på sig själv', en: 'too many symbolic links in a row, probably a link that points to itself' },
    ENAMETOOLONG: { sv: 'namnet är för långt', en: 'the name is too long' },
    EISDIR: { sv: 'det är en mapp, inte en fil', en: 'it is a folder, not a file' },
    ENOTDIR: { sv: 'en del av sökvägen är en fil, inte en mapp', en: 'part of the path is a file, not a folder' },
    ENOENT: { sv: 'finns inte', en: 'does not exist' },
    EIO: { sv: 'in- och utmatningsfel', en: 'input/output error' },
    EMFILE: { sv: 'för många öppna filer', en: 'too many open files' },
    ENFILE: { sv: 'för många öppna filer i systemet', en: 'too many open files in the system' },
    ENOSPC: { sv: 'disken är full', en: 'no space left on the disk' },
    EROFS: { sv: 'filsystemet är skrivskyddat', en: 'read-only file system' },
    ENXIO: { sv: 'ingen sådan enhet', en: 'no such device' },
    ENODEV: { sv: 'ingen sådan enhet', en: 'no such device' },
    ETXTBSY: { sv: 'filen används', en: 'the file is busy' },
    EBUSY: { sv: 'filen eller mappen används', en: 'the file or folder is busy' },
};

/** `EACCES` as `behörighet saknas (EACCES)`; a reason that is no known code is given as it is. */
export function fileErrorReason(reason: string, locale: MessageLocale): string {
    const known = Object.hasOwn(reasons, reason) ? reasons[reason] : undefined;
    return known ? `${known[locale]} (${reason})` : reason;
}
