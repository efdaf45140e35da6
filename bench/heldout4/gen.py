#!/usr/bin/env python3
"""heldout4 generator: an independent labeled evaluation set for weir.

Python 3.11 standard library only; deterministic per --seed.

    python3 bench/heldout4/gen.py --seed 4 --out bench/heldout4/heldout4.jsonl

Written only from /work/shared/TAXONOMY.md, corpus/README.md, score.py/taxonomy.py and the
labeling conventions visible in dev.jsonl.  Every checksum is implemented here from its public
definition and checked against published reference vectors at startup.
"""
import argparse
import base64
import hashlib
import json
import random
import string
import sys
import zlib

R = random.Random(4)

DIG = string.digits
UP = string.ascii_uppercase
LO = string.ascii_lowercase
B62 = DIG + UP + LO
ALNUM = UP + LO + DIG
URLSAFE = ALNUM + "-_"
HEX = "0123456789abcdef"


def rs(alpha, n):
    return "".join(R.choice(alpha) for _ in range(n))


def rd(n):
    return rs(DIG, n)


# =========================================================================== checksums

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


def luhn_complete(partial):
    for c in DIG:
        if luhn_ok(partial + c):
            return partial + c
    raise AssertionError


def npi_ok(npi):
    return luhn_ok("80840" + npi)


def aba_ok(d):
    w = [3, 7, 1] * 3
    return sum(int(a) * b for a, b in zip(d, w)) % 10 == 0


def mod97(s):
    s = s[4:] + s[:4]
    n = "".join(str(int(c, 36)) for c in s)
    return int(n) % 97


def iban_ok(s):
    return mod97(s.replace(" ", "")) == 1


def iban_make(cc, bban):
    chk = 98 - mod97(cc + "00" + bban)
    return f"{cc}{chk:02d}{bban}"


def nhs_check(nine):
    s = sum(int(d) * (10 - i) for i, d in enumerate(nine))
    c = 11 - s % 11
    if c == 11:
        c = 0
    return c  # 10 -> invalid


VD = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
      [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
      [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
      [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
VP = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
      [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 8, 7, 6, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
      [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]
VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def verhoeff_ok(num):
    c = 0
    for i, ch in enumerate(reversed(num)):
        c = VD[c][VP[i % 8][int(ch)]]
    return c == 0


def verhoeff_gen(num):
    c = 0
    for i, ch in enumerate(reversed(num)):
        c = VD[c][VP[(i + 1) % 8][int(ch)]]
    return num + str(VINV[c])


def bsn_ok(d):
    if len(d) != 9:
        return False
    s = sum(int(d[i]) * (9 - i) for i in range(8)) - int(d[8])
    return s % 11 == 0


def cpf_digits(nine):
    d = [int(c) for c in nine]
    s = sum(d[i] * (10 - i) for i in range(9))
    d10 = s * 10 % 11 % 10
    d.append(d10)
    s = sum(d[i] * (11 - i) for i in range(10))
    d11 = s * 10 % 11 % 10
    return nine + str(d10) + str(d11)


PESEL_W = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]


def pesel_ok(p):
    s = sum(int(p[i]) * PESEL_W[i] for i in range(10))
    return (10 - s % 10) % 10 == int(p[10])


NRIC_W = [2, 7, 6, 5, 4, 3, 2]
NRIC_TAB = {"S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK", "G": "XWUTRQPNMLK", "M": "XWUTRQPNJLK"}


def nric_letter(prefix, seven):
    s = sum(int(a) * b for a, b in zip(seven, NRIC_W))
    s += {"T": 4, "G": 4, "M": 3}.get(prefix, 0)
    return NRIC_TAB[prefix][s % 11]


TFN_W = [1, 4, 3, 7, 5, 8, 6, 9, 10]


def tfn_ok(d):
    return sum(int(a) * b for a, b in zip(d, TFN_W)) % 11 == 0


def dea_ok(s):
    d = [int(c) for c in s[2:]]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


NIF_L = "TRWAGMYFPDXBNJZSQVHLCKE"


def nif_letter(s):
    s = s.replace("X", "0").replace("Y", "1").replace("Z", "2")
    return NIF_L[int(s) % 23]


CF_ODD = {}
for _k, _v in zip("0123456789", [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]):
    CF_ODD[_k] = _v
for _k, _v in zip(UP, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]):
    CF_ODD[_k] = _v


def cf_even(c):
    return int(c) if c.isdigit() else ord(c) - 65


def cf_check(s15):
    t = 0
    for i, c in enumerate(s15):
        t += CF_ODD[c] if i % 2 == 0 else cf_even(c)
    return chr(65 + t % 26)


# --- national BBAN checks
FR_CONV = {}
for _i, _grp in enumerate(["AJ", "BKS", "CLT", "DMU", "ENV", "FOW", "GPX", "HQY", "IRZ"], start=1):
    for _c in _grp:
        FR_CONV[_c] = str(_i)


def fr_rib_key(bank, branch, acct):
    acct = "".join(FR_CONV.get(c, c) for c in acct)
    return 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97


ES_W = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]


def es_dc(ten):
    s = sum(int(a) * b for a, b in zip(ten, ES_W))
    v = 11 - s % 11
    return {10: 1, 11: 0}.get(v, v)


def it_cin(s22):
    t = 0
    for i, c in enumerate(s22):
        t += CF_ODD[c] if i % 2 == 0 else cf_even(c)
    return chr(65 + t % 26)


def nl_acct_ok(a):
    return sum(int(a[i]) * (10 - i) for i in range(10)) % 11 == 0


def no_check(ten):
    w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    s = sum(int(a) * b for a, b in zip(ten, w))
    c = 11 - s % 11
    return 0 if c == 11 else c


# --- base58 / bech32 / keccak
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58enc(b):
    n = int.from_bytes(b, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    pad = len(b) - len(b.lstrip(b"\0"))
    return "1" * pad + out


def b58check(payload):
    chk = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return b58enc(payload + chk)


def b58dec(s):
    n = 0
    for c in s:
        n = n * 58 + B58.index(c)
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    pad = len(s) - len(s.lstrip("1"))
    return b"\0" * pad + b


def b58check_ok(s):
    b = b58dec(s)
    return hashlib.sha256(hashlib.sha256(b[:-4]).digest()).digest()[:4] == b[-4:]


BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BGEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]


def bech_polymod(values):
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= BGEN[i] if ((b >> i) & 1) else 0
    return chk


def bech_hrp(h):
    return [ord(x) >> 5 for x in h] + [0] + [ord(x) & 31 for x in h]


def convertbits(data, frm, to):
    acc = bits = 0
    out = []
    maxv = (1 << to) - 1
    for v in data:
        acc = (acc << frm) | v
        bits += frm
        while bits >= to:
            bits -= to
            out.append((acc >> bits) & maxv)
    if bits:
        out.append((acc << (to - bits)) & maxv)
    return out


def segwit_addr(ver, prog, hrp="bc"):
    const = 1 if ver == 0 else 0x2bc830a3
    data = [ver] + convertbits(prog, 8, 5)
    pm = bech_polymod(bech_hrp(hrp) + data + [0] * 6) ^ const
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH[d] for d in data + chk)


def bech_ok(addr):
    hrp, data = addr.rsplit("1", 1)
    vals = [BECH.index(c) for c in data]
    pm = bech_polymod(bech_hrp(hrp) + vals)
    return pm == (1 if vals[0] == 0 else 0x2bc830a3)


KRC = [0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
       0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
       0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
       0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
       0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008]
KROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
M64 = (1 << 64) - 1


def _rol(x, n):
    n %= 64
    return ((x << n) | (x >> (64 - n))) & M64


def keccak_f(A):
    for rc in KRC:
        C = [A[x][0] ^ A[x][1] ^ A[x][2] ^ A[x][3] ^ A[x][4] for x in range(5)]
        D = [C[(x - 1) % 5] ^ _rol(C[(x + 1) % 5], 1) for x in range(5)]
        A = [[A[x][y] ^ D[x] for y in range(5)] for x in range(5)]
        B = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                B[y][(2 * x + 3 * y) % 5] = _rol(A[x][y], KROT[x][y])
        A = [[B[x][y] ^ ((~B[(x + 1) % 5][y]) & B[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        A[0][0] ^= rc
    return A


def keccak256(data):
    rate = 136
    msg = bytearray(data) + b"\x01"
    while len(msg) % rate:
        msg += b"\0"
    msg[-1] |= 0x80
    A = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        blk = msg[off:off + rate]
        for i in range(rate // 8):
            x, y = i % 5, i // 5
            A[x][y] ^= int.from_bytes(blk[8 * i:8 * i + 8], "little")
        A = keccak_f(A)
    out = b""
    for i in range(4):
        x, y = i % 5, i // 5
        out += A[x][y].to_bytes(8, "little")
    return out


def eip55(addr_hex40):
    a = addr_hex40.lower()
    h = keccak256(a.encode()).hex()
    return "0x" + "".join(c.upper() if c in "abcdef" and int(h[i], 16) >= 8 else c for i, c in enumerate(a))


def b62(n, width=6):
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(width, "0")


def crc_token(prefix, body=None):
    body = body or rs(B62, 30)
    return prefix + body + b62(zlib.crc32(body.encode()) & 0xffffffff)


def crc_token_ok(tok, plen):
    body, chk = tok[plen:plen + 30], tok[plen + 30:]
    return b62(zlib.crc32(body.encode()) & 0xffffffff) == chk


def crc24(data):
    crc = 0xB704CE
    for b in data:
        crc ^= b << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def selftest():
    assert luhn_ok("79927398713") and not luhn_ok("79927398710")
    assert npi_ok("1234567893")
    assert aba_ok("011000015") and aba_ok("021000021") and not aba_ok("021000022")
    for v in ["GB82WEST12345698765432", "DE89370400440532013000", "FR1420041010050500013M02606",
              "ES9121000418450200051332", "IT60X0542811101000000123456", "BE68539007547034",
              "NL91ABNA0417164300", "PT50000201231234567890154", "NO9386011117947", "CH9300762011623852957",
              "AT611904300234573201", "PL61109010140000071219812874", "IE29AIBK93115212345678",
              "SE4550000000058398257466"]:
        assert iban_ok(v), v
    assert fr_rib_key("20041", "01005", "0500013M026") == 6
    assert es_dc("0021000418") == 4 and es_dc("0200051332") == 5
    assert it_cin("0542811101000000123456") == "X"
    assert int("5390075470") % 97 == 34
    assert nl_acct_ok("0417164300")
    assert no_check("8601111794") == 7
    assert 98 - int("000201231234567890100") % 97 == 54
    assert nhs_check("943476591") == 9
    assert verhoeff_ok("2363") and verhoeff_gen("236") == "2363"
    assert bsn_ok("111222333")
    assert cpf_digits("111444777") == "11144477735"
    assert pesel_ok("44051401359")
    assert nric_letter("S", "1234567") == "D"
    assert tfn_ok("123456782") and tfn_ok("876543210")
    assert dea_ok("AB1234563")
    assert nif_letter("12345678") == "Z"
    assert cf_check("RSSMRA85T10A562") == "S"
    assert b58check(bytes.fromhex("0062e907b15cbf27d5425399ebf6f0fb50ebb88f18")) == "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
    assert segwit_addr(0, bytes.fromhex("751e76e8199196d454941c45d1b3a323f1433bd6")) == \
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
    assert bech_ok("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")
    assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    assert eip55("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed") == "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    assert eip55("fb6916095ca1df60bb79ce92ce3ea74c37c5d359") == "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
    assert crc_token_ok("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", 4)
    assert crc_token("ghp_", "bo1ZJ4bTDVjczzeYc6nscjb1FLaTxp") == "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"
    assert luhn_ok("046454286") and luhn_ok("808401234567893")


# =========================================================================== value generators
FIRST = {
    "en": ["Megan", "Tyler", "Gareth", "Shauna", "Dwayne", "Priscilla", "Colin", "Brianna", "Rory", "Leanne",
           "Desmond", "Tamsin", "Cody", "Imogen", "Marcus", "Ruth", "Wesley", "Nadia", "Hollis", "Bethany"],
    "es": ["Inmaculada", "Rubén", "Montserrat", "Iker", "Rocío", "Gonzalo", "Nerea", "Álvaro", "Pilar", "Unai"],
    "pt": ["Thiago", "Luana", "Rodrigo", "Aline", "Gustavo", "Fernanda", "Caio", "Bianca", "Otávio", "Júlia"],
    "fr": ["Gaëlle", "Thibault", "Margaux", "Loïc", "Solène", "Quentin", "Anaïs", "Benoît", "Maëlys", "Yannick"],
    "de": ["Jörg", "Annika", "Torsten", "Svenja", "Malte", "Friederike", "Dirk", "Wiebke", "Henrik", "Ute"],
    "it": ["Gianluca", "Chiara", "Massimo", "Federica", "Renato", "Ilaria", "Davide", "Serena", "Ottavio", "Noemi"],
    "nl": ["Joost", "Femke", "Bas", "Marloes", "Wouter", "Ilse", "Ruud", "Anouk", "Jelle", "Sanne"],
    "pl": ["Bartosz", "Agnieszka", "Grzegorz", "Małgorzata", "Wojciech", "Zofia", "Łukasz", "Katarzyna"],
    "hi": ["Aniket", "Shreya", "Vikram", "Pooja", "Harsh", "Kavya", "Nikhil", "Ishita", "Manoj", "Tanvi"],
    "ja": ["Haruto", "Yui", "Sota", "Aoi", "Ren", "Mio"],
    "zh": ["Wei", "Jing", "Hao", "Xiu", "Lei", "Mei"],
    "ko": ["Minjun", "Seoyeon", "Jiho", "Haeun", "Doyun", "Jiwoo"],
    "sg": ["Wei Ling", "Jun Jie", "Siti", "Arjun", "Hui Min", "Farid"],
}
LAST = {
    "en": ["Whitfield", "Okonkwo", "Pembroke", "Castellano", "Dunmore", "Yates", "Harrower", "Quigley", "Abernathy",
           "Lindqvist", "Mbeki", "Fairbanks", "Tolliver", "Redding", "Ashcroft", "Nakamura"],
    "es": ["Echeverría", "Villalobos", "Zubiri", "Carrasco", "Iglesias", "Montero", "Arrieta", "Bermúdez"],
    "pt": ["Figueiredo", "Cavalcanti", "Teixeira", "Albuquerque", "Monteiro", "Rezende", "Brandão", "Pinheiro"],
    "fr": ["Lefebvre", "Marchand", "Girard", "Rousseau", "Chevalier", "Fontaine", "Lambert", "Morel"],
    "de": ["Brandstätter", "Kowalke", "Hübner", "Reinholz", "Ostermann", "Gräf", "Lindemann", "Vogt"],
    "it": ["Bianchetti", "Santoro", "Esposito", "Marchetti", "Colombo", "Ferrara", "Galli", "Rinaldi"],
    "nl": ["van der Meulen", "Bakker", "de Groot", "Visser", "Smit", "Dekker", "van Dijk", "Mulder"],
    "pl": ["Wiśniewski", "Kowalczyk", "Zieliński", "Szymańska", "Woźniak", "Dąbrowski", "Kaczmarek"],
    "hi": ["Deshpande", "Chaudhary", "Kulkarni", "Banerjee", "Rastogi", "Menon", "Trivedi", "Saxena"],
    "ja": ["Takahashi", "Watanabe", "Kobayashi", "Yamamoto"],
    "zh": ["Zhang", "Wang", "Chen", "Liu"],
    "ko": ["Kim", "Park", "Choi", "Jung"],
    "sg": ["Tan", "Lim", "Rahman", "Pillai", "Goh", "Ong"],
}
CJK_NAMES = {"ja": ["高橋 陽翔", "渡辺 結衣", "小林 蒼太", "山本 葵"], "zh": ["张伟", "王静", "陈浩", "刘梅"],
             "ko": ["김민준", "박서연", "최지호", "정하은"], "hi": ["अनिकेत देशपांडे", "श्रेया चौधरी", "विक्रम कुलकर्णी"]}


def person(loc="en"):
    return R.choice(FIRST[loc]), R.choice(LAST[loc])


def asciify(s):
    tr = str.maketrans("áéíóúàèìòùâêîôûäëïöüãõçñłśźżąęćńßåÁÉÍÓÚÖÜÇŁŚŻ", "aeiouaeiouaeiouaeiouaocnlszzaecnsaAEIOUOUCLSZ")
    return s.translate(tr).replace("ß", "ss")


MAILDOM = ["gmail.com", "outlook.com", "yahoo.co.uk", "web.de", "gmx.net", "orange.fr", "libero.it", "uol.com.br",
           "wp.pl", "ziggo.nl", "rediffmail.com", "naver.com", "qq.com", "icloud.com", "proton.me", "hotmail.es",
           "t-online.de", "free.fr", "terra.com.br", "o2.pl", "yahoo.co.jp", "163.com", "fastmail.fm"]
CORPDOM = ["brightwater-ins.com", "kestrel-pharmacy.co.uk", "larchmont-dental.com", "vetcare-plus.de",
           "northgate-payroll.com", "ravenholt.io", "quillfield.nl", "seabright-logistics.es", "ortiz-advocacia.com.br",
           "marlowe-health.org", "tessera-bank.eu", "pinecrest-labs.com", "hollow-oak.it", "corvid-systems.pl",
           "sunmoor.co.in", "hakone-travel.jp", "yellowhammer.com.au"]


def email(first=None, last=None, dom=None):
    first = asciify(first or R.choice(FIRST["en"])).lower().replace(" ", "")
    last = asciify(last or R.choice(LAST["en"])).lower().replace(" ", "")
    dom = dom or R.choice(MAILDOM + CORPDOM)
    style = R.randrange(7)
    local = [f"{first}.{last}", f"{first[0]}{last}", f"{first}_{last}{R.randrange(10, 99)}", f"{last}.{first[0]}",
             f"{first}+{R.choice(['claims', 'rx', 'pay', 'travel', 'hr'])}", f"{first}{last[:3]}{R.randrange(1970, 2005)}",
             f"{first[0]}.{last}"][style]
    return f"{local}@{dom}"


def phone(cc="US", style=None):
    s = R.randrange(4) if style is None else style
    if cc == "US":
        a = R.choice(["212", "312", "415", "503", "617", "702", "713", "804", "919", "971", "480", "608"])
        b = str(R.randrange(200, 999)); c = rd(4)
        return [f"({a}) {b}-{c}", f"+1 {a} {b} {c}", f"{a}.{b}.{c}", f"+1-{a}-{b}-{c}"][s]
    if cc == "CA":
        a = R.choice(["416", "604", "514", "403", "613"]); b = str(R.randrange(200, 999)); c = rd(4)
        return [f"({a}) {b}-{c}", f"+1 {a}-{b}-{c}", f"{a}-{b}-{c}", f"+1 ({a}) {b}-{c}"][s]
    if cc == "UK":
        m = "7" + R.choice("3456789") + rd(2); r = rd(6)
        return [f"0{m} {r}", f"+44 {m} {r}", f"+44 (0){m} {r[:3]} {r[3:]}", f"020 {rd(4)} {rd(4)}"][s]
    if cc == "DE":
        return [f"0{R.choice(['151', '160', '171', '176'])} {rd(8)}", f"+49 30 {rd(8)}", f"+49 (0)89 {rd(3)} {rd(4)}",
                f"+49 {R.choice(['152', '172'])} {rd(4)} {rd(4)}"][s]
    if cc == "FR":
        d = [rd(2) for _ in range(4)]
        return [f"06 {' '.join(d)}", f"+33 6 {' '.join(d)}", f"+33 (0)1 {' '.join(d)}", f"07.{'.'.join(d)}"][s]
    if cc == "ES":
        return [f"6{rd(2)} {rd(3)} {rd(3)}", f"+34 6{rd(2)} {rd(2)} {rd(2)} {rd(2)}", f"+34 91 {rd(3)} {rd(2)} {rd(2)}",
                f"7{rd(2)}{rd(6)}"][s]
    if cc == "IN":
        m = R.choice("6789") + rd(4)
        return [f"+91 {m} {rd(5)}", f"+91-{m}{rd(5)}", f"0{m}{rd(5)}", f"+91 {m}-{rd(5)}"][s]
    if cc == "CN":
        m = "1" + R.choice(["38", "39", "58", "86", "77"])
        return [f"+86 {m} {rd(4)} {rd(4)}", f"{m}{rd(8)}", f"+86-{m}-{rd(4)}-{rd(4)}", f"{m}-{rd(4)}-{rd(4)}"][s]
    if cc == "BR":
        dd = R.choice(["11", "21", "31", "41", "51", "61", "71", "81"])
        return [f"+55 {dd} 9{rd(4)}-{rd(4)}", f"({dd}) 9{rd(4)}-{rd(4)}", f"+55 ({dd}) 9{rd(4)}-{rd(4)}",
                f"{dd} 9{rd(4)} {rd(4)}"][s]
    if cc == "AU":
        return [f"04{rd(2)} {rd(3)} {rd(3)}", f"+61 4{rd(2)} {rd(3)} {rd(3)}", f"(02) {rd(4)} {rd(4)}",
                f"+61 3 {rd(4)} {rd(4)}"][s]
    if cc == "JP":
        return [f"090-{rd(4)}-{rd(4)}", f"+81 80 {rd(4)} {rd(4)}", f"03-{rd(4)}-{rd(4)}", f"+81-90-{rd(4)}-{rd(4)}"][s]
    if cc == "SG":
        return [f"+65 {R.choice('89')}{rd(3)} {rd(4)}", f"{R.choice('89')}{rd(3)} {rd(4)}", f"+65-6{rd(3)}-{rd(4)}",
                f"(+65) 9{rd(3)} {rd(4)}"][s]
    if cc == "NL":
        return [f"06-{rd(8)}", f"+31 6 {rd(8)}", f"+31 (0)20 {rd(3)} {rd(4)}", f"06 {rd(2)} {rd(2)} {rd(2)} {rd(2)}"][s]
    if cc == "IT":
        return [f"+39 3{rd(2)} {rd(3)} {rd(4)}", f"3{rd(2)} {rd(7)}", f"+39 06 {rd(4)} {rd(4)}", f"+39 3{rd(2)}{rd(7)}"][s]
    if cc == "PL":
        return [f"+48 {R.choice('5678')}{rd(2)} {rd(3)} {rd(3)}", f"{R.choice('5678')}{rd(2)}-{rd(3)}-{rd(3)}",
                f"+48 22 {rd(3)} {rd(2)} {rd(2)}", f"+48{R.choice('5678')}{rd(8)}"][s]
    raise ValueError(cc)


def ssn(style=0):
    while True:
        a = R.randrange(1, 900)
        if a != 666:
            break
    g, s_ = R.randrange(1, 100), R.randrange(1, 10000)
    v = f"{a:03d}-{g:02d}-{s_:04d}"
    if v in ("123-45-6789", "078-05-1120"):
        return ssn(style)
    return [v, v.replace("-", " "), v.replace("-", "")][style]


ITIN_G = list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100))


def itin(style=0):
    v = f"9{rd(2)}-{R.choice(ITIN_G):02d}-{rd(4)}"
    return [v, v.replace("-", " "), v.replace("-", "")][style]


def bad_ssn():
    return R.choice([f"000-{rd(2)}-{rd(4)}", f"666-{R.randrange(10, 99)}-{rd(4)}", f"{R.randrange(100, 899)}-00-{rd(4)}",
                     f"9{rd(2)}-{R.choice(['12', '34', '47', '89', '93'])}-{rd(4)}"])


CARD_PFX = [("visa", "4", 16), ("visa", "4", 13), ("mc", "5", 16), ("mc", "22", 16),
            ("amex", "34", 15), ("amex", "37", 15), ("disc", "6011", 16), ("disc", "65", 16), ("jcb", "35", 16),
            ("diners", "36", 14), ("diners", "38", 14), ("unionpay", "62", 16), ("unionpay", "62", 19)]


def card_raw(kind=None):
    opts = [c for c in CARD_PFX if kind is None or c[0] == kind]
    _, pfx, ln = R.choice(opts)
    if pfx == "22":
        pfx = str(R.randrange(2221, 2721))
    if pfx == "35":
        pfx = str(R.randrange(3528, 3590))
    if pfx == "5":
        pfx = "5" + R.choice("12345")
    body = pfx + rd(ln - len(pfx) - 1)
    v = luhn_complete(body)
    if v.startswith(("4111111111111111", "4242424242424242", "5555555555554444", "378282246310005")):
        return card_raw(kind)
    return v


def fmt_card(v, style=None):
    s = R.randrange(3) if style is None else style
    if s == 0:
        return v
    sep = " " if s == 1 else "-"
    if len(v) == 15:
        return sep.join([v[:4], v[4:10], v[10:]])
    if len(v) == 14:
        return sep.join([v[:4], v[4:10], v[10:]])
    return sep.join(v[i:i + 4] for i in range(0, len(v), 4))


def card(kind=None, style=None):
    return fmt_card(card_raw(kind), style)


def bad_card():
    v = card_raw("visa" if R.random() < .5 else "mc")
    v = v[:-1] + str((int(v[-1]) + R.randrange(1, 10)) % 10)
    assert not luhn_ok(v)
    return fmt_card(v)


def bban(cc):
    if cc == "FR":
        bank, br, acct = rd(5), rd(5), rd(11)
        return f"{bank}{br}{acct}{fr_rib_key(bank, br, acct):02d}"
    if cc == "ES":
        bank, br, acct = rd(4), rd(4), rd(10)
        return f"{bank}{br}{es_dc('00' + bank + br)}{es_dc(acct)}{acct}"
    if cc == "IT":
        abi, cab, acct = rd(5), rd(5), rd(12)
        return it_cin(abi + cab + acct) + abi + cab + acct
    if cc == "BE":
        f = rd(10)
        k = int(f) % 97 or 97
        return f"{f}{k:02d}"
    if cc == "NL":
        while True:
            a = rd(10)
            if nl_acct_ok(a) and a[0] != "0":
                return R.choice(["ABNA", "INGB", "RABO", "SNSB", "TRIO", "KNAB"]) + a
    if cc == "PT":
        n = rd(19)
        return f"{n}{98 - int(n + '00') % 97:02d}"
    if cc == "NO":
        while True:
            t = rd(10)
            c = no_check(t)
            if c != 10:
                return t + str(c)
    if cc == "DE":
        return rd(18)
    if cc == "GB":
        return R.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "BUKB"]) + rd(14)
    if cc == "IE":
        return R.choice(["AIBK", "BOFI", "IPBS"]) + rd(14)
    if cc == "CH":
        return rd(17)
    if cc == "AT":
        return rd(16)
    if cc == "PL":
        return rd(24)
    if cc == "SE":
        return rd(20)
    raise ValueError(cc)


IBAN_LEN = {"DE": 22, "GB": 22, "FR": 27, "ES": 24, "IT": 27, "NL": 18, "BE": 16, "CH": 21, "AT": 20, "PL": 28,
            "IE": 22, "PT": 25, "SE": 24, "NO": 15}


def iban_raw(cc=None):
    cc = cc or R.choice(list(IBAN_LEN))
    v = iban_make(cc, bban(cc))
    assert len(v) == IBAN_LEN[cc] and iban_ok(v), v
    return v


def grp4(v):
    return " ".join(v[i:i + 4] for i in range(0, len(v), 4))


def iban(cc=None, spaced=None):
    v = iban_raw(cc)
    sp = R.random() < .5 if spaced is None else spaced
    return grp4(v) if sp else v


def bad_iban(cc=None):
    v = iban_raw(cc)
    ck = int(v[2:4])
    nv = v[:2] + f"{(ck + R.randrange(1, 90)) % 97 + 2:02d}"[-2:] + v[4:]
    if iban_ok(nv):
        return bad_iban(cc)
    return grp4(nv) if R.random() < .5 else nv


def aba():
    while True:
        p = R.choice(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "21", "22", "23", "24",
                      "25", "26", "27", "28", "29", "30", "31", "32", "61", "62", "63", "64", "65", "66", "67", "68",
                      "69", "70", "71", "72", "80"])
        b = p + rd(6)
        for c in DIG:
            if aba_ok(b + c):
                v = b + c
                if v not in ("011000015", "021000021", "011401533"):
                    return v


