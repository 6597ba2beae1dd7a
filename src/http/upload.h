/* upload.h: a file sent in a multipart/form-data body, as the request holds it and repo stores it. */
#ifndef CD_UPLOAD_H
#define CD_UPLOAD_H
#include <stddef.h>

/* A file sent in a multipart/form-data body. */
typedef struct upload {
    const char *field;        /* form field name */
    const char *filename;     /* already passed through filename_safe: fit to store and to send back */
    const char *content_type; /* as the client declared it, untrusted; "" when absent */
    const char *data;         /* len bytes (followed by a NUL), owned by the arena */
    size_t len;
} upload;

#endif
