"""heldout8 PII / business-document families."""
import core as C
from core import R
from base import (pad, E, I, want, pick, jesc, xesc, family, person, email, work_email, phone, FOREIGN_PHONE, fdate, nondate,
                  org, ticket, phone_shaped_order, sha, d)

LOC_CC = {"us": "us", "uk": "uk", "ca": "ca", "au": "au", "de": "de", "nl": "nl", "es": "es", "it": "it", "pl": "pl",
          "br": "br", "in": "in", "sg": "sg"}


def cc_of(p):
    return LOC_CC.get(p["loc"], "us")


# ---------------------------------------------------------------- Zendesk ticket export (JSON, escaped comments)
@family("zendesk_ticket_json", 16, hosts=("CREDIT_CARD", "US_SSN", "US_ITIN", "US_PASSPORT", "IBAN", "DATE_OF_BIRTH"))
def zendesk():
    p = person(R.choice(["us", "uk", "ca", "au", "de", "nl", "us"]))
    em, ph = email(p), phone(cc_of(p))
    tid = R.randint(40000, 990000)
    opt = pick(["CREDIT_CARD", "US_SSN", "US_ITIN", "US_PASSPORT", "IBAN", "DATE_OF_BIRTH"])
    if opt == "CREDIT_CARD":
        v = C.fmt_card(C.card())
        ask = "I was charged twice. The card is " + E("CREDIT_CARD", v) + " exp 0%d/%d, please refund the duplicate." % (R.randint(1, 9), R.randint(27, 31))
    elif opt == "US_SSN":
        ask = "The tax form shows the wrong SSN. Correct one: " + E("US_SSN", C.ssn(R.choice(["-", "-", " "]))) + " (old form had XXX-XX-%s)." % d(4)
    elif opt == "US_ITIN":
        ask = "I don't have an SSN, my ITIN is " + E("US_ITIN", C.itin()) + ". Can you update the 1099-K profile?"
    elif opt == "US_PASSPORT":
        ask = "For the ID check I uploaded my U.S. passport, number " + E("US_PASSPORT", C.passport_us()) + ", but the upload keeps failing."
    elif opt == "IBAN":
        ask = "Please send the refund by bank transfer instead, IBAN " + E("IBAN", C.fmt_iban(C.iban(R.choice(["DE", "NL", "GB", "FR", "AT", "BE"])))) + "."
    else:
        ask = "Your bot asked to confirm my date of birth: " + E("DATE_OF_BIRTH", fdate(C.dob())) + ". Still locked out."
    agent = person("us")
    order = phone_shaped_order() if R.random() < 0.5 else "ORD-%d" % R.randint(1000000, 9999999)
    c1 = "Hi,\n\n%s\n\nOrder %s. You can reach me at %s.\n\nThanks,\n%s" % (ask, order, E("PHONE_NUMBER", ph), p["first"])
    c2 = "Hello %s, thanks for reaching out. I've escalated ticket %d to billing. Note: order numbers like %s are not phone numbers." % (p["first"], tid, order)
    ip = C.ip()
    meta_ip = E("IP_ADDRESS", ip) if R.random() < 0.8 else I("IP_ADDRESS", C.ipv4_private())
    j = ('{"ticket":{"id":%d,"url":"https://%s.zendesk.com/api/v2/tickets/%d.json","subject":"%s","status":"open",'
         '"requester":{"id":%d,"name":"%s %s","email":"%s"},"custom_fields":[{"id":36000%s,"value":"%s"}],'
         '"tags":["billing","refund"]},\n"comments":[\n {"id":%d,"public":true,"author_id":%d,"body":"%s",'
         '"via":{"channel":"email","source":{"from":{"address":"%s"}}},"metadata":{"system":{"client":"Mozilla/5.0","ip_address":"%s","location":"%s"}},"created_at":"2026-0%d-1%dT0%d:12:44Z"},\n'
         ' {"id":%d,"public":true,"author_id":%d,"body":"%s","via":{"channel":"web"},"metadata":{"system":{"ip_address":"%s"}}}\n]}') % (
        tid, R.choice(["acmehelp", "lumen", "northwind"]), tid, R.choice(["Refund request", "Account locked", "Tax form error", "Verify identity"]),
        R.randint(10 ** 11, 10 ** 12), p["first"], p["last"], E("EMAIL_ADDRESS", em), d(4), order,
        R.randint(10 ** 12, 10 ** 13), R.randint(10 ** 11, 10 ** 12), jesc(c1), E("EMAIL_ADDRESS", em), meta_ip,
        R.choice(["Austin, TX", "Leeds, UK", "Utrecht, NL"]), R.randint(1, 9), R.randint(0, 9), R.randint(0, 9),
        R.randint(10 ** 12, 10 ** 13), R.randint(10 ** 11, 10 ** 12), jesc(c2), I("IP_ADDRESS", C.ipv4_private()))
    return j


