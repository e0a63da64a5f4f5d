#!/usr/bin/env python3
"""Makes the committed test corpus in captures/: records the base captures with gencap.py (root: a network
namespace and tcpdump), derives the edge cases with pcaprw.py, and lists the cases in captures/MANIFEST.
Expected outputs are not written here: tests/offline/regen-expected.py writes them, one case at a time, and
each is read against the facts of its scenario before it is committed.

captures/README.md is written from the corpus's own data (BASE, DERIVED, NOTES below, each capture's
.facts.json, the files' sizes) by --readme, which records nothing and needs no root; --readme --check only
says whether the README is up to date (the test suite runs it).

Usage: make_corpus.py [CAPTURES_DIR] [--only NAME...]
       make_corpus.py [CAPTURES_DIR] --readme [--check]
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# name: gencap.py arguments
BASE = {
    "tls13-aes128gcm": ["--scenario", "standard", "--tls", "1.3", "--cipher", "TLS_AES_128_GCM_SHA256"],
    "tls13-aes256gcm": ["--scenario", "standard", "--tls", "1.3", "--cipher", "TLS_AES_256_GCM_SHA384"],
    "tls13-chacha20": ["--scenario", "standard", "--tls", "1.3", "--cipher", "TLS_CHACHA20_POLY1305_SHA256"],
    "tls13-keyupdate": ["--scenario", "standard", "--tls", "1.3", "--cipher", "TLS_AES_128_GCM_SHA256", "--keyupdate"],
    "tls12-ecdhe-aes128gcm": ["--scenario", "standard", "--tls", "1.2", "--cipher", "ECDHE-RSA-AES128-GCM-SHA256"],
    "tls12-ecdhe-aes256gcm": ["--scenario", "standard", "--tls", "1.2", "--cipher", "ECDHE-RSA-AES256-GCM-SHA384"],
    "tls12-rsa-aes128gcm": ["--scenario", "standard", "--tls", "1.2", "--cipher", "AES128-GCM-SHA256"],
    "tls12-ecdhe-chacha20": ["--scenario", "standard", "--tls", "1.2", "--cipher", "ECDHE-RSA-CHACHA20-POLY1305"],
    "tls12-ecdhe-aes128cbc-sha-etm": ["--scenario", "standard", "--tls", "1.2", "--cipher", "ECDHE-RSA-AES128-SHA"],
    "tls12-ecdhe-aes128cbc-sha256-mte": ["--scenario", "standard", "--tls", "1.2", "--cipher", "ECDHE-RSA-AES128-SHA256",
                                         "--no-etm"],
    "tls12-ecdhe-aes256cbc-sha384-etm": ["--scenario", "standard", "--tls", "1.2", "--cipher", "ECDHE-RSA-AES256-SHA384"],
    "tls12-rsa-aes256cbc-sha-mte": ["--scenario", "standard", "--tls", "1.2", "--cipher", "AES256-SHA", "--no-etm"],
    "tls12-resume-ticket": ["--scenario", "resumption", "--tls", "1.2", "--cipher", "ECDHE-RSA-AES128-GCM-SHA256"],
    "tls12-resume-sessionid": ["--scenario", "resumption", "--tls", "1.2", "--cipher", "ECDHE-RSA-AES256-GCM-SHA384",
                               "--no-tickets"],
    "tls12-ipv6": ["--scenario", "standard", "--tls", "1.2", "--cipher", "ECDHE-RSA-AES128-GCM-SHA256", "--ipv6"],
    "plain-http": ["--scenario", "plain"],
    "plain-port-reuse": ["--scenario", "reuse"],
    "tls13-aes128ccm": ["--scenario", "standard", "--tls", "1.3", "--cipher", "TLS_AES_128_CCM_SHA256"],
    # issue 7's scenarios: an Outlook start-up, reading and sending mail, failures, the address book, and
    # every ROP, request type and AUX block type (each over TLS 1.3 and TLS 1.2)
    "startup-tls13": ["--scenario", "startup", "--tls", "1.3", "--cipher", "TLS_AES_128_GCM_SHA256"],
    "startup-tls12": ["--scenario", "startup", "--tls", "1.2", "--cipher", "ECDHE-RSA-AES128-GCM-SHA256"],
    "mail-tls13": ["--scenario", "mail", "--tls", "1.3", "--cipher", "TLS_AES_128_GCM_SHA256"],
    "mail-tls12": ["--scenario", "mail", "--tls", "1.2", "--cipher", "ECDHE-RSA-AES256-GCM-SHA384"],
    "failures-tls13": ["--scenario", "failures", "--tls", "1.3", "--cipher", "TLS_AES_128_GCM_SHA256"],
    "failures-tls12": ["--scenario", "failures", "--tls", "1.2", "--cipher", "ECDHE-RSA-AES256-GCM-SHA384"],
    "everything-tls13": ["--scenario", "everything", "--tls", "1.3", "--cipher", "TLS_AES_256_GCM_SHA384"],
    "everything-tls12": ["--scenario", "everything", "--tls", "1.2", "--cipher", "ECDHE-RSA-AES256-GCM-SHA384"],
    "addressbook-tls13": ["--scenario", "addressbook", "--tls", "1.3", "--cipher", "TLS_AES_128_GCM_SHA256"],
    "addressbook-all-tls12": ["--scenario", "addressbook-all", "--tls", "1.2", "--cipher",
                              "ECDHE-RSA-AES256-GCM-SHA384"],
    "addressbook-all-tls13": ["--scenario", "addressbook-all", "--tls", "1.3", "--cipher", "TLS_CHACHA20_POLY1305_SHA256"],
}

# name: (base, [pcaprw.py operations]) -- applied in order; the output is NAME.pcapng when the last operation
# is pcapng, NAME.pcap otherwise; an argument ending in .keys names a key log in the captures directory
DERIVED = {
    "plain-ooo": ("plain-http", [["resegment", "200"], ["reorder", "2"]]),
    "plain-retransmit": ("plain-http", [["resegment", "200"], ["retransmit", "3"]]),
    "plain-conflict": ("plain-http", [["resegment", "200"], ["retransmit", "5", "change"]]),
    "plain-gap": ("plain-http", [["resegment", "200"], ["drop", "0", "server", "12"]]),
    # the lost segment is inside a response's header block: the responses after it keep their requests
    "plain-gap-headers": ("plain-http", [["resegment", "200"], ["drop", "0", "server", "5"]]),
    "plain-midstream": ("plain-http", [["resegment", "200"], ["cut", "0", "7"]]),
    "tls13-ooo": ("tls13-aes128gcm", [["resegment", "300"], ["reorder", "2"]]),
    "tls13-gap": ("tls13-aes128gcm", [["resegment", "300"], ["drop", "0", "client", "8"]]),
    "tls13-midstream": ("tls13-aes128gcm", [["resegment", "300"], ["cut", "0", "3"]]),
    "plain-nonhttp": ("plain-http", [["scramble", "2"]]),
    "plain-sll": ("plain-http", [["relink", "sll"]]),
    "plain-sll2": ("plain-http", [["relink", "sll2"]]),
    "plain-raw": ("plain-http", [["relink", "raw"]]),
    "plain-null": ("plain-http", [["relink", "null"]]),
    "plain-vlan": ("plain-http", [["relink", "vlan"]]),
    "plain-qinq": ("plain-http", [["relink", "qinq"]]),
    # the key log inside the capture (a Decryption Secrets Block): decoded without -k
    "tls13-dsb": ("tls13-aes128gcm", [["pcapng", "tls13-aes128gcm.keys"]]),
    # a capture cut off inside its last packet record (after the last message)
    "plain-truncated": ("plain-http", [["chop", "37"]]),
    # captures that end inside a message (see NOTES)
    "plain-truncated-body": ("plain-http", [["resegment", "200"], ["truncate", "0", "server", "12", "40", "snap"]]),
    "plain-torn-body": ("plain-http", [["resegment", "200"], ["truncate", "0", "server", "12", "40", "torn"]]),
    "tls13-truncated-body": ("tls13-aes128gcm", [["resegment", "300"], ["truncate", "0", "server", "14", "100",
                                                                        "snap"]]),
    # IPv6 in 802.1Q frames in a pcapng with its keys inside
    "tls13-ipv6-vlan": ("tls13-aes128gcm", [["ipv6"], ["relink", "vlan"], ["pcapng", "tls13-aes128gcm.keys"]]),
    # issue 7's scenarios rewritten: segments out of order, a retransmission, a lost segment in the middle of
    # the large attachment, a capture that ends inside it, and IPv6 in QinQ frames in a pcapng with its keys
    "startup-tls13-ooo": ("startup-tls13", [["resegment", "300"], ["reorder", "2"]]),
    "mail-tls12-retransmit": ("mail-tls12", [["resegment", "400"], ["retransmit", "4"]]),
    "mail-tls12-gap": ("mail-tls12", [["resegment", "400"], ["drop", "0", "server", "big"]]),
    "mail-tls12-truncated": ("mail-tls12", [["resegment", "1400"], ["truncate", "0", "server", "big", "700", "snap"]]),
    "addressbook-tls13-ipv6-qinq": ("addressbook-tls13", [["ipv6"], ["relink", "qinq"],
                                                          ["pcapng", "addressbook-tls13.keys"]]),
}

# what the README says of a capture beyond its scenario, TLS parameters and contents
NOTES = {
    "plain-port-reuse": "the same client and server ports used by two connections one after the other",
    "tls13-aes128ccm": "a suite mapidump does not decrypt (CCM): reported with its reason",
    "tls12-resume-ticket": "the key log holds the first connection's master secret only: the second "
                           "connection resumes its session",
    "tls12-resume-sessionid": "the key log holds the first connection's master secret only: the second "
                              "connection resumes its session",
    "plain-truncated-body": "server data segment 12 of connection 0 is the binary body of the RopLogon Execute "
                            "response: the capture ends inside its ROP buffer",
    "plain-torn-body": "server data segment 12 of connection 0 is the binary body of the RopLogon Execute "
                       "response: libpcap drops the torn record, so the capture ends before that body",
    "tls13-truncated-body": "server data segment 14 of connection 0 starts the TLS record with the RopLogon "
                            "Execute response's DONE and body: the capture ends inside that record",
}


def run(cmd):
    print("+", " ".join(cmd))
    subprocess.run(cmd, check=True)


# captures mapidump is not meant to decode: no facts file (the facts check and the cross-check skip them)
NO_FACTS = {"tls13-aes128ccm"}


def base(out, name):
    a = BASE[name]
    tls = "--tls" in a
    facts = [] if name in NO_FACTS else ["--facts", os.path.join(out, name + ".facts.json")]
    run([sys.executable, os.path.join(HERE, "gencap.py")] + a + ["--pcap", os.path.join(out, name + ".pcap")] +
        facts + (["--keylog", os.path.join(out, name + ".keys")] if tls else []))
    if name.startswith("tls12-resume"):
        # keep only the first connection's secret: the resumed one must be found through the session
        p = os.path.join(out, name + ".keys")
        lines = [l for l in open(p) if l.startswith("CLIENT_RANDOM")]
        with open(p, "w") as f:
            f.write("# the first connection's master secret only: the second resumes its session\n" + lines[0])


def derived_file(name):
    return name + (".pcapng" if DERIVED[name][1][-1][0] == "pcapng" else ".pcap")


def derived(out, name):
    src, ops = DERIVED[name]
    cur = os.path.join(out, src + ".pcap")
    for i, op in enumerate(ops):
        dst = os.path.join(out, derived_file(name) if i == len(ops) - 1 else name + ".tmp%d.pcap" % i)
        args = [os.path.join(out, a) if a.endswith(".keys") else a for a in op]
        run([sys.executable, os.path.join(HERE, "pcaprw.py"), cur, dst] + args)
        if cur.endswith(".tmp%d.pcap" % (i - 1)):
            os.remove(cur)
        cur = dst


def main():
    out = os.path.join(ROOT, "captures")
    argv = sys.argv[1:]
    if argv and not argv[0].startswith("--"):
        out = argv.pop(0)
    if argv[:1] == ["--readme"]:
        import corpus_readme
        sys.exit(corpus_readme.main(out, check="--check" in argv))
    only = set(argv[1:]) if argv[:1] == ["--only"] else None
    os.makedirs(out, exist_ok=True)
    for n in BASE:
        if not only or n in only:
            base(out, n)
    for n in DERIVED:
        if not only or n in only or DERIVED[n][0] in only:
            derived(out, n)


if __name__ == "__main__":
    main()
