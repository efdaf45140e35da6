"""Random sensitive values (valid) and hard negatives for heldout2."""
import base64, json, string, uuid, hashlib
from vals import *

class V:
    def __init__(s, rng):
        s.r = rng; s._rsa = []; s._ec = []
    def ch(s, x): return s.r.choice(x)
    def rs(s, alpha, n): return "".join(s.r.choice(alpha) for _ in range(n))
    def dg(s, n): return s.rs(DIG, n)

    # ---------- PII ----------
    FIRST = ["Amara","Liesel","Tomasz","Ines","Kenji","Priyanka","Oluwaseun","Mateus","Saoirse","Björn","Chiara","Joost","Wei","Haruto","Minji","Farid","Aditi","Gonzalo","Maëlle","Radek","Nkechi","Dmitri","Yusuf","Lucía","Anouk"]
    LAST = ["Okafor","Brandt","Wiśniewski","Carvalho","Tanaka","Raghunathan","Adeyemi","Moreira","Gallagher","Lindqvist","Esposito","de Vries","Zhang","Sato","Kim","Haddad","Kulkarni","Iglesias","Le Goff","Dvořák","Eze","Volkov","Demir","Navarro","Bakker"]
    DOMS = ["posteo.de","web.de","orange.fr","libero.it","ziggo.nl","uol.com.br","wp.pl","gmx.at","proton.me","fastmail.com","icloud.com","hotmail.co.uk","naver.com","qq.com","yahoo.co.jp","rediffmail.com","bluewin.ch","telenet.be","sapo.pt","kpn-mail.nl","northwind-legal.com","harbor-clinic.org","acme-retail.io"]
    def name(s): return f"{s.ch(s.FIRST)} {s.ch(s.LAST)}"
    def email(s, nm=None):
        nm = nm or s.name()
        f, l = nm.split(" ", 1)
        tr = str.maketrans("öëéśřç", "oeesrc")
        f = f.lower().translate(tr).encode("ascii", "ignore").decode(); l = l.lower().replace(" ", "").translate(tr).encode("ascii", "ignore").decode()
        loc = s.ch([f"{f}.{l}", f"{f[0]}{l}", f"{l}.{f}{s.r.randint(1,99)}", f"{f}_{l}", f"{f}+orders", f"{l}{s.r.randint(60,99)}"])
        return f"{loc}@{s.ch(s.DOMS)}"
    def phone(s, cc=None):
        cc = cc or s.ch(["US","UK","DE","FR","ES","IN","CN","BR","AU","JP","SG","NL"])
        r = s.r; d = s.dg
        if cc == "US":
            while True:
                a = r.choice(["212","213","312","415","503","512","617","702","713","718","737","773","786","801","808","816","857","917","929","971","206","303","404","470","646"]); x = f"{r.randint(2,9)}{d(2)}"; y = d(4)
                if a[1:] != "11" and x[1:] != "11" and x != "555": break
            return s.ch([f"({a}) {x}-{y}", f"+1 {a} {x} {y}", f"{a}.{x}.{y}", f"+1-{a}-{x}-{y}", f"{a}-{x}-{y}"])
        if cc == "UK": return s.ch([f"+44 20 {r.randint(3,8)}{d(3)} {d(4)}", f"07{r.randint(4,9)}{d(2)} {d(6)}", f"+44 7{r.randint(4,9)}{d(2)} {d(6)}", f"0161 {r.randint(2,9)}{d(2)} {d(4)}"])
        if cc == "DE": return s.ch([f"+49 30 {r.randint(2,9)}{d(7)}", f"030 {r.randint(2,9)}{d(6)}", f"0151 {d(8)}", f"+49 (0)89 {r.randint(2,9)}{d(6)}", f"+49 171 {d(7)}"])
        if cc == "FR":
            t = " ".join(d(2) for _ in range(4)); return s.ch([f"+33 6 {t}", f"06 {t}", f"01 {t}", f"+33 (0)7 {t}"])
        if cc == "ES": return s.ch([f"+34 6{d(2)} {d(3)} {d(3)}", f"91{r.randint(2,9)} {d(3)} {d(3)}", f"+34 91 {d(3)} {d(2)} {d(2)}"])
        if cc == "IN": return s.ch([f"+91 9{d(4)} {d(5)}", f"+91-{r.choice('6789')}{d(9)}", f"0{r.choice('6789')}{d(4)} {d(5)}"])
        if cc == "CN": return s.ch([f"+86 13{r.randint(0,9)} {d(4)} {d(4)}", f"1{r.choice('3589')}{d(1)}-{d(4)}-{d(4)}", f"+86 10 {d(4)} {d(4)}"])
        if cc == "BR": return s.ch([f"+55 11 9{d(4)}-{d(4)}", f"(21) 9{d(4)}-{d(4)}", f"+55 (11) 9{d(4)}-{d(4)}"])
        if cc == "AU": return s.ch([f"+61 4{d(2)} {d(3)} {d(3)}", f"04{d(2)} {d(3)} {d(3)}", f"(02) {r.randint(8,9)}{d(3)} {d(4)}"])
        if cc == "JP": return s.ch([f"090-{d(4)}-{d(4)}", f"+81 3-{d(4)}-{d(4)}", f"080-{d(4)}-{d(4)}", f"+81 90 {d(4)} {d(4)}"])
        if cc == "SG": return s.ch([f"+65 {r.choice('89')}{d(3)} {d(4)}", f"+65 6{d(3)} {d(4)}"])
        if cc == "NL": return s.ch([f"+31 6 {d(8)}", f"06-{d(8)}", f"+31 20 {d(3)} {d(4)}", f"020-{d(7)}"])
    def ssn(s, sep="-"):
        while True:
            a = s.r.randint(1, 899)
            if a != 666: break
        return f"{a:03d}{sep}{s.r.randint(1,99):02d}{sep}{s.r.randint(1,9999):04d}"
    def itin(s, sep="-"):
        g = s.ch(list(range(50,66)) + list(range(70,89)) + [90,91,92] + list(range(94,100)))
        return f"9{s.dg(2)}{sep}{g}{sep}{s.dg(4)}"
    def card(s, brand=None, fmt=None):
        r = s.r
        brand = brand or s.ch(["visa","visa","mc","mc2","amex","disc","jcb","diners","up"])
        pre, L = {"visa": ("4", 16), "mc": (str(r.randint(51,55)), 16), "mc2": (str(r.randint(2221,2720)), 16), "amex": (s.ch(["34","37"]), 15),
                  "disc": (s.ch(["6011","65","644","649"]), 16), "jcb": (str(r.randint(3528,3589)), 16), "diners": (s.ch(["36","300","305"]), 14),
                  "up": ("62" + s.dg(2), s.ch([16,19]))}[brand]
        n = luhn_complete(pre + s.dg(L - len(pre) - 1))
        fmt = fmt or s.ch(["bare","space","dash"])
        if fmt == "bare": return n
        sp = " " if fmt == "space" else "-"
        if L == 15: g = [4,6,5]
        elif L == 14: g = [4,6,4]
        elif L == 19: g = [4,4,4,4,3]
        else: g = [4,4,4,4]
        out = []; i = 0
        for k in g: out.append(n[i:i+k]); i += k
        return sp.join(out)
    def iban(s, cc=None, grouped=None):
        r = s.r; cc = cc or s.ch(["DE","GB","FR","ES","IT","NL","BE","CH","AT","PL","IE","PT","SE","NO"])
        d = s.dg; U = string.ascii_uppercase
        if cc == "DE": b = d(8) + d(10)
        elif cc == "GB": b = s.ch(["NWBK","BARC","LOYD","HBUK","MIDL"]) + d(6) + d(8)
        elif cc == "IE": b = s.ch(["AIBK","BOFI"]) + d(6) + d(8)
        elif cc == "FR":
            bk, br, ac = d(5), d(5), d(11); key = 97 - (89*int(bk) + 15*int(br) + 3*int(ac)) % 97; b = f"{bk}{br}{ac}{key:02d}"
        elif cc == "ES":
            bk, br, ac = d(4), d(4), d(10); W = [1,2,4,8,5,10,9,7,3,6]
            def dc(x):
                v = 11 - sum(int(c)*w for c, w in zip(x, W)) % 11
                return {10: 1, 11: 0}.get(v, v)
            b = f"{bk}{br}{dc('00'+bk+br)}{dc(ac)}{ac}"
        elif cc == "IT":
            abi, cab, ac = d(5), d(5), d(12); b = cf_check(abi + cab + ac) + abi + cab + ac
        elif cc == "NL":
            while True:
                ac = d(10)
                if sum(int(c)*(10-i) for i, c in enumerate(ac)) % 11 == 0: break
            b = s.ch(["ABNA","INGB","RABO","SNSB","TRIO"]) + ac
        elif cc == "BE":
            f = d(10); c = int(f) % 97 or 97; b = f"{f}{c:02d}"
        elif cc == "CH": b = d(5) + d(12)
        elif cc == "AT": b = d(5) + d(11)
        elif cc == "PL": b = d(8) + d(16)
        elif cc == "PT":
            n19 = d(19); c = 98 - (int(n19) * 100) % 97; b = f"{n19}{c:02d}"
        elif cc == "SE": b = d(3) + d(17)
        elif cc == "NO":
            while True:
                x = d(10); v = 11 - sum(int(c)*w for c, w in zip(x, [5,4,3,2,7,6,5,4,3,2])) % 11
                if v != 10: break
            b = x + str(0 if v == 11 else v)
        ib = iban_make(cc, b)
        if grouped is None: grouped = r.random() < 0.5
        return " ".join(ib[i:i+4] for i in range(0, len(ib), 4)) if grouped else ib
    def aba(s):
        while True:
            p = s.ch(["0"+str(s.r.randint(1,9)), "1"+str(s.r.randint(0,2)), str(s.r.randint(21,32)), str(s.r.randint(61,72)), "80"])
            x = p + s.dg(6)
            for c in DIG:
                if aba_ok(x + c): return x + c
    def ip(s, v6=None):
        r = s.r
        if v6 or (v6 is None and r.random() < 0.25):
            g = [f"{r.randint(0,65535):x}" for _ in range(8)]; g[0] = s.ch(["2a02","2600","2001:4860"[:4],"2a01","2406","2804"])
            if r.random() < 0.5: return ":".join(g)
            return ":".join(g[:3]) + "::" + ":".join(g[6:])
        while True:
            a = r.randint(1, 223)
            if a in (10, 127, 100, 169, 172, 192, 198, 203, 0): continue
            return f"{a}.{r.randint(0,255)}.{r.randint(0,255)}.{r.randint(1,254)}"
    def ip_private(s):
        r = s.r
        return s.ch([f"10.{r.randint(0,255)}.{r.randint(0,255)}.{r.randint(1,254)}", f"192.168.{r.randint(0,255)}.{r.randint(1,254)}", f"172.{r.randint(16,31)}.{r.randint(0,255)}.{r.randint(1,254)}",
                      "127.0.0.1", f"203.0.113.{r.randint(1,254)}", f"198.51.100.{r.randint(1,254)}", f"192.0.2.{r.randint(1,254)}", "::1", f"fe80::{r.randint(0,65535):x}:{r.randint(0,65535):x}", f"2001:db8::{r.randint(1,999)}"])
    def mac(s):
        b = [s.r.randint(0, 255) for _ in range(6)]; b[0] &= 0xfc
        st = s.r.randint(0, 4); h = "".join(f"{x:02x}" for x in b)
        if st == 0: return ":".join(f"{x:02x}" for x in b)
        if st == 1: return ":".join(f"{x:02X}" for x in b)
        if st == 2: return "-".join(f"{x:02X}" for x in b)
        if st == 3: return f"{h[0:4]}.{h[4:8]}.{h[8:12]}"
        return "-".join(f"{x:02x}" for x in b)
    MON = {"en": ["January","February","March","April","May","June","July","August","September","October","November","December"],
           "de": ["Januar","Februar","März","April","Mai","Juni","Juli","August","September","Oktober","November","Dezember"],
           "fr": ["janvier","février","mars","avril","mai","juin","juillet","août","septembre","octobre","novembre","décembre"],
           "es": ["enero","febrero","marzo","abril","mayo","junio","julio","agosto","septiembre","octubre","noviembre","diciembre"],
           "it": ["gennaio","febbraio","marzo","aprile","maggio","giugno","luglio","agosto","settembre","ottobre","novembre","dicembre"],
           "nl": ["januari","februari","maart","april","mei","juni","juli","augustus","september","oktober","november","december"],
           "pt": ["janeiro","fevereiro","março","abril","maio","junho","julho","agosto","setembro","outubro","novembro","dezembro"],
           "pl": ["stycznia","lutego","marca","kwietnia","maja","czerwca","lipca","sierpnia","września","października","listopada","grudnia"]}
    def ymd(s, y0=1938, y1=2006): return s.r.randint(y0, y1), s.r.randint(1, 12), s.r.randint(1, 28)
    def date(s, lang="en", ymd=None):
        y, m, d = ymd or s.ymd(); r = s.r
        if lang in ("zh", "ja"): return s.ch([f"{y}年{m}月{d}日", f"{y}/{m:02d}/{d:02d}", f"{y}-{m:02d}-{d:02d}"])
        if lang == "ko": return s.ch([f"{y}년 {m}월 {d}일", f"{y}.{m:02d}.{d:02d}", f"{y}-{m:02d}-{d:02d}"])
        if lang == "en":
            M = s.MON["en"][m-1]
            return s.ch([f"{m:02d}/{d:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{M} {d}, {y}", f"{d} {M[:3]} {y}", f"{d:02d}-{M[:3].upper()}-{y}", f"{m}/{d}/{y % 100:02d}"])
        if lang == "de": return s.ch([f"{d:02d}.{m:02d}.{y}", f"{d}. {s.MON['de'][m-1]} {y}"])
        if lang == "pl": return s.ch([f"{d:02d}.{m:02d}.{y}", f"{d} {s.MON['pl'][m-1]} {y}"])
        if lang == "es": return s.ch([f"{d:02d}/{m:02d}/{y}", f"{d} de {s.MON['es'][m-1]} de {y}"])
        if lang == "pt": return s.ch([f"{d:02d}/{m:02d}/{y}", f"{d} de {s.MON['pt'][m-1]} de {y}"])
        if lang == "nl": return s.ch([f"{d:02d}-{m:02d}-{y}", f"{d} {s.MON['nl'][m-1]} {y}"])
        return s.ch([f"{d:02d}/{m:02d}/{y}", f"{d} {s.MON[lang][m-1]} {y}"])
    def passport(s): return s.ch([s.dg(9), s.ch("ACEFGHJKLMNPRSTUVWXYZ") + s.dg(8)])
    def nino(s, spaced=None):
        while True:
            a = s.ch("ABCEGHJKLMNOPRSTWXYZ"); b = s.ch("ABCEGHJKLMNPRSTWXYZ")
            if a + b not in ("BG","GB","KN","NK","NT","TN","ZZ"): break
        d = s.dg(6); c = s.ch("ABCD")
        if spaced is None: spaced = s.r.random() < 0.5
        return f"{a}{b} {d[:2]} {d[2:4]} {d[4:]} {c}" if spaced else f"{a}{b}{d}{c}"
    def nhs(s, fmt=None):
        while True:
            x = str(s.r.randint(1, 9)) + s.dg(8); c = nhs_check(x)
            if c is not None: break
        n = x + str(c); fmt = fmt or s.ch(["sp","sp","dash","bare"])
        return {"sp": f"{n[:3]} {n[3:6]} {n[6:]}", "dash": f"{n[:3]}-{n[3:6]}-{n[6:]}", "bare": n}[fmt]
    def sin(s, fmt=None):
        n = luhn_complete(s.ch("12345679") + s.dg(7)); fmt = fmt or s.ch(["sp","dash","bare"])
        return {"sp": f"{n[:3]} {n[3:6]} {n[6:]}", "dash": f"{n[:3]}-{n[3:6]}-{n[6:]}", "bare": n}[fmt]
    def aadhaar(s, fmt=None):
        x = s.ch("23456789") + s.dg(10); n = x + verhoeff_gen(x); fmt = fmt or s.ch(["sp","sp","bare","dash"])
        return {"sp": f"{n[:4]} {n[4:8]} {n[8:]}", "dash": f"{n[:4]}-{n[4:8]}-{n[8:]}", "bare": n}[fmt]
    def pan(s): U = string.ascii_uppercase; return s.rs(U, 3) + s.ch("PCHFATBLJG") + s.ch(U) + s.dg(4) + s.ch(U)
    def nif(s):
        if s.r.random() < 0.35:
            p = s.ch("XYZ"); n = p + s.dg(7); return n + nif_letter(n)
        n = s.dg(8); return n + nif_letter(n)
    def cf(s):
        U = "BCDFGLMNPRSTVZ"; V_ = "AEIOU"
        y = s.r.randint(40, 99); m = s.ch("ABCDEHLMPRST"); d = s.r.randint(1, 28) + (40 if s.r.random() < .5 else 0)
        x = s.rs(U, 2) + s.ch(V_) + s.rs(U, 2) + s.ch(V_) + f"{y:02d}{m}{d:02d}" + s.ch(["H501","F205","A944","L219","G273","F839","D612","L736","Z404"])
        return x + cf_check(x)
    def bsn(s, fmt=None):
        while True:
            x = str(s.r.randint(1, 6)) + s.dg(7); c = sum(int(x[i]) * (9 - i) for i in range(8)) % 11
            if c < 10: break
        n = x + str(c); fmt = fmt or s.ch(["bare","bare","dot","sp"])
        return {"bare": n, "dot": f"{n[:4]}.{n[4:6]}.{n[6:]}", "sp": f"{n[:3]} {n[3:6]} {n[6:]}"}[fmt]
    def cpf(s, fmt=None):
        n = cpf_digits(s.dg(9)); fmt = fmt or s.ch(["dot","dot","bare"])
        return f"{n[:3]}.{n[3:6]}.{n[6:9]}-{n[9:]}" if fmt == "dot" else n
    def pesel(s):
        y, m, d = s.ymd(1940, 2012); mm = m + (20 if y >= 2000 else 0)
        x = f"{y % 100:02d}{mm:02d}{d:02d}{s.dg(4)}"; return x + str(pesel_check(x))
    def nric(s):
        p = s.ch("STFGM"); d7 = s.dg(7); return p + d7 + nric_letter(p, d7)
    def tfn(s, fmt=None):
        while True:
            x = s.dg(8); t = sum(int(x[i]) * TFN_W[i] for i in range(8)); c = (-t * 10) % 11
            if c < 10: break
        n = x + str(c); fmt = fmt or s.ch(["sp","sp","bare"])
        return f"{n[:3]} {n[3:6]} {n[6:]}" if fmt == "sp" else n
    def btc(s):
        k = s.r.randint(0, 3); b = bytes(s.r.getrandbits(8) for _ in range(32))
        if k == 0: return b58check(b"\x00" + b[:20])
        if k == 1: return b58check(b"\x05" + b[:20])
        if k == 2: return segwit_addr(0, b[:20])
        return segwit_addr(1, b)
    def eth(s): return eip55(s.rs("0123456789abcdef", 40))
    def wallet(s): return s.btc() if s.r.random() < 0.6 else s.eth()
    def imei(s, fmt=None):
        n = luhn_complete(s.ch(["35","86","01","99","35"]) + s.dg(12)); fmt = fmt or s.ch(["bare","bare","grp"])
        return n if fmt == "bare" else f"{n[:2]}-{n[2:8]}-{n[8:14]}-{n[14]}"
    # ---------- PHI ----------
    def npi(s):
        while True:
            x = s.ch("12") + s.dg(8)
            for c in DIG:
                if npi_ok(x + c): return x + c
    def dea(s, last=None):
        d6 = s.dg(6); return s.ch("ABFGMPR") + (last or s.ch(string.ascii_uppercase + "9")) + d6 + str(dea_check(d6))
    def mbi(s, dashed=None):
        A_ = "ACDEFGHJKMNPQRTUVWXY"; AN = A_ + DIG
        x = s.ch("123456789") + s.ch(A_) + s.ch(AN) + s.dg(1) + s.ch(A_) + s.ch(AN) + s.dg(1) + s.ch(A_) + s.ch(A_) + s.dg(2)
        if dashed is None: dashed = s.r.random() < 0.4
        return f"{x[:4]}-{x[4:7]}-{x[7:]}" if dashed else x
    ICD = [("E11.9","Type 2 diabetes mellitus without complications"),("I10","Essential (primary) hypertension"),("J45.909","Unspecified asthma, uncomplicated"),
           ("F41.1","Generalized anxiety disorder"),("M54.5","Low back pain"),("K21.9","GERD without esophagitis"),("N39.0","Urinary tract infection"),
           ("S52.501A","Fracture of lower end of right radius, initial"),("C50.911","Malignant neoplasm of right female breast"),("Z79.4","Long term use of insulin"),
           ("E78.5","Hyperlipidemia, unspecified"),("G47.33","Obstructive sleep apnea"),("R07.9","Chest pain, unspecified"),("O24.410","Gestational diabetes, diet controlled"),
           ("B20","HIV disease"),("F32.A","Depression, unspecified"),("T78.40XA","Allergy, unspecified, initial encounter"),("H52.13","Myopia, bilateral")]
    def icd(s): return s.ch(s.ICD)
    def mrn(s): return s.ch([s.dg(s.r.randint(6, 10)), "MRN" + s.dg(7), s.ch(["HC","RX","PT","KH"]) + "-" + s.dg(6), s.ch(["A","E","M"]) + s.dg(7)])
    # ---------- secrets ----------
    def aws_id(s): return s.ch(["AKIA","ASIA"]) + s.rs(string.ascii_uppercase + "234567", 16)
    def aws_secret(s): return s.rs(ALNUM + "/+", 40)
    def gh(s, kind=None):
        if kind == "fine" or (kind is None and s.r.random() < 0.2):
            return "github_pat_11" + s.rs(string.ascii_uppercase + DIG, 20) + "_" + s.rs(ALNUM, 59)
        b = s.rs(ALNUM, 30); return s.ch(["ghp_","gho_","ghu_","ghs_","ghr_","ghp_"]) + b + crc_b62(b)
    def gh_bad(s):
        b = s.rs(ALNUM, 30); c = crc_b62(b); c2 = c[:5] + s.ch([x for x in ALNUM if x != c[5]]); return "ghp_" + b + c2
    def npm(s): b = s.rs(ALNUM, 30); return "npm_" + b + crc_b62(b)
    def npm_bad(s): b = s.rs(ALNUM, 30); c = crc_b62(b); return "npm_" + b + c[:5] + s.ch([x for x in ALNUM if x != c[5]])
    def gitlab(s): return s.ch(["glpat-","glpat-","glrt-","gldt-","glft-"]) + s.rs(ALNUM + "_-", 20)
    def slack(s):
        k = s.r.randint(0, 2)
        if k == 0: return f"xoxb-{s.dg(12)}-{s.dg(13)}-{s.rs(ALNUM, 24)}"
        if k == 1: return f"xoxp-{s.dg(12)}-{s.dg(12)}-{s.dg(13)}-{s.rs('0123456789abcdef', 32)}"
        return f"xapp-1-A{s.rs(string.ascii_uppercase + DIG, 10)}-{s.dg(13)}-{s.rs('0123456789abcdef', 64)}"
    def webhook(s):
        U = string.ascii_uppercase + DIG
        return f"https://hooks.slack.com/services/T{s.rs(U, 8)}/B{s.rs(U, s.ch([8, 10]))}/{s.rs(ALNUM, 24)}"
    def stripe(s): return s.ch(["sk_live_","sk_live_","rk_live_","sk_test_"]) + s.ch(["51", ""]) + s.rs(ALNUM, s.r.randint(24, 96))
    def gapi(s): return "AIza" + s.rs(ALNUM + "_-", 35)
    def openai(s):
        if s.r.random() < 0.25: return "sk-" + s.rs(ALNUM, 20) + "T3BlbkFJ" + s.rs(ALNUM, 20)
        return s.ch(["sk-proj-","sk-svcacct-","sk-admin-"]) + s.rs(ALNUM + "_-", 74) + "T3BlbkFJ" + s.rs(ALNUM + "_-", 74)
    def anthropic(s): return s.ch(["sk-ant-api03-","sk-ant-api03-","sk-ant-admin01-"]) + s.rs(ALNUM + "_-", 93) + "AA"
    def hf(s): return "hf_" + s.rs(string.ascii_letters, 34)
    def pypi(s):
        ident = str(uuid.UUID(int=s.r.getrandbits(128))).encode()
        cav = json.dumps({"version": 1, "permissions": {"projects": [s.ch(["weirlib","fastcsv","acme-utils"])]}}).encode()
        mac = b"\x02\x01\x08pypi.org\x02" + bytes([len(ident)]) + ident + b"\x00\x02" + bytes([len(cav)]) + cav + b"\x00\x00\x06\x20" + bytes(s.r.getrandbits(8) for _ in range(32))
        return "pypi-" + b64u(mac)
    def azure(s): return base64.b64encode(bytes(s.r.getrandbits(8) for _ in range(64))).decode()
    def sendgrid(s): return "SG." + s.rs(ALNUM + "_-", 22) + "." + s.rs(ALNUM + "_-", 43)
    def twilio(s): return "SK" + s.rs("0123456789abcdef", 32)
    def jwt(s):
        alg = s.ch(["HS256","RS256","ES256","HS512"])
        h = {"alg": alg, "typ": "JWT"}
        if alg != "HS256": h["kid"] = s.rs("0123456789abcdef", 16)
        p = {"sub": s.ch([s.dg(6), str(uuid.UUID(int=s.r.getrandbits(128)))]), "iat": 1700000000 + s.r.randint(0, 4 * 10**7)}
        p["exp"] = p["iat"] + 3600
        if s.r.random() < .5: p["email"] = s.email()
        if s.r.random() < .5: p["scope"] = s.ch(["orders:read", "admin", "openid profile"])
        sig = bytes(s.r.getrandbits(8) for _ in range(64 if alg != "HS256" else 32))
        return f"{b64u(json.dumps(h, separators=(',', ':')).encode())}.{b64u(json.dumps(p, separators=(',', ':')).encode())}.{b64u(sig)}"
    def password(s):
        w = s.ch(["Sommer","Lighthouse","Kangaroo","Pimienta","Tornado","Falcon","Zebra","Maple","Quokka","Citrine"])
        return s.ch([w + str(s.r.randint(10, 9999)) + s.ch("!#%*"), s.rs(ALNUM, s.r.randint(12, 24)), s.rs(ALNUM, 8) + s.ch("!%&*") + s.rs(ALNUM, 6),
                     w.lower() + "-" + s.ch(["horse","battery","staple","river"]) + "-" + s.dg(3), s.rs(ALNUM + "!#$%^*", 18)])
    def urlpass(s): return s.ch([s.rs(ALNUM, s.r.randint(10, 24)), s.rs(ALNUM, 8) + "_" + s.rs(ALNUM, 6), s.ch(["Winter","Harbor","Nebula"]) + s.dg(4) + "x"])
    def rsa(s, pkcs8=False):
        if len(s._rsa) < 12:
            s._rsa.append(rsa_key(s.ch([1024, 1024, 2048]), s.r))
            k = s._rsa[-1]
        else: k = s.ch(s._rsa)
        return pem("PRIVATE KEY", k[1]) if pkcs8 else pem("RSA PRIVATE KEY", k[0])
    def rsa_pub(s):
        if not s._rsa: s.rsa()
        return pem("PUBLIC KEY", s.ch(s._rsa)[2])
    def ec(s):
        sec1, spki = ec_key(s.r); s._ec.append(spki); return pem("EC PRIVATE KEY", sec1)
    def openssh(s):
        body = b"openssh-key-v1\0" + b"\0\0\0\x04none\0\0\0\x04none\0\0\0\0\0\0\0\x01\0\0\0\x33\0\0\0\x0bssh-ed25519\0\0\0\x20" + bytes(s.r.getrandbits(8) for _ in range(160))
        return pem("OPENSSH PRIVATE KEY", body, 70)
    def privkey(s):
        k = s.r.randint(0, 4)
        return [lambda: s.rsa(False), lambda: s.rsa(True), s.ec, s.openssh, s.ec][k]()
    def cert(s):
        body = seq(seq(der(0xa0, der_int(2)), der_int(s.r.getrandbits(64)), seq(bytes.fromhex("06092a864886f70d01010b"), NULL)), bytes(s.r.getrandbits(8) for _ in range(300)))
        return pem("CERTIFICATE", body)
    # ---------- hard negatives ----------
    def card_bad(s):
        while True:
            n = "4" + s.dg(15)
            if not luhn_ok(n): return " ".join(n[i:i+4] for i in range(0, 16, 4)) if s.r.random() < .5 else n
    def iban_bad(s):
        ib = s.iban(grouped=False); ck = int(ib[2:4]); nc = (ck + s.r.randint(1, 9)) % 97
        if nc < 2: nc += 3
        return ib[:2] + f"{nc:02d}" + ib[4:]
    def natid_bad(s):
        k = s.r.randint(0, 7)
        if k == 0: n = s.nif(); return n[:-1] + s.ch([c for c in NIF_L if c != n[-1]]), "DNI"
        if k == 1: n = s.cpf("bare"); b = n[:10] + str((int(n[10]) + 1) % 10); return f"{b[:3]}.{b[3:6]}.{b[6:9]}-{b[9:]}", "CPF"
        if k == 2: n = s.pesel(); return n[:10] + str((int(n[10]) + 3) % 10), "PESEL"
        if k == 3: n = s.bsn("bare"); return n[:8] + str((int(n[8]) + 1) % 10), "BSN"
        if k == 4: n = s.tfn("bare"); return n[:8] + str((int(n[8]) + 1) % 10), "TFN"
        if k == 5: n = s.sin("bare"); return n[:8] + str((int(n[8]) + 1) % 10), "SIN"
        if k == 6: n = s.nric(); return n[:8] + s.ch([c for c in "ABCDEFGHIJZ" if c != n[8]]), "NRIC"
        n = s.aadhaar("bare"); b = n[:11] + str((int(n[11]) + 1) % 10); return f"{b[:4]} {b[4:8]} {b[8:]}", "Aadhaar"
    def ssn_bad(s): return s.ch([f"000-{s.dg(2)}-{s.dg(4)}", f"666-{s.r.randint(10,99)}-{s.dg(4)}", f"9{s.dg(2)}-{s.r.randint(10,49)}-{s.dg(4)}", f"{s.r.randint(100,665)}-00-{s.dg(4)}"])
    def btc_bad(s):
        a = b58check(b"\x00" + bytes(s.r.getrandbits(8) for _ in range(20)))
        i = s.r.randint(5, 30); return a[:i] + s.ch([c for c in B58 if c != a[i]]) + a[i+1:]
    def sha(s, n=64): return s.rs("0123456789abcdef", n)
    def uuid(s): return str(uuid.UUID(int=s.r.getrandbits(128), version=4))
