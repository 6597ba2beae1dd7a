/* test_input.c: declarative field validation over JSON bodies and form fields: required/nullable, each
 * field type's accepted and rejected values, wrong JSON types, and that every bad field is reported. */
#include <stdarg.h>
#include <stdio.h>
#include "core/str.h"
#include "http/input.h"
#include "http/request.h"
#include "testutil.h"

#define U1 "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
#define U2 "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
#define U3 "00000000-0000-0000-0000-000000000000"
#define U1_UPPER "3F2504E0-4F89-41D3-9A0C-0305E82C3301"
#define U2_UPPER "6BA7B810-9DAD-11D1-80B4-00C04FD430C8"

/* A request whose body was the JSON text json. */
static request *json_req(arena *a, const char *json)
{
    request *r = arena_calloc(a, 1, sizeof *r);
    ck_assert_ptr_nonnull(r);
    r->a = a;
    r->json = test_json(a, json);
    return r;
}

/* A request with form fields given as NULL-terminated name, value, name, value... */
static request *form_req(arena *a, ...)
{
    request *r = arena_calloc(a, 1, sizeof *r);
    ck_assert_ptr_nonnull(r);
    r->a = a;
    va_list ap;
    va_start(ap, a);
    for (const char *k; (k = va_arg(ap, const char *));) {
        const char *v = va_arg(ap, const char *);
        ck_assert_int_eq(kv_add(&r->form, a, k, strlen(k), v, strlen(v)), 0);
    }
    va_end(ap);
    return r;
}

/* input_validate over the body of request r. */
static bool validate(request *r, const field_spec *specs, size_t n, field_val *out, json_t *errors)
{
    input_fields in = input_of(r);
    return input_validate(&in, specs, n, out, errors);
}

/* Validates one field; returns the errors as compact JSON ("{}" when valid, which must agree with the
 * return value). */
static const char *check1(request *r, field_spec f, field_val *out)
{
    json_t *errors = test_json(r->a, "{}");
    bool ok = validate(r, &f, 1, out, errors);
    ck_assert_msg(ok == (json_object_size(errors) == 0), "return value disagrees with errors");
    return test_dump(r->a, errors);
}

/* The JSON body {"f": value} for one field named f. */
static request *json1(arena *a, const char *value) { return json_req(a, arena_printf(a, "{\"f\":%s}", value)); }

#define OK "{}"
#define ERR(msg) "{\"f\":[\"" msg "\"]}"

static const char *const STATUSES[] = {"New", "Open", "Closed", NULL};

START_TEST(field_error_appends)
{
    arena *a = test_arena();
    json_t *e = test_json(a, "{}");
    field_error(e, "name", "First.");
    field_error(e, "name", "Second.");
    field_error(e, "email", "Third.");
    ck_assert_str_eq(test_dump(a, e), "{\"email\":[\"Third.\"],\"name\":[\"First.\",\"Second.\"]}");
    arena_free(a);
}
END_TEST

START_TEST(required_missing)
{
    arena *a = test_arena();
    static const field_type types[] = {F_STRING, F_EMAIL, F_UUID, F_CHOICE, F_BOOL, F_TIME};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        field_spec f = {.name = "f", .type = types[i], .required = true, .choices = STATUSES};
        field_val v;
        ck_assert_str_eq(check1(json_req(a, "{\"other\":1}"), f, &v), ERR("This field is required."));
        ck_assert(!v.present);
        ck_assert_str_eq(check1(form_req(a, "other", "1", NULL), f, &v), ERR("This field is required."));
        if (types[i] != F_STRING) /* "" is a string; whether it may be blank is min's business */
            ck_assert_str_eq(check1(form_req(a, "f", "", NULL), f, &v), ERR("This field is required."));
        ck_assert_str_eq(check1(json1(a, "null"), f, &v), ERR("This field is required."));
        /* optional: absence is fine */
        f.required = false;
        ck_assert_str_eq(check1(json_req(a, "{}"), f, &v), OK);
        ck_assert(!v.present);
        ck_assert_ptr_null(v.s);
    }
    arena_free(a);
}
END_TEST

START_TEST(required_uuid_list_missing)
{
    arena *a = test_arena();
    field_spec f = {.name = "f", .type = F_UUID_LIST, .required = true};
    field_val v;
    ck_assert_str_eq(check1(json_req(a, "{}"), f, &v), ERR("This field is required."));
    ck_assert_str_eq(check1(form_req(a, "other", U1, NULL), f, &v), ERR("This field is required."));
    ck_assert_str_eq(check1(json1(a, "[\"" U1 "\"]"), f, &v), OK);
    ck_assert_uint_eq(v.n, 1);
    ck_assert_str_eq(check1(json1(a, "[]"), f, &v), OK); /* sent, even if empty */
    f.required = false;
    ck_assert_str_eq(check1(json_req(a, "{}"), f, &v), OK);
    ck_assert(!v.present);
    ck_assert_uint_eq(v.n, 0);
    arena_free(a);
}
END_TEST

