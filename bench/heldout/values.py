"""Value generators with self-implemented checksum schemes (Python 3 stdlib only).

Every generator takes a random.Random so the held-out set is deterministic.
`bad_*` helpers return look-alikes that FAIL the scheme (hard negatives).
"""
import base64
import binascii
import hashlib
import json
import string

DIG = string.digits
UP = string.ascii_uppercase
LO = string.ascii_lowercase
ALNUM = DIG + UP + LO
B62 = DIG + UP + LO  # GitHub/npm checksum alphabet 0-9A-Za-z
URLSAFE = ALNUM + "-_"


def rs(r, alphabet, n):
    return "".join(r.choice(alphabet) for _ in range(n))


def digits(r, n, first=DIG):
    return r.choice(first) + rs(r, DIG, n - 1)


# ----------------------------------------------------------------- Luhn family
def luhn_ok(s):
    ds = [int(c) for c in s if c.isdigit()]
    tot = 0
    for i, d in enumerate(reversed(ds)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return tot % 10 == 0


def luhn_complete(prefix):
    for c in DIG:
        if luhn_ok(prefix + c):
            return prefix + c
    raise AssertionError


def luhn_break(num):
    for k in (3, 1, 7, 5):
        w = num[:-1] + str((int(num[-1]) + k) % 10)
        if not luhn_ok(w):
            return w


CARD_ISSUERS = {
    "visa": (["4"], [16, 16, 16, 13, 19]),
    "mastercard": (["51", "52", "53", "54", "55", "2221", "2300", "2500", "2720", "2680"], [16]),
    "amex": (["34", "37"], [15]),
    "discover": (["6011", "65", "644", "649", "6221"], [16, 19]),
    "jcb": (["3528", "3530", "3566", "3589"], [16]),
    "diners": (["36", "300", "305", "38"], [14]),
    "unionpay": (["62", "6212", "6250"], [16, 17, 18, 19]),
}


def card_number(r, issuer=None):
    issuer = issuer or r.choice(list(CARD_ISSUERS))
    pfx, lens = CARD_ISSUERS[issuer]
    p = r.choice(pfx)
    n = r.choice(lens)
    while True:
        num = luhn_complete(p + rs(r, DIG, n - len(p) - 1))
        if num not in ("4242424242424242", "4111111111111111", "5555555555554444"):
            return issuer, num


def fmt_card(r, issuer, num, style=None):
    style = style or r.choice(["bare", "space", "dash", "space", "dash"])
    if style == "bare" or len(num) in (13, 17, 18):
        return num
    sep = " " if style == "space" else "-"
    if issuer == "amex" and len(num) == 15:
        groups = [num[:4], num[4:10], num[10:]]
    elif issuer == "diners" and len(num) == 14:
        groups = [num[:4], num[4:10], num[10:]]
    else:
        groups = [num[i:i + 4] for i in range(0, 16, 4)] + ([num[16:]] if len(num) > 16 else [])
    return sep.join(groups)


# ----------------------------------------------------------------- IBAN
def _num(s):
    return "".join(str(int(c, 36)) for c in s)


def iban_check(cc, bban):
    return "%02d" % (98 - int(_num(bban + cc + "00")) % 97)


def iban_ok(iban):
    s = iban.replace(" ", "")
    return int(_num(s[4:] + s[:4])) % 97 == 1


CF_ODD = {}
for _i, _v in enumerate([1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]):
    CF_ODD[UP[_i]] = _v
    if _i < 10:
        CF_ODD[DIG[_i]] = _v


def cf_even(c):
    return int(c) if c.isdigit() else UP.index(c)


def cf_check(s15):
    tot = 0
    for i, c in enumerate(s15):
        tot += CF_ODD[c] if i % 2 == 0 else cf_even(c)
    return UP[tot % 26]


def es_dc(ten):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    d = 11 - sum(int(a) * b for a, b in zip(ten, w)) % 11
    return {11: 0, 10: 1}.get(d, d)


def bban(r, cc):
    if cc == "DE":
        return digits(r, 8, "123456789") + rs(r, DIG, 10)
    if cc in ("GB", "IE"):
        bank = r.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "AIBK", "BOFI", "MONZ"])
        return bank + rs(r, DIG, 14)
    if cc == "FR":
        b, g, a = rs(r, DIG, 5), rs(r, DIG, 5), rs(r, DIG, 11)
        key = 97 - (89 * int(b) + 15 * int(g) + 3 * int(a)) % 97
        return b + g + a + "%02d" % key
    if cc == "ES":
        b, g, a = rs(r, DIG, 4), rs(r, DIG, 4), rs(r, DIG, 10)
        return b + g + str(es_dc("00" + b + g)) + str(es_dc(a)) + a
    if cc == "IT":
        abi, cab, acc = rs(r, DIG, 5), rs(r, DIG, 5), rs(r, DIG, 12)
        return cf_check(abi + cab + acc) + abi + cab + acc
    if cc == "NL":
        bank = r.choice(["ABNA", "INGB", "RABO", "TRIO", "SNSB", "KNAB"])
        while True:
            a = rs(r, DIG, 10)
            if a[0] != "0" and sum(int(c) * (10 - i) for i, c in enumerate(a)) % 11 == 0:
                return bank + a
    if cc == "BE":
        f = rs(r, DIG, 10)
        c = int(f) % 97 or 97
        return f + "%02d" % c
    if cc == "CH":
        return rs(r, DIG, 17)
    if cc == "AT":
        return rs(r, DIG, 16)
    if cc == "PL":
        return rs(r, DIG, 24)
    if cc == "PT":
        b = rs(r, DIG, 19)
        return b + "%02d" % (98 - (int(b) * 100) % 97)
    if cc == "SE":
        return rs(r, DIG, 20)
    if cc == "NO":
        while True:
            b = rs(r, DIG, 10)
            s = sum(int(c) * w for c, w in zip(b, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]))
            k = 11 - s % 11
            if k == 11:
                k = 0
            if k != 10:
                return b + str(k)
    raise ValueError(cc)


