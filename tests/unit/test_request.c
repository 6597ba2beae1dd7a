/* test_request.c: building a request from FastCGI params (path, query, headers, length) and parsing bodies. */
#include <stdio.h>
#include "core/str.h"
#include "http/request.h"
#include "testutil.h"

static config cfg;

/* request_init over a NULL-terminated list of "NAME=value" strings; returns its result. */
static cd_err init(request *r, arena *a, char *const *env) { return request_init(r, a, &cfg, env); }

/* request_init with only REQUEST_METHOD=GET and the given REQUEST_URI. */
static cd_err init_uri(request *r, arena *a, const char *uri)
{
    char *u = arena_printf(a, "REQUEST_URI=%s", uri);
    ck_assert_ptr_nonnull(u);
    char *env[] = {"REQUEST_METHOD=GET", u, NULL};
    return init(r, a, env);
}

START_TEST(basic_fields)
{
    arena *a = test_arena();
    config_defaults(&cfg);
    char *env[] = {"REQUEST_METHOD=POST",
                   "REQUEST_URI=/api/cases/?status=New&name=a+b",
                   "CONTENT_TYPE=Application/JSON; charset=UTF-8",
                   "CONTENT_LENGTH=12",
                   "HTTPS=on",
                   "REMOTE_ADDR=192.0.2.7",
                   "HTTP_ORGANIZATION_ID=3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                   "HTTP_AUTHORIZATION=Bearer abc=def",
                   "HTTP_COOKIE=sid=s1; csrf=c1",
                   "NOEQUALS",
                   NULL};
    request r;
    ck_assert_int_eq(init(&r, a, env), CD_OK);
    ck_assert_ptr_eq(r.a, a);
    ck_assert_ptr_eq(r.cfg, &cfg);
    ck_assert_int_eq(r.method, M_POST);
    ck_assert_str_eq(r.method_name, "POST");
    ck_assert_str_eq(r.uri, "/api/cases/?status=New&name=a+b");
    ck_assert_str_eq(r.path, "/api/cases/");
    ck_assert_str_eq(r.query_string, "status=New&name=a+b");
    ck_assert_uint_eq(r.query.n, 2);
    ck_assert_str_eq(kv_get(&r.query, "status"), "New");
    ck_assert_str_eq(kv_get(&r.query, "name"), "a b");
    ck_assert_str_eq(r.content_type, "application/json");
    ck_assert(r.is_api);
    ck_assert(r.https);
    ck_assert_str_eq(r.remote_addr, "192.0.2.7");
    ck_assert_str_eq(kv_get(&r.cookies, "sid"), "s1");
    ck_assert_str_eq(kv_get(&r.cookies, "csrf"), "c1");
    ck_assert_str_eq(kv_get(&r.env, "HTTP_AUTHORIZATION"), "Bearer abc=def"); /* split at the first '=' */
    ck_assert_ptr_null(kv_get(&r.env, "NOEQUALS"));
    ck_assert_ptr_null(r.json);
    ck_assert_int_eq(r.nparams, 0);
    arena_free(a);
}
END_TEST

START_TEST(defaults_when_params_missing)
{
    arena *a = test_arena();
    char *env[] = {NULL};
    request r;
    ck_assert_int_eq(init(&r, a, env), CD_OK);
    ck_assert_int_eq(r.method, M_OTHER);
    ck_assert_str_eq(r.method_name, "");
    ck_assert_str_eq(r.path, "/");
    ck_assert_str_eq(r.query_string, "");
    ck_assert_uint_eq(r.query.n, 0);
    ck_assert_str_eq(r.content_type, "");
    ck_assert_str_eq(r.remote_addr, "");
    ck_assert(!r.https);
    ck_assert(!r.is_api);
    ck_assert_int_eq(request_init(&r, a, &cfg, NULL), CD_OK);
    ck_assert_str_eq(r.path, "/");

    char *odd[] = {"REQUEST_METHOD=BREW", "REQUEST_URI=http://host/x", "HTTPS=off", NULL};
    ck_assert_int_eq(init(&r, a, odd), CD_OK);
    ck_assert_int_eq(r.method, M_OTHER);
    ck_assert_str_eq(r.method_name, "BREW");
    ck_assert_str_eq(r.path, "/"); /* a URI not starting with '/' is not used */
    ck_assert(!r.https);
    arena_free(a);
}
END_TEST

