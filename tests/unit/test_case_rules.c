/* test_case_rules.c: pure case rules: If-Match against the case version, the three-way merge of a stale edit,
 * @mentions, attachment content types. */
#include "testutil.h"
#include "core/mentions.h"
#include "repo/attachments.h"
#include "repo/case_query.h"
#include "repo/cases.h"

START_TEST(if_match_versions)
{
    ck_assert(case_if_match(NULL, 3));
    ck_assert(case_if_match("\"3\"", 3));
    ck_assert(!case_if_match("W/\"3\"", 3)); /* strong comparison: weak tags never match */
    ck_assert(!case_if_match("W/\"3\", \"4\"", 3));
    ck_assert(case_if_match("W/\"1\", \"3\"", 3));
    ck_assert(!case_if_match("*3", 3));
    ck_assert(case_if_match("\"1\", \"3\"", 3));
    ck_assert(case_if_match("*", 7));
    ck_assert(!case_if_match("\"2\"", 3));
    ck_assert(!case_if_match("\"33\"", 3));
    ck_assert(!case_if_match("3", 3));
    ck_assert(!case_if_match("", 3));
    ck_assert(!case_if_match("\"3", 3));
}
END_TEST

START_TEST(mentions_found)
{
    arena *a = test_arena();
    const char **m;
    size_t n = mentions_extract(a, "Hi @Agent1@Casedesk.Test, see @bob@x.io. And @agent1@casedesk.test again", &m);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(m[0], "agent1@casedesk.test");
    ck_assert_str_eq(m[1], "bob@x.io");
    n = mentions_extract(a, "@start@a.b at the start; (@paren@a.b) and end @end@c.d", &m);
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(m[1], "paren@a.b");
    ck_assert_str_eq(m[2], "end@c.d");
    arena_free(a);
}
END_TEST

START_TEST(mentions_ignored)
{
    arena *a = test_arena();
    const char **m;
    ck_assert_uint_eq(mentions_extract(a, "mail me at joe@x.io or @ nobody, @nodomain@, @x@nodot, a@@b.c", &m), 0);
    ck_assert_uint_eq(mentions_extract(a, "", &m), 0);
    ck_assert_uint_eq(mentions_extract(a, NULL, &m), 0);
    arena_free(a);
}
END_TEST

START_TEST(mentions_bounded)
{
    arena *a = test_arena();
    char text[8192] = "";
    for (int i = 0; i < 80; i++) {
        char one[32];
        snprintf(one, sizeof one, "@u%d@x.io ", i);
        strcat(text, one);
    }
    const char **m;
    ck_assert_uint_eq(mentions_extract(a, text, &m), MENTIONS_MAX);
    arena_free(a);
}
END_TEST

