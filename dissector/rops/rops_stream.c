/*
 * [MS-OXCROPS] 2.2.9 stream ROPs, with the field semantics of [MS-OXCPRPT] 2.2.14 - 2.2.27:
 * 2.2.9.1 RopOpenStream, 2.2.9.2 RopReadStream, 2.2.9.3 RopWriteStream, 2.2.9.4 RopWriteStreamExtended,
 * 2.2.9.5 RopCommitStream, 2.2.9.6 RopGetStreamSize, 2.2.9.7 RopSetStreamSize, 2.2.9.8 RopSeekStream,
 * 2.2.9.9 RopCopyToStream, 2.2.9.10 RopLockRegionStream, 2.2.9.11 RopUnlockRegionStream,
 * 2.2.9.12 RopWriteAndCommitStream, 2.2.9.13 RopCloneStream.
 *
 * Response shapes. Where [MS-OXCROPS] gives a success and a failure response buffer (RopOpenStream,
 * RopGetStreamSize, RopSeekStream), the failure form has nothing after ReturnValue. Where it gives a single
 * "response buffer" whose fields follow ReturnValue without a condition (RopReadStream 2.2.9.2.2,
 * RopWriteStream 2.2.9.3.2, RopWriteStreamExtended 2.2.9.4.2, RopWriteAndCommitStream 2.2.9.12.2), those
 * fields are decoded for every ReturnValue: a short write reports the bytes written with its error. The
 * same holds for RopCopyToStream 2.2.9.9.2, whose ReturnValue is "a value other than ecDstNullObject";
 * ecDstNullObject has its own form, 2.2.9.9.3 (a 4-byte DestHandleIndex before the counts). Microsoft's
 * own parsers (the Exchange protocol test suites, MAPI Inspector) read the fields the same way; gromox
 * sends nothing after a failed ReturnValue for these ROPs, which this decoder would report as malformed or
 * truncated instead of guessing.
 */
#include "rop_catalog.h"

/* [MS-OXCROPS] 2.2.9.2.1: ByteCount 0xBABE means MaximumByteCount follows and bounds the read. */
#define READ_STREAM_SENTINEL 0xBABE

/* [MS-OXCPRPT] 2.2.14.1: OpenModeFlags is one of these values (an enumeration, not bits). */
static const mh_vs open_mode_flags_vs[] = { { 0x00, "ReadOnly" }, { 0x01, "ReadWrite" }, { 0x02, "Create" } };
const mh_names mh_names_open_mode_flags = MH_NAMES(open_mode_flags_vs);

/* [MS-OXCPRPT] 2.2.21.1: Origin of RopSeekStream. */
static const mh_vs seek_origin_vs[] = { { 0x00, "Beginning" }, { 0x01, "Current" }, { 0x02, "End" } };
const mh_names mh_names_seek_stream_origin = MH_NAMES(seek_origin_vs);

/* The object the input handle refers to (a folder, message or attachment): the stream opened on one of its
 * properties, or cloned from a stream, inherits its ids so that later ROPs can say which object it is. */
static void inherit_ids(mh_dec *d, mh_rop_req *r)
{
    if (!r)
        return;
    const mh_object *o = mh_rop_object_at(d, r->in_index);
    if (o) {
        r->id1 = o->folder_id;
        r->id2 = o->message_id;
    }
}

/* A DataSize (2 bytes) and the Data bytes it counts. */
static void sized_data(mh_dec *d, mh_field_id size_field, mh_field_id data_field)
{
    uint16_t n = mh_u16(d, size_field);
    if (mh_cur_ok(&d->c))
        mh_bytes(d, data_field, n);
}

/* 2.2.9.1.1: PropertyTag, OpenModeFlags after the handle indexes. */
static void open_stream_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    size_t at = mh_cur_pos(&d->c);
    uint32_t tag = mh_cur_u32(&d->c, "PropertyTag");
    if (!mh_cur_ok(&d->c))
        return;
    char named[160];
    mh_emit_uint(d, MH_F_PROPERTY_TAG, at, 4, tag, mh_rop_named_note(d, tag, named, sizeof named));
    mh_u8(d, MH_F_OPEN_STREAM_OPEN_MODE_FLAGS);
    inherit_ids(d, r);
    if (r)
        r->u32a = tag; /* the stream object remembers its property */
}