START_TEST(methods)
{
    static const struct {
        const char *name;
        http_method m;
    } ms[] = {{"GET", M_GET},     {"HEAD", M_HEAD},     {"POST", M_POST},      {"PUT", M_PUT},
              {"PATCH", M_PATCH}, {"DELETE", M_DELETE}, {"OPTIONS", M_OPTIONS}};
    for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++) {
        ck_assert_int_eq(http_method_parse(ms[i].name), ms[i].m);
        ck_assert_str_eq(http_method_name(ms[i].m), ms[i].name);
    }
    ck_assert_int_eq(http_method_parse("get"), M_OTHER); /* methods are case-sensitive */
    ck_assert_int_eq(http_method_parse(NULL), M_OTHER);
    ck_assert_int_eq(http_method_parse(""), M_OTHER);
}
END_TEST

START_TEST(decoded_path)
{
    arena *a = test_arena();
    request r;
    ck_assert_int_eq(init_uri(&r, a, "/cases/caf%C3%A9%20x/?q=1"), CD_OK);
    ck_assert_str_eq(r.path, "/cases/caf\xC3\xA9 x/");
    ck_assert_str_eq(r.uri, "/cases/caf%C3%A9%20x/?q=1"); /* raw URI kept */
    ck_assert_int_eq(init_uri(&r, a, "/a+b"), CD_OK);
    ck_assert_str_eq(r.path, "/a+b"); /* '+' is not a space in a path */
    ck_assert_int_eq(init_uri(&r, a, "/x?"), CD_OK);
    ck_assert_str_eq(r.path, "/x");
    ck_assert_str_eq(r.query_string, "");
    ck_assert_int_eq(init_uri(&r, a, "/x?a=%3F?b"), CD_OK);
    ck_assert_str_eq(r.query_string, "a=%3F?b");
    ck_assert_str_eq(kv_get(&r.query, "a"), "??b");
    arena_free(a);
}
END_TEST

START_TEST(bad_uris)
{
    static const char *const bad[] = {
        "/a%zz",     "/a%4",    "/a%",       "/a%00b",       "/a%C3%28",     "/a%C0%AF",   "/a%ED%A0%80",
        "/ok?x=%zz", "/ok?x=%", "/ok?x=%00", "/ok?%C3%28=1", "/ok?x=%C0%AF", "/a\xC3\x28",
    };
    arena *a = test_arena();
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        request r;
        ck_assert_msg(init_uri(&r, a, bad[i]) == CD_EBADREQ, "accepted %s", bad[i]);
    }
    arena_free(a);
}
END_TEST

START_TEST(oversize_params)
{
    arena *a = arena_new(1 << 16);
    ck_assert_ptr_nonnull(a);
    size_t n = REQ_MAX_ENV_BYTES;
    char *big = arena_alloc(a, n + 1);
    memcpy(big, "HTTP_X_BIG=", 11);
    memset(big + 11, 'x', n - 11);
    big[n] = '\0';
    char *env[] = {"REQUEST_METHOD=GET", "REQUEST_URI=/", big, NULL};
    request r;
    ck_assert_int_eq(init(&r, a, env), CD_EBADREQ);
    char *env2[] = {big, NULL}; /* exactly the limit alone is accepted */
    ck_assert_int_eq(init(&r, a, env2), CD_OK);
    arena_free(a);
}
END_TEST

