/* UTF-8 validation for output: strings from packets are shown only as valid text. */
#ifndef MH_UTF8_H
#define MH_UTF8_H

#include <stddef.h>

/* Length (2-4) of the valid multi-byte UTF-8 sequence at s[0..n), or 0 when it is not one (a lone
 * continuation byte, an overlong form, a surrogate, a value past U+10FFFF, or a cut sequence). */
size_t mh_utf8_seq_len(const unsigned char *s, size_t n);

/* End of the run of printable ASCII characters (0x20..0x7E) at s[i..n) that contains neither a backslash
 * nor `also` (another character the output escapes, e.g. '"' in JSON): what both sinks copy at once. */
size_t mh_ascii_run(const unsigned char *s, size_t i, size_t n, unsigned char also);

#endif
