/* Named property mappings per logon (see named.h); canonical names from the generated [MS-OXPROPS]
 * tables. */
#include "named.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/registry.h"
#include "../generated/tables.h"

void mh_named_init(mh_named_table *t)
{
    memset(t, 0, sizeof *t);
}

void mh_named_free(mh_named_table *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->slots[i].name);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static size_t slot_of(uint8_t logon, uint16_t id, size_t cap)
{
    return (size_t)((((uint32_t)logon << 16 | id) * 2654435761u) & (uint32_t)(cap - 1));
}

static mh_named_entry *find(const mh_named_table *t, uint8_t logon, uint16_t id)
{
    if (!t->cap)
        return NULL;
    for (size_t i = slot_of(logon, id, t->cap), n = 0; n < t->cap; i = (i + 1) & (t->cap - 1), n++) {
        mh_named_entry *e = &t->slots[i];
        if (!e->used)
            return NULL;
        if (e->logon_id == logon && e->prop_id == id)
            return e;
    }
    return NULL;
}

static int grow(mh_named_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 256;
    mh_named_entry *s = calloc(cap, sizeof *s);
    if (!s)
        return 0;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i].used)
            continue;
        size_t k = slot_of(t->slots[i].logon_id, t->slots[i].prop_id, cap);
        while (s[k].used)
            k = (k + 1) & (cap - 1);
        s[k] = t->slots[i];
    }
    free(t->slots);
    t->slots = s;
    t->cap = cap;
    return 1;
}

void mh_named_put(mh_named_table *t, uint8_t logon_id, uint16_t prop_id, const uint8_t guid[16], uint8_t kind,
                  uint32_t lid, const char *name, size_t name_len)
{
    mh_named_entry *e = find(t, logon_id, prop_id);
    if (!e) {
        if (t->count >= MH_NAMED_MAX)
            return; /* bounded: later names stay unnamed */
        if ((t->count + 1) * 2 > t->cap && !grow(t))
            return;
        size_t k = slot_of(logon_id, prop_id, t->cap);
        while (t->slots[k].used)
            k = (k + 1) & (t->cap - 1);
        e = &t->slots[k];
        t->count++;
    } else {
        free(e->name);
    }
    memset(e, 0, sizeof *e);
    e->used = 1;
    e->logon_id = logon_id;
    e->prop_id = prop_id;
    e->kind = kind;
    e->lid = lid;
    memcpy(e->guid, guid, 16);
    if (kind == 0x01 && name) {
        e->name = malloc(name_len + 1);
        if (e->name) {
            memcpy(e->name, name, name_len);
            e->name[name_len] = 0;
        }
    }
}

void mh_named_forget_logon(mh_named_table *t, uint8_t logon_id)
{
    mh_named_table keep;
    mh_named_init(&keep);
    for (size_t i = 0; i < t->cap; i++) {
        mh_named_entry *e = &t->slots[i];
        if (e->used && e->logon_id != logon_id)
            mh_named_put(&keep, e->logon_id, e->prop_id, e->guid, e->kind, e->lid, e->name,
                         e->name ? strlen(e->name) : 0);
    }
    mh_named_free(t);
    *t = keep;
}

const mh_named_entry *mh_named_get(const mh_named_table *t, uint8_t logon_id, uint16_t prop_id)
{
    return find(t, logon_id, prop_id);
}

const char *mh_property_set_name(const uint8_t guid[16])
{
    for (size_t i = 0; i < mh_property_sets_count; i++)
        if (memcmp(mh_property_sets[i].guid, guid, 16) == 0)
            return mh_property_sets[i].name;
    return NULL;
}

size_t mh_named_format(const mh_named_entry *e, char *out, size_t outsz)
{
    if (e->kind == 0x00) {
        for (size_t i = 0; i < mh_named_lids_count; i++)
            if (mh_named_lids[i].lid == e->lid && memcmp(mh_named_lids[i].guid, e->guid, 16) == 0)
                return (size_t)snprintf(out, outsz, "%s", mh_named_lids[i].name);
    } else if (e->name) {
        for (size_t i = 0; i < mh_named_strings_count; i++)
            if (strcmp(mh_named_strings[i].string, e->name) == 0 && memcmp(mh_named_strings[i].guid, e->guid, 16) == 0)
                return (size_t)snprintf(out, outsz, "%s", mh_named_strings[i].name);
    }
    char set[48];
    const char *sn = mh_property_set_name(e->guid);
    if (sn)
        snprintf(set, sizeof set, "%s", sn);
    else
        mh_format_guid(e->guid, set, sizeof set);
    int n = e->kind == 0x00 ? snprintf(out, outsz, "%s:0x%04X", set, e->lid)
                            : snprintf(out, outsz, "%s:\"%s\"", set, e->name ? e->name : "");
    return n < 0 ? 0 : (size_t)n;
}
