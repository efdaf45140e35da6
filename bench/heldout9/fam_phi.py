"""heldout9 PHI families."""
import core
from core import R, rs, DIG, UP, LO, B62
from base import M, I, pick, want, Person, phone, fmt_date, rdate, uuid, hexs, order_no, PCC
from fam_pii import natval

def mrn():
    return R.choice([rs(DIG, R.choice([7, 8, 9])), R.choice(["MR", "E", "VH", "OPT"]) + rs(DIG, R.choice([6, 7]))])
def npi_bad():
    n = core.npi(); return n[:9] + str((int(n[9]) + 1) % 10)

# 12 ---------------------------------------------------------------- X12 835 ERA
def x12_835():
    seg = []
    r1, r2 = core.aba(), core.aba()
    ctrl = rs(DIG, 9)
    seg += ["ISA*00*          *00*          *ZZ*%-15s*ZZ*%-15s*%s*%02d%02d*^*00501*%s*0*P*:" % (rs(UP + DIG, 9), rs(UP + DIG, 10), rdate(2026, 2026, "compact")[2:], R.randint(0, 23), R.randint(0, 59), ctrl),
            "GS*HP*%s*%s*%s*1200*%d*X*005010X221A1" % (rs(UP, 6), rs(UP, 7), rdate(2026, 2026, "compact"), R.randint(1, 9999)), "ST*835*0001",
            "BPR*I*%d.%02d*C*ACH*CCP*01*%s*DA*%s*%s**01*%s*DA*%s*%s" % (R.randint(100, 90000), R.randint(0, 99), M("US_BANK_ROUTING", r1), rs(DIG, 10), rs(DIG, 10), M("US_BANK_ROUTING", r2), rs(DIG, 9), rdate(2026, 2026, "compact")),
            "TRN*1*%s*1%s" % (rs(DIG, 12), rs(DIG, 9)), "DTM*405*%s" % rdate(2026, 2026, "compact"),
            "N1*PR*%s" % R.choice(["MEDICARE PART B", "BLUE RIDGE HEALTH PLAN", "NOVASURE"]), "PER*CX*CLAIMS*TE*%s" % M("PHONE_NUMBER", "%s%d%s" % (R.choice(["800", "866", "877"]), R.randint(200, 989), rs(DIG, 4))),
            "N1*PE*%s*XX*%s" % (R.choice(["LAKEVIEW SLEEP CENTER", "CLEARVIEW OPTOMETRY", "NORTHSIDE LABS"]), M("US_NPI", core.npi()))]
    for i in range(R.randint(1, 3)):
        p = Person("us")
        member = M("US_MBI", core.mbi(False)) if want("US_MBI", .7) else rs(UP, 3) + rs(DIG, 9)
        seg += ["LX*%d" % (i + 1), "CLP*%s*1*%d*%d*%d*MB*%s*11*1" % (rs(DIG, 10), R.randint(100, 900), R.randint(50, 800), R.randint(0, 40), rs(DIG, 14)),
                "NM1*QC*1*%s*%s****MI*%s" % (p.last.upper(), p.first.upper(), member), "NM1*82*1*%s*%s****XX*%s" % (Person("us").last.upper(), R.choice(["ANA", "ROBERT", "LIN"]), M("US_NPI", core.npi())),
                "DTM*232*%s" % rdate(2026, 2026, "compact"), "SVC*HC:%s*%d*%d**1" % (R.choice(["95810", "92004", "80053", "G0399"]), R.randint(100, 900), R.randint(50, 800)),
                "CAS*CO*45*%d.%02d" % (R.randint(1, 300), R.randint(0, 99))]
        if R.random() < .3:
            seg.append("LQ*HE*N362")
    seg += ["SE*%d*0001" % (len(seg) - 1), "GE*1*%d" % R.randint(1, 9999), "IEA*1*%s" % ctrl]
    return ("~\n" if R.random() < .6 else "~").join(seg) + "~"