START_TEST(string_trim_and_length)
{
    arena *a = test_arena();
    field_spec f = {.name = "f", .type = F_STRING, .min = 2, .max = 5};
    field_val v;
    ck_assert_str_eq(check1(json1(a, "\"  hello \\t\\n\""), f, &v), OK);
    ck_assert(v.present && !v.is_null);
    ck_assert_str_eq(v.s, "hello");
    ck_assert_str_eq(check1(form_req(a, "f", " hi ", NULL), f, &v), OK);
    ck_assert_str_eq(v.s, "hi");
    ck_assert_str_eq(check1(json1(a, "\"a  b\""), f, &v), OK); /* inner blanks kept */
    ck_assert_str_eq(v.s, "a  b");
    /* lengths are in characters: 5 two-byte and 5 four-byte characters fit in max 5 */
    ck_assert_str_eq(check1(json1(a, "\"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\""), f, &v), OK);
    ck_assert_str_eq(
        check1(json1(a, "\"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\""), f,
               &v),
        OK);
    ck_assert_str_eq(check1(json1(a, "\"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\""), f, &v),
                     ERR("Ensure this field has no more than 5 characters."));
    ck_assert_ptr_null(v.s);
    ck_assert_str_eq(check1(json1(a, "\"\xC3\xA9\xC3\xA9\""), f, &v), OK); /* 2 chars, 4 bytes */
    ck_assert_str_eq(check1(json1(a, "\"\xC3\xA9\""), f, &v), ERR("Too short."));
    ck_assert_str_eq(check1(json1(a, "\" a  \""), f, &v), ERR("Too short.")); /* counted after trimming */
    ck_assert_str_eq(check1(json1(a, "\"abcdef\""), f, &v), ERR("Ensure this field has no more than 5 characters."));

    /* min 1: blank is refused with its own message */
    f = (field_spec){.name = "f", .type = F_STRING, .min = 1, .max = 0};
    ck_assert_str_eq(check1(json1(a, "\"   \""), f, &v), ERR("This field may not be blank."));
    ck_assert_str_eq(check1(form_req(a, "f", "", NULL), f, &v), ERR("This field may not be blank."));
    char *longer = arena_alloc(a, 5003);
    longer[0] = '"';
    memset(longer + 1, 'x', 5000);
    strcpy(longer + 5001, "\"");
    ck_assert_str_eq(check1(json1(a, longer), f, &v), OK); /* max 0: unbounded */
    ck_assert_uint_eq(strlen(v.s), 5000);

    /* min 0: the empty string is a value */
    f = (field_spec){.name = "f", .type = F_STRING, .max = 10};
    ck_assert_str_eq(check1(json1(a, "\"  \""), f, &v), OK);
    ck_assert(v.present && !v.is_null);
    ck_assert_str_eq(v.s, "");
    arena_free(a);
}
END_TEST

START_TEST(email_values)
{
    arena *a = test_arena();
    field_spec f = {.name = "f", .type = F_EMAIL, .required = true};
    field_val v;
    ck_assert_str_eq(check1(json1(a, "\" Ann.Lee+Cases@Example.COM \""), f, &v), OK);
    ck_assert_str_eq(v.s, "ann.lee+cases@example.com");
    ck_assert_str_eq(check1(form_req(a, "f", "BOB@EXAMPLE.ORG", NULL), f, &v), OK);
    ck_assert_str_eq(v.s, "bob@example.org");

    /* 254 characters is the limit */
    char *addr = arena_alloc(a, 300);
    memset(addr, 'a', 254);
    memcpy(addr + 254 - 12, "@example.com", 12);
    addr[254] = '\0';
    ck_assert_str_eq(check1(json1(a, arena_printf(a, "\"%s\"", addr)), f, &v), OK);
    ck_assert_str_eq(check1(json1(a, arena_printf(a, "\"a%s\"", addr)), f, &v), ERR("Enter a valid email address."));

    static const char *const bad[] = {"plain",
                                      "@example.com",
                                      "ann@",
                                      "ann@@example.com",
                                      "a@b@example.com",
                                      "ann@example",
                                      "ann lee@example.com",
                                      "ann@exa mple.com",
                                      "ann@example.com.",
                                      "<ann@example.com>",
                                      "ann@example.com,bob@example.com",
                                      "ann\\u0001@example.com",
                                      "ann@ex\\tample.com"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(strcmp(check1(json1(a, arena_printf(a, "\"%s\"", bad[i])), f, &v),
                             ERR("Enter a valid email address.")) == 0,
                      "accepted %s", bad[i]);
        ck_assert_ptr_null(v.s);
    }
    arena_free(a);
}
END_TEST

START_TEST(uuid_values)
{
    arena *a = test_arena();
    field_spec f = {.name = "f", .type = F_UUID};
    field_val v;
    ck_assert_str_eq(check1(json1(a, "\"" U1_UPPER "\""), f, &v), OK);
    ck_assert_str_eq(v.s, U1);
    ck_assert_str_eq(check1(form_req(a, "f", " " U2 " ", NULL), f, &v), OK);
    ck_assert_str_eq(v.s, U2);
    static const char *const bad[] = {
        "not-a-uuid",
        "3f2504e04f8941d39a0c0305e82c3301",       /* no dashes */
        "3f2504e0-4f89-41d3-9a0c-0305e82c330",    /* too short */
        "3f2504e0-4f89-41d3-9a0c-0305e82c33011",  /* too long */
        "{3f2504e0-4f89-41d3-9a0c-0305e82c3301}", /* braces */
        "3f2504e0-4f89-41d3-9a0c-0305e82c330g",   /* not hex */
        "3f2504e0-4f8941d3-9a0c--0305e82c3301",   /* dashes misplaced */
        "3f2504e0 4f89 41d3 9a0c 0305e82c3301",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(
            strcmp(check1(json1(a, arena_printf(a, "\"%s\"", bad[i])), f, &v), ERR("Must be a valid UUID.")) == 0,
            "accepted %s", bad[i]);
        ck_assert_ptr_null(v.s);
    }
    arena_free(a);
}
END_TEST

