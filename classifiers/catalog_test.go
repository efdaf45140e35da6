package classifiers

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/weir-dev/weir/classifiers/detector"
)

// catalogEngine returns the engine over the built-in catalogue, compiled
// once per test binary (compiling takes seconds under -race). Tests must
// not set its observe hook.
func catalogEngine(t testing.TB) *Engine {
	t.Helper()
	shared.once.Do(func() { shared.e, shared.err = New(All(), Config{}) })
	if shared.err != nil {
		t.Fatalf("catalogue does not compile: %v", shared.err)
	}
	return shared.e
}

var shared struct {
	once sync.Once
	e    *Engine
	err  error
}

// TestRegistry walks the catalogue: valid specs, TAXONOMY types and
// categories, examples found and negatives not found by the full engine.
// Adding a detector needs no new test code.
func TestRegistry(t *testing.T) {
	e := catalogEngine(t)
	for _, s := range e.Specs() {
		t.Run(s.ID, func(t *testing.T) {
			cat, ok := TypeCategory(s.Type)
			if !ok {
				t.Fatalf("type %q is not in TAXONOMY", s.Type)
			}
			if cat != string(s.Category) {
				t.Fatalf("type %s has category %s, TAXONOMY says %s", s.Type, s.Category, cat)
			}
			if len(s.Examples) == 0 || len(s.Negatives) == 0 {
				t.Errorf("needs examples and negatives (has %d, %d)", len(s.Examples), len(s.Negatives))
			}
			for _, ex := range s.Examples {
				if !hasType(e.Scan([]byte(ex)), s.Type) {
					t.Errorf("example not detected as %s: %q", s.Type, ex)
				}
			}
			for _, ex := range s.Negatives {
				for _, f := range e.Scan([]byte(ex)) {
					if f.Type == s.Type {
						t.Errorf("negative detected as %s (%s, %.2f): %q", s.Type, f.Detector, f.Confidence, ex)
					}
				}
			}
		})
	}
}

func hasType(fs []Finding, typ string) bool {
	for _, f := range fs {
		if f.Type == typ {
			return true
		}
	}
	return false
}

// TestCatalogueCoversTaxonomy checks every TAXONOMY type has a detector, and
// that the embedded type list matches ../shared/TAXONOMY.md when present.
func TestCatalogueCoversTaxonomy(t *testing.T) {
	have := map[string]bool{}
	for _, s := range All() {
		have[s.Type] = true
	}
	for _, typ := range Types() {
		if !have[typ] {
			t.Errorf("no detector for %s", typ)
		}
	}
	path := filepath.Join("..", "..", "shared", "TAXONOMY.md")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("TAXONOMY.md not found at %s: %v", path, err)
	}
	defer f.Close()
	row := regexp.MustCompile("^\\| `([A-Z0-9_]+)` \\|")
	doc := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := row.FindStringSubmatch(sc.Text()); m != nil {
			doc[m[1]] = true
		}
	}
	for typ := range doc {
		if _, ok := TypeCategory(typ); !ok {
			t.Errorf("TAXONOMY.md has %s, the embedded list does not", typ)
		}
	}
	if len(doc) != len(Types()) {
		t.Errorf("TAXONOMY.md lists %d types, embedded list %d", len(doc), len(Types()))
	}
}

// TestEverySpecIsRouted checks every spec has a trigger and no keyword is so
// short or common that it fires on ordinary prose.
func TestEverySpecIsRouted(t *testing.T) {
	for _, s := range All() {
		if len(s.Keywords) == 0 && s.Digits == nil && s.Need != detector.ContextColumn {
			t.Errorf("%s: no keyword, no digit trigger and no column trigger", s.ID)
		}
		for _, k := range s.Keywords {
			if len(strings.TrimSpace(k)) < 2 && k != "@" {
				t.Errorf("%s: keyword %q too short to prefilter", s.ID, k)
			}
		}
	}
}
