package validate

import (
	"errors"
	"testing"

	"wohnbruecke/internal/domain"
)

type sample struct {
	Name   string `form:"name" validate:"required,max=5" label:"Name"`
	Email  string `form:"email" validate:"omitempty,email" label:"E-Mail-Adresse"`
	PLZ    string `form:"postal_code" validate:"required,plz_hagen" label:"Postleitzahl"`
	Phone  string `form:"phone" validate:"omitempty,phone" label:"Telefon"`
	Places int    `json:"places" validate:"min=1,max=30" label:"Plätze"`
	Kind   string `form:"kind" validate:"oneof=private company" label:"Art"`
}

func TestGermanMessagesPerField(t *testing.T) {
	err := New().Struct(sample{Name: "zu lang", Email: "x@", PLZ: "44135", Phone: "abc", Places: 0, Kind: "x"})
	var ve *domain.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want *domain.ValidationError", err)
	}
	want := map[string]string{
		"name":        "Name darf höchstens 5 Zeichen haben.",
		"email":       "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de.",
		"postal_code": "Bitte geben Sie eine Hagener Postleitzahl an (58089 bis 58135).",
		"phone":       "Bitte geben Sie eine Telefonnummer mit Vorwahl an, z. B. 02331 207-0.",
		"places":      "Plätze muss mindestens 1 sein.",
		"kind":        "Bitte wählen Sie für Art einen der angebotenen Werte.",
	}
	for k, msg := range want {
		if ve.Fields[k] != msg {
			t.Errorf("%s: %q, want %q", k, ve.Fields[k], msg)
		}
	}
	if len(ve.Fields) != len(want) {
		t.Errorf("fields %v", ve.Fields)
	}
}

func TestValidInputPasses(t *testing.T) {
	ok := sample{Name: "Haus", PLZ: "58095", Phone: "02331 207-0", Places: 2, Kind: "company"}
	if err := New().Struct(ok); err != nil {
		t.Fatalf("valid input refused: %v", err)
	}
	missing := New().Struct(sample{PLZ: "58095", Places: 1, Kind: "private"})
	var ve *domain.ValidationError
	if !errors.As(missing, &ve) || ve.Fields["name"] != "Bitte geben Sie Name an." {
		t.Fatalf("missing name: %v", missing)
	}
}
