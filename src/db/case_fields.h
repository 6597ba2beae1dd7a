/* case_fields.h (db): the fields of a case in three lists, one row per field: what a case shows, what a client
 * may send, and which columns the case statements store; everything else about a field is derived from them. */
#ifndef CD_DB_CASE_FIELDS_H
#define CD_DB_CASE_FIELDS_H

/* What a case shows, after its id, in the API's key order: X(a, key, column of cases, how the column reads),
 * where a is CASE_SHOWN's second argument, passed through. The kinds are TEXT, TEXT_OR_NULL, TIME, TIME_OR_NULL and
 * IDS (a uuid[] kept on the case). CASE_COLUMNS_OF (statements.def) selects these columns and case_json_row()
 * (src/repo/case_json.c) turns them into JSON. */
#define CASE_SHOWN(X, a)                                                                                             \
    X(a, "name", "name", TEXT)                                                                                       \
    X(a, "status", "status", TEXT)                                                                                   \
    X(a, "priority", "priority", TEXT)                                                                               \
    X(a, "case_type", "case_type", TEXT_OR_NULL)                                                                     \
    X(a, "account", "account_id", TEXT_OR_NULL)                                                                      \
    X(a, "contacts", "contact_ids", IDS)                                                                             \
    X(a, "created_on", "created_on", TIME)                                                                           \
    X(a, "closed_on", "closed_on", TIME_OR_NULL)                                                                     \
    X(a, "assigned_to", "assignee_ids", IDS)                                                                         \
    X(a, "teams", "team_ids", IDS)                                                                                   \
    X(a, "description", "description", TEXT)                                                                         \
    X(a, "created_by", "created_by", TEXT_OR_NULL)                                                                   \
    X(a, "org", "org_id", TEXT)                                                                                      \
    X(a, "updated_on", "updated_on", TIME)

/* What a client may send when creating or editing a case: X(NAME, required when creating, field_spec
 * members (http/input.h)); the enum case_field (repo/cases.h) is CF_NAME... in this order. */
#define CASE_SENT(X)                                                                                                 \
    X(NAME, true, .name = "name", .type = F_STRING, .min = 1, .max = 255)                                            \
    X(DESCRIPTION, false, .name = "description", .type = F_STRING, .nullable = true, .max = 100000,                  \
      .multiline = true)                                                                                             \
    X(STATUS, true, .name = "status", .type = F_CHOICE, .choices = case_statuses)                                    \
    X(PRIORITY, true, .name = "priority", .type = F_CHOICE, .choices = case_priorities)                              \
    X(CASE_TYPE, false, .name = "case_type", .type = F_CHOICE, .nullable = true, .choices = case_types)              \
    X(ACCOUNT, false, .name = "account", .type = F_UUID, .nullable = true)                                           \
    X(CONTACTS, false, .name = "contacts", .type = F_UUID_LIST)                                                      \
    X(ASSIGNED_TO, false, .name = "assigned_to", .type = F_UUID_LIST)                                                \
    X(TEAMS, false, .name = "teams", .type = F_UUID_LIST)                                                            \
    X(CLOSED_ON, false, .name = "closed_on", .type = F_TIME, .nullable = true)

/* The sent fields that CASE_INSERT and CASE_UPDATE store as a column of cases, each with a history row when
 * an edit changes it: X(NAME of CASE_SENT, key of its history rows, column, its stored value from the sent
 * record j). A value is
 * CASE_AS_SENT or CASE_OR_EMPTY (NULL stored as ''). The link sets (contacts, assignees, teams) have their own
 * statements, and closed_on follows the status rules written out in CASE_INSERT and CASE_UPDATE. */
#define CASE_STORED(X)                                                                                               \
    X(NAME, "name", "name", CASE_AS_SENT)                                                                            \
    X(DESCRIPTION, "description", "description", CASE_OR_EMPTY)                                                      \
    X(STATUS, "status", "status", CASE_AS_SENT)                                                                      \
    X(PRIORITY, "priority", "priority", CASE_AS_SENT)                                                                \
    X(CASE_TYPE, "case_type", "case_type", CASE_AS_SENT)                                                             \
    X(ACCOUNT, "account", "account_id", CASE_AS_SENT)

#define CASE_AS_SENT(column) "j." column
#define CASE_OR_EMPTY(column) "COALESCE(j." column ", '')"

#endif
