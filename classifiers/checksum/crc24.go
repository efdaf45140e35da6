package checksum

// crc24Table is the byte-wise table for the OpenPGP CRC-24 (RFC 4880
// section 6.1: polynomial 0x1864CFB, initial value 0xB704CE).
var crc24Table = func() (t [256]uint32) {
	for i := range t {
		c := uint32(i) << 16
		for range 8 {
			c <<= 1
			if c&0x1000000 != 0 {
				c ^= 0x1864CFB
			}
		}
		t[i] = c & 0xFFFFFF
	}
	return t
}()

// CRC24 returns the OpenPGP CRC-24 of data (the checksum written as "=XXXX"
// in ASCII armor).
func CRC24(data []byte) uint32 {
	return crc24Update(0xB704CE, data)
}

func crc24Update(crc uint32, data []byte) uint32 {
	for _, b := range data {
		crc = (crc<<8 ^ crc24Table[byte(crc>>16)^b]) & 0xFFFFFF
	}
	return crc
}
