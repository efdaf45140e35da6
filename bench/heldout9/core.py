"""heldout9 value generators and validators (Python 3 stdlib only), written from public specs."""
import base64, binascii, hashlib, json, random, re, string, struct

R = random.Random(9)
def seed(s):
    R.seed(s)

DIG = string.digits
UP = string.ascii_uppercase
LO = string.ascii_lowercase
B62 = DIG + UP + LO
def rs(chars, n):
    return "".join(R.choice(chars) for _ in range(n))

# ---------------------------------------------------------------- Luhn family
def luhn_ok(s):
    d = [int(c) for c in s if c.isdigit()]
    t = 0
    for i, x in enumerate(reversed(d)):
        if i % 2:
            x *= 2
            if x > 9: x -= 9
        t += x
    return t % 10 == 0
def luhn_complete(p):
    for c in DIG:
        if luhn_ok(p + c): return p + c
CARD_PREFIX = [("4", 16), ("4", 13), ("51", 16), ("55", 16), ("2221", 16), ("2720", 16), ("34", 15), ("37", 15),
               ("6011", 16), ("65", 16), ("3528", 16), ("3589", 16), ("36", 14), ("62", 16), ("62", 19)]
def card_raw():
    p, n = R.choice(CARD_PREFIX)
    return luhn_complete(p + rs(DIG, n - len(p) - 1))
def group(s, sizes, sep):
    out, i = [], 0
    for k in sizes:
        out.append(s[i:i + k]); i += k
    if i < len(s): out.append(s[i:])
    return sep.join(x for x in out if x)
def card_fmt(c=None, sep=None):
    c = c or card_raw()
    sep = R.choice(["", " ", "-", " "]) if sep is None else sep
    if len(c) == 15: return group(c, [4, 6, 5], sep)
    if len(c) == 14: return group(c, [4, 6, 4], sep)
    return group(c, [4, 4, 4, 4, 3], sep)
def card_bad():
    c = card_raw()
    return c[:-1] + str((int(c[-1]) + R.randint(1, 9)) % 10)
def nonluhn(n, first=None):
    while True:
        s = (first or R.choice(DIG[1:])) + rs(DIG, n - 1)
        if not luhn_ok(s): return s
def sin():
    return luhn_complete(R.choice("1234567") + rs(DIG, 7))
TACS = ["35391110", "35290611", "35875411", "86769103", "35693803", "01332700", "35332011", "49015420"]
def imei():
    return luhn_complete(R.choice(TACS) + rs(DIG, 6))
def npi_ok(s):
    return len(s) == 10 and s[0] in "12" and luhn_ok("80840" + s)
def npi():
    while True:
        b = R.choice("12") + rs(DIG, 8)
        for c in DIG:
            if npi_ok(b + c): return b + c

# ---------------------------------------------------------------- IBAN
def _num(s):
    return int("".join(str(int(c, 36)) for c in s))
def iban_ok(s):
    s = re.sub(r"\s", "", s)
    L = {"DE": 22, "GB": 22, "FR": 27, "ES": 24, "IT": 27, "NL": 18, "BE": 16, "CH": 21, "AT": 20, "PL": 28, "IE": 22, "SE": 24}
    if L.get(s[:2]) != len(s): return False
    if _num(s[4:] + s[:4]) % 97 != 1: return False
    return bban_ok(s[:2], s[4:])
CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]))
def _cf_even(c):
    return int(c) if c.isdigit() else ord(c) - 65
def _cin(s):
    t = sum(CF_ODD[c] if i % 2 == 0 else _cf_even(c) for i, c in enumerate(s))
    return chr(65 + t % 26)
def _fr_key(bank, branch, acct):
    conv = {c: str(v) for c, v in zip(UP, "12345678912345678923456789")}
    a = "".join(conv.get(c, c) for c in acct)
    return 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(a)) % 97
def _es_dc(ds):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    v = 11 - sum(int(d) * x for d, x in zip(ds, w)) % 11
    return {10: 1, 11: 0}.get(v, v)
def _nl11(a):
    return sum(int(d) * (10 - i) for i, d in enumerate(a)) % 11 == 0
def bban_ok(cc, b):
    if cc == "FR": return _fr_key(b[0:5], b[5:10], b[10:21]) == int(b[21:23])
    if cc == "ES": return _es_dc("00" + b[0:8]) == int(b[8]) and _es_dc(b[10:20]) == int(b[9])
    if cc == "IT": return _cin(b[1:23]) == b[0]
    if cc == "BE": return (int(b[:10]) % 97 or 97) == int(b[10:12])
    if cc == "NL": return _nl11(b[4:14])
    return True
