package glob

import "testing"

func TestCompile(t *testing.T) {
	tests := []struct {
		glob, s string
		want    bool
	}{
		{"s3://training/*", "s3://training/tickets/a.jsonl", true},
		{"s3://training/*", "s3://training2/x", false},
		{"mlflow://prod/model-?", "mlflow://prod/model-a", true},
		{"mlflow://prod/model-?", "mlflow://prod/model-ab", false},
		{"a.b", "axb", false}, // '.' is literal
		{"qdrant://*", "qdrant://host:6333/kb", true},
	}
	for _, tc := range tests {
		if got := Compile(tc.glob).MatchString(tc.s); got != tc.want {
			t.Errorf("Compile(%q).MatchString(%q) = %v, want %v", tc.glob, tc.s, got, tc.want)
		}
	}
}
