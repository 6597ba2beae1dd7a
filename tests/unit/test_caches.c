/* test_caches.c: unit tests of what workers cache from the directory: credentials (auth/credcache.c),
 * per-organization and per-user JSON (repo/dircache.c) and their freshness marks (db_directory_mark/fresh). */
#include <check.h>
#include <string.h>
#include <unistd.h>
#include "auth/credcache.h"
#include "db/db.h"
#include "repo/dircache.h"
#include "testutil.h"

#define HASH "\\x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define ORG "6a21db5b-d587-4059-bf91-69ebe888d50d"

static auth_ctx sample(void)
{
    auth_ctx c = {0};
    strcpy(c.user_id, "b7551499-d0dd-440e-810d-f96d04150bd2");
    strcpy(c.org_id, ORG);
    strcpy(c.family, "825aa959-0f84-455c-b3af-0af04841ce68");
    c.email = "ada@casedesk.test";
    c.name = "Ada";
    c.role = "ADMIN";
    c.member_active = c.is_admin = true;
    return c;
}

START_TEST(marks)
{
    ck_assert(db_directory_fresh(db_directory_mark(7, 5), 7));
    ck_assert(!db_directory_fresh(db_directory_mark(7, 5), 8));
    ck_assert(!db_directory_fresh(db_directory_mark(7, 0), 7));
    ck_assert(!db_directory_fresh(db_directory_mark(0, 5), 0));
    dir_mark m = db_directory_mark(7, 1);
    sleep(1);
    ck_assert(!db_directory_fresh(m, 7));
}
END_TEST

START_TEST(credentials_kept_per_stamp_and_key)
{
    arena *a = test_arena();
    auth_ctx c = sample(), got;
    credcache_put(CRED_ACCESS, HASH, ORG, 3, 60, &c);
    ck_assert(credcache_get(a, CRED_ACCESS, HASH, ORG, 3, &got));
    ck_assert_str_eq(got.user_id, c.user_id);
    ck_assert_str_eq(got.email, "ada@casedesk.test");
    ck_assert_str_eq(got.role, "ADMIN");
    ck_assert_ptr_null(got.csrf);
    ck_assert_ptr_null(got.org_name);
    ck_assert(got.is_admin && got.member_active && !got.via_session);
    ck_assert_ptr_ne(got.email, c.email);                           /* copied into the arena */
    ck_assert(!credcache_get(a, CRED_ACCESS, HASH, ORG, 4, &got));  /* the directory changed */
    ck_assert(!credcache_get(a, CRED_ACCESS, HASH, NULL, 3, &got)); /* another organization asked for */
    ck_assert(!credcache_get(a, CRED_ACCESS, "\\x01", ORG, 3, &got));
    ck_assert(!credcache_get(a, CRED_ACCESS, HASH, ORG, 0, &got)); /* caching off or no connection */
    arena_free(a);
}
END_TEST

START_TEST(non_members_and_sessions)
{
    arena *a = test_arena();
    auth_ctx c = sample(), got;
    c.role = NULL;
    c.member_active = c.is_admin = false;
    c.via_session = true;
    c.csrf = "csrf-token";
    c.org_name = "Acme";
    credcache_put(CRED_SESSION, HASH, NULL, 9, 60, &c);
    ck_assert(credcache_get(a, CRED_SESSION, HASH, NULL, 9, &got));
    ck_assert_ptr_null(got.role);
    ck_assert(!got.member_active && got.via_session);
    ck_assert_str_eq(got.csrf, "csrf-token");
    ck_assert_str_eq(got.org_name, "Acme");
    arena_free(a);
}
END_TEST

START_TEST(kinds_kept_apart)
{
    arena *a = test_arena();
    auth_ctx token = sample(), session = sample(), got;
    session.via_session = true;
    session.csrf = "csrf-token";
    credcache_put(CRED_ACCESS, HASH, ORG, 4, 60, &token);
    ck_assert(!credcache_get(a, CRED_SESSION, HASH, ORG, 4, &got)); /* a token is no session id */
    credcache_put(CRED_SESSION, HASH, NULL, 4, 60, &session);
    ck_assert(!credcache_get(a, CRED_ACCESS, HASH, NULL, 4, &got)); /* nor a session id a token */
    ck_assert(credcache_get(a, CRED_SESSION, HASH, NULL, 4, &got) && got.via_session);
    arena_free(a);
}
END_TEST

START_TEST(nothing_kept_without_time_stamp_or_room)
{
    arena *a = test_arena();
    auth_ctx c = sample(), got;
    credcache_put(CRED_ACCESS, HASH, ORG, 5, 0, &c);
    ck_assert(!credcache_get(a, CRED_ACCESS, HASH, ORG, 5, &got));
    credcache_put(CRED_ACCESS, HASH, ORG, 0, 60, &c);
    ck_assert(!credcache_get(a, CRED_ACCESS, HASH, ORG, 0, &got));
    char longname[400];
    memset(longname, 'n', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    c.name = longname;
    credcache_put(CRED_ACCESS, HASH, ORG, 6, 60, &c);
    ck_assert(!credcache_get(a, CRED_ACCESS, HASH, ORG, 6, &got));
    arena_free(a);
}
END_TEST

START_TEST(directory_json)
{
    json_t *v = json_pack("[s]", "x");
    dircache_put(DIRCACHE_MENTIONS, ORG, 2, 60, v);
    ck_assert_int_eq(v->refcount, 2);
    json_t *got = dircache_get(DIRCACHE_MENTIONS, ORG, 2);
    ck_assert_ptr_eq(got, v);
    json_decref(got);
    ck_assert_ptr_null(dircache_get(DIRCACHE_MENTIONS, ORG, 3));
    ck_assert_ptr_null(dircache_get(DIRCACHE_LOOKUPS, ORG, 2)); /* kinds apart */
    ck_assert_ptr_null(dircache_get(DIRCACHE_MENTIONS, "b7551499-d0dd-440e-810d-f96d04150bd2", 2));
    json_t *w = json_pack("[s]", "y");
    dircache_put(DIRCACHE_MENTIONS, ORG, 3, 60, w); /* replaces, releasing the old value */
    ck_assert_int_eq(v->refcount, 1);
    got = dircache_get(DIRCACHE_MENTIONS, ORG, 3);
    ck_assert_ptr_eq(got, w);
    json_decref(got);
    dircache_put(DIRCACHE_MENTIONS, ORG, 3, 0, v); /* no time: nothing kept, nothing released */
    ck_assert_int_eq(w->refcount, 2);
    json_decref(v);
    json_decref(w);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("caches");
    TCase *tc = tcase_create("caches");
    tcase_set_timeout(tc, 10);
    tcase_add_test(tc, marks);
    tcase_add_test(tc, credentials_kept_per_stamp_and_key);
    tcase_add_test(tc, non_members_and_sessions);
    tcase_add_test(tc, kinds_kept_apart);
    tcase_add_test(tc, nothing_kept_without_time_stamp_or_room);
    tcase_add_test(tc, directory_json);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
