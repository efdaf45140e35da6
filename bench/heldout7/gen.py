#!/usr/bin/env python3
"""heldout7 generator -- independent generalization set for weir (DO NOT TUNE ON IT).

  python3 bench/heldout7/gen.py [--seed 7] [--out bench/heldout7/heldout7.jsonl] [--stats]

Standard library only, deterministic per seed.  Records are written with inline markers
(\\x01TYPE\\x02value\\x03, '!' after TYPE = ignore) that finalize() strips while recording UTF-8 byte offsets.
"""
import argparse
import collections
import json
import os
import random
import re
import sys
import unicodedata
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import core as C  # noqa: E402
from core import rs, DIG, UP, LOW, ALNUM  # noqa: E402

TYPES = ["EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN", "US_ITIN", "CREDIT_CARD", "IBAN", "US_BANK_ROUTING", "IP_ADDRESS", "MAC_ADDRESS",
         "DATE_OF_BIRTH", "US_PASSPORT", "UK_NINO", "UK_NHS", "CA_SIN", "IN_AADHAAR", "IN_PAN", "ES_NIF", "IT_FISCAL_CODE", "NL_BSN",
         "BR_CPF", "PL_PESEL", "SG_NRIC", "AU_TFN", "CRYPTO_WALLET", "IMEI", "US_NPI", "US_DEA", "US_MBI", "ICD10_CODE",
         "MEDICAL_RECORD_NUMBER", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN",
         "SLACK_WEBHOOK_URL", "STRIPE_SECRET_KEY", "GOOGLE_API_KEY", "GCP_SERVICE_ACCOUNT_KEY", "PRIVATE_KEY", "JWT", "OPENAI_API_KEY",
         "ANTHROPIC_API_KEY", "HUGGINGFACE_TOKEN", "NPM_TOKEN", "PYPI_TOKEN", "AZURE_STORAGE_KEY", "SENDGRID_API_KEY", "TWILIO_API_KEY",
         "DATABASE_URL_WITH_PASSWORD", "PASSWORD_ASSIGNMENT"]
COUNT = collections.Counter()
FORCE = set()
MIN_PER_TYPE = 15
R = random.Random(7)


# ------------------------------------------------------------------ markers
def L(t, v, ign=False):
    return "\x01" + t + ("!" if ign else "") + "\x02" + v + "\x03"


def I(t, v):  # ignore entry
    return L(t, v, True)


def jesc(s):
    """JSON-string-escape a marker string, keeping the markers."""
    out = []
    for part in re.split(r"([\x01\x02\x03])", s):
        if part in ("\x01", "\x02", "\x03"):
            out.append(part)
        else:
            out.append(json.dumps(part, ensure_ascii=False)[1:-1])
    # type names between \x01 and \x02 are plain ASCII, escaping leaves them unchanged
    return "".join(out)


def unmark(s):
    return re.sub(r"\x01[^\x02]*\x02", "", s).replace("\x03", "")


def pick(opts, p_least=0.65):
    """choose among entity-type options, preferring under-generated ones."""
    keys = [o if isinstance(o, str) else o[0] for o in opts]
    forced = [o for o, k in zip(opts, keys) if k in FORCE]
    if forced:
        return R.choice(forced)
    if R.random() < p_least:
        m = min(COUNT[k] for k in keys)
        return R.choice([o for o, k in zip(opts, keys) if COUNT[k] == m])
    return R.choice(opts)


