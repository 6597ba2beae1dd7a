/* heap.h: gives back to the system the free memory a large request left in the process's heap. */
#ifndef CD_HEAP_H
#define CD_HEAP_H
#include <stddef.h>

/* Between requests: when the heap holds more than keep_bytes of free memory (what a request's libpq results
 * and jansson trees used, freed but kept by malloc), returns the free pages to the system (malloc_trim), so a
 * worker's resident size comes back near its baseline. Costs a walk of malloc's free lists otherwise. */
void heap_trim_above(size_t keep_bytes);

#endif
