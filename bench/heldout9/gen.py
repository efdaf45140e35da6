#!/usr/bin/env python3
"""heldout9 generator: independent held-out evaluation set for weir (Python 3 stdlib only).

  python3 bench/heldout9/gen.py [--seed 9] [--out bench/heldout9/heldout9.jsonl] [--stats]

Families write text with inline markers (\\x01TYPE\\x02value\\x03, TYPE! = ignore; markers nest). finalize() strips
them while recording UTF-8 byte offsets, re-slices every span, re-validates every scored checksum/structured value,
labels repeated occurrences of scored values, and adds ignore entries for private/loopback/CGNAT IPv4 literals.
"""
import argparse, collections, ipaddress, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import core
import base
from base import COUNT, STATE, MIN
import fam_pii, fam_phi, fam_sec
sys.path.insert(0, "/work/shared/corpus")
try:
    from taxonomy import TYPES
except ImportError:
    TYPES = None

FAMS = {}
for m in (fam_pii, fam_phi, fam_sec):
    FAMS.update(m.FAMILIES)
SLOTS = {"loyalty_statement": 18, "telecom_cdr": 16, "court_docket": 18, "mls_listing_html": 18, "matrix_room_export": 20, "meeting_vtt": 20,
         "cv_resume": 20, "consular_form_i18n": 22, "pos_journal": 14, "ical_vcard": 18, "jsonld_contact_page": 16,
         "x12_835_era": 14, "lims_export": 14, "odm_edc_xml": 14, "optometry_exam": 16, "sleep_study_report": 16,
         "gitlab_ci_yaml": 18, "onepassword_1pux": 20, "helm_values": 18, "service_unit_configs": 16, "edge_access_log": 14,
         "mitmproxy_dump": 18, "reddit_thread_json": 20, "negatives_only": 8}
HOST = {"CREDIT_CARD": "matrix_room_export", "IBAN": "matrix_room_export", "MAC_ADDRESS": "matrix_room_export", "IMEI": "matrix_room_export",
        "CRYPTO_WALLET": "matrix_room_export", "PHONE_NUMBER": "jsonld_contact_page", "EMAIL_ADDRESS": "jsonld_contact_page",
        "IP_ADDRESS": "edge_access_log", "US_BANK_ROUTING": "meeting_vtt", "DATE_OF_BIRTH": "consular_form_i18n",
        "US_NPI": "sleep_study_report", "US_DEA": "sleep_study_report", "US_MBI": "optometry_exam", "ICD10_CODE": "lims_export",
        "MEDICAL_RECORD_NUMBER": "lims_export", "PRIVATE_KEY": "helm_values", "GCP_SERVICE_ACCOUNT_KEY": "helm_values",
        "AZURE_STORAGE_KEY": "helm_values", "DATABASE_URL_WITH_PASSWORD": "gitlab_ci_yaml", "PASSWORD_ASSIGNMENT": "gitlab_ci_yaml"}
for t in fam_pii.NAT: HOST[t] = "consular_form_i18n"
for t in fam_sec.TOK: HOST[t] = "service_unit_configs"

RE_NINO = re.compile(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]")
def _digits(s):
    return re.sub(r"\D", "", s)
def _gcp_ok(s):
    try:
        o = json.loads(s)
    except ValueError:
        try:
            o = json.loads(json.loads('"' + s + '"'))
        except ValueError:
            return False
    return o.get("type") == "service_account" and "private_key_id" in o and core.pem_ok(o["private_key"].strip())