START_TEST(content_type_normalised)
{
    static const struct {
        const char *param, *want;
    } cases[] = {
        {"CONTENT_TYPE=application/json", "application/json"},
        {"CONTENT_TYPE=APPLICATION/X-WWW-FORM-URLENCODED", "application/x-www-form-urlencoded"},
        {"CONTENT_TYPE=text/plain ; charset=utf-8", "text/plain"},
        {"CONTENT_TYPE=multipart/form-data; boundary=XyZ", "multipart/form-data"},
        {"CONTENT_TYPE=", ""},
    };
    arena *a = test_arena();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *env[] = {"REQUEST_METHOD=POST", "REQUEST_URI=/x", (char *)cases[i].param, NULL};
        request r;
        ck_assert_int_eq(init(&r, a, env), CD_OK);
        ck_assert_str_eq(r.content_type, cases[i].want);
    }
    arena_free(a);
}
END_TEST

START_TEST(is_api_paths)
{
    static const struct {
        const char *uri;
        bool api;
    } cases[] = {{"/api/cases/", true}, {"/api", true},         {"/api/", true},
                 {"/healthz", true},    {"/", false},           {"/apix", false},
                 {"/cases/", false},    {"/API/cases/", false}, {"/%61pi/cases/", true},
                 {"/healthz/x", false}};
    arena *a = test_arena();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        request r;
        ck_assert_int_eq(init_uri(&r, a, cases[i].uri), CD_OK);
        ck_assert_msg(r.is_api == cases[i].api, "%s: is_api %d", cases[i].uri, r.is_api);
    }
    arena_free(a);
}
END_TEST

START_TEST(header_lookup)
{
    arena *a = test_arena();
    char *env[] = {
        "REQUEST_METHOD=GET",          "REQUEST_URI=/",           "HTTP_ORGANIZATION_ID=org-1", "HTTP_ORG=org-2",
        "HTTP_AUTHORIZATION=Bearer t", "CONTENT_TYPE=text/plain", "CONTENT_LENGTH=3",           NULL};
    request r;
    ck_assert_int_eq(init(&r, a, env), CD_OK);
    ck_assert_str_eq(request_header(&r, "organization-id"), "org-1");
    ck_assert_str_eq(request_header(&r, "Organization-Id"), "org-1");
    ck_assert_str_eq(request_header(&r, "org"), "org-2");
    ck_assert_str_eq(request_header(&r, "Authorization"), "Bearer t");
    ck_assert_str_eq(request_header(&r, "Content-Type"), "text/plain"); /* not HTTP_-prefixed in CGI */
    ck_assert_str_eq(request_header(&r, "content-length"), "3");
    ck_assert_ptr_null(request_header(&r, "X-Missing"));
    ck_assert_ptr_null(request_header(&r, "bad name"));
    ck_assert_ptr_null(request_header(&r, ""));
    arena_free(a);
}
END_TEST

/* CONTENT_LENGTH given as param (NULL: absent). */
static long long content_length(arena *a, const char *param)
{
    char *env[] = {"REQUEST_METHOD=POST", "REQUEST_URI=/", (char *)param, NULL};
    request r;
    ck_assert_int_eq(init(&r, a, env), CD_OK);
    return request_content_length(&r);
}

START_TEST(content_length_values)
{
    arena *a = test_arena();
    ck_assert_int_eq(content_length(a, NULL), 0);
    ck_assert_int_eq(content_length(a, "CONTENT_LENGTH="), 0); /* nginx sends it empty on GET */
    ck_assert_int_eq(content_length(a, "CONTENT_LENGTH=0"), 0);
    ck_assert_int_eq(content_length(a, "CONTENT_LENGTH=1234"), 1234);
    ck_assert_int_eq(content_length(a, "CONTENT_LENGTH=10485760"), 10485760);
    ck_assert_int_eq(content_length(a, "CONTENT_LENGTH=abc"), -1);
    ck_assert_int_eq(content_length(a, "CONTENT_LENGTH=12abc"), -1);
    ck_assert_int_eq(content_length(a, "CONTENT_LENGTH=-5"), -1);
    ck_assert_int_eq(content_length(a, "CONTENT_LENGTH=+5"), -1);
    ck_assert_int_eq(content_length(a, "CONTENT_LENGTH= 5"), -1);
    ck_assert_int_eq(content_length(a, "CONTENT_LENGTH=99999999999999999999999"), -1);
    arena_free(a);
}
END_TEST

