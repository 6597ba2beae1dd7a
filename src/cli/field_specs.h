/* field_specs.h (cli): `casedesk field-specs`, the rules of every writable field as JSON for the value tests. */
#ifndef CD_CLI_FIELD_SPECS_H
#define CD_CLI_FIELD_SPECS_H
#include <stdio.h>

/* Writes the field specs of every entity clients write to out as a JSON object
 * {"cases": [{"name", "type", "required", "nullable", "min", "max", "multiline", "secret", "choices"}, ...],
 * "teams": [...], ...}: one list per entity (cases, teams, accounts, contacts, members_add, members_update,
 * comments, orgs), in the order the fields are validated; required is "required when creating". Types are
 * "string", "email", "uuid", "uuid_list", "choice", "bool" and "time"; choices is null but for "choice".
 * Returns the exit code. */
int cli_field_specs(FILE *out);

#endif
