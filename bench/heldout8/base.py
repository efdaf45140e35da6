"""Shared helpers for the heldout8 families: span markers, type balancing, people, phones, e-mails."""
import collections
import json
import unicodedata

import core as C
from core import R

COUNTS = collections.Counter()
STATE = {"force": None}
FAMILIES = {}       # kind -> (function, weight in the main plan, host-for types)


def family(kind, weight, hosts=()):
    def deco(fn):
        FAMILIES[kind] = (fn, weight, tuple(hosts))
        return fn
    return deco


def E(t, v):
    """scored span"""
    return "\x01%s\x02%s\x03" % (t, v)


def I(t, v):
    """ignore span"""
    return "\x01%s!\x02%s\x03" % (t, v)


def want(t, p=0.5):
    if STATE["force"] == t:
        return True
    if COUNTS[t] < 15:
        p = min(1.0, p * 1.6)
    return R.random() < p


def pick(options):
    """options: list of types (or (type, payload)); prefers the forced type, then least-generated."""
    keys = [o[0] if isinstance(o, tuple) else o for o in options]
    f = STATE["force"]
    if f in keys:
        return options[keys.index(f)]
    if R.random() < 0.65:
        m = min(COUNTS[k] for k in keys)
        cands = [o for o, k in zip(options, keys) if COUNTS[k] == m]
        return R.choice(cands)
    return R.choice(options)


def jesc(s):
    """JSON-escape a string that may contain span markers (markers are kept raw)."""
    out = json.dumps(s, ensure_ascii=False)[1:-1]
    return out.replace("\\u0001", "\x01").replace("\\u0002", "\x02").replace("\\u0003", "\x03")


def xesc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ------------------------------------------------------------------ people
NAMES = {
    "us": (["Tyler", "Brianna", "Marcus", "Shelby", "Dwayne", "Kendra", "Cody", "Latoya", "Garrett", "Monique", "Trevor", "Alyssa"],
           ["Pruitt", "Vasquez", "Holloway", "Okafor", "Brennan", "Castellanos", "Whitaker", "Nguyen", "Delgado", "Fitzgerald", "Mbeki", "Larkin"]),
    "uk": (["Rhys", "Niamh", "Callum", "Imogen", "Declan", "Ffion", "Hamish", "Bethan", "Tobias", "Maisie"],
           ["Pritchard", "Ellwood", "Gallagher", "Rees", "Thornbury", "Llewellyn", "McAllister", "Ashworth", "Penhaligon", "Crowther"]),
    "es": (["Iker", "Nerea", "Álvaro", "Ainhoa", "Jordi", "Montserrat", "Unai", "Itziar", "Pau", "Rocío"],
           ["Etxeberria", "Puigdomènech", "Zubizarreta", "Castelló", "Ordóñez", "Villalba", "Garmendia", "Roca", "Sáez", "Ibarra"]),
    "it": (["Gianluca", "Ilaria", "Dario", "Ludovica", "Emanuele", "Serena", "Tommaso", "Noemi", "Ettore", "Beatrice"],
           ["Mancuso", "Ferraresi", "Lombardo", "Cattaneo", "Piras", "Bellandi", "Santoro", "Galli", "Marchetti", "Orlando"]),
    "pl": (["Bartosz", "Zuzanna", "Wojciech", "Magdalena", "Kacper", "Agnieszka", "Mikołaj", "Oliwia"],
           ["Zieliński", "Wróblewska", "Kaczmarek", "Pawłowska", "Szymański", "Jabłońska", "Dudek", "Sikora"]),
    "nl": (["Thijs", "Femke", "Bram", "Lotte", "Joris", "Sanne", "Wouter", "Marieke"],
           ["van der Veen", "Bakker", "de Groot", "Vermeulen", "Smit", "Hoekstra", "Mulder", "Dijkstra"]),
    "br": (["Thiago", "Larissa", "Rafael", "Fernanda", "Caio", "Juliana", "Vinícius", "Camila"],
           ["Albuquerque", "Nogueira", "Carvalho", "Moreira", "Teixeira", "Barbosa", "Cavalcanti", "Rezende"]),
    "in": (["Siddharth", "Ananya", "Rohan", "Kavya", "Arnav", "Ishita", "Pranav", "Meera"],
           ["Venkataraman", "Chaudhary", "Bhattacharya", "Menon", "Deshpande", "Kulkarni", "Reddy", "Saxena"]),
    "sg": (["Wei Ling", "Jun Jie", "Hui Min", "Kai Xiang", "Siti", "Arjun", "Mei Hua", "Darren"],
           ["Tan", "Lim", "Ong", "Goh", "Binte Rahman", "Pillai", "Teo", "Chua"]),
    "au": (["Lachlan", "Matilda", "Hamish", "Isla", "Angus", "Sienna", "Jarrah", "Tahlia"],
           ["Fitzroy", "McKenzie", "Bourke", "Whitlam", "O'Loughlin", "Kennedy", "Doyle", "Harvey"]),
    "ca": (["Étienne", "Maëlle", "Liam", "Chloé", "Mathis", "Brooke", "Félix", "Avery"],
           ["Tremblay", "Gagnon", "Bouchard", "MacLeod", "Pelletier", "Fraser", "Lavoie", "Campbell"]),
    "de": (["Lukas", "Annika", "Florian", "Johanna", "Malte", "Svenja", "Jonas", "Carolin"],
           ["Schwarzenberger", "Köhler", "Brandt", "Vogel", "Hartmann", "Krüger", "Lindner", "Ziegler"]),
    "nordic": (["Eero", "Aino", "Mikkel", "Sigrid", "Gunnar", "Freyja", "Lasse", "Ingrid", "Bence", "Réka"],
               ["Virtanen", "Korhonen", "Kristensen", "Haugen", "Sigurðsson", "Lindqvist", "Nagy", "Horváth", "Jóhannsdóttir", "Mäkinen"]),
    "east": (["Dimitar", "Milica", "Rasa", "Kaur", "Aram", "Sokha", "Aung", "Bat-Erdene", "Aigerim", "Thandiwe", "Nurul"],
             ["Petrov", "Jovanović", "Kazlauskaitė", "Tamm", "Hakobyan", "Chea", "Kyaw", "Ganbold", "Seitkali", "van Wyk", "Hassan"]),
}