# 13 ---------------------------------------------------------------- LIMS sample export
def lims_export():
    sep = R.choice([",", "\t", "|"])
    cols = ["accession", "specimen_barcode", "patient_mrn", "patient_dob", "ordering_npi", "dx_icd10", "test_code", "collected_at", "result_flag"]
    if R.random() < .5: cols.append("notify_email")
    L = ["## LabVantage export %s  site=%s  rows=%s" % (rdate(2026, 2026), R.choice(["MAIN", "SAT-2", "REF-LAB"]), "n"), sep.join(cols)]
    for _ in range(R.randint(3, 6)):
        p = Person("us")
        row = ["A%s-%s" % (rdate(2026, 2026, "compact")[2:], rs(DIG, 5)), rs(DIG, 12), M("MEDICAL_RECORD_NUMBER", mrn()), M("DATE_OF_BIRTH", p.dob(R.choice(["iso", "us", "compact"]))),
               M("US_NPI", core.npi()), M("ICD10_CODE", core.icd(R.random() < .7)), R.choice(["CBC", "CMP", "HBA1C", "TSH", "LIPID", "UA"]),
               "%sT%02d:%02d" % (rdate(2026, 2026), R.randint(0, 23), R.randint(0, 59)), R.choice(["N", "H", "L", "C", ""])]
        if "notify_email" in cols: row.append(M("EMAIL_ADDRESS", p.email()))
        L.append(sep.join(row))
    L[0] = L[0].replace("rows=n", "rows=%d" % (len(L) - 2))
    if R.random() < .5:
        L.append("# analyzer %s at %s (%s) firmware 4.%d.%d.%d" % (R.choice(["cobas-8000", "Alinity-ci", "AU5800"]), I("IP_ADDRESS", core.ipv4_private()), M("MAC_ADDRESS", core.mac()), R.randint(0, 9), R.randint(0, 20), R.randint(0, 99)))
    return "\n".join(L)

# 14 ---------------------------------------------------------------- CDISC ODM EDC export
def odm_edc():
    site = R.choice([("US", "us"), ("UK", "uk"), ("SG", "sg"), ("NL", "nl"), ("CA", "ca")])
    inv = Person(site[1])
    L = ['<?xml version="1.0" encoding="UTF-8"?>', '<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" FileType="Snapshot" FileOID="EXP.%s" CreationDateTime="%sT09:00:00">' % (uuid(), rdate(2026, 2026)),
         ' <AdminData><User OID="USR.%d"><FullName>%s</FullName><Email>%s</Email>' % (R.randint(1, 99), inv.name, M("EMAIL_ADDRESS", inv.email(R.choice(["trialsite.org", "crc-network.com"])))),
         '  <Phone>%s</Phone>' % M("PHONE_NUMBER", phone(site[1]))]
    if site[0] == "US": L.append('  <!-- investigator NPI --><Custom Name="NPI">%s</Custom>' % M("US_NPI", core.npi()))
    L += [' </User></AdminData>', ' <ClinicalData StudyOID="ST.%s" MetaDataVersionOID="v%d.%d">' % (rs(UP, 3) + "-" + rs(DIG, 3), R.randint(1, 4), R.randint(0, 9))]
    for _ in range(R.randint(1, 3)):
        p = Person(site[1])
        L.append('  <SubjectData SubjectKey="%s-%03d"><SiteRef LocationOID="SITE.%s%02d"/>' % (rs(DIG, 3), R.randint(1, 200), site[0], R.randint(1, 20)))
        L.append('   <StudyEventData StudyEventOID="SE.SCREEN"><FormData FormOID="F.DM"><ItemGroupData ItemGroupOID="IG.DM">')
        L.append('    <ItemData ItemOID="IT.BRTHDAT" Value="%s"/>' % M("DATE_OF_BIRTH", p.dob(R.choice(["iso", "abbr"]))))
        if want("MEDICAL_RECORD_NUMBER", .6): L.append('    <ItemData ItemOID="IT.SRCMRN" Value="%s"/><!-- source document hospital MRN -->' % M("MEDICAL_RECORD_NUMBER", mrn()))
        idt = {"UK": "UK_NHS", "SG": "SG_NRIC", "NL": "NL_BSN", "CA": "CA_SIN", "US": "US_MBI"}[site[0]]
        if want(idt, .5):
            lab = {"UK_NHS": "NHSNO", "SG_NRIC": "NRIC", "NL_BSN": "BSN", "CA_SIN": "SIN", "US_MBI": "MBI"}[idt]
            v = core.mbi() if idt == "US_MBI" else natval(idt, p)
            L.append('    <ItemData ItemOID="IT.%s" Value="%s"/>' % (lab, M(idt, v)))
        L.append('   </ItemGroupData></FormData><FormData FormOID="F.MH"><ItemGroupData ItemGroupOID="IG.MH" ItemGroupRepeatKey="1">')
        L.append('    <ItemData ItemOID="IT.MHTERM" Value="%s"/><ItemData ItemOID="IT.MHICD10" Value="%s"/>' % (R.choice(["Type 2 diabetes", "Hypertension", "Asthma", "Migraine"]), M("ICD10_CODE", core.icd())))
        L.append('    <AuditRecord><UserRef UserOID="USR.%d"/><DateTimeStamp>%sT10:%02d:00</DateTimeStamp><SourceID>%s</SourceID></AuditRecord>' % (R.randint(1, 99), rdate(2026, 2026), R.randint(0, 59), M("IP_ADDRESS", core.ipv4()) if want("IP_ADDRESS", .3) else hexs(12)))
        L.append('   </ItemGroupData></FormData></StudyEventData></SubjectData>')
    L += [' </ClinicalData>', '</ODM>']
    return "\n".join(L)

