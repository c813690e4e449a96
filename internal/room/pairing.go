package room

import (
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Pairing: how a kiosk that knows a short code and a station that showed
// it authenticate each other, and how the kiosk pins the station's
// certificate.
//
// The station's certificate is self-signed: nothing vouches for it but
// the code. The kiosk connects over TLS accepting any certificate, and
// notes the SHA-256 fingerprint of the one it was shown. It then proves
// that it knows the code, bound to that fingerprint, to its own nkey (its
// future identity) and to a fresh nonce:
//
//	key        = PBKDF2-HMAC-SHA256(code, "pasapas-pair-v1|" + fingerprint, 600 000 iterations, 32 bytes)
//	kiosk MAC  = HMAC-SHA256(key, "kiosk|"   + nkey + "|" + name + "|" + nonce)
//	station MAC= HMAC-SHA256(key, "station|" + nkey + "|" + id   + "|" + nonce)
//
// The station computes the key with its own fingerprint: if a machine in
// the middle showed the kiosk another certificate, the MACs differ and the
// pairing fails (and counts as a wrong attempt). The kiosk checks the
// station's MAC before it pins the fingerprint, so a fake station that does
// not know the code cannot be pinned. A code is never sent, only MACs.
//
// The code has 50 bits (10 characters of Crockford's base32). A MAC seen by
// a machine in the middle lets it guess the code offline; PBKDF2's 600 000
// iterations (OWASP's figure for PBKDF2-HMAC-SHA256) make 2^50 guesses cost
// far more than the 10 minutes the code lives. Online, a code accepts
// MaxAttempts wrong tries and then dies; it is used once.
//
// Only standard constructions from Go's standard library: PBKDF2, HMAC,
// SHA-256, crypto/rand.

// Code lifetime and guessing limits.
const (
	CodeLength       = 10
	MaxAttempts      = 5
	pairIterations   = 600_000
	codeAlphabet     = "0123456789ABCDEFGHJKMNPQRSTVWXYZ" // Crockford's base32
	pairSaltPrefix   = "pasapas-pair-v1|"
	fingerprintBytes = sha256.Size
)

// NewCode returns a random pairing code of CodeLength characters.
func NewCode() (string, error) {
	var b [CodeLength]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("room: pairing code: %w", err)
	}
	var s strings.Builder
	for _, c := range b {
		s.WriteByte(codeAlphabet[c&31])
	}
	return s.String(), nil
}

// FormatCode shows a code as two groups of five: « 7K2QF-M9XHD ».
func FormatCode(code string) string {
	if len(code) != CodeLength {
		return code
	}
	return code[:5] + "-" + code[5:]
}

// NormalizeCode reads a code as a person typed it: case, spaces and
// hyphens ignored, O read as 0 and I or L as 1. ok is false when what is
// left is not a code.
func NormalizeCode(typed string) (code string, ok bool) {
	var s strings.Builder
	for _, r := range strings.ToUpper(typed) {
		switch {
		case r == ' ' || r == '-' || r == '\t':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if r > 127 || !strings.ContainsRune(codeAlphabet, r) {
			return "", false
		}
		s.WriteRune(r)
	}
	if s.Len() != CodeLength {
		return "", false
	}
	return s.String(), true
}

// Fingerprint returns the hex SHA-256 of a certificate's DER bytes.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}

// ConnFingerprint returns the fingerprint of the leaf certificate of a TLS
// connection, or "" without one.
func ConnFingerprint(cs tls.ConnectionState) string {
	if len(cs.PeerCertificates) == 0 {
		return ""
	}
	return Fingerprint(cs.PeerCertificates[0].Raw)
}

// PairKey derives the pairing key from a normalized code and the
// certificate fingerprint the side sees. It takes a fraction of a second
// on purpose.
func PairKey(code, fingerprint string) ([]byte, error) {
	k, err := pbkdf2.Key(sha256.New, code, []byte(pairSaltPrefix+fingerprint), pairIterations, 32)
	if err != nil {
		return nil, fmt.Errorf("room: pairing key: %w", err)
	}
	return k, nil
}

// KioskMAC is the kiosk's proof that it knows the code.
func KioskMAC(key []byte, nkey, name, nonce string) string {
	return mac(key, "kiosk|"+nkey+"|"+name+"|"+nonce)
}

// StationMAC is the station's proof that it knows the code.
func StationMAC(key []byte, nkey, id, nonce string) string {
	return mac(key, "station|"+nkey+"|"+id+"|"+nonce)
}

// EqualMAC compares two MACs in constant time.
func EqualMAC(a, b string) bool { return hmac.Equal([]byte(a), []byte(b)) }

func mac(key []byte, msg string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}

// NewNonce returns 16 random bytes in hex.
func NewNonce() (string, error) { return newID() }

// PairRequest is what a kiosk sends on PairSubject(NKey).
type PairRequest struct {
	NKey  string `json:"nkey"`
	Name  string `json:"name"`
	Nonce string `json:"nonce"`
	MAC   string `json:"mac"`
}

// PairReply is the station's answer. Refused holds the reason when the
// pairing failed (then the other fields are empty).
type PairReply struct {
	ID      string `json:"id,omitempty"`
	Name    string `json:"name,omitempty"`
	MAC     string `json:"mac,omitempty"`
	Refused string `json:"refused,omitempty"`
}

// Reasons a pairing is refused, as the station says them.
var (
	ErrNoCode      = errors.New("no pairing code is open on the station: show a new code (pasapasctl station code)")
	ErrCodeExpired = errors.New("the pairing code has expired: show a new code on the station")
	ErrWrongCode   = errors.New("wrong pairing code (or the connection was intercepted)")
	ErrCodeBurnt   = errors.New("too many wrong codes: show a new code on the station")
	ErrNameTaken   = errors.New("another kiosk already has this name")
)

// ValidKioskName reports whether name can name a kiosk: 1 to 40 printable
// characters without "|".
func ValidKioskName(name string) bool {
	if name == "" || len(name) > 40 || strings.ContainsRune(name, '|') {
		return false
	}
	for _, r := range name {
		if r < 32 || r == 127 {
			return false
		}
	}
	return true
}
