/*
 * [MS-OXNSPI] 2.2.8 STAT (36 bytes: SortType, ContainerID, CurrentRec, Delta, NumPos, TotalRecs,
 * CodePage, TemplateLocale, SortLocale, each 4 bytes little-endian, Delta signed), and the HasState +
 * State (optional) pair of the [MS-OXCMAPIHTTP] 2.2.5 bodies: State is present when HasState is
 * nonzero.
 */
#include "internal.h"

int nspi_stat(mh_dec *d)
{
    size_t start = mh_open(d, MH_F_NSPI_STAT, NULL);
    mh_u32(d, MH_F_NSPI_STAT_SORT_TYPE);
    nspi_mid(d, MH_F_NSPI_STAT_CONTAINER_ID, NSPI_MID_CONTAINER);
    nspi_mid(d, MH_F_NSPI_STAT_CURRENT_REC, NSPI_MID_POSITION);
    mh_i32(d, MH_F_NSPI_STAT_DELTA);
    mh_u32(d, MH_F_NSPI_STAT_NUM_POS);
    mh_u32(d, MH_F_NSPI_STAT_TOTAL_RECS);
    nspi_code_page(d, MH_F_NSPI_STAT_CODE_PAGE);
    mh_u32(d, MH_F_NSPI_STAT_TEMPLATE_LOCALE);
    mh_u32(d, MH_F_NSPI_STAT_SORT_LOCALE);
    int ok = mh_check(d, "STAT");
    mh_close(d, start);
    return ok;
}

int nspi_has_state(mh_dec *d)
{
    int present;
    if (!nspi_has(d, MH_F_NSPI_HAS_STATE, &present))
        return 0;
    return present ? nspi_stat(d) : 1;
}
