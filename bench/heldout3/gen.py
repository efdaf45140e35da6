#!/usr/bin/env python3
"""heldout3 generator: an independent generalization set for weir (see README.md).

  python3 gen.py --seed 3 --out heldout3.jsonl [--n 400]

Python 3 standard library only, deterministic per --seed. Byte offsets (UTF-8, end exclusive) are computed while
the text is built and every span is re-checked before writing. All checksum schemes are implemented here
(zlib/hashlib only used for SHA-256 and as a cross-check of our own CRC-32).
"""
import argparse
import base64
import hashlib
import json
import string
import sys
import random as _random
import zlib

R = _random.Random(3)

DIG = string.digits
UP = string.ascii_uppercase
LO = string.ascii_lowercase
B62 = DIG + UP + LO
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def rs(alpha, n):
    return "".join(R.choice(alpha) for _ in range(n))


def rd(n):
    return rs(DIG, n)


# =============================================================== checksums (own implementations)
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
    return luhn_sum(digits) % 10 == 0


def luhn_complete(body):
    for c in DIG:
        if luhn_ok(body + c):
            return body + c


_CRC_T = []
for _n in range(256):
    _c = _n
    for _ in range(8):
        _c = (_c >> 1) ^ 0xEDB88320 if _c & 1 else _c >> 1
    _CRC_T.append(_c)


def crc32(data: bytes):
    c = 0xFFFFFFFF
    for b in data:
        c = _CRC_T[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def b62(n, width):
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(width, "0")


def crc_token(prefix, bad=False):
    body = rs(B62, 30)
    ck = b62(crc32(body.encode()), 6)
    if bad:
        ck = ck[:-1] + ("A" if ck[-1] != "A" else "B")
    return prefix + body + ck


def iban_check(cc, bban):
    s = bban + cc + "00"
    n = int("".join(str(int(ch, 36)) for ch in s))
    return "%02d" % (98 - n % 97)


def iban_ok(iban):
    s = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in s)) % 97 == 1


def aba_ok(d):
    d = [int(x) for x in d]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0


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


def verhoeff_complete(body):
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = VD[c][VP[(i + 1) % 8][int(ch)]]
    return body + str(VINV[c])


CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                   12, 14, 16, 10, 22, 25, 24, 23]))


def cf_even(ch):
    return int(ch) if ch.isdigit() else ord(ch) - 65


def cf_letter(s):
    tot = 0
    for i, ch in enumerate(s):
        tot += CF_ODD[ch] if i % 2 == 0 else cf_even(ch)
    return chr(65 + tot % 26)


def keccak256(data: bytes):
    def rc_bit(t):
        if t % 255 == 0:
            return 1
        r = 1
        for _ in range(t % 255):
            r <<= 1
            if r & 0x100:
                r ^= 0x171
        return r & 1
    RC = [sum(rc_bit(j + 7 * i) << ((1 << j) - 1) for j in range(7)) for i in range(24)]
    ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
    M = (1 << 64) - 1

    def rol(v, n):
        return ((v << n) | (v >> (64 - n))) & M if n else v

    def f(A):
        for rnd in range(24):
            C = [A[x] ^ A[x + 5] ^ A[x + 10] ^ A[x + 15] ^ A[x + 20] for x in range(5)]
            D = [C[(x - 1) % 5] ^ rol(C[(x + 1) % 5], 1) for x in range(5)]
            A = [A[i] ^ D[i % 5] for i in range(25)]
            B = [0] * 25
            for x in range(5):
                for y in range(5):
                    B[y + 5 * ((2 * x + 3 * y) % 5)] = rol(A[x + 5 * y], ROT[x][y])
            A = [B[i] ^ ((~B[(i % 5 + 1) % 5 + 5 * (i // 5)]) & B[(i % 5 + 2) % 5 + 5 * (i // 5)]) for i in range(25)]
            A[0] ^= RC[rnd]
        return A
    rate = 136
    msg = bytearray(data) + b"\x01"
    while len(msg) % rate:
        msg += b"\x00"
    msg[-1] |= 0x80
    A = [0] * 25
    for off in range(0, len(msg), rate):
        blk = msg[off:off + rate]
        for i in range(rate // 8):
            A[i] ^= int.from_bytes(blk[8 * i:8 * i + 8], "little")
        A = f(A)
    return b"".join(A[i].to_bytes(8, "little") for i in range(4))


def eip55(hex40):
    h = keccak256(hex40.lower().encode()).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(h[i], 16) >= 8 else c for i, c in enumerate(hex40.lower()))


B32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def bech32_polymod(values):
    G = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = ((chk & 0x1ffffff) << 5) ^ v
        for i in range(5):
            if (b >> i) & 1:
                chk ^= G[i]
    return chk


def hrp_exp(h):
    return [ord(x) >> 5 for x in h] + [0] + [ord(x) & 31 for x in h]


def bech32_addr(prog: bytes, ver):
    acc, bits, out = 0, 0, []
    for b in prog:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            out.append((acc >> bits) & 31)
    if bits:
        out.append((acc << (5 - bits)) & 31)
    data = [ver] + out
    const = 1 if ver == 0 else 0x2bc830a3
    pm = bech32_polymod(hrp_exp("bc") + data + [0] * 6) ^ const
    data += [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return "bc1" + "".join(B32[d] for d in data)


def bech32_ok(addr):
    hrp, data = addr[:2], [B32.index(c) for c in addr[3:]]
    const = 1 if data[0] == 0 else 0x2bc830a3
    return bech32_polymod(hrp_exp(hrp) + data) == const


def b58check(payload: bytes):
    full = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(full, "big")
    s = ""
    while n:
        n, r = divmod(n, 58)
        s = B58[r] + s
    return "1" * (len(full) - len(full.lstrip(b"\0"))) + s


def rbytes(n):
    return bytes(R.randrange(256) for _ in range(n))


# =============================================================== self-tests
assert verhoeff_ok("2363") and not verhoeff_ok("2364")
assert crc32(b"hello world") == zlib.crc32(b"hello world")
_t = "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"
assert b62(crc32(_t[4:34].encode()), 6) == _t[34:], "github crc"
assert iban_ok("GB82WEST12345698765432") and iban_check("GB", "WEST12345698765432") == "82"
assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
assert eip55("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed") == "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
assert bech32_ok("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")
assert bech32_addr(bytes.fromhex("751e76e8199196d454941c45d1b3a323f1433bd6"), 0) == "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
assert luhn_ok("4111111111111111") and aba_ok("011000015")
assert cf_letter("RSSMRA85T10A562") == "S"

# =============================================================== value generators
FIRST = ["Amara", "Kwame", "Zeynep", "Mehmet", "Nguyễn Thị", "Trần Văn", "Siti", "Budi", "Wanjiru", "Baraka",
         "Олег", "Анна", "Fatima", "Yusuf", "Noa", "Itai", "Lucía", "Giulia", "Pieter", "Aoife", "Priya",
         "Rahul", "Wei", "Ana Paula", "Tomasz", "Chloé", "Liam", "Grace", "Hamid", "Leila"]
LAST = ["Okonkwo", "Mensah", "Yılmaz", "Demir", "Hương", "Minh", "Rahayu", "Santoso", "Kamau", "Mwangi",
        "Смирнов", "Кузнецова", "Haddad", "Cohen", "Levi", "Moreno", "Bianchi", "de Vries", "Murphy", "Sharma",
        "Iyer", "Zhang", "Oliveira", "Nowak", "Lefèvre", "O'Brien", "Nakamura", "Rahimi", "Farouk", "Achieng"]
ASCII_FIRST = ["amara", "kwame", "zeynep", "mehmet", "thi.huong", "siti", "budi", "wanjiru", "oleg", "anna",
               "fatima", "yusuf", "noa", "lucia", "giulia", "pieter", "aoife", "priya", "wei", "tomasz", "grace"]
ASCII_LAST = ["okonkwo", "mensah", "yilmaz", "demir", "nguyen", "rahayu", "kamau", "smirnov", "haddad", "cohen",
              "moreno", "bianchi", "devries", "murphy", "sharma", "zhang", "oliveira", "nowak", "nakamura"]
DOMAINS = ["gmail.com", "yandex.ru", "mail.ru", "outlook.com", "proton.me", "yahoo.co.id", "hotmail.com.tr",
           "fpt.vn", "safaricom.co.ke", "web.de", "orange.fr", "libero.it", "ziggo.nl", "uol.com.br",
           "klinik-nord.de", "acme-logistics.io", "hospital.org.il", "bolt.co.za", "sap-corp.eu"]


def name():
    return R.choice(FIRST) + " " + R.choice(LAST)


def email():
    r = R.random()
    if r < 0.08:
        return R.choice(["müller.jürgen@beispiel.de", "иван.петров@почта.рф", "ayşe@şirket.com.tr",
                         "info@مثال.شبكة", "soporte@cañón.es"]).replace("ü", R.choice("üu")) if False else \
            R.choice(["jürgen.müller@gmx.de", "иван.петров@почта.рф", "ayşe.kaya@şirket.com.tr", "rené@café.fr"])
    sep = R.choice([".", "_", "", "-"])
    loc = R.choice(ASCII_FIRST) + sep + R.choice(ASCII_LAST)
    if R.random() < 0.4:
        loc += str(R.randint(1, 99))
    if R.random() < 0.1:
        loc += "+" + R.choice(["billing", "news", "erp"])
    return loc + "@" + R.choice(DOMAINS)


def phone(country=None):
    c = country or R.choice(["US", "UK", "DE", "FR", "ES", "IN", "CN", "BR", "AU", "JP", "SG", "NL"])
    if c == "US":
        a = str(R.randint(2, 9)) + rd(2)
        while a[1:] == "11" or a == "555":
            a = str(R.randint(2, 9)) + rd(2)
        ex = str(R.randint(2, 9)) + rd(2)
        ln = rd(4)
        return R.choice([f"({a}) {ex}-{ln}", f"{a}-{ex}-{ln}", f"+1 {a} {ex} {ln}", f"{a}.{ex}.{ln}", f"+1-{a}-{ex}-{ln}"])
    if c == "UK":
        m = "7" + str(R.randint(4, 9)) + rd(2)
        return R.choice([f"+44 {m} {rd(6)}", f"0{m} {rd(3)} {rd(3)}", f"+44 20 {R.randint(3, 8)}{rd(3)} {rd(4)}"])
    if c == "DE":
        return R.choice([f"+49 30 {rd(8)}", f"+49 151 {rd(8)}", f"0{R.choice(['89', '40', '221'])} {rd(3)} {rd(4)}"])
    if c == "FR":
        return R.choice([f"+33 6 {rd(2)} {rd(2)} {rd(2)} {rd(2)}", f"0{R.choice('1679')} {rd(2)} {rd(2)} {rd(2)} {rd(2)}"])
    if c == "ES":
        return R.choice([f"+34 6{rd(2)} {rd(3)} {rd(3)}", f"+34 91 {rd(3)} {rd(2)} {rd(2)}"])
    if c == "IN":
        return R.choice([f"+91 9{rd(4)} {rd(5)}", f"+91-{R.choice('6789')}{rd(9)}"])
    if c == "CN":
        return f"+86 13{rd(1)} {rd(4)} {rd(4)}"
    if c == "BR":
        return R.choice([f"+55 11 9{rd(4)}-{rd(4)}", f"(21) 9{rd(4)}-{rd(4)}"])
    if c == "AU":
        return R.choice([f"+61 4{rd(2)} {rd(3)} {rd(3)}", f"(02) {rd(4)} {rd(4)}"])
    if c == "JP":
        return R.choice([f"+81 90-{rd(4)}-{rd(4)}", f"03-{rd(4)}-{rd(4)}"])
    if c == "SG":
        return f"+65 {R.choice('89')}{rd(3)} {rd(4)}"
    if c == "NL":
        return R.choice([f"+31 6 {rd(8)}", f"06-{rd(8)}", f"+31 20 {rd(3)} {rd(4)}"])


def ssn(fmt=None):
    while True:
        a = R.randint(1, 899)
        if a != 666:
            break
    a, g, s = "%03d" % a, "%02d" % R.randint(1, 99), "%04d" % R.randint(1, 9999)
    fmt = fmt or R.choice("--- s b".split())
    return {"-": f"{a}-{g}-{s}", "s": f"{a} {g} {s}", "b": a + g + s}.get(fmt[0], f"{a}-{g}-{s}")


def itin():
    g = R.choice(list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100)))
    return f"9{rd(2)}-{g:02d}-{rd(4)}"


def card(kind=None, sep=None):
    kind = kind or R.choice(["visa", "visa", "mc", "mc2", "amex", "disc", "jcb", "diners", "up"])
    pre, ln = {"visa": ("4", 16), "mc": (str(R.randint(51, 55)), 16), "mc2": (str(R.randint(2221, 2720)), 16),
               "amex": (R.choice(["34", "37"]), 15), "disc": ("6011", 16), "jcb": (str(R.randint(3528, 3589)), 16),
               "diners": (R.choice(["36", "38"]), 14), "up": ("62" + rd(2), R.choice([16, 19]))}[kind]
    num = luhn_complete(pre + rd(ln - len(pre) - 1))
    sep = R.choice(["", " ", "-", " "]) if sep is None else sep
    if not sep:
        return num
    if ln == 15:
        parts = [num[:4], num[4:10], num[10:]]
    elif ln == 14:
        parts = [num[:4], num[4:10], num[10:]]
    else:
        parts = [num[i:i + 4] for i in range(0, ln, 4)]
    return sep.join(parts)


def bad_luhn_card():
    num = luhn_complete("4" + rd(14))
    return num[:-1] + str((int(num[-1]) + 3) % 10)


IBAN_C = ["DE", "GB", "FR", "ES", "IT", "NL", "BE", "CH", "AT", "PL", "IE", "PT", "SE"]


def bban(cc):
    if cc == "DE":
        return rd(18)
    if cc in ("GB", "IE"):
        return rs(UP, 4) + rd(14)
    if cc == "FR":
        bank, br, acc = rd(5), rd(5), rd(11)
        key = 97 - (89 * int(bank) + 15 * int(br) + 3 * int(acc)) % 97
        return bank + br + acc + "%02d" % key
    if cc == "ES":
        bank, br, acc = rd(4), rd(4), rd(10)

        def dc(ten):
            w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
            d = 11 - sum(int(a) * b for a, b in zip(ten, w)) % 11
            return {10: 1, 11: 0}.get(d, d)
        return bank + br + str(dc("00" + bank + br)) + str(dc(acc)) + acc
    if cc == "IT":
        rest = rd(5) + rd(5) + rd(12)
        return cf_letter(rest) + rest
    if cc == "NL":
        while True:
            acc = rd(10)
            if sum(int(d) * w for d, w in zip(acc, range(10, 0, -1))) % 11 == 0:
                return R.choice(["ABNA", "INGB", "RABO", "TRIO"]) + acc
    if cc == "BE":
        f = rd(10)
        k = int(f) % 97 or 97
        return f + "%02d" % k
    if cc == "CH":
        return rd(17)
    if cc == "AT":
        return rd(16)
    if cc == "PL":
        return rd(24)
    if cc == "PT":
        n = rd(19)
        return n + "%02d" % (98 - (int(n) * 100) % 97)
    if cc == "SE":
        return rd(20)


def iban(cc=None, grouped=None, bad=False):
    cc = cc or R.choice(IBAN_C)
    b = bban(cc)
    ck = iban_check(cc, b)
    if bad:
        ck = "%02d" % ((int(ck) + 11) % 97 or 2)
    s = cc + ck + b
    assert bad or iban_ok(s)
    if grouped if grouped is not None else R.random() < 0.5:
        s = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    return s


def routing():
    while True:
        p = R.choice(list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)) + [80])
        d = "%02d" % p + rd(6)
        for c in DIG:
            if aba_ok(d + c):
                return d + c


def ipv4_public():
    while True:
        o = [R.randint(1, 223), R.randint(0, 255), R.randint(0, 255), R.randint(1, 254)]
        a, b = o[0], o[1]
        if a in (10, 127, 0) or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168) or (a == 169 and b == 254) \
                or (a == 100 and 64 <= b <= 127) or (a == 198 and b in (18, 19, 51)) or (a == 192 and b == 0) \
                or (a == 203 and b == 0):
            continue
        return ".".join(map(str, o))


def ipv4_private():
    return R.choice([f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}",
                     f"192.168.{R.randint(0, 255)}.{R.randint(1, 254)}", f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(1, 254)}",
                     "127.0.0.1", f"203.0.113.{R.randint(1, 254)}", f"198.51.100.{R.randint(1, 254)}"])


