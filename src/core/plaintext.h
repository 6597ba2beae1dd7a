/* plaintext.h: text written by another program made fit to store and index: UTF-8 without control characters. */
#ifndef CD_PLAINTEXT_H
#define CD_PLAINTEXT_H
#include <stddef.h>

/* Copies the n bytes at in to out (room for outcap bytes, at least 1) as NUL-terminated UTF-8 of at most
 * max_chars characters: a byte that does not start a well-formed character becomes U+FFFD, a control
 * character other than \n and \t (C0, DEL, C1, NUL) a space. The text is cut after max_chars characters, or
 * before the first character that does not fit in outcap - 1 bytes, always between characters. Returns the
 * bytes written before the NUL. */
size_t plaintext_clean(const char *in, size_t n, char *out, size_t outcap, size_t max_chars);

#endif