# 15 ---------------------------------------------------------------- optometry exam record
def optometry_exam():
    p = Person(R.choice(["us", "us", "uk", "ca"]))
    od = Person("us")
    L = ["%s EYE CARE — COMPREHENSIVE EXAM" % R.choice(["CLEARVIEW", "BRIGHTSIDE", "20/20 FAMILY"]), "Patient: %s    Chart #: %s    DOB: %s" % (p.name, M("MEDICAL_RECORD_NUMBER", mrn()), M("DATE_OF_BIRTH", p.dob("us"))),
         "Exam date: %s    Ins: %s" % (rdate(2026, 2026, "us"), R.choice(["VSP", "EyeMed", "Medicare"])), "",
         "VA sc: OD 20/%d  OS 20/%d     IOP: %d/%d mmHg (%s)" % (R.choice([20, 25, 40, 60]), R.choice([20, 30, 50]), R.randint(10, 24), R.randint(10, 24), "iCare"),
         "Rx  OD %+.2f %+.2f x %03d   OS %+.2f %+.2f x %03d   ADD +%.2f   PD %d/%d" % (R.randint(-24, 12) / 4, -R.randint(0, 8) / 4, R.randint(1, 180), R.randint(-24, 12) / 4, -R.randint(0, 8) / 4, R.randint(1, 180), R.choice([1.0, 1.5, 2.25]), R.randint(29, 34), R.randint(29, 34)),
         "Frame UPC %s   Lens SKU %s" % (rs(DIG, 12), rs(UP + DIG, 10)), "", "Assessment:"]
    for _ in range(R.randint(1, 3)):
        dx, code = R.choice([("Myopia, bilateral", "H52.13"), ("Presbyopia", "H52.4"), ("POAG, right eye, mild", "H40.1111"), ("Age-related nuclear cataract, bilateral", "H25.13"),
                             ("Dry eye syndrome, bilateral", "H04.123"), ("Regular astigmatism, bilateral", "H52.223"), ("T2DM w/ mild NPDR w/o DME, bilateral", "E11.3293")])
        L.append("  - %s (%s)" % (dx, M("ICD10_CODE", code)))
    L.append("Plan: RTC 12 mo. %s" % R.choice(["Latanoprost 0.005% qhs.", "PFATs qid.", "Refer to retina."]))
    L.append("Examining OD: %s, O.D.   NPI %s" % (od.name, M("US_NPI", core.npi())))
    k = pick("US_MBI", "PHONE_NUMBER", "EMAIL_ADDRESS", "US_DEA", "UK_NHS")
    if k == "US_MBI": L.append("Medicare MBI: " + M("US_MBI", core.mbi()))
    elif k == "US_DEA": L.append("Co-managing MD (oculoplastics) DEA " + M("US_DEA", core.dea(od.last)) + " for post-op Rx")
    elif k == "UK_NHS": L.append("NHS No. " + M("UK_NHS", natval("UK_NHS", p)) + " (GOS 1 claim)")
    elif k == "EMAIL_ADDRESS": L.append("Recall reminders to " + M("EMAIL_ADDRESS", p.email()))
    else: L.append("Contact lens order ready — text " + M("PHONE_NUMBER", phone(PCC[p.loc])))
    if R.random() < .3: L.append("Rejected NPI on claim: %s (check digit)" % npi_bad())
    return "\n".join(L)

