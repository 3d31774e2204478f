// Package validate checks input structs with go-playground/validator and turns every
// failure into a German message per field. The field key is the struct's `form` tag (or
// `json` tag), the wording uses its `label` tag, so the message names what the user sees.
package validate

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"

	"wohnbruecke/internal/domain"
)

// Validator wraps one validator instance (it caches struct metadata; safe for concurrent use).
type Validator struct {
	v *validator.Validate
}

// New returns a Validator with the project's custom rules.
func New() *Validator {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		for _, tag := range []string{"form", "json"} {
			if name, _, _ := strings.Cut(f.Tag.Get(tag), ","); name != "" && name != "-" {
				return name
			}
		}
		return f.Name
	})
	mustRegister(v, "plz_hagen", func(fl validator.FieldLevel) bool {
		return domain.DistrictsFor(fl.Field().String()) != nil
	})
	// enum accepts exactly the values of the field's enumeration table (domain.Enum): the
	// field's type says which table, so no rule lists the values a second time.
	mustRegister(v, "enum", func(fl validator.FieldLevel) bool {
		k, ok := fl.Field().Interface().(interface{ Valid() bool })
		return ok && k.Valid()
	})
	mustRegister(v, "phone", func(fl validator.FieldLevel) bool {
		s := strings.TrimSpace(fl.Field().String())
		digits := 0
		for _, r := range s {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case strings.ContainsRune(" +-/()", r):
			default:
				return false
			}
		}
		return digits >= 5 && digits <= 20
	})
	return &Validator{v: v}
}

func mustRegister(v *validator.Validate, tag string, fn validator.Func) {
	if err := v.RegisterValidation(tag, fn); err != nil {
		panic(fmt.Sprintf("validate: register %s: %v", tag, err))
	}
}

// Struct validates s and returns a *domain.ValidationError (nil when valid). Errors that are
// not about fields (a programming error) are returned as they are.
func (v *Validator) Struct(s any) error {
	err := v.v.Struct(s)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return fmt.Errorf("validate: %w", err)
	}
	out := domain.NewValidationError()
	t := reflect.Indirect(reflect.ValueOf(s)).Type()
	for _, fe := range verrs {
		out.Add(key(fe), message(fe, labelOf(t, fe)))
	}
	return out
}

// Into validates s and adds its field messages to ve; it returns other errors.
func (v *Validator) Into(ve *domain.ValidationError, s any) error {
	err := v.Struct(s)
	var fields *domain.ValidationError
	if errors.As(err, &fields) {
		for k, m := range fields.Fields {
			ve.Add(k, m)
		}
		return nil
	}
	return err
}

// key is the field's path without the struct name: "street", "members[0].birth_year".
func key(fe validator.FieldError) string {
	ns := fe.Namespace()
	if _, rest, ok := strings.Cut(ns, "."); ok {
		return rest
	}
	return fe.Field()
}

// labelOf finds the label tag of the failing field, following nested structs and slices
// along the struct namespace ("Input.Members[0].BirthYear"); without a tag it is the key.
func labelOf(t reflect.Type, fe validator.FieldError) string {
	parts := strings.Split(fe.StructNamespace(), ".")
	label := ""
	for _, part := range parts[1:] {
		name, _, _ := strings.Cut(part, "[")
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			break
		}
		f, ok := t.FieldByName(name)
		if !ok {
			break
		}
		label, t = f.Tag.Get("label"), f.Type
	}
	if label == "" {
		return fe.Field()
	}
	return label
}

func message(fe validator.FieldError, label string) string {
	p := fe.Param()
	isNumber := false
	switch fe.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		isNumber = true
	}
	switch fe.Tag() {
	case "required", "required_if", "required_with", "required_unless":
		return fmt.Sprintf("Bitte geben Sie %s an.", label)
	case "email":
		return "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."
	case "phone":
		return "Bitte geben Sie eine Telefonnummer mit Vorwahl an, z. B. 02331 207-0."
	case "plz_hagen":
		return "Bitte geben Sie eine Hagener Postleitzahl an (58089 bis 58135)."
	case "oneof", "enum":
		return fmt.Sprintf("Bitte wählen Sie für %s einen der angebotenen Werte.", label)
	case "min", "gte":
		if isNumber {
			return fmt.Sprintf("%s muss mindestens %s sein.", label, p)
		}
		return fmt.Sprintf("%s braucht mindestens %s Zeichen.", label, p)
	case "max", "lte":
		if isNumber {
			return fmt.Sprintf("%s darf höchstens %s sein.", label, p)
		}
		return fmt.Sprintf("%s darf höchstens %s Zeichen haben.", label, p)
	case "gt":
		return fmt.Sprintf("%s muss größer als %s sein.", label, p)
	case "len":
		return fmt.Sprintf("%s muss genau %s Zeichen haben.", label, p)
	case "numeric", "number":
		return fmt.Sprintf("%s darf nur Ziffern enthalten.", label)
	case "url", "http_url":
		return fmt.Sprintf("%s muss eine Internetadresse sein.", label)
	case "eqfield":
		return fmt.Sprintf("%s stimmt nicht überein.", label)
	case "dive", "unique":
		return fmt.Sprintf("%s enthält ungültige oder doppelte Einträge.", label)
	}
	return fmt.Sprintf("%s ist ungültig.", label)
}