def ascii_fold(s):
    s = s.replace("ł", "l").replace("Ł", "L").replace("ð", "d").replace("ø", "o").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if ord(c) < 128)


def person(loc=None):
    loc = loc or R.choice(list(NAMES))
    f, l = R.choice(NAMES[loc][0]), R.choice(NAMES[loc][1])
    return {"first": f, "last": l, "loc": loc, "female": f in ("Brianna", "Shelby", "Kendra", "Latoya", "Monique", "Alyssa", "Niamh", "Imogen", "Ffion", "Bethan", "Maisie", "Nerea", "Ainhoa", "Montserrat", "Itziar", "Rocío", "Ilaria", "Ludovica", "Serena", "Noemi", "Beatrice", "Zuzanna", "Magdalena", "Agnieszka", "Oliwia", "Femke", "Lotte", "Sanne", "Marieke", "Larissa", "Fernanda", "Juliana", "Camila", "Ananya", "Kavya", "Ishita", "Meera", "Wei Ling", "Hui Min", "Siti", "Mei Hua", "Matilda", "Isla", "Sienna", "Tahlia", "Maëlle", "Chloé", "Brooke", "Avery", "Annika", "Johanna", "Svenja", "Carolin", "Aino", "Sigrid", "Freyja", "Ingrid", "Réka", "Milica", "Rasa", "Kaur", "Sokha", "Aigerim", "Thandiwe", "Nurul")}


DOMAINS = {"us": ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "comcast.net", "protonmail.com"],
           "uk": ["btinternet.com", "gmail.com", "hotmail.co.uk", "sky.com"], "es": ["gmail.com", "telefonica.net", "hotmail.es"],
           "it": ["libero.it", "gmail.com", "virgilio.it", "tiscali.it"], "pl": ["wp.pl", "onet.pl", "o2.pl", "gmail.com"],
           "nl": ["ziggo.nl", "kpnmail.nl", "gmail.com", "xs4all.nl"], "br": ["uol.com.br", "bol.com.br", "gmail.com"],
           "in": ["rediffmail.com", "gmail.com", "yahoo.co.in"], "sg": ["singnet.com.sg", "gmail.com"], "au": ["bigpond.com", "optusnet.com.au", "gmail.com"],
           "ca": ["videotron.ca", "rogers.com", "gmail.com", "sympatico.ca"], "de": ["web.de", "gmx.de", "t-online.de", "posteo.de"],
           "nordic": ["gmail.com", "elisa.fi", "live.dk", "online.no", "freemail.hu", "simnet.is"],
           "east": ["abv.bg", "gmail.com", "mail.ru", "inbox.lt", "yahoo.com", "mail.kz"]}


