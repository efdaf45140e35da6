"""heldout8 value generators and validators (Python 3 standard library only).

Every checksum scheme is implemented here from its public specification; selftest() asserts
reference vectors before anything is generated.
"""
import base64
import hashlib
import json
import random
import string
import zlib

R = random.Random(8)


def reseed(seed):
    R.seed(seed)
    _PEM_CYCLE[0] = 0


DIG = string.digits
UP = string.ascii_uppercase
LO = string.ascii_lowercase
B62 = DIG + UP + LO
ALNUM = UP + LO + DIG


def rs(alpha, n):
    return "".join(R.choice(alpha) for _ in range(n))


# ------------------------------------------------------------------ Luhn family
def luhn_sum(digits):
    s = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return s


def luhn_ok(digits):
    return digits.isdigit() and luhn_sum(digits) % 10 == 0


def luhn_complete(body):
    for c in DIG:
        if luhn_ok(body + c):
            return body + c


def only_digits(s):
    return "".join(c for c in s if c.isdigit())


CARD_PREFIXES = [("visa", "4", 16), ("visa", "4", 16), ("mc", "51", 16), ("mc", "53", 16), ("mc", "55", 16),
                 ("mc", "2221", 16), ("mc", "2720", 16), ("mc", "23", 16), ("amex", "34", 15), ("amex", "37", 15),
                 ("disc", "6011", 16), ("disc", "65", 16), ("jcb", "3528", 16), ("jcb", "3589", 16),
                 ("diners", "36", 14), ("diners", "300", 14), ("up", "62", 16), ("up", "62", 19), ("visa", "4", 13)]


def card(kind=None):
    opts = [p for p in CARD_PREFIXES if kind is None or p[0] == kind]
    k, pre, n = R.choice(opts)
    while True:
        v = luhn_complete(pre + rs(DIG, n - len(pre) - 1))
        if v not in ("4111111111111111", "4242424242424242"):
            return v


def fmt_card(v, style=None):
    style = style or R.choice(["bare", "space", "dash", "space"])
    if style == "bare":
        return v
    sep = " " if style == "space" else "-"
    if len(v) == 15:
        parts = [v[:4], v[4:10], v[10:]]
    elif len(v) == 14:
        parts = [v[:4], v[4:10], v[10:]]
    else:
        parts = [v[i:i + 4] for i in range(0, len(v), 4)]
    return sep.join(parts)


def card_bad():
    v = card("visa")
    last = (int(v[-1]) + R.randint(1, 9)) % 10
    return v[:-1] + str(last)


def sin():
    while True:
        v = luhn_complete(R.choice("1234567") + rs(DIG, 7))
        if v != "046454286":
            return v


TACS = ["35332711", "35391110", "35875208", "35290611", "86730603", "35925406", "35846109", "01332700",
        "35407115", "35328510", "86446904", "35699810"]


def imei():
    return luhn_complete(R.choice(TACS) + rs(DIG, 6))


def npi():
    while True:
        body = R.choice("12") + rs(DIG, 8)
        for c in DIG:
            if luhn_ok("80840" + body + c):
                v = body + c
                if v != "1234567893":
                    return v


def npi_ok(v):
    return len(v) == 10 and v[0] in "12" and luhn_ok("80840" + v)


# ------------------------------------------------------------------ IBAN
IBAN_LEN = {"DE": 22, "GB": 22, "FR": 27, "ES": 24, "IT": 27, "NL": 18, "BE": 16, "CH": 21, "AT": 20, "PL": 28,
            "IE": 22, "PT": 25, "SE": 24, "NO": 15}
ODD = {}
_oddv = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
for _i, _c in enumerate(DIG):
    ODD[_c] = _oddv[_i]
for _i, _c in enumerate(UP):
    ODD[_c] = _oddv[_i]


def even_val(c):
    return int(c) if c.isdigit() else ord(c) - 65


def cf_check(s15):
    t = 0
    for i, c in enumerate(s15):
        t += ODD[c] if i % 2 == 0 else even_val(c)
    return chr(65 + t % 26)


def iban_num(s):
    return int("".join(str(int(c, 36)) for c in s))


def iban_check(cc, bban):
    n = iban_num(bban + cc + "00")
    return "%02d" % (98 - n % 97)


def es_dc(ten):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    d = 11 - sum(int(a) * b for a, b in zip(ten, w)) % 11
    return {10: 1, 11: 0}.get(d, d)


def bban(cc):
    if cc == "DE":
        return rs(DIG, 18)
    if cc in ("GB", "IE"):
        return R.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "AIBK", "BOFI", "IPBS"]) + rs(DIG, 14)
    if cc == "FR":
        b, g, a = rs(DIG, 5), rs(DIG, 5), rs(DIG, 11)
        k = 97 - (89 * int(b) + 15 * int(g) + 3 * int(a)) % 97
        return b + g + a + "%02d" % k
    if cc == "ES":
        b, g, a = rs(DIG, 4), rs(DIG, 4), rs(DIG, 10)
        return b + g + str(es_dc("00" + b + g)) + str(es_dc(a)) + a
    if cc == "IT":
        rest = rs(DIG, 10) + rs(DIG, 12)
        return cf_check(rest) + rest
    if cc == "NL":
        while True:
            a = rs(DIG, 10)
            if a[0] != "0" and sum(int(c) * (10 - i) for i, c in enumerate(a)) % 11 == 0:
                return R.choice(["ABNA", "RABO", "INGB", "SNSB", "TRIO", "KNAB"]) + a
    if cc == "BE":
        f = rs(DIG, 10)
        c = int(f) % 97 or 97
        return f + "%02d" % c
    if cc == "PT":
        f = rs(DIG, 19)
        return f + "%02d" % (98 - (int(f) * 100) % 97)
    if cc == "NO":
        while True:
            f = rs(DIG, 10)
            w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
            c = 11 - sum(int(a) * b for a, b in zip(f, w)) % 11
            if c == 11:
                c = 0
            if c != 10:
                return f + str(c)
    return rs(DIG, IBAN_LEN[cc] - 4)


def iban(cc=None):
    cc = cc or R.choice(list(IBAN_LEN))
    while True:
        b = bban(cc)
        v = cc + iban_check(cc, b) + b
        if v not in ("GB82WEST12345698765432", "DE89370400440532013000"):
            return v


