package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
)

// The erasure ledger keeps, outside the database, which beneficiaries were
// erased and when: one line per erasure, "2026-03-05T10:00:00.000Z 42",
// the id and the date and nothing else. A restore puts back an older
// database; the ledger is not in it and survives, so that every erasure
// the older copy does not hold yet is applied again (ApplyErasures)
// before the restored data is used.
//
// EraseBeneficiary and AnonymiseDue (retention) append to it inside their
// transaction, before the commit, and sync it: an erasure the database
// holds is always in the ledger. A crash between the two leaves a line
// for an erasure that never committed; applying it again later erases
// someone whose erasure was asked for, which is what they wanted.

// ErasuresName is the ledger's file name, beside the database in the data
// folder (never in the backups folder, never in a backup).
const ErasuresName = "erasures.log"

// ledgerHeader starts a new ledger, for whoever opens the file.
const ledgerHeader = "# Pas à pas: erased beneficiaries (date, id), applied again after a restore. Do not delete.\n"

// Erasure is one line of the ledger: which beneficiary, and when.
type Erasure struct {
	ID int64
	At time.Time
}

// LedgerPath returns the erasure ledger of the database at dbPath: the
// file ErasuresName in the same folder.
func LedgerPath(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), ErasuresName)
}

// AppendErasures appends es to the ledger at path, creating it (0600)
// when needed, and syncs it (and its folder when it was created). Errors
// have a failure kind: DiskFull, ReadOnly (naming the folder), Internal.
func AppendErasures(path string, es []Erasure) error {
	const op = "record erasure"
	if len(es) == 0 {
		return nil
	}
	_, statErr := os.Stat(path)
	created := errors.Is(statErr, fs.ErrNotExist)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return failure.FromFS(op, fmt.Errorf("cannot write in folder %s: %w", filepath.Dir(path), err))
	}
	var b bytes.Buffer
	if created {
		b.WriteString(ledgerHeader)
	} else if torn, err := endsTorn(path); err != nil {
		f.Close()
		return failure.FromFS(op, err)
	} else if torn {
		// A line cut by a crash is closed as unreadable ("…Z 4" might be
		// the start of "…Z 42"), and skipped.
		b.WriteString(" cut\n")
	}
	for _, e := range es {
		fmt.Fprintf(&b, "%s %d\n", formatTime(e.At), e.ID)
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		f.Close()
		return failure.FromFS(op, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return failure.FromFS(op, err)
	}
	if err := f.Close(); err != nil {
		return failure.FromFS(op, err)
	}
	if created {
		return failure.FromFS(op, SyncDir(filepath.Dir(path)))
	}
	return nil
}

// endsTorn reports whether the file at path ends without a newline.
func endsTorn(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return false, err
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, st.Size()-1); err != nil {
		return false, err
	}
	return last[0] != '\n', nil
}

// ReadErasures returns the erasures of the ledger at path, in the order
// they were recorded. A missing ledger holds none. Lines that are not an
// erasure (the header, a line cut by a crash, damage) are skipped and
// counted in skipped, so that damage is seen and logged but never stops
// the other erasures from being applied.
func ReadErasures(path string) (es []Erasure, skipped int, err error) {
	const op = "read erasures"
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, failure.FromFS(op, err)
	}
	defer f.Close()
	r := bufio.NewReader(f)
	for {
		line, err := r.ReadString('\n')
		if len(line) > 0 && !strings.HasPrefix(line, "#") {
			e, ok := parseErasure(line)
			if ok {
				es = append(es, e)
			} else {
				skipped++
			}
		}
		if errors.Is(err, io.EOF) {
			return es, skipped, nil
		}
		if err != nil {
			return nil, 0, failure.FromFS(op, err)
		}
	}
}

// parseErasure reads one ledger line; a line without its newline was cut.
func parseErasure(line string) (Erasure, bool) {
	body, ok := strings.CutSuffix(line, "\n")
	if !ok {
		return Erasure{}, false
	}
	stamp, id, ok := strings.Cut(strings.TrimSuffix(body, "\r"), " ")
	if !ok {
		return Erasure{}, false
	}
	at, err := time.Parse(timeLayout, stamp)
	if err != nil {
		return Erasure{}, false
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return Erasure{}, false
	}
	return Erasure{ID: n, At: at}, true
}

// recordErasures appends the erasures of bs at at to the database's
// ledger.
func (db *DB) recordErasures(bs []journal.Beneficiary, at time.Time) error {
	es := make([]Erasure, len(bs))
	for i, b := range bs {
		es[i] = Erasure{ID: b.ID, At: at}
	}
	return AppendErasures(LedgerPath(db.path), es)
}

// ApplyErasures erases again, in one transaction, each beneficiary of es
// that the database holds unerased and that was created before the
// erasure (an id given again to someone new after an older restore is
// never theirs), as of the erasure's date (see EraseBeneficiary), and
// returns how many. It writes nothing to the ledger: the program applies
// the ledger's own lines. The write-ahead log is then checkpointed.
func (db *DB) ApplyErasures(ctx context.Context, es []Erasure) (int, error) {
	const op = "apply erasures again"
	if len(es) == 0 {
		return 0, nil
	}
	var n int
	err := db.tx(ctx, op, func(tx *sql.Tx) error {
		for _, e := range es {
			b, err := getBeneficiary(ctx, tx, e.ID)
			if errors.Is(err, sql.ErrNoRows) {
				continue // not in this older copy
			}
			if err != nil {
				return err
			}
			if b.IsErased() || b.Created.After(e.At) {
				continue
			}
			if err := erase(ctx, tx, []journal.Beneficiary{b}, e.At); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil || n == 0 {
		return n, err
	}
	return n, db.checkpoint(ctx, op)
}
