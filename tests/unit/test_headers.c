/* test_headers.c: header name/value checks, cookies, and the response builder that refuses CR/LF. */
#include <stdio.h>
#include "http/cookie.h"
#include "http/headers.h"
#include "http/response.h"
#include "testutil.h"

START_TEST(header_names)
{
    ck_assert(header_name_ok("Content-Type"));
    ck_assert(header_name_ok("organization-id"));
    ck_assert(header_name_ok("X-Weird!#$%&'*+.^_`|~9"));
    ck_assert(!header_name_ok(NULL));
    ck_assert(!header_name_ok(""));
    ck_assert(!header_name_ok("Bad Name"));
    ck_assert(!header_name_ok("Bad:Name"));
    ck_assert(!header_name_ok("Bad\rName"));
    ck_assert(!header_name_ok("Bad\nName"));
    ck_assert(!header_name_ok("Bad\tName"));
    ck_assert(!header_name_ok("(comment)"));
    ck_assert(!header_name_ok("a\"b"));
    ck_assert(!header_name_ok("caf\xC3\xA9"));
    ck_assert(!header_name_ok("a/b"));
}
END_TEST

START_TEST(header_values)
{
    ck_assert(header_value_ok(""));
    ck_assert(header_value_ok("text/html; charset=utf-8"));
    ck_assert(header_value_ok("a\tb"));        /* horizontal tab is allowed */
    ck_assert(header_value_ok("caf\xC3\xA9")); /* obs-text bytes pass */
    ck_assert(!header_value_ok(NULL));
    ck_assert(!header_value_ok("a\rb"));
    ck_assert(!header_value_ok("a\nb"));
    ck_assert(!header_value_ok("x\r\nSet-Cookie: evil=1"));
    ck_assert(!header_value_ok("a\x01"));
    ck_assert(!header_value_ok("\x1f"));
    ck_assert(!header_value_ok("a\x7f"));
    ck_assert(!header_value_ok("\x0b"));
    /* every control byte except tab is refused */
    for (int c = 1; c < 0x20; c++) {
        char v[4] = {'a', (char)c, 'b', '\0'};
        ck_assert_msg(header_value_ok(v) == (c == '\t'), "control byte %#x", c);
    }
}
END_TEST

START_TEST(header_env_names)
{
    char out[64];
    ck_assert(header_env_name("organization-id", out, sizeof out));
    ck_assert_str_eq(out, "HTTP_ORGANIZATION_ID");
    ck_assert(header_env_name("Authorization", out, sizeof out));
    ck_assert_str_eq(out, "HTTP_AUTHORIZATION");
    ck_assert(header_env_name("x-a-b", out, sizeof out));
    ck_assert_str_eq(out, "HTTP_X_A_B");
    ck_assert(!header_env_name("bad name", out, sizeof out));
    ck_assert(!header_env_name("", out, sizeof out));
    ck_assert(!header_env_name(NULL, out, sizeof out));
    /* "HTTP_" + 3 + NUL = 9 bytes: fits exactly, one byte less does not */
    char small[9];
    ck_assert(header_env_name("abc", small, sizeof small));
    ck_assert_str_eq(small, "HTTP_ABC");
    ck_assert(!header_env_name("abcd", small, sizeof small));
}
END_TEST