# ------------------------------------------------------------------ people / contact values
NAMES = {
    "us": (["James", "Maria", "Robert", "Jennifer", "Michael", "Linda", "David", "Patricia", "Tyrone", "Keisha", "Carlos",
            "Ashley", "Brandon", "Megan", "Luis", "Samantha", "Dwayne", "Emily", "Hector", "Rachel"],
           ["Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez",
            "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Okafor", "Nguyen", "Kowalczyk", "O'Brien"]),
    "uk": (["Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Priya", "Callum", "Siobhan", "Declan"],
           ["Smith", "Jones", "Evans", "Hughes", "Patel", "Walsh", "Clarke", "Wright", "Begum", "MacLeod"]),
    "de": (["Lukas", "Anna", "Jonas", "Lea", "Felix", "Marie", "Jürgen", "Sabine", "Özlem", "Tobias"],
           ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Yılmaz", "Krüger"]),
    "fr": (["Camille", "Louis", "Chloé", "Hugo", "Léa", "Théo", "Manon", "Mathis"], ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard", "Fontaine", "Rousseau"]),
    "es": (["Alejandro", "Lucía", "Javier", "Carmen", "Pablo", "Elena", "Sergio", "Nuria"], ["García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz"]),
    "it": (["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Matteo", "Sara", "Davide"], ["Rossi", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Conti"]),
    "nl": (["Daan", "Sanne", "Bram", "Femke", "Jeroen", "Lotte", "Thijs", "Anouk"], ["de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer"]),
    "pl": (["Jakub", "Zofia", "Kacper", "Julia", "Michał", "Agnieszka", "Piotr", "Katarzyna"], ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski", "Zielińska", "Szymański"]),
    "br": (["João", "Ana", "Pedro", "Beatriz", "Lucas", "Mariana", "Rafael", "Larissa"], ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Almeida"]),
    "in": (["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Divya", "Arjun", "Kavya", "Suresh", "Lakshmi"],
           ["Sharma", "Iyer", "Reddy", "Patel", "Nair", "Gupta", "Rao", "Menon", "Desai", "Kulkarni"]),
    "au": (["Jack", "Charlotte", "Liam", "Matilda", "Cooper", "Zoe", "Lachlan", "Mia"], ["Nguyen", "Smith", "Kelly", "Brown", "Wilson", "Mitchell", "Campbell", "Tran"]),
    "ca": (["Liam", "Olivia", "Noah", "Emma", "Étienne", "Chloé", "Gurpreet", "Maya"], ["Tremblay", "Roy", "Gagnon", "Singh", "MacDonald", "Côté", "Wong", "Bouchard"]),
    "sg": (["Wei Ling", "Jun Jie", "Siti", "Muthu", "Hui Min", "Darren"], ["Tan", "Lim", "Ng", "Binte Rahman", "Ramasamy", "Goh"]),
    "jp": (["Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi"], ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito"]),
    "cn": (["Wei", "Fang", "Hao", "Jing", "Lei", "Min"], ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang"]),
    "kr": (["Minjun", "Seoyeon", "Jiho", "Hayoon"], ["Kim", "Lee", "Park", "Choi"]),
}
DOMAINS = {"us": ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "comcast.net", "aol.com", "protonmail.com"],
           "uk": ["btinternet.com", "gmail.com", "hotmail.co.uk", "sky.com", "outlook.com"],
           "de": ["web.de", "gmx.de", "t-online.de", "posteo.de", "gmail.com"], "fr": ["orange.fr", "free.fr", "laposte.net", "gmail.com"],
           "es": ["gmail.com", "telefonica.net", "hotmail.es"], "it": ["libero.it", "virgilio.it", "gmail.com", "tiscali.it"],
           "nl": ["ziggo.nl", "kpnmail.nl", "gmail.com", "xs4all.nl"], "pl": ["wp.pl", "onet.pl", "o2.pl", "interia.pl"],
           "br": ["uol.com.br", "bol.com.br", "gmail.com", "terra.com.br"], "in": ["rediffmail.com", "gmail.com", "yahoo.co.in"],
           "au": ["bigpond.com", "optusnet.com.au", "gmail.com"], "ca": ["sympatico.ca", "rogers.com", "videotron.ca", "gmail.com"],
           "sg": ["singnet.com.sg", "gmail.com"], "jp": ["docomo.ne.jp", "yahoo.co.jp", "gmail.com"], "cn": ["qq.com", "163.com", "126.com"],
           "kr": ["naver.com", "daum.net"]}
def asc(s):
    s = s.lower().replace("ß", "ss").replace("ł", "l").replace("ı", "i").replace("'", "").replace(" ", "")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def person(loc="us"):
    f, l_ = NAMES.get(loc, NAMES["us"])
    return R.choice(f), R.choice(l_)


def email_for(first, last, loc="us", domain=None):
    d = domain or R.choice(DOMAINS.get(loc, DOMAINS["us"]))
    f, l_ = asc(first), asc(last)
    u = R.choice([f"{f}.{l_}", f"{f[0]}{l_}", f"{f}{l_}{R.randint(1, 99)}", f"{l_}.{f}", f"{f}_{l_[:3]}{R.randint(60, 99)}", f"{f}{R.randint(1970, 2005)}"])
    return f"{u}@{d}"


AREAS = [201, 212, 213, 224, 248, 267, 305, 312, 314, 347, 404, 415, 425, 469, 503, 512, 602, 617, 646, 702, 713, 718, 720,
         757, 773, 786, 801, 804, 813, 832, 857, 858, 901, 914, 917, 925, 929, 972, 980]
SCORED_PHONE = {"us", "ca", "uk", "de", "fr", "es", "in", "cn", "br", "au", "jp", "sg", "nl", "it", "pl"}


def phone(cc="us"):
    d = lambda n: rs(R, n, DIG)  # noqa: E731
    x = lambda: str(R.randint(2, 9)) + d(2)  # noqa: E731
    if cc in ("us", "ca"):
        a = R.choice(AREAS) if cc == "us" else R.choice([416, 514, 604, 613, 403, 780, 902, 647, 438])
        return R.choice([f"({a}) {x()}-{d(4)}", f"{a}-{x()}-{d(4)}", f"+1 {a} {x()} {d(4)}", f"{a}.{x()}.{d(4)}", f"+1-{a}-{x()}-{d(4)}", f"1 ({a}) {x()}-{d(4)}"])
    f = {"uk": lambda: R.choice([f"07{d(3)} {d(6)}", f"+44 7{d(3)} {d(6)}", f"+44 20 {R.randint(3, 8)}{d(3)} {d(4)}", f"020 7{d(3)} {d(4)}", f"0161 {x()} {d(4)}", f"+44 (0)113 {x()} {d(4)}"]),
         "de": lambda: R.choice([f"+49 30 {d(8)}", f"+49 151 {d(4)} {d(4)}", f"0151 {d(8)}", f"030 {d(4)} {d(4)}", f"+49 89 {x()} {d(4)}", f"0221/{d(7)}"]),
         "fr": lambda: R.choice([f"+33 6 {d(2)} {d(2)} {d(2)} {d(2)}", f"06 {d(2)} {d(2)} {d(2)} {d(2)}", f"+33 1 {d(2)} {d(2)} {d(2)} {d(2)}", f"07.{d(2)}.{d(2)}.{d(2)}.{d(2)}"]),
         "es": lambda: R.choice([f"+34 6{d(2)} {d(3)} {d(3)}", f"+34 91 {d(3)} {d(2)} {d(2)}", f"6{d(2)} {d(2)} {d(2)} {d(2)}"]),
         "in": lambda: R.choice([f"+91 9{d(4)} {d(5)}", f"+91-8{d(9)}", f"+91 7{d(9)}", f"09{d(9)}"]),
         "cn": lambda: R.choice([f"+86 13{d(1)} {d(4)} {d(4)}", f"+86 186-{d(4)}-{d(4)}", f"139{d(8)}", f"+86 10 {d(4)} {d(4)}"]),
         "br": lambda: R.choice([f"+55 11 9{d(4)}-{d(4)}", f"(21) 9{d(4)}-{d(4)}", f"+55 (31) 9{d(4)}-{d(4)}"]),
         "au": lambda: R.choice([f"+61 4{d(2)} {d(3)} {d(3)}", f"04{d(2)} {d(3)} {d(3)}", f"(02) 9{d(3)} {d(4)}", f"+61 3 9{d(3)} {d(4)}"]),
         "jp": lambda: R.choice([f"+81 90-{d(4)}-{d(4)}", f"090-{d(4)}-{d(4)}", f"03-{d(4)}-{d(4)}", f"+81 3 {d(4)} {d(4)}", f"080{d(8)}"]),
         "sg": lambda: R.choice([f"+65 9{d(3)} {d(4)}", f"+65 8{d(3)} {d(4)}", f"+65 6{d(3)} {d(4)}", f"9{d(3)} {d(4)}"]),
         "nl": lambda: R.choice([f"+31 6 {d(8)}", f"06-{d(8)}", f"+31 20 {x()} {d(4)}", f"06 {d(2)} {d(2)} {d(2)} {d(2)}"]),
         "it": lambda: R.choice([f"+39 3{d(2)} {d(3)} {d(4)}", f"+39 02 {d(4)} {d(4)}"]),
         "pl": lambda: R.choice([f"+48 {R.choice('5678')}{d(2)} {d(3)} {d(3)}", f"+48 22 {d(3)} {d(2)} {d(2)}"]),
         "kr": lambda: f"+82 10-{d(4)}-{d(4)}", "pk": lambda: f"+92 3{d(2)} {d(7)}", "ir": lambda: f"+98 912 {d(3)} {d(4)}",
         "ph": lambda: f"+63 9{d(2)} {d(3)} {d(4)}", "np": lambda: f"+977 98{d(8)}", "et": lambda: f"+251 9{d(2)} {d(3)} {d(3)}",
         "lk": lambda: f"+94 7{d(2)} {d(3)} {d(3)}", "ge": lambda: f"+995 5{d(2)} {d(2)} {d(2)} {d(2)}", "ru": lambda: f"+7 9{d(2)} {d(3)}-{d(2)}-{d(2)}",
         "ae": lambda: f"+971 5{d(1)} {d(3)} {d(4)}", "gr": lambda: f"+30 69{d(2)} {d(3)} {d(3)}", "th": lambda: f"+66 8{d(1)} {d(3)} {d(4)}"}[cc]
    return f()


def wrap_iban(v):
    """grouped IBAN; on narrow printed receipts it sometimes wraps onto an indented second line"""
    g = C.fmt_iban(R, v, "group")
    if R.random() < 0.3:
        parts = g.split(" ")
        k = R.randint(2, len(parts) - 2)
        return " ".join(parts[:k]) + "\n" + " " * R.choice([2, 4, 6]) + " ".join(parts[k:])
    return C.fmt_iban(R, v)


def PH(cc="us"):
    v = phone(cc)
    return L("PHONE_NUMBER", v, ign=cc not in SCORED_PHONE)


def EM(first, last, loc="us", domain=None):
    return L("EMAIL_ADDRESS", email_for(first, last, loc, domain))


def DOB(y=None, m=None, d=None, style=None):
    if y is None:
        y, m, d = C.dob_tuple(R)
    return L("DATE_OF_BIRTH", C.fmt_date(R, y, m, d, style))


def IP():
    return L("IP_ADDRESS", C.ipv4(R) if R.random() < 0.8 else C.ipv6(R))


def MRN():
    v = R.choice([rs(R, 7, DIG), rs(R, 8, DIG), "00" + rs(R, 6, DIG), R.choice(["MR", "E", "H", "MRN"]) + rs(R, 7, DIG), rs(R, 3, UP) + rs(R, 6, DIG), rs(R, 10, DIG)])
    return L("MEDICAL_RECORD_NUMBER", v)


def ICD():
    c, desc = R.choice(C.ICD10)
    if R.random() < 0.15:
        c = c.replace(".", "")
    return L("ICD10_CODE", c), desc


RSA_POOL = []


def pem_key(kind=None, comment="deploy@build-01"):
    kind = kind or R.choice(["rsa1", "rsa8", "ec", "openssh", "rsa8", "enc"])
    if kind in ("rsa1", "rsa8"):
        k = R.choice(RSA_POOL)
        return C.pem("RSA PRIVATE KEY", C.rsa_pkcs1(k)) if kind == "rsa1" else C.pem("PRIVATE KEY", C.rsa_pkcs8(k))
    if kind == "ec":
        return C.pem("EC PRIVATE KEY", C.ec_key_der(R))
    if kind == "enc":
        body = C.der_seq(C.der_seq(bytes.fromhex("06092a864886f70d01050d"), C.der_seq(
            C.der_seq(bytes.fromhex("06092a864886f70d01050c"), C.der_seq(C.der(0x04, bytes(R.getrandbits(8) for _ in range(8))), C.der_int(2048))),
            C.der_seq(bytes.fromhex("060960864801650304012a"), C.der(0x04, bytes(R.getrandbits(8) for _ in range(16)))))),
            C.der(0x04, bytes(R.getrandbits(8) for _ in range(R.choice([656, 1232])))))
        return C.pem("ENCRYPTED PRIVATE KEY", body)
    blob, _ = C.openssh_ed25519(R, comment)
    return C.pem("OPENSSH PRIVATE KEY", blob, 70)


def pub_pem():
    return C.pem("PUBLIC KEY", C.rsa_spki(R.choice(RSA_POOL)))


def fake_cert():
    b = bytes.fromhex("308203") + bytes(R.getrandbits(8) for _ in range(600))
    return C.pem("CERTIFICATE", b)


def gcp_key(project=None, escaped=False):
    project = project or R.choice(["acme-data", "ledger-prod", "mlops-sbx", "clinic-etl", "ads-reporting", "iot-fleet"]) + f"-{R.randint(100000, 999999)}"
    sa = R.choice(["etl-runner", "bq-loader", "terraform", "firebase-adminsdk-" + rs(R, 5, LOW), "vertex-batch", "gcs-sync"])
    em = f"{sa}@{project}.iam.gserviceaccount.com"
    pk = R.choice(RSA_POOL)
    p = C.pem("PRIVATE KEY", C.rsa_pkcs8(pk)).replace("\n", "\\n") + "\\n"
    body = ("{\n  \"type\": \"service_account\",\n  \"project_id\": \"" + project + "\",\n  \"private_key_id\": \"" + C.hexs(R, 40) +
            "\",\n  \"private_key\": \"" + I("PRIVATE_KEY", p) + "\",\n  \"client_email\": \"" + I("EMAIL_ADDRESS", em) +
            "\",\n  \"client_id\": \"" + rs(R, 21, DIG) + "\",\n  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n"
            "  \"token_uri\": \"https://oauth2.googleapis.com/token\",\n  \"auth_provider_x509_cert_url\": \"https://www.googleapis.com/oauth2/v1/certs\",\n"
            "  \"client_x509_cert_url\": \"https://www.googleapis.com/robot/v1/metadata/x509/" + urllib.parse.quote(em) + "\",\n  \"universe_domain\": \"googleapis.com\"\n}")
    if escaped:
        return L("GCP_SERVICE_ACCOUNT_KEY", jesc(body))
    return L("GCP_SERVICE_ACCOUNT_KEY", body)


def dburl(scheme=None, user=None, host=None, db=None):
    scheme = scheme or R.choice(["postgres", "postgresql", "mysql", "mongodb+srv", "redis", "amqp", "mssql", "mongodb"])
    user = user or R.choice(["app", "svc_orders", "etl", "reporting", "admin", "django", "api_rw", "root"])
    host = host or R.choice({"postgres": ["db-prod-01.internal", "orders.c9x2k1.us-east-1.rds.amazonaws.com", "pg.prod.svc.cluster.local"],
                             "postgresql": ["ep-cool-field-123456.us-east-2.aws.neon.tech", "pg.prod.svc.cluster.local"],
                             "mysql": ["mysql-primary.internal", "shop.cx81mz.eu-west-1.rds.amazonaws.com"],
                             "mongodb+srv": ["cluster0.ab1cd.mongodb.net"], "mongodb": ["mongo-0.mongo.prod.svc.cluster.local"],
                             "redis": ["redis-17321.c82.us-east-1-2.ec2.cloud.redislabs.com", "cache.internal"],
                             "amqp": ["mq.internal", "rabbitmq.prod.svc.cluster.local"], "mssql": ["sql-ledger.database.windows.net"]}[scheme])
    pw = C.dbpass(R)
    port = {"postgres": ":5432", "postgresql": ":5432", "mysql": ":3306", "redis": ":6379", "amqp": ":5672", "mssql": ":1433", "mongodb": ":27017"}.get(scheme, "")
    db = db or R.choice(["orders", "app", "analytics", "ledger", "0", "vhost", "prod"])
    if scheme == "redis":
        return f"redis://{R.choice(['', 'default'])}:{L('DATABASE_URL_WITH_PASSWORD', pw)}@{host}{port}/{R.randint(0, 3)}"
    return f"{scheme}://{user}:{L('DATABASE_URL_WITH_PASSWORD', pw)}@{host}{port}/{db}"


def jdbc():
    pw = C.dbpass(R).replace("%", "")
    return R.choice([f"jdbc:postgresql://pg-main.internal:5432/claims?user=claims_rw&password={L('DATABASE_URL_WITH_PASSWORD', pw)}&ssl=true",
                     f"jdbc:sqlserver://sql01.corp.local:1433;databaseName=HR;user=hr_app;password={L('DATABASE_URL_WITH_PASSWORD', pw)};encrypt=true",
                     f"jdbc:mysql://10.20.4.11:3306/shop?user=shop&password={L('DATABASE_URL_WITH_PASSWORD', pw)}&useSSL=false"])


def PW():
    return L("PASSWORD_ASSIGNMENT", C.password(R))


def azure_cs(acct=None):
    acct = acct or R.choice(["stprodlogs", "mediaassets", "finexports", "backupvault", "mlartifacts"]) + rs(R, 3, DIG)
    return f"DefaultEndpointsProtocol=https;AccountName={acct};AccountKey={L('AZURE_STORAGE_KEY', C.azure_key(R))};EndpointSuffix=core.windows.net"


SECRET_GEN = {
    "AWS_ACCESS_KEY_ID": lambda: C.aws_akid(R), "AWS_SECRET_ACCESS_KEY": lambda: C.aws_secret(R), "GITHUB_TOKEN": lambda: C.gh_token(R),
    "GITLAB_TOKEN": lambda: C.gitlab(R), "SLACK_TOKEN": lambda: C.slack_token(R), "SLACK_WEBHOOK_URL": lambda: C.slack_webhook(R),
    "STRIPE_SECRET_KEY": lambda: C.stripe_sk(R), "GOOGLE_API_KEY": lambda: C.google_key(R), "JWT": lambda: C.jwt(R),
    "OPENAI_API_KEY": lambda: C.openai_key(R), "ANTHROPIC_API_KEY": lambda: C.anthropic_key(R), "HUGGINGFACE_TOKEN": lambda: C.hf_token(R),
    "NPM_TOKEN": lambda: C.npm_token(R), "PYPI_TOKEN": lambda: C.pypi_token(R), "AZURE_STORAGE_KEY": lambda: C.azure_key(R),
    "SENDGRID_API_KEY": lambda: C.sendgrid(R), "TWILIO_API_KEY": lambda: C.twilio(R), "PASSWORD_ASSIGNMENT": lambda: C.password(R),
}
ENV_NAMES = {
    "AWS_ACCESS_KEY_ID": ["AWS_ACCESS_KEY_ID", "S3_ACCESS_KEY", "aws_access_key_id"], "AWS_SECRET_ACCESS_KEY": ["AWS_SECRET_ACCESS_KEY", "S3_SECRET_KEY", "aws_secret_access_key"],
    "GITHUB_TOKEN": ["GITHUB_TOKEN", "GH_TOKEN", "GH_PAT", "RENOVATE_TOKEN"], "GITLAB_TOKEN": ["GITLAB_TOKEN", "CI_JOB_PAT", "GL_TOKEN", "DANGER_GITLAB_API_TOKEN"],
    "SLACK_TOKEN": ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_TOKEN"], "SLACK_WEBHOOK_URL": ["SLACK_WEBHOOK", "ALERT_WEBHOOK_URL", "SLACK_HOOK"],
    "STRIPE_SECRET_KEY": ["STRIPE_SECRET_KEY", "STRIPE_API_KEY", "PAYMENTS_STRIPE_KEY"], "GOOGLE_API_KEY": ["GOOGLE_MAPS_KEY", "GOOGLE_API_KEY", "FIREBASE_WEB_KEY"],
    "JWT": ["SERVICE_TOKEN", "INTERNAL_JWT", "SUPABASE_SERVICE_ROLE_KEY"], "OPENAI_API_KEY": ["OPENAI_API_KEY", "OPENAI_KEY", "LLM_API_KEY"],
    "ANTHROPIC_API_KEY": ["ANTHROPIC_API_KEY", "CLAUDE_KEY", "ANTHROPIC_KEY"], "HUGGINGFACE_TOKEN": ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_API_TOKEN"],
    "NPM_TOKEN": ["NPM_TOKEN", "NODE_AUTH_TOKEN", "NPM_PUBLISH_TOKEN"], "PYPI_TOKEN": ["PYPI_TOKEN", "TWINE_PASSWORD", "UV_PUBLISH_TOKEN"],
    "AZURE_STORAGE_KEY": ["AZURE_STORAGE_KEY", "AZURE_STORAGE_ACCOUNT_KEY", "BLOB_ACCOUNT_KEY"], "SENDGRID_API_KEY": ["SENDGRID_API_KEY", "SMTP_SENDGRID_KEY", "MAIL_API_KEY"],
    "TWILIO_API_KEY": ["TWILIO_API_KEY", "TWILIO_API_KEY_SID", "TWILIO_KEY"], "PASSWORD_ASSIGNMENT": ["DB_PASSWORD", "ADMIN_PASSWORD", "SMTP_PASSWORD", "REDIS_PASSWORD", "KEYSTORE_PASSWORD", "LDAP_BIND_PASSWORD"],
}
ALL_SECRETS = list(SECRET_GEN)


def secret_kv(t=None):
    """(name, marker-value) pair for an env-style secret"""
    t = t or pick(ALL_SECRETS)
    return R.choice(ENV_NAMES[t]), L(t, SECRET_GEN[t]())


# ------------------------------------------------------------------ hard negatives (unlabeled text)
def neg_token():
    return R.choice([lambda: f"pk_live_51{rs(R, 60)}", lambda: C.bad_crc(R, "ghp_"), lambda: C.bad_crc(R, "npm_"), lambda: "0x" + C.hexs(R, 64),
                     lambda: C.uuid(R), lambda: C.hexs(R, 40), lambda: "sha256:" + C.hexs(R, 64), lambda: C.wallet_bad(R),
                     lambda: "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOi", lambda: C.hexs(R, 7), lambda: f"v{C.semver(R)}"])()


# ------------------------------------------------------------------ families
FAMILIES = {}


def family(kind, n, hosts=()):
    def deco(f):
        FAMILIES[kind] = (f, n, set(hosts))
        return f
    return deco


# ================= PII / business =================
@family("real_estate_closing", 10, ["US_ITIN", "US_BANK_ROUTING", "US_SSN", "IBAN"])
def f_closing():
    bf, bl = person("us")
    sf, sl = person("us")
    foreign = R.random() < 0.4 or "US_ITIN" in FORCE or "IBAN" in FORCE
    file_no = f"{R.randint(20, 25)}-{R.randint(100000, 999999)}"
    apn = f"{R.randint(100, 999)}-{R.randint(100, 999)}-{R.randint(10, 99)}"
    rt = C.aba(R)
    acct = rs(R, R.randint(9, 12), DIG)
    s_id = (f"ITIN {L('US_ITIN', C.itin(R))}" if foreign else f"SSN {L('US_SSN', C.ssn(R))}")
    seller_pay = (f"Seller proceeds by international wire to IBAN {L('IBAN', C.fmt_iban(R, C.iban(R, R.choice(['DE', 'GB', 'IE', 'NL', 'FR']))))} (BIC on file); FIRPTA withholding 15% applies."
                  if foreign else f"Seller proceeds by ACH to routing {L('US_BANK_ROUTING', C.aba(R))}, account ending {acct[-4:]}.")
    title_ph = PH("us")
    return (f"CLOSING DISCLOSURE / SETTLEMENT STATEMENT - ALTA combined\nFile No.: {file_no}    Escrow Officer direct: {title_ph}\n"
            f"Property: {R.randint(100, 9999)} {R.choice(['Oak Hollow Dr', 'W 41st St', 'Magnolia Ct', 'Harbor View Ln'])}, APN {apn}\n"
            f"Settlement date: {C.fmt_date(R, 2025, R.randint(1, 12), R.randint(1, 28), 'us')}   Disbursement date: same\n\n"
            f"Borrower: {bf} {bl}   email {EM(bf, bl)}   cell {PH('us')}\n"
            f"Seller: {sf} {sl}   {s_id}   (for 1099-S reporting)\n\n"
            f"Line 803 Appraisal fee ........ $650.00\nLine 1101 Title services ....... $1,245.00\nLine 1201 Recording fees ....... $186.00\n\n"
            f"WIRE INSTRUCTIONS (verify by phone before sending - we never change instructions by email)\n"
            f"Bank: {R.choice(['First Republic Trust', 'Pacific Western Bank', 'Chase', 'Wells Fargo'])}\nABA routing number: {L('US_BANK_ROUTING', rt)}\n"
            f"Credit account: {acct}\nReference: {file_no} / {bl}\n\n{seller_pay}\n"
            f"Lender loan #: {rs(R, 10, DIG)}  MERS MIN: {rs(R, 18, DIG)}\n")


@family("bankruptcy_petition", 7, ["US_SSN", "US_ITIN", "CREDIT_CARD", "DATE_OF_BIRTH"])
def f_bankruptcy():
    f, l_ = person("us")
    idv = pick(["US_SSN", "US_ITIN"])
    num = C.ssn(R) if idv == "US_SSN" else C.itin(R)
    court = R.choice(["Northern District of Illinois", "Central District of California", "Southern District of Texas", "District of New Jersey"])
    cred = []
    for _ in range(R.randint(2, 4)):
        kind = R.random()
        if kind < 0.4:
            cred.append(f"  {R.choice(['Capital One', 'Discover Bank', 'Synchrony/Amazon', 'Citibank'])}  acct no. last 4 digits: {rs(R, 4, DIG)}   ${R.randint(800, 19000):,}.00  credit card debt")
        elif kind < 0.7:
            cred.append(f"  {R.choice(['Navient', 'Ally Financial', 'OneMain'])}  account {L('CREDIT_CARD', C.fmt_card(R, C.card(R)))} (full number listed in error by debtor)   ${R.randint(800, 9000):,}.00")
        else:
            cred.append(f"  Medical: {R.choice(['Northwestern Memorial', 'Cedars-Sinai', 'Hackensack UMC'])} acct {rs(R, 9, DIG)}   ${R.randint(200, 40000):,}.00")
    return (f"UNITED STATES BANKRUPTCY COURT\n{court}\nCase number (if known): {R.randint(24, 25)}-bk-{R.randint(10000, 39999)}\n\n"
            f"Official Form 121 - Statement About Your Social Security Numbers\nDebtor 1: {f} {l_}\n"
            f"1. Your Social Security number or Individual Taxpayer Identification number (ITIN): {L(idv, num)}\n"
            f"   (This form is not filed publicly; it is submitted to the court separately.)\n"
            f"Official Form 101 Part 1: last 4 digits only: xxx-xx-{num[-4:]}\n"
            f"Debtor date of birth (for credit-counseling certificate): {DOB(style=R.choice(['us', 'us_long']))}\n"
            f"Contact phone {PH('us')}   Email {EM(f, l_)}\n\nSchedule E/F - Creditors Who Have Unsecured Claims\n" + "\n".join(cred) +
            f"\n\nCredit counseling certificate no. {R.randint(10000, 99999)}-{R.choice(['IL', 'CA', 'TX', 'NJ'])}-CC-{rs(R, 9, DIG)}\n")


@family("i9_everify_case", 7, ["US_PASSPORT", "US_SSN", "DATE_OF_BIRTH"])
def f_i9():
    return _i9_fix()


def _i9_fix():
    # rebuilt without the confusing replace trick above
    f, l_ = person("us")
    docs = pick(["US_PASSPORT", "DATE_OF_BIRTH", "US_SSN"])
    if docs == "US_PASSPORT" or R.random() < 0.5:
        doc_line = f"List A: U.S. Passport   Document #: {L('US_PASSPORT', C.passport_us(R))}   Expiration: {C.fmt_date(R, R.randint(2026, 2034), R.randint(1, 12), R.randint(1, 28), 'us')}"
    else:
        doc_line = f"List B: Driver's license {R.choice(['IL', 'TX', 'CA'])} {R.choice(UP)}{rs(R, 11, DIG)}   List C: Social Security card"
    hr = R.choice(NAMES["us"][0])
    return (f"Form I-9 Section 1 export (HRIS case {C.uuid(R)})\n"
            f"last_name|first_name|middle_initial|other_last_names|date_of_birth|ssn|email|phone|citizenship\n"
            f"{l_}|{f}|{R.choice(UP)}|N/A|{DOB(style=R.choice(['us', 'iso']))}|{L('US_SSN', C.ssn(R))}|{EM(f, l_)}|{PH('us')}|1 - A citizen of the United States\n\n"
            f"Section 2 - Employer Review\n{doc_line}\n"
            f"First day of employment: {C.fmt_date(R, 2025, R.randint(1, 12), R.randint(1, 28), 'us')}\n"
            f"E-Verify case number: 2025{rs(R, 9, DIG)}{R.choice(UP)}{R.choice(UP)}   Status: Employment Authorized\n"
            f"Reviewed by {hr} ({L('EMAIL_ADDRESS', asc(hr) + '.hr@' + R.choice(['northwind-logistics.com', 'bluepeak.io']))})\n")


REG = {
    "pl": ("ODPIS ZUPEŁNY AKTU URODZENIA", "Data urodzenia", "PESEL", "Imię ojca", "Urząd Stanu Cywilnego w Krakowie"),
    "it": ("ESTRATTO PER RIASSUNTO DELL'ATTO DI NASCITA", "Data di nascita", "Codice fiscale", "Padre", "Ufficiale dello Stato Civile - Comune di"),
    "es": ("CERTIFICACIÓN LITERAL DE NACIMIENTO", "Fecha de nacimiento", "DNI/NIE", "Padre", "Registro Civil de"),
    "nl": ("UITTREKSEL BASISREGISTRATIE PERSONEN", "Geboortedatum", "Burgerservicenummer", "Ouder 1", "Gemeente"),
    "br": ("CERTIDÃO DE NASCIMENTO - 2ª VIA", "Data de nascimento", "CPF", "Pai", "Cartório de Registro Civil de"),
}


@family("civil_registry_extract", 14, ["PL_PESEL", "IT_FISCAL_CODE", "ES_NIF", "NL_BSN", "BR_CPF"])
def f_registry():
    loc = {"PL_PESEL": "pl", "IT_FISCAL_CODE": "it", "ES_NIF": "es", "NL_BSN": "nl", "BR_CPF": "br"}[pick(["PL_PESEL", "IT_FISCAL_CODE", "ES_NIF", "NL_BSN", "BR_CPF"])]
    title, dlab, idlab, parent, office = REG[loc]
    first, last = person(loc)
    female = R.random() < 0.5
    y, m, d = C.dob_tuple(R, 1950, 2012)
    if loc == "pl":
        idv = L("PL_PESEL", C.pesel(R, y, m, d, female))
        bad = C.bad_digit(C.pesel(R, y, m, d, female))
        ds = C.fmt_date(R, y, m, d, "eu_dot")
        extra = f"Poprzedni błędny wpis PESEL {bad} (sprostowany)."
        ph = PH("pl")
    elif loc == "it":
        idv = L("IT_FISCAL_CODE", C.fiscal_code(R, last, first, y, m, d, female))
        ds = f"{d} {['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'][m - 1]} {y}"
        bcf = C.fiscal_code(R, last, first, y, m, d, female)
        extra = f"Annotazione: il codice {bcf[:15]}{chr((ord(bcf[15]) - 65 + 5) % 26 + 65)} riportato sul modulo precedente è errato."
        ph = PH("it")
    elif loc == "es":
        idv = L("ES_NIF", C.nif(R))
        ds = C.fmt_date(R, y, m, d, "eu_slash")
        b = C.nif(R, nie=False)
        extra = f"Nota: el DNI {b[:8]}{C.NIFL[(C.NIFL.index(b[8]) + 4) % 23]} consignado en la solicitud no es válido."
        ph = PH("es")
    elif loc == "nl":
        idv = L("NL_BSN", C.bsn(R))
        ds = C.fmt_date(R, y, m, d, "dash_eu")
        extra = f"Vorig BSN-nummer {C.bad_digit(C.bsn(R))} komt niet voor in de BRP."
        ph = PH("nl")
    else:
        idv = L("BR_CPF", C.cpf(R, fmt=R.random() < 0.7))
        ds = C.fmt_date(R, y, m, d, "eu_slash")
        extra = f"Matrícula: {rs(R, 6, DIG)} 01 55 {y} 1 {rs(R, 5, DIG)} {rs(R, 3, DIG)} {rs(R, 7, DIG)} {rs(R, 2, DIG)}"
        ph = PH("br")
    pf, _ = person(loc)
    py = y - R.randint(22, 40)
    pid = {"pl": lambda: L("PL_PESEL", C.pesel(R, py, R.randint(1, 12), R.randint(1, 28), False)),
           "it": lambda: L("IT_FISCAL_CODE", C.fiscal_code(R, last, pf, py, R.randint(1, 12), R.randint(1, 28), False)),
           "es": lambda: L("ES_NIF", C.nif(R)), "nl": lambda: L("NL_BSN", C.bsn(R)), "br": lambda: L("BR_CPF", C.cpf(R))}[loc]()
    city = R.choice({"pl": ["Krakowie", "Gdańsku", "Poznaniu"], "it": ["Bologna", "Torino", "Bari"], "es": ["Sevilla", "Valencia", "Bilbao"],
                     "nl": ["Utrecht", "Eindhoven", "Groningen"], "br": ["Campinas - SP", "Recife - PE", "Curitiba - PR"]}[loc])
    if loc == "pl":
        office = "Urząd Stanu Cywilnego w"
    return (f"{title}\n{office} {city}  Nr aktu / atto / acta: {R.randint(100, 999)}/{y}\n"
            f"(Formularz wielojęzyczny / modulo multilingue / impreso multilingüe - Reg. (UE) 2016/1191)\n\n"
            f"Nazwisko / Cognome / Apellidos / Naam / Nome: {last}\nImię / Nome / Nombre / Voornamen: {first}\n"
            f"{dlab}: {L('DATE_OF_BIRTH', ds)}\n{idlab}: {idv}\n{parent}: {pf} {last} ({idlab} {pid})\n"
            f"Wydano na wniosek / richiedente / solicitante / aanvrager: tel. {ph}, {EM(first, last, loc)}\n{extra}\n"
            f"Data wydania / rilascio: {C.fmt_date(R, 2025, R.randint(1, 12), R.randint(1, 28), 'eu_dot')}\n")


@family("pension_rollover", 12, ["UK_NINO", "AU_TFN", "CA_SIN", "NL_BSN", "IBAN"])
def f_pension():
    which = pick(["UK_NINO", "AU_TFN", "CA_SIN", "NL_BSN"])
    if which == "UK_NINO":
        f, l_ = person("uk")
        return (f"TRANSFER-OUT REQUEST (defined contribution scheme)\nMember: {f} {l_}\nNational Insurance number: {L('UK_NINO', C.nino(R, spaced=R.random() < 0.5))}\n"
                f"Date of birth: {DOB(style=R.choice(['eu_slash', 'long']))}\nReceiving scheme: {R.choice(['Aviva', 'Nest', 'L&G', 'Scottish Widows'])} PSTR {rs(R, 8, DIG)}RL\n"
                f"Pay to receiving scheme bank: sort code {rs(R, 2, DIG)}-{rs(R, 2, DIG)}-{rs(R, 2, DIG)}, IBAN {L('IBAN', C.fmt_iban(R, C.iban(R, 'GB')))}\n"
                f"Member phone {PH('uk')} / {EM(f, l_, 'uk')}\nPension Wise guidance ref {rs(R, 3, UP)}-{rs(R, 6, DIG)} (not an NI number)\n")
    if which == "AU_TFN":
        f, l_ = person("au")
        t = C.tfn(R)
        t = R.choice([t, f"{t[:3]} {t[3:6]} {t[6:]}"])
        return (f"Rollover initiation request (NAT 71223-style)\nFund member: {f} {l_}\nTax file number (TFN): {L('AU_TFN', t)}\n"
                f"Date of birth: {DOB(style='eu_slash')}\nUSI of receiving fund: {R.choice(['STA0100AU', 'AUS0001AU', 'HOS0001AU'])}\nMember number: {rs(R, 9, DIG)}\n"
                f"Mobile: {PH('au')}   Email: {EM(f, l_, 'au')}\nABN of fund: {rs(R, 2, DIG)} {rs(R, 3, DIG)} {rs(R, 3, DIG)} {rs(R, 3, DIG)}\n"
                f"Note: the TFN {C.bad_digit(C.tfn(R))} on the old paper form failed validation and was not used.\n")
    if which == "CA_SIN":
        f, l_ = person("ca")
        s = C.sin(R)
        s = R.choice([s, f"{s[:3]} {s[3:6]} {s[6:]}", f"{s[:3]}-{s[3:6]}-{s[6:]}"])
        return (f"Form T2033 - Direct transfer under subsection 146.3(14.1)\nAnnuitant: {l_}, {f}\nSocial insurance number: {L('CA_SIN', s)}\n"
                f"Date de naissance / Date of birth: {DOB(style='iso')}\nTransferor plan no.: {rs(R, 10, DIG)}   Receiving plan no.: {rs(R, 3, UP)}{rs(R, 7, DIG)}\n"
                f"Téléphone: {PH('ca')}   Courriel: {EM(f, l_, 'ca')}\n")
    f, l_ = person("nl")
    return (f"Verzoek waardeoverdracht pensioen\nDeelnemer: {f} {l_}\nBSN: {L('NL_BSN', C.bsn(R))}\nGeboortedatum: {DOB(style='dash_eu')}\n"
            f"Uitbetaling op rekening (IBAN): {L('IBAN', C.fmt_iban(R, C.iban(R, 'NL')))}\nTelefoon: {PH('nl')}  E-mail: {EM(f, l_, 'nl')}\n"
            f"Polisnummer {rs(R, 4, DIG)}.{rs(R, 3, DIG)}.{rs(R, 3, DIG)} - niet het BSN.\n")


@family("sepa_pain001_xml", 7, ["IBAN"])
def f_pain001():
    cc = R.choice(["DE", "FR", "ES", "IT", "NL", "BE", "AT", "PT", "IE", "CH", "SE", "NO", "PL"])
    txs = []
    for i in range(R.randint(2, 4)):
        loc = R.choice(["de", "fr", "es", "it", "nl"])
        f, l_ = person(loc)
        ib = C.iban(R, R.choice(["DE", "FR", "ES", "IT", "NL", "BE", "AT", "PT", "IE", "PL", "SE", "NO", "CH"]))
        txs.append(f"      <CdtTrfTxInf>\n        <PmtId><EndToEndId>E2E-{rs(R, 10, DIG)}</EndToEndId></PmtId>\n"
                   f"        <Amt><InstdAmt Ccy=\"EUR\">{R.randint(20, 9000)}.{R.randint(10, 99)}</InstdAmt></Amt>\n"
                   f"        <Cdtr><Nm>{l_} {f}</Nm></Cdtr>\n        <CdtrAcct><Id><IBAN>{L('IBAN', ib)}</IBAN></Id></CdtrAcct>\n"
                   f"        <RmtInf><Ustrd>Rechnung {R.randint(2024, 2025)}-{rs(R, 5, DIG)}</Ustrd></RmtInf>\n      </CdtTrfTxInf>")
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\">\n  <CstmrCdtTrfInitn>\n"
            f"    <GrpHdr><MsgId>MSG-{C.hexs(R, 12)}</MsgId><CreDtTm>2025-0{R.randint(1, 9)}-1{R.randint(0, 9)}T08:{R.randint(10, 59)}:00</CreDtTm><NbOfTxs>{len(txs)}</NbOfTxs>"
            f"<InitgPty><Nm>{R.choice(['Bauhaus Logistik GmbH', 'Fromagerie Lefèvre SARL', 'Talleres Gómez SL', 'Studio Conti srl'])}</Nm></InitgPty></GrpHdr>\n"
            f"    <PmtInf>\n      <PmtInfId>PAY-{rs(R, 8, DIG)}</PmtInfId>\n      <DbtrAcct><Id><IBAN>{L('IBAN', C.iban(R, cc))}</IBAN></Id></DbtrAcct>\n"
            f"      <DbtrAgt><FinInstnId><BICFI>{rs(R, 4, UP)}{cc}{rs(R, 2, UP)}</BICFI></FinInstnId></DbtrAgt>\n" + "\n".join(txs) +
            f"\n    </PmtInf>\n  </CstmrCdtTrfInitn>\n</Document>\n<!-- rejected by bank: IBAN {C.iban_bad(R)} invalid check digits (pain.002 RJCT AC01) -->\n")


@family("crypto_exchange_export", 7, ["CRYPTO_WALLET", "IP_ADDRESS"])
def f_exchange():
    f, l_ = person(R.choice(["us", "de", "sg", "br"]))
    rows = ["time_utc,type,asset,amount,destination,tx_hash,login_ip,status"]
    for _ in range(R.randint(3, 6)):
        asset = R.choice(["BTC", "BTC", "ETH", "USDT-ERC20"])
        w = C.wallet(R, R.choice(["p2pkh", "p2sh", "bech32", "bech32m"]) if asset == "BTC" else "eth")
        txh = ("0x" + C.hexs(R, 64)) if asset != "BTC" else C.hexs(R, 64)
        rows.append(f"2025-0{R.randint(1, 9)}-{R.randint(10, 28)}T{R.randint(10, 23)}:{R.randint(10, 59)}:{R.randint(10, 59)}Z,withdrawal,{asset},{R.randint(1, 900) / 100},"
                    f"{L('CRYPTO_WALLET', w)},{txh},{IP()},{R.choice(['completed', 'completed', 'pending_review'])}")
    rows.append(f"2025-10-01T00:00:00Z,deposit,BTC,0.5,{C.wallet_bad(R)},{C.hexs(R, 64)},{I('IP_ADDRESS', C.ipv4_private(R))},rejected_bad_address")
    return (f"# account export for {f} {l_} <{EM(f, l_)}>  uid={rs(R, 9, DIG)}  generated by compliance-bot\n" + "\n".join(rows) + "\n")


CHAT = {
    "ja": ("LINE", "[LINE] {n}とのトーク履歴\n保存日時：2025/0{m}/1{d} 21:{mm}\n\n2025/0{m}/0{d}(金)\n", "{t}\t{n}\t{msg}",
           ["電話番号は {PH} です", "メールはこちら {EM}", "振込先確認お願いします。カード番号 {CC} で払いました", "誕生日 {DOB} で登録してね", "新しい番号: {PH}"]),
    "ko": ("KakaoTalk", "{n} 님과 카카오톡 대화\n저장한 날짜 : 2025-0{m}-1{d} 오후 9:{mm}\n\n", "2025. {m}. {d}. 오후 {t}, {n} : {msg}",
           ["제 이메일은 {EM} 이에요", "싱가포르 번호 {PH} 로 연락 주세요", "카드번호 {CC} 로 결제했어요", "생년월일 {DOB} 입니다", "주문번호 {ORD} (전화번호 아님)"]),
    "zh": ("WeChat", "微信聊天记录导出 - 与 {n}\n导出时间 2025-0{m}-1{d} 21:{mm}\n\n", "{n} 2025-0{m}-0{d} {t}\n{msg}",
           ["我的手机号是 {PH}", "邮箱 {EM} 发我合同", "卡号 {CC}，麻烦退款", "出生日期 {DOB}", "快递单号 {ORD}"]),
}


@family("asian_messenger_export", 9, ["PHONE_NUMBER", "CREDIT_CARD"])
def f_messenger():
    lang = R.choice(list(CHAT))
    app, head, line, msgs = CHAT[lang]
    loc = {"ja": "jp", "ko": "kr", "zh": "cn"}[lang]
    f, l_ = person(loc)
    n = f"{l_} {f}"
    out = head.format(n=n, m=R.randint(1, 9), d=R.randint(1, 9), mm=R.randint(10, 59))
    for msg in R.sample(msgs, R.randint(3, 5)):
        cc_phone = loc if loc != "kr" else "sg"
        msg = msg.replace("{PH}", PH(cc_phone) if "{PH}" in msg else "").replace("{EM}", EM(f, l_, loc)).replace(
            "{CC}", L("CREDIT_CARD", C.fmt_card(R, C.card(R, R.choice(["jcb", "unionpay", "visa", "mc"]))))).replace(
            "{DOB}", L("DATE_OF_BIRTH", C.fmt_date(R, *C.dob_tuple(R), style={"ja": "ja", "ko": "ko", "zh": "ja"}[lang]))).replace("{ORD}", C.phoneish_order(R))
        out += line.format(t=f"{R.randint(1, 11)}:{R.randint(10, 59)}", n=R.choice([n, "我" if lang == "zh" else "나" if lang == "ko" else "自分"]), m=R.randint(1, 9), d=R.randint(1, 9), msg=msg) + "\n"
    if lang == "ko":
        out += f"{n} : 제 한국 번호는 {PH('kr')}\n"
    return out


INDIC = {
    "ta": ("பயனாளி பட்டியல் - பொது விநியோகத் திட்டம்", "பெயர்", "ஆதார் எண்", "பிறந்த தேதி", "கைபேசி", "பான்"),
    "te": ("లబ్ధిదారుల జాబితా - పౌర సరఫరాల శాఖ", "పేరు", "ఆధార్ సంఖ్య", "పుట్టిన తేదీ", "మొబైల్", "పాన్"),
    "mr": ("लाभार्थी यादी - शिधापत्रिका", "नाव", "आधार क्रमांक", "जन्मतारीख", "मोबाईल", "पॅन"),
    "gu": ("લાભાર્થી યાદી - રેશન કાર્ડ", "નામ", "આધાર નંબર", "જન્મ તારીખ", "મોબાઇલ", "પાન"),
    "kn": ("ಫಲಾನುಭವಿಗಳ ಪಟ್ಟಿ - ಪಡಿತರ ಚೀಟಿ", "ಹೆಸರು", "ಆಧಾರ್ ಸಂಖ್ಯೆ", "ಜನ್ಮ ದಿನಾಂಕ", "ಮೊಬೈಲ್", "ಪ್ಯಾನ್"),
    "ml": ("ഗുണഭോക്തൃ പട്ടിക - റേഷൻ കാർഡ്", "പേര്", "ആധാർ നമ്പർ", "ജനന തീയതി", "മൊബൈൽ", "പാൻ"),
    "pa": ("ਲਾਭਪਾਤਰੀ ਸੂਚੀ - ਰਾਸ਼ਨ ਕਾਰਡ", "ਨਾਮ", "ਆਧਾਰ ਨੰਬਰ", "ਜਨਮ ਮਿਤੀ", "ਮੋਬਾਈਲ", "ਪੈਨ"),
}


@family("indic_welfare_list", 10, ["IN_AADHAAR", "IN_PAN"])
def f_indic():
    lang = R.choice(list(INDIC))
    title, nm, aad, dob, mob, panl = INDIC[lang]
    rows = [f"{title}\nS.No | {nm} | {aad} | {dob} | {mob} | {panl} | Ration card no. | IFSC"]
    for i in range(R.randint(2, 4)):
        f, l_ = person("in")
        a = C.aadhaar(R)
        a = R.choice([a, f"{a[:4]} {a[4:8]} {a[8:]}", f"{a[:4]}-{a[4:8]}-{a[8:]}"])
        p = L("IN_PAN", C.pan(R, l_)) if R.random() < 0.6 or "IN_PAN" in FORCE else "—"
        rows.append(f"{i + 1} | {f} {l_} | {L('IN_AADHAAR', a)} | {DOB(style=R.choice(['eu_slash', 'dash_eu']))} | {PH('in')} | {p} | "
                    f"{R.choice(['TN', 'AP', 'MH', 'GJ', 'KA', 'KL', 'PB'])}{rs(R, 10, DIG)} | {rs(R, 4, UP)}0{rs(R, 6, DIG)}")
    b = C.aadhaar(R)
    rows.append(f"(செல்லாதது / invalid, re-verify) | — | {b[:11]}{(int(b[11]) + 1) % 10} | — | — | — | — | —")
    return "\n".join(rows) + "\n"


REMIT = {
    "ur": ("ترسیلات زر کی رسید", "بھیجنے والا", "وصول کنندہ", "بینک اکاؤنٹ (IBAN)", "فون", "pk"),
    "fa": ("رسید حواله ارزی", "فرستنده", "گیرنده", "شماره حساب بین‌المللی (IBAN)", "تلفن", "ir"),
    "tl": ("RESIBO NG PADALA", "Nagpadala", "Tatanggap", "IBAN ng tatanggap", "Telepono", "ph"),
    "ne": ("रेमिट्यान्स रसिद", "पठाउने", "प्राप्तकर्ता", "आईबान (IBAN)", "फोन", "np"),
    "am": ("የገንዘብ ማስተላለፊያ ደረሰኝ", "ላኪ", "ተቀባይ", "IBAN ቁጥር", "ስልክ", "et"),
    "si": ("මුදල් යැවීමේ රිසිට්පත", "යවන්නා", "ලබන්නා", "IBAN අංකය", "දුරකථන", "lk"),
    "ka": ("ფულადი გზავნილის ქვითარი", "გამგზავნი", "მიმღები", "IBAN ანგარიში", "ტელეფონი", "ge"),
}


@family("remittance_receipt_i18n", 9, ["IBAN", "US_PASSPORT"])
def f_remit():
    lang = R.choice(list(REMIT))
    title, snd, rcv, ib, tel, home = REMIT[lang]
    sloc = R.choice(["uk", "de", "us", "it", "es"])
    sf, sl = person(sloc)
    rf, rl = person(R.choice(["de", "fr", "it", "es", "nl"]))
    cc = R.choice(["DE", "FR", "IT", "ES", "NL", "BE", "AT", "PT", "IE"])
    idl = (f"US Passport: {L('US_PASSPORT', C.passport_us(R))}" if sloc == "us" or "US_PASSPORT" in FORCE else f"ID: {rs(R, 2, UP)}{rs(R, 7, DIG)}")
    return (f"{title}\nMTCN {rs(R, 3, DIG)}-{rs(R, 3, DIG)}-{rs(R, 4, DIG)}   {C.fmt_date(R, 2025, R.randint(1, 12), R.randint(1, 28), 'iso')}\n"
            f"{snd}: {sf} {sl}  {tel}: {PH(sloc)}  {idl}\n{snd} email: {EM(sf, sl, sloc)}\n"
            f"{rcv}: {rf} {rl}  {tel}: {PH(home)}\n{ib}: {L('IBAN', wrap_iban(C.iban(R, cc)))}\n"
            f"Amount: {R.randint(100, 3000)}.00 EUR   Fee: {R.randint(3, 15)}.99   Rate {R.randint(80, 320)}.{rs(R, 4, DIG)}\n")


@family("youth_league_roster", 6, ["DATE_OF_BIRTH", "PHONE_NUMBER", "EMAIL_ADDRESS"])
def f_roster():
    loc = R.choice(["us", "uk", "au", "ca"])
    rows = ["| # | Player | DOB | Guardian | Guardian phone | Guardian email | Medical notes |", "|---|---|---|---|---|---|---|"]
    for i in range(R.randint(4, 7)):
        f, l_ = person(loc)
        gf, _ = person(loc)
        rows.append(f"| {R.randint(1, 99)} | {f} {l_} | {L('DATE_OF_BIRTH', C.fmt_date(R, R.randint(2010, 2017), R.randint(1, 12), R.randint(1, 28), 'us' if loc == 'us' else 'eu_slash'))} | "
                    f"{gf} {l_} | {PH(loc)} | {EM(gf, l_, loc)} | {R.choice(['none', 'asthma - inhaler in bag', 'peanut allergy (EpiPen)', 'none', 'T1 diabetes, CGM'])} |")
    return (f"## U{R.choice([10, 12, 14])} {R.choice(['Girls', 'Boys', 'Mixed'])} - {R.choice(['Riverside FC', 'North Shore Strikers', 'Maple Leafs SC'])} roster (fall season)\n"
            f"Coach: {' '.join(person(loc))}  Field permit #{C.phoneish_order(R)}\n\n" + "\n".join(rows) + "\n")


@family("gedcom_family_tree", 6, ["DATE_OF_BIRTH", "US_SSN"])
def f_gedcom():
    lines = ["0 HEAD", "1 SOUR FamilyHistoryApp", "2 VERS 9.3.1", "1 GEDC", "2 VERS 5.5.1", "1 CHAR UTF-8"]
    for i in range(R.randint(2, 4)):
        f, l_ = person("us")
        living = R.random() < 0.7
        y, m, d = C.dob_tuple(R, 1920 if not living else 1945, 2005)
        ds = f"{d} {C.MONTHS_EN[m - 1][:3].upper()} {y}"
        lines += [f"0 @I{i + 1}@ INDI", f"1 NAME {f} /{l_}/", f"1 SEX {R.choice('MF')}", "1 BIRT", f"2 DATE {L('DATE_OF_BIRTH', ds)}",
                  f"2 PLAC {R.choice(['Dayton, Ohio, USA', 'Fresno, California, USA', 'Scranton, Pennsylvania, USA'])}"]
        if not living:
            lines += ["1 DEAT", f"2 DATE {R.randint(1, 28)} {R.choice(['JAN', 'MAR', 'JUL', 'NOV'])} {R.randint(1990, 2023)}"]
        if R.random() < 0.6 or "US_SSN" in FORCE:
            lines.append(f"1 SSN {L('US_SSN', C.ssn(R))}")
        if living and R.random() < 0.6:
            lines += [f"1 EMAIL {EM(f, l_)}", f"1 PHON {PH('us')}"]
        lines.append(f"1 _UID {C.hexs(R, 32).upper()}")
    lines.append("0 TRLR")
    return "\n".join(lines) + "\n"


@family("hr_exit_interview", 9, ["UK_NINO", "US_BANK_ROUTING", "MAC_ADDRESS", "CA_SIN"])
def f_exit():
    loc = R.choice(["us", "uk", "ca"])
    f, l_ = person(loc)
    idline = {"us": f"Final paycheck via direct deposit: routing {L('US_BANK_ROUTING', C.aba(R))} acct ****{rs(R, 4, DIG)}",
              "uk": f"NI number for P45: {L('UK_NINO', C.nino(R, R.random() < 0.5))}",
              "ca": f"SIN for ROE (Record of Employment): {L('CA_SIN', C.sin(R))}"}[loc]
    return (f"# Exit interview & offboarding - {f} {l_}\n**Last day:** {C.fmt_date(R, 2025, R.randint(1, 12), R.randint(1, 28), 'long')}\n"
            f"**Reason:** {R.choice(['relocation', 'better comp elsewhere', 'manager conflict', 'return to school'])}\n\n"
            f"> \"Honestly the on-call load was brutal. I'd stay if the rotation changed.\"\n\n"
            f"### Checklist\n- [x] Personal contact for COBRA / benefits mail: {EM(f, l_, loc)}, {PH(loc)}\n- [x] {idline}\n"
            f"- [ ] Laptop return: asset tag LT-{rs(R, 5, DIG)}, Wi-Fi MAC {L('MAC_ADDRESS', C.mac(R))}, serial C02{rs(R, 8, UP + DIG)}\n"
            f"- [ ] Return label tracking 1Z{rs(R, 16, UP + DIG)}\n- [x] Badge {rs(R, 6, DIG)} disabled; VPN cert revoked (fingerprint {C.hexs(R, 40)})\n")


@family("warc_forum_scrape", 9, ["EMAIL_ADDRESS", "IP_ADDRESS", "PHONE_NUMBER"])
def f_warc():
    host = R.choice(["forum.homebrewtalk.com", "boards.carfix.net", "community.smalltownhoa.org", "talk.indiedevs.io"])
    loc = R.choice(["us", "uk", "au", "de", "in"])
    f, l_ = person(loc)
    leak = ""
    if R.random() < 0.5:
        k, v = secret_kv(pick(["OPENAI_API_KEY", "GOOGLE_API_KEY", "SENDGRID_API_KEY", "TWILIO_API_KEY", "STRIPE_SECRET_KEY", "HUGGINGFACE_TOKEN"]))
        leak = f"\nEDIT: here is my config, maybe someone sees the problem:\n{k}={v}\n"
    body = (f"Re: selling my {R.choice(['kegerator', 'Miata hardtop', 'garden shed', 'Steam Deck'])} - still available?\nPosted by {asc(f)}_{R.randint(10, 99)} » "
            f"{C.fmt_date(R, 2024, R.randint(1, 12), R.randint(1, 28), 'short_mon')}\n\nYes still available. Text me on {PH(loc)} or mail {EM(f, l_, loc)}. "
            f"Pickup only.{leak}\nQuote: logo@2x.png attached | post #{R.randint(10000, 99999)}\n")
    blen = len(unmark(body).encode())
    return (f"WARC/1.1\nWARC-Type: response\nWARC-Record-ID: <urn:uuid:{C.uuid(R)}>\nWARC-Date: 2025-0{R.randint(1, 9)}-{R.randint(10, 28)}T{R.randint(10, 23)}:{R.randint(10, 59)}:{R.randint(10, 59)}Z\n"
            f"WARC-Target-URI: https://{host}/threads/{R.randint(100000, 999999)}/\nWARC-IP-Address: {IP()}\n"
            f"WARC-Payload-Digest: sha1:{rs(R, 32, UP + '234567')}\nContent-Type: application/http; msgtype=response\n\n"
            f"HTTP/1.1 200 OK\nServer: nginx\nContent-Length: {blen}\n\n" + body)


@family("finetune_jsonl", 11, ["US_SSN", "CREDIT_CARD", "EMAIL_ADDRESS", "IBAN", "PASSWORD_ASSIGNMENT", "OPENAI_API_KEY"])
def f_finetune():
    out = []
    for _ in range(R.randint(2, 3)):
        loc = R.choice(["us", "uk", "de", "in"])
        f, l_ = person(loc)
        what = pick(["US_SSN", "CREDIT_CARD", "IBAN", "PASSWORD_ASSIGNMENT", "DATE_OF_BIRTH", "OPENAI_API_KEY", "ANTHROPIC_API_KEY"])
        val = {"US_SSN": lambda: f"my ssn is {L('US_SSN', C.ssn(R, R.choice(['-', ' ', '-'])))}",
               "CREDIT_CARD": lambda: f"card {L('CREDIT_CARD', C.fmt_card(R, C.card(R)))} exp {R.randint(1, 12):02d}/{R.randint(26, 31)}",
               "IBAN": lambda: f"refund to {L('IBAN', C.fmt_iban(R, C.iban(R)))} please",
               "PASSWORD_ASSIGNMENT": lambda: f"my portal login is {asc(f)} / password: {PW()}",
               "DATE_OF_BIRTH": lambda: f"DOB {DOB()}",
               "OPENAI_API_KEY": lambda: f"why does this fail?\nclient = OpenAI(api_key=\"{L('OPENAI_API_KEY', C.openai_key(R))}\")",
               "ANTHROPIC_API_KEY": lambda: f"export ANTHROPIC_API_KEY={L('ANTHROPIC_API_KEY', C.anthropic_key(R))}\nclaude keeps saying 401"}[what]()
        user = f"Hi, I'm {f} {l_} ({EM(f, l_, loc)}). {val}. Can you help?"
        asst = ("Please never share credentials in chat - rotate that key now and use an environment variable." if what in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "PASSWORD_ASSIGNMENT")
                else R.choice(["I can't process payment or identity details here, but I've escalated your request.", "I've noted your request; an agent will reach out by email."]))
        msgs = [{"role": "system", "content": "You are a helpful support agent for Acme Telecom."}]
        line = ("{\"messages\": [{\"role\": \"system\", \"content\": \"You are a helpful support agent for Acme Telecom.\"}, {\"role\": \"user\", \"content\": \""
                + jesc(user) + "\"}, {\"role\": \"assistant\", \"content\": \"" + jesc(asst) + "\"}]}")
        del msgs
        out.append(line)
    return "\n".join(out) + "\n"


@family("html_email_source", 7, ["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"])
def f_html_email():
    loc = R.choice(["us", "uk", "de", "fr", "nl"])
    f, l_ = person(loc)
    em = email_for(f, l_, loc)
    shop = R.choice(["Northwind Outfitters", "Kaffeehaus Berlin", "Boulangerie Paris Online", "Fietsenwinkel Utrecht"])
    cardtxt = (f"Visa ending in {rs(R, 4, DIG)}" if R.random() < 0.6 else f"card {L('CREDIT_CARD', C.fmt_card(R, C.card(R), 'space'))}")
    return (f"From: \"{shop}\" <{L('EMAIL_ADDRESS', 'orders@' + asc(shop)[:12] + '.com')}>\nTo: {L('EMAIL_ADDRESS', em)}\nSubject: Your order #{rs(R, 7, DIG)} has shipped\n"
            f"Message-ID: <{I('EMAIL_ADDRESS', C.uuid(R) + '@mail.' + asc(shop)[:12] + '.com')}>\n"
            f"Content-Type: text/html; charset=UTF-8\n\n<table width=\"600\"><tr><td style=\"font-family:Arial\">Hello&nbsp;{f},<br>\n"
            f"Your order ships to {l_}, {R.randint(1, 200)} {R.choice(['Main St', 'High Street', 'Hauptstraße', 'rue de la Paix'])}.<br>\n"
            f"Paid with {cardtxt}.<br>\nQuestions? <a href=\"tel:{L('PHONE_NUMBER', phone(loc).replace(' ', ''))}\">call us</a> or "
            f"<a href=\"mailto:{L('EMAIL_ADDRESS', 'help@' + asc(shop)[:12] + '.com')}\">email support</a>.</td></tr>\n"
            f"<tr><td><img src=\"https://cdn.{asc(shop)[:12]}.com/img/logo@2x.png\" alt=\"\"></td></tr>\n"
            f"<tr><td style=\"font-size:10px\"><a href=\"https://{asc(shop)[:12]}.com/unsubscribe?email={I('EMAIL_ADDRESS', urllib.parse.quote(em))}&amp;t={C.hexs(R, 32)}\">Unsubscribe</a>"
            f" &middot; tracking 1Z{rs(R, 16, UP + DIG)}</td></tr></table>\n")


@family("acroform_field_dump", 10, ["US_ITIN", "US_SSN", "US_BANK_ROUTING", "US_MBI", "US_PASSPORT"])
def f_acro():
    f, l_ = person("us")
    form = pick([("US_ITIN", "fw9"), ("US_BANK_ROUTING", "dd"), ("US_MBI", "intake"), ("US_PASSPORT", "ds11")])[1]
    flds = []

    def fld(name, val, typ="Text"):
        flds.append(f"---\nFieldType: {typ}\nFieldName: {name}\nFieldNameAlt: {name.split('.')[-1].replace('_', ' ')}\nFieldFlags: 0\nFieldValue: {val}\nFieldJustification: Left")
    if form == "fw9":
        fld("topmostSubform[0].Page1[0].f1_01[0]", f"{f} {l_}")
        fld("topmostSubform[0].Page1[0].f1_07[0]", f"{R.randint(10, 9999)} {R.choice(['Elm St', 'Lake Ave'])}")
        t = pick(["US_ITIN", "US_SSN"])
        v = C.itin(R) if t == "US_ITIN" else C.ssn(R)
        fld("topmostSubform[0].Page1[0].SSN[0].f1_11[0]", L(t, v))
        fld("topmostSubform[0].Page1[0].EmployerID[0].f1_14[0]", "")
        fld("topmostSubform[0].Page1[0].c1_1[0]", "1", "Button")
        fld("topmostSubform[0].Page1[0].f1_15[0]", EM(f, l_))
    elif form == "dd":
        fld("EmployeeName", f"{f} {l_}")
        fld("RoutingNumber_1", L("US_BANK_ROUTING", C.aba(R)))
        fld("AccountNumber_1", rs(R, 10, DIG))
        fld("Pct_1", "100")
        fld("SSN_Last4", rs(R, 4, DIG))
        fld("Phone", PH("us"))
    elif form == "intake":
        fld("pt_name", f"{l_}, {f}")
        fld("pt_dob", DOB(style="us"))
        fld("medicare_mbi", L("US_MBI", C.mbi(R, R.random() < 0.4)))
        fld("pt_phone", PH("us"))
        fld("emerg_contact_email", EM(*person("us")))
    else:
        fld("Applicant_Last", l_)
        fld("Applicant_DOB", DOB(style="us"))
        fld("Applicant_SSN", L("US_SSN", C.ssn(R, R.choice(["-", ""]))))
        fld("Previous_Passport_No", L("US_PASSPORT", C.passport_us(R)))
        fld("Applicant_Email", EM(f, l_))
    return f"$ pdftk {form}_{rs(R, 6, DIG)}.pdf dump_data_fields_utf8\n" + "\n".join(flds) + "\n"


@family("mdm_inventory", 9, ["IMEI", "MAC_ADDRESS"])
def f_mdm():
    rows = ["Device Name,Serial Number,IMEI,MEID,Wi-Fi MAC,Bluetooth MAC,Last IP,User Email,Phone Number,ICCID,OS"]
    for _ in range(R.randint(3, 5)):
        f, l_ = person("us")
        im = C.imei(R)
        im = R.choice([im, im, f"{im[:2]} {im[2:8]} {im[8:14]} {im[14]}"])
        rows.append(f"{f[0]}{l_}-iPhone,F{rs(R, 11, UP + DIG)},{L('IMEI', im)},{im.replace(' ', '')[:14]},{L('MAC_ADDRESS', C.mac(R, 'colon_l'))},"
                    f"{L('MAC_ADDRESS', C.mac(R, 'colon_l'))},{IP()},{L('EMAIL_ADDRESS', asc(f)[0] + asc(l_) + '@contoso-health.com')},{PH('us')},"
                    f"89{rs(R, 18, DIG)},iOS {R.randint(16, 18)}.{R.randint(0, 6)}.{R.randint(0, 2)}")
    return "\n".join(rows) + "\n"


@family("network_device_dump", 9, ["MAC_ADDRESS", "IP_ADDRESS", "PASSWORD_ASSIGNMENT"])
def f_netdev():
    v = R.choice(["cisco", "dhcpd", "wpa", "arp"])
    if v == "cisco":
        rows = ["sw-core-02#show mac address-table dynamic", "          Mac Address Table", "-------------------------------------------",
                "Vlan    Mac Address       Type        Ports", "----    -----------       --------    -----"]
        for _ in range(R.randint(3, 6)):
            rows.append(f" {R.choice([10, 20, 30, 110])}    {L('MAC_ADDRESS', C.mac(R, 'cisco'))}    DYNAMIC     Gi1/0/{R.randint(1, 48)}")
        rows.append(f"Total Mac Addresses for this criterion: {len(rows) - 5}")
        rows.append(f"sw-core-02#show ip interface brief | i Vlan1\nVlan1   {I('IP_ADDRESS', C.ipv4_private(R))}  YES NVRAM  up  up")
        return "\n".join(rows) + "\n"
    if v == "dhcpd":
        out = []
        for _ in range(R.randint(2, 4)):
            out.append(f"lease {I('IP_ADDRESS', C.ipv4_private(R))} {{\n  starts 3 2025/0{R.randint(1, 9)}/1{R.randint(0, 9)} 0{R.randint(0, 9)}:{R.randint(10, 59)}:{R.randint(10, 59)};\n"
                       f"  binding state active;\n  hardware ethernet {L('MAC_ADDRESS', C.mac(R, 'colon_l'))};\n  uid \"\\001{C.hexs(R, 6)}\";\n"
                       f"  client-hostname \"{R.choice(['Pixel-8', 'DESKTOP-' + rs(R, 7, UP + DIG), 'brother-printer', 'ring-doorbell'])}\";\n}}")
        return "# /var/lib/dhcp/dhcpd.leases\n" + "\n".join(out) + f"\n# WAN lease from ISP: {IP()}\n"
    if v == "wpa":
        return (f"ctrl_interface=DIR=/var/run/wpa_supplicant GROUP=netdev\nupdate_config=1\ncountry={R.choice(['US', 'GB', 'DE'])}\n\nnetwork={{\n"
                f"    ssid=\"{R.choice(['Lighthouse_5G', 'NETGEAR42', 'FRITZ!Box 7590 XY', 'BT-9JKQ2W'])}\"\n    psk=\"{PW()}\"\n    key_mgmt=WPA-PSK\n}}\n"
                f"network={{\n    ssid=\"{R.choice(['Office-Guest', 'eduroam'])}\"\n    key_mgmt=WPA-EAP\n    identity=\"{EM(*person('uk'), 'uk')}\"\n    password=\"{PW()}\"\n}}\n"
                f"# wlan0 ether {L('MAC_ADDRESS', C.mac(R, 'colon_l'))}  public {IP()}\n")
    rows = ["$ arp -an"]
    for _ in range(R.randint(3, 5)):
        rows.append(f"? ({I('IP_ADDRESS', C.ipv4_private(R))}) at {L('MAC_ADDRESS', C.mac(R, 'colon_l'))} [ether] on eth0")
    rows.append(f"$ curl -s ifconfig.me\n{IP()}")
    rows.append(f"$ ip -6 addr show eth0 | grep global\n    inet6 {L('IP_ADDRESS', C.ipv6(R))}/64 scope global dynamic")
    return "\n".join(rows) + "\n"


@family("sg_visitor_mgmt_export", 9, ["SG_NRIC", "PHONE_NUMBER"])
def f_sgvisitor():
    rows = ["Date,Time In,Time Out,Visitor Name,NRIC/FIN,Mobile,Email,Unit,Vehicle,Purpose"]
    for _ in range(R.randint(3, 5)):
        f, l_ = person("sg")
        full = R.random() < 0.7 or "SG_NRIC" in FORCE
        n = C.nric(R)
        idv = L("SG_NRIC", n) if full else f"{n[0]}****{n[5:]}"
        rows.append(f"2025-0{R.randint(1, 9)}-{R.randint(10, 28)},{R.randint(8, 12)}:{R.randint(10, 59)},{R.randint(13, 20)}:{R.randint(10, 59)},{l_} {f},{idv},{PH('sg')},"
                    f"{EM(f, l_, 'sg') if R.random() < 0.5 else ''},#{R.randint(2, 30):02d}-{R.randint(1, 12):02d},S{rs(R, 2, UP)}{R.randint(1, 9999)}{R.choice(UP)},"
                    f"{R.choice(['Delivery', 'Renovation', 'Visit', 'Aircon servicing'])}")
    return (f"# {R.choice(['The Sail @ Marina Bay', 'Parc Esta', 'Bedok Reservoir View'])} - visitor management export (MCST {R.randint(1000, 4999)})\n"
            f"# PDPA note: full NRIC should not be collected - masked format S****123A required since 1 Sep 2019\n" + "\n".join(rows) + "\n")


# ================= PHI =================
@family("ccda_xml", 9, ["US_NPI", "ICD10_CODE", "MEDICAL_RECORD_NUMBER", "US_MBI", "US_SSN"])
def f_ccda():
    f, l_ = person("us")
    y, m, d = C.dob_tuple(R, 1935, 2000)
    probs = []
    for _ in range(R.randint(1, 3)):
        c, desc = ICD()
        probs.append(f"        <value xsi:type=\"CD\" code=\"{c}\" codeSystem=\"2.16.840.1.113883.6.90\" codeSystemName=\"ICD-10-CM\" displayName=\"{desc.replace(chr(39), '&apos;')}\"/>")
    ssn_line = f"\n      <id root=\"2.16.840.1.113883.4.1\" extension=\"{L('US_SSN', C.ssn(R))}\"/>" if R.random() < 0.5 or "US_SSN" in FORCE else ""
    mbi_line = f"\n      <id root=\"2.16.840.1.113883.4.927\" extension=\"{L('US_MBI', C.mbi(R))}\"/>" if R.random() < 0.5 or "US_MBI" in FORCE else ""
    return ("<ClinicalDocument xmlns=\"urn:hl7-org:v3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
            f"  <templateId root=\"2.16.840.1.113883.10.20.22.1.2\" extension=\"2015-08-01\"/>\n  <id root=\"{C.uuid(R)}\"/>\n"
            "  <recordTarget>\n    <patientRole>\n"
            f"      <id root=\"2.16.840.1.113883.19.5.99999.2\" extension=\"{MRN()}\" assigningAuthorityName=\"{R.choice(['Mercy General', 'St. Luke Health', 'Valley Medical Center'])} MRN\"/>"
            f"{ssn_line}{mbi_line}\n      <telecom use=\"HP\" value=\"tel:{L('PHONE_NUMBER', phone('us'))}\"/>\n      <telecom value=\"mailto:{EM(f, l_)}\"/>\n"
            f"      <patient>\n        <name><given>{f}</given><family>{l_}</family></name>\n        <administrativeGenderCode code=\"{R.choice('MF')}\" codeSystem=\"2.16.840.1.113883.5.1\"/>\n"
            f"        <birthTime value=\"{L('DATE_OF_BIRTH', f'{y:04d}{m:02d}{d:02d}')}\"/>\n      </patient>\n    </patientRole>\n  </recordTarget>\n"
            f"  <author>\n    <time value=\"2025{R.randint(1, 12):02d}{R.randint(1, 28):02d}{R.randint(10, 23)}{R.randint(10, 59)}\"/>\n"
            f"    <assignedAuthor><id root=\"2.16.840.1.113883.4.6\" extension=\"{L('US_NPI', C.npi(R))}\"/></assignedAuthor>\n  </author>\n"
            "  <component><structuredBody><component><section>\n      <code code=\"11450-4\" codeSystem=\"2.16.840.1.113883.6.1\" displayName=\"Problem list\"/>\n"
            "      <entry><observation classCode=\"OBS\" moodCode=\"EVN\">\n" + "\n".join(probs) + "\n      </observation></entry>\n"
            "    </section></component></structuredBody></component>\n</ClinicalDocument>\n")


@family("ems_run_report", 9, ["DATE_OF_BIRTH", "ICD10_CODE", "MEDICAL_RECORD_NUMBER", "US_MBI"])
def f_ems():
    f, l_ = person("us")
    c, desc = ICD()
    c2, desc2 = ICD()
    by, bm, bd = C.dob_tuple(R, 1930, 2004)
    mbi_l = f"Insurance facesheet: Medicare MBI {L('US_MBI', C.mbi(R, R.random() < 0.5))}\n" if R.random() < 0.5 or "US_MBI" in FORCE else ""
    return (f"ePCR RUN REPORT  Agency: {R.choice(['Metro Fire Rescue', 'County EMS District 4', 'Lakeside Ambulance'])}  Unit M{R.randint(10, 99)}  Incident #{C.phoneish_order(R)}\n"
            f"PSAP call {C.fmt_date(R, 2025, R.randint(1, 12), R.randint(1, 28), 'us')} {R.randint(10, 23)}:{R.randint(10, 59)}  Dispatch: {R.choice(['chest pain', 'fall', 'unresponsive', 'MVC'])}\n"
            f"Pt: {l_}, {f}  Age {2025 - by - 1}  DOB {DOB(by, bm, bd, style='us')}  Callback {PH('us')}\n"
            f"Primary impression (eSituation.11): {desc} [{c}]\nSecondary impression: {desc2} ({c2})\n"
            f"Vitals 1: BP {R.randint(90, 180)}/{R.randint(50, 110)} HR {R.randint(50, 140)} SpO2 {R.randint(86, 100)}% GCS {R.randint(9, 15)}\n"
            f"Meds: ASA 324 mg PO, NTG 0.4 mg SL x{R.randint(1, 3)}  (lot {rs(R, 2, UP)}{rs(R, 5, DIG)})\n"
            f"Destination: {R.choice(['Mercy General', 'Regional Medical Center'])} ED; receiving MRN {MRN()}\n{mbi_l}"
            f"Narrative: found pt seated, A&Ox{R.randint(2, 4)}, c/o {R.choice(['substernal pressure', 'hip pain after fall', 'dizziness'])}. Door code B20 used for entry.\n")


@family("pdmp_report", 9, ["US_DEA", "US_NPI", "DATE_OF_BIRTH"])
def f_pdmp():
    f, l_ = person("us")
    rows = []
    for _ in range(R.randint(2, 4)):
        pf, pl = person("us")
        rows.append(f"{C.fmt_date(R, 2025, R.randint(1, 9), R.randint(1, 28), 'us')}  {R.choice(['Oxycodone HCl 10 mg', 'Alprazolam 1 mg', 'Hydrocodone/APAP 5-325', 'Buprenorphine/Naloxone 8-2 mg'])}"
                    f"  qty {R.choice([30, 60, 90])}  Rx#{rs(R, 7, DIG)}  NDC {rs(R, 5, DIG)}-{rs(R, 4, DIG)}-{rs(R, 2, DIG)}  Prescriber: {pl}, {pf} DEA {L('US_DEA', C.dea(R, pl))} NPI {L('US_NPI', C.npi(R))}"
                    f"  Pharmacy NPI {L('US_NPI', C.npi(R))}")
    return (f"PRESCRIPTION DRUG MONITORING PROGRAM - PATIENT RX HISTORY REPORT\nRequestor: {R.choice(['Dr. Patel', 'NP Gomez', 'PharmD Lee'])} ({L('EMAIL_ADDRESS', 'pdmp.requests@' + R.choice(['mercyhealth.org', 'valleymed.org']))})\n"
            f"Search: {l_}, {f}   Date of birth: {DOB(style=R.choice(['us', 'iso']))}   ZIP {rs(R, 5, DIG)}\nMED (morphine eq.) avg: {R.randint(10, 120)} MME/day\n\n" + "\n".join(rows) +
            f"\n\nNote: prescriber DEA on file {C.bad_digit(C.dea(R, 'Q'))} could not be verified (check digit)\n")


@family("ehr_access_audit", 7, ["MEDICAL_RECORD_NUMBER", "IP_ADDRESS", "EMAIL_ADDRESS"])
def f_audit():
    rows = ["event_time\tuser\tworkstation_ip\tpatient_mrn\taction\treason\tsession"]
    for _ in range(R.randint(4, 7)):
        f, l_ = person("us")
        ipv = L("IP_ADDRESS", C.ipv4(R)) if R.random() < 0.4 else I("IP_ADDRESS", C.ipv4_private(R))
        rows.append(f"2025-0{R.randint(1, 9)}-{R.randint(10, 28)} {R.randint(10, 23)}:{R.randint(10, 59)}:{R.randint(10, 59)}\t{L('EMAIL_ADDRESS', asc(f)[0] + asc(l_) + '@mercyhealth.org')}\t"
                    f"{ipv}\t{MRN()}\t{R.choice(['CHART_OPEN', 'PRINT_AVS', 'BTG_OVERRIDE', 'EXPORT_CCD'])}\t{R.choice(['treatment', 'break-the-glass: ED', 'billing', '-'])}\t{C.uuid(R)}")
    return "# Epic Access Log export (privacy office investigation #" + rs(R, 6, DIG) + ")\n" + "\n".join(rows) + "\n"


@family("death_certificate_worksheet", 7, ["US_SSN", "ICD10_CODE", "US_NPI"])
def f_death():
    f, l_ = person("us")
    c1, d1 = ICD()
    c2, d2 = ICD()
    fh = R.choice(["greenlawn", "hillcrest", "oakwood", "riverside"])
    return (f"DEATH CERTIFICATE WORKSHEET (funeral director / medical certifier)\n1. Decedent legal name: {f} {R.choice(UP)}. {l_}\n"
            f"4. Social Security Number: {L('US_SSN', C.ssn(R, R.choice(['-', '-', ' '])))}\n9. Date of birth: {DOB(*C.dob_tuple(R, 1925, 1975), style='us_long')}\n"
            f"24. Date pronounced dead: {C.fmt_date(R, 2025, R.randint(1, 12), R.randint(1, 28), 'us_long')}\n"
            f"32. Cause of death Part I (a): {d1}   ICD-10 (nosologist): {c1}\n     (b) due to: {d2}   ICD-10: {c2}\n"
            f"Certifier: Dr. {' '.join(person('us'))}, NPI {L('US_NPI', C.npi(R))}, license {R.choice(['IL', 'OH', 'TX'])}-{rs(R, 6, DIG)}\n"
            f"Informant: {' '.join(person('us'))} (daughter) phone {PH('us')}\nFuneral home: {fh.title()} Funeral Home, contact {L('EMAIL_ADDRESS', R.choice(['arrangements', 'director', 'office']) + '@' + fh + R.choice(['fh.com', 'chapel.net', 'funeralhome.com']))}\n"
            f"State file number: {R.randint(2025, 2025)}-{rs(R, 6, DIG)}\n")


@family("patient_portal_thread", 10, ["UK_NHS", "US_MBI", "MEDICAL_RECORD_NUMBER", "CREDIT_CARD", "ICD10_CODE"])
def f_portal():
    uk = R.random() < 0.4 or "UK_NHS" in FORCE
    if uk:
        f, l_ = person("uk")
        n = C.nhs(R)
        n = R.choice([n, f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}-{n[3:6]}-{n[6:]}"])
        return (f"NHS App - Messages with {R.choice(['Riverside Surgery', 'Castle Medical Practice'])}\n\n[{f} {l_}] {C.fmt_date(R, 2025, R.randint(1, 12), R.randint(1, 28), 'eu_slash')} 09:{R.randint(10, 59)}\n"
                f"Hi, my repeat prescription hasn't arrived. NHS number {L('UK_NHS', n)}, date of birth {DOB(style='eu_slash')}. Mobile {PH('uk')}.\n\n"
                f"[Practice - reception] Thanks {f}, the request went to {R.choice(['Boots', 'Lloyds'])} on EPS. Reference {rs(R, 6, UP + DIG)}-{rs(R, 6, UP + DIG)}.\n"
                f"Old hospital number on your letter: {L('MEDICAL_RECORD_NUMBER', R.choice(['RX', 'K']) + rs(R, 7, DIG))} (hospital MRN).\n")
    f, l_ = person("us")
    c, desc = ICD()
    pay = pick(["CREDIT_CARD", "US_MBI", "ICD10_CODE"])
    extra = (f"I can pay the copay now with {L('CREDIT_CARD', C.fmt_card(R, C.card(R)))}, exp {R.randint(1, 12):02d}/{R.randint(26, 30)}." if pay == "CREDIT_CARD" else
             f"My Medicare number is {L('US_MBI', C.mbi(R, R.random() < 0.5))} if the pharmacy needs it." if pay == "US_MBI" else "")
    return (f"MyChart message thread - {R.choice(['Endocrinology', 'Cardiology', 'Family Medicine'])}\nPatient: {f} {l_}   MRN: {MRN()}   DOB: {DOB(style='us')}\n\n"
            f"> Patient ({C.fmt_date(R, 2025, R.randint(1, 12), R.randint(1, 28), 'us')} 7:{R.randint(10, 59)} PM):\n> Is the new med ok with my {desc.lower()}? {extra} Call me at {PH('us')}.\n\n"
            f"Reply from {R.choice(['RN Carter', 'Dr. Shah'])}: Yes; your chart lists {desc} (ICD-10 {c}). Appointment ID {rs(R, 9, DIG)}.\n")


@family("biobank_manifest", 7, ["MEDICAL_RECORD_NUMBER", "ICD10_CODE", "UK_NHS", "DATE_OF_BIRTH"])
def f_biobank():
    uk = R.random() < 0.4 or "UK_NHS" in FORCE
    hdr = "sample_barcode\tnhs_number\tdob\tdx_icd10\tcollected\ttube\tconsent" if uk else "sample_barcode\tmrn\tbirth_date\tdx_icd10\tcollected\ttube\tconsent"
    rows = [hdr]
    for _ in range(R.randint(3, 6)):
        c, _ = ICD()
        idv = L("UK_NHS", C.nhs(R)) if uk else MRN()
        dob = L("DATE_OF_BIRTH", C.fmt_date(R, *C.dob_tuple(R), style="iso"))
        rows.append(f"BB{rs(R, 10, DIG)}\t{idv}\t{dob}\t{c}\t2025-0{R.randint(1, 9)}-{R.randint(10, 28)}\t{R.choice(['EDTA', 'SST', 'PAXgene'])}\tv{R.randint(2, 5)}.{R.randint(0, 3)}")
    return f"# biobank shipment manifest {C.uuid(R)}  courier AWB {rs(R, 12, DIG)}\n" + "\n".join(rows) + "\n"


# ================= Secrets / engineering =================
@family("kubectl_describe", 10, ALL_SECRETS + ["DATABASE_URL_WITH_PASSWORD", "JWT"])
def f_kubectl():
    app = R.choice(["payments-api", "checkout-worker", "ml-gateway", "notifier", "ledger-sync"])
    envs = []
    for _ in range(R.randint(3, 5)):
        k, v = secret_kv()
        envs.append(f"      {k}:{' ' * max(1, 26 - len(k))}{v}")
    envs.insert(R.randint(0, len(envs)), f"      DATABASE_URL:{' ' * 14}{dburl()}")
    envs.append(f"      STRIPE_PUBLISHABLE_KEY:    {C.stripe_pk(R)}")
    envs.append(f"      DB_PASSWORD:               <set to the key 'password' in secret '{app}-db'>  Optional: false")
    node_ip = I("IP_ADDRESS", C.ipv4_private(R))
    return (f"$ kubectl describe pod {app}-{C.hexs(R, 10)}-{rs(R, 5, LOW + DIG)} -n prod\nName:             {app}-{C.hexs(R, 5)}\nNamespace:        prod\n"
            f"Node:             worker-{rs(R, 5, LOW + DIG)}/{node_ip}\nStatus:           Running\nIP:               {I('IP_ADDRESS', C.ipv4_private(R))}\n"
            f"Containers:\n  {app}:\n    Image:          {R.choice(['ghcr.io', '123456789012.dkr.ecr.us-east-1.amazonaws.com'])}/{app}:{C.semver(R)}\n"
            f"    Image ID:       docker-pullable://ghcr.io/acme/{app}@sha256:{C.hexs(R, 64)}\n    Environment:\n" + "\n".join(envs) +
            f"\nEvents:\n  Type     Reason     Age   From     Message\n  Normal   Pulled     2m    kubelet  Successfully pulled image in {R.randint(1, 9)}.{R.randint(100, 999)}s\n"
            f"  Warning  BackOff    40s   kubelet  Back-off restarting failed container {app}\n")


@family("cloudtrail_event", 9, ["AWS_ACCESS_KEY_ID", "IP_ADDRESS"])
def f_cloudtrail():
    f, l_ = person("us")
    akid = C.aws_akid(R)
    acct = rs(R, 12, DIG)
    ev = R.choice(["GetObject", "PutSecretValue", "UpdateFunctionConfiguration", "ConsoleLogin", "CreateAccessKey"])
    req = {"PutSecretValue": "\"requestParameters\": {\"secretId\": \"prod/db\", \"secretString\": \"HIDDEN_DUE_TO_SECURITY_REASONS\"}",
           "UpdateFunctionConfiguration": "\"requestParameters\": {\"functionName\": \"billing\", \"environment\": {\"variables\": \"HIDDEN_DUE_TO_SECURITY_REASONS\"}}",
           "CreateAccessKey": f"\"responseElements\": {{\"accessKey\": {{\"accessKeyId\": \"{L('AWS_ACCESS_KEY_ID', C.aws_akid(R, 'AKIA'))}\", \"status\": \"Active\", \"userName\": \"ci-deployer\"}}}}"
           }.get(ev, "\"requestParameters\": {\"bucketName\": \"acme-exports\", \"key\": \"reports/2025/q3.csv\"}")
    return ("{\"Records\": [{\"eventVersion\": \"1.09\", \"userIdentity\": {\"type\": \"IAMUser\", \"principalId\": \"AIDA" + rs(R, 17, UP + DIG) +
            f"\", \"arn\": \"arn:aws:iam::{acct}:user/{asc(f)}.{asc(l_)}\", \"accountId\": \"{acct}\", \"accessKeyId\": \"{L('AWS_ACCESS_KEY_ID', akid)}\", "
            f"\"userName\": \"{L('EMAIL_ADDRESS', asc(f) + '.' + asc(l_) + '@' + R.choice(['acme-corp.com', 'fintrack.io']))}\"}}, "
            f"\"eventTime\": \"2025-0{R.randint(1, 9)}-{R.randint(10, 28)}T{R.randint(10, 23)}:{R.randint(10, 59)}:{R.randint(10, 59)}Z\", \"eventSource\": \"{R.choice(['s3', 'secretsmanager', 'lambda', 'iam'])}.amazonaws.com\", "
            f"\"eventName\": \"{ev}\", \"awsRegion\": \"us-east-1\", \"sourceIPAddress\": \"{IP()}\", \"userAgent\": \"aws-cli/2.{R.randint(10, 22)}.{R.randint(0, 40)} Python/3.11\", "
            f"{req}, \"requestID\": \"{C.uuid(R)}\", \"eventID\": \"{C.uuid(R)}\", \"recipientAccountId\": \"{acct}\"}}]}}\n")


@family("logfmt_app_log", 10, ["JWT", "DATABASE_URL_WITH_PASSWORD", "STRIPE_SECRET_KEY", "EMAIL_ADDRESS", "SLACK_WEBHOOK_URL"])
def f_logfmt():
    lines = []
    svc = R.choice(["router", "api", "billing", "auth", "worker"])
    for _ in range(R.randint(4, 7)):
        ts = f"2025-0{R.randint(1, 9)}-{R.randint(10, 28)}T{R.randint(10, 23)}:{R.randint(10, 59)}:{R.randint(10, 59)}.{rs(R, 3, DIG)}Z"
        k = R.random()
        f, l_ = person("us")
        if k < 0.3:
            lines.append(f"ts={ts} level=info svc={svc} msg=\"login ok\" user={EM(f, l_)} ip={IP()} request_id={C.uuid(R)} dur_ms={R.randint(3, 900)}")
        elif k < 0.45:
            lines.append(f"ts={ts} level=debug svc={svc} msg=\"outbound call\" authorization=\"Bearer {L('JWT', C.jwt(R, {'email': email_for(f, l_)}))}\" status=200")
        elif k < 0.6:
            lines.append(f"ts={ts} level=error svc={svc} msg=\"db connect failed\" dsn=\"{dburl()}\" err=\"timeout\"")
        elif k < 0.7:
            t = pick(["STRIPE_SECRET_KEY", "SLACK_WEBHOOK_URL", "TWILIO_API_KEY"])
            lines.append(f"ts={ts} level=warn svc={svc} msg=\"config loaded\" {t.lower()}={L(t, SECRET_GEN[t]() if t != 'SLACK_WEBHOOK_URL' else C.slack_webhook(R))} version={C.semver(R)}")
        elif k < 0.8:
            lines.append(f"ts={ts} level=info svc={svc} at=info method=GET path=\"/v1/orders/{C.phoneish_order(R)}\" host=api.acme.io fwd=\"{IP()}\" dyno=web.{R.randint(1, 4)} connect=1ms service={R.randint(5, 300)}ms status=200 bytes={R.randint(200, 9000)}")
        else:
            lines.append(f"ts={ts} level=info svc={svc} msg=\"deploy\" git_sha={C.hexs(R, 40)} image=sha256:{C.hexs(R, 64)} build={C.build4(R)}")
    return "\n".join(lines) + "\n"


@family("systemd_journal_json", 7, ["PASSWORD_ASSIGNMENT", "IP_ADDRESS", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID"])
def f_journal():
    out = []
    host = R.choice(["web-03", "bastion-1", "db-backup-2"])
    for _ in range(R.randint(3, 5)):
        k = R.random()
        if k < 0.3:
            msg = f"Accepted publickey for deploy from {IP()} port {R.randint(30000, 65000)} ssh2: ED25519 SHA256:{rs(R, 43, ALNUM + '+/')}"
            unit = "ssh.service"
        elif k < 0.55:
            msg = f"deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/mysql -u root -p{PW()} -e SHOW DATABASES"
            unit = "sudo"
        elif k < 0.8:
            msg = (f"backup.sh[{R.randint(1000, 9999)}]: using AWS_ACCESS_KEY_ID={L('AWS_ACCESS_KEY_ID', C.aws_akid(R))} "
                   f"AWS_SECRET_ACCESS_KEY={L('AWS_SECRET_ACCESS_KEY', C.aws_secret(R))} bucket=s3://acme-db-backups")
            unit = "backup.service"
        else:
            msg = f"Failed password for invalid user admin from {IP()} port {R.randint(30000, 65000)} ssh2"
            unit = "ssh.service"
        out.append("{\"__CURSOR\": \"s=" + C.hexs(R, 32) + ";i=" + format(R.randint(100000, 999999), "x") + "\", \"__REALTIME_TIMESTAMP\": \"17" + rs(R, 14, DIG) +
                   f"\", \"_HOSTNAME\": \"{host}\", \"_SYSTEMD_UNIT\": \"{unit}\", \"PRIORITY\": \"{R.randint(3, 6)}\", \"_PID\": \"{R.randint(100, 65000)}\", \"MESSAGE\": \"{jesc(msg)}\"}}")
    return "\n".join(out) + "\n"


@family("cms_config", 10, ["PASSWORD_ASSIGNMENT", "SENDGRID_API_KEY", "STRIPE_SECRET_KEY", "GOOGLE_API_KEY"])
def f_cms():
    v = R.choice(["wp", "drupal", "magento", "joomla", "ghost"])
    if v == "wp":
        return ("<?php\n/** The base configuration for WordPress */\ndefine( 'DB_NAME', 'wp_" + rs(R, 6, LOW) + "' );\ndefine( 'DB_USER', 'wp_admin' );\n"
                f"define( 'DB_PASSWORD', '{PW()}' );\ndefine( 'DB_HOST', 'localhost' );\ndefine( 'DB_CHARSET', 'utf8mb4' );\n"
                f"define( 'AUTH_KEY',         '{I('PASSWORD_ASSIGNMENT', rs(R, 64, ALNUM + '!@#$%^&*()-_[]{}<>~+=,.;:/?|'))}' );\n"
                f"define( 'WPMS_SMTP_PASS', '{L('SENDGRID_API_KEY', C.sendgrid(R))}' );\ndefine( 'WP_DEBUG', false );\n$table_prefix = 'wp_';\n"
                f"// google maps block\ndefine( 'GMAPS_KEY', '{L('GOOGLE_API_KEY', C.google_key(R))}' );\n")
    if v == "drupal":
        return ("<?php\n$databases['default']['default'] = [\n  'database' => 'drupal',\n  'username' => 'drupal',\n"
                f"  'password' => '{PW()}',\n  'host' => '{I('IP_ADDRESS', C.ipv4_private(R))}',\n  'port' => '3306',\n  'driver' => 'mysql',\n];\n"
                f"$settings['hash_salt'] = '{rs(R, 43, ALNUM + '-_')}';\n$config['smtp.settings']['smtp_password'] = '{PW()}';\n$settings['trusted_host_patterns'] = ['^www\\.example\\.com$'];\n")
    if v == "magento":
        return ("<?php\nreturn [\n    'backend' => ['frontName' => 'admin_" + rs(R, 6, LOW) + "'],\n    'crypt' => ['key' => '" + C.hexs(R, 32) + "'],\n"
                f"    'db' => ['connection' => ['default' => ['host' => 'mysql.internal', 'dbname' => 'magento', 'username' => 'mage', 'password' => '{PW()}']]],\n"
                f"    'payment' => ['stripe' => ['secret_key' => '{L('STRIPE_SECRET_KEY', C.stripe_sk(R))}', 'publishable_key' => '{C.stripe_pk(R)}']],\n"
                f"    'system' => ['default' => ['smtp' => ['password' => '{PW()}']]],\n];\n")
    if v == "joomla":
        return ("<?php\nclass JConfig {\n\tpublic $sitename = '" + R.choice(['Vereinsheim', 'Club de Tenis', 'Parish News']) + "';\n\tpublic $dbtype = 'mysqli';\n"
                f"\tpublic $host = 'localhost';\n\tpublic $user = 'joomla';\n\tpublic $password = '{PW()}';\n\tpublic $db = 'joomla';\n"
                f"\tpublic $secret = '{L('PASSWORD_ASSIGNMENT', rs(R, 16, ALNUM))}';\n\tpublic $mailfrom = '{EM(*person('de'), 'de')}';\n\tpublic $smtppass = '{PW()}';\n}}\n")
    return (json.dumps({"url": "https://blog.acme.io"}, indent=2)[:-2] + ",\n  \"database\": {\n    \"client\": \"mysql\",\n    \"connection\": {\n      \"host\": \"127.0.0.1\",\n"
            f"      \"user\": \"ghost\",\n      \"password\": \"{PW()}\",\n      \"database\": \"ghost_prod\"\n    }}\n  }},\n  \"mail\": {{\n    \"transport\": \"SMTP\",\n"
            f"    \"options\": {{\"service\": \"SendGrid\", \"auth\": {{\"user\": \"apikey\", \"pass\": \"{L('SENDGRID_API_KEY', C.sendgrid(R))}\"}}}}\n  }}\n}}\n")


@family("cli_credential_files", 11, ["AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "HUGGINGFACE_TOKEN", "PASSWORD_ASSIGNMENT", "TWILIO_API_KEY", "PYPI_TOKEN"])
def f_clicred():
    v = pick([("AWS_SECRET_ACCESS_KEY", "s3cfg"), ("GITHUB_TOKEN", "gh"), ("HUGGINGFACE_TOKEN", "hf"), ("PASSWORD_ASSIGNMENT", "pgpass"),
              ("TWILIO_API_KEY", "twilio"), ("PYPI_TOKEN", "poetry")])[1]
    if R.random() < 0.2:
        # raw single-line token file ingested as-is (value at byte 0, often no trailing newline)
        t = pick(["HUGGINGFACE_TOKEN", "OPENAI_API_KEY", "GITHUB_TOKEN", "NPM_TOKEN", "ANTHROPIC_API_KEY"])
        return L(t, SECRET_GEN[t]()) + R.choice(["", "", "\n"])
    if v == "s3cfg":
        return (f"$ cat ~/.s3cfg\n[default]\naccess_key = {L('AWS_ACCESS_KEY_ID', C.aws_akid(R, 'AKIA'))}\nsecret_key = {L('AWS_SECRET_ACCESS_KEY', C.aws_secret(R))}\n"
                f"host_base = s3.amazonaws.com\nhost_bucket = %(bucket)s.s3.amazonaws.com\ngpg_passphrase = {PW()}\nuse_https = True\n")
    if v == "gh":
        f, l_ = person("us")
        return (f"$ cat ~/.config/gh/hosts.yml\ngithub.com:\n    users:\n        {asc(f)}{asc(l_)[:3]}:\n            oauth_token: {L('GITHUB_TOKEN', C.gh_token(R, R.choice(['gho_', 'ghp_', 'pat'])))}\n"
                f"    git_protocol: ssh\n    user: {asc(f)}{asc(l_)[:3]}\n$ cat ~/.ssh/id_ed25519.pub\n{C.sshpub_line(R, asc(f) + '@laptop')}\n")
    if v == "hf":
        return (f"$ ls ~/.cache/huggingface\nhub  stored_tokens  token\n$ cat ~/.cache/huggingface/stored_tokens\n[default]\nhf_token = {L('HUGGINGFACE_TOKEN', C.hf_token(R))}\n\n"
                f"[read-only-ci]\nhf_token = {L('HUGGINGFACE_TOKEN', C.hf_token(R))}\n$ cat ~/.cache/huggingface/hub/version.txt\n1\n")
    if v == "pgpass":
        rows = []
        for _ in range(R.randint(2, 4)):
            rows.append(f"{R.choice(['db-prod-01.internal', 'localhost', 'reporting.c2x.eu-west-1.rds.amazonaws.com'])}:5432:{R.choice(['orders', '*', 'analytics'])}:"
                        f"{R.choice(['app', 'readonly', 'postgres'])}:{L('PASSWORD_ASSIGNMENT', C.password(R).replace(':', '').replace(chr(92), ''))}")
        return "$ cat ~/.pgpass   # hostname:port:database:username:password\n" + "\n".join(rows) + \
            f"\n$ cat ~/.my.cnf\n[client]\nuser=backup\npassword=\"{PW()}\"\nhost=mysql-primary\n"
    if v == "twilio":
        return ("$ cat ~/.twilio-cli/config.json\n{\n  \"profiles\": {\n    \"prod\": {\n      \"accountSid\": \"AC" + C.hexs(R, 32) + "\",\n"
                f"      \"apiKey\": \"{L('TWILIO_API_KEY', C.twilio(R))}\",\n      \"apiSecret\": \"{L('PASSWORD_ASSIGNMENT', rs(R, 32))}\",\n      \"region\": \"us1\"\n    }}\n  }},\n"
                "  \"activeProject\": \"prod\"\n}\n")
    return (f"$ poetry config --list | grep -i pypi\nrepositories.testpypi.url = \"https://test.pypi.org/legacy/\"\n$ cat ~/.config/pypoetry/auth.toml\n[http-basic.pypi]\nusername = \"__token__\"\n"
            f"password = \"{L('PYPI_TOKEN', C.pypi_token(R))}\"\n")


@family("ide_workspace_config", 10, ["DATABASE_URL_WITH_PASSWORD", "PASSWORD_ASSIGNMENT", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GITLAB_TOKEN"])
def f_ide():
    v = R.choice(["launch", "datasources", "httpclient", "sqltools"])
    if v == "launch":
        ks = [secret_kv(pick(["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GITLAB_TOKEN", "SENDGRID_API_KEY", "HUGGINGFACE_TOKEN"])) for _ in range(R.randint(2, 3))]
        env = ",\n".join(f"        \"{k}\": \"{jesc(x)}\"" for k, x in ks)
        return ("// .vscode/launch.json\n{\n  \"version\": \"0.2.0\",\n  \"configurations\": [\n    {\n      \"name\": \"Debug API\",\n      \"type\": \"debugpy\",\n"
                f"      \"request\": \"launch\",\n      \"program\": \"${{workspaceFolder}}/app/main.py\",\n      \"env\": {{\n{env},\n        \"DATABASE_URL\": \"{dburl()}\"\n      }}\n    }}\n  ]\n}}\n")
    if v == "datasources":
        return ("<!-- .idea/dataSources.local.xml (committed by mistake) -->\n<project version=\"4\">\n  <component name=\"dataSourceStorageLocal\">\n"
                f"    <data-source name=\"prod-replica\" uuid=\"{C.uuid(R)}\">\n      <database-info product=\"PostgreSQL\" version=\"15.4\"/>\n"
                f"      <url>{jdbc().replace('&', '&amp;')}</url>\n      <user-name>claims_rw</user-name>\n    </data-source>\n  </component>\n</project>\n")
    if v == "httpclient":
        return ("// http-client.private.env.json\n{\n  \"dev\": {\n    \"token\": \"" + L("JWT", C.jwt(R)) + "\",\n"
                f"    \"password\": \"{PW()}\",\n    \"gitlab\": \"{L('GITLAB_TOKEN', C.gitlab(R))}\"\n  }},\n  \"prod\": {{\n    \"token\": \"{{{{$auth.token(\\\"prod\\\")}}}}\",\n    \"password\": \"\"\n  }}\n}}\n")
    return ("// .vscode/settings.json\n{\n  \"editor.formatOnSave\": true,\n  \"sqltools.connections\": [\n    {\n      \"name\": \"reporting\",\n      \"driver\": \"MySQL\",\n"
            f"      \"server\": \"{I('IP_ADDRESS', C.ipv4_private(R))}\",\n      \"port\": 3306,\n      \"database\": \"reporting\",\n      \"username\": \"bi_reader\",\n"
            f"      \"password\": \"{PW()}\"\n    }}\n  ],\n  \"anthropic.apiKey\": \"{L('ANTHROPIC_API_KEY', C.anthropic_key(R))}\"\n}}\n")


@family("databricks_notebook", 9, ["AZURE_STORAGE_KEY", "DATABASE_URL_WITH_PASSWORD", "EMAIL_ADDRESS", "OPENAI_API_KEY"])
def f_databricks():
    acct = R.choice(["dlsprodraw", "lakehousefin", "adlsmarketing"]) + rs(R, 2, DIG)
    rows = []
    for _ in range(R.randint(2, 4)):
        f, l_ = person(R.choice(["us", "uk", "de"]))
        rows.append(f"|{R.randint(1000, 9999)}|{EM(f, l_)}|{L('DATE_OF_BIRTH', C.fmt_date(R, *C.dob_tuple(R), style='iso'))}|{R.choice(['gold', 'silver', 'bronze'])}|")
    return ("# Databricks notebook source\n# MAGIC %md\n# MAGIC ## Customer 360 - bronze to silver\n\n# COMMAND ----------\n\n"
            f"spark.conf.set(\"fs.azure.account.key.{acct}.dfs.core.windows.net\", \"{L('AZURE_STORAGE_KEY', C.azure_key(R))}\")\n"
            f"# TODO use dbutils.secrets.get(scope=\"kv-prod\", key=\"adls-key\") instead\n\n# COMMAND ----------\n\n"
            f"jdbc_url = \"{jdbc()}\"\ndf = spark.read.jdbc(jdbc_url, \"dbo.customers\")\ndisplay(df.select(\"id\", \"email\", \"dob\", \"tier\").limit(5))\n\n"
            f"# COMMAND ----------\n\n# MAGIC %md output:\n# MAGIC |id|email|dob|tier|\n# MAGIC |---|---|---|---|\n" + "\n".join("# MAGIC " + r for r in rows) +
            (f"\n\n# COMMAND ----------\n\nimport openai\nopenai.api_key = \"{L('OPENAI_API_KEY', C.openai_key(R))}\"\n" if R.random() < 0.5 or "OPENAI_API_KEY" in FORCE else "\n"))


@family("crontab_dump", 9, ["PASSWORD_ASSIGNMENT", "SLACK_WEBHOOK_URL", "DATABASE_URL_WITH_PASSWORD", "AWS_ACCESS_KEY_ID"])
def f_cron():
    lines = [f"# crontab -l (user: {R.choice(['deploy', 'backup', 'www-data'])}@{R.choice(['app-01', 'ops-box'])})", "SHELL=/bin/bash", "MAILTO=\"\""]
    opts = [lambda: f"30 2 * * * mysqldump -u backup -p'{PW()}' --all-databases | gzip > /backups/db-$(date +\\%F).sql.gz",
            lambda: f"*/5 * * * * curl -fsS -m 10 --retry 5 -o /dev/null https://hc-ping.com/{C.uuid(R)}",
            lambda: f"0 * * * * PGPASSWORD={PW()} pg_dump -h db-prod-01.internal -U app orders > /tmp/orders.sql",
            lambda: f"15 8 * * 1 /opt/scripts/report.sh && curl -X POST -H 'Content-type: application/json' --data '{{\"text\":\"weekly report done\"}}' {L('SLACK_WEBHOOK_URL', C.slack_webhook(R))}",
            lambda: f"0 3 * * * AWS_ACCESS_KEY_ID={L('AWS_ACCESS_KEY_ID', C.aws_akid(R))} AWS_SECRET_ACCESS_KEY={L('AWS_SECRET_ACCESS_KEY', C.aws_secret(R))} aws s3 sync /var/www/uploads s3://acme-uploads",
            lambda: f"45 1 * * * /usr/local/bin/etl --source \"{dburl()}\" >> /var/log/etl.log 2>&1",
            lambda: f"0 6 * * * curl -u ops:{PW()} https://jenkins.internal/job/nightly/build",
            lambda: f"0 0 1 * * /usr/bin/certbot renew --quiet  # v{C.semver(R)}"]
    for o in R.sample(opts, R.randint(3, 5)):
        lines.append(o())
    return "\n".join(lines) + "\n"


@family("registry_export", 6, ["PASSWORD_ASSIGNMENT", "AZURE_STORAGE_KEY", "IP_ADDRESS"])
def f_reg():
    return ("Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Software\\SimonTatham\\PuTTY\\Sessions\\prod-bastion]\n"
            f"\"HostName\"=\"{IP()}\"\n\"UserName\"=\"ops\"\n\"ProxyPassword\"=\"{PW()}\"\n\"PortNumber\"=dword:00000016\n\n"
            f"[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\InvoiceSync]\n\"ConnectionString\"=\"Server=sql01.corp.local;Database=AR;User Id=sync;Password={PW()};\"\n"
            f"\"BlobConnection\"=\"{azure_cs()}\"\n\"InstallId\"=\"{{{C.uuid(R).upper()}}}\"\n\"Version\"=\"{C.build4(R)}\"\n"
            f"\"NetworkAddress\"=\"{C.hexs(R, 12).upper()}\"\n")


@family("iac_misc", 10, ["GITHUB_TOKEN", "GITLAB_TOKEN", "PASSWORD_ASSIGNMENT", "PRIVATE_KEY", "NPM_TOKEN", "SLACK_TOKEN"])
def f_iac():
    v = R.choice(["cfn", "pulumi", "serverless", "cdk"])
    if v == "cfn":
        return ("AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  DBMasterPassword:\n    Type: String\n    NoEcho: true\n"
                f"    Default: '{PW()}'\n  GitHubToken:\n    Type: String\n    NoEcho: true\n    Default: {L('GITHUB_TOKEN', C.gh_token(R))}\n"
                "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      MasterUsername: admin\n      MasterUserPassword: !Ref DBMasterPassword\n"
                f"      DBInstanceClass: db.t3.medium\n  # arn:aws:iam::{rs(R, 12, DIG)}:role/cfn-exec\n")
    if v == "pulumi":
        return ("$ pulumi stack export --show-secrets | jq '.deployment.resources[3].inputs'\n{\n  \"environment\": {\n    \"variables\": {\n"
                f"      \"NPM_TOKEN\": \"{L('NPM_TOKEN', C.npm_token(R))}\",\n      \"SLACK_BOT_TOKEN\": \"{L('SLACK_TOKEN', C.slack_token(R))}\",\n"
                f"      \"SIGNING_SECRET\": {{\"4dabf18193072939515e22adb298388d\": \"1b47061264138c4ac30d75fd1eb44270\", \"ciphertext\": \"v1:{rs(R, 16, ALNUM)}:{rs(R, 60, ALNUM + '+/')}\"}}\n"
                f"    }}\n  }},\n  \"runtime\": \"nodejs20.x\"\n}}\n")
    if v == "serverless":
        ind = "      "
        key = pem_key().replace("\n", "\n" + ind)
        return ("service: webhook-relay\nprovider:\n  name: aws\n  runtime: python3.12\n  environment:\n"
                f"    GITLAB_TOKEN: {L('GITLAB_TOKEN', C.gitlab(R))}\n    ADMIN_PASSWORD: ${{ssm:/relay/admin-password}}\n    SIGNING_KEY: |\n{ind}{L('PRIVATE_KEY', key)}\n"
                "functions:\n  relay:\n    handler: handler.main\n")
    return ("// lib/pipeline-stack.ts\nconst source = new codepipeline_actions.GitHubSourceAction({\n  actionName: 'GitHub',\n  owner: 'acme',\n  repo: 'platform',\n"
            f"  oauthToken: SecretValue.unsafePlainText('{L('GITHUB_TOKEN', C.gh_token(R))}'),\n  output: sourceOutput,\n}});\n"
            f"const db = new rds.DatabaseInstance(this, 'Db', {{\n  credentials: rds.Credentials.fromPassword('admin', SecretValue.unsafePlainText('{PW()}')),\n}});\n")


@family("debug_error_page", 9, ["JWT", "PASSWORD_ASSIGNMENT", "IP_ADDRESS", "STRIPE_SECRET_KEY", "AWS_SECRET_ACCESS_KEY"])
def f_debug():
    f, l_ = person("us")
    return (f"OperationalError at /api/checkout/\nconnection to server at \"db-prod-01.internal\" failed: FATAL:  password authentication failed for user \"app\"\n\n"
            f"Request Method:\tPOST\nRequest URL:\thttps://shop.acme.io/api/checkout/\nDjango Version:\t{R.randint(3, 5)}.{R.randint(0, 2)}.{R.randint(1, 12)}\n"
            f"Python Version:\t3.{R.randint(9, 12)}.{R.randint(1, 9)}\n\nMETA:\nHTTP_AUTHORIZATION = 'Bearer {L('JWT', C.jwt(R, {'email': email_for(f, l_)}))}'\n"
            f"HTTP_X_FORWARDED_FOR = '{IP()}, {I('IP_ADDRESS', C.ipv4_private(R))}'\nREMOTE_ADDR = '{I('IP_ADDRESS', C.ipv4_private(R))}'\nCSRF_COOKIE = '{rs(R, 32)}'\n\n"
            "Settings:\nUsing settings module shop.settings.prod\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db-prod-01.internal', 'NAME': 'shop',\n"
            "               'PASSWORD': '********************', 'USER': 'app'}}\nSECRET_KEY = '********************'\n"
            f"STRIPE_LIVE = '{L('STRIPE_SECRET_KEY', C.stripe_sk(R))}'\nS3_CREDS = {{'key': '{L('AWS_ACCESS_KEY_ID', C.aws_akid(R))}', 'secret': '{L('AWS_SECRET_ACCESS_KEY', C.aws_secret(R))}'}}\n"
            f"EMAIL_HOST_PASSWORD = '********************'\nADMINS = [('{f} {l_}', '{EM(f, l_, 'us', 'acme.io')}')]\n"
            f"SMTP_BACKUP_PASS = '{PW()}'\n")


@family("graphql_api_log", 7, ["US_SSN", "DATE_OF_BIRTH", "PHONE_NUMBER", "GOOGLE_API_KEY"])
def f_graphql():
    f, l_ = person("us")
    var = {"input": {"firstName": f, "lastName": l_, "email": "\x00EM", "phone": "\x00PH", "dateOfBirth": "\x00DOB", "ssn": "\x00SSN"}}
    s = json.dumps(var)
    s = s.replace("\"\\u0000EM\"", "\"" + EM(f, l_) + "\"").replace("\"\\u0000PH\"", "\"" + L("PHONE_NUMBER", phone("us")) + "\"")
    s = s.replace("\"\\u0000DOB\"", "\"" + L("DATE_OF_BIRTH", C.fmt_date(R, *C.dob_tuple(R), style="iso")) + "\"").replace("\"\\u0000SSN\"", "\"" + L("US_SSN", C.ssn(R)) + "\"")
    return (f"{{\"level\":\"debug\",\"ts\":\"2025-0{R.randint(1, 9)}-{R.randint(10, 28)}T{R.randint(10, 23)}:{R.randint(10, 59)}:00Z\",\"op\":\"SubmitApplication\",\"client_ip\":\"{IP()}\","
            f"\"headers\":{{\"x-api-key\":\"{L('GOOGLE_API_KEY', C.google_key(R))}\",\"apollographql-client-version\":\"{C.semver(R)}\"}},"
            f"\"query\":\"mutation SubmitApplication($input: ApplicationInput!) {{ submitApplication(input: $input) {{ id status }} }}\",\"variables\":{s}}}\n"
            f"{{\"level\":\"info\",\"op\":\"SubmitApplication\",\"result\":{{\"id\":\"{C.uuid(R)}\",\"status\":\"PENDING_KYC\"}},\"duration_ms\":{R.randint(20, 900)}}}\n")


PLACEHOLDERS = [("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                ("CREDIT_CARD", "4111 1111 1111 1111"), ("CREDIT_CARD", "4242 4242 4242 4242"), ("STRIPE_SECRET_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"),
                ("US_SSN", "123-45-6789"), ("US_SSN", "078-05-1120"), ("EMAIL_ADDRESS", "user@example.com"), ("IBAN", "GB82 WEST 1234 5698 7654 32"),
                ("JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"),
                ("CRYPTO_WALLET", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"), ("CRYPTO_WALLET", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
                ("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"), ("UK_NINO", "QQ123456C"),
                ("GITHUB_TOKEN", "ghp_" + "x" * 36), ("AZURE_STORAGE_KEY", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="),
                ("US_MBI", "1EG4-TE5-MK73"), ("UK_NHS", "943 476 5919"), ("IT_FISCAL_CODE", "RSSMRA85T10A562S"), ("US_NPI", "1234567893")]


@family("openapi_spec_examples", 6)
def f_openapi():
    ph = R.sample(PLACEHOLDERS, 4)
    props = []
    for t, v in ph:
        props.append(f"        {t.lower()}:\n          type: string\n          example: \"{I(t, v)}\"")
    return ("openapi: 3.0.3\ninfo:\n  title: Partner Onboarding API\n  version: " + C.semver(R) + "\nservers:\n  - url: https://api.sandbox.acme.io/v2\n"
            "components:\n  securitySchemes:\n    bearer:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n  schemas:\n    Applicant:\n      type: object\n      properties:\n"
            + "\n".join(props) + f"\n        order_id:\n          type: string\n          example: \"{C.phoneish_order(R)}\"\n        request_id:\n          example: \"{C.uuid(R)}\"\n"
            f"        card_last4:\n          example: \"**** **** **** {rs(R, 4, DIG)}\"\n        ssn_masked:\n          example: \"XXX-XX-{rs(R, 4, DIG)}\"\n"
            f"        publishable_key:\n          example: \"{C.stripe_pk(R)}\"\n        loyalty_number:\n          example: \"{C.card_bad(R)}\"\n"
            f"        tx_hash:\n          example: \"0x{C.hexs(R, 64)}\"\n        firmware:\n          example: \"{C.build4(R)}\"\n")


@family("secret_rotation_chat", 10, ["PRIVATE_KEY", "GCP_SERVICE_ACCOUNT_KEY", "PYPI_TOKEN", "NPM_TOKEN", "SLACK_TOKEN", "AZURE_STORAGE_KEY"])
def f_rotation():
    """Mattermost / IRC style ops channel log where credentials get pasted"""
    a, b = person("us"), person("uk")
    na, nb = asc(a[0]), asc(b[0])
    what = pick(["PRIVATE_KEY", "GCP_SERVICE_ACCOUNT_KEY", "PYPI_TOKEN", "NPM_TOKEN", "SLACK_TOKEN", "AZURE_STORAGE_KEY"])
    if what == "PRIVATE_KEY" and R.random() < 0.3:
        paste = ("for the .env:\nGITHUB_APP_PRIVATE_KEY=\"" + L("PRIVATE_KEY", pem_key(R.choice(["rsa1", "rsa8"])).replace("\n", "\\n")) + "\"")
    elif what == "PRIVATE_KEY":
        paste = L("PRIVATE_KEY", pem_key()) + "\n" + (f"and the public half:\n{pub_pem()}" if R.random() < 0.5 else f"pub: {C.sshpub_line(R, na + '@bastion')}")
    elif what == "GCP_SERVICE_ACCOUNT_KEY":
        paste = gcp_key() if R.random() < 0.6 else ("```\n{\"name\": \"ci-deployer\", \"credentials_json\": \"" + gcp_key(escaped=True) + "\"}\n```")
    elif what == "AZURE_STORAGE_KEY":
        paste = azure_cs()
    else:
        paste = L(what, SECRET_GEN[what]())
    irc = R.random() < 0.5
    clock = [R.randint(9 * 60, 20 * 60)]

    def ln(n, msg):
        clock[0] += R.randint(0, 4)
        hh, mm = divmod(clock[0], 60)
        return (f"[{hh:02d}:{mm:02d}] <{n}> {msg}" if irc else f"{n} {(hh - 1) % 12 + 1}:{mm:02d} {'PM' if hh >= 12 else 'AM'}\n{msg}")
    parts = [ln(na, f"rotating the {what.lower().replace('_', ' ')} for {R.choice(['release pipeline', 'staging', 'the vendor sftp', 'prod exports'])} now"),
             ln(nb, "can you paste the new one? vault is down again"), ln(na, paste),
             ln(nb, f"thx. old one revoked? it was {C.bad_crc(R, 'npm_') if what == 'NPM_TOKEN' else neg_token()}"),
             ln(na, f"yes. also reminder: cert for api.acme.io is below, that one is public\n{fake_cert()}") if R.random() < 0.3 else ln(na, "yep, revoked"),
             ln(nb, f"fyi my number if pager fails: {PH('uk')}")]
    return ("#ops-secrets IRC log (weechat)\n" if irc else "Mattermost export - ~ops-secrets\n") + "\n".join(parts) + "\n"


@family("helpdesk_voice_asr", 9, ["CREDIT_CARD", "US_SSN", "US_BANK_ROUTING", "PHONE_NUMBER", "IMEI"])
def f_asr():
    """ASR transcripts (lowercase, no punctuation) where digits are still contiguous"""
    f, l_ = person("us")
    what = pick(["CREDIT_CARD", "US_SSN", "US_BANK_ROUTING", "IMEI"])
    val = {"CREDIT_CARD": lambda: f"the card number is {L('CREDIT_CARD', C.fmt_card(R, C.card(R), R.choice(['space', 'bare'])))}",
           "US_SSN": lambda: f"my social is {L('US_SSN', C.ssn(R, R.choice([' ', '-', ''])))}",
           "US_BANK_ROUTING": lambda: f"routing number {L('US_BANK_ROUTING', C.aba(R))} and the account is {rs(R, 10, DIG)}",
           "IMEI": lambda: f"the imei on the box says {L('IMEI', C.imei(R))}"}[what]()
    return (f"call_id={C.uuid(R)} channel=stereo asr_model=en-US-telephony-v{R.randint(2, 5)} confidence=0.{R.randint(80, 97)}\n"
            f"[00:00:0{R.randint(1, 9)}] AGENT: thank you for calling {R.choice(['acme wireless', 'first federal', 'brightpath utilities'])} this is {R.choice(['dana', 'marcus', 'li'])} how can i help\n"
            f"[00:00:1{R.randint(0, 9)}] CALLER: hi yeah um this is {f.lower()} {l_.lower()} calling about my account\n"
            f"[00:00:2{R.randint(0, 9)}] AGENT: sure can i get the phone number on the account\n"
            f"[00:00:3{R.randint(0, 9)}] CALLER: it's {L('PHONE_NUMBER', phone('us').replace('(', '').replace(')', '').replace('-', ' ').replace('.', ' ').replace('+1 ', ''))}\n"
            f"[00:00:4{R.randint(0, 9)}] AGENT: and for verification\n[00:00:5{R.randint(0, 9)}] CALLER: okay {val}\n"
            f"[00:01:0{R.randint(0, 9)}] AGENT: thanks your ticket number is {C.phoneish_order(R).replace('-', ' ')} that's not a phone number just a reference\n")


@family("negatives_only", 6)
def f_negatives():
    lines = [f"Release {C.semver(R)} ({C.hexs(R, 7)}) - build {C.build4(R)}", f"- checksum sha256:{C.hexs(R, 64)}", f"- request id {C.uuid(R)}",
             f"- test card in sandbox docs: {I('CREDIT_CARD', '4111 1111 1111 1111')}; declined-card sample {C.card_bad(R)}",
             f"- docs example key {I('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE')}", f"- masked: **** **** **** {rs(R, 4, DIG)}, XXX-XX-{rs(R, 4, DIG)}",
             f"- publishable key {C.stripe_pk(R)}", f"- order {C.phoneish_order(R)}, tracking 1Z{rs(R, 16, UP + DIG)}",
             f"- bad IBAN rejected by validator: {C.iban_bad(R)}", f"- OID 1.3.6.1.4.1.{R.randint(1000, 60000)}.1.2", f"- tx 0x{C.hexs(R, 64)}",
             f"- npm token with bad checksum in test fixture: {C.bad_crc(R, 'npm_')}", f"- password: \"${{ADMIN_PASSWORD}}\"  password_min_length: 12",
             f"- DATABASE_URL=postgres://readonly@db.internal:5432/app", f"- git@github.com:acme/platform.git  @babel/core@7.{R.randint(10, 26)}.{R.randint(0, 9)}",
             f"- ICD-10-shaped gate code B20, HL7 coding system I10", f"- SSN-shaped but invalid: {C.ssn_bad(R)}",
             f"- BSN in unit test (bad check): {C.bad_digit(C.bsn(R))}", f"- {C.sshpub_line(R, 'ci@runner')}", f"- epoch {R.randint(1600000000, 1760000000)}"]
    return "\n".join(R.sample(lines, R.randint(8, 12))) + "\n"


# ------------------------------------------------------------------ finalize / validation
PRIVATE_IP_RE = re.compile(r"(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])")


def parse_markers(s):
    text = []
    nbytes = 0
    stack = []
    ents = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\x01":
            j = s.index("\x02", i)
            tag = s[i + 1:j]
            stack.append((tag.rstrip("!"), tag.endswith("!"), nbytes, len(text)))
            i = j + 1
            continue
        if c == "\x03":
            t, ign, st, ti = stack.pop()
            val = "".join(text[ti:])
            e = {"type": t, "start": st, "end": nbytes}
            if ign:
                e["ignore"] = True
            ents.append((e, val))
            i += 1
            continue
        text.append(c)
        nbytes += len(c.encode())
        i += 1
    assert not stack
    return "".join(text), ents


def gcp_ok(v):
    try:
        o = json.loads(v)
    except json.JSONDecodeError:
        o = json.loads(json.loads('"' + v + '"'))
    return o["type"] == "service_account" and "BEGIN PRIVATE KEY" in o["private_key"] and o["private_key_id"]


def finalize(rid, kind, marked):
    text, ents = parse_markers(marked)
    b = text.encode()
    out = []
    for e, val in ents:
        assert b[e["start"]:e["end"]].decode() == val, (rid, e, val)
        assert val == val.strip() or e["type"] in ("PRIVATE_KEY",), (rid, e, repr(val))
        if not e.get("ignore"):
            ok = gcp_ok(val) if e["type"] == "GCP_SERVICE_ACCOUNT_KEY" else C.validate(e["type"], val)
            assert ok, (rid, e["type"], val)
        out.append(e)
    # same value elsewhere in the text, unlabeled -> label it too (every occurrence is the same entity)
    covered = [(e["start"], e["end"]) for e in out]
    for e, val in list(ents):
        if e.get("ignore") or len(val) < 6 or e["type"] in ("GCP_SERVICE_ACCOUNT_KEY",):
            continue
        vb = val.encode()
        pos = b.find(vb)
        while pos >= 0:
            pre = b[pos - 1:pos] if pos else b""
            post = b[pos + len(vb):pos + len(vb) + 1]
            if pre.isalnum() or post.isalnum():
                pos = b.find(vb, pos + 1)
                continue
            if not any(s <= pos < en or s < pos + len(vb) <= en for s, en in covered):
                ne = {"type": e["type"], "start": pos, "end": pos + len(vb)}
                out.append(ne)
                covered.append((pos, pos + len(vb)))
            pos = b.find(vb, pos + 1)
    # private / loopback / documentation IPv4 anywhere -> ignore entry
    for m in PRIVATE_IP_RE.finditer(text):
        o = tuple(int(x) for x in m.groups())
        if max(o) > 255 or not C._ip_private(o):
            continue
        s = len(text[:m.start()].encode())
        en = s + len(m.group(0).encode())
        if any(a <= s < z for a, z in covered):
            continue
        out.append({"type": "IP_ADDRESS", "start": s, "end": en, "ignore": True})
        covered.append((s, en))
    out.sort(key=lambda e: (e["start"], -e["end"]))
    for e in out:
        if not e.get("ignore"):
            COUNT[e["type"]] += 1
    return {"id": rid, "text": text, "kind": kind, "entities": out}


def main():
    global R
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "heldout7.jsonl"))
    ap.add_argument("--stats", action="store_true")
    a = ap.parse_args()
    C.selftest()
    R = random.Random(a.seed)
    kr = random.Random(a.seed * 1000 + 17)
    RSA_POOL[:] = [C.rsa_key(kr) for _ in range(12)]
    plan = []
    for kind, (fn, n, _) in FAMILIES.items():
        plan += [kind] * n
    R.shuffle(plan)
    recs = []
    kinds = collections.Counter()

    def make(kind):
        fn = FAMILIES[kind][0]
        marked = fn()
        rid = f"h7-{len(recs) + 1:05d}"
        recs.append(finalize(rid, kind, marked))
        kinds[kind] += 1

    for kind in plan:
        make(kind)
    # top-up: any type below MIN_PER_TYPE gets records from a host family that can produce it
    for _ in range(400):
        low = [t for t in TYPES if COUNT[t] < MIN_PER_TYPE]
        if not low:
            break
        t = low[0]
        hosts = [k for k, (_, _, h) in FAMILIES.items() if t in h]
        assert hosts, t
        FORCE.clear()
        FORCE.add(t)
        make(R.choice(hosts))
    FORCE.clear()
    low = [t for t in TYPES if COUNT[t] < MIN_PER_TYPE]
    assert not low, low
    with open(a.out, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    ign = sum(1 for r in recs for e in r["entities"] if e.get("ignore"))
    print(f"wrote {len(recs)} records, {sum(COUNT.values())} scored entities, {ign} ignore entries -> {a.out}")
    if a.stats:
        for t, c in sorted(COUNT.items(), key=lambda x: -x[1]):
            print(f"  {t:<28}{c}")
        for k, c in sorted(kinds.items()):
            print(f"  kind {k:<28}{c}")


if __name__ == "__main__":
    main()
