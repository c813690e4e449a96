package browser

import (
	"fmt"
	"os"
	"time"
)

// closeWait is how long closing waits for the browser's processes to go.
const closeWait = 5 * time.Second

// waitGone waits until none of pids runs, at most d.
func waitGone(pids []int, d time.Duration) error {
	deadline := time.Now().Add(d)
	for {
		var left []int
		for _, p := range pids {
			if alive(p) {
				left = append(left, p)
			}
		}
		if len(left) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("browser: processes %v still run %v after being killed", left, d)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// removeAll deletes path and everything in it, trying again for a while:
// Windows keeps a killed process's files open for a moment.
func removeAll(path string) error {
	var err error
	for i := range 10 {
		if err = os.RemoveAll(path); err == nil {
			return nil
		}
		time.Sleep(time.Duration(i+1) * 50 * time.Millisecond)
	}
	return fmt.Errorf("browser: delete %s: %w", path, err)
}
