// Package httpx holds small net/http helpers shared by weir's HTTP servers
// (the webhook and the vector-DB proxy).
package httpx

import "net/http"

// StatusWriter is a ResponseWriter that records the status written (200 when
// the handler writes a body without a header).
type StatusWriter struct {
	http.ResponseWriter
	Status int
}

// WriteHeader records code and passes it on.
func (s *StatusWriter) WriteHeader(code int) {
	if s.Status == 0 {
		s.Status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200 and passes b on.
func (s *StatusWriter) Write(b []byte) (int, error) {
	if s.Status == 0 {
		s.Status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap returns the underlying ResponseWriter (for http.ResponseController).
func (s *StatusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }
