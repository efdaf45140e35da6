package main

import (
	"errors"
	"flag"
	"fmt"
)

// envConfig names the configuration file when --config is not given.
const envConfig = "WEIR_CONFIG"

// setting is the effective value of one key and where it came from.
type setting struct {
	key    confKey
	value  string
	source string // "flag --x", "env WEIR_X", "FILE:LINE" or "default"
}

// applyConfig merges the configuration file at path (none if empty) and the
// environment into fs: a key's environment variable wins over the file, and
// a flag given on the command line wins over both. Keys without a flag
// (Kafka TLS and SASL, key files) are returned through the getenv it
// returns: their checked, normalized value from the environment or else the
// file, and the real environment for every other variable. It
// also returns the effective settings, in key order.
func applyConfig(fs *flag.FlagSet, path string, getenv getenvFunc) (getenvFunc, []setting, error) {
	file := map[string]confValue{}
	if path != "" {
		var err error
		if file, err = readConfigFile(path); err != nil {
			return nil, nil, err
		}
	}
	explicit := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { explicit[f.Name] = true })
	overlay := map[string]string{}
	var out []setting
	var errs []error
	for _, k := range configKeys() {
		env := k.env()
		var v *confValue
		if s := getenv(env); s != "" {
			cv, err := checkValue(k, s)
			if err != nil {
				errs = append(errs, &confError{Key: env, Err: err})
				continue
			}
			cv.source = "env " + env
			v = &cv
		} else if cv, ok := file[k.path]; ok {
			v = &cv
		}
		if k.flag == "" {
			st := setting{key: k, source: "default"}
			if v != nil {
				st.value, st.source = v.value, v.source
				overlay[env] = v.value // normalized: "T" reads as "true"
			}
			out = append(out, st)
			continue
		}
		fl := fs.Lookup(k.flag)
		if fl == nil {
			return nil, nil, fmt.Errorf("config: key %s: no flag --%s", k.path, k.flag)
		}
		switch {
		case explicit[k.flag]:
			out = append(out, setting{key: k, value: fl.Value.String(), source: "flag --" + k.flag})
			continue
		case v == nil:
			out = append(out, setting{key: k, value: fl.DefValue, source: "default"})
			continue
		}
		items := []string{v.value}
		if k.kind == kMap {
			items = v.items
		}
		for _, it := range items {
			if err := fs.Set(k.flag, it); err != nil {
				errs = append(errs, fmt.Errorf("%s: %s: %w", v.source, k.path, err))
			}
		}
		out = append(out, setting{key: k, value: v.value, source: v.source})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	wrapped := func(name string) string {
		if s, ok := overlay[name]; ok {
			return s
		}
		return getenv(name)
	}
	return wrapped, out, nil
}
