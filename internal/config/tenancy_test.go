package config

import (
	"errors"
	"testing"
)

// REPORT_RESPONSE_DAYS: one working day by default, 1 to 10 allowed (tenancy phase).
func TestReportResponseDays(t *testing.T) {
	if c, err := Load(env(nil)); err != nil || c.ReportResponseDays != 1 {
		t.Fatalf("default: %v %v", c, err)
	}
	if c, err := Load(env(map[string]string{"REPORT_RESPONSE_DAYS": "3"})); err != nil || c.ReportResponseDays != 3 {
		t.Fatalf("3: %v %v", c, err)
	}
	for _, v := range []string{"0", "11", "eins", "-1"} {
		_, err := Load(env(map[string]string{"REPORT_RESPONSE_DAYS": v}))
		var ce *Error
		if !errors.As(err, &ce) || ce.Var != "REPORT_RESPONSE_DAYS" {
			t.Errorf("%q: %v", v, err)
		}
	}
}