IBAN_CCS = ["DE", "GB", "FR", "ES", "IT", "NL", "BE", "CH", "AT", "PL", "IE", "PT", "SE", "NO"]


def iban(r, cc=None):
    cc = cc or r.choice(IBAN_CCS)
    b = bban(r, cc)
    v = cc + iban_check(cc, b) + b
    assert iban_ok(v)
    return v


def iban_bad(r, cc=None):
    v = iban(r, cc)
    ck = int(v[2:4])
    for k in (7, 13, 29, 41):
        w = v[:2] + "%02d" % ((ck - 2 + k) % 97 + 2) + v[4:]
        if not iban_ok(w):
            return w


def fmt_iban(r, v, style=None):
    style = style or r.choice(["bare", "space", "space"])
    if style == "bare":
        return v
    return " ".join(v[i:i + 4] for i in range(0, len(v), 4))


# ----------------------------------------------------------------- US numbers
def aba(r):
    while True:
        p = r.choice(["0" + str(r.randint(1, 9)), str(r.randint(10, 12)), str(r.randint(21, 32)),
                      str(r.randint(61, 72)), "80"])
        body = p + rs(r, DIG, 6)
        d = [int(c) for c in body]
        for c in range(10):
            dd = d + [c]
            if (3 * (dd[0] + dd[3] + dd[6]) + 7 * (dd[1] + dd[4] + dd[7]) + (dd[2] + dd[5] + dd[8])) % 10 == 0:
                return body + str(c)


def ssn(r, sep=None):
    while True:
        a = r.randint(1, 899)
        if a != 666:
            break
    g, s = r.randint(1, 99), r.randint(1, 9999)
    sep = r.choice(["-", "-", " ", ""]) if sep is None else sep
    v = "%03d%s%02d%s%04d" % (a, sep, g, sep, s)
    if v.replace(sep, "") in ("123456789", "078051120"):
        return ssn(r, sep)
    return v


def ssn_bad(r):
    return r.choice(["000-%02d-%04d" % (r.randint(1, 99), r.randint(1, 9999)),
                     "666-%02d-%04d" % (r.randint(1, 99), r.randint(1, 9999)),
                     "%03d-00-%04d" % (r.randint(1, 899), r.randint(1, 9999)),
                     "9%02d-%02d-%04d" % (r.randint(0, 99), r.choice([10, 20, 30, 40, 93]), r.randint(1, 9999))])


def itin(r):
    g = r.choice(list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100)))
    return "9%02d-%02d-%04d" % (r.randint(0, 99), g, r.randint(1, 9999))


def passport_us(r):
    return r.choice([digits(r, 9, "123456789"), r.choice("ACEFGHJKLMNPRSTUVWXYZ") + rs(r, DIG, 8)])


def npi(r):
    while True:
        body = r.choice("12") + rs(r, DIG, 8)
        full = luhn_complete("80840" + body)
        v = body + full[-1]
        if v != "1234567893":
            return v


def dea(r, surname="S"):
    first = r.choice("ABFGMPR")
    d = [r.randint(0, 9) for _ in range(6)]
    c = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return first + surname[0].upper() + "".join(map(str, d)) + str(c)


def dea_bad(r, surname="S"):
    v = dea(r, surname)
    return v[:-1] + str((int(v[-1]) + 3) % 10)


MBI_A = "ACDEFGHJKMNPQRTUVWXY"


def mbi(r, dashed=None):
    an = MBI_A + DIG
    v = (r.choice("123456789") + r.choice(MBI_A) + r.choice(an) + r.choice(DIG) + r.choice(MBI_A) + r.choice(an)
         + r.choice(DIG) + r.choice(MBI_A) + r.choice(MBI_A) + r.choice(DIG) + r.choice(DIG))
    if v == "1EG4TE5MK73":
        return mbi(r, dashed)
    if dashed if dashed is not None else r.random() < 0.4:
        return v[:4] + "-" + v[4:7] + "-" + v[7:]
    return v


ICD10 = [("E11.9", "Type 2 diabetes mellitus without complications"), ("I10", "Essential (primary) hypertension"),
         ("J44.1", "COPD with acute exacerbation"), ("N18.30", "Chronic kidney disease, stage 3 unspecified"),
         ("S72.001A", "Fracture of unspecified part of neck of right femur, initial encounter"),
         ("F32.A", "Depression, unspecified"), ("M54.50", "Low back pain, unspecified"),
         ("I48.91", "Unspecified atrial fibrillation"), ("J18.9", "Pneumonia, unspecified organism"),
         ("E78.5", "Hyperlipidemia, unspecified"), ("K21.9", "Gastro-esophageal reflux disease without esophagitis"),
         ("Z79.4", "Long term (current) use of insulin"), ("R07.9", "Chest pain, unspecified"),
         ("I25.10", "Atherosclerotic heart disease of native coronary artery"), ("G43.909", "Migraine, unspecified"),
         ("C50.911", "Malignant neoplasm of unspecified site of right female breast"), ("U07.1", "COVID-19"),
         ("O24.419", "Gestational diabetes mellitus in pregnancy"), ("T78.40XA", "Allergy, unspecified, initial encounter"),
         ("A41.9", "Sepsis, unspecified organism"), ("N39.0", "Urinary tract infection, site not specified")]


def icd(r):
    return r.choice(ICD10)


def mrn(r):
    return r.choice([digits(r, r.randint(6, 10), "123456789"), rs(r, UP, r.randint(1, 3)) + rs(r, DIG, r.randint(6, 8)),
                     "MRN" + rs(r, DIG, 7), digits(r, 8)])


# ----------------------------------------------------------------- UK / CA / IN / EU / APAC IDs
NINO_FIRST = [c for c in UP if c not in "DFIQUV"]
NINO_SECOND = [c for c in UP if c not in "DFIQUVO"]


