/* orgs.h (repo): creating organizations, for the API and the command line alike. */
#ifndef CD_REPO_ORGS_H
#define CD_REPO_ORGS_H
#include <jansson.h>
#include "auth/actor.h"
#include "core/err.h"
#include "db/db.h"
#include "http/input.h"

/* The fields of a new organization (its name): their rules, which `casedesk field-specs` lists. */
extern const field_spec org_field_specs[];
extern const size_t org_field_count;

/* In the caller's transaction: creates organization name (no member yet); *id receives its id. */
cd_err org_insert(arena *a, const char *name, const char **id);

/* In the caller's transaction: creates organization name with act's user as its ADMIN and returns it
 * as the API shows it (owned by act's arena; its id under "id"), or NULL with *e. */
json_t *org_create(const actor *act, const char *name, cd_err *e);

/* Deletes row id of act's organization with statement del (org_id, id) RETURNING id: CD_OK, or
 * CD_ENOTFOUND when nothing of the organization matched. */
cd_err org_row_delete(const actor *act, stmt_id del, const char *id);

#endif
