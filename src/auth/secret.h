/* secret.h: random tokens, their SHA-256 digests, and constant-time comparison (OpenSSL libcrypto). */
#ifndef CD_SECRET_H
#define CD_SECRET_H
#include <stdbool.h>
#include <stddef.h>

#define TOKEN_BYTES 32    /* 256 bits of randomness */
#define TOKEN_STR_LEN 43  /* base64url without padding */
#define TOKEN_HASH_HEX 64 /* SHA-256 as hex */

/* Writes a new random token (base64url, TOKEN_STR_LEN chars + NUL) into out. False when the system
 * random source fails. */
bool token_new(char out[TOKEN_STR_LEN + 1]);

/* True when s looks like a token made by token_new (length and alphabet). */
bool token_well_formed(const char *s);

/* Writes "\\x" + hex SHA-256 of s (a PostgreSQL bytea literal, 66 chars + NUL) into out. */
void token_hash_bytea(const char *s, char out[TOKEN_HASH_HEX + 3]);

/* Lower-case hex SHA-256 of len bytes into out (64 chars + NUL). */
void sha256_hex(const void *data, size_t len, char out[TOKEN_HASH_HEX + 1]);

/* Compares two NUL-terminated secrets in time independent of where they differ. */
bool secret_equal(const char *a, const char *b);

#endif
