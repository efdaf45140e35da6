package classifiers

import (
	"bytes"
)

// Field names of structured records that are not tables with a header
// line: PostgreSQL COPY blocks (pg_dump), ASC X12 EDI (837 claims and the
// other HIPAA transactions), UN/EDIFACT (PAXLST passenger lists, ...) and
// DICOM header dumps (dcmdump and pydicom). Each value gets a cell named
// for what the standard says it holds, so "19460809" in DMG*D8*19460809
// has "date of birth" as context the way a CSV cell has its column name.
// The builders only look at records that carry the format's markers and
// never fail: a malformed record just yields fewer cells.

// copyBlocks indexes the rows of "COPY t (c1, c2, ...) FROM stdin;" blocks:
// tab-separated fields, one row per line, up to a line "\.".
func (ci *cellIndex) copyBlocks(text []byte) {
	for off := 0; off < len(text); {
		i := bytes.Index(text[off:], []byte("COPY "))
		if i < 0 {
			return
		}
		i += off
		lineEnd := indexByteFrom(text, i, '\n')
		head := text[i:lineEnd]
		off = lineEnd + 1
		open, closeAt := bytes.IndexByte(head, '('), bytes.LastIndexByte(head, ')')
		if open < 0 || closeAt < open || !bytes.Contains(head[closeAt:], []byte("FROM stdin")) {
			continue
		}
		var cols [][]byte
		for _, c := range bytes.Split(head[open+1:closeAt], []byte{','}) {
			cols = append(cols, lowerName(nil, bytes.Trim(bytes.TrimSpace(c), `"`)))
		}
		for off < len(text) {
			end := indexByteFrom(text, off, '\n')
			row := text[off:end]
			if bytes.Equal(bytes.TrimRight(row, "\r"), []byte(`\.`)) {
				off = end + 1
				break
			}
			start := off
			for k := 0; k < len(cols); k++ {
				t := bytes.IndexByte(text[start:end], '\t')
				fe := end
				if t >= 0 {
					fe = start + t
				}
				if len(cols[k]) > 0 && fe > start {
					ci.cells = append(ci.cells, cell{start: start, end: fe, name: cols[k]})
				}
				if t < 0 {
					break
				}
				start = fe + 1
			}
			off = end + 1
		}
	}
}

// indexByteFrom returns the index of the first c in text at or after from,
// or len(text).
func indexByteFrom(text []byte, from int, c byte) int {
	if i := bytes.IndexByte(text[from:], c); i >= 0 {
		return from + i
	}
	return len(text)
}

// ediSegments calls fn for every segment of an EDI interchange: its start
// offset and bytes, split at term (line breaks around segments are
// skipped).
func ediSegments(text []byte, term byte, fn func(start int, seg []byte)) {
	for off := 0; off < len(text); {
		end := indexByteFrom(text, off, term)
		s := off
		for s < end && (text[s] == '\n' || text[s] == '\r' || text[s] == ' ') {
			s++
		}
		if s < end {
			fn(s, text[s:end])
		}
		off = end + 1
	}
}

// ediElement returns the [start,end) of element n (0 = the segment tag) of
// seg, split at sep, or -1, -1.
func ediElement(seg []byte, sep byte, n int) (int, int) {
	start := 0
	for k := 0; ; k++ {
		end := indexByteFrom(seg, start, sep)
		if k == n {
			return start, end
		}
		if end == len(seg) {
			return -1, -1
		}
		start = end + 1
	}
}

// ediEq reports whether element n of seg is v.
func ediEq(seg []byte, sep byte, n int, v string) bool {
	s, e := ediElement(seg, sep, n)
	return s >= 0 && string(seg[s:e]) == v
}

// Names given to EDI values (context words of the detectors).
var (
	nameDOB       = []byte("date_of_birth")
	nameNPI       = []byte("npi national_provider_identifier")
	nameMember    = []byte("member_id subscriber_id")
	nameMRN       = []byte("medical_record_number mrn")
	nameSSN       = []byte("social_security_number ssn")
	nameEIN       = []byte("employer_identification_number ein")
	namePhone     = []byte("telephone phone_number")
	nameFax       = []byte("fax_number")
	nameEmail     = []byte("email")
	nameDiagnosis = []byte("diagnosis_code icd10")
	namePassport  = []byte("passport_number")
	// nameForeignPassport names a passport number issued outside the US.
	nameForeignPassport = []byte("foreign passport_number")
	nameIDCard          = []byte("identity_card_number")
	nameExpiry          = []byte("expiry_date")
	nameDate            = []byte("service_date")
)

