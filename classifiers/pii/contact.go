package pii

import "github.com/weir-dev/weir/classifiers/detector"

func contactSpecs() []detector.Spec { return nil } // TODO(pii-a helper)
