#!/usr/bin/env python3
"""heldout5 generator: independent labeled evaluation set for weir (Python 3.11 standard library only).

  python3 bench/heldout5/gen.py --seed 5 --out bench/heldout5/heldout5.jsonl [--stats]

Every value is produced by a generator below that implements the public checksum definition; reference
vectors are asserted in selftest() at startup.  Offsets are UTF-8 byte offsets recorded while each text is
built (Doc.add) and re-verified before writing.
"""
import argparse
import base64
import binascii
import collections
import hashlib
import json
import random
import struct
import sys
import zlib

R = random.Random(0)  # re-seeded in build()

DIG = "0123456789"
UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LO = UP.lower()
B62 = DIG + UP + LO
URLSAFE = B62 + "-_"


def rs(alpha, n):
    return "".join(R.choice(alpha) for _ in range(n))


def rd(n, first=None):
    s = rs(DIG, n)
    if first is not None:
        s = R.choice(first) + s[1:]
    return s


# ============================================================ checksums
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


def luhn_complete(partial):
    for c in DIG:
        if luhn_ok(partial + c):
            return partial + c
    raise AssertionError


def luhn_break(full):
    last = full[-1]
    c = str((int(last) + R.randint(1, 9)) % 10)
    return full[:-1] + c


def iban_mod97(s):
    s = s.replace(" ", "").replace("\n", "")
    r = s[4:] + s[:4]
    n = "".join(str(int(c, 36)) for c in r)
    return int(n) % 97


def iban_make(cc, bban):
    n = "".join(str(int(c, 36)) for c in bban + cc + "00")
    ck = 98 - int(n) % 97
    return f"{cc}{ck:02d}{bban}"


def aba_ok(s):
    d = [int(c) for c in s]
    return len(d) == 9 and (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0


def nhs_check(d9):
    s = sum(int(c) * (10 - i) for i, c in enumerate(d9))
    c = 11 - s % 11
    if c == 11:
        c = 0
    return None if c == 10 else c


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


def verhoeff_digit(s):
    c = 0
    for i, ch in enumerate(reversed(s)):
        c = VD[c][VP[(i + 1) % 8][int(ch)]]
    return str(VINV[c])


def bsn_ok(s):
    d = [int(c) for c in s]
    return len(d) == 9 and (sum(d[i] * (9 - i) for i in range(8)) - d[8]) % 11 == 0


def cpf_digits(n9):
    d = [int(c) for c in n9]
    a = sum(d[i] * (10 - i) for i in range(9)) * 10 % 11 % 10
    d.append(a)
    b = sum(d[i] * (11 - i) for i in range(10)) * 10 % 11 % 10
    return f"{a}{b}"


def pesel_check(d10):
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    s = sum(int(c) * w[i] for i, c in enumerate(d10))
    return str((10 - s % 10) % 10)


def nric_letter(prefix, d7):
    w = [2, 7, 6, 5, 4, 3, 2]
    s = sum(int(c) * w[i] for i, c in enumerate(d7))
    if prefix in "TG":
        s += 4
    elif prefix == "M":
        s += 3
    tab = {"S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK", "G": "XWUTRQPNMLK", "M": "XWUTRQPNJLK"}[prefix]
    return tab[s % 11]


def tfn_ok(s):
    w = [1, 4, 3, 7, 5, 8, 6, 9, 10]
    return len(s) == 9 and sum(int(c) * w[i] for i, c in enumerate(s)) % 11 == 0


def dea_check(d6):
    d = [int(c) for c in d6]
    return str(((d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5])) % 10)


NIFL = "TRWAGMYFPDXBNJZSQVHLCKE"


def nif_letter(num):
    return NIFL[int(num) % 23]


CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                   12, 14, 16, 10, 22, 25, 24, 23]))


def cf_even(c):
    return int(c) if c.isdigit() else ord(c) - 65


def cf_check(s15):
    tot = 0
    for i, c in enumerate(s15):
        tot += CF_ODD[c] if i % 2 == 0 else cf_even(c)
    return chr(65 + tot % 26)


def npi_ok(s):
    return len(s) == 10 and luhn_ok("80840" + s)


# ---- base58 / bech32 / keccak
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
    ck = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return b58enc(payload + ck)


def b58check_ok(s):
    n = 0
    for c in s:
        n = n * 58 + B58.index(c)
    raw = n.to_bytes(25, "big")
    return hashlib.sha256(hashlib.sha256(raw[:21]).digest()).digest()[:4] == raw[21:]


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


def bech32_encode(hrp, witver, prog):
    data = [witver] + convertbits(prog, 8, 5)
    const = 1 if witver == 0 else 0x2bc830a3
    pm = bech32_polymod(hrp_expand(hrp) + data + [0] * 6) ^ const
    ck = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH[d] for d in data + ck)


def bech32_ok(s):
    hrp, _, dp = s.rpartition("1")
    data = [BECH.index(c) for c in dp]
    const = 1 if data[0] == 0 else 0x2bc830a3
    return bech32_polymod(hrp_expand(hrp) + data) == const


KRC = [0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
       0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
       0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
       0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
       0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008]
KROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
M64 = (1 << 64) - 1


def _rol(x, n):
    return ((x << n) | (x >> (64 - n))) & M64 if n else x


