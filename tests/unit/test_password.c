/* test_password.c: yescrypt hashing (format, fresh salt), verification (right, wrong, unknown user, garbage
 * hashes) and the length bounds of acceptable passwords. */
#include <stdio.h>
#include "auth/password.h"
#include "testutil.h"

START_TEST(hash_format_and_salt)
{
    arena *a = test_arena();
    char *h1 = password_hash(a, "correct horse battery");
    char *h2 = password_hash(a, "correct horse battery");
    ck_assert_ptr_nonnull(h1);
    ck_assert_ptr_nonnull(h2);
    ck_assert_msg(strncmp(h1, "$y$", 3) == 0, "not yescrypt: %s", h1);
    ck_assert_ptr_null(strstr(h1, "correct")); /* the password itself is not stored */
    ck_assert_str_ne(h1, h2);                  /* a fresh salt per call */
    ck_assert(password_verify("correct horse battery", h1));
    ck_assert(password_verify("correct horse battery", h2));
    arena_free(a);
}
END_TEST

START_TEST(verify_right_and_wrong)
{
    arena *a = test_arena();
    char *h = password_hash(a, "p\xC3\xA4ssword-1");
    ck_assert_ptr_nonnull(h);
    ck_assert(password_verify("p\xC3\xA4ssword-1", h));
    ck_assert(!password_verify("p\xC3\xA4ssword-2", h));
    ck_assert(!password_verify("P\xC3\xA4ssword-1", h));
    ck_assert(!password_verify("p\xC3\xA4ssword-1 ", h));
    ck_assert(!password_verify("p\xC3\xA4ssword-", h));
    ck_assert(!password_verify("", h));
    arena_free(a);
}
END_TEST

START_TEST(verify_unknown_user_is_false)
{
    /* NULL stored hash: the dummy hash is checked for timing, and the answer is always false, even for
     * the dummy's own password. */
    ck_assert(!password_verify("anything at all", NULL));
    ck_assert(!password_verify("casedesk-timing-equaliser", NULL));
    ck_assert(!password_verify("", NULL));
}
END_TEST

START_TEST(verify_garbage_hashes)
{
    arena *a = test_arena();
    char *h = password_hash(a, "password123");
    ck_assert_ptr_nonnull(h);
    /* The setting alone ("$y$<params>$<salt>") must not verify: it is a prefix of the hash. */
    char *setting = arena_strdup(a, h);
    *strrchr(setting, '$') = '\0';
    ck_assert(!password_verify("password123", setting));
    /* A damaged hash: last character changed. */
    char *damaged = arena_strdup(a, h);
    size_t n = strlen(damaged);
    damaged[n - 1] = damaged[n - 1] == 'A' ? 'B' : 'A';
    ck_assert(!password_verify("password123", damaged));

    static const char *const garbage[] = {"",
                                          "*",
                                          "*0",
                                          "*1",
                                          "!",
                                          "x",
                                          "garbage-not-a-hash",
                                          "$y$",
                                          "$y$$$",
                                          "$unknown$abc$def",
                                          "$2b$10$short",
                                          "!$y$j9T$abc$def"};
    for (size_t i = 0; i < sizeof garbage / sizeof garbage[0]; i++)
        ck_assert_msg(!password_verify("password123", garbage[i]), "verified against \"%s\"", garbage[i]);
    arena_free(a);
}
END_TEST

START_TEST(problem_bounds)
{
    char pw[PASSWORD_MAX + 2];
    memset(pw, 'a', sizeof pw);
    pw[7] = '\0';
    ck_assert_str_eq(password_problem(pw), "Password must be at least 8 characters.");
    pw[7] = 'a';
    pw[8] = '\0';
    ck_assert_ptr_null(password_problem(pw));
    pw[8] = 'a';
    pw[256] = '\0';
    ck_assert_ptr_null(password_problem(pw));
    pw[256] = 'a';
    pw[257] = '\0';
    ck_assert_str_eq(password_problem(pw), "Password must be at most 256 characters.");
    ck_assert_str_eq(password_problem(""), "Password must be at least 8 characters.");
    ck_assert_ptr_null(password_problem("        ")); /* blanks are characters like any other */
}
END_TEST

static Suite *password_suite(void)
{
    Suite *s = suite_create("password");
    TCase *tc = tcase_create("password");
    tcase_set_timeout(tc, 60); /* yescrypt is slow on purpose, more so under valgrind */
    tcase_add_test(tc, hash_format_and_salt);
    tcase_add_test(tc, verify_right_and_wrong);
    tcase_add_test(tc, verify_unknown_user_is_false);
    tcase_add_test(tc, verify_garbage_hashes);
    tcase_add_test(tc, problem_bounds);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(password_suite()); }
