package pii

import (
	"strings"
	"time"

	"github.com/weir-dev/weir/classifiers/detector"
)

// Dates of birth: a calendar-valid date right after a birth keyword (the
// keyword triggers, the date is the value), in numeric, spelled-month
// (en, de, fr, es, it, nl, pt, pl, hi) and CJK forms; a second spec takes
// the keyword after the date ("am 01.02.36 geboren", "1990年1月1日生まれ"),
// a third finds dates in a column or key named like "dob" through the
// field context.

// dobMonths spells the months (full names and common abbreviations).
var dobMonths = [12][]string{
	{"january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "januari", "janeiro",
		"stycznia", "styczeń", "styczen", "जनवरी", "января", "январь", "січня", "ocak", "tammikuuta"},
	{"february", "feb", "febr", "februar", "février", "fevrier", "févr", "fevr", "febrero", "febbraio", "februari", "fevereiro", "fev",
		"lutego", "luty", "फ़रवरी", "फरवरी", "\u095eरवरी", "февраля", "февраль", "лютого", "şubat", "subat", "helmikuuta"},
	{"march", "mar", "märz", "maerz", "mrz", "mars", "marzo", "maart", "mrt", "março", "marco",
		"marca", "marzec", "मार्च", "марта", "март", "березня", "mart", "maret", "mac", "marts", "maaliskuuta"},
	{"april", "apr", "avril", "avr", "abril", "abr", "aprile",
		"kwietnia", "kwiecień", "kwiecien", "अप्रैल", "अप्रेल", "апреля", "апрель", "квітня", "nisan", "huhtikuuta"},
	{"may", "mai", "mayo", "may", "maggio", "mag", "mei", "maio",
		"maja", "maj", "मई", "мая", "май", "травня", "mayıs", "mayis", "toukokuuta"},
	{"june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho",
		"czerwca", "czerwiec", "जून", "июня", "июнь", "червня", "haziran", "kesäkuuta"},
	{"july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho",
		"lipca", "lipiec", "जुलाई", "июля", "июль", "липня", "temmuz", "heinäkuuta"},
	{"august", "aug", "août", "aout", "agosto", "ago", "augustus",
		"sierpnia", "sierpień", "sierpien", "अगस्त", "августа", "август", "серпня", "ağustos", "agustos", "agustus", "ogos", "augusti", "elokuuta"},
	{"september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro",
		"września", "wrzesnia", "wrzesień", "wrzesien", "सितंबर", "सितम्बर", "сентября", "сентябрь", "вересня", "eylül", "eylul", "syyskuuta"},
	{"october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out",
		"października", "pazdziernika", "październik", "pazdziernik", "अक्टूबर", "अक्तूबर", "октября", "октябрь", "жовтня", "ekim", "lokakuuta"},
	{"november", "nov", "novembre", "noviembre", "novembro",
		"listopada", "listopad", "नवंबर", "नवम्बर", "ноября", "ноябрь", "kasım", "kasim", "marraskuuta"},
	{"december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre", "december", "dezembro",
		"grudnia", "grudzień", "grudzien", "दिसंबर", "दिसम्बर", "декабря", "декабрь", "грудня", "aralık", "aralik", "desember", "disember", "joulukuuta"},
}

var dobDateCore = func() string {
	// Any word of letters stands for the month; dobValid looks it up (a
	// pattern listing every spelling costs more than the rest of it).
	// Three or more letters, or any with a non-ASCII one ("मई"), so that
	// "on 12 03 1990" does not read "on" as a month.
	m := `(?:[A-Za-z]{3}|[A-Za-z]*[^\x00-\x7f])(?:[A-Za-z]|[^\x00-\x7f])*`
	return `(?i:` +
		`[0-9]{4}[\-/.][0-9]{1,2}[\-/.][0-9]{1,2}` + // ISO 1990-01-31
		`|[0-9]{1,2}[\-/.][0-9]{1,2}[\-/.](?:[0-9]{4}|[0-9]{2})` + // 31/01/1990, 01-31-90
		`|[0-9]{1,2}(?:st|nd|rd|th|er|º|ª|\.)?(?:[ \t\-/]+|[ \t]*de[ \t]+|[ \t]*of[ \t]+)` + m + `\.?,?(?:[ \t\-/]+|[ \t]+de[ \t]+|[ \t]+del[ \t]+)(?:[0-9]{4}|[0-9]{2})` + // 3 Jul 2001, 28 de agosto de 1981
		`|` + m + `\.?[ \t]+[0-9]{1,2}(?:st|nd|rd|th)?,?[ \t]+(?:[0-9]{4}|'?[0-9]{2})` + // June 13, 1984
		`|` + m + `(?:-[0-9]{1,2}-|/[0-9]{1,2}/)[0-9]{4}` + // Apr-17-1997 ("born 01/20/86" holds no month)
		`|[0-9]{4}[ \t]*年[ \t]*[0-9]{1,2}[ \t]*月[ \t]*[0-9]{1,2}[ \t]*日` + // 1968年9月25日
		`|[0-9]{4}년[ \t]*[0-9]{1,2}월[ \t]*[0-9]{1,2}일` +
		`|[0-9]{1,2}[ \t]+tháng[ \t]+[0-9]{1,2}(?:[ \t]+năm|,)?[ \t]+[0-9]{4}` + // Vietnamese 5 tháng 3 năm 1990
		`|(?:1[89]|20)[0-9]{2}[01][0-9][0-3][0-9]` + // 19900131 (not any eight digits: a failed match would use up the cell's delimiter)
		`)`
}()

