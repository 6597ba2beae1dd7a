/* master.h: the process that owns the socket, forks workers and supervises them. */
#ifndef CD_MASTER_H
#define CD_MASTER_H
#include "core/config.h"

/* Serves until SIGTERM/SIGINT: opens the socket, checks the templates, forks cfg->workers workers,
 * respawns any that die (backing off when they die at start), re-reads config_path and rolls the
 * workers on SIGHUP, and on SIGTERM lets workers finish their requests before exiting.
 * Returns the process exit code. */
int master_run(config *cfg, const char *config_path);

#endif