START_TEST(uuid_list_json)
{
    arena *a = test_arena();
    field_spec f = {.name = "f", .type = F_UUID_LIST};
    field_val v;
    ck_assert_str_eq(check1(json1(a, "[\"" U1_UPPER "\", \"" U2 "\", \"" U1 "\", \" " U3 " \"]"), f, &v), OK);
    ck_assert(v.present);
    ck_assert_uint_eq(v.n, 3); /* U1 twice (in two cases) counts once; order of first sight kept */
    ck_assert_str_eq(v.list[0], U1);
    ck_assert_str_eq(v.list[1], U2);
    ck_assert_str_eq(v.list[2], U3);
    ck_assert_str_eq(check1(json1(a, "[]"), f, &v), OK);
    ck_assert(v.present);
    ck_assert_uint_eq(v.n, 0);

    ck_assert_str_eq(check1(json1(a, "\"" U1 "\""), f, &v), ERR("Must be a list of UUIDs."));
    ck_assert_str_eq(check1(json1(a, "{}"), f, &v), ERR("Must be a list of UUIDs."));
    ck_assert_str_eq(check1(json1(a, "3"), f, &v), ERR("Must be a list of UUIDs."));
    ck_assert_str_eq(check1(json1(a, "[\"" U1 "\", 7]"), f, &v), ERR("Must be a list of valid UUIDs."));
    ck_assert_str_eq(check1(json1(a, "[null]"), f, &v), ERR("Must be a list of valid UUIDs."));
    ck_assert_str_eq(check1(json1(a, "[[\"" U1 "\"]]"), f, &v), ERR("Must be a list of valid UUIDs."));
    ck_assert_str_eq(check1(json1(a, "[\"\"]"), f, &v), ERR("Must be a list of valid UUIDs."));
    ck_assert_str_eq(check1(json1(a, "[\"" U1 "\", \"nope\"]"), f, &v), ERR("Must be a list of valid UUIDs."));
    ck_assert_str_eq(check1(json1(a, "[\"" U1 "," U2 "\"]"), f, &v), ERR("Must be a list of valid UUIDs."));

    /* at most max distinct items; duplicates do not count */
    f.max = 2;
    ck_assert_str_eq(check1(json1(a, "[\"" U1 "\", \"" U2 "\", \"" U1 "\", \"" U2 "\"]"), f, &v), OK);
    ck_assert_uint_eq(v.n, 2);
    ck_assert_str_eq(check1(json1(a, "[\"" U1 "\", \"" U2 "\", \"" U3 "\"]"), f, &v), ERR("Too many items."));
    arena_free(a);
}
END_TEST

START_TEST(uuid_list_default_max)
{
    arena *a = test_arena();
    field_spec f = {.name = "f", .type = F_UUID_LIST};
    field_val v;
    strbuf sb;
    sb_init(&sb, a);
    sb_puts(&sb, "[");
    for (int i = 0; i < 101; i++)
        sb_printf(&sb, "%s\"00000000-0000-0000-0000-%012d\"", i ? "," : "", i);
    sb_puts(&sb, "]");
    ck_assert(!sb.failed);
    ck_assert_str_eq(check1(json1(a, sb.data), f, &v), ERR("Too many items."));
    /* the first 100 are fine */
    char *comma = strrchr(sb.data, ',');
    strcpy(comma, "]");
    ck_assert_str_eq(check1(json1(a, sb.data), f, &v), OK);
    ck_assert_uint_eq(v.n, 100);
    ck_assert_str_eq(v.list[99], "00000000-0000-0000-0000-000000000099");
    arena_free(a);
}
END_TEST

START_TEST(uuid_list_form)
{
    arena *a = test_arena();
    field_spec f = {.name = "f", .type = F_UUID_LIST};
    field_val v;
    /* repeated fields and comma-separated values, blanks and empty items ignored, duplicates dropped */
    ck_assert_str_eq(
        check1(form_req(a, "f", U1, "x", U3, "f", U2_UPPER ", " U1_UPPER, "f", ",, " U3 " ,", NULL), f, &v), OK);
    ck_assert(v.present);
    ck_assert_uint_eq(v.n, 3);
    ck_assert_str_eq(v.list[0], U1);
    ck_assert_str_eq(v.list[1], U2);
    ck_assert_str_eq(v.list[2], U3);
    ck_assert_str_eq(check1(form_req(a, "f", "", NULL), f, &v), OK);
    ck_assert(v.present);
    ck_assert_uint_eq(v.n, 0);
    ck_assert_str_eq(check1(form_req(a, "f", U1 ",bogus", NULL), f, &v), ERR("Must be a list of valid UUIDs."));
    ck_assert_str_eq(check1(form_req(a, "f", U1 ";" U2, NULL), f, &v), ERR("Must be a list of valid UUIDs."));
    f.max = 1;
    ck_assert_str_eq(check1(form_req(a, "f", U1, "f", U1, NULL), f, &v), OK);
    ck_assert_str_eq(check1(form_req(a, "f", U1, "f", U2, NULL), f, &v), ERR("Too many items."));
    ck_assert_str_eq(check1(form_req(a, "f", U1 "," U2, NULL), f, &v), ERR("Too many items."));
    arena_free(a);
}
END_TEST

