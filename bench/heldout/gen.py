#!/usr/bin/env python3
"""Generate the held-out evaluation set bench/heldout/heldout.jsonl.

  python3 bench/heldout/gen.py [--seed 20261122] [--n 30] [--out bench/heldout/heldout.jsonl]

Python 3 standard library only; deterministic for a given seed. Document families are deliberately NOT the
ones in /work/shared/corpus/dev.jsonl (see README.md). Texts are assembled from parts so that every gold span
is computed (UTF-8 byte offsets, end exclusive), never typed by hand; a self-check re-verifies each span.
"""
import argparse
import base64
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import values as V  # noqa: E402


# ------------------------------------------------------------------ document builder
class Doc:
    def __init__(self):
        self.parts, self.n, self.ents = [], 0, []

    def t(self, s):
        self.parts.append(s)
        self.n += len(s.encode("utf-8"))
        return self

    def e(self, typ, val, ignore=False):
        st = self.n
        self.t(val)
        ent = {"type": typ, "start": st, "end": self.n}
        if ignore:
            ent["ignore"] = True
        self.ents.append(ent)
        self._chk.append((ent, val))
        return self

    _chk = None

    def mark(self):
        return self.n

    def span(self, typ, start, ignore=False):
        ent = {"type": typ, "start": start, "end": self.n}
        if ignore:
            ent["ignore"] = True
        self.ents.append(ent)
        self._chk.append((ent, None))

    def text(self):
        return "".join(self.parts)


PH = re.compile(r"«(\w+)»")


def fill(d, tpl, **kw):
    """Append template text; «key» placeholders are str (plain) or tuples (TYPE, value[, ignore])."""
    pos = 0
    for m in PH.finditer(tpl):
        d.t(tpl[pos:m.start()])
        v = kw[m.group(1)]
        for v in (v if isinstance(v, list) else [v]):
            _put(d, v)
        pos = m.end()
    d.t(tpl[pos:])
    return d


def _put(d, v):
    if True:
        if v is None:
            pass
        elif isinstance(v, tuple):
            if v[0] is None:
                d.t(v[1])
            else:
                d.e(v[0], v[1], len(v) > 2 and v[2])
        else:
            d.t(str(v))


def E(t, v):
    return (t, v)


def IG(t, v):
    return (t, v, True)


def N(v):
    """plain text (hard negative or filler) - documented for readability."""
    return (None, v)


def js(s):
    """JSON-escape a string body (no quotes)."""
    return json.dumps(s, ensure_ascii=False)[1:-1]


FIRST = {"en": ["Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Grace", "Marcus", "Chloe", "Darnell", "Priya", "Kevin"],
         "de": ["Lukas", "Anna", "Jonas", "Lea", "Felix", "Marie", "Jürgen", "Sophie"],
         "fr": ["Camille", "Hugo", "Léa", "Louis", "Chloé", "Mathis", "Inès", "Théo"],
         "es": ["Lucía", "Mateo", "Sofía", "Hugo", "Martina", "Pablo", "Valeria", "Álvaro"],
         "it": ["Giulia", "Francesco", "Aurora", "Alessandro", "Chiara", "Lorenzo"],
         "nl": ["Daan", "Sanne", "Bram", "Fleur", "Jeroen", "Lotte"],
         "pt": ["João", "Ana", "Gabriel", "Beatriz", "Rafael", "Mariana"],
         "pl": ["Jakub", "Zuzanna", "Kacper", "Julia", "Mateusz", "Maja"],
         "hi": ["राहुल", "प्रिया", "अमित", "सुनीता", "Arjun", "Kavya"],
         "zh": ["王伟", "李娜", "张敏", "刘洋", "陈静"],
         "ja": ["佐藤 健", "鈴木 花子", "高橋 誠", "田中 美咲", "渡辺 翔"]}
LAST = {"en": ["Johnson", "Okafor", "Nguyen", "Patel", "O'Brien", "García", "Kowalski", "Whitaker", "Chen", "Moreau"],
        "de": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber"], "fr": ["Martin", "Bernard", "Dubois", "Lefèvre"],
        "es": ["García", "Fernández", "López", "Martínez"], "it": ["Rossi", "Russo", "Ferrari", "Esposito"],
        "nl": ["de Jong", "Jansen", "van Dijk", "Bakker"], "pt": ["Silva", "Santos", "Oliveira", "Souza"],
        "pl": ["Nowak", "Kowalski", "Wiśniewski", "Wójcik"], "hi": ["शर्मा", "वर्मा", "Iyer", "Reddy"], "zh": [""], "ja": [""]}
DOMAINS = ["gmail.com", "outlook.com", "proton.me", "yahoo.co.jp", "web.de", "orange.fr", "libero.it", "ziggo.nl",
           "uol.com.br", "wp.pl", "qq.com", "rediffmail.com", "fastmail.fm", "icloud.com", "bigpond.net.au",
           "acme-health.org", "northwind.io", "münchen-kanzlei.de", "tallyhq.com", "mail.nhs.uk", "clinic.example.org"]


class G:
    """per-record generation context."""

    def __init__(self, r, kp):
        self.r, self.kp = r, kp

    def name(self, lang="en"):
        f = self.r.choice(FIRST.get(lang, FIRST["en"]))
        ln = self.r.choice(LAST.get(lang, LAST["en"]))
        return (f + " " + ln).strip()

    def email(self, name=None):
        r = self.r
        base = re.sub(r"[^a-z]", "", (name or self.name()).lower().split(" ")[0]) or r.choice(["kim", "li", "sato"])
        local = r.choice([base, base + "." + V.rs(r, V.LO, 5), base + str(r.randint(1, 99)), base + "+billing",
                          base[:1] + "_" + V.rs(r, V.LO, 6), "dr." + base])
        dom = r.choice(DOMAINS)
        if dom == "clinic.example.org":
            dom = "clinic-north.org"
        return local + "@" + dom

    def ph(self, cc=None):
        return E("PHONE_NUMBER", V.phone(self.r, cc)[1])

    def dob(self, lang="en", style=None):
        y, m, d = V.ymd(self.r)
        return E("DATE_OF_BIRTH", V.fmt_date(self.r, y, m, d, lang, style))

    def date(self):
        y, m, d = V.ymd(self.r, 2023, 2026)
        return "%d-%02d-%02d" % (y, m, d)

    def card(self, issuer=None, style=None):
        iss, num = V.card_number(self.r, issuer)
        return E("CREDIT_CARD", V.fmt_card(self.r, iss, num, style))

    def bad_card(self):
        iss, num = V.card_number(self.r)
        return N(V.fmt_card(self.r, iss, V.luhn_break(num)))

    def iban(self, cc=None, style=None):
        return E("IBAN", V.fmt_iban(self.r, V.iban(self.r, cc), style))

    def ip(self):
        return E("IP_ADDRESS", V.ipv4(self.r) if self.r.random() < 0.75 else V.ipv6(self.r))

    def pip(self):
        return IG("IP_ADDRESS", V.ipv4_private(self.r))

    def version4(self):
        r = self.r
        return N("%d.%d.%d.%d" % (r.randint(1, 12), r.randint(0, 20), r.randint(0, 40), r.randint(0, 9999)))

    def order(self):
        r = self.r
        return N(r.choice(["%03d-%07d-%07d" % (r.randint(100, 999), r.randint(0, 9999999), r.randint(0, 9999999)),
                           "1Z%s" % V.rs(r, V.UP + V.DIG, 16), "SO-%d" % r.randint(100000, 999999),
                           "%03d-%03d-%04d" % (r.randint(200, 999), r.randint(100, 999), r.randint(0, 9999)),
                           "INV-%d-%05d" % (r.randint(2023, 2026), r.randint(0, 99999)),
                           "RR%09dDE" % r.randint(0, 999999999)]))

    def pw(self):
        return E("PASSWORD_ASSIGNMENT", V.password(self.r))


# ====================================================================== families
def fam_email_thread(g):
    r, d = g.r, Doc()
    a, b = g.name(), g.name(r.choice(["en", "de", "fr", "nl"]))
    ea, eb = g.email(a), g.email(b)
    cc = r.choice(["US", "UK", "DE", "FR", "NL", "AU", "SG", "JP"])
    fill(d, "From: «an» <«ea»>\nTo: «bn» <«eb»>\nCc: «cc»\nDate: Tue, 14 Oct 2025 09:12:44 +0200\n"
            "Subject: RE: RE: updated payout details [ticket «tk»]\nMessage-ID: <«uid»>\n\n",
         an=a, ea=E("EMAIL_ADDRESS", ea), bn=b, eb=E("EMAIL_ADDRESS", eb), cc=E("EMAIL_ADDRESS", "billing-team@northwind.io"),
         tk=g.order(), uid=IG("EMAIL_ADDRESS", V.uuid(r) + "@mail.northwind.io"))
    body = r.choice([
        "Hi «bf»,\n\nThanks — please use the new account for the May invoice: «iban». The old one at «oldbank» is closed.\n"
        "If anything is unclear, call me on «ph1» (mobile) rather than the office line.\n",
        "Hello «bf»,\n\nattached the signed form. For the background check they asked for my SSN («ssn») and date of birth "
        "(born «dob»). Card for the deposit is «card», exp 08/29.\n",
        "«bf», quick one: the vendor portal still shows routing number «aba» and account 0049 2281 77 — can you confirm "
        "with treasury? My direct line is «ph1».\n"])
    fill(d, body, bf=b.split(" ")[0], iban=g.iban(), oldbank=N(V.iban_bad(r)), ph1=g.ph(cc), ssn=E("US_SSN", V.ssn(r, "-")),
         dob=g.dob("en"), card=g.card(), aba=E("US_BANK_ROUTING", V.aba(r)))
    fill(d, "\nBest regards,\n«an»\nSenior Accountant | Northwind Logistics\nT «t1» | M «t2»\n«ea»\n"
            "[logo@2x.png] Please consider the environment before printing.\n\n",
         an=a, t1=g.ph(cc), t2=g.ph(cc), ea=E("EMAIL_ADDRESS", ea))
    fill(d, "On Mon, 13 Oct 2025 at 17:40, «bn» <«eb»> wrote:\n> Hi «af»,\n> can you resend the IBAN? The one I have is\n"
            "> «qiban» and the bank rejected it.\n> Also your card on file ends in **** «l4».\n> --\n> «bn» · «bph»\n",
         bn=b, eb=E("EMAIL_ADDRESS", eb), af=a.split(" ")[0], qiban=g.iban(style="space"), l4=N("%04d" % r.randint(0, 9999)),
         bph=g.ph())
    if r.random() < 0.5:
        fill(d, ">> Forwarded message: tracking «trk», order «ord», build «ver».\n",
             trk=N("1Z" + V.rs(r, V.UP + V.DIG, 16)), ord=g.order(), ver=g.version4())
    return "email_thread", d