def iban_ok(v):
    v = "".join(v.split())
    cc = v[:2]
    if cc not in IBAN_LEN or len(v) != IBAN_LEN[cc] or not v[2:4].isdigit():
        return False
    if iban_num(v[4:] + v[:4]) % 97 != 1:
        return False
    b = v[4:]
    if cc == "FR":
        return (89 * int(b[:5]) + 15 * int(b[5:10]) + 3 * int(b[10:21]) + int(b[21:])) % 97 == 0
    if cc == "ES":
        return int(b[8]) == es_dc("00" + b[:8]) and int(b[9]) == es_dc(b[10:])
    if cc == "IT":
        return cf_check(b[1:]) == b[0]
    if cc == "BE":
        return (int(b[:10]) % 97 or 97) == int(b[10:])
    if cc == "NL":
        return sum(int(c) * (10 - i) for i, c in enumerate(b[4:])) % 11 == 0
    if cc == "PT":
        return 98 - (int(b[:19]) * 100) % 97 == int(b[19:])
    return True


def iban_bad(cc=None):
    v = iban(cc)
    ck = int(v[2:4])
    nv = "%02d" % ((ck + R.randint(1, 90)) % 97 + 2 if ck < 90 else ck - 7)
    v2 = v[:2] + nv + v[4:]
    return v2 if not iban_ok(v2) else iban_bad(cc)


def fmt_iban(v, groups=None):
    if groups is None:
        groups = R.random() < 0.55
    return " ".join(v[i:i + 4] for i in range(0, len(v), 4)) if groups else v


# ------------------------------------------------------------------ US IDs
def aba_ok(v):
    if len(v) != 9 or not v.isdigit():
        return False
    d = [int(c) for c in v]
    p = int(v[:2])
    if not (1 <= p <= 12 or 21 <= p <= 32 or 61 <= p <= 72 or p == 80):
        return False
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0


def aba():
    while True:
        p = R.choice(list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)))
        b = "%02d" % p + rs(DIG, 6)
        for c in DIG:
            if aba_ok(b + c) and b + c not in ("011000015", "021000021"):
                return b + c


def ssn(sep="-"):
    while True:
        a = R.randint(1, 899)
        if a == 666:
            continue
        v = "%03d%s%02d%s%04d" % (a, sep, R.randint(1, 99), sep, R.randint(1, 9999))
        if only_digits(v) not in ("123456789", "078051120", "219099999"):
            return v


def ssn_ok(v):
    d = only_digits(v)
    if len(d) != 9:
        return False
    a, g, s = int(d[:3]), int(d[3:5]), int(d[5:])
    return 1 <= a <= 899 and a != 666 and g >= 1 and s >= 1


def ssn_bad():
    return R.choice(["000-%02d-%04d" % (R.randint(1, 99), R.randint(1, 9999)),
                     "666-%02d-%04d" % (R.randint(1, 99), R.randint(1, 9999)),
                     "%03d-00-%04d" % (R.randint(100, 800), R.randint(1, 9999)),
                     "9%02d-%02d-%04d" % (R.randint(0, 99), R.choice([10, 20, 30, 40, 45, 69, 89, 93]), R.randint(1, 9999))])


ITIN_G = list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100))


def itin(sep="-"):
    return "9%02d%s%02d%s%04d" % (R.randint(0, 99), sep, R.choice(ITIN_G), sep, R.randint(1, 9999))


def itin_ok(v):
    d = only_digits(v)
    return len(d) == 9 and d[0] == "9" and int(d[3:5]) in ITIN_G


def passport_us():
    return R.choice([rs(DIG, 9), R.choice("ACEFGHJKLMNPRSTUVWXYZ") + rs(DIG, 8)])


MBI_C = "123456789"
MBI_A = "ACDEFGHJKMNPQRTUVWXY"
MBI_N = DIG
MBI_AN = MBI_A + DIG


def mbi(dash=False):
    v = (R.choice(MBI_C) + R.choice(MBI_A) + R.choice(MBI_AN) + R.choice(MBI_N) + R.choice(MBI_A) +
         R.choice(MBI_AN) + R.choice(MBI_N) + R.choice(MBI_A) + R.choice(MBI_A) + R.choice(MBI_N) + R.choice(MBI_N))
    if v == "1EG4TE5MK73":
        return mbi(dash)
    return v[:4] + "-" + v[4:7] + "-" + v[7:] if dash else v


def mbi_ok(v):
    v = v.replace("-", "")
    cls = [MBI_C, MBI_A, MBI_AN, MBI_N, MBI_A, MBI_AN, MBI_N, MBI_A, MBI_A, MBI_N, MBI_N]
    return len(v) == 11 and all(c in k for c, k in zip(v, cls))