START_TEST(uuid_array_literal)
{
    arena *a = test_arena();
    const char *items[] = {U1, U2, U3};
    ck_assert_str_eq(input_uuid_array(a, items, 0), "{}");
    ck_assert_str_eq(input_uuid_array(a, items, 1), "{" U1 "}");
    ck_assert_str_eq(input_uuid_array(a, items, 3), "{" U1 "," U2 "," U3 "}");
    arena_set_limit(a, arena_used(a));
    ck_assert_ptr_null(input_uuid_array(a, items, 3));
    arena_free(a);
}
END_TEST

START_TEST(choice_values)
{
    arena *a = test_arena();
    field_spec f = {.name = "f", .type = F_CHOICE, .choices = STATUSES};
    field_val v;
    ck_assert_str_eq(check1(json1(a, "\"Open\""), f, &v), OK);
    ck_assert_ptr_eq(v.s, STATUSES[1]); /* the choice itself, not a copy */
    ck_assert_str_eq(check1(form_req(a, "f", " Closed ", NULL), f, &v), OK);
    ck_assert_ptr_eq(v.s, STATUSES[2]);
    static const char *const bad[] = {"open", "OPEN", "Ope", "Opened", "New Open"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *want = arena_printf(a,
                                        "{\"f\":[\"\\\"%s\\\" is not a valid choice; expected one of: "
                                        "\\\"New\\\", \\\"Open\\\", \\\"Closed\\\"\"]}",
                                        bad[i]);
        ck_assert_str_eq(check1(json1(a, arena_printf(a, "\"%s\"", bad[i])), f, &v), want);
        ck_assert_ptr_null(v.s);
    }
    arena_free(a);
}
END_TEST

START_TEST(bool_values)
{
    arena *a = test_arena();
    field_spec f = {.name = "f", .type = F_BOOL, .required = true};
    field_val v;
    ck_assert_str_eq(check1(json1(a, "true"), f, &v), OK);
    ck_assert(v.present && v.b);
    ck_assert_str_eq(check1(json1(a, "false"), f, &v), OK);
    ck_assert(v.present && !v.b);
    static const char *const yes[] = {"true", "on", "1"}, *const no[] = {"false", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        ck_assert_str_eq(check1(form_req(a, "f", yes[i], NULL), f, &v), OK);
        ck_assert_msg(v.b, "%s read as false", yes[i]);
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        v.b = true;
        ck_assert_str_eq(check1(form_req(a, "f", no[i], NULL), f, &v), OK);
        ck_assert_msg(!v.b, "%s read as true", no[i]);
    }
    ck_assert_str_eq(check1(form_req(a, "f", "yes", NULL), f, &v), ERR("Must be true or false."));
    ck_assert_str_eq(check1(form_req(a, "f", "2", NULL), f, &v), ERR("Must be true or false."));
    ck_assert_str_eq(check1(json1(a, "1"), f, &v), ERR("Must be true or false."));
    ck_assert_str_eq(check1(json1(a, "0"), f, &v), ERR("Must be true or false."));
    ck_assert_str_eq(check1(json1(a, "[]"), f, &v), ERR("Must be true or false."));
    ck_assert_str_eq(check1(json1(a, "\"maybe\""), f, &v), ERR("Must be true or false."));
    arena_free(a);
}
END_TEST

