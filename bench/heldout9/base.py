"""heldout9 shared helpers: span markers, type balancing, people, phones, dates."""
import collections, json, re
import core
from core import R, rs, DIG, UP, LO, B62

COUNT = collections.Counter()
STATE = {"force": None}
MIN = 15

def M(t, v):
    """scored span marker"""
    COUNT[t] += 1
    return "\x01%s\x02%s\x03" % (t, v)
def I(t, v):
    """ignore span marker"""
    return "\x01%s!\x02%s\x03" % (t, v)

def pick(*types):
    f = STATE["force"]
    if f in types: return f
    if R.random() < 0.65:
        m = min(COUNT[t] for t in types)
        return R.choice([t for t in types if COUNT[t] == m])
    return R.choice(types)
def want(t, p=0.5):
    if STATE["force"] == t: return True
    return R.random() < (min(1.0, p * 2) if COUNT[t] < MIN else p)

FIRST = {"us": ["James", "Maria", "Tyler", "Aaliyah", "Connor", "Brianna", "Marcus", "Keisha", "Dustin", "Rosa"],
         "uk": ["Oliver", "Imogen", "Callum", "Niamh", "Rhys", "Harriet", "Declan", "Freya"],
         "es": ["Lucía", "Javier", "Itziar", "Xabier", "Noelia", "Iker", "Uxue", "Andrés"],
         "it": ["Giulia", "Matteo", "Chiara", "Lorenzo", "Francesca", "Davide"],
         "pl": ["Zofia", "Kacper", "Agnieszka", "Tomasz", "Wiktoria", "Bartosz"],
         "br": ["Thiago", "Larissa", "Rafaela", "Gustavo", "Bianca", "Caio"],
         "in": ["Ananya", "Rohit", "Kavya", "Siddharth", "Meera", "Vikram"],
         "sg": ["Wei Ling", "Jun Jie", "Siti", "Arjun", "Hui Min", "Farhan"],
         "nl": ["Daan", "Sanne", "Bram", "Fleur", "Joris", "Lotte"],
         "au": ["Lachlan", "Matilda", "Kai", "Tahlia", "Hamish", "Ruby"],
         "ca": ["Étienne", "Chloé", "Liam", "Maëlle", "Owen", "Avery"],
         "de": ["Jannik", "Leonie", "Malte", "Henrike", "Finn", "Ida"],
         "fr": ["Baptiste", "Manon", "Théo", "Camille", "Hugo", "Inès"],
         "jp": ["Haruto", "Yui", "Sota", "Aoi"], "cn": ["Zihan", "Yutong", "Haoran", "Xinyi"]}
LAST = {"us": ["Whitaker", "Okafor", "Delgado", "Brennan", "Nakamura", "Pruitt", "Castillo", "Lindqvist", "Mbeki", "Hollis"],
        "uk": ["Ashworth", "Pemberton", "McAllister", "Kaur", "Hargreaves", "O'Donnell", "Thistlewood"],
        "es": ["Etxeberria", "Ruiz Calvo", "Olmedo", "Zubizarreta", "Castañeda", "Iglesias"],
        "it": ["Bianchi", "Esposito", "Colombo", "Marchetti", "Ferraro", "Galli"],
        "pl": ["Wójcik", "Zielińska", "Szymański", "Kaczmarek", "Dąbrowski", "Lewandowska"],
        "br": ["Albuquerque", "Nogueira", "Sampaio", "Figueiredo", "Moura", "Teixeira"],
        "in": ["Venkataraman", "Chatterjee", "Deshpande", "Kulkarni", "Nair", "Bhattacharya"],
        "sg": ["Tan", "Lim", "Rahman", "Pillai", "Goh", "Koh"],
        "nl": ["van Dijk", "Bakker", "de Vries", "Smit", "Visser", "Mulder"],
        "au": ["Fitzgerald", "Nguyen", "Tremaine", "Bishop", "Kowalczyk", "Harrow"],
        "ca": ["Tremblay", "Gagnon", "MacDonald", "Bouchard", "Fraser", "Côté"],
        "de": ["Brandt", "Schröder", "Hoffmann", "Kühn", "Vogel", "Lange"],
        "fr": ["Lefebvre", "Moreau", "Girard", "Fontaine", "Chevalier", "Roux"],
        "jp": ["Sato", "Takahashi", "Watanabe", "Ito"], "cn": ["Wang", "Li", "Zhang", "Liu"]}
