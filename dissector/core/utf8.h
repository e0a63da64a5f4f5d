/* UTF-8 validation for output: strings from packets are shown only as valid text. */
#ifndef MH_UTF8_H
#define MH_UTF8_H

#include <stddef.h>

/* Length (2-4) of the valid multi-byte UTF-8 sequence at s[0..n), or 0 when it is not one (a lone
 * continuation byte, an overlong form, a surrogate, a value past U+10FFFF, or a cut sequence). */
size_t mh_utf8_seq_len(const unsigned char *s, size_t n);

#endif
