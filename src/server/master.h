/* master.h: the process that owns the socket, forks the workers and the text-extraction child and supervises them. */
#ifndef CD_MASTER_H
#define CD_MASTER_H
#include "core/config.h"

/* Serves until SIGTERM/SIGINT: opens the socket, checks the templates, forks cfg->workers workers and, when
 * cfg->extract_text is on, the text-extraction child; respawns any that die (backing off when they die at
 * start), re-reads config_path and rolls the children on SIGHUP, and on SIGTERM lets them finish their
 * requests (and blob) before exiting.
 * Returns the process exit code. */
int master_run(config *cfg, const char *config_path);

#endif