VALIDATORS = {
    "CREDIT_CARD": lambda s: 13 <= len(_digits(s)) <= 19 and core.luhn_ok(s) and re.fullmatch(r"[\d -]+", s),
    "IBAN": lambda s: core.iban_ok(s), "US_BANK_ROUTING": core.aba_ok, "UK_NHS": core.nhs_ok,
    "CA_SIN": lambda s: len(_digits(s)) == 9 and core.luhn_ok(s) and _digits(s)[0] in "12345679",
    "IN_AADHAAR": lambda s: len(_digits(s)) == 12 and core.verhoeff_ok(s) and _digits(s)[0] in "23456789",
    "ES_NIF": core.nif_ok, "IT_FISCAL_CODE": core.cf_ok, "NL_BSN": core.bsn_ok, "BR_CPF": core.cpf_ok, "PL_PESEL": core.pesel_ok,
    "SG_NRIC": core.nric_ok, "AU_TFN": core.tfn_ok, "CRYPTO_WALLET": core.wallet_ok, "IMEI": lambda s: len(_digits(s)) == 15 and core.luhn_ok(s),
    "US_NPI": core.npi_ok, "US_DEA": core.dea_ok, "US_MBI": core.mbi_ok, "US_SSN": core.ssn_ok, "US_ITIN": core.itin_ok,
    "UK_NINO": lambda s: bool(RE_NINO.fullmatch(s)) and s[:2] not in core.NINO_BAD,
    "IN_PAN": lambda s: bool(re.fullmatch(r"[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z]", s)),
    "US_PASSPORT": lambda s: bool(re.fullmatch(r"\d{9}|[A-Z]\d{8}", s)),
    "GITHUB_TOKEN": core.gh_ok, "NPM_TOKEN": lambda s: s.startswith("npm_") and core.crc_ok(s), "PYPI_TOKEN": core.pypi_ok, "JWT": core.jwt_ok,
    "PRIVATE_KEY": core.pem_ok, "GCP_SERVICE_ACCOUNT_KEY": _gcp_ok, "AZURE_STORAGE_KEY": core.azure_ok,
    "OPENAI_API_KEY": lambda s: s.startswith("sk-") and "T3BlbkFJ" in s,
    "ANTHROPIC_API_KEY": lambda s: re.fullmatch(r"sk-ant-(api03|admin01)-[A-Za-z0-9_-]{93}AA", s) is not None,
    "AWS_ACCESS_KEY_ID": lambda s: re.fullmatch(r"(AKIA|ASIA)[A-Z2-7]{16}", s) is not None,
    "AWS_SECRET_ACCESS_KEY": lambda s: re.fullmatch(r"[A-Za-z0-9/+]{40}", s) is not None,
    "HUGGINGFACE_TOKEN": lambda s: re.fullmatch(r"hf_[A-Za-z]{34}", s) is not None,
    "SLACK_WEBHOOK_URL": lambda s: re.fullmatch(r"https://hooks\.slack\.com/services/T\w+/B\w+/[A-Za-z0-9]{24}", s) is not None,
    "SENDGRID_API_KEY": lambda s: re.fullmatch(r"SG\.[\w-]{22}\.[\w-]{43}", s) is not None,
    "TWILIO_API_KEY": lambda s: re.fullmatch(r"SK[0-9a-f]{32}", s) is not None,
    "STRIPE_SECRET_KEY": lambda s: re.fullmatch(r"(sk_live_|sk_test_|rk_live_)[A-Za-z0-9]{24,99}", s) is not None,
    "GOOGLE_API_KEY": lambda s: re.fullmatch(r"AIza[\w-]{35}", s) is not None,
    "GITLAB_TOKEN": lambda s: re.fullmatch(r"(glpat|glrt|gldt|glft)-[\w-]{20}", s) is not None,
    "SLACK_TOKEN": lambda s: re.match(r"(xox[bpae]|xoxe\.xoxp|xapp)-", s) is not None,
    "EMAIL_ADDRESS": lambda s: re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", s) is not None,
    "IP_ADDRESS": lambda s: ipaddress.ip_address(s).is_global,
    "MAC_ADDRESS": lambda s: re.fullmatch(r"([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}", s) is not None,
    "ICD10_CODE": lambda s: re.fullmatch(r"[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?", s) is not None,
}

def strip_markers(marked):
    out = bytearray()
    stack, ents = [], []
    i = 0
    while i < len(marked):
        c = marked[i]
        if c == "\x01":
            j = marked.index("\x02", i)
            stack.append((marked[i + 1:j], len(out)))
            i = j + 1
            continue
        if c == "\x03":
            t, s = stack.pop()
            ign = t.endswith("!")
            e = {"type": t.rstrip("!"), "start": s, "end": len(out)}
            if ign: e["ignore"] = True
            ents.append(e)
            i += 1
            continue
        if c == "\x02":
            raise ValueError("stray marker")
        out += c.encode()
        i += 1
    assert not stack
    return out.decode(), ents

