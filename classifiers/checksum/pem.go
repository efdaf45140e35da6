package checksum

import "bytes"

// pemMaxLen bounds the work done on one candidate block. The largest
// private keys (RSA 8192, PGP keys with several subkeys) stay well below.
const pemMaxLen = 64 << 10

// pemMinDecoded is the smallest decoded key body accepted; an Ed25519
// PKCS#8 key, the smallest real one, is 48 bytes.
const pemMinDecoded = 32

// pemPlaceholderRun is the longest run of one repeated base64 character
// (other than 'A', which zero bytes legitimately produce) a real key body
// has; longer runs are fillers such as "xxxx...".
const pemPlaceholderRun = 20

type pemKind uint8

const (
	pemDER     pemKind = iota // PKCS#1, SEC1, DSA, PKCS#8, encrypted PKCS#8
	pemOpenSSH                // openssh-key-v1
	pemPGP                    // OpenPGP armor
)

// pemLabels are the BEGIN/END labels of private-key blocks.
var pemLabels = [...]struct {
	label string
	kind  pemKind
}{
	{"RSA PRIVATE KEY", pemDER},
	{"EC PRIVATE KEY", pemDER},
	{"DSA PRIVATE KEY", pemDER},
	{"PRIVATE KEY", pemDER},
	{"ENCRYPTED PRIVATE KEY", pemDER},
	{"OPENSSH PRIVATE KEY", pemOpenSSH},
	{"PGP PRIVATE KEY BLOCK", pemPGP},
}

const opensshMagic = "openssh-key-v1\x00"

// PEM reports whether s is one complete private-key block: "-----BEGIN
// <label>-----", a base64 body and a matching "-----END <label>-----", for
// the RSA, EC, DSA, PKCS#8 ("PRIVATE KEY"), encrypted PKCS#8, OpenSSH and
// PGP private-key labels. Public keys, certificates and CSRs are false.
//
// Lines may end in LF, CRLF, CR or the two-character escapes `\n` / `\r`
// of JSON and .env strings (where `\/` is read as '/'), and may be indented
// (YAML block scalars). Leading header lines (Proc-Type, DEK-Info, PGP
// Version/Comment) are allowed. The decoded body must be a DER SEQUENCE
// whose length matches the body (PKCS#1, SEC1, PKCS#8), ciphertext of whole
// blocks (legacy Proc-Type: 4,ENCRYPTED), begin with "openssh-key-v1\0"
// (OpenSSH), or start with a secret-key packet and match its "=XXXX" CRC-24
// line when present (PGP). Redacted or filler bodies are false.
func PEM(s []byte) bool {
	if len(s) > pemMaxLen {
		return false
	}
	const begin, end, dashes = "-----BEGIN ", "-----END ", "-----"
	s = bytes.TrimLeft(s, " \t\r\n")
	if !bytes.HasPrefix(s, []byte(begin)) {
		return false
	}
	rest := s[len(begin):]
	i := bytes.Index(rest, []byte(dashes))
	if i < 0 {
		return false
	}
	label := rest[:i]
	kind, ok := pemLabelKind(label)
	if !ok {
		return false
	}
	rest = rest[i+len(dashes):]
	j := bytes.LastIndex(rest, []byte(end))
	if j < 0 {
		return false
	}
	body, tail := rest[:j], rest[j+len(end):]
	if !bytes.HasPrefix(tail, label) || !bytes.HasPrefix(tail[len(label):], []byte(dashes)) {
		return false
	}
	if !pemTrailer(tail[len(label)+len(dashes):]) {
		return false
	}
	return pemBody(body, kind)
}

func pemLabelKind(label []byte) (pemKind, bool) {
	for _, l := range pemLabels {
		if string(label) == l.label {
			return l.kind, true
		}
	}
	return 0, false
}

// pemTrailer reports whether b holds only white space and escaped newlines.
func pemTrailer(b []byte) bool {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case ' ', '\t', '\r', '\n':
		case '\\':
			if i+1 == len(b) || b[i+1] != 'n' && b[i+1] != 'r' {
				return false
			}
			i++
		default:
			return false
		}
	}
	return true
}

// pemNextLine returns the line starting at b[pos:], trimmed of spaces and
// tabs, and the position after its terminator (LF, CR, `\n` or `\r`).
func pemNextLine(b []byte, pos int) (line []byte, next int) {
	start := pos
	for pos < len(b) {
		c := b[pos]
		if c == '\n' || c == '\r' {
			line, next = b[start:pos], pos+1
			return bytes.Trim(line, " \t"), next
		}
		if c == '\\' && pos+1 < len(b) && (b[pos+1] == 'n' || b[pos+1] == 'r') {
			line, next = b[start:pos], pos+2
			return bytes.Trim(line, " \t"), next
		}
		pos++
	}
	return bytes.Trim(b[start:], " \t"), len(b)
}

