//go:build linux

package station_test

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/room/station"
)

// A station whose disk is full, on a real full disk: a small tmpfs
// mounted under the station's folder (it needs root; without it the test
// is skipped and TestFullStream_EventsWaitOnKiosks, on JetStream's own
// limit, still runs). Kiosks publish while it is full, then room comes
// back: every event is in the station's database once, none lost, none
// doubled, and the station said what was wrong meanwhile.
func TestDiskFull(t *testing.T) {
	for _, tc := range []struct {
		name string
		// on the small disk: the JetStream store, the station's database
		jetstream, database bool
	}{
		{"JetStream's disk", true, false},
		{"database's disk", false, true},
		{"one disk for both", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			stationDir, dbDir := t.TempDir(), t.TempDir()
			var disk *smallDisk
			switch {
			case tc.jetstream && tc.database: // the whole data folder, as a real station
				disk = mountSmallDisk(t, stationDir, 16<<20)
				dbDir = stationDir
			case tc.database:
				disk = mountSmallDisk(t, dbDir, 16<<20)
			}
			if _, err := station.Init(stationDir, "127.0.0.1:0", "Plein"); err != nil {
				t.Fatal(err)
			}
			if tc.jetstream && !tc.database {
				js := filepath.Join(station.Dir(stationDir), "jetstream")
				if err := os.Mkdir(js, 0o700); err != nil {
					t.Fatal(err)
				}
				disk = mountSmallDisk(t, js, 2<<20)
			}
			db := openDB(t, dbDir)
			logs := &logBuffer{}
			st, err := station.Open(ctx, stationDir, station.Options{Store: db,
				Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				if t.Failed() {
					t.Logf("the station's log:\n%s", logs.String())
				}
			})
			t.Cleanup(func() {
				if err := st.Close(); err != nil {
					t.Errorf("Got(Close) = %v, want nil", err)
				}
			})
			r := newRoomUnderTest(t, st, 2)
			r.queue(ctx, t, 3, 0) // delivered before the disk fills
			before := r.total()
			waitFor(t, "the first events applied", func() bool {
				n, err := db.RoomEventCount(ctx)
				return err == nil && n == before
			})

			disk.fill(t)
			began := time.Now()
			notReceived := r.queue(ctx, t, 15, 3) // 1 in 3 a help request
			// A write fails only once the free end of the store's last page
			// is used up (tmpfs gives pages of 4 kB): kiosks go on queuing
			// visits, as in a real room, until one cannot be stored.
			deadline := time.Now().Add(45 * time.Second)
			for st.Problem() == nil {
				if time.Now().After(deadline) {
					n, _ := db.RoomEventCount(ctx)
					t.Fatalf("Got(the station saying its store is full) = false after 45 s, want true: "+
						"%d events queued, %d applied, %d waiting in the kiosks' outboxes",
						r.total(), n, r.pending(ctx, t))
				}
				time.Sleep(500 * time.Millisecond)
				if st.Problem() == nil {
					notReceived += r.queue(ctx, t, 1, 0)
				}
			}
			problem := st.Problem()
			if got := failure.KindOf(problem); got != failure.DiskFull {
				t.Errorf("Got(KindOf(Problem())) = %v, want %v (%v)", got, failure.DiskFull, problem)
			}
			want := station.ErrEventStore
			if tc.jetstream {
				want = station.ErrStreamStore
			}
			if !errors.Is(problem, want) {
				t.Errorf("Got(Problem()) = %v, want %v", problem, want)
			}
			time.Sleep(3 * time.Second) // kiosks and station retry against the full disk
			waiting := r.pending(ctx, t)
			applied, err := db.RoomEventCount(ctx) // read only: works on a full disk
			if err != nil {
				t.Fatal(err)
			}
			if tc.jetstream && waiting == 0 {
				t.Errorf("Got(events waiting in the kiosks' outboxes) = 0, want the events JetStream could not store")
			}
			full := time.Since(began)

			disk.free(t)
			freed := time.Now()
			waitForLong(t, "the kiosks' outboxes empty", func() bool { return r.pending(ctx, t) == 0 })
			waitForLong(t, "every event applied", func() bool {
				n, err := db.RoomEventCount(ctx)
				return err == nil && n >= r.total()
			})
			waitFor(t, "the station's problem gone", func() bool { return st.Problem() == nil })
			r.checkOnce(ctx, t, db)
			t.Logf("%s full for %v: %d events queued by %d kiosks (%d help requests, %d said not received), "+
				"%d waiting in the outboxes and %d applied while full; room again: all %d (with the %d before) in the "+
				"station's database once after %v. The station said: %v",
				tc.name, full.Round(100*time.Millisecond), r.total()-before, len(r.links), r.helps, notReceived, waiting,
				applied-before, r.total(), before, time.Since(freed).Round(100*time.Millisecond), problem)
		})
	}
}

// smallDisk is a tmpfs of a few megabytes, and a file that fills it.
type smallDisk struct{ dir string }

// mountSmallDisk mounts a tmpfs of size bytes on dir until the test
// ends, or skips the test when it cannot (not root, not allowed).
func mountSmallDisk(t *testing.T, dir string, size int) *smallDisk {
	t.Helper()
	opts := "size=" + strconv.Itoa(size) + ",mode=0700"
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_NOSUID|syscall.MS_NODEV, opts); err != nil {
		t.Skipf("no small disk to fill (mount tmpfs: %v); TestFullStream_EventsWaitOnKiosks tests JetStream's limit", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("Got(umount %s) = %v, want nil", dir, err)
		}
	})
	return &smallDisk{dir: dir}
}

// fill writes a file until the disk has no space left.
func (d *smallDisk) fill(t *testing.T) {
	t.Helper()
	f, err := os.Create(filepath.Join(d.dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	for {
		if _, err = f.Write(buf); err != nil {
			break
		}
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Got(filling the disk) = %v, want %v", err, syscall.ENOSPC)
	}
	if err := f.Close(); err != nil && !errors.Is(err, syscall.ENOSPC) {
		t.Fatal(err)
	}
}

// free removes the filling file.
func (d *smallDisk) free(t *testing.T) {
	t.Helper()
	if err := os.Remove(filepath.Join(d.dir, "filler")); err != nil {
		t.Fatal(err)
	}
}
