/* paging.h: limit/offset parsing and the {count, next, previous, results} envelope of every list. */
#ifndef CD_PAGING_H
#define CD_PAGING_H
#include <stdbool.h>
#include <jansson.h>

struct request;

#define PAGE_DEFAULT_LIMIT 10
#define PAGE_MAX_LIMIT 100

typedef struct paging {
    long limit, offset;
    char limit_s[24], offset_s[24]; /* the same as text, for statement parameters */
} paging;

/* Reads limit (1..100, default 10) and offset (>= 0, default 0) from the query; adds messages to
 * errors and returns false when either is malformed or out of range. */
bool paging_parse(const struct request *req, paging *p, json_t *errors);

/* Reads the offset of query parameter key (>= 0, default 0) into *offset; adds a message under key to errors
 * and returns false when it is malformed or out of range. */
bool paging_offset(const struct request *req, const char *key, long *offset, json_t *errors);

/* Builds the list envelope; next/previous are relative URLs keeping every other query parameter.
 * Takes ownership of results. NULL when out of memory. */
json_t *paging_envelope(const struct request *req, const paging *p, long long count, json_t *results);

#endif
