/* contacts.h (repo): writes of contacts (people at accounts), shared by the JSON API and the admin pages. */
#ifndef CD_REPO_CONTACTS_H
#define CD_REPO_CONTACTS_H
#include <jansson.h>
#include "auth/actor.h"
#include "core/err.h"
#include "http/input.h"

/* The fields a contact is written with (their rules; `casedesk field-specs` lists them). */
extern const field_spec contact_field_specs[];
extern const size_t contact_field_count;

/* Validates the contact fields of in and writes them as act: a new contact when contact_id is NULL, else
 * the fields sent to contact contact_id. In the caller's transaction. CD_OK: *id is the contact's id. CD_EINVALID:
 * every problem is in errors (and the caller rolls back). CD_ENOTFOUND: no such contact here. */
cd_err contact_save(const actor *act, const input_fields *in, const char *contact_id, json_t *errors,
                    const char **id);

/* In the caller's transaction: deletes contact id of act's organization, after taking it off every case that
 * names it (each with a "contacts" history row and a new version, locked in id order): CD_OK or CD_ENOTFOUND. */
cd_err contact_delete(const actor *act, const char *id);

#endif
