// Package sealed encrypts the special categories of personal data (Art. 9 GDPR: health and
// mental-health notes) before they reach the database. It uses AES-256-GCM from the standard
// library; every ciphertext names the key it was sealed with, so keys can rotate: new
// writes use the current (first) key, older keys stay configured until every row has been
// sealed again (store.ResealHealthNotes does that at start-up).
//
// A sealed value reads "wbsealed:v1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>". The
// additional data binds a ciphertext to its record (e.g. "households.health_notes:42"), so a
// value copied to another household does not open.
package sealed

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// prefix starts every sealed value; a value without it is plaintext from before encryption.
const prefix = "wbsealed:v1:"

// KeySize is the length of an AES-256 key.
const KeySize = 32

// ErrKey is returned when a sealed value names a key the keyring does not hold, or does not
// open with it (wrong key, changed bytes, moved to another record).
var ErrKey = errors.New("sealed: value does not open with the configured keys")

var keyID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

// Keyring holds the configured keys; the first is current and seals new values.
type Keyring struct {
	current string
	aeads   map[string]cipher.AEAD
	ids     []string
}

// New returns a keyring of the given keys (id → 32 bytes); ids[0] is the current key.
func New(ids []string, keys [][]byte) (*Keyring, error) {
	if len(ids) == 0 || len(ids) != len(keys) {
		return nil, errors.New("mindestens ein Schlüssel erwartet")
	}
	k := &Keyring{current: ids[0], aeads: map[string]cipher.AEAD{}}
	for i, id := range ids {
		if !keyID.MatchString(id) {
			return nil, fmt.Errorf("ungültige Schlüssel-ID %q: erwartet 1–32 Zeichen aus A–Z, a–z, 0–9, _ und -", id)
		}
		if _, dup := k.aeads[id]; dup {
			return nil, fmt.Errorf("doppelte Schlüssel-ID %q", id)
		}
		if len(keys[i]) != KeySize {
			return nil, fmt.Errorf("ungültiger Schlüssel %q: erwartet genau 32 Byte (64 Hex-Zeichen oder Base64)", id)
		}
		block, err := aes.NewCipher(keys[i])
		if err != nil {
			return nil, err
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, err
		}
		k.aeads[id] = aead
		k.ids = append(k.ids, id)
	}
	return k, nil
}

// Parse reads keys written as "id:key" separated by commas or new lines (the form of
// DATA_KEYS and DATA_KEYS_FILE); each key is 32 bytes as hex or base64. The first is current.
func Parse(s string) (*Keyring, error) {
	var ids []string
	var keys [][]byte
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' }) {
		item = strings.TrimSpace(item)
		if item == "" || strings.HasPrefix(item, "#") {
			continue
		}
		id, raw, ok := strings.Cut(item, ":")
		if !ok {
			return nil, errors.New("erwartet id:schlüssel, z. B. 2026a:<64 Hex-Zeichen>")
		}
		key, err := decode(strings.TrimSpace(raw))
		if err != nil {
			return nil, fmt.Errorf("ungültiger Schlüssel %q: %w", strings.TrimSpace(id), err)
		}
		ids, keys = append(ids, strings.TrimSpace(id)), append(keys, key)
	}
	return New(ids, keys)
}

func decode(s string) ([]byte, error) {
	if b, err := hex.DecodeString(s); err == nil && len(b) == KeySize {
		return b, nil
	}
	if b, err := base64.StdEncoding.DecodeString(s); err == nil && len(b) == KeySize {
		return b, nil
	}
	return nil, errors.New("erwartet genau 32 Byte als Hex (64 Zeichen) oder Base64")
}

// Generate returns a new random key written as Parse reads it ("id:hex").
func Generate(id string) (string, error) {
	key := make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return "", fmt.Errorf("sealed: generate key: %w", err)
	}
	return id + ":" + hex.EncodeToString(key), nil
}

var (
	processOnce sync.Once
	processKeys *Keyring
)

// Ephemeral returns a keyring generated once per process and never stored: for tests and
// stores opened without keys. Values sealed with it do not open after a restart.
func Ephemeral() *Keyring {
	processOnce.Do(func() {
		s, err := Generate("ephemeral")
		if err == nil {
			processKeys, err = Parse(s)
		}
		if err != nil {
			panic(err)
		}
	})
	return processKeys
}

// CurrentID returns the id of the key that seals new values.
func (k *Keyring) CurrentID() string { return k.current }

// Seal encrypts plaintext for the record named by aad; the empty text stays empty.
func (k *Keyring) Seal(plaintext, aad string) (string, error) {
	if plaintext == "" {
		return "", nil
	}
	aead := k.aeads[k.current]
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("sealed: nonce: %w", err)
	}
	out := aead.Seal(nonce, nonce, []byte(plaintext), []byte(aad))
	return prefix + k.current + ":" + base64.RawStdEncoding.EncodeToString(out), nil
}

// Open decrypts a sealed value of the record named by aad. A value without the sealed
// prefix is plaintext from before encryption and is returned as it is (IsSealed tells).
func (k *Keyring) Open(value, aad string) (string, error) {
	if !IsSealed(value) {
		return value, nil
	}
	id, data, ok := strings.Cut(strings.TrimPrefix(value, prefix), ":")
	aead, known := k.aeads[id]
	if !ok || !known {
		return "", fmt.Errorf("%w (Schlüssel %q ist nicht konfiguriert)", ErrKey, id)
	}
	raw, err := base64.RawStdEncoding.DecodeString(data)
	if err != nil || len(raw) < aead.NonceSize()+aead.Overhead() {
		return "", ErrKey
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(aad))
	if err != nil {
		return "", ErrKey
	}
	return string(plain), nil
}

// IsSealed reports whether a stored value is sealed (rather than plaintext).
func IsSealed(value string) bool { return strings.HasPrefix(value, prefix) }

// NeedsReseal reports whether a stored value should be sealed again: plaintext, or sealed
// with a key other than the current one.
func (k *Keyring) NeedsReseal(value string) bool {
	if value == "" {
		return false
	}
	if !IsSealed(value) {
		return true
	}
	id, _, _ := strings.Cut(strings.TrimPrefix(value, prefix), ":")
	return id != k.current
}
