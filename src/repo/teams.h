/* teams.h (repo): writes of teams and their members, shared by the JSON API and the admin pages. */
#ifndef CD_REPO_TEAMS_H
#define CD_REPO_TEAMS_H
#include <jansson.h>
#include "auth/actor.h"
#include "core/err.h"
#include "http/input.h"

/* The fields a team is written with (their rules; `casedesk field-specs` lists them). */
extern const field_spec team_field_specs[];
extern const size_t team_field_count;

/* Validates the team fields of in (name, description, users) and writes them as act: a new team when
 * team_id is NULL, else the fields sent to team team_id. In the caller's transaction. CD_OK: *id is the
 * team's id. CD_EINVALID: every problem is in errors (and the caller rolls back). CD_ENOTFOUND: no such team here. */
cd_err team_save(const actor *act, const input_fields *in, const char *team_id, json_t *errors, const char **id);

/* In the caller's transaction: deletes team id of act's organization, after taking it off every case assigned to
 * it (each with a "teams" history row and a new version, locked in id order): CD_OK or CD_ENOTFOUND. */
cd_err team_delete(const actor *act, const char *id);

#endif