def ipv6_public():
    g = ["%x" % R.choice([0x2001, 0x2a00, 0x2a02, 0x2604, 0x2c0f, 0x2406])] + ["%x" % R.randint(1, 0xffff) for _ in range(7)]
    if g[0] == "2001" and g[1] == "db8":
        g[1] = "4860"
    if R.random() < 0.5:
        return ":".join(g)
    return ":".join(g[:3]) + "::" + g[7]


def mac(fmt=None):
    b = [R.randrange(256) for _ in range(6)]
    b[0] &= 0xFC
    fmt = fmt or R.choice([":", "-", ".", ":U"])
    if fmt == ".":
        h = "".join("%02x" % x for x in b)
        return f"{h[0:4]}.{h[4:8]}.{h[8:12]}"
    s = (fmt[0]).join("%02x" % x for x in b)
    return s.upper() if fmt == ":U" or fmt == "-" else s


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def date(fmt=None, year=None):
    y = year or R.randint(1940, 2006)
    m, d = R.randint(1, 12), R.randint(1, 28)
    fmt = fmt or R.choice(["iso", "us", "eu", "dot", "spelled", "dmy_spelled"])
    return {"iso": f"{y}-{m:02d}-{d:02d}", "us": f"{m:02d}/{d:02d}/{y}", "eu": f"{d:02d}/{m:02d}/{y}",
            "dot": f"{d:02d}.{m:02d}.{y}", "spelled": f"{MONTHS[m - 1]} {d}, {y}",
            "dmy_spelled": f"{d} {MONTHS[m - 1][:3]} {y}", "compact": f"{y}{m:02d}{d:02d}"}[fmt]


def passport():
    return R.choice([rd(9), R.choice(UP) + rd(8)]).replace("0", "5", 1) if R.random() < 0.5 else R.choice(["5", "4", "A"]) + rd(8)


NINO_BAD1 = set("DFIQUV")


def nino(spaced=None):
    while True:
        p = R.choice(UP) + R.choice(UP)
        if p[0] in NINO_BAD1 or p[1] in NINO_BAD1 or p[1] == "O" or p in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            continue
        break
    d = rd(6)
    s = R.choice("ABCD")
    if spaced if spaced is not None else R.random() < 0.5:
        return f"{p} {d[:2]} {d[2:4]} {d[4:]} {s}"
    return p + d + s


def nhs(bad=False):
    while True:
        b = rd(9)
        c = 11 - sum(int(x) * (10 - i) for i, x in enumerate(b)) % 11
        c = 0 if c == 11 else c
        if c == 10:
            continue
        if bad:
            c = (c + 1) % 10
        n = b + str(c)
        return R.choice([f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}-{n[3:6]}-{n[6:]}", n])


def sin():
    n = luhn_complete(R.choice("1234569") + rd(7))
    return R.choice([f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}-{n[3:6]}-{n[6:]}", n])


def aadhaar(bad=False):
    n = verhoeff_complete(R.choice("23456789") + rd(10))
    if bad:
        n = n[:-1] + str((int(n[-1]) + 1) % 10)
    return R.choice([f"{n[:4]} {n[4:8]} {n[8:]}", f"{n[:4]}-{n[4:8]}-{n[8:]}", n])


def pan():
    return rs(UP, 3) + R.choice("PCHFATBLJG") + R.choice(UP) + rd(4) + R.choice(UP)


NIFL = "TRWAGMYFPDXBNJZSQVHLCKE"


def nif(bad=False):
    if R.random() < 0.6:
        n = rd(8)
        v, pre = int(n), ""
    else:
        pre = R.choice("XYZ")
        n = rd(7)
        v = int(str("XYZ".index(pre)) + n)
    L = NIFL[v % 23]
    if bad:
        L = NIFL[(v + 5) % 23]
    return pre + n + R.choice(["", "", "-"]) + L


def fiscal(bad=False):
    s = rs("BCDFGHLMNPRSTVZ", 3) + rs("ABCDEFGHILMNOPRSTUVZ", 3) + rd(2) + R.choice("ABCDEHLMPRST") + \
        "%02d" % (R.randint(1, 28) + R.choice([0, 40])) + R.choice("ABCDEFGHLMZ") + rd(3)
    c = cf_letter(s)
    if bad:
        c = chr(65 + (ord(c) - 65 + 7) % 26)
    return s + c


def bsn(bad=False):
    while True:
        b = rd(8)
        if b[0] == "0":
            continue
        s = sum(int(x) * w for x, w in zip(b, range(9, 1, -1)))
        c = s % 11
        if c == 10:
            continue
        if bad:
            c = (c + 1) % 10
        return b + str(c)


def cpf(bad=False, fmt=True):
    d = [R.randint(0, 9) for _ in range(9)]
    for n in (10, 11):
        d.append(sum(x * w for x, w in zip(d, range(n, 1, -1))) * 10 % 11 % 10)
    if bad:
        d[-1] = (d[-1] + 1) % 10
    s = "".join(map(str, d))
    return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}" if fmt else s


def pesel(bad=False):
    y = R.randint(1950, 2010)
    m, dd = R.randint(1, 12), R.randint(1, 28)
    mm = m + (20 if y >= 2000 else 0)
    b = "%02d%02d%02d" % (y % 100, mm, dd) + rd(4)
    c = (10 - sum(int(x) * w for x, w in zip(b, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3])) % 10) % 10
    if bad:
        c = (c + 1) % 10
    return b + str(c)


def nric(bad=False):
    p = R.choice("STFGM")
    d = rd(7)
    s = sum(int(x) * w for x, w in zip(d, [2, 7, 6, 5, 4, 3, 2])) + {"T": 4, "G": 4, "M": 3}.get(p, 0)
    tab = {"S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK", "G": "XWUTRQPNMLK", "M": "XWUTRQPNJLK"}[p]
    i = s % 11
    if bad:
        i = (i + 1) % 11
    return p + d + tab[i]


def tfn(bad=False):
    w = [1, 4, 3, 7, 5, 8, 6, 9, 10]
    while True:
        b = rd(8)
        for c in DIG:
            n = b + c
            if sum(int(x) * y for x, y in zip(n, w)) % 11 == 0:
                if bad:
                    n = b + str((int(c) + 1) % 10)
                return R.choice([f"{n[:3]} {n[3:6]} {n[6:]}", n])


