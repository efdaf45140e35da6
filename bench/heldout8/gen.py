#!/usr/bin/env python3
"""heldout8 generator: independent labeled evaluation set for weir (DO NOT TUNE ON IT).

  python3 bench/heldout8/gen.py [--seed 8] [--out bench/heldout8/heldout8.jsonl] [--stats]

Families are written as text with inline span markers (base.E / base.I); finalize() strips the markers,
records UTF-8 byte offsets, re-validates every scored value and adds ignore entries for private IPs.
"""
import argparse
import collections
import ipaddress
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import core as C  # noqa: E402
import base as B  # noqa: E402
import fam_pii  # noqa: E402,F401
import fam_phi  # noqa: E402,F401
import fam_sec  # noqa: E402,F401
from core import R  # noqa: E402

MIN = 15


def all_types():
    sys.path.insert(0, "/work/shared/corpus")
    try:
        from taxonomy import TYPES as T
        return list(T)
    except Exception:
        return sorted(set(C.VALIDATORS) | {"DATE_OF_BIRTH", "US_PASSPORT", "MEDICAL_RECORD_NUMBER", "MAC_ADDRESS",
                                           "PHONE_NUMBER", "GCP_SERVICE_ACCOUNT_KEY", "DATABASE_URL_WITH_PASSWORD",
                                           "PASSWORD_ASSIGNMENT"})


IPV4_RE = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.])")


def nonpublic(ip):
    try:
        a = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return a.is_private or a.is_loopback or a.is_link_local or a.is_unspecified or a in ipaddress.ip_network("100.64.0.0/10")


def check_gcp(v):
    s = v
    if '\\"' in s:
        s = json.loads('"' + s + '"')
    o = json.loads(s)
    assert o.get("type") == "service_account" and "PRIVATE KEY" in o.get("private_key", "") and o.get("private_key_id")
    assert C.pem_ok(o["private_key"])


def finalize(marked, kind):
    out = bytearray()
    ents = []
    stack = []
    i = 0
    n = len(marked)
    while i < n:
        ch = marked[i]
        if ch == "\x01":
            j = marked.index("\x02", i)
            t = marked[i + 1:j]
            ign = t.endswith("!")
            stack.append((t.rstrip("!"), ign, len(out)))
            i = j + 1
            continue
        if ch == "\x03":
            t, ign, st = stack.pop()
            e = {"type": t, "start": st, "end": len(out)}
            if ign:
                e["ignore"] = True
            ents.append(e)
            i += 1
            continue
        out += ch.encode("utf-8")
        i += 1
    assert not stack, kind
    text = out.decode("utf-8")
    assert "\x01" not in text and "\x02" not in text and "\x03" not in text
    b = text.encode()
    for e in ents:
        v = b[e["start"]:e["end"]].decode()
        assert v and v == v.strip(" ") or e["type"] == "PRIVATE_KEY", (kind, e, v)
        if e.get("ignore"):
            continue
        t = e["type"]
        if t == "GCP_SERVICE_ACCOUNT_KEY":
            check_gcp(v)
        elif t in C.VALIDATORS:
            vv = v.replace("\n", "").replace(" ", "") if t == "IBAN" else v
            assert C.VALIDATORS[t](vv), (kind, t, v)
    # label other occurrences of scored values
    extra = []
    for e in ents:
        if e.get("ignore") or e["type"] in ("GCP_SERVICE_ACCOUNT_KEY", "PRIVATE_KEY"):
            continue
        v = b[e["start"]:e["end"]]
        if len(v) < 6:
            continue
        pos = 0
        while True:
            k = b.find(v, pos)
            if k < 0:
                break
            pos = k + 1
            end = k + len(v)
            if any(x["start"] < end and k < x["end"] for x in ents + extra):
                continue
            before = b[k - 1:k] if k else b""
            after = b[end:end + 1]
            if (before and (before.isalnum())) or (after and after.isalnum()):
                continue
            extra.append({"type": e["type"], "start": k, "end": end})
    ents += extra
    for m in IPV4_RE.finditer(text):
        ip = m.group(1)
        if not nonpublic(ip):
            continue
        s = len(text[:m.start(1)].encode())
        e_ = s + len(ip)
        if any(x["start"] < e_ and s < x["end"] for x in ents):
            continue
        ents.append({"type": "IP_ADDRESS", "start": s, "end": e_, "ignore": True})
    ents.sort(key=lambda x: (x["start"], -x["end"]))
    return text, ents


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "heldout8.jsonl"))
    ap.add_argument("--stats", action="store_true")
    a = ap.parse_args()
    C.reseed(a.seed)
    C.selftest()
    C.reseed(a.seed)
    types = all_types()
    plan = []
    for kind, (fn, w, hosts) in sorted(B.FAMILIES.items()):
        plan += [kind] * w
    R.shuffle(plan)
    recs = []
    kinds = collections.Counter()

    def make(kind):
        fn = B.FAMILIES[kind][0]
        for _ in range(20):
            marked = fn()
            text, ents = finalize(marked, kind)
            recs.append({"id": "h8-%06d" % (len(recs) + 1), "text": text, "kind": kind, "entities": ents})
            kinds[kind] += 1
            for e in ents:
                if not e.get("ignore"):
                    B.COUNTS[e["type"]] += 1
            return

    for kind in plan:
        B.STATE["force"] = None
        make(kind)
    # top-up
    for rnd in range(400):
        low = [t for t in types if B.COUNTS[t] < MIN]
        if not low:
            break
        t = min(low, key=lambda x: B.COUNTS[x])
        hosts = [k for k, (fn, w, h) in sorted(B.FAMILIES.items()) if t in h]
        assert hosts, "no host family for " + t
        B.STATE["force"] = t
        make(R.choice(hosts))
    B.STATE["force"] = None
    low = {t: B.COUNTS[t] for t in types if B.COUNTS[t] < MIN}
    assert not low, low
    with open(a.out, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # verify offsets once more from the written file
    with open(a.out, encoding="utf-8") as f:
        for ln in f:
            r = json.loads(ln)
            bb = r["text"].encode()
            for e in r["entities"]:
                assert 0 <= e["start"] < e["end"] <= len(bb)
                bb[e["start"]:e["end"]].decode()
    nign = sum(1 for r in recs for e in r["entities"] if e.get("ignore"))
    nsc = sum(B.COUNTS.values())
    print("records=%d scored=%d ignore=%d" % (len(recs), nsc, nign))
    if a.stats:
        for t, c in sorted(B.COUNTS.items(), key=lambda x: (-x[1], x[0])):
            print("  %-28s %d" % (t, c))
        for k, c in sorted(kinds.items()):
            print("  kind %-28s %d" % (k, c))


if __name__ == "__main__":
    main()