def nino(r, spaced=None):
    while True:
        p = r.choice(NINO_FIRST) + r.choice(NINO_SECOND)
        if p not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            break
    d = rs(r, DIG, 6)
    s = r.choice("ABCD")
    if (p + d + s) == "QQ123456C":
        return nino(r, spaced)
    if spaced if spaced is not None else r.random() < 0.5:
        return "%s %s %s %s %s" % (p, d[:2], d[2:4], d[4:], s)
    return p + d + s


def nhs(r, style=None):
    while True:
        b = rs(r, DIG, 9)
        s = sum(int(c) * (10 - i) for i, c in enumerate(b))
        ck = 11 - s % 11
        if ck == 11:
            ck = 0
        if ck != 10:
            v = b + str(ck)
            if v != "9434765919":
                break
    style = style or r.choice(["space", "bare", "dash"])
    if style == "bare":
        return v
    sep = " " if style == "space" else "-"
    return v[:3] + sep + v[3:6] + sep + v[6:]


def nhs_bad(r):
    while True:
        b = rs(r, DIG, 9)
        s = sum(int(c) * (10 - i) for i, c in enumerate(b))
        ck = 11 - s % 11
        ck = 0 if ck == 11 else ck
        if ck != 10:
            v = b + str((ck + 4) % 10)
            return v[:3] + " " + v[3:6] + " " + v[6:]


def sin(r, sep=None):
    while True:
        v = luhn_complete(r.choice("12345679") + rs(r, DIG, 7))
        if v not in ("046454286", "123456782"):
            break
    sep = r.choice([" ", "-", ""]) if sep is None else sep
    return v[:3] + sep + v[3:6] + sep + v[6:]


def sin_bad(r):
    v = sin(r, "")
    v = luhn_break(v)
    return v[:3] + " " + v[3:6] + " " + v[6:]