// x12 indexes the values of an ASC X12 interchange whose meaning its
// qualifiers give: DMG*D8 (birth date), NM1 ids by qualifier (XX = NPI, MI
// = member id, 34 = SSN), REF by qualifier (EA = medical record number, SY
// = SSN, EI = EIN), PER contacts (TE, FX, EM), HI diagnosis codes and DTP
// dates.
func (ci *cellIndex) x12(text []byte) {
	isa := bytes.Index(text, []byte("ISA"))
	if isa < 0 || isa+4 > len(text) {
		return
	}
	sep := text[isa+3]
	term := byte('~')
	// ISA has 16 elements of fixed width; the byte after ISA16 ends it.
	n, i := 0, isa+3
	for ; i < len(text) && n < 16; i++ {
		if text[i] == sep {
			n++
		}
	}
	if n == 16 && i+1 < len(text) {
		term = text[i+1]
	}
	if sep == term || isEDIText(sep) || isEDIText(term) {
		return
	}
	comp := byte(':')
	if n == 16 && i < len(text) {
		comp = text[i]
	}
	ediSegments(text, term, func(base int, seg []byte) {
		add := func(k int, name []byte) {
			if s, e := ediElement(seg, sep, k); s >= 0 && e > s {
				ci.cells = append(ci.cells, cell{start: base + s, end: base + e, name: name})
			}
		}
		s, e := ediElement(seg, sep, 0)
		switch string(seg[s:e]) {
		case "DMG":
			if ediEq(seg, sep, 1, "D8") {
				add(2, nameDOB)
			}
		case "NM1":
			switch {
			case ediEq(seg, sep, 8, "XX"):
				add(9, nameNPI)
			case ediEq(seg, sep, 8, "MI"), ediEq(seg, sep, 8, "II"):
				add(9, nameMember)
			case ediEq(seg, sep, 8, "34"):
				add(9, nameSSN)
			case ediEq(seg, sep, 8, "24"):
				add(9, nameEIN)
			}
		case "REF":
			switch {
			case ediEq(seg, sep, 1, "EA"):
				add(2, nameMRN)
			case ediEq(seg, sep, 1, "SY"):
				add(2, nameSSN)
			case ediEq(seg, sep, 1, "EI"):
				add(2, nameEIN)
			}
		case "PER":
			for q := 3; q <= 7; q += 2 {
				switch {
				case ediEq(seg, sep, q, "TE"):
					add(q+1, namePhone)
				case ediEq(seg, sep, q, "FX"):
					add(q+1, nameFax)
				case ediEq(seg, sep, q, "EM"):
					add(q+1, nameEmail)
				}
			}
		case "HI":
			for k := 1; ; k++ {
				s, e := ediElement(seg, sep, k)
				if s < 0 {
					break
				}
				if c := bytes.IndexByte(seg[s:e], comp); c >= 0 {
					cs, ce := s+c+1, indexByteFrom(seg[:e], s+c+1, comp)
					if ce > cs {
						ci.cells = append(ci.cells, cell{start: base + cs, end: base + ce, name: nameDiagnosis})
					}
				}
			}
		case "DTP":
			add(3, nameDate)
		}
	})
}

