package sealed

import (
	"strings"
	"testing"
)

func TestSealOpensWithItsKeyAndRecordOnly(t *testing.T) {
	k, err := Parse("a:" + strings.Repeat("11", 32) + "\nb:" + strings.Repeat("22", 32))
	if err != nil {
		t.Fatal(err)
	}
	v, err := k.Seal("Diabetes", "households.health_notes:1")
	if err != nil || !strings.HasPrefix(v, "wbsealed:v1:a:") || strings.Contains(v, "Diabetes") {
		t.Fatalf("sealed %q, %v", v, err)
	}
	if again, _ := k.Seal("Diabetes", "households.health_notes:1"); again == v {
		t.Fatal("two seals of the same text are equal: the nonce is not fresh")
	}
	if p, err := k.Open(v, "households.health_notes:1"); err != nil || p != "Diabetes" {
		t.Fatalf("open: %q, %v", p, err)
	}
	if _, err := k.Open(v, "households.health_notes:2"); err == nil {
		t.Fatal("opened for another record")
	}
	if _, err := k.Open(v[:len(v)-2]+"AA", "households.health_notes:1"); err == nil {
		t.Fatal("opened a changed value")
	}
	other, _ := Parse("c:" + strings.Repeat("33", 32))
	if _, err := other.Open(v, "households.health_notes:1"); err == nil {
		t.Fatal("opened with a keyring that lacks the key")
	}
	if k.NeedsReseal(v) || !k.NeedsReseal("Klartext") || k.NeedsReseal("") {
		t.Fatal("NeedsReseal")
	}
	if empty, _ := k.Seal("", "x"); empty != "" {
		t.Fatal("the empty text is sealed")
	}
	for _, bad := range []string{"", "nokey", "a:1234", "a b:" + strings.Repeat("11", 32), "a:" + strings.Repeat("11", 32) + ",a:" + strings.Repeat("22", 32)} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}
