/* attachments.h (repo): storing uploaded files as case attachments, and removing their content. */
#ifndef CD_REPO_ATTACHMENTS_H
#define CD_REPO_ATTACHMENTS_H
#include <jansson.h>
#include "core/err.h"
#include "http/request.h"

/* In the caller's transaction: stores every file uploaded with the request as an attachment of
 * case_id (content once per organization and SHA-256, metadata, a history row each). When created is
 * non-NULL, appends each attachment's JSON to it. */
cd_err case_store_uploads(request *req, const char *case_id, json_t *created);

/* In the caller's transaction: removes the content among digests (a PostgreSQL bytea[] literal, may be
 * NULL) that no attachment of the organization uses any more. */
cd_err attachments_prune(request *req, const char *digests);

/* In the caller's transaction: deletes attachment id when the caller may (its uploader or an ADMIN, on
 * a case they can see), prunes its content when no longer used and writes a history row. *case_id
 * receives the attachment's case. CD_ENOTFOUND (not visible), CD_EFORBIDDEN (error_detail set) or a
 * database error. */
cd_err attachment_delete(request *req, const char *id, const char **case_id);

/* The content type to store for an upload: the declared one when it is a well-formed type/subtype
 * (lower-cased, parameters dropped), else application/octet-stream. */
const char *attachment_content_type(arena *a, const char *declared);

/* The content type to send a download with: types browsers render harmlessly (images except SVG,
 * PDF, plain text, audio, video) keep theirs; everything else is application/octet-stream. */
const char *attachment_served_type(const char *stored);

#endif
