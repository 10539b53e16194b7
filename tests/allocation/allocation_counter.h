#pragma once
// Heap allocations (malloc, memalign, calloc, realloc and so every operator new) since the test
// executable started; allocation_free_test.cpp replaces malloc with the counting wrapper behind it.
long HeapAllocations();
