/* segments.h: plain text split into runs of text, http(s) links and @mentions, for templates to escape. */
#ifndef CD_SEGMENTS_H
#define CD_SEGMENTS_H
#include <stddef.h>
#include "core/arena.h"

typedef enum seg_kind {
    SEG_TEXT,    /* plain text */
    SEG_LINK,    /* an http:// or https:// URL, the text being the URL as written */
    SEG_MENTION, /* "@address" as mentions.h reads it; the text without the '@' */
} seg_kind;

typedef struct segment {
    seg_kind kind;
    const char *text; /* NUL-terminated, in the arena */
} segment;

/* Splits text (NULL counts as "") into segments, in order, whose texts joined (with the '@' of each mention)
 * give text back byte for byte. A link starts with http:// or https:// (any case) not preceded by a letter or
 * digit, has something after the "//", and runs to the first space, control character, '<', '>', '"', '`',
 * or Unicode space or CJK punctuation; trailing '.', ',', ';', ':', '!', '?', '\'' and a ')', ']' or '}' that
 * closes nothing opened within it are left out of it. No other scheme (javascript:, data:, ...) is ever a
 * link. Adjacent text is one segment. Returns how many segments it put in *out (an arena array), 0 for an
 * empty text; (size_t)-1 when out of memory. */
size_t text_segments(arena *a, const char *text, segment **out);

#endif
