package pii

import (
	"strings"
	"testing"

	"github.com/weir-dev/weir/classifiers/detector"
)

// TestShapes pins each digit-cluster Shape on clusters that hold a value
// (which it must accept) and clusters that cannot (which it should skip).
func TestShapes(t *testing.T) {
	tests := []struct {
		name  string
		shape func(*detector.Cluster) bool
		yes   []string
		no    []string
	}{
		{"ipv4", shapeIPv4,
			[]string{"52.201.82.190", "1.2.3.4", "2024-03-15 10.0.0.1", "52.1.2.3/24", "52.201.82.190:443"},
			[]string{"v52.201.82.190", "1.2.3", "2024-03-15", "10:22:01.123", "1.2.3a.4", "1234.5.6.7"}},
		{"ipv4 address", shapeIPv4Addr(ipv4Address),
			[]string{"52.201.82.190", "2024-03-15 52.1.2.3", "52.1.2.0/22", "52.201.82.190:443", "n52.201.82.190", "1.1.1.1 52.1.2.3"},
			[]string{"10.0.0.1", "127.0.0.1", "1.2.3.4", "52.201.82.190.7", "3.52.201.82.190", "192.168.1.1:8080", "203.0.113.25"}},
		{"ipv4 versionlike", shapeIPv4Addr(ipv4VersionLikePublic),
			[]string{"8.8.8.8", "1.2.3.40", "9.9.9.9/32"},
			[]string{"52.201.82.190", "10.1.2.3", "1.2.3.4.5"}},
		{"mac", func(c *detector.Cluster) bool { return shapeMAC(2)(c) || shapeMAC(4)(c) },
			[]string{"|b8:27|:eb:e3:c9:1a", "b8:27:eb:|e3:c9:1a|", "dc:a6:32:48:21:c9", "00-1A-11-3F-E4-14", "0a1b.2c3d.4e5f",
				"ab:|12|:cd", "ab-cd-ef-|12|-ab-cd", "ab:cd:ef:|12:c9:1a|/24", "|0a1b|.cdef.abcd", "dc:a6:32:48:21:c9 and more"},
			[]string{"2024-03-15", "123", "1.2.3.4", "12:34:56:78:90:12:34", "b8:27-e3:c9:1a:ff:aa:bb 1",
				"at |10:22:01| UTC", "|12|", "page |12|:", "|b8:27|:ez", "x |0a1b|:cdef"}},
		{"phone8", shapePhone(8),
			[]string{"44 20 7946 0958", "415) 867-5309", "86-18863199034", "0049 30 12345678", "x2 55 61 94989-4024"},
			[]string{"2024-03-15T10:22:01Z", "10:22:01.123", "12:34:56:78", "1234567", "ab12cd34ef56gh78"}},
		{"phone grouped", shapePhoneGrouped(9),
			[]string{"0176 79147202", "206-811-5872", "07 82 23 30 46", "03) 8283 5828", "03)82835828", "4199712-7754", "1-415-867-5309",
				"41) 99712-7754", "96765 03817", "363 4600352", "91 23 45 67 8", "x 2024 0176 79147202"},
			[]string{"1628690527", "899581609", "2024-03-15T10:22:01Z", "0176:79147202", "4016 5108 5830 3286",
				"2019-909392"}},
		{"it fiscal", shapeITFiscal,
			[]string{"BNCGNN72C45F205R", "VRDLGU80A01H501Q", "cf BNCGNN72C45F205R", "BNCGNNLSC45F205R", "2024 BNCGNN72C45F205A"},
			[]string{"bncgnn72c45f205r", "BNCGNN72Z45F205R", "BNCGNN72C45F205", "BNCGNN72C45F205RX", "a1b2c3d4e5f6a7b8", "3f9a0c1e2b4d6f8a9c0e1b2d"}},
		{"es nif", shapeESNIF,
			[]string{"28697888Y", "|28697888|-Y", "|28697888| Y.", "01.355.187G", "|01.355.187|-G", "X2372495E", "|X2372495|-E",
				"X |6631537|-F", "Y-|6631537F|", "2024 28697888Y"},
			[]string{"28697888", "|28697888| y", "|28697888|:Y", "2869788Y", "X237249E", "|6631537|-F", "NIE |6631537|-F",
				"|01.355.18|-G", "A2372495E"}},
		{"ssn dash", shapeSSNDash,
			[]string{"589-90-4261", "n589-90-4261", "536-22-1942 1990-01-01", "416-87-5009-2231"},
			[]string{"589 90 4261", "5899-0-4261", "589-904-261", "2024-10-04"}},
		{"ssn space", shapeSSNSpace,
			[]string{"228 42 7397", "1965-10-07 273 54 1304"},
			[]string{"228-42-7397", "2284 27397"}},
		{"itin dash", shapeITINDash, []string{"912-70-1234"}, []string{"812-70-1234", "912 70 1234"}},
		{"itin plain", shapeITINPlain, []string{"985 94 1234", "950651234", "r950651234"}, []string{"850651234", "985-94-1234"}},
		{"nine digits", shapeNineDigits, []string{"564911918", "ab12 021000021", "n564911918"}, []string{"5649119181", "564-911-918"}},
		{"passport", shapePassport, []string{"934660450", "P21675228", "tP21675228"}, []string{"93466045", "PA2167522x"}},
		{"card", shapeCard,
			[]string{"4617 7805 2375 1364", "6570-2982-2669-5051", "3775 651839 33461", "2294096993123099",
				"6254 8200 8627 3515 605", "3050 122215 2804", "4617 7805 2375 1364 05/27", "n4617780523751364120"},
			[]string{"4617 7805 2375 1365", "4617 7805-2375 1364", "9617 7805 2375 1363", "1234567812345678"}},
		{"imei grouped", shapeIMEIGrouped, []string{"35-391110-986797-9", "86 769304 715891 4"}, []string{"35-391110-986797-8", "35-391110 986797-9"}},
		{"imei bare", shapeIMEIBare, []string{"353911100572016", "n013263004712070"}, []string{"353911100572017", "378282246310005", "3539111005720160"}},
		{"iban", shapeIBAN, []string{"IE44", "DE75801527538126259462", "NL88", "tGB82", "x?|31BE68466971922934|?32"}, []string{"ie44", "I44", "2024 44", "abcd1234"}},
		{"base58", shapeBase58,
			[]string{"1KUCzSr49wPWckUDouJLybJuRYtViF5hfM", "37MaqGePco8NRnndHVmm85hZHwqEtL2LUv"},
			[]string{"2KUCzSr49wPWckUDouJLybJuRYtViF5hfM", "1KUCzSr49wPWckUDouJLybJuRYtViF5hf0", "1KUCzSr49w"}},
	}
	// Each width only takes its own form.
	if shapeMAC(4)(shapeTestCluster("dc:a6:32:48:21:c9")) || shapeMAC(2)(shapeTestCluster("0a1b.2c3d.4e5f")) {
		t.Error("shapeMAC(w) accepts the other width's MAC")
	}
	for _, tc := range tests {
		for _, c := range tc.yes {
			if !tc.shape(shapeTestCluster(c)) {
				t.Errorf("%s: rejects %q, which can hold a value", tc.name, c)
			}
		}
		for _, c := range tc.no {
			if tc.shape(shapeTestCluster(c)) {
				t.Errorf("%s: accepts %q", tc.name, c)
			}
		}
	}
}

