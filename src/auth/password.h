/* password.h: slow salted password hashes (libxcrypt yescrypt) and their verification. */
#ifndef CD_PASSWORD_H
#define CD_PASSWORD_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"

#define PASSWORD_MIN 8
#define PASSWORD_MAX 256

/* Hashes password with a fresh random salt into an arena string ("$y$..."); NULL on failure. */
char *password_hash(arena *a, const char *password);

/* True when password matches stored_hash. When stored_hash is NULL (unknown user) a dummy hash is
 * checked instead so that the call takes the same time, and false is returned. */
bool password_verify(const char *password, const char *stored_hash);

/* NULL when password is acceptable, else a message saying why not (length bounds). */
const char *password_problem(const char *password);

#endif