def email(p=None, domain=None):
    p = p or person()
    f = ascii_fold(p["first"]).lower().replace(" ", "").replace("'", "")
    l = ascii_fold(p["last"]).lower().replace(" ", "").replace("'", "")
    local = R.choice([f + "." + l, f[0] + l, f + l + str(R.randint(1, 99)), l + "." + f, f + "_" + l[:4], f + str(R.randint(70, 2005))])
    return local + "@" + (domain or R.choice(DOMAINS.get(p["loc"], DOMAINS["us"])))


def work_email(p, org):
    f = ascii_fold(p["first"]).lower().replace(" ", "")
    l = ascii_fold(p["last"]).lower().replace(" ", "").replace("'", "")
    return R.choice([f + "." + l, f[0] + l, f]) + "@" + org


US_AREAS = ["212", "415", "312", "617", "713", "404", "206", "303", "512", "602", "214", "305", "503", "919", "720", "646",
            "818", "469", "801", "615", "414", "267", "704", "916"]


def d(n):
    return C.rs(C.DIG, n)


def phone(cc=None):
    cc = cc or R.choice(["us", "us", "uk", "de", "fr", "es", "in", "cn", "br", "au", "jp", "sg", "nl", "it", "pl", "ca"])
    x = R.randint(0, 3)
    if cc in ("us", "ca"):
        a = R.choice(US_AREAS) if cc == "us" else R.choice(["416", "514", "604", "613", "403", "902", "418"])
        e, s = str(R.randint(2, 9)) + d(2), d(4)
        if e == "555":
            e = "556"
        return ["(%s) %s-%s" % (a, e, s), "%s-%s-%s" % (a, e, s), "+1 %s %s %s" % (a, e, s), "%s.%s.%s" % (a, e, s)][x]
    if cc == "uk":
        return ["+44 7%s %s" % (d(3), d(6)), "07%s %s" % (d(3), d(6)), "020 %s %s" % (R.choice(["7", "8", "3"]) + d(3), d(4)), "+44 (0)161 %s %s" % (d(3), d(4))][x]
    if cc == "de":
        return ["+49 151 %s" % d(8), "0176 %s" % d(8), "+49 30 %s" % d(8), "089 %s %s" % (d(3), d(4))][x]
    if cc == "fr":
        return ["+33 6 %s %s %s %s" % (d(2), d(2), d(2), d(2)), "06 %s %s %s %s" % (d(2), d(2), d(2), d(2)), "+33 1 %s %s %s %s" % (d(2), d(2), d(2), d(2)), "07.%s.%s.%s.%s" % (d(2), d(2), d(2), d(2))][x]
    if cc == "es":
        return ["+34 6%s %s %s" % (d(2), d(3), d(3)), "6%s %s %s" % (d(2), d(3), d(3)), "+34 93 %s %s %s" % (d(3), d(2), d(2)), "+34 7%s%s" % (d(2), d(6))][x]
    if cc == "in":
        return ["+91 9%s %s" % (d(4), d(5)), "+91-8%s" % d(9), "09%s" % d(9), "+91 7%s%s" % (d(4), d(5))][x]
    if cc == "cn":
        return ["+86 13%s %s %s" % (d(1), d(4), d(4)), "138-%s-%s" % (d(4), d(4)), "+86 10 %s %s" % (d(4), d(4)), "+86 159%s" % d(8)][x]
    if cc == "br":
        return ["+55 11 9%s-%s" % (d(4), d(4)), "(21) 9%s-%s" % (d(4), d(4)), "+55 31 3%s-%s" % (d(3), d(4)), "(11) 9%s %s" % (d(4), d(4))][x]
    if cc == "au":
        return ["+61 4%s %s %s" % (d(2), d(3), d(3)), "04%s %s %s" % (d(2), d(3), d(3)), "(02) 9%s %s" % (d(3), d(4)), "+61 3 9%s %s" % (d(3), d(4))][x]
    if cc == "jp":
        return ["+81 90-%s-%s" % (d(4), d(4)), "080-%s-%s" % (d(4), d(4)), "03-%s-%s" % (d(4), d(4)), "+81 6-%s-%s" % (d(4), d(4))][x]
    if cc == "sg":
        return ["+65 9%s %s" % (d(3), d(4)), "+65 8%s%s" % (d(3), d(4)), "+65 6%s %s" % (d(3), d(4)), "9%s %s" % (d(3), d(4))][x]
    if cc == "nl":
        return ["+31 6 %s" % d(8), "06-%s" % d(8), "020-%s" % d(7), "+31 (0)10 %s %s" % (d(3), d(4))][x]
    if cc == "it":
        return ["+39 3%s %s %s" % (d(2), d(3), d(4)), "+39 02 %s %s" % (d(4), d(4)), "3%s %s %s" % (d(2), d(3), d(4)), "+39 06 %s" % d(8)][x]
    if cc == "pl":
        return ["+48 5%s %s %s" % (d(2), d(3), d(3)), "+48 6%s-%s-%s" % (d(2), d(3), d(3)), "+48 22 %s %s %s" % (d(3), d(2), d(2)), "+48 7%s%s" % (d(2), d(6))][x]
    raise ValueError(cc)


