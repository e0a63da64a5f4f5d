#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.11 rule ROPs ([MS-OXORULE] 2.2.1 - 2.2.3): RopModifyRules with
RuleData (2.2.1.3) whose PidTagRuleCondition is a restriction ([MS-OXCDATA] 2.12) and whose
PidTagRuleActions is a RuleAction ([MS-OXORULE] 2.2.5) with every ActionType; RopGetRulesTable;
RopUpdateDeferredActionMessages. Standard rules travel in ROP buffers, so every count and length inside a
RuleAction is 2 bytes ([MS-OXORULE] 2.2.5, 2.2.5.1)."""
from ropgen import *

EC_NOT_SUPPORTED = 0x80040102
EC_NO_ACCESS = 0x80070005


def req(rop_id, *fields):
    return u8(rop_id) + u8(0) + u8(0) + b"".join(fields)


def resp(rop_id, rv=0, *fields):
    return u8(rop_id) + u8(0) + u32(rv) + b"".join(fields)


def tagged(tag, value):
    """[MS-OXCDATA] 2.11.4 TaggedPropertyValue."""
    return u32(tag) + value


def rule_data(flags, *props):
    """[MS-OXORULE] 2.2.1.3 RuleData: RuleDataFlags, PropertyValueCount, PropertyValues."""
    return u8(flags) + u16(len(props)) + b"".join(props)


def block(atype, data=b"", flavor=0, flags=0):
    """2.2.5.1 ActionBlock: ActionLength (2 bytes, counting the fields after it), ActionType, ActionFlavor,
    ActionFlags, ActionData."""
    body = u8(atype) + u32(flavor) + u32(flags) + data
    return u16(len(body)) + body


def rule_action(*blocks):
    """2.2.5 RuleAction: NoOfActions (2 bytes), ActionBlocks."""
    return u16(len(blocks)) + b"".join(blocks)


def recipient(*props):
    """2.2.5.1.2.4.1 RecipientBlockData: Reserved, NoOfProperties (2 bytes in standard rules), PropertyValues."""
    return u8(0x01) + u16(len(props)) + b"".join(props)


def forward_data(*recipients):
    """2.2.5.1.2.4: RecipientCount (2 bytes in standard rules), RecipientBlocks."""
    return u16(len(recipients)) + b"".join(recipients)


OP_MOVE, OP_COPY, OP_REPLY, OP_OOF_REPLY, OP_DEFER_ACTION, OP_BOUNCE = 1, 2, 3, 4, 5, 6
OP_FORWARD, OP_DELEGATE, OP_TAG, OP_DELETE, OP_MARK_AS_READ = 7, 8, 9, 10, 11

PidTagRuleId = 0x66740014
PidTagRuleSequence = 0x66760003
PidTagRuleState = 0x66770003
PidTagRuleCondition = 0x667900FD
PidTagRuleActions = 0x668000FE
PidTagRuleProvider = 0x6681001F
PidTagRuleName = 0x6682001F

# 2.2.5.1.2.1 OP_MOVE in a standard rule, folder in this store: FolderInThisStore TRUE, StoreEIDSize and a
# StoreEID the server ignores (any non-null value), FolderEIDSize 21 and a ServerEid (2.2.5.1.2.1.1: Ours
# 0x01, FolderId, MessageId 0, Instance 0)
server_eid = u8(0x01) + fid(0x0001, 0xB5) + u64(0) + u32(0)
move = block(OP_MOVE, u8(0x01) + u16(1) + u8(0x00) + u16(len(server_eid)) + server_eid)

# The condition: PidTagSenderEmailAddress = "boss@contoso.com" ([MS-OXCDATA] 2.12.5 PropertyRestriction)
condition = u8(0x04) + u8(0x04) + u32(0x0C1F001F) + tagged(0x0C1F001F, utf16z("boss@contoso.com"))

rule_add = rule_data(0x01,  # ROW_ADD
                     tagged(PidTagRuleSequence, u32(10)),
                     tagged(PidTagRuleState, u32(0x00000001)),  # ST_ENABLED ([MS-OXORULE] 2.2.1.3.1.3)
                     tagged(PidTagRuleName, utf16z("Move from boss")),
                     tagged(PidTagRuleProvider, utf16z("RuleOrganizer")),
                     tagged(PidTagRuleCondition, condition),
                     tagged(PidTagRuleActions, rule_action(move, block(OP_MARK_AS_READ))))
rule_remove = rule_data(0x04, tagged(PidTagRuleId, u64(0x0000000000000102)))  # ROW_REMOVE by PidTagRuleId

# 2.2.1.1 RopModifyRules: ModifyRulesFlag, RulesCount, RulesData
modify = req(0x41, u8(0x00), u16(2), rule_add + rule_remove)
write_case("rop-RopModifyRules-request", modify)

# Every other ActionType in one ROW_MODIFY rule:
bob = recipient(tagged(0x3001001F, utf16z("Bob")),           # PidTagDisplayName
                tagged(0x3003001F, utf16z("bob@contoso.com")),  # PidTagEmailAddress
                tagged(0x0C150003, u32(1)))                   # PidTagRecipientType: To
REPLY_GUID = guid("{9B4B6E5E-2C0F-4D3A-8E6B-0123456789AB}")
# 2.2.5.1.2.2 standard form: ReplyTemplateFID, ReplyTemplateMID, ReplyTemplateGUID
reply = fid(0x0001, 0xA5) + fid(0x0001, 0x1234) + REPLY_GUID
# 2.2.5.1.2.1 folder outside the user's mailbox: a Store Object EntryID and a Folder EntryID ([MS-OXCDATA]
# 2.2.4.3, 2.2.4.1), shown as bytes
store_eid = bytes(range(0x10, 0x18))
folder_eid = bytes(range(0x20, 0x2E))
copy_other_store = u8(0x00) + u16(len(store_eid)) + store_eid + u16(len(folder_eid)) + folder_eid
actions = rule_action(
    block(OP_FORWARD, forward_data(bob), flavor=0x00000001),  # PR: preserve sender
    block(OP_DELEGATE, forward_data(bob)),
    block(OP_REPLY, reply, flavor=0x00000002),                # ST: server text
    block(OP_OOF_REPLY, reply),
    block(OP_DEFER_ACTION, bytes([0xDE, 0xAD, 0xBE, 0xEF])),  # client-defined (2.2.5.1.2.3)
    block(OP_BOUNCE, u32(0x0000000D)),                        # message too large (2.2.5.1.2.5)
    block(OP_TAG, tagged(0x00170003, u32(2))),                # PidTagImportance: high
    block(OP_DELETE),
    block(OP_COPY, copy_other_store))
rule_modify = rule_data(0x02,  # ROW_MODIFY
                        tagged(PidTagRuleId, u64(0x0000000000000101)),
                        tagged(PidTagRuleActions, actions))
write_case("rop-RopModifyRules-request-actions", req(0x41, u8(0x00), u16(1), rule_modify))

# ModifyRulesFlag R (0x01): the rules replace the folder's rule set; each MUST be ROW_ADD
rule_new = rule_data(0x01, tagged(PidTagRuleName, utf16z("Delete spam")),
                     tagged(PidTagRuleCondition, u8(0x08) + u32(0x1039001F)),  # Exist PidTagInternetReferences
                     tagged(PidTagRuleActions, rule_action(block(OP_DELETE))))
write_case("rop-RopModifyRules-request-replace", req(0x41, u8(0x01), u16(1), rule_new))

# ActionLength bounds each ActionBlock: an ActionType that [MS-OXORULE] 2.2.5.1 does not define is shown
# raw and the next block still decodes
unknown = rule_data(0x01, tagged(PidTagRuleActions, rule_action(block(0x0C, bytes([1, 2, 3])), block(OP_DELETE))))
write_case("rop-RopModifyRules-request-unknown-action", req(0x41, u8(0x00), u16(1), unknown), status=1)

# 2.2.11.1.2: nothing after ReturnValue
write_case("rop-RopModifyRules-response", modify, resp(0x41))
write_case("rop-RopModifyRules-response-failure", modify, resp(0x41, EC_NO_ACCESS))

# 2.2.11.2.1 RopGetRulesTable: LogonId, InputHandleIndex (the folder), OutputHandleIndex, TableFlags (U)
get_rules = u8(0x3F) + u8(0) + u8(0) + u8(1) + u8(0x40)
write_case("rop-RopGetRulesTable-request", get_rules, req_handles=(0x00000045, 0xFFFFFFFF))
# 2.2.11.2.2: RopId, OutputHandleIndex, ReturnValue; the new table's handle is at index 1
write_case("rop-RopGetRulesTable-response", get_rules, u8(0x3F) + u8(1) + u32(0),
           req_handles=(0x00000045, 0xFFFFFFFF), resp_handles=(0x00000045, 0x00000052))
write_case("rop-RopGetRulesTable-response-failure", get_rules, u8(0x3F) + u8(1) + u32(EC_NOT_SUPPORTED),
           req_handles=(0x00000045, 0xFFFFFFFF))


def message_entry_id(folder_counter, message_counter):
    """[MS-OXCDATA] 2.2.4.2 Message EntryID (70 bytes): Flags, ProviderUID, MessageType (eitLTPrivateMessage
    0x0007), FolderDatabaseGuid, FolderGlobalCounter, Pad, MessageDatabaseGuid, MessageGlobalCounter, Pad."""
    db = guid("{11111111-2222-3333-4444-555555555555}")
    return (u32(0) + guid("{66666666-7777-8888-9999-AAAAAAAAAAAA}") + u16(0x0007) + db
            + folder_counter.to_bytes(6, "big") + u16(0) + db + message_counter.to_bytes(6, "big") + u16(0))


# 2.2.11.3.1 RopUpdateDeferredActionMessages: ServerEntryIdSize, ServerEntryId, ClientEntryIdSize,
# ClientEntryId
server_id = message_entry_id(0xA2, 0x5001)
client_id = message_entry_id(0xA5, 0x6001)
udam = req(0x57, u16(len(server_id)), server_id, u16(len(client_id)), client_id)
write_case("rop-RopUpdateDeferredActionMessages-request", udam)
# 2.2.11.3.2: nothing after ReturnValue
write_case("rop-RopUpdateDeferredActionMessages-response", udam, resp(0x57))
write_case("rop-RopUpdateDeferredActionMessages-response-failure", udam, resp(0x57, EC_NO_ACCESS))

write_manifest("rule")