// dobFormCore adds the layouts of paper forms, where the parts stand in
// boxes under a "MM DD YYYY" caption: "03 23 1957", "03 | 23 | 1957". Only
// right after a birth keyword.
const dobFormCore = `[0-9]{1,2}[ \t]+[0-9]{1,2}[ \t]+(?:[0-9]{4}|[0-9]{2})|[0-9]{1,2}[ \t]*\|[ \t]*[0-9]{1,2}[ \t]*\|[ \t]*(?:[0-9]{4}|[0-9]{2})`

// dobKeywords trigger the keyword spec (ASCII case-insensitive literals).
var dobKeywords = []string{
	"dob", "d.o.b", "born", "birth", "geburtsdat", "geburtstag", "geboren", "geb.", "geburts-",
	"nacimiento", "nacid", "nac.", "nasc.", "fecha nac", "naissance", "né le", "née le", "né(e) le", "nascita",
	"nato il", "nata il", "nato a ", "nata a ", "nato/a", "geboortedatum", "geboren op",
	"nascimento", "nasceu", "nascid", "urodz", "ur.", "b. ", "जन्म", "出生", "生日", "生年月日",
	"fødselsdato", "födelsedatum", "syntymäaika", "doğum", "생년월일", "출생", "рождения",
	"לידה", "נולד", "الميلاد", "الولادة", "مواليد", "تولد", "родил", "народжен", "народив", "народил", "d. tarihi",
	"ngày sinh", "sinh ngày", "lahir", "kuzaliwa", "วันเกิด", "γέννησης", "narozen", "narodenia", "naşterii", "nașterii",
	"născut", "nascut", "születési", "szül.", "født", "född", "syntynyt", "bday",
	// Other European and Asian languages: is, ca, cy, bg, sr, hr/bs, sl, lt, lv, et, hy,
	// km, my, mn, kk, sq, mk, ga, eu, gl, tl, am, ka, si, ne, lb, mt.
	"fæðingard", "naixement", "dyddiad geni", "раждане", "рођења", "rođenja", "rojstva", "gimimo",
	"dzimšanas", "sünniaeg", "sünnikuupäev", "ծննդյան", "កំណើត", "မွေး", "төрсөн", "туған",
	"lindjes", "раѓање", "breithe", "jaiotze", "nacemento", "kapanganakan", "kaarawan", "የትውልድ",
	"დაბადების", "උපන්", "जन्म मिति", "gebuertsdatum", "twelid", "syntymä", "fødd", "født den",
	// More Indic scripts and Urdu/Japanese: bn, ta, te, gu, pa, mr, ur, ja.
	"জন্ম", "பிறந்த", "పుట్టిన", "જન્મ", "ਜਨਮ", "پیدائش", "誕生日", "ജനന", "ಜನ್ಮ",
}