# ---------------------------------------------------------------- HubSpot CRM contacts API response
@family("hubspot_contacts_json", 12, hosts=("DATE_OF_BIRTH", "US_SSN", "CA_SIN", "AU_TFN", "UK_NINO"))
def hubspot():
    rows = []
    for _ in range(R.randint(2, 3)):
        p = person(R.choice(["us", "ca", "au", "uk", "us"]))
        props = ['"email": "%s"' % E("EMAIL_ADDRESS", email(p)), '"firstname": "%s"' % p["first"], '"lastname": "%s"' % p["last"]]
        if want("PHONE_NUMBER", 0.8):
            props.append('"phone": "%s"' % E("PHONE_NUMBER", phone(cc_of(p))))
        if want("PHONE_NUMBER", 0.4):
            props.append('"mobilephone": "%s"' % E("PHONE_NUMBER", phone(cc_of(p))))
        if want("DATE_OF_BIRTH", 0.6):
            props.append('"date_of_birth": "%s"' % E("DATE_OF_BIRTH", fdate(C.dob(), "iso")))
        t = pick([("US_SSN", "us"), ("CA_SIN", "ca"), ("AU_TFN", "au"), ("UK_NINO", "uk"), ("NONE", "")])
        if t[0] != "NONE" and R.random() < 0.7:
            v = {"US_SSN": lambda: C.ssn(), "CA_SIN": lambda: C.sin_fmt(C.sin()), "AU_TFN": lambda: C.tfn(), "UK_NINO": lambda: C.nino()}[t[0]]()
            props.append('"tax_id_%s": "%s"' % (t[1], E(t[0], v)))
        if want("IP_ADDRESS", 0.5):
            props.append('"hs_ip_timezone": "america_slash_chicago", "last_known_ip": "%s"' % E("IP_ADDRESS", C.ip()))
        props.append('"hs_object_id": "%d"' % R.randint(10 ** 10, 10 ** 11))
        props.append('"createdate": "%sT10:22:31.084Z"' % fdate((2025, R.randint(1, 12), R.randint(1, 28)), "iso"))
        rows.append('    {\n      "id": "%d",\n      "properties": {\n        %s\n      },\n      "archived": false\n    }' % (R.randint(10 ** 10, 10 ** 11), ",\n        ".join(props)))
    return '{\n  "total": %d,\n  "results": [\n%s\n  ],\n  "paging": {"next": {"after": "%d"}}\n}' % (len(rows), ",\n".join(rows), R.randint(100, 999))


# ---------------------------------------------------------------- Gmail mbox with MIME parts
@family("mbox_mime", 14, hosts=("IBAN", "US_BANK_ROUTING", "CREDIT_CARD", "DATE_OF_BIRTH", "IN_PAN", "IN_AADHAAR"))
def mbox():
    a, b = person(R.choice(["us", "uk", "in", "de", "us"])), person(R.choice(["us", "uk", "in"]))
    ea, eb = email(a), email(b)
    bnd = "000000000000" + C.hexs(16)
    msgid = "<CA%s@mail.gmail.com>" % C.rs(C.ALNUM, 40)
    opt = pick(["IBAN", "US_BANK_ROUTING", "CREDIT_CARD", "DATE_OF_BIRTH", "IN_PAN", "IN_AADHAAR"])
    if opt == "IBAN":
        line = "Bank details for the deposit: IBAN %s, BIC %s" % (E("IBAN", C.fmt_iban(C.iban())), C.rs(C.UP, 6) + "2X")
    elif opt == "US_BANK_ROUTING":
        line = "Wire to routing number %s, account %s (checking)." % (E("US_BANK_ROUTING", C.aba()), d(R.randint(9, 12)))
    elif opt == "CREDIT_CARD":
        line = "Use my card for the deposit: %s, CVV in a separate text." % E("CREDIT_CARD", C.fmt_card(C.card()))
    elif opt == "DATE_OF_BIRTH":
        line = "The form needs my DOB, it's %s." % E("DATE_OF_BIRTH", fdate(C.dob()))
    elif opt == "IN_PAN":
        line = "My PAN for the TDS certificate: %s" % E("IN_PAN", C.pan(a["last"]))
    else:
        line = "Aadhaar for the KYC: %s" % E("IN_AADHAAR", C.aadhaar())
    ph = E("PHONE_NUMBER", phone(cc_of(a)))
    plain = "Hi %s,\n\n%s\n\nCall me on %s if anything is unclear.\n\n-- \n%s %s" % (b["first"], line, ph, a["first"], a["last"])
    html = "<div dir=3D\"ltr\">Hi %s,<br><br>(see plain text part)<br>%s %s</div>" % (b["first"], a["first"], a["last"])
    att = ""
    if want("EMAIL_ADDRESS", 0.5):
        rows = "\n".join("%s,%s,%s" % (q["first"], E("EMAIL_ADDRESS", email(q)), E("PHONE_NUMBER", phone(cc_of(q)))) for q in [person("us"), person("uk")])
        att = ("--%s\nContent-Type: text/csv; charset=\"US-ASCII\"; name=\"guests.csv\"\nContent-Disposition: attachment; filename=\"guests.csv\"\n"
               "Content-Transfer-Encoding: 7bit\nX-Attachment-Id: f_%s\n\nname,email,phone\n%s\n" % (bnd, C.rs(C.LO + C.DIG, 10), rows))
    return ("From %d@xxx %s\nX-GM-THRID: %d\nX-Gmail-Labels: Inbox,Important,Opened\nDelivered-To: %s\nReceived: from mail-sor-f41.google.com (mail-sor-f41.google.com. [%s])\n"
            "From: %s %s <%s>\nTo: %s\nMessage-ID: %s\nSubject: Re: %s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"%s\"\n\n"
            "--%s\nContent-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: 7bit\n\n%s\n\n--%s\nContent-Type: text/html; charset=\"UTF-8\"\n"
            "Content-Transfer-Encoding: quoted-printable\n\n%s\n\n%s--%s--\n") % (
        R.randint(10 ** 18, 10 ** 19), "Mon Mar 02 09:14:55 +0000 2026", R.randint(10 ** 18, 10 ** 19), E("EMAIL_ADDRESS", eb),
        E("IP_ADDRESS", C.ipv4()) if R.random() < 0.5 else "209.85.220.41" if False else E("IP_ADDRESS", C.ipv4()),
        a["first"], a["last"], E("EMAIL_ADDRESS", ea), E("EMAIL_ADDRESS", eb), I("EMAIL_ADDRESS", msgid[1:-1]),
        R.choice(["deposit", "booking", "paperwork", "onboarding docs"]), bnd, bnd, plain, bnd, html, att, bnd)


