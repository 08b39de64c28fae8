/*
 * The guard: the process fpcheck forks for each child command.  It starts
 * the command in a process group of its own, becomes the subreaper of
 * what the command starts (so that an orphaned background process
 * becomes the guard's child, even one that left the group), copies the
 * command's output to its log with the middle cut out, and, when the
 * command ends, when fpcheck sends it SIGTERM (a time limit, fpcheck
 * stopped by a signal) or when fpcheck dies (the kernel's parent-death
 * signal, even after SIGKILL), kills everything the command started and
 * waits for it.  It then removes the command's partial output if the
 * command failed (and, if fpcheck died, fpcheck's temporaries) and
 * exits as the command did: the same exit status, or the same signal.
 *
 * What it cannot do: outlive a SIGKILL sent to the guard itself (then
 * the command still dies, by its own parent-death signal, but what the
 * command started may not), or kill a process that escaped to another
 * subreaper.  Linux only (prctl, /proc/PID/task/TID/children).
 */
#ifndef FPC_CLI_GUARD_H
#define FPC_CLI_GUARD_H

#include <sys/types.h>

#include "cli_process.h"

/* In the child of fork, with SIGINT, SIGTERM and SIGHUP blocked: guards
 * c.  pipe_fd is c's stdout pipe (c->pipe_out) and parent fpcheck's
 * process id.  Never returns.  The guard allocates nothing and takes no
 * lock: fpcheck may have had threads when it forked. */
_Noreturn void cli_guard(const struct cli_child *c, const int pipe_fd[2],
			 pid_t parent);

#endif
