/* [MS-OXCDATA] 2.7 PropertyProblem arrays (see propproblem.c). */
#ifndef MH_PROPPROBLEM_H
#define MH_PROPPROBLEM_H

#include <stdint.h>

#include "../core/dec.h"

/* `count` PropertyProblem structures in a PropertyProblems subtree; returns 0 when decoding must stop. */
int mh_decode_property_problems(mh_dec *d, uint16_t count);

#endif
