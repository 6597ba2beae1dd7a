/* heap.c: malloc_trim after a request that left much free memory in the heap (glibc). */
#include "core/heap.h"
#ifdef __GLIBC__
#include <malloc.h>
#endif

void heap_trim_above(size_t keep_bytes)
{
#ifdef __GLIBC__
    struct mallinfo2 mi = mallinfo2();
    if (mi.fordblks > keep_bytes)
        malloc_trim(0);
#else
    (void)keep_bytes;
#endif
}
