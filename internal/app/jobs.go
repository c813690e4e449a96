package app

import (
	"context"
	"strconv"
	"time"

	"pasapas/internal/audit"
	"pasapas/internal/backup"
	"pasapas/internal/jobs"
	"pasapas/internal/settings"
)

// When the scheduled jobs run. The first backup waits until the kiosk is
// up and settled: on two cores it would slow the first screen; retention
// and the purge are small queries, a few seconds after the start.
const (
	FirstBackupAfter = 30 * time.Second
	FirstTidyAfter   = 5 * time.Second
	TidyEvery        = 24 * time.Hour
)

// backupScheduler makes the automatic backups. They are kept no longer
// than named beneficiaries are: an erased person does not outlive the
// retention in an old copy.
func (a *App) backupScheduler(st settings.Settings) *backup.Scheduler {
	return &backup.Scheduler{Source: a.db, Dir: backup.Dir(a.dir), Every: backup.DefaultEvery, Now: time.Now,
		Keep: backup.PolicyFor(st.RetentionMonths),
		OnError: func(err error) {
			a.log.Error("automatic backup failed", "err", err)
			a.post(func() { a.problem("backup.problem", err) })
		}}
}

// scheduled is the program's scheduled work: the backups, the retention
// of beneficiaries' names (anonymised after the centre's months, audited)
// and the purge of audit entries over a year old. Each runs on its own
// goroutine, never on the UI goroutine.
func (a *App) scheduled(sched *backup.Scheduler) []jobs.Job {
	return []jobs.Job{
		{Name: "backup", First: FirstBackupAfter, Every: sched.Every, Run: func(ctx context.Context) error {
			sched.RunOnce(ctx) // reports its own errors
			return nil
		}},
		{Name: "retention", First: FirstTidyAfter, Every: TidyEvery, Run: a.retention},
		{Name: "audit purge", First: FirstTidyAfter, Every: TidyEvery, Run: func(ctx context.Context) error {
			n, err := audit.Purge(ctx, a.db, time.Now())
			if n > 0 {
				a.log.Info("audit entries older than a year purged", "count", n)
			}
			return err
		}},
	}
}

// retention anonymises the beneficiaries whose retention period is over,
// and audits how many.
func (a *App) retention(ctx context.Context) error {
	cur, err := a.db.LoadSettings(ctx)
	if err != nil {
		return err
	}
	n, err := a.db.AnonymiseDue(ctx, time.Now(), cur.RetentionMonths)
	if err != nil || n == 0 {
		return err
	}
	a.log.Info("beneficiaries anonymised after the retention period", "count", n)
	return a.db.AddAudit(ctx, audit.Entry{At: time.Now(), Action: audit.Retention, Detail: strconv.Itoa(n)})
}
