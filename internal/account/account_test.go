package account_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pasapas/internal/account"
	"pasapas/internal/audit"
	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
)

func TestHash_ParametersReadBack(t *testing.T) {
	phc, err := account.Hash("Bonjour-2026!")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(phc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("Hash() = %q, want an argon2id PHC string with OWASP parameters", phc)
	}
	p, err := account.ParsePHC(phc)
	if err != nil {
		t.Fatal(err)
	}
	if p.Memory != 19456 || p.Time != 2 || p.Threads != 1 || len(p.Salt) != 16 || len(p.Key) != 32 || p.Version != 19 {
		t.Fatalf("ParsePHC() = m=%d t=%d p=%d salt %d key %d, want m=19456 t=2 p=1 salt 16 key 32",
			p.Memory, p.Time, p.Threads, len(p.Salt), len(p.Key))
	}
	other, err := account.Hash("Bonjour-2026!")
	if err != nil {
		t.Fatal(err)
	}
	if other == phc {
		t.Fatal("two hashes of the same secret are equal: the salt is not random")
	}
	for _, tt := range []struct {
		secret string
		want   bool
	}{{"Bonjour-2026!", true}, {"bonjour-2026!", false}, {"", false}} {
		if ok, err := account.Verify(phc, tt.secret); err != nil || ok != tt.want {
			t.Errorf("Verify(%q) = %v, %v, want %v", tt.secret, ok, err, tt.want)
		}
	}
	for _, bad := range []string{"", "$argon2id$", "$bcrypt$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=-1,t=2,p=1$AA$AA", "$argon2id$v=19$m=19456,t=2,p=1$!!$AA"} {
		if _, err := account.Verify(bad, "x"); err == nil {
			t.Errorf("Verify(%q) accepted a broken PHC string", bad)
		}
	}
}

func TestCheckSecret(t *testing.T) {
	tests := []struct {
		secret, name string
		want         error
	}{
		{"1234", "", account.ErrSecretDigits},
		{"12345678901234", "", account.ErrSecretDigits}, // a long PIN is still a PIN
		{"Ab1!", "", account.ErrSecretShort},
		{"abcdefgh", "", account.ErrSecretClasses},
		{"abcdEFGH", "", account.ErrSecretClasses},
		{"abcdEF12", "", account.ErrSecretGuessable}, // a sequence
		{"abcd-efg1", "", account.ErrSecretGuessable},
		{"Password1", "", account.ErrSecretGuessable},
		{"Azerty123", "", account.ErrSecretGuessable},
		{"Motdepasse2026", "", account.ErrSecretGuessable},
		{"aaaaaaaaaaaaaa", "", account.ErrSecretGuessable}, // 14 characters, one repeated
		{strings.Repeat("\x00", 14), "", account.ErrSecretControl},
		{"Mediation\t2026", "", account.ErrSecretControl},
		{"\xff\xfeMediation-2026", "", account.ErrSecretControl}, // not UTF-8
		{"Mediation-2026", "", nil},
		{"une phrase facile", "", nil}, // a passphrase of 14+ characters
		{"cheval agrafe pile correcte", "", nil},
		{"Marie2026!", "marie", account.ErrSecretHasName},
		{strings.Repeat("a", 129), "", account.ErrSecretTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.secret, func(t *testing.T) {
			if got := account.CheckSecret(tt.secret, tt.name); !errors.Is(got, tt.want) && got != tt.want {
				t.Fatalf("CheckSecret(%q) = %v, want %v", tt.secret, got, tt.want)
			}
		})
	}
}

