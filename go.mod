module github.com/weir-dev/weir

go 1.26.8

require (
	github.com/wasilibs/go-re2 v1.13.0 // indirect
	golang.org/x/crypto v0.58.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
