package browser

import (
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

// prepare does nothing on Windows: the job object is made after the start.
func prepare(*exec.Cmd) {}

// job is a Windows job object holding the browser's processes: its
// children join it, terminating it ends them all, and closing its last
// handle too — so the browser dies with the kiosk, however the kiosk ends.
type job struct {
	h windows.Handle
}

// newJob puts the process pid, just started, in a new job object that
// kills its processes when closed.
func newJob(pid int) (*job, error) {
	h, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return nil, fmt.Errorf("browser: job object: %w", err)
	}
	var info windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
	info.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
	_, err = windows.SetInformationJobObject(h, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info)))
	if err == nil {
		var p windows.Handle
		p, err = windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, uint32(pid))
		if err == nil {
			err = windows.AssignProcessToJobObject(h, p)
			if cerr := windows.CloseHandle(p); err == nil {
				err = cerr
			}
		}
	}
	if err != nil {
		if cerr := windows.CloseHandle(h); cerr != nil {
			err = errors.Join(err, cerr)
		}
		return nil, fmt.Errorf("browser: job object for pid %d: %w", pid, err)
	}
	return &job{h: h}, nil
}

// terminate ends every process of the job.
func (j *job) terminate() error {
	if j == nil {
		return nil
	}
	if err := windows.TerminateJobObject(j.h, 1); err != nil {
		return fmt.Errorf("terminate job: %w", err)
	}
	return nil
}

// close lets go of the job, which ends any process still in it.
func (j *job) close() error {
	if j == nil {
		return nil
	}
	if err := windows.CloseHandle(j.h); err != nil {
		return fmt.Errorf("close job: %w", err)
	}
	return nil
}

// entry is a process in a snapshot.
type entry struct {
	pid, ppid uint32
}

// snapshot lists every process (CreateToolhelp32Snapshot).
func snapshot() ([]entry, error) {
	s, err := windows.CreateToolhelp32Snapshot(windows.TH32CS_SNAPPROCESS, 0)
	if err != nil {
		return nil, fmt.Errorf("process snapshot: %w", err)
	}
	defer windows.CloseHandle(s) //nolint:errcheck // a read-only snapshot: nothing to lose
	var pe windows.ProcessEntry32
	pe.Size = uint32(unsafe.Sizeof(pe))
	var out []entry
	for err = windows.Process32First(s, &pe); err == nil; err = windows.Process32Next(s, &pe) {
		out = append(out, entry{pid: pe.ProcessID, ppid: pe.ParentProcessID})
	}
	if !errors.Is(err, windows.ERROR_NO_MORE_FILES) {
		return out, fmt.Errorf("process snapshot: %w", err)
	}
	return out, nil
}

// created returns when pid started (100 ns since 1601), or false.
func created(pid uint32) (uint64, bool) {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, pid)
	if err != nil {
		return 0, false
	}
	defer windows.CloseHandle(h) //nolint:errcheck // a query handle
	var c, e, k, u windows.Filetime
	if err := windows.GetProcessTimes(h, &c, &e, &k, &u); err != nil {
		return 0, false
	}
	return uint64(c.HighDateTime)<<32 | uint64(c.LowDateTime), true
}

// tree returns pid, if it runs, and every descendant of it. Windows keeps
// the parent's number after the parent ended, so a process counts as a
// child only when it started after its parent.
func tree(pid int) []int {
	all, err := snapshot()
	if err != nil {
		if alive(pid) {
			return []int{pid}
		}
		return nil
	}
	children := map[uint32][]uint32{}
	found := false
	for _, e := range all {
		children[e.ppid] = append(children[e.ppid], e.pid)
		found = found || e.pid == uint32(pid)
	}
	if !found {
		return nil
	}
	out := []int{pid}
	queue := []uint32{uint32(pid)}
	seen := map[uint32]bool{uint32(pid): true}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		pc, ok := created(p)
		if !ok {
			continue
		}
		for _, c := range children[p] {
			if seen[c] || c == p {
				continue
			}
			if cc, ok := created(c); ok && cc >= pc {
				seen[c] = true
				out = append(out, int(c))
				queue = append(queue, c)
			}
		}
	}
	return out
}

// identity returns when pid started, which tells it from a later process
// given the same number; "" if it does not run.
func identity(pid int) string {
	if !alive(pid) {
		return ""
	}
	c, ok := created(uint32(pid))
	if !ok {
		return ""
	}
	return strconv.FormatUint(c, 10)
}

// alive reports whether pid runs.
func alive(pid int) bool {
	h, err := windows.OpenProcess(windows.SYNCHRONIZE|windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return errors.Is(err, windows.ERROR_ACCESS_DENIED)
	}
	defer windows.CloseHandle(h) //nolint:errcheck // a query handle
	ev, err := windows.WaitForSingleObject(h, 0)
	return err == nil && ev == uint32(windows.WAIT_TIMEOUT)
}

// image returns the executable of pid.
func image(pid int) string {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return ""
	}
	defer windows.CloseHandle(h) //nolint:errcheck // a query handle
	buf := make([]uint16, windows.MAX_LONG_PATH)
	n := uint32(len(buf))
	if err := windows.QueryFullProcessImageName(h, 0, &buf[0], &n); err != nil {
		return ""
	}
	return windows.UTF16ToString(buf[:n])
}

// terminateProcess ends pid if it still started at id.
func terminateProcess(pid int, id string) error {
	h, err := windows.OpenProcess(windows.PROCESS_TERMINATE|windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		if errors.Is(err, windows.ERROR_INVALID_PARAMETER) {
			return nil // gone
		}
		return fmt.Errorf("open %d: %w", pid, err)
	}
	defer windows.CloseHandle(h) //nolint:errcheck // closed after use
	if identity(pid) != id {
		return nil // another process now
	}
	if err := windows.TerminateProcess(h, 1); err != nil && !errors.Is(err, windows.ERROR_ACCESS_DENIED) {
		return fmt.Errorf("terminate %d: %w", pid, err)
	}
	return nil
}

// killTree ends the job j (when not nil) and pid with every descendant of
// it — those that left the job too — and returns the processes it ended.
// When id is not the identity of pid any more, only the job is ended.
func killTree(pid int, id string, j *job) ([]int, error) {
	var pids []int
	ids := map[int]string{}
	if id == "" || identity(pid) == id {
		pids = tree(pid)
		for _, p := range pids {
			ids[p] = identity(p)
		}
	}
	var errs []error
	if err := j.terminate(); err != nil {
		errs = append(errs, err)
	}
	for _, p := range pids {
		if ids[p] == "" || !alive(p) {
			continue
		}
		if err := terminateProcess(p, ids[p]); err != nil {
			errs = append(errs, err)
		}
	}
	return pids, errors.Join(errs...)
}

// ours reports whether pid is still the browser r describes: it runs, it
// started when recorded and its executable is the recorded one.
func ours(pid int, r record) bool {
	if r.Start == "" || pid <= 4 || identity(pid) != r.Start {
		return false
	}
	return strings.EqualFold(filepath.Clean(image(pid)), filepath.Clean(r.Program))
}

// strays returns nothing on Windows: the job object ended the browser with
// the kiosk, and command lines are not read.
func strays(string) []int { return nil }

// members returns nothing on Windows, which has no process groups.
func members(int) []int { return nil }
