/*
 * Server objects of a MAPI session, by server object handle ([MS-OXCROPS] 1.3.1, 2.2.1): what each handle
 * refers to (a logon, a folder, a message, a table and its columns, a stream, a FastTransfer or ICS
 * context, a notification subscription), filled from successful ROP responses and dropped by RopRelease.
 *
 * Bounded: at most MH_OBJECTS_MAX live handles per session; past that the least recently used object
 * is forgotten (a later ROP on it then reports missing context).
 */
#ifndef MH_OBJECTS_H
#define MH_OBJECTS_H

#include <stddef.h>
#include <stdint.h>

#define MH_OBJECTS_MAX 4096

typedef enum {
    MH_OBJ_NONE = 0,
    MH_OBJ_LOGON,
    MH_OBJ_FOLDER,
    MH_OBJ_MESSAGE,
    MH_OBJ_ATTACHMENT,
    MH_OBJ_TABLE,
    MH_OBJ_STREAM,
    MH_OBJ_FX_SOURCE,       /* FastTransfer download context */
    MH_OBJ_FX_DESTINATION,  /* FastTransfer upload context */
    MH_OBJ_ICS_DOWNLOAD,    /* RopSynchronizationConfigure */
    MH_OBJ_ICS_UPLOAD,      /* RopSynchronizationOpenCollector */
    MH_OBJ_NOTIFICATION,    /* RopRegisterNotification subscription */
    MH_OBJ_OTHER
} mh_obj_kind;

const char *mh_obj_kind_name(mh_obj_kind k); /* "folder", "table", ... */

struct mh_fx_state;

typedef struct mh_object {
    uint32_t handle;
    mh_obj_kind kind;
    uint8_t logon_id;
    uint8_t logon_known;      /* the request (and so its LogonId) was seen */
    uint8_t opened_by;        /* RopId of the ROP that created it */
    uint8_t used;
    uint64_t folder_id;       /* wire bytes packed little-endian, as mh_folder_id returns them; 0 = none */
    uint64_t message_id;
    uint32_t parent_handle;   /* e.g. the table a notification subscription watches; 0xFFFFFFFF = none */
    uint32_t info;            /* a kind-specific fact from the creating request (mh_rop_req.u32a): a
                               * subscription's NotificationTypes and WantWholeStore, a stream's PropertyTag */
    uint32_t *columns;        /* RopSetColumns tags, committed on success; NULL = none set */
    uint32_t ncolumns;
    int has_columns;
    uint64_t last_use;
    struct mh_fx_state *fx;   /* FastTransfer partial state, owned by the object */
} mh_object;

typedef struct {
    mh_object *slots;         /* open addressing by handle */
    size_t cap, count;
    uint64_t clock;
} mh_object_table;

void mh_objects_init(mh_object_table *t);
void mh_objects_free(mh_object_table *t);
mh_object *mh_objects_get(mh_object_table *t, uint32_t handle);
/* A fresh object for the handle (replacing one with the same handle); NULL only when memory is short. */
mh_object *mh_objects_put(mh_object_table *t, uint32_t handle);
void mh_objects_remove(mh_object_table *t, uint32_t handle);
/* Sets the object's columns (copied); returns 0 when memory is short. */
int mh_object_set_columns(mh_object *o, const uint32_t *tags, uint32_t n);
void mh_object_clear_columns(mh_object *o);

/* Frees FastTransfer state; set by the FastTransfer decoder. */
extern void (*mh_fx_state_free_hook)(struct mh_fx_state *fx);

#endif