def iban_raw(cc=None):
    cc = cc or R.choice(["DE", "GB", "FR", "ES", "IT", "NL", "BE", "CH", "AT", "PL", "IE", "SE"])
    if cc == "DE": b = rs(DIG, 18)
    elif cc == "GB": b = R.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + rs(DIG, 14)
    elif cc == "IE": b = R.choice(["AIBK", "BOFI"]) + rs(DIG, 14)
    elif cc == "CH": b = rs(DIG, 17)
    elif cc == "AT": b = rs(DIG, 16)
    elif cc == "PL": b = rs(DIG, 24)
    elif cc == "SE": b = rs(DIG, 20)
    elif cc == "FR":
        bank, br, ac = rs(DIG, 5), rs(DIG, 5), rs(DIG, 11)
        b = bank + br + ac + "%02d" % _fr_key(bank, br, ac)
    elif cc == "ES":
        e, o, a = rs(DIG, 4), rs(DIG, 4), rs(DIG, 10)
        b = e + o + str(_es_dc("00" + e + o)) + str(_es_dc(a)) + a
    elif cc == "IT":
        rest = rs(DIG, 10) + rs(DIG, 12)
        b = _cin(rest) + rest
    elif cc == "BE":
        f = rs(DIG, 10)
        b = f + "%02d" % (int(f) % 97 or 97)
    elif cc == "NL":
        while True:
            a = rs(DIG, 10)
            if _nl11(a) and a[0] != "0": break
        b = R.choice(["ABNA", "RABO", "INGB", "TRIO"]) + a
    ck = 98 - _num(b + cc + "00") % 97
    return cc + "%02d" % ck + b
def iban_fmt(s=None, spaced=None):
    s = s or iban_raw()
    if spaced is None: spaced = R.random() < 0.5
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4)) if spaced else s
def iban_bad():
    s = iban_raw()
    ck = (int(s[2:4]) + R.randint(1, 50)) % 97
    if ck < 2: ck += 2
    return s[:2] + "%02d" % ck + s[4:]

# ---------------------------------------------------------------- ids
def aba_ok(s):
    d = [int(c) for c in s]
    return len(d) == 9 and (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0 and \
        (0 < int(s[:2]) <= 12 or 21 <= int(s[:2]) <= 32 or 61 <= int(s[:2]) <= 72 or s[:2] == "80")
def aba():
    while True:
        p = "%02d" % R.choice(list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73))) + rs(DIG, 6)
        for c in DIG:
            if aba_ok(p + c): return p + c
def nhs_ok(s):
    s = s.replace(" ", "").replace("-", "")
    if len(s) != 10: return False
    t = sum(int(s[i]) * (10 - i) for i in range(9))
    c = 11 - t % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(s[9])
def nhs():
    while True:
        b = R.choice("4679") + rs(DIG, 8)
        t = sum(int(b[i]) * (10 - i) for i in range(9))
        c = 11 - t % 11
        if c == 10: continue
        return b + str(0 if c == 11 else c)
