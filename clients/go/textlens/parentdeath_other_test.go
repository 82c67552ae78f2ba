//go:build !linux

package textlens

import "os/exec"

// setParentDeathSignal does nothing where Linux's parent death signal is
// not available.
func setParentDeathSignal(*exec.Cmd) {}
