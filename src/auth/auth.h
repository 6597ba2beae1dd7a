/* auth.h: who is calling (auth_ctx) and the gates the router runs before every handler. */
#ifndef CD_AUTH_H
#define CD_AUTH_H
#include <stdbool.h>
#include "auth/secret.h"
#include "core/err.h"
#include "core/ids.h"
#include "http/request.h"
#include "http/response.h"

#define SESSION_COOKIE "casedesk_session"
#define LOGIN_COOKIE "casedesk_login" /* double-submit CSRF token of the sign-in form */
#define CSRF_FIELD "csrf_token"
#define CSRF_HEADER "X-CSRF-Token"

/* Who may reach a route; checked by the router before the handler runs. */
typedef enum gate {
    GATE_PUBLIC,            /* anyone */
    GATE_ANON_FORM,         /* anyone (a session is picked up when present); a POST must carry the sign-in
                             * form's double-submit CSRF token */
    GATE_USER,              /* a signed-in user (bearer token or browser session + CSRF) */
    GATE_ORG,               /* a signed-in active member of the organization named by the request (API: header
                             * organization-id or org; pages: query parameter org) or else by the session */
    GATE_ADMIN,             /* an active ADMIN of that organization */
    GATE_ORG_OF_COMMENT,    /* GATE_ORG, where the organization defaults to that of comment {uuid}
                             * (the contract sends no organization-id there); foreign: 404 */
    GATE_ORG_OF_ATTACHMENT, /* the same for attachment {uuid} */
} gate;

typedef struct auth_ctx {
    char user_id[CD_UUID_LEN + 1];
    const char *email, *name;
    char org_id[CD_UUID_LEN + 1]; /* "" when no organization applies */
    const char *org_name;         /* browser sessions: name of the current organization */
    const char *role;             /* "ADMIN" or "USER" in org_id, NULL when not a member */
    bool member_active;
    bool is_admin;                            /* active ADMIN of org_id */
    bool via_session;                         /* browser session (CSRF applies) rather than a bearer token */
    char credential_hash[TOKEN_HASH_HEX + 3]; /* bytea literal of the token or session id */
    const char *csrf;                         /* the session's CSRF token */
    char family[CD_UUID_LEN + 1];             /* bearer: the token family, revoked together at logout */
} auth_ctx;

/* First gate, before the body is read: establishes req->auth for every gate but GATE_PUBLIC and
 * GATE_ANON_FORM (where a session is still picked up when present), and checks organization membership
 * and role. Errors: CD_EUNAUTH (no or bad credentials; for HTML GET routes a redirect to /login is
 * written into resp instead and CD_OK returned with resp->status set), CD_EBADREQ (missing or
 * malformed organization), CD_EFORBIDDEN (not an active member / not ADMIN), CD_EUNAVAIL. */
cd_err gate_identify(request *req, response *resp, gate g);

/* Second gate, after the body is parsed: for unsafe methods, the CSRF token of a session-authenticated
 * request (header X-CSRF-Token or form field csrf_token), or the double-submit token of GATE_ANON_FORM,
 * must match. Returns CD_OK or CD_EFORBIDDEN. */
cd_err gate_csrf(request *req, gate g);

/* The caller's ADMIN flag as a statement parameter ("true"/"false"), for the visibility rules in SQL. */
const char *auth_admin_param(const request *req);

/* The organization the API caller named (header organization-id, or org), or NULL when absent; sets
 * *malformed when present but not a UUID. The UUID is returned lower-cased. */
const char *auth_org_header(request *req, bool *malformed);

/* The organization a page request names (query parameter org, which case links and the actions of case forms
 * carry so that they reach the case's organization whatever the session's current one is), or NULL when absent;
 * sets *malformed when present but not a UUID. The UUID is returned lower-cased. */
const char *auth_org_param(request *req, bool *malformed);

#endif