def bad_aba():
    v = aba()
    v = v[:-1] + str((int(v[-1]) + 3) % 10)
    return v


PRIV_NETS = ((10,), (127,), (169, 254), (192, 168), (192, 0, 2), (198, 51, 100), (203, 0, 113), (0,), (100, 64))


def ip_pub():
    while True:
        o = [R.randrange(1, 224), R.randrange(256), R.randrange(256), R.randrange(1, 255)]
        if o[0] in (10, 127, 0, 100) or (o[0] == 172 and 16 <= o[1] < 32) or (o[0] == 192 and o[1] == 168) or \
                (o[0] == 169 and o[1] == 254) or (o[0] == 192 and o[1] == 0) or (o[0] == 198 and o[1] in (18, 19, 51)) \
                or (o[0] == 203 and o[1] == 0):
            continue
        return ".".join(map(str, o))


def ip_priv():
    return R.choice([f"10.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(1, 255)}",
                     f"192.168.{R.randrange(256)}.{R.randrange(1, 255)}", f"172.{R.randrange(16, 32)}.{R.randrange(256)}.{R.randrange(1, 255)}",
                     "127.0.0.1", f"192.0.2.{R.randrange(1, 255)}", f"198.51.100.{R.randrange(1, 255)}",
                     f"203.0.113.{R.randrange(1, 255)}"])


def ip6_pub():
    g = [R.choice(["2a01", "2001", "2603", "2406", "2a02", "2c0f", "2800"]), f"{R.randrange(0x100, 0xffff):x}",
         f"{R.randrange(0xffff):x}"]
    if g[0] == "2001" and g[1] in ("db8", "0db8"):
        g[1] = "4860"
    tail = [f"{R.randrange(0xffff):x}" for _ in range(R.choice([1, 2, 5]))]
    if len(tail) == 5:
        return ":".join(g + tail)
    return ":".join(g) + "::" + ":".join(tail)


def mac(style=None):
    b = [R.randrange(256) for _ in range(6)]
    b[0] &= 0xfe
    s = R.randrange(4) if style is None else style
    h = [f"{x:02x}" for x in b]
    if s == 0:
        return ":".join(h)
    if s == 1:
        return "-".join(h).upper()
    if s == 2:
        return ":".join(h).upper()
    return ".".join("".join(h[i:i + 2]) for i in range(0, 6, 2))


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
}


def rdate(y0=1938, y1=2006):
    return R.randrange(y0, y1 + 1), R.randrange(1, 13), R.randrange(1, 29)


def fdate(ymd, loc="en", style=None):
    y, m, d = ymd
    s = R.randrange(6) if style is None else style
    if loc in ("ja", "zh") and s >= 4:
        return f"{y}年{m}月{d}日"
    if loc == "ko" and s >= 4:
        return f"{y}년 {m}월 {d}일"
    if s == 0:
        return f"{y:04d}-{m:02d}-{d:02d}"
    if s == 1:
        return f"{m:02d}/{d:02d}/{y}" if loc == "en" else f"{d:02d}/{m:02d}/{y}"
    if s == 2:
        return f"{d:02d}.{m:02d}.{y}"
    if s == 3:
        return f"{y}{m:02d}{d:02d}"
    ml = MONTHS.get(loc, MONTHS["en"])
    if loc == "en":
        return f"{MONTHS['en'][m - 1]} {d}, {y}" if s == 4 else f"{d} {MONTHS['en'][m - 1][:3]} {y}"
    if loc in ("es", "pt"):
        return f"{d} de {ml[m - 1]} de {y}"
    if loc == "de":
        return f"{d}. {ml[m - 1]} {y}"
    return f"{d} {ml[m - 1]} {y}"


def passport_us():
    return R.choice([rd(9), R.choice("ACEFGHJKLMNPRSTUVWXYZ") + rd(8)])


NINO_P1 = "ABCEGHJKLMNOPRSTWXYZ"
NINO_P2 = "ABCEGHJKLMNPRSTWXYZ"


def nino(spaced=None):
    while True:
        p = R.choice(NINO_P1) + R.choice(NINO_P2)
        if p not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            break
    d = rd(6)
    v = p + d + R.choice("ABCD")
    if v.startswith("QQ123456"):
        return nino(spaced)
    sp = R.random() < .5 if spaced is None else spaced
    return f"{v[:2]} {v[2:4]} {v[4:6]} {v[6:8]} {v[8]}" if sp else v


def nhs(style=None):
    while True:
        n = str(R.randrange(4, 8)) + rd(8)
        c = nhs_check(n)
        if c != 10:
            v = n + str(c)
            if v != "9434765919":
                break
    s = R.randrange(3) if style is None else style
    return [f"{v[:3]} {v[3:6]} {v[6:]}", v, f"{v[:3]}-{v[3:6]}-{v[6:]}"][s]


def bad_nhs():
    while True:
        n = str(R.randrange(4, 8)) + rd(8)
        c = nhs_check(n)
        if c != 10:
            v = n + str((c + R.randrange(1, 10)) % 10)
            return f"{v[:3]} {v[3:6]} {v[6:]}"


def sin(style=None):
    while True:
        v = luhn_complete(R.choice("1234567" + "9") + rd(7))
        if v not in ("046454286", "123456782"):
            break
    s = R.randrange(3) if style is None else style
    return [f"{v[:3]} {v[3:6]} {v[6:]}", f"{v[:3]}-{v[3:6]}-{v[6:]}", v][s]


def bad_sin():
    v = luhn_complete(R.choice("123456") + rd(7))
    v = v[:-1] + str((int(v[-1]) + 5) % 10)
    return f"{v[:3]} {v[3:6]} {v[6:]}"


def aadhaar(style=None):
    v = verhoeff_gen(str(R.randrange(2, 10)) + rd(10))
    s = R.randrange(3) if style is None else style
    return [f"{v[:4]} {v[4:8]} {v[8:]}", v, f"{v[:4]}-{v[4:8]}-{v[8:]}"][s]


def bad_aadhaar():
    v = verhoeff_gen(str(R.randrange(2, 10)) + rd(10))
    v = v[:-1] + str((int(v[-1]) + R.randrange(1, 10)) % 10)
    assert not verhoeff_ok(v)
    return f"{v[:4]} {v[4:8]} {v[8:]}"


def pan(surname="K"):
    return rs(UP, 3) + R.choice("PPPPCHFAT") + asciify(surname)[0].upper() + rd(4) + R.choice(UP)


def nif(nie=None):
    if nie or (nie is None and R.random() < .35):
        p = R.choice("XYZ")
        n = p + rd(7)
        return n + nif_letter(n)
    n = rd(8)
    if n == "12345678":
        n = "23456781"
    return n + nif_letter(n)


def bad_nif():
    v = nif()
    good = v[-1]
    return v[:-1] + R.choice([c for c in NIF_L if c != good])


BELFIORE = ["H501", "F205", "A944", "L219", "F839", "G273", "D612", "L736", "C351", "B354", "E506", "G478"]
CF_MONTH = "ABCDEHLMPRST"


def cf_part(name, is_first):
    cons = [c for c in asciify(name).upper() if c.isalpha() and c not in "AEIOU"]
    vows = [c for c in asciify(name).upper() if c in "AEIOU"]
    if is_first and len(cons) >= 4:
        cons = [cons[0], cons[2], cons[3]]
    return "".join((cons + vows + ["X", "X", "X"])[:3])


def codice_fiscale(first=None, last=None, female=None, ymd=None):
    first = first or R.choice(FIRST["it"])
    last = last or R.choice(LAST["it"])
    y, m, d = ymd or rdate(1945, 2004)
    fem = R.random() < .5 if female is None else female
    s = cf_part(last, False) + cf_part(first, True) + f"{y % 100:02d}" + CF_MONTH[m - 1] + f"{d + (40 if fem else 0):02d}" + R.choice(BELFIORE)
    v = s + cf_check(s)
    return v if v != "RSSMRA85T10A562S" else codice_fiscale()


def bad_cf():
    v = codice_fiscale()
    return v[:-1] + R.choice([c for c in UP if c != v[-1]])


def bsn(dotted=False):
    while True:
        v = str(R.randrange(1, 7)) + rd(8)
        if bsn_ok(v) and v != "111222333":
            break
    return f"{v[:4]}.{v[4:6]}.{v[6:]}" if dotted else v


def bad_bsn():
    while True:
        v = str(R.randrange(1, 7)) + rd(8)
        if not bsn_ok(v):
            return v


def cpf(style=None):
    v = cpf_digits(rd(9))
    if len(set(v)) == 1:
        return cpf(style)
    s = R.randrange(3) if style is None else style
    return [f"{v[:3]}.{v[3:6]}.{v[6:9]}-{v[9:]}", v, f"{v[:3]}.{v[3:6]}.{v[6:9]}/{v[9:]}"][0 if s == 2 else s]


def bad_cpf():
    v = cpf_digits(rd(9))
    v = v[:-1] + str((int(v[-1]) + R.randrange(1, 10)) % 10)
    return f"{v[:3]}.{v[3:6]}.{v[6:9]}-{v[9:]}"


def pesel(ymd=None, female=None):
    y, m, d = ymd or rdate(1940, 2008)
    mm = m + (20 if y >= 2000 else 0)
    z = rd(3)
    sx = R.choice("02468" if (female if female is not None else R.random() < .5) else "13579")
    b = f"{y % 100:02d}{mm:02d}{d:02d}{z}{sx}"
    s = sum(int(b[i]) * PESEL_W[i] for i in range(10))
    return b + str((10 - s % 10) % 10)


def bad_pesel():
    v = pesel()
    return v[:-1] + str((int(v[-1]) + R.randrange(1, 10)) % 10)


def nric(prefix=None):
    p = prefix or R.choice("SSSTTFGM")
    n = rd(7)
    v = p + n + nric_letter(p, n)
    return v if v != "S1234567D" else nric(prefix)


def bad_nric():
    v = nric()
    return v[:-1] + R.choice([c for c in "ABCDEFGHIJKLMNPQRTUWXZ" if c != v[-1]])


def tfn(spaced=None):
    while True:
        v = str(R.randrange(1, 10)) + rd(8)
        if tfn_ok(v) and v not in ("123456782", "876543210"):
            break
    sp = R.random() < .6 if spaced is None else spaced
    return f"{v[:3]} {v[3:6]} {v[6:]}" if sp else v


def bad_tfn():
    while True:
        v = str(R.randrange(1, 10)) + rd(8)
        if not tfn_ok(v):
            return f"{v[:3]} {v[3:6]} {v[6:]}"


def btc_p2pkh():
    return b58check(b"\x00" + R.randbytes(20))


def btc_p2sh():
    return b58check(b"\x05" + R.randbytes(20))


def btc_bech32():
    return segwit_addr(0, R.randbytes(20))


def btc_taproot():
    return segwit_addr(1, R.randbytes(32))


def eth_addr():
    while True:
        v = eip55(R.randbytes(20).hex())
        if any(c.isupper() for c in v[2:]) and any(c in "abcdef" for c in v[2:]):
            return v


def wallet():
    return R.choice([btc_p2pkh, btc_p2sh, btc_bech32, btc_taproot, eth_addr, eth_addr])()


def bad_wallet():
    k = R.randrange(3)
    if k == 0:
        v = btc_p2pkh()
        i = R.randrange(5, len(v) - 2)
        nv = v[:i] + R.choice([c for c in B58 if c != v[i]]) + v[i + 1:]
        return nv if not b58check_ok(nv) else bad_wallet()
    if k == 1:
        v = btc_bech32()
        i = len(v) - 3
        nv = v[:i] + R.choice([c for c in BECH if c != v[i]]) + v[i + 1:]
        return nv if not bech_ok(nv) else bad_wallet()
    v = eth_addr()
    # flip the case of one letter -> broken EIP-55 checksum
    idx = [i for i, c in enumerate(v) if i > 1 and c.isalpha()]
    i = R.choice(idx)
    return v[:i] + v[i].swapcase() + v[i + 1:]


def imei(grouped=None):
    tac = R.choice(["35", "86", "01", "99", "35", "86"]) + rd(6)
    v = luhn_complete(tac + rd(6))
    g = R.random() < .3 if grouped is None else grouped
    return f"{v[:2]}-{v[2:8]}-{v[8:14]}-{v[14]}" if g else v


def bad_imei():
    v = imei(False)
    return v[:-1] + str((int(v[-1]) + R.randrange(1, 10)) % 10)


def npi():
    while True:
        v = luhn_complete("80840" + R.choice("12") + rd(8))[5:]
        if v != "1234567893":
            return v


def bad_npi():
    v = npi()
    return v[:-1] + str((int(v[-1]) + R.randrange(1, 10)) % 10)


def dea(surname=None):
    d = [R.randrange(10) for _ in range(6)]
    c = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    ini = asciify(surname)[0].upper() if surname else R.choice(UP + "9")
    return R.choice("ABFGMPR") + ini + "".join(map(str, d)) + str(c)


def bad_dea():
    v = dea()
    return v[:-1] + str((int(v[-1]) + R.randrange(1, 10)) % 10)


MBI_A = "ACDEFGHJKMNPQRTUVWXY"


def mbi(dashed=None):
    an = MBI_A + DIG
    v = (R.choice("123456789") + R.choice(MBI_A) + R.choice(an) + R.choice(DIG) + R.choice(MBI_A) + R.choice(an) +
         R.choice(DIG) + R.choice(MBI_A) + R.choice(MBI_A) + R.choice(DIG) + R.choice(DIG))
    if v == "1EG4TE5MK73":
        return mbi(dashed)
    d = R.random() < .35 if dashed is None else dashed
    return f"{v[:4]}-{v[4:7]}-{v[7:]}" if d else v


ICD = [("E11.9", "Type 2 diabetes mellitus without complications"), ("I10", "Essential (primary) hypertension"),
       ("J45.909", "Unspecified asthma, uncomplicated"), ("M54.50", "Low back pain, unspecified"),
       ("F32.A", "Depression, unspecified"), ("K21.9", "GERD without esophagitis"), ("N39.0", "Urinary tract infection"),
       ("E78.5", "Hyperlipidemia, unspecified"), ("R05.9", "Cough, unspecified"), ("Z79.4", "Long term use of insulin"),
       ("S52.501A", "Fracture of lower end of right radius, initial"), ("E03.9", "Hypothyroidism, unspecified"),
       ("G43.909", "Migraine, unspecified"), ("L40.0", "Psoriasis vulgaris"), ("K02.52", "Dental caries on pit and fissure surface"),
       ("K05.10", "Chronic gingivitis, plaque induced"), ("K08.409", "Partial loss of teeth, unspecified cause"),
       ("D50.9", "Iron deficiency anemia, unspecified"), ("N18.3", "Chronic kidney disease, stage 3"),
       ("B37.0", "Candidal stomatitis"), ("Z00.00", "General adult medical exam"), ("R73.03", "Prediabetes"),
       ("J02.9", "Acute pharyngitis, unspecified"), ("M17.11", "Unilateral primary osteoarthritis, right knee"),
       ("O24.419", "Gestational diabetes in pregnancy"), ("E66.01", "Morbid obesity due to excess calories")]


def icd():
    return R.choice(ICD)


def mrn():
    return R.choice([rd(7), rd(8), "MR" + rd(6), "E" + rd(7), rd(10), "H" + rd(7), "PT-" + rd(6)])


# ------------------------------------------------------------------ secrets
def aws_akid(p=None):
    v = (p or R.choice(["AKIA", "AKIA", "ASIA"])) + rs(UP + "234567", 16)
    return v


def aws_secret():
    while True:
        v = rs(ALNUM + "/+", 40)
        if not v.endswith("EXAMPLEKEY"):
            return v


def gh_token():
    if R.random() < .2:
        return "github_pat_11" + rs(UP + DIG, 20) + "_" + rs(ALNUM, 59)
    return crc_token(R.choice(["ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"]))


def bad_crc_token(prefix):
    v = crc_token(prefix)
    i = len(v) - R.randrange(1, 6)
    nv = v[:i] + R.choice([c for c in B62 if c != v[i]]) + v[i + 1:]
    assert not crc_token_ok(nv, len(prefix))
    return nv


def gl_token():
    return R.choice(["glpat-", "glpat-", "glrt-", "gldt-", "glft-"]) + rs(URLSAFE, 20)


def slack_token():
    k = R.randrange(4)
    if k == 0:
        return f"xoxb-{rd(12)}-{rd(13)}-{rs(ALNUM, 24)}"
    if k == 1:
        return f"xoxp-{rd(12)}-{rd(12)}-{rd(13)}-{rs(HEX, 32)}"
    if k == 2:
        return f"xapp-1-A{rs(UP + DIG, 10)}-{rd(13)}-{rs(HEX, 64)}"
    return f"xoxa-2-{rd(12)}-{rd(12)}-{rd(13)}-{rs(HEX, 32)}"


def slack_webhook():
    return f"https://hooks.slack.com/services/T{rs(UP + DIG, 8)}/B{rs(UP + DIG, R.choice([8, 10]))}/{rs(ALNUM, 24)}"


def stripe_sk():
    p = R.choice(["sk_live_", "sk_live_", "rk_live_", "sk_test_"])
    return p + (("51" + rs(ALNUM, 97)) if R.random() < .5 else rs(ALNUM, 24))


def google_key():
    return "AIzaSy" + rs(URLSAFE, 33)


def openai_key():
    if R.random() < .25:
        return "sk-" + rs(ALNUM, 20) + "T3BlbkFJ" + rs(ALNUM, 20)
    return R.choice(["sk-proj-", "sk-proj-", "sk-svcacct-", "sk-admin-"]) + rs(URLSAFE, 74) + "T3BlbkFJ" + rs(URLSAFE, 74)


def anthropic_key():
    return R.choice(["sk-ant-api03-", "sk-ant-api03-", "sk-ant-admin01-"]) + rs(URLSAFE, 93) + "AA"


def hf_token():
    return "hf_" + rs(UP + LO, 34)


def npm_token():
    return crc_token("npm_")


