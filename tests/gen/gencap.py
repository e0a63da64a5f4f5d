#!/usr/bin/env python3
"""Records one scenario as a capture: real HTTP/1.1 (over real TLS when asked) between the simulated client
and server of run_scenario.py, on the loopback interface of a private network namespace (unshare -n, so
nothing else is on it), recorded by tcpdump. Needs root (namespaces, tcpdump). Only the tcpdump started
here is stopped, by its process id.

Usage: gencap.py --scenario NAME [--seed N] [--tls 1.2|1.3 --cipher NAME [--no-etm] [--no-tickets]]
                 [--keyupdate] [--ipv6] [--port P] --pcap OUT [--keylog OUT] [--facts OUT]
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
INNER = "MAPIDUMP_GEN_IN_NETNS"


def args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--scenario", required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--tls", choices=["1.2", "1.3"])
    p.add_argument("--cipher")
    p.add_argument("--no-etm", action="store_true")
    p.add_argument("--no-tickets", action="store_true")
    p.add_argument("--keyupdate", action="store_true")
    p.add_argument("--ipv6", action="store_true")
    p.add_argument("--port", type=int)
    p.add_argument("--pcap", required=True)
    p.add_argument("--keylog")
    p.add_argument("--facts")
    return p.parse_args()


def inner(a):
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    # a client port in TIME_WAIT may be reused for the same peer (the port-reuse scenario); this namespace only
    with open("/proc/sys/net/ipv4/tcp_tw_reuse", "w") as f:
        f.write("1\n")
    tmp = tempfile.mkdtemp(prefix="mapidump-gen-")
    try:
        pcap, keylog, facts = (os.path.join(tmp, n) for n in ("out.pcap", "keys.log", "facts.json"))
        env = dict(os.environ)
        tls = None
        if a.tls:
            tls = {"version": a.tls, "cipher": a.cipher, "etm": not a.no_etm, "tickets": not a.no_tickets}
            if a.tls == "1.3":
                conf = os.path.join(tmp, "openssl.cnf")
                with open(conf, "w") as f:
                    f.write("openssl_conf = init\n[init]\nssl_conf = ssl\n[ssl]\nsystem_default = sys\n"
                            "[sys]\nCiphersuites = %s\n" % a.cipher)
                env["OPENSSL_CONF"] = conf
        if a.keyupdate:
            tls["keyupdate"] = True
        # -U: each packet written at once; -Z root: keep writing into our directory; -s 0: whole packets
        td = subprocess.Popen(["tcpdump", "-i", "lo", "-U", "-Z", "root", "-s", "0", "-w", pcap, "tcp"],
                              stderr=subprocess.PIPE, text=True)
        line = td.stderr.readline()
        if "listening" not in line:
            td.kill()
            sys.exit("gencap: tcpdump did not start: " + line)
        addr = "::1" if a.ipv6 else "127.0.0.1"
        port = a.port or (443 if a.tls else 8080)
        scen = a.scenario + ("+keyupdate" if a.keyupdate else "")
        r = subprocess.run([sys.executable, os.path.join(HERE, "run_scenario.py"), scen, str(a.seed), addr,
                            str(port), keylog, json.dumps(tls) if tls else "-", facts], env=env)
        time.sleep(2)  # let tcpdump write the last packets
        td.send_signal(signal.SIGINT)
        td.wait(10)
        if r.returncode:
            sys.exit("gencap: the scenario failed")
        shutil.copyfile(pcap, a.pcap)
        if a.keylog and a.tls:
            shutil.copyfile(keylog, a.keylog)
        if a.facts:
            shutil.copyfile(facts, a.facts)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    a = args()
    if os.environ.get(INNER) == "1":
        inner(a)
        return
    if os.geteuid() != 0:
        sys.exit("gencap: needs root (a network namespace and tcpdump); the committed captures need neither")
    env = dict(os.environ, **{INNER: "1"})
    r = subprocess.run(["unshare", "-n", sys.executable] + sys.argv, env=env)
    sys.exit(r.returncode)


if __name__ == "__main__":
    main()