VD = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
      [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
      [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
      [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
VP = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
      [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
      [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]
VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def verhoeff_ok(s):
    c = 0
    for i, ch in enumerate(reversed(s)):
        c = VD[c][VP[i % 8][int(ch)]]
    return c == 0


def verhoeff_gen(s):
    c = 0
    for i, ch in enumerate(reversed(s)):
        c = VD[c][VP[(i + 1) % 8][int(ch)]]
    return s + str(VINV[c])


def aadhaar(r, sep=None):
    v = verhoeff_gen(r.choice("23456789") + rs(r, DIG, 10))
    assert verhoeff_ok(v)
    sep = r.choice([" ", " ", "-", ""]) if sep is None else sep
    return v[:4] + sep + v[4:8] + sep + v[8:]


def aadhaar_bad(r):
    v = aadhaar(r, "")
    for k in range(1, 10):
        w = v[:-1] + str((int(v[-1]) + k) % 10)
        if not verhoeff_ok(w):
            return w[:4] + " " + w[4:8] + " " + w[8:]


def pan(r):
    return rs(r, UP, 3) + r.choice("PCHFATBLJG") + rs(r, UP, 1) + rs(r, DIG, 4) + rs(r, UP, 1)


NIF_L = "TRWAGMYFPDXBNJZSQVHLCKE"


def nif(r):
    if r.random() < 0.6:
        n = rs(r, DIG, 8)
        return n + NIF_L[int(n) % 23]
    p = r.choice("XYZ")
    n = rs(r, DIG, 7)
    return p + n + NIF_L[int(str("XYZ".index(p)) + n) % 23]


def nif_bad(r):
    v = nif(r)
    i = NIF_L.index(v[-1])
    return v[:-1] + NIF_L[(i + 5) % 23]


CF_MONTH = "ABCDEHLMPRST"
BELFIORE = ["H501", "F205", "L219", "A662", "G273", "D612", "F839", "C351", "L736", "E506"]


def fiscal_code(r):
    body = rs(r, "BCDFGHLMNPRSTVZ", 3) + rs(r, "BCDFGHLMNPRSTVZAEIO", 3) + "%02d" % r.randint(40, 99) + \
        r.choice(CF_MONTH) + "%02d" % (r.randint(1, 28) + r.choice([0, 40])) + r.choice(BELFIORE)
    v = body + cf_check(body)
    if v == "RSSMRA85T10A562S":
        return fiscal_code(r)
    return v


def fiscal_code_bad(r):
    v = fiscal_code(r)
    return v[:-1] + UP[(UP.index(v[-1]) + 7) % 26]


def bsn(r):
    while True:
        b = digits(r, 8, "123456789")
        for c in DIG:
            v = b + c
            if (sum(int(x) * w for x, w in zip(v[:8], range(9, 1, -1))) - int(v[8])) % 11 == 0:
                return v


def bsn_bad(r):
    v = bsn(r)
    return v[:-1] + str((int(v[-1]) + 1) % 10) if v[-1] != "9" else v[:-1] + "3"


def cpf(r, fmt=None):
    while True:
        d = [r.randint(0, 9) for _ in range(9)]
        if len(set(d)) > 1:
            break
    s = sum(x * w for x, w in zip(d, range(10, 1, -1)))
    d.append(s * 10 % 11 % 10)
    s = sum(x * w for x, w in zip(d, range(11, 1, -1)))
    d.append(s * 10 % 11 % 10)
    v = "".join(map(str, d))
    fmt = fmt if fmt is not None else r.random() < 0.7
    return "%s.%s.%s-%s" % (v[:3], v[3:6], v[6:9], v[9:]) if fmt else v


def cpf_bad(r):
    v = cpf(r, True)
    return v[:-1] + str((int(v[-1]) + 3) % 10)


def pesel(r, year=None, month=None, day=None):
    y = year or r.randint(1940, 2010)
    m = month or r.randint(1, 12)
    dd = day or r.randint(1, 28)
    mm = m + (20 if y >= 2000 else 0)
    b = "%02d%02d%02d" % (y % 100, mm, dd) + rs(r, DIG, 4)
    s = sum(int(c) * w for c, w in zip(b, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]))
    return b + str((10 - s % 10) % 10)


def pesel_bad(r):
    v = pesel(r)
    return v[:-1] + str((int(v[-1]) + 4) % 10)


def nric(r):
    p = r.choice("STFGM")
    d = rs(r, DIG, 7)
    s = sum(int(c) * w for c, w in zip(d, [2, 7, 6, 5, 4, 3, 2]))
    s += 4 if p in "TG" else 3 if p == "M" else 0
    tab = "JZIHGFEDCBA" if p in "ST" else "XWUTRQPNMLK" if p in "FG" else "XWUTRQPNJLK"
    return p + d + tab[s % 11]


def nric_bad(r):
    v = nric(r)
    tab = "JZIHGFEDCBA" if v[0] in "ST" else "XWUTRQPNMLK" if v[0] in "FG" else "XWUTRQPNJLK"
    return v[:-1] + tab[(tab.index(v[-1]) + 3) % 11]


def tfn(r, sep=None):
    w = [1, 4, 3, 7, 5, 8, 6, 9, 10]
    while True:
        v = digits(r, 9, "123456789")
        if sum(int(c) * x for c, x in zip(v, w)) % 11 == 0 and v not in ("123456782",):
            break
    sep = r.choice([" ", " ", "-", ""]) if sep is None else sep
    return v[:3] + sep + v[3:6] + sep + v[6:]


def tfn_bad(r):
    w = [1, 4, 3, 7, 5, 8, 6, 9, 10]
    while True:
        v = digits(r, 9, "123456789")
        if sum(int(c) * x for c, x in zip(v, w)) % 11 != 0:
            return v[:3] + " " + v[3:6] + " " + v[6:]


def imei(r, style=None):
    v = luhn_complete(r.choice(["35", "86", "01", "99", "35"]) + rs(r, DIG, 12))
    style = style or r.choice(["bare", "bare", "grouped", "slash"])
    if style == "grouped":
        return "%s-%s-%s-%s" % (v[:2], v[2:8], v[8:14], v[14])
    if style == "slash":
        return "%s %s %s %s" % (v[:2], v[2:8], v[8:14], v[14])
    return v


# ----------------------------------------------------------------- network
def ipv4(r):
    while True:
        a = r.randint(1, 223)
        if a in (10, 127, 0, 100, 169, 172, 192, 198, 203):
            continue
        return "%d.%d.%d.%d" % (a, r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))


def ipv4_private(r):
    return r.choice(["10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)),
                     "192.168.%d.%d" % (r.randint(0, 255), r.randint(1, 254)),
                     "172.%d.%d.%d" % (r.randint(16, 31), r.randint(0, 255), r.randint(1, 254)),
                     "127.0.0.1", "203.0.113.%d" % r.randint(1, 254), "198.51.100.%d" % r.randint(1, 254)])


def ipv6(r):
    # real RIR allocations only (2001::/16 minus 2001:db8, 2003, 2400::/12, 2600::/10-ish, 2800::/12, 2a00::/11, 2c00::/12)
    first = r.choice(["2001", "2003", "24%02x" % r.randint(0, 15), "26%02x" % r.randint(0, 63), "28%02x" % r.randint(0, 15),
                      "2a%02x" % r.randint(0, 31), "2c0%x" % r.randint(0, 15)])
    groups = [first] + ["%x" % r.randint(0, 0xffff) for _ in range(7)]
    if first == "2001":
        groups[1] = r.choice(["4860", "67c", "41d0", "1af8", "470"])
    style = r.random()
    if style < 0.4:
        return ":".join(groups)
    if style < 0.8:
        return ":".join(groups[:3]) + "::" + ":".join(groups[6:])
    return ":".join("%04x" % int(g, 16) for g in groups)


def mac(r, style=None):
    o = ["%02x" % r.randint(0, 255) for _ in range(6)]
    o[0] = "%02x" % (int(o[0], 16) & 0xfc)
    style = style or r.choice(["colon", "colonU", "dash", "cisco"])
    if style == "colon":
        return ":".join(o)
    if style == "colonU":
        return ":".join(o).upper()
    if style == "dash":
        return "-".join(o).upper()
    h = "".join(o)
    return "%s.%s.%s" % (h[:4], h[4:8], h[8:])


# ----------------------------------------------------------------- phones by country
def _d(r, n):
    return rs(r, DIG, n)


def _dj(r, n):
    """JP subscriber part: never starts with 0/1."""
    return str(r.randint(2, 9)) + _d(r, n - 1)


def phone(r, cc=None):
    cc = cc or r.choice(["US", "UK", "DE", "FR", "ES", "IN", "CN", "BR", "AU", "JP", "SG", "NL"])
    if cc == "US":
        a = "%d%d%d" % (r.randint(2, 9), r.randint(0, 8), r.randint(0, 9))
        while a[1:] == "11":
            a = a[0] + "2" + a[2]
        x = "%d%s" % (r.randint(2, 9), _d(r, 2))
        if x[1:] == "11":
            x = x[0] + "23"
        s = _d(r, 4)
        return cc, r.choice(["%s-%s-%s", "(%s) %s-%s", "%s.%s.%s", "+1 %s %s %s", "+1-%s-%s-%s", "+1 (%s) %s-%s",
                             "1-%s-%s-%s", "%s %s %s", "+1.%s.%s.%s"]) % (a, x, s)
    if cc == "UK":
        return cc, r.choice(["+44 20 %s %s" % ("7" + _d(r, 3), _d(r, 4)), "020 %s %s" % ("3" + _d(r, 3), _d(r, 4)),
                             "07%s %s" % ("7" + _d(r, 2), _d(r, 6)), "+44 7%s %s" % (r.choice(["4", "5", "8", "9"]) + _d(r, 2), _d(r, 6)),
                             "+44 (0)161 %s %s" % ("8" + _d(r, 2), _d(r, 4)), "0113 %s %s" % ("2" + _d(r, 2), _d(r, 4)),
                             "+447%s%s" % (r.choice("4589") + _d(r, 2), _d(r, 6))])
    if cc == "DE":
        return cc, r.choice(["+49 30 %s" % _d(r, 8), "030 %s" % _d(r, 8), "0171 %s" % _d(r, 7), "+49 (0)89 %s" % _d(r, 7),
                             "0049 151 %s" % _d(r, 8), "030/%s" % _d(r, 7), "+49 40 %s %s" % (_d(r, 3), _d(r, 4)),
                             "0221-%s" % _d(r, 7), "+49-176-%s" % _d(r, 8)])
    if cc == "FR":
        p = lambda: " ".join(_d(r, 2) for _ in range(4))
        return cc, r.choice(["01 %s" % p(), "+33 1 %s" % p(), "06.%s" % p().replace(" ", "."), "+33 (0)6 %s" % p(),
                             "0033 7 %s" % p(), "+33 6%s" % p().replace(" ", ""), "04-%s" % p().replace(" ", "-")])
    if cc == "ES":
        return cc, r.choice(["+34 91%s %s %s" % (_d(r, 1), _d(r, 3), _d(r, 3)), "6%s %s %s" % (_d(r, 2), _d(r, 3), _d(r, 3)),
                             "+34 6%s-%s-%s" % (_d(r, 2), _d(r, 3), _d(r, 3)), "93 %s %s %s" % (_d(r, 3), _d(r, 2), _d(r, 2)),
                             "0034 7%s %s %s" % (_d(r, 2), _d(r, 3), _d(r, 3))])
    if cc == "IN":
        m = r.choice("6789") + _d(r, 4)
        return cc, r.choice(["+91 %s %s" % (m, _d(r, 5)), "0%s %s" % (m, _d(r, 5)), "+91-%s%s" % (m, _d(r, 5)),
                             "022 %s %s" % ("2" + _d(r, 3), _d(r, 4)), "+91 80 %s %s" % ("4" + _d(r, 3), _d(r, 4)),
                             "(+91) %s-%s" % (m, _d(r, 5))])
    if cc == "CN":
        m = r.choice(["13", "15", "18", "17", "19"]) + r.choice("0123456789" if True else "")
        if m.startswith("19") and m[2:] == "4":
            m = "199"
        if len(m) == 2:
            m += _d(r, 1)
        m = m[:3]
        return cc, r.choice(["+86 %s %s %s" % (m, _d(r, 4), _d(r, 4)), "%s-%s-%s" % (m, _d(r, 4), _d(r, 4)),
                             "(010) %s %s" % ("6" + _d(r, 3), _d(r, 4)), "+86 10 %s %s" % ("8" + _d(r, 3), _d(r, 4)),
                             "+86-21-%s" % ("5" + _d(r, 7)), "%s%s%s" % (m, _d(r, 4), _d(r, 4))])
    if cc == "BR":
        ddd = r.choice(["11", "21", "31", "41", "51", "61", "71", "81"])
        return cc, r.choice(["+55 %s 9%s-%s" % (ddd, _d(r, 4), _d(r, 4)), "(%s) 9%s-%s" % (ddd, _d(r, 4), _d(r, 4)),
                             "(%s) 3%s-%s" % (ddd, _d(r, 3), _d(r, 4)), "+55 (%s) 9 %s-%s" % (ddd, _d(r, 4), _d(r, 4)),
                             "+55%s9%s%s" % (ddd, _d(r, 4), _d(r, 4))])
    if cc == "AU":
        return cc, r.choice(["+61 2 %s %s" % ("9" + _d(r, 3), _d(r, 4)), "(02) %s %s" % ("9" + _d(r, 3), _d(r, 4)),
                             "04%s %s %s" % (_d(r, 2), _d(r, 3), _d(r, 3)), "+61 4%s %s %s" % (_d(r, 2), _d(r, 3), _d(r, 3)),
                             "(03) %s %s" % ("8" + _d(r, 3), _d(r, 4)), "+61 (0)3 %s %s" % ("9" + _d(r, 3), _d(r, 4))])
    if cc == "JP":
        return cc, r.choice(["03-%s-%s" % (_dj(r, 4), _dj(r, 4)), "090-%s-%s" % (_dj(r, 4), _dj(r, 4)),
                             "+81 3-%s-%s" % (_dj(r, 4), _dj(r, 4)), "+81 90 %s %s" % (_dj(r, 4), _dj(r, 4)),
                             "(03) %s-%s" % (_dj(r, 4), _dj(r, 4)), "06-6%s-%s" % (_dj(r, 3), _dj(r, 4)),
                             "080-%s-%s" % (_dj(r, 4), _dj(r, 4)), "+81-80-%s-%s" % (_dj(r, 4), _dj(r, 4))])
    if cc == "SG":
        return cc, r.choice(["+65 6%s %s" % (_d(r, 3), _d(r, 4)), "9%s %s" % (_d(r, 3), _d(r, 4)),
                             "+65 8%s-%s" % (_d(r, 3), _d(r, 4)), "+65-6%s%s" % (_d(r, 3), _d(r, 4)), "(+65) 9%s %s" % (_d(r, 3), _d(r, 4))])
    if cc == "NL":
        return cc, r.choice(["+31 20 %s %s" % (_d(r, 3), _d(r, 4)), "020-%s" % _d(r, 7), "06-%s" % ("1" + _d(r, 7)),
                             "+31 6 %s" % ("2" + _d(r, 7)), "(020) %s %s" % (_d(r, 3), _d(r, 4)), "010 %s %s" % (_d(r, 3), _d(r, 4)),
                             "+31 (0)6 %s %s" % ("4" + _d(r, 3), _d(r, 4))])
    raise ValueError(cc)


# ----------------------------------------------------------------- dates of birth
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
    "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
    "hi": ["जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"],
}


def ymd(r, y0=1935, y1=2008):
    return r.randint(y0, y1), r.randint(1, 12), r.randint(1, 28)


def fmt_date(r, y, m, d, lang="en", style=None):
    """Format a date; lang-specific spelled forms."""
    if lang in ("zh", "ja"):
        return r.choice(["%d年%d月%d日" % (y, m, d), "%d年%02d月%02d日" % (y, m, d), "%d/%02d/%02d" % (y, m, d), "%d-%02d-%02d" % (y, m, d)])
    if lang == "de":
        return r.choice(["%02d.%02d.%d" % (d, m, y), "%d. %s %d" % (d, MONTHS["de"][m - 1], y), "%d.%d.%d" % (d, m, y),
                         "%02d.%02d.%02d" % (d, m, y % 100)])
    if lang == "fr":
        return r.choice(["%02d/%02d/%d" % (d, m, y), "%s %s %d" % ("1er" if d == 1 else str(d), MONTHS["fr"][m - 1], y),
                         "%02d.%02d.%d" % (d, m, y)])
    if lang in ("es", "pt"):
        return r.choice(["%02d/%02d/%d" % (d, m, y), "%d de %s de %d" % (d, MONTHS[lang][m - 1], y),
                         "%02d-%02d-%d" % (d, m, y)])
    if lang == "it":
        return r.choice(["%02d/%02d/%d" % (d, m, y), "%d %s %d" % (d, MONTHS["it"][m - 1], y), "%02d.%02d.%d" % (d, m, y)])
    if lang == "nl":
        return r.choice(["%02d-%02d-%d" % (d, m, y), "%d %s %d" % (d, MONTHS["nl"][m - 1], y), "%02d/%02d/%d" % (d, m, y)])
    if lang == "pl":
        return r.choice(["%02d.%02d.%d" % (d, m, y), "%d %s %d" % (d, MONTHS["pl"][m - 1], y), "%d-%02d-%02d" % (y, m, d),
                         "%d %s %d r." % (d, MONTHS["pl"][m - 1], y)])
    if lang == "hi":
        return r.choice(["%02d/%02d/%d" % (d, m, y), "%d %s %d" % (d, MONTHS["hi"][m - 1], y), "%02d-%02d-%d" % (d, m, y)])
    M = MONTHS["en"][m - 1]
    suf = "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    forms = {"iso": "%d-%02d-%02d" % (y, m, d), "us": "%02d/%02d/%d" % (m, d, y), "us1": "%d/%d/%d" % (m, d, y),
             "eu": "%02d/%02d/%d" % (d, m, y), "dot": "%02d.%02d.%d" % (d, m, y), "long": "%s %d, %d" % (M, d, y),
             "dmy": "%d %s %d" % (d, M[:3], y), "ord": "%d%s %s %d" % (d, suf, M, y), "ord2": "the %d%s of %s, %d" % (d, suf, M, y),
             "ora": "%02d-%s-%d" % (d, M[:3].upper(), y), "slash_ymd": "%d/%02d/%02d" % (y, m, d),
             "us2": "%02d/%02d/%02d" % (m, d, y % 100), "mdy3": "%s-%02d-%d" % (M[:3], d, y), "compact": "%d%02d%02d" % (y, m, d),
             "long2": "%s %d %d" % (M, d, y), "dmy_full": "%d %s %d" % (d, M, y)}
    if style:
        return forms[style]
    return forms[r.choice(list(forms))]