START_TEST(stored_content_types)
{
    arena *a = test_arena();
    ck_assert_str_eq(attachment_content_type(a, "Image/PNG"), "image/png");
    ck_assert_str_eq(attachment_content_type(a, "text/plain; charset=utf-8"), "text/plain");
    ck_assert_str_eq(attachment_content_type(a, "application/vnd.ms-excel"), "application/vnd.ms-excel");
    const char *bad[] = {NULL, "", "text", "/plain", "text/", "a/b/c", "text/html\r\nX: y", "te xt/html", "<x>/y"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_str_eq(attachment_content_type(a, bad[i]), "application/octet-stream");
    arena_free(a);
}
END_TEST

START_TEST(served_content_types)
{
    ck_assert_str_eq(attachment_served_type("image/png"), "image/png");
    ck_assert_str_eq(attachment_served_type("application/pdf"), "application/pdf");
    ck_assert_str_eq(attachment_served_type("text/plain"), "text/plain; charset=utf-8");
    const char *sniffable[] = {"text/html",
                               "image/svg+xml",
                               "application/xhtml+xml",
                               "text/xml",
                               "application/javascript",
                               "text/css",
                               "application/octet-stream",
                               "multipart/mixed"};
    for (size_t i = 0; i < sizeof sniffable / sizeof sniffable[0]; i++)
        ck_assert_str_eq(attachment_served_type(sniffable[i]), "application/octet-stream");
}
END_TEST

/* The merge of one field whose values are JSON texts (loaded NULL: not carried by the form). */
static case_merge merge_of(const char *loaded, const char *mine, const char *theirs)
{
    json_t *l = loaded ? json_loads(loaded, JSON_DECODE_ANY, NULL) : NULL;
    json_t *m = json_loads(mine, JSON_DECODE_ANY, NULL), *t = json_loads(theirs, JSON_DECODE_ANY, NULL);
    ck_assert(m && t && (l || !loaded));
    case_merge out = case_merge_field(l, m, t);
    json_decref(l);
    json_decref(m);
    json_decref(t);
    return out;
}

/* A saved view keeps every parameter the list reads: each filter row's key (and a word form's words) is one of
 * case_query_keys, and so is ordering. */
static bool query_key_known(const char *key)
{
    for (const case_query_key *k = case_query_keys; k->key; k++)
        if (strcmp(k->key, key) == 0)
            return true;
    return false;
}

START_TEST(query_keys_cover_the_filters)
{
    for (int i = 0; i < CQ__COUNT; i++) {
        const case_param *r = &case_params[i];
        if (r->pick == CP_NONE)
            continue;
        ck_assert_msg(query_key_known(r->key), "%s is no query key", r->key);
        if (r->pick == CP_WORDS && i != CQ_RESOLUTION) /* a form per word, each its own parameter */
            ck_assert_msg(query_key_known(r->words[1]), "%s is no query key", r->words[1]);
        if (r->pick == CP_ARITY) { /* several values: a view keeps them all */
            bool several = false;
            for (const case_query_key *k = case_query_keys; k->key; k++)
                several |= strcmp(k->key, r->key) == 0 && k->several;
            ck_assert_msg(several, "%s keeps one value", r->key);
        }
    }
    ck_assert(query_key_known("ordering"));
}
END_TEST

START_TEST(merge_text_fields)
{
    ck_assert_int_eq(merge_of("\"a\"", "\"a\"", "\"a\""), MERGE_UNCHANGED);
    ck_assert_int_eq(merge_of("\"a\"", "\"mine\"", "\"a\""), MERGE_MINE);
    ck_assert_int_eq(merge_of("\"a\"", "\"a\"", "\"theirs\""), MERGE_THEIRS);
    ck_assert_int_eq(merge_of("\"a\"", "\"mine\"", "\"theirs\""), MERGE_CONFLICT);
    ck_assert_int_eq(merge_of("\"a\"", "\"same\"", "\"same\""), MERGE_UNCHANGED); /* both made it the same */
    /* Not carried by the form: who changed it is unknown, so any difference is a conflict. */
    ck_assert_int_eq(merge_of(NULL, "\"x\"", "\"y\""), MERGE_CONFLICT);
    ck_assert_int_eq(merge_of(NULL, "\"x\"", "\"x\""), MERGE_UNCHANGED);
    /* Line breaks as browsers send them and surrounding blanks are no change; null reads as empty. */
    ck_assert_int_eq(merge_of("\"one\\ntwo\"", "\"one\\r\\ntwo \"", "\"one\\ntwo\""), MERGE_UNCHANGED);
    ck_assert_int_eq(merge_of("\"one\\rtwo\"", "\"one\\ntwo\"", "\"changed\""), MERGE_THEIRS);
    ck_assert_int_eq(merge_of("\"\"", "\"\"", "null"), MERGE_UNCHANGED);
    ck_assert_int_eq(merge_of("\"\"", "\"Billing\"", "null"), MERGE_MINE);
    ck_assert_int_eq(merge_of("\"Billing\"", "\"Billing\"", "null"), MERGE_THEIRS);
    ck_assert_int_eq(merge_of("\"one\\ntwo\"", "\"one\\n\\ntwo\"", "\"one\\ntwo\""), MERGE_MINE);
}
END_TEST

START_TEST(merge_link_sets)
{
    /* Link fields merge whole, as sets: order, duplicates and the empty value of a form do not count. */
    ck_assert_int_eq(merge_of("[\"u1\", \"u2\"]", "[\"u2\", \"u1\", \"\"]", "[\"u1\", \"u2\", \"u2\"]"),
                     MERGE_UNCHANGED);
    ck_assert_int_eq(merge_of("[\"u1\"]", "[\"u1\", \"u2\"]", "[\"u1\"]"), MERGE_MINE);
    ck_assert_int_eq(merge_of("[\"u1\"]", "[\"u1\"]", "[]"), MERGE_THEIRS);
    ck_assert_int_eq(merge_of("[\"u1\"]", "[\"u1\", \"u2\"]", "[\"u1\", \"u3\"]"), MERGE_CONFLICT);
    ck_assert_int_eq(merge_of("[\"u1\"]", "[\"u2\"]", "[\"u2\"]"), MERGE_UNCHANGED);
    ck_assert_int_eq(merge_of("[]", "[]", "[]"), MERGE_UNCHANGED);
    ck_assert_int_eq(merge_of(NULL, "[\"u1\"]", "[]"), MERGE_CONFLICT);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("case_rules");
    TCase *tc = tcase_create("rules");
    tcase_add_test(tc, if_match_versions);
    tcase_add_test(tc, query_keys_cover_the_filters);
    tcase_add_test(tc, merge_text_fields);
    tcase_add_test(tc, merge_link_sets);
    tcase_add_test(tc, mentions_found);
    tcase_add_test(tc, mentions_ignored);
    tcase_add_test(tc, mentions_bounded);
    tcase_add_test(tc, stored_content_types);
    tcase_add_test(tc, served_content_types);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
