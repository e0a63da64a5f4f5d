/* Server objects by handle (see objects.h): an open-addressing table with least-recently-used eviction. */
#include "objects.h"

#include <stdlib.h>
#include <string.h>

void (*mh_fx_state_free_hook)(struct mh_fx_state *fx);

const char *mh_obj_kind_name(mh_obj_kind k)
{
    switch (k) {
    case MH_OBJ_LOGON: return "logon";
    case MH_OBJ_FOLDER: return "folder";
    case MH_OBJ_MESSAGE: return "message";
    case MH_OBJ_ATTACHMENT: return "attachment";
    case MH_OBJ_TABLE: return "table";
    case MH_OBJ_STREAM: return "stream";
    case MH_OBJ_FX_SOURCE: return "FastTransfer download context";
    case MH_OBJ_FX_DESTINATION: return "FastTransfer upload context";
    case MH_OBJ_ICS_DOWNLOAD: return "ICS download context";
    case MH_OBJ_ICS_UPLOAD: return "ICS upload context";
    case MH_OBJ_NOTIFICATION: return "notification subscription";
    case MH_OBJ_OTHER: return "object";
    case MH_OBJ_NONE: break;
    }
    return "nothing";
}

void mh_objects_init(mh_object_table *t)
{
    memset(t, 0, sizeof *t);
}

static void release(mh_object *o)
{
    free(o->columns);
    if (o->fx && mh_fx_state_free_hook)
        mh_fx_state_free_hook(o->fx);
    memset(o, 0, sizeof *o);
}

void mh_objects_free(mh_object_table *t)
{
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].used)
            release(&t->slots[i]);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static size_t hash(uint32_t h, size_t cap)
{
    return (size_t)((h * 2654435761u) & (uint32_t)(cap - 1));
}

static mh_object *find(mh_object_table *t, uint32_t handle)
{
    if (!t->cap)
        return NULL;
    for (size_t i = hash(handle, t->cap), n = 0; n < t->cap; i = (i + 1) & (t->cap - 1), n++) {
        if (!t->slots[i].used)
            return NULL;
        if (t->slots[i].handle == handle)
            return &t->slots[i];
    }
    return NULL;
}

mh_object *mh_objects_get(mh_object_table *t, uint32_t handle)
{
    mh_object *o = find(t, handle);
    if (o)
        o->last_use = ++t->clock;
    return o;
}

/* Removing from linear probing: re-insert the run that follows the hole. */
static void remove_slot(mh_object_table *t, mh_object *o)
{
    size_t i = (size_t)(o - t->slots);
    release(o);
    t->count--;
    for (size_t j = (i + 1) & (t->cap - 1); t->slots[j].used; j = (j + 1) & (t->cap - 1)) {
        mh_object moved = t->slots[j];
        memset(&t->slots[j], 0, sizeof moved);
        size_t k = hash(moved.handle, t->cap);
        while (t->slots[k].used)
            k = (k + 1) & (t->cap - 1);
        t->slots[k] = moved;
    }
}

void mh_objects_remove(mh_object_table *t, uint32_t handle)
{
    mh_object *o = find(t, handle);
    if (o)
        remove_slot(t, o);
}

static int grow(mh_object_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    mh_object *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return 0;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i].used)
            continue;
        size_t k = hash(t->slots[i].handle, cap);
        while (slots[k].used)
            k = (k + 1) & (cap - 1);
        slots[k] = t->slots[i];
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return 1;
}

mh_object *mh_objects_put(mh_object_table *t, uint32_t handle)
{
    mh_object *o = find(t, handle);
    if (o) {
        release(o);
        t->count--;
    } else {
        if (t->count >= MH_OBJECTS_MAX) {
            mh_object *oldest = NULL;
            for (size_t i = 0; i < t->cap; i++)
                if (t->slots[i].used && (!oldest || t->slots[i].last_use < oldest->last_use))
                    oldest = &t->slots[i];
            if (oldest)
                remove_slot(t, oldest);
        }
        if ((t->count + 1) * 2 > t->cap && !grow(t))
            return NULL;
        size_t k = hash(handle, t->cap);
        while (t->slots[k].used)
            k = (k + 1) & (t->cap - 1);
        o = &t->slots[k];
    }
    memset(o, 0, sizeof *o);
    o->used = 1;
    o->handle = handle;
    o->parent_handle = 0xFFFFFFFF;
    o->last_use = ++t->clock;
    t->count++;
    return o;
}

int mh_object_set_columns(mh_object *o, const uint32_t *tags, uint32_t n)
{
    uint32_t *c = NULL;
    if (n) {
        c = malloc(n * sizeof *c);
        if (!c)
            return 0;
        memcpy(c, tags, n * sizeof *c);
    }
    free(o->columns);
    o->columns = c;
    o->ncolumns = n;
    o->has_columns = 1;
    return 1;
}

void mh_object_clear_columns(mh_object *o)
{
    free(o->columns);
    o->columns = NULL;
    o->ncolumns = 0;
    o->has_columns = 0;
}
