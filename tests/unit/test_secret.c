/* test_secret.c: random tokens (length, alphabet, uniqueness), their well-formedness check, SHA-256 hex and
 * bytea digests against known vectors, and the constant-time comparison. */
#include <stdio.h>
#include "auth/secret.h"
#include "testutil.h"

static const char B64URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#define NTOKENS 1000

static int cmp_str(const void *x, const void *y) { return strcmp((const char *)x, (const char *)y); }

START_TEST(token_new_shape_and_uniqueness)
{
    static char t[NTOKENS][TOKEN_STR_LEN + 1];
    int seen[256] = {0};
    for (int i = 0; i < NTOKENS; i++) {
        memset(t[i], '!', sizeof t[i]);
        ck_assert(token_new(t[i]));
        ck_assert_uint_eq(strlen(t[i]), TOKEN_STR_LEN);
        ck_assert_uint_eq(strspn(t[i], B64URL), TOKEN_STR_LEN);
        ck_assert(token_well_formed(t[i]));
        /* 256 bits in 43 characters: the last one carries 4 bits and 2 zero bits of padding. */
        ck_assert_ptr_nonnull(strchr("AEIMQUYcgkosw048", t[i][TOKEN_STR_LEN - 1]));
        for (int k = 0; k < TOKEN_STR_LEN - 1; k++)
            seen[(unsigned char)t[i][k]]++;
    }
    /* 42000 random characters use every one of the 64 (missing one by chance: about 64 * e^-656). */
    for (const char *c = B64URL; *c; c++)
        ck_assert_msg(seen[(unsigned char)*c] > 0, "'%c' never produced", *c);
    qsort(t, NTOKENS, sizeof t[0], cmp_str);
    for (int i = 1; i < NTOKENS; i++)
        ck_assert_str_ne(t[i - 1], t[i]);
}
END_TEST

START_TEST(token_well_formed_rules)
{
    char t[TOKEN_STR_LEN + 1];
    ck_assert(token_new(t));
    ck_assert(token_well_formed(t));
    ck_assert(token_well_formed("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ-_01234"));

    char buf[TOKEN_STR_LEN + 2];
    memcpy(buf, t, sizeof t);
    buf[TOKEN_STR_LEN - 1] = '\0';
    ck_assert(!token_well_formed(buf)); /* 42 characters */
    memcpy(buf, t, TOKEN_STR_LEN);
    buf[TOKEN_STR_LEN] = 'A';
    buf[TOKEN_STR_LEN + 1] = '\0';
    ck_assert(!token_well_formed(buf)); /* 44 characters */

    static const char bad_chars[] = {'=', '+', '/', ' ', '.', '\n', '%', (char)0xC3};
    for (size_t i = 0; i < sizeof bad_chars; i++) {
        for (size_t pos = 0; pos < TOKEN_STR_LEN; pos += TOKEN_STR_LEN - 1) { /* first and last */
            memcpy(buf, t, sizeof t);
            buf[pos] = bad_chars[i];
            ck_assert_msg(!token_well_formed(buf), "accepted 0x%02x at %zu", (unsigned char)bad_chars[i], pos);
        }
    }
    ck_assert(!token_well_formed(NULL));
    ck_assert(!token_well_formed(""));
}
END_TEST

START_TEST(sha256_known_vectors)
{
    char h[TOKEN_HASH_HEX + 1];
    sha256_hex("abc", 3, h);
    ck_assert_str_eq(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sha256_hex("", 0, h);
    ck_assert_str_eq(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, h);
    ck_assert_str_eq(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* length, not NUL, ends the data */
    sha256_hex("abc\0def", 3, h);
    ck_assert_str_eq(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
END_TEST

START_TEST(token_hash_bytea_format)
{
    char h[TOKEN_HASH_HEX + 3];
    memset(h, '!', sizeof h);
    token_hash_bytea("abc", h);
    ck_assert_str_eq(h, "\\xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    ck_assert_uint_eq(strlen(h), TOKEN_HASH_HEX + 2);

    char t[TOKEN_STR_LEN + 1], hex[TOKEN_HASH_HEX + 1];
    ck_assert(token_new(t));
    token_hash_bytea(t, h);
    sha256_hex(t, strlen(t), hex);
    ck_assert(h[0] == '\\' && h[1] == 'x');
    ck_assert_str_eq(h + 2, hex);
    ck_assert_uint_eq(strspn(h + 2, "0123456789abcdef"), TOKEN_HASH_HEX); /* lower-case only */
}
END_TEST

START_TEST(secret_equal_cases)
{
    ck_assert(secret_equal("s3cret-token", "s3cret-token"));
    ck_assert(secret_equal("", ""));
    ck_assert(!secret_equal("s3cret-token", "s3cret-tokem")); /* last byte */
    ck_assert(!secret_equal("s3cret-token", "t3cret-token")); /* first byte */
    ck_assert(!secret_equal("s3cret-token", "S3CRET-TOKEN"));
    ck_assert(!secret_equal("s3cret", "s3cret-token")); /* prefix */
    ck_assert(!secret_equal("s3cret-token", "s3cret"));
    ck_assert(!secret_equal("", "x"));
    ck_assert(!secret_equal("x", ""));
}
END_TEST

static Suite *secret_suite(void)
{
    Suite *s = suite_create("secret");
    TCase *tc = tcase_create("tokens");
    tcase_add_test(tc, token_new_shape_and_uniqueness);
    tcase_add_test(tc, token_well_formed_rules);
    suite_add_tcase(s, tc);
    tc = tcase_create("digests");
    tcase_add_test(tc, sha256_known_vectors);
    tcase_add_test(tc, token_hash_bytea_format);
    tcase_add_test(tc, secret_equal_cases);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(secret_suite()); }