def fam_chat_json(g):
    r, d = g.r, Doc()
    users = [("U0" + V.rs(r, V.UP + V.DIG, 8), g.name()) for _ in range(3)]
    ts = 1727000000 + r.randint(0, 9999999)
    msgs = []
    pool = [
        lambda: ("my cell is «v» if the bridge drops", g.ph()),
        lambda: ("new bot token for the deploy app: «v» (rotate the old one pls)", E("SLACK_TOKEN", V.slack_token(r))),
        lambda: ("incoming webhook for #alerts → «v»", E("SLACK_WEBHOOK_URL", V.slack_webhook(r))),
        lambda: ("customer says card «v» was charged twice", g.card()),
        lambda: ("prod db is postgres://app_rw:«v»@pg-main.internal:5432/orders fyi", E("DATABASE_URL_WITH_PASSWORD", V.password(r).replace("@", "x").replace("/", "x"))),
        lambda: ("can someone check «v»? it's hammering /login", g.ip()),
        lambda: ("the hf token I used: «v»", E("HUGGINGFACE_TOKEN", V.hf_token(r))),
        lambda: ("ticket «v» is the same bug", g.order()),
        lambda: ("commit «v» fixed it", N(V.sha(r, 40))),
        lambda: ("patient DOB «v» per the intake form", g.dob("en")),
        lambda: ("send the refund to «v»", g.iban()),
        lambda: ("email «v» and cc me", E("EMAIL_ADDRESS", g.email())),
        lambda: ("lol no, that's the example key «v» from the docs", IG("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")),
        lambda: ("my masked card shows as «v»", N("**** **** **** %04d" % r.randint(0, 9999))),
        lambda: ("openai key for the eval job «v»", E("OPENAI_API_KEY", V.openai_key(r))),
        lambda: ("pk for the frontend is «v» (publishable, fine to share)", N("pk_live_" + V.rs(r, V.ALNUM, 24))),
        lambda: ("IMEI of the lost phone: «v»", E("IMEI", V.imei(r))),
    ]
    for _ in range(r.randint(4, 8)):
        u = r.choice(users)
        tpl, val = r.choice(pool)()
        msgs.append((u, tpl, val))
    teams = r.random() < 0.4
    d.t("[\n" if not teams else '{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#chats(\'19%3Ameeting\')/messages",\n "value": [\n')
    for i, (u, tpl, val) in enumerate(msgs):
        ts += r.randint(5, 900)
        pre, post = tpl.split("«v»")
        if teams:
            fill(d, '  {"id": "%d", "from": {"user": {"displayName": "«n»"}}, "createdDateTime": "2025-10-%02dT10:%02d:00Z", '
                    '"body": {"contentType": "text", "content": "«pre»«v»«post»"}}' % (ts, r.randint(1, 28), r.randint(0, 59)),
                 n=js(u[1]), pre=js(pre), v=val, post=js(post))
        else:
            fill(d, '  {"type": "message", "user": "«uid»", "user_name": "«n»", "ts": "%d.%06d", "text": "«pre»«v»«post»"}'
                 % (ts, r.randint(0, 999999)), uid=u[0], n=js(u[1]), pre=js(pre), v=val, post=js(post))
        d.t(",\n" if i < len(msgs) - 1 else "\n")
    d.t("]\n" if not teams else " ]\n}\n")
    return "chat_export_json", d


def fam_hl7(g):
    r, d = g.r, Doc()
    y, m, dd = V.ymd(r)
    ln, fn = r.choice(LAST["en"]).upper().replace("'", ""), r.choice(FIRST["en"]).upper()
    code, desc = V.icd(r)
    fill(d, "MSH|^~\\&|EPIC|NWH|LABSYS|NWH|20251014081500||ADT^A01|MSG«mid»|P|2.5.1\r"
            "EVN|A01|20251014081500\r"
            "PID|1||«mrn»^^^NWH^MR~«ssn»^^^SSA^SS||«ln»^«fn»^A||«dob»|F|||«st» MAIN ST^^SPRINGFIELD^IL^62704^USA||«ph»^PRN^PH~^NET^Internet^«em»|||M||«acct»|«ssn2»\r"
            "PV1|1|I|4W^412^B||||«npi»^WELBY^MARCUS^^^DR^^^NPI^^^^NPI|||MED||||ADM|||||«visit»\r"
            "DG1|1|I10|«code»^«desc»^I10||20251014|A\r"
            "IN1|1|MCR|CMS|MEDICARE PART A||||||||||||||||||||||||||||||||||«mbi»\r",
         mid=N(str(r.randint(10 ** 8, 10 ** 9))), mrn=E("MEDICAL_RECORD_NUMBER", V.digits(r, 8, "123456789")),
         ssn=E("US_SSN", V.ssn(r, "")), ln=ln, fn=fn, dob=E("DATE_OF_BIRTH", "%d%02d%02d" % (y, m, dd)),
         st=r.randint(10, 9999), ph=E("PHONE_NUMBER", V.phone(r, "US")[1]), em=E("EMAIL_ADDRESS", g.email(fn)),
         acct=N(str(r.randint(10 ** 9, 10 ** 10))), ssn2=E("US_SSN", V.ssn(r, "-")),
         npi=E("US_NPI", V.npi(r)), visit=N("V" + V.digits(r, 9)), code=E("ICD10_CODE", code), desc=desc,
         mbi=E("US_MBI", V.mbi(r, False)))
    if r.random() < 0.6:
        c2, d2 = V.icd(r)
        fill(d, "DG1|2|I10|«c»^«dsc»^I10||20251014|W\rOBX|1|NM|2345-7^GLUCOSE^LN||182|mg/dL|70-99|H|||F\r",
             c=E("ICD10_CODE", c2), dsc=d2)
    fill(d, "NK1|1|«nk»^«nf»|SPO^Spouse|||«nph»\r", nk=ln, nf=r.choice(FIRST["en"]).upper(), nph=E("PHONE_NUMBER", V.phone(r, "US")[1]))
    return "hl7_v2", d


def fam_fhir(g):
    r, d = g.r, Doc()
    name = g.name(r.choice(["en", "es", "fr"]))
    code, desc = V.icd(r)
    y, m, dd = V.ymd(r)
    kind = r.choice(["patient", "bundle", "practitioner"])
    if kind in ("patient", "bundle"):
        if kind == "bundle":
            d.t('{\n  "resourceType": "Bundle",\n  "type": "collection",\n  "entry": [\n    {"resource": ')
        fill(d, '{\n  "resourceType": "Patient",\n  "id": "«pid»",\n  "identifier": [\n'
                '    {"use": "usual", "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]}, '
                '"system": "urn:oid:1.2.36.146.595.217.0.1", "value": "«mrn»"},\n'
                '    {"system": "http://hl7.org/fhir/sid/us-ssn", "value": "«ssn»"},\n'
                '    {"system": "http://hl7.org/fhir/sid/us-mbi", "value": "«mbi»"}\n  ],\n'
                '  "name": [{"family": "«ln»", "given": ["«fn»"]}],\n'
                '  "telecom": [{"system": "phone", "value": "«ph»", "use": "mobile"}, {"system": "email", "value": "«em»"}],\n'
                '  "gender": "female",\n  "birthDate": "«dob»",\n'
                '  "address": [{"line": ["«num» Elm Street"], "city": "Boston", "postalCode": "02118"}],\n'
                '  "meta": {"versionId": "3", "lastUpdated": "2025-10-14T08:15:00Z", "security": [{"code": "«h»"}]}\n}',
             pid=N(V.uuid(r)), mrn=E("MEDICAL_RECORD_NUMBER", V.mrn(r)), ssn=E("US_SSN", V.ssn(r, r.choice(["-", ""]))),
             mbi=E("US_MBI", V.mbi(r)), ln=js(name.split(" ")[-1]), fn=js(name.split(" ")[0]), ph=g.ph(r.choice(["US", "US", "ES", "FR"])),
             em=E("EMAIL_ADDRESS", g.email(name)), dob=E("DATE_OF_BIRTH", "%d-%02d-%02d" % (y, m, dd)), num=r.randint(1, 999),
             h=N(V.sha(r, 40)))
        if kind == "bundle":
            fill(d, '},\n    {"resource": {"resourceType": "Condition", "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", '
                    '"code": "«c»", "display": "«dsc»"}]}, "recordedDate": "«rd»", "recorder": {"identifier": {"system": '
                    '"http://hl7.org/fhir/sid/us-npi", "value": "«npi»"}}}}\n  ]\n}', c=E("ICD10_CODE", code), dsc=js(desc),
                 rd=g.date(), npi=E("US_NPI", V.npi(r)))
    else:
        fill(d, '{"resourceType":"Practitioner","id":"«pid»","identifier":[{"system":"http://hl7.org/fhir/sid/us-npi","value":"«npi»"},'
                '{"system":"https://www.deadiversion.usdoj.gov","value":"«dea»"}],"name":[{"text":"«n»"}],'
                '"telecom":[{"system":"phone","value":"«ph»"},{"system":"email","value":"«em»"}],"birthDate":"«dob»",'
                '"qualification":[{"code":{"text":"MD"},"identifier":[{"value":"«lic»"}]}]}',
             pid=N(V.uuid(r)), npi=E("US_NPI", V.npi(r)), dea=E("US_DEA", V.dea(r, name.split(" ")[-1])), n=js("Dr. " + name),
             ph=g.ph("US"), em=E("EMAIL_ADDRESS", g.email(name)), dob=E("DATE_OF_BIRTH", "%d-%02d-%02d" % (y, m, dd)),
             lic=N("MD%06d" % r.randint(0, 999999)))
    d.t("\n")
    return "fhir_json", d


def fam_discharge(g):
    r, d = g.r, Doc()
    name = g.name()
    c1, d1 = V.icd(r)
    c2, d2 = V.icd(r)
    age = r.randint(30, 88)
    fill(d, "DISCHARGE SUMMARY\n\nPatient: «n»        Med. Rec. #: «mrn»        Acct: «acct»\n"
            "«bornkw» «dob» («age» y/o)     Admit: «ad»     Discharge: «dd»\n"
            "Attending: Dr. Marcus Welby, MD (NPI «npi»)     Room «room»\n"
            "Insurance: Medicare, MBI «mbi»\n\n"
            "HOSPITAL COURSE: «age»-year-old admitted via ED with chest pain; troponin 0.04 → 0.02 ng/mL. "
            "Echo EF 55%. Telemetry unremarkable. Seen by cardiology (pager 4417).\n\n"
            "DISCHARGE DIAGNOSES:\n  1. «d1» — «c1»\n  2. «d2» («c2»)\n  3. Hx of smoking, quit 2019.\n\n"
            "MEDICATIONS: metoprolol succinate 25 mg PO daily; atorvastatin 40 mg PO qHS. Rx signed, DEA «dea».\n"
            "FOLLOW-UP: PCP in 7 days. Questions: call the cardiology nurse line «ph» or email «em».\n"
            "Patient's daughter («nok») can be reached at «ph2».\n"
            "Lot «lot» given for influenza vaccine. Door code B20 for the annex clinic.\n",
         n=name, mrn=E("MEDICAL_RECORD_NUMBER", V.mrn(r)), acct=N(str(r.randint(10 ** 9, 10 ** 10))),
         bornkw=r.choice(["DOB:", "D.O.B.", "Date of birth:", "Birthdate:", "Born"]), dob=g.dob("en"), age=age, ad=g.date(), dd=g.date(),
         npi=E("US_NPI", V.npi(r)), room=N("%d-%s" % (r.randint(2, 9), r.choice("ABC"))), mbi=E("US_MBI", V.mbi(r)),
         d1=d1, c1=E("ICD10_CODE", c1), d2=d2, c2=E("ICD10_CODE", c2), dea=E("US_DEA", V.dea(r, "W")),
         ph=g.ph("US"), em=E("EMAIL_ADDRESS", g.email("cardiology")), nok=g.name(), ph2=g.ph(), lot=N("BK%dH%03d" % (r.randint(10, 99), r.randint(0, 999))))
    if r.random() < 0.4:
        fill(d, "Prior bad DEA on file «bd» was rejected by pharmacy. NHS number (transfer from UK): «nhs».\n",
             bd=N(V.dea_bad(r, "W")), nhs=E("UK_NHS", V.nhs(r)))
    return "discharge_summary", d


