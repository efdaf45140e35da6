package httpx

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestStatusWriter(t *testing.T) {
	rec := httptest.NewRecorder()
	sw := &StatusWriter{ResponseWriter: rec}
	if _, err := sw.Write([]byte("ok")); err != nil {
		t.Fatal(err)
	}
	if sw.Status != http.StatusOK || rec.Code != http.StatusOK {
		t.Fatalf("implicit status %d / %d", sw.Status, rec.Code)
	}
	rec = httptest.NewRecorder()
	sw = &StatusWriter{ResponseWriter: rec}
	sw.WriteHeader(http.StatusTeapot)
	sw.WriteHeader(http.StatusOK) // a second call does not change the record
	if sw.Status != http.StatusTeapot {
		t.Fatalf("status %d", sw.Status)
	}
	if sw.Unwrap() != rec {
		t.Fatal("Unwrap")
	}
}
