package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/custom"
	"github.com/weir-dev/weir/classifiers/detector"
)

// Environment variables that carry secrets. Keys are never flag values: a
// flag shows up in ps(1) output and shell history.
const (
	envFingerprintKey     = "WEIR_FINGERPRINT_KEY"
	envFingerprintKeyFile = "WEIR_FINGERPRINT_KEY_FILE"
)

// engineFlags are the flags every scanning command shares.
type engineFlags struct {
	minConfidence float64
	types         string
	detectors     string
}

func (f *engineFlags) register(fs *flag.FlagSet) {
	fs.Float64Var(&f.minConfidence, "min-confidence", classifiers.DefaultMinConfidence,
		"report findings with at least this confidence (0..1)")
	fs.StringVar(&f.types, "types", "", "comma-separated TAXONOMY types to detect (default: all)")
	fs.StringVar(&f.detectors, "detectors", "", "YAML `FILE` of custom detectors, added to the built-in catalogue")
}

// specs returns the built-in catalogue plus the custom detectors of --detectors.
func (f *engineFlags) specs() ([]detector.Spec, error) {
	specs := classifiers.All()
	if f.detectors == "" {
		return specs, nil
	}
	extra, err := custom.Load(f.detectors)
	if err != nil {
		return nil, err
	}
	ids := make(map[string]bool, len(specs))
	for _, s := range specs {
		ids[s.ID] = true
	}
	for _, s := range extra {
		if ids[s.ID] {
			return nil, fmt.Errorf("%s: detector %q: id already used by a built-in detector", f.detectors, s.ID)
		}
	}
	return append(specs, extra...), nil
}

// engine compiles the detectors selected by the flags, keyed from getenv.
func (f *engineFlags) engine(getenv getenvFunc) (*classifiers.Engine, error) {
	if f.minConfidence < 0 || f.minConfidence > 1 {
		return nil, fmt.Errorf("--min-confidence %v outside [0,1]", f.minConfidence)
	}
	specs, err := f.specs()
	if err != nil {
		return nil, err
	}
	types, err := parseTypes(f.types, specs)
	if err != nil {
		return nil, err
	}
	key, err := secretFromEnv(getenv, envFingerprintKey, envFingerprintKeyFile)
	if err != nil {
		return nil, err
	}
	min := f.minConfidence
	if min == 0 {
		// Config treats 0 as "default"; the smallest positive value keeps
		// the user's "report everything" meaning.
		min = 1e-9
	}
	return classifiers.New(specs, classifiers.Config{MinConfidence: min, FingerprintKey: key, Types: types})
}

// parseTypes splits a comma list and rejects names no detector reports, so a
// typo cannot silently disable detection.
func parseTypes(list string, specs []detector.Spec) ([]string, error) {
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	known := map[string]bool{}
	for _, s := range specs {
		known[s.Type] = true
	}
	var out, unknown []string
	for _, t := range strings.Split(list, ",") {
		t = strings.ToUpper(strings.TrimSpace(t))
		if t == "" {
			continue
		}
		if !known[t] && len(specs) > 0 {
			unknown = append(unknown, t)
		}
		out = append(out, t)
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("--types: unknown type(s) %s (see 'weir detectors')", strings.Join(unknown, ", "))
	}
	return out, nil
}

// secretFromEnv returns the value of env, or the contents of the file named
// by fileEnv (one trailing newline trimmed). Both set is an error; neither
// set returns nil.
func secretFromEnv(getenv getenvFunc, env, fileEnv string) ([]byte, error) {
	v, file := getenv(env), getenv(fileEnv)
	switch {
	case v != "" && file != "":
		return nil, fmt.Errorf("set %s or %s, not both", env, fileEnv)
	case v != "":
		return []byte(v), nil
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fileEnv, err)
		}
		b = bytes.TrimSuffix(bytes.TrimSuffix(b, []byte("\n")), []byte("\r"))
		if len(b) == 0 {
			return nil, errors.New(fileEnv + ": file is empty")
		}
		return b, nil
	}
	return nil, nil
}
