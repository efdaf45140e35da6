package main

import "testing"

func TestPlacement(t *testing.T) {
	text := "line one\nkey = \"héllo\" token=ghp_abc\nghp_abc again\n"
	starts := lineStarts(text)
	// gitleaks reports 1-based lines and columns.
	pos := offset(starts, len(text), 2, 22)
	if text[pos:pos+7] != "ghp_abc" {
		t.Fatalf("offset(2, 22) = %d: %q", pos, text[pos:])
	}
	// Off by a couple of bytes (columns in a line with multi-byte runes), the
	// nearest occurrence is still the right one, not the one on line 3.
	if got, ok := nearest(text, "ghp_abc", pos-2); !ok || got != pos {
		t.Fatalf("nearest = %d, %v; want %d", got, ok, pos)
	}
	if _, ok := nearest(text, "absent", 0); ok {
		t.Fatal("found an absent string")
	}
	if got := offset(starts, len(text), 99, 1); got != len(text) {
		t.Fatalf("offset past the end = %d", got)
	}
	if fileName("s3://b/k?v=1#L2") != "s3___b_k_v_1_L2" {
		t.Fatalf("fileName = %q", fileName("s3://b/k?v=1#L2"))
	}
}
