/* rules.h (repo): who may change what, one named predicate per rule, for the API and the pages alike. */
#ifndef CD_REPO_RULES_H
#define CD_REPO_RULES_H
#include <stdbool.h>
#include "auth/actor.h"

#define CASE_DELETE_REFUSED "Only the creator of a case or an ADMIN may delete it."
#define ATTACHMENT_DELETE_REFUSED "Only the uploader of an attachment or an ADMIN may delete it."
#define COMMENT_CHANGE_REFUSED "Only the author of a comment or an ADMIN may change it."

#define CASE_EDIT_REFUSED "Your role may not change this case."

/* A case may be changed by whoever may see it (an ADMIN: every case of the organization; a USER: those they
 * created, are assigned to or whose team is), so a visible case (locked with case_lock_visible) is editable. */
bool case_may_edit(const actor *act, bool visible);

/* A case may be deleted by its creator or an ADMIN. */
bool case_may_delete(const actor *act, bool is_creator);

/* An attachment may be deleted by its uploader or an ADMIN. */
bool attachment_may_delete(const actor *act, bool is_uploader);

/* A comment may be edited by its author or an ADMIN. */
bool comment_may_edit(const actor *act, bool is_author);

/* A comment may be deleted by its author or an ADMIN. */
bool comment_may_delete(const actor *act, bool is_author);

/* Whether user id (may be NULL) is the actor. */
bool actor_is(const actor *act, const char *id);

#endif