// edifact indexes the values of a UN/EDIFACT interchange whose meaning its
// qualifiers give: DTM+329 (birth date), DTM+36 (expiry), DOC+P (passport
// number), DOC+I (identity card), COM (phone, fax, e-mail).
func (ci *cellIndex) edifact(text []byte) {
	elem, comp, term := byte('+'), byte(':'), byte('\'')
	if i := bytes.Index(text, []byte("UNA")); i >= 0 && i+9 <= len(text) {
		comp, elem, term = text[i+3], text[i+4], text[i+8]
	}
	if elem == comp || elem == term || isEDIText(elem) || isEDIText(term) || isEDIText(comp) {
		return
	}
	ediSegments(text, term, func(base int, seg []byte) {
		s, e := ediElement(seg, elem, 0)
		tag := string(seg[s:e])
		// Components of element 1.
		s1, e1 := ediElement(seg, elem, 1)
		if s1 < 0 {
			return
		}
		c := seg[s1:e1]
		q, rest := c, []byte(nil)
		if k := bytes.IndexByte(c, comp); k >= 0 {
			q, rest = c[:k], c[k+1:]
		}
		addRange := func(rs, re int, name []byte) {
			if re > rs {
				ci.cells = append(ci.cells, cell{start: base + rs, end: base + re, name: name})
			}
		}
		switch tag {
		case "DTM":
			// DTM+329:861101(:format)
			if rest == nil {
				return
			}
			vs := s1 + len(q) + 1
			ve := indexByteFrom(seg[:e1], vs, comp)
			switch string(q) {
			case "329":
				addRange(vs, ve, nameDOB)
			case "36":
				addRange(vs, ve, nameExpiry)
			}
		case "DOC":
			// DOC+P:110:111+number
			s2, e2 := ediElement(seg, elem, 2)
			if s2 < 0 {
				return
			}
			e2 = indexByteFrom(seg[:e2], s2, comp)
			switch string(q) {
			case "P":
				addRange(s2, e2, namePassport)
			case "I", "ID":
				addRange(s2, e2, nameIDCard)
			}
		case "COM":
			// COM+number:TE(+number:EM)
			for k := 1; ; k++ {
				sk, ek := ediElement(seg, elem, k)
				if sk < 0 {
					break
				}
				j := bytes.LastIndexByte(seg[sk:ek], comp)
				if j < 0 {
					continue
				}
				switch string(seg[sk+j+1 : ek]) {
				case "TE", "MB":
					addRange(sk, sk+j, namePhone)
				case "FX":
					addRange(sk, sk+j, nameFax)
				case "EM":
					addRange(sk, sk+j, nameEmail)
				}
			}
		}
	})
}

// ssrDocs indexes airline SSR DOCS (APIS) passenger data in PNRs:
// "SSR DOCS UA HK1 P/USA/497310073/USA/21DEC85/M/11SEP30/DOE/JANE" —
// document type / issuing country / number / nationality / birth date /
// gender / expiry / surname / given names.
func (ci *cellIndex) ssrDocs(text []byte) {
	for off := 0; off < len(text); {
		i := indexFold(text[off:], "ssr docs")
		if i < 0 {
			return
		}
		i += off
		end := indexByteFrom(text, i, '\n')
		off = end
		if end < len(text) {
			off++
		}
		line := text[i:end]
		slash := bytes.IndexByte(line, '/')
		if slash < 1 {
			continue
		}
		// The document type is the word right before the first '/'.
		ts := slash
		for ts > 0 && line[ts-1] != ' ' && line[ts-1] != '/' {
			ts--
		}
		docType := string(line[ts:slash])
		var fields [][2]int
		start := slash + 1
		for k := start; k <= len(line); k++ {
			if k == len(line) || line[k] == '/' {
				fields = append(fields, [2]int{start, k})
				start = k + 1
			}
		}
		// "HK1/P/GBR/...": the status code, then the document type.
		if !ssrDocTypes[docType] && len(fields) > 0 && ssrDocTypes[string(line[fields[0][0]:fields[0][1]])] {
			docType = string(line[fields[0][0]:fields[0][1]])
			fields = fields[1:]
		}
		add := func(f int, name []byte) {
			if f < len(fields) && fields[f][1] > fields[f][0] {
				ci.cells = append(ci.cells, cell{start: i + fields[f][0], end: i + fields[f][1], name: name})
			}
		}
		switch docType {
		case "P", "PP", "PT":
			if len(fields) > 0 && string(line[fields[0][0]:fields[0][1]]) == "USA" {
				add(1, namePassport)
			} else {
				add(1, nameForeignPassport)
			}
		case "I", "ID", "C", "A", "IP", "AC":
			add(1, nameIDCard)
		}
		add(3, nameDOB)
		add(5, nameExpiry)
	}
}