START_TEST(cookie_parse_cases)
{
    arena *a = test_arena();
    kvlist l = {0};
    ck_assert_int_eq(cookie_parse(a, "a=1; b=2;c=3", &l), 0);
    ck_assert_uint_eq(l.n, 3);
    ck_assert_str_eq(kv_get(&l, "a"), "1");
    ck_assert_str_eq(kv_get(&l, "b"), "2");
    ck_assert_str_eq(kv_get(&l, "c"), "3");

    kvlist sp = {0};
    ck_assert_int_eq(cookie_parse(a, "  sid = abc ;\tcsrf=\"q w\" ; e=", &sp), 0);
    ck_assert_uint_eq(sp.n, 3);
    ck_assert_str_eq(kv_get(&sp, "sid"), "abc");
    ck_assert_str_eq(kv_get(&sp, "csrf"), "q w"); /* quotes removed */
    ck_assert_str_eq(kv_get(&sp, "e"), "");

    kvlist bad = {0};
    ck_assert_int_eq(cookie_parse(a, "junk; =novalue; ok=1; ;; also junk ;x=\"", &bad), 0);
    ck_assert_uint_eq(bad.n, 2);
    ck_assert_str_eq(kv_get(&bad, "ok"), "1");
    ck_assert_str_eq(kv_get(&bad, "x"), "\""); /* a lone quote is kept as is */
    ck_assert_ptr_null(kv_get(&bad, "junk"));
    ck_assert_ptr_null(kv_get(&bad, ""));

    kvlist eq = {0};
    ck_assert_int_eq(cookie_parse(a, "t=a=b==", &eq), 0);
    ck_assert_str_eq(kv_get(&eq, "t"), "a=b==");

    kvlist dup = {0};
    ck_assert_int_eq(cookie_parse(a, "s=1; s=2", &dup), 0);
    ck_assert_uint_eq(kv_count(&dup, "s"), 2);
    ck_assert_str_eq(kv_get(&dup, "s"), "1");

    kvlist empty = {0};
    ck_assert_int_eq(cookie_parse(a, "", &empty), 0);
    ck_assert_uint_eq(empty.n, 0);
    ck_assert_int_eq(cookie_parse(a, NULL, &empty), 0);
    ck_assert_uint_eq(empty.n, 0);
    ck_assert_int_eq(cookie_parse(a, " ; ;\t", &empty), 0);
    ck_assert_uint_eq(empty.n, 0);
    arena_free(a);
}
END_TEST

START_TEST(cookie_parse_out_of_memory)
{
    arena *a = test_arena();
    arena_set_limit(a, 16);
    kvlist l = {0};
    ck_assert_int_eq(cookie_parse(a, "a=1", &l), -1);
    arena_free(a);
}
END_TEST