# ---------------------------------------------------------------- invoices as pdftotext -layout (multilingual)
INV = {
    "fi": ("LASKU", "Laskun numero", "Eräpäivä", "Viitenumero", "Y-tunnus", "Maksa tilille"),
    "da": ("FAKTURA", "Fakturanr.", "Forfaldsdato", "Ordrenr.", "CVR-nr.", "Betal til konto"),
    "hu": ("SZÁMLA", "Számlaszám", "Fizetési határidő", "Rendelésszám", "Adószám", "Bankszámla"),
    "ca": ("FACTURA", "Núm. factura", "Venciment", "Comanda", "NIF emissor", "Pagament a"),
    "en": ("INVOICE", "Invoice No.", "Due date", "PO Number", "VAT Reg.", "Remit to"),
}


@family("invoice_pdf_layout", 18, hosts=("IBAN", "US_BANK_ROUTING", "ES_NIF"))
def invoice():
    lang = R.choice(list(INV))
    T, NO, DUE, PO, VAT, PAY = INV[lang]
    sup = person(R.choice(["nordic", "es", "de", "us"]))
    em = work_email(sup, org())
    inv = "%d-%05d" % (R.randint(2024, 2026), R.randint(1, 99999))
    lines = ["%s%s" % (" " * 50, T), "", "%s%s: %s" % (pad("Kestrel Logistics Oy" if lang == "fi" else "Copperline ApS" if lang == "da" else "Northwind Labs", 44), NO, inv),
             "%s%s: %s" % (pad("Tel. " + E("PHONE_NUMBER", phone(R.choice(["de", "nl", "uk", "es", "fr"]))), 44), DUE, nondate()),
             "%s%s: %s" % (pad(E("EMAIL_ADDRESS", em), 44), PO, phone_shaped_order() if R.random() < 0.5 else "PO%d" % R.randint(10000, 99999)),
             "%s%s: %s" % (" " * 44, VAT, R.choice(["DE", "FI", "DK", "HU", "ES"]) + d(9)), ""]
    lines.append("  Pos  Description                               Qty     Unit      Amount")
    for i in range(R.randint(2, 4)):
        lines.append("  %-4d %-40s %3d %9.2f %11.2f" % (i + 1, R.choice(["Freight LTL Tampere-Oulu", "Support retainer", "SKU 4.2.11.3 firmware kit", "Pallet hire"]), R.randint(1, 9), R.uniform(10, 900), R.uniform(100, 5000)))
    lines.append("")
    opt = pick(["IBAN", "US_BANK_ROUTING", "ES_NIF"])
    if opt == "US_BANK_ROUTING":
        lines.append("  %s: ACH / Fedwire  ABA Routing No. %s   Acct %s" % (PAY, E("US_BANK_ROUTING", C.aba()), d(10)))
    else:
        cc = R.choice(["SE", "NO", "DE", "ES", "NL", "FR", "IT", "PL", "CH", "AT"])
        v = C.fmt_iban(C.iban(cc), True)
        if R.random() < 0.3 and len(v) > 24:
            cut = v.index(" ", 14)
            v = v[:cut] + "\n" + " " * 12 + v[cut + 1:]
        lines.append("  %s: IBAN %s" % (PAY, E("IBAN", v)))
        lines.append("            BIC %s" % (C.rs(C.UP, 6) + C.rs(C.UP + C.DIG, 2)))
    if opt == "ES_NIF" or (lang == "ca" and R.random() < 0.6):
        lines.append("  Client: %s %s, NIF %s" % (sup["first"], sup["last"], E("ES_NIF", C.nif())))
    if R.random() < 0.3:
        lines.append("  Rejected on %s: IBAN %s (check digits invalid)" % (nondate(), C.iban_bad()))
    lines.append("\f")
    lines.append("  Page 1/1                                    ref %s" % sha(12))
    return "\n".join(lines)


