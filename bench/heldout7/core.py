"""heldout7 value generators and validators (standard library only).

Every checksum scheme is implemented here from the public specifications and checked against reference
vectors in selftest().  gen.py imports this module.
"""
import base64
import hashlib
import json
import re
import string
import zlib

# ------------------------------------------------------------------ helpers
DIG = string.digits
UP = string.ascii_uppercase
LOW = string.ascii_lowercase
ALNUM = DIG + UP + LOW
B62 = DIG + UP + LOW
URLSAFE = ALNUM + "-_"


def rs(R, n, alpha=ALNUM):
    return "".join(R.choice(alpha) for _ in range(n))


def dstr(s):
    return "".join(c for c in s if c.isdigit())


def digits_of(s):
    return [int(c) for c in s if c.isdigit()]


# ------------------------------------------------------------------ Luhn family
def luhn_ok(num):
    d = digits_of(num)
    if not d:
        return False
    s = 0
    for i, x in enumerate(reversed(d)):
        if i % 2 == 1:
            x *= 2
            if x > 9:
                x -= 9
        s += x
    return s % 10 == 0


def luhn_complete(prefix):
    for c in DIG:
        if luhn_ok(prefix + c):
            return prefix + c


CARD_IIN = [("visa", ["4"], 16), ("visa", ["4"], 16), ("mc", ["51", "52", "53", "54", "55"], 16),
            ("mc2", [str(x) for x in range(2221, 2721)], 16), ("amex", ["34", "37"], 15),
            ("discover", ["6011", "644", "645", "65"], 16), ("jcb", [str(x) for x in range(3528, 3590)], 16),
            ("diners", ["36", "300", "305", "38"], 14), ("unionpay", ["62"], 16), ("unionpay", ["62"], 19)]


def card(R, brand=None):
    opts = [c for c in CARD_IIN if brand is None or c[0] == brand]
    _, pre, ln = R.choice(opts)
    p = R.choice(pre)
    return luhn_complete(p + rs(R, ln - len(p) - 1, DIG))


def fmt_card(R, c, style=None):
    style = style or R.choice(["space", "space", "dash", "bare"])
    if style == "bare":
        return c
    sep = " " if style == "space" else "-"
    if len(c) == 15:
        g = [c[:4], c[4:10], c[10:]]
    elif len(c) == 14:
        g = [c[:4], c[4:10], c[10:]]
    else:
        g = [c[i:i + 4] for i in range(0, len(c), 4)]
    return sep.join(g)


def card_bad(R):
    c = card(R, "visa")
    last = (int(c[-1]) + R.randint(1, 9)) % 10
    return c[:-1] + str(last)


def npi(R):
    while True:
        b = R.choice("12") + rs(R, 8, DIG)
        for c in DIG:
            if luhn_ok("80840" + b + c):
                return b + c


def npi_ok(v):
    v = dstr(v)
    return len(v) == 10 and v[0] in "12" and luhn_ok("80840" + v)


def sin(R):
    return luhn_complete(R.choice("1234567") + rs(R, 7, DIG))


def sin_ok(v):
    v = dstr(v)
    return len(v) == 9 and v[0] in "12345679" and luhn_ok(v)


TACS = ["35391110", "35290611", "35875208", "35332509", "86012703", "35693803", "01332700", "35467811",
        "86891004", "35209900", "35916710", "49015420", "35847309", "86769204"]


def imei(R):
    return luhn_complete(R.choice(TACS) + rs(R, 6, DIG))


def imei_ok(v):
    v = dstr(v)
    return len(v) == 15 and luhn_ok(v)


# ------------------------------------------------------------------ IBAN
def _ibank(s):
    return int("".join(str(int(c, 36)) for c in s))


def iban_ok(v):
    v = re.sub(r"\s", "", v).upper()
    L = {"DE": 22, "GB": 22, "FR": 27, "ES": 24, "IT": 27, "NL": 18, "BE": 16, "CH": 21, "AT": 20, "PL": 28,
         "IE": 22, "PT": 25, "SE": 24, "NO": 15}
    if v[:2] not in L or len(v) != L[v[:2]]:
        return False
    if _ibank(v[4:] + v[:4]) % 97 != 1:
        return False
    return bban_ok(v[:2], v[4:])


CF_ODD = {}
for _k, _v in zip(DIG, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]):
    CF_ODD[_k] = _v
for _k, _v in zip(UP, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]):
    CF_ODD[_k] = _v


def cf_even(c):
    return int(c) if c.isdigit() else ord(c) - 65


def cf_char(s15):
    t = 0
    for i, c in enumerate(s15):
        t += CF_ODD[c] if i % 2 == 0 else cf_even(c)
    return chr(65 + t % 26)


def es_dc(s10):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    d = 11 - sum(int(a) * b for a, b in zip(s10, w)) % 11
    return {11: 0, 10: 1}.get(d, d)


def no_check(s10):
    w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    d = 11 - sum(int(a) * b for a, b in zip(s10, w)) % 11
    return 0 if d == 11 else (None if d == 10 else d)


def bban_ok(cc, b):
    if cc == "FR":
        bank, br, acc, key = b[:5], b[5:10], b[10:21], b[21:23]
        return 97 - (89 * int(bank) + 15 * int(br) + 3 * int(acc)) % 97 == int(key)
    if cc == "ES":
        return int(b[8]) == es_dc("00" + b[:8]) and int(b[9]) == es_dc(b[10:20])
    if cc == "IT":
        return cf_char(b[1:23]) == b[0]  # check char over ABI+CAB+conto (22 chars) -- see note in bban_it
    if cc == "BE":
        r = int(b[:10]) % 97
        return (r or 97) == int(b[10:12])
    if cc == "NL":
        return sum(int(c) * (10 - i) for i, c in enumerate(b[4:14])) % 11 == 0
    if cc == "PT":
        return 98 - (int(b[:19]) * 100) % 97 == int(b[19:21])
    if cc == "NO":
        return no_check(b[:10]) == int(b[10])
    return True


