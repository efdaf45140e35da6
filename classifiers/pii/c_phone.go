package pii

import (
	"bytes"

	"github.com/weir-dev/weir/classifiers/checksum"
	"github.com/weir-dev/weir/classifiers/detector"
)

// Phone numbers: E.164 (+CC ...), NANP, and national formats of UK, DE, FR,
// ES, IN, CN, BR, AU, JP, SG, NL (plus IT and PL, which share shapes).
//
// Phone shapes collide with order, invoice, tracking and ticket numbers,
// dates, versions and other IDs, so every spec here:
//   - accepts a value only if the whole digit run is one phone (cExact), so
//     "900-7810689-7892" and "847-022-8146-90" are not phones;
//   - rejects a value that directly follows an order/invoice/ticket label
//     (cLabeled), so "Invoice 876-578-4345" is not a phone;
//   - checks the numbering plan (NANP area/exchange, E.164 country code and
//     national-number length, mobile prefixes).

// phoneLabels are the labels that make a phone-shaped number something else
// when they stand right in front of it (see also phoneReject).
const phoneLabels = `(?:invoice|contract|inv|order|ord|ticket|tracking|track|ref|reference|référence|referencia|riferimento|` +
	`rechnung|rechnungsnummer|bestellung|bestellnummer|auftrag|pedido|factura|commande|facture|fattura|ordine|` +
	`bestellnr|auftragsnr|rechnungsnr|kundennr|vertragsnr|belegnr|` +
	// Order words of other languages: "Đơn hàng 225 527 5017", "订单号 ...".
	`đơn hàng|mã đơn|订单号|订单|注文番号|주문번호|sipariş|objednávka|zamówienie|заказ|замовлення|` +
	`رقم الطلب|الطلب|طلب|رقم المرجع|مرجع|מספר הזמנה|הזמנה|אסמכתא|شماره سفارش|سفارش|ऑर्डर|संदर्भ|` +
	// Police, incident and lab reports: "Related report: 855-282-9042".
	`report|docket|docket[ \t]+entry|loan|appraisal|permit|cheque|check|` +
	// Money-transfer control numbers and parcel tracking: "MTCN 057-317-5873", "快递单号 526-992-3835".
	`mtcn|快递单号|运单号|单号|追踪号|tracking[ \t]+no|` +
	// Invoice, order and reference words of more languages (fi, ca/ro, hu, sv, no/da, hr, sl, lt, lv, et, nl)
	// and hospital encounter numbers ("Encounter CSN 7559961647").
	`viitenumero|viite|tilausnumero|tilaus|comanda|comandă|rendelésszám|rendelés|beställning|bestilling|ordrenummer|` +
	`ordernummer|ordernr|narudžba|naročilo|užsakymas|pasūtījums|tellimus|referens|referanse|encounter|csn|har|fin|` +
	`case|incident|sku|serial|transaction|txn|confirmation|booking|reservation|submission|claim|policy|` +
	`account|acct|item|part|model|build|version|ver|id|isbn|po|receipt|shipment|parcel|awb|container|batch|lot|` +
	// Lab and biobank identifiers: "Specimen 201-491-3818 received".
	`specimen|accession|sample|kit|` +
	// National-ID labels: "SIN 756 091 351", "Tax File Number is 529 520 312".
	`sin|ssn|tfn|bsn|nif|nie|dni|cpf|pesel|nhs|nino|aadhaar|uid|pan|npi|dea|mrn|passport|licen[cs]e|` +
	`social[ \t_\-]*insurance|social[ \t_\-]*security|tax[ \t_\-]*file|tax[ \t_\-]*id|insurance|burgerservicenummer|` +
	`steuer-?id|steuernummer|` +
	// Owners name a phone as often as an ID ("CUSTOMER: 681.277.9833" is a
	// transcript's speaker): only with a number word they label an ID.
	`(?:member|patient|customer|employee|student)[ \t_\-]*(?:numbers?|num|no|nr|n°|nº|#|ids?)|` +
	`code|pin|otp|cvv|cvc|zip|postcode|postal|ext|extension|amount|total|qty|quantity|price|balance|iban|card|routing|aba)` +
	`(?:[ \t_\-]*(?:numbers?|num|no|nr|n°|nº|#|ids?))?(?:[ \t]+(?:is|was|says|reads|shows|on[ \t]+file[ \t]+is|on[ \t]+file))?`