def fam_claim(g):
    r, d = g.r, Doc()
    y, m, dd = V.ymd(r)
    c1, _ = V.icd(r)
    c2, _ = V.icd(r)
    fill(d, "HEALTH INSURANCE CLAIM FORM  (APPROVED BY NUCC 02/12)\n"
            "1a. INSURED'S I.D. NUMBER ........ «mbi»\n"
            "2. PATIENT'S NAME ................ «ln», «fn»\n"
            "3. PATIENT'S BIRTH DATE   MM | DD | YY    «dob»      SEX [F]\n"
            "5. PATIENT'S ADDRESS / TELEPHONE  «num» Oak Ave, Tulsa OK 74103  «ph»\n"
            "11. INSURED'S POLICY GROUP OR FECA NUMBER   GRP-«grp»\n"
            "21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY (ICD Ind. 0)   A. «c1»    B. «c2»\n"
            "24. DOS 10 01 25  CPT 99214  CHARGES 185.00   J. RENDERING PROVIDER ID # (NPI) «npi»\n"
            "25. FEDERAL TAX I.D. NUMBER   «ein»  [EIN]\n"
            "26. PATIENT'S ACCOUNT NO.   «acct»\n"
            "32a. NPI «npi2»    33. BILLING PROVIDER INFO & PH # «bph»\n",
         mbi=E("US_MBI", V.mbi(r)), ln=r.choice(LAST["en"]).upper(), fn=r.choice(FIRST["en"]).upper(),
         dob=E("DATE_OF_BIRTH", r.choice(["%02d | %02d | %02d" % (m, dd, y % 100), "%02d %02d %d" % (m, dd, y), "%02d/%02d/%d" % (m, dd, y)])),
         num=r.randint(1, 9999), ph=E("PHONE_NUMBER", "(%d) %d-%04d" % (r.randint(201, 989), r.randint(201, 989), r.randint(0, 9999))),
         grp=N(str(r.randint(10000, 99999))), c1=E("ICD10_CODE", c1.replace(".", "") if r.random() < 0.5 else c1),
         c2=E("ICD10_CODE", c2), npi=E("US_NPI", V.npi(r)), ein=N("%02d-%07d" % (r.randint(10, 99), r.randint(0, 9999999))),
         acct=N("PA" + V.digits(r, 8)), npi2=E("US_NPI", V.npi(r)), bph=g.ph("US"))
    if r.random() < 0.5:
        fill(d, "REMIT TO: EFT routing (ABA) «aba», acct ending ****«l4». Invalid NPI on prior claim: «bn».\n",
             aba=E("US_BANK_ROUTING", V.aba(r)), l4=N("%04d" % r.randint(0, 9999)), bn=N(bad_npi(r)))
        # the prior-claim NPI may still be valid by chance; verify below in self-check (bad_npi)
    return "insurance_claim", d


def bad_npi(r):
    v = V.npi(r)
    for k in (1, 3, 7):
        w = v[:-1] + str((int(v[-1]) + k) % 10)
        if not V.luhn_ok("80840" + w):
            return w


HR_COUNTRIES = ["US", "UK", "CA", "AU", "NL", "IN", "BR", "PL", "SG", "ES", "IT"]


def fam_hr(g):
    r, d = g.r, Doc()
    c = r.choice(HR_COUNTRIES)
    lang = {"NL": "nl", "BR": "pt", "PL": "pl", "ES": "es", "IT": "it"}.get(c, "en")
    name = g.name(lang)
    d.t("EMPLOYEE ONBOARDING — NEW HIRE INFORMATION (%s)\n%s\n" % (c, "=" * 46))
    fill(d, "Legal name ............ «n»\nPersonal e-mail ....... «em»\nMobile ................ «ph»\n",
         n=name, em=E("EMAIL_ADDRESS", g.email(name)), ph=g.ph({"CA": "US", "PL": None, "IT": None}.get(c, c) if c not in ("PL", "IT") else None))
    kw = {"US": "Date of birth (MM/DD/YYYY)", "UK": "Date of birth", "CA": "Birth date", "AU": "D.O.B.",
          "NL": "Geboortedatum", "IN": "Date of Birth / जन्म तिथि", "BR": "Data de nascimento", "PL": "Data urodzenia",
          "SG": "Date of birth", "ES": "Fecha de nacimiento", "IT": "Data di nascita"}[c]
    y, m, dd = V.ymd(r, 1960, 2004)
    dob = "%02d/%02d/%d" % (m, dd, y) if c == "US" else V.fmt_date(r, y, m, dd, lang if lang != "en" else "en",
                                                                  None if lang != "en" else r.choice(["eu", "dmy", "iso", "dot"]))
    fill(d, "«kw» ... «dob»\n", kw=kw, dob=E("DATE_OF_BIRTH", dob))
    if c == "US":
        if r.random() < 0.7:
            fill(d, "SSN ................... «s»\n", s=E("US_SSN", V.ssn(r)))
        else:
            fill(d, "SSN/ITIN .............. «s»\n", s=E("US_ITIN", V.itin(r)))
        fill(d, "Passport No. (I-9 List A) «p»   exp 2031-04-30\n", p=E("US_PASSPORT", V.passport_us(r)))
        fill(d, "Direct deposit — Bank routing no. «a»   Account no. «acc»   (checking)\n",
             a=E("US_BANK_ROUTING", V.aba(r)), acc=N(V.digits(r, 10)))
    elif c == "UK":
        fill(d, "National Insurance No. «ni»\nNHS number (optional) «nhs»\nSort code 20-45-77  Acct 41234567 / IBAN «ib»\n",
             ni=E("UK_NINO", V.nino(r)), nhs=E("UK_NHS", V.nhs(r)), ib=g.iban("GB"))
    elif c == "CA":
        fill(d, "SIN / NAS ............. «s»\nDirect deposit: transit 00012, institution 004, acct 5012345\n", s=E("CA_SIN", V.sin(r)))
    elif c == "AU":
        fill(d, "Tax file number (TFN) . «t»\nSuper fund USI  STA0100AU   BSB 062-000  Acct 12345678\n", t=E("AU_TFN", V.tfn(r)))
    elif c == "NL":
        fill(d, "BSN (burgerservicenummer) «b»\nIBAN voor salaris ..... «ib»\n", b=E("NL_BSN", V.bsn(r)), ib=g.iban("NL"))
    elif c == "IN":
        fill(d, "PAN ................... «p»\nAadhaar ............... «a»\nIFSC HDFC0001234  A/c 50100234567891\n",
             p=E("IN_PAN", V.pan(r)), a=E("IN_AADHAAR", V.aadhaar(r)))
    elif c == "BR":
        fill(d, "CPF ................... «c»\nPIS/PASEP ............. «pis»\nChave PIX (telefone) .. «ph»\n",
             c=E("BR_CPF", V.cpf(r)), pis=N("%03d.%05d.%02d-%d" % (r.randint(100, 999), r.randint(0, 99999), r.randint(0, 99), r.randint(0, 9))), ph=g.ph("BR"))
    elif c == "PL":
        fill(d, "PESEL ................. «p»\nNumer konta (IBAN) .... «ib»\nTelefon ............... «ph»\n",
             p=E("PL_PESEL", V.pesel(r, y, m, dd)), ib=g.iban("PL"), ph=E("PHONE_NUMBER", "+48 %d %03d %03d" % (r.randint(500, 799), r.randint(0, 999), r.randint(0, 999))))
    elif c == "SG":
        fill(d, "NRIC/FIN .............. «n»\nCPF account: same as NRIC\n", n=E("SG_NRIC", V.nric(r)))
    elif c == "ES":
        fill(d, "DNI/NIE ............... «n»\nNº afiliación SS ...... «ss»\nIBAN .................. «ib»\n",
             n=E("ES_NIF", V.nif(r)), ss=N("28/%08d/%02d" % (r.randint(0, 10 ** 8 - 1), r.randint(0, 99))), ib=g.iban("ES"))
    elif c == "IT":
        fill(d, "Codice fiscale ........ «cf»\nIBAN stipendio ........ «ib»\nCellulare ............. «ph»\n",
             cf=E("IT_FISCAL_CODE", V.fiscal_code(r)), ib=g.iban("IT"), ph=E("PHONE_NUMBER", "+39 3%02d %03d %04d" % (r.randint(20, 49), r.randint(0, 999), r.randint(0, 9999))))
    fill(d, "Emergency contact ..... «en» («rel») «eph»\nEmployee ID ........... «eid»   Start date: «sd»\nLaptop asset tag ...... «tag»\n",
         en=g.name(lang), rel=r.choice(["spouse", "mother", "brother"]), eph=g.ph(), eid=N("E%06d" % r.randint(0, 999999)),
         sd=g.date(), tag=N("NW-%05d" % r.randint(0, 99999)))
    return "hr_onboarding", d


def fam_bank(g):
    r, d = g.r, Doc()
    cc = r.choice(["DE", "FR", "NL", "BE", "ES", "IT", "AT", "CH", "GB", "IE", "PT", "SE", "NO", "PL"])
    name = g.name()
    acct = V.iban(r, cc)
    fill(d, "KONTOAUSZUG / ACCOUNT STATEMENT  No. %d/2025\nAccount holder: «n»\nIBAN: «ib»   BIC: «bic»\n"
            "Period: 01.09.2025 – 30.09.2025      Currency: EUR\n\n" % r.randint(1, 12),
         n=name, ib=E("IBAN", V.fmt_iban(r, acct)), bic=N(V.rs(r, V.UP, 6) + "2X"))
    d.t("Date        Description                                                    Amount\n")
    for _ in range(r.randint(4, 8)):
        k = r.randint(0, 7)
        dt = "%02d.09.2025  " % r.randint(1, 30)
        amt = "%10.2f\n" % (r.uniform(-900, 1500))
        if k == 0:
            fill(d, dt + "SEPA-Überweisung an «nm» IBAN «ib» Ref «ref»" + amt, nm=g.name("de"), ib=g.iban(), ref=N("E2E-" + V.rs(r, V.DIG + V.UP, 12)))
        elif k == 1:
            fill(d, dt + "SEPA-Lastschrift Gläubiger-ID «cid» Mandat «md»" + amt, cid=N("DE%02dZZZ%08d" % (r.randint(10, 99), r.randint(0, 10 ** 8 - 1))), md=N("M-" + V.digits(r, 9)))
        elif k == 2:
            fill(d, dt + "Kartenzahlung VISA Debit **** «l4» AMAZON EU" + amt, l4=N("%04d" % r.randint(0, 9999)))
        elif k == 3:
            fill(d, dt + "Gutschrift von «nm» «ib»" + amt, nm=g.name("fr"), ib=g.iban(style="bare"))
        elif k == 4:
            fill(d, dt + "Rücküberweisung – IBAN ungültig «bib»" + amt, bib=N(V.fmt_iban(r, V.iban_bad(r))))
        elif k == 5:
            fill(d, dt + "Crypto exchange withdrawal to «w»" + amt, w=E("CRYPTO_WALLET", r.choice([V.segwit(r), V.btc_legacy(r), V.eth(r)])))
        elif k == 6:
            fill(d, dt + "Card payment «card» (virtual card) Ref «ref»" + amt, card=g.card(style=r.choice(["space", "dash"])), ref=N(str(r.randint(10 ** 11, 10 ** 12))))
        else:
            fill(d, dt + "Zinsen / interest                                             " + amt)
    fill(d, "\nQuestions? Call «ph» or write to «em». Statement ID «sid».\n",
         ph=g.ph(r.choice(["DE", "FR", "NL", "ES", "UK"])), em=E("EMAIL_ADDRESS", "service@" + r.choice(["bank-nord.de", "credit-ouest.fr", "bankvanholland.nl"])), sid=N(V.uuid(r)))
    return "bank_statement", d


