#!/usr/bin/env python3
"""heldout6 generator: independent labeled evaluation set for weir (Python 3.11 stdlib only).

    python3 bench/heldout6/gen.py --seed 6 --out bench/heldout6/heldout6.jsonl [--stats]

Every gold span is recorded while the text is built (Doc.e) as UTF-8 byte offsets and re-verified before
writing. Checksum schemes are implemented here from public definitions; selftest() asserts reference vectors.
"""
import argparse
import base64
import collections
import hashlib
import json
import random
import string
import sys
import zlib

R = random.Random(6)
COUNTS = collections.Counter()
FORCE = None
MIN_PER_TYPE = 15

# =============================================================================================== checksums
def luhn_ok(s):
    ds = [int(c) for c in s if c.isdigit()]
    t = 0
    for i, d in enumerate(reversed(ds)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        t += d
    return t % 10 == 0


def luhn_complete(body):
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c


def digits(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def alnum(n, alpha=string.ascii_letters + string.digits):
    return "".join(R.choice(alpha) for _ in range(n))


def iban_check(cc, bban):
    s = bban + cc + "00"
    n = int("".join(str(int(c, 36)) for c in s))
    return "%02d" % (98 - n % 97)


def iban_ok(iban):
    s = iban.replace(" ", "").replace("\n", "")
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12,
                   14, 16, 10, 22, 25, 24, 23]))


def cf_even(c):
    return int(c) if c.isdigit() else ord(c) - 65


def cf_check(s15):
    t = 0
    for i, c in enumerate(s15):
        t += CF_ODD[c] if i % 2 == 0 else cf_even(c)
    return chr(65 + t % 26)


def es_dc(ten):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    d = 11 - sum(int(a) * b for a, b in zip(ten, w)) % 11
    return {10: 1, 11: 0}.get(d, d)


def fr_rib(bank, branch, acct):
    return "%02d" % (97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97)


def nl_acct_ok(a):
    return sum(int(c) * w for c, w in zip(a, range(10, 0, -1))) % 11 == 0


def no_check(ten):
    w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    d = 11 - sum(int(a) * b for a, b in zip(ten, w)) % 11
    return None if d == 10 else (0 if d == 11 else d)


def bban(cc):
    if cc == "DE":
        return digits(8) + digits(10)
    if cc == "GB":
        return R.choice(["NWBK", "BARC", "HBUK", "LOYD", "MIDL", "SRLG"]) + digits(6) + digits(8)
    if cc == "IE":
        return R.choice(["AIBK", "BOFI", "IPBS"]) + digits(6) + digits(8)
    if cc == "FR":
        b, br, a = digits(5), digits(5), digits(11)
        return b + br + a + fr_rib(b, br, a)
    if cc == "ES":
        b, br, a = digits(4), digits(4), digits(10)
        return b + br + str(es_dc("00" + b + br)) + str(es_dc(a)) + a
    if cc == "IT":
        rest = digits(5) + digits(5) + digits(12)
        return it_cin(rest) + rest
    if cc == "NL":
        while True:
            a = digits(10)
            if nl_acct_ok(a) and a[0] != "0":
                return R.choice(["ABNA", "RABO", "INGB", "SNSB", "TRIO", "KNAB"]) + a
    if cc == "BE":
        f = digits(10)
        c = int(f) % 97 or 97
        return f + "%02d" % c
    if cc == "CH":
        return digits(5) + digits(12)
    if cc == "AT":
        return digits(5) + digits(11)
    if cc == "PL":
        return digits(8) + digits(16)
    if cc == "PT":
        n = digits(19)
        return n + "%02d" % (98 - (int(n) * 100) % 97)
    if cc == "SE":
        return digits(3) + digits(17)
    if cc == "NO":
        while True:
            t = digits(10)
            c = no_check(t)
            if c is not None:
                return t + str(c)
    raise ValueError(cc)


def it_cin(rest22):
    t = 0
    for i, c in enumerate(rest22):
        t += CF_ODD[c] if i % 2 == 0 else cf_even(c)
    return chr(65 + t % 26)


def iban(cc=None, grouped=None):
    cc = cc or R.choice(["DE", "GB", "FR", "ES", "IT", "NL", "BE", "CH", "AT", "PL", "IE", "PT", "SE", "NO"])
    b = bban(cc)
    s = cc + iban_check(cc, b) + b
    assert iban_ok(s)
    if grouped is None:
        grouped = R.random() < 0.6
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4)) if grouped else s


def iban_bad(cc=None):
    s = iban(cc, grouped=False)
    while True:
        ck = "%02d" % R.randint(2, 98)
        t = s[:2] + ck + s[4:]
        if not iban_ok(t):
            return " ".join(t[i:i + 4] for i in range(0, len(t), 4)) if R.random() < 0.5 else t


def aba_ok(s):
    d = [int(c) for c in s]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0


def aba():
    while True:
        p = R.choice(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "21", "22", "26", "31",
                      "32", "26", "11", "07", "06", "02"])
        b = p + digits(6)
        for c in "0123456789":
            if aba_ok(b + c):
                return b + c


def nhs_check(n9):
    s = sum(int(c) * (10 - i) for i, c in enumerate(n9))
    c = 11 - s % 11
    return None if c == 10 else (0 if c == 11 else c)


def nhs(fmt=None):
    while True:
        n = str(R.randint(4, 7)) + digits(8)
        c = nhs_check(n)
        if c is not None:
            v = n + str(c)
            break
    fmt = fmt or R.choice(["sp", "sp", "bare", "dash"])
    return {"sp": f"{v[:3]} {v[3:6]} {v[6:]}", "bare": v, "dash": f"{v[:3]}-{v[3:6]}-{v[6:]}"}[fmt]


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
    for i, ch in enumerate(reversed([x for x in s if x.isdigit()])):
        c = VD[c][VP[i % 8][int(ch)]]
    return c == 0


def verhoeff_digit(s):
    c = 0
    for i, ch in enumerate(reversed(s)):
        c = VD[c][VP[(i + 1) % 8][int(ch)]]
    return str(VINV[c])


def aadhaar(fmt=None):
    b = str(R.randint(2, 9)) + digits(10)
    v = b + verhoeff_digit(b)
    fmt = fmt or R.choice(["sp", "sp", "bare", "dash"])
    return {"sp": f"{v[:4]} {v[4:8]} {v[8:]}", "bare": v, "dash": f"{v[:4]}-{v[4:8]}-{v[8:]}"}[fmt]


def bsn_ok(s):
    d = [int(c) for c in s]
    return (sum(d[i] * (9 - i) for i in range(8)) - d[8]) % 11 == 0


def bsn():
    while True:
        v = str(R.randint(1, 6)) + digits(8)
        if bsn_ok(v):
            return v


def cpf_digits(n9):
    d = [int(c) for c in n9]
    s = sum(d[i] * (10 - i) for i in range(9))
    d10 = s * 10 % 11 % 10
    d.append(d10)
    s = sum(d[i] * (11 - i) for i in range(10))
    d11 = s * 10 % 11 % 10
    return f"{d10}{d11}"


def cpf(fmt=None):
    while True:
        n = digits(9)
        if len(set(n)) > 1:
            break
    v = n + cpf_digits(n)
    fmt = fmt or R.choice(["dot", "dot", "dot", "bare"])
    return f"{v[:3]}.{v[3:6]}.{v[6:9]}-{v[9:]}" if fmt == "dot" else v


PESEL_W = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]


def pesel_check(ten):
    return str((10 - sum(int(c) * w for c, w in zip(ten, PESEL_W)) % 10) % 10)


def pesel(year=None, month=None, day=None):
    y = year or R.randint(1940, 2010)
    m = month or R.randint(1, 12)
    d = day or R.randint(1, 28)
    mm = m + (20 if y >= 2000 else 0)
    b = f"{y % 100:02d}{mm:02d}{d:02d}" + digits(4)
    return b + pesel_check(b)


NRIC_TAB = {"S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK", "G": "XWUTRQPNMLK", "M": "XWUTRQPNJLK"}


def nric_letter(p, d7):
    s = sum(int(c) * w for c, w in zip(d7, [2, 7, 6, 5, 4, 3, 2]))
    s += {"T": 4, "G": 4, "M": 3}.get(p, 0)
    return NRIC_TAB[p][s % 11]


def nric(prefix=None):
    p = prefix or R.choice("SSSTTFGM")
    d = digits(7)
    return p + d + nric_letter(p, d)


TFN_W = [1, 4, 3, 7, 5, 8, 6, 9, 10]


def tfn_ok(s):
    return sum(int(c) * w for c, w in zip(s, TFN_W)) % 11 == 0


def tfn(fmt=None):
    while True:
        v = str(R.randint(1, 9)) + digits(8)
        if tfn_ok(v):
            break
    fmt = fmt or R.choice(["sp", "sp", "bare"])
    return f"{v[:3]} {v[3:6]} {v[6:]}" if fmt == "sp" else v


def dea_digit(d6):
    d = [int(c) for c in d6]
    return str(((d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5])) % 10)


def dea(surname="M"):
    b = digits(6)
    return R.choice("ABFGMPR") + surname[0].upper() + b + dea_digit(b)


NIF_L = "TRWAGMYFPDXBNJZSQVHLCKE"


def nif(kind=None):
    kind = kind or R.choice(["dni", "dni", "nie"])
    if kind == "dni":
        n = "%08d" % R.randint(1000000, 99999999)
        return n + NIF_L[int(n) % 23]
    p = R.choice("XYZ")
    n = digits(7)
    return p + n + NIF_L[int("XYZ".index(p).__str__() + n) % 23]


def nif_fmt(v):
    r = R.random()
    if r < 0.2:
        return v[:-1] + "-" + v[-1]
    return v


CONS = "BCDFGHJKLMNPQRSTVWXYZ"


def cf_name_part(name, first=False):
    n = name.upper()
    c = [x for x in n if x in CONS]
    v = [x for x in n if x in "AEIOU"]
    if first and len(c) >= 4:
        c = [c[0], c[2], c[3]]
    s = "".join(c + v + ["X", "X", "X"])[:3]
    return s


BELFIORE = ["H501", "F205", "F839", "L219", "G273", "A944", "D612", "L736", "A662", "C351", "G224", "B157", "E506"]


def codice_fiscale(surname="Bianchi", first="Giulia", female=None, y=None, m=None, d=None):
    female = R.random() < 0.5 if female is None else female
    y = y or R.randint(1945, 2004)
    m = m or R.randint(1, 12)
    d = d or R.randint(1, 28)
    s = cf_name_part(surname) + cf_name_part(first, True) + f"{y % 100:02d}" + "ABCDEHLMPRST"[m - 1] + \
        f"{d + (40 if female else 0):02d}" + R.choice(BELFIORE)
    return s + cf_check(s)


def card(issuer=None, fmt=None):
    issuer = issuer or R.choice(["visa", "visa", "mc", "mc2", "amex", "disc", "jcb", "diners", "unionpay"])
    pre, ln = {"visa": ("4", 16), "mc": (str(R.randint(51, 55)), 16), "mc2": (str(R.randint(2221, 2720)), 16),
               "amex": (R.choice(["34", "37"]), 15), "disc": (R.choice(["6011", "65"]), 16),
               "jcb": (str(R.randint(3528, 3589)), 16), "diners": (R.choice(["36", "300", "305", "38"]), 14),
               "unionpay": ("62" + str(R.randint(12, 88)), R.choice([16, 19]))}[issuer]
    v = luhn_complete(pre + digits(ln - len(pre) - 1))
    fmt = fmt or R.choice(["sp", "sp", "bare", "dash"])
    if fmt == "bare":
        return v
    sep = " " if fmt == "sp" else "-"
    if len(v) == 15:
        return sep.join([v[:4], v[4:10], v[10:]])
    if len(v) == 14:
        return sep.join([v[:4], v[4:10], v[10:]])
    return sep.join(v[i:i + 4] for i in range(0, len(v), 4))


def card_bad():
    while True:
        v = card(R.choice(["visa", "mc", "disc"]), "bare")
        w = v[:-1] + str((int(v[-1]) + R.randint(1, 9)) % 10)
        if not luhn_ok(w):
            return R.choice([w, " ".join(w[i:i + 4] for i in range(0, 16, 4))])


def sin(fmt=None):
    v = luhn_complete(R.choice("1234567") + digits(7))
    fmt = fmt or R.choice(["sp", "dash", "bare"])
    return {"sp": f"{v[:3]} {v[3:6]} {v[6:]}", "dash": f"{v[:3]}-{v[3:6]}-{v[6:]}", "bare": v}[fmt]


def imei(fmt=None):
    tac = R.choice(["35391110", "35420410", "86769304", "35290611", "01326300", "35698803", "35875110", "86012603"])
    v = luhn_complete(tac + digits(6))
    fmt = fmt or R.choice(["bare", "bare", "grp"])
    return f"{v[:2]}-{v[2:8]}-{v[8:14]}-{v[14]}" if fmt == "grp" else v


def npi():
    while True:
        b = R.choice("12") + digits(8)
        for c in "0123456789":
            if luhn_ok("80840" + b + c):
                return b + c


def ssn(fmt=None):
    while True:
        a = R.randint(1, 899)
        if a != 666:
            break
    v = f"{a:03d}-{R.randint(1, 99):02d}-{R.randint(1, 9999):04d}"
    fmt = fmt or R.choice(["dash", "dash", "dash", "sp"])
    return v.replace("-", " ") if fmt == "sp" else v


def ssn_bad():
    return R.choice([f"000-{R.randint(10, 99)}-{R.randint(1000, 9999)}", f"666-{R.randint(10, 99)}-{R.randint(1000, 9999)}",
                     f"{R.randint(100, 899)}-00-{R.randint(1000, 9999)}", f"9{R.randint(10, 99)}-{R.choice([12, 33, 44, 93])}-{R.randint(1000, 9999)}"])


def itin():
    g = R.choice(list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100)))
    return f"9{R.randint(0, 99):02d}-{g}-{R.randint(1, 9999):04d}"


def passport_us():
    return R.choice([str(R.randint(1, 9)) + digits(8), R.choice("ACEFGHJKLMNPRSTUVWXYZ") + digits(8)])


NINO_BAD1 = set("DFIQUV")


def nino(fmt=None):
    while True:
        a, b = R.choice(string.ascii_uppercase), R.choice(string.ascii_uppercase)
        if a in NINO_BAD1 or b in NINO_BAD1 or b == "O" or a + b in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            continue
        break
    d = digits(6)
    s = R.choice("ABCD")
    fmt = fmt or R.choice(["sp", "bare", "bare"])
    return f"{a}{b} {d[:2]} {d[2:4]} {d[4:]} {s}" if fmt == "sp" else f"{a}{b}{d}{s}"


def pan():
    return "".join(R.choice(string.ascii_uppercase) for _ in range(3)) + R.choice("PPPPCHFAT") + \
        R.choice(string.ascii_uppercase) + digits(4) + R.choice(string.ascii_uppercase)


MBI_A = "ACDEFGHJKMNPQRTUVWXY"


def mbi(fmt=None):
    an = MBI_A + "0123456789"
    v = (R.choice("123456789") + R.choice(MBI_A) + R.choice(an) + R.choice("0123456789") + R.choice(MBI_A) +
         R.choice(an) + R.choice("0123456789") + R.choice(MBI_A) + R.choice(MBI_A) + digits(2))
    fmt = fmt or R.choice(["bare", "dash"])
    return f"{v[:4]}-{v[4:7]}-{v[7:]}" if fmt == "dash" else v


def mac(fmt=None):
    b = [R.randint(0, 255) for _ in range(6)]
    b[0] &= 0xFC
    fmt = fmt or R.choice(["colon", "colon", "dash", "cisco", "COLON"])
    h = "".join("%02x" % x for x in b)
    if fmt == "colon":
        return ":".join(h[i:i + 2] for i in range(0, 12, 2))
    if fmt == "COLON":
        return ":".join(h[i:i + 2] for i in range(0, 12, 2)).upper()
    if fmt == "dash":
        return "-".join(h[i:i + 2] for i in range(0, 12, 2)).upper()
    return ".".join(h[i:i + 4] for i in range(0, 12, 4))


def ipv4_public():
    while True:
        a = R.randint(1, 223)
        if a in (10, 127, 0, 100, 169, 172, 192, 198, 203):
            continue
        return f"{a}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"


def ipv4_private():
    return R.choice([f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}",
                     f"192.168.{R.randint(0, 255)}.{R.randint(1, 254)}", f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(1, 254)}",
                     "127.0.0.1", f"203.0.113.{R.randint(1, 254)}", f"198.51.100.{R.randint(1, 254)}"])


def ipv6_public():
    g = [R.choice(["2a02", "2001", "2600", "2a01", "2804", "2406", "240e"])] + ["%x" % R.randint(0, 0xffff) for _ in range(7)]
    if R.random() < 0.5:
        return ":".join(g[:4]) + "::" + ":".join(g[6:])
    return ":".join(g)


def ip_public():
    return ipv6_public() if R.random() < 0.2 else ipv4_public()


# ----------------------------------------------------------------------------------------------- crypto
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58enc(b):
    n = int.from_bytes(b, "big")
    s = ""
    while n:
        n, r = divmod(n, 58)
        s = B58[r] + s
    return "1" * (len(b) - len(b.lstrip(b"\0"))) + s


def b58dec(s):
    n = 0
    for c in s:
        n = n * 58 + B58.index(c)
    full = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return b"\0" * (len(s) - len(s.lstrip("1"))) + full


def dsha(b):
    return hashlib.sha256(hashlib.sha256(b).digest()).digest()


def b58check(ver, payload):
    p = bytes([ver]) + payload
    return b58enc(p + dsha(p)[:4])


def b58check_ok(s):
    b = b58dec(s)
    return dsha(b[:-4])[:4] == b[-4:]


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


def hrp_exp(h):
    return [ord(x) >> 5 for x in h] + [0] + [ord(x) & 31 for x in h]


def bech32_encode(hrp, data, m=False):
    const = 0x2bc830a3 if m else 1
    pm = bech32_polymod(hrp_exp(hrp) + data + [0] * 6) ^ const
    return hrp + "1" + "".join(BECH[d] for d in data + [(pm >> 5 * (5 - i)) & 31 for i in range(6)])


def bech32_verify(s):
    s = s.lower()
    hrp, data = s[:s.rfind("1")], [BECH.index(c) for c in s[s.rfind("1") + 1:]]
    return bech32_polymod(hrp_exp(hrp) + data)


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


def rbytes(n):
    return bytes(R.randint(0, 255) for _ in range(n))


KRC = []


