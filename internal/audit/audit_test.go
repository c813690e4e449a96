package audit_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"pasapas/internal/audit"
	"pasapas/internal/sqlite"
)

func TestPurge_KeepsTwelveMonths(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	now := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	for _, age := range []time.Duration{0, 30 * 24 * time.Hour, audit.Keep - time.Minute, audit.Keep + time.Minute, 2 * audit.Keep} {
		if err := db.AddAudit(ctx, audit.Entry{At: now.Add(-age), Action: audit.Login, AccountID: 0}); err != nil {
			t.Fatal(err)
		}
	}
	n, err := audit.Purge(ctx, db, now)
	if err != nil || n != 2 {
		t.Fatalf("Purge() = %d, %v, want the 2 entries older than a year", n, err)
	}
	left, err := db.AuditEntries(ctx, now.Add(-3*audit.Keep), now.Add(time.Hour))
	if err != nil || len(left) != 3 {
		t.Fatalf("AuditEntries() = %d, %v, want 3 left", len(left), err)
	}
	for _, e := range left {
		if now.Sub(e.At) > audit.Keep {
			t.Errorf("entry of %v survived the purge", e.At)
		}
	}
}