def fam_xml(g):
    r, d = g.r, Doc()
    name = g.name()
    y, m, dd = V.ymd(r)
    fill(d, '<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
            'xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">\n'
            '  <soapenv:Header>\n    <wsse:Security>\n      <wsse:UsernameToken>\n        <wsse:Username>svc_kyc</wsse:Username>\n'
            '        <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">«pw»</wsse:Password>\n'
            '        <wsse:Nonce>«nonce»</wsse:Nonce>\n      </wsse:UsernameToken>\n    </wsse:Security>\n  </soapenv:Header>\n'
            '  <soapenv:Body>\n    <kyc:VerifyCustomerRequest xmlns:kyc="urn:northwind:kyc:v2">\n'
            '      <kyc:RequestId>«rid»</kyc:RequestId>\n      <kyc:FullName>«n»</kyc:FullName>\n'
            '      <kyc:DateOfBirth>«dob»</kyc:DateOfBirth>\n      <kyc:TaxId type="SSN">«ssn»</kyc:TaxId>\n'
            '      <kyc:Contact><kyc:Email>«em»</kyc:Email><kyc:Phone>«ph»</kyc:Phone></kyc:Contact>\n'
            '      <kyc:Account iban="«ib»" currency="EUR"/>\n      <kyc:Card><kyc:PAN>«pan»</kyc:PAN><kyc:Expiry>2028-11</kyc:Expiry></kyc:Card>\n'
            '      <kyc:ClientIP>«ip»</kyc:ClientIP>\n      <kyc:Device imei="«imei»" mac="«mac»"/>\n'
            '      <kyc:Schema version="«ver»"/>\n    </kyc:VerifyCustomerRequest>\n  </soapenv:Body>\n</soapenv:Envelope>\n',
         pw=E("PASSWORD_ASSIGNMENT", V.password(r).replace("&", "x").replace("<", "y")), nonce=N(base64.b64encode(bytes(r.randrange(256) for _ in range(16))).decode()),
         rid=N(V.uuid(r)), n=name, dob=E("DATE_OF_BIRTH", "%d-%02d-%02d" % (y, m, dd)), ssn=E("US_SSN", V.ssn(r, r.choice(["-", ""]))),
         em=E("EMAIL_ADDRESS", g.email(name)), ph=g.ph(), ib=g.iban(style="bare"), pan=g.card(style="bare"), ip=g.ip(),
         imei=E("IMEI", V.imei(r, "bare")), mac=E("MAC_ADDRESS", V.mac(r)), ver=g.version4())
    return "xml_soap", d


