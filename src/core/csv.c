/* csv.c: writing CSV fields (RFC 4180) with the OWASP rule against formula injection. */
#include "core/csv.h"
#include <string.h>

int csv_field(strbuf *out, const char *value, bool first)
{
    if (!first && sb_append(out, ",", 1) < 0)
        return -1;
    const char *v = value ? value : "";
    bool formula = strchr("=+-@\t\r", v[0]) != NULL && v[0] != '\0';
    bool quote = strpbrk(v, ",\"\r\n") != NULL;
    if (quote)
        sb_append(out, "\"", 1);
    if (formula)
        sb_append(out, "'", 1);
    for (const char *q; (q = strchr(v, '"')) != NULL; v = q + 1) {
        sb_append(out, v, (size_t)(q - v) + 1);
        sb_append(out, "\"", 1);
    }
    sb_puts(out, v);
    if (quote)
        sb_append(out, "\"", 1);
    return out->failed ? -1 : 0;
}

int csv_end_record(strbuf *out) { return sb_append(out, "\r\n", 2); }