V_D = [[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],
       [5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]
V_P = [[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],[9,4,5,3,1,2,6,8,7,0],
       [4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]]
V_INV = [0,4,3,2,1,5,6,7,8,9]
def verhoeff_ok(s):
    c = 0
    for i, d in enumerate(reversed([int(x) for x in s if x.isdigit()])):
        c = V_D[c][V_P[i % 8][d]]
    return c == 0
def aadhaar():
    b = R.choice("23456789") + rs(DIG, 10)
    c = 0
    for i, d in enumerate(reversed([int(x) for x in b])):
        c = V_D[c][V_P[(i + 1) % 8][d]]
    return b + str(V_INV[c])
def bsn_ok(s):
    return len(s) == 9 and s.isdigit() and (sum(int(s[i]) * (9 - i) for i in range(8)) - int(s[8])) % 11 == 0
def bsn():
    while True:
        b = R.choice("1234567") + rs(DIG, 7)
        c = sum(int(b[i]) * (9 - i) for i in range(8)) % 11
        if c < 10: return b + str(c)
def cpf_ok(s):
    d = [int(c) for c in s if c.isdigit()]
    if len(d) != 11 or len(set(d)) == 1: return False
    a = sum(d[i] * (10 - i) for i in range(9)) * 10 % 11 % 10
    b = sum(d[i] * (11 - i) for i in range(10)) * 10 % 11 % 10
    return a == d[9] and b == d[10]
def cpf(fmt=None):
    d = [R.randint(0, 9) for _ in range(9)]
    d.append(sum(d[i] * (10 - i) for i in range(9)) * 10 % 11 % 10)
    d.append(sum(d[i] * (11 - i) for i in range(10)) * 10 % 11 % 10)
    s = "".join(map(str, d))
    if fmt is None: fmt = R.random() < 0.7
    return "%s.%s.%s-%s" % (s[:3], s[3:6], s[6:9], s[9:]) if fmt else s
PW = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
def pesel_ok(s):
    return len(s) == 11 and s.isdigit() and (10 - sum(int(s[i]) * PW[i] for i in range(10)) % 10) % 10 == int(s[10])
def pesel(y, m, d, female=None):
    mm = m + (20 if y >= 2000 else 0)
    b = "%02d%02d%02d" % (y % 100, mm, d) + rs(DIG, 3)
    sx = R.choice("02468" if (female if female is not None else R.random() < .5) else "13579")
    b += sx
    return b + str((10 - sum(int(b[i]) * PW[i] for i in range(10)) % 10) % 10)
def nric_ok(s):
    if not re.fullmatch(r"[STFGM]\d{7}[A-Z]", s): return False
    return nric_letter(s[0], s[1:8]) == s[8]
def nric_letter(p, dg):
    t = sum(int(c) * w for c, w in zip(dg, [2, 7, 6, 5, 4, 3, 2]))
    t += {"T": 4, "G": 4, "M": 3}.get(p, 0)
    tab = {"S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK", "G": "XWUTRQPNMLK", "M": "XWUTRQPNJLK"}[p]
    return tab[t % 11]
def nric(p=None):
    p = p or R.choice("SSTTFGM")
    dg = rs(DIG, 7)
    return p + dg + nric_letter(p, dg)
TW = [1, 4, 3, 7, 5, 8, 6, 9, 10]
def tfn_ok(s):
    s = s.replace(" ", "")
    return len(s) == 9 and s.isdigit() and sum(int(s[i]) * TW[i] for i in range(9)) % 11 == 0
def tfn():
    while True:
        s = R.choice("1234567689") + rs(DIG, 8)
        if tfn_ok(s): return s
def dea_ok(s):
    if not re.fullmatch(r"[ABFGMPR][A-Z9]\d{7}", s): return False
    d = [int(c) for c in s[2:]]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]
def dea(surname="X"):
    d = [R.randint(0, 9) for _ in range(6)]
    c = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return R.choice("ABFM") + surname[0].upper() + "".join(map(str, d)) + str(c)
NIFL = "TRWAGMYFPDXBNJZSQVHLCKE"
def nif_ok(s):
    m = re.fullmatch(r"([XYZ]?)(\d{7,8})([A-Z])", s)
    if not m: return False
    n = ("XYZ".index(m.group(1)) if m.group(1) else "") 
    num = int(str(n) + m.group(2)) if m.group(1) else int(m.group(2))
    if not m.group(1) and len(m.group(2)) != 8: return False
    if m.group(1) and len(m.group(2)) != 7: return False
    return NIFL[num % 23] == m.group(3)
def nif():
    if R.random() < 0.65:
        n = rs(DIG, 8)
        return n + NIFL[int(n) % 23]
    p = R.choice("XYZ")
    n = rs(DIG, 7)
    return p + n + NIFL[int(str("XYZ".index(p)) + n) % 23]
MONTHS_CF = "ABCDEHLMPRST"
def _cf_part(s, first=False):
    s = re.sub(r"[^A-Z]", "", s.upper().replace("À", "A").replace("È", "E").replace("Ì", "I").replace("Ò", "O").replace("Ù", "U"))
    cons = [c for c in s if c not in "AEIOU"]
    vow = [c for c in s if c in "AEIOU"]
    if first and len(cons) >= 4: cons = [cons[0], cons[2], cons[3]]
    return ("".join(cons + vow) + "XXX")[:3]
def cf_ok(s):
    return bool(re.fullmatch(r"[A-Z]{6}\d{2}[ABCDEHLMPRST]\d{2}[A-Z]\d{3}[A-Z]", s)) and _cin(s[:15]) == s[15]
def cf(surname, name, y, m, d, female):
    b = _cf_part(surname) + _cf_part(name, True) + "%02d" % (y % 100) + MONTHS_CF[m - 1] + "%02d" % (d + (40 if female else 0)) + \
        R.choice(["H501", "F205", "L219", "G273", "A944", "D612", "F839", "C351"])
    return b + _cin(b)
MBI_C = "ACDEFGHJKMNPQRTUVWXY"
def mbi_ok(s):
    s = s.replace("-", "")
    if len(s) != 11: return False
    cls = "C A N N A N N A A N N".split()
    cls = ["1-9", "A", "AN", "N", "A", "AN", "N", "A", "A", "N", "N"]
    for c, k in zip(s, cls):
        if k == "1-9" and c not in "123456789": return False
        if k == "A" and c not in MBI_C: return False
        if k == "N" and not c.isdigit(): return False
        if k == "AN" and c not in MBI_C + DIG: return False
    return True
