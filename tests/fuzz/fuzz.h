/* The libFuzzer entry point the harnesses define; built either with -fsanitize=fuzzer or with
 * driver.c, which runs saved inputs (the crash-regression corpus) through it under ctest. */
#ifndef MD_FUZZ_H
#define MD_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
