"""heldout9 PII / business families."""
import json
import core
from core import R, rs, DIG, UP, LO, B62
from base import M, I, pick, want, Person, phone, fmt_date, rdate, uuid, hexs, order_no, COUNT, STATE, PCC

NAT = ["US_SSN", "US_ITIN", "US_PASSPORT", "UK_NINO", "UK_NHS", "CA_SIN", "IN_AADHAAR", "IN_PAN", "ES_NIF", "IT_FISCAL_CODE",
       "NL_BSN", "BR_CPF", "PL_PESEL", "SG_NRIC", "AU_TFN"]
NAT_LOC = {"US_SSN": "us", "US_ITIN": "us", "US_PASSPORT": "us", "UK_NINO": "uk", "UK_NHS": "uk", "CA_SIN": "ca", "IN_AADHAAR": "in",
           "IN_PAN": "in", "ES_NIF": "es", "IT_FISCAL_CODE": "it", "NL_BSN": "nl", "BR_CPF": "br", "PL_PESEL": "pl", "SG_NRIC": "sg", "AU_TFN": "au"}
NAT_LABEL = {"US_SSN": "SSN", "US_ITIN": "ITIN", "US_PASSPORT": "U.S. passport no.", "UK_NINO": "NI number", "UK_NHS": "NHS number",
             "CA_SIN": "SIN", "IN_AADHAAR": "Aadhaar", "IN_PAN": "PAN", "ES_NIF": "DNI/NIE", "IT_FISCAL_CODE": "codice fiscale",
             "NL_BSN": "BSN", "BR_CPF": "CPF", "PL_PESEL": "PESEL", "SG_NRIC": "NRIC/FIN", "AU_TFN": "TFN"}
def natval(t, p):
    if t == "US_SSN": return core.ssn(R.choice(["-", "-", " "]))
    if t == "US_ITIN": return core.itin()
    if t == "US_PASSPORT": return core.passport_us()
    if t == "UK_NINO": return core.nino()
    if t == "UK_NHS":
        s = core.nhs(); return R.choice([s, "%s %s %s" % (s[:3], s[3:6], s[6:])])
    if t == "CA_SIN":
        s = core.sin(); return R.choice([s, "%s %s %s" % (s[:3], s[3:6], s[6:]), "%s-%s-%s" % (s[:3], s[3:6], s[6:])])
    if t == "IN_AADHAAR":
        s = core.aadhaar(); return R.choice(["%s %s %s" % (s[:4], s[4:8], s[8:]), s, "%s-%s-%s" % (s[:4], s[4:8], s[8:])])
    if t == "IN_PAN": return core.pan()
    if t == "ES_NIF": return core.nif()
    if t == "IT_FISCAL_CODE": return core.cf(p.last, p.first, p.y, p.m, p.d, p.female)
    if t == "NL_BSN": return core.bsn()
    if t == "BR_CPF": return core.cpf()
    if t == "PL_PESEL": return core.pesel(p.y, p.m, p.d, p.female)
    if t == "SG_NRIC": return core.nric()
    if t == "AU_TFN":
        s = core.tfn(); return R.choice([s, "%s %s %s" % (s[:3], s[3:6], s[6:])])
def natbad(t):
    """a same-shape value with a wrong check digit (hard negative)"""
    if t == "BR_CPF":
        s = core.cpf(False); return s[:10] + str((int(s[10]) + 1) % 10)
    if t == "PL_PESEL":
        s = core.pesel(1980, 5, 5); return s[:10] + str((int(s[10]) + 3) % 10)
    if t == "ES_NIF":
        s = core.nif(); return s[:-1] + ("A" if s[-1] != "A" else "B")
    if t == "NL_BSN":
        s = core.bsn(); return s[:8] + str((int(s[8]) + 1) % 10)
    if t == "SG_NRIC":
        s = core.nric("S"); return s[:-1] + ("A" if s[-1] != "A" else "B")
    if t == "IN_AADHAAR":
        s = core.aadhaar(); return s[:11] + str((int(s[11]) + 1) % 10)
    if t == "CA_SIN":
        s = core.sin(); return s[:8] + str((int(s[8]) + 1) % 10)
    if t == "AU_TFN":
        s = core.tfn(); return s[:8] + str((int(s[8]) + 1) % 10)
    return "000-%s-%s" % (rs(DIG, 2), rs(DIG, 4))