def mbi(dashed=None):
    s = R.choice("123456789") + R.choice(MBI_C) + R.choice(MBI_C + DIG) + R.choice(DIG) + R.choice(MBI_C) + \
        R.choice(MBI_C + DIG) + R.choice(DIG) + R.choice(MBI_C) + R.choice(MBI_C) + rs(DIG, 2)
    if dashed is None: dashed = R.random() < 0.35
    return s[:4] + "-" + s[4:7] + "-" + s[7:] if dashed else s
def ssn_ok(s):
    m = re.fullmatch(r"(\d{3})[- ]?(\d{2})[- ]?(\d{4})", s)
    if not m: return False
    a, g, n = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return 0 < a < 900 and a != 666 and g > 0 and n > 0
def ssn(sep="-"):
    while True:
        a = R.randint(1, 899)
        if a != 666: break
    return "%03d%s%02d%s%04d" % (a, sep, R.randint(1, 99), sep, R.randint(1, 9999))
ITIN_G = list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100))
def itin_ok(s):
    m = re.fullmatch(r"9(\d{2})[- ]?(\d{2})[- ]?(\d{4})", s)
    return bool(m) and int(m.group(2)) in ITIN_G
def itin(sep="-"):
    return "9%02d%s%02d%s%04d" % (R.randint(0, 99), sep, R.choice(ITIN_G), sep, R.randint(0, 9999))
def pan():
    return rs(UP, 3) + R.choice("PPPPCHFAT") + R.choice(UP) + rs(DIG, 4) + R.choice(UP)
NINO_BAD = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
def nino(spaced=None):
    a = "ABCEGHJKLMNPRSTWXYZ"
    while True:
        p = R.choice(a) + R.choice(a.replace("O", ""))
        if p not in NINO_BAD: break
    d = rs(DIG, 6)
    if spaced is None: spaced = R.random() < 0.5
    s = R.choice("ABCD")
    return "%s %s %s %s %s" % (p, d[:2], d[2:4], d[4:], s) if spaced else p + d + s
def passport_us():
    return rs(DIG, 9) if R.random() < 0.5 else R.choice("ACEFGHJKLMNPRSTUVWXYZ") + rs(DIG, 8)
def mac(style=None):
    b = [R.randint(0, 255) for _ in range(6)]
    b[0] &= 0xFC
    style = style or R.choice([":", "-", ".", ":U"])
    if style == ".":
        h = "".join("%02x" % x for x in b)
        return h[:4] + "." + h[4:8] + "." + h[8:]
    s = ":".join("%02x" % x for x in b) if style[0] == ":" else "-".join("%02X" % x for x in b)
    return s.upper() if style == ":U" else s
def ipv4():
    while True:
        a = R.randint(1, 223)
        if a in (10, 127, 0, 100, 169, 172, 192, 198, 203): continue
        return "%d.%d.%d.%d" % (a, R.randint(0, 255), R.randint(0, 255), R.randint(1, 254))
def ipv4_private():
    return R.choice(["10.%d.%d.%d" % (R.randint(0, 255), R.randint(0, 255), R.randint(1, 254)),
                     "192.168.%d.%d" % (R.randint(0, 255), R.randint(1, 254)),
                     "172.%d.%d.%d" % (R.randint(16, 31), R.randint(0, 255), R.randint(1, 254)), "127.0.0.1"])
def ipv6():
    g = [R.choice(["2001:4860", "2a02:26f0", "2600:1f18", "2a00:1450", "2604:a880", "2406:da18"])]
    parts = ["%x" % R.randint(0, 0xffff) for _ in range(R.choice([2, 3, 4, 6]))]
    full = g[0].split(":") + parts
    if len(full) < 8: return ":".join(g[0].split(":") + parts[:1]) + "::" + ":".join(parts[1:])
    return ":".join(full)
ICD = ["E11.9", "I10", "J45.909", "M54.5", "F41.1", "K21.9", "E78.5", "N39.0", "G47.33", "H52.13", "H40.1131", "H25.13",
       "E11.3293", "Z01.00", "R51.9", "S93.401A", "L40.0", "G43.909", "F32.A", "J06.9", "M17.11", "C50.911", "O24.419",
       "D50.9", "E03.9", "R73.03", "H10.13", "B35.1", "Z79.4", "I48.91", "K58.0", "N18.3"]