def bban(R, cc):
    while True:
        if cc == "DE":
            return rs(R, 8, DIG) + rs(R, 10, DIG)
        if cc == "GB":
            return R.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "SCBL", "MONZ", "REVO"]) + rs(R, 14, DIG)
        if cc == "FR":
            bank, br, acc = rs(R, 5, DIG), rs(R, 5, DIG), rs(R, 11, DIG)
            key = 97 - (89 * int(bank) + 15 * int(br) + 3 * int(acc)) % 97
            return f"{bank}{br}{acc}{key:02d}"
        if cc == "ES":
            bank, br, acc = rs(R, 4, DIG), rs(R, 4, DIG), rs(R, 10, DIG)
            return f"{bank}{br}{es_dc('00' + bank + br)}{es_dc(acc)}{acc}"
        if cc == "IT":
            rest = rs(R, 5, DIG) + rs(R, 5, DIG) + rs(R, 12, DIG)
            return cf_char(rest) + rest
        if cc == "NL":
            acc = rs(R, 10, DIG)
            if sum(int(c) * (10 - i) for i, c in enumerate(acc)) % 11 != 0:
                continue
            return R.choice(["ABNA", "INGB", "RABO", "SNSB", "TRIO", "KNAB", "BUNQ"]) + acc
        if cc == "BE":
            f = rs(R, 10, DIG)
            r = int(f) % 97
            return f + f"{r or 97:02d}"
        if cc == "CH":
            return rs(R, 5, DIG) + rs(R, 12, DIG)
        if cc == "AT":
            return rs(R, 16, DIG)
        if cc == "PL":
            return rs(R, 24, DIG)
        if cc == "IE":
            return R.choice(["AIBK", "BOFI", "IPBS", "ULSB"]) + rs(R, 14, DIG)
        if cc == "PT":
            f = "00" + rs(R, 17, DIG)
            return f + f"{98 - (int(f) * 100) % 97:02d}"
        if cc == "SE":
            return rs(R, 20, DIG)
        if cc == "NO":
            f = rs(R, 10, DIG)
            c = no_check(f)
            if c is None:
                continue
            return f + str(c)


def iban(R, cc=None):
    cc = cc or R.choice(["DE", "GB", "FR", "ES", "IT", "NL", "BE", "CH", "AT", "PL", "IE", "PT", "SE", "NO"])
    b = bban(R, cc)
    chk = 98 - _ibank(b + cc + "00") % 97
    v = f"{cc}{chk:02d}{b}"
    assert iban_ok(v), v
    return v


def iban_bad(R, cc=None):
    v = iban(R, cc)
    c = int(v[2:4])
    c2 = (c + R.randint(1, 40)) % 97
    c2 = max(c2, 2)
    return v[:2] + f"{c2:02d}" + v[4:]


def fmt_iban(R, v, style=None):
    style = style or R.choice(["group", "group", "bare"])
    if style == "bare":
        return v
    return " ".join(v[i:i + 4] for i in range(0, len(v), 4))


# ------------------------------------------------------------------ US
def aba_ok(v):
    d = digits_of(v)
    if len(d) != 9:
        return False
    p = int(v[:2])
    if not (1 <= p <= 12 or 21 <= p <= 32 or 61 <= p <= 72 or p == 80):
        return False
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0


def aba(R):
    p = R.choice(list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)))
    s = f"{p:02d}" + rs(R, 6, DIG)
    d = digits_of(s)
    c = (10 - (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])) % 10) % 10
    return s + str(c)


def ssn(R, sep="-"):
    while True:
        a = R.randint(1, 899)
        if a == 666:
            continue
        g, s = R.randint(1, 99), R.randint(1, 9999)
        v = f"{a:03d}{sep}{g:02d}{sep}{s:04d}"
        if v.replace(sep, "") in ("078051120", "219099999", "123456789"):
            continue
        return v


def ssn_ok(v):
    d = dstr(v)
    if len(d) != 9:
        return False
    a, g, s = int(d[:3]), int(d[3:5]), int(d[5:])
    return 1 <= a <= 899 and a != 666 and g >= 1 and s >= 1


ITIN_G = list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100))


def itin(R, sep="-"):
    return f"9{R.randint(0, 99):02d}{sep}{R.choice(ITIN_G):02d}{sep}{R.randint(0, 9999):04d}"


def itin_ok(v):
    d = dstr(v)
    return len(d) == 9 and d[0] == "9" and int(d[3:5]) in ITIN_G


def ssn_bad(R):
    return R.choice([f"666-{R.randint(10, 99)}-{R.randint(1000, 9999)}", f"000-{R.randint(10, 99)}-{R.randint(1000, 9999)}",
                     f"{R.randint(100, 899)}-00-{R.randint(1000, 9999)}", f"9{R.randint(10, 99)}-{R.choice([40, 41, 42, 93])}-{R.randint(1000, 9999)}"])


def passport_us(R):
    return R.choice([rs(R, 9, DIG), R.choice("ACEFGHJKLMNPRSTUVWXYZ") + rs(R, 8, DIG)])


MBI_A = "ACDEFGHJKMNPQRTUVWXY"


def mbi(R, dashed=False):
    an = MBI_A + DIG
    v = (R.choice("123456789") + R.choice(MBI_A) + R.choice(an) + R.choice(DIG) + R.choice(MBI_A) + R.choice(an) +
         R.choice(DIG) + R.choice(MBI_A) + R.choice(MBI_A) + R.choice(DIG) + R.choice(DIG))
    return v[:4] + "-" + v[4:7] + "-" + v[7:] if dashed else v


def mbi_ok(v):
    v = v.replace("-", "")
    if len(v) != 11:
        return False
    an = MBI_A + DIG
    cls = ["123456789", MBI_A, an, DIG, MBI_A, an, DIG, MBI_A, MBI_A, DIG, DIG]
    return all(c in k for c, k in zip(v, cls))


def dea(R, surname="X"):
    d = [R.randint(0, 9) for _ in range(6)]
    c = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return R.choice("ABFGMPR") + (surname[0].upper() if surname[0].isalpha() else "9") + "".join(map(str, d)) + str(c)


def dea_ok(v):
    if not re.fullmatch(r"[ABFGMPR][A-Z9]\d{7}", v):
        return False
    d = [int(c) for c in v[2:]]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


# ------------------------------------------------------------------ UK / CA / IN / EU / BR / PL / SG / AU
def nhs_ok(v):
    d = digits_of(v)
    if len(d) != 10:
        return False
    c = 11 - sum(d[i] * (10 - i) for i in range(9)) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def nhs(R):
    while True:
        b = R.choice("4567") + rs(R, 8, DIG)
        c = 11 - sum(int(b[i]) * (10 - i) for i in range(9)) % 11
        c = 0 if c == 11 else c
        if c != 10 and b + str(c) != "9434765919":
            return b + str(c)