// ssrDocTypes are the document types of SSR DOCS.
var ssrDocTypes = map[string]bool{"P": true, "PP": true, "PT": true, "I": true, "ID": true, "C": true, "A": true, "IP": true, "AC": true}

// dicomDump indexes the values of DICOM header dumps, one element per
// line: dcmdump's "(0010,0030) DA [19670327]  #  8, 1 PatientBirthDate"
// (the keyword ends the line) and pydicom's "(0010, 0030) Patient's Birth
// Date  DA: '19670327'" (the name comes first).
func (ci *cellIndex) dicomDump(text []byte) {
	for off := 0; off < len(text); {
		end := indexByteFrom(text, off, '\n')
		line := text[off:end]
		base := off
		off = end + 1
		lead := len(line) - len(bytes.TrimLeft(line, " \t"))
		l := line[lead:]
		if len(l) < 12 || l[0] != '(' {
			continue
		}
		cp := bytes.IndexByte(l, ')')
		if cp < 9 || cp > 12 || !bytes.Contains(l[:cp], []byte(",")) {
			continue
		}
		rest := l[cp+1:]
		restAt := base + lead + cp + 1
		if ob := bytes.IndexByte(rest, '['); ob >= 0 && ob <= 5 {
			// dcmdump: value in brackets, keyword last on the line.
			cb := bytes.IndexByte(rest[ob:], ']')
			hash := bytes.LastIndexByte(rest, '#')
			if cb < 0 || hash < ob+cb {
				continue
			}
			fields := bytes.Fields(rest[hash+1:])
			if len(fields) == 0 {
				continue
			}
			name := lowerName(nil, fields[len(fields)-1])
			if cb > 1 {
				ci.cells = append(ci.cells, cell{start: restAt + ob + 1, end: restAt + ob + cb, name: name})
			}
			continue
		}
		// pydicom: name, then "VR: " and the value, quoted or not.
		vr := -1
		for k := 0; k+4 <= len(rest); k++ {
			if rest[k] == ' ' && isUpperASCII(rest[k+1]) && isUpperASCII(rest[k+2]) && rest[k+3] == ':' {
				vr = k
			}
		}
		if vr < 0 {
			continue
		}
		name := lowerName(nil, bytes.TrimSpace(rest[:vr]))
		vs, ve := vr+4, len(rest)
		for vs < ve && rest[vs] == ' ' {
			vs++
		}
		if vs < ve && (rest[vs] == '\'' || rest[vs] == '"') && rest[ve-1] == rest[vs] && ve-vs >= 2 {
			vs, ve = vs+1, ve-1
		}
		if ve > vs && len(name) > 0 {
			ci.cells = append(ci.cells, cell{start: restAt + vs, end: restAt + ve, name: name})
		}
	}
}

// isEDIText reports whether c can be part of an EDI value (so cannot
// delimit one).
func isEDIText(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_'
}

// plist indexes property lists (Apple's XML plist, Info.plist and
// entitlement files): the value element that follows a <key>NAME</key>
// ("<key>CFBundleShortVersionString</key>\n<string>6.16.162.53</string>")
// is a cell named NAME.
func (ci *cellIndex) plist(text []byte) {
	for off := 0; off < len(text); {
		i := indexFold(text[off:], "<key>")
		if i < 0 {
			return
		}
		ks := off + i + len("<key>")
		ke := indexFold(text[ks:], "</key>")
		if ke < 0 {
			return
		}
		ke += ks
		off = ke + len("</key>")
		name := text[ks:ke]
		if len(name) == 0 || len(name) > 128 || bytes.IndexByte(name, '<') >= 0 {
			continue
		}
		// Whitespace, then a simple element: <string>, <integer>, <real>,
		// <date> or <data>, whose text ends at the next '<'.
		j := off
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n') {
			j++
		}
		if j >= len(text) || text[j] != '<' {
			continue
		}
		gt := bytes.IndexByte(text[j:], '>')
		if gt < 0 || gt > 16 || text[j+gt-1] == '/' {
			continue
		}
		vs := j + gt + 1
		ve := bytes.IndexByte(text[vs:], '<')
		if ve < 0 {
			ve = len(text)
		} else {
			ve += vs
		}
		if ve > vs {
			ci.cells = append(ci.cells, cell{start: vs, end: ve, name: lowerName(nil, name)})
		}
		off = ve
	}
}