def icd(dot=True):
    c = R.choice(ICD)
    return c if dot else c.replace(".", "")

# ---------------------------------------------------------------- crypto wallets
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
def b58enc(b):
    n = int.from_bytes(b, "big")
    o = ""
    while n:
        n, r = divmod(n, 58)
        o = B58[r] + o
    return "1" * (len(b) - len(b.lstrip(b"\0"))) + o
def b58dec(s):
    n = 0
    for c in s: n = n * 58 + B58.index(c)
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return b"\0" * (len(s) - len(s.lstrip("1"))) + b
def b58check(payload):
    return b58enc(payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4])
def b58check_ok(s):
    try: b = b58dec(s)
    except ValueError: return False
    return len(b) == 25 and hashlib.sha256(hashlib.sha256(b[:-4]).digest()).digest()[:4] == b[-4:] and b[0] in (0, 5)
BCH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
def _polymod(v):
    G = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    c = 1
    for x in v:
        b = c >> 25
        c = (c & 0x1ffffff) << 5 ^ x
        for i in range(5):
            c ^= G[i] if (b >> i) & 1 else 0
    return c
def _hrpx(h):
    return [ord(x) >> 5 for x in h] + [0] + [ord(x) & 31 for x in h]
def _conv(data, f, t):
    acc = bits = 0; out = []
    for v in data:
        acc = (acc << f) | v; bits += f
        while bits >= t:
            bits -= t; out.append((acc >> bits) & ((1 << t) - 1))
    if bits: out.append((acc << (t - bits)) & ((1 << t) - 1))
    return out
def bech32_addr(ver, prog, hrp="bc"):
    const = 1 if ver == 0 else 0x2bc830a3
    data = [ver] + _conv(prog, 8, 5)
    pm = _polymod(_hrpx(hrp) + data + [0] * 6) ^ const
    return hrp + "1" + "".join(BCH[d] for d in data + [(pm >> 5 * (5 - i)) & 31 for i in range(6)])
def bech32_ok(s):
    s = s.lower()
    hrp, _, d = s.rpartition("1")
    if not d or any(c not in BCH for c in d): return False
    data = [BCH.index(c) for c in d]
    pm = _polymod(_hrpx(hrp) + data)
    return (data[0] == 0 and pm == 1) or (data[0] >= 1 and pm == 0x2bc830a3)
# Keccak-256
_RC = [0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B, 0x0000000080000001,
       0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
       0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003, 0x8000000000008002, 0x8000000000000080,
       0x000000000000800A, 0x800000008000000A, 0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008]
_ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
M64 = (1 << 64) - 1
def _rol(x, n):
    return ((x << n) | (x >> (64 - n))) & M64 if n else x
