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

/* In the caller's transaction (rolled back by the caller on an error): deletes row id of act's organization, a
 * change of every case that links to it. Statement lock (org_id, id) locks the row FOR UPDATE, so that no case
 * links to it until commit; unlink (org_id, id, actor) takes it off those cases, locked in id order, with a history
 * row and a new version each (CASES_DROP_*); del (org_id, id) RETURNING id deletes it. CD_OK, or CD_ENOTFOUND when
 * nothing of the organization matched. */
cd_err org_row_delete(const actor *act, stmt_id lock, stmt_id unlink, stmt_id del, const char *id);

/* The languages an organization may search in (sql/025's configurations), NULL-terminated: "simple" (no
 * stemming; the default) first. */
extern const char *const org_search_languages[];

/* In the caller's transaction: sets organization id's search language (one of org_search_languages), which makes
 * every search document of the organization again. CD_EINVALID for another language, CD_ENOTFOUND for no such
 * organization. */
cd_err org_set_search_language(arena *a, const char *id, const char *language);

#endif
