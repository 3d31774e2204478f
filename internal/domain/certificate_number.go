package domain

import (
	"errors"
	"strings"
)

// Certificate numbers (docs/design.md §11.3) are CertificateBodyLen random characters of
// Crockford's Base32 alphabet (0–9 and A–Z without I, L, O, U: nothing to confuse when read
// aloud or typed from paper), 80 random bits, followed by one check character:
//
//   - the body is read as a number in base 32 (the alphabet's order gives the digits'
//     values), and the check character is that number modulo 37, written with the alphabet
//     and, for the values 32 to 36, the five extra symbols "*~$=U" (Crockford's check
//     symbols);
//   - 37 is prime and 32 ≡ −5 (mod 37), so every power of 32 is a unit modulo 37: changing
//     one character by d (0 < |d| < 32) changes the number by d·32^k ≢ 0, and swapping two
//     neighbours a, b changes it by (a−b)·32^k·31 ≢ 0 — every single-character error and
//     every transposition of neighbours changes the check character.
//
// Numbers are printed in groups of four ("7K3M-Q2XD-9PBW-HT4R-$") and read back leniently:
// case, spaces and hyphens do not matter, O reads as 0 and I and L as 1.
const (
	CertificateBodyLen = 16
	certAlphabet       = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	certCheckSymbols   = certAlphabet + "*~$=U"
)

// ErrCertificateNumber is a number with a character outside the alphabet, the wrong length
// or a wrong check character.
var ErrCertificateNumber = errors.New("domain: not a certificate number")

// CertificateCheck returns the check character of a body (characters of the alphabet).
func CertificateCheck(body string) (byte, error) {
	r := 0
	for i := 0; i < len(body); i++ {
		v := strings.IndexByte(certAlphabet, body[i])
		if v < 0 {
			return 0, ErrCertificateNumber
		}
		r = (r*32 + v) % 37
	}
	return certCheckSymbols[r], nil
}

// CertificateNumberFrom turns CertificateBodyLen random bytes into a number with its check
// character (each byte gives one character, its low five bits).
func CertificateNumberFrom(random []byte) string {
	body := make([]byte, CertificateBodyLen)
	for i := range body {
		body[i] = certAlphabet[random[i]&31]
	}
	c, _ := CertificateCheck(string(body))
	return string(body) + string(c)
}

// NormalizeCertificateNumber reads a number as typed or printed and checks its check
// character; it returns the stored form (upper case, no separators).
func NormalizeCertificateNumber(s string) (string, error) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch r {
		case ' ', '-':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		b.WriteRune(r)
	}
	n := b.String()
	if len(n) != CertificateBodyLen+1 {
		return "", ErrCertificateNumber
	}
	c, err := CertificateCheck(n[:CertificateBodyLen])
	if err != nil || c != n[CertificateBodyLen] {
		return "", ErrCertificateNumber
	}
	return n, nil
}

// FormatCertificateNumber prints a stored number in groups of four.
func FormatCertificateNumber(n string) string {
	var parts []string
	for len(n) > 4 {
		parts, n = append(parts, n[:4]), n[4:]
	}
	return strings.Join(append(parts, n), "-")
}
