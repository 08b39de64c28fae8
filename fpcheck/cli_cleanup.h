/*
 * What fpcheck leaves behind, taken back when it ends: the children it
 * started (each a guard, cli_guard.h, which ends everything its command
 * started) and its temporary files.  At exit and on SIGINT, SIGTERM and
 * SIGHUP every child still registered is stopped and waited for and
 * every registered temporary removed; the signal is then raised again,
 * so that fpcheck still ends by it.  A signal that was ignored when
 * fpcheck started (nohup, a shell's background job) stays ignored.
 *
 * What survives: after SIGKILL nothing in fpcheck runs, so its guards
 * (which the kernel tells of fpcheck's death) stop its children and
 * remove the temporaries it had when each was started; a temporary made
 * later stays.  See docs/user-guide.md, "Stopping fpcheck".
 */
#ifndef FPC_CLI_CLEANUP_H
#define FPC_CLI_CLEANUP_H

#include <signal.h>
#include <sys/types.h>

/* At most this many children and temporaries at once. */
#define CLI_CLEANUP_CHILDREN 512
#define CLI_CLEANUP_FILES    64

/* Installs the signal handlers and the exit handler, and makes atomic
 * files (fpcheck/container.h) register their temporaries.  Called once,
 * first thing in main. */
void cli_cleanup_init(void);

/* mkstemp, with tmpl registered as a temporary (removed if fpcheck is
 * stopped before cli_cleanup_forget).  Returns the descriptor, or -1
 * with errno set (EMFILE when the table is full): then nothing is left
 * on disk. */
int cli_cleanup_mkstemp(char *tmpl);
/* Unregisters path (after it was renamed or removed); a path not
 * registered is ignored. */
void cli_cleanup_forget(const char *path);
/* Removes the temporary path and unregisters it. */
void cli_cleanup_unlink(const char *path);

/* Blocks SIGINT, SIGTERM and SIGHUP in the calling thread (the previous
 * mask in *old), so that a handler cannot run between two steps that go
 * together, such as a fork and registering its child. */
void cli_cleanup_block(sigset_t *old);
void cli_cleanup_restore(const sigset_t *old);

/* Registers a child (a guard) to be stopped with SIGTERM and waited for
 * when fpcheck ends.  Returns 0, or -1 when the table is full. */
int cli_cleanup_child(pid_t pid);
/* Unregisters a child once it is reaped. */
void cli_cleanup_child_gone(pid_t pid);

/* Removes every registered temporary now, for a process that is ending
 * (the slots stay taken).  Async-signal-safe: a guard
 * whose fpcheck has died calls it on its copy of the table. */
void cli_cleanup_files_now(void);

/* Removes the temporaries of an atomic file being written at path
 * (path FPC_ATOMIC_SUFFIX, whatever mkstemp made of the X's), as a
 * killed child leaves them.  Async-signal-safe: no allocation. */
void cli_cleanup_partial(const char *path);

#endif