// xmlElements indexes the text of leaf elements of XML and SGML-style
// markup: "<BANKID>041233742</BANKID>", OFX's unclosed "<ACCTID>14539503646"
// (the value ends at the line end), and Android resources'
// "<string name="api_key">VALUE</string>", whose name attribute names the
// cell. Tags with a namespace prefix ("<hl7:id>") keep their local name.
func (ci *cellIndex) xmlElements(text []byte) {
	for off := 0; off < len(text); {
		i := bytes.IndexByte(text[off:], '<')
		if i < 0 {
			return
		}
		i += off
		off = i + 1
		if i+1 >= len(text) || !isXMLNameStart(text[i+1]) {
			continue
		}
		gt := bytes.IndexByte(text[i:min(len(text), i+256)], '>')
		if gt < 0 {
			continue
		}
		gt += i
		tag := text[i+1 : gt]
		name, attrs := tag, []byte(nil)
		if sp := bytes.IndexAny(tag, " \t\r\n"); sp >= 0 {
			name, attrs = tag[:sp], tag[sp:]
		}
		if c := bytes.LastIndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		// HL7 CDA and other XML that keeps values in attributes:
		// <birthTime value="19670327"/> is a cell named birth_time.
		at := i + 1 + (len(tag) - len(attrs)) // offset of attrs in text
		if v := xmlAttr(attrs, "value"); len(v) > 0 && len(name) <= 64 {
			vs := at + bytes.Index(attrs, v)
			ci.cells = append(ci.cells, cell{start: vs, end: vs + len(v), name: lowerName(nil, name)})
		}
		// HL7 v3 / CDA identifiers and codes name their scheme by OID:
		// <id root="2.16.840.1.113883.4.6" extension="1762078974"/> is an NPI,
		// <value code="I21.4" codeSystem="2.16.840.1.113883.6.90"/> an ICD-10-CM code.
		if v := xmlAttr(attrs, "extension"); len(v) > 0 {
			if n := hl7IDName(xmlAttr(attrs, "root"), text[:i]); n != nil {
				vs := at + bytes.Index(attrs, []byte(`extension="`+string(v))) + len(`extension="`)
				ci.cells = append(ci.cells, cell{start: vs, end: vs + len(v), name: n})
			}
		}
		if v := xmlAttr(attrs, "code"); len(v) > 0 {
			if n := hl7CodeName(xmlAttr(attrs, "codeSystem")); n != nil {
				vs := at + bytes.Index(attrs, []byte(`code="`+string(v))) + len(`code="`)
				ci.cells = append(ci.cells, cell{start: vs, end: vs + len(v), name: n})
			}
		}
		if len(tag) > 0 && tag[len(tag)-1] == '/' {
			continue // <empty/>
		}
		if v := xmlAttr(attrs, "name"); v != nil {
			name = v
		}
		vs := gt + 1
		ve := vs
		for ve < len(text) && text[ve] != '<' && text[ve] != '\n' && text[ve] != '\r' {
			ve++
		}
		off = ve
		if len(name) == 0 || len(name) > 64 || len(bytes.TrimSpace(text[vs:ve])) == 0 {
			continue
		}
		ci.cells = append(ci.cells, cell{start: vs, end: ve, name: lowerName(nil, name)})
	}
}

// HL7 OIDs of identifier schemes (the root of an II data type).
var hl7IDRoots = map[string][]byte{
	"2.16.840.1.113883.4.1":   []byte("ssn"),
	"2.16.840.1.113883.4.6":   []byte("npi"),
	"2.16.840.1.113883.4.927": []byte("mbi medicare"),
	"2.16.840.1.113883.4.3.6": []byte("driver license"),
	"2.16.840.1.113883.4.330": []byte("passport"),
}