# ----------------------------------------------------------------- crypto wallets
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58enc(b):
    n = int.from_bytes(b, "big")
    out = ""
    while n:
        n, m = divmod(n, 58)
        out = B58[m] + out
    pad = len(b) - len(b.lstrip(b"\0"))
    return "1" * pad + out


def base58check(payload):
    ck = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return b58enc(payload + ck)


def btc_legacy(r):
    ver = r.choice([b"\x00", b"\x05"])
    return base58check(ver + bytes(r.randrange(256) for _ in range(20)))


def btc_legacy_bad(r):
    v = btc_legacy(r)
    i = len(v) - 3
    c = B58[(B58.index(v[i]) + 5) % 58]
    return v[:i] + c + v[i + 1:]


BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def bech32_polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def bech32_hrp_expand(hrp):
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def convertbits(data, frombits, tobits):
    acc = bits = 0
    ret = []
    maxv = (1 << tobits) - 1
    for v in data:
        acc = (acc << frombits) | v
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            ret.append((acc >> bits) & maxv)
    if bits:
        ret.append((acc << (tobits - bits)) & maxv)
    return ret


def segwit(r, ver=None):
    ver = r.choice([0, 0, 1]) if ver is None else ver
    prog = bytes(r.randrange(256) for _ in range(20 if ver == 0 and r.random() < 0.7 else 32))
    data = [ver] + convertbits(prog, 8, 5)
    const = 1 if ver == 0 else 0x2bc830a3
    pm = bech32_polymod(bech32_hrp_expand("bc") + data + [0] * 6) ^ const
    ck = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return "bc1" + "".join(BECH[d] for d in data + ck)