def dea_check(d6):
    d = [int(c) for c in d6]
    return str((d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10)


def dea(surname="X"):
    d6 = rs(DIG, 6)
    return R.choice("ABFGMPR") + surname[0].upper() + d6 + dea_check(d6)


def dea_ok(v):
    return len(v) == 9 and v[0] in "ABFGMPRX" and (v[1].isalpha() or v[1] == "9") and v[2:].isdigit() and dea_check(v[2:8]) == v[8]


def dea_bad(surname="X"):
    v = dea(surname)
    return v[:-1] + str((int(v[-1]) + 3) % 10)


# ------------------------------------------------------------------ UK / EU / intl IDs
def nino(spaced=None):
    bad1 = set("DFIQUV")
    while True:
        a, b = R.choice(UP), R.choice(UP)
        if a in bad1 or b in bad1 or b == "O" or a + b in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            continue
        v = a + b + rs(DIG, 6) + R.choice("ABCD")
        if v == "QQ123456C":
            continue
        if spaced if spaced is not None else R.random() < 0.4:
            return "%s %s %s %s %s" % (v[:2], v[2:4], v[4:6], v[6:8], v[8])
        return v


def nino_ok(v):
    v = v.replace(" ", "")
    if len(v) != 9 or not v[2:8].isdigit() or v[8] not in "ABCD":
        return False
    a, b = v[0], v[1]
    return a not in "DFIQUV" and b not in "DFIQUVO" and v[:2] not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ")


def nhs_check(d9):
    s = sum(int(c) * (10 - i) for i, c in enumerate(d9))
    c = 11 - s % 11
    return 0 if c == 11 else c


def nhs(fmt=None):
    while True:
        d9 = R.choice("4689") + rs(DIG, 8)
        c = nhs_check(d9)
        if c == 10:
            continue
        v = d9 + str(c)
        if v == "9434765919":
            continue
        fmt = fmt or R.choice(["space", "space", "bare", "dash"])
        if fmt == "bare":
            return v
        sep = " " if fmt == "space" else "-"
        return v[:3] + sep + v[3:6] + sep + v[6:]


def nhs_ok(v):
    d = only_digits(v)
    return len(d) == 10 and nhs_check(d[:9]) == int(d[9])


VD = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
      [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
      [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
      [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
VP = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
      [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
      [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]
VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def verhoeff_ok(num):
    c = 0
    for i, ch in enumerate(reversed(num)):
        c = VD[c][VP[i % 8][int(ch)]]
    return c == 0


def verhoeff_digit(num):
    c = 0
    for i, ch in enumerate(reversed(num)):
        c = VD[c][VP[(i + 1) % 8][int(ch)]]
    return str(VINV[c])


def aadhaar(fmt=None):
    b = R.choice("23456789") + rs(DIG, 10)
    v = b + verhoeff_digit(b)
    fmt = fmt or R.choice(["space", "space", "bare", "dash"])
    if fmt == "bare":
        return v
    s = " " if fmt == "space" else "-"
    return v[:4] + s + v[4:8] + s + v[8:]


def aadhaar_ok(v):
    d = only_digits(v)
    return len(d) == 12 and d[0] in "23456789" and verhoeff_ok(d)


def aadhaar_bad():
    v = only_digits(aadhaar("bare"))
    v2 = v[:-1] + str((int(v[-1]) + 1) % 10)
    return v2[:4] + " " + v2[4:8] + " " + v2[8:]


def pan(surname="K"):
    return rs(UP, 3) + R.choice("PPPPCHFAT") + surname[0].upper() + rs(DIG, 4) + R.choice(UP)


def pan_ok(v):
    return len(v) == 10 and v[:5].isalpha() and v[:5].isupper() and v[3] in "PCHFATBLJG" and v[5:9].isdigit() and v[9].isalpha()


NIFL = "TRWAGMYFPDXBNJZSQVHLCKE"


def nif(kind=None):
    kind = kind or R.choice(["dni", "dni", "nie"])
    if kind == "dni":
        n = R.randint(1000000, 99999999)
        if n == 12345678:
            n += 1
        return "%08d%s" % (n, NIFL[n % 23])
    p = R.choice("XYZ")
    n = R.randint(0, 9999999)
    return "%s%07d%s" % (p, n, NIFL[int(str("XYZ".index(p)) + "%07d" % n) % 23])


def nif_ok(v):
    v = v.upper().replace("-", "")
    if len(v) != 9:
        return False
    if v[0] in "XYZ":
        num = str("XYZ".index(v[0])) + v[1:8]
    else:
        num = v[:8]
    return num.isdigit() and NIFL[int(num) % 23] == v[8]


def nif_bad():
    v = nif("dni")
    return v[:-1] + NIFL[(NIFL.index(v[-1]) + 5) % 23]


def bsn_ok(v):
    v = only_digits(v)
    if len(v) != 9:
        return False
    s = sum(int(c) * w for c, w in zip(v, [9, 8, 7, 6, 5, 4, 3, 2, -1]))
    return s % 11 == 0 and int(v) > 0


def bsn():
    while True:
        v = R.choice("123456") + rs(DIG, 8)
        if bsn_ok(v) and v != "111222333":
            return v


def bsn_bad():
    while True:
        v = R.choice("123456") + rs(DIG, 8)
        if not bsn_ok(v):
            return v


def cpf_digits(d9):
    s = sum(int(c) * (10 - i) for i, c in enumerate(d9))
    a = (s * 10) % 11 % 10
    d10 = d9 + str(a)
    s = sum(int(c) * (11 - i) for i, c in enumerate(d10))
    return d10 + str((s * 10) % 11 % 10)


def cpf(fmt=None):
    while True:
        d9 = rs(DIG, 9)
        if len(set(d9)) > 1:
            break
    v = cpf_digits(d9)
    if (fmt or R.choice(["dot", "dot", "bare"])) == "bare":
        return v
    return "%s.%s.%s-%s" % (v[:3], v[3:6], v[6:9], v[9:])


def cpf_ok(v):
    d = only_digits(v)
    return len(d) == 11 and len(set(d)) > 1 and cpf_digits(d[:9]) == d


def cpf_bad():
    d = only_digits(cpf("bare"))
    d = d[:10] + str((int(d[10]) + 4) % 10)
    return "%s.%s.%s-%s" % (d[:3], d[3:6], d[6:9], d[9:])


def pesel(dob, female=None):
    y, m, d = dob
    mm = m + {18: 80, 19: 0, 20: 20, 21: 40}[y // 100]
    female = R.random() < 0.5 if female is None else female
    z = rs(DIG, 3) + str(R.choice([0, 2, 4, 6, 8]) if female else R.choice([1, 3, 5, 7, 9]))
    b = "%02d%02d%02d" % (y % 100, mm, d) + z
    s = sum(int(c) * w for c, w in zip(b, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]))
    return b + str((10 - s % 10) % 10)


def pesel_ok(v):
    if len(v) != 11 or not v.isdigit():
        return False
    s = sum(int(c) * w for c, w in zip(v[:10], [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]))
    mm = int(v[2:4]) % 20
    return (10 - s % 10) % 10 == int(v[10]) and 1 <= mm <= 12 and 1 <= int(v[4:6]) <= 31


def pesel_bad(dob):
    v = pesel(dob)
    return v[:-1] + str((int(v[-1]) + 5) % 10)


NRIC_T = {"S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK", "G": "XWUTRQPNMLK", "M": "XWUTRQPNJLK"}


def nric_letter(p, d7):
    s = sum(int(c) * w for c, w in zip(d7, [2, 7, 6, 5, 4, 3, 2]))
    s += {"T": 4, "G": 4, "M": 3}.get(p, 0)
    return NRIC_T[p][s % 11]


def nric(p=None):
    p = p or R.choice("SSSTTFGM")
    d7 = rs(DIG, 7)
    v = p + d7 + nric_letter(p, d7)
    return v if v != "S1234567D" else nric(p)


def nric_ok(v):
    v = v.upper()
    return len(v) == 9 and v[0] in NRIC_T and v[1:8].isdigit() and nric_letter(v[0], v[1:8]) == v[8]


def nric_bad():
    v = nric("S")
    t = NRIC_T["S"]
    return v[:-1] + t[(t.index(v[-1]) + 3) % 11]


TFN_W = [1, 4, 3, 7, 5, 8, 6, 9, 10]


def tfn_ok(v):
    d = only_digits(v)
    return len(d) == 9 and sum(int(c) * w for c, w in zip(d, TFN_W)) % 11 == 0


def tfn(fmt=None):
    while True:
        v = rs(DIG, 9)
        if v[0] != "0" and tfn_ok(v) and v not in ("123456782", "876543210"):
            break
    if (fmt or R.choice(["space", "bare", "space"])) == "bare":
        return v
    return v[:3] + " " + v[3:6] + " " + v[6:]


def tfn_bad():
    while True:
        v = rs(DIG, 9)
        if v[0] != "0" and not tfn_ok(v):
            return v[:3] + " " + v[3:6] + " " + v[6:]


def sin_fmt(v, fmt=None):
    fmt = fmt or R.choice(["space", "dash", "bare"])
    if fmt == "bare":
        return v
    s = " " if fmt == "space" else "-"
    return v[:3] + s + v[3:6] + s + v[6:]


def sin_bad():
    v = sin()
    return sin_fmt(v[:-1] + str((int(v[-1]) + 1) % 10), "space")


# codice fiscale ---------------------------------------------------------
CF_MONTH = "ABCDEHLMPRST"
BELFIORE = ["H501", "F205", "L219", "F839", "G273", "D612", "A944", "L736", "G224", "C351", "B157", "E463", "L424",
            "H703", "A662", "D969"]


def _fold(s):
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFKD", s) if "A" <= c.upper() <= "Z").upper()


def _cons(s):
    return [c for c in _fold(s) if c not in "AEIOU"]


def _vows(s):
    return [c for c in _fold(s) if c in "AEIOU"]


def cf_surname(s):
    x = (_cons(s) + _vows(s) + ["X", "X", "X"])[:3]
    return "".join(x)


def cf_name(s):
    c = _cons(s)
    if len(c) >= 4:
        c = [c[0], c[2], c[3]]
    return "".join((c + _vows(s) + ["X", "X", "X"])[:3])


def codice_fiscale(surname, name, dob, female):
    y, m, d = dob
    body = cf_surname(surname) + cf_name(name) + "%02d" % (y % 100) + CF_MONTH[m - 1] + "%02d" % (d + (40 if female else 0)) + R.choice(BELFIORE)
    v = body + cf_check(body)
    return v if v != "RSSMRA85T10A562S" else codice_fiscale(surname, name, dob, not female)


def cf_ok(v):
    v = v.upper()
    return (len(v) == 16 and v[:6].isalpha() and v[6:8].isdigit() and v[8] in CF_MONTH and v[9:11].isdigit()
            and v[11].isalpha() and v[12:15].isdigit() and cf_check(v[:15]) == v[15])


def cf_bad(surname, name, dob, female):
    v = codice_fiscale(surname, name, dob, female)
    return v[:-1] + chr(65 + (ord(v[-1]) - 65 + 7) % 26)


# ------------------------------------------------------------------ crypto
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58enc(b):
    n = int.from_bytes(b, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    pad = len(b) - len(b.lstrip(b"\0"))
    return "1" * pad + out


def b58dec(s):
    n = 0
    for c in s:
        n = n * 58 + B58.index(c)
    pad = len(s) - len(s.lstrip("1"))
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * pad + body


def dsha(b):
    return hashlib.sha256(hashlib.sha256(b).digest()).digest()


def b58check(ver, payload):
    p = bytes([ver]) + payload
    return b58enc(p + dsha(p)[:4])


def b58check_ok(s):
    try:
        b = b58dec(s)
    except ValueError:
        return False
    return len(b) == 25 and b[0] in (0, 5) and dsha(b[:-4])[:4] == b[-4:]


BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def bech_polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (b >> i) & 1 else 0
    return chk


def hrp_expand(h):
    return [ord(x) >> 5 for x in h] + [0] + [ord(x) & 31 for x in h]


def convertbits(data, frm, to):
    acc = bits = 0
    out = []
    for v in data:
        acc = (acc << frm) | v
        bits += frm
        while bits >= to:
            bits -= to
            out.append((acc >> bits) & ((1 << to) - 1))
    if bits:
        out.append((acc << (to - bits)) & ((1 << to) - 1))
    return out


def bech32_addr(witver, prog, hrp="bc"):
    data = [witver] + convertbits(prog, 8, 5)
    const = 1 if witver == 0 else 0x2bc830a3
    pm = bech_polymod(hrp_expand(hrp) + data + [0] * 6) ^ const
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH[d] for d in data + chk)


def bech32_ok(s):
    s = s.lower()
    hrp, _, rest = s.rpartition("1")
    if not hrp or any(c not in BECH for c in rest) or len(rest) < 7:
        return False
    data = [BECH.index(c) for c in rest]
    pm = bech_polymod(hrp_expand(hrp) + data)
    return pm == (1 if data[0] == 0 else 0x2bc830a3)


# Keccak-256 (original padding) ---------------------------------------------
_RC = [0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
       0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
       0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
       0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
       0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008]
_ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
M64 = (1 << 64) - 1


def _rol(x, n):
    return ((x << n) | (x >> (64 - n))) & M64 if n else x


def _kf(A):
    for rnd in range(24):
        C = [A[x][0] ^ A[x][1] ^ A[x][2] ^ A[x][3] ^ A[x][4] for x in range(5)]
        D = [C[(x - 1) % 5] ^ _rol(C[(x + 1) % 5], 1) for x in range(5)]
        A = [[A[x][y] ^ D[x] for y in range(5)] for x in range(5)]
        B = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                B[y][(2 * x + 3 * y) % 5] = _rol(A[x][y], _ROT[x][y])
        A = [[B[x][y] ^ ((~B[(x + 1) % 5][y]) & B[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        A[0][0] ^= _RC[rnd]
    return A


def keccak256(data):
    rate = 136
    p = bytearray(data) + b"\x01"
    while len(p) % rate:
        p += b"\0"
    p[-1] |= 0x80
    A = [[0] * 5 for _ in range(5)]
    for off in range(0, len(p), rate):
        blk = p[off:off + rate]
        for i in range(rate // 8):
            x, y = i % 5, i // 5
            A[x][y] ^= int.from_bytes(blk[8 * i:8 * i + 8], "little")
        A = _kf(A)
    out = b""
    for i in range(4):
        out += A[i % 5][i // 5].to_bytes(8, "little")
    return out


def eip55(hex40):
    h = keccak256(hex40.lower().encode()).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(h[i], 16) >= 8 else c for i, c in enumerate(hex40.lower()))


def eip55_ok(a):
    if not a.startswith("0x") or len(a) != 42:
        return False
    return eip55(a[2:]) == a


def btc_wallet(kind=None):
    kind = kind or R.choice(["p2pkh", "p2sh", "wpkh", "tr", "eth", "eth"])
    rb = lambda n: bytes(R.getrandbits(8) for _ in range(n))
    if kind == "p2pkh":
        return b58check(0, rb(20))
    if kind == "p2sh":
        return b58check(5, rb(20))
    if kind == "wpkh":
        return bech32_addr(0, rb(20))
    if kind == "tr":
        return bech32_addr(1, rb(32))
    while True:
        v = eip55(rb(20).hex())
        if any(c.isupper() for c in v[2:]) and any(c in "abcdef" for c in v[2:]):
            return v


def wallet_ok(v):
    if v.startswith("0x"):
        return eip55_ok(v)
    if v.lower().startswith("bc1"):
        return bech32_ok(v)
    return b58check_ok(v)


def wallet_bad():
    v = btc_wallet(R.choice(["p2pkh", "wpkh", "eth"]))
    i = len(v) - 3
    if v.startswith("0x"):
        # flip case of a letter
        for j in range(len(v) - 1, 2, -1):
            if v[j].isalpha():
                return v[:j] + v[j].swapcase() + v[j + 1:]
    alpha = BECH if v.startswith("bc1") else B58
    c = alpha[(alpha.index(v[i]) + 1) % len(alpha)]
    return v[:i] + c + v[i + 1:]


# ------------------------------------------------------------------ tokens
def b62(n, width=6):
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(width, "0")


def crc_tok(prefix):
    body = rs(B62, 30)
    return prefix + body + b62(zlib.crc32(body.encode()) & 0xffffffff)


def crc_tok_ok(v):
    pre, _, rest = v.partition("_")
    if len(rest) != 36:
        return False
    return b62(zlib.crc32(rest[:30].encode()) & 0xffffffff) == rest[30:]


def crc_tok_bad(prefix):
    v = crc_tok(prefix)
    c = v[-1]
    return v[:-1] + B62[(B62.index(c) + 11) % 62]


def github_token():
    if R.random() < 0.25:
        return "github_pat_11" + rs(UP + DIG, 20) + "_" + rs(ALNUM, 59)
    return crc_tok(R.choice(["ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"]))


def gh_ok(v):
    if v.startswith("github_pat_"):
        return len(v) == 93 and v[33] == "_"
    return v[:4] in ("ghp_", "gho_", "ghu_", "ghs_", "ghr_") and crc_tok_ok(v)


def npm_token():
    return crc_tok("npm_")


URLSAFE = ALNUM + "_-"


def aws_akid():
    return R.choice(["AKIA", "AKIA", "ASIA"]) + rs(UP + "234567", 16)


def aws_secret():
    while True:
        v = rs(ALNUM + "/+", 40)
        if any(c.isdigit() for c in v) and any(c.islower() for c in v):
            return v


def gitlab_token():
    return R.choice(["glpat-", "glpat-", "glrt-", "gldt-", "glft-"]) + rs(URLSAFE, 20)


def slack_token():
    k = R.choice(["xoxb", "xoxb", "xoxp", "xoxe", "xapp", "xoxa"])
    if k == "xoxb":
        return "xoxb-%s-%s-%s" % (rs(DIG, 12), rs(DIG, 13), rs(ALNUM, 24))
    if k == "xoxp":
        return "xoxp-%s-%s-%s-%s" % (rs(DIG, 11), rs(DIG, 12), rs(DIG, 13), rs("0123456789abcdef", 32))
    if k == "xoxe":
        return "xoxe.xoxp-1-" + rs(ALNUM, 140) if R.random() < 0.3 else "xoxe-1-" + rs(ALNUM, 120)
    if k == "xoxa":
        return "xoxa-2-%s-%s-%s-%s" % (rs(DIG, 12), rs(DIG, 12), rs(DIG, 13), rs("0123456789abcdef", 32))
    return "xapp-1-A%s-%s-%s" % (rs(UP + DIG, 10), rs(DIG, 13), rs("0123456789abcdef", 64))


def slack_webhook():
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(UP + DIG, R.choice([8, 10])), rs(UP + DIG, R.choice([8, 10])), rs(ALNUM, 24))


def stripe_key():
    return R.choice(["sk_live_", "sk_live_", "rk_live_", "sk_test_"]) + rs(ALNUM, R.choice([24, 34, 99]))


def google_key():
    return "AIza" + "Sy" + rs(URLSAFE, 33)


def openai_key():
    k = R.choice(["proj", "proj", "svcacct", "admin", "legacy"])
    if k == "legacy":
        return "sk-" + rs(ALNUM, 20) + "T3BlbkFJ" + rs(ALNUM, 20)
    return "sk-%s-" % k + rs(URLSAFE, 74) + "T3BlbkFJ" + rs(URLSAFE, 74)


def openai_ok(v):
    if v.startswith(("sk-proj-", "sk-svcacct-", "sk-admin-")):
        pre = v[:v.index("-", 3) + 1]
        rest = v[len(pre):]
        return len(rest) == 156 and rest[74:82] == "T3BlbkFJ"
    return v.startswith("sk-") and len(v) == 51 and v[23:31] == "T3BlbkFJ"


def anthropic_key():
    p = R.choice(["sk-ant-api03-", "sk-ant-api03-", "sk-ant-admin01-"])
    return p + rs(URLSAFE, 93) + "AA"


def anthropic_ok(v):
    for p in ("sk-ant-api03-", "sk-ant-admin01-"):
        if v.startswith(p):
            return len(v) == len(p) + 95 and v.endswith("AA")
    return False


def hf_token():
    return "hf_" + rs(UP + LO, 34)


def sendgrid_key():
    return "SG." + rs(URLSAFE, 22) + "." + rs(URLSAFE, 43)


def twilio_key():
    return "SK" + rs("0123456789abcdef", 32)


def azure_key():
    return base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode()


def b64u(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def b64u_dec(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def pypi_token():
    ident = "%08x-%04x-4%03x-%04x-%012x" % (R.getrandbits(32), R.getrandbits(16), R.getrandbits(12),
                                           0x8000 | R.getrandbits(14), R.getrandbits(48))
    cav = json.dumps({"version": 1, "permissions": R.choice(["user", {"projects": [R.choice(["acme-sdk", "tidyplot", "fastkv", "weathr"])]}])}, separators=(",", ":")).encode()
    b = b"\x02\x01\x08pypi.org\x02" + bytes([len(ident)]) + ident.encode() + b"\x00\x02" + bytes([len(cav)]) + cav + b"\x00\x00\x06\x20" + bytes(R.getrandbits(8) for _ in range(32))
    return "pypi-" + b64u(b)


def pypi_ok(v):
    if not v.startswith("pypi-AgEIcHlwaS5vcmc") or len(v) < 150:
        return False
    try:
        b = b64u_dec(v[5:])
    except Exception:
        return False
    return b[:11] == b"\x02\x01\x08pypi.org" and b[-34:-32] == b"\x06\x20"


def jwt(claims=None, alg=None):
    alg = alg or R.choice(["RS256", "HS256", "ES256", "RS256"])
    hdr = {"alg": alg, "typ": "JWT"}
    if alg != "HS256":
        hdr["kid"] = rs("0123456789abcdef", 16)
    claims = claims or {"sub": rs(DIG, 8), "iat": 1760000000 + R.randint(0, 9999999)}
    claims.setdefault("exp", claims.get("iat", 1760000000) + 3600)
    sig = {"RS256": 256, "HS256": 32, "ES256": 64}[alg]
    return ".".join([b64u(json.dumps(hdr, separators=(",", ":")).encode()),
                     b64u(json.dumps(claims, separators=(",", ":")).encode()),
                     b64u(bytes(R.getrandbits(8) for _ in range(sig)))])


def jwt_ok(v):
    p = v.split(".")
    if len(p) != 3:
        return False
    try:
        h = json.loads(b64u_dec(p[0]))
        c = json.loads(b64u_dec(p[1]))
    except Exception:
        return False
    return isinstance(h, dict) and "alg" in h and isinstance(c, dict)


def password():
    k = R.random()
    if k < 0.3:
        w = R.choice(["Falcon", "Harbor", "Quartz", "Maple", "Orbit", "Tundra", "Cobalt", "Saffron", "Juniper", "Vortex"])
        return w + R.choice(["!", "#", "@", "$", "_", "."]) + rs(DIG, R.randint(2, 4)) + R.choice(["", "x", "Q", "!"])
    if k < 0.55:
        return rs(ALNUM + "!#%^*-_+=~", R.randint(14, 24))
    if k < 0.75:
        return "-".join(R.choice(["violet", "anchor", "pepper", "glacier", "tiger", "velvet", "copper", "meadow", "lantern", "static"]) for _ in range(3)) + str(R.randint(1, 99))
    return rs(ALNUM, R.randint(16, 32))


def db_password():
    k = R.random()
    if k < 0.2:
        return rs(ALNUM, 6) + "%40" + rs(ALNUM, 5) + "%21" + rs(DIG, 3)
    if k < 0.3:
        return rs(ALNUM, 8) + "%2F" + rs(ALNUM, 8)
    return rs(ALNUM + "_-.~", R.randint(12, 26))


# ------------------------------------------------------------------ PEM
def _len(n):
    if n < 128:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body):
    return bytes([tag]) + _len(len(body)) + body


def der_int(n):
    b = n.to_bytes(max(1, (n.bit_length() + 8) // 8), "big")
    return tlv(0x02, b)


def der_seq(*xs):
    return tlv(0x30, b"".join(xs))


def der_oid(s):
    p = [int(x) for x in s.split(".")]
    out = bytes([40 * p[0] + p[1]])
    for v in p[2:]:
        enc = [v & 0x7f]
        v >>= 7
        while v:
            enc.append(0x80 | (v & 0x7f))
            v >>= 7
        out += bytes(reversed(enc))
    return tlv(0x06, out)


def _is_prime(n, rng):
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(20):
        a = rng.randrange(2, n - 1)
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


def _prime(bits, rng):
    while True:
        c = rng.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if _is_prime(c, rng):
            return c


_RSA_POOL = []


def rsa_pool(n=10):
    if not _RSA_POOL:
        rng = random.Random(8008)
        e = 65537
        while len(_RSA_POOL) < n:
            p, q = _prime(512, rng), _prime(512, rng)
            lam = (p - 1) * (q - 1) // __import__("math").gcd(p - 1, q - 1)
            if p == q or __import__("math").gcd(e, lam) != 1:
                continue
            d = pow(e, -1, lam)
            _RSA_POOL.append((p * q, e, d, p, q))
    return _RSA_POOL


def rsa_der(pkcs8=False):
    n, e, d, p, q = R.choice(rsa_pool())
    k1 = der_seq(der_int(0), der_int(n), der_int(e), der_int(d), der_int(p), der_int(q),
                 der_int(d % (p - 1)), der_int(d % (q - 1)), der_int(pow(q, -1, p)))
    if not pkcs8:
        return k1
    return der_seq(der_int(0), der_seq(der_oid("1.2.840.113549.1.1.1"), b"\x05\x00"), tlv(0x04, k1))


P256 = (0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff,
        0xffffffff00000001000000000000000000000000fffffffffffffffffffffffc,
        0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b,
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
    return (x, (lam * (P[0] - x) - P[1]) % p)


def ec_mul(k, P):
    R_ = None
    while k:
        if k & 1:
            R_ = _ec_add(R_, P)
        P = _ec_add(P, P)
        k >>= 1
    return R_


def ec_der():
    d = R.randrange(1, P256[5])
    x, y = ec_mul(d, (P256[3], P256[4]))
    pub = b"\x04" + x.to_bytes(32, "big") + y.to_bytes(32, "big")
    return der_seq(der_int(1), tlv(0x04, d.to_bytes(32, "big")), tlv(0xa0, der_oid("1.2.840.10045.3.1.7")),
                   tlv(0xa1, tlv(0x03, b"\x00" + pub)))


def _ssh_str(b):
    return len(b).to_bytes(4, "big") + b


def openssh_blob(comment="deploy@ci"):
    pub = bytes(R.getrandbits(8) for _ in range(32))
    priv = bytes(R.getrandbits(8) for _ in range(32)) + pub
    pk = _ssh_str(b"ssh-ed25519") + _ssh_str(pub)
    chk = R.getrandbits(32).to_bytes(4, "big")
    sec = chk + chk + pk + _ssh_str(priv) + _ssh_str(comment.encode())
    i = 1
    while len(sec) % 8:
        sec += bytes([i])
        i += 1
    return (b"openssh-key-v1\x00" + _ssh_str(b"none") + _ssh_str(b"none") + _ssh_str(b"") + (1).to_bytes(4, "big")
            + _ssh_str(pk) + _ssh_str(sec))


def enc_pkcs8_der():
    salt = bytes(R.getrandbits(8) for _ in range(16))
    iv = bytes(R.getrandbits(8) for _ in range(16))
    alg = der_seq(der_oid("1.2.840.113549.1.5.13"),
                  der_seq(der_seq(der_oid("1.2.840.113549.1.5.12"), der_seq(tlv(0x04, salt), der_int(2048),
                                                                          der_seq(der_oid("1.2.840.113549.2.9"), b"\x05\x00"))),
                          der_seq(der_oid("2.16.840.1.101.3.4.1.42"), tlv(0x04, iv))))
    return der_seq(alg, tlv(0x04, bytes(R.getrandbits(8) for _ in range(656))))


def crc24(b):
    crc = 0xB704CE
    for byte in b:
        crc ^= byte << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def pgp_body():
    t = int(1760000000 + R.randint(0, 9999999)).to_bytes(4, "big")
    body = b"\x04" + t + b"\x16" + der_oid("1.3.6.1.4.1.11591.15.1")[1:] + b"\x01\x07\x40" + bytes(R.getrandbits(8) for _ in range(32))
    body += b"\x00\x01\x00" + bytes(R.getrandbits(8) for _ in range(32)) + b"\x12\x34"
    pkt = bytes([0x94, len(body)]) + body
    uid = "Release Signing <release@%s>" % R.choice(["tidyplot.dev", "fastkv.io", "weathr.app"])
    pkt += bytes([0xb4, len(uid)]) + uid.encode()
    return pkt


def wrap(s, n=64):
    return "\n".join(s[i:i + n] for i in range(0, len(s), n))


_PEM_CYCLE = [0]


def pem(kind=None):
    """Return a PEM private key block with '\n' line breaks."""
    if kind is None:
        _PEM_CYCLE[0] += 1
        kind = ["rsa", "pgp", "enc", "ec", "openssh", "pkcs8"][_PEM_CYCLE[0] % 6]
    if kind == "rsa":
        return "-----BEGIN RSA PRIVATE KEY-----\n" + wrap(base64.b64encode(rsa_der()).decode()) + "\n-----END RSA PRIVATE KEY-----"
    if kind == "pkcs8":
        return "-----BEGIN PRIVATE KEY-----\n" + wrap(base64.b64encode(rsa_der(True)).decode()) + "\n-----END PRIVATE KEY-----"
    if kind == "ec":
        return "-----BEGIN EC PRIVATE KEY-----\n" + wrap(base64.b64encode(ec_der()).decode()) + "\n-----END EC PRIVATE KEY-----"
    if kind == "openssh":
        return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + wrap(base64.b64encode(openssh_blob()).decode(), 70) + "\n-----END OPENSSH PRIVATE KEY-----"
    if kind == "enc":
        return "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + wrap(base64.b64encode(enc_pkcs8_der()).decode()) + "\n-----END ENCRYPTED PRIVATE KEY-----"
    b = pgp_body()
    c = base64.b64encode(crc24(b).to_bytes(3, "big")).decode()
    return ("-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: exported by gpg\n\n" + wrap(base64.b64encode(b).decode())
            + "\n=" + c + "\n-----END PGP PRIVATE KEY BLOCK-----")


def pem_ok(v):
    v = v.replace("\\n", "\n").strip()
    lines = [ln.strip() for ln in v.split("\n")]
    if not lines[0].startswith("-----BEGIN ") or not lines[-1].startswith("-----END "):
        return False
    label = lines[0][11:-5]
    if lines[-1][9:-5] != label or "PRIVATE KEY" not in label:
        return False
    body = [ln for ln in lines[1:-1] if ln and ":" not in ln]
    if label.startswith("PGP"):
        crc = body[-1]
        raw = base64.b64decode("".join(body[:-1]))
        return crc.startswith("=") and base64.b64decode(crc[1:]) == crc24(raw).to_bytes(3, "big")
    raw = base64.b64decode("".join(body))
    if label == "OPENSSH PRIVATE KEY":
        return raw.startswith(b"openssh-key-v1\x00")
    return raw[0] == 0x30


def pem_public():
    n, e = R.choice(rsa_pool())[:2]
    spki = der_seq(der_seq(der_oid("1.2.840.113549.1.1.1"), b"\x05\x00"), tlv(0x03, b"\x00" + der_seq(der_int(n), der_int(e))))
    return "-----BEGIN PUBLIC KEY-----\n" + wrap(base64.b64encode(spki).decode()) + "\n-----END PUBLIC KEY-----"


def ssh_pub(user="ops@bastion"):
    return "ssh-ed25519 " + base64.b64encode(_ssh_str(b"ssh-ed25519") + _ssh_str(bytes(R.getrandbits(8) for _ in range(32)))).decode() + " " + user


# ------------------------------------------------------------------ misc
def uuid4():
    return "%08x-%04x-4%03x-%04x-%012x" % (R.getrandbits(32), R.getrandbits(16), R.getrandbits(12), 0x8000 | R.getrandbits(14), R.getrandbits(48))


def hexs(n):
    return rs("0123456789abcdef", n)


def mac(style=None):
    b = [R.getrandbits(8) for _ in range(6)]
    b[0] &= 0xfc
    style = style or R.choice([":", ":", "-", ".", ":U"])
    if style == ".":
        h = "".join("%02x" % x for x in b)
        return h[:4] + "." + h[4:8] + "." + h[8:]
    if style == ":U":
        return ":".join("%02X" % x for x in b)
    if style == "-":
        return "-".join("%02X" % x for x in b)
    return ":".join("%02x" % x for x in b)


def ipv4():
    while True:
        a = R.randint(1, 223)
        b = R.randint(0, 255)
        if a in (10, 127, 0) or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168) or (a == 169 and b == 254) \
                or (a == 100 and 64 <= b <= 127) or (a == 192 and b == 0) or (a == 198 and b in (18, 19, 51)) or (a == 203 and b == 0):
            continue
        return "%d.%d.%d.%d" % (a, b, R.randint(0, 255), R.randint(1, 254))


def ipv4_private():
    return R.choice(["10.%d.%d.%d" % (R.randint(0, 255), R.randint(0, 255), R.randint(1, 254)),
                     "192.168.%d.%d" % (R.randint(0, 255), R.randint(1, 254)),
                     "172.%d.%d.%d" % (R.randint(16, 31), R.randint(0, 255), R.randint(1, 254)),
                     "127.0.0.1"])


def ipv6():
    pre = R.choice(["2a02:%x" % R.randint(0x1000, 0xffff), "2600:%x" % R.randint(0x1000, 0x1fff), "2a01:%x" % R.randint(0x100, 0xfff),
                    "2406:%x" % R.randint(0x1000, 0xffff), "2804:%x" % R.randint(0x1000, 0xffff)])
    groups = ["%x" % R.randint(0, 0xffff) for _ in range(6)]
    if R.random() < 0.5:
        return pre + ":" + ":".join(groups)
    return pre + ":" + groups[0] + "::" + groups[4] + ":" + groups[5]


def ip():
    return ipv6() if R.random() < 0.18 else ipv4()


def ip_ok(v):
    if ":" in v:
        return not v.lower().startswith(("2001:db8", "fe80", "::1", "fc", "fd"))
    p = v.split(".")
    return len(p) == 4 and all(x.isdigit() and 0 <= int(x) <= 255 for x in p)


def dob(lo=1938, hi=2008):
    y = R.randint(lo, hi)
    m = R.randint(1, 12)
    d = R.randint(1, 28 if m == 2 else 30)
    return (y, m, d)


ICD10 = ["E11.65", "I48.91", "J45.909", "M54.16", "N39.0", "K21.9", "F41.1", "G47.33", "E78.5", "I25.10", "R07.89",
         "S82.201A", "T78.40XA", "Z79.4", "L40.0", "H40.11X1", "M17.12", "J18.9", "K57.30", "N18.31", "E03.9", "D50.9",
         "F33.1", "G43.009", "I63.9", "O24.419", "C50.911", "R51.9", "S06.0X0A", "B18.2", "E66.01", "M81.0", "J44.1",
         "K50.90", "A41.9", "I50.22", "Z34.82", "F90.0", "R73.03", "N40.1"]


def icd10(dot=True):
    c = R.choice(ICD10)
    return c if dot else c.replace(".", "")


def icd_ok(v):
    v = v.replace(".", "")
    return 3 <= len(v) <= 7 and v[0].isalpha() and v[1].isdigit()


VALIDATORS = {
    "CREDIT_CARD": lambda v: luhn_ok(only_digits(v)) and 13 <= len(only_digits(v)) <= 19,
    "IBAN": iban_ok,
    "US_BANK_ROUTING": aba_ok,
    "US_SSN": ssn_ok,
    "US_ITIN": itin_ok,
    "UK_NINO": nino_ok,
    "UK_NHS": nhs_ok,
    "CA_SIN": lambda v: luhn_ok(only_digits(v)) and len(only_digits(v)) == 9 and only_digits(v)[0] in "12345679",
    "IN_AADHAAR": aadhaar_ok,
    "IN_PAN": pan_ok,
    "ES_NIF": nif_ok,
    "IT_FISCAL_CODE": cf_ok,
    "NL_BSN": bsn_ok,
    "BR_CPF": cpf_ok,
    "PL_PESEL": pesel_ok,
    "SG_NRIC": nric_ok,
    "AU_TFN": tfn_ok,
    "CRYPTO_WALLET": wallet_ok,
    "IMEI": lambda v: len(only_digits(v)) == 15 and luhn_ok(only_digits(v)),
    "US_NPI": npi_ok,
    "US_DEA": dea_ok,
    "US_MBI": mbi_ok,
    "ICD10_CODE": icd_ok,
    "IP_ADDRESS": ip_ok,
    "AWS_ACCESS_KEY_ID": lambda v: len(v) == 20 and v[:4] in ("AKIA", "ASIA") and all(c in UP + "234567" for c in v[4:]),
    "AWS_SECRET_ACCESS_KEY": lambda v: len(v) == 40 and all(c in ALNUM + "/+" for c in v),
    "GITHUB_TOKEN": gh_ok,
    "NPM_TOKEN": lambda v: v.startswith("npm_") and crc_tok_ok(v),
    "GITLAB_TOKEN": lambda v: v.split("-", 1)[0] in ("glpat", "glrt", "gldt", "glft") and len(v.split("-", 1)[1]) == 20,
    "SLACK_TOKEN": lambda v: v[:5] in ("xoxb-", "xoxp-", "xoxa-", "xoxe-", "xoxe.", "xapp-"),
    "SLACK_WEBHOOK_URL": lambda v: v.startswith("https://hooks.slack.com/services/T") and len(v.rsplit("/", 1)[1]) == 24,
    "STRIPE_SECRET_KEY": lambda v: v[:8] in ("sk_live_", "sk_test_", "rk_live_") and 24 <= len(v) - 8 <= 99 and v[8:].isalnum(),
    "GOOGLE_API_KEY": lambda v: v.startswith("AIza") and len(v) == 39,
    "JWT": jwt_ok,
    "OPENAI_API_KEY": openai_ok,
    "ANTHROPIC_API_KEY": anthropic_ok,
    "HUGGINGFACE_TOKEN": lambda v: v.startswith("hf_") and len(v) == 37 and v[3:].isalpha(),
    "PYPI_TOKEN": pypi_ok,
    "AZURE_STORAGE_KEY": lambda v: len(v) == 88 and v.endswith("==") and len(base64.b64decode(v)) == 64,
    "SENDGRID_API_KEY": lambda v: v.startswith("SG.") and len(v) == 69 and v[25] == ".",
    "TWILIO_API_KEY": lambda v: v.startswith("SK") and len(v) == 34 and all(c in "0123456789abcdef" for c in v[2:]),
    "PRIVATE_KEY": pem_ok,
    "EMAIL_ADDRESS": lambda v: "@" in v and "." in v.split("@")[1],
}


def selftest():
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert npi_ok("1234567893")
    assert iban_ok("GB82WEST12345698765432") and iban_ok("DE89370400440532013000")
    assert iban_ok("ES9121000418450200051332") and iban_ok("BE68539007547034") and iban_ok("NL91ABNA0417164300")
    assert iban_ok("IT60X0542811101000000123456") and iban_ok("NO9386011117947")
    assert iban_ok("PT50000201231234567890154")
    assert aba_ok("011000015") and aba_ok("021000021")
    assert nhs_ok("9434765919")
    assert verhoeff_ok("2363") and verhoeff_digit("236") == "3"
    assert bsn_ok("111222333")
    assert cpf_ok("111.444.777-35")
    assert pesel_ok("44051401359")
    assert nric_ok("S1234567D")
    assert tfn_ok("123456782")
    assert dea_ok("AB1234563")
    assert nif_ok("12345678Z") and nif_ok("X1234567L")
    assert cf_ok("RSSMRA85T10A562S")
    assert b58check_ok("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
    assert bech_polymod(hrp_expand("a") + [BECH.index(c) for c in "2uel5l"]) == 1
    assert bech_polymod(hrp_expand("a") + [BECH.index(c) for c in "lqfn3a"]) == 0x2bc830a3
    assert bech32_ok("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")
    assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    assert eip55_ok("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed") and eip55_ok("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")
    assert crc_tok_ok("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")
    assert crc24(b"") == 0xB704CE
    for _ in range(5):
        assert pem_ok(pem("ec")) and pem_ok(pem("rsa")) and pem_ok(pem("pgp")) and pem_ok(pem("openssh"))
    # EC public point lies on the curve
    x, y = ec_mul(12345, (P256[3], P256[4]))
    assert (y * y - (x * x * x + P256[1] * x + P256[2])) % P256[0] == 0
    for t in range(50):
        assert iban_ok(iban()) and not iban_ok(iban_bad())
        assert wallet_ok(btc_wallet()) and not wallet_ok(wallet_bad())
        assert not crc_tok_ok(crc_tok_bad("ghp_"))
    return True
