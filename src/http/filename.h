/* filename.h: turning a client-supplied file name into one safe to store and to send back in a header. */
#ifndef CD_FILENAME_H
#define CD_FILENAME_H
#include "core/arena.h"

#define FILENAME_MAX_BYTES 255

/* A safe version of raw (NULL counts as ""): its last path component after '/' or '\\', without
 * control characters (C0, DEL, C1, NUL, CR, LF), bidi and line-separator format characters and '"',
 * invalid UTF-8 bytes replaced by '_', dots and spaces trimmed at both ends, at most 255 bytes cut on
 * a character boundary; "attachment" when nothing is left (so never "", "." or ".."). The result is
 * valid UTF-8 and filename_safe(filename_safe(x)) == filename_safe(x). NULL when out of memory. */
const char *filename_safe(arena *a, const char *raw);

/* The ASCII fallback of a name for filename="...": printable ASCII kept except '"' and '\\', every
 * other character (or invalid byte) becomes one '_'. NULL when out of memory. */
const char *filename_ascii(arena *a, const char *safe);

/* The Content-Disposition value for downloading a file called name (passed through filename_safe):
 * attachment; filename="<ascii fallback>"; filename*=UTF-8''<percent-encoded UTF-8>.
 * Contains no CR, LF or other control character. NULL when out of memory. */
char *content_disposition(arena *a, const char *name);

#endif
