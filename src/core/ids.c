/* ids.c: UUID validation without allocation, and generation through libuuid. */
#include "core/ids.h"
#include <ctype.h>
#include <string.h>
#include <uuid/uuid.h>

bool uuid_valid_n(const char *s, size_t len)
{
    if (!s || len != CD_UUID_LEN)
        return false;
    for (size_t i = 0; i < CD_UUID_LEN; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-')
                return false;
        } else if (!isxdigit((unsigned char)s[i])) {
            return false;
        }
    }
    return true;
}

bool uuid_valid(const char *s) { return s && uuid_valid_n(s, strlen(s)); }

bool uuid_normalize(const char *s, size_t len, char out[CD_UUID_LEN + 1])
{
    if (!uuid_valid_n(s, len))
        return false;
    for (size_t i = 0; i < CD_UUID_LEN; i++)
        out[i] = (char)tolower((unsigned char)s[i]);
    out[CD_UUID_LEN] = '\0';
    return true;
}

void uuid_new_str(char out[CD_UUID_LEN + 1])
{
    uuid_t u;
    uuid_generate_random(u);
    uuid_unparse_lower(u, out);
}