def keccak256(msg):
    rate = 136
    p = bytearray(msg) + b"\x01"
    while len(p) % rate:
        p += b"\0"
    p[-1] |= 0x80
    A = [[0] * 5 for _ in range(5)]
    for off in range(0, len(p), rate):
        blk = p[off:off + rate]
        for i in range(rate // 8):
            A[i % 5][i // 5] ^= int.from_bytes(blk[8 * i:8 * i + 8], "little")
        for rnd in range(24):
            C = [A[x][0] ^ A[x][1] ^ A[x][2] ^ A[x][3] ^ A[x][4] for x in range(5)]
            D = [C[(x - 1) % 5] ^ _rol(C[(x + 1) % 5], 1) for x in range(5)]
            A = [[A[x][y] ^ D[x] for y in range(5)] for x in range(5)]
            B = [[0] * 5 for _ in range(5)]
            for x in range(5):
                for y in range(5):
                    B[y][(2 * x + 3 * y) % 5] = _rol(A[x][y], KROT[x][y])
            A = [[B[x][y] ^ ((~B[(x + 1) % 5][y]) & B[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
            A[0][0] ^= KRC[rnd]
    out = b""
    for i in range(4):
        out += A[i % 5][i // 5].to_bytes(8, "little")
    return out


def eip55(hex40):
    h = keccak256(hex40.lower().encode()).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(h[i], 16) >= 8 else c for i, c in enumerate(hex40.lower()))


def crc_b62(body):
    n = zlib.crc32(body.encode()) & 0xffffffff
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(6, "0")


def crc24(data):
    crc = 0xB704CE
    for b in data:
        crc ^= b << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


# ============================================================ ASN.1 / keys
def der_len(n):
    if n < 128:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def der_int(v):
    b = v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big")
    return der(0x02, b)


def is_prime(n):
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
        c = R.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if is_prime(c):
            return c


def rsa_key(bits=1024):
    e = 65537
    while True:
        p, q = rand_prime(bits // 2), rand_prime(bits // 2)
        lam = (p - 1) * (q - 1) // __import__("math").gcd(p - 1, q - 1)
        if p != q and __import__("math").gcd(e, lam) == 1:
            break
    n = p * q
    d = pow(e, -1, lam)
    return dict(n=n, e=e, d=d, p=p, q=q)


def rsa_pkcs1(k):
    return der(0x30, b"".join(der_int(x) for x in (0, k["n"], k["e"], k["d"], k["p"], k["q"], k["d"] % (k["p"] - 1),
                                                     k["d"] % (k["q"] - 1), pow(k["q"], -1, k["p"]))))


RSA_OID = der(0x30, der(0x06, bytes.fromhex("2a864886f70d010101")) + b"\x05\x00")


def rsa_pkcs8(k):
    return der(0x30, der_int(0) + RSA_OID + der(0x04, rsa_pkcs1(k)))


def rsa_spki(k):
    return der(0x30, RSA_OID + der(0x03, b"\0" + der(0x30, der_int(k["n"]) + der_int(k["e"]))))


P256 = dict(p=0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff,
            a=-3, b=0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b,
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
        l_ = (3 * P[0] * P[0] + P256["a"]) * pow(2 * P[1], -1, p) % p
    else:
        l_ = (Q[1] - P[1]) * pow(Q[0] - P[0], -1, p) % p
    x = (l_ * l_ - P[0] - Q[0]) % p
    return x, (l_ * (P[0] - x) - P[1]) % p


def ec_mul(k, P):
    out = None
    while k:
        if k & 1:
            out = ec_add(out, P)
        P = ec_add(P, P)
        k >>= 1
    return out


def ec_key_der():
    d = R.randrange(1, P256["n"])
    X, Y = ec_mul(d, P256["G"])
    p = P256["p"]
    assert (Y * Y - (X ** 3 - 3 * X + P256["b"])) % p == 0
    pub = b"\x04" + X.to_bytes(32, "big") + Y.to_bytes(32, "big")
    return der(0x30, der_int(1) + der(0x04, d.to_bytes(32, "big")) +
               der(0xa0, der(0x06, bytes.fromhex("2a8648ce3d030107"))) + der(0xa1, der(0x03, b"\0" + pub)))


def ssh_str(b):
    return struct.pack(">I", len(b)) + b


def openssh_ed25519(comment):
    pub = bytes(R.getrandbits(8) for _ in range(32))
    priv = bytes(R.getrandbits(8) for _ in range(32)) + pub
    pubblob = ssh_str(b"ssh-ed25519") + ssh_str(pub)
    ck = R.getrandbits(32)
    sec = struct.pack(">II", ck, ck) + ssh_str(b"ssh-ed25519") + ssh_str(pub) + ssh_str(priv) + ssh_str(comment.encode())
    i = 1
    while len(sec) % 8:
        sec += bytes([i])
        i += 1
    blob = b"openssh-key-v1\0" + ssh_str(b"none") + ssh_str(b"none") + ssh_str(b"") + struct.pack(">I", 1) + \
        ssh_str(pubblob) + ssh_str(sec)
    return blob, pub


def pem(label, blob, width=64, headers=None):
    b = base64.b64encode(blob).decode()
    lines = [f"-----BEGIN {label}-----"]
    if headers:
        lines += headers + [""]
    lines += [b[i:i + width] for i in range(0, len(b), width)]
    lines.append(f"-----END {label}-----")
    return "\n".join(lines)


RSA_POOL = []


def rsa_from_pool():
    return R.choice(RSA_POOL)


def private_key_pem(kind=None):
    kind = kind or R.choice(["rsa1", "rsa8", "ec", "openssh", "openssh", "rsa8", "enc8", "pgp"])
    if kind == "rsa1":
        return pem("RSA PRIVATE KEY", rsa_pkcs1(rsa_from_pool()))
    if kind == "rsa8":
        return pem("PRIVATE KEY", rsa_pkcs8(rsa_from_pool()))
    if kind == "ec":
        return pem("EC PRIVATE KEY", ec_key_der())
    if kind == "openssh":
        blob, _ = openssh_ed25519(R.choice(["deploy@ci-runner", "ana@laptop", "svc-backup@vault01", ""]))
        return pem("OPENSSH PRIVATE KEY", blob, width=70)
    if kind == "enc8":
        # EncryptedPrivateKeyInfo: SEQUENCE { AlgorithmIdentifier(PBES2 ...), OCTET STRING }
        alg = der(0x30, der(0x06, bytes.fromhex("2a864886f70d01050d")) + der(0x30, der(0x30, der(0x06, bytes.fromhex(
            "2a864886f70d01050c")) + der(0x30, der(0x04, bytes(R.getrandbits(8) for _ in range(8))) + der_int(2048))) +
            der(0x30, der(0x06, bytes.fromhex("608648016503040102")) + der(0x04, bytes(R.getrandbits(8) for _ in range(16))))))
        return pem("ENCRYPTED PRIVATE KEY", der(0x30, alg + der(0x04, bytes(R.getrandbits(8) for _ in range(640)))))
    if kind == "pgp":
        body = bytes([0x95]) + struct.pack(">H", 470) + bytes(R.getrandbits(8) for _ in range(470))
        b = base64.b64encode(body).decode()
        crc = base64.b64encode(crc24(body).to_bytes(3, "big")).decode()
        return "\n".join(["-----BEGIN PGP PRIVATE KEY BLOCK-----", "", *[b[i:i + 64] for i in range(0, len(b), 64)],
                          "=" + crc, "-----END PGP PRIVATE KEY BLOCK-----"])
    raise ValueError(kind)


def public_key_pem():
    k = R.random()
    if k < 0.4:
        return pem("PUBLIC KEY", rsa_spki(rsa_from_pool()))
    if k < 0.7:
        return pem("CERTIFICATE", der(0x30, der(0x30, der(0xa0, der_int(2)) + der_int(R.getrandbits(64)) +
                                                 bytes(R.getrandbits(8) for _ in range(500)))))
    return pem("CERTIFICATE REQUEST", der(0x30, bytes(R.getrandbits(8) for _ in range(400))))


def ssh_pub_line():
    _, pub = openssh_ed25519("x")
    blob = ssh_str(b"ssh-ed25519") + ssh_str(pub)
    return f"ssh-ed25519 {base64.b64encode(blob).decode()} {R.choice(['deploy', 'marta', 'ci'])}@{R.choice(['build-07', 'mbp', 'bastion'])}"


def selftest():
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert luhn_ok("808401234567893") and npi_ok("1234567893")
    for v in ["GB82WEST12345698765432", "DE89370400440532013000", "FR1420041010050500013M02606",
              "ES9121000418450200051332", "IT60X0542811101000000123456", "BE68539007547034", "NL91ABNA0417164300",
              "PT50000201231234567890154", "NO9386011117947", "CH9300762011623852957", "AT611904300234573201",
              "PL61109010140000071219812874", "IE29AIBK93115212345678", "SE4550000000058398257466"]:
        assert iban_mod97(v) == 1, v
    assert aba_ok("011000015") and aba_ok("021000021")
    assert nhs_check("943476591") == 9
    assert verhoeff_ok("2363") and verhoeff_digit("236") == "3"
    assert bsn_ok("111222333")
    assert cpf_digits("111444777") == "35"
    assert pesel_check("4405140135") == "9"
    assert nric_letter("S", "1234567") == "D"
    assert tfn_ok("123456782")
    assert dea_check("123456") == "3"
    assert nif_letter("12345678") == "Z"
    assert cf_check("RSSMRA85T10A562") == "S"
    assert b58check_ok("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
    assert bech32_ok("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")
    assert bech32_encode("bc", 0, bytes.fromhex("751e76e8199196d454941c45d1b3a323f1433bd6")) == \
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
    assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    assert eip55("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed") == "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    assert eip55("fb6916095ca1df60bb79ce92ce3ea74c37c5d359") == "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
    assert crc_b62("bo1ZJ4bTDVjczzeYc6nscjb1FLaTxp") == "4cVaNb"
    assert ((0x7C << 16) | 0) >= 0 and crc24(b"") == 0xB704CE
    assert base64.b64decode("AgEIcHlwaS5vcmc=") == b"\x02\x01\x08pypi.org"


# ============================================================ value generators: PII
FIRST = ["Maria", "James", "Aisha", "Lukas", "Sofía", "João", "Chloé", "Marco", "Femke", "Kasia", "Erik", "Elif",
         "Yuki", "Wei", "Min-jun", "Priya", "Omar", "Grace", "Tomás", "Ingrid", "Dmitri", "Nia", "Hannah", "Rahul",
         "Lucía", "Matteo", "Bram", "Zofia", "Astrid", "Mehmet", "Haruto", "Li Na", "Ji-woo", "Arjun", "Layla", "Noah"]
LAST = ["Okonkwo", "Fischer", "García", "Silva", "Dubois", "Rossi", "de Vries", "Kowalski", "Lindqvist", "Yılmaz",
        "Tanaka", "Zhang", "Park", "Sharma", "Haddad", "Thompson", "Moreau", "Bianchi", "Jansen", "Nowak", "Berg",
        "Demir", "Sato", "Chen", "Kim", "Patel", "Mansour", "Walsh", "Ferreira", "Schulz", "Esposito", "Visser"]
DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "web.de", "orange.fr", "libero.it", "ziggo.nl", "wp.pl",
           "telia.se", "hotmail.com.tr", "naver.com", "qq.com", "yahoo.co.jp", "rediffmail.com", "uol.com.br",
           "proton.me", "icloud.com", "northwind-logistics.com", "acme-health.org", "kestrel.io", "bankhaus-mohr.de",
           "univ-lyon2.fr", "polimi.it", "tudelft.nl", "correo.ugr.es", "mail.utoronto.ca", "müller-bau.de",
           "stadtwerke-kiel.de", "fjord-energi.no", "sunrise-dental.com.au"]


def person():
    return R.choice(FIRST), R.choice(LAST)


def ascii_fold(s):
    tbl = str.maketrans("áéíóúñçãõâêôüöäßıİğşÁÉÍÓÚÇ", "aeiouncaoaeouoasiigsAEIOUC")
    return s.translate(tbl).replace(" ", "").replace("-", "").replace("'", "")


def email(fn=None, ln=None, domain=None):
    fn = fn or R.choice(FIRST)
    ln = ln or R.choice(LAST)
    f, l_ = ascii_fold(fn).lower(), ascii_fold(ln).lower()
    local = R.choice([f"{f}.{l_}", f"{f[0]}{l_}", f"{f}_{l_}{R.randint(1, 99)}", f"{l_}.{f[0]}", f"{f}{R.randint(70, 2005)}",
                      f"{f}+{R.choice(['orders', 'hr', 'news'])}@", f"{f}-{l_}"]).rstrip("@")
    return f"{local}@{domain or R.choice(DOMAINS)}"


def phone(cc=None):
    cc = cc or R.choice(["US", "US", "UK", "DE", "FR", "ES", "IN", "CN", "BR", "AU", "JP", "SG", "NL"])
    a = lambda n: rd(n)
    if cc == "US":
        ar = str(R.choice(US_AREA))
        while True:
            ex = R.choice("2346789") + a(2)
            if ex[1:] != "11" and ex != "555":
                break
        ln = a(4)
        return R.choice([f"({ar}) {ex}-{ln}", f"{ar}-{ex}-{ln}", f"{ar}.{ex}.{ln}", f"+1 {ar} {ex} {ln}",
                         f"+1-{ar}-{ex}-{ln}", f"1 ({ar}) {ex}-{ln}", f"+1 ({ar}) {ex}-{ln}"])
    if cc == "UK":
        m = "7" + R.choice("45789") + a(2)
        return R.choice([f"0{m} {a(6)}", f"+44 {m} {a(6)}", f"+44 (0){m} {a(3)} {a(3)}", f"020 {R.choice('378')}{a(3)} {a(4)}",
                         f"+44 161 {a(3)} {a(4)}", f"0113 {a(3)} {a(4)}"])
    if cc == "DE":
        return R.choice([f"+49 30 {a(8)}", f"0151 {a(8)}", f"+49 (0)89 {a(7)}", f"+49 170 {a(7)}", f"040 / {a(4)} {a(3)}",
                         f"0211-{a(6)}", f"+49 1520 {a(7)}"])
    if cc == "FR":
        g = lambda: " ".join(a(2) for _ in range(4))
        return R.choice([f"06 {g()}", f"07 {g()}", f"+33 6 {g()}", f"+33 1 {g()}", f"01.{a(2)}.{a(2)}.{a(2)}.{a(2)}",
                         f"+33 (0)4 {g()}"])
    if cc == "ES":
        return R.choice([f"+34 6{a(2)} {a(3)} {a(3)}", f"6{a(2)} {a(2)} {a(2)} {a(2)}", f"91 {a(3)} {a(2)} {a(2)}",
                         f"+34 93 {a(3)} {a(2)} {a(2)}", f"+34 7{a(2)}{a(6)}"])
    if cc == "IN":
        m = R.choice("6789") + a(4)
        return R.choice([f"+91 {m} {a(5)}", f"+91-{m}{a(5)}", f"0{m} {a(5)}", f"{m}{a(5)}", f"+91 22 {a(4)} {a(4)}"])
    if cc == "CN":
        m = "1" + R.choice("3589") + a(1)
        return R.choice([f"+86 {m} {a(4)} {a(4)}", f"{m}-{a(4)}-{a(4)}", f"{m}{a(8)}", f"+86 10 {a(4)} {a(4)}",
                         f"(021) {a(4)}-{a(4)}"])
    if cc == "BR":
        ddd = R.choice(["11", "21", "31", "41", "51", "61", "71", "81"])
        return R.choice([f"+55 {ddd} 9{a(4)}-{a(4)}", f"({ddd}) 9{a(4)}-{a(4)}", f"+55 ({ddd}) 9 {a(4)}-{a(4)}",
                         f"({ddd}) 3{a(3)}-{a(4)}"])
    if cc == "AU":
        return R.choice([f"+61 4{a(2)} {a(3)} {a(3)}", f"04{a(2)} {a(3)} {a(3)}", f"(02) {a(4)} {a(4)}",
                         f"+61 3 {a(4)} {a(4)}", f"04{a(8)}"])
    if cc == "JP":
        return R.choice([f"+81 90-{a(4)}-{a(4)}", f"080-{a(4)}-{a(4)}", f"03-{a(4)}-{a(4)}", f"+81 3 {a(4)} {a(4)}",
                         f"06-{a(4)}-{a(4)}", f"090{a(8)}"])
    if cc == "SG":
        return R.choice([f"+65 {R.choice('89')}{a(3)} {a(4)}", f"{R.choice('89')}{a(3)} {a(4)}", f"+65 6{a(3)} {a(4)}",
                         f"+65-{R.choice('89')}{a(7)}"])
    if cc == "NL":
        return R.choice([f"+31 6 {a(8)}", f"06-{a(8)}", f"020-{a(7)}", f"+31 (0)10 {a(3)} {a(4)}", f"06 {a(2)} {a(2)} {a(2)} {a(2)}",
                         f"+31 70 {a(3)} {a(2)} {a(2)}"])
    if cc == "IT":
        return R.choice([f"+39 3{a(2)} {a(3)} {a(4)}", f"3{a(2)} {a(7)}", f"+39 02 {a(4)} {a(4)}", f"06 {a(4)} {a(4)}"])
    if cc == "PL":
        return R.choice([f"+48 {R.choice('5678')}{a(2)} {a(3)} {a(3)}", f"{R.choice('5678')}{a(2)}-{a(3)}-{a(3)}",
                         f"+48 22 {a(3)} {a(2)} {a(2)}"])
    if cc == "SE":
        return R.choice([f"+46 70 {a(3)} {a(2)} {a(2)}", f"070-{a(3)} {a(2)} {a(2)}", f"08-{a(3)} {a(3)} {a(2)}"])
    if cc == "TR":
        return R.choice([f"+90 5{a(2)} {a(3)} {a(2)} {a(2)}", f"0(5{a(2)}) {a(3)} {a(2)} {a(2)}"])
    if cc == "KR":
        return R.choice([f"+82 10-{a(4)}-{a(4)}", f"010-{a(4)}-{a(4)}"])
    if cc == "AE":
        return R.choice([f"+971 50 {a(3)} {a(4)}", f"+971 4 {a(3)} {a(4)}"])
    raise ValueError(cc)


US_AREA = [201, 202, 206, 212, 213, 214, 215, 216, 224, 248, 267, 281, 301, 305, 310, 312, 313, 314, 317, 323, 330, 347,
           404, 408, 410, 412, 414, 415, 469, 480, 503, 510, 512, 513, 602, 612, 614, 617, 619, 626, 646, 650, 678, 702,
           704, 713, 714, 718, 720, 732, 773, 786, 813, 818, 832, 845, 857, 858, 901, 904, 916, 917, 919, 925, 949, 972, 978]
LABELED_PHONE_CC = {"US", "UK", "DE", "FR", "ES", "IN", "CN", "BR", "AU", "JP", "SG", "NL", "IT", "PL"}


def ssn(fmt=None):
    while True:
        ar = R.randint(1, 899)
        if ar != 666:
            break
    g, s = R.randint(1, 99), R.randint(1, 9999)
    fmt = fmt or R.choice(["-", "-", "-", " ", ""])
    return f"{ar:03d}{fmt}{g:02d}{fmt}{s:04d}"


def ssn_bad():
    ar = R.choice(["000", "666", f"9{rd(2)}"])
    g = R.choice(["00", rd(2, "1234")]) if ar[0] == "9" else rd(2, "123456789")
    if ar[0] == "9" and g in ITIN_GROUPS:
        g = "00"
    return f"{ar}-{g}-{rd(4, '123456789')}"


ITIN_GROUPS = {f"{x:02d}" for x in list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100))}


def itin(fmt="-"):
    return f"9{rd(2)}{fmt}{R.choice(sorted(ITIN_GROUPS))}{fmt}{rd(4, '123456789')}"


def card_digits(issuer=None):
    issuer = issuer or R.choice(["visa", "visa", "mc", "mc2", "amex", "disc", "jcb", "diners", "unionpay"])
    pre, ln = {"visa": ("4", 16), "mc": (R.choice(["51", "52", "53", "54", "55"]), 16),
               "mc2": (str(R.randint(2221, 2720)), 16), "amex": (R.choice(["34", "37"]), 15),
               "disc": (R.choice(["6011", "65", "644"]), 16), "jcb": (str(R.randint(3528, 3589)), 16),
               "diners": (R.choice(["36", "300", "305", "38"]), 14), "unionpay": ("62" + rd(2), R.choice([16, 19]))}[issuer]
    return luhn_complete(pre + rd(ln - len(pre) - 1)), issuer


def group_card(d, sep=" "):
    if len(d) == 15:
        return sep.join([d[:4], d[4:10], d[10:]])
    if len(d) == 14:
        return sep.join([d[:4], d[4:10], d[10:]])
    return sep.join(d[i:i + 4] for i in range(0, len(d), 4))


def card(issuer=None, fmt=None):
    d, _ = card_digits(issuer)
    fmt = fmt if fmt is not None else R.choice([" ", " ", "-", "", ""])
    return group_card(d, fmt) if fmt else d


def card_bad():
    d, _ = card_digits(R.choice(["visa", "mc", "disc"]))
    d = luhn_break(d)
    return group_card(d, R.choice([" ", "-", ""])) if R.random() < 0.6 else d


def masked_card():
    d, _ = card_digits()
    return R.choice([f"**** **** **** {d[-4:]}", f"XXXX-XXXX-XXXX-{d[-4:]}", f"{d[:6]}******{d[-4:]}", f"•••• {d[-4:]}"])


def fr_rib(bank, branch, acct):
    return 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97


def es_dc(ten):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    d = 11 - sum(int(c) * w[i] for i, c in enumerate(ten)) % 11
    return {11: 0, 10: 1}.get(d, d)


def iban(cc=None, grouped=None):
    cc = cc or R.choice(["DE", "GB", "FR", "ES", "IT", "NL", "BE", "CH", "AT", "PL", "IE", "PT", "SE", "NO"])
    if cc == "DE":
        bban = rd(8) + rd(10)
    elif cc == "GB":
        bban = R.choice(["NWBK", "BARC", "HBUK", "LOYD", "MIDL", "MONZ"]) + rd(6) + rd(8)
    elif cc == "FR":
        b, br, ac = rd(5), rd(5), rd(11)
        bban = b + br + ac + f"{fr_rib(b, br, ac):02d}"
    elif cc == "ES":
        b, br, ac = rd(4), rd(4), rd(10)
        bban = b + br + f"{es_dc('00' + b + br)}{es_dc(ac)}" + ac
    elif cc == "IT":
        rest = rd(5) + rd(5) + rd(12)
        bban = cf_check(rest)[0] + rest
        bban = it_cin(rest) + rest
    elif cc == "NL":
        while True:
            ac = rd(10)
            if sum(int(c) * (10 - i) for i, c in enumerate(ac)) % 11 == 0 and ac[0] != "0":
                break
        bban = R.choice(["ABNA", "INGB", "RABO", "TRIO", "SNSB", "KNAB"]) + ac
    elif cc == "BE":
        f10 = rd(10)
        c = int(f10) % 97 or 97
        bban = f10 + f"{c:02d}"
    elif cc == "CH":
        bban = rd(5) + rd(12)
    elif cc == "AT":
        bban = rd(16)
    elif cc == "PL":
        bban = rd(24)
    elif cc == "IE":
        bban = R.choice(["AIBK", "BOFI", "IPBS"]) + rd(6) + rd(8)
    elif cc == "PT":
        b19 = rd(19)
        bban = b19 + f"{98 - (int(b19) * 100) % 97:02d}"
    elif cc == "SE":
        bban = rd(20)
    elif cc == "NO":
        while True:
            ten = rd(10)
            w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
            c = 11 - sum(int(x) * w[i] for i, x in enumerate(ten)) % 11
            c = 0 if c == 11 else c
            if c != 10:
                break
        bban = ten + str(c)
    full = iban_make(cc, bban)
    assert iban_mod97(full) == 1
    if grouped is None:
        grouped = R.random() < 0.55
    return " ".join(full[i:i + 4] for i in range(0, len(full), 4)) if grouped else full


def it_cin(rest22):
    tot = 0
    for i, c in enumerate(rest22):
        tot += CF_ODD[c] if i % 2 == 0 else cf_even(c)
    return chr(65 + tot % 26)


def iban_bad():
    v = iban(grouped=False)
    while True:
        ck = f"{R.randint(2, 98):02d}"
        if ck != v[2:4]:
            break
    v = v[:2] + ck + v[4:]
    assert iban_mod97(v) != 1
    return " ".join(v[i:i + 4] for i in range(0, len(v), 4)) if R.random() < 0.5 else v


def routing():
    while True:
        p = R.choice([f"{x:02d}" for x in list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)) + [80]])
        v = p + rd(7)
        for c in DIG:
            if aba_ok(v[:8] + c):
                return v[:8] + c


def ipv4():
    while True:
        a = R.randint(1, 223)
        if a in (10, 127, 100, 169, 172, 192, 198, 203, 0):
            continue
        return f"{a}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"


def ipv4_private():
    return R.choice([f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}", f"192.168.{R.randint(0, 255)}.{R.randint(1, 254)}",
                     f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(1, 254)}", "127.0.0.1",
                     f"203.0.113.{R.randint(1, 254)}", f"198.51.100.{R.randint(1, 254)}"])


def ipv6():
    g = [f"{R.randint(0, 0xffff):x}" for _ in range(8)]
    g[0] = R.choice(["2a02", "2001", "2600", "2804", "2406", "2a01", "2c0f"])
    if g[0] == "2001":
        g[1] = R.choice(["4860", "67c", "1af8"])
    if R.random() < 0.5:
        return ":".join(g[:3]) + "::" + ":".join(g[6:])
    return ":".join(g)


def mac(fmt=None):
    o = [R.randint(0, 255) for _ in range(6)]
    o[0] &= 0xfc
    fmt = fmt or R.choice([":", ":", "-", "cisco", ":U"])
    h = [f"{x:02x}" for x in o]
    if fmt == "cisco":
        return f"{h[0]}{h[1]}.{h[2]}{h[3]}.{h[4]}{h[5]}"
    if fmt == ":U":
        return ":".join(h).upper()
    return fmt.join(h) if R.random() < 0.6 else fmt.join(h).upper()


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
    "tr": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"],
}


def rdate(y0=1940, y1=2006):
    y = R.randint(y0, y1)
    m = R.randint(1, 12)
    d = R.randint(1, 28 if m == 2 else 30)
    return y, m, d


def fmt_date(y, m, d, lang="en", style=None):
    if lang in ("ja", "zh"):
        return R.choice([f"{y}年{m}月{d}日", f"{y}/{m:02d}/{d:02d}", f"{y}-{m:02d}-{d:02d}"])
    if lang == "ko":
        return R.choice([f"{y}년 {m}월 {d}일", f"{y}.{m:02d}.{d:02d}", f"{y}-{m:02d}-{d:02d}"])
    style = style or R.choice(["iso", "num", "num", "spelled"])
    if style == "iso":
        return f"{y}-{m:02d}-{d:02d}"
    if lang == "en-US" and style == "num":
        return R.choice([f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y}", f"{m:02d}-{d:02d}-{y}"])
    if lang in ("en-US", "en") and style == "spelled":
        mn = MONTHS["en"][m - 1]
        return R.choice([f"{mn} {d}, {y}", f"{d} {mn} {y}", f"{mn[:3]} {d}, {y}", f"{d}-{mn[:3]}-{y}"])
    if style == "num":
        if lang in ("de", "pl", "tr", "nl"):
            return R.choice([f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y}"]) if lang != "nl" else f"{d:02d}-{m:02d}-{y}"
        return R.choice([f"{d:02d}/{m:02d}/{y}", f"{d:02d}.{m:02d}.{y}"])
    ml = MONTHS.get(lang[:2], MONTHS["en"])[m - 1]
    if lang[:2] in ("es", "pt"):
        return f"{d} de {ml} de {y}"
    if lang[:2] == "de":
        return f"{d}. {ml} {y}"
    return f"{d} {ml} {y}"


def dob(lang="en"):
    return fmt_date(*rdate(), lang=lang)


def passport():
    return rd(9, "123456789") if R.random() < 0.55 else R.choice("ACEFHJKLMNPRSTUVWXYZ") + rd(8)


NINO_BAD_PAIRS = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def nino(spaced=None):
    A1 = [c for c in UP if c not in "DFIQUV"]
    A2 = [c for c in A1 if c != "O"]
    while True:
        p = R.choice(A1) + R.choice(A2)
        if p not in NINO_BAD_PAIRS:
            break
    d = rd(6)
    s = R.choice("ABCD")
    if spaced is None:
        spaced = R.random() < 0.5
    return f"{p} {d[:2]} {d[2:4]} {d[4:]} {s}" if spaced else f"{p}{d}{s}"


def nhs(bad=False):
    while True:
        d9 = rd(9, "4679")
        c = nhs_check(d9)
        if c is None:
            continue
        if bad:
            c = (c + R.randint(1, 9)) % 10
        v = d9 + str(c)
        return R.choice([f"{v[:3]} {v[3:6]} {v[6:]}", f"{v[:3]} {v[3:6]} {v[6:]}", v, f"{v[:3]}-{v[3:6]}-{v[6:]}"])


def sin(bad=False, fmt=None):
    v = luhn_complete(rd(8, "1234567" + "9"))
    if bad:
        v = luhn_break(v)
    fmt = fmt if fmt is not None else R.choice([" ", "-", ""])
    return fmt.join([v[:3], v[3:6], v[6:]]) if fmt else v


def aadhaar(bad=False):
    b = rd(11, "23456789")
    v = b + verhoeff_digit(b)
    if bad:
        v = v[:-1] + str((int(v[-1]) + R.randint(1, 9)) % 10)
        assert not verhoeff_ok(v)
    else:
        assert verhoeff_ok(v)
    return R.choice([f"{v[:4]} {v[4:8]} {v[8:]}", f"{v[:4]} {v[4:8]} {v[8:]}", v, f"{v[:4]}-{v[4:8]}-{v[8:]}"])


def pan():
    return rs(UP, 3) + R.choice("PCHFATBLJG") + rs(UP, 1) + rd(4) + rs(UP, 1)


def nif(bad=False):
    if R.random() < 0.6:
        n = rd(8)
        v = n + nif_letter(n)
    else:
        p = R.choice("XYZ")
        n = rd(7)
        v = p + n + nif_letter(str("XYZ".index(p)) + n)
    if bad:
        v = v[:-1] + R.choice([c for c in NIFL if c != v[-1]])
    return v


BELFIORE = ["H501", "F205", "L219", "F839", "G273", "D612", "A944", "L736", "C351", "A662", "B157", "G224", "E506", "Z404"]
CF_MONTH = "ABCDEHLMPRST"


def cf_name_part(s, is_first=False):
    s = ascii_fold(s).upper()
    cons = [c for c in s if c.isalpha() and c not in "AEIOU"]
    vow = [c for c in s if c in "AEIOU"]
    if is_first and len(cons) >= 4:
        cons = [cons[0], cons[2], cons[3]]
    return "".join((cons + vow + ["X", "X", "X"])[:3])


def fiscal_code(bad=False):
    fn, ln = R.choice(["Marco", "Giulia", "Alessandro", "Chiara", "Francesca", "Luca", "Valentina", "Davide"]), \
        R.choice(["Rossi", "Bianchi", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno"])
    y, m, d = rdate(1945, 2004)
    female = fn in ("Giulia", "Chiara", "Francesca", "Valentina")
    s15 = cf_name_part(ln) + cf_name_part(fn, True) + f"{y % 100:02d}" + CF_MONTH[m - 1] + f"{d + (40 if female else 0):02d}" + R.choice(BELFIORE)
    c = cf_check(s15)
    if bad:
        c = chr(65 + (ord(c) - 65 + R.randint(1, 25)) % 26)
    return s15 + c


def bsn(bad=False):
    while True:
        v = rd(9, "123456789" if R.random() < 0.8 else "0")
        if bsn_ok(v) != bad:
            return v


def cpf(bad=False, fmt=None):
    n9 = rd(9)
    ck = cpf_digits(n9)
    if bad:
        ck = ck[0] + str((int(ck[1]) + R.randint(1, 9)) % 10)
    v = n9 + ck
    fmt = fmt if fmt is not None else R.random() < 0.75
    return f"{v[:3]}.{v[3:6]}.{v[6:9]}-{v[9:]}" if fmt else v


def pesel(bad=False):
    y, m, d = rdate(1940, 2009)
    mm = m + (20 if y >= 2000 else 0)
    d10 = f"{y % 100:02d}{mm:02d}{d:02d}" + rd(4)
    c = pesel_check(d10)
    if bad:
        c = str((int(c) + R.randint(1, 9)) % 10)
    return d10 + c


def nric(bad=False):
    p = R.choice("STFGM")
    d7 = rd(7)
    c = nric_letter(p, d7)
    if bad:
        c = R.choice([x for x in "ABCDEFGHIJKLMNPQRTUWXZ" if x != c])
    return p + d7 + c


def tfn(bad=False, fmt=None):
    while True:
        v = rd(9, "1234589")
        if tfn_ok(v) != bad:
            break
    fmt = fmt if fmt is not None else R.choice([" ", " ", "", "-"])
    return fmt.join([v[:3], v[3:6], v[6:]]) if fmt else v


def wallet(kind=None):
    kind = kind or R.choice(["p2pkh", "p2sh", "bech32", "bech32m", "eth", "eth"])
    h = bytes(R.getrandbits(8) for _ in range(20))
    if kind == "p2pkh":
        return b58check(b"\0" + h)
    if kind == "p2sh":
        return b58check(b"\5" + h)
    if kind == "bech32":
        return bech32_encode("bc", 0, h)
    if kind == "bech32m":
        return bech32_encode("bc", 1, bytes(R.getrandbits(8) for _ in range(32)))
    return eip55(h.hex())


def wallet_bad():
    k = R.choice(["b58", "eth", "bech"])
    if k == "b58":
        v = wallet("p2pkh")
        while True:
            i = R.randint(5, len(v) - 2)
            w = v[:i] + R.choice([c for c in B58 if c != v[i]]) + v[i + 1:]
            if not b58check_ok(w):
                return w
    if k == "bech":
        v = wallet("bech32")
        while True:
            i = R.randint(6, len(v) - 2)
            w = v[:i] + R.choice([c for c in BECH if c != v[i]]) + v[i + 1:]
            if not bech32_ok(w):
                return w
    v = wallet("eth")
    # flip the case of one letter: EIP-55 checksum broken
    idx = [i for i, c in enumerate(v) if i > 1 and c.isalpha()]
    i = R.choice(idx)
    return v[:i] + v[i].swapcase() + v[i + 1:]


def imei(grouped=None):
    v = luhn_complete(R.choice(["35", "86", "01", "35", "99"]) + rd(12))
    if grouped is None:
        grouped = R.random() < 0.3
    return f"{v[:2]}-{v[2:8]}-{v[8:14]}-{v[14]}" if grouped else v


# ============================================================ PHI
def npi(bad=False):
    while True:
        b = rd(9, "12")
        for c in DIG:
            if npi_ok(b + c) != bad:
                return b + c


def dea(surname="M", bad=False):
    d6 = rd(6)
    c = dea_check(d6)
    if bad:
        c = str((int(c) + R.randint(1, 9)) % 10)
    ini = ascii_fold(surname)[0].upper() if R.random() < 0.9 else "9"
    return R.choice("ABFGMPR") + ini + d6 + c


MBI_A = [c for c in UP if c not in "SLOIBZ"]


def mbi(dashed=None):
    an = MBI_A + list(DIG)
    v = (R.choice("123456789") + R.choice(MBI_A) + R.choice(an) + R.choice(DIG) + R.choice(MBI_A) + R.choice(an) +
         R.choice(DIG) + R.choice(MBI_A) + R.choice(MBI_A) + R.choice(DIG) + R.choice(DIG))
    if dashed is None:
        dashed = R.random() < 0.4
    return f"{v[:4]}-{v[4:7]}-{v[7:]}" if dashed else v


ICD = [("E11.9", "type 2 diabetes mellitus without complications"), ("I10", "essential hypertension"),
       ("J45.909", "unspecified asthma, uncomplicated"), ("M54.50", "low back pain, unspecified"),
       ("F32.A", "depression, unspecified"), ("K21.9", "GERD without esophagitis"), ("N39.0", "urinary tract infection"),
       ("R07.9", "chest pain, unspecified"), ("S72.001A", "fracture of right femoral neck, initial encounter"),
       ("Z79.4", "long-term use of insulin"), ("E78.5", "hyperlipidemia, unspecified"), ("J18.9", "pneumonia, unspecified organism"),
       ("C50.911", "malignant neoplasm of right female breast"), ("G43.909", "migraine, unspecified"),
       ("I48.91", "atrial fibrillation, unspecified"), ("M17.11", "primary osteoarthritis, right knee"),
       ("R51.9", "headache, unspecified"), ("O24.419", "gestational diabetes"), ("T78.40XA", "allergy, unspecified, initial"),
       ("S06.0X0A", "concussion without LOC"), ("J06.9", "acute upper respiratory infection"), ("I25.10", "CAD of native artery"),
       ("N18.3", "chronic kidney disease, stage 3"), ("R91.1", "solitary pulmonary nodule"), ("K80.20", "cholelithiasis"),
       ("M81.0", "age-related osteoporosis"), ("C34.90", "malignant neoplasm of lung, unspecified"), ("E66.01", "morbid obesity")]


def icd():
    return R.choice(ICD)


def mrn():
    return R.choice([rd(8), rd(7, "123456789"), "MR" + rd(7), "E" + rd(7), rd(10, "0"), "RAD-" + rd(6), "H" + rd(8),
                     f"{rd(3)}-{rd(3)}-{rd(3)}", "MRN" + rd(6)])


# ============================================================ secrets
def aws_key_id():
    return R.choice(["AKIA", "AKIA", "ASIA"]) + rs(UP + "234567", 16)


def aws_secret():
    return rs(B62 + "/+", 40)


def github_token():
    if R.random() < 0.2:
        return "github_pat_11" + rs(UP + DIG, 20) + "_" + rs(B62, 59)
    body = rs(B62, 30)
    return R.choice(["ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"]) + body + crc_b62(body)


def github_bad():
    body = rs(B62, 30)
    ck = crc_b62(body)
    bad = ck[:5] + R.choice([c for c in B62 if c != ck[5]])
    return R.choice(["ghp_", "ghs_"]) + body + bad


def npm_token():
    body = rs(B62, 30)
    return "npm_" + body + crc_b62(body)


def npm_bad():
    body = rs(B62, 30)
    ck = crc_b62(body)
    return "npm_" + body + ck[:4] + R.choice([c for c in B62 if c != ck[4]]) + ck[5]


def gitlab_token():
    k = R.random()
    if k < 0.6:
        return "glpat-" + rs(URLSAFE, 20)
    if k < 0.9:
        return R.choice(["glrt-", "gldt-", "glft-"]) + rs(URLSAFE, 20)
    return f"glcbt-{R.randint(1, 255):x}_" + rs(URLSAFE, 20)


def slack_token():
    k = R.random()
    if k < 0.5:
        return f"xoxb-{rd(12, '123456789')}-{rd(13, '123456789')}-{rs(B62, 24)}"
    if k < 0.75:
        return f"xoxp-{rd(12, '123456789')}-{rd(12, '123456789')}-{rd(13, '123456789')}-{rs('0123456789abcdef', 32)}"
    if k < 0.85:
        return f"xoxe.xoxp-1-{rs(B62, 140)}" if False else f"xoxe-1-{rs(B62, 40)}"
    return f"xapp-1-A{rs(UP + DIG, 10)}-{rd(13, '123456789')}-{rs('0123456789abcdef', 64)}"


def slack_webhook():
    return f"https://hooks.slack.com/services/T{rs(UP + DIG, R.choice([8, 10]))}/B{rs(UP + DIG, R.choice([8, 10]))}/{rs(B62, 24)}"


def stripe_key():
    return R.choice(["sk_live_", "sk_live_", "rk_live_", "sk_test_"]) + R.choice(["51", ""]) + rs(B62, R.choice([24, 32, 99 - 3]))


def stripe_pk():
    return R.choice(["pk_live_", "pk_test_"]) + "51" + rs(B62, 96)


def google_key():
    return "AIza" + rs(URLSAFE, 35)


def openai_key():
    k = R.random()
    if k < 0.25:
        return "sk-" + rs(B62, 20) + "T3BlbkFJ" + rs(B62, 20)
    return R.choice(["sk-proj-", "sk-proj-", "sk-svcacct-", "sk-admin-"]) + rs(URLSAFE, 74) + "T3BlbkFJ" + rs(URLSAFE, 74)


def anthropic_key():
    return R.choice(["sk-ant-api03-", "sk-ant-api03-", "sk-ant-admin01-"]) + rs(URLSAFE, 93) + "AA"


def hf_token():
    return "hf_" + rs(UP + LO, 34)


def pypi_token():
    ident = "-".join(rs("0123456789abcdef", n) for n in (8, 4, 4, 4, 12)).encode()
    cav = json.dumps({"version": 1, "permissions": R.choice(["user", {"projects": [R.choice(["fastgrid", "weirtools", "pdfkit2"])]}])}).encode()
    raw = b"\x02\x01\x08pypi.org\x02" + bytes([len(ident)]) + ident + b"\x00"
    raw += b"\x02" + bytes([len(cav)]) + cav + b"\x00"
    if R.random() < 0.5:
        cav2 = json.dumps({"nbf": 1760000000 + R.randint(0, 9999999), "exp": 1790000000 + R.randint(0, 9999999)}).encode()
        raw += b"\x02" + bytes([len(cav2)]) + cav2 + b"\x00"
    raw += b"\x00\x06\x20" + bytes(R.getrandbits(8) for _ in range(32))
    tok = "pypi-" + base64.urlsafe_b64encode(raw).decode().rstrip("=")
    assert tok.startswith("pypi-AgEIcHlwaS5vcmc") and len(tok) >= 150
    return tok


def azure_key():
    return base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode()


def sendgrid_key():
    return "SG." + rs(URLSAFE, 22) + "." + rs(URLSAFE, 43)


def twilio_key():
    return "SK" + rs("0123456789abcdef", 32)


def b64u(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def jwt(claims=None):
    alg = R.choice(["HS256", "RS256", "ES256", "RS512"])
    hdr = {"alg": alg, "typ": "JWT"}
    if alg != "HS256" and R.random() < 0.6:
        hdr["kid"] = rs("0123456789abcdef", 16)
    now = 1763000000 + R.randint(0, 9000000)
    pl = claims or {"sub": R.choice([rd(6), "usr_" + rs(B62, 12), f"{R.choice(FIRST).lower()}@corp"]),
                    "iss": R.choice(["https://auth.kestrel.io", "https://login.northwind.app/", "accounts.payfast.dev"]),
                    "iat": now, "exp": now + R.choice([900, 3600, 86400])}
    if R.random() < 0.4:
        pl["scope"] = R.choice(["read:orders write:orders", "openid profile email", "admin"])
    siglen = {"HS256": 32, "RS256": 128, "ES256": 64, "RS512": 128}[alg]
    return ".".join([b64u(json.dumps(hdr, separators=(",", ":")).encode()), b64u(json.dumps(pl, separators=(",", ":")).encode()),
                     b64u(bytes(R.getrandbits(8) for _ in range(siglen)))])


def password():
    k = R.random()
    if k < 0.35:
        return rs(B62 + "!#%^*-_=+.~", R.randint(12, 28))
    if k < 0.55:
        return "-".join(R.choice(["copper", "violet", "marble", "tundra", "falcon", "gravel", "lantern", "ember", "quartz",
                                   "nimbus", "saffron", "otter"]) for _ in range(R.randint(3, 4)))
    if k < 0.75:
        return R.choice(["Sommer", "Winter", "Lente", "Verano", "Primavera", "Kirsche", "Tulipan", "Kartal"]) + \
            str(R.randint(2019, 2026)) + R.choice("!$#?")
    return rs(B62, R.randint(16, 32))


def db_password():
    return rs(B62 + "_.~-", R.randint(12, 26))


def uuid4():
    h = rs("0123456789abcdef", 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"


def sha(n=40):
    return rs("0123456789abcdef", n)


# ============================================================ document builder
COUNTS = collections.Counter()
FORCE = []  # set by the top-up pass in build()


def pick(opts, typ_of=lambda x: x):
    """mostly the option whose entity type has been generated least so far (keeps rare types >= 15), else random."""
    if FORCE:
        hit = [o for o in opts if typ_of(o) == FORCE[0]]
        if hit:
            FORCE.clear()
            return R.choice(hit)
    if R.random() < 0.8:
        lo = min(COUNTS[typ_of(o)] for o in opts)
        return R.choice([o for o in opts if COUNTS[typ_of(o)] == lo])
    return R.choice(opts)
class Doc:
    def __init__(self, kind):
        self.kind = kind
        self.parts = []
        self.n = 0
        self.ents = []

    def add(self, *ss):
        for s in ss:
            self.parts.append(s)
            self.n += len(s.encode())
        return self

    def e(self, typ, val, ignore=False):
        s = self.n
        self.add(val)
        ent = {"type": typ, "start": s, "end": self.n}
        if ignore:
            ent["ignore"] = True
        else:
            COUNTS[typ] += 1
        self.ents.append((ent, val))
        return val

    def text(self):
        return "".join(self.parts)


def jesc(s):
    return json.dumps(s, ensure_ascii=False)[1:-1]


def neg_value(kind=None):
    """an unlabeled hard negative, returned with a short human label."""
    kind = kind or R.choice(["card_bad", "masked", "iban_bad", "order_phone", "uuid", "sha", "version", "ssn_bad",
                             "tracking", "gh_bad", "pk", "txhash", "wallet_bad", "natid_bad", "epoch", "arn"])
    if kind == "card_bad":
        return "card", card_bad()
    if kind == "masked":
        return "card", masked_card()
    if kind == "iban_bad":
        return "IBAN", iban_bad()
    if kind == "order_phone":
        return "order", f"{rd(3, '2345678')}-{rd(3)}-{rd(4)}"
    if kind == "uuid":
        return "id", uuid4()
    if kind == "sha":
        return "sha", sha(R.choice([40, 64, 7]))
    if kind == "version":
        return "build", f"{R.randint(1, 12)}.{R.randint(0, 40)}.{R.randint(0, 300)}.{R.randint(0, 9999)}"
    if kind == "ssn_bad":
        return "ssn", ssn_bad()
    if kind == "tracking":
        return "tracking", R.choice(["1Z" + rs(UP + DIG, 16), rd(12), rd(22, "9"), "JD" + rd(18)])
    if kind == "gh_bad":
        return "token", github_bad() if R.random() < 0.6 else npm_bad()
    if kind == "pk":
        return "key", stripe_pk()
    if kind == "txhash":
        return "tx", "0x" + sha(64)
    if kind == "wallet_bad":
        return "wallet", wallet_bad()
    if kind == "natid_bad":
        return "id", R.choice([nif, cpf, pesel, bsn, tfn, sin, nric, aadhaar, fiscal_code, nhs])(bad=True)
    if kind == "epoch":
        return "ts", str(1700000000 + R.randint(0, 90000000))
    if kind == "arn":
        return "arn", f"arn:aws:iam::{rd(12, '123456789')}:role/{R.choice(['deploy', 'etl-runner', 'ReadOnly'])}"
    raise ValueError(kind)


# placeholders (ignore: true)
PLACEHOLDERS = [("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                ("CREDIT_CARD", "4242 4242 4242 4242"), ("CREDIT_CARD", "4111111111111111"), ("US_SSN", "123-45-6789"),
                ("US_SSN", "078-05-1120"), ("UK_NINO", "QQ123456C"), ("UK_NHS", "943 476 5919"), ("AU_TFN", "123 456 782"),
                ("CA_SIN", "046 454 286"), ("IT_FISCAL_CODE", "RSSMRA85T10A562S"), ("US_MBI", "1EG4-TE5-MK73"),
                ("US_NPI", "1234567893"), ("IBAN", "GB82 WEST 1234 5698 7654 32"), ("EMAIL_ADDRESS", "user@example.com"),
                ("STRIPE_SECRET_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"),
                ("CRYPTO_WALLET", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
                ("CRYPTO_WALLET", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
                ("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
                ("AZURE_STORAGE_KEY", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==")]


def placeholder():
    return R.choice(PLACEHOLDERS)


def gcp_sa(doc, indent="  ", escaped=False):
    """writes a GCP service-account JSON object into doc; labels it, with nested PEM / email ignored."""
    proj = R.choice(["billing-prod", "rag-indexer", "ml-train", "crm-sync", "pipeline"]) + "-" + rd(6)
    sa = R.choice(["etl", "indexer", "deployer", "looker", "backup"])
    key = private_key_pem("rsa8")
    nl = "\\n" if escaped else "\n"
    q = '\\"' if escaped else '"'
    start = doc.n
    sub = []  # (type, value) nested, ignore
    doc.add("{" + nl + f"{indent}{q}type{q}: {q}service_account{q}," + nl + f"{indent}{q}project_id{q}: {q}{proj}{q}," + nl +
            f"{indent}{q}private_key_id{q}: {q}{sha(40)}{q}," + nl + f"{indent}{q}private_key{q}: {q}")
    pk = key.replace("\n", "\\n") if not escaped else key.replace("\n", "\\\\n")
    doc.e("PRIVATE_KEY", pk, ignore=True)
    doc.add(f"\\n{q}," if not escaped else f"\\\\n{q},")
    doc.add(nl + f"{indent}{q}client_email{q}: {q}")
    doc.e("EMAIL_ADDRESS", f"{sa}@{proj}.iam.gserviceaccount.com", ignore=True)
    doc.add(f"{q}," + nl + f"{indent}{q}client_id{q}: {q}{rd(21, '1')}{q}," + nl +
            f"{indent}{q}auth_uri{q}: {q}https://accounts.google.com/o/oauth2/auth{q}," + nl +
            f"{indent}{q}token_uri{q}: {q}https://oauth2.googleapis.com/token{q}" + nl + "}")
    ent = {"type": "GCP_SERVICE_ACCOUNT_KEY", "start": start, "end": doc.n}
    COUNTS["GCP_SERVICE_ACCOUNT_KEY"] += 1
    doc.ents.append((ent, None))


# ============================================================ shared emitters
SECRET_TYPES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK_URL",
                "STRIPE_SECRET_KEY", "GOOGLE_API_KEY", "JWT", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "HUGGINGFACE_TOKEN",
                "NPM_TOKEN", "PYPI_TOKEN", "AZURE_STORAGE_KEY", "SENDGRID_API_KEY", "TWILIO_API_KEY",
                "DATABASE_URL_WITH_PASSWORD", "PASSWORD_ASSIGNMENT", "PRIVATE_KEY"]
SECRET_GEN = {"AWS_ACCESS_KEY_ID": aws_key_id, "AWS_SECRET_ACCESS_KEY": aws_secret, "GITHUB_TOKEN": github_token,
              "GITLAB_TOKEN": gitlab_token, "SLACK_TOKEN": slack_token, "SLACK_WEBHOOK_URL": slack_webhook,
              "STRIPE_SECRET_KEY": stripe_key, "GOOGLE_API_KEY": google_key, "JWT": jwt, "OPENAI_API_KEY": openai_key,
              "ANTHROPIC_API_KEY": anthropic_key, "HUGGINGFACE_TOKEN": hf_token, "NPM_TOKEN": npm_token,
              "PYPI_TOKEN": pypi_token, "AZURE_STORAGE_KEY": azure_key, "SENDGRID_API_KEY": sendgrid_key,
              "TWILIO_API_KEY": twilio_key, "PASSWORD_ASSIGNMENT": password}
SECRET_VAR = {"AWS_ACCESS_KEY_ID": ["AWS_ACCESS_KEY_ID", "aws_access_key_id", "S3_KEY_ID"],
              "AWS_SECRET_ACCESS_KEY": ["AWS_SECRET_ACCESS_KEY", "aws_secret_access_key", "S3_SECRET_KEY"],
              "GITHUB_TOKEN": ["GITHUB_TOKEN", "GH_PAT", "RENOVATE_TOKEN", "github_token"],
              "GITLAB_TOKEN": ["GITLAB_TOKEN", "CI_PUSH_TOKEN", "GL_TOKEN"], "SLACK_TOKEN": ["SLACK_BOT_TOKEN", "slack_token", "SLACK_APP_TOKEN"],
              "SLACK_WEBHOOK_URL": ["SLACK_WEBHOOK", "alerts_webhook_url", "SLACK_INCOMING_URL"],
              "STRIPE_SECRET_KEY": ["STRIPE_SECRET_KEY", "stripe_api_key", "STRIPE_KEY"],
              "GOOGLE_API_KEY": ["GOOGLE_MAPS_KEY", "FIREBASE_API_KEY", "places_api_key"],
              "JWT": ["SERVICE_JWT", "auth_token", "BEARER"], "OPENAI_API_KEY": ["OPENAI_API_KEY", "openai_key", "LLM_API_KEY"],
              "ANTHROPIC_API_KEY": ["ANTHROPIC_API_KEY", "claude_key", "LLM_FALLBACK_KEY"],
              "HUGGINGFACE_TOKEN": ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "hf_token"], "NPM_TOKEN": ["NPM_TOKEN", "NODE_AUTH_TOKEN"],
              "PYPI_TOKEN": ["PYPI_TOKEN", "TWINE_PASSWORD", "UV_PUBLISH_TOKEN"],
              "AZURE_STORAGE_KEY": ["AZURE_STORAGE_KEY", "AZURE_STORAGE_ACCOUNT_KEY", "blob_key"],
              "SENDGRID_API_KEY": ["SENDGRID_API_KEY", "MAIL_API_KEY", "sendgrid_key"],
              "TWILIO_API_KEY": ["TWILIO_API_KEY", "TWILIO_API_KEY_SID", "twilio_key_sid"],
              "PASSWORD_ASSIGNMENT": ["DB_PASSWORD", "ADMIN_PASSWORD", "redis_password", "SMTP_PASS", "KEYCLOAK_ADMIN_PASSWORD", "pwd"]}


def emit_secret(d, typ=None, style="env", ind=""):
    """one assignment line in a config style; returns the type emitted."""
    typ = typ or pick(SECRET_TYPES)
    if typ == "PRIVATE_KEY":
        key = private_key_pem()
        if style == "yaml":
            d.add(f"{ind}{R.choice(['tls_key', 'ssh_private_key', 'signing_key'])}: |\n{ind}  ")
            d.e(typ, key.replace("\n", "\n" + ind + "  "))
            d.add("\n")
        elif style in ("json", "env"):
            d.add(f'{ind}"private_key": "' if style == "json" else f'{ind}SSH_PRIVATE_KEY="')
            d.e(typ, key.replace("\n", "\\n"))
            d.add('",\n' if style == "json" else '"\n')
        else:
            d.add(f"{ind}")
            d.e(typ, key)
            d.add("\n")
        return typ
    if typ == "DATABASE_URL_WITH_PASSWORD":
        sch = R.choice(["postgres", "postgresql", "mysql", "mongodb+srv", "redis", "amqp", "mssql", "jdbc"])
        user = R.choice(["app", "svc_orders", "analytics_ro", "admin", "rag_writer", "default"])
        host = R.choice(["db.internal", "pg-prod-2.c9x.eu-west-1.rds.amazonaws.com", "cluster0.ab12c.mongodb.net",
                         "redis-master.cache.svc", "mq.prod.local", "sql-emea.database.windows.net"])
        pw = db_password()
        var = R.choice(["DATABASE_URL", "database_url", "MONGO_URI", "REDIS_URL", "BROKER_URL", "dsn", "SPRING_DATASOURCE_URL"])
        sep = {"env": "=", "yaml": ": ", "json": '": "', "py": " = '", "prose": " "}.get(style, "=")
        d.add(f'{ind}{"" if style != "json" else chr(34)}{var}{sep}')
        if sch == "jdbc":
            d.add(f"jdbc:{R.choice(['postgresql', 'mysql'])}://{host}:5432/orders?user={user}&password=")
            d.e(typ, pw)
            d.add("&ssl=true")
        else:
            d.add(f"{sch}://{user}:")
            d.e(typ, pw)
            d.add(f"@{host}" + R.choice([":5432/app", "/prod?retryWrites=true", ":6379/0", ":5672/%2F", ":1433/crm", ""]))
        d.add({"json": '",', "py": "'"}.get(style, "") + "\n")
        return typ
    val = SECRET_GEN[typ]()
    var = R.choice(SECRET_VAR[typ])
    if typ == "AZURE_STORAGE_KEY" and R.random() < 0.6:
        var = R.choice(["AZURE_STORAGE_CONNECTION_STRING", "AzureWebJobsStorage", "blob_conn"])
        pre = f"DefaultEndpointsProtocol=https;AccountName={R.choice(['ragdocs', 'invoicesprod', 'mlartifacts'])}{rd(2)};AccountKey="
        post = ";EndpointSuffix=core.windows.net"
    else:
        pre, post = "", ""
    if style == "env":
        q = R.choice(["", '"', "'"]) if not pre else '"'
        d.add(f"{ind}{var.upper()}={q}{pre}")
        d.e(typ, val)
        d.add(f"{post}{q}\n")
    elif style == "yaml":
        q = R.choice(["", '"']) if not pre else '"'
        d.add(f"{ind}{var}: {q}{pre}")
        d.e(typ, val)
        d.add(f"{post}{q}\n")
    elif style == "json":
        d.add(f'{ind}"{var}": "{pre}')
        d.e(typ, val)
        d.add(f'{post}",\n')
    elif style == "py":
        d.add(f'{ind}{var.lower()} = "{pre}')
        d.e(typ, val)
        d.add(f'{post}"\n')
    else:
        d.add(f"{ind}{var}: {pre}")
        d.e(typ, val)
        d.add(f"{post}\n")
    return typ


def emit_neg_secret(d, style="env", ind=""):
    k = R.choice(["gh_bad", "pk", "pubkey", "ssh", "trunc_jwt", "dburl_nopw", "var_pw", "min_len", "sha", "uuid", "txhash",
                  "placeholder", "placeholder", "arn"])
    if k == "pubkey":
        d.add(f"{ind}# public half, safe to share\n{ind}" + public_key_pem().replace("\n", "\n" + ind) + "\n")
    elif k == "ssh":
        d.add(f"{ind}authorized_key: {ssh_pub_line()}\n")
    elif k == "trunc_jwt":
        d.add(f"{ind}SAMPLE_TOKEN={jwt()[:R.randint(20, 60)]}...\n")
    elif k == "dburl_nopw":
        d.add(f"{ind}DATABASE_URL={R.choice(['postgres://readonly@db.internal:5432/app', 'postgresql://app:${DB_PASSWORD}@db:5432/app', 'mysql://root@localhost/test', 'redis://cache:6379/0'])}\n")
    elif k == "var_pw":
        pv = R.choice(['${ADMIN_PASSWORD}', '{{ .Values.db.password }}', '${{ secrets.DB_PASS }}', 'os.environ["PW"]', '<your-password-here>'])
        d.add(ind + R.choice(['password', 'DB_PASSWORD', 'admin_pass']) + ": " + pv + "\n")
    elif k == "min_len":
        d.add(f"{ind}password_min_length: {R.randint(8, 16)}\n{ind}password_expiry_days: 90\n")
    elif k == "placeholder":
        t, v = R.choice([p for p in PLACEHOLDERS if p[0] in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "STRIPE_SECRET_KEY",
                                                            "SLACK_WEBHOOK_URL", "AZURE_STORAGE_KEY")])
        d.add(f"{ind}# example from the docs\n{ind}EXAMPLE_{t}=")
        d.e(t, v, ignore=True)
        d.add("\n")
    else:
        lab, v = neg_value(k)
        d.add(f"{ind}{R.choice(['release_sha', 'build_id', 'request_id', 'STRIPE_PUBLISHABLE_KEY', 'trace'])}={v}\n")


NATID = {
    # country: (type, generator, labels by language)
    "US": ("US_SSN", ssn, {"en": ["SSN", "Social Security No.", "SS#"], "es": ["Número de Seguro Social"]}),
    "US_ITIN": ("US_ITIN", itin, {"en": ["ITIN", "Taxpayer ID (ITIN)"], "es": ["ITIN"]}),
    "UK": ("UK_NINO", nino, {"en": ["National Insurance number", "NI No.", "NINO"]}),
    "UK_NHS": ("UK_NHS", nhs, {"en": ["NHS number", "NHS No"]}),
    "CA": ("CA_SIN", sin, {"en": ["SIN", "Social Insurance Number"], "fr": ["NAS", "numéro d'assurance sociale"]}),
    "IN": ("IN_AADHAAR", aadhaar, {"en": ["Aadhaar", "Aadhaar No.", "UID"], "hi": ["आधार संख्या", "आधार नंबर"]}),
    "IN_PAN": ("IN_PAN", pan, {"en": ["PAN", "PAN card"], "hi": ["पैन", "पैन कार्ड"]}),
    "ES": ("ES_NIF", nif, {"es": ["DNI", "NIF", "NIE", "DNI/NIE"], "en": ["Spanish DNI"]}),
    "IT": ("IT_FISCAL_CODE", fiscal_code, {"it": ["Codice fiscale", "C.F.", "cod. fisc."], "en": ["Italian tax code"]}),
    "NL": ("NL_BSN", bsn, {"nl": ["BSN", "Burgerservicenummer", "sofinummer (BSN)"], "en": ["BSN"]}),
    "BR": ("BR_CPF", cpf, {"pt": ["CPF", "CPF nº", "Cadastro de Pessoa Física"], "en": ["CPF"]}),
    "PL": ("PL_PESEL", pesel, {"pl": ["PESEL", "nr PESEL"], "en": ["PESEL"]}),
    "SG": ("SG_NRIC", nric, {"en": ["NRIC", "NRIC/FIN", "FIN"], "zh": ["身份证号码 (NRIC)"]}),
    "AU": ("AU_TFN", tfn, {"en": ["TFN", "Tax File Number"]}),
}


def emit_natid(d, key, lang="en", sep=": "):
    typ, gen, labels = NATID[key]
    lab = R.choice(labels.get(lang) or labels.get("en") or list(labels.values())[0])
    d.add(f"{lab}{sep}")
    d.e(typ, gen())
    return typ


LBL = {  # field labels per language: name, dob, phone, email, iban, address
    "en": dict(name="Name", dob=["Date of birth", "DOB", "Born"], phone=["Phone", "Mobile", "Tel."], email=["Email", "E-mail"], iban="IBAN", addr="Address"),
    "de": dict(name="Name", dob=["Geburtsdatum", "geb.", "Geboren am"], phone=["Telefon", "Handy", "Tel."], email=["E-Mail"], iban="IBAN", addr="Anschrift"),
    "fr": dict(name="Nom", dob=["Date de naissance", "Né(e) le"], phone=["Téléphone", "Portable", "Tél."], email=["Courriel", "E-mail"], iban="IBAN", addr="Adresse"),
    "es": dict(name="Nombre", dob=["Fecha de nacimiento", "F. nacimiento", "Nacido/a el"], phone=["Teléfono", "Móvil", "Tlf."], email=["Correo", "Email"], iban="IBAN", addr="Domicilio"),
    "pt": dict(name="Nome", dob=["Data de nascimento", "Nascido em", "Dt. nasc."], phone=["Telefone", "Celular", "WhatsApp"], email=["E-mail"], iban="IBAN", addr="Endereço"),
    "it": dict(name="Nome", dob=["Data di nascita", "Nato/a il"], phone=["Telefono", "Cellulare", "Tel."], email=["E-mail", "Posta elettronica"], iban="IBAN", addr="Indirizzo"),
    "nl": dict(name="Naam", dob=["Geboortedatum", "Geboren op"], phone=["Telefoon", "Mobiel", "Tel."], email=["E-mail"], iban="IBAN", addr="Adres"),
    "pl": dict(name="Imię i nazwisko", dob=["Data urodzenia", "Ur."], phone=["Telefon", "Tel. kom."], email=["E-mail", "Adres e-mail"], iban="IBAN", addr="Adres"),
    "sv": dict(name="Namn", dob=["Födelsedatum", "Född"], phone=["Telefon", "Mobil"], email=["E-post"], iban="IBAN", addr="Adress"),
    "tr": dict(name="Ad Soyad", dob=["Doğum tarihi", "D. Tarihi"], phone=["Telefon", "Cep"], email=["E-posta"], iban="IBAN", addr="Adres"),
    "ja": dict(name="氏名", dob=["生年月日"], phone=["電話番号", "携帯"], email=["メール", "メールアドレス"], iban="IBAN", addr="住所"),
    "zh": dict(name="姓名", dob=["出生日期", "生日"], phone=["电话", "手机"], email=["邮箱", "电子邮件"], iban="IBAN", addr="地址"),
    "ko": dict(name="이름", dob=["생년월일"], phone=["전화번호", "휴대폰"], email=["이메일"], iban="IBAN", addr="주소"),
    "hi": dict(name="नाम", dob=["जन्म तिथि", "जन्मतिथि"], phone=["फ़ोन", "मोबाइल"], email=["ईमेल"], iban="IBAN", addr="पता"),
    "ar": dict(name="الاسم", dob=["تاريخ الميلاد"], phone=["الهاتف", "الجوال"], email=["البريد الإلكتروني"], iban="IBAN", addr="العنوان"),
}
LANG_PHONE = {"en": "US", "de": "DE", "fr": "FR", "es": "ES", "pt": "BR", "it": "IT", "nl": "NL", "pl": "PL", "sv": "SE",
              "tr": "TR", "ja": "JP", "zh": "CN", "ko": "KR", "hi": "IN", "ar": "AE"}
LANG_IBAN = {"de": "DE", "fr": "FR", "es": "ES", "pt": "PT", "it": "IT", "nl": "NL", "pl": "PL", "sv": "SE", "en": "GB"}


def emit_phone(d, cc):
    v = phone(cc)
    d.e("PHONE_NUMBER", v, ignore=cc not in LABELED_PHONE_CC)
    return v


def dob_lang(lang):
    return {"en": R.choice(["en-US", "en"]), "ja": "ja", "zh": "zh", "ko": "ko"}.get(lang, lang)


# ============================================================ families
def f_call_center(d):
    lang = R.choice(["en", "en", "es", "pt"])
    fn, ln = person()
    ag = R.choice(["Dana", "Ravi", "Lucía", "Tiago", "Kevin"])
    T = {"en": ("Agent", "Caller", "Thanks for calling {co}, this is {ag}. Can I get the number on the account?",
                "Sure, it's ", "And for verification, your date of birth?", "It's ", "Last four of the social, or the full one is fine.",
                "Full one: ", "What's the best email for the confirmation?", "Got it. Ticket number is {tk}, that's not a phone number by the way.",
                "AGENT NOTES", "Caller verified via DOB + SSN. Callback at ", "Card on file ends "),
         "es": ("Agente", "Cliente", "Gracias por llamar a {co}, le atiende {ag}. ¿Me da el teléfono de la cuenta?",
                "Claro, es el ", "Para verificar, ¿su fecha de nacimiento?", "Nací el ", "¿Y su DNI o NIE?", "Es ",
                "¿A qué correo le envío la confirmación?", "Anotado. Su número de incidencia es {tk}.",
                "NOTAS DEL AGENTE", "Cliente verificado (fecha de nacimiento + DNI). Devolver llamada al ", "Tarjeta terminada en "),
         "pt": ("Atendente", "Cliente", "Obrigado por ligar para a {co}, aqui é {ag}. Qual o telefone cadastrado?",
                "É o ", "Para confirmar, sua data de nascimento?", "Nasci em ", "E o CPF, por favor?", "Claro: ",
                "Qual e-mail para o protocolo?", "Pronto. O protocolo é {tk}, guarde esse número.",
                "NOTAS DO ATENDENTE", "Cliente validado (data de nascimento + CPF). Retornar no ", "Cartão final ")}[lang]
    co = R.choice(["Brightline Telecom", "Nordvik Insurance", "Casa Seguros", "LuzNet Fibra"])
    tk = f"{rd(3, '2345678')}-{rd(3)}-{rd(4)}" if lang == "en" else f"{rd(4)}{rd(8)}"
    cc = {"en": "US", "es": "ES", "pt": "BR"}[lang]
    d.add(f"[call {uuid4()[:8]} | {R.randint(2, 19)}m{R.randint(0, 59)}s | queue={R.choice(['billing', 'claims', 'retention'])}]\n")
    d.add(f"{T[0]}: {T[2].format(co=co, ag=ag)}\n{T[1]}: {T[3]}")
    ph = emit_phone(d, cc)
    d.add(".\n" + f"{T[0]}: {T[4]}\n{T[1]}: {T[5]}")
    d.e("DATE_OF_BIRTH", dob(dob_lang(lang) if lang != "en" else "en-US"))
    d.add(f"\n{T[0]}: {T[6]}\n{T[1]}: {T[7]}")
    if lang == "en":
        if R.random() < 0.8:
            d.e("US_SSN", ssn(R.choice(["-", " "])))
        else:
            d.e("US_ITIN", itin())
    elif lang == "es":
        d.e("ES_NIF", nif())
    else:
        d.e("BR_CPF", cpf())
    d.add(f"\n{T[0]}: {T[8]}\n{T[1]}: ")
    d.e("EMAIL_ADDRESS", email(fn, ln))
    d.add(f"\n{T[0]}: {T[9].format(tk=tk)}\n\n## {T[10]}\n- {T[11]}")
    d.e("PHONE_NUMBER", phone(cc))
    d.add(f"\n- {T[12]}{masked_card()[-4:]}; ")
    if R.random() < 0.5:
        d.add({"en": "customer read new card for autopay: ", "es": "nueva tarjeta para domiciliación: ", "pt": "novo cartão para débito: "}[lang])
        d.e("CREDIT_CARD", card())
    else:
        d.add({"en": "refund to IBAN ", "es": "reembolso a la cuenta ", "pt": "estorno para IBAN "}[lang])
        d.e("IBAN", iban({"en": "GB", "es": "ES", "pt": "PT"}[lang]))
    d.add(f"\n- wrap-up code {R.choice(['B20', 'R07', 'C12'])} (gate code for dispatch, not a diagnosis)\n")


def f_rag_chat(d):
    lang = R.choice(["en", "de", "fr", "ja", "en", "nl", "ko", "zh"])
    q = {"ko": "거래처 {n}의 연락처를 알려주세요", "zh": "供应商{n}的联系方式和银行账户是什么？","en": "What is the IBAN and phone for supplier {n}?", "de": "Welche Bankverbindung hat Lieferant {n}?",
         "fr": "Quel est le contact de facturation du fournisseur {n} ?", "ja": "取引先{n}の連絡先を教えてください",
         "nl": "Wat zijn de contactgegevens van leverancier {n}?"}[lang]
    fn, ln = person()
    n = f"{fn} {ln}"
    d.add('{"session_id": "' + uuid4() + '", "model": "' + R.choice(["gpt-4o-mini", "claude-3-5-haiku", "llama3-70b"]) + '",\n')
    d.add(' "messages": [\n  {"role": "user", "content": "' + jesc(q.format(n=n)) + '"},\n')
    L = LBL[lang]
    d.add('  {"role": "tool", "name": "retrieve", "content": "[chunk 3/7 vendors_master.pdf] ... ' + jesc(L["name"]) + ': ' + jesc(n) + '\\n' +
          jesc(R.choice(L["email"])) + ': ')
    d.e("EMAIL_ADDRESS", email(fn, ln, R.choice(DOMAINS[17:])))
    d.add("\\n" + jesc(R.choice(L["phone"])) + ": ")
    emit_phone(d, LANG_PHONE[lang])
    d.add("\\n" + L["iban"] + ": ")
    d.e("IBAN", iban(LANG_IBAN.get(lang, R.choice(["DE", "NL", "GB"]))))
    d.add(f"\\nSWIFT/BIC: {rs(UP, 6)}{rs(UP + DIG, 2)}  Invoice {rd(7)} ({rs(UP, 2)}-{rd(3)}-{rd(4)}) ...\"" + "},\n")
    if R.random() < 0.5:
        d.add('  {"role": "tool", "name": "retrieve", "content": "[chunk 5/7] ... Onboarding form: tax id ')
        k = R.choice(["ES", "IT", "NL", "PL", "BR", "SG"])
        emit_natid(d, k, "en", " ")
        d.add(", signed " + fmt_date(*rdate(2019, 2025), lang="en", style="iso") + ' ..."},\n')
    d.add('  {"role": "assistant", "content": "' + jesc({"en": "Here are the details I found:", "de": "Laut Stammdaten:",
                                                       "fr": "Voici les coordonnées :", "ja": "以下の情報が見つかりました：", "ko": "찾은 정보입니다:", "zh": "找到以下信息：",
                                                       "nl": "Dit vond ik:"}[lang]) + " ")
    d.e("PHONE_NUMBER", phone(LANG_PHONE[lang] if LANG_PHONE[lang] in LABELED_PHONE_CC else "US"))
    d.add(' (source: vendors_master.pdf p.3)"}\n ],\n "usage": {"prompt_tokens": ' + str(R.randint(800, 9000)) + ', "latency_ms": ' + str(R.randint(300, 4000)) + "},\n")
    d.add(' "client_ip": "')
    if R.random() < 0.7:
        d.e("IP_ADDRESS", ipv4() if R.random() < 0.7 else ipv6())
    else:
        d.e("IP_ADDRESS", ipv4_private(), ignore=True)
    d.add('", "trace_id": "' + sha(32) + '"}')


def f_shopify_order(d):
    fn, ln = person()
    cc = R.choice(["US", "UK", "DE", "FR", "AU", "NL", "ES"])
    d.add('{"id": ' + rd(13, "5") + ', "name": "#' + rd(4, "123456789") + '", "created_at": "2025-' + f"{R.randint(1, 12):02d}-{R.randint(1, 28):02d}T{R.randint(0, 23):02d}:{R.randint(0, 59):02d}:11+01:00" + '",\n')
    d.add(' "email": "')
    d.e("EMAIL_ADDRESS", email(fn, ln))
    d.add('", "phone": ')
    if R.random() < 0.3:
        d.add("null")
    else:
        d.add('"')
        d.e("PHONE_NUMBER", phone(cc))
        d.add('"')
    d.add(', "browser_ip": "')
    d.e("IP_ADDRESS", ipv4() if R.random() < 0.8 else ipv6())
    d.add('", "token": "' + sha(32) + '", "checkout_token": "' + sha(32) + '",\n')
    d.add(' "customer": {"id": ' + rd(13, "6") + ', "first_name": "' + fn + '", "last_name": "' + ln + '", "note": "')
    r = R.random()
    if r < 0.35:
        d.add(jesc("Customer asked to keep card for next order: "))
        d.e("CREDIT_CARD", card())
    elif r < 0.6:
        d.add("Gift for mom, born ")
        d.e("DATE_OF_BIRTH", dob("en-US"))
        d.add(" - add birthday card")
    else:
        d.add("VIP; order " + f"{rd(3, '2345678')}-{rd(3)}-{rd(4)}" + " replaced")
    d.add('"},\n "billing_address": {"name": "' + fn + " " + ln + '", "phone": "')
    d.e("PHONE_NUMBER", phone(cc))
    d.add('", "zip": "' + rd(5) + '", "country_code": "' + ("GB" if cc == "UK" else cc) + '"},\n')
    d.add(' "payment_details": {"credit_card_bin": "' + rd(6, "45") + '", "credit_card_number": "' + masked_card() + '", "credit_card_company": "Visa"},\n')
    d.add(' "fulfillments": [{"tracking_number": "' + neg_value("tracking")[1] + '", "tracking_company": "UPS"}],\n')
    d.add(' "note_attributes": [{"name": "vat_id", "value": "' + rs(UP, 2) + rd(9) + '"}, {"name": "device", "value": "' + neg_value("version")[1] + '"}]}')


def f_woo_csv(d):
    d.add('"Order ID","Order Date","Billing First Name","Billing Last Name","Billing Email","Billing Phone","Customer Note","Payment Method","Transaction ID","Customer IP"\n')
    for _ in range(R.randint(3, 6)):
        fn, ln = person()
        cc = R.choice(["US", "UK", "ES", "IT", "BR", "IN"])
        d.add(f'"{rd(5)}","2025-{R.randint(1, 12):02d}-{R.randint(1, 28):02d} {R.randint(0, 23):02d}:{R.randint(10, 59)}","{fn}","{ln}","')
        d.e("EMAIL_ADDRESS", email(fn, ln))
        d.add('","')
        d.e("PHONE_NUMBER", phone(cc))
        d.add('","')
        r = R.random()
        if r < 0.25:
            d.add('Please deliver after 6pm.\nGate code B20, ring twice')
        elif r < 0.45:
            d.add('Pay by bank transfer from ')
            d.e("IBAN", iban(R.choice(["ES", "IT", "DE", "FR"])))
        elif r < 0.55:
            d.add('""Fragile"" - order ' + neg_value("order_phone")[1])
        d.add(f'","{R.choice(["stripe", "ppcp-gateway", "bacs", "cod"])}","{R.choice(["ch_", "pi_", ""]) + rs(B62, 24)}","')
        if R.random() < 0.8:
            d.e("IP_ADDRESS", ipv4())
        else:
            d.e("IP_ADDRESS", ipv4_private(), ignore=True)
        d.add('"\n')


def f_hr_review(d):
    lang = R.choice(["en", "de", "nl", "sv", "en"])
    fn, ln = person()
    H = {"en": ("Performance review FY2025", "Employee", "Manager", "Strengths", "Areas to grow", "Payroll/HR admin (restricted)"),
         "de": ("Leistungsbeurteilung 2025", "Mitarbeiter/in", "Führungskraft", "Stärken", "Entwicklungsfelder", "Personalverwaltung (vertraulich)"),
         "nl": ("Beoordelingsgesprek 2025", "Medewerker", "Leidinggevende", "Sterke punten", "Ontwikkelpunten", "HR-administratie (vertrouwelijk)"),
         "sv": ("Medarbetarsamtal 2025", "Medarbetare", "Chef", "Styrkor", "Utvecklingsområden", "HR-administration (konfidentiellt)")}[lang]
    mfn, mln = person()
    d.add(f"# {H[0]}\n\n**{H[1]}:** {fn} {ln} (emp #{rd(6)})  \n**{H[2]}:** {mfn} {mln} <")
    d.e("EMAIL_ADDRESS", email(mfn, mln, R.choice(DOMAINS[17:])))
    d.add(">\n\n## " + H[3] + "\n" + R.choice(["Owns the vendor onboarding flow end to end; cut cycle time from 9 to 4 days.",
                                              "Hat das Ticket-Backlog halbiert und Release 4.2.0.17 stabil ausgeliefert.",
                                              "Coacht nieuwe collega's; NPS van team steeg naar 61.",
                                              "Driver för migreringen till v3.11.2; mycket uppskattad av kunderna."]) +
          "\n\n## " + H[4] + "\n- Delegation; - documentation of runbooks\n\n---\n### " + H[5] + "\n")
    L = LBL[lang]
    d.add(f"{R.choice(L['dob'])}: ")
    d.e("DATE_OF_BIRTH", dob(dob_lang(lang)))
    d.add(f"\n{R.choice(L['phone'])}: ")
    emit_phone(d, {"en": "UK", "de": "DE", "nl": "NL", "sv": "SE"}[lang])
    d.add("\n")
    if lang == "en":
        emit_natid(d, R.choice(["UK", "US", "CA"]), "en")
    elif lang == "nl":
        d.add("BSN: ")
        d.e("NL_BSN", bsn())
    elif lang == "de":
        d.add(f"Steuer-ID: {rd(11, '123456789')} (kein Taxonomie-Typ)")
    else:
        d.add(f"Personnummer: {rd(6)}-{rd(4)}")
    d.add(f"\n{L['iban']}: ")
    d.e("IBAN", iban({"en": "GB", "de": "DE", "nl": "NL", "sv": "SE"}[lang]))
    d.add(f"\nHire date: {fmt_date(*rdate(2012, 2024), lang='en', style='iso')} | Review date: 2025-11-{R.randint(10, 28)}\n")


def f_ats_resume(d):
    lang = R.choice(["en", "fr", "it", "pl", "pt", "es", "de", "tr", "en"])
    fn, ln = person()
    L = LBL[lang]
    cc = {"en": R.choice(["US", "UK", "IN", "AU", "SG"]), "fr": "FR", "it": "IT", "pl": "PL", "pt": "BR", "es": "ES", "de": "DE", "tr": "TR"}[lang]
    d.add(f"{fn.upper()} {ln.upper()}\n{R.choice(['Senior Data Engineer', 'Ingénieure DevOps', 'Analista contabile', 'Specjalista ds. kadr', 'Desenvolvedor Full-Stack', 'Enfermera', 'Projektleiter', 'Yazılım Mühendisi'])}\n")
    d.add(f"{R.choice(L['email'])}: ")
    d.e("EMAIL_ADDRESS", email(fn, ln))
    d.add(" | " + R.choice(L["phone"]) + ": ")
    emit_phone(d, cc)
    d.add(f" | linkedin.com/in/{ascii_fold(fn).lower()}-{ascii_fold(ln).lower()}-{rs(LO + DIG, 6)}\n")
    if lang in ("de", "it", "pl", "tr", "fr", "es", "pt") or R.random() < 0.3:
        d.add(f"{R.choice(L['dob'])}: ")
        d.e("DATE_OF_BIRTH", dob(dob_lang(lang)))
        d.add("\n")
    if lang == "it":
        d.add("Codice fiscale: ")
        d.e("IT_FISCAL_CODE", fiscal_code())
        d.add("\n")
    if lang == "pl":
        d.add("PESEL: ")
        d.e("PL_PESEL", pesel())
        d.add("\n")
    if lang == "es" and R.random() < 0.7:
        d.add("DNI: ")
        d.e("ES_NIF", nif())
        d.add("\n")
    if lang == "pt" and R.random() < 0.7:
        d.add("CPF: ")
        d.e("BR_CPF", cpf())
        d.add("\n")
    d.add(f"\nEXPERIENCE\n{R.randint(2014, 2020)}–{R.randint(2021, 2025)}  {R.choice(['Kestrel Analytics', 'Banca Lombarda', 'Nordvik', 'Fintrax'])}\n")
    d.add(f"  - Migrated 40 services to Kubernetes 1.29.4; on-call for {R.randint(3, 9)} clusters\n  - Certified: AWS SAA (validation {rs(UP + DIG, 10)})\n")
    d.add(f"EDUCATION\n  MSc, {R.choice(['TU Delft', 'Politecnico di Milano', 'Uniwersytet Warszawski', 'USP', 'IIT Bombay'])}, {R.randint(2008, 2018)}\n")
    d.add(f"\n--- ATS export {uuid4()} | candidate_id={rd(8)} | source=referral | stage=Phone screen | recruiter=")
    d.e("EMAIL_ADDRESS", email(None, None, "talent." + R.choice(["kestrel.io", "nordvik.no", "fintrax.com"])))
    d.add("\n")


def f_legal(d):
    lang = R.choice(["en", "en", "es", "it", "nl", "de"])
    fn, ln = person()
    if lang == "en":
        d.add(f"MUTUAL NON-DISCLOSURE AGREEMENT\n\nThis Agreement is made on {fmt_date(*rdate(2023, 2025), lang='en-US', style='spelled')} between "
              f"{R.choice(['Kestrel Analytics LLC', 'Harbor & Vine Inc.'])} (EIN {rd(2)}-{rd(7)}) and {fn} {ln}, an individual "
              f"residing at {R.randint(10, 999)} {R.choice(['Elm St', 'Harbor Rd', 'Maple Ave'])}, holder of U.S. passport no. ")
        d.e("US_PASSPORT", passport())
        d.add(" (the \"Recipient\").\n\n1. Confidential Information. ... \n\nNotices shall be sent to ")
        d.e("EMAIL_ADDRESS", email(fn, ln))
        d.add(" or by phone to ")
        d.e("PHONE_NUMBER", phone("US"))
        d.add(f".\n\nCase ref. {rd(2)}-cv-{rd(5)} (D. Del.) is not affected. Docket entry {rd(3, '2345678')}-{rd(3)}-{rd(4)}.\n")
        if R.random() < 0.6:
            d.add("\nRecipient SSN (for 1099 reporting only): ")
            d.e("US_SSN", ssn())
            d.add("\nPayments by ACH: routing number ")
            d.e("US_BANK_ROUTING", routing())
            d.add(f", account {rd(10)}.\n")
        d.add(f"\nSigned: ______  Date of birth of signatory: ")
        d.e("DATE_OF_BIRTH", dob("en-US"))
        d.add("\n")
    elif lang == "es":
        d.add(f"PODER NOTARIAL\n\nEn Madrid, a {fmt_date(*rdate(2022, 2025), lang='es', style='spelled')}, ante mí, comparece D./Dña. {fn} {ln}, "
              f"nacido/a el ")
        d.e("DATE_OF_BIRTH", dob("es"))
        d.add(", con DNI ")
        d.e("ES_NIF", nif())
        d.add(", con domicilio a efectos de notificaciones en ")
        d.e("EMAIL_ADDRESS", email(fn, ln))
        d.add(" y teléfono ")
        d.e("PHONE_NUMBER", phone("ES"))
        d.add(f". Protocolo n.º {rd(4)}/{R.randint(2022, 2025)}. Cuenta para honorarios: ")
        d.e("IBAN", iban("ES"))
        d.add(".\n")
    elif lang == "it":
        d.add(f"ACCORDO DI RISERVATEZZA\n\nTra {R.choice(['Banca Lombarda S.p.A.', 'Studio Ferri & Associati'])} (P.IVA {rd(11)}) e il/la Sig./Sig.ra {fn} {ln}, nato/a a Roma il ")
        d.e("DATE_OF_BIRTH", dob("it"))
        d.add(", codice fiscale ")
        d.e("IT_FISCAL_CODE", fiscal_code())
        d.add(", PEC ")
        d.e("EMAIL_ADDRESS", f"{ascii_fold(ln).lower()}.{ascii_fold(fn).lower()}@pec.it")
        d.add(f".\nR.G. n. {rd(4)}/{R.randint(2020, 2025)} Tribunale di Milano. IBAN per pagamenti: ")
        d.e("IBAN", iban("IT"))
        d.add("\n")
    elif lang == "nl":
        d.add(f"GEHEIMHOUDINGSOVEREENKOMST\n\nDe ondergetekende {fn} {ln}, geboren op ")
        d.e("DATE_OF_BIRTH", dob("nl"))
        d.add(", BSN ")
        d.e("NL_BSN", bsn())
        d.add(", e-mail ")
        d.e("EMAIL_ADDRESS", email(fn, ln))
        d.add(f", KvK-nummer {rd(8)}, rekening ")
        d.e("IBAN", iban("NL"))
        d.add(".\nZaaknummer C/13/" + rd(6) + " / HA ZA " + rd(2) + "-" + rd(3) + ".\n")
    else:
        d.add(f"KLAGESCHRIFT\n\nIn dem Rechtsstreit {fn} {ln}, geb. ")
        d.e("DATE_OF_BIRTH", dob("de"))
        d.add(", Tel. ")
        d.e("PHONE_NUMBER", phone("DE"))
        d.add(f"\n– Kläger –\nAz.: {rd(2)} O {rd(3)}/{R.randint(20, 25)}\nBankverbindung für Kostenerstattung: ")
        d.e("IBAN", iban(R.choice(["DE", "AT", "CH"])))
        d.add(f"\nStreitwert: {R.randint(5, 90)}.000 EUR (Rechnung {rd(3, '2345678')}-{rd(3)}-{rd(4)})\n")


def f_mortgage(d):
    v = R.choice(["us", "us", "uk", "au"])
    fn, ln = person()
    if v == "us":
        d.add(f"Uniform Residential Loan Application — Section 1a. Personal Information\nName: {fn} {ln}\nSocial Security Number: ")
        d.e("US_SSN", ssn())
        d.add(" (or Individual Taxpayer Identification Number)\nDate of Birth (mm/dd/yyyy): ")
        d.e("DATE_OF_BIRTH", dob("en-US"))
        d.add("\nHome Phone: ")
        d.e("PHONE_NUMBER", phone("US"))
        d.add("   Cell Phone: ")
        d.e("PHONE_NUMBER", phone("US"))
        d.add("\nEmail: ")
        d.e("EMAIL_ADDRESS", email(fn, ln))
        if R.random() < 0.5:
            d.add("\nCo-borrower ITIN: ")
            d.e("US_ITIN", itin())
        d.add(f"\nSection 2a. Assets — Checking, {R.choice(['Chase', 'Wells Fargo', 'Navy Federal'])}, ABA ")
        d.e("US_BANK_ROUTING", routing())
        d.add(f", acct ****{rd(4)}, balance $ {R.randint(3, 90)},{rd(3)}.00\nLoan #: {rd(10)}  MERS MIN: {rd(18)}  NMLS ID: {rd(6)}\n")
        d.add(f"Property: parcel {rd(3)}-{rd(3)}-{rd(3)}  appraisal {rd(3, '2345678')}-{rd(3)}-{rd(4)}\n")
    elif v == "uk":
        d.add(f"Mortgage fact-find (Decision in Principle)\nApplicant 1: {fn} {ln}\nDOB: ")
        d.e("DATE_OF_BIRTH", dob("en"))
        d.add("\nNI number: ")
        d.e("UK_NINO", nino())
        d.add("\nMobile: ")
        d.e("PHONE_NUMBER", phone("UK"))
        d.add("\nCurrent account for DD: sort code " + f"{rd(2)}-{rd(2)}-{rd(2)}" + " / IBAN ")
        d.e("IBAN", iban("GB"))
        d.add(f"\nEmployer ref: {rs(UP, 3)}/{rd(5)}  Case ID {uuid4()}\n")
    else:
        d.add(f"Home loan application — Applicant details\nFull name: {fn} {ln}\nDate of birth: ")
        d.e("DATE_OF_BIRTH", dob("en"))
        d.add("\nTax File Number: ")
        d.e("AU_TFN", tfn())
        d.add("\nMobile: ")
        d.e("PHONE_NUMBER", phone("AU"))
        d.add(f"\nABN (employer): {rd(2)} {rd(3)} {rd(3)} {rd(3)}\nBSB {rd(3)}-{rd(3)} Acct {rd(8)}\n")


def f_underwriting(d):
    fn, ln = person()
    d.add(f"UW NOTES — file {rd(9)} — {fn} {ln}\n")
    d.add(f"{fmt_date(*rdate(2025, 2025), lang='en-US', style='num')} mk: Pulled tri-merge; mid score {R.randint(610, 800)}. SSN ")
    d.e("US_SSN", ssn())
    d.add(" matches SSA-89 (born ")
    d.e("DATE_OF_BIRTH", dob("en-US"))
    d.add(").\n")
    d.add(f"  - VOE: called employer HR at ")
    d.e("PHONE_NUMBER", phone("US"))
    d.add(f", confirmed since {R.randint(2012, 2023)}.\n  - Large deposit ${R.randint(5, 40)},000 on {fmt_date(*rdate(2025, 2025), lang='en-US', style='num')} from acct at routing ")
    d.e("US_BANK_ROUTING", routing())
    d.add(" — LOE requested.\n")
    d.add(f"  - Gift funds wired from father; donor passport ")
    d.e("US_PASSPORT", passport())
    d.add(" on gift letter.\n")
    lab, v = neg_value(R.choice(["ssn_bad", "card_bad", "order_phone"]))
    d.add(f"  - Note: number {v} on the bank statement is a {lab} reference, not PII of borrower.\n")
    d.add(f"  - Conditions: 1) 2yr W-2s 2) payoff for auto loan {rd(3, '2345678')}-{rd(3)}-{rd(4)}\n")


def f_kyc_aml(d):
    k = pick(["SG", "IN", "BR", "TR", "AE", "ES", "IT", "PL"], lambda c: {"SG": "SG_NRIC", "IN": "IN_AADHAAR", "BR": "BR_CPF", "TR": "~", "AE": "~", "ES": "ES_NIF", "IT": "IT_FISCAL_CODE", "PL": "PL_PESEL"}[c])
    fn, ln = person()
    lang = {"SG": "en", "IN": R.choice(["en", "hi"]), "BR": "pt", "TR": "tr", "AE": R.choice(["ar", "en"]), "ES": "es", "IT": "it", "PL": "pl"}[k]
    L = LBL[lang]
    d.add(f"KYC/AML case {rs(UP, 3)}-{rd(6)} | alert: {R.choice(['structuring', 'rapid movement of funds', 'crypto off-ramp', 'PEP match'])} | analyst: {R.choice(['jkoh', 'mfernandes', 'a.nowak'])}\n")
    d.add(f"Subject: {fn} {ln}\n{R.choice(L['dob'])}: ")
    d.e("DATE_OF_BIRTH", dob(dob_lang(lang)))
    d.add("\n")
    if k == "SG":
        emit_natid(d, "SG", "en")
    elif k == "IN":
        emit_natid(d, "IN", lang)
        d.add("\n")
        emit_natid(d, "IN_PAN", lang)
    elif k == "BR":
        emit_natid(d, "BR", "pt")
    elif k == "TR":
        d.add(f"T.C. Kimlik No: {rd(11, '123456789')} (taksonomi dışı)")
    elif k == "AE":
        d.add(f"Emirates ID: 784-{rd(4)}-{rd(7)}-{rd(1)}")
    elif k == "ES":
        emit_natid(d, "ES", "es")
    elif k == "IT":
        emit_natid(d, "IT", "it")
    else:
        emit_natid(d, "PL", "pl")
    d.add(f"\n{R.choice(L['phone'])}: ")
    emit_phone(d, {"SG": "SG", "IN": "IN", "BR": "BR", "TR": "TR", "AE": "AE", "ES": "ES", "IT": "IT", "PL": "PL"}[k])
    d.add(f"\n{R.choice(L['email'])}: ")
    d.e("EMAIL_ADDRESS", email(fn, ln))
    d.add("\nLogin IPs (last 30d): ")
    for i in range(R.randint(1, 3)):
        if i:
            d.add(", ")
        d.e("IP_ADDRESS", ipv4() if R.random() < 0.75 else ipv6())
    d.add("\nOutbound crypto withdrawals to ")
    d.e("CRYPTO_WALLET", wallet())
    if R.random() < 0.5:
        d.add(" and ")
        d.e("CRYPTO_WALLET", wallet())
    d.add(f" (tx {neg_value('txhash')[1]})\n")
    if R.random() < 0.5:
        d.add(f"Counterparty wallet {wallet_bad()} failed checksum on paste — analyst typo, disregard.\n")
    d.add("Funding account: ")
    d.e("IBAN", iban(R.choice(["DE", "NL", "ES", "IT", "PL", "FR", "PT", "IE"])))
    d.add(f"\nSAR decision: {R.choice(['file', 'no file', 'escalate to MLRO'])}. Screening ref {uuid4()}.\n")


def f_fraud_ticket(d):
    fn, ln = person()
    d.add(f"FRAUD-{rd(5)} [{R.choice(['P1', 'P2', 'P3'])}] Account takeover suspected — {fn} {ln}\nReporter: ")
    d.e("EMAIL_ADDRESS", email(None, None, "risk." + R.choice(["payfast.dev", "kestrel.io", "shopmore.com"])))
    d.add("\n\nTimeline:\n")
    d.add(f"- {R.randint(0, 23):02d}:{R.randint(10, 59)} password reset from new device IMEI ")
    d.e("IMEI", imei())
    d.add(", Wi-Fi MAC ")
    d.e("MAC_ADDRESS", mac())
    d.add("\n- login from ")
    d.e("IP_ADDRESS", ipv4())
    d.add(f" (ASN {R.randint(1000, 60000)}, {R.choice(['NL', 'RO', 'VN', 'US'])}); previous known IP ")
    d.e("IP_ADDRESS", ipv4() if R.random() < 0.6 else ipv6())
    d.add("\n- card added: ")
    d.e("CREDIT_CARD", card())
    d.add(f" (BIN country mismatch); original card {masked_card()}\n")
    d.add("- contact phone changed to ")
    d.e("PHONE_NUMBER", phone())
    d.add(f"\n- rejected test card {card_bad()} (Luhn fail) x{R.randint(3, 12)}\n")
    d.add(f"Device fingerprint {sha(64)}; session {uuid4()}; app build {neg_value('version')[1]}\n")
    d.add(f"Related order numbers: {rd(3, '2345678')}-{rd(3)}-{rd(4)}, {rd(3, '2345678')}-{rd(3)}-{rd(4)} (not phones)\n")


def f_radiology(d):
    fn, ln = person()
    code, desc = icd()
    d.add(f"{R.choice(['CT CHEST W/O CONTRAST', 'MRI LUMBAR SPINE', 'XR KNEE 3 VIEWS RIGHT', 'US ABDOMEN COMPLETE'])}\n")
    d.add(f"Patient: {ln.upper()}, {fn.upper()}   MRN: ")
    d.e("MEDICAL_RECORD_NUMBER", mrn())
    d.add("   DOB: ")
    d.e("DATE_OF_BIRTH", dob("en-US"))
    d.add(f"\nAccession: {rd(10)}   Exam date: {fmt_date(*rdate(2025, 2025), lang='en-US', style='num')}\n")
    d.add(f"Ordering: Dr. {R.choice(LAST)} (NPI ")
    d.e("US_NPI", npi())
    d.add(")\nIndication: " + desc + " [")
    d.e("ICD10_CODE", code)
    d.add("]\nTechnique: " + R.choice(["Axial images, 1.25 mm", "Sagittal T1/T2, axial T2", "AP, lateral and sunrise views"]) +
          f". DLP {R.randint(100, 900)} mGy-cm. Study UID 1.2.840.{rd(5)}.{rd(3)}.{rd(2)}.{rd(8)}\n")
    d.add("FINDINGS:\n" + R.choice(["No focal consolidation. 6 mm nodule RUL, unchanged.", "Mild disc desiccation L4-5 without stenosis.",
                                    "Moderate medial compartment narrowing.", "Gallbladder with several shadowing stones."]) + "\n")
    d.add("IMPRESSION:\n1. Findings consistent with ")
    c2, d2 = icd()
    d.add(d2 + " (ICD-10 ")
    d.e("ICD10_CODE", c2)
    d.add(f").\nDictated by {R.choice(LAST)}, MD; read at workstation {neg_value('version')[1]} / PACS host ")
    d.e("IP_ADDRESS", ipv4_private(), ignore=True)
    d.add("\n")


def f_clinical_crf(d):
    d.add(f"CASE REPORT FORM — Protocol {rs(UP, 3)}-{rd(3)}-{rd(3)} — Visit {R.choice(['Screening', 'Baseline', 'Week 12'])}\n")
    d.add(f"Site {rd(3)} | Subject ID {rd(3)}-{rd(4)} | Randomization {rs(UP, 1)}{rd(5)}\n")
    d.add("Source MRN: ")
    d.e("MEDICAL_RECORD_NUMBER", mrn())
    d.add("\nDate of birth: ")
    d.e("DATE_OF_BIRTH", dob(R.choice(["en-US", "en"])))
    d.add(f"   Sex: {R.choice('MF')}   Consent signed: {fmt_date(*rdate(2024, 2025), lang='en', style='iso')}\n")
    d.add("Medical history (MedDRA/ICD-10):\n")
    for _ in range(R.randint(1, 3)):
        c, desc = icd()
        d.add(f"  [x] {desc} — ICD-10 ")
        d.e("ICD10_CODE", c)
        d.add(f" — onset {R.randint(1995, 2024)}\n")
    d.add(f"Concomitant meds: metformin 500 mg BID (lot {rs(UP, 2)}{rd(6)}, NDC {rd(5)}-{rd(4)}-{rd(2)})\n")
    d.add(f"Principal investigator: Dr. {R.choice(LAST)}  NPI ")
    d.e("US_NPI", npi())
    d.add("  DEA ")
    d.e("US_DEA", dea(R.choice(LAST)))
    d.add(f"\nCRA query {rd(5)}: please reconcile lab accession {rd(9)}. Coordinator: ")
    d.e("EMAIL_ADDRESS", email())
    d.add("\n")
    if R.random() < 0.4:
        d.add("Medicare Beneficiary Identifier: ")
        d.e("US_MBI", mbi())
        d.add("\n")


def f_fhir_coverage(d):
    fn, ln = person()
    d.add('{\n  "resourceType": "Bundle",\n  "type": "collection",\n  "entry": [\n    {"resource": {"resourceType": "Patient", "id": "' + uuid4() + '",\n')
    d.add('      "identifier": [{"system": "http://hospital.example.org/mrn", "value": "')
    d.e("MEDICAL_RECORD_NUMBER", mrn())
    d.add('"}, {"system": "http://hl7.org/fhir/sid/us-mbi", "value": "')
    d.e("US_MBI", mbi())
    d.add('"}],\n      "name": [{"family": "' + ln + '", "given": ["' + fn + '"]}],\n      "telecom": [{"system": "phone", "value": "')
    d.e("PHONE_NUMBER", phone("US"))
    d.add('"}, {"system": "email", "value": "')
    d.e("EMAIL_ADDRESS", email(fn, ln))
    d.add('"}],\n      "birthDate": "')
    d.e("DATE_OF_BIRTH", fmt_date(*rdate(), style="iso"))
    d.add('"}},\n    {"resource": {"resourceType": "Coverage", "id": "cov-' + rd(5) + '", "status": "active",\n')
    d.add('      "subscriberId": "' + rs(UP, 3) + rd(9) + '", "period": {"start": "2025-01-01"},\n')
    d.add('      "payor": [{"display": "Medicare Part B"}]}},\n')
    d.add('    {"resource": {"resourceType": "Practitioner", "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "')
    d.e("US_NPI", npi())
    d.add('"}, {"system": "urn:oid:2.16.840.1.113883.4.814", "value": "')
    d.e("US_DEA", dea(R.choice(LAST)))
    d.add('"}]}},\n    {"resource": {"resourceType": "Condition", "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "')
    c, desc = icd()
    d.e("ICD10_CODE", c)
    d.add('", "display": "' + desc + '"}]}}}\n  ],\n  "meta": {"versionId": "' + R.choice(["1", "7", "12"]) + '", "source": "#' + rs(LO + DIG, 16) + '"}\n}')


def f_school_record(d):
    v = pick(["ca", "au", "us", "uk", "ca_fr"], lambda k: {"ca": "CA_SIN", "ca_fr": "CA_SIN", "au": "AU_TFN", "us": "US_SSN", "uk": "UK_NINO"}[k])
    fn, ln = person()
    d.add(f"{'Dossier étudiant' if v == 'ca_fr' else 'STUDENT RECORD'} — {R.choice(['Registrar', 'Admissions', 'Financial Aid'])}\n")
    d.add(f"Student ID: {rd(8)}   Name: {ln}, {fn}\n")
    d.add("Date de naissance: " if v == "ca_fr" else "Birth date: ")
    d.e("DATE_OF_BIRTH", dob("fr" if v == "ca_fr" else ("en-US" if v == "us" else "en")))
    d.add("\n")
    if v in ("ca", "ca_fr"):
        d.add("NAS / SIN (for T2202): " if v == "ca_fr" else "SIN (for T2202 tuition slip): ")
        d.e("CA_SIN", sin())
    elif v == "au":
        d.add("Tax File Number (HELP loan): ")
        d.e("AU_TFN", tfn())
        d.add(f"\nUSI: {rs(UP + DIG, 10)}  CHESSN: {rd(10)}")
    elif v == "us":
        d.add("SSN (FAFSA): ")
        d.e("US_SSN", ssn())
        d.add(f"\nFSA ID on file; EFC {R.randint(0, 30000)}")
    else:
        d.add("NI number (SLC): ")
        d.e("UK_NINO", nino())
    d.add("\nUniversity email: ")
    d.e("EMAIL_ADDRESS", f"{ascii_fold(fn).lower()[0]}{ascii_fold(ln).lower()}{rd(2)}@{R.choice(['mail.utoronto.ca', 'student.unimelb.edu.au', 'uw.edu', 'ed.ac.uk', 'umontreal.ca'])}")
    d.add("\nGuardian phone: ")
    d.e("PHONE_NUMBER", phone({"ca": "US", "ca_fr": "US", "au": "AU", "us": "US", "uk": "UK"}[v]))
    d.add(f"\nGPA {R.randint(2, 3)}.{rd(2)}  Course codes: CHEM 1A03, MATH 2{rd(3)}, B20 (lab room)\n")
    d.add(f"Transcript hash {sha(64)}\n")


def f_benefit_letter(d):
    v = pick(["uk", "us_ssa", "us_cms", "au", "nl", "ca", "pl"], lambda k: {"uk": "UK_NINO", "us_ssa": "US_SSN", "us_cms": "US_MBI", "au": "AU_TFN", "nl": "NL_BSN", "ca": "CA_SIN", "pl": "PL_PESEL"}[k])
    fn, ln = person()
    if v == "uk":
        d.add(f"Department for Work and Pensions\nYour Universal Credit payment\n\nDear {fn} {ln},\nNational Insurance number: ")
        d.e("UK_NINO", nino())
        d.add("\nWe will pay £" + str(R.randint(300, 1400)) + ".27 into the account ending " + rd(4) + ".\nIf you need to call us: ")
        d.e("PHONE_NUMBER", "0800 328 5644", ignore=True)  # public helpline: debatable
        d.add(" (free helpline)\n")
        d.add("Your reference: " + rs(UP, 2) + rd(6) + "\n")
        if R.random() < 0.5:
            d.add("NHS number on your claim for health element: ")
            d.e("UK_NHS", nhs())
            d.add("\n")
    elif v == "us_ssa":
        d.add(f"SOCIAL SECURITY ADMINISTRATION\nNotice of Award\n\n{fn} {ln}\nClaim number / SSN: ")
        d.e("US_SSN", ssn("-"))
        d.add("\nYou were born on ")
        d.e("DATE_OF_BIRTH", dob("en-US"))
        d.add(f". Your monthly benefit will be ${R.randint(900, 3800)}.00 beginning {fmt_date(2026, 1, 1, 'en-US', 'spelled')}.\nDirect deposit routing number: ")
        d.e("US_BANK_ROUTING", routing())
        d.add(f"\nBNC#: {rd(2)}{rs(UP, 2)}{rd(6)}\n")
    elif v == "us_cms":
        d.add(f"Welcome to Medicare\n{fn} {ln}\nMedicare Number: ")
        d.e("US_MBI", mbi())
        d.add(f"\nEntitled to HOSPITAL (PART A) {fmt_date(*rdate(2024, 2026), lang='en-US', style='num')}\nCall 1-800-MEDICARE (")
        d.e("PHONE_NUMBER", "1-800-633-4227", ignore=True)  # public helpline: debatable
        d.add(").\n")
        if R.random() < 0.5:
            d.add("Example card in this booklet: ")
            d.e("US_MBI", "1EG4-TE5-MK73", ignore=True)
            d.add("\n")
    elif v == "au":
        d.add(f"Services Australia — Centrelink\nCustomer: {fn} {ln}  CRN {rd(9)}{rs(UP, 1)}\nTFN provided: ")
        d.e("AU_TFN", tfn())
        d.add("\nPhone: ")
        d.e("PHONE_NUMBER", phone("AU"))
        d.add("\n")
    elif v == "nl":
        d.add(f"Uitvoeringsinstituut Werknemersverzekeringen (UWV)\nBetreft: WW-uitkering\n\nGeachte {fn} {ln},\nBurgerservicenummer: ")
        d.e("NL_BSN", bsn())
        d.add("\nWij maken het bedrag over op rekening ")
        d.e("IBAN", iban("NL"))
        d.add(f".\nKenmerk: {rd(9)} — Dit is geen telefoonnummer.\n")
    elif v == "ca":
        d.add(f"Service Canada — Employment Insurance\n{fn} {ln}\nSocial Insurance Number: ")
        d.e("CA_SIN", sin())
        d.add(f"\nAccess code: {rd(4)}  Date of birth: ")
        d.e("DATE_OF_BIRTH", dob("en"))
        d.add("\n")
    else:
        d.add(f"ZUS — Zakład Ubezpieczeń Społecznych\nDecyzja w sprawie emerytury\n{fn} {ln}\nPESEL: ")
        d.e("PL_PESEL", pesel())
        d.add("\nData urodzenia: ")
        d.e("DATE_OF_BIRTH", dob("pl"))
        d.add("\nNumer rachunku: ")
        d.e("IBAN", iban("PL"))
        d.add(f"\nZnak sprawy: {rd(4)}-{rd(6)}\n")


def f_utility_bill(d):
    lang = R.choice(["de", "fr", "it", "nl", "es", "pl", "sv", "en"])
    fn, ln = person()
    L = LBL[lang]
    title = {"de": "Jahresabrechnung Strom", "fr": "Facture d'électricité", "it": "Bolletta luce e gas", "nl": "Jaarnota energie",
             "es": "Factura de gas natural", "pl": "Faktura za energię", "sv": "Elräkning", "en": "Your water bill"}[lang]
    d.add(f"{title}\n{L['name']}: {fn} {ln}\n")
    d.add(f"{'Kundennummer' if lang == 'de' else 'Account no.'}: {rd(10)}  | Meter {rs(UP, 2)}{rd(8)} | POD/EAN {rd(18)}\n")
    d.add(f"{R.choice(L['email'])}: ")
    d.e("EMAIL_ADDRESS", email(fn, ln))
    d.add(f"\n{R.choice(L['phone'])}: ")
    emit_phone(d, LANG_PHONE[lang] if lang != "en" else "UK")
    d.add("\n")
    if lang != "en":
        d.add({"de": "SEPA-Lastschrift von", "fr": "Prélèvement SEPA sur", "it": "Addebito SDD su", "nl": "Automatische incasso van",
               "es": "Domiciliación en", "pl": "Polecenie zapłaty z", "sv": "Autogiro från"}[lang] + " ")
        ib = iban(LANG_IBAN.get(lang, "SE") if lang != "sv" else "SE", grouped=True)
        if R.random() < 0.25:  # printed bill: the IBAN wraps at a group boundary, still one value
            g = ib.split(" ")
            k = R.randint(2, len(g) - 2)
            ib = " ".join(g[:k]) + "\n" + " ".join(g[k:])
        d.e("IBAN", ib)
        d.add(f"\nGläubiger-ID / Creditor ID: {R.choice(['DE', 'FR', 'IT', 'NL'])}{rd(2)}ZZZ{rd(8)}\nMandatsreferenz: {rs(UP, 3)}{rd(9)}\n")
    else:
        d.add("Direct Debit from sort code " + f"{rd(2)}-{rd(2)}-{rd(2)}" + ", account " + rd(8) + "\n")
    d.add(f"Total: {R.randint(40, 600)},{rd(2)} EUR   Invoice {rd(3, '2345678')}-{rd(3)}-{rd(4)}\n")
    if R.random() < 0.3:
        d.add(f"Smart meter gateway MAC ")
        d.e("MAC_ADDRESS", mac())
        d.add("\n")


def f_mobile_analytics(d):
    uid = rs(B62, 20)
    for _ in range(R.randint(3, 5)):
        ev = R.choice(["app_open", "sign_up", "purchase", "profile_update", "crash"])
        d.add('{"event":"' + ev + '","ts":' + str(1763000000000 + R.randint(0, 10 ** 9)) + ',"user_pseudo_id":"' + uid + '","idfa":"' + uuid4().upper() + '"')
        r = R.random()
        if r < 0.25:
            d.add(',"device":{"imei":"')
            d.e("IMEI", imei(False))
            d.add('","os":"Android 14","build":"' + neg_value("version")[1] + '"}')
        elif r < 0.45:
            d.add(',"net":{"wifi_bssid":"')
            d.e("MAC_ADDRESS", mac(":"))
            d.add('","ip":"')
            d.e("IP_ADDRESS", ipv4())
            d.add('"}')
        elif r < 0.65 and ev in ("sign_up", "profile_update"):
            d.add(',"user_properties":{"email":"')
            d.e("EMAIL_ADDRESS", email())
            d.add('","phone":"')
            d.e("PHONE_NUMBER", phone(R.choice(["US", "IN", "BR", "JP", "CN"])))
            d.add('","birthday":"')
            d.e("DATE_OF_BIRTH", fmt_date(*rdate(1970, 2007), style="iso"))
            d.add('"}')
        elif r < 0.8:
            d.add(',"ip":"')
            d.e("IP_ADDRESS", ipv6())
            d.add('","app_version":"' + f"{R.randint(1, 9)}.{R.randint(0, 30)}.{R.randint(0, 9)}" + '"')
        else:
            d.add(',"order_id":"' + f"{rd(3, '2345678')}-{rd(3)}-{rd(4)}" + '","value":' + str(R.randint(5, 300)) + '.99')
        d.add("}\n")


def f_sentry_event(d):
    d.add('{"event_id": "' + sha(32) + '", "level": "error", "platform": "' + R.choice(["python", "node", "java"]) + '",\n')
    d.add(' "exception": {"values": [{"type": "' + R.choice(["OperationalError", "StripeAuthenticationError", "HTTPError"]) + '", "value": "')
    r = R.random()
    if r < 0.4:
        d.add("could not connect to server: postgresql://svc_billing:")
        d.e("DATABASE_URL_WITH_PASSWORD", db_password())
        d.add("@10.4.2.17:5432/billing timed out")
    elif r < 0.7:
        d.add("Invalid API Key provided: ")
        d.e("STRIPE_SECRET_KEY", stripe_key())
    else:
        d.add("401 Unauthorized for url: https://api.example-crm.com/v2/contacts?email=")
        d.e("EMAIL_ADDRESS", email())
    d.add('"}]},\n "request": {"url": "https://app.' + R.choice(["kestrel.io", "shopmore.com"]) + '/api/checkout", "headers": {\n')
    d.add('   "Authorization": "Bearer ')
    d.e("JWT", jwt())
    d.add('",\n   "X-Forwarded-For": "')
    d.e("IP_ADDRESS", ipv4())
    d.add(', ')
    d.e("IP_ADDRESS", ipv4_private(), ignore=True)
    d.add('"}},\n "user": {"id": "' + rd(7) + '", "email": "')
    d.e("EMAIL_ADDRESS", email())
    d.add('", "ip_address": "')
    d.e("IP_ADDRESS", ipv4() if R.random() < 0.6 else ipv6())
    d.add('"},\n "contexts": {"runtime": {"version": "3.11.7"}, "os": {"build": "' + neg_value("version")[1] + '"}},\n')
    d.add(' "extra": {"env": {\n')
    pool = ["OPENAI_API_KEY", "SENDGRID_API_KEY", "TWILIO_API_KEY", "AWS_SECRET_ACCESS_KEY", "GOOGLE_API_KEY",
            "ANTHROPIC_API_KEY", "SLACK_WEBHOOK_URL", "HUGGINGFACE_TOKEN"]
    for _ in range(R.randint(1, 3)):
        t = pick(pool)
        pool.remove(t)
        emit_secret(d, t, "json", "   ")
    d.add('   "RELEASE": "' + sha(40) + '"}},\n "fingerprint": ["' + sha(32) + '"]}')


def f_k8s_pod_logs(d):
    pod = R.choice(["rag-indexer", "payments-api", "notifier", "etl-worker"]) + "-" + rs(LO + DIG, 10) + "-" + rs(LO + DIG, 5)
    d.add(f"$ kubectl logs -n prod {pod} --since=1h\n")
    for _ in range(R.randint(4, 7)):
        ts = f"2025-11-{R.randint(1, 28):02d}T{R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}.{rd(3)}Z"
        r = R.random()
        if r < 0.2:
            d.add(f"{ts} INFO  connecting to mongodb+srv://indexer:")
            d.e("DATABASE_URL_WITH_PASSWORD", db_password())
            d.add("@cluster0.x1y2z.mongodb.net/docs?retryWrites=true\n")
        elif r < 0.35:
            d.add(f'{ts} DEBUG outbound headers={{"Authorization": "token ')
            t = pick(["GITHUB_TOKEN", "GITLAB_TOKEN", "HUGGINGFACE_TOKEN", "NPM_TOKEN"])
            d.e(t, SECRET_GEN[t]())
            d.add('"}\n')
        elif r < 0.5:
            d.add(f"{ts} WARN  rate limited client=")
            d.e("IP_ADDRESS", ipv4())
            d.add(f" path=/v1/search?q=invoice&user=")
            d.e("EMAIL_ADDRESS", email().replace("@", "%40") if False else email())
            d.add("\n")
        elif r < 0.6:
            d.add(f"{ts} INFO  env loaded: AWS_ACCESS_KEY_ID=")
            d.e("AWS_ACCESS_KEY_ID", aws_key_id())
            d.add(" AWS_SECRET_ACCESS_KEY=")
            d.e("AWS_SECRET_ACCESS_KEY", aws_secret())
            d.add("\n")
        elif r < 0.7:
            d.add(f"{ts} ERROR slack notify failed webhook=")
            d.e("SLACK_WEBHOOK_URL", slack_webhook())
            d.add(" status=404\n")
        elif r < 0.8:
            d.add(f"{ts} INFO  image sha256:{sha(64)} pulled; node ")
            d.e("IP_ADDRESS", ipv4_private(), ignore=True)
            d.add(f" kubelet v1.{R.randint(26, 31)}.{R.randint(0, 9)}\n")
        elif r < 0.9:
            d.add(f"{ts} INFO  redis AUTH ok (requirepass=")
            d.e("PASSWORD_ASSIGNMENT", password())
            d.add(")\n")
        else:
            d.add(f"{ts} INFO  request_id={uuid4()} trace={sha(32)} build={neg_value('version')[1]}\n")


def f_secret_scan_triage(d):
    d.add(f"### Secret scanning triage — {R.choice(['kestrel/monorepo', 'payfast/api', 'acme/infra'])} — week {R.randint(1, 52)}\n\n")
    d.add("| # | detector | location | verdict |\n|---|---|---|---|\n")
    for i in range(R.randint(3, 6)):
        r = R.random()
        if r < 0.45:
            t = pick(["GITHUB_TOKEN", "NPM_TOKEN", "PYPI_TOKEN", "SLACK_TOKEN", "OPENAI_API_KEY", "GOOGLE_API_KEY",
                          "SENDGRID_API_KEY", "AWS_ACCESS_KEY_ID", "ANTHROPIC_API_KEY", "GITLAB_TOKEN", "TWILIO_API_KEY",
                          "HUGGINGFACE_TOKEN", "STRIPE_SECRET_KEY"])
            d.add(f"| {i + 1} | {t.lower()} | `src/{R.choice(['config', 'scripts', 'tests'])}/{R.choice(['settings.py', 'deploy.sh', 'fixtures.json'])}:{R.randint(3, 300)}` `")
            d.e(t, SECRET_GEN[t]())
            d.add("` | **true positive**, revoked & rotated |\n")
        elif r < 0.65:
            t, v = placeholder()
            d.add(f"| {i + 1} | {t.lower()} | `docs/README.md:{R.randint(3, 90)}` `")
            d.e(t, v, ignore=True)
            d.add("` | false positive (vendor docs example) |\n")
        else:
            lab, v = neg_value(R.choice(["gh_bad", "pk", "sha", "uuid", "txhash", "arn"]))
            d.add(f"| {i + 1} | generic | `{R.choice(['yarn.lock', 'go.sum', 'package-lock.json', 'testdata/fake.txt'])}` `{v}` | false positive ({R.choice(['checksum invalid', 'publishable key', 'hash', 'test data'])}) |\n")
    d.add("\n> @secops: the `")
    t = R.choice(["PRIVATE_KEY_INLINE", "JWT", "AZURE_STORAGE_KEY"])
    if t == "JWT":
        d.add("jwt` alert in `tests/e2e/auth.spec.ts` is real, it was a prod token: `")
        d.e("JWT", jwt())
        d.add("`\n")
    elif t == "AZURE_STORAGE_KEY":
        d.add("azure` one is real: `AccountKey=")
        d.e("AZURE_STORAGE_KEY", azure_key())
        d.add("` (storage acct rotated 2025-11-03)\n")
    else:
        d.add("private_key` hit in `deploy/id_ed25519` is real:\n```\n")
        d.e("PRIVATE_KEY", private_key_pem("openssh"))
        d.add("\n```\nThe `.pub` next to it (`" + ssh_pub_line() + "`) is fine.\n")


def f_env_compose(d):
    v = R.choice(["env", "compose", "both"])
    if v in ("env", "both"):
        d.add(f"# .env.local — {R.choice(['do not commit', 'copied from 1Password', 'staging'])}\nNODE_ENV=production\nPORT={R.choice([3000, 8080, 8000])}\n")
        for _ in range(R.randint(3, 6)):
            emit_secret(d, None, "env")
        if R.random() < 0.7:
            emit_neg_secret(d, "env")
    if v in ("compose", "both"):
        d.add("services:\n  api:\n    image: ghcr.io/kestrel/api@sha256:" + sha(64) + "\n    environment:\n")
        for _ in range(R.randint(2, 4)):
            emit_secret(d, R.choice(SECRET_TYPES[:-1]), "yaml", "      ")
        d.add("  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: ")
        if R.random() < 0.75:
            d.e("PASSWORD_ASSIGNMENT", password())
        else:
            d.add("${POSTGRES_PASSWORD:?err}")
        d.add("\n    ports: [\"5432:5432\"]\n")
        if R.random() < 0.5:
            emit_neg_secret(d, "yaml", "  # ")


def f_github_issue(d):
    d.add(f"**{R.choice(['Helm upgrade fails', 'Webhook returns 403', 'Cannot publish to registry', 'Worker crashes on start'])} after bump to v{R.randint(1, 4)}.{R.randint(0, 20)}.{R.randint(0, 9)}** · Issue #{R.randint(100, 9999)}\n\n")
    d.add(f"@{R.choice(['mkowal', 'tanaka-h', 'ravi-dev', 'sofia-g'])} opened this issue\n\nSteps: `helm upgrade rag ./chart -f values-prod.yaml`\n\n<details><summary>values-prod.yaml</summary>\n\n```yaml\n")
    d.add("global:\n  image:\n    tag: 2.14.3\n")
    for _ in range(R.randint(2, 4)):
        emit_secret(d, None, "yaml", "  ")
    if R.random() < 0.6:
        emit_neg_secret(d, "yaml", "  ")
    d.add("```\n</details>\n\n")
    d.add(f"**Comment** @maintainer-bot: ⚠️ you pasted live credentials. Please rotate. We also saw your node IP ")
    d.e("IP_ADDRESS", ipv4())
    d.add(" in the log.\n\n**Comment** reporter: rotated, thanks. Error persists:\n```\n")
    d.add(f"Error: UPGRADE FAILED: pre-upgrade hooks failed: job rag-migrate {uuid4()} failed: BackoffLimitExceeded\n")
    d.add(f"ssh: handshake failed for git@github.com:kestrel/charts.git (commit {sha(7)})\n```\n")


def f_stackoverflow(d):
    lang = R.choice(["python", "js", "java", "go"])
    d.add(f"Q: {R.choice(['Why does my S3 upload return SignatureDoesNotMatch?', 'Twilio SMS works locally but not in Docker', 'SendGrid 401 in production only', 'JDBC connection refused with SSL'])}\n\n")
    d.add("I've tried everything. Here is my code (keys redacted... mostly):\n\n```" + lang + "\n")
    if lang == "python":
        d.add("import boto3\n\ns3 = boto3.client(\n    's3',\n    aws_access_key_id='")
        d.e("AWS_ACCESS_KEY_ID", aws_key_id())
        d.add("',\n    aws_secret_access_key='")
        d.e("AWS_SECRET_ACCESS_KEY", aws_secret())
        d.add("',\n)\n")
        if R.random() < 0.5:
            d.add("client = Client('")
            d.e("TWILIO_API_KEY", twilio_key())
            d.add("', api_secret, account_sid)\n")
    elif lang == "js":
        d.add("const sg = require('@sendgrid/mail');\nsg.setApiKey('")
        d.e("SENDGRID_API_KEY", sendgrid_key())
        d.add("');\nconst openai = new OpenAI({ apiKey: \"")
        d.e("OPENAI_API_KEY", openai_key())
        d.add("\" });\n// package.json: \"@babel/core@7.22.5\", logo@2x.png\n")
    elif lang == "java":
        d.add("String url = \"jdbc:postgresql://db.prod.local:5432/shop?user=shop&password=")
        d.e("DATABASE_URL_WITH_PASSWORD", db_password())
        d.add("&sslmode=require\";\nConnection c = DriverManager.getConnection(url);\n")
    else:
        d.add("cfg := mysql.Config{User: \"app\", Passwd: \"")
        d.e("PASSWORD_ASSIGNMENT", password())
        d.add("\", Net: \"tcp\", Addr: \"")
        d.e("IP_ADDRESS", ipv4())
        d.add(":3306\"}\n")
    d.add("```\n\nA: Never post real keys — rotate them now. Also the documented example key `")
    t, v = R.choice([p for p in PLACEHOLDERS if p[0] in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "STRIPE_SECRET_KEY")])
    d.e(t, v, ignore=True)
    d.add(f"` only works against the mocks. Use env vars: `os.environ[\"AWS_SECRET_ACCESS_KEY\"]`. Your hash `{sha(40)}` is just the object ETag.\n")
    d.add(f"\n— answered by user{rd(6)}, edited {R.randint(1, 11)} hours ago · {R.randint(0, 40)} upvotes\n")


ML_LANGS = ["sv", "tr", "ar", "ja", "ko", "zh", "hi", "it", "nl", "pl", "ko", "fr", "ja", "zh", "es", "pt", "ar", "de"]
ML_LANGS_INIT = list(ML_LANGS)


def f_multilingual_email(d):
    ML_LANGS.append(ML_LANGS.pop(0))
    lang = ML_LANGS[0]  # round robin so every language appears
    fn, ln = person()
    L = LBL[lang]
    fr_ = email(fn, ln)
    d.add("From: " + fn + " " + ln + " <")
    d.e("EMAIL_ADDRESS", fr_)
    d.add(">\nTo: ")
    d.e("EMAIL_ADDRESS", email(None, None, R.choice(DOMAINS[17:])))
    d.add(f"\nSubject: {R.choice(['Re: ', 'AW: ', 'RE: ', 'Fwd: ', 'TR: '])}{ {'sv': 'Uppgifter för utbetalning', 'tr': 'Ödeme bilgileri', 'ar': 'بيانات الدفع', 'ja': 'お振込先のご連絡', 'ko': '환불 계좌 안내', 'zh': '付款信息', 'hi': 'भुगतान विवरण', 'it': 'Dati per il rimborso', 'nl': 'Gegevens voor terugbetaling', 'pl': 'Dane do zwrotu', 'de': 'Rückerstattung', 'fr': 'Coordonnées pour le remboursement', 'es': 'Datos para el reembolso', 'pt': 'Dados para reembolso'}[lang]}\n")
    d.add(f"Message-ID: <")
    d.e("EMAIL_ADDRESS", f"{uuid4()}@mail.{R.choice(['gmail.com', 'outlook.com'])}", ignore=True)
    d.add(">\n\n")
    body = {"sv": "Hej! Här är mina uppgifter:", "tr": "Merhaba, bilgilerim aşağıdadır:", "ar": "مرحباً، هذه بياناتي:",
            "ja": "お世話になっております。以下の通りご連絡いたします。", "ko": "안녕하세요. 아래 정보를 보내드립니다.", "zh": "您好，以下是我的信息：",
            "hi": "नमस्ते, मेरी जानकारी नीचे है:", "it": "Buongiorno, ecco i miei dati:", "nl": "Hallo, hierbij mijn gegevens:",
            "pl": "Dzień dobry, przesyłam dane:", "de": "Guten Tag, anbei meine Daten:", "fr": "Bonjour, voici mes coordonnées :",
            "es": "Hola, le envío mis datos:", "pt": "Olá, seguem meus dados:"}[lang]
    d.add(body + "\n" + R.choice(L["phone"]) + ": ")
    emit_phone(d, LANG_PHONE.get(lang, "US"))
    d.add("\n" + R.choice(L["dob"]) + ": ")
    d.e("DATE_OF_BIRTH", dob(dob_lang(lang)))
    d.add("\n")
    if lang in ("sv", "it", "nl", "pl", "de", "fr", "es", "pt", "tr"):
        d.add("IBAN: ")
        d.e("IBAN", iban({"sv": "SE", "it": "IT", "nl": "NL", "pl": "PL", "de": "DE", "fr": "FR", "es": "ES", "pt": "PT", "tr": "DE"}[lang]))
        d.add("\n")
    elif lang == "hi":
        emit_natid(d, R.choice(["IN", "IN_PAN"]), "hi")
        d.add("\n")
    elif lang == "zh":
        d.add("新加坡身份证 NRIC: ")
        d.e("SG_NRIC", nric())
        d.add("\n")
    elif lang == "ja":
        d.add(f"注文番号: {rd(3)}-{rd(7)}-{rd(7)}（電話番号ではありません）\n")
    elif lang == "ar":
        d.add("رقم الطلب: " + f"{rd(3, '2345678')}-{rd(3)}-{rd(4)}" + " (ليس رقم هاتف)\n")
    else:
        d.add(f"주문번호 {rd(8)}-{rd(6)}\n")
    d.add(f"\n> On {fmt_date(*rdate(2025, 2025), lang='en', style='iso')} support wrote:\n> Ticket #{rd(6)} — please reply with your details.\n")
    if R.random() < 0.4:  # signature: the text ends with the phone number
        d.add(f"\n-- \n{fn} {ln}\n")
        emit_phone(d, LANG_PHONE.get(lang, "US"))


def f_telegram_export(d):
    d.add('{\n "name": "' + R.choice(["Flat share Lisbon", "Crypto OTC desk", "Family", "Projekt Umzug"]) + '",\n "type": "private_group",\n "messages": [\n')
    n = R.randint(3, 6)
    for i in range(n):
        who = R.choice(FIRST)
        d.add('  {"id": ' + str(1000 + i) + ', "type": "message", "date": "2025-' + f"{R.randint(1, 12):02d}-{R.randint(1, 28):02d}T{R.randint(0, 23):02d}:{R.randint(0, 59):02d}:00" + '", "from": "' + who + '", "from_id": "user' + rd(9) + '", "text": "')
        r = R.random()
        if r < 0.25:
            d.add("send it to my wallet ")
            d.e("CRYPTO_WALLET", wallet())
        elif r < 0.45:
            d.add(jesc("meu pix é o celular ") if R.random() < 0.5 else "call me ")
            d.e("PHONE_NUMBER", phone(R.choice(["BR", "US", "UK", "DE", "SG"])))
        elif r < 0.6:
            d.add("rent goes to ")
            d.e("IBAN", iban(R.choice(["PT", "DE", "NL", "ES"])))
            d.add(jesc(" — ref \"March\""))
        elif r < 0.7:
            d.add("wifi password: ")
            d.e("PASSWORD_ASSIGNMENT", password())
        elif r < 0.8:
            d.add(f"tx is {neg_value('txhash')[1]}, confirmations 12")
        else:
            d.add(jesc(R.choice(["ok 👍", "see you at 8", "👀", "order 301-555-0199 shipped? no idea"]).replace("301-555-0199", f"{rd(3, '2345678')}-{rd(3)}-{rd(4)}")))
        d.add('"}' + ("," if i < n - 1 else "") + "\n")
    d.add(" ]\n}")


def f_voice_assistant(d):
    d.add(f"[assistant session {uuid4()} | locale {R.choice(['en-US', 'en-GB', 'en-AU', 'en-IN'])} | ASR conf 0.{R.randint(80, 99)}]\n")
    d.add(f"USER: hey {R.choice(['Nova', 'Aria', 'Max'])} pay my {R.choice(['phone', 'electric', 'gym'])} bill\n")
    d.add("ASSISTANT: Sure. Which card should I use?\nUSER: use card ")
    d.e("CREDIT_CARD", card(fmt=" "))
    d.add(" expiry " + f"{R.randint(1, 12):02d} {R.randint(26, 31)}" + "\n")
    d.add("ASSISTANT: And a callback number in case the payment fails?\nUSER: ")
    d.e("PHONE_NUMBER", phone(R.choice(["US", "UK", "AU", "IN"])))
    d.add("\nASSISTANT: Done. Confirmation number " + f"{rd(3, '2345678')} {rd(3)} {rd(4)}" + ".\n")
    if R.random() < 0.6:
        d.add("USER: also remind me my social is ")
        d.e("US_SSN", ssn(" "))
        d.add(" for the tax form\nASSISTANT: I can't store that, but I noted the reminder.\n")
    if R.random() < 0.4:
        d.add("USER: set my birthday, I was born on ")
        d.e("DATE_OF_BIRTH", fmt_date(*rdate(), lang="en", style="spelled"))
        d.add("\n")
    d.add(f"[device mac ")
    d.e("MAC_ADDRESS", mac())
    d.add(f" fw {neg_value('version')[1]}]\n")


def f_meeting_notes(d):
    d.add(f"# {R.choice(['Weekly infra sync', 'Incident retro INC-' + rd(4), 'Vendor kickoff', 'Data platform standup'])} — {fmt_date(*rdate(2025, 2025), lang='en', style='iso')}\n\n")
    d.add(f"**Attendees:** {', '.join(R.choice(FIRST) for _ in range(4))}\n\n## Notes\n")
    d.add(f"- Vendor contact: {R.choice(FIRST)} {R.choice(LAST)}, ")
    d.e("EMAIL_ADDRESS", email())
    d.add(", ")
    d.e("PHONE_NUMBER", phone())
    d.add("\n- Staging DB creds (temporary, rotate Friday!): ")
    d.add("`postgres://qa:")
    d.e("DATABASE_URL_WITH_PASSWORD", db_password())
    d.add("@staging-db:5432/app`\n")
    if R.random() < 0.7:
        d.add("- Shared admin login for the partner portal: user `ops`, password `")
        d.e("PASSWORD_ASSIGNMENT", password())
        d.add("`\n")
    t = pick(["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "HUGGINGFACE_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "STRIPE_SECRET_KEY", "PYPI_TOKEN", "GOOGLE_API_KEY", "NPM_TOKEN", "GITHUB_TOKEN"])
    d.add(f"- {R.choice(FIRST)} pasted the eval key in chat: ")
    d.e(t, SECRET_GEN[t]())
    d.add("\n")
    d.add(f"- Release 5.1.0.{R.randint(100, 999)} slipped; root cause in commit {sha(12)}\n- Next review 2025-12-{R.randint(1, 28):02d}\n\n## Action items\n- [ ] rotate keys above\n- [ ] move creds to Vault\n")


def f_negatives(d):
    v = R.choice(["release", "ci", "sbom", "inventory"])
    if v == "release":
        d.add(f"## Release notes v{R.randint(2, 9)}.{R.randint(0, 30)}.{R.randint(0, 9)}\n")
        for _ in range(R.randint(4, 7)):
            lab, val = neg_value()
            d.add(f"- fixed handling of {lab} values like `{val}`\n")
        d.add(f"- bumped @babel/core@7.22.5; contact maintainers via git@github.com:kestrel/app.git\n- I10 is the HL7 coding system name; see logo@2x.png\n")
    elif v == "ci":
        d.add(f"Run #{rd(5)} on runner ")
        d.e("IP_ADDRESS", ipv4_private(), ignore=True)
        d.add("\n")
        for _ in range(R.randint(4, 7)):
            lab, val = neg_value(R.choice(["sha", "uuid", "version", "epoch", "gh_bad", "pk", "arn"]))
            d.add(f"[{R.randint(0, 59):02d}s] {lab}={val}\n")
        d.add("password: ${{ secrets.REGISTRY_PASSWORD }}\nDATABASE_URL=postgres://ci@localhost:5432/test\n")
    elif v == "sbom":
        d.add('{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [\n')
        for i in range(R.randint(3, 5)):
            d.add(f'  {{"name": "{R.choice(["lodash", "requests", "guava", "serde"])}", "version": "{R.randint(1, 9)}.{R.randint(0, 30)}.{R.randint(0, 9)}", "hashes": [{{"alg": "SHA-256", "content": "{sha(64)}"}}], "bom-ref": "{uuid4()}"}},\n')
        d.add('  {"name": "last", "purl": "pkg:npm/%40babel/core@7.22.5"}\n]}')
    else:
        d.add("| asset tag | serial | firmware | order |\n|---|---|---|---|\n")
        for _ in range(R.randint(4, 6)):
            d.add(f"| AT-{rd(6)} | {rs(UP + DIG, 12)} | {neg_value('version')[1]} | {neg_value('order_phone')[1]} |\n")
        d.add(f"\nCard used for purchase: {masked_card()}; bad entry {card_bad()} rejected. Test IBAN {iban_bad()} (invalid).\n")


FAMILIES = [
    ("call_center_transcript", f_call_center, 16), ("rag_chat_log", f_rag_chat, 12), ("shopify_order_json", f_shopify_order, 10),
    ("woocommerce_csv", f_woo_csv, 8), ("hr_performance_review", f_hr_review, 10), ("ats_resume", f_ats_resume, 16),
    ("legal_nda_court", f_legal, 10), ("mortgage_application", f_mortgage, 12), ("underwriting_notes", f_underwriting, 8),
    ("kyc_aml_case", f_kyc_aml, 14), ("fraud_ticket", f_fraud_ticket, 12), ("radiology_report", f_radiology, 12),
    ("clinical_trial_crf", f_clinical_crf, 12), ("fhir_coverage_bundle", f_fhir_coverage, 10), ("school_record", f_school_record, 10),
    ("benefit_letter", f_benefit_letter, 14), ("utility_bill", f_utility_bill, 10), ("mobile_analytics_ndjson", f_mobile_analytics, 10),
    ("sentry_event", f_sentry_event, 10), ("k8s_pod_logs", f_k8s_pod_logs, 10), ("secret_scan_triage", f_secret_scan_triage, 14),
    ("env_compose", f_env_compose, 12), ("github_issue_config", f_github_issue, 10), ("stackoverflow_qa", f_stackoverflow, 12),
    ("multilingual_email", f_multilingual_email, 22), ("telegram_export", f_telegram_export, 10), ("voice_assistant", f_voice_assistant, 8),
    ("meeting_notes_md", f_meeting_notes, 10), ("negatives_only", f_negatives, 8),
]


def f_gcp_key_drop(d):
    """a GCP service-account key pasted into a ticket, a JSON config, or a tfvars heredoc."""
    v = R.choice(["ticket", "json", "heredoc"])
    if v == "ticket":
        d.add(f"SUP-{rd(5)}: BigQuery export job fails with 403. Attaching the key file we use ({R.choice(['sa.json', 'creds.json', 'key-prod.json'])}):\n\n")
        gcp_sa(d)
        d.add("\n\nCan someone check IAM on the dataset? Runner IP ")
        d.e("IP_ADDRESS", ipv4())
        d.add("\n")
    elif v == "json":
        d.add('{"pipeline": "nightly-export", "schedule": "0 3 * * *",\n "gcp_credentials": ')
        gcp_sa(d, indent="    ")
        d.add(',\n "notify": "')
        d.e("EMAIL_ADDRESS", email())
        d.add('"}\n')
    else:
        d.add('google_credentials = <<EOT\n')
        gcp_sa(d)
        d.add("\nEOT\nproject = \"analytics-" + rd(6) + "\"\n")


FAMILIES.append(("gcp_key_paste", f_gcp_key_drop, 15))


def f_gp_referral(d):
    fn, ln = person()
    d.add(f"{R.choice(['Riverside Medical Practice', 'Castle Street Surgery', 'Moorfield Health Centre'])}\nReferral to: {R.choice(['Cardiology', 'Rheumatology', 'Respiratory', 'MSK physiotherapy'])} — e-RS UBRN {rd(4)} {rd(4)} {rd(4)}\n\n")
    d.add(f"Patient: {R.choice(['Mr', 'Ms', 'Mrs', 'Dr'])} {fn} {ln}\n")
    d.add(R.choice(["NHS No: ", "NHS number: ", "NHS Number "]))
    d.e("UK_NHS", nhs())
    d.add("    Hospital no.: ")
    d.e("MEDICAL_RECORD_NUMBER", R.choice(["RXH", "K", "M"]) + rd(7))
    d.add("\nDOB: ")
    d.e("DATE_OF_BIRTH", dob("en"))
    d.add("    Tel: ")
    d.e("PHONE_NUMBER", phone("UK"))
    d.add("\n\nDear colleague,\nThank you for seeing this patient with " )
    c, desc = icd()
    d.add(desc + " (")
    d.e("ICD10_CODE", c)
    d.add(f"). BP 150/9{R.randint(0, 9)}. Current meds: ramipril 5 mg OD.\n")
    if R.random() < 0.4:
        d.add(f"Old NHS number {nhs(bad=True)} on the scanned letter fails validation; the number above is correct.\n")
    d.add(f"\nReferring GP: Dr {R.choice(LAST)} (GMC {rd(7)}), secure email ")
    d.e("EMAIL_ADDRESS", f"{ascii_fold(R.choice(FIRST)).lower()}.{ascii_fold(R.choice(LAST)).lower()}{R.choice(['', '1', '2'])}@nhs.net")
    d.add(f"\nPractice code {rs(UP, 1)}{rd(5)} · ODS · Bleep 4{rd(3)}\n")


def f_india_ekyc(d):
    fn = R.choice(["Priya", "Rahul", "Arjun", "Sneha", "Vikram", "Ananya", "Rohit", "Kavya"])
    ln = R.choice(["Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair", "Singh", "Das"])
    hi = R.random() < 0.5
    d.add(f"{'डिजिटल लोन आवेदन — e-KYC' if hi else 'Instant loan e-KYC — step 2/4'}\n")
    d.add(f"{'नाम' if hi else 'Name (as per PAN)'}: {fn} {ln}\n")
    d.add("पैन कार्ड नंबर: " if hi else R.choice(["PAN: ", "PAN No. ", "pan_number="]))
    d.e("IN_PAN", pan())
    d.add("\n" + ("आधार नंबर (केवल अंतिम 4 दिखेंगे): " if hi else "Aadhaar (UIDAI) number: "))
    d.e("IN_AADHAAR", aadhaar())
    d.add("\n" + ("जन्म तिथि: " if hi else "Date of birth: "))
    d.e("DATE_OF_BIRTH", fmt_date(*rdate(1970, 2004), lang="en", style=R.choice(["num", "iso", "spelled"])))
    d.add("\n" + ("मोबाइल: " if hi else "Mobile (OTP sent): "))
    d.e("PHONE_NUMBER", phone("IN"))
    d.add(f"\nUPI: {ascii_fold(fn).lower()}{rd(2)}@{R.choice(['okaxis', 'ybl', 'paytm'])}  IFSC {rs(UP, 4)}0{rs(UP + DIG, 6)}  A/c {rd(12)}\n")
    if R.random() < 0.5:
        d.add(f"Rejected attempt: Aadhaar {aadhaar(bad=True)} (Verhoeff mismatch), TAN {rs(UP, 4)}{rd(5)}{rs(UP, 1)} is not a PAN.\n")
    d.add(f"Device IP ")
    d.e("IP_ADDRESS", ipv4())
    d.add(f" | lead_id {uuid4()} | bureau score {R.randint(600, 850)}\n")


GIG_LOCALES = ["SG", "BR", "PL", "AU", "CA", "IT", "UK", "US_ITIN", "ES", "IN", "NL", "SG", "BR", "PL"]


def f_gig_onboarding(d):
    loc = pick(GIG_LOCALES, lambda k: NATID[k][0])
    fn, ln = person()
    lang = {"BR": "pt", "PL": "pl", "IT": "it", "ES": "es", "NL": "nl"}.get(loc, "en")
    L = LBL[lang]
    d.add(f"courier_signup v{R.randint(2, 5)} | market={loc.split('_')[0]} | applicant_id={rd(9)} | status={R.choice(['pending_docs', 'approved', 'manual_review'])}\n")
    d.add(f"{L['name']}: {fn} {ln}\n")
    emit_natid(d, loc, lang)
    d.add("\n")
    if R.random() < 0.5:
        second = {"SG": "SG", "BR": "BR", "PL": "PL", "AU": "AU", "CA": "CA", "IT": "IT", "UK": "UK_NHS", "US_ITIN": "US",
                  "ES": "ES", "IN": "IN_PAN", "NL": "NL"}[loc]
        d.add("secondary id / " + ("spouse" if second == loc else "health") + ": ")
        emit_natid(d, second, "en" if second not in ("BR", "PL", "IT", "ES", "NL") else lang, " ")
        d.add("\n")
    d.add(f"{R.choice(L['dob'])}: ")
    d.e("DATE_OF_BIRTH", dob(dob_lang(lang)))
    d.add(f"\n{R.choice(L['phone'])}: ")
    emit_phone(d, {"SG": "SG", "BR": "BR", "PL": "PL", "AU": "AU", "CA": "US", "IT": "IT", "UK": "UK", "US_ITIN": "US",
                   "ES": "ES", "IN": "IN", "NL": "NL"}[loc])
    if loc in ("US_ITIN", "CA") or R.random() < 0.25:
        d.add("\nPassport (US) for right-to-work: ")
        d.e("US_PASSPORT", passport())
    d.add(f"\nvehicle: e-bike, VIN/frame {rs(UP + DIG, 17)}\n")
    if R.random() < 0.45:
        lab, v = neg_value("natid_bad")
        d.add(f"OCR first pass read {v} — check digit invalid, re-keyed manually above.\n")
    d.add(f"payout: ")
    if loc in ("PL", "IT", "ES", "NL", "UK"):
        d.e("IBAN", iban({"PL": "PL", "IT": "IT", "ES": "ES", "NL": "NL", "UK": "GB"}[loc]))
    else:
        d.add(f"bank {rd(3)}-{rd(4)} acct {rd(9)}")
    d.add("\n")


RARE_SECRETS = ["PYPI_TOKEN", "NPM_TOKEN", "GOOGLE_API_KEY", "TWILIO_API_KEY", "AZURE_STORAGE_KEY", "SLACK_TOKEN",
                "STRIPE_SECRET_KEY", "ANTHROPIC_API_KEY", "GITHUB_TOKEN", "HUGGINGFACE_TOKEN", "PRIVATE_KEY",
                "SENDGRID_API_KEY", "AWS_SECRET_ACCESS_KEY", "GITLAB_TOKEN"]


def f_secrets_migration(d):
    v = R.choice(["csv", "md", "raw"])
    if v == "raw":
        t = pick([x for x in RARE_SECRETS if x != "PRIVATE_KEY"])
        d.e(t, SECRET_GEN[t]())
        d.add(f"\n^ found in #{R.choice(['dev-chat', 'random', 'oncall'])} pasted by mistake, moving to Vault path secret/{R.choice(['ci', 'pay', 'ml'])}/{t.lower()}\n")
        emit_secret(d, R.choice(RARE_SECRETS), "prose")
        return
    if v == "csv":
        d.add("system,owner,secret_name,value,rotate_by\n")
    else:
        d.add("## Vault migration checklist\n\n| system | owner | name | current value | status |\n|---|---|---|---|---|\n")
    for _ in range(R.randint(3, 6)):
        t = pick(RARE_SECRETS)
        owner = email(None, None, R.choice(["kestrel.io", "payfast.dev"]))
        name = R.choice(SECRET_VAR.get(t, ["DEPLOY_KEY_PASSPHRASE"]))
        if v == "csv":
            d.add(f"{R.choice(['jenkins', 'gha', 'airflow', 'n8n'])},")
            d.e("EMAIL_ADDRESS", owner)
            d.add(f",{name},")
            if t == "PRIVATE_KEY":
                d.add('"')
                d.e(t, private_key_pem(R.choice(["rsa1", "ec", "openssh", "pgp"])))
                d.add('"')
            else:
                d.e(t, SECRET_GEN[t]())
            d.add(f",2026-0{R.randint(1, 6)}-{R.randint(10, 28)}\n")
        else:
            d.add(f"| {R.choice(['jenkins', 'gha', 'airflow', 'n8n'])} | ")
            d.e("EMAIL_ADDRESS", owner)
            d.add(f" | `{name}` | `")
            if t == "PRIVATE_KEY":
                t = "PASSWORD_ASSIGNMENT"
            d.e(t, SECRET_GEN[t]())
            d.add(f"` | {R.choice(['⏳ todo', '✅ moved', '🔁 rotate'])} |\n")
    if R.random() < 0.5:
        lab, val = neg_value(R.choice(["gh_bad", "pk", "sha"]))
        d.add(("" if v == "csv" else "| legacy | — | `OLD` | `") + val + ("\n" if v == "csv" else "` | ❌ invalid, ignore |\n"))


FAMILIES += [("gp_referral_letter", f_gp_referral, 16), ("india_ekyc_form", f_india_ekyc, 14),
             ("gig_platform_onboarding", f_gig_onboarding, 24), ("secrets_migration_sheet", f_secrets_migration, 22)]



CRS_TIN = {"US_SSN": ("United States", "US", "en"), "US_ITIN": ("United States", "US_ITIN", "en"), "UK_NINO": ("United Kingdom", "UK", "en"),
           "CA_SIN": ("Canada", "CA", "en"), "AU_TFN": ("Australia", "AU", "en"), "IT_FISCAL_CODE": ("Italy", "IT", "it"),
           "ES_NIF": ("Spain", "ES", "es"), "BR_CPF": ("Brazil", "BR", "pt"), "NL_BSN": ("Netherlands", "NL", "nl"),
           "PL_PESEL": ("Poland", "PL", "pl"), "SG_NRIC": ("Singapore", "SG", "en"), "IN_PAN": ("India", "IN_PAN", "en")}


def f_crs_selfcert(d):
    """bank CRS/FATCA tax-residency self-certification: one TIN per jurisdiction."""
    fn, ln = person()
    de = R.random() < 0.3
    d.add("Selbstauskunft zur steuerlichen Ansässigkeit (CRS/FATCA)\n" if de else "Individual Tax Residency Self-Certification (CRS / FATCA)\n")
    d.add(f"{'Kontoinhaber' if de else 'Account holder'}: {fn} {ln}    {'Konto' if de else 'Account'}: ")
    if R.random() < 0.5:
        d.e("IBAN", iban(R.choice(["DE", "AT", "CH", "IE", "NL"])))
    else:
        d.add(rd(10))
    d.add(f"\n{'Geburtsdatum' if de else 'Date of birth'}: ")
    d.e("DATE_OF_BIRTH", dob("de" if de else R.choice(["en", "en-US"])))
    d.add("\n\n" + ("Land der Steuerpflicht | Steuer-ID (TIN)\n" if de else "Country of tax residence | TIN | If no TIN, reason A/B/C\n"))
    types = list(CRS_TIN)
    n = R.randint(1, 3)
    used = set()
    for _ in range(n):
        t = pick([x for x in types if x not in used])
        used.add(t)
        country, key, _lang = CRS_TIN[t]
        d.add(f"{R.randint(1, 3)}) {country} | ")
        d.e(t, NATID[key][1]())
        d.add(" |\n")
    if R.random() < 0.5:
        d.add(f"{n + 1}) {R.choice(['United Arab Emirates', 'Hong Kong', 'Germany'])} | — | Reason A (country does not issue TINs)\n")
    if R.random() < 0.4:
        lab, v = neg_value("natid_bad")
        d.add(f"Previously declared TIN {v} was rejected by the registry (invalid check digit).\n")
    d.add(f"\n{'Unterschrift' if de else 'Signed'}: ______  {'Datum' if de else 'Date'}: {fmt_date(*rdate(2024, 2025), lang='en', style='iso')}\n")
    d.add(f"Contact for queries: ")
    d.e("EMAIL_ADDRESS", email(fn, ln))
    d.add("\n")


FAMILIES.append(("crs_tax_selfcert", f_crs_selfcert, 24))


TYPE_NAMES = ["EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN", "US_ITIN", "CREDIT_CARD", "IBAN", "US_BANK_ROUTING", "IP_ADDRESS",
              "MAC_ADDRESS", "DATE_OF_BIRTH", "US_PASSPORT", "UK_NINO", "UK_NHS", "CA_SIN", "IN_AADHAAR", "IN_PAN", "ES_NIF",
              "IT_FISCAL_CODE", "NL_BSN", "BR_CPF", "PL_PESEL", "SG_NRIC", "AU_TFN", "CRYPTO_WALLET", "IMEI", "US_NPI", "US_DEA",
              "US_MBI", "ICD10_CODE", "MEDICAL_RECORD_NUMBER"] + SECRET_TYPES + ["GCP_SERVICE_ACCOUNT_KEY"]
assert len(TYPE_NAMES) == 51


# ============================================================ validation & main
def validate(typ, v):
    c = v.replace(" ", "").replace("-", "").replace(".", "")
    if typ == "CREDIT_CARD" or typ == "IMEI" or typ == "CA_SIN":
        return luhn_ok(c)
    if typ == "IBAN":
        return iban_mod97(v) == 1
    if typ == "US_BANK_ROUTING":
        return aba_ok(v)
    if typ == "UK_NHS":
        return nhs_check(c[:9]) == int(c[9])
    if typ == "IN_AADHAAR":
        return verhoeff_ok(c)
    if typ == "NL_BSN":
        return bsn_ok(v)
    if typ == "BR_CPF":
        return cpf_digits(c[:9]) == c[9:]
    if typ == "PL_PESEL":
        return pesel_check(v[:10]) == v[10]
    if typ == "SG_NRIC":
        return nric_letter(v[0], v[1:8]) == v[8]
    if typ == "AU_TFN":
        return tfn_ok(c)
    if typ == "US_DEA":
        return dea_check(v[2:8]) == v[8]
    if typ == "ES_NIF":
        n = v[:-1]
        if n[0] in "XYZ":
            n = str("XYZ".index(n[0])) + n[1:]
        return nif_letter(n) == v[-1]
    if typ == "IT_FISCAL_CODE":
        return cf_check(v[:15]) == v[15]
    if typ == "US_NPI":
        return npi_ok(v)
    if typ == "CRYPTO_WALLET":
        if v.startswith("0x"):
            return eip55(v[2:]) == v
        if v.startswith("bc1"):
            return bech32_ok(v)
        return b58check_ok(v)
    if typ in ("GITHUB_TOKEN", "NPM_TOKEN") and not v.startswith("github_pat_"):
        body = v.split("_", 1)[1]
        return crc_b62(body[:30]) == body[30:]
    if typ == "JWT":
        h, p, _ = v.split(".")
        hd = json.loads(base64.urlsafe_b64decode(h + "=" * (-len(h) % 4)))
        json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
        return "alg" in hd
    if typ == "US_SSN":
        a, g, s = int(c[:3]), int(c[3:5]), int(c[5:])
        return 0 < a < 900 and a != 666 and g > 0 and s > 0
    if typ == "US_ITIN":
        return c[0] == "9" and c[3:5] in ITIN_GROUPS
    if typ == "AZURE_STORAGE_KEY":
        return len(v) == 88 and len(base64.b64decode(v)) == 64
    if typ == "PYPI_TOKEN":
        return base64.urlsafe_b64decode(v[5:] + "=" * (-len(v[5:]) % 4)).startswith(b"\x02\x01\x08pypi.org")
    if typ == "ANTHROPIC_API_KEY":
        return v.endswith("AA")
    if typ == "OPENAI_API_KEY":
        return "T3BlbkFJ" in v
    return True


def build(seed, n_scale=1.0):
    global R
    R = random.Random(seed)
    COUNTS.clear()
    ML_LANGS[:] = ML_LANGS_INIT
    RSA_POOL.clear()
    for _ in range(4):
        RSA_POOL.append(rsa_key(1024))
    plan = []
    for kind, fn, cnt in FAMILIES:
        plan += [(kind, fn)] * max(1, round(cnt * n_scale))
    R.shuffle(plan)
    recs = []
    for i, (kind, fn) in enumerate(plan):
        d = Doc(kind)
        fn(d)
        recs.append(finish(d, i))
    return recs


def finish(d, i):
    if True:
        kind = d.kind
        text = d.text()
        b = text.encode()
        ents = []
        for ent, val in d.ents:
            if val is not None:
                assert b[ent["start"]:ent["end"]] == val.encode(), (kind, ent, val)
                if not ent.get("ignore"):
                    assert validate(ent["type"], val.replace("\\n", "\n")), (kind, ent["type"], val)
            else:
                obj = b[ent["start"]:ent["end"]].decode()
                if kind != "gcp_key_paste" or '\\"' not in obj:
                    assert json.loads(obj)["type"] == "service_account"
            ents.append(ent)
        ents.sort(key=lambda e: (e["start"], e["end"]))
        return {"id": f"h5-{i:06d}", "text": text, "kind": kind, "entities": ents}


TOPUP_FAMILY = {"US_BANK_ROUTING": "underwriting_notes", "US_MBI": "benefit_letter", "GCP_SERVICE_ACCOUNT_KEY": "gcp_key_paste",
                "UK_NHS": "gp_referral_letter", "IN_AADHAAR": "india_ekyc_form", "US_DEA": "clinical_trial_crf",
                "CRYPTO_WALLET": "kyc_aml_case", "IMEI": "fraud_ticket", "MAC_ADDRESS": "fraud_ticket",
                "ICD10_CODE": "radiology_report", "MEDICAL_RECORD_NUMBER": "radiology_report", "US_NPI": "radiology_report",
                "US_PASSPORT": "underwriting_notes", "CREDIT_CARD": "voice_assistant"}


def topup_family(t):
    if t in TOPUP_FAMILY:
        return TOPUP_FAMILY[t]
    if t in CRS_TIN:
        return "crs_tax_selfcert"
    if t in RARE_SECRETS:
        return "secrets_migration_sheet"
    if t in SECRET_TYPES:
        return "env_compose"
    return "gig_platform_onboarding"


def build_all(seed, minimum=16):
    recs = build(seed, 0.85)
    fams = {k: fn for k, fn, _ in FAMILIES}
    extra = 0
    while extra < 200:
        low = sorted((n, t) for t, n in ((t, COUNTS[t]) for t in TYPE_NAMES) if n < minimum)
        if not low:
            break
        t = low[0][1]
        kind = topup_family(t)
        if extra % 2 and kind == "crs_tax_selfcert" and t in {NATID[k][0] for k in GIG_LOCALES}:
            kind = "gig_platform_onboarding"
        elif extra % 2 and kind == "secrets_migration_sheet" and t != "PRIVATE_KEY":
            kind = "env_compose"
        FORCE[:] = [t]
        d = Doc(kind)
        fams[kind](d)
        FORCE.clear()
        recs.append(finish(d, len(recs)))
        extra += 1
    R.shuffle(recs)
    for i, r in enumerate(recs):
        r["id"] = f"h5-{i:06d}"
    return recs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--out", default="bench/heldout5/heldout5.jsonl")
    ap.add_argument("--stats", action="store_true")
    a = ap.parse_args()
    selftest()
    recs = build_all(a.seed)
    with open(a.out, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    c = collections.Counter(e["type"] for r in recs for e in r["entities"] if not e.get("ignore"))
    ig = sum(1 for r in recs for e in r["entities"] if e.get("ignore"))
    print(f"records={len(recs)} scored={sum(c.values())} ignore={ig} types={len(c)}", file=sys.stderr)
    if a.stats:
        for t, n in sorted(c.items(), key=lambda x: -x[1]):
            print(f"  {t:<28}{n}", file=sys.stderr)
        k = collections.Counter(r["kind"] for r in recs)
        print("  kinds: " + ", ".join(f"{x} {n}" for x, n in k.most_common()), file=sys.stderr)


if __name__ == "__main__":
    main()
