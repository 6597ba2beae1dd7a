/* form.h: HTML forms described as data: fields rendered by form_fields.tpl with the submitted or stored
 * values, their choices and the validation messages next to each field. */
#ifndef CD_FORM_H
#define CD_FORM_H
#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "core/err.h"
#include "http/request.h"
#include "view/tmpl.h"

typedef enum widget {
    W_TEXT,
    W_EMAIL,
    W_PASSWORD,
    W_TEXTAREA,
    W_SELECT, /* one of choices; empty names a first "none" option */
    W_CHECKS, /* a group of checkboxes, any number of choices (an empty value keeps "none" sendable) */
    W_FILES,  /* file input (multipart forms), several files */
    W_SHOWN,  /* the value as text, no input: the form never sends it (empty: the "empty" label) */
} widget;

typedef struct form_field {
    const char *name; /* the input's name: the field name of the validation and its errors */
    const char *label;
    widget w;
    bool required;
    const char *hint;    /* shown under the input, or NULL */
    const char *choices; /* W_SELECT/W_CHECKS: key of the choice list (default: name) */
    const char *empty;   /* W_SELECT: label of the "none" option, or NULL for none; W_SHOWN: the text of no value */
    const char *autocomplete;
    long max_bytes; /* W_FILES: the most the files may hold together (the browser checks it before sending) */
} form_field;

/* The values a form shows, from the submitted form fields: {name: text} ({name: [text...]} for
 * W_CHECKS, without empty values), owned by the request's arena. */
json_t *form_values(request *req, const form_field *f, size_t n);

/* Rewrites every submitted value of field name with its line breaks as LF (browsers send a textarea's
 * as CRLF), so that the text stored is the text typed; CD_ENOMEM when memory runs out. */
cd_err form_text_lines(request *req, const char *name);

/* Makes the submitted form what its n fields can send, before it is validated: form_text_lines() for each
 * W_TEXTAREA field, and no value of a W_SHOWN field (the server keeps it: one posted anyway is dropped). */
cd_err form_submitted(request *req, const form_field *f, size_t n);

/* form_values of the fields named prefix + name (such as the values an edit form was loaded with), keyed by
 * name; a field of which no value was sent is left out. */
json_t *form_sent_values(request *req, const form_field *f, size_t n, const char *prefix);

/* Loads the organization's choice lists (accounts, contacts, members, teams: [{value, label}]) into
 * an object owned by the request's arena, NULL with *e set on failure. */
json_t *form_choices(request *req, cd_err *e);

/* form_choices of members and teams only (what the case page's quick form offers). */
json_t *form_team_choices(request *req, cd_err *e);

/* Adds to choices a list key whose values and labels are values (NULL-terminated). */
void form_static_choices(json_t *choices, const char *key, const char *const *values);

/* When errors ({field: [message]}) holds any, adds include name of d (templates/form_alert.tpl): a
 * summary that takes the focus when the page loads, linking each message to its field, with the
 * messages of keys that are none of the n fields. */
void form_alert(tmpl_dict *d, const char *name, const form_field *f, size_t n, const json_t *errors);

/* Renders the n fields into include name of d (templates/form_fields.tpl): values (stored or
 * submitted, JSON null and missing keys as empty), choices by key, and errors ({field: [message]},
 * may be NULL) next to their fields. */
void form_fill(tmpl_dict *d, const char *name, const form_field *f, size_t n, const json_t *values,
               const json_t *choices, const json_t *errors);

/* What field f of values reads as for the user: choice labels for selects and checkbox groups (joined by
 * commas), "—" when empty; owned by the request's arena. */
const char *form_shown(request *req, const form_field *f, const json_t *values, const json_t *choices);

/* The label of value in choice list key, or value itself when it is not there. */
const char *form_choice_label(const json_t *choices, const char *key, const char *value);

#endif
