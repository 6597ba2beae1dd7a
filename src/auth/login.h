/* login.h: credential checks shared by the API sign-in, the browser sign-in and token refresh. */
#ifndef CD_LOGIN_H
#define CD_LOGIN_H
#include <jansson.h>
#include "core/err.h"
#include "core/ids.h"
#include "http/request.h"
#include "http/response.h"

#define LOGIN_EMAIL_MAX 254     /* characters of the sign-in email */
#define LOGIN_PASSWORD_MAX 1024 /* characters of the sign-in password */

/* Checks the request's sign-in fields (JSON body or form: email and password, required, trimmed, at most
 * LOGIN_EMAIL_MAX and LOGIN_PASSWORD_MAX characters) under the rate limit. Every attempt that does not sign in
 * counts against the email (as sign-in matches it: trimmed, lower-cased) and the client address, unknown,
 * missing and over-long ones included (req->writes_stand: that stands). CD_OK fills user_id; CD_EINVALID with
 * req->invalid naming the fields; CD_EUNAUTH for a wrong password or unknown email (same answer, same time);
 * CD_ERATELIMIT with *retry_after seconds; or a db error. */
cd_err login_check(request *req, char user_id[CD_UUID_LEN + 1], long *retry_after);

/* Issues an access and a refresh token for user_id in token family (NULL: a new family) and adds
 * access_token, refresh_token, token_type and expires_in to obj. Only hashes are stored. */
cd_err tokens_issue(request *req, const char *user_id, const char *family, json_t *obj);

/* In the caller's transaction: rotates refresh_token: when it is current, it and the access token it was
 * issued with are revoked and a new access and refresh token of its family are added to obj (as tokens_issue);
 * when it was already used, its
 * whole family is revoked (req->writes_stand: that stands) and CD_EUNAUTH returned, as for an unknown or
 * malformed token. */
cd_err tokens_refresh(request *req, const char *refresh_token, json_t *obj);

/* Starts a browser session for user_id with a new id (the old session, if any, is deleted), in the
 * organization the user last worked in (else the one they joined first; none without a membership), and sets
 * the cookie on resp. */
cd_err session_start(request *req, response *resp, const char *user_id);

/* Makes org_id, where the caller is an active member (checked by the caller), the current organization of the
 * caller's browser session and the one their next sign-in opens. */
cd_err session_set_org(request *req, const char *org_id);

/* Ends the caller's browser session (if any) and clears the cookie. */
cd_err session_end(request *req, response *resp);

/* Adds a Retry-After header of secs seconds. */
void set_retry_after(response *resp, long secs);

#endif