# ---------------------------------------------------------------- hotel guest registration cards
GUEST = {
    "es": ("PARTE DE ENTRADA DE VIAJEROS", "Fecha de nacimiento", "Documento (DNI/NIE)", "ES_NIF"),
    "it": ("SCHEDINA ALLOGGIATI", "Data di nascita", "Codice fiscale", "IT_FISCAL_CODE"),
    "pl": ("KARTA MELDUNKOWA", "Data urodzenia", "PESEL", "PL_PESEL"),
    "pt": ("BOLETIM DE ALOJAMENTO", "Data de nascimento", "CPF (hóspede brasileiro)", "BR_CPF"),
    "sg": ("GUEST REGISTRATION CARD", "Date of Birth", "NRIC / FIN", "SG_NRIC"),
    "us": ("GUEST REGISTRATION", "Date of birth", "U.S. Passport No.", "US_PASSPORT"),
}


@family("guest_registration_card", 16, hosts=("ES_NIF", "IT_FISCAL_CODE", "PL_PESEL", "BR_CPF", "SG_NRIC", "US_PASSPORT", "CREDIT_CARD"))
def guest():
    k = pick([("ES_NIF", "es"), ("IT_FISCAL_CODE", "it"), ("PL_PESEL", "pl"), ("BR_CPF", "pt"), ("SG_NRIC", "sg"), ("US_PASSPORT", "us")])[1]
    title, dl, idl, t = GUEST[k]
    loc = {"es": "es", "it": "it", "pl": "pl", "pt": "br", "sg": "sg", "us": "us"}[k]
    p = person(loc)
    dob = C.dob()
    if t == "ES_NIF":
        v = C.nif()
    elif t == "IT_FISCAL_CODE":
        v = C.codice_fiscale(p["last"], p["first"], dob, p["female"])
    elif t == "PL_PESEL":
        v = C.pesel(dob, p["female"])
    elif t == "BR_CPF":
        v = C.cpf()
    elif t == "SG_NRIC":
        v = C.nric()
    else:
        v = C.passport_us()
    room = R.randint(101, 1420)
    out = ["%s   Hab./Room %d   Folio %d" % (title, room, R.randint(100000, 999999)), "-" * 60,
           "Nombre / Name ........ %s %s" % (p["first"], p["last"]),
           "%s ...... %s" % (dl, E("DATE_OF_BIRTH", fdate(dob, R.choice(["eu", "dot", "iso"])))),
           "%s ...... %s" % (idl, E(t, v))]
    if R.random() < 0.3 and t in ("ES_NIF", "PL_PESEL", "SG_NRIC"):
        bad = {"ES_NIF": C.nif_bad, "PL_PESEL": lambda: C.pesel_bad(dob), "SG_NRIC": C.nric_bad}[t]()
        out.append("  (first scan read %s - check digit mismatch, re-keyed)" % bad)
    out.append("Tel ........ %s" % E("PHONE_NUMBER", phone({"pt": "br"}.get(k, loc if loc in ("es", "it", "pl", "sg", "us") else "us"))))
    if want("EMAIL_ADDRESS", 0.7):
        out.append("E-mail ........ %s" % E("EMAIL_ADDRESS", email(p)))
    if want("CREDIT_CARD", 0.4):
        out.append("Garantía / Guarantee: %s  exp %02d/%d" % (E("CREDIT_CARD", C.fmt_card(C.card())), R.randint(1, 12), R.randint(27, 31)))
    else:
        out.append("Garantía / Guarantee: VISA **** **** **** %s" % d(4))
    out.append("Llegada/Arrival %s   Salida/Departure %s   Adults 2" % (nondate(), nondate()))
    out.append("Firma del huésped / Guest signature: ______________")
    return "\n".join(out)


# ---------------------------------------------------------------- telecom port-out LOA / port request
@family("port_request_loa", 10, hosts=("IMEI", "US_SSN", "PHONE_NUMBER"))
def port():
    p = person(R.choice(["us", "us", "ca"]))
    nums = [phone(cc_of(p)) for _ in range(R.randint(1, 3))]
    out = ["LETTER OF AUTHORIZATION - NUMBER PORT REQUEST", "Gaining carrier: %s    Losing carrier: %s" % (R.choice(["Mint", "Visible", "US Mobile"]), R.choice(["T-Mobile", "AT&T", "Verizon", "Rogers"])),
           "Account holder: %s %s" % (p["first"], p["last"]), "Billing account no.: %s   Transfer PIN: %s" % (d(9), d(6)),
           "Service address: %d %s St, %s" % (R.randint(10, 9999), R.choice(["Elm", "Juniper", "Lakeview"]), R.choice(["Boise, ID", "Tulsa, OK", "Toronto, ON"]))]
    for i, n in enumerate(nums):
        out.append("  Line %d: %s   ICCID %s   IMEI %s" % (i + 1, E("PHONE_NUMBER", n), "8901" + d(15), E("IMEI", C.imei()) if want("IMEI", 0.6) else "(eSIM)"))
    if want("US_SSN", 0.5) and p["loc"] == "us":
        out.append("Account holder SSN (credit check): %s" % E("US_SSN", C.ssn()))
    else:
        out.append("Last 4 of SSN/Tax ID: %s" % d(4))
    out.append("Contact e-mail: %s" % E("EMAIL_ADDRESS", email(p)))
    out.append("Port ticket %s (not a phone number). Requested FOC date: %s" % (phone_shaped_order(), nondate()))
    out.append("Device MEID %s (no check digit, not an IMEI)" % C.imei()[:14])
    return "\n".join(out)