var dobContext = []string{
	"dob", "d.o.b", "d.o.b.", "date of birth", "birth date", "birthdate", "birthday", "born", "birth_date",
	"date_of_birth", "dateofbirth", "geburtsdatum", "geboren", "geburtstag", "fecha de nacimiento",
	"nacimiento", "fecha_nacimiento", "date de naissance", "né le", "née le", "naissance", "data di nascita",
	"nascita", "geboortedatum", "geboren op", "data de nascimento", "nascimento", "data urodzenia",
	"urodzenia", "जन्म तिथि", "जन्मतिथि", "出生日期", "生日", "生年月日",
	"תאריך לידה", "נולד", "נולדה", "تاريخ الميلاد", "تاريخ الولادة", "مواليد", "تاریخ تولد", "дата рождения",
	"родился", "родилась", "дата народження", "doğum tarihi", "ngày sinh", "tanggal lahir", "tarikh lahir",
	"tgl lahir", "tarehe ya kuzaliwa", "วันเกิด", "생년월일", "ημερομηνία γέννησης", "datum narození",
	"dátum narodenia", "data nașterii", "data naşterii", "születési dátum", "születési idő", "fødselsdato",
	"födelsedatum", "syntymäaika", "bday",
	"জন্ম তারিখ", "জন্মতারিখ", "பிறந்த தேதி", "పుట్టిన తేదీ", "જન્મ તારીખ", "ਜਨਮ ਮਿਤੀ", "تاریخ پیدائش", "誕生日",
	"ജനന തീയതി", "ಜನ್ಮ ದಿನಾಂಕ", "जन्म तारीख", "जन्म दिनांक",
	"fæðingardagur", "fæðingardagsetning", "data de naixement", "dyddiad geni", "дата на раждане",
	"датум рођења", "datum rođenja", "datum rojstva", "gimimo data", "dzimšanas datums", "sünniaeg",
	"sünnikuupäev", "ծննդյան ամսաթիվ", "ថ្ងៃខែឆ្នាំកំណើត", "မွေးသက္ကရာဇ်", "төрсөн огноо", "туған күні",
	"data e lindjes", "датум на раѓање", "dáta breithe", "jaiotze data", "data de nacemento",
	"petsa ng kapanganakan", "kaarawan", "የትውልድ ቀን", "დაბადების თარიღი", "උපන් දිනය", "जन्म मिति",
	"gebuertsdatum", "data tat-twelid",
}

// dobFieldContext are spellings used as column or key names; they also
// occur in prose next to the true birth date, which the keyword spec finds.
var dobFieldContext = []string{
	"dob", "birth_date", "birthdate", "date_of_birth", "dateofbirth", "birthday", "geburtsdatum",
	"fecha_nacimiento", "date_naissance", "data_nascita", "geboortedatum", "data_nascimento", "birth",
	"urodzenia", "data_urodzenia", "出生日期", "生年月日", "出生年月日", "生日", "जन्मतिथि", "जन्म_तिथि",
	"fødselsdato", "födelsedatum", "syntymäaika", "생년월일",
	"জন্ম তারিখ", "பிறந்த தேதி", "పుట్టిన తేదీ", "જન્મ તારીખ", "ജനന തീയതി", "ಜನ್ಮ ದಿನಾಂಕ", "ਜਨਮ ਮਿਤੀ",
	"जन्म तारीख", "जन्म दिनांक", "जन्मतारीख", "تاریخ پیدائش",
	"fæðingardagur", "fæðingardagsetning", "data de naixement", "dyddiad geni", "дата на раждане",
	"датум рођења", "datum rođenja", "datum rojstva", "gimimo data", "dzimšanas datums", "sünniaeg",
	"sünnikuupäev", "ծննդյան ամսաթիվ", "ថ្ងៃខែឆ្នាំកំណើត", "မွေးသက္ကရာဇ်", "төрсөн огноо", "туған күні",
	"data e lindjes", "датум на раѓање", "dáta breithe", "jaiotze data", "data de nacemento",
	"petsa ng kapanganakan", "kaarawan", "የትውልድ ቀን", "დაბადების თარიღი", "උපන් දිනය", "जन्म मिति",
	"gebuertsdatum", "data tat-twelid",
	"bday", "дата рождения", "дата_рождения", "doğum tarihi", "dogum_tarihi", "ngày sinh", "tanggal lahir",
	"tanggal_lahir", "tgl_lahir", "tarikh lahir", "tarikh_lahir", "תאריך לידה", "تاريخ الميلاد", "تاریخ تولد",
	"วันเกิด", "ημερομηνία γέννησης", "datum narození", "data nașterii", "születési dátum",
}

