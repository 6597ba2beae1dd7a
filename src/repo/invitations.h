/* invitations.h (repo): membership by consent: an ADMIN invites an email, its user accepts or declines, the ADMIN
 * may revoke it while pending; shared by the JSON API and the pages. */
#ifndef CD_REPO_INVITATIONS_H
#define CD_REPO_INVITATIONS_H
#include <stdbool.h>
#include <jansson.h>
#include "auth/actor.h"
#include "core/err.h"
#include "http/input.h"

/* In the caller's transaction: invites the email of in to act's organization with its role (default USER).
 * When a password is sent (it must be acceptable) and no user has that email, the user is created with it and
 * the name; either way the password is hashed, so that the answer, its shape and its time are the same whether or
 * not the email was registered. The invitation is pending: nobody becomes a member before accepting it.
 * CD_OK: *id is the invitation's. CD_EINVALID: every problem is in errors (email: already a member, or already
 * invited), and the caller rolls back. */
cd_err invitation_send(const actor *act, const input_fields *in, json_t *errors, const char **id);

/* In the caller's transaction: act's user accepts (accept) or declines pending invitation id addressed to their
 * email. Accepting makes them a member of its organization with its role, and the organization the one they
 * last worked in; *org_id (may be NULL) receives it. CD_ENOTFOUND when no such invitation is pending for them. */
cd_err invitation_decide(const actor *act, const char *id, bool accept, const char **org_id);

/* In the caller's transaction: revokes pending invitation id of act's organization. CD_ENOTFOUND when none. */
cd_err invitation_revoke(const actor *act, const char *id);

#endif
