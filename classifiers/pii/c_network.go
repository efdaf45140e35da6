package pii

import (
	"fmt"
	"net/netip"

	"github.com/weir-dev/weir/classifiers/detector"
)

// IP addresses (public unicast only) and MAC addresses.

var ipContext = []string{
	"ip", "ip address", "ipv4", "ipv6", "address", "addr", "host", "remote", "client", "server", "source",
	"src", "dst", "destination", "from", "connecting", "logged in", "login", "peer", "origin", "x-forwarded-for",
	"forwarded", "dns", "gateway", "resolver", "nameserver", "endpoint", "dhcp", "dhcpack", "lease",
	"adresse ip", "dirección ip", "indirizzo ip", "ip-adresse", "ip-adres", "endereço ip",
	// Access and auth logs.
	"http", "https", "mozilla", "user-agent", "sshd", "ssh", "connection", "connected", "firewall",
	"blocked", "login", "logged", "accepted", "failed password", "nginx", "apache",
}

var macContext = []string{
	"mac", "mac address", "hwaddr", "hw addr", "ether", "ethernet", "bssid", "wifi", "wi-fi", "wlan",
	"bluetooth", "nic", "physical address", "adresse mac", "dirección mac", "mac-adresse",
	"macaddr", "mac_addr", "mac_address", "hw_mac", "hwmac", "hw_addr", "lladdr", "link/ether", "chaddr",
	"client-mac", "client_mac", "src_mac", "dst_mac", "station", "endereço mac", "indirizzo mac",
	// Link-layer peers in BLE, Wi-Fi and DHCP logs ("BLE paired peer=d4:ba:6b:64:e5:9b"); shared
	// with ipContext, so a MAC right after them is not taken for a mislabelled IP.
	"ble", "paired", "pairing", "peer", "client", "src", "dst", "remote", "device", "associated", "sta",
}

// ipVersionWords are labels, keys and column names of version numbers
// shaped like dotted quads.
var ipVersionWords = []string{
	"version", "versions", "versión", "versão", "versione", "build", "firmware", "fw", "release", "sdk",
	"os_build", "os build", "build number", "bundle version", "shortversionstring", "cfbundleshortversionstring",
	"cfbundleversion", "app_version", "appversion", "sw_version", "fw_version", "kernel", "patch level",
}

// ipVersionLabels precede dotted quads that are versions, not addresses.
const ipVersionLabels = `(?:version|build|firmware|fw|ver|release|rel|rev|revision|v|oid|sdk|kernel|os|app|agent|chrome|firefox|safari|edge|msie|android|ios)`

// ipv4Pattern: like cLabeled, but a URL or CIDR around the address is fine
// ("http://52.1.2.3/x", "52.1.2.0/24"); only a further ".part" is pulled in.
const ipv4Pattern = `(?:^|[^0-9A-Za-z_.]|\\[nrt])((?:(?i:` + ipVersionLabels + `)[ \t:="'#_\-]{0,4})?` + ipv4Core + `(?:\.[0-9A-Za-z_]+)*)\b`

const ipv4Core = `[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}`

// IPv6: starts with a hex group (global unicast is 2000::/3); the validator
// parses it with net/netip.
const ipv6Core = `[0-9A-Fa-f]{1,4}(?:::?[0-9A-Fa-f]{1,4}){1,7}(?:::)?`

// ipv6Pattern: the address after a non-address byte or after a host name
// and ':' ("legacy:2a01:…" in docker-compose extra_hosts: a token with a
// non-hex letter cannot be a hextet). Glued continuations are pulled into
// the value (and fail the validator), except a last ":" and five digits:
// no hextet has five digits, so that is a port ("[client 2a01:…:bb46:51234]"
// in Apache error logs).
const ipv6Pattern = ipv6Lead + `(` + ipv6Core +
	`(?:\.[0-9A-Za-z_]+|:(?:[0-9A-Za-z_]{1,4}|[0-9A-Za-z_]{6,}|[0-9]{0,4}[A-Za-z_][0-9A-Za-z_]*))*)(?::[0-9]{5})?\b`

const ipv6Lead = `(?:^|[^0-9A-Za-z_:.]|\\[nrt]|[G-Zg-z_\-][0-9A-Fa-f]{0,8}:)`

// ipv6Keywords are the first hextets of the IANA-allocated global unicast
// space (RIR blocks): 2001, 2003, 2400-240f, 2600-263f, 2800-280f,
// 2a00-2a1f, 2c00-2c0f.
func ipv6Keywords() []string {
	kw := []string{"2001:", "2002:", "2003:"}
	add := func(base, n int) {
		for i := 0; i < n; i++ {
			kw = append(kw, fmt.Sprintf("%04x:", base+i))
		}
	}
	add(0x2400, 16)
	add(0x2600, 64)
	add(0x2800, 16)
	add(0x2a00, 32)
	add(0x2c00, 16)
	return kw
}

func networkSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID:       "ip_address_v4",
			Type:     "IP_ADDRESS",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 4, Max: 40, Shape: shapeIPv4Addr(ipv4Address)},
			Before:   24, After: 24,
			Pattern:       ipv4Pattern,
			Group:         1,
			Validator:     cExact(ipv4Core, ipv4Address),
			ValidatorName: "ipv4_public",
			Confidence:    0.85,
			Need:          detector.ContextNo,
			Context:       ipContext,
			// Dotted quads labelled or filed as versions ("CFBundleShortVersionString",
			// an "os_build" column, "firmware shows 8.18.155.237").
			Reject: ipVersionWords,
			Examples: []string{
				"authenticated from 52.201.82.190",
				`{"msg":"login ok\n52.201.82.190"}`,
				"104.125.193.214 - - [12/Mar/2024:05:31:56 +0000]",
				`"last_login_ip": "70.1.226.214",`,
				"DHCPACK on 78.247.192.127 to dc:a6:32:48:21:c9",
				"upstream 142.74.175.4:443 timed out",
				"GET http://185.199.108.153/index.html",
				"allow 185.199.108.0/22",
			},
			Negatives: []string{
				"host=10.209.145.112",            // private
				"Reserved test IPs 203.0.113.25", // documentation
				"loopback 127.0.0.1",             // loopback
				"reject 979.100.231.199.",        // octet out of range
				"oid=1.3.6.1.4.1.10319.3.39",     // OID
				"Build 4.2.11.3",                 // build version
				`"build":"1.8.30.112"`,           // version label
				"v52.201.82.190",                 // version prefix
				"version 52.201.82.190",          // version label
				"multicast 224.0.0.251",          // multicast
				"link-local 169.254.10.20",       // link-local
				"release 52.201.82.190.7",        // five parts
				"CGNAT 100.64.1.2",               // shared address space
			},
		},
		{
			// Dotted quads whose first parts are small ("2.5.15.182") are
			// more often versions than addresses; report them with context.
			ID:       "ip_address_v4_versionlike",
			Type:     "IP_ADDRESS",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 4, Max: 9, Shape: shapeIPv4Addr(ipv4VersionLikePublic)}, // <= 16.16.32.255; a joined neighbour hides a version anyway
			Before:   24, After: 24,
			Pattern:       ipv4Pattern,
			Group:         1,
			Validator:     cExact(ipv4Core, ipv4VersionLikePublic),
			ValidatorName: "ipv4_public",
			Confidence:    0.4,
			Need:          detector.ContextHelps,
			Context:       ipContext,
			Examples: []string{
				"DNS server 8.8.8.8",
				"I'm connecting from 1.2.3.40 today",
				"client ip: 9.9.9.9",
			},
			Negatives: []string{
				"device,fw_version\nab42,2.6.4.167", // version-like, no context
				"Build 9.7.27.97",
				"ip 1.2.3",
			},
		},
		{
			ID:            "ip_address_v6",
			Type:          "IP_ADDRESS",
			Category:      detector.PII,
			Keywords:      ipv6Keywords(),
			Before:        2,
			After:         48,
			Pattern:       ipv6Pattern,
			Group:         1,
			Validator:     ipv6Public,
			ValidatorName: "ipv6_public",
			Confidence:    0.85,
			Need:          detector.ContextNo,
			Context:       ipContext,
			Examples: []string{
				"connecting from 2804:65e8:a461:7496:d03a:23b7:4454:a556",
				"2a01:6c9:3117:79e0::22ff:bb46 - - [12/Mar/2024]",
				"from 2607:f4c1:e2::2869 now",
				"client [2001:470:586a::a976]:443",
				"[php:error] [pid 71213] [client 2632:5c93:9d80::e652:5fa8:10261] PHP Warning", // port
				"[client 2003:1884:b366:51e2:87ee:a14c:13f1:b4d0:60143] AH01630",               // port
				"    extra_hosts:\n      - \"legacy:2c0f:de20:3a4b::c0e0:af3c\"",               // host:address
				"[client 2003:f220:7c1a:9e0b:5d21:aa10:3c2e:1d40]:1294",
			},
			Negatives: []string{
				"doc 2001:db8::8a2e:370:7334",             // documentation
				"2001:0db8:85a3:0000:0000:8a2e:0370:7334", // documentation, full
				"loopback ::1",
				"link fe80::1ff:fe23:4567:890a",     // link-local
				"2a01:6c9:3117:79e0:1:2:3:4:5",      // nine groups
				"2a01:6c9:3117:79e0::22ff:bb46g",    // glued letter
				"2a01:6c9:3117:79e0:1:2:3:4:123456", // nine groups, not a port
				"legacy:2001:db8::8a2e:370:7334",    // documentation, after a host name
			},
		},
		{
			// A full eight-group address and a port, unbracketed (Apache
			// error logs: "[client 240c:a189:b65a:4716:be0b:a0ff:5a09:9715:8460]").
			// Nine groups are never one address, so a four- or five-digit
			// decimal ninth group is a port.
			ID:            "ip_address_v6_port",
			Type:          "IP_ADDRESS",
			Category:      detector.PII,
			Keywords:      ipv6Keywords(),
			Before:        2,
			After:         56,
			Pattern:       ipv6Lead + `([0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){7}):[1-9][0-9]{3,4}\b`,
			Group:         1,
			Validator:     ipv6Public,
			ValidatorName: "ipv6_public",
			Confidence:    0.85,
			Need:          detector.ContextNo,
			Context:       ipContext,
			Examples: []string{
				"[client 240c:a189:b65a:4716:be0b:a0ff:5a09:9715:8460] PHP Warning",
			},
			Negatives: []string{
				"2a01:6c9:3117:79e0:1:2:3:4:5",                // nine groups
				"2001:db8:85a3:0:0:8a2e:370:7334:8460",        // documentation
				"240c:a189:b65a:4716:be0b:a0ff:5a09:9715:846", // three digits
			},
		},
		{
			ID:       "mac_address",
			Type:     "MAC_ADDRESS",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 2, Max: 32, Shape: shapeMAC(2)},
			Before:   20, After: 20,
			Pattern: `(?:^|[^0-9A-Za-z_:.\-]|\\[nrt])((?:` + macCoreSix + `)(?:[:.\-][0-9A-Za-z_]+)*)\b`,
			Group:   1,
			Validator: cExact(macCoreSix, func(v []byte) bool {
				d := make([]byte, 0, 12)
				for _, c := range v {
					if c != ':' && c != '-' && c != '.' {
						d = append(d, c|0x20)
					}
				}
				return !cAllSame(d) && string(d) != "ffffffffffff"
			}),
			ValidatorName: "mac_format",
			Confidence:    0.65,
			Need:          detector.ContextHelps,
			Context:       macContext,
			Placeholders:  []string{"00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", "01:23:45:67:89:ab", "00:11:22:33:44:55"},
			Examples: []string{
				"mac b8:27:eb:e3:c9:1a seen",
				"00-1A-11-3F-E4-14",
				`"wifi_mac":"E4:5F:01:7C:E3:93"`,
				"DHCPACK on 1.2.3.4 to dc:a6:32:48:21:c9 via eth0",
				"hw_mac=b8:27:eb:e3:c9:1a",
			},
			Negatives: []string{
				"b8:27:eb:e3:c9",           // five octets
				"b8:27:eb:e3:c9:1a:ff",     // seven octets
				"b8:27:eb-e3:c9:1a",        // mixed separators
				"12:34:56 and 78:90",       // times
				"mac 00:00:00:00:00:00",    // placeholder
				"2a01:6c9:3117:79e0::22ff", // IPv6
				"0a1b.2c3d.4e5f",           // Cisco dotted needs context (mac_address_dotted)
			},
		},
		{
			// Cisco dotted MACs ("0458.41ab.94ed"): three groups of four hex
			// digits also spell serials, versions and part numbers, so a
			// MAC word (or a key like "hwaddr=", an interface listing) must
			// be near.
			ID:       "mac_address_dotted",
			Type:     "MAC_ADDRESS",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 2, Max: 32, Shape: shapeMAC(4)},
			Before:   20, After: 20,
			Pattern:       `(?:^|[^0-9A-Za-z_:.\-]|\\[nrt])((?:` + macCoreDotted + `)(?:[:.\-][0-9A-Za-z_]+)*)\b`,
			Group:         1,
			Validator:     cExact(macCoreDotted, macNotTrivial),
			ValidatorName: "mac_format",
			Confidence:    0.6,
			Need:          detector.ContextRequired,
			Context: append(append([]string{}, macContext...), "interface", "arp", "vlan", "address-table",
				"mac-address", "port-security", "sticky", "hardware address", "hardware addr",
				"dhcp", "dhcpd", "dhcpack", "dhcpoffer", "dhcprequest", "dhcpdiscover", "dhcpinform", "lease",
				// rows of "show mac address-table": "30  5ccf.7f8c.8d5f  DYNAMIC  Gi1/0/1"
				"dynamic", "static", "gi1/0", "fa0/", "te1/0", "vlan"),
			Reject:       []string{"serial", "part", "version", "build", "sku", "model"},
			Placeholders: []string{"0000.0000.0000", "ffff.ffff.ffff", "0123.4567.89ab"},
			Examples: []string{
				"interface 0a1b.2c3d.4e5f up",
				"hwaddr=0458.41ab.94ed",
				"macaddr 0458.41ab.94ed",
				"dhcpd[4617]: DHCPACK on 10.0.3.24 to e0f2.d6ac.a6c0 (DESKTOP-7Q2) via eth1",
				"Vlan    Mac Address       Type\n  10    0458.41ab.94ed    DYNAMIC",
			},
			Negatives: []string{
				"ref 0458.41ab.94ed shipped", // no context
				"serial 0458.41ab.94ed",      // a serial label
				"mac 0458.41ab.94ed.1f",      // four groups
				"mac address ffff.ffff.ffff", // broadcast
			},
		},
	}
}

