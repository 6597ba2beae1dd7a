/* mentions.h: finds "@someone@example.com" mentions in comment text. */
#ifndef CD_MENTIONS_H
#define CD_MENTIONS_H
#include <stddef.h>
#include "core/arena.h"

#define MENTIONS_MAX 50

/* Collects the distinct e-mail addresses written as "@address" in text (lower-cased, trailing
 * punctuation dropped), at most MENTIONS_MAX, into *out (arena array); returns how many. */
size_t mentions_extract(arena *a, const char *text, const char ***out);

/* The length of the mention "@address" that starts at p, a position in text (its '@' included, trailing
 * punctuation not), as mentions_extract reads them; 0 when none starts there. */
size_t mention_span(const char *text, const char *p);

#endif
