"""heldout8 PHI families."""
import core as C
from core import R
from base import E, I, want, pick, jesc, family, person, email, work_email, phone, fdate, nondate, phone_shaped_order, d

HCPCS = ["E0601", "J1745", "K0823", "A4253", "E1390", "L3908", "G0283"]


def mrn():
    return R.choice(["%08d" % R.randint(1, 99999999), "E%07d" % R.randint(1, 9999999), "MR%06d" % R.randint(1, 999999), "%07d" % R.randint(1, 9999999), "TMC-%06d" % R.randint(1, 999999)])


# ---------------------------------------------------------------- X12 270/271 eligibility
@family("x12_270_271", 12, hosts=("US_MBI", "US_NPI", "US_SSN", "DATE_OF_BIRTH"))
def x12():
    p = person("us")
    dob = C.dob(1935, 1960)
    n = R.randint(1000, 9999)
    is271 = R.random() < 0.5
    segs = ["ISA*00*          *00*          *ZZ*%-15s*ZZ*%-15s*260302*1418*^*00501*%09d*0*P*:" % ("CLEARHOUSE01", "CMS"[:3] + "EDI", R.randint(1, 10 ** 8)),
            "GS*%s*CLEARHOUSE01*CMSEDI*20260302*1418*%d*X*005010X279A1" % ("HB" if is271 else "HS", n),
            "ST*%s*%04d*005010X279A1" % ("271" if is271 else "270", R.randint(1, 9999)),
            "BHT*0022*%s*%s*20260302*1418" % ("11" if is271 else "13", C.hexs(10).upper()),
            "HL*1**20*1", "NM1*PR*2*CMS*****PI*CMS", "HL*2*1*21*1",
            "NM1*1P*2*%s*****XX*%s" % (R.choice(["TIDEWATER CLINIC", "BLUEPEAK HEALTH PC", "LAKESHORE DME"]), E("US_NPI", C.npi())),
            "HL*3*2*22*0", "TRN*1*%d*9%s" % (R.randint(10 ** 8, 10 ** 9), d(9)),
            "NM1*IL*1*%s*%s****MI*%s" % (p["last"].upper(), p["first"].upper(), E("US_MBI", C.mbi())),
            ]
    if want("US_SSN", 0.35):
        segs.append("REF*SY*%s" % E("US_SSN", C.ssn("")))
    segs.append("DMG*D8*%s*%s" % (E("DATE_OF_BIRTH", fdate(dob, "compact")), "F" if p["female"] else "M"))
    segs.append("DTP*291*D8*%s" % fdate((2026, 3, R.randint(1, 28)), "compact"))
    if is271:
        segs += ["EB*1**30**MEDICARE PART A", "EB*1**30**MEDICARE PART B", "EB*R**88*OT*PART D PLAN*****H%s" % d(4),
                 "PER*IC*MEDICARE CONTACT*TE*%s" % E("PHONE_NUMBER", "800%s%s" % (R.randint(200, 999), d(4))) if False else "PER*IC*PROVIDER RELATIONS*TE*%s" % E("PHONE_NUMBER", "%s%s%s" % (R.choice(["614", "410", "617"]), R.randint(200, 999), d(4))),
                 "MSG*CLAIM TRACKING %s - NOT A PHONE NUMBER" % phone_shaped_order()]
    else:
        segs.append("EQ*30")
    segs += ["SE*%d*%04d" % (len(segs) - 1, 1), "GE*1*%d" % n, "IEA*1*%09d" % R.randint(1, 10 ** 8)]
    sep = R.choice(["~\n", "~"])
    return sep.join(segs) + "~"


# ---------------------------------------------------------------- surgical schedule / inpatient census (fixed columns)
@family("periop_census", 10, hosts=("MEDICAL_RECORD_NUMBER", "ICD10_CODE", "US_NPI", "DATE_OF_BIRTH"))
def census():
    out = ["%s  OR SCHEDULE / CENSUS  %s   printed by %s" % (R.choice(["TIDEWATER MEDICAL CTR", "BLUEPEAK REGIONAL"]), nondate(), R.choice(["jdoe2", "rn_kmills", "charge_or3"])),
           "%-5s %-10s %-22s %-11s %-9s %-28s %-12s" % ("ROOM", "MRN", "PATIENT", "DOB", "DX ICD10", "PROCEDURE (CPT)", "SURGEON NPI"), "-" * 104]
    for _ in range(R.randint(3, 5)):
        p = person(R.choice(["us", "us", "ca"]))
        out.append("%-5s %s %-22s %s %s %-28s %s" % (
            "OR" + str(R.randint(1, 14)), E("MEDICAL_RECORD_NUMBER", mrn()).ljust(10 + 4 + len("MEDICAL_RECORD_NUMBER")),
            (p["last"] + ", " + p["first"])[:22], E("DATE_OF_BIRTH", fdate(C.dob(1940, 2010), "us")), E("ICD10_CODE", C.icd10()).ljust(9 + 4 + len("ICD10_CODE")),
            R.choice(["27447 TKA R", "47562 LAP CHOLE", "29881 KNEE SCOPE", "63030 LAMINOTOMY", "33533 CABG"]), E("US_NPI", C.npi())))
    out.append("Bed board: B20 clean, B21 blocked (gate code B20 for after-hours entry)")
    out.append("Case IDs %s, %s   Anesthesia pager %s" % (C.uuid4()[:8], C.uuid4()[:8], R.randint(1000, 9999)))
    return "\n".join(out)


