//go:build race

package server

// raceEnabled: allocation counts are meaningless under -race.
const raceEnabled = true
