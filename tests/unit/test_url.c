/* test_url.c: percent-encoding of URL components, building path?query URLs, and the check that keeps
 * redirects on this site. */
#include <stdio.h>
#include "http/url.h"
#include "testutil.h"

START_TEST(encode_components)
{
    arena *a = test_arena();
    ck_assert_str_eq(url_encode(a, ""), "");
    ck_assert_str_eq(url_encode(a, "ABCXYZabcxyz0189-._~"), "ABCXYZabcxyz0189-._~");
    ck_assert_str_eq(url_encode(a, "a b"), "a%20b");
    ck_assert_str_eq(url_encode(a, "caf\xC3\xA9"), "caf%C3%A9");
    ck_assert_str_eq(url_encode(a, "\xF0\x9F\x98\x80"), "%F0%9F%98%80");
    ck_assert_str_eq(url_encode(a, "a&b=c/d%e"), "a%26b%3Dc%2Fd%25e");
    ck_assert_str_eq(url_encode(a, "?#+:@!$'()*,;[]"), "%3F%23%2B%3A%40%21%24%27%28%29%2A%2C%3B%5B%5D");
    ck_assert_str_eq(url_encode(a, "\r\n\t\x7f"), "%0D%0A%09%7F");
    arena_free(a);
}
END_TEST

START_TEST(with_query)
{
    arena *a = test_arena();
    kvlist q = {0};
    ck_assert_str_eq(url_with_query(a, "/cases/", &q), "/cases/");
    ck_assert_int_eq(kv_add(&q, a, "status", 6, "New", 3), 0);
    ck_assert_str_eq(url_with_query(a, "/cases/", &q), "/cases/?status=New");
    ck_assert_int_eq(kv_add(&q, a, "q", 1, "a b&c=d", 7), 0);
    ck_assert_int_eq(kv_add(&q, a, "status", 6, "Open", 4), 0); /* repeated keys kept, in order */
    ck_assert_int_eq(kv_add(&q, a, "na me", 5, "", 0), 0);      /* keys are encoded too */
    ck_assert_int_eq(kv_add(&q, a, "z", 1, "caf\xC3\xA9", 5), 0);
    ck_assert_str_eq(url_with_query(a, "/cases/", &q),
                     "/cases/?status=New&q=a%20b%26c%3Dd&status=Open&na%20me=&z=caf%C3%A9");
    arena_free(a);
}
END_TEST

START_TEST(with_query_out_of_memory)
{
    arena *a = test_arena();
    kvlist q = {0};
    ck_assert_int_eq(kv_add(&q, a, "k", 1, "v", 1), 0);
    arena_set_limit(a, arena_used(a));
    ck_assert_ptr_null(url_with_query(a, "/cases/", &q));
    ck_assert_ptr_null(url_encode(a, "x"));
    arena_free(a);
}
END_TEST

START_TEST(local_targets)
{
    static const char *const good[] = {"/",         "/cases/",      "/cases/?a=b", "/cases/?next=//x",
                                       "/a/b#frag", "/caf\xC3\xA9", "/a%2F%2Fb"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        ck_assert_msg(url_is_local(good[i]), "refused %s", good[i]);

    static const char *const bad[] = {
        "",
        "cases/",
        "//evil.example",
        "//",
        "/\\evil.example",
        "/a\\b",
        "\\/evil",
        "http://x",
        "https://x/",
        "javascript:alert(1)",
        " /x",
        "/x\r\nSet-Cookie: a=1",
        "/x\n",
        "/x\r",
        "/x\t",
        "/x\x01",
        "/x\x1f",
        "/x\x7f",
        "\n/x",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!url_is_local(bad[i]), "accepted bad[%zu]", i);
    ck_assert(!url_is_local(NULL));

    /* A Location header must fit nginx's response header buffer. */
    char long_target[URL_REDIRECT_MAX + 2];
    memset(long_target, 'a', sizeof long_target - 1);
    long_target[0] = '/';
    long_target[URL_REDIRECT_MAX] = '\0';
    ck_assert(url_is_local(long_target));
    long_target[URL_REDIRECT_MAX] = 'a';
    long_target[URL_REDIRECT_MAX + 1] = '\0';
    ck_assert(!url_is_local(long_target));
}
END_TEST

START_TEST(local_part_of_referer)
{
    ck_assert_str_eq(url_local_part("http://127.0.0.1:8080/cases/new?x=1", "127.0.0.1:8080"), "/cases/new?x=1");
    ck_assert_str_eq(url_local_part("https://desk.example/cases", "desk.example"), "/cases");
    ck_assert_ptr_null(url_local_part("http://desk.example.evil/cases", "desk.example"));     /* longer host */
    ck_assert_ptr_null(url_local_part("http://evil.example/cases", "desk.example"));          /* another host */
    ck_assert_ptr_null(url_local_part("http://desk.example", "desk.example"));                /* no path */
    ck_assert_ptr_null(url_local_part("http://desk.example//evil.example/", "desk.example")); /* not local */
    ck_assert_ptr_null(url_local_part("/cases", "desk.example"));                             /* not absolute */
    ck_assert_ptr_null(url_local_part(NULL, "desk.example"));
    ck_assert_ptr_null(url_local_part("http://desk.example/cases", NULL));
    ck_assert_ptr_null(url_local_part("http://desk.example/cases", ""));
}
END_TEST

static Suite *url_suite(void)
{
    Suite *s = suite_create("url");
    TCase *tc = tcase_create("url");
    tcase_add_test(tc, encode_components);
    tcase_add_test(tc, with_query);
    tcase_add_test(tc, with_query_out_of_memory);
    tcase_add_test(tc, local_targets);
    tcase_add_test(tc, local_part_of_referer);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(url_suite()); }
