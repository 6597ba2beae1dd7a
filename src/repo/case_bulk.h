/* case_bulk.h (repo): one change (fields set, assignees and teams added or removed) applied case by case to many
 * cases, each under the caller's rules with its own version and history, for the API and the case list page. */
#ifndef CD_REPO_CASE_BULK_H
#define CD_REPO_CASE_BULK_H
#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "auth/actor.h"
#include "core/err.h"
#include "http/input.h"
#include "repo/cases.h"

/* The most cases one bulk change may name. */
#define CASE_BULK_MAX 1000

/* The link sets a bulk change adds to or removes from. */
enum { BULK_ASSIGNEES, BULK_TEAMS, BULK__LINKS };

/* A validated bulk change. */
typedef struct case_bulk {
    const char **ids;         /* the distinct cases named, in the order sent (a repeated id counts once) */
    size_t n;                 /* 1..CASE_BULK_MAX */
    const char **if_match;    /* per id: an If-Match value its version must match, or NULL */
    field_val set[CF__COUNT]; /* the fields set: only status, priority, case_type and account may be present */
    field_val add[BULK__LINKS], remove[BULK__LINKS];
} case_bulk;

/* Reads body, {"ids": [uuid...], "set": {status, priority, case_type, account}, "add": {"assigned_to": [...],
 * "teams": [...]}, "remove": {...}, "versions": {"<id>": version number or ETag}}, into *b: every id a UUID, 1 to
 * CASE_BULK_MAX distinct ones (repeats collapse), at least one change, values as the case rules accept them,
 * added assignees active members and added teams teams of act's organization, no id both added and removed.
 * CD_OK, CD_EINVALID with every problem in errors keyed by its field ("ids", "set.status", "add.assigned_to",
 * "versions", an unknown key by its own name), or a database error. */
cd_err case_bulk_parse(const actor *act, const json_t *body, case_bulk *b, json_t *errors);

/* What case_bulk_apply did, in counts. */
typedef struct case_bulk_counts {
    size_t changed;   /* cases written (a new version) */
    size_t unchanged; /* cases that already were as asked (200, no new version, no history) */
    size_t refused;   /* the rest: 403, 404, 409 or 412 */
} case_bulk_counts;

/* In the caller's transaction: first locks, in id order (the order every writer of several cases locks them
 * in, so that concurrent single edits and bulk changes never deadlock), every case of b that act may see; then
 * applies the change to each as case_apply does (closed_on rules, one history row per changed field, a version
 * bump only when something changed). Returns the answer per case in the order of b->ids, owned by act's arena:
 * [{"id", "status": 200, "version", "changed": bool} | {"id", "status": 404, "reason"} | {"id", "status": 412,
 * "reason", "version"} | {"id", "status": 403, "reason"} | {"id", "status": 409, "errors"}], with *counts;
 * NULL with *e on a database error (the caller's transaction then undoes every case). */
json_t *case_bulk_apply(const actor *act, const case_bulk *b, case_bulk_counts *counts, cd_err *e);

#endif