START_TEST(cookie_build_cases)
{
    arena *a = test_arena();
    ck_assert_str_eq(cookie_build(a, "sid", "abc123", 3600, true, true),
                     "sid=abc123; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax; Secure");
    ck_assert_str_eq(cookie_build(a, "csrf", "t0k", -1, false, false), "csrf=t0k; Path=/; SameSite=Lax");
    ck_assert_str_eq(cookie_build(a, "sid", "", 0, true, false), "sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    ck_assert_ptr_null(cookie_build(a, "sid", "a;b", 60, true, true));
    ck_assert_ptr_null(cookie_build(a, "sid", "a\r\nSet-Cookie: x=1", 60, true, true));
    ck_assert_ptr_null(cookie_build(a, "sid", "a\nb", 60, true, true));
    ck_assert_ptr_null(cookie_build(a, "sid", "a b", 60, true, true));
    ck_assert_ptr_null(cookie_build(a, "sid", "a,b", 60, true, true));
    ck_assert_ptr_null(cookie_build(a, "sid", "\"q\"", 60, true, true));
    ck_assert_ptr_null(cookie_build(a, "sid", "a\\b", 60, true, true));
    ck_assert_ptr_null(cookie_build(a, "sid", "caf\xC3\xA9", 60, true, true));
    ck_assert_ptr_null(cookie_build(a, "bad name", "v", 60, true, true));
    ck_assert_ptr_null(cookie_build(a, "bad;name", "v", 60, true, true));
    ck_assert_ptr_null(cookie_build(a, "", "v", 60, true, true));
    arena_free(a);
}
END_TEST

START_TEST(resp_header_refuses_crlf)
{
    arena *a = test_arena();
    response r;
    resp_init(&r, a);
    ck_assert_int_eq(resp_header(&r, "X-Ok", "fine\tvalue"), 0);
    ck_assert_int_eq(resp_header(&r, "X-Bad", "a\r\nSet-Cookie: evil=1"), -1);
    ck_assert_int_eq(resp_header(&r, "X-Bad", "a\nb"), -1);
    ck_assert_int_eq(resp_header(&r, "X-Bad", "a\rb"), -1);
    ck_assert_int_eq(resp_header(&r, "Bad Name", "v"), -1);
    ck_assert_int_eq(resp_header(&r, "Bad\r\nName", "v"), -1);
    ck_assert_int_eq(resp_set_header(&r, "X-Ok", "x\ny"), -1);
    ck_assert_uint_eq(r.headers.n, 1);
    ck_assert_ptr_null(resp_get_header(&r, "X-Bad"));
    ck_assert_str_eq(resp_get_header(&r, "x-ok"), "fine\tvalue"); /* names are case-insensitive */
    arena_free(a);
}
END_TEST

START_TEST(resp_set_header_replaces)
{
    arena *a = test_arena();
    response r;
    resp_init(&r, a);
    ck_assert_int_eq(resp_header(&r, "Vary", "Cookie"), 0);
    ck_assert_int_eq(resp_header(&r, "Cache-Control", "no-store"), 0);
    ck_assert_int_eq(resp_set_header(&r, "cache-control", "private"), 0);
    ck_assert_uint_eq(r.headers.n, 2);
    ck_assert_str_eq(resp_get_header(&r, "Cache-Control"), "private");
    ck_assert_uint_eq(r.headers.v[1].vlen, 7);
    ck_assert_int_eq(resp_set_header(&r, "Location", "/cases/"), 0); /* absent: added */
    ck_assert_uint_eq(r.headers.n, 3);
    ck_assert_str_eq(resp_get_header(&r, "Location"), "/cases/");
    /* resp_header appends even when the name exists (e.g. several Set-Cookie) */
    ck_assert_int_eq(resp_header(&r, "Set-Cookie", "a=1"), 0);
    ck_assert_int_eq(resp_header(&r, "Set-Cookie", "b=2"), 0);
    ck_assert_uint_eq(kv_count(&r.headers, "Set-Cookie"), 2);
    arena_free(a);
}
END_TEST

START_TEST(resp_head_200)
{
    arena *a = test_arena();
    response r;
    resp_init(&r, a);
    ck_assert_int_eq(resp_body(&r, 200, "text/plain; charset=utf-8", "hello", 5), CD_OK);
    strbuf out;
    sb_init(&out, a);
    ck_assert_int_eq(resp_head(&r, &out), CD_OK);
    ck_assert_str_eq(out.data, "Status: 200 OK\r\n"
                               "Content-Type: text/plain; charset=utf-8\r\n"
                               "Content-Length: 5\r\n"
                               "\r\n");
    arena_free(a);
}
END_TEST

START_TEST(resp_head_default_status_and_reasons)
{
    arena *a = test_arena();
    response r;
    resp_init(&r, a);
    strbuf out;
    sb_init(&out, a);
    ck_assert_int_eq(resp_head(&r, &out), CD_OK); /* no status set: 200 */
    ck_assert_str_eq(out.data, "Status: 200 OK\r\nContent-Length: 0\r\n\r\n");

    static const struct {
        int status;
        const char *line;
    } cases[] = {{201, "Status: 201 Created\r\n"},
                 {303, "Status: 303 See Other\r\n"},
                 {404, "Status: 404 Not Found\r\n"},
                 {405, "Status: 405 Method Not Allowed\r\n"},
                 {503, "Status: 503 Service Unavailable\r\n"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r.status = cases[i].status;
        out.len = 0;
        ck_assert_int_eq(resp_head(&r, &out), CD_OK);
        ck_assert_msg(str_starts(out.data, cases[i].line), "status %d: %s", cases[i].status, out.data);
        ck_assert_ptr_nonnull(strstr(out.data, "Content-Length: 0\r\n"));
    }
    arena_free(a);
}
END_TEST

START_TEST(resp_head_204_has_no_length)
{
    arena *a = test_arena();
    response r;
    resp_init(&r, a);
    r.status = 204;
    ck_assert_int_eq(resp_header(&r, "Allow", "GET, HEAD, OPTIONS"), 0);
    strbuf out;
    sb_init(&out, a);
    ck_assert_int_eq(resp_head(&r, &out), CD_OK);
    ck_assert_str_eq(out.data, "Status: 204 No Content\r\nAllow: GET, HEAD, OPTIONS\r\n\r\n");
    r.status = 304;
    out.len = 0;
    ck_assert_int_eq(resp_head(&r, &out), CD_OK);
    ck_assert_ptr_null(strstr(out.data, "Content-Length"));
    arena_free(a);
}
END_TEST

START_TEST(resp_json_and_redirect)
{
    arena *a = test_arena();
    response r;
    resp_init(&r, a);
    ck_assert_int_eq(resp_json(&r, 201, json_pack("{s:s}", "name", "caf\xC3\xA9")), CD_OK);
    ck_assert_int_eq(r.status, 201);
    ck_assert_str_eq(resp_get_header(&r, "Content-Type"), "application/json");
    ck_assert_uint_eq(r.body.len, strlen("{\"name\":\"caf\\u00E9\"}"));
    ck_assert_mem_eq(r.body.data, "{\"name\":\"caf\\u00E9\"}", r.body.len);
    ck_assert_int_eq(resp_json(&r, 200, NULL), CD_ENOMEM);

    response d;
    resp_init(&d, a);
    ck_assert_int_eq(resp_redirect(&d, "/cases/?page=2"), CD_OK);
    ck_assert_int_eq(d.status, 303);
    ck_assert_str_eq(resp_get_header(&d, "Location"), "/cases/?page=2");
    /* never off-site: scheme-relative, absolute and backslash URLs become "/" */
    ck_assert_int_eq(resp_redirect(&d, "//evil.example/"), CD_OK);
    ck_assert_str_eq(resp_get_header(&d, "Location"), "/");
    ck_assert_int_eq(resp_redirect(&d, "https://evil.example/"), CD_OK);
    ck_assert_str_eq(resp_get_header(&d, "Location"), "/");
    ck_assert_int_eq(resp_redirect(&d, "/\\evil.example"), CD_OK);
    ck_assert_str_eq(resp_get_header(&d, "Location"), "/");
    ck_assert_uint_eq(kv_count(&d.headers, "Location"), 1);
    /* a Location with CR/LF is never sent: url_is_local refuses control bytes, so it falls back to "/" */
    ck_assert_int_eq(resp_redirect(&d, "/cases/"), CD_OK);
    ck_assert_int_eq(resp_redirect(&d, "/x\r\nSet-Cookie: a=1"), CD_OK);
    ck_assert_str_eq(resp_get_header(&d, "Location"), "/");
    arena_free(a);
}
END_TEST

static Suite *headers_suite(void)
{
    Suite *s = suite_create("headers");
    TCase *tc = tcase_create("headers");
    tcase_add_test(tc, header_names);
    tcase_add_test(tc, header_values);
    tcase_add_test(tc, header_env_names);
    suite_add_tcase(s, tc);
    tc = tcase_create("cookie");
    tcase_add_test(tc, cookie_parse_cases);
    tcase_add_test(tc, cookie_parse_out_of_memory);
    tcase_add_test(tc, cookie_build_cases);
    suite_add_tcase(s, tc);
    tc = tcase_create("response");
    tcase_add_test(tc, resp_header_refuses_crlf);
    tcase_add_test(tc, resp_set_header_replaces);
    tcase_add_test(tc, resp_head_200);
    tcase_add_test(tc, resp_head_default_status_and_reasons);
    tcase_add_test(tc, resp_head_204_has_no_length);
    tcase_add_test(tc, resp_json_and_redirect);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(headers_suite()); }