def b64u(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def pypi_token():
    ident = f"{R.randbytes(4).hex()}-{R.randbytes(2).hex()}-{R.randbytes(2).hex()}-{R.randbytes(2).hex()}-{R.randbytes(6).hex()}"
    cav = json.dumps({"version": 1, "permissions": R.choice(["user", {"projects": [R.choice(["tidewater", "qlint", "fastgeo-utils"])]}])})
    mac = (b"\x02\x01\x08pypi.org" + b"\x02" + bytes([len(ident)]) + ident.encode() + b"\x00" +
           b"\x02" + bytes([len(cav)]) + cav.encode() + b"\x00\x00" + b"\x06\x20" + R.randbytes(32))
    v = "pypi-" + b64u(mac)
    assert v.startswith("pypi-AgEIcHlwaS5vcmc") and len(v) >= 150
    return v


def azure_key():
    return base64.b64encode(R.randbytes(64)).decode()


def sendgrid_key():
    return "SG." + rs(URLSAFE, 22) + "." + rs(URLSAFE, 43)


def twilio_key():
    return "SK" + rs(HEX, 32)


def jwt(claims=None):
    alg = R.choice(["HS256", "RS256", "ES256", "HS512"])
    hdr = {"alg": alg, "typ": "JWT"}
    if alg != "HS256" and R.random() < .6:
        hdr["kid"] = R.randbytes(8).hex()
    now = R.randrange(1730000000, 1790000000)
    pl = claims or {"sub": str(R.randrange(10 ** 5, 10 ** 9)), "iat": now, "exp": now + R.choice([900, 3600, 86400])}
    if "iss" not in pl and R.random() < .6:
        pl["iss"] = R.choice(["https://login.corvid-systems.pl/", "https://auth.ravenholt.io", "urn:brightwater:sso"])
    sig = R.randbytes({"HS256": 32, "RS256": 256, "ES256": 64, "HS512": 64}[alg])
    return f"{b64u(json.dumps(hdr, separators=(',', ':')).encode())}.{b64u(json.dumps(pl, separators=(',', ':')).encode())}.{b64u(sig)}"


def trunc_jwt():
    return jwt().split(".")[0] + "." + jwt().split(".")[1][:R.randrange(8, 20)] + "…"


WORDS = ["harbor", "cobalt", "juniper", "falcon", "meadow", "quartz", "tundra", "saffron", "ember", "lantern",
         "marble", "thistle", "orchid", "granite", "pepper", "voyage", "zephyr", "bramble"]


def password():
    k = R.randrange(4)
    if k == 0:
        return R.choice(WORDS).capitalize() + str(R.randrange(10, 9999)) + R.choice("!#$%&*?@")
    if k == 1:
        return rs(ALNUM, R.randrange(14, 28))
    if k == 2:
        return "-".join(R.choice(WORDS) for _ in range(3)) + str(R.randrange(10))
    return rs(ALNUM + "!#%^*_-+=", R.randrange(12, 22))


def uuid4():
    h = R.randbytes(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:32]}"


