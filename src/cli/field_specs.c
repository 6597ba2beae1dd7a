/* field_specs.c (cli): `casedesk field-specs` prints the validation rules of every writable field as JSON. */
#include "cli/field_specs.h"
#include "db/case_fields.h"
#include "repo/accounts.h"
#include "repo/cases.h"
#include "repo/comments.h"
#include "repo/contacts.h"
#include "repo/members.h"
#include "repo/orgs.h"
#include "repo/teams.h"
#include <jansson.h>

static const char *type_name(field_type t)
{
    switch (t) {
    case F_STRING:
        return "string";
    case F_EMAIL:
        return "email";
    case F_UUID:
        return "uuid";
    case F_UUID_LIST:
        return "uuid_list";
    case F_CHOICE:
        return "choice";
    case F_BOOL:
        return "bool";
    case F_TIME:
        return "time";
    }
    return "unknown";
}

static json_t *spec_json(const field_spec *f, bool required)
{
    json_t *choices = NULL;
    if (f->choices) {
        choices = json_array();
        for (const char *const *c = f->choices; choices && *c; c++)
            json_array_append_new(choices, json_string(*c));
    }
    return json_pack("{s:s, s:s, s:b, s:b, s:I, s:I, s:b, s:b, s:o?}", "name", f->name, "type", type_name(f->type),
                     "required", required, "nullable", f->nullable, "min", (json_int_t)f->min, "max",
                     (json_int_t)f->max, "multiline", f->multiline, "secret", f->secret, "choices", choices);
}

/* The n specs as a JSON array, each required as its spec says. */
static json_t *list_json(const field_spec *specs, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < n; i++)
        json_array_append_new(list, spec_json(&specs[i], specs[i].required));
    return list;
}

/* A case field is required when creating by its row of CASE_SENT, not by its spec (updates send any subset). */
#define CASE_SPEC_JSON(field, required, ...)                                                                         \
    json_array_append_new(cases, spec_json(&case_field_specs[CF_##field], required));

int cli_field_specs(FILE *out)
{
    json_t *cases = json_array();
    if (cases) {
        CASE_SENT(CASE_SPEC_JSON)
    }
    json_t *all = json_pack("{s:o?, s:o?, s:o?, s:o?, s:o?, s:o?, s:o?, s:o?}", "cases", cases, "teams",
                            list_json(team_field_specs, team_field_count), "accounts",
                            list_json(account_field_specs, account_field_count), "contacts",
                            list_json(contact_field_specs, contact_field_count), "members_add",
                            list_json(member_add_field_specs, member_add_field_count), "members_update",
                            list_json(member_update_field_specs, member_update_field_count), "comments",
                            list_json(&comment_field, 1), "orgs", list_json(org_field_specs, org_field_count));
    int rc = all && json_dumpf(all, out, JSON_INDENT(1)) == 0 && fputc('\n', out) != EOF ? 0 : 1;
    json_decref(all);
    return rc;
}
