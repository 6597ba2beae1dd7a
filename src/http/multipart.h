/* multipart.h: streaming multipart/form-data parser (RFC 7578) with limits, collecting parts in an arena. */
#ifndef CD_MULTIPART_H
#define CD_MULTIPART_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"
#include "core/err.h"
#include "core/str.h"

#define MP_MAX_BOUNDARY 70 /* RFC 2046 */

/* Bounds on the work one body may cause; a 0 field takes the default shown. */
typedef struct multipart_limits {
    size_t max_parts;        /* fields and files together: 100 */
    size_t max_header_bytes; /* header section of one part, line ends included: 8 KiB */
    size_t max_name;         /* bytes of a field name: 200 */
    size_t max_filename;     /* bytes of a file name as sent: 1024 */
    size_t max_file_bytes;   /* data of all file parts together: 10 MiB (over it: CD_ETOOLARGE) */
    size_t max_field_bytes;  /* data of all plain fields together: 1 MiB (over it: CD_ETOOLARGE) */
    size_t expect;           /* total input length when known: part data then lives in one block of
                              * that size instead of a growing one (0 = unknown) */
    bool drop_over_files;    /* file data past max_file_bytes is dropped instead of failing: the file part
                              * that passes it and every later one keep no data (mp_part.dropped) while the
                              * plain fields are still read, and multipart_finish answers CD_ETOOLARGE */
} multipart_limits;

typedef struct mp_part {
    const char *name;         /* field name, valid UTF-8, 1..max_name bytes */
    const char *filename;     /* as sent (filename*= wins over filename=), valid UTF-8; NULL for plain fields */
    const char *content_type; /* the part's Content-Type value, trimmed; "" when absent */
    const char *data;         /* len bytes followed by a NUL; plain field values are valid UTF-8 */
    size_t len;
    bool dropped; /* a file part whose data was dropped (drop_over_files) */
} mp_part;

typedef struct multipart {
    arena *a;
    multipart_limits lim;
    char delim[4 + MP_MAX_BOUNDARY + 1]; /* "\r\n--" boundary */
    size_t dlen, k;                      /* delimiter length, bytes of it matched so far */
    int state;
    strbuf line;          /* header line being read */
    size_t hbytes;        /* header bytes of the current part */
    bool has_cd, is_file; /* current part: Content-Disposition seen, has a file name */
    const char *name, *filename, *filename_star, *content_type; /* current part's headers */
    strbuf store;                                               /* every part's data, each followed by a NUL */
    size_t file_bytes, field_bytes;
    bool files_over; /* file data passed max_file_bytes with drop_over_files: later file data is dropped */
    mp_part *parts;  /* complete parts; data pointers are set by multipart_finish */
    size_t *offs;    /* where each part's data starts in store */
    size_t nparts, cap;
    cd_err err;
} multipart;

/* The boundary parameter of a raw Content-Type header value ("multipart/form-data; boundary=..."):
 * quoted or not, parameter name in any case, 1..70 characters of RFC 2046 bchars, not ending in a
 * space. Returns an arena copy, or NULL when absent, repeated, malformed or out of memory. */
const char *multipart_boundary(arena *a, const char *content_type_header);

/* Prepares p to parse a body delimited by boundary with limits lim (NULL = all defaults). An invalid
 * boundary (NULL, empty, too long, not bchars) makes every later call return CD_EBADREQ. */
void multipart_init(multipart *p, arena *a, const char *boundary, const multipart_limits *lim);

/* Feeds the next len bytes of the body, in any chunking. Returns CD_OK or the first error (sticky):
 * CD_EBADREQ for malformed framing or headers, a part without "Content-Disposition: form-data" or
 * without a name, oversize headers or names, too many parts, invalid UTF-8 (or NUL) in a name, file
 * name or plain field value; CD_ETOOLARGE when file or field data pass their limit; CD_ENOMEM. */
cd_err multipart_feed(multipart *p, const char *data, size_t len);

/* Ends the body: CD_EBADREQ unless the closing boundary was seen. On CD_OK p->parts[0..p->nparts)
 * hold every part in order, their strings and data in the arena. Returns the first error (sticky); when
 * there was none but file data were dropped (drop_over_files), CD_ETOOLARGE with the parts filled as on
 * CD_OK. */
cd_err multipart_finish(multipart *p);

#endif