START_TEST(time_values)
{
    arena *a = test_arena();
    field_spec f = {.name = "f", .type = F_TIME};
    field_val v;
    static const char *const good[][2] = {
        {"2023-02-05T16:30:00Z", "2023-02-05T16:30:00Z"},
        {"2023-02-05T16:30Z", "2023-02-05T16:30:00Z"},
        {"2023-02-05T16:30:00z", "2023-02-05T16:30:00Z"},
        {"2023-02-05 16:30:00Z", "2023-02-05T16:30:00Z"},
        {"2023-02-05T16:30:00+02:00", "2023-02-05T14:30:00Z"},
        {"2023-02-05T16:30:00-05:30", "2023-02-05T22:00:00Z"},
        {"2023-02-05T16:30:00+0200", "2023-02-05T14:30:00Z"},
        {"2023-02-05T16:30:00+02", "2023-02-05T14:30:00Z"},
        {"2023-02-05T16:30:00.5Z", "2023-02-05T16:30:00.500000Z"},
        {"2023-02-05T16:30:00.123456+01:00", "2023-02-05T15:30:00.123456Z"},
        {"2023-02-05T16:30:00.1234567Z", "2023-02-05T16:30:00.123456Z"}, /* past microseconds dropped */
        {"2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z"},                /* leap day */
        {"2000-02-29T12:00:00Z", "2000-02-29T12:00:00Z"},                /* divisible by 400 */
        {"2024-03-01T01:00:00+14:00", "2024-02-29T11:00:00Z"},
        {"2023-12-31T23:00:00-12:00", "2024-01-01T11:00:00Z"},
        {"2023-06-30T23:59:59-15:59", "2023-07-01T15:58:59Z"},
        {"0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"}, /* the bounds, inclusive once in UTC */
        {"9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"},
        {"9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999999Z"},
        {"0001-01-01T01:00:00+01:00", "0001-01-01T00:00:00Z"},
        {"9999-12-31T22:59:59-01:00", "9999-12-31T23:59:59Z"},
        {"0000-12-31T23:00:00-01:00", "0001-01-01T00:00:00Z"},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        ck_assert_msg(strcmp(check1(json1(a, arena_printf(a, "\"%s\"", good[i][0])), f, &v), OK) == 0, "refused %s",
                      good[i][0]);
        ck_assert_str_eq(v.s, good[i][1]); /* passed on in UTC */
    }
    ck_assert_str_eq(check1(form_req(a, "f", " 2023-02-05T16:30:00Z ", NULL), f, &v), OK);
    ck_assert_str_eq(v.s, "2023-02-05T16:30:00Z");

    static const char *const bad[] = {
        "2023-02-05T16:30:00",     /* no zone */
        "2023-02-05T16:30:00.123", /* no zone */
        "2023-02-05",              /* no time */
        "2023-02-05T16:30",        /* no zone */
        "2023-02-05T16Z",
        "2023-02-05T16:30:00.Z", /* empty fraction */
        "2023-02-05T16:30.5Z",   /* fraction without seconds */
        "2023-02-05T16:30:0Z",
        "2023-02-05T16:30:00+2:00",
        "2023-02-05T16:30:00+02:0",
        "2023-02-05T16:30:00+02:",
        "2023-02-05T16:30:00+02:00:00",
        "2023-02-05T16:30:00+",
        "2023-02-05T16:30:00ZZ",
        "2023-02-05T16:30:00Z junk",
        "2023/02/05T16:30:00Z",
        "2023-2-5T16:30:00Z",
        "20230205T163000Z",
        "2023-02-05X16:30:00Z",
        "2023-02-05T16:30:00 UTC",
        "2023-02-05T16:30:00.00000000000000000000000Z", /* over 40 characters */
        "+2023-02-05T16:30:00Z",
        "-023-02-05T16:30:00Z",
        "2023-02-05T-6:30:00Z",
        "yesterday",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(strcmp(check1(json1(a, arena_printf(a, "\"%s\"", bad[i])), f, &v),
                             ERR("Must be an ISO 8601 date-time with a time zone, e.g. 2023-02-05T16:30:00Z.")) == 0,
                      "accepted %s", bad[i]);
        ck_assert_ptr_null(v.s);
    }
    static const char *const impossible[][2] = {
        {"2023-02-29T12:00:00Z", "No such date."},
        {"2023-02-30T12:00:00Z", "No such date."},
        {"1900-02-29T12:00:00Z", "No such date."},
        {"2023-04-31T12:00:00Z", "No such date."},
        {"2023-13-01T12:00:00Z", "No such date."},
        {"2023-00-10T12:00:00Z", "No such date."},
        {"2023-01-00T12:00:00Z", "No such date."},
        {"2023-01-01T24:00:00Z", "No such time of day."},
        {"2023-01-01T25:00:00Z", "No such time of day."},
        {"2023-01-01T12:60:00Z", "No such time of day."},
        {"2023-01-01T12:00:60Z", "No such time of day."},
        {"2023-01-01T12:00:00+16:00", "The offset from UTC must lie within -15:59 to +15:59."},
        {"2023-01-01T12:00:00+99:99", "The offset from UTC must lie within -15:59 to +15:59."},
        {"2023-01-01T12:00:00-01:60", "The offset from UTC must lie within -15:59 to +15:59."},
        {"9999-12-31T23:59:59-00:01", "Must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z once in UTC."},
        {"0001-01-01T00:00:00+01:00", "Must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z once in UTC."},
        {"0001-01-01T00:59:59+01:00", "Must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z once in UTC."},
        {"0000-06-01T00:00:00Z", "Must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z once in UTC."},
    };
    for (size_t i = 0; i < sizeof impossible / sizeof impossible[0]; i++) {
        const char *want = arena_printf(a, "{\"f\":[\"%s\"]}", impossible[i][1]);
        ck_assert_str_eq(check1(json1(a, arena_printf(a, "\"%s\"", impossible[i][0])), f, &v), want);
        ck_assert_ptr_null(v.s);
    }
    arena_free(a);
}
END_TEST

