/* [MS-OXORULE] rule structures: RuleData (2.2.1.3) and RuleAction (2.2.5) (see rule.c). */
#ifndef MH_RULE_H
#define MH_RULE_H

#include "../core/dec.h"
#include "restriction.h"

/* A PtypRuleAction property value ([MS-OXCDATA] 2.11.1, [MS-OXORULE] 2.2.5): NoOfActions and the
 * ActionBlocks. The counts and lengths are 16 bits wide in standard rules (ROP buffers) and 32 bits in
 * extended rules; they follow d->wide_counts. Property tags from 0x8000 are shown by their range only;
 * mh_decode_rule_actions_named names them. Returns 1 when decoding can go on, 0 when it stopped (the
 * problem is reported, and the cursor is at its limit without an error, as after mh_stop, so that the
 * caller does not report it again). */
int mh_decode_rule_actions(mh_dec *d);
int mh_decode_rule_actions_named(mh_dec *d, mh_tag_note_fn tag_note);

/* A RuleData structure ([MS-OXORULE] 2.2.1.3, [MS-OXCROPS] 2.2.11.1.1.1): RuleDataFlags,
 * PropertyValueCount, PropertyValues. Returns as above. */
int mh_decode_rule_data(mh_dec *d, mh_tag_note_fn tag_note);

/* A PtypRestriction property value: a restriction ([MS-OXCDATA] 2.12) whose counts follow d->wide_counts;
 * tags from 0x8000 are shown by their range only. */
int mh_decode_restriction_value(mh_dec *d);

/* A TaggedPropertyValue ([MS-OXCDATA] 2.11.4) as rules carry them: PtypRestriction values decode as a
 * restriction ([MS-OXCDATA] 2.12) and PtypRuleAction values as a RuleAction, other types as
 * mh_decode_property_value does. Returns as above. */
int mh_decode_rule_tagged_value(mh_dec *d, mh_tag_note_fn tag_note);

#endif
