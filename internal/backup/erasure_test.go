package backup_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"pasapas/internal/audit"
	"pasapas/internal/backup"
	"pasapas/internal/journal"
	"pasapas/internal/sqlite"
)

// TestRestore_KeepsErasures restores last week's backup, taken before a
// person was erased at their request: they are erased again before the
// restored data is used, the restore is in the restored audit trail (who,
// which backup, when), and the audit entries written since the backup
// are carried over. Plain and encrypted backups alike.
func TestRestore_KeepsErasures(t *testing.T) {
	for _, encrypted := range []bool{false, true} {
		name := "plain"
		if encrypted {
			name = "encrypted"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := newStore(t)
			s.add(t, 2)
			b := journal.NewBeneficiary(journal.NewDate(2026, 3, 1), s.mediator)
			b.FirstName, b.LastName, b.Phone = "Zéphyrine", "Canarinette", "06 98 76 54 32"
			b.Gender, b.Status = journal.GenderFeminin, journal.StatusRetraite
			b, err := s.SaveBeneficiary(ctx, b)
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "SaveBeneficiary", err)
			}
			// Last week's backup.
			var info backup.Info
			opt := backup.RestoreOptions{AccountID: s.mediator, By: "espace médiateur"}
			if encrypted {
				info, err = backup.SaveSealed(ctx, s, t.TempDir(), at(2, 9), testSeal(goodPassphrase))
				opt.Passphrase = goodPassphrase
			} else {
				info, err = backup.Create(ctx, s, backup.Dir(s.dataDir), at(2, 9))
			}
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "backup", err)
			}
			// Then the erasure, asked by the person, and a login.
			if err := s.EraseBeneficiary(ctx, b.ID); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "EraseBeneficiary", err)
			}
			erased, err := s.Beneficiary(ctx, b.ID)
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "Beneficiary", err)
			}
			login := audit.Entry{At: erased.Erased.Add(time.Minute), AccountID: s.mediator, Action: audit.Login}
			if err := s.AddAudit(ctx, login); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "AddAudit", err)
			}
			s.close(t)

			restoredAt := erased.Erased.Add(time.Hour)
			got, err := backup.RestoreWith(ctx, s.dataDir, info.Path, restoredAt, opt)
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "RestoreWith", err)
			}
			if got.Erased != 1 || got.AuditCarried != 1 || got.AuditCarryErr != nil || got.LedgerSkipped != 0 {
				t.Errorf("Got(%q) = %+v, want 1 erasure applied again and 1 audit entry carried over", "Restored", got)
			}
			s.reopen(t)
			again, err := s.Beneficiary(ctx, b.ID)
			if err != nil || !again.IsErased() || again.FirstName != "" || again.Phone != "" || !again.Erased.Equal(erased.Erased) {
				t.Errorf("Got(%q) = %+v, %v, want erased again as of %v", "Beneficiary after restore", again, err, erased.Erased)
			}
			if found, err := s.SearchBeneficiaries(ctx, "Zéphyrine", 0); err != nil || len(found) != 0 {
				t.Errorf("Got(%q) = %v, %v, want nobody", "SearchBeneficiaries", found, err)
			}
			entries, err := s.AuditEntries(ctx, restoredAt.Add(-24*time.Hour), restoredAt.Add(time.Second))
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "AuditEntries", err)
			}
			var restore, carried *audit.Entry
			for i, e := range entries {
				switch e.Action {
				case backup.AuditRestore:
					restore = &entries[i]
				case audit.Login:
					carried = &entries[i]
				}
			}
			if restore == nil || restore.AccountID != s.mediator || !restore.At.Equal(restoredAt) ||
				!strings.Contains(restore.Detail, "pasapas-20260302-090000.db") || !strings.Contains(restore.Detail, "espace médiateur") {
				t.Errorf("Got(%q) = %+v, want the restore by account %d of the backup of 2 March", "audit of the restore", restore, s.mediator)
			}
			if carried == nil || carried.AccountID != s.mediator {
				t.Errorf("Got(%q) = %+v, want the login written after the backup", "carried audit entry", carried)
			}
			if strings.Contains(strings.ToLower(restore.Detail), "zéphyrine") {
				t.Errorf("Got(%q) = %q, want no personal data", "audit detail", restore.Detail)
			}
			// The ledger is outside the restored data: still there, once.
			if es, _, err := sqlite.ReadErasures(sqlite.LedgerPath(s.Path())); err != nil || len(es) != 1 || es[0].ID != b.ID {
				t.Errorf("Got(%q) = %v, %v, want the one erasure", "ledger after restore", es, err)
			}
		})
	}
}

// TestRestore_UnknownAccount: a restore by an account the backup does not
// know (created after it) is audited with the account named in the detail.
func TestRestore_UnknownAccount(t *testing.T) {
	ctx := context.Background()
	s, b := backedUp(t, 1, 1)
	if _, err := backup.RestoreWith(ctx, s.dataDir, b.Path, at(5, 10), backup.RestoreOptions{AccountID: 4242, By: "pasapasctl"}); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "RestoreWith", err)
	}
	s.reopen(t)
	entries, err := s.AuditEntries(ctx, at(5, 9), at(5, 11))
	if err != nil || len(entries) != 1 || entries[0].AccountID != 0 || !strings.Contains(entries[0].Detail, "account 4242") {
		t.Errorf("Got(%q) = %+v, %v, want one restore entry naming account 4242", "AuditEntries", entries, err)
	}
}
