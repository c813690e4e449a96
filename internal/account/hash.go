package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters (OWASP Password Storage Cheat Sheet: m = 19 MiB,
// t = 2, p = 1), a 16-byte random salt and a 32-byte tag.
const (
	ArgonMemory  = 19456 // KiB
	ArgonTime    = 2
	ArgonThreads = 1
	saltLen      = 16
	keyLen       = 32
)

// dummyVerifier is checked against when the account name is unknown, so
// that a wrong name costs the same time as a wrong secret.
const dummyVerifier = "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

var b64 = base64.RawStdEncoding

// Hash returns the Argon2id PHC string of a secret:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<tag>.
func Hash(secret string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash: salt: %w", err)
	}
	key := argon2.IDKey([]byte(secret), salt, ArgonTime, ArgonMemory, ArgonThreads, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, ArgonMemory, ArgonTime, ArgonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Params are the parameters read back from a PHC string.
type Params struct {
	Version, Memory, Time, Threads int
	Salt, Key                      []byte
}

// ParsePHC reads an Argon2id PHC string.
func ParsePHC(phc string) (Params, error) {
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return Params{}, errors.New("not an argon2id PHC string")
	}
	var p Params
	if _, err := fmt.Sscanf(parts[2], "v=%d", &p.Version); err != nil {
		return Params{}, fmt.Errorf("PHC version: %w", err)
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return Params{}, fmt.Errorf("PHC parameters: %w", err)
	}
	var err error
	if p.Salt, err = b64.DecodeString(parts[4]); err != nil {
		return Params{}, fmt.Errorf("PHC salt: %w", err)
	}
	if p.Key, err = b64.DecodeString(parts[5]); err != nil {
		return Params{}, fmt.Errorf("PHC tag: %w", err)
	}
	if p.Memory <= 0 || p.Time <= 0 || p.Threads <= 0 || p.Threads > 255 || len(p.Key) == 0 || p.Memory > 1<<22 || p.Time > 100 {
		return Params{}, errors.New("PHC parameters out of range")
	}
	return p, nil
}

// Verify reports whether secret matches the PHC string, in constant time.
func Verify(phc, secret string) (bool, error) {
	p, err := ParsePHC(phc)
	if err != nil {
		return false, err
	}
	key := argon2.IDKey([]byte(secret), p.Salt, uint32(p.Time), uint32(p.Memory), uint8(p.Threads), uint32(len(p.Key)))
	return subtle.ConstantTimeCompare(key, p.Key) == 1, nil
}
