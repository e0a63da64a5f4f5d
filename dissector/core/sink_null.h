/*
 * A sink that renders nothing and counts what it is given: for front ends that only need the summary
 * in mh_result (mapidump's one-line output, statistics), so a message is decoded without formatting.
 */
#ifndef MH_SINK_NULL_H
#define MH_SINK_NULL_H

#include "sink.h"

typedef struct {
    mh_sink base;
    unsigned long fields;   /* leaves and subtrees emitted */
    unsigned long problems; /* problems emitted */
} mh_null_sink;

void mh_null_sink_init(mh_null_sink *s);

#endif