# ---------------------------------------------------------------- fixed-width files (NACHA ACH, mainframe HR extract)
@family("fixed_width_files", 12, hosts=("US_BANK_ROUTING", "US_SSN", "DATE_OF_BIRTH", "US_ITIN"))
def fixed():
    if R.random() < 0.5:
        odfi = C.aba()
        lines = ["101 %s %s%s%s%sA094101%-23s%-23s        " % (I("US_BANK_ROUTING", odfi), d(10), "260302", "1201", "A", "FIRST PRAIRIE BANK", "KESTREL LOGISTICS INC")]
        lines.append("5220KESTREL LOGIST                    %sPPDPAYROLL   260303260303   1%s%07d" % (d(10), odfi[:8], 1))
        for i in range(R.randint(2, 4)):
            p = person("us")
            rt = C.aba()
            nm = ("%s %s" % (p["first"], p["last"])).upper()[:22]
            lines.append("622%s%-17s%010d%-15s%-22s  0%s%07d" % (E("US_BANK_ROUTING", rt), d(R.randint(8, 12)), R.randint(10000, 900000), d(6), nm, odfi[:8], i + 1))
        lines.append("822000000%d%010d%012d%012d%s                         %s0000001" % (len(lines) - 2, R.randint(0, 99999999), 0, R.randint(10 ** 6, 10 ** 8), d(10), odfi[:8]))
        return "* NACHA file PPD payroll batch (94-char records), generated by payroll-export v3.1.4\n" + "\n".join(lines) + "\n9000001000001" + "0" * 20 + "\n"
    hdr = ["      * COPYBOOK EMPREC", "       01 EMP-REC.", "          05 EMP-ID        PIC X(8).", "          05 EMP-SSN       PIC 9(9).",
           "          05 EMP-NAME      PIC X(24).", "          05 EMP-DOB       PIC 9(8).   *> CCYYMMDD date of birth", "          05 EMP-HIRE-DT   PIC 9(8).", "          05 EMP-DEPT      PIC X(4)."]
    rows = []
    for _ in range(R.randint(3, 5)):
        p = person("us")
        tin = E("US_ITIN", C.itin("")) if want("US_ITIN", 0.15) else E("US_SSN", C.ssn(""))
        rows.append("E%07d%s%-24s%s%s%s" % (R.randint(1, 9999999), tin, (p["last"] + "," + p["first"]).upper()[:24], E("DATE_OF_BIRTH", fdate(C.dob(), "compact")),
                                             fdate((R.randint(2005, 2025), R.randint(1, 12), R.randint(1, 28)), "compact"), R.choice(["FIN1", "OPS2", "HR01", "IT07"])))
    return "\n".join(hdr) + "\n\n=== EMPMAST.D260301 (fixed width, no delimiters) ===\n" + "\n".join(rows) + "\n"


# ---------------------------------------------------------------- US passport data page OCR with MRZ
@family("passport_mrz_ocr", 10, hosts=("US_PASSPORT", "DATE_OF_BIRTH"))
def mrz():
    p = person("us")
    pn = C.rs(C.DIG, 9) if R.random() < 0.5 else R.choice("ACEFGHJK") + C.rs(C.DIG, 8)
    dob = C.dob()
    mon = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"][dob[1] - 1]
    sur = C.ascii_fold(p["last"]).upper() if hasattr(C, "ascii_fold") else p["last"].upper()
    l1 = ("P<USA" + p["last"].upper().replace(" ", "<").replace("'", "") + "<<" + p["first"].upper().replace(" ", "<") + "<" * 44)[:44]
    l2 = (pn + str(R.randint(0, 9)) + "USA" + "%02d%02d%02d" % (dob[0] % 100, dob[1], dob[2]) + str(R.randint(0, 9)) + R.choice("MF") + "%02d%02d%02d" % (R.randint(27, 35), R.randint(1, 12), R.randint(1, 28)) + str(R.randint(0, 9)) + "<" * 14 + "0" + str(R.randint(0, 9)))[:44]
    ocr = ["PASSPORT  PASSEPORT  PASAPORTE", "UNITED STATES OF AMERICA", "Type/Type P   Code/Code USA   Passport No./No. du Passeport",
           "                                  %s" % E("US_PASSPORT", pn), "Surname/Nom  %s" % p["last"].upper(), "Given Names/Prénoms  %s" % p["first"].upper(),
           "Nationality/Nationalité  UNITED STATES OF AMERICA", "Date of birth/Date de naissance", "  %s" % E("DATE_OF_BIRTH", "%02d %s %d" % (dob[2], mon, dob[0])),
           "Place of birth/Lieu de naissance  %s, U.S.A." % R.choice(["OHIO", "TEXAS", "NEW YORK", "OREGON"]),
           "Date of issue  %02d %s %d      Date of expiration  %02d %s %d" % (R.randint(1, 28), "MAR", R.randint(2016, 2025), R.randint(1, 28), "MAR", R.randint(2026, 2035)),
           "Authority  United States Department of State", "", I("US_PASSPORT", l1) if False else l1, I("US_PASSPORT", l2[:9]) + l2[9:]]
    pre = "[ocr confidence 0.87] page 2 of uploaded file passport_scan_%s.jpg\n" % C.hexs(8)
    post = ""
    if want("EMAIL_ADDRESS", 0.5):
        post = "\n\n-- submitted by %s from %s" % (E("EMAIL_ADDRESS", email(p)), E("IP_ADDRESS", C.ip()))
    return pre + "\n".join(ocr) + post


