/* url.c: URL building for pagination links and redirects. */
#include "http/url.h"
#include "core/str.h"
#include <ctype.h>
#include <string.h>

static void encode_into(strbuf *sb, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (isalnum(*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~') {
            sb_append(sb, p, 1);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            sb_append(sb, e, 3);
        }
    }
}

char *url_encode(arena *a, const char *s)
{
    strbuf sb;
    sb_init(&sb, a);
    sb_append(&sb, "", 0);
    encode_into(&sb, s);
    return sb.failed ? NULL : sb.data;
}

char *url_with_query(arena *a, const char *path, const kvlist *params)
{
    strbuf sb;
    sb_init(&sb, a);
    sb_puts(&sb, path);
    for (size_t i = 0; i < params->n; i++) {
        sb_puts(&sb, i ? "&" : "?");
        encode_into(&sb, params->v[i].key);
        sb_puts(&sb, "=");
        encode_into(&sb, params->v[i].value);
    }
    return sb.failed ? NULL : sb.data;
}

int url_is_local(const char *s)
{
    if (!s || s[0] != '/' || s[1] == '/' || s[1] == '\\' || strlen(s) > URL_REDIRECT_MAX)
        return 0;
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '\\')
            return 0;
    return 1;
}

const char *url_local_part(const char *url, const char *host)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p || !host || !*host)
        return NULL;
    p += 3;
    size_t n = strlen(host);
    if (strncmp(p, host, n) != 0 || p[n] != '/')
        return NULL;
    return url_is_local(p + n) ? p + n : NULL;
}
