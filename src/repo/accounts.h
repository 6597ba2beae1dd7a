/* accounts.h (repo): writes of customer accounts, shared by the JSON API and the admin pages. */
#ifndef CD_REPO_ACCOUNTS_H
#define CD_REPO_ACCOUNTS_H
#include <jansson.h>
#include "auth/actor.h"
#include "core/err.h"
#include "http/input.h"

/* The fields an account is written with (their rules; `casedesk field-specs` lists them). */
extern const field_spec account_field_specs[];
extern const size_t account_field_count;

/* Validates the account fields of in and writes them as act: a new account when account_id is NULL, else
 * the fields sent to account account_id. CD_OK: *id is the account's id. CD_EINVALID: every problem is
 * in errors and nothing is written. CD_ENOTFOUND: no such account here. */
cd_err account_save(const actor *act, const input_fields *in, const char *account_id, json_t *errors,
                    const char **id);

/* In the caller's transaction: deletes account id of act's organization, after taking it off every case of it
 * (each with an "account" history row and a new version, locked in id order); its contacts stay, without an
 * account: CD_OK or CD_ENOTFOUND. */
cd_err account_delete(const actor *act, const char *id);

#endif
