/* url.h: the one helper that builds URLs with query strings (every component percent-encoded). */
#ifndef CD_URL_H
#define CD_URL_H
#include "core/arena.h"
#include "http/kv.h"

/* Appends the percent-encoding of s (RFC 3986 unreserved characters kept) to an arena string. */
char *url_encode(arena *a, const char *s);

/* Builds "path?k=v&k2=v2" from params (just path when there are none); NULL when out of memory. */
char *url_with_query(arena *a, const char *path, const kvlist *params);

/* Longest redirect target accepted: a Location header must fit the proxy's response header buffer
 * (nginx answers 502 "upstream sent too big header" past its 4 KiB fastcgi_buffer_size). */
#define URL_REDIRECT_MAX 2000

/* True when s is a safe local redirect target: starts with one '/', no '//' or '\\' prefix, no CR/LF,
 * at most URL_REDIRECT_MAX bytes. */
int url_is_local(const char *s);

/* The path and query of absolute URL url (a Referer) when it names host (a Host header) and they pass
 * url_is_local; NULL otherwise (either argument NULL, another host, or no path). Points into url. */
const char *url_local_part(const char *url, const char *host);

#endif
