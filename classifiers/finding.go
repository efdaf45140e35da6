package classifiers

// Finding is one detected value (DESIGN.md contract). Start and End are byte
// offsets into the scanned text, End exclusive. The raw value is never held:
// Fingerprint is a keyed HMAC-SHA256 of it and Preview is masked.
type Finding struct {
	Type        string  `json:"type"`
	Category    string  `json:"category"`
	Start       int     `json:"start"`
	End         int     `json:"end"`
	Confidence  float64 `json:"confidence"`
	Detector    string  `json:"detector"`
	Validator   string  `json:"validator,omitempty"`
	Fingerprint string  `json:"fingerprint"`
	Preview     string  `json:"preview"`
}