// macCoreSix: six hex octets joined by ':' or '-' (reported without
// context); macCoreDotted: Cisco's three groups of four (context required).
const (
	macCoreSix    = `[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}`
	macCoreDotted = `[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}`
)

// macNotTrivial refuses all-same digits and the broadcast address.
func macNotTrivial(v []byte) bool {
	d := make([]byte, 0, 12)
	for _, c := range v {
		if c != ':' && c != '-' && c != '.' {
			d = append(d, c|0x20)
		}
	}
	return !cAllSame(d) && string(d) != "ffffffffffff"
}

// ipv4Public parses a dotted quad (no leading zeros, octets <= 255) and
// reports whether it is public unicast: not private, loopback, link-local,
// multicast, unspecified, shared (CGNAT), documentation, benchmarking,
// IETF protocol assignments, reserved (240/4) or broadcast.
// ipv4Address reports whether v is a public IPv4 address that does not look
// like a version number (ip_address_v4).
func ipv4Address(v []byte) bool { return ipv4Public(v) && !ipv4VersionLike(v) }

// ipv4VersionLikePublic reports whether v is a public IPv4 address with
// small first parts, as versions have (ip_address_v4_versionlike).
func ipv4VersionLikePublic(v []byte) bool { return ipv4Public(v) && ipv4VersionLike(v) }

