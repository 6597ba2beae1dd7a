/* worker.h: one worker process: database after fork, then the FastCGI loop. */
#ifndef CD_WORKER_H
#define CD_WORKER_H
#include "core/config.h"

/* Runs a worker on listen_fd until SIGTERM/SIGINT (finishing the request in progress). Connects to
 * PostgreSQL here, after fork, and keeps serving (503) while it is unreachable. Returns the exit code. */
int worker_run(int listen_fd, const config *cfg);

#endif
