/* ids.h: UUID checks and generation (libuuid). */
#ifndef CD_IDS_H
#define CD_IDS_H
#include <stdbool.h>
#include <stddef.h>

#define CD_UUID_LEN 36

/* True when the first len bytes of s are a canonical UUID (8-4-4-4-12 hex digits, any case). */
bool uuid_valid_n(const char *s, size_t len);

/* True when NUL-terminated s is a canonical UUID. */
bool uuid_valid(const char *s);

/* Copies a canonical UUID into out (37 bytes) in lower case; false when s is not one. */
bool uuid_normalize(const char *s, size_t len, char out[CD_UUID_LEN + 1]);

/* Writes a new random (version 4) UUID in lower case into out (37 bytes). */
void uuid_new_str(char out[CD_UUID_LEN + 1]);

#endif