# ---------------------------------------------------------------- GDPR / CCPA data-subject-access export bundle
@family("dsar_export_bundle", 14, hosts=("IMEI", "MAC_ADDRESS", "IP_ADDRESS", "CREDIT_CARD", "DATE_OF_BIRTH"))
def dsar():
    p = person(R.choice(["de", "nl", "uk", "us", "es", "it", "pl"]))
    em = email(p)
    out = ["=== account.json ===", '{"user_id": "%s", "email": "%s", "phone": "%s", "birthday": "%s", "locale": "%s"}' % (
        C.uuid4(), E("EMAIL_ADDRESS", em), E("PHONE_NUMBER", phone(cc_of(p) if cc_of(p) != "us" or p["loc"] == "us" else "us")),
        E("DATE_OF_BIRTH", fdate(C.dob(), "iso")), p["loc"]), "", "=== logins.csv ===", "timestamp,ip,user_agent,result"]
    for _ in range(R.randint(2, 5)):
        ipv = E("IP_ADDRESS", C.ip()) if R.random() < 0.85 else I("IP_ADDRESS", C.ipv4_private())
        out.append("2026-0%d-%02dT%02d:%02d:11Z,%s,\"Mozilla/5.0 (Linux; Android 14)\",%s" % (R.randint(1, 9), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), ipv, R.choice(["ok", "ok", "mfa_failed"])))
    out += ["", "=== devices.csv ===", "device_id,model,imei,wifi_mac,push_token"]
    for _ in range(R.randint(1, 2)):
        out.append("%s,%s,%s,%s,%s" % (C.uuid4(), R.choice(["Pixel 8", "Galaxy S23", "iPhone 15"]), E("IMEI", C.imei()) if want("IMEI", 0.6) else "",
                                        E("MAC_ADDRESS", C.mac(":")) if want("MAC_ADDRESS", 0.6) else "02:00:00:00:00:00", C.rs(C.ALNUM + "_-", 40)))
    out += ["", "=== payments.csv ===", "date,amount,method,reference"]
    out.append("%s,%.2f,card ****%s,%s" % (nondate(), R.uniform(5, 300), d(4), "INV-%d" % R.randint(100000, 999999)))
    if want("CREDIT_CARD", 0.4):
        out.append("%s,%.2f,\"card %s (support re-entered manually)\",%s" % (nondate(), R.uniform(5, 300), E("CREDIT_CARD", C.fmt_card(C.card(), "bare")), "INV-%d" % R.randint(100000, 999999)))
    out.append("%s,%.2f,loyalty %s,%s" % (nondate(), R.uniform(5, 30), C.card_bad(), "GIFT"))
    return "\n".join(out)


