/* views.h (repo): saved views of the case list: a name and a filter set, personal or shared with the organization. */
#ifndef CD_REPO_VIEWS_H
#define CD_REPO_VIEWS_H
#include <stdbool.h>
#include <jansson.h>
#include "auth/actor.h"
#include "core/err.h"
#include "http/input.h"
#include "http/kv.h"

/* The fields a view is written with (their rules; `casedesk field-specs` lists them). */
extern const field_spec view_field_specs[];
extern const size_t view_field_count;

/* The normalised form of the case list filters in query, as a query string without '?' ("" when none), in
 * act's arena: the parameters case_query_parse reads (case_query_keys) in their order, blanks and paging left
 * out, a choice filter (status, priority, case_type) with each of its values, any other with its first. Each value is
 * checked as case_query_parse checks it; a malformed one, or a parameter that is no filter, adds a message naming it
 * to errors[field]. NULL when out of memory. */
const char *view_query_normal(const actor *act, const kvlist *query, const char *field, json_t *errors);

/* The case list parameters query asks for, in *out: query itself, or with view=<id> the parameters of that
 * view as act may read it (their own, or a shared one), those of query (but view) overriding the view's, and
 * its name in *name (may be NULL; else NULL when no view applies). A malformed view id, or one act may not
 * read, adds a message under "view" to errors. CD_OK, or a database error. */
cd_err view_query(const actor *act, const kvlist *query, kvlist *out, const char **name, json_t *errors);

/* True when act may change or delete a view owned by owner and shared or not: its owner, or an ADMIN when
 * it is shared. */
bool view_may_edit(const actor *act, const char *owner, bool shared);

/* Validates the view fields of in (name, shared, query: a query string of list filters, stored normalised)
 * and writes them as act: a new view of act when view_id is NULL, else the fields sent to view view_id. In
 * the caller's transaction. CD_OK: *id is the view's id. CD_EINVALID: every problem is in errors.
 * CD_ENOTFOUND: act may not read it. CD_EFORBIDDEN: act may read it but not change it. */
cd_err view_save(const actor *act, const input_fields *in, const char *view_id, json_t *errors, const char **id);

/* Deletes view id as act, in the caller's transaction: CD_OK, CD_ENOTFOUND or CD_EFORBIDDEN as view_save. */
cd_err view_delete(const actor *act, const char *id);

/* View id as act may read it ({id, name, shared, query, owner, created_on}, owned by act's arena), or NULL
 * with *e (CD_ENOTFOUND when act may not read it). */
json_t *view_get(const actor *act, const char *id, cd_err *e);

/* The first limit views act may read (their own first, then by name) as a JSON array owned by act's arena,
 * or NULL with *e. */
json_t *views_readable(const actor *act, const char *limit, cd_err *e);

#endif