def wallet(kind=None):
    kind = kind or R.choice(["p2pkh", "p2sh", "bech32", "bech32m", "eth", "eth"])
    if kind == "p2pkh":
        return b58check(b"\x00" + rbytes(20))
    if kind == "p2sh":
        return b58check(b"\x05" + rbytes(20))
    if kind == "bech32":
        return bech32_addr(rbytes(20), 0)
    if kind == "bech32m":
        return bech32_addr(rbytes(32), 1)
    return eip55(rbytes(20).hex())


def bad_btc():
    a = b58check(b"\x00" + rbytes(20))
    i = R.randint(5, 25)
    return a[:i] + ("z" if a[i] != "z" else "y") + a[i + 1:]


def imei(grouped=None):
    n = luhn_complete(R.choice(["35", "86", "01", "49"]) + rd(12))
    if grouped if grouped is not None else R.random() < 0.4:
        return f"{n[:2]}-{n[2:8]}-{n[8:14]}-{n[14]}"
    return n


def npi():
    while True:
        b = R.choice("12") + rd(8)
        for c in DIG:
            if luhn_ok("80840" + b + c):
                return b + c


def dea():
    p = R.choice("ABFGMPR") + R.choice(UP + "9")
    d = [R.randint(0, 9) for _ in range(6)]
    c = ((d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5])) % 10
    return p + "".join(map(str, d)) + str(c)


MBI_A = "ACDEFGHJKMNPQRTUVWXY"


def mbi(dashed=None):
    an = MBI_A + DIG
    s = R.choice("123456789") + R.choice(MBI_A) + R.choice(an) + rd(1) + R.choice(MBI_A) + R.choice(an) + rd(1) + \
        R.choice(MBI_A) + R.choice(MBI_A) + rd(2)
    if dashed if dashed is not None else R.random() < 0.4:
        return f"{s[:4]}-{s[4:7]}-{s[7:]}"
    return s


ICD = [("E11.9", "type 2 diabetes"), ("I10", "essential hypertension"), ("J45.909", "asthma"),
       ("S72.001A", "femur fracture"), ("F32.1", "depressive episode"), ("N18.3", "CKD stage 3"),
       ("K21.9", "GERD"), ("M54.5", "low back pain"), ("C50.911", "breast malignancy"), ("Z79.4", "insulin use"),
       ("I48.91", "atrial fibrillation"), ("G43.909", "migraine"), ("O24.419", "gestational diabetes"),
       ("R07.9", "chest pain"), ("J18.9", "pneumonia"), ("E78.5", "hyperlipidemia")]


def mrn():
    return R.choice([rd(R.randint(6, 10)), R.choice(["MR", "HX", "KH", "RX"]) + rd(7), "A" + rd(8)])


def aws_id():
    return R.choice(["AKIA", "ASIA"]) + rs(UP + "234567", 16)


def aws_secret():
    return rs(string.ascii_letters + DIG + "/+", 40)


def gh_token():
    if R.random() < 0.75:
        return crc_token(R.choice(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]))
    return "github_pat_11" + rs(UP + DIG, 20) + "_" + rs(B62, 59)


def gitlab():
    return R.choice(["glpat-", "glpat-", "glrt-", "gldt-", "glft-"]) + rs(B62 + "_-", 20)


def slack_tok():
    k = R.choice(["xoxb", "xoxp", "xoxe", "xapp"])
    if k == "xapp":
        return f"xapp-1-A{rs(UP + DIG, 10)}-{rd(13)}-{rs('0123456789abcdef', 64)}"
    if k == "xoxp":
        return f"xoxp-{rd(12)}-{rd(12)}-{rd(13)}-{rs('0123456789abcdef', 32)}"
    return f"{k}-{rd(12)}-{rd(13)}-{rs(B62, 24)}"


def slack_hook():
    return f"https://hooks.slack.com/services/T{rs(UP + DIG, 8)}/B{rs(UP + DIG, 10)}/{rs(B62, 24)}"


def stripe():
    return R.choice(["sk_live_", "sk_live_", "rk_live_", "sk_test_"]) + rs(B62, R.choice([24, 34, 99]))


def gkey():
    return "AIza" + rs(B62 + "_-", 35)


