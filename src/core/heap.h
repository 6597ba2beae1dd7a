/* heap.h: gives back to the system the free memory a large request left in the process's heap. */
#ifndef CD_HEAP_H
#define CD_HEAP_H

/* Returns the heap's free pages to the system (glibc's malloc_trim; elsewhere nothing), so that after a
 * request that used much memory (libpq results, jansson trees, freed but kept by malloc) a worker's resident
 * size comes back near its baseline. It walks the heap (about 0.5 ms with 10,000 free chunks): for after such
 * a request, not after each one. */
void heap_trim(void);

#endif
