/* users.h (cli): `casedesk create-user`, `casedesk seed-demo` and `casedesk search-language`. */
#ifndef CD_CLI_USERS_H
#define CD_CLI_USERS_H
#include "core/config.h"

/* create-user EMAIL [--name NAME] [--org NAME | --org-id UUID] [--admin]: reads the password from the first
 * line of stdin; with --org the user is the first member of a NEW organization of that name (an organization
 * of the same name is never joined: names are not unique and anyone may create one); with --org-id they join
 * that existing organization. As USER, or ADMIN with --admin. Returns the exit code (0 on success). */
int cli_create_user(const config *cfg, int argc, char **argv);

/* seed-demo: creates the demo organization (an admin, two agents, a team, accounts and contacts)
 * unless its ADMIN's account exists; fails, loading nothing, when another demo email is taken (an existing user
 * never joins it). Prints how to sign in. Returns the exit code. */
int cli_seed_demo(const config *cfg);

/* search-language ORG_ID LANGUAGE: sets the organization's search language (repo/orgs.h's
 * org_search_languages), making its search documents again. Returns the exit code. */
int cli_search_language(const config *cfg, int argc, char **argv);

#endif