# 1 ---------------------------------------------------------------- airline / hotel loyalty statement
def loyalty_statement():
    p = Person(R.choice(["us", "uk", "sg", "au", "de", "in", "br"]))
    prog = R.choice([("SkyMiles-style", "Altair Airways Horizon Club"), ("hotel", "Meridian Stays Rewards"), ("air", "Pacifica Air Cloud Miles")])
    mem = rs(DIG, 10)
    L = ["%s — ACCOUNT STATEMENT" % prog[1].upper(), "Statement period: %s to %s" % (rdate(2025, 2025, "long"), rdate(2026, 2026, "long")),
         "", "Member: %s   Tier: %s   Member no.: %s" % (p.name.upper(), R.choice(["Gold", "Platinum", "Silver", "Diamond"]), mem),
         "Email on file: " + M("EMAIL_ADDRESS", p.email()), "Mobile: " + M("PHONE_NUMBER", phone(PCC[p.loc]))]
    if want("DATE_OF_BIRTH", .7):
        L.append("Date of birth: " + M("DATE_OF_BIRTH", p.dob(R.choice(["long", "mdy", "abbr"]))) + "  (birthday bonus month: %s)" % ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][p.m - 1])
    L += ["", "ACTIVITY", "%-12s %-44s %10s" % ("Date", "Description", "Points")]
    for _ in range(R.randint(3, 6)):
        k = R.random()
        if k < .4:
            d = "Flight %s%s %s-%s  e-ticket %s-%s" % (R.choice(["AZ", "PQ", "HZ"]), R.randint(100, 2999), R.choice(["SFO", "LHR", "SIN", "SYD", "FRA", "GRU"]),
                                                    R.choice(["JFK", "NRT", "DEL", "MEL", "CDG"]), rs(DIG, 3), rs(DIG, 10))
        elif k < .7:
            d = "Stay conf. %s  folio %s" % (rs(UP + DIG, 8), rs(DIG, 7))
        else:
            d = "Partner: car rental RA# %s" % order_no()
        L.append("%-12s %-44s %10s" % (rdate(2025, 2026), d[:44], "{:,}".format(R.randint(200, 9000))))
    L.append("")
    k = pick("CREDIT_CARD", "US_PASSPORT", "IP_ADDRESS", "IBAN")
    if k == "CREDIT_CARD":
        L.append("Co-brand card linked: " + M("CREDIT_CARD", core.card_fmt()) + " (earns 2x)")
    elif k == "US_PASSPORT":
        L.append("Secure Flight data: U.S. passport " + M("US_PASSPORT", core.passport_us()) + ", Known Traveler Number " + rs(DIG, 9) + " (KTN, not a passport)")
    elif k == "IP_ADDRESS":
        L.append("Last sign-in: %s from %s" % (rdate(2026, 2026), M("IP_ADDRESS", R.choice([core.ipv4(), core.ipv6()]))))
    else:
        L.append("Cash-out of miles to IBAN " + M("IBAN", core.iban_fmt()))
    L.append("Payment card on file: %s **** **** %s   exp %02d/%02d" % (R.choice(["VISA", "MC", "AMEX"]), rs(DIG, 4), R.randint(1, 12), R.randint(26, 31)))
    L.append("Questions? %s · Member services %s" % (I("EMAIL_ADDRESS", "user@example.com") if R.random() < .2 else M("EMAIL_ADDRESS", "help@" + prog[1].split()[0].lower() + "-loyalty.com"), M("PHONE_NUMBER", phone("us"))))
    return "\n".join(L)

# 2 ---------------------------------------------------------------- telecom CDR export
def telecom_cdr():
    cc = R.choice(["us", "uk", "de", "fr", "in", "au", "nl", "br"])
    sub = phone(cc)
    imei = core.imei()
    hdr = R.choice([",", ";", "|"])
    cols = ["record_type", "start_time", "duration_s", "msisdn", "other_party", "imsi", "imei", "cell_id", "apn", "ue_ip", "bytes_up", "bytes_dn"]
    L = [hdr.join(cols)]
    imsi = {"us": "310", "uk": "234", "de": "262", "fr": "208", "in": "404", "au": "505", "nl": "204", "br": "724"}[cc] + rs(DIG, 12)
    while core.luhn_ok(imsi):
        imsi = imsi[:-1] + str((int(imsi[-1]) + 1) % 10)
    imei_lab = False
    for i in range(R.randint(4, 8)):
        rt = R.choice(["MOC", "MTC", "SMS-MO", "GPRS", "GPRS", "VOLTE"])
        ts = "2026-%02d-%02dT%02d:%02d:%02dZ" % (R.randint(1, 10), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))
        ms = M("PHONE_NUMBER", sub) if i == 0 or R.random() < .3 else sub
        other = M("PHONE_NUMBER", phone(R.choice([cc, cc, "us", "uk"]))) if rt in ("MOC", "MTC", "SMS-MO", "VOLTE") else ""
        im = M("IMEI", imei) if not imei_lab or R.random() < .3 else imei
        imei_lab = True
        ip = ""
        if rt == "GPRS":
            k = R.random()
            ip = M("IP_ADDRESS", R.choice([core.ipv4(), core.ipv6()])) if k < .6 else I("IP_ADDRESS", "100.%d.%d.%d" % (R.randint(64, 127), R.randint(0, 255), R.randint(1, 254)))
        row = [rt, ts, str(R.randint(0, 1800)), ms, other, imsi, im, "%s-%s" % (rs(DIG, 5), rs(DIG, 4)), "internet" if rt == "GPRS" else "",
               ip, str(R.randint(0, 9**7)), str(R.randint(0, 9**8))]
        L.append(hdr.join(row))
    # values that repeat unlabeled get labeled by finalize
    return "# CDR extract, billing cycle %s, subscriber account %s\n" % (rdate(2026, 2026), rs(DIG, 9)) + "\n".join(L)