/* A request with the given Content-Type and body, then request_parse_body. */
static cd_err parse_body(arena *a, request *r, const char *ctype, const char *body, size_t len)
{
    char *ct = arena_printf(a, "CONTENT_TYPE=%s", ctype);
    char *env[] = {"REQUEST_METHOD=POST", "REQUEST_URI=/api/cases/", ct, NULL};
    ck_assert_int_eq(init(r, a, env), CD_OK);
    r->body = body;
    r->body_len = len;
    return request_parse_body(r);
}

#define BODY(s) s, sizeof(s) - 1

START_TEST(json_bodies)
{
    arena *a = test_arena();
    request r;
    ck_assert_int_eq(
        parse_body(a, &r, "application/json; charset=utf-8", BODY("{\"name\":\"caf\xC3\xA9\",\"n\":3,\"l\":[1,2]}")),
        CD_OK);
    ck_assert_ptr_nonnull(r.json);
    ck_assert(json_is_object(r.json));
    ck_assert_str_eq(json_string_value(json_object_get(r.json, "name")), "caf\xC3\xA9");
    ck_assert_int_eq(json_integer_value(json_object_get(r.json, "n")), 3);
    ck_assert_int_eq(r.json->refcount, 1); /* owned once, by the arena's cleanup hook */

    ck_assert_int_eq(parse_body(a, &r, "application/json", BODY("{\"a\":")), CD_EBADREQ);
    ck_assert_ptr_null(r.json);
    ck_assert_int_eq(parse_body(a, &r, "application/json", BODY("{\"a\":1} trailing")), CD_EBADREQ);
    ck_assert_int_eq(parse_body(a, &r, "application/json", BODY("{\"a\":\"\xC3\x28\"}")), CD_EBADREQ);
    ck_assert_int_eq(parse_body(a, &r, "application/json", BODY("{\"\xED\xA0\x80\":1}")), CD_EBADREQ);
    ck_assert_int_eq(parse_body(a, &r, "application/json", BODY("{\"a\":1,\"a\":2}")), CD_EBADREQ);
    ck_assert_int_eq(parse_body(a, &r, "application/json", BODY("{\"a\":\"x\\u0000y\"}")), CD_EBADREQ);
    /* an empty body is not parsed */
    ck_assert_int_eq(parse_body(a, &r, "application/json", "", 0), CD_OK);
    ck_assert_ptr_null(r.json);
    arena_free(a); /* valgrind: the JSON values are released by the arena */
}
END_TEST

START_TEST(json_body_out_of_memory)
{
    arena *a = test_arena();
    request r;
    char *ct = "CONTENT_TYPE=application/json";
    char *env[] = {"REQUEST_METHOD=POST", "REQUEST_URI=/api/x/", ct, NULL};
    ck_assert_int_eq(init(&r, a, env), CD_OK);
    r.body = "{\"a\":1}";
    r.body_len = 7;
    arena_set_limit(a, arena_used(a)); /* no room for the cleanup hook */
    ck_assert_int_eq(request_parse_body(&r), CD_ENOMEM);
    ck_assert_ptr_null(r.json);
    arena_free(a); /* valgrind: the JSON was released at once, not leaked */
}
END_TEST

START_TEST(urlencoded_bodies)
{
    arena *a = test_arena();
    request r;
    ck_assert_int_eq(parse_body(a, &r, "application/x-www-form-urlencoded",
                                BODY("title=Printer+on+fire&priority=High&&csrf=t%3D1")),
                     CD_OK);
    ck_assert_uint_eq(r.form.n, 3);
    ck_assert_str_eq(kv_get(&r.form, "title"), "Printer on fire");
    ck_assert_str_eq(kv_get(&r.form, "priority"), "High");
    ck_assert_str_eq(kv_get(&r.form, "csrf"), "t=1");
    ck_assert_ptr_null(r.json);
    ck_assert_int_eq(parse_body(a, &r, "Application/X-WWW-Form-Urlencoded; charset=UTF-8", BODY("a=1")), CD_OK);
    ck_assert_str_eq(kv_get(&r.form, "a"), "1");
    ck_assert_int_eq(parse_body(a, &r, "application/x-www-form-urlencoded", BODY("a=%zz")), CD_EBADREQ);
    ck_assert_int_eq(parse_body(a, &r, "application/x-www-form-urlencoded", BODY("a=%C3%28")), CD_EBADREQ);
    arena_free(a);
}
END_TEST