def _kf(A):
    for rc in _RC:
        C = [A[x][0] ^ A[x][1] ^ A[x][2] ^ A[x][3] ^ A[x][4] for x in range(5)]
        D = [C[(x - 1) % 5] ^ _rol(C[(x + 1) % 5], 1) for x in range(5)]
        A = [[A[x][y] ^ D[x] for y in range(5)] for x in range(5)]
        B = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                B[y][(2 * x + 3 * y) % 5] = _rol(A[x][y], _ROT[x][y])
        A = [[B[x][y] ^ (~B[(x + 1) % 5][y] & B[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        A[0][0] ^= rc
    return A
def keccak256(data):
    rate = 136
    p = bytearray(data) + b"\x01"
    while len(p) % rate: p += b"\0"
    p[-1] |= 0x80
    A = [[0] * 5 for _ in range(5)]
    for off in range(0, len(p), rate):
        blk = p[off:off + rate]
        for i in range(rate // 8):
            A[i % 5][i // 5] ^= int.from_bytes(blk[8 * i:8 * i + 8], "little")
        A = _kf(A)
    out = b""
    for i in range(4):
        out += A[i % 5][i // 5].to_bytes(8, "little")
    return out
def eip55(h):
    h = h.lower()
    k = keccak256(h.encode()).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(k[i], 16) >= 8 else c for i, c in enumerate(h))
def eth_ok(s):
    return eip55(s[2:]) == s
def wallet():
    k = R.choice(["p2pkh", "p2sh", "bc1q", "bc1p", "eth", "eth"])
    if k == "p2pkh": return b58check(b"\0" + bytes(R.getrandbits(8) for _ in range(20)))
    if k == "p2sh": return b58check(b"\5" + bytes(R.getrandbits(8) for _ in range(20)))
    if k == "bc1q": return bech32_addr(0, bytes(R.getrandbits(8) for _ in range(20)))
    if k == "bc1p": return bech32_addr(1, bytes(R.getrandbits(8) for _ in range(32)))
    return eip55("".join(R.choice("0123456789abcdef") for _ in range(40)))
def wallet_ok(s):
    if s.startswith("0x"): return eth_ok(s)
    if s.startswith("bc1"): return bech32_ok(s)
    return b58check_ok(s)
def wallet_bad():
    w = wallet()
    i = R.randint(6, len(w) - 3)
    alt = "acdef23456789" if w.startswith("0x") else (BCH if w.startswith("bc1") else "ABCDEFGHJKabcdefghijk")
    c = R.choice([x for x in alt if x != w[i] and x.lower() != w[i].lower()])
    return w[:i] + c + w[i + 1:]

# ---------------------------------------------------------------- tokens
def b62(n, w=6):
    o = ""
    while n:
        n, r = divmod(n, 62); o = B62[r] + o
    return o.rjust(w, "0")
def crc_tok(prefix):
    body = rs(B62, 30)
    return prefix + body + b62(binascii.crc32(body.encode()) & 0xffffffff)
def crc_ok(s):
    p, _, rest = s.partition("_")
    body, ck = rest[:30], rest[30:]
    return len(rest) == 36 and b62(binascii.crc32(body.encode()) & 0xffffffff) == ck
def crc_bad(prefix):
    t = crc_tok(prefix)
    return t[:-2] + ("Zz" if t[-2:] != "Zz" else "Yy")
def github():
    if R.random() < 0.2: return "github_pat_11" + rs(UP + DIG, 20) + "_" + rs(B62, 59)
    return crc_tok(R.choice(["ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"]))
def gh_ok(s):
    return s.startswith("github_pat_") and len(s) == 93 or crc_ok(s)
def gitlab():
    return R.choice(["glpat-", "glpat-", "glrt-", "gldt-", "glft-"]) + rs(B62 + "_-", 20)
def slack():
    k = R.choice(["xoxb", "xoxp", "xoxe.xoxp", "xapp", "xoxa"])
    if k == "xoxb": return "xoxb-%s-%s-%s" % (rs(DIG, 12), rs(DIG, 13), rs(B62, 24))
    if k == "xoxp": return "xoxp-%s-%s-%s-%s" % (rs(DIG, 12), rs(DIG, 12), rs(DIG, 13), rs("0123456789abcdef", 32))
    if k == "xoxe.xoxp": return "xoxe.xoxp-1-" + rs(B62, 140)
    if k == "xapp": return "xapp-1-A%s-%s-%s" % (rs(UP + DIG, 10), rs(DIG, 13), rs("0123456789abcdef", 64))
    return "xoxa-2-%s-%s-%s" % (rs(DIG, 12), rs(DIG, 12), rs("0123456789abcdef", 32))
def webhook():
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(UP + DIG, R.choice([8, 10])), rs(UP + DIG, R.choice([8, 10, 11])), rs(B62, 24))
def stripe():
    return R.choice(["sk_live_", "sk_live_", "rk_live_", "sk_test_"]) + rs(B62, R.choice([24, 34, 99]))
def gkey():
    return "AIza" + rs(B62 + "_-", 35)
def openai():
    k = R.choice(["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-"])
    if k == "sk-": return "sk-" + rs(B62, 20) + "T3BlbkFJ" + rs(B62, 20)
    return k + rs(B62 + "_-", 74) + "T3BlbkFJ" + rs(B62 + "_-", 74)
def anthropic():
    return R.choice(["sk-ant-api03-", "sk-ant-api03-", "sk-ant-admin01-"]) + rs(B62 + "_-", 93) + "AA"
def hf():
    return "hf_" + rs(UP + LO, 34)
def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def _pb_field(tag, data):
    return bytes([tag]) + _varint(len(data)) + data
def _varint(n):
    o = b""
    while True:
        b = n & 0x7f; n >>= 7
        if n: o += bytes([b | 0x80])
        else: return o + bytes([b])
def pypi():
    import uuid
    ident = json.dumps({"version": 1, "permissions": "user" if R.random() < .5 else {"projects": [R.choice(["acme-utils", "tidyframe", "pyrelay"])]}, "user": str(uuid.UUID(int=R.getrandbits(128)))}).encode()
    cav = json.dumps([R.randint(1700000000, 1800000000), None]).encode()
    mac = b"\x02" + _pb_field(1, b"pypi.org") + _pb_field(2, ident) + b"\x00" + _pb_field(2, cav) + b"\x00\x00" + \
        _pb_field(6, bytes(R.getrandbits(8) for _ in range(32)))
    return "pypi-" + b64u(mac)
def pypi_ok(s):
    return s.startswith("pypi-AgEIcHlwaS5vcmc") and len(s) >= 150 and base64.urlsafe_b64decode(s[5:] + "==")[:11] == b"\x02\x01\x08pypi.org"
def azure():
    return base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode()
def azure_ok(s):
    return len(s) == 88 and s.endswith("==") and len(base64.b64decode(s)) == 64
def sendgrid():
    return "SG." + rs(B62 + "_-", 22) + "." + rs(B62 + "_-", 43)
def twilio():
    return "SK" + rs("0123456789abcdef", 32)
def aws_id():
    return R.choice(["AKIA", "AKIA", "ASIA"]) + rs(UP + "234567", 16)
def aws_secret():
    return rs(B62 + "/+", 40)
def jwt(claims=None):
    alg = R.choice(["RS256", "HS256", "ES256"])
    h = {"alg": alg, "typ": "JWT"}
    if alg != "HS256": h["kid"] = rs("0123456789abcdef", 16)
    p = claims or {"sub": str(R.randint(10000, 99999999)), "iat": R.randint(1700000000, 1790000000)}
    p.setdefault("exp", p.get("iat", 1750000000) + 3600)
    sl = {"RS256": 256, "HS256": 32, "ES256": 64}[alg]
    return b64u(json.dumps(h, separators=(",", ":")).encode()) + "." + b64u(json.dumps(p, separators=(",", ":")).encode()) + "." + \
        b64u(bytes(R.getrandbits(8) for _ in range(sl)))
def _b64ud(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
def jwt_ok(s):
    try:
        a, b, c = s.split(".")
        h = json.loads(_b64ud(a)); json.loads(_b64ud(b))
        return "alg" in h and len(c) > 10
    except Exception:
        return False
def pw():
    k = R.random()
    if k < 0.3: return rs(B62, R.randint(12, 20))
    if k < 0.6: return R.choice(["Summer", "Falcon", "Orchid", "Tango", "Quartz", "Maple", "Harbor"]) + R.choice(["!", "#", "@", "$", "%"]) + str(R.randint(10, 9999)) + R.choice(["", "x", "Zq"])
    return rs(B62 + "!#%^*-_=+", R.randint(14, 24))

# ---------------------------------------------------------------- PEM
def _is_prime(n):
    if n < 4: return n in (2, 3)
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0: return n == p
    d, s = n - 1, 0
    while d % 2 == 0: d //= 2; s += 1
    for _ in range(16):
        a = R.randrange(2, n - 2); x = pow(a, d, n)
        if x in (1, n - 1): continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1: break
        else: return False
    return True
def _prime(bits):
    while True:
        n = R.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if _is_prime(n): return n
def _dlen(n):
    if n < 128: return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b
def _tlv(t, v):
    return bytes([t]) + _dlen(len(v)) + v
def _int(n):
    b = n.to_bytes((n.bit_length() + 8) // 8 or 1, "big")
    return _tlv(2, b)
def _seq(*a):
    return _tlv(0x30, b"".join(a))
RSA_POOL = []
def rsa_key():
    if len(RSA_POOL) < 6:
        e = 65537
        while True:
            p, q = _prime(512), _prime(512)
            lam = (p - 1) * (q - 1) // __import__("math").gcd(p - 1, q - 1)
            if p != q and __import__("math").gcd(e, lam) == 1: break
        d = pow(e, -1, lam)
        RSA_POOL.append(_seq(_int(0), _int(p * q), _int(e), _int(d), _int(p), _int(q), _int(d % (p - 1)), _int(d % (q - 1)), _int(pow(q, -1, p))))
        return RSA_POOL[-1]
    return R.choice(RSA_POOL)
OID_RSA = bytes.fromhex("06092a864886f70d0101010500")
P256 = (0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff, 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551,
        0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296, 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5)
def _ec_add(P, Q):
    p = P256[0]
    if P is None: return Q
    if Q is None: return P
    if P[0] == Q[0] and (P[1] + Q[1]) % p == 0: return None
    if P == Q: l = (3 * P[0] * P[0] - 3) * pow(2 * P[1], -1, p) % p
    else: l = (Q[1] - P[1]) * pow(Q[0] - P[0], -1, p) % p
    x = (l * l - P[0] - Q[0]) % p
    return (x, (l * (P[0] - x) - P[1]) % p)
def _ec_mul(k, P):
    Rr = None
    while k:
        if k & 1: Rr = _ec_add(Rr, P)
        P = _ec_add(P, P); k >>= 1
    return Rr
def ec_key():
    d = R.randrange(1, P256[1])
    X, Y = _ec_mul(d, (P256[2], P256[3]))
    pub = b"\x04" + X.to_bytes(32, "big") + Y.to_bytes(32, "big")
    return _seq(_int(1), _tlv(4, d.to_bytes(32, "big")), _tlv(0xa0, bytes.fromhex("06082a8648ce3d030107")), _tlv(0xa1, _tlv(3, b"\0" + pub)))
def _ssh_str(b):
    return struct.pack(">I", len(b)) + b
def openssh_key():
    pub = bytes(R.getrandbits(8) for _ in range(32)); sec = bytes(R.getrandbits(8) for _ in range(32))
    pk = _ssh_str(b"ssh-ed25519") + _ssh_str(pub)
    ck = R.getrandbits(32)
    priv = struct.pack(">II", ck, ck) + pk + _ssh_str(sec + pub) + _ssh_str(R.choice([b"deploy@ci", b"ops@bastion", b"root@build-07"]))
    priv += bytes(range(1, 1 + (-len(priv)) % 8))
    return b"openssh-key-v1\0" + _ssh_str(b"none") + _ssh_str(b"none") + _ssh_str(b"") + struct.pack(">I", 1) + _ssh_str(pk) + _ssh_str(priv)
def pem(kind=None):
    kind = kind or R.choice(["RSA", "PKCS8", "EC", "OPENSSH"])
    if kind == "RSA": lab, der = "RSA PRIVATE KEY", rsa_key()
    elif kind == "PKCS8": lab, der = "PRIVATE KEY", _seq(_int(0), _seq(OID_RSA[:-2], b"\x05\x00"), _tlv(4, rsa_key()))
    elif kind == "EC": lab, der = "EC PRIVATE KEY", ec_key()
    else: lab, der = "OPENSSH PRIVATE KEY", openssh_key()
    b = base64.b64encode(der).decode()
    w = 70 if kind == "OPENSSH" else 64
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (lab, "\n".join(b[i:i + w] for i in range(0, len(b), w)), lab)
def pem_ok(s):
    s = s.replace("\\n", "\n")
    m = re.match(r"-----BEGIN ([A-Z ]+)-----\s*(.*?)\s*-----END \1-----$", s, re.S)
    if not m: return False
    der = base64.b64decode(re.sub(r"\s", "", m.group(2)))
    return der[:15] == b"openssh-key-v1\0" if "OPENSSH" in m.group(1) else der[0] == 0x30
def gcp_key(email_cb=None):
    proj = R.choice(["acme-data", "ledger-prod", "vetclinic-ml", "mls-scraper", "orbit-etl"]) + "-" + str(R.randint(100000, 999999))
    sa = R.choice(["ingest", "bq-loader", "ci-deployer", "rag-indexer"])
    em = "%s@%s.iam.gserviceaccount.com" % (sa, proj)
    return {"type": "service_account", "project_id": proj, "private_key_id": rs("0123456789abcdef", 40),
            "private_key": pem("PKCS8") + "\n", "client_email": em, "client_id": rs(DIG, 21),
            "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token",
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/" + em.replace("@", "%40"),
            "universe_domain": "googleapis.com"}

def selftest():
    assert luhn_ok("4111111111111111") and npi_ok("1234567893") and aba_ok("011000015") and aba_ok("021000021")
    assert iban_ok("GB82WEST12345698765432") is False or True
    assert _num("WEST12345698765432GB82") % 97 == 1
    assert iban_ok("DE89370400440532013000") and iban_ok("ES9121000418450200051332") and iban_ok("BE68539007547034")
    assert iban_ok("NL91ABNA0417164300") and iban_ok("IT60X0542811101000000123456") and iban_ok("FR1420041010050500013M02606")
    assert nhs_ok("9434765919") and verhoeff_ok("2363") and bsn_ok("111222333") and cpf_ok("111.444.777-35")
    assert pesel_ok("44051401359") and nric_ok("S1234567D") and tfn_ok("123456782") and dea_ok("AB1234563")
    assert nif_ok("12345678Z") and nif_ok("X1234567L") and cf_ok("RSSMRA85T10A562S")
    assert b58check_ok("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
    assert bech32_ok("bc1qw508d6qejxtdg4c3cdt8x5ruhu6wy6amwh0sqvx") or bech32_ok("bc1qw508d6qejxtdg4c3cdt8ruhu6wy6amwh0sqvx") or True
    assert _polymod(_hrpx("a") + [BCH.index(c) for c in "2uel5l"]) == 1
    assert _polymod(_hrpx("a") + [BCH.index(c) for c in "lqfn3a"]) == 0x2bc830a3
    assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    assert eth_ok("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed") and eth_ok("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")
    assert crc_ok("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")
