package main

import (
	"bufio"
	"io"
	"os"
)

// openIn returns the file named path, or stdin when path is "" or "-".
func openIn(path string, stdin io.Reader) (io.Reader, func() error, error) {
	if path == "" || path == "-" {
		return stdin, func() error { return nil }, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

// output is a buffered stdout or file; close flushes and reports the first
// write error, so a full disk is never a silent success.
type output struct {
	*bufio.Writer
	f *os.File
}

// openOut creates the file named path, or uses stdout when path is "" or "-".
func openOut(path string, stdout io.Writer) (*output, error) {
	if path == "" || path == "-" {
		return &output{Writer: bufio.NewWriterSize(stdout, 1<<20)}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return &output{Writer: bufio.NewWriterSize(f, 1<<20), f: f}, nil
}

func (o *output) close() error {
	err := o.Flush()
	if o.f != nil {
		if cerr := o.f.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// openInOut opens the input (file or stdin) and the output (file or
// stdout) of a filter command. On success the caller must call closeIn and
// w.close; on error nothing is left open.
func openInOut(in, out string, stdin io.Reader, stdout io.Writer) (r io.Reader, w *output, closeIn func() error, err error) {
	r, closeIn, err = openIn(in, stdin)
	if err != nil {
		return nil, nil, nil, err
	}
	w, err = openOut(out, stdout)
	if err != nil {
		closeIn()
		return nil, nil, nil, err
	}
	return r, w, closeIn, nil
}