# 3 ---------------------------------------------------------------- court e-filing docket
def court_docket():
    pl, df = Person("us"), Person(R.choice(["us", "us", "ca", "uk"]))
    atty = Person("us")
    case = "%d:%02d-%s-%05d-%s" % (R.randint(1, 4), R.randint(22, 26), R.choice(["cv", "cr", "bk"]), R.randint(100, 99999), R.choice(["JPO", "MKS", "ALB"]))
    L = ["U.S. District Court", "%s District of %s (%s)" % (R.choice(["Northern", "Southern", "Eastern", "Western"]), R.choice(["Illinois", "Texas", "California", "New York"]), R.choice(["Chicago", "Houston", "San Jose", "Brooklyn"])),
         "CIVIL DOCKET FOR CASE #: " + case, "", "%s v. %s" % (pl.name, df.name), "Date Filed: %s   Jury Demand: Plaintiff   Nature of Suit: %s" % (rdate(2024, 2025, "us"), R.choice(["890 Other Statutory Actions", "480 Consumer Credit", "710 Fair Labor Standards Act"])), "",
         "Plaintiff", pl.name.upper(), "    represented by %s" % atty.name, "        %s LLP" % R.choice(["Harlan & Oakes", "Pruitt Vance", "Meadowbrook Legal"]),
         "        %s Suite %d" % (R.choice(["200 W Madison St", "1100 Louisiana St", "60 S Market St"]), R.randint(100, 4000)), "        " + M("PHONE_NUMBER", phone("us")),
         "        Fax: " + M("PHONE_NUMBER", phone("us")), "        Email: " + M("EMAIL_ADDRESS", atty.email(R.choice(["harlanoakes.com", "pruittvance.law", "mbrooklegal.com"]))),
         "        LEAD ATTORNEY", "        Bar No. %s" % rs(DIG, 7), "", "Date Filed   #   Docket Text"]
    n = 1
    for _ in range(R.randint(3, 5)):
        L.append("%s   %d   %s" % (rdate(2024, 2026, "us"), n, R.choice(["COMPLAINT against %s (Filing fee $ 405, receipt number %s-%s)" % (df.name, R.choice(["AILNDC", "ATXSDC"]), rs(DIG, 8)),
                                                                          "SUMMONS Issued as to %s" % df.name, "NOTICE of Appearance by %s" % atty.name,
                                                                          "MINUTE entry: status hearing set for %s at 9:30 AM." % rdate(2026, 2026, "us")])))
        n += R.randint(1, 4)
    k = pick("US_SSN", "DATE_OF_BIRTH", "US_BANK_ROUTING", "US_ITIN", "CREDIT_CARD", "EMAIL_ADDRESS")
    if k in ("US_SSN", "US_ITIN", "DATE_OF_BIRTH"):
        idt = "US_SSN" if k != "US_ITIN" else "US_ITIN"
        v = M(idt, core.ssn() if idt == "US_SSN" else core.itin())
        L.append("%s   %d   EXHIBIT B to Motion (ERRONEOUSLY UNREDACTED, Fed. R. Civ. P. 5.2): \"Debtor: %s, %s %s, DOB %s\"  -- restricted by clerk %s"
                 % (rdate(2025, 2026, "us"), n, df.name, "SSN" if idt == "US_SSN" else "ITIN", v, M("DATE_OF_BIRTH", df.dob("us")), rdate(2026, 2026, "us")))
    elif k == "US_BANK_ROUTING":
        L.append("%s   %d   WRIT of Garnishment issued to %s Bank, ABA routing no. %s, account ending %s" % (rdate(2025, 2026, "us"), n, R.choice(["Lakeshore", "First Prairie", "Bayou"]), M("US_BANK_ROUTING", core.aba()), rs(DIG, 4)))
    elif k == "CREDIT_CARD":
        L.append("%s   %d   DECLARATION of %s re: disputed charges on card %s (see Exh. 3)" % (rdate(2025, 2026, "us"), n, pl.name, M("CREDIT_CARD", core.card_fmt())))
    else:
        L.append("%s   %d   CERTIFICATE OF SERVICE by e-mail upon %s at %s" % (rdate(2025, 2026, "us"), n, df.name, M("EMAIL_ADDRESS", df.email())))
    L += ["", "PACER Service Center — Transaction Receipt  %s  Client Code: %s  Cost: 0.30" % (rdate(2026, 2026, "us"), rs(DIG, 6)),
          "SSN shown as XXX-XX-%s in the public copy." % rs(DIG, 4)]
    return "\n".join(L)

