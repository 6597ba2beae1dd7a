/* heap.c: malloc_trim where glibc has it. */
#include "core/heap.h"
#ifdef __GLIBC__
#include <malloc.h>
#endif

void heap_trim(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}
