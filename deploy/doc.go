// Package deploy holds weir's deployment artifacts and their tests: the
// container image (Dockerfile), the Helm chart (helm/weir), the compose file
// for a laptop trial (compose.yaml) and the Grafana dashboard
// (grafana/weir.json). It has no Go code of its own; the tests check the
// artifacts against the code: metric names, configuration keys, flags.
package deploy