DOMS = {"us": ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "comcast.net", "protonmail.com"],
        "uk": ["btinternet.com", "gmail.com", "outlook.co.uk", "sky.com"], "es": ["gmail.com", "telefonica.net", "hotmail.es"],
        "it": ["libero.it", "gmail.com", "tiscali.it"], "pl": ["wp.pl", "onet.pl", "gmail.com"], "br": ["uol.com.br", "gmail.com", "bol.com.br"],
        "in": ["rediffmail.com", "gmail.com", "yahoo.co.in"], "sg": ["singnet.com.sg", "gmail.com"], "nl": ["ziggo.nl", "kpnmail.nl", "gmail.com"],
        "au": ["bigpond.com", "optusnet.com.au", "gmail.com"], "ca": ["videotron.ca", "rogers.com", "gmail.com"],
        "de": ["web.de", "gmx.de", "t-online.de"], "fr": ["orange.fr", "free.fr", "laposte.net"], "jp": ["docomo.ne.jp", "gmail.com"],
        "cn": ["163.com", "qq.com"]}
def ascii_fold(s):
    tr = str.maketrans("áéíóúñàèìòùçãõâêôëïüöäßąćęłńśźżÉÓÁ'ēõ", "aeiounaeioucaoaeoeiuoasacelnszzEOA_eo")
    return re.sub(r"[^a-z0-9._]", "", s.lower().translate(tr).replace(" ", ""))
class Person:
    def __init__(self, loc=None):
        self.loc = loc or R.choice(list(FIRST))
        self.first = R.choice(FIRST[self.loc]); self.last = R.choice(LAST[self.loc])
        self.female = self.first in ("Maria", "Aaliyah", "Brianna", "Keisha", "Rosa", "Imogen", "Niamh", "Harriet", "Freya", "Lucía", "Itziar",
                                     "Noelia", "Uxue", "Giulia", "Chiara", "Francesca", "Zofia", "Agnieszka", "Wiktoria", "Larissa", "Rafaela",
                                     "Bianca", "Ananya", "Kavya", "Meera", "Siti", "Hui Min", "Wei Ling", "Sanne", "Fleur", "Lotte", "Matilda",
                                     "Tahlia", "Ruby", "Chloé", "Maëlle", "Avery", "Leonie", "Henrike", "Ida", "Manon", "Camille", "Inès", "Yui",
                                     "Aoi", "Yutong", "Xinyi")
        self.y = R.randint(1944, 2006); self.m = R.randint(1, 12); self.d = R.randint(1, 28)
    @property
    def name(self):
        return self.first + " " + self.last
    def email(self, dom=None):
        f, l = ascii_fold(self.first), ascii_fold(self.last)
        loc = R.choice([f + "." + l, f[0] + l, f + l[:3] + str(R.randint(1, 99)), l + "." + f, f + "_" + l + str(self.y % 100)])
        return loc + "@" + (dom or R.choice(DOMS[self.loc]))
    def dob(self, style=None):
        return fmt_date(self.y, self.m, self.d, style or {"us": "us", "de": "dot", "pl": "dot", "nl": "dash_eu"}.get(self.loc, R.choice(["iso", "eu", "long", "us"])))
MON = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
def fmt_date(y, m, d, style):
    return {"iso": "%04d-%02d-%02d" % (y, m, d), "us": "%02d/%02d/%04d" % (m, d, y), "eu": "%02d/%02d/%04d" % (d, m, y),
            "dot": "%02d.%02d.%04d" % (d, m, y), "dash_eu": "%02d-%02d-%04d" % (d, m, y), "long": "%d %s %d" % (d, MON[m - 1], y),
            "mdy": "%s %d, %d" % (MON[m - 1], d, y), "abbr": "%02d-%s-%d" % (d, MON[m - 1][:3].upper(), y), "compact": "%04d%02d%02d" % (y, m, d),
            "short": "%d %s %d" % (d, MON[m - 1][:3], y)}[style]
def rdate(y0=2023, y1=2026, style="iso"):
    return fmt_date(R.randint(y0, y1), R.randint(1, 12), R.randint(1, 28), style)