// hl7IDName names the identifier of an <id root=... extension=...>: a
// registered scheme by its OID, else (a facility's own OID) a patient
// identifier when the element sits in a <patientRole> (CDA's record
// target), the medical record number.
func hl7IDName(root, before []byte) []byte {
	if n, ok := hl7IDRoots[string(root)]; ok {
		return n
	}
	if len(root) == 0 {
		return nil
	}
	open := bytes.LastIndex(before, []byte("<patientRole"))
	if open >= 0 && bytes.LastIndex(before, []byte("</patientRole")) < open {
		return []byte("mrn patient_id")
	}
	return nil
}

// hl7CodeName names a code by its code system OID.
func hl7CodeName(system []byte) []byte {
	switch string(system) {
	case "2.16.840.1.113883.6.90", "2.16.840.1.113883.6.3":
		return []byte("icd10 diagnosis_code")
	}
	return nil
}

func isXMLNameStart(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_'
}

// xmlAttr returns the value of attribute name (quoted with ' or ") in the
// attribute list attrs, or nil.
func xmlAttr(attrs []byte, name string) []byte {
	for k := 0; k+len(name)+2 < len(attrs); k++ {
		if (attrs[k] == ' ' || attrs[k] == '\t') && string(attrs[k+1:k+1+len(name)]) == name && attrs[k+1+len(name)] == '=' {
			rest := attrs[k+2+len(name):]
			if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
				return nil
			}
			if end := bytes.IndexByte(rest[1:], rest[0]); end >= 0 {
				return rest[1 : 1+end]
			}
			return nil
		}
	}
	return nil
}

// gedcom indexes GEDCOM genealogy records: the DATE under a BIRT event
// ("1 BIRT\n2 DATE 25 AUG 1945") is a birth date, and the value of a level-1
// tag is a cell named by the tag ("1 SSN 536-22-1942", "1 EMAIL ...").
func (ci *cellIndex) gedcom(text []byte) {
	event := ""
	for off := 0; off < len(text); {
		end := indexByteFrom(text, off, '\n')
		line := bytes.TrimRight(text[off:end], "\r")
		start := off
		off = end + 1
		// "LEVEL TAG [VALUE]"
		if len(line) < 3 || line[0] < '0' || line[0] > '9' || line[1] != ' ' {
			continue
		}
		level := line[0]
		rest := line[2:]
		tag, val := rest, []byte(nil)
		if sp := bytes.IndexByte(rest, ' '); sp >= 0 {
			tag, val = rest[:sp], rest[sp+1:]
		}
		vs := start + len(line) - len(val)
		switch {
		case level == '1':
			event = string(tag)
			if len(val) > 0 && len(tag) <= 8 && tag[0] != '@' {
				ci.cells = append(ci.cells, cell{start: vs, end: vs + len(val), name: lowerName(nil, tag)})
			}
		case level == '2' && string(tag) == "DATE" && len(val) > 0:
			switch event {
			case "BIRT", "CHR", "BAPM":
				ci.cells = append(ci.cells, cell{start: vs, end: vs + len(val), name: nameDOB})
			}
		}
	}
}

// pdfFields indexes form-field dumps (pdftk dump_data_fields, qpdf): the
// FieldValue of a block is a cell named by its FieldName (or FieldNameAlt).
func (ci *cellIndex) pdfFields(text []byte) {
	var name []byte
	for off := 0; off < len(text); {
		end := indexByteFrom(text, off, '\n')
		line := bytes.TrimRight(text[off:end], "\r")
		start := off
		off = end + 1
		switch {
		case bytes.Equal(line, []byte("---")):
			name = nil
		case bytes.HasPrefix(line, []byte("FieldName: ")):
			name = lowerName(nil, bytes.TrimSpace(line[len("FieldName: "):]))
		case bytes.HasPrefix(line, []byte("FieldNameAlt: ")):
			alt := bytes.TrimSpace(line[len("FieldNameAlt: "):])
			name = append(append(name, ' '), lowerName(nil, alt)...)
		case bytes.HasPrefix(line, []byte("FieldValue: ")) && name != nil:
			vs := start + len("FieldValue: ")
			if ve := start + len(line); ve > vs {
				ci.cells = append(ci.cells, cell{start: vs, end: ve, name: name})
			}
		}
	}
}