// phoneReject are labels and column names of reference numbers that share
// phone shapes: a value labelled or filed under one is not a phone
// ("Loyalty #: 2769500722", "(EIN) 02-1889941", "NDC 05507-9026-91").
// Generic words like "order", "ticket" or "account" stay in phoneLabels,
// which only looks at the label right in front of the value: they also
// name the owner of a phone in a field ("account_phone") and head the
// first line of many prose records ("Ticket #123 | Priority: high"), which
// the engine may read as a CSV header.
var phoneReject = []string{
	"ndc", "ein", "fein", "contract no", "contract number", "loyalty", "rewards number", "frequent flyer",
	"rx", "pnr", "record locator", "member id", "member_id", "memberid", "membership number",
	"vertragsnummer", "mitgliedsnummer", "versichertennummer", "aktenzeichen",
	"numéro de contrat", "número de contrato", "numero di contratto", "número de póliza",
	// Column and key names of identifiers shaped like phone numbers.
	"order", "orders", "order number", "order_number", "order_id", "order id", "order no",
	"tracking", "tracking number", "tracking_number", "invoice", "invoice number", "invoice_number",
	"ticket", "ticket_id", "serial", "serial number", "serial_number", "sku",
	"ref", "ref.", "ref no", "reference", "référence", "referencia", "bestellnr", "auftragsnr",
	"acctid", "acct_id", "account_id", "accountid", "account_number", "accountnumber", "bankid", "fitid",
}

// phoneLabelsAbove: an employer ID labelled on the line above it, as in a
// W-2 box ("b Employer identification number (EIN)\n02-6914117").
const phoneLabelsAbove = `(?i:ein|fein)\)?[ \t:]*\r?\n[ \t]*`

var phoneContext = []string{
	"phone", "telephone", "tel", "tel.", "mobile", "cell", "cellphone", "call", "text", "sms", "whatsapp",
	"contact", "reach", "fax", "dial", "landline", "phone number", "mobile number", "msisdn", "caller",
	"callback", "call back", "call-back", "callback number", "ring", "mob", "mob.", "cel", "cel.",
	// fax cover sheets and headers: "FROM: 615.232.6006  TO: 1-888-839-2764"
	"fax from", "fax to",
	"teléfono", "telefono", "móvil", "movil", "celular", "número de teléfono",
	"téléphone", "portable", "numéro de téléphone", "appeler", "appelez",
	"telefon", "telefonnummer", "handy", "rufnummer", "mobil", "mobilnummer",
	"telefoonnummer", "telefoon", "mobiel", "mobiele", "gsm", "bel", "cellulare", "telefonino", "chiamare",
	"tel-nr", "tel.-nr.", "tel nr", "telefonnr", "handynummer", "festnetz", "tlf", "tfno", "telf",
	"tél", "tél.", "numéro de portable", "telemovel", "puhelin",
	"telemóvel", "telefone", "contato", "contacto", "numer telefonu", "komórka",
	"电话", "手机", "電話", "携帯", "फ़ोन", "फोन", "मोबाइल", "मोबाइल नंबर",
	// CJK compounds: a context word must stand alone, and CJK text has no
	// spaces ("手机号码：" does not contain the word "手机").
	"手机号", "手机号码", "联系电话", "电话号码", "联系方式", "移动电话", "座机",
	"電話番号", "携帯電話", "携帯番号", "連絡先", "전화", "전화번호", "휴대폰", "핸드폰", "연락처",
	"મોબાઇલ", "மொபைல்", "మొబైల్", "മൊബൈൽ", "ಮೊಬೈಲ್", "মোবাইল", "ਮੋਬਾਈਲ", "ফোন", "দুরকথন", "දුරකථන", "ফোন নম্বর",
}

