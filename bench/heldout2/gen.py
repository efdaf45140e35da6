#!/usr/bin/env python3
"""heldout2 generator: independent held-out PII/PHI/secret corpus for weir.

python3 gen.py --seed 20250 --out heldout2.jsonl [--n 600]
Stdlib only; deterministic per seed. UTF-8 byte offsets are computed while the text is built (Doc.e) and every
span is re-checked (text bytes == value, checksum validators re-run) before writing.
"""
import argparse, json, random, re, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vals import *           # noqa
from values2 import V        # noqa

class Doc:
    def __init__(s): s.parts = []; s.n = 0; s.ents = []; s.vals = []
    def t(s, *xs):
        for x in xs: s.parts.append(x); s.n += len(x.encode())
        return s
    def e(s, typ, val, ign=False):
        st = s.n; s.t(val); s.ents.append({"type": typ, "start": st, "end": s.n, **({"ignore": True} if ign else {})}); s.vals.append(val); return s
    def mark(s): return s.n
    def span(s, typ, st, ign=False):
        s.ents.append({"type": typ, "start": st, "end": s.n, **({"ignore": True} if ign else {})}); s.vals.append(None)
    def text(s): return "".join(s.parts)

# -------- shared snippets --------
PLACEHOLDERS = [("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                ("CREDIT_CARD", "4242 4242 4242 4242"), ("STRIPE_SECRET_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"), ("US_SSN", "123-45-6789"),
                ("US_SSN", "078-05-1120"), ("UK_NINO", "QQ123456C"), ("UK_NHS", "943 476 5919"), ("IT_FISCAL_CODE", "RSSMRA85T10A562S"),
                ("US_MBI", "1EG4-TE5-MK73"), ("US_NPI", "1234567893"), ("EMAIL_ADDRESS", "user@example.com"), ("IBAN", "GB82WEST12345698765432"),
                ("CRYPTO_WALLET", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), ("CRYPTO_WALLET", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")]

def hardneg(v, d, n=2):
    """Append n hard-negative lines (no entities)."""
    for _ in range(n):
        k = v.r.randint(0, 25); r = v.r
        x = [lambda: f"Order #{r.randint(100,999)}-{v.dg(7)}-{v.dg(7)}", lambda: f"Tracking: 1Z{v.rs('0123456789ABCDEFGHJKLMNPRSTUVWXYZ', 16)}",
             lambda: f"Ticket {r.randint(200,899)}-{v.dg(3)}-{v.dg(4)}", lambda: f"Invoice INV-{v.dg(8)}", lambda: f"request_id={v.uuid()}",
             lambda: f"sha256:{v.sha()}", lambda: f"commit {v.sha(40)}", lambda: f"fixed in {v.sha(7)} (v{r.randint(1,9)}.{r.randint(0,30)}.{r.randint(0,9)})",
             lambda: f"Build {r.randint(1,9)}.{r.randint(0,20)}.{r.randint(0,99)}.{r.randint(0,999)}", lambda: f"card ending **** {v.dg(4)}",
             lambda: f"SSN on file: XXX-XX-{v.dg(4)}", lambda: f"ref card {v.card_bad()} (declined: invalid number)", lambda: f"IBAN {v.iban_bad()} rejected (checksum)",
             lambda: "{} {} (check digit mismatch)".format(*reversed(v.natid_bad())), lambda: f"pk_live_{v.rs(ALNUM, 24)}", lambda: f"tx 0x{v.sha()}",
             lambda: f"old address {v.btc_bad()} (invalid)", lambda: f"token {v.gh_bad()} (revoked, bad checksum)", lambda: f"NPM_TOKEN=npm_{v.rs(ALNUM, 36)}  # mock",
             lambda: f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{v.rs(ALNUM + '+/', 43)} deploy@ci-runner", lambda: f"Authorization: Bearer eyJhbGciOiJIUzI1NiJ9...",
             lambda: "DATABASE_URL=postgres://app@db.internal:5432/app", lambda: 'password: "${ADMIN_PASSWORD}"', lambda: "password_min_length: 12",
             lambda: v.ch(["see logo@2x.png", "git@github.com:weir-dev/infra.git", "@babel/core@7.22.5", "mail to root@localhost"]),
             lambda: f"arn:aws:iam::{v.dg(12)}:role/deploy-{v.rs('abcdefgh', 5)}", lambda: f"{v.ssn_bad()} (invalid)"][k]()
        d.t(x + "\n")

def ph(v, d, typ, val):
    d.e(typ, val, ign=True)

def rand_placeholder(v):
    return v.ch(PLACEHOLDERS)

# ====================== families ======================
def fam_pdf_ocr(v, d):
    nm = v.name()
    kind = v.r.randint(0, 2)
    if kind == 0:
        d.t("KRANKENHAUS ST. ELISABETH  —  Entlassungs-\nbericht          Seite 1 / 2\n\n")
        d.t(f"Patient:  {nm}     Geb.-\ndatum:  "); d.e("DATE_OF_BIRTH", v.date("de")); d.t("\n")
        d.t("Pat.-Nr. (MRN):   "); d.e("MEDICAL_RECORD_NUMBER", v.mrn()); d.t(f"   Aufnahme:  {v.date('de', v.ymd(2023, 2025))}\n")
        d.t("Diag-\nnose (ICD-10):  "); c = v.icd(); d.e("ICD10_CODE", c[0]); d.t(f"  {c[1]}\nTel. Angehörige:  "); d.e("PHONE_NUMBER", v.phone("DE")); d.t("\n")
        d.t("Kranken-\nversicherung IBAN  "); d.e("IBAN", v.iban("DE", True)); d.t("\n\nDie Be-\nhandlung erfolgte ambu-\nlant.  Kontakt:  "); d.e("EMAIL_ADDRESS", v.email(nm)); d.t("\n")
    elif kind == 1:
        d.t("STATEMENT OF ACCOUNT\x0c\nAccount holder  " + nm + "\nSort code / Account   " + f"{v.dg(2)}-{v.dg(2)}-{v.dg(2)}  {v.dg(8)}\n")
        d.t("IBAN:  "); d.e("IBAN", v.iban("GB", True)); d.t("\nNational Insur-\nance No.  "); d.e("UK_NINO", v.nino()); d.t("\n")
        d.t(f"Date of\nBirth    "); d.e("DATE_OF_BIRTH", v.date("en")); d.t("\n")
        d.t(f"Opening bal-\nance   £{v.r.randint(100,9999)}.{v.dg(2)}   Statement date {v.date('en', v.ymd(2024, 2025))}\n")
        d.t("Card  "); d.e("CREDIT_CARD", v.card("visa", "space")); d.t("   Telephone banking  "); d.e("PHONE_NUMBER", v.phone("UK")); d.t("\n")
    else:
        d.t("U.S. DEPARTMENT OF STATE    APPLICATION FOR A U.S. PASS-\nPORT   (DS-82)\n\n")
        d.t(f"1. Name   {nm.upper()}\n2. Date  of  Birth (mm/dd/yyyy)   "); y, m, dd = v.ymd(); d.e("DATE_OF_BIRTH", f"{m:02d}/{dd:02d}/{y}")
        d.t("\n3. Social Security\nNumber   "); d.e("US_SSN", v.ssn(v.ch(["-", " "]))); d.t("\n4. Most recent passport\nbook number   "); d.e("US_PASSPORT", v.passport())
        d.t(f"\n5. Email   "); d.e("EMAIL_ADDRESS", v.email(nm)); d.t("   6. Phone  "); d.e("PHONE_NUMBER", v.phone("US")); d.t("\n")
        d.t(f"Issue date {v.date('en', v.ymd(2015, 2022))}   Expiration {v.date('en', v.ymd(2026, 2032))}\n")
    hardneg(v, d, v.r.randint(1, 2))

def fam_legal(v, d):
    a, b = v.name(), v.name()
    if v.r.random() < 0.5:
        d.t(f"MASTER SERVICES AGREEMENT\n\nThis Agreement is entered into as of {v.date('en', v.ymd(2024, 2025))} (the \"Effective Date\") by and between {a}, ")
        d.t(f"an individual (Social Security No. "); d.e("US_SSN", v.ssn()); d.t(") (\"Consultant\"), and Northwind Legal LLP.\n\n")
        d.t("4.2 Payment. Client shall remit fees by ACH to the Consultant's account, ABA routing number "); d.e("US_BANK_ROUTING", v.aba())
        d.t(f", account no. {v.dg(10)}, within thirty (30) days of invoice. Wire alternative: IBAN "); d.e("IBAN", v.iban()); d.t(".\n\n")
        d.t("12. Notices. All notices shall be sent to "); d.e("EMAIL_ADDRESS", v.email(a)); d.t(" or by telephone at "); d.e("PHONE_NUMBER", v.phone("US")); d.t(".\n")
        if v.r.random() < .5:
            d.t("Consultant represents that Consultant was born on "); d.e("DATE_OF_BIRTH", v.date("en")); d.t(" and is of legal age.\n")
        d.t(f"Contract No. {v.r.randint(100,999)}-{v.dg(3)}-{v.dg(4)}; Matter ID {v.uuid()}.\n")
    else:
        d.t(f"IN THE SUPERIOR COURT OF THE STATE OF CALIFORNIA\nCOUNTY OF ALAMEDA\n\n{a.upper()}, Plaintiff,\n  v.\n{b.upper()}, Defendant.\n\nCase No. RG{v.dg(8)}\n\nDECLARATION OF {a.upper()}\n\n")
        d.t(f"1. I am the plaintiff in this action. My date of birth is "); d.e("DATE_OF_BIRTH", v.date("en")); d.t(". Pursuant to CRC 1.201, my Social Security number is redacted as XXX-XX-")
        d.t(v.dg(4) + ".\n2. On " + v.date("en", v.ymd(2022, 2024)) + ", Defendant charged my card number "); d.e("CREDIT_CARD", v.card()); d.t(" without authorization.\n")
        d.t(f"3. Defendant's ITIN, as listed on Exhibit C, is "); d.e("US_ITIN", v.itin()); d.t(". Defendant can be reached at "); d.e("EMAIL_ADDRESS", v.email(b)); d.t(".\n")
        d.t(f"4. Defendant logged in from IP address "); d.e("IP_ADDRESS", v.ip(False)); d.t(" (see Exhibit D, server log line 4411).\n")
        d.t(f"Dated: {v.date('en', v.ymd(2024, 2025))}      Exhibit D bears Bates Nos. ALM-{v.dg(6)} to ALM-{v.dg(6)}.\n")
    hardneg(v, d, 1)

def fam_ecommerce(v, d):
    nm = v.name(); lang = v.ch(["en", "de", "fr", "es"])
    H = {"en": ("Thanks for your order!", "Ship to", "Payment", "Questions? Call"), "de": ("Vielen Dank für Ihre Bestellung!", "Lieferadresse", "Zahlung", "Fragen? Rufen Sie an:"),
         "fr": ("Merci pour votre commande !", "Livraison à", "Paiement", "Des questions ? Appelez le"), "es": ("¡Gracias por tu pedido!", "Enviar a", "Pago", "¿Dudas? Llama al")}[lang]
    d.t(f"{H[0]}\nOrder #{v.r.randint(100,999)}-{v.dg(7)}-{v.dg(7)}  ·  {v.date('en', v.ymd(2025, 2025))}\n\n{H[1]}: {nm}, ")
    d.e("PHONE_NUMBER", v.phone({"en": "US", "de": "DE", "fr": "FR", "es": "ES"}[lang])); d.t("\nEmail: "); d.e("EMAIL_ADDRESS", v.email(nm)); d.t("\n")
    k = v.r.randint(0, 3)
    if k == 0: d.t(f"{H[2]}: Visa •••• {v.dg(4)}\n")
    elif k == 1: d.t(f"{H[2]}: "); d.e("CREDIT_CARD", v.card()); d.t(f"  exp {v.r.randint(1,12):02d}/{v.r.randint(26,31)}\n")
    elif k == 2: d.t(f"{H[2]}: SEPA-Lastschrift "); d.e("IBAN", v.iban(v.ch(["DE","FR","ES","NL","AT","BE","IT"]))); d.t("\n")
    else: d.t(f"{H[2]}: test card "); ph(v, d, "CREDIT_CARD", "4242 4242 4242 4242"); d.t(" (sandbox)\n")
    d.t(f"Items: {v.r.randint(1,4)} × SKU-{v.dg(6)}   Subtotal {v.r.randint(10,900)}.{v.dg(2)}\nTracking: 1Z{v.rs('0123456789ABCDEFGHJKLMNPRSTUVWXYZ', 16)}\n")
    if v.r.random() < .5:
        d.t(f"\n--- RETURN / RMA {v.dg(8)} ---\nRefund to card ending {v.dg(4)}; device IMEI "); d.e("IMEI", v.imei()); d.t(" (for phone returns)\n")
    d.t(f"{H[3]} "); d.e("PHONE_NUMBER", v.phone("US")); d.t(f" · Ticket {v.r.randint(200,899)}-{v.dg(3)}-{v.dg(4)}\n")

def fam_travel(v, d):
    nm = v.name()
    if v.r.random() < .5:
        d.t(f"BOOKING CONFIRMATION  PNR: {v.rs('ABCDEFGHJKLMNPQRSTUVWXYZ', 6)}\nE-ticket: {v.r.randint(100,999)}-{v.dg(10)}\n\nPassenger: {nm.upper().replace(' ', '/')} MR\n")
        d.t("Date of birth: "); d.e("DATE_OF_BIRTH", v.date("en")); d.t("\nPassport no.: "); d.e("US_PASSPORT", v.passport())
        d.t(f"  Expiry: {v.date('en', v.ymd(2027, 2034))}\nContact: "); d.e("PHONE_NUMBER", v.phone()); d.t(" / "); d.e("EMAIL_ADDRESS", v.email(nm))
        d.t(f"\n\nFLT  LH{v.r.randint(100,999)}  FRA-SIN  dep {v.date('en', v.ymd(2025, 2025))} 21:55  seat {v.r.randint(10,60)}{v.ch('ABCDK')}\n")
        if v.r.random() < .5: d.t("KrisFlyer NRIC: "); d.e("SG_NRIC", v.nric()); d.t("\n")
        d.t("Form of payment: CC "); d.e("CREDIT_CARD", v.card(v.ch(["amex", "visa", "mc"]), "bare")); d.t(f" APPROVAL {v.dg(6)}\n")
    else:
        d.t(f"Hotel Reservation — Confirmation {v.dg(9)}\nGuest: {nm}\nCheck-in: {v.date('en', v.ymd(2025,2025))}  Check-out: {v.date('en', v.ymd(2025,2025))}\n")
        d.t("Guest phone: "); d.e("PHONE_NUMBER", v.phone()); d.t("\nGuaranteed by: "); d.e("CREDIT_CARD", v.card(fmt="space"))
        d.t(f"\nLoyalty #: {v.dg(10)}\nWi-Fi portal client MAC "); d.e("MAC_ADDRESS", v.mac()); d.t(" from "); d.e("IP_ADDRESS", v.ip()); d.t("\n")
        d.t("Registration (ID): "); k = v.r.randint(0, 3)
        if k == 0: d.t("DNI/NIE "); d.e("ES_NIF", v.nif())
        elif k == 1: d.t("Codice fiscale "); d.e("IT_FISCAL_CODE", v.cf())
        elif k == 2: d.t("CPF "); d.e("BR_CPF", v.cpf())
        else: d.t("PESEL "); d.e("PL_PESEL", v.pesel())
        d.t("\n")
    hardneg(v, d, 1)

def fam_payroll(v, d):
    nm = v.name(); k = v.r.randint(0, 3)
    if k == 0:
        d.t(f"Form W-2 Wage and Tax Statement {v.r.randint(2022,2024)}\na Employee's social security number\n"); d.e("US_SSN", v.ssn(v.ch(["-", " ", ""])))
        d.t(f"\nb Employer identification number (EIN)\n{v.dg(2)}-{v.dg(7)}\nc Employer's name\nNorthwind Traders Inc\ne Employee's first name and initial  Last name\n{nm}\n")
        d.t(f"1 Wages, tips, other comp.   {v.r.randint(30000,190000)}.{v.dg(2)}\n2 Federal income tax withheld  {v.r.randint(3000,40000)}.{v.dg(2)}\n")
        d.t("Direct deposit routing no. "); d.e("US_BANK_ROUTING", v.aba()); d.t(f"  acct ****{v.dg(4)}\n")
    elif k == 1:
        d.t(f"P60 End of Year Certificate  Tax year to 5 April {v.r.randint(2022,2025)}\nEmployee's details\nSurname {nm.split()[1]}   Forenames {nm.split()[0]}\n")
        d.t("National Insurance number  "); d.e("UK_NINO", v.nino()); d.t(f"\nWorks/payroll number  {v.dg(6)}\nPay in this employment £{v.r.randint(20000,90000)}.{v.dg(2)}\n")
        d.t(f"Employer PAYE reference {v.dg(3)}/{v.rs('ABCDEFGHJK', 2)}{v.dg(5)}\n")
    elif k == 2:
        d.t(f"Ausdruck der elektronischen Lohnsteuerbescheinigung für {v.r.randint(2022,2024)}\nName: {nm}\nGeburtsdatum: "); d.e("DATE_OF_BIRTH", v.date("de"))
        d.t(f"\nIdentifikationsnummer: {v.dg(2)} {v.dg(3)} {v.dg(3)} {v.dg(3)}\neTIN: {v.rs('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 8)}{v.dg(6)}\n")
        d.t(f"3. Bruttoarbeitslohn  {v.r.randint(20000,90000)},{v.dg(2)}\nBankverbindung: "); d.e("IBAN", v.iban("DE", True)); d.t("\n")
    else:
        d.t(f"Payslip — {v.MON['en'][v.r.randint(0,11)]} 2025\nEmployee: {nm}   Employee ID: E{v.dg(5)}\n")
        cc = v.ch(["AU", "CA", "IN", "NL"])
        if cc == "AU": d.t("Tax File Number: "); d.e("AU_TFN", v.tfn())
        elif cc == "CA": d.t("SIN: "); d.e("CA_SIN", v.sin())
        elif cc == "IN": d.t("PAN: "); d.e("IN_PAN", v.pan()); d.t("   Aadhaar: "); d.e("IN_AADHAAR", v.aadhaar())
        else: d.t("BSN (burgerservicenummer): "); d.e("NL_BSN", v.bsn())
        d.t(f"\nGross  {v.r.randint(3000,9000)}.{v.dg(2)}   Net {v.r.randint(2000,6000)}.{v.dg(2)}\nPaid to: "); d.e("IBAN", v.iban(v.ch(["NL","IE","BE","PT"]))); d.t("\n")
    hardneg(v, d, 1)

def fam_eob(v, d):
    nm = v.name()
    d.t(f"EXPLANATION OF BENEFITS — THIS IS NOT A BILL\nMember: {nm}    Member ID: {v.rs('ABCDEFGHJK', 3)}{v.dg(9)}\nMedicare Beneficiary Identifier: ")
    d.e("US_MBI", v.mbi()); d.t("\nDate of birth: "); d.e("DATE_OF_BIRTH", v.date("en")); d.t(f"\nClaim number: {v.dg(13)}   Date of service: {v.date('en', v.ymd(2024, 2025))}\n\n")
    d.t("Provider: Harbor Clinic  NPI "); d.e("US_NPI", v.npi()); d.t("\nService          Billed   Allowed  You owe\n")
    for _ in range(v.r.randint(1, 3)):
        d.t(f"CPT {v.dg(5)}  Dx "); c = v.icd(); d.e("ICD10_CODE", c[0]); d.t(f"   ${v.r.randint(80,900)}.00  ${v.r.randint(40,500)}.00  ${v.r.randint(0,90)}.00\n")
    d.t(f"Group No. {v.dg(6)}   Plan: PPO   Questions: "); d.e("PHONE_NUMBER", v.phone("US")); d.t("\n")
    if v.r.random() < .4: d.t("Sample MBI shown in your booklet: "); ph(v, d, "US_MBI", "1EG4-TE5-MK73"); d.t("\n")

def fam_lab(v, d):
    nm = v.name()
    d.t(f"LABORATORY REPORT\nPatient: {nm.upper()}\nMRN: "); d.e("MEDICAL_RECORD_NUMBER", v.mrn()); d.t("    DOB: "); d.e("DATE_OF_BIRTH", v.date("en"))
    d.t(f"    Sex: {v.ch('MF')}\nCollected: {v.date('en', v.ymd(2025, 2025))} 07:42   Received: {v.date('en', v.ymd(2025, 2025))}\nOrdering: Dr. {v.name()}, NPI: "); d.e("US_NPI", v.npi())
    d.t(f"\nAccession: {v.rs('ABCDEFGH', 2)}{v.dg(8)}\n\nTEST                RESULT   FLAG  REF RANGE\nHbA1c               {v.r.randint(5,11)}.{v.r.randint(0,9)}      H    4.0-5.6 %\n")
    d.t(f"LDL Chol            {v.r.randint(70,200)}      \t     <100 mg/dL\nTSH                 {v.r.randint(0,6)}.{v.dg(2)}          0.45-4.5\n\nClinical indication: ")
    c = v.icd(); d.e("ICD10_CODE", c[0]); d.t(f" ({c[1]})\nHL7 coding system: I10   Specimen ID {v.uuid()}\n")
    if v.r.random() < .5: d.t("NHS number: "); d.e("UK_NHS", v.nhs()); d.t("\n")

def fam_pharmacy(v, d):
    nm = v.name()
    d.t(f"Rx# {v.dg(7)}    Refills: {v.r.randint(0,5)}\n{nm.upper()}\nDOB "); d.e("DATE_OF_BIRTH", v.date("en"))
    d.t(f"\nMETFORMIN HCL 500MG TAB\nTAKE 1 TABLET BY MOUTH TWICE DAILY\nQty: 60   Filled: {v.date('en', v.ymd(2025,2025))}\nPrescriber: {v.name()} MD\nDEA: ")
    d.e("US_DEA", v.dea()); d.t("   NPI: "); d.e("US_NPI", v.npi()); d.t(f"\nNDC {v.dg(5)}-{v.dg(4)}-{v.dg(2)}   Lot {v.rs('ABCDEFGH', 1)}{v.dg(5)}\nPharmacy: ")
    d.e("PHONE_NUMBER", v.phone("US")); d.t("\nDx: "); d.e("ICD10_CODE", v.icd()[0]); d.t("\n")
    if v.r.random() < .5: d.t("Patient phone on file: "); d.e("PHONE_NUMBER", v.phone("US")); d.t("  Gate code B20\n")

def fam_crash(v, d):
    if v.r.random() < .5:
        pid = v.r.randint(1000, 30000)
        ts = lambda: f"{v.r.randint(1,12):02d}-{v.r.randint(1,28):02d} {v.r.randint(0,23):02d}:{v.r.randint(0,59):02d}:{v.r.randint(0,59):02d}.{v.dg(3)}"
        d.t(f"--------- beginning of crash\n{ts()}  {pid}  {pid+12} E AndroidRuntime: FATAL EXCEPTION: main\n{ts()}  {pid}  {pid+12} E AndroidRuntime: Process: com.acme.wallet, PID: {pid}\n")
        d.t(f"{ts()}  {pid}  {pid} D TelephonyManager: getDeviceId imei="); d.e("IMEI", v.imei("bare")); d.t("\n")
        d.t(f"{ts()}  {pid}  {pid} I WifiStateMachine: connected bssid="); d.e("MAC_ADDRESS", v.mac().lower().replace("-", ":") if v.r.random() < .7 else v.mac()); d.t(f" rssi=-{v.r.randint(40,80)}\n")
        d.t(f"{ts()}  {pid}  {pid} D OkHttp: --> POST https://api.acme-retail.io/v2/login\n{ts()}  {pid}  {pid} D OkHttp: Authorization: Bearer "); d.e("JWT", v.jwt()); d.t("\n")
        d.t(f"{ts()}  {pid}  {pid} D OkHttp: {{\"email\":\""); d.e("EMAIL_ADDRESS", v.email()); d.t("\",\"password\":\""); d.e("PASSWORD_ASSIGNMENT", v.password()); d.t("\"}\n")
        d.t(f"{ts()}  {pid}  {pid} E AndroidRuntime: java.lang.IllegalStateException: wallet "); d.e("CRYPTO_WALLET", v.wallet()); d.t(" not synced\n")
        d.t(f"{ts()}  {pid}  {pid} E AndroidRuntime: \tat com.acme.wallet.sync.Worker.run(Worker.kt:{v.r.randint(10,400)})\n")
        d.t(f"{ts()}  {pid}  {pid} I chromium: [INFO:CONSOLE(1)] build 4.{v.r.randint(0,9)}.{v.r.randint(0,99)}.{v.r.randint(0,999)}\n")
    else:
        d.t(f"Incident Identifier: {v.uuid().upper()}\nHardware Model:      iPhone15,3\nProcess:             Acme [{v.r.randint(100,9999)}]\nVersion:             {v.r.randint(1,9)}.{v.r.randint(0,20)}.{v.r.randint(0,9)} ({v.dg(4)})\n")
        d.t(f"Date/Time:           2025-0{v.r.randint(1,9)}-{v.r.randint(10,28)} 11:{v.r.randint(10,59)}:03.{v.dg(4)} +0200\nOS Version:          iPhone OS 17.{v.r.randint(0,5)} (21F{v.dg(2)})\n")
        d.t("Exception Type:  EXC_CRASH (SIGABRT)\n\nApplication Specific Information:\n*** Terminating app due to uncaught exception 'NSInvalidArgumentException', reason: 'user ")
        d.e("EMAIL_ADDRESS", v.email()); d.t(" phone "); d.e("PHONE_NUMBER", v.phone()); d.t(" invalid'\n")
        d.t(f"Last request: GET https://api.acme-retail.io/me?key="); d.e("GOOGLE_API_KEY", v.gapi()); d.t(f"\nClient IP: "); d.e("IP_ADDRESS", v.ip()); d.t("\n")
        d.t(f"Binary Images:\n0x10{v.rs('0123456789abcdef', 7)} - 0x10{v.rs('0123456789abcdef', 7)} Acme arm64  <{v.sha(32)}>\n")

def fam_ci(v, d):
    if v.r.random() < .5:
        d.t(f"2025-05-{v.r.randint(10,28)}T09:{v.r.randint(10,59)}:11.{v.dg(7)}Z ##[group]Run ./scripts/deploy.sh\n")
        d.t("2025-05-14T09:14:11.5512345Z env:\n2025-05-14T09:14:11.5513001Z   AWS_ACCESS_KEY_ID: "); d.e("AWS_ACCESS_KEY_ID", v.aws_id())
        d.t("\n2025-05-14T09:14:11.5513411Z   AWS_SECRET_ACCESS_KEY: ***\n2025-05-14T09:14:11.5513877Z   NODE_AUTH_TOKEN: "); d.e("NPM_TOKEN", v.npm())
        d.t("\n2025-05-14T09:14:11.5514290Z ##[endgroup]\n2025-05-14T09:14:12.0021000Z + curl -s -H 'Authorization: token "); d.e("GITHUB_TOKEN", v.gh())
        d.t("' https://api.github.com/repos/weir-dev/infra/releases\n2025-05-14T09:14:13.1187000Z + export AWS_SECRET_ACCESS_KEY="); d.e("AWS_SECRET_ACCESS_KEY", v.aws_secret())
        d.t(f"\n2025-05-14T09:14:14.0001000Z Pulling image ghcr.io/weir-dev/api@sha256:{v.sha()}\n2025-05-14T09:14:15.9000000Z + twine upload -u __token__ -p "); d.e("PYPI_TOKEN", v.pypi())
        d.t(f" dist/*\n2025-05-14T09:14:16.0000000Z HEAD is now at {v.sha(7)} bump to v{v.r.randint(1,5)}.{v.r.randint(0,9)}.{v.r.randint(0,9)}\n")
    else:
        d.t(f"Started by user admin\nRunning as SYSTEM\n[Pipeline] withCredentials\nMasking supported pattern matches of $SLACK_TOKEN\n[Pipeline] sh\n+ echo slack token is ")
        d.e("SLACK_TOKEN", v.slack()); d.t("\n+ curl -X POST -d @payload.json "); d.e("SLACK_WEBHOOK_URL", v.webhook())
        d.t(f"\n+ docker login -u ci -p "); d.e("PASSWORD_ASSIGNMENT", v.password()) if False else d.e("GITLAB_TOKEN", v.gitlab()); d.t(" registry.gitlab.com\n")
        d.t("+ export HF_TOKEN="); d.e("HUGGINGFACE_TOKEN", v.hf()); d.t("\n+ mvn -Ddb.url=jdbc:postgresql://db.ci:5432/app?user=ci&password="); d.e("DATABASE_URL_WITH_PASSWORD", v.urlpass())
        d.t(f" deploy\n[INFO] BUILD SUCCESS  Total time: {v.r.randint(10,99)}.{v.dg(3)} s\nFinished: SUCCESS  (build #{v.dg(4)}, commit {v.sha(40)})\n")
    hardneg(v, d, 1)

def fam_source(v, d):
    lang = v.ch(["java", "csharp", "rust", "go", "ruby", "php"])
    pw, key = v.password(), v.ch(["stripe", "sendgrid", "twilio", "openai", "anthropic", "azure"])
    kn = {"azure": v.ch(["AZURE_STORAGE_KEY", "storageAccountKey", "azure_blob_key"])}.get(key, v.ch(["API_KEY", "apiKey", "key"]))
    kv = {"stripe": ("STRIPE_SECRET_KEY", v.stripe()), "sendgrid": ("SENDGRID_API_KEY", v.sendgrid()), "twilio": ("TWILIO_API_KEY", v.twilio()),
          "openai": ("OPENAI_API_KEY", v.openai()), "anthropic": ("ANTHROPIC_API_KEY", v.anthropic()), "azure": ("AZURE_STORAGE_KEY", v.azure())}[key]
    if lang == "java":
        d.t("package com.acme.billing;\n\npublic final class Config {\n    // TODO move to vault\n    static final String DB_PASSWORD = \""); d.e("PASSWORD_ASSIGNMENT", pw)
        d.t(f"\";\n    static final String " + kn.upper() + " = \""); d.e(*kv); d.t("\";\n    static final String VERSION = \"3.14.2\";\n")
        d.t("    static final String JDBC = \"jdbc:mysql://prod-db:3306/billing?user=svc&password="); d.e("DATABASE_URL_WITH_PASSWORD", v.urlpass()); d.t("&useSSL=true\";\n}\n")
    elif lang == "csharp":
        d.t("public static class Secrets\n{\n    public const string ConnStr = \"Server=tcp:acme.database.windows.net,1433;User ID=app;Password="); d.e("PASSWORD_ASSIGNMENT", v.urlpass())
        d.t(";Encrypt=True;\";\n    public const string Storage = \"DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=");
        if key == "azure": d.e(*kv); d.t(";EndpointSuffix=core.windows.net\";\n")
        else: d.e("AZURE_STORAGE_KEY", v.azure()); d.t(";EndpointSuffix=core.windows.net\";\n    private static readonly string Key = \""); d.e(*kv); d.t("\";\n")
        d.t("    // dev: UseDevelopmentStorage=true\n}\n")
    elif lang == "rust":
        d.t("use std::env;\n\nconst GH_TOKEN: &str = \""); d.e("GITHUB_TOKEN", v.gh()); d.t("\";\nconst " + kn.upper() + ": &str = \""); d.e(*kv)
        d.t(f"\";\n// checksum of release artifact: {v.sha()}\nfn main() {{\n    let pw = env::var(\"DB_PASSWORD\").unwrap_or(\"${{DB_PASSWORD}}\".into());\n")
        d.t("    let url = \"postgres://svc:"); d.e("DATABASE_URL_WITH_PASSWORD", v.urlpass()); d.t("@10.2.0.7:5432/ledger\";\n}\n")
    elif lang == "go":
        d.t("package main\n\nvar (\n\tslackHook = \""); d.e("SLACK_WEBHOOK_URL", v.webhook()); d.t("\"\n\t" + kn + " = \""); d.e(*kv)
        d.t(f"\"\n\trequestID = \"{v.uuid()}\"\n)\n\nfunc dsn() string {{ return \"mongodb+srv://admin:"); d.e("DATABASE_URL_WITH_PASSWORD", v.urlpass()); d.t("@cluster0.ab1cd.mongodb.net/prod\" }\n")
    elif lang == "ruby":
        d.t("Rails.application.configure do\n  config.action_mailer.smtp_settings = {\n    user_name: 'apikey',\n    password: '"); d.e("PASSWORD_ASSIGNMENT", pw)
        d.t("',\n    address: 'smtp.sendgrid.net'\n  }\n  config.x." + kn.lower() + " = '"); d.e(*kv); d.t("'\n  config.x.redis = 'redis://:"); d.e("DATABASE_URL_WITH_PASSWORD", v.urlpass()); d.t("@cache.internal:6379/0'\nend\n")
    else:
        d.t("<?php\nreturn [\n    'db' => [\n        'host' => '127.0.0.1',\n        'username' => 'wp',\n        'password' => '"); d.e("PASSWORD_ASSIGNMENT", pw)
        d.t("',\n    ],\n    'services' => ['" + kn + "' => '"); d.e(*kv); d.t("'],\n    'admin_email' => '"); d.e("EMAIL_ADDRESS", v.email()); d.t("',\n    'version' => '6.4.3',\n];\n")
    if v.r.random() < .3: d.t("// example from docs: "); ph(v, d, "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"); d.t("\n")

def fam_config(v, d):
    k = v.r.randint(0, 2)
    if k == 0:
        d.t("; php.ini / app.ini\n[database]\nhost = db01.prod.internal\nuser = reporting\npassword = "); d.e("PASSWORD_ASSIGNMENT", v.password())
        d.t("\nport = 5432\n\n[smtp]\nuser = "); d.e("EMAIL_ADDRESS", v.email()); d.t("\npass = ${SMTP_PASS}\n\n[aws]\naws_access_key_id = "); d.e("AWS_ACCESS_KEY_ID", v.aws_id())
        d.t("\naws_secret_access_key = "); d.e("AWS_SECRET_ACCESS_KEY", v.aws_secret()); d.t("\nregion = eu-central-1\n")
    elif k == 1:
        d.t("# Cargo / app.toml\n[package]\nversion = \"0.9.12\"\n\n[secrets]\nsendgrid = \""); d.e("SENDGRID_API_KEY", v.sendgrid())
        d.t("\"\nhuggingface = \""); d.e("HUGGINGFACE_TOKEN", v.hf()); d.t(f"\"\n\n[server]\nbind = \"0.0.0.0:8080\"\nallowed_ip = \""); d.e("IP_ADDRESS", v.ip(False))
        d.t("\"\nadmin_mac = \""); d.e("MAC_ADDRESS", v.mac()); d.t("\"\n\n[db]\nurl = \"postgresql://svc:"); d.e("DATABASE_URL_WITH_PASSWORD", v.urlpass()); d.t("@pg.internal:5432/main\"\n")
    else:
        d.t("# application.properties\nspring.datasource.url=jdbc:sqlserver://sql01:1433;databaseName=hr\nspring.datasource.username=hr_app\nspring.datasource.password=")
        d.e("PASSWORD_ASSIGNMENT", v.password()); d.t("\nspring.mail.password=${MAIL_PASSWORD}\nstripe.secret=");
        d.e("STRIPE_SECRET_KEY", v.stripe()); d.t(f"\nstripe.publishable=pk_live_{v.rs(ALNUM, 24)}\napp.build=4.{v.r.randint(0,9)}.{v.r.randint(0,40)}.{v.dg(3)}\ntwilio.key=")
        d.e("TWILIO_API_KEY", v.twilio()); d.t("\nsecurity.password.min-length=12\n")
    hardneg(v, d, 1)

def fam_diff(v, d):
    f = v.ch(["config/prod.env", "deploy/values.yaml", "src/main/resources/application.yml", ".npmrc"])
    d.t(f"diff --git a/{f} b/{f}\nindex {v.sha(7)}..{v.sha(7)} 100644\n--- a/{f}\n+++ b/{f}\n@@ -3,7 +3,9 @@\n")
    d.t(" LOG_LEVEL=info\n-OPENAI_API_KEY=${OPENAI_API_KEY}\n+OPENAI_API_KEY="); d.e("OPENAI_API_KEY", v.openai())
    d.t("\n+ANTHROPIC_API_KEY="); d.e("ANTHROPIC_API_KEY", v.anthropic()); d.t("\n-//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n+//registry.npmjs.org/:_authToken=")
    d.e("NPM_TOKEN", v.npm()); d.t("\n")
    if v.r.random() < .5:
        d.t("+JWT_SIGNING_KEY_PEM=\""); d.e("PRIVATE_KEY", v.privkey().replace("\n", "\\n")); d.t("\"\n")
    else:
        d.t("+TLS_CERT_PEM=\""); d.t(v.cert().replace("\n", "\\n")); d.t("\"\n")
    d.t(f" SENTRY_RELEASE={v.sha(40)}\n")
    d.t(f"\ncommit {v.sha(40)}\nAuthor: {v.name()} <"); d.e("EMAIL_ADDRESS", v.email()); d.t(f">\nDate:   Tue May 6 14:{v.r.randint(10,59)}:02 2025 +0200\n\n    rotate keys (old ghp token revoked)\n")

def fam_postman(v, d):
    d.t("{\n  \"info\": {\"_postman_id\": \"" + v.uuid() + "\", \"name\": \"Payments API\", \"schema\": \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n")
    d.t("  \"auth\": {\"type\": \"bearer\", \"bearer\": [{\"key\": \"token\", \"value\": \""); d.e("JWT", v.jwt()); d.t("\", \"type\": \"string\"}]},\n")
    d.t("  \"variable\": [\n    {\"key\": \"stripe_key\", \"value\": \""); d.e("STRIPE_SECRET_KEY", v.stripe()); d.t("\"},\n    {\"key\": \"baseUrl\", \"value\": \"https://api.acme-retail.io\"},\n")
    d.t("    {\"key\": \"admin_password\", \"value\": \""); d.e("PASSWORD_ASSIGNMENT", v.password()); d.t("\"}\n  ],\n  \"item\": [{\"name\": \"Create customer\", \"request\": {\"method\": \"POST\", \"body\": {\"mode\": \"raw\", \"raw\": \"{\\\"email\\\": \\\"")
    d.e("EMAIL_ADDRESS", v.email()); d.t("\\\", \\\"phone\\\": \\\""); d.e("PHONE_NUMBER", v.phone()); d.t("\\\", \\\"iban\\\": \\\""); d.e("IBAN", v.iban(grouped=False))
    d.t("\\\"}\"}, \"header\": [{\"key\": \"x-api-key\", \"value\": \""); d.e("GOOGLE_API_KEY", v.gapi()); d.t("\"}]}}]\n}\n")

def fam_curl(v, d):
    k = v.r.randint(0, 2)
    if k == 0:
        d.t("$ curl -X POST https://api.stripe.com/v1/charges \\\n  -u "); d.e("STRIPE_SECRET_KEY", v.stripe()); d.t(": \\\n  -d amount=2000 -d currency=eur \\\n  -d \"metadata[email]=")
        d.e("EMAIL_ADDRESS", v.email()); d.t("\"\n")
    elif k == 1:
        d.t("http POST https://api.openai.com/v1/chat/completions \\\n    Authorization:\"Bearer "); d.e("OPENAI_API_KEY", v.openai()); d.t("\" \\\n    model=gpt-4o messages:='[{\"role\":\"user\",\"content\":\"my card is ")
        d.e("CREDIT_CARD", v.card()); d.t("\"}]'\n")
    else:
        d.t("curl 'https://api.sendgrid.com/v3/mail/send' -H 'Authorization: Bearer "); d.e("SENDGRID_API_KEY", v.sendgrid()); d.t("' -H 'Content-Type: application/json' --data-raw '{\"personalizations\":[{\"to\":[{\"email\":\"")
        d.e("EMAIL_ADDRESS", v.email()); d.t("\"}]}]}'\ncurl -u admin:"); d.e("PASSWORD_ASSIGNMENT", v.urlpass()); d.t(" https://jenkins.internal/api/json\n")
    d.t("curl -H \"x-goog-api-key: "); d.e("GOOGLE_API_KEY", v.gapi()); d.t(f"\" https://maps.googleapis.com/maps/api/geocode/json?latlng=52.52,13.40\n")
    if v.r.random() < .5: d.t("# docs sample: curl -u "); ph(v, d, "STRIPE_SECRET_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"); d.t(": https://api.stripe.com/v1/customers\n")

def fam_har(v, d):
    d.t("{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"WebInspector\", \"version\": \"537.36\"}, \"entries\": [{\n  \"startedDateTime\": \"2025-04-02T10:11:12.345Z\",\n  \"serverIPAddress\": \"")
    d.e("IP_ADDRESS", v.ip()); d.t("\",\n  \"request\": {\"method\": \"POST\", \"url\": \"https://shop.acme-retail.io/api/checkout\",\n    \"headers\": [\n      {\"name\": \"Cookie\", \"value\": \"session=")
    d.e("JWT", v.jwt()); d.t(f"; _ga=GA1.2.{v.dg(9)}.{v.dg(10)}\"}},\n      {{\"name\": \"X-CSRF-Token\", \"value\": \"{v.rs(ALNUM + '+/', 43)}=\"}}\n    ],\n")
    d.t("    \"postData\": {\"mimeType\": \"application/json\", \"text\": \"{\\\"card\\\":\\\""); d.e("CREDIT_CARD", v.card(fmt="bare")); d.t(f"\\\",\\\"cvc\\\":\\\"{v.dg(3)}\\\",\\\"email\\\":\\\"")
    d.e("EMAIL_ADDRESS", v.email()); d.t("\\\",\\\"dob\\\":\\\""); d.e("DATE_OF_BIRTH", v.date("en", None)); d.t("\\\"}\"}},\n")
    d.t(f"  \"response\": {{\"status\": 200, \"headers\": [{{\"name\": \"etag\", \"value\": \"W/\\\"{v.sha(40)}\\\"\"}}], \"content\": {{\"text\": \"{{\\\"order\\\":\\\"{v.uuid()}\\\",\\\"wallet\\\":\\\"")
    d.e("CRYPTO_WALLET", v.wallet()); d.t("\\\"}\"}}\n}]}}\n")

def fam_chat(v, d):
    k = v.r.randint(0, 2); a, b = v.name(), v.name()
    if k == 0:
        d.t(f"[{v.r.randint(1,28)}/0{v.r.randint(1,9)}/2025, 14:{v.r.randint(10,59)}:0{v.r.randint(0,9)}] {a}: oi, manda teu pix?\n")
        d.t(f"[02/05/2025, 14:33:12] {b}: meu CPF é "); d.e("BR_CPF", v.cpf()); d.t(" 😅\n[02/05/2025, 14:33:40] {0}: e o celular ".format(b)); d.e("PHONE_NUMBER", v.phone("BR"))
        d.t(f"\n[02/05/2025, 14:34:02] {a}: <Mídia oculta>\n[02/05/2025, 14:35:10] {b}: aniversário dela: nascida em "); d.e("DATE_OF_BIRTH", v.date("pt")); d.t("\n")
    elif k == 1:
        d.t(f"{a.split()[0].lower()} — Today at 3:{v.r.randint(10,59)} PM\nlol who pasted this in #general\n```\nDISCORD_BOT_TOKEN=hidden\nOPENAI_API_KEY=")
        d.e("OPENAI_API_KEY", v.openai()); d.t(f"\n```\n{b.split()[0].lower()} — Today at 3:{v.r.randint(10,59)} PM\nrotating. also my eth is "); d.e("CRYPTO_WALLET", v.eth())
        d.t(" if anyone wants to tip 🙃\nbtc: "); d.e("CRYPTO_WALLET", v.btc()); d.t(f"\n(tx 0x{v.sha()} confirmed)\n")
    else:
        d.t(f"{a}  10:{v.r.randint(10,59)} AM\nhey can you check the customer record? SSN is "); d.e("US_SSN", v.ssn(v.ch(["-", " "]))); d.t(", routing # ")
        d.e("US_BANK_ROUTING", v.aba()); d.t(f"\n{b}  10:{v.r.randint(10,59)} AM\nplease don't paste that here :face_palm: use the vault. also the staging key is ")
        d.e("SLACK_TOKEN", v.slack()); d.t("\n:thread: 3 replies  Last reply today\n")
    hardneg(v, d, 1)

def fam_email_i18n(v, d):
    lang = v.ch(["de", "fr", "es", "it", "nl", "pt", "pl", "hi", "zh", "ja", "ko"]); nm = v.name()
    if lang == "de":
        d.t(f"Betreff: Änderung meiner Bankverbindung\n\nSehr geehrte Damen und Herren,\n\nbitte ändern Sie meine IBAN auf "); d.e("IBAN", v.iban(v.ch(["DE", "AT", "CH"]), True))
        d.t(". Mein Geburtsdatum ist der "); d.e("DATE_OF_BIRTH", v.date("de")); d.t(", Kundennummer "+v.dg(8)+".\nSie erreichen mich unter "); d.e("PHONE_NUMBER", v.phone("DE"))
        d.t(f".\n\nMit freundlichen Grüßen\n{nm}\n")
    elif lang == "fr":
        d.t("Objet : Remboursement commande\n\nBonjour,\n\nJe n'ai toujours pas reçu mon remboursement. Mon RIB : IBAN "); d.e("IBAN", v.iban("FR", True))
        d.t(".\nDate de naissance : "); d.e("DATE_OF_BIRTH", v.date("fr")); d.t("\nTél. : "); d.e("PHONE_NUMBER", v.phone("FR")); d.t(f"\n\nCordialement,\n{nm}\n")
    elif lang == "es":
        d.t("Asunto: Problema con mi factura\n\nHola, mi DNI es "); d.e("ES_NIF", v.nif()); d.t(" y mi fecha de nacimiento es "); d.e("DATE_OF_BIRTH", v.date("es"))
        d.t(". Cuenta: "); d.e("IBAN", v.iban("ES", v.r.random() < .5)); d.t(". Móvil "); d.e("PHONE_NUMBER", v.phone("ES")); d.t(f".\nGracias, {nm}\n")
    elif lang == "it":
        d.t("Oggetto: Richiesta rimborso\n\nGentile assistenza,\nil mio codice fiscale è "); d.e("IT_FISCAL_CODE", v.cf()); d.t(" e l'IBAN per il rimborso è ")
        d.e("IBAN", v.iban("IT", True)); d.t(".\nData di nascita: "); d.e("DATE_OF_BIRTH", v.date("it")); d.t(f"\nCordiali saluti,\n{nm}\n")
    elif lang == "nl":
        d.t("Onderwerp: wijziging gegevens\n\nBeste klantenservice,\n\nMijn BSN is "); d.e("NL_BSN", v.bsn()); d.t(" en mijn geboortedatum "); d.e("DATE_OF_BIRTH", v.date("nl"))
        d.t(". Rekeningnummer: "); d.e("IBAN", v.iban("NL", v.r.random() < .5)); d.t(". Bel me op "); d.e("PHONE_NUMBER", v.phone("NL")); d.t(f".\n\nMet vriendelijke groet,\n{nm}\n")
    elif lang == "pt":
        d.t("Assunto: Cobrança indevida\n\nOlá, meu CPF é "); d.e("BR_CPF", v.cpf()); d.t(" e data de nascimento "); d.e("DATE_OF_BIRTH", v.date("pt"))
        d.t(". Cartão final "+v.dg(4)+". WhatsApp "); d.e("PHONE_NUMBER", v.phone("BR")); d.t(f".\nAtt, {nm}\n")
    elif lang == "pl":
        d.t("Temat: Reklamacja\n\nDzień dobry,\nmój PESEL to "); d.e("PL_PESEL", v.pesel()); d.t(", numer konta "); d.e("IBAN", v.iban("PL", True))
        d.t(".\nData urodzenia: "); d.e("DATE_OF_BIRTH", v.date("pl")); d.t(f"\nPozdrawiam,\n{nm}\n")
    elif lang == "hi":
        d.t("Subject: KYC update\n\nHi team, mera Aadhaar number "); d.e("IN_AADHAAR", v.aadhaar()); d.t(" hai aur PAN "); d.e("IN_PAN", v.pan())
        d.t(". Kripya update kar dijiye. Mobile: "); d.e("PHONE_NUMBER", v.phone("IN")); d.t(". DOB "); d.e("DATE_OF_BIRTH", v.date("en")); d.t(f" hai. Dhanyavaad, {nm}\n")
    elif lang == "zh":
        d.t("主题：账户信息更新\n\n您好，我的手机号是"); d.e("PHONE_NUMBER", v.phone("CN")); d.t("，邮箱 "); d.e("EMAIL_ADDRESS", v.email()); d.t("。出生日期："); d.e("DATE_OF_BIRTH", v.date("zh"))
        d.t("。信用卡号 "); d.e("CREDIT_CARD", v.card("up")); d.t(" 请帮我核实。谢谢！\n")
    elif lang == "ja":
        d.t("件名：登録情報の変更\n\nお世話になっております。電話番号を"); d.e("PHONE_NUMBER", v.phone("JP")); d.t("に変更してください。生年月日："); d.e("DATE_OF_BIRTH", v.date("ja"))
        d.t("\nメール："); d.e("EMAIL_ADDRESS", v.email()); d.t("\nよろしくお願いいたします。\n")
    else:
        d.t("제목: 환불 요청\n\n안녕하세요, 제 연락처는 "); d.e("PHONE_NUMBER", v.phone(v.ch(["US", "SG", "AU"]))); d.t(" 입니다. 생년월일: "); d.e("DATE_OF_BIRTH", v.date("ko"))
        d.t("\n이메일: "); d.e("EMAIL_ADDRESS", v.email()); d.t(" 감사합니다.\n")
    d.t(f"\n-- \nTicket #{v.dg(7)} · {v.date('en', v.ymd(2025, 2025))}\n")

def fam_tsv(v, d):
    lang = v.ch(["de", "fr", "es", "nl", "pl", "en"])
    H = {"de": ["Name", "Geburtsdatum", "Telefon", "IBAN", "E-Mail"], "fr": ["Nom", "Date de naissance", "Téléphone", "IBAN", "Courriel"],
         "es": ["Nombre", "Fecha de nacimiento", "Teléfono", "IBAN", "Correo"], "nl": ["Naam", "Geboortedatum", "Telefoon", "IBAN", "E-mail"],
         "pl": ["Imię i nazwisko", "Data urodzenia", "Telefon", "IBAN", "E-mail"], "en": ["Name", "DOB", "Phone", "IBAN", "Email"]}[lang]
    cc = {"de": "DE", "fr": "FR", "es": "ES", "nl": "NL", "pl": "PL", "en": "GB"}[lang]
    extra = v.ch(["NHS", "SIN", "TFN", "BSN", "SSN", "Pass", "none"])
    xh = {"NHS": "NHS No", "SIN": "SIN", "TFN": "TFN", "BSN": "BSN", "SSN": "SSN", "none": "",
          "Pass": {"de": "Reisepass-Nr.", "fr": "N° passeport", "es": "Pasaporte", "nl": "Paspoortnummer", "pl": "Nr paszportu", "en": "Passport No."}[lang]}[extra]
    d.t("\t".join(H + ([xh] if extra != "none" else [])) + "\n")
    for _ in range(v.r.randint(3, 6)):
        nm = v.name(); d.t(nm + "\t"); d.e("DATE_OF_BIRTH", v.date(lang)); d.t("\t"); d.e("PHONE_NUMBER", v.phone({"PL": "DE", "GB": "UK"}.get(cc, cc))); d.t("\t")
        if v.r.random() < .15: d.t("—")
        else: d.e("IBAN", v.iban(cc, False))
        d.t("\t"); d.e("EMAIL_ADDRESS", v.email(nm))
        if extra == "NHS": d.t("\t"); d.e("UK_NHS", v.nhs())
        elif extra == "SIN": d.t("\t"); d.e("CA_SIN", v.sin())
        elif extra == "TFN": d.t("\t"); d.e("AU_TFN", v.tfn())
        elif extra == "BSN": d.t("\t"); d.e("NL_BSN", v.bsn("bare"))
        elif extra == "SSN": d.t("\t"); d.e("US_SSN", v.ssn(v.ch(["-", ""])))
        elif extra == "Pass": d.t("\t"); d.e("US_PASSPORT", v.passport())
        d.t("\n")

def fam_nested(v, d):
    if v.r.random() < .5:
        d.t("services:\n  payments:\n    image: ghcr.io/acme/payments:2.7.1\n    env:\n      stripe:\n        secret: "); d.e("STRIPE_SECRET_KEY", v.stripe())
        d.t("\n      db:\n        dsn: \"mysql://pay:"); d.e("DATABASE_URL_WITH_PASSWORD", v.urlpass()); d.t("@mysql.payments.svc:3306/pay\"\n        password_min_length: 12\n")
        d.t("      signing:\n        key: |\n          "); d.e("PRIVATE_KEY", v.privkey().replace("\n", "\n          ")); d.t("\n")
        d.t("      tls_cert: |\n          " + v.cert().replace("\n", "\n          ") + "\n  notifier:\n    slack_webhook: "); d.e("SLACK_WEBHOOK_URL", v.webhook())
        d.t("\n    admin:\n      password: \"${ADMIN_PASSWORD}\"\n    amqp: amqp://guest:"); d.e("DATABASE_URL_WITH_PASSWORD", v.urlpass()); d.t("@rabbit:5672/\n")
    else:
        proj = v.ch(["billing", "etl", "ml"]) + "-" + v.dg(6); em = f"deployer@{proj}.iam.gserviceaccount.com"
        d.t("{\n  \"deploy\": {\n    \"gcp\": {\n      \"credentials\": ")
        st = d.mark(); pk = v.rsa(True).replace("\n", "\\n") + "\\n"
        d.t(f"{{\n        \"type\": \"service_account\",\n        \"project_id\": \"{proj}\",\n        \"private_key_id\": \"{v.sha(40)}\",\n        \"private_key\": \"")
        d.e("PRIVATE_KEY", pk[:-2], ign=True); d.t("\\n\",\n        \"client_email\": \""); d.e("EMAIL_ADDRESS", em, ign=True)
        d.t(f"\",\n        \"client_id\": \"{v.dg(21)}\",\n        \"token_uri\": \"https://oauth2.googleapis.com/token\"\n      }}"); d.span("GCP_SERVICE_ACCOUNT_KEY", st)
        d.t("\n    },\n    \"azure\": {\"connection\": \"DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey="); d.e("AZURE_STORAGE_KEY", v.azure())
        d.t(";EndpointSuffix=core.windows.net\"},\n    \"github\": {\"token\": \""); d.e("GITHUB_TOKEN", v.gh()); d.t(f"\", \"sha\": \"{v.sha(40)}\"}},\n")
        d.t("    \"owner\": {\"email\": \""); d.e("EMAIL_ADDRESS", v.email()); d.t("\", \"phone\": \""); d.e("PHONE_NUMBER", v.phone()); d.t("\"}\n  }\n}\n")

def fam_negatives(v, d):
    """Documents made of hard negatives and placeholders in the new families."""
    d.t(v.ch(["Release notes v3.2.0\n", "Runbook: key rotation\n", "Order status export\n", "Audit log excerpt\n"]))
    for _ in range(v.r.randint(3, 6)):
        if v.r.random() < .35:
            t, x = rand_placeholder(v); d.t(v.ch(["example: ", "docs sample ", "placeholder "])); ph(v, d, t, x); d.t("\n")
        elif v.r.random() < .2:
            d.t("peer "); ph(v, d, "IP_ADDRESS", v.ip_private()); d.t(" connected\n")
        else: hardneg(v, d, 1)
    if v.r.random() < .4: d.t("-----BEGIN PUBLIC KEY-----\n" + v.rsa_pub().split("\n", 1)[1] + "\n")
    if v.r.random() < .3: d.t(f"Follow-up visit {v.date('en', v.ymd(2025, 2025))}; shipped {v.date('de', v.ymd(2025, 2025))}\n")

FAMS = {"pdf_ocr": fam_pdf_ocr, "legal": fam_legal, "ecommerce": fam_ecommerce, "travel": fam_travel, "payroll_tax": fam_payroll,
        "insurance_eob": fam_eob, "lab_report": fam_lab, "pharmacy": fam_pharmacy, "crash_log": fam_crash, "ci_log": fam_ci,
        "source_polyglot": fam_source, "config_file": fam_config, "git_diff": fam_diff, "postman": fam_postman, "curl_cmd": fam_curl,
        "har": fam_har, "chat_export": fam_chat, "support_email_i18n": fam_email_i18n, "tsv_localized": fam_tsv, "nested_config": fam_nested,
        "negatives": fam_negatives}

# -------- self-check --------
def digits(x): return re.sub(r"\D", "", x)
CHECKS = {
    "CREDIT_CARD": lambda x: luhn_ok(digits(x)), "CA_SIN": lambda x: luhn_ok(digits(x)), "IMEI": lambda x: luhn_ok(digits(x)),
    "US_NPI": lambda x: npi_ok(x), "IBAN": iban_ok, "US_BANK_ROUTING": aba_ok, "UK_NHS": lambda x: nhs_ok(digits(x)),
    "IN_AADHAAR": lambda x: verhoeff_ok(digits(x)), "NL_BSN": lambda x: bsn_ok(digits(x)), "BR_CPF": lambda x: cpf_digits(digits(x)[:9]) == digits(x),
    "PL_PESEL": lambda x: pesel_check(x[:10]) == int(x[10]), "SG_NRIC": lambda x: nric_letter(x[0], x[1:8]) == x[8], "AU_TFN": lambda x: tfn_ok(digits(x)),
    "US_DEA": lambda x: dea_check(x[2:8]) == int(x[8]), "ES_NIF": lambda x: nif_letter(x[:-1]) == x[-1], "IT_FISCAL_CODE": lambda x: cf_check(x[:15]) == x[15],
    "CRYPTO_WALLET": lambda x: (b58check_ok(x) if x[0] in "13" else segwit_ok(x) if x.startswith("bc1") else eip55(x[2:]) == x),
    "GITHUB_TOKEN": lambda x: x.startswith("github_pat_") or crc_b62(x[4:34]) == x[34:], "NPM_TOKEN": lambda x: crc_b62(x[4:34]) == x[34:],
}

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--seed", type=int, default=20250); ap.add_argument("--out", default="heldout2.jsonl"); ap.add_argument("--n", type=int, default=600)
    a = ap.parse_args()
    rng = random.Random(a.seed); v = V(rng)
    names = list(FAMS); weights = {k: 1.0 for k in names}; weights["negatives"] = 1.2; weights["support_email_i18n"] = 2.0
    out = []; stats = {}
    for i in range(a.n):
        fam = rng.choices(names, [weights[k] for k in names])[0]
        d = Doc(); FAMS[fam](v, d); text = d.text(); tb = text.encode()
        for ent, val in zip(d.ents, d.vals):
            got = tb[ent["start"]:ent["end"]].decode()
            assert val is None or got == val, (fam, ent, got, val)
            if ent["type"] == "GCP_SERVICE_ACCOUNT_KEY": assert got.startswith("{") and got.endswith("}") and '"service_account"' in got
            if not ent.get("ignore") and ent["type"] in CHECKS: assert CHECKS[ent["type"]](got), (fam, ent, got)
            stats[ent["type"]] = stats.get(ent["type"], 0) + 1
        ents = sorted(d.ents, key=lambda e: (e["start"], -e["end"]))
        out.append({"id": f"h2-{i:05d}", "text": text, "kind": fam, "entities": ents})
    with open(a.out, "w", encoding="utf-8") as f:
        for r in out: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} records, {sum(len(r['entities']) for r in out)} entities", file=sys.stderr)
    for k in sorted(stats): print(f"  {k:<28}{stats[k]}", file=sys.stderr)

if __name__ == "__main__":
    main()