FOREIGN_PHONE = {"hu": lambda: "+36 30 %s %s" % (d(3), d(4)), "fi": lambda: "+358 40 %s %s" % (d(3), d(4)),
                 "da": lambda: "+45 %s %s %s %s" % (d(2), d(2), d(2), d(2)), "no": lambda: "+47 %s %s %s" % (d(3), d(2), d(3)),
                 "is": lambda: "+354 %s %s" % (d(3), d(4)), "bg": lambda: "+359 88 %s %s" % (d(3), d(4)),
                 "sr": lambda: "+381 64 %s %s" % (d(3), d(4)), "lt": lambda: "+370 6%s %s" % (d(2), d(5)),
                 "et": lambda: "+372 5%s %s" % (d(3), d(4)), "hy": lambda: "+374 9%s %s" % (d(1), d(6)),
                 "km": lambda: "+855 12 %s %s" % (d(3), d(3)), "my": lambda: "+95 9 %s %s" % (d(3), d(4)),
                 "mn": lambda: "+976 9%s %s" % (d(3), d(4)), "kk": lambda: "+7 701 %s %s %s" % (d(3), d(2), d(2)),
                 "af": lambda: "+27 82 %s %s" % (d(3), d(4)), "ms": lambda: "+60 12-%s %s" % (d(3), d(4)),
                 "ca": lambda: phone("es"), "cy": lambda: phone("uk")}


MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def fdate(dt, style=None):
    y, m, dd = dt
    style = style or R.choice(["iso", "us", "eu", "long", "dot", "mon"])
    return {"iso": "%04d-%02d-%02d" % (y, m, dd), "us": "%02d/%02d/%04d" % (m, dd, y), "eu": "%02d/%02d/%04d" % (dd, m, y),
            "long": "%s %d, %04d" % (MONTHS_EN[m - 1], dd, y), "dot": "%02d.%02d.%04d" % (dd, m, y),
            "mon": "%02d %s %04d" % (dd, MONTHS_EN[m - 1][:3], y), "compact": "%04d%02d%02d" % (y, m, dd),
            "usn": "%d/%d/%04d" % (m, dd, y)}[style]


def nondate():
    return fdate((R.randint(2023, 2026), R.randint(1, 12), R.randint(1, 28)), R.choice(["iso", "us", "eu", "long"]))


def org():
    return R.choice(["northwindlabs.io", "bluepeak-health.org", "kestrel-logistics.com", "orchardbank.co", "lumenpay.eu",
                     "tidewater-clinic.org", "copperline.dev", "fjordsoft.no", "pampas-retail.com.br", "saffronhr.in",
                     "harbourfin.com.au", "marisco-hotels.es", "vigna-assicura.it"])


def ticket():
    return R.choice(["INC%07d" % R.randint(1, 9999999), "#%d" % R.randint(10000, 999999), "CS-%d" % R.randint(100000, 999999)])


def phone_shaped_order():
    return "%03d-%03d-%04d" % (R.randint(200, 989), R.randint(200, 999), R.randint(0, 9999))


def sha(n=64):
    return C.hexs(n)


def vis(s):
    """visible text of a marked string"""
    import re
    return re.sub("\x01[^\x02]*\x02", "", s).replace("\x03", "")


def pad(s, n):
    """left-justify a marked string to n visible characters (at least one space after)."""
    return s + " " * max(1, n - len(vis(s)))