# 4 ---------------------------------------------------------------- MLS listing scrape
def mls_listing_html():
    ag = Person(R.choice(["us", "us", "ca", "au"]))
    ph = phone(PCC[ag.loc])
    mls = "%s%s" % (R.choice(["ML8", "A11", "C5", "N7"]), rs(DIG, 6))
    apn = "%s-%s-%s" % (rs(DIG, 3), rs(DIG, 3), rs(DIG, 3))
    em = ag.email(R.choice(["kwrealty.com", "compass-homes.com", "sothebys-re.net", "raywhite.au"]))
    L = ["<!doctype html><html><head><title>%d %s %s | MLS# %s</title>" % (R.randint(10, 9999), R.choice(["Larkspur", "Sycamore", "Bayview", "Ridgecrest"]), R.choice(["Ln", "Ave", "Ct"]), mls)]
    if want("GOOGLE_API_KEY", .35):
        L.append('<script async src="https://maps.googleapis.com/maps/api/js?key=%s&amp;callback=initMap"></script>' % M("GOOGLE_API_KEY", core.gkey()))
    L += ['<meta property="og:image" content="https://cdn.listingphotos.net/%s/1.jpg"></head><body>' % hexs(40),
          '<div class="facts"><span>Beds 4</span><span>Baths 2.5</span><span>APN %s</span><span>Year built %d</span></div>' % (apn, R.randint(1950, 2021)),
          '<p class="remarks">Sun-drenched remodel on a quiet cul-de-sac. Showings via ShowingTime only; lockbox code %s, gate code B20.</p>' % rs(DIG, 4),
          '<div class="agent-card"><h4>%s</h4><p>DRE #%s</p>' % (ag.name, rs(DIG, 8)),
          '<a href="tel:%s">%s</a>' % (M("PHONE_NUMBER", ph.replace(" ", "").replace("(", "").replace(")", "").replace(".", "-")), M("PHONE_NUMBER", ph)),
          '<a href="mailto:%s?subject=MLS%%20%s">%s</a></div>' % (M("EMAIL_ADDRESS", em), mls, M("EMAIL_ADDRESS", em))]
    k = pick("US_BANK_ROUTING", "PHONE_NUMBER", "EMAIL_ADDRESS", "IP_ADDRESS")
    if k == "US_BANK_ROUTING":
        L.append('<div class="private-remarks">Agent only: EMD wire to escrow %s Title, routing # %s, acct %s. Call to verify.</div>' % (R.choice(["Pacific", "Summit"]), M("US_BANK_ROUTING", core.aba()), rs(DIG, 10)))
    elif k == "IP_ADDRESS":
        L.append('<!-- rendered by web-%d for %s in %dms -->' % (R.randint(1, 40), M("IP_ADDRESS", core.ipv4()), R.randint(20, 400)))
    else:
        co = Person(ag.loc)
        L.append('<div class="co-agent">Co-listed with %s · %s · %s</div>' % (co.name, M("PHONE_NUMBER", phone(PCC[co.loc])), M("EMAIL_ADDRESS", co.email())))
    L += ['<footer>Listing ID %s · Data updated %s · <a href="mailto:%s">Report a problem</a> · Ray ID %s</footer></body></html>' % (uuid(), rdate(2026, 2026), I("EMAIL_ADDRESS", "feedback@mlslistings.example"), hexs(16))]
    return "\n".join(L)

# 5 ---------------------------------------------------------------- Matrix / Element room export
MX_LANG = [("tl", "Pwede mo bang i-send ulit? Ito yung {lab} ko: {v}"), ("sw", "Habari, hii ndiyo {lab} yangu: {v} asante"),
           ("ms", "Ini {lab} saya ya: {v}"), ("en", "ok here's my {lab}: {v}"), ("sk", "Posielam {lab}: {v}"),
           ("hr", "Evo moj {lab}: {v}"), ("lv", "Mans {lab} ir {v}"), ("eu", "Hona nire {lab}: {v}")]