/* 2.2.9.1.2 success: StreamSize; 2.2.9.1.3 failure: nothing after ReturnValue. */
static void open_stream_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u32(d, MH_F_OPEN_STREAM_STREAM_SIZE);
}

/* 2.2.9.2.1: ByteCount, and MaximumByteCount only when ByteCount is 0xBABE. */
static void read_stream_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    size_t at = mh_cur_pos(&d->c);
    uint16_t n = mh_cur_u16(&d->c, "ByteCount");
    if (!mh_cur_ok(&d->c))
        return;
    mh_emit_uint(d, MH_F_READ_STREAM_BYTE_COUNT, at, 2, n,
                 n == READ_STREAM_SENTINEL ? "0xBABE: the server chooses, up to MaximumByteCount" : NULL);
    if (n == READ_STREAM_SENTINEL)
        mh_u32(d, MH_F_READ_STREAM_MAXIMUM_BYTE_COUNT);
}

/* 2.2.9.2.2: DataSize and Data, whatever the ReturnValue (see the top of this file). */
static void read_stream_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    sized_data(d, MH_F_READ_STREAM_DATA_SIZE, MH_F_READ_STREAM_DATA);
}

/* 2.2.9.3.1: DataSize, Data. */
static void write_stream_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    sized_data(d, MH_F_WRITE_STREAM_DATA_SIZE, MH_F_WRITE_STREAM_DATA);
}

/* 2.2.9.3.2: WrittenSize (2 bytes), whatever the ReturnValue. */
static void write_stream_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u16(d, MH_F_WRITE_STREAM_WRITTEN_SIZE);
}

/* 2.2.9.4.1: the same request as RopWriteStream. */
static void write_stream_extended_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    sized_data(d, MH_F_WRITE_STREAM_EXTENDED_DATA_SIZE, MH_F_WRITE_STREAM_EXTENDED_DATA);
}

/* 2.2.9.4.2: WrittenSize is 4 bytes here, whatever the ReturnValue. */
static void write_stream_extended_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u32(d, MH_F_WRITE_STREAM_EXTENDED_WRITTEN_SIZE);
}

/* RopCommitStream 2.2.9.5.1, RopGetStreamSize 2.2.9.6.1: only the handle. */
static void handle_only_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
}

/* 2.2.9.6.2 success: StreamSize (4 bytes); 2.2.9.6.3 failure: nothing. */
static void get_stream_size_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u32(d, MH_F_GET_STREAM_SIZE_STREAM_SIZE);
}

/* 2.2.9.7.1: StreamSize (8 bytes). */
static void set_stream_size_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u64(d, MH_F_SET_STREAM_SIZE_STREAM_SIZE);
}

/* 2.2.9.8.1: Origin, Offset. The offset is relative to Origin and may point backwards from Current or
 * End ([MS-OXCPRPT] 3.2.5.18 rejects seeks "before the start"), so it is shown signed. */
static void seek_stream_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_SEEK_STREAM_ORIGIN);
    size_t at = mh_cur_pos(&d->c);
    int64_t off = (int64_t)mh_cur_u64(&d->c, "Offset");
    if (mh_cur_ok(&d->c))
        mh_emit_int(d, MH_F_SEEK_STREAM_OFFSET, at, 8, off);
}

/* 2.2.9.8.2 success: NewPosition; 2.2.9.8.3 failure: nothing. */
static void seek_stream_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u64(d, MH_F_SEEK_STREAM_NEW_POSITION);
}

/* 2.2.9.9.1: SourceHandleIndex (the input object, answered by the response's second byte),
 * DestHandleIndex, ByteCount. */
static void copy_to_stream_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_source_dest(d, r);
    mh_u64(d, MH_F_COPY_TO_STREAM_BYTE_COUNT);
}

/* 2.2.9.9.2: ReadByteCount, WrittenByteCount for every ReturnValue but ecDstNullObject;
 * 2.2.9.9.3 (ecDstNullObject): DestHandleIndex (4 bytes), then the same counts. */
