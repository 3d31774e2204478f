package auth

import (
	"strings"
	"testing"
)

func TestPasswordHashing(t *testing.T) {
	h, err := HashPassword("korrekt-pferd-batterie")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not argon2id in PHC format", h)
	}
	if err := CheckPassword(h, "korrekt-pferd-batterie"); err != nil {
		t.Fatalf("right password refused: %v", err)
	}
	for _, wrong := range []string{"", "korrekt-pferd-batteri", "KORREKT-PFERD-BATTERIE"} {
		if CheckPassword(h, wrong) == nil {
			t.Errorf("wrong password %q accepted", wrong)
		}
	}
	h2, _ := HashPassword("korrekt-pferd-batterie")
	if h == h2 {
		t.Error("two hashes of one password are equal: salt missing")
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=1,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=x$a$b"} {
		if CheckPassword(bad, "x") == nil {
			t.Errorf("malformed hash %q accepted", bad)
		}
	}
	if CheckNoAccount("irgendwas") == nil {
		t.Error("CheckNoAccount succeeded")
	}
}

func TestTokens(t *testing.T) {
	a, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewToken()
	if a == b || len(a) < 43 {
		t.Fatalf("tokens %q %q", a, b)
	}
	// SHA-256 of "abc", so the hash is the standard one and stable across releases.
	if HashToken(a) == HashToken(b) || len(HashToken(a)) != 64 ||
		HashToken("abc") != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatal("token hash not a stable hex SHA-256")
	}
}
