package domain

import "testing"

func TestAuditDetailRewritesOldDetails(t *testing.T) {
	for in, want := range map[string]string{
		"accepted=true no_show=false reason=":              "Zusage",
		"accepted=false no_show=true reason=":              "nicht erschienen",
		"accepted=false no_show=false reason=other_tenant": "Absage: Wohnung an andere Person vergeben",
		"vacancy 3, household 243, slot 5, rank 2":         "Rang 2",
		"place 1":                       "Platz 1",
		"slot 17":                       "",
		"from 4":                        "",
		"Fachverfahren (staff, user 5)": "Fachverfahren (Rolle " + RoleStaff.Label() + ")",
		"Klinikaufenthalt":              "Klinikaufenthalt",
	} {
		if got := AuditDetail(in); got != want {
			t.Errorf("AuditDetail(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAuditTextNamesTheRecord(t *testing.T) {
	id := int64(42)
	if got := AuditText("household.open", &id, "HH-2026-0042"); got != "Haushalt HH-2026-0042 geöffnet" {
		t.Errorf("got %q", got)
	}
	if got := AuditText("household.open", &id, ""); got != "Haushalt Nr. 42 geöffnet" {
		t.Errorf("gone record: got %q", got)
	}
	if got := AuditText("something.new", &id, "X"); got != "Sonstige Änderung an X" {
		t.Errorf("unknown action: got %q", got)
	}
}