// alignedTables indexes tables whose columns are aligned with spaces, as
// reports, schedules and CLI tools print them ("ROOM  MRN       DOB" over
// "OR9   87695497  04/23/1978"): a header line of three or more names
// separated by two or more spaces, an optional rule of dashes or equals
// signs, then rows whose tokens start under the header's columns. A token
// belongs to the last column that starts at or before it (one rune of
// slack); the cells of a row are its tokens grouped by column.
func (ci *cellIndex) alignedTables(text []byte) {
	var cols []int // rune offsets of the header's columns
	var names [][]byte
	var prev []byte
	for off := 0; off < len(text); {
		end := indexByteFrom(text, off, '\n')
		line := bytes.TrimRight(text[off:end], "\r")
		start := off
		off = end + 1
		if isRule(line) {
			// A rule confirms the line above it as the header, even when
			// that line also lined up with a title above it.
			if c, n := alignedHeader(prev); c != nil {
				cols, names = c, n
			}
			prev = line
			continue
		}
		prev = line
		if cols != nil && ci.alignedRow(text, start, line, cols, names) {
			continue
		}
		cols, names = alignedHeader(line)
	}
}

// isRule reports whether line is a rule under a header ("----  -----").
func isRule(line []byte) bool {
	n := 0
	for _, c := range line {
		switch c {
		case '-', '=', '+':
			n++
		case ' ', '\t', '|':
		default:
			return false
		}
	}
	return n >= 3
}

// alignedHeader returns the columns of line if it is a header: three or
// more fields separated by two or more spaces, each starting with a letter.
func alignedHeader(line []byte) ([]int, [][]byte) {
	// Cheap rejections first: most lines of code and prose are not headers.
	if len(line) < 8 || len(line) > 1024 || !isLetterByte(line[0]) {
		return nil, nil
	}
	gap := bytes.Index(line, []byte("  "))
	if gap < 0 || bytes.Count(line[gap:], []byte("  ")) < 2 || bytes.IndexByte(line, '\t') >= 0 {
		return nil, nil
	}
	var cols []int
	var names [][]byte
	r, i := 0, 0 // rune and byte position
	for i < len(line) {
		if line[i] == ' ' {
			i++
			r++
			continue
		}
		if !isLetterByte(line[i]) && line[i] < 0x80 {
			return nil, nil
		}
		fs, fr := i, r
		for i < len(line) && !(line[i] == ' ' && (i+1 >= len(line) || line[i+1] == ' ')) {
			if line[i] < 0x80 || line[i] >= 0xC0 {
				r++
			}
			i++
		}
		cols = append(cols, fr)
		names = append(names, lowerName(nil, line[fs:i]))
	}
	if len(cols) < 3 {
		return nil, nil
	}
	return cols, names
}

// alignedRow adds the cells of line (at offset start) if its tokens line up
// with cols: at least half of the columns must have a token starting within
// one rune of their start. It reports whether line is a row.
func (ci *cellIndex) alignedRow(text []byte, start int, line []byte, cols []int, names [][]byte) bool {
	type tok struct{ s, e, col int }
	var toks []tok
	aligned := 0
	r, i := 0, 0
	for i < len(line) {
		if line[i] == ' ' {
			i++
			r++
			continue
		}
		if line[i] == '\t' {
			return false
		}
		ts, tr := i, r
		for i < len(line) && line[i] != ' ' {
			if line[i] < 0x80 || line[i] >= 0xC0 {
				r++
			}
			i++
		}
		col := -1
		for k, c := range cols {
			if c <= tr+1 {
				col = k
			}
			if c >= tr-1 && c <= tr+1 {
				aligned++
			}
		}
		if col < 0 {
			return false
		}
		toks = append(toks, tok{ts, i, col})
	}
	if len(toks) == 0 || 2*aligned < len(cols) {
		return false
	}
	for a := 0; a < len(toks); {
		b := a + 1
		for b < len(toks) && toks[b].col == toks[a].col {
			b++
		}
		ci.cells = append(ci.cells, cell{start: start + toks[a].s, end: start + toks[b-1].e, name: names[toks[a].col]})
		a = b
	}
	return true
}