func TestLockDelay(t *testing.T) {
	tests := []struct {
		n    int
		want time.Duration
	}{{0, 0}, {1, time.Second}, {2, 2 * time.Second}, {3, 4 * time.Second}, {6, 32 * time.Second}, {7, time.Minute}, {99, time.Minute}}
	for _, tt := range tests {
		if got := account.LockDelay(tt.n); got != tt.want {
			t.Errorf("LockDelay(%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
}

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newService(t *testing.T) (*account.Service, *sqlite.DB, *clock) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := &clock{t: time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)}
	return &account.Service{Store: db, Audit: db, Now: c.now, OnError: func(err error) { t.Errorf("audit: %v", err) }}, db, c
}

func TestService_FirstAccountAndLogin(t *testing.T) {
	s, db, c := newService(t)
	ctx := context.Background()
	if need, err := s.NeedsFirstAccount(ctx); err != nil || !need {
		t.Fatalf("NeedsFirstAccount() = %v, %v on a new database, want true", need, err)
	}
	if _, err := s.Create(ctx, "coord", "Coordinatrice", account.Coordinator, "1234", 0); failure.KindOf(err) != failure.Invalid {
		t.Fatalf("Create with a PIN = %v, want an invalid error", err)
	}
	a, err := s.Create(ctx, "coord", "Coordinatrice", account.Coordinator, "Centre-Social-2026", 0)
	if err != nil {
		t.Fatal(err)
	}
	if need, _ := s.NeedsFirstAccount(ctx); need {
		t.Fatal("NeedsFirstAccount() = true after the first account")
	}
	if _, err := s.Create(ctx, "COORD", "", account.Mediator, "Autre-Secret-99", a.ID); failure.KindOf(err) != failure.Conflict {
		t.Fatalf("Create with a taken name = %v, want a conflict", err)
	}
	stored, err := db.AccountByName(ctx, "coord")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stored.Verifier, "Centre-Social-2026") || !strings.HasPrefix(stored.Verifier, "$argon2id$") {
		t.Fatalf("stored verifier = %q, want only an argon2id hash", stored.Verifier)
	}
	got, err := s.Login(ctx, " Coord ", "Centre-Social-2026")
	if err != nil || got.ID != a.ID || !got.LastLogin.Equal(c.t) {
		t.Fatalf("Login() = %+v, %v, want the coordinator", got, err)
	}
}

func TestService_LoginFailuresNeverLockTheAccount(t *testing.T) {
	s, db, c := newService(t)
	ctx := context.Background()
	a, err := s.Create(ctx, "marie", "Marie", account.Mediator, "Mediation-2026", 0)
	if err != nil {
		t.Fatal(err)
	}
	// A visitor tries 150 times: the account stays usable at once.
	for i := 0; i < 150; i++ {
		if _, err := s.Login(ctx, "marie", "wrong"); !errors.Is(err, account.ErrLogin) || failure.KindOf(err) != failure.Unauthorized {
			t.Fatalf("attempt %d: Login() = %v, want the one refusal", i+1, err)
		}
	}
	got, err := s.Login(ctx, "marie", "Mediation-2026")
	if err != nil {
		t.Fatalf("the right secret after 150 failures = %v, want in: the account is never locked", err)
	}
	if got.Failures != 150 {
		t.Fatalf("Login() told %d failures since the last login, want 150 for its owner to see", got.Failures)
	}
	stored, _ := db.AccountByID(ctx, a.ID)
	if stored.Failures != 0 || stored.Disabled {
		t.Fatalf("after success: failures %d disabled %v, want reset and enabled", stored.Failures, stored.Disabled)
	}
	entries, err := db.AuditEntries(ctx, c.t.Add(-time.Hour), c.t.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	count := map[audit.Action]int{}
	for _, e := range entries {
		count[e.Action]++
	}
	if count[audit.LoginFailed] != 150 || count[audit.Login] != 1 {
		t.Fatalf("audit = %v, want 150 failed logins and 1 login", count)
	}
}

// An unknown name, a wrong secret and a disabled account get the same
// answer, after the same work (one Argon2id check each).
func TestService_SameAnswerForEveryRefusal(t *testing.T) {
	s, db, _ := newService(t)
	ctx := context.Background()
	if _, err := s.Create(ctx, "marie", "Marie", account.Mediator, "Mediation-2026", 0); err != nil {
		t.Fatal(err)
	}
	off, err := s.Create(ctx, "paul", "Paul", account.Mediator, "Mediation-2027", 0)
	if err != nil {
		t.Fatal(err)
	}
	off.Disabled = true
	if err := db.UpdateAccount(ctx, off); err != nil {
		t.Fatal(err)
	}
	var answers []string
	for _, try := range [][2]string{{"nobody", "Mediation-2026"}, {"marie", "wrong"}, {"paul", "Mediation-2027"}} {
		_, err := s.Login(ctx, try[0], try[1])
		if !errors.Is(err, account.ErrLogin) {
			t.Fatalf("Login(%q) = %v, want ErrLogin", try[0], err)
		}
		answers = append(answers, err.Error())
	}
	if answers[0] != answers[1] || answers[1] != answers[2] {
		t.Fatalf("answers differ: %q: names can be found", answers)
	}
}

func TestThrottle(t *testing.T) {
	var th account.Throttle
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	if th.Wait(now) != 0 {
		t.Fatal("a new form waits")
	}
	for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
		th.Failed(now)
		if got := th.Wait(now); got != want {
			t.Fatalf("after %d failures: wait %v, want %v", i+1, got, want)
		}
		now = now.Add(want)
		if th.Wait(now) != 0 {
			t.Fatalf("after %d failures and the delay: still waiting", i+1)
		}
	}
	for i := 0; i < 20; i++ {
		th.Failed(now)
	}
	if got := th.Wait(now); got != account.MaxDelay {
		t.Fatalf("after many failures: wait %v, want at most %v", got, account.MaxDelay)
	}
	th.Succeeded()
	if th.Wait(now) != 0 {
		t.Fatal("a success did not clear the wait")
	}
}
func TestLock(t *testing.T) {
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	l := account.Lock{}
	if l.Locked(start) {
		t.Fatal("a lock never touched is locked")
	}
	l.Touch(start)
	if l.Locked(start.Add(account.DefaultLockAfter - time.Second)) {
		t.Fatal("locked before 10 minutes")
	}
	if !l.Locked(start.Add(account.DefaultLockAfter)) {
		t.Fatal("not locked after 10 minutes")
	}
	l = account.Lock{After: time.Minute}
	l.Touch(start)
	if !l.Locked(start.Add(time.Minute)) {
		t.Fatal("a 1-minute lock is not locked after 1 minute")
	}
}