static void copy_to_stream_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    if (rv == EC_DST_NULL_OBJECT && !mh_rop_null_dest_index(d, r))
        return;
    mh_u64(d, MH_F_COPY_TO_STREAM_READ_BYTE_COUNT);
    mh_u64(d, MH_F_COPY_TO_STREAM_WRITTEN_BYTE_COUNT);
}

/* RopLockRegionStream 2.2.9.10.1 / RopUnlockRegionStream 2.2.9.11.1: RegionOffset, RegionSize, LockFlags.
 * LockFlags values ([MS-OXCPRPT] 2.2.24.1) have meanings but no names in the specification, so they are
 * shown as numbers. */
static void region_request(mh_dec *d, mh_rop_req *r, mh_field_id off, mh_field_id size, mh_field_id flags)
{
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u64(d, off);
    mh_u64(d, size);
    mh_u32(d, flags);
}

static void lock_region_stream_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    region_request(d, r, MH_F_LOCK_REGION_STREAM_REGION_OFFSET, MH_F_LOCK_REGION_STREAM_REGION_SIZE,
                   MH_F_LOCK_REGION_STREAM_LOCK_FLAGS);
}

static void unlock_region_stream_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    region_request(d, r, MH_F_UNLOCK_REGION_STREAM_REGION_OFFSET, MH_F_UNLOCK_REGION_STREAM_REGION_SIZE,
                   MH_F_UNLOCK_REGION_STREAM_LOCK_FLAGS);
}

/* 2.2.9.12.1: DataSize, Data. */
static void write_and_commit_stream_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    sized_data(d, MH_F_WRITE_AND_COMMIT_STREAM_DATA_SIZE, MH_F_WRITE_AND_COMMIT_STREAM_DATA);
}

/* 2.2.9.12.2: WrittenSize (2 bytes), whatever the ReturnValue. */
static void write_and_commit_stream_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u16(d, MH_F_WRITE_AND_COMMIT_STREAM_WRITTEN_SIZE);
}

/* 2.2.9.13.1: the stream to clone and where the clone goes; the clone is a stream on the same property. */
static void clone_stream_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    inherit_ids(d, r);
    if (r) {
        const mh_object *o = mh_rop_object_at(d, r->in_index);
        if (o && o->kind == MH_OBJ_STREAM)
            r->u32a = o->info;
    }
}

const mh_rop_impl mh_rops_stream[] = {
    { 0x2B, MH_ROP_RESP_OUTPUT, MH_OBJ_STREAM, open_stream_request, open_stream_response },
    { 0x2C, MH_ROP_FAILURE_FIELDS, 0, read_stream_request, read_stream_response },
    { 0x2D, MH_ROP_FAILURE_FIELDS, 0, write_stream_request, write_stream_response },
    { 0x2E, 0, 0, seek_stream_request, seek_stream_response },
    { 0x2F, 0, 0, set_stream_size_request, mh_rop_response_empty },
    { 0x3A, MH_ROP_FAILURE_FIELDS | MH_ROP_RESP_SOURCE_INDEX, 0, copy_to_stream_request, copy_to_stream_response },
    { 0x3B, MH_ROP_RESP_OUTPUT, MH_OBJ_STREAM, clone_stream_request, mh_rop_response_empty },
    { 0x5B, 0, 0, lock_region_stream_request, mh_rop_response_empty },
    { 0x5C, 0, 0, unlock_region_stream_request, mh_rop_response_empty },
    { 0x5D, 0, 0, handle_only_request, mh_rop_response_empty },
    { 0x5E, 0, 0, handle_only_request, get_stream_size_response },
    { 0x90, MH_ROP_FAILURE_FIELDS, 0, write_and_commit_stream_request, write_and_commit_stream_response },
    { 0xA3, MH_ROP_FAILURE_FIELDS, 0, write_stream_extended_request, write_stream_extended_response },
};
const size_t mh_rops_stream_count = sizeof mh_rops_stream / sizeof mh_rops_stream[0];
