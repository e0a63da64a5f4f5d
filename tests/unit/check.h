/* A minimal test harness: CHECK macros that count failures, RUN to call a test, and exit codes CTest
 * understands (0 pass, 1 fail, 77 skipped). */
#ifndef MH_CHECK_H
#define MH_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        check_count++;                                                                  \
        if (!(cond)) {                                                                  \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);    \
            check_failures++;                                                           \
        }                                                                               \
    } while (0)

#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                                           \
        check_count++;                                                                             \
        if (a_ != b_) {                                                                            \
            fprintf(stderr, "%s:%d: %s == %s failed: 0x%" PRIX64 " != 0x%" PRIX64 "\n", __FILE__, \
                    __LINE__, #a, #b, a_, b_);                                                     \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                           \
    do {                                                                                          \
        const char *a_ = (a), *b_ = (b);                                                          \
        check_count++;                                                                            \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                  \
            fprintf(stderr, "%s:%d: %s == %s failed: \"%s\" != \"%s\"\n", __FILE__, __LINE__, #a, \
                    #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                  \
            check_failures++;                                                                     \
        }                                                                                         \
    } while (0)

#define RUN(fn)                                       \
    do {                                              \
        int before_ = check_failures;                 \
        fn();                                         \
        fprintf(stderr, "%s %s\n", check_failures == before_ ? "ok  " : "FAIL", #fn); \
    } while (0)

static inline int check_report(void)
{
    fprintf(stderr, "%d checks, %d failed\n", check_count, check_failures);
    if (check_count == 0)
        return 1; /* a test that asserts nothing is a failure */
    return check_failures ? 1 : 0;
}

#endif