// shapeTestCluster makes a Cluster of s; "before|cluster|after" gives the
// cluster the text around it (Cluster.Before and After).
func shapeTestCluster(s string) *detector.Cluster {
	parts := strings.Split(s, "|")
	if len(parts) != 3 {
		return detector.NewCluster([]byte(s))
	}
	c := detector.NewCluster([]byte(parts[1]))
	b, a := []byte(parts[0]), []byte(parts[2])
	c.Before = b[max(0, len(b)-detector.ClusterContext):]
	c.After = a[:min(len(a), detector.ClusterContext)]
	return c
}

// TestEmailValidatorScripts pins the exact-class checks that replaced the
// pattern's Unicode classes.
func TestEmailValidatorScripts(t *testing.T) {
	for in, want := range map[string]bool{
		"josé@bücher.de": true,
		"ivan@почта.рф":  true,
		"x@例え.テスト":       true,
		"联系john@x.com":   false, // CJK in the local part
		"a@b.c1":         true,  // ASCII TLDs are the pattern's business
		"a@b.рф1":        true,
		"a@b.д٣":         false, // digit in a non-ASCII TLD
		"a@x—y.com":      false, // punctuation in a label
	} {
		if got := emailOK([]byte(in)); got != want {
			t.Errorf("emailOK(%q) = %v, want %v", in, got, want)
		}
	}
	long := "a@" + string(bytesRepeat('b', 64)) + ".com"
	if emailOK([]byte(long)) {
		t.Errorf("emailOK accepts a 64-byte label")
	}
}

func bytesRepeat(c byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = c
	}
	return b
}

// TestShapePhoneLed pins the lead phone_e164 needs: '+' or '(' right before
// the cluster (Cluster.Before) or in a gap, or a "00" token.
func TestShapePhoneLed(t *testing.T) {
	shape := shapePhoneLed(8)
	for _, tc := range []struct {
		before, text string
		want         bool
	}{
		{"Tel ", "44 20 7946 0958", false},
		{"el +", "44 20 7946 0958", true},
		{" (+", "65) 9868 6293", true},
		{"03  (", "916) 370-0828", true},
		{"+ ", "1 415 555 0123", true},
		{"", "74103 +1 415 555 0123", true},
		{"Tel:", "0049 30 12345678", true},
		{"", "2024-03-15 10:22:01", false},
		{"id ", "4155550123", false},
	} {
		c := detector.NewCluster([]byte(tc.text))
		c.Before = []byte(tc.before)
		if got := shape(c); got != tc.want {
			t.Errorf("shapePhoneLed(before %q, %q) = %v, want %v", tc.before, tc.text, got, tc.want)
		}
	}
}
