/*
 * The Wireshark sink: decoder events (replayed from a frame's event log) become proto_tree items, with
 * the core's display text (mh_format_value) as the item text, so the tree reads like mapidump's text
 * output, and the typed value stays filterable. Subtrees use one ett per field; generated fields
 * (offset MH_OFF_GENERATED) are generated items; pushed buffers (decompressed, de-obfuscated) become new
 * data sources; problems, non-zero X-ResponseCode and failed ROPs become expert infos.
 *
 * Robust against any event sequence: closes without opens, pops without pushes, offsets past the
 * buffer (clamped, never an exception), nesting deeper than the stack (items go to the deepest node).
 */
#ifndef MHWS_TREE_SINK_H
#define MHWS_TREE_SINK_H

#include <epan/packet.h>

#include "core/sink.h"

#define MHWS_TREE_MAX_DEPTH 256
#define MHWS_TREE_MAX_SOURCES 64

typedef struct {
    proto_tree *tree;   /* subtree of this node (NULL when Wireshark builds no tree) */
    proto_item *item;
    tvbuff_t *tvb;      /* the data source the node's offsets are in */
    gint start;         /* its start in that tvb, for the length given at close */
    mh_field_id id;
    const char *text;   /* heading (e.g. "RopLogon (0xFE)"), for expert infos */
    unsigned src_level; /* sources pushed when it was opened */
    int generated;      /* not in the buffer: its length stays 0 */
} mhws_tree_node;

typedef struct {
    mh_sink base;
    packet_info *pinfo;
    proto_tree *parent;        /* the tree the dissector was given */
    tvbuff_t *body;            /* the message body from the HTTP dissector */
    proto_item *root;          /* the protocol item, once opened */
    proto_tree *root_tree;
    mhws_tree_node node[MHWS_TREE_MAX_DEPTH];
    unsigned depth;            /* open nodes, tracked or not */
    tvbuff_t *src[MHWS_TREE_MAX_SOURCES];
    unsigned nsrc;             /* pushed sources, tracked or not */
    unsigned src_node_depth[MHWS_TREE_MAX_SOURCES]; /* node depth when each source was pushed */
    int response_code_reported;
    int labels;                /* the tree is visible: item texts are worth formatting */
} mhws_tree_sink;

void mhws_tree_sink_init(mhws_tree_sink *s, packet_info *pinfo, proto_tree *tree, tvbuff_t *body);

#endif
