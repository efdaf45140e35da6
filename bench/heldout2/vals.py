"""Value generators + checksum implementations for heldout2 (stdlib only)."""
import base64, hashlib, json, string, zlib

DIG = string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

# ---------------- checksums ----------------
def luhn_ok(ds):
    s = 0
    for i, c in enumerate(reversed(ds)):
        d = int(c)
        if i % 2:
            d *= 2
            if d > 9: d -= 9
        s += d
    return s % 10 == 0

def luhn_complete(p):
    for c in DIG:
        if luhn_ok(p + c): return p + c

def npi_ok(n): return len(n) == 10 and luhn_ok("80840" + n)

def iban_ok(s):
    s = s.replace(" ", "")
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1

def iban_make(cc, bban):
    r = bban + cc + "00"
    n = int("".join(str(int(c, 36)) for c in r))
    return f"{cc}{98 - n % 97:02d}{bban}"

def aba_ok(d):
    d = [int(c) for c in d]
    return (3*(d[0]+d[3]+d[6]) + 7*(d[1]+d[4]+d[7]) + (d[2]+d[5]+d[8])) % 10 == 0

def nhs_check(d9):
    s = sum(int(c) * (10 - i) for i, c in enumerate(d9))
    c = 11 - s % 11
    return 0 if c == 11 else (None if c == 10 else c)

def nhs_ok(n): return len(n) == 10 and nhs_check(n[:9]) == int(n[9])

def bsn_ok(n):
    return len(n) == 9 and (sum(int(n[i]) * (9 - i) for i in range(8)) - int(n[8])) % 11 == 0

def cpf_digits(d9):
    s = sum(int(d9[i]) * (10 - i) for i in range(9)); a = s * 10 % 11 % 10
    d10 = d9 + str(a)
    s = sum(int(d10[i]) * (11 - i) for i in range(10)); b = s * 10 % 11 % 10
    return d10 + str(b)

def pesel_check(d10):
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    return (10 - sum(int(d10[i]) * w[i] for i in range(10)) % 10) % 10

def nric_letter(pfx, d7):
    s = sum(int(d7[i]) * w for i, w in enumerate([2, 7, 6, 5, 4, 3, 2]))
    s += {"T": 4, "G": 4, "M": 3}.get(pfx, 0)
    tab = {"S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK", "G": "XWUTRQPNMLK", "M": "XWUTRQPNJLK"}[pfx]
    return tab[s % 11]

TFN_W = [1, 4, 3, 7, 5, 8, 6, 9, 10]
def tfn_ok(n): return len(n) == 9 and sum(int(n[i]) * TFN_W[i] for i in range(9)) % 11 == 0

def dea_check(d6):
    d = [int(c) for c in d6]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10

NIF_L = "TRWAGMYFPDXBNJZSQVHLCKE"
def nif_letter(num_str):
    m = {"X": "0", "Y": "1", "Z": "2"}
    if num_str[0] in m: num_str = m[num_str[0]] + num_str[1:]
    return NIF_L[int(num_str) % 23]

CF_ODD = {**dict(zip("0123456789", [1, 0, 5, 7, 9, 13, 15, 17, 19, 21])),
          **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]))}
def cf_even(c): return int(c) if c.isdigit() else ord(c) - 65
def cf_check(s):  # also used for the Italian CIN (with odd/even over ABI+CAB+account)
    t = sum(CF_ODD[c] if i % 2 == 0 else cf_even(c) for i, c in enumerate(s))
    return chr(65 + t % 26)

# Verhoeff
VD = [[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],
      [5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]
VP = [[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],[9,4,5,3,1,2,6,8,7,0],
      [4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]]
VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]
def verhoeff_ok(n):
    c = 0
    for i, ch in enumerate(reversed(n)): c = VD[c][VP[i % 8][int(ch)]]
    return c == 0
def verhoeff_gen(n):
    c = 0
    for i, ch in enumerate(reversed(n)): c = VD[c][VP[(i + 1) % 8][int(ch)]]
    return str(VINV[c])

def crc_b62(body):
    n = zlib.crc32(body.encode()) & 0xffffffff
    out = ""
    while n: n, r = divmod(n, 62); out = B62[r] + out
    return out.rjust(6, "0")

# base58check / bech32
def b58enc(b):
    n = int.from_bytes(b, "big"); out = ""
    while n: n, r = divmod(n, 58); out = B58[r] + out
    return "1" * (len(b) - len(b.lstrip(b"\0"))) + out
def b58check(payload):
    return b58enc(payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4])
def b58check_ok(s):
    n = 0
    for c in s: n = n * 58 + B58.index(c)
    b = n.to_bytes(25, "big")
    return hashlib.sha256(hashlib.sha256(b[:21]).digest()).digest()[:4] == b[21:]

BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
def _polymod(v):
    G = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]; chk = 1
    for x in v:
        b = chk >> 25; chk = (chk & 0x1ffffff) << 5 ^ x
        for i in range(5): chk ^= G[i] if (b >> i) & 1 else 0
    return chk
def _hrpx(h): return [ord(c) >> 5 for c in h] + [0] + [ord(c) & 31 for c in h]
def _conv(data, f, t):
    acc = bits = 0; out = []
    for v in data:
        acc = (acc << f) | v; bits += f
        while bits >= t: bits -= t; out.append((acc >> bits) & ((1 << t) - 1))
    if bits: out.append((acc << (t - bits)) & ((1 << t) - 1))
    return out
def segwit_addr(ver, prog, hrp="bc"):
    data = [ver] + _conv(prog, 8, 5)
    const = 1 if ver == 0 else 0x2bc830a3
    pm = _polymod(_hrpx(hrp) + data + [0] * 6) ^ const
    return hrp + "1" + "".join(BECH[d] for d in data + [(pm >> 5 * (5 - i)) & 31 for i in range(6)])