// Cores. Separators: space, '-', '.', '/' (DE), parentheses around an area
// code.
const (
	// +CC then up to six groups of 1-5 digits; "(0)" allowed after CC.
	// "(+65) 9868 6293": the country code in parentheses.
	phoneCoreIntl = `(?:\+[1-9][0-9]{0,2}|\(\+[1-9][0-9]{0,2}\))(?:[ .\-]?\(0\))?(?:[ .\-]?\(?[0-9]{1,5}\)?){1,6}`
	// 0049 30 12345678: the "00" international prefix instead of '+'.
	phoneCoreIntl00 = `00[1-9][0-9]{0,2}(?:[ .\-]?\(0\))?(?:[ .\-]?\(?[0-9]{1,5}\)?){1,6}`
	// (415) 867-5309, 1 (201) 403-6397, +1 (201) 403-6397
	phoneCoreUSParen = `(?:\+?1[ .\-]?)?\([2-9][0-9]{2}\)[ .\-]?[2-9][0-9]{2}[ .\-][0-9]{4}`
	// 415-867-5309, 415.867.5309, 1-415-867-5309
	phoneCoreNANP = `(?:1[.\-])?[2-9][0-9]{2}[.\-][2-9][0-9]{2}[.\-][0-9]{4}`
	// National formats with a trunk prefix or a distinctive shape.
	phoneCoreFR     = `0[1-9](?:[ .\-][0-9]{2}){4}`
	phoneCoreTrunkP = `\(0[0-9]{1,4}\)[ ]?[0-9]{3,4}[ \-]?[0-9]{3,4}`
	phoneCoreTrunk  = `0[1-9][0-9]{0,4}(?:[ \-/]|[ ]/[ ])[0-9]{3,8}(?:[ \-][0-9]{2,5})?` // "040 / 0332 013"
	phoneCoreBR     = `\(?[1-9][0-9]\)?[ ]?9?[0-9]{4}-[0-9]{4}`
	phoneCoreCN     = `1[3-9][0-9][ \-][0-9]{4}[ \-][0-9]{4}`
	phoneCoreCNBare = `1[3-9][0-9]{9}`
	phoneCoreES     = `[5-9][0-9]{2} [0-9]{3} [0-9]{3}|[5-8][0-9]{2}-[0-9]{3}-[0-9]{3}|[6-9][0-9]{2}(?: [0-9]{2}){3}|[89][1-8] [0-9]{3} [0-9]{2} [0-9]{2}`
	phoneCoreITMob  = `3[0-9]{2} [0-9]{6,7}|3[0-9]{2} [0-9]{3} [0-9]{3,4}`
	phoneCoreINMob  = `[6-9][0-9]{4}[ \-][0-9]{5}`
	// US 3-3-4 with spaces ("759 874 2280"); NHS numbers share the shape
	// (see phoneNationalOK).
	phoneCoreUSSpaced = `[2-9][0-9]{2} [2-9][0-9]{2} [0-9]{4}`
	phoneCoreNational = phoneCoreFR + `|` + phoneCoreTrunkP + `|` + phoneCoreTrunk + `|` + phoneCoreBR + `|` +
		phoneCoreCN + `|` + phoneCoreES + `|` + phoneCoreITMob + `|` + phoneCoreINMob + `|` + phoneCoreUSSpaced
	// Weak shapes, reported only with context: SG 4-4, bare runs, and US
	// spaced numbers that also pass the NHS check.
	phoneCoreWeak = phoneCoreUSSpaced + `|[3689][0-9]{3}[ \-]?[0-9]{4}|[1-9][0-9]{9,10}|0[1-9][0-9]{8,10}` +
		// BR mobiles with spaces ("41 93222 4978").
		`|[1-9][0-9] 9[0-9]{4} [0-9]{4}`
	// phoneCoreWeakRun is phoneCoreWeak with further space-separated groups
	// of four pulled into the 4-4 shape, so that the validator (on
	// phoneCoreWeak) refuses a 4-4 prefix of "8050 8358 6476" (an Aadhaar,
	// a payment reference).
	phoneCoreWeakRun = phoneCoreUSSpaced + `|[3689][0-9]{3}[ \-]?[0-9]{4}(?: [0-9]{4})*|[1-9][0-9]{9,10}|0[1-9][0-9]{8,10}` +
		// BR mobiles with spaces ("41 93222 4978").
		`|[1-9][0-9] 9[0-9]{4} [0-9]{4}`
)

// phoneLead: like cLeadDigits, but a value after spaces must not follow
// a digit ("AT58 3200 0381 7956 4971" holds no phone "0381 7956 4971"). A
// tab is a cell delimiter, so a value after one starts a cell even when the
// previous cell ends in a digit ("10/21/1966\t0161 406 1597").
const phoneLead = `(?:^[ \t]*|\\[nrt][ \t]*|\t[ \t]*|[^0-9A-Za-z_.\-/+#\s][ \t]*|[\n\r][ \t]*|[^0-9\s][ \t]+)`

// phonePattern is cLabeled with phoneLead.
func phonePattern(core string) string {
	return phonePatternLead(phoneLead, core)
}

func phonePatternLead(lead, core string) string {
	// A label also takes the values listed after it, so that every item of
	// "Related order numbers: 305-882-7507, 201-995-8584" carries it.
	list := `(?:(?:` + core + `)[ \t]*(?:[,;/&]|(?i:and|or|und|et|y|e))[ \t]*)*`
	return lead + `((?:(?i:` + phoneLabels + `)[ \t:="'#№°.\-]{0,4}` + list + `|` + phoneLabelsAbove + `)?(?:` + core + `)` + cTail + `)\b`
}

// phoneLeadStrong also takes a value after a number and spaces: the
// strong shapes start with '+', "00" or a parenthesized area code, which
// no digit group of an IBAN or card does ("Tulsa OK 74103 (916) 370-0828").
// phoneStrongOK refuses an "00" value grouped like an account number.
// A '+' also leads one: an EDIFACT data element separator ("COM++81-90-9969-8505:TE").
const phoneLeadStrong = `(?:` + phoneLead + `|[0-9][ \t]+|\+)`

var (
	phoneCoreStrong  = phoneCoreIntl + `|` + phoneCoreIntl00 + `|` + phoneCoreUSParen
	phoneIntlExact   = cExact(phoneCoreIntl, phoneIntlOK)
	phoneParenExact  = cExact(phoneCoreUSParen, phoneNANPOK)
	phoneNANPExact   = cExact(phoneCoreNANP, cAnd(cSameSeps, phoneNANPOK))
	phoneNANPShape   = cExact(phoneCoreNANP, nil)
	phoneNationalExt = cExact(phoneCoreNational, phoneNationalOK)
)

// phoneStrongOK dispatches on the leading '+'.
func phoneStrongOK(v []byte) bool {
	switch {
	case v[0] == '+', len(v) > 1 && v[0] == '(' && v[1] == '+':
		return phoneIntlExact(v)
	case len(v) > 2 && v[0] == '0' && v[1] == '0':
		return !cFourGroups(v) && phoneIntlExact(append([]byte{'+'}, v[2:]...))
	}
	return phoneParenExact(v)
}

// phoneNationalAnyOK: a NANP-shaped value must pass NANP rules; anything
// else the national rules.
func phoneNationalAnyOK(v []byte) bool {
	if phoneNANPShape(v) {
		return phoneNANPExact(v)
	}
	return phoneNationalExt(v)
}

func phoneSpecs() []detector.Spec {
	return []detector.Spec{
		{
			// E.164 ("+44 20 7946 0958") and NANP with a parenthesized area
			// code ("(415) 867-5309"): distinctive on their own.
			ID:       "phone_e164",
			Type:     "PHONE_NUMBER",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 7, Max: 32, Shape: shapePhoneLed(8)},
			Before:   32, After: 32,
			Pattern:       phonePatternLead(phoneLeadStrong, phoneCoreStrong),
			Group:         1,
			Validator:     phoneStrongOK,
			ValidatorName: "e164_plan",
			Confidence:    0.75,
			Need:          detector.ContextHelps,
			Context:       phoneContext,
			Reject:        phoneReject,
			Placeholders:  []string{"+1 555 555 5555", "+1 000 000 0000"},
			Examples: []string{
				"call me on +1 305 418 1677 tomorrow",
				"Rückfragen gern unter +49 157 55011940.",
				"et mon numéro est le +33 9 15 64 83 07",
				"sms sent to +91 92530 74406",
				"Mia,+61 2 3954 2908,2025",
				"+44 (0)20 7946 0958",
				"+55 61 94989-4024",
				"+86-18863199034",
				"+65-85831623",
				"+81 90-3523-2783",
				"+31 6 75056482",
				"+1-808-232-3867",
				"Tel. 0049 30 12345678",
				"WhatsApp: +55 (11) 91234-5678",
				"Sure, (702) 626-4382",
				"Sure, 1 (206) 689-6481",
				`"phone": "(214) 555-0134"`,
				"5. ADDRESS / TELEPHONE  159 Oak Ave, Tulsa OK 74103  (916) 370-0828", // after a ZIP code
				"T (+65) 9868 6293 | M (+65) 9093 8711",                               // parenthesized country code
				"Recapito: tel. +39 06 2352850.",                                      // Italian landline keeps its 0
				"Monaco office +377 98 12 34 56",                                      // three-digit country code
			},
			Negatives: []string{
				"+1 305 418 167",      // too short for NANP
				"+1 105 418 1677",     // area code starts with 1
				"+44 20 7946",         // too short
				"+33 9 15 64 83 07 1", // extra group
				"Invoice +1 305 418 1677",
				"id +12345",
				"0049 30 1",
				"(102) 626-4382",                // area code starts with 1
				"(702) 126-4382",                // exchange starts with 1
				"Order (702) 626-4382",          // order label
				"(702) 626-4382-11",             // longer number
				"ticket (702) 626-43821",        // five-digit line
				"IBAN DE12 0049 3012 3456 7890", // "00" grouped like an account
				"+283 1234567890",               // 28x is not assigned
			},
		},
		{
			// National formats: NANP dashed/dotted and the trunk-prefixed or
			// country-specific shapes of UK, DE, FR, ES, IN, CN, BR, AU, JP,
			// NL, IT, PL.
			ID:       "phone_national",
			Type:     "PHONE_NUMBER",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 8, Max: 32, Shape: shapePhoneGrouped(9)},
			Before:   32, After: 32,
			Pattern:       phonePattern(phoneCoreNANP + `|` + phoneCoreNational),
			Group:         1,
			Validator:     phoneNationalAnyOK,
			ValidatorName: "national_plan",
			Confidence:    0.55,
			Need:          detector.ContextHelps,
			Context:       phoneContext,
			Reject:        phoneReject,
			Examples: []string{
				"My old number 07943 717822",
				"Tel 0113 852 2108",
				"020 8406 2450",
				"Rufnummer 0176 79147202",
				"0176/67007985",
				"Telefon 0341-824460",
				"mon numéro est le 07 82 23 30 46",
				"Teléfono de contacto: 684 125 813",
				"Sure, 096765 03817",
				"call 158-9900-0572",
				"ligue (41) 99712-7754",
				"My old number (03) 8283 5828",
				"0478 923 028",
				"03-2628-3603",
				"090-3523-2783",
				"Sure, 06-47936929",
				"Sure, 363 4600352",
				"Sure, 789-770-418",
				"Teléfono 912 34 56 78",
				"Sure, 206-811-5872",
				"Sure, 773.226.2848",
				"call 1-415-867-5309",
				"id,name,phone\n7,Ann,984-242-8744",
				"Llámenos al 93 217 01 03",                 // ES landline 2-3-2-2
				"電話 (03) 3517-7869",                        // JP, Tokyo area code in parentheses
				"NK1|1|DOE^JANE|SPO^Spouse|||759 874 2280", // US, spaced
				"> Louis Bernard · 824 872 2982",           // US, spaced
				"Name\tDOB\tPhone\nAnn Lee\t10/21/1966\t0161 406 1597\n",    // a tab after a digit
				"Name;Telefonnummer;Ort\nAnna Schmidt;0151 51665694;Berlin", // German header
				"nome,cellulare,città\nLuca,333 123 4567,Roma",              // IT mobile 3-3-4
				"Naam\tGeboortedatum\tTelefoon\nJan\t24 december 1961\t06-38755003",
				"Contractor phone: 213-812-8561",
				"order_id,order_phone\n77,671-872-4373", // the column names a phone too: not rejected by "order"
			},
			Negatives: []string{
				"Invoice 1732 542 691 shows",
				"previous submission 487 697 563 was", // 3-3-3 starting with 4
				"previous submission 327-242-246 was",
				"Tracking: 9400 1161 4613 4230 8178 64",
				"released 2024-03-15",
				"CLINIC VISIT 03.12.2024",
				"Rechnung 0176 79147202",               // invoice label
				"0176 79147202 3391 22",                // longer digit run
				"Invoice 876-578-4345 total $26",       // invoice label
				"ticket 757-101-6411",                  // exchange 101 is not assignable
				"Référence : 656-122-9730.",            // exchange starts with 1
				"for order 847-022-8146-90. I am",      // longer number
				"Order #900-7810689-7892",              // Amazon-style order number
				"see 415-867.5309",                     // mixed separators
				"2024-10-04",                           // date
				"943 476 5919",                         // passes the NHS check: needs phone context
				"Account no. 759 874 2280",             // account label
				`{"taxFileNo":"565 525 320"}`,          // TFN key
				"(072) 626-4382",                       // NANP shape with a leading 0
				"Contract No. 213-812-8561 was signed", // contract label
				"NDC 05507-9026-91 dispensed",          // drug code
				"Tel. on file; NDC: 0550-7902-69",      // drug code 4-4-2
				"Employer (EIN) 02-1889941",            // employer ID
				"b Employer identification number (EIN)\n02-6914117\nc Employer's name", // W-2 box
				"Rx # 983-293-4570",                              // prescription number
				"Lot 983-293-4570",                               // lot number
				"NDC,drug\n05507-9026-91,x",                      // NDC column
				"Vertragsnummer;Telefon\n0151 51665694;",         // contract-number column
				"NTE|1||Specimen 201-491-3818 received ambient.", // lab specimen id
				"| asset tag | serial | order |\n|---|---|---|\n| AT-950826 | B6GGGNTJ1UJ9 | 671-872-4373 |", // order column
			},
		},
		{
			// Chinese mobiles written as eleven bare digits ("18953463105"):
			// 1, a network digit 3-9 and a prefix in use. An eleven-digit
			// run that passes the PESEL, CPF, German tax ID or Turkish
			// identity number check is left alone.
			ID:       "phone_cn_mobile",
			Type:     "PHONE_NUMBER",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 11, Max: 24, NoLetters: true, Shape: shapeCNMobile},
			Before:   32, After: 32,
			Pattern:       phonePattern(phoneCoreCNBare),
			Group:         1,
			Validator:     cExact(phoneCoreCNBare, phoneCNMobileOK),
			ValidatorName: "cn_mobile_prefix",
			Confidence:    0.5,
			Need:          detector.ContextHelps,
			Context:       phoneContext,
			Reject:        phoneReject,
			Examples: []string{
				"> Bram Jansen · 18384816767",
				"联系人：张伟 13912345678",
				"手机号码：18953463105",
			},
			Negatives: []string{
				"Order 18384816767",          // order label
				"12384816767",                // 12x is no mobile network
				"14084816767",                // 140 is not in use
				"PESEL 13251234565",          // labelled as another ID
				"183848167671",               // twelve digits
				"ts=18384816767.5 seconds",   // a fraction follows
				"Steuer-ID;x\n17649258994;y", // German tax ID check passes
			},
		},
		{
			ID:       "phone_weak",
			Type:     "PHONE_NUMBER",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 8, Max: 24, Shape: shapePhone(8)},
			Before:   32, After: 32,
			Pattern:       phonePattern(phoneCoreWeakRun),
			Group:         1,
			Validator:     cExact(phoneCoreWeak, phoneWeakOK),
			ValidatorName: "national_plan",
			// US spaced, SG 4-4 and bare digit runs are too ambiguous alone.
			Confidence: 0.4,
			Need:       detector.ContextRequired,
			Context:    phoneContext,
			Reject:     phoneReject,
			Examples: []string{
				"phone: 415 867 5309",
				"Call me at 4158675309",
				"SG mobile 9749 0990",
				"id,name,phone\n3,Wei,13810222886",
				"联系电话 18953463105",
				"Phone: 41 93222 4978",
				"Customer: Shreya Menon · callback 08529178122",
			},
			Negatives: []string{
				"value 4158675309",                  // no context
				"epoch 1758358352",                  // no context
				"card 6570 2982 2669 5051",          // card groups
				"call 1158675309",                   // bare 10 digits, NANP area starts with 1
				"Tracking number 233254882762 here", // tracking number
				"phone on file; code 8812 4471",     // nearest label is a code
				"phone on file. Account no. 5577482003",
				"Guest phone: on file\nLoyalty #: 7108520907", // loyalty number
				"member_id,name,phone\n7108520907,Ann,",       // member ID column
				"phone on file; Member ID 8836088862",
				"phone on file; Confirmation: 5977697903",
				"phone on file; Aadhaar 8050 8358 6476",     // 4-4-4 is no 4-4 phone
				"Related report: 855-282-9042 (contact us)", // a report number
				"Related order numbers: 305-882-7507, 201-995-8584 (not phones)",
			},
		},
	}
}

// phoneNANPOK checks NANP rules on the last ten digits: area and exchange
// start with 2-9 and are not N11; an eleven-digit value starts with 1.
func phoneNANPOK(v []byte) bool {
	d := cDigits(v)
	if len(d) == 11 {
		if d[0] != '1' {
			return false
		}
		d = d[1:]
	}
	return len(d) == 10 && nanp10(d)
}

func nanp10(d []byte) bool {
	if d[0] < '2' || d[3] < '2' {
		return false
	}
	if d[1] == '1' && d[2] == '1' { // N11 service codes are not area codes
		return false
	}
	if d[0] == '9' && d[1] == '5' && d[2] == '8' { // 958 is test-only
		return false
	}
	return !cAllSame(d)
}

// nsnLen gives the national significant number lengths per country code.
var nsnLen = map[string][2]int{
	"1": {10, 10}, "7": {10, 10}, "20": {9, 10}, "27": {9, 9}, "30": {10, 10}, "31": {9, 9},
	"32": {8, 9}, "33": {9, 9}, "34": {9, 9}, "36": {8, 9}, "39": {6, 11}, "40": {9, 9},
	"41": {9, 9}, "43": {7, 13}, "44": {9, 10}, "45": {8, 8}, "46": {7, 10}, "47": {8, 8},
	"48": {9, 9}, "49": {6, 12}, "51": {8, 9}, "52": {10, 10}, "54": {10, 11}, "55": {10, 11},
	"56": {9, 9}, "57": {10, 10}, "58": {10, 10}, "60": {8, 10}, "61": {9, 9}, "62": {8, 12},
	"63": {10, 10}, "64": {8, 10}, "65": {8, 8}, "66": {8, 9}, "81": {9, 10}, "82": {8, 10},
	"84": {9, 10}, "86": {10, 11}, "90": {10, 10}, "91": {10, 10}, "92": {10, 10}, "94": {9, 9},
	"98": {10, 10}, "351": {9, 9}, "352": {6, 11}, "353": {7, 9}, "358": {6, 11}, "420": {9, 9},
	"421": {9, 9}, "852": {8, 8}, "886": {8, 9}, "971": {8, 9}, "972": {8, 9}, "966": {9, 9},
	"234": {8, 10}, "254": {9, 9}, "380": {9, 9}, "53": {8, 8}, "93": {9, 9}, "95": {7, 10},
}

// e164CC3 reports whether a three-digit country code lies in a block the
// ITU assigns three-digit codes from (2xx but 20/27, 35x, 37x, 38x, 42x,
// 50x, 59x, 67x-69x, 85x, 87x, 88x, 96x, 97x, 99x).
func e164CC3(d []byte) bool {
	switch d[0] {
	case '2':
		return d[1] != '0' && d[1] != '7' && d[1] != '8'
	case '3':
		return d[1] == '5' || d[1] == '7' || d[1] == '8'
	case '4':
		return d[1] == '2'
	case '5':
		return d[1] == '0' || d[1] == '9'
	case '6':
		return d[1] >= '7'
	case '8':
		return d[1] == '5' || d[1] == '7' || d[1] == '8'
	case '9':
		return d[1] == '6' || d[1] == '7' || d[1] == '9'
	}
	return false
}

// phoneIntlOK splits "+CC NSN" and checks the NSN length for the country
// (NANP rules for +1, mobile prefix for +86/+91). Other country codes must
// come from an assigned three-digit block.
func phoneIntlOK(v []byte) bool {
	if !cParensBalanced(v) {
		return false
	}
	d := cDigits(v)
	// A "(0)" trunk marker is not part of the number.
	if i := bytes.Index(v, []byte("(0)")); i >= 0 {
		dd := cDigits(v[:i])
		d = append(dd, cDigits(v[i+3:])...)
	}
	if len(d) < 8 || len(d) > 15 || cAllSame(d[1:]) {
		return false
	}
	for n := 1; n <= 3; n++ {
		cc := string(d[:n])
		lim, ok := nsnLen[cc]
		if !ok {
			continue
		}
		nsn := d[n:]
		if len(nsn) < lim[0] || len(nsn) > lim[1] {
			return false
		}
		switch cc {
		case "1":
			return nanp10(nsn)
		case "86":
			return len(nsn) == 10 || nsn[0] == '1'
		case "91":
			return nsn[0] != '0'
		case "39": // Italian landlines keep their 0: +39 06 2352850
			return true
		}
		return nsn[0] != '0'
	}
	// Other countries: a three-digit code from an assigned block and a
	// national number of 7-12 digits.
	return e164CC3(d) && len(d) >= 10 && d[3] != '0'
}

// phoneNationalOK checks national shapes: digit count, consistent
// separators, and country mobile prefixes where the shape alone is weak.
func phoneNationalOK(v []byte) bool {
	if !cParensBalanced(v) {
		return false
	}
	d := cDigits(v)
	if phoneUSSpacedShape(v) {
		// One NHS number in eleven would pass as a phone; those need context
		// (phone_weak).
		return nanp10(d) && !checksum.NHS(d)
	}
	if cAllSame(d[1:]) {
		return false
	}
	if d[0] == '0' {
		if phoneNDCShape(v) {
			return false
		}
		// Trunk-prefixed: 9-12 digits (AU/FR/NL/JP 10, UK 10-11, DE 9-12, IN 11).
		return len(d) >= 9 && len(d) <= 12 && cSameSeps(trimParens(v))
	}
	switch len(d) {
	case 9: // ES / PL 3-3-3
		return d[0] >= '5'
	case 10: // IT mobile 3xx, BR landline (41) 3xxx-xxxx, IN 5-5 mobile
		return true
	case 11: // CN 1xx-xxxx-xxxx, BR (11) 9xxxx-xxxx
		return d[0] == '1' && d[1] >= '3' || d[2] == '9'
	}
	return false
}

