import type { MessageLocale } from '@regelratt/language';

/**
 * What a failed file or network call means, in the user's words: the operating system's codes
 * (`ENOSPC`, `EADDRINUSE`) say nothing to someone writing policy. Every message that reports such a
 * failure takes its reason from here.
 */
const TEXTS: Record<string, { sv: string; en: string }> = {
    EACCES: { sv: 'behörighet saknas', en: 'permission denied' },
    EPERM: { sv: 'åtgärden är inte tillåten', en: 'the operation is not permitted' },
    ENOENT: { sv: 'filen eller mappen finns inte', en: 'no such file or folder' },
    ENOTDIR: { sv: 'en del av sökvägen är en fil, inte en mapp', en: 'part of the path is a file, not a folder' },
    EISDIR: { sv: 'det är en mapp, inte en fil', en: 'it is a folder, not a file' },
    EEXIST: { sv: 'det finns redan', en: 'it already exists' },
    ENOTEMPTY: { sv: 'mappen är inte tom', en: 'the folder is not empty' },
    ENOSPC: { sv: 'disken är full', en: 'the disk is full' },
    EDQUOT: { sv: 'diskkvoten är slut', en: 'the disk quota is used up' },
    EFBIG: { sv: 'filen blir för stor', en: 'the file would be too large' },
    EROFS: { sv: 'filsystemet är skrivskyddat', en: 'the file system is read-only' },
    EBUSY: { sv: 'filen eller mappen används av ett annat program', en: 'the file or folder is in use by another program' },
    ETXTBSY: { sv: 'filen används av ett annat program', en: 'the file is in use by another program' },
    ENAMETOOLONG: { sv: 'sökvägen är för lång', en: 'the path is too long' },
    ELOOP: { sv: 'för många symboliska länkar i sökvägen', en: 'too many symbolic links in the path' },
    EXDEV: { sv: 'kan inte flytta mellan olika diskar', en: 'cannot move between different disks' },
    EIO: { sv: 'läs- eller skrivfel på disken', en: 'a read or write error on the disk' },
    EMFILE: { sv: 'för många öppna filer i programmet', en: 'too many open files in the program' },
    ENFILE: { sv: 'för många öppna filer i systemet', en: 'too many open files in the system' },
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

/** Why a system call failed, as a clause for "Kan inte skriva X: <reason>." (the code kept in brackets for a bug report). */
export function systemErrorText(error: unknown, locale: MessageLocale): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const known = code ? TEXTS[code] : undefined;
    if (known) {
        return `${known[locale]} (${code})`;
    }
    if (code) {
        return locale === 'sv' ? `operativsystemet svarade med felet ${code}` : `the operating system answered with the error ${code}`;
    }
    return locale === 'sv' ? 'okänt fel i operativsystemet' : 'an unknown error in the operating system';
}