def matrix_export():
    people = [Person() for _ in range(3)]
    room = "!%s:%s" % (rs(B62, 18), R.choice(["matrix.org", "chat.coop.social", "element.io"]))
    ev = []
    ts = R.randint(1760000000000, 1790000000000)
    for i in range(R.randint(3, 6)):
        p = R.choice(people)
        k = pick("IBAN", "CREDIT_CARD", "CRYPTO_WALLET", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_NINO", "IN_PAN", "IMEI", "MAC_ADDRESS")
        lang, tpl = R.choice(MX_LANG)
        if k == "IBAN": v, lab = M("IBAN", core.iban_fmt()), "IBAN"
        elif k == "CREDIT_CARD": v, lab = M("CREDIT_CARD", core.card_fmt()), "card"
        elif k == "CRYPTO_WALLET": v, lab = M("CRYPTO_WALLET", core.wallet()), "wallet"
        elif k == "PHONE_NUMBER": v, lab = M("PHONE_NUMBER", phone(PCC[p.loc])), "number"
        elif k == "EMAIL_ADDRESS": v, lab = M("EMAIL_ADDRESS", p.email()), "email"
        elif k == "UK_NINO": v, lab = M("UK_NINO", core.nino()), "NI number"
        elif k == "IN_PAN": v, lab = M("IN_PAN", core.pan()), "PAN"
        elif k == "IMEI": v, lab = M("IMEI", core.imei()), "IMEI"
        else: v, lab = M("MAC_ADDRESS", core.mac()), "MAC address"
        body = tpl.format(lab=lab, v=v)
        if R.random() < .3: body += " (tx %s)" % ("0x" + hexs(64))
        ev.append('    {"type": "m.room.message", "sender": "@%s:matrix.org", "origin_server_ts": %d, "event_id": "$%s", "content": {"msgtype": "m.text", "body": "%s"}}'
                  % (p.first.lower().replace(" ", ""), ts, rs(B62 + "_-", 43), body))
        ts += R.randint(5000, 900000)
    if R.random() < .4:
        ev.append('    {"type": "m.room.message", "sender": "@bot:matrix.org", "origin_server_ts": %d, "event_id": "$%s", "content": {"msgtype": "m.notice", "body": "Reminder: never post seed phrases. Broken address %s was rejected."}}' % (ts, rs(B62, 43), core.wallet_bad()))
    return '{\n  "room_name": "%s",\n  "room_id": "%s",\n  "export_date": "%s",\n  "messages": [\n%s\n  ]\n}' % (R.choice(["Flat share 🏠", "Kayak club", "Side-gig payouts", "Family"]), room, rdate(2026, 2026), ",\n".join(ev))

# 6 ---------------------------------------------------------------- meeting transcript (WebVTT)
def meeting_vtt():
    a, b = Person(R.choice(["us", "uk", "au", "ca", "in", "sg"])), Person()
    cues = []
    t = R.randint(0, 300)
    def cue(sp, txt):
        nonlocal t
        s = t; t += R.randint(3, 14)
        cues.append("%d\n%02d:%02d:%02d.%03d --> %02d:%02d:%02d.%03d\n<v %s>%s</v>" % (len(cues) + 1, s // 3600, s // 60 % 60, s % 60, R.randint(0, 999), t // 3600, t // 60 % 60, t % 60, R.randint(0, 999), sp, txt))
    cue(a.name, R.choice(["Okay, recording's on. This is the benefits enrolment call.", "Thanks for joining, let's confirm your details for payroll.", "Hi, this is the onboarding check-in."]))
    cue(b.name, "Sure, go ahead.")
    k = pick("US_SSN", "DATE_OF_BIRTH", "PHONE_NUMBER", "EMAIL_ADDRESS", "CA_SIN", "AU_TFN", "UK_NINO", "CREDIT_CARD", "IN_AADHAAR", "SG_NRIC", "US_BANK_ROUTING")
    if k == "DATE_OF_BIRTH":
        cue(a.name, "Can you confirm your date of birth?")
        cue(b.name, "Yeah it's " + M("DATE_OF_BIRTH", b.dob(R.choice(["mdy", "long"]))) + ".")
    elif k == "PHONE_NUMBER":
        cue(b.name, "Best number to reach me is " + M("PHONE_NUMBER", phone(PCC[b.loc])) + ", that's my mobile.")
    elif k == "EMAIL_ADDRESS":
        cue(b.name, "Send the forms to " + M("EMAIL_ADDRESS", b.email()) + " please.")
    elif k == "CREDIT_CARD":
        cue(b.name, "For the deposit, card number " + M("CREDIT_CARD", core.card_fmt(sep=" ")) + ", expiry oh-nine twenty-eight.")
    elif k == "US_BANK_ROUTING":
        cue(b.name, "Direct deposit: routing number " + M("US_BANK_ROUTING", core.aba()) + ", account " + rs(DIG, 10) + ".")
    else:
        lab = {"US_SSN": "social", "CA_SIN": "SIN", "AU_TFN": "tax file number", "UK_NINO": "National Insurance number", "IN_AADHAAR": "Aadhaar", "SG_NRIC": "NRIC"}[k]
        cue(a.name, "And I need your %s for the tax setup." % lab)
        cue(b.name, "It's " + M(k, natval(k, b)) + ".")
    if want("DATE_OF_BIRTH", .3) and k != "DATE_OF_BIRTH":
        cue(b.name, "Oh and my daughter's date of birth, for the dependent, is " + M("DATE_OF_BIRTH", fmt_date(R.randint(2008, 2022), R.randint(1, 12), R.randint(1, 28), "mdy")) + ".")
    cue(a.name, "Great. Your case number is %s, I'll email a summary. Meeting ID %s %s %s." % (order_no(), rs(DIG, 3), rs(DIG, 4), rs(DIG, 4)))
    return "WEBVTT\nKind: captions\nLanguage: en\n\n" + "\n\n".join(cues)

# 7 ---------------------------------------------------------------- CV / resume (JSON Resume, Europass XML)
def cv_resume():
    loc = R.choice(["es", "it", "pl", "br", "in", "sg", "nl", "uk", "us", "de", "fr", "au", "ca"])
    p = Person(loc)
    idt = {"es": "ES_NIF", "it": "IT_FISCAL_CODE", "pl": "PL_PESEL", "br": "BR_CPF", "in": "IN_PAN", "sg": "SG_NRIC"}.get(loc)
    em, ph = M("EMAIL_ADDRESS", p.email()), M("PHONE_NUMBER", phone(PCC[loc]))
    if R.random() < .5:
        basics = ['    "name": "%s"' % p.name, '    "label": "%s"' % R.choice(["Data Engineer", "Nurse Practitioner", "Logistics Coordinator", "UX Researcher"]),
                  '    "email": "%s"' % em, '    "phone": "%s"' % ph, '    "url": "https://%s.dev"' % core.rs(LO, 8)]
        if want("DATE_OF_BIRTH", .5): basics.append('    "birthDate": "%s"' % M("DATE_OF_BIRTH", p.dob("iso")))
        if idt and want(idt, .8): basics.append('    "nationalId": "%s"' % M(idt, natval(idt, p)))
        work = ',\n'.join('    {"name": "%s", "position": "%s", "startDate": "%s", "summary": "Ticket volume -%d%%; ref %s"}' % (R.choice(["Globex", "Initech", "Umbrella Logistics", "Hooli"]), R.choice(["Analyst", "Lead", "Intern"]), rdate(2015, 2023), R.randint(5, 60), uuid()) for _ in range(2))
        return '{\n  "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",\n  "basics": {\n%s\n  },\n  "work": [\n%s\n  ],\n  "meta": {"version": "v1.0.0", "lastModified": "%sT10:00:00"}\n}' % (",\n".join(basics), work, rdate(2026, 2026))
    L = ['<?xml version="1.0" encoding="UTF-8"?>', '<SkillsPassport xmlns="http://europass.cedefop.europa.eu/Europass" locale="%s">' % loc, '<LearnerInfo><Identification>',
         '<PersonName><FirstName>%s</FirstName><Surname>%s</Surname></PersonName>' % (p.first, p.last),
         '<ContactInfo><Email><Contact>%s</Contact></Email><TelephoneList><Telephone><Contact>%s</Contact><Use><Code>mobile</Code></Use></Telephone></TelephoneList></ContactInfo>' % (em, ph)]
    if want("DATE_OF_BIRTH", .6):
        L.append('<Demographics><Birthdate year="%d" month="--%02d" day="---%02d"/><Gender><Code>%s</Code></Gender></Demographics>' % (p.y, p.m, p.d, "F" if p.female else "M"))
        L.append('<!-- exported birthdate: %s -->' % M("DATE_OF_BIRTH", p.dob("iso")))
    if idt and want(idt, .8):
        L.append('<Identifier scheme="%s">%s</Identifier>' % (idt.split("_", 1)[1].lower(), M(idt, natval(idt, p))))
    L += ['</Identification></LearnerInfo>', '<DocumentInfo><CreationDate>%sT08:00:00Z</CreationDate><XSDVersion>V3.3</XSDVersion></DocumentInfo></SkillsPassport>' % rdate(2025, 2026)]
    return "\n".join(L)

# 8 ---------------------------------------------------------------- consular / residence form in many scripts
FORM_LANG = {
    "ka": ("საკონსულო რეგისტრაციის ფორმა", "სახელი, გვარი", "დაბადების თარიღი", "ტელეფონი", "ელ-ფოსტა", "პირადი ნომერი (%s)", "+995 5%s %s %s"),
    "am": ("የቆንስላ ምዝገባ ቅጽ", "ሙሉ ስም", "የትውልድ ቀን", "ስልክ", "ኢሜይል", "የመታወቂያ ቁጥር (%s)", "+251 9%s %s %s"),
    "si": ("කොන්සල් ලියාපදිංචි පෝරමය", "නම", "උපන් දිනය", "දුරකථන", "විද්‍යුත් තැපෑල", "හැඳුනුම් අංකය (%s)", "+94 7%s %s %s"),
    "ta": ("தூதரக பதிவு படிவம்", "பெயர்", "பிறந்த தேதி", "தொலைபேசி", "மின்னஞ்சல்", "அடையாள எண் (%s)", "+94 7%s %s %s"),
    "ne": ("वाणिज्य दूतावास दर्ता फारम", "नाम", "जन्म मिति", "फोन", "इमेल", "परिचय नम्बर (%s)", "+977 98%s %s %s"),
    "uz": ("Konsullik roʻyxatga olish shakli", "F.I.Sh.", "Tugʻilgan sana", "Telefon", "E-pochta", "Identifikatsiya raqami (%s)", "+998 9%s %s %s"),
    "az": ("Konsulluq qeydiyyat forması", "Ad, soyad", "Doğum tarixi", "Telefon", "E-poçt", "Şəxsiyyət nömrəsi (%s)", "+994 5%s %s %s"),
    "sl": ("Obrazec za konzularno registracijo", "Ime in priimek", "Datum rojstva", "Telefon", "E-pošta", "Identifikacijska številka (%s)", "+386 4%s %s %s"),
    "gl": ("Formulario de rexistro consular", "Nome e apelidos", "Data de nacemento", "Teléfono", "Correo electrónico", "Número de identificación (%s)", "+351 9%s %s %s"),
    "mt": ("Formola ta' reġistrazzjoni konsulari", "Isem u kunjom", "Data tat-twelid", "Telefon", "Posta elettronika", "Numru tal-identità (%s)", "+356 79%s %s %s"),
    "ga": ("Foirm chlárúcháin chonsalachta", "Ainm", "Dáta breithe", "Fón", "Ríomhphost", "Uimhir aitheantais (%s)", "+353 8%s %s %s"),
    "fa": ("فرم ثبت کنسولی", "نام و نام خانوادگی", "تاریخ تولد", "تلفن", "ایمیل", "شماره شناسایی (%s)", "+98 91%s %s %s"),
    "ur": ("قونصلر رجسٹریشن فارم", "نام", "تاریخ پیدائش", "فون", "ای میل", "شناختی نمبر (%s)", "+92 30%s %s %s"),
    "sw": ("Fomu ya usajili wa ubalozi", "Jina kamili", "Tarehe ya kuzaliwa", "Simu", "Barua pepe", "Nambari ya utambulisho (%s)", "+254 7%s %s %s"),
    "tl": ("Porma ng pagpaparehistro sa konsulado", "Pangalan", "Petsa ng kapanganakan", "Telepono", "Email", "Numero ng pagkakakilanlan (%s)", "+63 9%s %s %s"),
    "lb": ("Konsulaarsch Umeldungsformular", "Numm", "Gebuertsdatum", "Telefon", "E-Mail", "Identifikatiounsnummer (%s)", "+352 6%s %s %s"),
}
def consular_form():
    lang = R.choice(list(FORM_LANG))
    title, ln, lb, lt, le, li, home = FORM_LANG[lang]
    t = pick(*NAT)
    dest = NAT_LOC[t]
    p = Person(dest if R.random() < .4 else None)
    hp = home % (rs(DIG, 2), rs(DIG, 3), rs(DIG, 3))
    rows = [(ln, p.name), (lb, M("DATE_OF_BIRTH", p.dob(R.choice(["iso", "dot", "eu", "long"]))))]
    rows.append((li % NAT_LABEL[t], M(t, natval(t, p))))
    if R.random() < .45:
        t2 = pick(*[x for x in NAT if x != t and NAT_LOC[x] == dest] or [x for x in NAT if x != t])
        rows.append((li % NAT_LABEL[t2] + " — spouse/child", M(t2, natval(t2, Person(NAT_LOC[t2])))))
    if R.random() < .35:
        bt = R.choice(["BR_CPF", "PL_PESEL", "ES_NIF", "NL_BSN", "SG_NRIC", "IN_AADHAAR", "CA_SIN", "AU_TFN"])
        rows.append(("(OCR %s ✗)" % NAT_LABEL[bt], natbad(bt)))
    rows.append((lt + " (home)", I("PHONE_NUMBER", hp)))
    rows.append((lt + " (%s)" % dest.upper(), M("PHONE_NUMBER", phone(PCC[dest]))))
    rows.append((le, M("EMAIL_ADDRESS", p.email())))
    if want("IBAN", .25) and t != "US_PASSPORT":
        rows.append(("IBAN", M("IBAN", core.iban_fmt())))
    if want("US_PASSPORT", .15) and t != "US_PASSPORT":
        rows.append(("U.S. passport (spouse)", M("US_PASSPORT", core.passport_us())))
    ref = "%s/%s/%s" % (lang.upper(), rdate(2026, 2026, "compact"), rs(DIG, 5))
    style = R.random()
    if style < .4:
        body = "\n".join("| %s | %s |" % r for r in [("—", "—")] + rows)
        body = "| Field | Value |\n|---|---|\n" + "\n".join("| %s | %s |" % r for r in rows)
    elif style < .7:
        body = "\n".join("%s ........ %s" % r for r in rows)
    else:
        body = "\n".join("%s: %s" % r for r in rows)
    return "%s\nRef. %s\n\n%s\n\n%s %s" % (title, ref, body, rdate(2026, 2026, "dot"), "✍")

# 9 ---------------------------------------------------------------- POS electronic journal
def pos_journal():
    store = R.choice(["FRESHWAY #0412", "CITY HARDWARE 77", "BLUE PEAK OUTFITTERS", "NIGHTOWL PHARMACY 15"])
    L = ["*** ELECTRONIC JOURNAL ***  %s  TID %s  MID %s" % (store, rs(DIG, 8), core.nonluhn(15, "8")), "Store tel " + M("PHONE_NUMBER", phone(R.choice(["us", "uk", "au", "ca"]))), ""]
    full_done = False
    for _ in range(R.randint(3, 6)):
        ts = "%s %02d:%02d:%02d" % (rdate(2026, 2026, "us"), R.randint(7, 22), R.randint(0, 59), R.randint(0, 59))
        amt = "%d.%02d" % (R.randint(1, 400), R.randint(0, 99))
        c = core.card_raw()
        if not full_done and R.random() < .5:
            L.append("%s SALE  %s  KEYED FALLBACK  PAN %s  AUTH %s  RRN %s" % (ts, amt, M("CREDIT_CARD", core.card_fmt(c, R.choice(["", " "]))), rs(UP + DIG, 6), rs(DIG, 12)))
            full_done = True
        else:
            L.append("%s SALE  %s  %s  ************%s  AUTH %s  RRN %s" % (ts, amt, R.choice(["CHIP", "CTLS", "SWIPE"]), c[-4:], rs(UP + DIG, 6), rs(DIG, 12)))
    if not full_done:
        L.append("VOID  manual entry %s (LUHN FAIL - re-key)" % core.card_bad())
        L.append("re-keyed PAN " + M("CREDIT_CARD", core.card_fmt()))
    L += ["BATCH %s CLOSED  items %d  total %d.%02d" % (rs(DIG, 6), R.randint(3, 50), R.randint(100, 9000), R.randint(0, 99)),
          "Loyalty lookup by phone: " + M("PHONE_NUMBER", phone("us")) if want("PHONE_NUMBER", .4) else "Loyalty card %s" % core.nonluhn(16, "7")]
    if want("IP_ADDRESS", .3):
        L.append("host upload %s -> %s OK" % (I("IP_ADDRESS", core.ipv4_private()), M("IP_ADDRESS", core.ipv4())))
    return "\n".join(L)

# 10 ---------------------------------------------------------------- iCalendar + vCard export
def ical_vcard():
    p = Person()
    if R.random() < .5:
        L = ["BEGIN:VCARD", "VERSION:%s" % R.choice(["3.0", "4.0"]), "FN:%s" % p.name, "N:%s;%s;;;" % (p.last, p.first),
             "EMAIL;TYPE=INTERNET,HOME:" + M("EMAIL_ADDRESS", p.email()), "TEL;TYPE=CELL:" + M("PHONE_NUMBER", phone(PCC[p.loc]))]
        if want("DATE_OF_BIRTH", .8):
            L.append("BDAY:" + M("DATE_OF_BIRTH", R.choice([p.dob("iso"), p.dob("compact")])))
        k = pick("IBAN", "US_SSN", "PHONE_NUMBER", "CRYPTO_WALLET", "UK_NHS")
        if k == "IBAN": L.append("NOTE:Rent split – IBAN " + M("IBAN", core.iban_fmt()))
        elif k == "US_SSN": L.append("NOTE:for the W-9 – SSN " + M("US_SSN", core.ssn()))
        elif k == "UK_NHS": L.append("NOTE:Mum's NHS no " + M("UK_NHS", natval("UK_NHS", p)))
        elif k == "CRYPTO_WALLET": L.append("X-CRYPTO-ADDRESS:" + M("CRYPTO_WALLET", core.wallet()))
        else: L.append("TEL;TYPE=WORK:" + M("PHONE_NUMBER", phone()))
        L += ["UID:urn:uuid:" + uuid(), "REV:%sT%02d%02d00Z" % (rdate(2025, 2026, "compact"), R.randint(0, 23), R.randint(0, 59)), "END:VCARD"]
        return "\r\n".join(L)
    org = Person()
    L = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "BEGIN:VEVENT",
         "DTSTART:%sT%02d0000Z" % (rdate(2026, 2026, "compact"), R.randint(8, 18)), "DTSTAMP:%sT120000Z" % rdate(2026, 2026, "compact"),
         "ORGANIZER;CN=%s:mailto:%s" % (org.name, M("EMAIL_ADDRESS", org.email())),
         "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=%s:mailto:%s" % (p.name, M("EMAIL_ADDRESS", p.email())),
         "UID:%s" % I("EMAIL_ADDRESS", rs(LO + DIG, 26) + "@google.com")]
    dial = phone(R.choice(["us", "uk", "de", "au", "sg"]))
    desc = "Join by phone\\n%s PIN: %s#\\nMeeting ID: %s %s %s\\nPasscode: %s" % (M("PHONE_NUMBER", dial), rs(DIG, 9), rs(DIG, 3), rs(DIG, 3), rs(DIG, 4), rs(DIG, 6))
    if want("DATE_OF_BIRTH", .3):
        desc += "\\nPatient DOB " + M("DATE_OF_BIRTH", p.dob("us")) + " – bring insurance card"
    L += ["DESCRIPTION:" + desc, "SUMMARY:%s" % R.choice(["Intake call", "Tenant viewing", "Quarterly review"]), "END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(L)

# 11 ---------------------------------------------------------------- schema.org JSON-LD contact page scrape
def jsonld_contact():
    p = Person(R.choice(["us", "uk", "de", "fr", "nl", "au", "jp", "cn", "br", "sg", "in", "es"]))
    em, ph = p.email(R.choice(["studio-" + p.last.lower().replace(" ", "").replace("'", "") + ".com", None]) or None), phone(PCC[p.loc])
    ld = {"@context": "https://schema.org", "@type": "Person", "name": p.name, "jobTitle": R.choice(["Osteopath", "Notary", "Wedding photographer", "Tax adviser"]),
          "email": "\x00E", "telephone": "\x00P", "url": "https://www.example-practice.net/"}
    js = json.dumps(ld, ensure_ascii=False, indent=1).replace('"\\u0000E"', '"mailto:%s"' % M("EMAIL_ADDRESS", em)).replace('"\\u0000P"', '"%s"' % M("PHONE_NUMBER", ph))
    L = ['<html lang="%s"><head><script type="application/ld+json">' % p.loc, js, '</script>',
         '<script async src="https://www.googletagmanager.com/gtag/js?id=G-%s"></script></head><body>' % rs(UP + DIG, 10),
         '<nav>Home · About · Contact</nav><section id="contact"><h2>Contact</h2>',
         '<p>%s<br>Tel. <a href="tel:%s">%s</a><br>' % (p.name, M("PHONE_NUMBER", ph.replace(" ", "")), M("PHONE_NUMBER", ph)),
         'E-mail: <a href="mailto:%s">%s</a></p>' % (M("EMAIL_ADDRESS", em), M("EMAIL_ADDRESS", em))]
    k = pick("PHONE_NUMBER", "EMAIL_ADDRESS", "GOOGLE_API_KEY", "IBAN", "IP_ADDRESS")
    if k == "GOOGLE_API_KEY":
        L.append('<iframe src="https://www.google.com/maps/embed/v1/place?key=%s&q=%s"></iframe>' % (M("GOOGLE_API_KEY", core.gkey()), p.last))
    elif k == "IBAN":
        L.append('<p class="payment">Bankverbindung / Bank details: %s · BIC %s</p>' % (M("IBAN", core.iban_fmt()), rs(UP, 6) + "2X"))
    elif k == "IP_ADDRESS":
        L.append('<!-- cache MISS from %s via varnish -->' % M("IP_ADDRESS", core.ipv4()))
    else:
        q = Person(p.loc)
        L.append('<p>Assistant: %s, %s, <a href="mailto:%s">%s</a></p>' % (q.name, M("PHONE_NUMBER", phone(PCC[q.loc])), M("EMAIL_ADDRESS", q.email()), "write to " + q.first))
    L += ['<footer>© 2026 · <img src="/img/logo@2x.png"> · Impressum · USt-IdNr. DE%s · Spam trap: <span>%s</span></footer></body></html>' % (rs(DIG, 9), I("EMAIL_ADDRESS", "info&#64;" + p.last.lower().replace(" ", "") + "-practice.de"))]
    return "\n".join(L)

FAMILIES = {"loyalty_statement": loyalty_statement, "telecom_cdr": telecom_cdr, "court_docket": court_docket, "mls_listing_html": mls_listing_html,
            "matrix_room_export": matrix_export, "meeting_vtt": meeting_vtt, "cv_resume": cv_resume, "consular_form_i18n": consular_form,
            "pos_journal": pos_journal, "ical_vcard": ical_vcard, "jsonld_contact_page": jsonld_contact}