func ipv4Public(v []byte) bool {
	a, err := netip.ParseAddr(string(v))
	if err != nil || !a.Is4() {
		return false
	}
	return ipPublic(a)
}

var ipv4Reserved = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("192.88.99.0/24"),
}

var ipv6Reserved = []netip.Prefix{
	netip.MustParsePrefix("2001:db8::/32"), // documentation
	netip.MustParsePrefix("3fff::/20"),     // documentation (RFC 9637)
	netip.MustParsePrefix("2001::/23"),     // IETF protocol assignments
	netip.MustParsePrefix("2002::/16"),     // 6to4
	netip.MustParsePrefix("64:ff9b::/96"),  // NAT64
	netip.MustParsePrefix("100::/64"),      // discard
	netip.MustParsePrefix("2001:20::/28"),  // ORCHIDv2
}

func ipPublic(a netip.Addr) bool {
	if !a.IsGlobalUnicast() || a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() ||
		a.IsMulticast() || a.IsUnspecified() {
		return false
	}
	list := ipv4Reserved
	if a.Is6() {
		if a.Is4In6() {
			return false
		}
		list = ipv6Reserved
	}
	for _, p := range list {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// ipv4VersionLike: small leading parts (<= 16, 16, 32), the shape of build
// and firmware versions ("2.5.15.182", "10.1.11.32", "14.3.1.144"); about
// one random public address in 1000 has it.
func ipv4VersionLike(v []byte) bool {
	var parts [4]int
	i := 0
	for _, c := range v {
		if c == '.' {
			i++
			if i > 3 {
				return false
			}
			continue
		}
		parts[i] = parts[i]*10 + int(c-'0')
	}
	return parts[0] <= 16 && parts[1] <= 16 && parts[2] <= 32
}

// ipv6Public parses an IPv6 address and reports whether it is public
// unicast (see ipPublic).
func ipv6Public(v []byte) bool {
	a, err := netip.ParseAddr(string(v))
	if err != nil || !a.Is6() || a.Zone() != "" {
		return false
	}
	return ipPublic(a)
}
