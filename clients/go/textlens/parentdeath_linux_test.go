package textlens

import (
	"os/exec"
	"syscall"
)

// setParentDeathSignal has the server killed if the test binary dies
// without stopping it (a panic, a test timeout).
func setParentDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