START_TEST(other_types_unsupported)
{
    arena *a = test_arena();
    request r;
    ck_assert_int_eq(parse_body(a, &r, "text/plain", BODY("hello")), CD_EMEDIATYPE);
    ck_assert_int_eq(parse_body(a, &r, "application/xml", BODY("<a/>")), CD_EMEDIATYPE);
    ck_assert_int_eq(parse_body(a, &r, "", BODY("{}")), CD_EMEDIATYPE);
    ck_assert_int_eq(parse_body(a, &r, "application/jsonx", BODY("{}")), CD_EMEDIATYPE);
    ck_assert_int_eq(parse_body(a, &r, "text/plain", "", 0), CD_OK); /* no body, nothing to refuse */
    arena_free(a);
}
END_TEST

#define PART(headers, data) "--B0\r\nContent-Disposition: form-data; " headers "\r\n\r\n" data "\r\n"

START_TEST(multipart_bodies)
{
    arena *a = test_arena();
    request r;
    static const char body[] = "preamble\r\n" PART("name=\"title\"", "Printer on fire")
        PART("name=\"att\"; filename=\"../../etc/report.pdf\"\r\nContent-Type: application/pdf", "%PDF\r\n--B\0x")
            PART("name=\"att\"; filename=\"\"\r\nContent-Type: application/octet-stream", "")
                PART("name=\"note\"; filename=\"empty.txt\"", "") PART("name=\"priority\"", "High") "--B0--\r\n";
    ck_assert_int_eq(parse_body(a, &r, "multipart/form-data; boundary=\"B0\"", body, sizeof body - 1), CD_OK);
    /* plain fields land in form, as for urlencoded bodies */
    ck_assert_uint_eq(r.form.n, 2);
    ck_assert_str_eq(kv_get(&r.form, "title"), "Printer on fire");
    ck_assert_str_eq(kv_get(&r.form, "priority"), "High");
    /* files land in files, with a safe name; the empty file input is skipped, an empty file is not */
    ck_assert_uint_eq(r.nfiles, 2);
    ck_assert_str_eq(r.files[0].field, "att");
    ck_assert_str_eq(r.files[0].filename, "report.pdf");
    ck_assert_str_eq(r.files[0].content_type, "application/pdf");
    ck_assert_uint_eq(r.files[0].len, 11);
    ck_assert_mem_eq(r.files[0].data, "%PDF\r\n--B\0x", 11);
    ck_assert_str_eq(r.files[1].field, "note");
    ck_assert_str_eq(r.files[1].filename, "empty.txt");
    ck_assert_str_eq(r.files[1].content_type, "");
    ck_assert_uint_eq(r.files[1].len, 0);
    ck_assert_ptr_null(r.json);

    /* an empty file input with data is kept under a made-up name */
    static const char noname[] = PART("name=\"f\"; filename=\"\"", "data") "--B0--";
    ck_assert_int_eq(parse_body(a, &r, "multipart/form-data; boundary=B0", noname, sizeof noname - 1), CD_OK);
    ck_assert_uint_eq(r.nfiles, 1);
    ck_assert_str_eq(r.files[0].filename, "attachment");

    /* the boundary must be there and valid; the body well-formed */
    ck_assert_int_eq(parse_body(a, &r, "multipart/form-data", body, sizeof body - 1), CD_EBADREQ);
    ck_assert_int_eq(parse_body(a, &r, "multipart/form-data; boundary=", body, sizeof body - 1), CD_EBADREQ);
    ck_assert_int_eq(parse_body(a, &r, "multipart/form-data; boundary=B1", body, sizeof body - 1), CD_EBADREQ);
    ck_assert_int_eq(parse_body(a, &r, "multipart/form-data; boundary=B0", body, sizeof body - 10), CD_EBADREQ);
    static const char badfield[] = PART("name=\"t\"", "\xC3\x28") "--B0--";
    ck_assert_int_eq(parse_body(a, &r, "multipart/form-data; boundary=B0", badfield, sizeof badfield - 1),
                     CD_EBADREQ);
    arena_free(a);
}
END_TEST

