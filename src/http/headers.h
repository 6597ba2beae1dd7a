/* headers.h: validation of header names and values, and the FastCGI name of a request header. */
#ifndef CD_HEADERS_H
#define CD_HEADERS_H
#include <stdbool.h>
#include <stddef.h>

/* True when name is a non-empty RFC 9110 token (letters, digits, !#$%&'*+-.^_`|~). */
bool header_name_ok(const char *name);

/* True when value has no CR, LF, NUL or other control byte except horizontal tab. */
bool header_value_ok(const char *value);

/* Writes the FastCGI parameter name of request header name into out ("organization-id" ->
 * "HTTP_ORGANIZATION_ID"). Returns false when it does not fit or name is not a token. */
bool header_env_name(const char *name, char *out, size_t outlen);

#endif