PRIV = re.compile(r"(?<![\d.])(10\.\d{1,3}\.\d{1,3}\.\d{1,3}|192\.168\.\d{1,3}\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3}|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|100\.(?:6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.\d{1,3}\.\d{1,3}|169\.254\.\d{1,3}\.\d{1,3}|0\.0\.0\.0)(?![\d.]*\d)")
def finalize(marked, kind):
    text, ents = strip_markers(marked)
    b = text.encode()
    for e in ents:
        v = b[e["start"]:e["end"]].decode()
        assert v and v == v.strip() or e["type"] in ("PRIVATE_KEY", "GCP_SERVICE_ACCOUNT_KEY"), (kind, e, v)
        if not e.get("ignore"):
            f = VALIDATORS.get(e["type"])
            if f and not f(v):
                raise AssertionError("invalid %s %r in %s" % (e["type"], v, kind))
    # label repeated occurrences of scored values
    have = {(e["start"], e["end"]) for e in ents}
    for e in list(ents):
        if e.get("ignore"): continue
        v = b[e["start"]:e["end"]]
        if len(v) < 6 or e["type"] in ("GCP_SERVICE_ACCOUNT_KEY", "PRIVATE_KEY"): continue
        pos = 0
        while True:
            k = b.find(v, pos)
            if k < 0: break
            pos = k + 1
            s, t = k, k + len(v)
            if (s, t) in have: continue
            pre = b[s - 1:s].decode(errors="ignore") if s else ""
            post = b[t:t + 1].decode(errors="ignore")
            if (pre and (pre.isalnum() or pre in "_")) or (post and (post.isalnum() or post in "_")): continue
            if any(x["start"] < t and s < x["end"] for x in ents): continue
            ents.append({"type": e["type"], "start": s, "end": t}); have.add((s, t))
    for m in PRIV.finditer(text):
        s = len(text[:m.start()].encode()); t = s + len(m.group(0).encode())
        if not any(x["start"] <= s and t <= x["end"] for x in ents):
            ents.append({"type": "IP_ADDRESS", "start": s, "end": t, "ignore": True})
    ents.sort(key=lambda x: (x["start"], -x["end"]))
    return {"text": text, "kind": kind, "entities": ents}

TOTAL = collections.Counter()
def run_family(name, recs):
    COUNT.clear(); COUNT.update(TOTAL)
    r = finalize(FAMS[name](), name)
    for e in r["entities"]:
        if not e.get("ignore"): TOTAL[e["type"]] += 1
    recs.append(r)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "heldout9.jsonl"))
    ap.add_argument("--stats", action="store_true")
    a = ap.parse_args()
    core.seed(a.seed)
    core.selftest()
    plan = [f for f, n in SLOTS.items() for _ in range(n)]
    core.R.shuffle(plan)
    recs = []
    for f in plan:
        STATE["force"] = None
        run_family(f, recs)
    alltypes = list(TYPES) if TYPES else sorted(set(HOST))
    guard = 0
    while True:
        low = [t for t in alltypes if TOTAL[t] < MIN]
        if not low: break
        t = min(low, key=lambda x: TOTAL[x])
        STATE["force"] = t
        run_family(HOST[t], recs)
        guard += 1
        assert guard < 400, low
    STATE["force"] = None
    core.R.shuffle(recs)
    with open(a.out, "w", encoding="utf-8") as f:
        for i, r in enumerate(recs):
            f.write(json.dumps({"id": "h9-%05d" % (i + 1), "text": r["text"], "kind": r["kind"], "entities": r["entities"]}, ensure_ascii=False) + "\n")
    # re-read and check
    n = 0
    kinds = collections.Counter()
    ign = 0
    with open(a.out, encoding="utf-8") as f:
        for ln in f:
            o = json.loads(ln)
            bb = o["text"].encode()
            kinds[o["kind"]] += 1
            for e in o["entities"]:
                assert 0 <= e["start"] < e["end"] <= len(bb)
                bb[e["start"]:e["end"]].decode()
                ign += bool(e.get("ignore"))
            n += 1
    assert all(TOTAL[t] >= MIN for t in alltypes)
    print("wrote %d records, %d scored entities, %d ignore entries -> %s" % (n, sum(TOTAL.values()), ign, a.out))
    if a.stats:
        print(" · ".join("%s %d" % kv for kv in TOTAL.most_common()))
        print(" · ".join("%s %d" % kv for kv in sorted(kinds.items())))

if __name__ == "__main__":
    main()
