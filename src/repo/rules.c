/* rules.c (repo): the permission rules on cases, attachments and comments. */
#include "repo/rules.h"
#include <string.h>

/* The rule they all share: the owner of the row, or an ADMIN. */
static bool owner_or_admin(const actor *act, bool is_owner) { return act->role == ROLE_ADMIN || is_owner; }

bool case_may_edit(const actor *act, bool visible) { return act->role == ROLE_ADMIN || visible; }

bool case_may_delete(const actor *act, bool is_creator) { return owner_or_admin(act, is_creator); }

bool attachment_may_delete(const actor *act, bool is_uploader) { return owner_or_admin(act, is_uploader); }

bool comment_may_edit(const actor *act, bool is_author) { return owner_or_admin(act, is_author); }

bool comment_may_delete(const actor *act, bool is_author) { return owner_or_admin(act, is_author); }

bool actor_is(const actor *act, const char *id) { return id && strcmp(id, act->user_id) == 0; }
