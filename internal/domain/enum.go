package domain

import (
	"reflect"
	"strconv"
)

// Code is the underlying kind of an enumeration's values: a string code on the wire and in
// the database ("sgb2"), or a small number (urgency 1 to 4).
type Code interface{ ~string | ~int }

// Choice is one value of an enumeration with its German label.
type Choice[T Code] struct {
	Value T
	Label string
}

// Enum is the one ordered table of an enumeration: its values in the order forms list them,
// each with its German label. The validators, the portal's option lists, the API's OpenAPI
// enums, the statistics and the demo data all read the table, so adding a value is one line.
type Enum[T Code] []Choice[T]

// Values returns the values in table order.
func (e Enum[T]) Values() []T {
	out := make([]T, len(e))
	for i, c := range e {
		out[i] = c.Value
	}
	return out
}

// Codes returns the values as they appear on the wire, in table order (the OpenAPI enum).
func (e Enum[T]) Codes() []string {
	out := make([]string, len(e))
	for i, c := range e {
		out[i] = codeOf(c.Value)
	}
	return out
}

// Options returns the table as select options.
func (e Enum[T]) Options() []Option {
	out := make([]Option, len(e))
	for i, c := range e {
		out[i] = Option{Value: codeOf(c.Value), Label: c.Label}
	}
	return out
}

// Has reports whether v is one of the table's values.
func (e Enum[T]) Has(v T) bool {
	for _, c := range e {
		if c.Value == v {
			return true
		}
	}
	return false
}

// Label returns the German label of v; an unknown value shows as it is.
func (e Enum[T]) Label(v T) string {
	for _, c := range e {
		if c.Value == v {
			return c.Label
		}
	}
	return codeOf(v)
}

// Parse returns the value whose wire code is s.
func (e Enum[T]) Parse(s string) (T, bool) {
	for _, c := range e {
		if codeOf(c.Value) == s {
			return c.Value, true
		}
	}
	var zero T
	return zero, false
}

// codeOf is v's wire form: the string itself, or the number in decimal.
func codeOf[T Code](v T) string {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.String {
		return rv.String()
	}
	return strconv.FormatInt(rv.Int(), 10)
}