func dobKeywordRe() string {
	// Latin-script keywords start at a word boundary ("dob" is not in
	// "Adobe"); CJK and Devanagari ones need none. A place may stand
	// between some keywords and the date ("nato a Roma il", "nacido en
	// Madrid el").
	place := `[^0-9\n.;!?"]{1,30}?`
	// br: a label broken over two lines by a form or OCR ("Date of\nBirth",
	// "Geb.-\ndatum", "Geburts-\ndatum").
	br := `(?:[ \t_\-]*\r?\n)?[ \t_\-]*`
	return `(?:(?:^|[^\p{L}\p{N}]|\\[nrt])(?i:d\.o\.b\.?|dob|date` + br + `of` + br + `birth|birth` + br + `(?:date|day)|born(?:[ \t]+on)?|b\.|` +
		`geburtsdatum|geburtstag|geboren(?:[ \t]+am)?|geb(?:urts)?\.?` + br + `dat(?:um|\.)|geb\.|` +
		`fecha[ \t]+de[ \t]+nacimiento|nacimiento|f(?:echa|ec)?\.?[ \t]*(?:de[ \t]+)?nac\.?|nacid[oa](?:/a)?(?:[ \t]+en[ \t]+` + place + `)?[ \t]+el|dt\.?[ \t]*nasc\.?|` +
		`date[ \t]+de[ \t]+naissance|naissance|née?[ \t]+le|né\(e\)[ \t]+le|data[ \t]+di[ \t]+nascita|nascita|` +
		`nat(?:[oa]|o/a)(?:[ \t]+a[ \t]+` + place + `)?[ \t]+il|` +
		`geboortedatum|geboren[ \t]+op|data[ \t]+de[ \t]+nascimento|nascimento|nasceu[ \t]+em|nascid[oa](?:[ \t]+(?:em|a|no|na)[ \t]+` + place + `)?[ \t]+(?:em|a|no[ \t]+dia)|` +
		`data[ \t]+urodzenia|urodzon[ya](?:[ \t]+dnia)?|urodził[a]?(?:[ \t]+się)?|ur\.|` +
		`fødselsdato|födelsedatum|syntymäaika|doğum[ \t]+tarihi|d\.[ \t]*tarihi|birth|` +
		`bday(?:;[a-z]+=[a-z\-]+)*[ \t]*[:=]|ngày[ \t]+sinh|sinh[ \t]+ngày|(?:tanggal|tgl\.?|tarikh)[ \t]+lahir|lahir|tarehe[ \t]+ya[ \t]+kuzaliwa|` +
		`datum[ \t]+narozen[íi]|narozen[aá]?|dátum[ \t]+narodenia|data[ \t]+na[șş]terii|n[ăa]scut[ăa]?|` +
		`születési[ \t]+(?:dátum|idő|ideje|hely[ \t]+és[ \t]+(?:idő|ideje))|szül\.(?:[ \t]*(?:dátum|idő))?|født|född|syntynyt)` +
		`|जन्म[ \t]*तिथि|जन्म[ \t]*की[ \t]*तारीख|जन्मदिन|जन्म|出生日期|出生|生日|生年月日|생년월일|출생|(?i:дата[ \t]+рождения|рождения|родил(?:ся|ась)|дата[ \t]+народження|народи(?:вся|лася)|народження|ημερομηνία[ \t]+γέννησης|γέννησης)` +
		`|(?i:fæðingardag(?:ur)?|fæðingardagsetning|data[ \t]+de[ \t]+naixement|dyddiad[ \t]+geni|дата[ \t]+на[ \t]+раждане|` +
		`датум[ \t]+рођења|datum[ \t]+rođenja|datum[ \t]+rojstva|gimimo[ \t]+data|dzimšanas[ \t]+datums|sünniaeg|sünnikuupäev|` +
		`ծննդյան[ \t]+ամսաթիվ|төрсөн[ \t]+огноо|туған[ \t]+күні|data[ \t]+e[ \t]+lindjes|датум[ \t]+на[ \t]+раѓање|` +
		`dáta[ \t]+breithe|jaiotze[ \t]+data|data[ \t]+de[ \t]+nacemento|petsa[ \t]+ng[ \t]+kapanganakan|kaarawan|` +
		`gebuertsdatum|data[ \t]+tat-twelid|født[ \t]+den|fødd)` +
		`|ថ្ងៃខែឆ្នាំកំណើត|កំណើត|မွေးသက္ကရာဇ်|မွေးနေ့|የትውልድ[ \t]+ቀን|დაბადების[ \t]+თარიღი|උපන්[ \t]+දිනය|जन्म[ \t]+मिति` +
		`|জন্ম[ \t]*তারিখ|জন্মতারিখ|জন্ম|பிறந்த[ \t]*(?:தேதி|நாள்)|పుట్టిన[ \t]*(?:తేదీ|రోజు)|જન્મ[ \t]*(?:તારીખ)?|ਜਨਮ[ \t]*(?:ਮਿਤੀ|ਤਾਰੀਖ)?|ജനന[ \t]*(?:തീയതി)?|ಜನ್ಮ[ \t]*(?:ದಿನಾಂಕ)?|जन्म[ \t]*(?:दिनांक|तारीख)|جنم[ \t]*دن|تاریخ[ \t]+پیدائش|پیدائش|誕生日` +
		`|תאריך[ \t]+לידה|נולד(?:ה)?|تاريخ[ \t]+(?:الميلاد|الولادة)|الميلاد|مواليد|تاریخ[ \t]+تولد|วันเกิด)`
}