US_AREA = ["212", "312", "415", "503", "617", "702", "713", "786", "818", "919", "206", "404", "480", "612", "720", "971"]
def phone(cc=None):
    cc = cc or R.choice(["us", "us", "uk", "de", "fr", "es", "in", "cn", "br", "au", "jp", "sg", "nl"])
    n = lambda k: rs(DIG, k)
    x = R.random()
    if cc in ("us", "ca"):
        a = R.choice(US_AREA) if cc == "us" else R.choice(["416", "514", "604", "613", "403", "902"])
        e = str(R.randint(201, 989)); s = n(4)
        return R.choice(["(%s) %s-%s" % (a, e, s), "%s-%s-%s" % (a, e, s), "+1 %s %s %s" % (a, e, s), "+1-%s-%s-%s" % (a, e, s), "%s.%s.%s" % (a, e, s)])
    if cc == "uk":
        return R.choice(["+44 7%s %s" % (n(3), n(6)), "07%s %s" % (n(3), n(6)), "+44 20 %s %s" % (R.choice("378") + n(3), n(4)), "0161 %s %s" % (n(3), n(4))])
    if cc == "de":
        return R.choice(["+49 151 %s" % n(8), "+49 30 %s" % n(8), "0170 %s" % n(7), "+49 (0)89 %s %s" % (n(4), n(4))])
    if cc == "fr":
        return R.choice(["+33 6 %s %s %s %s" % (n(2), n(2), n(2), n(2)), "06 %s %s %s %s" % (n(2), n(2), n(2), n(2)), "+33 1 %s %s %s %s" % (n(2), n(2), n(2), n(2))])
    if cc == "es":
        return R.choice(["+34 6%s %s %s" % (n(2), n(3), n(3)), "6%s %s %s" % (n(2), n(3), n(3)), "+34 91 %s %s %s" % (n(3), n(2), n(2))])
    if cc == "in":
        return R.choice(["+91 9%s %s" % (n(4), n(5)), "+91-98%s%s" % (n(3), n(5)), "09%s %s" % (n(4), n(5))])
    if cc == "cn":
        return R.choice(["+86 13%s %s %s" % (n(1), n(4), n(4)), "138%s%s" % (n(4), n(4)), "+86 10 %s %s" % (n(4), n(4))])
    if cc == "br":
        return R.choice(["+55 11 9%s-%s" % (n(4), n(4)), "(21) 9%s-%s" % (n(4), n(4)), "+55 (31) 9%s-%s" % (n(4), n(4))])
    if cc == "au":
        return R.choice(["+61 4%s %s %s" % (n(2), n(3), n(3)), "04%s %s %s" % (n(2), n(3), n(3)), "(02) 9%s %s" % (n(3), n(4))])
    if cc == "jp":
        return R.choice(["090-%s-%s" % (n(4), n(4)), "+81 3-%s-%s" % (n(4), n(4)), "+81 80 %s %s" % (n(4), n(4))])
    if cc == "sg":
        return R.choice(["+65 9%s %s" % (n(3), n(4)), "+65 8%s%s" % (n(3), n(4)), "6%s %s" % (n(3), n(4))])
    if cc == "nl":
        return R.choice(["+31 6 %s" % n(8), "06-%s" % n(8), "+31 20 %s %s" % (n(3), n(4))])
    if cc == "it":
        return "+39 3%s %s %s" % (n(2), n(3), n(4))
    if cc == "pl":
        return "+48 %s %s %s" % (R.choice("5678") + n(2), n(3), n(3))
    return phone("us")
PCC = {"us": "us", "uk": "uk", "es": "es", "it": "it", "pl": "pl", "br": "br", "in": "in", "sg": "sg", "nl": "nl", "au": "au", "ca": "ca",
       "de": "de", "fr": "fr", "jp": "jp", "cn": "cn"}

def uuid():
    h = rs("0123456789abcdef", 32)
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], R.choice("89ab"), h[17:20], h[20:])
def hexs(n):
    return rs("0123456789abcdef", n)
def order_no():
    return R.choice(["%s-%s-%s" % (rs(DIG, 3), rs(DIG, 3), rs(DIG, 4)), "#%s" % rs(DIG, 7), "ORD-%s" % rs(DIG, 8)])
