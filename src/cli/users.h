/* users.h (cli): `casedesk create-user` and `casedesk seed-demo`. */
#ifndef CD_CLI_USERS_H
#define CD_CLI_USERS_H
#include "core/config.h"

/* create-user EMAIL [--name NAME] [--org NAME] [--admin]: reads the password from the first line of
 * stdin; with --org adds the user to that organization (created when missing) as USER, or ADMIN with
 * --admin. Returns the exit code (0 on success). */
int cli_create_user(const config *cfg, int argc, char **argv);

/* seed-demo: creates the demo organization (an admin, two agents, a team, accounts and contacts)
 * unless it exists. Prints how to sign in. Returns the exit code. */
int cli_seed_demo(const config *cfg);

#endif
