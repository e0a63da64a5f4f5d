#!/usr/bin/env python3
"""Seed corpus for fuzz_body from the golden test inputs: each body prefixed with the selector byte
that makes the harness decode it as its request type and direction (see fuzz_body.c).

Usage: make_seeds.py GOLDEN_INPUT_DIR... OUT_DIR
"""
import os
import sys

TYPES = ["Connect", "Execute", "Disconnect", "NotificationWait", "PING", "Bind", "Unbind", "CompareMIds",
         "DNToMId", "GetMatches", "GetPropList", "GetProps", "GetSpecialTable", "GetTemplateInfo", "ModLinkAtt",
         "ModProps", "QueryColumns", "QueryRows", "ResolveNames", "ResortRestriction", "SeekEntries",
         "UpdateStat", "GetMailboxUrl", "GetAddressBookUrl"]


def main():
    *dirs, out = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    count = 0
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if not name.endswith(".hex"):
                continue
            data = bytes.fromhex(open(os.path.join(d, name)).read())
            low = name.lower()
            t = next((i for i, n in enumerate(TYPES) if low.startswith(n.lower())), 1)
            response = "response" in low or "cut" in low
            for json in (0, 4):
                sel = t | ((1 if response else 0) | json) << 5
                with open(os.path.join(out, "%s_%d" % (name[:-4], json)), "wb") as f:
                    f.write(bytes([sel]) + data)
                count += 1
    print("wrote %d seeds to %s" % (count, out))


if __name__ == "__main__":
    main()
