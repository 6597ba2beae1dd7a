/* pgtext.c (db): PostgreSQL's text output of timestamps and uuid arrays turned into the API's JSON values. */
#include "db/pgtext.h"
#include "core/str.h"
#include <ctype.h>
#include <string.h>

/* True when s[from..to) are all decimal digits. */
static bool digits(const char *s, int from, int to)
{
    for (int i = from; i < to; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

bool pg_ts_iso(const char *pg, char out[PG_ISO_LEN])
{
    out[0] = '\0';
    if (!pg || strnlen(pg, 20) < 19 || !digits(pg, 0, 4) || pg[4] != '-' || !digits(pg, 5, 7) || pg[7] != '-' ||
        !digits(pg, 8, 10) || pg[10] != ' ' || !digits(pg, 11, 13) || pg[13] != ':' || !digits(pg, 14, 16) ||
        pg[16] != ':' || !digits(pg, 17, 19))
        return false;
    const char *z = str_skip_fraction(pg + 19);
    if (!z || (strcmp(z, "+00") != 0 && strcmp(z, "+00:00") != 0))
        return false;
    memcpy(out, pg, 19);
    out[10] = 'T';
    out[19] = 'Z';
    out[20] = '\0';
    return true;
}

/* True when s[0..36) is a uuid in PostgreSQL's output form (lower-case hex, dashes at 8, 13, 18, 23). */
static bool is_uuid(const char *s)
{
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
            return false;
    }
    return true;
}

json_t *pg_uuid_array(const char *pg)
{
    if (!pg || pg[0] != '{')
        return NULL;
    json_t *arr = json_array();
    const char *s = pg + 1;
    if (*s == '}' && s[1] == '\0')
        return arr;
    while (arr) {
        if (strnlen(s, 37) < 37 || !is_uuid(s) || (s[36] != ',' && s[36] != '}') ||
            json_array_append_new(arr, json_stringn(s, 36)) != 0)
            break;
        if (s[36] == '}')
            return s[37] == '\0' ? arr : (json_decref(arr), NULL);
        s += 37;
    }
    json_decref(arr);
    return NULL;
}