START_TEST(multipart_upload_limit)
{
    arena *a = test_arena();
    request r;
    config small = cfg;
    small.max_upload = 1024;
    small.max_body = 1024;
    char *env[] = {"REQUEST_METHOD=POST", "REQUEST_URI=/cases/", "CONTENT_TYPE=multipart/form-data; boundary=B0",
                   NULL};
    strbuf sb;
    sb_init(&sb, a);
    sb_puts(&sb, "--B0\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.bin\"\r\n\r\n");
    for (int i = 0; i < 1000; i++)
        sb_puts(&sb, "x");
    sb_puts(&sb, "\r\n--B0\r\nContent-Disposition: form-data; name=\"b\"; filename=\"b.bin\"\r\n\r\n");
    for (int i = 0; i < 24; i++)
        sb_puts(&sb, "y");
    size_t at_limit = sb.len;
    sb_puts(&sb, "\r\n--B0--");
    ck_assert(!sb.failed);
    ck_assert_int_eq(request_init(&r, a, &small, env), CD_OK);
    r.body = sb.data;
    r.body_len = sb.len;
    ck_assert_int_eq(request_parse_body(&r), CD_OK); /* 1024 bytes of files: at the limit */
    ck_assert_uint_eq(r.nfiles, 2);
    sb.len = at_limit;
    sb_puts(&sb, "y\r\n--B0\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nkept\r\n--B0--");
    ck_assert_int_eq(request_init(&r, a, &small, env), CD_OK);
    r.body = sb.data;
    r.body_len = sb.len;
    ck_assert_int_eq(request_parse_body(&r), CD_ETOOLARGE);
    /* the file that passed the limit is named, no file is kept, the plain fields after it are read all the same */
    ck_assert_str_eq(r.upload_refused, "b.bin");
    ck_assert_uint_eq(r.nfiles, 0);
    ck_assert_str_eq(kv_get(&r.form, "title"), "kept");
    /* plain fields are bounded by max_body */
    sb.len = 0;
    sb_puts(&sb, "--B0\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n");
    for (int i = 0; i < 1025; i++)
        sb_puts(&sb, "z");
    sb_puts(&sb, "\r\n--B0--");
    ck_assert_int_eq(request_init(&r, a, &small, env), CD_OK);
    r.body = sb.data;
    r.body_len = sb.len;
    ck_assert_int_eq(request_parse_body(&r), CD_ETOOLARGE);
    arena_free(a);
}
END_TEST

static Suite *request_suite(void)
{
    Suite *s = suite_create("request");
    TCase *tc = tcase_create("init");
    tcase_add_test(tc, basic_fields);
    tcase_add_test(tc, defaults_when_params_missing);
    tcase_add_test(tc, methods);
    tcase_add_test(tc, decoded_path);
    tcase_add_test(tc, bad_uris);
    tcase_add_test(tc, oversize_params);
    tcase_add_test(tc, content_type_normalised);
    tcase_add_test(tc, is_api_paths);
    suite_add_tcase(s, tc);
    tc = tcase_create("headers");
    tcase_add_test(tc, header_lookup);
    tcase_add_test(tc, content_length_values);
    suite_add_tcase(s, tc);
    tc = tcase_create("body");
    tcase_add_test(tc, json_bodies);
    tcase_add_test(tc, json_body_out_of_memory);
    tcase_add_test(tc, urlencoded_bodies);
    tcase_add_test(tc, other_types_unsupported);
    tcase_add_test(tc, multipart_bodies);
    tcase_add_test(tc, multipart_upload_limit);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    config_defaults(&cfg);
    return run_suite(request_suite());
}
