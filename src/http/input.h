/* input.h: declarative validation of request fields (JSON object or form), collecting every error. */
#ifndef CD_INPUT_H
#define CD_INPUT_H
#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "core/arena.h"
#include "core/err.h"
#include "http/kv.h"

struct request;

typedef enum field_type {
    F_STRING,    /* text of min..max characters (one line: trimmed of surrounding blanks), see field_spec.multiline */
    F_EMAIL,     /* text with one '@', no blanks or controls, 3..254 characters; lower-cased */
    F_UUID,      /* canonical UUID, lower-cased; JSON null or "" means "none" when nullable */
    F_UUID_LIST, /* JSON array of UUIDs, or repeated/comma-separated form values; duplicates dropped */
    F_CHOICE,    /* one of choices[] exactly */
    F_BOOL,      /* JSON true/false, or form "true"/"false"/"on"/"1"/"0" */
    F_TIME,      /* ISO 8601 timestamp with zone, a real date and time in 0001..9999 UTC; yields it in UTC */
} field_type;

typedef struct field_spec {
    const char *name;
    field_type type;
    bool required;
    bool nullable;              /* JSON null (or "" in forms) accepted, yielding is_null */
    size_t min, max;            /* F_STRING length bounds in characters; F_UUID_LIST max items (0 = 100) */
    const char *const *choices; /* F_CHOICE, NULL-terminated */
    /* F_STRING text is one line of valid UTF-8 without control characters (C0, DEL, C1) or the bidi controls
     * that reorder what is shown around it (U+202A..U+202E, U+2066..U+2069); multiline allows tab, CR and LF
     * too (descriptions, comments) and keeps the text as sent, surrounding blanks included, unless it is only
     * blanks (then it is empty); secret exempts text that is never shown (passwords) from all but
     * the UTF-8 rule, so that it is compared as sent. */
    bool multiline;
    bool secret;
} field_spec;

typedef struct field_val {
    bool present;  /* the field was sent */
    bool is_null;  /* it was sent as null / empty */
    const char *s; /* validated text (F_STRING, F_EMAIL, F_UUID, F_CHOICE; F_TIME as YYYY-MM-DDTHH:MM:SS[.ffffff]Z) */
    bool b;        /* F_BOOL */
    const char **list; /* F_UUID_LIST items */
    size_t n;          /* F_UUID_LIST item count */
} field_val;

/* The fields a client sent, as validation reads them: the JSON body when there is one, else the form. */
typedef struct input_fields {
    arena *a;           /* where validated values are copied */
    json_t *json;       /* the JSON body, or NULL */
    const kvlist *form; /* the form fields (may be empty, never NULL) */
} input_fields;

/* The fields of req's body (they live as long as req's arena). */
input_fields input_of(struct request *req);

/* Validates the fields of in against specs (n of them), writing out[i] for specs[i]. Every problem
 * is added to errors as {"field": ["message"]}. The source is the JSON body (which must be an object)
 * or else the form fields. Returns true when there were no errors. Running out of arena memory also
 * returns false, possibly with no entry in errors: arena_exhausted(in->a) then tells, and the FastCGI
 * adapter answers such a request with a 503 whatever the handler wrote. */
bool input_validate(const input_fields *in, const field_spec *specs, size_t n, field_val *out, json_t *errors);

#define INPUT_MAX_FIELDS 12

/* input_validate for a create (creating: required fields must be sent) or an update (PUT, PATCH and
 * edit forms: nothing is required, only the fields sent change). n <= INPUT_MAX_FIELDS. */
bool input_validate_write(const input_fields *in, const field_spec *specs, size_t n, field_val *v, bool creating,
                          json_t *errors);

/* The value to store for an optional text field: its text; "" when sent as null or blank, or when
 * absent on a create (the column's default); NULL when absent on an update (keep the current value). */
const char *input_text(const field_val *v, bool creating);

/* The request's field errors ({field: [message]}, req->invalid), created empty on first use and owned by
 * the arena; NULL when out of memory. A handler returns CD_EINVALID once it holds any. */
json_t *input_errors(struct request *req);

/* Validates the request's fields against specs into v, the problems going to input_errors(req): CD_OK,
 * CD_EINVALID (see req->invalid) or CD_ENOMEM (memory ran out before any problem was recorded). */
cd_err input_check(struct request *req, const field_spec *specs, size_t n, field_val *v);

/* The verdict on the field errors a write collected: CD_EINVALID when errors holds any, else CD_OK. */
cd_err input_verdict(const json_t *errors);

/* After a validation returned false: CD_EINVALID when errors holds any, CD_ENOMEM when memory ran out
 * before one was recorded. */
cd_err input_refused(const json_t *errors);

/* Reads s as an F_TIME value: NULL and *utc its UTC form (YYYY-MM-DDTHH:MM:SS[.ffffff]Z, in a; NULL when
 * out of memory), or the message saying what is wrong with it. */
const char *input_time_utc(arena *a, const char *s, const char **utc);

/* Adds message to errors[field] (creating the list), the shape every 400 body uses. */
void field_error(json_t *errors, const char *field, const char *message);

/* Formats a PostgreSQL text-array literal {"a","b"} from UUID items (safe: UUIDs need no quoting). */
char *input_uuid_array(arena *a, const char *const *items, size_t n);

#endif
