package checksum

import (
	"strings"
	"testing"
)

func TestJWT(t *testing.T) {
	const jwtIO = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
	sig := b64url(strings.Repeat("s", 32))
	huge := jwtMake(`{"alg":"HS256"}`, `{"d":"`+strings.Repeat("x", 13000)+`"}`, sig)
	runCases(t, "JWT", JWT, []vcase{
		{jwtIO, true}, // the jwt.io sample token
		{jwtMake(`{"alg":"RS256","typ":"JWT","kid":"k1"}`, `{"sub":"1","n":-1.5e3,"ok":true,"x":null,"a":[1,{"b":"\u00e9\n"}]}`, sig), true},
		{jwtMake(` { "typ" : "JWT" , "alg" : "ES256" } `, `{}`, sig), true},
		{jwtMake(`{"alg":"none"}`, `{"sub":"1"}`, ""), true}, // unsecured JWT
		{jwtMake(`{"alg":"HS256"}`, `{"sub":"1"}`, sig+"="), true},
		{b64url(`{"alg":"HS256"}`) + "==." + b64url(`{"a":1}`) + "." + sig, true},

		{"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ", false}, // two segments
		{"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", false},
		{jwtIO + ".abc", false},                                // four segments
		{jwtMake(`{"alg":"HS256"}`, `{"sub":"1"}`, ""), false}, // empty signature needs alg none
		{jwtMake(`{"typ":"JWT"}`, `{"sub":"1"}`, sig), false},  // no alg
		{jwtMake(`{"alg":256}`, `{"sub":"1"}`, sig), false},    // alg not a string
		{jwtMake(`{"x":{"alg":"HS256"}}`, `{"sub":"1"}`, sig), false},
		{jwtMake(`["alg","HS256"]`, `{"sub":"1"}`, sig), false},
		{jwtMake(`{"alg":"HS256"}`, `["sub"]`, sig), false},
		{jwtMake(`{"alg":"HS256"}`, `"sub"`, sig), false},
		{jwtMake(`{"alg":"HS256"}`, `{"sub":"1"`, sig), false},
		{jwtMake(`{"alg":"HS256"}`, `{"sub":"1",}`, sig), false},
		{jwtMake(`{"alg":"HS256"}`, `{"sub":01}`, sig), false},
		{jwtMake(`{"alg":"HS256"}`, `{"sub":"a`+"\x01"+`"}`, sig), false},
		{jwtMake(`{"alg":"HS256"}`, `{"sub":"\x"}`, sig), false},
		{jwtMake(`{"alg":"HS256"}`, `{"sub":1} x`, sig), false},
		{jwtMake(`{"alg":"HS256"}`, strings.Repeat("[", 100)+strings.Repeat("]", 100), sig), false},
		{jwtMake(`{"alg":"HS256"}`, `{"a":`+strings.Repeat("[", 100)+strings.Repeat("]", 100)+`}`, sig), false}, // depth limit
		{jwtMake(`{"alg":"HS256"}`, `{"sub":"1"}`, sig+"!"), false},
		{strings.Replace(jwtIO, "eyJzdWIi", "eyJzdWIi+", 1), false}, // std alphabet
		{"." + jwtIO, false},
		{huge, false}, // over 16 KiB
		{"a.b.c", false},
		{"..", false},
		{"", false},
	})
}

// TestJWTSizeBoundary pins the size limit: a token of exactly 16 KiB is
// still examined.
func TestJWTSizeBoundary(t *testing.T) {
	sig := b64url(strings.Repeat("s", 32))
	mk := func(n int) string { return jwtMake(`{"alg":"HS256"}`, `{"d":"`+strings.Repeat("x", n)+`"}`, sig) }
	n := 12000 // just below the limit; step up to it
	if len(mk(n)) > jwtMaxLen {
		t.Fatal("start too large")
	}
	for len(mk(n+1)) <= jwtMaxLen {
		n++
	}
	if v := mk(n); !JWT([]byte(v)) {
		t.Errorf("JWT of %d bytes = false", len(v))
	}
	if v := mk(n + 3); JWT([]byte(v)) {
		t.Errorf("JWT of %d bytes = true", len(v))
	}
}