// dobGap is what may stand between a keyword and the date: quotes and
// ": " of a key (also JSON-escaped inside a JSON string: \"dob\":\"...), a format hint in parentheses ("(MM/DD/YYYY)"), a dotted
// form leader ("Date of birth ...... 1984-06-20"),
// and a short phrase without digits or sentence ends (" is ", " MM DD YY ").
const dobGap = `(?:\\?"[ \t]*:[ \t]*\{[ \t]*\\?"\$date\\?"[ \t]*:[ \t]*\\?"|` +
	// The label on a line of its own, maybe bilingual ("Date of birth/Date de naissance\n  16 NOV 1955").
	`(?:/[^0-9\n/]{1,32})?[ \t:]*\r?\n[ \t]*|(?:\\?")?[ \t]*[:=]?[ \t]*(?:\\?")?)?(?:[ \t]*\([^0-9()\n]{1,48}\))?(?:[ \t]*(?:[.…·_][ \t]*){2,60}[:=]?[ \t]*)?(?:[^0-9A-Za-z\n.;!?"][^0-9\n.;!?"]{0,18}?)?`

func dobSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID:       "date_of_birth",
			Type:     "DATE_OF_BIRTH",
			Category: detector.PII,
			Keywords: dobKeywords,
			Before:   20, After: 80,
			// Keyword, a short gap without digits or sentence ends (": ",
			// " is ", "\": \""), then the date.
			Pattern:       dobKeywordRe() + dobGap + `(` + dobDateCore + `|` + dobFormCore + `)(?:[^0-9]|$)`,
			Group:         1,
			Validator:     dobValid,
			ValidatorName: "calendar",
			Confidence:    0.85,
			Need:          detector.ContextNo,
			Context:       dobContext,
			Examples: []string{
				"DOB 03/14/1985",
				`{"note":"intake\nDOB: 03/14/1985"}`,
				"my date of birth is October 3, 1985",
				"Geburtsdatum: 13.04.2001, Tel",
				"Fecha de nacimiento: 28 de agosto de 1981",
				"Date de naissance : 6 novembre 1991",
				"出生日期：1968年9月25日",
				`"dob": "1990-02-28"`,
				"born on 23. Oktober 1995",
				"Pt: Linda Kowalski (DOB 7 Jul 1944)",
				"data di nascita 12/05/1977",
				"DOB: 12 Jan 85",
				"जन्म तिथि: 15/08/1990",
				`{"dateOfBirth":"1990-02-28"}`,
				"用户出生日期：1990年2月28日",
				"Date of birth ........ 1984-06-20", // form leader
				"D.O.B. ... 16 Apr 1995",            // form leader
				"Date of birth (MM/DD/YYYY) ... 09/20/1997",
				"Geboortedatum ....... 18/11/1977",                     // form leader
				"data urodzenia: 14 marca 1987",                        // Polish genitive month
				"ur. 23 sierpnia 1936 w Krakowie",                      // Polish "ur."
				"urodził się 3 października 1950",                      // Polish verb
				"nascida em 2 de outubro de 1997",                      // Portuguese
				"nascido em Lisboa em 12/03/1980",                      // place between
				"F. nac.: 12/03/1980",                                  // Spanish abbreviation
				"nacido en Madrid el 3 de mayo de 1980",                // place between
				"Geburtstag: 01.02.1936",                               // German
				"Geb.-Datum: 01.02.36",                                 // two-digit year
				"nato a Roma il 14 marzo 1987",                         // Italian, place between
				"Ada Lovelace (b. 4th June 1937)",                      // English "b."
				"जन्मतिथि: 15 मार्च 1990",                              // Hindi month
				"DOB: Apr-17-1997",                                     // Mon-DD-YYYY
				"date of birth (born 01/20/86). Card",                  // a word before a numeric date
				"BIRTH DATE (MM DD YYYY) 03 23 1957",                   // form boxes
				"BIRTH DATE MM | DD | YY 03 | 23 | 1957",               // form boxes
				`{"log":"{\"name\":\"Ann\",\"dob\":\"16 Sep 2000\"}"}`, // JSON inside JSON
				`"text":"{\"birthDate\": \"03/14/1973\"}"`,
				"Patient:  Ann Lee     Geb.-\ndatum:  8. Mai 1959", // label broken over lines
				"Geburts-\ndatum: 17.12.1961",
				"Date of\nBirth: 03/14/1973",
				"תאריך לידה: 12/03/1985",          // Hebrew
				"נולד ב-14.05.1979",               // Hebrew verb
				"تاريخ الميلاد: 1990-02-28",       // Arabic
				"مواليد 1988-07-21",               // Arabic "born (in)"
				"تاریخ تولد: 1985-03-12",          // Persian
				"родился 3 марта 1950 г.",         // Russian genitive month, "г."
				"Дата народження: 21.07.1992",     // Ukrainian
				"народилася 5 травня 1990 року",   // Ukrainian verb
				"D. tarihi: 04.11.1979",           // Turkish abbreviation
				"Doğum tarihi: 12 Mart 1985",      // Turkish month
				"Ngày sinh: 12/03/1985",           // Vietnamese
				"ngày sinh 5 tháng 3 năm 1990",    // Vietnamese spelled month
				"Tanggal lahir: 17 Agustus 1985",  // Indonesian
				"tarikh lahir: 03/04/1979",        // Malay
				"Tarehe ya kuzaliwa: 12/03/1985",  // Swahili
				"วันเกิด: 12/03/1985",             // Thai
				"Ημερομηνία γέννησης: 12/03/1985", // Greek
				"Datum narození: 12.03.1985",      // Czech
				"Data nașterii: 12.03.1985",       // Romanian
				"Születési dátum: 1985.03.12.",    // Hungarian
				"født 12. marts 1985",             // Danish
				"BDAY:19850312",                   // vCard
				"BDAY;VALUE=date:1985-03-12",
				"Sinh ngày 12/03/1985",                         // Vietnamese "born on"
				"Tempat/Tgl. Lahir: Jakarta, 17-08-1985",       // Indonesian place and date
				"Születési hely és idő: Budapest, 1985.03.12.", // vCard 4
				"Дата рождения: 14 января 1987 года",           // Russian
			},
			Negatives: []string{
				"DOB 02/30/1985",                          // no February 30
				"DOB 13/13/1985",                          // no month 13
				"date of birth: 1985-02-29",               // 1985 is not a leap year
				"visit date 03/14/2024",                   // no birth keyword
				"born in 1985",                            // year only
				"Adobe 12/12/2020 release",                // "dob" inside a word
				`{"dob":null,"visit":"2024-01-01"}`,       // the date belongs to another key
				"DOB unknown. Visit 1/1/2024 then",        // the date is in the next sentence
				"Fnac 12/03/2020",                         // not "F. nac."
				"NATO summit 12 March 2024",               // "nato" without "il"
				"Hausnr. 12 03 2024",                      // no keyword
				"Your. 12/03/1990",                        // "ur." inside a word
				`{\"dob\":null,\"visit\":\"2024-01-01\"}`, // escaped JSON, other key
				`{\"dob\":\"\",\"visit\":\"2024-01-01\"}`, // escaped JSON, empty value
				"Geburts-\nort: Berlin, 17.12.1961",       // birthplace, not date
				"Tanggal masuk: 17-08-2020",               // admission date, not birth
				"родился в Москве, работает с 12.03.2015", // a place and another date
				"ngày 5 tháng 3 năm 2020",
				"bday party on 12/03/2024", // "bday" in prose, not a vCard field
				// a date without a birth keyword
			},
		},
		{
			// The keyword after the date: "Ich bin am 01.02.36 geboren",
			// "am 1. Februar 1936 in Wien geboren", "1990年1月1日生まれ",
			// "1990年5月3日出生".
			ID:       "date_of_birth_suffix",
			Type:     "DATE_OF_BIRTH",
			Category: detector.PII,
			Keywords: []string{"geboren", "生まれ", "出生"},
			Before:   64, After: 4,
			Pattern:       `(?:^|[^0-9A-Za-z.\-/])(` + dobDateCore + `)(?:(?:,?[ \t]+(?:in|im|zu|auf)[ \t]+[^0-9\n.;!?"]{1,30}?)?[ \t]+(?i:geboren)|[ \t]*に?(?:生まれ|出生))`,
			Group:         1,
			Validator:     dobValid,
			ValidatorName: "calendar",
			Confidence:    0.85,
			Need:          detector.ContextNo,
			Context:       dobContext,
			Examples: []string{
				"Ich bin am 01.02.36 geboren und wohne in Köln.",
				"Sie wurde am 1. Februar 1936 in Wien geboren.",
				"私は1990年1月1日生まれです。",
				"张伟，1990年5月3日出生于北京。",
			},
			Negatives: []string{
				"Ich bin 1936 geboren.",               // year only
				"am 31.02.1936 geboren",               // no February 31
				"Termin am 01.02.2024, geboren wurde", // a comma and text between
			},
		},
		{
			// A question and its answer on the next line of a transcript or
			// chat: "Agent: ... your date of birth?\nCaller: It's 08-08-1999",
			// "Please confirm your date of birth.\n10:03 Leanne: 7 Oct 1984".
			// The answer line starts with a speaker (and maybe a time) and a
			// colon, and the date comes within a few words.
			ID:       "date_of_birth_answer",
			Type:     "DATE_OF_BIRTH",
			Category: detector.PII,
			Keywords: dobKeywords,
			Before:   20, After: 160,
			Pattern: dobKeywordRe() + `[^\n0-9]{0,40}[?.？。]?[ \t]*\r?\n` +
				`(?:\[?[0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2})?\]?[ \t]*)?[^\n:：]{1,40}[:：][ \t]*[^0-9\n.;!?]{0,30}?(` + dobDateCore + `|` + dobFormCore + `)(?:[^0-9]|$)`,
			Group:         1,
			Validator:     dobValid,
			ValidatorName: "calendar",
			Confidence:    0.8,
			Need:          detector.ContextNo,
			Context:       dobContext,
			Examples: []string{
				"Agent: And for verification, your date of birth?\nCaller: It's 08-08-1999\nAgent: Thanks",
				"10:02 RxBot: Please confirm your date of birth.\n10:03 Leanne: 7 Oct 1984\n",
				"Agente: Para verificar, ¿su fecha de nacimiento?\nCliente: Nací el 1990-01-14\n",
			},
			Negatives: []string{
				"Agent: your date of birth?\nCaller: I'd rather not. My flight is 08-08-2029", // not a birth date (future)
				"Agent: And your date of birth?\nCaller: Sure.\nAgent: Your order from 2024-01-03",
			},
		},
		{
			// Compact birth dates only a column name (or an EDI qualifier:
			// EDIFACT DTM+329, an airline SSR DOCS field) makes readable:
			// YYMMDD and ddMMMyy ("861101", "21DEC85").
			ID:       "date_of_birth_column",
			Type:     "DATE_OF_BIRTH",
			Category: detector.PII,
			// Compact dates, and any date written whole in a named cell
			// (GEDCOM "1 BIRT / 2 DATE 25 AUG 1945", CDA <birthTime value=.../>,
			// a PDF form's FieldValue).
			Pattern:       `(?m)^[ \t"']*([0-9]{6}|[0-9]{1,2}[A-Za-z]{3}[0-9]{2}|` + dobDateCore + `)[ \t"']*\r?$`,
			Group:         1,
			Validator:     dobCompact,
			ValidatorName: "calendar",
			Confidence:    0.5,
			Need:          detector.ContextColumn,
			Context:       dobFieldContext,
			Reject:        []string{"expiry", "expiration", "issue", "issued", "valid", "departure", "arrival", "created", "updated"},
			Examples: []string{
				"UNA:+.? '\nUNH+PAX001+PAXLST:D:05B:UN:IATA'\nNAD+FL+++CHOI:DOYUN'\nDTM+329:861101'\nDOC+P:110:111+SU0641859'",
				"name,dob\nAnn,650203",
				"  6 SSR DOCS UA HK1 P/USA/497310073/USA/21DEC85/M/11SEP30/WHITFIELD/CODY",
				"0 @I1@ INDI\n1 NAME Linda /Nguyen/\n1 BIRT\n2 DATE 25 AUG 1945\n2 PLAC Dayton, Ohio\n",
				"<patient>\n  <birthTime value=\"19920709\"/>\n</patient>",
				"---\nFieldName: pt_dob\nFieldFlags: 0\nFieldValue: 08/09/1966\n---\n",
			},
			Negatives: []string{
				"name,dob\nAnn,651303",                      // month 13
				"name,expiry\nAnn,270227",                   // not a birth-date column
				"name,dob_expiry\nAnn,270227",               // a reject word in the name
				"0 @I1@ INDI\n1 DEAT\n2 DATE 25 AUG 1945\n", // a death date
			},
		},
		{
			// Dates in a column or key named like "dob": the field name is
			// the context.
			ID:       "date_of_birth_field",
			Type:     "DATE_OF_BIRTH",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 4, Max: 16},
			Before:   20, After: 20,
			// A whole CSV/TSV cell or SQL value (or a whole field value): prose and JSON
			// dates near the word "DOB" (a visit date) are left to the
			// keyword spec, which needs the keyword right before the date.
			// EDI elements (DMG*D8*...*F~) and DICOM dumps ([...]) are cells too.
			Pattern:       `(?:^|[,;\t|\n(*\[]|\\[nt])[ ]?["']?(` + dobDateCore + `)(?:[ ]?(?:r|г)\.)?(?:["']|[ ]?(?:[,;\t|\r\n\\)*\]~]|$))`,
			Group:         1,
			Validator:     dobValid,
			ValidatorName: "calendar",
			Confidence:    0.4,
			Need:          detector.ContextRequired,
			Context:       append(dobFieldContext, "nacimiento", "naissance", "nascita", "nascimento", "geboren"),
			Examples: []string{
				"id,name,dob,ssn\n1,Ann,10/07/1965,416-87-5009",
				"id,name,dob,ssn\n1,Ann,\"March 17, 1959\",416-87-5009",
				"id,name,dob,ssn\n1,Ann,23 Jul 1968,416-87-5009",
				"id,name,dob,ssn\n1,Ann,1998-03-06,416-87-5009",
				"id,data_urodzenia\n1,1987-03-14",
				"id,data_urodzenia\n1,3 kwietnia 1956 r.",
				"Nr;Telefon;Geburtsdatum\n\"1\";\"+49 30 37820978\";\"17. November 1961\"", // a quoted cell after a number
				"Nr;Telefon;Geboortedatum\n1;+31 6 20409465;15 augustus 1993",              // after a number
				"INSERT INTO `customers` (`id`, `full_name`, `date_of_birth`, `ssn`) VALUES\n(1000,'Ethan Chen','1954-12-05','741072332');",
				"id,出生日期,姓名\n1,1987-03-14,张伟",
				"ISA*00*~NM1*IL*1*DOE*JANE~DMG*D8*19460809*F~",          // X12 837
				"(0010,0030) DA [19670327]   #   8, 1 PatientBirthDate", // DICOM dump
				"COPY public.customers (id, email, dob) FROM stdin;\n55958\ta@b.com\t1980-12-02\n\\.",
				"| 生年月日 | 氏名 |\n|---|---|\n| 1987-03-14 | 山田 |",
			},
			Negatives: []string{
				"id,name,created\n1,Ann,2024-03-06", // not a birth column
				"id,name,dob\n1,Ann,1998-02-30",     // invalid date
				"shipped 10/07/1965",                // no context
			},
		},
	}
}

// dobValid parses the date and checks it against the calendar: month 1-12,
// day within the month (leap years), 4-digit years 1880-2039. Numeric
// dd/mm vs mm/dd is accepted when either reading is valid.
// dobCompact validates the compact dates of date_of_birth_column: YYMMDD
// (a year 19YY, or 20YY when that is not in the future), or ddMMMyy.
func dobCompact(v []byte) bool {
	if len(v) != 6 || !allDigits(v) {
		return dobValid(v)
	}
	n := func(b []byte) int { return int(b[0]-'0')*10 + int(b[1]-'0') }
	y, m, d := 1900+n(v[:2]), n(v[2:4]), n(v[4:])
	if y+100 <= time.Now().Year() {
		y += 100
	}
	return calOK(y, m, d)
}

func dobValid(v []byte) bool {
	s := strings.ToLower(string(v))
	var nums []string
	month := 0
	cjk := strings.ContainsAny(s, "年년")
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			nums = append(nums, s[i:j])
			i = j
		case c >= 'a' && c <= 'z' || c >= 0x80:
			j := i
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 0x80) {
				j++
			}
			w := s[i:j]
			if m := monthIndex(w); m > 0 {
				month = m
			}
			i = j
		default:
			i++
		}
	}
	atoi := func(x string) int {
		n := 0
		for _, c := range x {
			n = n*10 + int(c-'0')
		}
		return n
	}
	year := func(x string) (int, bool) {
		switch len(x) {
		case 4:
			y := atoi(x)
			return y, y >= 1880 && y <= 2039
		case 2:
			return 1900 + atoi(x), true
		}
		return 0, false
	}
	switch {
	case len(nums) == 1 && len(nums[0]) == 8 && month == 0:
		n := nums[0]
		y, ok := year(n[:4])
		return ok && calOK(y, atoi(n[4:6]), atoi(n[6:]))
	case cjk && len(nums) == 3:
		y, ok := year(nums[0])
		return ok && calOK(y, atoi(nums[1]), atoi(nums[2]))
	case month > 0 && len(nums) == 2:
		// Day then year, or year last anyway.
		d, yv := nums[0], nums[1]
		if len(d) == 4 {
			d, yv = yv, d
		}
		y, ok := year(yv)
		return ok && len(d) <= 2 && calOK(y, month, atoi(d))
	case month == 0 && len(nums) == 3:
		if len(nums[0]) == 4 {
			y, ok := year(nums[0])
			return ok && calOK(y, atoi(nums[1]), atoi(nums[2]))
		}
		y, ok := year(nums[2])
		if !ok {
			return false
		}
		a, b := atoi(nums[0]), atoi(nums[1])
		return calOK(y, b, a) || calOK(y, a, b)
	}
	return false
}

func monthIndex(w string) int {
	w = strings.TrimSuffix(w, ".")
	for i, ms := range dobMonths {
		for _, m := range ms {
			if w == m {
				return i + 1
			}
		}
	}
	return 0
}

func calOK(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days[2] = 29
	}
	return d <= days[m]
}
