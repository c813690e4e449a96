package backup

import (
	"context"
	"time"
)

// Due reports whether the data of src changed since the newest automatic
// backup in dir: there is none, the newest cannot be read, or its
// fingerprint differs from the database's. A fingerprint is a digest of
// every row (sqlite.DB.Fingerprint): it sees every change, deletions and
// updates included, needs no state besides the backups themselves, and
// survives restarts. It costs a read of the database and of the newest
// backup — milliseconds at a centre's volume — which is why the Scheduler
// remembers the fingerprint of the backup it made last.
func Due(ctx context.Context, src Source, dir string) (bool, error) {
	current, err := src.Fingerprint(ctx)
	if err != nil {
		return false, err
	}
	last, err := newestFingerprint(ctx, dir)
	if err != nil {
		return false, err
	}
	return current != last, nil
}

// newestFingerprint returns the fingerprint of the newest automatic backup
// in dir, or "" when there is none or it cannot be read.
func newestFingerprint(ctx context.Context, dir string) (string, error) {
	infos, err := List(ctx, dir)
	if err != nil {
		return "", err
	}
	for _, info := range infos {
		if info.SafetyCopy {
			continue
		}
		if info.Err != nil {
			return "", nil
		}
		fp, err := File(info.Path).Fingerprint(ctx)
		if err != nil {
			return "", nil // a damaged newest backup: take a new one
		}
		return fp, nil
	}
	return "", nil
}

// CreateIfDue makes a backup of src in dir when Due says so, then prunes
// dir with keep. made is false when nothing changed since the newest
// backup. The program can call it when it closes, before closing the
// database.
func CreateIfDue(ctx context.Context, src Source, dir string, now time.Time, keep Policy) (info Info, made bool, err error) {
	due, err := Due(ctx, src, dir)
	if err != nil || !due {
		return Info{}, false, err
	}
	info, err = Create(ctx, src, dir, now)
	if err != nil {
		return Info{}, false, err
	}
	_, err = Prune(dir, now, keep)
	return info, true, err
}