// A forgotten secret is replaced on the PC: the rule applies, the account
// is enabled again, its failures forgotten, and the reset audited.
func TestService_Reset(t *testing.T) {
	s, db, c := newService(t)
	ctx := context.Background()
	a, err := s.Create(ctx, "coord", "Claire", account.Coordinator, "Centre-Social-2026", 0)
	if err != nil {
		t.Fatal(err)
	}
	a.Disabled = true
	if err := db.UpdateAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Login(ctx, "coord", "oublié"); err == nil {
		t.Fatal("login with a wrong secret succeeded")
	}
	if _, err := s.Reset(ctx, "inconnu", "Nouveau-Secret-2027", "pasapasctl"); failure.KindOf(err) != failure.NotFound {
		t.Fatalf("Reset(unknown name) = %v, want not found", err)
	}
	if _, err := s.Reset(ctx, "coord", "Azerty123", "pasapasctl"); !errors.Is(err, account.ErrSecretGuessable) {
		t.Fatalf("Reset with a common password = %v, want %v", err, account.ErrSecretGuessable)
	}
	if _, err := s.Reset(ctx, " coord ", "Nouveau-Secret-2027", "pasapasctl account reset"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Login(ctx, "coord", "Centre-Social-2026"); err == nil {
		t.Fatal("the old secret still works")
	}
	got, err := s.Login(ctx, "coord", "Nouveau-Secret-2027")
	if err != nil || got.Disabled {
		t.Fatalf("login with the new secret = %+v, %v", got, err)
	}
	entries, err := db.AuditEntries(ctx, c.t.Add(-time.Hour), c.t.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range entries {
		if e.Action == audit.SecretReset && e.AccountID == a.ID && e.Detail == "pasapasctl account reset" {
			found = true
		}
	}
	if !found {
		t.Fatalf("no audit entry of the reset in %+v", entries)
	}
}

// Names are bounded and hold no invisible character: a login name of 2
// to 40 characters without spaces, a display name of at most 80.
func TestCheckNames(t *testing.T) {
	for _, tc := range []struct {
		name, display string
		wantName      bool // CheckName accepts
		wantDisplay   bool // CheckDisplayName accepts
	}{
		{"marie", "Marie Dupont", true, true},
		{"m", "", false, true},
		{strings.Repeat("a", 41), strings.Repeat("é", 81), false, false},
		{strings.Repeat("a", 40), strings.Repeat("é", 80), true, true},
		{"ma\x00rie", "Marie\x00", false, false},
		{"ma rie", "Marie\nDupont", false, false},
	} {
		if got := account.CheckName(tc.name) == nil; got != tc.wantName {
			t.Errorf("CheckName(%q) accepted = %v, want %v", tc.name, got, tc.wantName)
		}
		if got := account.CheckDisplayName(tc.display) == nil; got != tc.wantDisplay {
			t.Errorf("CheckDisplayName(%q) accepted = %v, want %v", tc.display, got, tc.wantDisplay)
		}
	}
}
