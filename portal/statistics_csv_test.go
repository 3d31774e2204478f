package portal

import (
	"reflect"
	"testing"
)

func TestNeutraliseFormulas(t *testing.T) {
	in := [][]string{{"=1+1", "+49", "-3", "@A1", "\tx", "\ry", "Hagen", "", "12", "a=b"}}
	want := [][]string{{"'=1+1", "'+49", "'-3", "'@A1", "'\tx", "'\ry", "Hagen", "", "12", "a=b"}}
	if got := neutraliseFormulas(in); !reflect.DeepEqual(got, want) {
		t.Errorf("neutraliseFormulas = %q, want %q", got, want)
	}
}