# ---------------------------------------------------------------- prior authorization fax (OCR)
@family("prior_auth_fax", 12, hosts=("US_DEA", "US_NPI", "US_MBI", "ICD10_CODE", "DATE_OF_BIRTH"))
def prior_auth():
    p, doc = person("us"), person("us")
    fax = phone("us")
    out = ["%s  FROM: %s  TO: %s  P. 1/3" % (nondate(), E("PHONE_NUMBER", fax), E("PHONE_NUMBER", "1-888-%d-%s" % (R.randint(200, 999), d(4)))),
           "PRIOR AUTHORIZATION REQUEST - %s" % R.choice(["DME", "SPECIALTY PHARMACY", "IMAGING"]),
           "Member name: %s %s     Member DOB: %s" % (p["first"], p["last"], E("DATE_OF_BIRTH", fdate(C.dob(1935, 1975), R.choice(["us", "usn"])))),
           "Medicare ID (MBI): %s      Plan: Medicare Advantage" % E("US_MBI", C.mbi(R.random() < 0.5)),
           "Prescriber: Dr. %s %s   NPI %s   DEA# %s" % (doc["first"], doc["last"], E("US_NPI", C.npi()), E("US_DEA", C.dea(doc["last"])) if want("US_DEA", 0.7) else "n/a"),
           "Office phone %s   Office e-mail %s" % (E("PHONE_NUMBER", phone("us")), E("EMAIL_ADDRESS", work_email(doc, "tidewater-clinic.org"))),
           "Diagnosis (ICD-10): %s  %s" % (E("ICD10_CODE", C.icd10()), ("; " + E("ICD10_CODE", C.icd10(R.random() < 0.7))) if R.random() < 0.5 else ""),
           "Requested item HCPCS: %s  qty 1   NDC %s-%s-%s" % (R.choice(HCPCS), d(5), d(4), d(2))]
    if R.random() < 0.3:
        out.append("Previous request denied: prescriber DEA %s failed verification" % C.dea_bad(doc["last"]))
    out.append("Clinic MRN: %s" % E("MEDICAL_RECORD_NUMBER", mrn()))
    out.append("CONFIDENTIALITY NOTICE: this fax contains PHI. If received in error call %s." % E("PHONE_NUMBER", phone("us")))
    s = "\n".join(out)
    if R.random() < 0.3:
        s = s.replace("Member", "Mernber").replace("Diagnosis", "Diaqnosis")
    return s


# ---------------------------------------------------------------- occupational health / workers' comp (US, UK incl. Welsh)
@family("occ_health_claim", 12, hosts=("US_SSN", "UK_NINO", "UK_NHS", "ICD10_CODE", "US_NPI"))
def occ():
    if R.random() < 0.5:
        p = person("us")
        out = ["EMPLOYER'S FIRST REPORT OF INJURY (FROI) - %s" % R.choice(["TX DWC-1", "CA 5020", "NY C-2F"]),
               "Employee: %s %s   SSN: %s   Date of birth: %s" % (p["first"], p["last"], E("US_SSN", C.ssn()) if want("US_SSN", 0.8) else "xxx-xx-" + d(4), E("DATE_OF_BIRTH", fdate(C.dob(1960, 2004), "us"))),
               "Home phone: %s" % E("PHONE_NUMBER", phone("us")),
               "Injury: %s   ICD-10: %s" % (R.choice(["laceration L hand", "lumbar strain", "fall from ladder"]), E("ICD10_CODE", C.icd10())),
               "Treating physician NPI: %s   Clinic chart #: %s" % (E("US_NPI", C.npi()), E("MEDICAL_RECORD_NUMBER", mrn())),
               "Claim no. %s   Policy %s   OSHA case %d" % (phone_shaped_order(), "WC" + d(8), R.randint(1, 300))]
        return "\n".join(out)
    p = person("uk")
    welsh = R.random() < 0.5
    out = ["%s" % ("Nodyn ffitrwydd / Fit note - Iechyd Galwedigaethol" if welsh else "Occupational Health Referral"),
           "%s: %s %s" % ("Enw / Name" if welsh else "Name", p["first"], p["last"]),
           "%s: %s" % ("Dyddiad geni / DOB" if welsh else "Date of birth", E("DATE_OF_BIRTH", fdate(C.dob(1960, 2004), R.choice(["eu", "mon"])))),
           "%s: %s" % ("Rhif GIG / NHS No." if welsh else "NHS number", E("UK_NHS", C.nhs()) if want("UK_NHS", 0.8) else "not supplied"),
           "%s: %s" % ("Rhif Yswiriant Gwladol / NI No." if welsh else "NI number", E("UK_NINO", C.nino())),
           "%s: %s" % ("Ffôn" if welsh else "Tel", E("PHONE_NUMBER", phone("uk"))),
           "Condition (ICD-10 %s) - phased return advised" % E("ICD10_CODE", C.icd10()),
           "Old hospital no. %s (legacy, failed mod-11 check; use NHS no. above)" % ("%d %d %d" % (R.randint(100, 999), R.randint(100, 999), R.randint(1000, 9999)) if False else C.nhs("space")[:-1] + "X")]
    return "\n".join(out)