// pemBody checks the lines between the BEGIN and END markers.
func pemBody(body []byte, kind pemKind) bool {
	var d b64Stream
	d.crc = 0xB704CE
	inHeaders, sawData, encrypted, dekInfo := true, false, false, false
	checksum := -1 // PGP "=XXXX" value, -1 if absent
	for pos := 0; pos < len(body); {
		var line []byte
		line, pos = pemNextLine(body, pos)
		if len(line) == 0 {
			if sawData {
				inHeaders = false
			}
			continue
		}
		if checksum >= 0 {
			return false // data after the armor checksum
		}
		if inHeaders && !sawData && bytes.IndexByte(line, ':') > 0 {
			encrypted = encrypted || bytes.HasPrefix(line, []byte("Proc-Type:")) && bytes.Contains(line, []byte("ENCRYPTED"))
			dekInfo = dekInfo || bytes.HasPrefix(line, []byte("DEK-Info:"))
			continue
		}
		inHeaders = false
		if kind == pemPGP && line[0] == '=' && len(line) <= 9 {
			line = unescapeSlashes(line)
		}
		if kind == pemPGP && len(line) == 5 && line[0] == '=' {
			v, ok := crc24Armor(line[1:])
			if !ok || !sawData {
				return false
			}
			checksum = int(v)
			continue
		}
		sawData = true
		if !d.line(line) {
			return false
		}
	}
	if !d.finish() || d.n < pemMinDecoded || d.maxRun >= pemPlaceholderRun {
		return false
	}
	switch kind {
	case pemOpenSSH:
		return d.n >= len(opensshMagic) && string(d.head[:len(opensshMagic)]) == opensshMagic
	case pemPGP:
		// A transferable secret key starts with a Secret-Key packet (tag
		// 5): old format 0x94-0x97 or new format 0xC5.
		if h := d.head[0]; !(h >= 0x94 && h <= 0x97 || h == 0xC5) {
			return false
		}
		return checksum < 0 || uint32(checksum) == d.crc
	}
	if encrypted {
		return dekInfo && d.n%8 == 0
	}
	return derSequence(d.head[:], d.n)
}

// derSequence reports whether a DER value of total length n, whose first
// bytes are head, is a SEQUENCE whose encoded length covers exactly n.
func derSequence(head []byte, n int) bool {
	if head[0] != 0x30 {
		return false
	}
	l := int(head[1])
	hdr := 2
	if l >= 0x80 {
		k := l & 0x7f
		if k == 0 || k > 3 {
			return false
		}
		l = 0
		for _, b := range head[2 : 2+k] {
			l = l<<8 | int(b)
		}
		hdr += k
	}
	return hdr+l == n
}

// crc24Armor decodes the 4 base64 characters of an armor checksum.
func crc24Armor(b []byte) (uint32, bool) {
	var v uint32
	for _, c := range b {
		x := base64Std[c]
		if x == 0xFF {
			return 0, false
		}
		v = v<<6 | uint32(x)
	}
	return v, true
}

// base64Std maps a standard-alphabet base64 character to its value, or 0xFF.
var base64Std = func() (t [256]byte) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := range t {
		t[i] = 0xFF
	}
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = byte(i)
	}
	return t
}()

// b64Stream decodes standard base64 incrementally without buffering the
// output: it keeps the first bytes, the length, the CRC-24 of the decoded
// data and the longest run of one repeated non-'A' input character.
type b64Stream struct {
	quad   uint32
	qn     int
	done   bool // padding seen; no more data allowed
	n      int
	head   [16]byte
	crc    uint32
	last   byte
	run    int
	maxRun int
}

func (d *b64Stream) emit(b byte) {
	if d.n < len(d.head) {
		d.head[d.n] = b
	}
	d.n++
	d.crc = (d.crc<<8 ^ crc24Table[byte(d.crc>>16)^b]) & 0xFFFFFF
}

// line feeds one body line; spaces inside it (single-line bodies) are
// skipped and `\/` (a JSON-escaped slash) is read as '/'.
func (d *b64Stream) line(b []byte) bool {
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case ' ', '\t':
			continue
		case '\\':
			if i+1 < len(b) && b[i+1] == '/' {
				continue
			}
			return false
		case '=':
			if !d.pad() {
				return false
			}
			continue
		}
		v := base64Std[c]
		if v == 0xFF || d.done {
			return false
		}
		if c == d.last {
			d.run++
		} else {
			d.last, d.run = c, 1
		}
		if c != 'A' && d.run > d.maxRun {
			d.maxRun = d.run
		}
		d.quad = d.quad<<6 | uint32(v)
		d.qn++
		if d.qn == 4 {
			d.emit(byte(d.quad >> 16))
			d.emit(byte(d.quad >> 8))
			d.emit(byte(d.quad))
			d.quad, d.qn = 0, 0
		}
	}
	return true
}

// pad handles one '=' character.
func (d *b64Stream) pad() bool {
	switch {
	case d.qn == 3: // xyz= -> 2 bytes
		d.emit(byte(d.quad >> 10))
		d.emit(byte(d.quad >> 2))
		d.quad, d.qn, d.done = 0, 0, true
		return true
	case d.qn == 2: // xy== -> 1 byte, expect a second '='
		d.emit(byte(d.quad >> 4))
		d.quad, d.qn, d.done = 0, -1, true
		return true
	case d.qn == -1: // second '=' of "=="
		d.qn = 0
		return true
	}
	return false
}

// finish flushes a final unpadded group.
func (d *b64Stream) finish() bool {
	switch d.qn {
	case 0:
		return true
	case 2:
		return d.pad() && d.pad()
	case 3:
		return d.pad()
	case -1: // "xy=" with the second '=' missing
		return true
	}
	return false
}

// unescapeSlashes drops the backslash of JSON-escaped slashes ("\/") in a
// short armor line, in place of a copy (the line is at most 9 bytes).
func unescapeSlashes(line []byte) []byte {
	if bytes.IndexByte(line, '\\') < 0 {
		return line
	}
	var buf [9]byte
	n := 0
	for i := 0; i < len(line); i++ {
		if line[i] == '\\' && i+1 < len(line) && line[i+1] == '/' {
			continue
		}
		buf[n] = line[i]
		n++
	}
	return append([]byte(nil), buf[:n]...)
}