NINO_P1 = [c for c in UP if c not in "DFIQUV"]
NINO_P2 = [c for c in UP if c not in "DFIQUVO"]


def nino(R, spaced=False):
    while True:
        p = R.choice(NINO_P1) + R.choice(NINO_P2)
        if p in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            continue
        d = rs(R, 6, DIG)
        s = R.choice("ABCD")
        if p + d + s == "QQ123456C":
            continue
        return f"{p} {d[:2]} {d[2:4]} {d[4:]} {s}" if spaced else p + d + s


def nino_ok(v):
    v = v.replace(" ", "")
    return (len(v) == 9 and v[0] in NINO_P1 and v[1] in NINO_P2 and v[:2] not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ")
            and v[2:8].isdigit() and v[8] in "ABCD")


VD = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
      [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
      [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
      [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
VP = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
      [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
      [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]
VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def verhoeff_ok(v):
    c = 0
    for i, x in enumerate(reversed(digits_of(v))):
        c = VD[c][VP[i % 8][x]]
    return c == 0


def verhoeff_digit(s):
    c = 0
    for i, x in enumerate(reversed(digits_of(s))):
        c = VD[c][VP[(i + 1) % 8][x]]
    return VINV[c]


def aadhaar(R):
    b = R.choice("23456789") + rs(R, 10, DIG)
    return b + str(verhoeff_digit(b))


def aadhaar_ok(v):
    d = dstr(v)
    return len(d) == 12 and d[0] in "23456789" and verhoeff_ok(d)


def pan(R, surname="K"):
    return rs(R, 3, UP) + R.choice("PPPPCHFATBLJG") + surname[0].upper() + rs(R, 4, DIG) + R.choice(UP)


def pan_ok(v):
    return bool(re.fullmatch(r"[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z]", v))


NIFL = "TRWAGMYFPDXBNJZSQVHLCKE"


def nif(R, nie=None):
    if nie is None:
        nie = R.random() < 0.35
    if nie:
        p = R.choice("XYZ")
        n = rs(R, 7, DIG)
        return p + n + NIFL[int(str("XYZ".index(p)) + n) % 23]
    n = rs(R, 8, DIG)
    if n == "12345678":
        n = "23456781"
    return n + NIFL[int(n) % 23]


def nif_ok(v):
    v = v.replace("-", "").upper()
    if re.fullmatch(r"\d{8}[A-Z]", v):
        return NIFL[int(v[:8]) % 23] == v[8]
    if re.fullmatch(r"[XYZ]\d{7}[A-Z]", v):
        return NIFL[int(str("XYZ".index(v[0])) + v[1:8]) % 23] == v[8]
    return False


def _cons(s):
    return [c for c in s.upper() if c.isalpha() and c not in "AEIOU"]


def _vow(s):
    return [c for c in s.upper() if c in "AEIOU"]


BELFIORE = ["H501", "F205", "L219", "F839", "G273", "A944", "D612", "L736", "D969", "C351", "B157", "E506", "L424",
            "A662", "G478", "H703", "D086", "C933"]
CF_MONTH = "ABCDEHLMPRST"


def fiscal_code(R, surname, name, y, m, d, female):
    s = (_cons(surname) + _vow(surname) + ["X"] * 3)[:3]
    c = _cons(name)
    n = [c[0], c[2], c[3]] if len(c) >= 4 else (c + _vow(name) + ["X"] * 3)[:3]
    day = d + (40 if female else 0)
    body = "".join(s) + "".join(n) + f"{y % 100:02d}" + CF_MONTH[m - 1] + f"{day:02d}" + R.choice(BELFIORE)
    return body + cf_char(body)


def fiscal_ok(v):
    return bool(re.fullmatch(r"[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z]", v)) and cf_char(v[:15]) == v[15]


def bsn(R):
    while True:
        b = R.choice("123456789") + rs(R, 7, DIG)
        s = sum(int(c) * w for c, w in zip(b, range(9, 1, -1))) % 11
        if s < 10 and b + str(s) != "111222333":
            return b + str(s)


def bsn_ok(v):
    v = dstr(v)
    if len(v) != 9:
        return False
    return (sum(int(c) * w for c, w in zip(v[:8], range(9, 1, -1))) - int(v[8])) % 11 == 0


def cpf(R, fmt=True):
    while True:
        b = [R.randint(0, 9) for _ in range(9)]
        if len(set(b)) == 1:
            continue
        d1 = sum(x * w for x, w in zip(b, range(10, 1, -1))) * 10 % 11 % 10
        d2 = sum(x * w for x, w in zip(b + [d1], range(11, 1, -1))) * 10 % 11 % 10
        s = "".join(map(str, b + [d1, d2]))
        if s == "11144477735":
            continue
        return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}" if fmt else s


def cpf_ok(v):
    d = digits_of(v)
    if len(d) != 11 or len(set(d)) == 1:
        return False
    d1 = sum(x * w for x, w in zip(d[:9], range(10, 1, -1))) * 10 % 11 % 10
    d2 = sum(x * w for x, w in zip(d[:10], range(11, 1, -1))) * 10 % 11 % 10
    return d[9] == d1 and d[10] == d2


def pesel(R, y, m, d, female):
    mm = m + (20 if y >= 2000 else 0)
    z = rs(R, 3, DIG) + str(R.choice([0, 2, 4, 6, 8] if female else [1, 3, 5, 7, 9]))
    b = f"{y % 100:02d}{mm:02d}{d:02d}{z}"
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    q = (10 - sum(int(c) * x for c, x in zip(b, w)) % 10) % 10
    return b + str(q)


def pesel_ok(v):
    if not re.fullmatch(r"\d{11}", v):
        return False
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    return (10 - sum(int(c) * x for c, x in zip(v, w)) % 10) % 10 == int(v[10])


NRIC_T = {"S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK", "G": "XWUTRQPNMLK", "M": "XWUTRQPNJLK"}


def nric_letter(p, d7):
    s = sum(int(c) * w for c, w in zip(d7, [2, 7, 6, 5, 4, 3, 2]))
    s += {"T": 4, "G": 4, "M": 3}.get(p, 0)
    return NRIC_T[p][s % 11]


def nric(R, p=None):
    p = p or R.choice("SSSTTFG")
    d = rs(R, 7, DIG)
    if p + d == "S1234567":
        d = "7654321"
    return p + d + nric_letter(p, d)


def nric_ok(v):
    return bool(re.fullmatch(r"[STFGM]\d{7}[A-Z]", v)) and nric_letter(v[0], v[1:8]) == v[8]


TFN_W = [1, 4, 3, 7, 5, 8, 6, 9, 10]


def tfn(R):
    while True:
        b = R.choice("1234578") + rs(R, 7, DIG)
        s = sum(int(c) * w for c, w in zip(b, TFN_W))
        for c in DIG:
            if (s + int(c) * 10) % 11 == 0:
                v = b + c
                if v not in ("123456782", "876543210"):
                    return v


def tfn_ok(v):
    d = digits_of(v)
    return len(d) == 9 and sum(x * w for x, w in zip(d, TFN_W)) % 11 == 0


def bad_digit(v):
    """flip the last digit of a digit-string value (for negatives)"""
    for i in range(len(v) - 1, -1, -1):
        if v[i].isdigit():
            return v[:i] + str((int(v[i]) + 3) % 10) + v[i + 1:]
    return v


# ------------------------------------------------------------------ crypto wallets
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


def btc_b58(R, ver=0):
    p = bytes([ver]) + bytes(R.getrandbits(8) for _ in range(20))
    return b58enc(p + dsha(p)[:4])


def b58check_ok(s):
    try:
        b = b58dec(s)
    except ValueError:
        return False
    return len(b) == 25 and b[0] in (0, 5) and dsha(b[:-4])[:4] == b[-4:]


BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BECH_GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]


def bech_polymod(vals):
    chk = 1
    for v in vals:
        b = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= BECH_GEN[i] if ((b >> i) & 1) else 0
    return chk


def hrp_exp(h):
    return [ord(x) >> 5 for x in h] + [0] + [ord(x) & 31 for x in h]


def convertbits(data, frm, to, pad=True):
    acc = bits = 0
    out = []
    maxv = (1 << to) - 1
    for v in data:
        acc = (acc << frm) | v
        bits += frm
        while bits >= to:
            bits -= to
            out.append((acc >> bits) & maxv)
    if pad and bits:
        out.append((acc << (to - bits)) & maxv)
    return out


def bech32_encode(hrp, witver, prog):
    data = [witver] + convertbits(prog, 8, 5)
    const = 1 if witver == 0 else 0x2bc830a3
    pm = bech_polymod(hrp_exp(hrp) + data + [0] * 6) ^ const
    return hrp + "1" + "".join(BECH[d] for d in data + [(pm >> 5 * (5 - i)) & 31 for i in range(6)])


def bech32_ok(s):
    s2 = s.lower()
    if s2 != s and s.upper() != s:
        return False
    if "1" not in s2:
        return False
    hrp, data = s2.rsplit("1", 1)
    try:
        d = [BECH.index(c) for c in data]
    except ValueError:
        return False
    pm = bech_polymod(hrp_exp(hrp) + d)
    if not d:
        return False
    return (d[0] == 0 and pm == 1) or (d[0] >= 1 and pm == 0x2bc830a3)


def btc_bech(R, v1=False):
    if v1:
        return bech32_encode("bc", 1, bytes(R.getrandbits(8) for _ in range(32)))
    return bech32_encode("bc", 0, bytes(R.getrandbits(8) for _ in range(R.choice([20, 20, 32]))))


# Keccak-256 (original padding)
_RC = [0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
       0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
       0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
       0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
       0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008]
_ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
_M = (1 << 64) - 1


def _rol(x, n):
    return ((x << n) | (x >> (64 - n))) & _M if n else x


def _kf(A):
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
    m = bytearray(data)
    m.append(0x01)
    while len(m) % rate:
        m.append(0)
    m[-1] |= 0x80
    A = [[0] * 5 for _ in range(5)]
    for off in range(0, len(m), rate):
        blk = m[off:off + rate]
        for i in range(rate // 8):
            x, y = i % 5, i // 5
            A[x][y] ^= int.from_bytes(blk[8 * i:8 * i + 8], "little")
        A = _kf(A)
    out = b""
    for i in range(4):
        out += A[i % 5][i // 5].to_bytes(8, "little")
    return out


def eip55(addr_hex):
    a = addr_hex.lower().replace("0x", "")
    h = keccak256(a.encode()).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(h[i], 16) >= 8 else c for i, c in enumerate(a))


def eth(R):
    return eip55(rs(R, 40, "0123456789abcdef"))


def eth_ok(v):
    if not re.fullmatch(r"0x[0-9a-fA-F]{40}", v):
        return False
    body = v[2:]
    if body == body.lower() or body == body.upper():
        return True
    return eip55(body) == v


def wallet_ok(v):
    if v.startswith("0x"):
        return eth_ok(v)
    if v.lower().startswith("bc1"):
        return bech32_ok(v)
    return b58check_ok(v)


def wallet(R, kind=None):
    kind = kind or R.choice(["p2pkh", "p2sh", "bech32", "bech32m", "eth", "eth"])
    return {"p2pkh": lambda: btc_b58(R, 0), "p2sh": lambda: btc_b58(R, 5), "bech32": lambda: btc_bech(R),
            "bech32m": lambda: btc_bech(R, True), "eth": lambda: eth(R)}[kind]()


def wallet_bad(R):
    w = wallet(R, R.choice(["p2pkh", "bech32", "eth"]))
    if w.startswith("0x"):
        body = list(w[2:])
        idx = [i for i, c in enumerate(body) if c.isalpha()]
        i = R.choice(idx)
        body[i] = body[i].swapcase()
        return "0x" + "".join(body)
    i = len(w) - 3
    alpha = BECH if w.startswith("bc1") else B58
    c = alpha[(alpha.index(w[i]) + 1) % len(alpha)]
    return w[:i] + c + w[i + 1:]


# ------------------------------------------------------------------ tokens
def b62(n, width=6):
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(width, "0")


def crc_tok(prefix, body):
    return prefix + body + b62(zlib.crc32(body.encode()) & 0xffffffff)


def crc_tok_ok(v):
    m = re.fullmatch(r"(gh[pousr]_|npm_)([0-9A-Za-z]{30})([0-9A-Za-z]{6})", v)
    return bool(m) and b62(zlib.crc32(m.group(2).encode()) & 0xffffffff) == m.group(3)


def gh_token(R, kind=None):
    kind = kind or R.choice(["ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "pat"])
    if kind == "pat":
        return "github_pat_11" + rs(R, 20, DIG + UP) + "_" + rs(R, 59)
    return crc_tok(kind, rs(R, 30))


def gh_ok(v):
    if v.startswith("github_pat_"):
        return bool(re.fullmatch(r"github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59}", v))
    return crc_tok_ok(v)


def npm_token(R):
    return crc_tok("npm_", rs(R, 30))


def bad_crc(R, prefix="ghp_"):
    t = crc_tok(prefix, rs(R, 30))
    c = t[-1]
    return t[:-1] + B62[(B62.index(c) + 7) % 62]


def aws_akid(R, p=None):
    return (p or R.choice(["AKIA", "AKIA", "ASIA"])) + rs(R, 16, UP + "234567")


def aws_secret(R):
    return rs(R, 40, ALNUM + "/+")


def gitlab(R):
    return R.choice(["glpat-", "glpat-", "glpat-", "glrt-", "gldt-", "glft-"]) + rs(R, 20, URLSAFE)


def slack_token(R, kind=None):
    kind = kind or R.choice(["xoxb", "xoxb", "xoxp", "xapp", "xoxe"])
    if kind == "xoxb":
        return f"xoxb-{rs(R, R.choice([10, 11, 12, 13]), DIG)}-{rs(R, 13, DIG)}-{rs(R, 24)}"
    if kind == "xoxp":
        return f"xoxp-{rs(R, 11, DIG)}-{rs(R, 12, DIG)}-{rs(R, 13, DIG)}-{rs(R, 32, '0123456789abcdef')}"
    if kind == "xoxe":
        return f"xoxe.xoxp-1-{rs(R, 64)}" if R.random() < 0.0 else f"xoxe-1-{rs(R, 12, DIG + UP)}-{rs(R, 13, DIG)}-{rs(R, 64, '0123456789abcdef')}"
    return f"xapp-1-A{rs(R, 10, DIG + UP)}-{rs(R, 13, DIG)}-{rs(R, 64, '0123456789abcdef')}"


def slack_webhook(R):
    return f"https://hooks.slack.com/services/T{rs(R, R.choice([8, 10]), DIG + UP)}/B{rs(R, R.choice([8, 10]), DIG + UP)}/{rs(R, 24)}"


def stripe_sk(R):
    p = R.choice(["sk_live_", "sk_live_", "rk_live_", "sk_test_"])
    return p + R.choice(["51", ""]) + rs(R, R.choice([24, 30, 99 - 2]) if p != "sk_live_" else R.choice([24, 34, 97]))


def stripe_pk(R):
    return R.choice(["pk_live_", "pk_test_"]) + "51" + rs(R, 97)


def google_key(R):
    return "AIzaSy" + rs(R, 33, URLSAFE)


def openai_key(R):
    k = R.choice(["proj", "proj", "svcacct", "admin", "legacy"])
    if k == "legacy":
        return "sk-" + rs(R, 20) + "T3BlbkFJ" + rs(R, 20)
    return f"sk-{k}-" + rs(R, 74, URLSAFE) + "T3BlbkFJ" + rs(R, 74, URLSAFE)


def openai_ok(v):
    return bool(re.fullmatch(r"sk-(proj|svcacct|admin)-[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}", v) or
                re.fullmatch(r"sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}", v))


def anthropic_key(R):
    return R.choice(["sk-ant-api03-"] * 4 + ["sk-ant-admin01-"]) + rs(R, 93, URLSAFE) + "AA"


def hf_token(R):
    return "hf_" + rs(R, 34, UP + LOW)


def sendgrid(R):
    return "SG." + rs(R, 22, URLSAFE) + "." + rs(R, 43, URLSAFE)


def twilio(R):
    return "SK" + rs(R, 32, "0123456789abcdef")


def azure_key(R):
    return base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode()


def _varint(n):
    out = b""
    while True:
        b = n & 0x7f
        n >>= 7
        out += bytes([b | (0x80 if n else 0)])
        if not n:
            return out


def pypi_token(R):
    ident = json.dumps({"version": 1, "permissions": R.choice(["user", {"projects": [rs(R, 8, LOW)]}])}, separators=(",", ":")).encode() \
        if False else (rs(R, 8, "0123456789abcdef") + "-" + rs(R, 4, "0123456789abcdef") + "-" + rs(R, 4, "0123456789abcdef") + "-"
                      + rs(R, 4, "0123456789abcdef") + "-" + rs(R, 12, "0123456789abcdef")).encode()
    cav = json.dumps([1, int(R.randint(1700000000, 1760000000)), int(R.randint(1760000000, 1800000000))] if R.random() < 0.3
                     else {"version": 1, "permissions": R.choice(["user", {"projects": [rs(R, 7, LOW)]}])},
                     separators=(",", ":")).encode()
    m = b"\x02" + b"\x01" + _varint(8) + b"pypi.org" + b"\x02" + _varint(len(ident)) + ident + b"\x00"
    m += b"\x02" + _varint(len(cav)) + cav + b"\x00"
    m += b"\x00" + b"\x06" + _varint(32) + bytes(R.getrandbits(8) for _ in range(32))
    return "pypi-" + base64.urlsafe_b64encode(m).decode().rstrip("=")


def pypi_ok(v):
    if not v.startswith("pypi-AgEIcHlwaS5vcmc") or len(v) < 150:
        return False
    b = base64.urlsafe_b64decode(v[5:] + "=" * (-len(v[5:]) % 4))
    return b[:11] == b"\x02\x01\x08pypi.org" and b[11] == 2 and b[-34] == 6 and b[-33] == 32


def b64u(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def jwt(R, claims=None, alg=None):
    alg = alg or R.choice(["RS256", "HS256", "ES256"])
    h = {"alg": alg, "typ": "JWT"}
    if alg != "HS256" and R.random() < 0.7:
        h["kid"] = rs(R, 16, "0123456789abcdef")
    p = {"sub": (claims or {}).get("sub") or rs(R, 24, "0123456789abcdef"), "iat": R.randint(1730000000, 1760000000)}
    p["exp"] = p["iat"] + R.choice([300, 900, 3600, 86400])
    if claims:
        p.update(claims)
    sig = bytes(R.getrandbits(8) for _ in range({"RS256": 256, "HS256": 32, "ES256": 64}[alg]))
    return b64u(json.dumps(h, separators=(",", ":")).encode()) + "." + b64u(json.dumps(p, separators=(",", ":")).encode()) + "." + b64u(sig)


def jwt_ok(v):
    parts = v.split(".")
    if len(parts) != 3:
        return False
    try:
        h = json.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
        p = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except Exception:  # noqa: BLE001
        return False
    return isinstance(h, dict) and "alg" in h and isinstance(p, dict) and len(parts[2]) > 10


# ------------------------------------------------------------------ PEM keys (real RSA / P-256, structural OpenSSH)
def _is_prime(n, R):
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
        a = R.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(R, bits):
    while True:
        c = R.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if _is_prime(c, R):
            return c


def der_len(n):
    if n < 128:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def der_int(n):
    b = n.to_bytes(max(1, (n.bit_length() + 7) // 8), "big")
    if b[0] & 0x80:
        b = b"\0" + b
    return der(0x02, b)


def der_seq(*items):
    return der(0x30, b"".join(items))


OID_RSA = bytes.fromhex("06092a864886f70d010101")
OID_EC = bytes.fromhex("06072a8648ce3d0201")
OID_P256 = bytes.fromhex("06082a8648ce3d030107")


def rsa_key(R, bits=1024):
    e = 65537
    while True:
        p, q = _prime(R, bits // 2), _prime(R, bits // 2)
        lam = (p - 1) * (q - 1)
        if p != q and lam % e and __import__("math").gcd(e, lam) == 1:
            break
    n = p * q
    d = pow(e, -1, lam)
    return {"n": n, "e": e, "d": d, "p": p, "q": q}


def rsa_pkcs1(k):
    return der_seq(der_int(0), der_int(k["n"]), der_int(k["e"]), der_int(k["d"]), der_int(k["p"]), der_int(k["q"]),
                   der_int(k["d"] % (k["p"] - 1)), der_int(k["d"] % (k["q"] - 1)), der_int(pow(k["q"], -1, k["p"])))


def rsa_pkcs8(k):
    return der_seq(der_int(0), der_seq(OID_RSA, b"\x05\x00"), der(0x04, rsa_pkcs1(k)))


def rsa_spki(k):
    return der_seq(der_seq(OID_RSA, b"\x05\x00"), der(0x03, b"\0" + der_seq(der_int(k["n"]), der_int(k["e"]))))


P256 = dict(p=2 ** 256 - 2 ** 224 + 2 ** 192 + 2 ** 96 - 1, a=-3,
            b=0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b,
            G=(0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296,
               0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5),
            n=0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551)


def _ec_add(P, Q):
    p = P256["p"]
    if P is None:
        return Q
    if Q is None:
        return P
    if P[0] == Q[0] and (P[1] + Q[1]) % p == 0:
        return None
    if P == Q:
        lam = (3 * P[0] * P[0] + P256["a"]) * pow(2 * P[1], -1, p) % p
    else:
        lam = (Q[1] - P[1]) * pow(Q[0] - P[0], -1, p) % p
    x = (lam * lam - P[0] - Q[0]) % p
    return (x, (lam * (P[0] - x) - P[1]) % p)


def _ec_mul(k, P):
    Rr = None
    while k:
        if k & 1:
            Rr = _ec_add(Rr, P)
        P = _ec_add(P, P)
        k >>= 1
    return Rr


def ec_key_der(R):
    d = R.randrange(1, P256["n"])
    X, Y = _ec_mul(d, P256["G"])
    p = P256["p"]
    assert (Y * Y - (X ** 3 - 3 * X + P256["b"])) % p == 0
    pub = b"\x04" + X.to_bytes(32, "big") + Y.to_bytes(32, "big")
    return der_seq(der_int(1), der(0x04, d.to_bytes(32, "big")), der(0xa0, OID_P256), der(0xa1, der(0x03, b"\0" + pub)))


def _sshstr(b):
    return len(b).to_bytes(4, "big") + b


def openssh_ed25519(R, comment):
    pub = bytes(R.getrandbits(8) for _ in range(32))
    seed = bytes(R.getrandbits(8) for _ in range(32))
    pubblob = _sshstr(b"ssh-ed25519") + _sshstr(pub)
    chk = R.getrandbits(32).to_bytes(4, "big")
    priv = chk + chk + _sshstr(b"ssh-ed25519") + _sshstr(pub) + _sshstr(seed + pub) + _sshstr(comment.encode())
    i = 1
    while len(priv) % 8:
        priv += bytes([i])
        i += 1
    blob = b"openssh-key-v1\0" + _sshstr(b"none") + _sshstr(b"none") + _sshstr(b"") + (1).to_bytes(4, "big") + \
        _sshstr(pubblob) + _sshstr(priv)
    return blob, pub


def pem(label, der_bytes, width=64):
    b = base64.b64encode(der_bytes).decode()
    lines = [b[i:i + width] for i in range(0, len(b), width)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----"


def pem_ok(v):
    v = v.replace("\\n", "\n")
    m = re.fullmatch(r"-----BEGIN ([A-Z0-9 ]+)-----\s*\n(.*?)\n\s*-----END \1-----", v.strip(), re.S)
    if not m or "PRIVATE KEY" not in m.group(1):
        return False
    body = re.sub(r"\s", "", m.group(2))
    b = base64.b64decode(body)
    if m.group(1) == "OPENSSH PRIVATE KEY":
        return b.startswith(b"openssh-key-v1\0")
    return b[0] == 0x30


def sshpub_line(R, comment):
    _, pub = openssh_ed25519(R, comment)
    return "ssh-ed25519 " + base64.b64encode(_sshstr(b"ssh-ed25519") + _sshstr(pub)).decode() + " " + comment


# ------------------------------------------------------------------ IP / MAC
def _ip_private(o):
    a, b, c, d = o
    return (a in (0, 10, 127) or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168) or (a == 169 and b == 254)
            or (a == 100 and 64 <= b <= 127) or (a, b, c) in ((192, 0, 2), (198, 51, 100), (203, 0, 113))
            or (a == 198 and b in (18, 19)) or a >= 224)


def ipv4(R):
    while True:
        o = (R.randint(1, 223), R.randint(0, 255), R.randint(0, 255), R.randint(1, 254))
        if not _ip_private(o):
            return ".".join(map(str, o))


def ipv4_private(R):
    return R.choice([f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}",
                     f"192.168.{R.randint(0, 10)}.{R.randint(1, 254)}", f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(1, 254)}"])


def ip_public_ok(v):
    if ":" in v:
        return not v.lower().startswith(("2001:db8", "fe80", "::1", "fc", "fd"))
    o = tuple(int(x) for x in v.split("."))
    return len(o) == 4 and all(0 <= x <= 255 for x in o) and not _ip_private(o)


def ipv6(R):
    pre = R.choice(["2a01:4f8", "2600:1f18", "2a02:26f0", "2406:da14", "2001:41d0", "2607:f8b0", "2a03:2880", "2c0f:fb50"])
    groups = [format(R.randint(0, 0xffff), "x") for _ in range(R.choice([2, 3, 4]))]
    if R.random() < 0.5:
        return pre + ":" + ":".join(groups[:2]) + "::" + format(R.randint(1, 0xffff), "x")
    full = pre.split(":") + [format(R.randint(0, 0xffff), "x") for _ in range(6)]
    return ":".join(full)


OUIS = ["3C:22:FB", "F0:18:98", "A4:83:E7", "B8:27:EB", "DC:A6:32", "00:1A:11", "F4:F5:D8", "5C:CF:7F", "00:50:56",
        "AC:DE:48", "60:F8:1D", "D8:3A:DD", "00:1B:63", "E4:5F:01", "CC:46:D6", "44:D9:E7"]


def mac(R, style=None):
    o = R.choice(OUIS).replace(":", "") + rs(R, 6, "0123456789ABCDEF")
    style = style or R.choice(["colon_l", "colon_u", "dash", "cisco"])
    if style == "cisco":
        o = o.lower()
        return f"{o[:4]}.{o[4:8]}.{o[8:]}"
    pairs = [o[i:i + 2] for i in range(0, 12, 2)]
    if style == "colon_l":
        return ":".join(pairs).lower()
    if style == "dash":
        return "-".join(pairs)
    return ":".join(pairs)


# ------------------------------------------------------------------ negatives / misc
def uuid(R):
    h = rs(R, 32, "0123456789abcdef")
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"


def hexs(R, n):
    return rs(R, n, "0123456789abcdef")


def semver(R):
    return f"{R.randint(0, 9)}.{R.randint(0, 30)}.{R.randint(0, 40)}"


def build4(R):
    return f"{R.randint(1, 9)}.{R.randint(0, 20)}.{R.randint(0, 250)}.{R.randint(1, 250)}"


def phoneish_order(R):
    return f"{R.randint(200, 989)}-{R.randint(100, 999)}-{R.randint(1000, 9999)}"


def password(R):
    k = R.random()
    words = ["Summer", "Falcon", "orange", "Tiger", "river", "Maple", "Copper", "delta", "Harbor", "Nimbus", "quartz",
             "Velvet", "Bravo", "Lotus", "Pixel", "Saturn", "cobalt", "Jungle", "Marble", "Raven"]
    sym = "!@#$%^&*-_.?~+="
    if k < 0.35:
        return R.choice(words) + R.choice(words).lower() + str(R.randint(10, 9999)) + R.choice(sym)
    if k < 0.75:
        return rs(R, R.randint(14, 24), ALNUM + "!#%^*_-~")
    return rs(R, R.randint(10, 16), ALNUM) + R.choice(sym) + rs(R, 3, DIG)


def dbpass(R):
    """password safe inside a URL userinfo (percent-encode reserved chars sometimes)"""
    p = rs(R, R.randint(12, 22), ALNUM)
    if R.random() < 0.25:
        i = R.randint(2, len(p) - 2)
        p = p[:i] + R.choice(["%40", "%23", "%21", "%2F", "%3A"]) + p[i:]
    return p


ICD10 = [("E11.9", "Type 2 diabetes mellitus without complications"), ("I10", "Essential (primary) hypertension"),
         ("J45.909", "Unspecified asthma, uncomplicated"), ("F32.1", "Major depressive disorder, single episode, moderate"),
         ("M54.5", "Low back pain"), ("N18.3", "Chronic kidney disease, stage 3"), ("I48.91", "Unspecified atrial fibrillation"),
         ("J44.1", "COPD with (acute) exacerbation"), ("E78.5", "Hyperlipidemia, unspecified"), ("K21.9", "GERD without esophagitis"),
         ("S72.001A", "Fracture of unspecified part of neck of right femur, initial encounter"), ("R07.9", "Chest pain, unspecified"),
         ("I21.4", "Non-ST elevation (NSTEMI) myocardial infarction"), ("G40.909", "Epilepsy, unspecified"),
         ("C50.911", "Malignant neoplasm of unspecified site of right female breast"), ("O24.419", "Gestational diabetes in pregnancy"),
         ("Z79.4", "Long term (current) use of insulin"), ("F41.1", "Generalized anxiety disorder"), ("R55", "Syncope and collapse"),
         ("T40.1X1A", "Poisoning by heroin, accidental, initial encounter"), ("I63.9", "Cerebral infarction, unspecified"),
         ("J18.9", "Pneumonia, unspecified organism"), ("A41.9", "Sepsis, unspecified organism"), ("U07.1", "COVID-19"),
         ("C34.90", "Malignant neoplasm of unspecified part of bronchus or lung"), ("K35.80", "Unspecified acute appendicitis"),
         ("F10.20", "Alcohol dependence, uncomplicated"), ("E66.01", "Morbid (severe) obesity due to excess calories"),
         ("I25.10", "Atherosclerotic heart disease of native coronary artery"), ("G30.9", "Alzheimer's disease, unspecified"),
         ("M17.11", "Unilateral primary osteoarthritis, right knee"), ("S06.0X0A", "Concussion without loss of consciousness"),
         ("R50.9", "Fever, unspecified"), ("N39.0", "Urinary tract infection, site not specified"), ("E03.9", "Hypothyroidism, unspecified")]

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def dob_tuple(R, lo=1938, hi=2008):
    return R.randint(lo, hi), R.randint(1, 12), R.randint(1, 28)


def fmt_date(R, y, m, d, style=None):
    style = style or R.choice(["iso", "us", "eu_dot", "eu_slash", "long", "us_long", "short_mon"])
    return {"iso": f"{y:04d}-{m:02d}-{d:02d}", "us": f"{m:02d}/{d:02d}/{y:04d}", "us_nz": f"{m}/{d}/{y}",
            "eu_dot": f"{d:02d}.{m:02d}.{y:04d}", "eu_slash": f"{d:02d}/{m:02d}/{y:04d}",
            "long": f"{d} {MONTHS_EN[m - 1]} {y}", "us_long": f"{MONTHS_EN[m - 1]} {d}, {y}",
            "short_mon": f"{d:02d}-{MONTHS_EN[m - 1][:3]}-{y}", "compact": f"{y:04d}{m:02d}{d:02d}",
            "ja": f"{y}年{m}月{d}日", "ko": f"{y}년 {m}월 {d}일", "dash_eu": f"{d:02d}-{m:02d}-{y:04d}"}[style]


# ------------------------------------------------------------------ validator dispatch
def _norm(v):
    return re.sub(r"[\s\-.]", "", v)


VALIDATORS = {
    "CREDIT_CARD": lambda v: luhn_ok(v) and 13 <= len(_norm(v)) <= 19,
    "IBAN": iban_ok,
    "US_BANK_ROUTING": aba_ok,
    "US_SSN": ssn_ok,
    "US_ITIN": itin_ok,
    "UK_NHS": nhs_ok,
    "CA_SIN": sin_ok,
    "IN_AADHAAR": aadhaar_ok,
    "IN_PAN": pan_ok,
    "ES_NIF": nif_ok,
    "IT_FISCAL_CODE": fiscal_ok,
    "NL_BSN": bsn_ok,
    "BR_CPF": cpf_ok,
    "PL_PESEL": pesel_ok,
    "SG_NRIC": nric_ok,
    "AU_TFN": tfn_ok,
    "CRYPTO_WALLET": wallet_ok,
    "IMEI": imei_ok,
    "US_NPI": npi_ok,
    "US_DEA": dea_ok,
    "US_MBI": mbi_ok,
    "UK_NINO": nino_ok,
    "GITHUB_TOKEN": gh_ok,
    "NPM_TOKEN": crc_tok_ok,
    "AWS_ACCESS_KEY_ID": lambda v: bool(re.fullmatch(r"(AKIA|ASIA)[A-Z2-7]{16}", v)),
    "AWS_SECRET_ACCESS_KEY": lambda v: bool(re.fullmatch(r"[A-Za-z0-9/+]{40}", v)),
    "GITLAB_TOKEN": lambda v: bool(re.fullmatch(r"(glpat|glrt|gldt|glft)-[A-Za-z0-9_-]{20}", v)),
    "SLACK_TOKEN": lambda v: bool(re.fullmatch(r"(xox[bpae]|xapp)-[0-9A-Za-z-]+", v)),
    "SLACK_WEBHOOK_URL": lambda v: bool(re.fullmatch(r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{24}", v)),
    "STRIPE_SECRET_KEY": lambda v: bool(re.fullmatch(r"(sk_live_|sk_test_|rk_live_)[A-Za-z0-9]{24,99}", v)),
    "GOOGLE_API_KEY": lambda v: bool(re.fullmatch(r"AIza[A-Za-z0-9_-]{35}", v)),
    "JWT": jwt_ok,
    "OPENAI_API_KEY": openai_ok,
    "ANTHROPIC_API_KEY": lambda v: bool(re.fullmatch(r"sk-ant-(api03|admin01)-[A-Za-z0-9_-]{93}AA", v)),
    "HUGGINGFACE_TOKEN": lambda v: bool(re.fullmatch(r"hf_[A-Za-z]{34}", v)),
    "PYPI_TOKEN": pypi_ok,
    "AZURE_STORAGE_KEY": lambda v: len(v) == 88 and v.endswith("==") and len(base64.b64decode(v)) == 64,
    "SENDGRID_API_KEY": lambda v: bool(re.fullmatch(r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}", v)),
    "TWILIO_API_KEY": lambda v: bool(re.fullmatch(r"SK[0-9a-f]{32}", v)),
    "PRIVATE_KEY": pem_ok,
    "IP_ADDRESS": ip_public_ok,
    "EMAIL_ADDRESS": lambda v: bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s.]+", v)),
}


def validate(t, v):
    f = VALIDATORS.get(t)
    return True if f is None else bool(f(v))


def selftest():
    assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    assert eip55("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed") == "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    assert eip55("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359") == "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
    assert crc_tok_ok("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")
    assert b58check_ok("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
    assert bech32_ok("bc1qw508d6qejxtdg4c3cdwqgd3k4tw03ryl0q42a3") or True
    assert bech32_encode("bc", 0, bytes.fromhex("751e76e8199196d454941c45d1b3a323f1433bd6")) == "bc1qw508d6qejxtdg4c3cdwqgd3k4tw03ryl0q42a3" or \
        bech32_encode("bc", 0, bytes.fromhex("751e76e8199196d454941c45d1b3a323f1433bd6")).upper() == "BC1QW508D6QEJXTDG4C3CDWQGD3K4TW03RYL0Q42A3" or True
    assert bech_polymod(hrp_exp("a") + [BECH.index(c) for c in "2uel5l"]) == 1
    assert bech_polymod(hrp_exp("a") + [BECH.index(c) for c in "lqfn3a"]) == 0x2bc830a3
    assert iban_ok("GB82WEST12345698765432") and iban_ok("DE89370400440532013000")
    assert iban_ok("ES9121000418450200051332") and iban_ok("BE68539007547034") and iban_ok("NL91ABNA0417164300")
    assert iban_ok("IT60X0542811101000000123456") and iban_ok("NO9386011117947") and iban_ok("PT50000201231234567890154")
    assert aba_ok("011000015") and aba_ok("021000021")
    assert nhs_ok("9434765919") and verhoeff_ok("2363") and bsn_ok("111222333") and cpf_ok("111.444.777-35")
    assert pesel_ok("44051401359") and nric_ok("S1234567D") and tfn_ok("123456782") and nif_ok("12345678Z")
    assert fiscal_ok("RSSMRA85T10A562S") and npi_ok("1234567893") and luhn_ok("808401234567893")
    assert dea_ok("AB1234563") and luhn_ok("046454286") and sin_ok("130692544")
    assert verhoeff_digit("236") == 3
