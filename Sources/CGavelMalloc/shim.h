// glibc's allocator tuning (mallopt), used by the batch commands; see Sources/gavel/BatchMemory.swift.
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
