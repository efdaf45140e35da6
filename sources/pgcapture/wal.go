package pgcapture

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// LSN is a PostgreSQL WAL position.
type LSN uint64

// String formats l as PostgreSQL does (e.g. "16/B374D848").
func (l LSN) String() string { return fmt.Sprintf("%X/%X", uint32(l>>32), uint32(l)) }

// ParseLSN parses "HI/LO" hexadecimal.
func ParseLSN(s string) (LSN, error) {
	var hi, lo uint32
	if _, err := fmt.Sscanf(s, "%X/%X", &hi, &lo); err != nil {
		return 0, fmt.Errorf("pgcapture: bad LSN %q", s)
	}
	return LSN(uint64(hi)<<32 | uint64(lo)), nil
}

// errShort is returned for a message shorter than its fields.
var errShort = errors.New("pgcapture: message too short")

// pgEpoch is the PostgreSQL timestamp epoch (2000-01-01 UTC); protocol
// timestamps are microseconds since it.
var pgEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func pgTime(us int64) time.Time { return pgEpoch.Add(time.Duration(us) * time.Microsecond) }

func toPgTime(t time.Time) int64 { return t.Sub(pgEpoch).Microseconds() }

// xlogData is a CopyData 'w' message: WAL data starting at walStart.
type xlogData struct {
	walStart, walEnd LSN
	data             []byte
}

func parseXLogData(b []byte) (xlogData, error) {
	if len(b) < 24 {
		return xlogData{}, errShort
	}
	return xlogData{walStart: LSN(binary.BigEndian.Uint64(b)), walEnd: LSN(binary.BigEndian.Uint64(b[8:])), data: b[24:]}, nil
}

// keepalive is a CopyData 'k' message.
type keepalive struct {
	walEnd LSN
	reply  bool
}

func parseKeepalive(b []byte) (keepalive, error) {
	if len(b) < 17 {
		return keepalive{}, errShort
	}
	return keepalive{walEnd: LSN(binary.BigEndian.Uint64(b)), reply: b[16] != 0}, nil
}

// standbyStatus encodes a Standby Status Update ('r'): written, flushed
// and applied positions. The server moves a logical slot's
// confirmed_flush_lsn to flushed.
func standbyStatus(written, flushed LSN, now time.Time) []byte {
	b := make([]byte, 34)
	b[0] = 'r'
	binary.BigEndian.PutUint64(b[1:], uint64(written))
	binary.BigEndian.PutUint64(b[9:], uint64(flushed))
	binary.BigEndian.PutUint64(b[17:], uint64(flushed))
	binary.BigEndian.PutUint64(b[25:], uint64(toPgTime(now)))
	b[33] = 0
	return b
}