def _keccak_f(A):
    Rr = 1
    for rnd in range(24):
        C = [A[x][0] ^ A[x][1] ^ A[x][2] ^ A[x][3] ^ A[x][4] for x in range(5)]
        D = [C[(x - 1) % 5] ^ (((C[(x + 1) % 5] << 1) | (C[(x + 1) % 5] >> 63)) & 0xFFFFFFFFFFFFFFFF) for x in range(5)]
        A = [[A[x][y] ^ D[x] for y in range(5)] for x in range(5)]
        x, y = 1, 0
        cur = A[x][y]
        for t in range(24):
            x, y = y, (2 * x + 3 * y) % 5
            r = ((t + 1) * (t + 2) // 2) % 64
            cur, A[x][y] = A[x][y], ((cur << r) | (cur >> (64 - r))) & 0xFFFFFFFFFFFFFFFF
        for y in range(5):
            T = [A[x][y] for x in range(5)]
            for x in range(5):
                A[x][y] = T[x] ^ ((~T[(x + 1) % 5]) & T[(x + 2) % 5])
        for j in range(7):
            Rr = ((Rr << 1) ^ ((Rr >> 7) * 0x71)) % 256
            if Rr & 2:
                A[0][0] ^= (1 << ((1 << j) - 1))
    return A


def keccak256(data):
    rate = 136
    p = bytearray(data) + b"\x01"
    while len(p) % rate:
        p += b"\x00"
    p[-1] |= 0x80
    A = [[0] * 5 for _ in range(5)]
    for off in range(0, len(p), rate):
        blk = p[off:off + rate]
        for i in range(rate // 8):
            A[i % 5][i // 5] ^= int.from_bytes(blk[8 * i:8 * i + 8], "little")
        A = _keccak_f(A)
    out = b"".join(A[i % 5][i // 5].to_bytes(8, "little") for i in range(4))
    return out


def eip55(hex40):
    h = keccak256(hex40.lower().encode()).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(h[i], 16) >= 8 else c for i, c in enumerate(hex40.lower()))


def wallet(kind=None):
    kind = kind or R.choice(["p2pkh", "p2sh", "bc1q", "bc1p", "eth", "eth"])
    if kind == "p2pkh":
        return b58check(0, rbytes(20))
    if kind == "p2sh":
        return b58check(5, rbytes(20))
    if kind == "bc1q":
        return bech32_encode("bc", [0] + convertbits(rbytes(20), 8, 5))
    if kind == "bc1p":
        return bech32_encode("bc", [1] + convertbits(rbytes(32), 8, 5), m=True)
    return eip55(rbytes(20).hex())


def wallet_bad():
    k = R.choice(["b58", "bech", "eth"])
    if k == "b58":
        w = wallet("p2pkh")
        while True:
            i = R.randint(5, len(w) - 2)
            x = w[:i] + R.choice(B58) + w[i + 1:]
            if x != w and not b58check_ok(x):
                return x
    if k == "bech":
        w = wallet("bc1q")
        i = len(w) - 3
        return w[:i] + ("q" if w[i] != "q" else "p") + w[i + 1:]
    w = wallet("eth")
    cs = [c for c in w[2:]]
    idx = [i for i, c in enumerate(cs) if c.isalpha()]
    i = R.choice(idx)
    cs[i] = cs[i].swapcase()
    return "0x" + "".join(cs)


def txhash():
    return "0x" + rbytes(32).hex()


# ----------------------------------------------------------------------------------------------- tokens
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def b62(n, w=6):
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(w, "0")


def crc_token(prefix):
    body = alnum(30)
    return prefix + body + b62(zlib.crc32(body.encode()) & 0xffffffff)


def crc_token_ok(tok):
    body, ck = tok.split("_", 1)[1][:30], tok.split("_", 1)[1][30:]
    return b62(zlib.crc32(body.encode()) & 0xffffffff) == ck


def crc_token_bad(prefix):
    t = crc_token(prefix)
    while True:
        x = t[:-3] + alnum(3)
        if not crc_token_ok(x):
            return x


def gh_token():
    if R.random() < 0.2:
        return "github_pat_11" + alnum(20, string.ascii_uppercase + string.digits) + "_" + alnum(59)
    return crc_token(R.choice(["ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"]))


def npm_token():
    return crc_token("npm_")


def gitlab_token():
    p = R.choice(["glpat-", "glpat-", "glpat-", "glrt-", "gldt-", "glft-"])
    return p + alnum(20, string.ascii_letters + string.digits + "_-")


def slack_token():
    k = R.choice(["xoxb", "xoxb", "xoxp", "xoxa", "xoxe", "xapp"])
    if k == "xoxb":
        return f"xoxb-{digits(12)}-{digits(13)}-{alnum(24)}"
    if k == "xoxp":
        return f"xoxp-{digits(12)}-{digits(12)}-{digits(13)}-{alnum(32, '0123456789abcdef')}"
    if k == "xapp":
        return f"xapp-1-A{alnum(10, string.ascii_uppercase + string.digits)}-{digits(13)}-{alnum(64, '0123456789abcdef')}"
    return f"{k}-2-{digits(12)}-{digits(13)}-{alnum(40)}"


def slack_webhook():
    return ("https://hooks.slack.com/services/T" + alnum(R.choice([8, 10]), string.ascii_uppercase + string.digits) +
            "/B" + alnum(R.choice([8, 10]), string.ascii_uppercase + string.digits) + "/" + alnum(24))


def stripe_key():
    p = R.choice(["sk_live_", "sk_live_", "rk_live_", "sk_live_51"])
    return p + alnum(R.choice([24, 32, 99 - len(p)]))


def google_key():
    return "AIza" + "Sy" + alnum(33, string.ascii_letters + string.digits + "_-")


def openai_key():
    if R.random() < 0.3:
        return "sk-" + alnum(20) + "T3BlbkFJ" + alnum(20)
    p = R.choice(["sk-proj-", "sk-proj-", "sk-svcacct-", "sk-admin-"])
    return p + alnum(74, string.ascii_letters + string.digits + "_-") + "T3BlbkFJ" + alnum(74, string.ascii_letters + string.digits + "_-")


def anthropic_key():
    p = R.choice(["sk-ant-api03-"] * 4 + ["sk-ant-admin01-"])
    return p + alnum(93, string.ascii_letters + string.digits + "_-") + "AA"


def hf_token():
    return "hf_" + alnum(34, string.ascii_letters)


def aws_akid():
    return R.choice(["AKIA", "AKIA", "ASIA"]) + alnum(16, string.ascii_uppercase + "234567")


def aws_secret():
    return alnum(40, string.ascii_letters + string.digits + "/+")


def azure_key():
    return base64.b64encode(rbytes(64)).decode()


def sendgrid_key():
    a = string.ascii_letters + string.digits + "_-"
    return "SG." + alnum(22, a) + "." + alnum(43, a)


def twilio_key():
    return "SK" + alnum(32, "0123456789abcdef")


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jwt(sub=None, email=None):
    alg = R.choice(["HS256", "RS256", "ES256", "RS256"])
    h = {"alg": alg, "typ": "JWT"}
    if alg != "HS256":
        h["kid"] = rbytes(8).hex()
    p = {"sub": sub or str(R.randint(10000, 999999)), "iss": R.choice(["https://auth.kestrel.io", "https://login.tessaro.app/",
                                                                         "https://sso.quarry.dev/oauth2"]),
         "iat": 1767000000 + R.randint(0, 9000000), "scope": R.choice(["read write", "openid profile email", "admin"])}
    if email:
        p["email"] = email
    p["exp"] = p["iat"] + 3600
    sig = rbytes(32 if alg == "HS256" else 64 if alg == "ES256" else 128)
    return b64u(json.dumps(h, separators=(",", ":")).encode()) + "." + b64u(json.dumps(p, separators=(",", ":")).encode()) + "." + b64u(sig)


def jwt_ok(t):
    a, b, _ = t.split(".")
    h = json.loads(base64.urlsafe_b64decode(a + "=" * (-len(a) % 4)))
    json.loads(base64.urlsafe_b64decode(b + "=" * (-len(b) % 4)))
    return "alg" in h


def _vb(field, data):
    return bytes([field]) + _varint(len(data)) + data


def _varint(n):
    out = b""
    while True:
        b = n & 0x7f
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def pypi_token():
    ident = ("%08x-%04x-4%03x-%04x-%012x" % (R.getrandbits(32), R.getrandbits(16), R.getrandbits(12),
                                            0x8000 | R.getrandbits(14), R.getrandbits(48))).encode()
    cav = json.dumps({"version": 1, "permissions": R.choice(["user", {"projects": [R.choice(["tessaro-sdk", "kvtool", "pyquarry"])]}])},
                     separators=(",", ":")).encode()
    m = b"\x02" + _vb(1, b"pypi.org") + _vb(2, ident) + b"\x00" + _vb(2, cav) + b"\x00" + b"\x00" + _vb(6, rbytes(32))
    t = "pypi-" + b64u(m)
    assert t.startswith("pypi-AgEIcHlwaS5vcmc") and len(t) >= 150
    return t


# ----------------------------------------------------------------------------------------------- PEM / keys
SMALL_PRIMES = [p for p in range(3, 2000) if all(p % q for q in range(2, int(p ** 0.5) + 1))]


def is_prime(n):
    for p in SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(16):
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


def rand_prime(bits):
    while True:
        n = R.getrandbits(bits) | (3 << (bits - 2)) | 1
        if is_prime(n):
            return n


def der_len(n):
    if n < 128:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def der_int(n):
    b = n.to_bytes(max(1, (n.bit_length() + 8) // 8), "big")
    return der(2, b)


def der_seq(*xs):
    return der(0x30, b"".join(xs))


RSA_OID = bytes.fromhex("06092a864886f70d010101") + b"\x05\x00"
RSA_POOL = []


def rsa_key():
    while True:
        p, q = rand_prime(512), rand_prime(512)
        e = 65537
        lam = (p - 1) * (q - 1)
        try:
            d = pow(e, -1, lam)
        except ValueError:
            continue
        n = p * q
        return dict(n=n, e=e, d=d, p=p, q=q)


def rsa_pool_get():
    if len(RSA_POOL) < 14:
        RSA_POOL.append(rsa_key())
        return RSA_POOL[-1]
    return R.choice(RSA_POOL)


def pkcs1(k):
    return der_seq(der_int(0), der_int(k["n"]), der_int(k["e"]), der_int(k["d"]), der_int(k["p"]), der_int(k["q"]),
                   der_int(k["d"] % (k["p"] - 1)), der_int(k["d"] % (k["q"] - 1)), der_int(pow(k["q"], -1, k["p"])))


def pem(label, der_bytes, headers=""):
    b = base64.b64encode(der_bytes).decode()
    lines = [b[i:i + 64] for i in range(0, len(b), 64)]
    return f"-----BEGIN {label}-----\n" + headers + "\n".join(lines) + f"\n-----END {label}-----"


P256 = dict(p=0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff, a=-3,
            b=0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b,
            n=0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551,
            G=(0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296,
               0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5))


def ec_add(P, Q):
    p = P256["p"]
    if P is None:
        return Q
    if Q is None:
        return P
    if P[0] == Q[0] and (P[1] + Q[1]) % p == 0:
        return None
    if P == Q:
        l = (3 * P[0] * P[0] + P256["a"]) * pow(2 * P[1], -1, p) % p
    else:
        l = (Q[1] - P[1]) * pow(Q[0] - P[0], -1, p) % p
    x = (l * l - P[0] - Q[0]) % p
    return (x, (l * (P[0] - x) - P[1]) % p)


def ec_mul(k, P):
    Rp = None
    while k:
        if k & 1:
            Rp = ec_add(Rp, P)
        P = ec_add(P, P)
        k >>= 1
    return Rp


def ec_key_der():
    d = R.randrange(1, P256["n"])
    X, Y = ec_mul(d, P256["G"])
    assert (Y * Y - (X ** 3 - 3 * X + P256["b"])) % P256["p"] == 0
    pub = b"\x04" + X.to_bytes(32, "big") + Y.to_bytes(32, "big")
    return der_seq(der_int(1), der(4, d.to_bytes(32, "big")), der(0xa0, bytes.fromhex("06082a8648ce3d030107")),
                   der(0xa1, der(3, b"\x00" + pub)))


def ssh_str(b):
    return len(b).to_bytes(4, "big") + b


def openssh_key(comment):
    pub = rbytes(32)
    pubblob = ssh_str(b"ssh-ed25519") + ssh_str(pub)
    ck = rbytes(4)
    priv = ck + ck + ssh_str(b"ssh-ed25519") + ssh_str(pub) + ssh_str(rbytes(32) + pub) + ssh_str(comment.encode())
    pad = 1
    while len(priv) % 8:
        priv += bytes([pad])
        pad += 1
    body = b"openssh-key-v1\x00" + ssh_str(b"none") + ssh_str(b"none") + ssh_str(b"") + (1).to_bytes(4, "big") + \
        ssh_str(pubblob) + ssh_str(priv)
    b = base64.b64encode(body).decode()
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(b[i:i + 70] for i in range(0, len(b), 70)) + \
        "\n-----END OPENSSH PRIVATE KEY-----"


def crc24(data):
    c = 0xB704CE
    for byte in data:
        c ^= byte << 16
        for _ in range(8):
            c <<= 1
            if c & 0x1000000:
                c ^= 0x1864CFB
    return c & 0xFFFFFF


def pgp_key():
    body = bytes([0x95]) + (420).to_bytes(2, "big") + b"\x04" + rbytes(419)
    b = base64.b64encode(body).decode()
    ck = base64.b64encode(crc24(body).to_bytes(3, "big")).decode()
    return "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + "\n".join(b[i:i + 64] for i in range(0, len(b), 64)) + \
        "\n=" + ck + "\n-----END PGP PRIVATE KEY BLOCK-----"


def private_key(kind=None, comment="deploy@build-07"):
    kind = kind or R.choice(["rsa1", "rsa8", "ec", "ssh", "rsa8", "ec", "pgp"])
    if kind == "rsa1":
        return pem("RSA PRIVATE KEY", pkcs1(rsa_pool_get()))
    if kind == "rsa8":
        return pem("PRIVATE KEY", der_seq(der_int(0), der_seq(RSA_OID), der(4, pkcs1(rsa_pool_get()))))
    if kind == "ec":
        return pem("EC PRIVATE KEY", ec_key_der())
    if kind == "pgp":
        return pgp_key()
    return openssh_key(comment)


def public_key_pem():
    k = rsa_pool_get()
    spki = der_seq(der_seq(RSA_OID), der(3, b"\x00" + der_seq(der_int(k["n"]), der_int(k["e"]))))
    return pem("PUBLIC KEY", spki)


def cert_pem():
    return pem("CERTIFICATE", der_seq(der_seq(der(0xa0, der_int(2)), der_int(R.getrandbits(64)), rbytes(380))))


def ssh_pub_line(who):
    return "ssh-ed25519 " + base64.b64encode(ssh_str(b"ssh-ed25519") + ssh_str(rbytes(32))).decode() + " " + who


# ----------------------------------------------------------------------------------------------- negatives
def uuid4():
    return "%08x-%04x-4%03x-%04x-%012x" % (R.getrandbits(32), R.getrandbits(16), R.getrandbits(12),
                                          0x8000 | R.getrandbits(14), R.getrandbits(48))


def sha(n=64):
    return rbytes(n // 2).hex()


def natid_bad(kind):
    if kind == "NIF":
        v = nif()
        return v[:-1] + R.choice([c for c in NIF_L if c != v[-1]])
    if kind == "CPF":
        v = cpf("bare")
        w = v[:-1] + str((int(v[-1]) + 1 + R.randint(0, 7)) % 10)
        return f"{w[:3]}.{w[3:6]}.{w[6:9]}-{w[9:]}"
    if kind == "PESEL":
        v = pesel()
        return v[:-1] + str((int(v[-1]) + R.randint(1, 9)) % 10)
    if kind == "BSN":
        while True:
            v = str(R.randint(1, 6)) + digits(8)
            if not bsn_ok(v):
                return v
    if kind == "TFN":
        while True:
            v = str(R.randint(1, 9)) + digits(8)
            if not tfn_ok(v):
                return f"{v[:3]} {v[3:6]} {v[6:]}"
    if kind == "SIN":
        v = sin("bare")
        w = v[:-1] + str((int(v[-1]) + R.randint(1, 9)) % 10)
        return f"{w[:3]} {w[3:6]} {w[6:]}"
    if kind == "NRIC":
        v = nric("S")
        return v[:-1] + R.choice([c for c in "JZIHGFEDCBA" if c != v[-1]])
    if kind == "AADHAAR":
        v = aadhaar("bare")
        w = v[:-1] + str((int(v[-1]) + R.randint(1, 9)) % 10)
        return f"{w[:4]} {w[4:8]} {w[8:]}"
    if kind == "CF":
        v = codice_fiscale()
        return v[:-1] + R.choice([c for c in string.ascii_uppercase if c != v[-1]])
    if kind == "NHS":
        while True:
            n = str(R.randint(4, 7)) + digits(8)
            c = nhs_check(n)
            w = n + str((c + R.randint(1, 9)) % 10 if c is not None else R.randint(0, 9))
            if c is None or w[-1] != str(c):
                return f"{w[:3]} {w[3:6]} {w[6:]}"
    raise ValueError(kind)


def phone_shaped_order():
    return R.choice([f"{R.randint(200, 989)}-{R.randint(200, 989)}-{R.randint(1000, 9999)}",
                     f"{R.randint(100, 999)} {R.randint(100, 999)} {R.randint(1000, 9999)}",
                     f"{R.randint(10, 99)}-{R.randint(1000, 9999)}-{R.randint(1000, 9999)}"])


def version4():
    return f"{R.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12])}.{R.randint(0, 40)}.{R.randint(0, 255)}.{R.randint(0, 255)}"


# =============================================================================================== people data
NAMES = {
    "en": (["Olivia", "Marcus", "Priya", "Dwayne", "Hannah", "Tobias", "Keisha", "Ethan", "Grace", "Malik", "Rosa", "Colin"],
           ["Whitfield", "Okonkwo", "Barnes", "Delgado", "Hargreaves", "Nakamura", "Pruitt", "Lindqvist", "Mbeki", "Carver"]),
    "es": (["Lucía", "Javier", "Carmen", "Álvaro", "Nerea", "Iñigo", "Rocío"], ["Fernández", "Ibáñez", "Castro", "Roldán", "Peña", "Vidal"]),
    "pt": (["João", "Mariana", "Thiago", "Luíza", "Rafael", "Beatriz"], ["Conceição", "Araújo", "Barbosa", "Ribeiro", "Teixeira"]),
    "fr": (["Élodie", "Mathieu", "Camille", "Théo", "Inès", "Baptiste"], ["Lefèvre", "Moreau", "Girard", "Chevalier", "Faure"]),
    "de": (["Jürgen", "Lena", "Maximilian", "Sophie", "Henrik", "Annika"], ["Schäfer", "Krüger", "Becker", "Vogel", "Brandt"]),
    "it": (["Giulia", "Lorenzo", "Chiara", "Matteo", "Federica"], ["Esposito", "Romano", "Colombo", "Ricci", "Marchetti"]),
    "nl": (["Sanne", "Daan", "Femke", "Joris", "Lotte"], ["de Vries", "Bakker", "Visser", "Smit", "van Dijk"]),
    "pl": (["Katarzyna", "Paweł", "Agnieszka", "Michał", "Zofia"], ["Wiśniewski", "Wójcik", "Kowalczyk", "Zieliński"]),
    "in": (["Aarav", "Ananya", "Rohan", "Ishita", "Vikram", "Meera"], ["Iyer", "Chatterjee", "Reddy", "Malhotra", "Banerjee"]),
    "sg": (["Wei Ling", "Jun Jie", "Siti", "Arjun", "Hui Min"], ["Tan", "Lim", "Ong", "Rahman", "Goh"]),
    "br": (["Gabriel", "Larissa", "Pedro", "Camila"], ["Nascimento", "Cardoso", "Moreira", "Lima"]),
}


def person(loc="en"):
    f, l = NAMES.get(loc, NAMES["en"])
    return R.choice(f), R.choice(l)


MAILDOM = ["gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com", "hotmail.co.uk", "web.de", "gmx.de",
           "orange.fr", "libero.it", "wp.pl", "uol.com.br", "ziggo.nl", "bigpond.com", "rediffmail.com", "qq.com",
           "naver.com", "yandex.ru", "fastmail.com", "seznam.cz", "mail.ru", "ukr.net"]
ORGDOM = ["kestrelfreight.com", "tessaro.io", "bluequarry.dev", "harbourline.co.uk", "nordwind-logistik.de", "lumen-sante.fr",
          "verdeagro.es", "maresol.pt", "tulpdata.nl", "wisla-tech.pl", "saffronhealth.in", "merlionpay.sg", "northgatecare.org",
          "pinecrest-clinic.com", "acmepharma-benefits.com"]
ASCII_TR = str.maketrans("áéíóúàèìòùâêîôûäëïöüçñãõåøłśźżćńęąÁÉÍÓÚÄÖÜÇÑŁŚŻ", "aeiouaeiouaeiouaeioucnaoaolszzcneaAEIOUAOUCNLSZ")


def email(f=None, l=None, org=False):
    f = f or person()[0]
    l = l or person()[1]
    f2, l2 = f.lower().translate(ASCII_TR).replace(" ", ""), l.lower().translate(ASCII_TR).replace(" ", "")
    loc = R.choice([f"{f2}.{l2}", f"{f2[0]}{l2}", f"{f2}{R.randint(1, 99)}", f"{l2}.{f2[0]}", f"{f2}_{l2}"] +
                   ([] if org else [f"{f2}+{R.choice(['shop', 'news', 'orders'])}"]))
    return loc + "@" + (R.choice(ORGDOM) if org else R.choice(MAILDOM))


US_AREAS = ["212", "305", "312", "404", "415", "503", "512", "617", "702", "713", "720", "773", "786", "818", "917", "206",
            "646", "323", "480", "614", "919", "971"]


def phone(cc="US"):
    n = lambda k: digits(k)
    if cc == "US":
        a, x, s = R.choice(US_AREAS), str(R.randint(2, 9)) + str(R.randint(0, 9)) + str(R.randint(2, 9)), n(4)
        if x[1:] == "11" or x == "555":
            x = "482"
        return R.choice([f"({a}) {x}-{s}", f"{a}-{x}-{s}", f"+1 {a} {x} {s}", f"{a}.{x}.{s}", f"1-{a}-{x}-{s}", f"+1 ({a}) {x}-{s}"])
    if cc == "CA":
        a, x, s = R.choice(["416", "604", "514", "613", "403", "902"]), str(R.randint(2, 9)) + n(2), n(4)
        return R.choice([f"({a}) {x}-{s}", f"+1 {a}-{x}-{s}"])
    if cc == "UK":
        return R.choice([f"+44 7{n(3)} {n(6)}", f"07{n(3)} {n(6)}", f"020 {R.randint(3, 8)}{n(3)} {n(4)}", f"+44 (0)161 {n(3)} {n(4)}",
                         f"+447{n(9)}"])
    if cc == "DE":
        return R.choice([f"+49 30 {n(8)}", f"0171 {n(7)}", f"+49 (0)89 {n(7)}", f"+49 152 {n(8)}", f"040 {n(3)} {n(4)}"])
    if cc == "FR":
        return R.choice([f"+33 6 {n(2)} {n(2)} {n(2)} {n(2)}", f"06 {n(2)} {n(2)} {n(2)} {n(2)}", f"01.{n(2)}.{n(2)}.{n(2)}.{n(2)}",
                         f"+33 (0)7 {n(2)} {n(2)} {n(2)} {n(2)}"])
    if cc == "ES":
        return R.choice([f"+34 6{n(2)} {n(3)} {n(3)}", f"91{n(1)} {n(3)} {n(3)}", f"6{n(2)} {n(2)} {n(2)} {n(2)}", f"+34 93 {n(3)} {n(2)} {n(2)}"])
    if cc == "IN":
        return R.choice([f"+91 9{n(4)} {n(5)}", f"+91-8{n(9)}", f"09{n(4)} {n(5)}", f"+91 22 {n(4)} {n(4)}"])
    if cc == "CN":
        return R.choice([f"+86 13{n(1)} {n(4)} {n(4)}", f"139-{n(4)}-{n(4)}", f"010-{n(4)}-{n(4)}", f"+86 21 {n(4)} {n(4)}"])
    if cc == "BR":
        return R.choice([f"+55 11 9{n(4)}-{n(4)}", f"(21) 9{n(4)}-{n(4)}", f"+55 (31) 9{n(4)}-{n(4)}"])
    if cc == "AU":
        return R.choice([f"+61 4{n(2)} {n(3)} {n(3)}", f"04{n(2)} {n(3)} {n(3)}", f"(02) 9{n(3)} {n(4)}", f"+61 3 9{n(3)} {n(4)}"])
    if cc == "JP":
        return R.choice([f"090-{n(4)}-{n(4)}", f"+81 3-{n(4)}-{n(4)}", f"03-{n(4)}-{n(4)}", f"+81 80 {n(4)} {n(4)}"])
    if cc == "SG":
        return R.choice([f"+65 9{n(3)} {n(4)}", f"+65 8{n(3)} {n(4)}", f"6{n(3)} {n(4)}"])
    if cc == "NL":
        return R.choice([f"+31 6 {n(8)}", f"06-{n(8)}", f"020-{n(7)}", f"+31 (0)10 {n(3)} {n(4)}"])
    if cc == "IT":
        return R.choice([f"+39 3{n(2)} {n(3)} {n(4)}", f"3{n(2)} {n(7)}", f"+39 06 {n(4)} {n(4)}"])
    if cc == "PL":
        return R.choice([f"+48 5{n(2)} {n(3)} {n(3)}", f"+48 22 {n(3)} {n(2)} {n(2)}", f"6{n(2)}-{n(3)}-{n(3)}"])
    raise ValueError(cc)


def phone_foreign(cc):
    """phones from countries outside the taxonomy list (labeled ignore)."""
    n = lambda k: digits(k)
    return {"RU": f"+7 9{n(2)} {n(3)}-{n(2)}-{n(2)}", "TR": f"+90 5{n(2)} {n(3)} {n(2)} {n(2)}", "GR": f"+30 69{n(1)} {n(3)} {n(4)}",
            "CZ": f"+420 6{n(2)} {n(3)} {n(3)}", "RO": f"+40 7{n(2)} {n(3)} {n(3)}", "UA": f"+380 6{n(1)} {n(3)} {n(2)} {n(2)}",
            "IL": f"+972 5{n(1)}-{n(3)}-{n(4)}", "TH": f"+66 8{n(1)} {n(3)} {n(4)}", "VN": f"+84 9{n(1)} {n(3)} {n(2)} {n(2)}",
            "ID": f"+62 81{n(1)}-{n(4)}-{n(4)}", "BD": f"+880 17{n(2)}-{n(6)}", "SA": f"+966 5{n(1)} {n(3)} {n(4)}",
            "KR": f"010-{n(4)}-{n(4)}"}[cc]


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
    "tr": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"],
}


def dob_tuple(lo=1938, hi=2008):
    return R.randint(lo, hi), R.randint(1, 12), R.randint(1, 28)


def fmt_date(y, m, d, style):
    if style == "iso":
        return f"{y:04d}-{m:02d}-{d:02d}"
    if style == "us":
        return f"{m:02d}/{d:02d}/{y:04d}"
    if style == "us_short":
        return f"{m}/{d}/{y % 100:02d}"
    if style == "eu":
        return f"{d:02d}/{m:02d}/{y:04d}"
    if style == "dot":
        return f"{d:02d}.{m:02d}.{y:04d}"
    if style == "dash_eu":
        return f"{d:02d}-{m:02d}-{y:04d}"
    if style == "en_long":
        return f"{MONTHS['en'][m - 1]} {d}, {y}"
    if style == "en_dmy":
        return f"{d} {MONTHS['en'][m - 1][:3]} {y}"
    if style in MONTHS:
        if style == "de":
            return f"{d}. {MONTHS['de'][m - 1]} {y}"
        if style in ("es", "pt"):
            return f"{d} de {MONTHS[style][m - 1]} de {y}"
        return f"{d} {MONTHS[style][m - 1]} {y}"
    if style == "cjk":
        return f"{y}年{m}月{d}日"
    if style == "ko":
        return f"{y}년 {m}월 {d}일"
    if style == "compact":
        return f"{y:04d}{m:02d}{d:02d}"
    raise ValueError(style)


def dob(style=None, lo=1938, hi=2008):
    y, m, d = dob_tuple(lo, hi)
    return fmt_date(y, m, d, style or R.choice(["iso", "us", "eu", "dot", "en_long", "en_dmy"]))


ICD = ["E11.9", "I10", "J45.909", "M54.5", "F41.1", "K21.9", "E78.5", "N39.0", "J06.9", "R51", "Z00.00", "S93.401A", "G43.909",
       "L40.0", "E03.9", "F32.1", "M17.11", "H10.33", "K52.9", "R10.9", "J02.9", "B34.9", "Z23", "O24.419", "E66.01", "I48.91",
       "M79.604", "R05.9", "T78.40XA", "K08.89", "K02.52", "Z01.20", "S61.211A", "F90.0", "J30.2", "N18.3", "E55.9", "Z79.4"]


def icd(dental=False):
    return R.choice(["K02.52", "K04.7", "K05.10", "K08.89", "K02.61", "K03.81"]) if dental else R.choice(ICD)


def mrn():
    return R.choice([digits(R.randint(6, 9)), R.choice(["MRN", "HC", "PT", "E", "NG"]) + digits(R.randint(6, 8)),
                     R.choice(["A", "K"]) + "-" + digits(7)])


# =============================================================================================== Doc
class Doc:
    def __init__(self, kind):
        self.kind = kind
        self.parts = []
        self.n = 0
        self.ents = []

    def t(self, s):
        self.parts.append(s)
        self.n += len(s.encode())
        return self

    def e(self, typ, val, ign=False, nested=()):
        s = self.n
        self.parts.append(val)
        self.n += len(val.encode())
        ent = {"type": typ, "start": s, "end": self.n, "_v": val}
        if ign:
            ent["ignore"] = True
        else:
            COUNTS[typ] += 1
        self.ents.append(ent)
        for (ntyp, ns, ne, nign) in nested:
            sub = {"type": ntyp, "start": s + ns, "end": s + ne, "_v": val.encode()[ns:ne].decode()}
            if nign:
                sub["ignore"] = True
            else:
                COUNTS[ntyp] += 1
            self.ents.append(sub)
        return self

    def text(self):
        return "".join(self.parts)


def pick(options, weights=None):
    """choose among entity-type options, preferring types generated least so far (keeps rare types >= MIN)."""
    if FORCE in options:
        return FORCE
    if R.random() < 0.35:
        return R.choice(options)
    m = min(COUNTS[o] for o in options)
    return R.choice([o for o in options if COUNTS[o] == m])


# =============================================================================================== selftest
def selftest():
    assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    for a in ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"]:
        assert eip55(a[2:]) == a, a
    assert luhn_ok("4111111111111111") and luhn_ok("808401234567893") and not luhn_ok("4111111111111112")
    for v in ["GB82WEST12345698765432", "DE89370400440532013000", "FR1420041010050500013M02606", "ES9121000418450200051332",
              "IT60X0542811101000000123456", "BE68539007547034", "NL91ABNA0417164300", "PT50000201231234567890154",
              "NO9386011117947", "CH9300762011623852957", "AT611904300234573201", "PL61109010140000071219812874",
              "IE29AIBK93115212345678", "SE4550000000058398257466"]:
        assert iban_ok(v), v
    assert it_cin("0542811101000000123456") == "X"
    assert es_dc("00" + "2100" + "0418") == 4 and es_dc("0200051332") == 5
    assert int("5390075470") % 97 == 34 and nl_acct_ok("0417164300")
    assert "%02d" % (98 - (int("0002012312345678901") * 100) % 97) == "54"
    assert no_check("8601111794") == 7
    assert aba_ok("011000015") and aba_ok("021000021") and not aba_ok("021000022")
    assert nhs_check("943476591") == 9
    assert verhoeff_digit("236") == "3" and verhoeff_ok("2363")
    assert bsn_ok("111222333")
    assert cpf_digits("111444777") == "35"
    assert pesel_check("4405140135") == "9"
    assert nric_letter("S", "1234567") == "D"
    assert tfn_ok("123456782")
    assert dea_digit("123456") == "3"
    assert NIF_L[12345678 % 23] == "Z"
    assert cf_check("RSSMRA85T10A562") == "S"
    assert b58check_ok("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
    assert bech32_verify("A12UEL5L") == 1 and bech32_verify("a1lqfn3a") == 0x2bc830a3
    assert crc_token_ok("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")
    assert base64.b64decode("AgEIcHlwaS5vcmc=") == b"\x02\x01\x08pypi.org"
    assert crc24(b"") == 0xB704CE


def validate(t, v):
    """re-validate a scored value before writing."""
    x = v.replace(" ", "").replace("-", "").replace(".", "").replace("\n", "")
    if t in ("CREDIT_CARD", "IMEI", "CA_SIN"):
        assert luhn_ok(x), (t, v)
    elif t == "US_NPI":
        assert luhn_ok("80840" + x), v
    elif t == "IBAN":
        assert iban_ok(v), v
    elif t == "US_BANK_ROUTING":
        assert aba_ok(x), v
    elif t == "UK_NHS":
        assert nhs_check(x[:9]) == int(x[9]), v
    elif t == "IN_AADHAAR":
        assert verhoeff_ok(x), v
    elif t == "NL_BSN":
        assert bsn_ok(x), v
    elif t == "BR_CPF":
        assert cpf_digits(x[:9]) == x[9:], v
    elif t == "PL_PESEL":
        assert pesel_check(x[:10]) == x[10], v
    elif t == "SG_NRIC":
        assert nric_letter(v[0], v[1:8]) == v[8], v
    elif t == "AU_TFN":
        assert tfn_ok(x), v
    elif t == "US_DEA":
        assert dea_digit(v[2:8]) == v[8], v
    elif t == "ES_NIF":
        y = v.replace("-", "")
        n = y[:-1] if y[0].isdigit() else str("XYZ".index(y[0])) + y[1:-1]
        assert NIF_L[int(n) % 23] == y[-1], v
    elif t == "IT_FISCAL_CODE":
        assert cf_check(v[:15]) == v[15], v
    elif t == "CRYPTO_WALLET":
        if v.startswith("0x"):
            assert eip55(v[2:]) == v, v
        elif v.startswith("bc1"):
            assert bech32_verify(v) in (1, 0x2bc830a3), v
        else:
            assert b58check_ok(v), v
    elif t in ("GITHUB_TOKEN", "NPM_TOKEN"):
        assert v.startswith("github_pat_") or crc_token_ok(v), v
    elif t == "JWT":
        assert jwt_ok(v), v
    elif t == "PYPI_TOKEN":
        assert v.startswith("pypi-AgEIcHlwaS5vcmc") and len(v) >= 150
    elif t == "OPENAI_API_KEY":
        assert "T3BlbkFJ" in v
    elif t == "ANTHROPIC_API_KEY":
        assert v.endswith("AA") and v.startswith("sk-ant-")
    elif t == "AZURE_STORAGE_KEY":
        assert len(v) == 88 and len(base64.b64decode(v)) == 64
    elif t == "GCP_SERVICE_ACCOUNT_KEY":
        o = json.loads(v)
        assert o["type"] == "service_account" and "private_key" in o
    elif t == "PRIVATE_KEY":
        assert v.startswith("-----BEGIN") and v.endswith("-----")


# =============================================================================================== value helpers
PW_WORDS = ["Tangerine", "Halcyon", "Marmot", "Quokka", "Zephyr", "Basalt", "Juniper", "Orchid", "Falcon", "Cobalt"]


def password():
    return R.choice([
        lambda: R.choice(PW_WORDS) + str(R.randint(10, 9999)) + R.choice("!#$%&*?@"),
        lambda: alnum(R.randint(14, 28)),
        lambda: alnum(6) + R.choice("-_.!") + alnum(8) + R.choice("#%^") + digits(2),
        lambda: R.choice(PW_WORDS).lower() + "-" + R.choice(PW_WORDS).lower() + "-" + digits(3),
    ])()


SECRET_TYPES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK_URL",
                "STRIPE_SECRET_KEY", "GOOGLE_API_KEY", "JWT", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "HUGGINGFACE_TOKEN",
                "NPM_TOKEN", "PYPI_TOKEN", "AZURE_STORAGE_KEY", "SENDGRID_API_KEY", "TWILIO_API_KEY", "PASSWORD_ASSIGNMENT"]
SECRET_GEN = {"AWS_ACCESS_KEY_ID": aws_akid, "AWS_SECRET_ACCESS_KEY": aws_secret, "GITHUB_TOKEN": gh_token,
              "GITLAB_TOKEN": gitlab_token, "SLACK_TOKEN": slack_token, "SLACK_WEBHOOK_URL": slack_webhook,
              "STRIPE_SECRET_KEY": stripe_key, "GOOGLE_API_KEY": google_key, "JWT": jwt, "OPENAI_API_KEY": openai_key,
              "ANTHROPIC_API_KEY": anthropic_key, "HUGGINGFACE_TOKEN": hf_token, "NPM_TOKEN": npm_token,
              "PYPI_TOKEN": pypi_token, "AZURE_STORAGE_KEY": azure_key, "SENDGRID_API_KEY": sendgrid_key,
              "TWILIO_API_KEY": twilio_key, "PASSWORD_ASSIGNMENT": password}
SECRET_KEYS = {"AWS_ACCESS_KEY_ID": ["aws_access_key_id", "AWS_ACCESS_KEY_ID", "accessKeyId", "s3.access-key"],
               "AWS_SECRET_ACCESS_KEY": ["aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "secretAccessKey", "s3.secret-key"],
               "GITHUB_TOKEN": ["GITHUB_TOKEN", "gh_token", "github.token", "GH_PAT"],
               "GITLAB_TOKEN": ["GITLAB_TOKEN", "gitlab_private_token", "CI_PUSH_TOKEN"],
               "SLACK_TOKEN": ["SLACK_BOT_TOKEN", "slack_token", "slack.app_token"],
               "SLACK_WEBHOOK_URL": ["SLACK_WEBHOOK", "slack_webhook_url", "alerts.webhook"],
               "STRIPE_SECRET_KEY": ["STRIPE_SECRET_KEY", "stripe.api_key", "stripe_sk"],
               "GOOGLE_API_KEY": ["GOOGLE_API_KEY", "maps_api_key", "firebase.apiKey", "GEOCODER_KEY"],
               "JWT": ["SERVICE_JWT", "bearer_token", "id_token", "AUTH_TOKEN"],
               "OPENAI_API_KEY": ["OPENAI_API_KEY", "openai.api_key", "llm_api_key"],
               "ANTHROPIC_API_KEY": ["ANTHROPIC_API_KEY", "anthropic_key", "claude.api_key"],
               "HUGGINGFACE_TOKEN": ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "hf_api_token"],
               "NPM_TOKEN": ["NPM_TOKEN", "npm_auth_token", "NODE_AUTH_TOKEN"],
               "PYPI_TOKEN": ["PYPI_TOKEN", "TWINE_PASSWORD", "pypi_api_token"],
               "AZURE_STORAGE_KEY": ["AZURE_STORAGE_KEY", "storage_account_key", "azure.blob.key"],
               "SENDGRID_API_KEY": ["SENDGRID_API_KEY", "sendgrid.key", "MAIL_API_KEY"],
               "TWILIO_API_KEY": ["TWILIO_API_KEY_SID", "twilio_api_key", "TWILIO_KEY"],
               "PASSWORD_ASSIGNMENT": ["password", "db_password", "ADMIN_PASSWORD", "smtp_pass", "pwd", "secret_key",
                                       "keystore.password", "REDIS_PASSWORD"]}


def sec(typ=None, pool=None):
    typ = typ or pick(pool or SECRET_TYPES)
    return typ, R.choice(SECRET_KEYS[typ]), SECRET_GEN[typ]()


def db_url(d, scheme=None, user=None, ign=False):
    scheme = scheme or R.choice(["postgres", "postgresql", "mysql", "mongodb+srv", "mongodb", "redis", "amqp", "mssql"])
    user = user or R.choice(["app", "etl_rw", "svc_orders", "analytics", "airflow", "dbt_prod", "admin"])
    host = R.choice(["db-prod-3.internal", "orders.c9xkq2.eu-west-1.rds.amazonaws.com", "cluster0.x7ab2.mongodb.net",
                     "pg.tessaro.io", "10.20.4.17", "cache-01.kestrel.local", "mq.bluequarry.dev"])
    port = {"postgres": ":5432", "postgresql": ":5432", "mysql": ":3306", "redis": ":6379", "amqp": ":5672", "mssql": ":1433"}.get(scheme, "")
    d.t(f"{scheme}://{user}:").e("DATABASE_URL_WITH_PASSWORD", password(), ign).t(f"@{host}{port}/{R.choice(['orders', 'core', 'warehouse', '0', 'events', 'billing'])}")


def gcp_key_obj(project=None, escaped=False, indent=2):
    project = project or R.choice(["ledger", "ingest", "reporting", "vision", "crm-sync"]) + "-" + digits(6)
    sa = R.choice(["etl-runner", "looker-sync", "svc-batch", "vertex-train", "terraform"])
    pk = private_key("rsa8")
    pk_esc = pk.replace("\n", "\\n") + "\\n"
    em = f"{sa}@{project}.iam.gserviceaccount.com"
    ind = " " * indent
    nl = "\n"
    fields = [("type", "service_account"), ("project_id", project), ("private_key_id", sha(40)), ("private_key", None),
              ("client_email", None), ("client_id", digits(21)), ("auth_uri", "https://accounts.google.com/o/oauth2/auth"),
              ("token_uri", "https://oauth2.googleapis.com/token"),
              ("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs"),
              ("client_x509_cert_url", f"https://www.googleapis.com/robot/v1/metadata/x509/{sa}%40{project}.iam.gserviceaccount.com"),
              ("universe_domain", "googleapis.com")]
    s = "{" + nl
    nested = []
    for i, (k, v) in enumerate(fields):
        s += f'{ind}"{k}": "'
        if k == "private_key":
            b0 = len(s.encode())
            s += pk_esc[:-2]
            nested.append(("PRIVATE_KEY", b0, len(s.encode()), True))
            s += "\\n"
        elif k == "client_email":
            b0 = len(s.encode())
            s += em
            nested.append(("EMAIL_ADDRESS", b0, len(s.encode()), True))
        else:
            s += v
        s += '"' + ("," if i < len(fields) - 1 else "") + nl
    s += "}"
    json.loads(s)
    if escaped:  # embedded as a JSON string value: escape quotes/backslashes, recompute nested offsets
        out, nested2 = "", []
        raw = s
        esc = lambda x: x.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        # rebuild by segments
        bnd = sorted(set([0, len(raw.encode())] + [b for (_, a, b, _) in nested] + [a for (_, a, b, _) in nested]))
        rb = raw.encode()
        pos = {}
        for i in range(len(bnd)):
            pos[bnd[i]] = len(out.encode())
            if i + 1 < len(bnd):
                out += esc(rb[bnd[i]:bnd[i + 1]].decode())
        nested2 = [(t, pos[a], pos[b], ig) for (t, a, b, ig) in nested]
        return out, nested2, raw
    return s, nested, s


def add_gcp(d, escaped=False, indent=2):
    s, nested, raw = gcp_key_obj(escaped=escaped, indent=indent)
    if escaped:
        # span covers the escaped object; validation uses raw
        GCP_RAW[s] = raw
    d.e("GCP_SERVICE_ACCOUNT_KEY", s, nested=nested)


GCP_RAW = {}

DOB_KW = {"en": ["DOB", "Date of birth", "D.O.B.", "born", "Birth date"], "es": ["fecha de nacimiento", "F. nacimiento"],
          "pt": ["data de nascimento", "nascido em"], "fr": ["date de naissance", "né(e) le"], "de": ["Geburtsdatum", "geb."],
          "it": ["data di nascita", "nato il"], "nl": ["geboortedatum", "geboren op"], "pl": ["data urodzenia"],
          "cs": ["datum narození"], "ro": ["data nașterii"], "el": ["ημερομηνία γέννησης"], "ru": ["дата рождения"],
          "uk": ["дата народження"], "tr": ["doğum tarihi"], "ar": ["تاريخ الميلاد"], "he": ["תאריך לידה"], "hi": ["जन्म तिथि"],
          "bn": ["জন্ম তারিখ"], "th": ["วันเกิด"], "vi": ["ngày sinh"], "id": ["tanggal lahir"], "ja": ["生年月日"],
          "zh": ["出生日期"], "ko": ["생년월일"]}
DOB_STYLE = {"en": ["us", "iso", "en_long", "en_dmy"], "es": ["eu", "es", "iso"], "pt": ["eu", "pt"], "fr": ["eu", "fr"],
             "de": ["dot", "de"], "it": ["eu", "it"], "nl": ["dash_eu", "nl"], "pl": ["dot", "pl"], "cs": ["dot"], "ro": ["dot"],
             "el": ["eu"], "ru": ["dot", "ru"], "uk": ["dot"], "tr": ["dot", "tr"], "ar": ["eu", "iso"], "he": ["dot", "eu"],
             "hi": ["eu", "dash_eu"], "bn": ["eu"], "th": ["eu"], "vi": ["eu"], "id": ["dash_eu", "eu"], "ja": ["cjk", "iso"],
             "zh": ["cjk", "iso"], "ko": ["ko", "iso"]}


def dob_lang(lang, lo=1938, hi=2008):
    y, m, d = dob_tuple(lo, hi)
    return R.choice(DOB_KW[lang]), fmt_date(y, m, d, R.choice(DOB_STYLE[lang]))


def nondob(lang="en"):
    y, m, d = R.randint(2024, 2026), R.randint(1, 12), R.randint(1, 28)
    return fmt_date(y, m, d, R.choice(DOB_STYLE[lang]))


# =============================================================================================== families: PII / business
def fam_marketplace_qa(d):
    lang = R.choice(["en", "es", "pt", "id", "vi", "de"])
    prod = R.choice(["Air fryer 5.5L", "Noise-cancelling earbuds", "Standing desk frame", "Kids' car seat", "Smart plug 4-pack"])
    L = {"en": ("Q", "A", "Verified purchase", "Seller reply"), "es": ("Pregunta", "Respuesta", "Compra verificada", "Respuesta del vendedor"),
         "pt": ("Pergunta", "Resposta", "Compra verificada", "Resposta do vendedor"), "id": ("Pertanyaan", "Jawaban", "Pembelian terverifikasi", "Balasan penjual"),
         "vi": ("Câu hỏi", "Trả lời", "Đã mua hàng", "Người bán trả lời"), "de": ("Frage", "Antwort", "Verifizierter Kauf", "Antwort des Verkäufers")}[lang]
    d.t(f"== {prod} · {L[2]} ==\n★★★★☆ ")
    d.t({"en": "Works fine but arrived with a dent. Order ", "es": "Funciona bien pero llegó golpeado. Pedido ",
         "pt": "Funciona bem mas chegou amassado. Pedido ", "id": "Berfungsi baik tapi datang penyok. Pesanan ",
         "vi": "Dùng tốt nhưng hộp bị móp. Đơn hàng ", "de": "Funktioniert, kam aber verbeult an. Bestellung "}[lang])
    d.t(phone_shaped_order() + ". ")
    cc = {"en": "US", "es": "ES", "pt": "BR", "id": "SG", "vi": "AU", "de": "DE"}[lang]
    t = pick(["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"])
    if t == "EMAIL_ADDRESS":
        d.t({"en": "Seller please contact me at ", "es": "Vendedor, escríbame a ", "pt": "Vendedor, me chama no e-mail ",
             "id": "Penjual tolong hubungi saya di ", "vi": "Shop liên hệ mình qua ", "de": "Bitte melden Sie sich unter "}[lang])
        d.e("EMAIL_ADDRESS", email()).t("\n")
    elif t == "PHONE_NUMBER":
        d.t({"en": "Call me: ", "es": "Llámame al ", "pt": "Me liga no WhatsApp ", "id": "WA saya ", "vi": "Zalo/ĐT: ", "de": "Rückruf bitte: "}[lang])
        d.e("PHONE_NUMBER", phone(cc)).t("\n")
    else:
        d.t({"en": "They charged my card ", "es": "Me cobraron dos veces en la tarjeta ", "pt": "Cobraram duas vezes no cartão ",
             "id": "Kartu saya ditagih dua kali ", "vi": "Bị trừ tiền 2 lần thẻ ", "de": "Zweimal abgebucht von Karte "}[lang])
        d.e("CREDIT_CARD", card()).t({"en": " twice!!", "es": " !!", "pt": " !!", "id": " !!", "vi": " !!", "de": " !!"}[lang] + "\n")
    d.t(f"\n{L[0]}: ")
    QA = {"en": (["Does it fit a 2019 model?", "Is firmware v" + version4() + " the latest?"], "Yes. For returns write to "),
          "es": (["¿Sirve para 220V?", "¿Trae la versión " + version4() + " del firmware?"], "Sí. Para devoluciones escriba a "),
          "pt": (["Cabe na bancada?", "Funciona em 127V?"], "Sim. Para trocas, escreva para "),
          "id": (["Apakah bisa 220V?", "Garansi berapa lama?"], "Bisa. Untuk retur kirim email ke "),
          "vi": (["Có dùng được 220V không?", "Bảo hành bao lâu?"], "Được ạ. Đổi trả vui lòng gửi mail "),
          "de": (["Passt das für 2019er Modelle?", "Ist Firmware " + version4() + " aktuell?"], "Ja. Für Retouren schreiben Sie an ")}[lang]
    d.t(R.choice(QA[0]))
    d.t(f"\n{L[1]} ({L[3]}): ")
    d.t(QA[1])
    d.e("EMAIL_ADDRESS", "support@" + R.choice(ORGDOM)).t(R.choice([" (ticket ", " ref "]) + phone_shaped_order() + ").\n")
    if R.random() < 0.4:
        d.t("Reviewer also wrote: card ending **** " + digits(4) + ", tracking 1Z" + alnum(16, string.ascii_uppercase + string.digits) + "\n")


def fam_helpdesk_macro(d):
    f, l = person()
    d.t("Macro: " + R.choice(["Refund – duplicate charge", "Account recovery – identity check", "Address change"]) + "\n")
    d.t("Rendered for ticket #" + digits(6) + " (template vars: {{ticket.requester.email}}, {{ticket.requester.phone}})\n---\n")
    d.t(f"Hi {f},\n\nThanks for reaching out. We've verified the account registered to ").e("EMAIL_ADDRESS", email(f, l))
    d.t(" and the callback number ").e("PHONE_NUMBER", phone(R.choice(["US", "CA", "UK", "AU"]))).t(".\n")
    t = pick(["CREDIT_CARD", "US_SSN", "DATE_OF_BIRTH", "IBAN", "US_BANK_ROUTING"])
    if t == "CREDIT_CARD":
        d.t("The refund goes back to the card on file, ").e("CREDIT_CARD", card()).t(", within 5-7 business days.\n")
    elif t == "US_SSN":
        d.t("For the tax form we confirmed the last four only; the full SSN you typed (").e("US_SSN", ssn()).t(") has been removed from the thread.\n")
    elif t == "DATE_OF_BIRTH":
        d.t("Identity check passed (date of birth ").e("DATE_OF_BIRTH", dob()).t(" matched).\n")
    elif t == "IBAN":
        d.t("Refund by bank transfer to IBAN ").e("IBAN", iban()).t(".\n")
    else:
        d.t("ACH refund: routing ").e("US_BANK_ROUTING", aba()).t(", account ending " + digits(4) + ".\n")
    d.t("\nOur masked view shows card " + R.choice(["**** **** **** ", "XXXX-XXXX-XXXX-", "•••• "]) + digits(4) + " and SSN XXX-XX-" + digits(4) + ".\n")
    d.t("— Support team · placeholder example: user@example.com\n")
    d.ents.append({"type": "EMAIL_ADDRESS", "start": d.n - len("user@example.com\n".encode()), "end": d.n - 1, "ignore": True, "_v": "user@example.com"})


def fam_crm_timeline(d):
    f, l = person(R.choice(["en", "de", "fr", "nl"]))
    d.t('{"contact_id":"' + uuid4() + '","owner":"' + R.choice(["a.kowal", "j.reyes", "s.brandt"]) + '","timeline":[\n')
    evs = R.randint(4, 6)
    for i in range(evs):
        ts = f"2026-{R.randint(1, 11):02d}-{R.randint(1, 28):02d}T{R.randint(7, 19):02d}:{R.randint(0, 59):02d}:00Z"
        kind = R.choice(["email", "call", "web_visit", "note", "meeting"])
        d.t(f' {{"ts":"{ts}","type":"{kind}",')
        if kind == "email":
            d.t('"from":"').e("EMAIL_ADDRESS", email(f, l)).t('","subject":"Re: quote Q-' + digits(5) + '"}')
        elif kind == "call":
            d.t('"direction":"inbound","number":"').e("PHONE_NUMBER", phone(R.choice(["US", "UK", "DE", "FR", "NL"]))).t('","duration_s":' + str(R.randint(30, 900)) + '}')
        elif kind == "web_visit":
            d.t('"ip":"').e("IP_ADDRESS", ip_public()).t('","page":"/pricing?utm=' + alnum(6) + '"}')
        elif kind == "note":
            t = pick(["DATE_OF_BIRTH", "PHONE_NUMBER", "IBAN"])
            d.t('"body":"Spoke with ' + f + '. ')
            if t == "DATE_OF_BIRTH":
                d.t("Birthday for gift list - born ").e("DATE_OF_BIRTH", dob("en_long")).t('."}')
            elif t == "PHONE_NUMBER":
                d.t("New mobile: ").e("PHONE_NUMBER", phone(R.choice(["DE", "UK", "FR"]))).t('"}')
            else:
                d.t("Invoices to be paid to ").e("IBAN", iban()).t('"}')
        else:
            d.t('"location":"Zoom","attendees":["').e("EMAIL_ADDRESS", email(org=True)).t('"]}')
        d.t(",\n" if i < evs - 1 else "\n")
    d.t('],"dedupe_hash":"' + sha(40) + '"}')


def fam_esign_audit(d):
    lang = R.choice(["en", "en", "fr", "de", "es"])
    env = uuid4().upper()
    d.t({"en": "Certificate of Completion", "fr": "Certificat d'achèvement", "de": "Abschlusszertifikat", "es": "Certificado de finalización"}[lang])
    d.t(f"\nEnvelope Id: {env}\nDocument: {R.choice(['Master Services Agreement', 'Offer Letter', 'Lease Renewal'])}  Pages: {R.randint(3, 30)}\n")
    d.t("Envelope Originator: ").e("EMAIL_ADDRESS", email(org=True)).t("\nIP Address: ").e("IP_ADDRESS", ipv4_public()).t("\n\n")
    for i in range(R.randint(2, 3)):
        f, l = person(lang if lang in NAMES else "en")
        d.t(f"Signer {i + 1}: {f} {l}\n  Email: ").e("EMAIL_ADDRESS", email(f, l))
        d.t(f"\n  Security Level: Email, Account Authentication (SMS {R.choice(['+1', '+44', '+49'])} ***-***-{digits(4)})\n")
        d.t("  Signed using IP Address: ")
        if R.random() < 0.2:
            v = ipv4_private()
            d.e("IP_ADDRESS", v, ign=True)
        else:
            d.e("IP_ADDRESS", ip_public())
        d.t(f"\n  Sent: {nondob('en')} | Viewed: {nondob('en')} | Signed: {nondob('en')}\n")
        d.t(f"  Signature ID: {uuid4()}\n  Device: Chrome/{R.randint(110, 131)}.0.{R.randint(1000, 6999)}.{R.randint(10, 200)}\n")
    d.t("Completed Date: " + nondob("en") + "\nDocument hash (SHA-256): " + sha(64) + "\n")


def fam_vendor_onboarding(d):
    cc = {"ES_NIF": "ES", "IT_FISCAL_CODE": "IT", "PL_PESEL": "PL", "NL_BSN": "NL"}.get(FORCE) or R.choice(["DE", "FR", "NL", "PL", "ES", "IT", "BE", "AT", "GB", "US"])
    lang = {"DE": "de", "AT": "de", "FR": "fr", "BE": "fr", "NL": "nl", "PL": "pl", "ES": "es", "IT": "it", "GB": "en", "US": "en"}[cc]
    L = {"de": ("Lieferantenstammdaten", "Ansprechpartner", "Bankverbindung", "USt-IdNr."), "fr": ("Fiche fournisseur", "Contact", "Coordonnées bancaires", "N° TVA"),
         "nl": ("Leveranciersformulier", "Contactpersoon", "Bankgegevens", "btw-nummer"), "pl": ("Karta dostawcy", "Osoba kontaktowa", "Dane bankowe", "NIP"),
         "es": ("Alta de proveedor", "Persona de contacto", "Datos bancarios", "CIF"), "it": ("Anagrafica fornitore", "Referente", "Coordinate bancarie", "P.IVA"),
         "en": ("Vendor onboarding form", "Primary contact", "Remittance details", "VAT / EIN")}[lang]
    f, l = person(lang if lang in NAMES else "en")
    d.t(f"{L[0]} — Coupa supplier portal — request SUP-{digits(6)}\n\n")
    d.t(f"{L[3]}: {cc}{digits(9) if cc != 'US' else ''}{digits(2) + '-' + digits(7) if cc == 'US' else ''}\n")
    d.t(f"{L[1]}: {f} {l}, ").e("EMAIL_ADDRESS", email(f, l, org=True)).t(", ")
    pcc = {"GB": "UK", "AT": "DE", "BE": "FR"}.get(cc, cc)
    d.e("PHONE_NUMBER", phone(pcc)).t("\n")
    d.t(f"{L[2]}:\n")
    if cc == "US":
        d.t("  Bank: First Harbor Bank, N.A.\n  ABA routing number: ").e("US_BANK_ROUTING", aba()).t(f"\n  Account number: {digits(10)}\n  SWIFT: FHBKUS33\n")
        if R.random() < 0.5:
            d.t("  Wire routing (if different): ").e("US_BANK_ROUTING", aba()).t("\n")
    else:
        v = iban(cc, grouped=True)
        if R.random() < 0.25:
            g = v.split(" ")
            v = " ".join(g[:3]) + "\n        " + " ".join(g[3:])
        d.t("  IBAN: ").e("IBAN", v).t(f"\n  BIC: {alnum(4, string.ascii_uppercase)}{cc}{alnum(2, string.ascii_uppercase + string.digits)}\n")
        if R.random() < 0.4:
            d.t("  (first submission rejected — IBAN " + iban_bad(cc) + " failed validation)\n")
    sole = {"ES": ("ES_NIF", "NIF del autónomo", lambda: nif_fmt(nif("dni"))), "IT": ("IT_FISCAL_CODE", "Codice fiscale del titolare", lambda: codice_fiscale(l.split()[-1], f)),
            "PL": ("PL_PESEL", "PESEL właściciela (JDG)", pesel), "NL": ("NL_BSN", "BSN eenmanszaak (alleen voor UBO-check)", bsn)}.get(cc)
    if sole and (FORCE == sole[0] or R.random() < 0.5):
        d.t(f"{sole[1]}: ").e(sole[0], sole[2]()).t("\n")
    d.t(f"Payment terms: NET{R.choice([30, 45, 60])}   D-U-N-S: {digits(2)}-{digits(3)}-{digits(4)}\n")
    if R.random() < 0.5:
        d.t("Portal login created for ").e("EMAIL_ADDRESS", email(org=True)).t("; temporary password: ").e("PASSWORD_ASSIGNMENT", password()).t("\n")


def fam_expense_ocr(d):
    store = R.choice(["SHELL STATION 4471", "WHOLE FOODS MKT #10233", "TESCO EXTRA", "REWE Markt GmbH", "CARREFOUR CITY", "7-ELEVEN 38817"])
    d.t(f"[OCR confidence 0.{R.randint(80, 97)}] receipt_{digits(8)}.jpg\n{store}\n")
    if R.random() < 0.5:
        d.t("TEL ").e("PHONE_NUMBER", phone(R.choice(["US", "UK", "DE", "FR"]))).t(f"  STORE#{digits(4)}\n")
    for _ in range(R.randint(2, 5)):
        d.t(f"{R.choice(['COFFEE', 'SANDWICH', 'PARKING', 'TAXI', 'WATER 1.5L', 'DIESEL'])}  {R.randint(1, 80)}.{digits(2)}\n")
    d.t(f"TOTAL  {R.randint(20, 200)}.{digits(2)}\n")
    t = pick(["CREDIT_CARD", "CREDIT_CARD", "EMAIL_ADDRESS"])
    if t == "CREDIT_CARD" and R.random() < 0.7:
        d.t("VISA CREDIT\nCARD NO: ").e("CREDIT_CARD", card(R.choice(["visa", "mc", "amex"]), R.choice(["bare", "sp"]))).t("\n")
        d.t(f"AUTH CODE {alnum(6, string.ascii_uppercase + string.digits)}  AID A0000000031010\n")
    else:
        d.t("CARD: ************" + digits(4) + "   CHIP READ\n")
        d.t("E-receipt sent to ").e("EMAIL_ADDRESS", email()).t("\n")
    d.t(f"TRANS {digits(4)} TERM {digits(3)} {nondob('en')} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}\n")
    d.t("Ref: " + phone_shaped_order() + "\n")
    if R.random() < 0.3:
        d.t("Loyalty card " + card_bad().replace(" ", "") + " (not a payment card)\n")


def fam_travel_expense(d):
    lang = R.choice(["de", "fr", "it", "en", "nl"])
    f, l = person(lang)
    T = {"de": ("Reisekostenabrechnung", "Reisende/r", "Erstattung auf IBAN", "Dienstreise nach", "Kreditkarte (Firmenkarte)"),
         "fr": ("Note de frais de déplacement", "Voyageur", "Remboursement sur l'IBAN", "Mission à", "Carte affaires"),
         "it": ("Nota spese trasferta", "Dipendente", "Rimborso su IBAN", "Trasferta a", "Carta aziendale"),
         "en": ("Travel expense claim", "Employee", "Reimburse to IBAN", "Trip to", "Corporate card"),
         "nl": ("Declaratie reiskosten", "Medewerker", "Terugbetaling op IBAN", "Dienstreis naar", "Bedrijfscreditcard")}[lang]
    d.t(f"{T[0]} #{R.randint(2026000, 2026999)}\n{T[1]}: {f} {l} (").e("EMAIL_ADDRESS", email(f, l, org=True)).t(")\n")
    d.t(f"{T[3]} {R.choice(['Lyon', 'Hamburg', 'Milano', 'Rotterdam', 'Kraków'])}, {nondob(lang)} – {nondob(lang)}\n")
    d.t("Hotel folio " + digits(7) + " / flight PNR " + alnum(6, string.ascii_uppercase) + " / e-ticket " + "220-" + digits(10) + "\n")
    t = pick(["IBAN", "CREDIT_CARD"])
    d.t(f"{T[2]}: ").e("IBAN", iban({"de": "DE", "fr": "FR", "it": "IT", "en": "GB", "nl": "NL"}[lang])).t("\n")
    if t == "CREDIT_CARD" or R.random() < 0.5:
        d.t(f"{T[4]}: ").e("CREDIT_CARD", card(R.choice(["amex", "visa", "mc2"]))).t("\n")
    d.t(f"Per diem: {R.randint(2, 5)} x {R.randint(24, 42)},00 EUR   Kostenstelle {digits(4)}\n")
    if R.random() < 0.4:
        d.t("Taxi: driver receipt phone ").e("PHONE_NUMBER", phone({"de": "DE", "fr": "FR", "it": "IT", "en": "UK", "nl": "NL"}[lang])).t("\n")


def _payroll_one(d):
    t0 = pick(["US_SSN", "US_ITIN", "UK_NINO", "CA_SIN", "AU_TFN", "NL_BSN", "US_BANK_ROUTING"])
    c = {"US_SSN": "US", "US_ITIN": "US", "US_BANK_ROUTING": "US", "UK_NINO": "UK", "CA_SIN": "CA", "AU_TFN": "AU", "NL_BSN": "NL"}[t0]
    f, l = person("en" if c != "NL" else "nl")
    d.t(f"Workday business process: Change Payment Elections ({c})\nInitiator: {f} {l} <").e("EMAIL_ADDRESS", email(f, l, org=True)).t(">\n")
    if c == "US":
        if t0 == "US_ITIN":
            d.t("Taxpayer ID (ITIN): ").e("US_ITIN", itin()).t("\n")
        else:
            d.t("SSN: ").e("US_SSN", ssn()).t("\n")
        if R.random() < 0.25:
            d.t("(SSA verification failed for the first entry " + ssn_bad() + ")\n")
        d.t("Old account: routing ").e("US_BANK_ROUTING", aba()).t(f" / acct ****{digits(4)}\n")
        d.t("New account: routing ").e("US_BANK_ROUTING", aba()).t(f" / acct {digits(R.randint(8, 12))} (checking, 100%)\n")
        d.t("Employee ID: " + digits(6) + "  W-4 on file, EIN of employer " + digits(2) + "-" + digits(7) + "\n")
    elif c == "UK":
        d.t("NI number: ").e("UK_NINO", nino()).t("\nNew sort code " + f"{digits(2)}-{digits(2)}-{digits(2)}" + " account " + digits(8) + "\n")
        d.t("Also IBAN: ").e("IBAN", iban("GB")).t("\n")
    elif c == "CA":
        if R.random() < 0.3:
            d.t("Previously keyed SIN (rejected, check digit): " + natid_bad("SIN") + "\n")
        d.t("SIN: ").e("CA_SIN", sin()).t(f"\nTransit {digits(5)} / institution {digits(3)} / account {digits(7)}\n")
    elif c == "AU":
        if R.random() < 0.3:
            d.t("TFN declaration rejected by ATO check: " + natid_bad("TFN") + "\n")
        d.t("Tax file number: ").e("AU_TFN", tfn()).t(f"\nBSB {digits(3)}-{digits(3)} account {digits(9)}\n")
    else:
        d.t("BSN: ").e("NL_BSN", bsn()).t("\nNieuwe IBAN: ").e("IBAN", iban("NL")).t("\n")
    d.t("Effective: " + nondob("en") + "  Step: Approval by HR Partner\n")
    if R.random() < 0.4:
        d.t("Fraud check: request came from IP ").e("IP_ADDRESS", ipv4_public()).t("; callback to ").e("PHONE_NUMBER", phone({"US": "US", "UK": "UK", "CA": "CA", "AU": "AU", "NL": "NL"}[c])).t(" confirmed.\n")


def fam_payroll_change(d):
    n = R.choice([1, 2, 2, 3])
    if n > 1:
        d.t(f"EOR payroll inbox — {n} change requests awaiting approval (batch {digits(6)})\n\n")
    for i in range(n):
        _payroll_one(d)
        if i < n - 1:
            d.t("\n" + R.choice(["----", "====", "* * *"]) + "\n\n")


def fam_benefits_email(d):
    f, l = person()
    d.t("From: ").e("EMAIL_ADDRESS", f"benefits@{R.choice(ORGDOM)}").t("\nTo: ").e("EMAIL_ADDRESS", email(f, l)).t("\nSubject: Open enrollment confirmation – plan year 2027\n\n")
    d.t(f"Hi {f}, here is what we received:\n\nEmployee: {f} {l}, date of birth ").e("DATE_OF_BIRTH", dob("us", 1960, 2000)).t("\n")
    for rel in R.sample(["Spouse", "Child", "Child", "Domestic partner"], R.randint(1, 3)):
        g, _ = person()
        d.t(f"Dependent ({rel}): {g} {l}, DOB ").e("DATE_OF_BIRTH", dob("us", 1965 if rel != "Child" else 2008, 2000 if rel != "Child" else 2025))
        if R.random() < 0.6:
            d.t(", SSN ").e("US_SSN", ssn())
        d.t("\n")
    if R.random() < 0.5:
        d.t("Medicare-eligible dependent, MBI ").e("US_MBI", mbi()).t(" (coordination of benefits)\n")
    d.t(f"Medical: PPO 500 · Dental: High · HSA election ${R.randint(500, 4300)}\nPlan effective {nondob('en')}. Confirmation #{phone_shaped_order()}\n")
    d.t("Questions? Call the benefits center at ").e("PHONE_NUMBER", phone("US")).t(".\n")
    if R.random() < 0.5:
        d.t("Manage preferences: https://benefits." + R.choice(ORGDOM) + "/prefs?email=").e("EMAIL_ADDRESS", email(f, l)).t("&token=" + uuid4() + "\n")


def fam_visa_application(d):
    lang = R.choice(["th", "vi", "id", "tr", "ar", "ru", "uk", "en"])
    lbl = {"th": "แบบคำขอวีซ่า", "vi": "Đơn xin thị thực", "id": "Formulir permohonan visa", "tr": "Vize başvuru formu",
           "ar": "طلب تأشيرة", "ru": "Визовая анкета", "uk": "Візова анкета", "en": "Visa application (DS-160 style)"}[lang]
    f, l = person("en")
    d.t(f"{lbl} — case {alnum(2, string.ascii_uppercase)}{digits(8)}\n")
    k, v = dob_lang(lang if lang != "en" else "en")
    d.t(f"Name: {l.upper()}, {f.upper()}\n{k}: ").e("DATE_OF_BIRTH", v).t("\n")
    d.t("US passport number / Passport No.: ").e("US_PASSPORT", passport_us()).t(f"  (issued {nondob('en')}, expires 203{R.randint(0, 6)})\n")
    if R.random() < 0.4:
        d.t("Previous passport no.: ").e("US_PASSPORT", passport_us()).t(" (lost)\n")
    d.t("Email: ").e("EMAIL_ADDRESS", email(f, l)).t("\nPhone (home country): ")
    fc = {"th": "TH", "vi": "VN", "id": "ID", "tr": "TR", "ar": "SA", "ru": "RU", "uk": "UA"}.get(lang)
    if fc:
        d.e("PHONE_NUMBER", phone_foreign(fc), ign=True)
        d.t("\nUS contact phone: ").e("PHONE_NUMBER", phone("US"))
    else:
        d.e("PHONE_NUMBER", phone("US"))
    d.t(f"\nIntended arrival: {nondob('en')}   Application fee receipt {phone_shaped_order()}\n")
    if R.random() < 0.5:
        d.t("Social Security No. (if any): ").e("US_SSN", ssn()).t("\n")


def _scholar_one(d):
    t0 = pick(["IN_AADHAAR", "IN_PAN", "BR_CPF", "PL_PESEL", "IT_FISCAL_CODE", "ES_NIF", "SG_NRIC"])
    c = {"IN_AADHAAR": "IN", "IN_PAN": "IN", "BR_CPF": "BR", "PL_PESEL": "PL", "IT_FISCAL_CODE": "IT", "ES_NIF": "ES", "SG_NRIC": "SG"}[t0]
    lang = {"IN": "hi", "BR": "pt", "PL": "pl", "IT": "it", "ES": "es", "SG": "en"}[c]
    loc = {"IN": "in", "BR": "br", "PL": "pl", "IT": "it", "ES": "es", "SG": "sg"}[c]
    f, l = person(loc)
    d.t({"hi": "छात्रवृत्ति आवेदन / Scholarship application", "pt": "Inscrição para bolsa de estudos", "pl": "Wniosek o stypendium",
         "it": "Domanda di borsa di studio", "es": "Solicitud de beca", "en": "Scholarship application"}[lang] + f" — {f} {l}\n")
    k, v = dob_lang(lang, 1998, 2008)
    d.t(f"{k}: ").e("DATE_OF_BIRTH", v).t("\n")
    if c == "IN":
        d.t("आधार संख्या (Aadhaar): ").e("IN_AADHAAR", aadhaar()).t("\nPAN: ").e("IN_PAN", pan()).t("\nMobile: ").e("PHONE_NUMBER", phone("IN")).t("\n")
        if R.random() < 0.3:
            d.t("पिछला आधार (Verhoeff mismatch): " + natid_bad("AADHAAR") + "\n")
    elif c == "BR":
        d.t("CPF: ").e("BR_CPF", cpf()).t("\nCelular: ").e("PHONE_NUMBER", phone("BR")).t("\n")
        if R.random() < 0.3:
            d.t("CPF do responsável (inválido, corrigir): " + natid_bad("CPF") + "\n")
    elif c == "PL":
        if R.random() < 0.3:
            d.t("PESEL (błędna suma kontrolna, do poprawy): " + natid_bad("PESEL") + "\n")
        d.t("PESEL: ").e("PL_PESEL", pesel()).t("\nTelefon: ").e("PHONE_NUMBER", phone("PL")).t("\n")
    elif c == "IT":
        if R.random() < 0.3:
            d.t("Codice fiscale letto da OCR (carattere di controllo errato): " + natid_bad("CF") + "\n")
        d.t("Codice fiscale: ").e("IT_FISCAL_CODE", codice_fiscale(l.split()[-1], f)).t("\nCellulare: ").e("PHONE_NUMBER", phone("IT")).t("\n")
    elif c == "ES":
        if R.random() < 0.3:
            d.t("DNI anterior (letra incorrecta): " + natid_bad("NIF") + "\n")
        d.t("DNI/NIE: ").e("ES_NIF", nif_fmt(nif())).t("\nMóvil: ").e("PHONE_NUMBER", phone("ES")).t("\n")
    else:
        if R.random() < 0.3:
            d.t("NRIC typed on paper form (checksum fails): " + natid_bad("NRIC") + "\n")
        d.t("NRIC/FIN: ").e("SG_NRIC", nric()).t("\nMobile: ").e("PHONE_NUMBER", phone("SG")).t("\n")
    d.t("E-mail: ").e("EMAIL_ADDRESS", email(f, l)).t(f"\nGPA {R.randint(7, 9)}.{R.randint(0, 9)} · application ID {uuid4()[:8]}\n")


def fam_scholarship(d):
    n = R.choice([1, 2, 2, 3])
    if n > 1:
        d.t(R.choice(["Admissions committee shortlist", "International scholarship round — shortlist", "Comitê de bolsas / shortlist"]) + f" ({n} applicants)\n\n")
    for i in range(n):
        _scholar_one(d)
        if i < n - 1:
            d.t("\n")


def fam_library_loan(d):
    d.t("patron_id,name,email,phone,birth_date,barcode,due\n")
    for _ in range(R.randint(3, 5)):
        f, l = person()
        d.t(f"P{digits(7)},\"{l}, {f}\",").e("EMAIL_ADDRESS", email(f, l)).t(",")
        d.e("PHONE_NUMBER", phone(R.choice(["US", "CA", "UK"]))).t(",")
        d.e("DATE_OF_BIRTH", dob("iso", 1950, 2016)).t(f",3{digits(13)},{nondob('en')}\n")


def fam_intl_message(d):
    opts = ["cs", "ro", "el", "ru", "uk", "tr", "ar", "he", "hi", "bn", "th", "vi", "id", "ja", "zh", "ko"]
    m = min(LANG_USED[o] for o in opts)
    lang = R.choice([o for o in opts if LANG_USED[o] == m])
    LANG_USED[lang] += 1
    T = {"cs": ("Dobrý den, posílám údaje pro vrácení peněz.", "Můj e-mail:", "Číslo účtu IBAN:"),
         "ro": ("Bună ziua, vă trimit datele pentru rambursare.", "E-mailul meu:", "IBAN-ul meu:"),
         "el": ("Καλησπέρα, στέλνω τα στοιχεία για την επιστροφή χρημάτων.", "Email:", "IBAN:"),
         "ru": ("Здравствуйте, отправляю данные для возврата.", "Моя почта:", "IBAN:"),
         "uk": ("Доброго дня, надсилаю дані для повернення коштів.", "Моя пошта:", "IBAN:"),
         "tr": ("Merhaba, iade için bilgilerimi gönderiyorum.", "E-posta adresim:", "IBAN numaram:"),
         "ar": ("مرحباً، أرسل لكم بياناتي لاسترداد المبلغ.", "بريدي الإلكتروني:", "رقم الآيبان:"),
         "he": ("שלום, אני שולח את הפרטים להחזר הכספי.", "הדוא\"ל שלי:", "מספר IBAN:"),
         "hi": ("नमस्ते, रिफंड के लिए मेरी जानकारी भेज रहा हूँ।", "मेरा ईमेल:", "IBAN:"),
         "bn": ("নমস্কার, ফেরতের জন্য আমার তথ্য পাঠাচ্ছি।", "আমার ইমেইল:", "IBAN:"),
         "th": ("สวัสดีครับ ส่งข้อมูลสำหรับการคืนเงินครับ", "อีเมลของผม:", "IBAN:"),
         "vi": ("Xin chào, tôi gửi thông tin để hoàn tiền.", "Email của tôi:", "Số IBAN:"),
         "id": ("Halo, saya kirim data untuk pengembalian dana.", "Email saya:", "IBAN saya:"),
         "ja": ("お世話になっております。返金先の情報をお送りします。", "メール:", "IBAN:"),
         "zh": ("您好，以下是退款所需的信息。", "邮箱：", "IBAN："),
         "ko": ("안녕하세요, 환불 정보 보내드립니다.", "이메일:", "IBAN:")}[lang]
    if R.random() < 0.3:
        d.e("EMAIL_ADDRESS", email()).t(" — " + T[0] + "\n")
    else:
        d.t(T[0] + "\n" + T[1] + " ").e("EMAIL_ADDRESS", email()).t("\n")
    t = pick(["IBAN", "CREDIT_CARD", "DATE_OF_BIRTH", "PHONE_NUMBER", "CRYPTO_WALLET"])
    if t == "IBAN":
        d.t(T[2] + " ").e("IBAN", iban(R.choice(["DE", "NL", "AT", "PL", "FR", "ES"]))).t("\n")
    elif t == "CREDIT_CARD":
        d.t("Card / Karta / カード: ").e("CREDIT_CARD", card()).t("\n")
    elif t == "DATE_OF_BIRTH":
        k, v = dob_lang(lang)
        d.t(k + ": ").e("DATE_OF_BIRTH", v).t("\n")
    elif t == "PHONE_NUMBER":
        cc = {"ja": "JP", "zh": "CN", "hi": "IN", "bn": "IN"}.get(lang)
        if cc:
            d.t("Tel: ").e("PHONE_NUMBER", phone(cc)).t("\n")
        else:
            d.t("Tel: ").e("PHONE_NUMBER", phone(R.choice(["DE", "UK", "NL"]))).t(" (work, EU)\n")
    else:
        d.t("USDT/ETH: ").e("CRYPTO_WALLET", wallet("eth")).t("\n")
    fc = {"cs": "CZ", "ro": "RO", "el": "GR", "ru": "RU", "uk": "UA", "tr": "TR", "ar": "SA", "he": "IL", "th": "TH", "vi": "VN",
          "id": "ID", "ko": "KR", "bn": "BD"}.get(lang)
    if fc:
        d.t("☎ ").e("PHONE_NUMBER", phone_foreign(fc), ign=True).t("\n")
    if R.random() < 0.3:
        d.t(f"#{phone_shaped_order()} · {nondob('en')}\nWhatsApp: ").e("PHONE_NUMBER", phone(R.choice(["DE", "NL", "UK", "ES"])))
    else:
        d.t(f"#{phone_shaped_order()} · {nondob('en')}\n")


LANG_USED = collections.Counter()


def fam_police_report(d):
    f, l = person()
    d.t(f"INCIDENT REPORT — Case No. {digits(2)}-{digits(6)}  (synthetic)\nOffense: {R.choice(['Theft from vehicle', 'Burglary', 'Stolen phone', 'Fraud'])}\n")
    d.t(f"Reporting party: {l}, {f}   DOB: ").e("DATE_OF_BIRTH", dob("us")).t("\nPhone: ").e("PHONE_NUMBER", phone("US")).t("\n")
    if R.random() < 0.5:
        d.t("Email: ").e("EMAIL_ADDRESS", email(f, l)).t("\n")
    d.t("Property: " + R.choice(["iPhone 15", "Galaxy S24", "Pixel 8"]) + ", IMEI ").e("IMEI", imei()).t(f", plate {alnum(3, string.ascii_uppercase)}-{digits(4)}\n")
    if R.random() < 0.5:
        d.t("Victim's card used at ATM: ").e("CREDIT_CARD", card("visa")).t("\n")
    if R.random() < 0.3:
        d.t("Driver license: " + R.choice(string.ascii_uppercase) + digits(7) + "  SSN: ").e("US_SSN", ssn()).t("\n")
    d.t(f"Related report: {phone_shaped_order()} (report number, not a phone)\nDate of incident: {nondob('en')}\n")


def fam_adjuster_notes(d):
    f, l = person()
    d.t(f"Claim {alnum(3, string.ascii_uppercase)}-{digits(7)} · adjuster log\n")
    d.t(f"{nondob('en')} 10:14  Recorded statement with insured {f} {l} (DOB ").e("DATE_OF_BIRTH", dob("us")).t(").\n")
    d.t(f"{nondob('en')} 11:02  Called claimant at ").e("PHONE_NUMBER", phone("US")).t(", left VM. VIN 1HGCM" + alnum(12, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789") + ".\n")
    t = pick(["US_SSN", "US_BANK_ROUTING", "MEDICAL_RECORD_NUMBER", "ICD10_CODE"])
    if t == "US_SSN":
        d.t("  SSN for 1099 on settlement: ").e("US_SSN", ssn()).t("\n")
    elif t == "US_BANK_ROUTING":
        d.t("  Direct deposit of settlement: ABA ").e("US_BANK_ROUTING", aba()).t(" acct " + digits(10) + "\n")
    else:
        d.t("  Medical records from ER: MRN ").e("MEDICAL_RECORD_NUMBER", mrn()).t(", diagnosis ").e("ICD10_CODE", R.choice(["S13.4XXA", "S16.1XXA", "M54.2", "S80.01XA"])).t("\n")
    d.t(f"  Reserve set ${R.randint(2, 40)},{digits(3)}. Police report {phone_shaped_order()}.\n")
    d.t("  Email from attorney: ").e("EMAIL_ADDRESS", email(org=True)).t("\n")


def fam_smart_home_chat(d):
    d.t(f"[chat] Homey Hub support · session {uuid4()}\n")
    d.t("customer: my hub keeps dropping offline. mac on the sticker is ").e("MAC_ADDRESS", mac()).t("\n")
    d.t(f"agent: thanks! firmware shows {version4()} — can you confirm your public IP?\n")
    d.t("customer: ").e("IP_ADDRESS", ipv4_public()).t(" (router LAN is ").e("IP_ADDRESS", ipv4_private(), ign=True).t(")\n")
    if R.random() < 0.6:
        d.t("customer: wifi password is ").e("PASSWORD_ASSIGNMENT", password()).t(" if you need it\n")
        d.t("agent: please don't share passwords here, I've masked it on our side.\n")
    if R.random() < 0.5:
        d.t("customer: also the camera: MAC ").e("MAC_ADDRESS", mac()).t(", serial " + alnum(12, string.ascii_uppercase + string.digits) + "\n")
    d.t("agent: linked account is ").e("EMAIL_ADDRESS", email()).t("?\ncustomer: yes\n")
    if R.random() < 0.4:
        d.t("customer: the doorbell app is on my phone IMEI ").e("IMEI", imei()).t("\n")


def fam_gym_club(d):
    c = R.choice(["DE", "NL", "UK", "AU", "ES"])
    lang = {"DE": "de", "NL": "nl", "UK": "en", "AU": "en", "ES": "es"}[c]
    hdr = {"de": "Mitgliedsnr;Name;E-Mail;Telefon;Geburtsdatum;IBAN (SEPA-Lastschrift);Check-in",
           "nl": "lidnr;naam;e-mail;telefoon;geboortedatum;IBAN;laatste check-in",
           "en": "member_no,name,email,mobile,dob,card_on_file,last_checkin", "es": "socio;nombre;correo;móvil;fecha_nacimiento;IBAN;entrada"}[lang]
    sep = "," if lang == "en" else ";"
    d.t(hdr + "\n")
    for _ in range(R.randint(3, 4)):
        f, l = person({"DE": "de", "NL": "nl", "UK": "en", "AU": "en", "ES": "es"}[c])
        d.t(f"{digits(6)}{sep}\"{f} {l}\"{sep}").e("EMAIL_ADDRESS", email(f, l)).t(sep).e("PHONE_NUMBER", phone(c)).t(sep)
        d.e("DATE_OF_BIRTH", fmt_date(*dob_tuple(1960, 2007), R.choice(DOB_STYLE[lang][:1] or ["iso"]))).t(sep)
        if lang == "en":
            d.e("CREDIT_CARD", card(fmt="bare"))
        else:
            d.e("IBAN", iban(c, grouped=False))
        d.t(f"{sep}2026-{R.randint(1, 11):02d}-{R.randint(1, 28):02d}T0{R.randint(6, 9)}:{R.randint(10, 59)}\n")


def fam_car_rental(d):
    f, l = person()
    d.t(f"RENTAL AGREEMENT RA{digits(9)}\nRenter: {f} {l}\nDate of birth: ").e("DATE_OF_BIRTH", dob(R.choice(["us", "en_dmy"]))).t("\n")
    d.t(f"Driver's licence: {R.choice(string.ascii_uppercase)}{digits(7)}  exp. {nondob('en')}\n")
    d.t("Mobile: ").e("PHONE_NUMBER", phone(R.choice(["US", "UK", "AU"]))).t("\nEmail: ").e("EMAIL_ADDRESS", email(f, l)).t("\n")
    d.t("Method of payment: ").e("CREDIT_CARD", card(R.choice(["amex", "visa", "mc", "disc"]))).t(f"  exp {R.randint(1, 12):02d}/{R.randint(27, 31)}\n")
    d.t(f"Vehicle: {R.choice(['Toyota RAV4', 'VW Golf', 'Kia Sportage'])}  VIN {alnum(17, 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789')}  Odometer {R.randint(1000, 60000)}\n")
    d.t(f"Pick-up {nondob('en')} · Return {nondob('en')} · Confirmation {phone_shaped_order()}\n")
    if R.random() < 0.3:
        d.t("Additional driver born ").e("DATE_OF_BIRTH", dob("en_long")).t("\n")


def fam_parking_fine(d):
    lang = R.choice(["de", "nl", "fr", "it", "en"])
    T = {"de": ("Verwarnungsgeld", "Kennzeichen", "Bitte überweisen Sie auf", "Aktenzeichen"), "nl": ("Parkeerboete", "Kenteken", "Betaal op rekening", "Beschikkingsnummer"),
         "fr": ("Avis de contravention", "Immatriculation", "Payer par virement sur", "N° avis"), "it": ("Verbale di contravvenzione", "Targa", "Pagamento su", "N. verbale"),
         "en": ("Penalty Charge Notice", "Vehicle reg", "Pay by transfer to", "PCN")}[lang]
    cc = {"de": "DE", "nl": "NL", "fr": "FR", "it": "IT", "en": "GB"}[lang]
    d.t(f"{T[0]}\n{T[3]}: {digits(3)}.{digits(6)}.{digits(1)}\n{T[1]}: {alnum(2, string.ascii_uppercase)}-{alnum(2, string.ascii_uppercase)} {digits(3)}\n")
    d.t(f"Datum/Date: {nondob(lang if lang in DOB_STYLE else 'en')} {R.randint(7, 22)}:{R.randint(10, 59)}\n{T[2]}").t(" ")
    v = iban(cc, grouped=True)
    if R.random() < 0.35:
        g = v.split(" ")
        k = R.randint(2, len(g) - 2)
        v = " ".join(g[:k]) + "\n" + " ".join(g[k:])
    d.e("IBAN", v).t("\n")
    f, l = person(lang if lang in NAMES else "en")
    d.t(f"Halter/Keeper: {f} {l}\n")
    if R.random() < 0.5:
        k, v = dob_lang(lang)
        d.t(f"{k}: ").e("DATE_OF_BIRTH", v).t("\n")
    if R.random() < 0.5:
        d.t("Contact: ").e("EMAIL_ADDRESS", email(f, l)).t("\n")
    d.t(f"Verwendungszweck/Reference: {digits(4)} {digits(4)} {digits(4)}\n")


def fam_customs(d):
    lang = R.choice(["ru", "uk", "el", "tr", "he", "en"])
    T = {"ru": "Таможенная декларация", "uk": "Митна декларація", "el": "Τελωνειακή δήλωση", "tr": "Gümrük beyannamesi",
         "he": "הצהרת מכס", "en": "Customs declaration (CN23)"}[lang]
    f, l = person("en")
    d.t(f"{T} · MRN {digits(2)}{alnum(2, string.ascii_uppercase)}{alnum(14, string.ascii_uppercase + string.digits)}\n")
    k, v = dob_lang(lang)
    d.t(f"{l.upper()} {f.upper()} · {k}: ").e("DATE_OF_BIRTH", v).t("\n")
    d.t("Passport (USA): ").e("US_PASSPORT", passport_us()).t("\n")
    d.t("E-mail: ").e("EMAIL_ADDRESS", email(f, l)).t("\n")
    fc = {"ru": "RU", "uk": "UA", "el": "GR", "tr": "TR", "he": "IL"}.get(lang)
    if fc:
        d.t("Тел./Tel: ").e("PHONE_NUMBER", phone_foreign(fc), ign=True).t("\n")
    else:
        d.t("Tel: ").e("PHONE_NUMBER", phone("US")).t("\n")
    d.t(f"HS code {digits(4)}.{digits(2)} · value {R.randint(50, 900)} USD · tracking RR{digits(9)}US\n")


# =============================================================================================== families: PHI
def fam_pbm_claim(d):
    f, l = person()
    d.t(f"NCPDP D.0 B1 claim (decoded) — BIN {digits(6)} PCN {alnum(5, string.ascii_uppercase)}\n")
    d.t(f"Cardholder: {l.upper()},{f.upper()}  DOB ").e("DATE_OF_BIRTH", dob("compact")).t("\n")
    t = pick(["US_MBI", "MEDICAL_RECORD_NUMBER"])
    if t == "US_MBI":
        d.t("Part D member (MBI): ").e("US_MBI", mbi()).t("\n")
    else:
        d.t("Member ID " + alnum(3, string.ascii_uppercase) + digits(9) + "  Patient MRN: ").e("MEDICAL_RECORD_NUMBER", mrn()).t("\n")
    d.t("Prescriber NPI (411-DB): ").e("US_NPI", npi()).t("  DEA: ").e("US_DEA", dea(R.choice("HKMSTW"))).t("\n")
    d.t("Pharmacy NPI (201-B1): ").e("US_NPI", npi()).t(f"\nNDC {digits(5)}-{digits(4)}-{digits(2)} qty {R.randint(10, 90)} DS {R.choice([30, 90])}\n")
    d.t("Diagnosis code (424-DO): ").e("ICD10_CODE", icd()).t("\n")
    if R.random() < 0.3:
        while True:
            bad = R.choice("12") + digits(9)
            if not luhn_ok("80840" + bad):
                break
        d.t("Reject 56: Non-matched prescriber ID " + bad + " (check digit)\n")
    d.t(f"Rx# {digits(7)} · Response: PAID · auth {phone_shaped_order()}\n")


def fam_dental_preauth(d):
    f, l = person()
    d.t(f"Dental pre-authorization request — {R.choice(['Delta', 'MetLife', 'Cigna'])}-style form\nPatient: {f} {l}  Birthdate: ").e("DATE_OF_BIRTH", dob("us")).t("\n")
    d.t("Subscriber SSN: ").e("US_SSN", ssn()).t("\n") if R.random() < 0.5 else d.t(f"Subscriber ID: {alnum(3, string.ascii_uppercase)}{digits(8)}\n")
    d.t("Treating dentist NPI: ").e("US_NPI", npi()).t(f"  License {digits(6)}\n")
    for _ in range(R.randint(1, 3)):
        d.t(f"  CDT D{R.choice(['2740', '2950', '3330', '4341', '7210', '6010'])}  tooth #{R.randint(1, 32)}  fee ${R.randint(150, 1900)}\n")
    d.t("Diagnosis (ICD-10): ").e("ICD10_CODE", icd(dental=True)).t("\n")
    d.t("Office phone ").e("PHONE_NUMBER", phone("US")).t(f"   Chart #: ").e("MEDICAL_RECORD_NUMBER", digits(7)).t("\n")
    d.t(f"Radiographs attached: {R.randint(1, 4)}  Date of service: {nondob('en')}\n")


def fam_telehealth(d):
    f, l = person()
    d.t(f"Telehealth visit note · {nondob('en')} · modality: video\nPatient {f} {l}, DOB ").e("DATE_OF_BIRTH", dob("us")).t(", MRN ").e("MEDICAL_RECORD_NUMBER", mrn()).t("\n")
    d.t("Patient location verified; session IP ").e("IP_ADDRESS", ip_public()).t("\n")
    d.t(f"S: {R.choice(['3 days of sore throat', 'rash on forearm', 'anxiety, poor sleep', 'dysuria x2 days'])}.\nA/P:\n")
    for i in range(R.randint(1, 3)):
        d.t(f"  {i + 1}. ").e("ICD10_CODE", icd()).t(" — " + R.choice(["supportive care", "start sertraline 25 mg", "nitrofurantoin 100 mg BID", "topical steroid"]) + "\n")
    d.t("Rx e-prescribed; prescriber NPI ").e("US_NPI", npi())
    if R.random() < 0.5:
        d.t(", DEA ").e("US_DEA", dea(l))
    d.t(f"\nFollow-up in 2 weeks. Zoom meeting id {digits(3)} {digits(4)} {digits(4)}\n")
    if R.random() < 0.4:
        d.t("Pharmacy callback: ").e("PHONE_NUMBER", phone("US")).t("\n")


def fam_nurse_triage(d):
    cc = "UK" if pick(["UK_NHS", "MEDICAL_RECORD_NUMBER"]) == "UK_NHS" else "US"
    f, l = person()
    d.t(f"Nurse triage call log · line {'NHS 111' if cc == 'UK' else 'After-hours RN'} · call {digits(8)}\n")
    d.t(f"Caller: {f} {l} (self) · callback ").e("PHONE_NUMBER", phone(cc)).t("\n")
    d.t("DOB ").e("DATE_OF_BIRTH", dob("eu" if cc == "UK" else "us")).t("\n")
    if cc == "UK":
        d.t("NHS No ").e("UK_NHS", nhs()).t("\n")
        if R.random() < 0.3:
            d.t("(number given first, " + natid_bad("NHS") + ", failed the Spine check)\n")
    else:
        d.t("MRN ").e("MEDICAL_RECORD_NUMBER", mrn()).t("\n")
    d.t(f"Protocol: {R.choice(['Chest pain', 'Abdominal pain', 'Fever (adult)', 'Headache'])} · disposition: {R.choice(['ED now', 'see PCP in 24h', 'home care'])}\n")
    d.t("Working dx ").e("ICD10_CODE", icd()).t(f"; gate code for ambulance B20, not a dx\n")
    if R.random() < 0.4:
        d.t("Email summary sent to ").e("EMAIL_ADDRESS", email(f, l)).t("\n")


def fam_home_care(d):
    f, l = person()
    d.t(f"EVV home care visit · caregiver CG{digits(5)} · client {f} {l}\n")
    d.t(f"Clock-in {nondob('en')} 08:0{R.randint(0, 9)} GPS 40.{digits(5)},-73.{digits(5)} · clock-out 10:1{R.randint(0, 9)}\n")
    d.t("Client DOB: ").e("DATE_OF_BIRTH", dob("us", 1930, 1960)).t("   Medicare MBI: ").e("US_MBI", mbi()).t("\n")
    d.t("Agency MRN: ").e("MEDICAL_RECORD_NUMBER", mrn()).t("\nTasks: bathing, meds reminder, vitals BP 13" + str(R.randint(0, 9)) + "/8" + str(R.randint(0, 9)) + "\n")
    d.t("Dx on plan of care: ").e("ICD10_CODE", R.choice(["I50.9", "G30.9", "E11.9", "M81.0", "J44.9"])).t("\n")
    d.t("Family contact: ").e("PHONE_NUMBER", phone("US")).t("\n")


def fam_lab_requisition(d):
    f, l = person()
    d.t(f"LAB REQUISITION · accession {alnum(2, string.ascii_uppercase)}{digits(8)}\nPatient: {l}, {f}   Sex: {R.choice('MF')}   DOB: ").e("DATE_OF_BIRTH", dob("us")).t("\n")
    d.t("MRN: ").e("MEDICAL_RECORD_NUMBER", mrn()).t("\nOrdering provider NPI: ").e("US_NPI", npi()).t("\n")
    d.t("Tests: CMP, HbA1c, Lipid panel   Specimen ID " + uuid4()[:13] + "\n")
    if R.random() < 0.5:
        d.t("HL7 DG1 coding system: I10 (not a diagnosis)\n")
    d.t("ICD-10: ").e("ICD10_CODE", icd())
    if R.random() < 0.6:
        d.t(", ").e("ICD10_CODE", icd())
    d.t("\nBill to: Medicare, MBI ").e("US_MBI", mbi()).t("\n") if R.random() < 0.5 else d.t("\nBill to: patient, SSN ").e("US_SSN", ssn()).t("\n")
    d.t(f"Collected {nondob('en')} 07:45 · LOINC 4548-4 · tube lot {digits(6)}\n")


def fam_vaccination(d):
    lang = R.choice(["en", "uk", "es", "fr", "de"])
    f, l = person({"uk": "en"}.get(lang, lang) if lang in NAMES or lang == "uk" else "en")
    if lang == "uk":
        d.t("Vaccination record (UK)\nName: " + f"{f} {l}\nNHS number: ").e("UK_NHS", nhs()).t("\nDate of birth: ").e("DATE_OF_BIRTH", dob("eu")).t("\n")
    else:
        kl = "en" if lang == "en" else lang
        title = {"en": "Immunization record", "es": "Cartilla de vacunación", "fr": "Carnet de vaccination", "de": "Impfausweis (Auszug)"}[kl]
        k, v = dob_lang(kl)
        d.t(f"{title}\n{f} {l}\n{k}: ").e("DATE_OF_BIRTH", v).t("\n")
        if kl == "en":
            d.t("MRN: ").e("MEDICAL_RECORD_NUMBER", mrn()).t("\n")
    for _ in range(R.randint(2, 4)):
        d.t(f"{nondob('en')}  {R.choice(['Tdap', 'MMR', 'COVID-19 (2025-26)', 'Influenza', 'HepB #2'])}  lot {alnum(2, string.ascii_uppercase)}{digits(4)}  exp {nondob('en')}\n")
    if R.random() < 0.5:
        d.t("Administered by NPI ").e("US_NPI", npi()).t("\n") if lang == "en" else d.t("Arzt/Médico tel. ").e("PHONE_NUMBER", phone({"es": "ES", "fr": "FR", "de": "DE", "uk": "UK"}[lang])).t("\n")
    d.t("Encounter dx (ICD-10): ").e("ICD10_CODE", "Z23").t(" — immunization encounter\n")


# =============================================================================================== families: engineering / secrets
def fam_vpn_firewall(d):
    style = R.choice(["paloalto", "fortigate", "openvpn", "wireguard"])
    for _ in range(R.randint(4, 6)):
        ts = f"2026-{R.randint(1, 11):02d}-{R.randint(1, 28):02d} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}"
        if style == "paloalto":
            d.t(f"1,{ts},0{digits(11)},TRAFFIC,end,2561,{ts},")
            d.e("IP_ADDRESS", ipv4_public()).t(",")
            d.e("IP_ADDRESS", ipv4_private(), ign=True).t(",0.0.0.0,0.0.0.0,allow-web,")
            d.e("EMAIL_ADDRESS", email(org=True)).t(f",,ssl,vsys1,untrust,trust,ethernet1/1,ethernet1/2,{digits(6)},1,{R.randint(1024, 65535)},443\n")
        elif style == "fortigate":
            d.t(f'date={ts[:10]} time={ts[11:]} devname="FGT60F" logid="0101039424" type="event" subtype="vpn" action="tunnel-up" remip=')
            d.e("IP_ADDRESS", ipv4_public()).t(' user="').e("EMAIL_ADDRESS", email(org=True)).t(f'" tunnelid={R.randint(1000, 9999)} mac=')
            d.e("MAC_ADDRESS", mac("colon")).t("\n")
        elif style == "openvpn":
            ip = ipv4_public()
            d.t(f"{ts} ").e("IP_ADDRESS", ip).t(f":{R.randint(1024, 65535)} [").e("EMAIL_ADDRESS", email(org=True)).t("] Peer Connection Initiated with [AF_INET]")
            d.e("IP_ADDRESS", ip).t(f":{R.randint(1024, 65535)}\n")
        else:
            d.t(f"{ts} wg0: peer {base64.b64encode(rbytes(32)).decode()} endpoint ").e("IP_ADDRESS", ip_public() if R.random() < 0.8 else ipv4_public())
            d.t(f":51820 latest handshake, transfer {R.randint(1, 900)} MiB\n")
    d.t(f"# ruleset version {version4()} · sig {sha(40)}\n")


def fam_saml_dump(d):
    f, l = person()
    em = email(f, l, org=True)
    d.t("SAML tracer export\nPOST https://sso." + R.choice(ORGDOM) + "/saml2/acs\n")
    d.t(f'<saml2:Assertion ID="_{sha(32)}" IssueInstant="2026-{R.randint(1, 11):02d}-{R.randint(10, 28)}T10:00:00Z" Version="2.0">\n')
    d.t(f'  <saml2:Issuer>http://www.okta.com/exk{alnum(17)}</saml2:Issuer>\n  <ds:Signature><ds:SignatureValue>{base64.b64encode(rbytes(96)).decode()}</ds:SignatureValue>\n')
    cert = cert_pem().split("\n", 1)[1].rsplit("\n", 1)[0].replace("\n", "")
    d.t(f"    <ds:X509Certificate>{cert[:240]}</ds:X509Certificate></ds:Signature>\n")
    d.t('  <saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">').e("EMAIL_ADDRESS", em).t("</saml2:NameID>\n")
    d.t('    <saml2:SubjectConfirmationData Address="').e("IP_ADDRESS", ipv4_public()).t('" NotOnOrAfter="2026-01-01T00:05:00Z"/></saml2:Subject>\n')
    d.t('  <saml2:AttributeStatement>\n    <saml2:Attribute Name="mobile"><saml2:AttributeValue>').e("PHONE_NUMBER", phone(R.choice(["US", "UK", "DE", "AU", "SG"]))).t("</saml2:AttributeValue></saml2:Attribute>\n")
    if R.random() < 0.5:
        d.t('    <saml2:Attribute Name="birthdate"><saml2:AttributeValue>').e("DATE_OF_BIRTH", dob("iso")).t("</saml2:AttributeValue></saml2:Attribute>\n")
    if R.random() < 0.4:
        d.t('    <saml2:Attribute Name="employeeNumber"><saml2:AttributeValue>' + digits(6) + "</saml2:AttributeValue></saml2:Attribute>\n")
    d.t("  </saml2:AttributeStatement>\n</saml2:Assertion>\n")


def fam_oauth_debug(d):
    d.t(f"DEBUG oauthlib.oauth2.rfc6749 Token request for client {uuid4()}\n")
    cs = password() if R.random() < 0.5 else alnum(32)
    d.t("DEBUG requests POST https://oauth2.googleapis.com/token body=grant_type=refresh_token&client_secret=").e("PASSWORD_ASSIGNMENT", cs)
    d.t("&refresh_token=1//0g" + alnum(40) + "\n")
    d.t("DEBUG response 200 {\"access_token\": \"ya29.a0" + alnum(60) + "\", \"id_token\": \"").e("JWT", jwt(email=None)).t("\", \"expires_in\": 3599}\n")
    t = pick(["GITHUB_TOKEN", "GOOGLE_API_KEY", "JWT", "SLACK_TOKEN"])
    if t == "GITHUB_TOKEN":
        d.t("DEBUG GitHub App installation token: ").e("GITHUB_TOKEN", crc_token("ghs_")).t("\n")
    elif t == "GOOGLE_API_KEY":
        d.t("DEBUG GET https://maps.googleapis.com/maps/api/geocode/json?address=Main+St&key=").e("GOOGLE_API_KEY", google_key()).t("\n")
    elif t == "SLACK_TOKEN":
        d.t("DEBUG slack oauth.v2.access -> {\"ok\":true,\"access_token\":\"").e("SLACK_TOKEN", slack_token()).t("\"}\n")
    else:
        d.t("DEBUG Authorization: Bearer ").e("JWT", jwt()).t("\n")
    d.t("DEBUG state=" + alnum(22) + " code_verifier=" + alnum(43, string.ascii_letters + string.digits + "-_") + " (PKCE, not stored)\n")
    d.t("DEBUG truncated log: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOi...\n")


def fam_terraform_plan(d):
    d.t("Terraform used the selected providers to generate the following execution plan.\n\n")
    d.t('  # aws_db_instance.orders will be created\n  + resource "aws_db_instance" "orders" {\n      + engine   = "postgres"\n')
    if R.random() < 0.5:
        d.t('      + password = (sensitive value)\n')
    else:
        d.t('      + password = "').e("PASSWORD_ASSIGNMENT", password()).t('"\n')
    d.t('      + username = "orders_admin"\n      + arn      = (known after apply)\n    }\n\n')
    d.t('  # aws_lambda_function.ingest will be updated in-place\n  ~ resource "aws_lambda_function" "ingest" {\n      ~ environment {\n          ~ variables = {\n')
    for _ in range(R.randint(2, 3)):
        typ, key, val = sec(pool=["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "SENDGRID_API_KEY", "TWILIO_API_KEY", "STRIPE_SECRET_KEY",
                                  "OPENAI_API_KEY", "AZURE_STORAGE_KEY", "HUGGINGFACE_TOKEN", "ANTHROPIC_API_KEY"])
        key = key.upper().replace(".", "_")
        d.t(f'              + "{key}" = "').e(typ, val).t('"\n')
    d.t('              - "DB_URL"  = "postgres://orders@db.internal:5432/orders" -> null\n')
    d.t('              + "DATABASE_URL" = "')
    db_url(d, "postgres")
    d.t('"\n            }\n        }\n      ~ source_code_hash = "' + base64.b64encode(rbytes(32)).decode() + '"\n    }\n')
    d.t(f"\n  # arn:aws:iam::{digits(12)}:role/ingest\nPlan: 1 to add, 1 to change, 0 to destroy.\n")


def fam_config_mgmt_log(d):
    tool = R.choice(["ansible", "chef", "puppet"])
    if tool == "ansible":
        d.t("PLAY [db_servers] **************************************************************\n\nTASK [postgres : create app role] **********\n")
        d.t(f"changed: [db-{R.randint(1, 9)}.prod] => {{\"changed\": true, \"queries\": [\"CREATE ROLE app LOGIN PASSWORD '")
        d.e("PASSWORD_ASSIGNMENT", password()).t("'\"], \"role\": \"app\"}\n\nTASK [app : render .env] ****\n")
        typ, key, val = sec()
        d.t(f"--- before: /srv/app/.env\n+++ after: /srv/app/.env\n@@ -3,0 +4 @@\n+{key.upper().replace('.', '_')}=").e(typ, val).t("\n")
        d.t("ok: [web-1] => (item={'name': 'deploy', 'password': '{{ vault_deploy_password }}'})\n")
        d.t(f"\nPLAY RECAP *********\ndb-1.prod : ok=12 changed=3 unreachable=0 failed=0\n")
    elif tool == "chef":
        d.t(f"Starting Chef Infra Client, version {R.randint(17, 18)}.{R.randint(0, 9)}.{R.randint(0, 60)}\nRecipe: app::secrets\n  * template[/etc/app/config.ini] action create\n")
        d.t("    - update content in file /etc/app/config.ini from none to " + sha(6) + "\n    --- /etc/app/config.ini\n    +++ /etc/app/.chef-config.ini\n")
        d.t("    +[database]\n    +url = ")
        db_url(d, R.choice(["mysql", "postgresql"]))
        typ, key, val = sec()
        d.t(f"\n    +[integrations]\n    +{key.lower().replace('.', '_')} = ").e(typ, val).t("\n")
        d.t(f"Chef Infra Client finished, 4/{R.randint(20, 90)} resources updated\n")
    else:
        d.t(f"Notice: Compiled catalog for mq-{R.randint(1, 4)}.example.internal in environment production\n")
        d.t("Notice: /Stage[main]/Rabbitmq/File[/etc/rabbitmq/definitions.json]/content:\n--- /etc/rabbitmq/definitions.json\n+++ /tmp/puppet-file\n")
        d.t('+  "users": [{"name": "ingest", "password": "').e("PASSWORD_ASSIGNMENT", password()).t('", "tags": ""}],\n')
        d.t("+  \"amqp_uri\": \"")
        db_url(d, "amqp")
        d.t("\"\nNotice: Applied catalog in 4.21 seconds\n")


def fam_vault_audit(d):
    for _ in range(R.randint(2, 4)):
        ip = ipv4_public() if R.random() < 0.4 else ipv4_private()
        d.t('{"time":"2026-' + f'{R.randint(1, 11):02d}-{R.randint(1, 28):02d}' + 'T12:00:00.0Z","type":"response","auth":{"client_token":"hmac-sha256:' + sha(64))
        d.t('","accessor":"hmac-sha256:' + sha(64) + '","display_name":"oidc-').e("EMAIL_ADDRESS", email(org=True)).t('","policies":["default","etl"]},')
        d.t('"request":{"path":"secret/data/' + R.choice(["payments", "etl", "ml"]) + '","remote_address":"')
        d.e("IP_ADDRESS", ip, ign=ip.startswith(("10.", "192.168", "172.", "127.", "203.0.113", "198.51.100")))
        d.t('"},"response":{"data":{')
        if R.random() < 0.2 or FORCE == "PRIVATE_KEY":
            d.t('"certificate":"' + cert_pem().replace("\n", "\\n")[:120] + '...","private_key":"').e("PRIVATE_KEY", private_key(R.choice(["rsa1", "ec"])).replace("\n", "\\n")).t('"')
        elif R.random() < 0.85:
            typ, key, val = sec()
            d.t(f'"{key}":"').e(typ, val).t('"')
        else:
            d.t('"password":"hmac-sha256:' + sha(64) + '"')
        d.t("}}}\n")


def fam_airflow_spark(d):
    d.t(f"[2026-{R.randint(1, 11):02d}-{R.randint(10, 28)}, 02:{R.randint(10, 59)}:07 UTC] {{taskinstance.py:1157}} INFO - Dependencies all met for <TaskInstance: nightly_export.extract scheduled__{uuid4()[:8]}>\n")
    d.t("[...] {base.py:73} INFO - Using connection ID 'warehouse' for task execution.\n")
    d.t("[...] {logging_mixin.py:137} INFO - conn uri: ")
    db_url(d, R.choice(["postgresql", "mysql", "mssql"]))
    d.t("\n")
    if R.random() < 0.25 or FORCE == "GCP_SERVICE_ACCOUNT_KEY":
        d.t('[...] {connection.py:232} WARNING - extra for google_cloud_default: {"keyfile_dict": "')
        add_gcp(d, escaped=True)
        d.t('", "project": "etl"}\n')
    if R.random() < 0.6:
        d.t('[...] {spark_submit.py:490} INFO - --conf spark.hadoop.fs.s3a.access.key=').e("AWS_ACCESS_KEY_ID", aws_akid())
        d.t(" --conf spark.hadoop.fs.s3a.secret.key=").e("AWS_SECRET_ACCESS_KEY", aws_secret()).t("\n")
    else:
        d.t("[...] snowflake.connector INFO - account=xy12345.eu-central-1 user=LOADER password=").e("PASSWORD_ASSIGNMENT", password()).t("\n")
    d.t(f"[...] INFO - Exported {R.randint(1000, 90000)} rows, sample: ")
    d.t('{"email": "').e("EMAIL_ADDRESS", email()).t('", "phone": "').e("PHONE_NUMBER", phone(R.choice(["US", "UK", "IN", "BR"]))).t('"}\n')
    d.t(f"[...] INFO - Marking task as SUCCESS. run_id={uuid4()} git_sha={sha(40)[:7]}\n")


def fam_dbt_log(d):
    d.t(f"{R.randint(10, 23)}:{R.randint(10, 59)}:02  Running with dbt=1.{R.randint(5, 9)}.{R.randint(0, 9)}\n")
    d.t("  Encountered an error while reading profiles:\n  profiles.yml:\n    analytics:\n      target: prod\n      outputs:\n        prod:\n")
    k = R.choice(["snowflake", "postgres", "redshift", "bigquery"])
    if k == "bigquery":
        d.t("          type: bigquery\n          method: service-account-json\n          keyfile_json: ")
        add_gcp(d, indent=12)
        d.t("\n")
    else:
        d.t(f"          type: {k}\n          user: DBT_SVC\n          password: \"").e("PASSWORD_ASSIGNMENT", password()).t("\"\n          schema: marts\n")
    d.t("  Env var required but not provided: 'DBT_ENV_SECRET_GIT_TOKEN'\n")
    if R.random() < 0.5:
        d.t("  packages.yml: git: \"https://").e("GITHUB_TOKEN", crc_token(R.choice(["ghp_", "gho_"]))).t("@github.com/acme/dbt-utils-fork.git\"\n")
    d.t(f"  Completed with 1 error and 0 warnings. invocation_id={uuid4()}\n")


def fam_query_history(d):
    wh = R.choice(["snowflake", "bigquery"])
    d.t("QUERY_ID,USER_NAME,START_TIME,QUERY_TEXT\n" if wh == "snowflake" else "job_id,user_email,creation_time,query\n")
    for _ in range(R.randint(3, 4)):
        qid = uuid4() if wh == "snowflake" else "bquxjob_" + sha(8)
        d.t(f"{qid},")
        if wh == "bigquery":
            d.e("EMAIL_ADDRESS", email(org=True))
        else:
            d.t(R.choice(["ANALYST_7", "ETL_SVC", "LOOKER"]))
        d.t(f",2026-{R.randint(1, 11):02d}-{R.randint(10, 28)} 0{R.randint(0, 9)}:1{R.randint(0, 9)}:00,\"")
        t = pick(["EMAIL_ADDRESS", "US_SSN", "CREDIT_CARD", "PASSWORD_ASSIGNMENT", "PHONE_NUMBER", "DATE_OF_BIRTH"])
        if t == "EMAIL_ADDRESS":
            d.t("SELECT * FROM crm.contacts WHERE lower(email) = '").e("EMAIL_ADDRESS", email()).t("'")
        elif t == "US_SSN":
            d.t("UPDATE hr.employees SET ssn = '").e("US_SSN", ssn()).t("' WHERE emp_id = " + digits(5))
        elif t == "CREDIT_CARD":
            d.t("SELECT order_id FROM pay.charges WHERE pan = '").e("CREDIT_CARD", card(fmt="bare")).t("'")
        elif t == "PASSWORD_ASSIGNMENT":
            d.t("CREATE USER loader PASSWORD = '").e("PASSWORD_ASSIGNMENT", password()).t("' DEFAULT_ROLE = etl")
        elif t == "PHONE_NUMBER":
            d.t("SELECT id FROM support.callers WHERE phone = '").e("PHONE_NUMBER", phone(R.choice(["US", "UK", "AU"]))).t("'")
        else:
            d.t("SELECT * FROM kyc.applicants WHERE date_of_birth = '").e("DATE_OF_BIRTH", dob("iso")).t("'")
        d.t("\"\n")
    d.t(f"{uuid4()},LOOKER,2026-01-02 00:00:00,\"SELECT sha2(email) AS h FROM crm.contacts -- {sha(64)}\"\n")


def fam_slow_query(d):
    kind = R.choice(["mysql", "postgres"])
    for _ in range(R.randint(2, 3)):
        if kind == "mysql":
            d.t(f"# Time: 2026-{R.randint(1, 11):02d}-{R.randint(10, 28)}T03:1{R.randint(0, 9)}:22.{digits(6)}Z\n# User@Host: app[app] @  [")
            ip = ipv4_private() if R.random() < 0.6 else ipv4_public()
            d.e("IP_ADDRESS", ip, ign=not ip[0].isdigit() or ip.startswith(("10.", "192.168", "172.", "127.", "203.0.113", "198.51.100")))
            d.t(f"]  Id: {R.randint(1000, 99999)}\n# Query_time: {R.randint(1, 30)}.{digits(6)}  Lock_time: 0.000{digits(3)} Rows_sent: 1  Rows_examined: {R.randint(10000, 9000000)}\n")
            d.t(f"SET timestamp={R.randint(1760000000, 1790000000)};\n")
        else:
            d.t(f"2026-{R.randint(1, 11):02d}-{R.randint(10, 28)} 03:1{R.randint(0, 9)}:22.{digits(3)} UTC [{R.randint(1000, 99999)}] app@core LOG:  duration: {R.randint(1000, 30000)}.{digits(3)} ms  statement: ")
        t = pick(["EMAIL_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH", "IBAN", "US_SSN"])
        if t == "EMAIL_ADDRESS":
            d.t("SELECT id, name FROM users WHERE email = '").e("EMAIL_ADDRESS", email()).t("' LIMIT 1;\n")
        elif t == "PHONE_NUMBER":
            d.t("SELECT * FROM orders WHERE customer_phone = '").e("PHONE_NUMBER", phone(R.choice(["US", "DE", "FR", "UK"]))).t("' AND status <> 'x';\n")
        elif t == "DATE_OF_BIRTH":
            f, l = person()
            d.t(f"INSERT INTO patients (first_name, last_name, birth_date) VALUES ('{f}', '{l}', '").e("DATE_OF_BIRTH", dob("iso")).t("');\n")
        elif t == "IBAN":
            d.t("UPDATE payout_accounts SET iban = '").e("IBAN", iban(grouped=False)).t("' WHERE merchant_id = " + digits(6) + ";\n")
        else:
            d.t("SELECT * FROM tax_profiles WHERE ssn = '").e("US_SSN", ssn()).t("';\n")


def fam_redis_monitor(d):
    t0 = R.randint(1760000000, 1790000000)
    ip = ipv4_private()
    d.t(f"OK\n{t0}.{digits(6)} [0 {ip}:{R.randint(30000, 60000)}] \"AUTH\" \"").e("PASSWORD_ASSIGNMENT", password()).t("\"\n")
    for _ in range(R.randint(2, 4)):
        f, l = person()
        d.t(f"{t0 + R.randint(1, 99)}.{digits(6)} [0 {ipv4_private()}:{R.randint(30000, 60000)}] \"SET\" \"session:{sha(32)}\" ")
        d.t('"{\\"uid\\":' + digits(6) + ',\\"email\\":\\"').e("EMAIL_ADDRESS", email(f, l)).t('\\",\\"ip\\":\\"').e("IP_ADDRESS", ip_public()).t('\\"}" "EX" "3600"\n')
    if R.random() < 0.5:
        d.t(f"{t0 + 120}.{digits(6)} [0 {ipv4_private()}:{R.randint(30000, 60000)}] \"HSET\" \"otp:pending\" \"").e("PHONE_NUMBER", phone(R.choice(["US", "IN", "BR", "UK"]))).t(f"\" \"{digits(6)}\"\n")
    d.t(f"{t0 + 130}.{digits(6)} [0 unix:/tmp/redis.sock] \"INFO\" \"replication\"\n")


def fam_kafka_dump(d):
    topic = R.choice(["customer.updated.v2", "payments.captured", "kyc.submitted", "signup.events"])
    for i in range(R.randint(3, 4)):
        f, l = person(R.choice(["en", "de", "fr", "in", "br", "sg"]))
        d.t(f"% topic={topic} partition={R.randint(0, 11)} offset={R.randint(10 ** 6, 10 ** 8)} key={uuid4()}\n")
        d.t('{"event_id":"' + uuid4() + '","ts":' + str(R.randint(1760000000000, 1790000000000)) + ',"payload":{"name":"' + f + " " + l + '","email":"')
        d.e("EMAIL_ADDRESS", email(f, l)).t('"')
        t = pick(["PHONE_NUMBER", "CREDIT_CARD", "SG_NRIC", "IN_PAN", "BR_CPF", "IBAN", "DATE_OF_BIRTH", "IP_ADDRESS", "CRYPTO_WALLET"])
        if t == "PHONE_NUMBER":
            d.t(',"msisdn":"').e("PHONE_NUMBER", phone(R.choice(["SG", "JP", "CN", "AU", "NL"]))).t('"')
        elif t == "CREDIT_CARD":
            d.t(',"card":{"number":"').e("CREDIT_CARD", card(fmt="bare")).t('","exp":"' + f"{R.randint(1, 12):02d}/{R.randint(27, 31)}" + '"}')
        elif t == "SG_NRIC":
            d.t(',"nric":"').e("SG_NRIC", nric()).t('"')
        elif t == "IN_PAN":
            d.t(',"pan":"').e("IN_PAN", pan()).t('"')
        elif t == "BR_CPF":
            d.t(',"cpf":"').e("BR_CPF", cpf()).t('"')
        elif t == "IBAN":
            d.t(',"iban":"').e("IBAN", iban(grouped=False)).t('"')
        elif t == "DATE_OF_BIRTH":
            d.t(',"date_of_birth":"').e("DATE_OF_BIRTH", dob("iso")).t('"')
        elif t == "IP_ADDRESS":
            d.t(',"client_ip":"').e("IP_ADDRESS", ip_public()).t('"')
        else:
            d.t(',"payout_wallet":"').e("CRYPTO_WALLET", wallet()).t('"')
        d.t('},"schema_fingerprint":"' + sha(16) + '"}\n')


def fam_git_log_patch(d):
    f, l = person()
    d.t(f"commit {sha(40)}\nAuthor: {f} {l} <").e("EMAIL_ADDRESS", email(f, l, org=True)).t(f">\nDate:   {nondob('en')}\n\n    chore: move {R.choice(['mailer', 'billing', 'search'])} config to vault (oops, old value below)\n\n")
    fn = R.choice(["config/settings.toml", "app/src/main/resources/application.properties", "deploy/.env.staging", "conf/app.ini"])
    d.t(f"diff --git a/{fn} b/{fn}\nindex {sha(7)}..{sha(7)} 100644\n--- a/{fn}\n+++ b/{fn}\n@@ -{R.randint(1, 40)},6 +{R.randint(1, 40)},6 @@\n")
    for _ in range(R.randint(2, 3)):
        typ, key, val = sec()
        if fn.endswith("toml"):
            d.t(f'-{key.lower().replace(".", "_")} = "').e(typ, val).t('"\n')
            d.t(f'+{key.lower().replace(".", "_")} = "${{VAULT_{key.upper().replace(".", "_")}}}"\n')
        else:
            d.t(f"-{key}=").e(typ, val).t("\n")
            d.t(f"+{key}=${{{key.upper().replace('.', '_')}}}\n")
    d.t(" # unchanged: build " + version4() + "\n")
    if R.random() < 0.4:
        d.t(f"\ncommit {sha(40)}\nAuthor: dependabot[bot] <").e("EMAIL_ADDRESS", "49699333+dependabot[bot]@users.noreply.github.com", ign=True)
        d.t(f">\n    bump @babel/core@7.{R.randint(10, 26)}.{R.randint(0, 9)}\n")


def fam_code_misc(d):
    lang = R.choice(["kotlin", "swift", "csharp", "rust", "php", "ruby", "powershell", "xml", "ini", "toml", "scala", "dart", "lua", "perl"])
    typ, _, val = sec()
    typ2, _, val2 = sec()
    if lang == "kotlin":
        d.t(f"object Secrets {{\n    const val API_KEY = \"").e(typ, val).t("\"\n    val dbUrl = \"jdbc:postgresql://db:5432/app?user=app&password=").e("DATABASE_URL_WITH_PASSWORD", password()).t("\"\n}\n")
    elif lang == "swift":
        d.t("enum Config {\n    static let apiKey = \"").e(typ, val).t("\"\n    static let backupKey: String = \"").e(typ2, val2).t("\"\n}\n")
    elif lang == "csharp":
        d.t("var conn = \"Server=tcp:sql-prod.database.windows.net,1433;User ID=app;Password=").e("PASSWORD_ASSIGNMENT", password()).t(";\";\n")
        d.t("var blob = \"DefaultEndpointsProtocol=https;AccountName=" + R.choice(["ingest", "media", "backups"]) + digits(2) + ";AccountKey=").e("AZURE_STORAGE_KEY", azure_key()).t(";EndpointSuffix=core.windows.net\";\n")
    elif lang == "rust":
        d.t("const TOKEN: &str = \"").e(typ, val).t("\";\nlet url = \"")
        db_url(d, R.choice(["postgres", "redis"]))
        d.t("\";\n")
    elif lang == "php":
        d.t("<?php\nreturn [\n    'mail' => ['key' => '").e(typ, val).t("'],\n    'db' => ['password' => '").e("PASSWORD_ASSIGNMENT", password()).t("'],\n];\n")
    elif lang == "ruby":
        d.t("Rails.application.configure do\n  config.x.partner_key = \"").e(typ, val).t("\"\n  config.x.redis = \"")
        db_url(d, "redis", user="default")
        d.t("\"\nend\n")
    elif lang == "powershell":
        d.t("$env:" + R.choice(["API_TOKEN", "SVC_KEY"]) + " = \"").e(typ, val).t("\"\n$pw = ConvertTo-SecureString \"").e("PASSWORD_ASSIGNMENT", password()).t("\" -AsPlainText -Force\n")
    elif lang == "xml":
        d.t("<configuration>\n  <appSettings>\n    <add key=\"PartnerToken\" value=\"").e(typ, val).t("\" />\n")
        d.t("    <add key=\"SmtpPassword\" value=\"").e("PASSWORD_ASSIGNMENT", password()).t("\" />\n  </appSettings>\n</configuration>\n")
    elif lang == "ini":
        d.t("[service]\ntoken = ").e(typ, val).t("\n[mysql]\nuser = report\npassword = ").e("PASSWORD_ASSIGNMENT", password()).t("\nhost = 10.0.3.4\n")
    elif lang == "toml":
        d.t("[tool.poetry.source]\nname = \"private\"\n[auth]\ntoken = \"").e(typ, val).t("\"\n[db]\nurl = \"")
        db_url(d, "mysql")
        d.t("\"\n")
    elif lang == "scala":
        d.t("val creds = Map(\n  \"key\" -> \"").e(typ, val).t("\",\n  \"secret\" -> \"").e(typ2, val2).t("\"\n)\n")
    elif lang == "dart":
        d.t("const String kApiKey = '").e(typ, val).t("';\n")
    elif lang == "lua":
        d.t("local cfg = {\n  token = \"").e(typ, val).t("\",\n  password = \"").e("PASSWORD_ASSIGNMENT", password()).t("\",\n}\n")
    else:
        d.t("my %conf = (\n    api_key => '").e(typ, val).t("',\n);\n")
    d.t(f"// {lang} snippet pasted in ticket; public key fingerprint SHA256:{base64.b64encode(rbytes(32)).decode().rstrip('=')}\n")


def fam_key_handover(d):
    """keys and service-account JSON pasted into an internal handover / chat (PEM, GCP, hard negatives)."""
    style = R.choice(["chat", "yaml", "json", "ticket"])
    t = pick(["PRIVATE_KEY", "GCP_SERVICE_ACCOUNT_KEY"])
    if style == "chat":
        d.t(f"[{R.randint(8, 18)}:{R.randint(10, 59)}] ops-bot: rotation for {R.choice(['sftp-partner', 'bastion', 'ci-runner'])}\n[{R.randint(8, 18)}:{R.randint(10, 59)}] dana: here is the old one so you can diff\n")
        if t == "PRIVATE_KEY":
            d.e("PRIVATE_KEY", private_key())
        else:
            add_gcp(d)
        d.t("\n[..] dana: and the public half for authorized_keys:\n" + ssh_pub_line("dana@laptop") + "\n")
    elif style == "yaml":
        d.t("apiVersion: v1\nkind: Secret\nmetadata:\n  name: partner-sftp\nstringData:\n")
        if t == "PRIVATE_KEY":
            d.t("  id_key: |\n    ")
            d.e("PRIVATE_KEY", private_key(R.choice(["ec", "rsa1", "ssh"])).replace("\n", "\n    "))
        else:
            d.t("  sftp_user: partner-upload\n  sa.json: |\n    ")
            s, nested, raw = gcp_key_obj(indent=2)
            s2 = s.replace("\n", "\n    ")
            # recompute nested offsets after indentation
            rb = s.encode()
            def mp(o):
                return o + 4 * rb[:o].count(b"\n")
            d.e("GCP_SERVICE_ACCOUNT_KEY", s2, nested=[(a, mp(b), mp(c), ig) for (a, b, c, ig) in nested])
            GCP_RAW[s2] = raw
        d.t("\n  tls.crt: |\n    " + cert_pem().replace("\n", "\n    ")[:300] + "\n")
    elif style == "json":
        d.t('{"pipeline":"bq-export","credentials_json":"')
        if t == "PRIVATE_KEY":
            pk = private_key("rsa8")
            d.e("PRIVATE_KEY", pk.replace("\n", "\\n"))
        else:
            add_gcp(d, escaped=True)
        d.t('","schedule":"0 3 * * *","public_key":"' + public_key_pem().replace("\n", "\\n")[:200] + '..."}\n')
    else:
        d.t(f"JIRA SEC-{digits(4)}: leaked key in build log\nReporter: ").e("EMAIL_ADDRESS", email(org=True)).t("\n\n{code}\n")
        if t == "PRIVATE_KEY":
            d.e("PRIVATE_KEY", private_key())
        else:
            add_gcp(d, indent=4)
        d.t("\n{code}\nAlso in the log (fine, public):\n" + public_key_pem() + "\n")
        if R.random() < 0.4:
            d.t("Redacted copy in wiki:\n").e("PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----\nREDACTED\n-----END RSA PRIVATE KEY-----", ign=True).t("\n")


def fam_ci_secrets_env(d):
    """CI job 'printenv' dump / GitLab CI variables page export (secrets balance)."""
    d.t(f"$ printenv | sort   # job {R.randint(1000000, 9999999)} on runner {sha(8)}\n")
    d.t(f"CI_COMMIT_SHA={sha(40)}\nCI_PIPELINE_ID={R.randint(100000, 999999)}\n")
    for _ in range(R.randint(4, 6)):
        typ, key, val = sec()
        d.t(key.upper().replace(".", "_") + "=").e(typ, val).t("\n")
    if R.random() < 0.5:
        d.t("DATABASE_URL=")
        db_url(d)
        d.t("\n")
    neg = R.choice([f"STRIPE_PUBLISHABLE_KEY=pk_live_{alnum(24)}", f"NPM_TOKEN_OLD={crc_token_bad('npm_')}", f"GH_TOKEN_REVOKED={crc_token_bad('ghp_')}",
                    "DB_PASSWORD=${DB_PASSWORD}", f"DEPLOY_KEY_FINGERPRINT=SHA256:{b64u(rbytes(32))}", "password_min_length=12"])
    d.t(neg + "\n")
    if R.random() < 0.3:
        d.t("AWS_ACCESS_KEY_ID=").e("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", ign=True).t("   # docs example\n")
    d.t(f"HOSTNAME=runner-{sha(8)}-project-{R.randint(100, 999)}-concurrent-0\n")


def fam_mobile_app_config(d):
    style = R.choice(["plist", "google_services", "gradle", "xcconfig"])
    if style == "plist":
        d.t('<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n  <key>CFBundleShortVersionString</key><string>' + version4() + "</string>\n")
        for _ in range(R.randint(1, 2)):
            typ, key, val = sec()
            d.t(f"  <key>{key.replace('.', '_').upper()}</key>\n  <string>").e(typ, val).t("</string>\n")
        d.t("</dict>\n</plist>\n")
    elif style == "google_services":
        d.t('{\n  "project_info": {"project_number": "' + digits(12) + '", "project_id": "shop-app-' + digits(4) + '"},\n  "client": [{\n    "api_key": [{"current_key": "')
        d.e("GOOGLE_API_KEY", google_key()).t('"}],\n    "oauth_client": [{"client_id": "' + digits(12) + "-" + alnum(32, string.ascii_lowercase + string.digits) + '.apps.googleusercontent.com"}]\n  }]\n}\n')
        typ, key, val = sec()
        d.t("// build.gradle.kts: buildConfigField(\"String\", \"" + key.upper().replace(".", "_") + "\", \"\\\"").e(typ, val).t("\\\"\")\n")
    elif style == "gradle":
        d.t("# gradle.properties (committed by mistake)\norg.gradle.jvmargs=-Xmx4g\nRELEASE_STORE_FILE=release.keystore\nRELEASE_STORE_PASSWORD=").e("PASSWORD_ASSIGNMENT", password()).t("\n")
        typ, key, val = sec()
        d.t(key.replace(".", "_") + "=").e(typ, val).t("\n")
    else:
        typ, key, val = sec()
        d.t("// Release.xcconfig\nPRODUCT_BUNDLE_IDENTIFIER = io.tessaro.app\n" + key.upper().replace(".", "_") + " = ").e(typ, val).t("\n")
        typ, key, val = sec()
        d.t(key.upper().replace(".", "_") + " = ").e(typ, val).t("\nMARKETING_VERSION = " + f"{R.randint(1, 9)}.{R.randint(0, 30)}.{R.randint(0, 9)}" + "\n")


def fam_llm_agent_trace(d):
    """agent tool-call trace (JSON lines) where a tool read a config and echoed secrets / user PII back to the model."""
    run = uuid4()
    d.t('{"run_id":"' + run + '","step":1,"role":"user","content":"Why does the nightly sync fail? Logs are in /srv/sync."}\n')
    d.t('{"run_id":"' + run + '","step":2,"role":"assistant","tool_call":{"name":"read_file","args":{"path":"/srv/sync/.env"}}}\n')
    d.t('{"run_id":"' + run + '","step":3,"role":"tool","content":"')
    for i in range(R.randint(2, 4)):
        typ, key, val = sec()
        d.t(key.upper().replace(".", "_") + "=").e(typ, val).t("\\n")
    d.t('SYNC_CRON=0 2 * * *\\n"}\n')
    d.t('{"run_id":"' + run + '","step":4,"role":"tool","name":"tail_log","content":"ERROR sync user=')
    d.e("EMAIL_ADDRESS", email()).t(" from ").e("IP_ADDRESS", ip_public()).t(' rejected: 401\\n"}\n')
    d.t('{"run_id":"' + run + '","step":5,"role":"assistant","content":"The token in .env looks expired; rotate it. (trace hash ' + sha(16) + ')"}\n')


# =============================================================================================== negatives only
def fam_negatives(d):
    style = R.choice(["release", "inventory", "audit"])
    if style == "release":
        d.t(f"Release notes {R.randint(3, 9)}.{R.randint(0, 20)}.{R.randint(0, 9)}\n- Firmware {version4()} for gateways (build {version4()})\n")
        d.t(f"- Fixed crash when order {phone_shaped_order()} had no items\n- SBOM digest sha256:{sha(64)}\n- Example card in docs: ")
        d.e("CREDIT_CARD", "4242 4242 4242 4242", ign=True).t("\n- Example key: ").e("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", ign=True).t("\n")
        d.t(f"- Tx {txhash()} reconciled; masked PAN 411111******1111; SSN field now shows ***-**-{digits(4)}\n")
        ph = R.sample([("STRIPE_SECRET_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"), ("US_SSN", "123-45-6789"), ("UK_NINO", "QQ123456C"),
                       ("US_MBI", "1EG4-TE5-MK73"), ("UK_NHS", "943 476 5919"), ("IBAN", "GB82 WEST 1234 5698 7654 32"),
                       ("CRYPTO_WALLET", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), ("US_SSN", "078-05-1120"),
                       ("IT_FISCAL_CODE", "RSSMRA85T10A562S"), ("AU_TFN", "123 456 782"), ("US_NPI", "1234567893")], 3)
        d.t("- Docs now use the standard test values: ")
        for i, (pt, pv) in enumerate(ph):
            d.e(pt, pv, ign=True).t(", " if i < 2 else "\n")
    elif style == "inventory":
        d.t("asset_tag,serial,uuid,os_build,ticket\n")
        for _ in range(R.randint(4, 6)):
            d.t(f"AT-{digits(6)},{alnum(10, string.ascii_uppercase + string.digits)},{uuid4()},{version4()},{phone_shaped_order()}\n")
        d.t(f"# OID 1.3.6.1.4.1.{R.randint(1000, 60000)}.{R.randint(1, 9)}.{R.randint(1, 99)} · git {sha(40)[:12]}\n")
    else:
        d.t("Secret-scanner triage (all closed as false positive):\n")
        d.t(f"- {crc_token_bad('ghp_')}  -> checksum invalid\n- pk_test_{alnum(24)} -> publishable\n- {wallet_bad()} -> bad checksum\n")
        d.t(f"- IBAN {iban_bad()} -> check digits wrong\n- card {card_bad()} -> Luhn fail\n- SSN {ssn_bad()} -> invalid range\n")
        d.t(f"- NIF {natid_bad('NIF')}, CPF {natid_bad('CPF')}, BSN {natid_bad('BSN')}, TFN {natid_bad('TFN')}, NRIC {natid_bad('NRIC')}\n")
        d.t(f"- postgres://readonly@db.internal:5432/app (no password), git@github.com:acme/app.git, logo@2x.png\n")
        d.t(f"- {ssh_pub_line('ci@runner')}\n- eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx (truncated)\n- arn:aws:iam::{digits(12)}:user/ci\n")


# =============================================================================================== plan / main
FAMILIES = [  # (kind, function, records in the main plan)
    ("marketplace_review_qa", fam_marketplace_qa, 6), ("helpdesk_macro", fam_helpdesk_macro, 6),
    ("crm_activity_timeline", fam_crm_timeline, 5), ("esign_audit_trail", fam_esign_audit, 4),
    ("vendor_onboarding_form", fam_vendor_onboarding, 8), ("expense_receipt_ocr", fam_expense_ocr, 6),
    ("travel_expense_claim", fam_travel_expense, 5), ("payroll_change_request", fam_payroll_change, 9),
    ("benefits_enrollment_email", fam_benefits_email, 6), ("visa_application", fam_visa_application, 7),
    ("scholarship_application", fam_scholarship, 10), ("library_loan_export", fam_library_loan, 4),
    ("intl_customer_message", fam_intl_message, 32), ("police_incident_report", fam_police_report, 6),
    ("insurance_adjuster_notes", fam_adjuster_notes, 6), ("smart_home_support_chat", fam_smart_home_chat, 6),
    ("gym_membership_export", fam_gym_club, 4), ("car_rental_agreement", fam_car_rental, 5),
    ("parking_fine_notice", fam_parking_fine, 5), ("customs_declaration", fam_customs, 6),
    ("pbm_claim", fam_pbm_claim, 7), ("dental_preauth", fam_dental_preauth, 6), ("telehealth_note", fam_telehealth, 6),
    ("nurse_triage_log", fam_nurse_triage, 6), ("home_care_evv_log", fam_home_care, 5),
    ("lab_requisition", fam_lab_requisition, 6), ("vaccination_record", fam_vaccination, 6),
    ("vpn_firewall_log", fam_vpn_firewall, 4), ("saml_assertion_dump", fam_saml_dump, 4), ("oauth_debug_log", fam_oauth_debug, 6),
    ("terraform_plan", fam_terraform_plan, 6), ("config_mgmt_run_log", fam_config_mgmt_log, 7),
    ("vault_audit_log", fam_vault_audit, 5), ("airflow_spark_log", fam_airflow_spark, 6), ("dbt_run_log", fam_dbt_log, 6),
    ("query_history_export", fam_query_history, 5), ("slow_query_log", fam_slow_query, 5), ("redis_monitor", fam_redis_monitor, 4),
    ("kafka_consumer_dump", fam_kafka_dump, 6), ("git_log_patch", fam_git_log_patch, 10), ("code_snippet_misc", fam_code_misc, 12),
    ("key_handover_paste", fam_key_handover, 20), ("ci_printenv_dump", fam_ci_secrets_env, 9), ("negatives_only", fam_negatives, 8),
    ("mobile_app_config", fam_mobile_app_config, 10), ("llm_agent_trace", fam_llm_agent_trace, 10),
]
FAMFN = {k: f for k, f, _ in FAMILIES}
TOPUP = {  # type -> family that can host it (pick() honors FORCE)
    "CREDIT_CARD": "helpdesk_macro", "US_SSN": "helpdesk_macro", "IBAN": "helpdesk_macro", "US_BANK_ROUTING": "helpdesk_macro",
    "DATE_OF_BIRTH": "helpdesk_macro", "US_ITIN": "payroll_change_request", "UK_NINO": "payroll_change_request",
    "CA_SIN": "payroll_change_request", "AU_TFN": "payroll_change_request", "NL_BSN": "payroll_change_request",
    "IN_AADHAAR": "scholarship_application", "IN_PAN": "scholarship_application", "BR_CPF": "kafka_consumer_dump",
    "PL_PESEL": "scholarship_application", "IT_FISCAL_CODE": "scholarship_application", "ES_NIF": "scholarship_application",
    "SG_NRIC": "kafka_consumer_dump", "CRYPTO_WALLET": "kafka_consumer_dump", "IMEI": "police_incident_report",
    "MAC_ADDRESS": "smart_home_support_chat", "US_PASSPORT": "visa_application", "UK_NHS": "nurse_triage_log",
    "US_MBI": "pbm_claim", "US_DEA": "pbm_claim", "US_NPI": "pbm_claim", "MEDICAL_RECORD_NUMBER": "pbm_claim",
    "ICD10_CODE": "telehealth_note", "PRIVATE_KEY": "vault_audit_log", "GCP_SERVICE_ACCOUNT_KEY": "airflow_spark_log",
    "DATABASE_URL_WITH_PASSWORD": "airflow_spark_log", "IP_ADDRESS": "vpn_firewall_log", "EMAIL_ADDRESS": "crm_activity_timeline",
    "PHONE_NUMBER": "crm_activity_timeline",
}
SECRET_HOSTS = ["ci_printenv_dump", "llm_agent_trace", "mobile_app_config", "git_log_patch", "code_snippet_misc"]
for _i, _t in enumerate(SECRET_TYPES):
    TOPUP.setdefault(_t, SECRET_HOSTS[_i % len(SECRET_HOSTS)])
# families whose national-ID choice is not driven by pick(): force the country branch
FORCE_BRANCH = {} and {"UK_NINO": ("payroll_change_request", "UK"), "CA_SIN": ("payroll_change_request", "CA"),
                "AU_TFN": ("payroll_change_request", "AU"), "NL_BSN": ("payroll_change_request", "NL"),
                "US_ITIN": ("payroll_change_request", "US"), "IN_AADHAAR": ("scholarship_application", "IN"),
                "PL_PESEL": ("scholarship_application", "PL"), "IT_FISCAL_CODE": ("scholarship_application", "IT"),
                "ES_NIF": ("scholarship_application", "ES"), "UK_NHS": ("nurse_triage_log", "UK")}

import re  # noqa: E402

EMAIL_RE = re.compile(rb"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
IPV4_RE = re.compile(rb"(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])")


def private_ip(o):
    a, b, c = o[0], o[1], o[2]
    return (a in (10, 127, 0) or (a == 192 and b == 168) or (a == 172 and 16 <= b <= 31) or (a == 169 and b == 254) or
            (a, b, c) in ((203, 0, 113), (198, 51, 100), (192, 0, 2)))


def finalize(d, rid):
    text = d.text()
    tb = text.encode()
    ents = []
    for e in d.ents:
        v = e.pop("_v")
        assert tb[e["start"]:e["end"]].decode() == v, (rid, e, v)
        if not e.get("ignore"):
            vv = GCP_RAW.get(v, v) if e["type"] == "GCP_SERVICE_ACCOUNT_KEY" else v
            validate(e["type"], vv)
        ents.append(e)
    covered = [(e["start"], e["end"]) for e in ents]
    inside = lambda s, t: any(a <= s and t <= b for a, b in covered)
    # private / documentation IPv4 literals anywhere in the text are 'ignore' entries (TAXONOMY convention)
    for m in IPV4_RE.finditer(tb):
        o = [int(x) for x in m.groups()]
        if max(o) <= 255 and private_ip(o) and not inside(m.start(), m.end()):
            ents.append({"type": "IP_ADDRESS", "start": m.start(), "end": m.end(), "ignore": True})
    for m in EMAIL_RE.finditer(tb):
        if not inside(m.start(), m.end()):
            UNLABELED_EMAILS.append((rid, m.group().decode()))
    ents.sort(key=lambda e: (e["start"], e["end"]))
    return {"id": rid, "text": text, "kind": d.kind, "entities": ents}


UNLABELED_EMAILS = []
ALL_TYPES = ["EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN", "US_ITIN", "CREDIT_CARD", "IBAN", "US_BANK_ROUTING", "IP_ADDRESS",
             "MAC_ADDRESS", "DATE_OF_BIRTH", "US_PASSPORT", "UK_NINO", "UK_NHS", "CA_SIN", "IN_AADHAAR", "IN_PAN", "ES_NIF",
             "IT_FISCAL_CODE", "NL_BSN", "BR_CPF", "PL_PESEL", "SG_NRIC", "AU_TFN", "CRYPTO_WALLET", "IMEI", "US_NPI", "US_DEA",
             "US_MBI", "ICD10_CODE", "MEDICAL_RECORD_NUMBER"] + SECRET_TYPES + ["GCP_SERVICE_ACCOUNT_KEY", "PRIVATE_KEY",
                                                                               "DATABASE_URL_WITH_PASSWORD"]
assert len(ALL_TYPES) == 51


def make(kind, force=None, branch=None):
    global FORCE
    FORCE = force
    d = Doc(kind)
    fn = FAMFN[kind]
    if branch:
        # deterministic branch forcing: retry the family until the forced type appears
        for _ in range(50):
            d = Doc(kind)
            fn(d)
            if any(e["type"] == force and not e.get("ignore") for e in d.ents):
                break
            for e in d.ents:  # undo counts of the discarded attempt
                if not e.get("ignore"):
                    COUNTS[e["type"]] -= 1
    else:
        fn(d)
    FORCE = None
    return d


def main():
    global R
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--out", default="bench/heldout6/heldout6.jsonl")
    ap.add_argument("--stats", action="store_true")
    a = ap.parse_args()
    R = random.Random(a.seed)
    selftest()
    plan = []
    for kind, _, n in FAMILIES:
        plan += [kind] * n
    R.shuffle(plan)
    docs = [make(k) for k in plan]
    for _ in range(40):
        low = sorted((t for t in TOPUP if COUNTS[t] < MIN_PER_TYPE), key=lambda t: COUNTS[t])
        if not low:
            break
        for t in low:
            if t in FORCE_BRANCH:
                docs.append(make(FORCE_BRANCH[t][0], force=t, branch=True))
            else:
                docs.append(make(TOPUP[t], force=t))
    # interleave top-up records into the set deterministically
    order = list(range(len(docs)))
    R.shuffle(order)
    recs = [finalize(docs[i], "h6-%06d" % n) for n, i in enumerate(order)]
    with open(a.out, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    c = collections.Counter(e["type"] for r in recs for e in r["entities"] if not e.get("ignore"))
    ign = sum(1 for r in recs for e in r["entities"] if e.get("ignore"))
    print(f"records={len(recs)} scored={sum(c.values())} ignore={ign} types={len(c)} min={min(c.values())}", file=sys.stderr)
    if a.stats:
        for t, n in c.most_common():
            print(f"  {t:<28}{n}", file=sys.stderr)
        kinds = collections.Counter(r["kind"] for r in recs)
        print("  kinds:", dict(sorted(kinds.items())), file=sys.stderr)
        if UNLABELED_EMAILS:
            print("  unlabeled email-like strings:", UNLABELED_EMAILS[:40], file=sys.stderr)
    missing = set(ALL_TYPES) - set(c)
    assert not missing, missing


if __name__ == "__main__":
    main()
