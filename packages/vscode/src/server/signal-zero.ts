/**
 * vscode-languageserver's watchdog asks whether the editor that started the server is still there
 * with `process.kill(processId, 0)` every 3 s, and takes any failure for "gone". EPERM is not gone:
 * the process exists and is another user's (the server started as another user, or in a container
 * that may not signal it), and the server then quit 3 s into every session. Only ESRCH means gone.
 * Imported first, before the library sets its timer.
 */
const kill = process.kill.bind(process);

process.kill = ((pid: number, signal?: string | number): boolean => {
    try {
        return kill(pid, signal);
    } catch (error) {
        if (signal === 0 && (error as NodeJS.ErrnoException).code === 'EPERM') {
            return true;
        }
        throw error;
    }
}) as typeof process.kill;
