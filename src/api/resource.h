/* resource.h: the steps every organization-scoped JSON resource shares (validate, list, get, reply, delete). */
#ifndef CD_RESOURCE_H
#define CD_RESOURCE_H
#include <stdbool.h>
#include <jansson.h>
#include "auth/actor.h"
#include "db/db.h"
#include "http/input.h"
#include "http/request.h"
#include "http/response.h"

#define RES_MAX_FILTERS 4

/* Replies with one page of a list: limit and offset from the query, then count(org_id, filters...) and
 * page(org_id, filters..., limit, offset), whose single value is a JSON array, in the {count, next,
 * previous, results} envelope. CD_EINVALID when the caller's filters (in input_errors(req)) or the paging
 * are malformed. nf <= RES_MAX_FILTERS. */
cd_err res_list(request *req, response *resp, stmt_id count, stmt_id page, const char *const *filters, size_t nf);

/* res_list with owner (another id than the caller's organization, such as the caller's user id) as $1. */
cd_err res_list_of(request *req, response *resp, const char *owner, stmt_id count, stmt_id page,
                   const char *const *filters, size_t nf);

/* Replies status with the JSON of get(org_id, id); a 201 also gets Location: <request path><id>/. CD_ENOTFOUND when
 * the organization has no such row. */
cd_err res_reply_row(request *req, response *resp, stmt_id get, const char *id, int status);

/* A repo write (repo/teams.h and the like): id NULL creates; *out receives the row's id. */
typedef cd_err (*res_save_fn)(const actor *act, const input_fields *in, const char *id, json_t *errors,
                              const char **out);

/* Runs save on row id (NULL: a new row) and replies with get's JSON of the row: 201 with Location on a
 * create, 200 on an update; CD_EINVALID (input_errors(req) lists every bad field) when save refuses the input. */
cd_err res_write(request *req, response *resp, res_save_fn save, stmt_id get, const char *id);

/* A repo delete (repo/teams.h and the like): CD_OK, or CD_ENOTFOUND when nothing of the organization matched. */
typedef cd_err (*res_delete_fn)(const actor *act, const char *id);

/* Runs del on the row of the path as the caller: 204, or del's error. */
cd_err res_delete(request *req, response *resp, res_delete_fn del);

#endif