START_TEST(text_characters)
{
    arena *a = test_arena();
    field_spec line = {.name = "f", .type = F_STRING, .max = 100};
    field_spec lines = {.name = "f", .type = F_STRING, .max = 100, .multiline = true};
    field_spec secret = {.name = "f", .type = F_STRING, .max = 100, .secret = true};
    field_spec email = {.name = "f", .type = F_EMAIL};
    field_val v;
#define CONTROL_LINE ERR("Control characters (tabs and line breaks included) are not allowed.")
#define CONTROL_LINES ERR("Control characters other than tab and line breaks are not allowed.")
#define BIDI ERR("Bidirectional control characters (U+202A to U+202E, U+2066 to U+2069) are not allowed.")
    /* Every C0 control and DEL inside the text (at the ends, blanks are trimmed instead). */
    for (int c = 1; c < 0x80; c = c == 0x1F ? 0x7F : c + 1) {
        const char *s = arena_printf(a, "a%cb", c);
        bool breaks = c == '\t' || c == '\n' || c == '\r';
        ck_assert_str_eq(check1(form_req(a, "f", s, NULL), line, &v), CONTROL_LINE);
        ck_assert_str_eq(check1(form_req(a, "f", s, NULL), lines, &v), breaks ? OK : CONTROL_LINES);
        ck_assert_str_eq(check1(form_req(a, "f", s, NULL), secret, &v), OK);
        ck_assert_str_eq(check1(form_req(a, "f", arena_printf(a, "a%c@b.example", c), NULL), email, &v),
                         ERR("Enter a valid email address."));
    }
    ck_assert_str_eq(check1(json1(a, "\"a\\u0085b\""), line, &v), CONTROL_LINE); /* C1 */
    ck_assert_str_eq(check1(json1(a, "\"a\\u009fb\""), lines, &v), CONTROL_LINES);
    static const char *const bidi[] = {"\\u202a", "\\u202b", "\\u202c", "\\u202d", "\\u202e",
                                       "\\u2066", "\\u2067", "\\u2068", "\\u2069"};
    for (size_t i = 0; i < sizeof bidi / sizeof bidi[0]; i++) {
        const char *s = arena_printf(a, "\"invoice%sfdp.exe\"", bidi[i]);
        ck_assert_str_eq(check1(json1(a, s), line, &v), BIDI);
        ck_assert_str_eq(check1(json1(a, s), lines, &v), BIDI);
        ck_assert_str_eq(check1(json1(a, s), secret, &v), OK);
        ck_assert_str_eq(check1(json1(a, arena_printf(a, "\"a%s@b.example\"", bidi[i])), email, &v),
                         ERR("Enter a valid email address."));
    }
    /* Neighbours of the refused ranges, marks, right-to-left and astral text are text. */
    static const char *const fine[] = {"\\u2029",        "\\u202f",  "\\u2065",        "\\u206a",  "\\u200f",
                                       "\\u05e9\\u05dc", "e\\u0301", "\\ud83d\\ude00", "\\u00a0x", "~"};
    for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++) {
        ck_assert_msg(strcmp(check1(json1(a, arena_printf(a, "\"a%sb\"", fine[i])), line, &v), OK) == 0, "refused %s",
                      fine[i]);
        ck_assert_str_eq(check1(json1(a, arena_printf(a, "\"a%sb\"", fine[i])), lines, &v), OK);
    }
    /* Invalid UTF-8 (possible in a form that skipped the parser) is refused by every text field. */
    static const char *const broken[] = {"a\xff", "a\xc3", "\xed\xa0\x80", "\xc0\xaf", "\xf5\x80\x80\x80"};
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        ck_assert_str_eq(check1(form_req(a, "f", broken[i], NULL), line, &v), ERR("Must be valid UTF-8 text."));
        ck_assert_str_eq(check1(form_req(a, "f", broken[i], NULL), lines, &v), ERR("Must be valid UTF-8 text."));
        ck_assert_str_eq(check1(form_req(a, "f", broken[i], NULL), secret, &v), ERR("Must be valid UTF-8 text."));
    }
    ck_assert_str_eq(check1(form_req(a, "f", "a\r\n\tb", NULL), lines, &v), OK);
    ck_assert_str_eq(v.s, "a\r\n\tb");
    ck_assert_str_eq(check1(form_req(a, "f", "\t a b\n", NULL), line, &v), OK); /* trimmed at the ends */
    ck_assert_str_eq(v.s, "a b");
    /* Text of several lines keeps its leading line break and trailing blanks, as sent; only blanks are empty. */
    ck_assert_str_eq(check1(form_req(a, "f", "\n\tZo\xc3\xab \n\n\nb  ", NULL), lines, &v), OK);
    ck_assert_str_eq(v.s, "\n\tZo\xc3\xab \n\n\nb  ");
    ck_assert_str_eq(check1(json1(a, "\"\\n x \""), lines, &v), OK);
    ck_assert_str_eq(v.s, "\n x ");
    field_spec some = {.name = "f", .type = F_STRING, .min = 1, .max = 3, .multiline = true};
    ck_assert_str_eq(check1(form_req(a, "f", " \t\r\n ", NULL), some, &v), ERR("This field may not be blank."));
    ck_assert_str_eq(check1(form_req(a, "f", "\nab ", NULL), some, &v),
                     ERR("Ensure this field has no more than 3 characters.")); /* the blanks count: they are kept */
    ck_assert_str_eq(check1(form_req(a, "f", " \n ", NULL), lines, &v), OK);
    ck_assert_str_eq(v.s, "");
    arena_free(a);
}
END_TEST

START_TEST(nullable_or_not)
{
    arena *a = test_arena();
    static const field_type types[] = {F_STRING, F_EMAIL, F_UUID, F_CHOICE, F_BOOL, F_TIME};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        field_spec f = {.name = "f", .type = types[i], .nullable = true, .min = 1, .choices = STATUSES};
        field_val v;
        ck_assert_str_eq(check1(json1(a, "null"), f, &v), OK);
        ck_assert(v.present && v.is_null);
        ck_assert_ptr_null(v.s);
        ck_assert_str_eq(check1(form_req(a, "f", "", NULL), f, &v), OK);
        ck_assert(v.present && v.is_null);
        ck_assert_str_eq(check1(form_req(a, "f", "  ", NULL), f, &v), OK);
        ck_assert(v.present && v.is_null);

        f.nullable = false;
        ck_assert_str_eq(check1(json1(a, "null"), f, &v), ERR("This field may not be null or blank."));
        if (types[i] != F_STRING) { /* a blank string has its own message, see string_trim_and_length */
            ck_assert_str_eq(check1(form_req(a, "f", "", NULL), f, &v), ERR("This field may not be null or blank."));
            ck_assert_str_eq(check1(json1(a, "\"\""), f, &v), ERR("This field may not be null or blank."));
        }
    }
    arena_free(a);
}
END_TEST

