package tmplfunc

import "testing"

func TestDict(t *testing.T) {
	m, err := Dict("a", 1, "b", "x")
	if err != nil || m["a"] != 1 || m["b"] != "x" || len(m) != 2 {
		t.Fatalf("Dict = %v, %v", m, err)
	}
	if _, err := Dict("a"); err == nil {
		t.Error("odd arguments accepted")
	}
	if _, err := Dict(1, 2); err == nil {
		t.Error("non-string key accepted")
	}
}