# ---------------------------------------------------------------- REDCap CSV export with data dictionary excerpt
@family("redcap_export", 10, hosts=("MEDICAL_RECORD_NUMBER", "DATE_OF_BIRTH", "ICD10_CODE", "EMAIL_ADDRESS"))
def redcap():
    out = ["# Data dictionary (excerpt): record_id | mrn (text, identifier=y) | dob (date_ymd, identifier=y) | dx_icd10 (text) | email (identifier=y) | enroll_dt",
           "record_id,redcap_event_name,redcap_data_access_group,mrn,dob,dx_icd10,email,enroll_dt,consent_complete"]
    for i in range(R.randint(3, 5)):
        p = person(R.choice(["us", "uk", "ca"]))
        out.append("%d,baseline_arm_1,%s,%s,%s,%s,%s,%s,2" % (
            i + 1, R.choice(["site_01", "site_02"]), E("MEDICAL_RECORD_NUMBER", mrn()), E("DATE_OF_BIRTH", fdate(C.dob(1940, 2005), "iso")),
            E("ICD10_CODE", C.icd10(R.random() < 0.8)), E("EMAIL_ADDRESS", email(p)) if R.random() < 0.7 else "", nondate()))
    out.append("# exported by api token %s (REDCap API tokens are 32 hex, not a taxonomy type)" % C.hexs(32).upper())
    return "\n".join(out)


# ---------------------------------------------------------------- Epic-style chart print with repeating page headers
@family("chart_print_pages", 12, hosts=("MEDICAL_RECORD_NUMBER", "US_MBI", "US_NPI", "ICD10_CODE", "DATE_OF_BIRTH", "US_DEA"))
def chart():
    p, doc = person("us"), person("us")
    m = mrn()
    dob = fdate(C.dob(1930, 1990), "usn")
    hdr = "%s, %s   MRN: %s   DOB: %s   Legal Sex: %s" % (p["last"].upper(), p["first"], E("MEDICAL_RECORD_NUMBER", m), E("DATE_OF_BIRTH", dob), "F" if p["female"] else "M")
    pages = []
    pg1 = [hdr, "Printed %s by %s                                   Page 1 of 2" % (nondate(), "ZZTEST.EPIC"), "",
           "Problem List", "  %s  %s" % (E("ICD10_CODE", C.icd10()), R.choice(["Type 2 diabetes", "Atrial fibrillation", "Asthma"])),
           "  %s  %s" % (E("ICD10_CODE", C.icd10()), R.choice(["Hyperlipidemia", "OSA", "GERD"])),
           "Coverage: Medicare  Subscriber ID (MBI) %s" % E("US_MBI", C.mbi(R.random() < 0.3)),
           "Care team: PCP %s %s, MD  NPI %s" % (doc["first"], doc["last"], E("US_NPI", C.npi()))]
    pg2 = [hdr, "Printed %s                                           Page 2 of 2" % nondate(), "",
           "Medications: oxycodone 5 mg q6h PRN  (prescriber DEA %s)" % (E("US_DEA", C.dea(doc["last"])) if want("US_DEA", 0.5) else "on file"),
           "Preferred pharmacy: %s  %s" % (R.choice(["CVS #4411", "Walgreens #10233"]), E("PHONE_NUMBER", phone("us"))),
           "Patient contact: %s / %s" % (E("PHONE_NUMBER", phone("us")), E("EMAIL_ADDRESS", email(p))),
           "Encounter CSN %d  HAR %d" % (R.randint(10 ** 9, 10 ** 10), R.randint(10 ** 8, 10 ** 9))]
    return "\n".join(pg1) + "\n\f\n" + "\n".join(pg2)
