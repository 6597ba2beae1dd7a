/* comments.h (repo): adding comments (with @mentions and history) to cases, for the API and the pages. */
#ifndef CD_REPO_COMMENTS_H
#define CD_REPO_COMMENTS_H
#include <jansson.h>
#include "auth/actor.h"
#include "core/err.h"
#include "http/input.h"
#include "http/upload.h"
#include "repo/cases.h"

/* The comment field as every form and JSON body sends it: 1..10000 characters (not required: the
 * caller decides). */
extern const field_spec comment_field;

/* In the caller's transaction, on case lk (locked with case_lock_visible): adds as act comment text (NULL:
 * none) with its mentions and history row, stores the nuploads files uploaded with it (their JSON appended
 * to files when non-NULL) and touches the case. *comment_id receives the new comment's id, or NULL when
 * text was NULL. */
cd_err case_add_post(const actor *act, const upload *uploads, size_t nuploads, const case_lock *lk, const char *text,
                     json_t *files, const char **comment_id);

/* In the caller's transaction: adds comment text by act to case_id with its mentions and history row;
 * *comment_id receives its id. */
cd_err comment_add(const actor *act, const char *case_id, const char *text, const char **comment_id);

/* In the caller's transaction: replaces the recorded @mentions of comment comment_id by those written
 * in text (active members of the organization only). */
cd_err comment_set_mentions(const actor *act, const char *comment_id, const char *text);

/* Comment id as the API shows it (owned by act's arena), or NULL with *e (CD_ENOTFOUND). */
json_t *comment_json(const actor *act, const char *id, cd_err *e);

/* Comment id (comment_json) when act may see its case, with whether comment_may_edit and comment_may_delete
 * allow act to change it: CD_OK, CD_ENOTFOUND or a database error. */
cd_err comment_find(const actor *act, const char *id, json_t **comment, bool *may_edit, bool *may_delete);

/* In the caller's transaction: replaces the text of comment id (with its mentions and a history row)
 * when comment_may_edit allows it, and returns the comment (comment_json). NULL with *e: CD_ENOTFOUND
 * (not visible), CD_EFORBIDDEN (*refusal says why) or a database error. */
json_t *comment_edit(const actor *act, const char *id, const char *text, const char **refusal, cd_err *e);

/* In the caller's transaction: deletes comment id (with a history row) when comment_may_delete allows
 * it. CD_ENOTFOUND, CD_EFORBIDDEN (*refusal says why) or a database error. */
cd_err comment_delete(const actor *act, const char *id, const char **refusal);

#endif
