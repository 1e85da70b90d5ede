"""Child processes that end with the process that started them, even when it is killed with SIGKILL.

A killed run cannot clean up: without this its Prefect API server and extraction workers would keep
running (and holding ports, memory and open files) for as long as nothing stops them.

Why a watchdog thread polling ``os.getppid()`` rather than Linux's ``PR_SET_PDEATHSIG``: the kernel
sends the parent-death signal when the *thread* that started the child ends, not the process, and our
extraction workers are started from short-lived threads (one per batch) yet serve several batches, so
they would be killed while the run still needs them. When a parent dies its children are re-parented
(to init or a subreaper), so a changed ``getppid()`` means exactly "my parent is gone", whatever thread
started us, on any POSIX system. It costs one syscall per interval in an otherwise idle thread.
"""

from __future__ import annotations

import os
import threading
import time

__all__ = ["watch_parent"]


def watch_parent(parent_pid: int, *, interval: float = 0.2) -> None:
    """End this process (``os._exit``) within ``interval`` seconds of ``parent_pid`` ceasing to be its
    parent; also at once if that already happened before this call.

    ``parent_pid`` must come from the parent (e.g. ``os.getpid()`` passed on the command line): read
    here, it could already be the pid of the process that adopted us.
    """

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(interval)
        # Our parent is gone and nobody will ever ask for our results: leave at once, no cleanup to
        # wait on (a graceful exit could hang on the very resources the dead parent held).
        os._exit(1)

    if os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(target=watch, name="presswatch-lifeline", daemon=True).start()
