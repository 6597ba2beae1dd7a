/* tmpl_json.h (web): fills template dictionaries from the JSON the statements build, for every page. */
#ifndef CD_TMPL_JSON_H
#define CD_TMPL_JSON_H
#include <jansson.h>
#include "core/arena.h"
#include "view/tmpl.h"

/* Sets the members of object obj in d under their names upper-cased (non-alphanumerics become '_'):
 *  - strings and numbers as {{KEY}}; an ISO 8601 UTC time ("2023-01-15T10:30:00Z") also as
 *    {{KEY_TEXT}} ("2023-01-15 10:30 UTC");
 *  - true shows section {{#KEY}};
 *  - objects recursively, with KEY_ before their members' names ({{CREATED_BY_EMAIL}});
 *  - arrays as rows of section {{#KEY}} (see tmpl_json_rows).
 * Every member that is null, false, "" or [] shows section {{#NO_KEY}}, every other {{#HAS_KEY}}.
 * Null and false also set {{KEY}} to "". ctemplate sections see their parents' values and sections:
 * fill an object into a section of its own when rows are added next to it, so that a row whose member
 * is empty does not also show the parent's {{#HAS_KEY}}. */
void tmpl_json_object(tmpl_dict *d, json_t *obj);

/* Adds one row of section {{#NAME}} per element of array arr: objects filled as by tmpl_json_object,
 * other values as {{VALUE}}. Shows {{#NO_NAME}} when arr is empty or not an array. Returns the rows. */
size_t tmpl_json_rows(tmpl_dict *d, const char *name, json_t *arr);

/* The CSS class suffix of a status or priority value: lower-case, blanks as '-' ("In Progress" →
 * "in-progress"), from arena a; "" for NULL. */
const char *web_slug(arena *a, const char *value);

#endif
