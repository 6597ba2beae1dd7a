/* cases.h (repo): case rules shared by the JSON API and the pages: fields, validation, writes. */
#ifndef CD_REPO_CASES_H
#define CD_REPO_CASES_H
#include <stdbool.h>
#include <jansson.h>
#include "auth/actor.h"
#include "db/case_fields.h"
#include "core/err.h"
#include "http/input.h"
#include "http/paging.h"
#include "http/upload.h"

/* The fields a client may send, CASE_SENT of db/case_fields.h in its order: CF_NAME, CF_DESCRIPTION... */
#define CASE_FIELD_ENUM(field, required, ...) CF_##field,
enum case_field { CASE_SENT(CASE_FIELD_ENUM) CF__COUNT };
#undef CASE_FIELD_ENUM

/* Each sent field's rule for validation (case_field_specs[CF_NAME].name is "name"); required holds when
 * creating. */
extern const field_spec case_field_specs[CF__COUNT];

extern const char *const case_statuses[];   /* "New", "In Progress", "On Hold", "Closed" */
extern const char *const case_priorities[]; /* "Low", "Normal", "High", "Critical" */
extern const char *const case_types[];      /* "Technical", "Billing", "General", "Bug Report", "Feature Request" */

typedef struct case_lock {
    char id[37];
    long version;
    const char *status;
    bool is_creator;
    const char *assignee_ids, *team_ids; /* its link sets as PostgreSQL's uuid[] text ("{a,b}") */
    const char *name;                    /* as stored before the write */
} case_lock;

/* Validates the case fields of in (creating: name, status and priority required; otherwise only what is
 * sent) and checks that every referenced id belongs to act's organization (assignees: active members).
 * Problems go to errors; returns CD_OK, CD_EINVALID (see errors) or a database error. */
cd_err case_validate(const actor *act, const input_fields *in, bool creating, field_val v[CF__COUNT], json_t *errors);

/* In the caller's transaction: inserts the validated case, created by act, its links and its history;
 * id receives the new case's id. */
cd_err case_insert(const actor *act, const field_val v[CF__COUNT], char id[37]);

/* In the caller's transaction: locks case id if act may see it (CD_ENOTFOUND otherwise). */
cd_err case_lock_visible(const actor *act, const char *id, case_lock *out);

/* In the caller's transaction, on a locked case: applies as act the fields sent, the closed_on rules, the
 * link sets sent and history rows; *version receives the case's version after it, a new one only when
 * something changed (saving what is stored writes no version and no history row). CD_EINVALID with errors when
 * closed_on contradicts the resulting status. */
cd_err case_apply(const actor *act, const case_lock *lk, const field_val v[CF__COUNT], json_t *errors, long *version);

/* In the caller's transaction: inserts the validated case, created by act, with the nfiles files uploaded
 * with it; id receives the new case's id. */
cd_err case_create(const actor *act, const upload *files, size_t nfiles, const field_val v[CF__COUNT], char id[37]);

/* In the caller's transaction: locks case id (CD_ENOTFOUND unless act may see it), checks if_match (an If-Match
 * header value; NULL matches) against its version (CD_EPRECOND, with *lk filled) and applies the
 * validated fields (CD_EINVALID with errors). CD_OK: *version is its version after (see case_apply). */
cd_err case_update(const actor *act, const char *id, const char *if_match, const field_val v[CF__COUNT],
                   json_t *errors, case_lock *lk, long *version);

/* In the caller's transaction: deletes case id with its comments and attachments (content no longer used
 * is pruned). CD_ENOTFOUND unless act may see it; CD_EFORBIDDEN (*refusal says why) unless case_may_delete
 * allows act. */
cd_err case_delete(const actor *act, const char *id, const char **refusal);

/* For partial, case-insensitive filters over a closed set of values (case_statuses...), the n values a query
 * gave for one parameter: a PostgreSQL text[] literal of the values containing any of them ("{}" when none
 * does), or NULL when every filter is NULL or blank (no filtering). */