def segwit_bad(r):
    v = segwit(r, 0)
    i = len(v) - 2
    return v[:i] + BECH[(BECH.index(v[i]) + 1) % 32] + v[i + 1:]


# Keccak-256 (original Keccak padding 0x01), pure Python
_RC = [0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
       0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
       0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
       0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
       0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008]
_ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
M64 = (1 << 64) - 1


def _rol(x, n):
    n %= 64
    return ((x << n) | (x >> (64 - n))) & M64 if n else x


def _keccak_f(A):
    for rc in _RC:
        C = [A[x][0] ^ A[x][1] ^ A[x][2] ^ A[x][3] ^ A[x][4] for x in range(5)]
        D = [C[(x - 1) % 5] ^ _rol(C[(x + 1) % 5], 1) for x in range(5)]
        A = [[A[x][y] ^ D[x] for y in range(5)] for x in range(5)]
        B = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                B[y][(2 * x + 3 * y) % 5] = _rol(A[x][y], _ROT[x][y])
        A = [[B[x][y] ^ ((~B[(x + 1) % 5][y]) & B[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        A[0][0] ^= rc
    return A


def keccak256(data):
    rate = 136
    msg = bytearray(data)
    msg.append(0x01)
    while len(msg) % rate:
        msg.append(0)
    msg[-1] |= 0x80
    A = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        blk = msg[off:off + rate]
        for i in range(rate // 8):
            x, y = i % 5, i // 5
            A[x][y] ^= int.from_bytes(blk[8 * i:8 * i + 8], "little")
        A = _keccak_f(A)
    out = b""
    for i in range(4):
        out += A[i % 5][i // 5].to_bytes(8, "little")
    return out


assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"


def eip55(addr_hex):
    a = addr_hex.lower()
    h = keccak256(a.encode()).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(h[i], 16) >= 8 else c for i, c in enumerate(a))


def eth(r):
    return eip55(rs(r, "0123456789abcdef", 40))


def eth_bad(r):
    """mixed-case address whose case pattern violates EIP-55."""
    v = eth(r)
    body = v[2:]
    idx = [i for i, c in enumerate(body) if c.isalpha()]
    i = idx[len(idx) // 2]
    c = body[i]
    return "0x" + body[:i] + (c.lower() if c.isupper() else c.upper()) + body[i + 1:]


# ----------------------------------------------------------------- secrets
def aws_key(r):
    return r.choice(["AKIA", "AKIA", "ASIA"]) + rs(r, UP + "234567", 16)


def aws_secret(r):
    return rs(r, ALNUM + "/+", 40)


def b62(n):
    out = ""
    while n:
        n, m = divmod(n, 62)
        out = B62[m] + out
    return out.rjust(6, "0")


def gh_token(r, prefix=None, bad=False):
    prefix = prefix or r.choice(["ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"])
    body = rs(r, ALNUM, 30)
    ck = b62(binascii.crc32(body.encode()) & 0xffffffff)
    if bad:
        ck = ck[:-1] + B62[(B62.index(ck[-1]) + 11) % 62]
    return prefix + body + ck


assert b62(binascii.crc32(b"bo1ZJ4bTDVjczzeYc6nscjb1FLaTxp") & 0xffffffff) == "4cVaNb"


def npm_token(r, bad=False):
    return "npm_" + gh_token(r, "x_", bad)[2:]


def gh_pat(r):
    return "github_pat_11" + rs(r, UP + DIG, 20) + "_" + rs(r, ALNUM, 59)


def gitlab(r):
    return r.choice(["glpat-", "glpat-", "glrt-", "gldt-"]) + rs(r, ALNUM + "_-", 20)


def slack_token(r):
    k = r.choice(["b", "p", "app", "e"])
    if k == "b":
        return "xoxb-%s-%s-%s" % (_d(r, 12), _d(r, 13), rs(r, ALNUM, 24))
    if k == "p":
        return "xoxp-%s-%s-%s-%s" % (_d(r, 12), _d(r, 12), _d(r, 13), rs(r, "0123456789abcdef", 32))
    if k == "e":
        return "xoxe.xoxp-1-%s" % rs(r, ALNUM, 120) if False else "xoxe-1-%s" % rs(r, ALNUM, 140)
    return "xapp-1-A%s-%s-%s" % (rs(r, UP + DIG, 10), _d(r, 13), rs(r, "0123456789abcdef", 64))


def slack_webhook(r):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(r, UP + DIG, 8), rs(r, UP + DIG, 10), rs(r, ALNUM, 24))


def stripe(r):
    return r.choice(["sk_live_", "sk_live_", "rk_live_", "sk_test_"]) + rs(r, ALNUM, r.choice([24, 99, 48]))


def google_key(r):
    return "AIza" + rs(r, ALNUM + "_-", 35)


def openai_key(r):
    k = r.choice(["sk-proj-", "sk-svcacct-", "legacy", "sk-proj-"])
    if k == "legacy":
        return "sk-" + rs(r, ALNUM, 20) + "T3BlbkFJ" + rs(r, ALNUM, 20)
    return k + rs(r, URLSAFE, 74) + "T3BlbkFJ" + rs(r, URLSAFE, 74)


def anthropic_key(r):
    return r.choice(["sk-ant-api03-", "sk-ant-api03-", "sk-ant-admin01-"]) + rs(r, URLSAFE, 93) + "AA"


def hf_token(r):
    return "hf_" + rs(r, UP + LO, 34)


def pypi_token(r):
    ident = ("%08x-%04x-%04x-%04x-%012x" % (r.getrandbits(32), r.getrandbits(16), r.getrandbits(16), r.getrandbits(16),
                                           r.getrandbits(48))).encode()
    cav = json.dumps({"version": 1, "permissions": r.choice(["user", {"projects": ["weir-tools"]}])}).encode()
    b = b"\x02\x01\x08pypi.org" + b"\x02" + bytes([len(ident)]) + ident + b"\x00\x02" + bytes([len(cav)]) + cav + \
        b"\x00\x00\x06\x20" + bytes(r.randrange(256) for _ in range(32))
    return "pypi-" + base64.urlsafe_b64encode(b).decode().rstrip("=")


def azure_key(r):
    return base64.b64encode(bytes(r.randrange(256) for _ in range(64))).decode()


def sendgrid(r):
    return "SG." + rs(r, URLSAFE, 22) + "." + rs(r, URLSAFE, 43)


def twilio(r):
    return "SK" + rs(r, "0123456789abcdef", 32)


def jwt(r, alg=None):
    alg = alg or r.choice(["HS256", "RS256", "ES256"])
    hdr = {"alg": alg, "typ": "JWT"}
    if alg != "HS256":
        hdr["kid"] = rs(r, "0123456789abcdef", 16)
    pl = {"sub": r.choice(["user_%d" % r.randint(1000, 99999), "%08x-%04x-4%03x" % (r.getrandbits(32), r.getrandbits(16), r.getrandbits(12))]),
          "iss": r.choice(["https://auth.acme-corp.io", "https://login.northwind.io", "accounts.tallyhq.com"]),
          "iat": 1718000000 + r.randint(0, 9999999)}
    pl["exp"] = pl["iat"] + 3600
    if r.random() < 0.5:
        pl["scope"] = "read:orders write:orders"
    e = lambda o: base64.urlsafe_b64encode(json.dumps(o, separators=(",", ":")).encode()).decode().rstrip("=")
    sig = base64.urlsafe_b64encode(bytes(r.randrange(256) for _ in range(32 if alg == "HS256" else 64 if alg == "ES256" else 256))).decode().rstrip("=")
    return e(hdr) + "." + e(pl) + "." + sig


def password(r):
    return rs(r, ALNUM, r.randint(3, 6)) + r.choice("!#%&*-_=+@$") + rs(r, ALNUM, r.randint(4, 10)) + r.choice(["", "!", "9", "#x"])


def sha(r, n=64):
    return rs(r, "0123456789abcdef", n)


def uuid(r):
    h = sha(r, 32)
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], r.choice("89ab"), h[17:20], h[20:32])


# ----------------------------------------------------------------- PEM: real RSA (pure python), real P-256 EC
def _is_prime(n, r):
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(12):
        a = r.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(r, bits):
    while True:
        n = r.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if _is_prime(n, r):
            return n


def _der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def _tlv(tag, body):
    return bytes([tag]) + _der_len(len(body)) + body


def _int(n):
    b = n.to_bytes(max(1, (n.bit_length() + 7) // 8), "big")
    if b[0] & 0x80:
        b = b"\0" + b
    return _tlv(0x02, b)


def rsa_der(r, bits=1024):
    e = 65537
    while True:
        p, q = _prime(r, bits // 2), _prime(r, bits // 2)
        lam = (p - 1) * (q - 1) // __import__("math").gcd(p - 1, q - 1)
        if p != q and __import__("math").gcd(e, lam) == 1:
            break
    n = p * q
    d = pow(e, -1, lam)
    pkcs1 = _tlv(0x30, b"".join(_int(x) for x in [0, n, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p)]))
    spki = _tlv(0x30, _tlv(0x30, _tlv(0x06, bytes.fromhex("2a864886f70d010101")) + b"\x05\x00") +
                _tlv(0x03, b"\0" + _tlv(0x30, _int(n) + _int(e))))
    pkcs8 = _tlv(0x30, _int(0) + _tlv(0x30, _tlv(0x06, bytes.fromhex("2a864886f70d010101")) + b"\x05\x00") + _tlv(0x04, pkcs1))
    return pkcs1, pkcs8, spki


P256 = (0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff,
        0xffffffff00000001000000000000000000000000fffffffffffffffffffffffc,
        0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296,
        0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5,
        0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551)


def _ec_add(P, Q):
    p = P256[0]
    if P is None:
        return Q
    if Q is None:
        return P
    if P[0] == Q[0] and (P[1] + Q[1]) % p == 0:
        return None
    if P == Q:
        lam = (3 * P[0] * P[0] + P256[1]) * pow(2 * P[1], -1, p) % p
    else:
        lam = (Q[1] - P[1]) * pow(Q[0] - P[0], -1, p) % p
    x = (lam * lam - P[0] - Q[0]) % p
    return x, (lam * (P[0] - x) - P[1]) % p


def ec_der(r):
    d = r.randrange(1, P256[4])
    R, Q = None, (P256[2], P256[3])
    k = d
    while k:
        if k & 1:
            R = _ec_add(R, Q)
        Q = _ec_add(Q, Q)
        k >>= 1
    pub = b"\x04" + R[0].to_bytes(32, "big") + R[1].to_bytes(32, "big")
    return _tlv(0x30, _int(1) + _tlv(0x04, d.to_bytes(32, "big")) + _tlv(0xa0, _tlv(0x06, bytes.fromhex("2a8648ce3d030107")))
                + _tlv(0xa1, _tlv(0x03, b"\0" + pub)))


def openssh_ed25519(r):
    def s(b):
        return len(b).to_bytes(4, "big") + b
    pub = bytes(r.randrange(256) for _ in range(32))
    priv = bytes(r.randrange(256) for _ in range(32)) + pub
    ck = r.getrandbits(32).to_bytes(4, "big")
    pubblob = s(b"ssh-ed25519") + s(pub)
    privblk = ck + ck + s(b"ssh-ed25519") + s(pub) + s(priv) + s(b"deploy@ci-runner")
    privblk += bytes(range(1, 1 + (8 - len(privblk) % 8) % 8))
    return b"openssh-key-v1\0" + s(b"none") + s(b"none") + s(b"") + (1).to_bytes(4, "big") + s(pubblob) + s(privblk)


def pem(label, der, width=64):
    b = base64.b64encode(der).decode()
    return "-----BEGIN %s-----\n" % label + "\n".join(b[i:i + width] for i in range(0, len(b), width)) + "\n-----END %s-----" % label


class KeyPool:
    def __init__(self, r, n=4):
        self.rsa = [rsa_der(r, r.choice([1024, 2048])) for _ in range(n)]
        self.ec = [ec_der(r) for _ in range(n)]
        self.ssh = [openssh_ed25519(r) for _ in range(n)]

    def private(self, r, kind=None):
        kind = kind or r.choice(["rsa", "pkcs8", "ec", "openssh"])
        if kind == "rsa":
            return pem("RSA PRIVATE KEY", r.choice(self.rsa)[0])
        if kind == "pkcs8":
            return pem("PRIVATE KEY", r.choice(self.rsa)[1])
        if kind == "ec":
            return pem("EC PRIVATE KEY", r.choice(self.ec))
        return pem("OPENSSH PRIVATE KEY", r.choice(self.ssh), 70)

    def public(self, r):
        return pem("PUBLIC KEY", r.choice(self.rsa)[2])

    def cert(self, r):
        # certificate-shaped: SEQUENCE wrapping the SPKI plus filler; it is a public artefact (hard negative)
        spki = r.choice(self.rsa)[2]
        body = _tlv(0x30, _tlv(0x30, _tlv(0xa0, _int(2)) + _int(r.getrandbits(64)) + spki) + _tlv(0x03, b"\0" + bytes(r.randrange(256) for _ in range(128))))
        return pem("CERTIFICATE", body)
