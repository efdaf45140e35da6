package pii

import "github.com/weir-dev/weir/classifiers/detector"

func nationalSpecs() []detector.Spec { return nil } // TODO(pii-b helper)
