/* attachments.h (repo): storing uploaded files as case attachments, and removing their content. */
#ifndef CD_REPO_ATTACHMENTS_H
#define CD_REPO_ATTACHMENTS_H
#include <jansson.h>
#include "auth/actor.h"
#include "core/err.h"
#include "http/upload.h"

/* In the caller's transaction: stores the nfiles files as attachments of case_id uploaded by act (content
 * once per organization and SHA-256, metadata, a history row each). When created is non-NULL, appends each
 * attachment's JSON to it. */
cd_err case_store_uploads(const actor *act, const upload *files, size_t nfiles, const char *case_id, json_t *created);

/* In the caller's transaction: removes the content among digests (a PostgreSQL bytea[] literal, may be
 * NULL) that no attachment of act's organization uses any more. */
cd_err attachments_prune(const actor *act, const char *digests);

/* In the caller's transaction: deletes attachment id when attachment_may_delete allows act (on a case act
 * can see), prunes its content when no longer used and writes a history row. *case_id receives the
 * attachment's case. CD_ENOTFOUND (not visible), CD_EFORBIDDEN (*refusal says why) or a database error. */
cd_err attachment_delete(const actor *act, const char *id, const char **case_id, const char **refusal);

/* Attachment id on a case act can see: *case_id and *file_name (owned by act's arena), and whether
 * attachment_may_delete allows act to delete it. CD_ENOTFOUND (not visible) or a database error. */
cd_err attachment_find(const actor *act, const char *id, const char **case_id, const char **file_name,
                       bool *may_delete);

/* The content type to store for an upload: the declared one when it is a well-formed type/subtype
 * (lower-cased, parameters dropped), else application/octet-stream. */
const char *attachment_content_type(arena *a, const char *declared);

/* The content type to send a download with: types browsers render harmlessly (images except SVG,
 * PDF, plain text, audio, video) keep theirs; everything else is application/octet-stream. */
const char *attachment_served_type(const char *stored);

#endif
