/* search_syntax.h: the search box's syntax: free words, "quoted phrases", OR, -excluded words and field:value terms,
 * read into field terms and a to_tsquery() expression of the free text. */
#ifndef CD_SEARCH_SYNTAX_H
#define CD_SEARCH_SYNTAX_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"

typedef enum search_cmp { SC_EQ, SC_LT, SC_LE, SC_GT, SC_GE } search_cmp;

typedef struct search_term {
    const char *field; /* the field's name as `known` spells it (matched case-insensitively); in the arena */
    search_cmp cmp;    /* from a leading <, <=, >, >= of the value; SC_EQ without one */
    const char *value; /* the value without its quotes or comparison sign; never empty; in the arena */
    size_t pos;        /* 1-based position, in characters (code points), of the term's first character */
} search_term;

typedef struct search_parsed {
    search_term *terms; /* the field terms in query order (arena); NULL when there are none */
    size_t nterms;
    const char *tsquery; /* the free text as a to_tsquery() expression, NULL when the query has no free text */
} search_parsed;

typedef struct search_error {
    size_t pos;          /* 1-based character position the error is at */
    const char *message; /* a sentence for a person, e.g. "Unknown field \"colour\"." (static or arena) */
} search_error;

#define SEARCH_MAX_BYTES 1000
#define SEARCH_MAX_TERMS 32

/* Parses q (NUL-terminated; NULL counts as "") with field names known (NULL-terminated list, lowercase; NULL
 * counts as none): true with *out filled, or false with *err (and *out empty). Everything it returns lives in
 * arena a. Never reads past q's NUL.
 *
 * Tokens are separated by ASCII space, tab, CR and LF. "..." is a phrase up to the next quote or the end of q
 * (blanks at its ends cut; an empty one is ignored); a word runs up to a separator or a quote. '-' directly
 * before a word or phrase excludes it (a lone '-' is ignored). OR, uppercase and on its own, between two text
 * operands makes them alternatives, and is ignored anywhere else (at either end, next to another OR or to a
 * field term). A token of ASCII letters and underscores directly followed by ':' is a field term, whose name
 * must be in known; its value, after an optional <, <=, > or >=, is "quoted" (as a phrase is) or runs up to a
 * separator or a quote, and must not be empty.
 *
 * The free text becomes operands 'x' (with ' and \ doubled), !'x' when excluded; alternatives form a group
 * "( 'a' | 'b' )"; groups are joined by " & ". When q ends in a bare word (not quoted, excluded or a field
 * term), that operand matches as a prefix: 'x':*.
 *
 * Errors, at the 1-based character position named: invalid UTF-8 (its first bad byte), a control character
 * other than the separators (its position), more than SEARCH_MAX_BYTES bytes (the character holding the first
 * byte too many), an unknown field, an excluded field term, a field term without a value (the term's first
 * character), more than SEARCH_MAX_TERMS field terms and text operands (the first term too many). When the arena
 * runs out, false with arena_exhausted(a) and a message saying so at position 1. */
bool search_parse(arena *a, const char *q, const char *const *known, search_parsed *out, search_error *err);

#endif
