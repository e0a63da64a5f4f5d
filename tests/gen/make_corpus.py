#!/usr/bin/env python3
"""Makes the committed test corpus in captures/: records the base captures with gencap.py (root: a network
namespace and tcpdump), derives the edge cases with pcaprw.py, and lists the cases in captures/MANIFEST.
Expected outputs are not written here: tests/offline/regen-expected.py writes them, one case at a time, and
each is read against the facts of its scenario before it is committed.

Usage: make_corpus.py [CAPTURES_DIR] [--only NAME...]
"""
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
    # the same client and server ports used by two connections one after the other
    "plain-port-reuse": ["--scenario", "reuse"],
    # a suite mapidump does not decrypt (CCM): reported with its reason
    "tls13-aes128ccm": ["--scenario", "standard", "--tls", "1.3", "--cipher", "TLS_AES_128_CCM_SHA256"],
}

# name: (base, [pcaprw.py operations]) -- applied in order
DERIVED = {
    "plain-ooo": ("plain-http", [["resegment", "200"], ["reorder", "2"]]),
    "plain-retransmit": ("plain-http", [["resegment", "200"], ["retransmit", "3"]]),
    "plain-conflict": ("plain-http", [["resegment", "200"], ["retransmit", "5", "change"]]),
    "plain-gap": ("plain-http", [["resegment", "200"], ["drop", "0", "server", "12"]]),
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


def derived(out, name):
    src, ops = DERIVED[name]
    cur = os.path.join(out, src + ".pcap")
    for i, op in enumerate(ops):
        dst = os.path.join(out, name + (".pcap" if i == len(ops) - 1 else ".tmp%d.pcap" % i))
        run([sys.executable, os.path.join(HERE, "pcaprw.py"), cur, dst] + op)
        if cur.endswith(".tmp%d.pcap" % (i - 1)):
            os.remove(cur)
        cur = dst


def extras(out):
    # pcapng with the key log inside (a Decryption Secrets Block) and no -k
    run([sys.executable, os.path.join(HERE, "pcaprw.py"), os.path.join(out, "tls13-aes128gcm.pcap"),
         os.path.join(out, "tls13-dsb.pcapng"), "pcapng", os.path.join(out, "tls13-aes128gcm.keys")])
    # a capture cut off inside its last packet record
    data = open(os.path.join(out, "plain-http.pcap"), "rb").read()
    with open(os.path.join(out, "plain-truncated.pcap"), "wb") as f:
        f.write(data[:len(data) - 37])


def main():
    out = os.path.join(ROOT, "captures")
    argv = sys.argv[1:]
    if argv and not argv[0].startswith("--"):
        out = argv.pop(0)
    only = set(argv[1:]) if argv[:1] == ["--only"] else None
    os.makedirs(out, exist_ok=True)
    for n in BASE:
        if not only or n in only:
            base(out, n)
    for n in DERIVED:
        if not only or n in only or DERIVED[n][0] in only:
            derived(out, n)
    if not only or "tls13-aes128gcm" in only or "plain-http" in only:
        extras(out)


if __name__ == "__main__":
    main()
