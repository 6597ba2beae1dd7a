/* plaintext.c: invalid UTF-8 replaced, control characters blanked, length capped on a character boundary. */
#include "core/plaintext.h"
#include "core/str.h"
#include <stdint.h>
#include <string.h>

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

size_t plaintext_clean(const char *in, size_t n, char *out, size_t outcap, size_t max_chars)
{
    size_t o = 0, chars = 0, i = 0;
    while (i < n && chars < max_chars) {
        uint32_t cp = 0;
        size_t len = in[i] == '\0' ? 1 : utf8_char(in + i, n - i, &cp); /* utf8_char refuses NUL */
        const char *piece = in + i;
        size_t plen = len;
        if (len == 0) {
            piece = replacement;
            plen = sizeof replacement - 1;
            len = 1;
        } else if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F)) {
            piece = " ";
            plen = 1;
        }
        if (plen > outcap - 1 - o)
            break;
        memcpy(out + o, piece, plen);
        o += plen;
        i += len;
        chars++;
    }
    out[o] = '\0';
    return o;
}
