/* str.h: growable byte buffer living in an arena, plus small string helpers. */
#ifndef CD_STR_H
#define CD_STR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/arena.h"

typedef struct strbuf {
    arena *a;
    char *data; /* always NUL-terminated when len > 0 or after sb_init */
    size_t len, cap;
    bool failed; /* set once an append ran out of memory; later appends are no-ops */
} strbuf;

/* Prepares an empty buffer drawing from arena a. */
void sb_init(strbuf *sb, arena *a);

/* Makes room for extra more bytes (plus the NUL) so that appends up to that size do not reallocate;
 * returns 0, or -1 (and sets failed) when out of memory. */
int sb_reserve(strbuf *sb, size_t extra);

/* Appends len bytes; returns 0, or -1 (and sets failed) when out of memory. */
int sb_append(strbuf *sb, const void *data, size_t len);

/* Appends a NUL-terminated string. */
int sb_puts(strbuf *sb, const char *s);

/* Appends printf-formatted text. */
int sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* True when s begins with prefix. */
bool str_starts(const char *s, const char *prefix);

/* True when the len bytes at s are well-formed UTF-8 without NUL bytes. */
bool utf8_valid(const char *s, size_t len);

/* Length of the well-formed UTF-8 character at s (n bytes available), storing its code point in *cp; 0 when
 * the bytes there are not one (or n is 0). A NUL byte is not one. */
size_t utf8_char(const char *s, size_t n, uint32_t *cp);

/* Text for search made from bytes s (len of them) of unknown form: valid UTF-8, each byte that starts no
 * well-formed character replaced by U+FFFD, each control character but \n and \t (NUL and U+007F..U+009F too) by
 * a space, cut at a character boundary to at most max bytes. NUL-terminated, in a; NULL when out of memory. */
char *utf8_clean_text(arena *a, const char *s, size_t len, size_t max);

/* For timestamp parsers: past the fractional seconds ".d..." at s (at least one digit), s itself when s does not
 * start with '.', or NULL when a '.' has no digit after it. */
const char *str_skip_fraction(const char *s);

/* FNV-1a of s continuing from h (start with STR_HASH_SEED): for picking a cache slot, not for secrets. */
#define STR_HASH_SEED 2166136261u
unsigned str_hash(const char *s, unsigned h);

#endif
