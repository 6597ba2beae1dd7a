/* test_cookie.c: Set-Cookie values (flags, Secure only over https, refusal of unsafe octets) and Cookie parsing. */
#include <stdio.h>
#include "http/cookie.h"
#include "testutil.h"

START_TEST(session_cookie_flags_over_http)
{
    arena *a = test_arena();
    const char *c = cookie_build(a, "casedesk_session", "abc", -1, true, false);
    ck_assert_str_eq(c, "casedesk_session=abc; Path=/; HttpOnly; SameSite=Lax");
    arena_free(a);
}
END_TEST

/* request.c sets req->https from the HTTPS parameter nginx passes for a TLS connection; every caller of
 * cookie_build hands it on, so over https each cookie gets Secure. */
START_TEST(secure_over_https)
{
    arena *a = test_arena();
    const char *c = cookie_build(a, "casedesk_session", "abc", -1, true, true);
    ck_assert_str_eq(c, "casedesk_session=abc; Path=/; HttpOnly; SameSite=Lax; Secure");
    const char *d = cookie_build(a, "casedesk_login", "", 0, true, true);
    ck_assert_str_eq(d, "casedesk_login=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
    const char *e = cookie_build(a, "casedesk_login", "tok", 3600, false, false);
    ck_assert_str_eq(e, "casedesk_login=tok; Path=/; Max-Age=3600; SameSite=Lax");
    arena_free(a);
}
END_TEST

START_TEST(unsafe_values_refused)
{
    arena *a = test_arena();
    static const char *bad_values[] = {"a;b",  "a b",     "a\r\nSet-Cookie: x=1", "a\"b", "a,b", "a\\b",
                                       "\x7f", "\xc3\xa9"};
    for (size_t i = 0; i < sizeof bad_values / sizeof *bad_values; i++)
        ck_assert_msg(cookie_build(a, "n", bad_values[i], -1, true, true) == NULL, "value %zu accepted", i);
    static const char *bad_names[] = {"", "a b", "a=b", "a;b", "a\nb"};
    for (size_t i = 0; i < sizeof bad_names / sizeof *bad_names; i++)
        ck_assert_msg(cookie_build(a, bad_names[i], "v", -1, true, true) == NULL, "name %zu accepted", i);
    arena_free(a);
}
END_TEST

START_TEST(parse_skips_malformed_pieces)
{
    arena *a = test_arena();
    kvlist l = {0};
    ck_assert_int_eq(cookie_parse(a, "a=1; junk; b=\"two\"; =x; c=3", &l), 0);
    ck_assert_str_eq(kv_get(&l, "a"), "1");
    ck_assert_str_eq(kv_get(&l, "b"), "two");
    ck_assert_str_eq(kv_get(&l, "c"), "3");
    ck_assert_ptr_null(kv_get(&l, "junk"));
    arena_free(a);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cookie");
    TCase *tc = tcase_create("cookie");
    tcase_add_test(tc, session_cookie_flags_over_http);
    tcase_add_test(tc, secure_over_https);
    tcase_add_test(tc, unsafe_values_refused);
    tcase_add_test(tc, parse_skips_malformed_pieces);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