// phoneCNMobileOK checks the three-digit network prefix of a Chinese mobile
// (13x, 145-149, 15x but 154, 162/165-167, 170-178, 18x, 19x but 194) and
// leaves PESEL- and CPF-valid runs to those detectors.
func phoneCNMobileOK(v []byte) bool {
	d := cDigits(v)
	if len(d) != 11 || cAllSame(d[3:]) {
		return false
	}
	ok := false
	switch p := d[2]; d[1] {
	case '3', '8':
		ok = true
	case '4':
		ok = p >= '5'
	case '5':
		ok = p != '4'
	case '6':
		ok = p == '2' || p >= '5' && p <= '7'
	case '7':
		ok = p <= '8'
	case '9':
		ok = p != '4'
	}
	return ok && !checksum.PESEL(d) && !checksum.CPF(d) && !deSteuerID(d) && !trKimlik(d)
}

// deSteuerID: the German tax ID (11 digits): in the first ten one digit
// occurs two or three times and the others at most once, and the last is
// an ISO 7064 MOD 11,10 check digit.
func deSteuerID(d []byte) bool {
	if len(d) != 11 || d[0] == '0' {
		return false
	}
	var cnt [10]int
	for _, c := range d[:10] {
		cnt[c-'0']++
	}
	multi := 0
	for _, n := range cnt {
		if n > 3 {
			return false
		}
		if n > 1 {
			multi++
		}
	}
	if multi != 1 {
		return false
	}
	p := 10
	for _, c := range d[:10] {
		s := (int(c-'0') + p) % 10
		if s == 0 {
			s = 10
		}
		p = (2 * s) % 11
	}
	chk := 11 - p
	if chk == 10 {
		chk = 0
	}
	return int(d[10]-'0') == chk
}

// trKimlik: the Turkish identity number (11 digits, two check digits).
func trKimlik(d []byte) bool {
	if len(d) != 11 || d[0] == '0' {
		return false
	}
	var v [11]int
	for i, c := range d {
		v[i] = int(c - '0')
	}
	odd := v[0] + v[2] + v[4] + v[6] + v[8]
	even := v[1] + v[3] + v[5] + v[7]
	if ((odd*7-even)%10+10)%10 != v[9] {
		return false
	}
	sum := 0
	for _, x := range v[:10] {
		sum += x
	}
	return sum%10 == v[10]
}

// phoneWeakOK checks the context-only shapes.
func phoneWeakOK(v []byte) bool {
	d := cDigits(v)
	if cAllSame(d) {
		return false
	}
	if phoneUSSpacedShape(v) {
		return nanp10(d)
	}
	switch {
	case len(d) == 8: // SG: 6 landline, 8/9 mobile, 3 VoIP
		return true
	case len(d) == 11 && len(v) == 13 && v[2] == ' ' && v[3] == '9': // BR mobile "41 93222 4978"
		return true
	case len(d) == 10 && d[0] != '0':
		return nanp10(d) || d[0] >= '6'
	case len(d) == 11 && d[0] == '1':
		return d[1] >= '3' || nanp10(d[1:])
	case d[0] == '0':
		return len(d) >= 10 && len(d) <= 12
	}
	return false
}

func cParensBalanced(v []byte) bool {
	o := bytes.Count(v, []byte("(")) - bytes.Count(v, []byte(")"))
	return o == 0
}

// trimParens drops a leading parenthesized area code; after a two-digit
// one ("(03) 3517-7869", Tokyo) also the space. "(072) 626-4382" keeps it:
// that is a NANP number with a typo more often than a Japanese one.
func trimParens(v []byte) []byte {
	if len(v) > 0 && v[0] == '(' {
		if i := bytes.IndexByte(v, ')'); i > 0 {
			if i == 3 {
				return bytes.TrimLeft(v[i+1:], " ")
			}
			return v[i+1:]
		}
	}
	return v
}

// cFourGroups reports whether v, after its first group, is two or more
// groups of exactly four digits ("0049 3012 3456 7890"): an account or
// card number, not a dialled number.
func cFourGroups(v []byte) bool {
	groups, n := 0, 0
	first := true
	for i := 0; i <= len(v); i++ {
		if i < len(v) && v[i] >= '0' && v[i] <= '9' {
			n++
			continue
		}
		if n > 0 {
			if !first {
				if n != 4 {
					return false
				}
				groups++
			}
			first = false
		}
		n = 0
	}
	return groups >= 2
}

var phoneUSSpacedShape = cExact(phoneCoreUSSpaced, nil)

// phoneNDCShape reports the dashed layouts of a US National Drug Code with
// a two-digit package part (4-4-2, 5-3-2, 5-4-2: "05507-9026-91"), which no
// trunk-prefixed phone numbering uses.
var phoneNDCShape = cExact(`[0-9]{4}-[0-9]{4}-[0-9]{2}|[0-9]{5}-[0-9]{3,4}-[0-9]{2}`, nil)
