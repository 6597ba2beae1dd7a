/* members.h (repo): members of an organization (change role or activity, remove; they join by accepting an
 * invitation, repo/invitations.h), shared by the JSON API and the admin pages; both keep the organization's last
 * active ADMIN. */
#ifndef CD_REPO_MEMBERS_H
#define CD_REPO_MEMBERS_H
#include <jansson.h>
#include "auth/actor.h"
#include "core/err.h"
#include "http/input.h"

extern const char *const member_roles[]; /* "ADMIN", "USER" */

/* The fields of a member's addition (email, password, name, role, in this order) and of a member's change
 * (role, is_active, name): their rules, which `casedesk field-specs` lists. */
extern const field_spec member_add_field_specs[];
extern const size_t member_add_field_count;
extern const field_spec member_update_field_specs[];
extern const size_t member_update_field_count;

/* The message of a refusal to leave the organization without an active ADMIN. */
#define MEMBER_LAST_ADMIN "The organization must keep at least one active ADMIN."

/* In the caller's transaction: creates the user email with password (hashed here) and name; *id
 * receives their id. CD_ENOMEM when hashing fails, or a database error (CD_ECONFLICT: the email is taken). */
cd_err user_create(arena *a, const char *email, const char *password, const char *name, const char **id);

/* In the caller's transaction: makes user_id a member of act's organization with role ("ADMIN" or
 * "USER"), or changes the role of a member to it. */
cd_err member_set(const actor *act, const char *user_id, const char *role);

/* Records act's organization as the one act's user last worked in (where their next browser sign-in opens),
 * when act is an active member of it; nothing otherwise. */
cd_err member_worked_in(const actor *act);

/* Changes the role, is_active and name of in (only those sent) of member user_id of act's organization; made
 * inactive, they are taken off every case assigned to them (an "assigned_to" history row and a new version each). A
 * change that would leave no active ADMIN is refused: CD_EINVALID with MEMBER_LAST_ADMIN under role or is_active; so
 * is a new name for a user who belongs to another organization too (the name is global): under name. In the caller's
 * transaction (rolled back by the caller on an error). CD_ENOTFOUND: not a member. */
cd_err member_update(const actor *act, const input_fields *in, const char *user_id, json_t *errors);

/* In the caller's transaction: removes member user_id of act's organization, from the organization's teams and from
 * every case assigned to them (an "assigned_to" history row and a new version each, the cases locked in id order).
 * Removing the last active ADMIN is refused: CD_EINVALID with MEMBER_LAST_ADMIN under non_field_errors. CD_ENOTFOUND.
 */
cd_err member_remove(const actor *act, const char *user_id, json_t *errors);

#endif
