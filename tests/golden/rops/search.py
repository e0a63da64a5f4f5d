#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.4.4 RopSetSearchCriteria and 2.2.4.5 RopGetSearchCriteria
([MS-OXCFOLD] 2.2.1.4, 2.2.1.5)."""
from ropgen import *

EC_NOT_SEARCH_FOLDER = 0x00000461  # ecNotSearchFolder ([MS-OXCDATA] 2.4)
EC_NOT_INITIALIZED = 0x80040605


def req(rop_id, *fields):
    return u8(rop_id) + u8(0) + u8(0) + b"".join(fields)


def resp(rop_id, rv=0, *fields):
    return u8(rop_id) + u8(0) + u32(rv) + b"".join(fields)


# [MS-OXCDATA] 2.12.4 ContentRestriction: PidTagSubject contains "report", ignoring case; and 2.12.1 an
# AND with 2.12.7 BitMaskRestriction (PidTagMessageFlags, read bit clear)
content = u8(0x03) + u16(0x0001) + u16(0x0001) + u32(0x0037001F) + u32(0x0037001F) + utf16z("report")
restriction = u8(0x00) + u16(2) + content + u8(0x06) + u8(0x00) + u32(0x0E070003) + u32(0x00000001)
FOLDERS = fid(0x0001, 0xA5) + fid(0x0001, 0xA7)

# 2.2.4.4.1: RestrictionDataSize, RestrictionData, FolderIdCount, FolderIds, SearchFlags
# (RESTART_SEARCH | RECURSIVE_SEARCH, [MS-OXCFOLD] 2.2.1.4.1)
set_criteria = req(0x30, u16(len(restriction)), restriction, u16(2), FOLDERS, u32(0x00000006))
write_case("rop-RopSetSearchCriteria-request", set_criteria)
# RestrictionDataSize 0 and FolderIdCount 0: the criteria and folders of the last search are used again;
# STOP_SEARCH
write_case("rop-RopSetSearchCriteria-request-stop", req(0x30, u16(0), u16(0), u32(0x00000001)))
# 2.2.4.4.2: nothing after ReturnValue
write_case("rop-RopSetSearchCriteria-response", set_criteria, resp(0x30))
write_case("rop-RopSetSearchCriteria-response-failure", set_criteria, resp(0x30, EC_NOT_SEARCH_FOLDER))

# 2.2.4.5.1: UseUnicode, IncludeRestriction, IncludeFolders
get_criteria = req(0x31, u8(0x01), u8(0x01), u8(0x01))
write_case("rop-RopGetSearchCriteria-request", get_criteria)
# 2.2.4.5.2: RestrictionDataSize, RestrictionData, LogonId, FolderIdCount, FolderIds, SearchFlags
# (SEARCH_RUNNING | SEARCH_RECURSIVE | CI_TOTALLY, [MS-OXCFOLD] 2.2.1.5.2)
write_case("rop-RopGetSearchCriteria-response", get_criteria,
           resp(0x31, 0, u16(len(restriction)), restriction, u8(0), u16(2), FOLDERS, u32(0x01000005)))
# IncludeRestriction and IncludeFolders FALSE: RestrictionDataSize and FolderIdCount are 0; SEARCH_COMPLETE
get_plain = req(0x31, u8(0x01), u8(0x00), u8(0x00))
write_case("rop-RopGetSearchCriteria-response-no-criteria", get_plain,
           resp(0x31, 0, u16(0), u8(0), u16(0), u32(0x00001000)))
write_case("rop-RopGetSearchCriteria-response-failure", get_criteria, resp(0x31, EC_NOT_INITIALIZED))

write_manifest("search")
