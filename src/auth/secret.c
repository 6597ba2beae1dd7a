/* secret.c: token generation and hashing; no secret is ever compared with strcmp. */
#include "auth/secret.h"
#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <string.h>
#include <sys/random.h>

static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

bool token_new(char out[TOKEN_STR_LEN + 1])
{
    unsigned char raw[TOKEN_BYTES + 1];
    size_t got = 0;
    while (got < TOKEN_BYTES) {
        ssize_t n = getrandom(raw + got, TOKEN_BYTES - got, 0);
        if (n <= 0)
            return false;
        got += (size_t)n;
    }
    raw[TOKEN_BYTES] = 0;
    /* 32 bytes = 10 groups of 3 + 2 bytes: 40 + 3 characters. */
    size_t o = 0;
    for (size_t i = 0; i < TOKEN_BYTES; i += 3) {
        unsigned v = (unsigned)raw[i] << 16 | (unsigned)raw[i + 1] << 8 | (i + 2 < TOKEN_BYTES ? raw[i + 2] : 0);
        out[o++] = b64url[(v >> 18) & 63];
        out[o++] = b64url[(v >> 12) & 63];
        out[o++] = b64url[(v >> 6) & 63];
        if (i + 2 < TOKEN_BYTES)
            out[o++] = b64url[v & 63];
    }
    out[TOKEN_STR_LEN] = '\0';
    return o == TOKEN_STR_LEN;
}

bool token_well_formed(const char *s)
{
    if (!s || strlen(s) != TOKEN_STR_LEN)
        return false;
    return strspn(s, b64url) == TOKEN_STR_LEN;
}

void sha256_hex(const void *data, size_t len, char out[TOKEN_HASH_HEX + 1])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char d[SHA256_DIGEST_LENGTH];
    SHA256(data, len, d);
    for (int i = 0; i < SHA256_DIGEST_LENGTH; i++) {
        out[2 * i] = hex[d[i] >> 4];
        out[2 * i + 1] = hex[d[i] & 15];
    }
    out[TOKEN_HASH_HEX] = '\0';
}

void token_hash_bytea(const char *s, char out[TOKEN_HASH_HEX + 3])
{
    out[0] = '\\';
    out[1] = 'x';
    sha256_hex(s, strlen(s), out + 2);
}

bool secret_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return false;
    return CRYPTO_memcmp(a, b, la) == 0;
}