# ---------------------------------------------------------------- relocation / housing intake forms in new languages
RELO = {
    "hu": ("Költözési adatlap", "Név", "Születési dátum", "Telefon (otthoni)", "E-mail", "Útlevélszám (USA)"),
    "fi": ("Muuttoilmoitus / asuntohakemus", "Nimi", "Syntymäaika", "Puhelin (koti)", "Sähköposti", "Passin numero (USA)"),
    "da": ("Boligansøgning", "Navn", "Fødselsdato", "Telefon (hjem)", "E-mail", "Pasnummer (USA)"),
    "no": ("Søknad om studentbolig", "Navn", "Fødselsdato", "Telefon (hjemland)", "E-post", "Passnummer (USA)"),
    "is": ("Umsókn um húsnæði", "Nafn", "Fæðingardagur", "Sími (heima)", "Netfang", "Vegabréfsnúmer (USA)"),
    "ca": ("Sol·licitud d'allotjament", "Nom", "Data de naixement", "Telèfon", "Correu electrònic", "Passaport (EUA)"),
    "cy": ("Ffurflen gofrestru llety", "Enw", "Dyddiad geni", "Ffôn", "E-bost", "Rhif pasbort (UDA)"),
    "bg": ("Заявление за настаняване", "Име", "Дата на раждане", "Телефон (домашен)", "Имейл", "Паспорт № (САЩ)"),
    "sr": ("Пријава за смештај", "Име", "Датум рођења", "Телефон (кућни)", "Е-пошта", "Број пасоша (САД)"),
    "lt": ("Apgyvendinimo anketa", "Vardas", "Gimimo data", "Telefonas (namų)", "El. paštas", "Paso numeris (JAV)"),
    "et": ("Majutustaotlus", "Nimi", "Sünniaeg", "Telefon (kodu)", "E-post", "Passi number (USA)"),
    "hy": ("Բնակության դիմում", "Անուն", "Ծննդյան ամսաթիվ", "Հեռախոս (տնային)", "Էլ. փոստ", "Անձնագիր (ԱՄՆ)"),
    "km": ("ពាក្យស្នើសុំកន្លែងស្នាក់នៅ", "ឈ្មោះ", "ថ្ងៃខែឆ្នាំកំណើត", "ទូរស័ព្ទ (ផ្ទះ)", "អ៊ីមែល", "លិខិតឆ្លងដែន (សហរដ្ឋអាមេរិក)"),
    "my": ("နေထိုင်ခွင့်လျှောက်လွှာ", "အမည်", "မွေးသက္ကရာဇ်", "ဖုန်း (အိမ်)", "အီးမေးလ်", "နိုင်ငံကူးလက်မှတ် (အမေရိကန်)"),
    "mn": ("Байрны өргөдөл", "Нэр", "Төрсөн огноо", "Утас (гэр)", "И-мэйл", "Паспортын дугаар (АНУ)"),
    "kk": ("Тұрғын үйге өтініш", "Аты-жөні", "Туған күні", "Телефон (үй)", "Электрондық пошта", "Төлқұжат нөмірі (АҚШ)"),
    "af": ("Aansoek om verblyf", "Naam", "Geboortedatum", "Telefoon (tuis)", "E-pos", "Paspoortnommer (VSA)"),
    "ms": ("Borang permohonan penginapan", "Nama", "Tarikh lahir", "Telefon (rumah)", "E-mel", "No. pasport (AS)"),
}
DEST = [("NL_BSN", "nl", "BSN (burgerservicenummer)"), ("ES_NIF", "es", "NIE"), ("IT_FISCAL_CODE", "it", "Codice fiscale"),
        ("PL_PESEL", "pl", "PESEL"), ("UK_NINO", "uk", "National Insurance number"), ("AU_TFN", "au", "Tax File Number"),
        ("SG_NRIC", "sg", "FIN"), ("CA_SIN", "ca", "SIN / NAS"), ("IBAN", "de", "IBAN")]


@family("relocation_intake_i18n", 20, hosts=("NL_BSN", "ES_NIF", "IT_FISCAL_CODE", "PL_PESEL", "UK_NINO", "AU_TFN", "SG_NRIC", "CA_SIN", "US_PASSPORT", "IBAN"))
def relo():
    lang = R.choice(list(RELO))
    title, nm, bd, tel, em, pp = RELO[lang]
    p = person(R.choice(["nordic", "east", "us"]))
    dob = C.dob(1960, 2006)
    out = ["# " + title, "", "| | |", "|---|---|", "| %s | %s %s |" % (nm, p["first"], p["last"]),
           "| %s | %s |" % (bd, E("DATE_OF_BIRTH", fdate(dob, R.choice(["dot", "iso", "eu"]))))]
    home = FOREIGN_PHONE.get(lang, FOREIGN_PHONE["hu"])()
    if lang in ("ca", "cy"):
        out.append("| %s | %s |" % (tel, E("PHONE_NUMBER", home)))
    else:
        out.append("| %s | %s |" % (tel, I("PHONE_NUMBER", home)))
    out.append("| %s | %s |" % (em, E("EMAIL_ADDRESS", email(p))))
    if p["loc"] == "us" or want("US_PASSPORT", 0.25):
        out.append("| %s | %s |" % (pp, E("US_PASSPORT", C.passport_us())))
    t, cc, lab = pick(DEST)
    if t == "NL_BSN":
        v = C.bsn()
    elif t == "ES_NIF":
        v = C.nif("nie")
    elif t == "IT_FISCAL_CODE":
        v = C.codice_fiscale(p["last"], p["first"], dob, p["female"])
    elif t == "PL_PESEL":
        v = C.pesel(dob, p["female"])
    elif t == "UK_NINO":
        v = C.nino()
    elif t == "AU_TFN":
        v = C.tfn()
    elif t == "SG_NRIC":
        v = C.nric(R.choice("FGM"))
    elif t == "CA_SIN":
        v = C.sin_fmt(R.choice("9") + C.sin()[1:] if False else C.sin())
    else:
        v = C.fmt_iban(C.iban(R.choice(["NO", "SE", "DE", "AT", "IE", "CH"])))
    out.append("| %s | %s |" % (lab, E(t, v)))
    out.append("| Local phone | %s |" % E("PHONE_NUMBER", phone(cc if cc in ("nl", "es", "it", "pl", "uk", "au", "sg", "ca", "de") else "uk")))
    if R.random() < 0.4:
        out.append("| Previous application ref. | %s |" % phone_shaped_order())
    out.append("\n_%s_" % R.choice(["Submitted via housing portal", "Beküldve", "Lähetetty", "Indsendt", "Изпратено", "ដាក់ស្នើ", "Илгээсэн"]))
    return "\n".join(out)