def segwit_ok(a):
    hrp, data = a.rsplit("1", 1); d = [BECH.index(c) for c in data]
    c = _polymod(_hrpx(hrp) + d)
    return c == (1 if d[0] == 0 else 0x2bc830a3)

# keccak-256 (original padding)
def _rol(x, n): return ((x << n) | (x >> (64 - n))) & 0xFFFFFFFFFFFFFFFF
def _keccak_f(L):
    R = 1
    for _ in range(24):
        C = [L[x][0] ^ L[x][1] ^ L[x][2] ^ L[x][3] ^ L[x][4] for x in range(5)]
        D = [C[(x + 4) % 5] ^ _rol(C[(x + 1) % 5], 1) for x in range(5)]
        L = [[L[x][y] ^ D[x] for y in range(5)] for x in range(5)]
        x, y = 1, 0; cur = L[x][y]
        for t in range(24):
            x, y = y, (2 * x + 3 * y) % 5
            cur, L[x][y] = L[x][y], _rol(cur, ((t + 1) * (t + 2) // 2) % 64)
        for y in range(5):
            T = [L[x][y] for x in range(5)]
            for x in range(5): L[x][y] = T[x] ^ ((~T[(x + 1) % 5]) & T[(x + 2) % 5])
        for j in range(7):
            R = ((R << 1) ^ ((R >> 7) * 0x71)) % 256
            if R & 2: L[0][0] ^= 1 << ((1 << j) - 1)
    return L
def keccak256(data):
    rate = 136; m = bytearray(data); m.append(1)
    while len(m) % rate: m.append(0)
    m[-1] |= 0x80
    L = [[0] * 5 for _ in range(5)]
    for off in range(0, len(m), rate):
        for i in range(rate // 8):
            L[i % 5][i // 5] ^= int.from_bytes(m[off + 8 * i: off + 8 * i + 8], "little")
        L = _keccak_f(L)
    return b"".join(L[i % 5][i // 5].to_bytes(8, "little") for i in range(4))
def eip55(hex40):
    h = keccak256(hex40.lower().encode()).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(h[i], 16) >= 8 else c for i, c in enumerate(hex40.lower()))

# ---------------- DER / keys ----------------
def der_len(n):
    if n < 128: return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big"); return bytes([0x80 | len(b)]) + b
def der(tag, body): return bytes([tag]) + der_len(len(body)) + body
def der_int(i):
    b = i.to_bytes(max(1, (i.bit_length() + 8) // 8), "big"); return der(2, b)
def seq(*xs): return der(0x30, b"".join(xs))
OID_RSA = bytes.fromhex("06092a864886f70d010101"); NULL = b"\x05\x00"
OID_ECPUB = bytes.fromhex("06072a8648ce3d0201"); OID_P256 = bytes.fromhex("06082a8648ce3d030107")

def is_prime(n, rng):
    if n < 4: return n in (2, 3)
    for p in (3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0: return n == p
    d, s = n - 1, 0
    while d % 2 == 0: d //= 2; s += 1
    for _ in range(12):
        a = rng.randrange(2, n - 2); x = pow(a, d, n)
        if x in (1, n - 1): continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1: break
        else: return False
    return True
def gen_prime(bits, rng):
    while True:
        c = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        if is_prime(c, rng): return c
def rsa_key(bits, rng):
    e = 65537
    while True:
        p, q = gen_prime(bits // 2, rng), gen_prime(bits // 2, rng)
        lam = (p - 1) * (q - 1) // __import__("math").gcd(p - 1, q - 1)
        if p != q and __import__("math").gcd(e, lam) == 1: break
    n = p * q; d = pow(e, -1, lam)
    pk1 = seq(der_int(0), der_int(n), der_int(e), der_int(d), der_int(p), der_int(q), der_int(d % (p - 1)), der_int(d % (q - 1)), der_int(pow(q, -1, p)))
    pub = seq(seq(OID_RSA, NULL), der(3, b"\0" + seq(der_int(n), der_int(e))))
    pk8 = seq(der_int(0), seq(OID_RSA, NULL), der(4, pk1))
    return pk1, pk8, pub

P = 2**256 - 2**224 + 2**192 + 2**96 - 1
A = P - 3; N_ = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551
GX = 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296
GY = 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5
def _ecadd(p1, p2):
    if p1 is None: return p2
    if p2 is None: return p1
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2 and (y1 + y2) % P == 0: return None
    l = (3 * x1 * x1 + A) * pow(2 * y1, -1, P) if p1 == p2 else (y2 - y1) * pow(x2 - x1, -1, P)
    l %= P; x3 = (l * l - x1 - x2) % P
    return x3, (l * (x1 - x3) - y1) % P
def ec_key(rng):
    d = rng.randrange(1, N_); R = None; Q = (GX, GY); k = d
    while k:
        if k & 1: R = _ecadd(R, Q)
        Q = _ecadd(Q, Q); k >>= 1
    pub = b"\x04" + R[0].to_bytes(32, "big") + R[1].to_bytes(32, "big")
    sec1 = seq(der_int(1), der(4, d.to_bytes(32, "big")), der(0xa0, OID_P256), der(0xa1, der(3, b"\0" + pub)))
    spki = seq(seq(OID_ECPUB, OID_P256), der(3, b"\0" + pub))
    return sec1, spki

def pem(label, body, width=64):
    b = base64.b64encode(body).decode()
    return f"-----BEGIN {label}-----\n" + "\n".join(b[i:i + width] for i in range(0, len(b), width)) + f"\n-----END {label}-----"

def b64u(b): return base64.urlsafe_b64encode(b).decode().rstrip("=")