# 16 ---------------------------------------------------------------- sleep study report
def sleep_study():
    p = Person("us")
    ref, rd = Person("us"), Person("us")
    L = ["POLYSOMNOGRAPHY REPORT — %s Sleep Disorders Center" % R.choice(["Lakeview", "Summit", "Pinecrest"]), "",
         "Name: %s   MRN: %s   D.O.B.: %s   Sex: %s" % (p.name, M("MEDICAL_RECORD_NUMBER", mrn()), M("DATE_OF_BIRTH", p.dob(R.choice(["us", "mdy"]))), "F" if p.female else "M"),
         "Study date: %s   Study type: %s   Height %d in  Weight %d lb  BMI %.1f" % (rdate(2026, 2026, "us"), R.choice(["Diagnostic PSG (95810)", "Split-night (95811)", "HSAT (G0399)"]), R.randint(58, 76), R.randint(110, 300), R.uniform(19, 45)),
         "Referring: %s, MD (NPI %s)" % (ref.name, M("US_NPI", core.npi())), "",
         "RESULTS: TST %d min, SE %d%%, AHI %.1f/h, RDI %.1f/h, SpO2 nadir %d%%, PLMI %.1f/h." % (R.randint(200, 450), R.randint(60, 95), R.uniform(2, 60), R.uniform(3, 65), R.randint(70, 92), R.uniform(0, 30)),
         "DIAGNOSIS: %s; %s" % (M("ICD10_CODE", R.choice(["G47.33", "G47.30", "G47.411"])), R.choice(["obesity (" + M("ICD10_CODE", "E66.9") + ")", "snoring (" + M("ICD10_CODE", "R06.83") + ")", "no comorbidities coded"])), "",
         "RECOMMENDATIONS: APAP 5-15 cmH2O. Device serial %s" % (rs(DIG, 11))]
    k = pick("IMEI", "US_DEA", "US_MBI", "PHONE_NUMBER", "US_NPI")
    if k == "IMEI": L.append("Modem IMEI %s registered for compliance upload (AirView)." % M("IMEI", R.choice([core.imei(), None]) or core.imei()))
    elif k == "US_DEA": L.append("Rx: modafinil 200 mg qAM #30 — prescriber DEA %s" % M("US_DEA", core.dea(rd.last)))
    elif k == "US_MBI": L.append("Medicare MBI %s — CMS CPAP adherence rules apply." % M("US_MBI", core.mbi()))
    elif k == "PHONE_NUMBER": L.append("DME: call %s to schedule mask fitting." % M("PHONE_NUMBER", phone("us")))
    else: L.append("Also cc: PCP NPI %s" % M("US_NPI", core.npi()))
    L.append("Interpreting physician: %s, MD, D.ABSM   NPI %s   e-signed %s" % (rd.name, M("US_NPI", core.npi()), rdate(2026, 2026, "us")))
    return "\n".join(L)

FAMILIES = {"x12_835_era": x12_835, "lims_export": lims_export, "odm_edc_xml": odm_edc, "optometry_exam": optometry_exam, "sleep_study_report": sleep_study}
