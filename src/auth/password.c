/* password.c: crypt_r with yescrypt at libxcrypt's default cost; comparison in constant time. */
#include "auth/password.h"
#include "auth/secret.h"
#include <crypt.h>
#include <string.h>

char *password_hash(arena *a, const char *password)
{
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt))
        return NULL;
    struct crypt_data *cd = arena_calloc(a, 1, sizeof *cd);
    if (!cd)
        return NULL;
    const char *h = crypt_r(password, salt, cd);
    if (!h || h[0] == '*')
        return NULL;
    return arena_strdup(a, h);
}

static const char *dummy_hash(void)
{
    static char dummy[CRYPT_OUTPUT_SIZE];
    if (!dummy[0]) {
        char salt[CRYPT_GENSALT_OUTPUT_SIZE];
        static struct crypt_data cd;
        if (crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt)) {
            const char *h = crypt_r("casedesk-timing-equaliser", salt, &cd);
            if (h && h[0] != '*')
                strncpy(dummy, h, sizeof dummy - 1);
        }
    }
    return dummy;
}

bool password_verify(const char *password, const char *stored_hash)
{
    static struct crypt_data cd;
    const char *setting = stored_hash ? stored_hash : dummy_hash();
    memset(&cd, 0, sizeof cd);
    const char *h = crypt_r(password, setting, &cd);
    bool ok = h && h[0] != '*' && secret_equal(h, setting);
    return stored_hash ? ok : false;
}

const char *password_problem(const char *password)
{
    size_t n = strlen(password);
    if (n < PASSWORD_MIN)
        return "Password must be at least 8 characters.";
    if (n > PASSWORD_MAX)
        return "Password must be at most 256 characters.";
    return NULL;
}