def jwt():
    def b64u(b):
        return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    h = {"alg": R.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"}
    if R.random() < 0.4:
        h["kid"] = rs(B62, 12)
    p = {"sub": rd(8), "iat": 1700000000 + R.randint(0, 9999999), "iss": R.choice(["kubernetes/serviceaccount", "https://auth.acme.io", "erp-sso"])}
    if R.random() < 0.5:
        p["email"] = email()
    sig = rbytes(32 if h["alg"] == "HS256" else 64)
    return ".".join([b64u(json.dumps(h, separators=(",", ":")).encode()), b64u(json.dumps(p, separators=(",", ":"), ensure_ascii=False).encode()), b64u(sig)])


def openai():
    A = B62 + "_-"
    if R.random() < 0.7:
        return R.choice(["sk-proj-", "sk-svcacct-", "sk-admin-"]) + rs(A, 74) + "T3BlbkFJ" + rs(A, 74)
    return "sk-" + rs(B62, 20) + "T3BlbkFJ" + rs(B62, 20)


def anthropic():
    return R.choice(["sk-ant-api03-", "sk-ant-api03-", "sk-ant-admin01-"]) + rs(B62 + "_-", 93) + "AA"


def hf():
    return "hf_" + rs(string.ascii_letters, 34)


def pypi():
    ident = rbytes(16).hex().encode()
    cav = json.dumps({"permissions": {"projects": [R.choice(["acme-utils", "weirlib", "fastcsv"])]}, "version": 1}).encode()

    def fld(t, v):
        assert len(v) < 128
        return bytes([t, len(v)]) + v
    mac_ = b"\x02" + fld(1, b"pypi.org") + fld(2, ident) + b"\x00" + fld(2, cav[:120]) + b"\x00" + b"\x00" + fld(6, rbytes(32))
    s = base64.urlsafe_b64encode(mac_).rstrip(b"=").decode()
    assert s.startswith("AgEIcHlwaS5vcmc")
    return "pypi-" + s


def azure_key():
    return base64.b64encode(rbytes(64)).decode()


def sendgrid():
    A = B62 + "_-"
    return "SG." + rs(A, 22) + "." + rs(A, 43)


def twilio():
    return "SK" + rs("0123456789abcdef", 32)


def password():
    return R.choice(["Tr0ub4dor&3", "S3cure!" + rd(4), "hunter2-" + rs(LO, 5), rs(string.ascii_letters + DIG, 14),
                     "Qw!" + rs(B62, 10) + "#", "Sommer2024!", "Kış_" + rd(4) + "!x", "p@ss" + rs(B62, 8),
                     rs(B62, 6) + "$" + rs(B62, 6), "Mật_khẩu" + rd(3)])


# ---------------- PEM (real RSA), EC-shaped, OpenSSH
def is_probable_prime(n):
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
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
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def prime(bits):
    while True:
        c = R.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if is_probable_prime(c):
            return c


def der_len(n):
    if n < 128:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def der_int(v):
    b = v.to_bytes(max(1, (v.bit_length() + 7) // 8), "big")
    if b[0] & 0x80:
        b = b"\0" + b
    return der(0x02, b)


_RSA = []


def rsa_key():
    if len(_RSA) < 4:
        e = 65537
        while True:
            p, q = prime(512), prime(512)
            lam = (p - 1) * (q - 1) // __import__("math").gcd(p - 1, q - 1)
            if p != q and __import__("math").gcd(e, lam) == 1:
                break
        n = p * q
        d = pow(e, -1, lam)
        _RSA.append((n, e, d, p, q))
        return _RSA[-1]
    return R.choice(_RSA)


def pem(label, der_bytes, width=64):
    b = base64.b64encode(der_bytes).decode()
    return f"-----BEGIN {label}-----\n" + "\n".join(b[i:i + width] for i in range(0, len(b), width)) + f"\n-----END {label}-----"


def private_key(kind=None):
    kind = kind or R.choice(["rsa", "pkcs8", "ec", "openssh"])
    if kind in ("rsa", "pkcs8"):
        n, e, d, p, q = rsa_key()
        pk1 = der(0x30, b"".join(der_int(x) for x in (0, n, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p))))
        if kind == "rsa":
            return pem("RSA PRIVATE KEY", pk1)
        alg = der(0x30, der(0x06, bytes.fromhex("2a864886f70d010101")) + b"\x05\x00")
        return pem("PRIVATE KEY", der(0x30, der_int(0) + alg + der(0x04, pk1)))
    if kind == "ec":
        body = der_int(1) + der(0x04, rbytes(32)) + der(0xA0, der(0x06, bytes.fromhex("2a8648ce3d030107"))) + \
            der(0xA1, der(0x03, b"\x00\x04" + rbytes(64)))
        return pem("EC PRIVATE KEY", der(0x30, body))
    blob = b"openssh-key-v1\0" + b"\0\0\0\x04none\0\0\0\x04none\0\0\0\0\0\0\0\x01" + rbytes(180)
    return pem("OPENSSH PRIVATE KEY", blob, 70)


def public_key_pem():
    n, e, *_ = rsa_key()
    rsapub = der(0x30, der_int(n) + der_int(e))
    alg = der(0x30, der(0x06, bytes.fromhex("2a864886f70d010101")) + b"\x05\x00")
    return pem("PUBLIC KEY", der(0x30, alg + der(0x03, b"\0" + rsapub)))


# =============================================================== hard negatives (text only)
def hex_(n):
    return rs("0123456789abcdef", n)


def uuid():
    h = hex_(32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


NEG = [
    lambda: f"card on file **** **** **** {rd(4)}",
    lambda: f"SSN XXX-XX-{rd(4)}",
    lambda: f"ref {bad_luhn_card()} (invalid, rejected)",
    lambda: f"Order #{R.randint(200, 899)}-{R.randint(100, 999)}-{rd(4)}",
    lambda: f"tracking 1Z{rs(UP + DIG, 16)}",
    lambda: f"ticket INC{rd(7)}",
    lambda: f"request-id {uuid()}",
    lambda: f"sha256 {hex_(64)}",
    lambda: f"commit {hex_(40)}",
    lambda: f"short sha {hex_(7)}",
    lambda: f"image@sha256:{hex_(64)}",
    lambda: f'integrity="sha384-{base64.b64encode(rbytes(48)).decode()}"',
    lambda: f"ts 2024-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}T{R.randint(0, 23):02d}:{R.randint(0, 59):02d}:11Z epoch {R.randint(1600000000, 1750000000)}",
    lambda: f"v{R.randint(1, 9)}.{R.randint(0, 30)}.{R.randint(0, 99)}",
    lambda: f"Build {R.randint(1, 9)}.{R.randint(0, 20)}.{R.randint(0, 99)}.{R.randint(0, 999)}",
    lambda: f"OID 1.3.6.1.4.1.{R.randint(1000, 60000)}.{R.randint(1, 9)}",
    lambda: f"gateway {R.randint(256, 399)}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(0, 255)}",
    lambda: f"IBAN (rejected, bad check) {iban(bad=True, grouped=False)}",
    lambda: f"NIF {nif(bad=True)}",
    lambda: f"CPF {cpf(bad=True)}",
    lambda: f"PESEL {pesel(bad=True)}",
    lambda: f"BSN {bsn(bad=True)}",
    lambda: f"TFN {tfn(bad=True)}",
    lambda: f"NRIC {nric(bad=True)}",
    lambda: f"Aadhaar {aadhaar(bad=True)}",
    lambda: f"codice fiscale {fiscal(bad=True)}",
    lambda: f"SIN {luhn_complete('1' + rd(7))[:-1]}{R.choice('13579')}".replace(" ", " "),
    lambda: f"SSN {R.choice(['000', '666'])}-{R.randint(10, 99)}-{rd(4)}",
    lambda: f"token {crc_token('ghp_', bad=True)}",
    lambda: f"npm token {crc_token('npm_', bad=True)}",
    lambda: f"publishable key pk_live_{rs(B62, 24)}",
    lambda: f"tx 0x{hex_(64)}",
    lambda: f"btc {bad_btc()}",
    lambda: f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{base64.b64encode(rbytes(32)).decode()[:43]} deploy@build-{R.randint(1, 9)}",
    lambda: "jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...",
    lambda: f"postgres://report_ro@db-{R.randint(1, 9)}.internal:5432/analytics",
    lambda: "DATABASE_URL=postgresql://app:${DB_PASSWORD}@db:5432/app",
    lambda: 'password: "${ADMIN_PASSWORD}"',
    lambda: "password_min_length: 12",
    lambda: "assets/logo@2x.png",
    lambda: "git@github.com:acme/erp-sync.git",
    lambda: "@babel/core@7.22.5",
    lambda: "root@localhost",
    lambda: "HL7 coding system I10",
    lambda: "gate code B20",
    lambda: f"arn:aws:iam::{rd(12)}:role/etl-runner",
    lambda: f"invoice INV-{rd(4)}-{rd(5)}",
]


def neg():
    return R.choice(NEG)()


# =============================================================== document builder
class Doc:
    def __init__(self):
        self.parts, self.n, self.ents = [], 0, []

    def t(self, *xs):
        for x in xs:
            self.parts.append(x)
            self.n += len(x.encode("utf-8"))
        return self

    def e(self, typ, val, ignore=False):
        s = self.n
        self.t(val)
        d = {"type": typ, "start": s, "end": self.n, "_v": val}
        if ignore:
            d["ignore"] = True
        self.ents.append(d)
        return self

    def sub(self, typ, child):
        """embed a child Doc as one entity of typ; child's entities are shifted."""
        s = self.n
        for c in child.ents:
            c = dict(c)
            c["start"] += s
            c["end"] += s
            self.ents.append(c)
        self.t("".join(child.parts))
        self.ents.append({"type": typ, "start": s, "end": self.n, "_v": "".join(child.parts)})
        return self

    def text(self):
        return "".join(self.parts)


def neg_line(d, pre="", post="\n"):
    d.t(pre + neg() + post)


# ---- localized label table
L10N = {
    "tr": dict(dob="Doğum tarihi", phone="Telefon", email="E-posta", card="Kart numarası", iban="IBAN",
               passport="ABD pasaport no", ip="IP adresi", greet="Merhaba, bilgilerim aşağıda:", bye="Teşekkürler."),
    "vi": dict(dob="Ngày sinh", phone="Số điện thoại", email="Email", card="Số thẻ", iban="Số IBAN",
               passport="Số hộ chiếu Hoa Kỳ", ip="Địa chỉ IP", greet="Xin chào, thông tin của tôi như sau:", bye="Cảm ơn bạn."),
    "id": dict(dob="Tanggal lahir", phone="Nomor telepon", email="Surel", card="Nomor kartu kredit", iban="IBAN",
               passport="Nomor paspor AS", ip="Alamat IP", greet="Halo, berikut data saya:", bye="Terima kasih."),
    "sw": dict(dob="Tarehe ya kuzaliwa", phone="Namba ya simu", email="Barua pepe", card="Namba ya kadi", iban="IBAN",
               passport="Namba ya pasipoti ya Marekani", ip="Anwani ya IP", greet="Habari, maelezo yangu ni:", bye="Asante sana."),
    "ru": dict(dob="Дата рождения", phone="Телефон", email="Эл. почта", card="Номер карты", iban="IBAN",
               passport="Паспорт США №", ip="IP-адрес", greet="Здравствуйте! Мои данные:", bye="Спасибо."),
    "ar": dict(dob="تاريخ الميلاد", phone="رقم الهاتف", email="البريد الإلكتروني", card="رقم البطاقة", iban="رقم الآيبان",
               passport="رقم جواز السفر الأمريكي", ip="عنوان IP", greet="مرحباً، هذه بياناتي:", bye="شكراً لكم."),
    "he": dict(dob="תאריך לידה", phone="טלפון", email="דוא\"ל", card="מספר כרטיס אשראי", iban="IBAN",
               passport="מספר דרכון אמריקאי", ip="כתובת IP", greet="שלום, הפרטים שלי:", bye="תודה רבה."),
}
LANG_PHONE = {"tr": ["DE", "UK", "NL"], "vi": ["SG", "AU", "JP"], "id": ["SG", "AU", "IN"], "sw": ["UK", "US", "IN"],
              "ru": ["DE", "CN", "US"], "ar": ["UK", "FR", "IN"], "he": ["US", "UK", "FR"]}
LANG_NATID = {"tr": [("NL_BSN", "BSN (Hollanda)", bsn), ("ES_NIF", "NIE", nif)],
              "vi": [("SG_NRIC", "NRIC Singapore", nric), ("SG_NRIC", "Số FIN (Singapore)", nric), ("AU_TFN", "TFN (Úc)", tfn)],
              "id": [("SG_NRIC", "NRIC", nric), ("IN_AADHAAR", "Aadhaar", aadhaar)],
              "sw": [("UK_NINO", "National Insurance (UK)", nino), ("IN_PAN", "PAN (India)", pan)],
              "ru": [("PL_PESEL", "PESEL", pesel), ("IT_FISCAL_CODE", "Codice fiscale", fiscal)],
              "ar": [("IN_AADHAAR", "رقم آدهار", aadhaar), ("UK_NHS", "NHS رقم", nhs), ("ES_NIF", "NIE", nif)],
              "he": [("US_SSN", "מספר ביטוח לאומי אמריקאי (SSN)", ssn), ("CA_SIN", "SIN קנדי", sin), ("BR_CPF", "CPF", cpf)]}


def fam_multilingual(lang):
    L = L10N[lang]
    d = Doc()
    d.t(L["greet"] + "\n")
    fields = R.sample(["dob", "phone", "email", "card", "iban", "passport", "ip", "natid", "wallet"], R.randint(3, 5))
    for f in fields:
        if f == "dob":
            d.t(f"{L['dob']}: ").e("DATE_OF_BIRTH", date(R.choice(["iso", "dot", "eu"])))
        elif f == "phone":
            d.t(f"{L['phone']}: ").e("PHONE_NUMBER", phone(R.choice(LANG_PHONE[lang])))
        elif f == "email":
            d.t(f"{L['email']}: ").e("EMAIL_ADDRESS", email())
        elif f == "card":
            d.t(f"{L['card']}: ").e("CREDIT_CARD", card())
        elif f == "iban":
            d.t(f"{L['iban']}: ").e("IBAN", iban())
        elif f == "passport":
            d.t(f"{L['passport']}: ").e("US_PASSPORT", passport())
        elif f == "ip":
            d.t(f"{L['ip']}: ").e("IP_ADDRESS", ipv4_public())
        elif f == "natid":
            typ, lab, fn = R.choice(LANG_NATID[lang])
            d.t(f"{lab}: ").e(typ, fn())
        elif f == "wallet":
            d.t("USDT/ETH: " if lang != "ar" else "محفظة: ").e("CRYPTO_WALLET", wallet())
        d.t(R.choice(["\n", " — ", "، " if lang == "ar" else "; "]) if f != fields[-1] else "\n")
    if R.random() < 0.6:
        neg_line(d, "(" if lang not in ("ar", "he") else "(", ")\n")
    d.t(L["bye"])
    return d, "ml_" + lang


# ---- phone call transcripts / voicemail
DIGW = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def spoken(groups, words=False):
    if words:
        return ", ".join(" ".join(DIGW[int(c)] for c in g) for g in groups)
    return ", ".join(" ".join(g) for g in groups) if R.random() < 0.5 else " ... ".join(groups)


def fam_call():
    d = Doc()
    ag, cu = R.choice(["Agent (Dana)", "AGENT", "Rep"]), R.choice(["Caller", "CUSTOMER", "Cust"])
    ts = lambda: f"[{R.randint(0, 9):02d}:{R.randint(0, 59):02d}] "
    d.t(f"Call ID {uuid()} — transcript (auto, ASR conf 0.{R.randint(80, 97)})\n")
    d.t(ts() + f"{ag}: Thanks for calling Northwind Bank, can I get your full name?\n")
    d.t(ts() + f"{cu}: Yeah it's {name()}.\n")
    for step in R.sample(["ssn", "dob", "card", "phone", "routing", "email", "itin"], R.randint(3, 5)):
        if step == "ssn":
            a, g, s = ssn("-").split("-")
            d.t(ts() + f"{ag}: And the last... actually the full social for verification?\n")
            d.t(ts() + f"{cu}: Sure, it's ").e("US_SSN", R.choice([f"{a} {g} {s}", f"{a}-{g}-{s}", spoken([a, g, s])])).t(".\n")
        elif step == "dob":
            d.t(ts() + f"{ag}: Date of birth?\n" + ts() + f"{cu}: I was born ").e("DATE_OF_BIRTH", date(R.choice(["spelled", "us", "dmy_spelled"]))).t(".\n")
        elif step == "card":
            c = card(R.choice(["visa", "mc", "disc"]), sep=" ")
            gs = c.split(" ")
            d.t(ts() + f"{cu}: The card number is ").e("CREDIT_CARD", R.choice([c, ", ".join(gs), " - ".join(gs)])).t(f", expiry {R.randint(1, 12):02d}/{R.randint(26, 30)}.\n")
        elif step == "phone":
            p = phone("US")
            digits = "".join(ch for ch in p if ch.isdigit())[-10:]
            gs = [digits[:3], digits[3:6], digits[6:]]
            v = R.choice([p, spoken(gs), spoken(gs, words=True)])
            d.t(ts() + f"{ag}: Best callback number?\n" + ts() + f"{cu}: ").e("PHONE_NUMBER", v).t(".\n")
        elif step == "routing":
            r = routing()
            d.t(ts() + f"{cu}: For the direct deposit, routing number is ").e("US_BANK_ROUTING", R.choice([r, f"{r[:3]} {r[3:6]} {r[6:]}"])).t(f" and account ending {rd(4)}.\n")
        elif step == "email":
            d.t(ts() + f"{cu}: Email it to ").e("EMAIL_ADDRESS", email()).t(" please.\n")
        elif step == "itin":
            d.t(ts() + f"{cu}: I don't have a social, I file with my ITIN, ").e("US_ITIN", itin()).t(".\n")
    if R.random() < 0.7:
        d.t(ts() + f"{ag}: I've opened case {R.randint(200, 899)}-{R.randint(100, 999)}-{rd(4)} for you. Card on file ends in {rd(4)}.\n")
    d.t(ts() + f"{ag}: Anything else? ... [call ended]\n")
    return d, "call_transcript"


def fam_voicemail():
    d = Doc()
    d.t(f"Voicemail from {phone('US') if R.random() < 0 else 'unknown'} • {R.randint(0, 2)}:{R.randint(10, 59)} • transcription (beta)\n\n")
    who = R.choice(["pharmacy", "clinic", "bank", "landlord"])
    if who == "pharmacy":
        d.t(f"Hi, this is {name()} calling from Walgreens about a prescription for {name()}, date of birth ")
        d.e("DATE_OF_BIRTH", date(R.choice(["us", "spelled"])))
        d.t(". The prescriber's DEA number is ").e("US_DEA", dea()).t(R.choice([", and NPI ", ", NPI number "])).e("US_NPI", npi())
        d.t(". Please call us back at ")
    elif who == "clinic":
        d.t("Hey it's Dr. " + R.choice(LAST) + "'s office. We need to update the Medicare number on file, the one we have is ")
        d.e("US_MBI", mbi()).t(". Also your chart number, M R N ").e("MEDICAL_RECORD_NUMBER", rd(8)).t(". Call us at ")
    elif who == "bank":
        d.t("This is the fraud team. We saw a charge at " + R.choice(["Lagos", "Istanbul", "Hanoi"]) + " from IP ")
        d.e("IP_ADDRESS", ipv4_public()).t(". If that wasn't you, call ")
    else:
        d.t("Hi, it's " + name() + ", about the deposit. Can you text me at ")
    p = phone("US")
    dg = "".join(ch for ch in p if ch.isdigit())[-10:]
    d.e("PHONE_NUMBER", R.choice([p, spoken([dg[:3], dg[3:6], dg[6:]]), spoken([dg[:3], dg[3:6], dg[6:]], True)]))
    d.t(". " + R.choice(["Thanks, bye.", "Again that's the same number. Bye.", "Have a good one."]) + "\n")
    return d, "voicemail"


# ---- medical device / telemetry log
def fam_telemetry():
    d = Doc()
    dev = R.choice(["InfusionPump-X3", "CGM-Link", "HoloECG 2", "VentiCare 900"])
    d.t(f"# {dev} telemetry export fw=")
    d.t(f"{R.randint(1, 9)}.{R.randint(0, 9)}.{R.randint(0, 20)}.{R.randint(100, 999)}\n")
    ts0 = R.randint(1700000000, 1750000000)
    for i in range(R.randint(5, 9)):
        ts0 += R.randint(1, 300)
        d.t(f"{ts0}.{rd(3)} ")
        k = R.choice(["boot", "net", "pat", "cell", "alarm", "ble", "dose", "neg"])
        if k == "boot":
            d.t(f"SYS boot ok serial=SN{rd(8)} hw_mac=").e("MAC_ADDRESS", mac()).t("\n")
        elif k == "net":
            v6 = R.random() < 0.3
            d.t("NET dhcp lease addr=").e("IP_ADDRESS", ipv4_private(), ignore=True).t(" wan=").e("IP_ADDRESS", ipv6_public() if v6 else ipv4_public()).t("\n")
        elif k == "pat":
            d.t("PAT assoc mrn=").e("MEDICAL_RECORD_NUMBER", mrn()).t(" dob=").e("DATE_OF_BIRTH", date("compact")).t(f" bed={R.randint(1, 40)}{R.choice('AB')}\n")
        elif k == "cell":
            d.t("LTE modem attach imei=").e("IMEI", imei()).t(f" rssi=-{R.randint(60, 110)}\n")
        elif k == "alarm":
            c, desc = R.choice(ICD)
            d.t(f"ALARM threshold exceeded; active dx code ").e("ICD10_CODE", c).t(f" ({desc}) uuid={uuid()}\n")
        elif k == "ble":
            d.t("BLE paired peer=").e("MAC_ADDRESS", mac()).t(f" rssi=-{R.randint(40, 90)}\n")
        elif k == "dose":
            d.t(f"DOSE rate={R.randint(1, 99)}.{rd(1)}mL/h ordering_npi=").e("US_NPI", npi()).t("\n")
        else:
            d.t("DBG " + neg() + "\n")
    return d, "device_telemetry"


# ---- SAP / ERP export
def fam_sap():
    d = Doc()
    d.t("LFA1/LFBK vendor master extract  mandt=100  " + f"run {R.randint(2023, 2025)}-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}\n")
    d.t("LIFNR     |NAME1                    |STCD1          |BANKS|IBAN                              |SMTP_ADDR\n")
    for _ in range(R.randint(3, 6)):
        cc = R.choice(["ES", "IT", "DE", "FR", "NL", "BE", "PT", "AT"])
        d.t(f"{rd(10)}|{name()[:24]:<25}|")
        if cc == "ES":
            v = nif()
            d.e("ES_NIF", v).t(" " * max(1, 15 - len(v)) + "|")
        elif cc == "IT":
            v = fiscal()
            d.e("IT_FISCAL_CODE", v).t("|")
        else:
            d.t(f"{cc}{rd(9):<13}|")
        d.t(f"{cc}   |")
        v = iban(cc, grouped=False)
        d.e("IBAN", v).t(" " * max(1, 34 - len(v)) + "|")
        d.e("EMAIL_ADDRESS", email()).t("\n")
    d.t(f"* {R.randint(3, 6)} rows; BELNR range {rd(10)}-{rd(10)}; {neg()}\n")
    return d, "sap_export"


# ---- UBL XML invoice
def fam_ubl():
    d = Doc()
    cc = R.choice(["NL", "BE", "DE", "IT", "ES", "FR"])
    d.t('<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"\n'
        '  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"\n'
        '  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">\n')
    d.t(f"  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>\n  <cbc:ID>INV-{rd(4)}-{rd(5)}</cbc:ID>\n")
    d.t(f"  <cbc:IssueDate>2024-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}</cbc:IssueDate>\n")
    d.t("  <cac:AccountingSupplierParty><cac:Party>\n    <cbc:EndpointID schemeID=\"EM\">").e("EMAIL_ADDRESS", email()).t("</cbc:EndpointID>\n")
    d.t(f"    <cac:PartyName><cbc:Name>{R.choice(['Van Dijk Logistiek BV', 'Bianchi Forniture Srl', 'Muller GmbH', 'Talleres Moreno SL'])}</cbc:Name></cac:PartyName>\n")
    if cc == "ES":
        d.t("    <cac:PartyTaxScheme><cbc:CompanyID>ES").e("ES_NIF", nif().replace("-", "")).t("</cbc:CompanyID></cac:PartyTaxScheme>\n")
    elif cc == "IT":
        d.t("    <cac:PartyLegalEntity><cbc:CompanyID schemeID=\"IT:CF\">").e("IT_FISCAL_CODE", fiscal()).t("</cbc:CompanyID></cac:PartyLegalEntity>\n")
    elif cc == "NL":
        d.t("    <!-- sole trader: BSN used as id -->\n    <cac:PartyIdentification><cbc:ID schemeID=\"NL:BSN\">").e("NL_BSN", bsn()).t("</cbc:ID></cac:PartyIdentification>\n")
    d.t("    <cac:Contact><cbc:Telephone>").e("PHONE_NUMBER", phone(R.choice(["NL", "DE", "FR", "ES"]))).t("</cbc:Telephone>")
    d.t("<cbc:ElectronicMail>").e("EMAIL_ADDRESS", email()).t("</cbc:ElectronicMail></cac:Contact>\n  </cac:Party></cac:AccountingSupplierParty>\n")
    d.t("  <cac:PaymentMeans>\n    <cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>\n    <cbc:PaymentID>" + f"RF{rd(2)}{rd(10)}" + "</cbc:PaymentID>\n")
    d.t("    <cac:PayeeFinancialAccount><cbc:ID>").e("IBAN", iban(cc, grouped=False)).t(f"</cbc:ID><cbc:Name>{R.choice(LAST)}</cbc:Name></cac:PayeeFinancialAccount>\n")
    if R.random() < 0.4:
        d.t("    <cac:CardAccount><cbc:PrimaryAccountNumberID>").e("CREDIT_CARD", card(sep="")).t("</cbc:PrimaryAccountNumberID><cbc:NetworkID>VISA</cbc:NetworkID></cac:CardAccount>\n")
    else:
        d.t(f"    <cac:CardAccount><cbc:PrimaryAccountNumberID>************{rd(4)}</cbc:PrimaryAccountNumberID></cac:CardAccount>\n")
    d.t("  </cac:PaymentMeans>\n")
    d.t(f"  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\">{R.randint(100, 99999)}.{rd(2)}</cbc:PayableAmount></cac:LegalMonetaryTotal>\n")
    d.t(f"  <!-- {neg()} -->\n</Invoice>\n")
    return d, "ubl_invoice"


# ---- vCard / iCalendar
def fam_vcard():
    d = Doc()
    if R.random() < 0.6:
        nm = name()
        d.t("BEGIN:VCARD\r\nVERSION:4.0\r\n" + f"FN:{nm}\r\nN:{nm.split(' ')[-1]};{nm.split(' ')[0]};;;\r\n")
        d.t("EMAIL;TYPE=work:").e("EMAIL_ADDRESS", email()).t("\r\n")
        d.t("TEL;TYPE=cell;VALUE=uri:tel:").e("PHONE_NUMBER", phone(R.choice(["US", "UK", "DE", "NL", "AU", "SG"])).replace(" ", "-").replace("(", "").replace(")", "")).t("\r\n")
        if R.random() < 0.5:
            d.t("TEL;TYPE=home:").e("PHONE_NUMBER", phone()).t("\r\n")
        d.t("BDAY:").e("DATE_OF_BIRTH", date(R.choice(["compact", "iso"]))).t("\r\n")
        if R.random() < 0.4:
            d.t("NOTE:Passport (US) ").e("US_PASSPORT", passport()).t(" - renew before trip\r\n")
        if R.random() < 0.3:
            d.t("X-SOCIALPROFILE;TYPE=eth:").e("CRYPTO_WALLET", wallet("eth")).t("\r\n")
        d.t(f"UID:urn:uuid:{uuid()}\r\nREV:2024{R.randint(1, 12):02d}{R.randint(10, 28)}T101500Z\r\nEND:VCARD\r\n")
        return d, "vcard"
    d.t("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Acme//Scheduler 3.1//EN\r\nBEGIN:VEVENT\r\n")
    d.t("UID:").e("EMAIL_ADDRESS", f"{uuid()}@sched.acme.io", ignore=True).t(f"\r\nDTSTART:2024{R.randint(1, 12):02d}{R.randint(10, 28)}T{R.randint(8, 17):02d}0000Z\r\n")
    d.t("ORGANIZER;CN=" + R.choice(LAST) + ":mailto:").e("EMAIL_ADDRESS", email()).t("\r\n")
    for _ in range(R.randint(1, 3)):
        d.t("ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:").e("EMAIL_ADDRESS", email()).t("\r\n")
    d.t("SUMMARY:Follow-up consult\r\nDESCRIPTION:Dial-in ").e("PHONE_NUMBER", phone(R.choice(["US", "UK", "NL"]))).t(f" PIN {rd(6)}#\\n")
    if R.random() < 0.6:
        d.t("Patient MRN ").e("MEDICAL_RECORD_NUMBER", mrn()).t(", DOB ").e("DATE_OF_BIRTH", date("us")).t("\\n")
    d.t(f"Zoom https://acme.zoom.us/j/{rd(11)}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    return d, "icalendar"


# ---- MIME headers
def fam_mime():
    d = Doc()
    d.t("Received: from mail-").t(f"{R.choice(['ej1', 'wr1', 'pj1'])}-f{R.randint(40, 199)}.google.com (mail-ej1.google.com [")
    d.e("IP_ADDRESS", ipv4_public()).t("])\r\n        by mx.acme.io (Postfix) with ESMTPS id 4T" + rs(B62, 8) + "\r\n")
    d.t("Received: from [").e("IP_ADDRESS", ipv4_private(), ignore=True).t("] (unknown [").e("IP_ADDRESS", ipv6_public() if R.random() < 0.4 else ipv4_public()).t("])\r\n")
    d.t(f"DKIM-Signature: v=1; a=rsa-sha256; d=acme.io; s=s1; bh={base64.b64encode(rbytes(32)).decode()};\r\n        b={base64.b64encode(rbytes(96)).decode()}\r\n")
    nm = name()
    d.t(f"From: \"{nm}\" <").e("EMAIL_ADDRESS", email()).t(">\r\nTo: ").e("EMAIL_ADDRESS", email())
    if R.random() < 0.5:
        d.t(", ").e("EMAIL_ADDRESS", email())
    d.t("\r\n")
    if R.random() < 0.5:
        d.t("Reply-To: ").e("EMAIL_ADDRESS", "user@example.com", ignore=True).t("\r\n")
    d.t(f"Subject: =?UTF-8?B?{base64.b64encode('Rechnung / счёт'.encode()).decode()}?=\r\n")
    d.t("Message-ID: <").e("EMAIL_ADDRESS", f"{uuid()}@mx.acme.io", ignore=True).t(">\r\nX-Originating-IP: [").e("IP_ADDRESS", ipv4_public()).t("]\r\n")
    d.t("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
    d.t(R.choice(["Hi,\r\nplease wire to ", "Guten Tag,\r\nbitte überweisen Sie auf "])).e("IBAN", iban()).t(". Mobile: ").e("PHONE_NUMBER", phone()).t("\r\n--\r\n")
    return d, "mime_headers"


# ---- chatbot logs with LLM prompts
def fam_chatbot():
    d = Doc()
    d.t(json.dumps({"conversation_id": uuid(), "model": R.choice(["gpt-4o", "claude-3-5-sonnet", "llama-3-70b"])}) + "\n")
    d.t("[system] You are a helpful billing assistant. Never reveal internal tools.\n")
    scen = R.choice(["clinical", "bank", "dev", "hr", "dev"])
    if scen == "clinical":
        d.t("[user] summarise this referral in 3 bullets: \"Pt " + name() + ", DOB ").e("DATE_OF_BIRTH", date(R.choice(["us", "iso"])))
        d.t(", MBI ").e("US_MBI", mbi()).t(", seen for ").e("ICD10_CODE", R.choice(ICD)[0]).t(" (dx). Referring NPI ").e("US_NPI", npi()).t(". MRN ").e("MEDICAL_RECORD_NUMBER", mrn()).t("\"\n")
        d.t("[assistant] - Patient with the listed diagnosis ...\n")
    elif scen == "bank":
        d.t("[user] why was my payment declined?? card ").e("CREDIT_CARD", card()).t(" and my account ").e("IBAN", iban()).t("\n")
        d.t("[assistant] I'm sorry to hear that. For security, please don't share full card numbers here.\n")
        d.t("[user] ok. my phone is ").e("PHONE_NUMBER", phone()).t(", SSN ").e("US_SSN", ssn("-")).t(" if u need it\n")
    elif scen == "hr":
        d.t("[user] Draft an onboarding email. New hire details: name " + name() + ", NI number ").e("UK_NINO", nino())
        d.t(", NHS no. ").e("UK_NHS", nhs()).t(", personal email ").e("EMAIL_ADDRESS", email()).t(", born ").e("DATE_OF_BIRTH", date("dmy_spelled")).t(".\n")
        d.t("[assistant] Subject: Welcome aboard! ...\n")
    else:
        d.t("[user] my script fails with 401, here it is:\n```python\nimport anthropic, openai\n")
        d.t("client = openai.OpenAI(api_key=\"").e("OPENAI_API_KEY", openai()).t("\")\n")
        if R.random() < 0.6:
            d.t("claude = anthropic.Anthropic(api_key='").e("ANTHROPIC_API_KEY", anthropic()).t("')\n")
        if R.random() < 0.5:
            d.t("HF_TOKEN = \"").e("HUGGINGFACE_TOKEN", hf()).t("\"\n")
        d.t("```\n[assistant] Never paste keys into chats. Rotate the key above. Note: ")
        d.t(neg() + " is fine to share.\n")
    d.t(f"[meta] latency_ms={R.randint(200, 4000)} tokens={R.randint(100, 4000)}\n")
    return d, "chatbot_log"


# ---- RAG chunks of scanned forms (OCR)
def fam_rag():
    d = Doc()
    d.t(f"<chunk doc=\"scan_{rd(6)}.pdf\" page={R.randint(1, 6)} ocr_conf=0.{R.randint(70, 95)}>\n")
    form = R.choice(["w9", "passport", "nhs", "intake", "sin", "aadhaar"])
    if form == "w9":
        d.t("Form W-9 (Rev. October 2018) Request for Taxpayer\nIdentification Number and Certification\n")
        d.t(f"1 Name: {name()}\nPart I Taxpayer Identification Number (TIN)\nSocial security number | ")
        d.e("US_SSN", R.choice([ssn("s"), ssn("-")])).t(" |\nor Employer identification number | " + f"{rd(2)}-{rd(7)}" + " |\n")
        if R.random() < 0.5:
            d.t("Example: ").e("US_SSN", R.choice(["123-45-6789", "078-05-1120"]), ignore=True).t("\n")
    elif form == "passport":
        d.t("U.S. Passport Renewal DS-82  |  Passport Book Number: ").e("US_PASSPORT", passport()).t("\n")
        d.t("Date of Birth (mm/dd/yyyy): ").e("DATE_OF_BIRTH", date("us")).t("   Place of Birth: " + R.choice(["Lagos, NG", "Hanoi, VN", "Ohio, USA"]) + "\n")
        d.t("Social Security Number: ").e("US_SSN", ssn("b")).t("  Email: ").e("EMAIL_ADDRESS", email()).t("\n")
    elif form == "nhs":
        d.t("GP REGISTRATION FORM (GMS1)\nNHS No: ").e("UK_NHS", nhs()).t("  Surname: " + R.choice(LAST) + "\nDate of birth: ").e("DATE_OF_BIRTH", date("eu")).t("\n")
        d.t("National Insurance No. ").e("UK_NINO", nino()).t("\nTel: ").e("PHONE_NUMBER", phone("UK")).t("\n")
        if R.random() < 0.4:
            d.t("e.g. NI number format ").e("UK_NINO", "QQ123456C", ignore=True).t(", NHS ").e("UK_NHS", "943 476 5919", ignore=True).t("\n")
    elif form == "intake":
        d.t("PATIENT INTAKE  |  MRN: ").e("MEDICAL_RECORD_NUMBER", mrn()).t("  |  Medicare (MBI): ").e("US_MBI", mbi()).t("\n")
        c, desc = R.choice(ICD)
        d.t(f"Reason for visit: {desc}  ICD-10: ").e("ICD10_CODE", c).t("\nDOB: ").e("DATE_OF_BIRTH", date("us")).t("\n")
        d.t("Rendering provider NPI: ").e("US_NPI", npi()).t("   DEA: ").e("US_DEA", dea()).t("\n")
    elif form == "sin":
        d.t("Service Canada – Application for a SIN / Demande de NAS\nSocial Insurance Number / Numéro d'assurance sociale: ").e("CA_SIN", sin()).t("\n")
        d.t("Date de naissance / Date of birth: ").e("DATE_OF_BIRTH", date("iso")).t("\n")
        if R.random() < 0.4:
            d.t("Sample: ").e("CA_SIN", "046 454 286", ignore=True).t("\n")
    else:
        d.t("Unique Identification Authority of India\nAadhaar No.: ").e("IN_AADHAAR", aadhaar()).t("\nPAN: ").e("IN_PAN", pan()).t("\nजन्म तिथि / DOB: ").e("DATE_OF_BIRTH", date("eu")).t("\n")
    d.t(f"[{neg()}]\n</chunk>\n")
    return d, "rag_form_chunk"


# ---- Jira / GitHub issue comments with pasted config
def fam_issue():
    d = Doc()
    d.t(f"**{R.choice(ASCII_FIRST)}** commented on {R.choice(['PLAT', 'OPS', 'ERP'])}-{R.randint(100, 9999)}:\n\n")
    d.t(R.choice(["Still failing on staging, config below", "Repro steps + my local config", "cc @sre this started after the deploy"]) + ":\n\n```yaml\n")
    d.t("app:\n  region: eu-west-1\n")
    for k in R.sample(["aws", "gh", "gl", "slack", "stripe", "db", "sg", "tw", "azure", "pw", "google", "hook"], R.randint(3, 5)):
        if k == "aws":
            if R.random() < 0.3:
                d.t("  aws_access_key_id: ").e("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", ignore=True).t("\n")
            else:
                d.t("  aws_access_key_id: ").e("AWS_ACCESS_KEY_ID", aws_id()).t("\n")
            d.t("  aws_secret_access_key: \"").e("AWS_SECRET_ACCESS_KEY", aws_secret()).t("\"\n")
        elif k == "gh":
            d.t("  github_token: ").e("GITHUB_TOKEN", gh_token()).t("\n")
        elif k == "gl":
            d.t("  gitlab:\n    token: ").e("GITLAB_TOKEN", gitlab()).t("\n")
        elif k == "slack":
            d.t("  slack_bot_token: ").e("SLACK_TOKEN", slack_tok()).t("\n")
        elif k == "hook":
            d.t("  alerts_webhook: ").e("SLACK_WEBHOOK_URL", slack_hook()).t("\n")
        elif k == "stripe":
            s = stripe()
            if s.startswith("sk_test_") and R.random() < 0.5:
                d.t("  stripe_key: ").e("STRIPE_SECRET_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc", ignore=True).t("\n")
            else:
                d.t("  stripe_key: ").e("STRIPE_SECRET_KEY", s).t("\n")
            d.t(f"  stripe_publishable: pk_live_{rs(B62, 24)}\n")
        elif k == "db":
            sch = R.choice(["postgres", "mysql", "mongodb+srv", "redis", "amqp"])
            d.t(f"  database_url: {sch}://{R.choice(ASCII_FIRST)}:").e("DATABASE_URL_WITH_PASSWORD", password()).t(f"@db-{R.randint(1, 9)}.prod.internal:{R.choice([5432, 3306, 6379, 5672])}/core\n")
        elif k == "sg":
            d.t("  sendgrid_api_key: ").e("SENDGRID_API_KEY", sendgrid()).t("\n")
        elif k == "tw":
            d.t("  twilio_api_key_sid: ").e("TWILIO_API_KEY", twilio()).t("\n")
        elif k == "azure":
            d.t(f"  blob: \"DefaultEndpointsProtocol=https;AccountName=acme{rd(3)};AccountKey=").e("AZURE_STORAGE_KEY", azure_key()).t(";EndpointSuffix=core.windows.net\"\n")
        elif k == "pw":
            d.t("  admin_password: ").e("PASSWORD_ASSIGNMENT", password()).t("\n  password_min_length: 12\n")
        elif k == "google":
            d.t("  maps_api_key: ").e("GOOGLE_API_KEY", gkey()).t("\n")
    d.t("```\n\n" + R.choice(["Stack trace:", "Log:"]) + f"\n```\nERROR {neg()}\n  at com.acme.Sync.run(Sync.java:{R.randint(10, 400)})\n```\n")
    return d, "issue_comment"


# ---- Dockerfile / Helm values
def fam_docker():
    d = Doc()
    if R.random() < 0.5:
        d.t(f"FROM python:3.{R.randint(9, 12)}-slim@sha256:{hex_(64)}\nWORKDIR /app\n")
        d.t("ARG NPM_TOKEN=").e("NPM_TOKEN", crc_token("npm_")).t("\n")
        if R.random() < 0.6:
            d.t("ENV OPENAI_API_KEY=").e("OPENAI_API_KEY", openai()).t("\n")
        d.t("ENV DATABASE_URL=\"postgresql://svc_app:").e("DATABASE_URL_WITH_PASSWORD", password()).t("@pg.prod:5432/app?sslmode=require\"\n")
        if R.random() < 0.5:
            d.t("RUN pip config set global.index-url https://__token__:").e("PYPI_TOKEN", pypi()).t("@upload.pypi.org/simple\n")
        d.t("RUN echo \"DB_PASSWORD=${DB_PASSWORD}\" >> .env\nCOPY . .\nCMD [\"gunicorn\", \"app:app\"]\n")
        return d, "dockerfile"
    d.t("# values-prod.yaml (helm)\nimage:\n  repository: registry.acme.io/erp-sync\n  tag: \"" + f"{R.randint(1, 5)}.{R.randint(0, 20)}.{R.randint(0, 9)}" + "\"\n")
    d.t("env:\n  - name: SPRING_DATASOURCE_URL\n    value: \"jdbc:sqlserver://mssql.prod:1433;databaseName=erp;user=erp_svc;password=").e("DATABASE_URL_WITH_PASSWORD", rs(B62, 12) + "!").t("\"\n")
    d.t("  - name: HF_TOKEN\n    value: ").e("HUGGINGFACE_TOKEN", hf()).t("\n")
    d.t("  - name: GITLAB_DEPLOY_TOKEN\n    value: ").e("GITLAB_TOKEN", gitlab()).t("\n")
    if R.random() < 0.7:
        key = private_key(R.choice(["rsa", "ec", "openssh", "pkcs8"]))
        d.t("tls:\n  key: |\n    ").e("PRIVATE_KEY", key.replace("\n", "\n    ")).t("\n")
        d.t("  cert: |\n    " + public_key_pem().replace("PUBLIC KEY", "CERTIFICATE").replace("\n", "\n    ") + "\n") if False else \
            d.t("  pub: |\n    " + public_key_pem().replace("\n", "\n    ") + "\n")
    d.t("redis:\n  auth:\n    password: ").e("PASSWORD_ASSIGNMENT", password()).t("\n    existingSecret: \"\"\n")
    d.t("ingress:\n  annotations:\n    nginx.ingress.kubernetes.io/whitelist-source-range: \"").e("IP_ADDRESS", ipv4_public()).t("/32\"\n")
    return d, "helm_values"


# ---- credential dotfiles
def fam_dotfile():
    d = Doc()
    k = R.choice(["npmrc", "pypirc", "netrc", "gitcred", "kubeconfig", "gcp", "gcp"])
    if k == "npmrc":
        d.t("# ~/.npmrc\nregistry=https://registry.npmjs.org/\n@acme:registry=https://npm.pkg.github.com/\n")
        d.t("//registry.npmjs.org/:_authToken=").e("NPM_TOKEN", crc_token("npm_")).t("\n")
        d.t("//npm.pkg.github.com/:_authToken=").e("GITHUB_TOKEN", gh_token()).t("\nalways-auth=true\n")
        return d, "npmrc"
    if k == "pypirc":
        d.t("[distutils]\nindex-servers =\n    pypi\n    internal\n\n[pypi]\nusername = __token__\npassword = ").e("PYPI_TOKEN", pypi()).t("\n\n")
        d.t("[internal]\nrepository = https://pypi.acme.io/\nusername = deploy\npassword = ").e("PASSWORD_ASSIGNMENT", password()).t("\n")
        return d, "pypirc"
    if k == "netrc":
        d.t("machine api.heroku.com\n  login ").e("EMAIL_ADDRESS", email()).t("\n  password ").e("PASSWORD_ASSIGNMENT", password()).t("\n")
        d.t("machine github.com\n  login x-access-token\n  password ").e("GITHUB_TOKEN", gh_token()).t("\n")
        d.t("machine ftp.acme.io login anonymous password ").e("PASSWORD_ASSIGNMENT", password()).t("\n")
        return d, "netrc"
    if k == "gitcred":
        for _ in range(R.randint(2, 3)):
            h = R.choice(["github.com", "gitlab.com", "bitbucket.org"])
            d.t(f"https://{R.choice(ASCII_FIRST)}:")
            if h == "github.com":
                d.e("GITHUB_TOKEN", gh_token())
            elif h == "gitlab.com":
                d.e("GITLAB_TOKEN", gitlab())
            else:
                d.e("PASSWORD_ASSIGNMENT", password().replace("@", "%40").replace("$", "%24").replace("#", "%23").replace("&", "%26").replace("!", "%21"))
            d.t(f"@{h}\n")
        return d, "git_credentials"
    if k == "kubeconfig":
        d.t("apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority-data: " + base64.b64encode(rbytes(120)).decode() + "\n")
        d.t("    server: https://").e("IP_ADDRESS", ipv4_public()).t(":6443\n  name: prod\nusers:\n- name: ci-bot\n  user:\n    token: ").e("JWT", jwt()).t("\n")
        if R.random() < 0.5:
            d.t("- name: legacy\n  user:\n    username: admin\n    password: ").e("PASSWORD_ASSIGNMENT", password()).t("\n")
        d.t("current-context: prod\n")
        return d, "kubeconfig"
    # GCP service-account key file
    c = Doc()
    proj = R.choice(["acme-erp", "weir-prod", "data-lake-42"]) + "-" + rd(6)
    pk = private_key("pkcs8").replace("\n", "\\n") + "\\n"
    c.t("{\n  \"type\": \"service_account\",\n  \"project_id\": \"" + proj + "\",\n  \"private_key_id\": \"" + hex_(40) + "\",\n  \"private_key\": \"")
    c.e("PRIVATE_KEY", pk[:-2], ignore=True).t("\\n\",\n  \"client_email\": \"")
    c.e("EMAIL_ADDRESS", f"etl-runner@{proj}.iam.gserviceaccount.com", ignore=True)
    c.t("\",\n  \"client_id\": \"" + rd(21) + "\",\n  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n  \"token_uri\": \"https://oauth2.googleapis.com/token\"\n}")
    d.t("$ cat ~/.config/gcloud/legacy_credentials/sa.json\n").sub("GCP_SERVICE_ACCOUNT_KEY", c).t("\n")
    return d, "gcp_keyfile"


# ---- SQL query logs
def fam_sql():
    d = Doc()
    for _ in range(R.randint(3, 5)):
        d.t(f"2024-{R.randint(1, 12):02d}-{R.randint(1, 28):02d} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}.{rd(3)} UTC [{R.randint(1000, 99999)}] LOG:  duration: {R.randint(0, 900)}.{rd(3)} ms  statement: ")
        q = R.choice(["ins_pat", "sel_ssn", "upd_bank", "ins_user", "sel_ip", "upd_pw"])
        if q == "ins_pat":
            c, _ = R.choice(ICD)
            d.t("INSERT INTO patients (mrn, dob, mbi, dx, phone) VALUES ('").e("MEDICAL_RECORD_NUMBER", mrn()).t("', '")
            d.e("DATE_OF_BIRTH", date("iso")).t("', '").e("US_MBI", mbi(False)).t("', '").e("ICD10_CODE", c).t("', '").e("PHONE_NUMBER", phone("US")).t("');\n")
        elif q == "sel_ssn":
            d.t("SELECT * FROM tax_profiles WHERE ssn = '").e("US_SSN", ssn(R.choice(["-", "b"]))).t(f"' AND tenant_id = '{uuid()}';\n")
        elif q == "upd_bank":
            d.t("UPDATE payees SET routing_number = '").e("US_BANK_ROUTING", routing()).t(f"', account_last4 = '{rd(4)}' WHERE id = {R.randint(1, 99999)};\n")
        elif q == "ins_user":
            d.t("INSERT INTO users(email, created_ip, password_hash) VALUES ('").e("EMAIL_ADDRESS", email()).t("', '").e("IP_ADDRESS", ipv4_public()).t(f"', '$2b$12${rs(B62 + './', 53)}');\n")
        elif q == "sel_ip":
            d.t("SELECT count(*) FROM sessions WHERE ip IN ('").e("IP_ADDRESS", ipv4_public()).t("', '").e("IP_ADDRESS", ipv4_private(), ignore=True).t(f"') AND build = '{R.randint(1, 9)}.{R.randint(0, 9)}.{R.randint(0, 99)}.{R.randint(0, 999)}';\n")
        else:
            d.t("ALTER ROLE reporting WITH PASSWORD '").e("PASSWORD_ASSIGNMENT", password()).t("';\n")
    d.t(f"LOG:  checkpoint complete; {neg()}\n")
    return d, "sql_log"


# ---- European Excel->CSV (semicolons, decimal commas)
def fam_eucsv():
    d = Doc()
    lang = R.choice(["de", "nl", "it", "fr", "es", "pl"])
    hdr = {"de": "Kundennr;Name;Geburtsdatum;IBAN;Telefon;E-Mail;Saldo (EUR)",
           "nl": "Klantnr;Naam;Geboortedatum;IBAN;Telefoon;E-mail;BSN;Saldo",
           "it": "Cod;Nome;Data di nascita;Codice fiscale;IBAN;Email;Importo",
           "fr": "N° client;Nom;Date de naissance;IBAN;Téléphone;Courriel;Solde",
           "es": "Nº;Nombre;Fecha de nacimiento;NIF;IBAN;Correo;Importe",
           "pl": "Nr;Imię i nazwisko;Data urodzenia;PESEL;IBAN;E-mail;Kwota"}[lang]
    cc = {"de": "DE", "nl": "NL", "it": "IT", "fr": "FR", "es": "ES", "pl": "PL"}[lang]
    pc = {"de": "DE", "nl": "NL", "it": "FR", "fr": "FR", "es": "ES", "pl": "DE"}[lang]
    d.t("\ufeff" + hdr + "\r\n")
    for _ in range(R.randint(3, 6)):
        d.t(f"{rd(6)};\"{name()}\";").e("DATE_OF_BIRTH", date("dot" if lang in ("de", "pl") else "eu")).t(";")
        if lang == "it":
            d.e("IT_FISCAL_CODE", fiscal()).t(";")
        elif lang == "es":
            d.e("ES_NIF", nif()).t(";")
        elif lang == "pl":
            d.e("PL_PESEL", pesel()).t(";")
        d.e("IBAN", iban(cc)).t(";")
        if lang in ("de", "nl", "fr"):
            d.e("PHONE_NUMBER", phone(pc)).t(";")
        d.e("EMAIL_ADDRESS", email()).t(";")
        if lang == "nl":
            d.e("NL_BSN", bsn()).t(";")
        d.t(f"\"{R.randint(0, 99)}.{rd(3)},{rd(2)}\"\r\n")
    d.t(f";;;;;Summe;\"{R.randint(100, 999)}.{rd(3)},{rd(2)}\"\r\n")
    if R.random() < 0.5:
        d.t(f"# {neg()}\r\n")
    return d, "eu_csv"


# ---- RTL / Cyrillic rich documents (beyond the short multilingual messages)
def fam_rtl():
    d = Doc()
    if R.random() < 0.5:
        d.t("إشعار تحويل بنكي\nالمستفيد: " + name() + "\nرقم الحساب الدولي (IBAN): ").e("IBAN", iban(R.choice(["DE", "GB", "FR"])))
        d.t("\nللتواصل: ").e("PHONE_NUMBER", phone(R.choice(["UK", "FR"]))).t(" ‏أو ").e("EMAIL_ADDRESS", email()).t("\n")
        d.t("عنوان IP للجلسة: ").e("IP_ADDRESS", ipv4_public()).t(f"\nرقم الطلب: {R.randint(200, 899)}-{R.randint(100, 999)}-{rd(4)} (ليس رقم هاتف)\n")
        if R.random() < 0.5:
            d.t("محفظة بيتكوين: ").e("CRYPTO_WALLET", wallet(R.choice(["p2pkh", "bech32", "bech32m", "p2sh"]))).t("\n")
    else:
        d.t("טופס קליטת מטופל\nשם: " + name() + "\nתאריך לידה: ").e("DATE_OF_BIRTH", date("dot")).t("\n")
        d.t("מספר רשומה רפואית (MRN): ").e("MEDICAL_RECORD_NUMBER", mrn()).t("\n")
        c, desc = R.choice(ICD)
        d.t("אבחנה (ICD-10): ").e("ICD10_CODE", c).t("\nנייד: ").e("PHONE_NUMBER", phone(R.choice(["US", "UK"]))).t("\n")
        d.t("כרטיס אשראי לחיוב: ").e("CREDIT_CARD", card()).t(f" | {neg()}\n")
    return d, "rtl_doc"


def fam_cyr():
    d = Doc()
    d.t("Заявка №" + rd(6) + " от " + f"{R.randint(1, 28):02d}.{R.randint(1, 12):02d}.2024" + "\n")
    d.t("ФИО: " + R.choice(["Смирнов Олег Петрович", "Кузнецова Анна Игоревна", "Іваненко Тарас"]) + "\nДата рождения: ")
    d.e("DATE_OF_BIRTH", R.choice([date("dot"), f"{R.randint(1, 28)} {R.choice(['января', 'марта', 'июля', 'октября'])} {R.randint(1950, 2004)} г."]))
    d.t("\nКонтактный телефон: ").e("PHONE_NUMBER", phone(R.choice(["DE", "NL", "US", "CN"]))).t("\nЭл. почта: ").e("EMAIL_ADDRESS", email()).t("\n")
    x = R.choice(["card", "iban", "imei", "wallet"])
    if x == "card":
        d.t("Карта для возврата: ").e("CREDIT_CARD", card(R.choice(["visa", "mc", "up"]))).t("\n")
    elif x == "iban":
        d.t("Счёт получателя (IBAN): ").e("IBAN", iban()).t("\n")
    elif x == "imei":
        d.t("IMEI утерянного телефона: ").e("IMEI", imei()).t("\n")
    else:
        d.t("Кошелёк для выплаты: ").e("CRYPTO_WALLET", wallet()).t("\n")
    d.t("Примечание: " + neg() + "\n")
    return d, "cyrillic_doc"


# ---- extra coverage family: CI log / terminal session leaking secrets
def fam_ci():
    d = Doc()
    d.t(f"Run #{R.randint(100, 9999)} • job deploy • runner {R.choice(['gha', 'gitlab-runner'])}-{rd(3)}\n")
    d.t("$ env | sort\n")
    for k in R.sample(["ANTHROPIC_API_KEY", "GOOGLE_API_KEY", "SLACK_WEBHOOK_URL", "SENDGRID_API_KEY", "TWILIO_API_KEY",
                       "STRIPE_SECRET_KEY", "SLACK_TOKEN", "AWS", "JWT", "PK", "AZ", "AZ"], R.randint(3, 5)):
        if k == "ANTHROPIC_API_KEY":
            d.t("ANTHROPIC_API_KEY=").e(k, anthropic()).t("\n")
        elif k == "GOOGLE_API_KEY":
            d.t("FIREBASE_WEB_KEY=").e(k, gkey()).t("\n")
        elif k == "SLACK_WEBHOOK_URL":
            d.t("NOTIFY_URL=").e(k, slack_hook()).t("\n")
        elif k == "SENDGRID_API_KEY":
            d.t("MAIL_KEY=").e(k, sendgrid()).t("\n")
        elif k == "TWILIO_API_KEY":
            d.t("TWILIO_API_KEY=").e(k, twilio()).t(f"\nTWILIO_ACCOUNT_SID=AC{hex_(32)}\n")
        elif k == "STRIPE_SECRET_KEY":
            d.t("STRIPE_API_KEY=").e(k, stripe()).t("\n")
        elif k == "SLACK_TOKEN":
            d.t("SLACK_APP_TOKEN=").e(k, slack_tok()).t("\n")
        elif k == "AWS":
            d.t("AWS_ACCESS_KEY_ID=").e("AWS_ACCESS_KEY_ID", aws_id()).t("\nAWS_SECRET_ACCESS_KEY=").e("AWS_SECRET_ACCESS_KEY", aws_secret()).t("\n")
        elif k == "JWT":
            d.t("ID_TOKEN=").e("JWT", jwt()).t("\n")
        elif k == "AZ":
            d.t("AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=erp" + rd(4) + ";AccountKey=").e("AZURE_STORAGE_KEY", azure_key()).t("\n")
            if R.random() < 0.3:
                d.t("AZURITE_KEY=").e("AZURE_STORAGE_KEY", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==", ignore=True).t("\n")
        else:
            d.t("DEPLOY_KEY=\"").e("PRIVATE_KEY", private_key(R.choice(["openssh", "ec", "rsa"])).replace("\n", "\\n")).t("\"\n")
    d.t(f"$ ./deploy.sh --sha {hex_(40)}\n{neg()}\nDone in {R.randint(2, 90)}s\n")
    return d, "ci_log"


# ---- pure hard-negative document in a new family (firmware release notes)
def fam_negonly():
    d = Doc()
    d.t(f"Firmware release notes — {R.choice(['gateway', 'pump', 'scanner'])} line\n")
    for _ in range(R.randint(4, 7)):
        d.t(" - " + neg() + "\n")
    if R.random() < 0.5:
        d.t(" - docs sample key: ").e("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ignore=True).t("\n")
    if R.random() < 0.4:
        d.t(" - test card ").e("CREDIT_CARD", "4242 4242 4242 4242", ignore=True).t(" (Stripe test)\n")
    if R.random() < 0.3:
        d.t(" - public key:\n" + public_key_pem() + "\n")
    return d, "negatives_release_notes"

# ---- KYC provider webhook (Portuguese / English mix) for national IDs with low natural frequency
def fam_kyc():
    d = Doc()
    ctry = R.choice(["BR", "BR", "AU", "CA", "SG", "NL", "IN"])
    d.t("POST /webhooks/kyc HTTP/1.1\nX-Signature: t=" + str(R.randint(1700000000, 1750000000)) + ",v1=" + hex_(64) + "\n\n")
    d.t("{\"event\":\"verification.completed\",\"applicant\":{\"country\":\"" + ctry + "\",")
    if ctry == "BR":
        d.t("\"documento\":{\"tipo\":\"CPF\",\"numero\":\"").e("BR_CPF", cpf(fmt=R.random() < 0.7)).t("\"},")
        d.t("\"data_nascimento\":\"").e("DATE_OF_BIRTH", date("eu")).t("\",\"celular\":\"").e("PHONE_NUMBER", phone("BR")).t("\",")
    elif ctry == "AU":
        d.t("\"tax_file_number\":\"").e("AU_TFN", tfn()).t("\",\"date_of_birth\":\"").e("DATE_OF_BIRTH", date("eu")).t("\",")
        d.t("\"mobile\":\"").e("PHONE_NUMBER", phone("AU")).t("\",")
    elif ctry == "CA":
        d.t("\"sin\":\"").e("CA_SIN", sin()).t("\",\"birth_date\":\"").e("DATE_OF_BIRTH", date("iso")).t("\",")
    elif ctry == "SG":
        d.t("\"nric_fin\":\"").e("SG_NRIC", nric()).t("\",\"dob\":\"").e("DATE_OF_BIRTH", date("iso")).t("\",\"phone\":\"").e("PHONE_NUMBER", phone("SG")).t("\",")
    elif ctry == "NL":
        d.t("\"bsn\":\"").e("NL_BSN", bsn()).t("\",\"geboortedatum\":\"").e("DATE_OF_BIRTH", date("dot")).t("\",")
    else:
        d.t("\"aadhaar\":\"").e("IN_AADHAAR", aadhaar()).t("\",\"pan\":\"").e("IN_PAN", pan()).t("\",")
    d.t("\"email\":\"").e("EMAIL_ADDRESS", email()).t("\",\"ip\":\"").e("IP_ADDRESS", ipv4_public()).t("\"},")
    d.t("\"check_id\":\"" + uuid() + "\",\"note\":\"" + neg().replace('"', "'") + "\"}\n")
    if R.random() < 0.25:
        d.t("Observação: exemplo da documentação TFN ").e("AU_TFN", "123 456 782", ignore=True).t(" não é real.\n")
    return d, "kyc_webhook"


FAMS = [(fam_kyc, 30), (fam_call, 30), (fam_voicemail, 20), (fam_telemetry, 25), (fam_sap, 18), (fam_ubl, 20), (fam_vcard, 22),
        (fam_mime, 20), (fam_chatbot, 28), (fam_rag, 30), (fam_issue, 25), (fam_docker, 22), (fam_dotfile, 28),
        (fam_sql, 20), (fam_eucsv, 18), (fam_rtl, 16), (fam_cyr, 14), (fam_ci, 20), (fam_negonly, 10)]
LANGS = ["tr", "vi", "id", "sw", "ru", "ar", "he"]


def main():
    global R
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--out", default="heldout3.jsonl")
    ap.add_argument("--n", type=int, default=400)
    a = ap.parse_args()
    R = _random.Random(a.seed)
    fams = [f for f, w in FAMS for _ in range(w)] + ["ml"] * 56
    recs = []
    for i in range(a.n):
        f = R.choice(fams)
        d, kind = fam_multilingual(R.choice(LANGS)) if f == "ml" else f()
        text = d.text()
        raw = text.encode("utf-8")
        ents = []
        for e in d.ents:
            got = raw[e["start"]:e["end"]].decode("utf-8")
            assert got == e["_v"], (kind, e, got)
            o = {"type": e["type"], "start": e["start"], "end": e["end"]}
            if e.get("ignore"):
                o["ignore"] = True
            ents.append(o)
        ents.sort(key=lambda x: (x["start"], -x["end"]))
        recs.append({"id": f"h3-{i:05d}", "text": text, "kind": kind, "entities": ents})
    with open(a.out, "w", encoding="utf-8") as fo:
        for r in recs:
            fo.write(json.dumps(r, ensure_ascii=False) + "\n")
    import collections
    c = collections.Counter(e["type"] for r in recs for e in r["entities"] if not e.get("ignore"))
    sys.path.insert(0, "/work/shared/corpus")
    try:
        from taxonomy import TYPES
        missing = [t for t in TYPES if c[t] == 0]
    except ImportError:
        missing = []
    print(f"{len(recs)} records, {sum(c.values())} scored entities, {len(c)} types; missing={missing}", file=sys.stderr)
    print(" ".join(f"{t}={n}" for t, n in sorted(c.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
