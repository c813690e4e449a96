package room

import (
	"sync"
	"time"
)

// CodeLifetime is how long a pairing code stays valid.
const CodeLifetime = 10 * time.Minute

// Codes holds the one pairing code a station has open: a new code
// replaces the previous one; a code is good for one pairing, for
// CodeLifetime, and dies after MaxAttempts wrong tries. Safe for
// concurrent use.
type Codes struct {
	Now func() time.Time

	mu       sync.Mutex
	code     string
	expires  time.Time
	attempts int
}

// Open makes a new code and returns it with its expiry.
func (c *Codes) Open() (string, time.Time, error) {
	code, err := NewCode()
	if err != nil {
		return "", time.Time{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.code, c.expires, c.attempts = code, c.Now().Add(CodeLifetime), 0
	return code, c.expires, nil
}

// Active reports whether a code can still be tried: unpaired clients are
// let in (to pair only) while it is.
func (c *Codes) Active() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.code != "" && c.Now().Before(c.expires) && c.attempts < MaxAttempts
}

// Try checks a pairing attempt. matches is called with the open code and
// says whether the attempt proves it (it derives the key: slow). On
// success the code is closed (used once). The error is one of ErrNoCode,
// ErrCodeExpired, ErrCodeBurnt or ErrWrongCode. Attempts are checked one
// at a time, which also throttles guessing.
func (c *Codes) Try(matches func(code string) bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.code == "":
		return ErrNoCode
	case !c.Now().Before(c.expires):
		return ErrCodeExpired
	case c.attempts >= MaxAttempts:
		return ErrCodeBurnt
	}
	if !matches(c.code) {
		c.attempts++
		return ErrWrongCode
	}
	c.code, c.attempts = "", 0
	return nil
}

// Close forgets the open code.
func (c *Codes) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.code = ""
}