def fam_markdown(g):
    r, d = g.r, Doc()
    mode = r.choice(["people", "secrets", "devices"])
    if mode == "people":
        d.t("## Customer escalations — week 41\n\n| # | Name | Contact | Phone | DOB | Notes |\n|---|------|---------|-------|-----|-------|\n")
        for i in range(r.randint(3, 7)):
            lang = r.choice(["en", "de", "fr", "es", "nl"])
            n = g.name(lang)
            fill(d, "| %d | %s | «em» | «ph» | «dob» | «note» |\n" % (i + 1, n), em=E("EMAIL_ADDRESS", g.email(n)), ph=g.ph(),
                 dob=g.dob("en", r.choice(["iso", "us", "eu", "dmy"])),
                 note=r.choice([N("refund to `%s`" % "X"), N("order %s" % g.order()[1]), N("card ends 4%03d" % r.randint(0, 999))]))
    elif mode == "secrets":
        d.t("### Rotated credentials (DELETE THIS PAGE AFTER HANDOVER)\n\n| Service | Key | Value |\n|:--|:--|:--|\n")
        rows = [("AWS prod", "access key", E("AWS_ACCESS_KEY_ID", V.aws_key(r))), ("AWS prod", "secret key", E("AWS_SECRET_ACCESS_KEY", V.aws_secret(r))),
                ("GitHub CI", "PAT", E("GITHUB_TOKEN", V.gh_token(r))), ("Stripe", "secret", E("STRIPE_SECRET_KEY", V.stripe(r))),
                ("Stripe", "publishable", N("pk_live_" + V.rs(r, V.ALNUM, 30))), ("SendGrid", "api key", E("SENDGRID_API_KEY", V.sendgrid(r))),
                ("Twilio", "API key SID", E("TWILIO_API_KEY", V.twilio(r))), ("GitLab", "runner", E("GITLAB_TOKEN", V.gitlab(r))),
                ("Anthropic", "key", E("ANTHROPIC_API_KEY", V.anthropic_key(r))), ("Admin UI", "password", E("PASSWORD_ASSIGNMENT", V.password(r).replace("|", "!"))),
                ("docs", "example", IG("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                ("Maps", "browser key", E("GOOGLE_API_KEY", V.google_key(r))), ("npm", "publish", E("NPM_TOKEN", V.npm_token(r))),
                ("npm", "old (revoked, bad checksum)", N(V.npm_token(r, bad=True))), ("release", "commit", N(V.sha(r, 40)))]
        r.shuffle(rows)
        for svc, k, v in rows[:r.randint(5, 9)]:
            fill(d, "| %s | %s | `«v»` |\n" % (svc, k), v=v)
    else:
        d.t("| Hostname | MAC | IPv4/IPv6 | Firmware | Owner |\n| --- | --- | --- | --- | --- |\n")
        for _ in range(r.randint(3, 7)):
            fill(d, "| ws-%03d | «mac» | «ip» | «fw» | «em» |\n" % r.randint(0, 999), mac=E("MAC_ADDRESS", V.mac(r)),
                 ip=g.ip() if r.random() < 0.6 else g.pip(), fw=g.version4(), em=E("EMAIL_ADDRESS", g.email()))
    return "markdown_table", d


def fam_sql(g):
    r, d = g.r, Doc()
    d.t("-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n-- Host: db-prod-1    Database: crm\n"
        "/*!40101 SET NAMES utf8mb4 */;\nLOCK TABLES `customers` WRITE;\n")
    d.t("INSERT INTO `customers` (`id`, `full_name`, `email`, `phone`, `date_of_birth`, `ssn`, `card_pan`, `pwd_hash`, `last_ip`, `created_at`) VALUES\n")
    n = r.randint(3, 6)
    for i in range(n):
        nm = g.name(r.choice(["en", "es", "fr"]))
        d.t("(%d,'%s','" % (1000 + i, nm.replace("'", "''")))
        fill(d, "«em»','«ph»','«dob»','«ssn»','«card»','«h»','«ip»','2024-%02d-%02d 10:00:00')%s\n" % (
            r.randint(1, 12), r.randint(1, 28), "," if i < n - 1 else ";"),
             em=E("EMAIL_ADDRESS", g.email(nm)), ph=g.ph(), dob=g.dob("en", "iso"), ssn=E("US_SSN", V.ssn(r, r.choice(["-", ""]))),
             card=g.card(style="bare"), h=N("$2b$12$" + V.rs(r, V.ALNUM + "./", 53)), ip=g.ip() if r.random() < 0.7 else g.pip())
    d.t("UNLOCK TABLES;\n")
    k = r.randint(0, 3)
    if k == 0:
        fill(d, "CREATE USER 'report_ro'@'%' IDENTIFIED BY '«pw»';\nGRANT SELECT ON crm.* TO 'report_ro'@'%';\n", pw=g.pw())
    elif k == 1:
        fill(d, "ALTER ROLE app_writer WITH LOGIN PASSWORD '«pw»' VALID UNTIL '2026-01-01';\n", pw=g.pw())
    elif k == 2:
        fill(d, "INSERT INTO `api_credentials` (`provider`,`secret`) VALUES ('stripe','«sk»'),('sendgrid','«sg»');\n",
             sk=E("STRIPE_SECRET_KEY", V.stripe(r)), sg=E("SENDGRID_API_KEY", V.sendgrid(r)))
    else:
        fill(d, "INSERT INTO payouts (beneficiary, iban, routing_number, note) VALUES ('«n»', '«ib»', '«aba»', 'order «o»');\n",
             n=g.name(), ib=g.iban(style="bare"), aba=E("US_BANK_ROUTING", V.aba(r)), o=g.order())
    return "sql_dump", d


def b64(s):
    return base64.b64encode(s.encode()).decode()


def fam_k8s(g):
    r, d = g.r, Doc()
    kind = r.choice(["secret_string", "secret_data", "configmap", "tls"])
    ns = r.choice(["payments", "crm", "ml", "default"])
    if kind == "secret_string":
        pw = V.password(r)
        fill(d, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\n  namespace: %s\ntype: Opaque\nstringData:\n"
                "  DB_PASSWORD: \"«pw»\"\n  DATABASE_URL: \"postgresql://app:«pw2»@pg.%s.svc.cluster.local:5432/app?sslmode=require\"\n"
                "  STRIPE_API_KEY: «sk»\n  SLACK_BOT_TOKEN: «sl»\n  SENTRY_DSN: https://«sha»@o12345.ingest.sentry.io/67890\n"
                "  ADMIN_PASSWORD: ${ADMIN_PASSWORD}\n" % (ns, ns),
             pw=E("PASSWORD_ASSIGNMENT", pw), pw2=E("DATABASE_URL_WITH_PASSWORD", V.password(r).replace("@", "Q").replace("/", "Z").replace("?", "k")),
             sk=E("STRIPE_SECRET_KEY", V.stripe(r)), sl=E("SLACK_TOKEN", V.slack_token(r)), sha=N(V.sha(r, 32)))
    elif kind == "secret_data":
        pw = V.password(r)
        fill(d, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\n  namespace: %s\n  annotations:\n"
                "    checksum/config: «h»\ntype: Opaque\ndata:\n  username: «u»\n  password: «p»\n  aws_access_key_id: «ak»\n" % ns,
             h=N(V.sha(r)), u=N(b64("app_user")), p=E("PASSWORD_ASSIGNMENT", b64(pw)), ak=N(b64(V.aws_key(r))))
        fill(d, "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\ndata:\n"
                "  .dockerconfigjson: «dc»\n", dc=IG("PASSWORD_ASSIGNMENT", b64(json.dumps({"auths": {"ghcr.io": {"auth": b64("bot:" + V.password(r))}}}))))
    elif kind == "configmap":
        fill(d, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-config\n  namespace: %s\ndata:\n  LOG_LEVEL: info\n"
                "  IMAGE: ghcr.io/northwind/api@sha256:«dig»\n  REDIS_URL: redis://:«rp»@redis-master:6379/0\n"
                "  MONGO_URL: mongodb+srv://reader:«mp»@cluster0.ab1cd.mongodb.net/app\n  READONLY_URL: postgres://viewer@pg:5432/app\n"
                "  GOOGLE_MAPS_KEY: «gk»\n  CORS_ORIGINS: https://app.northwind.io\n  SUPPORT_EMAIL: «em»\n"
                "  application.properties: |\n    spring.datasource.url=jdbc:mysql://mysql:3306/orders?user=orders&password=«jp»\n"
                "    spring.mail.password=«mpw»\n    server.port=8080\n" % ns,
             dig=N(V.sha(r)), rp=E("DATABASE_URL_WITH_PASSWORD", V.rs(r, V.ALNUM, 18)), mp=E("DATABASE_URL_WITH_PASSWORD", V.rs(r, V.ALNUM, 16)),
             gk=E("GOOGLE_API_KEY", V.google_key(r)), em=E("EMAIL_ADDRESS", "support@northwind.io"),
             jp=E("DATABASE_URL_WITH_PASSWORD", V.rs(r, V.ALNUM, 14)), mpw=E("PASSWORD_ASSIGNMENT", V.password(r)))
    else:
        pk = g.kp.private(r, r.choice(["rsa", "pkcs8", "ec"]))
        cert = g.kp.cert(r)
        fill(d, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: ingress-tls\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: |\n    «crt»\n"
                "  tls.key: |\n    «key»\n  ca.pub: |\n    «pub»\n",
             crt=N(cert.replace("\n", "\n    ")), key=E("PRIVATE_KEY", pk.replace("\n", "\n    ")), pub=N(g.kp.public(r).replace("\n", "\n    ")))
    return "k8s_yaml", d


def fam_terraform(g):
    r, d = g.r, Doc()
    fill(d, 'terraform {\n  required_version = ">= 1.6.0"\n}\n\nprovider "aws" {\n  region     = "eu-central-1"\n'
            '  access_key = "«ak»"\n  secret_key = "«sk»"\n}\n\n'
            'resource "aws_db_instance" "orders" {\n  identifier        = "orders-prod"\n  engine            = "postgres"\n'
            '  username          = "orders_admin"\n  password          = «pwv»\n  kms_key_id        = "arn:aws:kms:eu-central-1:«acct»:key/«kid»"\n}\n\n'
            'variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "«dp»"\n}\n\n'
            'resource "random_password" "db" {\n  length  = 24\n  special = true\n}\n\n'
            'provider "github" {\n  token = "«gh»"\n  owner = "northwind"\n}\n\n'
            'resource "azurerm_storage_account" "logs" {\n  name = "nwlogs"\n}\n\n'
            'locals {\n  conn = "DefaultEndpointsProtocol=https;AccountName=nwlogs;AccountKey=«az»;EndpointSuffix=core.windows.net"\n'
            '  admin_password = var.admin_password\n  webhook        = "«wh»"\n}\n',
         ak=E("AWS_ACCESS_KEY_ID", V.aws_key(r)), sk=E("AWS_SECRET_ACCESS_KEY", V.aws_secret(r)),
         pwv=r.choice([N("random_password.db.result"), N("var.db_password")]), acct=N(V.digits(r, 12)), kid=N(V.uuid(r)),
         dp=E("PASSWORD_ASSIGNMENT", V.password(r)), gh=E("GITHUB_TOKEN", r.choice([V.gh_token(r), V.gh_pat(r)])),
         az=E("AZURE_STORAGE_KEY", V.azure_key(r)), wh=E("SLACK_WEBHOOK_URL", V.slack_webhook(r)))
    if r.random() < 0.5:
        fill(d, '\nresource "google_service_account_key" "ci" {\n  service_account_id = "«sa»"\n'
                '  public_key_type    = "TYPE_X509_PEM_FILE"\n}\n# old ci token (checksum invalid, revoked): «bad»\n',
             sa=E("EMAIL_ADDRESS", "ci@northwind-prod.iam.gserviceaccount.com"), bad=N(V.gh_token(r, bad=True)))
    return "terraform_hcl", d


def fam_docker(g):
    r, d = g.r, Doc()
    if r.random() < 0.5:
        fill(d, "FROM node:20.11.1-alpine@sha256:«dig»\nARG NPM_TOKEN=«npm»\nENV NODE_ENV=production \\\n    PORT=3000 \\\n"
                "    SENTRY_RELEASE=4.18.2.1107 \\\n    OPENAI_API_KEY=«oa»\nRUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci\n"
                "ENV PGPASSWORD=«pg»\nCOPY . .\nLABEL maintainer=\"«em»\"\nCMD [\"node\", \"server.js\"]\n",
             dig=N(V.sha(r)), npm=E("NPM_TOKEN", V.npm_token(r)), oa=E("OPENAI_API_KEY", V.openai_key(r)),
             pg=E("PASSWORD_ASSIGNMENT", V.password(r).replace("$", "S")), em=E("EMAIL_ADDRESS", g.email()))
    else:
        fill(d, "version: \"3.9\"\nservices:\n  db:\n    image: postgres:16.2\n    environment:\n      - POSTGRES_USER=orders\n"
                "      - POSTGRES_PASSWORD=«pw»\n  api:\n    build: .\n    environment:\n      DATABASE_URL: mysql://api:«dbp»@db:3306/orders\n"
                "      REPLICA_URL: mysql://api:${DB_PASSWORD}@replica:3306/orders\n      ANTHROPIC_API_KEY: «an»\n"
                "      SENDGRID_API_KEY: ${SENDGRID_API_KEY}\n      HF_TOKEN: «hf»\n      AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE\n"
                "    ports:\n      - \"8080:8080\"\n    extra_hosts:\n      - \"legacy:«ip»\"\n",
             pw=E("PASSWORD_ASSIGNMENT", V.password(r).replace("$", "S")), dbp=E("DATABASE_URL_WITH_PASSWORD", V.rs(r, V.ALNUM, 16)),
             an=E("ANTHROPIC_API_KEY", V.anthropic_key(r)), hf=E("HUGGINGFACE_TOKEN", V.hf_token(r)), ip=g.ip())
        d.ents.append({"type": "AWS_ACCESS_KEY_ID", "start": d.text().encode().index(b"AKIAIOSFODNN7EXAMPLE"), "end": d.text().encode().index(b"AKIAIOSFODNN7EXAMPLE") + 20, "ignore": True})
    return "docker", d


def fam_gha(g):
    r, d = g.r, Doc()
    fill(d, "name: release\non:\n  push:\n    tags: ['v*']\npermissions:\n  contents: write\n"
            "env:\n  REGISTRY: ghcr.io\n  PYPI_TOKEN: «pypi»\n  DOCKERHUB_PASSWORD: ${{ secrets.DOCKERHUB_PASSWORD }}\njobs:\n  publish:\n    runs-on: ubuntu-22.04\n"
            "    steps:\n      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1\n"
            "      - name: Notify\n        run: |\n          curl -s -X POST -H 'Content-type: application/json' --data '{\"text\":\"release ${{ github.ref_name }}\"}' «wh»\n"
            "      - name: Publish\n        env:\n          TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}\n          GH_TOKEN: «gh»\n"
            "        run: |\n          twine upload dist/*\n          gh release create ${{ github.ref_name }}\n"
            "      - name: Clone private deps\n        run: git clone https://x-access-token:«gh2»@github.com/northwind/private-deps.git\n"
            "      - name: Smoke test\n        run: curl -fsS -H \"Authorization: Bearer «jwt»\" https://api.northwind.io/healthz\n",
         pypi=E("PYPI_TOKEN", V.pypi_token(r)), wh=E("SLACK_WEBHOOK_URL", V.slack_webhook(r)), gh=E("GITHUB_TOKEN", V.gh_token(r)),
         gh2=E("GITHUB_TOKEN", V.gh_token(r, "ghs_")), jwt=E("JWT", V.jwt(r)))
    return "github_actions", d


def fam_notebook(g):
    r, d = g.r, Doc()
    rows = []
    for _ in range(3):
        n = g.name()
        rows.append((n, g.email(n), V.phone(r)[1]))
    d.t('{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 1,\n   "metadata": {},\n   "outputs": [],\n   "source": [\n')
    fill(d, '    "import os, openai, pandas as pd\\n",\n    "openai.api_key = \\"«oa»\\"\\n",\n    "os.environ[\\"HF_TOKEN\\"] = \\"«hf»\\"\\n",\n'
            '    "db_pass = \\"«pw»\\"\\n",\n    "engine = create_engine(\\"postgresql+psycopg2://analyst:«dbp»@warehouse.internal:5432/dw\\")\\n",\n'
            '    "df = pd.read_sql(\\"select name, email, phone from customers limit 3\\", engine)"\n   ]\n  },\n',
         oa=E("OPENAI_API_KEY", V.openai_key(r)), hf=E("HUGGINGFACE_TOKEN", V.hf_token(r)), pw=E("PASSWORD_ASSIGNMENT", V.rs(r, V.ALNUM, 14)),
         dbp=E("DATABASE_URL_WITH_PASSWORD", V.rs(r, V.ALNUM, 15)))
    d.t('  {\n   "cell_type": "code",\n   "execution_count": 2,\n   "metadata": {},\n   "outputs": [\n    {\n     "data": {\n      "text/plain": [\n'
        '       "                name                    email            phone\\n",\n')
    for i, (n, em, ph) in enumerate(rows):
        fill(d, '       "%d  %-20s  «em»  «ph»%s"%s\n' % (i, js(n), "\\n" if i < 2 else "", "," if i < 2 else ""),
             em=E("EMAIL_ADDRESS", em), ph=E("PHONE_NUMBER", ph))
    d.t('      ]\n     },\n     "execution_count": 2,\n     "metadata": {},\n     "output_type": "execute_result"\n    }\n   ],\n'
        '   "source": ["df.head()"]\n  },\n  {\n   "cell_type": "markdown",\n   "metadata": {},\n   "source": [\n')
    fill(d, '    "Image: ![chart](data:image/png;base64,«b64»)\\n",\n    "Run id «uid», model sha «sha»."\n   ]\n  }\n ],\n'
            ' "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n',
         b64=N(base64.b64encode(bytes(r.randrange(256) for _ in range(60))).decode()), uid=N(V.uuid(r)), sha=N(V.sha(r)))
    return "jupyter_notebook", d


def fam_shell(g):
    r, d = g.r, Doc()
    cmds = [
        lambda: fill(d, " %d  export AWS_ACCESS_KEY_ID=«a»\n %d  export AWS_SECRET_ACCESS_KEY=«s»\n" % (g.n(), g.n()),
                     a=E("AWS_ACCESS_KEY_ID", V.aws_key(r)), s=E("AWS_SECRET_ACCESS_KEY", V.aws_secret(r))),
        lambda: fill(d, " %d  PGPASSWORD='«p»' psql -h «ip» -U postgres orders\n" % g.n(), p=g.pw(), ip=g.ip()),
        lambda: fill(d, " %d  mysql --user=root --password=«p» -h db-prod-1 crm < dump.sql\n" % g.n(), p=g.pw()),
        lambda: fill(d, " %d  git remote set-url origin https://oauth2:«t»@gitlab.com/northwind/api.git\n" % g.n(), t=E("GITLAB_TOKEN", V.gitlab(r))),
        lambda: fill(d, " %d  curl -H \"Authorization: token «t»\" https://api.github.com/user\n" % g.n(), t=E("GITHUB_TOKEN", V.gh_token(r))),
        lambda: fill(d, " %d  ssh -i ~/.ssh/id_ed25519 deploy@«ip»\n" % g.n(), ip=g.ip()),
        lambda: fill(d, " %d  docker login -u ci -p «p» registry.northwind.io\n" % g.n(), p=N("${CI_REGISTRY_PASSWORD}")),
        lambda: fill(d, " %d  psql \"postgres://etl:«p»@10.2.0.15:5432/dw\"\n" % g.n(), p=E("DATABASE_URL_WITH_PASSWORD", V.rs(r, V.ALNUM, 14))),
        lambda: fill(d, " %d  echo «h»  release.tar.gz | sha256sum -c\n" % g.n(), h=N(V.sha(r))),
        lambda: fill(d, " %d  stripe login --api-key «k»\n" % g.n(), k=E("STRIPE_SECRET_KEY", V.stripe(r))),
        lambda: fill(d, " %d  curl -X POST «u» -d '{\"text\":\"deploy done\"}'\n" % g.n(), u=E("SLACK_WEBHOOK_URL", V.slack_webhook(r))),
        lambda: fill(d, " %d  export OPENAI_API_KEY=«k»\n" % g.n(), k=E("OPENAI_API_KEY", V.openai_key(r))),
        lambda: fill(d, " %d  huggingface-cli login --token «k»\n" % g.n(), k=E("HUGGINGFACE_TOKEN", V.hf_token(r))),
        lambda: fill(d, " %d  ls -la /var/log\n %d  kubectl get pods -n payments\n" % (g.n(), g.n())),
        lambda: fill(d, " %d  cat ~/.ssh/id_ed25519.pub  # «pub»\n" % g.n(), pub=N("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + V.rs(r, V.ALNUM, 43) + " ops@laptop")),
        lambda: fill(d, " %d  export TWILIO_API_KEY=«k»\n" % g.n(), k=E("TWILIO_API_KEY", V.twilio(r))),
        lambda: fill(d, " %d  az storage blob list --account-name nwlogs --account-key «k»\n" % g.n(), k=E("AZURE_STORAGE_KEY", V.azure_key(r))),
    ]
    g._n = r.randint(100, 900)
    for c in r.sample(cmds, r.randint(4, 8)):
        c()
    return "shell_history", d


def fam_logs(g):
    r, d = g.r, Doc()
    kind = r.choice(["nginx", "syslog", "jsonlog", "apache"])
    for _ in range(r.randint(4, 8)):
        if kind == "nginx":
            k = r.random()
            fill(d, '«ip» - - [14/Oct/2025:09:%02d:%02d +0000] "GET «path» HTTP/2.0" 200 %d "-" "Mozilla/5.0 (X11; Linux x86_64)"\n' % (
                r.randint(0, 59), r.randint(0, 59), r.randint(100, 99999)),
                 ip=g.ip() if r.random() < 0.75 else g.pip(),
                 path=(N("/static/app.%s.js" % V.sha(r, 8)) if k < 0.3 else
                       ["/api/v1/users?email=", E("EMAIL_ADDRESS", g.email()), "&page=2"] if k < 0.55 else
                       ["/maps/api/geocode/json?address=Berlin&key=", E("GOOGLE_API_KEY", V.google_key(r))] if k < 0.7 else
                       ["/reset?token=", E("JWT", V.jwt(r))] if k < 0.85 else
                       N("/v2/orders/%s" % V.uuid(r))))
        elif kind == "syslog":
            k = r.random()
            host = "gw-%02d" % r.randint(1, 9)
            if k < 0.3:
                fill(d, "Oct 14 09:%02d:%02d %s sshd[%d]: Failed password for invalid user admin from «ip» port %d ssh2\n" % (
                    r.randint(0, 59), r.randint(0, 59), host, r.randint(1000, 65000), r.randint(1024, 65535)), ip=g.ip())
            elif k < 0.55:
                fill(d, "Oct 14 09:%02d:%02d %s dhcpd[%d]: DHCPACK on «ip» to «mac» (%s) via eth1\n" % (
                    r.randint(0, 59), r.randint(0, 59), host, r.randint(100, 9999), r.choice(["iPhone", "DESKTOP-7Q2", "printer"])),
                     ip=g.pip(), mac=E("MAC_ADDRESS", V.mac(r)))
            elif k < 0.75:
                fill(d, "Oct 14 09:%02d:%02d %s postfix/smtp[%d]: 4F2A1C0: to=<«em»>, relay=mx.%s[«ip»]:25, status=sent\n" % (
                    r.randint(0, 59), r.randint(0, 59), host, r.randint(100, 9999), r.choice(["gmail.com", "outlook.com"])),
                     em=E("EMAIL_ADDRESS", g.email()), ip=g.ip())
            else:
                fill(d, "Oct 14 09:%02d:%02d %s kernel: [%d.%06d] firmware %s loaded, build «v»\n" % (
                    r.randint(0, 59), r.randint(0, 59), host, r.randint(1, 99999), r.randint(0, 999999), "iwlwifi"), v=g.version4())
        elif kind == "jsonlog":
            k = r.random()
            if k < 0.3:
                fill(d, '{"ts":"2025-10-14T09:%02d:%02dZ","level":"info","msg":"login ok","user":"«em»","client_ip":"«ip»","trace_id":"«tid»"}\n' % (
                    r.randint(0, 59), r.randint(0, 59)), em=E("EMAIL_ADDRESS", g.email()), ip=g.ip(), tid=N(V.sha(r, 32)))
            elif k < 0.5:
                fill(d, '{"ts":"2025-10-14T09:%02d:%02dZ","level":"warn","msg":"payment declined","card":"«c»","card_last4":"%04d","amount":%d}\n' % (
                    r.randint(0, 59), r.randint(0, 59), r.randint(0, 9999), r.randint(1, 999)),
                     c=r.choice([g.card(style="bare"), N("4%03d********%04d" % (r.randint(0, 999), r.randint(0, 9999)))]))
            elif k < 0.7:
                fill(d, '{"ts":"2025-10-14T09:%02d:%02dZ","level":"debug","msg":"outbound request","headers":{"Authorization":"Bearer «t»","X-Request-Id":"«rid»"}}\n' % (
                    r.randint(0, 59), r.randint(0, 59)), t=r.choice([E("JWT", V.jwt(r)), E("ANTHROPIC_API_KEY", V.anthropic_key(r)), N("eyJhbGciOiJIUzI1NiJ9.eyJzdWIi")]),
                     rid=N(V.uuid(r)))
            else:
                fill(d, '{"ts":"2025-10-14T09:%02d:%02dZ","level":"error","msg":"db connect failed","dsn":"mssql://sa:«p»@sql-prod:1433/ledger","retry":%d}\n' % (
                    r.randint(0, 59), r.randint(0, 59), r.randint(1, 5)), p=E("DATABASE_URL_WITH_PASSWORD", V.rs(r, V.ALNUM, 14)))
        else:
            fill(d, "[Tue Oct 14 09:%02d:%02d.%06d 2025] [php:error] [pid %d] [client «ip»:%d] PHP Warning: mail(«em») failed in /var/www/html/contact.php on line %d\n" % (
                r.randint(0, 59), r.randint(0, 59), r.randint(0, 999999), r.randint(100, 99999), r.randint(1024, 65535), r.randint(10, 300)),
                 ip=g.ip(), em=E("EMAIL_ADDRESS", g.email()))
    return "server_logs", d


def fam_trace(g):
    r, d = g.r, Doc()
    if r.random() < 0.5:
        fill(d, "Traceback (most recent call last):\n  File \"/srv/app/billing/charge.py\", line 88, in charge\n    resp = stripe.Charge.create(amount=amount, source=token, api_key=«k»)\n"
                "  File \"/usr/lib/python3.11/site-packages/stripe/api_requestor.py\", line 402, in request\n    raise error.CardError(msg, param, code)\n"
                "stripe.error.CardError: Request «req»: Your card was declined.\n\nLocals at frame charge():\n    customer_email = '«em»'\n"
                "    card_number = '«cn»'\n    password = '«pw»'\n    api_version = '2023-10-16'\n    request_id = '«rid»'\n",
             k=N("settings.STRIPE_KEY") if r.random() < 0.5 else ["'", E("STRIPE_SECRET_KEY", V.stripe(r)), "'"], req=N("req_" + V.rs(r, V.ALNUM, 14)),
             em=E("EMAIL_ADDRESS", g.email()), cn=g.card(style="bare"), pw=E("PASSWORD_ASSIGNMENT", V.password(r).replace("'", "x")), rid=N(V.uuid(r)))
    else:
        fill(d, "2025-10-14 09:13:55.201 ERROR 1 --- [nio-8080-exec-7] o.h.engine.jdbc.spi.SqlExceptionHelper   : Connection refused\n"
                "org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"orders\"\n"
                "\tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)\n"
                "\tat com.zaxxer.hikari.pool.HikariPool.createPoolEntry(HikariPool.java:476)\n"
                "Caused by: java.sql.SQLException: jdbc:postgresql://pg-prod:5432/orders?user=orders&password=«jp»&ssl=true\n"
                "\tat com.northwind.orders.OrderService.lookup(OrderService.java:142) user=«em» ip=«ip» session=«sid»\n"
                "\t... 42 common frames omitted\nHint: customer «n» (DOB «dob») could not be loaded, phone «ph».\n",
             jp=E("DATABASE_URL_WITH_PASSWORD", V.rs(r, V.ALNUM, 16)), em=E("EMAIL_ADDRESS", g.email()), ip=g.ip(), sid=N(V.sha(r, 32)),
             n=g.name(), dob=g.dob("en"), ph=g.ph())
    return "stack_trace", d


CSV_SCHEMAS = [
    ("en_camel", ",", ["custId", "fullName", "eMail", "phoneNo", "dateOfBirth", "ssnFull", "ccNum"]),
    ("en_abbr", "|", ["ID", "NM", "EML", "TEL", "DOB", "SSN#", "CC_NUM"]),
    ("de", ";", ["Kundennr", "Name", "E-Mail", "Telefon", "Geburtsdatum", "IBAN", "Steuer-ID"]),
    ("es", ";", ["id_cliente", "nombre", "correo", "telefono", "fecha_nacimiento", "dni_nie", "iban"]),
    ("it", ";", ["id", "nominativo", "email", "cellulare", "data_di_nascita", "codice_fiscale", "iban"]),
    ("nl", ";", ["klantnr", "naam", "email", "telefoon", "geboortedatum", "bsn", "iban"]),
    ("pl", ",", ["id", "imie_nazwisko", "email", "telefon", "data_urodzenia", "pesel", "nr_konta"]),
    ("pt", ";", ["id", "nome", "email", "celular", "data_nascimento", "cpf", "chave_pix"]),
    ("ja", ",", ["顧客ID", "氏名", "メール", "電話番号", "生年月日", "マイナンバー", "カード番号"]),
    ("zh", ",", ["客户编号", "姓名", "邮箱", "手机", "出生日期", "身份证", "银行卡"]),
    ("tsv", "\t", ["patient_id", "patient_name", "email", "ph", "birth_dt", "mrn", "npi"]),
    ("fr", ";", ["num_client", "nom", "courriel", "tél", "date_naissance", "NIR", "IBAN"]),
]


def fam_csv(g):
    r, d = g.r, Doc()
    key, sep, hdr = r.choice(CSV_SCHEMAS)
    lang = {"de": "de", "es": "es", "it": "it", "nl": "nl", "pl": "pl", "pt": "pt", "ja": "ja", "zh": "zh", "fr": "fr"}.get(key, "en")
    cc = {"de": "DE", "es": "ES", "it": None, "nl": "NL", "pl": None, "pt": "BR", "ja": "JP", "zh": "CN", "fr": "FR"}.get(key, "US")
    quote = r.random() < 0.3 and sep != "\t"
    d.t(sep.join(hdr) + "\n")
    for i in range(r.randint(3, 7)):
        n = g.name(lang)
        y, m, dd = V.ymd(r)
        if key in ("en_camel", "en_abbr", "tsv"):
            dob = V.fmt_date(r, y, m, dd, "en", r.choice(["iso", "us", "us1", "ora", "compact", "slash_ymd"]))
        else:
            dob = V.fmt_date(r, y, m, dd, lang)
        ph = V.phone(r, cc)[1] if cc else ("+39 3%02d %07d" % (r.randint(20, 49), r.randint(0, 9999999)) if key == "it" else "+48 %d-%03d-%03d" % (r.randint(500, 799), r.randint(0, 999), r.randint(0, 999)))
        col6, col7 = {
            "en_camel": (E("US_SSN", V.ssn(r)), g.card()), "en_abbr": (E("US_SSN", V.ssn(r)), g.card()),
            "de": (g.iban("DE"), N("%011d" % r.randint(10 ** 10, 10 ** 11 - 1))),
            "es": (E("ES_NIF", V.nif(r)), g.iban("ES")), "it": (E("IT_FISCAL_CODE", V.fiscal_code(r)), g.iban("IT")),
            "nl": (E("NL_BSN", V.bsn(r)), g.iban("NL")), "pl": (E("PL_PESEL", V.pesel(r, y, m, dd)), g.iban("PL")),
            "pt": (E("BR_CPF", V.cpf(r)), E("EMAIL_ADDRESS", g.email(n))),
            "ja": (N("%04d %04d %04d" % (r.randint(1000, 9999), r.randint(0, 9999), r.randint(0, 9999))), g.card()),
            "zh": (N("1101%02d%d%02d%02d%03d%s" % (r.randint(1, 9), y, m, dd, r.randint(0, 999), r.choice(V.DIG + "X"))), g.card("unionpay")),
            "tsv": (E("MEDICAL_RECORD_NUMBER", V.mrn(r)), E("US_NPI", V.npi(r))),
            "fr": (N("%d %02d %02d %02d %03d %03d %02d" % (r.randint(1, 2), y % 100, m, r.randint(1, 95), r.randint(1, 999), r.randint(1, 999), r.randint(1, 97))), g.iban("FR")),
        }[key]
        q = '"' if quote else ""
        cells = [N(str(10000 + i)), N(js(n) if quote else n), E("EMAIL_ADDRESS", g.email(n)), E("PHONE_NUMBER", ph),
                 E("DATE_OF_BIRTH", dob), col6, col7]
        for j, c in enumerate(cells):
            d.t(q)
            d.t(c[1]) if c[0] is None else d.e(c[0], c[1])
            d.t(q + (sep if j < len(cells) - 1 else "\n"))
    return "csv_unusual", d


def ml_de(g):
    r = g.r
    return ("Sehr geehrte Damen und Herren,\n\nbitte überweisen Sie die Erstattung auf mein Konto «ib». Ich bin «bk» «dob» geboren "
            "und unter «ph» erreichbar. Meine Steuer-ID «stid» und die Bestellnummer «o» bitte angeben.\nMit freundlichen Grüßen\n«n»\n",
            dict(ib=g.iban(r.choice(["DE", "AT", "CH"])), bk="am", dob=E("DATE_OF_BIRTH", V.fmt_date(r, *V.ymd(r), lang="de")),
                 ph=g.ph("DE"), stid=N("%011d" % r.randint(10 ** 10, 10 ** 11 - 1)), o=g.order(), n=g.name("de")))


def ml_de2(g):
    r = g.r
    return ("Patientin: «n», Geburtsdatum: «dob», Versichertennr. A123456789. Kontakt: «em», Tel. «ph». "
            "Diagnose (ICD-10-GM): «icd».\n", dict(n=g.name("de"), dob=E("DATE_OF_BIRTH", V.fmt_date(r, *V.ymd(r), lang="de")),
                                                    em=E("EMAIL_ADDRESS", g.email()), ph=g.ph("DE"), icd=E("ICD10_CODE", V.icd(r)[0])))


def ml_fr(g):
    r = g.r
    y, m, dd = V.ymd(r)
    return ("Bonjour,\nJe soussignée «n», «ne» le «dob» à Lyon, demande le virement sur l'IBAN «ib». Vous pouvez me joindre au «ph» "
            "ou par courriel : «em». Numéro de commande : «o».\nCordialement\n",
            dict(n=g.name("fr"), ne=r.choice(["née", "né"]), dob=E("DATE_OF_BIRTH", V.fmt_date(r, y, m, dd, "fr")), ib=g.iban("FR"),
                 ph=g.ph("FR"), em=E("EMAIL_ADDRESS", g.email()), o=g.order()))


def ml_es(g):
    r = g.r
    return ("Hola, soy «n». Mi DNI es «nif» y mi fecha de nacimiento es el «dob». Por favor, hagan el reembolso a «ib». "
            "Móvil: «ph». El NIE anterior «bad» era erróneo.\n",
            dict(n=g.name("es"), nif=E("ES_NIF", V.nif(r)), dob=E("DATE_OF_BIRTH", V.fmt_date(r, *V.ymd(r), lang="es")), ib=g.iban("ES"),
                 ph=g.ph("ES"), bad=N(V.nif_bad(r))))


def ml_it(g):
    r = g.r
    return ("Gentile cliente, il Sig. «n», nato il «dob», codice fiscale «cf», ha richiesto l'accredito sull'IBAN «ib». "
            "Recapito: «em», tel. «ph».\n",
            dict(n=g.name("it"), dob=E("DATE_OF_BIRTH", V.fmt_date(r, *V.ymd(r), lang="it")), cf=E("IT_FISCAL_CODE", V.fiscal_code(r)),
                 ib=g.iban("IT"), em=E("EMAIL_ADDRESS", g.email()), ph=E("PHONE_NUMBER", "+39 0%d %07d" % (r.randint(2, 6), r.randint(0, 9999999)))))


def ml_nl(g):
    r = g.r
    return ("Beste klantenservice,\nMijn naam is «n», geboren op «dob». Mijn BSN is «bsn» en mijn rekeningnummer «ib». "
            "Bel mij op «ph». Het oude nummer «bad» klopt niet.\nMet vriendelijke groet\n",
            dict(n=g.name("nl"), dob=E("DATE_OF_BIRTH", V.fmt_date(r, *V.ymd(r), lang="nl")), bsn=E("NL_BSN", V.bsn(r)), ib=g.iban("NL"),
                 ph=g.ph("NL"), bad=N(V.bsn_bad(r))))


def ml_pt(g):
    r = g.r
    return ("Olá! Meu nome é «n», «ns» em «dob», CPF «cpf». Celular/WhatsApp «ph», e-mail «em». O CPF «bad» estava errado.\n",
            dict(n=g.name("pt"), ns=r.choice(["nascido", "nascida"]), dob=E("DATE_OF_BIRTH", V.fmt_date(r, *V.ymd(r), lang="pt")),
                 cpf=E("BR_CPF", V.cpf(r)), ph=g.ph("BR"), em=E("EMAIL_ADDRESS", g.email()), bad=N(V.cpf_bad(r))))


def ml_pl(g):
    r = g.r
    y, m, dd = V.ymd(r)
    return ("Dzień dobry, nazywam się «n», «ur» «dob», PESEL «p». Proszę o zwrot na konto «ib». Telefon: «ph».\n",
            dict(n=g.name("pl"), ur=r.choice(["urodzony", "urodzona", "ur.", "data urodzenia:"]),
                 dob=E("DATE_OF_BIRTH", V.fmt_date(r, y, m, dd, "pl")), p=E("PL_PESEL", V.pesel(r, y, m, dd)), ib=g.iban("PL"),
                 ph=E("PHONE_NUMBER", r.choice(["+48 %d %03d %03d", "%d-%03d-%03d"]) % (r.randint(500, 799), r.randint(0, 999), r.randint(0, 999)))))


def ml_hi(g):
    r = g.r
    return ("नमस्ते, मेरा नाम «n» है। मेरी जन्म तिथि «dob» है। आधार नंबर «aad» और पैन «pan» है। मोबाइल «ph» पर संपर्क करें, ईमेल «em»।\n",
            dict(n=g.name("hi"), dob=E("DATE_OF_BIRTH", V.fmt_date(r, *V.ymd(r), lang="hi")), aad=E("IN_AADHAAR", V.aadhaar(r)),
                 pan=E("IN_PAN", V.pan(r)), ph=g.ph("IN"), em=E("EMAIL_ADDRESS", g.email())))


def ml_zh(g):
    r = g.r
    return ("您好，我是«n»，出生日期：«dob»。手机：«ph»，邮箱：«em»。请把退款转到银行卡«card»，订单号«o»。\n",
            dict(n=g.name("zh"), dob=E("DATE_OF_BIRTH", V.fmt_date(r, *V.ymd(r), lang="zh")), ph=g.ph("CN"), em=E("EMAIL_ADDRESS", g.email()),
                 card=g.card("unionpay", "bare"), o=N(str(r.randint(10 ** 15, 10 ** 16)))))


def ml_ja(g):
    r = g.r
    return ("お世話になっております。«n»です。生年月日は«dob»、電話番号は«ph»です。メール：«em»。カード番号«card»の請求をご確認ください。\n",
            dict(n=g.name("ja"), dob=E("DATE_OF_BIRTH", V.fmt_date(r, *V.ymd(r), lang="ja")), ph=g.ph("JP"), em=E("EMAIL_ADDRESS", g.email()),
                 card=g.card("jcb")))


def ml_en_sg_au(g):
    r = g.r
    return ("Hi, I'm «n» (NRIC «nric», b. «dob»). Reach me at «ph» or my AU number «ph2». My TFN for the payroll form is «tfn». "
            "Wallet for the reimbursement: «w».\n",
            dict(n=g.name(), nric=E("SG_NRIC", V.nric(r)), dob=E("DATE_OF_BIRTH", V.fmt_date(r, *V.ymd(r), lang="en", style=r.choice(["dmy", "eu", "ord"]))),
                 ph=g.ph("SG"), ph2=g.ph("AU"), tfn=E("AU_TFN", V.tfn(r)), w=E("CRYPTO_WALLET", r.choice([V.segwit(r), V.eth(r), V.btc_legacy(r)]))))


ML = [ml_de, ml_de2, ml_fr, ml_es, ml_it, ml_nl, ml_pt, ml_pl, ml_hi, ml_zh, ml_ja, ml_en_sg_au]


def fam_multilingual(g):
    d = Doc()
    for f in g.r.sample(ML, g.r.randint(1, 2)):
        tpl, kw = f(g)
        fill(d, tpl, **kw)
        d.t("\n")
    return "multilingual_prose", d


def fam_code(g):
    r, d = g.r, Doc()
    k = r.randint(0, 5)
    if k == 0:
        fill(d, "# settings.py\nDEBUG = False\nSECRET_KEY = '«sk»'\nALLOWED_HOSTS = ['api.northwind.io']\nDATABASES = {\n    'default': {\n"
                "        'ENGINE': 'django.db.backends.postgresql',\n        'NAME': 'orders',\n        'USER': 'orders',\n        'PASSWORD': '«pw»',\n"
                "        'HOST': 'pg-prod',\n    }\n}\nEMAIL_HOST_PASSWORD = os.environ.get('EMAIL_HOST_PASSWORD')\nAUTH_PASSWORD_VALIDATORS = [{'NAME': 'MinimumLengthValidator', 'OPTIONS': {'min_length': 12}}]\n",
             sk=E("PASSWORD_ASSIGNMENT", "django-insecure-" + V.rs(r, V.LO + V.DIG + "!@#%^&*(-_=+)", 40).replace("'", "x")),
             pw=E("PASSWORD_ASSIGNMENT", V.password(r).replace("'", "x")))
    elif k == 1:
        fill(d, "// stripe.ts\nimport Stripe from 'stripe';\nexport const stripe = new Stripe('«sk»', { apiVersion: '2023-10-16' });\n"
                "export const PUBLISHABLE = '«pk»';\nconst sg = require('@sendgrid/mail');\nsg.setApiKey(process.env.SENDGRID_API_KEY ?? '«sg»');\n"
                "// see https://github.com/northwind/web/commit/«sha»\n",
             sk=E("STRIPE_SECRET_KEY", V.stripe(r)), pk=N("pk_live_" + V.rs(r, V.ALNUM, 40)), sg=E("SENDGRID_API_KEY", V.sendgrid(r)), sha=N(V.sha(r, 40)))
    elif k == 2:
        pk = g.kp.private(r)
        fill(d, "package config\n\n// TODO(ops): move to vault\nconst signingKey = `«pk»`\n\nconst publicCert = `«cert»`\n",
             pk=E("PRIVATE_KEY", pk), cert=N(g.kp.cert(r)))
    elif k == 3:
        pk = g.kp.private(r, "pkcs8")
        email = "ci-deployer@northwind-prod-%d.iam.gserviceaccount.com" % r.randint(100, 999)
        d.t("// gcp.js - service account inlined for the hackathon demo\nconst credentials = ")
        st = d.mark()
        fill(d, '{\n  "type": "service_account",\n  "project_id": "northwind-prod",\n  "private_key_id": "«kid»",\n  "private_key": "«pk»",\n'
                '  "client_email": "«em»",\n  "client_id": "«cid»",\n  "auth_uri": "https://accounts.google.com/o/oauth2/auth",\n'
                '  "token_uri": "https://oauth2.googleapis.com/token"\n}',
             kid=N(V.sha(r, 40)), pk=IG("PRIVATE_KEY", js(pk + "\n")[:-2]), em=IG("EMAIL_ADDRESS", email), cid=N(V.digits(r, 21)))
        d.span("GCP_SERVICE_ACCOUNT_KEY", st)
        d.t(";\nmodule.exports = { credentials };\n")
    elif k == 4:
        fill(d, "# ~/.aws/credentials\n[default]\naws_access_key_id = «ak»\naws_secret_access_key = «sk»\n\n[sandbox]\n"
                "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\n"
                "# ~/.npmrc\n//registry.npmjs.org/:_authToken=«npm»\n\n# ~/.pypirc\n[pypi]\nusername = __token__\npassword = «pypi»\n",
             ak=E("AWS_ACCESS_KEY_ID", V.aws_key(r)), sk=E("AWS_SECRET_ACCESS_KEY", V.aws_secret(r)), npm=E("NPM_TOKEN", V.npm_token(r)),
             pypi=E("PYPI_TOKEN", V.pypi_token(r)))
        b = d.text().encode()
        for ex, t in ((b"AKIAIOSFODNN7EXAMPLE", "AWS_ACCESS_KEY_ID"), (b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS_SECRET_ACCESS_KEY")):
            i = b.index(ex)
            d.ents.append({"type": t, "start": i, "end": i + len(ex), "ignore": True})
    else:
        fill(d, "// web3.config.ts\nexport const TREASURY = '«w1»';\nexport const COLD_WALLET_BTC = '«w2»';\n"
                "export const LAST_TX = '0x«tx»';\nexport const BAD_ADDR_FOR_TESTS = '«bad»';\nexport const RPC = 'https://mainnet.infura.io/v3/«pid»';\n"
                "const DEPLOYER_PK = '0x«pkh»'; // hot wallet private key\n",
             w1=E("CRYPTO_WALLET", V.eth(r)), w2=E("CRYPTO_WALLET", r.choice([V.segwit(r), V.segwit(r, 1), V.btc_legacy(r)])),
             tx=N(V.sha(r)), bad=N(r.choice([V.btc_legacy_bad(r), V.segwit_bad(r), V.eth_bad(r)])), pid=N(V.sha(r, 32)), pkh=N(V.sha(r)))
    return "source_misc", d


def fam_negatives(g):
    r, d = g.r, Doc()
    items = [
        lambda: "Order %s shipped via UPS %s; invoice %s." % (g.order()[1], "1Z" + V.rs(r, V.UP + V.DIG, 16), "INV-2025-%05d" % r.randint(0, 99999)),
        lambda: "Card on file: **** **** **** %04d (exp 09/27). SSN on file: XXX-XX-%04d." % (r.randint(0, 9999), r.randint(0, 9999)),
        lambda: "Rejected card number %s failed validation." % g.bad_card()[1],
        lambda: "Deploy %s (image sha256:%s), firmware %s, OID 1.3.6.1.4.1.%d.1.2." % (V.sha(r, 40)[:7], V.sha(r), g.version4()[1], r.randint(1000, 60000)),
        lambda: "Request id %s, session %s, epoch %d." % (V.uuid(r), V.sha(r, 32), 1700000000 + r.randint(0, 99999999)),
        lambda: "IBAN %s bounced (check digits invalid)." % V.fmt_iban(r, V.iban_bad(r)),
        lambda: "Invalid IDs rejected by the form: NIF %s, CPF %s, PESEL %s, BSN %s, TFN %s, SIN %s, NRIC %s, Aadhaar %s, CF %s, NHS %s." % (
            V.nif_bad(r), V.cpf_bad(r), V.pesel_bad(r), V.bsn_bad(r), V.tfn_bad(r), V.sin_bad(r), V.nric_bad(r), V.aadhaar_bad(r), V.fiscal_code_bad(r), V.nhs_bad(r)),
        lambda: "Invalid SSNs in import: %s, %s." % (V.ssn_bad(r), V.ssn_bad(r)),
        lambda: "Revoked tokens (bad checksum): %s %s" % (V.gh_token(r, bad=True), V.npm_token(r, bad=True)),
        lambda: "Publishable key pk_test_%s is safe in the browser." % V.rs(r, V.ALNUM, 24),
        lambda: "tx 0x%s confirmed; broken address %s rejected." % (V.sha(r), r.choice([V.btc_legacy_bad(r), V.segwit_bad(r), V.eth_bad(r)])),
        lambda: "-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----" % "\n".join(g.kp.public(r).split("\n")[1:-1]),
        lambda: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s deploy@bastion" % V.rs(r, V.ALNUM, 43),
        lambda: "Truncated token in log: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx... (cut)",
        lambda: "DATABASE_URL=postgres://reporter@db:5432/app and DB_URL=mysql://app:${DB_PASSWORD}@db/app",
        lambda: "password: \"${ADMIN_PASSWORD}\"\npassword_min_length: 12\npassword_expiry_days: 90",
        lambda: "Assets: logo@2x.png, icon@3x.webp; repo git@github.com:northwind/api.git; dep @babel/core@7.22.5; root@localhost",
        lambda: "HL7 coding system I10 and gate code B20; ARN arn:aws:iam::%s:role/deploy." % V.digits(r, 12),
        lambda: "Out-of-range addresses: 256.%d.%d.1 and 999.1.1.1; build 4.%d.%d.%d." % (r.randint(0, 255), r.randint(0, 255), r.randint(0, 9), r.randint(0, 20), r.randint(0, 99)),
        lambda: "Ticket %03d-%03d-%04d created; call back ref 757-101-6411." % (r.randint(200, 999), r.randint(100, 999), r.randint(0, 9999)),
        lambda: "SRI integrity=\"sha384-%s\"" % base64.b64encode(bytes(r.randrange(256) for _ in range(48))).decode(),
        lambda: "DOB field left blank; appointment on %s at 10:30; shipped %s." % (g.date(), g.date()),
    ]
    kind = r.choice(["email", "log", "yaml", "md"])
    picks = r.sample(items, r.randint(3, 6))
    if kind == "md":
        d.t("## Known false positives\n\n" + "\n".join("- " + f() for f in picks) + "\n")
    elif kind == "log":
        d.t("\n".join("2025-10-14T09:%02d:%02dZ INFO %s" % (r.randint(0, 59), r.randint(0, 59), f().replace("\n", " | ")) for f in picks) + "\n")
    elif kind == "yaml":
        d.t("notes:\n" + "".join("  - |\n    " + f().replace("\n", "\n    ") + "\n" for f in picks))
    else:
        d.t("Subject: FYI — sanity check list\n\nHi all,\n\n" + "\n\n".join(f() for f in picks) + "\n\nThanks,\nQA\n")
    return "negatives_heldout", d


def fam_kyc_json(g):
    """KYC provider webhook payload: national IDs under camelCase / vendor-specific keys."""
    r, d = g.r, Doc()
    picks = [("US", "ssnLast9", lambda: E("US_SSN", V.ssn(r, r.choice(["", "-"])))),
             ("US", "itin", lambda: E("US_ITIN", V.itin(r))),
             ("US", "passportNo", lambda: E("US_PASSPORT", V.passport_us(r))),
             ("GB", "niNumber", lambda: E("UK_NINO", V.nino(r))),
             ("GB", "nhsNo", lambda: E("UK_NHS", V.nhs(r))),
             ("CA", "sinNumber", lambda: E("CA_SIN", V.sin(r))),
             ("AU", "taxFileNo", lambda: E("AU_TFN", V.tfn(r))),
             ("NL", "bsnNummer", lambda: E("NL_BSN", V.bsn(r))),
             ("IN", "aadhaarNo", lambda: E("IN_AADHAAR", V.aadhaar(r))),
             ("IN", "panCard", lambda: E("IN_PAN", V.pan(r))),
             ("ES", "documentoIdentidad", lambda: E("ES_NIF", V.nif(r))),
             ("IT", "codFiscale", lambda: E("IT_FISCAL_CODE", V.fiscal_code(r))),
             ("BR", "cpfNumero", lambda: E("BR_CPF", V.cpf(r))),
             ("PL", "nrPesel", lambda: E("PL_PESEL", V.pesel(r))),
             ("SG", "nricFin", lambda: E("SG_NRIC", V.nric(r)))]
    chosen = r.sample(picks, 3)
    cc = chosen[0][0]
    y, m, dd = V.ymd(r)
    name = g.name()
    fill(d, '{"event":"verification.completed","id":"«eid»","createdAt":"2025-10-14T09:12:44.120Z","data":{"applicant":{'
            '"givenName":"«fn»","familyName":"«ln»","dateOfBirth":"«dob»","email":"«em»","mobile":"«ph»",'
            '"document":{"country":"«cc»","type":"national_id",«docs»},'
            '"ipAddress":"«ip»","deviceId":"«dev»"},"checks":{"watchlist":"clear","score":0.%d},'
            '"previousAttempt":{"«key»":"«bad»","status":"rejected_checksum"}}}\n' % r.randint(10, 99),
         docs=sum([[('"%s":"' % k), f(), '"' + ("," if i < 2 else "")] for i, (_, k, f) in enumerate(chosen)], []),
         eid=N(V.uuid(r)), fn=js(name.split(" ")[0]), ln=js(name.split(" ")[-1]), dob=E("DATE_OF_BIRTH", "%d-%02d-%02d" % (y, m, dd)),
         em=E("EMAIL_ADDRESS", g.email(name)), ph=g.ph(), cc=cc, key=chosen[0][1], ip=g.ip(), dev=N(V.sha(r, 32)),
         bad=N({"ssnLast9": V.ssn_bad(r), "itin": "9%02d-%02d-%04d" % (r.randint(0, 99), r.choice([10, 20, 40, 93]), r.randint(0, 9999)),
                "passportNo": "X" + V.digits(r, 3), "niNumber": "QQ123456C", "nhsNo": V.nhs_bad(r), "sinNumber": V.sin_bad(r),
                "taxFileNo": V.tfn_bad(r), "bsnNummer": V.bsn_bad(r), "aadhaarNo": V.aadhaar_bad(r), "panCard": "ABCDE1234",
                "documentoIdentidad": V.nif_bad(r), "codFiscale": V.fiscal_code_bad(r), "cpfNumero": V.cpf_bad(r),
                "nrPesel": V.pesel_bad(r), "nricFin": V.nric_bad(r)}[chosen[0][1]]))
    return "kyc_webhook_json", d


FAMILIES = [fam_kyc_json, fam_kyc_json, fam_email_thread, fam_chat_json, fam_hl7, fam_fhir, fam_discharge, fam_claim, fam_hr, fam_bank, fam_xml,
            fam_markdown, fam_sql, fam_k8s, fam_terraform, fam_docker, fam_gha, fam_notebook, fam_shell, fam_logs,
            fam_trace, fam_csv, fam_multilingual, fam_multilingual, fam_code, fam_negatives]


def _counter(self):
    self._n += r_inc(self)
    return self._n


def r_inc(g):
    return g.r.randint(1, 4)


G.n = _counter


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--n", type=int, default=32, help="records per family slot")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "heldout.jsonl"))
    a = ap.parse_args()
    r = random.Random(a.seed)
    kp = V.KeyPool(random.Random(a.seed + 1), 4)
    recs = []
    for i in range(a.n):
        for f in FAMILIES:
            g = G(random.Random(r.getrandbits(64)), kp)
            Doc._chk = []
            kind, d = f(g)
            text = d.text()
            b = text.encode("utf-8")
            for ent, val in Doc._chk:
                if val is not None:
                    assert b[ent["start"]:ent["end"]].decode("utf-8") == val, (kind, ent, val)
            for ent in d.ents:
                assert 0 <= ent["start"] < ent["end"] <= len(b), (kind, ent)
                b[ent["start"]:ent["end"]].decode("utf-8")
            ents = sorted(d.ents, key=lambda e: (e["start"], e["end"]))
            recs.append({"id": "ho-%05d" % len(recs), "text": text, "kind": kind, "entities": ents})
    with open(a.out, "w", encoding="utf-8") as f:
        for rec in recs:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print("wrote %d records, %d entities to %s" % (len(recs), sum(len(x["entities"]) for x in recs), a.out))


if __name__ == "__main__":
    main()