const char *case_choice_filter(arena *a, const char *const *choices, const char *const *filters, size_t n);

/* Where the detail's pages of comments, history (0: the newest) and attachments (0: the oldest) start. */
typedef struct case_detail_at {
    long comments_offset, history_offset, attachments_offset;
} case_detail_at;

/* The detail of case id as act may see it (case_obj, assigned_to, teams, users_mention: the active members who may
 * open the case, of the first MENTION_ROWS by email, and so may be mentioned,
 * and a page of CASE_DETAIL_ROWS of comments (newest first from at->comments_offset, in thread order: oldest
 * first), of history (newest first from at->history_offset) and of attachments (oldest first from
 * at->attachments_offset), with comments_count, history_count and attachments_count):
 * JSON owned by act's arena and, in *version, the case version for its ETag; NULL with *e (CD_ENOTFOUND when act
 * may not see it). at NULL: the first pages. With members non-NULL, *members is every active member of those
 * MENTION_ROWS (whoever may open the case or not: to name the people of its history), owned by the arena too. */
json_t *case_detail(const actor *act, const char *id, const case_detail_at *at, long *version, json_t **members,
                    cd_err *e);

/* A case as the edit and delete pages need it, without any comment, history row or attachment. */
typedef struct case_summary {
    json_t *obj; /* the case as the API shows it, owned by the actor's arena */
    long version;
    long long comments, attachments; /* how many the case has */
    long long history_mark;          /* its newest history row (0: none), for case_field_changes */
} case_summary;

/* Reads case id into *out if act may see it: CD_OK, CD_ENOTFOUND, or a database error. */
cd_err case_summary_get(const actor *act, const char *id, case_summary *out);

/* Who last changed each field of case id (in act's organization) after the history row mark (a
 * case_summary's history_mark): {field: {"by": name or email (null: a user since deleted), "on": time}}, owned by
 * act's arena; NULL with *e. */
json_t *case_field_changes(const actor *act, const char *id, long long mark, cd_err *e);

/* Where case id lives when it is not in act's organization but in another where act's user is an active member
 * who may see it: that organization's id (org_id) and name (*name, in act's arena). CD_ENOTFOUND otherwise (so
 * that nothing is disclosed), or a database error. */
cd_err case_org_elsewhere(const actor *act, const char *id, char org_id[37], const char **name);

/* How one field of a case edited from a form loaded at an older version merges with the case as stored now. */
typedef enum case_merge {
    MERGE_UNCHANGED, /* nobody changed it, or both made it the same: nothing to write */
    MERGE_MINE,      /* changed only by me: my value is written */
    MERGE_THEIRS,    /* changed only by them: theirs is kept */
    MERGE_CONFLICT,  /* changed by both to different values: the user chooses */
} case_merge;

/* The three-way merge of one field from loaded (the value the form was loaded with; NULL when the form did not
 * carry it, and then every difference between mine and theirs is a conflict), mine (submitted) and theirs
 * (stored now). Values are JSON strings (null and missing read as ""; line breaks as CR LF, CR or LF and
 * surrounding blanks do not count, as browsers change them) or arrays of strings, compared as sets (link fields,
 * whole). */
case_merge case_merge_field(const json_t *loaded, const json_t *mine, const json_t *theirs);

/* The parts of a case listed page by page. */
typedef enum case_part { CASE_PART_COMMENTS, CASE_PART_HISTORY, CASE_PART_ATTACHMENTS } case_part;

/* One page (limit, offset) of part of case id as act may see it: comments and history newest first,
 * attachments oldest first, as the detail shows them. A JSON array owned by act's arena, with *count the
 * part's total; NULL with *e (CD_ENOTFOUND when act may not see the case). */
json_t *case_part_page(const actor *act, const char *id, case_part part, const paging *pg, long long *count,
                       cd_err *e);

/* True when the If-Match header value lists the strong tag "version" (or is "*"); a weak tag W/"version" never
 * matches (If-Match compares strongly); true when header is NULL. */
bool case_if_match(const char *header, long version);

#endif