def sha(n=40):
    return R.randbytes(n // 2).hex()


def semver():
    return f"{R.randrange(0, 15)}.{R.randrange(0, 30)}.{R.randrange(0, 60)}"


def build4():
    return f"{R.randrange(1, 12)}.{R.randrange(0, 20)}.{R.randrange(0, 300)}.{R.randrange(0, 9999)}"


def oid():
    return "1.2.840." + ".".join(str(R.randrange(1, 99999)) for _ in range(R.randrange(4, 8)))


def bad_quad():
    return f"{R.randrange(256, 999)}.{R.randrange(0, 255)}.{R.randrange(0, 300)}.{R.randrange(0, 255)}"


def phoneish_order():
    return R.choice([f"{rd(3)}-{rd(3)}-{rd(4)}", f"{rd(3)} {rd(3)} {rd(4)}", f"({rd(3)}) {rd(3)}-{rd(4)}"])


def ein():
    return f"{R.randrange(10, 99)}-{rd(7)}"


def arn():
    return f"arn:aws:{R.choice(['iam', 'sts', 'kms', 's3'])}::{rd(12)}:{R.choice(['role/deploy', 'user/ci-bot', 'key/' + uuid4()])}"


def b64blob(n):
    return base64.b64encode(R.randbytes(n)).decode()


# ------------------------------------------------------------------ PEM keys (real RSA / P-256, structural others)
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
    for _ in range(20):
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


def rand_prime(bits):
    while True:
        c = R.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if is_probable_prime(c):
            return c


def der_len(n):
    if n < 128:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der(tag, content):
    return bytes([tag]) + der_len(len(content)) + content


def der_int(v):
    b = v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big")
    return der(0x02, b)


def der_seq(*xs):
    return der(0x30, b"".join(xs))


OID_RSA = bytes.fromhex("06092a864886f70d010101")
OID_EC = bytes.fromhex("06072a8648ce3d0201")
OID_P256 = bytes.fromhex("06082a8648ce3d030107")


def rsa_key(bits=1024):
    e = 65537
    while True:
        p, q = rand_prime(bits // 2), rand_prime(bits // 2)
        lam = (p - 1) * (q - 1)
        if p != q and lam % e and ((p - 1) * (q - 1)) % e:
            break
    n = p * q
    d = pow(e, -1, (p - 1) * (q - 1))
    return der_seq(der_int(0), der_int(n), der_int(e), der_int(d), der_int(p), der_int(q), der_int(d % (p - 1)),
                   der_int(d % (q - 1)), der_int(pow(q, -1, p))), (n, e)


P256_P = 2 ** 256 - 2 ** 224 + 2 ** 192 + 2 ** 96 - 1
P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551
P256_G = (0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296,
          0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5)


def ec_add(P, Q):
    if P is None:
        return Q
    if Q is None:
        return P
    if P[0] == Q[0] and (P[1] + Q[1]) % P256_P == 0:
        return None
    if P == Q:
        lam = (3 * P[0] * P[0] - 3) * pow(2 * P[1], -1, P256_P) % P256_P
    else:
        lam = (Q[1] - P[1]) * pow(Q[0] - P[0], -1, P256_P) % P256_P
    x = (lam * lam - P[0] - Q[0]) % P256_P
    return x, (lam * (P[0] - x) - P[1]) % P256_P


def ec_mul(k, P):
    out = None
    while k:
        if k & 1:
            out = ec_add(out, P)
        P = ec_add(P, P)
        k >>= 1
    return out


def ec_key():
    d = R.randrange(1, P256_N)
    X, Y = ec_mul(d, P256_G)
    assert (Y * Y - X ** 3 + 3 * X - 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b) % P256_P == 0
    pub = b"\x04" + X.to_bytes(32, "big") + Y.to_bytes(32, "big")
    return der_seq(der_int(1), der(0x04, d.to_bytes(32, "big")), der(0xa0, OID_P256), der(0xa1, der(0x03, b"\0" + pub))), pub


def pem_wrap(label, data, width=64, headers=None):
    b = base64.b64encode(data).decode()
    lines = [b[i:i + width] for i in range(0, len(b), width)]
    h = (headers + [""]) if headers else []
    return "\n".join([f"-----BEGIN {label}-----"] + h + lines + [f"-----END {label}-----"])


RSA_POOL = []
EC_POOL = []


def init_keys():
    for _ in range(5):
        RSA_POOL.append(rsa_key(1024))
    for _ in range(4):
        EC_POOL.append(ec_key())


def ssh_str(b):
    return len(b).to_bytes(4, "big") + b


def openssh_ed25519(comment="deploy@ci"):
    pub = R.randbytes(32)
    pubblob = ssh_str(b"ssh-ed25519") + ssh_str(pub)
    chk = R.randbytes(4)
    priv = chk + chk + ssh_str(b"ssh-ed25519") + ssh_str(pub) + ssh_str(R.randbytes(32) + pub) + ssh_str(comment.encode())
    pad = 1
    while len(priv) % 8:
        priv += bytes([pad])
        pad += 1
    blob = (b"openssh-key-v1\0" + ssh_str(b"none") + ssh_str(b"none") + ssh_str(b"") + (1).to_bytes(4, "big") +
            ssh_str(pubblob) + ssh_str(priv))
    return pem_wrap("OPENSSH PRIVATE KEY", blob, 70), "ssh-ed25519 " + base64.b64encode(pubblob).decode() + " " + comment


def pgp_private():
    body = bytes([0x95]) + R.randbytes(R.randrange(400, 600))
    b = base64.b64encode(body).decode()
    crc = base64.b64encode(crc24(body).to_bytes(3, "big")).decode()
    lines = [b[i:i + 64] for i in range(0, len(b), 64)]
    return "\n".join(["-----BEGIN PGP PRIVATE KEY BLOCK-----", "", *lines, "=" + crc, "-----END PGP PRIVATE KEY BLOCK-----"])


def private_key(kind=None):
    k = kind or R.choice(["rsa1", "rsa8", "ec", "ssh", "rsa1", "ec8", "enc", "pgp"])
    if k == "rsa1":
        return pem_wrap("RSA PRIVATE KEY", R.choice(RSA_POOL)[0])
    if k == "rsa8":
        return pem_wrap("PRIVATE KEY", der_seq(der_int(0), der_seq(OID_RSA, b"\x05\x00"), der(0x04, R.choice(RSA_POOL)[0])))
    if k == "ec":
        return pem_wrap("EC PRIVATE KEY", R.choice(EC_POOL)[0])
    if k == "ec8":
        return pem_wrap("PRIVATE KEY", der_seq(der_int(0), der_seq(OID_EC, OID_P256), der(0x04, R.choice(EC_POOL)[0])))
    if k == "ssh":
        return openssh_ed25519()[0]
    if k == "enc":
        inner = der_seq(der_seq(bytes.fromhex("06092a864886f70d01050d"), der_seq(
            der_seq(bytes.fromhex("06092a864886f70d01050c"), der_seq(der(0x04, R.randbytes(16)), der_int(2048))),
            der_seq(bytes.fromhex("060960864801650304012a"), der(0x04, R.randbytes(16))))), der(0x04, R.randbytes(656)))
        return pem_wrap("ENCRYPTED PRIVATE KEY", inner)
    if k == "pgp":
        return pgp_private()
    raise ValueError(k)


def public_pem():
    k = R.randrange(3)
    if k == 0:
        n, e = R.choice(RSA_POOL)[1]
        spki = der_seq(der_seq(OID_RSA, b"\x05\x00"), der(0x03, b"\0" + der_seq(der_int(n), der_int(e))))
        return pem_wrap("PUBLIC KEY", spki)
    if k == 1:
        pub = R.choice(EC_POOL)[1]
        return pem_wrap("PUBLIC KEY", der_seq(der_seq(OID_EC, OID_P256), der(0x03, b"\0" + pub)))
    return pem_wrap("CERTIFICATE", der_seq(der_seq(der(0xa0, der_int(2)), der_int(R.getrandbits(64))), R.randbytes(420)))


def gcp_sa(project=None, indent=2):
    project = project or f"{R.choice(['tidal', 'helix', 'ravenholt', 'quarry'])}-{R.choice(['prod', 'etl', 'ml'])}-{rd(6)}"
    acct = R.choice(["etl-runner", "looker-sync", "ci-deployer", "bq-export"])
    mail = f"{acct}@{project}.iam.gserviceaccount.com"
    pem = private_key("rsa8").replace("\n", "\\n") + "\\n"
    pem_v = pem[:-2]
    sp = " " * indent
    parts = ["{\n", f'{sp}"type": "service_account",\n', f'{sp}"project_id": "{project}",\n',
             f'{sp}"private_key_id": "{sha(40)}",\n', f'{sp}"private_key": "', ("PEMI", pem_v), '\\n",\n',
             f'{sp}"client_email": "', ("MAILI", mail), '",\n', f'{sp}"client_id": "{rd(21)}",\n',
             f'{sp}"auth_uri": "https://accounts.google.com/o/oauth2/auth",\n',
             f'{sp}"token_uri": "https://oauth2.googleapis.com/token",\n',
             f'{sp}"client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/{mail.replace("@", "%40")}"\n', "}"]
    return parts


# =========================================================================== document builder
class Doc:
    """Text assembled from parts; entity byte offsets are recorded while appending."""

    def __init__(self, kind):
        self.kind = kind
        self.buf = []
        self.n = 0
        self.ents = []

    def t(self, s):
        self.buf.append(s)
        self.n += len(s.encode("utf-8"))

    def e(self, typ, val, ignore=False):
        st = self.n
        self.t(val)
        ent = {"type": typ, "start": st, "end": self.n, "_v": val}
        if ignore:
            ent["ignore"] = True
        self.ents.append(ent)

    def add(self, *parts):
        for p in parts:
            if isinstance(p, str):
                self.t(p)
            elif p[0] == "PEMI":
                self.e("PRIVATE_KEY", p[1], True)
            elif p[0] == "MAILI":
                self.e("EMAIL_ADDRESS", p[1], True)
            else:
                self.e(p[0], p[1], len(p) > 2 and p[2] == "i")
        return self

    def gcp(self, parts, prefix=""):
        """GCP service-account JSON object; `prefix` is inserted after every newline inside it (YAML indentation)."""
        st = self.n
        val = []
        for p in parts:
            if isinstance(p, str):
                s = p.replace("\n", "\n" + prefix) if prefix else p
                self.t(s)
                val.append(s)
            else:
                self.add(p)
                val.append(p[1])
        self.ents.append({"type": "GCP_SERVICE_ACCOUNT_KEY", "start": st, "end": self.n, "_v": "".join(val)})

    def text(self):
        return "".join(self.buf)


def indent_block(v, pre):
    return v.replace("\n", "\n" + pre)


def jesc(v):
    return json.dumps(v, ensure_ascii=False)[1:-1]


def pick(*xs):
    return R.choice(xs)


_ROTS = {}


def rot(name, options):
    """Shuffled round-robin choice: variants of a family are used evenly (keeps rare types above the minimum)."""
    q = _ROTS.setdefault(name, [])
    if not q:
        q.extend(R.sample(list(options), len(options)))
    return q.pop()


def ts(y=2025):
    return f"{y}-{R.randrange(1, 13):02d}-{R.randrange(1, 29):02d}T{R.randrange(24):02d}:{R.randrange(60):02d}:{R.randrange(60):02d}Z"


def ymd8(y0=2024, y1=2026):
    y, m, dd = day(y0, y1)
    return f"{y}{m:02d}{dd:02d}"


def hms6():
    return f"{R.randrange(24):02d}{R.randrange(60):02d}{R.randrange(60):02d}"


def day(y0=2024, y1=2026):
    return (R.randrange(y0, y1 + 1), R.randrange(1, 13), R.randrange(1, 29))


CC_BY_LOC = {"en": "US", "es": "ES", "pt": "BR", "fr": "FR", "de": "DE", "it": "IT", "nl": "NL", "pl": "PL", "hi": "IN",
             "ja": "JP", "zh": "CN", "ko": "US", "sg": "SG"}


# =========================================================================== families: health
def fam_fnol(d):
    loc = rot("fnol", ["en", "es", "de", "fr", "it"])
    f, l = person(loc)
    cc = CC_BY_LOC[loc]
    loss = fdate(day(2025, 2026), loc, pick(0, 1, 2))
    policy = f"{pick('AUT', 'HOM', 'PA')}-{rd(7)}-{rd(2)}"
    claim = f"CLM{rd(9)}"
    vin = rs("ABCDEFGHJKLMNPRSTUVWXYZ" + DIG, 17)
    if loc == "en":
        d.add(f"FIRST NOTICE OF LOSS — submitted via web portal\nClaim no.: {claim}   Policy: {policy}\n",
              f"Date of loss: {loss}   Reported: {ts()}\n\nINSURED\n  Name: {f} {l}\n  Date of birth: ",
              ("DATE_OF_BIRTH", fdate(rdate(), "en")), "\n  Mobile: ", ("PHONE_NUMBER", phone("US")),
              "\n  E-mail: ", ("EMAIL_ADDRESS", email(f, l)), "\n")
        if R.random() < .6:
            d.add("  SSN (last 4 on file, full provided for SIU check): ", ("US_SSN", ssn(pick(0, 0, 1))), "\n")
        d.add(f"\nVEHICLE\n  VIN: {vin}\n  Plate: {rs(UP, 3)}-{rd(4)}\n  Tow ticket: {phoneish_order()}\n",
              "\nOTHER PARTY\n  Driver: ", " ".join(person("en")), "  phone ", ("PHONE_NUMBER", phone("US", 0)),
              f"\n  Carrier/policy: Redfern Mutual {rd(10)}\n",
              "\nNARRATIVE\n  Insured states she was stopped at the light on Route 9 when the other vehicle struck the rear bumper.\n",
              "  Police report #", phoneish_order(), " (not a phone number).\n",
              "\nPAYMENT PREFERENCE: direct deposit\n  Routing no.: ", ("US_BANK_ROUTING", aba()),
              f"   Account: {rd(R.randrange(8, 13))}\n  Card for deductible: ", ("CREDIT_CARD", card()),
              f"   exp {R.randrange(1, 13):02d}/{R.randrange(26, 31)}\n",
              f"\nSUBMISSION META\n  client_ip=", ("IP_ADDRESS", ip_pub()), f"  session={uuid4()}  ua_build={build4()}\n")
    elif loc == "es":
        d.add(f"PARTE DE SINIESTRO (declaración inicial)\nNº de siniestro: {claim} · Póliza {policy}\nFecha del siniestro: {loss}\n",
              f"Tomador: {f} {l}\nDNI/NIE: ", ("ES_NIF", nif()), "\nFecha de nacimiento: ", ("DATE_OF_BIRTH", fdate(rdate(), "es")),
              "\nTeléfono de contacto: ", ("PHONE_NUMBER", phone("ES")), "\nCorreo: ", ("EMAIL_ADDRESS", email(f, l)),
              "\nDescripción: fuga de agua en la cocina, afecta al piso inferior (vecino ", " ".join(person("es")), ", tel. ",
              ("PHONE_NUMBER", phone("ES", 2)), ").\nCuenta para la indemnización (IBAN): ", ("IBAN", iban("ES")),
              f"\nReferencia del perito: {rd(3)}-{rd(3)}-{rd(3)}\nIP de envío: ", ("IP_ADDRESS", ip_pub()), "\n")
    elif loc == "de":
        d.add(f"Schadenmeldung Kfz – Erstmeldung\nSchadennummer: {claim}\nVersicherungsschein-Nr.: {policy}\nSchadentag: {loss}\n",
              f"Versicherungsnehmer: {f} {l}, geb. ", ("DATE_OF_BIRTH", fdate(rdate(), "de", pick(2, 4))),
              "\nTelefon: ", ("PHONE_NUMBER", phone("DE")), "   E-Mail: ", ("EMAIL_ADDRESS", email(f, l)),
              f"\nFahrzeug-Ident-Nr.: {vin}\nUnfallgegner: ", " ".join(person("de")), ", Tel. ", ("PHONE_NUMBER", phone("DE", 1)),
              "\nBankverbindung für Auszahlung:\n  IBAN ", ("IBAN", iban("DE", True)), "\n  Kontoinhaber: identisch\n",
              f"Aktenzeichen Polizei: {rd(4)}/{rd(2)}/{rd(6)}\n")
    elif loc == "it":
        d.add(f"DENUNCIA DI SINISTRO RCA (modulo CAI — trascrizione)\nN. sinistro: {claim}   Polizza: {policy}\nData del sinistro: {loss}\n",
              f"Contraente: {f} {l}\nCodice fiscale: ", ("IT_FISCAL_CODE", codice_fiscale(f, l)), "\nNato/a il ",
              ("DATE_OF_BIRTH", fdate(rdate(), "it", pick(1, 4))), "\nCellulare: ", ("PHONE_NUMBER", phone("IT")),
              "\nPEC/e-mail: ", ("EMAIL_ADDRESS", email(f, l)), f"\nTarga: {rs(UP, 2)}{rd(3)}{rs(UP, 2)}   Telaio: {vin}\n",
              "IBAN per il risarcimento: ", ("IBAN", iban("IT")), "\n")
    else:
        d.add(f"Déclaration de sinistre habitation\nN° de dossier : {claim} — contrat {policy}\nDate du sinistre : {loss}\n",
              f"Assuré : {f} {l}\nNé(e) le ", ("DATE_OF_BIRTH", fdate(rdate(), "fr", pick(1, 4))),
              "\nTél. portable : ", ("PHONE_NUMBER", phone("FR")), "\nCourriel : ", ("EMAIL_ADDRESS", email(f, l)),
              "\nRIB pour l'indemnisation : ", ("IBAN", iban("FR")), f"\nRéférence expert : {phoneish_order()}\n",
              "Adresse IP de dépôt : ", ("IP_ADDRESS", ip_pub()), "\n")


RX_DRUGS = ["atorvastatin 20 mg", "levothyroxine 75 mcg", "metformin ER 500 mg", "sertraline 50 mg", "lisinopril 10 mg",
            "oxycodone/APAP 5/325", "alprazolam 0.5 mg", "adderall XR 20 mg", "amlodipine 5 mg", "montelukast 10 mg"]


def fam_pharmacy_chat(d):
    loc = rot("pharm", ["en", "uk", "es", "pt", "hi", "uk", "en", "en"])
    drug = R.choice(RX_DRUGS)
    rx = f"{rd(7)}-{rd(5)}"
    if loc in ("en", "uk"):
        f, l = person("en")
        pharm = "Kestrel Pharmacy" if loc == "uk" else "Larchmont Drug"
        d.add(f"[{pharm} — secure chat]\n")
        d.add(f"10:02 {f}: hi, need a refill on my {drug}, rx {rx}\n",
              "10:02 RxBot: I can help with that. Please confirm your date of birth.\n",
              f"10:03 {f}: ", pick("", "dob "), ("DATE_OF_BIRTH", fdate(rdate(1940, 2000), "en", pick(1, 4, 5))), "\n")
        if loc == "uk":
            d.add("10:03 RxBot: Thanks. And your NHS number so we can match the EPS prescription?\n",
                  f"10:04 {f}: its ", ("UK_NHS", nhs()), "\n", "10:04 RxBot: Best number to reach you?\n",
                  f"10:05 {f}: ", ("PHONE_NUMBER", phone("UK")), "\n")
        else:
            d.add("10:03 RxBot: Thanks. Is your plan still Medicare Part D?\n",
                  f"10:04 {f}: yes, member id / MBI ", ("US_MBI", mbi()), "\n",
                  f"10:05 Pharm. tech (Dana): the prescriber's DEA on the old script was ", ("US_DEA", dea()),
                  " and NPI ", ("US_NPI", npi()), f" — Dr. {R.choice(LAST['en'])} has to re-authorize, refills are at 0.\n")
            if R.random() < .5:
                d.add(f"10:06 {f}: ok can you text me at ", ("PHONE_NUMBER", phone("US", pick(0, 2))), " when it's ready\n")
        d.add(f"10:07 RxBot: Copay is ${R.randrange(3, 60)}.{rd(2)}. Pay with the card ending **** {rd(4)}?\n",
              f"10:07 {f}: no use this one ", ("CREDIT_CARD", card(None, pick(0, 1))), f" exp {R.randrange(1, 13)}/{R.randrange(27, 31)}\n",
              f"10:08 RxBot: Done. Order #{phoneish_order()} ready after 3pm. Receipt sent to ", ("EMAIL_ADDRESS", email(f, l)), ".\n")
    elif loc == "es":
        f, l = person("es")
        d.add(f"Farmacia Seabright · chat de renovación\n[09:14] {f}: Hola, quiero renovar la receta de {drug} (receta {rx}).\n",
              "[09:14] Asistente: Claro. Indíqueme su fecha de nacimiento y DNI.\n",
              f"[09:15] {f}: nací el ", ("DATE_OF_BIRTH", fdate(rdate(), "es", pick(1, 4))), ", DNI ", ("ES_NIF", nif(False)), "\n",
              f"[09:16] Asistente: Gracias. ¿Le avisamos al ", ("PHONE_NUMBER", phone("ES")), "?\n",
              f"[09:16] {f}: sí, o al correo ", ("EMAIL_ADDRESS", email(f, l)), "\n")
    elif loc == "pt":
        f, l = person("pt")
        d.add(f"Drogaria Pinheiro — atendimento WhatsApp\n{f}: oi, preciso renovar o {drug}\n",
              "Atendente: Claro! Me passa seu CPF e data de nascimento, por favor.\n",
              f"{f}: CPF ", ("BR_CPF", cpf()), " nascimento ", ("DATE_OF_BIRTH", fdate(rdate(), "pt", pick(1, 4))), "\n",
              f"Atendente: Confirmado. Entregamos no endereço cadastrado, contato ", ("PHONE_NUMBER", phone("BR")), "?\n",
              f"{f}: isso. pode cobrar no cartão ", ("CREDIT_CARD", card(None, 1)), "\n",
              f"Atendente: Pedido {rd(4)}-{rd(4)} confirmado, previsão {fdate(day(), 'pt', 1)}.\n")
    else:
        f, l = person("hi")
        d.add(f"MedPlus refill chat\n{f}: namaste, mujhe {drug} ka refill chahiye\n",
              "Agent: Ji zaroor. Apni date of birth aur Aadhaar bata dijiye verification ke liye.\n",
              f"{f}: DOB ", ("DATE_OF_BIRTH", fdate(rdate(), "en", pick(1, 2, 4))), ", Aadhaar ", ("IN_AADHAAR", aadhaar()), "\n",
              f"Agent: Dhanyavaad. Delivery ke liye mobile number?\n{f}: ", ("PHONE_NUMBER", phone("IN")), "\n",
              f"Agent: Order ID {rd(10)} — invoice aapke email ", ("EMAIL_ADDRESS", email(f, l)), " par bhej diya hai.\n")


def fam_hl7_oru(d):
    f, l = person(pick("en", "en", "es"))
    mr = rd(R.choice([7, 8]))
    dob = rdate()
    sep = pick("\r", "\n")
    msh_t = f"{ymd8()}{hms6()[:4]}"
    d.add(f"MSH|^~\\&|PINECREST_LIS|PINECREST LABS|EPIC|MARLOWE|{msh_t}||ORU^R01^ORU_R01|{rd(10)}|P|2.5.1{sep}",
          "PID|1||", ("MEDICAL_RECORD_NUMBER", mr), f"^^^MARLOWE^MR||{l.upper()}^{f.upper()}^{rs(UP, 1)}||",
          ("DATE_OF_BIRTH", fdate(dob, "en", 3)), f"|{pick('F', 'M')}|||{R.randrange(10, 999)} {pick('ELM', 'OAK', 'MAPLE')} ST^^BOSTON^MA^02{rd(3)}||",
          ("PHONE_NUMBER", phone("US", 0)), "|||||", f"{rd(9)}|", ("US_SSN", ssn(2)), f"{sep}")
    doc = R.choice(LAST["en"])
    d.add(f"ORC|RE|{rd(8)}|{rd(8)}||CM||||{msh_t}|||", ("US_NPI", npi()), f"^{doc.upper()}^{R.choice(FIRST['en']).upper()}^^^^^^NPI{sep}",
          f"OBR|1|{rd(8)}|{rd(8)}|{pick('24323-8^COMPREHENSIVE METABOLIC PANEL^LN', '4548-4^HEMOGLOBIN A1C^LN', '57021-8^CBC W AUTO DIFF^LN')}|||{msh_t}{sep}")
    for code, name, unit, lo, hi in R.sample([("2345-7", "Glucose", "mg/dL", 70, 99), ("2160-0", "Creatinine", "mg/dL", 0.6, 1.3),
                                               ("4548-4", "Hemoglobin A1c", "%", 4.0, 5.6), ("2823-3", "Potassium", "mmol/L", 3.5, 5.1),
                                               ("718-7", "Hemoglobin", "g/dL", 12, 17.5)], 3):
        v = round(R.uniform(lo * .8, hi * 1.3), 1)
        d.add(f"OBX|{R.randrange(1, 9)}|NM|{code}^{name}^LN||{v}|{unit}|{lo}-{hi}|{'H' if v > hi else 'N'}|||F{sep}")
    c, desc = icd()
    d.add("DG1|1|I10|", ("ICD10_CODE", c), f"^{desc}^I10||{msh_t}|W{sep}")
    d.add(f"NTE|1||Specimen {rd(3)}-{rd(3)}-{rd(4)} received ambient. Analyzer build {build4()}.{sep}")


def fam_lab_pdf(d):
    loc = rot("lab", ["en", "uk", "de", "it", "uk"])
    f, l = person({"uk": "en"}.get(loc, loc))
    acc = f"{pick('A', 'S', 'L')}{rd(2)}-{rd(6)}"
    if loc in ("en", "uk"):
        d.add("PINECREST LABORATORIES                                     Page 1 of 2\n",
              f"Patient: {l.upper()}, {f}                 Accession: {acc}\n", "DOB: ", ("DATE_OF_BIRTH", fdate(rdate(), "en", pick(1, 4, 5))),
              "      Sex: ", pick("F", "M"), "        MRN: ", ("MEDICAL_RECORD_NUMBER", mrn()), "\n")
        if loc == "uk":
            d.add("NHS No.: ", ("UK_NHS", nhs(0)), f"       Collected: {fdate(day(), 'en', 2)} 08:4{R.randrange(10)}\n")
        else:
            d.add("Ordering: Dr ", R.choice(LAST["en"]), "  NPI: ", ("US_NPI", npi()), f"   Collected: {fdate(day(), 'en', 1)}\n")
            if R.random() < .6:
                d.add("Panel: urine drug screen w/ confirmation (controlled Rx monitoring) — prescriber DEA ", ("US_DEA", dea()), "\n")
        d.add("Clinical info: Dx ", ("ICD10_CODE", icd()[0]), "; fasting\n\n",
              "TEST                     RESULT     FLAG   UNITS      REF RANGE\n",
              f"Glucose, fasting         {R.randrange(80, 190):<10} {pick('H', ' ')}      mg/dL      70-99\n",
              f"TSH                      {R.uniform(.2, 6):<10.2f}        mIU/L      0.45-4.5\n",
              f"Vitamin D, 25-OH         {R.randrange(9, 60):<10}        ng/mL      30-100\n\n",
              f"Lot {rd(6)}  Instrument firmware {build4()}   Report ID {uuid4()}\n",
              "Questions? Client services ", ("PHONE_NUMBER", phone("UK" if loc == "uk" else "US", 0)), "\n")
    elif loc == "de":
        d.add("Labor Dr. Gräf & Kollegen — Befundbericht\n", f"Patient/in: {l}, {f}   geb. am ", ("DATE_OF_BIRTH", fdate(rdate(), "de", 2)),
              "\nPatienten-Nr. (MRN): ", ("MEDICAL_RECORD_NUMBER", mrn()), f"   Auftragsnr.: {acc}\n",
              "Diagnose (ICD-10-GM): ", ("ICD10_CODE", icd()[0]), "\n\nParameter        Ergebnis   Einheit   Referenz\n",
              f"CRP              {R.uniform(.1, 40):.1f}       mg/l      < 5\nHbA1c            {R.uniform(4.5, 9):.1f}        %         4,0-6,0\n",
              "\nRückfragen: ", ("PHONE_NUMBER", phone("DE", 2)), "\n")
    else:
        d.add("Laboratorio Analisi Santoro — Referto\n", f"Paziente: {l} {f}\nCodice fiscale: ",
              ("IT_FISCAL_CODE", codice_fiscale(f, l)), "\nData di nascita: ", ("DATE_OF_BIRTH", fdate(rdate(), "it", pick(1, 4))),
              f"\nN. accettazione: {acc}\nCartella clinica n. ", ("MEDICAL_RECORD_NUMBER", rd(8)),
              "\n\nEsame            Risultato   U.M.     Intervallo\n",
              f"Colesterolo tot. {R.randrange(150, 290)}         mg/dL    < 200\nFerritina        {R.randrange(8, 300)}          ng/mL    30-400\n",
              "Contatto reparto: ", ("PHONE_NUMBER", phone("IT", 2)), "\n")


def fam_x12_837(d):
    f, l = person("en")
    t = "~\n" if R.random() < .6 else "~"
    bill = R.choice(["LARCHMONT FAMILY DENTAL", "MARLOWE INTERNAL MEDICINE", "NORTHSIDE PODIATRY PC"])
    ctl = rd(9)
    d.add(f"ISA*00*          *00*          *ZZ*{rs(UP, 8):<15}*ZZ*{rs(UP + DIG, 9):<15}*{ymd8()[2:]}*{hms6()[:4]}*^*00501*{ctl}*0*P*:{t}",
          f"GS*HC*{rs(UP, 6)}*{rs(UP, 7)}*{ymd8()}*{hms6()[:4]}*{rd(4)}*X*005010X222A1{t}",
          f"ST*837*{rd(4)}*005010X222A1{t}BHT*0019*00*{rd(10)}*{ymd8()}*{hms6()[:4]}*CH{t}",
          f"NM1*41*2*{bill}*****46*{rd(9)}{t}PER*IC*BILLING OFFICE*TE*", ("PHONE_NUMBER", phone("US", 0).replace("(", "").replace(") ", "").replace("-", "")),
          f"{t}NM1*85*2*{bill}*****XX*", ("US_NPI", npi()), f"{t}N3*{R.randrange(10, 999)} HARBOR WAY{t}N4*PORTLAND*OR*97{rd(3)}{t}",
          f"REF*EI*{ein().replace('-', '')}{t}SBR*P*18*******MB{t}",
          f"NM1*IL*1*{asciify(l).upper()}*{asciify(f).upper()}****MI*", ("US_MBI", mbi(False)), t,
          "DMG*D8*", ("DATE_OF_BIRTH", fdate(rdate(1935, 1960), "en", 3)), f"*{pick('F', 'M')}{t}",
          f"CLM*{rd(6)}{rs(UP, 2)}*{R.randrange(80, 900)}.00***11:B:1*Y*A*Y*Y{t}",
          "REF*EA*", ("MEDICAL_RECORD_NUMBER", mrn()), t)
    codes = R.sample(ICD, 2)
    d.add("HI*ABK:", ("ICD10_CODE", codes[0][0].replace(".", "")), "*ABF:", ("ICD10_CODE", codes[1][0].replace(".", "")), t,
          f"NM1*82*1*{R.choice(LAST['en']).upper()}*{R.choice(FIRST['en']).upper()}****XX*", ("US_NPI", npi()), t,
          f"LX*1{t}SV1*HC:{pick('99213', '99214', 'D1110', '11721')}*{R.randrange(80, 400)}.00*UN*1***1{t}DTP*472*D8*{ymd8()}{t}",
          f"SE*{R.randrange(20, 40)}*{rd(4)}{t}GE*1*{rd(4)}{t}IEA*1*{ctl}{t}")


def fam_dicom(d):
    f, l = person(pick("en", "de", "ja", "nl"))
    dob = rdate()
    d.add(f"# Dicom-File-Format\n\n# Dicom-Meta-Information-Header\n(0002,0003) UI [{oid()}]        #  MediaStorageSOPInstanceUID\n",
          f"(0002,0010) UI =LittleEndianExplicit                   #  TransferSyntaxUID\n\n# Dicom-Data-Set\n",
          f"(0008,0020) DA [{ymd8()}]                              #  StudyDate\n",
          f"(0008,0060) CS [{pick('CT', 'MR', 'DX', 'US')}]                                    #  Modality\n",
          f"(0008,0080) LO [{pick('Marlowe General', 'St. Ursula Klinikum', 'Ziekenhuis Gelre')}]                    #  InstitutionName\n",
          f"(0008,0090) PN [{R.choice(LAST['en'])}^{R.choice(FIRST['en'])}]                          #  ReferringPhysicianName\n",
          f"(0010,0010) PN [{asciify(l)}^{asciify(f)}]                           #  PatientName\n",
          "(0010,0020) LO [", ("MEDICAL_RECORD_NUMBER", mrn()), "]                              #  PatientID\n",
          "(0010,0030) DA [", ("DATE_OF_BIRTH", fdate(dob, "en", 3)), "]                              #  PatientBirthDate\n",
          f"(0010,0040) CS [{pick('F', 'M')}]                                     #  PatientSex\n")
    if R.random() < .6:
        d.add("(0010,2154) SH [", ("PHONE_NUMBER", phone(pick("US", "DE", "NL", "JP"), 1)), "]                  #  PatientTelephoneNumbers\n")
    d.add(f"(0018,1000) LO [{rd(5)}]                                 #  DeviceSerialNumber\n",
          f"(0018,1020) LO [{build4()}]                          #  SoftwareVersions\n",
          f"(0020,000d) UI [{oid()}]  #  StudyInstanceUID\n(0020,000e) UI [{oid()}]  #  SeriesInstanceUID\n",
          f"(0040,0244) DA [{ymd8()}]                              #  PerformedProcedureStepStartDate\n")


def fam_dental_vet(d):
    v = rot("dv", ["us", "vet", "uk", "us"])
    if v == "uk":
        f, l = person("en")
        d.add(f"Brook Lane Dental Practice (NHS) — FP17 claim worksheet\nPatient: {f} {l}\nNHS number: ", ("UK_NHS", nhs()),
              "\nDate of birth: ", ("DATE_OF_BIRTH", fdate(rdate(1940, 2015), "en", pick(2, 5))), f"\nCourse of treatment: Band {R.randrange(1, 4)}, UDA {R.randrange(1, 12)}.0\n",
              "Exemption: NI number for Universal Credit check ", ("UK_NINO", nino()), "\nContact: ", ("PHONE_NUMBER", phone("UK")),
              f"\nPerformer no. {rd(6)}  Contract no. {rd(6)}/{rd(4)}\n")
        return
    if v == "us":
        f, l = person("en")
        d.add(f"LARCHMONT FAMILY DENTAL — Progress note\nPatient: {f} {l}   Chart #: ", ("MEDICAL_RECORD_NUMBER", mrn()),
              "   DOB: ", ("DATE_OF_BIRTH", fdate(rdate(1950, 2015), "en", pick(1, 4))), "\n",
              f"Visit: {fdate(day(), 'en', 1)}   Provider: Dr. {R.choice(LAST['en'])}, DDS  NPI ", ("US_NPI", npi()), "\n",
              f"CC: sensitivity LR quadrant. Tooth #{R.randrange(1, 33)} MOD composite, #{R.randrange(1, 33)} watch.\n",
              "Dx: ", ("ICD10_CODE", pick("K02.52", "K02.62", "K05.10", "K08.409", "K04.7")), ", ", ("ICD10_CODE", pick("K05.10", "K03.6", "Z01.20")),
              f"\nCDT: D{rd(4)}, D{rd(4)}\nRx: amoxicillin 500 mg #21 — prescriber DEA ", ("US_DEA", dea()),
              f"\nIns: Delta {rd(9)} (subscriber SSN ", ("US_SSN", ssn()), ")\nRecall 6 mo. Reminder SMS to ", ("PHONE_NUMBER", phone("US", 2)),
              f"\nGate code for back office: B20 (not a diagnosis)\n")
    else:
        loc = pick("en", "de", "nl")
        of, ol = person(loc)
        pet = pick("Biscuit", "Luna", "Mochi", "Pepper", "Otto", "Kiki")
        chip = pick("985", "981", "900", "276", "528") + rd(12)
        while luhn_ok(chip):
            chip = chip[:-1] + str((int(chip[-1]) + 1) % 10)
        if loc == "en":
            d.add(f"Willow Creek Veterinary — patient record\nPatient: {pet} ({pick('DSH feline', 'Labrador retriever', 'Beagle mix')})\n",
                  "Born: ", ("DATE_OF_BIRTH", fdate(rdate(2012, 2024), "en", 1), "i"), "  (pet)\nMicrochip: ", chip, "\n",
                  f"Owner: {of} {ol}  tel ", ("PHONE_NUMBER", phone("US")), "  email ", ("EMAIL_ADDRESS", email(of, ol)), "\n",
                  f"Rx: gabapentin 100 mg caps — DVM {R.choice(LAST['en'])}, DEA# ", ("US_DEA", dea()), "\n",
                  "Payment: ", ("CREDIT_CARD", card(None, 1)), f"  auth {rd(6)}\nInvoice {phoneish_order()}\n")
        elif loc == "de":
            d.add(f"Tierarztpraxis Lindemann — Patientenakte\nTier: {pet}, Transponder-Nr. {chip}\n",
                  "Geburtsdatum des Tieres: ", ("DATE_OF_BIRTH", fdate(rdate(2012, 2024), "de", 2), "i"), "\n",
                  f"Halter/in: {of} {ol}\nTelefon: ", ("PHONE_NUMBER", phone("DE")), "\nE-Mail: ", ("EMAIL_ADDRESS", email(of, ol)),
                  "\nLastschrift IBAN: ", ("IBAN", iban("DE")), "\n")
        else:
            d.add(f"Dierenkliniek Gelre — patiëntkaart\nDier: {pet}\nChipnummer: {chip}\n",
                  f"Eigenaar: {of} {ol}, tel. ", ("PHONE_NUMBER", phone("NL")), ", e-mail ", ("EMAIL_ADDRESS", email(of, ol)), "\n",
                  "Incasso IBAN: ", ("IBAN", iban("NL")), f"\nFactuurnr. {rd(4)}-{rd(6)}\n")


# =========================================================================== families: finance / HR / travel
def fam_bank_export(d):
    k = rot("bank", [0, 1, 2, 3])
    if k == 0:  # OFX
        d.add("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\n\n<OFX>\n<SIGNONMSGSRSV1><SONRS>",
              f"<STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>{ymd8()}{hms6()}<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>\n",
              f"<BANKMSGSRSV1><STMTTRNRS><TRNUID>{uuid4()}<STMTRS><CURDEF>USD\n<BANKACCTFROM>\n<BANKID>", ("US_BANK_ROUTING", aba()),
              f"\n<ACCTID>{rd(R.randrange(9, 13))}\n<ACCTTYPE>CHECKING\n</BANKACCTFROM>\n<BANKTRANLIST>\n")
        for _ in range(R.randrange(2, 5)):
            memo_k = R.randrange(4)
            d.add(f"<STMTTRN><TRNTYPE>{pick('DEBIT', 'CREDIT', 'POS')}<DTPOSTED>{ymd8()}<TRNAMT>{pick('-', '')}{R.randrange(5, 4000)}.{rd(2)}<FITID>{rd(12)}<NAME>")
            if memo_k == 0:
                d.add("ZELLE TO ", " ".join(person("en")).upper(), "<MEMO>", ("EMAIL_ADDRESS", email()), "\n")
            elif memo_k == 1:
                d.add(f"COINBASE WDRL<MEMO>to ", ("CRYPTO_WALLET", wallet()), "\n")
            elif memo_k == 2:
                d.add(f"POS PURCHASE<MEMO>CARD XXXX{rd(4)} REF {rd(3)}-{rd(3)}-{rd(4)}\n")
            else:
                d.add("ACH PPD PAYROLL<MEMO>IND ID ", rd(9), f" CO ID {ein().replace('-', '')}\n")
            d.add("</STMTTRN>\n")
        d.add(f"<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>{ymd8()}<TRNAMT>-{R.randrange(50, 900)}.00<FITID>{rd(12)}<NAME>KRAKEN WDRL<MEMO>dest ",
              ("CRYPTO_WALLET", wallet()), "\n</STMTTRN>\n")
        d.add("</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n")
    elif k == 1:  # MT940
        cc = pick("DE", "NL", "BE", "FR", "IT", "ES", "AT", "CH")
        d.add(f":20:STMT{rd(10)}\n:25:", ("IBAN", iban_raw(cc)), f"\n:28C:{R.randrange(1, 300):05d}/001\n:60F:C{ymd8()[2:]}EUR{R.randrange(100, 90000)},{rd(2)}\n")
        for _ in range(R.randrange(2, 5)):
            name = " ".join(person(pick("de", "nl", "fr", "it")))
            d.add(f":61:{ymd8()[2:]}{ymd8()[4:]}{pick('D', 'C')}{R.randrange(5, 3000)},{rd(2)}NTRFNONREF//{rd(8)}\n",
                  f":86:166?00SEPA-UEBERWEISUNG?20EREF+{rd(12)}?21SVWZ+{pick('Miete', 'Rechnung', 'Gehalt')} {rd(6)}?30",
                  rs(UP, 6) + rs(UP + DIG, 2) + "?31", ("IBAN", iban_raw(pick("DE", "NL", "FR", "IT", "BE"))), f"?32{asciify(name)[:27]}\n")
        d.add(f":62F:C{ymd8()[2:]}EUR{R.randrange(100, 90000)},{rd(2)}\n-\n")
    elif k == 2:  # QIF
        d.add(f"!Type:Bank\nD{R.randrange(1, 13)}/{R.randrange(1, 29)}'25\nT-{R.randrange(50, 900)}.00\nPBTC purchase\nMsent to ", ("CRYPTO_WALLET", wallet()), "\n^\n")
        for _ in range(R.randrange(2, 4)):
            d.add(f"D{R.randrange(1, 13)}/{R.randrange(1, 29)}'{R.randrange(24, 27)}\nT{pick('-', '')}{R.randrange(5, 2000)}.{rd(2)}\n")
            m = R.randrange(4)
            if m == 0:
                d.add("PRefund to card ", ("CREDIT_CARD", card(None, pick(0, 2))), "\n")
            elif m == 1:
                d.add(f"PCheck #{rd(4)}\nMRouting ", ("US_BANK_ROUTING", aba()), f" acct {rd(10)}\n")
            elif m == 2:
                d.add(f"PVenmo {R.choice(FIRST['en'])}\nMcontact ", ("PHONE_NUMBER", phone("US", pick(0, 2))), "\n")
            else:
                d.add(f"PAMZN Mktp\nMorder {rd(3)}-{rd(7)}-{rd(7)}\n")
            d.add("^\n")
    else:  # CSV export from a neobank, EU
        d.add("Datum;Empfänger/Zahlungspflichtiger;IBAN;Verwendungszweck;Betrag (EUR)\n")
        for _ in range(R.randrange(2, 5)):
            n = " ".join(person(pick("de", "nl", "fr", "pl")))
            d.add(f"{fdate(day(), 'de', 2)};\"{n}\";", ("IBAN", iban_raw(pick("DE", "AT", "NL", "PL", "FR", "BE", "IE"))),
                  f";\"{pick('Miete ' + rd(2) + '/2025', 'Rechnung RE-' + rd(6), 'Kaution', 'Erstattung Bestellnr. ' + phoneish_order())}\";"
                  f"{pick('-', '')}{R.randrange(5, 3000)},{rd(2)}\n")
        d.add(f"{fdate(day(), 'de', 2)};\"Krypto-Auszahlung\";;\"an ", ("CRYPTO_WALLET", wallet()), f"\";-{R.randrange(50, 900)},00\n")
        d.add(f"{fdate(day(), 'de', 2)};\"Rückbuchung\";", bad_iban("DE"), ";\"ungültige IBAN (Prüfziffer)\";0,00\n")


def fam_payroll_csv(d):
    k = rot("payroll", [0, 1, 2, 3, 4, 5, 6])
    if k == 6:
        d.add("Emp Code,Employee Name,PAN,Aadhaar,UAN,IFSC,Bank A/c No,Mobile\n")
        for _ in range(R.randrange(3, 6)):
            f, l = person("hi")
            d.add(f"SMT{rd(4)},{f} {l},", ("IN_PAN", pan(l)), ",", ("IN_AADHAAR", aadhaar(pick(0, 1))), f",{rd(12)},{rs(UP, 4)}0{rs(UP + DIG, 6)},{rd(R.randrange(11, 15))},",
                  ("PHONE_NUMBER", phone("IN", pick(1, 2))), "\n")
        d.add(f"SMT{rd(4)},(left),{rs(UP, 5)}{rd(4)}{rs(UP, 1)}?,{bad_aadhaar()},,,,\n")
        return
    if k == 5:
        d.add("Nr;Nazwisko i imię;PESEL;Data urodzenia;Nr rachunku;E-mail\n")
        for _ in range(R.randrange(3, 6)):
            f, l = person("pl")
            d.add(f"{rd(3)};{l} {f};", ("PL_PESEL", pesel()), ";", ("DATE_OF_BIRTH", fdate(rdate(), "pl", 2)), ";",
                  ("IBAN", iban("PL")), ";", ("EMAIL_ADDRESS", email(f, l)), "\n")
        d.add(f"{rd(3)};(korekta);{bad_pesel()};;;\n")
        return
    if k == 4:
        k = 3
    if k == 0:
        d.add("Employee ID,Last Name,First Name,SSN/ITIN,Birth Date,Hire Date,Routing #,Account #,Net Pay,Email\n")
        for _ in range(R.randrange(2, 5)):
            f, l = person("en")
            tid = ("US_ITIN", itin()) if R.random() < .5 else ("US_SSN", ssn(pick(0, 2)))
            d.add(f"E{rd(5)},\"{l}\",{f},", tid, ",", ("DATE_OF_BIRTH", fdate(rdate(1955, 2004), "en", 1)),
                  f",{fdate(day(2015, 2025), 'en', 1)},", ("US_BANK_ROUTING", aba()), f",{rd(R.randrange(8, 13))},{R.randrange(900, 6000)}.{rd(2)},",
                  ("EMAIL_ADDRESS", email(f, l, R.choice(CORPDOM))), "\n")
        d.add(f"E{rd(5)},\"Placeholder\",Test,", ("US_SSN", "123-45-6789", "i"), f",01/01/1970,,{bad_aba()},000000000,0.00,\n",
              f"E{rd(5)},\"Voided\",Row,{bad_ssn()},,,,,,\n")
    elif k == 1:
        d.add("payroll_ref|surname|forenames|ni_number|tax_code|date_of_birth|sort_code|account|iban\n")
        for _ in range(R.randrange(2, 5)):
            f, l = person("en")
            d.add(f"PR{rd(6)}|{l}|{f}|", ("UK_NINO", nino()), f"|{R.randrange(1000, 1400)}L|", ("DATE_OF_BIRTH", fdate(rdate(), "en", 2)),
                  f"|{rd(2)}-{rd(2)}-{rd(2)}|{rd(8)}|", ("IBAN", iban_raw("GB")), "\n")
    elif k == 2:
        d.add("\ufeffEmployee;Name;TFN;DOB;Super fund USI;BSB;Account;Mobile\n" if R.random() < .5 else "Employee;Name;TFN;DOB;Super fund USI;BSB;Account;Mobile\n")
        for _ in range(R.randrange(4, 7)):
            f, l = person("en")
            d.add(f"{rd(4)};{f} {l};", ("AU_TFN", tfn()), ";", ("DATE_OF_BIRTH", fdate(rdate(), "en", 1 if R.random() < .2 else 2)),
                  f";{rs(UP, 3)}{rd(4)}AU;{rd(3)}-{rd(3)};{rd(9)};", ("PHONE_NUMBER", phone("AU", pick(0, 1))), "\n")
        d.add(f"{rd(4)};(terminated);{bad_tfn()};;;;;\n")
    else:
        loc = rot("payroll_canl", ["ca", "nl"])
        if loc == "ca":
            d.add("emp_no\tname\tSIN\tbirthdate\ttransit-institution\taccount\temail\n")
            for _ in range(R.randrange(3, 6)):
                f, l = person(pick("en", "fr"))
                d.add(f"{rd(5)}\t{f} {l}\t", ("CA_SIN", sin()), "\t", ("DATE_OF_BIRTH", fdate(rdate(), "en", 0)),
                      f"\t{rd(5)}-{rd(3)}\t{rd(7)}\t", ("EMAIL_ADDRESS", email(f, l)), "\n")
            d.add(f"{rd(5)}\tcontractor (SIN rejected)\t{bad_sin()}\t\t\t\t\n")
        else:
            d.add("personeelsnr;naam;BSN;geboortedatum;IBAN;telefoon\n")
            for _ in range(R.randrange(3, 6)):
                f, l = person("nl")
                d.add(f"{rd(5)};\"{f} {l}\";", ("NL_BSN", bsn(R.random() < .3)), ";", ("DATE_OF_BIRTH", fdate(rdate(), "nl", 1)), ";",
                      ("IBAN", iban_raw("NL")), ";", ("PHONE_NUMBER", phone("NL")), "\n")
            d.add(f"{rd(5)};\"oud record\";{bad_bsn()};;;\n")


def fam_tax_form(d):
    k = rot("tax", ["1099", "t4", "form16", "payg", "pit11", "informe", "cu", "modelo", "jaaropgaaf", "p45"])
    yr = R.randrange(2023, 2026)
    if k == "1099":
        f, l = person("en")
        tid = ("US_ITIN", itin()) if R.random() < .6 else ("US_SSN", ssn())
        d.add(f"Form 1099-{pick('NEC', 'INT', 'MISC')}    {yr}    (OCR text, Copy B — For Recipient)\n",
              f"PAYER'S name, street address: Northgate Staffing LLC, 44 Commerce Pl, Dayton OH\n",
              f"PAYER'S TIN {ein()}          RECIPIENT'S TIN ", tid, "\n",
              f"RECIPIENT'S name: {f} {l}\nAccount number (see instructions): {rd(10)}\n",
              f"1 Nonemployee compensation $ {R.randrange(1000, 90000):,}.{rd(2)}\n4 Federal income tax withheld $ 0.00\n",
              "Direct deposit on file — RTN ", ("US_BANK_ROUTING", aba()), f"  DAN {rd(10)}\n",
              "Questions: ", ("PHONE_NUMBER", phone("US", 0)), "\n")
    elif k == "t4":
        f, l = person(pick("en", "fr"))
        d.add(f"T4 — Statement of Remuneration Paid / État de la rémunération payée   {yr}\n",
              f"Employer's account number / Numéro de compte de l'employeur: {rd(9)}RP0001\n",
              "12 Social insurance number / Numéro d'assurance sociale: ", ("CA_SIN", sin()), "\n",
              f"Employee's name / Nom de l'employé : {l.upper()}, {f}\n14 Employment income {R.randrange(30000, 120000)}.00   22 Income tax deducted {R.randrange(3000, 30000)}.00\n",
              f"Box 54 Employer BN {rd(9)}\n")
    elif k == "form16":
        f, l = person("hi")
        d.add(f"FORM NO. 16 [See rule 31(1)(a)]  Part A\nCertificate under section 203 — Assessment Year {yr}-{(yr + 1) % 100}\n",
              f"Name and address of the Employer: Sunmoor Technologies Pvt Ltd, Pune\nTAN of the Deductor: {rs(UP, 4)}{rd(5)}{rs(UP, 1)}\n",
              f"PAN of the Deductor: {rs(UP, 3)}C{rs(UP, 1)}{rd(4)}{rs(UP, 1)}\n",
              f"Name of the Employee: {f} {l}\nPAN of the Employee: ", ("IN_PAN", pan(l)), "\n",
              "Aadhaar (linked): ", ("IN_AADHAAR", aadhaar()), "\n", "Employee mobile: ", ("PHONE_NUMBER", phone("IN")),
              f"\nCIT (TDS) acknowledgement: {rs(UP, 8)}\nकर्मचारी का पैन: ", ("IN_PAN", pan(l)), " (संशोधित)\n")
    elif k == "payg":
        f, l = person("en")
        d.add(f"PAYG payment summary – individual non-business   Year ended 30 June {yr}\n",
              f"Payee details: {f} {l}, {R.randrange(1, 200)} Wattle St, Ballarat VIC\n",
              "Payee's tax file number ", ("AU_TFN", tfn()), f"    Date of birth ", ("DATE_OF_BIRTH", fdate(rdate(), "en", 2)), "\n",
              f"Gross payments $ {R.randrange(40000, 150000)}   Total tax withheld $ {R.randrange(5000, 40000)}\n",
              f"Payer's ABN {rd(2)} {rd(3)} {rd(3)} {rd(3)}   Branch {rd(3)}\n", "Contact: ", ("PHONE_NUMBER", phone("AU", 2)), "\n")
    elif k == "pit11":
        f, l = person("pl")
        d.add(f"PIT-11 INFORMACJA O PRZYCHODACH Z INNYCH ŹRÓDEŁ ... za rok {yr}\n",
              f"A. MIEJSCE I CEL SKŁADANIA INFORMACJI — Urząd Skarbowy Warszawa-Mokotów\n",
              f"NIP płatnika: {rd(3)}-{rd(3)}-{rd(2)}-{rd(2)}\nC. DANE IDENTYFIKACYJNE PODATNIKA\n",
              "Identyfikator podatkowy (numer PESEL): ", ("PL_PESEL", pesel()), f"\nNazwisko: {l}   Pierwsze imię: {f}\n",
              "Data urodzenia: ", ("DATE_OF_BIRTH", fdate(rdate(), "pl", pick(2, 4))), "\nAdres e-mail: ", ("EMAIL_ADDRESS", email(f, l)),
              "\nRachunek: ", ("IBAN", iban("PL")), "\n")
    elif k == "informe":
        f, l = person("pt")
        d.add(f"COMPROVANTE DE RENDIMENTOS PAGOS E DE IMPOSTO SOBRE A RENDA RETIDO NA FONTE — Ano-calendário {yr}\n",
              f"1. Fonte Pagadora — CNPJ {rd(2)}.{rd(3)}.{rd(3)}/0001-{rd(2)}  Nome empresarial: Ortiz Advocacia Ltda\n",
              f"2. Pessoa Física Beneficiária dos Rendimentos\nCPF: ", ("BR_CPF", cpf()), f"   Nome completo: {f} {l}\n",
              f"3. Rendimentos tributáveis: R$ {R.randrange(20, 300)}.{rd(3)},{rd(2)}\n", "Responsável pelas informações: ",
              " ".join(person("pt")), " — tel. ", ("PHONE_NUMBER", phone("BR", 1)), "\nCPF do dependente: ", ("BR_CPF", cpf(1)),
              f"\nCPF informado anteriormente (inválido): {bad_cpf()}\n")
    elif k == "cu":
        f, l = person("it")
        d.add(f"CERTIFICAZIONE UNICA {yr + 1} — DATI ANAGRAFICI\nSostituto d'imposta: Hollow Oak S.r.l. — P.IVA {rd(11)}\n",
              f"Percipiente: {l.upper()} {f.upper()}\nCodice fiscale: ", ("IT_FISCAL_CODE", codice_fiscale(f, l)), "\n",
              "Data di nascita: ", ("DATE_OF_BIRTH", fdate(rdate(), "it", pick(1, 4))), f"   Comune: {pick('Roma', 'Milano', 'Bologna')}\n",
              f"Redditi di lavoro dipendente (punto 1): {R.randrange(15000, 80000)},{rd(2)}\n", "Coordinate bancarie (IBAN): ", ("IBAN", iban("IT")),
              f"\nCodice fiscale coniuge (errato, da correggere): {bad_cf()}\n")
    elif k == "modelo":
        f, l = person("es")
        d.add(f"CERTIFICADO DE RETENCIONES E INGRESOS A CUENTA DEL IRPF — Ejercicio {yr}\n",
              f"Pagador: Seabright Logística S.L.  NIF B{rd(8)}\nPerceptor: {f} {l}\nNIF del perceptor: ", ("ES_NIF", nif()),
              "\nFecha de nacimiento: ", ("DATE_OF_BIRTH", fdate(rdate(), "es", pick(1, 4))),
              f"\nRendimientos íntegros: {R.randrange(15000, 70000)},{rd(2)} €   Retenciones: {R.randrange(1000, 15000)},{rd(2)} €\n",
              f"NIF anterior (anulado): {bad_nif()}\n")
    elif k == "jaaropgaaf":
        f, l = person("nl")
        d.add(f"JAAROPGAAF {yr}\nWerkgever: Quillfield B.V., loonheffingennummer {rd(9)}L01\n",
              f"Werknemer: {f} {l}\nBurgerservicenummer: ", ("NL_BSN", bsn(R.random() < .4)), "\nGeboortedatum: ",
              ("DATE_OF_BIRTH", fdate(rdate(), "nl", pick(1, 2, 4))), f"\nLoon voor de loonheffing: € {R.randrange(20000, 90000)},{rd(2)}\n",
              "Uitbetaald op rekening ", ("IBAN", iban("NL", True)), "\n")
    else:
        f, l = person("en")
        d.add(f"P45 Part 1A — Details of employee leaving work\n1 Employer PAYE reference {rd(3)}/{rs(UP, 2)}{rd(5)}\n",
              "2 Employee's National Insurance number ", ("UK_NINO", nino()), f"\n3 Surname {l.upper()}  First name(s) {f}\n",
              f"4 Leaving date {fdate(day(), 'en', 2)}\n", "Date of birth ", ("DATE_OF_BIRTH", fdate(rdate(), "en", 2)),
              f"\n6 Tax code at leaving date {R.randrange(1000, 1300)}L\n", "Employee e-mail ", ("EMAIL_ADDRESS", email(f, l)), "\n")


def fam_travel_apis(d):
    k = rot("travel", [0, 1, 2])
    if k == 0:  # EDIFACT PAXLST
        d.add(f"UNA:+.? 'UNB+UNOA:4+{rs(UP, 2)}APIS+USCSAPIS+{rd(6)}:{rd(4)}+{rd(9)}'\nUNH+PAX001+PAXLST:D:05B:UN:IATA'\n",
              f"BGM+745'\nNAD+MS+++HAKONE TRAVEL OPS'\nCOM+", ("PHONE_NUMBER", phone("JP", 3)), ":TE+",
              ("EMAIL_ADDRESS", email("ops", "desk", "hakone-travel.jp")), ":EM'\n",
              f"TDT+20+{rs(UP, 2)}{rd(3)}'\nLOC+125+NRT'\nDTM+189:{ymd8()[2:]}{hms6()[:4]}:201'\nLOC+87+SFO'\n")
        for _ in range(R.randrange(2, 4)):
            loc = pick("en", "ja", "en", "ko")
            f, l = person(loc)
            d.add(f"NAD+FL+++{asciify(l).upper()}:{asciify(f).upper()}'\nATT+2++{pick('M', 'F')}'\nDTM+329:",
                  ("DATE_OF_BIRTH", fdate(rdate(), "en", 3)[2:]), f"'\nLOC+178+NRT'\nLOC+179+SFO'\nNAT+2+{'USA' if loc == 'en' else ('JPN' if loc == 'ja' else 'KOR')}'\n")
            if loc == "en":
                d.add("DOC+P:110:111+", ("US_PASSPORT", passport_us()), "'\n")
            else:
                d.add("DOC+P:110:111+", ("US_PASSPORT", rs(UP, 2) + rd(7), "i"), "'\n")
            d.add(f"DTM+36:{ymd8(2027, 2035)[2:]}'\nLOC+91+{'USA' if loc == 'en' else 'JPN'}'\n")
        d.add(f"CNT+42:{R.randrange(2, 4)}'\nUNT+{R.randrange(20, 40)}+PAX001'\nUNZ+1+{rd(9)}'\n")
    elif k == 1:  # GDS PNR display
        f, l = person("en")
        d.add(f"RP/SFO1S2{rd(3)}/SFO1S2{rd(3)}            AA/SU  {R.randrange(1, 29):02d}{pick('JAN', 'MAR', 'JUL', 'OCT')}{R.randrange(25, 27)}/{rd(4)}Z   {rs(UP + DIG, 6)}\n",
              f"  1.{asciify(l).upper()}/{asciify(f).upper()} MR\n",
              f"  2  UA {R.randrange(100, 999)} Y {R.randrange(1, 29):02d}NOV 5 SFOEWR HK1  0700 1530  *1A/E*\n",
              "  3 AP ", ("PHONE_NUMBER", phone("US", 3)), "-M\n  4 APE ", ("EMAIL_ADDRESS", email(f, l)), "\n",
              f"  5 TK OK{R.randrange(1, 29):02d}NOV/SFO1S2{rd(3)}\n",
              f"  6 SSR DOCS UA HK1 P/USA/", ("US_PASSPORT", passport_us()), f"/USA/", ("DATE_OF_BIRTH", f"{R.randrange(1, 29):02d}{pick('JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC')}{R.randrange(50, 99)}"),
              f"/{pick('M', 'F')}/{R.randrange(1, 29):02d}{pick('JUN', 'SEP')}{R.randrange(28, 34)}/{asciify(l).upper()}/{asciify(f).upper()}\n",
              "  7 FP CC", pick("VI", "CA", "AX"), ("CREDIT_CARD", card(None, 0)), f"/{rd(4)}\n",
              f"  8 FA PAX 016-{rd(10)}/ETUA/USD{R.randrange(200, 1500)}.{rd(2)}/{R.randrange(1, 29):02d}NOV\n",
              f"  9 OSI UA CTCM  ticket {rd(3)}-{rd(3)}-{rd(4)} (e-ticket no., not a phone)\n")
    else:  # online check-in APIS form submission (JSON-ish)
        f, l = person(pick("en", "es", "de"))
        d.add("POST /api/v2/checkin/apis HTTP/1.1\nHost: checkin.yellowhammer.com.au\nContent-Type: application/json\n",
              "Authorization: Bearer ", ("JWT", jwt({"sub": uuid4(), "pnr": rs(UP + DIG, 6), "iat": R.randrange(1740000000, 1790000000)})), "\n\n",
              f'{{"pnr":"{rs(UP + DIG, 6)}","passengers":[{{"given":"{f}","surname":"{l}",',
              '"dateOfBirth":"', ("DATE_OF_BIRTH", fdate(rdate(), "en", 0)), '","nationality":"USA","document":{"type":"P","number":"',
              ("US_PASSPORT", passport_us()), f'","expiry":"{R.randrange(2027, 2036)}-{R.randrange(1, 13):02d}-{R.randrange(1, 29):02d}"}},',
              '"contact":{"phone":"', ("PHONE_NUMBER", phone("AU", 1)), '","email":"', ("EMAIL_ADDRESS", email(f, l)), '"}}],',
              f'"clientIp":"', ("IP_ADDRESS", ip_pub()), f'","requestId":"{uuid4()}"}}\n')


def fam_salesforce_csv(d):
    d.add('"Id","AccountId","FirstName","LastName","Email","Phone","MobilePhone","Birthdate","MailingStreet","Description"\n')
    for _ in range(R.randrange(2, 4)):
        loc = pick("en", "en", "fr", "de", "es", "it")
        f, l = person(loc)
        cc = CC_BY_LOC[loc]
        d.add(f'"003{rs(ALNUM, 12)}","001{rs(ALNUM, 15)}","{f}","{l}","', ("EMAIL_ADDRESS", email(f, l, R.choice(CORPDOM))), '","',
              ("PHONE_NUMBER", phone(cc, 2 if cc == "US" else 1)), '","')
        if R.random() < .6:
            d.add(("PHONE_NUMBER", phone(cc, 0)))
        d.add('","')
        if R.random() < .7:
            d.add(("DATE_OF_BIRTH", fdate(rdate(), "en", 0)))
        d.add(f'","{R.randrange(1, 999)} {pick("Rue de la Paix", "Hauptstraße", "Calle Mayor", "Via Roma", "Main St")}\n{pick("Apt 4", "2. OG", "Piso 3", "")}","')
        dk = R.randrange(5)
        if dk == 0:
            d.add('Called re renewal; said ""use the card on file"" — verbal card ', ("CREDIT_CARD", card(None, 1)), " (to be removed)")
        elif dk == 1:
            d.add("SEPA mandate signed, IBAN ", ("IBAN", iban()), "")
        elif dk == 2:
            d.add(f"Ticket #{phoneish_order()} closed; asked to use ", ("EMAIL_ADDRESS", email(f, l)), " instead")
        elif dk == 3:
            d.add(f"Card declined ({bad_card()} fails Luhn — typo)")
        else:
            d.add(f"Lead source: webinar {rd(4)}; renewal {fdate(day(), 'en', 0)}")
        d.add('"\n')


def fam_sms_backup(d):
    d.add(f"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"{R.randrange(3, 9)}\" backup_set=\"{uuid4()}\">\n")
    for _ in range(R.randrange(2, 5)):
        loc = pick("de", "nl", "ja", "zh", "en", "pt", "fr")
        cc = CC_BY_LOC[loc]
        d.add('  <sms protocol="0" address="', ("PHONE_NUMBER", phone(cc, 1)), f'" date="{R.randrange(1700000000000, 1790000000000)}" type="{pick(1, 2)}" body="')
        m = R.randrange(6)
        if loc == "de":
            if m < 2:
                d.add(f"Ihr Bestätigungscode lautet {rd(6)}. Niemals weitergeben.")
            else:
                d.add("Hey, hier meine IBAN für die Konzertkarten: ", ("IBAN", iban("DE")), " danke!!")
        elif loc == "nl":
            d.add("Hoi! Mijn nieuwe mail is ", ("EMAIL_ADDRESS", email(*person("nl"))), ", tikkie volgt")
        elif loc == "ja":
            d.add("【お知らせ】ご登録の電話番号 ", ("PHONE_NUMBER", phone("JP", 0)), f" の確認コードは {rd(6)} です。")
        elif loc == "zh":
            d.add("您好，您的快递单号 ", f"SF{rd(12)}", " 已签收。如有问题请致电 ", ("PHONE_NUMBER", phone("CN", 1)), "。")
        elif loc == "pt":
            d.add("Segue meu CPF pro cadastro: ", ("BR_CPF", cpf()), " e pix ", ("EMAIL_ADDRESS", email(*person("pt"))))
        elif loc == "fr":
            d.add(f"Votre code de sécurité : {rd(6)}. Carte **** {rd(4)} débitée de {R.randrange(5, 300)},{rd(2)} EUR.")
        else:
            d.add(f"Your {pick('Chase', 'Amex')} card ending {rd(4)} was used for ${R.randrange(5, 900)}.{rd(2)}. Reply STOP. Ref {phoneish_order()}")
        d.add(f'" read="1" status="-1" locked="0" date_sent="0" readable_date="{fdate(day(), "en", 5)}" contact_name="(Unknown)" />\n')
    d.add("</smses>\n")


# =========================================================================== families: infrastructure / dev
def secret_kv(kind):
    """(key name, (TYPE, value)) pairs for config-style files."""
    return {
        "aws": ("aws_access_key_id", ("AWS_ACCESS_KEY_ID", aws_akid())),
        "awss": ("aws_secret_access_key", ("AWS_SECRET_ACCESS_KEY", aws_secret())),
        "gh": ("github_token", ("GITHUB_TOKEN", gh_token())),
        "gl": ("gitlab_token", ("GITLAB_TOKEN", gl_token())),
        "slack": ("slack_bot_token", ("SLACK_TOKEN", slack_token())),
        "hook": ("slack_webhook_url", ("SLACK_WEBHOOK_URL", slack_webhook())),
        "stripe": ("stripe_api_key", ("STRIPE_SECRET_KEY", stripe_sk())),
        "goog": ("maps_api_key", ("GOOGLE_API_KEY", google_key())),
        "oai": ("openai_api_key", ("OPENAI_API_KEY", openai_key())),
        "ant": ("anthropic_api_key", ("ANTHROPIC_API_KEY", anthropic_key())),
        "hf": ("hf_token", ("HUGGINGFACE_TOKEN", hf_token())),
        "npm": ("npm_token", ("NPM_TOKEN", npm_token())),
        "pypi": ("pypi_token", ("PYPI_TOKEN", pypi_token())),
        "sg": ("sendgrid_api_key", ("SENDGRID_API_KEY", sendgrid_key())),
        "tw": ("twilio_api_key_sid", ("TWILIO_API_KEY", twilio_key())),
        "az": ("storage_account_key", ("AZURE_STORAGE_KEY", azure_key())),
        "pw": (pick("db_password", "admin_password", "smtp_password", "redis_password"), ("PASSWORD_ASSIGNMENT", password())),
        "jwt": ("service_jwt", ("JWT", jwt())),
    }[kind]


SECRET_KINDS = ["aws", "awss", "gh", "gl", "slack", "hook", "stripe", "goog", "oai", "ant", "hf", "npm", "pypi", "sg", "tw",
                "az", "pw", "jwt"]
ROTATE = ["aws", "gh", "gl", "slack", "hook", "stripe", "goog", "oai", "ant", "hf", "npm", "pypi", "sg", "tw", "jwt"]
_ROT = []


def kv_pairs(n):
    """n secret kinds from the rotation; an AWS key id always comes with its secret key."""
    out = []
    for k in next_kinds(n):
        out.append(secret_kv(k))
        if k == "aws":
            out.append(secret_kv("awss"))
    return out


def next_kinds(n):
    """Secret kinds in shuffled round-robin order, so every secret type gets a similar share."""
    out = []
    while len(out) < n:
        if not _ROT:
            _ROT.extend(R.sample(ROTATE, len(ROTATE)))
        k = _ROT.pop()
        if k not in out:
            out.append(k)
    return out


def db_url(scheme=None):
    scheme = scheme or pick("postgres", "postgresql", "mysql", "mongodb+srv", "redis", "amqp", "mssql")
    user = pick("app", "svc_ledger", "etl", "reporting_ro", "admin", "default")
    host = f"{pick('db', 'pg-primary', 'mq', 'cache', 'cluster0')}.{pick('internal', 'prod', 'eu-west-1.rds.amazonaws.com', 'x7k2p.mongodb.net')}"
    port = {"postgres": ":5432", "postgresql": ":5432", "mysql": ":3306", "redis": ":6379", "amqp": ":5672", "mssql": ":1433"}.get(scheme, "")
    pw = rs(ALNUM, R.randrange(12, 26)) if R.random() < .6 else password().replace("@", "").replace("/", "").replace("#", "").replace("?", "").replace("%", "")
    return f"{scheme}://{user}:", pw, f"@{host}{port}/{pick('ledger', 'app', 'orders', '0', 'vhost1', 'crm')}"


def fam_tfstate(d):
    if rot("tf", [0, 1]) == 0:  # terraform.tfstate
        d.add(f'{{\n  "version": 4,\n  "terraform_version": "{semver()}",\n  "serial": {R.randrange(1, 400)},\n  "lineage": "{uuid4()}",\n  "outputs": {{\n')
        d.add('    "db_endpoint": {"value": "', db_url("postgres")[0].split("://")[0], "://", "app@pg.internal:5432/app", '", "type": "string"},\n')
        d.add('    "nat_ip": {"value": "', ("IP_ADDRESS", ip_pub()), '", "type": "string"}\n  },\n  "resources": [\n')
        pre, pw, post = db_url(pick("postgres", "mysql"))
        d.add('    {\n      "mode": "managed",\n      "type": "aws_db_instance",\n      "name": "main",\n',
              '      "instances": [{\n        "schema_version": 2,\n        "attributes": {\n',
              f'          "arn": "arn:aws:rds:eu-west-1:{rd(12)}:db:main",\n          "password": "', ("PASSWORD_ASSIGNMENT", password().replace('"', "")),
              '",\n          "username": "dbadmin",\n          "connection_url": "', pre, ("DATABASE_URL_WITH_PASSWORD", pw), post, '",\n',
              f'          "engine_version": "{semver()}"\n        }},\n        "sensitive_attributes": [[{{"type": "get_attr", "value": "password"}}]]\n      }}]\n    }},\n')
        d.add('    {\n      "mode": "managed",\n      "type": "aws_iam_access_key",\n      "name": "ci",\n      "instances": [{\n        "attributes": {\n',
              '          "id": "', ("AWS_ACCESS_KEY_ID", aws_akid("AKIA")), '",\n          "secret": "', ("AWS_SECRET_ACCESS_KEY", aws_secret()),
              f'",\n          "user": "ci-bot",\n          "ses_smtp_password_v4": null,\n          "create_date": "{ts()}"\n        }}\n      }}]\n    }}')
        if R.random() < .6:
            d.add(',\n    {\n      "mode": "managed",\n      "type": "tls_private_key",\n      "name": "bastion",\n      "instances": [{\n        "attributes": {\n',
                  '          "algorithm": "ECDSA",\n          "private_key_pem": "', ("PRIVATE_KEY", private_key(pick("ec", "rsa1")).replace("\n", "\\n")),
                  '\\n",\n          "public_key_openssh": "', openssh_ed25519()[1], '"\n        }\n      }]\n    }')
        d.add("\n  ]\n}\n")
    else:  # .tfvars
        d.add(f"# {pick('prod', 'staging', 'eu')}.auto.tfvars — DO NOT COMMIT (gitignored since {semver()})\n",
              f'region          = "{pick("eu-central-1", "us-east-2", "ap-southeast-2")}"\n', f'account_id      = "{rd(12)}"\n')
        for key, ent in kv_pairs(R.randrange(3, 6)):
            d.add(f'{key:<16}= "', ent, '"\n')
        d.add('allowed_cidrs   = ["', ("IP_ADDRESS", ip_pub()), '/32", "', ("IP_ADDRESS", ip_priv(), "i"), '/32"]\n',
              'db_password_env = "${DB_PASSWORD}"\n', f'ami             = "ami-{sha(16)}"\n', f'image_digest    = "sha256:{sha(64)}"\n')
        if rot("tfvars_gcp", [0, 1, 1, 1]):
            d.add("credentials = <<EOF\n")
            d.gcp(gcp_sa())
            d.add("\nEOF\n")


def fam_ansible(d):
    env = pick("production", "staging", "dr")
    d.add(f"---\n# group_vars/{pick('db', 'web', 'all')}/{env}.yml\nansible_user: deploy\n",
          "ansible_host: ", ("IP_ADDRESS", ip_pub()), "\n", "ansible_become_password: ", ("PASSWORD_ASSIGNMENT", password()), "\n",
          "mysql_root_password: \"{{ vault_mysql_root_password }}\"\n", f"nginx_version: {semver()}\n")
    pre, pw, post = db_url()
    d.add("app_database_url: \"", pre, ("DATABASE_URL_WITH_PASSWORD", pw), post, "\"\n")
    for kname in R.sample(["oai", "ant", "hf", "az", "sg", "tw", "stripe", "slack", "gl"], R.randrange(2, 4)):
        key, ent = secret_kv(kname)
        q = pick("", "'", '"')
        d.add(f"{key}: {q}", ent, f"{q}\n")
    d.add("admin_contacts:\n  - name: ", " ".join(person("en")), "\n    email: ", ("EMAIL_ADDRESS", email(dom=R.choice(CORPDOM))),
          "\n    phone: \"", ("PHONE_NUMBER", phone(pick("US", "UK", "DE"), 1)), "\"\n")
    k = rot("ansible", [0, 1, 2, 0, 1])
    if k == 0:
        d.add("deploy_ssh_key: |\n  ", ("PRIVATE_KEY", indent_block(private_key(pick("ssh", "rsa1", "ec")), "  ")), "\n")
    elif k == 1:
        d.add("gcp_credentials_json: |\n  ")
        d.gcp(gcp_sa(), "  ")
        d.add("\n")
    else:
        d.add("vault_blob: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n")
        for _ in range(4):
            d.add("  " + sha(64)[:64] + "\n")
    d.add(f"password_min_length: {R.randrange(10, 17)}\nsmtp_password: \"{{{{ lookup('env', 'SMTP_PASSWORD') }}}}\"\n")


def fam_pg_copy(d):
    d.add(f"--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version {R.randrange(12, 17)}.{R.randrange(1, 9)}\n\n",
          "SET statement_timeout = 0;\nSET client_encoding = 'UTF8';\n\n")
    d.add("CREATE ROLE reporting_ro LOGIN PASSWORD '", ("PASSWORD_ASSIGNMENT", password().replace("'", "")), "';\n",
          f"ALTER ROLE app_rw WITH PASSWORD 'SCRAM-SHA-256$4096:{b64blob(16)}$" + b64blob(32) + ":" + b64blob(32) + "';\n\n")
    cols = ["id", "email", "phone", "dob", "tax_id_ssn_or_itin", "last_login_ip", "card_fingerprint", "created_at"]
    d.add(f"COPY public.customers ({', '.join(cols)}) FROM stdin;\n")
    for i in range(R.randrange(2, 4)):
        f, l = person(pick("en", "es", "fr"))
        d.add(f"{R.randrange(1000, 99999)}\t", ("EMAIL_ADDRESS", email(f, l)), "\t")
        if R.random() < .8:
            d.add(("PHONE_NUMBER", phone("US", pick(0, 3))))
        else:
            d.add("\\N")
        d.add("\t", ("DATE_OF_BIRTH", fdate(rdate(), "en", 0)), "\t")
        if R.random() < .75:
            d.add(("US_ITIN", itin(pick(0, 2))) if R.random() < .4 else ("US_SSN", ssn(pick(0, 2))))
        else:
            d.add("\\N")
        d.add("\t")
        if R.random() < .3:
            d.add(("IP_ADDRESS", ip6_pub()))
        else:
            d.add(("IP_ADDRESS", ip_pub()))
        d.add(f"\t{sha(40)}\t{ts()}\n")
    d.add("\\.\n\n")
    d.add("COPY public.payment_methods (id, customer_id, pan, brand, billing_zip) FROM stdin;\n")
    for i in range(R.randrange(2, 4)):
        b = pick("visa", "mc", "amex", "disc", "jcb")
        d.add(f"{i + 1}\t{R.randrange(1000, 99999)}\t", ("CREDIT_CARD", card(b, 0)), f"\t{b}\t{rd(5)}\n")
    d.add(f"{i + 2}\t{R.randrange(1000, 99999)}\t", ("CREDIT_CARD", "4111111111111111", "i"), "\tvisa\t00000\n")
    d.add("\\.\n\nSELECT pg_catalog.setval('public.customers_id_seq', " + str(R.randrange(1000, 99999)) + ", true);\n")


def fam_es_bulk(d):
    idx = pick("auth-events", "checkout", "device-registry", "web-access")
    for _ in range(R.randrange(2, 4)):
        d.add(f'{{"index":{{"_index":"{idx}-{R.randrange(2025, 2027)}.{R.randrange(1, 13):02d}","_id":"{uuid4()}"}}}}\n')
        k = R.randrange(4)
        if k == 0:
            f, l = person(pick("en", "de", "fr"))
            d.add(f'{{"@timestamp":"{ts()}","event":{{"action":"login","outcome":"{pick("success", "failure")}"}},"user":{{"email":"',
                  ("EMAIL_ADDRESS", email(f, l)), '","name":"', f"{f} {l}", '"},"source":{"ip":"', ("IP_ADDRESS", pick(ip_pub, ip6_pub)()),
                  '"},"http":{"request":{"headers":{"authorization":"Bearer ', ("JWT", jwt()), f'"}}}}}},"trace.id":"{sha(32)}"}}\n')
        elif k == 1:
            d.add(f'{{"@timestamp":"{ts()}","order_id":"{phoneish_order()}","customer":{{"phone":"', ("PHONE_NUMBER", phone(pick("US", "UK", "SG", "AU"), 1)),
                  '","shipping_note":"Leave with concierge \\"Mr. ', R.choice(LAST["en"]), '\\", call ', ("PHONE_NUMBER", phone("US", 2)),
                  f'"}},"payment":{{"last4":"{rd(4)}","bin":"{rd(6)}"}},"client":{{"ip":"', ("IP_ADDRESS", ip_pub()), '"}}\n')
        elif k == 2:
            d.add(f'{{"@timestamp":"{ts()}","device":{{"imei":"', ("IMEI", imei(False)), '","wifi_mac":"', ("MAC_ADDRESS", mac(pick(0, 2))),
                  f'","model":"{pick("SM-S918B", "Pixel 8", "iPhone15,3")}","os":"{build4()}","serial":"{rs(UP + DIG, 11)}"}},',
                  '"owner":"', ("EMAIL_ADDRESS", email()), '"}\n')
        else:
            d.add(f'{{"@timestamp":"{ts()}","client":{{"ip":"', ("IP_ADDRESS", ip_pub()), f'"}},"url":{{"original":"/account/verify?email=',
                  ("EMAIL_ADDRESS", email().replace("+", ".")), f'&utm_source=newsletter"}},"http":{{"response":{{"status_code":{pick(200, 302, 404)}}}}},',
                  f'"user_agent":{{"original":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/{build4()}"}},"upstream":"', ("IP_ADDRESS", ip_priv(), "i"), ':8080"}\n')


def fam_pwmgr(d):
    if R.random() < .5:  # Chrome/Edge passwords.csv
        d.add("name,url,username,password,note\n")
        for _ in range(R.randrange(2, 5)):
            site = pick("accounts.google.com", "github.com", "login.microsoftonline.com", "www.netflix.com", "portal.azure.com",
                        "id.atlassian.com", "banking.tessera-bank.eu", "app.hubspot.com")
            f, l = person(pick("en", "de", "nl", "fr"))
            pw = password().replace('"', "").replace(",", "")
            d.add(f"{site},https://{site}/login,", ("EMAIL_ADDRESS", email(f, l)), ",", ("PASSWORD_ASSIGNMENT", pw), ",")
            m = R.randrange(4)
            if m == 0:
                d.add('"recovery phone ', ("PHONE_NUMBER", phone(pick("US", "DE", "NL", "FR"), 1)), '"')
            elif m == 1:
                d.add('"PAT for CI: ', ("GITHUB_TOKEN", gh_token()), '"')
            d.add("\n")
        d.add("example.test,https://example.test/,", ("EMAIL_ADDRESS", "user@example.com", "i"), ",",
              ("PASSWORD_ASSIGNMENT", pick("xxxxxxxx", "changeme", "password123"), "i"), ",placeholder row\n")
    else:  # Bitwarden JSON export
        f, l = person(pick("en", "es", "it"))
        d.add(f'{{\n  "encrypted": false,\n  "folders": [{{"id": "{uuid4()}", "name": "Finance"}}],\n  "items": [\n')
        d.add(f'    {{\n      "id": "{uuid4()}",\n      "type": 1,\n      "name": "Tessera Bank",\n      "login": {{\n        "username": "',
              ("EMAIL_ADDRESS", email(f, l)), '",\n        "password": "', ("PASSWORD_ASSIGNMENT", password().replace('"', "").replace("\\", "")),
              f'",\n        "totp": null,\n        "uris": [{{"uri": "https://banking.tessera-bank.eu"}}]\n      }}\n    }},\n')
        d.add(f'    {{\n      "id": "{uuid4()}",\n      "type": 3,\n      "name": "{pick("Visa", "Mastercard", "Amex")}",\n      "card": {{\n        "cardholderName": "{f} {l}",\n',
              '        "number": "', ("CREDIT_CARD", card(None, 0)), f'",\n        "expMonth": "{R.randrange(1, 13)}",\n        "expYear": "{R.randrange(2027, 2032)}",\n        "code": "{rd(3)}"\n      }}\n    }},\n')
        d.add(f'    {{\n      "id": "{uuid4()}",\n      "type": 2,\n      "name": "Crypto + IDs",\n      "notes": "cold wallet: ', ("CRYPTO_WALLET", wallet()),
              "\\nIBAN: ", ("IBAN", iban()), "\\npassport renewal ", fdate(day(), "en", 0), "\\nAWS root: ", ("AWS_ACCESS_KEY_ID", aws_akid("AKIA")),
              " / ", ("AWS_SECRET_ACCESS_KEY", aws_secret()), '"\n    }\n  ]\n}\n')


def fam_ldif(d):
    d.add(f"# extended LDIF\n# base <dc={pick('corvid', 'quillfield', 'ravenholt')},dc={pick('pl', 'nl', 'io')}> with scope subtree\nversion: 1\n\n")
    for _ in range(R.randrange(1, 4)):
        loc = pick("en", "nl", "pl", "de")
        f, l = person(loc)
        uid = asciify(f[0] + l).lower().replace(" ", "")
        d.add(f"dn: uid={uid},ou=People,dc=corvid,dc=pl\nobjectClass: inetOrgPerson\ncn: {f} {l}\nsn: {l}\nuid: {uid}\n",
              "mail: ", ("EMAIL_ADDRESS", email(f, l, R.choice(CORPDOM))), "\n", "telephoneNumber: ", ("PHONE_NUMBER", phone(CC_BY_LOC[loc] if loc != "en" else "UK", 1)), "\n")
        if R.random() < .5:
            d.add("mobile: ", ("PHONE_NUMBER", phone(CC_BY_LOC[loc] if loc != "en" else "US", 0)), "\n")
        d.add(f"employeeNumber: {rd(6)}\nuserPassword: {{SSHA}}{b64blob(24)}\n")
        if R.random() < .3:
            d.add(f"jpegPhoto:: {b64blob(60)}\n")
        d.add(f"modifyTimestamp: {ymd8()}{hms6()}Z\nentryUUID: {uuid4()}\n\n")
    d.add(f"dn: cn=svc-backup,ou=Services,dc=corvid,dc=pl\nobjectClass: simpleSecurityObject\n",
          "description: legacy bind, plaintext until migration\nuserPassword: ", ("PASSWORD_ASSIGNMENT", password().replace(":", "")),
          "\nipHostNumber: ", ("IP_ADDRESS", ip_pub()), "\n")


def fam_powershell(d):
    user = pick("CORP\\svc_deploy", "AzureAD\\jdoe", "HOSP\\adm-kowalke")
    d.add(f"**********************\nWindows PowerShell transcript start\nStart time: {ymd8()}{hms6()}\n",
          f"Username: {user}\nRunAs User: {user}\nMachine: {pick('WS-', 'SRV-', 'JMP-')}{rd(4)} (Microsoft Windows NT {build4()})\n",
          f"Host Application: C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\nProcess ID: {R.randrange(1000, 30000)}\n**********************\n")
    k = R.randrange(3)
    pw = password().replace('"', "").replace("$", "").replace("`", "")
    d.add('PS C:\\ops> $secure = ConvertTo-SecureString "', ("PASSWORD_ASSIGNMENT", pw), '" -AsPlainText -Force\n',
          "PS C:\\ops> $cred = New-Object System.Management.Automation.PSCredential('svc_sql', $secure)\n")
    if k == 0:
        d.add("PS C:\\ops> az storage account keys list -g rg-data -n stdata" + rd(3) + " -o json\n[\n  {\n    \"creationTime\": \"" + ts() + "\",\n",
              '    "keyName": "key1",\n    "permissions": "FULL",\n    "value": "', ("AZURE_STORAGE_KEY", azure_key()), '"\n  },\n  {\n',
              '    "keyName": "key2",\n    "permissions": "FULL",\n    "value": "', ("AZURE_STORAGE_KEY", azure_key()), '"\n  }\n]\n')
    elif k == 1:
        d.add("PS C:\\ops> Get-NetAdapter | Format-Table Name, MacAddress, LinkSpeed\n\nName       MacAddress          LinkSpeed\n----       ----------          ---------\n",
              "Ethernet   ", ("MAC_ADDRESS", mac(1)), "   1 Gbps\nWi-Fi      ", ("MAC_ADDRESS", mac(1)), "   866.7 Mbps\n\n",
              "PS C:\\ops> (Invoke-RestMethod https://api.ipify.org)\n", ("IP_ADDRESS", ip_pub()), "\n")
    else:
        d.add("PS C:\\ops> $env:AWS_ACCESS_KEY_ID = '", ("AWS_ACCESS_KEY_ID", aws_akid()), "'\n",
              "PS C:\\ops> $env:AWS_SECRET_ACCESS_KEY = '", ("AWS_SECRET_ACCESS_KEY", aws_secret()), "'\n",
              "PS C:\\ops> aws sts get-caller-identity\n{\n    \"UserId\": \"AIDA" + rs(UP + DIG, 17) + "\",\n    \"Account\": \"" + rd(12) + "\",\n",
              f'    "Arn": "{arn()}"\n}}\n')
    acct = f"stdata{rd(3)}"
    d.add(f"PS C:\\ops> $cs = \"DefaultEndpointsProtocol=https;AccountName={acct};AccountKey=", ("AZURE_STORAGE_KEY", azure_key()),
          ";EndpointSuffix=core.windows.net\"\n", f"PS C:\\ops> Send-MailMessage -To ", ("EMAIL_ADDRESS", email(dom=R.choice(CORPDOM))),
          " -Subject 'done' -SmtpServer smtp.office365.com -Credential $cred\n**********************\nWindows PowerShell transcript end\n")


def fam_wiki(d):
    mw = R.random() < .5
    svc = pick("Payments gateway", "HL7 interface engine", "Build farm", "Data warehouse")
    if mw:
        d.add(f"== {svc} — on-call runbook ==\n''Last edited {fdate(day(), 'en', 4)} by [[User:{R.choice(FIRST['en'])}]]''\n\n",
              "=== Escalation ===\n{| class=\"wikitable\"\n! Role !! Name !! Phone !! E-mail\n")
        for role in ("Primary", "Secondary", "Vendor TAM"):
            f, l = person("en")
            d.add(f"|-\n| {role} || {f} {l} || ", ("PHONE_NUMBER", phone(pick("US", "UK", "AU", "SG"), 1)), " || ",
                  ("EMAIL_ADDRESS", email(f, l, R.choice(CORPDOM))), "\n")
        d.add("|}\n\n=== Hosts ===\n* Bastion: ", ("IP_ADDRESS", ip_pub()), f" (firmware {build4()})\n* Internal VIP: ", ("IP_ADDRESS", ip_priv(), "i"),
              f"\n* OID for SNMP trap: {oid()}\n\n=== Credentials (TEMPORARY, rotate!) ===\n<pre>\n")
    else:
        d.add(f"# {svc} — on-call runbook\n\n> Owner: platform team · updated {fdate(day(), 'en', 0)}\n\n## Escalation\n\n| Role | Name | Phone | Email |\n|---|---|---|---|\n")
        for role in ("Primary", "Secondary"):
            f, l = person(pick("en", "nl", "de"))
            d.add(f"| {role} | {f} {l} | ", ("PHONE_NUMBER", phone(pick("US", "NL", "DE"), 1)), " | ", ("EMAIL_ADDRESS", email(f, l, R.choice(CORPDOM))), " |\n")
        d.add("\n## Hosts\n\n- bastion `", ("IP_ADDRESS", ip_pub()), "` / v6 `", ("IP_ADDRESS", ip6_pub()), f"`\n- build agent `{build4()}` (a version, not an IP)\n\n## Credentials (TEMPORARY)\n\n```ini\n")
    for key, ent in kv_pairs(R.randrange(4, 6)):
        d.add(f"{key.upper()}=", ent, "\n")
    pre, pw, post = db_url()
    d.add("DATABASE_URL=", pre, ("DATABASE_URL_WITH_PASSWORD", pw), post, "\n")
    d.add("</pre>\n" if mw else "```\n")
    if R.random() < .35:
        d.add("\nBreak-glass SSH key (move to the vault!):\n" + ("<pre>\n" if mw else "```\n"), ("PRIVATE_KEY", private_key(pick("ssh", "rsa1", "ec", "pgp"))),
              "\n</pre>\n" if mw else "\n```\n")
    if rot("wiki_gcp", [0, 1]):
        d.add("\nService account key (paste from incident INC-" + rd(5) + "):\n" + ("<pre>\n" if mw else "```json\n"))
        d.gcp(gcp_sa())
        d.add("\n</pre>\n" if mw else "\n```\n")
    d.add(f"\nExample values in docs use AKIAIOSFODNN7EXAMPLE and 4242 4242 4242 4242 — never real ones.\n")
    s0 = d.n - len("AKIAIOSFODNN7EXAMPLE and 4242 4242 4242 4242 — never real ones.\n".encode())
    d.ents.append({"type": "AWS_ACCESS_KEY_ID", "start": s0, "end": s0 + 20, "_v": "AKIAIOSFODNN7EXAMPLE", "ignore": True})
    s1 = s0 + len("AKIAIOSFODNN7EXAMPLE and ")
    d.ents.append({"type": "CREDIT_CARD", "start": s1, "end": s1 + 19, "_v": "4242 4242 4242 4242", "ignore": True})


CODE_LINES = {
    "py": ('{k} = "', '"', '{k} = os.environ["{K}"]'),
    "js": ("const {k} = '", "';", "const {k} = process.env.{K};"),
    "go": ('\t{k} := "', '"', '\t{k} := os.Getenv("{K}")'),
    "rb": ("{K} = '", "'", "{K} = ENV.fetch('{K}')"),
    "yaml": ("  {k}: ", "", "  {k}: ${{{K}}}"),
}


def fam_code_review(d):
    repo = pick("ravenholt/ledger-api", "pinecrest/lis-bridge", "corvid/mobile-backend", "quillfield/etl")
    pr = R.randrange(100, 5000)
    d.add(f"Pull request #{pr} — {repo}\n{pick('Move secrets to env', 'Add payment provider', 'Refactor notifier', 'Bump deps')} "
          f"({sha(7)}..{sha(7)})\n\n")
    for _ in range(R.randrange(3, 6)):
        lang = pick("py", "js", "go", "rb", "yaml")
        kname = next_kinds(1)[0]
        key, ent = secret_kv(kname)
        a, b, c = CODE_LINES[lang]
        fn = {"py": "settings.py", "js": "src/config.js", "go": "internal/cfg/cfg.go", "rb": "config/initializers/keys.rb", "yaml": "deploy/values.yaml"}[lang]
        rv = R.choice(FIRST["en"]).lower()
        d.add(f"**{rv}** commented on `{fn}` line {R.randrange(5, 300)}:\n```diff\n@@ -{R.randrange(1, 90)},6 +{R.randrange(1, 90)},6 @@\n",
              "-" + a.format(k=key, K=key.upper()), ent, b + "\n", "+" + c.format(k=key, K=key.upper()) + "\n```\n",
              pick("> This was committed in plain text — please rotate it before merging.\n",
                   "> Good catch, but the old value is still in history; revoke it.\n",
                   "> nit: keep the name consistent with the Helm chart.\n"), "\n")
    if R.random() < .5:
        bad = bad_crc_token(pick("ghp_", "npm_"))
        d.add(f"**ci-bot**: secret scanner flagged `{bad}` in tests/fixtures — checksum does not validate, treated as a dummy.\n")
    if R.random() < .5:
        d.add(f"**ci-bot**: publishable key `pk_live_{rs(ALNUM, 24)}` is fine in the frontend bundle.\n")
    if R.random() < .4:
        pub = openssh_ed25519(f"{pick('deploy', 'ci')}@{pick('bastion', 'runner-7')}")[1]
        d.add(f"Added deploy key to authorized_keys:\n```\n{pub}\n```\n")
    if R.random() < .5:
        pre, pw, post = db_url()
        d.add("Test fixture still has `", pre, ("DATABASE_URL_WITH_PASSWORD", pw), post, "` — move to `${DATABASE_URL}`.\n")
    d.add(f"\nMerged by {R.choice(FIRST['en']).lower()} · commit {sha(40)}\n")


def fam_iot(d):
    if R.random() < .5:  # LoRaWAN / NB-IoT uplink JSON (one per line)
        for _ in range(R.randrange(2, 5)):
            deveui = sha(16)
            d.add(f'{{"time":"{ts()}","deviceInfo":{{"devEui":"{deveui}","deviceName":"meter-{rd(4)}"}},"rxInfo":[{{"gatewayId":"{sha(16)}","rssi":-{R.randrange(60, 120)},"snr":{R.uniform(-5, 10):.1f}}}],')
            if R.random() < .5:
                d.add('"modem":{"imei":"', ("IMEI", imei(False)), f'","iccid":"89{rd(17)}","fw":"{build4()}"}},')
            d.add('"backhaul":{"publicIp":"', ("IP_ADDRESS", ip_pub()), f'","mac":"', ("MAC_ADDRESS", mac(0)), f'"}},"object":{{"kwh":{R.uniform(0, 999):.2f}}}}}\n')
    else:  # mosquitto / device provisioning log
        d.add(f"{R.randrange(1700000000, 1790000000)}: mosquitto version {semver()} starting\n",
              f"{R.randrange(1700000000, 1790000000)}: New connection from ", ("IP_ADDRESS", ip_pub()), f":{R.randrange(1024, 65535)} on port 8883.\n",
              f"{R.randrange(1700000000, 1790000000)}: New client connected from ", ("IP_ADDRESS", ip_priv(), "i"), f" as sensor-{rd(4)} (p2, c1, k60, u'telemetry').\n")
        d.add("[provision] device=", ("MAC_ADDRESS", mac(pick(0, 3))), " imei=", ("IMEI", imei(pick(False, True))), " sim_iccid=89" + rd(17),
              " owner=", ("EMAIL_ADDRESS", email(dom=R.choice(CORPDOM))), "\n",
              '[provision] wrote /etc/agent.conf: mqtt_user="telemetry" mqtt_password="', ("PASSWORD_ASSIGNMENT", password().replace('"', "")), '"\n',
              f"[ota] firmware {build4()} sha256={sha(64)}\n", f"[ota] bad address in config: {bad_quad()} (ignored)\n")


# =========================================================================== families: multilingual documents
def fam_rag_chunks(d):
    src = pick("hr_policy_2024.pdf", "customer_escalations.docx", "kyc_manual_v3.pdf", "clinic_intake_forms.pdf")
    for i in range(R.randrange(2, 4)):
        loc = rot("rag", ["es", "pt", "fr", "de", "it", "nl", "pl", "hi", "ja", "zh", "ko", "en"])
        d.add(f'{{"chunk_id":"{src}#{R.randrange(1, 80)}","score":{R.uniform(.6, .95):.4f},"text":"')
        # start mid-sentence
        d.add({"es": "…ón del contrato. ", "pt": "…e o documento. ", "fr": "…ication du dossier. ", "de": "…dass der Antrag fehlt. ",
               "it": "…zione della pratica. ", "nl": "…ing van het dossier. ", "pl": "…ale wniosek wrócił. ", "hi": "…सत्यापन के बाद। ",
               "ja": "…とのことです。", "zh": "…已经处理完毕。", "ko": "…처리되었습니다. ", "en": "…ment of the form; "}[loc])
        f, l = person(loc if loc in FIRST else "en")
        if loc == "es":
            d.add(f"El cliente {f} {l} (NIE ", ("ES_NIF", nif(True)), ") pidió el cambio de cuenta a ", ("IBAN", iban("ES")),
                  ". Teléfono: ", ("PHONE_NUMBER", phone("ES")), ". Se le recordó que la")
        elif loc == "pt":
            d.add(f"A titular {f} {l}, CPF ", ("BR_CPF", cpf()), ", nascida em ", ("DATE_OF_BIRTH", fdate(rdate(), "pt", pick(1, 4))),
                  ", solicitou a portabilidade. Contato: ", ("EMAIL_ADDRESS", email(f, l)), ". O prazo de")
        elif loc == "fr":
            d.add(f"Mme {l}, née le ", ("DATE_OF_BIRTH", fdate(rdate(), "fr", pick(1, 4))), ", joignable au ", ("PHONE_NUMBER", phone("FR")),
                  ", a transmis son IBAN ", ("IBAN", iban("FR")), " pour le remboursement. Le dossier")
        elif loc == "de":
            d.add(f"Herr {l} (geboren am ", ("DATE_OF_BIRTH", fdate(rdate(), "de", pick(2, 4))), ") hat seine Steuer-ID nicht, aber die IBAN ",
                  ("IBAN", iban("DE")), " und die Mobilnummer ", ("PHONE_NUMBER", phone("DE")), " angegeben. Die Rückfrage")
        elif loc == "it":
            d.add(f"La sig.ra {f} {l} ha comunicato il codice fiscale ", ("IT_FISCAL_CODE", codice_fiscale(f, l, True)),
                  " e l'indirizzo ", ("EMAIL_ADDRESS", email(f, l)), "; la pratica n. ", f"{rd(4)}/{rd(2)}", " resta")
        elif loc == "nl":
            d.add(f"Klant {f} {l}, BSN ", ("NL_BSN", bsn()), ", geboortedatum ", ("DATE_OF_BIRTH", fdate(rdate(), "nl", pick(1, 4))),
                  ", belde vanaf ", ("PHONE_NUMBER", phone("NL")), " over de")
        elif loc == "pl":
            d.add(f"Pacjent {f} {l}, PESEL ", ("PL_PESEL", pesel()), ", tel. ", ("PHONE_NUMBER", phone("PL")),
                  ", zgłosił zmianę adresu e-mail na ", ("EMAIL_ADDRESS", email(f, l)), ". Dalsza")
        elif loc == "hi":
            d.add(f"ग्राहक {CJK_NAMES['hi'][R.randrange(3)]} का पैन ", ("IN_PAN", pan(l)), " और आधार ", ("IN_AADHAAR", aadhaar()),
                  " सत्यापित किया गया। मोबाइल ", ("PHONE_NUMBER", phone("IN")), " पर OTP भेजा")
        elif loc == "ja":
            d.add(f"お客様（{CJK_NAMES['ja'][R.randrange(4)]}様、生年月日 ", ("DATE_OF_BIRTH", fdate(rdate(), "ja", 4)), "）の連絡先は ",
                  ("PHONE_NUMBER", phone("JP")), "、メール ", ("EMAIL_ADDRESS", email(f, l, "yahoo.co.jp")), " です。次回の")
        elif loc == "zh":
            d.add(f"客户{CJK_NAMES['zh'][R.randrange(4)]}（出生日期：", ("DATE_OF_BIRTH", fdate(rdate(), "zh", 4)), "）的手机号为 ",
                  ("PHONE_NUMBER", phone("CN")), "，邮箱 ", ("EMAIL_ADDRESS", email(f, l, "163.com")), "，后续")
        elif loc == "ko":
            d.add(f"고객 {CJK_NAMES['ko'][R.randrange(4)]} 님(생년월일 ", ("DATE_OF_BIRTH", fdate(rdate(), "ko", 4)), ")의 이메일은 ",
                  ("EMAIL_ADDRESS", email(f, l, "naver.com")), " 이며 해외 연락처는 ", ("PHONE_NUMBER", phone("SG", 0)), " 입니다. 다음")
        else:
            d.add(f"the applicant's NRIC ", ("SG_NRIC", nric()), " and mobile ", ("PHONE_NUMBER", phone("SG", 0)),
                  " were captured; FIN holders (", ("SG_NRIC", nric(pick("F", "G", "M"))), ") must also upload the")
        d.add(f'","metadata":{{"source":"{src}","page":{R.randrange(1, 60)},"lang":"{loc}","sha1":"{sha(40)}"}}}}\n')


def fam_tenancy(d):
    loc = rot("tenancy", ["de", "nl", "fr", "it", "es", "pl", "pt", "en_sg"])
    if loc == "en_sg":
        f, l = person("sg")
        d.add(f"TENANCY APPLICATION — Tanjong Pagar Residences #{rd(2)}-{rd(2)}\nApplicant: {f} {l}\nNRIC/FIN: ", ("SG_NRIC", nric()),
              "\nDate of birth: ", ("DATE_OF_BIRTH", fdate(rdate(), "en", pick(2, 5))), "\nMobile: ", ("PHONE_NUMBER", phone("SG")),
              "\nEmail: ", ("EMAIL_ADDRESS", email(f, l)), f"\nCo-applicant NRIC (rejected — check letter): {bad_nric()}\n",
              "Deposit by card: ", ("CREDIT_CARD", card(None, 1)), "\n")
        return
    f, l = person(loc)
    cc = CC_BY_LOC[loc]
    lab = {
        "de": ("Mieterselbstauskunft", "Name", "Geburtsdatum", "Telefon", "E-Mail", "Bankverbindung (IBAN)", "Ausweis-Nr."),
        "nl": ("Huurdersformulier", "Naam", "Geboortedatum", "Telefoon", "E-mail", "IBAN", "BSN"),
        "fr": ("Dossier de location", "Nom", "Date de naissance", "Téléphone", "Courriel", "IBAN", "N° pièce d'identité"),
        "it": ("Domanda di locazione", "Nome", "Data di nascita", "Cellulare", "Email", "IBAN", "Codice fiscale"),
        "es": ("Solicitud de alquiler", "Nombre", "Fecha de nacimiento", "Móvil", "Correo electrónico", "IBAN", "DNI/NIE"),
        "pl": ("Wniosek o najem", "Imię i nazwisko", "Data urodzenia", "Telefon", "E-mail", "Numer rachunku (IBAN)", "PESEL"),
        "pt": ("Ficha de locação", "Nome", "Data de nascimento", "Celular", "E-mail", "IBAN", "CPF"),
    }[loc]
    ibcc = {"de": "DE", "nl": "NL", "fr": "FR", "it": "IT", "es": "ES", "pl": "PL", "pt": "PT"}[loc]
    sep = pick(": ", " — ", ":\t", " ........ ")
    d.add(f"{lab[0].upper()}\n\n{lab[1]}{sep}{f} {l}\n{lab[2]}{sep}", ("DATE_OF_BIRTH", fdate(rdate(1950, 2003), loc, pick(1, 2, 4))),
          f"\n{lab[3]}{sep}", ("PHONE_NUMBER", phone("PT" if False else (cc if loc != "pt" else "BR")) if loc != "pt" else phone("BR")),
          f"\n{lab[4]}{sep}", ("EMAIL_ADDRESS", email(f, l)), f"\n{lab[5]}{sep}")
    if R.random() < .3:  # IBAN wrapped across a line break as on a printed form
        v = iban_raw(ibcc)
        g = grp4(v).split(" ")
        cut = R.randrange(2, len(g) - 1)
        d.add(("IBAN", " ".join(g[:cut]) + "\n" + " ".join(g[cut:])))
    else:
        d.add(("IBAN", iban(ibcc)))
    d.add(f"\n{lab[6]}{sep}")
    if loc == "de":
        d.add(f"{rs('CFGHJKLMNPRTVWXYZ', 1)}{rs('CFGHJKLMNPRTVWXYZ0123456789', 8)}")  # German ID card no. — not a taxonomy type
    elif loc == "nl":
        d.add(("NL_BSN", bsn()))
    elif loc == "fr":
        d.add(f"{rd(2)}{rs(UP, 2)}{rd(5)}")
    elif loc == "it":
        d.add(("IT_FISCAL_CODE", codice_fiscale(f, l)))
    elif loc == "es":
        d.add(("ES_NIF", nif()))
    elif loc == "pl":
        d.add(("PL_PESEL", pesel()))
    else:
        d.add(("BR_CPF", cpf()))
    d.add(f"\n\n{pick('Einzugstermin', 'Ingangsdatum', 'Date d’entrée', 'Data di ingresso', 'Fecha de entrada', 'Data wprowadzenia', 'Data de entrada')}"
          f"{sep}{fdate(day(), loc if loc in MONTHS else 'en', 2)}\nRef. {phoneish_order()}\n")


def fam_telecom(d):
    loc = rot("telecom", ["ja", "zh", "ko", "hi", "mixed"])
    if loc == "ja":
        d.add("携帯電話サービス契約書（控え）\n", f"契約者氏名：{CJK_NAMES['ja'][R.randrange(4)]}\n生年月日：", ("DATE_OF_BIRTH", fdate(rdate(), "ja", 4)),
              "\n連絡先電話番号：", ("PHONE_NUMBER", phone("JP", pick(0, 2))), "\nメールアドレス：", ("EMAIL_ADDRESS", email(*person("ja"), "docomo.ne.jp")),
              "\n端末製造番号（IMEI）：", ("IMEI", imei()), f"\nSIMカード番号：89{rd(17)}\n",
              "本人確認書類：米国旅券（番号 ", ("US_PASSPORT", passport_us()), "）\nお支払い：クレジットカード ", ("CREDIT_CARD", card("jcb", 2)),
              f"\n受付番号：{rd(3)}-{rd(4)}-{rd(4)}\n")
    elif loc == "zh":
        d.add("入网协议（个人客户）\n", f"客户姓名：{CJK_NAMES['zh'][R.randrange(4)]}\n出生日期：", ("DATE_OF_BIRTH", fdate(rdate(), "zh", pick(0, 4))),
              "\n联系电话：", ("PHONE_NUMBER", phone("CN")), "\n电子邮箱：", ("EMAIL_ADDRESS", email(*person("zh"), "qq.com")),
              "\n终端IMEI：", ("IMEI", imei()), "\n证件类型：护照（美国） 证件号码：", ("US_PASSPORT", passport_us()),
              f"\n套餐：5G畅享 {R.randrange(99, 399)} 元/月\n业务流水号：{rd(18)}\n")
    elif loc == "ko":
        d.add("이동전화 서비스 가입신청서\n", f"가입자: {CJK_NAMES['ko'][R.randrange(4)]}\n생년월일: ", ("DATE_OF_BIRTH", fdate(rdate(), "ko", pick(0, 4))),
              "\n연락처: ", ("PHONE_NUMBER", f"+82 10-{rd(4)}-{rd(4)}", "i"), "\n이메일: ", ("EMAIL_ADDRESS", email(*person("ko"), "naver.com")),
              "\n단말기 IMEI: ", ("IMEI", imei()), "\n여권번호(미국): ", ("US_PASSPORT", passport_us()),
              "\n자동이체 카드: ", ("CREDIT_CARD", card(None, 2)), f"\n접수번호: {rd(4)}-{rd(6)}\n")
    elif loc == "hi":
        f, l = person("hi")
        d.add("मोबाइल कनेक्शन आवेदन पत्र (CAF)\n", f"ग्राहक का नाम: {f} {l}\nजन्म तिथि: ", ("DATE_OF_BIRTH", fdate(rdate(), "en", 2)),
              "\nमोबाइल नंबर: ", ("PHONE_NUMBER", phone("IN")), "\nआधार संख्या: ", ("IN_AADHAAR", aadhaar()), "\nपैन: ", ("IN_PAN", pan(l)),
              "\nIMEI: ", ("IMEI", imei()), f"\nअमान्य आधार (पुराना रिकॉर्ड): {bad_aadhaar()}\nCAF no. {rd(12)}\n")
    else:
        f, l = person(pick("en", "sg"))
        d.add("Roaming add-on / 漫游附加服务 — order summary\n", f"Customer: {f} {l}\nDOB / 出生日期: ", ("DATE_OF_BIRTH", fdate(rdate(), "en", pick(0, 5))),
              "\nSG mobile: ", ("PHONE_NUMBER", phone("SG")), "   CN mobile: ", ("PHONE_NUMBER", phone("CN", 0)),
              "\nNRIC: ", ("SG_NRIC", nric()), "\nDevice IMEI: ", ("IMEI", imei(True)), "  (secondary slot IMEI with typo: ", bad_imei(), ")\n",
              "eSIM activation code: LPA:1$rsp.truphone.com$" + rs(UP + DIG, 24) + "\n")


# =========================================================================== negatives-heavy families
def fam_sbom(d):
    d.add('{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.5",\n  "serialNumber": "urn:uuid:' + uuid4() + '",\n  "components": [\n')
    comps = []
    for _ in range(R.randrange(4, 8)):
        n = pick("@babel/core", "lodash", "express", "@types/node", "left-pad", "openssl", "zlib", "log4j-core", "requests", "urllib3")
        v = semver()
        comps.append(f'    {{"type": "library", "name": "{n}", "version": "{v}", "purl": "pkg:{pick("npm", "pypi", "maven")}/{n.replace("@", "%40")}@{v}",'
                     f' "hashes": [{{"alg": "SHA-256", "content": "{sha(64)}"}}], "bom-ref": "{n}@{v}"}}')
    d.add(",\n".join(comps) + "\n  ],\n")
    d.add(f'  "metadata": {{"timestamp": "{ts()}", "tools": [{{"name": "syft", "version": "{semver()}"}}],'
          f' "component": {{"name": "app", "version": "{build4()}", "supplier": {{')
    if R.random() < .3:
        d.add('"contact": [{"email": "', ("EMAIL_ADDRESS", "security@ravenholt.io"), '"}]}}},\n')
    else:
        d.add('"url": ["https://ravenholt.io/security"]}}},\n')
    d.add(f'  "properties": [\n    {{"name": "build.host", "value": "runner-{rd(3)}"}},\n    {{"name": "git.commit", "value": "{sha(40)}"}},\n'
          f'    {{"name": "image.digest", "value": "sha256:{sha(64)}"}},\n    {{"name": "oid", "value": "{oid()}"}},\n'
          f'    {{"name": "integrity", "value": "sha512-{b64blob(64)}"}},\n    {{"name": "asset", "value": "logo@2x.png"}},\n'
          f'    {{"name": "repo", "value": "git@github.com:ravenholt/app.git"}},\n    {{"name": "tx", "value": "0x{sha(64)}"}},\n'
          f'    {{"name": "release_ticket", "value": "{phoneish_order()}"}},\n    {{"name": "build_date", "value": "{fdate(day(), "en", 0)}"}}\n  ]\n}}\n')


def fam_ocr_noise(d):
    """Scanned-form OCR where O/0 and l/1 confusions break values: the broken ones are NOT labeled."""
    f, l = person("en")
    good_card = card_raw("visa")
    noisy = fmt_card(good_card, 1).replace("0", "O").replace("1", "l")
    if noisy == fmt_card(good_card, 1):
        noisy = fmt_card(good_card, 1)[:-1] + "O"
    gssn = ssn()
    nssn = gssn.replace("0", "O").replace("1", "l")
    if nssn == gssn:
        nssn = gssn[:3] + "-O" + gssn[5:]
    d.add(f"[scan p.{R.randrange(1, 4)} conf=0.{R.randrange(60, 95)}]\nAPPLlCATlON FOR CREDlT — page {R.randrange(1, 4)}\n",
          f"Narne: {f} {l.replace('l', '1')}\nSSN (as read): {nssn}\nCard (as read): {noisy}\n",
          "Daytime ph0ne: ", ("PHONE_NUMBER", phone("US", 0)), "\n", "E-rnail: ", ("EMAIL_ADDRESS", email(f, l)), "\n",
          "Date 0f birth: ", ("DATE_OF_BIRTH", fdate(rdate(), "en", 1)), "\n",
          f"Reviewer note: card re-keyed from the original as ", ("CREDIT_CARD", fmt_card(good_card, 1)), "; SSN re-keyed as ", ("US_SSN", gssn), "\n",
          f"Form rev. {build4()}  barcode {rd(12)}  batch {uuid4()}\n",
          f"Masked copy for file: XXX-XX-{gssn[-4:]}, **** **** **** {good_card[-4:]}\n")


def fam_support_handoff(d):
    """Contact-centre CRM handoff notes (short, semi-structured, multilingual agents)."""
    loc = pick("en", "es", "it", "pl", "hi", "nl")
    f, l = person(loc)
    cc = CC_BY_LOC[loc]
    d.add(f"HANDOFF tier1→tier2 · case {rd(8)} · {ts()}\n", f"Customer: {f} {l} · callback ", ("PHONE_NUMBER", phone(cc)), "\n")
    k = rot("handoff", list(range(12)))
    if k == 11:
        d.add("Pharmacy escalation: prescriber DEA ", ("US_DEA", dea()), " / NPI ", ("US_NPI", npi()), " confirmed by phone with the clinic.\n")
    elif k == 10:
        d.add("AU caller, verified TFN ", ("AU_TFN", tfn()), " and Medicare card (not stored).\n")
    elif k == 5:
        d.add("Caller from Canada; verified SIN ", ("CA_SIN", sin()), " and DOB ", ("DATE_OF_BIRTH", fdate(rdate(), "en", 0)), ".\n")
    elif k == 6:
        d.add("Klient podał PESEL ", ("PL_PESEL", pesel()), " oraz rachunek ", ("IBAN", iban("PL")), " do zwrotu.\n")
    elif k == 7:
        d.add("Cliente: codice fiscale ", ("IT_FISCAL_CODE", codice_fiscale(f if loc == "it" else None, l if loc == "it" else None)),
              ", rimborso su ", ("IBAN", iban("IT")), ".\n")
    elif k == 8:
        d.add("SG customer verified via NRIC ", ("SG_NRIC", nric()), "; DOB ", ("DATE_OF_BIRTH", fdate(rdate(), "en", 5)), ".\n")
    elif k == 9:
        d.add("Titular con NIE ", ("ES_NIF", nif(True)), " y pasaporte estadounidense ", ("US_PASSPORT", passport_us()), ".\n")
    elif k == 0:
        d.add("Verified with DOB ", ("DATE_OF_BIRTH", fdate(rdate(), loc if loc in MONTHS else "en", pick(1, 4))), " and SSN ", ("US_SSN", ssn(pick(0, 1))), ".\n")
    elif k == 1:
        d.add("Passport on file (US): ", ("US_PASSPORT", passport_us()), "; ITIN ", ("US_ITIN", itin(pick(0, 1))), " for the 1042-S.\n")
    elif k == 2:
        d.add("Customer pasted their NI number ", ("UK_NINO", nino()), " and NHS no. ", ("UK_NHS", nhs()), " into chat — redact.\n")
    elif k == 3:
        d.add("Refund to card ", ("CREDIT_CARD", card()), f" failed; retry ref {phoneish_order()}.\nNote: {bad_card()} in the notes is a typo (fails Luhn).\n")
    else:
        d.add("Wire details confirmed: routing ", ("US_BANK_ROUTING", aba()), f", acct ending {rd(4)}. Also asked about crypto payout to ",
              ("CRYPTO_WALLET", wallet()), ".\n")
    d.add("Email on case: ", ("EMAIL_ADDRESS", email(f, l)), f"\nAgent lang: {loc}\n")
    if R.random() < .3:
        d.add(f"Unrelated: EIN {ein()} belongs to the employer; tax form {pick('W-9', '1042-S')} rev. {semver()}.\n")


def fam_docker_inspect(d):
    name = pick("ledger-api", "notifier", "lis-bridge", "etl-worker", "chat-gw")
    d.add(f'[\n    {{\n        "Id": "{sha(64)}",\n        "Created": "{ts()}",\n        "Path": "/entrypoint.sh",\n'
          f'        "Image": "sha256:{sha(64)}",\n        "Name": "/{name}",\n        "Config": {{\n            "Hostname": "{sha(12)}",\n'
          f'            "Env": [\n                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",\n')
    for key, ent in kv_pairs(R.randrange(4, 7)):
        d.add(f'                "{key.upper()}=', ent, '",\n')
    if R.random() < .6:
        pre, pw, post = db_url()
        d.add('                "DATABASE_URL=', pre, ("DATABASE_URL_WITH_PASSWORD", pw), post, '",\n')
    if R.random() < .6:
        d.add('                "SSH_DEPLOY_KEY=', ("PRIVATE_KEY", private_key(pick("ssh", "rsa1", "ec", "rsa8")).replace("\n", "\\n")), '\\n",\n')
    d.add(f'                "APP_VERSION={semver()}",\n                "NODE_OPTIONS=--max-old-space-size=2048"\n            ],\n'
          f'            "Labels": {{"org.opencontainers.image.revision": "{sha(40)}", "maintainer": "', ("EMAIL_ADDRESS", email(dom=R.choice(CORPDOM))), '"}\n        },\n'
          '        "NetworkSettings": {\n            "IPAddress": "', ("IP_ADDRESS", f"172.17.0.{R.randrange(2, 30)}", "i"), '",\n'
          '            "MacAddress": "', ("MAC_ADDRESS", "02:42:ac:11:00:" + f"{R.randrange(2, 30):02x}"), '",\n'
          '            "Ports": {"8080/tcp": [{"HostIp": "', ("IP_ADDRESS", "0.0.0.0", "i"), '", "HostPort": "8080"}]}\n        }\n    }\n]\n')


def fam_enrollment(d):
    loc = rot("enrol", ["es", "pt", "it", "pl", "nl", "in", "sg", "uk", "ca", "au", "us", "us", "ca", "au", "nl", "uk", "es", "sg", "it"])
    f, l = person({"in": "hi", "uk": "en", "ca": "en", "au": "en", "us": "en"}.get(loc, loc))
    hdr = {"es": "Matrícula — Universidad", "pt": "Ficha de matrícula", "it": "Domanda di immatricolazione", "pl": "Karta zgłoszenia studenta",
           "nl": "Inschrijfformulier", "in": "Admission form / प्रवेश फॉर्म", "sg": "Student Pass — enrolment record",
           "uk": "Student registration & health questionnaire", "ca": "Admission — payroll for TA positions",
           "au": "HECS-HELP request (Commonwealth assistance form)", "us": "International student intake"}[loc]
    d.add(f"{hdr}\nStudent ID: {rd(8)}   Programme code: {rs(UP, 3)}{rd(3)}\n{pick('Name', 'Nombre', 'Nome', 'Imię i nazwisko', 'Naam', 'नाम')}: {f} {l}\n")
    if loc == "es":
        d.add("DNI/NIE: ", ("ES_NIF", nif()), "\nFecha de nacimiento: ", ("DATE_OF_BIRTH", fdate(rdate(1995, 2007), "es", pick(1, 4))), "\n")
    elif loc == "pt":
        d.add("CPF: ", ("BR_CPF", cpf()), "\nData de nascimento: ", ("DATE_OF_BIRTH", fdate(rdate(1995, 2007), "pt", 1)), "\n")
    elif loc == "it":
        d.add("Codice fiscale: ", ("IT_FISCAL_CODE", codice_fiscale(f, l, ymd=rdate(1995, 2007))), "\n")
    elif loc == "pl":
        d.add("Numer PESEL: ", ("PL_PESEL", pesel(rdate(1995, 2007))), "\nData urodzenia: ", ("DATE_OF_BIRTH", fdate(rdate(1995, 2007), "pl", 2)), "\n")
    elif loc == "nl":
        d.add("BSN: ", ("NL_BSN", bsn(R.random() < .5)), "\nGeboortedatum: ", ("DATE_OF_BIRTH", fdate(rdate(1995, 2007), "nl", 4)), "\n")
    elif loc == "in":
        d.add("Aadhaar No.: ", ("IN_AADHAAR", aadhaar()), "\nPAN (parent/guardian): ", ("IN_PAN", pan(l)), "\n")
    elif loc == "sg":
        d.add("FIN: ", ("SG_NRIC", nric(pick("F", "G", "M"))), "\nGuardian NRIC: ", ("SG_NRIC", nric(pick("S", "T"))), "\n")
    elif loc == "uk":
        d.add("National Insurance no.: ", ("UK_NINO", nino()), "\nNHS number (GP registration): ", ("UK_NHS", nhs()), "\n")
    elif loc == "ca":
        d.add("SIN: ", ("CA_SIN", sin()), "\nDirect deposit: transit ", rd(5), ", institution ", rd(3), "\n")
    elif loc == "au":
        d.add("Tax file number: ", ("AU_TFN", tfn()), "\nDate of birth: ", ("DATE_OF_BIRTH", fdate(rdate(1995, 2007), "en", 2)), "\n")
    else:
        d.add("ITIN (for scholarship reporting): ", ("US_ITIN", itin(pick(0, 1))), "\nPassport no. (US citizen dependants only): ",
              ("US_PASSPORT", passport_us()), "\nSEVIS ID: N00" + rd(8) + "\n")
    cc = {"in": "IN", "sg": "SG", "uk": "UK", "ca": "CA", "au": "AU", "us": "US"}.get(loc, CC_BY_LOC.get(loc, "US"))
    d.add("E-mail: ", ("EMAIL_ADDRESS", email(f, l, pick("gmail.com", "student.uni.example.edu", "outlook.com").replace("student.uni.example.edu", "alumni.pinecrest.edu"))),
          "\nPhone: ", ("PHONE_NUMBER", phone(cc)), f"\nEnrolment date: {fdate(day(), 'en', 0)}\n")


JWT_IO = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
          "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")


def footer(d):
    """Append one hard-negative (or documented-placeholder) line."""
    k = R.randrange(24)
    if k >= 22:
        opts = [("US_SSN", "078-05-1120", "SSN in the sample form: "), ("UK_NINO", "QQ123456C", "NI number format, e.g. "),
                ("UK_NHS", "943 476 5919", "NHS number example: "), ("AU_TFN", "123 456 782", "TFN (ATO sample): "),
                ("CA_SIN", "046 454 286", "SIN sample from the CRA guide: "), ("US_MBI", "1EG4-TE5-MK73", "CMS sample MBI: "),
                ("IT_FISCAL_CODE", "RSSMRA85T10A562S", "codice fiscale di esempio: "), ("US_NPI", "1234567893", "NPI test value: "),
                ("IBAN", "GB82 WEST 1234 5698 7654 32", "IBAN format example: "),
                ("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "Slack docs sample: "),
                ("CRYPTO_WALLET", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "BIP-173 test vector: "),
                ("CRYPTO_WALLET", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "EIP-55 example: "),
                ("AZURE_STORAGE_KEY", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==", "Azurite dev key: ")]
        d.add("\nDocumentation placeholders (not real): ")
        for i, (t, v, lab) in enumerate(R.sample(opts, 2)):
            d.add(("; " if i else "") + lab, (t, v, "i"))
        d.add("\n")
    elif k == 0:
        d.add(f"\n-- build {build4()} · commit {sha(7)} · trace {uuid4()}\n")
    elif k == 1:
        d.add("\nDocs example key: ", ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "i"), " / ",
              ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "i"), "\n")
    elif k == 2:
        d.add("\nTest card for the sandbox: ", ("CREDIT_CARD", pick("4242 4242 4242 4242", "4111 1111 1111 1111", "5555555555554444"), "i"), "\n")
    elif k == 3:
        d.add(f"\nIBAN returned by bank (check digits wrong): {bad_iban()}\n")
    elif k == 4:
        d.add(f"\nRejected PESEL (checksum): {bad_pesel()}; rejected CPF: {bad_cpf()}\n")
    elif k == 5:
        d.add(f"\ntx 0x{sha(64)} confirmed in block {R.randrange(10 ** 7, 2 * 10 ** 7)}\n")
    elif k == 6:
        d.add(f"\nsession (truncated in log): {trunc_jwt()}\n")
    elif k == 7:
        d.add(f"\nrole: {arn()}\n")
    elif k == 8:
        d.add(f"\npassword_min_length: {R.randrange(8, 17)}\npassword: \"${{ADMIN_PASSWORD}}\"\n")
    elif k == 9:
        d.add(f"\nreplica: postgres://readonly@{pick('replica', 'pg-2')}.internal:5432/app?sslmode=require\n")
    elif k == 10:
        d.add("\nContact form sample: ", ("EMAIL_ADDRESS", pick("user@example.com", "jane.doe@example.org"), "i"), "\n")
    elif k == 11:
        d.add(f"\nWallet address in ticket (bad checksum, do not pay): {bad_wallet()}\n")
    elif k == 12:
        d.add(f"\nNPI on fax unreadable/invalid: {bad_npi()}; DEA (fails check): {bad_dea()}\n")
    elif k == 13:
        d.add(f"\nTracking {pick('1Z' + rs(UP + DIG, 16), rd(12), 'JD' + rd(18))} · order {phoneish_order()}\n")
    elif k == 14:
        d.add("\njwt.io sample used in unit test: ", ("JWT", JWT_IO, "i"), "\n")
    elif k == 15:
        d.add(f"\nNIF del formulario (letra incorrecta): {bad_nif()} · NRIC (invalid): {bad_nric()}\n")
    elif k == 16:
        d.add(f"\nBSN (11-proef mislukt): {bad_bsn()} · TFN (invalid): {bad_tfn()} · SIN (invalid): {bad_sin()}\n")
    elif k == 17:
        d.add(f"\nSSN field rejected (invalid range): {bad_ssn()}\n")
    elif k == 18:
        d.add(f"\nNHS number failed mod-11: {bad_nhs()} · codice fiscale errato: {bad_cf()}\n")
    elif k == 19:
        d.add("\nsigning cert:\n" + public_pem() + "\n")
    elif k == 20:
        d.add(f"\nfirmware {build4()} / OID {oid()} / bad addr {bad_quad()}\n")
    else:
        d.add(f"\nStripe publishable key (safe): pk_{pick('live', 'test')}_{rs(ALNUM, 24)} · IMEI with bad check digit: {bad_imei()}\n")


FAMILIES = [
    ("fnol_claim", fam_fnol, 13), ("pharmacy_refill_chat", fam_pharmacy_chat, 15), ("hl7_oru", fam_hl7_oru, 12),
    ("lab_report_text", fam_lab_pdf, 12), ("x12_837_claim", fam_x12_837, 12), ("dicom_header_dump", fam_dicom, 10),
    ("dental_vet_record", fam_dental_vet, 13), ("bank_export", fam_bank_export, 15), ("payroll_csv", fam_payroll_csv, 18),
    ("tax_form_text", fam_tax_form, 28), ("travel_apis_pnr", fam_travel_apis, 15), ("crm_salesforce_csv", fam_salesforce_csv, 10),
    ("sms_backup_xml", fam_sms_backup, 10), ("tfstate_tfvars", fam_tfstate, 14), ("ansible_vars", fam_ansible, 13),
    ("pg_dump_copy", fam_pg_copy, 10), ("es_bulk_ndjson", fam_es_bulk, 10), ("password_manager_export", fam_pwmgr, 12),
    ("ldif_export", fam_ldif, 9), ("powershell_transcript", fam_powershell, 12), ("wiki_runbook", fam_wiki, 15),
    ("code_review_thread", fam_code_review, 16), ("iot_telemetry", fam_iot, 10), ("rag_chunks_i18n", fam_rag_chunks, 15),
    ("tenancy_application", fam_tenancy, 12), ("telecom_contract", fam_telecom, 12), ("sbom_negatives", fam_sbom, 10),
    ("ocr_scan_noise", fam_ocr_noise, 8), ("support_handoff", fam_support_handoff, 22), ("docker_inspect", fam_docker_inspect, 17),
    ("enrollment_form", fam_enrollment, 32),
]


def build(seed):
    R.seed(seed)
    init_keys()
    plan = []
    for kind, fn, n in FAMILIES:
        plan += [(kind, fn)] * n
    R.shuffle(plan)
    recs = []
    for i, (kind, fn) in enumerate(plan):
        d = Doc(kind)
        if R.random() < .12:
            d.add(pick("Fwd: ", "[export] ", "--- begin attachment ---\n", "> "))
        fn(d)
        if R.random() < .35:
            footer(d)
        text = d.text()
        b = text.encode("utf-8")
        ents = []
        for e in sorted(d.ents, key=lambda x: (x["start"], -x["end"])):
            got = b[e["start"]:e["end"]].decode("utf-8")
            assert got == e["_v"], (kind, e, got)
            assert e["end"] > e["start"]
            o = {"type": e["type"], "start": e["start"], "end": e["end"]}
            if e.get("ignore"):
                o["ignore"] = True
            ents.append(o)
        validate(d.ents)
        recs.append({"id": f"h4-{i:06d}", "text": text, "kind": kind, "entities": ents})
    return recs


def validate(ents):
    """Re-check every checksum-bearing, non-ignored gold value."""
    for e in ents:
        if e.get("ignore"):
            continue
        t, v = e["type"], e["_v"]
        dg = "".join(c for c in v if c.isdigit())
        if t in ("CREDIT_CARD", "IMEI", "CA_SIN"):
            assert luhn_ok(dg), (t, v)
        elif t == "US_NPI":
            assert npi_ok(dg), v
        elif t == "US_BANK_ROUTING":
            assert aba_ok(dg), v
        elif t == "IBAN":
            c = v.replace(" ", "").replace("\n", "")
            assert iban_ok(c) and len(c) == IBAN_LEN[c[:2]], v
        elif t == "UK_NHS":
            assert nhs_check(dg[:9]) == int(dg[9]), v
        elif t == "IN_AADHAAR":
            assert verhoeff_ok(dg), v
        elif t == "NL_BSN":
            assert bsn_ok(dg), v
        elif t == "BR_CPF":
            assert cpf_digits(dg[:9]) == dg, v
        elif t == "PL_PESEL":
            assert pesel_ok(dg), v
        elif t == "SG_NRIC":
            assert nric_letter(v[0], v[1:8]) == v[8], v
        elif t == "AU_TFN":
            assert tfn_ok(dg), v
        elif t == "US_DEA":
            assert dea_ok(v), v
        elif t == "ES_NIF":
            assert nif_letter(v[:-1]) == v[-1], v
        elif t == "IT_FISCAL_CODE":
            assert cf_check(v[:15]) == v[15], v
        elif t == "CRYPTO_WALLET":
            if v.startswith("0x"):
                assert eip55(v[2:]) == v, v
            elif v.startswith("bc1"):
                assert bech_ok(v), v
            else:
                assert b58check_ok(v), v
        elif t in ("GITHUB_TOKEN", "NPM_TOKEN") and not v.startswith("github_pat_"):
            assert crc_token_ok(v, 4), v
        elif t == "JWT":
            h, p, _ = v.split(".")
            pad = lambda s: s + "=" * (-len(s) % 4)  # noqa: E731
            assert "alg" in json.loads(base64.urlsafe_b64decode(pad(h)))
            json.loads(base64.urlsafe_b64decode(pad(p)))
        elif t == "PYPI_TOKEN":
            raw = base64.urlsafe_b64decode(v[5:] + "=" * (-len(v[5:]) % 4))
            assert raw.startswith(b"\x02\x01\x08pypi.org") and len(v) >= 150
        elif t == "AZURE_STORAGE_KEY":
            assert len(v) == 88 and v.endswith("==") and len(base64.b64decode(v)) == 64
        elif t == "US_SSN":
            a, g, s_ = int(dg[:3]), int(dg[3:5]), int(dg[5:])
            assert 1 <= a <= 899 and a != 666 and g and s_, v
        elif t == "US_ITIN":
            assert dg[0] == "9" and int(dg[3:5]) in ITIN_G, v
        elif t == "ANTHROPIC_API_KEY":
            assert v.endswith("AA")
        elif t == "OPENAI_API_KEY":
            assert "T3BlbkFJ" in v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--out", default="bench/heldout4/heldout4.jsonl")
    ap.add_argument("--stats", action="store_true")
    a = ap.parse_args()
    selftest()
    recs = build(a.seed)
    with open(a.out, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    import collections
    c = collections.Counter(e["type"] for r in recs for e in r["entities"] if not e.get("ignore"))
    ig = sum(1 for r in recs for e in r["entities"] if e.get("ignore"))
    print(f"records={len(recs)} scored_entities={sum(c.values())} ignore={ig} types={len(c)}", file=sys.stderr)
    if a.stats:
        for t, n in sorted(c.items(), key=lambda x: x[1]):
            print(f"  {t:<28}{n}", file=sys.stderr)
        print(collections.Counter(r["kind"] for r in recs), file=sys.stderr)


if __name__ == "__main__":
    main()