# ---------------------------------------------------------------- Intercom conversation export (HTML bodies in JSON)
@family("intercom_conversation_json", 12, hosts=("CREDIT_CARD", "UK_NHS", "CA_SIN", "IN_AADHAAR", "BR_CPF", "IBAN"))
def intercom():
    p = person(R.choice(["uk", "ca", "in", "br", "us"]))
    em = email(p)
    opt = pick(["CREDIT_CARD", "UK_NHS", "CA_SIN", "IN_AADHAAR", "BR_CPF", "IBAN"])
    val = {"IBAN": lambda: C.fmt_iban(C.iban()), "CREDIT_CARD": lambda: C.fmt_card(C.card()), "UK_NHS": lambda: C.nhs(), "CA_SIN": lambda: C.sin_fmt(C.sin()),
           "IN_AADHAAR": lambda: C.aadhaar(), "BR_CPF": lambda: C.cpf()}[opt]()
    lab = {"IBAN": "IBAN for the refund", "CREDIT_CARD": "card number", "UK_NHS": "NHS number", "CA_SIN": "SIN", "IN_AADHAAR": "Aadhaar", "BR_CPF": "CPF"}[opt]
    parts = ['<p>Hi! my %s is <b>%s</b> &amp; my number is %s</p>' % (lab, E(opt, val), E("PHONE_NUMBER", phone(cc_of(p)))),
             '<p>Thanks %s &mdash; please never paste that here. I&#39;ve redacted it.</p>' % p["first"],
             '<p>ok. email me at <a href="mailto:%s">%s</a></p>' % (E("EMAIL_ADDRESS", em), E("EMAIL_ADDRESS", em))]
    if R.random() < 0.4:
        parts.append('<p>obfuscated for the bot: %s</p>' % I("EMAIL_ADDRESS", em.replace("@", "&#64;")))
    cps = []
    for i, b in enumerate(parts):
        cps.append('{"type":"conversation_part","part_type":"comment","body":"%s","author":{"type":"%s","email":"%s"},"created_at":%d}' % (
            jesc(b), "user" if i % 2 == 0 else "admin", E("EMAIL_ADDRESS", em) if i % 2 == 0 else "%s@%s" % (R.choice(["sam", "ops", "help"]), "intercom-mail.com") and E("EMAIL_ADDRESS", "%s@lumenpay.eu" % R.choice(["sam", "aoife", "help"])), 1767000000 + i * 97))
    return '{"type":"conversation","id":"%d","source":{"delivered_as":"customer_initiated","author":{"type":"user","email":"%s"},"url":"https://app.lumenpay.eu/settings"},\n"conversation_parts":{"type":"conversation_part.list","conversation_parts":[\n%s\n]},"custom_attributes":{"last_ip":"%s"}}' % (
        R.randint(10 ** 14, 10 ** 15), E("EMAIL_ADDRESS", em), ",\n".join(cps), E("IP_ADDRESS", C.ip()))


# ---------------------------------------------------------------- LLM eval dataset (CSV) with redaction expectations
@family("llm_eval_csv", 10, hosts=("US_SSN", "CREDIT_CARD", "IN_PAN", "UK_NINO", "DATE_OF_BIRTH"))
def llmeval():
    rows = ['"id","prompt","model_output","expected_redaction","grader"']
    for i in range(R.randint(2, 4)):
        p = person(R.choice(["us", "uk", "in"]))
        t = pick(["US_SSN", "CREDIT_CARD", "IN_PAN", "UK_NINO", "DATE_OF_BIRTH", "EMAIL_ADDRESS"])
        v = {"US_SSN": lambda: C.ssn(), "CREDIT_CARD": lambda: C.fmt_card(C.card()), "IN_PAN": lambda: C.pan(p["last"]), "UK_NINO": lambda: C.nino(),
             "DATE_OF_BIRTH": lambda: fdate(C.dob()), "EMAIL_ADDRESS": lambda: email(p)}[t]()
        lab = {"US_SSN": "SSN", "CREDIT_CARD": "card", "IN_PAN": "PAN", "UK_NINO": "NI number", "DATE_OF_BIRTH": "born on", "EMAIL_ADDRESS": "email"}[t]
        prompt = "Summarize: \"\"%s %s (%s %s) called about a late fee.\"\"" % (p["first"], p["last"], lab, E(t, v))
        echo = R.random() < 0.4
        outp = ("%s %s, %s %s, disputes a late fee." % (p["first"], p["last"], lab, E(t, v))) if echo else "The customer disputes a late fee."
        red = "[%s]" % t
        rows.append('"%s-%03d","%s","%s","%s","%s"' % (R.choice(["pii", "redteam"]), i + 1, prompt, outp, red, "fail" if echo else "pass"))
    return "\n".join(rows) + "\n"