func isLetterByte(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// nacha indexes NACHA (ACH) files: 94-character records, the file header
// "101 ...", and entry detail records "6" + transaction code (2) + the
// receiving bank's routing number (8 digits and a check digit) + the
// account number (17) + amount (10) + individual id (15) + name (22).
func (ci *cellIndex) nacha(text []byte) {
	for off := 0; off < len(text); {
		end := indexByteFrom(text, off, '\n')
		line := bytes.TrimRight(text[off:end], "\r")
		start := off
		off = end + 1
		if len(line) != 94 || line[0] != '6' {
			continue
		}
		ci.cells = append(ci.cells,
			cell{start: start + 3, end: start + 12, name: nameRouting},
			cell{start: start + 12, end: start + 29, name: nameAccount},
			cell{start: start + 54, end: start + 76, name: nameIndividual})
	}
}

var (
	nameRouting    = []byte("routing_number")
	nameAccount    = []byte("dfi_account_number")
	nameIndividual = []byte("individual_name")
)

// fhirIdentifiers indexes FHIR Identifier and Coding objects: the "value"
// (or "code") next to a "system" URI is a cell named by the system — a
// registered one (us-ssn, us-npi, us-mbi, ICD-10) by its meaning, any other
// by its last path segment ("http://hospital.example.org/mrn" -> mrn).
func (ci *cellIndex) fhirIdentifiers(text []byte) {
	for off := 0; off < len(text); {
		i := bytes.Index(text[off:], []byte(`"system"`))
		if i < 0 {
			return
		}
		i += off
		off = i + len(`"system"`)
		// The enclosing object: from the '{' before to the '}' after.
		open := bytes.LastIndexByte(text[max(0, i-256):i], '{')
		if open < 0 {
			continue
		}
		open += max(0, i-256)
		end := bytes.IndexByte(text[i:min(len(text), i+512)], '}')
		if end < 0 {
			continue
		}
		obj := text[open : i+end]
		system := jsonStringField(obj, "system")
		if system == nil {
			continue
		}
		name := fhirSystemName(system)
		if name == nil {
			continue
		}
		for _, key := range []string{"value", "code"} {
			if v := jsonStringField(obj, key); len(v) > 0 {
				vs := open + bytes.Index(obj, v)
				ci.cells = append(ci.cells, cell{start: vs, end: vs + len(v), name: name})
			}
		}
	}
}

// fhirSystems are registered identifier and code systems.
var fhirSystems = map[string][]byte{
	"http://hl7.org/fhir/sid/us-ssn":       []byte("ssn"),
	"http://hl7.org/fhir/sid/us-npi":       []byte("npi"),
	"http://hl7.org/fhir/sid/us-mbi":       []byte("mbi medicare"),
	"http://hl7.org/fhir/sid/icd-10-cm":    []byte("icd10 diagnosis_code"),
	"http://hl7.org/fhir/sid/icd-10":       []byte("icd10 diagnosis_code"),
	"http://hl7.org/fhir/sid/passport-usa": []byte("passport"),
	"urn:oid:2.16.840.1.113883.4.1":        []byte("ssn"),
	"urn:oid:2.16.840.1.113883.4.6":        []byte("npi"),
}

func fhirSystemName(system []byte) []byte {
	if n, ok := fhirSystems[string(system)]; ok {
		return n
	}
	s := bytes.TrimRight(system, "/")
	if k := bytes.LastIndexAny(s, "/:"); k >= 0 {
		s = s[k+1:]
	}
	if len(s) == 0 || len(s) > 48 {
		return nil
	}
	return lowerName(nil, s)
}

// jsonStringField returns the string value of "key": "..." in obj (no
// escapes inside), or nil.
func jsonStringField(obj []byte, key string) []byte {
	k := bytes.Index(obj, []byte(`"`+key+`"`))
	if k < 0 {
		return nil
	}
	rest := bytes.TrimLeft(obj[k+len(key)+2:], " \t\r\n")
	if len(rest) == 0 || rest[0] != ':' {
		return nil
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || rest[0] != '"' {
		return nil
	}
	e := bytes.IndexAny(rest[1:], `"\`)
	if e < 0 || rest[1+e] != '"' {
		return nil
	}
	return rest[1 : 1+e]
}