START_TEST(nullable_uuid_list)
{
    arena *a = test_arena();
    field_spec f = {.name = "f", .type = F_UUID_LIST, .nullable = true};
    field_val v;
    ck_assert_str_eq(check1(json1(a, "null"), f, &v), OK);
    ck_assert(v.present && v.is_null);
    ck_assert_uint_eq(v.n, 0);
    f.nullable = false;
    ck_assert_str_eq(check1(json1(a, "null"), f, &v), ERR("This field may not be null or blank."));
    f.required = true;
    ck_assert_str_eq(check1(json1(a, "null"), f, &v), ERR("This field is required."));
    /* an empty list is a value, not null (it clears the list) */
    ck_assert_str_eq(check1(json1(a, "[]"), f, &v), OK);
    ck_assert(v.present && !v.is_null);
    ck_assert_str_eq(check1(form_req(a, "f", "", NULL), f, &v), OK);
    ck_assert(v.present && !v.is_null);
    arena_free(a);
}
END_TEST

START_TEST(wrong_json_types)
{
    arena *a = test_arena();
    static const field_type types[] = {F_STRING, F_EMAIL, F_UUID, F_CHOICE, F_TIME};
    static const char *const values[] = {"5", "1.5", "true", "[]", "[\"x\"]", "{}"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        for (size_t k = 0; k < sizeof values / sizeof values[0]; k++) {
            field_spec f = {.name = "f", .type = types[i], .nullable = true, .choices = STATUSES};
            field_val v;
            ck_assert_msg(strcmp(check1(json1(a, values[k]), f, &v), ERR("Must be a string.")) == 0,
                          "type %zu accepted %s", i, values[k]);
            ck_assert_ptr_null(v.s);
        }
    arena_free(a);
}
END_TEST

START_TEST(non_object_body)
{
    arena *a = test_arena();
    static const char *const bodies[] = {"[]", "[{\"f\":\"x\"}]", "\"f\"", "3", "null", "true"};
    field_spec specs[] = {{.name = "f", .type = F_STRING, .required = true}, {.name = "g", .type = F_BOOL}};
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        request *r = json_req(a, bodies[i]);
        field_val out[2];
        memset(out, 0xA5, sizeof out);
        json_t *e = test_json(a, "{}");
        ck_assert(!validate(r, specs, 2, out, e));
        ck_assert_str_eq(test_dump(a, e), "{\"non_field_errors\":[\"Expected a JSON object.\"]}");
        ck_assert(!out[0].present && !out[1].present);
        ck_assert_ptr_null(out[0].s);
    }
    arena_free(a);
}
END_TEST

START_TEST(json_body_wins_over_form)
{
    arena *a = test_arena();
    request *r = json_req(a, "{\"g\":\"from json\"}");
    ck_assert_int_eq(kv_add(&r->form, a, "f", 1, "from form", 9), 0);
    field_spec specs[] = {{.name = "f", .type = F_STRING}, {.name = "g", .type = F_STRING}};
    field_val out[2];
    json_t *e = test_json(a, "{}");
    ck_assert(validate(r, specs, 2, out, e));
    ck_assert(!out[0].present);
    ck_assert_str_eq(out[1].s, "from json");
    arena_free(a);
}
END_TEST

START_TEST(every_error_at_once)
{
    arena *a = test_arena();
    static const field_spec specs[] = {
        {.name = "title", .type = F_STRING, .required = true, .min = 1, .max = 200},
        {.name = "email", .type = F_EMAIL},
        {.name = "org", .type = F_UUID, .required = true},
        {.name = "status", .type = F_CHOICE, .choices = STATUSES},
        {.name = "urgent", .type = F_BOOL},
        {.name = "due", .type = F_TIME},
        {.name = "watchers", .type = F_UUID_LIST},
        {.name = "note", .type = F_STRING, .max = 20},
    };
    enum { N = sizeof specs / sizeof specs[0] };
    field_val out[N];
    request *r = json_req(a, "{\"email\":\"nope\",\"status\":\"Gone\",\"urgent\":\"perhaps\",\"due\":\"soon\","
                             "\"watchers\":[\"x\"],\"note\":\" fine \"}");
    json_t *e = test_json(a, "{}");
    ck_assert(!validate(r, specs, N, out, e));
    ck_assert_uint_eq(json_object_size(e), 7);
    for (size_t i = 0; i < N - 1; i++)
        ck_assert_msg(json_array_size(json_object_get(e, specs[i].name)) == 1, "no error for %s", specs[i].name);
    ck_assert_ptr_null(json_object_get(e, "note"));
    ck_assert_str_eq(out[7].s, "fine"); /* good fields are still filled in */

    /* and the same fields all valid */
    r = json_req(a, "{\"title\":\"Printer\",\"email\":\"A@B.CO\",\"org\":\"" U1 "\",\"status\":\"New\","
                    "\"urgent\":true,\"due\":\"2023-02-05T16:30:00Z\",\"watchers\":[\"" U2 "\"]}");
    e = test_json(a, "{}");
    ck_assert(validate(r, specs, N, out, e));
    ck_assert_uint_eq(json_object_size(e), 0);
    ck_assert_str_eq(out[0].s, "Printer");
    ck_assert_str_eq(out[1].s, "a@b.co");
    ck_assert_str_eq(out[2].s, U1);
    ck_assert_str_eq(out[3].s, "New");
    ck_assert(out[4].b);
    ck_assert_str_eq(out[5].s, "2023-02-05T16:30:00Z");
    ck_assert_uint_eq(out[6].n, 1);
    ck_assert(!out[7].present);
    arena_free(a);
}
END_TEST

/* fuzz_json_body found this: a form value that could not be copied (arena limit reached) was validated
 * as a NULL string (strcmp(NULL) in F_BOOL). Now validation fails and the arena reports the exhaustion. */
START_TEST(out_of_memory_bool_form)
{
    arena *a = test_arena();
    field_spec f = {.name = "urgent", .type = F_BOOL};
    request *r = form_req(a, "urgent", "on", NULL);
    json_t *errors = test_json(a, "{}");
    arena_set_limit(a, arena_used(a));
    field_val v;
    ck_assert(!validate(r, &f, 1, &v, errors));
    ck_assert(arena_exhausted(a));
    arena_free(a);
}
END_TEST

/* Every field type, from JSON and from a form, under every arena limit from nothing to enough: either the
 * result is right or validation fails with a field error or an exhausted arena; never a crash. */
START_TEST(out_of_memory_every_size)
{
    static const char *const choices[] = {"New", "Open", NULL};
    static const field_spec specs[] = {
        {.name = "s", .type = F_STRING, .min = 1, .max = 10},
        {.name = "e", .type = F_EMAIL},
        {.name = "u", .type = F_UUID},
        {.name = "l", .type = F_UUID_LIST, .max = 3},
        {.name = "c", .type = F_CHOICE, .choices = choices},
        {.name = "b", .type = F_BOOL},
        {.name = "t", .type = F_TIME},
        {.name = "x", .type = F_CHOICE, .choices = choices},
    };
    enum { N = sizeof specs / sizeof specs[0] };
    for (int form = 0; form < 2; form++) {
        bool reached = false;
        for (size_t room = 0; room < 4096 && !reached; room += 16) {
            arena *a = test_arena();
            request *r = form ? form_req(a, "s", " text ", "e", "A@B.C", "u", U1_UPPER, "l", U1 "," U2, "c", "Open",
                                         "b", "off", "t", "2023-02-05T16:30:00Z", "x", "bad", NULL)
                              : json_req(a, "{\"s\":\" text \",\"e\":\"A@B.C\",\"u\":\"" U1_UPPER "\",\"l\":[\"" U1
                                            "\",\"" U2 "\"],\"c\":\"Open\",\"b\":false,"
                                            "\"t\":\"2023-02-05T16:30:00Z\",\"x\":\"bad\"}");
            json_t *errors = test_json(a, "{}");
            arena_set_limit(a, arena_used(a) + room);
            field_val v[N];
            ck_assert(!validate(r, specs, N, v, errors)); /* x is always wrong */
            reached = !arena_exhausted(a);
            ck_assert(json_object_get(errors, "x") || !reached);
            if (reached) {
                ck_assert_uint_eq(json_object_size(errors), 1);
                ck_assert_str_eq(v[0].s, "text");
                ck_assert_str_eq(v[1].s, "a@b.c");
                ck_assert_str_eq(v[2].s, U1);
                ck_assert_uint_eq(v[3].n, 2);
                ck_assert_str_eq(v[3].list[1], U2);
                ck_assert_str_eq(v[4].s, "Open");
                ck_assert(v[5].present && !v[5].b);
                ck_assert_str_eq(v[6].s, "2023-02-05T16:30:00Z");
            }
            arena_free(a);
        }
        ck_assert(reached);
    }
}
END_TEST

static Suite *input_suite(void)
{
    Suite *s = suite_create("input");
    TCase *tc = tcase_create("general");
    tcase_add_test(tc, field_error_appends);
    tcase_add_test(tc, required_missing);
    tcase_add_test(tc, required_uuid_list_missing);
    tcase_add_test(tc, nullable_or_not);
    tcase_add_test(tc, nullable_uuid_list);
    tcase_add_test(tc, wrong_json_types);
    tcase_add_test(tc, non_object_body);
    tcase_add_test(tc, json_body_wins_over_form);
    tcase_add_test(tc, every_error_at_once);
    suite_add_tcase(s, tc);
    tc = tcase_create("types");
    tcase_add_test(tc, string_trim_and_length);
    tcase_add_test(tc, email_values);
    tcase_add_test(tc, uuid_values);
    tcase_add_test(tc, uuid_list_json);
    tcase_add_test(tc, uuid_list_default_max);
    tcase_add_test(tc, uuid_list_form);
    tcase_add_test(tc, uuid_array_literal);
    tcase_add_test(tc, choice_values);
    tcase_add_test(tc, bool_values);
    tcase_add_test(tc, time_values);
    tcase_add_test(tc, text_characters);
    tcase_add_test(tc, out_of_memory_bool_form);
    tcase_add_test(tc, out_of_memory_every_size);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(input_suite()); }
